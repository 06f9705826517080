//! AWS account ids.
//!
//! Source: an account id is a 12-digit number
//! (<https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-identifiers.html>); the
//! EventBridge API writes the same rule as the pattern `\d{12}` (for example `Account` of
//! <https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_CreatePartnerEventSource.html>).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The pattern AWS's API documents for account ids, for messages that quote it.
pub const ACCOUNT_ID_PATTERN: &str = r"\d{12}";

/// How many digits an account id has.
pub const ACCOUNT_ID_DIGITS: usize = 12;

/// True for exactly twelve ASCII digits, the only shape of an AWS account id.
pub fn is_account_id(text: &str) -> bool {
    text.len() == ACCOUNT_ID_DIGITS && text.bytes().all(|b| b.is_ascii_digit())
}

/// A valid AWS account id. Serialises as its 12-digit string.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AccountId([u8; ACCOUNT_ID_DIGITS]);

impl AccountId {
    /// Exactly twelve ASCII digits, nothing around them.
    pub fn parse(text: &str) -> Result<AccountId, AccountIdError> {
        if let Some(bad) = text.chars().find(|c| !c.is_ascii_digit()) {
            return Err(AccountIdError::new(ErrorKind::NotADigit(bad)));
        }
        Self::from_digits(text.bytes(), text.len())
    }

    /// An account id as people type it: the console shows ids as `1234-5678-9012`, so dashes
    /// and spaces between the digits are dropped, and so is surrounding white space.
    pub fn parse_console_input(text: &str) -> Result<AccountId, AccountIdError> {
        let text = text.trim();
        if let Some(bad) = text
            .chars()
            .find(|&c| !(c.is_ascii_digit() || c == '-' || c == ' '))
        {
            return Err(AccountIdError::new(ErrorKind::NotADigit(bad)));
        }
        let digits = text.bytes().filter(u8::is_ascii_digit);
        let count = digits.clone().count();
        Self::from_digits(digits, count)
    }

    /// `digits` yields `count` ASCII digits; only the first twelve are kept, so a huge input
    /// costs no memory.
    fn from_digits(
        digits: impl Iterator<Item = u8>,
        count: usize,
    ) -> Result<AccountId, AccountIdError> {
        match count {
            0 => Err(AccountIdError::new(ErrorKind::Empty)),
            ACCOUNT_ID_DIGITS => {
                let mut id = [0u8; ACCOUNT_ID_DIGITS];
                for (slot, digit) in id.iter_mut().zip(digits) {
                    *slot = digit;
                }
                Ok(AccountId(id))
            }
            other => Err(AccountIdError::new(ErrorKind::WrongLength(other))),
        }
    }

    /// The twelve digits.
    pub fn as_str(&self) -> &str {
        // Only ASCII digits are ever stored.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }
}

impl fmt::Display for AccountId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for AccountId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AccountId({})", self.as_str())
    }
}

impl FromStr for AccountId {
    type Err = AccountIdError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        AccountId::parse(text)
    }
}

impl Serialize for AccountId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for AccountId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        AccountId::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// Why a text is not an account id. Its message says what is wrong in words a console user
/// understands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountIdError {
    kind: ErrorKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ErrorKind {
    Empty,
    /// The first character that is not a digit (nor, for console input, a separator).
    NotADigit(char),
    /// How many digits there are instead of twelve.
    WrongLength(usize),
}

impl AccountIdError {
    fn new(kind: ErrorKind) -> Self {
        AccountIdError { kind }
    }

    /// True when there was nothing but white space and separators.
    pub fn is_empty(&self) -> bool {
        self.kind == ErrorKind::Empty
    }

    /// How many digits the text had, when the only problem is their number.
    pub fn digit_count(&self) -> Option<usize> {
        match self.kind {
            ErrorKind::WrongLength(count) => Some(count),
            _ => None,
        }
    }
}

impl fmt::Display for AccountIdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            ErrorKind::Empty => f.write_str("Enter your AWS account ID: 12 digits."),
            ErrorKind::NotADigit(c) if c.is_control() || c.is_whitespace() => {
                f.write_str("An AWS account ID has only digits; remove the invisible character.")
            }
            ErrorKind::NotADigit(c) => write!(
                f,
                "An AWS account ID has only digits; \u{201c}{c}\u{201d} is not one."
            ),
            ErrorKind::WrongLength(count) => {
                let noun = if count == 1 { "digit" } else { "digits" };
                write!(
                    f,
                    "An AWS account ID has exactly 12 digits; this one has {count} {noun}."
                )
            }
        }
    }
}

impl std::error::Error for AccountIdError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_parse_table() {
        let table: &[(&str, Result<&str, &str>)] = &[
            ("123456789012", Ok("123456789012")),
            ("000000000000", Ok("000000000000")),
            ("", Err("Enter your AWS account ID")),
            ("12345678901", Err("this one has 11 digits")),
            ("1234567890123", Err("this one has 13 digits")),
            ("1", Err("this one has 1 digit.")),
            ("12345678901a", Err("\u{201c}a\u{201d} is not one")),
            ("1234-5678-9012", Err("\u{201c}-\u{201d} is not one")),
            (" 123456789012", Err("invisible character")),
            ("１２３４５６７８９０１２", Err("is not one")),
            ("12345678901\u{200b}", Err("is not one")),
        ];
        for (text, expected) in table {
            match (AccountId::parse(text), expected) {
                (Ok(id), Ok(want)) => {
                    assert_eq!(id.as_str(), *want);
                    assert!(is_account_id(text), "{text:?}");
                }
                (Err(error), Err(fragment)) => {
                    assert!(error.to_string().contains(fragment), "{text:?}: {error}");
                    assert!(!is_account_id(text), "{text:?}");
                }
                (got, want) => panic!("{text:?}: got {got:?}, want {want:?}"),
            }
        }
    }

    #[test]
    fn console_input_drops_separators() {
        let table: &[(&str, Result<&str, &str>)] = &[
            ("1234-5678-9012", Ok("123456789012")),
            ("  1234 5678 9012\n", Ok("123456789012")),
            ("123456789012", Ok("123456789012")),
            ("- -", Err("Enter your AWS account ID")),
            ("1234-5678-901", Err("this one has 11 digits")),
            ("1234_5678_9012", Err("\u{201c}_\u{201d} is not one")),
            ("1234\t5678", Err("invisible character")),
        ];
        for (text, expected) in table {
            match (AccountId::parse_console_input(text), expected) {
                (Ok(id), Ok(want)) => assert_eq!(id.as_str(), *want),
                (Err(error), Err(fragment)) => {
                    assert!(error.to_string().contains(fragment), "{text:?}: {error}")
                }
                (got, want) => panic!("{text:?}: got {got:?}, want {want:?}"),
            }
        }
    }

    #[test]
    fn a_huge_input_is_counted_not_kept() {
        let error = AccountId::parse_console_input(&"9".repeat(1_000_000)).unwrap_err();
        assert_eq!(error.digit_count(), Some(1_000_000));
        assert!(!error.is_empty());
    }

    #[test]
    fn serde_is_the_digit_string_and_refuses_anything_else() {
        let id = AccountId::parse("111122223333").unwrap();
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"111122223333\"");
        assert_eq!(
            serde_json::from_str::<AccountId>("\"111122223333\"").unwrap(),
            id
        );
        for bad in ["\"1111-2222-3333\"", "\"\"", "111122223333", "null"] {
            assert!(serde_json::from_str::<AccountId>(bad).is_err(), "{bad}");
        }
        assert_eq!(
            format!("{id} {id:?}"),
            "111122223333 AccountId(111122223333)"
        );
    }
}
