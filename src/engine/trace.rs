//! The explanation of a figure: each formula step with its numbers and clause, and the
//! next-threshold hint. Structured, so the UI can lay it out; `render(lang)` gives the line a
//! person reads, e.g. `2‰ × 600,000,000 = 1,200,000 → cap 500,000`.

use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

use super::lang::{Lang, Text};
use super::money::{format_grouped, format_rate};

/// What a number in a trace measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Quantity {
    Yuan,
    /// A fraction, shown as ‰ or %.
    Rate,
    /// Persons, sets, months.
    Count,
}

/// A number in a step, with where it came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Operand<'p> {
    #[serde(serialize_with = "serialize_decimal")]
    pub value: Decimal,
    pub quantity: Quantity,
    /// The param name (a plan figure) or fact id (an answer) it comes from; empty when computed.
    pub source: &'p str,
    pub origin: Origin,
}

/// Where a number in a trace comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// A figure of the plan (an incentive parameter).
    Plan,
    /// One of the applicant's answers.
    Answer,
    /// The result of an earlier step.
    Computed,
}

impl Operand<'_> {
    /// The number as shown: `2‰`, `600,000,000`.
    pub fn render(&self) -> String {
        format_quantity(self.value, self.quantity)
    }
}

/// One step of a calculation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum TraceStep<'p> {
    /// `left × right = result`.
    Multiply {
        left: Operand<'p>,
        right: Operand<'p>,
        #[serde(serialize_with = "serialize_decimal")]
        result: Decimal,
        clause: &'p str,
    },
    /// `left − right = result`; a negative difference counts as zero (`floored`).
    Subtract {
        left: Operand<'p>,
        right: Operand<'p>,
        #[serde(serialize_with = "serialize_decimal")]
        result: Decimal,
        floored: bool,
        clause: &'p str,
    },
    /// `left + right = result`.
    Add {
        left: Operand<'p>,
        right: Operand<'p>,
        #[serde(serialize_with = "serialize_decimal")]
        result: Decimal,
        clause: &'p str,
    },
    /// The figure so far against a cap; `binds` when the cap cut it down.
    Cap {
        #[serde(serialize_with = "serialize_decimal")]
        value: Decimal,
        cap: Operand<'p>,
        #[serde(serialize_with = "serialize_decimal")]
        result: Decimal,
        binds: bool,
        clause: &'p str,
    },
    /// A fixed amount of the plan.
    Fixed { amount: Operand<'p>, clause: &'p str },
    /// The figure is an upper bound (不超过 / 最高), not a promise.
    UpTo {
        #[serde(serialize_with = "serialize_decimal")]
        value: Decimal,
        clause: &'p str,
    },
}

impl TraceStep<'_> {
    /// The step as one short line, e.g. `2‰ × 600,000,000 = 1,200,000`.
    pub fn render(&self, lang: Lang) -> String {
        let yuan = |d: Decimal| format_grouped(d);
        match self {
            TraceStep::Multiply { left, right, result, .. } => {
                format!("{} × {} = {}", left.render(), right.render(), yuan(*result))
            }
            TraceStep::Add { left, right, result, .. } => {
                format!("{} + {} = {}", left.render(), right.render(), yuan(*result))
            }
            TraceStep::Subtract { left, right, result, floored, .. } => {
                let line = format!("{} − {}", left.render(), right.render());
                match (floored, lang) {
                    (false, _) => format!("{line} = {}", yuan(*result)),
                    (true, Lang::Zh) => format!("{line} < 0，按 0 计"),
                    (true, Lang::En) => format!("{line} < 0, counted as 0"),
                }
            }
            TraceStep::Cap { value, cap, binds, .. } => match (binds, lang) {
                (true, Lang::Zh) => format!("{} → 上限 {}", yuan(*value), cap.render()),
                (true, Lang::En) => format!("{} → cap {}", yuan(*value), cap.render()),
                (false, Lang::Zh) => format!("{} ≤ 上限 {}", yuan(*value), cap.render()),
                (false, Lang::En) => format!("{} ≤ cap {}", yuan(*value), cap.render()),
            },
            TraceStep::Fixed { amount, .. } => match lang {
                Lang::Zh => format!("定额 {}", amount.render()),
                Lang::En => format!("fixed {}", amount.render()),
            },
            TraceStep::UpTo { value, .. } => match lang {
                Lang::Zh => format!("最高 {}", yuan(*value)),
                Lang::En => format!("up to {}", yuan(*value)),
            },
        }
    }

    /// The measure number this step applies.
    pub fn clause(&self) -> &str {
        match self {
            TraceStep::Multiply { clause, .. }
            | TraceStep::Subtract { clause, .. }
            | TraceStep::Add { clause, .. }
            | TraceStep::Cap { clause, .. }
            | TraceStep::Fixed { clause, .. }
            | TraceStep::UpTo { clause, .. } => clause,
        }
    }
}

/// A whole trace as one line: cap and "up to" steps continue the step before them
/// (`2‰ × 600,000,000 = 1,200,000 → cap 500,000`); other steps are separated by `; `.
pub fn render_trace(steps: &[TraceStep<'_>], lang: Lang) -> String {
    let mut line = String::new();
    for step in steps {
        let text = step.render(lang);
        let continues = matches!(step, TraceStep::Cap { .. } | TraceStep::UpTo { .. });
        match (line.is_empty(), continues, step) {
            (true, _, _) => line.push_str(&text),
            // "1,200,000 → cap 500,000" after "… = 1,200,000": drop the repeated figure.
            (false, true, TraceStep::Cap { value, .. }) => {
                let repeated = format_grouped(*value);
                line.push(' ');
                line.push_str(text.strip_prefix(repeated.as_str()).map_or(&text, str::trim_start));
            }
            // "… = 1,200,000 (upper bound)": the figure is already on the line.
            (false, true, _) => line.push_str(match lang {
                Lang::Zh => "（为上限，不是确定金额）",
                Lang::En => " (an upper bound, not a promise)",
            }),
            (false, false, _) => {
                line.push_str("; ");
                line.push_str(&text);
            }
        }
    }
    line
}

/// What a hint says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HintKind {
    /// Reaching `value` would meet a threshold not yet met.
    Unlocks,
    /// The cap starts to bind when the fact reaches `value`.
    CapReachedAt,
    /// The fact is already at or beyond `value`, where the cap binds: more gives no more.
    CapAlreadyBinds,
}

/// The next threshold: the input value that would unlock an incentive, or where its cap binds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Hint<'p> {
    pub kind: HintKind,
    pub fact: &'p str,
    pub fact_label: &'p Text,
    #[serde(serialize_with = "serialize_decimal")]
    pub value: Decimal,
    pub quantity: Quantity,
    pub clause: &'p str,
}

impl Hint<'_> {
    pub fn render(&self, lang: Lang) -> String {
        let value = format_quantity(self.value, self.quantity);
        let fact = self.fact_label.get(lang);
        match (self.kind, lang) {
            (HintKind::Unlocks, Lang::Zh) => format!("「{fact}」达到 {value} 即满足此门槛"),
            (HintKind::Unlocks, Lang::En) => {
                format!("Reaching {value} for “{fact}” meets this threshold")
            }
            (HintKind::CapReachedAt, Lang::Zh) => format!("「{fact}」达到 {value} 时奖励达到上限"),
            (HintKind::CapReachedAt, Lang::En) => {
                format!("The cap is reached when “{fact}” is {value}")
            }
            (HintKind::CapAlreadyBinds, Lang::Zh) => {
                format!("「{fact}」已超过 {value}，奖励已达上限，再增加也不会提高")
            }
            (HintKind::CapAlreadyBinds, Lang::En) => {
                format!("“{fact}” is past {value}, where the cap binds: more gives no more")
            }
        }
    }
}

fn format_quantity(value: Decimal, quantity: Quantity) -> String {
    match quantity {
        Quantity::Yuan => format_grouped(value),
        Quantity::Rate => format_rate(value),
        Quantity::Count => format_grouped(value),
    }
}

pub(super) fn serialize_decimal<S: Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&d.normalize())
}

pub(super) fn serialize_opt_decimal<S: Serializer>(
    d: &Option<Decimal>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.collect_str(&d.normalize()),
        None => s.serialize_none(),
    }
}
