//! The app's shared state: the plan, the active profile, and the report computed from them.
//! Screens read it with [`use_app`]. The saved profiles (load, autosave, backups, undo) are
//! wired here in [`Saved`]; their pure logic lives in `profiles.rs`, the storage calls in
//! `storage.rs`.

use std::sync::Arc;
use std::time::Duration;

use crate::engine::date::Date;
use crate::engine::evaluate;
use crate::engine::policy::Policy;
use crate::engine::profile::Profile;
use crate::engine::report::Report;
use crate::ui::autosave::{self, SaveState};
use crate::ui::components::notice::{BackupState, Notice, NoticeKind};
use crate::ui::profiles::{self, Store};
use crate::ui::storage::{self, StorageError, StorageKey};
use leptos::prelude::*;
use leptos::prelude::{set_timeout_with_handle, window_event_listener_untyped, TimeoutHandle};

#[derive(Clone, Copy)]
pub struct AppState {
    /// The plan, parsed once from the embedded data.
    pub policy: &'static Policy,
    /// The profile being answered and evaluated.
    pub profile: RwSignal<Profile>,
    /// The day results are computed for (today, from the browser's clock).
    pub today: Date,
    /// The report for `profile` on `today`, recomputed whenever the profile changes.
    pub report: Memo<Report<'static>>,
    /// The report's activity year, on its own: every question's text names it, and they must
    /// not be redrawn on each key typed elsewhere (only when the year changes).
    pub activity_year: Memo<Option<u16>>,
    /// Messages shown above every screen (storage problems, undo). Any screen may add one
    /// with [`AppState::notify`].
    pub notices: RwSignal<Vec<Notice>>,
}

impl AppState {
    pub fn new(policy: &'static Policy, profile: Profile, today: Date) -> AppState {
        let profile = RwSignal::new(profile);
        // A report has no cheap equality; every profile change is a new report.
        let report = Memo::new_with_compare(
            move |_| profile.with(|p| evaluate(policy, p, today)),
            |_, _| true,
        );
        let activity_year = Memo::new(move |_| report.with(|r| r.activity_year));
        AppState {
            policy,
            profile,
            today,
            report,
            activity_year,
            notices: RwSignal::new(Vec::new()),
        }
    }

    /// Shows a notice. A notice of the same `data-kind` as one already shown replaces it
    /// (storage messages are states, not events). Returns its id.
    pub fn notify(&self, kind: NoticeKind) -> u64 {
        let id = next_notice_id();
        let notice = Notice { id, kind };
        self.notices.update(|list| {
            let replaces = notice.kind.replaces_same_kind();
            match list
                .iter_mut()
                .find(|n| replaces && n.kind.data_kind() == notice.kind.data_kind())
            {
                Some(existing) => *existing = notice,
                None => list.push(notice),
            }
        });
        id
    }

    pub fn dismiss(&self, id: u64) {
        self.notices.update(|list| list.retain(|n| n.id != id));
    }

    /// Removes every notice of one `data-kind`.
    pub fn dismiss_kind(&self, data_kind: &str) {
        if self.notices.with_untracked(|list| list.iter().any(|n| n.kind.data_kind() == data_kind))
        {
            self.notices.update(|list| list.retain(|n| n.kind.data_kind() != data_kind));
        }
    }
}

fn next_notice_id() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// The app state. Screens are only rendered inside the app, where it is provided.
pub fn use_app() -> Option<AppState> {
    use_context::<AppState>()
}

/// Today, from the browser's clock; a day inside the plan's period if the clock is unusable.
pub fn today() -> Date {
    let now = js_sys::Date::new_0();
    let (y, m, d) = (now.get_full_year(), now.get_month() + 1, now.get_date());
    u16::try_from(y)
        .ok()
        .and_then(|y| Date::new(y, u8::try_from(m).ok()?, u8::try_from(d).ok()?))
        .unwrap_or(Date { year: 2025, month: 1, day: 1 })
}

/// Milliseconds since 1970, for "last modified".
pub fn now_ms() -> u64 {
    let now = js_sys::Date::now();
    if now.is_finite() && now > 0.0 {
        now as u64
    } else {
        0
    }
}

/// How long an undo offer stays (it also stays while focus is inside it).
pub const UNDO_FOR: Duration = Duration::from_secs(20);

/// What [`Saved::read`] found in storage, before the app state exists.
pub struct Startup {
    store: Store,
    /// The profile to answer first: the active saved one, or a new one.
    pub profile: Profile,
    notices: Vec<NoticeKind>,
    /// Whether the app may write the profiles key.
    writable: bool,
    /// The stored text when it was read in full, so that an unchanged store is not rewritten.
    last_written: Option<String>,
}

/// The saved profiles, wired to storage: provided as a context by `App`.
#[derive(Clone, Copy)]
pub struct Saved {
    pub app: AppState,
    pub store: RwSignal<Store>,
    /// Whether local storage can be used at all (false: working in memory).
    pub available: bool,
    /// True while saving is held back: stored data that could not be read could not be
    /// backed up either, so it must not be overwritten until the user decides.
    pub paused: RwSignal<bool>,
    /// Bumped whenever backups are added or removed, for lists of them.
    pub backups_changed: RwSignal<u32>,
    last_written: StoredValue<Option<String>>,
    /// The delayed write (ui::autosave): its timer, and the times of the last and the first
    /// unwritten change.
    save_timer: StoredValue<Option<TimeoutHandle>>,
    unsaved: StoredValue<Option<Unsaved>>,
    /// What `<html data-save-state>` shows, and how many writes so far.
    save_state: StoredValue<(SaveState, u64)>,
}

/// Changes not written yet: when the first and the last came (ms, `js_sys::Date::now`).
#[derive(Clone, Copy)]
struct Unsaved {
    first: f64,
    last: f64,
}

impl Saved {
    /// Reads the saved profiles. Never fails: problems become notices (shown once the app
    /// state exists, in [`Saved::wire`]).
    pub fn read(policy: &'static Policy) -> Startup {
        let unavailable = || Startup {
            store: Store::new(),
            profile: Profile::new(),
            notices: vec![NoticeKind::StorageUnavailable],
            writable: false,
            last_written: None,
        };
        if !storage::available() {
            return unavailable();
        }
        let raw = match storage::read_raw(StorageKey::Profiles) {
            Ok(raw) => raw,
            Err(_) => return unavailable(),
        };
        let loaded = profiles::load(policy, raw.as_deref());
        // (`Profile::new`, not `default`: a new profile carries the current version.)
        let profile = match loaded.store.active_entry() {
            Some(entry) => entry.profile.clone(),
            None => Profile::new(),
        };
        let mut notices = Vec::new();
        let mut writable = true;
        // Nothing stored: nothing to write until there is something to save.
        let mut last_written = raw.clone().or_else(|| Some(loaded.store.to_json()));
        if let (Some(problem), Some(raw)) = (loaded.problem.clone(), raw) {
            last_written = None;
            let backup = match storage::write_backup(&raw) {
                Ok(StorageKey::Backup(n)) => BackupState::Saved(n),
                Ok(_) | Err(_) => {
                    // Keep the unreadable text where it is rather than lose it.
                    writable = false;
                    BackupState::Failed
                }
            };
            notices.push(NoticeKind::LoadProblem { problem, backup, raw: Arc::from(raw) });
        }
        Startup { store: loaded.store, profile, notices, writable, last_written }
    }

    /// Shows the startup notices and starts keeping the store and storage in step: one
    /// effect records the live profile in the store, one effect (the only writer) saves.
    pub fn wire(app: AppState, startup: Startup) -> Saved {
        let Startup { store, notices, writable, last_written, .. } = startup;
        let available = !notices.iter().any(|n| matches!(n, NoticeKind::StorageUnavailable));
        let saved = Saved {
            app,
            store: RwSignal::new(store),
            available,
            paused: RwSignal::new(!writable),
            backups_changed: RwSignal::new(0),
            last_written: StoredValue::new(last_written),
            save_timer: StoredValue::new(None),
            unsaved: StoredValue::new(None),
            save_state: StoredValue::new((SaveState::Saved, 0)),
        };
        for notice in notices {
            app.notify(notice);
        }

        // The live profile → its entry in the store.
        let store = saved.store;
        Effect::new(move |_| {
            let profile = app.profile.get();
            if store.with_untracked(|s| s.needs_record(&profile)) {
                store.update(|s| {
                    s.record(&profile, now_ms());
                });
            }
        });

        // The store → storage, not on every key (ui::autosave): a change schedules the write,
        // which `flush` does. The first run writes at once (nothing is pending yet).
        Effect::new(move |previous: Option<()>| {
            saved.store.track();
            saved.paused.track();
            if previous.is_none() {
                saved.flush();
            } else {
                saved.schedule();
            }
        });
        // Leaving or hiding the page writes at once: nothing typed is lost with a closed tab.
        let hide = window_event_listener_untyped("pagehide", move |_| saved.flush());
        let hidden = window_event_listener_untyped("visibilitychange", move |_| {
            if web_sys::window().and_then(|w| w.document()).is_some_and(|d| d.hidden()) {
                saved.flush();
            }
        });
        // Another tab of the app saved: take its profiles rather than overwrite them later
        // (what this tab has not written yet is written first, so that `adopt` sees it).
        let policy = app.policy;
        let handle = window_event_listener(leptos::ev::storage, move |ev| {
            if ev.key().as_deref() != Some(StorageKey::Profiles.name().as_str()) {
                return;
            }
            saved.flush();
            saved.adopt(policy, ev.new_value());
        });
        on_cleanup(move || {
            handle.remove();
            hide.remove();
            hidden.remove();
        });
        saved
    }

    /// Notes a change and makes sure a write is coming (ui::autosave's timing).
    fn schedule(&self) {
        let now = js_sys::Date::now();
        let unsaved = match self.unsaved.get_value() {
            Some(u) => Unsaved { last: now, ..u },
            None => Unsaved { first: now, last: now },
        };
        self.unsaved.set_value(Some(unsaved));
        self.show_state(SaveState::Pending);
        if self.save_timer.with_value(Option::is_none) {
            self.start_timer(autosave::DELAY_MS);
        }
    }

    fn start_timer(&self, ms: f64) {
        let saved = *self;
        let fire = move || {
            saved.save_timer.set_value(None);
            let Some(unsaved) = saved.unsaved.get_value() else { return };
            match autosave::wait_more(js_sys::Date::now(), unsaved.last, unsaved.first) {
                Some(more) => saved.start_timer(more),
                None => saved.flush(),
            }
        };
        let delay = Duration::from_millis(ms.max(1.0) as u64);
        match set_timeout_with_handle(fire, delay) {
            Ok(handle) => self.save_timer.set_value(Some(handle)),
            // No timer (not in a browser): write now rather than never.
            Err(_) => self.flush(),
        }
    }

    /// Writes the store now if it differs from what this tab last wrote. The only place that
    /// writes the profiles key.
    pub fn flush(&self) {
        if let Some(timer) = self.save_timer.get_value() {
            timer.clear();
            self.save_timer.set_value(None);
        }
        self.unsaved.set_value(None);
        if !self.available || self.paused.get_untracked() {
            self.show_state(SaveState::Off);
            return;
        }
        let json = self.store.with_untracked(Store::to_json);
        if self.last_written.with_value(|w| w.as_deref() == Some(json.as_str())) {
            self.show_state(SaveState::Saved);
            return;
        }
        match storage::write_raw(StorageKey::Profiles, &json) {
            Ok(()) => {
                self.last_written.set_value(Some(json));
                self.save_state.update_value(|(_, writes)| *writes += 1);
                self.show_state(SaveState::Saved);
                self.app.dismiss_kind("save-failed");
            }
            Err(error) => {
                self.show_state(SaveState::Failed);
                self.app.notify(NoticeKind::SaveFailed {
                    quota: matches!(error, StorageError::QuotaExceeded),
                });
            }
        }
    }

    /// Updates `<html data-save-state>`: on a change of state, and on every `saved` (the
    /// number of writes may have moved). Never per key: a pending state is shown once.
    fn show_state(&self, state: SaveState) {
        let (shown, writes) = self.save_state.get_value();
        if shown != state || state == SaveState::Saved {
            self.save_state.set_value((state, writes));
            autosave::show(state, writes);
        }
    }

    /// Takes the profiles another tab stored (`None`: it removed them; they are saved again
    /// from here on the next change).
    fn adopt(&self, policy: &'static Policy, text: Option<String>) {
        let Some(text) = text else {
            self.last_written.set_value(None);
            return;
        };
        if self.last_written.with_value(|w| w.as_deref() == Some(text.as_str())) {
            return;
        }
        // A late event: storage changed again since the other tab wrote `text`. When this tab
        // wrote over it (both saved at once), `text` is stored nowhere now: keep it in a
        // backup. Either way, go on with what is stored (a later event brings anything newer).
        // In fair mode (memory-only) nothing is stored for this tab, so nothing is taken.
        let current = storage::read_raw(StorageKey::Profiles).ok().flatten();
        if current.as_deref() != Some(text.as_str()) {
            if current.is_some() && self.last_written.with_value(|w| *w == current) {
                self.keep_in_backup(text, profiles::LoadProblem::SavedAtOnce);
            }
            return;
        }
        let loaded = profiles::load(policy, Some(&text));
        if let Some(problem) = loaded.problem {
            // Keep it, as at start-up; this tab goes on with what it has.
            self.keep_in_backup(text, problem);
            return;
        }
        let active = loaded.store.active_entry().map(|e| e.profile.clone());
        self.last_written.set_value(Some(text));
        self.store.set(loaded.store);
        let active = match active {
            Some(profile) => profile,
            None => Profile::new(),
        };
        if self.app.profile.with_untracked(|p| *p != active) {
            self.app.profile.set(active);
        }
    }

    /// Keeps another tab's text that this tab will not take in a backup key and says why.
    /// When no backup can be written, the text lives only in the notice (to export), so
    /// saving is held until the user exports or discards it.
    fn keep_in_backup(&self, text: String, problem: profiles::LoadProblem) {
        let backup = match storage::write_backup(&text) {
            Ok(StorageKey::Backup(n)) => BackupState::Saved(n),
            Ok(_) | Err(_) => {
                self.paused.set(true);
                BackupState::Failed
            }
        };
        self.backups_changed.update(|v| *v = v.wrapping_add(1));
        self.app.notify(NoticeKind::LoadProblem { problem, backup, raw: Arc::from(text) });
    }

    /// Saves again now (after a failed write, when the user asks).
    pub fn retry(&self) {
        self.last_written.set_value(None);
        self.flush();
    }

    /// Makes a profile the one being answered.
    pub fn open(&self, id: &str) {
        let mut profile = None;
        self.store.update(|s| profile = s.set_active(id).cloned());
        if let Some(profile) = profile {
            self.app.profile.set(profile);
        }
    }

    /// Starts a new, empty profile and makes it the one being answered.
    pub fn create(&self) -> String {
        let mut id = String::new();
        self.store.update(|s| id = s.create(Profile::new(), now_ms()));
        self.app.profile.set(Profile::new());
        id
    }

    pub fn rename(&self, id: &str, name: &str) {
        let active = self.store.with_untracked(|s| s.active_id() == Some(id));
        if active {
            // The live profile carries the name; the store follows it.
            let name = profiles::clean_name(name);
            self.app.profile.update(|p| p.name = name);
        } else {
            self.store.update(|s| {
                s.rename(id, name, now_ms());
            });
        }
    }

    pub fn duplicate(&self, id: &str, name: &str) -> Option<String> {
        let mut copy = None;
        self.store.update(|s| copy = s.duplicate(id, name, now_ms()));
        copy
    }

    /// Deletes a profile and offers to undo it for a while.
    pub fn delete(&self, id: &str, display_name: String) {
        let mut deleted = None;
        self.store.update(|s| deleted = s.delete(id));
        let Some(deleted) = deleted else { return };
        if deleted.was_active {
            let next = self.store.with_untracked(|s| s.active_entry().map(|e| e.profile.clone()));
            self.app.profile.set(match next {
                Some(profile) => profile,
                None => Profile::new(),
            });
        }
        let notice = self.app.notify(NoticeKind::Deleted { name: display_name, deleted });
        schedule_expiry(self.app, notice, UNDO_FOR);
    }

    /// Puts back the profile a `Deleted` notice holds, and removes the notice.
    pub fn undo(&self, notice_id: u64) {
        let mut found = None;
        self.app.notices.update(|list| {
            if let Some(i) = list.iter().position(|n| n.id == notice_id) {
                if let NoticeKind::Deleted { deleted, .. } = list.remove(i).kind {
                    found = Some(deleted);
                }
            }
        });
        let Some(deleted) = found else { return };
        let was_active = deleted.was_active;
        let mut profile = None;
        self.store.update(|s| {
            let id = s.restore(deleted);
            if was_active {
                profile = s.get(&id).map(|e| e.profile.clone());
            }
        });
        if let Some(profile) = profile {
            self.app.profile.set(profile);
        }
    }

    /// Lets saving overwrite stored data that could not be read nor backed up (the user
    /// exported it or does not need it).
    pub fn resume_saving(&self) {
        self.last_written.set_value(None);
        self.paused.set(false);
        self.flush();
    }
}

/// Removes a notice after `after`, or later if focus is inside it then (so that nobody
/// loses the button they are on).
fn schedule_expiry(app: AppState, notice: u64, after: Duration) {
    set_timeout(
        move || {
            let focused = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| {
                    d.query_selector(&format!("[data-notice-id=\"{notice}\"]")).ok().flatten()
                })
                .and_then(|el| el.matches(":focus-within").ok())
                .unwrap_or(false);
            if focused {
                schedule_expiry(app, notice, Duration::from_secs(5));
            } else {
                app.dismiss(notice);
            }
        },
        after,
    );
}

/// The saved profiles, where the app provides them.
pub fn use_saved() -> Option<Saved> {
    use_context::<Saved>()
}
