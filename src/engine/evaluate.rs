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
            draft: meta.is_draft(),
            valid_from: meta.valid_from,
            valid_to: meta.valid_to,
            in_period,
        },
        applicant: profile.applicant,
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
