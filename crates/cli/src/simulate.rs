//! `event-pattern simulate`: the Simulator page's delivery simulation from the command line, on
//! the same code (`delivery::simulate` for the run, `delivery::describe` for the words).

use std::process::ExitCode;

use delivery::{describe, Preset, Scenario, PRESETS};
use lexopt::prelude::*;

use crate::args::{once, text};
use crate::input::read_parameter;
use crate::limits::MAX_SCENARIO_BYTES;
use crate::output::{finish, Failure, Out};

const COMMAND: &str = "event-pattern simulate";

const HELP: &str = "\
event-pattern simulate: run EventBridge's delivery of a scenario (rules, targets that fail in
planned ways, retry policies, dead-letter queues) and print what happens to every invocation,
as the playground's Simulator page does.

usage:
  event-pattern simulate --preset ID [--seed N] [--output text|json]
  event-pattern simulate --scenario <JSON | file://PATH> [--seed N] [--output text|json]
  event-pattern simulate --list-presets

options:
  --preset ID        one of the ready-made scenarios (see --list-presets)
  --scenario JSON    a scenario as the JavaScript API's simulate() takes it
  --seed N           the random seed (same seed, same run); default: the scenario's own
  --output FORMAT    text (default): the scenario and its outcomes in words;
                     json: the whole report, as the JavaScript API's simulate() returns it

Limits: a scenario may hold up to 16 MiB.
Exit code: 0 done, 254 an invalid scenario, 2 usage mistakes or unreadable input, 74 when the
output could not be written.
";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    Json,
}

pub fn run(parser: lexopt::Parser) -> ExitCode {
    let mut out = Out::new();
    let result = run_checked(parser, &mut out);
    finish(COMMAND, &mut out, result)
}

fn run_checked(mut parser: lexopt::Parser, out: &mut Out) -> Result<u8, Failure> {
    let (mut preset, mut scenario, mut seed, mut format) = (None, None, None, None);
    let (mut list, mut help) = (false, false);
    while let Some(arg) = parser.next()? {
        match arg {
            Long("preset") => once(&mut preset, text(parser.value()?, "preset")?, "preset")?,
            Long("scenario") => once(
                &mut scenario,
                text(parser.value()?, "scenario")?,
                "scenario",
            )?,
            Long("seed") => {
                let value = text(parser.value()?, "seed")?;
                let parsed = value.parse::<u64>().map_err(|_| {
                    Failure::Usage(format!("--seed takes a whole number, not {value:?}"))
                })?;
                once(&mut seed, parsed, "seed")?;
            }
            Long("output") => {
                let value = text(parser.value()?, "output")?;
                let parsed = match value.as_str() {
                    "text" => Format::Text,
                    "json" => Format::Json,
                    _ => {
                        return Err(Failure::Usage(format!(
                            "--output is text or json, not {value:?}"
                        )))
                    }
                };
                once(&mut format, parsed, "output")?;
            }
            Long("list-presets") => list = true,
            Short('h') | Long("help") => help = true,
            _ => return Err(arg.unexpected().into()),
        }
    }
    if help {
        out.text(HELP)?;
        return Ok(0);
    }
    if list {
        for preset in PRESETS {
            out.line(&format!("{:<28} {}", preset.id, preset.title))?;
        }
        return Ok(0);
    }
    let mut scenario = match (preset, scenario) {
        (Some(id), None) => (find_preset(&id)?.build)(),
        (None, Some(value)) => {
            let text = read_parameter(&value, "the scenario", MAX_SCENARIO_BYTES)
                .map_err(Failure::Usage)?;
            serde_json::from_str::<Scenario>(&text)
                .map_err(|e| Failure::Invalid(format!("invalid scenario: {e}")))?
        }
        (Some(_), Some(_)) => {
            return Err(Failure::Usage(
                "give either --preset or --scenario, not both".to_owned(),
            ))
        }
        (None, None) => {
            return Err(Failure::Usage(
                "give a scenario: --preset ID or --scenario JSON".to_owned(),
            ))
        }
    };
    if let Some(seed) = seed {
        scenario.seed = seed;
    }
    let report = delivery::simulate(&scenario).map_err(|e| Failure::Invalid(e.to_string()))?;
    match format.unwrap_or(Format::Text) {
        Format::Json => {
            let json = serde_json::to_string(&report)
                .map_err(|e| Failure::Invalid(format!("the report cannot be written: {e}")))?;
            out.line(&json)?;
        }
        Format::Text => out.text(&summary(&scenario, &report))?,
    }
    Ok(0)
}

fn find_preset(id: &str) -> Result<&'static Preset, Failure> {
    PRESETS
        .iter()
        .find(|preset| preset.id == id)
        .ok_or_else(|| {
            let known: Vec<&str> = PRESETS.iter().map(|preset| preset.id).collect();
            Failure::Usage(format!(
                "there is no preset {id:?}; the presets are {}",
                known.join(", ")
            ))
        })
}

/// The scenario's outline, then the outcomes: the words the Simulator page shows.
fn summary(scenario: &Scenario, report: &delivery::Report) -> String {
    let outline = describe::outline(scenario);
    let mut text = String::from("Scenario\n");
    for line in outline.streams.iter().chain(&outline.sources) {
        text.push_str(&format!("  {line}\n"));
    }
    for rule in &outline.rules {
        text.push_str(&format!(
            "  {}\n    pattern: {}\n",
            rule.heading, rule.pattern
        ));
        for target in &rule.targets {
            text.push_str(&format!(
                "    target {}: {}; {}; {}\n",
                target.id, target.policy, target.dlq, target.behaviour
            ));
        }
    }
    text.push_str(&format!(
        "\nOutcome\n  {}\n",
        describe::headline(&report.summary)
    ));
    for (label, value) in describe::run_facts(report) {
        text.push_str(&format!("  {label}: {value}\n"));
    }
    let rows = describe::target_rows(report);
    if !rows.is_empty() {
        text.push_str(
            "\nPer target (created, attempts, retries; delivered, DLQ, dropped, DLQ failed)\n",
        );
        for row in rows {
            let outcomes: Vec<String> = row
                .outcomes
                .iter()
                .map(|(count, share)| format!("{} ({share})", describe::format_count(*count)))
                .collect();
            text.push_str(&format!(
                "  {} / {}: {}, {}, {}; {}\n",
                row.rule,
                row.target_id,
                describe::format_count(row.created),
                describe::format_count(row.attempts),
                describe::format_count(row.retries),
                outcomes.join(", ")
            ));
        }
    }
    text
}
