//! A target's retry policy and the console's `HH:MM` maximum-event-age field.

use serde::{Deserialize, Serialize};

pub const MIN_EVENT_AGE_SECONDS: u32 = 60;
pub const MAX_EVENT_AGE_SECONDS: u32 = 86_400;
pub const MAX_RETRY_ATTEMPTS: u32 = 185;

/// How long and how often EventBridge keeps trying a target; retrying stops at whichever limit
/// is reached first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RetryPolicy {
    pub maximum_event_age_seconds: u32,
    pub maximum_retry_attempts: u32,
}

impl Default for RetryPolicy {
    /// AWS's defaults: 24 hours and 185 attempts.
    fn default() -> Self {
        RetryPolicy {
            maximum_event_age_seconds: MAX_EVENT_AGE_SECONDS,
            maximum_retry_attempts: MAX_RETRY_ATTEMPTS,
        }
    }
}

impl RetryPolicy {
    /// Per-field messages; `prefix` is the field path of the policy, e.g. `targets[0].retry_policy`.
    pub(crate) fn check(&self, prefix: &str, errors: &mut crate::FieldErrors) {
        if !(MIN_EVENT_AGE_SECONDS..=MAX_EVENT_AGE_SECONDS)
            .contains(&self.maximum_event_age_seconds)
        {
            errors.push(
                format!("{prefix}.maximum_event_age_seconds"),
                format!(
                    "Maximum age of event must be between 00:01 and 24:00 (60 to 86,400 seconds); it is {} seconds.",
                    self.maximum_event_age_seconds
                ),
            );
        }
        if self.maximum_retry_attempts > MAX_RETRY_ATTEMPTS {
            errors.push(
                format!("{prefix}.maximum_retry_attempts"),
                format!(
                    "Retry attempts must be between 0 and 185; it is {}.",
                    self.maximum_retry_attempts
                ),
            );
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
            "Retry attempts must be a whole number between 0 and 185; '{text}' is not."
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
            ("１:30", Err("HH:MM")),
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

    #[test]
    fn out_of_range_policies_name_their_field() {
        let table = [
            (
                59,
                0,
                Some("targets[2].retry_policy.maximum_event_age_seconds"),
            ),
            (
                86_401,
                0,
                Some("targets[2].retry_policy.maximum_event_age_seconds"),
            ),
            (
                60,
                186,
                Some("targets[2].retry_policy.maximum_retry_attempts"),
            ),
            (60, 0, None),
            (86_400, 185, None),
        ];
        for (age, attempts, field) in table {
            let mut errors = crate::FieldErrors::new();
            RetryPolicy {
                maximum_event_age_seconds: age,
                maximum_retry_attempts: attempts,
            }
            .check("targets[2].retry_policy", &mut errors);
            let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
            assert_eq!(
                fields,
                field.into_iter().collect::<Vec<_>>(),
                "{age} {attempts}"
            );
        }
    }
}
