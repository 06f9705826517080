//! What the commands share on top of `lexopt` (a small, maintained parser: `--name value`,
//! `--name=value`, flags anywhere, and its own clear messages for unknown options and missing
//! values).

use std::ffi::OsString;

use crate::output::Failure;

/// An option's value as text.
pub fn text(value: OsString, flag: &str) -> Result<String, Failure> {
    value
        .into_string()
        .map_err(|_| Failure::Usage(format!("the value of --{flag} is not UTF-8 text")))
}

/// Stores the value of an option that may be given once.
pub fn once<T>(slot: &mut Option<T>, value: T, flag: &str) -> Result<(), Failure> {
    if slot.replace(value).is_some() {
        return Err(Failure::Usage(format!("--{flag} given twice")));
    }
    Ok(())
}

/// The value of a required option.
pub fn required<T>(slot: Option<T>, flag: &str) -> Result<T, Failure> {
    slot.ok_or_else(|| Failure::Usage(format!("the option --{flag} is required")))
}
