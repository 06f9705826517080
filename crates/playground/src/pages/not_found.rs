use leptos::prelude::*;

use crate::route::Route;

#[component]
pub fn NotFound(name: String) -> impl IntoView {
    let home = match Route::HOME {
        Route::Section(section) => section.fragment(),
        Route::NotFound(_) => "#/".to_owned(),
    };
    view! {
        <section class="page" aria-labelledby="page-title">
            <h1 id="page-title" tabindex="-1">"Page not found"</h1>
            <p>"There is no section called \u{201c}" {name} "\u{201d}."</p>
            <p><a href=home>"Go to the start page"</a></p>
        </section>
    }
}
