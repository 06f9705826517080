//! Step 2: the event-pattern workbench. Two editors (pattern and event) tested against each
//! other as the user types, the explanation of the result, a pattern builder that takes values
//! from the event, and a test against every sample event of the partner.

use catalog::{Partner, Sample};
use leptos::prelude::*;

use super::{FieldMessages, RulesContext};
use crate::model::event_tree::{event_tree, RowContent, RowLabel, TreeRow, MAX_TREE_ROWS};
use crate::model::pattern_builder::{add_field, pattern_text, BuiltField, Operator};
use crate::model::rule_wizard::{control_id, message_id, sample_partner};
use crate::model::sample_check::{check_samples, samples_summary};
use web_ui::components::editor_problem::EditorProblemNote;
use web_ui::components::json_editor::JsonEditor;
use web_ui::components::match_result::MatchResult;
use web_ui::pattern_check::analyse;

/// The value of the "enter my own event" choice of the sample menu.
const OWN_EVENT: &str = "own";

#[component]
pub(super) fn PatternStep(ctx: RulesContext) -> impl IntoView {
    let analysis = Memo::new(move |_| ctx.pattern.with(|p| ctx.event.with(|e| analyse(p, e))));
    let partner = Memo::new(move |_| ctx.read(sample_partner));
    let event_for = move |sample: &Sample| sample.event_for(&ctx.account.get(), &ctx.region.get());
    // The sample the event editor shows, if its text is still exactly that sample's.
    let shown_sample = Memo::new(move |_| {
        let partner = partner.get()?;
        ctx.event.with(|event| {
            partner
                .samples()
                .iter()
                .find(|s| event_for(s) == *event)
                .map(Sample::name)
        })
    });

    let pattern_problem_id = Signal::derive(move || {
        if analysis.with(|a| a.pattern_problem.is_some()) {
            Some("pattern-problem".to_owned())
        } else if ctx.has_messages("event_pattern") {
            Some(message_id("event_pattern"))
        } else {
            None
        }
    });
    let event_problem_id = Signal::derive(move || {
        analysis
            .with(|a| a.event_problem.is_some())
            .then(|| "event-problem".to_owned())
    });
    let pattern_marks = Signal::derive(move || analysis.with(|a| a.pattern_highlights.clone()));
    let event_marks = Signal::derive(move || analysis.with(|a| a.event_highlights.clone()));

    let choose_partner = move |id: String| {
        ctx.edit(|form| form.sample_partner = (!id.is_empty()).then_some(id));
    };
    let choose_sample = move |name: String| {
        if name == OWN_EVENT {
            return;
        }
        if let Some(sample) = partner.get_untracked().and_then(|p| p.sample(&name)) {
            ctx.event.set(event_for(sample));
        }
    };

    view! {
        <p class="hint">
            "Event source: " <strong>"Other"</strong>
            ". Events from SaaS partners and your own applications are matched the same way. Write the "
            "pattern, or build it from a sample event below; the result updates as you type."
        </p>
        <div class="sample-choice form-grid">
            <div class="field">
                <label for="sample-partner">"Partner for sample events"</label>
                <select id="sample-partner" on:change=move |ev| choose_partner(event_target_value(&ev))>
                    <option value="" prop:selected=move || partner.get().is_none()>"No partner"</option>
                    {catalog::partners()
                        .iter()
                        .map(|each: &'static Partner| {
                            view! {
                                <option
                                    value=each.id()
                                    prop:selected=move || partner.get().is_some_and(|p| p.id() == each.id())
                                >
                                    {each.display_name()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="sample-event">"Sample event"</label>
                <select id="sample-event" on:change=move |ev| choose_sample(event_target_value(&ev))>
                    {move || {
                        let current = shown_sample.get();
                        let samples = partner.get().map(Partner::samples).unwrap_or_default();
                        let options = samples
                            .iter()
                            .map(|sample| {
                                let title = if sample.is_illustrative() {
                                    format!("{} (illustrative)", sample.title())
                                } else {
                                    sample.title().to_owned()
                                };
                                view! {
                                    <option value=sample.name() prop:selected=current == Some(sample.name())>{title}</option>
                                }
                            })
                            .collect_view();
                        view! {
                            {options}
                            <option value=OWN_EVENT prop:selected=current.is_none()>"Enter my own event"</option>
                        }
                    }}
                </select>
            </div>
        </div>
        <div class="editor-pair">
            <div class="editor-column">
                <JsonEditor
                    value=ctx.pattern
                    label="Event pattern"
                    id=control_id("event_pattern")
                    highlights=pattern_marks
                    problem_id=pattern_problem_id
                />
                <EditorProblemNote problem=Signal::derive(move || analysis.with(|a| a.pattern_problem.clone())) id="pattern-problem"/>
                // AWS's message for an invalid pattern is already shown above; this covers the rest
                // (an empty pattern).
                {move || analysis.with(|a| a.pattern_problem.is_none()).then(|| view! { <FieldMessages ctx field="event_pattern" /> })}
            </div>
            <div class="editor-column">
                <JsonEditor
                    value=ctx.event
                    label="Event"
                    id="event-editor"
                    highlights=event_marks
                    problem_id=event_problem_id
                />
                <EditorProblemNote problem=Signal::derive(move || analysis.with(|a| a.event_problem.clone())) id="event-problem"/>
            </div>
        </div>
        <MatchResult analysis_verdict=Signal::derive(move || analysis.with(|a| a.verdict.clone())) />
        <PatternBuilder ctx />
        <SamplesCheck ctx partner />
    }
}

#[component]
fn PatternBuilder(ctx: RulesContext) -> impl IntoView {
    let tree = Memo::new(move |_| ctx.event.with(|event| event_tree(event)));
    let message = RwSignal::new(None::<String>);
    // The pattern text the builder last replaced, so the replacement can be undone.
    let replaced = RwSignal::new(None::<String>);

    let add = move |row: TreeRow| {
        let RowContent::Leaf(leaf) = row.content else {
            return;
        };
        let field = BuiltField::new(row.path, leaf.kind, &leaf.value);
        let path = field.dotted_path();
        let mut outcome = Ok(());
        rebuild(ctx, replaced, |fields| outcome = add_field(fields, field));
        message.set(Some(match outcome {
            Ok(()) => format!("Added {path} to the pattern."),
            Err(refused) => refused.message(),
        }));
    };
    let undo = move |_| {
        if let Some(text) = replaced.get_untracked() {
            ctx.pattern.set(text);
            ctx.builder.set(Vec::new());
            replaced.set(None);
            message.set(Some(
                "Your earlier pattern is back; the built fields were cleared.".to_owned(),
            ));
        }
    };
    let clear = move |_| {
        ctx.builder.set(Vec::new());
        message.set(Some(
            "The built fields were cleared; the pattern text is unchanged.".to_owned(),
        ));
    };

    view! {
        <section class="pattern-builder" aria-labelledby="builder-title">
            <h3 id="builder-title">"Build the pattern from the event"</h3>
            <p class="hint">
                "Choose values of the event to add them to the pattern, then pick how each is compared. "
                "The builder writes the pattern text; you can still edit it by hand."
            </p>
            <div class="builder-layout">
                <div class="event-tree-wrap">
                    <h4 id="event-tree-title">"Values of the event"</h4>
                    <Show
                        when=move || tree.with(Option::is_some)
                        fallback=|| view! { <p class="hint">"The event is not valid JSON yet, so there is nothing to choose from."</p> }
                    >
                        // Keyed by position and content, so an edit redraws only the rows it
                        // changed: redrawing all 800 after each pause in typing into a large
                        // event held the page for about 100 ms.
                        <ul class="event-tree" aria-labelledby="event-tree-title">
                            <For
                                each=move || tree.with(|tree| tree.as_ref().map(|t| t.rows.clone()).unwrap_or_default().into_iter().enumerate())
                                key=|row| row.clone()
                                children=move |(_, row)| view! { <TreeRowView row add /> }
                            />
                        </ul>
                        {move || tree.with(|t| t.as_ref().is_some_and(|t| t.truncated)).then(|| view! {
                            <p class="hint">{format!("Only the first {MAX_TREE_ROWS} values are listed.")}</p>
                        })}
                    </Show>
                </div>
                <div class="built-fields-wrap">
                    <h4 id="built-fields-title">"Fields of the built pattern"</h4>
                    <p class="builder-message" role="status">{move || message.get()}</p>
                    {move || replaced.get().is_some().then(|| view! {
                        <p class="hint">
                            "The builder replaced the pattern you had written. "
                            <button type="button" on:click=undo>"Undo: bring my pattern back"</button>
                        </p>
                    })}
                    <BuiltFields ctx replaced />
                    {move || ctx.builder.with(|f| !f.is_empty()).then(|| view! {
                        <button type="button" on:click=clear>"Clear built fields"</button>
                    })}
                </div>
            </div>
        </section>
    }
}

/// Changes the built fields and writes the pattern they make into the editor. Text in the
/// editor that the builder did not write (typed by hand, or from before) is kept for Undo.
fn rebuild(
    ctx: RulesContext,
    replaced: RwSignal<Option<String>>,
    change: impl FnOnce(&mut Vec<BuiltField>),
) {
    let mut before = String::new();
    let mut after = String::new();
    ctx.builder.update(|fields| {
        before = pattern_text(fields);
        change(fields);
        after = pattern_text(fields);
    });
    if before == after {
        return;
    }
    let current = ctx.pattern.get_untracked();
    if !current.trim().is_empty() && current != before {
        replaced.set(Some(current));
    }
    ctx.pattern.set(after);
}

#[component]
fn TreeRowView(
    row: TreeRow,
    add: impl Fn(TreeRow) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let label = match &row.label {
        RowLabel::Root => "event".to_owned(),
        RowLabel::Key(key) => key.clone(),
        RowLabel::Index(index) => format!("[{index}]"),
    };
    let style = format!("--depth: {}", row.depth);
    match row.content.clone() {
        RowContent::Leaf(leaf) => {
            let path = row.dotted_path();
            let name = format!("Add {path} = {} to the pattern", leaf.shown);
            let class = format!(
                "tree-value tok-{}",
                match leaf.kind {
                    crate::model::pattern_builder::ScalarKind::String => "string",
                    crate::model::pattern_builder::ScalarKind::Number => "number",
                    _ => "literal",
                }
            );
            view! {
                <li class="tree-row" style=style>
                    <button type="button" class="tree-leaf" aria-label=name on:click=move |_| add(row.clone())>
                        <span class="tree-key">{label}</span>
                        ": "
                        <span class=class>{leaf.shown}</span>
                    </button>
                </li>
            }
            .into_any()
        }
        content => {
            let meta = match content {
                RowContent::Object { members } => format!(
                    "{{…}} {members} {}",
                    if members == 1 { "field" } else { "fields" }
                ),
                RowContent::Array { elements } => format!(
                    "[…] {elements} {}",
                    if elements == 1 { "element" } else { "elements" }
                ),
                _ => "nested too deeply to list".to_owned(),
            };
            view! {
                <li class="tree-row tree-container" style=style>
                    <span class="tree-key">{label}</span>
                    " "
                    <span class="tree-meta">{meta}</span>
                </li>
            }
            .into_any()
        }
    }
}

#[component]
fn BuiltFields(ctx: RulesContext, replaced: RwSignal<Option<String>>) -> impl IntoView {
    let rows = move || {
        ctx.builder.with(|fields| {
            fields
                .iter()
                .enumerate()
                .map(|(index, f)| (index, f.dotted_path(), f.kind))
                .collect::<Vec<_>>()
        })
    };
    let change = move |index: usize, change: Box<dyn FnOnce(&mut BuiltField)>| {
        rebuild(ctx, replaced, |fields| {
            if let Some(field) = fields.get_mut(index) {
                change(field)
            }
        });
    };
    view! {
        {move || ctx.builder.with(Vec::is_empty).then(|| view! {
            <p class="hint">"No fields yet: choose a value of the event."</p>
        })}
        <ul class="built-fields" aria-labelledby="built-fields-title">
            <For
                each=rows
                key=|row| row.clone()
                children=move |(index, path, kind)| {
                    let operator = move || ctx.builder.with(|f| f.get(index).map(|f| f.operator));
                    let argument = move || ctx.builder.with(|f| f.get(index).map(|f| f.argument.clone()).unwrap_or_default());
                    let problem = move || ctx.builder.with(|f| f.get(index).and_then(BuiltField::problem));
                    let operator_id = format!("built-{index}-operator");
                    let value_id = format!("built-{index}-value");
                    let problem_id = format!("built-{index}-problem");
                    let problem_ref = problem_id.clone();
                    view! {
                        <li class="built-field">
                            <code class="built-path">{path.clone()}</code>
                            <label class="visually-hidden" for=operator_id.clone()>{format!("Operator for {path}")}</label>
                            <select
                                id=operator_id
                                on:change=move |ev| {
                                    if let Ok(op) = event_target_value(&ev).parse::<Operator>() {
                                        change(index, Box::new(move |f| f.set_operator(op)));
                                    }
                                }
                            >
                                {ctx.builder
                                    .with_untracked(|f| f.get(index).map(BuiltField::operator_choices))
                                    .unwrap_or_else(|| Operator::choices(kind))
                                    .into_iter()
                                    .map(|op| view! {
                                        <option value=op.as_str() prop:selected=move || operator() == Some(op)>{op.label()}</option>
                                    })
                                    .collect_view()}
                            </select>
                            <label class="visually-hidden" for=value_id.clone()>{format!("Value for {path}")}</label>
                            <input
                                id=value_id
                                type="text"
                                spellcheck="false"
                                autocomplete="off"
                                disabled=move || operator().is_some_and(|op| !op.takes_argument())
                                aria-invalid=move || problem().is_some().then_some("true")
                                aria-describedby=move || problem().is_some().then(|| problem_ref.clone())
                                prop:value=argument
                                on:input=move |ev| {
                                    let text = event_target_value(&ev);
                                    change(index, Box::new(move |f| f.argument = text));
                                }
                            />
                            <button
                                type="button"
                                on:click=move |_| {
                                    rebuild(ctx, replaced, |fields| {
                                        if index < fields.len() {
                                            fields.remove(index);
                                        }
                                    });
                                }
                            >
                                "Remove"
                                <span class="visually-hidden">{format!(" {path}")}</span>
                            </button>
                            <p class="field-error" id=problem_id>{problem}</p>
                        </li>
                    }
                }
            />
        </ul>
    }
}

#[component]
fn SamplesCheck(ctx: RulesContext, partner: Memo<Option<&'static Partner>>) -> impl IntoView {
    let outcomes = Memo::new(move |_| {
        let partner = partner.get()?;
        let (account, region) = (ctx.account.get(), ctx.region.get());
        ctx.pattern
            .with(|pattern| check_samples(pattern, partner.samples(), &account, &region))
    });
    view! {
        <section class="samples-check" aria-labelledby="samples-check-title">
            <h3 id="samples-check-title">
                {move || match partner.get() {
                    Some(p) => format!("All sample events of {}", p.display_name()),
                    None => "All sample events of a partner".to_owned(),
                }}
            </h3>
            {move || match (partner.get(), outcomes.get()) {
                (None, _) => view! { <p class="hint">"Choose a partner above to test the pattern against all its sample events."</p> }.into_any(),
                (Some(_), None) => view! { <p class="hint">"Enter a valid event pattern to test it against every sample event."</p> }.into_any(),
                (Some(_), Some(outcomes)) => {
                    let summary = samples_summary(&outcomes);
                    view! {
                        <p class="samples-summary" role="status">{summary}</p>
                        <ul class="samples-list">
                            {outcomes
                                .into_iter()
                                .map(|outcome| {
                                    let sample = outcome.sample;
                                    let (class, word) = if outcome.matched { ("badge badge-ok", "matches") } else { ("badge badge-muted", "does not match") };
                                    view! {
                                        <li>
                                            <span class="sample-name">{sample.title()}</span>
                                            " "
                                            <span class=class>{word}</span>
                                            " "
                                            <button type="button" on:click=move |_| ctx.event.set(sample.event_for(&ctx.account.get_untracked(), &ctx.region.get_untracked()))>
                                                "Show in the event editor"
                                                <span class="visually-hidden">{format!(": {}", sample.title())}</span>
                                            </button>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                    .into_any()
                }
            }}
        </section>
    }
}
