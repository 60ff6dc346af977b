//! The start screen in fair mode: one tap on a sample shows its full result; or the visitor
//! answers for themselves (the usual start screen, shown in place of the samples).

use leptos::prelude::*;

use crate::engine::evaluate;
use crate::engine::lang::Lang;
use crate::engine::policy::Policy;
use crate::engine::profile::{ApplicantType, Profile};
use crate::engine::report::Status;
use crate::ui::components::figures::figures;
use crate::ui::components::period::PeriodNotice;
use crate::ui::fair::presets::{PresetSource, PRESETS};
use crate::ui::i18n::use_lang;
use crate::ui::results::format::fill;
use crate::ui::results::summary::total_text;
use crate::ui::route::Route;
use crate::ui::screens::home::Home;
use crate::ui::state::{use_app, AppState};
use crate::ui_strings;

ui_strings!(FairStartText {
    Title => ("看看方案能给您什么", "See what the plan offers you"),
    Lead => (
        "点一下示例，马上看到完整结果；也可以自己回答问题。您输入的内容不会保存在本设备上，离开后会自动清除。",
        "Tap a sample to see a full result at once, or answer the questions yourself. Nothing you enter is saved on this device, and it is cleared when you leave."
    ),
    Enterprises => ("企业示例：每个县（区）及其特色产业", "Sample enterprises: one per county and its featured industry"),
    Others => ("其他申请人示例", "Samples of the other applicants"),
    Own => ("自己回答", "Answer for yourself"),
    OwnLead => ("选择申请人类型、县（区）和产业，然后回答几个问题。", "Choose the applicant type, county and industry, then answer a few questions."),
    OwnButton => ("开始回答问题", "Answer the questions"),
    BackToSamples => ("返回示例", "Back to the samples"),
    Eligible => ("{n} 项符合条件", "{n} eligible"),
    City => ("市级奖补（按方案）：{value}", "City rewards under the plan: {value}"),
    Broken => ("此示例无法读取。", "This sample could not be read."),
});

/// The line under a sample's title: applicant type, county, industry.
fn who(policy: &Policy, profile: &Profile, lang: Lang) -> String {
    [
        profile.applicant.map(|a| a.label(lang).to_owned()),
        profile
            .county
            .as_deref()
            .and_then(|c| policy.county(c))
            .map(|c| c.name.get(lang).to_owned()),
        profile
            .industry
            .as_deref()
            .and_then(|i| policy.industry(i))
            .map(|i| i.name.get(lang).to_owned()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ")
}

#[component]
fn PresetTile(app: AppState, preset: &'static PresetSource) -> impl IntoView {
    let lang = use_lang();
    let policy = app.policy;
    // The data is checked natively (presets.rs tests); a broken sample is shown, not hidden.
    let loaded = preset.profile(policy, Lang::Zh).ok();
    let report = loaded.as_ref().map(|p| evaluate(policy, p, app.today));
    let eligible =
        report.as_ref().map(|r| r.results.iter().filter(|r| r.status == Status::Eligible).count());
    let city = report.as_ref().map(|r| r.totals.city);
    let meta = loaded.clone();
    let ok = loaded.is_some();
    let pick = move |_| {
        let Ok(profile) = preset.profile(policy, lang.get_untracked()) else { return };
        app.profile.set(profile);
        if let Some(w) = web_sys::window() {
            let _ = w.location().set_hash(&Route::Results.to_hash());
        }
    };
    view! {
        <li>
            <button type="button" class="preset-tile" data-testid=format!("preset-{}", preset.id)
                disabled=!ok on:click=pick>
                <span class="preset-title">{move || figures(preset.title.get(lang.get()).to_owned())}</span>
                <span class="preset-who">
                    {move || match &meta {
                        Some(p) => who(policy, p, lang.get()),
                        None => FairStartText::Broken.get(lang.get()).to_owned(),
                    }}
                </span>
                <span class="preset-figures">
                    {move || eligible.map(|n| fill(FairStartText::Eligible.get(lang.get()), &[("n", &n.to_string())]))}
                    {move || city.filter(|c| !c.range.max.is_zero()).map(|c| {
                        let lang = lang.get();
                        figures(format!(" · {}", fill(FairStartText::City.get(lang), &[("value", &total_text(&c, lang))])))
                    })}
                </span>
            </button>
        </li>
    }
}

#[component]
pub fn FairStart() -> impl IntoView {
    let lang = use_lang();
    let Some(app) = use_app() else {
        return view! { <h1>{FairStartText::Title.text(lang)}</h1> }.into_any();
    };
    let own = RwSignal::new(false);
    let policy = app.policy;
    let is_enterprise = move |p: &PresetSource| {
        p.profile(policy, Lang::Zh).ok().and_then(|p| p.applicant)
            == Some(ApplicantType::Enterprise)
    };
    let tiles = move |enterprise: bool| {
        PRESETS
            .iter()
            .filter(|p| is_enterprise(p) == enterprise)
            .map(|preset| view! { <PresetTile app=app preset=preset/> })
            .collect_view()
    };
    (move || {
        if own.get() {
            view! {
                <p class="fair-back">
                    <button type="button" class="secondary fair-big" data-testid="fair-back-to-samples"
                        on:click=move |_| own.set(false)>
                        <span aria-hidden="true">"← "</span>{FairStartText::BackToSamples.text(lang)}
                    </button>
                </p>
                <Home/>
            }
            .into_any()
        } else {
            view! {
                <div class="fair-start" data-testid="fair-start">
                    <h1>{FairStartText::Title.text(lang)}</h1>
                    <p class="lead">{FairStartText::Lead.text(lang)}</p>
                    <PeriodNotice/>
                    <section aria-labelledby="fair-enterprises">
                        <h2 id="fair-enterprises">{FairStartText::Enterprises.text(lang)}</h2>
                        <ul class="preset-grid">{tiles(true)}</ul>
                    </section>
                    <section aria-labelledby="fair-others">
                        <h2 id="fair-others">{FairStartText::Others.text(lang)}</h2>
                        <ul class="preset-grid">{tiles(false)}</ul>
                    </section>
                    <section aria-labelledby="fair-own" class="fair-own">
                        <h2 id="fair-own">{FairStartText::Own.text(lang)}</h2>
                        <p>{FairStartText::OwnLead.text(lang)}</p>
                        <button type="button" class="fair-big" data-testid="fair-own" on:click=move |_| own.set(true)>
                            {FairStartText::OwnButton.text(lang)}
                        </button>
                    </section>
                </div>
            }
            .into_any()
        }
    })
    .into_any()
}
