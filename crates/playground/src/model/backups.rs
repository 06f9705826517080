//! The history of backups: the user's work as it was each time a share link, an example link,
//! an import or a restore replaced it (issue 16: one backup slot lost work when two links were
//! opened in a row, and "restore" then brought back the first link, not the user's work).
//!
//! Plain data and rules, no web types: storage reads and writes the JSON, the shell renders the
//! list. Newest first, at most [`MAX_BACKUPS`]; a state equal to the newest backup or to a fresh
//! playground is not kept twice or at all, since there is nothing new to lose.

use serde::{Deserialize, Serialize};

/// How many backups are kept; the oldest goes first.
pub const MAX_BACKUPS: usize = 10;

/// One replaced state, kept as the saved JSON text so it is restored exactly as it was.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Backup {
    /// When it was replaced, in milliseconds since the Unix epoch (JavaScript's `Date.now()`).
    pub replaced_at_ms: u64,
    /// What replaced it, as the user saw it ("Opened the playground from a shared link.").
    pub replaced_by: String,
    /// The state's JSON, as `PlaygroundState::to_json` wrote it.
    pub state: String,
}

/// The backups, newest first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct BackupHistory {
    entries: Vec<Backup>,
}

impl BackupHistory {
    /// Reads a stored history. Entries that cannot be read are skipped, not the whole history;
    /// text that is not a list at all reads as no backups.
    pub fn from_json(text: &str) -> BackupHistory {
        let Ok(values) = serde_json::from_str::<Vec<serde_json::Value>>(text) else {
            return BackupHistory::default();
        };
        let mut entries: Vec<Backup> = values
            .into_iter()
            .filter_map(|value| serde_json::from_value(value).ok())
            .collect();
        entries.truncate(MAX_BACKUPS);
        BackupHistory { entries }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("backups hold only strings and numbers")
    }

    /// Newest first.
    pub fn entries(&self) -> &[Backup] {
        &self.entries
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Keeps `state` (JSON) before it is replaced by `replaced_by`. Returns false when there was
    /// nothing to keep: the same text as the newest backup, or `empty_state` (a fresh playground).
    pub fn push(&mut self, backup: Backup, empty_state: &str) -> bool {
        if backup.state == empty_state
            || self
                .entries
                .first()
                .is_some_and(|newest| newest.state == backup.state)
        {
            return false;
        }
        self.entries.insert(0, backup);
        self.entries.truncate(MAX_BACKUPS);
        true
    }

    /// Takes the backup at `index` (0 is the newest) out of the history.
    pub fn take(&mut self, index: usize) -> Option<Backup> {
        (index < self.entries.len()).then(|| self.entries.remove(index))
    }

    /// Drops the oldest backup (to make room when storage is full). Returns false when empty.
    pub fn drop_oldest(&mut self) -> bool {
        self.entries.pop().is_some()
    }
}

/// What [`replaced_notice`] adds after a save failure.
const UNSAVED_TAIL: &str = " What you see now is gone after a reload unless you export it.";

/// The notice once saving works again: `notice` without any of the save `failures` it reports
/// (and what was said about them), or `None` when nothing else is left to say. Issue 16: the "not
/// saved" notice stayed after saving worked again.
pub fn without_save_failure(notice: &str, failures: &[&str]) -> Option<String> {
    let mut left = notice.to_owned();
    for failure in failures {
        left = left.replace(&format!("{failure}{UNSAVED_TAIL}"), "");
        left = left.replace(failure, "");
    }
    let left = left.trim();
    (!left.is_empty()).then(|| left.to_owned())
}

/// What the notice says after a link, an import or a restore replaced the work: the truth about
/// whether the previous work was kept and whether the new state was saved.
pub fn replaced_notice(message: &str, backed_up: bool, saved: Result<(), String>) -> String {
    let mut notice = message.to_owned();
    if backed_up {
        notice.push_str(" Your previous work was kept as a backup.");
    }
    if let Err(reason) = saved {
        notice.push(' ');
        notice.push_str(&reason);
        notice.push_str(UNSAVED_TAIL);
    }
    notice
}

#[cfg(test)]
mod tests {
    use super::*;

    const EMPTY: &str = r#"{"empty":true}"#;

    fn backup(at: u64, state: &str) -> Backup {
        Backup {
            replaced_at_ms: at,
            replaced_by: format!("link {at}"),
            state: state.to_owned(),
        }
    }

    // Issue 16: two share links opened in a row kept only the first link as "the backup".
    #[test]
    fn two_links_in_a_row_keep_the_users_work() {
        let mut history = BackupHistory::default();
        assert!(history.push(backup(1, "my work"), EMPTY));
        assert!(history.push(backup(2, "first link"), EMPTY));
        let states: Vec<&str> = history.entries().iter().map(|b| b.state.as_str()).collect();
        assert_eq!(states, ["first link", "my work"]);
        assert_eq!(history.take(1).unwrap().state, "my work");
        assert_eq!(history.entries().len(), 1);
    }

    #[test]
    fn the_history_is_capped_and_drops_the_oldest() {
        let mut history = BackupHistory::default();
        for at in 0..(MAX_BACKUPS as u64 + 3) {
            history.push(backup(at, &format!("state {at}")), EMPTY);
        }
        assert_eq!(history.entries().len(), MAX_BACKUPS);
        assert_eq!(history.entries()[0].replaced_at_ms, MAX_BACKUPS as u64 + 2);
        assert_eq!(history.entries()[MAX_BACKUPS - 1].replaced_at_ms, 3);
        assert!(history.drop_oldest());
        assert_eq!(history.entries().len(), MAX_BACKUPS - 1);
    }

    #[test]
    fn nothing_new_is_not_kept() {
        let mut history = BackupHistory::default();
        assert!(!history.push(backup(1, EMPTY), EMPTY), "a fresh playground");
        assert!(history.push(backup(2, "work"), EMPTY));
        assert!(
            !history.push(backup(3, "work"), EMPTY),
            "the same as the newest"
        );
        assert_eq!(history.entries().len(), 1);
        assert_eq!(history.take(5), None);
    }

    #[test]
    fn stored_history_round_trips_and_skips_unreadable_entries() {
        let mut history = BackupHistory::default();
        history.push(backup(1, "a"), EMPTY);
        history.push(backup(2, "b"), EMPTY);
        assert_eq!(BackupHistory::from_json(&history.to_json()), history);

        let text = r#"[{"replaced_at_ms":5,"replaced_by":"x","state":"s"},{"state":7},"junk"]"#;
        let read = BackupHistory::from_json(text);
        assert_eq!(
            read.entries(),
            [backup(5, "s")].map(|mut b| {
                b.replaced_by = "x".into();
                b
            })
        );
        for unreadable in ["", "not json", "{}", "7"] {
            assert!(
                BackupHistory::from_json(unreadable).is_empty(),
                "{unreadable:?}"
            );
        }
    }

    #[test]
    fn the_not_saved_notice_clears_once_saving_works() {
        let failure = "Browser storage is full or blocked: your latest changes are not saved.";
        assert_eq!(without_save_failure(failure, &[failure]), None);
        let replaced = replaced_notice("Opened.", true, Err(failure.to_owned()));
        assert_eq!(
            without_save_failure(&replaced, &[failure]).as_deref(),
            Some("Opened. Your previous work was kept as a backup.")
        );
        assert_eq!(
            without_save_failure("Imported a.json.", &[failure]).as_deref(),
            Some("Imported a.json.")
        );
    }

    #[test]
    fn notices_tell_whether_work_was_kept_and_saved() {
        let cases = [
            (true, Ok(()), "Opened. Your previous work was kept as a backup."),
            (false, Ok(()), "Opened."),
            (
                true,
                Err("Browser storage is full or blocked: your latest changes are not saved.".into()),
                "Opened. Your previous work was kept as a backup. Browser storage is full or blocked: \
                 your latest changes are not saved. What you see now is gone after a reload unless \
                 you export it.",
            ),
        ];
        for (backed_up, saved, expected) in cases {
            assert_eq!(replaced_notice("Opened.", backed_up, saved), expected);
        }
    }
}
