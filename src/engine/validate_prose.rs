//! Warnings where words disagree with the data they describe: a figure in a summary, note or
//! benefit that none of the measure's parameters has (a figure changed, the text did not); a
//! parameter whose figure the clause's text never writes; a count of measures or a year that
//! the data contradicts; an issued plan that still calls itself a draft.
//!
//! Heuristic by design, hence warnings: a person reads them and decides.

use std::collections::BTreeSet;

use rust_decimal::Decimal;

use super::figures::{figures, FigureKind};
use super::lang::Text;
use super::policy::{Calc, ParamUnit, Policy};

/// A warning: where (as [`super::validate`] writes places) and what.
pub struct Warning {
    pub place: String,
    pub message: String,
}

// The plan's folder is named by `validate::validate`, which passes these warnings on.
const PLAN: &str = "data/plans/<plan>/plan.toml";
const MEASURES: &str = "data/plans/<plan>/measures/*.toml";
const INCENTIVES: &str = "data/plans/<plan>/incentives.toml";

pub fn warnings(policy: &Policy) -> Vec<Warning> {
    let mut out = Vec::new();
    stale_figures(policy, &mut out);
    params_in_clause_text(policy, &mut out);
    plan_words(policy, &mut out);
    // A figure a text writes twice is one thing to fix.
    let mut seen = BTreeSet::new();
    out.retain(|w| seen.insert((w.place.clone(), w.message.clone())));
    out
}

/// Whether a money or rate parameter of the measure has no usable figure: no value (missing, or
/// unreadable and set aside by the reader) or a unit that is none of yuan | rate | count. Errors
/// say so; comparing the texts with the rest would name every figure of them as stale.
fn parameters_incomplete(policy: &Policy, measure: &str) -> bool {
    policy.incentives_of(measure).any(|incentive| {
        incentive.params.values().any(|p| {
            p.unit == ParamUnit::Unknown
                || (matches!(p.unit, ParamUnit::Yuan | ParamUnit::Rate)
                    && p.value.is_none()
                    && p.by_industry.is_empty())
        })
    })
}

/// The money figures and rates of a measure's parameters, and what they imply (a cap reached
/// at cap ÷ rate: 50万 at 2‰ is reached at 2.5亿).
fn parameter_figures(policy: &Policy, measure: &str) -> BTreeSet<(u8, Decimal)> {
    let mut set = BTreeSet::new();
    for incentive in policy.incentives_of(measure) {
        for param in incentive.params.values() {
            let kind = match param.unit {
                ParamUnit::Yuan => 0,
                ParamUnit::Rate => 1,
                _ => continue,
            };
            for value in param.value.iter().chain(param.by_industry.values()) {
                set.insert((kind, value.normalize()));
            }
        }
        if let Calc::RateOfBase { rate, cap: Some(cap), .. } = &incentive.calc {
            let value = |name: &str| incentive.param(name).and_then(|p| p.value);
            if let (Some(rate), Some(cap)) = (value(rate), value(cap)) {
                if let Some(base) = cap.checked_div(rate).filter(|_| !rate.is_zero()) {
                    set.insert((0, base.normalize()));
                }
            }
        }
    }
    set
}

fn kind_code(kind: FigureKind) -> Option<u8> {
    match kind {
        FigureKind::Money => Some(0),
        FigureKind::Rate => Some(1),
        FigureKind::Plain => None,
    }
}

/// What the parameters are, for a message: `500000 yuan, 0.002`.
fn listed(set: &BTreeSet<(u8, Decimal)>) -> String {
    let items: Vec<String> = set
        .iter()
        .map(|(kind, v)| if *kind == 0 { format!("{v} yuan") } else { format!("rate {v}") })
        .collect();
    items.join(", ")
}

/// Prose of an incentive or of a measure with parameters: each money figure and rate must be
/// one of the measure's parameters (or a figure they imply).
fn stale_figures(policy: &Policy, out: &mut Vec<Warning>) {
    for measure in &policy.measures {
        if parameters_incomplete(policy, &measure.number) {
            continue;
        }
        let mut allowed = parameter_figures(policy, &measure.number);
        let from_parameters = !allowed.is_empty();
        if !from_parameters {
            // No parameter to compare with: the figures of the measure's own text in the plan.
            for figure in figures(&measure.text.zh) {
                if let Some(kind) = kind_code(figure.kind) {
                    allowed.insert((kind, figure.value));
                }
            }
            if measure.text.zh.trim().is_empty() {
                continue;
            }
        }
        let mut check = |place: &str, field: &str, text: &Text| {
            for (lang, value) in [("zh", &text.zh), ("en", &text.en)] {
                for figure in figures(value) {
                    let Some(kind) = kind_code(figure.kind) else { continue };
                    if !allowed.contains(&(kind, figure.value)) {
                        let message = if from_parameters {
                            format!(
                                "{field}.{lang} says \"{}\", which is none of the figures of measure {}'s parameters ({}): if a parameter changed, update this text to match it",
                                figure.written,
                                measure.number,
                                listed(&allowed)
                            )
                        } else {
                            format!(
                                "{field}.{lang} says \"{}\", a figure the text of measure {} in the plan does not have: check it against the plan",
                                figure.written, measure.number
                            )
                        };
                        out.push(Warning { place: place.to_owned(), message });
                    }
                }
            }
        };
        let place = format!("{MEASURES}: measure {}", measure.number);
        check(&place, "benefit", &measure.benefit);
        for (i, note) in measure.notes.iter().enumerate() {
            check(&place, &format!("notes[{}]", i + 1), note);
        }
        for incentive in policy.incentives_of(&measure.number) {
            let place = format!("{INCENTIVES}: incentive \"{}\"", incentive.id);
            check(&place, "summary", &incentive.summary);
            for (i, note) in incentive.notes.iter().enumerate() {
                check(&place, &format!("notes[{}]", i + 1), note);
            }
        }
    }
}

/// A money or rate parameter's figure should be written in its clause's text (the plan is the
/// authority). Skipped where the texts are not loaded (the web app fetches them later).
fn params_in_clause_text(policy: &Policy, out: &mut Vec<Warning>) {
    for incentive in &policy.incentives {
        for (name, param) in &incentive.params {
            if !matches!(param.unit, ParamUnit::Yuan | ParamUnit::Rate) {
                continue;
            }
            let Some(measure) = policy.measure(&param.clause) else { continue };
            if measure.text.zh.trim().is_empty() {
                continue;
            }
            let written: BTreeSet<Decimal> = figures(&measure.text.zh)
                .into_iter()
                .filter(|f| f.kind != FigureKind::Plain || param.unit == ParamUnit::Yuan)
                .map(|f| f.value)
                .collect();
            for value in param.value.iter().chain(param.by_industry.values()) {
                if !written.contains(&value.normalize()) {
                    out.push(Warning {
                        place: format!("{INCENTIVES}: incentive \"{}\", param \"{name}\"", incentive.id),
                        message: format!(
                            "value {} does not occur in the text of clause {} (measure text.zh): the plan's text is the authority; check the figure, or the clause it names",
                            value.normalize(),
                            param.clause
                        ),
                    });
                }
            }
        }
    }
}

/// The plan's own words against its data: draft words in an issued plan, years outside its
/// validity, a count of measures that is not the count of `measure_numbers`.
fn plan_words(policy: &Policy, out: &mut Vec<Warning>) {
    let meta = &policy.meta;
    let place = format!("{PLAN}: [meta]");
    let summary = meta.summary.clone().unwrap_or_default();
    let fields = [("title", &meta.title), ("disclaimer", &meta.disclaimer), ("summary", &summary)];
    if !meta.is_draft() && policy.status().is_some() {
        for (field, text) in fields {
            for (lang, value) in [("zh", &text.zh), ("en", &text.en)] {
                let lower = value.to_lowercase();
                if let Some(word) =
                    ["征求意见稿", "征求意见", "draft"].iter().find(|w| lower.contains(*w))
                {
                    out.push(Warning {
                        place: place.clone(),
                        message: format!(
                            "{field}.{lang} says \"{word}\", but the plan's status \"{}\" is not a draft: rewrite the {field} for the issued plan",
                            meta.status
                        ),
                    });
                }
            }
        }
        let notes = policy.incentives.iter().flat_map(|i| {
            i.notes.iter().map(move |n| (format!("{INCENTIVES}: incentive \"{}\"", i.id), n))
        });
        for (place, note) in notes {
            if note.zh.contains("征求意见稿") || note.en.to_lowercase().contains("draft") {
                out.push(Warning {
                    place,
                    message: format!("notes: a note calls the plan a draft, but its status \"{}\" is not a draft: rewrite the note", meta.status),
                });
            }
        }
    }
    let years = meta.years();
    if let (Some(first), Some(last)) = (years.first(), years.last()) {
        for (field, text) in [("title", &meta.title), ("disclaimer", &meta.disclaimer)] {
            for (lang, value) in [("zh", &text.zh), ("en", &text.en)] {
                for figure in figures(value) {
                    let year = figure.value;
                    let is_year = figure.kind == FigureKind::Plain
                        && year.fract().is_zero()
                        && year >= Decimal::from(1990)
                        && year <= Decimal::from(2100);
                    if is_year && (year < Decimal::from(*first) || year > Decimal::from(*last)) {
                        out.push(Warning {
                            place: place.clone(),
                            message: format!(
                                "{field}.{lang} names the year {year}, outside the plan's validity ({first}–{last}, from valid_from and valid_to): update the {field}"
                            ),
                        });
                    }
                }
            }
        }
    }
    let count = Decimal::from(meta.measure_numbers.len());
    let zh_counts = counted_before(&summary.zh, &["项保障措施", "项措施"]);
    let en_counts = counted_before(&summary.en, &[" support measures", " measures"]);
    for (lang, n) in
        zh_counts.into_iter().map(|n| ("zh", n)).chain(en_counts.into_iter().map(|n| ("en", n)))
    {
        if n != count {
            out.push(Warning {
                place: place.clone(),
                message: format!(
                    "summary.{lang} counts {n} measures, but measure_numbers lists {count}: update the summary"
                ),
            });
        }
    }
}

/// The numbers written right before one of `words` ("40项保障措施", "40 support measures").
fn counted_before(text: &str, words: &[&str]) -> Vec<Decimal> {
    let mut out = Vec::new();
    for figure in figures(text) {
        if figure.kind != FigureKind::Plain {
            continue;
        }
        let mut from = 0;
        while let Some(pos) = text[from..].find(&figure.written) {
            let at = from + pos + figure.written.len();
            if words.iter().any(|w| text[at..].starts_with(w)) {
                out.push(figure.value);
                break;
            }
            from = at;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::policy::bundled;

    /// The first incentive of the plan with an amount in yuan among its parameters.
    fn with_an_amount(policy: &mut Policy) -> &mut crate::engine::policy::Incentive {
        policy
            .incentives
            .iter_mut()
            .find(|i| i.params.values().any(|p| p.unit == ParamUnit::Yuan))
            .expect("an incentive with an amount")
    }

    fn messages(policy: &Policy) -> Vec<String> {
        warnings(policy).into_iter().map(|w| format!("{}: {}", w.place, w.message)).collect()
    }

    #[test]
    fn the_bundled_plan_has_no_prose_warning() {
        assert_eq!(messages(bundled()), Vec::<String>::new());
    }

    #[test]
    fn a_figure_the_parameters_do_not_have_is_named() {
        let mut policy = bundled().clone();
        let incentive = with_an_amount(&mut policy);
        incentive.summary.zh.push_str("另奖励987万元。");
        let id = incentive.id.clone();
        let all = messages(&policy);
        assert!(
            all.iter().any(|m| m.contains(&id) && m.contains("summary.zh says \"987万元\"")),
            "{all:?}"
        );
    }

    #[test]
    fn a_figure_written_twice_is_named_once() {
        let mut policy = bundled().clone();
        let incentive = with_an_amount(&mut policy);
        incentive.summary.zh.push_str("另奖励987万元；再奖励987万元。");
        let all = messages(&policy);
        assert_eq!(
            all.iter().filter(|m| m.contains("summary.zh says \"987万元\"")).count(),
            1,
            "{all:?}"
        );
    }

    #[test]
    fn texts_wait_for_a_measures_parameters_to_be_complete() {
        let mut policy = bundled().clone();
        let incentive = with_an_amount(&mut policy);
        let id = incentive.id.clone();
        // Its amount unreadable (the reader set it aside): the texts that state it are not stale.
        for param in incentive.params.values_mut().filter(|p| p.unit == ParamUnit::Yuan) {
            param.value = None;
            param.by_industry.clear();
        }
        let all = messages(&policy);
        assert!(
            !all.iter().any(|m| m.contains(&id) && m.contains("none of the figures")),
            "{all:?}"
        );
    }

    #[test]
    fn without_parameters_a_figure_is_checked_against_the_measures_text() {
        let mut policy = bundled().clone();
        let number = policy
            .measures
            .iter()
            .find(|m| parameter_figures(&policy, &m.number).is_empty() && !m.text.zh.is_empty())
            .map(|m| m.number.clone())
            .expect("a measure without parameters");
        let measure = policy.measures.iter_mut().find(|m| m.number == number).expect("it");
        measure.benefit.en.push_str(" Up to RMB 9,870,000.");
        let all = messages(&policy);
        assert!(all.iter().any(|m| m.contains(&number) && m.contains("RMB 9,870,000")), "{all:?}");
    }

    #[test]
    fn an_issued_plan_that_still_says_draft_and_a_wrong_count_are_named() {
        let mut policy = bundled().clone();
        let issued =
            policy.statuses.iter().find(|s| !s.is_draft).expect("a final status").id.clone();
        policy.meta.status = issued;
        policy.meta.disclaimer.en = "Based on the draft.".to_owned();
        policy.meta.summary =
            Some(Text::new("方案列出3项保障措施。", "The plan lists 3 support measures."));
        policy.resolve_status();
        let all = messages(&policy);
        assert!(all.iter().any(|m| m.contains("disclaimer.en says \"draft\"")), "{all:?}");
        assert!(all.iter().any(|m| m.contains("summary.zh counts 3 measures")), "{all:?}");
        assert!(all.iter().any(|m| m.contains("summary.en counts 3 measures")), "{all:?}");
    }
}
