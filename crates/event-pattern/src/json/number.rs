//! The nearest double to a JSON number literal, the one place the crate turns a number's text
//! into a value.
//!
//! Natively std's parser. In WebAssembly std's parser carries a 10 KB table of 128-bit powers of
//! five (for the Eisel-Lemire algorithm) that gzip cannot shrink, plus a big-decimal fallback:
//! about 11 KB of every download that has the matcher (issue 14). There, a literal of at most
//! 15 significant digits whose decimal exponent is within ±22, which is nearly every number in
//! events (`42`, `12.5`, `37.7749`, `1700000000`), is computed here exactly: the digits and the
//! power of ten are both exact doubles, so one IEEE multiplication or division gives the
//! correctly rounded result (Clinger's fast path). Any other literal goes to the JavaScript
//! engine's `parseFloat`, which ECMAScript requires to round correctly too.
//!
//! `tests::the_fast_path_gives_what_std_gives` checks the fast path against std.

/// The nearest double to `literal`, which must be JSON number grammar; infinite when it
/// overflows a double (`1e400`).
pub(crate) fn parse(literal: &str) -> f64 {
    if let Some(value) = fast_path(literal) {
        return value;
    }
    slow_path(literal)
}

#[cfg(not(target_arch = "wasm32"))]
fn slow_path(literal: &str) -> f64 {
    literal.parse().unwrap_or(f64::NAN)
}

#[cfg(target_arch = "wasm32")]
fn slow_path(literal: &str) -> f64 {
    js_sys::parse_float(literal)
}

/// 10^0 ..= 10^22: every power of ten a double holds exactly.
const EXACT_POWERS_OF_TEN: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// The value of a literal with at most 15 significant digits (after leading zeros) and a
/// decimal exponent within ±22, once the fraction's digits are counted in; `None` otherwise.
fn fast_path(literal: &str) -> Option<f64> {
    let bytes = literal.as_bytes();
    let (negative, mut at) = match bytes.first() {
        Some(b'-') => (true, 1),
        _ => (false, 0),
    };
    let mut digits: u64 = 0;
    let mut significant = 0u32;
    let mut exponent: i64 = 0;
    let mut in_fraction = false;
    while let Some(&byte) = bytes.get(at) {
        match byte {
            b'0'..=b'9' => {
                if digits != 0 || byte != b'0' {
                    significant += 1;
                    if significant > 15 {
                        return None;
                    }
                }
                digits = digits * 10 + u64::from(byte - b'0');
                if in_fraction {
                    exponent -= 1;
                }
            }
            b'.' => in_fraction = true,
            b'e' | b'E' => break,
            _ => return None,
        }
        at += 1;
    }
    if let Some(b'e' | b'E') = bytes.get(at) {
        let written = literal.get(at + 1..)?;
        // JSON allows a `+`; more than 4 digits is far outside the fast path anyway.
        let written = written.strip_prefix('+').unwrap_or(written);
        if written.len() > 5 {
            return None;
        }
        exponent += written.parse::<i64>().ok()?;
    }
    // 15 digits are below 2^53, so `digits` is exact as a double.
    let magnitude = if digits == 0 {
        0.0
    } else if exponent >= 0 {
        digits as f64 * *EXACT_POWERS_OF_TEN.get(usize::try_from(exponent).ok()?)?
    } else {
        digits as f64 / *EXACT_POWERS_OF_TEN.get(usize::try_from(-exponent).ok()?)?
    };
    Some(if negative { -magnitude } else { magnitude })
}

#[cfg(test)]
mod tests {
    use super::{fast_path, parse};

    /// A cheap deterministic generator (xorshift), so the test needs no crate and repeats.
    struct Numbers(u64);

    impl Numbers {
        fn next(&mut self, below: u64) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0 % below
        }

        /// A JSON number literal: sign, 1-18 digits with leading zeros now and then, a
        /// fraction, an exponent in any of JSON's spellings.
        fn literal(&mut self) -> String {
            let mut text = String::new();
            if self.next(2) == 0 {
                text.push('-');
            }
            let whole_digits = 1 + self.next(10);
            if self.next(4) == 0 {
                text.push('0');
            } else {
                for i in 0..whole_digits {
                    let digit = if i == 0 {
                        1 + self.next(9)
                    } else {
                        self.next(10)
                    };
                    text.push(char::from(b'0' + digit as u8));
                }
            }
            if self.next(2) == 0 {
                text.push('.');
                for _ in 0..1 + self.next(9) {
                    text.push(char::from(b'0' + self.next(10) as u8));
                }
            }
            if self.next(3) == 0 {
                text.push(if self.next(2) == 0 { 'e' } else { 'E' });
                match self.next(3) {
                    0 => text.push('-'),
                    1 => text.push('+'),
                    _ => {}
                }
                text.push_str(&self.next(40).to_string());
            }
            text
        }
    }

    #[test]
    fn the_fast_path_gives_what_std_gives() {
        let mut numbers = Numbers(0x2545_F491_4F6C_DD1D);
        let mut fast = 0;
        for _ in 0..300_000 {
            let literal = numbers.literal();
            let std: f64 = literal.parse().unwrap();
            if let Some(value) = fast_path(&literal) {
                fast += 1;
                // Bits, so that -0 and 0 differ.
                assert_eq!(value.to_bits(), std.to_bits(), "{literal}");
            }
            assert_eq!(parse(&literal).to_bits(), std.to_bits(), "{literal}");
        }
        // Most literals of events take the fast path; the generator makes both kinds.
        assert!(fast > 100_000 && fast < 300_000, "{fast}");
    }

    /// The edges of the fast path: 15 digits in, 16 out; exponents ±22 in, beyond out.
    #[test]
    fn the_fast_path_stops_where_doubles_stop_being_exact() {
        let table = [
            ("0", Some(0.0)),
            ("-0", Some(-0.0)),
            ("-0.0e5", Some(-0.0)),
            ("0.000", Some(0.0)),
            ("123456789012345", Some(123456789012345.0)),
            ("1234567890123456", None),
            ("0.000000000000000000001", Some(1e-21)),
            ("0.0000000000000000000001", Some(1e-22)),
            ("0.00000000000000000000001", None),
            ("1e22", Some(1e22)),
            ("1e23", None),
            ("1E+22", Some(1e22)),
            ("12.5e-3", Some(0.0125)),
            ("1e99999", None),
            ("1e-99999", None),
        ];
        for (literal, expected) in table {
            assert_eq!(
                fast_path(literal).map(f64::to_bits),
                expected.map(f64::to_bits),
                "{literal}"
            );
            assert_eq!(
                parse(literal).to_bits(),
                literal.parse::<f64>().unwrap().to_bits()
            );
        }
        assert!(parse("1e400").is_infinite());
        assert_eq!(parse("0.30000000000000001"), 0.3);
    }
}
