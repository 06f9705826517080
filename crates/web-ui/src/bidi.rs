//! Invisible and bidirectional control characters in user text (issue 16: an unterminated
//! U+202E in an event value reversed the app's own result sentence and error messages).
//!
//! Results and errors show such a character as a visible marker (`[U+202E]`), so it can neither
//! reorder the sentence around it nor hide in it; the editors mark where it sits without
//! changing the text (their two layers must lay the text out identically).

use std::borrow::Cow;
use std::ops::Range;

/// The short name of an invisible or bidirectional control character, or `None` for any other.
pub fn control_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{200B}' => "ZERO WIDTH SPACE",
        '\u{200C}' => "ZERO WIDTH NON-JOINER",
        '\u{200D}' => "ZERO WIDTH JOINER",
        '\u{200E}' => "LEFT-TO-RIGHT MARK",
        '\u{200F}' => "RIGHT-TO-LEFT MARK",
        '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "POP DIRECTIONAL FORMATTING",
        '\u{202D}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        '\u{FEFF}' => "ZERO WIDTH NO-BREAK SPACE",
        _ => return None,
    })
}

/// Whether `text` holds any invisible or bidirectional control character.
pub fn has_controls(text: &str) -> bool {
    text.chars().any(|c| control_name(c).is_some())
}

/// `text` with every control character replaced by a visible `[U+XXXX]`; borrowed when there is
/// none, which is nearly always.
pub fn with_visible_controls(text: &str) -> Cow<'_, str> {
    if !has_controls(text) {
        return Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if control_name(c).is_some() {
            shown.push_str(&format!("[U+{:04X}]", u32::from(c)));
        } else {
            shown.push(c);
        }
    }
    Cow::Owned(shown)
}

/// A piece of editor text: plain text, or one control character with its name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    pub range: Range<usize>,
    pub control: Option<&'static str>,
}

/// Cuts `text` into runs of ordinary text and single control characters, for the editors'
/// colour layer to mark the latter.
pub fn split_controls(text: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut start = 0;
    for (at, c) in text.char_indices() {
        if let Some(name) = control_name(c) {
            if start < at {
                pieces.push(Piece {
                    range: start..at,
                    control: None,
                });
            }
            let end = at + c.len_utf8();
            pieces.push(Piece {
                range: at..end,
                control: Some(name),
            });
            start = end;
        }
    }
    if start < text.len() || pieces.is_empty() {
        pieces.push(Piece {
            range: start..text.len(),
            control: None,
        });
    }
    pieces
}

/// How many of the first control characters [`controls_note`] names.
const NAMED_CONTROLS: usize = 3;

/// A sentence under an editor whose text holds control characters, naming the first few with
/// their lines (the marker in the text is a thin bar, easy to miss in a long text), or `None`
/// when there are none. Like a code host's warning about bidirectional text: the line may read
/// differently from what it holds.
pub fn controls_note(text: &str) -> Option<String> {
    let mut count = 0usize;
    let mut named = Vec::new();
    let mut line = 1usize;
    for c in text.chars() {
        if c == '\n' {
            line += 1;
        } else if let Some(name) = control_name(c) {
            count += 1;
            if named.len() < NAMED_CONTROLS {
                named.push(format!("{name} (U+{:04X}) on line {line}", u32::from(c)));
            }
        }
    }
    if count == 0 {
        return None;
    }
    let what = if count == 1 {
        "1 invisible or bidirectional control character".to_owned()
    } else {
        format!("{count} invisible or bidirectional control characters")
    };
    let more = if count > named.len() {
        format!(", and {} more", count - named.len())
    } else {
        String::new()
    };
    Some(format!(
        "This text holds {what}, so it may read differently from what it holds: {}{more}.",
        named.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_note_names_the_first_controls_with_their_lines() {
        assert_eq!(controls_note("{\n  \"a\": \"plain é\"\n}"), None);
        assert_eq!(
            controls_note("{\n \"name\": \"abc\u{202E}def\"\n}").as_deref(),
            Some(
                "This text holds 1 invisible or bidirectional control character, so it may read \
                 differently from what it holds: RIGHT-TO-LEFT OVERRIDE (U+202E) on line 2."
            )
        );
        let many = "\u{200B}\n\u{2067}\n\n\u{FEFF}\u{202C}\u{200F}";
        assert_eq!(
            controls_note(many).as_deref(),
            Some(
                "This text holds 5 invisible or bidirectional control characters, so it may read \
                 differently from what it holds: ZERO WIDTH SPACE (U+200B) on line 1, RIGHT-TO-LEFT \
                 ISOLATE (U+2067) on line 2, ZERO WIDTH NO-BREAK SPACE (U+FEFF) on line 4, and 2 more."
            )
        );
    }

    #[test]
    fn controls_are_found_anywhere_in_a_text() {
        assert!(!has_controls(""));
        assert!(!has_controls("{\"a\": \"é ü 😀\"}"));
        assert!(has_controls("abc\u{202E}def"));
        assert!(has_controls(&format!("{}\u{FEFF}", "x".repeat(100_000))));
    }

    #[test]
    fn every_listed_control_has_a_name_and_ordinary_text_none() {
        let controls = ('\u{202A}'..='\u{202E}')
            .chain('\u{2066}'..='\u{2069}')
            .chain('\u{200B}'..='\u{200F}')
            .chain(['\u{FEFF}']);
        for c in controls {
            assert!(control_name(c).is_some(), "U+{:04X}", u32::from(c));
        }
        for c in ['a', ' ', '\n', 'é', 'ש', 'ع', '😀', '\u{2028}', '\u{00A0}'] {
            assert_eq!(control_name(c), None, "U+{:04X}", u32::from(c));
        }
    }

    // Issue 16: an unterminated U+202E in an event value reversed the result sentence.
    #[test]
    fn an_unterminated_override_is_shown_not_obeyed() {
        let cases = [
            ("plain", "plain"),
            ("\"abc\u{202E}def\"", "\"abc[U+202E]def\""),
            ("\u{2067}x\u{200B}\u{FEFF}", "[U+2067]x[U+200B][U+FEFF]"),
            ("שלום", "שלום"),
        ];
        for (text, shown) in cases {
            assert_eq!(with_visible_controls(text), shown);
        }
        assert!(matches!(with_visible_controls("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn editor_text_is_cut_around_each_control() {
        let text = "a\u{202E}bc\u{200B}\u{200B}";
        let pieces: Vec<(&str, Option<&str>)> = split_controls(text)
            .into_iter()
            .map(|p| (&text[p.range], p.control))
            .collect();
        assert_eq!(
            pieces,
            [
                ("a", None),
                ("\u{202E}", Some("RIGHT-TO-LEFT OVERRIDE")),
                ("bc", None),
                ("\u{200B}", Some("ZERO WIDTH SPACE")),
                ("\u{200B}", Some("ZERO WIDTH SPACE")),
            ]
        );
        assert_eq!(
            split_controls(""),
            [Piece {
                range: 0..0,
                control: None
            }]
        );
        assert_eq!(
            split_controls("ab"),
            [Piece {
                range: 0..2,
                control: None
            }]
        );
    }
}
