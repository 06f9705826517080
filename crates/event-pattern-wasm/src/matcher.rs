//! The matcher module's exports (feature `matcher`): `testEventPattern` and `explain`, what a
//! docs page needs. `RuleSet` is the rules module's (`rules.rs`).

use wasm_bindgen::prelude::*;

use crate::{answer_to_js, argument, explain_arguments, test_event_pattern_arguments};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
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
