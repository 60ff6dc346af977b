//! The plan data, checked natively with the very function `incentives validate` runs
//! (`engine::data_files::check_data`): the shipped data has no error and no warning, and each
//! kind of mistake is caught (on edited copies). Expectations come from the data itself, never
//! from figures of today's plan written here.

use std::fs;
use std::path::Path;

use qinzhou_incentives::engine::data_files::check_data;
use qinzhou_incentives::engine::lang::Text;
use qinzhou_incentives::engine::policy::{Calc, Fact, FactKind, Test};
use qinzhou_incentives::engine::validate::{validate, validate_in, verbatim_problems};
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

fn data_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
}

#[test]
fn the_data_folder_has_no_error_and_no_warning() {
    let checked = check_data(&data_dir());
    let report: Vec<String> = checked.problems.iter().map(ToString::to_string).collect();
    assert!(report.is_empty(), "{} problem(s) in data/:\n{}", report.len(), report.join("\n"));
    assert!(!checked.plans.is_empty(), "data/plans/ holds at least one plan");
}

#[test]
fn the_files_on_disk_are_the_data_the_app_embeds() {
    let checked = check_data(&data_dir());
    let embedded = Policy::embedded().expect("the embedded plan data parses");
    let on_disk = checked.plans.iter().find(|p| p.meta.id == embedded.meta.id).expect("the plan");
    assert_eq!(on_disk.meta.data_version, embedded.meta.data_version);
    assert_eq!(on_disk.meta.measure_numbers, embedded.meta.measure_numbers);
    assert_eq!(on_disk.meta.is_draft(), embedded.meta.is_draft());
    assert_eq!(on_disk.incentives.len(), embedded.incentives.len());
    assert_eq!(on_disk.measures.len(), embedded.measures.len());
}

#[test]
fn the_embedded_plan_data_has_no_errors() {
    let policy = Policy::embedded().expect("the embedded plan data parses");
    let errors: Vec<String> =
        validate(policy).iter().filter(|p| p.is_error()).map(ToString::to_string).collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn every_listed_measure_number_has_its_measure_and_no_other() {
    let policy = Policy::embedded().expect("the embedded plan data parses");
    let mut numbers: Vec<&str> = policy.measures.iter().map(|m| m.number.as_str()).collect();
    numbers.sort_unstable();
    let mut listed: Vec<&str> = policy.meta.measure_numbers.iter().map(String::as_str).collect();
    listed.sort_unstable();
    assert_eq!(numbers, listed);
    assert!(!listed.is_empty());
}

#[test]
fn the_plans_draft_ness_and_label_come_from_the_statuses_table() {
    let policy = Policy::embedded().expect("the embedded plan data parses");
    let status = policy.status().expect("the plan's status is in data/statuses.toml");
    assert_eq!(policy.meta.is_draft(), status.is_draft);
    assert_eq!(policy.meta.status_label, status.label);
    // Issuing the plan is a data change: a status of the table that is not a draft.
    let issued =
        policy.statuses.iter().find(|s| !s.is_draft).expect("a status that is not a draft");
    let mut copy = fresh_copy();
    copy.meta.status = issued.id.clone();
    copy.meta.status_label = Text::default();
    copy.resolve_status();
    assert!(!copy.meta.is_draft());
    assert_eq!(copy.meta.status_label, issued.label);
}

#[test]
fn a_status_meaning_claims_nothing_about_today() {
    // A status's meaning is shown whatever the date, long after the plan's period, so it may
    // say what the document is, not what is going on now (a draft "still open for comments"
    // a year after its period ended is a claim the app cannot know).
    let policy = Policy::embedded().expect("the embedded plan data parses");
    assert!(!policy.statuses.is_empty());
    for status in &policy.statuses {
        for (text, words) in [
            (&status.meaning.zh, &["仍", "目前", "正在"][..]),
            (&status.meaning.en, &["still", "currently", "now "][..]),
        ] {
            for word in words {
                assert!(!text.contains(word), "status {}: \"{text}\" says \"{word}\"", status.id);
            }
        }
    }
}

#[test]
fn an_unknown_status_is_caught_and_counts_as_a_draft() {
    let mut policy = fresh_copy();
    policy.meta.status = "final_version".to_owned();
    policy.resolve_status();
    assert!(policy.meta.is_draft());
    assert_reports(&policy, "status \"final_version\" is not a known status: write one of");
}

#[test]
fn every_measure_text_is_verbatim_from_the_source() {
    let policy = Policy::embedded().expect("the embedded plan data parses");
    let dir = data_dir().join("plans").join(&policy.meta.id).join("source");
    let mut source = String::new();
    for entry in fs::read_dir(dir).expect("the plan's source folder exists") {
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
    let mut edited = fresh_copy();
    edited.measures[0].text.zh.push_str("（编者添加）");
    assert_eq!(verbatim_problems(&edited, &source).len(), 1, "a changed text is caught");
}

#[test]
fn the_plans_period_gives_its_years() {
    let policy = Policy::embedded().expect("the embedded plan data parses");
    let (from, to) =
        (policy.meta.valid_from.expect("valid_from"), policy.meta.valid_to.expect("valid_to"));
    let years = policy.meta.years();
    assert_eq!(years.first(), Some(&from.year));
    assert_eq!(years.last(), Some(&to.year));
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
    let incentive = policy.incentives.iter_mut().find(|i| i.params.len() > 1).expect("params");
    let mut params = incentive.params.values_mut();
    params.next().expect("a param").clause.clear();
    params.next().expect("a second param").clause = "九.9".to_owned();
    assert_reports(&policy, "has no clause");
    assert_reports(&policy, "clause \"九.9\" is not a measure number of the plan");
}

#[test]
fn full_width_brackets_in_a_clause_are_caught_with_the_half_width_form() {
    let mut policy = fresh_copy();
    let incentive = policy
        .incentives
        .iter_mut()
        .find(|i| i.params.values().any(|p| p.clause.contains('(')))
        .expect("a parameter of a clause with brackets");
    let param = incentive.params.values_mut().find(|p| p.clause.contains('(')).expect("param");
    let half = param.clause.clone();
    param.clause = half.replace('(', "（").replace(')', "）");
    assert_reports(&policy, &format!("has full-width brackets: write \"{half}\""));
}

#[test]
fn a_listed_measure_without_its_measure_is_caught() {
    let mut policy = fresh_copy();
    let removed = policy.measures.pop().expect("a measure").number;
    policy.reindex();
    assert_reports(&policy, &format!("measure {removed} is missing"));
}

#[test]
fn a_measure_number_the_plan_does_not_list_is_caught() {
    let mut policy = fresh_copy();
    policy.measures[0].number = "四.9(9)".to_owned();
    policy.reindex();
    assert_reports(
        &policy,
        "measure 四.9(9): number \"四.9(9)\": the plan has no measure with this number",
    );
    assert_reports(&policy, "add \"四.9(9)\" to measure_numbers");
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
        count >= 5,
        "expected at least 5 problems at once, got {count}:\n{}",
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

#[test]
fn problems_name_the_folder_the_plan_was_read_from() {
    let mut policy = fresh_copy();
    policy.counties.clear();
    let own = format!("data/plans/{}/plan.toml", policy.meta.id);
    assert!(validate(&policy).iter().any(|p| p.place.starts_with(&own)), "{}", problems(&policy));
    let elsewhere = validate_in(&policy, "copies/edited/");
    assert!(elsewhere.iter().any(|p| p.place.starts_with("copies/edited/plan.toml")));
    assert!(elsewhere
        .iter()
        .all(|p| !p.place.contains("data/plans/") && !p.message.contains("<plan>")));
}

/// The data's first question of a kind, to edit.
fn first_of_kind(policy: &mut Policy, kind: FactKind) -> &mut Fact {
    policy.facts.iter_mut().find(|f| f.kind == kind).expect("the data has a question of this kind")
}

#[test]
fn a_hint_example_that_is_not_an_answer_of_its_kind_is_caught() {
    let mut policy = fresh_copy();
    let count = first_of_kind(&mut policy, FactKind::Count);
    let id = count.id.clone();
    count.examples = vec!["12".to_owned(), "1.5".to_owned()];
    assert_reports(&policy, &format!("fact \"{id}\": example \"1.5\" is not a valid count answer"));
    let bool_fact = first_of_kind(&mut policy, FactKind::Bool);
    let bool_id = bool_fact.id.clone();
    bool_fact.examples = vec!["1".to_owned()];
    assert_reports(
        &policy,
        &format!("fact \"{bool_id}\": only money, count and percent facts have examples"),
    );
}

#[test]
fn percent_help_asking_for_a_fraction_is_caught() {
    let mut policy = fresh_copy();
    let percent = first_of_kind(&mut policy, FactKind::Percent);
    let id = percent.id.clone();
    percent.help =
        Some(Text::new("以 0 到 1 之间的小数填写：65% 写作 0.65。", "As a fraction: 65% is 0.65."));
    assert_reports(&policy, &format!("fact \"{id}\": help asks for a fraction from 0 to 1"));
}

#[test]
fn a_target_in_a_unit_the_app_has_no_words_for_is_caught() {
    let mut policy = fresh_copy();
    policy.goals.city[0].unit = "pieces".to_owned();
    let id = policy.goals.city[0].id.clone();
    assert_reports(&policy, &format!("goals.city \"{id}\": unit \"pieces\" is not one of"));
    let row = &mut policy.goals.counties[0];
    row.unit = "firms".to_owned();
    assert_reports(&policy, "unit \"firms\" is not one of");
}
