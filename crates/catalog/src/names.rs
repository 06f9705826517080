//! The API's checks of names and ids, with AWS's `ValidationException` texts. What a valid
//! name is comes from `aws_model`; this module only words the refusals as the API does.

use aws_model::validation::{constraint_violation_message, echo, Constraint};
use aws_model::{
    has_partner_source_shape, is_account_id, is_name_char, is_region_code, ACCOUNT_ID_PATTERN,
    DEFAULT_EVENT_BUS, EVENT_BUS_NAME_PATTERN, MAX_EVENT_BUS_NAME_CHARS,
    MAX_PARTNER_EVENT_SOURCE_NAME_CHARS, PARTNER_EVENT_SOURCE_NAME_PATTERN,
};

use crate::error::{CatalogError, ErrorCode};
use crate::regions::{region, Region};

/// The check behind [`aws_model::is_partner_event_source_name`], with AWS's constraint message.
pub fn validate_partner_event_source_name(name: &str) -> Result<(), CatalogError> {
    check_length(name, "name", MAX_PARTNER_EVENT_SOURCE_NAME_CHARS)?;
    if !has_partner_source_shape(name) {
        return Err(pattern_violation(
            name,
            "name",
            PARTNER_EVENT_SOURCE_NAME_PATTERN,
        ));
    }
    Ok(())
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

/// The name of a bus to create: 1..=256 characters of `[/.-_A-Za-z0-9]`; `default` is taken by
/// the account's own bus; `/` appears only in partner bus names, which must themselves be
/// partner event source names (a partner bus is named after its source).
pub fn validate_event_bus_name(name: &str, kind: BusKind) -> Result<(), CatalogError> {
    check_length(name, "name", MAX_EVENT_BUS_NAME_CHARS)?;
    if !name.chars().all(|c| c == '/' || is_name_char(c)) {
        return Err(pattern_violation(name, "name", EVENT_BUS_NAME_PATTERN));
    }
    if name == DEFAULT_EVENT_BUS {
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
    if is_account_id(account) {
        Ok(())
    } else {
        Err(pattern_violation(account, "account", ACCOUNT_ID_PATTERN))
    }
}

/// A listed region, or why the code cannot be used: a well-formed code that is not on the list
/// gets AWS's "not available in this region" error, anything else a validation error.
pub(crate) fn validate_region(code: &str) -> Result<&'static Region, CatalogError> {
    if let Some(found) = region(code) {
        return Ok(found);
    }
    if is_region_code(code) {
        Err(CatalogError::new(
            ErrorCode::OperationDisabledException,
            aws_model::api_messages::OPERATION_DISABLED,
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

fn check_length(value: &str, field: &str, max: usize) -> Result<(), CatalogError> {
    // Every accepted character is ASCII, so counting chars equals counting bytes for valid
    // names; counting chars keeps the message honest for the rest.
    let chars = value.chars().count();
    let violated = if chars == 0 {
        Constraint::MinLength(1)
    } else if chars > max {
        Constraint::MaxLength(max)
    } else {
        return Ok(());
    };
    Err(CatalogError::new(
        ErrorCode::ValidationException,
        constraint_violation_message(value, field, &[violated]),
    ))
}

fn pattern_violation(value: &str, field: &str, pattern: &str) -> CatalogError {
    CatalogError::new(
        ErrorCode::ValidationException,
        constraint_violation_message(value, field, &[Constraint::Pattern(pattern)]),
    )
}
