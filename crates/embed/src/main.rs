//! The docs embed as its own entry page (`embed/index.html`), so that a documentation page with
//! one example downloads the matcher, the editors and the explanation, and nothing else.
//!
//! URLs: `embed/#/embed?pattern=…&event=…&theme=dark&readonly=1` (or `state=` with a share
//! link's state, or `exercise=` with a teacher's exercise link). The workbench page forwards its old `#/embed?…` URLs here before loading.

#![forbid(unsafe_code)]

mod exercise;
mod request;
mod view;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(view::EmbedApp);
}
