//! Amazon EventBridge's **Custom Event Bus** (`eventsv2`, 2026), next to the bus now called
//! "Custom Event Bus - Classic": buses and their ARNs, subscribers (one target each, scoped
//! filters, transformers, their own retry policy), event sources for partner events, a
//! deterministic delivery simulation, and the migration preview from Classic rules.
//!
//! Plain data and pure functions, no web dependencies: the CLI, the JS API and the web app use
//! the same code. `DESIGN.md` lists every behaviour modelled from an unconfirmed or inconsistent
//! source and the choice made.
//!
//! For a builder UI:
//! - [`subscriber::SubscriberSpec::create`] checks a request and returns every problem at once,
//!   each with its member path (`FilterConfiguration.Filters[1].Pattern`), kind, severity and
//!   whether the text is AWS's ([`problem::Problems`]); [`subscriber::Subscriber::describe`]
//!   says what the subscriber does in words;
//! - [`filter::CompiledFilters::explain`] gives each scope's verdict with the matcher's per-field
//!   account, and [`filter::FilterExplanation::describe`] the same in words;
//! - [`transform::CompiledTransformer::apply`] shows what the target would receive;
//! - [`simulation::simulate`] runs publishes and target failures through subscribers and returns
//!   each event's [`simulation::Fate`], the dead-letter records and the `AWS/EventsV2` metrics;
//! - [`migration::migrate`] previews a Classic rule as subscribers, with notes, CloudFormation and
//!   CLI exports; [`event_source::PartnerEventSource::chain`] draws the partner chain;
//! - [`compare::OutageDrill`] runs the same traffic and outage through a Classic rule and its
//!   migrated subscribers, side by side;
//! - [`lesson::SCOPES_LESSON`] is the Learn lesson's content.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod compare;
pub mod dead_letter;
pub mod doc;
pub mod event;
pub mod event_source;
pub mod export;
pub mod filter;
pub mod ids;
pub mod lesson;
pub mod migration;
pub mod problem;
#[cfg(feature = "jsonata")]
pub mod rust_jsonata;
pub mod simulation;
pub mod subscriber;
pub mod transform;
