//! Event sources: how SaaS partner events (and AWS service events) reach a Custom Event Bus.
//!
//! The chain, derived from the sources below: SaaS partner → partner event source
//! (`aws.partner/…`, a Classic object) → managed partner event bus (Classic) → managed rule and
//! target (`ManagedBy = events.amazonaws.com`) → the Custom Event Bus → its subscribers.
//!
//! Sources:
//! - `CreateEventSource(Name, EventBusArn, Configuration)` with exactly one of
//!   `AwsServiceEventsConfiguration` / `PartnerEventsConfiguration`; `PartnerEventSourceArn` with
//!   an empty account; the partner `Pattern` at most 3753 characters; `OnFailureConfiguration`
//!   covering the forwarding target and the managed partner bus:
//!   <https://docs.aws.amazon.com/eventbridgev2/latest/APIReference/API_PartnerEventsSourceConfiguration.html>,
//!   <https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-eventsv2-eventsource-partnereventsconfiguration.html>;
//! - "EventBridge creates a managed rule and a target in your account, on your Custom Event
//!   Bus - Classic", evaluated against the Classic envelope; forwarded events keep that
//!   envelope and carry `aws:Source`/`aws:DetailType`:
//!   <https://docs.amazonaws.cn/en_us/eventbridge/latest/userguide/eb-custom-bus-event-sources.md>;
//! - the pattern may not name top-level `source`, `account` or `region`, and the dead-letter
//!   queue may not be FIFO (secondary: <https://github.com/aws/agent-toolkit-for-aws/blob/main/skills/specialized-skills/serverless-skills/amazon-eventbridge-event-bus/SKILL.md>).

use event_pattern::{Event, Pattern};

use crate::event::{PublishEntry, PutEventsEntry};
use crate::ids::{self, IdGenerator};
use crate::problem::{FieldPath, Problem, ProblemKind, Problems};

/// Longest partner event source `Pattern`, in characters.
pub const MAX_PARTNER_SOURCE_PATTERN_CHARS: usize = 3753;

/// Top-level pattern fields an event source may not filter on: the managed rule sets them.
pub const RESERVED_PATTERN_FIELDS: [&str; 3] = ["source", "account", "region"];

/// `CreateEventSource` for partner events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerEventSourceSpec {
    /// `Name` (may not begin with `aws.`).
    pub name: String,
    /// `EventBusArn`: the Custom Event Bus the events go to.
    pub event_bus_arn: String,
    /// `PartnerEventsConfiguration.PartnerEventSourceArn`:
    /// `arn:aws:events:<region>::event-source/aws.partner/<partner>/<…>`.
    pub partner_event_source_arn: String,
    /// `PartnerEventsConfiguration.Pattern`, evaluated against the Classic envelope.
    pub pattern: Option<String>,
    /// `PartnerEventsConfiguration.OnFailureConfiguration.Arn`.
    pub on_failure_arn: Option<String>,
}

/// One link of the chain, for drawing it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainLink {
    /// What the link is ("Partner event source", ...).
    pub kind: &'static str,
    /// Its name or ARN.
    pub name: String,
    /// What it does, in words.
    pub role: String,
}

/// A checked partner event source.
#[derive(Debug, Clone)]
pub struct PartnerEventSource {
    spec: PartnerEventSourceSpec,
    arn: String,
    partner_source_name: String,
    pattern: Option<Pattern>,
}

impl PartnerEventSourceSpec {
    /// Checks every member; the source is created only without errors.
    pub fn create(
        &self,
        region: &str,
        account: &str,
        ids: &IdGenerator,
    ) -> Result<PartnerEventSource, Problems> {
        let root = FieldPath::root();
        let config = root
            .field("Configuration")
            .field("PartnerEventsConfiguration");
        let mut problems = Problems::default();
        if let Err(problem) = ids::check_event_source_name(&self.name) {
            problems.push(Problem::ours(
                root.field("Name"),
                ProblemKind::BadName,
                problem.to_string(),
            ));
        }
        if let Err(error) = ids::parse_bus_arn(&self.event_bus_arn) {
            problems.push(Problem::ours(
                root.field("EventBusArn"),
                ProblemKind::BadArn,
                error.to_string(),
            ));
        }
        let partner_source_name = match aws_model::Arn::parse(&self.partner_event_source_arn) {
            Ok(arn)
                if arn.service() == "events"
                    && arn.account().is_empty()
                    && arn
                        .resource()
                        .strip_prefix("event-source/")
                        .is_some_and(aws_model::is_partner_event_source_name) =>
            {
                arn.resource()["event-source/".len()..].to_owned()
            }
            _ => {
                problems.push(Problem::ours(
                    config.field("PartnerEventSourceArn"),
                    ProblemKind::BadArn,
                    format!("A partner event source ARN has no account: arn:aws:events:{region}::event-source/aws.partner/<partner>/<namespace>/<name>."),
                ));
                String::new()
            }
        };
        let mut pattern = None;
        if let Some(text) = &self.pattern {
            let path = config.field("Pattern");
            let length = text.encode_utf16().count();
            if length > MAX_PARTNER_SOURCE_PATTERN_CHARS {
                problems.push(Problem::ours(path.clone(), ProblemKind::BadLength, format!("A partner event source pattern is at most {MAX_PARTNER_SOURCE_PATTERN_CHARS} characters; this one has {length}.")));
            } else {
                match Pattern::parse(text) {
                    Err(error) => problems.push(Problem::ours(
                        path.clone(),
                        ProblemKind::InvalidPattern,
                        error
                            .message()
                            .lines()
                            .next()
                            .unwrap_or_default()
                            .to_owned(),
                    )),
                    Ok(parsed) => {
                        for field in parsed.fields() {
                            if RESERVED_PATTERN_FIELDS.contains(&field.path.as_str()) {
                                problems.push(Problem::ours(path.clone(), ProblemKind::ReservedField, format!("The pattern may not filter on top-level \"{}\": the managed rule sets it. Filter on detail-type or detail instead.", field.path)));
                            }
                        }
                        pattern = Some(parsed);
                    }
                }
            }
        }
        if let Some(arn) = &self.on_failure_arn {
            let path = config.field("OnFailureConfiguration").field("Arn");
            if arn.trim_end().ends_with(".fifo") {
                problems.push(Problem::aws(path, ProblemKind::BadArn, "OnFailureConfiguration.Arn must name a standard SQS queue: FIFO queues are not supported as EventSource dead-letter queues"));
            } else if let Err(error) =
                aws_model::check_target_arn(aws_model::TargetKind::SqsQueue, arn, region)
            {
                problems.push(Problem::ours(path, ProblemKind::BadArn, error.to_string()));
            }
        }
        if !problems.is_accepted() {
            return Err(problems);
        }
        let id = ids.resource_id("event-source", &self.name);
        Ok(PartnerEventSource {
            spec: self.clone(),
            arn: ids::event_source_v2_arn(region, account, true, &self.name, &id),
            partner_source_name,
            pattern,
        })
    }
}

impl PartnerEventSource {
    /// Its `event-sourcev2/aws.partner/<name>/<id>` ARN.
    pub fn arn(&self) -> &str {
        &self.arn
    }

    /// The partner event source's name (`aws.partner/…`), which is also the managed partner
    /// bus's name.
    pub fn partner_source_name(&self) -> &str {
        &self.partner_source_name
    }

    /// The chain from the partner to the bus, link by link.
    pub fn chain(&self) -> Vec<ChainLink> {
        let partner = aws_model::partner_name(&self.partner_source_name).unwrap_or("the partner");
        let filter = match &self.spec.pattern {
            Some(pattern) => format!("forwards the events matching {pattern}"),
            None => "forwards every event".to_owned(),
        };
        vec![
            ChainLink { kind: "SaaS partner", name: partner.to_owned(), role: "sends events with PutPartnerEvents".into() },
            ChainLink { kind: "Partner event source", name: self.partner_source_name.clone(), role: "the partner's source for your account (a Classic object)".into() },
            ChainLink { kind: "Managed partner event bus", name: self.partner_source_name.clone(), role: "a Custom Event Bus - Classic named like the source, managed by EventBridge".into() },
            ChainLink { kind: "Managed rule and target", name: format!("ManagedBy events.amazonaws.com for {}", self.spec.name), role: format!("{filter} in the Classic envelope; counted in the Classic bus's metrics") },
            ChainLink { kind: "Custom Event Bus", name: self.spec.event_bus_arn.clone(), role: "stores the event (content type application/eventbridge+json) with aws:Source and aws:DetailType".into() },
            ChainLink { kind: "Subscribers", name: "(each with its own filters)".into(), role: "deliver it".into() },
        ]
    }

    /// The chain in words, one link per line.
    pub fn describe(&self) -> String {
        self.chain()
            .iter()
            .enumerate()
            .map(|(i, link)| format!("{}. {}: {} — {}\n", i + 1, link.kind, link.name, link.role))
            .collect()
    }

    /// Forwards one partner event (the Classic envelope's JSON text): `None` when the source's
    /// pattern does not match or the text is not an event, otherwise the entry the Custom
    /// Event Bus stores (with `aws:Source` and `aws:DetailType`), its `detail` kept as written.
    pub fn forward(&self, classic_event: &str) -> Option<PublishEntry> {
        let event = Event::parse_any(classic_event).ok()?;
        if let Some(pattern) = &self.pattern {
            if !pattern.matches(&event) {
                return None;
            }
        }
        PutEventsEntry::from_envelope(classic_event, &self.partner_source_name)
            .map(PublishEntry::PutEvents)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BUS: &str =
        "arn:aws:events:us-east-1:111122223333:event-busv2/shop/abcdefghij0123456789klmno";
    const SHOPIFY: &str =
        "arn:aws:events:us-east-1::event-source/aws.partner/shopify.com/755357713/orders";

    fn spec(pattern: Option<&str>) -> PartnerEventSourceSpec {
        PartnerEventSourceSpec {
            name: "shopify-orders".into(),
            event_bus_arn: BUS.into(),
            partner_event_source_arn: SHOPIFY.into(),
            pattern: pattern.map(str::to_owned),
            on_failure_arn: None,
        }
    }

    #[test]
    fn a_shopify_source_draws_its_chain_and_forwards_matching_events() {
        let source = spec(Some(
            r#"{"detail":{"metadata":{"X-Shopify-Topic":["orders/create"]}}}"#,
        ))
        .create("us-east-1", "111122223333", &IdGenerator::new(3))
        .unwrap();
        assert!(source
            .arn()
            .contains(":event-sourcev2/aws.partner/shopify-orders/"));
        let chain = source.chain();
        assert_eq!(chain.len(), 6);
        assert_eq!(chain[0].name, "shopify.com");
        assert_eq!(chain[2].name, "aws.partner/shopify.com/755357713/orders");
        assert!(source.describe().contains("3. Managed partner event bus"));
        let event = r#"{"version":"0","id":"1","detail-type":"shopifyWebhook","source":"aws.partner/shopify.com/755357713/orders","account":"111122223333","time":"2026-09-16T18:40:12Z","region":"us-east-1","resources":[],"detail":{"payload":{"id": 1.50},"metadata":{"X-Shopify-Topic":"orders/create"}}}"#;
        match source.forward(event) {
            Some(PublishEntry::PutEvents(entry)) => {
                assert_eq!(entry.source, "aws.partner/shopify.com/755357713/orders");
                assert_eq!(entry.detail_type, "shopifyWebhook");
                assert_eq!(
                    entry.detail,
                    r#"{"payload":{"id": 1.50},"metadata":{"X-Shopify-Topic":"orders/create"}}"#
                );
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            source.forward(&event.replace("orders/create", "products/update")),
            None
        );
    }

    #[test]
    fn validation_reports_every_problem() {
        // Name may not begin with aws. (Smithy model); no top-level source/account/region and a
        // standard dead-letter queue (SKILL.md, secondary); pattern at most 3753 characters
        // (API_PartnerEventsSourceConfiguration).
        let mut bad = spec(Some(r#"{"source":["x"],"region":["us-east-1"]}"#));
        bad.name = "aws.shop".into();
        bad.partner_event_source_arn =
            "arn:aws:events:us-east-1:111122223333:event-source/aws.partner/x.com/a".into();
        bad.on_failure_arn = Some("arn:aws:sqs:us-east-1:111122223333:dlq.fifo".into());
        let problems = bad
            .create("us-east-1", "111122223333", &IdGenerator::new(3))
            .unwrap_err();
        let found: Vec<(String, ProblemKind)> = problems
            .all()
            .iter()
            .map(|p| (p.path().to_string(), p.kind()))
            .collect();
        assert_eq!(
            found,
            [
                ("Name".to_owned(), ProblemKind::BadName),
                (
                    "Configuration.PartnerEventsConfiguration.PartnerEventSourceArn".to_owned(),
                    ProblemKind::BadArn
                ),
                (
                    "Configuration.PartnerEventsConfiguration.Pattern".to_owned(),
                    ProblemKind::ReservedField
                ),
                (
                    "Configuration.PartnerEventsConfiguration.Pattern".to_owned(),
                    ProblemKind::ReservedField
                ),
                (
                    "Configuration.PartnerEventsConfiguration.OnFailureConfiguration.Arn"
                        .to_owned(),
                    ProblemKind::BadArn
                ),
            ]
        );
        assert!(problems.all()[4].is_aws_text());
        let long = format!(r#"{{"detail":{{"a":["{}"]}}}}"#, "x".repeat(3800));
        let problems = spec(Some(&long))
            .create("us-east-1", "111122223333", &IdGenerator::new(3))
            .unwrap_err();
        assert_eq!(problems.all()[0].kind(), ProblemKind::BadLength);
    }
}
