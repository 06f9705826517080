//! Hash routing: `#/partners`, `#/rules`, ...
//!
//! Routes live in the URL fragment so the app works from any static host under any sub-path
//! (no server rewrites), and the browser's history gives back/forward for free.

aws_model::string_enum! {
    /// A top-level section of the playground, in navigation order; the names are the URL slugs.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Section {
        Partners = "partners",
        Regions = "regions",
        Rules = "rules",
        Simulator = "simulator",
    }
}

impl Section {
    pub fn title(self) -> &'static str {
        match self {
            Section::Partners => "Partners",
            Section::Regions => "Regions",
            Section::Rules => "Rules",
            Section::Simulator => "Simulator",
        }
    }

    pub fn href(self) -> String {
        format!("#/{}", self.as_str())
    }
}

/// Where the URL fragment points.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Section(Section),
    /// The minimal view for documentation iframes (`#/embed?...`), without the site's chrome.
    Embed,
    /// A fragment naming no section, kept so the page can say what was asked for.
    NotFound(String),
}

impl Route {
    /// The section shown when the fragment is empty: partners are where users start.
    pub const HOME: Route = Route::Section(Section::Partners);

    /// Reads a `location.hash` value (`""`, `"#"`, `"#/rules"`, `"#/rules?state=..."`).
    pub fn from_hash(hash: &str) -> Route {
        let fragment = hash.strip_prefix('#').unwrap_or(hash);
        let path = fragment.split('?').next().unwrap_or("");
        let slug = path.trim_matches('/');
        if slug.is_empty() {
            return Route::HOME;
        }
        if slug == "embed" {
            return Route::Embed;
        }
        slug.parse::<Section>()
            .map(Route::Section)
            .unwrap_or_else(|_| Route::NotFound(slug.to_owned()))
    }

    pub fn section(&self) -> Option<Section> {
        match self {
            Route::Section(section) => Some(*section),
            Route::Embed | Route::NotFound(_) => None,
        }
    }

    /// The document title for this route.
    pub fn document_title(&self) -> String {
        let page = match self {
            Route::Section(section) => section.title(),
            Route::Embed => "Event pattern example",
            Route::NotFound(_) => "Page not found",
        };
        format!("{page} · EventBridge Pattern Playground")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_section_round_trips_through_its_href() {
        for section in Section::ALL {
            assert_eq!(Route::from_hash(&section.href()), Route::Section(section));
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
        assert_eq!(Route::NotFound("x".into()).section(), None);
    }

    #[test]
    fn the_embed_route_keeps_its_query_for_the_embed_view() {
        assert_eq!(
            Route::from_hash("#/embed?pattern=%7B%7D&theme=dark"),
            Route::Embed
        );
        assert_eq!(Route::Embed.section(), None);
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
