//! The profile document: examples round-trip, docs/profile-format.md agrees with the code, every
//! error has its own clear message, and no input makes the reader panic.

use std::fs;
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use qinzhou_incentives::engine::lang::Lang;
use qinzhou_incentives::engine::policy::FactKind;
use qinzhou_incentives::engine::{migrate, Answer, ApplicantType, Policy, Profile, ProfileError};
use rust_decimal::Decimal;

fn policy() -> &'static Policy {
    Policy::embedded().expect("the embedded plan data parses")
}

/// Reads under the built-in plan the document names, as the app and the command line do.
fn read(text: &str) -> Result<Profile, ProfileError> {
    Profile::from_json(text)
}

fn manifest(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn examples() -> Vec<(PathBuf, String)> {
    let mut paths: Vec<PathBuf> = fs::read_dir(manifest("examples/profiles"))
        .expect("examples/profiles exists")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    paths.into_iter().map(|p| (p.clone(), fs::read_to_string(&p).expect("readable"))).collect()
}

fn doc() -> String {
    fs::read_to_string(manifest("docs/profile-format.md")).expect("docs/profile-format.md")
}

#[test]
fn every_example_reads_and_round_trips() {
    for (path, text) in examples() {
        let profile = read(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let written = profile.to_json();
        assert_eq!(read(&written).as_ref(), Ok(&profile), "{}", path.display());
    }
}

#[test]
fn there_is_an_example_for_every_applicant_type() {
    let applicants: Vec<Option<ApplicantType>> =
        examples().iter().map(|(_, text)| read(text).expect("valid").applicant).collect();
    for applicant in ApplicantType::ALL {
        assert!(applicants.contains(&Some(applicant)), "no example for {}", applicant.id());
    }
}

#[test]
fn every_json_block_of_the_doc_is_a_valid_profile() {
    let doc = doc();
    let blocks: Vec<&str> =
        doc.split("```json").skip(1).filter_map(|rest| rest.split("```").next()).collect();
    assert!(blocks.len() >= 3);
    for block in blocks {
        read(block).unwrap_or_else(|e| panic!("a JSON block of the doc is invalid: {e}\n{block}"));
    }
}

#[test]
fn the_doc_lists_every_question_applicant_county_and_industry() {
    let doc = doc();
    let policy = policy();
    let mut missing = Vec::new();
    for fact in &policy.facts {
        if !doc.contains(&format!("`{}`", fact.id)) {
            missing.push(format!("fact {}", fact.id));
        }
        for applicant in &fact.applicants {
            // Each fact appears in its applicant's table: "### `applicant`" … next "###".
            let section = doc.split(&format!("### `{applicant}`")).nth(1).unwrap_or("");
            let section = section.split("\n### ").next().unwrap_or("");
            if !section.contains(&format!("`{}`", fact.id)) {
                missing.push(format!("fact {} under {applicant}", fact.id));
            }
        }
    }
    for applicant in ApplicantType::ALL {
        if !doc.contains(&format!("`{}`", applicant.id())) {
            missing.push(format!("applicant {}", applicant.id()));
        }
    }
    for county in &policy.counties {
        if !doc.contains(&format!("`{}`", county.id)) {
            missing.push(format!("county {}", county.id));
        }
    }
    for industry in &policy.industries {
        if !doc.contains(&format!("`{}`", industry.id)) {
            missing.push(format!("industry {}", industry.id));
        }
    }
    assert!(missing.is_empty(), "docs/profile-format.md lacks: {}", missing.join(", "));
}

#[test]
fn null_and_absent_answers_are_not_answered() {
    let profile = read(r#"{"version": 1, "answers": {"in_park": null}}"#).expect("valid");
    assert_eq!(profile.answer("in_park"), None);
    let empty = read(r#"{"version": 3}"#).expect("valid");
    assert_eq!(empty, Profile::new());
    // An older document was made under the first plan, at its first data version.
    let old = read(r#"{"version": 1}"#).expect("valid");
    assert_eq!(old.plan.as_deref(), Some(qinzhou_incentives::engine::profile::FIRST_PLAN_ID));
    assert_eq!(old.data_version.as_deref(), Some("1.0.0"));
}

#[test]
fn json_numbers_are_accepted_and_written_back_as_strings() {
    let profile = read(r#"{"version": 1, "answers": {"placed_workers": 12, "factory_occupancy_rate": 0.65, "main_revenue": "1.50"}}"#)
        .expect("valid");
    assert_eq!(profile.answer("placed_workers"), Some(&Answer::Number(Decimal::from(12))));
    assert_eq!(
        profile.answer("factory_occupancy_rate"),
        Some(&Answer::Number(Decimal::new(65, 2)))
    );
    let written = profile.to_json();
    assert!(written.contains(r#""placed_workers": "12""#), "{written}");
    assert!(written.contains(r#""main_revenue": "1.5""#), "{written}");
    assert!(written.find("\"version\"") < written.find("\"answers\""), "version comes first");
}

/// A profile text and a check of the error it must give.
type BadFile = (&'static str, fn(&ProfileError) -> bool);

fn error_of(text: &str) -> ProfileError {
    read(text).expect_err(text)
}

#[test]
fn a_year_after_the_plans_period_is_refused_naming_the_period() {
    let policy = Policy::embedded().expect("the plan");
    let years = policy.meta.years();
    let (first, last) = (years[0], years[years.len() - 1]);
    let json = format!(r#"{{"version": 2, "year": {}}}"#, last + 1);
    let error = Profile::from_json_with(policy, &json).expect_err("a year outside the plan");
    assert_eq!(error, ProfileError::YearOutsidePlan { year: u64::from(last) + 1, first, last });
}

#[test]
fn each_kind_of_bad_file_gets_its_own_error() {
    let cases: Vec<BadFile> = vec![
        ("not json", |e| matches!(e, ProfileError::NotJson { .. })),
        ("", |e| matches!(e, ProfileError::Empty)),
        (" \r\n\t", |e| matches!(e, ProfileError::Empty)),
        ("\u{feff}", |e| matches!(e, ProfileError::Empty)),
        // UTF-16 read as UTF-8 (as the import reads a file): with its byte-order mark, and
        // without one (a NUL beside each ASCII byte), little- and big-endian.
        ("\u{FFFD}\u{FFFD}{\0\"\0v\0", |e| matches!(e, ProfileError::Utf16)),
        ("{\0\"\0v\0", |e| matches!(e, ProfileError::Utf16)),
        ("\0{\0\"\0v", |e| matches!(e, ProfileError::Utf16)),
        ("\0", |e| matches!(e, ProfileError::NotJson { .. })),
        (r#"{"version":99,"version":1}"#, |e| {
            *e == ProfileError::DuplicateKey { key: "version".into(), within: String::new() }
        }),
        (r#"{"version":1,"answers":{"in_park":true},"answers":{"main_revenue":"5"}}"#, |e| {
            *e == ProfileError::DuplicateKey { key: "answers".into(), within: String::new() }
        }),
        (r#"{"version":1,"answers":{"in_park":true,"in_park":false}}"#, |e| {
            *e == ProfileError::DuplicateKey { key: "in_park".into(), within: "answers".into() }
        }),
        (r#"{"version":1,"answers":{"main_revenue":{"a":1,"b":{"c":1,"c":2}}}}"#, |e| {
            *e == ProfileError::DuplicateKey {
                key: "c".into(),
                within: "answers.main_revenue.b".into(),
            }
        }),
        ("[1, 2]", |e| matches!(e, ProfileError::WrongShape { .. })),
        (r#"{"name": "x"}"#, |e| matches!(e, ProfileError::MissingVersion)),
        (r#"{"version": "1"}"#, |e| matches!(e, ProfileError::WrongShape { .. })),
        (r#"{"version": 0}"#, |e| matches!(e, ProfileError::WrongShape { .. })),
        (r#"{"version": 4}"#, |e| matches!(e, ProfileError::FutureVersion { found: 4 })),
        (
            r#"{"version": 3, "plan": "no-such-plan"}"#,
            |e| matches!(e, ProfileError::UnknownPlan { id } if id == "no-such-plan"),
        ),
        (r#"{"version": 2, "year": 1901}"#, |e| {
            matches!(e, ProfileError::YearOutsidePlan { year: 1901, .. })
        }),
        (r#"{"version": 2, "year": 70000}"#, |e| matches!(e, ProfileError::YearOutsidePlan { .. })),
        (r#"{"version": 2, "year": "2025"}"#, |e| matches!(e, ProfileError::WrongShape { .. })),
        (r#"{"version": 2, "year": 2025.5}"#, |e| matches!(e, ProfileError::WrongShape { .. })),
        (r#"{"version": 1, "answer": {}}"#, |e| matches!(e, ProfileError::WrongShape { .. })),
        (r#"{"version": 1, "answers": []}"#, |e| matches!(e, ProfileError::WrongShape { .. })),
        (r#"{"version": 1, "applicant": "astronaut"}"#, |e| {
            matches!(e, ProfileError::UnknownApplicant { .. })
        }),
        (r#"{"version": 1, "county": "beijing"}"#, |e| {
            matches!(e, ProfileError::UnknownCounty { .. })
        }),
        (r#"{"version": 1, "industry": "steel"}"#, |e| {
            matches!(e, ProfileError::UnknownIndustry { .. })
        }),
        (r#"{"version": 1, "answers": {"wings": true}}"#, |e| {
            matches!(e, ProfileError::UnknownFact { .. })
        }),
        (r#"{"version": 1, "answers": {"in_park": "yes"}}"#, |e| {
            matches!(e, ProfileError::WrongAnswerType { expected: FactKind::Bool, .. })
        }),
        (r#"{"version": 1, "answers": {"main_revenue": true}}"#, |e| {
            matches!(e, ProfileError::WrongAnswerType { .. })
        }),
        (r#"{"version": 1, "answers": {"promoter_kind": "crowd"}}"#, |e| {
            matches!(e, ProfileError::UnknownChoice { .. })
        }),
        (r#"{"version": 1, "answers": {"main_revenue": "6亿"}}"#, |e| {
            matches!(e, ProfileError::NotANumber { .. })
        }),
        (r#"{"version": 1, "answers": {"main_revenue": "1e8"}}"#, |e| {
            matches!(e, ProfileError::NotANumber { .. })
        }),
        (r#"{"version": 1, "answers": {"main_revenue": "-1"}}"#, |e| {
            matches!(e, ProfileError::Negative { .. })
        }),
        (r#"{"version": 1, "answers": {"main_revenue": "100000000000001"}}"#, |e| {
            matches!(e, ProfileError::TooLarge { .. })
        }),
        (r#"{"version": 1, "answers": {"main_revenue": 1e300}}"#, |e| {
            matches!(e, ProfileError::NotANumber { .. } | ProfileError::TooLarge { .. })
        }),
        (r#"{"version": 1, "answers": {"placed_workers": "1.5"}}"#, |e| {
            matches!(e, ProfileError::OutOfRange { .. })
        }),
        (r#"{"version": 1, "answers": {"factory_occupancy_rate": "65"}}"#, |e| {
            matches!(e, ProfileError::OutOfRange { .. })
        }),
    ];
    for (text, expected) in cases {
        let error = error_of(text);
        assert!(expected(&error), "{text}: got {error:?}");
        for lang in [Lang::Zh, Lang::En] {
            assert!(!error.message(lang).is_empty());
        }
        assert_ne!(error.message(Lang::Zh), error.message(Lang::En));
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(matches!(error_of(&deep), ProfileError::NotJson { .. }));
    let nested_answer = format!(
        r#"{{"version": 1, "answers": {{"in_park": {}{}}}}}"#,
        "{\"a\":".repeat(50_000),
        "}".repeat(50_000)
    );
    assert!(matches!(error_of(&nested_answer), ProfileError::NotJson { .. }));
}

#[test]
fn migrate_takes_the_current_version_as_is_and_refuses_others() {
    let value: serde_json::Value = serde_json::json!({"version": 3, "name": "x", "year": 2024});
    assert_eq!(migrate(value.clone()), Ok(value));
    assert!(matches!(
        migrate(serde_json::json!({"version": 4})),
        Err(ProfileError::FutureVersion { found: 4 })
    ));
}

#[test]
fn a_version_2_document_migrates_to_version_3_under_the_first_plan() {
    let old = serde_json::json!({"version": 2, "name": "x", "year": 2024});
    let migrated = migrate(old.clone()).expect("migrates");
    assert_eq!(migrated["version"], 3);
    assert_eq!(migrated["plan"], qinzhou_incentives::engine::profile::FIRST_PLAN_ID);
    assert_eq!(migrated["data_version"], "1.0.0");
    let profile = read(&old.to_string()).expect("a version-2 file still reads");
    assert_eq!((profile.version, profile.year), (3, Some(2024)));
    let written = profile.to_json();
    assert!(
        written.contains("\"plan\"") && written.contains("\"data_version\": \"1.0.0\""),
        "{written}"
    );
    assert_eq!(read(&written).expect("reads back"), profile);
}

proptest! {
    #[test]
    fn no_text_makes_the_reader_panic(text in "\\PC{0,200}") {
        let _ = read(&text);
    }

    #[test]
    fn no_edit_of_a_valid_profile_makes_the_reader_panic(
        index in 0..10usize,
        cut in 0..2000usize,
        insert in "\\PC{0,20}",
    ) {
        let examples = examples();
        let (_, text) = &examples[index % examples.len()];
        let mut cut = cut.min(text.len());
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let edited = format!("{}{}{}", &text[..cut], insert, &text[cut..]);
        if let Ok(profile) = read(&edited) {
            // Whatever is accepted is written back and read again unchanged.
            prop_assert_eq!(read(&profile.to_json()), Ok(profile));
        }
    }
}

#[test]
fn a_file_saved_with_a_byte_order_mark_reads_like_one_without() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/profiles");
    let path = std::fs::read_dir(&dir)
        .expect("examples/profiles exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|x| x == "json"))
        .expect("at least one example profile");
    let plain = std::fs::read_to_string(&path).expect("example is readable");
    let with_bom = format!("\u{feff}{plain}");
    let expected =
        qinzhou_incentives::engine::Profile::from_json(&plain).expect("example is valid");
    let read = qinzhou_incentives::engine::Profile::from_json(&with_bom);
    assert_eq!(read, Ok(expected));
}

#[test]
fn the_new_reading_errors_say_what_to_do_in_both_languages() {
    let utf16 = ProfileError::Utf16;
    assert!(utf16.message(Lang::En).contains("Save it as UTF-8"), "{}", utf16.message(Lang::En));
    assert!(utf16.message(Lang::Zh).contains("另存为 UTF-8"), "{}", utf16.message(Lang::Zh));
    let empty = ProfileError::Empty;
    assert!(
        empty.message(Lang::En).contains("empty") && !empty.message(Lang::En).contains("column")
    );
    assert!(empty.message(Lang::Zh).contains("空"));
    let top = ProfileError::DuplicateKey { key: "version".into(), within: String::new() };
    assert!(top.message(Lang::En).contains("\"version\" twice"), "{}", top.message(Lang::En));
    assert!(top.message(Lang::Zh).contains("\"version\" 出现了两次"), "{}", top.message(Lang::Zh));
    let nested = ProfileError::DuplicateKey { key: "in_park".into(), within: "answers".into() };
    assert!(nested.message(Lang::En).contains("\"in_park\" twice in \"answers\""));
    assert!(nested.message(Lang::Zh).contains("\"answers\" 中"));
}

#[test]
fn a_version_1_document_migrates_to_version_2_without_its_retired_answers() {
    let old = serde_json::json!({"version": 1, "name": "x", "applicant": "enterprise",
        "answers": {"in_park": true, "main_revenue": "150000000",
                    "revenue_milestone_first_crossed": true, "received_city_reward": true,
                    "original_city_reward": "150000"}});
    let migrated = migrate(old.clone()).expect("migrates");
    assert_eq!(migrated["version"], 3, "through version 2 to the current one");
    assert!(migrated.get("year").is_none(), "no year: the plan's default applies");
    let answers = migrated["answers"].as_object().expect("answers");
    assert_eq!(answers.len(), 2, "{answers:?}");
    assert!(answers.contains_key("in_park") && answers.contains_key("main_revenue"));
    // Read as a file: valid, the current version, nothing else lost.
    let profile = read(&old.to_string()).expect("a version-1 file still reads");
    assert_eq!((profile.version, profile.year, profile.answers.len()), (3, None, 2));
}

#[test]
fn the_activity_year_is_written_and_read_back() {
    let profile =
        read(r#"{"version": 2, "applicant": "enterprise", "year": 2023}"#).expect("valid");
    assert_eq!(profile.year, Some(2023));
    let written = profile.to_json();
    assert!(written.contains(r#""year": 2023"#), "{written}");
    assert_eq!(read(&written), Ok(profile));
    let without = read(r#"{"version": 2}"#).expect("valid");
    assert!(!without.to_json().contains("year"), "no year written when none was chosen");
}
