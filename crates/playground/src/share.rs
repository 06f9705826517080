//! Share links: the playground state in the URL fragment, versioned, compressed and URL-safe.
//!
//! A link looks like `…/#/rules?state=1.<base64url(deflate(json))>`. The fragment never reaches a
//! server. The leading number is the format version, so links made today keep opening after the
//! format changes, and links from a newer playground are refused with a reason instead of being
//! misread. Decoding is bounded (input length and inflated size), so a hostile link cannot hang or
//! exhaust the page.

use crate::state::PlaygroundState;

/// The format this build writes.
pub const CURRENT_VERSION: u32 = 1;
/// Longest encoded state accepted from a link (characters).
pub const MAX_ENCODED_LEN: usize = 512 * 1024;
/// Largest state a link may inflate to; a zip bomb stops here.
pub const MAX_DECODED_BYTES: usize = 4 * 1024 * 1024;
/// Links longer than this are cut or refused by common chat tools and mail clients.
pub const LONG_LINK_WARNING_BYTES: usize = 8 * 1024;

const STATE_PARAM: &str = "state=";

/// Why a link could not be opened. The message is for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareError(pub String);

impl std::fmt::Display for ShareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn fail<T>(message: impl Into<String>) -> Result<T, ShareError> {
    Err(ShareError(message.into()))
}

/// Encodes the state as the value of the `state` parameter.
pub fn encode(state: &PlaygroundState) -> String {
    let json = state.to_json();
    let compressed = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 9);
    format!("{CURRENT_VERSION}.{}", base64url_encode(&compressed))
}

/// Decodes a `state` parameter value.
pub fn decode(encoded: &str) -> Result<PlaygroundState, ShareError> {
    if encoded.len() > MAX_ENCODED_LEN {
        return fail(format!(
            "This link is too long to open ({} KB; at most {} KB).",
            encoded.len() / 1024,
            MAX_ENCODED_LEN / 1024
        ));
    }
    let Some((version, payload)) = encoded.split_once('.') else {
        return fail("This link's playground state is damaged (no format version).");
    };
    let version: u32 = match version.parse() {
        Ok(version) => version,
        Err(_) => return fail("This link's playground state is damaged (bad format version)."),
    };
    match version {
        1 => decode_v1(payload),
        newer if newer > CURRENT_VERSION => fail(format!(
            "This link was made by a newer version of the playground (format {newer}); reload the page to update, then open it again."
        )),
        other => fail(format!("This link uses format {other}, which this playground does not know.")),
    }
}

fn decode_v1(payload: &str) -> Result<PlaygroundState, ShareError> {
    let Some(compressed) = base64url_decode(payload) else {
        return fail("This link's playground state is damaged (it is not valid URL-safe base64; was the link cut short?).");
    };
    let json = match miniz_oxide::inflate::decompress_to_vec_with_limit(&compressed, MAX_DECODED_BYTES) {
        Ok(json) => json,
        Err(e) if e.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput => {
            return fail(format!("This link's playground state is larger than {} MB and was not opened.", MAX_DECODED_BYTES / (1024 * 1024)))
        }
        Err(_) => return fail("This link's playground state is damaged (it does not decompress; was the link cut short?)."),
    };
    let Ok(json) = String::from_utf8(json) else {
        return fail("This link's playground state is damaged (not text).");
    };
    PlaygroundState::from_json(&json)
        .map_err(|reason| ShareError(format!("This link could not be opened: {reason}.")))
}

/// The fragment of a share link for a section slug, e.g. `#/rules?state=1.…`.
pub fn link_fragment(section_slug: &str, state: &PlaygroundState) -> String {
    format!("#/{section_slug}?{STATE_PARAM}{}", encode(state))
}

/// Finds the `state` parameter in a `location.hash` value, if any.
pub fn state_param(hash: &str) -> Option<&str> {
    let query = hash.split_once('?')?.1;
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix(STATE_PARAM))
}

/// The same fragment without the `state` parameter (kept after a link has been opened, so a
/// reload does not import the link again over later edits).
pub fn without_state_param(hash: &str) -> String {
    let Some((path, query)) = hash.split_once('?') else {
        return hash.to_owned();
    };
    let rest: Vec<&str> = query
        .split('&')
        .filter(|pair| !pair.starts_with(STATE_PARAM))
        .collect();
    if rest.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", rest.join("&"))
    }
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Base64 with the URL-safe alphabet and no padding (RFC 4648 §5): nothing in it needs escaping
/// in a URL fragment.
pub fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = (chunk[0] as u32) << 16
            | (*chunk.get(1).unwrap_or(&0) as u32) << 8
            | *chunk.get(2).unwrap_or(&0) as u32;
        let symbols = chunk.len() + 1;
        for i in 0..symbols {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

pub fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    fn value(c: u8) -> Option<u32> {
        ALPHABET.iter().position(|&a| a == c).map(|p| p as u32)
    }
    let bytes = text.as_bytes();
    if bytes.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= value(c)? << (18 - 6 * i);
        }
        let produced = chunk.len() - 1;
        for i in 0..produced {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample_state() -> PlaygroundState {
        let mut state = PlaygroundState {
            region: "eu-west-1".into(),
            account: "111122223333".into(),
            ..Default::default()
        };
        state.draft.pattern = r#"{"source":[{"prefix":"aws.partner/shopify.com"}]}"#.into();
        state.draft.event = "{\"note\": \"<script>alert(1)</script> 😀\"}".into();
        state
            .partners
            .create_partner_event_source(
                "aws.partner/shopify.com/1/orders",
                "111122223333",
                "eu-west-1",
            )
            .unwrap();
        state
    }

    #[test]
    fn state_round_trips_through_a_link() {
        let state = sample_state();
        let fragment = link_fragment("rules", &state);
        assert!(fragment.starts_with("#/rules?state=1."));
        let encoded = state_param(&fragment).unwrap();
        assert!(
            encoded
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b)),
            "URL-safe: {encoded}"
        );
        assert_eq!(decode(encoded).unwrap(), state);
    }

    #[test]
    fn base64url_round_trips_every_length() {
        for len in 0..40 {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
            assert_eq!(
                base64url_decode(&base64url_encode(&bytes)).unwrap(),
                bytes,
                "length {len}"
            );
        }
        assert_eq!(base64url_encode(b"hi?"), "aGk_");
        assert_eq!(base64url_decode("a"), None);
        assert_eq!(
            base64url_decode("a+b/"),
            None,
            "the standard alphabet is not accepted"
        );
    }

    #[test]
    fn damaged_links_are_errors_not_panics() {
        let encoded = encode(&sample_state());
        let cut = &encoded[..encoded.len() / 2];
        for damaged in ["", "1", "1.", "x.abc", "1.!!!!", cut, "1.AAAA", "1.aGVsbG8"] {
            let error = decode(damaged).unwrap_err();
            assert!(!error.0.is_empty(), "{damaged:?}");
        }
    }

    #[test]
    fn newer_and_unknown_versions_say_why() {
        assert!(decode("2.abc").unwrap_err().0.contains("newer version"));
        assert!(decode("0.abc").unwrap_err().0.contains("format 0"));
    }

    #[test]
    fn a_zip_bomb_is_refused_without_inflating_it_all() {
        let bomb = vec![b' '; MAX_DECODED_BYTES * 4];
        let compressed = miniz_oxide::deflate::compress_to_vec(&bomb, 9);
        let encoded = format!("1.{}", base64url_encode(&compressed));
        assert!(encoded.len() < MAX_ENCODED_LEN, "the bomb itself is small");
        assert!(decode(&encoded).unwrap_err().0.contains("larger than"));
    }

    #[test]
    fn overlong_links_are_refused_before_decoding() {
        let long = format!("1.{}", "A".repeat(MAX_ENCODED_LEN));
        assert!(decode(&long).unwrap_err().0.contains("too long"));
    }

    #[test]
    fn valid_json_that_is_not_a_state_is_refused() {
        let compressed = miniz_oxide::deflate::compress_to_vec(b"[1,2,3]", 9);
        let error = decode(&format!("1.{}", base64url_encode(&compressed))).unwrap_err();
        assert!(error.0.contains("could not be opened"), "{error}");
    }

    #[test]
    fn the_state_param_is_found_and_removed() {
        assert_eq!(state_param("#/rules?state=1.abc&x=1"), Some("1.abc"));
        assert_eq!(state_param("#/rules?x=1&state=1.abc"), Some("1.abc"));
        assert_eq!(state_param("#/rules"), None);
        assert_eq!(without_state_param("#/rules?state=1.abc"), "#/rules");
        assert_eq!(
            without_state_param("#/rules?x=1&state=1.abc"),
            "#/rules?x=1"
        );
        assert_eq!(without_state_param("#/rules"), "#/rules");
    }

    #[test]
    fn a_typical_rule_link_stays_short() {
        let fragment = link_fragment("rules", &sample_state());
        assert!(
            fragment.len() < LONG_LINK_WARNING_BYTES,
            "{} bytes",
            fragment.len()
        );
    }
}
