//! The officer's recipes of data/README.md, scripted: each test copies data/ to a scratch
//! folder, makes an edit as text (as an officer would, in an editor), runs the real command
//! `incentives validate` on the copy, and checks that the report names the file, the line and
//! the fix; where the edit should work, `incentives evaluate --data` on the copy gives the
//! right result. No Rust is touched by any edit.
//!
//! Invented figures appear only here, and say so: the new measure 六.8 ("10万元 for at least
//! 100 new jobs") and the raised threshold are not in the plan.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

const PLAN: &str = "plans/qinzhou-yixianyiye-2023-2025";

/// A fresh copy of data/ in a folder of its own, removed when the test ends.
struct Scratch(PathBuf);

impl std::ops::Deref for Scratch {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn scratch(name: &str) -> Scratch {
    let dir = std::env::temp_dir().join(format!("officer-edits-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data"), &dir);
    Scratch(dir)
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create the scratch folder");
    for entry in fs::read_dir(from).expect("read data/") {
        let path = entry.expect("an entry").path();
        let target = to.join(path.file_name().expect("a name"));
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            fs::copy(&path, &target).expect("copy a data file");
        }
    }
}

/// Replaces `from` (which must occur exactly once) by `to` in a file of the copy.
fn edit(dir: &Path, file: &str, from: &str, to: &str) {
    let path = dir.join(file);
    let text = fs::read_to_string(&path).expect("a data file");
    assert_eq!(text.matches(from).count(), 1, "{file} holds {from:?} exactly once");
    fs::write(&path, text.replacen(from, to, 1)).expect("write the edit");
}

fn append(dir: &Path, file: &str, more: &str) {
    let path = dir.join(file);
    let text = fs::read_to_string(&path).expect("a data file");
    fs::write(&path, format!("{text}\n{more}")).expect("write the edit");
}

struct Run {
    code: Option<i32>,
    out: String,
}

fn incentives(args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_incentives"))
        .args(args)
        .output()
        .expect("the incentives binary runs");
    let mut out = String::from_utf8_lossy(&output.stdout).into_owned();
    out.push_str(&String::from_utf8_lossy(&output.stderr));
    Run { code: output.status.code(), out }
}

fn validate(dir: &Path) -> Run {
    incentives(&["validate", dir.to_str().expect("a UTF-8 path")])
}

/// The line of the report that contains every one of `parts`; it must name a file and line,
/// and that line of the file must contain `on_line` (the edited text).
fn assert_reported(dir: &Path, run: &Run, parts: &[&str], on_line: &str) {
    let line = run
        .out
        .lines()
        .find(|l| parts.iter().all(|p| l.contains(p)))
        .unwrap_or_else(|| panic!("no report line with {parts:?} in:\n{}", run.out));
    let shown = dir.display().to_string();
    let rest = line.split_once(&shown).map(|(_, rest)| rest).unwrap_or_else(|| {
        panic!("the line names no file of the copy: {line}");
    });
    let (file, after) =
        rest.split_once(" line ").unwrap_or_else(|| panic!("no line number: {line}"));
    let number: usize = after
        .split(|c: char| !c.is_ascii_digit())
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no line number: {line}"));
    let text = fs::read_to_string(format!("{shown}{file}")).expect("the file the report names");
    let named = text.lines().nth(number - 1).unwrap_or_default();
    assert!(
        named.contains(on_line),
        "{line}\nnames line {number}: {named:?}, expected it to hold {on_line:?}"
    );
}

/// The enterprise of the case file for 以企招商: a Pubei peel firm whose project brings 6亿 this
/// year, and its other answers.
fn profile(dir: &Path, answers: &str) -> String {
    let path = dir.join("profile.json");
    let json = format!(
        r#"{{"version": 2, "applicant": "enterprise", "county": "pubei", "industry": "tangerine_peel", "answers": {{{answers}}}}}"#
    );
    fs::write(&path, json).expect("write the profile");
    path.to_str().expect("a UTF-8 path").to_owned()
}

const LED_PROJECT: &str = r#""led_project_from_outside_city": true, "led_project_in_chain": true, "led_project_investment": "80000000", "led_project_in_production": true, "led_project_fai_this_year": "600000000""#;

fn evaluate(dir: &Path, profile: &str) -> Value {
    let data = dir.to_str().expect("a UTF-8 path");
    let run = incentives(&["evaluate", profile, "--json", "--as-of", "2024-06-01", "--data", data]);
    assert_eq!(run.code, Some(0), "{}", run.out);
    serde_json::from_str(&run.out).expect("the report as JSON")
}

fn result<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["results"]
        .as_array()
        .and_then(|all| all.iter().find(|r| r["id"] == id))
        .unwrap_or_else(|| panic!("no result for {id}"))
}

#[test]
fn the_shipped_data_validates_cleanly() {
    let dir = scratch("clean");
    let run = validate(&dir);
    assert_eq!(run.code, Some(0), "{}", run.out);
    assert!(run.out.contains("plan data OK"), "{}", run.out);
}

/// Recipe "change a figure": the 以企招商 cap from 50万 to 60万.
#[test]
fn changing_the_cap_works_and_every_stale_sentence_is_named() {
    let dir = scratch("cap");
    let incentives_file = format!("{PLAN}/incentives.toml");
    let measures_file = format!("{PLAN}/measures/4-organisation.toml");
    edit(
        &dir,
        &incentives_file,
        r#"cap_per_project_year = { value = "500000""#,
        r#"cap_per_project_year = { value = "600000""#,
    );

    let run = validate(&dir);
    assert_eq!(run.code, Some(0), "a changed figure alone is no error: {}", run.out);
    // The stale 50万 in the summary, the benefit and the note (with the 2.5亿 it implies),
    // and the figure the plan's text does not hold.
    assert_reported(&dir, &run, &["warning", "summary.zh", "50万元"], "summary = ");
    assert_reported(&dir, &run, &["warning", "summary.en", "RMB 500,000"], "summary = ");
    assert_reported(&dir, &run, &["warning", "benefit.zh", "50万元"], "benefit = ");
    assert_reported(&dir, &run, &["warning", "2.5亿元"], "2.5亿元");
    assert_reported(
        &dir,
        &run,
        &["warning", "value 600000 does not occur in the text of clause 四.2(4)"],
        "cap_per_project_year",
    );

    // The right result: 2‰ of 6亿 is 120万, cut to the new cap.
    let report = evaluate(&dir, &profile(&dir, LED_PROJECT));
    let led = result(&report, "enterprise_led_investment_reward");
    assert_eq!(led["amount_max"], "600000", "{led}");

    // The case written for 50万 asks to be updated, naming its file and line.
    let cases = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let run = incentives(&["validate", dir.to_str().unwrap(), "--cases", cases.to_str().unwrap()]);
    assert_eq!(run.code, Some(1), "{}", run.out);
    let update = run
        .out
        .lines()
        .find(|l| {
            l.contains("update the case")
                && l.contains("enterprise_led_investment_reward.toml line ")
        })
        .unwrap_or_else(|| panic!("{}", run.out));
    assert!(update.contains("expected 500000, got 600000"), "{update}");

    // Changing the verbatim text too is refused: the plan's text is the authority.
    edit(
        &dir,
        &measures_file,
        "单个项目当年奖励资金额度不超过50万元",
        "单个项目当年奖励资金额度不超过60万元",
    );
    let run = validate(&dir);
    assert_eq!(run.code, Some(1), "{}", run.out);
    assert_reported(&dir, &run, &["error", "measure 四.2(4)", "does not occur verbatim"], "text");
}

/// Recipe "change a figure", for a threshold (the raised figure is invented, for the test).
#[test]
fn changing_a_threshold_moves_who_qualifies() {
    let dir = scratch("threshold");
    let answers = LED_PROJECT.replace(
        r#""led_project_investment": "80000000""#,
        r#""led_project_investment": "55000000""#,
    );
    let before = evaluate(&dir, &profile(&dir, &answers));
    assert_eq!(result(&before, "enterprise_led_investment_reward")["status"], "eligible");

    edit(
        &dir,
        &format!("{PLAN}/incentives.toml"),
        r#"tangerine_peel = "50000000", toys"#,
        r#"tangerine_peel = "60000000", toys"#,
    );
    let run = validate(&dir);
    assert_eq!(run.code, Some(0), "{}", run.out);
    assert_reported(
        &dir,
        &run,
        &["warning", "value 60000000 does not occur in the text of clause 四.2(4)"],
        "min_investment",
    );
    assert_reported(&dir, &run, &["warning", "0.5亿元"], "0.5亿元");
    let after = evaluate(&dir, &profile(&dir, &answers));
    let led = result(&after, "enterprise_led_investment_reward");
    assert_eq!(led["status"], "not_eligible", "{led}");
    assert_eq!(led["bound"]["kind"], "threshold", "{led}");
}

/// Recipe "add a measure": 六.8, with its question and incentive. Invented for the test: the
/// plan has no 六.8, and its figures (10万元, 100 jobs) are made up.
#[test]
fn adding_a_measure_with_its_question_needs_no_rust() {
    let dir = scratch("measure");
    let clause = "8.稳岗扩岗奖励（测试用虚构条款）。对{year}年新增就业岗位100个以上的企业，市财政给予一次性奖励10万元。";
    let verbatim = "对{year}年新增就业岗位100个以上的企业，市财政给予一次性奖励10万元。"
        .replace("{year}", "当");
    append(
        &dir,
        &format!("{PLAN}/source/qinzhou-yixianyiye-2023-2025.txt"),
        &clause.replace("{year}", "当"),
    );
    append(
        &dir,
        &format!("{PLAN}/measures/6-development.toml"),
        &format!(
            r#"[[measures]]
number = "六.8"
kind = "cash_formula"
giver = "city"
beneficiaries = ["enterprise"]
lead_units = ["市工业和信息化局"]
cooperating_units = ["市财政局"]
title = {{ zh = "稳岗扩岗奖励", en = "Reward for new jobs" }}
benefit = {{ zh = "新增就业岗位100个以上的企业获一次性奖励10万元。", en = "An enterprise creating 100 or more new jobs gets a one-off RMB 100,000." }}

[measures.text]
zh = """{verbatim}"""
en = """An enterprise that creates 100 or more new jobs in the year gets a one-off reward of RMB 100,000 from the city."""
"#
        ),
    );
    append(
        &dir,
        &format!("{PLAN}/incentives.toml"),
        r#"[[facts]]
id = "new_jobs_created"
kind = "count"
step = "growth"
applicants = ["enterprise"]
label = { zh = "新增就业岗位", en = "New jobs created" }
question = { zh = "企业{year}年新增就业岗位多少个？", en = "How many new jobs did the enterprise create in {year}?" }
unit = { zh = "个", en = "jobs" }

[[incentives]]
id = "new_jobs_reward"
measure = "六.8"
level = "city"
applicants = ["enterprise"]
title = { zh = "稳岗扩岗奖励", en = "Reward for new jobs" }
summary = { zh = "新增就业岗位100个以上的企业，一次性奖励10万元。", en = "A one-off RMB 100,000 for an enterprise creating 100 or more new jobs." }
calc = { kind = "fixed", amount = "amount" }

[incentives.params]
amount = { value = "100000", unit = "yuan", clause = "六.8" }
min_jobs = { value = "100", unit = "count", clause = "六.8" }

[[incentives.conditions]]
id = "enough_jobs"
clause = "六.8"
label = { zh = "新增就业岗位100个以上", en = "100 or more new jobs" }
test = { kind = "at_least", fact = "new_jobs_created", param = "min_jobs" }
"#,
    );

    // Forgetting the number in measure_numbers is named, with the fix.
    let run = validate(&dir);
    assert_eq!(run.code, Some(1), "{}", run.out);
    assert_reported(&dir, &run, &["error", "add \"六.8\" to measure_numbers"], "number = \"六.8\"");

    edit(&dir, &format!("{PLAN}/plan.toml"), r#""六.6", "六.7","#, r#""六.6", "六.7", "六.8","#);
    // The summary counts 40 measures: now 41.
    let run = validate(&dir);
    assert_eq!(run.code, Some(0), "{}", run.out);
    assert_reported(
        &dir,
        &run,
        &["warning", "summary.zh counts 40 measures, but measure_numbers lists 41"],
        "summary = ",
    );
    edit(&dir, &format!("{PLAN}/plan.toml"), "列出40项保障措施", "列出41项保障措施");
    edit(
        &dir,
        &format!("{PLAN}/plan.toml"),
        "lists 40 support measures",
        "lists 41 support measures",
    );
    let run = validate(&dir);
    assert_eq!(run.code, Some(0), "{}", run.out);
    assert!(run.out.contains("plan data OK"), "{}", run.out);
    assert!(run.out.contains("41 measures"), "{}", run.out);

    let answers = r#""new_jobs_created": "120""#;
    let report = evaluate(&dir, &profile(&dir, answers));
    let jobs = result(&report, "new_jobs_reward");
    assert_eq!(jobs["status"], "eligible", "{jobs}");
    assert_eq!(jobs["amount_min"], "100000", "{jobs}");
    let report = evaluate(&dir, &profile(&dir, r#""new_jobs_created": "99""#));
    assert_eq!(result(&report, "new_jobs_reward")["status"], "not_eligible");
}

/// A deliberate mistake of each kind, all at once: each reported with its file, line and fix,
/// and nothing evaluated until they are fixed.
#[test]
fn every_kind_of_mistake_is_reported_at_once_with_file_line_and_fix() {
    let dir = scratch("mistakes");
    let plan = format!("{PLAN}/plan.toml");
    let incentives_file = format!("{PLAN}/incentives.toml");
    edit(&dir, &plan, "valid_to = ", "valid_until = ");
    edit(&dir, &plan, r#"status = "draft_for_comments""#, r#"status = "final""#);
    edit(
        &dir,
        &incentives_file,
        r#"amount = { value = "150000", unit = "yuan", clause = "六.1" }"#,
        r#"amount = { value = 150000, unit = "yuan", clause = "六.1" }"#,
    );
    edit(
        &dir,
        &incentives_file,
        r#"cap_per_project = { value = "500000", unit = "yuan", clause = "四.2(2)" }"#,
        r#"cap_per_project = { value = "500000", unit = "yuan", clause = "四.2（2）" }"#,
    );
    edit(
        &dir,
        &incentives_file,
        r#"title = { zh = "企业基本情况", en = "Your enterprise" }"#,
        r#"title = { zh = "企业基本情况" }"#,
    );
    edit(
        &dir,
        &incentives_file,
        r#"cap_per_project_year = { value = "500000", unit = "yuan""#,
        r#"cap_per_project_year = { value = "500000", unit = "元""#,
    );
    edit(
        &dir,
        &format!("{PLAN}/measures/4-organisation.toml"),
        "单个项目当年奖励资金额度不超过50万元",
        "单个项目当年奖励资金额度不超过60万元",
    );
    let factors = format!("{PLAN}/measures/1-factors.toml");
    edit(&dir, &factors, "优先保障用电用水", "优先保障用电用水\"");

    // A syntax error is named with its line; the other files are still read (their type
    // errors and unknown keys reported), and the checks across files wait for it.
    let run = validate(&dir);
    assert_eq!(run.code, Some(1), "{}", run.out);
    assert_reported(&dir, &run, &["error", "not valid TOML"], "优先保障用电用水");
    assert_reported(&dir, &run, &["error", "put the figure in quotes"], "value = 150000");
    assert_reported(&dir, &run, &["error", "unknown key `valid_until`"], "valid_until");
    assert!(run.out.contains("wait until every file of the plan is valid TOML"), "{}", run.out);
    assert!(!run.out.contains("is missing: measure_numbers"), "no noise: {}", run.out);
    edit(&dir, &factors, "优先保障用电用水\"", "优先保障用电用水");

    let run = validate(&dir);
    assert_eq!(run.code, Some(1), "{}", run.out);
    assert_reported(
        &dir,
        &run,
        &["error", "unknown key `valid_until`", "did you mean `valid_to`"],
        "valid_until",
    );
    assert_reported(
        &dir,
        &run,
        &["error", "status \"final\" is not a known status", "\"issued\""],
        "status = ",
    );
    assert_reported(
        &dir,
        &run,
        &["error", "put the figure in quotes: \"150000\""],
        "value = 150000",
    );
    assert_reported(&dir, &run, &["error", "full-width brackets: write \"四.2(2)\""], "四.2（2）");
    assert_reported(&dir, &run, &["error", "English translation is missing"], "企业基本情况");
    assert_reported(&dir, &run, &["error", "write yuan for an amount in 元"], "unit = \"元\"");
    assert_reported(&dir, &run, &["error", "does not occur verbatim"], "text");

    let run =
        incentives(&["evaluate", &profile(&dir, LED_PROJECT), "--data", dir.to_str().unwrap()]);
    assert_eq!(run.code, Some(1), "{}", run.out);
    assert!(
        run.out.contains("nothing was evaluated") && run.out.contains("valid_until"),
        "{}",
        run.out
    );
}

/// A figure written as an officer might ("50万"), a date with slashes, a translation that is not
/// text: each is reported once, with its fix. The checks across files do not report the field
/// again as missing (it is there, only unreadable), while a field that really is missing still is.
#[test]
fn a_mistyped_value_is_reported_once_not_again_as_missing() {
    let dir = scratch("mistyped");
    let incentives_file = format!("{PLAN}/incentives.toml");
    let mistakes = [
        (
            r#"share = { value = "0.5", unit = "rate", clause = "二.2" }"#,
            r#"share = { value = "50万", unit = "rate", clause = "二.2" }"#,
        ),
        (r#"min_occupancy = { value = "0.6", "#, r#"min_occupancy = { "#),
        (
            r#"title = { zh = "企业基本情况", en = "Your enterprise" }"#,
            r#"title = { zh = "企业基本情况", en = true }"#,
        ),
    ];
    for (from, to) in mistakes {
        edit(&dir, &incentives_file, from, to);
    }
    edit(
        &dir,
        &format!("{PLAN}/plan.toml"),
        r#"valid_to = "2025-12-31""#,
        r#"valid_to = "2025/12/31""#,
    );

    let run = validate(&dir);
    assert_eq!(run.code, Some(1), "{}", run.out);
    assert_reported(
        &dir,
        &run,
        &["error", "`50万` is not a decimal number", "(500,000 yuan), write \"500000\""],
        "value = \"50万\"",
    );
    assert_reported(
        &dir,
        &run,
        &["error", "not a date of the form YYYY-MM-DD", "write \"2025-12-31\""],
        "2025/12/31",
    );
    assert_reported(&dir, &run, &["error", "wrong type", "boolean `true`"], "en = true");
    // The one field that is really missing.
    assert_reported(&dir, &run, &["error", "has neither value nor by_industry"], "min_occupancy");
    let errors: Vec<&str> = run.out.lines().filter(|l| l.starts_with("error")).collect();
    assert_eq!(errors.len(), 4, "one report per mistake:\n{}", run.out);
    // Nor are the texts that state the unreadable figure called stale.
    for repeat in ["are both needed", "translation", "(zh) is missing", "none of the figures"] {
        assert!(!run.out.contains(repeat), "reported again as missing ({repeat}):\n{}", run.out);
    }
}

/// Recipe "issue the plan": the status, then the words that still call it a draft.
#[test]
fn issuing_the_plan_is_a_data_change_and_its_draft_words_are_named() {
    let dir = scratch("issue");
    let plan = format!("{PLAN}/plan.toml");
    edit(&dir, &plan, r#"status = "draft_for_comments""#, r#"status = "issued""#);
    let run = validate(&dir);
    assert_eq!(run.code, Some(0), "{}", run.out);
    assert_reported(
        &dir,
        &run,
        &["warning", "disclaimer.zh says \"征求意见稿\"", "not a draft"],
        "disclaimer = ",
    );
    assert_reported(&dir, &run, &["warning", "disclaimer.en says \"draft\""], "disclaimer = ");
    let report = evaluate(&dir, &profile(&dir, LED_PROJECT));
    assert_eq!(report["plan"]["draft"], false, "{}", report["plan"]);
    assert_eq!(report["plan"]["status_label"]["zh"], "正式印发");

    // The rewritten disclaimer (the officer's words; here a test's).
    let text = fs::read_to_string(dir.join(&plan)).expect("plan.toml");
    let disclaimer =
        text.lines().find(|l| l.starts_with("disclaimer = ")).expect("a disclaimer").to_owned();
    edit(
        &dir,
        &plan,
        &disclaimer,
        r#"disclaimer = { zh = "本工具是依据《钦州市“一县一业”建设三年行动方案（2023-2025年）》制作的非官方辅助工具，不是政府文件。工具给出的金额均为估算，由责任单位依规审核决定。", en = "This tool is an unofficial aid based on the Qinzhou “One County, One Industry” Three-Year Action Plan (2023–2025). It is not a government document; every amount is an estimate, and the competent units decide." }"#,
    );
    let run = validate(&dir);
    assert_eq!(run.code, Some(0), "{}", run.out);
    assert!(run.out.contains("plan data OK"), "{}", run.out);
    let text = incentives(&[
        "evaluate",
        &profile(&dir, LED_PROJECT),
        "--lang",
        "en",
        "--as-of",
        "2024-06-01",
        "--data",
        dir.to_str().unwrap(),
    ]);
    assert!(text.out.contains("The plan has been officially issued."), "{}", text.out);
    assert!(!text.out.to_lowercase().contains("draft"), "{}", text.out);
}

/// Recipe "a successor plan": the officer copies the plan's folder and edits the copy. The id
/// the copy still shares with the plan it came from is named in both (a second plan of the same
/// id would hide one of them from saved answers and links), with the fix; so are a status
/// written as its label, a period that ends before it starts, a rate written with %, and an id
/// that is not its folder's name.
#[test]
fn starting_the_next_plan_from_a_copy_names_what_it_still_shares() {
    let dir = scratch("successor");
    let next = "plans/qinzhou-next";
    copy_dir(&dir.join(PLAN), &dir.join(next));
    let id_line = r#"id = "qinzhou-yixianyiye-2023-2025""#;

    let run = validate(&dir);
    assert_eq!(run.code, Some(1), "{}", run.out);
    assert_reported(
        &dir,
        &run,
        &[
            "error",
            "/qinzhou-next/plan.toml",
            "is also the id of plans/qinzhou-yixianyiye-2023-2025/",
            "write id = \"qinzhou-next\"",
        ],
        id_line,
    );
    assert_reported(
        &dir,
        &run,
        &[
            "error",
            "/qinzhou-yixianyiye-2023-2025/plan.toml",
            "is also the id of plans/qinzhou-next/",
        ],
        id_line,
    );
    assert!(run.out.contains("\n2 errors, 0 warnings: "), "{}", run.out);

    let plan = format!("{next}/plan.toml");
    edit(&dir, &plan, id_line, r#"id = "qinzhou-next""#);
    edit(&dir, &plan, r#"status = "draft_for_comments""#, r#"status = "正式印发""#);
    edit(&dir, &plan, r#"valid_from = "2023-01-01""#, r#"valid_from = "2026-01-01""#);
    edit(
        &dir,
        &format!("{next}/incentives.toml"),
        r#"min_occupancy = { value = "0.6", "#,
        r#"min_occupancy = { value = "60%", "#,
    );
    let run = validate(&dir);
    assert_eq!(run.code, Some(1), "{}", run.out);
    assert!(!run.out.contains("is also the id"), "{}", run.out);
    assert_reported(
        &dir,
        &run,
        &[
            "error",
            "status \"正式印发\" is the label of the status \"issued\"",
            "write status = \"issued\"",
        ],
        "status = ",
    );
    assert_reported(
        &dir,
        &run,
        &["error", "valid_from (2026-01-01) is after valid_to (2025-12-31)"],
        "valid_from = ",
    );
    assert_reported(&dir, &run, &["error", "`60%`", "for the rate 60%, write \"0.6\""], "60%");
    assert!(run.out.contains("\n3 errors, "), "{}", run.out);

    edit(&dir, &plan, r#"status = "正式印发""#, r#"status = "draft_for_comments""#);
    edit(&dir, &plan, r#"valid_from = "2026-01-01""#, r#"valid_from = "2023-01-01""#);
    edit(&dir, &format!("{next}/incentives.toml"), r#"value = "60%""#, r#"value = "0.6""#);
    edit(&dir, &plan, r#"id = "qinzhou-next""#, r#"id = "qinzhou-2026""#);
    let run = validate(&dir);
    assert_eq!(run.code, Some(0), "{}", run.out);
    assert_reported(
        &dir,
        &run,
        &["warning", "id \"qinzhou-2026\" is not the name of its folder, plans/qinzhou-next/"],
        r#"id = "qinzhou-2026""#,
    );
    assert!(run.out.contains("\n0 errors, 1 warning: "), "{}", run.out);
}
