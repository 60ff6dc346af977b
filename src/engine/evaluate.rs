//! `evaluate(policy, profile, as_of) -> Report`: every incentive checked against the profile.
//!
//! Per incentive: not for this applicant type → `not_applicable`; a condition not met →
//! `not_eligible`; a condition or formula input unanswered → `needs_answers`; else `eligible`.
//! The amount is computed whenever no condition fails and the formula's inputs are answered,
//! so a `needs_answers` result can say what it would be worth.

use rust_decimal::Decimal;

use super::calc::{compute, Computed};
use super::date::Date;
use super::policy::{Calc, FactKind, Incentive, Level, MeasureKind, Policy, Test};
use super::profile::Profile;
use super::report::{
    Amount, Bound, ConditionResult, IncentiveResult, Outcome, PlanStatus, Report, ServiceRef,
    Status, TotalLine, Totals, UncheckedItem,
};
use super::rules::{push_unique, Context, APPLICANT_FIELD};
use super::trace::{Hint, HintKind, Quantity};

/// Evaluates every incentive of the plan for one profile, on one day.
///
/// Pure and fast (no parsing, a few small allocations per incentive). `as_of` only decides
/// whether the day is inside the plan's period (`report.plan.in_period`).
pub fn evaluate<'p>(policy: &'p Policy, profile: &Profile, as_of: Date) -> Report<'p> {
    let ctx = Context::new(policy, profile);
    let results: Vec<IncentiveResult<'p>> =
        policy.incentives.iter().map(|incentive| evaluate_incentive(&ctx, incentive)).collect();
    let totals = totals(&results);
    let unchecked = results
        .iter()
        .filter(|r| matches!(r.status, Status::Eligible | Status::NeedsAnswers))
        .flat_map(|r| {
            r.unchecked.iter().map(|text| UncheckedItem { incentive: r.id, clause: r.clause, text })
        })
        .collect();
    let meta = &policy.meta;
    let in_period = meta.valid_from.is_none_or(|from| from <= as_of)
        && meta.valid_to.is_none_or(|to| as_of <= to);
    Report {
        as_of,
        plan: PlanStatus {
            title: &meta.title,
            status_label: &meta.status_label,
            status_meaning: &meta.status_meaning,
            draft: meta.is_draft(),
            valid_from: meta.valid_from,
            valid_to: meta.valid_to,
            in_period,
            ended: meta.has_ended(as_of),
        },
        applicant: profile.applicant,
        activity_year: profile.activity_year(policy, as_of),
        year_chosen: profile.year.is_some(),
        results,
        services: services(policy, profile),
        totals,
        unchecked,
    }
}

fn evaluate_incentive<'p>(ctx: &Context<'_, 'p>, incentive: &'p Incentive) -> IncentiveResult<'p> {
    let mut result = IncentiveResult {
        id: &incentive.id,
        clause: &incentive.measure,
        title: &incentive.title,
        summary: &incentive.summary,
        level: incentive.level,
        status: Status::NotApplicable,
        conditions: Vec::new(),
        amount: match incentive.calc {
            Calc::None => Amount::NoAmountInPlan,
            _ => Amount::NotComputed,
        },
        bound: None,
        trace: Vec::new(),
        hint: None,
        missing: Vec::new(),
        payer: incentive.payer.as_ref(),
        shared_cap: incentive.shared_cap.as_ref(),
        unchecked: &incentive.unchecked,
        notes: &incentive.notes,
        error: None,
    };
    match ctx.profile.applicant {
        Some(applicant) if !incentive.is_for(applicant) => return result,
        Some(_) => {}
        None => result.missing.push(APPLICANT_FIELD),
    }

    result.conditions.reserve_exact(incentive.conditions.len());
    for condition in &incentive.conditions {
        let checked = ctx.check(incentive, &condition.test);
        if checked.outcome == Outcome::Unanswered {
            ctx.unanswered_facts(incentive, &condition.test, &mut result.missing);
        }
        if checked.outcome == Outcome::NotMet && result.bound.is_none() {
            // The first failed comparison is the threshold that bound.
            if let Some(t) = checked.threshold {
                result.bound =
                    Some(Bound::Threshold { param: t.name, clause: t.clause, value: t.value });
            }
        }
        result.conditions.push(ConditionResult {
            id: &condition.id,
            clause: &condition.clause,
            label: &condition.label,
            outcome: checked.outcome,
            fact: checked.fact,
            threshold: checked.threshold.map(|t| t.value),
        });
    }
    let any = |outcome| result.conditions.iter().any(|c| c.outcome == outcome);
    let failed = any(Outcome::NotMet);
    let open = any(Outcome::Unanswered) || ctx.profile.applicant.is_none();

    if !failed {
        let Computed { amount, bound, trace, missing, error } = compute(ctx, incentive);
        result.amount = amount;
        result.trace = trace;
        if bound.is_some() {
            result.bound = bound;
        }
        for fact in missing {
            push_unique(&mut result.missing, fact);
        }
        result.error = error;
    }
    result.status = if failed {
        Status::NotEligible
    } else if result.error.is_some() {
        Status::Error
    } else if open || !result.missing.is_empty() {
        Status::NeedsAnswers
    } else {
        Status::Eligible
    };
    result.hint = hint(ctx, incentive, &result);
    result
}

/// The next threshold: an unmet (or unanswered) minimum that would unlock the incentive, or,
/// for a capped formula, the input at which the cap starts to bind.
fn hint<'p>(
    ctx: &Context<'_, 'p>,
    incentive: &'p Incentive,
    result: &IncentiveResult<'p>,
) -> Option<Hint<'p>> {
    let quantity_of = |fact: &str| match ctx.policy.fact(fact).map(|f| f.kind) {
        Some(FactKind::Count) => Quantity::Count,
        Some(FactKind::Percent) => Quantity::Rate,
        _ => Quantity::Yuan,
    };
    let label_of = |fact: &'p str| ctx.policy.fact(fact).map(|f| &f.label);

    // A minimum not yet reached: prefer one answered below the line over one unanswered.
    let unlock = [Outcome::NotMet, Outcome::Unanswered].into_iter().find_map(|wanted| {
        incentive.conditions.iter().zip(&result.conditions).find_map(|(condition, checked)| {
            let Test::AtLeast { fact, .. } = &condition.test else { return None };
            let threshold = checked.threshold?;
            (checked.outcome == wanted).then_some(())?;
            Some(Hint {
                kind: HintKind::Unlocks,
                fact,
                fact_label: label_of(fact)?,
                value: threshold.normalize(),
                quantity: quantity_of(fact),
                clause: &condition.clause,
            })
        })
    });
    if unlock.is_some() || result.status == Status::NotEligible {
        return unlock;
    }

    // Where the cap starts to bind: base − minus = cap / rate.
    let Calc::RateOfBase { base, rate, minus, cap: Some(cap), .. } = &incentive.calc else {
        return None;
    };
    let rate = ctx.param(incentive, rate).ok()?;
    let cap = ctx.param(incentive, cap).ok()?;
    if rate.value <= Decimal::ZERO {
        return None;
    }
    let mut at = cap.value.checked_div(rate.value)?;
    if let Some(minus) = minus {
        at = at.checked_add(ctx.number(minus)?)?;
    }
    let kind = match ctx.number(base) {
        Some(value) if value >= at => HintKind::CapAlreadyBinds,
        _ => HintKind::CapReachedAt,
    };
    Some(Hint {
        kind,
        fact: base,
        fact_label: label_of(base)?,
        value: at.normalize(),
        quantity: Quantity::Yuan,
        clause: cap.clause,
    })
}

/// Sums of eligible incentives, apart by giver. "Up to" amounts count from zero.
fn totals(results: &[IncentiveResult<'_>]) -> Totals {
    let mut totals = Totals::default();
    for result in results.iter().filter(|r| r.status == Status::Eligible) {
        let line = match result.level {
            Level::City => &mut totals.city,
            Level::Region => &mut totals.region,
            Level::County | Level::Unknown => {
                totals.county_decides += 1;
                continue;
            }
        };
        add(line, result.amount);
    }
    totals
}

fn add(line: &mut TotalLine, amount: Amount) {
    match (amount.min(), amount.max()) {
        (Some(min), Some(max)) => {
            // Each amount is at most 10^14, so even all of them together stay far from
            // Decimal's limit; saturate anyway rather than panic.
            line.range.min = line.range.min.checked_add(min).unwrap_or(Decimal::MAX);
            line.range.max = line.range.max.checked_add(max).unwrap_or(Decimal::MAX);
            line.counted += 1;
        }
        _ => line.without_amount += 1,
    }
}

/// Services and in-kind measures for this applicant type, county and industry.
fn services<'p>(policy: &'p Policy, profile: &Profile) -> Vec<ServiceRef<'p>> {
    let Some(applicant) = profile.applicant else { return Vec::new() };
    policy
        .measures
        .iter()
        .filter(|m| matches!(m.kind, MeasureKind::Service | MeasureKind::InKind))
        .filter(|m| m.benefits(applicant))
        .filter(|m| m.covers_county(profile.county.as_deref()))
        .filter(|m| m.covers_industry(profile.industry.as_deref()))
        .map(|m| ServiceRef { number: &m.number, title: &m.title, benefit: &m.benefit })
        .collect()
}

#[cfg(test)]
mod tests {
    //! Rules and totals on a tiny hand-written plan, independent of the real data.
    use super::*;
    use crate::engine::lang::Lang;
    use crate::engine::profile::{Answer, ApplicantType};
    use crate::engine::trace::render_trace;

    const FIXTURE: &str = r#"{
      "meta": { "title": {"zh": "示例", "en": "Fixture"}, "status": "draft_for_comments",
                "valid_from": "2023-01-01", "valid_to": "2025-12-31" },
      "counties": [ {"id": "a", "industry": "x"}, {"id": "b", "industry": "y"} ],
      "industries": [ {"id": "x"}, {"id": "y"}, {"id": "other"} ],
      "facts": [
        {"id": "chain", "kind": "bool"}, {"id": "base", "kind": "money", "label": {"zh": "基数", "en": "base"}},
        {"id": "deduction", "kind": "money"}, {"id": "persons", "kind": "count"}
      ],
      "incentives": [
        { "id": "capped", "measure": "四.2(4)", "level": "city", "applicants": ["enterprise"],
          "calc": {"kind": "rate_of_base", "base": "base", "rate": "rate", "cap": "cap"},
          "params": { "rate": {"value": "0.002", "unit": "rate", "clause": "四.2(4)"},
                      "cap": {"value": "500000", "unit": "yuan", "clause": "四.2(4)"},
                      "min": {"by_industry": {"x": "100", "y": "1000"}, "unit": "yuan", "clause": "四.2(4)"} },
          "conditions": [
            {"id": "who", "clause": "四.2(4)", "test": {"kind": "any_of", "tests": [
              {"kind": "featured_industry"}, {"kind": "is_true", "fact": "chain"}]}},
            {"id": "size", "clause": "四.2(4)", "test": {"kind": "at_least", "fact": "base", "param": "min"}}
          ] },
        { "id": "range", "measure": "四.3(1)", "level": "region", "applicants": ["enterprise"],
          "calc": {"kind": "per_person_range", "count": "persons", "min": "lo", "max": "hi"},
          "params": { "lo": {"value": "600", "unit": "yuan", "clause": "四.3(1)"},
                      "hi": {"value": "1000", "unit": "yuan", "clause": "四.3(1)"} } },
        { "id": "upto", "measure": "六.1", "level": "region", "applicants": ["enterprise"],
          "calc": {"kind": "rate_of_base", "base": "base", "rate": "rate", "up_to": true},
          "params": { "rate": {"value": "0.1", "unit": "rate", "clause": "六.1"} } },
        { "id": "deducted", "measure": "二.2", "level": "city", "applicants": ["enterprise"],
          "calc": {"kind": "rate_of_base", "base": "base", "minus": "deduction", "rate": "half"},
          "params": { "half": {"value": "0.5", "unit": "rate", "clause": "二.2"} } },
        { "id": "county_made", "measure": "六.3", "level": "county", "applicants": ["enterprise"],
          "calc": {"kind": "none"} },
        { "id": "for_colleges", "measure": "四.1(2)", "level": "city", "applicants": ["college"],
          "calc": {"kind": "none"} }
      ]
    }"#;

    fn fixture() -> Policy {
        Policy::from_json(FIXTURE).unwrap()
    }

    fn profile(county: &str, industry: &str, answers: &[(&str, Answer)]) -> Profile {
        let mut profile = Profile::new();
        profile.applicant = Some(ApplicantType::Enterprise);
        profile.county = Some(county.to_owned());
        profile.industry = Some(industry.to_owned());
        for (fact, answer) in answers {
            profile.answers.insert((*fact).to_owned(), answer.clone());
        }
        profile
    }

    fn number(n: i64) -> Answer {
        Answer::Number(Decimal::from(n))
    }

    fn day(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn a_capped_rate_traces_each_step_and_says_where_the_cap_binds() {
        let policy = fixture();
        let p = profile("a", "x", &[("base", number(600_000_000))]);
        let report = evaluate(&policy, &p, day("2024-01-01"));
        let capped = report.result("capped").unwrap();
        assert_eq!(capped.status, Status::Eligible);
        assert_eq!(capped.amount, Amount::Exact(Decimal::from(500_000)));
        assert!(matches!(capped.bound, Some(Bound::Cap { param: "cap", .. })));
        assert_eq!(
            render_trace(&capped.trace, Lang::En),
            "2‰ × 600,000,000 = 1,200,000 → cap 500,000"
        );
        assert_eq!(
            render_trace(&capped.trace, Lang::Zh),
            "2‰ × 600,000,000 = 1,200,000 → 上限 500,000"
        );
        let hint = capped.hint.unwrap();
        assert_eq!(
            (hint.kind, hint.value),
            (HintKind::CapAlreadyBinds, Decimal::from(250_000_000))
        );
    }

    #[test]
    fn an_other_industry_firm_is_held_to_its_countys_threshold() {
        let policy = fixture();
        let chain = ("chain", Answer::Bool(true));
        let below = profile("b", "other", &[chain.clone(), ("base", number(999))]);
        let at = profile("b", "other", &[chain, ("base", number(1000))]);
        let report = evaluate(&policy, &below, day("2024-01-01"));
        let capped = report.result("capped").unwrap();
        assert_eq!(capped.status, Status::NotEligible);
        assert!(
            matches!(capped.bound, Some(Bound::Threshold { value, .. }) if value == Decimal::from(1000))
        );
        assert_eq!(
            capped.hint.map(|h| (h.kind, h.value)),
            Some((HintKind::Unlocks, Decimal::from(1000)))
        );
        let report = evaluate(&policy, &at, day("2024-01-01"));
        assert_eq!(report.result("capped").unwrap().status, Status::Eligible);
    }

    #[test]
    fn any_of_waits_for_an_answer_before_failing() {
        let policy = fixture();
        let p = profile("a", "y", &[("base", number(5000))]);
        let report = evaluate(&policy, &p, day("2024-01-01"));
        let capped = report.result("capped").unwrap();
        assert_eq!(capped.status, Status::NeedsAnswers);
        assert_eq!(capped.missing, vec!["chain"]);
        // The amount is already known: it is what the incentive is worth once answered.
        assert_eq!(capped.amount, Amount::Exact(Decimal::from(10)));
    }

    #[test]
    fn totals_keep_the_city_apart_from_the_region_and_count_from_zero_for_up_to() {
        let policy = fixture();
        let p = profile(
            "a",
            "x",
            &[("base", number(1_000_000)), ("deduction", number(200_000)), ("persons", number(10))],
        );
        let report = evaluate(&policy, &p, day("2024-01-01"));
        // City: capped 2,000 + deducted (1,000,000 − 200,000) × 50% = 400,000.
        assert_eq!(report.totals.city.range.min, Decimal::from(402_000));
        assert_eq!(report.totals.city.range.max, Decimal::from(402_000));
        // Region: range 6,000–10,000 plus "up to" 100,000 counted from 0.
        assert_eq!(report.totals.region.range.min, Decimal::from(6_000));
        assert_eq!(report.totals.region.range.max, Decimal::from(110_000));
        assert_eq!(report.totals.county_decides, 1);
        assert_eq!(report.result("for_colleges").unwrap().status, Status::NotApplicable);
    }

    #[test]
    fn a_deduction_above_the_base_gives_zero_not_a_negative_amount() {
        let policy = fixture();
        let p = profile("a", "x", &[("base", number(100)), ("deduction", number(300))]);
        let report = evaluate(&policy, &p, day("2024-01-01"));
        let deducted = report.result("deducted").unwrap();
        assert_eq!(deducted.amount, Amount::Exact(Decimal::ZERO));
        assert!(matches!(deducted.bound, Some(Bound::DeductionExceedsBase { .. })));
        assert_eq!(
            render_trace(&deducted.trace, Lang::En),
            "100 − 300 < 0, counted as 0; 50% × 0 = 0"
        );
    }

    #[test]
    fn the_report_says_whether_the_day_is_inside_the_plan_period() {
        let policy = fixture();
        let p = Profile::new();
        assert!(evaluate(&policy, &p, day("2025-12-31")).plan.in_period);
        assert!(!evaluate(&policy, &p, day("2026-01-01")).plan.in_period);
        assert!(!evaluate(&policy, &p, day("2022-12-31")).plan.in_period);
        assert!(evaluate(&policy, &p, day("2024-01-01")).plan.draft);
        assert!(evaluate(&policy, &p, day("2026-01-01")).plan.ended);
        assert!(!evaluate(&policy, &p, day("2025-12-31")).plan.ended);
    }

    #[test]
    fn the_activity_year_is_chosen_or_the_plans_default_for_the_day() {
        let policy = fixture();
        let mut p = Profile::new();
        let year = |p: &Profile, d: &str| evaluate(&policy, p, day(d)).activity_year;
        assert_eq!(year(&p, "2026-12-04"), Some(2025), "after the period: its last year");
        assert_eq!(year(&p, "2024-03-01"), Some(2024), "inside: this year");
        assert_eq!(year(&p, "2022-06-01"), Some(2023), "before: its first year");
        p.year = Some(2023);
        let report = evaluate(&policy, &p, day("2026-12-04"));
        assert_eq!((report.activity_year, report.year_chosen), (Some(2023), true));
    }

    #[test]
    fn without_an_applicant_type_everything_needs_answers() {
        let policy = fixture();
        let report = evaluate(&policy, &Profile::new(), day("2024-01-01"));
        assert!(report.results.iter().all(|r| r.status == Status::NeedsAnswers));
        assert!(report.results.iter().all(|r| r.missing.first() == Some(&APPLICANT_FIELD)));
        assert!(report.services.is_empty());
    }
}
