//! Dead-letter queues: where a target's undeliverable events go, and the queue policy that lets
//! EventBridge write there.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::arn::{check_common, dns_suffix_for_region, is_token, partition_for_region, Arn};
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
            DeadLetterQueue::ThisAccount { queue_name } => Some(format!(
                "arn:{}:sqs:{region}:{account}:{queue_name}",
                partition_for_region(region)
            )),
            DeadLetterQueue::OtherAccount { queue_arn } => Some(queue_arn.trim().to_owned()),
        }
    }

    pub(crate) fn check(&self, field: &str, region: &str, errors: &mut FieldErrors) {
        let result = match self {
            DeadLetterQueue::None => Ok(()),
            DeadLetterQueue::ThisAccount { queue_name } => check_queue_name(queue_name),
            DeadLetterQueue::OtherAccount { queue_arn } => check_queue_arn(queue_arn, region),
        };
        if let Err(message) = result {
            errors.push(field, message);
        }
    }
}

const FIFO_REFUSED: &str =
    "A FIFO queue (name ending in .fifo) cannot be a dead-letter queue; choose a standard queue.";

fn check_queue_name(name: &str) -> Result<(), String> {
    if name.ends_with(".fifo") {
        return Err(FIFO_REFUSED.to_owned());
    }
    if !is_token(name, "-_", 1, 80) {
        return Err(
            "Choose a queue: a queue name has 1 to 80 letters, digits, hyphens or underscores."
                .to_owned(),
        );
    }
    Ok(())
}

fn check_queue_arn(text: &str, rule_region: &str) -> Result<(), String> {
    let example = format!(
        "arn:{}:sqs:{rule_region}:210987654321:my-dead-letter-queue",
        partition_for_region(rule_region)
    );
    let arn: Arn<'_> = check_common(text, "SQS queue", "sqs", rule_region, &example)?;
    if arn.resource.ends_with(".fifo") {
        return Err(FIFO_REFUSED.to_owned());
    }
    if arn.region != rule_region {
        return Err(format!(
            "A dead-letter queue must be in the rule's Region ({rule_region}); this queue is in '{}'.",
            arn.region
        ));
    }
    if !is_token(arn.resource, "-_", 1, 80) {
        return Err(format!(
            "The queue name in the ARN must have 1 to 80 letters, digits, hyphens or underscores; found '{}'.",
            arn.resource
        ));
    }
    Ok(())
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
    let arn = Arn::parse(queue_arn)?;
    Some(format!(
        "https://sqs.{}.{}/{}/{}",
        arn.region,
        dns_suffix_for_region(arn.region),
        arn.account,
        arn.resource
    ))
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
}
