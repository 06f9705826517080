//! Parameters in a URL fragment: `#/embed?pattern=…&event=…`, `#/simulator?rule=…&bus=…`.
//!
//! One reading for every page. Values are percent-decoded with the `percent-encoding` crate,
//! forgivingly, because people write these URLs by hand in documentation: `+` is a space (as
//! forms write it), an invalid escape stays as written, invalid UTF-8 becomes U+FFFD. Nothing
//! here ever fails.

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// What `encodeURIComponent` leaves alone; everything else is escaped.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'!')
    .remove(b'~')
    .remove(b'*')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')');

/// The query part of a fragment (after the first `?`), or `""`.
pub fn query_of(hash: &str) -> &str {
    hash.split_once('?').map_or("", |(_, query)| query)
}

/// The path part of a fragment without `#` and the query: `#/rules?x=1` -> `/rules`.
pub fn path_of(hash: &str) -> &str {
    let fragment = hash.strip_prefix('#').unwrap_or(hash);
    fragment.split('?').next().unwrap_or("")
}

/// Every `key=value` pair of the fragment's query, decoded, in order (a key without `=` has an
/// empty value).
pub fn params(hash: &str) -> Vec<(String, String)> {
    query_of(hash)
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(key), decode(value))
        })
        .collect()
}

/// The decoded value of the last `key` in the fragment's query.
pub fn param(hash: &str, key: &str) -> Option<String> {
    params(hash)
        .into_iter()
        .rev()
        .find_map(|(k, value)| (k == key).then_some(value))
}

/// Decodes one query value (see the module's notes on forgiveness).
pub fn decode(text: &str) -> String {
    let spaced = text.replace('+', " ");
    percent_decode_str(&spaced).decode_utf8_lossy().into_owned()
}

/// Encodes one query value as `encodeURIComponent` does.
pub fn encode(text: &str) -> String {
    utf8_percent_encode(text, COMPONENT).to_string()
}

/// `key=value&…` from pairs, each encoded.
pub fn build(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(key, value)| format!("{}={}", encode(key), encode(value)))
        .collect::<Vec<_>>()
        .join("&")
}

/// The same fragment without the parameter `key` (every occurrence).
pub fn without_param(hash: &str, key: &str) -> String {
    let Some((path, query)) = hash.split_once('?') else {
        return hash.to_owned();
    };
    let rest: Vec<&str> = query
        .split('&')
        .filter(|pair| !pair.is_empty() && decode(pair.split('=').next().unwrap_or("")) != key)
        .collect();
    if rest.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", rest.join("&"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding_is_forgiving() {
        assert_eq!(decode("a%20b+c"), "a b c");
        assert_eq!(decode("%F0%9F%98%80"), "😀");
        assert_eq!(decode("100%"), "100%");
        assert_eq!(decode("%zz%4"), "%zz%4");
        assert_eq!(decode("%FF"), "\u{fffd}");
    }

    #[test]
    fn encoding_matches_encode_uri_component() {
        // Values from JavaScript's encodeURIComponent.
        assert_eq!(encode(r#"{"a": [1]}"#), "%7B%22a%22%3A%20%5B1%5D%7D");
        assert_eq!(encode("a+b&c=d/é"), "a%2Bb%26c%3Dd%2F%C3%A9");
        assert_eq!(encode("-_.!~*'()"), "-_.!~*'()");
        for text in ["", "x y", "😀", "%41", "a+b"] {
            assert_eq!(decode(&encode(text)), text);
        }
    }

    #[test]
    fn params_are_read_in_order_and_the_last_wins() {
        let hash = "#/embed?pattern=%7B%7D&readonly&theme=dark&theme=light";
        assert_eq!(
            params(hash),
            [
                ("pattern".to_owned(), "{}".to_owned()),
                ("readonly".to_owned(), String::new()),
                ("theme".to_owned(), "dark".to_owned()),
                ("theme".to_owned(), "light".to_owned()),
            ]
        );
        assert_eq!(param(hash, "theme").as_deref(), Some("light"));
        assert_eq!(param(hash, "missing"), None);
        assert_eq!(param("#/rules", "x"), None);
        assert_eq!(path_of("#/rules?x=1"), "/rules");
        assert_eq!(path_of(""), "");
    }

    #[test]
    fn a_parameter_can_be_dropped() {
        assert_eq!(without_param("#/rules?state=1.abc", "state"), "#/rules");
        assert_eq!(
            without_param("#/rules?a=1&state=1.x&b=2", "state"),
            "#/rules?a=1&b=2"
        );
        assert_eq!(without_param("#/rules", "state"), "#/rules");
        assert_eq!(
            build(&[("rule", "a b"), ("bus", "x/y")]),
            "rule=a%20b&bus=x%2Fy"
        );
    }
}
