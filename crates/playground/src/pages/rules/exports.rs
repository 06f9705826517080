//! The exports of a rule, each in a block with a Copy button.

use leptos::prelude::*;
use rules::Rule;

use crate::model::rule_list::{rule_exports, test_pattern_export, ExportBlock};
use web_ui::components::copy_block::CopyBlock;

/// The rule as AWS CLI commands, CloudFormation (JSON and YAML) and Terraform, plus (when
/// `test_texts` gives a pattern and an event) the `test-event-pattern` command for them.
#[component]
pub(super) fn Exports(
    rule: Signal<Option<Rule>>,
    /// A DOM id prefix, unique on the page.
    #[prop(into)]
    id: String,
    #[prop(optional, into)] test_texts: Option<Signal<(String, String)>>,
) -> impl IntoView {
    let blocks = Memo::new(move |_| {
        let mut blocks = rule.with(|rule| rule.as_ref().map(rule_exports).unwrap_or_default());
        if let Some(texts) = test_texts {
            texts.with(|(pattern, event)| blocks.push(test_pattern_export(pattern, event)));
        }
        blocks
    });
    view! {
        <div class="exports">
            {move || {
                let id = id.clone();
                blocks
                    .get()
                    .into_iter()
                    .map(|block: ExportBlock| {
                        let block_id = format!("{id}-{}", block.id);
                        match block.text {
                            Ok(text) => view! { <CopyBlock title=block.title text=Signal::derive(move || text.clone()) id=block_id /> }.into_any(),
                            Err(reason) => view! {
                                <figure class="copy-block">
                                    <figcaption class="copy-block-title">{block.title}</figcaption>
                                    <pre class="code-block code-block-problem" id=block_id>{reason}</pre>
                                </figure>
                            }
                            .into_any(),
                        }
                    })
                    .collect_view()
            }}
        </div>
    }
}
