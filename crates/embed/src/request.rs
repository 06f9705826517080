//! What an embedding page asks for in the iframe's URL fragment.
//!
//! `#/embed?pattern=<text>&event=<text>&theme=dark&readonly=1` with percent-encoded texts is easy
//! to write by hand in documentation; `#/embed?state=1.…` (a share link's state) works too.

use event_pattern::json::{self, Value, ValueKind};
use web_ui::link_codec::{self, LinkError, Payload};
use web_ui::query;
use web_ui::site::{Page, Section};
use web_ui::theme::Theme;

/// A share link's state, as much of it as the embed shows.
const SHARED_STATE: Payload = Payload {
    name: "playground state",
    max_encoded: 512 * 1024,
    max_decoded: 4 * 1024 * 1024,
};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmbedRequest {
    pub theme: Theme,
    pub readonly: bool,
    pub pattern: String,
    pub event: String,
    /// A share link's state to open instead of the texts (decoded asynchronously).
    pub state: Option<String>,
    /// A teacher's exercise link value (`exercise=1.…`): the embed shows the graded exercise.
    pub exercise: Option<String>,
}

impl EmbedRequest {
    pub fn from_hash(hash: &str) -> EmbedRequest {
        let mut request = EmbedRequest {
            theme: Theme::System,
            readonly: false,
            pattern: String::new(),
            event: String::new(),
            state: None,
            exercise: None,
        };
        for (key, value) in query::params(hash) {
            match key.as_str() {
                "theme" => request.theme = Theme::from_attribute(&value),
                "readonly" => request.readonly = value != "0" && value != "false",
                "pattern" => request.pattern = value,
                "event" => request.event = value,
                "state" => request.state = Some(value),
                "exercise" => request.exercise = Some(value),
                _ => {}
            }
        }
        request
    }
}

/// The pattern and event texts of a share link's state text (`draft.pattern`, `draft.event`;
/// a missing one is empty). They are read with the matcher's JSON reader, which the embed has
/// anyway: serde_json's, for these two strings, was 12 KB of the embed's gzipped wasm (issue 14).
pub fn draft_of_state(text: &str) -> Result<(String, String), LinkError> {
    let fail = |reason: &str| LinkError::new(format!("This link could not be opened: {reason}."));
    let state = json::parse(text).map_err(|error| fail(&error.to_string()))?;
    let draft = match (&state.kind, state.get("draft")) {
        (ValueKind::Object(_), None) => None,
        (
            ValueKind::Object(_),
            Some(
                draft @ Value {
                    kind: ValueKind::Object(_),
                    ..
                },
            ),
        ) => Some(draft),
        (ValueKind::Object(_), Some(_)) => return Err(fail("its draft is not a JSON object")),
        _ => return Err(fail("its state is not a JSON object")),
    };
    let text_of = |key: &str| match draft.and_then(|draft| draft.get(key)).map(|v| &v.kind) {
        None => Ok(String::new()),
        Some(ValueKind::String(text)) => Ok(text.clone()),
        Some(_) => Err(fail(&format!("its draft's {key} is not a string"))),
    };
    Ok((text_of("pattern")?, text_of("event")?))
}

/// Decodes a `state=` value into the rule builder's texts.
pub async fn open_state(encoded: &str) -> Result<(String, String), LinkError> {
    let json = link_codec::decode(encoded, SHARED_STATE).await?;
    draft_of_state(&json)
}

/// The link that opens these texts in the workbench's rule builder.
pub fn open_in_playground_link(pattern: &str, event: &str) -> String {
    Section::Rules.link_from(
        Page::Embed,
        &query::build(&[("pattern", pattern), ("event", event)]),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_texts_and_options_are_read() {
        let request = EmbedRequest::from_hash(
            "#/embed?pattern=%7B%22a%22%3A%5B1%5D%7D&event=%7B%7D&theme=dark&readonly=1",
        );
        assert_eq!(request.pattern, r#"{"a":[1]}"#);
        assert_eq!(request.event, "{}");
        assert_eq!(request.theme, Theme::Dark);
        assert!(request.readonly);
        assert_eq!(request.state, None);
        assert_eq!(request.exercise, None);
    }

    #[test]
    fn an_exercise_link_is_read_with_the_options() {
        let request = EmbedRequest::from_hash("#/embed?exercise=1.ab-_c&theme=light");
        assert_eq!(request.exercise.as_deref(), Some("1.ab-_c"));
        assert_eq!(request.theme, Theme::Light);
    }

    #[test]
    fn defaults_are_editable_and_follow_the_system_theme() {
        let request = EmbedRequest::from_hash("#/embed");
        assert_eq!(request.theme, Theme::System);
        assert!(!request.readonly);
        assert!(request.pattern.is_empty());
        assert!(!EmbedRequest::from_hash("#/embed?readonly=0").readonly);
    }

    #[test]
    fn a_share_state_gives_the_rule_builder_texts() {
        let request = EmbedRequest::from_hash("#/embed?state=1.abc");
        assert_eq!(request.state.as_deref(), Some("1.abc"));
        let json = r#"{"region":"eu-west-1","draft":{"pattern":"{\"source\":[\"x\"]}","event":"{}","builder":[]},"rules":{}}"#;
        assert_eq!(
            draft_of_state(json).unwrap(),
            (r#"{"source":["x"]}"#.to_owned(), "{}".to_owned())
        );
        assert_eq!(
            draft_of_state(r#"{"rules":{}}"#).unwrap(),
            (String::new(), String::new())
        );
        assert_eq!(
            draft_of_state(r#"{"draft":{"event":"{}"}}"#).unwrap(),
            (String::new(), "{}".to_owned())
        );
        let damaged = [
            (
                "[1]",
                "This link could not be opened: its state is not a JSON object.",
            ),
            (
                r#"{"draft":[]}"#,
                "This link could not be opened: its draft is not a JSON object.",
            ),
            (
                r#"{"draft":{"pattern":1}}"#,
                "This link could not be opened: its draft's pattern is not a string.",
            ),
        ];
        for (state, message) in damaged {
            assert_eq!(
                draft_of_state(state).unwrap_err().message(),
                message,
                "{state}"
            );
        }
        // Malformed JSON: the reader's message and where.
        let cut_short = draft_of_state(r#"{"draft":"#).unwrap_err();
        let message = cut_short.message();
        assert!(message.starts_with("This link could not be opened: Unexpected end-of-input"));
        assert!(message.ends_with(" at line 1 column 10."), "{message}");
    }

    #[test]
    fn the_playground_link_carries_the_texts_as_written() {
        let link = open_in_playground_link(r#"{"b":1,"a":1e400}"#, "{}");
        assert!(link.starts_with("../rules/#/rules?pattern="), "{link}");
        assert_eq!(
            query::param(&link, "pattern").as_deref(),
            Some(r#"{"b":1,"a":1e400}"#)
        );
        assert_eq!(query::param(&link, "event").as_deref(), Some("{}"));
    }
}
