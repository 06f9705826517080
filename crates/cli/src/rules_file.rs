//! Saved rules as the playground and the rule store write them, for `simulate` and `migrate`.

use rules::Rule;
use serde::Deserialize;

/// The rules of a JSON array of rules, of `{"rules": [...]}` (the rule store) or of the
/// playground's export (`{"rules": {"rules": [...]}}`). Patterns are strings, kept as written.
pub fn read_rules(text: &str) -> Result<Vec<Rule>, String> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("the rules file is not JSON: {e}"))?;
    let mut list = &value;
    for _ in 0..2 {
        if let Some(inner) = list.get("rules") {
            list = inner;
        }
    }
    Vec::<Rule>::deserialize(list).map_err(|e| format!("invalid rules file: {e}"))
}
