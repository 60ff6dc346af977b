//! How an incentive's figures read: the formula in words (`2‰ × contracted investment, at most
//! ¥500,000`) and each parameter with its role, value(s) and clause. Pure: it only names and
//! formats the figures of the data, it computes nothing.

use crate::engine::lang::{Lang, Text};
use crate::engine::money::format_grouped;
use crate::engine::policy::{Calc, Incentive, Param, Policy, Test};
use crate::ui::results::format::{fill, param_value_text};
use crate::ui_strings;

ui_strings!(Describe {
    Rate => ("比例", "Rate"),
    Cap => ("上限（不超过）", "Cap (at most)"),
    FixedAmount => ("定额", "Fixed amount"),
    MinPerPerson => ("每人下限", "Lowest per person"),
    MaxPerPerson => ("每人上限", "Highest per person"),
    PerPerson => ("每人定额", "Per person"),
    ThresholdOf => ("门槛：", "Threshold: "),
    ByIndustry => ("按产业而定", "by industry"),
    NoAmount => ("本方案未规定金额", "No amount in this plan"),
    AtMost => ("，最高 ", ", at most "),
    UpTo => ("不超过 ", "up to "),
    Fixed => ("定额 ", "fixed "),
    PerPersonRange => ("{low}–{high} 元/人 × {count}", "¥{low}–{high} per person × {count}"),
    ActualPlusPerPerson => ("{actual} + {per} 元/人 × {count}", "{actual} + ¥{per} per person × {count}"),
    OtherFigure => ("本条款的其他数值", "Another figure of the clause"),
});

/// One parameter as shown: its role, its value (or one per industry) and its clause.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParamLine<'p> {
    pub name: &'p str,
    pub role: String,
    /// `(industry name, value)`; the name is `None` for a single value.
    pub values: Vec<(Option<&'p Text>, String)>,
    pub clause: &'p str,
}

fn fact_label<'p>(policy: &'p Policy, fact: &'p str, lang: Lang) -> &'p str {
    policy.fact(fact).map_or(fact, |f| f.label.get(lang))
}

/// A parameter's value in short: the figure, or "by industry" when it varies.
fn short(incentive: &Incentive, name: &str, lang: Lang) -> String {
    match incentive.param(name) {
        Some(Param { value: Some(v), unit, .. }) => param_value_text(*v, *unit, lang),
        Some(p) if !p.by_industry.is_empty() => Describe::ByIndustry.get(lang).to_owned(),
        _ => Describe::OtherFigure.get(lang).to_owned(),
    }
}

/// A per-person figure without its currency (the template adds 元/人 or "per person").
fn bare(incentive: &Incentive, name: &str, lang: Lang) -> String {
    match incentive.param(name) {
        Some(Param { value: Some(v), .. }) => format_grouped(*v),
        _ => short(incentive, name, lang),
    }
}

/// The formula in words, from the data: what is multiplied, the cap, "up to".
pub fn formula_text(policy: &Policy, incentive: &Incentive, lang: Lang) -> String {
    let label = |fact: &str| -> String {
        policy.fact(fact).map_or_else(|| fact.to_owned(), |f| f.label.get(lang).to_owned())
    };
    match &incentive.calc {
        Calc::RateOfBase { base, rate, minus, cap, up_to } => {
            let base = match minus {
                Some(minus) => format!("({} − {})", label(base), label(minus)),
                None => label(base),
            };
            let mut text = format!("{} × {}", short(incentive, rate, lang), base);
            if let Some(cap) = cap {
                text.push_str(Describe::AtMost.get(lang));
                text.push_str(&short(incentive, cap, lang));
            }
            if *up_to {
                text.insert_str(0, Describe::UpTo.get(lang));
            }
            text
        }
        Calc::Fixed { amount } => {
            format!("{}{}", Describe::Fixed.get(lang), short(incentive, amount, lang))
        }
        Calc::PerPersonRange { count, min, max } => {
            let (low, high) = (bare(incentive, min, lang), bare(incentive, max, lang));
            fill(
                Describe::PerPersonRange.get(lang),
                &[("low", &low), ("high", &high), ("count", &label(count))],
            )
        }
        Calc::ActualPlusPerPerson { actual, count, per_person } => {
            let per = bare(incentive, per_person, lang);
            fill(
                Describe::ActualPlusPerPerson.get(lang),
                &[("actual", &label(actual)), ("per", &per), ("count", &label(count))],
            )
        }
        Calc::None => Describe::NoAmount.get(lang).to_owned(),
    }
}

/// What a parameter does in the formula or the conditions.
fn role(incentive: &Incentive, name: &str, lang: Lang) -> String {
    let calc_role = match &incentive.calc {
        Calc::RateOfBase { rate, .. } if rate == name => Some(Describe::Rate),
        Calc::RateOfBase { cap: Some(cap), .. } if cap == name => Some(Describe::Cap),
        Calc::Fixed { amount } if amount == name => Some(Describe::FixedAmount),
        Calc::PerPersonRange { min, .. } if min == name => Some(Describe::MinPerPerson),
        Calc::PerPersonRange { max, .. } if max == name => Some(Describe::MaxPerPerson),
        Calc::ActualPlusPerPerson { per_person, .. } if per_person == name => {
            Some(Describe::PerPerson)
        }
        _ => None,
    };
    if let Some(key) = calc_role {
        return key.get(lang).to_owned();
    }
    fn uses(test: &Test, name: &str) -> bool {
        match test {
            Test::AtLeast { param, .. } | Test::AtMost { param, .. } => param == name,
            Test::AnyOf { tests } => tests.iter().any(|t| uses(t, name)),
            _ => false,
        }
    }
    match incentive.conditions.iter().find(|c| uses(&c.test, name)) {
        Some(condition) => {
            format!("{}{}", Describe::ThresholdOf.get(lang), condition.label.get(lang))
        }
        // Never the data's internal name: it is not for people.
        None => Describe::OtherFigure.get(lang).to_owned(),
    }
}

/// Every parameter of the incentive, in data order, ready to show.
pub fn param_lines<'p>(
    policy: &'p Policy,
    incentive: &'p Incentive,
    lang: Lang,
) -> Vec<ParamLine<'p>> {
    incentive
        .params
        .iter()
        .map(|(name, param)| {
            let mut values: Vec<(Option<&'p Text>, String)> = Vec::new();
            if let Some(v) = param.value {
                values.push((None, param_value_text(v, param.unit, lang)));
            }
            for (industry, v) in &param.by_industry {
                let name = policy.industry(industry).map(|i| &i.name);
                values.push((name, param_value_text(*v, param.unit, lang)));
            }
            ParamLine {
                name: name.as_str(),
                role: role(incentive, name, lang),
                values,
                clause: &param.clause,
            }
        })
        .collect()
}

/// The label of a fact, for callers that only have its id.
pub fn label_of<'p>(policy: &'p Policy, fact: &'p str, lang: Lang) -> &'p str {
    fact_label(policy, fact, lang)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::policy::ParamUnit;
    use std::collections::BTreeMap;
    use std::str::FromStr;

    fn param(value: &str, unit: ParamUnit) -> Param {
        Param {
            value: Some(rust_decimal::Decimal::from_str(value).unwrap()),
            by_industry: BTreeMap::new(),
            unit,
            clause: "四.2(4)".into(),
        }
    }

    fn incentive(calc: Calc, params: &[(&str, Param)]) -> Incentive {
        Incentive {
            id: "x".into(),
            calc,
            params: params.iter().map(|(k, p)| ((*k).to_owned(), p.clone())).collect(),
            ..Incentive::default()
        }
    }

    #[test]
    fn a_rate_formula_names_rate_base_cap_and_up_to() {
        let inc = incentive(
            Calc::RateOfBase {
                base: "investment".into(),
                rate: "rate".into(),
                minus: None,
                cap: Some("cap".into()),
                up_to: true,
            },
            &[("rate", param("0.002", ParamUnit::Rate)), ("cap", param("500000", ParamUnit::Yuan))],
        );
        let policy = Policy::default();
        assert_eq!(
            formula_text(&policy, &inc, Lang::En),
            "up to 2‰ × investment, at most RMB 500,000"
        );
        assert_eq!(formula_text(&policy, &inc, Lang::Zh), "不超过 2‰ × investment，最高 50万元");
        let lines = param_lines(&policy, &inc, Lang::En);
        let roles: Vec<&str> = lines.iter().map(|l| l.role.as_str()).collect();
        assert_eq!(roles, ["Cap (at most)", "Rate"], "params come in name order");
        assert_eq!(lines[1].values, vec![(None, "2‰".to_owned())]);
        assert_eq!(lines[1].clause, "四.2(4)");
    }

    #[test]
    fn a_per_person_range_reads_as_low_to_high_per_person() {
        let inc = incentive(
            Calc::PerPersonRange { count: "placed".into(), min: "min".into(), max: "max".into() },
            &[("min", param("600", ParamUnit::Yuan)), ("max", param("1000", ParamUnit::Yuan))],
        );
        let policy = Policy::default();
        assert_eq!(formula_text(&policy, &inc, Lang::Zh), "600–1,000 元/人 × placed");
        assert_eq!(formula_text(&policy, &inc, Lang::En), "¥600–1,000 per person × placed");
    }

    #[test]
    fn no_calculator_says_so_and_shows_no_number() {
        let inc = incentive(Calc::None, &[]);
        let text = formula_text(&Policy::default(), &inc, Lang::En);
        assert!(!text.chars().any(|c| c.is_ascii_digit()), "{text}");
    }

    #[test]
    fn thresholds_take_their_condition_label_and_list_values_per_industry() {
        let policy = Policy::embedded().expect("the embedded plan loads");
        for inc in &policy.incentives {
            for lang in [Lang::Zh, Lang::En] {
                for line in param_lines(policy, inc, lang) {
                    assert!(!line.values.is_empty(), "{}: {} has no value", inc.id, line.name);
                    assert!(!line.clause.is_empty(), "{}: {} has no clause", inc.id, line.name);
                    // No internal id (fourth_milestone) where a person reads.
                    assert!(
                        !line.role.contains('_') && line.role != line.name,
                        "{}: {} reads as {}",
                        inc.id,
                        line.name,
                        line.role
                    );
                }
            }
        }
    }
}
