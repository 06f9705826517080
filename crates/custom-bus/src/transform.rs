//! Transformers: what the target receives. `RAW` delivers the data, `WITH_METADATA` the
//! `{Data, Metadata, SystemMetadata}` object, `JSONATA` the result of one expression per event.
//!
//! Sources:
//! - the three types, `$events`, and that a subscriber whose target is a Classic bus supports
//!   only `RAW`: <https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-custom-bus-transform.html>;
//! - `Expression` 1-8192 characters, wrapped in `{% %}` (pattern
//!   `\{%[\s\S]+?%\}(?![\s\S]).*`): <https://docs.aws.amazon.com/es_es/eventbridgev2/latest/APIReference/API_JsonataConfiguration.html>;
//! - the expression is checked for syntax only at create time; one that throws, or produces
//!   nothing, is a delivery failure, retried on the budget and then dead-lettered (secondary:
//!   <https://github.com/aws/agent-toolkit-for-aws/blob/main/skills/specialized-skills/serverless-skills/amazon-eventbridge-event-bus/references/target-contract.md>).
//!
//! JSONata itself is behind [`JsonataEngine`]: the crate ships a Rust engine (jsonata-core,
//! feature `jsonata`), and an app may supply another one (the reference `jsonata` npm package in
//! a web page). DESIGN.md records the measurement behind the choice.

use std::fmt;

use crate::event::{BusEvent, DeliveryType};
use crate::problem::{FieldPath, Problem, ProblemKind, Problems};

/// Longest JSONata `Expression`, delimiters included.
pub const MAX_JSONATA_EXPRESSION_CHARS: usize = 8192;

aws_model::string_enum! {
    /// `Transformer.Type`.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
    pub enum TransformerType {
        /// The published data, unchanged (the default).
        #[default]
        Raw = "RAW",
        /// `{"Data": …, "Metadata": {…}, "SystemMetadata": {…}}`.
        WithMetadata = "WITH_METADATA",
        /// The result of a JSONata expression.
        Jsonata = "JSONATA",
    }
}

/// `Transformer` as written.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Transformer {
    /// `Type`.
    pub kind: TransformerType,
    /// `JsonataConfiguration.Expression`, with its `{% %}`; required for `JSONATA`.
    pub jsonata_expression: Option<String>,
}

impl Transformer {
    /// A `JSONATA` transformer.
    pub fn jsonata(expression: impl Into<String>) -> Transformer {
        Transformer {
            kind: TransformerType::Jsonata,
            jsonata_expression: Some(expression.into()),
        }
    }
}

/// A JSONata failure: a syntax error at create time, or an evaluation error at delivery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonataError {
    code: Option<String>,
    message: String,
}

impl JsonataError {
    /// An error with JSONata's code (`S0202`, `T2002`, ...) when the engine gives one.
    pub fn new(code: Option<String>, message: impl Into<String>) -> JsonataError {
        JsonataError {
            code,
            message: message.into(),
        }
    }

    /// JSONata's error code, e.g. `T2002`.
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    /// The engine's message.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for JsonataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for JsonataError {}

/// A JSONata implementation. The crate calls it to check expressions when a subscriber is
/// created and to evaluate them when an event is delivered.
pub trait JsonataEngine {
    /// Parses an expression body (the text between `{%` and `%}`), once.
    fn compile(&self, body: &str) -> Result<Box<dyn CompiledJsonata>, JsonataError>;

    /// A short name for reports ("jsonata-core 2.2.13").
    fn name(&self) -> &str;
}

/// A parsed expression.
pub trait CompiledJsonata: fmt::Debug {
    /// Evaluates the expression with `$events` (and the context `$`) bound to `events_json`,
    /// the JSON text of the input object. `$now()` and `$millis()` read `now_ms`, the simulated
    /// clock, so a run is reproducible. `Ok(None)` is JSONata's "undefined" (no result).
    fn evaluate(&self, events_json: &str, now_ms: i64) -> Result<Option<String>, JsonataError>;
}

/// The engine built into the crate: jsonata-core in Rust (with the `jsonata` feature).
pub fn default_engine() -> Option<Box<dyn JsonataEngine>> {
    #[cfg(feature = "jsonata")]
    {
        Some(Box::new(crate::rust_jsonata::RustJsonata))
    }
    #[cfg(not(feature = "jsonata"))]
    {
        None
    }
}

/// The body of a `{% … %}` expression, or why it is not wrapped.
pub fn jsonata_body(expression: &str) -> Result<&str, &'static str> {
    let inner = expression
        .strip_prefix("{%")
        .ok_or("A JSONata expression starts with {% and ends with %}.")?;
    let body = inner.strip_suffix("%}").ok_or(
        "A JSONata expression starts with {% and ends with %}; nothing may follow the closing %}.",
    )?;
    if body.trim().is_empty() {
        return Err("The JSONata expression between {% and %} is empty.");
    }
    Ok(body)
}

/// A checked transformer, ready to apply.
#[derive(Debug)]
pub enum CompiledTransformer {
    /// `RAW`.
    Raw,
    /// `WITH_METADATA`.
    WithMetadata,
    /// `JSONATA`, parsed once.
    Jsonata {
        /// The expression as written, `{% %}` included.
        expression: String,
        /// The engine's parsed form.
        compiled: Box<dyn CompiledJsonata>,
    },
}

impl CompiledTransformer {
    /// Checks a transformer at `path`, parsing a JSONata expression with `engine`. Every
    /// problem is returned; the transformer is usable only without errors.
    pub fn compile(
        transformer: Option<&Transformer>,
        engine: Option<&dyn JsonataEngine>,
        path: &FieldPath,
    ) -> (Option<CompiledTransformer>, Problems) {
        let mut problems = Problems::default();
        let Some(transformer) = transformer else {
            return (Some(CompiledTransformer::Raw), problems);
        };
        let expression_path = path.field("JsonataConfiguration").field("Expression");
        match (transformer.kind, &transformer.jsonata_expression) {
            (TransformerType::Raw, None) => (Some(CompiledTransformer::Raw), problems),
            (TransformerType::WithMetadata, None) => {
                (Some(CompiledTransformer::WithMetadata), problems)
            }
            (kind @ (TransformerType::Raw | TransformerType::WithMetadata), Some(_)) => {
                problems.push(Problem::ours(
                    path.field("JsonataConfiguration"),
                    ProblemKind::Conflict,
                    format!(
                        "JsonataConfiguration applies only when Type is JSONATA; Type is {}.",
                        kind.as_str()
                    ),
                ));
                (None, problems)
            }
            (TransformerType::Jsonata, None) => {
                problems.push(Problem::ours(
                    expression_path,
                    ProblemKind::Missing,
                    "Type JSONATA needs JsonataConfiguration.Expression.",
                ));
                (None, problems)
            }
            (TransformerType::Jsonata, Some(expression)) => {
                let length = expression.chars().count();
                if length == 0 || length > MAX_JSONATA_EXPRESSION_CHARS {
                    problems.push(Problem::ours(
                        expression_path,
                        ProblemKind::BadLength,
                        format!("A JSONata expression is 1 to {MAX_JSONATA_EXPRESSION_CHARS} characters; this one has {length}."),
                    ));
                    return (None, problems);
                }
                let body = match jsonata_body(expression) {
                    Ok(body) => body,
                    Err(why) => {
                        problems.push(Problem::ours(
                            expression_path,
                            ProblemKind::InvalidJsonata,
                            why,
                        ));
                        return (None, problems);
                    }
                };
                let Some(engine) = engine else {
                    problems.push(Problem::ours(
                        expression_path,
                        ProblemKind::InvalidJsonata,
                        "No JSONata engine is available to check this expression.",
                    ));
                    return (None, problems);
                };
                match engine.compile(body) {
                    Ok(compiled) => (
                        Some(CompiledTransformer::Jsonata {
                            expression: expression.clone(),
                            compiled,
                        }),
                        problems,
                    ),
                    Err(error) => {
                        problems.push(Problem::ours(
                            expression_path,
                            ProblemKind::InvalidJsonata,
                            format!("The JSONata expression does not parse: {error}"),
                        ));
                        (None, problems)
                    }
                }
            }
        }
    }

    /// The transformer's type.
    pub fn kind(&self) -> TransformerType {
        match self {
            CompiledTransformer::Raw => TransformerType::Raw,
            CompiledTransformer::WithMetadata => TransformerType::WithMetadata,
            CompiledTransformer::Jsonata { .. } => TransformerType::Jsonata,
        }
    }

    /// What the target receives for `event`, as JSON text (for `RAW` on an
    /// `application/octet-stream` event: its base64 text). A JSONata error or an undefined
    /// result is a [`TransformFailure`], which delivery treats as a failed attempt.
    pub fn apply(
        &self,
        event: &BusEvent,
        delivery: DeliveryType,
        now_ms: i64,
    ) -> Result<String, TransformFailure> {
        match self {
            CompiledTransformer::Raw => Ok(event.data.clone()),
            CompiledTransformer::WithMetadata => Ok(event.events_input(delivery).to_json()),
            CompiledTransformer::Jsonata { compiled, .. } => {
                let input = event.events_input(delivery).to_json();
                match compiled.evaluate(&input, now_ms) {
                    Ok(Some(output)) => Ok(output),
                    Ok(None) => Err(TransformFailure::NoResult),
                    Err(error) => Err(TransformFailure::Error(error)),
                }
            }
        }
    }
}

/// Why a transformer produced nothing to deliver.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransformFailure {
    /// The expression threw.
    Error(JsonataError),
    /// The expression evaluated cleanly to nothing (JSONata's undefined).
    NoResult,
}

impl fmt::Display for TransformFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TransformFailure::Error(error) => {
                write!(f, "The JSONata transformer failed: {error}")
            }
            TransformFailure::NoResult => f.write_str(
                "The JSONata transformer produced no result (a path that matches nothing yields undefined).",
            ),
        }
    }
}

#[cfg(test)]
mod tests;
