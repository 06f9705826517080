//! A target's retry policy: its bounds, AWS's defaults, the check, and the console's fields.
//!
//! Sources: `MaximumRetryAttempts` 0 to 185 and `MaximumEventAgeInSeconds` 60 to 86,400
//! (<https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_RetryPolicy.html>);
//! by default 185 attempts and 24 hours, and retrying stops at whichever limit is reached
//! first (<https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-retry-policy.html>).
//! The console enters the age as hours and minutes, from 00:01 to 24:00
//! (<https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html>).

use std::fmt;

use serde::{Deserialize, Serialize};

/// Most retries a rule target's policy may ask for, and the default.
pub const MAX_RETRY_ATTEMPTS: u32 = 185;
/// Default retries of a rule target.
pub const DEFAULT_RETRY_ATTEMPTS: u32 = MAX_RETRY_ATTEMPTS;
/// Shortest maximum event age, in seconds.
pub const MIN_EVENT_AGE_SECONDS: u32 = 60;
/// Longest maximum event age (24 hours), in seconds.
pub const MAX_EVENT_AGE_SECONDS: u32 = 86_400;
/// Default maximum event age of a rule target, in seconds.
pub const DEFAULT_EVENT_AGE_SECONDS: u32 = MAX_EVENT_AGE_SECONDS;

/// `Target.RetryPolicy`: how long and how often EventBridge keeps trying a target; retrying
/// stops at whichever limit is reached first. `maximum_retry_attempts: 0` means one attempt.
///
/// Missing fields read as AWS's defaults; unknown fields are refused, so a misspelt limit is
/// not silently replaced by the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RetryPolicy {
    /// `0..=185`.
    pub maximum_retry_attempts: u32,
    /// `60..=86400`, measured from the event's ingestion.
    pub maximum_event_age_seconds: u32,
}

impl Default for RetryPolicy {
    /// AWS's defaults: 185 retries and 24 hours.
    fn default() -> Self {
        RetryPolicy {
            maximum_retry_attempts: DEFAULT_RETRY_ATTEMPTS,
            maximum_event_age_seconds: DEFAULT_EVENT_AGE_SECONDS,
        }
    }
}

impl RetryPolicy {
    /// Every field outside AWS's bounds, attempts first (the API's order).
    pub fn problems(&self) -> Vec<RetryPolicyProblem> {
        let mut problems = Vec::new();
        if self.maximum_retry_attempts > MAX_RETRY_ATTEMPTS {
            problems.push(RetryPolicyProblem {
                field: RetryPolicyField::MaximumRetryAttempts,
                value: self.maximum_retry_attempts,
            });
        }
        if !(MIN_EVENT_AGE_SECONDS..=MAX_EVENT_AGE_SECONDS)
            .contains(&self.maximum_event_age_seconds)
        {
            problems.push(RetryPolicyProblem {
                field: RetryPolicyField::MaximumEventAgeSeconds,
                value: self.maximum_event_age_seconds,
            });
        }
        problems
    }
}

crate::string_enum! {
    /// A field of [`RetryPolicy`]; its name is the field's serde name, for error paths.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum RetryPolicyField {
        /// `maximum_retry_attempts`.
        MaximumRetryAttempts = "maximum_retry_attempts",
        /// `maximum_event_age_seconds`.
        MaximumEventAgeSeconds = "maximum_event_age_seconds",
    }
}

/// One field of a retry policy outside AWS's bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicyProblem {
    field: RetryPolicyField,
    value: u32,
}

impl RetryPolicyProblem {
    /// Which field.
    pub fn field(&self) -> RetryPolicyField {
        self.field
    }
}

impl fmt::Display for RetryPolicyProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.field {
            RetryPolicyField::MaximumRetryAttempts => write!(
                f,
                "Retry attempts must be between 0 and {MAX_RETRY_ATTEMPTS}; it is {}.",
                self.value
            ),
            RetryPolicyField::MaximumEventAgeSeconds => write!(
                f,
                "Maximum age of event must be between 00:01 and 24:00 (60 to 86,400 seconds); it is {} seconds.",
                self.value
            ),
        }
    }
}

/// Reads the console's `HH:MM` maximum-event-age entry (`00:01` to `24:00`) as seconds.
/// `HH:MM:SS` is accepted too, so any value [`format_event_age`] writes reads back.
pub fn parse_event_age(text: &str) -> Result<u32, String> {
    let text = text.trim();
    let shape_error = || {
        format!("Enter the maximum age of event as HH:MM, from 00:01 to 24:00; '{text}' is not in that form.")
    };
    let fields: Vec<&str> = text.split(':').collect();
    if !(2..=3).contains(&fields.len()) {
        return Err(shape_error());
    }
    let mut numbers = [0u32; 3];
    for (index, field) in fields.iter().enumerate() {
        let plausible = !field.is_empty()
            && field.len() <= 2
            && field.bytes().all(|b| b.is_ascii_digit())
            && (index == 0 || field.len() == 2);
        if !plausible {
            return Err(shape_error());
        }
        numbers[index] = field.parse().map_err(|_| shape_error())?;
    }
    let [hours, minutes, seconds] = numbers;
    if minutes > 59 || seconds > 59 {
        return Err(format!(
            "Minutes and seconds in '{text}' must be between 00 and 59."
        ));
    }
    let total = hours * 3600 + minutes * 60 + seconds;
    if !(MIN_EVENT_AGE_SECONDS..=MAX_EVENT_AGE_SECONDS).contains(&total) {
        return Err(format!(
            "Maximum age of event must be between 00:01 and 24:00; '{text}' is outside that range."
        ));
    }
    Ok(total)
}

/// Writes seconds as `HH:MM`, or `HH:MM:SS` when they are not whole minutes (possible only for
/// values set through the API, never through the console field).
pub fn format_event_age(seconds: u32) -> String {
    let (hours, minutes, rest) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if rest == 0 {
        format!("{hours:02}:{minutes:02}")
    } else {
        format!("{hours:02}:{minutes:02}:{rest:02}")
    }
}

/// Reads the retry-attempts entry (0 to 185).
pub fn parse_retry_attempts(text: &str) -> Result<u32, String> {
    let text = text.trim();
    match text.parse::<u32>() {
        Ok(n) if n <= MAX_RETRY_ATTEMPTS && text.bytes().all(|b| b.is_ascii_digit()) => Ok(n),
        _ => Err(format!(
            "Retry attempts must be a whole number between 0 and {MAX_RETRY_ATTEMPTS}; '{text}' is not."
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_24_hours_and_185_attempts() {
        let policy = RetryPolicy::default();
        assert_eq!(policy.maximum_event_age_seconds, 86_400);
        assert_eq!(policy.maximum_retry_attempts, 185);
        assert_eq!(format_event_age(policy.maximum_event_age_seconds), "24:00");
        assert!(policy.problems().is_empty());
    }

    #[test]
    fn problems_table() {
        use RetryPolicyField::*;
        let table: &[(u32, u32, &[RetryPolicyField], &str)] = &[
            (0, 60, &[], ""),
            (185, 86_400, &[], ""),
            (
                186,
                60,
                &[MaximumRetryAttempts],
                "between 0 and 185; it is 186.",
            ),
            (0, 59, &[MaximumEventAgeSeconds], "it is 59 seconds"),
            (0, 86_401, &[MaximumEventAgeSeconds], "60 to 86,400 seconds"),
            (
                u32::MAX,
                0,
                &[MaximumRetryAttempts, MaximumEventAgeSeconds],
                "4294967295",
            ),
        ];
        for &(attempts, age, fields, message) in table {
            let problems = RetryPolicy {
                maximum_retry_attempts: attempts,
                maximum_event_age_seconds: age,
            }
            .problems();
            let found: Vec<RetryPolicyField> = problems.iter().map(|p| p.field()).collect();
            assert_eq!(found, fields, "{attempts} {age}");
            if let Some(first) = problems.first() {
                assert!(first.to_string().contains(message), "{first}");
            }
        }
        assert_eq!(MaximumEventAgeSeconds.as_str(), "maximum_event_age_seconds");
    }

    #[test]
    fn serde_fills_defaults_and_refuses_unknown_fields() {
        let policy: RetryPolicy = serde_json::from_str(r#"{"maximum_retry_attempts": 3}"#).unwrap();
        assert_eq!(policy.maximum_retry_attempts, 3);
        assert_eq!(policy.maximum_event_age_seconds, 86_400);
        assert!(serde_json::from_str::<RetryPolicy>(r#"{"maximum_retry_atempts": 3}"#).is_err());
        assert_eq!(
            serde_json::to_string(&RetryPolicy::default()).unwrap(),
            r#"{"maximum_retry_attempts":185,"maximum_event_age_seconds":86400}"#
        );
    }

    #[test]
    fn parse_event_age_table() {
        let table: &[(&str, Result<u32, &str>)] = &[
            ("00:01", Ok(60)),
            ("24:00", Ok(86_400)),
            ("01:30", Ok(5_400)),
            ("1:30", Ok(5_400)),
            (" 12:00 ", Ok(43_200)),
            ("00:01:30", Ok(90)),
            ("00:00", Err("outside that range")),
            ("00:00:59", Err("outside that range")),
            ("24:01", Err("outside that range")),
            ("25:00", Err("outside that range")),
            ("99:59", Err("outside that range")),
            ("00:60", Err("between 00 and 59")),
            ("1:5", Err("HH:MM")),
            ("130", Err("HH:MM")),
            ("", Err("HH:MM")),
            ("01:", Err("HH:MM")),
            (":30", Err("HH:MM")),
            ("-1:30", Err("HH:MM")),
            ("+1:30", Err("HH:MM")),
            ("01:30:00:00", Err("HH:MM")),
            ("\u{ff11}:30", Err("HH:MM")),
            ("100:00", Err("HH:MM")),
        ];
        for (text, expected) in table {
            match (parse_event_age(text), expected) {
                (Ok(got), Ok(want)) => assert_eq!(got, *want, "{text}"),
                (Err(message), Err(fragment)) => {
                    assert!(message.contains(fragment), "{text}: {message}")
                }
                (got, want) => panic!("{text}: got {got:?}, want {want:?}"),
            }
        }
    }

    #[test]
    fn format_then_parse_round_trips_over_the_whole_range() {
        for seconds in (MIN_EVENT_AGE_SECONDS..=MAX_EVENT_AGE_SECONDS).step_by(7) {
            assert_eq!(
                parse_event_age(&format_event_age(seconds)),
                Ok(seconds),
                "{seconds}"
            );
        }
        assert_eq!(format_event_age(60), "00:01");
        assert_eq!(format_event_age(5_400), "01:30");
        assert_eq!(format_event_age(90), "00:01:30");
    }

    #[test]
    fn parse_retry_attempts_table() {
        let table: &[(&str, Option<u32>)] = &[
            ("0", Some(0)),
            ("185", Some(185)),
            (" 24 ", Some(24)),
            ("186", None),
            ("-1", None),
            ("+5", None),
            ("", None),
            ("1.5", None),
            ("99999999999999999999", None),
        ];
        for (text, expected) in table {
            assert_eq!(parse_retry_attempts(text).ok(), *expected, "{text}");
        }
    }
}
