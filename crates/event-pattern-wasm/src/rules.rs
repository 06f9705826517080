//! The rules module's exports (feature `rules`): `RuleSet`, many named rules matched at once.
//! A module of its own: its automaton and event scanner are over a third of the matcher's
//! size, and a docs page testing one pattern never needs them (issue 14). It is built with
//! WebAssembly SIMD, which its event scanner uses.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::{answer_to_js, argument, ApiError, Argument, TestAnswer};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
export type AddRuleResult = { ok: true } | { error: ApiError };
export type MatchingRulesResult = { rules: string[] } | { error: ApiError };
"#;

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
