//! Amazon EventBridge's **Custom Event Bus** (`eventsv2`, 2026), next to the bus now called
//! "Custom Event Bus - Classic": buses and their ARNs, subscribers (one target each, scoped
//! filters, transformers, their own retry policy), event sources for partner events, a
//! deterministic delivery simulation, and the migration preview from Classic rules.
//!
//! Plain data and pure functions, no web dependencies: the CLI, the JS API and the web app use
//! the same code. `DESIGN.md` lists every behaviour modelled from an unconfirmed or inconsistent
//! source and the choice made.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

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
