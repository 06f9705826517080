//! What the shell gives every page through Leptos context: the state, the notice banner, and
//! which entry page this is. Pages and the shell both import this module; neither imports the
//! other's components.

use leptos::prelude::*;

use crate::route::{Page, Section};
use crate::state::PlaygroundState;
use crate::storage;

/// Shared by every page through Leptos context.
#[derive(Clone, Copy)]
pub struct AppContext {
    pub state: RwSignal<PlaygroundState>,
    /// A message about storage or loading that the user should see (shown as a status banner).
    pub notice: RwSignal<Option<String>>,
    /// True after a share link or an import replaced the user's work, which is kept as a backup.
    pub restorable: RwSignal<bool>,
    /// The entry page running (the workbench or the simulator): links to sections served by the
    /// other page are relative paths.
    pub page: Page,
}

impl AppContext {
    /// A link to a section from this page, optionally with a query.
    pub fn link(&self, section: Section, query: &str) -> String {
        section.link_from(self.page, query)
    }
}

pub fn use_app() -> AppContext {
    expect_context::<AppContext>()
}

/// Replaces the whole state (a share link or an imported file), keeping the current work as a
/// backup the notice offers to restore.
pub fn replace_state(app: AppContext, state: PlaygroundState, message: String) {
    let backed_up = storage::save_backup(&app.state.get_untracked()).is_ok();
    // Saved here too: at start-up this runs before the autosave effect's first run.
    if let Err(message) = storage::save(&state) {
        app.notice.set(Some(message));
    }
    app.state.set(state);
    app.restorable.set(backed_up);
    let suffix = if backed_up {
        " Your previous work was kept as a backup."
    } else {
        ""
    };
    app.notice.set(Some(format!("{message}{suffix}")));
}
