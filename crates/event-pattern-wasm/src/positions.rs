//! Byte offsets (what Rust reports) to UTF-16 code units (what JavaScript editors use).
//!
//! CodeMirror, Monaco and a plain `<textarea>` all index text in UTF-16 units, so every position
//! the JS API returns is converted here; ASCII texts, the common case, need no table.

pub struct Utf16Positions {
    /// UTF-16 offset of every byte offset; `None` when the text is ASCII and offsets coincide.
    table: Option<Vec<u32>>,
}

impl Utf16Positions {
    pub fn new(text: &str) -> Utf16Positions {
        if text.is_ascii() {
            return Utf16Positions { table: None };
        }
        let mut table = Vec::with_capacity(text.len() + 1);
        let mut units = 0u32;
        for c in text.chars() {
            // Every byte of a character maps to the character's start, so a byte offset in the
            // middle of a character (never produced by the matcher) still gives a sane answer.
            table.extend(std::iter::repeat_n(units, c.len_utf8()));
            units += c.len_utf16() as u32;
        }
        table.push(units);
        Utf16Positions { table: Some(table) }
    }

    /// The UTF-16 offset of a byte offset; offsets past the end clamp to the end.
    pub fn offset(&self, byte: usize) -> usize {
        match &self.table {
            None => byte,
            Some(table) => table.get(byte).or(table.last()).copied().unwrap_or(0) as usize,
        }
    }
}

/// 1-based line and UTF-16 column of a byte offset.
pub fn line_and_column(text: &str, byte: usize) -> (usize, usize) {
    let byte = byte.min(text.len());
    let before = text.get(..byte).unwrap_or(text);
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.matches('\n').count() + 1;
    let column = before[line_start..].encode_utf16().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_offsets_are_unchanged() {
        let positions = Utf16Positions::new("{\"a\": 1}");
        assert_eq!(positions.offset(0), 0);
        assert_eq!(positions.offset(5), 5);
    }

    #[test]
    fn multibyte_and_astral_characters_count_in_utf16_units() {
        // "é" is 2 bytes / 1 unit, "😀" is 4 bytes / 2 units.
        let text = "é😀x";
        let positions = Utf16Positions::new(text);
        assert_eq!(positions.offset(0), 0);
        assert_eq!(positions.offset(2), 1);
        assert_eq!(positions.offset(6), 3);
        assert_eq!(positions.offset(7), 4);
        assert_eq!(positions.offset(100), 4, "past the end clamps");
    }

    #[test]
    fn lines_and_columns_are_one_based_in_utf16_units() {
        let text = "{\n  \"😀\": [1]\n}";
        let bracket = text.find('[').unwrap();
        assert_eq!(line_and_column(text, bracket), (2, 9));
        assert_eq!(line_and_column(text, 0), (1, 1));
        assert_eq!(line_and_column(text, 10_000), (3, 2));
    }
}
