//! `event-pattern migrate`: the preview of moving Classic rules to the new Custom Event Bus
//! (`custom_bus::migration`): one subscriber per target, what changes and what to do, and the
//! CloudFormation or `aws eventsv2` commands that create them.

use std::process::ExitCode;

use custom_bus::migration::{migrate, ClassicRule};
use lexopt::prelude::*;

use crate::args::{once, text};
use crate::input::read_parameter;
use crate::limits::MAX_SCENARIO_BYTES;
use crate::output::{finish, Failure, Out};
use crate::rules_file::read_rules;

const COMMAND: &str = "event-pattern migrate";

const HELP: &str = "\
event-pattern migrate: preview saved Classic rules on the new Custom Event Bus (eventsv2): one
subscriber per target, each difference in behaviour (wildcards the new bus refuses, retry
defaults, dead-letter records, input transformers rewritten as JSONata) and what to do.

usage:
  event-pattern migrate --rules RULES.json --bus-arn ARN [--rule NAME] [--output FORMAT]

options:
  --rules FILE       saved rules: a JSON array of rules, {\"rules\": [...]}, or the playground's export
  --bus-arn ARN      the new bus, arn:aws:events:<region>:<account>:event-busv2/<name>/<id>
  --rule NAME        only this rule (default: every rule in the file)
  --output FORMAT    text (default): the notes in words; cloudformation-json, cloudformation-yaml
                     or cli: what creates the subscribers

Exit code: 0 nothing needs action, 1 some subscriber needs action before it works as the rule
did, 2 usage mistakes or unreadable input, 254 an invalid rules file, 74 output not written.
";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    CloudFormationJson,
    CloudFormationYaml,
    Cli,
}

pub fn run(parser: lexopt::Parser) -> ExitCode {
    let mut out = Out::new();
    let result = run_checked(parser, &mut out);
    finish(COMMAND, &mut out, result)
}

fn run_checked(mut parser: lexopt::Parser, out: &mut Out) -> Result<u8, Failure> {
    let (mut rules, mut bus_arn, mut only, mut format, mut help) = (None, None, None, None, false);
    while let Some(arg) = parser.next()? {
        match arg {
            Long("rules") => once(&mut rules, text(parser.value()?, "rules")?, "rules")?,
            Long("bus-arn") => once(&mut bus_arn, text(parser.value()?, "bus-arn")?, "bus-arn")?,
            Long("rule") => once(&mut only, text(parser.value()?, "rule")?, "rule")?,
            Long("output") => {
                let value = text(parser.value()?, "output")?;
                let parsed = match value.as_str() {
                    "text" => Format::Text,
                    "cloudformation-json" => Format::CloudFormationJson,
                    "cloudformation-yaml" => Format::CloudFormationYaml,
                    "cli" => Format::Cli,
                    _ => {
                        return Err(Failure::Usage(format!(
                            "--output is text, cloudformation-json, cloudformation-yaml or cli, not {value:?}"
                        )))
                    }
                };
                once(&mut format, parsed, "output")?;
            }
            Short('h') | Long("help") => help = true,
            _ => return Err(arg.unexpected().into()),
        }
    }
    if help {
        out.text(HELP)?;
        return Ok(0);
    }
    let path = rules.ok_or_else(|| Failure::Usage("give the rules: --rules FILE".to_owned()))?;
    let bus_arn =
        bus_arn.ok_or_else(|| Failure::Usage("give the new bus: --bus-arn ARN".to_owned()))?;
    custom_bus::ids::parse_bus_arn(&bus_arn)
        .map_err(|e| Failure::Usage(format!("--bus-arn {bus_arn:?} is not a bus ARN: {e}")))?;
    let text = read_parameter(
        &format!("file://{}", path.trim_start_matches("file://")),
        "the rules file",
        MAX_SCENARIO_BYTES,
    )
    .map_err(Failure::Usage)?;
    let saved = read_rules(&text).map_err(Failure::Invalid)?;
    let selected: Vec<_> = saved
        .iter()
        .filter(|rule| only.as_ref().is_none_or(|name| &rule.name == name))
        .collect();
    if selected.is_empty() {
        return Err(Failure::Invalid(match only {
            Some(name) => format!("there is no rule {name:?} in the rules file"),
            None => "the rules file holds no rule".to_owned(),
        }));
    }
    let engine = custom_bus::rust_jsonata::RustJsonata;
    let mut needs_action = false;
    for rule in selected {
        let plan = migrate(&ClassicRule::from_saved(rule), &bus_arn, Some(&engine));
        needs_action |= plan.needs_action();
        let written = match format.unwrap_or(Format::Text) {
            Format::Text => plan.describe(),
            Format::CloudFormationJson => plan.cloudformation_json(),
            Format::CloudFormationYaml => plan.cloudformation_yaml(),
            Format::Cli => plan.cli_script(),
        };
        out.text(&written)?;
        if !written.ends_with('\n') {
            out.text("\n")?;
        }
    }
    Ok(u8::from(needs_action))
}
