//! Testing one pattern against every sample event of a partner at once (the rule builder's
//! "all samples" line).

use catalog::Sample;
use event_pattern::{Event, Pattern};

/// One sample event of the chosen partner and whether the pattern matches it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SampleOutcome {
    pub sample: &'static Sample,
    pub matched: bool,
}

/// Matches a valid pattern against every sample as seen by `account` in `region`; `None` when
/// the pattern is empty or invalid (the editor already says why).
pub fn check_samples(
    pattern_text: &str,
    samples: &'static [Sample],
    account: &str,
    region: &str,
) -> Option<Vec<SampleOutcome>> {
    if pattern_text.trim().is_empty() {
        return None;
    }
    let pattern = Pattern::parse(pattern_text).ok()?;
    Some(
        samples
            .iter()
            .map(|sample| SampleOutcome {
                sample,
                matched: Event::parse(&sample.event_for(account, region))
                    .is_ok_and(|event| pattern.matches(&event)),
            })
            .collect(),
    )
}

/// "2 of 3 sample events match".
pub fn samples_summary(outcomes: &[SampleOutcome]) -> String {
    let matched = outcomes.iter().filter(|o| o.matched).count();
    let total = outcomes.len();
    let noun = if total == 1 { "event" } else { "events" };
    let verb = if matched == 1 { "matches" } else { "match" };
    format!("{matched} of {total} sample {noun} {verb} the pattern.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_are_checked_together() {
        let shopify = catalog::partner("shopify.com").unwrap();
        let outcomes = check_samples(
            r#"{"detail": {"metadata": {"X-Shopify-Topic": [{"prefix": "orders/"}]}}}"#,
            shopify.samples(),
            "111122223333",
            "eu-west-1",
        )
        .unwrap();
        assert_eq!(outcomes.len(), shopify.samples().len());
        let matched: Vec<&str> = outcomes
            .iter()
            .filter(|o| o.matched)
            .map(|o| o.sample.name())
            .collect();
        assert_eq!(matched, vec!["orders-create"]);
        assert_eq!(
            samples_summary(&outcomes),
            "1 of 3 sample events matches the pattern."
        );
        // The samples are seen in the user's account, so account patterns work on them.
        let mine = check_samples(
            r#"{"account": ["111122223333"]}"#,
            shopify.samples(),
            "111122223333",
            "eu-west-1",
        )
        .unwrap();
        assert!(mine.iter().all(|o| o.matched));
        assert_eq!(
            check_samples("{", shopify.samples(), "1", "us-east-1"),
            None
        );
        assert_eq!(
            check_samples(" ", shopify.samples(), "1", "us-east-1"),
            None
        );
    }
}
