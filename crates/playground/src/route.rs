//! Hash routing: `#/partners`, `#/rules`, ...
//!
//! Routes live in the URL fragment so the app works from any static host under any sub-path
//! (no server rewrites), and the browser's history gives back/forward for free. Which page
//! (bundle) serves a section is `web_ui::site`'s business; this is the route within a page.

pub use web_ui::site::{Page, Section};

/// Where the URL fragment points.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Section(Section),
    /// A fragment naming no section, kept so the page can say what was asked for.
    NotFound(String),
}

impl Route {
    /// The section shown when the fragment is empty: partners are where users start.
    pub const HOME: Route = Route::Section(Section::Partners);

    /// Reads a `location.hash` value (`""`, `"#"`, `"#/rules"`, `"#/rules?state=..."`).
    pub fn from_hash(hash: &str) -> Route {
        let slug = web_ui::query::path_of(hash).trim_matches('/');
        if slug.is_empty() {
            return Route::HOME;
        }
        Section::from_hash(hash)
            .filter(|_| !slug.contains('/') || slug.starts_with("learn/"))
            .map(Route::Section)
            .unwrap_or_else(|| Route::NotFound(slug.to_owned()))
    }

    pub fn section(&self) -> Option<Section> {
        match self {
            Route::Section(section) => Some(*section),
            Route::NotFound(_) => None,
        }
    }

    /// The document title for this route.
    pub fn document_title(&self) -> String {
        let page = match self {
            Route::Section(section) => section.title(),
            Route::NotFound(_) => "Page not found",
        };
        format!("{page} · EventBridge Pattern Playground")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_section_round_trips_through_its_fragment() {
        for section in Section::ALL {
            assert_eq!(
                Route::from_hash(&section.fragment()),
                Route::Section(section)
            );
        }
    }

    #[test]
    fn empty_fragments_go_home() {
        for hash in ["", "#", "#/", "#//"] {
            assert_eq!(Route::from_hash(hash), Route::HOME, "hash {hash:?}");
        }
    }

    #[test]
    fn query_after_the_path_is_ignored_for_routing() {
        assert_eq!(
            Route::from_hash("#/rules?state=abc"),
            Route::Section(Section::Rules)
        );
        assert_eq!(
            Route::from_hash("#/simulator/"),
            Route::Section(Section::Simulator)
        );
    }

    #[test]
    fn unknown_fragments_are_not_found_and_keep_the_name() {
        assert_eq!(
            Route::from_hash("#/nope"),
            Route::NotFound("nope".to_owned())
        );
        assert_eq!(
            Route::from_hash("#/Rules"),
            Route::NotFound("Rules".to_owned())
        );
        assert_eq!(
            Route::from_hash("#/rules/x"),
            Route::NotFound("rules/x".to_owned())
        );
        assert_eq!(Route::NotFound("x".into()).section(), None);
    }

    #[test]
    fn titles_name_the_section() {
        assert_eq!(
            Route::Section(Section::Regions).document_title(),
            "Regions · EventBridge Pattern Playground"
        );
        assert!(Route::NotFound("x".into())
            .document_title()
            .starts_with("Page not found"));
    }
}
