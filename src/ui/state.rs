//! The app's shared state: the plan, the active profile, and the report computed from them.
//! Screens read it with [`use_app`]. Persistence (profiles, autosave, backups) lives in
//! `storage.rs` and `profiles.rs`; this module only holds what is live.

use crate::engine::date::Date;
use crate::engine::evaluate;
use crate::engine::policy::Policy;
use crate::engine::profile::Profile;
use crate::engine::report::Report;
use leptos::prelude::*;

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
}

impl AppState {
    pub fn new(policy: &'static Policy, profile: Profile, today: Date) -> AppState {
        let profile = RwSignal::new(profile);
        // A report has no cheap equality; every profile change is a new report.
        let report = Memo::new_with_compare(
            move |_| profile.with(|p| evaluate(policy, p, today)),
            |_, _| true,
        );
        AppState { policy, profile, today, report }
    }
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
