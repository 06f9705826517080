//! The page's shell: the site header and the four steps, top to bottom, sharing one
//! [`Workspace`]: the bus the builder's subscribers live on is the bus the migration and the
//! drill use.

use leptos::prelude::*;
use web_ui::components::site_nav::SiteNav;
use web_ui::components::theme_picker::ThemePicker;
use web_ui::site::{Page, Section};

use crate::bus_view::BusStep;
use crate::drill_view::DrillStep;
use crate::forms::{BusForm, BusSetup, ClassicForm};
use crate::migration_view::MigrationStep;
use crate::subscriber_view::SubscriberStep;

/// What the steps share.
#[derive(Clone, Copy)]
pub struct Workspace {
    /// The bus step's fields.
    pub bus_form: RwSignal<BusForm>,
    /// The Classic rule the migration and the drill start from.
    pub classic: RwSignal<ClassicForm>,
}

impl Workspace {
    /// The bus and its event source as the fields describe them now.
    pub fn setup(self) -> BusSetup {
        self.bus_form.with(BusForm::create)
    }
}

pub fn use_workspace() -> Workspace {
    expect_context::<Workspace>()
}

#[component]
pub fn CustomBusApp() -> impl IntoView {
    provide_context(Workspace {
        bus_form: RwSignal::new(BusForm::default()),
        classic: RwSignal::new(ClassicForm::default()),
    });
    document().set_title("Custom Event Bus · EventBridge Pattern Playground");
    view! {
        <header class="site-header">
            <SiteNav page=Page::CustomBus current=Signal::derive(|| Some(Section::CustomBus))/>
            <ThemePicker/>
        </header>
        <main id="main" tabindex="-1" class="custom-bus-page">
            <h1>"The new Custom Event Bus"</h1>
            <p class="lead">
                "Since September 2026 EventBridge has a second kind of bus. Its subscribers have one target each, filters scoped to DATA, METADATA or SYSTEM_METADATA, no wildcards, JSONata transformers, and retry 5 times within 5 minutes by default instead of 185 times within 24 hours. Build one here, and see what moving a Classic rule would change before you do it."
            </p>
            <BusStep/>
            <SubscriberStep/>
            <MigrationStep/>
            <DrillStep/>
        </main>
    }
}
