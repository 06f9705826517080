//! The site's sections and which page (WebAssembly bundle) serves each.
//!
//! The playground is built as several entry pages so that nobody downloads what they do not use:
//! the workbench (`index.html`: partners and regions), the rule builder (`rules/`), the simulator
//! (`simulator/`), the course (`learn/`) and the docs embed (`embed/`). Every page reads the same fragment routes as before
//! the split (`#/rules?…`, `#/simulator?rule=…`, `#/learn/<lesson>`, `#/embed?…`), so a link
//! keeps working whichever page it lands on: `index.html` forwards fragments that belong to another
//! page before loading anything (see `web/index.html`), and links between pages are relative, so
//! the site works under any sub-path of a static host.

/// Where the course page keeps the learner's progress (`lessons::Progress` as JSON). The
/// workbench's export and import carry it, so it lives here, where both pages can name it.
pub const LEARN_PROGRESS_KEY: &str = "eventbridge-playground/learn/v1";

/// One entry page of the site.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    /// `index.html`: partners and regions (the home page: its bundle holds no matcher).
    Workbench,
    /// `rules/index.html`: the rule builder (the matcher, explanations and exports).
    Rules,
    /// `simulator/index.html`: the delivery simulator.
    Simulator,
    /// `learn/index.html`: the course.
    Learn,
    /// `embed/index.html`: the docs embed.
    Embed,
    /// `custom-bus/index.html`: the Custom Event Bus (subscribers, migration from Classic).
    CustomBus,
}

impl Page {
    /// The page's directory below the site root, with a trailing slash (`""` for the root).
    pub fn dir(self) -> &'static str {
        match self {
            Page::Workbench => "",
            Page::Rules => "rules/",
            Page::Simulator => "simulator/",
            Page::Learn => "learn/",
            Page::Embed => "embed/",
            Page::CustomBus => "custom-bus/",
        }
    }

    /// The relative path from this page's directory to the site root (every page but the root
    /// is one directory down).
    fn to_root(self) -> &'static str {
        if self.dir().is_empty() {
            ""
        } else {
            "../"
        }
    }

    /// The page that serves a fragment route (`#/simulator?…` -> the simulator): the page of
    /// the section it names, the embed (no section of the navigation) for `#/embed`, and the
    /// home page for anything else.
    pub fn for_hash(hash: &str) -> Page {
        if first_segment(hash) == "embed" {
            return Page::Embed;
        }
        Section::from_hash(hash).map_or(Page::Workbench, Section::page)
    }

    /// A link from this page to `fragment` (`#/…`) on `target`: the bare fragment when it is
    /// this page, a relative path otherwise.
    pub fn link_to(self, target: Page, fragment: &str) -> String {
        if target == self {
            fragment.to_owned()
        } else {
            format!("{}{}{}", self.to_root(), target.dir(), fragment)
        }
    }
}

/// A top-level section of the site, in navigation order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Partners,
    Regions,
    Rules,
    Simulator,
    CustomBus,
    Learn,
}

impl Section {
    pub const ALL: [Section; 6] = [
        Section::Partners,
        Section::Regions,
        Section::Rules,
        Section::Simulator,
        Section::CustomBus,
        Section::Learn,
    ];

    /// The fragment's first segment: `#/rules`.
    pub fn slug(self) -> &'static str {
        match self {
            Section::Partners => "partners",
            Section::Regions => "regions",
            Section::Rules => "rules",
            Section::Simulator => "simulator",
            Section::CustomBus => "custom-bus",
            Section::Learn => "learn",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Section::Partners => "Partners",
            Section::Regions => "Regions",
            Section::Rules => "Rules",
            Section::Simulator => "Simulator",
            Section::CustomBus => "New bus",
            Section::Learn => "Learn",
        }
    }

    /// The page that serves this section.
    pub fn page(self) -> Page {
        match self {
            Section::Partners | Section::Regions => Page::Workbench,
            Section::Rules => Page::Rules,
            Section::Simulator => Page::Simulator,
            Section::CustomBus => Page::CustomBus,
            Section::Learn => Page::Learn,
        }
    }

    /// The section's fragment, `#/rules`.
    pub fn fragment(self) -> String {
        format!("#/{}", self.slug())
    }

    /// A link to this section from `from`, optionally with a query (`rule=…&bus=…`).
    pub fn link_from(self, from: Page, query: &str) -> String {
        let fragment = if query.is_empty() {
            self.fragment()
        } else {
            format!("{}?{query}", self.fragment())
        };
        from.link_to(self.page(), &fragment)
    }

    /// The section a fragment names, if any (`#/rules?x` -> Rules; `#/` -> none).
    pub fn from_hash(hash: &str) -> Option<Section> {
        let slug = first_segment(hash);
        Section::ALL.into_iter().find(|s| s.slug() == slug)
    }
}

/// The first segment of a fragment route's path (`#/learn/exists?x` -> `learn`).
fn first_segment(hash: &str) -> &str {
    let path = crate::query::path_of(hash);
    path.trim_start_matches('/').split('/').next().unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_name_the_page_that_serves_them() {
        assert_eq!(Page::for_hash(""), Page::Workbench);
        assert_eq!(Page::for_hash("#/rules?state=1.x"), Page::Rules);
        assert_eq!(Page::for_hash("#/partners"), Page::Workbench);
        assert_eq!(Page::for_hash("#/rulesets"), Page::Workbench);
        assert_eq!(Page::for_hash("#/simulator?rule=a"), Page::Simulator);
        assert_eq!(Page::for_hash("#/learn/exists"), Page::Learn);
        assert_eq!(Page::for_hash("#/embed?pattern=%7B%7D"), Page::Embed);
        assert_eq!(Page::for_hash("#/embedded"), Page::Workbench);
        assert_eq!(Page::for_hash("#/custom-bus"), Page::CustomBus);
        for section in Section::ALL {
            assert_eq!(Page::for_hash(&section.fragment()), section.page());
            assert_eq!(Section::from_hash(&section.fragment()), Some(section));
        }
    }

    #[test]
    fn links_between_pages_are_relative() {
        assert_eq!(Section::Regions.link_from(Page::Workbench, ""), "#/regions");
        assert_eq!(
            Section::Rules.link_from(Page::Workbench, ""),
            "rules/#/rules"
        );
        assert_eq!(Section::Rules.link_from(Page::Rules, ""), "#/rules");
        assert_eq!(
            Section::Partners.link_from(Page::Rules, ""),
            "../#/partners"
        );
        assert_eq!(
            Section::Simulator.link_from(Page::Workbench, "rule=a"),
            "simulator/#/simulator?rule=a"
        );
        assert_eq!(
            Section::Rules.link_from(Page::Simulator, ""),
            "../rules/#/rules"
        );
        assert_eq!(
            Section::Learn.link_from(Page::Simulator, ""),
            "../learn/#/learn"
        );
        assert_eq!(Section::Learn.link_from(Page::Learn, ""), "#/learn");
        assert_eq!(
            Section::Rules.link_from(Page::Embed, "pattern=x"),
            "../rules/#/rules?pattern=x"
        );
    }
}
