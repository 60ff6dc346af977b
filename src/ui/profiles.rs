//! The saved profiles: several named profiles in one stored document, its schema version and
//! migrations, and what happens when the stored text cannot be read. Pure (no browser), so
//! every case is tested natively; `state.rs` wires it to local storage.
//!
//! # The stored document (`qz.profiles`), version 1
//!
//! ```json
//! { "version": 1, "next_id": 3, "active": "p2",
//!   "profiles": [ { "id": "p1", "modified": 1712345678901, "profile": { …profile document… } } ] }
//! ```
//!
//! `profile` is the engine's profile document (`Profile::to_json`), `modified` is
//! milliseconds since 1970 (0 when unknown), `next_id` makes ids unique for the document's
//! whole life (a deleted id is never reused, so undo cannot collide).
//!
//! # Version 0 (prototype builds)
//!
//! `{ "version": 0, "profiles": [ …profile documents… ], "current": <index or null> }`: bare
//! profiles, no ids, no times. [`migrate`] turns it into version 1.
//!
//! # When the text cannot be read
//!
//! [`load`] always gives a usable [`Store`]. If the text is not JSON, not shaped like the
//! document, has no version, or a version newer than [`STORE_VERSION`], the store is empty and
//! [`Loaded::problem`] says why; if only some profiles are unreadable, the others are kept.
//! In every such case the caller must copy the raw text to a backup key before saving
//! anything over it ([`Loaded::must_back_up`]).

use serde_json::{json, Value};

use crate::engine::lang::Lang;
use crate::engine::policy::Policy;
use crate::engine::profile::{Profile, ProfileError};
use crate::ui_strings;

/// The document version this app writes.
pub const STORE_VERSION: u64 = 1;

/// Longest profile name kept (in characters); longer names are cut.
pub const MAX_NAME_CHARS: usize = 120;

/// The largest number an id (`p<n>`) may have: 2^53 − 1, the largest whole number that
/// JavaScript reads exactly from JSON, far beyond what any person creates. A stored id above it
/// (only a hand edit or another program can write one) is replaced on loading, so that the
/// counter can always go on: at `u64::MAX` it could not, and the tab hung (issue #13).
pub const MAX_ID_NUMBER: u64 = (1 << 53) - 1;

/// One saved profile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Stable within the document: `p1`, `p2`, …
    pub id: String,
    /// Last change, milliseconds since 1970 (0: unknown, e.g. migrated from version 0).
    pub modified: u64,
    pub profile: Profile,
}

/// All saved profiles, and which one is being answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Store {
    entries: Vec<Entry>,
    active: Option<String>,
    next_id: u64,
}

impl Default for Store {
    fn default() -> Self {
        Store::new()
    }
}

/// A deleted profile and where it was, so that it can be put back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deleted {
    pub entry: Entry,
    pub index: usize,
    pub was_active: bool,
}

/// Whether a profile holds nothing yet (no applicant, place, answer or name).
pub fn is_blank(profile: &Profile) -> bool {
    profile.applicant.is_none()
        && profile.county.is_none()
        && profile.industry.is_none()
        && profile.answers.is_empty()
        && profile.name.trim().is_empty()
}

/// A name as stored: trimmed, at most [`MAX_NAME_CHARS`] characters.
pub fn clean_name(name: &str) -> String {
    name.trim().chars().take(MAX_NAME_CHARS).collect::<String>().trim_end().to_owned()
}

impl Store {
    pub fn new() -> Store {
        Store { entries: Vec::new(), active: None, next_id: 1 }
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }

    pub fn active_id(&self) -> Option<&str> {
        self.active.as_deref()
    }

    pub fn active_entry(&self) -> Option<&Entry> {
        self.active.as_deref().and_then(|id| self.get(id))
    }

    fn position(&self, id: &str) -> Option<usize> {
        self.entries.iter().position(|e| e.id == id)
    }

    /// An id no entry has. Counting on from `next_id` (ids are never reused while the
    /// counter lasts); at the 64-bit limit, the smallest number no entry uses. Ends in at
    /// most `entries.len() + 1` steps whatever the document held.
    /// An id no entry has: the counter's next number (so that ids are not reused while it
    /// lasts), or past [`MAX_ID_NUMBER`] the smallest number no entry uses. Never loops: only
    /// `entries.len()` numbers can be taken, so the counter stops within that many steps.
    fn fresh_id(&mut self) -> String {
        let mut n = self.next_id.max(1);
        while n <= MAX_ID_NUMBER {
            let id = format!("p{n}");
            n += 1;
            if self.get(&id).is_none() {
                self.next_id = n;
                return id;
            }
        }
        format!("p{}", smallest_unused(&self.entries))
    }

    /// Adds a profile at the end and makes it the active one. Returns its id.
    pub fn create(&mut self, profile: Profile, now: u64) -> String {
        let id = self.fresh_id();
        self.entries.push(Entry { id: id.clone(), modified: now, profile });
        self.active = Some(id.clone());
        id
    }

    /// Whether [`Store::record`] would change anything.
    pub fn needs_record(&self, profile: &Profile) -> bool {
        match self.active_entry() {
            Some(entry) => entry.profile != *profile,
            None => !is_blank(profile),
        }
    }

    /// Keeps the live profile: it replaces the active entry's profile (when different), or,
    /// with no active entry, becomes a new entry unless it is blank. Returns whether anything
    /// changed.
    pub fn record(&mut self, profile: &Profile, now: u64) -> bool {
        if !self.needs_record(profile) {
            return false;
        }
        let active = self.active.clone().and_then(|id| self.position(&id));
        match active.and_then(|i| self.entries.get_mut(i)) {
            Some(entry) => {
                entry.profile = profile.clone();
                entry.modified = now;
            }
            None => {
                self.create(profile.clone(), now);
            }
        }
        true
    }

    /// Makes `id` the active profile. Returns its profile, or `None` when there is no such id.
    pub fn set_active(&mut self, id: &str) -> Option<&Profile> {
        let index = self.position(id)?;
        self.active = Some(id.to_owned());
        self.entries.get(index).map(|e| &e.profile)
    }

    /// Renames a profile (the name is cleaned by [`clean_name`]). Returns whether it exists.
    pub fn rename(&mut self, id: &str, name: &str, now: u64) -> bool {
        let name = clean_name(name);
        match self.entries.iter_mut().find(|e| e.id == id) {
            Some(entry) => {
                if entry.profile.name != name {
                    entry.profile.name = name;
                    entry.modified = now;
                }
                true
            }
            None => false,
        }
    }

    /// Copies a profile under a new name, right after the original. The copy is not made
    /// active. Returns the copy's id.
    pub fn duplicate(&mut self, id: &str, name: &str, now: u64) -> Option<String> {
        let index = self.position(id)?;
        let mut profile = self.entries.get(index)?.profile.clone();
        profile.name = clean_name(name);
        let new_id = self.fresh_id();
        let at = (index + 1).min(self.entries.len());
        self.entries.insert(at, Entry { id: new_id.clone(), modified: now, profile });
        Some(new_id)
    }

    /// Removes a profile. If it was the active one, its neighbour (the next, else the
    /// previous) becomes active, or none when the list is empty.
    pub fn delete(&mut self, id: &str) -> Option<Deleted> {
        let index = self.position(id)?;
        let entry = self.entries.remove(index);
        let was_active = self.active.as_deref() == Some(id);
        if was_active {
            let neighbour = self
                .entries
                .get(index)
                .or_else(|| index.checked_sub(1).and_then(|i| self.entries.get(i)));
            self.active = neighbour.map(|e| e.id.clone());
        }
        Some(Deleted { entry, index, was_active })
    }

    /// Puts a deleted profile back where it was (and makes it active again if it was).
    /// Returns the id it has now (a fresh one in the unlikely case its id was taken since).
    pub fn restore(&mut self, deleted: Deleted) -> String {
        let Deleted { mut entry, index, was_active } = deleted;
        if self.get(&entry.id).is_some() {
            entry.id = self.fresh_id();
        }
        let id = entry.id.clone();
        let at = index.min(self.entries.len());
        self.entries.insert(at, entry);
        if was_active || self.active_entry().is_none() {
            self.active = Some(id.clone());
        }
        id
    }

    /// The stored document (version [`STORE_VERSION`]).
    pub fn to_json(&self) -> String {
        let profiles: Vec<Value> = self
            .entries
            .iter()
            .map(|e| {
                // The engine's document is JSON it wrote itself; should it ever fail to
                // parse back, the profile is kept as its text so nothing is dropped silently.
                let profile = serde_json::from_str::<Value>(&e.profile.to_json())
                    .unwrap_or_else(|_| Value::String(e.profile.to_json()));
                json!({ "id": e.id, "modified": e.modified, "profile": profile })
            })
            .collect();
        json!({
            "version": STORE_VERSION,
            "next_id": self.next_id,
            "active": self.active,
            "profiles": profiles,
        })
        .to_string()
    }
}

/// A profile of the stored document that could not be read (the others were kept).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// 1-based position in the stored list.
    pub position: usize,
    /// Its name, when one could be read.
    pub name: String,
    pub error: ProfileError,
}

/// A profile of the stored document that was given a new id (its old one could not be kept).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Renamed {
    /// 1-based position in the stored list.
    pub position: usize,
    /// Its name (may be empty).
    pub name: String,
    /// The id it had (kept in the backup; not shown: an internal id means nothing to people).
    pub old_id: String,
}

/// Why the stored document could not be read (in full).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadProblem {
    /// Not JSON (e.g. cut off).
    NotJson { line: usize, column: usize },
    /// JSON, but not the saved-profiles document.
    WrongShape { detail: String },
    /// No `version`.
    MissingVersion,
    /// Saved by a newer version of the app.
    FutureVersion { found: u64 },
    /// Some profiles could not be read; the others were loaded.
    Unreadable { skipped: Vec<Skipped> },
    /// Some profiles had an id too large to count on from ([`MAX_ID_NUMBER`]): they were
    /// loaded under new ids.
    IdsReplaced { renamed: Vec<Renamed> },
    /// More than one of the above, in the order found.
    Several(Vec<LoadProblem>),
    /// Another tab saved at the same moment as this one, and this tab's save replaced it.
    SavedAtOnce,
}

ui_strings!(StoreText {
    NotJson => (
        "本机保存的档案数据已损坏（不是有效的 JSON），无法读取",
        "The profiles saved on this device are damaged (not valid JSON) and could not be read"
    ),
    WrongShape => (
        "本机保存的档案数据格式不对，无法读取",
        "The profiles saved on this device are not in the expected format and could not be read"
    ),
    MissingVersion => (
        "本机保存的档案数据没有版本号，无法读取。",
        "The profiles saved on this device have no version number and could not be read."
    ),
    FutureVersion => (
        "本机保存的档案由更新版本的本工具写入，此版本无法读取。请使用最新版本打开。版本：",
        "The profiles saved on this device were written by a newer version of this tool, which this version cannot read. Open them with the latest version. Version found:"
    ),
    Unreadable => (
        "部分已保存的档案无法读取，已跳过：",
        "Some saved profiles could not be read and were skipped:"
    ),
    SavedAtOnce => (
        "本工具的另一个标签页与此页同时保存了档案，它保存的内容已被此页替换。",
        "Another tab of this tool saved its profiles at the same moment as this one, and this tab's save replaced them."
    ),
    Position => ("第 {n} 个档案", "profile {n}"),
    Stop => ("。", "."),
    IdsReplaced => (
        "部分已保存的档案的内部编号过大（数据可能在本工具之外被修改过），本工具无法在其后继续编号，已为这些档案换用新编号，内容不变：",
        "Some saved profiles had an internal number too large for this tool to count on from (the data was probably changed outside this tool); they were given new numbers and are otherwise unchanged:"
    ),
});

/// A profile in a message: its name in quotes, or its position when it has none.
fn who(name: &str, position: usize, lang: Lang) -> String {
    if name.is_empty() {
        StoreText::Position.get(lang).replace("{n}", &position.to_string())
    } else {
        format!("“{name}”")
    }
}

impl LoadProblem {
    /// What happened, for a person, in their language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            LoadProblem::NotJson { line, column } => {
                let at = match lang {
                    Lang::Zh => format!("（第 {line} 行第 {column} 列）"),
                    Lang::En => format!(" (line {line}, column {column})"),
                };
                format!("{}{at}{}", StoreText::NotJson.get(lang), StoreText::Stop.get(lang))
            }
            LoadProblem::WrongShape { detail } => {
                let detail = match lang {
                    Lang::Zh => format!("（{detail}）"),
                    Lang::En => format!(" ({detail})"),
                };
                format!("{}{detail}{}", StoreText::WrongShape.get(lang), StoreText::Stop.get(lang))
            }
            LoadProblem::MissingVersion => StoreText::MissingVersion.get(lang).to_owned(),
            LoadProblem::SavedAtOnce => StoreText::SavedAtOnce.get(lang).to_owned(),
            LoadProblem::FutureVersion { found } => {
                format!("{} {found}", StoreText::FutureVersion.get(lang))
            }
            LoadProblem::Unreadable { skipped } => {
                let items: Vec<String> = skipped
                    .iter()
                    .map(|s| {
                        format!("{}: {}", who(&s.name, s.position, lang), s.error.message(lang))
                    })
                    .collect();
                format!("{} {}", StoreText::Unreadable.get(lang), items.join(" "))
            }
            LoadProblem::IdsReplaced { renamed } => {
                let names: Vec<String> =
                    renamed.iter().map(|r| who(&r.name, r.position, lang)).collect();
                let (comma, space) = if lang == Lang::Zh { ("、", "") } else { (", ", " ") };
                let stop = StoreText::Stop.get(lang);
                format!("{}{space}{}{stop}", StoreText::IdsReplaced.get(lang), names.join(comma))
            }
            LoadProblem::Several(problems) => {
                let sep = if lang == Lang::Zh { "" } else { " " };
                problems.iter().map(|p| p.message(lang)).collect::<Vec<_>>().join(sep)
            }
        }
    }

    /// The notice kind (`data-kind`) this problem is shown with.
    pub fn kind(&self) -> &'static str {
        match self {
            LoadProblem::FutureVersion { .. } => "storage-future",
            LoadProblem::SavedAtOnce => "storage-conflict",
            _ => "storage-corrupt",
        }
    }
}

/// What [`load`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Loaded {
    /// Always usable: what could be read, or empty.
    pub store: Store,
    /// Why some or all of the stored text could not be read.
    pub problem: Option<LoadProblem>,
}

impl Loaded {
    /// Whether the raw text must be copied to a backup key before anything is saved over it.
    pub fn must_back_up(&self) -> bool {
        self.problem.is_some()
    }
}

/// Reads the stored document (`None`: nothing stored). Never fails: see [`Loaded`].
/// Empty or all-blank text holds nothing to lose and counts as nothing stored.
pub fn load(policy: &Policy, raw: Option<&str>) -> Loaded {
    let fresh = |problem| Loaded { store: Store::new(), problem };
    let Some(raw) = raw.filter(|r| !r.trim().is_empty()) else { return fresh(None) };
    let value: Value = match serde_json::from_str(raw) {
        Ok(v) => v,
        Err(e) => return fresh(Some(LoadProblem::NotJson { line: e.line(), column: e.column() })),
    };
    let value = match migrate(value) {
        Ok(v) => v,
        Err(problem) => return fresh(Some(problem)),
    };
    match read_v1(policy, value) {
        Ok(loaded) => loaded,
        Err(problem) => fresh(Some(problem)),
    }
}

fn wrong_shape(detail: impl Into<String>) -> LoadProblem {
    LoadProblem::WrongShape { detail: detail.into() }
}

fn version_of(value: &Value) -> Result<u64, LoadProblem> {
    let Value::Object(map) = value else {
        return Err(wrong_shape("expected a JSON object"));
    };
    match map.get("version") {
        None => Err(LoadProblem::MissingVersion),
        Some(v) => v
            .as_u64()
            .ok_or_else(|| wrong_shape(format!("\"version\" should be a whole number, found {v}"))),
    }
}

/// Brings a stored document of any earlier version to [`STORE_VERSION`], one version at a
/// time. A newer version is [`LoadProblem::FutureVersion`]: it is never "downgraded".
pub fn migrate(mut value: Value) -> Result<Value, LoadProblem> {
    loop {
        match version_of(&value)? {
            0 => value = migrate_0_to_1(value)?,
            STORE_VERSION => return Ok(value),
            found => return Err(LoadProblem::FutureVersion { found }),
        }
    }
}

/// Version 0 listed bare profiles and the index of the current one; version 1 gives each an
/// id and a modification time (unknown: 0), and names the active one by id.
fn migrate_0_to_1(value: Value) -> Result<Value, LoadProblem> {
    let Value::Object(mut map) = value else { return Err(wrong_shape("expected an object")) };
    let profiles = match map.remove("profiles") {
        Some(Value::Array(list)) => list,
        None | Some(Value::Null) => Vec::new(),
        Some(_) => return Err(wrong_shape("version 0: \"profiles\" should be a list")),
    };
    let current = map.get("current").and_then(Value::as_u64);
    let entries: Vec<Value> = profiles
        .into_iter()
        .enumerate()
        .map(|(i, profile)| json!({ "id": format!("p{}", i + 1), "modified": 0, "profile": profile }))
        .collect();
    let active = current
        .and_then(|c| usize::try_from(c).ok())
        .filter(|&c| c < entries.len())
        .map(|c| format!("p{}", c + 1));
    let next_id = u64::try_from(entries.len()).unwrap_or(u64::MAX).saturating_add(1);
    Ok(json!({ "version": 1, "next_id": next_id, "active": active, "profiles": entries }))
}

/// The number in an id of the form `p<n>`.
fn id_number(id: &str) -> Option<u64> {
    id.strip_prefix('p').and_then(|n| n.parse().ok())
}

/// The smallest n ≥ 1 that no entry's id `p<n>` uses (one of 1..=len+1 is free).
fn smallest_unused(entries: &[Entry]) -> u64 {
    let mut used: Vec<u64> = entries.iter().filter_map(|e| id_number(&e.id)).collect();
    used.sort_unstable();
    used.dedup();
    let mut n = 1;
    for u in used {
        match u.cmp(&n) {
            std::cmp::Ordering::Less => {}
            std::cmp::Ordering::Equal => n += 1,
            std::cmp::Ordering::Greater => break,
        }
    }
    n
}

fn read_v1(policy: &Policy, value: Value) -> Result<Loaded, LoadProblem> {
    let Value::Object(mut map) = value else { return Err(wrong_shape("expected an object")) };
    let list = match map.remove("profiles") {
        Some(Value::Array(list)) => list,
        Some(other) => {
            return Err(wrong_shape(format!(
                "\"profiles\" should be a list, found {}",
                type_of(&other)
            )))
        }
        None => return Err(wrong_shape("no \"profiles\" list")),
    };
    let next_id = match map.get("next_id") {
        None | Some(Value::Null) => 1,
        Some(v) => v.as_u64().ok_or_else(|| wrong_shape("\"next_id\" should be a whole number"))?,
    };
    // A counter past the limit is no use: counting goes on from the ids read instead.
    let next_id = if next_id > MAX_ID_NUMBER { 1 } else { next_id };
    let active = match map.remove("active") {
        None | Some(Value::Null) => None,
        Some(Value::String(id)) => Some(id),
        Some(_) => return Err(wrong_shape("\"active\" should be a profile id")),
    };

    let mut store = Store { entries: Vec::with_capacity(list.len()), active: None, next_id };
    let mut skipped = Vec::new();
    let mut renumber = Vec::new();
    let mut renamed = Vec::new();
    for (i, item) in list.into_iter().enumerate() {
        match read_entry(policy, item) {
            Ok(entry) => {
                // An id that is missing or already used gets a fresh one below; so does one
                // too large to count on from, and that one is said (and the text backed up).
                if id_number(&entry.id).is_some_and(|n| n > MAX_ID_NUMBER) {
                    renamed.push((store.entries.len(), i + 1));
                } else if entry.id.is_empty() || store.get(&entry.id).is_some() {
                    renumber.push(store.entries.len());
                }
                store.entries.push(entry);
            }
            Err((name, error)) => skipped.push(Skipped { position: i + 1, name, error }),
        }
    }
    // Ids read must never be handed out again.
    let highest = store
        .entries
        .iter()
        .filter_map(|e| id_number(&e.id))
        .filter(|&n| n <= MAX_ID_NUMBER)
        .max()
        .unwrap_or(0);
    store.next_id = store.next_id.max(highest + 1);
    let mut active = active;
    let mut replaced = Vec::with_capacity(renamed.len());
    for (index, position) in renamed {
        let id = store.fresh_id();
        let Some(entry) = store.entries.get_mut(index) else { continue };
        let old_id = std::mem::replace(&mut entry.id, id);
        if active.as_deref() == Some(old_id.as_str()) {
            active = Some(entry.id.clone());
        }
        replaced.push(Renamed { position, name: entry.profile.name.clone(), old_id });
    }
    for index in renumber {
        let id = store.fresh_id();
        if let Some(entry) = store.entries.get_mut(index) {
            entry.id = id;
        }
    }
    store.active = active
        .filter(|id| store.get(id).is_some())
        .or_else(|| store.entries.first().map(|e| e.id.clone()));
    let mut problems = Vec::new();
    if !skipped.is_empty() {
        problems.push(LoadProblem::Unreadable { skipped });
    }
    if !replaced.is_empty() {
        problems.push(LoadProblem::IdsReplaced { renamed: replaced });
    }
    let problem = match problems.len() {
        0 => None,
        1 => problems.pop(),
        _ => Some(LoadProblem::Several(problems)),
    };
    Ok(Loaded { store, problem })
}

fn type_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// One entry of the list; on failure, the name (if readable) and why.
fn read_entry(policy: &Policy, item: Value) -> Result<Entry, (String, ProfileError)> {
    let shape =
        |detail: &str| (String::new(), ProfileError::WrongShape { detail: detail.to_owned() });
    let Value::Object(mut map) = item else {
        return Err(shape("a profile entry should be an object"));
    };
    let id = match map.remove("id") {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(id)) => id.chars().take(64).collect(),
        Some(_) => return Err(shape("a profile id should be text")),
    };
    let modified = match map.get("modified") {
        None | Some(Value::Null) => 0,
        Some(v) => v
            .as_u64()
            .or_else(|| v.as_f64().filter(|f| f.is_finite() && *f >= 0.0).map(|f| f as u64))
            .ok_or_else(|| shape("\"modified\" should be a time in milliseconds"))?,
    };
    let profile_value = match map.remove("profile") {
        Some(v @ Value::Object(_)) => v,
        _ => return Err(shape("a profile entry should hold a \"profile\" object")),
    };
    let name = name_of(&profile_value);
    // Each profile is read under the plan it was made under, when the app has it.
    let text = profile_value.to_string();
    let profile = match crate::engine::plans::Plans::embedded() {
        Ok(plans) if plans.get(&policy.meta.id).is_some() => Profile::from_json_in(plans, &text),
        _ => Profile::from_json_with(policy, &text),
    }
    .map_err(|e| (name, e))?;
    Ok(Entry { id, modified, profile })
}

fn name_of(profile: &Value) -> String {
    profile.get("name").and_then(Value::as_str).map(clean_name).unwrap_or_default()
}

/// The top-level keys of a document, for diagnostics in tests.
#[cfg(test)]
fn keys(value: &Value) -> Vec<String> {
    value.as_object().map(serde_json::Map::keys).into_iter().flatten().cloned().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::policy::FactKind;
    use crate::engine::profile::{Answer, ApplicantType, PROFILE_VERSION};

    use crate::engine::policy::bundled as policy;

    fn county_id() -> String {
        policy().counties.first().map(|c| c.id.clone()).unwrap_or_default()
    }

    fn named(name: &str, applicant: ApplicantType) -> Profile {
        Profile {
            version: PROFILE_VERSION,
            name: name.to_owned(),
            applicant: Some(applicant),
            county: Some(county_id()),
            industry: Some("other".to_owned()),
            ..Profile::default()
        }
    }

    fn sample() -> Store {
        let mut store = Store::new();
        store.create(named("Alpha", ApplicantType::Enterprise), 1_000);
        store.create(named("Beta", ApplicantType::College), 2_000);
        store.create(named("Gamma", ApplicantType::HrAgency), 3_000);
        store
    }

    fn names(store: &Store) -> Vec<&str> {
        store.entries().iter().map(|e| e.profile.name.as_str()).collect()
    }

    #[test]
    fn the_stored_document_round_trips() {
        let mut store = sample();
        // An answer of each kind the plan asks, where it has them.
        let mut p = store.active_entry().map(|e| e.profile.clone()).unwrap_or_default();
        for fact in &policy().facts {
            let answer = match fact.kind {
                FactKind::Money => Answer::Number(rust_decimal::Decimal::new(15, 1)),
                FactKind::Count => Answer::Number(rust_decimal::Decimal::from(12)),
                FactKind::Percent => Answer::Number(rust_decimal::Decimal::new(65, 2)),
                FactKind::Bool => Answer::Bool(true),
                FactKind::Choice => match fact.choices.first() {
                    Some(c) => Answer::Choice(c.id.clone()),
                    None => continue,
                },
                FactKind::Unknown => continue,
            };
            p.set_answer(&fact.id, Some(answer));
        }
        assert!(store.record(&p, 4_000) || policy().facts.is_empty());
        store.set_active("p2");
        let json = store.to_json();
        let loaded = load(policy(), Some(&json));
        assert_eq!(loaded.problem, None);
        assert_eq!(loaded.store, store);
        assert_eq!(loaded.store.to_json(), json, "writing again gives the same text");
        let value: Value = serde_json::from_str(&json).unwrap_or(Value::Null);
        assert_eq!(keys(&value).len(), 4);
        assert_eq!(value["version"], json!(STORE_VERSION));
    }

    #[test]
    fn a_version_0_document_is_migrated() {
        let county = county_id();
        let v0 = format!(
            r#"{{"version":0,"current":1,"profiles":[
                {{"version":1,"name":"Old one","applicant":"enterprise","county":"{county}"}},
                {{"version":1,"name":"Old two","applicant":"college"}}
            ]}}"#
        );
        let loaded = load(policy(), Some(&v0));
        assert_eq!(loaded.problem, None);
        assert_eq!(names(&loaded.store), ["Old one", "Old two"]);
        let ids: Vec<&str> = loaded.store.entries().iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["p1", "p2"]);
        assert_eq!(loaded.store.active_id(), Some("p2"), "current index 1 is the second");
        assert!(loaded.store.entries().iter().all(|e| e.modified == 0));
        assert_eq!(
            loaded.store.get("p1").and_then(|e| e.profile.applicant),
            Some(ApplicantType::Enterprise)
        );
        // A new profile does not reuse a migrated id.
        let mut store = loaded.store;
        assert_eq!(store.create(Profile::new(), 5), "p3");
        // The migrated document is written as version 1.
        let again: Value = serde_json::from_str(&store.to_json()).unwrap_or(Value::Null);
        assert_eq!(again["version"], json!(1));
    }

    #[test]
    fn an_empty_version_0_document_migrates_to_an_empty_store() {
        let loaded = load(policy(), Some(r#"{"version":0}"#));
        assert_eq!(loaded.problem, None);
        assert!(loaded.store.entries().is_empty());
        assert_eq!(loaded.store.active_id(), None);
        // A current index past the end is ignored, not trusted.
        let loaded =
            load(policy(), Some(r#"{"version":0,"current":7,"profiles":[{"version":1}]}"#));
        assert_eq!(loaded.store.active_id(), Some("p1"));
    }

    #[test]
    fn migrate_is_the_identity_on_the_current_version() {
        let doc = json!({"version": STORE_VERSION, "profiles": []});
        assert_eq!(migrate(doc.clone()), Ok(doc));
    }

    fn problem_of(raw: &str) -> Option<LoadProblem> {
        let loaded = load(policy(), Some(raw));
        assert!(loaded.store.entries().is_empty(), "{raw:.60}: nothing half-read");
        assert_eq!(loaded.must_back_up(), loaded.problem.is_some());
        loaded.problem
    }

    #[test]
    fn corrupt_json_is_a_clear_problem() {
        let full = sample().to_json();
        let cut = &full[..full.len() / 2];
        assert!(matches!(problem_of(cut), Some(LoadProblem::NotJson { .. })));
        assert!(matches!(problem_of("{"), Some(LoadProblem::NotJson { line: 1, .. })));
        assert!(matches!(problem_of("not json"), Some(LoadProblem::NotJson { .. })));
        // Nested far too deep for serde_json: an error, not a stack overflow.
        let deep = "[".repeat(100_000);
        assert!(matches!(problem_of(&deep), Some(LoadProblem::NotJson { .. })));
    }

    #[test]
    fn wrong_types_are_a_clear_problem() {
        for raw in [
            "[]",
            "42",
            "\"text\"",
            "null",
            r#"{"version":"1","profiles":[]}"#,
            r#"{"version":-1,"profiles":[]}"#,
            r#"{"version":1.5,"profiles":[]}"#,
            r#"{"version":1,"profiles":{}}"#,
            r#"{"version":1,"profiles":"p1"}"#,
            r#"{"version":1}"#,
            r#"{"version":1,"profiles":[],"active":3}"#,
            r#"{"version":1,"profiles":[],"next_id":"x"}"#,
            r#"{"version":0,"profiles":"x"}"#,
        ] {
            assert!(
                matches!(problem_of(raw), Some(LoadProblem::WrongShape { .. })),
                "{raw}: {:?}",
                problem_of(raw)
            );
        }
        assert_eq!(problem_of(r#"{"profiles":[]}"#), Some(LoadProblem::MissingVersion));
    }

    #[test]
    fn a_future_version_is_not_read_and_says_so() {
        let problem = problem_of(r#"{"version":2,"profiles":[],"new_field":true}"#);
        assert_eq!(problem, Some(LoadProblem::FutureVersion { found: 2 }));
        let problem = problem_of(r#"{"version":18446744073709551615}"#);
        assert_eq!(problem, Some(LoadProblem::FutureVersion { found: u64::MAX }));
        let message = LoadProblem::FutureVersion { found: 2 }.message(Lang::En);
        assert!(message.contains("newer") && message.ends_with('2'), "{message}");
        assert_eq!(LoadProblem::FutureVersion { found: 2 }.kind(), "storage-future");
        assert_eq!(LoadProblem::MissingVersion.kind(), "storage-corrupt");
    }

    #[test]
    fn empty_or_blank_text_is_nothing_stored() {
        for raw in ["", "   ", "\n\t"] {
            let loaded = load(policy(), Some(raw));
            assert_eq!(loaded.problem, None);
            assert!(!loaded.must_back_up());
            assert_eq!(loaded.store, Store::new());
        }
        assert_eq!(load(policy(), None).store, Store::new());
    }

    #[test]
    fn a_huge_string_is_a_clear_problem() {
        let huge = "x".repeat(5 * 1024 * 1024);
        assert!(matches!(problem_of(&huge), Some(LoadProblem::NotJson { .. })));
        // Huge but well-formed: a very long name is cut, not refused.
        let long_name = "名".repeat(200_000);
        let raw = format!(
            r#"{{"version":1,"profiles":[{{"id":"p1","profile":{{"version":1,"name":"{long_name}"}}}}]}}"#
        );
        let loaded = load(policy(), Some(&raw));
        assert_eq!(loaded.problem, None);
        let kept = loaded.store.get("p1").map(|e| e.profile.name.chars().count());
        assert_eq!(kept, Some(200_000), "reading keeps the name as stored");
        let mut store = loaded.store;
        store.rename("p1", &long_name, 1);
        assert_eq!(store.get("p1").map(|e| e.profile.name.chars().count()), Some(MAX_NAME_CHARS));
    }

    #[test]
    fn unreadable_profiles_are_skipped_and_the_rest_kept() {
        let raw = r#"{"version":1,"next_id":9,"active":"p2","profiles":[
            {"id":"p1","modified":5,"profile":{"version":1,"name":"Good"}},
            {"id":"p2","profile":{"version":1,"name":"Bad","applicant":"pirate"}},
            {"id":"p3","profile":[]},
            {"id":"p3","profile":{"version":1,"name":"Same id"}}
        ]}"#;
        let loaded = load(policy(), Some(raw));
        assert!(loaded.must_back_up());
        let Some(LoadProblem::Unreadable { skipped }) = &loaded.problem else {
            panic!("expected Unreadable, got {:?}", loaded.problem)
        };
        let positions: Vec<usize> = skipped.iter().map(|s| s.position).collect();
        assert_eq!(positions, [2, 3]);
        assert_eq!(skipped[0].name, "Bad");
        assert_eq!(skipped[0].error, ProfileError::UnknownApplicant { id: "pirate".into() });
        assert_eq!(names(&loaded.store), ["Good", "Same id"]);
        assert_eq!(loaded.store.active_id(), Some("p1"), "the active one is gone: the first");
        let message = loaded.problem.as_ref().map(|p| p.message(Lang::En)).unwrap_or_default();
        assert!(message.contains("“Bad”") && message.contains("profile 3"), "{message}");
        assert!(loaded
            .problem
            .as_ref()
            .map(|p| p.message(Lang::Zh))
            .unwrap_or_default()
            .contains("第 3 个档案"));
        // Duplicate and missing ids get fresh ones past every id and `next_id`.
        let ids: Vec<&str> = loaded.store.entries().iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["p1", "p3"]);
        let raw = r#"{"version":1,"next_id":2,"profiles":[
            {"id":"p7","profile":{"version":1}}, {"profile":{"version":1}}, {"id":"p7","profile":{"version":1}}
        ]}"#;
        let store = load(policy(), Some(raw)).store;
        let ids: Vec<&str> = store.entries().iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["p7", "p8", "p9"]);
    }

    /// Runs `f` on another thread and fails if it has not finished within 10 s (a loop that
    /// never ends fails the test instead of hanging it).
    fn within_seconds<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(f());
        });
        match rx.recv_timeout(std::time::Duration::from_secs(10)) {
            Ok(value) => value,
            Err(_) => panic!("still running after 10 s: a loop that never ends"),
        }
    }

    fn ids(store: &Store) -> Vec<String> {
        store.entries().iter().map(|e| e.id.clone()).collect()
    }

    /// Every id unique and within the limit.
    fn assert_ids_sound(store: &Store) {
        let mut seen = ids(store);
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), store.entries().len(), "unique ids: {:?}", ids(store));
        for id in ids(store) {
            assert!(id_number(&id).is_some_and(|n| n <= MAX_ID_NUMBER), "{id}");
        }
    }

    #[test]
    fn an_id_at_the_64_bit_limit_loads_at_once_is_replaced_and_said() {
        let max = format!("p{}", u64::MAX);
        let entry = |id: Option<&str>, name: &str| match id {
            Some(id) => format!(r#"{{"id":"{id}","profile":{{"version":1,"name":"{name}"}}}}"#),
            None => format!(r#"{{"profile":{{"version":1,"name":"{name}"}}}}"#),
        };
        // The issue's documents: with a second entry without an id or with the same id the
        // app never mounted; with one entry the next new id looped.
        let documents = [
            format!(
                r#"{{"version":1,"active":"{max}","profiles":[{},{}]}}"#,
                entry(Some(max.as_str()), "Limit"),
                entry(None, "No id")
            ),
            format!(
                r#"{{"version":1,"active":"{max}","profiles":[{},{}]}}"#,
                entry(Some(max.as_str()), "Limit"),
                entry(Some(max.as_str()), "Same id")
            ),
            format!(
                r#"{{"version":1,"active":"{max}","profiles":[{}]}}"#,
                entry(Some(max.as_str()), "Limit")
            ),
            format!(
                r#"{{"version":1,"next_id":{},"profiles":[{},{}]}}"#,
                u64::MAX,
                entry(Some(max.as_str()), "Limit"),
                entry(Some("p2"), "Two")
            ),
        ];
        for raw in documents {
            let raw_copy = raw.clone();
            let (loaded, after) = within_seconds(move || {
                let loaded = load(policy(), Some(&raw));
                // Every action that needs a new id, twice.
                let mut store = loaded.store.clone();
                for _ in 0..2 {
                    store.create(Profile::new(), 1);
                    let first = store.entries()[0].id.clone();
                    store.duplicate(&first, "Copy", 2);
                    if let Some(deleted) = store.delete(&first) {
                        let mut clash = deleted.clone();
                        clash.entry.id = store.entries()[0].id.clone();
                        store.restore(clash);
                        store.restore(deleted);
                    }
                }
                (loaded, store)
            });
            assert!(loaded.must_back_up(), "the original is kept in a backup");
            let Some(LoadProblem::IdsReplaced { renamed }) = &loaded.problem else {
                panic!("expected IdsReplaced, got {:?}", loaded.problem)
            };
            assert_eq!(renamed[0].position, 1);
            assert_eq!(renamed[0].name, "Limit");
            assert_eq!(renamed[0].old_id, max);
            assert_ids_sound(&loaded.store);
            assert!(names(&loaded.store).contains(&"Limit"), "nothing is dropped");
            let stored = serde_json::from_str::<Value>(&raw_copy).unwrap_or(Value::Null);
            let count = stored["profiles"].as_array().map_or(0, Vec::len);
            assert_eq!(loaded.store.entries().len(), count, "every profile is loaded");
            assert_ids_sound(&after);
            let message = loaded.problem.as_ref().map(|p| p.message(Lang::En)).unwrap_or_default();
            assert!(message.contains("“Limit”") && !message.contains(&max), "{message}");
            let zh = loaded.problem.as_ref().map(|p| p.message(Lang::Zh)).unwrap_or_default();
            assert!(zh.contains("编号过大") && zh.contains("：“Limit”"), "{zh}");
            // What was read is saved under sound ids, and reads back without a problem.
            let again = load(policy(), Some(&loaded.store.to_json()));
            assert_eq!(again.problem, None);
            assert_eq!(again.store, loaded.store);
        }
        // The active profile follows its new id.
        let raw = format!(
            r#"{{"version":1,"active":"{max}","profiles":[{},{}]}}"#,
            entry(Some("p1"), "One"),
            entry(Some(max.as_str()), "Limit")
        );
        let store = within_seconds(move || load(policy(), Some(&raw)).store);
        assert_eq!(store.active_entry().map(|e| e.profile.name.as_str()), Some("Limit"));
        assert_eq!(ids(&store), ["p1", "p2"]);
    }

    #[test]
    fn new_ids_never_loop_whatever_the_counter_holds() {
        let blank = |id: String| Entry { id, modified: 0, profile: Profile::new() };
        for next_id in [u64::MAX, u64::MAX - 1, MAX_ID_NUMBER, MAX_ID_NUMBER + 1, 0] {
            let entries = vec![
                blank(format!("p{MAX_ID_NUMBER}")),
                blank("p1".to_owned()),
                blank("p3".to_owned()),
            ];
            let mut store = Store { entries, active: None, next_id };
            let made = within_seconds(move || {
                let made: Vec<String> = (0..4).map(|_| store.create(Profile::new(), 0)).collect();
                (made, store)
            });
            let (made, store) = made;
            assert_ids_sound(&store);
            assert_eq!(store.entries().len(), 7, "{next_id}: {made:?}");
        }
        // Past the counter's end, the smallest free numbers are used.
        let mut store = Store {
            entries: vec![blank("p1".into()), blank("p3".into())],
            active: None,
            next_id: MAX_ID_NUMBER + 1,
        };
        assert_eq!(store.create(Profile::new(), 0), "p2");
        assert_eq!(store.create(Profile::new(), 0), "p4");
        assert_eq!(smallest_unused(&[]), 1);
    }

    #[test]
    fn every_problem_has_a_message_in_both_languages() {
        let problems = [
            LoadProblem::NotJson { line: 1, column: 2 },
            LoadProblem::WrongShape { detail: "x".into() },
            LoadProblem::MissingVersion,
            LoadProblem::FutureVersion { found: 3 },
            LoadProblem::SavedAtOnce,
            LoadProblem::Unreadable {
                skipped: vec![Skipped {
                    position: 1,
                    name: String::new(),
                    error: ProfileError::MissingVersion,
                }],
            },
            LoadProblem::IdsReplaced {
                renamed: vec![Renamed { position: 2, name: String::new(), old_id: "p9".into() }],
            },
            LoadProblem::Several(vec![
                LoadProblem::MissingVersion,
                LoadProblem::IdsReplaced {
                    renamed: vec![Renamed { position: 1, name: "A".into(), old_id: "p9".into() }],
                },
            ]),
        ];
        for problem in problems {
            let (zh, en) = (problem.message(Lang::Zh), problem.message(Lang::En));
            assert!(!zh.is_empty() && !en.is_empty() && zh != en, "{problem:?}");
        }
    }

    #[test]
    fn record_keeps_the_live_profile_in_the_active_entry() {
        let mut store = Store::new();
        assert!(!store.record(&Profile::new(), 1), "a blank profile is not saved");
        assert!(store.entries().is_empty());
        let mut p = named("", ApplicantType::Enterprise);
        assert!(store.record(&p, 10));
        assert_eq!(store.entries().len(), 1);
        assert_eq!(store.active_id(), Some("p1"));
        assert!(!store.record(&p, 20), "no change, no write");
        assert_eq!(store.get("p1").map(|e| e.modified), Some(10));
        p.county = None;
        assert!(store.record(&p, 30));
        assert_eq!(
            store.get("p1").map(|e| (e.modified, e.profile.county.clone())),
            Some((30, None))
        );
    }

    #[test]
    fn rename_cleans_the_name_and_touches_only_that_profile() {
        let mut store = sample();
        assert!(store.rename("p2", "  Pubei plant, 2024  ", 9_000));
        assert_eq!(names(&store), ["Alpha", "Pubei plant, 2024", "Gamma"]);
        assert_eq!(store.get("p2").map(|e| e.modified), Some(9_000));
        assert_eq!(store.get("p1").map(|e| e.modified), Some(1_000));
        assert!(store.rename("p2", "Pubei plant, 2024", 10_000));
        assert_eq!(store.get("p2").map(|e| e.modified), Some(9_000), "same name: unchanged");
        assert!(!store.rename("p9", "x", 1));
    }

    #[test]
    fn duplicate_copies_the_answers_under_a_new_id_right_after() {
        let mut store = sample();
        store.set_active("p3");
        let copy = store.duplicate("p1", "Alpha (copy)", 7_000);
        assert_eq!(copy.as_deref(), Some("p4"));
        assert_eq!(names(&store), ["Alpha", "Alpha (copy)", "Beta", "Gamma"]);
        let (a, b) = (store.get("p1"), store.get("p4"));
        assert_eq!(a.map(|e| &e.profile.applicant), b.map(|e| &e.profile.applicant));
        assert_eq!(b.map(|e| e.modified), Some(7_000));
        assert_eq!(store.active_id(), Some("p3"), "duplicating does not switch");
        assert_eq!(store.duplicate("nope", "x", 1), None);
    }

    #[test]
    fn delete_and_undo_put_everything_back() {
        let mut store = sample();
        store.set_active("p2");
        let before = store.clone();
        let deleted = store.delete("p2");
        let Some(deleted) = deleted else { panic!("p2 exists") };
        assert_eq!(names(&store), ["Alpha", "Gamma"]);
        assert_eq!(store.active_id(), Some("p3"), "the next one becomes active");
        assert!(deleted.was_active);
        assert_eq!(deleted.index, 1);
        assert_eq!(store.restore(deleted), "p2");
        assert_eq!(store, before);

        // Deleting the last active profile activates the previous one.
        store.set_active("p3");
        let d3 = store.delete("p3");
        assert_eq!(store.active_id(), Some("p2"));
        // Deleting an inactive one leaves the active one alone.
        let d1 = store.delete("p1");
        assert_eq!(store.active_id(), Some("p2"));
        assert_eq!(names(&store), ["Beta"]);
        // A new profile made meanwhile never takes a deleted id.
        let new_id = store.create(Profile::new(), 1);
        assert_eq!(new_id, "p4");
        // Undo in any order restores positions as far as possible.
        if let Some(d1) = d1 {
            assert!(!d1.was_active);
            store.restore(d1);
        }
        assert_eq!(store.active_id(), Some("p4"), "restoring an inactive one does not switch");
        if let Some(d3) = d3 {
            store.restore(d3);
        }
        assert_eq!(store.active_id(), Some("p3"));
        assert_eq!(names(&store), ["Alpha", "Beta", "Gamma", ""]);
        assert_eq!(store.delete("nope"), None);
    }

    #[test]
    fn deleting_everything_leaves_no_active_profile() {
        let mut store = sample();
        for id in ["p1", "p2", "p3"] {
            store.delete(id);
        }
        assert!(store.entries().is_empty());
        assert_eq!(store.active_id(), None);
        assert_eq!(store.active_entry(), None);
    }

    #[test]
    fn restore_never_duplicates_an_id() {
        let mut store = sample();
        let Some(deleted) = store.delete("p1") else { panic!("p1 exists") };
        // Simulate an id clash (a document edited by hand): the restored copy gets a new id.
        let mut clash = deleted.clone();
        clash.entry.id = "p2".into();
        let id = store.restore(clash);
        assert_ne!(id, "p2");
        let mut ids: Vec<&str> = store.entries().iter().map(|e| e.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), store.entries().len());
    }

    #[test]
    fn clean_name_trims_and_cuts() {
        assert_eq!(clean_name("  a b  "), "a b");
        assert_eq!(clean_name(&"x".repeat(500)).len(), MAX_NAME_CHARS);
        assert_eq!(clean_name("\u{3000}钦州\u{3000}"), "钦州");
    }
}
