//! The one error type of the crate: an AWS API exception name plus a message.

use std::fmt;

/// The AWS exception an error corresponds to, so the UI can show the same code AWS would.
pub use aws_model::ApiErrorCode as ErrorCode;

/// A rejected catalog or registry operation.
///
/// Opaque on purpose: callers read [`CatalogError::code`] and [`CatalogError::message`], and only
/// this crate decides which texts exist (AWS's own where `docs/semantics.md` records them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogError {
    code: ErrorCode,
    message: String,
}

impl CatalogError {
    pub(crate) fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        CatalogError {
            code,
            message: message.into(),
        }
    }

    pub fn code(&self) -> ErrorCode {
        self.code
    }

    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for CatalogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for CatalogError {}
