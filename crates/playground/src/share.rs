//! Share links: the playground state in the URL fragment, versioned, compressed and URL-safe.
//!
//! A link looks like `…/#/rules?state=1.<base64url(deflate(json))>`; the value's format, its
//! limits and the compression are `web_ui::link_codec`'s (shared with exercise links). This
//! module knows which parameter holds it and that the text is a [`PlaygroundState`].

use web_ui::link_codec::{self, LinkError, Payload};

use crate::state::PlaygroundState;

/// What a share link carries.
pub const SHARED_STATE: Payload = Payload {
    name: "playground state",
    max_encoded: 512 * 1024,
    max_decoded: 4 * 1024 * 1024,
};
/// Links longer than this are cut or refused by common chat tools and mail clients.
pub const LONG_LINK_WARNING_BYTES: usize = 8 * 1024;

const STATE_PARAM: &str = "state";

/// Encodes the state as the value of the `state` parameter.
pub async fn encode(state: &PlaygroundState) -> Result<String, LinkError> {
    link_codec::encode(&state.to_json()).await
}

/// Decodes a `state` parameter value.
pub async fn decode(encoded: &str) -> Result<PlaygroundState, LinkError> {
    let json = link_codec::decode(encoded, SHARED_STATE).await?;
    state_of_json(&json)
}

fn state_of_json(json: &str) -> Result<PlaygroundState, LinkError> {
    PlaygroundState::from_json(json)
        .map_err(|reason| LinkError::new(format!("This link could not be opened: {reason}.")))
}

/// The fragment of a share link for a section slug, e.g. `#/rules?state=1.…`.
pub async fn link_fragment(
    section_slug: &str,
    state: &PlaygroundState,
) -> Result<String, LinkError> {
    Ok(format!(
        "#/{section_slug}?{STATE_PARAM}={}",
        encode(state).await?
    ))
}

/// Finds the `state` parameter in a `location.hash` value, if any.
pub fn state_param(hash: &str) -> Option<String> {
    web_ui::query::param(hash, STATE_PARAM)
}

/// The same fragment without the `state` parameter (kept after a link has been opened, so a
/// reload does not import the link again over later edits).
pub fn without_state_param(hash: &str) -> String {
    web_ui::query::without_param(hash, STATE_PARAM)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_state_round_trips_through_its_json() {
        let mut state = PlaygroundState {
            region: "eu-west-1".into(),
            account: "111122223333".into(),
            ..Default::default()
        };
        state.draft.pattern = r#"{"source":[{"prefix":"aws.partner/shopify.com"}]}"#.into();
        state.draft.event = "{\"note\": \"<script>alert(1)</script> 😀\"}".into();
        assert_eq!(state_of_json(&state.to_json()).unwrap(), state);
    }

    #[test]
    fn valid_json_that_is_not_a_state_is_refused() {
        let error = state_of_json("[1,2,3]").unwrap_err();
        assert!(error.message().contains("could not be opened"), "{error}");
    }

    #[test]
    fn the_state_param_is_found_and_removed() {
        assert_eq!(
            state_param("#/rules?state=1.abc&x=1").as_deref(),
            Some("1.abc")
        );
        assert_eq!(
            state_param("#/rules?x=1&state=1.abc").as_deref(),
            Some("1.abc")
        );
        assert_eq!(state_param("#/rules"), None);
        assert_eq!(without_state_param("#/rules?state=1.abc"), "#/rules");
        assert_eq!(
            without_state_param("#/rules?x=1&state=1.abc"),
            "#/rules?x=1"
        );
        assert_eq!(without_state_param("#/rules"), "#/rules");
    }
}
