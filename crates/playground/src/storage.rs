//! Autosave of the playground state in the browser's localStorage.
//!
//! Storage can be disabled, full or hold something we cannot read; none of that may break the
//! app. Loading falls back to a clean state with a notice; saving failures become a notice too.

use crate::state::PlaygroundState;

const STATE_KEY: &str = "eventbridge-playground/state/v1";

/// What loading found: the state to start from and, if it is not what was saved, why.
pub struct Loaded {
    pub state: PlaygroundState,
    pub notice: Option<String>,
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn load() -> Loaded {
    let Some(storage) = local_storage() else {
        return Loaded {
            state: PlaygroundState::default(),
            notice: Some(
                "Browser storage is not available: your changes will not survive a reload.".into(),
            ),
        };
    };
    match storage.get_item(STATE_KEY) {
        Ok(Some(text)) => match PlaygroundState::from_json(&text) {
            Ok(state) => Loaded {
                state,
                notice: None,
            },
            Err(reason) => Loaded {
                state: PlaygroundState::default(),
                notice: Some(format!("Started with a clean playground: {reason}.")),
            },
        },
        Ok(None) => Loaded {
            state: PlaygroundState::default(),
            notice: None,
        },
        Err(_) => Loaded {
            state: PlaygroundState::default(),
            notice: Some(
                "Browser storage could not be read: started with a clean playground.".into(),
            ),
        },
    }
}

/// Saves the state; returns a message for the user when that was not possible.
pub fn save(state: &PlaygroundState) -> Result<(), String> {
    let storage =
        local_storage().ok_or("Browser storage is not available: changes are not saved.")?;
    storage.set_item(STATE_KEY, &state.to_json()).map_err(|_| {
        "Browser storage is full or blocked: your latest changes are not saved.".to_owned()
    })
}

const BACKUP_KEY: &str = "eventbridge-playground/state/backup";

/// Keeps the current state aside before a share link or an import replaces it, so the user can
/// get their own work back.
pub fn save_backup(state: &PlaygroundState) -> Result<(), String> {
    let storage = local_storage().ok_or("Browser storage is not available.")?;
    storage
        .set_item(BACKUP_KEY, &state.to_json())
        .map_err(|_| "Browser storage is full or blocked: no backup was kept.".to_owned())
}

/// The state kept by [`save_backup`], if there is a readable one.
pub fn load_backup() -> Option<PlaygroundState> {
    let text = local_storage()?.get_item(BACKUP_KEY).ok()??;
    PlaygroundState::from_json(&text).ok()
}
