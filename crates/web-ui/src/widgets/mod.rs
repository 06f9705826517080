//! The widgets every page with a pattern editor shows, built from plain DOM elements (see
//! [`crate::dom`]): the docs embed uses them as they are, the Leptos pages through the thin
//! components in [`crate::components`], so each is written once.

pub mod editor_problem;
pub mod exercise_check;
pub mod json_editor;
pub mod markup;
pub mod match_result;
