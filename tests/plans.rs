//! More than one plan: plan folders read at run time, the registry, and the plan in force.
//! The second plan is an invented fixture (tests/fixtures/plans/fixture-successor-2026-2028/,
//! whose files say so); only the real plan is built into the app.

use std::path::Path;

use qinzhou_incentives::engine::lang::Lang;
use qinzhou_incentives::engine::plans::{plan_line, Plans};
use qinzhou_incentives::engine::{evaluate, Date, Policy};

const REAL: &str = "data/plans/qinzhou-yixianyiye-2023-2025";
const FIXTURE: &str = "tests/fixtures/plans/fixture-successor-2026-2028";

fn load(dir: &str) -> Policy {
    Policy::from_dir(Path::new(dir)).unwrap_or_else(|e| panic!("{dir} loads: {e}"))
}

fn day(text: &str) -> Date {
    Date::parse(text).expect("a date")
}

fn both() -> Plans {
    Plans::from_policies([load(REAL), load(FIXTURE)])
}

#[test]
fn a_plan_folder_loads_at_run_time_as_the_build_embeds_it() {
    let from_dir = load(REAL);
    let embedded = Policy::embedded().expect("the built-in plan");
    let json = |p: &Policy| serde_json::to_value(p).expect("serializes");
    assert_eq!(json(&from_dir), json(embedded), "the folder reader and build.rs agree");
}

#[test]
fn every_folder_under_data_plans_is_built_in() {
    let plans = Plans::embedded().expect("the built-in plans");
    let folders: Vec<String> =
        qinzhou_incentives::engine::plan_files::plan_dirs(Path::new("data/plans"))
            .iter()
            .filter_map(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
            .collect();
    assert!(!folders.is_empty());
    let ids: Vec<&str> = plans.policies().map(|p| p.meta.id.as_str()).collect();
    assert_eq!(ids, folders, "one built-in plan per folder, its id its folder's name");
    assert!(!ids.iter().any(|id| id.starts_with("fixture")), "fixtures are never shipped");
}

#[test]
fn the_fixture_says_it_is_invented_and_loads_beside_the_real_plan() {
    let fixture = load(FIXTURE);
    assert!(fixture.meta.title.en.contains("Invented"), "{:?}", fixture.meta.title);
    assert!(fixture.meta.disclaimer.zh.contains("虚构"));
    let plans = both();
    assert_eq!(plans.len(), 2);
    assert_eq!(
        plans.get("fixture-successor-2026-2028").map(|p| p.meta.years()),
        Some(vec![2026, 2027, 2028])
    );
    assert_eq!(
        plans.years(),
        vec![2023, 2024, 2025, 2026, 2027, 2028],
        "the year choice offers every plan's years"
    );
}

#[test]
fn the_plan_in_force_follows_the_date() {
    let plans = both();
    let id = |d: &str| plans.in_force(day(d)).map(|p| p.meta.id.clone());
    assert_eq!(id("2023-01-01").as_deref(), Some("qinzhou-yixianyiye-2023-2025"));
    assert_eq!(id("2025-12-31").as_deref(), Some("qinzhou-yixianyiye-2023-2025"));
    assert_eq!(id("2026-01-01").as_deref(), Some("fixture-successor-2026-2028"));
    assert_eq!(id("2028-12-31").as_deref(), Some("fixture-successor-2026-2028"));
    assert_eq!(id("2022-12-31"), None, "before every plan: none, nothing invented");
    assert_eq!(id("2029-01-01"), None, "after every plan: none");
    let year = |y| plans.for_year(y).map(|p| p.meta.id.clone());
    assert_eq!(year(2024).as_deref(), Some("qinzhou-yixianyiye-2023-2025"));
    assert_eq!(year(2027).as_deref(), Some("fixture-successor-2026-2028"));
    assert_eq!(year(2030), None);
}

#[test]
fn overlaps_prefer_an_issued_plan_then_the_newer_and_gaps_have_none() {
    let draft = load(REAL);
    let mut issued = load(REAL);
    issued.meta.id = "issued-text".to_owned();
    issued.meta.status = "final".to_owned();
    let plans = Plans::from_policies([draft.clone(), issued]);
    assert_eq!(
        plans.in_force(day("2024-06-01")).map(|p| p.meta.id.as_str()),
        Some("issued-text"),
        "issued beats draft"
    );

    // Two drafts overlapping in 2025: the later-starting one applies on the shared days.
    let mut later = load(FIXTURE);
    later.meta.status = "draft_for_comments".to_owned();
    later.meta.valid_from = Some(day("2025-07-01"));
    let plans = Plans::from_policies([draft.clone(), later]);
    assert_eq!(
        plans.in_force(day("2025-03-01")).map(|p| p.meta.id.as_str()),
        Some("qinzhou-yixianyiye-2023-2025")
    );
    assert_eq!(
        plans.in_force(day("2025-08-01")).map(|p| p.meta.id.as_str()),
        Some("fixture-successor-2026-2028")
    );
    assert_eq!(
        plans.for_year(2025).map(|p| p.meta.id.as_str()),
        Some("fixture-successor-2026-2028"),
        "the year closes under the newer plan"
    );

    // A gap: the fixture starting in 2027 leaves 2026 to no plan.
    let mut gap = load(FIXTURE);
    gap.meta.valid_from = Some(day("2027-01-01"));
    let plans = Plans::from_policies([draft, gap]);
    assert!(plans.in_force(day("2026-05-01")).is_none());
    assert!(plans.for_year(2026).is_none());
    assert_eq!(plans.years(), vec![2023, 2024, 2025, 2027, 2028]);
    assert_eq!(
        plans.default_plan(day("2026-12-04")).map(|p| p.meta.id.as_str()),
        Some("qinzhou-yixianyiye-2023-2025"),
        "in a gap the app shows the plan that ended last, and says it has ended"
    );
}

#[test]
fn the_same_answers_give_each_plan_its_own_figures() {
    let plans = both();
    let profile = qinzhou_incentives::engine::Profile::from_json_with(
        plans.get("fixture-successor-2026-2028").expect("fixture"),
        r#"{"version": 2, "applicant": "county_government", "county": "lingshan",
            "answers": {"infra_in_featured_park": true, "park_infra_investment_last_year": "10000000"}}"#,
    )
    .expect("reads under the fixture");
    let amount = |id: &str, as_of: &str| {
        let policy = plans.get(id).expect("plan");
        let report = evaluate(policy, &profile, day(as_of));
        let result = report
            .results
            .iter()
            .find(|r| r.id == "park_infrastructure_subsidy")
            .expect("the subsidy");
        result.amount.render(Lang::En)
    };
    // Real plan: 10% of 10,000,000 = 1,000,000; invented fixture: 20% = 2,000,000.
    assert!(amount("qinzhou-yixianyiye-2023-2025", "2024-06-01").contains("1,000,000"));
    assert!(amount("fixture-successor-2026-2028", "2027-06-01").contains("2,000,000"));
}

#[test]
fn the_plan_line_names_title_status_and_version_in_both_languages() {
    let real = load(REAL);
    let zh = plan_line(&real.meta, Lang::Zh);
    assert!(
        zh.contains(&real.meta.title.zh)
            && zh.contains(&real.meta.status_label.zh)
            && zh.contains(&real.meta.data_version),
        "{zh}"
    );
    let en = plan_line(&real.meta, Lang::En);
    assert!(en.contains(&real.meta.title.en) && en.contains("data version"), "{en}");
    assert!(!zh.contains(&real.meta.id) && !en.contains(&real.meta.id), "no internal id");
}

#[test]
fn a_broken_plan_folder_names_the_file_and_line() {
    let scratch = std::env::temp_dir().join(format!("plans-test-{}", std::process::id()));
    let dir = scratch.join("broken");
    std::fs::create_dir_all(dir.join("measures")).expect("scratch");
    std::fs::write(dir.join("plan.toml"), "[meta]\nid = \"broken\"\ntitle = \n").expect("write");
    std::fs::write(dir.join("incentives.toml"), "").expect("write");
    let error = Policy::from_dir(&dir).expect_err("a TOML error");
    assert!(
        error.message.contains("plan.toml") && error.message.contains("line 3"),
        "{}",
        error.message
    );
    std::fs::remove_file(dir.join("incentives.toml")).expect("remove");
    std::fs::write(dir.join("plan.toml"), "[meta]\nid = \"broken\"\n").expect("write");
    let error = Policy::from_dir(&dir).expect_err("a missing file");
    assert!(error.message.contains("incentives.toml"), "{}", error.message);
    let _ = std::fs::remove_dir_all(&scratch);
}

mod profiles_and_links {
    use super::*;
    use qinzhou_incentives::engine::plans::made_under;
    use qinzhou_incentives::engine::profile::{FIRST_DATA_VERSION, FIRST_PLAN_ID};
    use qinzhou_incentives::engine::share::{decode_link, encode_profile_with, ShareError};
    use qinzhou_incentives::engine::{Profile, ProfileError};

    const FIXTURE_ID: &str = "fixture-successor-2026-2028";

    fn county_profile(policy: &Policy) -> Profile {
        let mut profile = Profile::from_json_with(
            policy,
            r#"{"version": 3, "applicant": "county_government", "county": "lingshan",
                "answers": {"infra_in_featured_park": true, "park_infra_investment_last_year": "10000000"}}"#,
        )
        .expect("reads");
        profile.set_plan(&policy.meta);
        profile
    }

    #[test]
    fn a_profile_made_under_one_plan_opens_under_another_and_says_so() {
        let plans = both();
        let (real, fixture) =
            (plans.get(FIRST_PLAN_ID).expect("real"), plans.get(FIXTURE_ID).expect("fixture"));
        let made = county_profile(fixture);
        let text = made.to_json();
        assert!(text.contains(FIXTURE_ID) && text.contains("0.1.0-test"), "{text}");

        // Read back among both plans: under its own plan, nothing to say.
        let back = Profile::from_json_in(&plans, &text).expect("reads under its plan");
        assert_eq!(back, made);
        assert_eq!(
            made_under(&plans, back.plan.as_deref(), back.data_version.as_deref(), &fixture.meta),
            None
        );
        // Shown under the real plan: the notice names the plan it was made under.
        let notice =
            made_under(&plans, back.plan.as_deref(), back.data_version.as_deref(), &real.meta)
                .expect("a notice");
        assert!(!notice.same_plan);
        assert_eq!(
            notice.title.as_ref().map(|t| t.en.as_str()),
            Some(fixture.meta.title.en.as_str())
        );
        assert_eq!(notice.data_version.as_deref(), Some("0.1.0-test"));

        // The app without the fixture: a clear error, and the text is untouched.
        let only_real = Plans::from_policies([load(REAL)]);
        assert_eq!(
            Profile::from_json_in(&only_real, &text),
            Err(ProfileError::UnknownPlan { id: FIXTURE_ID.to_owned() })
        );
        let message = ProfileError::UnknownPlan { id: FIXTURE_ID.into() }.message(Lang::En);
        assert!(message.contains("does not have") && !message.contains(FIXTURE_ID), "{message}");
    }

    #[test]
    fn another_data_version_of_the_same_plan_is_a_notice_too() {
        let plans = both();
        let real = plans.get(FIRST_PLAN_ID).expect("real");
        let mut newer = real.clone();
        newer.meta.data_version = "1.1.0".to_owned();
        let notice =
            made_under(&plans, Some(FIRST_PLAN_ID), Some("1.0.0"), &newer.meta).expect("a notice");
        assert!(notice.same_plan);
        assert_eq!(notice.data_version.as_deref(), Some("1.0.0"));
        assert_eq!(made_under(&plans, None, None, &real.meta), None, "a new profile says nothing");
    }

    #[test]
    fn a_link_carries_its_plan_and_version() {
        let plans = both();
        let list: Vec<&Policy> = plans.policies().collect();
        let (real, fixture) =
            (plans.get(FIRST_PLAN_ID).expect("real"), plans.get(FIXTURE_ID).expect("fixture"));
        for policy in [real, fixture] {
            let profile = county_profile(policy);
            let link = encode_profile_with(&profile, policy);
            let back = decode_link(&link, &list).expect("decodes");
            assert_eq!(back, profile, "{}", policy.meta.id);
            assert_eq!(back.plan.as_deref(), Some(policy.meta.id.as_str()));
            assert_eq!(back.data_version.as_deref(), Some(policy.meta.data_version.as_str()));
        }
        // A link of the fixture opened by an app without it: UnknownPlan, in both languages.
        let link = encode_profile_with(&county_profile(fixture), fixture);
        let error = decode_link(&link, &[real]).expect_err("unknown plan");
        assert_eq!(error, ShareError::UnknownPlan);
        assert!(error.message(Lang::Zh).contains("没有的政策方案"));
        assert!(error.message(Lang::En).contains("nothing is lost"));
    }

    #[test]
    fn links_of_older_formats_open_under_the_first_plan() {
        // tests/corpus/links/links.txt keeps links of formats 1 and 2 that must still open.
        let corpus = std::fs::read_to_string("tests/corpus/links/links.txt").expect("corpus");
        let old = corpus
            .lines()
            .filter_map(|l| l.split_once(" => "))
            .find(|(link, outcome)| link.starts_with('A') && *outcome == "Ok")
            .map(|(link, _)| link.to_owned());
        let plans = both();
        let list: Vec<&Policy> = plans.policies().collect();
        let link = old.expect("tests/corpus/links/links.txt keeps an old link that opens");
        let profile = decode_link(&link, &list).expect("an old link opens");
        assert_eq!(profile.plan.as_deref(), Some(FIRST_PLAN_ID));
        assert_eq!(profile.data_version.as_deref(), Some(FIRST_DATA_VERSION));
    }
}

mod command_line {
    use super::*;
    use std::process::Command;

    fn run(args: &[&str]) -> (i32, String, String) {
        let out = Command::new(env!("CARGO_BIN_EXE_incentives")).args(args).output().expect("runs");
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    fn fixture_profile() -> std::path::PathBuf {
        let path =
            std::env::temp_dir().join(format!("fixture-profile-{}.json", std::process::id()));
        std::fs::write(
            &path,
            r#"{"version": 3, "plan": "fixture-successor-2026-2028", "data_version": "0.1.0-test",
                "applicant": "county_government", "county": "lingshan",
                "answers": {"infra_in_featured_park": true, "park_infra_investment_last_year": "10000000"}}"#,
        )
        .expect("write");
        path
    }

    #[test]
    fn data_adds_a_plan_folder_and_plan_picks_one() {
        let file = fixture_profile();
        let file = file.to_str().expect("utf-8 path");
        let (code, _, err) = run(&["evaluate", file, "--lang", "en"]);
        assert_eq!(code, 1, "without the fixture the plan is unknown: {err}");
        assert!(err.contains("does not have"), "{err}");

        let (code, out, err) =
            run(&["evaluate", file, "--data", FIXTURE, "--lang", "en", "--as-of", "2027-03-01"]);
        assert_eq!(code, 0, "{err}");
        assert!(out.contains("Invented test plan") && out.contains("¥2,000,000"), "{out}");

        let (code, out, err) = run(&[
            "evaluate",
            file,
            "--data",
            "tests/fixtures/plans",
            "--plan",
            "qinzhou-yixianyiye-2023-2025",
            "--lang",
            "en",
            "--as-of",
            "2026-12-04",
        ]);
        assert_eq!(code, 0, "{err}");
        assert!(out.contains("¥1,000,000"), "the real plan's 10%: {out}");
        assert!(out.contains("was made under “Invented test plan"), "the notice: {out}");

        let (code, _, err) = run(&["evaluate", file, "--data", FIXTURE, "--plan", "no-such-plan"]);
        assert_eq!(code, 2, "{err}");
        let (code, _, err) = run(&["evaluate", file, "--data", "tests"]);
        assert_eq!(code, 1, "{err}");
        assert!(err.contains("no plan folder"), "{err}");
    }

    #[test]
    fn a_year_of_another_plan_moves_to_the_plan_in_force_that_year() {
        // A profile of version 2 (before plans): made under the first plan.
        let path = std::env::temp_dir().join(format!("old-profile-{}.json", std::process::id()));
        std::fs::write(&path, r#"{"version": 2, "applicant": "county_government", "county": "lingshan", "year": 2025}"#)
            .expect("write");
        let (code, out, err) = run(&[
            "evaluate",
            path.to_str().expect("utf-8"),
            "--data",
            FIXTURE,
            "--year",
            "2027",
            "--lang",
            "en",
            "--as-of",
            "2026-12-04",
        ]);
        assert_eq!(code, 0, "{err}");
        assert!(out.starts_with("Invented test plan"), "{out}");
        assert!(
            out.contains("was made under “Qinzhou"),
            "says which plan it was made under: {out}"
        );
    }
}

#[test]
fn the_shared_statuses_beside_plans_are_merged_into_each_plan() {
    // tests/fixtures/statuses.toml sits beside tests/fixtures/plans/, as data/statuses.toml
    // beside data/plans/ (when that file exists).
    let merged =
        qinzhou_incentives::engine::plan_files::merge_plan_dir(Path::new(FIXTURE)).expect("merges");
    assert!(
        merged.files.first().is_some_and(|f| f.ends_with("tests/fixtures/statuses.toml")),
        "{:?}",
        merged.files
    );
    let statuses = merged.json.get("statuses").and_then(|s| s.as_array()).expect("statuses merged");
    let status = load(FIXTURE).meta.status;
    assert!(
        statuses.iter().any(|s| s.get("id").and_then(|i| i.as_str()) == Some(status.as_str())),
        "the fixture's status {status} is a known one"
    );
}
