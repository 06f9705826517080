//! `event-pattern explain`: why a pattern matches an event, or why not, field by field.

use std::process::ExitCode;

use event_pattern::{explain, Event, Pattern};

use crate::args::Options;
use crate::input::read_parameter;
use crate::test_event_pattern::SERVICE_ERROR_EXIT;

const HELP: &str = "\
event-pattern explain: show, for each field of an event pattern, the values the event has at
that path, which condition matched each value or why none did, which $or branch won, and which
element of an array of objects was used.

usage:
  event-pattern explain --event-pattern <JSON | file://PATH> --event <JSON | file://PATH>

Exit code: 0 when the pattern matches, 1 when it does not, 254 when the pattern or event is
invalid (the error is printed with a caret under the problem).

example:
  event-pattern explain \\
      --event-pattern '{\"detail\":{\"state\":[\"running\"]}}' \\
      --event file://event.json
";

pub fn run(args: &[String]) -> ExitCode {
    let options = match Options::parse(args, &["event-pattern", "event"]) {
        Ok(options) => options,
        Err(message) => return usage_error(&message),
    };
    if options.help {
        print!("{HELP}");
        return ExitCode::SUCCESS;
    }
    let texts = options
        .require("event-pattern")
        .and_then(read_parameter)
        .and_then(|pattern| Ok((pattern, options.require("event").and_then(read_parameter)?)));
    let (pattern_text, event_text) = match texts {
        Ok(texts) => texts,
        Err(message) => return usage_error(&message),
    };
    let event = match Event::parse(&event_text) {
        Ok(event) => event,
        Err(error) => {
            eprintln!("{error}\n{}", error.detail());
            return ExitCode::from(SERVICE_ERROR_EXIT);
        }
    };
    let pattern = match Pattern::parse(&pattern_text) {
        Ok(pattern) => pattern,
        Err(error) => {
            eprintln!("{}", error.render(&pattern_text));
            return ExitCode::from(SERVICE_ERROR_EXIT);
        }
    };
    let explanation = explain(&pattern, &event);
    print!("{explanation}");
    if pattern.matches(&event) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("event-pattern explain: {message}\n(see `event-pattern explain --help`)");
    ExitCode::from(2)
}
