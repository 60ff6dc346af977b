//! The plan as data: types mirroring `data/*.toml`, and loading the copy embedded at build time.
//!
//! `build.rs` merges `data/plans/qinzhou-yixianyiye-2023-2025/plan.toml`, `data/plans/qinzhou-yixianyiye-2023-2025/incentives.toml` and `data/plans/qinzhou-yixianyiye-2023-2025/measures/*.toml` into one
//! JSON document; [`Policy::embedded`] parses it once. Every field has a default so that a
//! missing or half-written entry becomes a *validation problem* (see [`super::validate`]) with a
//! clear place, instead of one opaque parse error that hides all the others.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::date::Date;
use super::decimal_serde;
use super::lang::Text;
use super::money::{parse_count, parse_money, parse_percent, MoneyError};
use super::profile::ApplicantType;

/// The whole plan: identity, places, section 二, the measures, and the incentives inside them.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Policy {
    pub meta: Meta,
    pub counties: Vec<County>,
    pub industries: Vec<Industry>,
    pub units: Vec<Unit>,
    pub goals: Goals,
    pub measures: Vec<Measure>,
    /// How the questionnaire groups the facts.
    pub steps: Vec<Step>,
    /// The questions: every fact an incentive's conditions or formula reads.
    pub facts: Vec<Fact>,
    pub incentives: Vec<Incentive>,
    /// The statuses a plan can have (`data/statuses.toml`, shared by all plans).
    pub statuses: Vec<StatusDefinition>,
    /// Id → position lookups, built by [`Policy::from_json`] so evaluation never scans lists.
    #[serde(skip)]
    index: Index,
}

#[derive(Clone, Debug, Default)]
struct Index {
    facts: HashMap<String, usize>,
    counties: HashMap<String, usize>,
    measures: HashMap<String, usize>,
}

/// The plan's identity and validity.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Meta {
    pub id: String,
    pub title: Text,
    /// One of the ids of `data/statuses.toml` (`draft_for_comments` while the plan is a draft,
    /// 征求意见稿); see [`Meta::is_draft`].
    pub status: String,
    /// The status in words (征求意见稿 / Draft for comments): from `data/statuses.toml` when
    /// the plan does not write one ([`Policy::resolve_status`]).
    pub status_label: Text,
    /// What the status means for the person, from `data/statuses.toml`.
    pub status_meaning: Text,
    /// The numbered measures of the plan, as it writes them (`一.1`, `四.2(4)`): their count
    /// is the plan's number of measures.
    pub measure_numbers: Vec<String>,
    pub valid_from: Option<Date>,
    pub valid_to: Option<Date>,
    /// Version of this data set (not of the plan): bump it on every edit.
    pub data_version: String,
    pub disclaimer: Text,
    /// What the plan is about, in a paragraph (shown on the about page).
    pub summary: Option<Text>,
    /// The file under `data/plans/qinzhou-yixianyiye-2023-2025/source/` the data was checked against.
    pub source_file: Option<String>,
    /// Whether the status is a draft, from `data/statuses.toml` ([`Policy::resolve_status`]).
    #[serde(skip)]
    status_is_draft: Option<bool>,
    // No `#[serde(flatten)]` map of other keys: flattening buffers every field of the struct
    // into serde's `Content` first, which costs kilobytes of wasm. Keys not named here are
    // ignored; to show one, add it as a field.
}

impl Meta {
    /// Whether the plan is still a draft: its status's `is_draft` in `data/statuses.toml`. A
    /// status the table does not know counts as a draft (and is a validation error).
    pub fn is_draft(&self) -> bool {
        self.status_is_draft.unwrap_or(true)
    }

    /// The calendar years of the plan's period (2023, 2024, 2025), from `valid_from` and
    /// `valid_to`; empty when the data gives no period.
    pub fn years(&self) -> Vec<u16> {
        match (self.valid_from, self.valid_to) {
            (Some(from), Some(to)) if from.year <= to.year => (from.year..=to.year).collect(),
            _ => Vec::new(),
        }
    }

    /// Whether `year` is one of the plan's years.
    pub fn covers_year(&self, year: u16) -> bool {
        self.years().contains(&year)
    }

    /// The activity year to assume until the person chooses one: today's year inside the
    /// period, the last year once the period has ended, the first before it begins.
    pub fn default_activity_year(&self, today: Date) -> Option<u16> {
        let years = self.years();
        let (first, last) = (*years.first()?, *years.last()?);
        Some(today.year.clamp(first, last))
    }

    /// Whether the plan's period ended before `today`.
    pub fn has_ended(&self, today: Date) -> bool {
        self.valid_to.is_some_and(|to| to < today)
    }
}

/// A question's text for one activity year: `{year}` becomes that year and `{prev_year}` the
/// year before (the plan's 本年度 / 当年 and 上年度).
pub fn with_year(text: &str, year: u16) -> String {
    text.replace("{year}", &year.to_string())
        .replace("{prev_year}", &year.saturating_sub(1).to_string())
}

/// One status a plan can have (`data/statuses.toml`).
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct StatusDefinition {
    /// What a plan's `status` writes: `draft_for_comments`, `issued`, `in_force`.
    pub id: String,
    pub label: Text,
    pub is_draft: bool,
    /// What it means for the person using the app.
    pub meaning: Text,
}

/// A county or district, with the industry the plan makes its "one industry".
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct County {
    /// `lingshan`, `pubei`, `qinnan`, `qinbei`.
    pub id: String,
    pub name: Text,
    /// The featured industry, when the data names one (`industries` may list several).
    pub industry: Option<String>,
    pub industries: Vec<String>,
    /// Parks the plan names for this county.
    pub parks: Vec<Text>,
}

impl County {
    /// The featured industries of this county, whichever way the data writes them.
    pub fn featured_industries(&self) -> impl Iterator<Item = &str> {
        self.industry.iter().chain(self.industries.iter()).map(String::as_str)
    }

    pub fn is_featured(&self, industry: &str) -> bool {
        self.featured_industries().any(|id| id == industry)
    }
}

/// An industry the plan names (e.g. 陈皮 / dried tangerine peel).
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Industry {
    pub id: String,
    pub name: Text,
    /// The county whose featured industry this is, when the data says so.
    pub county: Option<String>,
}

/// A government unit: its Chinese name as the plan writes it, and an English name.
pub type Unit = Text;

/// Section 二: the city-wide 2025 goals and each county's year-by-year targets.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Goals {
    pub city: Vec<Goal>,
    pub counties: Vec<CountyTarget>,
}

/// One city-wide goal.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Goal {
    pub id: String,
    pub label: Text,
    #[serde(with = "decimal_serde::option")]
    pub value: Option<Decimal>,
    /// One of [`TARGET_UNITS`].
    pub unit: String,
    /// `at_least` (以上), `reach` (达到), `strive` (力争), `cumulative` (累计).
    pub qualifier: String,
    pub year: Option<u16>,
    pub clause: String,
    pub note: Option<Text>,
}

/// One row of a county's target table: one metric, a value per year.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct CountyTarget {
    pub county: String,
    pub metric: String,
    pub label: Text,
    /// One of [`TARGET_UNITS`].
    pub unit: String,
    pub clause: String,
    pub values: Vec<YearTarget>,
}

/// The units a goal or target may be in: 亿元, 万元, projects (个), enterprises (家), people (人),
/// and `count` for any other number. The app words each (ui/screens/targets.rs).
pub const TARGET_UNITS: [&str; 6] =
    ["yi_yuan", "wan_yuan", "projects", "enterprises", "persons", "count"];

/// One year's figure in a county's target row.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct YearTarget {
    pub year: u16,
    #[serde(with = "decimal_serde::option")]
    pub value: Option<Decimal>,
    pub qualifier: String,
    pub note: Option<Text>,
}

/// What a measure is, for the applicant.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MeasureKind {
    /// The plan gives an amount or a formula.
    CashFormula,
    /// Money is promised or sought, but this plan gives no amount.
    CashUnquantified,
    /// Priority, fast lanes, quotas, matchmaking, loans, marketing, talent benefits.
    Service,
    /// A thing provided (free transport, facilities).
    InKind,
    /// A duty of a government body: nobody "qualifies".
    Government,
    /// Anything else the data writes: a validation problem.
    #[default]
    #[serde(other)]
    Unknown,
}

impl MeasureKind {
    /// The id the data writes for this kind (`data/plans/qinzhou-yixianyiye-2023-2025/measures/*.toml`).
    pub fn id(self) -> &'static str {
        match self {
            MeasureKind::CashFormula => "cash_formula",
            MeasureKind::CashUnquantified => "cash_unquantified",
            MeasureKind::Service => "service",
            MeasureKind::InKind => "in_kind",
            MeasureKind::Government => "government",
            MeasureKind::Unknown => "unknown",
        }
    }
}

/// Who gives what a measure promises.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Giver {
    /// The city itself gives it under the plan.
    City,
    /// The city seeks it from the autonomous region (争取): not a promise.
    Region,
    /// Each county decides.
    County,
    #[default]
    #[serde(other)]
    Unknown,
}

/// One of the numbered measures of section 三 (listed in `Meta::measure_numbers`).
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Measure {
    /// As the plan numbers it: `一.1`, `四.2(4)`, `六.1`.
    pub number: String,
    pub title: Text,
    /// `zh` verbatim from the body of the plan; `en` a translation. Empty in the web app's
    /// embedded plan: it fetches the texts ([`super::measure_texts`]).
    pub text: Text,
    pub kind: MeasureKind,
    pub giver: Giver,
    /// Applicant type ids (see [`ApplicantType`]).
    pub beneficiaries: Vec<String>,
    /// County ids; empty means all four.
    pub counties: Vec<String>,
    /// Industry ids; empty means every featured industry.
    pub industries: Vec<String>,
    /// 牵头单位: whom to contact. Chinese names, translated in [`Policy::units`].
    pub lead_units: Vec<String>,
    /// 配合单位.
    pub cooperating_units: Vec<String>,
    /// One line: what an applicant gets.
    pub benefit: Text,
    /// Interpretation notes, shown to the user. Empty in the web app's embedded plan, like
    /// `text`.
    pub notes: Vec<Text>,
}

impl Measure {
    /// Whether this applicant type is among the measure's beneficiaries.
    pub fn benefits(&self, applicant: ApplicantType) -> bool {
        self.beneficiaries.iter().any(|id| id == applicant.id())
    }

    /// Whether the measure covers this county (`None`: not answered, so it may).
    pub fn covers_county(&self, county: Option<&str>) -> bool {
        self.counties.is_empty() || county.is_none_or(|c| self.counties.iter().any(|id| id == c))
    }

    /// Whether the measure covers this industry (`None`: not answered, so it may).
    pub fn covers_industry(&self, industry: Option<&str>) -> bool {
        self.industries.is_empty()
            || industry.is_none_or(|i| self.industries.iter().any(|id| id == i))
    }
}

/// A group of questions in the questionnaire.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Step {
    pub id: String,
    pub title: Text,
}

/// The kind of answer a fact takes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FactKind {
    /// Yes or no.
    Bool,
    /// An amount in yuan.
    Money,
    /// A whole number: persons, sets, months.
    Count,
    /// A share, stored as a fraction: `0.65` for 65%.
    Percent,
    /// One of the fact's `choices`.
    Choice,
    #[default]
    #[serde(other)]
    Unknown,
}

impl FactKind {
    pub fn is_number(self) -> bool {
        matches!(self, FactKind::Money | FactKind::Count | FactKind::Percent)
    }

    /// What the text typed for a number fact of this kind means (a count, a percentage as a
    /// fraction, else an amount in yuan).
    pub fn parse_answer(self, text: &str) -> Result<Decimal, MoneyError> {
        match self {
            FactKind::Count => parse_count(text),
            FactKind::Percent => parse_percent(text),
            _ => parse_money(text),
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            FactKind::Bool => "bool",
            FactKind::Money => "money",
            FactKind::Count => "count",
            FactKind::Percent => "percent",
            FactKind::Choice => "choice",
            FactKind::Unknown => "unknown",
        }
    }
}

/// One question the app may ask.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Fact {
    pub id: String,
    pub kind: FactKind,
    /// A short name for lists, hints and traces ("contracted investment").
    pub label: Text,
    /// The question as asked.
    pub question: Text,
    pub help: Option<Text>,
    /// The [`Step`] this question belongs to.
    pub step: String,
    /// Applicant type ids this question is asked of.
    pub applicants: Vec<String>,
    /// For `choice` facts.
    pub choices: Vec<Choice>,
    /// For `count` facts: what is counted (人, 台套, 个月).
    pub unit: Option<Text>,
    /// For number facts: the examples the field's hint offers, as a person would type them.
    /// Empty: the kind's usual ones. A count of months gives its own, as "1.5万" months would
    /// read as nonsense.
    pub examples: Vec<String>,
}

impl Fact {
    /// The question as asked for an activity year (see [`with_year`]); its short label when
    /// the data gives no question.
    pub fn question_for(&self, lang: super::lang::Lang, year: u16) -> String {
        let question = self.question.get(lang);
        if question.trim().is_empty() {
            self.label.get(lang).to_owned()
        } else {
            with_year(question, year)
        }
    }
}

/// One allowed answer of a `choice` fact.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Choice {
    pub id: String,
    pub label: Text,
}

/// Who gives an incentive; decides which total it counts in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// The city's own reward under the plan (a draft: not a pledge).
    City,
    /// Sought from the autonomous region (争取): never added to the city's sure figure.
    Region,
    /// Each county decides.
    County,
    #[default]
    #[serde(other)]
    Unknown,
}

impl Level {
    /// For a person: who gives it.
    pub fn label(self, lang: super::lang::Lang) -> &'static str {
        let (zh, en) = match self {
            Level::City => ("市级奖补", "city reward"),
            Level::Region => ("争取自治区", "sought from the region"),
            Level::County => ("各县（区）自定", "each county decides"),
            Level::Unknown => ("未知", "unknown"),
        };
        if matches!(lang, super::lang::Lang::Zh) {
            zh
        } else {
            en
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            Level::City => "city",
            Level::Region => "region",
            Level::County => "county",
            Level::Unknown => "unknown",
        }
    }
}

/// What a parameter's number measures; decides how it is shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ParamUnit {
    /// Yuan.
    Yuan,
    /// A fraction: `0.002` is 2‰.
    Rate,
    /// Persons, sets, months, years.
    Count,
    #[default]
    #[serde(other)]
    Unknown,
}

/// A number of the plan (rate, cap, threshold, fixed amount), with the clause it comes from.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Param {
    /// One value for everyone…
    #[serde(with = "decimal_serde::option")]
    pub value: Option<Decimal>,
    /// …or one per industry id (e.g. the 以企招商 thresholds).
    #[serde(with = "decimal_serde::map")]
    pub by_industry: BTreeMap<String, Decimal>,
    pub unit: ParamUnit,
    /// The measure number it comes from, e.g. `四.2(4)`.
    pub clause: String,
}

/// One named condition of an incentive.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Condition {
    pub id: String,
    pub clause: String,
    pub label: Text,
    pub test: Test,
}

/// How a condition is checked against the profile. Three-valued: met, not met, unanswered.
///
/// Written `{ kind = "at_least", fact = "…", param = "…" }`. Read through [`RawTest`], a plain
/// struct, rather than serde's internally tagged enum, which buffers every field into a
/// `Content` tree first and costs kilobytes of wasm per enum.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case", try_from = "RawTest")]
pub enum Test {
    /// The bool fact is answered yes.
    IsTrue { fact: String },
    /// The bool fact is answered no (exclusions: public servants, 转专业…).
    IsFalse { fact: String },
    /// The number fact is ≥ the param (含: inclusive).
    AtLeast { fact: String, param: String },
    /// The number fact is ≤ the param.
    AtMost { fact: String, param: String },
    /// The number fact is above zero (e.g. a reward already received: 已获市级奖励).
    AboveZero { fact: String },
    /// The choice fact is one of these choice ids.
    OneOf { fact: String, choices: Vec<String> },
    /// The profile's industry is its county's featured industry.
    FeaturedIndustry,
    /// The profile's county is one of these.
    CountyIn { counties: Vec<String> },
    /// At least one of these holds.
    AnyOf { tests: Vec<Test> },
    /// A test kind this engine does not know: a validation problem.
    #[default]
    #[serde(other)]
    Unknown,
}

impl Test {
    /// Whether this test (any branch of it) reads the answer to `fact`.
    pub fn reads(&self, fact: &str) -> bool {
        match self {
            Test::IsTrue { fact: f }
            | Test::IsFalse { fact: f }
            | Test::AtLeast { fact: f, .. }
            | Test::AtMost { fact: f, .. }
            | Test::AboveZero { fact: f }
            | Test::OneOf { fact: f, .. } => f == fact,
            Test::AnyOf { tests } => tests.iter().any(|t| t.reads(fact)),
            Test::FeaturedIndustry | Test::CountyIn { .. } | Test::Unknown => false,
        }
    }
}

/// How an incentive's amount is computed. Every number comes from the incentive's `params`.
///
/// Written `{ kind = "rate_of_base", base = "…", rate = "…" }`; read through [`RawCalc`] (see
/// [`Test`] for why).
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case", try_from = "RawCalc")]
pub enum Calc {
    /// `(base − minus) × rate`, then at most `cap`. With `up_to`, the plan says 不超过 /
    /// 最高: the result is an upper bound, not a promise.
    RateOfBase {
        base: String,
        rate: String,
        #[serde(default)]
        minus: Option<String>,
        #[serde(default)]
        cap: Option<String>,
        #[serde(default)]
        up_to: bool,
    },
    /// A fixed amount.
    Fixed { amount: String },
    /// `count × min` to `count × max` (600元—1000元/人).
    PerPersonRange { count: String, min: String, max: String },
    /// An actual cost reimbursed, plus a fixed sum per person.
    ActualPlusPerPerson { actual: String, count: String, per_person: String },
    /// The plan promises or seeks money but gives no amount.
    #[default]
    None,
}

/// Every field any [`Test`] kind has; [`Test::try_from`] picks those of its `kind`. Fields of
/// other kinds are ignored, as serde's internally tagged enums ignore them.
#[derive(Deserialize)]
struct RawTest {
    kind: String,
    fact: Option<String>,
    param: Option<String>,
    choices: Option<Vec<String>>,
    counties: Option<Vec<String>>,
    tests: Option<Vec<Test>>,
}

/// Why a [`RawTest`] or [`RawCalc`] is not a valid one: serde's own wording.
#[derive(Debug)]
struct TaggedError(String);

impl fmt::Display for TaggedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn required<T>(value: Option<T>, field: &str) -> Result<T, TaggedError> {
    value.ok_or_else(|| TaggedError(format!("missing field `{field}`")))
}

fn unknown_variant(kind: &str, expected: &[&str]) -> TaggedError {
    TaggedError(format!("unknown variant `{kind}`, expected one of `{}`", expected.join("`, `")))
}

impl TryFrom<RawTest> for Test {
    type Error = TaggedError;

    fn try_from(raw: RawTest) -> Result<Test, TaggedError> {
        let RawTest { kind, fact, param, choices, counties, tests } = raw;
        Ok(match kind.as_str() {
            "is_true" => Test::IsTrue { fact: required(fact, "fact")? },
            "is_false" => Test::IsFalse { fact: required(fact, "fact")? },
            "at_least" => {
                Test::AtLeast { fact: required(fact, "fact")?, param: required(param, "param")? }
            }
            "at_most" => {
                Test::AtMost { fact: required(fact, "fact")?, param: required(param, "param")? }
            }
            "above_zero" => Test::AboveZero { fact: required(fact, "fact")? },
            "one_of" => Test::OneOf {
                fact: required(fact, "fact")?,
                choices: required(choices, "choices")?,
            },
            "featured_industry" => Test::FeaturedIndustry,
            "county_in" => Test::CountyIn { counties: required(counties, "counties")? },
            "any_of" => Test::AnyOf { tests: required(tests, "tests")? },
            _ => Test::Unknown,
        })
    }
}

/// Every field any [`Calc`] kind has; [`Calc::try_from`] picks those of its `kind`.
#[derive(Deserialize)]
struct RawCalc {
    kind: String,
    base: Option<String>,
    rate: Option<String>,
    minus: Option<String>,
    cap: Option<String>,
    #[serde(default)]
    up_to: bool,
    amount: Option<String>,
    count: Option<String>,
    min: Option<String>,
    max: Option<String>,
    actual: Option<String>,
    per_person: Option<String>,
}

impl TryFrom<RawCalc> for Calc {
    type Error = TaggedError;

    fn try_from(raw: RawCalc) -> Result<Calc, TaggedError> {
        Ok(match raw.kind.as_str() {
            "rate_of_base" => Calc::RateOfBase {
                base: required(raw.base, "base")?,
                rate: required(raw.rate, "rate")?,
                minus: raw.minus,
                cap: raw.cap,
                up_to: raw.up_to,
            },
            "fixed" => Calc::Fixed { amount: required(raw.amount, "amount")? },
            "per_person_range" => Calc::PerPersonRange {
                count: required(raw.count, "count")?,
                min: required(raw.min, "min")?,
                max: required(raw.max, "max")?,
            },
            "actual_plus_per_person" => Calc::ActualPlusPerPerson {
                actual: required(raw.actual, "actual")?,
                count: required(raw.count, "count")?,
                per_person: required(raw.per_person, "per_person")?,
            },
            "none" => Calc::None,
            other => {
                return Err(unknown_variant(
                    other,
                    &[
                        "rate_of_base",
                        "fixed",
                        "per_person_range",
                        "actual_plus_per_person",
                        "none",
                    ],
                ))
            }
        })
    }
}

/// One incentive: something an applicant can get, inside one measure.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Incentive {
    pub id: String,
    /// The measure number, e.g. `四.2(4)`.
    pub measure: String,
    pub title: Text,
    pub summary: Text,
    pub level: Level,
    /// Applicant type ids that can claim it; anyone else gets "not for this applicant type".
    pub applicants: Vec<String>,
    pub conditions: Vec<Condition>,
    pub calc: Calc,
    pub params: BTreeMap<String, Param>,
    /// Who pays (由企业税收入库同级财政负担): tells the applicant where to apply.
    pub payer: Option<Text>,
    /// Set when a cap is shared by a whole county (二.3).
    pub shared_cap: Option<Text>,
    /// Conditions only an official can verify.
    pub unchecked: Vec<Text>,
    /// Interpretation notes.
    pub notes: Vec<Text>,
}

impl Incentive {
    pub fn is_for(&self, applicant: ApplicantType) -> bool {
        self.applicants.iter().any(|id| id == applicant.id())
    }

    pub fn param(&self, name: &str) -> Option<&Param> {
        self.params.get(name)
    }
}

/// The embedded data could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyError {
    pub message: String,
}

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the plan data could not be read (政策数据无法读取): {}", self.message)
    }
}

impl std::error::Error for PolicyError {}

/// The bundled plan, for tests: a plan that does not load fails the test that needs it.
#[cfg(test)]
pub fn bundled() -> &'static Policy {
    match Policy::embedded() {
        Ok(p) => p,
        Err(e) => panic!("the bundled plan does not load: {e}"),
    }
}

impl Policy {
    /// The newest plan bundled into the app ([`super::plans::Plans::newest`]; today the one
    /// plan shipped), parsed on first use and kept for the program's life. The web app's copy
    /// has no measure texts or notes: it fetches them ([`super::measure_texts`]).
    pub fn embedded() -> Result<&'static Policy, &'static PolicyError> {
        static NO_PLAN: PolicyError = PolicyError { message: String::new() };
        let plans = super::plans::Plans::embedded()?;
        plans.newest().ok_or(&NO_PLAN)
    }

    /// The merged JSON of [`Policy::embedded`] (in the web app, without the measures' texts and
    /// notes).
    pub fn embedded_json() -> &'static str {
        super::plans::Plans::embedded()
            .ok()
            .and_then(|plans| plans.newest_entry())
            .map_or("", |entry| entry.json)
    }

    /// Reads a plan folder (`data/plans/<plan id>/`) as `build.rs` does, natively: the
    /// command line's `--data` and tests with a fixture plan. An unreadable file or a TOML
    /// error names the file (and the line).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn from_dir(dir: &std::path::Path) -> Result<Policy, PolicyError> {
        let merged = super::plan_files::merge_plan_dir(dir)
            .map_err(|e| PolicyError { message: e.to_string() })?;
        let mut policy: Policy = serde_json::from_value(merged.json)
            .map_err(|e| PolicyError { message: format!("{}: {e}", dir.display()) })?;
        policy.resolve_status();
        policy.reindex();
        Ok(policy)
    }

    /// Parses a merged policy document (the shape `build.rs` writes).
    pub fn from_json(json: &str) -> Result<Policy, PolicyError> {
        let mut policy: Policy =
            serde_json::from_str(json).map_err(|e| PolicyError { message: e.to_string() })?;
        policy.resolve_status();
        policy.reindex();
        Ok(policy)
    }

    /// Takes the plan's status label, meaning and draft-ness from the statuses table.
    pub fn resolve_status(&mut self) {
        let status = self.statuses.iter().find(|s| s.id == self.meta.status);
        if let Some(status) = status {
            if self.meta.status_label.zh.is_empty() && self.meta.status_label.en.is_empty() {
                self.meta.status_label = status.label.clone();
            }
            self.meta.status_meaning = status.meaning.clone();
        }
        self.meta.status_is_draft = status.map(|s| s.is_draft);
    }

    /// The status of the plan in the statuses table, if it is there.
    pub fn status(&self) -> Option<&StatusDefinition> {
        self.statuses.iter().find(|s| s.id == self.meta.status)
    }

    /// Rebuilds the id lookups; call after editing the lists of a parsed policy.
    pub fn reindex(&mut self) {
        fn positions<T>(items: &[T], key: impl Fn(&T) -> &str) -> HashMap<String, usize> {
            let mut map = HashMap::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                // The first of duplicate ids wins; validation reports the duplicate.
                map.entry(key(item).to_owned()).or_insert(i);
            }
            map
        }
        self.index = Index {
            facts: positions(&self.facts, |f| &f.id),
            counties: positions(&self.counties, |c| &c.id),
            measures: positions(&self.measures, |m| &m.number),
        };
    }

    pub fn fact(&self, id: &str) -> Option<&Fact> {
        lookup(&self.facts, &self.index.facts, id, |f| &f.id)
    }

    pub fn county(&self, id: &str) -> Option<&County> {
        lookup(&self.counties, &self.index.counties, id, |c| &c.id)
    }

    /// A measure by its number as the plan writes it (`四.2(4)`).
    pub fn measure(&self, number: &str) -> Option<&Measure> {
        lookup(&self.measures, &self.index.measures, number, |m| &m.number)
    }

    pub fn industry(&self, id: &str) -> Option<&Industry> {
        self.industries.iter().find(|i| i.id == id)
    }

    pub fn incentive(&self, id: &str) -> Option<&Incentive> {
        self.incentives.iter().find(|i| i.id == id)
    }

    pub fn step(&self, id: &str) -> Option<&Step> {
        self.steps.iter().find(|s| s.id == id)
    }

    /// The English name of a unit written in Chinese, if the units table has it.
    pub fn unit_name(&self, zh: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.zh == zh)
    }

    /// The incentives of one measure, in data order.
    pub fn incentives_of<'a>(&'a self, number: &'a str) -> impl Iterator<Item = &'a Incentive> {
        self.incentives.iter().filter(move |i| i.measure == number)
    }

    /// The facts asked of an applicant type, in data order.
    pub fn facts_for(&self, applicant: ApplicantType) -> impl Iterator<Item = &Fact> {
        self.facts.iter().filter(move |f| f.applicants.iter().any(|a| a == applicant.id()))
    }
}

/// Finds by index, and falls back to a scan when the index is stale (a list edited in a test).
fn lookup<'a, T>(
    items: &'a [T],
    index: &HashMap<String, usize>,
    id: &str,
    key: impl Fn(&T) -> &str,
) -> Option<&'a T> {
    match index.get(id).and_then(|&i| items.get(i)) {
        Some(item) if key(item) == id => Some(item),
        _ => items.iter().find(|item| key(item) == id),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `Test` and `Calc` are written with serde's internal tagging and read through their raw
    /// structs: every one of the plan's reads back as written.
    #[test]
    fn tests_and_calcs_round_trip() {
        let policy = bundled();
        let mut kinds = std::collections::BTreeSet::new();
        for incentive in &policy.incentives {
            let json = serde_json::to_string(&incentive.calc).expect("serializes");
            let back: Calc = serde_json::from_str(&json).expect(&json);
            assert_eq!(format!("{back:?}"), format!("{:?}", incentive.calc));
            kinds.insert(json.split('"').nth(3).unwrap_or_default().to_owned());
            for condition in &incentive.conditions {
                let json = serde_json::to_string(&condition.test).expect("serializes");
                let back: Test = serde_json::from_str(&json).expect(&json);
                assert_eq!(format!("{back:?}"), format!("{:?}", condition.test));
                kinds.insert(json.split('"').nth(3).unwrap_or_default().to_owned());
            }
        }
        assert!(kinds.len() >= 6, "the plan uses several kinds: {kinds:?}");
    }

    #[test]
    fn tagged_fields_in_any_order_and_errors_in_serde_words() {
        let calc: Calc = serde_json::from_str(
            r#"{"rate":"r","up_to":true,"kind":"rate_of_base","base":"b","amount":"ignored"}"#,
        )
        .expect("kind may come last; other kinds' fields are ignored");
        assert!(matches!(
            calc,
            Calc::RateOfBase { ref base, ref rate, minus: None, cap: None, up_to: true }
                if base == "b" && rate == "r"
        ));
        let missing = serde_json::from_str::<Calc>(r#"{"kind":"rate_of_base","base":"b"}"#);
        assert!(missing.unwrap_err().to_string().contains("missing field `rate`"));
        let unknown = serde_json::from_str::<Calc>(r#"{"kind":"lump_sum"}"#);
        assert!(unknown.unwrap_err().to_string().contains("unknown variant `lump_sum`"));
        let no_kind = serde_json::from_str::<Calc>(r#"{"amount":"a"}"#);
        assert!(no_kind.unwrap_err().to_string().contains("missing field `kind`"));

        let test: Test = serde_json::from_str(
            r#"{"kind":"any_of","tests":[{"fact":"f","kind":"is_true"},{"kind":"new_kind","x":1}]}"#,
        )
        .expect("nested tests");
        let Test::AnyOf { tests } = test else { panic!("{test:?}") };
        assert!(matches!(&tests[0], Test::IsTrue { fact } if fact == "f"));
        assert!(matches!(tests[1], Test::Unknown), "an unknown kind is a validation problem");
        let missing = serde_json::from_str::<Test>(r#"{"kind":"at_least","fact":"f"}"#);
        assert!(missing.unwrap_err().to_string().contains("missing field `param`"));
    }
}
