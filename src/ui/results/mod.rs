//! Pieces of the results screen: the plan's status notice, the totals, one card per incentive,
//! and the pure formatting helpers they share with the library.

pub mod card;
pub mod format;
pub mod short_list;
pub mod summary;

use crate::engine::date::Date;
use crate::engine::lang::Lang;
use crate::engine::period::date_text;
use crate::engine::report::PlanStatus;
use crate::ui::components::figures::figures;
use crate::ui::i18n::use_lang;
use crate::ui::state::use_app;
use crate::ui_strings;
use format::fill;
use leptos::prelude::*;

ui_strings!(NoticeText {
    Status => ("文件状态：", "Status: "),
    DraftNote => (
        "这是征求意见稿，正式印发的文件可能不同。",
        "This is a draft for comments; the final document may differ."
    ),
    FinalNote => ("正式文件。", "The final document."),
    Period => ("方案期限：", "Plan period: "),
    PeriodRange => ("{from} 至 {to}", "{from} to {to}"),
    PeriodOpen => ("未注明", "not stated"),
    Ended => ("方案期限已过", "The plan's period has ended"),
    EndedBody => (
        "今天（{today}）已在方案期限（{from} 至 {to}）之后。以下结果依据方案原文计算，仅供参考：某项措施是否仍在执行、是否已被延续或替代，请向牵头单位咨询。",
        "Today ({today}) is after the plan's period ({from} to {to}). The results are computed from the plan's text for reference only: ask the lead unit whether a measure still applies, or has been extended or replaced."
    ),
    NotStarted => ("方案尚未开始", "The plan's period has not started"),
    NotStartedBody => (
        "今天（{today}）早于方案期限（{from} 至 {to}）。以下结果依据方案原文计算，仅供参考。",
        "Today ({today}) is before the plan's period ({from} to {to}). The results are computed from the plan's text for reference only."
    ),
    InPeriod => ("今天（{today}）在方案期限内。", "Today ({today}) is within the plan's period."),
});

/// The plan's draft status and period, and a plain warning when today is outside the period.
#[component]
pub fn PlanNotice() -> impl IntoView {
    let lang = use_lang();
    let Some(app) = use_app() else { return ().into_any() };
    // Redrawn when the plan's status changes, not with every report.
    let plan = Memo::new(move |_| app.report.with(|r| r.plan.clone()));
    let today = app.today;
    view! {
        <div
            class="plan-notice"
            data-testid="plan-notice"
            data-draft=move || plan.with(|p| p.draft.to_string())
            data-in-period=move || plan.with(|p| p.in_period.to_string())
        >
            {move || {
                let lang = lang.get();
                let plan = plan.get();
                notice_body(&plan, today, lang)
            }}
        </div>
    }
    .into_any()
}

fn notice_body(plan: &PlanStatus<'static>, today: Date, lang: Lang) -> impl IntoView {
    let t = |key: NoticeText| key.get(lang);
    let iso = |d: Option<Date>| d.map(|d| d.to_string());
    let period = match (iso(plan.valid_from), iso(plan.valid_to)) {
        (Some(f), Some(t_)) => fill(t(NoticeText::PeriodRange), &[("from", &f), ("to", &t_)]),
        _ => t(NoticeText::PeriodOpen).to_owned(),
    };
    // In the sentence, dates in words: an ISO date breaks at its hyphens on a narrow screen.
    let from = plan.valid_from.map(|d| date_text(d, lang));
    let to = plan.valid_to.map(|d| date_text(d, lang));
    let today_text = date_text(today, lang);
    let values = [
        ("today", today_text.as_str()),
        ("from", from.as_deref().unwrap_or("")),
        ("to", to.as_deref().unwrap_or("")),
    ];
    let after = plan.valid_to.is_some_and(|end| today > end);
    let warning = (!plan.in_period).then(|| {
        let (title, body) = if after {
            (NoticeText::Ended, NoticeText::EndedBody)
        } else {
            (NoticeText::NotStarted, NoticeText::NotStartedBody)
        };
        view! {
            <p class="period-warning" data-testid="out-of-period">
                <span class="icon" aria-hidden="true">"⚠"</span>
                <strong>{t(title)}</strong>
                " "
                {fill(t(body), &values)}
            </p>
        }
    });
    let in_period = plan
        .in_period
        .then(|| view! { <p class="period-ok">{fill(t(NoticeText::InPeriod), &values)}</p> });
    let status_zh = (lang == Lang::En && plan.status_label.zh != plan.status_label.en).then(|| {
        view! { " (" <span lang="zh-CN">{plan.status_label.zh.clone()}</span> ")" }
    });
    view! {
        <p class="plan-title"><cite>{figures(plan.title.get(lang).to_owned())}</cite></p>
        <ul class="plan-facts">
            <li>
                <strong>{t(NoticeText::Status)}</strong>
                {plan.status_label.get(lang).to_owned()}
                {status_zh}
                " · "
                // What the status means, from data/statuses.toml (the built-in words if it says nothing).
                {match plan.status_meaning.get(lang) {
                    "" => t(if plan.draft { NoticeText::DraftNote } else { NoticeText::FinalNote }).to_owned(),
                    meaning => meaning.to_owned(),
                }}
            </li>
            <li><strong>{t(NoticeText::Period)}</strong>{figures(period)}</li>
        </ul>
        {warning}
        {in_period}
    }
}
