//! The page's shell: the site header, the notice banner and the fragment router.

use leptos::prelude::*;
use lessons::Progress;
use wasm_bindgen::JsCast;
use web_ui::components::site_nav::SiteNav;
use web_ui::components::theme_picker::ThemePicker;
use web_ui::site::{Page, Section};

use crate::lesson::{LessonPage, Outline};
use crate::route::Route;
use crate::shared::SharedExercise;
use crate::store;
use crate::teach_view::TeacherEditor;

/// What every screen of the page shares.
#[derive(Clone, Copy)]
pub struct Learner {
    pub progress: RwSignal<Progress>,
    /// A message about storage, shown in a banner.
    pub notice: RwSignal<Option<String>>,
}

pub fn use_learner() -> Learner {
    expect_context::<Learner>()
}

fn current_hash() -> String {
    window().location().hash().unwrap_or_default()
}

#[component]
pub fn LearnApp() -> impl IntoView {
    let loaded = store::load();
    let learner = Learner {
        progress: RwSignal::new(loaded.progress),
        notice: RwSignal::new(loaded.notice),
    };
    provide_context(learner);
    // Save on every change after the first load; a failure becomes the banner.
    Effect::new(move |first: Option<()>| {
        learner.progress.track();
        if first.is_some() {
            if let Err(message) = learner.progress.with_untracked(store::save) {
                learner.notice.set(Some(message));
            }
        }
    });

    let route = RwSignal::new(Route::from_hash(&current_hash()));
    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        route.set(Route::from_hash(&current_hash()));
    });
    on_cleanup(move || listener.remove());
    let first_render = StoredValue::new(true);
    Effect::new(move |_| {
        let route = route.get();
        document().set_title(&route.title());
        if !first_render.get_value() {
            request_animation_frame(focus_page_heading);
        }
        first_render.set_value(false);
    });

    view! {
        <header class="site-header">
            <SiteNav page=Page::Learn current=Signal::derive(|| Some(Section::Learn))/>
            <ThemePicker/>
        </header>
        {move || learner.notice.get().map(|message| view! {
            <div class="notice-banner" role="status">
                <span>{message}</span>
                <button type="button" on:click=move |_| learner.notice.set(None)>"Dismiss"</button>
            </div>
        })}
        <main id="main" tabindex="-1">
            {move || match route.get() {
                Route::Outline => view! { <Outline/> }.into_any(),
                Route::Lesson(id) => view! { <LessonPage id=id/> }.into_any(),
                Route::Teach => view! { <TeacherEditor/> }.into_any(),
                Route::Shared(encoded) => view! { <SharedExercise encoded=encoded/> }.into_any(),
            }}
        </main>
        <footer class="site-footer">
            <p>
                "Every pattern is graded in your browser by the same matcher as the playground; "
                "nothing you type is sent anywhere. Your progress is kept in this browser."
            </p>
        </footer>
    }
}

fn focus_page_heading() {
    if let Some(heading) = document().get_element_by_id("page-title") {
        if let Ok(heading) = heading.dyn_into::<web_sys::HtmlElement>() {
            let _ = heading.focus();
        }
    }
    window().scroll_to_with_x_and_y(0.0, 0.0);
}
