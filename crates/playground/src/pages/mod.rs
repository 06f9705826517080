//! One module per section of the playground.

mod coming_soon;
mod not_found;
mod partners;
mod regions;
mod rules;

use leptos::prelude::*;

use crate::route::{Route, Section};

/// The view for a route.
pub fn page(route: Route) -> AnyView {
    match route {
        Route::Section(Section::Partners) => partners::PartnersPage().into_any(),
        Route::Section(Section::Regions) => regions::RegionsPage().into_any(),
        Route::Section(Section::Rules) => rules::RulesPage().into_any(),
        Route::Section(section @ Section::Simulator) => {
            coming_soon::ComingSoon(coming_soon::ComingSoonProps { section }).into_any()
        }
        Route::NotFound(name) => not_found::NotFound(not_found::NotFoundProps { name }).into_any(),
    }
}
