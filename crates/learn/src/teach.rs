//! The teacher's editor as plain data: the exercise being written, the partner samples offered
//! as events, and the link and embed snippet made from the finished exercise.

use lessons::{DraftEvent, Exercise, ExerciseDraft, ExerciseError, Expectation};
use web_ui::query;

/// Where the teacher's editor keeps the exercise being written, so a reload loses nothing.
pub const TEACHER_DRAFT_KEY: &str = "eventbridge-playground/learn/teacher-draft";

/// The saved draft, as written by [`ExerciseDraft::to_document`]; `None` when there is none or it
/// cannot be read (the editor then starts empty).
pub fn restore_draft(text: &str) -> Option<ExerciseDraft> {
    serde_json::from_str::<ExerciseDraft>(text).ok()
}

/// A partner sample offered to the teacher: `partner-id/sample-name`, a readable title and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SampleChoice {
    pub key: String,
    pub title: String,
    pub json: &'static str,
}

/// Every partner sample event in the catalog, by partner.
pub fn sample_choices() -> Vec<SampleChoice> {
    catalog::partners()
        .iter()
        .flat_map(|partner| {
            partner.samples().iter().map(move |sample| SampleChoice {
                key: format!("{}/{}", partner.id(), sample.name()),
                title: format!("{}: {}", partner.display_name(), sample.title()),
                json: sample.json(),
            })
        })
        .collect()
}

/// A sample as a draft event, labelled with its title; it should match until the teacher says not.
pub fn sample_event(choice: &SampleChoice) -> DraftEvent {
    DraftEvent {
        label: choice.title.clone(),
        event: choice.json.to_owned(),
        expect: Expectation::Match,
        hidden: false,
    }
}

/// Hints as the teacher types them: one per non-empty line.
pub fn hints_from_text(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The draft checked as a learner would get it; an empty answer means "no reference answer".
pub fn check(draft: &ExerciseDraft) -> Result<Exercise, ExerciseError> {
    let mut draft = draft.clone();
    if draft.answer.as_deref().is_some_and(|a| a.trim().is_empty()) {
        draft.answer = None;
    }
    draft.build()
}

/// The site root of a page URL: `https://h/tools/playground/learn/index.html#/x` ->
/// `https://h/tools/playground/`. Links are made absolute so they work when pasted anywhere.
pub fn site_root(page_url: &str) -> String {
    let without_hash = page_url.split('#').next().unwrap_or("");
    let without_query = without_hash.split('?').next().unwrap_or("");
    let dir = match without_query.rfind('/') {
        Some(at) => &without_query[..=at],
        None => without_query,
    };
    match dir.strip_suffix("learn/") {
        Some(root) => root.to_owned(),
        None => dir.to_owned(),
    }
}

/// The link a learner opens: the course page's shared-exercise view.
pub fn share_link(root: &str, encoded: &str) -> String {
    format!("{root}learn/#/learn/exercise?x={}", query::encode(encoded))
}

/// The iframe for a docs page or course site.
pub fn embed_snippet(root: &str, encoded: &str, title: &str) -> String {
    let title = if title.trim().is_empty() {
        "Event pattern exercise"
    } else {
        title.trim()
    };
    format!(
        "<iframe src=\"{root}embed/exercise/#/embed?exercise={}\" title=\"{}\" style=\"width:100%;height:640px;border:0\" loading=\"lazy\"></iframe>",
        query::encode(encoded),
        escape_attribute(title)
    )
}

fn escape_attribute(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalog_offers_partner_samples() {
        let choices = sample_choices();
        assert!(choices.len() > 20);
        let shopify = choices
            .iter()
            .find(|c| c.key == "shopify.com/orders-create")
            .expect("the Shopify order sample");
        let event = sample_event(shopify);
        assert_eq!(event.event, shopify.json);
        assert_eq!(event.expect, Expectation::Match);
        assert!(event.label.starts_with("Shopify"));
    }

    #[test]
    fn a_draft_of_samples_builds_and_an_empty_answer_is_no_answer() {
        let choices = sample_choices();
        let pick = |key: &str| sample_event(choices.iter().find(|c| c.key == key).unwrap());
        let mut paid = pick("shopify.com/products-update");
        paid.expect = Expectation::NoMatch;
        let mut draft = ExerciseDraft {
            task: "Match created orders.".into(),
            events: vec![pick("shopify.com/orders-create"), paid],
            hints: hints_from_text("  look at the topic \n\n use the header\n"),
            answer: Some("  ".into()),
            ..ExerciseDraft::default()
        };
        assert_eq!(draft.hints, ["look at the topic", "use the header"]);
        let exercise = check(&draft).expect("builds without an answer");
        assert_eq!(exercise.answer(), None);
        draft.answer = Some(r#"{"source": ["nope"]}"#.into());
        let error = check(&draft).unwrap_err();
        assert_eq!(error.field(), "answer", "{error}");
    }

    #[test]
    fn a_saved_draft_is_restored_and_a_damaged_one_is_not() {
        let draft = ExerciseDraft {
            title: "T".into(),
            task: "Match `x`.".into(),
            events: vec![sample_event(&sample_choices()[0])],
            hints: vec!["one".into()],
            answer: Some("{\"a\": [1.50]}".into()),
            ..ExerciseDraft::default()
        };
        assert_eq!(restore_draft(&draft.to_document()), Some(draft));
        assert_eq!(restore_draft("{broken"), None);
        assert_eq!(restore_draft("[1]"), None);
    }

    #[test]
    fn links_point_at_the_pages_below_the_site_root() {
        for url in [
            "https://h/tools/playground/learn/#/learn/teach",
            "https://h/tools/playground/learn/index.html?x=1#/learn/teach",
        ] {
            assert_eq!(site_root(url), "https://h/tools/playground/", "{url}");
        }
        assert_eq!(
            site_root("http://localhost:8080/learn/"),
            "http://localhost:8080/"
        );
        let link = share_link("https://h/", "1.ab-_c");
        assert_eq!(link, "https://h/learn/#/learn/exercise?x=1.ab-_c");
        assert_eq!(query::param(&link, "x").as_deref(), Some("1.ab-_c"));
        let snippet = embed_snippet("https://h/", "1.abc", "Orders \"today\" <b>");
        assert!(
            snippet.starts_with("<iframe src=\"https://h/embed/exercise/#/embed?exercise=1.abc\""),
            "{snippet}"
        );
        assert!(
            snippet.contains("title=\"Orders &quot;today&quot; &lt;b&gt;\""),
            "{snippet}"
        );
    }
}
