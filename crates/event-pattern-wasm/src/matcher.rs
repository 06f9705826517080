//! The matcher module's exports (feature `matcher`): `testEventPattern`, `explain`, `RuleSet`.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::{
    answer_to_js, argument, explain_arguments, test_event_pattern_arguments, ApiError, Argument,
    TestAnswer,
};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
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
export type TestEventPatternResult = { result: boolean } | { error: ApiError };
export interface Span { start: number; end: number }
export interface ArrayElement { array_path: string; array_span: Span; index: number }
/** `elements`: the innermost arrays holding the value (at most 16), outermost first; `outer_arrays`: how many enclosing arrays are left out. */
export interface ValueExplanation { text: string; span: Span; accepted_by: number | null; elements: ArrayElement[]; outer_arrays: number }
export interface ConditionExplanation { description: string; span: Span }
export type FieldOutcome =
  | { kind: "matched"; value: number; condition: number }
  | { kind: "absent"; condition: number }
  | { kind: "satisfiable"; value: number; condition: number }
  | { kind: "missing" }
  | { kind: "rejected" };
/** A remark on EventBridge's engine behaviour, with a sentence for people in `message`. */
export type FieldNote =
  | { kind: "absence-checked-in-key-order"; later_fields: string[]; value: number; message: string }
  | { kind: "case-insensitive-outside-bmp"; condition: number; compared_as: string; message: string };
/** `values`: the first 50 values at the path (and the one `outcome` names); `value_count`: how many there are. */
export interface FieldExplanation {
  path: string; key_span: Span; pattern_span: Span;
  conditions: ConditionExplanation[]; values: ValueExplanation[]; value_count: number;
  outcome: FieldOutcome; notes: FieldNote[];
}
export interface BranchExplanation { matched: boolean; array_conflict: boolean; fields: FieldExplanation[] }
export interface Explanation { matched: boolean; matched_branch: number | null; branches: BranchExplanation[] }
export type ExplainResult = { explanation: Explanation } | { error: ApiError };
export type AddRuleResult = { ok: true } | { error: ApiError };
export type MatchingRulesResult = { rules: string[] } | { error: ApiError };
"#;

/// Does `event` match `pattern`? Answers like the TestEventPattern API: `{ result }` or `{ error }`
/// (also for arguments that are not strings or are too long).
#[wasm_bindgen(js_name = testEventPattern, unchecked_return_type = "TestEventPatternResult")]
pub fn test_event_pattern(
    #[wasm_bindgen(unchecked_param_type = "string")] pattern: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] event: JsValue,
) -> JsValue {
    answer_to_js(&test_event_pattern_arguments(
        argument(&pattern),
        argument(&event),
    ))
}

/// Why `event` matches `pattern` or not, field by field: `{ explanation }` or `{ error }`.
#[wasm_bindgen(unchecked_return_type = "ExplainResult")]
pub fn explain(
    #[wasm_bindgen(unchecked_param_type = "string")] pattern: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] event: JsValue,
) -> JsValue {
    answer_to_js(&explain_arguments(argument(&pattern), argument(&event)))
}

/// Many named rules matched at once, as on an event bus.
#[wasm_bindgen]
#[derive(Default)]
pub struct RuleSet {
    inner: event_pattern::RuleSet,
}

#[wasm_bindgen]
impl RuleSet {
    #[wasm_bindgen(constructor)]
    pub fn new() -> RuleSet {
        RuleSet::default()
    }

    /// Adds a rule, or replaces the rule with that name: `{ ok: true }` or `{ error }`.
    #[wasm_bindgen(unchecked_return_type = "AddRuleResult")]
    pub fn add(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] name: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] pattern: JsValue,
    ) -> JsValue {
        #[derive(Serialize)]
        struct Added {
            ok: bool,
        }
        let texts = argument(&name)
            .text("name")
            .and_then(|name| Ok((name, argument(&pattern).text("pattern")?)));
        let (name, pattern) = match texts {
            Ok(texts) => texts,
            Err(error) => return answer_to_js(&TestAnswer::Error(*error)),
        };
        match self.inner.add(&name, &pattern) {
            Ok(()) => answer_to_js(&Added { ok: true }),
            Err(error) => answer_to_js(&TestAnswer::Error(ApiError::from_pattern_error(
                &error, &pattern,
            ))),
        }
    }

    /// Removes a rule; true when it existed (false for a name that is not a string).
    pub fn remove(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] name: JsValue,
    ) -> bool {
        match argument(&name) {
            Argument::Text(name) => self.inner.remove(&name),
            Argument::TooLong(_) | Argument::NotText(_) => false,
        }
    }

    /// Number of rules.
    #[wasm_bindgen(getter)]
    pub fn size(&self) -> usize {
        self.inner.len()
    }

    /// Names of the rules the event (any JSON object, as text) matches: `{ rules }`, or
    /// `{ error }` when the event is not a JSON object (AWS's `ValidationException`, with where
    /// the text is wrong) or not a string.
    #[wasm_bindgen(js_name = matchingRules, unchecked_return_type = "MatchingRulesResult")]
    pub fn matching_rules(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] event: JsValue,
    ) -> JsValue {
        #[derive(Serialize)]
        struct Matched<'a> {
            rules: Vec<&'a str>,
        }
        let event = match argument(&event).text("event") {
            Ok(event) => event,
            Err(error) => return answer_to_js(&TestAnswer::Error(*error)),
        };
        match self.inner.matching_rules_json(event.as_bytes()) {
            Ok(rules) => answer_to_js(&Matched { rules }),
            Err(error) => answer_to_js(&TestAnswer::Error(ApiError::from_event_error(
                &error, &event,
            ))),
        }
    }
}
