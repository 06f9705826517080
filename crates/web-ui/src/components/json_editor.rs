//! A JSON editor with colours, line numbers and marked ranges, built from plain elements.
//!
//! A transparent `<textarea>` lies exactly over a `<pre>` holding the same text in coloured
//! `<span>`s. Both use the same font and padding and never wrap; the `<pre>` gives the pair its
//! size, so they share one scroll container and stay aligned without scroll syncing. The user's
//! text only ever becomes text nodes, never markup.
//!
//! A large text (see [`is_large_text`]) is edited differently (issue 16, item 10: a keystroke in a
//! 256 KB event cost the page 70-300 ms). Chrome lays out and paints a text area's whole text on
//! every keystroke, and the pair above made that text area as tall as the text, next to a second
//! copy of it: so for a large text the text area shows its own text and scrolls itself in a box
//! of fixed height, the colour layer holds only the control-character markers (and is empty when
//! there are none), and the gutter and that layer follow the text area's scrolling.

use leptos::html;
use leptos::prelude::*;

use std::time::Duration;

use crate::bidi::{controls_note, has_controls, split_controls};
use crate::json_highlight::{
    first_problem, is_large_text, line_count, offset_revealing, segments, Highlight,
};

/// How long typing in a large text must pause before the text is handed on (and analysed).
const LARGE_TEXT_PAUSE: Duration = Duration::from_millis(150);

/// A piece of the colour layer, with each invisible or bidirectional control character in its
/// own marked span (drawn as a bar; the character itself stays, so both layers lay out alike).
fn with_marked_controls(piece: String) -> AnyView {
    let pieces = split_controls(&piece);
    if pieces.iter().all(|p| p.control.is_none()) {
        return piece.into_any();
    }
    pieces
        .into_iter()
        .map(|p| {
            let text = piece[p.range].to_owned();
            match p.control {
                Some(name) => view! {
                    <span class="tok-control" data-control=name>{text}</span>
                }
                .into_any(),
                None => text.into_any(),
            }
        })
        .collect_view()
        .into_any()
}

/// Sets or removes an element's `transform`.
fn set_transform(element: &web_sys::HtmlElement, transform: Option<&str>) {
    let style = element.style();
    let _ = match transform {
        Some(value) => style.set_property("transform", value),
        None => style.remove_property("transform").map(|_| ()),
    };
}

/// Scrolls the editor so its first failing field or error mark is in view, unless the focus is in
/// the editor: the text never moves under someone typing in it.
fn reveal_first_problem(scroller: NodeRef<html::Div>) {
    let Some(container) = scroller.get_untracked() else {
        return;
    };
    if let Some(active) = document().active_element() {
        if container.contains(Some(&active)) {
            return;
        }
    }
    let Ok(Some(mark)) = container.query_selector(".hl-failing, .hl-error") else {
        return;
    };
    let frame = container.get_bounding_client_rect();
    let area = mark.get_bounding_client_rect();
    let (top, left) = (
        f64::from(container.scroll_top()),
        f64::from(container.scroll_left()),
    );
    if let Some(to) = offset_revealing(
        top,
        f64::from(container.client_height()),
        area.top() - frame.top() + top,
        area.height(),
    ) {
        container.set_scroll_top(to as i32);
    }
    if let Some(to) = offset_revealing(
        left,
        f64::from(container.client_width()),
        area.left() - frame.left() + left,
        area.width(),
    ) {
        container.set_scroll_left(to as i32);
    }
}

#[component]
pub fn JsonEditor(
    /// The text being edited.
    value: RwSignal<String>,
    /// The visible label of the editor.
    #[prop(into)]
    label: String,
    /// Ranges to mark: parser errors, failing fields, matched values.
    #[prop(into)]
    highlights: Signal<Vec<Highlight>>,
    /// Shows the text without letting it be changed.
    #[prop(optional)]
    readonly: bool,
    /// The DOM id of the text area (the label points at it).
    #[prop(into)]
    id: String,
    /// The id of an element describing the current problem, if there is one.
    #[prop(optional, into)]
    problem_id: Signal<Option<String>>,
) -> impl IntoView {
    let lines = Memo::new(move |_| value.with(|text| line_count(text)));
    let gutter = move || {
        (1..=lines.get())
            .map(|n| n.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let large = Memo::new(move |_| value.with(|text| is_large_text(text)));
    let coloured = move || {
        value.with(|text| {
            // A large text is shown by the text area itself (see the module's comment); this
            // layer then only marks control characters, under transparent text. Without any, it
            // stays empty: laying out a second copy of 256 KB took Chrome 250 ms after each pause.
            if is_large_text(text) {
                if !has_controls(text) {
                    return ().into_any();
                }
                return view! { <span class="tok-plain">{with_marked_controls(text.clone())}</span> }
                    .into_any();
            }
            highlights.with(|marks| {
                segments(text, marks)
                    .into_iter()
                    .map(|segment| {
                        let class = match segment.mark {
                            Some(mark) => format!("{} {}", segment.token.class(), mark.class()),
                            None => segment.token.class().to_owned(),
                        };
                        // An empty piece is a mark at a line end: drawn as a marked space.
                        let piece = if segment.range.is_empty() {
                            " ".to_owned()
                        } else {
                            text[segment.range].to_owned()
                        };
                        view! { <span class=class>{with_marked_controls(piece)}</span> }
                    })
                    .collect_view()
                    .into_any()
            })
        })
    };
    // Typing in a large text hands it on only after a pause, so the owner's analysis (parsing
    // and matching the whole text) runs once per pause, not once per keystroke.
    let typed = StoredValue::new(0_u64);
    let input = NodeRef::<html::Textarea>::new();
    let on_input = move |ev: leptos::ev::Event| {
        let generation = typed.get_value().wrapping_add(1);
        typed.set_value(generation);
        // Whether the text is large is judged by the text last handed on, which costs nothing:
        // reading the text area's value copies the whole text out of the browser (11 ms for
        // 256 KB), so a large text is read once, when typing pauses. A paste that makes a small
        // text large is handed on at once; the keystrokes after it wait for a pause.
        if !value.with_untracked(|text| is_large_text(text)) {
            value.set(event_target_value(&ev));
            return;
        }
        set_timeout(
            move || {
                // The `try_` forms: the editor may have been removed during the pause.
                if typed.try_get_value() != Some(generation) {
                    return;
                }
                let Some(area) = input.get_untracked() else {
                    return;
                };
                let text = area.value();
                // Unchanged (typed and undone, or replaced by the owner meanwhile): no new analysis.
                if value.try_with_untracked(|current| *current != text) == Some(true) {
                    value.try_set(text);
                }
            },
            LARGE_TEXT_PAUSE,
        );
    };
    // A large text's gutter and colour layer follow the text area's own scrolling. Transforms
    // rather than scroll offsets: the text area's scroll range is larger than theirs by its
    // scroll bars, so their offsets could not always follow it.
    let gutter_layer = NodeRef::<html::Pre>::new();
    let colour_layer = NodeRef::<html::Pre>::new();
    let follow_scrolling = move |top: i32, left: i32| {
        if let Some(gutter) = gutter_layer.get_untracked() {
            let shift = (top != 0).then(|| format!("translateY({}px)", -top));
            set_transform(&gutter, shift.as_deref());
        }
        if let Some(colours) = colour_layer.get_untracked() {
            let shift =
                (top != 0 || left != 0).then(|| format!("translate({}px, {}px)", -left, -top));
            set_transform(&colours, shift.as_deref());
        }
    };
    let on_scroll = move |_| {
        if !large.get_untracked() {
            return;
        }
        if let Some(area) = input.get_untracked() {
            follow_scrolling(area.scroll_top(), area.scroll_left());
        }
    };
    let scroller = NodeRef::<html::Div>::new();
    // Switching between the two ways of showing the text: the outer box does not scroll for a
    // large text (its offset would shift everything), nor the text area for a small one.
    Effect::new(move |previous: Option<bool>| {
        let now = large.get();
        if previous.is_some_and(|was| was != now) {
            if let Some(container) = scroller.get_untracked() {
                container.set_scroll_top(0);
                container.set_scroll_left(0);
            }
            match (now, input.get_untracked()) {
                (true, Some(area)) => follow_scrolling(area.scroll_top(), area.scroll_left()),
                (_, area) => {
                    if let Some(area) = area {
                        area.set_scroll_top(0);
                        area.set_scroll_left(0);
                    }
                    follow_scrolling(0, 0);
                }
            }
        }
        now
    });
    let invalid = move || problem_id.with(Option::is_some);
    // Control characters are marked in the text by a thin bar, easy to miss in a long text; a
    // sentence under the editor names them with their lines.
    let note = Memo::new(move |_| value.with(|text| controls_note(text)));
    let note_id = format!("{id}-controls");
    let described_by = {
        let note_id = note_id.clone();
        move || {
            let ids: Vec<String> = problem_id
                .get()
                .into_iter()
                .chain(note.with(Option::is_some).then(|| note_id.clone()))
                .collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    // A new first problem is brought into view once the marks are drawn.
    Effect::new(move |previous: Option<Option<usize>>| {
        let first = highlights.with(|marks| first_problem(marks));
        if first.is_some() && previous.flatten() != first {
            request_animation_frame(move || reveal_first_problem(scroller));
        }
        first
    });

    view! {
        <div class="json-editor" class:json-editor-readonly=readonly class:json-editor-large=move || large.get()>
            <label class="json-editor-label" for=id.clone()>{label}</label>
            <div class="json-editor-scroll" class:json-editor-invalid=invalid node_ref=scroller>
                <pre class="json-editor-gutter" aria-hidden="true" node_ref=gutter_layer>{gutter}</pre>
                <div class="json-editor-code">
                    // The trailing space keeps a final empty line (and the caret on it) visible.
                    <pre class="json-editor-colours" aria-hidden="true" node_ref=colour_layer>{coloured}" "</pre>
                    <textarea
                        id=id
                        node_ref=input
                        class="json-editor-input"
                        wrap="off"
                        spellcheck="false"
                        autocomplete="off"
                        autocapitalize="off"
                        readonly=readonly
                        aria-invalid=move || invalid().then_some("true")
                        aria-describedby=described_by
                        prop:value=move || value.get()
                        on:input=on_input
                        on:scroll=on_scroll
                    ></textarea>
                </div>
            </div>
            {move || note.get().map(|text| view! { <p class="json-editor-controls" id=note_id.clone()>{text}</p> })}
        </div>
    }
}
