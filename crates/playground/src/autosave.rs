//! Writing the state to browser storage a moment after it stops changing.
//!
//! Saving serializes the whole state (a draft event may be 256 KB) and writes it synchronously,
//! so saving on every keystroke cost each keystroke that much. A save now waits until the state
//! has been still for [`AUTOSAVE_DELAY`]; leaving or hiding the page saves at once whatever is
//! still waiting, so no work is lost when the tab is closed, reloaded or sent to the background.

use std::time::Duration;

use leptos::prelude::*;

use crate::context::AppContext;
use crate::model::backups::without_save_failure;
use crate::storage;

/// How long the state must be still before it is saved.
pub const AUTOSAVE_DELAY: Duration = Duration::from_millis(300);

/// Saves `app.state` after each change (debounced), and at once when the page is hidden or left.
pub fn autosave(app: AppContext) {
    // Which change the scheduled save belongs to; a later change makes an earlier timer moot.
    let changes = StoredValue::new(0_u64);
    let pending = StoredValue::new(false);
    // Saves what is waiting, if anything: the timer and leaving the page both ask, and whichever
    // comes second has nothing to do.
    let flush = move || {
        if pending.try_get_value() == Some(true) {
            save_now(app, pending);
        }
    };
    Effect::new(move |previous: Option<()>| {
        app.state.track();
        // The first run is the state just loaded (or just saved by a link): nothing to write.
        if previous.is_none() {
            return;
        }
        let change = changes.get_value().wrapping_add(1);
        changes.set_value(change);
        pending.set_value(true);
        set_timeout(
            move || {
                if changes.try_get_value() == Some(change) {
                    flush();
                }
            },
            AUTOSAVE_DELAY,
        );
    });
    // `pagehide` covers closing, reloading and following a link to the other entry page;
    // `visibilitychange` a phone sending the tab to the background (which may never come back).
    let on_hide = window_event_listener(leptos::ev::pagehide, move |_| flush());
    let on_hidden = window_event_listener(leptos::ev::visibilitychange, move |_| {
        if document().visibility_state() == web_sys::VisibilityState::Hidden {
            flush();
        }
    });
    on_cleanup(move || {
        on_hide.remove();
        on_hidden.remove();
    });
}

/// Writes the state now, and tells the truth about it in the notice banner.
fn save_now(app: AppContext, pending: StoredValue<bool>) {
    pending.set_value(false);
    let Some(result) = app.state.try_with_untracked(storage::save) else {
        return;
    };
    match result {
        // Not over a notice that already says so (it may say more, e.g. what a link did).
        Err(message) => {
            if !app
                .notice
                .with_untracked(|n| n.as_ref().is_some_and(|n| n.contains(&message)))
            {
                app.notice.set(Some(message));
            }
        }
        // Saving works (again): a notice that said it did not is no longer true.
        Ok(()) => {
            if let Some(notice) = app.notice.get_untracked() {
                let cleared = without_save_failure(&notice, &storage::SAVE_FAILURES);
                if cleared.as_deref() != Some(notice.as_str()) {
                    app.notice.set(cleared);
                }
            }
        }
    }
}
