//! The exceptions of the EventBridge API, by the names AWS gives them.
//!
//! Source: the `Errors` sections of the API reference, e.g.
//! <https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_CreateEventBus.html>,
//! <https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_ActivateEventSource.html>
//! and <https://docs.aws.amazon.com/eventbridge/latest/APIReference/CommonErrors.html>.

crate::string_enum! {
    /// An EventBridge API exception, so a simulated operation can fail with the code AWS
    /// would return.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum ApiErrorCode {
        /// A parameter breaks a documented constraint (pattern, length, account format, ...).
        ValidationException = "ValidationException",
        /// The operation does not fit the resource's current state (e.g. activating an
        /// event source that is not deactivated).
        InvalidStateException = "InvalidStateException",
        /// A resource with that name is already there.
        ResourceAlreadyExistsException = "ResourceAlreadyExistsException",
        /// No resource with that name is visible to the caller.
        ResourceNotFoundException = "ResourceNotFoundException",
        /// The operation is not offered in the requested region.
        OperationDisabledException = "OperationDisabledException",
        /// A quota would be exceeded (e.g. a sixth target on a rule).
        LimitExceededException = "LimitExceededException",
        /// Another request changed the resource at the same time.
        ConcurrentModificationException = "ConcurrentModificationException",
    }
}

impl std::fmt::Display for ApiErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The messages AWS returns for a few operations, as recorded against real AWS
/// (LocalStack's validated snapshots,
/// <https://github.com/localstack/localstack/blob/main/tests/aws/services/events/test_events.snapshot.json>)
/// and documented for `OperationDisabledException`
/// (<https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_CreatePartnerEventSource.html>).
pub mod messages {
    /// `ResourceNotFoundException` for a bus.
    pub fn event_bus_not_found(name: &str) -> String {
        format!("Event bus {name} does not exist.")
    }

    /// `ResourceAlreadyExistsException` for a bus.
    pub fn event_bus_exists(name: &str) -> String {
        format!("Event bus {name} already exists.")
    }

    /// `ValidationException` for deleting the default bus.
    pub const CANNOT_DELETE_DEFAULT_BUS: &str = "Cannot delete event bus default.";

    /// `ResourceNotFoundException` for a rule.
    pub fn rule_not_found(rule: &str, bus: &str) -> String {
        format!("Rule {rule} does not exist on EventBus {bus}.")
    }

    /// `InvalidStateException` for activating or deactivating an event source.
    pub const INVALID_EVENT_SOURCE_STATE: &str =
        "The specified state is not a valid state for an event source.";

    /// `OperationDisabledException`.
    pub const OPERATION_DISABLED: &str =
        "The operation you are attempting is not available in this region.";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_aws_exception_names() {
        for code in ApiErrorCode::ALL {
            assert!(code.as_str().ends_with("Exception"), "{code}");
            assert_eq!(code.to_string().parse::<ApiErrorCode>(), Ok(code));
        }
        assert_eq!(
            messages::rule_not_found("orders", "default"),
            "Rule orders does not exist on EventBus default."
        );
    }
}
