//! Which plan and data version a result refers to: a short line on the results, the receipt,
//! the share view, the saved profiles and compare; a notice when a profile or link was made
//! under another plan or data version; and, when the app has more than one plan, the choice
//! of the plan to look at. Titles and versions only: never a plan's internal id.

use crate::engine::lang::Lang;
use crate::engine::plans::{made_under, plan_line, plan_line_at, MadeUnder, Plans};
use crate::engine::policy::{Meta, Policy};
use crate::engine::profile::Profile;
use crate::ui::components::figures::figures;
use crate::ui::i18n::use_lang;
use crate::ui::state::use_app;
use crate::ui_strings;
use leptos::prelude::*;

ui_strings!(PlanText {
    Label => ("依据方案：", "Plan: "),
    OtherPlan => (
        "此{what}是按《{made}》（数据版本 {version}）制作的，现按上面所示的方案计算。",
        "This {what} was made under “{made}” (data version {version}); its results are computed under the plan shown above."
    ),
    OtherVersion => (
        "此{what}是按本方案数据版本 {version} 制作的，现按上面所示的数据版本计算：金额或条件可能已有变化。",
        "This {what} was made under data version {version} of this plan; its results are computed with the data version shown above, so amounts or conditions may have changed."
    ),
    UnknownPlan => (
        "此{what}是按本版本应用没有的方案制作的，现按上面所示的方案计算。",
        "This {what} was made under a plan this version of the app does not have; its results are computed under the plan shown above."
    ),
    VersionNotStated => ("未注明", "not stated"),
    WhatProfile => ("档案", "profile"),
    WhatLink => ("链接", "link"),
    DataVersion => ("数据版本 {version}", "data version {version}"),
    PlanNotKnown => ("本版本应用没有的方案", "a plan this version of the app does not have"),
    ChoiceLegend => ("查看哪个方案", "Plan to look at"),
    ChoiceHelp => (
        "默认显示期限包含活动年度的方案。选择其他方案后页面会重新载入。",
        "The plan shown by default is the one whose period includes your activity year. Choosing another reloads the page."
    ),
});

/// Whether a notice is about a saved profile or a link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Made {
    Profile,
    Link,
}

/// `依据方案：《…》征求意见稿 · 数据版本 1.0.0`: `[data-testid="plan-line"]`, with
/// `data-plan-version`.
#[component]
pub fn PlanLine(policy: &'static Policy) -> impl IntoView {
    let lang = use_lang();
    let meta = &policy.meta;
    view! {
        <p class="plan-line" data-testid="plan-line" data-plan-version=meta.data_version.clone()>
            {move || PlanText::Label.get(lang.get())}
            {move || figures(plan_line(meta, lang.get()))}
        </p>
    }
}

/// The notice's sentence, or `None` when the profile or link was made under the plan and data
/// version shown.
pub fn made_under_text(made: &MadeUnder, what: Made, lang: Lang) -> String {
    let what = match what {
        Made::Profile => PlanText::WhatProfile.get(lang),
        Made::Link => PlanText::WhatLink.get(lang),
    };
    let version = made.data_version.as_deref().unwrap_or(PlanText::VersionNotStated.get(lang));
    let key = match (&made.title, made.same_plan) {
        (_, true) => PlanText::OtherVersion,
        (Some(_), false) => PlanText::OtherPlan,
        (None, false) => PlanText::UnknownPlan,
    };
    let title = made.title.as_ref().map(|t| t.get(lang)).unwrap_or_default();
    key.get(lang).replace("{what}", what).replace("{made}", title).replace("{version}", version)
}

/// Whether `plan`/`data_version` (a profile's or link's) differ from the plan shown.
pub fn made_under_shown(
    plan: Option<&str>,
    data_version: Option<&str>,
    shown: &Meta,
) -> Option<MadeUnder> {
    let plans = Plans::embedded().ok()?;
    made_under(plans, plan, data_version, shown)
}

/// The notice that a profile or link was made under another plan or data version:
/// `[data-testid="made-under"]`. Nothing when they agree.
#[component]
pub fn MadeUnderNotice(made: Option<MadeUnder>, what: Made) -> impl IntoView {
    let lang = use_lang();
    made.map(|made| {
        let kind = if made.same_plan { "version" } else { "plan" };
        view! {
            <p class="made-under notice-inline" data-testid="made-under" data-kind=kind role="note">
                <span class="icon" aria-hidden="true">"ℹ "</span>
                {move || made_under_text(&made, what, lang.get())}
            </p>
        }
    })
}

/// The notice for the active profile, following it.
#[component]
pub fn ActiveMadeUnder() -> impl IntoView {
    let Some(app) = use_app() else { return ().into_any() };
    let made = Memo::new(move |_| {
        app.profile.with(|p| {
            made_under_shown(p.plan.as_deref(), p.data_version.as_deref(), &app.policy.meta)
        })
    });
    view! { {move || view! { <MadeUnderNotice made=made.get() what=Made::Profile/> }} }.into_any()
}

/// The choice of the plan to look at, when the app has more than one (with one plan, nothing:
/// the plan line says which it is). Choosing reloads the page with `?plan=` (read at start by
/// [`crate::ui::plan_select`]).
#[component]
pub fn PlanChoice() -> impl IntoView {
    let lang = use_lang();
    let Some(app) = use_app() else { return ().into_any() };
    let Ok(plans) = Plans::embedded() else { return ().into_any() };
    if plans.len() < 2 || crate::ui::fair::fair_active() {
        return ().into_any();
    }
    let shown = app.policy.meta.id.clone();
    let options = plans
        .policies()
        .map(|policy| {
            let meta = &policy.meta;
            let checked = meta.id == shown;
            let id = meta.id.clone();
            view! {
                <label class="choice">
                    <input
                        type="radio"
                        name="plan-choice"
                        prop:checked=checked
                        on:change=move |_| crate::ui::plan_select::reload_with_plan(&id, None)
                    />
                    <span>{move || figures(plan_line(meta, lang.get()))}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="plan-choice" data-testid="plan-choice">
            <legend>{PlanText::ChoiceLegend.text(lang)}</legend>
            <p class="fact-help">{PlanText::ChoiceHelp.text(lang)}</p>
            <div class="choices">{options}</div>
        </fieldset>
    }
    .into_any()
}

/// A saved profile's plan and the data version it was made under, in one line (empty for a
/// profile not yet tied to a plan).
pub fn profile_plan_text(profile: &Profile, lang: Lang) -> String {
    let Some(id) = profile.plan.as_deref() else { return String::new() };
    match Plans::embedded().ok().and_then(|plans| plans.get(id)) {
        Some(policy) => {
            let version =
                profile.data_version.as_deref().unwrap_or(PlanText::VersionNotStated.get(lang));
            plan_line_at(&policy.meta, version, lang)
        }
        None => PlanText::PlanNotKnown.get(lang).to_owned(),
    }
}

/// The profile with the plan it is shown under, when it is not yet tied to one (a new
/// profile): what a link or receipt made from it carries.
pub fn tied_to(profile: &Profile, policy: &Policy) -> Profile {
    let mut profile = profile.clone();
    if profile.plan.is_none() {
        profile.set_plan(&policy.meta);
    }
    profile
}

/// `数据版本 1.0.0` / `data version 1.0.0`.
pub fn data_version_text(version: &str, lang: Lang) -> String {
    PlanText::DataVersion.get(lang).replace("{version}", version)
}
