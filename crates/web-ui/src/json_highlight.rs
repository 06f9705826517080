//! Syntax colouring and marked ranges for the JSON editors.
//!
//! The editor draws its text twice: a transparent `<textarea>` the user types into, over a `<pre>`
//! that shows the same text in colour with error and match marks. This module cuts the text into
//! the pieces of that `<pre>`. It never fails: half-typed or hostile text is coloured as well as
//! it can be, since the parser's own error message says what is wrong.

use std::ops::Range;

/// What a piece of text is, for its colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    Whitespace,
    /// `{ } [ ] : ,`
    Punctuation,
    /// A string followed by `:`, i.e. an object key.
    Key,
    String,
    Number,
    /// `true`, `false` or `null`.
    Literal,
    /// Anything JSON does not allow here (a stray word or character).
    Invalid,
    /// Text too long to colour; shown in the plain text colour.
    Plain,
}

impl TokenKind {
    /// The CSS class of the piece.
    pub fn class(self) -> &'static str {
        match self {
            TokenKind::Whitespace => "tok-space",
            TokenKind::Punctuation => "tok-punct",
            TokenKind::Key => "tok-key",
            TokenKind::String => "tok-string",
            TokenKind::Number => "tok-number",
            TokenKind::Literal => "tok-literal",
            TokenKind::Invalid => "tok-invalid",
            TokenKind::Plain => "tok-plain",
        }
    }
}

/// A token: its kind and its byte range in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub range: Range<usize>,
}

/// Why a range of the text is marked. Later variants win where marks overlap.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HighlightKind {
    /// A value or condition that took part in the match.
    Matched,
    /// A field that made the pattern fail.
    Failing,
    /// Where the parser stopped (underlined in red).
    Error,
}

impl HighlightKind {
    pub fn class(self) -> &'static str {
        match self {
            HighlightKind::Matched => "hl-matched",
            HighlightKind::Failing => "hl-failing",
            HighlightKind::Error => "hl-error",
        }
    }
}

/// A marked byte range of the editor's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Highlight {
    pub range: Range<usize>,
    pub kind: HighlightKind,
}

impl Highlight {
    pub fn new(range: Range<usize>, kind: HighlightKind) -> Self {
        Highlight { range, kind }
    }
}

/// One piece of the coloured copy: a token, or the part of a token inside one mark.
///
/// An empty range happens only for a mark at the end of a line or of the text (an error at
/// end-of-input); the editor draws it as a marked space so it can be seen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    pub range: Range<usize>,
    pub token: TokenKind,
    pub mark: Option<HighlightKind>,
}

/// Beyond this many tokens the text is not coloured (marks are still drawn), so pasting a huge
/// document cannot make every keystroke rebuild tens of thousands of elements.
pub const MAX_COLOURED_TOKENS: usize = 20_000;

/// Above this size an editor shows its text without colours or marks, and its owner's analysis
/// waits for a pause in typing (issue 16: each keystroke in a 200 KB event took 130-550 ms).
pub const LARGE_TEXT_BYTES: usize = 64 * 1024;

/// Whether `text` is too large to colour on every keystroke (see [`LARGE_TEXT_BYTES`]).
pub fn is_large_text(text: &str) -> bool {
    text.len() > LARGE_TEXT_BYTES
}

/// Cuts `text` into tokens that cover it completely, in order.
pub fn tokenize(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        if tokens.len() == MAX_COLOURED_TOKENS {
            return vec![Token {
                kind: TokenKind::Plain,
                range: 0..text.len(),
            }];
        }
        let start = at;
        let kind = match bytes[at] {
            b' ' | b'\t' | b'\n' | b'\r' => {
                at = skip_while(bytes, at, |b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'));
                TokenKind::Whitespace
            }
            b'{' | b'}' | b'[' | b']' | b':' | b',' => {
                at += 1;
                TokenKind::Punctuation
            }
            b'"' => {
                at = string_end(bytes, at);
                if is_followed_by_colon(bytes, at) {
                    TokenKind::Key
                } else {
                    TokenKind::String
                }
            }
            b'-' | b'0'..=b'9' => {
                at = skip_while(bytes, at + 1, |b| {
                    b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-')
                });
                TokenKind::Number
            }
            b if b.is_ascii_alphabetic() => {
                at = skip_while(bytes, at, |b| b.is_ascii_alphanumeric() || b == b'_');
                match &text[start..at] {
                    "true" | "false" | "null" => TokenKind::Literal,
                    _ => TokenKind::Invalid,
                }
            }
            _ => {
                // One whole character, however many bytes it takes.
                at = next_char_boundary(text, at + 1);
                TokenKind::Invalid
            }
        };
        tokens.push(Token {
            kind,
            range: start..at,
        });
    }
    tokens
}

fn skip_while(bytes: &[u8], mut at: usize, keep: impl Fn(u8) -> bool) -> usize {
    while at < bytes.len() && keep(bytes[at]) {
        at += 1;
    }
    at
}

/// The end of the string starting at the quote at `start`: after its closing quote, or before
/// the end of the line when it is not closed (JSON strings cannot span lines).
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut at = start + 1;
    while at < bytes.len() {
        match bytes[at] {
            b'"' => return at + 1,
            b'\n' => return at,
            b'\\' if at + 1 < bytes.len() && bytes[at + 1] != b'\n' => at += 2,
            _ => at += 1,
        }
    }
    // Escapes are ASCII, so skipping two bytes never lands inside a multi-byte character.
    at.min(bytes.len())
}

fn is_followed_by_colon(bytes: &[u8], from: usize) -> bool {
    let next = skip_while(bytes, from, |b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'));
    bytes.get(next) == Some(&b':')
}

fn next_char_boundary(text: &str, mut at: usize) -> usize {
    while at < text.len() && !text.is_char_boundary(at) {
        at += 1;
    }
    at.min(text.len())
}

fn previous_char_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// A mark's range made safe for `text`: inside it, on character boundaries, and at least one
/// character wide unless it sits at the end of a line or of the text.
fn normalize(text: &str, range: &Range<usize>) -> Range<usize> {
    let start = previous_char_boundary(text, range.start);
    let mut end = next_char_boundary(text, range.end.max(start));
    if end == start && !text[start..].starts_with('\n') {
        end = next_char_boundary(text, start + 1);
    }
    start..end
}

/// The pieces of the coloured copy of `text`, with `highlights` applied.
///
/// Each piece has one token kind and at most one mark (the strongest where marks overlap).
pub fn segments(text: &str, highlights: &[Highlight]) -> Vec<Segment> {
    let tokens = tokenize(text);
    // Mark boundaries as a sweep line: +1 where a mark starts, -1 where it ends.
    let mut edges: Vec<(usize, HighlightKind, i32)> = Vec::with_capacity(highlights.len() * 2);
    // Carets have the edges' type (with no change to the marks) so that one sort serves both: each
    // sorted type costs the wasm a few KB of sorting code. Edges at one place all apply before
    // the text there is cut, so their order among themselves does not matter.
    let mut carets: Vec<(usize, HighlightKind, i32)> = Vec::new();
    for highlight in highlights {
        let range = normalize(text, &highlight.range);
        if range.is_empty() {
            carets.push((range.start, highlight.kind, 0));
        } else {
            edges.push((range.start, highlight.kind, 1));
            edges.push((range.end, highlight.kind, -1));
        }
    }
    edges.sort_unstable();
    carets.sort_unstable();

    let mut active = [0i32; 3];
    let strongest = |active: &[i32; 3]| {
        [
            HighlightKind::Error,
            HighlightKind::Failing,
            HighlightKind::Matched,
        ]
        .into_iter()
        .find(|&kind| active[kind as usize] > 0)
    };
    let mut out = Vec::with_capacity(tokens.len() + edges.len() + carets.len());
    let mut next_edge = 0;
    let mut next_caret = 0;
    let push_carets_at = |at: usize, out: &mut Vec<Segment>, next_caret: &mut usize| {
        while *next_caret < carets.len() && carets[*next_caret].0 == at {
            let kind = carets[*next_caret].1;
            // Several marks at one place are drawn once.
            if out
                .last()
                .is_none_or(|s: &Segment| !(s.range == (at..at) && s.mark == Some(kind)))
            {
                out.push(Segment {
                    range: at..at,
                    token: TokenKind::Whitespace,
                    mark: Some(kind),
                });
            }
            *next_caret += 1;
        }
    };
    for token in tokens {
        let mut at = token.range.start;
        while at < token.range.end {
            while next_edge < edges.len() && edges[next_edge].0 <= at {
                let (_, kind, delta) = edges[next_edge];
                active[kind as usize] += delta;
                next_edge += 1;
            }
            push_carets_at(at, &mut out, &mut next_caret);
            let piece_end = edges
                .get(next_edge)
                .map_or(token.range.end, |&(edge, _, _)| edge.min(token.range.end));
            let piece_end = carets
                .get(next_caret)
                .map_or(piece_end, |&(caret, _, _)| caret.clamp(at + 1, piece_end));
            out.push(Segment {
                range: at..piece_end,
                token: token.kind,
                mark: strongest(&active),
            });
            at = piece_end;
        }
    }
    push_carets_at(text.len(), &mut out, &mut next_caret);
    out
}

/// Number of lines the editor shows (an empty text and a text ending in a newline included).
pub fn line_count(text: &str) -> usize {
    text.bytes().filter(|&b| b == b'\n').count() + 1
}

/// Where the first problem (a failing field or the parser's stop) starts, if any.
pub fn first_problem(highlights: &[Highlight]) -> Option<usize> {
    highlights
        .iter()
        .filter(|h| h.kind != HighlightKind::Matched)
        .map(|h| h.range.start)
        .min()
}

/// The scroll offset that shows `[start, start + length)` in a viewport of `size` now scrolled to
/// `offset` (one axis, in pixels), or `None` when it is already wholly in view. The mark lands a
/// third of the way in, so the lines or text before it stay visible as context.
pub fn offset_revealing(offset: f64, size: f64, start: f64, length: f64) -> Option<f64> {
    if start >= offset && start + length <= offset + size {
        return None;
    }
    Some((start - size / 3.0).max(0.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(TokenKind, &str)> {
        tokenize(text)
            .into_iter()
            .map(|t| (t.kind, &text[t.range]))
            .collect()
    }

    #[test]
    fn tokens_cover_the_text_in_order() {
        let text = "{\"a\": [1, -2.5e3, true, null, \"x\\\"y\"], \"é\": \"ü\"}\n";
        let tokens = tokenize(text);
        let mut at = 0;
        for token in &tokens {
            assert_eq!(token.range.start, at);
            assert!(token.range.end > token.range.start);
            at = token.range.end;
        }
        assert_eq!(at, text.len());
    }

    #[test]
    fn token_kinds_table() {
        use TokenKind::*;
        let table: &[(&str, Vec<(TokenKind, &str)>)] = &[
            (
                r#"{"a": "b"}"#,
                vec![
                    (Punctuation, "{"),
                    (Key, "\"a\""),
                    (Punctuation, ":"),
                    (Whitespace, " "),
                    (String, "\"b\""),
                    (Punctuation, "}"),
                ],
            ),
            (
                "[-1.5e+3,true,nul]",
                vec![
                    (Punctuation, "["),
                    (Number, "-1.5e+3"),
                    (Punctuation, ","),
                    (Literal, "true"),
                    (Punctuation, ","),
                    (Invalid, "nul"),
                    (Punctuation, "]"),
                ],
            ),
            // A key is recognised across whitespace and newlines before its colon.
            (
                "\"k\"\n  :",
                vec![(Key, "\"k\""), (Whitespace, "\n  "), (Punctuation, ":")],
            ),
            // An escaped quote does not end the string.
            (r#""a\"b""#, vec![(String, r#""a\"b""#)]),
            // An unterminated string stops at the end of its line.
            (
                "\"abc\n1",
                vec![(String, "\"abc"), (Whitespace, "\n"), (Number, "1")],
            ),
            // Stray characters, including multi-byte ones, are one invalid token each.
            ("'é", vec![(Invalid, "'"), (Invalid, "é")]),
            ("", vec![]),
        ];
        for (text, expected) in table {
            assert_eq!(&kinds(text), expected, "{text:?}");
        }
    }

    #[test]
    fn a_backslash_at_the_end_of_the_text_does_not_overrun() {
        assert_eq!(kinds("\"\\"), vec![(TokenKind::String, "\"\\")]);
        assert_eq!(
            kinds("\"\\\n"),
            vec![(TokenKind::String, "\"\\"), (TokenKind::Whitespace, "\n")]
        );
    }

    #[test]
    fn huge_texts_are_not_coloured() {
        let text = "1,".repeat(MAX_COLOURED_TOKENS);
        let tokens = tokenize(&text);
        assert_eq!(
            tokens,
            vec![Token {
                kind: TokenKind::Plain,
                range: 0..text.len()
            }]
        );
    }

    fn marked(text: &str, highlights: &[Highlight]) -> Vec<(String, Option<HighlightKind>)> {
        let mut out: Vec<(String, Option<HighlightKind>)> = Vec::new();
        // Adjacent pieces with the same mark are joined so the table reads as marked text.
        for segment in segments(text, highlights) {
            let piece = &text[segment.range.clone()];
            match out.last_mut() {
                Some(last) if last.1 == segment.mark && !segment.range.is_empty() => {
                    last.0.push_str(piece)
                }
                _ => out.push((piece.to_owned(), segment.mark)),
            }
        }
        out
    }

    #[test]
    fn segments_cover_the_text_and_carry_marks() {
        use HighlightKind::*;
        let text = r#"{"a": "bcd"}"#;
        // (marks, the text cut into pieces with their mark)
        type Case<'a> = (Vec<Highlight>, Vec<(&'a str, Option<HighlightKind>)>);
        let table: &[Case] = &[
            (vec![], vec![(text, None)]),
            // A mark inside a token splits it.
            (
                vec![Highlight::new(8..9, Failing)],
                vec![("{\"a\": \"b", None), ("c", Some(Failing)), ("d\"}", None)],
            ),
            // Overlapping marks: the stronger one wins where they overlap.
            (
                vec![Highlight::new(1..9, Matched), Highlight::new(4..7, Error)],
                vec![
                    ("{", None),
                    ("\"a\"", Some(Matched)),
                    (": \"", Some(Error)),
                    ("bc", Some(Matched)),
                    ("d\"}", None),
                ],
            ),
            // Nested marks of the same kind stay marked until the outer one ends.
            (
                vec![
                    Highlight::new(1..10, Failing),
                    Highlight::new(2..3, Failing),
                ],
                vec![("{", None), ("\"a\": \"bcd", Some(Failing)), ("\"}", None)],
            ),
            // Out-of-range and reversed marks are clamped instead of panicking.
            (
                vec![Highlight::new(11..500, Error)],
                vec![("{\"a\": \"bcd\"", None), ("}", Some(Error))],
            ),
        ];
        for (highlights, expected) in table {
            let got = marked(text, highlights);
            let expected: Vec<(String, Option<HighlightKind>)> = expected
                .iter()
                .map(|(s, m)| ((*s).to_owned(), *m))
                .collect();
            assert_eq!(got, expected, "{highlights:?}");
            let covered: String = segments(text, highlights)
                .iter()
                .map(|s| &text[s.range.clone()])
                .collect();
            assert_eq!(covered, text);
        }
    }

    #[test]
    fn an_empty_mark_widens_to_one_character_or_becomes_a_caret_at_a_line_end() {
        let text = "{\"a\":\n}";
        let at_colon = segments(text, &[Highlight::new(4..4, HighlightKind::Error)]);
        let colon = at_colon
            .iter()
            .find(|s| s.mark.is_some())
            .expect("a marked piece");
        assert_eq!(&text[colon.range.clone()], ":");

        let at_newline = segments(text, &[Highlight::new(5..5, HighlightKind::Error)]);
        let caret = at_newline
            .iter()
            .find(|s| s.mark.is_some())
            .expect("a caret");
        assert_eq!(caret.range, 5..5);

        let at_end = segments(text, &[Highlight::new(99..99, HighlightKind::Error)]);
        assert_eq!(
            at_end.last(),
            Some(&Segment {
                range: text.len()..text.len(),
                token: TokenKind::Whitespace,
                mark: Some(HighlightKind::Error)
            })
        );
    }

    #[test]
    fn marks_inside_multibyte_characters_snap_to_character_boundaries() {
        let text = "\"ééé\"";
        // Byte 2 is inside the first é.
        let pieces = marked(text, &[Highlight::new(2..4, HighlightKind::Failing)]);
        assert_eq!(
            pieces,
            vec![
                ("\"".to_owned(), None),
                ("éé".to_owned(), Some(HighlightKind::Failing)),
                ("é\"".to_owned(), None),
            ]
        );
    }

    #[test]
    fn line_count_includes_a_final_empty_line() {
        assert_eq!(line_count(""), 1);
        assert_eq!(line_count("a\nb\n"), 3);
    }

    #[test]
    fn the_first_problem_ignores_matched_values() {
        let marks = [
            Highlight::new(2..5, HighlightKind::Matched),
            Highlight::new(40..48, HighlightKind::Failing),
            Highlight::new(12..13, HighlightKind::Error),
        ];
        assert_eq!(first_problem(&marks), Some(12));
        assert_eq!(first_problem(&marks[..1]), None);
        assert_eq!(first_problem(&[]), None);
    }

    #[test]
    fn scrolling_happens_only_for_marks_out_of_view() {
        // A 300-pixel viewport at the top: a mark at 100 is visible, one at 600 is not.
        assert_eq!(offset_revealing(0.0, 300.0, 100.0, 20.0), None);
        assert_eq!(offset_revealing(0.0, 300.0, 600.0, 20.0), Some(500.0));
        // Partly below the bottom edge counts as out of view.
        assert_eq!(offset_revealing(0.0, 300.0, 290.0, 20.0), Some(190.0));
        // Above the viewport: scrolled back up, never below zero.
        assert_eq!(offset_revealing(400.0, 300.0, 50.0, 20.0), Some(0.0));
    }
}
