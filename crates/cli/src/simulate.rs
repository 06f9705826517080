//! `event-pattern simulate`: the Simulator page's delivery simulation from the command line, on
//! the same code: `delivery::settings` builds the scenario of a preset or of saved rules from
//! the same settings the page keeps (and refuses the same settings with the same words),
//! `delivery::simulate` runs it and `delivery::describe` puts it in words.

use std::process::ExitCode;

use aws_model::EventSourceState;
use delivery::settings::{
    parse_seed, parse_whole, EventRate, OutageSettings, RetryableChoice, RulesInput,
    ScenarioChoice, SettingPath, SettingProblem, SimulatorSettings, TargetSettings,
    TargetSettingsEntry, DEFAULT_SEED,
};
use delivery::{describe, Scenario, WeightedSample, PRESETS};
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
  event-pattern simulate --preset ID [--seed N] [--output text|json|scenario]
  event-pattern simulate --scenario <JSON | file://PATH> [--seed N] [--output text|json|scenario]
  event-pattern simulate --rules RULES.json --event <JSON | file://PATH>... [--bus NAME]
      [--rule NAME] [--rate PER_SECOND] [--minutes N] [--down FROM-UNTIL] [--seed N]
      [--output text|json|scenario]
  event-pattern simulate --list-presets

options:
  --preset ID        one of the ready-made scenarios (see --list-presets), run as the
                     Simulator page runs it
  --scenario JSON    a scenario as the JavaScript API's simulate() takes it
  --rules FILE       saved rules (targets, retry policies, dead-letter queues): a JSON array of
                     rules, {\"rules\": [...]}, or the playground's export; with --event (one or
                     more sample events, sent in turn), --bus (default: the first rule's bus),
                     --rule (one rule of that bus; default: every enabled rule on it), --rate
                     (events per second, default 1; a whole number per second, minute or hour),
                     --minutes (default 10) and --down (every target fails with a retryable
                     error from minute FROM until UNTIL). Targets otherwise answer as the
                     Simulator page's healthy target does (in 50 ms); dead-letter queues are
                     taken to have their policy for EventBridge.
  --seed N           the random seed (same seed, same run); default: the scenario's own (42
                     for presets and rules, as on the Simulator page)
  --output FORMAT    text (default): the scenario and its outcomes in words;
                     json: the whole report, as the JavaScript API's simulate() returns it;
                     scenario: the scenario that would run, for --scenario

Limits: a scenario may hold up to 16 MiB.
Settings the Simulator page refuses are refused with the same words, each after its path
(e.g. duration_minutes, targets[0].outage.until_minute).
Exit code: 0 done, 254 an invalid scenario or settings, 2 usage mistakes or unreadable input, 74 when the
output could not be written.
";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    Json,
    /// The scenario itself, as `--scenario` reads it.
    Scenario,
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
                let parsed = parse_seed(&value).ok_or_else(|| {
                    Failure::Usage(format!("--seed takes a whole number, not {value:?}"))
                })?;
                once(&mut seed, parsed, "seed")?;
            }
            Long("output") => {
                let value = text(parser.value()?, "output")?;
                let parsed = match value.as_str() {
                    "text" => Format::Text,
                    "json" => Format::Json,
                    "scenario" => Format::Scenario,
                    _ => {
                        return Err(Failure::Usage(format!(
                            "--output is text, json or scenario, not {value:?}"
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
            Long("rule") => once(&mut from_rules.rule, text(parser.value()?, "rule")?, "rule")?,
            // The numbers' ranges are the settings' check's to refuse, in the page's words;
            // here only their shape is read.
            Long("rate") => {
                let value = text(parser.value()?, "rate")?;
                let rate = value
                    .trim()
                    .parse::<f64>()
                    .ok()
                    .and_then(EventRate::from_per_second)
                    .ok_or_else(|| {
                        Failure::Usage(format!(
                            "--rate takes events per second above 0 that make a whole number per second, minute or hour (0.5 is 30 per minute), not {value:?}"
                        ))
                    })?;
                once(&mut from_rules.rate, rate, "rate")?;
            }
            Long("minutes") => {
                let value = text(parser.value()?, "minutes")?;
                let minutes = parse_whole(&value).ok_or_else(|| {
                    Failure::Usage(format!("--minutes takes a whole number, not {value:?}"))
                })?;
                once(&mut from_rules.minutes, minutes, "minutes")?;
            }
            Long("down") => {
                let value = text(parser.value()?, "down")?;
                let window = value
                    .split_once('-')
                    .and_then(|(from, until)| Some((parse_whole(from)?, parse_whole(until)?)))
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
    let scenario = match (preset, scenario, from_rules.rules.is_some()) {
        (Some(id), None, false) => preset_scenario(&id, seed)?,
        (None, Some(value), false) => {
            let text = read_parameter(&value, "the scenario", MAX_SCENARIO_BYTES)
                .map_err(Failure::Usage)?;
            let mut scenario = serde_json::from_str::<Scenario>(&text)
                .map_err(|e| Failure::Invalid(format!("invalid scenario: {e}")))?;
            if let Some(seed) = seed {
                scenario.seed = seed;
            }
            scenario
        }
        (None, None, true) => from_rules.scenario(seed)?,
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
    let json = |value: Result<String, serde_json::Error>, what: &str| {
        value.map_err(|e| Failure::Invalid(format!("the {what} cannot be written: {e}")))
    };
    match format.unwrap_or(Format::Text) {
        // Written without running it, to be edited and given back with --scenario.
        Format::Scenario => out.line(&json(serde_json::to_string(&scenario), "scenario")?)?,
        Format::Json => {
            let report =
                delivery::simulate(&scenario).map_err(|e| Failure::Invalid(e.to_string()))?;
            out.line(&json(serde_json::to_string(&report), "report")?)?;
        }
        Format::Text => {
            let report =
                delivery::simulate(&scenario).map_err(|e| Failure::Invalid(e.to_string()))?;
            out.text(&summary(&scenario, &report))?;
        }
    }
    Ok(0)
}

/// `--rules` and the traffic settings that go with it.
#[derive(Default)]
struct RulesSettings {
    rules: Option<String>,
    events: Vec<String>,
    bus: Option<String>,
    rule: Option<String>,
    rate: Option<EventRate>,
    minutes: Option<u32>,
    /// Minutes from and until which every target is down.
    down: Option<(u32, u32)>,
}

impl RulesSettings {
    /// The scenario the Simulator page would build with these settings on these rules.
    fn scenario(&self, seed: Option<u64>) -> Result<Scenario, Failure> {
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
        let mut settings = SimulatorSettings {
            choice: ScenarioChoice::MyRules,
            bus: bus.clone(),
            rule: self.rule.clone(),
            rate: self.rate.unwrap_or_default(),
            duration_minutes: self.minutes.unwrap_or(10),
            seed: seed.unwrap_or(DEFAULT_SEED),
            ..SimulatorSettings::default()
        };
        // Every target gets its settings: a rules file has no queue policies, so they are
        // taken to be attached, and `--down` is an outage of every target. Pushed rather than
        // edited in: the page's bound on remembered targets is not the file's to obey.
        let target_settings = TargetSettings {
            outage: match self.down {
                Some((from_minute, until_minute)) => OutageSettings {
                    enabled: true,
                    from_minute,
                    until_minute,
                    error: RetryableChoice::ServerError,
                },
                None => OutageSettings::default(),
            },
            dlq_policy_attached: Some(true),
            ..TargetSettings::default()
        };
        for rule in &on_bus {
            for target in &rule.targets {
                settings.targets.push(TargetSettingsEntry {
                    bus: bus.clone(),
                    rule: rule.name.clone(),
                    target_id: target.id.clone(),
                    settings: target_settings,
                });
            }
        }
        let input = RulesInput {
            rules_on_bus: on_bus.clone(),
            samples,
            // A partner bus named in a rules file is taken to be receiving.
            partner_source_state: Some(EventSourceState::Active),
            account: on_bus[0].account_id.clone(),
            region: on_bus[0].region.clone(),
        };
        settings.rules_scenario(&input).map_err(|problems| {
            // A target's path counts the simulated targets; name the target too.
            let targets: Vec<(&str, &str)> = settings
                .select_rules(&on_bus, &input.region)
                .unwrap_or_default()
                .into_iter()
                .flat_map(|rule| {
                    rule.targets
                        .iter()
                        .map(|target| (rule.name.as_str(), target.id.as_str()))
                })
                .collect();
            invalid_settings(&problems, |index| targets.get(index).copied())
        })
    }
}

/// The preset as the Simulator page runs it: its scenario with the page's run settings.
fn preset_scenario(id: &str, seed: Option<u64>) -> Result<Scenario, Failure> {
    let settings = SimulatorSettings {
        seed: seed.unwrap_or(DEFAULT_SEED),
        ..SimulatorSettings::default()
    };
    match settings.preset_scenario(id) {
        Ok((_, scenario)) => Ok(scenario),
        // An unknown preset is a mistake in the arguments.
        Err(problems) => match problems.iter().find(|p| p.path == SettingPath::Preset) {
            Some(problem) => Err(Failure::Usage(problem.message.clone())),
            None => Err(invalid_settings(&problems, |_| None)),
        },
    }
}

/// Every problem on its own line, `path: message`, with the rule and target a target's path
/// stands for when `target` knows it.
fn invalid_settings<'a>(
    problems: &[SettingProblem],
    target: impl Fn(usize) -> Option<(&'a str, &'a str)>,
) -> Failure {
    let mut text = String::from("invalid settings:");
    for problem in problems {
        let named = match problem.path {
            SettingPath::Target { index, .. } => target(index)
                .map(|(rule, id)| format!(" (rule {rule}, target {id})"))
                .unwrap_or_default(),
            _ => String::new(),
        };
        text.push_str(&format!("\n  {}{named}: {}", problem.path, problem.message));
    }
    Failure::Invalid(text)
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
