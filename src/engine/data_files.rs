//! The data files on disk, checked as an officer edits them: `incentives validate` and the
//! tests call [`check_data`]. Every problem of every file at once, each with its file, line
//! and a fix in plain words: TOML syntax (per file; the other files are still checked), type
//! errors (a figure without quotes, a missing `en`), unknown keys (with the nearest known
//! one), then everything [`super::validate`] checks, the verbatim texts against the plan's
//! source, and the prose warnings. Native only: the web app embeds data checked at build.

use std::fs;
use std::path::{Path, PathBuf};

use serde::de::{DeserializeOwned, IntoDeserializer};
use serde::Serialize;
use toml_edit::{ImDocument, Item, Value};

use super::date::Date;
use super::policy::{Policy, StatusDefinition};
use super::validate::{measure_kinds, validate, verbatim_problems, Location, Problem, Severity};

/// What [`check_data`] found: every problem, and the plans as far as they could be read.
pub struct Checked {
    pub problems: Vec<Problem>,
    /// One per folder of `plans/`, in folder order (records that could not be read left out).
    pub plans: Vec<Policy>,
}

impl Checked {
    pub fn errors(&self) -> usize {
        self.problems.iter().filter(|p| p.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.problems.len() - self.errors()
    }
}

/// The report `incentives validate` prints: errors first, then warnings, then a count; "OK"
/// with what the data holds when there is no problem.
pub fn validation_report(checked: &Checked) -> String {
    let mut out = String::new();
    let (errors, warnings) = (checked.errors(), checked.warnings());
    for problem in checked.problems.iter().filter(|p| p.is_error()) {
        out.push_str(&format!("error: {problem}\n"));
    }
    for problem in checked.problems.iter().filter(|p| !p.is_error()) {
        out.push_str(&format!("{problem}\n"));
    }
    for policy in checked.plans.iter().filter(|p| !p.meta.id.is_empty()) {
        let kinds: Vec<String> =
            measure_kinds(policy).iter().map(|(kind, n)| format!("{n} {kind}")).collect();
        out.push_str(&format!(
            "plan {} (data_version {}, status {}): {} measures ({}), {} incentives, {} questions\n",
            policy.meta.id,
            policy.meta.data_version,
            policy.meta.status,
            policy.measures.len(),
            kinds.join(", "),
            policy.incentives.len(),
            policy.facts.len()
        ));
    }
    if errors == 0 && warnings == 0 {
        out.push_str("plan data OK: no errors, no warnings\n");
    } else {
        out.push_str(&format!(
            "{}, {}{}\n",
            count(errors, "error", "errors"),
            count(warnings, "warning", "warnings"),
            if errors > 0 {
                ": the app will not build or run on this data until the errors are fixed"
            } else {
                ": warnings do not stop the app, but read each one"
            }
        ));
    }
    out
}

/// "1 error", "2 errors".
pub fn count(n: usize, one: &str, other: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { other })
}

/// One parsed file: its name as shown and its text.
struct Parsed {
    shown: String,
    text: String,
}

/// One record of a file (`[meta]`, one `[[incentives]]`…), for finding lines later.
struct Record {
    file: usize,
    key: &'static str,
    value: Value,
    start: usize,
}

/// The data folder's files and records, while checking.
#[derive(Default)]
struct Reader {
    files: Vec<Parsed>,
    records: Vec<Record>,
    problems: Vec<Problem>,
    /// Fields removed after their type error was reported.
    set_aside: Vec<SetAsideField>,
}

/// A field removed from a record (index into `records`): its key, and the span of the table
/// that held it (None for a record's own table, which has none once read as one value).
struct SetAsideField {
    record: usize,
    table: Option<std::ops::Range<usize>>,
    key: String,
}

/// Checks the data folder `dir` (holding `statuses.toml` and `plans/<plan>/`).
pub fn check_data(dir: &Path) -> Checked {
    let mut problems = Vec::new();
    let mut plans = Vec::new();
    let mut read = Vec::new();
    let statuses_path = dir.join("statuses.toml");
    let mut statuses_reader = Reader::default();
    let statuses: Vec<StatusDefinition> = statuses_reader.read_file(&statuses_path, "statuses");
    problems.append(&mut statuses_reader.problems);
    let folders = plan_folders(dir);
    if folders.is_empty() {
        problems.push(file_problem(
            &dir.join("plans").display().to_string(),
            "there is no plan folder (plans/<plan id>/ with plan.toml, incentives.toml, measures/ and source/)",
        ));
    }
    for folder in folders {
        if !folder.join("plan.toml").is_file() {
            // Not a plan folder (the build reads only folders with a plan.toml): say so.
            let shown = folder.display().to_string();
            problems.push(Problem {
                severity: Severity::Warning,
                at: None,
                ..file_problem(&shown, "has no plan.toml, so it is not read as a plan: add plan.toml, or move the folder out of plans/")
            });
            continue;
        }
        let (policy, mut found, id_at) = check_plan(&folder, &statuses, &statuses_reader);
        problems.append(&mut found);
        let folder_name =
            folder.file_name().map_or(String::new(), |n| n.to_string_lossy().into_owned());
        read.push(ReadPlan { folder, folder_name, id: policy.meta.id.clone(), id_at });
        plans.push(policy);
    }
    problems.extend(identity_problems(&read));
    Checked { problems, plans }
}

/// A plan folder as read, for the checks across plans.
struct ReadPlan {
    folder: PathBuf,
    /// The folder's own name, `plans/<folder_name>/`.
    folder_name: String,
    id: String,
    /// Where `[meta] id` is written.
    id_at: Option<Location>,
}

/// Each plan needs an id of its own: saved answers, links and the plan choice name a plan by
/// it, and a second plan of the same id (the likely slip after copying a folder to start the
/// next plan) would hide one of them. An id that is not its folder's name misleads whoever
/// looks for the plan's files.
fn identity_problems(read: &[ReadPlan]) -> Vec<Problem> {
    let mut problems = Vec::new();
    for plan in read.iter().filter(|p| !p.id.trim().is_empty()) {
        let folder_name = &plan.folder_name;
        let shared: Vec<String> = read
            .iter()
            .filter(|other| other.folder != plan.folder && other.id == plan.id)
            .map(|other| format!("plans/{}/", other.folder_name))
            .collect();
        let (severity, message) = if !shared.is_empty() {
            let fix = if *folder_name != plan.id {
                format!("if this is the new plan, write id = \"{folder_name}\" (its folder's name)")
            } else {
                format!("give the new plan in {} an id of its own", shared.join(", "))
            };
            (
                Severity::Error,
                format!(
                    "id \"{}\" is also the id of {}: each plan needs an id of its own (saved answers and links name their plan by it): {fix}",
                    plan.id,
                    shared.join(", ")
                ),
            )
        } else if *folder_name != plan.id {
            (
                Severity::Warning,
                format!(
                    "id \"{}\" is not the name of its folder, plans/{folder_name}/: rename the folder to plans/{}/, or, for a new plan, write id = \"{folder_name}\"",
                    plan.id, plan.id
                ),
            )
        } else {
            continue;
        };
        let plan_toml = plan.folder.join("plan.toml").display().to_string();
        problems.push(Problem {
            place: format!("{plan_toml}: [meta]"),
            message,
            severity,
            at: plan.id_at.clone(),
            absent: Vec::new(),
        });
    }
    problems
}

/// The plan in `dir/plans/<folder>/` ready to evaluate, or the errors that stop it (the
/// warnings are left to `incentives validate`). Without a folder name, the only plan.
pub fn load_plan(dir: &Path) -> Result<Policy, Vec<Problem>> {
    let mut checked = check_data(dir);
    let errors: Vec<Problem> = checked.problems.into_iter().filter(Problem::is_error).collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    match checked.plans.len() {
        1 => Ok(checked.plans.remove(0)),
        n => Err(vec![file_problem(
            &dir.join("plans").display().to_string(),
            &format!("there are {n} plans; evaluating a folder needs exactly one"),
        )]),
    }
}

fn plan_folders(dir: &Path) -> Vec<PathBuf> {
    let mut folders: Vec<PathBuf> = fs::read_dir(dir.join("plans"))
        .map(|entries| {
            entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_dir()).collect()
        })
        .unwrap_or_default();
    folders.sort();
    folders
}

fn file_problem(file: &str, message: &str) -> Problem {
    Problem {
        place: file.to_owned(),
        message: message.to_owned(),
        severity: Severity::Error,
        at: Some(Location { file: file.to_owned(), line: 1, column: 1 }),
        absent: Vec::new(),
    }
}

fn check_plan(
    folder: &Path,
    statuses: &[StatusDefinition],
    statuses_reader: &Reader,
) -> (Policy, Vec<Problem>, Option<Location>) {
    let mut reader = Reader::default();
    let mut policy = Policy::default();
    let plan_toml = folder.join("plan.toml");
    let mut files = vec![plan_toml.clone(), folder.join("incentives.toml")];
    let measure_files = super::plan_files::measure_files(folder);
    if measure_files.is_empty() {
        reader.problems.push(file_problem(
            &folder.join("measures").display().to_string(),
            "there are no measure files (measures/*.toml)",
        ));
    }
    files.extend(measure_files);
    let mut unparsed = 0;
    for path in files {
        let Some(doc) = reader.parse(&path) else {
            unparsed += 1;
            continue;
        };
        let file = reader.files.len() - 1;
        for (key, item) in doc.iter() {
            match key {
                "meta" => policy.meta = reader.one(file, "meta", item).unwrap_or(policy.meta),
                "goals" => policy.goals = reader.one(file, "goals", item).unwrap_or(policy.goals),
                "counties" => policy.counties.extend(reader.many(file, "counties", item)),
                "industries" => policy.industries.extend(reader.many(file, "industries", item)),
                "units" => policy.units.extend(reader.many(file, "units", item)),
                "measures" => policy.measures.extend(reader.many(file, "measures", item)),
                "steps" => policy.steps.extend(reader.many(file, "steps", item)),
                "facts" => policy.facts.extend(reader.many(file, "facts", item)),
                "incentives" => policy.incentives.extend(reader.many(file, "incentives", item)),
                other => {
                    const KNOWN: [&str; 9] = [
                        "meta",
                        "goals",
                        "counties",
                        "industries",
                        "units",
                        "measures",
                        "steps",
                        "facts",
                        "incentives",
                    ];
                    let at = doc.key(other).and_then(|k| k.span()).map_or(0, |s| s.start);
                    let message = unknown_key_message(other, &KNOWN);
                    reader.problem_at(file, at, Severity::Error, other, message);
                }
            }
        }
    }
    policy.statuses = statuses.to_vec();
    policy.resolve_status();
    policy.reindex();
    let id_at = reader.locate(&Problem {
        message: "id".to_owned(),
        ..file_problem(&format!("{}: [meta]", plan_toml.display()), "")
    });

    if unparsed > 0 {
        // Without a whole file, the checks across files would report its contents as missing:
        // noise that hides the syntax error. They run once every file reads.
        let folder = folder.display().to_string();
        reader.problems.push(Problem {
            at: None,
            ..file_problem(
            &folder,
            &format!("the checks across files (references, measure numbers, verbatim texts, figures) wait until every file of the plan is valid TOML: fix the syntax {} above, then run validate again", if unparsed == 1 { "error" } else { "errors" }),
        )
        });
        return (policy, reader.problems, id_at);
    }
    let mut found = validate(&policy);
    found.extend(verbatim_problems(&policy, &source_text(folder)));
    for mut problem in found {
        problem.at = reader.locate(&problem).or_else(|| statuses_reader.locate(&problem));
        // "has neither value nor …" after "`50万` is not a decimal number" in the same table
        // repeats it, and would send the officer looking for a value that is there.
        if !reader.repeats_a_type_error(&problem) && !statuses_reader.repeats_a_type_error(&problem)
        {
            reader.problems.push(problem);
        }
    }
    (policy, reader.problems, id_at)
}

/// The plan's source text: every `.txt` file of `source/`.
fn source_text(folder: &Path) -> String {
    let mut paths: Vec<PathBuf> = fs::read_dir(folder.join("source"))
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.sort();
    paths
        .iter()
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .filter_map(|p| fs::read_to_string(p).ok())
        .collect()
}

impl Reader {
    /// Reads and parses a file; a syntax error is a problem with its line, and `None`.
    fn parse(&mut self, path: &Path) -> Option<toml_edit::Table> {
        let shown = path.display().to_string();
        let text = match fs::read_to_string(path) {
            Ok(text) => text,
            Err(error) => {
                self.problems.push(file_problem(&shown, &format!("cannot be read: {error}")));
                return None;
            }
        };
        match ImDocument::parse(text.clone()) {
            Ok(doc) => {
                let table = doc.as_table().clone();
                self.files.push(Parsed { shown, text });
                Some(table)
            }
            Err(error) => {
                let offset = error.span().map_or(0, |s| s.start);
                let (line, column) = line_column(&text, offset);
                let first = error.message().lines().next().unwrap_or("").trim().to_owned();
                self.problems.push(Problem {
                    place: shown.clone(),
                    message: format!(
                        "this is not valid TOML ({first}): check the quotes, brackets and commas on this line; nothing else in this file was checked"
                    ),
                    severity: Severity::Error,
                    at: Some(Location { file: shown, line, column }),
                    absent: Vec::new(),
                });
                None
            }
        }
    }

    /// A whole file of one kind of record (`statuses.toml`).
    fn read_file<T: DeserializeOwned + Serialize + Default>(
        &mut self,
        path: &Path,
        key: &'static str,
    ) -> Vec<T> {
        let Some(doc) = self.parse(path) else { return Vec::new() };
        let file = self.files.len() - 1;
        let mut out = Vec::new();
        for (name, item) in doc.iter() {
            if name == key {
                out.extend(self.many(file, key, item));
            } else {
                let at = doc.key(name).and_then(|k| k.span()).map_or(0, |s| s.start);
                self.problem_at(file, at, Severity::Error, name, unknown_key_message(name, &[key]));
            }
        }
        out
    }

    /// A single table (`[meta]`).
    fn one<T: DeserializeOwned + Serialize>(
        &mut self,
        file: usize,
        key: &'static str,
        item: &Item,
    ) -> Option<T> {
        let (value, start) = as_value(item)?;
        self.record(file, key, value, start)
    }

    /// An array of tables (`[[measures]]`).
    fn many<T: DeserializeOwned + Serialize>(
        &mut self,
        file: usize,
        key: &'static str,
        item: &Item,
    ) -> Vec<T> {
        let values: Vec<(Value, usize)> = match item {
            Item::ArrayOfTables(array) => array
                .iter()
                .map(|t| {
                    let start = t.span().map_or(0, |s| s.start);
                    (Value::InlineTable(t.clone().into_inline_table()), start)
                })
                .collect(),
            Item::Value(Value::Array(array)) => {
                array.iter().map(|v| (v.clone(), v.span().map_or(0, |s| s.start))).collect()
            }
            other => {
                let at = other.span().map_or(0, |s| s.start);
                self.problem_at(
                    file,
                    at,
                    Severity::Error,
                    key,
                    format!("{key} must be a list of tables: write each one under [[{key}]]"),
                );
                return Vec::new();
            }
        };
        values
            .into_iter()
            .filter_map(|(value, start)| self.record(file, key, value, start))
            .collect()
    }

    /// One record, read as its type: a type error is a problem at its line; a key the type
    /// does not have is a problem with the nearest known key.
    fn record<T: DeserializeOwned + Serialize>(
        &mut self,
        file: usize,
        key: &'static str,
        value: Value,
        start: usize,
    ) -> Option<T> {
        self.records.push(Record { file, key, value: value.clone(), start });
        // Each type error is reported, then set aside (a figure without quotes is read as if
        // quoted, anything else is dropped) and the record read again: every error at once,
        // and the record's other fields still checked.
        let mut value = value;
        let mut removed_here: Vec<String> = Vec::new();
        for _ in 0..32 {
            match T::deserialize(value.clone().into_deserializer()) {
                Ok(record) => {
                    if let Ok(json) = serde_json::to_value(&record) {
                        self.unknown_keys(file, &value, &json);
                    }
                    return Some(record);
                }
                Err(error) => {
                    let span = error.span();
                    let at = span.clone().map_or(start, |s| s.start);
                    let literal = span
                        .clone()
                        .and_then(|s| self.files[file].text.get(s))
                        .unwrap_or("")
                        .to_owned();
                    // `en = true` set aside leaves `{ zh = "…" }` without `en`: already reported.
                    let repeat = removed_here
                        .iter()
                        .any(|k| error.message() == format!("missing field `{k}`"));
                    if !repeat {
                        let message = type_error_fix(error.message(), &literal);
                        self.problem_at(
                            file,
                            at,
                            Severity::Error,
                            &record_name(key, &value),
                            message,
                        );
                    }
                    match span.and_then(|span| set_aside(&mut value, &span, &literal)) {
                        None => return None,
                        Some(SetAside::Quoted) => {}
                        Some(SetAside::Removed { key, table }) => {
                            removed_here.push(key.clone());
                            let record = self.records.len() - 1;
                            self.set_aside.push(SetAsideField { record, table, key });
                        }
                    }
                }
            }
        }
        None
    }

    fn unknown_keys(&mut self, file: usize, value: &Value, json: &serde_json::Value) {
        match (value, json) {
            (Value::InlineTable(table), serde_json::Value::Object(known)) => {
                for (name, child) in table.iter() {
                    match known.get(name) {
                        Some(json) => self.unknown_keys(file, child, json),
                        None => {
                            let at = table
                                .key(name)
                                .and_then(|k| k.span())
                                .or_else(|| child.span())
                                .map_or(0, |s| s.start);
                            let keys: Vec<&str> = known.keys().map(String::as_str).collect();
                            self.problem_at(
                                file,
                                at,
                                Severity::Error,
                                name,
                                unknown_key_message(name, &keys),
                            );
                        }
                    }
                }
            }
            (Value::Array(array), serde_json::Value::Array(known)) => {
                for (child, json) in array.iter().zip(known) {
                    self.unknown_keys(file, child, json);
                }
            }
            _ => {}
        }
    }

    fn problem_at(
        &mut self,
        file: usize,
        offset: usize,
        severity: Severity,
        what: &str,
        message: String,
    ) {
        let parsed = &self.files[file];
        let (line, column) = line_column(&parsed.text, offset);
        self.problems.push(Problem {
            place: format!("{}: {what}", parsed.shown),
            message,
            severity,
            at: Some(Location { file: parsed.shown.clone(), line, column }),
            absent: Vec::new(),
        });
    }

    /// The record a problem [`validate`] found is in, the table inside it that its place names
    /// (a param, a condition; None for a place that is only a file), that table's offset, and
    /// the field its message starts with (`title: …`, `status "x" …`, `summary.zh says …`).
    fn resolve(&self, problem: &Problem) -> Option<(&Record, Option<&Value>, usize, String)> {
        let place = problem.place.split_once(": ").map_or("", |(_, rest)| rest);
        let mut segments = place.split(", ");
        let first = segments.next().unwrap_or("");
        let (record, mut value) = match self.find_record(first, &problem.message) {
            Some(record) => (Some(record), Some(&record.value)),
            None => (None, None),
        };
        let record = record.or_else(|| self.file_of(&problem.place))?;
        let mut offset = record.start;
        for segment in segments {
            let (kind, id) = split_segment(segment);
            let found = value.and_then(|v| match kind {
                "param" => table_get(v, "params").and_then(|p| table_get(p, &id)),
                "condition" => table_get(v, "conditions").and_then(|c| find_by(c, "id", &id)),
                "calc" => table_get(v, "calc"),
                _ => None,
            });
            if let Some(found) = found {
                offset = found.span().map_or(offset, |s| s.start);
                value = Some(found);
            }
        }
        let field: String = problem
            .message
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        Some((record, value, offset, field))
    }

    /// Whether `problem` reports as missing a field that this reader removed from the same
    /// table, after reporting its type error there.
    fn repeats_a_type_error(&self, problem: &Problem) -> bool {
        if problem.absent.is_empty() {
            return false;
        }
        let Some((record, value, _, field)) = self.resolve(problem) else { return false };
        // The table the missing field belongs to: the one the place names, or, for a text
        // (`title: the English translation (en) is missing`), the field's own table in it.
        let tables = [value, value.and_then(|v| table_get(v, &field))];
        self.set_aside.iter().any(|removed| {
            std::ptr::eq(&self.records[removed.record], record)
                && problem.absent.contains(&removed.key)
                && tables.iter().flatten().any(|table| table.span() == removed.table)
        })
    }

    /// The file and line of a problem [`validate`] found, from its place and message.
    fn locate(&self, problem: &Problem) -> Option<Location> {
        let (record, value, mut offset, field) = self.resolve(problem)?;
        if let Some(Value::InlineTable(table)) = value {
            if let Some(span) = table.key(&field).and_then(|k| k.span()) {
                offset = span.start;
            }
            // `notes[4]…`: the fourth entry of the list, on its own line.
            let index: Option<usize> = problem.message[field.len()..]
                .strip_prefix('[')
                .and_then(|rest| rest.split(']').next())
                .and_then(|n| n.parse().ok());
            let entry = index.and_then(|i| table.get(&field)?.as_array()?.get(i.checked_sub(1)?));
            if let Some(span) = entry.and_then(Value::span) {
                offset = span.start;
            }
        }
        let parsed = &self.files[record.file];
        let (line, column) = line_column(&parsed.text, offset);
        Some(Location { file: parsed.shown.clone(), line, column })
    }

    /// The record a place's first segment names: `measure 四.2(4)`, `incentive "x"`, `[meta]`.
    fn find_record(&self, segment: &str, message: &str) -> Option<&Record> {
        let (kind, id) = split_segment(segment);
        let (key, field) = match kind {
            "[meta]" => return self.records.iter().find(|r| r.key == "meta"),
            "measure" => ("measures", "number"),
            "incentive" => ("incentives", "id"),
            "fact" => ("facts", "id"),
            "step" => ("steps", "id"),
            "county" => ("counties", "id"),
            "industry" => ("industries", "id"),
            "unit" => ("units", "zh"),
            "status" => ("statuses", "id"),
            "goals.city" | "goals.counties" => {
                return self.records.iter().find(|r| r.key == "goals")
            }
            "" => {
                // A place that is only a file: "county \"x\" is defined twice" names the record.
                let (what, rest) = message.split_once(' ')?;
                let id = rest.split('"').nth(1)?;
                let key = match what {
                    "measure" => "measures",
                    "incentive" => "incentives",
                    "fact" => "facts",
                    "step" => "steps",
                    "county" => "counties",
                    "industry" => "industries",
                    "unit" => "units",
                    "status" => "statuses",
                    _ => return None,
                };
                let field = match key {
                    "units" => "zh",
                    _ => "id",
                };
                return self
                    .records
                    .iter()
                    .rev()
                    .find(|r| r.key == key && has(&r.value, field, id));
            }
            _ => return None,
        };
        self.records.iter().find(|r| r.key == key && has(&r.value, field, &id))
    }

    /// For a place that is only a file, the first record read from that file.
    fn file_of(&self, place: &str) -> Option<&Record> {
        let file = place.split(": ").next()?;
        let name = Path::new(file).file_name()?.to_string_lossy().into_owned();
        let key = match name.as_str() {
            "plan.toml" => "meta",
            "incentives.toml" => "incentives",
            "statuses.toml" => "statuses",
            _ => "measures",
        };
        self.records.iter().find(|r| r.key == key)
    }
}

/// What [`set_aside`] did with a value that had a type error.
enum SetAside {
    /// A number, now the same figure as text.
    Quoted,
    /// Anything else, removed: the key it had (empty for an entry of a list) and the span of
    /// the table or list that held it.
    Removed { key: String, table: Option<std::ops::Range<usize>> },
}

/// Sets aside the value at `span` inside `value`: a number becomes the same figure as text,
/// anything else is removed. None when no value has that span.
fn set_aside(value: &mut Value, span: &std::ops::Range<usize>, literal: &str) -> Option<SetAside> {
    let replacement = |v: &Value| match v {
        Value::Integer(_) | Value::Float(_) => Some(Value::from(literal.trim().replace('_', ""))),
        _ => None,
    };
    match value {
        Value::InlineTable(table) => {
            let mut hit = None;
            for (key, child) in table.iter_mut() {
                if child.span().as_ref() == Some(span) {
                    hit = Some(key.get().to_owned());
                    break;
                }
                if let Some(done) = set_aside(child, span, literal) {
                    return Some(done);
                }
            }
            let key = hit?;
            match table.get(&key).and_then(replacement) {
                Some(text) => {
                    table.insert(&key, text);
                    Some(SetAside::Quoted)
                }
                None => {
                    table.remove(&key);
                    Some(SetAside::Removed { key, table: table.span() })
                }
            }
        }
        Value::Array(array) => {
            let position = array.iter().position(|child| child.span().as_ref() == Some(span));
            if let Some(i) = position {
                return Some(match array.get(i).and_then(replacement) {
                    Some(text) => {
                        array.replace(i, text);
                        SetAside::Quoted
                    }
                    None => {
                        array.remove(i);
                        SetAside::Removed { key: String::new(), table: array.span() }
                    }
                });
            }
            array.iter_mut().find_map(|child| set_aside(child, span, literal))
        }
        _ => None,
    }
}

/// `incentive "x"` → (`incentive`, `x`); `measure 四.2(4)` → (`measure`, `四.2(4)`).
fn split_segment(segment: &str) -> (&str, String) {
    match segment.split_once(' ') {
        Some((kind, rest)) => {
            (kind, rest.split('"').find(|s| !s.trim().is_empty()).unwrap_or(rest).trim().to_owned())
        }
        None => (segment, String::new()),
    }
}

/// A record as validation names it: `incentive "x"`, `measure 四.2(4)`, `[meta]`.
fn record_name(key: &str, value: &Value) -> String {
    let id =
        |field: &str| table_get(value, field).and_then(Value::as_str).unwrap_or("?").to_owned();
    match key {
        "meta" => "[meta]".to_owned(),
        "goals" => "goals".to_owned(),
        "measures" => format!("measure {}", id("number")),
        "units" => format!("unit \"{}\"", id("zh")),
        "counties" => format!("county \"{}\"", id("id")),
        "industries" => format!("industry \"{}\"", id("id")),
        "statuses" => format!("status \"{}\"", id("id")),
        other => format!("{} \"{}\"", other.trim_end_matches('s'), id("id")),
    }
}

fn table_get<'a>(value: &'a Value, key: &str) -> Option<&'a Value> {
    value.as_inline_table()?.get(key)
}

fn has(value: &Value, field: &str, id: &str) -> bool {
    table_get(value, field).and_then(Value::as_str) == Some(id)
}

fn find_by<'a>(array: &'a Value, field: &str, id: &str) -> Option<&'a Value> {
    array.as_array()?.iter().find(|v| has(v, field, id))
}

fn as_value(item: &Item) -> Option<(Value, usize)> {
    let start = item.span().map_or(0, |s| s.start);
    match item {
        Item::Table(table) => Some((Value::InlineTable(table.clone().into_inline_table()), start)),
        Item::Value(value) => Some((value.clone(), start)),
        _ => None,
    }
}

/// Line and column (from 1) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// A type error in plain words, with the fix.
fn type_error_fix(message: &str, literal: &str) -> String {
    let message = message.trim();
    let literal = literal.trim();
    if message.contains("written as a string") && !literal.starts_with('"') {
        return format!("put the figure in quotes: \"{literal}\" (figures are written as text so they stay exact)");
    }
    for lang in ["zh", "en"] {
        if message.contains(&format!("missing field `{lang}`")) {
            let which = if lang == "zh" { "the Chinese text" } else { "the English translation" };
            return format!("{which} is missing: write both, {{ zh = \"…\", en = \"…\" }}");
        }
    }
    if message.contains("expected a boolean") {
        return format!("write true or false, without quotes (not {literal})");
    }
    if message.contains("expected a sequence") {
        return format!("write a list in square brackets, e.g. [\"…\"] (not {literal})");
    }
    if message.contains("is not a decimal number") {
        return format!("{message}{}", decimal_fix(literal.trim_matches('"')));
    }
    if message.contains("is not a date of the form") {
        let fix = date_fix(literal.trim_matches('"'))
            .map_or("write it like \"2026-01-01\"".to_owned(), |d| format!("write \"{d}\""));
        return format!("{message}: {fix}");
    }
    if message.contains("expected a string") || message.contains("expected struct Text") {
        return format!("this value has the wrong type ({message}): compare with a similar entry in the same file");
    }
    format!("{message}: compare with a similar entry in the same file")
}

/// The figure an officer most likely meant by a text that is not a plain decimal: an amount
/// with 万 or 亿 (`50万` → `500000`), a percentage or per mille (`60%` → `0.6`).
fn decimal_fix(text: &str) -> String {
    use super::money::{format_grouped, parse_money, parse_percent};
    let text = text.trim();
    let plain = |d: rust_decimal::Decimal| d.normalize().to_string();
    if text.ends_with(['%', '％', '‰']) {
        if let Ok(rate) = parse_percent(text) {
            return format!(": for the rate {text}, write \"{}\"", plain(rate));
        }
    } else if let Ok(amount) = parse_money(text) {
        return format!(
            ": for an amount of {text} ({} yuan), write \"{}\"",
            format_grouped(amount),
            plain(amount)
        );
    }
    String::new()
}

/// `2026/1/1`, `2026.01.01` or `2026年1月1日` as `2026-01-01`, when it is a day.
fn date_fix(text: &str) -> Option<Date> {
    let parts: Vec<&str> =
        text.split(|c: char| !c.is_ascii_digit()).filter(|p| !p.is_empty()).collect();
    match parts.as_slice() {
        [year, month, day] if year.len() == 4 => {
            Date::new(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
        }
        _ => None,
    }
}

/// An unknown key, with the nearest known one (by edit distance) when one is close.
fn unknown_key_message(key: &str, known: &[&str]) -> String {
    let nearest = known
        .iter()
        .map(|k| (edit_distance(key, k), *k))
        .filter(|(d, k)| *d <= (k.chars().count().max(key.chars().count()) / 2).max(2))
        .min();
    match nearest {
        Some((_, k)) => format!(
            "unknown key `{key}`: did you mean `{k}`? (a key this app does not know is not read)"
        ),
        None => {
            let mut list = known.to_vec();
            list.sort_unstable();
            format!("unknown key `{key}` (a key this app does not know is not read): the keys here are {}", list.join(", "))
        }
    }
}

/// Levenshtein distance, by characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous + usize::from(ca != cb);
            previous = row[j + 1];
            row[j + 1] = substitute.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_keys_are_suggested() {
        let message = unknown_key_message("valid_until", &["valid_from", "valid_to", "id"]);
        assert!(message.contains("did you mean `valid_to`"), "{message}");
        assert!(
            unknown_key_message("titel", &["title", "summary"]).contains("did you mean `title`")
        );
        assert!(unknown_key_message("zzz", &["title", "summary"])
            .contains("the keys here are summary, title"));
    }

    #[test]
    fn lines_and_columns_count_from_one() {
        assert_eq!(line_column("a\nbc\n", 3), (2, 2));
        assert_eq!(line_column("中文\nx", 7), (2, 1));
    }
}
