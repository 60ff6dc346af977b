//! Runs the case files in `tests/cases/*.toml` through `engine::case_files::check_case_dir`,
//! the same function `incentives validate --cases tests/cases` runs: one file per incentive,
//! each case a profile and the outcome the plan's text implies, named by a sentence, and each
//! file naming the plan and `data_version` it was written for. The format is documented in
//! src/engine/case_files.rs. All failures are reported at once.

use std::path::{Path, PathBuf};

use qinzhou_incentives::engine::case_files::{check_case_dir, read_case_dir, CaseFile};
use qinzhou_incentives::engine::{ApplicantType, Policy, Status};

fn case_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases")
}

fn case_files() -> Vec<(String, CaseFile)> {
    let (files, problems) = read_case_dir(&case_dir());
    let problems: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    files.into_iter().map(|(name, _, file)| (name, file)).collect()
}

#[test]
fn every_case_file_passes() {
    let policy = Policy::embedded().expect("the embedded plan data parses");
    let failures: Vec<String> =
        check_case_dir(policy, &case_dir()).iter().map(ToString::to_string).collect();
    assert!(failures.is_empty(), "{} case(s) failed:\n{}", failures.len(), failures.join("\n"));
    let count: usize = case_files()
        .iter()
        .filter(|(_, f)| f.plan == policy.meta.id)
        .map(|(_, f)| f.cases.len())
        .sum();
    assert!(count > 0, "no cases for the plan in tests/cases");
}

#[test]
fn a_case_the_data_no_longer_satisfies_says_update_the_case() {
    let mut policy = Policy::from_json(Policy::embedded_json()).expect("the plan parses");
    // Change one figure every case file relies on, as an officer would: a cap.
    let files = case_files();
    let (incentive, param) = policy
        .incentives
        .iter()
        .find_map(|i| match &i.calc {
            qinzhou_incentives::engine::policy::Calc::RateOfBase { cap: Some(cap), .. }
                if files.iter().any(|(_, f)| f.incentive == i.id) =>
            {
                Some((i.id.clone(), cap.clone()))
            }
            _ => None,
        })
        .expect("an incentive with a cap and a case file");
    let cap = policy
        .incentives
        .iter_mut()
        .find(|i| i.id == incentive)
        .and_then(|i| i.params.get_mut(&param))
        .and_then(|p| p.value.as_mut())
        .expect("the cap's value");
    *cap += rust_decimal::Decimal::ONE;
    let failures: Vec<String> =
        check_case_dir(&policy, &case_dir()).iter().map(ToString::to_string).collect();
    assert!(
        failures.iter().any(|f| f.contains("update the case") && f.contains(".toml line ")),
        "{failures:?}"
    );
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
