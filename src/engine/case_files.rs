//! The case files (`tests/cases/*.toml`): one file per incentive, each case a profile and the
//! outcome the plan's text implies, named by a sentence. `cargo test` and
//! `incentives validate --cases tests/cases` run them through [`check_case_dir`], so a case the
//! data no longer satisfies reads "update the case <file>: <case>: …" in both.
//!
//! A case file:
//! ```toml
//! plan = "qinzhou-yixianyiye-2023-2025"   # the plan's id, and the data_version the cases
//! data_version = "1.0.0"                   # were written for
//! incentive = "enterprise_led_investment_reward"
//! [base]                      # a profile every case starts from (optional)
//! applicant = "enterprise"
//! county = "pubei"
//! industry = "tangerine_peel"
//! answers = { led_project_investment = "600000000" }
//!
//! [[cases]]
//! name = "a Pubei peel firm bringing in 6亿 gets 2‰ capped at 50万"
//! answers = { led_project_fai_this_year = "600000000" }   # merged over base.answers
//! unanswer = ["led_project_in_production"]                  # removed from base.answers
//! expect = { status = "eligible", amount = "500000", bound = "cap" }
//! ```
//! `expect` keys: `status` (required); `amount` (exact) or `amount_min` / `amount_max`;
//! `amount_kind` (exact | range | up_to | no_amount_in_plan | not_computed); `bound`
//! (cap | threshold | deduction_exceeds_base | none); `hint` (unlocks | cap_reached_at |
//! cap_already_binds | none) with `hint_value`; `trace_en` (the rendered English trace);
//! `missing` (fact ids still to answer, in order); `shared_cap` (true when the cap is shared
//! by a whole county); `note_contains`, `payer_contains`, `shared_cap_contains` (text that a
//! note, the payer or the shared-cap text shown to the user contains, in either language: the
//! reading a case relies on is written next to the data). `unanswer` may name `applicant`,
//! `county` or `industry` to clear them. `year` (in `[base]` or a case) is the activity year.
//! `as_of` (a case) is the day of the evaluation; without it, 1 June of the plan's middle year.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::lang::Lang;
use super::report::{Bound, IncentiveResult};
use super::trace::{render_trace, HintKind};
use super::validate::{Location, Problem, Severity};
use super::{evaluate, Date, Policy, Profile};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseFile {
    /// The plan (its `id`) and the `data_version` the cases were written for.
    pub plan: String,
    pub data_version: String,
    pub incentive: String,
    #[serde(default)]
    pub base: ProfilePart,
    pub cases: Vec<Case>,
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfilePart {
    pub applicant: Option<String>,
    pub county: Option<String>,
    pub industry: Option<String>,
    pub year: Option<u16>,
    #[serde(default)]
    pub answers: BTreeMap<String, serde_json::Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub name: String,
    pub applicant: Option<String>,
    pub county: Option<String>,
    pub industry: Option<String>,
    pub year: Option<u16>,
    #[serde(default)]
    pub answers: BTreeMap<String, serde_json::Value>,
    #[serde(default)]
    pub unanswer: Vec<String>,
    pub as_of: Option<String>,
    pub expect: Expect,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    pub status: String,
    pub amount: Option<String>,
    pub amount_min: Option<String>,
    pub amount_max: Option<String>,
    pub amount_kind: Option<String>,
    pub bound: Option<String>,
    pub hint: Option<String>,
    pub hint_value: Option<String>,
    pub trace_en: Option<String>,
    pub missing: Option<Vec<String>>,
    pub shared_cap: Option<bool>,
    pub note_contains: Option<String>,
    pub payer_contains: Option<String>,
    pub shared_cap_contains: Option<String>,
}

/// The case files of a folder, in name order: (file shown, its text, the file) or a problem.
pub fn read_case_dir(dir: &Path) -> (Vec<(String, String, CaseFile)>, Vec<Problem>) {
    let mut paths: Vec<PathBuf> = fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.retain(|p| p.extension().is_some_and(|x| x == "toml"));
    paths.sort();
    let mut files = Vec::new();
    let mut problems = Vec::new();
    if paths.is_empty() {
        problems.push(problem(
            &dir.display().to_string(),
            1,
            "there are no case files (*.toml) here".to_owned(),
        ));
    }
    for path in paths {
        let shown = path.display().to_string();
        let text = match fs::read_to_string(&path) {
            Ok(text) => text,
            Err(error) => {
                problems.push(problem(&shown, 1, format!("cannot be read: {error}")));
                continue;
            }
        };
        match toml_edit::de::from_str::<CaseFile>(&text) {
            Ok(file) => files.push((shown, text, file)),
            Err(error) => {
                let line = error.span().map_or(1, |s| line_of(&text, s.start));
                let message = error.message().trim().to_owned();
                problems.push(problem(
                    &shown,
                    line,
                    format!("this case file cannot be read: {message}"),
                ));
            }
        }
    }
    (files, problems)
}

/// Runs every case file of `dir` written for this plan (its `plan` is the plan's id) and
/// reports each case the data no longer satisfies: "update the case <file>: <case>: …".
pub fn check_case_dir(policy: &Policy, dir: &Path) -> Vec<Problem> {
    let (files, mut problems) = read_case_dir(dir);
    let default_day = default_day(policy);
    for (shown, text, file) in &files {
        if file.plan != policy.meta.id {
            continue;
        }
        let version = if file.data_version == policy.meta.data_version {
            String::new()
        } else {
            format!(
                " (the case was written for data_version {}; the data is {}: if the data changed on purpose, update the case and its data_version)",
                file.data_version, policy.meta.data_version
            )
        };
        if policy.incentive(&file.incentive).is_none() {
            problems.push(problem(
                shown,
                line_of(text, text.find("incentive").unwrap_or(0)),
                format!(
                    "update the case file {shown}: incentive \"{}\" is not in the data{version}",
                    file.incentive
                ),
            ));
            continue;
        }
        for case in &file.cases {
            let line = text.find(&format!("\"{}\"", case.name)).map_or(1, |at| line_of(text, at));
            let mut fail = |what: String| {
                problems.push(problem(
                    shown,
                    line,
                    format!("update the case {shown}: “{}”: {what}{version}", case.name),
                ));
            };
            let profile = match Profile::from_json_with(policy, &profile_json(&file.base, case)) {
                Ok(profile) => profile,
                Err(e) => {
                    fail(format!("the profile is invalid: {}", e.message(Lang::En)));
                    continue;
                }
            };
            let day = match case.as_of.as_deref().map(Date::parse) {
                None => default_day,
                Some(Ok(day)) => day,
                Some(Err(e)) => {
                    fail(e.to_string());
                    continue;
                }
            };
            let report = evaluate(policy, &profile, day);
            let Some(result) = report.result(&file.incentive) else {
                fail("no result for the incentive".to_owned());
                continue;
            };
            for wrong in check(result, &case.expect) {
                fail(wrong);
            }
        }
    }
    problems
}

/// The day cases are evaluated on unless they say: 1 June of the plan's middle year.
pub fn default_day(policy: &Policy) -> Date {
    let years = policy.meta.years();
    let year = years.get(years.len() / 2).copied().unwrap_or(2024);
    Date::new(year, 6, 1).unwrap_or(Date { year, month: 6, day: 1 })
}

fn problem(file: &str, line: usize, message: String) -> Problem {
    Problem {
        place: file.to_owned(),
        message,
        severity: Severity::Error,
        at: Some(Location { file: file.to_owned(), line, column: 1 }),
        absent: Vec::new(),
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset).unwrap_or(text).matches('\n').count() + 1
}

/// The case's profile as a profile document, read by the real reader (so the cases also
/// exercise `Profile::from_json`).
fn profile_json(base: &ProfilePart, case: &Case) -> String {
    let mut answers = base.answers.clone();
    for fact in &case.unanswer {
        answers.remove(fact);
    }
    answers.extend(case.answers.clone());
    // `unanswer` may also clear the profile's own fields: "applicant", "county", "industry".
    let pick = |field: &str, own: &Option<String>, base: &Option<String>| {
        own.clone().or_else(|| base.clone()).filter(|_| !case.unanswer.iter().any(|f| f == field))
    };
    let document = serde_json::json!({
        "version": 2,
        "name": case.name,
        "applicant": pick("applicant", &case.applicant, &base.applicant),
        "county": pick("county", &case.county, &base.county),
        "industry": pick("industry", &case.industry, &base.industry),
        "year": case.year.or(base.year),
        "answers": serde_json::Value::Object(answers.into_iter().collect()),
    });
    document.to_string()
}

fn check(result: &IncentiveResult<'_>, expect: &Expect) -> Vec<String> {
    let mut wrong = Vec::new();
    let mut compare = |what: &str, got: String, want: &str| {
        if got != want {
            wrong.push(format!("{what}: expected {want}, got {got}"));
        }
    };
    compare("status", result.status.id().to_owned(), &expect.status);
    let text = |d: Option<rust_decimal::Decimal>| {
        d.map_or("null".to_owned(), |d| d.normalize().to_string())
    };
    if let Some(amount) = &expect.amount {
        compare("amount_min", text(result.amount.min()), amount);
        compare("amount_max", text(result.amount.max()), amount);
    }
    if let Some(min) = &expect.amount_min {
        compare("amount_min", text(result.amount.min()), min);
    }
    if let Some(max) = &expect.amount_max {
        compare("amount_max", text(result.amount.max()), max);
    }
    if let Some(kind) = &expect.amount_kind {
        compare("amount_kind", result.amount.kind().to_owned(), kind);
    }
    if let Some(bound) = &expect.bound {
        let got = match result.bound {
            None => "none",
            Some(Bound::Cap { .. }) => "cap",
            Some(Bound::Threshold { .. }) => "threshold",
            Some(Bound::DeductionExceedsBase { .. }) => "deduction_exceeds_base",
        };
        compare("bound", got.to_owned(), bound);
    }
    if let Some(hint) = &expect.hint {
        let got = match result.hint.map(|h| h.kind) {
            None => "none",
            Some(HintKind::Unlocks) => "unlocks",
            Some(HintKind::CapReachedAt) => "cap_reached_at",
            Some(HintKind::CapAlreadyBinds) => "cap_already_binds",
        };
        compare("hint", got.to_owned(), hint);
    }
    if let Some(value) = &expect.hint_value {
        compare("hint_value", text(result.hint.map(|h| h.value)), value);
    }
    if let Some(trace) = &expect.trace_en {
        compare("trace_en", render_trace(&result.trace, Lang::En), trace);
    }
    if let Some(shared) = expect.shared_cap {
        compare("shared_cap", result.shared_cap.is_some().to_string(), &shared.to_string());
    }
    let contains = |text: Option<&super::lang::Text>, want: &str| {
        text.is_some_and(|t| t.zh.contains(want) || t.en.contains(want)).to_string()
    };
    if let Some(want) = &expect.note_contains {
        let any = result.notes.iter().any(|n| contains(Some(n), want) == "true");
        compare(&format!("a note containing \"{want}\""), any.to_string(), "true");
    }
    if let Some(want) = &expect.payer_contains {
        compare(&format!("payer containing \"{want}\""), contains(result.payer, want), "true");
    }
    if let Some(want) = &expect.shared_cap_contains {
        let got = contains(result.shared_cap, want);
        compare(&format!("shared cap containing \"{want}\""), got, "true");
    }
    if let Some(missing) = &expect.missing {
        compare("missing", result.missing.join(","), &missing.join(","));
    }
    wrong
}
