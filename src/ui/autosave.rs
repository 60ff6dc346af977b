//! When the saved profiles are written: not on every key. Serialising the whole store and writing
//! it to local storage was about a quarter of the work of a keystroke, so a change is written
//! [`DELAY_MS`] after the last one (never later than [`MAX_WAIT_MS`] after the first unsaved one),
//! and at once when the page is hidden or left (`pagehide`, `visibilitychange`) and before another
//! tab's profiles are adopted (`state.rs` wires it). The pure timing is here, tested natively.
//!
//! Browser tests wait on a signal instead of a timer: `<html data-save-state>` is `pending` while
//! a change waits, `saved` once nothing waits (written, or nothing to write), `off` when nothing
//! can be written (no storage, or saving held back), `failed` after a refused write; and
//! `data-save-seq` counts the writes of the profiles key.

/// Quiet time after the last change before it is written.
pub const DELAY_MS: f64 = 400.0;

/// Longest a change waits while changes keep coming (a crash loses at most this much typing).
pub const MAX_WAIT_MS: f64 = 2000.0;

/// When the timer fires at `now`: `None` to write now, or how much longer to wait, given the last
/// change and the first change not yet written.
pub fn wait_more(now: f64, last_change: f64, first_unsaved: f64) -> Option<f64> {
    let quiet = now - last_change;
    let waited = now - first_unsaved;
    if quiet >= DELAY_MS || waited >= MAX_WAIT_MS {
        return None;
    }
    Some((DELAY_MS - quiet).min(MAX_WAIT_MS - waited).max(1.0))
}

/// What `<html data-save-state>` says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveState {
    Pending,
    Saved,
    Off,
    Failed,
}

impl SaveState {
    pub fn as_str(self) -> &'static str {
        match self {
            SaveState::Pending => "pending",
            SaveState::Saved => "saved",
            SaveState::Off => "off",
            SaveState::Failed => "failed",
        }
    }
}

/// Shows the state (and the number of writes so far) on `<html>` for tests. Cheap: called only
/// when the state changes, not on every key.
pub fn show(state: SaveState, writes: u64) {
    if let Some(root) =
        web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("data-save-state", state.as_str());
        let _ = root.set_attribute("data-save-seq", &writes.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_is_written_after_a_quiet_spell() {
        assert_eq!(wait_more(1000.0, 1000.0 - DELAY_MS, 1000.0 - DELAY_MS), None);
        assert_eq!(wait_more(1000.0, 900.0, 600.0), Some(DELAY_MS - 100.0));
        // Typing on: the timer comes back when the last key is DELAY_MS old.
        assert_eq!(wait_more(1000.0, 999.0, 0.0 + 100.0), Some(DELAY_MS - 1.0));
    }

    #[test]
    fn typing_without_pause_is_still_written_within_the_longest_wait() {
        let first = 0.0;
        // A key every 100 ms: the write comes no later than MAX_WAIT_MS after the first.
        let mut now = DELAY_MS;
        let mut written_at = None;
        while now <= MAX_WAIT_MS + DELAY_MS {
            match wait_more(now, now - 50.0, first) {
                None => {
                    written_at = Some(now);
                    break;
                }
                Some(more) => {
                    assert!(more >= 1.0 && now + more <= first + MAX_WAIT_MS + 1.0, "{now} {more}");
                    now += more;
                }
            }
        }
        assert_eq!(written_at, Some(MAX_WAIT_MS));
    }

    #[test]
    fn states_have_distinct_names() {
        let names: Vec<&str> =
            [SaveState::Pending, SaveState::Saved, SaveState::Off, SaveState::Failed]
                .iter()
                .map(|s| s.as_str())
                .collect();
        assert_eq!(names, ["pending", "saved", "off", "failed"]);
    }
}
