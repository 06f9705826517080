//! The Rust JSONata engine: jsonata-core (MIT, <https://github.com/txjmb/jsonata-core>), which
//! passes 1680 of the 1686 cases of jsonata-js's own test suite and all 859 cases of the groups
//! transformers use (measured; DESIGN.md, "JSONata").
//!
//! Determinism and safety: `$now()` and `$millis()` read the simulated clock instead of the
//! machine's (which also keeps `std::time` out of the wasm build, where it panics). Evaluation
//! depth and sequence lengths are capped, so deep recursion and huge ranges end in errors
//! (`D1011`, `D2014`, `D2015`). A tail-recursive loop never deepens the stack, though, and only a
//! clock can stop it: natively evaluation stops after [`EVALUATION_TIME_LIMIT_MS`] (`D1012`); on
//! wasm32-unknown-unknown `std::time::Instant` panics, so there is no limit and the page should
//! evaluate in a Web Worker (DESIGN.md, "JSONata").

use std::rc::Rc;

use jsonata_core::ast::AstNode;
use jsonata_core::evaluator::{Context, Evaluator, EvaluatorError, EvaluatorOptions};
use jsonata_core::value::JValue;

use crate::ids::format_time_millis;
use crate::transform::{CompiledJsonata, JsonataEngine, JsonataError};

/// Deepest evaluation (jsonata-js's `stack` option); deeper recursion fails with `D1011`.
pub const MAX_EVALUATION_DEPTH: usize = 500;
/// Longest sequence an expression may build (`$map` and friends; ranges stop at 10,000,000
/// elements with `D2014` anyway).
pub const MAX_SEQUENCE_LENGTH: usize = 100_000;
/// Wall-clock limit of one evaluation, native builds only (see the module docs).
pub const EVALUATION_TIME_LIMIT_MS: u64 = 2_000;

/// jsonata-core behind [`JsonataEngine`].
#[derive(Debug, Default, Clone, Copy)]
pub struct RustJsonata;

impl JsonataEngine for RustJsonata {
    fn compile(&self, body: &str) -> Result<Box<dyn CompiledJsonata>, JsonataError> {
        match jsonata_core::parser::parse(body) {
            Ok(ast) => Ok(Box::new(RustExpression { ast: Rc::new(ast) })),
            Err(error) => {
                let message = error.to_string();
                Err(JsonataError::new(code_of(&message), message))
            }
        }
    }

    fn name(&self) -> &str {
        "jsonata-core 2.2.13"
    }
}

/// A parsed expression.
#[derive(Debug)]
struct RustExpression {
    ast: Rc<AstNode>,
}

impl CompiledJsonata for RustExpression {
    fn evaluate(&self, events_json: &str, now_ms: i64) -> Result<Option<String>, JsonataError> {
        let input = JValue::from_json_str(events_json)
            .map_err(|e| JsonataError::new(None, format!("The event is not JSON: {e}")))?;
        let mut context = Context::new();
        context.bind("events".to_owned(), input.clone());
        let options = EvaluatorOptions {
            max_stack_depth: Some(MAX_EVALUATION_DEPTH),
            max_sequence_length: Some(MAX_SEQUENCE_LENGTH),
            timeout_ms: if cfg!(all(target_arch = "wasm32", target_os = "unknown")) {
                None
            } else {
                Some(EVALUATION_TIME_LIMIT_MS)
            },
            ..EvaluatorOptions::default()
        };
        let mut evaluator = Evaluator::with_options(context, options);
        let now_text = format_time_millis(now_ms);
        let frozen_now = move |args: &[JValue]| -> Result<JValue, EvaluatorError> {
            if args.is_empty() {
                return Ok(JValue::from(now_text.as_str()));
            }
            // `$now(picture, timezone)` is `$fromMillis($millis(), picture, timezone)`.
            let ast = jsonata_core::parser::parse("$fromMillis($ms, $p, $tz)")
                .map_err(|e| EvaluatorError::EvaluationError(e.to_string()))?;
            let mut context = Context::new();
            context.bind("ms".to_owned(), JValue::from_f64(now_ms as f64));
            context.bind("p".to_owned(), args[0].clone());
            context.bind(
                "tz".to_owned(),
                args.get(1).cloned().unwrap_or(JValue::Undefined),
            );
            Evaluator::with_context(context).evaluate(&ast, &JValue::Undefined)
        };
        let frozen_millis = move |_: &[JValue]| -> Result<JValue, EvaluatorError> {
            Ok(JValue::from_f64(now_ms as f64))
        };
        evaluator
            .register_fn_override("now", frozen_now)
            .and_then(|()| evaluator.register_fn_override("millis", frozen_millis))
            .map_err(|e| JsonataError::new(None, e.message().to_owned()))?;
        match evaluator.evaluate(&self.ast, &input) {
            Ok(value) if value.is_undefined() => Ok(None),
            Ok(value) => match value.to_json_string() {
                Ok(text) => Ok(Some(text)),
                Err(e) => Err(JsonataError::new(
                    None,
                    format!("The result cannot be written as JSON: {e}"),
                )),
            },
            Err(error) => Err(JsonataError::new(
                error.code().map(str::to_owned),
                error.message().to_owned(),
            )),
        }
    }
}

/// The `S0202`-style code at the start of a message (after an optional `Parse error: `).
fn code_of(message: &str) -> Option<String> {
    let text = message.strip_prefix("Parse error: ").unwrap_or(message);
    let bytes = text.as_bytes();
    let coded = bytes.len() >= 6
        && bytes[0].is_ascii_uppercase()
        && bytes[1..5].iter().all(u8::is_ascii_digit)
        && bytes[5] == b':';
    coded.then(|| text[..5].to_owned())
}
