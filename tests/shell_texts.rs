//! The loading shell's texts (`scripts/shell.py`, filled into `index.html` at build time) say
//! what the app says: they are read from the plan's data and the UI's string tables by a script,
//! and this checks the script's reading against the app's own code: the start screen's title,
//! status line and notes, the app's name, the "ended" line with the engine's date, and which
//! statuses count as a draft (`Meta::is_draft`). The browser tests (`shell.test.mjs`) check the
//! built page.

use std::collections::BTreeMap;
use std::process::Command;

use qinzhou_incentives::engine::lang::Lang;
use qinzhou_incentives::engine::period::date_text;
use qinzhou_incentives::engine::plans::Plans;
use qinzhou_incentives::engine::{Date, Policy};
use qinzhou_incentives::ui::layout::Frame;
use qinzhou_incentives::ui::screens::home::HomeText;
use qinzhou_incentives::ui::shell::ShellText;
use serde::Deserialize;

#[derive(Deserialize)]
struct Report {
    texts: BTreeMap<String, String>,
    is_draft: BTreeMap<String, bool>,
}

#[derive(Deserialize)]
struct Shown {
    plan: String,
}

/// Every status of data/statuses.toml, and some it does not know.
fn statuses() -> Vec<String> {
    let policy = Policy::embedded().expect("the embedded plan data parses");
    let mut all: Vec<String> = policy.statuses.iter().map(|s| s.id.clone()).collect();
    all.extend(["final", "", "draft", "no_such_status"].map(String::from));
    all
}

fn shell_py() -> Report {
    let out = Command::new("python3")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/shell.py"))
        .args(statuses())
        .output()
        .expect("python3 runs (the build's post-build hook needs it too)");
    assert!(out.status.success(), "shell.py failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("shell.py prints JSON")
}

#[test]
fn the_shell_decides_draft_as_the_engine_does() {
    let report = shell_py();
    for status in statuses() {
        let mut policy = Policy::embedded().expect("the embedded plan data parses").clone();
        policy.meta.status = status.clone();
        policy.resolve_status();
        assert_eq!(report.is_draft[&status], policy.meta.is_draft(), "status {status:?}");
    }
    assert!(report.is_draft["no_such_status"], "an unknown status is a draft, as in the engine");
}

#[test]
fn the_shell_shows_the_plan_the_app_shows_when_none_is_chosen() {
    let plans = Plans::embedded().expect("the built-in plans");
    for day in ["2024-06-01", "2026-12-05", "2020-01-01"] {
        let out = Command::new("python3")
            .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/shell.py"))
            .args(["--today", day])
            .output()
            .expect("python3 runs");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let shown: Shown = serde_json::from_slice(&out.stdout).expect("JSON");
        let app = plans.default_plan(Date::parse(day).expect("a date")).expect("a plan");
        assert_eq!(shown.plan, app.meta.id, "on {day}");
    }
}

#[test]
fn the_shell_says_what_the_start_screen_and_the_engine_say() {
    let texts = shell_py().texts;
    let meta = &Policy::embedded().expect("the embedded plan data parses").meta;
    let (from, to) = (meta.valid_from.expect("valid_from"), meta.valid_to.expect("valid_to"));
    for (lang, up) in [(Lang::Zh, "ZH"), (Lang::En, "EN")] {
        let text = |name: &str| texts[&format!("{name}_{up}")].as_str();
        assert_eq!(text("APP_NAME"), Frame::AppName.get(lang));
        assert_eq!(text("TITLE"), HomeText::Title.get(lang));
        assert_eq!(text("LEAD"), HomeText::Lead.get(lang).replace("{title}", meta.title.get(lang)));
        // As the start screen's badge (screens/home.rs).
        let status = format!(
            "{} · {} {}–{}",
            meta.status_label.get(lang),
            HomeText::Valid.get(lang),
            from.year,
            to.year
        );
        assert_eq!(text("STATUS"), status);
        let mut note = Vec::new();
        if meta.is_draft() {
            note.push(HomeText::DraftNote.get(lang));
        }
        note.push(HomeText::Private.get(lang));
        assert_eq!(text("STATUS_NOTE"), note.join(" "));
        let ended = ShellText::Ended
            .get(lang)
            .replace("{title}", meta.title.get(lang))
            .replace("{end}", &date_text(to, lang));
        assert_eq!(text("ENDED"), ended);
        assert_eq!(text("LOADING"), ShellText::Loading.get(lang));
    }
    assert_eq!(texts["VALID_TO"], format!("{:04}-{:02}-{:02}", to.year, to.month, to.day));
}
