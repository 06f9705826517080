//! Partner event sources and partner event buses as a state machine (semantics §4.1-§4.2,
//! `docs/semantics.md`).
//!
//! A partner creates a source for one account in one region; it waits `PENDING` until the
//! customer associates it, which creates a partner bus named exactly like the source and makes
//! the source `ACTIVE`. The customer can deactivate (back to `PENDING`) and reactivate it, or
//! delete the bus (back to `PENDING`, awaiting a new association). When the partner deletes
//! the source, an associated bus stays and the source shows as `DELETED` until the customer
//! deletes that bus too. Events sent to a source that is not `ACTIVE` are dropped.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use aws_model::api_messages;
use aws_model::validation::echo;
use aws_model::{event_bus_arn, event_source_arn, EventSourceState, DEFAULT_EVENT_BUS};

use crate::error::{CatalogError, ErrorCode};
use crate::names::{
    validate_account_id, validate_event_bus_name, validate_partner_event_source_name,
    validate_region, BusKind,
};

/// A partner event source as its customer sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerEventSource {
    pub name: String,
    pub account: String,
    pub region: String,
    pub state: EventSourceState,
    /// Whether a partner event bus for this source exists (possibly deactivated).
    pub has_bus: bool,
}

impl PartnerEventSource {
    /// `arn:<partition>:events:<region>::event-source/<name>`: sources carry no account field.
    pub fn arn(&self) -> String {
        event_source_arn(&self.region, &self.name)
    }
}

/// A partner event bus; its name is always the name of its event source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerEventBus {
    pub name: String,
    pub account: String,
    pub region: String,
    /// True while events sent to the source reach this bus.
    pub receiving: bool,
    /// True once the partner has deleted the source; the bus stays until the customer deletes it.
    pub source_deleted: bool,
}

impl PartnerEventBus {
    /// `arn:<partition>:events:<region>:<account>:event-bus/<name>`.
    pub fn arn(&self) -> String {
        event_bus_arn(&self.region, &self.account, &self.name)
    }

    /// The source this bus receives from: the same name, by AWS's rule.
    pub fn event_source_name(&self) -> &str {
        &self.name
    }
}

/// What happened to an event a partner sent to a source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    /// The event was put on the source's partner bus.
    Accepted { bus_arn: String },
    /// The event was discarded; AWS does not tell the partner, but the playground shows why.
    Dropped { reason: DropReason },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DropReason {
    /// No source of that name exists in that region.
    UnknownSource,
    /// The source is `PENDING` because no bus has been associated with it yet.
    AwaitingAssociation,
    /// The source is `PENDING` because the customer deactivated it.
    Deactivated,
    /// The partner deleted the source.
    SourceDeleted,
}

impl DropReason {
    pub fn explanation(self) -> &'static str {
        match self {
            DropReason::UnknownSource => {
                "No partner event source with this name exists in this region."
            }
            DropReason::AwaitingAssociation => {
                "The event source is PENDING: no event bus has been associated with it yet."
            }
            DropReason::Deactivated => "The event source is PENDING: the customer deactivated it.",
            DropReason::SourceDeleted => "The partner deleted this event source.",
        }
    }
}

/// Whether the bus of a source passes events on; deactivation keeps the bus but stops it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
enum BusState {
    Receiving,
    Deactivated,
}

/// Everything known about one source name in one region. The source's state is derived from
/// these facts rather than stored, so it cannot disagree with them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct SourceRecord {
    name: String,
    account: String,
    region: String,
    /// Set when the partner deleted a source whose bus still exists; a deleted source
    /// without a bus is forgotten at once.
    #[serde(default)]
    partner_deleted: bool,
    bus: Option<BusState>,
}

impl SourceRecord {
    fn state(&self) -> EventSourceState {
        match (self.partner_deleted, self.bus) {
            (true, _) => EventSourceState::Deleted,
            (false, Some(BusState::Receiving)) => EventSourceState::Active,
            (false, _) => EventSourceState::Pending,
        }
    }

    fn source_view(&self) -> PartnerEventSource {
        PartnerEventSource {
            name: self.name.clone(),
            account: self.account.clone(),
            region: self.region.clone(),
            state: self.state(),
            has_bus: self.bus.is_some(),
        }
    }

    fn bus_view(&self) -> Option<PartnerEventBus> {
        self.bus.map(|bus| PartnerEventBus {
            name: self.name.clone(),
            account: self.account.clone(),
            region: self.region.clone(),
            receiving: bus == BusState::Receiving && !self.partner_deleted,
            source_deleted: self.partner_deleted,
        })
    }
}

/// Source names are unique per region, so a source is found by region and name.
type SourceKey = (String, String);

/// Partner event sources and buses of any number of accounts and regions.
///
/// Serialises to `{"version":1,"sources":[…]}` for browser storage; loading checks every
/// stored record again, so a hand-edited or corrupted snapshot is refused, never trusted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RegistrySnapshot", into = "RegistrySnapshot")]
pub struct PartnerRegistry {
    sources: BTreeMap<SourceKey, SourceRecord>,
}

impl PartnerRegistry {
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of sources known, in any state.
    pub fn len(&self) -> usize {
        self.sources.len()
    }

    pub fn is_empty(&self) -> bool {
        self.sources.is_empty()
    }

    // ----- partner side -------------------------------------------------------------------

    /// `CreatePartnerEventSource`: the partner offers `account` a new source in `region`.
    pub fn create_partner_event_source(
        &mut self,
        name: &str,
        account: &str,
        region: &str,
    ) -> Result<PartnerEventSource, CatalogError> {
        validate_partner_event_source_name(name)?;
        validate_account_id(account)?;
        validate_region(region)?;
        let key = (region.to_owned(), name.to_owned());
        if self.sources.contains_key(&key) {
            return Err(CatalogError::new(
                ErrorCode::ResourceAlreadyExistsException,
                format!("Event source {name} already exists."),
            ));
        }
        let record = SourceRecord {
            name: name.to_owned(),
            account: account.to_owned(),
            region: region.to_owned(),
            partner_deleted: false,
            bus: None,
        };
        let view = record.source_view();
        self.sources.insert(key, record);
        Ok(view)
    }

    /// `DeletePartnerEventSource`: an associated bus survives and shows the source `DELETED`;
    /// an unassociated source simply disappears.
    pub fn delete_partner_event_source(
        &mut self,
        name: &str,
        account: &str,
        region: &str,
    ) -> Result<(), CatalogError> {
        validate_partner_event_source_name(name)?;
        validate_account_id(account)?;
        validate_region(region)?;
        let key = (region.to_owned(), name.to_owned());
        let record = match self.sources.get_mut(&key) {
            Some(record) if record.account == account && !record.partner_deleted => record,
            _ => return Err(source_not_found(name)),
        };
        if record.bus.is_some() {
            record.partner_deleted = true;
        } else {
            self.sources.remove(&key);
        }
        Ok(())
    }

    /// `PutPartnerEvents` for one entry: where the event ends up.
    pub fn send_event(&self, region: &str, source_name: &str) -> Delivery {
        let key = (region.to_owned(), source_name.to_owned());
        let Some(record) = self.sources.get(&key) else {
            return Delivery::Dropped {
                reason: DropReason::UnknownSource,
            };
        };
        let reason = match (record.partner_deleted, record.bus) {
            (true, _) => DropReason::SourceDeleted,
            (false, None) => DropReason::AwaitingAssociation,
            (false, Some(BusState::Deactivated)) => DropReason::Deactivated,
            (false, Some(BusState::Receiving)) => {
                return Delivery::Accepted {
                    bus_arn: event_bus_arn(&record.region, &record.account, &record.name),
                }
            }
        };
        Delivery::Dropped { reason }
    }

    // ----- customer side ------------------------------------------------------------------

    /// The console's "Associate with event bus": a partner bus named after the source.
    pub fn associate_event_source(
        &mut self,
        account: &str,
        region: &str,
        source_name: &str,
    ) -> Result<PartnerEventBus, CatalogError> {
        self.create_partner_event_bus(account, region, source_name, source_name)
    }

    /// `CreateEventBus{Name, EventSourceName}`: `bus_name` must equal `event_source_name`, and
    /// the source must be this account's and waiting for a bus.
    pub fn create_partner_event_bus(
        &mut self,
        account: &str,
        region: &str,
        bus_name: &str,
        event_source_name: &str,
    ) -> Result<PartnerEventBus, CatalogError> {
        validate_account_id(account)?;
        validate_region(region)?;
        validate_event_bus_name(bus_name, BusKind::Partner)?;
        validate_partner_event_source_name(event_source_name)?;
        if bus_name != event_source_name {
            return Err(CatalogError::new(
                ErrorCode::ValidationException,
                format!(
                    "A partner event bus must have the same name as its event source: {} differs from {}.",
                    echo(bus_name),
                    echo(event_source_name)
                ),
            ));
        }
        let record = self.customer_source_mut(account, region, event_source_name)?;
        // A record with partner_deleted always still has its bus, so this also covers DELETED.
        if record.bus.is_some() {
            return Err(CatalogError::new(
                ErrorCode::ResourceAlreadyExistsException,
                api_messages::event_bus_exists(bus_name),
            ));
        }
        record.bus = Some(BusState::Receiving);
        Ok(PartnerEventBus {
            name: record.name.clone(),
            account: record.account.clone(),
            region: record.region.clone(),
            receiving: true,
            source_deleted: false,
        })
    }

    /// `DeactivateEventSource`: only an `ACTIVE` source can be deactivated.
    pub fn deactivate_event_source(
        &mut self,
        account: &str,
        region: &str,
        name: &str,
    ) -> Result<PartnerEventSource, CatalogError> {
        self.switch_bus(
            account,
            region,
            name,
            BusState::Receiving,
            BusState::Deactivated,
        )
    }

    /// `ActivateEventSource`: only a deactivated source (`PENDING` with a bus) can be activated.
    pub fn activate_event_source(
        &mut self,
        account: &str,
        region: &str,
        name: &str,
    ) -> Result<PartnerEventSource, CatalogError> {
        self.switch_bus(
            account,
            region,
            name,
            BusState::Deactivated,
            BusState::Receiving,
        )
    }

    fn switch_bus(
        &mut self,
        account: &str,
        region: &str,
        name: &str,
        from: BusState,
        to: BusState,
    ) -> Result<PartnerEventSource, CatalogError> {
        validate_account_id(account)?;
        validate_region(region)?;
        validate_partner_event_source_name(name)?;
        let record = self.customer_source_mut(account, region, name)?;
        if record.partner_deleted || record.bus != Some(from) {
            return Err(invalid_state());
        }
        record.bus = Some(to);
        Ok(record.source_view())
    }

    /// `DeleteEventBus` for a partner bus: the source goes back to `PENDING` awaiting a new
    /// association, or is forgotten if the partner had already deleted it.
    pub fn delete_event_bus(
        &mut self,
        account: &str,
        region: &str,
        name: &str,
    ) -> Result<(), CatalogError> {
        validate_account_id(account)?;
        validate_region(region)?;
        if name == DEFAULT_EVENT_BUS {
            return Err(CatalogError::new(
                ErrorCode::ValidationException,
                api_messages::CANNOT_DELETE_DEFAULT_BUS,
            ));
        }
        // Any well-formed bus name may be asked for; only partner buses live here, so a
        // custom one is simply not found.
        let kind = if name.contains('/') {
            BusKind::Partner
        } else {
            BusKind::Custom
        };
        validate_event_bus_name(name, kind)?;
        let key = (region.to_owned(), name.to_owned());
        let record = match self.sources.get_mut(&key) {
            Some(record) if record.account == account && record.bus.is_some() => record,
            _ => {
                return Err(CatalogError::new(
                    ErrorCode::ResourceNotFoundException,
                    api_messages::event_bus_not_found(name),
                ))
            }
        };
        if record.partner_deleted {
            self.sources.remove(&key);
        } else {
            record.bus = None;
        }
        Ok(())
    }

    // ----- queries ------------------------------------------------------------------------

    /// The source of this name in this region, whoever owns it.
    pub fn event_source(&self, region: &str, name: &str) -> Option<PartnerEventSource> {
        self.sources
            .get(&(region.to_owned(), name.to_owned()))
            .map(SourceRecord::source_view)
    }

    /// `ListEventSources`: the sources offered to `account` in `region`, sorted by name.
    pub fn event_sources(&self, account: &str, region: &str) -> Vec<PartnerEventSource> {
        self.records_of(account, region)
            .map(SourceRecord::source_view)
            .collect()
    }

    /// The partner bus of this name, if `account` has one in `region`.
    pub fn event_bus(&self, account: &str, region: &str, name: &str) -> Option<PartnerEventBus> {
        self.sources
            .get(&(region.to_owned(), name.to_owned()))
            .filter(|record| record.account == account)
            .and_then(SourceRecord::bus_view)
    }

    /// The partner buses of `account` in `region`, sorted by name.
    pub fn event_buses(&self, account: &str, region: &str) -> Vec<PartnerEventBus> {
        self.records_of(account, region)
            .filter_map(SourceRecord::bus_view)
            .collect()
    }

    fn records_of<'a>(
        &'a self,
        account: &'a str,
        region: &'a str,
    ) -> impl Iterator<Item = &'a SourceRecord> + 'a {
        // Keys sort by region first, so one region is one contiguous range.
        self.sources
            .range((region.to_owned(), String::new())..)
            .take_while(move |((key_region, _), _)| key_region == region)
            .map(|(_, record)| record)
            .filter(move |record| record.account == account)
    }

    /// A source as the customer `account` sees it: other accounts' sources are invisible.
    fn customer_source_mut(
        &mut self,
        account: &str,
        region: &str,
        name: &str,
    ) -> Result<&mut SourceRecord, CatalogError> {
        match self.sources.get_mut(&(region.to_owned(), name.to_owned())) {
            Some(record) if record.account == account => Ok(record),
            _ => Err(source_not_found(name)),
        }
    }
}

fn source_not_found(name: &str) -> CatalogError {
    CatalogError::new(
        ErrorCode::ResourceNotFoundException,
        format!("Event source {} does not exist.", echo(name)),
    )
}

fn invalid_state() -> CatalogError {
    CatalogError::new(
        ErrorCode::InvalidStateException,
        api_messages::INVALID_EVENT_SOURCE_STATE,
    )
}

/// Stored form of the registry. Bumped when the layout changes, so old snapshots are refused
/// with a clear message instead of being misread.
const SNAPSHOT_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct RegistrySnapshot {
    version: u32,
    sources: Vec<SourceRecord>,
}

impl From<PartnerRegistry> for RegistrySnapshot {
    fn from(registry: PartnerRegistry) -> Self {
        RegistrySnapshot {
            version: SNAPSHOT_VERSION,
            sources: registry.sources.into_values().collect(),
        }
    }
}

impl TryFrom<RegistrySnapshot> for PartnerRegistry {
    type Error = CatalogError;

    fn try_from(snapshot: RegistrySnapshot) -> Result<Self, Self::Error> {
        if snapshot.version != SNAPSHOT_VERSION {
            return Err(stored_error(format!(
                "version {} is not supported (expected {SNAPSHOT_VERSION})",
                snapshot.version
            )));
        }
        let mut sources = BTreeMap::new();
        for record in snapshot.sources {
            let checks = validate_partner_event_source_name(&record.name)
                .and_then(|()| validate_account_id(&record.account))
                .and_then(|()| validate_region(&record.region).map(|_| ()));
            if let Err(error) = checks {
                return Err(stored_error(error.message().to_owned()));
            }
            if record.partner_deleted && record.bus.is_none() {
                return Err(stored_error(format!(
                    "source {} is marked deleted but has no bus",
                    record.name
                )));
            }
            let key = (record.region.clone(), record.name.clone());
            if sources.insert(key, record).is_some() {
                return Err(stored_error(
                    "the same source name appears twice in one region".to_owned(),
                ));
            }
        }
        Ok(PartnerRegistry { sources })
    }
}

fn stored_error(detail: String) -> CatalogError {
    CatalogError::new(
        ErrorCode::ValidationException,
        format!("Stored partner registry is not valid: {detail}"),
    )
}
