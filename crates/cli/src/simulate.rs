//! `event-pattern simulate`: the Simulator page's delivery simulation from the command line, on
//! the same code (`delivery::simulate` for the run, `delivery::describe` for the words).

use std::process::ExitCode;

use aws_model::{EventSourceState, RetryableError};
use delivery::{
    describe, scenario_from_rules, Outage, Preset, Scenario, TargetBehaviour, TargetSetup, Traffic,
    WeightedSample, PRESETS,
};
use lexopt::prelude::*;
use rules::Rule;

use crate::args::{once, text};
use crate::input::read_parameter;
use crate::limits::{MAX_EVENT_BYTES, MAX_SCENARIO_BYTES};
use crate::output::{finish, Failure, Out};
use crate::rules_file::read_rules;

const COMMAND: &str = "event-pattern simulate";

const HELP: &str = "\
event-pattern simulate: run EventBridge's delivery of a scenario (rules, targets that fail in
planned ways, retry policies, dead-letter queues) and print what happens to every invocation,
as the playground's Simulator page does.

usage:
  event-pattern simulate --preset ID [--seed N] [--output text|json]
  event-pattern simulate --scenario <JSON | file://PATH> [--seed N] [--output text|json]
  event-pattern simulate --rules RULES.json --event <JSON | file://PATH>... [--bus NAME]
      [--rate PER_SECOND] [--minutes N] [--down FROM-UNTIL] [--seed N] [--output text|json]
  event-pattern simulate --list-presets

options:
  --preset ID        one of the ready-made scenarios (see --list-presets)
  --scenario JSON    a scenario as the JavaScript API's simulate() takes it
  --rules FILE       saved rules (targets, retry policies, dead-letter queues): a JSON array of
                     rules, {\"rules\": [...]}, or the playground's export; with --event (one or
                     more sample events, sent in turn), --bus (default: the first rule's bus),
                     --rate (events per second, default 1), --minutes (default 10) and --down
                     (every target fails with a retryable error from minute FROM until UNTIL)
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
    let mut from_rules = RulesSettings::default();
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
            Long("rules") => once(
                &mut from_rules.rules,
                text(parser.value()?, "rules")?,
                "rules",
            )?,
            Long("event") => from_rules.events.push(text(parser.value()?, "event")?),
            Long("bus") => once(&mut from_rules.bus, text(parser.value()?, "bus")?, "bus")?,
            Long("rate") => {
                let value = text(parser.value()?, "rate")?;
                let rate = value
                    .parse::<f64>()
                    .ok()
                    .filter(|rate| rate.is_finite() && *rate > 0.0)
                    .ok_or_else(|| {
                        Failure::Usage(format!(
                            "--rate takes events per second above 0, not {value:?}"
                        ))
                    })?;
                once(&mut from_rules.rate, rate, "rate")?;
            }
            Long("minutes") => {
                let value = text(parser.value()?, "minutes")?;
                let minutes = value
                    .parse::<u32>()
                    .ok()
                    .filter(|m| *m > 0)
                    .ok_or_else(|| {
                        Failure::Usage(format!(
                            "--minutes takes a whole number above 0, not {value:?}"
                        ))
                    })?;
                once(&mut from_rules.minutes, minutes, "minutes")?;
            }
            Long("down") => {
                let value = text(parser.value()?, "down")?;
                let window = value
                    .split_once('-')
                    .and_then(|(from, until)| {
                        Some((from.parse::<u64>().ok()?, until.parse::<u64>().ok()?))
                    })
                    .filter(|(from, until)| from < until)
                    .ok_or_else(|| {
                        Failure::Usage(format!(
                            "--down takes FROM-UNTIL in minutes, e.g. 5-65, not {value:?}"
                        ))
                    })?;
                once(&mut from_rules.down, window, "down")?;
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
    let mut scenario = match (preset, scenario, from_rules.rules.is_some()) {
        (Some(id), None, false) => (find_preset(&id)?.build)(),
        (None, Some(value), false) => {
            let text = read_parameter(&value, "the scenario", MAX_SCENARIO_BYTES)
                .map_err(Failure::Usage)?;
            serde_json::from_str::<Scenario>(&text)
                .map_err(|e| Failure::Invalid(format!("invalid scenario: {e}")))?
        }
        (None, None, true) => from_rules.scenario()?,
        (None, None, false) => {
            return Err(Failure::Usage(
                "give a scenario: --preset ID, --scenario JSON or --rules FILE".to_owned(),
            ))
        }
        _ => {
            return Err(Failure::Usage(
                "give only one of --preset, --scenario and --rules".to_owned(),
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

/// `--rules` and the traffic settings that go with it.
#[derive(Default)]
struct RulesSettings {
    rules: Option<String>,
    events: Vec<String>,
    bus: Option<String>,
    rate: Option<f64>,
    minutes: Option<u32>,
    /// Minutes from and until which every target is down.
    down: Option<(u64, u64)>,
}

impl RulesSettings {
    fn scenario(&self) -> Result<Scenario, Failure> {
        let path = self.rules.as_deref().unwrap_or_default();
        let text = read_parameter(
            &format!("file://{}", path.trim_start_matches("file://")),
            "the rules file",
            MAX_SCENARIO_BYTES,
        )
        .map_err(Failure::Usage)?;
        let rules = read_rules(&text).map_err(Failure::Invalid)?;
        if self.events.is_empty() {
            return Err(Failure::Usage(
                "--rules needs at least one sample event: --event <JSON | file://PATH>".to_owned(),
            ));
        }
        let mut samples = Vec::new();
        for event in &self.events {
            let text =
                read_parameter(event, "the event", MAX_EVENT_BYTES).map_err(Failure::Usage)?;
            samples.push(WeightedSample { text, weight: 1 });
        }
        let bus = match (&self.bus, rules.first()) {
            (Some(bus), _) => bus.clone(),
            (None, Some(rule)) => rule.event_bus.clone(),
            (None, None) => {
                return Err(Failure::Invalid("the rules file holds no rule".to_owned()))
            }
        };
        let on_bus: Vec<&Rule> = rules.iter().filter(|rule| rule.event_bus == bus).collect();
        if on_bus.is_empty() {
            return Err(Failure::Invalid(format!(
                "no rule in the file is on the event bus {bus}"
            )));
        }
        let traffic = Traffic {
            bus,
            // A partner bus named in a rules file is taken to be receiving.
            partner_source_state: Some(EventSourceState::Active),
            rate_per_second: self.rate.unwrap_or(1.0),
            duration_ms: u64::from(self.minutes.unwrap_or(10)) * 60_000,
            samples,
            account: on_bus[0].account_id.clone(),
            region: on_bus[0].region.clone(),
            seed: 1,
        };
        let down = self.down;
        Ok(scenario_from_rules(&on_bus, &traffic, |_, _| TargetSetup {
            behaviour: TargetBehaviour {
                outages: down
                    .map(|(from, until)| Outage {
                        from_ms: from * 60_000,
                        until_ms: until * 60_000,
                        error: RetryableError::ServerError,
                    })
                    .into_iter()
                    .collect(),
                ..TargetBehaviour::default()
            },
            dlq_policy_attached: true,
        }))
    }
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
