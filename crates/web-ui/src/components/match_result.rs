//! The live result of a pattern test as a Leptos component: [`MatchResultWidget`] showing a
//! signal's verdict. Used by the rule builder's pattern step and the course.

use leptos::html;
use leptos::prelude::*;

use crate::pattern_check::Verdict;
use crate::widgets::match_result::MatchResultWidget;

#[component]
pub fn MatchResult(analysis_verdict: Signal<Verdict>) -> impl IntoView {
    let root = NodeRef::<html::Section>::new();
    let widget = StoredValue::new_local(None::<MatchResultWidget>);
    root.on_load(move |root| {
        let panel = MatchResultWidget::build(&root);
        analysis_verdict.with_untracked(|verdict| panel.show(verdict));
        widget.set_value(Some(panel));
    });
    Effect::new(move |_| {
        analysis_verdict.with(|verdict| {
            widget.with_value(|panel| {
                if let Some(panel) = panel {
                    panel.show(verdict);
                }
            });
        });
    });
    view! { <section node_ref=root></section> }
}
