//! The learner's progress in the browser's localStorage, under its own key (the playground's
//! export includes it). Storage may be missing, full or hold something unreadable: the course
//! then starts afresh with a notice and keeps working; it never panics.

use lessons::Progress;
use web_ui::site::LEARN_PROGRESS_KEY;

/// What loading found.
#[derive(Debug)]
pub struct Loaded {
    pub progress: Progress,
    /// Why the saved progress was not used, for the user.
    pub notice: Option<String>,
}

/// What reading the storage gave: `Err` when storage is unavailable or refused the read.
pub fn from_stored(stored: Result<Option<String>, ()>) -> Loaded {
    let fresh = |notice: String| Loaded {
        progress: Progress::new(),
        notice: Some(notice),
    };
    match stored {
        Err(()) => fresh(
            "Browser storage is not available: your progress will not survive a reload.".into(),
        ),
        Ok(None) => Loaded {
            progress: Progress::new(),
            notice: None,
        },
        Ok(Some(text)) => match Progress::from_json(&text) {
            Ok(progress) => Loaded {
                progress,
                notice: None,
            },
            Err(error) if error.is_newer_version() => fresh(format!(
                "Your saved progress was written by a newer version of the playground and is left as it is; reload the page to update. ({error})"
            )),
            Err(error) => fresh(format!(
                "Your saved progress could not be read and the course starts afresh ({error})."
            )),
        },
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn load() -> Loaded {
    let stored = match local_storage() {
        Some(storage) => storage.get_item(LEARN_PROGRESS_KEY).map_err(|_| ()),
        None => Err(()),
    };
    from_stored(stored)
}

/// Saves the progress; a message for the user when that was not possible.
pub fn save(progress: &Progress) -> Result<(), String> {
    let storage =
        local_storage().ok_or("Browser storage is not available: progress is not saved.")?;
    storage
        .set_item(LEARN_PROGRESS_KEY, &progress.to_json())
        .map_err(|_| {
            "Browser storage is full or blocked: your latest progress is not saved.".to_owned()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_progress_is_read_back() {
        let mut progress = Progress::new();
        progress.entry("exact-values/detail-type").solved = true;
        let loaded = from_stored(Ok(Some(progress.to_json())));
        assert!(loaded.notice.is_none());
        assert!(loaded.progress.is_solved("exact-values/detail-type"));
    }

    #[test]
    fn damaged_or_missing_storage_starts_afresh_with_a_reason() {
        type Stored = Result<Option<String>, ()>;
        let cases: [(Stored, Option<&str>); 5] = [
            (Ok(None), None),
            (Err(()), Some("not available")),
            (Ok(Some("{not json".into())), Some("could not be read")),
            (Ok(Some("[1,2]".into())), Some("could not be read")),
            (
                Ok(Some(r#"{"version": 99, "exercises": {}}"#.into())),
                Some("newer version"),
            ),
        ];
        for (stored, want) in cases {
            let loaded = from_stored(stored.clone());
            assert_eq!(loaded.progress, Progress::new(), "{stored:?}");
            match want {
                None => assert!(loaded.notice.is_none()),
                Some(words) => {
                    let notice = loaded.notice.expect("a notice");
                    assert!(notice.contains(words), "{stored:?}: {notice}");
                }
            }
        }
    }
}
