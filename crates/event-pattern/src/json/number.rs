//! The nearest double to a JSON number literal, the one place the crate turns a number's text
//! into a value.
//!
//! Natively std's parser. In WebAssembly std's parser carries a 10 KB table of 128-bit powers of
//! five (for the Eisel-Lemire algorithm) that gzip cannot shrink, plus a big-decimal fallback:
//! 13 KB of the JS API's gzipped matcher (issue 14, measured). There, literals are computed
//! here when they have at most 19 significant digits and a decimal exponent within ±19, which is
//! nearly every number in events (`42`, `12.5`, `-122.41983177253881`, `1700000000123456789`):
//!
//! * up to 15 digits and 10^±22: the digits and the power of ten are both exact doubles, so one
//!   IEEE multiplication or division rounds correctly (Clinger's fast path);
//! * otherwise in 128-bit integers: `digits × 10^e` exactly, or `digits / 10^e` to over 60
//!   bits with a sticky bit for the remainder, and one correctly rounded conversion to a double.
//!
//! Any other literal goes to the JavaScript engine's `parseFloat`, which ECMAScript requires to
//! round correctly too. (It was the only path beyond 15 digits at first: a call into JavaScript
//! per coordinate made the citylots rules 1.8 times slower in wasm.)
//!
//! `tests::the_fast_paths_give_what_std_gives` checks both paths against std.

/// The nearest double to `literal`, which must be JSON number grammar; infinite when it
/// overflows a double (`1e400`).
pub(crate) fn parse(literal: &str) -> f64 {
    Decimal::read(literal)
        .and_then(|decimal| decimal.value())
        .unwrap_or_else(|| slow_path(literal))
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

/// A literal of at most 19 significant digits: `digits × 10^exponent`.
struct Decimal {
    negative: bool,
    digits: u64,
    significant: u32,
    exponent: i64,
}

impl Decimal {
    /// `None` for more than 19 significant digits or an exponent of over 5 characters.
    fn read(literal: &str) -> Option<Decimal> {
        let bytes = literal.as_bytes();
        let (negative, mut at) = match bytes.first() {
            Some(b'-') => (true, 1),
            _ => (false, 0),
        };
        let mut decimal = Decimal {
            negative,
            digits: 0,
            significant: 0,
            exponent: 0,
        };
        let mut in_fraction = false;
        while let Some(&byte) = bytes.get(at) {
            match byte {
                b'0'..=b'9' => {
                    if decimal.digits != 0 || byte != b'0' {
                        decimal.significant += 1;
                        if decimal.significant > 19 {
                            return None;
                        }
                    }
                    // 19 digits are below 10^19 < 2^64.
                    decimal.digits = decimal.digits * 10 + u64::from(byte - b'0');
                    if in_fraction {
                        decimal.exponent -= 1;
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
            // JSON allows a `+`; an exponent of 5 digits is far beyond both paths anyway.
            let written = written.strip_prefix('+').unwrap_or(written);
            if written.len() > 5 {
                return None;
            }
            decimal.exponent += written.parse::<i64>().ok()?;
        }
        Some(decimal)
    }

    /// The value, if one of the two paths below computes it.
    fn value(&self) -> Option<f64> {
        let magnitude = self.float_path().or_else(|| self.integer_path())?;
        Some(if self.negative { -magnitude } else { magnitude })
    }

    /// Clinger's fast path: up to 15 digits (below 2^53) and an exact power of ten.
    fn float_path(&self) -> Option<f64> {
        if self.digits == 0 {
            return Some(0.0);
        }
        if self.significant > 15 {
            return None;
        }
        let power =
            *EXACT_POWERS_OF_TEN.get(usize::try_from(self.exponent.unsigned_abs()).ok()?)?;
        Some(if self.exponent >= 0 {
            self.digits as f64 * power
        } else {
            self.digits as f64 / power
        })
    }

    /// Exact 128-bit arithmetic for a power of ten below 2^64 (10^19 at most).
    fn integer_path(&self) -> Option<f64> {
        let power = 10u128.pow(
            u32::try_from(self.exponent.unsigned_abs())
                .ok()
                .filter(|&e| e <= 19)?,
        );
        let digits = u128::from(self.digits);
        if self.exponent >= 0 {
            // Below 10^19 × 10^19 < 2^127; `as` rounds to nearest, ties to even.
            return Some((digits * power) as f64);
        }
        // Shifted as far as 128 bits allow, the quotient has over 60 bits: past the 53 a double
        // keeps, its round bit, and a lowest bit that is set when the division left a remainder,
        // so that the one rounding of `as` decides as the exact quotient would.
        let shift = digits.leading_zeros() - 1;
        let shifted = digits << shift;
        let quotient = (shifted / power) | u128::from(shifted % power != 0);
        // 2^-shift, exact: shift is at most 126, a normal double's exponent.
        let scale = f64::from_bits(u64::from(1023 - shift) << 52);
        Some(quotient as f64 * scale)
    }
}

#[cfg(test)]
mod tests {
    use super::{parse, Decimal};

    /// A cheap deterministic generator (xorshift), so the test needs no crate and repeats.
    struct Numbers(u64);

    impl Numbers {
        fn next(&mut self, below: u64) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0 % below
        }

        fn digits(&mut self, text: &mut String, count: u64) {
            for _ in 0..count {
                text.push(char::from(b'0' + self.next(10) as u8));
            }
        }

        /// A JSON number literal: sign, up to 22 digits with leading zeros now and then, a
        /// fraction, an exponent in any of JSON's spellings.
        fn literal(&mut self) -> String {
            let mut text = String::new();
            if self.next(2) == 0 {
                text.push('-');
            }
            if self.next(4) == 0 {
                text.push('0');
            } else {
                text.push(char::from(b'1' + self.next(9) as u8));
                let more = self.next(12);
                self.digits(&mut text, more);
            }
            if self.next(2) == 0 {
                text.push('.');
                let count = 1 + self.next(12);
                self.digits(&mut text, count);
            }
            if self.next(3) == 0 {
                text.push(if self.next(2) == 0 { 'e' } else { 'E' });
                match self.next(3) {
                    0 => text.push('-'),
                    1 => text.push('+'),
                    _ => {}
                }
                text.push_str(&self.next(30).to_string());
            }
            text
        }
    }

    /// Which of the crate's own paths computes `literal`, if one does.
    fn own_path(literal: &str) -> Option<(&'static str, f64)> {
        let decimal = Decimal::read(literal)?;
        let magnitude = match decimal.float_path() {
            Some(value) => ("float", value),
            None => ("integer", decimal.integer_path()?),
        };
        Some((
            magnitude.0,
            if decimal.negative {
                -magnitude.1
            } else {
                magnitude.1
            },
        ))
    }

    #[test]
    fn the_fast_paths_give_what_std_gives() {
        let mut numbers = Numbers(0x2545_F491_4F6C_DD1D);
        let (mut float, mut integer) = (0, 0);
        for _ in 0..400_000 {
            let literal = numbers.literal();
            let std: f64 = literal.parse().unwrap();
            if let Some((path, value)) = own_path(&literal) {
                // Bits, so that -0 and 0 differ.
                assert_eq!(value.to_bits(), std.to_bits(), "{literal} ({path} path)");
                if path == "float" {
                    float += 1;
                } else {
                    integer += 1;
                }
            }
            assert_eq!(parse(&literal).to_bits(), std.to_bits(), "{literal}");
        }
        // The generator makes literals for each path and for the fallback (331,811 and 28,802).
        assert!(
            float > 300_000 && integer > 25_000 && float + integer < 400_000,
            "{float} {integer}"
        );
    }

    /// 16 to 19 significant digits, the decimal point anywhere and a small exponent: the
    /// integer path's own territory (coordinates, nanosecond timestamps).
    #[test]
    fn the_integer_path_gives_what_std_gives() {
        let mut numbers = Numbers(0x9E37_79B9_7F4A_7C15);
        let mut handled = 0;
        for _ in 0..300_000 {
            let mut digits = String::from(char::from(b'1' + numbers.next(9) as u8));
            let count = 15 + numbers.next(4);
            numbers.digits(&mut digits, count);
            let point = numbers.next(digits.len() as u64) as usize + 1;
            let mut literal = format!("{}.{}", &digits[..point], &digits[point..]);
            literal = literal.trim_end_matches('.').to_owned();
            if numbers.next(3) == 0 {
                literal.push_str(&format!("e{}", numbers.next(8) as i64 - 4));
            }
            let std: f64 = literal.parse().unwrap();
            // Beyond 10^-19 the literal is the fallback's.
            let Some((path, value)) = own_path(&literal) else {
                continue;
            };
            assert_eq!(value.to_bits(), std.to_bits(), "{literal} ({path} path)");
            handled += 1;
        }
        assert!(handled > 250_000, "{handled}");
    }

    /// Halfway cases and the edges of each path.
    #[test]
    fn the_paths_stop_where_their_arithmetic_stops_being_exact() {
        let table = [
            ("0", Some("float")),
            ("-0", Some("float")),
            ("-0.0e5", Some("float")),
            ("123456789012345", Some("float")),
            ("1234567890123456", Some("integer")),
            ("0.0000000000000000000001", Some("float")),
            ("1e22", Some("float")),
            ("1e23", None),
            ("1E+19", Some("float")),
            ("12.5e-3", Some("float")),
            ("-122.41983177253881", Some("integer")),
            ("9007199254740993", Some("integer")),
            ("9007199254740993e3", Some("integer")),
            ("9007199254740992.5", Some("integer")),
            ("1.7976931348623157e19", Some("integer")),
            ("1700000000123456789", Some("integer")),
            ("0.00000000000000000001234567890123456", None),
            ("17000000001234567890", None),
            ("1.23456789012345678e-20", None),
            ("1e99999", None),
        ];
        for (literal, path) in table {
            let std: f64 = literal.parse().unwrap();
            assert_eq!(own_path(literal).map(|(p, _)| p), path, "{literal}");
            if let Some((_, value)) = own_path(literal) {
                assert_eq!(value.to_bits(), std.to_bits(), "{literal}");
            }
            assert_eq!(parse(literal).to_bits(), std.to_bits(), "{literal}");
        }
        assert!(parse("1e400").is_infinite());
        assert_eq!(parse("0.30000000000000001"), 0.3);
    }
}
