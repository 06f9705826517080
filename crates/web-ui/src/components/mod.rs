//! Reusable pieces of the interface. Each renders plain model types and keeps no logic of its own.

pub mod copy_block;
pub mod editor_problem;
pub mod exercise_check;
pub mod json_editor;
pub mod markup;
pub mod match_result;
pub mod site_nav;
pub mod theme_picker;
