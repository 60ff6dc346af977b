//! Runs the case files in `tests/cases/*.toml`: one file per incentive, each case a profile and
//! the outcome the plan's text implies, named by a sentence. All failures are reported at once.
//!
//! A case file:
//! ```toml
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

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use qinzhou_incentives::engine::lang::Lang;
use qinzhou_incentives::engine::report::{Bound, IncentiveResult};
use qinzhou_incentives::engine::trace::{render_trace, HintKind};
use qinzhou_incentives::engine::{evaluate, ApplicantType, Date, Policy, Profile, Status};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseFile {
    incentive: String,
    #[serde(default)]
    base: ProfilePart,
    cases: Vec<Case>,
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProfilePart {
    applicant: Option<String>,
    county: Option<String>,
    industry: Option<String>,
    year: Option<u16>,
    #[serde(default)]
    answers: BTreeMap<String, toml::Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    applicant: Option<String>,
    county: Option<String>,
    industry: Option<String>,
    year: Option<u16>,
    #[serde(default)]
    answers: BTreeMap<String, toml::Value>,
    #[serde(default)]
    unanswer: Vec<String>,
    as_of: Option<String>,
    expect: Expect,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    status: String,
    amount: Option<String>,
    amount_min: Option<String>,
    amount_max: Option<String>,
    amount_kind: Option<String>,
    bound: Option<String>,
    hint: Option<String>,
    hint_value: Option<String>,
    trace_en: Option<String>,
    missing: Option<Vec<String>>,
    shared_cap: Option<bool>,
    note_contains: Option<String>,
    payer_contains: Option<String>,
    shared_cap_contains: Option<String>,
}

fn case_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases")
}

fn case_files() -> Vec<(String, CaseFile)> {
    let mut paths: Vec<PathBuf> = fs::read_dir(case_dir())
        .expect("tests/cases exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let text = fs::read_to_string(&path).unwrap();
            let file: CaseFile =
                toml::from_str(&text).unwrap_or_else(|e| panic!("tests/cases/{name}: {e}"));
            (name, file)
        })
        .collect()
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
        "answers": serde_json::to_value(answers).unwrap(),
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
    let contains = |text: Option<&qinzhou_incentives::engine::lang::Text>, want: &str| {
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

#[test]
fn every_case_file_passes() {
    let policy = Policy::embedded().expect("the embedded plan data parses");
    let default_day = Date::new(2024, 6, 1).unwrap();
    let mut failures = Vec::new();
    let mut count = 0;
    for (file_name, file) in case_files() {
        if policy.incentive(&file.incentive).is_none() {
            failures
                .push(format!("{file_name}: incentive \"{}\" is not in the data", file.incentive));
            continue;
        }
        for case in &file.cases {
            count += 1;
            let place = format!("{file_name}: “{}”", case.name);
            let profile = match Profile::from_json_with(policy, &profile_json(&file.base, case)) {
                Ok(profile) => profile,
                Err(e) => {
                    failures.push(format!("{place}: the profile is invalid: {e}"));
                    continue;
                }
            };
            let day = match case.as_of.as_deref().map(Date::parse) {
                None => default_day,
                Some(Ok(day)) => day,
                Some(Err(e)) => {
                    failures.push(format!("{place}: {e}"));
                    continue;
                }
            };
            let report = evaluate(policy, &profile, day);
            let Some(result) = report.result(&file.incentive) else {
                failures.push(format!("{place}: no result for the incentive"));
                continue;
            };
            for wrong in check(result, &case.expect) {
                failures.push(format!("{place}: {wrong}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {count} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(count > 0, "no cases found in tests/cases");
}

#[test]
fn every_incentive_with_a_formula_has_a_case_file_with_an_other_applicant_case() {
    let policy = Policy::embedded().expect("the embedded plan data parses");
    let files = case_files();
    let mut problems = Vec::new();
    for incentive in &policy.incentives {
        if matches!(incentive.calc, qinzhou_incentives::engine::policy::Calc::None) {
            continue;
        }
        let Some((name, file)) = files.iter().find(|(_, f)| f.incentive == incentive.id) else {
            problems
                .push(format!("incentive \"{}\" has no case file in tests/cases", incentive.id));
            continue;
        };
        if !file.cases.iter().any(|c| c.expect.status == Status::NotApplicable.id()) {
            problems
                .push(format!("{name}: no case for an applicant type the incentive is not for"));
        }
        if !file.cases.iter().any(|c| c.expect.status == Status::Eligible.id()) {
            problems.push(format!("{name}: no eligible case"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_cases_cover_every_applicant_type() {
    let files = case_files();
    let used: Vec<String> = files
        .iter()
        .flat_map(|(_, f)| {
            let base = f.base.applicant.clone();
            f.cases.iter().filter_map(move |c| c.applicant.clone().or_else(|| base.clone()))
        })
        .collect();
    for applicant in ApplicantType::ALL {
        assert!(
            used.iter().any(|a| a == applicant.id()),
            "no case for applicant type {}",
            applicant.id()
        );
    }
}
