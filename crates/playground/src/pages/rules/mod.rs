//! The Rules page: the rules saved per event bus, and the five-step wizard that creates or edits
//! one, with the live event-pattern workbench as its second step.
//!
//! The logic lives in `crate::model` (`rule_wizard`, `pattern_check`, `pattern_builder`,
//! `event_tree`, `rule_list`); this module only renders it and forwards input.

mod details;
mod exports;
mod list;
mod pattern;
mod review;
mod tags;
mod targets;
mod wizard;

use leptos::prelude::*;
use rules::{FieldErrors, Rule};
use wasm_bindgen::JsCast;

use crate::context::use_app;
use crate::model::pattern_builder::BuiltField;
use crate::model::rule_wizard::{control_id, message_id, RuleForm, Step};

/// What every part of the page reads and writes.
///
/// The texts and the form are page-local signals, written back to the saved state by effects:
/// a keystroke then only re-renders what depends on that one text, not everything that reads
/// the playground state.
#[derive(Clone, Copy)]
pub(super) struct RulesContext {
    /// The open wizard's form; `None` shows the list of rules.
    pub form: RwSignal<Option<RuleForm>>,
    pub pattern: RwSignal<String>,
    pub event: RwSignal<String>,
    pub builder: RwSignal<Vec<BuiltField>>,
    pub account: Memo<String>,
    pub region: Memo<String>,
    /// The rule the form describes and everything wrong with it.
    pub built: Memo<Option<(Rule, FieldErrors)>>,
    /// The part of `built`'s errors to show: those of steps the user tried to leave.
    pub shown_errors: Memo<FieldErrors>,
    /// A confirmation for the list ("Rule orders created.").
    pub flash: RwSignal<Option<String>>,
}

impl RulesContext {
    /// Reads from the open form (a default when the wizard is closed).
    pub fn read<T: Default>(&self, read: impl FnOnce(&RuleForm) -> T) -> T {
        self.form
            .with(|form| form.as_ref().map(read).unwrap_or_default())
    }

    /// Changes the open form.
    pub fn edit(&self, edit: impl FnOnce(&mut RuleForm)) {
        self.form.update(|form| {
            if let Some(form) = form {
                edit(form)
            }
        });
    }

    pub fn messages(&self, field: &str) -> Vec<String> {
        self.shown_errors
            .with(|errors| errors.messages_for(field).map(str::to_owned).collect())
    }

    pub fn has_messages(&self, field: &str) -> bool {
        self.shown_errors
            .with(|errors| errors.messages_for(field).next().is_some())
    }

    /// `aria-invalid` for the control of `field`.
    pub fn invalid(
        &self,
        field: &str,
    ) -> impl Fn() -> Option<&'static str> + Send + Sync + 'static {
        let ctx = *self;
        let field = field.to_owned();
        move || ctx.has_messages(&field).then_some("true")
    }

    /// `aria-describedby` for the control of `field`: its hint (if any) and its messages.
    pub fn described_by(
        &self,
        field: &str,
        hint: Option<&str>,
    ) -> impl Fn() -> Option<String> + Send + Sync + 'static {
        let ctx = *self;
        let field = field.to_owned();
        let hint = hint.map(str::to_owned);
        move || {
            let mut ids: Vec<String> = hint.iter().cloned().collect();
            if ctx.has_messages(&field) {
                ids.push(message_id(&field));
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    }

    /// Moves the wizard to `step`, keyboard focus to its heading.
    pub fn go_to(&self, step: Step) {
        self.edit(|form| form.step = step);
        request_animation_frame(|| focus_selector("#wizard-step-title"));
    }
}

/// The messages for one field, next to its control.
#[component]
fn FieldMessages(ctx: RulesContext, #[prop(into)] field: String) -> impl IntoView {
    let id = message_id(&field);
    view! {
        <div class="field-messages" id=id>
            {move || {
                ctx.messages(&field)
                    .into_iter()
                    .map(|message| view! { <p class="field-error">{message}</p> })
                    .collect_view()
            }}
        </div>
    }
}

/// A labelled one-line text input for one field of a repeated row (a tag, an input path), with the
/// field's messages below it.
#[component]
fn RowText(
    ctx: RulesContext,
    /// The field the input sets, such as `tags[0].key` (for its id and its messages).
    #[prop(into)]
    field: String,
    #[prop(into)] label: String,
    /// Adds "(optional)" to the label.
    #[prop(optional)]
    optional: bool,
    #[prop(optional)] placeholder: Option<&'static str>,
    #[prop(into)] value: Signal<String>,
    on_text: impl Fn(String) + 'static,
) -> impl IntoView {
    let id = control_id(&field);
    view! {
        <div class="field">
            <label for=id.clone()>
                {label}
                {optional.then(|| view! { " " <span class="optional">"(optional)"</span> })}
            </label>
            <input
                id=id
                type="text"
                spellcheck="false"
                placeholder=placeholder
                aria-invalid=ctx.invalid(&field)
                aria-describedby=ctx.described_by(&field, None)
                prop:value=value
                on:input=move |ev| on_text(event_target_value(&ev))
            />
            <FieldMessages ctx field=field.clone() />
        </div>
    }
}

#[component]
pub fn RulesPage() -> impl IntoView {
    let app = use_app();
    let initial = app.state.get_untracked();
    let form = RwSignal::new(initial.wizard);
    let pattern = RwSignal::new(initial.draft.pattern);
    let event = RwSignal::new(initial.draft.event);
    let builder = RwSignal::new(initial.draft.builder);
    // Write every change back to the saved state (the first run only reads what is already there).
    Effect::new(move |previous: Option<()>| {
        let value = form.get();
        if previous.is_some() {
            app.state.update(|s| s.wizard = value);
        }
    });
    Effect::new(move |previous: Option<()>| {
        let (p, e, b) = (pattern.get(), event.get(), builder.get());
        if previous.is_some() {
            app.state.update(|s| {
                s.draft.pattern = p;
                s.draft.event = e;
                s.draft.builder = b;
            });
        }
    });

    // And the other way: when the whole state is replaced (an imported file, a restored backup)
    // while this page is open, the page shows the new draft instead of writing the old one back.
    Effect::new(move |_| {
        let (saved_form, draft) = app.state.with(|s| (s.wizard.clone(), s.draft.clone()));
        if form.with_untracked(|f| *f != saved_form) {
            form.set(saved_form);
        }
        if pattern.with_untracked(|p| *p != draft.pattern) {
            pattern.set(draft.pattern);
        }
        if event.with_untracked(|e| *e != draft.event) {
            event.set(draft.event);
        }
        if builder.with_untracked(|b| *b != draft.builder) {
            builder.set(draft.builder);
        }
    });

    let account = Memo::new(move |_| app.state.with(|s| s.account.clone()));
    let region = Memo::new(move |_| app.state.with(|s| s.current_region().code().to_owned()));
    let built = Memo::new(move |_| {
        let (account, region) = (account.get(), region.get());
        pattern.with(|pattern| {
            form.with(|form| {
                form.as_ref()
                    .map(|form| form.build(&account, &region, pattern))
            })
        })
    });
    let shown_errors = Memo::new(move |_| {
        let mut shown = FieldErrors::new();
        form.with(|form| {
            built.with(|built| {
                if let (Some(form), Some((_, errors))) = (form, built) {
                    for error in errors {
                        if form.is_checked(Step::of_field(&error.field)) {
                            shown.push(error.field.clone(), error.message.clone());
                        }
                    }
                }
            })
        });
        shown
    });
    let ctx = RulesContext {
        form,
        pattern,
        event,
        builder,
        account,
        region,
        built,
        shown_errors,
        flash: RwSignal::new(None),
    };
    let wizard_open = Memo::new(move |_| form.with(Option::is_some));

    view! {
        <section class="page rules-page" aria-labelledby="page-title">
            <h1 id="page-title" tabindex="-1">"Rules"</h1>
            {move || {
                if wizard_open.get() {
                    view! { <wizard::Wizard ctx /> }.into_any()
                } else {
                    view! { <list::RuleList ctx /> }.into_any()
                }
            }}
        </section>
    }
}

/// Moves keyboard focus to the first element matching `selector`, if there is one.
pub(super) fn focus_selector(selector: &str) {
    let element = document().query_selector(selector).ok().flatten();
    if let Some(element) = element.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = element.focus();
    }
}
