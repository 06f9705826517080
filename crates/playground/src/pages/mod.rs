//! One module per section of the playground.

mod not_found;
mod partners;
mod regions;
mod rules;
mod simulator;

use leptos::prelude::*;

use crate::route::{Route, Section};

/// The view for a route.
pub fn page(route: Route) -> AnyView {
    match route {
        Route::Section(Section::Partners) => partners::PartnersPage().into_any(),
        Route::Section(Section::Regions) => regions::RegionsPage().into_any(),
        Route::Section(Section::Rules) => rules::RulesPage().into_any(),
        Route::Section(Section::Simulator) => simulator::SimulatorPage().into_any(),
        // main.rs mounts the embed view on its own; reaching it here means the fragment changed
        // to an embed link inside the full app, which then shows the embed in place.
        Route::Embed => crate::embed::EmbedApp().into_any(),
        Route::NotFound(name) => not_found::NotFound(not_found::NotFoundProps { name }).into_any(),
    }
}
