//! Every sample is a complete, well-typed EventBridge envelope for its partner, and
//! `event_for` moves it to another account and region without touching anything else.

use std::collections::BTreeSet;
use std::path::Path;

use catalog::{
    partner, partners, salesforce_event_relay_samples, samples, Sample, SAMPLE_ACCOUNT,
    SAMPLE_REGION,
};
use proptest::prelude::*;
use serde_json::{Map, Value};

/// Partners whose event shapes `docs/semantics.md` documents (§4.4 table), Salesforce aside.
const DOCUMENTED_PARTNERS: [&str; 8] = [
    "auth0.com",
    "datadoghq.com",
    "pagerduty.com",
    "shopify.com",
    "zendesk.com",
    "mongodb.com",
    "buildkite.com",
    "segment.com",
];

fn every_sample() -> impl Iterator<Item = &'static Sample> {
    samples().chain(salesforce_event_relay_samples())
}

fn envelope(sample: &Sample) -> Map<String, Value> {
    match serde_json::from_str::<Value>(sample.json()) {
        Ok(Value::Object(map)) => map,
        other => panic!(
            "{}/{}: not a JSON object: {other:?}",
            sample.partner_id(),
            sample.name()
        ),
    }
}

fn string<'a>(event: &'a Map<String, Value>, field: &str, at: &str) -> &'a str {
    event
        .get(field)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("{at}: `{field}` is missing or not a string"))
}

#[test]
fn every_sample_has_every_envelope_field_with_the_right_type() {
    let mut checked = 0;
    for sample in every_sample() {
        let at = format!("{}/{}", sample.partner_id(), sample.name());
        let event = envelope(sample);
        let keys: BTreeSet<&str> = event.keys().map(String::as_str).collect();
        let expected: BTreeSet<&str> = [
            "version",
            "id",
            "detail-type",
            "source",
            "account",
            "time",
            "region",
            "resources",
            "detail",
        ]
        .into();
        assert_eq!(keys, expected, "{at}");

        assert_eq!(string(&event, "version", &at), "0", "{at}");
        assert!(is_uuid_v4(string(&event, "id", &at)), "{at}: id");
        let detail_type = string(&event, "detail-type", &at);
        assert!((1..=128).contains(&detail_type.len()), "{at}: detail-type");
        let account = string(&event, "account", &at);
        assert!(
            account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit()),
            "{at}"
        );
        assert_eq!(account, SAMPLE_ACCOUNT, "{at}");
        assert_eq!(string(&event, "region", &at), SAMPLE_REGION, "{at}");
        let time = string(&event, "time", &at);
        assert!(is_rfc3339(time), "{at}: time {time}");
        let resources = event["resources"]
            .as_array()
            .unwrap_or_else(|| panic!("{at}: resources"));
        assert!(
            resources.iter().all(Value::is_string),
            "{at}: resources are strings"
        );
        assert!(event["detail"].is_object(), "{at}: detail is an object");

        let source = string(&event, "source", &at);
        match partner(sample.partner_id()) {
            Some(p) => assert!(p.owns_source_name(source), "{at}: source {source}"),
            None => {
                assert_eq!(sample.partner_id(), "salesforce.com");
                assert!(aws_model::is_partner_event_source_name(source), "{at}");
                assert!(source.starts_with("aws.partner/salesforce.com/"), "{at}");
            }
        }
        checked += 1;
    }
    assert_eq!(checked, 47);
}

#[test]
fn documented_partners_have_two_or_more_documented_samples_the_rest_one_illustrative() {
    for p in partners() {
        assert!(!p.samples().is_empty(), "{}", p.id());
        if DOCUMENTED_PARTNERS.contains(&p.id()) {
            assert!(p.samples().len() >= 2, "{}", p.id());
            assert!(
                p.samples().iter().all(|s| !s.is_illustrative()),
                "{}",
                p.id()
            );
        } else {
            assert!(
                p.samples().iter().all(Sample::is_illustrative),
                "{}",
                p.id()
            );
        }
        let names: BTreeSet<&str> = p.samples().iter().map(|s| s.name()).collect();
        assert_eq!(
            names.len(),
            p.samples().len(),
            "{}: unique sample names",
            p.id()
        );
        for sample in p.samples() {
            assert_eq!(sample.partner_id(), p.id());
            assert!(!sample.title().is_empty());
            assert_eq!(p.sample(sample.name()), Some(sample));
        }
    }
    assert!(salesforce_event_relay_samples().len() >= 2);
}

#[test]
fn sample_files_on_disk_are_exactly_the_embedded_ones() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut on_disk = BTreeSet::new();
    for dir in std::fs::read_dir(&root).unwrap() {
        let dir = dir.unwrap();
        for file in std::fs::read_dir(dir.path()).unwrap() {
            let file = file.unwrap().path();
            let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
            assert_eq!(
                file.extension().and_then(|e| e.to_str()),
                Some("json"),
                "{file:?}"
            );
            on_disk.insert((dir.file_name().to_string_lossy().into_owned(), stem));
        }
    }
    let embedded: BTreeSet<(String, String)> = every_sample()
        .map(|s| (s.partner_id().to_owned(), s.name().to_owned()))
        .collect();
    assert_eq!(on_disk, embedded);
}

#[test]
fn sample_files_are_pretty_printed() {
    for sample in every_sample() {
        assert!(
            sample.json().starts_with("{\n  \"version\": \"0\",\n"),
            "{}",
            sample.name()
        );
        assert!(sample.json().lines().count() >= 12, "{}", sample.name());
    }
}

#[test]
fn event_for_changes_only_account_region_and_their_arn_fields() {
    let table = [
        ("210987654321", "eu-west-1", "aws"),
        ("555566667777", "cn-northwest-1", "aws-cn"),
        (SAMPLE_ACCOUNT, SAMPLE_REGION, "aws"),
    ];
    for sample in every_sample() {
        let original = envelope(sample);
        for (account, region, partition) in table {
            let moved: Map<String, Value> =
                serde_json::from_str(&sample.event_for(account, region)).unwrap();
            assert_eq!(moved["account"], account);
            assert_eq!(moved["region"], region);
            for field in ["version", "id", "detail-type", "source", "time", "detail"] {
                assert_eq!(moved[field], original[field], "{}: {field}", sample.name());
            }
            let before = original["resources"].as_array().unwrap();
            let after = moved["resources"].as_array().unwrap();
            assert_eq!(before.len(), after.len());
            for (old, new) in before.iter().zip(after) {
                assert_eq!(
                    *new,
                    expected_resource(old.as_str().unwrap(), account, region, partition)
                );
            }
        }
    }
}

/// Independent restatement of the ARN rule: arn:partition:service:region:account:rest.
fn expected_resource(old: &str, account: &str, region: &str, partition: &str) -> String {
    let fields: Vec<&str> = old.splitn(6, ':').collect();
    if fields.len() != 6 || fields[0] != "arn" {
        return old.to_owned();
    }
    let swap_region = fields[3] == SAMPLE_REGION;
    let swap_account = fields[4] == SAMPLE_ACCOUNT;
    if !swap_region && !swap_account {
        return old.to_owned();
    }
    format!(
        "arn:{partition}:{}:{}:{}:{}",
        fields[2],
        if swap_region { region } else { fields[3] },
        if swap_account { account } else { fields[4] },
        fields[5]
    )
}

#[test]
fn regression_resource_arns_in_samples_are_moved_with_the_event() {
    // The MongoDB samples carry their event-source ARN (region, no account) and two illustrative
    // ones carry Lambda ARNs (region and account); both must follow the user's region.
    let mongodb = partner("mongodb.com")
        .unwrap()
        .sample("order-inserted")
        .unwrap();
    let moved: Value =
        serde_json::from_str(&mongodb.event_for("210987654321", "ap-southeast-2")).unwrap();
    let arn = moved["resources"][0].as_str().unwrap();
    assert!(
        arn.starts_with("arn:aws:events:ap-southeast-2::event-source/aws.partner/mongodb.com/"),
        "{arn}"
    );

    let thundra = partner("thundra.io").unwrap().samples()[0];
    let moved: Value =
        serde_json::from_str(&thundra.event_for("210987654321", "cn-north-1")).unwrap();
    assert_eq!(
        moved["resources"][0],
        "arn:aws-cn:lambda:cn-north-1:210987654321:function:checkout-handler"
    );
}

proptest! {
    #[test]
    fn event_for_any_account_and_region_is_json_with_those_values(
        account in "[0-9]{12}",
        region in "[a-z]{2}-[a-z]{4,9}-[1-9]",
        index in 0usize..47,
    ) {
        let sample = every_sample().nth(index).unwrap();
        let moved: Value = serde_json::from_str(&sample.event_for(&account, &region)).unwrap();
        prop_assert_eq!(moved["account"].as_str(), Some(account.as_str()));
        prop_assert_eq!(moved["region"].as_str(), Some(region.as_str()));
    }
}

fn is_uuid_v4(id: &str) -> bool {
    let groups: Vec<&str> = id.split('-').collect();
    groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups.iter().all(|g| {
            g.bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        })
        && groups[2].starts_with('4')
        && groups[3].starts_with(['8', '9', 'a', 'b'])
}

/// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` with in-range fields.
fn is_rfc3339(time: &str) -> bool {
    let bytes = time.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = time.get(range)?;
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (Some(year), Some(month), Some(day), Some(hour), Some(minute), Some(second)) = (
        digits(0..4),
        digits(5..7),
        digits(8..10),
        digits(11..13),
        digits(14..16),
        digits(17..19),
    ) else {
        return false;
    };
    if bytes.get(4) != Some(&b'-')
        || bytes.get(7) != Some(&b'-')
        || !matches!(bytes.get(10), Some(b'T' | b't'))
        || bytes.get(13) != Some(&b':')
        || bytes.get(16) != Some(&b':')
    {
        return false;
    }
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => return false,
    };
    if year == 0 || day == 0 || day > days_in_month || hour > 23 || minute > 59 || second > 60 {
        return false;
    }
    let mut rest = &time[19..];
    if let Some(fraction) = rest.strip_prefix('.') {
        let len = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if len == 0 {
            return false;
        }
        rest = &fraction[len..];
    }
    match rest {
        "Z" | "z" => true,
        offset if offset.len() == 6 => {
            let b = offset.as_bytes();
            matches!(b[0], b'+' | b'-')
                && b[3] == b':'
                && offset[1..3].parse::<u32>().is_ok_and(|h| h <= 23)
                && offset[4..6].parse::<u32>().is_ok_and(|m| m <= 59)
        }
        _ => false,
    }
}

#[test]
fn the_rfc3339_check_itself_tells_good_from_bad() {
    let table = [
        ("2024-05-14T09:21:07Z", true),
        ("2024-05-14T09:21:07.123Z", true),
        ("2024-05-14T09:21:07+02:00", true),
        ("2024-02-29T00:00:00Z", true),
        ("2023-02-29T00:00:00Z", false),
        ("2024-05-14 09:21:07Z", false),
        ("2024-05-14T09:21:07", false),
        ("2024-13-01T00:00:00Z", false),
        ("2024-05-14T24:00:00Z", false),
        ("2024-05-14T09:21:07.Z", false),
        ("2024-05-14T09:21:07+2:00", false),
        ("1715686800", false),
        ("", false),
        ("2024-05-14T09:21:07Zé", false),
    ];
    for (time, valid) in table {
        assert_eq!(is_rfc3339(time), valid, "{time}");
    }
    assert!(is_uuid_v4("683447c1-0cc8-4f11-9d4e-abbd1fcfb980"));
    assert!(!is_uuid_v4("683447c1-0cc8-1f11-9d4e-abbd1fcfb980"));
    assert!(!is_uuid_v4("683447c10cc84f119d4eabbd1fcfb980"));
}
