//! The plan's period where a person starts: a short notice (a draft for comments; its period,
//! and whether it has ended) and the choice of the year the activity falls in. The wording
//! comes from the engine (`engine::period`), from the data's status and dates and today.

use crate::engine::lang::Lang;
use crate::engine::period::{
    claims_note, lead_unit_names, period_state, plan_period_notice, PeriodState,
};
use crate::engine::policy::Measure;
use crate::ui::components::figures::figures;
use crate::ui::i18n::use_lang;
use crate::ui::state::use_app;
use crate::ui_strings;
use leptos::prelude::*;

ui_strings!(PeriodText {
    Label => ("方案状态", "The plan's status"),
    YearLegend => ("活动年度", "Activity year"),
    YearHelp => (
        "您的活动（上规、营收、投资、就业等）属于方案的哪一年？问题中的“本年度”“当年”“上年度”都指这一年。",
        "Which of the plan's years does your activity (entering the statistics, revenue, investment, jobs…) fall in? The questions name this year wherever the plan says “this year”, “that year” or “the year before”."
    ),
    YearDefaultEnded => (
        "方案期限已结束，默认为最后一年（{year}年）。",
        "The plan's period has ended, so the default is its last year ({year})."
    ),
    YearDefault => ("默认：{year}年。", "Default: {year}."),
    YearOption => ("{year}年", "{year}"),
    YearLine => ("活动年度：{year}年", "Activity year: {year}"),
    YearLineDefault => ("（默认，未选择）", " (the default; not chosen)"),
});

/// A one-paragraph notice: the plan is a draft for comments, and its period (2023–2025) has
/// ended (or runs, or has not started), derived from the data and today.
/// `[data-testid="period-notice"]`, `data-ended` true or false.
#[component]
pub fn PeriodNotice() -> impl IntoView {
    let lang = use_lang();
    let Some(app) = use_app() else { return ().into_any() };
    let ended = period_state(&app.policy.meta, app.today) == PeriodState::Ended;
    view! {
        <p
            class="period-notice"
            class:ended=ended
            data-testid="period-notice"
            data-ended=ended.to_string()
            role="note"
            aria-label=move || PeriodText::Label.get(lang.get())
        >
            <span class="icon" aria-hidden="true">{if ended { "⚠" } else { "ℹ" }}</span>
            {move || figures(plan_period_notice(&app.policy.meta, app.today, lang.get()))}
        </p>
    }
    .into_any()
}

/// The activity year as a line of text, e.g. `活动年度：2025年（默认，未选择）`.
pub fn year_line(year: u16, chosen: bool, lang: Lang) -> String {
    let mut line = PeriodText::YearLine.get(lang).replace("{year}", &year.to_string());
    if !chosen {
        line.push_str(PeriodText::YearLineDefault.get(lang));
    }
    line
}

/// The activity year as shown in results and the share view: `[data-testid="activity-year"]`.
#[component]
pub fn YearLine() -> impl IntoView {
    let lang = use_lang();
    let Some(app) = use_app() else { return ().into_any() };
    let year = Memo::new(move |_| app.report.with(|r| (r.activity_year, r.year_chosen)));
    view! {
        {move || year.get().0.map(|y| view! {
            <p class="activity-year-line" data-testid="activity-year" data-year=y.to_string()>
                {year_line(y, year.get().1, lang.get())}
            </p>
        })}
    }
    .into_any()
}

/// The choice of the activity year: one radio per year of the plan, the default marked.
/// `[data-testid="year-choice"]`, radios `year-2023`…
#[component]
pub fn YearChoice() -> impl IntoView {
    let lang = use_lang();
    let Some(app) = use_app() else { return ().into_any() };
    let meta = &app.policy.meta;
    // Every plan's years: a year of another plan reloads the app showing that plan.
    let plans = crate::engine::plans::Plans::embedded().ok();
    let years = plans.map_or_else(|| meta.years(), |plans| plans.years());
    let Some(default) = meta.default_activity_year(app.today) else { return ().into_any() };
    let ended = period_state(meta, app.today) == PeriodState::Ended;
    let selected = app.activity_year;
    let default_text = move || {
        let key = if ended { PeriodText::YearDefaultEnded } else { PeriodText::YearDefault };
        key.get(lang.get()).replace("{year}", &default.to_string())
    };
    let options = years
        .into_iter()
        .map(|year| {
            let label =
                move || PeriodText::YearOption.get(lang.get()).replace("{year}", &year.to_string());
            view! {
                <label class="choice">
                    <input
                        type="radio"
                        name="activity-year"
                        value=year.to_string()
                        data-testid=format!("year-{year}")
                        prop:checked=move || selected.get() == Some(year)
                        on:change=move |_| choose_year(app, year)
                    />
                    <span>{label}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="year-choice" data-testid="year-choice" aria-describedby="year-choice-help">
            <legend>{PeriodText::YearLegend.text(lang)}</legend>
            <p class="fact-help" id="year-choice-help">
                {PeriodText::YearHelp.text(lang)}" "{default_text}
            </p>
            <div class="choices">{options}</div>
        </fieldset>
    }
    .into_any()
}

/// A year of the plan shown is set in the profile; a year of another plan reloads the app
/// showing that plan (`ui::plan_select`), the year with it.
fn choose_year(app: crate::ui::state::AppState, year: u16) {
    if app.policy.meta.covers_year(year) {
        app.profile.update(|p| p.year = Some(year));
        return;
    }
    let other = crate::engine::plans::Plans::embedded().ok().and_then(|plans| plans.for_year(year));
    if let Some(other) = other {
        crate::ui::plan_select::reload_with_plan(&other.meta.id, Some(year));
    }
}

/// Once the plan's period has ended: whether claims under this measure are still accepted is
/// for its lead unit to say, named. Nothing while the period runs.
/// `[data-testid="claims-note"]`.
#[component]
pub fn ClaimsNote(measure: &'static Measure) -> impl IntoView {
    let lang = use_lang();
    let Some(app) = use_app() else { return ().into_any() };
    let note = move || {
        let lang = lang.get();
        let units = lead_unit_names(app.policy, measure, lang);
        claims_note(&app.policy.meta, app.today, &units, lang)
    };
    view! {
        {move || note().map(|text| view! {
            <p class="claims-note" data-testid="claims-note">{text}</p>
        })}
    }
    .into_any()
}
