//! Hand-written checks for the names and ids EventBridge constrains (spec §4.1, §6).

use crate::error::{CatalogError, ErrorCode};
use crate::regions::{region, Region};

/// Longest partner event source name and event bus name AWS accepts.
pub const MAX_NAME_LEN: usize = 256;

/// The name of every account's built-in bus; nobody may create or delete a bus with it.
pub const DEFAULT_BUS_NAME: &str = "default";

const PARTNER_PREFIX: &str = "aws.partner";

/// The regular expression AWS documents for partner event source names; only quoted in messages.
const SOURCE_NAME_PATTERN: &str = r"aws\.partner(/[\.\-_A-Za-z0-9]+){2,}";
const BUS_NAME_PATTERN: &str = r"[/\.\-_A-Za-z0-9]+";
const ACCOUNT_PATTERN: &str = r"\d{12}";

/// How much of a rejected value an error message repeats, so a hostile megabyte-long name
/// cannot turn into a megabyte-long message.
const ECHO_LIMIT: usize = 300;

/// True for exactly twelve ASCII digits, the only shape of an AWS account id.
pub fn is_valid_account_id(account: &str) -> bool {
    account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit())
}

/// True when `name` is a partner event source name AWS would accept:
/// `aws.partner` followed by at least two `/`-separated non-empty segments of
/// `[.-_A-Za-z0-9]`, at most 256 characters in all.
pub fn is_valid_partner_event_source_name(name: &str) -> bool {
    validate_partner_event_source_name(name).is_ok()
}

/// The check behind [`is_valid_partner_event_source_name`], with AWS's constraint message.
pub fn validate_partner_event_source_name(name: &str) -> Result<(), CatalogError> {
    check_length(name, "name")?;
    if !has_partner_source_shape(name) {
        return Err(constraint_violation(
            name,
            "name",
            &format!("Member must satisfy regular expression pattern: {SOURCE_NAME_PATTERN}"),
        ));
    }
    Ok(())
}

fn has_partner_source_shape(name: &str) -> bool {
    let Some(rest) = name.strip_prefix(PARTNER_PREFIX) else {
        return false;
    };
    let Some(rest) = rest.strip_prefix('/') else {
        return false;
    };
    // After the leading slash, the rest is segments joined by '/'; none may be empty.
    let mut segments = 0usize;
    for segment in rest.split('/') {
        if segment.is_empty() || !segment.bytes().all(is_segment_byte) {
            return false;
        }
        segments += 1;
    }
    segments >= 2
}

fn is_segment_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_')
}

/// Whether a bus is an ordinary custom bus or the bus that receives a partner event source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BusKind {
    Custom,
    Partner,
}

/// True when `name` may be used for a new bus of this kind (see [`validate_event_bus_name`]).
pub fn is_valid_event_bus_name(name: &str, kind: BusKind) -> bool {
    validate_event_bus_name(name, kind).is_ok()
}

/// Event bus name rules: 1..=256 characters of `[/.-_A-Za-z0-9]`; `default` is taken by the
/// account's own bus; `/` appears only in partner bus names, which must themselves be partner
/// event source names (a partner bus is named after its source).
pub fn validate_event_bus_name(name: &str, kind: BusKind) -> Result<(), CatalogError> {
    check_length(name, "name")?;
    if !name.bytes().all(|b| b == b'/' || is_segment_byte(b)) {
        return Err(constraint_violation(
            name,
            "name",
            &format!("Member must satisfy regular expression pattern: {BUS_NAME_PATTERN}"),
        ));
    }
    if name == DEFAULT_BUS_NAME {
        return Err(CatalogError::new(
            ErrorCode::ValidationException,
            "The event bus name default is reserved for the account's default event bus.",
        ));
    }
    match kind {
        BusKind::Custom if name.contains('/') => Err(CatalogError::new(
            ErrorCode::ValidationException,
            format!(
                "Event bus name {} is not valid: only partner event buses may contain '/'.",
                echo(name)
            ),
        )),
        BusKind::Custom => Ok(()),
        BusKind::Partner => validate_partner_event_source_name(name),
    }
}

pub(crate) fn validate_account_id(account: &str) -> Result<(), CatalogError> {
    if is_valid_account_id(account) {
        Ok(())
    } else {
        Err(constraint_violation(
            account,
            "account",
            &format!("Member must satisfy regular expression pattern: {ACCOUNT_PATTERN}"),
        ))
    }
}

/// A listed region, or why the code cannot be used: a well-formed code that is not on the list
/// gets AWS's "not available in this region" error, anything else a validation error.
pub(crate) fn validate_region(code: &str) -> Result<&'static Region, CatalogError> {
    if let Some(found) = region(code) {
        return Ok(found);
    }
    if looks_like_region_code(code) {
        Err(CatalogError::new(
            ErrorCode::OperationDisabledException,
            "The operation you are attempting is not available in this region.",
        ))
    } else {
        Err(CatalogError::new(
            ErrorCode::ValidationException,
            format!(
                "'{}' is not a region code (expected something like us-east-1).",
                echo(code)
            ),
        ))
    }
}

/// `area-direction-N` style: lowercase words joined by '-', ending in a number.
fn looks_like_region_code(code: &str) -> bool {
    let parts: Vec<&str> = code.split('-').collect();
    parts.len() >= 3
        && code.len() <= 32
        && parts[..parts.len() - 1]
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase()))
        && parts
            .last()
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

fn check_length(value: &str, field: &str) -> Result<(), CatalogError> {
    // Every accepted character is ASCII, so counting chars equals counting bytes for valid
    // names; counting chars keeps the message honest for the rest.
    let chars = value.chars().count();
    if chars == 0 {
        Err(constraint_violation(
            value,
            field,
            "Member must have length greater than or equal to 1",
        ))
    } else if chars > MAX_NAME_LEN {
        Err(constraint_violation(
            value,
            field,
            &format!("Member must have length less than or equal to {MAX_NAME_LEN}"),
        ))
    } else {
        Ok(())
    }
}

/// AWS's wording for a failed parameter constraint.
fn constraint_violation(value: &str, field: &str, constraint: &str) -> CatalogError {
    CatalogError::new(
        ErrorCode::ValidationException,
        format!(
            "1 validation error detected: Value '{}' at '{field}' failed to satisfy constraint: {constraint}",
            echo(value)
        ),
    )
}

pub(crate) fn echo(value: &str) -> String {
    match value.char_indices().nth(ECHO_LIMIT) {
        Some((cut, _)) => format!("{}...", &value[..cut]),
        None => value.to_owned(),
    }
}
