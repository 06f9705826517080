//! A validating JSON cursor for the single pass over an event.
//!
//! It accepts exactly what our pull parser (`crate::json`) accepts (the same grammar, nesting
//! limit and UTF-8 rule) but builds nothing: strings are found with a word-at-a-time search for
//! the bytes that end or complicate them, and values no rule looks at are skipped after being
//! checked. It reports *that* the text is malformed, not why: the caller then asks the full parser,
//! whose errors carry Jackson's wording and the position.

use crate::json::MAX_DEPTH;

/// The text is not one well-formed JSON document (the full parser says why).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Malformed;

/// A string token: the bytes between its quotes, and what they hold.
#[derive(Debug, Clone, Copy)]
pub(super) struct RawString {
    pub start: usize,
    pub end: usize,
    /// Holds a backslash escape, so the bytes are not the text.
    pub escaped: bool,
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Bytes equal to `byte` get their high bit set (exact for the lowest such byte; see `special`).
#[inline(always)]
fn equal_bytes(word: u64, byte: u8) -> u64 {
    let x = word ^ (ONES * u64::from(byte));
    x.wrapping_sub(ONES) & !x & HIGHS
}

/// High bit set for bytes that end a run of plain string content: `"`, `\`, control characters
/// and non-ASCII bytes. The subtraction tricks can flag bytes *above* a true hit spuriously, never
/// below the lowest one, and only the lowest is used.
#[inline(always)]
fn special(word: u64) -> u64 {
    let controls = word.wrapping_sub(ONES * 0x20) & !word & HIGHS;
    equal_bytes(word, b'"') | equal_bytes(word, b'\\') | controls | (word & HIGHS)
}

/// Bytes classified at once while skipping.
const BLOCK: usize = 64;

/// Bit k of the result: the parity of the bits at or below k.
#[inline(always)]
fn prefix_xor(mut bits: u64) -> u64 {
    bits ^= bits << 1;
    bits ^= bits << 2;
    bits ^= bits << 4;
    bits ^= bits << 8;
    bits ^= bits << 16;
    bits ^= bits << 32;
    bits
}

/// Where a block's quotes and brackets are: bit k stands for byte k.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct BlockKinds {
    quotes: u64,
    /// `{` and `[`.
    opens: u64,
    /// `}` and `]`.
    closes: u64,
    /// How many of each (vector units count them more cheaply than a baseline x86-64 CPU can
    /// count bits).
    opened: u32,
    closed: u32,
}

/// The quotes and brackets of a block, or `None` when it holds a backslash, a control character
/// or a non-ASCII byte (then the block is read byte by byte).
#[inline(always)]
fn plain_block(block: &[u8]) -> Option<BlockKinds> {
    #[cfg(any(
        target_feature = "sse2",
        target_feature = "simd128",
        all(target_arch = "aarch64", target_feature = "neon")
    ))]
    return plain_block_vectors(block);
    #[cfg(not(any(
        target_feature = "sse2",
        target_feature = "simd128",
        all(target_arch = "aarch64", target_feature = "neon")
    )))]
    return plain_block_words(block);
}

/// [`plain_block`] with 16-byte vector compares.
#[cfg(any(
    target_feature = "sse2",
    target_feature = "simd128",
    all(target_arch = "aarch64", target_feature = "neon")
))]
#[inline(always)]
fn plain_block_vectors(block: &[u8]) -> Option<BlockKinds> {
    use wide::u8x16;
    let mut kinds = BlockKinds {
        quotes: 0,
        opens: 0,
        closes: 0,
        opened: 0,
        closed: 0,
    };
    // Only whether some byte is unusual matters: the lanes are gathered once per block.
    let mut unusual = u8x16::splat(0);
    // Per lane, how many of the block's four chunks hold an opening (closing) bracket there.
    let (mut opened, mut closed) = (u8x16::splat(0), u8x16::splat(0));
    for (k, chunk) in block.chunks_exact(16).enumerate() {
        let mut lanes = [0u8; 16];
        lanes.copy_from_slice(chunk);
        let v = u8x16::new(lanes);
        let bits = |mask: u8x16| u64::from(mask.to_bitmask()) << (16 * k);
        // `[` and `{` differ only in bit 0x20, as do `]` and `}`.
        let folded = v | u8x16::splat(0x20);
        let opens = folded.simd_eq(u8x16::splat(b'{'));
        let closes = folded.simd_eq(u8x16::splat(b'}'));
        opened += opens & u8x16::splat(1);
        closed += closes & u8x16::splat(1);
        kinds.quotes |= bits(v.simd_eq(u8x16::splat(b'"')));
        kinds.opens |= bits(opens);
        kinds.closes |= bits(closes);
        // Non-ASCII bytes carry the high bit already; backslashes and controls get it here.
        unusual |= v | v.simd_eq(u8x16::splat(b'\\')) | v.min(u8x16::splat(0x1f)).simd_eq(v);
    }
    // Lane counts are at most 4, so eight of them add up inside one byte of a product.
    let total = |counts: u8x16| -> u32 {
        let lanes = counts.to_array();
        let mut low = [0u8; 8];
        let mut high = [0u8; 8];
        low.copy_from_slice(&lanes[..8]);
        high.copy_from_slice(&lanes[8..]);
        let sum = |word: [u8; 8]| (u64::from_le_bytes(word).wrapping_mul(ONES) >> 56) as u32;
        sum(low) + sum(high)
    };
    kinds.opened = total(opened);
    kinds.closed = total(closed);
    (unusual.to_bitmask() == 0).then_some(kinds)
}

/// [`plain_block`] eight bytes at a time, for targets without a known vector unit (and compared
/// with the vector version by the tests).
#[cfg_attr(
    all(
        not(test),
        any(
            target_feature = "sse2",
            target_feature = "simd128",
            all(target_arch = "aarch64", target_feature = "neon")
        )
    ),
    allow(dead_code)
)]
#[inline(always)]
fn plain_block_words(block: &[u8]) -> Option<BlockKinds> {
    // Gathers the high bit of each byte into the low eight bits.
    let gather = |flags: u64| (flags >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56;
    let mut kinds = BlockKinds {
        quotes: 0,
        opens: 0,
        closes: 0,
        opened: 0,
        closed: 0,
    };
    for (k, chunk) in block.chunks_exact(8).enumerate() {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let word = u64::from_le_bytes(word);
        let high = word & HIGHS;
        // Below 0x20 exactly when adding 0x60 keeps a byte without its high bit below 0x80.
        let controls = !(word & !HIGHS).wrapping_add(ONES * 0x60) & HIGHS;
        if high | controls | exact_equal_bytes(word, b'\\') != 0 {
            return None;
        }
        let folded = word | (ONES * 0x20);
        kinds.quotes |= gather(exact_equal_bytes(word, b'"')) << (8 * k);
        kinds.opens |= gather(exact_equal_bytes(folded, b'{')) << (8 * k);
        kinds.closes |= gather(exact_equal_bytes(folded, b'}')) << (8 * k);
    }
    kinds.opened = kinds.opens.count_ones();
    kinds.closed = kinds.closes.count_ones();
    Some(kinds)
}

/// High bit set exactly for the bytes equal to `byte` (no false alarms, unlike `equal_bytes`).
#[inline(always)]
fn exact_equal_bytes(word: u64, byte: u8) -> u64 {
    let x = word ^ (ONES * u64::from(byte));
    let low = ONES * 0x7f;
    !(((x & low).wrapping_add(low)) | x) & HIGHS
}

/// End of the UTF-8 sequence starting at `at` (a non-ASCII byte), if it is valid.
fn utf8_sequence_end(bytes: &[u8], at: usize) -> Result<usize, Malformed> {
    let width = match bytes[at] {
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return Err(Malformed),
    };
    let sequence = bytes.get(at..at + width).ok_or(Malformed)?;
    std::str::from_utf8(sequence).map_err(|_| Malformed)?;
    Ok(at + width)
}

#[inline(always)]
fn is_identifier_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'$' || byte >= 0x80
}

pub(super) struct Cursor<'a> {
    pub bytes: &'a [u8],
    pub pos: usize,
}

impl<'a> Cursor<'a> {
    pub fn new(bytes: &'a [u8]) -> Cursor<'a> {
        Cursor { bytes, pos: 0 }
    }

    #[inline(always)]
    pub fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    #[inline(always)]
    pub fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    /// Consumes `byte` after optional whitespace, or fails.
    #[inline(always)]
    pub fn expect(&mut self, byte: u8) -> Result<(), Malformed> {
        self.skip_whitespace();
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(Malformed)
        }
    }

    /// Reads a string whose opening quote is at the cursor.
    #[inline]
    pub fn string(&mut self) -> Result<RawString, Malformed> {
        let bytes = self.bytes;
        let start = self.pos + 1;
        let mut i = start;
        let mut escaped = false;
        let mut non_ascii = false;
        loop {
            // Plain content goes by eight bytes at a time.
            while let Some(chunk) = bytes.get(i..i + 8) {
                let mut word = [0u8; 8];
                word.copy_from_slice(chunk);
                let hits = special(u64::from_le_bytes(word));
                if hits != 0 {
                    i += (hits.trailing_zeros() / 8) as usize;
                    break;
                }
                i += 8;
            }
            let Some(&byte) = bytes.get(i) else {
                return Err(Malformed);
            };
            match byte {
                b'"' => break,
                b'\\' => {
                    escaped = true;
                    i = self.escape_end(i)?;
                }
                0x00..=0x1f => return Err(Malformed),
                0x80..=0xff => {
                    non_ascii = true;
                    i += 1;
                }
                _ => i += 1,
            }
        }
        if non_ascii && std::str::from_utf8(&bytes[start..i]).is_err() {
            return Err(Malformed);
        }
        self.pos = i + 1;
        Ok(RawString {
            start,
            end: i,
            escaped,
        })
    }

    /// Checks the escape whose backslash is at `at`; returns the index after it.
    fn escape_end(&self, at: usize) -> Result<usize, Malformed> {
        match self.bytes.get(at + 1) {
            Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => Ok(at + 2),
            Some(b'u') => {
                let digits = self.bytes.get(at + 2..at + 6).ok_or(Malformed)?;
                if digits.iter().all(u8::is_ascii_hexdigit) {
                    Ok(at + 6)
                } else {
                    Err(Malformed)
                }
            }
            _ => Err(Malformed),
        }
    }

    /// Reads a number starting at the cursor (a `-` or a digit); returns its byte range.
    #[inline]
    pub fn number(&mut self) -> Result<(usize, usize), Malformed> {
        let bytes = self.bytes;
        let start = self.pos;
        let mut i = start;
        if bytes[i] == b'-' {
            i += 1;
        }
        match bytes.get(i) {
            Some(b'0') => {
                i += 1;
                if bytes.get(i).is_some_and(u8::is_ascii_digit) {
                    return Err(Malformed);
                }
            }
            Some(b'1'..=b'9') => i = skip_digits(bytes, i + 1),
            _ => return Err(Malformed),
        }
        if bytes.get(i) == Some(&b'.') {
            if !bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
                return Err(Malformed);
            }
            i = skip_digits(bytes, i + 2);
        }
        if let Some(b'e' | b'E') = bytes.get(i) {
            i += 1;
            if let Some(b'+' | b'-') = bytes.get(i) {
                i += 1;
            }
            if !bytes.get(i).is_some_and(u8::is_ascii_digit) {
                return Err(Malformed);
            }
            i = skip_digits(bytes, i + 1);
        }
        self.pos = i;
        Ok((start, i))
    }

    /// Reads `true`, `false` or `null` at the cursor, returning its first byte.
    #[inline]
    pub fn word(&mut self) -> Result<u8, Malformed> {
        let first = self.bytes[self.pos];
        let word: &[u8] = match first {
            b't' => b"true",
            b'f' => b"false",
            b'n' => b"null",
            _ => return Err(Malformed),
        };
        let end = self.pos + word.len();
        if self.bytes.get(self.pos..end) != Some(word)
            || self.bytes.get(end).is_some_and(|&b| is_identifier_byte(b))
        {
            return Err(Malformed);
        }
        self.pos = end;
        Ok(first)
    }

    /// Steps over the value at the cursor (after whitespace). `depth` counts the containers
    /// already open around it. `stack` is scratch space for nested containers, one entry per open
    /// container: `true` for objects. Scalars are always checked fully; containers too when
    /// `strict`, else only structurally (see [`Cursor::skip_container_structure`]).
    #[inline]
    pub fn skip_value(
        &mut self,
        depth: usize,
        stack: &mut Vec<bool>,
        strict: bool,
    ) -> Result<(), Malformed> {
        self.skip_whitespace();
        match self.peek() {
            Some(b'"') => self.string().map(drop),
            Some(b'-' | b'0'..=b'9') => self.number().map(drop),
            Some(b'{' | b'[') if strict => self.skip_container(depth, stack),
            Some(b'{' | b'[') => self.skip_container_structure(depth),
            Some(_) => self.word().map(drop),
            None => Err(Malformed),
        }
    }

    /// Steps over an object or array checking its strings (terminated, escapes valid, no control
    /// characters, UTF-8) and its brackets (as many closed as opened, at most [`MAX_DEPTH`] deep),
    /// but not the tokens between them nor which kind of bracket closes which: that is what makes
    /// skipping cost little more than reading.
    ///
    /// Blocks of bytes are classified at once (quotes, opening and closing brackets, and
    /// backslashes, control and non-ASCII bytes). In a block without the last three, which bytes
    /// lie inside strings follows from the parity of the quotes before them (a prefix XOR), and
    /// the nesting level moves by the count of brackets outside strings, unless it may reach zero
    /// (or the limit) in the block, where brackets are taken one by one. Other blocks go byte by
    /// byte.
    fn skip_container_structure(&mut self, depth: usize) -> Result<(), Malformed> {
        let bytes = self.bytes;
        let mut i = self.pos;
        let mut in_string = false;
        // Containers open inside the one being skipped, counting itself.
        let mut level = 0usize;
        let room = MAX_DEPTH - depth.min(MAX_DEPTH);
        // The end of the text is read from a copy padded with spaces (they change nothing),
        // filled only there so that the other blocks cost no copy.
        let mut padded = [b' '; BLOCK];
        loop {
            let block = match bytes.get(i..i + BLOCK) {
                Some(block) => block,
                None if i < bytes.len() => {
                    padded[..bytes.len() - i].copy_from_slice(&bytes[i..]);
                    padded[bytes.len() - i..].fill(b' ');
                    &padded[..]
                }
                None => return Err(Malformed),
            };
            if let Some(kinds) = plain_block(block) {
                let mut inside = prefix_xor(kinds.quotes);
                if in_string {
                    inside = !inside;
                }
                let opens = kinds.opens & !inside;
                let closes = kinds.closes & !inside;
                let (opened, closed) = if (kinds.opens | kinds.closes) & inside == 0 {
                    (kinds.opened as usize, kinds.closed as usize)
                } else {
                    (opens.count_ones() as usize, closes.count_ones() as usize)
                };
                if level > closed && level + opened <= room {
                    level = level + opened - closed;
                } else {
                    let mut brackets = opens | closes;
                    while brackets != 0 {
                        let at = brackets.trailing_zeros();
                        brackets &= brackets - 1;
                        if opens >> at & 1 == 1 {
                            level += 1;
                            if level > room {
                                return Err(Malformed);
                            }
                        } else {
                            level -= 1;
                            if level == 0 {
                                self.pos = i + at as usize + 1;
                                return Ok(());
                            }
                        }
                    }
                }
                // The last byte's parity is the state after the block.
                in_string = inside >> 63 == 1;
                i += BLOCK;
                continue;
            }
            // Byte by byte to the end of this block (an escape or a UTF-8 sequence may run past it).
            let end = (i + BLOCK).min(bytes.len());
            while i < end {
                let byte = bytes[i];
                if in_string {
                    match byte {
                        b'"' => in_string = false,
                        b'\\' => {
                            i = self.escape_end(i)?;
                            continue;
                        }
                        0x00..=0x1f => return Err(Malformed),
                        0x80..=0xff => {
                            i = utf8_sequence_end(bytes, i)?;
                            continue;
                        }
                        _ => {}
                    }
                } else {
                    match byte {
                        b'"' => in_string = true,
                        b'{' | b'[' => {
                            level += 1;
                            if level > room {
                                return Err(Malformed);
                            }
                        }
                        b'}' | b']' => {
                            level -= 1;
                            if level == 0 {
                                self.pos = i + 1;
                                return Ok(());
                            }
                        }
                        0x80..=0xff => return Err(Malformed),
                        _ => {}
                    }
                }
                i += 1;
            }
        }
    }

    fn skip_container(&mut self, depth: usize, stack: &mut Vec<bool>) -> Result<(), Malformed> {
        stack.clear();
        loop {
            // Here the cursor is at the start of a value.
            match self.peek().ok_or(Malformed)? {
                open @ (b'{' | b'[') => {
                    if depth + stack.len() >= MAX_DEPTH {
                        return Err(Malformed);
                    }
                    self.pos += 1;
                    let object = open == b'{';
                    self.skip_whitespace();
                    let close = if object { b'}' } else { b']' };
                    if self.peek() == Some(close) {
                        self.pos += 1;
                    } else {
                        stack.push(object);
                        if object {
                            self.member_name()?;
                        }
                        continue;
                    }
                }
                b'"' => drop(self.string()?),
                b'-' | b'0'..=b'9' => drop(self.number()?),
                _ => drop(self.word()?),
            }
            // A value is complete: close what ends here, then move to the next value.
            loop {
                let Some(&object) = stack.last() else {
                    return Ok(());
                };
                self.skip_whitespace();
                match self.peek() {
                    Some(b',') => {
                        self.pos += 1;
                        self.skip_whitespace();
                        if object {
                            self.member_name()?;
                        }
                        break;
                    }
                    Some(b'}') if object => {
                        self.pos += 1;
                        stack.pop();
                    }
                    Some(b']') if !object => {
                        self.pos += 1;
                        stack.pop();
                    }
                    _ => return Err(Malformed),
                }
            }
        }
    }

    /// Reads `"name"` and the colon after it, leaving the cursor at the value.
    #[inline]
    pub fn member_name(&mut self) -> Result<RawString, Malformed> {
        if self.peek() != Some(b'"') {
            return Err(Malformed);
        }
        let name = self.string()?;
        self.expect(b':')?;
        self.skip_whitespace();
        Ok(name)
    }
}

/// Index of the first non-digit at or after `i` (eight bytes at a time).
#[inline(always)]
fn skip_digits(bytes: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = bytes.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        // Digits become 0..=9; a byte is flagged when that is 10 or more (or the high bit was
        // set). A carry can only disturb bytes above a flagged one.
        let x = u64::from_le_bytes(word) ^ (ONES * u64::from(b'0'));
        let flagged = (x.wrapping_add(ONES * 0x76) | x) & HIGHS;
        if flagged != 0 {
            return i + (flagged.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while bytes.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    i
}

/// Decodes a string's bytes (already validated by [`Cursor::string`]) the way the pull parser
/// does, lone surrogates becoming U+FFFD.
pub(super) fn decode(raw: &[u8], out: &mut String) {
    out.clear();
    let mut i = 0;
    let mut run = 0;
    while i < raw.len() {
        if raw[i] != b'\\' {
            i += 1;
            continue;
        }
        out.push_str(std::str::from_utf8(&raw[run..i]).unwrap_or_default());
        let decoded = match raw[i + 1] {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            _ => {
                let first = hex4(&raw[i + 2..i + 6]);
                i += 6;
                if (0xD800..0xDC00).contains(&first)
                    && raw.get(i) == Some(&b'\\')
                    && raw.get(i + 1) == Some(&b'u')
                {
                    let second = hex4(&raw[i + 2..i + 6]);
                    if (0xDC00..0xE000).contains(&second) {
                        let combined = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
                        out.push(char::from_u32(combined).unwrap_or('\u{FFFD}'));
                        i += 6;
                        run = i;
                        continue;
                    }
                }
                out.push(char::from_u32(first).unwrap_or('\u{FFFD}'));
                run = i;
                continue;
            }
        };
        out.push(decoded);
        i += 2;
        run = i;
    }
    out.push_str(std::str::from_utf8(&raw[run..]).unwrap_or_default());
}

fn hex4(digits: &[u8]) -> u32 {
    digits.iter().fold(0, |value, &d| {
        let digit = match d {
            b'0'..=b'9' => d - b'0',
            b'a'..=b'f' => d - b'a' + 10,
            _ => d - b'A' + 10,
        };
        value * 16 + u32::from(digit)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator over bytes that matter to the classifier.
    fn blocks() -> impl Iterator<Item = [u8; BLOCK]> {
        const ALPHABET: &[u8] = b"\"{}[]\\ \n\t\x01\x1f\x7f\xc3\xa9Yy_:,0a{}[]";
        let mut state = 0x2545_f491_4f6c_dd1du64;
        (0..4000).map(move |round| {
            let mut block = [b'x'; BLOCK];
            for byte in &mut block {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                // Mostly plain blocks, so that their masks get compared too.
                if round % 2 == 0 || state.is_multiple_of(5) {
                    *byte = ALPHABET[(state >> 20) as usize % ALPHABET.len()];
                }
            }
            if round % 2 == 0 {
                for byte in &mut block {
                    if *byte < 0x20 || *byte >= 0x7f || *byte == b'\\' {
                        *byte = b'"';
                    }
                }
            }
            block
        })
    }

    #[test]
    fn both_block_classifiers_agree_with_a_byte_loop() {
        let mut plain = 0;
        for block in blocks() {
            let unusual = block
                .iter()
                .any(|&b| !(0x20..0x80).contains(&b) || b == b'\\');
            let bits = |f: fn(u8) -> bool| {
                block
                    .iter()
                    .enumerate()
                    .filter(|(_, &b)| f(b))
                    .fold(0u64, |m, (k, _)| m | 1 << k)
            };
            let want = (!unusual).then(|| {
                let opens = bits(|b| b == b'{' || b == b'[');
                let closes = bits(|b| b == b'}' || b == b']');
                BlockKinds {
                    quotes: bits(|b| b == b'"'),
                    opens,
                    closes,
                    opened: opens.count_ones(),
                    closed: closes.count_ones(),
                }
            });
            plain += usize::from(want.is_some());
            assert_eq!(plain_block_words(&block), want, "{block:?}");
            assert_eq!(plain_block(&block), want, "{block:?}");
        }
        assert!(plain > 1000, "plain blocks: {plain}");
    }

    #[test]
    fn prefix_xor_marks_the_bytes_inside_strings() {
        // Quotes at bytes 1 and 4: bytes 1..=3 are inside.
        assert_eq!(prefix_xor(0b1_0010), 0b0_1110);
        assert_eq!(prefix_xor(0), 0);
        assert_eq!(prefix_xor(1 << 63), 1 << 63);
    }
}
