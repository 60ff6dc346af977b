//! Compact, read-only views of a profile and its report, shared by the hand-off screen, the
//! receipt and the import preview: who the applicant is, the answers as written values, and
//! one table row per incentive (status in words and icon, amount, clause, who gives). They
//! show what the engine computed and compute nothing.

use leptos::prelude::*;

use crate::engine::lang::Lang;
use crate::engine::money::{format_grouped, format_yuan};
use crate::engine::policy::{FactKind, Policy};
use crate::engine::profile::{Answer, Profile};
use crate::engine::report::{Amount, IncentiveResult, Outcome, Report, Status};
use crate::ui::components::fact_input::field_text;
use crate::ui::components::figures::figures;
use crate::ui::components::level_tag::level_tag;
use crate::ui::i18n::use_lang;
use crate::ui::library::text_in;
use crate::ui::mixed::mixed;
use crate::ui::results::card::{status_icon, status_label};
use crate::ui::results::format::{amount_for_status, plain_decimal};
use crate::ui_strings;

ui_strings!(TableText {
    IfMet => ("如其余条件均满足：", "If the remaining conditions are met: "),
    Yes => ("是", "Yes"),
    No => ("否", "No"),
    Applicant => ("申请人类型", "Applicant type"),
    County => ("县（区）", "County or district"),
    Industry => ("产业", "Industry"),
    Name => ("档案名称", "Profile name"),
    NotChosen => ("未选择", "Not chosen"),
    Clause => ("条款", "Clause"),
    Incentive => ("奖补项目", "Incentive"),
    Status => ("状态", "Status"),
    Amount => ("金额", "Amount"),
    Giver => ("兑现层级", "Given by"),
    NoAnswers => ("尚未回答任何问题。", "No question answered yet."),
    NoIncentives => ("没有适用于此类申请人的奖补项目。", "No incentive is for this applicant type."),
    Question => ("问题", "Question"),
    Answer => ("回答", "Answer"),
    Why => ("条件与计算", "Conditions and calculation"),
    Met => ("已满足", "Met"),
    NotMet => ("未满足", "Not met"),
    Unanswered => ("未回答", "Not answered"),
});

/// An answer as a person reads it: 是/否, `150,000 元`, `12 人`, `65%`, a choice's label.
pub fn answer_text(policy: &Policy, fact: &str, answer: &Answer, lang: Lang) -> String {
    let fact = policy.fact(fact);
    match answer {
        Answer::Bool(true) => TableText::Yes.get(lang).to_owned(),
        Answer::Bool(false) => TableText::No.get(lang).to_owned(),
        Answer::Choice(id) => fact
            .and_then(|f| f.choices.iter().find(|c| &c.id == id))
            .map_or_else(|| id.clone(), |c| c.label.get(lang).to_owned()),
        Answer::Number(value) => match fact.map(|f| f.kind) {
            Some(FactKind::Money) => format_yuan(*value, lang),
            Some(FactKind::Percent) => field_text(FactKind::Percent, *value),
            _ => {
                let unit = fact.and_then(|f| f.unit.as_ref()).map(|u| u.get(lang)).unwrap_or("");
                let gap = if unit.is_empty() || lang == Lang::Zh { "" } else { " " };
                format!("{}{gap}{unit}", format_grouped(*value))
            }
        },
    }
}

/// The answers of a profile as (fact id, label, value), in the plan's question order; answers
/// to facts this plan does not know come last, under their id.
pub fn answer_rows(
    policy: &Policy,
    profile: &Profile,
    lang: Lang,
) -> Vec<(String, String, String)> {
    let mut rows: Vec<(String, String, String)> = policy
        .facts
        .iter()
        .filter_map(|f| {
            let answer = profile.answers.get(&f.id)?;
            Some((
                f.id.clone(),
                f.label.get(lang).to_owned(),
                answer_text(policy, &f.id, answer, lang),
            ))
        })
        .collect();
    for (id, answer) in &profile.answers {
        if policy.fact(id).is_none() {
            rows.push((id.clone(), id.clone(), answer_text(policy, id, answer, lang)));
        }
    }
    rows
}

/// Applicant type, county, industry and name, each with its label (the start-screen choices).
pub fn who_rows(policy: &Policy, profile: &Profile, lang: Lang) -> Vec<(TableText, String)> {
    let not_chosen = || TableText::NotChosen.get(lang).to_owned();
    let mut rows = vec![(
        TableText::Applicant,
        profile.applicant.map_or_else(not_chosen, |a| a.label(lang).to_owned()),
    )];
    if let Some(county) = profile.county.as_deref() {
        let name = policy.county(county).map_or(county, |c| c.name.get(lang));
        rows.push((TableText::County, name.to_owned()));
    }
    if let Some(industry) = profile.industry.as_deref() {
        let name = policy.industry(industry).map_or(industry, |i| i.name.get(lang));
        rows.push((TableText::Industry, name.to_owned()));
    }
    if !profile.name.trim().is_empty() {
        rows.push((TableText::Name, profile.name.clone()));
    }
    rows
}

/// The applicant and the answers, as a description list (`data-testid="answer-<fact>"`).
#[component]
pub fn AnswerList(policy: &'static Policy, profile: Profile) -> impl IntoView {
    let lang = use_lang();
    let profile = StoredValue::new(profile);
    move || {
        let lang = lang.get();
        let (who, answers) =
            profile.with_value(|p| (who_rows(policy, p, lang), answer_rows(policy, p, lang)));
        let empty = answers.is_empty();
        view! {
            <dl class="answer-list" data-testid="answer-list">
                {who.into_iter().map(|(key, value)| view! {
                    <div class="answer-row who"><dt>{key.get(lang)}</dt><dd>{mixed(&value, lang)}</dd></div>
                }).collect_view()}
                {answers.into_iter().map(|(id, label, value)| view! {
                    <div class="answer-row" data-testid=format!("answer-{id}")><dt>{mixed(&label, lang)}</dt><dd>{mixed(&value, lang)}</dd></div>
                }).collect_view()}
            </dl>
            {empty.then(|| view! { <p class="muted">{TableText::NoAnswers.get(lang)}</p> })}
        }
    }
}

/// The incentives that concern this applicant type, one row each. Rows carry the results
/// screen's test contract: `incentive-<id>` with `data-status`, `amount-<id>` with
/// `data-min`/`data-max`.
#[component]
pub fn IncentiveTable(report: Report<'static>) -> impl IntoView {
    let lang = use_lang();
    let rows: Vec<IncentiveResult<'static>> =
        report.results.iter().filter(|r| r.status != Status::NotApplicable).cloned().collect();
    if rows.is_empty() {
        return view! { <p data-testid="incentive-table-empty">{TableText::NoIncentives.text(lang)}</p> }
            .into_any();
    }
    view! {
        <table class="incentive-table" data-testid="incentive-table">
            <thead>
                <tr>
                    <th scope="col">{TableText::Clause.text(lang)}</th>
                    <th scope="col">{TableText::Incentive.text(lang)}</th>
                    <th scope="col">{TableText::Status.text(lang)}</th>
                    <th scope="col" class="num">{TableText::Amount.text(lang)}</th>
                    <th scope="col">{TableText::Giver.text(lang)}</th>
                </tr>
            </thead>
            <tbody>
                {rows.into_iter().map(|r| {
                    let status = r.status;
                    let amount = r.amount;
                    let level = r.level;
                    view! {
                        <tr data-testid=format!("incentive-{}", r.id) data-status=status.id()
                            class=format!("status-{}", status.id())>
                            <td class="clause" lang="zh-CN">{r.clause}</td>
                            <th scope="row" class="title">{move || { let lang = lang.get(); mixed(r.title.get(lang), lang) }}</th>
                            <td class="status">
                                <span class="icon" aria-hidden="true">{status_icon(status)}</span>" "
                                {move || status_label(status).get(lang.get())}
                            </td>
                            <td class="num" data-testid=format!("amount-{}", r.id)
                                data-min=plain_decimal(amount.min()) data-max=plain_decimal(amount.max())>
                                {move || figures(amount_for_status(status, amount, lang.get(), true))}
                            </td>
                            <td class="giver">{move || level.label(lang.get())}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

/// Whether a result's amount is one it would have once every condition is met: it needs
/// answers, and the plan's amount is already known.
fn would_be(status: Status, amount: Amount) -> bool {
    status == Status::NeedsAnswers
        && !matches!(amount, Amount::NotComputed | Amount::NoAmountInPlan)
}

/// The incentives that concern this applicant type as cards, for a phone (eligible first): status in words,
/// title, clause and amount, and the conditions and calculation one tap away. With `testids`
/// the cards carry the results screen's test contract (`incentive-<id>`, `amount-<id>`); the
/// receipt, whose table carries it, shows them without.
#[component]
pub fn ReportCards(report: Report<'static>, testids: bool) -> impl IntoView {
    let lang = use_lang();
    let mut rows: Vec<IncentiveResult<'static>> =
        report.results.iter().filter(|r| r.status != Status::NotApplicable).cloned().collect();
    // What applies first, then what needs answers, then the rest (plan order within each).
    rows.sort_by_key(|r| match r.status {
        Status::Eligible => 0,
        Status::NeedsAnswers => 1,
        _ => 2,
    });
    if rows.is_empty() {
        return view! { <p>{TableText::NoIncentives.text(lang)}</p> }.into_any();
    }
    let cards = rows
        .into_iter()
        .map(|r| {
            let (status, amount, id, level) = (r.status, r.amount, r.id, r.level);
            // Money that is not the city's own is tagged as the results' short list tags it.
            let giver = (!matches!(status, Status::NotEligible | Status::NotApplicable))
                .then(|| level_tag(level, lang))
                .flatten();
            let testid = |prefix: &str| testids.then(|| format!("{prefix}-{id}"));
            let conditions = r
                .conditions
                .iter()
                .map(|c| {
                    let (icon, word) = match c.outcome {
                        Outcome::Met => ("✓", TableText::Met),
                        Outcome::NotMet => ("✗", TableText::NotMet),
                        Outcome::Unanswered => ("?", TableText::Unanswered),
                    };
                    view! {
                        <li class=format!("condition outcome-{}", outcome_id(c.outcome))>
                            <span class="outcome"><span aria-hidden="true">{icon}</span>" "{word.text(lang)}</span>
                            " "<span class="condition-label">{text_in(c.label)}</span>" "<span class="clause-ref" lang="zh-CN">{c.clause}</span>
                        </li>
                    }
                })
                .collect_view();
            let trace = r.trace.clone();
            let trace = (!trace.is_empty()).then(|| {
                let steps = trace
                    .into_iter()
                    .map(|step| {
                        let clause = step.clause().to_owned();
                        view! {
                            <li>
                                <span class="trace-line">{move || { let lang = lang.get(); mixed(&step.render(lang), lang) }}</span>
                                " "<span class="clause-ref" lang="zh-CN">{clause}</span>
                            </li>
                        }
                    })
                    .collect_view();
                view! { <ol class="report-card-trace">{steps}</ol> }
            });
            view! {
                <article class=format!("report-card status-{}", status.id())
                    data-testid=testid("incentive") data-status=status.id() data-card=id>
                    <p class=format!("status-badge status-{}", status.id())>
                        <span class="icon" aria-hidden="true">{status_icon(status)}</span>
                        <span>{move || status_label(status).get(lang.get())}</span>
                    </p>
                    <h3 class="report-card-title">
                        {text_in(r.title)}" "<span class="clause-ref" lang="zh-CN">{r.clause}</span>
                    </h3>
                    <p class="report-card-amount" data-testid=testid("amount")
                        data-min=plain_decimal(amount.min()) data-max=plain_decimal(amount.max())>
                        // An amount beside "needs answers" is what it would be, not what is due.
                        {would_be(status, amount).then(|| view! {
                            <span class="amount-if" data-testid="amount-if">{TableText::IfMet.text(lang)}</span>
                        })}
                        {move || figures(amount_for_status(status, amount, lang.get(), false))}
                        {giver}
                    </p>
                    <details class="report-card-why">
                        <summary>{TableText::Why.text(lang)}</summary>
                        <ul class="conditions">{conditions}</ul>
                        {trace}
                    </details>
                </article>
            }
        })
        .collect_view();
    view! { <div class="report-cards" data-testid=testids.then_some("report-cards")>{cards}</div> }
        .into_any()
}

fn outcome_id(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Met => "met",
        Outcome::NotMet => "not_met",
        Outcome::Unanswered => "unanswered",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    use crate::engine::policy::bundled as policy;

    #[test]
    fn answers_read_as_words_and_units() {
        let policy = policy();
        let money = policy.facts.iter().find(|f| f.kind == FactKind::Money).map(|f| f.id.clone());
        let percent =
            policy.facts.iter().find(|f| f.kind == FactKind::Percent).map(|f| f.id.clone());
        let choice = policy.facts.iter().find(|f| f.kind == FactKind::Choice).cloned();
        let (Some(money), Some(percent), Some(choice)) = (money, percent, choice) else {
            panic!("the plan has money, percent and choice facts");
        };
        assert_eq!(
            answer_text(policy, &money, &Answer::Number(Decimal::from(150_000)), Lang::Zh),
            "150,000 元"
        );
        assert_eq!(
            answer_text(policy, &percent, &Answer::Number(Decimal::new(65, 2)), Lang::En),
            "65%"
        );
        assert_eq!(answer_text(policy, "x", &Answer::Bool(true), Lang::Zh), "是");
        let first = &choice.choices[0];
        assert_eq!(
            answer_text(policy, &choice.id, &Answer::Choice(first.id.clone()), Lang::En),
            first.label.en
        );
        assert_eq!(
            answer_text(policy, &choice.id, &Answer::Choice("nope".into()), Lang::En),
            "nope"
        );
    }

    #[test]
    fn answer_rows_follow_the_question_order_and_keep_unknown_facts() {
        let policy = policy();
        let mut profile = Profile::new();
        let ids: Vec<String> = policy.facts.iter().take(3).map(|f| f.id.clone()).collect();
        for id in ids.iter().rev() {
            profile.answers.insert(id.clone(), Answer::Bool(true));
        }
        profile.answers.insert("zz_unknown".into(), Answer::Bool(false));
        let rows = answer_rows(policy, &profile, Lang::En);
        let got: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
        let mut want: Vec<&str> = ids.iter().map(String::as_str).collect();
        want.push("zz_unknown");
        assert_eq!(got, want);
    }
}
