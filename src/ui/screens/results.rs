//! Results: which incentives apply to this applicant, why and how much, live from the report.

use crate::engine::lang::Lang;
use crate::engine::policy::Policy;
use crate::engine::report::{IncentiveResult, Report, Status};
use crate::ui::components::figures::figures;
use crate::ui::components::handoff::HandOffButton;
use crate::ui::components::period::YearLine;
use crate::ui::components::plan_line::{ActiveMadeUnder, PlanChoice, PlanLine};
use crate::ui::components::unreadable::{Lead, UnreadableNotice};
use crate::ui::i18n::use_lang;
use crate::ui::library::{measure_href, text_in};
use crate::ui::results::card::{status_icon, IncentiveCard};
use crate::ui::results::format::fill;
use crate::ui::results::short_list::ResultsSummary;
use crate::ui::results::summary::TotalsView;
use crate::ui::results::PlanNotice;
use crate::ui::route::Route;
use crate::ui::screens::compare::CompareLink;
use crate::ui::state::use_app;
use crate::ui_strings;
use leptos::prelude::*;
use leptos::wasm_bindgen::{JsCast, JsValue};

ui_strings!(ResultsText {
    Title => ("您的结果", "Your results"),
    Lead => (
        "根据您的回答，以下是方案中与您相关的奖补、原因和金额。每个数字都注明出处条款；回答变化时结果会随即更新。",
        "From your answers: the incentives of the plan that concern you, why, and how much. Every figure names its clause, and the results update as your answers change."
    ),
    EmptyTitle => ("先告诉我们您是谁", "First, tell us who you are"),
    EmptyBody => (
        "选择申请人类型、所在县（区）和产业，再回答几个问题，这里就会列出适用于您的措施和金额。",
        "Choose your applicant type, county and industry and answer a few questions: this page then lists the measures that apply to you and how much they are worth."
    ),
    Start => ("开始", "Start"),
    Browse => ("浏览全部 {n} 项措施", "Browse all {n} measures"),
    You => ("申请人", "Applicant"),
    ChangeStart => ("修改申请人、县（区）或产业", "Change applicant, county or industry"),
    ChangeAnswers => ("修改回答", "Change answers"),
    NotChosen => ("未选择", "not chosen"),
    Print => ("打印或另存为 PDF", "Print or save as PDF"),
    Eligible => ("符合条件", "Eligible"),
    EligibleLead => ("已满足方案列出的全部条件（主管部门仍会审核）。", "Every condition the plan lists is met (an official still reviews)."),
    NeedsAnswers => ("需要补充信息", "Needs answers"),
    NeedsAnswersLead => ("目前没有不满足的条件，但还缺少一些回答。", "Nothing fails so far, but some answers are missing."),
    NotEligible => ("不符合条件", "Not eligible"),
    NotEligibleLead => ("至少有一项条件未满足；修改回答可重新计算。", "At least one condition is not met; change an answer to recompute."),
    Errors => ("无法计算", "Could not be computed"),
    ErrorsLead => ("输入的数字导致金额超出本工具可计算的范围，请检查回答。", "The numbers entered lead to an amount beyond what this tool computes; please check your answers."),
    NoneInGroup => ("无", "None"),
    NotApplicable => ("不适用于此类申请人（{n} 项）", "Not for this applicant type ({n})"),
    Services => ("您还可能获得的非现金支持", "Non-cash support you may also get"),
    ServicesLead => (
        "优先供地、审批快速通道、贷款、宣传推介等：方案中适用于您这类申请人、所在县（区）和产业的服务类措施。",
        "Priority land, fast-lane approval, loans, marketing and more: the service measures of the plan for your applicant type, county and industry."
    ),
    NoServices => ("暂无。", "None so far."),
    Unchecked => ("本工具未核实的事项", "Not checked by this tool"),
    UncheckedLead => (
        "以下条件只能由主管部门核实，本工具无法判断：",
        "Only an official can verify these; this tool does not check them:"
    ),
});

fn group_key(status: Status) -> Option<(ResultsText, ResultsText, &'static str)> {
    match status {
        Status::Eligible => Some((ResultsText::Eligible, ResultsText::EligibleLead, "eligible")),
        Status::NeedsAnswers => {
            Some((ResultsText::NeedsAnswers, ResultsText::NeedsAnswersLead, "needs_answers"))
        }
        Status::NotEligible => {
            Some((ResultsText::NotEligible, ResultsText::NotEligibleLead, "not_eligible"))
        }
        Status::Error => Some((ResultsText::Errors, ResultsText::ErrorsLead, "error")),
        Status::NotApplicable => None,
    }
}

/// Opens every closed `<details>` before printing (so the clauses print) and closes them again
/// afterwards. Uses `querySelectorAll` through `js_sys` to need no extra web-sys features.
fn set_details_for_print(printing: bool) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let selector = if printing { "details:not([open])" } else { "details[data-print-opened]" };
    let Ok(query) = js_sys::Reflect::get(&document, &JsValue::from_str("querySelectorAll")) else {
        return;
    };
    let Some(query) = query.dyn_ref::<js_sys::Function>() else { return };
    let Ok(list) = query.call1(&document, &JsValue::from_str(selector)) else { return };
    for node in js_sys::Array::from(&list).iter() {
        let Some(element) = node.dyn_ref::<web_sys::Element>() else { continue };
        if printing {
            let _ = element.set_attribute("open", "");
            let _ = element.set_attribute("data-print-opened", "");
        } else {
            let _ = element.remove_attribute("open");
            let _ = element.remove_attribute("data-print-opened");
        }
    }
}

#[component]
pub fn Results() -> impl IntoView {
    let lang = use_lang();
    let t = move |key: ResultsText| key.get(lang.get());
    let Some(app) = use_app() else {
        return view! { <h1>{move || t(ResultsText::Title)}</h1> }.into_any();
    };
    let before = window_event_listener(leptos::ev::beforeprint, |_| set_details_for_print(true));
    let after = window_event_listener(leptos::ev::afterprint, |_| set_details_for_print(false));
    on_cleanup(move || {
        before.remove();
        after.remove();
    });
    let policy = app.policy;

    let body = move || {
        let report = app.report.get();
        if report.applicant.is_none() {
            return view! {
                <section class="empty-state" data-testid="results-empty" aria-labelledby="empty-title">
                    <h2 id="empty-title">{move || t(ResultsText::EmptyTitle)}</h2>
                    <p>{move || t(ResultsText::EmptyBody)}</p>
                    <p class="actions">
                        <a class="button" href=Route::Home.to_hash() data-testid="results-start">
                            {move || t(ResultsText::Start)}
                        </a>
                        <a class="button secondary" href=Route::Library(None).to_hash()>
                            {move || fill(t(ResultsText::Browse), &[("n", &app.policy.meta.measure_numbers.len().to_string())])}
                        </a>
                    </p>
                </section>
            }
            .into_any();
        }
        results_body(policy, report).into_any()
    };

    // The summary first, inside a phone's first screen; the plan's status right after it.
    let glance = move || {
        let report = app.report.get();
        report.applicant.is_some().then(|| view! { <ResultsSummary report=report/> })
    };
    view! {
        <div class="results-screen" data-testid="results-screen">
            <h1>{move || t(ResultsText::Title)}</h1>
            {glance}
            <UnreadableNotice lead=Lead::Here/>
            <PlanNotice/>
            <PlanLine policy=app.policy/>
            <ActiveMadeUnder/>
            <YearLine/>
            <PlanChoice/>
            <p class="lead">{move || t(ResultsText::Lead)}</p>
            {body}
        </div>
    }
    .into_any()
}

fn applicant_line(policy: &'static Policy, lang: Lang) -> impl IntoView {
    let app = use_app();
    let t = move |key: ResultsText| key.get(lang);
    let (applicant, county, industry, name) = app
        .map(|app| {
            app.profile.with(|p| {
                (
                    p.applicant.map(|a| a.label(lang).to_owned()),
                    p.county.as_deref().and_then(|c| policy.county(c)).map(|c| c.name.get(lang)),
                    p.industry
                        .as_deref()
                        .and_then(|i| policy.industry(i))
                        .map(|i| i.name.get(lang)),
                    p.name.clone(),
                )
            })
        })
        .unwrap_or_default();
    let not_chosen = t(ResultsText::NotChosen);
    // County and industry are left out when not given (not every applicant type has one).
    let parts = std::iter::once(applicant.unwrap_or_else(|| not_chosen.to_owned()))
        .chain(county.map(str::to_owned))
        .chain(industry.map(str::to_owned))
        .collect::<Vec<_>>()
        .join(" · ");
    view! {
        <div class="applicant-line" data-testid="results-applicant">
            <p>
                <strong>{t(ResultsText::You)}": "</strong>
                {(!name.trim().is_empty()).then(|| view! { <span class="profile-name">{figures(name)}</span>" — " })}
                {parts}
            </p>
            <p class="actions">
                <a href=Route::Home.to_hash()>{t(ResultsText::ChangeStart)}</a>
                <a href=Route::Questions(None).to_hash()>{t(ResultsText::ChangeAnswers)}</a>
                // Printing opens the one-page receipt, which has its own print button.
                <a class="button secondary print-button" href=Route::Receipt.to_hash()
                    data-testid="results-print">{crate::ui::mixed::mixed(t(ResultsText::Print), lang)}</a>
                // Hand-off and compare (components/handoff.rs, compare.rs).
                <HandOffButton/>
                <CompareLink/>
            </p>
        </div>
    }
}

fn results_body(policy: &'static Policy, report: Report<'static>) -> impl IntoView {
    let lang = use_lang();
    let t = move |key: ResultsText| key.get(lang.get());
    let needs = report.results.iter().filter(|r| r.status == Status::NeedsAnswers).count();

    let groups = [Status::Eligible, Status::NeedsAnswers, Status::NotEligible, Status::Error]
        .into_iter()
        .filter_map(|status| {
            let (title, lead, slug) = group_key(status)?;
            let results: Vec<IncentiveResult<'static>> =
                report.results.iter().filter(|r| r.status == status).cloned().collect();
            if results.is_empty() && status == Status::Error {
                return None;
            }
            let heading_id = format!("group-{slug}-title");
            let labelled_by = heading_id.clone();
            let n = results.len();
            Some(view! {
                <section class=format!("result-group group-{slug}") data-testid=format!("group-{slug}")
                    aria-labelledby=labelled_by>
                    <h2 id=heading_id>
                        <span class="icon" aria-hidden="true">{status_icon(status)}</span>
                        " "
                        {move || t(title)}
                        " "
                        <span class="group-count">{format!("({n})")}</span>
                    </h2>
                    <p class="group-lead">{move || t(lead)}</p>
                    {if results.is_empty() {
                        view! { <p class="group-empty">{move || t(ResultsText::NoneInGroup)}</p> }.into_any()
                    } else {
                        view! {
                            <div class="incentive-cards">
                                {results
                                    .into_iter()
                                    .map(|result| view! { <IncentiveCard policy=policy result=result/> })
                                    .collect_view()}
                            </div>
                        }.into_any()
                    }}
                </section>
            })
        })
        .collect_view();

    let not_applicable: Vec<IncentiveResult<'static>> =
        report.results.iter().filter(|r| r.status == Status::NotApplicable).cloned().collect();
    let n_na = not_applicable.len();
    let not_applicable = (n_na > 0).then(|| {
        view! {
            <details class="not-applicable" data-testid="group-not_applicable">
                <summary>{move || fill(t(ResultsText::NotApplicable), &[("n", &n_na.to_string())])}</summary>
                <ul>
                    {not_applicable
                        .into_iter()
                        .map(|r| view! {
                            <li data-testid=format!("incentive-{}", r.id) data-status=r.status.id()>
                                <a href=measure_href(r.clause) lang="zh-CN">{r.clause}</a>
                                " "
                                {text_in(r.title)}
                            </li>
                        })
                        .collect_view()}
                </ul>
            </details>
        }
    });

    let services = report.services.clone();
    let services_view = if services.is_empty() {
        view! { <p>{move || t(ResultsText::NoServices)}</p> }.into_any()
    } else {
        view! {
            <ul class="service-list">
                {services
                    .into_iter()
                    .map(|s| view! {
                        <li data-testid=format!("service-{}", s.number)>
                            <a href=measure_href(s.number)>
                                <span class="clause-ref" lang="zh-CN">{s.number}</span>
                                " "
                                {text_in(s.title)}
                            </a>
                            <p>{text_in(s.benefit)}</p>
                        </li>
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };

    let unchecked = report.unchecked.clone();
    let unchecked_view = (!unchecked.is_empty()).then(|| {
        view! {
            <section class="unchecked" aria-labelledby="unchecked-title" data-testid="results-unchecked">
                <h2 id="unchecked-title">{move || t(ResultsText::Unchecked)}</h2>
                <p>{move || t(ResultsText::UncheckedLead)}</p>
                <ul>
                    {unchecked
                        .into_iter()
                        .map(|item| {
                            let title = policy.incentive(item.incentive).map(|i| &i.title);
                            view! {
                                <li>
                                    {text_in(item.text)}
                                    " "
                                    <span class="clause-ref" lang="zh-CN">{item.clause}</span>
                                    {title.map(|title| view! {
                                        " " <span class="unchecked-of">{text_in(title)}</span>
                                    })}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        }
    });

    view! {
        {move || applicant_line(policy, lang.get())}
        <TotalsView totals=report.totals pending=needs/>
        {groups}
        {not_applicable}
        <section class="services" aria-labelledby="services-title" data-testid="results-services">
            <h2 id="services-title">{move || t(ResultsText::Services)}</h2>
            <p>{move || t(ResultsText::ServicesLead)}</p>
            {services_view}
        </section>
        {unchecked_view}
    }
}
