//! The SaaS partner side of EventBridge for the playground: the partner integrations and regions
//! of AWS's partner page, sample events for each partner, and a simulation of partner event
//! sources and partner event buses with AWS's rules and error texts.
//!
//! Pure Rust with no web dependencies, so it builds for `wasm32-unknown-unknown`. What a valid
//! account, region, name or ARN is, and the partition of a region, come from `aws_model`.
//!
//! ```
//! use catalog::{partner, Delivery, EventSourceState, PartnerRegistry};
//!
//! let auth0 = partner("auth0.com").unwrap();
//! let account = "111122223333";
//! let name = auth0.example_source_name(account);
//!
//! let mut registry = PartnerRegistry::new();
//! registry.create_partner_event_source(&name, account, "eu-west-1")?;
//! assert!(matches!(registry.send_event("eu-west-1", &name), Delivery::Dropped { .. }));
//!
//! let bus = registry.associate_event_source(account, "eu-west-1", &name)?;
//! assert_eq!(registry.event_source("eu-west-1", &name).unwrap().state, EventSourceState::Active);
//! assert_eq!(
//!     registry.send_event("eu-west-1", &name),
//!     Delivery::Accepted { bus_arn: bus.arn() }
//! );
//!
//! // A sample event, shown for the user's own account and region.
//! let event = auth0.samples()[0].event_for(account, "eu-west-1");
//! assert!(event.contains("\"account\": \"111122223333\""));
//! # Ok::<(), catalog::CatalogError>(())
//! ```
#![forbid(unsafe_code)]

mod error;
mod names;
mod partners;
mod regions;
mod registry;
mod samples;

/// `EventSource.State`, defined in `aws_model` and shared with the delivery simulator.
pub use aws_model::EventSourceState;
pub use error::{CatalogError, ErrorCode};
pub use names::{
    is_valid_event_bus_name, validate_event_bus_name, validate_partner_event_source_name, BusKind,
};
pub use partners::{
    partner, partner_for_source_name, partners, salesforce_event_relay_samples, samples, Category,
    Partner,
};
pub use regions::{region, regions, Region};
pub use registry::{Delivery, DropReason, PartnerEventBus, PartnerEventSource, PartnerRegistry};
pub use samples::{Sample, SAMPLE_ACCOUNT, SAMPLE_REGION};
