//! The measures' full texts and interpretation notes, which the web app loads on demand.
//!
//! They are about half of the plan's bytes and no first screen shows them, so `build.rs` writes
//! them to a file of their own ([`measure_texts_file`], copied into dist by
//! `scripts/post-build.py`) and the wasm embeds the plan without them: there, every
//! [`Measure`](super::policy::Measure)'s `text` is empty and its `notes` list too, until the UI
//! has fetched the file and read it with [`MeasureTexts::from_json`]. Natively (the engine's
//! tests, the `incentives` command) the embedded plan is whole, and
//! [`MeasureTexts::of_policy`] gives the same texts without any file.

use std::collections::HashMap;

use serde::Deserialize;

use super::lang::Text;
use super::policy::{Policy, PolicyError};

/// The name of the texts file of the plan [`Policy::embedded`] gives, next to `index.html`.
/// Each plan has its own ([`super::plans::PlanEntry::texts_file`]); the name carries a hash of
/// its contents, so a new deploy's texts are never answered by a cached copy of the old ones.
pub fn measure_texts_file() -> &'static str {
    super::plans::Plans::embedded()
        .ok()
        .and_then(|plans| plans.newest_entry())
        .map_or("", |entry| entry.texts_file)
}

/// Whether [`Policy::embedded`] holds the measures' texts and notes (natively), or they must be
/// fetched from [`measure_texts_file`] (the web app).
pub const EMBEDDED_POLICY_HAS_TEXTS: bool = !cfg!(target_arch = "wasm32");

/// One measure's prose: the clause as the plan writes it, and the tool's notes on it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct MeasureProse {
    /// `zh` verbatim from the body of the plan; `en` a translation.
    pub text: Text,
    /// Interpretation notes, shown to the user.
    pub notes: Vec<Text>,
}

/// Every measure's [`MeasureProse`], by measure number (`四.2(4)`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MeasureTexts {
    by_number: HashMap<String, MeasureProse>,
}

impl MeasureTexts {
    /// Reads the texts file (`{"四.2(4)": {"text": {"zh": …, "en": …}, "notes": […]}, …}`).
    pub fn from_json(json: &str) -> Result<MeasureTexts, PolicyError> {
        let by_number =
            serde_json::from_str(json).map_err(|e| PolicyError { message: e.to_string() })?;
        Ok(MeasureTexts { by_number })
    }

    /// The texts of a whole plan (one parsed with them, as natively).
    pub fn of_policy(policy: &Policy) -> MeasureTexts {
        let by_number = policy
            .measures
            .iter()
            .map(|m| {
                (m.number.clone(), MeasureProse { text: m.text.clone(), notes: m.notes.clone() })
            })
            .collect();
        MeasureTexts { by_number }
    }

    /// The prose of the measure numbered `number`, if the file has it.
    pub fn get(&self, number: &str) -> Option<&MeasureProse> {
        self.by_number.get(number)
    }

    pub fn len(&self) -> usize {
        self.by_number.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_number.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every embedded plan's files as build.rs wrote them: (folder, whole, lite, texts).
    fn plan_files() -> &'static [(&'static str, &'static str, &'static str, &'static str)] {
        crate::engine::plans::PLAN_FILES_FOR_TESTS
    }

    /// The web app's plan plus the fetched file is exactly the whole plan.
    #[test]
    fn lite_plan_and_texts_file_make_the_whole_plan() {
        assert!(!plan_files().is_empty());
        for &(folder, full, lite, texts) in plan_files() {
            lite_and_texts_make_whole(folder, full, lite, texts);
        }
    }

    fn lite_and_texts_make_whole(folder: &str, full_json: &str, lite_json: &str, texts_json: &str) {
        let full = Policy::from_json(full_json).expect("the whole plan parses");
        let lite = Policy::from_json(lite_json).expect("the plan without texts parses");
        let texts = MeasureTexts::from_json(texts_json).expect("the texts file parses");
        assert_eq!(texts, MeasureTexts::of_policy(&full));
        assert_eq!(texts.len(), full.measures.len(), "one entry per measure");
        assert!(full.measures.iter().all(|m| !m.text.zh.is_empty()), "every measure has a text");

        let mut stripped = full.clone();
        for m in &mut stripped.measures {
            m.text = Text::default();
            m.notes.clear();
        }
        let json = |p: &Policy| serde_json::to_value(p).expect("serializes");
        assert_eq!(json(&stripped), json(&lite), "nothing but texts and notes is left out");
        assert!(lite_json.len() < full_json.len() * 3 / 4, "{folder}: the texts are a large share");
    }

    #[test]
    fn the_file_name_carries_a_hash() {
        let hash = measure_texts_file()
            .strip_prefix("measure-texts-")
            .and_then(|rest| rest.strip_suffix(".json"))
            .expect("measure-texts-<hash>.json");
        assert_eq!(hash.len(), 16);
        assert!(hash.bytes().all(|b| b.is_ascii_hexdigit()));
    }

    #[test]
    fn natively_the_embedded_plan_has_its_texts() {
        let policy = Policy::embedded().expect("embedded plan");
        let (_, _, _, texts) = plan_files()
            .iter()
            .find(|(_, full, _, _)| {
                Policy::from_json(full).is_ok_and(|p| p.meta.id == policy.meta.id)
            })
            .expect("the embedded plan's files");
        assert_eq!(
            MeasureTexts::of_policy(policy),
            MeasureTexts::from_json(texts).expect("parses")
        );
    }

    #[test]
    fn a_broken_file_is_an_error_not_a_panic() {
        assert!(MeasureTexts::from_json("").is_err());
        assert!(MeasureTexts::from_json("[1]").is_err());
        assert!(MeasureTexts::from_json("{}").is_ok_and(|t| t.is_empty()));
    }
}
