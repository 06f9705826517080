//! What the shell gives every page through Leptos context: the state, the notice banner, and
//! which entry page this is. Pages and the shell both import this module; neither imports the
//! other's components.

use leptos::prelude::*;

use crate::model::backups::{replaced_notice, BackupHistory};
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
    /// The backups of replaced work, newest first, as stored (the shell lists them).
    pub backups: RwSignal<BackupHistory>,
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

/// Replaces the whole state (a share link, an example link, an import or a restored backup),
/// keeping the current work in the backup history the notice offers to restore. The notice says
/// whether the new state could be saved.
pub fn replace_state(app: AppContext, state: PlaygroundState, message: String) {
    let now = js_sys::Date::now().max(0.0) as u64;
    let backed_up = storage::keep_backup(&app.state.get_untracked(), &message, now);
    // Saved here too: at start-up this runs before the autosave effect's first run.
    let saved = storage::save(&state);
    app.state.set(state);
    app.backups.set(storage::load_backups());
    let backed_up = backed_up.unwrap_or(false);
    app.restorable.set(backed_up);
    app.notice
        .set(Some(replaced_notice(&message, backed_up, saved)));
}
