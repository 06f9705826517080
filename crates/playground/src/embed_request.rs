//! What an embedding page asks for in the iframe's URL fragment.
//!
//! `#/embed?pattern=<text>&event=<text>&theme=dark&readonly=1` with percent-encoded texts is easy
//! to write by hand in documentation; `#/embed?state=1.…` (a share link's state) works too.

use crate::share;
use crate::theme::Theme;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmbedRequest {
    pub theme: Theme,
    pub readonly: bool,
    pub pattern: String,
    pub event: String,
    /// Why the requested texts could not be read (a damaged `state`), shown in the embed.
    pub problem: Option<String>,
}

impl EmbedRequest {
    pub fn from_hash(hash: &str) -> EmbedRequest {
        let query = hash.split_once('?').map(|(_, q)| q).unwrap_or("");
        let mut request = EmbedRequest {
            theme: Theme::System,
            readonly: false,
            pattern: String::new(),
            event: String::new(),
            problem: None,
        };
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            match key {
                "theme" => request.theme = Theme::from_attribute(value),
                "readonly" => request.readonly = value != "0" && value != "false",
                "pattern" => request.pattern = percent_decode(value),
                "event" => request.event = percent_decode(value),
                "state" => match share::decode(value) {
                    Ok(state) => {
                        request.pattern = state.draft.pattern;
                        request.event = state.draft.event;
                    }
                    Err(error) => request.problem = Some(error.to_string()),
                },
                _ => {}
            }
        }
        request
    }
}

/// The fragment of the full playground with these texts in the rule builder.
pub fn open_in_playground_fragment(pattern: &str, event: &str) -> String {
    let mut state = crate::state::PlaygroundState::default();
    state.draft.pattern = pattern.to_owned();
    state.draft.event = event.to_owned();
    share::link_fragment("rules", &state)
}

/// Decodes `%XX` escapes (and `+` as a space, as forms write it). Invalid escapes stay as written
/// and invalid UTF-8 becomes U+FFFD: hand-written URLs get a best effort, never a failure.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(byte) => {
                        out.push(byte);
                        i += 3;
                    }
                    None => {
                        out.push(b'%');
                        i += 1;
                    }
                }
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            byte => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
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
        assert_eq!(request.problem, None);
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
    fn a_share_state_fills_the_editors_and_a_damaged_one_says_why() {
        let fragment = open_in_playground_fragment(r#"{"source":["x"]}"#, r#"{"source":"x"}"#);
        let encoded = share::state_param(&fragment).unwrap();
        let request = EmbedRequest::from_hash(&format!("#/embed?state={encoded}"));
        assert_eq!(request.pattern, r#"{"source":["x"]}"#);
        assert_eq!(request.event, r#"{"source":"x"}"#);
        assert!(EmbedRequest::from_hash("#/embed?state=1.broken")
            .problem
            .unwrap()
            .contains("damaged"));
    }

    #[test]
    fn percent_decoding_is_forgiving() {
        assert_eq!(percent_decode("a%20b+c"), "a b c");
        assert_eq!(percent_decode("%F0%9F%98%80"), "😀");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
        assert_eq!(percent_decode("%FF"), "\u{fffd}");
    }
}
