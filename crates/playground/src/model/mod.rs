//! Plain Rust behind the pages: what is listed, searched and offered, with no web types, so it
//! is unit-tested natively and the components only render it.

pub mod backups;
pub mod event_tree;
pub mod partner_search;
pub mod pattern_builder;
pub mod region_search;
pub mod rule_list;
pub mod rule_wizard;
pub mod sample_check;
pub mod setup_flow;
pub mod simulator_charts;
pub mod simulator_run;
pub mod simulator_scenario;
pub mod simulator_settings;
pub mod simulator_timeline;
pub mod sources;
