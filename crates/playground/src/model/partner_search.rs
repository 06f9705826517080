//! The partner list of the Partners page: what is listed, searched and filtered.

use catalog::{Category, Partner, Sample};

use web_ui::text_match::SearchText;

/// One entry of the partner list: a partner of the seed page, or Salesforce, which reaches
/// EventBridge through its own Event Relay feature instead of the console's partner list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Listing {
    Partner(&'static Partner),
    SalesforceEventRelay,
}

const SALESFORCE_ID: &str = "salesforce.com";
const SALESFORCE_SHAPE: &str = "aws.partner/salesforce.com/<org-id>/<channel-id>";

impl Listing {
    /// Every entry: the seed's partners in the seed's order, then Salesforce.
    pub fn all() -> impl Iterator<Item = Listing> {
        catalog::partners()
            .iter()
            .map(Listing::Partner)
            .chain(std::iter::once(Listing::SalesforceEventRelay))
    }

    pub fn id(self) -> &'static str {
        match self {
            Listing::Partner(partner) => partner.id(),
            Listing::SalesforceEventRelay => SALESFORCE_ID,
        }
    }

    pub fn display_name(self) -> &'static str {
        match self {
            Listing::Partner(partner) => partner.display_name(),
            Listing::SalesforceEventRelay => "Salesforce",
        }
    }

    pub fn category(self) -> Category {
        match self {
            Listing::Partner(partner) => partner.category(),
            Listing::SalesforceEventRelay => Category::SalesAndCrm,
        }
    }

    pub fn summary(self) -> &'static str {
        match self {
            Listing::Partner(partner) => partner.summary(),
            Listing::SalesforceEventRelay => {
                "CRM platform; its Event Relay forwards platform events and change data capture \
                 events to a partner event bus."
            }
        }
    }

    /// Where the set-up starts in the EventBridge console; Salesforce starts in Salesforce.
    pub fn console_url(self) -> Option<&'static str> {
        match self {
            Listing::Partner(partner) => Some(partner.console_url()),
            Listing::SalesforceEventRelay => None,
        }
    }

    /// Something the user should know that the other fields do not say.
    pub fn note(self) -> Option<&'static str> {
        match self {
            Listing::Partner(_) => None,
            Listing::SalesforceEventRelay => Some(
                "Salesforce is not on EventBridge's partner list: you create an event relay in \
                 Salesforce, which then offers your account a partner event source. From there on \
                 the steps are the same as for any partner.",
            ),
        }
    }

    pub fn source_name_shape(self) -> &'static str {
        match self {
            Listing::Partner(partner) => partner.source_name_shape(),
            Listing::SalesforceEventRelay => SALESFORCE_SHAPE,
        }
    }

    /// A source name of the entry's shape for `account`: what the partner would create.
    pub fn example_source_name(self, account: &str) -> String {
        match self {
            Listing::Partner(partner) => partner.example_source_name(account),
            Listing::SalesforceEventRelay => {
                // Salesforce ids start with a three-character key prefix (00D for orgs, 0YL for
                // relay channels); the rest is derived from the account so each account differs.
                let org = stable_hash(account, "org") & 0xffff_ffff_ffff;
                let channel = stable_hash(account, "channel") & 0xffff_ffff_ffff;
                format!("aws.partner/{SALESFORCE_ID}/00D{org:012X}/0YL{channel:012X}")
            }
        }
    }

    pub fn samples(self) -> &'static [Sample] {
        match self {
            Listing::Partner(partner) => partner.samples(),
            Listing::SalesforceEventRelay => catalog::salesforce_event_relay_samples(),
        }
    }

    /// True when a source of this name is one this entry would create (its own name segment).
    pub fn owns_source_name(self, name: &str) -> bool {
        match self {
            Listing::Partner(partner) => partner.owns_source_name(name),
            Listing::SalesforceEventRelay => {
                aws_model::partner_name(name) == Some(SALESFORCE_ID)
                    && aws_model::is_partner_event_source_name(name)
            }
        }
    }

    /// The segment after `aws.partner/` in the entry's source names.
    fn source_segment(self) -> &'static str {
        match self {
            Listing::Partner(partner) => partner.source_partner_name(),
            Listing::SalesforceEventRelay => SALESFORCE_ID,
        }
    }
}

/// FNV-1a over the account and a label: stable everywhere, enough to spread example ids.
fn stable_hash(account: &str, label: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in account.bytes().chain(*b"/").chain(label.bytes()) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// The search box and the category filter of the partner list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PartnerFilter {
    pub text: String,
    pub category: Option<Category>,
}

impl PartnerFilter {
    /// The entries in the chosen category whose name, id, description or source-name segment
    /// (Datadog's differs from its id) contain every search word, in list order.
    pub fn apply(&self) -> Vec<Listing> {
        let search = SearchText::new(&self.text);
        Listing::all()
            .filter(|listing| self.matches_with(&search, *listing))
            .collect()
    }

    fn matches_with(&self, search: &SearchText, listing: Listing) -> bool {
        self.category
            .is_none_or(|category| listing.category() == category)
            && search.matches(&[
                listing.display_name(),
                listing.id(),
                listing.summary(),
                listing.source_segment(),
            ])
    }
}

/// The `value` of a category's `<option>`: the category's name (its label in lower case with
/// dashes).
pub fn category_value(category: Category) -> &'static str {
    category.as_str()
}

/// The category an `<option>` value names; anything else (such as "all") is no category.
pub fn category_from_value(value: &str) -> Option<Category> {
    value.parse().ok()
}

/// Categories that have entries, each with how many, in [`Category::ALL`] order.
pub fn category_counts() -> Vec<(Category, usize)> {
    Category::ALL
        .into_iter()
        .map(|category| {
            (
                category,
                Listing::all().filter(|l| l.category() == category).count(),
            )
        })
        .filter(|(_, count)| *count > 0)
        .collect()
}

/// The entry whose details are shown: the one the user chose while it is among the results,
/// otherwise the first result, so typing a name is enough to open it.
pub fn shown_listing(results: &[Listing], chosen: Option<&str>) -> Option<Listing> {
    chosen
        .and_then(|id| results.iter().copied().find(|listing| listing.id() == id))
        .or_else(|| results.first().copied())
}

/// The sentence under the search box.
pub fn result_summary(shown: usize, total: usize) -> String {
    match (shown, total) {
        (0, _) => "No partner matches: try fewer words or another category.".to_owned(),
        (shown, total) if shown == total => format!("All {total} partners."),
        (1, total) => format!("1 of {total} partners matches."),
        (shown, total) => format!("{shown} of {total} partners match."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(listings: &[Listing]) -> Vec<&'static str> {
        listings.iter().map(|l| l.id()).collect()
    }

    fn search(text: &str) -> Vec<&'static str> {
        ids(&PartnerFilter {
            text: text.to_owned(),
            category: None,
        }
        .apply())
    }

    #[test]
    fn the_list_is_the_seeds_partners_then_salesforce() {
        let all: Vec<Listing> = Listing::all().collect();
        assert_eq!(all.len(), catalog::partners().len() + 1);
        assert_eq!(all.len(), 35);
        assert_eq!(all.last(), Some(&Listing::SalesforceEventRelay));
        assert_eq!(all[0].id(), catalog::partners()[0].id());
        let mut unique = ids(&all);
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), all.len(), "ids are unique");
    }

    #[test]
    fn search_finds_by_name_id_description_and_source_segment() {
        let cases: &[(&str, &[&str])] = &[
            ("zendesk", &["zendesk.com"]),
            ("Zendesk", &["zendesk.com"]),
            ("datadoghq.com", &["datadoghq.com"]),
            // Datadog's sources are named aws.partner/datadog.com/..., not after its console id.
            ("datadog.com", &["datadoghq.com"]),
            ("ethereum", &["buidlhub.com"]),
            ("event relay", &["salesforce.com"]),
            ("salesforce", &["salesforce.com"]),
            ("no such partner anywhere", &[]),
        ];
        for (text, expected) in cases {
            assert_eq!(search(text), *expected, "search {text:?}");
        }
    }

    #[test]
    fn an_empty_filter_lists_everything() {
        assert_eq!(PartnerFilter::default().apply().len(), 35);
    }

    #[test]
    fn the_category_filter_keeps_only_that_category_and_combines_with_search() {
        for (category, count) in category_counts() {
            let filter = PartnerFilter {
                text: String::new(),
                category: Some(category),
            };
            let found = filter.apply();
            assert_eq!(found.len(), count, "{category:?}");
            assert!(found.iter().all(|l| l.category() == category));
        }
        let identity = PartnerFilter {
            text: String::new(),
            category: Some(Category::Identity),
        };
        assert!(ids(&identity.apply()).contains(&"auth0.com"));
        assert!(!ids(&identity.apply()).contains(&"zendesk.com"));
        let wrong_category = PartnerFilter {
            text: "zendesk".into(),
            category: Some(Category::Identity),
        };
        assert!(wrong_category.apply().is_empty());
        let crm = PartnerFilter {
            text: "salesforce".into(),
            category: Some(Category::SalesAndCrm),
        };
        assert_eq!(ids(&crm.apply()), ["salesforce.com"]);
    }

    #[test]
    fn category_counts_add_up_to_the_whole_list() {
        let total: usize = category_counts().iter().map(|(_, n)| n).sum();
        assert_eq!(total, 35);
        assert!(category_counts().iter().all(|(_, n)| *n > 0));
    }

    #[test]
    fn category_values_round_trip_and_are_url_safe() {
        for category in Category::ALL {
            let value = category_value(category);
            assert!(
                value
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{value}"
            );
            assert_eq!(category_from_value(value), Some(category));
        }
        assert_eq!(category_value(Category::SalesAndCrm), "sales-and-crm");
        assert_eq!(category_from_value("all"), None);
        assert_eq!(category_from_value(""), None);
    }

    #[test]
    fn the_shown_entry_follows_the_choice_while_it_is_listed() {
        let all: Vec<Listing> = Listing::all().collect();
        assert_eq!(
            shown_listing(&all, Some("zendesk.com")).map(Listing::id),
            Some("zendesk.com")
        );
        assert_eq!(
            shown_listing(&all, None).map(Listing::id),
            Some(all[0].id())
        );
        let only_auth0 = PartnerFilter {
            text: "auth0".into(),
            category: None,
        }
        .apply();
        assert_eq!(
            shown_listing(&only_auth0, Some("zendesk.com")).map(Listing::id),
            Some("auth0.com")
        );
        assert_eq!(shown_listing(&[], Some("zendesk.com")), None);
        assert_eq!(
            shown_listing(&all, Some("not-a-partner")).map(Listing::id),
            Some(all[0].id())
        );
    }

    #[test]
    fn every_entry_has_samples_and_an_example_name_it_owns() {
        for listing in Listing::all() {
            assert!(!listing.samples().is_empty(), "{}", listing.id());
            let name = listing.example_source_name("111122223333");
            assert!(aws_model::is_partner_event_source_name(&name), "{name}");
            assert!(listing.owns_source_name(&name), "{name}");
            assert_ne!(
                name,
                listing.example_source_name("444455556666"),
                "names differ per account"
            );
        }
        assert!(!Listing::SalesforceEventRelay.owns_source_name("aws.partner/auth0.com/x/y"));
    }

    #[test]
    fn only_salesforce_has_a_note_and_no_console_link() {
        for listing in Listing::all() {
            let is_salesforce = listing == Listing::SalesforceEventRelay;
            assert_eq!(listing.note().is_some(), is_salesforce);
            assert_eq!(listing.console_url().is_none(), is_salesforce);
        }
    }

    #[test]
    fn result_summaries_read_well() {
        assert_eq!(result_summary(35, 35), "All 35 partners.");
        assert_eq!(result_summary(1, 35), "1 of 35 partners matches.");
        assert_eq!(result_summary(4, 35), "4 of 35 partners match.");
        assert!(result_summary(0, 35).starts_with("No partner matches"));
    }
}
