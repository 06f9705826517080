//! `event-pattern explain`: why a pattern matches an event, or why not, field by field.

use std::process::ExitCode;

use event_pattern::{explain, Event, Pattern};
use lexopt::prelude::*;

use crate::args::{once, text};
use crate::output::{finish, report, Failure, Out, SERVICE_ERROR_EXIT};
use crate::test_event_pattern::read_pair;

const COMMAND: &str = "event-pattern explain";

const HELP: &str = "\
event-pattern explain: show, for each field of an event pattern, the values the event has at
that path, which condition matched each value or why none did, which $or branch won, and which
element of an array of objects was used.

usage:
  event-pattern explain --event-pattern <JSON | file://PATH> --event <JSON | file://PATH>

Limits: the pattern and the event may each hold up to 1 MiB.
Exit code: 0 when the pattern matches, 1 when it does not, 254 when the pattern or event is
invalid (the error is printed with a caret under the problem), 2 for usage mistakes and
unreadable or too large input, 74 when the output could not be written.

example:
  event-pattern explain \\
      --event-pattern '{\"detail\":{\"state\":[\"running\"]}}' \\
      --event file://event.json
";

pub fn run(parser: lexopt::Parser) -> ExitCode {
    let mut out = Out::new();
    let result = run_checked(parser, &mut out);
    finish(COMMAND, &mut out, result)
}

fn run_checked(mut parser: lexopt::Parser, out: &mut Out) -> Result<u8, Failure> {
    let (mut pattern, mut event, mut help) = (None, None, false);
    while let Some(arg) = parser.next()? {
        match arg {
            Long("event-pattern") => once(
                &mut pattern,
                text(parser.value()?, "event-pattern")?,
                "event-pattern",
            )?,
            Long("event") => once(&mut event, text(parser.value()?, "event")?, "event")?,
            Short('h') | Long("help") => help = true,
            _ => return Err(arg.unexpected().into()),
        }
    }
    if help {
        out.text(HELP)?;
        return Ok(0);
    }
    let (pattern_text, event_text) = read_pair(pattern, event)?;
    let event = match Event::parse(&event_text) {
        Ok(event) => event,
        Err(error) => {
            report(&format!("{error}\n{}", error.detail()));
            return Ok(SERVICE_ERROR_EXIT);
        }
    };
    let pattern = match Pattern::parse(&pattern_text) {
        Ok(pattern) => pattern,
        Err(error) => {
            report(&error.render(&pattern_text));
            return Ok(SERVICE_ERROR_EXIT);
        }
    };
    out.text(&explain(&pattern, &event).to_string())?;
    Ok(if pattern.matches(&event) { 0 } else { 1 })
}
