//! The few DOM calls the plain widgets ([`crate::widgets`]) are built from.
//!
//! The widgets are written against the DOM directly rather than with Leptos so that a page can
//! use them without the reactive runtime: the docs embed does, and that is most of why it fits its
//! download budget (issue 14). The Leptos pages use the same widgets through thin components.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Event, EventTarget, HtmlElement, Node, Window};

/// The page's window. The widgets run only in a page, never in a worker, so it exists.
pub fn window() -> Window {
    web_sys::window().expect("the widgets run in a page, which has a window")
}

/// The page's document.
pub fn document() -> Document {
    window()
        .document()
        .expect("the widgets run in a page, which has a document")
}

/// A new element, with `class` as its class attribute unless that is empty.
pub fn element(tag: &str, class: &str) -> HtmlElement {
    let element = document()
        .create_element(tag)
        .expect("the widgets' tag names are valid")
        .unchecked_into::<HtmlElement>();
    if !class.is_empty() {
        element.set_class_name(class);
    }
    element
}

/// A new element appended to `parent`, holding `text` (as a text node, never as markup).
pub fn child(parent: &Node, tag: &str, class: &str, text: &str) -> HtmlElement {
    let element = element(tag, class);
    if !text.is_empty() {
        element.set_text_content(Some(text));
    }
    let _ = parent.append_child(&element);
    element
}

/// Appends `text` to `parent` as a text node.
pub fn append_text(parent: &Node, text: &str) {
    let _ = parent.append_child(&document().create_text_node(text));
}

/// Sets an attribute, or removes it when `value` is `None`.
pub fn set_attribute(element: &Element, name: &str, value: Option<&str>) {
    let _ = match value {
        Some(value) => element.set_attribute(name, value),
        None => element.remove_attribute(name),
    };
}

/// Adds or removes one class.
pub fn set_class(element: &Element, class: &str, on: bool) {
    let _ = element.class_list().toggle_with_force(class, on);
}

/// An event listener that is removed when dropped, so a widget that goes away leaves no
/// callback behind in the page.
pub struct Listener {
    target: EventTarget,
    kind: &'static str,
    callback: Closure<dyn FnMut(Event)>,
}

impl Listener {
    pub fn new(target: &EventTarget, kind: &'static str, f: impl FnMut(Event) + 'static) -> Self {
        let callback = Closure::<dyn FnMut(Event)>::new(f);
        let _ = target.add_event_listener_with_callback(kind, callback.as_ref().unchecked_ref());
        Listener {
            target: target.clone(),
            kind,
            callback,
        }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self
            .target
            .remove_event_listener_with_callback(self.kind, self.callback.as_ref().unchecked_ref());
    }
}

/// Runs `f` before the browser draws its next frame.
pub fn before_next_frame(f: impl FnOnce() + 'static) {
    let callback = Closure::once_into_js(f);
    let _ = window().request_animation_frame(callback.unchecked_ref());
}

/// Runs `f` once, after `milliseconds`.
pub fn after(milliseconds: i32, f: impl FnOnce() + 'static) {
    let callback = Closure::once_into_js(f);
    let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(
        callback.unchecked_ref(),
        milliseconds,
    );
}
