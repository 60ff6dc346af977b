//! The loading shell's texts (`scripts/shell.py`, filled into `index.html` at build time) say
//! what the app says: they are read from the plan's data and the UI's string tables by a script,
//! and this checks the script's reading against the app's own code: the start screen's title,
//! status line, notes and choices (applicant types, counties with their featured industries,
//! industries), the app's name, the period's notice as the engine words it in each state, and
//! which statuses count as a draft (`Meta::is_draft`). The browser tests (`shell.test.mjs`) check the
//! built page.

use std::collections::BTreeMap;
use std::process::Command;

use qinzhou_incentives::engine::lang::Lang;
use qinzhou_incentives::engine::period::plan_period_notice;
use qinzhou_incentives::engine::plans::Plans;
use qinzhou_incentives::engine::profile::{ApplicantType, OTHER_INDUSTRY};
use qinzhou_incentives::engine::{Date, Policy};
use qinzhou_incentives::ui::layout::Frame;
use qinzhou_incentives::ui::screens::home::{industry_choices, industry_matters, HomeText};
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
        assert_eq!(text("SWITCH_LANGUAGE"), Frame::SwitchLanguagePrefix.get(lang));
        assert_eq!(text("TITLE"), HomeText::Title.get(lang));
        assert_eq!(text("LEAD"), HomeText::Lead.get(lang).replace("{title}", meta.title.get(lang)));
        // As the start screen's badge (screens/home.rs): its two parts.
        assert_eq!(text("STATUS_LABEL"), meta.status_label.get(lang));
        let period = format!("{} {}–{}", HomeText::Period.get(lang), from.year, to.year);
        assert_eq!(text("STATUS_PERIOD"), period);
        let mut note = Vec::new();
        if meta.is_draft() {
            note.push(HomeText::DraftNote.get(lang));
        }
        note.push(HomeText::Private.get(lang));
        assert_eq!(text("STATUS_NOTE"), note.join(" "));
        // The start screen's period notice, as the engine words it on a day of each state.
        let day = |text: String| Date::parse(&text).expect("a date");
        for (state, on) in [
            ("ENDED", day(format!("{}-01-01", to.year + 1))),
            ("RUNNING", from),
            ("NOT_STARTED", day(format!("{}-12-31", from.year - 1))),
        ] {
            let notice = plan_period_notice(meta, on, lang);
            assert_eq!(text(&format!("NOTICE_{state}")), notice, "{state}");
        }
        assert_eq!(text("LOADING"), ShellText::Loading.get(lang));
    }
    assert_eq!(texts["VALID_FROM"], format!("{:04}-{:02}-{:02}", from.year, from.month, from.day));
    assert_eq!(texts["VALID_TO"], format!("{:04}-{:02}-{:02}", to.year, to.month, to.day));
    assert_eq!(texts["PLAN_ID"], meta.id);
}

/// As Python's `html.escape`.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#x27;")
}

/// The attributes after `value="…"` of the radio named `field` with that value.
fn radio_attrs<'f>(form: &'f str, field: &str, value: &str) -> Option<&'f str> {
    let radio = format!("name=\"{field}\" value=\"{value}\"");
    form.split(&radio).nth(1).and_then(|rest| rest.split('>').next())
}

/// The values of the radios named `field`, in order.
fn radio_values(form: &str, field: &str) -> Vec<String> {
    let marker = format!("name=\"{field}\" value=\"");
    form.split(&marker)
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(String::from)
        .collect()
}

#[test]
fn the_shells_start_form_offers_what_the_start_screen_offers() {
    let texts = shell_py().texts;
    let form = texts["START_FORM"].as_str();
    let policy = Policy::embedded().expect("the embedded plan data parses");
    let ids: Vec<&str> = ApplicantType::ALL.iter().map(|a| a.id()).collect();
    assert_eq!(radio_values(form, "applicant"), ids);
    // The applicants whose choice takes the industry question away, as the start screen's.
    for applicant in ApplicantType::ALL {
        let marked = radio_attrs(form, "applicant", applicant.id())
            .is_some_and(|attrs| attrs.contains("data-no-industry"));
        assert_eq!(marked, !industry_matters(policy, applicant), "{applicant:?}");
    }
    assert!(form.contains("data-no-industry"), "some applicant is not asked for an industry");
    // Once a county is chosen, the shell keeps the industries the start screen offers for it.
    let counties_of = |industry: &str| -> Vec<String> {
        let list = radio_attrs(form, "industry", industry)
            .and_then(|a| a.split("data-counties=\"").nth(1))
            .and_then(|r| r.split('"').next());
        list.map(|l| l.split_whitespace().map(String::from).collect()).unwrap_or_default()
    };
    for county in &policy.counties {
        let kept: Vec<String> = industry_choices(policy, None)
            .into_iter()
            .filter(|i| i == OTHER_INDUSTRY || counties_of(i).contains(&county.id))
            .collect();
        assert_eq!(kept, industry_choices(policy, Some(&county.id)), "{}", county.id);
    }
    let counties: Vec<&str> = policy.counties.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(radio_values(form, "county"), counties);
    assert_eq!(radio_values(form, "industry"), industry_choices(policy, None));
    for lang in [Lang::Zh, Lang::En] {
        let shown = |text: &str| format!(">{}<", escaped(text));
        for applicant in ApplicantType::ALL {
            assert!(form.contains(&shown(applicant.label(lang))), "{applicant:?} {lang:?}");
        }
        for county in &policy.counties {
            let names: Vec<&str> = county
                .featured_industries()
                .filter_map(|i| policy.industry(i))
                .map(|i| i.name.get(lang))
                .collect();
            let label = format!(
                ">{}<small>{}</small>",
                escaped(county.name.get(lang)),
                escaped(&format!("（{}）", names.join("、")))
            );
            assert!(form.contains(&label), "{}: {label}", county.id);
        }
        for industry in policy.industries.iter().filter(|i| i.id != OTHER_INDUSTRY) {
            assert!(form.contains(&shown(industry.name.get(lang))), "{}", industry.id);
        }
        for key in [
            HomeText::Who,
            HomeText::Where,
            HomeText::WhereHint,
            HomeText::Which,
            HomeText::WhichHint,
            HomeText::Other,
            HomeText::Begin,
        ] {
            assert!(form.contains(&shown(key.get(lang))), "{key:?} {lang:?}");
        }
        assert!(form.contains(&shown(ShellText::Loading.get(lang))));
    }
}
