//! Reading and writing the profile document: JSON → migration to the current version →
//! checks against the plan's question catalogue. Every failure is a [`ProfileError`].

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize, Serializer};
use serde_json::Value;

use super::plans::Plans;
use super::policy::{Fact, FactKind, Policy};
use super::profile::{
    max_answer, Answer, ApplicantType, Profile, ProfileError, FIRST_DATA_VERSION, FIRST_PLAN_ID,
    OTHER_INDUSTRY, PROFILE_VERSION,
};

/// The document as stored, once migrated to the current version.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredProfile {
    #[allow(dead_code)] // checked by `migrate`, kept so the field is allowed
    version: u64,
    #[serde(default)]
    name: String,
    #[serde(default)]
    applicant: Option<String>,
    #[serde(default)]
    county: Option<String>,
    #[serde(default)]
    industry: Option<String>,
    /// The activity year (version 2 on). A whole number, checked against the plan's years.
    #[serde(default)]
    year: Option<u64>,
    /// The plan's `[meta] id` and `data_version` it was made under (version 3 on).
    #[serde(default)]
    plan: Option<String>,
    #[serde(default)]
    data_version: Option<String>,
    #[serde(default)]
    answers: BTreeMap<String, Value>,
}

pub(super) fn read(policy: &Policy, text: &str) -> Result<Profile, ProfileError> {
    read_migrated(policy, read_value(text)?)
}

/// Reads a profile document under the plan it names (documents before version 3 are migrated
/// to [`FIRST_PLAN_ID`]; one that names none, a profile not yet tied to a plan, is read under
/// the newest). A plan `plans` does not have is [`ProfileError::UnknownPlan`].
pub(super) fn read_in(plans: &Plans, text: &str) -> Result<Profile, ProfileError> {
    let value = read_value(text)?;
    let policy = match value.get("plan") {
        Some(Value::String(id)) => {
            plans.get(id).ok_or_else(|| ProfileError::UnknownPlan { id: id.clone() })?
        }
        _ => plans.newest().ok_or_else(|| ProfileError::UnknownPlan { id: String::new() })?,
    };
    read_migrated(policy, value)
}

/// Text → JSON of the current version (no check against a plan yet).
fn read_value(text: &str) -> Result<Value, ProfileError> {
    // Windows Notepad starts UTF-8 files with a byte-order mark; it is not part of the JSON.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ProfileError::Empty);
    }
    // serde_json refuses nesting deeper than 128 levels with an error, so hostile files
    // cannot exhaust the stack here.
    let value: Value = serde_json::from_str(text).map_err(|e| {
        if looks_like_utf16(text) {
            ProfileError::Utf16
        } else {
            ProfileError::NotJson { line: e.line(), column: e.column(), detail: e.to_string() }
        }
    })?;
    // serde_json keeps the last of two equal keys without a word; a file that says two
    // things is refused, as a link naming a question twice is.
    if let Some((key, within)) = duplicate_key(text) {
        return Err(ProfileError::DuplicateKey { key, within });
    }
    migrate(value)
}

fn read_migrated(policy: &Policy, value: Value) -> Result<Profile, ProfileError> {
    let stored: StoredProfile = serde_json::from_value(value)
        .map_err(|e| ProfileError::WrongShape { detail: e.to_string() })?;

    let applicant = match stored.applicant {
        None => None,
        Some(id) => Some(ApplicantType::from_id(&id).ok_or(ProfileError::UnknownApplicant { id })?),
    };
    if let Some(id) = &stored.county {
        if policy.county(id).is_none() {
            return Err(ProfileError::UnknownCounty { id: id.clone() });
        }
    }
    if let Some(id) = &stored.industry {
        if id != OTHER_INDUSTRY && policy.industry(id).is_none() {
            return Err(ProfileError::UnknownIndustry { id: id.clone() });
        }
    }
    let year = match stored.year {
        None => None,
        Some(year) => {
            let years = policy.meta.years();
            match u16::try_from(year) {
                Ok(y) if years.contains(&y) => Some(y),
                _ => {
                    return Err(ProfileError::YearOutsidePlan {
                        year,
                        first: years.first().copied().unwrap_or_default(),
                        last: years.last().copied().unwrap_or_default(),
                    })
                }
            }
        }
    };
    let mut answers = BTreeMap::new();
    for (id, value) in stored.answers {
        let fact = policy.fact(&id).ok_or_else(|| ProfileError::UnknownFact { id: id.clone() })?;
        if let Some(answer) = read_answer(fact, value)? {
            answers.insert(id, answer);
        }
    }
    Ok(Profile {
        version: PROFILE_VERSION,
        name: stored.name,
        applicant,
        county: stored.county,
        industry: stored.industry,
        year,
        plan: stored.plan,
        data_version: stored.data_version,
        answers,
    })
}

/// Whether text read as UTF-8 is really UTF-16 (Windows Notepad's "Unicode"): its byte-order
/// mark reads as two U+FFFD, and without one the ASCII that starts any JSON shows a NUL byte
/// beside it (a raw NUL is never valid JSON, so a JSON text is never taken for UTF-16).
fn looks_like_utf16(text: &str) -> bool {
    let ascii_beside_nul = |a: u8, b: u8| a == 0 && b != 0 && b.is_ascii();
    match text.as_bytes() {
        [a, b, ..] => {
            text.starts_with("\u{FFFD}\u{FFFD}")
                || ascii_beside_nul(*a, *b)
                || ascii_beside_nul(*b, *a)
        }
        _ => false,
    }
}

/// The first key that appears twice in one object, and the keys leading to that object
/// (joined with `.`; empty at the top level). Call on text that parses.
fn duplicate_key(text: &str) -> Option<(String, String)> {
    use serde::de::DeserializeSeed;
    let found = std::cell::RefCell::new(None);
    let mut path = Vec::new();
    let mut reader = serde_json::Deserializer::from_str(text);
    let _ = KeyWalk { found: &found, path: &mut path }.deserialize(&mut reader);
    found.into_inner()
}

/// Walks a JSON value without building it, stopping at the first duplicate key.
struct KeyWalk<'a> {
    found: &'a std::cell::RefCell<Option<(String, String)>>,
    path: &'a mut Vec<String>,
}

impl<'de> serde::de::DeserializeSeed<'de> for KeyWalk<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for KeyWalk<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(KeyWalk { found: self.found, path: &mut *self.path })?.is_some()
        {
        }
        Ok(())
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = std::collections::HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if !seen.insert(key.clone()) {
                *self.found.borrow_mut() = Some((key, self.path.join(".")));
                return Err(serde::de::Error::custom("duplicate key"));
            }
            self.path.push(key);
            map.next_value_seed(KeyWalk { found: self.found, path: &mut *self.path })?;
            self.path.pop();
        }
        Ok(())
    }
}

/// Questions of version 1 whose meaning changed in version 2 (六.1's revenue top-up now asks,
/// level by level, which revenue levels were first crossed and the city reward for each). Their
/// answers cannot be carried over without giving them a meaning the person did not give, so
/// [`migrate`] drops them and the questionnaire asks the new questions. Share links of format 1
/// may still name them (see `share.rs`).
pub const RETIRED_IN_VERSION_2: [&str; 3] =
    ["revenue_milestone_first_crossed", "received_city_reward", "original_city_reward"];

/// Brings a document of any earlier version to the current one, step by step.
pub fn migrate(value: Value) -> Result<Value, ProfileError> {
    let Value::Object(map) = &value else {
        return Err(ProfileError::WrongShape {
            detail: format!("expected a JSON object {{ \"version\": {PROFILE_VERSION}, … }}"),
        });
    };
    let version = match map.get("version") {
        None => return Err(ProfileError::MissingVersion),
        Some(v) => v.as_u64().ok_or_else(|| ProfileError::WrongShape {
            detail: format!("\"version\" should be a whole number, found {v}"),
        })?,
    };
    match version {
        v if v == u64::from(PROFILE_VERSION) => Ok(value),
        v if v > u64::from(PROFILE_VERSION) => Err(ProfileError::FutureVersion { found: v }),
        1 => migrate(migrate_1_to_2(value)),
        2 => migrate(migrate_2_to_3(value)),
        v => Err(ProfileError::WrongShape { detail: format!("there is no profile version {v}") }),
    }
}

/// Version 1 → 2: the activity year is new (absent: the plan's default applies), and the
/// answers to [`RETIRED_IN_VERSION_2`] are dropped.
fn migrate_1_to_2(value: Value) -> Value {
    let Value::Object(mut map) = value else { return value };
    if let Some(Value::Object(answers)) = map.get_mut("answers") {
        for id in RETIRED_IN_VERSION_2 {
            answers.remove(id);
        }
    }
    map.insert("version".to_owned(), Value::from(2));
    Value::Object(map)
}

/// Version 2 → 3: the plan and its data version are new. Every document before version 3 was
/// made under the one plan then shipped, [`FIRST_PLAN_ID`], at data version
/// [`FIRST_DATA_VERSION`] (the only one it had).
fn migrate_2_to_3(value: Value) -> Value {
    let Value::Object(mut map) = value else { return value };
    map.entry("plan").or_insert_with(|| Value::from(FIRST_PLAN_ID));
    map.entry("data_version").or_insert_with(|| Value::from(FIRST_DATA_VERSION));
    map.insert("version".to_owned(), Value::from(3));
    Value::Object(map)
}

/// One answer, typed by its fact. `null` means "not answered" (`Ok(None)`).
fn read_answer(fact: &Fact, value: Value) -> Result<Option<Answer>, ProfileError> {
    let wrong_type =
        || ProfileError::WrongAnswerType { fact: fact.id.clone(), expected: fact.kind };
    if value.is_null() {
        return Ok(None);
    }
    match fact.kind {
        FactKind::Bool => value.as_bool().map(|b| Some(Answer::Bool(b))).ok_or_else(wrong_type),
        FactKind::Choice => {
            let Value::String(choice) = value else { return Err(wrong_type()) };
            if fact.choices.iter().any(|c| c.id == choice) {
                Ok(Some(Answer::Choice(choice)))
            } else {
                Err(ProfileError::UnknownChoice { fact: fact.id.clone(), value: choice })
            }
        }
        FactKind::Money | FactKind::Count | FactKind::Percent => {
            let text = match &value {
                Value::String(s) => s.clone(),
                // Plain JSON numbers are accepted too; their text form is exact for integers and
                // for the short decimals people write.
                Value::Number(n) => n.to_string(),
                _ => return Err(wrong_type()),
            };
            read_number(fact, &text).map(|d| Some(Answer::Number(d)))
        }
        FactKind::Unknown => Err(wrong_type()),
    }
}

fn read_number(fact: &Fact, text: &str) -> Result<Decimal, ProfileError> {
    let not_a_number = || ProfileError::NotANumber {
        fact: fact.id.clone(),
        text: text.chars().take(40).collect(),
    };
    let trimmed = text.trim();
    // Plain decimals only: digits, one point, a sign. Exponents ("1e5", which
    // `Decimal::from_str` would take) and units ("6亿") are refused, so a stored profile has
    // one spelling per number.
    let plain = trimmed.strip_prefix(['-', '+']).unwrap_or(trimmed);
    let digits_and_point = plain.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    if plain.is_empty() || trimmed.len() > 40 || !digits_and_point {
        return Err(not_a_number());
    }
    let number: Decimal = trimmed.parse().map_err(|_| not_a_number())?;
    if number.is_sign_negative() && !number.is_zero() {
        return Err(ProfileError::Negative { fact: fact.id.clone() });
    }
    if number > max_answer() {
        return Err(ProfileError::TooLarge { fact: fact.id.clone() });
    }
    match fact.kind {
        FactKind::Count if !number.fract().is_zero() => Err(ProfileError::OutOfRange {
            fact: fact.id.clone(),
            detail: "a count is a whole number (应为整数)".to_owned(),
        }),
        FactKind::Percent if number > Decimal::ONE => Err(ProfileError::OutOfRange {
            fact: fact.id.clone(),
            detail: "a share is written as a fraction from 0 to 1: 0.65 for 65% (比例应写作 0 到 1 之间的小数)"
                .to_owned(),
        }),
        _ => Ok(number.normalize()),
    }
}

/// The document as written: field order fixed, numbers as strings so nothing is lost.
#[derive(Serialize)]
struct WrittenProfile<'a> {
    version: u32,
    name: &'a str,
    applicant: Option<&'static str>,
    county: Option<&'a str>,
    industry: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    year: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    plan: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    data_version: Option<&'a str>,
    answers: &'a BTreeMap<String, Answer>,
}

impl Serialize for Answer {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Answer::Bool(b) => s.serialize_bool(*b),
            Answer::Number(d) => s.collect_str(&d.normalize()),
            Answer::Choice(c) => s.serialize_str(c),
        }
    }
}

pub(super) fn write(profile: &Profile) -> String {
    let written = WrittenProfile {
        version: PROFILE_VERSION,
        name: &profile.name,
        applicant: profile.applicant.map(ApplicantType::id),
        county: profile.county.as_deref(),
        industry: profile.industry.as_deref(),
        year: profile.year,
        plan: profile.plan.as_deref(),
        data_version: profile.data_version.as_deref(),
        answers: &profile.answers,
    };
    // Serializing strings, bools and string maps cannot fail; an empty string would only
    // ever signal a serde_json bug.
    serde_json::to_string_pretty(&written).unwrap_or_default()
}
