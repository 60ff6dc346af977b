//! Answers typed but not understood: kept for this tab, and counted as not answered.
//!
//! While a number field's text does not parse, nothing of it is used as a figure: its question
//! is unanswered in the profile, and the text is kept here as a *draft*, per saved profile (its
//! id in the store) and question. The results, the receipt, the hand-off link and compare read
//! [`Drafts::unreadable`] to say which answers need correcting and to link to them.
//!
//! A draft applies only while its question is unanswered: an answer given elsewhere (another
//! tab) makes it stale, never wrong. Drafts live in session storage (this tab only, gone with
//! it) under [`KEY`], so that a reload brings them back with their error. Best effort: without
//! session storage a draft lasts as long as the tab's memory; in fair mode nothing is written
//! and every reset forgets them all (the next visitor's profiles reuse the same ids).

use std::collections::BTreeMap;

use crate::engine::policy::{Fact, FactKind, Policy};
use crate::engine::profile::Profile;
use crate::ui::state::Saved;
use crate::ui::storage;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The session-storage key.
pub const KEY: &str = "qz.drafts";

/// Longer drafts are not written to session storage (see [`Stored::to_session`]).
const MAX_TEXT_CHARS: usize = 200;

/// The key of the live profile when it has no entry in the store yet.
const NO_ENTRY: &str = "";

/// Every draft of this tab: saved-profile id → question id → the text as typed.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
pub struct Stored {
    pub profiles: BTreeMap<String, BTreeMap<String, String>>,
}

impl Stored {
    /// Reads the stored drafts; anything unreadable counts as none (they are only drafts).
    pub fn parse(stored: Option<&str>) -> Stored {
        stored.and_then(|text| serde_json::from_str(text).ok()).unwrap_or_default()
    }

    /// The draft of `fact` in the profile `key`.
    pub fn text(&self, key: &str, fact: &str) -> Option<&str> {
        self.profiles.get(key).and_then(|facts| facts.get(fact)).map(String::as_str)
    }

    /// Keeps (`Some`) or forgets (`None`) a draft. Returns whether anything changed.
    pub fn set(&mut self, key: &str, fact: &str, text: Option<String>) -> bool {
        match text {
            Some(text) => {
                let facts = self.profiles.entry(key.to_owned()).or_default();
                facts.insert(fact.to_owned(), text.clone()) != Some(text)
            }
            None => {
                let Some(facts) = self.profiles.get_mut(key) else { return false };
                let removed = facts.remove(fact).is_some();
                if facts.is_empty() {
                    self.profiles.remove(key);
                }
                removed
            }
        }
    }

    /// What session storage keeps: over-long texts stay in memory only (nobody types an
    /// amount that long, and storage stays small). `None` when nothing is left.
    pub fn to_session(&self) -> Option<String> {
        let mut kept = self.clone();
        for facts in kept.profiles.values_mut() {
            facts.retain(|_, text| text.chars().count() <= MAX_TEXT_CHARS);
        }
        kept.profiles.retain(|_, facts| !facts.is_empty());
        if kept.profiles.is_empty() {
            None
        } else {
            serde_json::to_string(&kept).ok()
        }
    }
}

/// The questions of `profile` whose typed text could not be read, in the plan's order, with
/// that text: number questions of its applicant type, unanswered, with a draft in `drafts`.
pub fn unreadable<'p>(
    policy: &'p Policy,
    profile: &Profile,
    drafts: Option<&BTreeMap<String, String>>,
) -> Vec<(&'p Fact, String)> {
    let (Some(applicant), Some(drafts)) = (profile.applicant, drafts) else { return Vec::new() };
    policy
        .facts_for(applicant)
        .filter(|f| matches!(f.kind, FactKind::Money | FactKind::Count | FactKind::Percent))
        .filter(|f| profile.answer(&f.id).is_none())
        .filter_map(|f| drafts.get(&f.id).map(|text| (f, text.clone())))
        .collect()
}

fn session() -> Option<web_sys::Storage> {
    if storage::memory_only() {
        return None;
    }
    web_sys::window()?.session_storage().ok().flatten()
}

/// The drafts of this tab, provided as a context by `App`.
#[derive(Clone, Copy)]
pub struct Drafts {
    all: RwSignal<Stored>,
    saved: Saved,
}

impl Drafts {
    /// Reads this tab's drafts. `reset` (fair mode's epoch) forgets them all when it changes.
    pub fn new(saved: Saved, reset: Option<RwSignal<u64>>) -> Drafts {
        let stored = session().and_then(|s| s.get_item(KEY).ok().flatten());
        let drafts = Drafts { all: RwSignal::new(Stored::parse(stored.as_deref())), saved };
        if let Some(epoch) = reset {
            Effect::new(move |previous: Option<u64>| {
                let now = epoch.get();
                if previous.is_some_and(|p| p != now) {
                    drafts.all.set(Stored::default());
                }
                now
            });
        }
        drafts
    }

    /// The store id of the profile being answered (tracked).
    fn active_key(&self) -> String {
        self.saved.store.with(|s| s.active_id().unwrap_or(NO_ENTRY).to_owned())
    }

    /// The draft of `fact` in the profile being answered, while that question is unanswered
    /// (tracked).
    pub fn text(&self, fact: &str) -> Option<String> {
        if self.saved.app.profile.with(|p| p.answer(fact).is_some()) {
            return None;
        }
        let key = self.active_key();
        self.all.with(|all| all.text(&key, fact).map(str::to_owned))
    }

    /// Keeps (`Some`) or forgets (`None`) the draft of `fact` in the profile being answered,
    /// in memory and, outside fair mode, in session storage. A refused write loses only the
    /// copy that would survive a reload.
    pub fn set(&self, fact: &str, text: Option<String>) {
        let Some(key) =
            self.saved.store.try_with_untracked(|s| s.active_id().unwrap_or(NO_ENTRY).to_owned())
        else {
            return;
        };
        let same = self.all.try_with_untracked(|all| all.text(&key, fact) == text.as_deref());
        if same != Some(false) {
            return;
        }
        let _ = self.all.try_update(|all| all.set(&key, fact, text));
        let Some(session) = session() else { return };
        let _ = match self.all.try_with_untracked(Stored::to_session).flatten() {
            Some(json) => session.set_item(KEY, &json),
            None => session.remove_item(KEY),
        };
    }

    /// The unreadable answers of the profile being answered (tracked).
    pub fn unreadable(&self) -> Vec<(&'static Fact, String)> {
        let key = self.active_key();
        let policy = self.saved.app.policy;
        self.all.with(|all| {
            self.saved.app.profile.with(|p| unreadable(policy, p, all.profiles.get(&key)))
        })
    }

    /// The unreadable answers of a saved profile (tracked): `id` is its store id.
    pub fn unreadable_of(&self, id: &str, profile: &Profile) -> Vec<(&'static Fact, String)> {
        let policy = self.saved.app.policy;
        self.all.with(|all| unreadable(policy, profile, all.profiles.get(id)))
    }
}

/// This tab's drafts, where the app provides them.
pub fn use_drafts() -> Option<Drafts> {
    use_context::<Drafts>()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::profile::{Answer, ApplicantType};
    use rust_decimal::Decimal;

    #[test]
    fn drafts_are_kept_per_profile_and_question() {
        let mut stored = Stored::default();
        assert!(stored.set("p1", "investment", Some("1.2忆".into())));
        assert!(!stored.set("p1", "investment", Some("1.2忆".into())), "unchanged");
        assert!(stored.set("p2", "investment", Some("300完".into())));
        assert_eq!(stored.text("p1", "investment"), Some("1.2忆"));
        assert_eq!(stored.text("p2", "investment"), Some("300完"));
        assert_eq!(stored.text("p1", "revenue"), None, "another question");
        assert_eq!(stored.text("p3", "investment"), None, "another profile");
        assert!(stored.set("p1", "investment", None));
        assert!(!stored.set("p1", "investment", None), "nothing left to forget");
        assert_eq!(stored.profiles.keys().collect::<Vec<_>>(), ["p2"], "empty profiles go");
    }

    #[test]
    fn drafts_round_trip_and_unreadable_or_over_long_ones_are_not_stored() {
        let mut stored = Stored::default();
        stored.set("p1", "a", Some("12x".into()));
        stored.set("p2", "b", Some("--3".into()));
        let text = serde_json::to_string(&stored).unwrap_or_default();
        assert_eq!(Stored::parse(Some(&text)), stored);
        // The first format ({fact: {text, over}}) and junk are no drafts.
        for junk in
            [None, Some(""), Some("{"), Some("[1,2]"), Some(r#"{"a":{"text":"1","over":""}}"#)]
        {
            assert_eq!(Stored::parse(junk), Stored::default(), "{junk:?}");
        }
        // Over-long texts stay in memory (the field keeps them) but not in session storage.
        let long = "9".repeat(MAX_TEXT_CHARS + 1);
        let mut stored = Stored::default();
        assert!(stored.set("p1", "a", Some(long.clone())));
        assert_eq!(stored.text("p1", "a"), Some(long.as_str()));
        assert_eq!(stored.to_session(), None);
        stored.set("p1", "b", Some(long[1..].to_owned()));
        let kept = Stored::parse(stored.to_session().as_deref());
        assert_eq!((kept.text("p1", "a"), kept.text("p1", "b")), (None, Some(&long[1..])));
    }

    #[test]
    fn an_unreadable_answer_is_one_left_unanswered_with_a_draft() {
        let policy = match Policy::embedded() {
            Ok(p) => p,
            Err(e) => panic!("{e}"),
        };
        let money = policy
            .facts_for(ApplicantType::Enterprise)
            .filter(|f| f.kind == FactKind::Money)
            .take(2)
            .collect::<Vec<_>>();
        let bool_fact = policy
            .facts_for(ApplicantType::Enterprise)
            .find(|f| f.kind == FactKind::Bool)
            .map(|f| f.id.clone())
            .unwrap_or_default();
        let (Some(first), Some(second)) = (money.first(), money.get(1)) else {
            panic!("the plan asks enterprises about money")
        };
        let drafts: BTreeMap<String, String> = [
            (second.id.clone(), "1.2忆".to_owned()),
            (first.id.clone(), "300完".to_owned()),
            (bool_fact, "yes?".to_owned()),
            ("no_such_question".to_owned(), "5".to_owned()),
        ]
        .into();
        let mut profile = Profile::new();
        assert!(unreadable(policy, &profile, Some(&drafts)).is_empty(), "no applicant yet");
        profile.applicant = Some(ApplicantType::Enterprise);
        let found = unreadable(policy, &profile, Some(&drafts));
        let ids = found.iter().map(|(f, t)| (f.id.as_str(), t.as_str())).collect::<Vec<_>>();
        assert_eq!(ids, [(first.id.as_str(), "300完"), (second.id.as_str(), "1.2忆")]);
        // Answered since (in another tab): the draft is stale and no longer counts.
        profile.set_answer(&first.id, Some(Answer::Number(Decimal::from(5))));
        let found = unreadable(policy, &profile, Some(&drafts));
        assert_eq!(found.len(), 1);
        assert!(unreadable(policy, &profile, None).is_empty());
    }
}
