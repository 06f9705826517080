//! The docs embed as its own entry page (`embed/index.html`), so that a documentation page with
//! one example downloads the matcher, the editors and the explanation, and nothing else.
//!
//! URLs: `embed/#/embed?pattern=…&event=…&theme=dark&readonly=1` (or `state=` with a share
//! link's state). The workbench page forwards its old `#/embed?…` URLs here before loading.
//! A teacher's exercise (`exercise=` with an exercise link) is the same crate built with the
//! `exercise` feature into `embed/exercise/`; the plain embed forwards such URLs there.
//!
//! Both are built from web-ui's plain widgets, without Leptos (issue 14): the plain embed in
//! `page`, the exercise with its hints and grading in `exercise`.

#![forbid(unsafe_code)]

#[cfg(feature = "exercise")]
mod exercise;
mod height;
mod page;
mod request;

#[cfg(not(feature = "exercise"))]
use web_ui::dom::child;
use web_ui::dom::{document, window};

use crate::request::EmbedRequest;

fn main() {
    console_error_panic_hook::set_once();
    let request = EmbedRequest::from_hash(&window().location().hash().unwrap_or_default());
    if let (Some(value), Some(root)) = (request.theme.attribute(), document().document_element()) {
        let _ = root.set_attribute("data-theme", value);
    }
    match request.exercise {
        Some(encoded) => open_exercise(encoded),
        None => page::start(request),
    }
}

#[cfg(feature = "exercise")]
fn open_exercise(encoded: String) {
    exercise::start(encoded);
}

/// The plain embed hands an exercise to its own page (`exercise/`, same hash), which carries
/// the grading; a docs page with a plain example never downloads it.
#[cfg(not(feature = "exercise"))]
fn open_exercise(_encoded: String) {
    let location = window().location();
    let hash = location.hash().unwrap_or_default();
    let _ = location.replace(&format!("exercise/{hash}"));
    if let Some(body) = document().body() {
        let _ = child(&body, "p", "", "Opening the exercise…").set_attribute("role", "status");
    }
}
