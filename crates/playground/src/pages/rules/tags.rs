//! Step 4: tags (optional key-value pairs).

use aws_model::limits::MAX_TAGS;
use leptos::prelude::*;
use rules::Tag;

use super::{FieldMessages, RowText, RulesContext};
use crate::model::rule_wizard::control_id;

#[component]
pub(super) fn TagsStep(ctx: RulesContext) -> impl IntoView {
    let count = Memo::new(move |_| ctx.read(|form| form.tags.len()));
    let add = move |_| {
        ctx.edit(|form| form.tags.push(Tag::default()));
        let last = count.get_untracked();
        request_animation_frame(move || {
            super::focus_selector(&format!(
                "#{}",
                control_id(&format!("tags[{}].key", last.saturating_sub(1)))
            ))
        });
    };
    view! {
        <p class="hint">
            {format!(
                "Tags are optional key-value pairs for organising and finding rules (at most {MAX_TAGS}). Keys starting with aws: are reserved."
            )}
        </p>
        <FieldMessages ctx field="tags" />
        <For each=move || 0..count.get() key=|index| *index children=move |index| view! { <TagRow ctx index /> } />
        {move || (count.get() == 0).then(|| view! { <p class="hint">"No tags."</p> })}
        <div class="button-row">
            <button type="button" on:click=add>"Add tag"</button>
        </div>
    }
}

#[component]
fn TagRow(ctx: RulesContext, index: usize) -> impl IntoView {
    let key_field = format!("tags[{index}].key");
    let value_field = format!("tags[{index}].value");
    let read = move |pick: fn(&Tag) -> String| {
        ctx.read(|form| form.tags.get(index).map(pick).unwrap_or_default())
    };
    let write = move |text: String, put: fn(&mut Tag, String)| {
        ctx.edit(|form| {
            if let Some(tag) = form.tags.get_mut(index) {
                put(tag, text)
            }
        })
    };
    view! {
        <div class="tag-row">
            <RowText
                ctx
                field=key_field
                label=format!("Key {}", index + 1)
                value=Signal::derive(move || read(|t| t.key.clone()))
                on_text=move |text| write(text, |t, v| t.key = v)
            />
            <RowText
                ctx
                field=value_field
                label=format!("Value {}", index + 1)
                optional=true
                value=Signal::derive(move || read(|t| t.value.clone()))
                on_text=move |text| write(text, |t, v| t.value = v)
            />
            <button
                type="button"
                class="tag-remove"
                on:click=move |_| ctx.edit(|form| {
                    if index < form.tags.len() {
                        form.tags.remove(index);
                    }
                })
            >
                {format!("Remove tag {}", index + 1)}
            </button>
        </div>
    }
}
