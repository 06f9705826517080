//! Autosave of the playground state in the browser's localStorage.
//!
//! Storage can be disabled, full or hold something we cannot read; none of that may break the
//! app. Loading falls back to a clean state with a notice; saving failures become a notice too.

use crate::model::backups::{Backup, BackupHistory};
use crate::state::PlaygroundState;

const STATE_KEY: &str = "eventbridge-playground/state/v1";
/// Saved text that could not be read, kept aside before a clean playground overwrites it, so the
/// user can download it (issue 16: it was overwritten silently on the first edit).
const UNREADABLE_KEY: &str = "eventbridge-playground/state/unreadable";
/// The history of replaced work (see [`BackupHistory`]).
const BACKUPS_KEY: &str = "eventbridge-playground/backups/v1";
/// The single backup slot of earlier versions, moved into the history when first read.
const OLD_BACKUP_KEY: &str = "eventbridge-playground/state/backup";

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
            Err(reason) => {
                let kept = storage.set_item(UNREADABLE_KEY, &text).is_ok();
                let what_now = if kept {
                    " The saved text was kept: you can download it from the backups list below."
                } else {
                    " The saved text could not be copied aside (storage is full or blocked)."
                };
                Loaded {
                    state: PlaygroundState::default(),
                    notice: Some(format!(
                        "Started with a clean playground: {reason}.{what_now}"
                    )),
                }
            }
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

/// What [`save`] says when it cannot save; a notice holding one of these is cleared once saving
/// works again.
pub const SAVE_FAILURES: [&str; 2] = [
    "Browser storage is not available: changes are not saved.",
    "Browser storage is full or blocked: your latest changes are not saved.",
];

/// Saves the state; returns a message for the user when that was not possible.
pub fn save(state: &PlaygroundState) -> Result<(), String> {
    let storage = local_storage().ok_or(SAVE_FAILURES[0])?;
    storage
        .set_item(STATE_KEY, &state.to_json())
        .map_err(|_| SAVE_FAILURES[1].to_owned())
}

/// The saved text that could not be read, if any was kept aside.
pub fn load_unreadable() -> Option<String> {
    local_storage()?.get_item(UNREADABLE_KEY).ok()?
}

/// Forgets the unreadable text (after the user downloaded it or chose to drop it).
pub fn discard_unreadable() {
    if let Some(storage) = local_storage() {
        let _ = storage.remove_item(UNREADABLE_KEY);
    }
}

/// The backups, newest first (an earlier version's single backup included).
pub fn load_backups() -> BackupHistory {
    let Some(storage) = local_storage() else {
        return BackupHistory::default();
    };
    let mut history = storage
        .get_item(BACKUPS_KEY)
        .ok()
        .flatten()
        .map(|text| BackupHistory::from_json(&text))
        .unwrap_or_default();
    if let Ok(Some(old)) = storage.get_item(OLD_BACKUP_KEY) {
        let backup = Backup {
            replaced_at_ms: 0,
            replaced_by: "Kept by an earlier version of the playground.".to_owned(),
            state: old,
        };
        history.push(backup, &PlaygroundState::default().to_json());
        if store_backups(&storage, &mut history).is_ok() {
            let _ = storage.remove_item(OLD_BACKUP_KEY);
        }
    }
    history
}

/// Writes the history, dropping the oldest backups while storage is too full for it.
fn store_backups(storage: &web_sys::Storage, history: &mut BackupHistory) -> Result<(), String> {
    loop {
        if storage.set_item(BACKUPS_KEY, &history.to_json()).is_ok() {
            return Ok(());
        }
        if !history.drop_oldest() {
            return Err("Browser storage is full or blocked: no backup was kept.".to_owned());
        }
    }
}

/// Keeps `state` in the history before `replaced_by` replaces it. `Ok(true)` when a backup was
/// added, `Ok(false)` when there was nothing new to keep.
pub fn keep_backup(
    state: &PlaygroundState,
    replaced_by: &str,
    now_ms: u64,
) -> Result<bool, String> {
    let storage = local_storage().ok_or("Browser storage is not available.")?;
    let mut history = load_backups();
    let backup = Backup {
        replaced_at_ms: now_ms,
        replaced_by: replaced_by.to_owned(),
        state: state.to_json(),
    };
    if !history.push(backup, &PlaygroundState::default().to_json()) {
        return Ok(false);
    }
    store_backups(&storage, &mut history)?;
    // Dropping old backups to make room could have dropped the new one only if it alone does
    // not fit, in which case the history is empty now.
    Ok(!history.is_empty())
}

/// Takes the backup at `index` out of the history and reads it.
pub fn take_backup(index: usize) -> Result<PlaygroundState, String> {
    let storage = local_storage().ok_or("Browser storage is not available.")?;
    let mut history = load_backups();
    let backup = history
        .take(index)
        .ok_or("That backup is no longer there.")?;
    let state = PlaygroundState::from_json(&backup.state)
        .map_err(|reason| format!("The backup could not be restored: {reason}."))?;
    store_backups(&storage, &mut history)?;
    Ok(state)
}

/// The field of an export file that carries the course's progress (the learn page keeps it in
/// localStorage under its own key, [`LEARN_PROGRESS_KEY`]).
const EXPORTED_LEARN_FIELD: &str = "learnProgress";

use web_ui::site::LEARN_PROGRESS_KEY;

/// The course's progress as the learn page saved it, if any.
pub fn load_learn_progress() -> Option<String> {
    local_storage()?.get_item(LEARN_PROGRESS_KEY).ok()?
}

/// Puts imported course progress where the learn page reads it (which checks it on load).
pub fn save_learn_progress(text: &str) -> Result<(), String> {
    let storage = local_storage().ok_or("Browser storage is not available.")?;
    storage.set_item(LEARN_PROGRESS_KEY, text).map_err(|_| {
        "Browser storage is full or blocked: the course progress was not imported.".to_owned()
    })
}

/// The export file: the state, plus the course's progress when there is readable progress.
pub fn export_document(state: &PlaygroundState, learn_progress: Option<&str>) -> String {
    let mut value = serde_json::to_value(state).unwrap_or(serde_json::Value::Null);
    let progress =
        learn_progress.and_then(|text| serde_json::from_str::<serde_json::Value>(text).ok());
    if let (Some(object), Some(progress)) = (value.as_object_mut(), progress) {
        object.insert(EXPORTED_LEARN_FIELD.to_owned(), progress);
    }
    serde_json::to_string_pretty(&value).unwrap_or_else(|_| state.to_json())
}

/// An export file read back: the state and, if the file has it, the course's progress as text.
pub fn import_document(text: &str) -> Result<(PlaygroundState, Option<String>), String> {
    let mut value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("the file could not be read ({e})"))?;
    let learn = value
        .as_object_mut()
        .and_then(|object| object.remove(EXPORTED_LEARN_FIELD))
        .map(|progress| progress.to_string());
    let state = PlaygroundState::from_json(&value.to_string())?;
    Ok((state, learn))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn course_progress_travels_in_the_export_file() {
        let state = PlaygroundState::default();
        let progress = r#"{"version":1,"exercises":{"exists/x":{"solved":true,"last_pattern":"{\"a\": [1.50]}"}}}"#;
        let file = export_document(&state, Some(progress));
        let (back, learn) = import_document(&file).unwrap();
        assert_eq!(back, state);
        let learn = learn.expect("the progress is imported");
        let value: serde_json::Value = serde_json::from_str(&learn).unwrap();
        assert_eq!(
            value["exercises"]["exists/x"]["last_pattern"], r#"{"a": [1.50]}"#,
            "the learner's pattern text is kept as written"
        );
    }

    #[test]
    fn exports_without_progress_and_older_files_still_work() {
        let state = PlaygroundState::default();
        for learn in [None, Some("{damaged")] {
            let file = export_document(&state, learn);
            assert!(!file.contains(EXPORTED_LEARN_FIELD), "{file}");
            assert_eq!(import_document(&file).unwrap(), (state.clone(), None));
        }
        assert_eq!(import_document(&state.to_json()).unwrap().1, None);
        assert!(import_document("[1]").is_err());
        assert!(import_document("nope").is_err());
    }
}
