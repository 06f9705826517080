//! The one error type of the crate: an AWS-style error code plus a message.

use std::fmt;

/// The AWS exception name an error corresponds to, so the UI can show the same code AWS would.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// A parameter breaks a documented constraint (name pattern, length, account format, ...).
    ValidationException,
    /// The operation does not fit the event source's current state.
    InvalidStateException,
    /// A source or bus with that name is already there.
    ResourceAlreadyExistsException,
    /// No source or bus with that name is visible to the caller.
    ResourceNotFoundException,
    /// Partner event sources are not offered in the requested region.
    OperationDisabledException,
}

impl ErrorCode {
    /// The exception name exactly as AWS spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::ValidationException => "ValidationException",
            ErrorCode::InvalidStateException => "InvalidStateException",
            ErrorCode::ResourceAlreadyExistsException => "ResourceAlreadyExistsException",
            ErrorCode::ResourceNotFoundException => "ResourceNotFoundException",
            ErrorCode::OperationDisabledException => "OperationDisabledException",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A rejected catalog or registry operation.
///
/// Opaque on purpose: callers read [`CatalogError::code`] and [`CatalogError::message`], and only
/// this crate decides which texts exist (AWS's own where the spec records them).
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
