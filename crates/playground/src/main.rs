//! EventBridge Pattern Playground: the client-side web app.
//!
//! Components stay thin: they render plain Rust types (routes, catalog entries, match results)
//! that are unit-tested natively.

#![forbid(unsafe_code)]

mod app;
mod components;
mod model;
mod pages;
mod route;
mod share;
mod state;
mod storage;
mod theme;
mod toolbar;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
