//! The menus of the simulator's settings: which failure a target answers with, which jitter the
//! backoff uses, and the unit of an event rate. Each choice maps to the simulator's own value
//! and says in words what it is, so every front end offers the same choices with the same labels.

use crate::{Jitter, NonRetryableError, RetryableError};

aws_model::string_enum! {
    /// The unit of an [`EventRate`](super::EventRate): events per second, minute or hour.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum RateUnit {
        Second = "second",
        Minute = "minute",
        Hour = "hour",
    }
}

impl RateUnit {
    pub fn seconds(self) -> u32 {
        match self {
            RateUnit::Second => 1,
            RateUnit::Minute => 60,
            RateUnit::Hour => 3600,
        }
    }
}

aws_model::string_enum! {
    /// Failures EventBridge retries, as the settings offer them.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum RetryableChoice {
        ServerError = "server_error",
        Throttling = "throttling",
        Timeout = "timeout",
        ConnectionFailure = "connection_failure",
        Http429 = "http_429",
        Http500 = "http_500",
        Http503 = "http_503",
    }
}

impl RetryableChoice {
    /// What a menu says: a few words, then the `ERROR_CODE` the simulator reports for it.
    pub fn label(self) -> String {
        let words = match self {
            RetryableChoice::ServerError => "Service error",
            RetryableChoice::Throttling => "Throttled by the target",
            RetryableChoice::Timeout => "No answer within 5 s",
            RetryableChoice::ConnectionFailure => "Connection failure",
            RetryableChoice::Http429 => "HTTP 429 Too Many Requests",
            RetryableChoice::Http500 => "HTTP 500 Internal Server Error",
            RetryableChoice::Http503 => "HTTP 503 Service Unavailable",
        };
        format!("{words} ({})", self.error().code())
    }

    /// HTTP answers only come from API destinations.
    pub fn is_http(self) -> bool {
        self.error().http_status().is_some()
    }

    /// The choices that make sense for a target that is (or is not) an API destination.
    pub fn offered(api_destination: bool) -> Vec<RetryableChoice> {
        RetryableChoice::ALL
            .into_iter()
            .filter(|choice| api_destination || !choice.is_http())
            .collect()
    }

    /// The failure the simulator produces for this choice.
    pub fn error(self) -> RetryableError {
        use RetryableError as E;
        match self {
            RetryableChoice::ServerError => E::ServerError,
            RetryableChoice::Throttling => E::Throttling,
            RetryableChoice::Timeout => E::Timeout,
            RetryableChoice::ConnectionFailure => E::ConnectionFailure,
            RetryableChoice::Http429 => E::HttpStatus(429),
            RetryableChoice::Http500 => E::HttpStatus(500),
            RetryableChoice::Http503 => E::HttpStatus(503),
        }
    }
}

aws_model::string_enum! {
    /// Failures EventBridge does not retry, as the settings offer them.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum NonRetryableChoice {
        NoPermissions = "no_permissions",
        NoResource = "no_resource",
        Http400 = "http_400",
        Http401 = "http_401",
        Http403 = "http_403",
        Http404 = "http_404",
    }
}

impl NonRetryableChoice {
    /// What a menu says: a few words, then the `ERROR_CODE` the simulator reports for it.
    pub fn label(self) -> String {
        let words = match self {
            NonRetryableChoice::NoPermissions => "Missing permissions",
            NonRetryableChoice::NoResource => "Target no longer exists",
            NonRetryableChoice::Http400 => "HTTP 400 Bad Request",
            NonRetryableChoice::Http401 => "HTTP 401 Unauthorized",
            NonRetryableChoice::Http403 => "HTTP 403 Forbidden",
            NonRetryableChoice::Http404 => "HTTP 404 Not Found",
        };
        format!("{words} ({})", self.error().code())
    }

    /// HTTP answers only come from API destinations.
    pub fn is_http(self) -> bool {
        self.error().http_status().is_some()
    }

    /// The choices that make sense for a target that is (or is not) an API destination.
    pub fn offered(api_destination: bool) -> Vec<NonRetryableChoice> {
        NonRetryableChoice::ALL
            .into_iter()
            .filter(|choice| api_destination || !choice.is_http())
            .collect()
    }

    /// The failure the simulator produces for this choice.
    pub fn error(self) -> NonRetryableError {
        use NonRetryableError as E;
        match self {
            NonRetryableChoice::NoPermissions => E::NoPermissions,
            NonRetryableChoice::NoResource => E::NoResource,
            NonRetryableChoice::Http400 => E::HttpStatus(400),
            NonRetryableChoice::Http401 => E::HttpStatus(401),
            NonRetryableChoice::Http403 => E::HttpStatus(403),
            NonRetryableChoice::Http404 => E::HttpStatus(404),
        }
    }
}

aws_model::string_enum! {
    /// Which jitter the backoff uses (see [`Jitter`]).
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub enum JitterChoice {
        #[default]
        Equal = "equal",
        Full = "full",
        None = "none",
    }
}

impl JitterChoice {
    pub fn label(self) -> &'static str {
        match self {
            JitterChoice::Equal => "Equal jitter: half the delay plus a random half (default)",
            JitterChoice::Full => "Full jitter: anything from zero to the delay",
            JitterChoice::None => "No jitter: exactly the delay",
        }
    }

    /// The jitter the simulator's backoff uses for this choice.
    pub fn jitter(self) -> Jitter {
        match self {
            JitterChoice::Equal => Jitter::Equal,
            JitterChoice::Full => Jitter::Full,
            JitterChoice::None => Jitter::None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;

    /// Regression: the menus wrote the error codes by hand ("HTTP 503 Service Unavailable"
    /// while the simulator reports SDK_CLIENT_ERROR); each label now ends with the code the
    /// simulator reports for the choice.
    #[test]
    fn labels_end_with_the_simulators_error_code() {
        for choice in RetryableChoice::ALL {
            let code = choice.error().code().as_str();
            assert!(
                choice.label().ends_with(&format!("({code})")),
                "{}",
                choice.label()
            );
        }
        for choice in NonRetryableChoice::ALL {
            let code = choice.error().code().as_str();
            assert!(
                choice.label().ends_with(&format!("({code})")),
                "{}",
                choice.label()
            );
        }
        assert_eq!(
            RetryableChoice::Http503.label(),
            "HTTP 503 Service Unavailable (SDK_CLIENT_ERROR)"
        );
        assert_eq!(
            RetryableChoice::ServerError.label(),
            "Service error (ERROR_FROM_TARGET)"
        );
    }

    #[test]
    fn choices_round_trip_through_their_names_and_serde() {
        fn round_trip<T>(all: &[T])
        where
            T: Copy + std::fmt::Debug + PartialEq + std::str::FromStr + Serialize,
        {
            for &choice in all {
                let json = serde_json::to_string(&choice).unwrap();
                let name: String = serde_json::from_str(&json).unwrap();
                assert_eq!(name.parse::<T>().ok(), Some(choice), "{json}");
            }
        }
        round_trip(&RetryableChoice::ALL);
        round_trip(&NonRetryableChoice::ALL);
        round_trip(&JitterChoice::ALL);
        round_trip(&RateUnit::ALL);
        assert!("<script>".parse::<RetryableChoice>().is_err());
        assert_eq!(RetryableChoice::offered(false).len(), 4);
        assert_eq!(NonRetryableChoice::offered(true).len(), 6);
        assert_eq!(NonRetryableChoice::offered(false).len(), 2);
    }

    #[test]
    fn every_jitter_choice_is_a_different_jitter() {
        let jitters: Vec<Jitter> = JitterChoice::ALL.iter().map(|c| c.jitter()).collect();
        assert_eq!(jitters, [Jitter::Equal, Jitter::Full, Jitter::None]);
        assert_eq!(
            JitterChoice::default().jitter(),
            crate::BackoffConfig::DEFAULT_JITTER
        );
    }
}
