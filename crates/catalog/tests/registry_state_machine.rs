//! Every transition of the partner event source state machine, from every state.

use catalog::{
    Delivery, DropReason, ErrorCode, EventSourceState, PartnerEventSource, PartnerRegistry,
};

const SOURCE: &str = "aws.partner/example.com/tenant-1/orders";
const ACCOUNT: &str = "111122223333";
const REGION: &str = "eu-west-1";

#[derive(Debug, Clone, Copy)]
enum Step {
    PartnerCreates,
    CustomerAssociates,
    CustomerDeactivates,
    CustomerActivates,
    PartnerDeletes,
    CustomerDeletesBus,
}
use Step::*;

fn apply(registry: &mut PartnerRegistry, step: Step) -> Result<(), ErrorCode> {
    let outcome = match step {
        PartnerCreates => registry
            .create_partner_event_source(SOURCE, ACCOUNT, REGION)
            .map(|_| ()),
        CustomerAssociates => registry
            .associate_event_source(ACCOUNT, REGION, SOURCE)
            .map(|_| ()),
        CustomerDeactivates => registry
            .deactivate_event_source(ACCOUNT, REGION, SOURCE)
            .map(|_| ()),
        CustomerActivates => registry
            .activate_event_source(ACCOUNT, REGION, SOURCE)
            .map(|_| ()),
        PartnerDeletes => registry.delete_partner_event_source(SOURCE, ACCOUNT, REGION),
        CustomerDeletesBus => registry.delete_event_bus(ACCOUNT, REGION, SOURCE),
    };
    outcome.map_err(|error| error.code())
}

/// What the customer can observe about the source afterwards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Seen {
    /// No source of that name at all.
    Gone,
    /// The source in this state, with or without a bus.
    Source(EventSourceState, Bus),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bus {
    None,
    Receiving,
    Stopped,
}

fn observe(registry: &PartnerRegistry) -> Seen {
    let Some(source) = registry.event_source(REGION, SOURCE) else {
        assert!(registry.event_bus(ACCOUNT, REGION, SOURCE).is_none());
        return Seen::Gone;
    };
    let bus = match registry.event_bus(ACCOUNT, REGION, SOURCE) {
        None => Bus::None,
        Some(bus) if bus.receiving => Bus::Receiving,
        Some(_) => Bus::Stopped,
    };
    assert_eq!(
        source.has_bus,
        bus != Bus::None,
        "has_bus agrees with the bus"
    );
    Seen::Source(source.state, bus)
}

const PENDING_NEW: Seen = Seen::Source(EventSourceState::Pending, Bus::None);
const ACTIVE: Seen = Seen::Source(EventSourceState::Active, Bus::Receiving);
const DEACTIVATED: Seen = Seen::Source(EventSourceState::Pending, Bus::Stopped);
const DELETED: Seen = Seen::Source(EventSourceState::Deleted, Bus::Stopped);

const NONE: &[Step] = &[];
const PENDING: &[Step] = &[PartnerCreates];
const ASSOCIATED: &[Step] = &[PartnerCreates, CustomerAssociates];
const STOPPED: &[Step] = &[PartnerCreates, CustomerAssociates, CustomerDeactivates];
const PARTNER_GONE: &[Step] = &[PartnerCreates, CustomerAssociates, PartnerDeletes];
const STOPPED_THEN_GONE: &[Step] = &[
    PartnerCreates,
    CustomerAssociates,
    CustomerDeactivates,
    PartnerDeletes,
];
const CLEARED_BY_BOTH: &[Step] = &[
    PartnerCreates,
    CustomerAssociates,
    PartnerDeletes,
    CustomerDeletesBus,
];

#[test]
fn every_step_from_every_state() {
    use ErrorCode::*;
    type Row = (&'static [Step], Step, Result<Seen, ErrorCode>);
    let table: &[Row] = &[
        // nothing there yet
        (NONE, PartnerCreates, Ok(PENDING_NEW)),
        (NONE, CustomerAssociates, Err(ResourceNotFoundException)),
        (NONE, CustomerDeactivates, Err(ResourceNotFoundException)),
        (NONE, CustomerActivates, Err(ResourceNotFoundException)),
        (NONE, PartnerDeletes, Err(ResourceNotFoundException)),
        (NONE, CustomerDeletesBus, Err(ResourceNotFoundException)),
        // PENDING, never associated
        (PENDING, PartnerCreates, Err(ResourceAlreadyExistsException)),
        (PENDING, CustomerAssociates, Ok(ACTIVE)),
        (PENDING, CustomerDeactivates, Err(InvalidStateException)),
        (PENDING, CustomerActivates, Err(InvalidStateException)),
        (PENDING, PartnerDeletes, Ok(Seen::Gone)),
        (PENDING, CustomerDeletesBus, Err(ResourceNotFoundException)),
        // ACTIVE
        (
            ASSOCIATED,
            PartnerCreates,
            Err(ResourceAlreadyExistsException),
        ),
        (
            ASSOCIATED,
            CustomerAssociates,
            Err(ResourceAlreadyExistsException),
        ),
        (ASSOCIATED, CustomerDeactivates, Ok(DEACTIVATED)),
        (ASSOCIATED, CustomerActivates, Err(InvalidStateException)),
        (ASSOCIATED, PartnerDeletes, Ok(DELETED)),
        (ASSOCIATED, CustomerDeletesBus, Ok(PENDING_NEW)),
        // PENDING because deactivated
        (STOPPED, PartnerCreates, Err(ResourceAlreadyExistsException)),
        (
            STOPPED,
            CustomerAssociates,
            Err(ResourceAlreadyExistsException),
        ),
        (STOPPED, CustomerDeactivates, Err(InvalidStateException)),
        (STOPPED, CustomerActivates, Ok(ACTIVE)),
        (STOPPED, PartnerDeletes, Ok(DELETED)),
        (STOPPED, CustomerDeletesBus, Ok(PENDING_NEW)),
        // DELETED by the partner, bus still there
        (
            PARTNER_GONE,
            PartnerCreates,
            Err(ResourceAlreadyExistsException),
        ),
        (
            PARTNER_GONE,
            CustomerAssociates,
            Err(ResourceAlreadyExistsException),
        ),
        (
            PARTNER_GONE,
            CustomerDeactivates,
            Err(InvalidStateException),
        ),
        (PARTNER_GONE, CustomerActivates, Err(InvalidStateException)),
        (PARTNER_GONE, PartnerDeletes, Err(ResourceNotFoundException)),
        (PARTNER_GONE, CustomerDeletesBus, Ok(Seen::Gone)),
        (
            STOPPED_THEN_GONE,
            CustomerActivates,
            Err(InvalidStateException),
        ),
        (STOPPED_THEN_GONE, CustomerDeletesBus, Ok(Seen::Gone)),
        // after the customer deleted the bus, the source can be associated again
        (
            &[PartnerCreates, CustomerAssociates, CustomerDeletesBus],
            CustomerAssociates,
            Ok(ACTIVE),
        ),
        // after the partner forgot it (no bus), the name is free again
        (
            &[PartnerCreates, PartnerDeletes],
            PartnerCreates,
            Ok(PENDING_NEW),
        ),
        (CLEARED_BY_BOTH, PartnerCreates, Ok(PENDING_NEW)),
    ];
    for (history, step, expected) in table {
        let mut registry = PartnerRegistry::new();
        for earlier in history.iter() {
            apply(&mut registry, *earlier)
                .unwrap_or_else(|code| panic!("setup {history:?} failed at {earlier:?}: {code}"));
        }
        let before = observe(&registry);
        let outcome = apply(&mut registry, *step).map(|()| observe(&registry));
        assert_eq!(&outcome, expected, "{step:?} after {history:?}");
        if expected.is_err() {
            assert_eq!(
                observe(&registry),
                before,
                "a refused {step:?} changes nothing"
            );
        }
    }
}

#[test]
fn events_are_delivered_only_while_active_and_dropped_with_the_reason() {
    let bus_arn = format!("arn:aws:events:{REGION}:{ACCOUNT}:event-bus/{SOURCE}");
    let table: &[(&[Step], Delivery)] = &[
        (
            NONE,
            Delivery::Dropped {
                reason: DropReason::UnknownSource,
            },
        ),
        (
            PENDING,
            Delivery::Dropped {
                reason: DropReason::AwaitingAssociation,
            },
        ),
        (
            ASSOCIATED,
            Delivery::Accepted {
                bus_arn: bus_arn.clone(),
            },
        ),
        (
            STOPPED,
            Delivery::Dropped {
                reason: DropReason::Deactivated,
            },
        ),
        (
            &[
                PartnerCreates,
                CustomerAssociates,
                CustomerDeactivates,
                CustomerActivates,
            ],
            Delivery::Accepted { bus_arn },
        ),
        (
            PARTNER_GONE,
            Delivery::Dropped {
                reason: DropReason::SourceDeleted,
            },
        ),
        (
            STOPPED_THEN_GONE,
            Delivery::Dropped {
                reason: DropReason::SourceDeleted,
            },
        ),
        (
            &[PartnerCreates, CustomerAssociates, CustomerDeletesBus],
            Delivery::Dropped {
                reason: DropReason::AwaitingAssociation,
            },
        ),
    ];
    for (history, expected) in table {
        let mut registry = PartnerRegistry::new();
        for step in history.iter() {
            apply(&mut registry, *step).unwrap();
        }
        assert_eq!(
            &registry.send_event(REGION, SOURCE),
            expected,
            "after {history:?}"
        );
    }
}

#[test]
fn a_source_in_another_region_or_of_another_name_gets_nothing() {
    let mut registry = PartnerRegistry::new();
    for step in ASSOCIATED {
        apply(&mut registry, *step).unwrap();
    }
    let unknown = Delivery::Dropped {
        reason: DropReason::UnknownSource,
    };
    assert_eq!(registry.send_event("us-east-1", SOURCE), unknown);
    assert_eq!(
        registry.send_event(REGION, "aws.partner/example.com/tenant-1/other"),
        unknown
    );
    assert_eq!(registry.send_event("not a region", SOURCE), unknown);
}

#[test]
fn drop_reasons_explain_themselves() {
    let reasons = [
        DropReason::UnknownSource,
        DropReason::AwaitingAssociation,
        DropReason::Deactivated,
        DropReason::SourceDeleted,
    ];
    let texts: std::collections::BTreeSet<_> = reasons.iter().map(|r| r.explanation()).collect();
    assert_eq!(texts.len(), reasons.len());
    assert!(DropReason::Deactivated.explanation().contains("PENDING"));
}

#[test]
fn error_texts_are_the_aws_ones_where_the_spec_records_them() {
    let mut registry = PartnerRegistry::new();
    for step in ASSOCIATED {
        apply(&mut registry, *step).unwrap();
    }
    let cases = [
        (
            registry.associate_event_source(ACCOUNT, REGION, SOURCE).unwrap_err(),
            ErrorCode::ResourceAlreadyExistsException,
            format!("Event bus {SOURCE} already exists."),
        ),
        (
            registry.activate_event_source(ACCOUNT, REGION, SOURCE).unwrap_err(),
            ErrorCode::InvalidStateException,
            "The specified state is not a valid state for an event source.".to_owned(),
        ),
        (
            registry
                .delete_event_bus(ACCOUNT, REGION, "aws.partner/example.com/x/y")
                .unwrap_err(),
            ErrorCode::ResourceNotFoundException,
            "Event bus aws.partner/example.com/x/y does not exist.".to_owned(),
        ),
        (
            registry.delete_event_bus(ACCOUNT, REGION, "orders").unwrap_err(),
            ErrorCode::ResourceNotFoundException,
            "Event bus orders does not exist.".to_owned(),
        ),
        (
            registry.delete_event_bus(ACCOUNT, REGION, "default").unwrap_err(),
            ErrorCode::ValidationException,
            "Cannot delete event bus default.".to_owned(),
        ),
        (
            registry
                .create_partner_event_source(SOURCE, ACCOUNT, "eu-south-2")
                .unwrap_err(),
            ErrorCode::OperationDisabledException,
            "The operation you are attempting is not available in this region.".to_owned(),
        ),
        (
            registry
                .create_partner_event_source("aws.partner/x", ACCOUNT, REGION)
                .unwrap_err(),
            ErrorCode::ValidationException,
            r"1 validation error detected: Value 'aws.partner/x' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: aws\.partner(/[\.\-_A-Za-z0-9]+){2,}".to_owned(),
        ),
        (
            registry
                .create_partner_event_source(SOURCE, "12345", REGION)
                .unwrap_err(),
            ErrorCode::ValidationException,
            r"1 validation error detected: Value '12345' at 'account' failed to satisfy constraint: Member must satisfy regular expression pattern: \d{12}".to_owned(),
        ),
    ];
    for (error, code, message) in cases {
        assert_eq!(error.code(), code, "{error}");
        assert_eq!(error.message(), message);
        assert_eq!(error.to_string(), format!("{}: {message}", code.as_str()));
    }
}

#[test]
fn invalid_inputs_are_refused_before_anything_changes() {
    use ErrorCode::*;
    let long = format!("aws.partner/example.com/{}", "a".repeat(240));
    let cases: &[(&str, &str, &str, ErrorCode)] = &[
        (
            "aws.partner/example.com",
            ACCOUNT,
            REGION,
            ValidationException,
        ),
        ("example.com/a/b", ACCOUNT, REGION, ValidationException),
        ("", ACCOUNT, REGION, ValidationException),
        (&long, ACCOUNT, REGION, ValidationException),
        (SOURCE, "", REGION, ValidationException),
        (SOURCE, "1111222233334", REGION, ValidationException),
        (SOURCE, "11112222333a", REGION, ValidationException),
        (SOURCE, ACCOUNT, "", ValidationException),
        (SOURCE, ACCOUNT, "EU-WEST-1", ValidationException),
        (SOURCE, ACCOUNT, "mars", ValidationException),
        (SOURCE, ACCOUNT, "us-gov-west-1", OperationDisabledException),
        (SOURCE, ACCOUNT, "eu-central-2", OperationDisabledException),
    ];
    for (name, account, region, code) in cases {
        let mut registry = PartnerRegistry::new();
        let error = registry
            .create_partner_event_source(name, account, region)
            .unwrap_err();
        assert_eq!(error.code(), *code, "{name} {account} {region}: {error}");
        assert!(registry.is_empty());
    }
}

#[test]
fn a_partner_bus_must_be_named_like_its_source() {
    let mut registry = PartnerRegistry::new();
    apply(&mut registry, PartnerCreates).unwrap();
    let cases: &[(&str, ErrorCode)] = &[
        (
            "aws.partner/example.com/tenant-1/other",
            ErrorCode::ValidationException,
        ),
        ("orders", ErrorCode::ValidationException),
        ("default", ErrorCode::ValidationException),
    ];
    for (bus_name, code) in cases {
        let error = registry
            .create_partner_event_bus(ACCOUNT, REGION, bus_name, SOURCE)
            .unwrap_err();
        assert_eq!(error.code(), *code, "{bus_name}: {error}");
    }
    let bus = registry
        .create_partner_event_bus(ACCOUNT, REGION, SOURCE, SOURCE)
        .unwrap();
    assert_eq!(bus.name, SOURCE);
    assert_eq!(bus.event_source_name(), SOURCE);
}

#[test]
fn sources_are_private_to_their_account() {
    let other = "444455556666";
    let mut registry = PartnerRegistry::new();
    apply(&mut registry, PartnerCreates).unwrap();
    let attempts = [
        registry
            .associate_event_source(other, REGION, SOURCE)
            .map(|_| ()),
        registry
            .deactivate_event_source(other, REGION, SOURCE)
            .map(|_| ()),
        registry.delete_partner_event_source(SOURCE, other, REGION),
    ];
    for attempt in attempts {
        assert_eq!(
            attempt.unwrap_err().code(),
            ErrorCode::ResourceNotFoundException
        );
    }
    apply(&mut registry, CustomerAssociates).unwrap();
    assert_eq!(
        registry
            .delete_event_bus(other, REGION, SOURCE)
            .unwrap_err()
            .code(),
        ErrorCode::ResourceNotFoundException
    );
    assert!(registry.event_sources(other, REGION).is_empty());
    assert!(registry.event_buses(other, REGION).is_empty());
    assert!(registry.event_bus(other, REGION, SOURCE).is_none());
    assert_eq!(registry.event_buses(ACCOUNT, REGION).len(), 1);
}

#[test]
fn many_accounts_and_regions_live_side_by_side() {
    let mut registry = PartnerRegistry::new();
    let accounts = ["111122223333", "444455556666"];
    let regions = ["us-east-1", "eu-west-1", "cn-north-1"];
    for (a, account) in accounts.iter().enumerate() {
        for region in regions {
            for n in 0..3 {
                let name = format!("aws.partner/example.com/acct{a}/source{n}");
                registry
                    .create_partner_event_source(&name, account, region)
                    .unwrap();
                if n == 1 {
                    registry
                        .associate_event_source(account, region, &name)
                        .unwrap();
                }
            }
        }
    }
    assert_eq!(registry.len(), 18);
    // The same name may exist once per region.
    let name = "aws.partner/example.com/acct0/source0";
    assert!(regions
        .iter()
        .all(|r| registry.event_source(r, name).is_some()));

    let listed: Vec<PartnerEventSource> = registry.event_sources(accounts[1], "eu-west-1");
    let names: Vec<&str> = listed.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "aws.partner/example.com/acct1/source0",
            "aws.partner/example.com/acct1/source1",
            "aws.partner/example.com/acct1/source2"
        ]
    );
    let states: Vec<EventSourceState> = listed.iter().map(|s| s.state).collect();
    assert_eq!(
        states,
        [
            EventSourceState::Pending,
            EventSourceState::Active,
            EventSourceState::Pending
        ]
    );
    let buses = registry.event_buses(accounts[1], "cn-north-1");
    assert_eq!(buses.len(), 1);
    assert_eq!(
        buses[0].arn(),
        "arn:aws-cn:events:cn-north-1:444455556666:event-bus/aws.partner/example.com/acct1/source1"
    );
    assert_eq!(
        listed[0].arn(),
        "arn:aws:events:eu-west-1::event-source/aws.partner/example.com/acct1/source0"
    );
}

#[test]
fn state_names_print_like_aws() {
    let table = [
        (EventSourceState::Pending, "PENDING"),
        (EventSourceState::Active, "ACTIVE"),
        (EventSourceState::Deleted, "DELETED"),
    ];
    for (state, text) in table {
        assert_eq!(state.as_str(), text);
        assert_eq!(
            serde_json::to_string(&state).unwrap(),
            format!("\"{text}\"")
        );
    }
}
