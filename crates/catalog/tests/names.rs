//! The hand-written name and id checks, table by table.

use aws_model::{is_account_id, is_partner_event_source_name};
use catalog::{
    is_valid_event_bus_name, validate_event_bus_name, validate_partner_event_source_name, BusKind,
    ErrorCode,
};
use proptest::prelude::*;

#[test]
fn account_ids_are_exactly_twelve_ascii_digits() {
    let table = [
        ("123456789012", true),
        ("000000000000", true),
        ("", false),
        ("12345678901", false),
        ("1234567890123", false),
        ("12345678901a", false),
        (" 23456789012", false),
        ("123456789012\n", false),
        ("-12345678901", false),
        // Non-ASCII digits are digits to Unicode, not to AWS.
        ("１２３４５６７８９０１２", false),
        ("١٢٣٤٥٦٧٨٩٠١٢", false),
    ];
    for (account, valid) in table {
        assert_eq!(is_account_id(account), valid, "{account:?}");
    }
}

#[test]
fn partner_event_source_names_follow_the_documented_pattern() {
    let at_limit = format!("aws.partner/a/{}", "b".repeat(256 - 14));
    let over_limit = format!("{at_limit}c");
    assert_eq!(at_limit.len(), 256);
    let table: &[(&str, bool)] = &[
        ("aws.partner/a/b", true),
        ("aws.partner/auth0.com/acme-1234/auth0.logs", true),
        ("aws.partner/segment.com/Kx7Qp2LmZ9", true),
        ("aws.partner/mongodb.com/stitch.trigger/66435a1f", true),
        ("aws.partner/a/b/c/d/e/f", true),
        ("aws.partner/._-/-._", true),
        (&at_limit, true),
        (&over_limit, false),
        ("", false),
        ("aws.partner", false),
        ("aws.partner/", false),
        ("aws.partner/a", false),
        ("aws.partner/a/", false),
        ("aws.partner//b", false),
        ("aws.partner/a//b", false),
        ("aws.partner/a/b/", false),
        ("/aws.partner/a/b", false),
        ("aws.partnerx/a/b", false),
        ("aws-partner/a/b", false),
        ("AWS.partner/a/b", false),
        ("aws.partner/a b/c", false),
        ("aws.partner/a/b*", false),
        ("aws.partner/a/b:c", false),
        ("aws.partner/ä/b", false),
        ("aws.partner/a/b\n", false),
        ("aws.partner/a/b\0", false),
        ("aws.events/a/b", false),
    ];
    for (name, valid) in table {
        assert_eq!(is_partner_event_source_name(name), *valid, "{name:?}");
    }
}

#[test]
fn source_name_errors_say_which_constraint_failed() {
    let too_long = format!("aws.partner/a/{}", "b".repeat(300));
    let table = [
        ("", "Member must have length greater than or equal to 1"),
        (
            too_long.as_str(),
            "Member must have length less than or equal to 256",
        ),
        (
            "aws.partner/a",
            "Member must satisfy regular expression pattern",
        ),
    ];
    for (name, constraint) in table {
        let error = validate_partner_event_source_name(name).unwrap_err();
        assert_eq!(error.code(), ErrorCode::ValidationException);
        assert!(error.message().contains(constraint), "{name}: {error}");
        assert!(error.message().contains("at 'name'"), "{error}");
    }
}

#[test]
fn hostile_values_are_echoed_only_in_part() {
    let huge = "x".repeat(1_000_000);
    for error in [
        validate_partner_event_source_name(&huge).unwrap_err(),
        validate_event_bus_name(&huge, BusKind::Custom).unwrap_err(),
    ] {
        assert!(
            error.message().len() < 1_000,
            "{} bytes",
            error.message().len()
        );
        assert!(error.message().contains("xxx..."));
    }
    // Cutting the echo never splits a character.
    let wide = "é".repeat(400);
    let error = validate_partner_event_source_name(&wide).unwrap_err();
    assert!(error.message().contains("éé..."));
}

#[test]
fn event_bus_names_by_kind() {
    use BusKind::*;
    let over = "a".repeat(257);
    let table: &[(&str, BusKind, bool)] = &[
        ("orders", Custom, true),
        ("my.bus-1_X", Custom, true),
        (&over[..256], Custom, true),
        (&over, Custom, false),
        ("", Custom, false),
        ("default", Custom, false),
        ("default", Partner, false),
        ("Default", Custom, true),
        ("team/orders", Custom, false),
        ("aws.partner/a/b", Custom, false),
        ("bad name", Custom, false),
        ("bus*", Custom, false),
        ("aws.partner/a/b", Partner, true),
        ("aws.partner/a", Partner, false),
        ("orders", Partner, false),
        ("team/orders", Partner, false),
    ];
    for (name, kind, valid) in table {
        assert_eq!(
            is_valid_event_bus_name(name, *kind),
            *valid,
            "{name:?} as {kind:?}"
        );
        if !valid {
            let error = validate_event_bus_name(name, *kind).unwrap_err();
            assert_eq!(error.code(), ErrorCode::ValidationException);
        }
    }
}

fn segment() -> impl Strategy<Value = String> {
    "[.\\-_A-Za-z0-9]{1,12}"
}

proptest! {
    #[test]
    fn names_built_from_valid_segments_are_accepted(segments in prop::collection::vec(segment(), 2..6)) {
        let name = format!("aws.partner/{}", segments.join("/"));
        prop_assert!(is_partner_event_source_name(&name));
        prop_assert!(is_valid_event_bus_name(&name, BusKind::Partner));
    }

    #[test]
    fn one_foreign_character_anywhere_after_the_prefix_is_refused(
        segments in prop::collection::vec(segment(), 2..5),
        bad in "[^.\\-_A-Za-z0-9/]",
        at in any::<prop::sample::Index>(),
    ) {
        let mut name = format!("aws.partner/{}", segments.join("/"));
        let positions: Vec<usize> = name.char_indices().map(|(i, _)| i).filter(|i| *i >= 12).collect();
        name.insert_str(positions[at.index(positions.len())], &bad);
        prop_assert!(!is_partner_event_source_name(&name), "{name:?}");
    }

    #[test]
    fn validators_never_panic(text in ".{0,300}") {
        let _ = validate_partner_event_source_name(&text);
        let _ = validate_event_bus_name(&text, BusKind::Custom);
        let _ = validate_event_bus_name(&text, BusKind::Partner);
        let _ = is_account_id(&text);
    }
}
