//! The application shell: header with navigation, the current section, footer.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::pages;
use crate::route::{Route, Section};
use crate::share;
use crate::state::PlaygroundState;
use crate::storage;
use crate::toolbar::Toolbar;

/// Shared by every page through Leptos context.
#[derive(Clone, Copy)]
pub struct AppContext {
    pub state: RwSignal<PlaygroundState>,
    /// A message about storage or loading that the user should see (shown as a status banner).
    pub notice: RwSignal<Option<String>>,
    /// True after a share link or an import replaced the user's work, which is kept as a backup.
    pub restorable: RwSignal<bool>,
}

/// Replaces the whole state (a share link or an imported file), keeping the current work as a
/// backup the notice offers to restore.
pub fn replace_state(app: AppContext, state: PlaygroundState, message: String) {
    let backed_up = storage::save_backup(&app.state.get_untracked()).is_ok();
    // Saved here too: at start-up this runs before the autosave effect's first run.
    if let Err(message) = storage::save(&state) {
        app.notice.set(Some(message));
    }
    app.state.set(state);
    app.restorable.set(backed_up);
    let suffix = if backed_up {
        " Your previous work was kept as a backup."
    } else {
        ""
    };
    app.notice.set(Some(format!("{message}{suffix}")));
}

/// Opens a share link's state if the fragment carries one, then removes it from the URL so a
/// reload does not import it again over later edits. A bad link leaves the current work as is.
fn open_shared_state(app: AppContext) {
    let location = window().location();
    let hash = location.hash().unwrap_or_default();
    let Some(encoded) = share::state_param(&hash) else {
        return;
    };
    match share::decode(encoded) {
        Ok(state) => replace_state(
            app,
            state,
            "Opened the playground from a shared link.".to_owned(),
        ),
        Err(error) => app
            .notice
            .set(Some(format!("{error} Your current work is unchanged."))),
    }
    let clean = share::without_state_param(&hash);
    let _ = window().history().and_then(|history| {
        history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&clean))
    });
}

pub fn use_app() -> AppContext {
    expect_context::<AppContext>()
}

fn current_route() -> Route {
    Route::from_hash(&window().location().hash().unwrap_or_default())
}

#[component]
pub fn App() -> impl IntoView {
    let loaded = storage::load();
    let app = AppContext {
        state: RwSignal::new(loaded.state),
        notice: RwSignal::new(loaded.notice),
        restorable: RwSignal::new(false),
    };
    provide_context(app);
    open_shared_state(app);
    // Autosave: every change of the state is written to browser storage.
    Effect::new(move |previous: Option<()>| {
        let state = app.state.get();
        if previous.is_some() {
            if let Err(message) = storage::save(&state) {
                app.notice.set(Some(message));
            }
        }
    });

    let (route, set_route) = signal(current_route());
    // The browser owns history: links change the fragment, back/forward fire `hashchange`.
    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        open_shared_state(app);
        set_route.set(current_route());
    });
    on_cleanup(move || listener.remove());

    let first_render = StoredValue::new(true);
    Effect::new(move |_| {
        let route = route.get();
        document().set_title(&route.document_title());
        // On navigation (not on first load) move focus to the new page's heading, so keyboard and
        // screen-reader users land on the content they asked for.
        if !first_render.get_value() {
            request_animation_frame(focus_page_heading);
        }
        first_render.set_value(false);
    });

    view! {
        <a class="skip-link" href="#main" on:click=skip_to_content>"Skip to content"</a>
        <header class="site-header">
            <a class="brand" href=Section::Partners.href()>
                <span class="brand-mark" aria-hidden="true">"{ }"</span>
                "EventBridge Pattern Playground"
            </a>
            <nav class="site-nav" aria-label="Sections">
                <ul>
                    {Section::ALL
                        .into_iter()
                        .map(|section| {
                            let is_current = move || route.get().section() == Some(section);
                            view! {
                                <li>
                                    <a
                                        href=section.href()
                                        aria-current=move || is_current().then_some("page")
                                    >
                                        {section.title()}
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </nav>
            <a
                class="region-pill"
                href=Section::Regions.href()
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
                                <button type="button" on:click=move |_| restore_backup(app)>
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
            {move || pages::page(route.get())}
        </main>
        <footer class="site-footer">
            <p>
                "Everything runs in your browser: patterns, events and simulations are computed on this "
                "page, and nothing you enter is sent anywhere."
            </p>
        </footer>
    }
}

fn restore_backup(app: AppContext) {
    match storage::load_backup() {
        Some(previous) => {
            app.state.set(previous);
            app.notice
                .set(Some("Your previous work is back.".to_owned()));
        }
        None => app
            .notice
            .set(Some("The backup could not be read.".to_owned())),
    }
    app.restorable.set(false);
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
