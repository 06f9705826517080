//! The playground's state: one serializable value that every page renders.
//!
//! Keeping all of it in one type means autosave, share links and the "Your data" export/import
//! (`toolbar.rs`) handle the same thing, and pages never hold state that a reload would lose.

use serde::{Deserialize, Deserializer, Serialize};

use crate::model::pattern_builder::BuiltField;
use crate::model::rule_wizard::RuleForm;
use delivery::settings::SimulatorSettings;

/// The example account the playground starts with (AWS's documentation account).
pub const DEFAULT_ACCOUNT: &str = "123456789012";
/// Partner event sources exist in every listed region; us-east-1 is where most people start.
pub const DEFAULT_REGION: &str = "us-east-1";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PlaygroundState {
    /// The current Region's code; every ARN the playground shows is in this Region.
    pub region: String,
    /// The AWS account the user pretends to be (12 digits).
    pub account: String,
    /// Partner event sources and partner event buses, for every account and Region.
    pub partners: catalog::PartnerRegistry,
    /// Rules created in the rule builder, on every bus and in every Region.
    pub rules: rules::RuleStore,
    /// The pattern and event being edited in the rule builder; kept so work survives a reload.
    pub draft: PatternDraft,
    /// The rule being created or edited in the rule builder, if the wizard is open.
    #[serde(deserialize_with = "or_default_if_unreadable")]
    pub wizard: Option<RuleForm>,
    /// The Simulator page's scenario settings.
    #[serde(deserialize_with = "or_default_if_unreadable")]
    pub simulator: SimulatorSettings,
}

/// The text of the event-pattern editor and the event editor.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PatternDraft {
    pub pattern: String,
    pub event: String,
    /// The fields picked from the event to build the pattern.
    #[serde(deserialize_with = "or_default_if_unreadable")]
    pub builder: Vec<BuiltField>,
}

/// Reads a part of the state that only the rule builder uses; if it cannot be read (saved by
/// another version), it starts empty instead of costing the user the whole saved state.
fn or_default_if_unreadable<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + serde::de::DeserializeOwned,
{
    let value = serde_json::Value::deserialize(deserializer)?;
    Ok(serde_json::from_value(value).unwrap_or_default())
}

/// Which member of a stored state cannot be read, to name it in the error (issue 16, item 14:
/// wrong types in links and stored state were reported without the field). serde_json's errors
/// from a `Value` carry no position, so each member is read again on its own: the same
/// `Deserialize` code the state uses, so naming the field adds no deserializer to the wasm.
fn unreadable_member(state: &serde_json::Value) -> Option<String> {
    fn fails<T: serde::de::DeserializeOwned>(value: &serde_json::Value) -> bool {
        serde_json::from_value::<T>(value.clone()).is_err()
    }
    let member = |key: &str| state.get(key);
    for key in ["region", "account"] {
        if member(key).is_some_and(fails::<String>) {
            return Some(key.to_owned());
        }
    }
    if member("partners").is_some_and(fails::<catalog::PartnerRegistry>) {
        return Some("partners".to_owned());
    }
    if member("draft").is_some_and(fails::<PatternDraft>) {
        return Some("draft".to_owned());
    }
    let rules = member("rules")?;
    if !fails::<rules::RuleStore>(rules) {
        return None;
    }
    // The rules themselves: name the first one that cannot be read.
    let list = rules.get("rules").and_then(serde_json::Value::as_array);
    for (index, rule) in list.into_iter().flatten().enumerate() {
        if fails::<rules::Rule>(rule) {
            return Some(match rule.get("name").and_then(serde_json::Value::as_str) {
                Some(name) => format!("rules[{index}], the rule {name:?}"),
                None => format!("rules[{index}]"),
            });
        }
    }
    Some("rules".to_owned())
}

impl Default for PlaygroundState {
    fn default() -> Self {
        PlaygroundState {
            region: DEFAULT_REGION.to_owned(),
            account: DEFAULT_ACCOUNT.to_owned(),
            partners: catalog::PartnerRegistry::new(),
            rules: rules::RuleStore::new(),
            draft: PatternDraft::default(),
            wizard: None,
            simulator: SimulatorSettings::default(),
        }
    }
}

impl PlaygroundState {
    /// The current Region, falling back to the default when a stored code is no longer listed.
    pub fn current_region(&self) -> &'static catalog::Region {
        catalog::region(&self.region)
            .or_else(|| catalog::region(DEFAULT_REGION))
            .expect("the default region is in the catalog")
    }

    /// Parses a stored state. Values that no longer validate are replaced by defaults, so an
    /// old or hand-edited snapshot degrades instead of breaking the app.
    pub fn from_json(text: &str) -> Result<PlaygroundState, String> {
        let unreadable = |e: serde_json::Error| format!("the saved state could not be read ({e})");
        let value: serde_json::Value = serde_json::from_str(text).map_err(unreadable)?;
        // serde would also read a struct from an array; a saved state is always an object.
        if !value.is_object() {
            return Err("the saved state is not a JSON object".to_owned());
        }
        let mut state: PlaygroundState = match serde_json::from_value(value) {
            Ok(state) => state,
            Err(error) => {
                // Read again (it parsed a moment ago) rather than keep a copy of every state.
                let value = serde_json::from_str(text).unwrap_or_default();
                return Err(match unreadable_member(&value) {
                    Some(at) => format!("the saved state could not be read (at {at}: {error})"),
                    None => unreadable(error),
                });
            }
        };
        if catalog::region(&state.region).is_none() {
            state.region = DEFAULT_REGION.to_owned();
        }
        if !aws_model::is_account_id(&state.account) {
            state.account = DEFAULT_ACCOUNT.to_owned();
        }
        Ok(state)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self)
            .expect("the state serializes: it holds only strings, numbers and maps")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid_catalog_values() {
        let state = PlaygroundState::default();
        assert_eq!(state.current_region().code(), DEFAULT_REGION);
        assert!(aws_model::is_account_id(&state.account));
    }

    #[test]
    fn state_round_trips_through_json() {
        let mut state = PlaygroundState {
            region: "eu-west-1".into(),
            account: "111122223333".into(),
            ..Default::default()
        };
        state
            .partners
            .create_partner_event_source(
                "aws.partner/auth0.com/test/auth0.logs",
                "111122223333",
                "eu-west-1",
            )
            .unwrap();
        assert_eq!(PlaygroundState::from_json(&state.to_json()).unwrap(), state);
    }

    #[test]
    fn unknown_region_and_bad_account_fall_back_to_defaults() {
        let state =
            PlaygroundState::from_json(r#"{"region":"mars-north-1","account":"12"}"#).unwrap();
        assert_eq!(state.region, DEFAULT_REGION);
        assert_eq!(state.account, DEFAULT_ACCOUNT);
    }

    #[test]
    fn an_unreadable_wizard_or_builder_is_dropped_but_the_rest_is_kept() {
        let text = r#"{"account":"111122223333","wizard":{"targets":"not a list"},
            "draft":{"pattern":"{}","builder":[{"path":7}]}}"#;
        let state = PlaygroundState::from_json(text).unwrap();
        assert_eq!(state.account, "111122223333");
        assert_eq!(state.wizard, None);
        assert_eq!(state.draft.pattern, "{}");
        assert!(state.draft.builder.is_empty());
    }

    #[test]
    fn unreadable_simulator_settings_are_dropped_but_the_rest_is_kept() {
        let text =
            r#"{"account":"111122223333","simulator":{"choice":{"kind":"martian"},"seed":"x"}}"#;
        let state = PlaygroundState::from_json(text).unwrap();
        assert_eq!(state.account, "111122223333");
        assert_eq!(state.simulator, SimulatorSettings::default());
    }

    #[test]
    fn an_open_wizard_round_trips() {
        let mut state = PlaygroundState::default();
        let mut form = RuleForm::new("us-east-1", DEFAULT_ACCOUNT);
        form.name = "orders".into();
        state.wizard = Some(form);
        assert_eq!(PlaygroundState::from_json(&state.to_json()).unwrap(), state);
    }

    #[test]
    fn missing_fields_take_defaults_and_garbage_is_an_error() {
        assert_eq!(
            PlaygroundState::from_json("{}").unwrap(),
            PlaygroundState::default()
        );
        assert!(PlaygroundState::from_json("not json")
            .unwrap_err()
            .contains("could not be read"));
        assert!(PlaygroundState::from_json("[]").is_err());
    }

    /// Issue 16, item 14: a wrong type in a link or stored state did not say where it was.
    #[test]
    fn a_wrong_type_names_the_member_or_the_rule_it_is_in() {
        let wrong_region = PlaygroundState::from_json(r#"{"region":5}"#).unwrap_err();
        assert!(
            wrong_region.contains("(at region: invalid type"),
            "{wrong_region}"
        );
        let rule = r#"{"name":"orders","account_id":"123456789012","region":"us-east-1","event_bus":"default","event_pattern":"{}","targets":[{"id":"t","kind":"sqs_queu","arn":"x"}]}"#;
        let good = r#"{"name":"ok","account_id":"123456789012","region":"us-east-1","event_bus":"default","event_pattern":"{}"}"#;
        let text = format!(r#"{{"rules":{{"rules":[{good},{rule}]}}}}"#);
        let error = PlaygroundState::from_json(&text).unwrap_err();
        assert!(
            error.contains(r#"(at rules[1], the rule "orders": unknown variant `sqs_queu`"#),
            "{error}"
        );
    }
}
