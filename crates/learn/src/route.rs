//! The page's fragment routes.

use web_ui::query;

/// What the fragment asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// `#/learn` (and an empty fragment): the course outline.
    Outline,
    /// `#/learn/<lesson-id>`.
    Lesson(String),
    /// `#/learn/teach`: the teacher's editor.
    Teach,
    /// `#/learn/exercise?x=<link>`: a shared exercise (`None` when the link has no `x`).
    Shared(Option<String>),
}

impl Route {
    pub fn from_hash(hash: &str) -> Route {
        let path = query::path_of(hash).trim_start_matches('/');
        let mut segments = path.split('/').filter(|s| !s.is_empty());
        match (segments.next(), segments.next()) {
            (Some("learn"), Some("teach")) => Route::Teach,
            (Some("learn"), Some("exercise")) => Route::Shared(query::param(hash, "x")),
            (Some("learn"), Some(lesson)) => Route::Lesson(query::decode(lesson)),
            _ => Route::Outline,
        }
    }

    /// The fragment of a lesson.
    pub fn lesson_fragment(id: &str) -> String {
        format!("#/learn/{}", query::encode(id))
    }

    pub fn title(&self) -> String {
        let page = match self {
            Route::Outline => "Learn event patterns".to_owned(),
            Route::Lesson(id) => match lessons::course().lesson(id) {
                Some(lesson) => lessons::markup::plain_text(lesson.title()),
                None => "Lesson not found".to_owned(),
            },
            Route::Teach => "Make an exercise".to_owned(),
            Route::Shared(_) => "Shared exercise".to_owned(),
        };
        format!("{page} · EventBridge Pattern Playground")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_name_their_screens() {
        let cases = [
            ("", Route::Outline),
            ("#/learn", Route::Outline),
            ("#/learn/", Route::Outline),
            ("#/rules", Route::Outline),
            ("#/learn/teach", Route::Teach),
            ("#/learn/exists", Route::Lesson("exists".into())),
            ("#/learn/or-and?x=1", Route::Lesson("or-and".into())),
            ("#/learn/exercise", Route::Shared(None)),
            (
                "#/learn/exercise?x=1.abc",
                Route::Shared(Some("1.abc".into())),
            ),
        ];
        for (hash, want) in cases {
            assert_eq!(Route::from_hash(hash), want, "{hash}");
        }
    }

    #[test]
    fn lesson_fragments_round_trip() {
        for lesson in lessons::course().lessons() {
            let fragment = Route::lesson_fragment(lesson.id());
            assert_eq!(
                Route::from_hash(&fragment),
                Route::Lesson(lesson.id().into())
            );
        }
        assert!(Route::Lesson("nope".into())
            .title()
            .starts_with("Lesson not found"));
    }
}
