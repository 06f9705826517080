//! The set-up walk-through of the Partners page: connecting a partner to a partner event bus.
//!
//! The walk-through keeps no progress of its own. Its stage is read from the registry for the
//! account, Region and source name on screen, so it agrees with the sources table whatever is
//! done there, and a reload resumes where the user was.

use catalog::{
    CatalogError, EventSourceState, PartnerEventBus, PartnerEventSource, PartnerRegistry,
};

use super::sources::SourceAction;

/// Why an account id as typed cannot be used; its `Display` says what is wrong.
pub use aws_model::AccountIdError as AccountProblem;

/// Reads an account id as typed. The console shows ids as `1234-5678-9012`, so dashes and
/// spaces between digits are accepted and dropped (`aws_model::AccountId::parse_console_input`).
pub fn parse_account(input: &str) -> Result<String, AccountProblem> {
    aws_model::AccountId::parse_console_input(input).map(|id| id.to_string())
}

/// The source name field as typed; surrounding spaces from a paste are not part of the name.
pub fn source_name_from_input(input: &str) -> &str {
    input.trim()
}

/// The steps of the walk-through, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Step {
    Account,
    CreateSource,
    Associate,
    Receive,
}

impl Step {
    pub fn number(self) -> usize {
        match self {
            Step::Account => 1,
            Step::CreateSource => 2,
            Step::Associate => 3,
            Step::Receive => 4,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Step::Account => "Give the partner your AWS account ID",
            Step::CreateSource => "The partner creates a partner event source",
            Step::Associate => "Associate the source with an event bus",
            Step::Receive => "Receive the partner's events",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StepStatus {
    Done,
    Current,
    Upcoming,
}

impl StepStatus {
    /// Said after the step's title, for screen readers and as a badge.
    pub fn label(self) -> &'static str {
        match self {
            StepStatus::Done => "done",
            StepStatus::Current => "current step",
            StepStatus::Upcoming => "not yet",
        }
    }
}

/// What the walk-through offers next.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FlowAction {
    /// The simulated partner creates the source named in the field.
    CreateSource,
    Source(SourceAction),
}

impl FlowAction {
    pub fn label(self) -> &'static str {
        match self {
            FlowAction::CreateSource => "Create the partner event source",
            FlowAction::Source(action) => action.label(),
        }
    }

    /// Runs the action; on success, says what changed.
    pub fn apply(
        self,
        registry: &mut PartnerRegistry,
        account: &str,
        region: &str,
        source_name: &str,
    ) -> Result<String, CatalogError> {
        let source_name = source_name_from_input(source_name);
        match self {
            FlowAction::CreateSource => {
                registry.create_partner_event_source(source_name, account, region)?;
                Ok(
                    "The partner created the source; it is Pending until you associate it."
                        .to_owned(),
                )
            }
            FlowAction::Source(action) => action.apply(registry, account, region, source_name),
        }
    }
}

/// Where the walk-through stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SetupStage {
    NeedAccount(AccountProblem),
    /// The account has no source of that name in this Region yet.
    NeedSource,
    AwaitingAssociation {
        source: PartnerEventSource,
    },
    Deactivated {
        source: PartnerEventSource,
        bus: PartnerEventBus,
    },
    Active {
        source: PartnerEventSource,
        bus: PartnerEventBus,
    },
    /// The partner deleted the source; its bus is left over.
    SourceDeleted {
        source: PartnerEventSource,
        bus: PartnerEventBus,
    },
}

impl SetupStage {
    /// Reads the stage from the registry. `account_input` and `source_name` are the fields as
    /// typed; another account's source of the same name is invisible here, as in AWS.
    pub fn observe(
        registry: &PartnerRegistry,
        account_input: &str,
        region: &str,
        source_name: &str,
    ) -> SetupStage {
        let account = match parse_account(account_input) {
            Ok(account) => account,
            Err(problem) => return SetupStage::NeedAccount(problem),
        };
        let name = source_name_from_input(source_name);
        let Some(source) = registry
            .event_sources(&account, region)
            .into_iter()
            .find(|s| s.name == name)
        else {
            return SetupStage::NeedSource;
        };
        let bus = registry.event_bus(&account, region, name);
        match (source.state, bus) {
            (EventSourceState::Active, Some(bus)) => SetupStage::Active { source, bus },
            (EventSourceState::Deleted, Some(bus)) => SetupStage::SourceDeleted { source, bus },
            (EventSourceState::Pending, Some(bus)) => SetupStage::Deactivated { source, bus },
            // A source without a bus is Pending by the registry's rules.
            (_, None) => SetupStage::AwaitingAssociation { source },
        }
    }

    /// The step the user is on; `None` once events flow.
    pub fn current_step(&self) -> Option<Step> {
        match self {
            SetupStage::NeedAccount(_) => Some(Step::Account),
            SetupStage::NeedSource | SetupStage::SourceDeleted { .. } => Some(Step::CreateSource),
            SetupStage::AwaitingAssociation { .. } | SetupStage::Deactivated { .. } => {
                Some(Step::Associate)
            }
            SetupStage::Active { .. } => None,
        }
    }

    pub fn status(&self, step: Step) -> StepStatus {
        match self.current_step() {
            None => StepStatus::Done,
            Some(current) if step.number() < current.number() => StepStatus::Done,
            Some(current) if step == current => StepStatus::Current,
            Some(_) => StepStatus::Upcoming,
        }
    }

    /// The one action that moves the walk-through on, if any.
    pub fn next_action(&self) -> Option<FlowAction> {
        match self {
            SetupStage::NeedAccount(_) | SetupStage::Active { .. } => None,
            SetupStage::NeedSource => Some(FlowAction::CreateSource),
            SetupStage::AwaitingAssociation { .. } => {
                Some(FlowAction::Source(SourceAction::Associate))
            }
            SetupStage::Deactivated { .. } => Some(FlowAction::Source(SourceAction::Reactivate)),
            // The name stays taken while the bus exists; deleting the bus frees it.
            SetupStage::SourceDeleted { .. } => Some(FlowAction::Source(SourceAction::DeleteBus)),
        }
    }

    /// Whether a test event can be sent: whenever a source exists, so people can watch it
    /// being dropped before the association and accepted after it.
    pub fn can_send_test_event(&self) -> bool {
        self.source().is_some()
    }

    pub fn source(&self) -> Option<&PartnerEventSource> {
        match self {
            SetupStage::NeedAccount(_) | SetupStage::NeedSource => None,
            SetupStage::AwaitingAssociation { source }
            | SetupStage::Deactivated { source, .. }
            | SetupStage::Active { source, .. }
            | SetupStage::SourceDeleted { source, .. } => Some(source),
        }
    }

    pub fn bus(&self) -> Option<&PartnerEventBus> {
        match self {
            SetupStage::Deactivated { bus, .. }
            | SetupStage::Active { bus, .. }
            | SetupStage::SourceDeleted { bus, .. } => Some(bus),
            _ => None,
        }
    }

    /// One sentence on where things stand.
    pub fn summary(&self) -> String {
        match self {
            SetupStage::NeedAccount(problem) => problem.to_string(),
            SetupStage::NeedSource => {
                "No source of this name yet: the partner creates it from your account ID.".to_owned()
            }
            SetupStage::AwaitingAssociation { .. } => {
                "The source is Pending: events from the partner are dropped until you associate it.".to_owned()
            }
            SetupStage::Deactivated { .. } => {
                "The source was deactivated: it is Pending again and its events are dropped.".to_owned()
            }
            SetupStage::Active { .. } => {
                "The source is Active: its events reach the event bus of the same name.".to_owned()
            }
            SetupStage::SourceDeleted { .. } => {
                "The partner deleted the source. Delete its event bus, then the partner can offer it again."
                    .to_owned()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACCOUNT: &str = "111122223333";
    const REGION: &str = "us-east-2";
    const NAME: &str = "aws.partner/zendesk.com/1234/default";
    const ALL_STEPS: [Step; 4] = [
        Step::Account,
        Step::CreateSource,
        Step::Associate,
        Step::Receive,
    ];

    #[test]
    fn account_ids_are_twelve_digits_with_optional_separators() {
        let cases: &[(&str, Result<&str, &str>)] = &[
            ("111122223333", Ok("111122223333")),
            ("1111-2222-3333", Ok("111122223333")),
            (" 1111 2222 3333 ", Ok("111122223333")),
            ("", Err("Enter your AWS account ID")),
            ("  - ", Err("Enter your AWS account ID")),
            ("11112222333", Err("this one has 11 digits")),
            ("1111222233334", Err("this one has 13 digits")),
            ("1", Err("this one has 1 digit.")),
            ("11112222333x", Err("\u{201c}x\u{201d} is not one")),
            (
                "１１１１２２２２３３３３",
                Err("\u{201c}１\u{201d} is not one"),
            ),
            (
                "1111\u{200b}22223333",
                Err("\u{201c}\u{200b}\u{201d} is not one"),
            ),
            ("1234\t5678", Err("invisible character")),
        ];
        for (input, expected) in cases {
            let got = parse_account(input).map_err(|problem| problem.to_string());
            match (&got, expected) {
                (Ok(id), Ok(want)) => assert_eq!(id, want, "input {input:?}"),
                (Err(message), Err(fragment)) => {
                    assert!(message.contains(fragment), "{input:?}: {message}")
                }
                _ => panic!("input {input:?}: got {got:?}, want {expected:?}"),
            }
        }
    }

    #[test]
    fn a_huge_account_input_is_counted_not_kept() {
        let huge = "9".repeat(1_000_000);
        assert_eq!(
            parse_account(&huge).unwrap_err().digit_count(),
            Some(1_000_000)
        );
    }

    #[test]
    fn the_walkthrough_runs_from_account_to_active() {
        let mut registry = PartnerRegistry::new();
        let stage = SetupStage::observe(&registry, "12", REGION, NAME);
        assert_eq!(stage.current_step(), Some(Step::Account));
        assert_eq!(stage.next_action(), None);
        assert!(!stage.can_send_test_event());

        let stage = SetupStage::observe(&registry, ACCOUNT, REGION, NAME);
        assert_eq!(stage, SetupStage::NeedSource);
        assert_eq!(stage.status(Step::Account), StepStatus::Done);
        assert_eq!(stage.status(Step::CreateSource), StepStatus::Current);
        assert_eq!(stage.status(Step::Receive), StepStatus::Upcoming);

        let mut walked = Vec::new();
        while let Some(action) = SetupStage::observe(&registry, ACCOUNT, REGION, NAME).next_action()
        {
            action.apply(&mut registry, ACCOUNT, REGION, NAME).unwrap();
            walked.push(action);
            assert!(walked.len() < 5, "the walk-through ends");
        }
        assert_eq!(
            walked,
            [
                FlowAction::CreateSource,
                FlowAction::Source(SourceAction::Associate)
            ]
        );
        let done = SetupStage::observe(&registry, ACCOUNT, REGION, NAME);
        assert!(matches!(done, SetupStage::Active { .. }));
        assert!(ALL_STEPS
            .iter()
            .all(|step| done.status(*step) == StepStatus::Done));
        let (source, bus) = (done.source().unwrap(), done.bus().unwrap());
        assert_eq!(bus.name, source.name, "the bus is named after its source");
        assert!(bus.arn().contains(REGION) && bus.arn().contains(ACCOUNT));
    }

    #[test]
    fn the_stage_follows_changes_made_in_the_sources_table() {
        let mut registry = PartnerRegistry::new();
        FlowAction::CreateSource
            .apply(&mut registry, ACCOUNT, REGION, NAME)
            .unwrap();
        let cases: &[(SourceAction, Step, Option<FlowAction>)] = &[
            (SourceAction::Associate, Step::Receive, None),
            (
                SourceAction::Deactivate,
                Step::Associate,
                Some(FlowAction::Source(SourceAction::Reactivate)),
            ),
            (SourceAction::Reactivate, Step::Receive, None),
            (
                SourceAction::PartnerDeletesSource,
                Step::CreateSource,
                Some(FlowAction::Source(SourceAction::DeleteBus)),
            ),
            (
                SourceAction::DeleteBus,
                Step::CreateSource,
                Some(FlowAction::CreateSource),
            ),
        ];
        for (action, step, next) in cases {
            action.apply(&mut registry, ACCOUNT, REGION, NAME).unwrap();
            let stage = SetupStage::observe(&registry, ACCOUNT, REGION, NAME);
            assert_eq!(
                stage.current_step().unwrap_or(Step::Receive),
                *step,
                "after {action:?}"
            );
            assert_eq!(stage.next_action(), *next, "after {action:?}");
        }
    }

    #[test]
    fn sources_are_per_account_and_region_and_names_are_trimmed() {
        let mut registry = PartnerRegistry::new();
        FlowAction::CreateSource
            .apply(&mut registry, ACCOUNT, REGION, NAME)
            .unwrap();
        let cases: &[(&str, &str, &str, bool)] = &[
            (ACCOUNT, REGION, NAME, true),
            ("1111-2222-3333", REGION, NAME, true),
            (
                ACCOUNT,
                REGION,
                "  aws.partner/zendesk.com/1234/default\n",
                true,
            ),
            ("444455556666", REGION, NAME, false),
            (ACCOUNT, "us-east-1", NAME, false),
            (ACCOUNT, REGION, "aws.partner/zendesk.com/1234/other", false),
        ];
        for (account, region, name, found) in cases {
            let stage = SetupStage::observe(&registry, account, region, name);
            assert_eq!(
                stage.source().is_some(),
                *found,
                "{account} {region} {name:?}"
            );
        }
    }

    #[test]
    fn creating_a_taken_or_malformed_name_reports_the_registry_error() {
        let mut registry = PartnerRegistry::new();
        FlowAction::CreateSource
            .apply(&mut registry, ACCOUNT, REGION, NAME)
            .unwrap();
        let taken = FlowAction::CreateSource
            .apply(&mut registry, "444455556666", REGION, NAME)
            .unwrap_err();
        assert_eq!(taken.code().as_str(), "ResourceAlreadyExistsException");
        let malformed = FlowAction::CreateSource
            .apply(&mut registry, ACCOUNT, REGION, "zendesk")
            .unwrap_err();
        assert_eq!(malformed.code().as_str(), "ValidationException");
        assert!(malformed.message().contains("regular expression"));
    }

    #[test]
    fn every_stage_has_a_summary_and_labels_are_distinct() {
        let mut registry = PartnerRegistry::new();
        assert!(SetupStage::observe(&registry, "", REGION, NAME)
            .summary()
            .contains("account ID"));
        assert!(SetupStage::observe(&registry, ACCOUNT, REGION, NAME)
            .summary()
            .contains("No source"));
        FlowAction::CreateSource
            .apply(&mut registry, ACCOUNT, REGION, NAME)
            .unwrap();
        assert!(SetupStage::observe(&registry, ACCOUNT, REGION, NAME)
            .summary()
            .contains("Pending"));
        let statuses = [StepStatus::Done, StepStatus::Current, StepStatus::Upcoming];
        let labels: std::collections::HashSet<_> = statuses.iter().map(|s| s.label()).collect();
        assert_eq!(labels.len(), 3);
        let numbers: Vec<usize> = ALL_STEPS.iter().map(|s| s.number()).collect();
        assert_eq!(numbers, [1, 2, 3, 4]);
    }
}
