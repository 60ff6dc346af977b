//! Opening a hand-off link (`#/share/<payload>`): the profile inside the link, decoded by
//! `engine::share::decode_link` under the plan it was made under (the plan line says which),
//! evaluated and shown read-only. Nothing is stored until the
//! visitor asks: "Save to this device" adds a *new* profile (the saved ones are never
//! overwritten). A tampered, truncated, outdated or foreign link shows the decoder's message.

use leptos::prelude::*;

use crate::engine::evaluate;
use crate::engine::plans::Plans;
use crate::engine::policy::Policy;
use crate::engine::share::{decode_link, ShareError};
use crate::ui::components::period::year_line;
use crate::ui::components::plan_line::{made_under_shown, Made, MadeUnderNotice, PlanLine};
use crate::ui::components::report_table::{AnswerList, ReportCards};
use crate::ui::fair::fair_active;
use crate::ui::i18n::use_lang;
use crate::ui::results::short_list::ResultsSummary;
use crate::ui::results::summary::TotalsView;
use crate::ui::results::PlanNotice;
use crate::ui::route::Route;
use crate::ui::state::{now_ms, use_app, use_saved};
use crate::ui_strings;

ui_strings!(ShareText {
    Title => ("分享给您的结果", "Results shared with you"),
    Lead => (
        "这是通过链接带来的档案及其结果，仅供查看：尚未保存到本设备。",
        "This is the profile the link carries, with its results. It is for viewing only and has not been saved on this device."
    ),
    ErrorTitle => ("无法打开此链接", "This link cannot be opened"),
    ErrorHelp => ("您保存的档案没有受到影响。", "Your saved profiles are not affected."),
    Start => ("回到开始页面", "Go to the start screen"),
    Answers => ("回答", "Answers"),
    Incentives => ("奖补项目", "Incentives"),
    Save => ("保存到本设备", "Save to this device"),
    SaveNote => (
        "保存后会新增一个档案，不会覆盖您已保存的档案。",
        "Saving adds a new profile; none of your saved profiles is overwritten."
    ),
    Saved => ("已保存为新档案。", "Saved as a new profile."),
    OpenResults => ("查看完整结果并修改回答", "See the full results and change answers"),
    FairNote => (
        "展会模式下不会在本设备保存任何内容。",
        "In fair mode nothing is saved on this device."
    ),
});

/// A stable name for each kind of failure, for `data-error` (tests and support).
pub fn error_kind(error: &ShareError) -> &'static str {
    match error {
        ShareError::Empty => "empty",
        ShareError::Oversized { .. } => "oversized",
        ShareError::NotALink { .. } => "not_a_link",
        ShareError::Truncated => "truncated",
        ShareError::Tampered => "tampered",
        ShareError::UnknownVersion { .. } => "unknown_version",
        ShareError::NotAProfile { .. } => "not_a_profile",
        ShareError::UnknownId { .. } => "unknown_id",
        ShareError::AbsurdValue { .. } => "absurd_value",
        ShareError::UnknownPlan => "unknown_plan",
    }
}

#[component]
pub fn Share(payload: String) -> impl IntoView {
    let lang = use_lang();
    let Some(app) = use_app() else {
        return view! { <h1>{ShareText::Title.text(lang)}</h1> }.into_any();
    };
    // The link is read under the plan it was made under (when the app has it), and says so
    // when that is not the plan shown elsewhere, or the data version differs.
    let plans: Vec<&'static Policy> = match Plans::embedded() {
        Ok(plans) => plans.policies().collect(),
        Err(_) => vec![app.policy],
    };
    let decoded = decode_link(&payload, &plans).map(|profile| {
        let policy = profile
            .plan
            .as_deref()
            .and_then(|id| plans.iter().copied().find(|p| p.meta.id == id))
            .unwrap_or(app.policy);
        (profile, policy)
    });
    let (profile, policy) = match decoded {
        Ok(profile) => profile,
        Err(error) => {
            let kind = error_kind(&error);
            return view! {
                <div class="share-screen" data-testid="share-error" data-error=kind>
                    <h1>{ShareText::ErrorTitle.text(lang)}</h1>
                    <p class="share-message" role="alert" data-testid="share-error-message">
                        <span class="icon" aria-hidden="true">"⚠ "</span>
                        {move || error.message(lang.get())}
                    </p>
                    <p>{ShareText::ErrorHelp.text(lang)}</p>
                    <p><a class="button" href=Route::Home.to_hash()>{ShareText::Start.text(lang)}</a></p>
                </div>
            }
            .into_any();
        }
    };
    let made =
        made_under_shown(profile.plan.as_deref(), profile.data_version.as_deref(), &policy.meta);
    let report = evaluate(policy, &profile, app.today);
    let pending = report
        .results
        .iter()
        .filter(|r| r.status == crate::engine::report::Status::NeedsAnswers)
        .count();
    let totals = report.totals;
    let (activity_year, year_chosen) = (report.activity_year, report.year_chosen);
    let saved_as = RwSignal::new(None::<String>);
    let stored = StoredValue::new(profile.clone());
    let saved_ctx = use_saved();
    let save = move |_| {
        let Some(saved) = saved_ctx else { return };
        let profile = stored.get_value();
        let mut id = String::new();
        // A new entry, made active; then the live profile follows it (nothing is replaced).
        saved.store.update(|s| id = s.create(profile.clone(), now_ms()));
        app.profile.set(profile);
        saved_as.set(Some(id));
    };
    let fair = fair_active();
    // The cards, the totals, saving and the answers (most of this screen's work) come in a task
    // of their own once the summary has painted: a phone shows its first screen sooner and
    // stays responsive meanwhile (Lighthouse's Total Blocking Time).
    let rest_shown = RwSignal::new(false);
    request_animation_frame(move || {
        set_timeout(move || rest_shown.set(true), std::time::Duration::ZERO);
    });

    view! {
        <div class="share-screen" data-testid="share-screen">
            <h1>{ShareText::Title.text(lang)}</h1>
            // Amounts and the short list first, then the plan's status, the cards (reasons and
            // calculations one tap away), saving, and the answers last, collapsed.
            <ResultsSummary report=report.clone()/>
            <PlanNotice/>
            <PlanLine policy=policy/>
            <MadeUnderNotice made=made what=Made::Link/>
            {activity_year.map(|year| view! {
                <p class="activity-year-line" data-testid="activity-year" data-year=year.to_string()>
                    {move || year_line(year, year_chosen, lang.get())}
                </p>
            })}
            <p class="lead">{ShareText::Lead.text(lang)}</p>
            {move || rest_shown.get().then(|| {
                let (report, profile) = (report.clone(), profile.clone());
                view! {
                    <section aria-labelledby="share-incentives">
                        <h2 id="share-incentives">{ShareText::Incentives.text(lang)}</h2>
                        <ReportCards report=report testids=true/>
                    </section>
                    <TotalsView totals=totals pending=pending/>
                    <section class="share-save" data-testid="share-save-section">
                        {if fair {
                            view! { <p>{ShareText::FairNote.text(lang)}</p> }.into_any()
                        } else {
                            view! {
                                <Show when=move || saved_as.get().is_none()
                                    fallback=move || view! {
                                        <p role="status" data-testid="share-saved">{ShareText::Saved.text(lang)}</p>
                                        <p><a class="button" href=Route::Results.to_hash() data-testid="share-open-results">
                                            {ShareText::OpenResults.text(lang)}
                                        </a></p>
                                    }>
                                    <p>{ShareText::SaveNote.text(lang)}</p>
                                    <p><button type="button" data-testid="share-save" on:click=save>
                                        {ShareText::Save.text(lang)}
                                    </button></p>
                                </Show>
                            }.into_any()
                        }}
                    </section>
                    <details class="share-answers" data-testid="share-answers">
                        <summary>{ShareText::Answers.text(lang)}</summary>
                        <AnswerList policy=policy profile=profile/>
                    </details>
                }
            })}
        </div>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::policy::Policy;
    use crate::engine::share::{decode_profile, encode_profile_with};

    #[test]
    fn broken_links_have_a_kind_and_a_message_in_both_languages() {
        let policy = match Policy::embedded() {
            Ok(p) => p,
            Err(e) => panic!("{e}"),
        };
        let preset = &crate::ui::fair::presets::PRESETS[0];
        let profile = match preset.profile(policy, crate::engine::lang::Lang::En) {
            Ok(p) => p,
            Err(e) => panic!("{e}"),
        };
        let good = encode_profile_with(&profile, policy);
        let mut tampered = good.clone().into_bytes();
        let i = tampered.len() / 2;
        tampered[i] = if tampered[i] == b'A' { b'B' } else { b'A' };
        let tampered = String::from_utf8(tampered).unwrap_or_default();
        let cases = [
            ("", "empty"),
            (&good[..good.len() - 3], "truncated"),
            (tampered.as_str(), "tampered"),
            ("BA", "unknown_version"),
            ("ab%20c", "not_a_link"),
        ];
        for (text, kind) in cases {
            match decode_profile(text, policy) {
                Ok(_) => panic!("{text} decoded"),
                Err(e) => {
                    assert_eq!(error_kind(&e), kind, "{text}: {e}");
                    for lang in [crate::engine::lang::Lang::Zh, crate::engine::lang::Lang::En] {
                        assert!(!e.message(lang).trim().is_empty());
                    }
                }
            }
        }
        assert_eq!(decode_profile(&good, policy), Ok(profile));
    }
}
