//! A list of request problems, each with its member path and whose words they are.

use leptos::prelude::*;

use crate::forms::ProblemLine;

#[component]
pub fn ProblemList(problems: Vec<ProblemLine>) -> impl IntoView {
    view! {
        <ul class="problem-list" role="alert">
            {problems
                .into_iter()
                .map(|p| {
                    let origin = if p.aws_text { "AWS's text" } else { "our text: AWS documents none" };
                    view! {
                        <li class=if p.warning { "problem-warning" } else { "problem-error" }>
                            <code class="problem-path">{p.at}</code>
                            " "
                            <span class="problem-message">{p.message}</span>
                            " "
                            <span class="hint">"(" {origin} ")"</span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
