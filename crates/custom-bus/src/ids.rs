//! Names, generated ids and ARNs of the Custom Event Bus's resources, and simulated clock text.
//!
//! Sources:
//! - bus ARN `arn:<partition>:events:<region>:<account>:event-busv2/<name>/<id>`, the id being 25
//!   lowercase letters and digits: the `EventBusArn` pattern
//!   `event-busv2\/[A-Za-z0-9][\.\-_A-Za-z0-9]{0,255}\/[a-z0-9]{25}` of
//!   <https://docs.aws.amazon.com/eventbridgev2/latest/APIReference/API_PutEvents.html>;
//! - bus names 1-256 characters starting with a letter or digit, then letters, digits, `.`, `-`,
//!   `_`: <https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-custom-bus-create.html>;
//! - subscriber names the same (`Name` of `CreateSubscriber`,
//!   <https://docs.aws.amazon.com/eventbridgev2/latest/APIReference/API_CreateSubscriber.html>);
//! - subscriber ARNs appear in the documentation's examples as `…:subscriber/<name>/<id>`
//!   (<https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-custom-bus-retry.html>); the
//!   exact pattern is not published, so the id shape (25 characters, like the bus's) is ours;
//! - event source ARNs `…:event-sourcev2/(aws.service|aws.partner)/<name>/<id>` and names that
//!   may not begin with `aws.`: the Smithy model
//!   (<https://github.com/aws/aws-sdk-js-v3/blob/main/codegen/sdk-codegen/aws-models/eventbridgev2.json>).

use std::fmt;

use aws_model::Arn;

/// Length of the generated id in a bus, subscriber or event source ARN.
pub const GENERATED_ID_CHARS: usize = 25;

/// Longest bus, subscriber and event source name.
pub const MAX_RESOURCE_NAME_CHARS: usize = 256;

/// The resource type in a Custom Event Bus ARN.
pub const BUS_RESOURCE_TYPE: &str = "event-busv2";
/// The resource type in a subscriber ARN (from documentation examples; see the module docs).
pub const SUBSCRIBER_RESOURCE_TYPE: &str = "subscriber";
/// The resource type in an event source ARN.
pub const EVENT_SOURCE_RESOURCE_TYPE: &str = "event-sourcev2";

/// Makes the 25-character ids of a simulated account: the same seed and key always give the same
/// id, so a shared playground link re-creates the same ARNs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdGenerator {
    seed: u64,
}

impl IdGenerator {
    /// A generator for one seed.
    pub const fn new(seed: u64) -> IdGenerator {
        IdGenerator { seed }
    }

    /// 25 characters of `[a-z0-9]` derived from the seed, a kind tag and a name.
    pub fn resource_id(&self, kind: &str, name: &str) -> String {
        let mut state = mix(self.seed ^ hash_text(kind));
        state = mix(state ^ hash_text(name));
        let mut id = String::with_capacity(GENERATED_ID_CHARS);
        const ALPHABET: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
        while id.len() < GENERATED_ID_CHARS {
            state = mix(state.wrapping_add(GOLDEN_GAMMA));
            let mut word = state;
            // Twelve base-36 digits fit in 62 bits; take them from one word.
            for _ in 0..12 {
                if id.len() == GENERATED_ID_CHARS {
                    break;
                }
                id.push(char::from(ALPHABET[(word % 36) as usize]));
                word /= 36;
            }
        }
        id
    }

    /// A version-4-shaped UUID for an event id (`aws:EventId`), derived from the seed and a
    /// sequence number.
    pub fn event_id(&self, sequence: u64) -> String {
        let high = mix(self.seed ^ mix(sequence.wrapping_add(1)));
        let low = mix(high ^ GOLDEN_GAMMA);
        format!(
            "{:08x}-{:04x}-4{:03x}-{:x}{:03x}-{:012x}",
            high >> 32,
            (high >> 16) & 0xffff,
            high & 0xfff,
            8 + (low >> 62),
            (low >> 48) & 0xfff,
            low & 0xffff_ffff_ffff
        )
    }

    /// An opaque request id the simulated target returns (`targetRequestId`).
    pub fn request_id(&self, subscriber: u64, attempt: u64) -> String {
        self.event_id(mix(subscriber << 32 ^ attempt ^ 0x0072_6571_7565_7374))
    }
}

const GOLDEN_GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

/// SplitMix64's finaliser.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// FNV-1a, enough to key ids by names.
pub(crate) fn hash_text(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// Why a name cannot name a bus, subscriber or event source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameProblem {
    /// No characters.
    Empty,
    /// More than [`MAX_RESOURCE_NAME_CHARS`] (how many).
    TooLong(usize),
    /// The first character is not a letter or digit.
    BadFirstCharacter(char),
    /// A character outside letters, digits, `.`, `-`, `_`.
    BadCharacter(char),
    /// An event source name starting with `aws.`.
    ReservedPrefix,
}

impl fmt::Display for NameProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NameProblem::Empty => f.write_str("Enter a name."),
            NameProblem::TooLong(n) => write!(
                f,
                "A name can be at most {MAX_RESOURCE_NAME_CHARS} characters; this one has {n}."
            ),
            NameProblem::BadFirstCharacter(c) => {
                write!(f, "A name starts with a letter or a digit, not {c:?}.")
            }
            NameProblem::BadCharacter(c) => write!(
                f,
                "A name uses letters, digits and . - _ only; {c:?} is not allowed."
            ),
            NameProblem::ReservedPrefix => {
                f.write_str("Event source names may not begin with \"aws.\"; AWS reserves it.")
            }
        }
    }
}

/// Checks a bus or subscriber name: 1-256 characters, a letter or digit first, then letters,
/// digits, `.`, `-` and `_`.
pub fn check_resource_name(name: &str) -> Result<(), NameProblem> {
    let mut chars = name.chars();
    let Some(first) = chars.next() else {
        return Err(NameProblem::Empty);
    };
    let length = name.chars().count();
    if length > MAX_RESOURCE_NAME_CHARS {
        return Err(NameProblem::TooLong(length));
    }
    if !first.is_ascii_alphanumeric() {
        return Err(NameProblem::BadFirstCharacter(first));
    }
    if let Some(bad) = chars.find(|&c| !aws_model::is_name_char(c)) {
        return Err(NameProblem::BadCharacter(bad));
    }
    Ok(())
}

/// [`check_resource_name`], and event source names may not begin with `aws.`.
pub fn check_event_source_name(name: &str) -> Result<(), NameProblem> {
    check_resource_name(name)?;
    if name.starts_with("aws.") {
        return Err(NameProblem::ReservedPrefix);
    }
    Ok(())
}

/// `arn:<partition>:events:<region>:<account>:event-busv2/<name>/<id>`.
pub fn bus_arn(region: &str, account: &str, name: &str, id: &str) -> String {
    let resource = format!("{BUS_RESOURCE_TYPE}/{name}/{id}");
    Arn::in_region("events", region, account, &resource).to_string()
}

/// `arn:<partition>:events:<region>:<account>:subscriber/<name>/<id>` (shape from examples).
pub fn subscriber_arn(region: &str, account: &str, name: &str, id: &str) -> String {
    let resource = format!("{SUBSCRIBER_RESOURCE_TYPE}/{name}/{id}");
    Arn::in_region("events", region, account, &resource).to_string()
}

/// `arn:<partition>:events:<region>:<account>:event-sourcev2/aws.partner/<name>/<id>` (or
/// `aws.service` for AWS service sources).
pub fn event_source_v2_arn(
    region: &str,
    account: &str,
    partner: bool,
    name: &str,
    id: &str,
) -> String {
    let kind = if partner {
        "aws.partner"
    } else {
        "aws.service"
    };
    let resource = format!("{EVENT_SOURCE_RESOURCE_TYPE}/{kind}/{name}/{id}");
    Arn::in_region("events", region, account, &resource).to_string()
}

/// The parts of a Custom Event Bus ARN.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BusArnParts<'a> {
    /// The region field.
    pub region: &'a str,
    /// The account field.
    pub account: &'a str,
    /// The bus name.
    pub name: &'a str,
    /// The 25-character generated id.
    pub id: &'a str,
}

impl BusArnParts<'_> {
    /// The `EventBus` dimension value of the `AWS/EventsV2` metrics: `<name>/<id>`, not the ARN
    /// (see DESIGN.md: the user guide says "the resource ARN", the skill file says this form and
    /// that the ARN returns no data).
    pub fn metric_dimension(&self) -> String {
        format!("{}/{}", self.name, self.id)
    }
}

/// Why a text is not a Custom Event Bus ARN; the message says what shape is expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BusArnError {
    message: String,
}

impl fmt::Display for BusArnError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for BusArnError {}

/// Reads `arn:<partition>:events:<region>:<account>:event-busv2/<name>/<25-char id>`.
pub fn parse_bus_arn(text: &str) -> Result<BusArnParts<'_>, BusArnError> {
    let error = |why: &str| {
        BusArnError {
        message: format!(
            "{why} A Custom Event Bus ARN looks like arn:aws:events:us-east-1:111122223333:event-busv2/orders/{}.",
            "a".repeat(GENERATED_ID_CHARS)
        ),
    }
    };
    let arn = Arn::parse(text).map_err(|e| error(&format!("This is not an ARN ({e}).")))?;
    if arn.service() != "events" {
        return Err(error("The service of the ARN is not \"events\"."));
    }
    if !aws_model::is_account_id(arn.account()) {
        return Err(error("The account of the ARN is not 12 digits."));
    }
    if !aws_model::is_region_code(arn.region()) {
        return Err(error("The region of the ARN is not a Region code."));
    }
    let Some(rest) = arn.resource().strip_prefix("event-busv2/") else {
        if arn.resource().starts_with("event-bus/") {
            return Err(error(
                "This is a Custom Event Bus - Classic (event-bus/); the new bus's ARNs say event-busv2/.",
            ));
        }
        return Err(error("The resource does not start with event-busv2/."));
    };
    let Some((name, id)) = rest.split_once('/') else {
        return Err(error("The ARN has no generated id after the bus name."));
    };
    if let Err(problem) = check_resource_name(name) {
        return Err(error(&format!("The bus name is not valid: {problem}")));
    }
    let id_ok = id.len() == GENERATED_ID_CHARS
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    if !id_ok {
        return Err(error(&format!(
            "The generated id must be {GENERATED_ID_CHARS} lowercase letters and digits; '{id}' is not."
        )));
    }
    Ok(BusArnParts {
        region: arn.region(),
        account: arn.account(),
        name,
        id,
    })
}

/// Simulated milliseconds since the Unix epoch as `YYYY-MM-DDTHH:MM:SSZ` (PutEvents' `time`).
pub fn format_time_seconds(epoch_ms: i64) -> String {
    let (date, h, m, s, _) = civil(epoch_ms);
    format!("{date}T{h:02}:{m:02}:{s:02}Z")
}

/// Simulated milliseconds since the Unix epoch as `YYYY-MM-DDTHH:MM:SS.mmmZ` (ingestion times
/// and dead-letter record timestamps).
pub fn format_time_millis(epoch_ms: i64) -> String {
    let (date, h, m, s, ms) = civil(epoch_ms);
    format!("{date}T{h:02}:{m:02}:{s:02}.{ms:03}Z")
}

fn civil(epoch_ms: i64) -> (String, i64, i64, i64, i64) {
    let ms = epoch_ms.rem_euclid(1000);
    let secs = epoch_ms.div_euclid(1000);
    let days = secs.div_euclid(86_400);
    let in_day = secs.rem_euclid(86_400);
    // Howard Hinnant's days-to-civil algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (
        format!("{year:04}-{month:02}-{day:02}"),
        in_day / 3600,
        in_day / 60 % 60,
        in_day % 60,
        ms,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_ids_have_the_documented_shape_and_are_deterministic() {
        // Shape: `[a-z0-9]{25}` from the EventBusArn pattern of API_PutEvents.
        let ids = IdGenerator::new(42);
        let a = ids.resource_id("bus", "orders");
        assert_eq!(a.len(), 25);
        assert!(a
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()));
        assert_eq!(a, IdGenerator::new(42).resource_id("bus", "orders"));
        assert_ne!(a, IdGenerator::new(43).resource_id("bus", "orders"));
        assert_ne!(a, ids.resource_id("bus", "orders2"));
        assert_ne!(a, ids.resource_id("subscriber", "orders"));
        let arn = bus_arn("us-east-1", "111122223333", "orders", &a);
        let parts = parse_bus_arn(&arn).unwrap();
        assert_eq!((parts.name, parts.id), ("orders", a.as_str()));
        assert_eq!(parts.metric_dimension(), format!("orders/{a}"));
    }

    #[test]
    fn event_ids_look_like_uuids() {
        let ids = IdGenerator::new(7);
        let id = ids.event_id(0);
        assert_eq!(id.len(), 36);
        assert_eq!(id.as_bytes()[14], b'4');
        assert!(
            matches!(id.as_bytes()[19], b'8' | b'9' | b'a' | b'b'),
            "{id}"
        );
        assert_ne!(id, ids.event_id(1));
    }

    #[test]
    fn bus_arn_table() {
        let id = "abcdefghij0123456789klmno";
        let table: &[(String, Option<&str>)] = &[
            (bus_arn("us-east-1", "111122223333", "orders", id), None),
            (bus_arn("cn-north-1", "111122223333", "o.r-d_1", id), None),
            (
                // The user guide's example id is 23 characters with capitals
                // (docs/custom-event-bus.md §9.6): the API pattern refuses it, and so do we.
                "arn:aws:events:us-east-1:111122223333:event-busv2/orders/EXAMPLE1234567890abcdef"
                    .into(),
                Some("25 lowercase"),
            ),
            (
                "arn:aws:events:us-east-1:111122223333:event-bus/orders".into(),
                Some("Classic"),
            ),
            (
                format!("arn:aws:sqs:us-east-1:111122223333:event-busv2/o/{id}"),
                Some("\"events\""),
            ),
            (
                format!("arn:aws:events:us-east-1:1111:event-busv2/o/{id}"),
                Some("12 digits"),
            ),
            (
                "arn:aws:events:us-east-1:111122223333:event-busv2/orders".into(),
                Some("no generated id"),
            ),
            (
                format!("arn:aws:events:us-east-1:111122223333:event-busv2/-o/{id}"),
                Some("starts with a letter"),
            ),
            ("orders".into(), Some("not an ARN")),
        ];
        for (text, expected) in table {
            match (parse_bus_arn(text), expected) {
                (Ok(_), None) => {}
                (Err(e), Some(fragment)) => {
                    assert!(e.to_string().contains(fragment), "{text}: {e}")
                }
                (got, want) => panic!("{text}: got {got:?}, want {want:?}"),
            }
        }
    }

    #[test]
    fn names_table() {
        // Source: eb-custom-bus-create.html (bus names) and the Smithy model (event sources).
        type Case<'a> = (&'a str, Result<(), NameProblem>, Result<(), NameProblem>);
        let table: &[Case] = &[
            ("orders", Ok(()), Ok(())),
            ("0rders.v2_x-y", Ok(()), Ok(())),
            ("", Err(NameProblem::Empty), Err(NameProblem::Empty)),
            (
                "_orders",
                Err(NameProblem::BadFirstCharacter('_')),
                Err(NameProblem::BadFirstCharacter('_')),
            ),
            (
                "or/ders",
                Err(NameProblem::BadCharacter('/')),
                Err(NameProblem::BadCharacter('/')),
            ),
            ("aws.shopify", Ok(()), Err(NameProblem::ReservedPrefix)),
        ];
        for (name, bus, source) in table {
            assert_eq!(check_resource_name(name), *bus, "{name}");
            assert_eq!(check_event_source_name(name), *source, "{name}");
        }
        assert!(check_resource_name(&"a".repeat(256)).is_ok());
        assert_eq!(
            check_resource_name(&"a".repeat(257)),
            Err(NameProblem::TooLong(257))
        );
    }

    #[test]
    fn clock_text() {
        // 2026-09-16T18:40:12Z is the timestamp of the dead-letter example in
        // https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-custom-bus-retry.html
        let ms = 1_789_584_012_000;
        assert_eq!(format_time_seconds(ms), "2026-09-16T18:40:12Z");
        assert_eq!(format_time_millis(ms + 768), "2026-09-16T18:40:12.768Z");
        assert_eq!(format_time_millis(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(format_time_seconds(951_782_400_000), "2000-02-29T00:00:00Z");
        assert_eq!(format_time_millis(-1), "1969-12-31T23:59:59.999Z");
    }
}
