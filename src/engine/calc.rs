//! The calculators: each turns an incentive's parameters and the applicant's answers into an
//! [`Amount`], recording every step. No figure is written here: all come from the data.
//! Arithmetic is checked; a figure beyond 10^14 yuan is an error, never a panic.

use rust_decimal::Decimal;

use super::policy::{Calc, FactKind, Incentive};
use super::profile::max_answer;
use super::report::{Amount, Bound};
use super::rules::{push_unique, Context, ParamGap, Resolved, COUNTY_FIELD};
use super::trace::{Operand, Origin, Quantity, TraceStep};

/// What a calculator produced.
pub(super) struct Computed<'p> {
    pub amount: Amount,
    pub bound: Option<Bound<'p>>,
    pub trace: Vec<TraceStep<'p>>,
    /// Formula inputs not answered yet (then `amount` is `NotComputed`).
    pub missing: Vec<&'p str>,
    pub error: Option<&'static str>,
}

impl<'p> Computed<'p> {
    fn amount(amount: Amount) -> Self {
        Computed { amount, bound: None, trace: Vec::new(), missing: Vec::new(), error: None }
    }
}

/// Why a calculation stopped.
enum Stop {
    /// The figure would pass the engine's limit.
    TooLarge,
    /// The data lacks a parameter (validation reports it).
    MissingParam,
}

const TOO_LARGE: &str = "the computed amount exceeds 10^14 yuan (计算金额超过 10^14 元)";
const MISSING_PARAM: &str =
    "the plan data lacks a figure this formula needs (政策数据缺少公式所需参数)";

pub(super) fn compute<'p>(ctx: &Context<'_, 'p>, incentive: &'p Incentive) -> Computed<'p> {
    let mut out = Computed::amount(Amount::NotComputed);
    let result = match &incentive.calc {
        Calc::None => {
            out.amount = Amount::NoAmountInPlan;
            return out;
        }
        Calc::Fixed { amount } => fixed(ctx, incentive, amount, &mut out),
        Calc::RateOfBase { base, rate, minus, cap, up_to } => rate_of_base(
            ctx,
            incentive,
            base,
            rate,
            minus.as_deref(),
            cap.as_deref(),
            *up_to,
            &mut out,
        ),
        Calc::PerPersonRange { count, min, max } => {
            per_person_range(ctx, incentive, count, min, max, &mut out)
        }
        Calc::ActualPlusPerPerson { actual, count, per_person } => {
            actual_plus_per_person(ctx, incentive, actual, count, per_person, &mut out)
        }
    };
    match result {
        Ok(Some(amount)) => out.amount = amount,
        Ok(None) => out.amount = Amount::NotComputed,
        Err(stop) => {
            out.amount = Amount::NotComputed;
            out.error = Some(match stop {
                Stop::TooLarge => TOO_LARGE,
                Stop::MissingParam => MISSING_PARAM,
            });
        }
    }
    out
}

/// A parameter, or the reason to stop (a per-industry figure waiting for the county is noted
/// in `missing` and gives `Ok(None)` to the caller).
fn param<'p>(
    ctx: &Context<'_, 'p>,
    incentive: &'p Incentive,
    name: &str,
    out: &mut Computed<'p>,
) -> Result<Option<Resolved<'p>>, Stop> {
    match ctx.param(incentive, name) {
        Ok(p) => Ok(Some(p)),
        Err(ParamGap::NeedsCounty) => {
            push_unique(&mut out.missing, COUNTY_FIELD);
            Ok(None)
        }
        Err(ParamGap::Missing) => Err(Stop::MissingParam),
    }
}

/// An answered number fact as an operand, or `None` (and noted in `missing`).
fn answer<'p>(ctx: &Context<'_, 'p>, fact: &'p str, out: &mut Computed<'p>) -> Option<Operand<'p>> {
    let Some(value) = ctx.number(fact) else {
        push_unique(&mut out.missing, fact);
        return None;
    };
    let quantity = match ctx.policy.fact(fact).map(|f| f.kind) {
        Some(FactKind::Count) => Quantity::Count,
        Some(FactKind::Percent) => Quantity::Rate,
        _ => Quantity::Yuan,
    };
    Some(Operand { value, quantity, source: fact, origin: Origin::Answer })
}

fn plan_figure(p: Resolved<'_>) -> Operand<'_> {
    Operand { value: p.value, quantity: p.quantity(), source: p.name, origin: Origin::Plan }
}

fn computed(value: Decimal) -> Operand<'static> {
    Operand { value, quantity: Quantity::Yuan, source: "", origin: Origin::Computed }
}

fn checked(value: Option<Decimal>) -> Result<Decimal, Stop> {
    match value {
        Some(v) if v.abs() <= max_answer() => Ok(v.normalize()),
        _ => Err(Stop::TooLarge),
    }
}

fn fixed<'p>(
    ctx: &Context<'_, 'p>,
    incentive: &'p Incentive,
    amount: &str,
    out: &mut Computed<'p>,
) -> Result<Option<Amount>, Stop> {
    let Some(amount) = param(ctx, incentive, amount, out)? else { return Ok(None) };
    out.trace.push(TraceStep::Fixed { amount: plan_figure(amount), clause: amount.clause });
    Ok(Some(Amount::Exact(checked(Some(amount.value))?)))
}

/// `(base − minus) × rate`, at most `cap`; "up to" when the plan says 不超过 / 最高 of a base.
#[allow(clippy::too_many_arguments)] // one per field of `Calc::RateOfBase`
fn rate_of_base<'p>(
    ctx: &Context<'_, 'p>,
    incentive: &'p Incentive,
    base: &'p str,
    rate: &str,
    minus: Option<&'p str>,
    cap: Option<&str>,
    up_to: bool,
    out: &mut Computed<'p>,
) -> Result<Option<Amount>, Stop> {
    let rate = param(ctx, incentive, rate, out)?;
    let cap = match cap {
        Some(name) => param(ctx, incentive, name, out)?,
        None => None,
    };
    let base = answer(ctx, base, out);
    let deduction = minus.and_then(|fact| answer(ctx, fact, out));
    if !out.missing.is_empty() {
        return Ok(None);
    }
    let (Some(rate), Some(base)) = (rate, base) else { return Ok(None) };
    let clause = rate.clause;

    let mut value = base.value;
    let mut left = base;
    if let Some(deduction) = deduction {
        let difference = checked(base.value.checked_sub(deduction.value))?;
        let floored = difference.is_sign_negative() && !difference.is_zero();
        value = if floored { Decimal::ZERO } else { difference };
        out.trace.push(TraceStep::Subtract {
            left: base,
            right: deduction,
            result: value,
            floored,
            clause,
        });
        if floored || value.is_zero() {
            out.bound = Some(Bound::DeductionExceedsBase { clause });
        }
        left = computed(value);
    }
    let product = checked(value.checked_mul(rate.value))?;
    // Written rate first, as the plan states it: 2‰ × 600,000,000.
    out.trace.push(TraceStep::Multiply {
        left: plan_figure(rate),
        right: left,
        result: product,
        clause,
    });
    let mut result = product;
    if let Some(cap) = cap {
        let binds = product > cap.value;
        if binds {
            result = cap.value.normalize();
            out.bound = Some(Bound::Cap { param: cap.name, clause: cap.clause, value: cap.value });
        }
        out.trace.push(TraceStep::Cap {
            value: product,
            cap: plan_figure(cap),
            result,
            binds,
            clause: cap.clause,
        });
    }
    if up_to {
        out.trace.push(TraceStep::UpTo { value: result, clause });
        return Ok(Some(Amount::UpTo(result)));
    }
    Ok(Some(Amount::Exact(result)))
}

/// `count × min` to `count × max`.
fn per_person_range<'p>(
    ctx: &Context<'_, 'p>,
    incentive: &'p Incentive,
    count: &'p str,
    min: &str,
    max: &str,
    out: &mut Computed<'p>,
) -> Result<Option<Amount>, Stop> {
    let min = param(ctx, incentive, min, out)?;
    let max = param(ctx, incentive, max, out)?;
    let count = answer(ctx, count, out);
    let (Some(min), Some(max), Some(count)) = (min, max, count) else { return Ok(None) };
    let low = checked(count.value.checked_mul(min.value))?;
    let high = checked(count.value.checked_mul(max.value))?;
    out.trace.push(TraceStep::Multiply {
        left: count,
        right: plan_figure(min),
        result: low,
        clause: min.clause,
    });
    out.trace.push(TraceStep::Multiply {
        left: count,
        right: plan_figure(max),
        result: high,
        clause: max.clause,
    });
    Ok(Some(Amount::Range { min: low, max: high }))
}

/// The actual cost, plus `count × per_person`.
fn actual_plus_per_person<'p>(
    ctx: &Context<'_, 'p>,
    incentive: &'p Incentive,
    actual: &'p str,
    count: &'p str,
    per_person: &str,
    out: &mut Computed<'p>,
) -> Result<Option<Amount>, Stop> {
    let per_person = param(ctx, incentive, per_person, out)?;
    let actual = answer(ctx, actual, out);
    let count = answer(ctx, count, out);
    let (Some(per_person), Some(actual), Some(count)) = (per_person, actual, count) else {
        return Ok(None);
    };
    let clause = per_person.clause;
    let flat = checked(count.value.checked_mul(per_person.value))?;
    out.trace.push(TraceStep::Multiply {
        left: count,
        right: plan_figure(per_person),
        result: flat,
        clause,
    });
    let total = checked(actual.value.checked_add(flat))?;
    out.trace.push(TraceStep::Add { left: actual, right: computed(flat), result: total, clause });
    Ok(Some(Amount::Exact(total)))
}
