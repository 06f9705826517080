//! The Regions page's table: searching the catalog's Regions.

use catalog::Region;

use web_ui::text_match::SearchText;

/// Regions whose code, name or partition contains every word of `text`, in catalog order.
pub fn find_regions(text: &str) -> Vec<&'static Region> {
    let search = SearchText::new(text);
    catalog::regions()
        .iter()
        .filter(|region| {
            search.matches(&[region.code(), region.name(), region.partition().as_str()])
        })
        .collect()
}

/// An ARN in `region`, to show what changes with the Region (and with the partition in China).
pub fn example_bus_arn(region: &Region, account: &str) -> String {
    aws_model::event_bus_arn(region.code(), account, aws_model::DEFAULT_EVENT_BUS)
}

/// The sentence under the search box.
pub fn result_summary(shown: usize, total: usize) -> String {
    match shown {
        0 => "No Region matches.".to_owned(),
        n if n == total => format!("All {total} Regions where partner event sources are offered."),
        1 => format!("1 of {total} Regions matches."),
        n => format!("{n} of {total} Regions match."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str) -> Vec<&'static str> {
        find_regions(text).iter().map(|r| r.code()).collect()
    }

    #[test]
    fn regions_are_found_by_code_name_and_partition() {
        let cases: &[(&str, &[&str])] = &[
            ("eu-west-1", &["eu-west-1"]),
            ("EU-WEST-1", &["eu-west-1"]),
            ("ireland", &["eu-west-1"]),
            ("tokyo", &["ap-northeast-1"]),
            ("aws-cn", &["cn-north-1", "cn-northwest-1"]),
            ("china", &["cn-north-1", "cn-northwest-1"]),
            ("us east", &["us-east-1", "us-east-2"]),
            ("atlantis", &[]),
        ];
        for (text, expected) in cases {
            assert_eq!(codes(text), *expected, "search {text:?}");
        }
    }

    #[test]
    fn regression_sao_paulo_is_found_without_typing_the_accent() {
        assert_eq!(codes("sao paulo"), ["sa-east-1"]);
        assert_eq!(codes("São Paulo"), ["sa-east-1"]);
    }

    #[test]
    fn an_empty_search_lists_every_region_in_catalog_order() {
        let all: Vec<&str> = catalog::regions().iter().map(|r| r.code()).collect();
        assert_eq!(codes(""), all);
        assert_eq!(all.len(), 23);
    }

    #[test]
    fn example_arns_follow_region_and_partition() {
        let cases: &[(&str, &str)] = &[
            (
                "us-east-1",
                "arn:aws:events:us-east-1:111122223333:event-bus/default",
            ),
            (
                "cn-north-1",
                "arn:aws-cn:events:cn-north-1:111122223333:event-bus/default",
            ),
        ];
        for (code, arn) in cases {
            assert_eq!(
                example_bus_arn(catalog::region(code).unwrap(), "111122223333"),
                *arn
            );
        }
    }

    #[test]
    fn result_summaries_read_well() {
        assert!(result_summary(23, 23).starts_with("All 23 Regions"));
        assert_eq!(result_summary(1, 23), "1 of 23 Regions matches.");
        assert_eq!(result_summary(2, 23), "2 of 23 Regions match.");
        assert_eq!(result_summary(0, 23), "No Region matches.");
    }
}
