//! Properties of the evaluation over random profiles: no amount is ever negative, none exceeds
//! its cap, ranges are ordered, totals are consistent, and rewards never decrease as an
//! investment (or any other amount that is not a deduction) grows.

use std::collections::HashSet;

use proptest::prelude::*;
use qinzhou_incentives::engine::policy::{Calc, FactKind};
use qinzhou_incentives::engine::report::{Amount, Status};
use qinzhou_incentives::engine::{evaluate, Answer, ApplicantType, Date, Policy, Profile};
use rust_decimal::Decimal;

fn policy() -> &'static Policy {
    Policy::embedded().expect("the embedded plan data parses")
}

fn day() -> Date {
    Date::new(2024, 6, 1).expect("a real day")
}

/// One random answer per fact, or none: `(presence, seed)` pairs drive every choice.
fn profile_from(applicant: usize, county: usize, industry: usize, seeds: &[(u8, u64)]) -> Profile {
    let policy = policy();
    let mut profile = Profile::new();
    profile.applicant = ApplicantType::ALL.get(applicant).copied();
    profile.county = policy.counties.get(county).map(|c| c.id.clone());
    profile.industry = policy.industries.get(industry).map(|i| i.id.clone());
    for (fact, &(presence, seed)) in policy.facts.iter().zip(seeds.iter().cycle()) {
        if presence == 0 {
            continue; // not answered
        }
        let answer = match fact.kind {
            FactKind::Bool => Answer::Bool(seed % 4 != 0), // mostly yes, to reach the formulas
            FactKind::Money => Answer::Number(money(seed)),
            FactKind::Count => Answer::Number(Decimal::from(seed % 2_000)),
            FactKind::Percent => Answer::Number(Decimal::new((seed % 101) as i64, 2)),
            FactKind::Choice => match fact.choices.get(seed as usize % fact.choices.len().max(1)) {
                Some(choice) => Answer::Choice(choice.id.clone()),
                None => continue,
            },
            FactKind::Unknown => continue,
        };
        profile.answers.insert(fact.id.clone(), answer);
    }
    profile
}

/// Amounts across every scale that matters: from 0 to 10^12 yuan, with fen.
fn money(seed: u64) -> Decimal {
    let scale = [1_u64, 100, 10_000, 1_000_000, 100_000_000, 10_000_000_000][(seed % 6) as usize];
    Decimal::new(((seed >> 3) % 100_000 * scale) as i64, 2)
}

fn profile_strategy() -> impl Strategy<Value = Profile> {
    (0..8usize, 0..5usize, 0..6usize, prop::collection::vec((0u8..4, any::<u64>()), 64))
        .prop_map(|(a, c, i, seeds)| profile_from(a, c, i, &seeds))
}

/// The cap of a capped formula, or the fixed amount of a fixed one: nothing may exceed it.
fn ceiling(policy: &Policy, id: &str) -> Option<Decimal> {
    let incentive = policy.incentive(id)?;
    let name = match &incentive.calc {
        Calc::RateOfBase { cap: Some(cap), .. } => cap,
        Calc::Fixed { amount } => amount,
        _ => return None,
    };
    incentive.params.get(name)?.value
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn no_amount_is_negative_or_above_its_cap(profile in profile_strategy()) {
        let policy = policy();
        let report = evaluate(policy, &profile, day());
        for result in &report.results {
            if let (Some(min), Some(max)) = (result.amount.min(), result.amount.max()) {
                prop_assert!(min >= Decimal::ZERO, "{}: negative minimum {min}", result.id);
                prop_assert!(min <= max, "{}: {min} > {max}", result.id);
                if let Some(cap) = ceiling(policy, result.id) {
                    prop_assert!(max <= cap, "{}: {max} above its cap {cap}", result.id);
                }
            }
            if result.status == Status::NotApplicable || result.status == Status::NotEligible {
                prop_assert!(matches!(result.amount, Amount::NotComputed | Amount::NoAmountInPlan));
            }
        }
        let t = report.totals;
        prop_assert!(t.city.range.min >= Decimal::ZERO && t.city.range.min <= t.city.range.max);
        prop_assert!(t.region.range.min >= Decimal::ZERO && t.region.range.min <= t.region.range.max);
    }

    #[test]
    fn rewards_never_decrease_as_an_amount_grows(
        profile in profile_strategy(),
        fact_index in 0..64usize,
        extra_seed in any::<u64>(),
    ) {
        let policy = policy();
        // Deductions (rewards already granted, tax rewards) lower an amount by design.
        let deductions: HashSet<&str> = policy
            .incentives
            .iter()
            .filter_map(|i| match &i.calc {
                Calc::RateOfBase { minus: Some(minus), .. } => Some(minus.as_str()),
                _ => None,
            })
            .collect();
        let growing: Vec<&str> = policy
            .facts
            .iter()
            .filter(|f| f.kind == FactKind::Money && !deductions.contains(f.id.as_str()))
            .map(|f| f.id.as_str())
            .collect();
        let fact = growing[fact_index % growing.len()];
        let low = match profile.answer(fact) {
            Some(Answer::Number(n)) => *n,
            _ => Decimal::ZERO,
        };
        let high = low + money(extra_seed);
        let mut smaller = profile.clone();
        smaller.set_answer(fact, Some(Answer::Number(low)));
        let mut larger = profile;
        larger.set_answer(fact, Some(Answer::Number(high)));
        let before = evaluate(policy, &smaller, day());
        let after = evaluate(policy, &larger, day());
        for (a, b) in before.results.iter().zip(&after.results) {
            if a.status == Status::Eligible {
                prop_assert_eq!(b.status, Status::Eligible, "{}: {} {} → {} lost eligibility", a.id, fact, low, high);
            }
            if let (Some(x), Some(y)) = (a.amount.max(), b.amount.max()) {
                prop_assert!(y >= x, "{}: {} {} → {} lowered the amount {} → {}", a.id, fact, low, high, x, y);
            }
            if let (Some(x), Some(y)) = (a.amount.min(), b.amount.min()) {
                prop_assert!(y >= x, "{}: minimum fell {} → {}", a.id, x, y);
            }
        }
    }

    #[test]
    fn evaluation_never_panics_on_profiles_built_in_code(
        applicant in 0..8usize,
        answers in prop::collection::vec(("[a-z_]{1,30}", any::<bool>(), any::<i64>(), 0u32..28), 0..40),
    ) {
        // The UI builds profiles directly; unknown facts or wrongly typed answers must be
        // tolerated (treated as unanswered), never panic.
        let policy = policy();
        let mut profile = Profile::new();
        profile.applicant = ApplicantType::ALL.get(applicant).copied();
        profile.county = Some("pubei".to_owned());
        profile.industry = Some("nonsense".to_owned());
        let ids: Vec<&str> = policy.facts.iter().map(|f| f.id.as_str()).collect();
        for (i, (name, flag, number, scale)) in answers.into_iter().enumerate() {
            let id = if flag { ids[i % ids.len()].to_owned() } else { name };
            let answer = match i % 3 {
                0 => Answer::Bool(flag),
                1 => Answer::Number(Decimal::new(number, scale)),
                _ => Answer::Choice("whatever".to_owned()),
            };
            profile.answers.insert(id, answer);
        }
        let report = evaluate(policy, &profile, day());
        prop_assert_eq!(report.results.len(), policy.incentives.len());
    }
}

#[test]
fn a_huge_answer_set_in_code_becomes_an_error_status_not_a_panic() {
    let policy = policy();
    let mut profile = Profile::new();
    profile.applicant = Some(ApplicantType::HrAgency);
    profile.answers.insert("hr_agency_commercial".into(), Answer::Bool(true));
    // Beyond what the profile reader accepts, as only code could set it.
    profile.answers.insert("placed_workers".into(), Answer::Number(Decimal::MAX));
    let report = evaluate(policy, &profile, day());
    let result = report.result("placement_service_subsidy").expect("the HR incentive");
    assert_eq!(result.status, Status::Error);
    assert!(result.error.is_some());
}
