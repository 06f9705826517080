//! One module per section of the playground.

mod coming_soon;
mod not_found;

use leptos::prelude::*;

use crate::route::{Route, Section};

/// The view for a route.
pub fn page(route: Route) -> AnyView {
    match route {
        Route::Section(section @ (Section::Partners | Section::Regions | Section::Rules | Section::Simulator)) => {
            coming_soon::ComingSoon(coming_soon::ComingSoonProps { section }).into_any()
        }
        Route::NotFound(name) => not_found::NotFound(not_found::NotFoundProps { name }).into_any(),
    }
}
