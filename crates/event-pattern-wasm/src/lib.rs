//! The EventBridge pattern matcher for JavaScript, built into ES modules by
//! `cargo xtask js-package`.
//!
//! Three modules come from this crate, chosen by cargo features, so that a page downloads only
//! what it calls (issue 14):
//!
//! * `matcher` (the default): `testEventPattern`, `explain` and `version`, the package's main
//!   module (`index.js`), what a docs page needs; built without WebAssembly SIMD;
//! * `rules`: `RuleSet` and `version`, the package's `rules.js` (built with
//!   `--no-default-features --features rules`, and SIMD for its event scanner);
//! * `simulator`: `simulate`, `presets`, `presetScenario` and `version`, the package's
//!   `simulator.js` (built with `--no-default-features --features simulator`).
//!
//! Answers are plain objects, never exceptions, whatever the arguments (`undefined`, numbers,
//! objects, strings of any length): a docs page can show an error next to the editor. String
//! arguments are checked (type, then length) before they are copied into WebAssembly memory,
//! so a huge one cannot exhaust it. Positions are UTF-16 code units, as JavaScript editors count
//! them. The answer shapes live in `answers.rs` as plain Rust, tested natively; the modules only
//! convert them.
#![forbid(unsafe_code)]

mod answers;
#[cfg(feature = "matcher")]
mod matcher;
mod positions;
#[cfg(feature = "rules")]
mod rules;
#[cfg(feature = "simulator")]
mod simulator;

pub use answers::{
    explain as explain_answer, explain_arguments, test_event_pattern as test_answer,
    test_event_pattern_arguments, ApiError, Argument, ExplainAnswer, TestAnswer, INVALID_ARGUMENT,
    MAX_ARGUMENT_UNITS,
};

use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The version of the matcher (the crate version).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// The error of every answer of the matcher and rules modules.
#[cfg(any(feature = "matcher", feature = "rules"))]
#[wasm_bindgen(typescript_custom_section)]
const API_ERROR_TYPE: &str = r#"
/**
 * Where a pattern or event is wrong. Positions are UTF-16 code units (what editors use).
 * No function of this module throws: a bad argument (not a string, or longer than 1,048,576
 * UTF-16 units) is an ApiError with code "InvalidArgument" and no position.
 */
export interface ApiError {
  /**
   * "InvalidEventPatternException", "ValidationException" for the event or an over-long
   * pattern, or "InvalidArgument" for an argument that is not a string or is too long.
   */
  code: "InvalidEventPatternException" | "ValidationException" | "InvalidArgument" | string;
  /** AWS's message, e.g. "Event pattern is not valid. Reason: Empty arrays are not allowed". */
  message: string;
  /** Which input is wrong ("name": a rule's name in RuleSet.add). */
  input: "pattern" | "event" | "name";
  /** Extra help beyond AWS's text (e.g. which envelope field is missing). */
  detail: string | null;
  /** 1-based line. */
  line: number | null;
  /** 1-based column, UTF-16 units. */
  column: number | null;
  /** JSON pointer to the offending place in the pattern, e.g. "/detail/state/0/prefix". */
  path: string | null;
  /** UTF-16 range of the offending text in its input. */
  start: number | null;
  end: number | null;
}
"#;

/// An answer as a plain JavaScript object: written as JSON text by serde_json and parsed by the
/// engine's `JSON.parse`. The answers hold only strings, integers, booleans, `null`, arrays and
/// structs (no maps, no user JSON re-serialized: values' texts are kept as strings), so the
/// object is the one serde-wasm-bindgen built field by field, and the matcher's wasm is 7 KB
/// (3.4 KB gzip) smaller without serde-wasm-bindgen's calls into JavaScript (issue 14, measured).
#[cfg(any(feature = "matcher", feature = "rules"))]
fn answer_to_js<T: Serialize>(value: &T) -> JsValue {
    serde_json::to_string(value)
        .ok()
        .and_then(|text| js_sys::JSON::parse(&text).ok())
        .unwrap_or_else(|| JsValue::from_str("serialization failed"))
}

#[cfg(feature = "simulator")]
fn to_js<T: Serialize>(value: &T) -> JsValue {
    // Maps become plain objects (not `Map`s) so answers read naturally in JS and JSON.stringify.
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    value
        .serialize(&serializer)
        .unwrap_or_else(|e| JsValue::from_str(&format!("serialization failed: {e}")))
}

/// What a JavaScript argument is, found out without copying it unless it is a string within
/// [`MAX_ARGUMENT_UNITS`].
fn argument(value: &JsValue) -> Argument {
    match value.dyn_ref::<js_sys::JsString>() {
        Some(text) if text.length() as usize > MAX_ARGUMENT_UNITS => {
            Argument::TooLong(text.length() as usize)
        }
        Some(text) => Argument::Text(String::from(text)),
        None => Argument::NotText(type_name(value)),
    }
}

/// `null`, `an array`, or what `typeof` says (`undefined`, `number`, `object`, ...).
fn type_name(value: &JsValue) -> String {
    if value.is_null() {
        "null".to_owned()
    } else if js_sys::Array::is_array(value) {
        "an array".to_owned()
    } else {
        value
            .js_typeof()
            .as_string()
            .unwrap_or_else(|| "a value of another type".to_owned())
    }
}
