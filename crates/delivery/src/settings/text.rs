//! Settings typed as text (a page's fields, a command's arguments): whole numbers, seeds and
//! percentages with one decimal, read strictly so that garbage and overflow are refused rather
//! than guessed at.

/// Reads a whole number; blank, signed, fractional, exponent or too large is `None`.
pub fn parse_whole(text: &str) -> Option<u32> {
    let text = text.trim();
    (!text.is_empty() && text.len() <= 10 && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

/// Reads a percentage with at most one decimal ("2.5") as tenths of a percent (25), the unit of
/// [`TransientSettings::failure_permille`](super::TransientSettings::failure_permille).
pub fn parse_permille_percent(text: &str) -> Option<u32> {
    let text = text.trim().trim_end_matches('%').trim();
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let (whole, tenths) = match text.split_once('.') {
        Some((whole, fraction)) if fraction.len() == 1 => (whole, parse_whole(fraction)?),
        Some((whole, "")) => (whole, 0),
        Some(_) => return None,
        None => (text, 0),
    };
    let whole = if whole.is_empty() {
        0
    } else {
        parse_whole(whole)?
    };
    let permille = whole.checked_mul(10)?.checked_add(tenths)?;
    (permille <= 1000).then_some(permille)
}

/// Writes tenths of a percent back as [`parse_permille_percent`] reads them ("2.5", "30").
pub fn format_permille_percent(permille: u32) -> String {
    if permille.is_multiple_of(10) {
        (permille / 10).to_string()
    } else {
        format!("{}.{}", permille / 10, permille % 10)
    }
}

/// Reads a seed: any whole number that fits 64 bits.
pub fn parse_seed(text: &str) -> Option<u64> {
    let text = text.trim();
    (!text.is_empty() && text.len() <= 20 && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_permille_percent_table() {
        let table: &[(&str, Option<u32>)] = &[
            ("0", Some(0)),
            ("2", Some(20)),
            ("2.5", Some(25)),
            ("2.5 %", Some(25)),
            (" 100 ", Some(1000)),
            (".5", Some(5)),
            ("7.", Some(70)),
            ("100.1", None),
            ("2.55", None),
            ("-1", None),
            ("", None),
            (".", None),
            ("%", None),
            ("abc", None),
            ("99999999999999999999", None),
        ];
        for (text, expected) in table {
            assert_eq!(parse_permille_percent(text), *expected, "{text:?}");
        }
        for permille in [0, 5, 25, 300, 1000] {
            assert_eq!(
                parse_permille_percent(&format_permille_percent(permille)),
                Some(permille)
            );
        }
    }

    #[test]
    fn parse_numbers_refuse_garbage_and_overflow() {
        assert_eq!(parse_whole("42"), Some(42));
        assert_eq!(parse_whole(" 7 "), Some(7));
        assert_eq!(parse_whole("4294967296"), None);
        assert_eq!(parse_whole("1e3"), None);
        assert_eq!(parse_whole("+3"), None);
        assert_eq!(parse_seed("18446744073709551615"), Some(u64::MAX));
        assert_eq!(parse_seed("18446744073709551616"), None);
        assert_eq!(parse_seed(""), None);
    }
}
