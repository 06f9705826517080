//! The invariants the fuzz targets check, one function per target, so each target file is a
//! one-line harness and the checks read in one place.
//!
//! Inputs that hold several texts (a rule set's patterns and an event) separate them with the
//! byte 0xFF, which never occurs in UTF-8: seeds made from the recorded cases stay readable and
//! libFuzzer's mutations can still move bytes between the texts.
#![forbid(unsafe_code)]

use event_pattern::json::{self, Layout};
use event_pattern::{explain, Event, Pattern, RuleSet};

/// Separates the texts of a multi-text input.
pub const SEPARATOR: u8 = 0xFF;

/// The UTF-8 texts of a multi-text input (a piece that is not UTF-8 is read lossily, so every
/// input reaches the code under test).
pub fn texts(data: &[u8]) -> Vec<String> {
    data.split(|&b| b == SEPARATOR)
        .map(|piece| String::from_utf8_lossy(piece).into_owned())
        .collect()
}

/// The JSON reader and both writers.
///
/// * `parse` and `reformat` accept exactly the same texts;
/// * `reformat` changes only whitespace: its output parses to the same tree, and reformatting
///   its output again changes nothing (in either layout);
/// * `to_json` of a parsed tree parses back to a tree that writes the same text;
/// * an error's span lies inside the text, on character boundaries.
/// * whatever serde_json (strict RFC 8259) accepts, this reader accepts too.
pub fn check_json(text: &str) {
    let parsed = json::parse(text);
    let compact = json::reformat(text, Layout::Compact);
    let pretty = json::reformat(text, Layout::Pretty);
    assert_eq!(
        parsed.is_ok(),
        compact.is_ok(),
        "parse and reformat disagree"
    );
    assert_eq!(compact.is_ok(), pretty.is_ok(), "the two layouts disagree");
    match (parsed, compact, pretty) {
        (Ok(value), Ok(compact), Ok(pretty)) => {
            let written = value.to_json(Layout::Compact);
            for (name, text) in [("compact", &compact), ("pretty", &pretty)] {
                let again = json::parse(text)
                    .unwrap_or_else(|e| panic!("the {name} reformat does not parse: {e}"));
                assert_eq!(again.to_json(Layout::Compact), written, "{name} reformat");
            }
            assert_eq!(json::reformat(&compact, Layout::Compact).unwrap(), compact);
            assert_eq!(json::reformat(&pretty, Layout::Pretty).unwrap(), pretty);
            assert_eq!(json::reformat(&pretty, Layout::Compact).unwrap(), compact);
            let reread = json::parse(&written).expect("to_json writes JSON");
            assert_eq!(
                reread.to_json(Layout::Compact),
                written,
                "to_json round trip"
            );
            let pretty_tree = value.to_json(Layout::Pretty);
            let reread = json::parse(&pretty_tree).expect("pretty to_json writes JSON");
            assert_eq!(reread.to_json(Layout::Compact), written, "pretty to_json");
        }
        (Err(error), _, _) => {
            let span = error.span();
            assert!(span.start <= span.end && span.end <= text.len(), "{span:?}");
            assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
            let _ = error.to_string();
            assert!(
                serde_json::from_str::<serde_json::Value>(text).is_err(),
                "serde_json accepts what the reader refuses: {error}"
            );
        }
        _ => unreachable!("checked above"),
    }
}

/// `Pattern::parse`: errors point inside the text and render; a valid pattern stays valid, with
/// the same fields and `$or` branches, when only its whitespace changes (and text after its
/// object, which is never read, is dropped).
pub fn check_pattern(text: &str) {
    match Pattern::parse(text) {
        Ok(pattern) => {
            assert_eq!(pattern.text(), text);
            // Jackson stops reading after the pattern's object (what follows is ignored, as AWS
            // does), so only that part is compacted.
            let compact = json::reformat(text, Layout::Compact)
                .or_else(|e| json::reformat(&text[..e.span().start], Layout::Compact))
                .expect("a valid pattern starts with a JSON object");
            let again = Pattern::parse(&compact)
                .unwrap_or_else(|e| panic!("valid, but not once compacted: {e}"));
            assert_eq!(again.fields().len(), pattern.fields().len());
            assert_eq!(again.sub_rules().len(), pattern.sub_rules().len());
        }
        Err(error) => {
            let span = error.span();
            assert!(span.start <= span.end && span.end <= text.len(), "{span:?}");
            let _ = error.render(text);
            let _ = error.to_string();
            assert!(!error.message().is_empty());
        }
    }
}

/// `Event::parse` and `Event::parse_any`: an event is a JSON object (`parse_any` agrees with the
/// JSON reader), `parse` accepts a subset of what `parse_any` accepts, and the event keeps its text.
pub fn check_event(text: &str) {
    let any = Event::parse_any(text);
    let strict = Event::parse(text);
    if strict.is_ok() {
        assert!(any.is_ok(), "parse accepts what parse_any refuses");
    }
    match &any {
        Ok(event) => {
            assert_eq!(event.text(), text);
            let tree = json::parse(text).expect("an event is JSON");
            assert!(
                matches!(tree.kind, json::ValueKind::Object(_)),
                "an event is an object"
            );
        }
        Err(error) => {
            let _ = error.to_string();
            // Either not JSON or not an object (the size limit, 4 GB, is out of a fuzzer's reach).
            if let Ok(tree) = json::parse(text) {
                assert!(
                    !matches!(tree.kind, json::ValueKind::Object(_)),
                    "parse_any refuses a JSON object: {error}"
                );
            }
        }
    }
}

/// `explain` agrees with `Pattern::matches`, and its branches with its verdict.
pub fn check_explain(pattern_text: &str, event_text: &str) {
    let (Ok(pattern), Ok(event)) = (Pattern::parse(pattern_text), Event::parse_any(event_text))
    else {
        return;
    };
    let explanation = explain(&pattern, &event);
    assert_eq!(
        explanation.matched,
        pattern.matches(&event),
        "explain vs matches"
    );
    assert_eq!(explanation.branches.len(), pattern.sub_rules().len());
    assert_eq!(
        explanation.matched,
        explanation.branches.iter().any(|b| b.matched),
        "verdict vs branches"
    );
    match explanation.matched_branch {
        Some(i) => assert!(explanation.branches[i].matched),
        None => assert!(!explanation.matched),
    }
    let _ = explanation.to_string();
}

/// A `RuleSet` of the valid patterns among `texts[..last]`, asked about the last text: the rules
/// it names are exactly those whose `Pattern::matches` says yes, in the order they were added,
/// whether the event is given parsed or as JSON (strict or not).
pub fn check_rule_set(texts: &[String]) {
    let Some((event_text, pattern_texts)) = texts.split_last() else {
        return;
    };
    let mut rules = RuleSet::new();
    let mut patterns = Vec::new();
    for (i, text) in pattern_texts.iter().enumerate() {
        let name = format!("r{i}");
        let added = rules.add(&name, text);
        let parsed = Pattern::parse(text);
        assert_eq!(
            added.is_ok(),
            parsed.is_ok(),
            "RuleSet::add vs Pattern::parse"
        );
        if let Ok(pattern) = parsed {
            patterns.push((name, pattern));
        }
    }
    assert_eq!(rules.len(), patterns.len());
    let parsed = Event::parse_any(event_text);
    let owned = |names: Vec<&str>| names.into_iter().map(str::to_owned).collect::<Vec<_>>();
    let from_json = rules.matching_rules_json(event_text.as_bytes()).map(owned);
    rules.set_strict_json(true);
    let strict = rules.matching_rules_json(event_text.as_bytes());
    assert_eq!(
        strict.is_ok(),
        parsed.is_ok(),
        "strict scan vs Event::parse_any"
    );
    let Ok(event) = parsed else { return };
    let expected: Vec<&str> = patterns
        .iter()
        .filter(|(_, p)| p.matches(&event))
        .map(|(name, _)| name.as_str())
        .collect();
    assert_eq!(rules.matching_rules(&event), expected, "parsed event");
    assert_eq!(strict.unwrap(), expected, "strict JSON scan");
    assert_eq!(
        from_json.expect("valid JSON is scanned"),
        expected,
        "lenient JSON scan"
    );
}

/// A teacher's exercise document: a document that reads writes a document that reads back to the
/// same exercise.
pub fn check_lesson_document(text: &str) {
    match lessons::Exercise::from_document(text) {
        Ok(exercise) => {
            let document = exercise.to_document();
            let again = lessons::Exercise::from_document(&document)
                .unwrap_or_else(|e| panic!("a written document does not read back: {e}"));
            assert_eq!(again.to_document(), document);
            assert_eq!(again.events().len(), exercise.events().len());
        }
        Err(error) => {
            let _ = error.to_string();
        }
    }
}

/// The share-link decoding path, natively, on `input` read two ways:
///
/// * as a link value: version and base64 checks, inflating (miniz_oxide in place of the
///   browser's `DecompressionStream`, with the same output limit), UTF-8, then the JSON reader;
///   whatever decodes, re-encodes to the same compressed bytes;
/// * as a text put into a link: compressed, encoded, then decoded, it comes back unchanged.
#[cfg(feature = "share-link")]
pub fn check_share_link(input: &str) {
    use web_ui::link_codec::{
        compressed_bytes, encoded_value, inflated_text, InflateError, Payload,
    };
    const PAYLOAD: Payload = Payload {
        name: "playground state",
        max_encoded: 64 * 1024,
        max_decoded: 1024 * 1024,
    };
    let inflate = |compressed: &[u8]| {
        miniz_oxide::inflate::decompress_to_vec_with_limit(compressed, PAYLOAD.max_decoded).map_err(
            |e| match e.status {
                miniz_oxide::inflate::TINFLStatus::HasMoreOutput => InflateError::TooLarge,
                _ => InflateError::Damaged,
            },
        )
    };
    if let Ok(compressed) = compressed_bytes(input, PAYLOAD) {
        let again = encoded_value(&compressed);
        let recompressed = compressed_bytes(&again, PAYLOAD).expect("an encoded value decodes");
        assert_eq!(recompressed, compressed);
        if let Ok(text) = inflated_text(inflate(&compressed), PAYLOAD) {
            check_json(&text);
        }
    }
    let compressed = miniz_oxide::deflate::compress_to_vec(input.as_bytes(), 6);
    let link = encoded_value(&compressed);
    if link.len() <= PAYLOAD.max_encoded {
        let bytes = compressed_bytes(&link, PAYLOAD).expect("a link this build made opens");
        let text = inflated_text(inflate(&bytes), PAYLOAD).expect("and inflates");
        assert_eq!(text, input);
    }
}
