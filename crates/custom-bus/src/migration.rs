//! The migration preview: a Classic rule becomes one subscriber per target, and every
//! difference that changes what happens to the same events is flagged.
//!
//! Sources:
//! - rule + target → subscriber, pattern → `DATA` filter, input transformer → `JSONATA`, DLQ →
//!   `OnFailureConfiguration`, archive + replay → retention + starting position:
//!   <https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-custom-bus-migrate.html>;
//! - no wildcards: <https://docs.amazonaws.cn/eventbridge/latest/userguide/eb-custom-bus-migrate.md>
//!   and <https://docs.amazonaws.cn/en_us/eventbridge/latest/userguide/eb-custom-bus-filtering.md>;
//! - the retry defaults (5 / 300 s against Classic's 185 / 24 h; set 86,400 explicitly to keep
//!   today's window): <https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-custom-bus-retry.html>;
//! - Classic sends missing permissions and deleted targets to the DLQ without retrying:
//!   <https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html>;
//! - a ported pattern works only for `PutEvents` traffic, a Classic `source` filter is better
//!   moved to `aws:Source` for provenance, the DLQ role needs `sqs:SendMessage` (secondary, AWS's
//!   agent toolkit: <https://github.com/aws/agent-toolkit-for-aws/blob/main/skills/specialized-skills/serverless-skills/amazon-eventbridge-event-bus/references/migrating-from-classic.md>);
//! - Classic input transformers (`InputPathsMap` in dot notation, `InputTemplate` placeholders,
//!   the predefined `aws.events.*` variables, strings inserted raw):
//!   <https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html>.

use std::fmt::Write as _;

use aws_model::{RetryPolicy as ClassicRetryPolicy, TargetKind};
use event_pattern::Pattern;

use crate::doc::{json_string, Doc};
use crate::export::{cli_command, cloudformation_template, logical_id};
use crate::filter::{rewrite_wildcards, wildcards, FilterConfiguration, FilterSpec, Scope};
use crate::ids::MAX_RESOURCE_NAME_CHARS;
use crate::subscriber::{
    describe_seconds, InvokeConfiguration, RetryPolicy, SubscriberSpec,
    DEFAULT_MAX_EVENT_AGE_SECONDS, DEFAULT_MAX_RETRY_ATTEMPTS,
};
use crate::transform::{JsonataEngine, Transformer, TransformerType};

/// What a Classic target sends.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum ClassicInput {
    /// The whole event (no `Input`, `InputPath` or `InputTransformer`).
    #[default]
    MatchedEvent,
    /// `Input`: constant JSON text.
    Constant(String),
    /// `InputPath`: a JSONPath such as `$.detail`.
    Path(String),
    /// `InputTransformer`.
    Transformer {
        /// `InputPathsMap`, in the user's order.
        paths: Vec<(String, String)>,
        /// `InputTemplate`.
        template: String,
    },
}

/// A Classic target, the members the migration reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassicTarget {
    /// `Id`.
    pub id: String,
    /// What it is.
    pub kind: TargetKind,
    /// `Arn`.
    pub arn: String,
    /// `RoleArn`, for kinds that need one.
    pub role_arn: Option<String>,
    /// `RetryPolicy`; `None` is Classic's defaults (185 retries, 24 hours).
    pub retry_policy: Option<ClassicRetryPolicy>,
    /// `DeadLetterConfig.Arn`.
    pub dead_letter_arn: Option<String>,
    /// What it sends.
    pub input: ClassicInput,
}

/// A Classic rule, the members the migration reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassicRule {
    /// `Name`.
    pub name: String,
    /// The rule's region.
    pub region: String,
    /// The rule's account.
    pub account: String,
    /// `EventPattern`, as the user wrote it.
    pub event_pattern: String,
    /// `Targets`.
    pub targets: Vec<ClassicTarget>,
}

impl ClassicRule {
    /// The Classic rule a saved rule of the rule builder (`rules::Rule`) is: its pattern as
    /// written, and per target the members the migration reads.
    pub fn from_saved(rule: &rules::Rule) -> ClassicRule {
        ClassicRule {
            name: rule.name.clone(),
            region: rule.region.clone(),
            account: rule.account_id.clone(),
            event_pattern: rule.event_pattern.clone(),
            targets: rule
                .targets
                .iter()
                .map(|target| ClassicTarget {
                    id: target.id.clone(),
                    kind: target.kind,
                    arn: target.arn.trim().to_owned(),
                    role_arn: match &target.role {
                        rules::RoleChoice::Existing { role_arn } => Some(role_arn.clone()),
                        _ => None,
                    },
                    retry_policy: Some(target.retry_policy),
                    dead_letter_arn: target
                        .dead_letter_queue
                        .queue_arn(&rule.region, &rule.account_id),
                    input: match &target.input {
                        rules::TargetInput::MatchedEvent => ClassicInput::MatchedEvent,
                        rules::TargetInput::Constant { json } => {
                            ClassicInput::Constant(json.clone())
                        }
                        rules::TargetInput::InputPath { path } => ClassicInput::Path(path.clone()),
                        rules::TargetInput::Transformer(transformer) => ClassicInput::Transformer {
                            paths: transformer
                                .paths
                                .iter()
                                .map(|entry| (entry.name.clone(), entry.path.clone()))
                                .collect(),
                            template: transformer.template.clone(),
                        },
                    },
                })
                .collect(),
        }
    }
}

aws_model::string_enum! {
    /// What a migration note is about.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum NoteTopic {
        /// A wildcard the new bus refuses.
        Wildcard = "wildcard",
        /// The pattern only matches `PutEvents` traffic.
        Addressing = "addressing",
        /// Filtering `source` in `DATA` accepts forged envelopes.
        SourceProvenance = "source-provenance",
        /// The new bus's shorter retry defaults.
        RetryDefaults = "retry-defaults",
        /// Permanent errors are retried instead of dead-lettered at once.
        PermanentErrors = "permanent-errors",
        /// The dead-letter queue receives a JSON record, not the event.
        DeadLetterRecord = "dead-letter-record",
        /// The input transformer and its JSONata translation.
        Input = "input",
        /// The target type or its permissions.
        Target = "target",
        /// One target per subscriber.
        FanOut = "fan-out",
    }
}

/// One difference between the rule and what replaces it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationNote {
    /// What it is about.
    pub topic: NoteTopic,
    /// True when the subscriber as previewed does not work, or behaves differently, until the
    /// user acts; false for information.
    pub needs_action: bool,
    /// The difference, in words.
    pub message: String,
    /// What to write instead, when there is a concrete rewrite.
    pub suggestion: Option<String>,
}

/// The subscriber one target becomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigratedSubscriber {
    /// The Classic target's `Id`.
    pub target_id: String,
    /// The subscriber request.
    pub spec: SubscriberSpec,
    /// Differences of this target.
    pub notes: Vec<MigrationNote>,
}

/// A rule's migration preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationPlan {
    /// The rule's name.
    pub rule_name: String,
    /// Differences of the rule as a whole (its pattern).
    pub notes: Vec<MigrationNote>,
    /// One subscriber per target.
    pub subscribers: Vec<MigratedSubscriber>,
}

/// Builds the preview for `rule`, whose subscribers will live on `bus_arn`. `engine` checks
/// translated JSONata; without one, translations are offered unchecked.
pub fn migrate(
    rule: &ClassicRule,
    bus_arn: &str,
    engine: Option<&dyn JsonataEngine>,
) -> MigrationPlan {
    let (pattern_text, notes) = migrate_pattern(&rule.event_pattern);
    let mut subscribers = Vec::new();
    let mut plan_notes = notes;
    if rule.targets.len() > 1 {
        plan_notes.push(MigrationNote {
            topic: NoteTopic::FanOut,
            needs_action: false,
            message: format!("A subscriber has exactly one target, so this rule's {} targets become {} subscribers on the same bus, each filtering and billed on its own.", rule.targets.len(), rule.targets.len()),
            suggestion: None,
        });
    }
    for target in &rule.targets {
        subscribers.push(migrate_target(rule, target, bus_arn, &pattern_text, engine));
    }
    MigrationPlan {
        rule_name: rule.name.clone(),
        notes: plan_notes,
        subscribers,
    }
}

fn migrate_pattern(text: &str) -> (String, Vec<MigrationNote>) {
    let mut notes = Vec::new();
    let pattern = match Pattern::parse(text) {
        Ok(pattern) => pattern,
        Err(error) => {
            notes.push(MigrationNote {
                topic: NoteTopic::Addressing,
                needs_action: true,
                message: format!(
                    "The rule's pattern is not valid, so it cannot become a filter: {}",
                    error.message().lines().next().unwrap_or_default()
                ),
                suggestion: None,
            });
            return (text.to_owned(), notes);
        }
    };
    let uses = wildcards(&pattern);
    for wildcard in &uses {
        notes.push(MigrationNote {
            topic: NoteTopic::Wildcard,
            needs_action: true,
            message: format!("\"{}\" uses {}: subscriber filters do not support wildcards, so CreateSubscriber refuses this pattern.", wildcard.field, wildcard.written),
            suggestion: wildcard.rewrite.clone(),
        });
    }
    let rewritten = rewrite_wildcards(&pattern);
    let text_out = match (&rewritten, uses.is_empty()) {
        (Some(rewritten), false) => {
            notes.push(MigrationNote {
                topic: NoteTopic::Wildcard,
                needs_action: false,
                message: "Every wildcard has an equivalent operator, so the preview's filter already uses the rewrite; the rest of the pattern is as you wrote it.".into(),
                suggestion: Some(rewritten.clone()),
            });
            rewritten.clone()
        }
        (None, false) => {
            notes.push(MigrationNote {
                topic: NoteTopic::Wildcard,
                needs_action: true,
                message: "At least one wildcard has no single-operator equivalent; the preview keeps the pattern as written, and it must be rewritten by hand before the subscriber can be created.".into(),
                suggestion: None,
            });
            text.to_owned()
        }
        _ => text.to_owned(),
    };
    notes.push(MigrationNote {
        topic: NoteTopic::Addressing,
        needs_action: false,
        message: "The pattern becomes a DATA filter unchanged, which matches PutEvents and forwarded events, whose data is the Classic envelope. For PutRawEvents traffic the payload is the data itself: drop the \"detail\" level.".into(),
        suggestion: None,
    });
    let source_field = pattern.fields().iter().find(|f| f.path == "source");
    if let Some(field) = source_field {
        let values = &text[field.span.range()];
        notes.push(MigrationNote {
            topic: NoteTopic::SourceProvenance,
            needs_action: false,
            message: "The user guide says the pattern carries over unchanged, but a PutRawEvents publisher can forge an envelope with any \"source\": only aws:Source in the system metadata proves who published. Consider a SYSTEM_METADATA filter as well.".into(),
            suggestion: Some(format!("{{\"aws:Source\":{values}}}")),
        });
    }
    (text_out, notes)
}

fn subscriber_name(rule: &str, target: &str) -> String {
    let mut name: String = format!("{rule}-{target}")
        .chars()
        .map(|c| if aws_model::is_name_char(c) { c } else { '-' })
        .collect();
    if !name.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        name.insert(0, 's');
    }
    name.chars().take(MAX_RESOURCE_NAME_CHARS).collect()
}

fn migrate_target(
    rule: &ClassicRule,
    target: &ClassicTarget,
    bus_arn: &str,
    pattern: &str,
    engine: Option<&dyn JsonataEngine>,
) -> MigratedSubscriber {
    let mut notes = Vec::new();
    let arn = aws_model::Arn::parse(target.arn.trim());
    match arn.as_ref().map(crate::subscriber::SubscriberTargetKind::resolve) {
        Ok(Ok(_)) => {}
        _ => notes.push(MigrationNote {
            topic: NoteTopic::Target,
            needs_action: true,
            message: format!("A {} is not a subscriber target; the new bus delivers to SQS, SNS, Lambda, Kinesis, Firehose, Step Functions, API Gateway, API destinations and event buses. Keep this target on Classic, or put a supported target in between.", target.kind.label()),
            suggestion: None,
        }),
    }
    let role_arn = match &target.role_arn {
        Some(role) => role.clone(),
        None => {
            let placeholder = format!("arn:aws:iam::{}:role/{}-delivery", rule.account, rule.name);
            notes.push(MigrationNote {
                topic: NoteTopic::Target,
                needs_action: true,
                message: format!("Classic invokes a {} through its resource policy; a subscriber always calls its target with a delivery role (InvokeConfiguration.RoleArn). The preview names a role to create, {placeholder}, which needs the target's action and sqs:SendMessage on the dead-letter queue.", target.kind.label()),
                suggestion: Some(placeholder.clone()),
            });
            placeholder
        }
    };

    // Retry: keep today's behaviour by writing Classic's effective values explicitly.
    let classic = target.retry_policy.unwrap_or_default();
    let keeps = classic.maximum_retry_attempts <= aws_model::MAX_RETRY_ATTEMPTS
        && (aws_model::MIN_EVENT_AGE_SECONDS..=aws_model::MAX_EVENT_AGE_SECONDS)
            .contains(&classic.maximum_event_age_seconds);
    let retry_policy = if keeps {
        Some(RetryPolicy {
            max_retry_attempts: Some(classic.maximum_retry_attempts),
            max_event_age_seconds: Some(classic.maximum_event_age_seconds),
            ..RetryPolicy::default()
        })
    } else {
        None
    };
    let origin = if target.retry_policy.is_some() {
        "its retry policy"
    } else {
        "Classic's defaults"
    };
    notes.push(MigrationNote {
        topic: NoteTopic::RetryDefaults,
        needs_action: !keeps,
        message: if keeps {
            format!(
                "This target retries up to {} times within {} ({origin}). A subscriber left at its defaults gives up after {DEFAULT_MAX_RETRY_ATTEMPTS} retries or {}, so a longer outage would dead-letter or drop events. The preview sets MaxRetryAttempts {} and MaxEventAgeInSeconds {} to keep today's behaviour.",
                classic.maximum_retry_attempts,
                describe_seconds(classic.maximum_event_age_seconds),
                describe_seconds(DEFAULT_MAX_EVENT_AGE_SECONDS),
                classic.maximum_retry_attempts,
                classic.maximum_event_age_seconds
            )
        } else {
            format!(
                "This target's policy ({} retries, {} seconds) is outside what a subscriber allows (0-{} retries, {}-{} seconds), so today's behaviour cannot be kept; the preview leaves the subscriber's defaults.",
                classic.maximum_retry_attempts,
                classic.maximum_event_age_seconds,
                aws_model::MAX_RETRY_ATTEMPTS,
                aws_model::MIN_EVENT_AGE_SECONDS,
                aws_model::MAX_EVENT_AGE_SECONDS
            )
        },
        suggestion: None,
    });
    notes.push(MigrationNote {
        topic: NoteTopic::PermanentErrors,
        needs_action: false,
        message: format!(
            "Classic sends missing permissions and deleted targets to the dead-letter queue at once; a subscriber retries every failure on its budget, so such an event now waits up to {} before it is dead-lettered. Set MaxRetryAttempts 0 while testing a failure path.",
            describe_seconds(classic.maximum_event_age_seconds.clamp(aws_model::MIN_EVENT_AGE_SECONDS, aws_model::MAX_EVENT_AGE_SECONDS))
        ),
        suggestion: None,
    });
    match &target.dead_letter_arn {
        Some(dlq) => notes.push(MigrationNote {
            topic: NoteTopic::DeadLetterRecord,
            needs_action: true,
            message: format!("The dead-letter queue {dlq} moves to the subscriber's OnFailureConfiguration. It no longer receives the event with RULE_ARN, TARGET_ARN, ERROR_CODE, ERROR_MESSAGE, EXHAUSTED_RETRY_CONDITION and RETRY_ATTEMPTS attributes, but one JSON record per failed batch (busArn, subscriberArn, targetArn, errorCode, errorMessage, exhaustedRetryCondition, retryAttempts, failedMessages) without the payload: consumers of the queue must change, and re-reading an event needs the bus's retention."),
            suggestion: None,
        }),
        None => notes.push(MigrationNote {
            topic: NoteTopic::DeadLetterRecord,
            needs_action: false,
            message: "No dead-letter queue: an event that exhausts its retries is dropped, and only the EventsDropped metric counts it.".into(),
            suggestion: None,
        }),
    }

    let (transformer, input_notes) = migrate_input(rule, &target.input, engine);
    notes.extend(input_notes);

    MigratedSubscriber {
        target_id: target.id.clone(),
        spec: SubscriberSpec {
            name: subscriber_name(&rule.name, &target.id),
            event_bus_arn: bus_arn.to_owned(),
            invoke: InvokeConfiguration {
                target_arn: target.arn.clone(),
                role_arn,
            },
            filter_configuration: Some(FilterConfiguration {
                filters: vec![FilterSpec::new(Scope::Data, pattern)],
                ..FilterConfiguration::default()
            }),
            transformer,
            retry_policy,
            on_failure_arn: target.dead_letter_arn.clone(),
            ..SubscriberSpec::default()
        },
        notes,
    }
}

fn migrate_input(
    rule: &ClassicRule,
    input: &ClassicInput,
    engine: Option<&dyn JsonataEngine>,
) -> (Option<Transformer>, Vec<MigrationNote>) {
    let mut notes = Vec::new();
    let translated = match input {
        ClassicInput::MatchedEvent => {
            notes.push(MigrationNote {
                topic: NoteTopic::Input,
                needs_action: false,
                message: "The target receives the matched event; RAW delivers the same envelope for PutEvents traffic (for PutRawEvents traffic, the raw payload).".into(),
                suggestion: None,
            });
            return (None, notes);
        }
        ClassicInput::Constant(text) => Translation {
            body: text.trim().to_owned(),
            caveats: Vec::new(),
        },
        ClassicInput::Path(path) => match jsonpath_to_jsonata(path) {
            Some(body) => Translation {
                body,
                caveats: Vec::new(),
            },
            None => {
                return (
                    None,
                    not_mechanical(
                        &mut notes,
                        format!("InputPath {path} uses JSONPath beyond dot notation and indexes."),
                    ),
                )
            }
        },
        ClassicInput::Transformer { paths, template } => {
            match translate_template(rule, paths, template) {
                Ok(translation) => translation,
                Err(why) => return (None, not_mechanical(&mut notes, why)),
            }
        }
    };
    let expression = format!("{{% {} %}}", translated.body);
    if let Some(engine) = engine {
        if let Err(error) = engine.compile(&translated.body) {
            return (
                None,
                not_mechanical(
                    &mut notes,
                    format!("The translation does not parse as JSONata ({error})."),
                ),
            );
        }
    }
    let mut message = "The input becomes a JSONATA transformer, translated mechanically; it reads the PutEvents envelope at $events.Data.".to_owned();
    for caveat in &translated.caveats {
        let _ = write!(message, " {caveat}");
    }
    notes.push(MigrationNote {
        topic: NoteTopic::Input,
        needs_action: !translated.caveats.is_empty(),
        message,
        suggestion: Some(expression.clone()),
    });
    (Some(Transformer::jsonata(expression)), notes)
}

fn not_mechanical(notes: &mut Vec<MigrationNote>, why: String) -> Vec<MigrationNote> {
    notes.push(MigrationNote {
        topic: NoteTopic::Input,
        needs_action: true,
        message: format!("The input cannot be translated to JSONata mechanically: {why} Write the JSONATA expression by hand; until then the preview delivers RAW."),
        suggestion: None,
    });
    std::mem::take(notes)
}

struct Translation {
    body: String,
    caveats: Vec<String>,
}

/// `$.detail.a[0]` → `$events.Data.detail.a[0]`; keys that are not JSONata names are
/// backquoted. `None` for anything but dots and indexes.
pub fn jsonpath_to_jsonata(path: &str) -> Option<String> {
    let rest = path.trim().strip_prefix('$')?;
    let mut out = String::from("$events.Data");
    let mut chars = rest.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '.' => {
                let mut key = String::new();
                while let Some(&next) = chars.peek() {
                    if next == '.' || next == '[' {
                        break;
                    }
                    key.push(next);
                    chars.next();
                }
                if key.is_empty() || key == "*" || key.contains('`') {
                    return None;
                }
                let plain = key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                    && !key.starts_with(|c: char| c.is_ascii_digit());
                if plain {
                    let _ = write!(out, ".{key}");
                } else {
                    let _ = write!(out, ".`{key}`");
                }
            }
            '[' => {
                let mut index = String::new();
                for next in chars.by_ref() {
                    if next == ']' {
                        break;
                    }
                    index.push(next);
                }
                if index.is_empty() || !index.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                let _ = write!(out, "[{index}]");
            }
            _ => return None,
        }
    }
    Some(out)
}

/// The JSONata for one placeholder, and a caveat when it is not exact.
fn placeholder_expression(
    rule: &ClassicRule,
    paths: &[(String, String)],
    name: &str,
) -> Result<(String, Option<String>), String> {
    if let Some((_, path)) = paths.iter().find(|(key, _)| key == name) {
        return jsonpath_to_jsonata(path).map(|e| (e, None)).ok_or_else(|| {
            format!("the path {path} of <{name}> uses JSONPath beyond dot notation and indexes.")
        });
    }
    let rule_arn = aws_model::rule_arn(&rule.region, &rule.account, "default", &rule.name);
    match name {
        "aws.events.rule-name" => Ok((json_string(&rule.name), Some("<aws.events.rule-name> becomes the old rule's name as a constant.".into()))),
        "aws.events.rule-arn" => Ok((json_string(&rule_arn), Some("<aws.events.rule-arn> becomes the old rule's ARN as a constant; no variable holds the subscriber's ARN.".into()))),
        "aws.events.event.ingestion-time" => Ok(("$events.SystemMetadata.`aws:IngestionTime`".into(), Some("<aws.events.event.ingestion-time> reads aws:IngestionTime, which has milliseconds.".into()))),
        "aws.events.event.json" => Ok(("$events.Data".into(), None)),
        "aws.events.event" => Ok((
            "$sift($events.Data, function($v, $k) { $k != \"detail\" })".into(),
            Some("<aws.events.event> is approximated without detail; Classic also renames detail-type to detailType there.".into()),
        )),
        other => Err(format!("the template uses <{other}>, which InputPathsMap does not define (Classic refuses it too).")),
    }
}

/// Splits template text into literal runs and placeholder names (`<name>`, names as Classic
/// allows: `[A-Za-z0-9_.-]`).
fn split_placeholders(text: &str) -> Vec<(bool, &str)> {
    let mut parts = Vec::new();
    let mut at = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'<' {
            if let Some(len) = text[i + 1..].find('>') {
                let name = &text[i + 1..i + 1 + len];
                let valid = !name.is_empty()
                    && name
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c));
                if valid {
                    if at < i {
                        parts.push((false, &text[at..i]));
                    }
                    parts.push((true, name));
                    i += len + 2;
                    at = i;
                    continue;
                }
            }
        }
        i += 1;
    }
    if at < text.len() {
        parts.push((false, &text[at..]));
    }
    parts
}

/// An input template as a JSONata body.
fn translate_template(
    rule: &ClassicRule,
    paths: &[(String, String)],
    template: &str,
) -> Result<Translation, String> {
    let mut caveats = vec!["Where a path matches nothing, Classic inserts an empty value while JSONata leaves the member out (or an empty string in text).".to_owned()];
    let mut note = |caveat: Option<String>| {
        if let Some(c) = caveat {
            if !caveats.contains(&c) {
                caveats.push(c);
            }
        }
    };
    let trimmed = template.trim();
    // A string template: text with placeholders, delivered as a JSON string.
    if trimmed.len() >= 2
        && trimmed.starts_with('"')
        && trimmed.ends_with('"')
        && !inner_has_unescaped_quote(&trimmed[1..trimmed.len() - 1])
    {
        let inner = &trimmed[1..trimmed.len() - 1];
        let pieces = concatenation(rule, paths, inner, &mut note)?;
        caveats.push("In a text template Classic writes objects and arrays without their double quotes; $string keeps them.".into());
        return Ok(Translation {
            body: pieces,
            caveats,
        });
    }
    // A JSON template: placeholders outside strings become expressions; strings holding
    // placeholders become concatenations.
    let mut body = String::new();
    let bytes = trimmed.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    if bytes[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                let end = (i + 1).min(bytes.len());
                let literal = &trimmed[start..end];
                let inner = &trimmed[start + 1..end.saturating_sub(1).max(start + 1)];
                if split_placeholders(inner)
                    .iter()
                    .any(|(is_name, _)| *is_name)
                {
                    let after = trimmed[end..].trim_start();
                    if after.starts_with(':') {
                        return Err("a placeholder is used as an object key, which Classic does not allow either.".into());
                    }
                    let _ = write!(body, "({})", concatenation(rule, paths, inner, &mut note)?);
                } else {
                    body.push_str(literal);
                }
                i = end;
            }
            b'<' => {
                let len = trimmed[i + 1..].find('>').ok_or("a '<' without its '>'.")?;
                let name = &trimmed[i + 1..i + 1 + len];
                let (expression, caveat) = placeholder_expression(rule, paths, name)?;
                note(caveat);
                let _ = write!(body, "({expression})");
                i += len + 2;
            }
            _ => {
                let c = trimmed[i..].chars().next().unwrap_or(' ');
                body.push(c);
                i += c.len_utf8();
            }
        }
    }
    Ok(Translation { body, caveats })
}

fn inner_has_unescaped_quote(text: &str) -> bool {
    let mut escaped = false;
    for c in text.chars() {
        match (c, escaped) {
            ('\\', false) => escaped = true,
            ('"', false) => return true,
            _ => escaped = false,
        }
    }
    false
}

/// `"a <x> b"`'s inside as `"a " & x & " b"` (the literal runs keep their JSON escapes, which
/// JSONata string literals read the same way).
fn concatenation(
    rule: &ClassicRule,
    paths: &[(String, String)],
    inner: &str,
    note: &mut dyn FnMut(Option<String>),
) -> Result<String, String> {
    let mut pieces = Vec::new();
    for (is_name, text) in split_placeholders(inner) {
        if is_name {
            let (expression, caveat) = placeholder_expression(rule, paths, text)?;
            note(caveat);
            pieces.push(format!("$string({expression})"));
        } else {
            pieces.push(format!("\"{text}\""));
        }
    }
    if pieces.is_empty() {
        pieces.push("\"\"".into());
    }
    Ok(pieces.join(" & "))
}

impl MigrationPlan {
    /// Whether any note needs the user's action.
    pub fn needs_action(&self) -> bool {
        self.notes
            .iter()
            .chain(self.subscribers.iter().flat_map(|s| &s.notes))
            .any(|n| n.needs_action)
    }

    /// The CloudFormation template of every subscriber.
    pub fn cloudformation(&self) -> Doc {
        let specs: Vec<(String, &SubscriberSpec)> = self
            .subscribers
            .iter()
            .map(|s| (logical_id(&s.spec.name), &s.spec))
            .collect();
        cloudformation_template(&specs)
    }

    /// [`MigrationPlan::cloudformation`] as indented JSON.
    pub fn cloudformation_json(&self) -> String {
        self.cloudformation().to_json_pretty()
    }

    /// [`MigrationPlan::cloudformation`] as YAML.
    pub fn cloudformation_yaml(&self) -> String {
        self.cloudformation().to_yaml()
    }

    /// One `aws eventsv2 create-subscriber` command per subscriber, separated by blank lines.
    pub fn cli_script(&self) -> String {
        self.subscribers
            .iter()
            .map(|s| cli_command(&s.spec))
            .collect::<Vec<_>>()
            .join("\n\n")
            + "\n"
    }

    /// The preview in words: the rule's notes, then each subscriber with its notes.
    pub fn describe(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "Rule {} becomes {} subscriber(s).",
            self.rule_name,
            self.subscribers.len()
        );
        let write_note = |out: &mut String, note: &MigrationNote| {
            let mark = if note.needs_action { "ACTION" } else { "note" };
            let _ = writeln!(out, "  [{mark}] {}: {}", note.topic.as_str(), note.message);
            if let Some(suggestion) = &note.suggestion {
                let _ = writeln!(out, "      suggested: {suggestion}");
            }
        };
        for note in &self.notes {
            write_note(&mut out, note);
        }
        for subscriber in &self.subscribers {
            let transform = subscriber
                .spec
                .transformer
                .as_ref()
                .map_or(TransformerType::Raw, |t| t.kind);
            let _ = writeln!(
                out,
                "Subscriber {} (from target {}), transformer {}:",
                subscriber.spec.name,
                subscriber.target_id,
                transform.as_str()
            );
            for note in &subscriber.notes {
                write_note(&mut out, note);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests;
