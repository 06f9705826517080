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
//!
//! The colour layer is redrawn once per frame, however many changes (the text, then its marks)
//! arrive before it, and only the spans whose class or text changed are touched.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlTextAreaElement, Text};

use crate::bidi::{controls_note, has_controls, split_controls};
use crate::dom::{
    after, append_text, before_next_frame, child, document, element, set_attribute, set_class,
    Listener,
};
use crate::json_highlight::{
    first_problem, is_large_text, line_count, offset_revealing, segments, Highlight,
};

/// How long typing in a large text must pause before the text is handed on (and analysed).
const LARGE_TEXT_PAUSE_MS: i32 = 150;

/// What an editor is, fixed when it is built.
pub struct EditorSettings<'a> {
    /// The visible label.
    pub label: &'a str,
    /// The DOM id of the text area (the label points at it).
    pub id: &'a str,
    /// Shows the text without letting it be changed.
    pub readonly: bool,
}

/// An editor in the page. Dropping it removes its listeners (its elements stay where they are).
pub struct JsonEditorWidget {
    state: Rc<State>,
    _listeners: [Listener; 2],
}

/// One span of the colour layer as last drawn.
struct DrawnPiece {
    class: String,
    text: String,
    element: HtmlElement,
}

struct State {
    root: HtmlElement,
    scroller: HtmlElement,
    gutter: HtmlElement,
    colours: HtmlElement,
    /// The colour layer's last text node: a space that keeps a final empty line (and the caret
    /// on it) visible. Spans go before it.
    tail: Text,
    area: HtmlTextAreaElement,
    /// The sentence naming the text's control characters, in the page only while there are some.
    note: HtmlElement,
    note_id: String,
    /// The text as last handed on or set (reading the text area's value copies the whole text
    /// out of the browser: 1-3 ms for 256 KB, five times the editor's own work per keystroke).
    text: RefCell<String>,
    highlights: RefCell<Vec<Highlight>>,
    problem_id: RefCell<Option<String>>,
    has_note: Cell<bool>,
    lines: Cell<usize>,
    /// Whether the text is large; `None` until the first text is shown.
    large: Cell<Option<bool>>,
    first_problem: Cell<Option<usize>>,
    /// Counts input events, so that only the last one before a pause hands a large text on.
    typed: Cell<u64>,
    frame_pending: Cell<bool>,
    reveal_pending: Cell<bool>,
    drawn: RefCell<Vec<DrawnPiece>>,
    on_change: Box<dyn Fn(String)>,
}

impl JsonEditorWidget {
    /// Builds the editor inside `root` (a `<div>`), which becomes `div.json-editor`. Whatever
    /// `root` held goes: Leptos keeps an element when it draws the same view again (the next
    /// lesson's editor), so it may hold the editor before this one.
    /// `on_change` receives each text the user types (a large text once typing pauses), never
    /// the texts given to [`set_text`](Self::set_text).
    pub fn build(
        root: &HtmlElement,
        settings: &EditorSettings<'_>,
        on_change: impl Fn(String) + 'static,
    ) -> JsonEditorWidget {
        root.set_text_content(None);
        root.set_class_name("json-editor");
        set_class(root, "json-editor-readonly", settings.readonly);
        let label = child(root, "label", "json-editor-label", settings.label);
        let _ = label.set_attribute("for", settings.id);
        let scroller = child(root, "div", "json-editor-scroll", "");
        let gutter = child(&scroller, "pre", "json-editor-gutter", "");
        let _ = gutter.set_attribute("aria-hidden", "true");
        let code = child(&scroller, "div", "json-editor-code", "");
        let colours = child(&code, "pre", "json-editor-colours", "");
        let _ = colours.set_attribute("aria-hidden", "true");
        let tail = document().create_text_node(" ");
        let _ = colours.append_child(&tail);
        let area = child(&code, "textarea", "json-editor-input", "")
            .unchecked_into::<HtmlTextAreaElement>();
        area.set_id(settings.id);
        for (name, value) in [
            ("wrap", "off"),
            ("spellcheck", "false"),
            ("autocomplete", "off"),
            ("autocapitalize", "off"),
        ] {
            let _ = area.set_attribute(name, value);
        }
        area.set_read_only(settings.readonly);
        let note_id = format!("{}-controls", settings.id);
        let note = element("p", "json-editor-controls");
        note.set_id(&note_id);
        let state = Rc::new(State {
            root: root.clone(),
            scroller,
            gutter,
            colours,
            tail,
            area,
            note,
            note_id,
            text: RefCell::new(String::new()),
            highlights: RefCell::new(Vec::new()),
            problem_id: RefCell::new(None),
            has_note: Cell::new(false),
            lines: Cell::new(0),
            large: Cell::new(None),
            first_problem: Cell::new(None),
            typed: Cell::new(0),
            frame_pending: Cell::new(false),
            reveal_pending: Cell::new(false),
            drawn: RefCell::new(Vec::new()),
            on_change: Box::new(on_change),
        });
        state.text_changed();
        // The listeners hold the state weakly: dropping the widget drops it, and them.
        let area = state.area.clone();
        let input = {
            let state = Rc::downgrade(&state);
            Listener::new(&area, "input", move |_| {
                if let Some(state) = state.upgrade() {
                    state.on_input();
                }
            })
        };
        let scroll = {
            let state = Rc::downgrade(&state);
            Listener::new(&area, "scroll", move |_| {
                if let Some(state) = state.upgrade() {
                    state.on_scroll();
                }
            })
        };
        JsonEditorWidget {
            state,
            _listeners: [input, scroll],
        }
    }

    /// Shows `text` (the owner's own change: a sample, an opened link). Nothing happens when it
    /// is the text already shown, so an owner may echo back what the user typed.
    pub fn set_text(&self, text: &str) {
        if *self.state.text.borrow() == text {
            return;
        }
        *self.state.text.borrow_mut() = text.to_owned();
        self.state.area.set_value(text);
        self.state.text_changed();
    }

    /// Calls `f` with the text shown (as last typed and handed on, or set).
    pub fn with_text<R>(&self, f: impl FnOnce(&str) -> R) -> R {
        f(&self.state.text.borrow())
    }

    /// Marks ranges of the text: parser errors, failing fields, matched values. A new first
    /// problem is brought into view once drawn.
    pub fn set_highlights(&self, highlights: &[Highlight]) {
        if *self.state.highlights.borrow() == highlights {
            return;
        }
        *self.state.highlights.borrow_mut() = highlights.to_vec();
        let first = first_problem(highlights);
        if first.is_some() && self.state.first_problem.get() != first {
            self.state.reveal_pending.set(true);
        }
        self.state.first_problem.set(first);
        self.state.schedule_frame();
    }

    /// The id of an element describing the text's problem, or `None` when it has none: the
    /// editor is then marked invalid and points at it.
    pub fn set_problem_id(&self, id: Option<&str>) {
        if self.state.problem_id.borrow().as_deref() == id {
            return;
        }
        *self.state.problem_id.borrow_mut() = id.map(str::to_owned);
        self.state.describe();
    }
}

impl State {
    fn on_input(self: &Rc<Self>) {
        let generation = self.typed.get().wrapping_add(1);
        self.typed.set(generation);
        // Whether the text is large is judged by the text last handed on, which costs nothing.
        // A paste that makes a small text large is handed on at once; the keystrokes after it
        // wait for a pause, so the owner's analysis runs once per pause, not per keystroke.
        if !is_large_text(&self.text.borrow()) {
            self.accept(self.area.value());
            return;
        }
        let state = Rc::downgrade(self);
        after(LARGE_TEXT_PAUSE_MS, move || {
            let Some(state) = state.upgrade() else {
                return;
            };
            if state.typed.get() != generation {
                return;
            }
            let text = state.area.value();
            // Unchanged (typed and undone, or replaced by the owner meanwhile): no new analysis.
            if *state.text.borrow() != text {
                state.accept(text);
            }
        });
    }

    /// Takes a text the user typed and hands it on.
    fn accept(self: &Rc<Self>, text: String) {
        self.text.borrow_mut().clone_from(&text);
        self.text_changed();
        (self.on_change)(text);
    }

    fn on_scroll(&self) {
        if self.large.get() == Some(true) {
            self.follow_scrolling(self.area.scroll_top(), self.area.scroll_left());
        }
    }

    /// Everything that follows from the text but the colours: the gutter, the way the text is
    /// shown, the control-character note. The colours are redrawn before the next frame.
    fn text_changed(self: &Rc<Self>) {
        let (lines, large, note) = {
            let text = self.text.borrow();
            (
                line_count(&text),
                is_large_text(&text),
                controls_note(&text),
            )
        };
        if self.lines.replace(lines) != lines {
            let numbers: Vec<String> = (1..=lines).map(|n| n.to_string()).collect();
            self.gutter.set_text_content(Some(&numbers.join("\n")));
        }
        if let Some(was) = self.large.replace(Some(large)) {
            if was != large {
                self.switch_mode(large);
            }
        } else {
            set_class(&self.root, "json-editor-large", large);
        }
        match &note {
            Some(text) => {
                self.note.set_text_content(Some(text));
                if !self.has_note.replace(true) {
                    let _ = self.root.append_child(&self.note);
                    self.describe();
                }
            }
            None => {
                if self.has_note.replace(false) {
                    self.note.remove();
                    self.describe();
                }
            }
        }
        self.schedule_frame();
    }

    /// Changes between the two ways of showing the text: the outer box does not scroll for a
    /// large text (its offset would shift everything), nor the text area for a small one.
    fn switch_mode(&self, large: bool) {
        set_class(&self.root, "json-editor-large", large);
        self.scroller.set_scroll_top(0);
        self.scroller.set_scroll_left(0);
        if large {
            self.follow_scrolling(self.area.scroll_top(), self.area.scroll_left());
        } else {
            self.area.set_scroll_top(0);
            self.area.set_scroll_left(0);
            self.follow_scrolling(0, 0);
        }
    }

    /// A large text's gutter and colour layer follow the text area's own scrolling. Transforms
    /// rather than scroll offsets: the text area's scroll range is larger than theirs by its
    /// scroll bars, so their offsets could not always follow it.
    fn follow_scrolling(&self, top: i32, left: i32) {
        let shift = (top != 0).then(|| format!("translateY({}px)", -top));
        set_transform(&self.gutter, shift.as_deref());
        let shift = (top != 0 || left != 0).then(|| format!("translate({}px, {}px)", -left, -top));
        set_transform(&self.colours, shift.as_deref());
    }

    /// The text area's `aria-invalid` and `aria-describedby`, and the invalid frame.
    fn describe(&self) {
        let problem = self.problem_id.borrow();
        let ids: Vec<&str> = problem
            .as_deref()
            .into_iter()
            .chain(self.has_note.get().then_some(self.note_id.as_str()))
            .collect();
        set_class(&self.scroller, "json-editor-invalid", problem.is_some());
        set_attribute(
            &self.area,
            "aria-invalid",
            problem.is_some().then_some("true"),
        );
        set_attribute(
            &self.area,
            "aria-describedby",
            (!ids.is_empty()).then(|| ids.join(" ")).as_deref(),
        );
    }

    fn schedule_frame(self: &Rc<Self>) {
        if self.frame_pending.replace(true) {
            return;
        }
        let state = Rc::downgrade(self);
        before_next_frame(move || {
            let Some(state) = state.upgrade() else {
                return;
            };
            state.frame_pending.set(false);
            state.draw_colours();
            if state.reveal_pending.replace(false) {
                state.reveal_first_problem();
            }
        });
    }

    /// Brings the colour layer up to date, touching only the spans that changed.
    fn draw_colours(&self) {
        let text = self.text.borrow();
        let highlights = self.highlights.borrow();
        // A large text is shown by the text area itself (see the module's comment); this layer
        // then only marks control characters, under transparent text. Without any, it stays
        // empty: laying out a second copy of 256 KB took Chrome 250 ms after each pause.
        let pieces: Vec<(String, &str)> = if is_large_text(&text) {
            if has_controls(&text) {
                vec![("tok-plain".to_owned(), text.as_str())]
            } else {
                Vec::new()
            }
        } else {
            segments(&text, &highlights)
                .into_iter()
                .map(|segment| {
                    let class = match segment.mark {
                        Some(mark) => format!("{} {}", segment.token.class(), mark.class()),
                        None => segment.token.class().to_owned(),
                    };
                    // An empty piece is a mark at a line end: drawn as a marked space.
                    let piece = if segment.range.is_empty() {
                        " "
                    } else {
                        &text[segment.range]
                    };
                    (class, piece)
                })
                .collect()
        };
        let mut drawn = self.drawn.borrow_mut();
        for (at, (class, piece)) in pieces.iter().enumerate() {
            match drawn.get_mut(at) {
                Some(old) => {
                    if old.class != *class {
                        old.element.set_class_name(class);
                        old.class.clone_from(class);
                    }
                    if old.text != *piece {
                        fill_piece(&old.element, piece);
                        old.text = (*piece).to_owned();
                    }
                }
                None => {
                    let span = element("span", class);
                    fill_piece(&span, piece);
                    let _ = self.colours.insert_before(&span, Some(&self.tail));
                    drawn.push(DrawnPiece {
                        class: class.clone(),
                        text: (*piece).to_owned(),
                        element: span,
                    });
                }
            }
        }
        for old in drawn.drain(pieces.len()..) {
            old.element.remove();
        }
    }

    /// Scrolls the editor so its first failing field or error mark is in view, unless the focus
    /// is in the editor: the text never moves under someone typing in it.
    fn reveal_first_problem(&self) {
        let container = &self.scroller;
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
}

/// Puts a piece of text into its span, with each invisible or bidirectional control character in
/// its own marked span (drawn as a bar; the character itself stays, so both layers lay out alike).
fn fill_piece(span: &HtmlElement, piece: &str) {
    let pieces = split_controls(piece);
    if pieces.iter().all(|p| p.control.is_none()) {
        span.set_text_content(Some(piece));
        return;
    }
    span.set_text_content(None);
    for p in pieces {
        let text = &piece[p.range];
        match p.control {
            Some(name) => {
                let marker = child(span, "span", "tok-control", text);
                let _ = marker.set_attribute("data-control", name);
            }
            None => append_text(span, text),
        }
    }
}

/// Sets or removes an element's `transform`.
fn set_transform(element: &HtmlElement, transform: Option<&str>) {
    let style = element.style();
    let _ = match transform {
        Some(value) => style.set_property("transform", value),
        None => style.remove_property("transform").map(|_| ()),
    };
}
