//! The partner and region lists match the seed page.

use std::collections::BTreeSet;

use aws_model::Partition;
use catalog::{partner, partner_for_source_name, partners, region, regions, Category};
use proptest::prelude::*;

/// The partner ids of the seed page, in its order (facts from `seed/partners-and-regions.json`).
const SEED_PARTNER_IDS: [&str; 34] = [
    "auth0.com",
    "blitline.com",
    "buidlhub.com",
    "buildkite.com",
    "camunda.com",
    "clevertap.com",
    "datadoghq.com",
    "epsagon.com",
    "freshworks.com",
    "genesys.com",
    "gs2.io",
    "karte.io",
    "kloudless.com",
    "mackerel.io",
    "mongodb.com",
    "newrelic.com",
    "onelogin.com",
    "opsgenie.com",
    "pagerduty.com",
    "payshield.com.au",
    "sailpoint.com",
    "saviynt.com",
    "segment.com",
    "shopify.com",
    "signalfx.com",
    "site24x7.com",
    "stax.io",
    "sugarcrm.com",
    "symantec.com",
    "thundra.io",
    "triggermesh.com",
    "whispir.com",
    "zendesk.com",
    "sellingpartnerapi.amazon.com",
];

const SEED_REGIONS: [(&str, &str); 23] = [
    ("us-east-1", "US East (N. Virginia)"),
    ("us-east-2", "US East (Ohio)"),
    ("us-west-1", "US West (N. California)"),
    ("us-west-2", "US West (Oregon)"),
    ("ca-central-1", "Canada (Central)"),
    ("eu-central-1", "Europe (Frankfurt)"),
    ("eu-west-1", "Europe (Ireland)"),
    ("eu-west-2", "Europe (London)"),
    ("eu-west-3", "Europe (Paris)"),
    ("eu-north-1", "Europe (Stockholm)"),
    ("eu-south-1", "Europe (Milan)"),
    ("af-south-1", "Africa (Cape Town)"),
    ("ap-east-1", "Asia Pacific (Hong Kong)"),
    ("ap-northeast-1", "Asia Pacific (Tokyo)"),
    ("ap-northeast-2", "Asia Pacific (Seoul)"),
    ("ap-northeast-3", "Asia Pacific (Osaka)"),
    ("ap-southeast-1", "Asia Pacific (Singapore)"),
    ("ap-southeast-2", "Asia Pacific (Sydney)"),
    ("ap-southeast-3", "Asia Pacific (Jakarta)"),
    ("cn-north-1", "China (Beijing)"),
    ("cn-northwest-1", "China (Ningxia)"),
    ("me-south-1", "Middle East (Bahrain)"),
    ("sa-east-1", "South America (São Paulo)"),
];

#[test]
fn all_34_seed_partners_are_listed_in_seed_order_with_unique_ids() {
    let ids: Vec<&str> = partners().iter().map(|p| p.id()).collect();
    assert_eq!(ids, SEED_PARTNER_IDS);
    let unique: BTreeSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), 34);
    let names: BTreeSet<&str> = partners().iter().map(|p| p.display_name()).collect();
    assert_eq!(names.len(), 34, "display names are unique too");
}

#[test]
fn console_links_point_at_the_partner_page() {
    for p in partners() {
        let page = format!(
            "https://console.aws.amazon.com/events/#/partners/{}",
            p.id()
        );
        // The seed lists stax.io without the `?page=overview` suffix; keep it as listed.
        let expected = if p.id() == "stax.io" {
            page
        } else {
            format!("{page}?page=overview")
        };
        assert_eq!(p.console_url(), expected);
    }
}

#[test]
fn every_partner_is_described_and_categorised() {
    for p in partners() {
        assert!(!p.display_name().is_empty());
        let summary = p.summary();
        assert!((20..=120).contains(&summary.len()), "{}: {summary}", p.id());
        assert!(!summary.contains('\n'));
        assert!(Category::ALL.contains(&p.category()));
    }
    let labels: BTreeSet<&str> = Category::ALL.iter().map(|c| c.label()).collect();
    assert_eq!(labels.len(), Category::ALL.len());
    // Every category is used by some partner, so no empty filter shows up in the UI.
    for category in Category::ALL {
        assert!(
            partners().iter().any(|p| p.category() == category),
            "{category:?}"
        );
    }
}

#[test]
fn lookups_by_id_and_by_source_name() {
    let table = [
        (
            "aws.partner/datadog.com/Datadog-aaa111bbbc",
            Some("datadoghq.com"),
        ),
        (
            "aws.partner/auth0.com/acme-123/auth0.logs",
            Some("auth0.com"),
        ),
        ("aws.partner/payshield.com.au/m/s", Some("payshield.com.au")),
        ("aws.partner/salesforce.com/org/channel", None),
        ("aws.partner/datadoghq.com/x", None),
        ("aws.events", None),
        ("", None),
    ];
    for (name, expected) in table {
        assert_eq!(
            partner_for_source_name(name).map(|p| p.id()),
            expected,
            "{name}"
        );
    }
    assert_eq!(
        partner("zendesk.com").map(|p| p.display_name()),
        Some("Zendesk")
    );
    assert!(partner("salesforce.com").is_none());
    assert!(partner("").is_none());
}

#[test]
fn source_name_shapes_start_with_the_partner_segment() {
    for p in partners() {
        let prefix = format!("aws.partner/{}/", p.source_partner_name());
        assert!(p.source_name_shape().starts_with(&prefix), "{}", p.id());
        let example = p.example_source_name("123456789012");
        assert!(!example.contains(['<', '>']), "{example}");
        assert!(p.owns_source_name(&example), "{example}");
        assert_eq!(partner_for_source_name(&example), Some(p));
    }
    let datadog = partner("datadoghq.com").unwrap();
    assert_eq!(datadog.source_partner_name(), "datadog.com");
    assert!(!datadog.owns_source_name("aws.partner/datadoghq.com/x/y"));
}

#[test]
fn example_names_differ_between_accounts() {
    for p in partners() {
        let a = p.example_source_name("123456789012");
        let b = p.example_source_name("210987654321");
        assert_ne!(a, b, "{}", p.id());
        assert_eq!(a, p.example_source_name("123456789012"), "stable");
    }
    // The concrete filling, pinned so a change to it is a deliberate one.
    let mongodb = partner("mongodb.com").unwrap();
    let example = mongodb.example_source_name("123456789012");
    let (fixed, id) = example.rsplit_once('/').unwrap();
    assert_eq!(fixed, "aws.partner/mongodb.com/stitch.trigger");
    assert_eq!(id.len(), 12);
    assert!(id.bytes().all(|b| b.is_ascii_hexdigit()));
}

proptest! {
    #[test]
    fn example_names_are_valid_for_any_account(account in "[0-9]{12}", index in 0usize..34) {
        let p = &partners()[index];
        let name = p.example_source_name(&account);
        prop_assert!(p.owns_source_name(&name), "{}", name);
    }
}

#[test]
fn all_23_seed_regions_with_names_and_partitions() {
    let listed: Vec<(&str, &str)> = regions().iter().map(|r| (r.code(), r.name())).collect();
    assert_eq!(listed, SEED_REGIONS);
    let codes: BTreeSet<&str> = regions().iter().map(|r| r.code()).collect();
    assert_eq!(codes.len(), 23);
    // The two China regions are the only listed ones outside the commercial partition.
    let china = ["cn-north-1", "cn-northwest-1"];
    for r in regions() {
        let (partition, dns_suffix) = if china.contains(&r.code()) {
            (Partition::AwsCn, "amazonaws.com.cn")
        } else {
            (Partition::Aws, "amazonaws.com")
        };
        assert_eq!(r.partition(), partition, "{}", r.code());
        assert_eq!(r.partition().dns_suffix(), dns_suffix, "{}", r.code());
        assert_eq!(region(r.code()), Some(r));
    }
    assert_eq!(
        serde_json::to_value(region("cn-north-1").unwrap()).unwrap(),
        serde_json::json!({"code": "cn-north-1", "name": "China (Beijing)", "partition": "aws-cn"})
    );
    assert_eq!(Partition::AwsCn.as_str(), "aws-cn");
    assert_eq!(
        serde_json::to_string(&Partition::AwsCn).unwrap(),
        "\"aws-cn\""
    );
    for missing in ["", "US-EAST-1", "us-east-1 ", "eu-south-2", "us-gov-west-1"] {
        assert!(region(missing).is_none(), "{missing:?}");
    }
}

/// The category names are the labels in lower case with dashes, so `<option>` values and
/// links stay readable.
#[test]
fn category_names_follow_their_labels() {
    for category in Category::ALL {
        let from_label: Vec<String> = category
            .label()
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|word| !word.is_empty())
            .map(str::to_ascii_lowercase)
            .collect();
        assert_eq!(category.as_str(), from_label.join("-"), "{category:?}");
        assert_eq!(category.as_str().parse::<Category>(), Ok(category));
        assert_eq!(
            serde_json::to_string(&category).unwrap(),
            format!("\"{}\"", category.as_str())
        );
    }
    assert!("all".parse::<Category>().is_err());
}
