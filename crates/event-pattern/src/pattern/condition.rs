//! The compiled conditions of a pattern leaf, and how each judges one event value.

use super::ip::{parse_ip, CidrRange, IpAddress};
use super::text::{CaseInsensitive, Wildcard};
use crate::json::{quote, ValueKind};
use serde::Serialize;
use std::fmt;

/// One element of a pattern leaf array: a value to equal, or an operator.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Condition {
    /// `"text"`: equal strings (an IP address literal also equals other spellings of the address).
    ExactString {
        /// The string to equal.
        value: String,
        /// The address, when the string is an IP address literal.
        #[serde(skip)]
        ip: Option<IpAddressValue>,
    },
    /// `{"exactly": "text"}` (event-ruler's literal form): byte-equal strings, no IP handling.
    Exactly {
        /// The string to equal.
        value: String,
    },
    /// `123`: numerically equal numbers (or the very same literal when it does not fit a double).
    ExactNumber {
        /// The number as written in the pattern.
        literal: String,
        /// Its value, when it fits a double.
        value: Option<f64>,
    },
    /// `true` or `false`: the same boolean.
    ExactBool {
        /// The boolean to equal.
        value: bool,
    },
    /// `null`: a `null` value (not a missing one).
    ExactNull,
    /// `{"prefix": "text"}`: strings starting with the text.
    Prefix {
        /// The start to look for.
        value: String,
    },
    /// `{"prefix": {"equals-ignore-case": "text"}}`: strings starting with the text in any case.
    PrefixIgnoreCase {
        /// The start to look for.
        value: CaseInsensitive,
    },
    /// `{"suffix": "text"}`: strings ending with the text.
    Suffix {
        /// The end to look for.
        value: String,
    },
    /// `{"suffix": {"equals-ignore-case": "text"}}`: strings ending with the text in any case.
    SuffixIgnoreCase {
        /// The end to look for.
        value: CaseInsensitive,
    },
    /// `{"equals-ignore-case": "text"}`: strings equal to the text in any case.
    EqualsIgnoreCase {
        /// The text to equal.
        value: CaseInsensitive,
    },
    /// `{"wildcard": "a*b"}`: strings the wildcard describes.
    Wildcard {
        /// The parsed wildcard.
        value: Wildcard,
    },
    /// `{"numeric": [">", 0, "<=", 5]}`: numbers in the range.
    Numeric {
        /// The interval.
        range: NumericRange,
    },
    /// `{"cidr": "10.0.0.0/24"}`: IP address strings in the network.
    Cidr {
        /// The network.
        range: CidrRange,
    },
    /// `{"exists": true}` matches any value; `{"exists": false}` is satisfied by absence.
    Exists {
        /// Whether the field must be present.
        value: bool,
    },
    /// `{"anything-but": …}`: any value the exclusion does not rule out.
    AnythingBut {
        /// What is ruled out.
        excluded: Exclusion,
    },
}

/// An IP address parsed from an exact-match string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IpAddressValue(pub(crate) IpAddress);

/// What an `anything-but` excludes.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", content = "values", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Exclusion {
    /// These strings (`{"anything-but": ["a", "b"]}`).
    Strings(Vec<String>),
    /// These numbers, compared numerically.
    Numbers(Vec<f64>),
    /// Strings with one of these starts (`{"anything-but": {"prefix": …}}`).
    Prefixes(Vec<String>),
    /// Strings with one of these ends (`{"anything-but": {"suffix": …}}`).
    Suffixes(Vec<String>),
    /// Strings equal to one of these in any case.
    EqualsIgnoreCase(Vec<CaseInsensitive>),
    /// Strings one of these wildcards describes.
    Wildcards(Vec<Wildcard>),
}

/// A numeric interval; `=` is the closed interval `[v, v]`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct NumericRange {
    /// The lower end, if any.
    pub lower: Option<Bound>,
    /// The upper end, if any.
    pub upper: Option<Bound>,
}

/// One end of a [`NumericRange`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Bound {
    /// Where the range ends.
    pub value: f64,
    /// Whether `value` itself is in the range (`>=`, `<=`, `=`).
    pub inclusive: bool,
}

impl NumericRange {
    /// Is the number in the interval?
    pub fn contains(&self, n: f64) -> bool {
        let above = self.lower.is_none_or(|b| {
            if b.inclusive {
                n >= b.value
            } else {
                n > b.value
            }
        });
        let below = self.upper.is_none_or(|b| {
            if b.inclusive {
                n <= b.value
            } else {
                n < b.value
            }
        });
        above && below
    }
}

impl Condition {
    pub(crate) fn exact_string(value: String) -> Condition {
        let ip = parse_ip(&value).map(IpAddressValue);
        Condition::ExactString { value, ip }
    }

    /// `exists: false`, which no present value satisfies.
    pub fn is_absence(&self) -> bool {
        matches!(self, Condition::Exists { value: false })
    }

    /// Does this condition accept the event value? (Absence is judged by the matcher, not here.)
    pub fn accepts(&self, value: &ValueKind) -> bool {
        self.accepts_scalar(ScalarRef::of(value))
    }

    /// [`Condition::accepts`] on a borrowed value: the one definition both matchers use.
    pub(crate) fn accepts_scalar(&self, value: ScalarRef<'_>) -> bool {
        let string = match value {
            ScalarRef::String(s) => Some(s),
            _ => None,
        };
        match self {
            Condition::ExactString { value: want, ip } => string.is_some_and(|s| {
                s == want || ip.is_some_and(|IpAddressValue(ip)| parse_ip(s) == Some(ip))
            }),
            Condition::Exactly { value: want } => string == Some(want.as_str()),
            Condition::ExactNumber {
                literal,
                value: want,
            } => match value {
                ScalarRef::Number {
                    literal: text,
                    value: n,
                } => text == literal || want.is_some_and(|w| finite(n) == Some(w)),
                _ => false,
            },
            Condition::ExactBool { value: want } => value == ScalarRef::Bool(*want),
            Condition::ExactNull => value == ScalarRef::Null,
            Condition::Prefix { value: p } => string.is_some_and(|s| s.starts_with(p.as_str())),
            Condition::PrefixIgnoreCase { value: p } => string.is_some_and(|s| p.is_prefix_of(s)),
            Condition::Suffix { value: p } => string.is_some_and(|s| s.ends_with(p.as_str())),
            Condition::SuffixIgnoreCase { value: p } => string.is_some_and(|s| p.is_suffix_of(s)),
            Condition::EqualsIgnoreCase { value: p } => string.is_some_and(|s| p.equals(s)),
            Condition::Wildcard { value: w } => string.is_some_and(|s| w.matches(s)),
            Condition::Numeric { range } => match value {
                ScalarRef::Number { value: n, .. } => finite(n).is_some_and(|v| range.contains(v)),
                _ => false,
            },
            Condition::Cidr { range } => string.is_some_and(|s| range.contains(s)),
            Condition::Exists { value: present } => *present,
            Condition::AnythingBut { excluded } => !excluded.excludes_scalar(value),
        }
    }
}

/// An event value as the conditions see it, borrowed from wherever it was read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum ScalarRef<'a> {
    String(&'a str),
    /// The literal as written and its value as a double (infinite or NaN when it does not fit).
    Number {
        literal: &'a str,
        value: f64,
    },
    Bool(bool),
    Null,
    /// An array or object: only `exists: true` and `anything-but` accept it.
    Container,
}

impl<'a> ScalarRef<'a> {
    pub(crate) fn of(value: &'a ValueKind) -> ScalarRef<'a> {
        match value {
            ValueKind::String(s) => ScalarRef::String(s),
            ValueKind::Number(n) => ScalarRef::Number {
                literal: &n.literal,
                value: comparable_number(&n.literal).unwrap_or(f64::NAN),
            },
            ValueKind::Bool(b) => ScalarRef::Bool(*b),
            ValueKind::Null => ScalarRef::Null,
            ValueKind::Array(_) | ValueKind::Object(_) => ScalarRef::Container,
        }
    }
}

/// Numbers that overflow a double never compare.
fn finite(n: f64) -> Option<f64> {
    n.is_finite().then_some(n)
}

/// A JSON number's value, if event-ruler compares it as a number: the nearest double must be the
/// number exactly, written the shortest way (`ComparableNumber.generate` checks that
/// `BigDecimal.valueOf(double)` equals the literal). `0.1`, `300`, `3e2`, `1.50` compare;
/// `12345678901234567890`, `0.30000000000000001` and `1e400` do not, and then match only the same
/// literal.
pub(crate) fn comparable_number(literal: &str) -> Option<f64> {
    let value: f64 = literal.parse().ok()?;
    if !value.is_finite() {
        return None;
    }
    // Up to 15 significant digits, a decimal survives the trip through a double (DBL_DIG), so
    // it is its double's shortest form: no need to print the double (subnormals excepted).
    let mantissa = literal.split(['e', 'E']).next().unwrap_or(literal);
    let significant = mantissa
        .bytes()
        .filter(u8::is_ascii_digit)
        .skip_while(|&d| d == b'0')
        .count();
    if significant <= 15 && (value == 0.0 || value.abs() >= 1e-300) {
        return Some(value);
    }
    (decimal_digits(literal)? == decimal_digits(&format!("{value:e}"))?).then_some(value)
}

/// A decimal number as (negative, significant digits, exponent of the first digit), zero as
/// empty digits: two texts with equal results are the same number.
fn decimal_digits(text: &str) -> Option<(bool, String, i64)> {
    let (negative, text) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(at) => (&text[..at], text[at + 1..].parse::<i64>().ok()?),
        None => (text, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits: String = whole.chars().chain(fraction.chars()).collect();
    let leading = digits.len() - digits.trim_start_matches('0').len();
    let significant = digits.trim_matches('0');
    if significant.is_empty() {
        return Some((false, String::new(), 0));
    }
    // The first significant digit's place, as a power of ten.
    let place = whole.len() as i64 - leading as i64 - 1 + exponent;
    Some((negative, significant.to_owned(), place))
}

impl Exclusion {
    /// Is this value one that `anything-but` rules out? Values of another type are never excluded,
    /// so `null`, booleans and numbers pass a string exclusion, and strings pass a numeric one.
    pub fn excludes(&self, value: &ValueKind) -> bool {
        self.excludes_scalar(ScalarRef::of(value))
    }

    pub(crate) fn excludes_scalar(&self, value: ScalarRef<'_>) -> bool {
        match (self, value) {
            (Exclusion::Strings(list), ScalarRef::String(s)) => list.iter().any(|x| x == s),
            (Exclusion::Numbers(list), ScalarRef::Number { value, .. }) => {
                finite(value).is_some_and(|v| list.contains(&v))
            }
            (Exclusion::Prefixes(list), ScalarRef::String(s)) => {
                list.iter().any(|p| s.starts_with(p.as_str()))
            }
            (Exclusion::Suffixes(list), ScalarRef::String(s)) => {
                list.iter().any(|p| s.ends_with(p.as_str()))
            }
            (Exclusion::EqualsIgnoreCase(list), ScalarRef::String(s)) => {
                list.iter().any(|p| p.equals(s))
            }
            (Exclusion::Wildcards(list), ScalarRef::String(s)) => list.iter().any(|w| w.matches(s)),
            _ => false,
        }
    }
}

fn format_number(n: f64) -> String {
    // Integral values print without a fraction; others in Rust's shortest round-trip form.
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

fn list<T>(items: &[T], show: impl Fn(&T) -> String) -> String {
    if items.len() == 1 {
        show(&items[0])
    } else {
        format!(
            "[{}]",
            items.iter().map(show).collect::<Vec<_>>().join(", ")
        )
    }
}

/// A short human description, e.g. `prefix "aws."` or `numeric > 0 and <= 5`.
impl fmt::Display for Condition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Condition::ExactString { value, .. } => write!(f, "exact {}", quote(value)),
            Condition::Exactly { value } => write!(f, "exactly {}", quote(value)),
            Condition::ExactNumber { literal, .. } => write!(f, "exact {literal}"),
            Condition::ExactBool { value } => write!(f, "exact {value}"),
            Condition::ExactNull => f.write_str("exact null"),
            Condition::Prefix { value } => write!(f, "prefix {}", quote(value)),
            Condition::PrefixIgnoreCase { value } => {
                write!(f, "prefix (ignoring case) {}", quote(value.as_str()))
            }
            Condition::Suffix { value } => write!(f, "suffix {}", quote(value)),
            Condition::SuffixIgnoreCase { value } => {
                write!(f, "suffix (ignoring case) {}", quote(value.as_str()))
            }
            Condition::EqualsIgnoreCase { value } => {
                write!(f, "equals-ignore-case {}", quote(value.as_str()))
            }
            Condition::Wildcard { value } => write!(f, "wildcard {}", quote(value.as_str())),
            Condition::Numeric { range } => {
                f.write_str("numeric")?;
                match (range.lower, range.upper) {
                    (Some(l), Some(u)) if l.inclusive && u.inclusive && l.value == u.value => {
                        return write!(f, " = {}", format_number(l.value))
                    }
                    _ => {}
                }
                if let Some(l) = range.lower {
                    write!(
                        f,
                        " {} {}",
                        if l.inclusive { ">=" } else { ">" },
                        format_number(l.value)
                    )?;
                }
                if let Some(u) = range.upper {
                    if range.lower.is_some() {
                        f.write_str(" and")?;
                    }
                    write!(
                        f,
                        " {} {}",
                        if u.inclusive { "<=" } else { "<" },
                        format_number(u.value)
                    )?;
                }
                Ok(())
            }
            Condition::Cidr { range } => write!(f, "cidr {}", range.as_str()),
            Condition::Exists { value } => write!(f, "exists {value}"),
            Condition::AnythingBut { excluded } => {
                f.write_str("anything-but ")?;
                match excluded {
                    Exclusion::Strings(v) => f.write_str(&list(v, |s| quote(s))),
                    Exclusion::Numbers(v) => f.write_str(&list(v, |n| format_number(*n))),
                    Exclusion::Prefixes(v) => write!(f, "prefix {}", list(v, |s| quote(s))),
                    Exclusion::Suffixes(v) => write!(f, "suffix {}", list(v, |s| quote(s))),
                    Exclusion::EqualsIgnoreCase(v) => {
                        write!(f, "equals-ignore-case {}", list(v, |s| quote(s.as_str())))
                    }
                    Exclusion::Wildcards(v) => {
                        write!(f, "wildcard {}", list(v, |s| quote(s.as_str())))
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::comparable_number;

    /// event-ruler compares a number numerically only if a double holds it exactly, in its
    /// shortest form (`ComparableNumber.generate`); others match only the same literal.
    #[test]
    fn regression_numbers_compare_only_when_a_double_holds_them_exactly() {
        let comparable = [
            ("300", 300.0),
            ("3e2", 300.0),
            ("300.0", 300.0),
            ("1.50", 1.5),
            ("0.1", 0.1),
            ("-0", 0.0),
            ("0.001", 0.001),
            ("1E-3", 0.001),
            ("123456789012", 123456789012.0),
            ("5e9", 5e9),
        ];
        for (literal, value) in comparable {
            assert_eq!(comparable_number(literal), Some(value), "{literal}");
        }
        for literal in [
            "12345678901234567890",
            "123456789012345678901",
            "0.30000000000000001",
            "1e400",
            "-1e400",
            "9007199254740993",
            "9007199254740993e-3",
        ] {
            assert_eq!(comparable_number(literal), None, "{literal}");
        }
    }
}
