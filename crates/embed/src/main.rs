//! The docs embed as its own entry page (`embed/index.html`), so that a documentation page with
//! one example downloads the matcher, the editors and the explanation, and nothing else.
//!
//! URLs: `embed/#/embed?pattern=…&event=…&theme=dark&readonly=1` (or `state=` with a share
//! link's state). The workbench page forwards its old `#/embed?…` URLs here before loading.
//! A teacher's exercise (`exercise=` with an exercise link) is the same crate built with the
//! `exercise` feature into `embed/exercise/`; the plain embed forwards such URLs there, and the
//! exercise page forwards a plain example's URL back.
//!
//! Both are built from web-ui's plain widgets, without Leptos (issue 14): the plain embed in
//! `page`, the exercise with its hints and grading in `exercise`.

#![forbid(unsafe_code)]

#[cfg(feature = "exercise")]
mod exercise;
mod height;
#[cfg(not(feature = "exercise"))]
mod page;
// The exercise page reads only the theme and the exercise from a request.
#[cfg_attr(feature = "exercise", allow(dead_code))]
mod request;

use web_ui::dom::{child, document, window};

use crate::request::EmbedRequest;

fn main() {
    console_error_panic_hook::set_once();
    let request = EmbedRequest::from_hash(&window().location().hash().unwrap_or_default());
    if let (Some(value), Some(root)) = (request.theme.attribute(), document().document_element()) {
        let _ = root.set_attribute("data-theme", value);
    }
    match request.exercise {
        Some(encoded) => open_exercise(encoded),
        None => open_example(request),
    }
}

#[cfg(feature = "exercise")]
fn open_exercise(encoded: String) {
    exercise::start(encoded);
}

#[cfg(not(feature = "exercise"))]
fn open_exercise(_encoded: String) {
    forward("exercise/", "Opening the exercise…");
}

#[cfg(not(feature = "exercise"))]
fn open_example(request: EmbedRequest) {
    page::start(request);
}

#[cfg(feature = "exercise")]
fn open_example(_request: EmbedRequest) {
    forward("../", "Opening the example…");
}

/// Each embed page carries one kind of embed, so that a docs page downloads only what it shows:
/// the other kind's URL goes to its page (`exercise/` below the plain embed), with the same hash.
fn forward(page: &str, status: &str) {
    let location = window().location();
    let hash = location.hash().unwrap_or_default();
    let _ = location.replace(&format!("{page}{hash}"));
    if let Some(body) = document().body() {
        let _ = child(&body, "p", "", status).set_attribute("role", "status");
    }
}
