//! The docs embed as its own entry page (`embed/index.html`), so that a documentation page with
//! one example downloads the matcher, the editors and the explanation, and nothing else.
//!
//! URLs: `embed/#/embed?pattern=…&event=…&theme=dark&readonly=1` (or `state=` with a share
//! link's state). The workbench page forwards its old `#/embed?…` URLs here before loading.
//! A teacher's exercise (`exercise=` with an exercise link) is the same crate built with the
//! `exercise` feature into `embed/exercise/`; the plain embed forwards such URLs there.

#![forbid(unsafe_code)]

#[cfg(feature = "exercise")]
mod exercise;
mod request;
mod view;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(view::EmbedApp);
}
