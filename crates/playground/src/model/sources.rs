//! Partner event sources and buses as the Partners page lists them, and what can be done to
//! them: the customer's actions plus the simulated partner's "delete source".

use catalog::{
    CatalogError, Delivery, EventSourceState, PartnerEventBus, PartnerEventSource, PartnerRegistry,
};

use super::partner_search::Listing;

/// An action on an existing partner event source, by the customer or the partner.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SourceAction {
    /// The console's "Associate with event bus": creates the partner bus, source turns Active.
    Associate,
    /// Stops events from reaching the bus; the source goes back to Pending, the bus stays.
    Deactivate,
    /// Undoes a deactivation.
    Reactivate,
    /// Deletes the partner bus; the source waits for a new association (or disappears if the
    /// partner already deleted it).
    DeleteBus,
    /// The partner withdraws the source; a bus stays until the customer deletes it.
    PartnerDeletesSource,
}

impl SourceAction {
    /// In the order the buttons appear.
    pub const ALL: [SourceAction; 5] = [
        SourceAction::Associate,
        SourceAction::Reactivate,
        SourceAction::Deactivate,
        SourceAction::DeleteBus,
        SourceAction::PartnerDeletesSource,
    ];

    pub fn label(self) -> &'static str {
        match self {
            SourceAction::Associate => "Associate with event bus",
            SourceAction::Deactivate => "Deactivate",
            SourceAction::Reactivate => "Reactivate",
            SourceAction::DeleteBus => "Delete event bus",
            SourceAction::PartnerDeletesSource => "Partner deletes source",
        }
    }

    /// Whether the action makes sense for the source as it is; only these are offered, so
    /// the registry's errors are left for what the user typed (names, accounts).
    pub fn is_available(self, source: &PartnerEventSource) -> bool {
        match self {
            SourceAction::Associate => source.state == EventSourceState::Pending && !source.has_bus,
            SourceAction::Deactivate => source.state == EventSourceState::Active,
            SourceAction::Reactivate => source.state == EventSourceState::Pending && source.has_bus,
            SourceAction::DeleteBus => source.has_bus,
            SourceAction::PartnerDeletesSource => source.state != EventSourceState::Deleted,
        }
    }

    /// The actions offered for a source, in button order.
    pub fn available_for(source: &PartnerEventSource) -> Vec<SourceAction> {
        SourceAction::ALL
            .into_iter()
            .filter(|action| action.is_available(source))
            .collect()
    }

    /// Runs the action on the registry; on success, says what changed.
    pub fn apply(
        self,
        registry: &mut PartnerRegistry,
        account: &str,
        region: &str,
        source_name: &str,
    ) -> Result<String, CatalogError> {
        match self {
            SourceAction::Associate => {
                let bus = registry.associate_event_source(account, region, source_name)?;
                Ok(format!(
                    "Associated: events from the source now reach the event bus {}.",
                    bus.name
                ))
            }
            SourceAction::Deactivate => {
                registry.deactivate_event_source(account, region, source_name)?;
                Ok("Deactivated: the source is Pending and its events are dropped.".to_owned())
            }
            SourceAction::Reactivate => {
                registry.activate_event_source(account, region, source_name)?;
                Ok("Reactivated: the source is Active again.".to_owned())
            }
            SourceAction::DeleteBus => {
                registry.delete_event_bus(account, region, source_name)?;
                Ok("Deleted the event bus.".to_owned())
            }
            SourceAction::PartnerDeletesSource => {
                registry.delete_partner_event_source(source_name, account, region)?;
                Ok("The partner deleted the event source.".to_owned())
            }
        }
    }
}

/// A source's state for people: the console's word and what it means right now.
pub fn state_label(source: &PartnerEventSource) -> (&'static str, &'static str) {
    match (source.state, source.has_bus) {
        (EventSourceState::Pending, false) => {
            ("Pending", "waiting to be associated with an event bus")
        }
        (EventSourceState::Pending, true) => ("Pending", "deactivated: events are dropped"),
        (EventSourceState::Active, _) => ("Active", "events reach the partner event bus"),
        (EventSourceState::Deleted, _) => (
            "Deleted",
            "the partner deleted it; the bus stays until you delete it",
        ),
    }
}

/// One line of the sources table: a source, its bus if any, and which entry it belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceRow {
    pub source: PartnerEventSource,
    pub bus: Option<PartnerEventBus>,
    /// The display name of the partner whose name segment the source carries.
    pub partner_name: Option<&'static str>,
}

impl SourceRow {
    pub fn actions(&self) -> Vec<SourceAction> {
        SourceAction::available_for(&self.source)
    }
}

/// The sources offered to `account` in `region` with their buses, sorted by name.
pub fn source_rows(registry: &PartnerRegistry, account: &str, region: &str) -> Vec<SourceRow> {
    registry
        .event_sources(account, region)
        .into_iter()
        .map(|source| SourceRow {
            bus: registry.event_bus(account, region, &source.name),
            partner_name: Listing::all()
                .find(|listing| listing.owns_source_name(&source.name))
                .map(Listing::display_name),
            source,
        })
        .collect()
}

/// The row for one source name, if `account` sees such a source in `region`.
pub fn source_row(
    registry: &PartnerRegistry,
    account: &str,
    region: &str,
    name: &str,
) -> Option<SourceRow> {
    source_rows(registry, account, region)
        .into_iter()
        .find(|row| row.source.name == name)
}

/// Other Regions where `account` has sources, with how many, in catalog order; sources are
/// regional, so after switching Region the user should learn where the others went.
pub fn other_regions_with_sources(
    registry: &PartnerRegistry,
    account: &str,
    current_region: &str,
) -> Vec<(&'static str, usize)> {
    catalog::regions()
        .iter()
        .filter(|region| region.code() != current_region)
        .map(|region| {
            (
                region.code(),
                registry.event_sources(account, region.code()).len(),
            )
        })
        .filter(|(_, count)| *count > 0)
        .collect()
}

/// What a test event did, for people.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeliveryReport {
    pub accepted: bool,
    /// "Accepted" or "Dropped".
    pub outcome: &'static str,
    pub detail: String,
    /// The bus that received the event, when it was accepted.
    pub bus_arn: Option<String>,
}

impl DeliveryReport {
    /// Sends one event from the partner to the source, as `PutPartnerEvents` would.
    pub fn send(registry: &PartnerRegistry, region: &str, source_name: &str) -> DeliveryReport {
        DeliveryReport::from(&registry.send_event(region, source_name))
    }
}

impl From<&Delivery> for DeliveryReport {
    fn from(delivery: &Delivery) -> Self {
        match delivery {
            Delivery::Accepted { bus_arn } => DeliveryReport {
                accepted: true,
                outcome: "Accepted",
                detail: "The event was put on the partner event bus:".to_owned(),
                bus_arn: Some(bus_arn.clone()),
            },
            Delivery::Dropped { reason } => DeliveryReport {
                accepted: false,
                outcome: "Dropped",
                detail: format!(
                    "{} AWS does not tell the partner; the playground shows why.",
                    reason.explanation()
                ),
                bus_arn: None,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACCOUNT: &str = "111122223333";
    const REGION: &str = "eu-west-1";
    const NAME: &str = "aws.partner/auth0.com/tenant-1/auth0.logs";

    fn registry_with_source() -> PartnerRegistry {
        let mut registry = PartnerRegistry::new();
        registry
            .create_partner_event_source(NAME, ACCOUNT, REGION)
            .unwrap();
        registry
    }

    fn run(registry: &mut PartnerRegistry, action: SourceAction) -> Result<String, CatalogError> {
        action.apply(registry, ACCOUNT, REGION, NAME)
    }

    fn row(registry: &PartnerRegistry) -> Option<SourceRow> {
        source_row(registry, ACCOUNT, REGION, NAME)
    }

    #[test]
    fn the_offered_actions_follow_the_source_through_its_life() {
        use SourceAction::*;
        let mut registry = registry_with_source();
        // (action to run, actions offered afterwards, state label afterwards)
        let script: &[(SourceAction, &[SourceAction], Option<&str>)] = &[
            (
                Associate,
                &[Deactivate, DeleteBus, PartnerDeletesSource],
                Some("Active"),
            ),
            (
                Deactivate,
                &[Reactivate, DeleteBus, PartnerDeletesSource],
                Some("Pending"),
            ),
            (
                Reactivate,
                &[Deactivate, DeleteBus, PartnerDeletesSource],
                Some("Active"),
            ),
            (
                DeleteBus,
                &[Associate, PartnerDeletesSource],
                Some("Pending"),
            ),
            (
                Associate,
                &[Deactivate, DeleteBus, PartnerDeletesSource],
                Some("Active"),
            ),
            (PartnerDeletesSource, &[DeleteBus], Some("Deleted")),
            (DeleteBus, &[], None),
        ];
        assert_eq!(
            row(&registry).unwrap().actions(),
            [Associate, PartnerDeletesSource]
        );
        for (action, offered, state) in script {
            assert!(
                row(&registry).unwrap().actions().contains(action),
                "{action:?} is offered"
            );
            run(&mut registry, *action).unwrap_or_else(|e| panic!("{action:?}: {e}"));
            let after = row(&registry);
            assert_eq!(
                after.as_ref().map(|r| state_label(&r.source).0),
                *state,
                "after {action:?}"
            );
            assert_eq!(
                after.map(|r| r.actions()).unwrap_or_default(),
                *offered,
                "after {action:?}"
            );
        }
    }

    #[test]
    fn every_offered_action_succeeds_in_every_reachable_state() {
        use SourceAction::*;
        let setups: &[&[SourceAction]] = &[
            &[],
            &[Associate],
            &[Associate, Deactivate],
            &[Associate, PartnerDeletesSource],
        ];
        for setup in setups {
            let mut prepared = registry_with_source();
            for step in *setup {
                run(&mut prepared, *step).unwrap();
            }
            let offered = row(&prepared).unwrap().actions();
            for action in SourceAction::ALL {
                let mut registry = prepared.clone();
                let result = run(&mut registry, action);
                assert_eq!(
                    result.is_ok(),
                    offered.contains(&action),
                    "{action:?} after {setup:?}: {result:?}"
                );
            }
        }
    }

    #[test]
    fn a_refused_action_returns_the_registry_error() {
        let mut registry = registry_with_source();
        let error = run(&mut registry, SourceAction::Deactivate).unwrap_err();
        assert_eq!(error.code().as_str(), "InvalidStateException");
        let error = SourceAction::Associate
            .apply(&mut registry, "444455556666", REGION, NAME)
            .unwrap_err();
        assert_eq!(error.code().as_str(), "ResourceNotFoundException");
    }

    #[test]
    fn rows_carry_the_bus_with_the_same_name_and_the_partner() {
        let mut registry = registry_with_source();
        let before = row(&registry).unwrap();
        assert_eq!(before.bus, None);
        assert_eq!(before.partner_name, Some("Auth0"));
        run(&mut registry, SourceAction::Associate).unwrap();
        let after = row(&registry).unwrap();
        let bus = after.bus.unwrap();
        assert_eq!(bus.name, after.source.name);
        assert_eq!(
            bus.arn(),
            format!("arn:aws:events:{REGION}:{ACCOUNT}:event-bus/{NAME}")
        );
        assert_eq!(
            after.source.arn(),
            format!("arn:aws:events:{REGION}::event-source/{NAME}")
        );
    }

    #[test]
    fn rows_belong_to_one_account_and_region() {
        let registry = registry_with_source();
        assert_eq!(source_rows(&registry, ACCOUNT, REGION).len(), 1);
        assert!(source_rows(&registry, ACCOUNT, "us-east-1").is_empty());
        assert!(source_rows(&registry, "444455556666", REGION).is_empty());
        assert_eq!(
            other_regions_with_sources(&registry, ACCOUNT, "us-east-1"),
            [(REGION, 1)]
        );
        assert!(other_regions_with_sources(&registry, ACCOUNT, REGION).is_empty());
    }

    #[test]
    fn sources_of_unknown_partners_have_no_partner_name() {
        let mut registry = PartnerRegistry::new();
        registry
            .create_partner_event_source("aws.partner/unheard-of.example/a/b", ACCOUNT, REGION)
            .unwrap();
        let rows = source_rows(&registry, ACCOUNT, REGION);
        assert_eq!(rows[0].partner_name, None);
    }

    #[test]
    fn test_events_are_dropped_until_associated_and_say_why() {
        let mut registry = registry_with_source();
        let cases: &[(Option<SourceAction>, bool, &str)] = &[
            (None, false, "no event bus has been associated"),
            (
                Some(SourceAction::Associate),
                true,
                "put on the partner event bus",
            ),
            (Some(SourceAction::Deactivate), false, "deactivated"),
            (
                Some(SourceAction::Reactivate),
                true,
                "put on the partner event bus",
            ),
            (
                Some(SourceAction::PartnerDeletesSource),
                false,
                "partner deleted",
            ),
        ];
        for (action, accepted, detail) in cases {
            if let Some(action) = action {
                run(&mut registry, *action).unwrap();
            }
            let report = DeliveryReport::send(&registry, REGION, NAME);
            assert_eq!(report.accepted, *accepted, "after {action:?}");
            assert_eq!(
                report.outcome,
                if *accepted { "Accepted" } else { "Dropped" }
            );
            assert!(
                report.detail.contains(detail),
                "after {action:?}: {}",
                report.detail
            );
            assert_eq!(report.bus_arn.is_some(), *accepted);
        }
        let unknown = DeliveryReport::send(&registry, REGION, "aws.partner/auth0.com/x/nothing");
        assert!(!unknown.accepted);
        assert!(unknown.detail.contains("No partner event source"));
    }
}
