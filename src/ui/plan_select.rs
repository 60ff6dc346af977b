//! Which plan the app shows, decided once at start: the plan asked for in the address
//! (`?plan=…&year=…`, written by the plan choice and by an activity year of another plan),
//! else the plan the active profile was made under, else the plan its activity year falls
//! under, else the plan for today (engine::plans). Changing the plan reloads the page, so every
//! screen reads one plan for its whole life.

use crate::engine::date::Date;
use crate::engine::plans::Plans;
use crate::engine::policy::Policy;
use crate::engine::profile::Profile;

/// What the address asks for, read from `location.search`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Asked {
    pub plan: Option<String>,
    pub year: Option<u16>,
}

/// Reads `plan=` and `year=` from a query string (`?plan=a&year=2026`); anything else is left.
pub fn parse_query(search: &str) -> Asked {
    let mut asked = Asked::default();
    for pair in search.trim_start_matches('?').split('&') {
        match pair.split_once('=') {
            Some(("plan", id)) if !id.is_empty() => asked.plan = Some(id.to_owned()),
            Some(("year", year)) => asked.year = year.parse().ok(),
            _ => {}
        }
    }
    asked
}

/// The plan to show, and the profile tied to it: a profile not yet tied to a plan is tied to
/// the one shown; one asked for in the address is moved to it (with the year asked for).
/// `None` only when there is no plan at all.
pub fn choose<'a>(
    plans: &'a Plans,
    asked: &Asked,
    profile: &mut Profile,
    today: Date,
) -> Option<&'a Policy> {
    if let Some(policy) = asked.plan.as_deref().and_then(|id| plans.get(id)) {
        profile.set_plan(&policy.meta);
        profile.year = asked.year.filter(|y| policy.meta.covers_year(*y)).or(profile.year);
        if profile.year.is_some_and(|y| !policy.meta.covers_year(y)) {
            profile.year = None;
        }
        return Some(policy);
    }
    let policy = plans.for_profile(profile.plan.as_deref(), profile.year, today)?;
    if profile.plan.is_none() {
        profile.set_plan(&policy.meta);
    }
    Some(policy)
}

/// The plan shown, once chosen at start (for what is loaded outside any screen: the measure
/// texts file of that plan).
static SHOWN: std::sync::OnceLock<&'static str> = std::sync::OnceLock::new();

/// Records the plan shown (once, at start).
pub fn set_shown(policy: &'static Policy) {
    let _ = SHOWN.set(policy.meta.id.as_str());
}

/// The web app's measure-texts file of the plan shown (before the choice: the newest plan's).
pub fn shown_texts_file() -> &'static str {
    let entry = SHOWN
        .get()
        .and_then(|id| Plans::embedded().ok().and_then(|plans| plans.entry(id)))
        .map(|entry| entry.texts_file);
    entry.unwrap_or_else(crate::engine::measure_texts::measure_texts_file)
}

/// Reloads the app showing plan `id` (and, given, the activity year), keeping the route.
pub fn reload_with_plan(id: &str, year: Option<u16>) {
    let Some(window) = web_sys::window() else { return };
    let mut search = format!("?plan={id}");
    if let Some(year) = year {
        search.push_str(&format!("&year={year}"));
    }
    let _ = window.location().set_search(&search);
}

/// What the address asks for; then the query is removed from the address (history, no
/// reload), so a later reload follows the saved profile again.
pub fn take_asked() -> Asked {
    let Some(window) = web_sys::window() else { return Asked::default() };
    let search = window.location().search().unwrap_or_default();
    let asked = parse_query(&search);
    if asked.plan.is_some() {
        let hash = window.location().hash().unwrap_or_default();
        let path = window.location().pathname().unwrap_or_default();
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(
                &leptos::wasm_bindgen::JsValue::NULL,
                "",
                Some(&format!("{path}{hash}")),
            );
        }
    }
    asked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_names_a_plan_and_a_year() {
        assert_eq!(
            parse_query("?plan=a-plan&year=2026&fair=1"),
            Asked { plan: Some("a-plan".into()), year: Some(2026) }
        );
        assert_eq!(parse_query(""), Asked::default());
        assert_eq!(parse_query("?year=abc&plan="), Asked::default());
    }

    #[test]
    fn a_new_profile_is_tied_to_the_plan_shown_and_an_unknown_plan_asked_is_ignored() {
        let plans = Plans::embedded().expect("plans");
        let today = Date::parse("2026-12-04").expect("date");
        let mut profile = Profile::new();
        let asked = Asked { plan: Some("no-such-plan".into()), year: None };
        let policy = choose(plans, &asked, &mut profile, today).expect("a plan");
        assert_eq!(profile.plan.as_deref(), Some(policy.meta.id.as_str()));
        assert_eq!(profile.data_version.as_deref(), Some(policy.meta.data_version.as_str()));

        let mut old = Profile::new();
        old.plan = Some(policy.meta.id.clone());
        old.data_version = Some("0.9.0".into());
        choose(plans, &Asked::default(), &mut old, today).expect("a plan");
        assert_eq!(
            old.data_version.as_deref(),
            Some("0.9.0"),
            "the version it was made under stays"
        );
    }
}
