//! One incentive, evaluated: status (icon and words, never colour alone), conditions with their
//! clauses and links to answer what is missing, the amount with its trace and the bound that
//! applied, the next threshold, whom to contact, who pays, notes, and the clause itself.

use crate::engine::lang::{Lang, Text};
use crate::engine::policy::{Calc, Policy};
use crate::engine::report::{Amount, Bound, IncentiveResult, Outcome, Status};
use crate::engine::trace::{Operand, Origin, TraceStep};
use crate::engine::{APPLICANT_FIELD, COUNTY_FIELD, INDUSTRY_FIELD};
use crate::ui::components::figures::figures;
use crate::ui::components::period::ClaimsNote;
use crate::ui::i18n::use_lang;
use crate::ui::library::{
    describe, level_label, measure_href, text_in, ClauseText, Contacts, NoteList,
};
use crate::ui::mixed::mixed;
use crate::ui::route::Route;
use crate::ui::route_focus::with_question;
use crate::ui_strings;
use leptos::prelude::*;

use super::format::{amount_text, fill, param_value_text, plain_decimal};

ui_strings!(CardText {
    Eligible => ("符合条件", "Eligible"),
    NeedsAnswers => ("需要补充信息", "Needs answers"),
    NotEligible => ("不符合条件", "Not eligible"),
    NotApplicable => ("不适用于此类申请人", "Not for this applicant type"),
    Error => ("无法计算", "Could not be computed"),
    Met => ("已满足", "Met"),
    NotMet => ("未满足", "Not met"),
    Unanswered => ("未回答", "Not answered"),
    Answer => ("回答：{fact}", "Answer: {fact}"),
    Change => ("修改：{fact}", "Change: {fact}"),
    Clause => ("条款 {clause}", "Clause {clause}"),
    Conditions => ("条件", "Conditions"),
    Amount => ("金额", "Amount"),
    WouldBe => ("如其余条件均满足，金额为", "If the remaining conditions are met, the amount would be"),
    NotComputedYet => (
        "回答下面列出的问题后即可计算金额。",
        "Answer the questions listed below to see the amount."
    ),
    NoAmount => (
        "本方案提到给予或争取资金，但没有规定金额：金额由其他政策或主管部门另定。",
        "The plan mentions money given or sought but sets no amount: it is set by other rules or by the competent unit."
    ),
    HowComputed => ("计算方法", "How it is computed"),
    Calculation => ("计算过程", "Calculation"),
    FromAnswer => ("您的回答：{label}", "your answer: {label}"),
    FromPlan => ("方案数值，{clause}", "plan figure, {clause}"),
    BoundCap => ("已按上限 {value} 计（{clause}）。", "The cap of {value} applied ({clause})."),
    BoundThreshold => ("未达到门槛 {value}（{clause}）。", "The threshold of {value} is not reached ({clause})."),
    BoundDeduction => (
        "扣除额不低于基数，金额按 0 计（{clause}）。",
        "The deductions are at least the base, so the amount is 0 ({clause})."
    ),
    NextThreshold => ("下一个门槛：", "Next threshold: "),
    StillNeeded => ("计算金额还需要：", "Still needed for the amount:"),
    Contact => ("联系单位", "Whom to contact"),
    Payer => ("资金由谁承担：", "Who pays: "),
    SharedCap => ("共用上限：", "Shared cap: "),
    Notes => ("解读说明", "Interpretation notes"),
    Unchecked => ("主管部门还会核实", "An official will also check"),
    ClauseText => ("条款原文与英文译文", "Text of the clause, in Chinese and English"),
    InLibrary => ("在政策库中查看", "See it in the policy library"),
    Applicant => ("申请人类型", "Applicant type"),
    County => ("所在县（区）", "County or district"),
    Industry => ("所属产业", "Industry"),
    ErrorDetail => ("原因：", "Reason: "),
    Missing => ("还需回答：", "Still to answer:"),
    Reason => ("未满足的条件：", "Not met:"),
    More => ("条件、金额、计算与条款", "Conditions, amount, calculation and clause"),
});

pub fn status_label(status: Status) -> CardText {
    match status {
        Status::Eligible => CardText::Eligible,
        Status::NeedsAnswers => CardText::NeedsAnswers,
        Status::NotEligible => CardText::NotEligible,
        Status::NotApplicable => CardText::NotApplicable,
        Status::Error => CardText::Error,
    }
}

/// The icon shown next to a status (decorative: the words carry the meaning).
pub fn status_icon(status: Status) -> &'static str {
    match status {
        Status::Eligible => "✓",
        Status::NeedsAnswers => "?",
        Status::NotEligible => "✗",
        Status::NotApplicable => "–",
        Status::Error => "!",
    }
}

fn outcome_parts(outcome: Outcome) -> (&'static str, &'static str, CardText) {
    match outcome {
        Outcome::Met => ("met", "✓", CardText::Met),
        Outcome::NotMet => ("not_met", "✗", CardText::NotMet),
        Outcome::Unanswered => ("unanswered", "?", CardText::Unanswered),
    }
}

/// Where to answer a fact: its questionnaire step, or the start screen for who/where/industry,
/// with focus on the question's field (`?question=`, see `ui::route_focus`).
pub fn fact_href(policy: &Policy, fact: &str) -> String {
    let route = match fact {
        APPLICANT_FIELD | COUNTY_FIELD | INDUSTRY_FIELD => Route::Home,
        _ => match policy.fact(fact) {
            Some(f) if !f.step.is_empty() => Route::Questions(Some(f.step.clone())),
            _ => Route::Questions(None),
        },
    };
    with_question(&route, fact)
}

/// A fact's short name in the current language (the start-screen fields included).
pub fn fact_name(policy: &'static Policy, fact: &'static str, lang: Lang) -> &'static str {
    match fact {
        APPLICANT_FIELD => CardText::Applicant.get(lang),
        COUNTY_FIELD => CardText::County.get(lang),
        INDUSTRY_FIELD => CardText::Industry.get(lang),
        _ => policy.fact(fact).map_or(fact, |f| f.label.get(lang)),
    }
}

fn operands<'p>(step: &TraceStep<'p>) -> Vec<Operand<'p>> {
    match *step {
        TraceStep::Multiply { left, right, .. }
        | TraceStep::Subtract { left, right, .. }
        | TraceStep::Add { left, right, .. } => vec![left, right],
        TraceStep::Cap { cap, .. } => vec![cap],
        TraceStep::Fixed { amount, .. } => vec![amount],
        TraceStep::UpTo { .. } => Vec::new(),
    }
}

/// Where the numbers of a step come from: "600 = your answer: …; 2‰ = plan figure, 四.2(4)".
fn sources(policy: &'static Policy, step: &TraceStep<'static>, lang: Lang) -> String {
    operands(step)
        .into_iter()
        .filter(|o| o.origin != Origin::Computed)
        .map(|o| {
            let from = match o.origin {
                Origin::Answer => fill(
                    CardText::FromAnswer.get(lang),
                    &[("label", fact_name(policy, o.source, lang))],
                ),
                _ => fill(CardText::FromPlan.get(lang), &[("clause", step.clause())]),
            };
            format!("{} = {from}", o.render())
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn bound_text(policy: &Policy, result: &IncentiveResult<'_>, lang: Lang) -> Option<String> {
    let unit_of = |param: &str| {
        policy.incentive(result.id).and_then(|i| i.param(param)).map(|p| p.unit).unwrap_or_default()
    };
    let clause_word = |clause: &str| fill(CardText::Clause.get(lang), &[("clause", clause)]);
    Some(match result.bound? {
        Bound::Cap { param, clause, value } => fill(
            CardText::BoundCap.get(lang),
            &[
                ("value", &param_value_text(value, unit_of(param), lang)),
                ("clause", &clause_word(clause)),
            ],
        ),
        Bound::Threshold { param, clause, value } => fill(
            CardText::BoundThreshold.get(lang),
            &[
                ("value", &param_value_text(value, unit_of(param), lang)),
                ("clause", &clause_word(clause)),
            ],
        ),
        Bound::DeductionExceedsBase { clause } => {
            fill(CardText::BoundDeduction.get(lang), &[("clause", &clause_word(clause))])
        }
    })
}

/// A link to answer (or change) one fact.
#[component]
fn FactLink(policy: &'static Policy, fact: &'static str, change: bool) -> impl IntoView {
    let lang = use_lang();
    let key = if change { CardText::Change } else { CardText::Answer };
    view! {
        <a class="fact-link" href=fact_href(policy, fact) data-fact=fact>
            {move || {
                let lang = lang.get();
                mixed(&fill(key.get(lang), &[("fact", fact_name(policy, fact, lang))]), lang)
            }}
        </a>
    }
}

#[component]
pub fn IncentiveCard(policy: &'static Policy, result: IncentiveResult<'static>) -> impl IntoView {
    let lang = use_lang();
    let t = move |key: CardText| key.get(lang.get());
    let id = result.id;
    let status = result.status;
    let title_id = format!("incentive-{id}-title");
    let labelled_by = title_id.clone();
    let measure = policy.measure(result.clause);
    let incentive = policy.incentive(id);
    let amount = result.amount;

    let conditions = result
        .conditions
        .iter()
        .map(|c| {
            let (outcome_id, icon, word) = outcome_parts(c.outcome);
            let label: &'static Text = c.label;
            let clause = c.clause;
            let link = match (c.outcome, c.fact) {
                (Outcome::Unanswered, Some(fact)) => {
                    Some(view! { " " <FactLink policy=policy fact=fact change=false/> })
                }
                (Outcome::NotMet, Some(fact)) => {
                    Some(view! { " " <FactLink policy=policy fact=fact change=true/> })
                }
                _ => None,
            };
            view! {
                <li class=format!("condition outcome-{outcome_id}") data-condition=c.id
                    data-outcome=outcome_id>
                    <span class="outcome">
                        <span class="icon" aria-hidden="true">{icon}</span>
                        <span class="outcome-word">{move || t(word)}</span>
                    </span>
                    <span class="condition-label">{text_in(label)}</span>
                    " "
                    <span class="clause-ref">
                        {move || mixed(&fill(t(CardText::Clause), &[("clause", clause)]), lang.get())}
                    </span>
                    {link}
                </li>
            }
        })
        .collect_view();

    // Formula inputs still missing that no condition already links to.
    let condition_facts: Vec<&str> = result.conditions.iter().filter_map(|c| c.fact).collect();
    let still_needed: Vec<&'static str> =
        result.missing.iter().copied().filter(|f| !condition_facts.contains(f)).collect();
    let still_needed = (!still_needed.is_empty()).then(|| {
        view! {
            <div class="still-needed">
                <p>{CardText::StillNeeded.text(lang)}</p>
                <ul>
                    {still_needed
                        .into_iter()
                        .map(|fact| view! { <li><FactLink policy=policy fact=fact change=false/></li> })
                        .collect_view()}
                </ul>
            </div>
        }
    });

    let amount_intro = match (status, amount) {
        (_, Amount::NoAmountInPlan) => Some(CardText::NoAmount),
        (Status::NeedsAnswers, Amount::NotComputed) => Some(CardText::NotComputedYet),
        (Status::NeedsAnswers, _) => Some(CardText::WouldBe),
        _ => None,
    };
    let show_amount = !matches!(status, Status::NotEligible | Status::NotApplicable);
    // A fixed amount's trace already says it all; formulas with inputs keep their words.
    let formula = incentive
        .filter(|inc| !matches!(inc.calc, Calc::Fixed { .. }) || result.trace.is_empty())
        .map(|inc| move || figures(describe::formula_text(policy, inc, lang.get())));
    let trace = result.trace.clone();
    let trace_view = (!trace.is_empty()).then(|| {
        view! {
            <div class="trace">
                <p class="trace-title">{CardText::Calculation.text(lang)}</p>
                <ol>
                    {trace
                        .into_iter()
                        .map(|step| {
                            let clause = step.clause().to_owned();
                            view! {
                                <li>
                                    <span class="trace-line">{move || figures(step.render(lang.get()))}</span>
                                    " "
                                    <span class="clause-ref">{move || mixed(&clause, lang.get())}</span>
                                    <span class="trace-sources">
                                        {move || { let lang = lang.get(); mixed(&sources(policy, &step, lang), lang) }}
                                    </span>
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
            </div>
        }
    });
    let bound = {
        let result = result.clone();
        move || {
            let lang = lang.get();
            bound_text(policy, &result, lang).map(|text| mixed(&text, lang))
        }
    };
    let hint = result.hint.map(|hint| {
        let fact = hint.fact;
        // "Answer" for a question still open, "Change" for one already answered.
        let change = !result.missing.contains(&fact);
        view! {
            <p class="next-hint" data-testid=format!("hint-{id}")>
                <span class="icon" aria-hidden="true">"➜"</span>
                <strong>{CardText::NextThreshold.text(lang)}</strong>
                {move || figures(hint.render(lang.get()))}
                " "
                <span class="clause-ref">{move || mixed(hint.clause, lang.get())}</span>
                " "
                <FactLink policy=policy fact=fact change=change/>
            </p>
        }
    });
    let collapsed_line = collapsed_line(policy, &result);
    let error = result.error.map(|e| {
        view! { <p class="card-error"><strong>{CardText::ErrorDetail.text(lang)}</strong>{e}</p> }
    });

    let body = view! {
            <p class="card-summary">{text_in(result.summary)}</p>
            <div
                class=format!("amount amount-{}", amount.kind())
                data-testid=format!("amount-{id}")
                data-min=plain_decimal(amount.min())
                data-max=plain_decimal(amount.max())
                data-kind=amount.kind()
            >
                {show_amount.then(|| view! {
                    <p class="amount-label">{CardText::Amount.text(lang)}</p>
                    {amount_intro.map(|key| view! { <p class="amount-intro">{move || t(key)}</p> })}
                    {(!matches!(amount, Amount::NoAmountInPlan | Amount::NotComputed)).then(|| view! {
                        <p class="amount-figure">{move || figures(amount_text(amount, lang.get()))}</p>
                    })}
                    {formula.map(|formula| view! {
                        <p class="formula"><strong>{CardText::HowComputed.text(lang)}": "</strong>{formula}</p>
                    })}
                    {trace_view}
                })}
                <p class="bound">{bound}</p>
            </div>
            {hint}
            {error}
            {(!result.conditions.is_empty()).then(|| view! {
                <h4>{CardText::Conditions.text(lang)}</h4>
                <ul class="conditions">{conditions}</ul>
            })}
            {still_needed}
            {result.payer.map(|payer| view! {
                <p class="payer"><strong>{CardText::Payer.text(lang)}</strong>{text_in(payer)}</p>
            })}
            {result.shared_cap.map(|cap| view! {
                <p class="shared-cap"><strong>{CardText::SharedCap.text(lang)}</strong>{text_in(cap)}</p>
            })}
            {(!result.unchecked.is_empty()).then(|| view! {
                <h4>{CardText::Unchecked.text(lang)}</h4>
                <NoteList notes=result.unchecked/>
            })}
            {(!result.notes.is_empty()).then(|| view! {
                <h4>{CardText::Notes.text(lang)}</h4>
                <NoteList notes=result.notes/>
            })}
            {measure.map(|measure| view! {
                <h4>{CardText::Contact.text(lang)}</h4>
                <Contacts policy=policy measure=measure/>
                <ClaimsNote measure=measure/>
                <details class="clause-details">
                    <summary><span>{CardText::ClauseText.text(lang)}" · "<span lang="zh-CN">{measure.number.as_str()}</span></span></summary>
                    <ClauseText measure=measure level=5/>
                    <p><a href=measure_href(&measure.number)>{CardText::InLibrary.text(lang)}</a></p>
                </details>
            })}
    };
    // Eligible cards are open; the others show what is missing or why not, the rest one tap away.
    let body = match collapsed_line {
        None => body.into_any(),
        Some(line) => view! {
            {line}
            <details class="card-more" data-testid=format!("more-{id}")>
                <summary>{CardText::More.text(lang)}</summary>
                {body}
            </details>
        }
        .into_any(),
    };

    view! {
        <article
            class=format!("incentive-card status-{}", status.id())
            data-testid=format!("incentive-{id}")
            data-status=status.id()
            data-level=result.level.id()
            aria-labelledby=labelled_by
        >
            <header class="card-head">
                <p class=format!("status-badge status-{}", status.id())>
                    <span class="icon" aria-hidden="true">{status_icon(status)}</span>
                    <span>{move || t(status_label(status))}</span>
                </p>
                <h3 id=title_id>{text_in(result.title)}</h3>
                <p class="card-meta">
                    <a href=measure_href(result.clause)>
                        {move || mixed(&fill(t(CardText::Clause), &[("clause", result.clause)]), lang.get())}
                    </a>
                    " · "
                    <span class=format!("level level-{}", result.level.id())>
                        {move || level_label(result.level).get(lang.get())}
                    </span>
                </p>
            </header>
            {body}
        </article>
    }
}

/// The one line a collapsed card shows: the questions still to answer (needs answers) or the
/// conditions not met (not eligible), each with a link to its question; `None` for a card
/// shown open.
fn collapsed_line(policy: &'static Policy, result: &IncentiveResult<'static>) -> Option<AnyView> {
    let lang = use_lang();
    match result.status {
        Status::NeedsAnswers => {
            let links = result
                .missing
                .iter()
                .map(|&fact| view! { <li><FactLink policy=policy fact=fact change=false/></li> })
                .collect_view();
            Some(
                view! {
                    <div class="card-missing" data-testid=format!("missing-{}", result.id)>
                        <p>{CardText::Missing.text(lang)}</p>
                        <ul class="missing-list">{links}</ul>
                    </div>
                }
                .into_any(),
            )
        }
        Status::NotEligible => {
            let reasons = result
                .conditions
                .iter()
                .filter(|c| c.outcome == Outcome::NotMet)
                .map(|c| {
                    let label: &'static Text = c.label;
                    let clause = c.clause;
                    view! {
                        <li>
                            {text_in(label)}
                            " "
                            <span class="clause-ref">{move || mixed(clause, lang.get())}</span>
                            {c.fact.map(|fact| view! { " " <FactLink policy=policy fact=fact change=true/> })}
                        </li>
                    }
                })
                .collect_view();
            Some(
                view! {
                    <div class="card-reason" data-testid=format!("reason-{}", result.id)>
                        <p>{CardText::Reason.text(lang)}</p>
                        <ul class="reason-list">{reasons}</ul>
                    </div>
                }
                .into_any(),
            )
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn start_screen_fields_link_to_the_start_and_facts_to_their_step() {
        assert_eq!(fact_href(&Policy::default(), APPLICANT_FIELD), "#/?question=applicant");
        assert_eq!(fact_href(&Policy::default(), "nope"), "#/questions?question=nope");
        let policy = Policy::embedded().expect("the embedded plan loads");
        if let Some(fact) = policy.facts.iter().find(|f| !f.step.is_empty()) {
            assert_eq!(
                fact_href(policy, &fact.id),
                format!("#/questions/{}?question={}", fact.step, fact.id)
            );
        }
    }

    #[test]
    fn every_status_has_an_icon_and_distinct_words() {
        let all = [
            Status::Eligible,
            Status::NeedsAnswers,
            Status::NotEligible,
            Status::NotApplicable,
            Status::Error,
        ];
        let words: std::collections::HashSet<_> =
            all.iter().map(|s| status_label(*s).get(Lang::En)).collect();
        assert_eq!(words.len(), all.len());
        assert!(all.iter().all(|s| !status_icon(*s).is_empty()));
    }
}
