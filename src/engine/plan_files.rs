//! A plan folder (`data/plans/<plan id>/`) → one merged JSON document, the shape
//! [`Policy::from_json`](super::policy::Policy::from_json) reads.
//!
//! One module for both readers: `build.rs` includes it with `#[path]` to embed every plan, and
//! natively the engine uses it to load a folder at run time (`Policy::from_dir`: the
//! `incentives --data` option, tests with a fixture plan). Pure std + toml + serde_json, so it
//! compiles in the build script; it is not compiled into the wasm.
//!
//! A folder holds `plan.toml`, `incentives.toml` and `measures/*.toml` (read in name order).
//! The statuses every plan shares, `statuses.toml` beside the `plans/` folder (`data/
//! statuses.toml`; for the test fixtures `tests/fixtures/statuses.toml`), are merged in first
//! when that file exists. Top-level keys are merged; arrays of tables (`[[measures]]`) from
//! several files are concatenated. Anything else defined twice is an error naming the file.

#![allow(dead_code)] // build.rs uses part of it, the engine another part.

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

/// The file every plan folder has; a folder without it is not a plan.
pub const PLAN_FILE: &str = "plan.toml";

/// A plan folder could not be read: which file, and why (the TOML parser's message names the
/// line and column).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanFilesError {
    pub file: PathBuf,
    pub message: String,
}

impl fmt::Display for PlanFilesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file.display(), self.message)
    }
}

impl std::error::Error for PlanFilesError {}

/// A plan folder's files, merged.
#[derive(Clone, Debug)]
pub struct MergedPlan {
    /// The folder's name, which is the plan's id by convention (`validate` checks `[meta] id`).
    pub folder: String,
    pub json: serde_json::Value,
    /// Every file read, in order (the build script watches them).
    pub files: Vec<PathBuf>,
}

/// The plan folders under `root` (`data/plans`): every sub-folder holding a `plan.toml`, in
/// name order. A missing `root` has none.
pub fn plan_dirs(root: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = fs::read_dir(root)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.join(PLAN_FILE).is_file())
                .collect()
        })
        .unwrap_or_default();
    dirs.sort();
    dirs
}

/// The shared statuses file of the plans beside `dir` (`<dir>/../../statuses.toml`), if any.
pub fn statuses_file(dir: &Path) -> Option<PathBuf> {
    let file = dir.parent()?.parent()?.join("statuses.toml");
    file.is_file().then_some(file)
}

/// The TOML files of one plan folder, in merge order (the shared statuses first, if any).
pub fn plan_toml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = statuses_file(dir).into_iter().collect();
    files.extend([dir.join(PLAN_FILE), dir.join("incentives.toml")]);
    files.extend(measure_files(dir));
    files
}

/// A plan folder's `measures/*.toml`, sorted by name (none if the folder cannot be read).
pub fn measure_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir.join("measures"))
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// Reads and merges one plan folder; the first problem is the error.
pub fn merge_plan_dir(dir: &Path) -> Result<MergedPlan, PlanFilesError> {
    let (merged, problems) = merge_plan_dir_lenient(dir);
    match problems.into_iter().next() {
        Some(problem) => Err(problem),
        None => Ok(merged),
    }
}

/// Reads and merges one plan folder, leaving out what cannot be read (a missing file, a TOML
/// error, a key defined twice) and listing every such problem: a native build goes on so that
/// `incentives validate` can report everything, where the web build stops.
pub fn merge_plan_dir_lenient(dir: &Path) -> (MergedPlan, Vec<PlanFilesError>) {
    let folder = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let files = plan_toml_files(dir);
    let mut merged = serde_json::Map::new();
    let mut problems = Vec::new();
    for file in &files {
        let error = |message: String| PlanFilesError { file: file.clone(), message };
        let text = match fs::read_to_string(file) {
            Ok(text) => text,
            Err(e) => {
                problems
                    .push(error(format!("cannot be read ({e}); a plan folder needs this file")));
                continue;
            }
        };
        let json = toml::from_str::<toml::Value>(&text)
            .map_err(|e| e.to_string())
            .and_then(|value| serde_json::to_value(value).map_err(|e| e.to_string()));
        let map = match json {
            Ok(serde_json::Value::Object(map)) => map,
            Ok(_) => continue,
            Err(message) => {
                problems.push(error(message));
                continue;
            }
        };
        for (key, value) in map {
            match (merged.get_mut(&key), value) {
                // Arrays of tables (e.g. [[measures]]) from several files are concatenated.
                (Some(serde_json::Value::Array(existing)), serde_json::Value::Array(more)) => {
                    existing.extend(more)
                }
                (Some(_), _) => problems.push(error(format!(
                    "top-level key `{key}` is defined twice (here and in an earlier file)"
                ))),
                (None, value) => {
                    merged.insert(key, value);
                }
            }
        }
    }
    (MergedPlan { folder, json: serde_json::Value::Object(merged), files }, problems)
}

/// Splits the measures' full texts and notes off a merged plan (the web app fetches them when
/// a screen needs them): returns the plan without them, and `{number: {text, notes}}`.
pub fn split_measure_texts(plan: &serde_json::Value) -> (serde_json::Value, serde_json::Value) {
    let mut lite = plan.clone();
    let mut texts = serde_json::Map::new();
    if let Some(serde_json::Value::Array(measures)) = lite.get_mut("measures") {
        for measure in measures.iter_mut().filter_map(serde_json::Value::as_object_mut) {
            let mut prose = serde_json::Map::new();
            for field in ["text", "notes"] {
                if let Some(value) = measure.remove(field) {
                    prose.insert(field.to_owned(), value);
                }
            }
            let number = measure.get("number").and_then(|n| n.as_str()).unwrap_or_default();
            texts.insert(number.to_owned(), serde_json::Value::Object(prose));
        }
    }
    (lite, serde_json::Value::Object(texts))
}

/// FNV-1a, 64 bits: a content hash for a file name (no dependency needed).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}
