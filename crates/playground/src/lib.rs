//! EventBridge Pattern Playground: the workbench and simulator pages of the client-side web app.
//!
//! Three entry pages share this library and the same shell: `index.html` (partners and regions,
//! `src/main.rs`), `rules/index.html` (the rule builder, `src/bin/rules.rs`) and
//! `simulator/index.html` (`src/bin/simulator.rs`). Each
//! passes the function that draws its sections, so its bundle holds only its own pages. The
//! course (`crates/learn`) and the docs embed (`crates/embed`) are separate, smaller pages built
//! on `web-ui`.
//!
//! Components stay thin: they render plain Rust types (routes, catalog entries, match results)
//! that are unit-tested natively.

#![forbid(unsafe_code)]

mod app;
mod autosave;
mod backups_view;
mod context;
mod model;
mod pages;
mod route;
mod share;
mod state;
mod storage;
mod toolbar;

pub use route::Page;

/// Mounts the shell for `page`, unless the URL belongs to another entry page (then the browser
/// is sent there first, keeping the fragment).
fn start(page: Page, pages: fn(route::Route) -> leptos::prelude::AnyView) {
    console_error_panic_hook::set_once();
    if app::forward_to_other_page(page) {
        return;
    }
    leptos::mount::mount_to_body(move || app::App(app::AppProps { page, pages }));
}

/// The home page: partners and regions.
pub fn start_workbench() {
    start(Page::Workbench, pages::workbench_page);
}

/// The rule builder (its own page: the matcher, explanations and exports are its bundle's bulk).
pub fn start_rules() {
    start(Page::Rules, pages::rules_page);
}

/// The delivery simulator.
pub fn start_simulator() {
    start(Page::Simulator, pages::simulator_page);
}
