//! What every page of the playground shares: the JSON editor with its marks, the live match
//! result and its explanation, the theme, the site's navigation and URL query parsing.
//!
//! The playground is several small WebAssembly bundles (the workbench, the simulator, the
//! course, the docs embed), one per entry page, so that a docs page or a learner downloads only
//! what they use. This crate is the part they have in common; the view models
//! ([`pattern_check`], [`json_highlight`], [`text_match`], [`query`], [`site`]) are plain Rust,
//! unit-tested natively, and the components only render them. The editor and the result panel
//! are [`widgets`] of plain DOM elements, so that the docs embed needs no Leptos (issue 14); the
//! Leptos pages wrap them in [`components`].

#![forbid(unsafe_code)]

pub mod bidi;
pub mod components;
pub mod dom;
pub mod exercise_view;
pub mod json_highlight;
pub mod link_codec;
pub mod pattern_check;
pub mod query;
pub mod site;
pub mod text_match;
pub mod theme;
pub mod widgets;
