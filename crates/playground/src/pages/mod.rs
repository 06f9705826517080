//! One module per section. Each entry page draws its own sections (see `lib.rs`).

mod not_found;
mod partners;
mod regions;
mod rules;
mod simulator;

use leptos::prelude::*;

use crate::route::{Route, Section};

/// The home page's sections (`index.html`).
pub fn workbench_page(route: Route) -> AnyView {
    match route {
        Route::Section(Section::Partners) => partners::PartnersPage().into_any(),
        Route::Section(Section::Regions) => regions::RegionsPage().into_any(),
        // Served by other pages; the shell forwards there before this is drawn.
        Route::Section(
            Section::Rules | Section::Simulator | Section::CustomBus | Section::Learn,
        ) => ().into_any(),
        Route::NotFound(name) => not_found::NotFound(not_found::NotFoundProps { name }).into_any(),
    }
}

/// The rule builder's one section (`rules/index.html`). Kept out of the home page's bundle: it
/// holds the matcher, the explanations and the exports, which made the home page twice as heavy
/// (issue 14: 559 KB of gzip-compressed wasm with it, 302 KB without).
pub fn rules_page(_route: Route) -> AnyView {
    rules::RulesPage().into_any()
}

/// The simulator page's one section (`simulator/index.html`).
pub fn simulator_page(_route: Route) -> AnyView {
    simulator::SimulatorPage().into_any()
}
