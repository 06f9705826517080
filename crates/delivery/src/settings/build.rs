//! From settings to a scenario: a preset with the run settings applied, or the user's rules
//! with the settings' traffic and target behaviours, refused with every problem at once.

use aws_model::EventSourceState;
use rules::{Rule, RuleState};

use crate::{
    dead_letter_queue_of, find_preset, scenario_from_rules, BackoffConfig, GeneratedEvents, Preset,
    Scenario, TargetSetup, Traffic, WeightedSample, MAX_DETAILED_EVENTS, PRESETS,
};

use super::{SettingPath, SettingProblem, SimulatorSettings, MINUTE_MS};

/// Attempt-by-attempt records kept by default, counted as if every invocation made every
/// attempt its policy allows (about 50 bytes each): bounds memory in the worst case while
/// keeping whole small scenarios inspectable.
pub const ATTEMPT_RECORD_BUDGET: u64 = 2_000_000;

/// How many events keep attempt-by-attempt records when the user has not chosen: as many as
/// fit [`ATTEMPT_RECORD_BUDGET`], at most the simulator's limit.
pub fn auto_detailed_events(scenario: &Scenario) -> u32 {
    let events: u64 = scenario
        .events
        .generated
        .iter()
        .map(GeneratedEvents::count)
        .sum::<u64>()
        + scenario.events.explicit.len() as u64;
    let invocations_per_event = scenario
        .buses
        .iter()
        .map(|bus| {
            scenario
                .rules
                .iter()
                .filter(|rule| rule.bus == bus.name && rule.enabled)
                .map(|rule| rule.targets.len() as u64)
                .sum::<u64>()
        })
        .max()
        .unwrap_or(0)
        .max(1);
    let attempts_per_invocation = scenario
        .rules
        .iter()
        .flat_map(|rule| &rule.targets)
        .map(|target| u64::from(target.retry.maximum_retry_attempts) + 1)
        .max()
        .unwrap_or(1);
    let affordable = ATTEMPT_RECORD_BUDGET / (invocations_per_event * attempts_per_invocation);
    affordable.min(events).min(u64::from(MAX_DETAILED_EVENTS)) as u32
}

/// What a scenario from the user's rules needs besides the settings: the rules and the sample
/// events come from wherever the front end keeps them (the page's saved state, a rules file).
#[derive(Clone, Debug, PartialEq)]
pub struct RulesInput<'a> {
    /// Every rule on [`SimulatorSettings::bus`], in the order targets are counted.
    pub rules_on_bus: Vec<&'a Rule>,
    /// The mix in effect: sample events and their weights (weight 0 leaves a sample out).
    pub samples: Vec<WeightedSample>,
    /// The state of the bus's partner event source, when the bus is a partner bus.
    pub partner_source_state: Option<EventSourceState>,
    pub account: String,
    pub region: String,
}

impl SimulatorSettings {
    /// Applies the settings every scenario shares: seed, jitter and kept records.
    pub fn apply_run_settings(&self, mut scenario: Scenario) -> Scenario {
        scenario.seed = self.seed;
        scenario.backoff = BackoffConfig {
            jitter: self.jitter.jitter(),
            ..BackoffConfig::default()
        };
        scenario.options.keep_details_for_first_events = self
            .detailed_events
            .unwrap_or_else(|| auto_detailed_events(&scenario));
        scenario
    }

    /// The preset `id` with the run settings applied, or every problem with them.
    pub fn preset_scenario(
        &self,
        id: &str,
    ) -> Result<(&'static Preset, Scenario), Vec<SettingProblem>> {
        let mut problems: Vec<SettingProblem> =
            self.detailed_events_problem().into_iter().collect();
        let preset = find_preset(id);
        if preset.is_none() {
            let known: Vec<&str> = PRESETS.iter().map(|preset| preset.id).collect();
            problems.insert(
                0,
                SettingProblem::new(
                    SettingPath::Preset,
                    format!(
                        "There is no preset {id:?}; the presets are {}.",
                        known.join(", ")
                    ),
                ),
            );
        }
        match preset {
            Some(preset) if problems.is_empty() => {
                Ok((preset, self.apply_run_settings((preset.build)())))
            }
            _ => Err(problems),
        }
    }

    /// The rules the settings select from `rules_on_bus`: the one named by
    /// [`SimulatorSettings::rule`] (enabled or not), or every enabled rule. `region` is for the
    /// message.
    pub fn select_rules<'a>(
        &self,
        rules_on_bus: &[&'a Rule],
        region: &str,
    ) -> Result<Vec<&'a Rule>, SettingProblem> {
        let bus = &self.bus;
        match &self.rule {
            Some(name) => rules_on_bus
                .iter()
                .find(|rule| &rule.name == name)
                .map(|rule| vec![*rule])
                .ok_or_else(|| {
                    SettingProblem::new(
                        SettingPath::Rule,
                        format!(
                            "There is no rule {name} on the event bus {bus} in {region}; choose another rule."
                        ),
                    )
                }),
            None => {
                let enabled: Vec<&Rule> = rules_on_bus
                    .iter()
                    .copied()
                    .filter(|rule| rule.state == RuleState::Enabled)
                    .collect();
                if enabled.is_empty() {
                    Err(SettingProblem::new(
                        SettingPath::Rule,
                        format!(
                            "No enabled rule on the event bus {bus} in {region}: create or enable one, or simulate a preset."
                        ),
                    ))
                } else {
                    Ok(enabled)
                }
            }
        }
    }

    /// The scenario that sends the settings' traffic to the selected rules, each target
    /// behaving as its settings say, or every problem with the settings.
    pub fn rules_scenario(&self, input: &RulesInput) -> Result<Scenario, Vec<SettingProblem>> {
        let mut problems = self.event_problems();
        let rules = match self.select_rules(&input.rules_on_bus, &input.region) {
            Ok(rules) => rules,
            Err(problem) => {
                problems.push(problem);
                Vec::new()
            }
        };
        let targets = rules
            .iter()
            .flat_map(|rule| rule.targets.iter().map(move |target| (rule, target)));
        for (index, (rule, target)) in targets.enumerate() {
            let settings = self.target(&self.bus, &rule.name, &target.id);
            problems.extend(settings.problems(index, target.kind));
        }
        let samples: Vec<WeightedSample> = input
            .samples
            .iter()
            .filter(|sample| sample.weight > 0)
            .cloned()
            .collect();
        if samples.is_empty() {
            problems.push(SettingProblem::new(
                SettingPath::Samples,
                "Give at least one sample event a weight above 0.",
            ));
        }
        if !problems.is_empty() {
            return Err(problems);
        }

        let traffic = Traffic {
            bus: self.bus.clone(),
            partner_source_state: input.partner_source_state,
            rate_per_second: self.rate.per_second(),
            duration_ms: u64::from(self.duration_minutes) * MINUTE_MS,
            samples,
            account: input.account.clone(),
            region: input.region.clone(),
            seed: self.seed,
        };
        let scenario = scenario_from_rules(&rules, &traffic, |rule, target| {
            let settings = self.target(&self.bus, &rule.name, &target.id);
            let same_account =
                dead_letter_queue_of(rule, target).is_none_or(|(_, same_account)| same_account);
            TargetSetup {
                behaviour: settings.behaviour(),
                dlq_policy_attached: settings.dlq_policy_attached(same_account),
            }
        });
        Ok(self.apply_run_settings(scenario))
    }

    fn detailed_events_problem(&self) -> Option<SettingProblem> {
        self.event_problems()
            .into_iter()
            .find(|problem| problem.path == SettingPath::DetailedEvents)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::{
        JitterChoice, OutageSettings, RetryableChoice, SampleWeight, ScenarioChoice,
    };
    use crate::{Ingress, Jitter, TargetKind};
    use rules::{DeadLetterQueue, RoleChoice, Target};

    const ACCOUNT: &str = "123456789012";
    const REGION: &str = "us-east-1";

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

    fn my_rules(bus: &str) -> SimulatorSettings {
        SimulatorSettings {
            choice: ScenarioChoice::MyRules,
            bus: bus.to_owned(),
            ..Default::default()
        }
    }

    fn shop_event() -> WeightedSample {
        WeightedSample {
            text: crate::presets::sample_event("shop", "OrderPlaced", "{}"),
            weight: 1,
        }
    }

    fn input<'a>(rules: &[&'a Rule]) -> RulesInput<'a> {
        RulesInput {
            rules_on_bus: rules.to_vec(),
            samples: vec![shop_event()],
            partner_source_state: None,
            account: ACCOUNT.to_owned(),
            region: REGION.to_owned(),
        }
    }

    #[test]
    fn every_preset_builds_with_the_run_settings_applied() {
        for preset in PRESETS {
            let settings = SimulatorSettings {
                seed: 7,
                jitter: JitterChoice::Full,
                ..Default::default()
            };
            let (found, scenario) = settings.preset_scenario(preset.id).unwrap();
            assert_eq!(found.id, preset.id);
            assert_eq!(scenario.seed, 7);
            assert_eq!(scenario.backoff.jitter, Jitter::Full);
            assert!(scenario.options.keep_details_for_first_events > 0);
            crate::Simulation::new(&scenario).expect("presets are valid scenarios");
        }
    }

    #[test]
    fn an_unknown_preset_and_bad_records_are_problems_not_panics() {
        let settings = SimulatorSettings {
            detailed_events: Some(MAX_DETAILED_EVENTS + 1),
            ..Default::default()
        };
        let problems = settings.preset_scenario("nope").unwrap_err();
        let paths: Vec<SettingPath> = problems.iter().map(|p| p.path).collect();
        assert_eq!(paths, [SettingPath::Preset, SettingPath::DetailedEvents]);
        assert!(
            problems[0]
                .message
                .contains("the presets are target-down-for-1-hour, "),
            "{}",
            problems[0].message
        );
    }

    #[test]
    fn auto_detail_keeps_the_outage_of_the_one_hour_preset_in_view() {
        let build = |id| (find_preset(id).unwrap().build)();
        // Three targets, up to 186 attempts each: 2 000 000 / 558 events, past the outage start
        // (event 1 800 at one event per second).
        assert_eq!(auto_detailed_events(&build("target-down-for-1-hour")), 3584);
        assert_eq!(
            auto_detailed_events(&build("permissions-error")),
            600,
            "every event of a small run"
        );
        assert_eq!(
            auto_detailed_events(&crate::presets::benchmark_scenario()),
            2150
        );
        assert_eq!(auto_detailed_events(&Scenario::default()), 0);
    }

    #[test]
    fn one_rule_or_every_enabled_rule_is_simulated() {
        let mut disabled = rule_on("default", "b-disabled", r#"{"source":["shop"]}"#, vec![]);
        disabled.state = RuleState::Disabled;
        let enabled = rule_on("default", "a", r#"{"source":["shop"]}"#, vec![lambda("t")]);
        let on_bus = [&enabled, &disabled];
        let settings = my_rules("default");
        let selected = settings.select_rules(&on_bus, REGION).unwrap();
        assert_eq!(selected.len(), 1);
        assert_eq!(selected[0].name, "a");
        let only_disabled = SimulatorSettings {
            rule: Some("b-disabled".into()),
            ..my_rules("default")
        };
        let scenario = only_disabled.rules_scenario(&input(&on_bus)).unwrap();
        assert!(
            !scenario.rules[0].enabled,
            "chosen by name, simulated as disabled"
        );
        let missing = SimulatorSettings {
            rule: Some("gone".into()),
            ..my_rules("default")
        };
        let problem = missing.select_rules(&on_bus, REGION).unwrap_err();
        assert_eq!(problem.path, SettingPath::Rule);
        assert!(problem
            .message
            .contains("no rule gone on the event bus default in us-east-1"));
        let problem = settings.select_rules(&[&disabled], REGION).unwrap_err();
        assert!(
            problem.message.starts_with("No enabled rule"),
            "{}",
            problem.message
        );
    }

    #[test]
    fn every_problem_is_collected_with_its_path() {
        let orders = rule_on(
            "default",
            "orders",
            r#"{"source":["shop"]}"#,
            vec![lambda("t")],
        );
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
        let mut no_samples = input(&[&orders]);
        no_samples.samples[0].weight = 0;
        let paths: Vec<String> = settings
            .rules_scenario(&no_samples)
            .unwrap_err()
            .iter()
            .map(|p| p.path.to_string())
            .collect();
        assert_eq!(
            paths,
            [
                "duration_minutes",
                "targets[0].outage.until_minute",
                "targets[0].outage.error",
                "samples"
            ]
        );
    }

    #[test]
    fn the_settings_become_the_scenario() {
        let mut api = Target::new(
            "crm",
            TargetKind::ApiDestination,
            &aws_model::example_arn(TargetKind::ApiDestination, REGION, ACCOUNT),
        );
        api.role = RoleChoice::CreateNew;
        api.dead_letter_queue = DeadLetterQueue::OtherAccount {
            queue_arn: "arn:aws:sqs:us-east-1:210987654321:central".to_owned(),
        };
        let orders = rule_on(
            "default",
            "orders",
            r#"{"source":["shop"]}"#,
            vec![lambda("t"), api],
        );
        let mut settings = SimulatorSettings {
            duration_minutes: 2,
            seed: 9,
            samples: vec![SampleWeight {
                id: "ignored: the input's samples count".into(),
                weight: 1,
            }],
            ..my_rules("default")
        };
        settings.edit_target("default", "orders", "crm", |t| {
            t.outage = OutageSettings {
                enabled: true,
                from_minute: 0,
                until_minute: 60,
                error: RetryableChoice::Http503,
            };
        });
        let scenario = settings.rules_scenario(&input(&[&orders])).unwrap();
        assert_eq!(scenario.seed, 9);
        assert_eq!(scenario.events.generated[0].count(), 120);
        assert_eq!(
            scenario.events.generated[0].to,
            Ingress::Bus("default".into())
        );
        assert_eq!(scenario.options.keep_details_for_first_events, 120);
        let [healthy, crm] = &scenario.rules[0].targets[..] else {
            panic!("two targets: {:?}", scenario.rules[0].targets);
        };
        assert_eq!(healthy.behaviour.latency_ms, 50);
        assert!(healthy.behaviour.outages.is_empty());
        assert_eq!(crm.behaviour.outages.len(), 1);
        // A queue in another account has no policy for EventBridge unless the user says so.
        assert!(!crm.dlq.as_ref().unwrap().has_resource_policy);
        crate::Simulation::new(&scenario).expect("HTTP errors are valid on API destinations");
    }
}
