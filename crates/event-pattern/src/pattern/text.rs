//! String operators: case-insensitive comparison and wildcards.

use serde::Serialize;

/// A string compared ignoring case the way event-ruler does: each character of the pattern accepts
/// its lower-case or its upper-case form (full Unicode mappings, so one pattern character may stand
/// for several event characters, e.g. `ß` also accepts `SS`).
///
/// event-ruler's `EqualsIgnoreCaseParser` takes the pattern one UTF-16 unit at a time, so a
/// character outside the Basic Multilingual Plane (an emoji such as 🚀) becomes two lone
/// surrogates, each of which Java encodes to UTF-8 as `?`: such a character only accepts the two
/// bytes `??` in the event, never itself. We do the same.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct CaseInsensitive {
    text: String,
    #[serde(skip)]
    alternatives: Vec<(String, String)>,
}

impl CaseInsensitive {
    pub(crate) fn new(text: &str) -> CaseInsensitive {
        let mut alternatives = Vec::with_capacity(text.len());
        for c in text.chars() {
            if c.len_utf16() == 2 {
                // Two UTF-16 units, each read as `?` (see above).
                alternatives.push(("?".to_owned(), "?".to_owned()));
                alternatives.push(("?".to_owned(), "?".to_owned()));
            } else {
                alternatives.push((super::case::lowercase(c), super::case::uppercase(c)));
            }
        }
        CaseInsensitive {
            text: text.to_owned(),
            alternatives,
        }
    }

    /// The text as written in the pattern.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The text as EventBridge compares it: each character outside the Basic Multilingual Plane
    /// replaced by `??` (`None` when there is none, so the text is compared as written).
    pub fn as_compared(&self) -> Option<String> {
        if !self.text.chars().any(|c| c.len_utf16() == 2) {
            return None;
        }
        Some(
            self.text
                .chars()
                .map(|c| {
                    if c.len_utf16() == 2 {
                        "??".to_owned()
                    } else {
                        c.to_string()
                    }
                })
                .collect(),
        )
    }

    /// Byte offsets in `value` where a match of the whole pattern starting at `start` can end.
    fn ends_from(&self, value: &str, start: usize) -> Vec<usize> {
        let mut positions = vec![start];
        for (lower, upper) in &self.alternatives {
            let mut next = Vec::new();
            for &p in &positions {
                for alt in [lower, upper] {
                    if value[p..].starts_with(alt.as_str()) && !next.contains(&(p + alt.len())) {
                        next.push(p + alt.len());
                    }
                }
            }
            if next.is_empty() {
                return next;
            }
            positions = next;
        }
        positions
    }

    pub(crate) fn equals(&self, value: &str) -> bool {
        if self.text.is_ascii() && value.is_ascii() {
            return self.text.eq_ignore_ascii_case(value);
        }
        self.ends_from(value, 0).contains(&value.len())
    }

    pub(crate) fn is_prefix_of(&self, value: &str) -> bool {
        if self.text.is_ascii() && value.is_ascii() {
            return value.len() >= self.text.len()
                && value.as_bytes()[..self.text.len()].eq_ignore_ascii_case(self.text.as_bytes());
        }
        !self.ends_from(value, 0).is_empty()
    }

    pub(crate) fn is_suffix_of(&self, value: &str) -> bool {
        if self.text.is_ascii() && value.is_ascii() {
            return value.len() >= self.text.len()
                && value.as_bytes()[value.len() - self.text.len()..]
                    .eq_ignore_ascii_case(self.text.as_bytes());
        }
        value
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(value.len()))
            .any(|start| self.ends_from(value, start).contains(&value.len()))
    }
}

/// One piece of a parsed wildcard.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Literal(Vec<u8>),
    Star,
}

/// A parsed `wildcard` value: `*` matches any run of characters, `\*` and `\\` are literal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Wildcard {
    source: String,
    #[serde(skip)]
    pieces: Vec<Piece>,
}

/// Why a wildcard value was rejected, with event-ruler's position convention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct WildcardSyntaxError {
    pub message: String,
    /// Byte offset in the (unescaped) wildcard string.
    pub offset: usize,
}

impl Wildcard {
    pub(crate) fn parse(source: &str) -> Result<Wildcard, WildcardSyntaxError> {
        // event-ruler parses the value wrapped in quotes, so its positions are one more than ours.
        let bytes = source.as_bytes();
        let mut pieces = Vec::new();
        let mut literal = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'*' => {
                    if bytes.get(i + 1) == Some(&b'*') {
                        return Err(WildcardSyntaxError {
                            message: format!("Consecutive wildcard characters at pos {}", i + 1),
                            offset: i,
                        });
                    }
                    if !literal.is_empty() {
                        pieces.push(Piece::Literal(std::mem::take(&mut literal)));
                    }
                    pieces.push(Piece::Star);
                    i += 1;
                }
                b'\\' => match bytes.get(i + 1) {
                    Some(&next @ (b'*' | b'\\')) => {
                        literal.push(next);
                        i += 2;
                    }
                    _ => {
                        return Err(WildcardSyntaxError {
                            message: format!("Invalid escape character at pos {}", i + 1),
                            offset: i,
                        })
                    }
                },
                byte => {
                    literal.push(byte);
                    i += 1;
                }
            }
        }
        if !literal.is_empty() {
            pieces.push(Piece::Literal(literal));
        }
        Ok(Wildcard {
            source: source.to_owned(),
            pieces,
        })
    }

    /// The wildcard as written (escapes included).
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// Number of `*` wildcards.
    pub fn star_count(&self) -> usize {
        self.pieces.iter().filter(|p| **p == Piece::Star).count()
    }

    pub(crate) fn matches(&self, value: &str) -> bool {
        let value = value.as_bytes();
        let mut pieces = self.pieces.as_slice();
        let mut pos = 0;
        // Leading literal must sit at the start.
        if let Some((Piece::Literal(lit), rest)) = pieces.split_first() {
            if !value.starts_with(lit) {
                return false;
            }
            pos = lit.len();
            pieces = rest;
        }
        if pieces.is_empty() {
            return pos == value.len();
        }
        // Trailing literal must sit at the end (when there is a star before it).
        let mut end = value.len();
        if let Some((Piece::Literal(lit), rest)) = pieces.split_last() {
            if end < pos + lit.len() || !value.ends_with(lit) {
                return false;
            }
            end -= lit.len();
            pieces = rest;
        }
        // What remains starts and ends with a star: greedy leftmost search for each middle literal is
        // enough, since any later placement leaves less room for the rest.
        for piece in pieces {
            if let Piece::Literal(lit) = piece {
                match find(&value[pos..end], lit) {
                    Some(at) => pos += at + lit.len(),
                    None => return false,
                }
            }
        }
        pos <= end
    }

    /// The automaton used for the complexity limit: one state per literal byte and per star.
    pub(crate) fn states(&self) -> Vec<WildcardState> {
        let mut states = Vec::new();
        for piece in &self.pieces {
            match piece {
                Piece::Star => states.push(WildcardState::Star),
                Piece::Literal(bytes) => {
                    states.extend(bytes.iter().map(|&b| WildcardState::Byte(b)))
                }
            }
        }
        states
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WildcardState {
    Byte(u8),
    Star,
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The largest number of wildcard-automaton states that can be active at once while reading some
/// value, over all `wildcards` sharing one field (as they share one automaton in a rule engine).
/// Returns `None` when exploring the combined automaton exceeds `max_sets` state sets, which itself
/// means the wildcards are far too complex. Exploring stops at the first set with more than
/// `stop_above` live states, whose count is returned: a caller that only compares with a limit
/// needs no more (a fuzzer-found 200-byte wildcard took 40 ms natively, and over 10 s under
/// instrumentation, exploring 2,000 sets after its first set over the limit).
pub(crate) fn max_active_states(
    wildcards: &[&Wildcard],
    max_sets: usize,
    stop_above: usize,
) -> Option<usize> {
    use std::collections::HashSet;
    let automata: Vec<Vec<WildcardState>> = wildcards.iter().map(|w| w.states()).collect();
    // Every byte not written in any wildcard behaves the same, so one stands for all of them.
    let mut written = [false; 256];
    for state in automata.iter().flatten() {
        if let WildcardState::Byte(b) = state {
            written[usize::from(*b)] = true;
        }
    }
    if let Some(other) = written.iter().position(|w| !w) {
        written[other] = true;
    }
    // Ascending, so that the sets are explored in the same order on every run.
    let alphabet: Vec<u8> = (0u8..=255).filter(|&b| written[usize::from(b)]).collect();

    // A state is (automaton, position); position == len means "accepted" and is not counted.
    // Closing a set adds the state after each star (a star also matches nothing), following
    // runs of stars; duplicates go in the final sort. (It used to look each successor up in the
    // set, which was quadratic in the set's size: a fuzzer-found 200-byte wildcard spent most of
    // its 40 ms there, and over 10 s under the fuzzer's instrumentation.)
    let close = |set: &mut Vec<(usize, usize)>| {
        let original = set.len();
        for i in 0..original {
            let (a, mut p) = set[i];
            while automata[a].get(p) == Some(&WildcardState::Star) {
                p += 1;
                set.push((a, p));
            }
        }
        crate::sort::unstable(set);
        set.dedup();
    };
    let mut start: Vec<(usize, usize)> = (0..automata.len()).map(|a| (a, 0)).collect();
    close(&mut start);
    let live = |set: &[(usize, usize)]| set.iter().filter(|(a, p)| *p < automata[*a].len()).count();

    let mut seen: HashSet<Vec<(usize, usize)>> = HashSet::new();
    let mut queue = vec![start];
    let mut max = 0;
    while let Some(set) = queue.pop() {
        if !seen.insert(set.clone()) {
            continue;
        }
        if seen.len() > max_sets {
            return None;
        }
        max = max.max(live(&set));
        if max > stop_above {
            return Some(max);
        }
        for &byte in &alphabet {
            let mut next = Vec::new();
            for &(a, p) in &set {
                match automata[a].get(p) {
                    Some(WildcardState::Star) => next.push((a, p)),
                    Some(WildcardState::Byte(b)) if *b == byte => next.push((a, p + 1)),
                    _ => {}
                }
            }
            if next.is_empty() {
                continue;
            }
            close(&mut next);
            if !seen.contains(&next) {
                queue.push(next);
            }
        }
    }
    Some(max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcard_matching_table() {
        let table = [
            ("/Users/*/doc.txt", "/Users/u/dir/dir/doc.txt", true),
            ("/Users/*/doc.txt", "/Users/u/dir/notmatchingdoc.txt", false),
            ("xy*", "xy", true),
            ("*", "", true),
            ("", "", true),
            ("", "a", false),
            ("a*b*c", "abc", true),
            ("a*b*c", "aXbYbZc", true),
            ("a*b*c", "acb", false),
            ("*a*", "bab", true),
            ("a*a", "a", false),
            ("a\\*b", "a*b", true),
            ("a\\*b", "axb", false),
            ("a\\\\b", "a\\b", true),
            ("*/init/*", "dir/init/dir", true),
            ("*/dir/*", "dir/post/dir", false),
        ];
        for (pattern, value, want) in table {
            let w = Wildcard::parse(pattern).unwrap();
            assert_eq!(w.matches(value), want, "{pattern} vs {value}");
        }
    }

    #[test]
    fn wildcard_errors_use_event_ruler_positions() {
        let e = Wildcard::parse("arn:aws:events:us-east-1:**:event-bus/*").unwrap_err();
        assert_eq!(e.message, "Consecutive wildcard characters at pos 26");
        let e = Wildcard::parse("ab\\c").unwrap_err();
        assert_eq!(e.message, "Invalid escape character at pos 3");
        let e = Wildcard::parse("ab\\").unwrap_err();
        assert_eq!(e.message, "Invalid escape character at pos 3");
    }

    #[test]
    fn ignore_case_table() {
        let table = [
            ("alice", "ALICE", true),
            ("alice", "alic", false),
            ("ǅ", "ǆ", true),
            ("straße", "STRASSE", true),
            ("", "", true),
            ("", "x", false),
        ];
        for (pattern, value, want) in table {
            assert_eq!(
                CaseInsensitive::new(pattern).equals(value),
                want,
                "{pattern} vs {value}"
            );
        }
        assert!(CaseInsensitive::new("EventB").is_prefix_of("EvEnTbridge"));
        assert!(CaseInsensitive::new(".png").is_suffix_of("image.PNG"));
        assert!(CaseInsensitive::new("é").is_suffix_of("cafÉ"));
        assert!(!CaseInsensitive::new(".png").is_suffix_of("png"));
    }

    /// Issue 12: event-ruler reads `🚀` in a case-insensitive pattern as `??` (two lone UTF-16
    /// surrogates, each encoded by Java as `?`), so the emoji never matches itself.
    #[test]
    fn regression_characters_outside_the_bmp_compare_as_question_marks() {
        let rocket = CaseInsensitive::new("gO 🚀 NOw");
        assert!(!rocket.equals("go 🚀 now"));
        assert!(rocket.equals("go ?? now"));
        assert!(rocket.equals("GO ?? NOW"));
        assert!(!rocket.equals("go ? now"));
        assert!(CaseInsensitive::new("🚀x").is_prefix_of("??XY"));
        assert!(!CaseInsensitive::new("🚀x").is_prefix_of("🚀XY"));
        assert!(CaseInsensitive::new("x🚀").is_suffix_of("aX??"));
        assert!(!CaseInsensitive::new("x🚀").is_suffix_of("aX🚀"));
        assert_eq!(rocket.as_compared().as_deref(), Some("gO ?? NOw"));
        assert_eq!(CaseInsensitive::new("é").as_compared(), None);
    }
}
