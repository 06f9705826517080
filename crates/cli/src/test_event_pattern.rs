//! `event-pattern test-event-pattern`: one pattern and one event, or a batch file of cases.

use std::process::ExitCode;

use event_pattern::{Event, Pattern};

use crate::args::Options;
use crate::cases;
use crate::input::read_parameter;

const HELP: &str = "\
event-pattern test-event-pattern: does an event match an event pattern? Answers like
`aws events test-event-pattern`, offline.

usage:
  event-pattern test-event-pattern --event-pattern <JSON | file://PATH> --event <JSON | file://PATH>
  event-pattern test-event-pattern --cases FILE

With --event-pattern and --event it prints what the AWS CLI prints and exits 0:
  {
      \"Result\": true
  }
An invalid pattern or event prints AWS's error on stderr and exits 254, like the AWS CLI:
  An error occurred (InvalidEventPatternException) when calling the TestEventPattern operation: ...
The event must be a JSON object with id, account, source, time, region and detail-type, as
TestEventPattern requires (otherwise: ValidationException, Parameter Event is not valid.).

With --cases FILE, each line of FILE is one case, either
  {\"pattern\": <JSON value>, \"event\": <JSON value>}
or, for texts a JSON value cannot hold (duplicate keys),
  {\"pattern_text\": \"<text>\", \"event_text\": \"<text>\"}
and each case prints one line: {\"Result\":true}, {\"Result\":false} or
  {\"Error\":{\"Code\":\"InvalidEventPatternException\",\"Message\":\"<first line of the message>\"}}
Blank lines are skipped. A line that is not a valid case prints an Error with Code
\"InvalidCase\", and the exit code is then 1.

examples:
  event-pattern test-event-pattern \\
      --event-pattern '{\"source\":[{\"prefix\":\"aws.partner/shopify.com\"}]}' \\
      --event file://order-created.json
  event-pattern test-event-pattern --cases cases.jsonl > results.jsonl
";

/// The AWS CLI's exit code for a service error.
pub const SERVICE_ERROR_EXIT: u8 = 254;

pub fn run(args: &[String]) -> ExitCode {
    let options = match Options::parse(args, &["event-pattern", "event", "cases"]) {
        Ok(options) => options,
        Err(message) => return usage_error(&message),
    };
    if options.help {
        print!("{HELP}");
        return ExitCode::SUCCESS;
    }
    if let Some(path) = options.get("cases") {
        if options.get("event-pattern").is_some() || options.get("event").is_some() {
            return usage_error("--cases cannot be combined with --event-pattern or --event");
        }
        return cases::run_file(path);
    }
    let texts = options
        .require("event-pattern")
        .and_then(read_parameter)
        .and_then(|pattern| Ok((pattern, options.require("event").and_then(read_parameter)?)));
    let (pattern_text, event_text) = match texts {
        Ok(texts) => texts,
        Err(message) => return usage_error(&message),
    };
    match test(&pattern_text, &event_text) {
        Ok(result) => {
            println!("{{\n    \"Result\": {result}\n}}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!(
                "\nAn error occurred ({}) when calling the TestEventPattern operation: {}",
                error.code, error.message
            );
            ExitCode::from(SERVICE_ERROR_EXIT)
        }
    }
}

/// An error as the TestEventPattern API reports it.
pub struct ApiError {
    pub code: &'static str,
    pub message: String,
}

/// TestEventPattern: the event is checked first, then the pattern (the order LocalStack, which
/// mirrors AWS, uses; AWS's own order is not recorded).
pub fn test(pattern_text: &str, event_text: &str) -> Result<bool, ApiError> {
    let event = Event::parse(event_text).map_err(|e| ApiError {
        code: e.code(),
        message: e.to_string(),
    })?;
    let pattern = Pattern::parse(pattern_text).map_err(|e| ApiError {
        code: e.code(),
        message: e.to_string(),
    })?;
    Ok(pattern.matches(&event))
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("event-pattern test-event-pattern: {message}\n(see `event-pattern test-event-pattern --help`)");
    ExitCode::from(2)
}
