//! The page's shell: the site header, the four steps (`#/custom-bus`) sharing one
//! [`Workspace`] (the bus the builder's subscribers live on is the bus the migration and the
//! drill use), and the lesson (`#/custom-bus/lesson`). Both views stay mounted, one hidden, so
//! going to the lesson and back keeps what was typed.

use leptos::prelude::*;
use web_ui::components::site_nav::SiteNav;
use web_ui::components::theme_picker::ThemePicker;
use web_ui::site::{Page, Section};

use crate::bus_view::BusStep;
use crate::drill_view::DrillStep;
use custom_bus::migration::ClassicRule;

use crate::forms::{saved_rules, BusForm, BusSetup, ClassicForm, ProblemLine, WORKBENCH_STATE_KEY};
use crate::lesson_view::LessonView;
use crate::migration_view::MigrationStep;
use crate::subscriber_view::SubscriberStep;

/// What the steps share.
#[derive(Clone, Copy)]
pub struct Workspace {
    /// The bus step's fields.
    pub bus_form: RwSignal<BusForm>,
    /// The Classic rule the migration and the drill start from, when typed in.
    pub classic: RwSignal<ClassicForm>,
    /// The rule builder's saved rules (read once, when the page opens).
    pub saved_rules: StoredValue<Vec<rules::Rule>>,
    /// Which saved rule the migration starts from instead of the typed one.
    pub chosen_rule: RwSignal<Option<usize>>,
}

impl Workspace {
    /// The bus and its event source as the fields describe them now.
    pub fn setup(self) -> BusSetup {
        self.bus_form.with(BusForm::create)
    }

    /// The Classic rule to migrate: the chosen saved rule, or the typed one.
    pub fn classic_rule(self) -> Result<ClassicRule, Vec<ProblemLine>> {
        let chosen = self.chosen_rule.get().and_then(|index| {
            self.saved_rules
                .with_value(|rules| rules.get(index).map(ClassicRule::from_saved))
        });
        match chosen {
            Some(rule) => Ok(rule),
            None => self.classic.with(ClassicForm::rule),
        }
    }
}

pub fn use_workspace() -> Workspace {
    expect_context::<Workspace>()
}

fn is_lesson(hash: &str) -> bool {
    web_ui::query::path_of(hash).trim_end_matches('/') == "/custom-bus/lesson"
}

fn current_hash() -> String {
    window().location().hash().unwrap_or_default()
}

#[component]
pub fn CustomBusApp() -> impl IntoView {
    // `#/custom-bus?partner=<id>`: the workbench's partner set-up links here with its partner.
    let hash = current_hash();
    let bus_form = BusForm::for_partner(web_ui::query::param(&hash, "partner").as_deref());
    // An unreadable workbench state is the workbench's to report; here it means no saved rules.
    let saved = window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|storage| storage.get_item(WORKBENCH_STATE_KEY).ok().flatten())
        .and_then(|text| saved_rules(&text).ok())
        .unwrap_or_default();
    provide_context(Workspace {
        bus_form: RwSignal::new(bus_form),
        classic: RwSignal::new(ClassicForm::default()),
        saved_rules: StoredValue::new(saved),
        chosen_rule: RwSignal::new(None),
    });
    let lesson = RwSignal::new(is_lesson(&hash));
    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        lesson.set(is_lesson(&current_hash()));
        window().scroll_to_with_x_and_y(0.0, 0.0);
    });
    on_cleanup(move || listener.remove());
    Effect::new(move |_| {
        document().set_title(if lesson.get() {
            "Lesson: the new bus's scopes · EventBridge Pattern Playground"
        } else {
            "Custom Event Bus · EventBridge Pattern Playground"
        });
    });
    view! {
        <header class="site-header">
            <SiteNav page=Page::CustomBus current=Signal::derive(|| Some(Section::CustomBus))/>
            <ThemePicker/>
        </header>
        <main id="main" tabindex="-1" class="custom-bus-page">
            <div hidden=move || lesson.get()>
                <h1>"The new Custom Event Bus"</h1>
                <p class="lead">
                    "Since September 2026 EventBridge has a second kind of bus. Its subscribers have one target each, filters scoped to DATA, METADATA or SYSTEM_METADATA, no wildcards, JSONata transformers, and retry 5 times within 5 minutes by default instead of 185 times within 24 hours. Build one here, and see what moving a Classic rule would change before you do it. New to the scopes? "
                    <a href="#/custom-bus/lesson">"Take the lesson"</a>
                    "."
                </p>
                <BusStep/>
                <SubscriberStep/>
                <MigrationStep/>
                <DrillStep/>
            </div>
            <div hidden=move || !lesson.get()>
                <LessonView/>
            </div>
        </main>
    }
}
