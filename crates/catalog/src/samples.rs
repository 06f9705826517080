//! Sample partner events, kept as readable JSON files under `samples/` and embedded at build time.

use aws_model::{Arn, Partition};

/// The account every sample file is written for.
pub const SAMPLE_ACCOUNT: &str = "123456789012";
/// The region every sample file is written for.
pub const SAMPLE_REGION: &str = "us-east-1";

/// One sample event of a partner: a full EventBridge envelope as pretty-printed JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Sample {
    pub(crate) partner_id: &'static str,
    pub(crate) name: &'static str,
    pub(crate) title: &'static str,
    pub(crate) illustrative: bool,
    pub(crate) json: &'static str,
}

/// Builds a [`Sample`] whose text is `samples/<partner>/<name>.json`.
macro_rules! sample {
    ($partner:literal, $name:literal, $title:literal, $illustrative:expr) => {
        $crate::samples::Sample {
            partner_id: $partner,
            name: $name,
            title: $title,
            illustrative: $illustrative,
            json: include_str!(concat!("../samples/", $partner, "/", $name, ".json")),
        }
    };
}
pub(crate) use sample;

/// Samples whose shape follows a partner's published documentation (semantics §4.4, `docs/semantics.md`).
pub(crate) const DOCUMENTED: bool = false;
/// Samples we made up for partners without published examples; the shape is plausible only.
pub(crate) const ILLUSTRATIVE: bool = true;

impl Sample {
    /// The console id of the partner that sends this event (e.g. `auth0.com`).
    pub fn partner_id(&self) -> &'static str {
        self.partner_id
    }

    /// The file stem, unique within the partner (e.g. `successful-login`).
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// A short human title for pickers.
    pub fn title(&self) -> &'static str {
        self.title
    }

    /// True when the partner publishes no example we could follow, so the event is only a
    /// plausible guess at its shape; the UI should say so.
    pub fn is_illustrative(&self) -> bool {
        self.illustrative
    }

    /// The event as written, for [`SAMPLE_ACCOUNT`] in [`SAMPLE_REGION`].
    pub fn json(&self) -> &'static str {
        self.json
    }

    /// The same event as seen by `account` in `region`: the envelope's `account` and `region`
    /// are replaced, and so are the account, region and partition fields of ARNs in `resources`
    /// that carry the sample's own account or region. Layout and key order are kept, since
    /// the result is shown to people.
    pub fn event_for(&self, account: &str, region: &str) -> String {
        rewrite_envelope(self.json, account, region)
    }
}

/// Walks the JSON text once, copying it verbatim except for the few string values to replace.
/// Only ever fed the embedded sample files (which tests parse with serde_json), but it stays
/// total on any input: unexpected text is copied through unchanged.
fn rewrite_envelope(text: &str, account: &str, region_code: &str) -> String {
    let target = Target {
        account,
        region: region_code,
        partition: Partition::of_region(region_code),
    };

    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + 32);
    let mut copied_up_to = 0;
    // One entry per open container, true for arrays; its length is the nesting depth.
    let mut open: Vec<bool> = Vec::new();
    let mut expecting_top_key = false;
    let mut top_key: &str = "";
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' => {
                open.push(false);
                expecting_top_key = open.len() == 1;
                i += 1;
            }
            b'[' => {
                open.push(true);
                i += 1;
            }
            b'}' | b']' => {
                open.pop();
                i += 1;
            }
            b',' => {
                expecting_top_key = open.len() == 1;
                i += 1;
            }
            b'"' => {
                let end = string_end(bytes, i);
                let literal = &text[i..end];
                let depth = open.len();
                let replacement = if depth == 1 && expecting_top_key {
                    expecting_top_key = false;
                    top_key = unquoted(literal);
                    None
                } else if depth == 1 && top_key == "account" {
                    Some(json_string(target.account))
                } else if depth == 1 && top_key == "region" {
                    Some(json_string(target.region))
                } else if depth == 2 && top_key == "resources" && open.last() == Some(&true) {
                    serde_json::from_str::<String>(literal)
                        .ok()
                        .and_then(|resource| rewrite_arn(&resource, &target))
                        .map(|arn| json_string(&arn))
                } else {
                    None
                };
                if let Some(replacement) = replacement {
                    out.push_str(&text[copied_up_to..i]);
                    out.push_str(&replacement);
                    copied_up_to = end;
                }
                i = end;
            }
            _ => i += 1,
        }
    }
    out.push_str(&text[copied_up_to..]);
    out
}

struct Target<'a> {
    account: &'a str,
    region: &'a str,
    partition: Partition,
}

/// Index just past the closing quote of the string starting at `start` (or the end of text).
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// The raw inside of a string literal; an unterminated one has no closing quote to drop.
fn unquoted(literal: &str) -> &str {
    let inner = literal.strip_prefix('"').unwrap_or(literal);
    inner.strip_suffix('"').unwrap_or(inner)
}

fn json_string(value: &str) -> String {
    // Serialising a &str cannot fail; the fallback only keeps this function total.
    serde_json::to_string(value).unwrap_or_else(|_| String::from("\"\""))
}

/// The ARN with the sample's region and account swapped for the target's (and the `aws`
/// partition for the target region's); `None` when the text is not an ARN or names neither.
fn rewrite_arn(resource: &str, target: &Target<'_>) -> Option<String> {
    let arn = Arn::parse(resource).ok()?;
    let region_matches = arn.region() == SAMPLE_REGION;
    let account_matches = arn.account() == SAMPLE_ACCOUNT;
    if !region_matches && !account_matches {
        return None;
    }
    let partition = if arn.partition() == Partition::Aws {
        target.partition
    } else {
        arn.partition()
    };
    let region = if region_matches {
        target.region
    } else {
        arn.region()
    };
    let account = if account_matches {
        target.account
    } else {
        arn.account()
    };
    Some(Arn::new(partition, arn.service(), region, account, arn.resource()).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const ENVELOPE: &str = r#"{
  "version": "0",
  "id": "0d3c8b1e-5f2a-4c9d-8e7f-6a5b4c3d2e1f",
  "detail-type": "Thing Happened",
  "source": "aws.partner/example.com/a1/b2",
  "account": "123456789012",
  "time": "2024-01-02T03:04:05Z",
  "region": "us-east-1",
  "resources": [
    "arn:aws:events:us-east-1::event-source/aws.partner/example.com/a1/b2",
    "arn:aws:lambda:us-east-1:123456789012:function:f",
    "arn:aws:s3:::bucket-with-account-123456789012",
    "not an arn us-east-1 123456789012"
  ],
  "detail": {
    "account": "123456789012",
    "region": "us-east-1",
    "resources": ["arn:aws:lambda:us-east-1:123456789012:function:f"]
  }
}"#;

    fn rewritten(account: &str, region: &str) -> serde_json::Value {
        let text = rewrite_envelope(ENVELOPE, account, region);
        serde_json::from_str(&text).expect("rewritten text stays JSON")
    }

    #[test]
    fn envelope_account_and_region_are_replaced() {
        let event = rewritten("210987654321", "eu-west-1");
        assert_eq!(event["account"], "210987654321");
        assert_eq!(event["region"], "eu-west-1");
    }

    #[test]
    fn detail_fields_with_the_same_names_are_left_alone() {
        let event = rewritten("210987654321", "eu-west-1");
        assert_eq!(event["detail"]["account"], SAMPLE_ACCOUNT);
        assert_eq!(event["detail"]["region"], SAMPLE_REGION);
        assert_eq!(
            event["detail"]["resources"][0],
            "arn:aws:lambda:us-east-1:123456789012:function:f"
        );
    }

    #[test]
    fn resource_arns_are_rewritten_field_by_field() {
        let cases = [
            (
                "eu-west-1",
                [
                    "arn:aws:events:eu-west-1::event-source/aws.partner/example.com/a1/b2",
                    "arn:aws:lambda:eu-west-1:210987654321:function:f",
                ],
            ),
            (
                "cn-north-1",
                [
                    "arn:aws-cn:events:cn-north-1::event-source/aws.partner/example.com/a1/b2",
                    "arn:aws-cn:lambda:cn-north-1:210987654321:function:f",
                ],
            ),
        ];
        for (region, [source_arn, lambda_arn]) in cases {
            let event = rewritten("210987654321", region);
            assert_eq!(event["resources"][0], source_arn, "{region}");
            assert_eq!(event["resources"][1], lambda_arn, "{region}");
        }
    }

    #[test]
    fn resources_without_the_sample_region_or_account_fields_are_untouched() {
        let event = rewritten("210987654321", "eu-west-1");
        // The account appears in the bucket name, not in the ARN's account field.
        assert_eq!(
            event["resources"][2],
            "arn:aws:s3:::bucket-with-account-123456789012"
        );
        assert_eq!(event["resources"][3], "not an arn us-east-1 123456789012");
    }

    #[test]
    fn layout_is_kept_apart_from_the_replaced_values() {
        let text = rewrite_envelope(ENVELOPE, "210987654321", "us-east-1");
        let expected = ENVELOPE
            .replacen(
                "\"account\": \"123456789012\"",
                "\"account\": \"210987654321\"",
                1,
            )
            .replacen(
                "us-east-1:123456789012:function",
                "us-east-1:210987654321:function",
                1,
            );
        assert_eq!(text, expected);
    }

    #[test]
    fn hostile_account_and_region_text_is_escaped_not_injected() {
        let event = rewritten("\"},\"x\":\"", "a\\b\nc");
        assert_eq!(event["account"], "\"},\"x\":\"");
        assert_eq!(event["region"], "a\\b\nc");
        assert!(event.get("x").is_none());
    }

    #[test]
    fn truncated_or_odd_text_is_copied_without_panicking() {
        for text in [
            "",
            "{",
            "\"",
            "{\"account\": \"1",
            "[[[[",
            "}}]]",
            "{\"a\\",
            "\u{e9}\"\u{e9}",
            "{\"\u{e9}",
            "{\"k\\\u{e9}",
        ] {
            let _ = rewrite_envelope(text, "210987654321", "eu-west-1");
        }
        assert_eq!(rewrite_envelope("{\"a\\", "1", "2"), "{\"a\\");
    }
}
