//! The colour theme: the system's choice unless the user picks light or dark.

/// Where the preference is kept. It is a setting of this browser, not part of the shared state.
pub const THEME_KEY: &str = "eventbridge-playground/theme";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    System,
    Light,
    Dark,
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    /// The value stored and used in `<html data-theme>`; `None` for the system default.
    pub fn attribute(self) -> Option<&'static str> {
        match self {
            Theme::System => None,
            Theme::Light => Some("light"),
            Theme::Dark => Some("dark"),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Theme::System => "System",
            Theme::Light => "Light",
            Theme::Dark => "Dark",
        }
    }

    /// Reads a stored or URL value; anything unknown means the system default.
    pub fn from_attribute(value: &str) -> Theme {
        Theme::ALL
            .into_iter()
            .find(|theme| theme.attribute() == Some(value))
            .unwrap_or(Theme::System)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_theme_round_trips_through_its_attribute() {
        for theme in Theme::ALL {
            assert_eq!(
                Theme::from_attribute(theme.attribute().unwrap_or("")),
                theme
            );
        }
    }

    #[test]
    fn unknown_values_follow_the_system() {
        assert_eq!(Theme::from_attribute("purple"), Theme::System);
        assert_eq!(Theme::from_attribute(""), Theme::System);
    }
}
