//! The plan data, checked natively: the embedded data has no problem at all, measure texts are
//! verbatim from the source, and `validate` does catch each kind of mistake (on edited copies).

use std::fs;
use std::path::Path;

use qinzhou_incentives::engine::lang::Text;
use qinzhou_incentives::engine::policy::{Calc, Test};
use qinzhou_incentives::engine::validate::{validate, verbatim_problems, MEASURE_NUMBERS};
use qinzhou_incentives::engine::Policy;

fn fresh_copy() -> Policy {
    Policy::from_json(Policy::embedded_json()).expect("the embedded plan data parses")
}

/// The messages of `validate`, one per line, for assertions.
fn problems(policy: &Policy) -> String {
    validate(policy).iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
}

fn assert_reports(policy: &Policy, expected: &str) {
    let all = problems(policy);
    assert!(all.contains(expected), "expected a problem containing {expected:?}, got:\n{all}");
}

#[test]
fn the_embedded_plan_data_has_no_problems() {
    let policy = Policy::embedded().expect("the embedded plan data parses");
    let problems = validate(policy);
    assert!(
        problems.is_empty(),
        "{} problem(s) in the plan data:\n{}",
        problems.len(),
        problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn all_forty_measures_are_there_with_the_plans_numbers() {
    let policy = Policy::embedded().expect("the embedded plan data parses");
    let mut numbers: Vec<&str> = policy.measures.iter().map(|m| m.number.as_str()).collect();
    numbers.sort_unstable();
    let mut expected = MEASURE_NUMBERS.to_vec();
    expected.sort_unstable();
    assert_eq!(numbers, expected);
}

#[test]
fn every_measure_text_is_verbatim_from_the_source() {
    let policy = Policy::embedded().expect("the embedded plan data parses");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data/plans/qinzhou-yixianyiye-2023-2025/source");
    let mut source = String::new();
    for entry in fs::read_dir(dir).expect("data/plans/qinzhou-yixianyiye-2023-2025/source exists") {
        let path = entry.expect("a readable entry").path();
        if path.extension().is_some_and(|x| x == "txt") {
            source.push_str(&fs::read_to_string(&path).expect("a readable source file"));
        }
    }
    let problems = verbatim_problems(policy, &source);
    assert!(
        problems.is_empty(),
        "{}",
        problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn the_plan_is_a_draft_valid_from_2023_to_2025() {
    let policy = Policy::embedded().expect("the embedded plan data parses");
    assert!(policy.meta.is_draft());
    assert_eq!(policy.meta.valid_from.map(|d| d.to_string()).as_deref(), Some("2023-01-01"));
    assert_eq!(policy.meta.valid_to.map(|d| d.to_string()).as_deref(), Some("2025-12-31"));
}

#[test]
fn a_changed_verbatim_text_is_caught() {
    let mut policy = fresh_copy();
    policy.measures[0].text.zh.push_str("（编者添加）");
    let source =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(
            "data/plans/qinzhou-yixianyiye-2023-2025/source/qinzhou-yixianyiye-2023-2025.txt",
        ))
        .expect("the source file");
    assert_eq!(verbatim_problems(&policy, &source).len(), 1);
}

#[test]
fn a_missing_translation_is_caught() {
    let mut policy = fresh_copy();
    policy.measures[3].title.en.clear();
    policy.incentives[0].notes.push(Text::new("解读", ""));
    let number = policy.measures[3].number.clone();
    assert_reports(
        &policy,
        &format!("measure {number}: title: the English translation (en) is missing"),
    );
    assert_reports(&policy, "notes[");
}

#[test]
fn a_parameter_without_a_clause_or_with_an_unknown_clause_is_caught() {
    let mut policy = fresh_copy();
    let incentive = policy.incentives.iter_mut().find(|i| !i.params.is_empty()).expect("params");
    let mut params = incentive.params.values_mut();
    params.next().expect("a param").clause.clear();
    if let Some(second) = params.next() {
        second.clause = "九.9".to_owned();
    }
    assert_reports(&policy, "has no clause");
    if incentive_param_count(&policy) > 1 {
        assert_reports(&policy, "clause \"九.9\" is not a measure number of the plan");
    }
}

fn incentive_param_count(policy: &Policy) -> usize {
    policy.incentives.iter().find(|i| !i.params.is_empty()).map_or(0, |i| i.params.len())
}

#[test]
fn a_measure_count_other_than_forty_is_caught() {
    let mut policy = fresh_copy();
    let removed = policy.measures.pop().expect("a measure").number;
    policy.reindex();
    assert_reports(&policy, "there are 39 measures; the plan has 40");
    assert_reports(&policy, &format!("measure {removed} is missing"));
}

#[test]
fn a_measure_number_the_plan_does_not_have_is_caught() {
    let mut policy = fresh_copy();
    policy.measures[0].number = "四.9(9)".to_owned();
    policy.reindex();
    assert_reports(&policy, "measure 四.9(9): the plan has no measure with this number");
}

#[test]
fn a_unit_missing_from_the_units_table_is_caught() {
    let mut policy = fresh_copy();
    policy.measures[0].lead_units.push("市不存在局".to_owned());
    assert_reports(&policy, "unit \"市不存在局\" has no English name");
}

#[test]
fn references_to_missing_or_mistyped_facts_are_caught() {
    let mut policy = fresh_copy();
    let incentive = policy
        .incentives
        .iter_mut()
        .find(|i| i.conditions.len() >= 2)
        .expect("an incentive with two conditions");
    incentive.conditions[0].test = Test::IsTrue { fact: "no_such_fact".to_owned() };
    let bool_fact = "in_park".to_owned();
    incentive.conditions[1].test =
        Test::AtLeast { fact: bool_fact, param: "no_such_param".to_owned() };
    assert_reports(&policy, "fact \"no_such_fact\" is not in [[facts]]");
    assert_reports(&policy, "fact \"in_park\" is bool, expected money or count or percent");
    assert_reports(&policy, "param \"no_such_param\" is not in this incentive's params");
}

#[test]
fn a_formula_reading_a_missing_fact_is_caught() {
    let mut policy = fresh_copy();
    let incentive = policy
        .incentives
        .iter_mut()
        .find(|i| matches!(i.calc, Calc::RateOfBase { .. }))
        .expect("a rate-of-base incentive");
    if let Calc::RateOfBase { base, .. } = &mut incentive.calc {
        *base = "no_such_base".to_owned();
    }
    assert_reports(&policy, "calc: fact \"no_such_base\" is not in [[facts]]");
}

#[test]
fn unknown_applicant_types_and_incentive_measures_are_caught() {
    let mut policy = fresh_copy();
    policy.measures[0].beneficiaries.push("astronaut".to_owned());
    policy.incentives[0].measure = "七.1".to_owned();
    assert_reports(&policy, "beneficiaries: \"astronaut\" is not an applicant type");
    assert_reports(&policy, "measure \"七.1\" is not a measure of the plan");
}

#[test]
fn every_problem_is_reported_at_once() {
    let mut policy = fresh_copy();
    policy.measures[0].title.en.clear();
    policy.measures[1].text.zh.clear();
    policy.facts[0].question.en.clear();
    policy.incentives[0].title.zh.clear();
    policy.measures.pop();
    policy.reindex();
    let count = validate(&policy).len();
    assert!(
        count >= 6,
        "expected at least 6 problems at once, got {count}:\n{}",
        problems(&policy)
    );
}

#[test]
fn numbers_written_without_quotes_are_refused_with_a_clear_message() {
    let json = Policy::embedded_json().replacen("\"value\":\"0.5\"", "\"value\":0.5", 1);
    assert_ne!(json, Policy::embedded_json(), "the data has a 0.5 parameter to edit");
    let error = Policy::from_json(&json).expect_err("a bare number is refused");
    assert!(error.message.contains("string"), "{}", error.message);
}

#[test]
fn duplicate_ids_are_caught() {
    let mut policy = fresh_copy();
    let copy = policy.incentives[0].clone();
    policy.incentives.push(copy);
    assert_reports(&policy, "is defined twice");
}
