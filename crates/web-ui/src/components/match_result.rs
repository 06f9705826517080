//! The live result of a pattern test as a Leptos component: [`MatchResultWidget`] showing a
//! signal's verdict. Used by the rule builder's pattern step and the course.

use leptos::html;
use leptos::prelude::*;

use crate::components::Mounted;
use crate::pattern_check::Verdict;
use crate::widgets::match_result::MatchResultWidget;

#[component]
pub fn MatchResult(analysis_verdict: Signal<Verdict>) -> impl IntoView {
    let root = NodeRef::<html::Section>::new();
    let widget = Mounted::<MatchResultWidget>::new();
    root.on_load(move |root| {
        let panel = MatchResultWidget::build(&root);
        analysis_verdict.with_untracked(|verdict| panel.show(verdict));
        widget.set(panel);
    });
    Effect::new(move |_| analysis_verdict.with(|verdict| widget.with(|panel| panel.show(verdict))));
    view! { <section node_ref=root></section> }
}
