//! EventBridge's limits and quotas that the playground enforces, each with its source.
//!
//! Name lengths live with the names ([`crate::events`]), ARN length with ARNs
//! ([`crate::arn`]) and retry bounds with the retry policy ([`crate::retry`]).

/// Targets per rule; fixed. Source: "Targets per rule: 5", not adjustable
/// (<https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html>), and
/// `PutTargets` ("Each rule can have up to five (5) targets",
/// <https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutTargets.html>).
pub const MAX_TARGETS_PER_RULE: usize = 5;

/// AWS's `LimitExceededException` text, e.g. for a sixth target, as recorded against real AWS
/// (LocalStack's validated snapshot `test_add_exceed_fife_targets_per_rule`,
/// <https://github.com/localstack/localstack/blob/main/tests/aws/services/events/test_events.snapshot.json>).
pub const LIMIT_EXCEEDED_MESSAGE: &str =
    "The requested resource exceeds the maximum number allowed.";

/// Longest `EventPattern` the API takes, in characters. Source: `EventPattern` of
/// <https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutRule.html>.
pub const MAX_EVENT_PATTERN_CHARS: usize = 4096;

/// The default service quota "Event pattern size" (adjustable), in characters; smaller than
/// the API's hard limit [`MAX_EVENT_PATTERN_CHARS`]. Source:
/// <https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html>.
pub const EVENT_PATTERN_SIZE_QUOTA_CHARS: usize = 2048;

/// Longest rule description. Source: `Description` of
/// <https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutRule.html>.
pub const MAX_RULE_DESCRIPTION_CHARS: usize = 512;

/// Tags per resource, and the lengths of a tag's key and value. Source:
/// <https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_Tag.html> and
/// <https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_TagResource.html>.
pub const MAX_TAGS: usize = 50;
/// See [`MAX_TAGS`].
pub const MAX_TAG_KEY_CHARS: usize = 128;
/// See [`MAX_TAGS`].
pub const MAX_TAG_VALUE_CHARS: usize = 256;

/// Rules per event bus by default (adjustable): 300, or 100 in the two regions the quota page
/// names. Source: "Rules per event bus"
/// (<https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html>).
pub fn max_rules_per_event_bus(region: &str) -> usize {
    match region {
        "af-south-1" | "eu-south-1" => 100,
        _ => 300,
    }
}

/// Event buses per account by default (adjustable). Source: "Event buses"
/// (<https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html>).
pub const MAX_EVENT_BUSES_PER_ACCOUNT: usize = 100;

/// Largest `PutEvents` entry, in bytes (256 KB). Source:
/// <https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-putevent-size.html>.
pub const MAX_EVENT_ENTRY_BYTES: usize = 256 * 1024;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_per_bus_are_lower_in_two_regions() {
        for (region, limit) in [
            ("us-east-1", 300),
            ("af-south-1", 100),
            ("eu-south-1", 100),
            ("eu-south-2", 300),
            ("", 300),
        ] {
            assert_eq!(max_rules_per_event_bus(region), limit, "{region}");
        }
    }

    #[test]
    fn the_pattern_quota_is_within_the_api_limit() {
        const { assert!(EVENT_PATTERN_SIZE_QUOTA_CHARS < MAX_EVENT_PATTERN_CHARS) };
        assert_eq!((MAX_TARGETS_PER_RULE, MAX_EVENT_PATTERN_CHARS), (5, 4096));
    }
}
