//! Amounts typed but not understood, kept for this tab so that a reload does not lose them.
//!
//! The profile only ever holds what parses. A draft remembers the text as typed and the answer
//! it was typed over (as the field showed it), and is offered back only while that answer is
//! unchanged: opening another profile or answering elsewhere makes it stale, never wrong.
//! Drafts live in session storage (this tab only, gone with it) under [`KEY`]. Best effort:
//! without session storage, or in fair mode (nothing a visitor types is stored), a draft lasts
//! as long as the field.

use crate::ui::storage;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The session-storage key.
pub const KEY: &str = "qz.drafts";

/// Longer texts are not kept: nobody types an amount that long, and storage stays small.
const MAX_TEXT_CHARS: usize = 200;

/// What was typed into one field, over which answer.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
pub struct Draft {
    pub text: String,
    /// The answer the field showed when the typing began (empty: none).
    pub over: String,
}

/// Drafts by fact id.
pub type Drafts = BTreeMap<String, Draft>;

/// Reads the stored drafts; anything unreadable counts as none (they are only drafts).
pub fn parse(stored: Option<&str>) -> Drafts {
    stored.and_then(|text| serde_json::from_str(text).ok()).unwrap_or_default()
}

/// The draft of `fact` that still applies to the answer the field now shows.
pub fn applicable<'d>(drafts: &'d Drafts, fact: &str, shown: &str) -> Option<&'d str> {
    drafts.get(fact).filter(|d| d.over == shown).map(|d| d.text.as_str())
}

/// `drafts` with `fact`'s draft replaced (`None`: removed). Over-long texts are not kept.
pub fn with_draft(mut drafts: Drafts, fact: &str, draft: Option<Draft>) -> Drafts {
    match draft {
        Some(d) if d.text.chars().count() <= MAX_TEXT_CHARS => {
            drafts.insert(fact.to_owned(), d);
        }
        _ => {
            drafts.remove(fact);
        }
    }
    drafts
}

fn session() -> Option<web_sys::Storage> {
    if storage::memory_only() {
        return None;
    }
    web_sys::window()?.session_storage().ok().flatten()
}

/// The stored draft of `fact` typed over `shown`, if any.
pub fn load(fact: &str, shown: &str) -> Option<String> {
    let stored = session()?.get_item(KEY).ok().flatten();
    applicable(&parse(stored.as_deref()), fact, shown).map(str::to_owned)
}

/// Keeps (`Some`) or forgets (`None`) the draft of `fact`. A refused write loses only the draft.
pub fn store(fact: &str, draft: Option<Draft>) {
    let Some(session) = session() else { return };
    let stored = session.get_item(KEY).ok().flatten();
    let had = parse(stored.as_deref());
    if draft.is_none() && !had.contains_key(fact) {
        return;
    }
    let next = with_draft(had, fact, draft);
    let _ = if next.is_empty() {
        session.remove_item(KEY)
    } else {
        match serde_json::to_string(&next) {
            Ok(text) => session.set_item(KEY, &text),
            Err(_) => Ok(()),
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(text: &str, over: &str) -> Draft {
        Draft { text: text.to_owned(), over: over.to_owned() }
    }

    #[test]
    fn a_draft_applies_only_over_the_answer_it_was_typed_over() {
        let drafts = with_draft(Drafts::new(), "investment", Some(draft("1.2.3亿", "5000万")));
        assert_eq!(applicable(&drafts, "investment", "5000万"), Some("1.2.3亿"));
        assert_eq!(applicable(&drafts, "investment", "6000万"), None, "the answer changed since");
        assert_eq!(applicable(&drafts, "revenue", "5000万"), None, "another field");
    }

    #[test]
    fn drafts_round_trip_and_can_be_forgotten() {
        let drafts = with_draft(Drafts::new(), "a", Some(draft("12x", "")));
        let drafts = with_draft(drafts, "b", Some(draft("--3", "7")));
        let text = serde_json::to_string(&drafts).unwrap_or_default();
        assert_eq!(parse(Some(&text)), drafts);
        let drafts = with_draft(drafts, "a", None);
        assert_eq!(drafts.keys().collect::<Vec<_>>(), ["b"]);
    }

    #[test]
    fn unreadable_or_over_long_drafts_are_not_kept() {
        for stored in [None, Some(""), Some("{"), Some("[1,2]"), Some("{\"a\": 5}")] {
            assert!(parse(stored).is_empty(), "{stored:?}");
        }
        let long = "9".repeat(MAX_TEXT_CHARS + 1);
        assert!(with_draft(Drafts::new(), "a", Some(draft(&long, ""))).is_empty());
        let kept = with_draft(Drafts::new(), "a", Some(draft(&long[1..], "")));
        assert_eq!(kept.len(), 1);
    }
}
