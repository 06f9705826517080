//! EventBridge's names: event buses, the default bus, partner event sources, rules and
//! targets, and the ARNs of buses, rules and sources.
//!
//! Sources:
//! - bus names: `Name` of
//!   <https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_CreateEventBus.html>
//!   (1 to 256 characters of `[/\.\-_A-Za-z0-9]+`; a partner bus is named exactly like its
//!   partner event source, custom buses cannot contain `/` and cannot be named `default`);
//! - the default bus: <https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-bus.html>
//!   (every account has one bus named `default`);
//! - partner event source names: `Name` of
//!   <https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_CreatePartnerEventSource.html>
//!   (`aws\.partner(/[\.\-_A-Za-z0-9]+){2,}`, at most 256 characters);
//! - rule names and target ids: `Name` of
//!   <https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutRule.html> and `Id` of
//!   <https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_Target.html>
//!   (`[\.\-_A-Za-z0-9]+`, at most 64 characters);
//! - ARNs of buses, rules and event sources:
//!   <https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoneventbridge.html>
//!   (`event-bus/<name>`, `rule/[<bus>/]<name>` with the bus only for buses other than
//!   `default`, and `event-source/<name>` with no account).

use std::fmt;

use crate::arn::Arn;
use crate::region::Partition;

/// The name of every account's built-in bus. Rules may live on it; nobody may create or
/// delete a bus with this name.
pub const DEFAULT_EVENT_BUS: &str = "default";

/// Longest event bus name.
pub const MAX_EVENT_BUS_NAME_CHARS: usize = 256;

/// Longest partner event source name.
pub const MAX_PARTNER_EVENT_SOURCE_NAME_CHARS: usize = 256;

/// Longest rule name.
pub const MAX_RULE_NAME_CHARS: usize = 64;

/// Longest target id.
pub const MAX_TARGET_ID_CHARS: usize = 64;

/// The pattern AWS documents for rule names and target ids, for messages that quote it.
pub const NAME_PATTERN: &str = r"[\.\-_A-Za-z0-9]+";

/// The pattern AWS documents for event bus names.
pub const EVENT_BUS_NAME_PATTERN: &str = r"[/\.\-_A-Za-z0-9]+";

/// The pattern AWS documents for partner event source names.
pub const PARTNER_EVENT_SOURCE_NAME_PATTERN: &str = r"aws\.partner(/[\.\-_A-Za-z0-9]+){2,}";

/// What every partner event source name starts with, before its first `/`.
pub const PARTNER_EVENT_SOURCE_PREFIX: &str = "aws.partner";

/// `[\.\-_A-Za-z0-9]`: the characters of rule names, target ids, custom bus names and each
/// segment of a partner event source name.
pub fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_')
}

/// True when `name` is a partner event source name AWS accepts: `aws.partner`, then at least
/// two `/`-separated non-empty segments of [`is_name_char`] characters, at most 256 in all.
pub fn is_partner_event_source_name(name: &str) -> bool {
    name.len() <= MAX_PARTNER_EVENT_SOURCE_NAME_CHARS && has_partner_source_shape(name)
}

/// The pattern part of [`is_partner_event_source_name`], without the length limit.
pub fn has_partner_source_shape(name: &str) -> bool {
    let Some(rest) = partner_source_rest(name) else {
        return false;
    };
    let mut segments = 0usize;
    for segment in rest.split('/') {
        if segment.is_empty() || !segment.chars().all(is_name_char) {
            return false;
        }
        segments += 1;
    }
    segments >= 2
}

fn partner_source_rest(name: &str) -> Option<&str> {
    name.strip_prefix(PARTNER_EVENT_SOURCE_PREFIX)?
        .strip_prefix('/')
}

/// The partner's segment of a partner event source name: `auth0.com` in
/// `aws.partner/auth0.com/tenant/auth0.logs`. Partners register it once; the rest of the name
/// is theirs to choose. `None` when the name does not start with `aws.partner/`.
pub fn partner_name(source_name: &str) -> Option<&str> {
    partner_source_rest(source_name)?.split('/').next()
}

/// What kind of bus a (valid) bus name names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventBusKind {
    /// The account's `default` bus.
    Default,
    /// A bus the account created, named without `/`.
    Custom,
    /// The bus of a partner event source, named like the source.
    Partner,
}

/// Checks an event bus name a rule or a target may refer to, and says which kind of bus it is.
pub fn check_event_bus_name(name: &str) -> Result<EventBusKind, EventBusNameError> {
    let length = name.chars().count();
    if length == 0 {
        return Err(EventBusNameError::new(BusNameProblem::Empty));
    }
    if length > MAX_EVENT_BUS_NAME_CHARS {
        return Err(EventBusNameError::new(BusNameProblem::TooLong(length)));
    }
    if let Some(bad) = name.chars().find(|&c| !(is_name_char(c) || c == '/')) {
        return Err(EventBusNameError::new(BusNameProblem::BadCharacter(bad)));
    }
    if name == DEFAULT_EVENT_BUS {
        Ok(EventBusKind::Default)
    } else if !name.contains('/') {
        Ok(EventBusKind::Custom)
    } else if has_partner_source_shape(name) {
        Ok(EventBusKind::Partner)
    } else {
        Err(EventBusNameError::new(
            BusNameProblem::SlashOutsidePartnerName,
        ))
    }
}

/// Why a name cannot name an event bus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventBusNameError {
    problem: BusNameProblem,
}

/// What is wrong with an event bus name, for callers that word it their own way (the API's
/// constraint messages, for instance).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum BusNameProblem {
    /// No characters.
    Empty,
    /// More than [`MAX_EVENT_BUS_NAME_CHARS`] characters (how many).
    TooLong(usize),
    /// The first character outside [`EVENT_BUS_NAME_PATTERN`].
    BadCharacter(char),
    /// A `/` in a name that is not a partner event source name.
    SlashOutsidePartnerName,
}

impl EventBusNameError {
    fn new(problem: BusNameProblem) -> Self {
        EventBusNameError { problem }
    }

    /// What is wrong.
    pub fn problem(&self) -> BusNameProblem {
        self.problem
    }
}

impl fmt::Display for EventBusNameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.problem {
            BusNameProblem::Empty => f.write_str("Choose an event bus."),
            BusNameProblem::TooLong(length) => write!(
                f,
                "An event bus name can be at most {MAX_EVENT_BUS_NAME_CHARS} characters; this one has {length}."
            ),
            BusNameProblem::BadCharacter(bad) => write!(
                f,
                "Event bus names use letters, digits and . - _ (and / in partner bus names); {bad:?} is not allowed."
            ),
            BusNameProblem::SlashOutsidePartnerName => f.write_str(
                "Only partner event buses contain '/', as in aws.partner/<partner>/<namespace>/<name>.",
            ),
        }
    }
}

impl std::error::Error for EventBusNameError {}

/// `arn:<partition>:events:<region>:<account>:event-bus/<name>`.
pub fn event_bus_arn(region: &str, account: &str, bus_name: &str) -> String {
    let resource = format!("event-bus/{bus_name}");
    Arn::in_region("events", region, account, &resource).to_string()
}

/// `arn:<partition>:events:<region>:<account>:rule/<name>` for a rule on the default bus,
/// `.../rule/<bus>/<name>` on any other bus.
pub fn rule_arn(region: &str, account: &str, bus_name: &str, rule_name: &str) -> String {
    let resource = if bus_name == DEFAULT_EVENT_BUS {
        format!("rule/{rule_name}")
    } else {
        format!("rule/{bus_name}/{rule_name}")
    };
    Arn::in_region("events", region, account, &resource).to_string()
}

/// `arn:<partition>:events:<region>::event-source/<name>`: partner event sources have no
/// account field.
pub fn event_source_arn(region: &str, source_name: &str) -> String {
    let resource = format!("event-source/{source_name}");
    Arn::in_region("events", region, "", &resource).to_string()
}

/// The partition of rules, buses and targets in `region`: [`Partition::of_region`], as text.
pub fn partition_for_region(region: &str) -> &'static str {
    Partition::of_region(region).as_str()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partner_event_source_names_table() {
        let table: &[(&str, bool)] = &[
            ("aws.partner/auth0.com/tenant/auth0.logs", true),
            ("aws.partner/example.com/a", true),
            ("aws.partner/a/b/c/d/e", true),
            ("aws.partner/example.com", false),
            ("aws.partner/example.com/", false),
            ("aws.partner//a/b", false),
            ("aws.partner/a b/c", false),
            ("aws.partner/a/b$", false),
            ("aws.partnerx/a/b", false),
            ("aws.partner", false),
            ("", false),
            ("AWS.partner/a/b", false),
        ];
        for (name, valid) in table {
            assert_eq!(is_partner_event_source_name(name), *valid, "{name}");
        }
        let at_limit = format!("aws.partner/a/{}", "b".repeat(256 - 14));
        assert_eq!(at_limit.len(), 256);
        assert!(is_partner_event_source_name(&at_limit));
        assert!(!is_partner_event_source_name(&format!("{at_limit}b")));
        assert!(has_partner_source_shape(&format!("{at_limit}b")));
    }

    #[test]
    fn partner_names_are_the_first_segment() {
        assert_eq!(
            partner_name("aws.partner/auth0.com/t/auth0.logs"),
            Some("auth0.com")
        );
        assert_eq!(partner_name("aws.partner/datadog.com"), Some("datadog.com"));
        assert_eq!(partner_name("aws.partner/"), Some(""));
        assert_eq!(partner_name("aws.partnerx/a/b"), None);
        assert_eq!(partner_name("shop"), None);
    }

    #[test]
    fn event_bus_names_table() {
        use BusNameProblem::*;
        let table: &[(&str, Result<EventBusKind, BusNameProblem>)] = &[
            ("default", Ok(EventBusKind::Default)),
            ("orders", Ok(EventBusKind::Custom)),
            ("orders.v2_eu-1", Ok(EventBusKind::Custom)),
            (
                "aws.partner/shopify.com/123/orders",
                Ok(EventBusKind::Partner),
            ),
            ("", Err(Empty)),
            ("my/bus", Err(SlashOutsidePartnerName)),
            ("aws.partner/x", Err(SlashOutsidePartnerName)),
            ("aws.partner/x/", Err(SlashOutsidePartnerName)),
            ("bus!", Err(BadCharacter('!'))),
            ("b\u{e9}", Err(BadCharacter('\u{e9}'))),
        ];
        for (name, expected) in table {
            assert_eq!(
                check_event_bus_name(name).map_err(|e| e.problem()),
                *expected,
                "{name}"
            );
        }
        assert!(check_event_bus_name(&"b".repeat(256)).is_ok());
        let error = check_event_bus_name(&"b".repeat(257)).unwrap_err();
        assert_eq!(error.problem(), TooLong(257));
        assert!(error.to_string().contains("at most 256"), "{error}");
    }

    #[test]
    fn arns_of_buses_rules_and_sources() {
        let table = [
            (
                event_bus_arn("us-east-1", "123456789012", "default"),
                "arn:aws:events:us-east-1:123456789012:event-bus/default",
            ),
            (
                rule_arn("us-east-1", "123456789012", "default", "orders"),
                "arn:aws:events:us-east-1:123456789012:rule/orders",
            ),
            (
                rule_arn("cn-north-1", "123456789012", "custom", "orders"),
                "arn:aws-cn:events:cn-north-1:123456789012:rule/custom/orders",
            ),
            (
                rule_arn("eu-west-1", "1", "aws.partner/shopify.com/1/o", "r"),
                "arn:aws:events:eu-west-1:1:rule/aws.partner/shopify.com/1/o/r",
            ),
            (
                event_source_arn("us-gov-west-1", "aws.partner/a.com/b/c"),
                "arn:aws-us-gov:events:us-gov-west-1::event-source/aws.partner/a.com/b/c",
            ),
        ];
        for (got, want) in table {
            assert_eq!(got, want);
            assert_eq!(Arn::parse(&got).unwrap().to_string(), want);
        }
    }
}

crate::string_enum! {
    /// `EventSource.State` of a partner event source
    /// (<https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_EventSource.html>):
    /// `PENDING` until a partner bus is associated (or while it is deactivated), `ACTIVE` while
    /// events reach the bus, `DELETED` once the partner deleted the source but the customer's
    /// bus remains. Events sent to a source that is not `ACTIVE` are dropped
    /// (<https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_DeactivateEventSource.html>).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum EventSourceState {
        /// Waiting for a bus, or deactivated.
        Pending = "PENDING",
        /// Events reach the partner bus.
        Active = "ACTIVE",
        /// The partner deleted the source.
        Deleted = "DELETED",
    }
}

impl EventSourceState {
    /// Whether events sent to the source reach its bus.
    pub fn receives_events(self) -> bool {
        self == EventSourceState::Active
    }
}
