//! The dead-letter record: one JSON document per failed batch, sent to the subscriber's
//! `OnFailureConfiguration.Arn`, in place of Classic's event-with-message-attributes.
//!
//! Source: the example record and its field notes in
//! <https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-custom-bus-retry.html> (its
//! docs.amazonaws.cn copy has the record body); `errorMessage` truncated at 1024 characters,
//! `exhaustedRetryCondition` `MaximumRetryAttempts` or `MaximumEventAgeInSeconds`, an empty
//! `targetRequestId` when the call never left EventBridge, no payload (secondary: AWS's agent
//! toolkit, <https://github.com/aws/agent-toolkit-for-aws/blob/main/skills/specialized-skills/serverless-skills/amazon-eventbridge-event-bus/references/target-contract.md>).
//!
//! Written with [`crate::doc::Doc`], so the fields come out in the documented order.

use aws_model::ExhaustedRetryCondition;

use crate::doc::Doc;

/// The record's `version`.
pub const DEAD_LETTER_RECORD_VERSION: &str = "1.0";
/// Longest `errorMessage`; longer messages are cut.
pub const MAX_ERROR_MESSAGE_CHARS: usize = 1024;

/// One entry of `failedMessages`: a reference to the event, not its payload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailedMessage {
    /// `eventId`.
    pub event_id: String,
    /// `eventGroupId`, `null` when the event had none.
    pub event_group_id: Option<String>,
    /// `deduplicationId`, `null` when the event had none.
    pub deduplication_id: Option<String>,
    /// `timestamp`: the event's ingestion time, `2026-09-07T01:43:53.768Z`.
    pub timestamp: String,
    /// `targetRequestId`; empty when the failure happened before any call to the target.
    pub target_request_id: String,
}

/// A dead-letter record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadLetterRecord {
    /// `busArn`.
    pub bus_arn: String,
    /// `subscriberArn`.
    pub subscriber_arn: String,
    /// `targetArn`.
    pub target_arn: String,
    /// `errorCode`: an open set (`ACCESS_DENIED`, `CUSTOMER_VALIDATION`, ...).
    pub error_code: String,
    /// `errorMessage`, already cut to [`MAX_ERROR_MESSAGE_CHARS`].
    pub error_message: String,
    /// `exhaustedRetryCondition`.
    pub exhausted_retry_condition: ExhaustedRetryCondition,
    /// `retryAttempts`: retries made (0 when the first attempt was the only one).
    pub retry_attempts: u32,
    /// `failedMessages`, one per event of the failed batch.
    pub failed_messages: Vec<FailedMessage>,
}

/// `message` cut to [`MAX_ERROR_MESSAGE_CHARS`] characters.
pub fn truncate_error_message(message: &str) -> String {
    match message.char_indices().nth(MAX_ERROR_MESSAGE_CHARS) {
        Some((cut, _)) => message[..cut].to_owned(),
        None => message.to_owned(),
    }
}

impl DeadLetterRecord {
    /// The record as an ordered document.
    pub fn to_doc(&self) -> Doc {
        let optional = |value: &Option<String>| value.as_deref().map_or(Doc::Null, Doc::str);
        Doc::object([
            ("version", Doc::str(DEAD_LETTER_RECORD_VERSION)),
            ("busArn", Doc::str(&self.bus_arn)),
            ("subscriberArn", Doc::str(&self.subscriber_arn)),
            ("targetArn", Doc::str(&self.target_arn)),
            ("errorCode", Doc::str(&self.error_code)),
            ("errorMessage", Doc::str(&self.error_message)),
            (
                "exhaustedRetryCondition",
                Doc::str(self.exhausted_retry_condition.as_str()),
            ),
            ("retryAttempts", Doc::int(self.retry_attempts)),
            (
                "failedMessages",
                Doc::Array(
                    self.failed_messages
                        .iter()
                        .map(|m| {
                            Doc::object([
                                ("eventId", Doc::str(&m.event_id)),
                                ("eventGroupId", optional(&m.event_group_id)),
                                ("deduplicationId", optional(&m.deduplication_id)),
                                ("timestamp", Doc::str(&m.timestamp)),
                                ("targetRequestId", Doc::str(&m.target_request_id)),
                            ])
                        })
                        .collect(),
                ),
            ),
        ])
    }

    /// The SQS message body: the record as compact JSON.
    pub fn to_json(&self) -> String {
        self.to_doc().to_json()
    }

    /// The record in words.
    pub fn describe(&self) -> String {
        let events = self.failed_messages.len();
        format!(
            "{events} event{} failed with {} ({}) after {} retr{}; {} ended delivery. The record carries event ids, not payloads: read the events again from the bus's retention.",
            if events == 1 { "" } else { "s" },
            self.error_code,
            self.error_message,
            self.retry_attempts,
            if self.retry_attempts == 1 { "y" } else { "ies" },
            self.exhausted_retry_condition.as_str()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_example_record_is_reproduced_field_for_field() {
        // The example of eb-custom-bus-retry.html, first failedMessages entry.
        let record = DeadLetterRecord {
            bus_arn: "arn:aws:events:us-east-1:111122223333:event-busv2/orders/EXAMPLE1234567890abcdef".into(),
            subscriber_arn: "arn:aws:events:us-east-1:111122223333:subscriber/large-orders/EXAMPLEabcdef1234567890".into(),
            target_arn: "arn:aws:sqs:us-east-1:111122223333:large-orders".into(),
            error_code: "ACCESS_DENIED".into(),
            error_message: "The delivery role is not authorized to perform sqs:SendMessage on the target.".into(),
            exhausted_retry_condition: ExhaustedRetryCondition::MaximumEventAgeInSeconds,
            retry_attempts: 4,
            failed_messages: vec![FailedMessage {
                event_id: "a1b2c3d4-...".into(),
                event_group_id: Some("order-1001".into()),
                deduplication_id: None,
                timestamp: "2026-09-16T18:40:12Z".into(),
                target_request_id: "...".into(),
            }],
        };
        let expected = r#"{
  "version": "1.0",
  "busArn": "arn:aws:events:us-east-1:111122223333:event-busv2/orders/EXAMPLE1234567890abcdef",
  "subscriberArn": "arn:aws:events:us-east-1:111122223333:subscriber/large-orders/EXAMPLEabcdef1234567890",
  "targetArn": "arn:aws:sqs:us-east-1:111122223333:large-orders",
  "errorCode": "ACCESS_DENIED",
  "errorMessage": "The delivery role is not authorized to perform sqs:SendMessage on the target.",
  "exhaustedRetryCondition": "MaximumEventAgeInSeconds",
  "retryAttempts": 4,
  "failedMessages": [
    {
      "eventId": "a1b2c3d4-...",
      "eventGroupId": "order-1001",
      "deduplicationId": null,
      "timestamp": "2026-09-16T18:40:12Z",
      "targetRequestId": "..."
    }
  ]
}"#;
        assert_eq!(record.to_doc().to_json_pretty(), expected);
        assert!(record.describe().contains("after 4 retries"));
    }

    #[test]
    fn error_messages_are_cut_at_1024_characters() {
        // Source: target-contract.md ("Truncated at 1024 characters").
        assert_eq!(
            truncate_error_message(&"é".repeat(2000)).chars().count(),
            1024
        );
        assert_eq!(truncate_error_message("short"), "short");
    }
}
