//! A scenario from the rule model itself: the rules a user saved (`rules::Rule`, with their
//! targets, retry policies and dead-letter queues) plus the traffic to send them and how each
//! target behaves. The Simulator page's "your rules" mode, `event-pattern simulate --rules` and
//! any other front end build their scenario here, so the conversion has one home.

use aws_model::{is_partner_event_source_name, Arn, EventSourceState};
use rules::{DeadLetterQueue, Rule, RuleState, Target};

use crate::{
    BackoffConfig, Bus, Dlq, EventStream, GeneratedEvents, Ingress, Scenario, SimOptions, SimRule,
    SimTarget, SourceState, TargetBehaviour, WeightedSample,
};

/// The events sent to the rules' bus: a steady stream of weighted sample events.
#[derive(Clone, Debug, PartialEq)]
pub struct Traffic {
    /// The bus the rules are on; a partner bus name (`aws.partner/...`) means the events arrive
    /// through its partner event source (`PutPartnerEvents`).
    pub bus: String,
    /// The partner event source's state when `bus` is a partner bus (a source nobody knows is
    /// treated as deleted: it receives nothing).
    pub partner_source_state: Option<EventSourceState>,
    pub rate_per_second: f64,
    pub duration_ms: u64,
    pub samples: Vec<WeightedSample>,
    pub account: String,
    pub region: String,
    pub seed: u64,
}

/// How one target answers in the simulation, and whether its dead-letter queue's policy lets
/// EventBridge send (the rule model has the queue, not its policy).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TargetSetup {
    pub behaviour: TargetBehaviour,
    pub dlq_policy_attached: bool,
}

/// A target's dead-letter queue: its ARN, and whether it is in the rule's account.
pub fn dead_letter_queue_of(rule: &Rule, target: &Target) -> Option<(String, bool)> {
    let arn = target
        .dead_letter_queue
        .queue_arn(&rule.region, &rule.account_id)?;
    let same_account = match &target.dead_letter_queue {
        DeadLetterQueue::OtherAccount { .. } => {
            Arn::parse(&arn).is_ok_and(|parsed| parsed.account() == rule.account_id)
        }
        _ => true,
    };
    Some((arn, same_account))
}

/// The scenario that sends `traffic` to `rules` (all on `traffic.bus`), each target set up by
/// `setup`. Disabled rules stay in the scenario and match nothing, as in EventBridge.
pub fn scenario_from_rules(
    rules: &[&Rule],
    traffic: &Traffic,
    mut setup: impl FnMut(&Rule, &Target) -> TargetSetup,
) -> Scenario {
    let bus = traffic.bus.clone();
    let is_partner_bus = is_partner_event_source_name(&bus);
    let sources = if is_partner_bus {
        vec![SourceState {
            name: bus.clone(),
            state: traffic
                .partner_source_state
                .unwrap_or(EventSourceState::Deleted),
        }]
    } else {
        Vec::new()
    };
    let sim_rules = rules
        .iter()
        .map(|rule| SimRule {
            name: rule.name.clone(),
            bus: bus.clone(),
            enabled: rule.state == RuleState::Enabled,
            pattern: rule.event_pattern.clone(),
            targets: rule
                .targets
                .iter()
                .map(|target| {
                    let TargetSetup {
                        behaviour,
                        dlq_policy_attached,
                    } = setup(rule, target);
                    SimTarget {
                        id: target.id.clone(),
                        arn: target.arn.trim().to_owned(),
                        kind: target.kind,
                        retry: target.retry_policy,
                        dlq: dead_letter_queue_of(rule, target).map(|(arn, same_account)| Dlq {
                            arn,
                            same_account,
                            has_resource_policy: dlq_policy_attached,
                            reachable: true,
                        }),
                        behaviour,
                    }
                })
                .collect(),
        })
        .collect();
    Scenario {
        seed: traffic.seed,
        buses: vec![Bus { name: bus.clone() }],
        sources,
        rules: sim_rules,
        events: EventStream {
            explicit: Vec::new(),
            generated: vec![GeneratedEvents {
                to: if is_partner_bus {
                    Ingress::PartnerSource(bus)
                } else {
                    Ingress::Bus(bus)
                },
                start_ms: 0,
                rate_per_second: traffic.rate_per_second,
                duration_ms: traffic.duration_ms,
                samples: traffic.samples.clone(),
            }],
        },
        backoff: BackoffConfig::default(),
        options: SimOptions {
            keep_details_for_first_events: 0,
            account: traffic.account.clone(),
            region: traffic.region.clone(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rules::{RetryPolicy, TargetKind};

    const ACCOUNT: &str = "123456789012";

    fn rule(name: &str, bus: &str) -> Rule {
        let mut rule = Rule::new(name, ACCOUNT, "eu-west-1", bus, r#"{"source":["shop"]}"#);
        let mut target = Target::new(
            "writer",
            TargetKind::LambdaFunction,
            "arn:aws:lambda:eu-west-1:123456789012:function:write",
        );
        target.retry_policy = RetryPolicy {
            maximum_retry_attempts: 3,
            maximum_event_age_seconds: 600,
        };
        target.dead_letter_queue = DeadLetterQueue::ThisAccount {
            queue_name: "dlq".to_owned(),
        };
        rule.targets.push(target);
        rule
    }

    fn traffic(bus: &str) -> Traffic {
        Traffic {
            bus: bus.to_owned(),
            partner_source_state: None,
            rate_per_second: 2.0,
            duration_ms: 60_000,
            samples: vec![WeightedSample {
                text: r#"{"source":"shop"}"#.to_owned(),
                weight: 1,
            }],
            account: ACCOUNT.to_owned(),
            region: "eu-west-1".to_owned(),
            seed: 7,
        }
    }

    #[test]
    fn targets_keep_their_retry_policy_and_dead_letter_queue() {
        let rule = rule("orders", "default");
        let scenario = scenario_from_rules(&[&rule], &traffic("default"), |_, _| TargetSetup {
            dlq_policy_attached: true,
            ..TargetSetup::default()
        });
        let target = &scenario.rules[0].targets[0];
        assert_eq!(target.retry.maximum_retry_attempts, 3);
        assert_eq!(target.retry.maximum_event_age_seconds, 600);
        let dlq = target.dlq.as_ref().expect("the rule's queue");
        assert_eq!(dlq.arn, "arn:aws:sqs:eu-west-1:123456789012:dlq");
        assert!(dlq.same_account && dlq.has_resource_policy);
        assert_eq!(scenario.events.generated[0].count(), 120);
        assert_eq!(
            scenario.events.generated[0].to,
            Ingress::Bus("default".to_owned())
        );
    }

    #[test]
    fn a_queue_in_another_account_is_recognised_from_its_arn() {
        let mut rule = rule("orders", "default");
        rule.targets[0].dead_letter_queue = DeadLetterQueue::OtherAccount {
            queue_arn: " arn:aws:sqs:eu-west-1:210987654321:central ".to_owned(),
        };
        let (arn, same_account) = dead_letter_queue_of(&rule, &rule.targets[0]).unwrap();
        assert_eq!(arn, "arn:aws:sqs:eu-west-1:210987654321:central");
        assert!(!same_account);
    }

    #[test]
    fn a_partner_bus_receives_through_its_source_and_an_unknown_source_counts_as_deleted() {
        let bus = "aws.partner/shopify.com/1/orders";
        let rule = rule("orders", bus);
        let scenario = scenario_from_rules(&[&rule], &traffic(bus), |_, _| TargetSetup::default());
        assert_eq!(scenario.sources[0].state, EventSourceState::Deleted);
        assert_eq!(
            scenario.events.generated[0].to,
            Ingress::PartnerSource(bus.to_owned())
        );
        let report = crate::simulate(&scenario).unwrap();
        assert_eq!(
            report.summary.invocations_created, 0,
            "a deleted source delivers nothing"
        );
    }

    #[test]
    fn a_disabled_rule_is_simulated_and_matches_nothing() {
        let mut rule = rule("orders", "default");
        rule.state = RuleState::Disabled;
        let scenario =
            scenario_from_rules(&[&rule], &traffic("default"), |_, _| TargetSetup::default());
        assert!(!scenario.rules[0].enabled);
        let report = crate::simulate(&scenario).unwrap();
        assert_eq!(report.summary.events_matched, 0);
    }
}
