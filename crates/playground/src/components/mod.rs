//! Reusable pieces of the interface. Each renders plain model types and keeps no logic of its own.

pub mod copy_block;
pub mod json_editor;
