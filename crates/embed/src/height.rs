//! The embed's height, posted to the parent window so the iframe can be sized to fit
//! (`{type: "eventbridge-playground:height", height}` via postMessage).

use std::cell::Cell;

use wasm_bindgen::JsValue;
use web_ui::dom::{document, window};

/// The message type the parent page listens for.
pub const HEIGHT_MESSAGE: &str = "eventbridge-playground:height";

thread_local! {
    /// The last height posted: only changes are posted, so the reports settle.
    static LAST_HEIGHT: Cell<Option<i32>> = const { Cell::new(None) };
}

/// Posts the height of the content (`main.embed`), never of the document: the document is at
/// least as tall as the iframe, so reporting it would let a host that adds padding or a border
/// grow the iframe, which grows the document, which is reported again, forever (issue 16, item
/// 9). The content's height does not depend on the iframe's height, so the reports settle; and a
/// height equal to the last one posted is not posted again.
pub fn post_height() {
    let Ok(Some(content)) = document().query_selector("main.embed") else {
        return;
    };
    let height = content_height(content.get_bounding_client_rect().height());
    if LAST_HEIGHT.replace(Some(height)) == Some(height) {
        return;
    }
    let Ok(Some(parent)) = window().parent() else {
        return;
    };
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"type".into(), &HEIGHT_MESSAGE.into());
    let _ = js_sys::Reflect::set(&message, &"height".into(), &JsValue::from(height));
    // The height is not sensitive, so any embedding origin may read it.
    let _ = parent.post_message(&message, "*");
}

/// Whole CSS pixels, rounded up so the iframe never gets a scroll bar for a fraction of a pixel.
fn content_height(layout_height: f64) -> i32 {
    // A layout height is finite and far below i32::MAX; the clamp keeps a broken value harmless.
    layout_height.ceil().clamp(0.0, 100_000.0) as i32
}
