//! Named conditions, checked three-valued against a profile: met, not met, or not answered yet.
//! Also resolves an incentive's parameters (a per-industry threshold picks the applicant's row).

use rust_decimal::Decimal;

use super::policy::{County, Incentive, ParamUnit, Policy, Test};
use super::profile::{Answer, Profile};
use super::report::Outcome;
use super::trace::Quantity;

/// Pseudo fact ids for the profile's own fields, used in `missing` and `ConditionResult::fact`.
pub const APPLICANT_FIELD: &str = "applicant";
pub const COUNTY_FIELD: &str = "county";
pub const INDUSTRY_FIELD: &str = "industry";

/// What evaluation reads: the plan, the profile, and the profile's county looked up once.
pub(super) struct Context<'a, 'p> {
    pub policy: &'p Policy,
    pub profile: &'a Profile,
    pub county: Option<&'p County>,
}

/// A plan figure, resolved for this applicant.
#[derive(Clone, Copy, Debug)]
pub(super) struct Resolved<'p> {
    pub name: &'p str,
    pub value: Decimal,
    pub unit: ParamUnit,
    pub clause: &'p str,
}

impl Resolved<'_> {
    pub fn quantity(&self) -> Quantity {
        match self.unit {
            ParamUnit::Rate => Quantity::Rate,
            ParamUnit::Count => Quantity::Count,
            ParamUnit::Yuan | ParamUnit::Unknown => Quantity::Yuan,
        }
    }
}

/// Why a parameter has no value for this applicant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ParamGap {
    /// A per-industry figure, and the county (hence its featured industry) is not answered.
    NeedsCounty,
    /// The data lacks it (validation reports this; evaluation must not invent a figure).
    Missing,
}

/// One condition's result, before it is attached to its label.
#[derive(Clone, Copy, Debug)]
pub(super) struct Checked<'p> {
    pub outcome: Outcome,
    /// The fact to answer or change.
    pub fact: Option<&'p str>,
    /// The threshold compared against, for comparisons.
    pub threshold: Option<Resolved<'p>>,
}

impl<'a, 'p> Context<'a, 'p> {
    pub fn new(policy: &'p Policy, profile: &'a Profile) -> Self {
        let county = profile.county.as_deref().and_then(|id| policy.county(id));
        Context { policy, profile, county }
    }

    pub fn number(&self, fact: &str) -> Option<Decimal> {
        match self.profile.answer(fact) {
            Some(Answer::Number(n)) => Some(*n),
            _ => None,
        }
    }

    fn flag(&self, fact: &str) -> Option<bool> {
        match self.profile.answer(fact) {
            Some(Answer::Bool(b)) => Some(*b),
            _ => None,
        }
    }

    fn choice(&self, fact: &str) -> Option<&'a str> {
        match self.profile.answer(fact) {
            Some(Answer::Choice(c)) => Some(c.as_str()),
            _ => None,
        }
    }

    /// A parameter's value for this applicant. A per-industry figure uses the applicant's
    /// industry when it is the county's featured one, and otherwise the county's featured
    /// industry: 四.2(4) gives firms of other industries building the featured chain "the same
    /// support", which we read as the same threshold (a note in the data says so).
    pub fn param(&self, incentive: &'p Incentive, name: &str) -> Result<Resolved<'p>, ParamGap> {
        let (name, param) = incentive.params.get_key_value(name).ok_or(ParamGap::Missing)?;
        let resolved = |value| Resolved { name, value, unit: param.unit, clause: &param.clause };
        if let Some(value) = param.value {
            return Ok(resolved(value));
        }
        if param.by_industry.is_empty() {
            return Err(ParamGap::Missing);
        }
        let county = self.county.ok_or(ParamGap::NeedsCounty)?;
        let own = self.profile.industry.as_deref().filter(|industry| county.is_featured(industry));
        own.into_iter()
            .chain(county.featured_industries())
            .find_map(|industry| param.by_industry.get(industry))
            .map(|&value| resolved(value))
            .ok_or(ParamGap::Missing)
    }

    /// Checks one test. `AnyOf` is met when one branch is met, unanswered when none is met but
    /// one is unanswered, and not met only when every branch fails.
    pub fn check(&self, incentive: &'p Incentive, test: &'p Test) -> Checked<'p> {
        let answered = |outcome: Option<bool>, fact: &'p str| Checked {
            outcome: match outcome {
                Some(true) => Outcome::Met,
                Some(false) => Outcome::NotMet,
                None => Outcome::Unanswered,
            },
            fact: Some(fact),
            threshold: None,
        };
        match test {
            Test::IsTrue { fact } => answered(self.flag(fact), fact),
            Test::IsFalse { fact } => answered(self.flag(fact).map(|b| !b), fact),
            Test::AtLeast { fact, param } => self.compare(incentive, fact, param, |v, t| v >= t),
            Test::AtMost { fact, param } => self.compare(incentive, fact, param, |v, t| v <= t),
            Test::AboveZero { fact } => {
                answered(self.number(fact).map(|v| v > Decimal::ZERO), fact)
            }
            Test::OneOf { fact, choices } => {
                answered(self.choice(fact).map(|c| choices.iter().any(|id| id == c)), fact)
            }
            Test::FeaturedIndustry => {
                let Some(county) = self.county else {
                    return answered(None, COUNTY_FIELD);
                };
                let industry = self.profile.industry.as_deref();
                answered(industry.map(|i| county.is_featured(i)), INDUSTRY_FIELD)
            }
            Test::CountyIn { counties } => {
                let county = self.county.map(|c| counties.contains(&c.id));
                answered(county, COUNTY_FIELD)
            }
            Test::AnyOf { tests } => {
                let mut first_unanswered = None;
                let mut last = None;
                for test in tests {
                    let checked = self.check(incentive, test);
                    match checked.outcome {
                        Outcome::Met => return checked,
                        Outcome::Unanswered if first_unanswered.is_none() => {
                            first_unanswered = Some(checked)
                        }
                        _ => last = Some(checked),
                    }
                }
                first_unanswered.or(last).unwrap_or(Checked {
                    outcome: Outcome::NotMet,
                    fact: None,
                    threshold: None,
                })
            }
            // Validation rejects unknown tests; here they never count as met.
            Test::Unknown => Checked { outcome: Outcome::NotMet, fact: None, threshold: None },
        }
    }

    fn compare(
        &self,
        incentive: &'p Incentive,
        fact: &'p str,
        param: &str,
        holds: fn(Decimal, Decimal) -> bool,
    ) -> Checked<'p> {
        match self.param(incentive, param) {
            Ok(threshold) => Checked {
                outcome: match self.number(fact) {
                    Some(value) if holds(value, threshold.value) => Outcome::Met,
                    Some(_) => Outcome::NotMet,
                    None => Outcome::Unanswered,
                },
                fact: Some(fact),
                threshold: Some(threshold),
            },
            Err(ParamGap::NeedsCounty) => {
                Checked { outcome: Outcome::Unanswered, fact: Some(COUNTY_FIELD), threshold: None }
            }
            Err(ParamGap::Missing) => {
                Checked { outcome: Outcome::NotMet, fact: Some(fact), threshold: None }
            }
        }
    }

    /// Every unanswered fact a test depends on (all branches of `AnyOf`), appended to `out`.
    pub fn unanswered_facts(
        &self,
        incentive: &'p Incentive,
        test: &'p Test,
        out: &mut Vec<&'p str>,
    ) {
        if let Test::AnyOf { tests } = test {
            for test in tests {
                self.unanswered_facts(incentive, test, out);
            }
            return;
        }
        let checked = self.check(incentive, test);
        if let (Outcome::Unanswered, Some(fact)) = (checked.outcome, checked.fact) {
            push_unique(out, fact);
        }
    }
}

pub(super) fn push_unique<'p>(list: &mut Vec<&'p str>, item: &'p str) {
    if !list.contains(&item) {
        list.push(item);
    }
}

/// Whether `test` holds whatever the answer to `fact`: an `any_of` with a branch that does not
/// read `fact` and is met already (a featured-industry firm need not say whether it builds
/// the featured chain). The questionnaire skips a question only such tests read.
pub fn met_without(
    policy: &Policy,
    profile: &Profile,
    incentive: &Incentive,
    test: &Test,
    fact: &str,
) -> bool {
    let Test::AnyOf { tests } = test else { return false };
    let context = Context::new(policy, profile);
    tests.iter().any(|branch| {
        !branch.reads(fact) && context.check(incentive, branch).outcome == Outcome::Met
    })
}
