//! The native command, run as a user would: on every example profile (text and JSON), on
//! broken files and bad arguments (a clear message and a non-zero exit), and `validate`.

use qinzhou_incentives::engine::lang::Lang;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn incentives(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_incentives")).args(args).output().expect("the binary runs")
}

fn example_profiles() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/profiles");
    let mut paths: Vec<PathBuf> = fs::read_dir(dir)
        .expect("examples/profiles exists")
        .map(|e| e.expect("a readable entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    paths
}

fn scratch_file(name: &str, content: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli");
    fs::create_dir_all(&dir).expect("a scratch directory");
    let path = dir.join(name);
    fs::write(&path, content).expect("a scratch file");
    path
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn every_example_profile_evaluates_as_a_table_in_both_languages() {
    let profiles = example_profiles();
    assert!(profiles.len() >= 7, "one example per applicant type");
    for path in profiles {
        for lang in ["zh", "en"] {
            let out = incentives(&[
                "evaluate",
                path.to_str().unwrap(),
                "--lang",
                lang,
                "--as-of",
                "2024-06-01",
            ]);
            assert!(out.status.success(), "{}: {}", path.display(), text(&out.stderr));
            let stdout = text(&out.stdout);
            assert!(stdout.contains("2024-06-01"), "{}", stdout);
        }
    }
}

#[test]
fn every_example_profile_evaluates_as_json_with_the_promised_fields() {
    for path in example_profiles() {
        let out = incentives(&["evaluate", path.to_str().unwrap(), "--json", "--as-of=2024-06-01"]);
        assert!(out.status.success(), "{}: {}", path.display(), text(&out.stderr));
        let report: Value = serde_json::from_slice(&out.stdout).expect("the output is JSON");
        let results = report["results"].as_array().expect("results");
        assert!(!results.is_empty());
        for result in results {
            let place = format!("{}: {}", path.display(), result["id"]);
            assert!(result["id"].is_string(), "{place}");
            assert!(result["clause"].as_str().is_some_and(|c| !c.is_empty()), "{place}");
            let status = result["status"].as_str().expect("status");
            assert!(
                ["eligible", "not_eligible", "needs_answers", "not_applicable", "error"]
                    .contains(&status),
                "{place}: {status}"
            );
            let level = result["level"].as_str().expect("level");
            assert!(["city", "region", "county"].contains(&level), "{place}: {level}");
            for key in ["amount_min", "amount_max"] {
                let value = &result[key];
                assert!(
                    value.is_null()
                        || value
                            .as_str()
                            .is_some_and(|s| s.parse::<rust_decimal::Decimal>().is_ok()),
                    "{place}: {key} = {value}"
                );
            }
        }
        assert!(report["totals"]["city"]["range"]["min"].is_string());
        assert!(report["totals"]["region"]["range"]["max"].is_string());
    }
}

#[test]
fn the_enterprise_example_shows_the_capped_2_per_mille_trace() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/profiles/enterprise.json");
    let out =
        incentives(&["evaluate", path.to_str().unwrap(), "--lang", "en", "--as-of", "2024-06-01"]);
    let stdout = text(&out.stdout);
    assert!(stdout.contains("2‰ × 600,000,000 = 1,200,000 → cap 500,000"), "{stdout}");
}

#[test]
fn a_broken_file_gives_a_clear_message_and_a_non_zero_exit() {
    let cases = [
        ("not-json.json", "{ version: 1", "not valid JSON"),
        ("future.json", r#"{"version": 9}"#, "newer version"),
        (
            "bad-applicant.json",
            r#"{"version": 1, "applicant": "astronaut"}"#,
            "Unknown applicant type",
        ),
        (
            "bad-fact.json",
            r#"{"version": 1, "answers": {"no_such_fact": true}}"#,
            "Unknown question",
        ),
        ("negative.json", r#"{"version": 1, "answers": {"main_revenue": "-5"}}"#, "negative"),
        ("empty.json", "", "The file is empty"),
        ("twice.json", r#"{"version": 99, "version": 1}"#, "gives \"version\" twice"),
    ];
    for (name, content, message) in cases {
        let path = scratch_file(name, content);
        let out = incentives(&["evaluate", path.to_str().unwrap(), "--lang", "en"]);
        assert_eq!(out.status.code(), Some(1), "{name}");
        let stderr = text(&out.stderr);
        assert!(stderr.contains(message), "{name}: {stderr}");
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
    }
}

#[test]
fn a_missing_file_and_bad_arguments_are_refused() {
    let out = incentives(&["evaluate", "/no/such/profile.json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("cannot read"));
    for args in [
        &[][..],
        &["frobnicate"][..],
        &["evaluate"][..],
        &["evaluate", "a.json", "--lang", "fr"][..],
        &["evaluate", "a.json", "--as-of", "2024-02-30"][..],
        &["evaluate", "a.json", "--unknown"][..],
        &["evaluate", "a.json", "b.json"][..],
        &["evaluate", "a.json", "--lang"][..],
    ] {
        let out = incentives(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(text(&out.stderr).contains("usage:"), "{args:?}");
    }
}

#[test]
fn validate_reports_the_embedded_data_as_sound() {
    let out = incentives(&["validate"]);
    assert!(out.status.success(), "{}{}", text(&out.stdout), text(&out.stderr));
    let policy = qinzhou_incentives::engine::Policy::embedded().expect("the plan");
    let measures = format!("{} measures", policy.meta.measure_numbers.len());
    assert!(text(&out.stdout).contains(&measures), "{}", text(&out.stdout));
    assert!(text(&out.stdout).contains("plan data OK"), "{}", text(&out.stdout));
}

#[test]
fn the_year_flag_sets_the_activity_year_and_the_questions_period_words() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/profiles/enterprise.json");
    let path = path.to_str().unwrap();
    // After the period, without a choice: the plan's last year, said to be the default.
    let unchosen = scratch_file(
        "no-year.json",
        r#"{"version": 2, "applicant": "enterprise", "county": "pubei", "industry": "tangerine_peel",
            "answers": {"in_park": true, "led_new_key_lab": true}}"#,
    );
    let out = incentives(&[
        "evaluate",
        unchosen.to_str().unwrap(),
        "--lang",
        "en",
        "--as-of",
        "2026-12-04",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let meta = &qinzhou_incentives::engine::Policy::embedded().expect("the plan").meta;
    let last = meta.years().last().copied().expect("the plan's years");
    let end = meta.valid_to.expect("valid_to");
    let ended = qinzhou_incentives::engine::period::date_text(end, Lang::En);
    assert!(
        stdout.contains(&format!("Activity year: {last} (not chosen: the default)")),
        "{stdout}"
    );
    assert!(
        stdout.contains(&meta.status_label.en.to_lowercase())
            && stdout.contains(&format!("ended on {ended}")),
        "{stdout}"
    );
    assert!(stdout.contains("is for the lead unit"), "each result names its lead unit: {stdout}");
    assert!(stdout.contains("City rewards under the plan"), "{stdout}");
    assert!(!stdout.contains("ommit") && !stdout.contains("承诺"), "{stdout}");

    let out = incentives(&["evaluate", path, "--lang", "en", "--as-of", "2026-12-04"]);
    assert!(text(&out.stdout).contains("Activity year: 2024\n"), "the example chose 2024");
    let out = incentives(&["evaluate", path, "--json", "--as-of", "2026-12-04", "--year", "2023"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(report["activity_year"], 2023);
    assert_eq!(report["year_chosen"], true);
    assert_eq!(report["plan"]["ended"], true);

    let out =
        incentives(&["evaluate", path, "--lang", "zh", "--year=2024", "--as-of", "2026-12-04"]);
    assert!(text(&out.stdout).contains("活动年度：2024年"), "{}", text(&out.stdout));
}

#[test]
fn a_year_outside_the_plan_or_not_a_year_is_a_usage_error() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/profiles/enterprise.json");
    let path = path.to_str().unwrap();
    for bad in ["2026", "2022", "twenty", ""] {
        let out = incentives(&["evaluate", path, "--year", bad]);
        assert_eq!(out.status.code(), Some(2), "--year {bad}");
        assert!(text(&out.stderr).contains("--year"), "--year {bad}: {}", text(&out.stderr));
    }
}
