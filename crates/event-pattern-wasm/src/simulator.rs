//! The simulator module's exports (feature `simulator`): the delivery simulator, its presets
//! and `simulate`. A module of its own because the `delivery` crate would otherwise be part of
//! every page that only matches patterns.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::{argument, to_js, type_name, Argument};

/// The simulator's ready-made scenarios: `[{ id, title, question }]`.
#[wasm_bindgen]
pub fn presets() -> JsValue {
    #[derive(Serialize)]
    struct PresetInfo {
        id: &'static str,
        title: &'static str,
        question: &'static str,
    }
    let list: Vec<PresetInfo> = delivery::PRESETS
        .iter()
        .map(|p| PresetInfo {
            id: p.id,
            title: p.title,
            question: p.question,
        })
        .collect();
    to_js(&list)
}

/// The scenario of a preset (a plain object to change and pass to `simulate`), or `undefined`
/// (also for an id that is not a string).
#[wasm_bindgen(js_name = presetScenario)]
pub fn preset_scenario(#[wasm_bindgen(unchecked_param_type = "string")] id: JsValue) -> JsValue {
    let Argument::Text(id) = argument(&id) else {
        return JsValue::UNDEFINED;
    };
    delivery::PRESETS
        .iter()
        .find(|p| p.id == id)
        .map(|p| to_js(&(p.build)()))
        .unwrap_or(JsValue::UNDEFINED)
}

/// Runs a delivery simulation (see the `delivery` crate's `Scenario`) and returns its report, or
/// `{ error }` (a message) when the scenario is invalid or not a scenario object at all.
#[wasm_bindgen]
pub fn simulate(scenario: JsValue) -> JsValue {
    #[derive(Serialize)]
    struct Failed {
        error: String,
    }
    // serde would take an array (as a struct's fields in order) or null as a scenario.
    let is_object =
        scenario.is_object() && !js_sys::Array::is_array(&scenario) && !scenario.is_function();
    if !is_object {
        return to_js(&Failed {
            error: format!(
                "invalid scenario: expected an object, not {}",
                type_name(&scenario)
            ),
        });
    }
    let scenario: delivery::Scenario = match serde_wasm_bindgen::from_value(scenario) {
        Ok(scenario) => scenario,
        Err(e) => {
            return to_js(&Failed {
                error: format!("invalid scenario: {e}"),
            })
        }
    };
    match delivery::simulate(&scenario) {
        Ok(report) => to_js(&report),
        Err(e) => to_js(&Failed {
            error: e.to_string(),
        }),
    }
}
