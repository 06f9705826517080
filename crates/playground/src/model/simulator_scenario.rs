//! What the Simulator page offers from what the user has (the rule builder's rules, the partner
//! sources' states, the rule builder's event): the buses, the targets and the sample events; the
//! `?rule=` link parameter. Turning the settings into a `delivery::Scenario`, and refusing them,
//! is `delivery::settings`' work; this module hands it the rules and samples of the state.

use delivery::settings::{
    RulesInput, SampleWeight, ScenarioChoice, SettingProblem, SimulatorSettings,
};
use delivery::{Scenario, WeightedSample};
use event_pattern::{Event, Pattern};
use rules::{Rule, RuleKey, RuleState, Target};

use super::rule_list::bus_sections;
use crate::state::PlaygroundState;

/// A bus the user's rules are on, for the bus picker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BusOption {
    pub name: String,
    pub label: String,
    pub rule_count: usize,
    pub enabled_rule_count: usize,
}

/// The buses of the current Region that have rules, `default` first.
pub fn bus_options(state: &PlaygroundState) -> Vec<BusOption> {
    bus_sections(&state.rules, &state.partners, &state.account, &state.region)
        .into_iter()
        .filter(|section| !section.rules.is_empty())
        .map(|section| {
            let enabled = section
                .rules
                .iter()
                .filter(|rule| rule.state == RuleState::Enabled)
                .count();
            let kind = match section.partner {
                Some(partner) => format!("{} partner bus", partner.display_name()),
                None if section.bus == aws_model::DEFAULT_EVENT_BUS => "default bus".to_owned(),
                None => "custom bus".to_owned(),
            };
            BusOption {
                label: format!(
                    "{} ({kind}, {} of {} rules enabled)",
                    section.bus,
                    enabled,
                    section.rules.len()
                ),
                name: section.bus,
                rule_count: section.rules.len(),
                enabled_rule_count: enabled,
            }
        })
        .collect()
}

/// True when the current Region has at least one rule to simulate.
pub fn has_rules(state: &PlaygroundState) -> bool {
    !bus_options(state).is_empty()
}

/// The rules on a bus in the current Region, sorted by name.
pub fn rules_on_bus<'a>(state: &'a PlaygroundState, bus: &str) -> Vec<&'a Rule> {
    state.rules.list(&state.region, bus)
}

/// One target of a simulated rule, as the page lists it; `index` is its position on the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SimulatedTarget {
    pub index: usize,
    pub bus: String,
    pub rule: String,
    pub target: Target,
    /// The dead-letter queue's ARN and whether it is in the rule's account.
    pub dlq: Option<(String, bool)>,
}

impl SimulatedTarget {
    pub fn is_api_destination(&self) -> bool {
        self.target.kind.answers_with_http_status()
    }
}

/// The rules the settings select: one rule, or every enabled rule on the bus.
fn selected_rules<'a>(
    state: &'a PlaygroundState,
    settings: &SimulatorSettings,
) -> Result<Vec<&'a Rule>, SettingProblem> {
    settings.select_rules(&rules_on_bus(state, &settings.bus), &state.region)
}

/// The targets of the selected rules, in page order.
pub fn simulated_targets(
    state: &PlaygroundState,
    settings: &SimulatorSettings,
) -> Vec<SimulatedTarget> {
    let Ok(rules) = selected_rules(state, settings) else {
        return Vec::new();
    };
    rules
        .into_iter()
        .flat_map(|rule| rule.targets.iter().map(move |target| (rule, target)))
        .enumerate()
        .map(|(index, (rule, target))| SimulatedTarget {
            index,
            bus: rule.event_bus.clone(),
            rule: rule.name.clone(),
            target: target.clone(),
            dlq: delivery::dead_letter_queue_of(rule, target),
        })
        .collect()
}

/// Where a sample event comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SampleOrigin {
    /// The event being edited in the rule builder.
    RuleBuilder,
    /// A catalog sample of the bus's partner (its source set to the bus's source).
    Partner,
    /// A generic application event.
    Generic,
}

/// A sample event the stream can be made of.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OfferedSample {
    pub id: String,
    pub title: String,
    pub origin: SampleOrigin,
    /// The event as ingested (compact JSON).
    pub text: String,
    /// The simulated rules whose pattern matches it.
    pub matching_rules: Vec<String>,
}

const DRAFT_SAMPLE_ID: &str = "draft";

fn generic_samples(account: &str, region: &str) -> Vec<(&'static str, &'static str, String)> {
    let event = |source: &str, detail_type: &str, resources: &[&str], detail: &str| {
        delivery::presets::sample_event_in(account, region, source, detail_type, resources, detail)
    };
    let instance = format!("arn:aws:ec2:{region}:{account}:instance/i-0abcd1234ef567890");
    vec![
        (
            "order-placed",
            "Order placed (source shop)",
            event(
                "shop",
                "OrderPlaced",
                &[],
                r#"{"order-id":"o-1001","total":42.5,"currency":"EUR"}"#,
            ),
        ),
        (
            "order-cancelled",
            "Order cancelled (source shop)",
            event(
                "shop",
                "OrderCancelled",
                &[],
                r#"{"order-id":"o-1001","total":42.5,"currency":"EUR"}"#,
            ),
        ),
        (
            "ec2-state-change",
            "EC2 instance stopped (source aws.ec2)",
            event(
                "aws.ec2",
                "EC2 Instance State-change Notification",
                &[&instance],
                r#"{"instance-id":"i-0abcd1234ef567890","state":"stopped"}"#,
            ),
        ),
        (
            "s3-object-created",
            "S3 object created (source aws.s3)",
            event(
                "aws.s3",
                "Object Created",
                &["arn:aws:s3:::example-bucket"],
                r#"{"bucket":{"name":"example-bucket"},"object":{"key":"reports/2024-05.csv","size":5120},"reason":"PutObject"}"#,
            ),
        ),
    ]
}

/// A partner sample as the customer's partner bus receives it: the envelope's account and Region
/// are the user's, and `source` is the bus's own source name. Only the `source` value is
/// replaced in the sample's text, which is then compacted: everything else keeps its order and
/// digits.
fn partner_sample_for_bus(
    sample: &catalog::Sample,
    bus: &str,
    account: &str,
    region: &str,
) -> Option<String> {
    let mut text = sample.event_for(account, region);
    let source = event_pattern::json::parse(&text).ok()?.get("source")?.span;
    text.replace_range(source.range(), &event_pattern::json::quote(bus));
    event_pattern::json::reformat(&text, event_pattern::json::Layout::Compact).ok()
}

/// The sample events offered for the selected rules' bus, each with the rules it matches.
pub fn offered_samples(
    state: &PlaygroundState,
    settings: &SimulatorSettings,
) -> Vec<OfferedSample> {
    let (account, region, bus) = (&state.account, &state.region, &settings.bus);
    let mut offered: Vec<(String, String, SampleOrigin, String)> = Vec::new();
    // The user's event compacted token by token: key order and digits stay as typed.
    let draft =
        event_pattern::json::reformat(&state.draft.event, event_pattern::json::Layout::Compact)
            .ok()
            .filter(|compact| compact.starts_with('{'));
    if let Some(compact) = draft {
        offered.push((
            DRAFT_SAMPLE_ID.to_owned(),
            "Your test event (from the rule builder)".to_owned(),
            SampleOrigin::RuleBuilder,
            compact,
        ));
    }
    if let Some(partner) = catalog::partner_for_source_name(bus) {
        for sample in partner.samples() {
            if let Some(text) = partner_sample_for_bus(sample, bus, account, region) {
                offered.push((
                    format!("partner:{}/{}", partner.id(), sample.name()),
                    format!("{}: {}", partner.display_name(), sample.title()),
                    SampleOrigin::Partner,
                    text,
                ));
            }
        }
    }
    for (name, title, text) in generic_samples(account, region) {
        offered.push((
            format!("generic:{name}"),
            title.to_owned(),
            SampleOrigin::Generic,
            text,
        ));
    }

    let patterns: Vec<(String, Pattern)> = selected_rules(state, settings)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|rule| {
            Pattern::parse(&rule.event_pattern)
                .ok()
                .map(|p| (rule.name.clone(), p))
        })
        .collect();
    offered
        .into_iter()
        .map(|(id, title, origin, text)| {
            let matching_rules = match Event::parse_any(&text) {
                Ok(event) => patterns
                    .iter()
                    .filter(|(_, pattern)| pattern.matches(&event))
                    .map(|(name, _)| name.clone())
                    .collect(),
                Err(_) => Vec::new(),
            };
            OfferedSample {
                id,
                title,
                origin,
                text,
                matching_rules,
            }
        })
        .collect()
}

/// The mix shown before the user picks one: the samples that match a simulated rule (the
/// rule builder's event first), or, if none does, the first offered sample so the run shows
/// unmatched events rather than nothing.
pub fn suggested_mix(offered: &[OfferedSample]) -> Vec<SampleWeight> {
    let matching: Vec<SampleWeight> = offered
        .iter()
        .filter(|sample| !sample.matching_rules.is_empty())
        .map(|sample| SampleWeight {
            id: sample.id.clone(),
            weight: 1,
        })
        .collect();
    if !matching.is_empty() {
        return matching;
    }
    offered
        .first()
        .map(|sample| {
            vec![SampleWeight {
                id: sample.id.clone(),
                weight: 1,
            }]
        })
        .unwrap_or_default()
}

/// The mix in effect: the user's, or the suggestion while the user has not chosen.
pub fn effective_mix(settings: &SimulatorSettings, offered: &[OfferedSample]) -> Vec<SampleWeight> {
    if settings.samples.is_empty() {
        suggested_mix(offered)
    } else {
        settings
            .samples
            .iter()
            .filter(|sample| offered.iter().any(|o| o.id == sample.id))
            .cloned()
            .collect()
    }
}

/// A scenario ready to run, with what the page says about it.
#[derive(Clone, Debug, PartialEq)]
pub struct BuiltScenario {
    pub scenario: Scenario,
    /// "Preset: Target down for 1 hour" or "Your rules on default".
    pub title: String,
}

/// The scenario the settings describe, or every problem with them.
pub fn build_scenario(
    state: &PlaygroundState,
    settings: &SimulatorSettings,
) -> Result<BuiltScenario, Vec<SettingProblem>> {
    match &settings.choice {
        ScenarioChoice::Preset { id } => {
            let (preset, scenario) = settings.preset_scenario(id)?;
            Ok(BuiltScenario {
                scenario,
                title: format!("Preset: {}", preset.title),
            })
        }
        ScenarioChoice::MyRules => {
            let offered = offered_samples(state, settings);
            let samples = effective_mix(settings, &offered)
                .into_iter()
                .filter_map(|sample| {
                    let text = offered.iter().find(|o| o.id == sample.id)?.text.clone();
                    Some(WeightedSample {
                        text,
                        weight: sample.weight,
                    })
                })
                .collect();
            let input = RulesInput {
                rules_on_bus: rules_on_bus(state, &settings.bus),
                samples,
                partner_source_state: state
                    .partners
                    .event_source(&state.region, &settings.bus)
                    .map(|source| source.state),
                account: state.account.clone(),
                region: state.region.clone(),
            };
            let scenario = settings.rules_scenario(&input)?;
            let title = match &settings.rule {
                Some(rule) => format!("Your rule {rule} on {}", settings.bus),
                None => format!("Your enabled rules on {}", settings.bus),
            };
            Ok(BuiltScenario { scenario, title })
        }
    }
}

/// `rule` and `bus` from a link such as `#/simulator?rule=orders&bus=default`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LinkParams {
    pub rule: Option<String>,
    pub bus: Option<String>,
}

/// Longest parameter value read from a link; rule and bus names are far shorter.
const MAX_PARAM_CHARS: usize = 512;

/// Reads the link parameters from a `location.hash` value (decoded by `web_ui::query`, the one
/// query reader of the site); empty and overlong values are ignored.
pub fn link_params(hash: &str) -> LinkParams {
    let mut params = LinkParams::default();
    for (key, value) in web_ui::query::params(hash) {
        if value.is_empty() || value.chars().count() > MAX_PARAM_CHARS {
            continue;
        }
        match key.as_str() {
            "rule" => params.rule = Some(value),
            "bus" => params.bus = Some(value),
            _ => {}
        }
    }
    params
}

/// The link from the rule builder that opens the simulator on one saved rule (read back by
/// [`link_params`]).
pub fn simulator_link(rule: &str, bus: &str) -> String {
    use web_ui::site::{Page, Section};
    Section::Simulator.link_from(
        Page::Rules,
        &web_ui::query::build(&[("rule", rule), ("bus", bus)]),
    )
}

/// Selects the rule a link names (on its bus, or the first bus of the current Region that has a
/// rule of that name). On failure the settings are unchanged and the message says why.
pub fn select_linked_rule(
    state: &PlaygroundState,
    settings: &mut SimulatorSettings,
    params: &LinkParams,
) -> Result<(), String> {
    let Some(name) = &params.rule else {
        return Ok(());
    };
    let found = match &params.bus {
        Some(bus) => state.rules.get(&RuleKey::new(&state.region, bus, name)),
        None => bus_options(state).into_iter().find_map(|bus| {
            state
                .rules
                .get(&RuleKey::new(&state.region, &bus.name, name))
        }),
    };
    let Some(rule) = found else {
        return Err(format!(
            "The link asks to simulate the rule {name}, but there is no such rule in {}.",
            state.region
        ));
    };
    settings.choice = ScenarioChoice::MyRules;
    settings.bus = rule.event_bus.clone();
    settings.rule = Some(rule.name.clone());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::simulator_settings::control_of;
    use delivery::settings::{OutageSettings, RetryableChoice};
    use delivery::Ingress;
    use rules::DeadLetterQueue;
    use rules::{RoleChoice, TargetKind};

    const ACCOUNT: &str = "123456789012";
    const REGION: &str = "us-east-1";
    const AUTH0_SOURCE: &str = "aws.partner/auth0.com/acme/auth0.logs";

    fn lambda(id: &str) -> Target {
        Target::new(
            id,
            TargetKind::LambdaFunction,
            &aws_model::example_arn(TargetKind::LambdaFunction, REGION, ACCOUNT),
        )
    }

    fn rule_on(bus: &str, name: &str, pattern: &str, targets: Vec<Target>) -> Rule {
        let mut rule = Rule::new(name, ACCOUNT, REGION, bus, pattern);
        rule.targets = targets;
        rule
    }

    fn state_with(rules: Vec<Rule>) -> PlaygroundState {
        let mut state = PlaygroundState::default();
        for rule in rules {
            state.rules.create(rule).expect("test rules are valid");
        }
        state
    }

    fn my_rules(bus: &str) -> SimulatorSettings {
        SimulatorSettings {
            choice: ScenarioChoice::MyRules,
            bus: bus.to_owned(),
            ..Default::default()
        }
    }

    /// The page runs a preset exactly as `delivery::settings` builds it (which is what
    /// `event-pattern simulate --preset` runs), with the run settings applied.
    #[test]
    fn every_preset_is_the_scenario_the_settings_build() {
        let state = PlaygroundState::default();
        for preset in delivery::PRESETS {
            let settings = SimulatorSettings {
                choice: ScenarioChoice::Preset {
                    id: preset.id.to_owned(),
                },
                seed: 7,
                jitter: delivery::settings::JitterChoice::Full,
                ..Default::default()
            };
            let built = build_scenario(&state, &settings).unwrap();
            assert_eq!(built.title, format!("Preset: {}", preset.title));
            let (_, expected) = settings.preset_scenario(preset.id).unwrap();
            assert_eq!(built.scenario, expected, "{}", preset.id);
            assert_eq!(built.scenario.seed, 7);
        }
    }

    #[test]
    fn an_unknown_preset_is_a_problem_not_a_panic() {
        let settings = SimulatorSettings {
            choice: ScenarioChoice::Preset {
                id: "<img src=x>".into(),
            },
            ..Default::default()
        };
        let problems = build_scenario(&PlaygroundState::default(), &settings).unwrap_err();
        assert_eq!(control_of(&problems[0].path), "sim-preset");
    }

    #[test]
    fn my_rules_become_a_scenario_with_policies_dlqs_and_behaviours() {
        let mut with_dlq = lambda("fulfil");
        with_dlq.retry_policy = rules::RetryPolicy {
            maximum_retry_attempts: 3,
            maximum_event_age_seconds: 600,
        };
        with_dlq.dead_letter_queue = DeadLetterQueue::ThisAccount {
            queue_name: "orders-dlq".into(),
        };
        let mut cross = lambda("audit");
        cross.dead_letter_queue = DeadLetterQueue::OtherAccount {
            queue_arn: "arn:aws:sqs:us-east-1:210987654321:central-dlq".into(),
        };
        let state = state_with(vec![
            rule_on(
                "default",
                "orders",
                r#"{"source":["shop"]}"#,
                vec![with_dlq, cross],
            ),
            rule_on(
                "default",
                "other",
                r#"{"source":["nothing"]}"#,
                vec![lambda("x")],
            ),
        ]);
        let mut settings = my_rules("default");
        settings.rule = Some("orders".into());
        settings.edit_target("default", "orders", "fulfil", |t| {
            t.outage = OutageSettings {
                enabled: true,
                from_minute: 10,
                until_minute: 20,
                error: RetryableChoice::Timeout,
            }
        });
        let built = build_scenario(&state, &settings).unwrap();
        let scenario = &built.scenario;
        assert_eq!(built.title, "Your rule orders on default");
        assert_eq!(scenario.rules.len(), 1);
        let targets = &scenario.rules[0].targets;
        assert_eq!(
            targets[0].retry,
            delivery::RetryPolicy {
                maximum_retry_attempts: 3,
                maximum_event_age_seconds: 600
            }
        );
        let dlq = targets[0].dlq.as_ref().unwrap();
        assert_eq!(dlq.arn, "arn:aws:sqs:us-east-1:123456789012:orders-dlq");
        assert!(dlq.same_account && dlq.has_resource_policy);
        assert_eq!(targets[0].behaviour.outages[0].from_ms, 600_000);
        let cross_dlq = targets[1].dlq.as_ref().unwrap();
        assert!(
            !cross_dlq.same_account && !cross_dlq.has_resource_policy,
            "policy missing until attached"
        );
        assert_eq!(targets[1].retry, delivery::RetryPolicy::default());
        assert_eq!(targets[1].kind, TargetKind::LambdaFunction);
        assert_eq!(
            scenario.events.generated[0].to,
            Ingress::Bus("default".into())
        );
        // The generic "order placed" sample matches the rule and is suggested.
        let report = delivery::simulate(scenario).unwrap();
        assert!(report.summary.events_matched > 0);
        assert_eq!(report.summary.events_unmatched, 0);
    }

    #[test]
    fn attaching_the_policy_to_a_cross_account_dlq_delivers_to_it() {
        let mut cross = lambda("audit");
        cross.dead_letter_queue = DeadLetterQueue::OtherAccount {
            queue_arn: "arn:aws:sqs:us-east-1:210987654321:central-dlq".into(),
        };
        let state = state_with(vec![rule_on(
            "default",
            "orders",
            r#"{"source":["shop"]}"#,
            vec![cross],
        )]);
        let mut settings = my_rules("default");
        settings.duration_minutes = 2;
        settings.edit_target("default", "orders", "audit", |t| {
            t.non_retryable.enabled = true;
        });
        let run = |settings: &SimulatorSettings| {
            delivery::simulate(&build_scenario(&state, settings).unwrap().scenario).unwrap()
        };
        let without = run(&settings).summary.outcomes;
        assert_eq!(without.sent_to_dlq, 0);
        assert!(without.failed_to_reach_dlq > 0);
        settings.edit_target("default", "orders", "audit", |t| {
            t.dlq_policy_attached = Some(true)
        });
        let with = run(&settings).summary.outcomes;
        assert_eq!(with.failed_to_reach_dlq, 0);
        assert_eq!(with.sent_to_dlq, without.failed_to_reach_dlq);
    }

    #[test]
    fn all_enabled_rules_are_simulated_and_disabled_ones_left_out() {
        let mut disabled = rule_on(
            "default",
            "b-disabled",
            r#"{"source":["shop"]}"#,
            vec![lambda("t")],
        );
        disabled.state = RuleState::Disabled;
        let state = state_with(vec![
            rule_on(
                "default",
                "a-orders",
                r#"{"source":["shop"]}"#,
                vec![lambda("t1"), lambda("t2")],
            ),
            disabled,
            rule_on(
                "default",
                "c-ec2",
                r#"{"source":["aws.ec2"]}"#,
                vec![lambda("t3")],
            ),
        ]);
        let settings = my_rules("default");
        let names: Vec<String> = build_scenario(&state, &settings)
            .unwrap()
            .scenario
            .rules
            .into_iter()
            .map(|r| r.name)
            .collect();
        assert_eq!(names, ["a-orders", "c-ec2"]);
        let targets = simulated_targets(&state, &settings);
        let indices: Vec<(usize, &str)> = targets
            .iter()
            .map(|t| (t.index, t.target.id.as_str()))
            .collect();
        assert_eq!(indices, [(0, "t1"), (1, "t2"), (2, "t3")]);
        // Choosing the disabled rule explicitly simulates it as disabled: nothing matches.
        let only_disabled = SimulatorSettings {
            rule: Some("b-disabled".into()),
            ..settings
        };
        let scenario = build_scenario(&state, &only_disabled).unwrap().scenario;
        assert!(!scenario.rules[0].enabled);
        assert_eq!(
            delivery::simulate(&scenario)
                .unwrap()
                .summary
                .events_matched,
            0
        );
    }

    #[test]
    fn problems_are_collected_and_tied_to_controls() {
        let state = state_with(vec![rule_on(
            "default",
            "orders",
            r#"{"source":["shop"]}"#,
            vec![lambda("t")],
        )]);
        let mut settings = my_rules("default");
        settings.duration_minutes = 0;
        settings.edit_target("default", "orders", "t", |t| {
            t.outage = OutageSettings {
                enabled: true,
                from_minute: 5,
                until_minute: 5,
                error: RetryableChoice::Http503,
            };
        });
        let fields: Vec<String> = build_scenario(&state, &settings)
            .unwrap_err()
            .iter()
            .map(|p| control_of(&p.path))
            .collect();
        assert_eq!(
            fields,
            [
                "sim-duration",
                "sim-target-0-outage-until",
                "sim-target-0-outage-error"
            ]
        );

        let missing = SimulatorSettings {
            rule: Some("gone".into()),
            ..my_rules("default")
        };
        let problems = build_scenario(&state, &missing).unwrap_err();
        assert_eq!(control_of(&problems[0].path), "sim-rule");
        assert!(problems[0].message.contains("no rule gone"));

        let empty_bus = my_rules("nothing-here");
        assert!(build_scenario(&state, &empty_bus).unwrap_err()[0]
            .message
            .contains("No enabled rule"));

        let mut no_samples = my_rules("default");
        for sample in offered_samples(&state, &no_samples) {
            no_samples.samples.push(SampleWeight {
                id: sample.id,
                weight: 0,
            });
        }
        let problems = build_scenario(&state, &no_samples).unwrap_err();
        assert_eq!(control_of(&problems[0].path), "sim-samples");
    }

    #[test]
    fn samples_say_which_rules_they_match_and_the_suggestion_prefers_matches() {
        let mut state = state_with(vec![rule_on(
            "default",
            "ec2",
            r#"{"source":["aws.ec2"]}"#,
            vec![lambda("t")],
        )]);
        let settings = my_rules("default");
        let offered = offered_samples(&state, &settings);
        let ec2 = offered
            .iter()
            .find(|s| s.id == "generic:ec2-state-change")
            .unwrap();
        assert_eq!(ec2.matching_rules, ["ec2"]);
        assert!(offered
            .iter()
            .find(|s| s.id == "generic:order-placed")
            .unwrap()
            .matching_rules
            .is_empty());
        assert_eq!(
            suggested_mix(&offered),
            vec![SampleWeight {
                id: "generic:ec2-state-change".into(),
                weight: 1
            }]
        );

        // The rule builder's event comes first when there is one.
        state.draft.event = r#"{"source":"aws.ec2","detail-type":"x","detail":{}}"#.into();
        let offered = offered_samples(&state, &settings);
        assert_eq!(offered[0].id, "draft");
        assert_eq!(offered[0].origin, SampleOrigin::RuleBuilder);
        assert_eq!(suggested_mix(&offered)[0].id, "draft");
        // Issue #12: the draft is compacted, not re-serialized: order and digits as typed.
        state.draft.event =
            "{\n \"source\": \"aws.ec2\",\n \"detail\": {\"z\": 1.50, \"a\": 1e400}\n}".into();
        assert_eq!(
            offered_samples(&state, &settings)[0].text,
            r#"{"source":"aws.ec2","detail":{"z":1.50,"a":1e400}}"#
        );
        // A draft that is not an event object is not offered.
        state.draft.event = "[1, 2".into();
        assert!(offered_samples(&state, &settings)
            .iter()
            .all(|s| s.id != "draft"));
    }

    #[test]
    fn the_users_mix_ignores_samples_no_longer_offered() {
        let state = state_with(vec![rule_on(
            "default",
            "orders",
            r#"{"source":["shop"]}"#,
            vec![lambda("t")],
        )]);
        let mut settings = my_rules("default");
        settings.samples = vec![
            SampleWeight {
                id: "draft".into(),
                weight: 5,
            },
            SampleWeight {
                id: "generic:order-cancelled".into(),
                weight: 2,
            },
        ];
        let offered = offered_samples(&state, &settings);
        assert_eq!(
            effective_mix(&settings, &offered),
            vec![SampleWeight {
                id: "generic:order-cancelled".into(),
                weight: 2
            }]
        );
    }

    fn partner_state(associate: bool) -> PlaygroundState {
        let mut state = state_with(vec![]);
        state
            .partners
            .create_partner_event_source(AUTH0_SOURCE, ACCOUNT, REGION)
            .unwrap();
        state
            .partners
            .associate_event_source(ACCOUNT, REGION, AUTH0_SOURCE)
            .unwrap();
        state
            .rules
            .create(rule_on(
                AUTH0_SOURCE,
                "logins",
                r#"{"source":[{"prefix":"aws.partner/auth0.com"}]}"#,
                vec![lambda("t")],
            ))
            .unwrap();
        if !associate {
            state
                .partners
                .deactivate_event_source(ACCOUNT, REGION, AUTH0_SOURCE)
                .unwrap();
        }
        state
    }

    #[test]
    fn partner_samples_arrive_with_the_buses_source_and_the_sources_state_counts() {
        let state = partner_state(true);
        let settings = my_rules(AUTH0_SOURCE);
        let offered = offered_samples(&state, &settings);
        let partner: Vec<&OfferedSample> = offered
            .iter()
            .filter(|s| s.origin == SampleOrigin::Partner)
            .collect();
        assert!(!partner.is_empty());
        for sample in &partner {
            let value: serde_json::Value = serde_json::from_str(&sample.text).unwrap();
            assert_eq!(value["source"], AUTH0_SOURCE);
            assert_eq!(sample.matching_rules, ["logins"]);
            // The envelope keeps the catalog's order (not a sorted map's).
            assert!(
                sample.text.starts_with(r#"{"version":"0","id":"#),
                "{}",
                sample.text
            );
        }
        let mut short = settings.clone();
        short.duration_minutes = 1;
        let scenario = build_scenario(&state, &short).unwrap().scenario;
        assert_eq!(
            scenario.events.generated[0].to,
            Ingress::PartnerSource(AUTH0_SOURCE.into())
        );
        let report = delivery::simulate(&scenario).unwrap();
        assert_eq!(report.summary.events_matched, 60);

        // Deactivated: the source is PENDING and every event is dropped before the rules.
        let pending = partner_state(false);
        let report =
            delivery::simulate(&build_scenario(&pending, &short).unwrap().scenario).unwrap();
        assert_eq!(report.summary.events_dropped_inactive_source, 60);
        assert_eq!(report.summary.invocations_created, 0);
    }

    #[test]
    fn bus_options_list_buses_with_rules_and_count_enabled_ones() {
        let mut disabled = rule_on("default", "b", r#"{"source":["x"]}"#, vec![]);
        disabled.state = RuleState::Disabled;
        let state = state_with(vec![
            rule_on("default", "a", r#"{"source":["x"]}"#, vec![]),
            disabled,
        ]);
        let options = bus_options(&state);
        assert_eq!(options.len(), 1);
        assert_eq!(
            (options[0].rule_count, options[0].enabled_rule_count),
            (2, 1)
        );
        assert_eq!(
            options[0].label,
            "default (default bus, 1 of 2 rules enabled)"
        );
        assert!(!has_rules(&PlaygroundState::default()));
    }

    #[test]
    fn link_params_table() {
        let table: &[(&str, Option<&str>, Option<&str>)] = &[
            ("#/simulator", None, None),
            ("#/simulator?rule=orders", Some("orders"), None),
            (
                "#/simulator?bus=aws.partner%2Fauth0.com%2Fa%2Fb&rule=logins",
                Some("logins"),
                Some("aws.partner/auth0.com/a/b"),
            ),
            ("#/simulator?rule=", None, None),
            // Hand-written links get a best effort: a bad escape stays as written.
            ("#/simulator?rule=%ZZ", Some("%ZZ"), None),
            ("#/simulator?rule=%E2%82%AC", Some("€"), None),
            ("#/simulator?rule=%FF", Some("\u{fffd}"), None),
            ("#/simulator?state=1.abc&rule=x", Some("x"), None),
            ("#/simulator?rule", None, None),
        ];
        for (hash, rule, bus) in table {
            let params = link_params(hash);
            assert_eq!(params.rule.as_deref(), *rule, "{hash}");
            assert_eq!(params.bus.as_deref(), *bus, "{hash}");
        }
        let long = format!("#/simulator?rule={}", "a".repeat(MAX_PARAM_CHARS + 1));
        assert_eq!(link_params(&long).rule, None);
    }

    #[test]
    fn simulator_links_read_back_to_their_rule_and_bus() {
        for (rule, bus) in [
            ("orders", "default"),
            ("a&b=c", "aws.partner/auth0.com/a/b"),
            ("€ rule #1 ?x", "bus with spaces%20"),
        ] {
            let link = simulator_link(rule, bus);
            assert!(link.starts_with("../simulator/#/simulator?"), "{link}");
            let params = link_params(&link);
            assert_eq!(params.rule.as_deref(), Some(rule), "{link}");
            assert_eq!(params.bus.as_deref(), Some(bus), "{link}");
        }
        assert_eq!(
            simulator_link("orders", "aws.partner/x"),
            "../simulator/#/simulator?rule=orders&bus=aws.partner%2Fx"
        );
    }

    #[test]
    fn a_linked_rule_is_selected_or_explained() {
        let state = state_with(vec![rule_on(
            "default",
            "orders",
            r#"{"source":["shop"]}"#,
            vec![lambda("t")],
        )]);
        let mut settings = SimulatorSettings::default();
        let params = LinkParams {
            rule: Some("orders".into()),
            bus: None,
        };
        select_linked_rule(&state, &mut settings, &params).unwrap();
        assert_eq!(settings.choice, ScenarioChoice::MyRules);
        assert_eq!(
            (settings.bus.as_str(), settings.rule.as_deref()),
            ("default", Some("orders"))
        );

        let mut untouched = SimulatorSettings::default();
        let missing = LinkParams {
            rule: Some("nope".into()),
            bus: None,
        };
        let message = select_linked_rule(&state, &mut untouched, &missing).unwrap_err();
        assert!(message.contains("no such rule in us-east-1"), "{message}");
        assert_eq!(untouched, SimulatorSettings::default());
        let wrong_bus = LinkParams {
            rule: Some("orders".into()),
            bus: Some("other".into()),
        };
        assert!(select_linked_rule(&state, &mut untouched, &wrong_bus).is_err());
        assert!(select_linked_rule(&state, &mut untouched, &LinkParams::default()).is_ok());
    }

    #[test]
    fn api_destination_targets_accept_http_errors() {
        let mut api = Target::new(
            "crm",
            TargetKind::ApiDestination,
            &aws_model::example_arn(TargetKind::ApiDestination, REGION, ACCOUNT),
        );
        api.role = RoleChoice::CreateNew;
        let state = state_with(vec![rule_on(
            "default",
            "orders",
            r#"{"source":["shop"]}"#,
            vec![api],
        )]);
        let mut settings = my_rules("default");
        settings.duration_minutes = 1;
        settings.edit_target("default", "orders", "crm", |t| {
            t.outage = OutageSettings {
                enabled: true,
                from_minute: 0,
                until_minute: 60,
                error: RetryableChoice::Http503,
            };
        });
        let scenario = build_scenario(&state, &settings).unwrap().scenario;
        assert_eq!(
            scenario.rules[0].targets[0].kind,
            delivery::TargetKind::ApiDestination
        );
        delivery::Simulation::new(&scenario).expect("HTTP errors are valid on API destinations");
    }
}
