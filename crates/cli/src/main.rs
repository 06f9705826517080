//! `event-pattern`: an offline stand-in for `aws events test-event-pattern`, for CI pipelines.
//!
//! Output and exit codes follow the AWS CLI so scripts written against one work with the other:
//! results on stdout as the AWS CLI formats them, errors on stderr as
//! `An error occurred (<Code>) when calling the TestEventPattern operation: <message>`, exit 254.

mod args;
mod cases;
mod explain;
mod input;
mod match_events;
mod test_event_pattern;

use std::process::ExitCode;

const USAGE: &str = "\
event-pattern: test Amazon EventBridge event patterns offline, with AWS's results and messages.

usage:
  event-pattern test-event-pattern --event-pattern <JSON | file://PATH> --event <JSON | file://PATH>
  event-pattern test-event-pattern --cases FILE
  event-pattern explain --event-pattern <JSON | file://PATH> --event <JSON | file://PATH>
  event-pattern match --rules RULES.json --events EVENTS.jsonl [--count] [--passes N]
  event-pattern <command> --help

commands:
  test-event-pattern   answer like `aws events test-event-pattern` (one pair, or a batch file)
  explain              show, field by field, why a pattern matches an event or not
  match                match a file of events (one per line) against many named rules
";

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, rest)) = argv.split_first() else {
        eprint!("{USAGE}");
        return ExitCode::from(2);
    };
    match command.as_str() {
        "test-event-pattern" => test_event_pattern::run(rest),
        "explain" => explain::run(rest),
        "match" => match_events::run(rest),
        "-h" | "--help" | "help" => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        "--version" | "-V" => {
            println!("event-pattern {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        other => {
            eprintln!("event-pattern: unknown command `{other}`\n");
            eprint!("{USAGE}");
            ExitCode::from(2)
        }
    }
}
