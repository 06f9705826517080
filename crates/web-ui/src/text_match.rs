//! Matching what someone types in a search box against catalog text.
//!
//! A search is a set of words that must all appear somewhere in an entry's fields, ignoring
//! case and the accents of Latin letters, so `sao paulo` finds "São Paulo" and `AUTH0 login`
//! finds Auth0's description.

/// Longest search we look at, in characters. A search box never needs more, and the cap keeps
/// the cost of matching (words × fields) small whatever gets pasted into the box.
pub const MAX_SEARCH_CHARS: usize = 200;

/// A search as typed, split into folded words.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchText {
    words: Vec<String>,
}

impl SearchText {
    pub fn new(input: &str) -> SearchText {
        let capped = match input.char_indices().nth(MAX_SEARCH_CHARS) {
            Some((cut, _)) => &input[..cut],
            None => input,
        };
        let mut words: Vec<String> = capped.split_whitespace().map(fold).collect();
        // Repeating a word cannot change the answer; dropping repeats keeps matching cheap.
        words.sort();
        words.dedup();
        SearchText { words }
    }

    /// True when every word of the search occurs in at least one of the fields.
    pub fn matches(&self, fields: &[&str]) -> bool {
        if self.words.is_empty() {
            return true;
        }
        let folded: Vec<String> = fields.iter().map(|field| fold(field)).collect();
        self.words
            .iter()
            .all(|word| folded.iter().any(|field| field.contains(word.as_str())))
    }
}

/// Lower case without accents on Latin letters, for comparing what people type with what
/// the catalog says. Characters without a plain-letter equivalent are kept as they are.
pub fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(strip_accent)
        .collect()
}

fn strip_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' => 'i',
        'ñ' | 'ń' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' => 'u',
        'ý' | 'ÿ' => 'y',
        'ś' | 'š' => 's',
        'ź' | 'ż' | 'ž' => 'z',
        'ł' => 'l',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn searches_match_when_every_word_is_found_in_some_field() {
        let fields = [
            "Auth0",
            "auth0.com",
            "Identity platform; streams tenant logs such as logins.",
        ];
        let cases: &[(&str, bool)] = &[
            ("", true),
            ("   \t ", true),
            ("auth0", true),
            ("AUTH0", true),
            ("auth0 logins", true),
            ("logins auth0", true),
            ("auth0.com", true),
            ("tenant   identity", true),
            ("auth0 zendesk", false),
            ("okta", false),
            ("auth0 xyz", false),
        ];
        for (query, expected) in cases {
            assert_eq!(
                SearchText::new(query).matches(&fields),
                *expected,
                "query {query:?}"
            );
        }
    }

    #[test]
    fn accents_and_case_are_ignored_on_both_sides() {
        let fields = ["South America (São Paulo)"];
        for query in ["sao paulo", "SÃO", "são paulo", "Sao"] {
            assert!(SearchText::new(query).matches(&fields), "query {query:?}");
        }
        assert!(SearchText::new("zürich").matches(&["Zurich"]));
        assert_eq!(fold("ÉTÉ Ünïcode"), "ete unicode");
    }

    #[test]
    fn hostile_input_is_capped_and_never_panics() {
        // A megabyte of words, multi-byte characters at the cap and control characters.
        let huge = "ab ".repeat(400_000);
        let search = SearchText::new(&huge);
        assert!(search.matches(&["ab"]));
        assert!(!search.matches(&["ba"]));
        let multibyte = "é".repeat(MAX_SEARCH_CHARS + 5);
        let search = SearchText::new(&multibyte);
        assert!(search.matches(&[&"e".repeat(MAX_SEARCH_CHARS)]));
        assert!(!search.matches(&[&"e".repeat(MAX_SEARCH_CHARS - 1)]));
        assert!(!SearchText::new("<script>\u{0}").matches(&["Auth0"]));
    }

    #[test]
    fn words_beyond_the_cap_are_ignored() {
        let query = format!("{} zendesk", "a".repeat(MAX_SEARCH_CHARS));
        assert!(SearchText::new(&query).matches(&[&"a".repeat(MAX_SEARCH_CHARS)]));
    }
}
