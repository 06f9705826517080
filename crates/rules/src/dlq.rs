//! Dead-letter queues: where a target's undeliverable events go, and the queue policy that lets
//! EventBridge write there.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use aws_model::{check_dead_letter_queue_arn, check_dead_letter_queue_name, sqs_queue_url, Arn};

use crate::FieldErrors;

/// The console's three dead-letter-queue choices.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "choice", rename_all = "snake_case")]
pub enum DeadLetterQueue {
    /// Undeliverable events are dropped.
    #[default]
    None,
    /// A standard queue in the rule's own account and Region, picked by name.
    ThisAccount { queue_name: String },
    /// A standard queue in another account (same Region), entered by ARN. Its owner must attach
    /// the policy from [`dead_letter_queue_policy`].
    OtherAccount { queue_arn: String },
}

impl DeadLetterQueue {
    /// The queue's ARN for a rule in `region` and `account`; `None` for [`DeadLetterQueue::None`].
    pub fn queue_arn(&self, region: &str, account: &str) -> Option<String> {
        match self {
            DeadLetterQueue::None => None,
            DeadLetterQueue::ThisAccount { queue_name } => {
                Some(Arn::in_region("sqs", region, account, queue_name).to_string())
            }
            DeadLetterQueue::OtherAccount { queue_arn } => Some(queue_arn.trim().to_owned()),
        }
    }

    pub(crate) fn check(&self, field: &str, region: &str, errors: &mut FieldErrors) {
        let result = match self {
            DeadLetterQueue::None => Ok(()),
            DeadLetterQueue::ThisAccount { queue_name } => check_dead_letter_queue_name(queue_name),
            DeadLetterQueue::OtherAccount { queue_arn } => {
                check_dead_letter_queue_arn(queue_arn, region).map(|_| ())
            }
        };
        if let Err(error) = result {
            errors.push(field, error);
        }
    }
}

/// The queue policy that lets EventBridge deliver the rule's failed events to the queue:
/// `sqs:SendMessage` for the `events.amazonaws.com` service, only on behalf of this rule.
pub fn dead_letter_queue_policy(queue_arn: &str, rule_arn: &str) -> Value {
    json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Sid": "AllowEventBridgeRuleToSendFailedEvents",
            "Effect": "Allow",
            "Principal": {"Service": "events.amazonaws.com"},
            "Action": "sqs:SendMessage",
            "Resource": queue_arn,
            "Condition": {"ArnEquals": {"aws:SourceArn": rule_arn}},
        }],
    })
}

/// The queue URL the SQS API wants, from a queue ARN that passed validation.
pub(crate) fn queue_url(queue_arn: &str) -> Option<String> {
    Arn::parse(queue_arn).ok().map(|arn| sqs_queue_url(&arn))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(queue: &DeadLetterQueue) -> Vec<String> {
        let mut errors = FieldErrors::new();
        queue.check("dlq", "us-east-1", &mut errors);
        errors.into_iter().map(|e| e.message).collect()
    }

    #[test]
    fn dead_letter_queue_table() {
        let this = |name: &str| DeadLetterQueue::ThisAccount {
            queue_name: name.into(),
        };
        let other = |arn: &str| DeadLetterQueue::OtherAccount {
            queue_arn: arn.into(),
        };
        let table: Vec<(DeadLetterQueue, Option<&str>)> = vec![
            (DeadLetterQueue::None, None),
            (this("failed-orders"), None),
            (this("failed-orders.fifo"), Some("FIFO")),
            (this(""), Some("Choose a queue")),
            (this("a b"), Some("Choose a queue")),
            (other("arn:aws:sqs:us-east-1:210987654321:dlq"), None),
            (
                other("arn:aws:sqs:us-east-1:210987654321:dlq.fifo"),
                Some("FIFO"),
            ),
            (
                other("arn:aws:sqs:eu-west-1:210987654321:dlq"),
                Some("rule's Region (us-east-1)"),
            ),
            (
                other("arn:aws:sns:us-east-1:210987654321:dlq"),
                Some("'sns' service"),
            ),
            (
                other("arn:aws-cn:sqs:us-east-1:210987654321:dlq"),
                Some("partition"),
            ),
            (other("arn:aws:sqs:us-east-1:2109:dlq"), Some("12 digits")),
            (
                other("arn:aws:sqs:us-east-1:210987654321:a/b"),
                Some("1 to 80"),
            ),
            (other("dlq"), Some("Enter the ARN")),
        ];
        for (queue, expected) in table {
            let messages = check(&queue);
            match expected {
                None => assert!(messages.is_empty(), "{queue:?}: {messages:?}"),
                Some(fragment) => assert!(
                    messages.len() == 1 && messages[0].contains(fragment),
                    "{queue:?}: {messages:?}"
                ),
            }
        }
    }

    #[test]
    fn queue_arn_of_each_choice() {
        assert_eq!(
            DeadLetterQueue::None.queue_arn("us-east-1", "123456789012"),
            None
        );
        assert_eq!(
            DeadLetterQueue::ThisAccount {
                queue_name: "dlq".into()
            }
            .queue_arn("cn-north-1", "123456789012")
            .as_deref(),
            Some("arn:aws-cn:sqs:cn-north-1:123456789012:dlq")
        );
        assert_eq!(
            DeadLetterQueue::OtherAccount {
                queue_arn: " arn:aws:sqs:us-east-1:210987654321:q ".into()
            }
            .queue_arn("us-east-1", "123456789012")
            .as_deref(),
            Some("arn:aws:sqs:us-east-1:210987654321:q")
        );
    }

    #[test]
    fn policy_allows_send_message_from_events_for_this_rule_only() {
        let policy = dead_letter_queue_policy(
            "arn:aws:sqs:us-east-1:210987654321:dlq",
            "arn:aws:events:us-east-1:123456789012:rule/orders",
        );
        let statement = &policy["Statement"][0];
        assert_eq!(policy["Version"], "2012-10-17");
        assert_eq!(statement["Effect"], "Allow");
        assert_eq!(statement["Action"], "sqs:SendMessage");
        assert_eq!(statement["Principal"]["Service"], "events.amazonaws.com");
        assert_eq!(
            statement["Resource"],
            "arn:aws:sqs:us-east-1:210987654321:dlq"
        );
        assert_eq!(
            statement["Condition"]["ArnEquals"]["aws:SourceArn"],
            "arn:aws:events:us-east-1:123456789012:rule/orders"
        );
    }

    #[test]
    fn queue_urls_use_the_partition_dns_suffix() {
        assert_eq!(
            queue_url("arn:aws:sqs:us-east-1:123456789012:dlq").as_deref(),
            Some("https://sqs.us-east-1.amazonaws.com/123456789012/dlq")
        );
        assert_eq!(
            queue_url("arn:aws-cn:sqs:cn-north-1:123456789012:dlq").as_deref(),
            Some("https://sqs.cn-north-1.amazonaws.com.cn/123456789012/dlq")
        );
        assert_eq!(queue_url("not an arn"), None);
    }

    /// Regression: the DNS suffix of queue URLs knew only the China partition, so a queue in
    /// an ISO region got an `amazonaws.com` URL.
    #[test]
    fn regression_queue_urls_outside_the_commercial_and_china_partitions() {
        assert_eq!(
            queue_url("arn:aws-iso-b:sqs:us-isob-east-1:123456789012:dlq").as_deref(),
            Some("https://sqs.us-isob-east-1.sc2s.sgov.gov/123456789012/dlq")
        );
        assert_eq!(
            DeadLetterQueue::ThisAccount {
                queue_name: "dlq".into()
            }
            .queue_arn("eusc-de-east-1", "123456789012")
            .as_deref(),
            Some("arn:aws-eusc:sqs:eusc-de-east-1:123456789012:dlq")
        );
    }
}
