//! The saved rules, grouped by event bus, and their exports.

use aws_model::DEFAULT_EVENT_BUS;
use catalog::{Partner, PartnerRegistry};
use rules::{export, Rule, RuleStore};

/// The rules of one event bus in the current Region.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BusSection {
    pub bus: String,
    pub partner: Option<&'static Partner>,
    /// False for a bus that has rules but no longer exists in this account (its partner bus was
    /// deleted): the rules stay listed so they can be exported or deleted.
    pub exists: bool,
    pub rules: Vec<Rule>,
}

/// Bus names of every rule in `region`. The store lists one bus at a time, so the names are
/// read from its saved form.
fn buses_with_rules(store: &RuleStore, region: &str) -> Vec<String> {
    let saved = serde_json::to_value(store).unwrap_or_default();
    let mut names: Vec<String> = saved["rules"]
        .as_array()
        .map(|rules| {
            rules
                .iter()
                .filter(|rule| rule["region"] == region)
                .filter_map(|rule| rule["event_bus"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names.dedup();
    names
}

/// `default`, then the account's partner buses, then any other bus that has rules.
pub fn bus_sections(
    store: &RuleStore,
    registry: &PartnerRegistry,
    account: &str,
    region: &str,
) -> Vec<BusSection> {
    let mut names = vec![DEFAULT_EVENT_BUS.to_owned()];
    names.extend(
        registry
            .event_buses(account, region)
            .into_iter()
            .map(|bus| bus.name),
    );
    let existing = names.len();
    for name in buses_with_rules(store, region) {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
        .into_iter()
        .enumerate()
        .map(|(index, bus)| BusSection {
            partner: catalog::partner_for_source_name(&bus),
            exists: index < existing,
            rules: store.list(region, &bus).into_iter().cloned().collect(),
            bus,
        })
        .collect()
}

/// A one-line preview of a pattern for the list: whitespace collapsed, cut at `max` characters.
pub fn pattern_preview(pattern: &str, max: usize) -> String {
    let collapsed = pattern.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.chars().count() <= max {
        return collapsed;
    }
    let cut: String = collapsed.chars().take(max.saturating_sub(1)).collect();
    format!("{cut}…")
}

/// One export of a rule: what it is and its text (or why it could not be written).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportBlock {
    /// A stable id for DOM ids and tests.
    pub id: &'static str,
    pub title: &'static str,
    pub text: Result<String, String>,
}

/// The rule as AWS CLI commands, CloudFormation (JSON and YAML) and Terraform.
pub fn rule_exports(rule: &Rule) -> Vec<ExportBlock> {
    let shown = |result: Result<String, rules::FieldErrors>| {
        result.map_err(|errors| {
            format!("The rule cannot be exported until these are fixed:\n{errors}")
        })
    };
    vec![
        ExportBlock {
            id: "aws-cli",
            title: "AWS CLI",
            text: shown(export::aws_cli(rule)),
        },
        ExportBlock {
            id: "cloudformation-json",
            title: "CloudFormation (JSON)",
            text: shown(export::cloudformation_json(rule)),
        },
        ExportBlock {
            id: "cloudformation-yaml",
            title: "CloudFormation (YAML)",
            text: shown(export::cloudformation_yaml(rule)),
        },
        ExportBlock {
            id: "terraform",
            title: "Terraform",
            text: shown(export::terraform(rule)),
        },
    ]
}

/// `aws events test-event-pattern` for the pattern and event being edited.
pub fn test_pattern_export(pattern: &str, event: &str) -> ExportBlock {
    let text = if pattern.trim().is_empty() || event.trim().is_empty() {
        Err("Enter an event pattern and an event to get the command that tests them.".to_owned())
    } else {
        Ok(export::test_event_pattern_command(pattern, event))
    };
    ExportBlock {
        id: "test-event-pattern",
        title: "aws events test-event-pattern",
        text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rules::{Target, TargetKind};

    const ACCOUNT: &str = "111122223333";
    const REGION: &str = "us-east-1";
    const BUS: &str = "aws.partner/shopify.com/4583217/orders";

    fn rule(name: &str, bus: &str, region: &str) -> Rule {
        let mut rule = Rule::new(name, ACCOUNT, region, bus, r#"{"source":["x"]}"#);
        rule.targets.push(Target::new(
            "T1",
            TargetKind::SqsQueue,
            &aws_model::example_arn(TargetKind::SqsQueue, region, ACCOUNT),
        ));
        rule
    }

    #[test]
    fn sections_list_default_partner_buses_and_orphaned_buses() {
        let mut registry = PartnerRegistry::new();
        registry
            .create_partner_event_source(BUS, ACCOUNT, REGION)
            .unwrap();
        registry
            .associate_event_source(ACCOUNT, REGION, BUS)
            .unwrap();
        let mut store = RuleStore::new();
        store.create(rule("b-rule", BUS, REGION)).unwrap();
        store.create(rule("a-rule", BUS, REGION)).unwrap();
        store
            .create(rule("gone", "aws.partner/auth0.com/x/y", REGION))
            .unwrap();
        store
            .create(rule("elsewhere", "default", "eu-west-1"))
            .unwrap();

        let sections = bus_sections(&store, &registry, ACCOUNT, REGION);
        let summary: Vec<(&str, bool, Vec<&str>)> = sections
            .iter()
            .map(|s| {
                (
                    s.bus.as_str(),
                    s.exists,
                    s.rules.iter().map(|r| r.name.as_str()).collect(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            vec![
                ("default", true, vec![]),
                (BUS, true, vec!["a-rule", "b-rule"]),
                ("aws.partner/auth0.com/x/y", false, vec!["gone"]),
            ]
        );
        assert_eq!(sections[1].partner.map(|p| p.id()), Some("shopify.com"));
    }

    #[test]
    fn previews_collapse_whitespace_and_cut() {
        assert_eq!(
            pattern_preview("{\n  \"a\":\n [1]\n}", 80),
            "{ \"a\": [1] }"
        );
        let long = pattern_preview(&"x".repeat(100), 10);
        assert_eq!(long.chars().count(), 10);
        assert!(long.ends_with('…'));
    }

    #[test]
    fn exports_cover_every_format_and_refuse_invalid_rules() {
        let blocks = rule_exports(&rule("orders", BUS, REGION));
        let ids: Vec<&str> = blocks.iter().map(|b| b.id).collect();
        assert_eq!(
            ids,
            vec![
                "aws-cli",
                "cloudformation-json",
                "cloudformation-yaml",
                "terraform"
            ]
        );
        for block in &blocks {
            let text = block.text.as_ref().unwrap();
            assert!(text.contains("orders"), "{}: {text}", block.id);
        }
        let mut broken = rule("orders", BUS, REGION);
        broken.name = "bad name".into();
        for block in rule_exports(&broken) {
            assert!(block.text.unwrap_err().contains("cannot be exported"));
        }
    }

    #[test]
    fn the_test_command_needs_both_texts() {
        let block = test_pattern_export(r#"{"a":[1]}"#, r#"{"a":1}"#);
        assert!(block
            .text
            .unwrap()
            .starts_with("aws events test-event-pattern"));
        assert!(test_pattern_export("", "{}").text.is_err());
    }
}
