//! Plain Rust behind the pages: what is listed, searched and offered, with no web types, so it
//! is unit-tested natively and the components only render it.

pub mod partner_search;
pub mod region_search;
pub mod setup_flow;
pub mod sources;
pub mod text_match;
