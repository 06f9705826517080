//! The application shell: header with navigation, the current section, footer.
//!
//! The same shell runs on two entry pages (the workbench and the simulator); each passes the
//! function that draws its own sections, so a page's bundle holds only its own pages.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use leptos::task::spawn_local;
use web_ui::components::site_nav::SiteNav;

use crate::autosave::autosave;
use crate::backups_view::BackupList;
use crate::context::{replace_state, AppContext};
use crate::route::{Page, Route, Section};
use crate::share;
use crate::storage;
use crate::toolbar::Toolbar;

/// Opens a share link's state if the fragment carries one, then removes it from the URL so a
/// reload does not import it again over later edits. A bad link leaves the current work as is.
fn open_shared_state(app: AppContext) {
    let location = window().location();
    let hash = location.hash().unwrap_or_default();
    let Some(encoded) = share::state_param(&hash) else {
        open_example_texts(app, &hash);
        return;
    };
    spawn_local(async move {
        match share::decode(&encoded).await {
            Ok(state) => replace_state(
                app,
                state,
                "Opened the playground from a shared link.".to_owned(),
            ),
            Err(error) => app
                .notice
                .set(Some(format!("{error} Your current work is unchanged."))),
        }
    });
    let clean = share::without_state_param(&hash);
    let _ = window().history().and_then(|history| {
        history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&clean))
    });
}

fn current_route() -> Route {
    Route::from_hash(&window().location().hash().unwrap_or_default())
}

/// `#/rules?pattern=…&event=…` (the embed's "Open in the playground") puts the texts into the
/// rule builder, keeping the previous work as a backup, then drops them from the URL.
fn open_example_texts(app: AppContext, hash: &str) {
    let pattern = web_ui::query::param(hash, "pattern");
    let event = web_ui::query::param(hash, "event");
    if pattern.is_none() && event.is_none() {
        return;
    }
    let mut state = app.state.get_untracked();
    state.draft.pattern = pattern.unwrap_or_default();
    state.draft.event = event.unwrap_or_default();
    replace_state(
        app,
        state,
        "Opened the example in the rule builder.".to_owned(),
    );
    let clean =
        web_ui::query::without_param(&web_ui::query::without_param(hash, "pattern"), "event");
    let _ = window().history().and_then(|history| {
        history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&clean))
    });
}

/// A fragment another entry page serves (`#/simulator?…` typed into the workbench) is handed
/// to that page, keeping its query. Returns true when the browser is leaving.
pub fn forward_to_other_page(this_page: Page) -> bool {
    let hash = window().location().hash().unwrap_or_default();
    let target = Page::for_hash(&hash);
    if target == this_page {
        return false;
    }
    let fragment = if hash.is_empty() {
        "#/".to_owned()
    } else {
        hash
    };
    window()
        .location()
        .replace(&this_page.link_to(target, &fragment))
        .is_ok()
}

/// The shell of an entry page; `pages` draws this page's sections.
#[component]
pub fn App(page: Page, pages: fn(Route) -> AnyView) -> impl IntoView {
    let loaded = storage::load();
    let app = AppContext {
        state: RwSignal::new(loaded.state),
        notice: RwSignal::new(loaded.notice),
        restorable: RwSignal::new(false),
        backups: RwSignal::new(storage::load_backups()),
        page,
    };
    provide_context(app);
    open_shared_state(app);
    autosave(app);

    let (route, set_route) = signal(current_route());
    // The browser owns history: links change the fragment, back/forward fire `hashchange`.
    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        if forward_to_other_page(page) {
            return;
        }
        open_shared_state(app);
        set_route.set(current_route());
    });
    on_cleanup(move || listener.remove());

    let first_render = StoredValue::new(true);
    Effect::new(move |_| {
        let route = route.get();
        document().set_title(&route.document_title());
        // On navigation move focus to the new page's heading, so keyboard and screen-reader users
        // land on the content they asked for: within this page, and on arriving from another
        // page of the site (the sections are served by several entry pages), but not on a first
        // visit, where the page starts at its top and its skip link.
        if !first_render.get_value() || arrived_from_this_site() {
            request_animation_frame(focus_page_heading);
        }
        first_render.set_value(false);
    });

    view! {
        <a class="skip-link" href="#main" on:click=skip_to_content>"Skip to content"</a>
        <header class="site-header">
            <SiteNav page=page current=Signal::derive(move || route.get().section())/>
            <a
                class="region-pill"
                href=app.link(Section::Regions, "")
                title="Change the current Region"
            >
                <span class="visually-hidden">"Current Region: "</span>
                {move || app.state.with(|s| s.current_region().code())}
            </a>
            <Toolbar route=route/>
        </header>
        {move || {
            app.notice
                .get()
                .map(|message| {
                    view! {
                        <div class="notice-banner" role="status">
                            <span>{message}</span>
                            <Show when=move || app.restorable.get()>
                                <button type="button" on:click=move |_| restore_backup(app, 0)>
                                    "Restore my previous work"
                                </button>
                            </Show>
                            <button type="button" on:click=move |_| app.notice.set(None)>
                                "Dismiss"
                            </button>
                        </div>
                    }
                })
        }}
        <main id="main" tabindex="-1">
            {move || pages(route.get())}
        </main>
        <BackupList/>
        <footer class="site-footer">
            <p>
                "Everything runs in your browser: patterns, events and simulations are computed on this "
                "page, and nothing you enter is sent anywhere."
            </p>
        </footer>
    }
}

/// Restores the backup at `index` (0: the newest), keeping what it replaces as a backup too.
pub fn restore_backup(app: AppContext, index: usize) {
    match storage::take_backup(index) {
        Ok(previous) => replace_state(app, previous, "Restored a backup.".to_owned()),
        Err(reason) => {
            app.backups.set(storage::load_backups());
            app.notice.set(Some(reason));
        }
    }
}

/// Whether this page was opened by a link from a page of the same site.
fn arrived_from_this_site() -> bool {
    let referrer = document().referrer();
    let origin = window().location().origin().unwrap_or_default();
    // The origin with its slash, so `https://example.com.other.net/` is not taken for it.
    !origin.is_empty() && referrer.starts_with(&format!("{origin}/"))
}

/// The skip link must not change the fragment (that is our router), so it moves focus itself.
fn skip_to_content(event: leptos::ev::MouseEvent) {
    event.prevent_default();
    if let Some(main) = document().get_element_by_id("main") {
        if let Ok(main) = main.dyn_into::<web_sys::HtmlElement>() {
            let _ = main.focus();
        }
    }
}

fn focus_page_heading() {
    let heading = document().query_selector("main h1").ok().flatten();
    if let Some(heading) = heading.and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = heading.focus();
    }
}
