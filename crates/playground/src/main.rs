//! EventBridge Pattern Playground: the client-side web app.
//!
//! Components stay thin: they render plain Rust types (routes, catalog entries, match results)
//! that are unit-tested natively.

#![forbid(unsafe_code)]

mod app;
mod components;
mod embed;
mod embed_request;
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
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    // Documentation iframes get the bare embed view, without the site's header and footer.
    if route::Route::from_hash(&hash) == route::Route::Embed {
        leptos::mount::mount_to_body(embed::EmbedApp);
    } else {
        leptos::mount::mount_to_body(app::App);
    }
}
