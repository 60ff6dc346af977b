//! Readings of the plan that span more than one incentive, or live outside the incentives
//! (section 二's goals, unit names, measure kinds and notes), and the words the app never uses
//! for a draft whose period has ended. Each test names the clause it reads; the incentive-level
//! readings are case files in `tests/cases`.

use std::fs;
use std::path::Path;

use qinzhou_incentives::engine::policy::{Calc, MeasureKind};
use qinzhou_incentives::engine::{evaluate, Date, Policy, Profile, Status};
use rust_decimal::Decimal;

fn policy() -> &'static Policy {
    Policy::embedded().expect("the embedded plan data parses")
}

fn today() -> Date {
    Date::new(2026, 12, 4).expect("a date")
}

/// 六.1: each revenue level is its own incentive, with its level in the data; a firm that
/// crosses 1亿 and 10亿 for the first time in one year sees both, and the city total adds both.
#[test]
fn six_1_a_firm_crossing_two_levels_sees_each_and_both_count() {
    let policy = policy();
    let levels: Vec<Decimal> = policy
        .incentives
        .iter()
        .filter(|i| i.id.starts_with("revenue_milestone_"))
        .map(|i| i.param("level").and_then(|p| p.value).expect("each level is in the data"))
        .collect();
    let yi = Decimal::from(100_000_000u64);
    let want = [1, 10, 30, 50].map(|n| Decimal::from(n) * yi);
    assert_eq!(levels, want, "one incentive per level of 六.1, each with its level as data");

    let profile = Profile::from_json_with(
        policy,
        r#"{"version": 2, "applicant": "enterprise", "county": "qinnan", "industry": "timber_furniture",
            "year": 2025,
            "answers": {"in_park": true, "above_size": true, "main_revenue": "1200000000",
                        "revenue_first_crossed_100m": true, "city_reward_revenue_100m": "100000",
                        "revenue_first_crossed_1b": true, "city_reward_revenue_1b": "300000"}}"#,
    )
    .expect("a valid profile");
    let report = evaluate(policy, &profile, today());
    let amount = |id: &str| {
        let result = report.result(id).expect(id);
        assert_eq!(result.status, Status::Eligible, "{id}");
        result.amount.max().expect("an amount")
    };
    assert_eq!(amount("revenue_milestone_100m"), Decimal::from(50_000));
    assert_eq!(amount("revenue_milestone_1b"), Decimal::from(150_000));
    for id in ["revenue_milestone_3b", "revenue_milestone_5b"] {
        assert_eq!(report.result(id).map(|r| r.status), Some(Status::NotEligible), "{id}");
    }
    // No other city incentive is eligible in this profile: the city total is the two top-ups.
    assert_eq!(report.totals.city.range.max, Decimal::from(200_000));
}

/// 六.1: the library's note (the measure's) and the calculator agree: each level pays; the
/// measure's benefit says 主营业务收入 (main business revenue), as the plan does.
#[test]
fn six_1_the_measure_note_and_benefit_agree_with_the_calculator() {
    let measure = policy().measure("六.1").expect("六.1");
    let notes: String = measure.notes.iter().map(|n| format!("{} {}", n.zh, n.en)).collect();
    assert!(
        notes.contains("每一档分别奖励") && notes.contains("gets a top-up for each"),
        "{notes}"
    );
    assert!(!notes.contains("15万元/户），因此"), "the old reading (50% of the 15万) is gone");
    let benefit = &measure.benefit;
    assert!(benefit.zh.contains("主营业务收入"), "{}", benefit.zh);
    assert!(
        !benefit.zh.replace("主营业务收入", "").contains("营业收入"),
        "the benefit says 主营业务收入 wherever it speaks of revenue: {}",
        benefit.zh
    );
    assert!(benefit.en.contains("main business revenue"), "{}", benefit.en);
}

/// 二: the city goals of 215亿 and 80亿 are 累计…以上: cumulative, and at least.
#[test]
fn two_the_cumulative_city_goals_keep_their_at_least() {
    let policy = policy();
    for id in ["industry_investment_cumulative", "tangerine_peel_output_cumulative"] {
        let goal = policy.goals.city.iter().find(|g| g.id == id).expect(id);
        assert_eq!(goal.qualifier, "cumulative_at_least", "{id}");
    }
    // Every city goal of section 二 is written 以上.
    for goal in &policy.goals.city {
        assert!(goal.qualifier.ends_with("at_least"), "{}: {}", goal.id, goal.qualifier);
    }
}

/// 三.1: “3年以上” is 3 years or more, in the translation and in a note.
#[test]
fn three_1_three_years_or_more() {
    let measure = policy().measure("三.1").expect("三.1");
    assert!(measure.text.en.contains("3 years or more"), "{}", measure.text.en);
    assert!(!measure.text.en.contains("more than 3 years"));
    assert!(measure
        .notes
        .iter()
        .any(|n| n.zh.contains("3年以上") && n.en.contains("at least 3 years")));
}

/// 四.2(3): a county government gets a computed amount, so the measure is not "government"
/// (no applicant qualifies), and its benefit says the county, not the enterprise, gets it.
#[test]
fn four_2_3_counties_get_a_computed_amount() {
    let policy = policy();
    let measure = policy.measure("四.2(3)").expect("四.2(3)");
    assert_eq!(measure.kind, MeasureKind::CashFormula);
    assert!(policy
        .incentives_of("四.2(3)")
        .any(|i| !matches!(i.calc, Calc::None)
            && i.applicants.iter().any(|a| a == "county_government")));
    // No measure of kind government computes an amount for anyone (validation checks it too).
    for measure in policy.measures.iter().filter(|m| m.kind == MeasureKind::Government) {
        assert!(
            policy.incentives_of(&measure.number).all(|i| matches!(i.calc, Calc::None)),
            "{}",
            measure.number
        );
    }
}

/// 六.1 / 市税务局: the English name of 国家税务总局钦州市税务局.
#[test]
fn the_tax_unit_has_its_official_english_name() {
    let unit = policy().unit_name("市税务局").expect("市税务局");
    assert_eq!(unit.en, "Qinzhou Tax Service of the State Taxation Administration");
}

/// The activity year: questions that speak of 本年度 / 当年 / 上年度 name the chosen year.
#[test]
fn questions_name_the_activity_year() {
    let policy = policy();
    let fact = |id: &str| policy.fact(id).expect(id);
    use qinzhou_incentives::engine::lang::Lang;
    assert!(fact("main_revenue").question_for(Lang::Zh, 2025).contains("2025年度"));
    assert!(fact("main_revenue").question_for(Lang::En, 2024).contains("in 2024"));
    let infra = fact("park_infra_investment_last_year");
    assert!(infra.question_for(Lang::Zh, 2025).contains("2024年度"), "上年度 is the year before");
    assert!(infra.question_for(Lang::En, 2023).contains("in 2022 (the year preceding 2023)"));
    assert!(fact("led_project_fai_this_year")
        .question_for(Lang::Zh, 2023)
        .contains("引进当年（2023年）"));
    for fact in &policy.facts {
        for lang in [Lang::Zh, Lang::En] {
            let q = fact.question_for(lang, 2025);
            assert!(!q.contains('{') && !q.contains("本年度"), "{}: {q}", fact.id);
        }
    }
}

/// Never “承诺” / “committed” for a draft or an ended plan: not in the UI's strings, the
/// command line, the engine's words, the README, the docs or the data shown to people. (The
/// plan's own text keeps its 告知承诺, a legal term of approvals, and its translation.)
#[test]
fn no_committed_anywhere_a_person_reads() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![
        root.join("README.md"),
        root.join("ARCHITECTURE.md"),
        root.join("data/README.md"),
        root.join("data/plans/qinzhou-yixianyiye-2023-2025/plan.toml"),
        root.join("data/plans/qinzhou-yixianyiye-2023-2025/incentives.toml"),
    ];
    for dir in [
        "docs",
        "data/plans/qinzhou-yixianyiye-2023-2025/measures",
        "src/ui",
        "src/engine",
        "src/bin",
    ] {
        let mut stack = vec![root.join(dir)];
        while let Some(dir) = stack.pop() {
            for entry in fs::read_dir(&dir).expect("a readable directory") {
                let path = entry.expect("an entry").path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|x| x == "rs" || x == "md" || x == "toml") {
                    files.push(path);
                }
            }
        }
    }
    let mut found = Vec::new();
    for path in files {
        let text = fs::read_to_string(&path).expect("readable");
        for (n, line) in text.lines().enumerate() {
            // This check's own words, and the engine test that asserts the same.
            if line.contains("contains(\"承诺\")") || line.contains("\"commit") {
                continue;
            }
            // 告知承诺 (approval on a written commitment by the applicant) is a legal term of
            // 四.4(2), in the plan's text and its translation: not about the plan's amounts.
            let mut line = line.replace("告知承诺", "");
            for term in [
                "notification-and-commitment",
                "notification and commitment",
                "approval on a written commitment",
            ] {
                line = line.replace(term, "");
            }
            let lower = line.to_lowercase();
            let english = lower.split(|c: char| !c.is_ascii_alphabetic()).any(|w| {
                matches!(w, "commit" | "commits" | "committed" | "commitment" | "commitments")
            });
            if line.contains("承诺") || english {
                found.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "“承诺” / “committed” is said of the plan's amounts:\n{}",
        found.join("\n")
    );
}
