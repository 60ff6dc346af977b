//! What [`super::evaluate`] returns: per incentive a status, its named conditions, the amount,
//! the bound that applied, the formula trace and a next-threshold hint; then totals kept apart
//! by who gives (the city's rewards under the plan / sought from the region / each county decides).
//!
//! A report borrows its texts from the [`Policy`](super::policy::Policy) it was computed from
//! (`Report<'static>` for the embedded plan), so evaluating allocates little.

use rust_decimal::Decimal;
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use super::date::Date;
use super::lang::{Lang, Text};
use super::money::format_yuan;
use super::policy::Level;
use super::profile::ApplicantType;
use super::trace::{Hint, TraceStep};

/// The evaluation of one profile against the plan.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report<'p> {
    /// The day the evaluation is for.
    pub as_of: Date,
    pub plan: PlanStatus<'p>,
    pub applicant: Option<ApplicantType>,
    /// The year the activity falls in: the profile's choice, else the plan's default for
    /// `as_of` (its last year once the period has ended).
    pub activity_year: Option<u16>,
    /// Whether the profile chose `activity_year` (else it is the default).
    pub year_chosen: bool,
    /// One per incentive of the plan, in data order (also those not for this applicant type).
    pub results: Vec<IncentiveResult<'p>>,
    /// Non-cash measures (services, in-kind) this applicant may benefit from.
    pub services: Vec<ServiceRef<'p>>,
    pub totals: Totals,
    /// Conditions only an official can verify, for the incentives still in play.
    pub unchecked: Vec<UncheckedItem<'p>>,
}

impl<'p> Report<'p> {
    pub fn result(&self, id: &str) -> Option<&IncentiveResult<'p>> {
        self.results.iter().find(|r| r.id == id)
    }

    /// The incentives this applicant type can claim (everything but `not_applicable`).
    pub fn relevant(&self) -> impl Iterator<Item = &IncentiveResult<'p>> {
        self.results.iter().filter(|r| r.status != Status::NotApplicable)
    }
}

/// The plan's validity, as it bears on this evaluation.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlanStatus<'p> {
    pub title: &'p Text,
    /// 征求意见稿 / Draft for comments.
    pub status_label: &'p Text,
    /// What the status means for the person (`data/statuses.toml`).
    pub status_meaning: &'p Text,
    /// A draft for comments (征求意见稿): not yet in force as written.
    pub draft: bool,
    pub valid_from: Option<Date>,
    pub valid_to: Option<Date>,
    /// Whether `as_of` falls inside the plan's period (2023–2025).
    pub in_period: bool,
    /// Whether the period ended before `as_of`: whether claims are still accepted is then for
    /// each measure's lead unit to say.
    pub ended: bool,
}

/// Where an incentive stands for this applicant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Every condition is met (an official still verifies the `unchecked` list).
    Eligible,
    /// At least one condition is not met.
    NotEligible,
    /// Nothing fails yet, but some answers are missing.
    NeedsAnswers,
    /// Not for this applicant type.
    NotApplicable,
    /// The inputs lead to a figure beyond what the engine accepts (> 10^14 yuan).
    Error,
}

impl Status {
    /// For a person, in their language.
    pub fn label(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            Status::Eligible => ("符合条件", "eligible"),
            Status::NotEligible => ("不符合条件", "not eligible"),
            Status::NeedsAnswers => ("需要补充信息", "needs more answers"),
            Status::NotApplicable => ("不适用于此申请人类型", "not for this applicant type"),
            Status::Error => ("无法计算", "cannot be computed"),
        };
        if lang == Lang::Zh {
            zh
        } else {
            en
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            Status::Eligible => "eligible",
            Status::NotEligible => "not_eligible",
            Status::NeedsAnswers => "needs_answers",
            Status::NotApplicable => "not_applicable",
            Status::Error => "error",
        }
    }
}

/// The outcome of one named condition.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Met,
    NotMet,
    Unanswered,
}

impl Outcome {
    /// A one-character mark for lists: ✓ met, ✗ not met, ? unanswered.
    pub fn mark(self) -> &'static str {
        match self {
            Outcome::Met => "✓",
            Outcome::NotMet => "✗",
            Outcome::Unanswered => "?",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Outcome::Met, Lang::Zh) => "满足",
            (Outcome::Met, Lang::En) => "met",
            (Outcome::NotMet, Lang::Zh) => "不满足",
            (Outcome::NotMet, Lang::En) => "not met",
            (Outcome::Unanswered, Lang::Zh) => "未回答",
            (Outcome::Unanswered, Lang::En) => "not answered yet",
        }
    }
}

/// One named condition, checked.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ConditionResult<'p> {
    pub id: &'p str,
    /// The measure number the condition comes from.
    pub clause: &'p str,
    pub label: &'p Text,
    pub outcome: Outcome,
    /// The fact to answer (or change) for this condition, when there is one.
    pub fact: Option<&'p str>,
    /// The threshold compared against, when the condition is a comparison (resolved for the
    /// applicant's industry).
    #[serde(serialize_with = "super::trace::serialize_opt_decimal")]
    pub threshold: Option<Decimal>,
}

/// How much. Yuan, exact decimals.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Amount {
    /// One figure.
    Exact(Decimal),
    /// A range, e.g. 600–1000 元/人 × persons.
    Range { min: Decimal, max: Decimal },
    /// An upper bound (不超过 / 最高): anything from 0 to this.
    UpTo(Decimal),
    /// The plan promises or seeks money but names no amount.
    NoAmountInPlan,
    /// Not computed: the incentive is not (yet) eligible.
    NotComputed,
}

impl Amount {
    /// The lowest figure: `0` for "up to", `None` when there is no figure.
    pub fn min(self) -> Option<Decimal> {
        match self {
            Amount::Exact(v) => Some(v),
            Amount::Range { min, .. } => Some(min),
            Amount::UpTo(_) => Some(Decimal::ZERO),
            Amount::NoAmountInPlan | Amount::NotComputed => None,
        }
    }

    /// The highest figure, `None` when there is no figure.
    pub fn max(self) -> Option<Decimal> {
        match self {
            Amount::Exact(v) | Amount::UpTo(v) => Some(v),
            Amount::Range { max, .. } => Some(max),
            Amount::NoAmountInPlan | Amount::NotComputed => None,
        }
    }

    /// For a person: `¥500,000`, `¥6,000 – ¥10,000`, `up to ¥120,000`, `no amount in this plan`.
    pub fn render(self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            Amount::Exact(v) => format_yuan(v, lang),
            Amount::Range { min, max } => {
                format!("{} – {}", format_yuan(min, lang), format_yuan(max, lang))
            }
            Amount::UpTo(v) if zh => format!("最高 {}", format_yuan(v, lang)),
            Amount::UpTo(v) => format!("up to {}", format_yuan(v, lang)),
            Amount::NoAmountInPlan if zh => "本方案未定金额".to_owned(),
            Amount::NoAmountInPlan => "no amount in this plan".to_owned(),
            Amount::NotComputed => "—".to_owned(),
        }
    }

    pub fn kind(self) -> &'static str {
        match self {
            Amount::Exact(_) => "exact",
            Amount::Range { .. } => "range",
            Amount::UpTo(_) => "up_to",
            Amount::NoAmountInPlan => "no_amount_in_plan",
            Amount::NotComputed => "not_computed",
        }
    }
}

/// Serialized flat: `amount_kind`, `amount_min`, `amount_max` (decimal strings or null).
impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let text = |d: Option<Decimal>| d.map(|d| d.normalize().to_string());
        let mut out = s.serialize_struct("Amount", 3)?;
        out.serialize_field("amount_kind", self.kind())?;
        out.serialize_field("amount_min", &text(self.min()))?;
        out.serialize_field("amount_max", &text(self.max()))?;
        out.end()
    }
}

/// The cap or threshold that decided the figure or the status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Bound<'p> {
    /// The cap cut the computed figure down.
    Cap {
        param: &'p str,
        clause: &'p str,
        #[serde(serialize_with = "super::trace::serialize_decimal")]
        value: Decimal,
    },
    /// A threshold was not reached (the status is `not_eligible` because of it).
    Threshold {
        param: &'p str,
        clause: &'p str,
        #[serde(serialize_with = "super::trace::serialize_decimal")]
        value: Decimal,
    },
    /// The deductions are at least the base, so the figure is zero.
    DeductionExceedsBase { clause: &'p str },
}

/// One incentive, evaluated.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct IncentiveResult<'p> {
    pub id: &'p str,
    /// The measure number, e.g. `四.2(4)`.
    pub clause: &'p str,
    pub title: &'p Text,
    pub summary: &'p Text,
    pub level: Level,
    pub status: Status,
    pub conditions: Vec<ConditionResult<'p>>,
    #[serde(flatten)]
    pub amount: Amount,
    pub bound: Option<Bound<'p>>,
    pub trace: Vec<TraceStep<'p>>,
    pub hint: Option<Hint<'p>>,
    /// Facts still to answer for this incentive (conditions and formula inputs), in order.
    pub missing: Vec<&'p str>,
    pub payer: Option<&'p Text>,
    /// Set when the cap is shared by a whole county (二.3).
    pub shared_cap: Option<&'p Text>,
    pub unchecked: &'p [Text],
    pub notes: &'p [Text],
    /// Why the status is `error`, if it is.
    pub error: Option<&'static str>,
}

impl Bound<'_> {
    /// For a person: `cap 500,000 (四.2(4))`.
    pub fn render(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            Bound::Cap { clause, value, .. } if zh => {
                format!("受上限 {} 限制（{clause}）", format_yuan(*value, lang))
            }
            Bound::Cap { clause, value, .. } => {
                format!("capped at {} ({clause})", format_yuan(*value, lang))
            }
            Bound::Threshold { clause, value, .. } if zh => {
                format!("未达到门槛 {}（{clause}）", super::money::format_grouped(*value))
            }
            Bound::Threshold { clause, value, .. } => {
                format!(
                    "below the threshold of {} ({clause})",
                    super::money::format_grouped(*value)
                )
            }
            Bound::DeductionExceedsBase { clause } if zh => format!("扣除后为零（{clause}）"),
            Bound::DeductionExceedsBase { clause } => {
                format!("nothing left after deductions ({clause})")
            }
        }
    }
}

/// A non-cash measure this applicant may benefit from.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct ServiceRef<'p> {
    pub number: &'p str,
    pub title: &'p Text,
    pub benefit: &'p Text,
}

/// A condition only an official can verify, with the incentive it belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct UncheckedItem<'p> {
    pub incentive: &'p str,
    pub clause: &'p str,
    pub text: &'p Text,
}

/// A sum that may be uncertain: from `min` to `max` yuan.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct MoneyRange {
    #[serde(serialize_with = "super::trace::serialize_decimal")]
    pub min: Decimal,
    #[serde(serialize_with = "super::trace::serialize_decimal")]
    pub max: Decimal,
}

/// The sums of one giver's eligible incentives.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct TotalLine {
    /// Sum over eligible incentives with a figure ("up to" counts from 0).
    pub range: MoneyRange,
    /// Eligible incentives counted in `range`.
    pub counted: usize,
    /// Eligible incentives whose amount this plan does not give (not in `range`).
    pub without_amount: usize,
}

/// Totals, kept apart by giver: never add `region` to `city` as one sure figure.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    /// The city's own rewards under the plan (a draft: not a pledge).
    pub city: TotalLine,
    /// What the city would seek from the region (争取): possible, not promised.
    pub region: TotalLine,
    /// Eligible incentives whose content each county decides.
    pub county_decides: usize,
}
