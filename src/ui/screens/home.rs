//! The start screen (`#/`): what the tool is, the plan's status, and the three choices that
//! decide which questions follow: who is applying, where, and in which industry. Choices go
//! straight into the active profile (and so are saved); "Begin" opens the questionnaire.

use crate::engine::lang::Lang;
use crate::engine::policy::{Policy, Test};
use crate::engine::profile::{ApplicantType, Profile, OTHER_INDUSTRY};
use crate::ui::components::figures::figures;
use crate::ui::components::period::PeriodNotice;
use crate::ui::i18n::use_lang;
use crate::ui::profiles::is_blank;
use crate::ui::route::Route;
use crate::ui::screens::questionnaire::plan;
use crate::ui::shell::Carried;
use crate::ui::state::{use_app, use_saved, AppState};
use crate::ui_strings;
use leptos::prelude::*;

ui_strings!(HomeText {
    Title => ("钦州“一县一业”政策计算器", "Qinzhou One County, One Industry incentive checker"),
    Lead => (
        "回答几个问题，看看《{title}》中哪些措施适用于您、为什么、能得多少。每个数字都注明出处条款。",
        "Answer a few questions to see which measures of the {title} apply to you, why, and how much, with every figure traced to its clause."
    ),
    Period => ("方案期限", "Plan period"),
    DraftNote => (
        "方案为征求意见稿，正式文件可能有所不同；结果仅供参考，以主管部门认定为准。",
        "The plan is a draft for comments and the final text may differ; results are for guidance only, and the competent authorities decide."
    ),
    Private => ("您的回答只保存在本设备上，不会上传。", "Your answers stay on this device; nothing is uploaded."),
    ResumeTitle => ("继续上次的档案", "Continue where you left off"),
    Answers => ("{n} 个回答", "{n} {n|answer|answers}"),
    Continue => ("继续回答", "Continue answering"),
    NewProfile => ("新建空白档案", "Start a new profile"),
    AllProfiles => ("管理已保存的档案", "Manage saved profiles"),
    Who => ("申请人是谁？", "Who is applying?"),
    Where => ("在哪个县（区）？", "In which county or district?"),
    WhereHint => ("括号内为该县（区）的特色产业。", "Each county's featured industry is shown with it."),
    Which => ("属于哪个产业？", "In which industry?"),
    WhichHint => (
        "先选择县（区），这里会列出其特色产业。",
        "Choose a county first; its featured industry is then listed here."
    ),
    Other => ("其他产业", "Another industry"),
    Begin => ("开始回答", "Begin"),
    NeedApplicant => ("请先选择申请人类型。", "Choose who is applying first."),
    Untitled => ("未命名档案", "Untitled profile"),
});

/// A profile's name for lists: its own, else applicant and county, else "Untitled".
pub fn display_name(policy: &Policy, profile: &Profile, lang: Lang) -> String {
    if !profile.name.trim().is_empty() {
        return profile.name.clone();
    }
    let parts: Vec<&str> = [
        profile.applicant.map(|a| a.label(lang)),
        profile.county.as_deref().and_then(|c| policy.county(c)).map(|c| c.name.get(lang)),
    ]
    .into_iter()
    .flatten()
    .collect();
    if parts.is_empty() {
        HomeText::Untitled.get(lang).to_owned()
    } else {
        parts.join(" · ")
    }
}

/// Whether the industry can change anything for this applicant type: one of its incentives
/// tests the featured industry, or a measure for it names industries. An HR agency, say, is
/// not asked for one.
pub fn industry_matters(policy: &Policy, applicant: ApplicantType) -> bool {
    fn tests_industry(test: &Test) -> bool {
        match test {
            Test::FeaturedIndustry => true,
            Test::AnyOf { tests } => tests.iter().any(tests_industry),
            _ => false,
        }
    }
    let id = applicant.id();
    let names_industries =
        |number: &str| policy.measure(number).is_some_and(|m| !m.industries.is_empty());
    policy.incentives.iter().filter(|i| i.applicants.iter().any(|a| a == id)).any(|i| {
        i.conditions.iter().any(|c| tests_industry(&c.test))
            || names_industries(&i.measure)
            || i.params.values().any(|p| !p.by_industry.is_empty())
    }) || policy
        .measures
        .iter()
        .filter(|m| m.beneficiaries.iter().any(|b| b == id))
        .any(|m| !m.industries.is_empty())
}

/// The industries offered for a county: its featured ones, then "other". With no county,
/// every industry the plan names.
pub fn industry_choices(policy: &Policy, county: Option<&str>) -> Vec<String> {
    let mut ids: Vec<String> = match county.and_then(|c| policy.county(c)) {
        Some(county) => county.featured_industries().map(str::to_owned).collect(),
        None => policy
            .industries
            .iter()
            .map(|i| i.id.clone())
            .filter(|id| id != OTHER_INDUSTRY)
            .collect(),
    };
    ids.dedup();
    ids.push(OTHER_INDUSTRY.to_owned());
    ids
}

/// The start screen's choice of applicant, in the profile: an industry that cannot matter to
/// this applicant is cleared.
pub fn choose_applicant(policy: &Policy, profile: &mut Profile, applicant: ApplicantType) {
    profile.applicant = Some(applicant);
    if !industry_matters(policy, applicant) {
        profile.industry = None;
    }
}

/// The start screen's choice of county: an industry featured elsewhere is no choice here any
/// more. An id the plan does not know is ignored.
pub fn choose_county(policy: &Policy, profile: &mut Profile, county: &str) {
    if policy.county(county).is_none() {
        return;
    }
    profile.county = Some(county.to_owned());
    let offered = industry_choices(policy, Some(county));
    if profile.industry.as_ref().is_some_and(|i| !offered.contains(i)) {
        profile.industry = None;
    }
}

/// The start screen's choice of industry: one of those offered for the county chosen (and
/// for an applicant it can matter to), else nothing changes.
pub fn choose_industry(policy: &Policy, profile: &mut Profile, industry: &str) {
    let offered = industry_choices(policy, profile.county.as_deref());
    if offered.iter().any(|i| i == industry)
        && profile.applicant.is_none_or(|a| industry_matters(policy, a))
    {
        profile.industry = Some(industry.to_owned());
    }
}

/// Takes over what was chosen in the loading shell's start form before the app ran
/// (`ui::shell::keep_choices`), as the start screen's own radios would have: applicant, then
/// county, then industry. Only into a blank profile (the shell offers its form only then).
pub fn take_over_shell_choices(policy: &Policy, profile: &mut Profile, carried: &Carried) {
    if !is_blank(profile) {
        return;
    }
    if let Some(applicant) = carried.applicant.as_deref().and_then(ApplicantType::from_id) {
        choose_applicant(policy, profile, applicant);
    }
    if let Some(county) = &carried.county {
        choose_county(policy, profile, county);
    }
    if let Some(industry) = &carried.industry {
        choose_industry(policy, profile, industry);
    }
}

#[component]
pub fn Home() -> impl IntoView {
    let lang = use_lang();
    let Some(app) = use_app() else {
        return view! { <h1>{HomeText::Title.text(lang)}</h1> }.into_any();
    };
    let policy = app.policy;
    let meta = &policy.meta;
    let period = match (meta.valid_from, meta.valid_to) {
        (Some(from), Some(to)) => Some(format!("{}–{}", from.year, to.year)),
        _ => None,
    };
    // Two parts, each unbroken (`.badge-part`): a phone wraps the badge between them, never
    // inside "2023–2025". The loading shell's badge (index.html) has the same markup.
    let status = move || {
        let lang = lang.get();
        let mut parts = Vec::new();
        if !meta.status_label.get(lang).is_empty() {
            parts.push(meta.status_label.get(lang).to_owned());
        }
        if let Some(period) = &period {
            parts.push(format!("{} {period}", HomeText::Period.get(lang)));
        }
        let last = parts.len().saturating_sub(1);
        parts
            .into_iter()
            .enumerate()
            .map(|(i, part)| view! { <span class="badge-part">{part}</span>{(i < last).then_some(" · ")} })
            .collect_view()
    };
    view! {
        <div class="home">
            <h1>{HomeText::Title.text(lang)}</h1>
            <p class="lead">{move || figures(crate::ui::results::format::fill(HomeText::Lead.get(lang.get()), &[("title", meta.title.get(lang.get()))]))}</p>
            <p class="plan-status">
                <strong class="badge" data-testid="plan-status">{status}</strong>" "
                {meta.is_draft().then(|| view! { <span>{HomeText::DraftNote.text(lang)}</span> })}
                " "<span>{HomeText::Private.text(lang)}</span>
            </p>
            <PeriodNotice/>
            <Resume app=app/>
            <Choices app=app/>
        </div>
    }
    .into_any()
}

#[component]
fn Resume(app: AppState) -> impl IntoView {
    let lang = use_lang();
    let saved = use_saved();
    // Offered only when the profile was started before this screen opened: choosing an
    // applicant type here must not insert a panel above the radio that has focus. Choices
    // made in the loading shell count as made here (ui::shell).
    let from_shell = crate::ui::shell::take_taken_over();
    let started_before = !from_shell && app.profile.with_untracked(|p| !is_blank(p));
    let started = Memo::new(move |_| started_before && app.profile.with(|p| !is_blank(p)));
    // Continue at the first step with questions still open (or the first step).
    let continue_href = Memo::new(move |_| {
        let report = app.report.get();
        app.profile.with(|p| {
            let plan = plan(app.policy, p, &report, false, None);
            let open =
                plan.steps.iter().find(|s| s.facts.iter().any(|f| p.answer(&f.id).is_none()));
            Route::Questions(open.map(|s| s.id.to_owned())).to_hash()
        })
    });
    move || {
        started.get().then(|| {
            let summary = move || {
                let lang = lang.get();
                app.profile.with(|p| {
                    format!(
                        "{} · {}",
                        display_name(app.policy, p, lang),
                        crate::ui::results::format::fill(
                            HomeText::Answers.get(lang),
                            &[("n", &p.answers.len().to_string())]
                        )
                    )
                })
            };
            view! {
                <section class="resume" aria-labelledby="resume-title" data-testid="resume">
                    <h2 id="resume-title">{HomeText::ResumeTitle.text(lang)}</h2>
                    <p>{move || figures(summary())}</p>
                    <div class="actions">
                        <a class="button" href=continue_href data-testid="resume-continue">
                            {HomeText::Continue.text(lang)}
                        </a>
                        {saved.map(|saved| view! {
                            <button type="button" class="secondary" data-testid="resume-new"
                                on:click=move |_| { saved.create(); }>
                                {HomeText::NewProfile.text(lang)}
                            </button>
                        })}
                        <a href=Route::Profiles.to_hash()>{HomeText::AllProfiles.text(lang)}</a>
                    </div>
                </section>
            }
        })
    }
}

#[component]
fn Choices(app: AppState) -> impl IntoView {
    let lang = use_lang();
    let policy = app.policy;
    let missing_applicant = RwSignal::new(false);
    let first_applicant = NodeRef::<leptos::html::Input>::new();

    let applicant = Memo::new(move |_| app.profile.with(|p| p.applicant));
    let county = Memo::new(move |_| app.profile.with(|p| p.county.clone()));
    let industry = Memo::new(move |_| app.profile.with(|p| p.industry.clone()));

    let applicants = ApplicantType::ALL
        .into_iter()
        .enumerate()
        .map(|(i, a)| {
            let node = if i == 0 { first_applicant } else { NodeRef::new() };
            view! {
                <label class="choice card">
                    <input type="radio" name="applicant" value=a.id() node_ref=node
                        data-testid=format!("applicant-{}", a.id())
                        prop:checked=move || applicant.get() == Some(a)
                        on:change=move |_| {
                            missing_applicant.set(false);
                            app.profile.update(|p| choose_applicant(policy, p, a));
                        }/>
                    <span>{move || a.label(lang.get())}</span>
                </label>
            }
        })
        .collect_view();

    let counties = policy
        .counties
        .iter()
        .map(|c| {
            let id = c.id.as_str();
            let featured = move || {
                let lang = lang.get();
                let names: Vec<&str> = c
                    .featured_industries()
                    .filter_map(|i| policy.industry(i))
                    .map(|i| i.name.get(lang))
                    .collect();
                if names.is_empty() { String::new() } else { format!("（{}）", names.join("、")) }
            };
            view! {
                <label class="choice card">
                    <input type="radio" name="county" value=id
                        data-testid=format!("county-{id}")
                        prop:checked=move || county.with(|c| c.as_deref() == Some(id))
                        on:change=move |_| {
                            app.profile.update(|p| choose_county(policy, p, id));
                        }/>
                    <span>{move || c.name.get(lang.get()).to_owned()}<small>{featured}</small></span>
                </label>
            }
        })
        .collect_view();

    let industries = move || {
        let lang_now = lang.get();
        county.with(|c| industry_choices(policy, c.as_deref()))
            .into_iter()
            .map(|id| {
                let name = match policy.industry(&id) {
                    Some(i) if id != OTHER_INDUSTRY => i.name.get(lang_now).to_owned(),
                    _ => HomeText::Other.get(lang_now).to_owned(),
                };
                let test_id = format!("industry-{id}");
                let pick = id.clone();
                let is = id.clone();
                view! {
                    <label class="choice card">
                        <input type="radio" name="industry" value=id.clone() data-testid=test_id
                            prop:checked=move || industry.with(|i| i.as_deref() == Some(is.as_str()))
                            on:change=move |_| {
                                let pick = pick.clone();
                                app.profile.update(|p| p.industry = Some(pick));
                            }/>
                        <span>{name}</span>
                    </label>
                }
            })
            .collect_view()
    };

    let begin = move |_| {
        if applicant.get_untracked().is_none() {
            missing_applicant.set(true);
            if let Some(input) = first_applicant.get_untracked() {
                let _ = input.focus();
            }
            return;
        }
        if let Some(w) = web_sys::window() {
            let _ = w.location().set_hash(&Route::Questions(None).to_hash());
        }
    };

    view! {
        <form class="start-form" on:submit=move |ev| { ev.prevent_default(); begin(()); }>
            <fieldset class="choice-group" id="question-applicant" aria-describedby=move || missing_applicant.get().then_some("applicant-error")>
                <legend>{HomeText::Who.text(lang)}</legend>
                <Show when=move || missing_applicant.get()>
                    <p class="field-error" id="applicant-error" data-testid="applicant-error">
                        {HomeText::NeedApplicant.text(lang)}
                    </p>
                </Show>
                <div class="cards">{applicants}</div>
            </fieldset>
            <fieldset class="choice-group" id="question-county" aria-describedby="county-hint">
                <legend>{HomeText::Where.text(lang)}</legend>
                <p class="hint" id="county-hint">{HomeText::WhereHint.text(lang)}</p>
                <div class="cards">{counties}</div>
            </fieldset>
            <Show when=move || applicant.get().is_none_or(|a| industry_matters(policy, a))>
                <fieldset class="choice-group" id="question-industry" aria-describedby="industry-hint" data-testid="start-industries">
                    <legend>{HomeText::Which.text(lang)}</legend>
                    <p class="hint" id="industry-hint">{HomeText::WhichHint.text(lang)}</p>
                    <div class="cards">{industries}</div>
                </fieldset>
            </Show>
            <p class="begin">
                <button type="submit" data-testid="begin">{HomeText::Begin.text(lang)}</button>
            </p>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::engine::policy::bundled as policy;

    #[test]
    fn a_county_offers_its_featured_industry_and_other() {
        let policy = policy();
        for county in &policy.counties {
            let offered = industry_choices(policy, Some(&county.id));
            assert_eq!(offered.last().map(String::as_str), Some(OTHER_INDUSTRY));
            for featured in county.featured_industries() {
                assert!(offered.iter().any(|i| i == featured), "{}: {featured}", county.id);
            }
            assert_eq!(offered.iter().filter(|i| *i == OTHER_INDUSTRY).count(), 1);
        }
        let all = industry_choices(policy, None);
        assert_eq!(all.iter().filter(|i| *i == OTHER_INDUSTRY).count(), 1);
        assert!(all.len() >= policy.counties.len());
    }

    #[test]
    fn an_hr_agency_is_not_asked_its_industry_but_an_enterprise_is() {
        let policy = policy();
        assert!(!industry_matters(policy, ApplicantType::HrAgency));
        assert!(industry_matters(policy, ApplicantType::Enterprise));
    }

    fn carried(applicant: &str, county: &str, industry: &str) -> Carried {
        let some = |s: &str| (!s.is_empty()).then(|| s.to_owned());
        Carried { applicant: some(applicant), county: some(county), industry: some(industry) }
    }

    #[test]
    fn choices_made_in_the_shell_are_taken_over_as_the_radios_would_make_them() {
        let policy = policy();
        let county = &policy.counties[0];
        let featured = county.featured_industries().next().expect("a featured industry");
        let mut p = Profile::new();
        take_over_shell_choices(policy, &mut p, &carried("enterprise", &county.id, featured));
        assert_eq!(p.applicant, Some(ApplicantType::Enterprise));
        assert_eq!(p.county.as_deref(), Some(county.id.as_str()));
        assert_eq!(p.industry.as_deref(), Some(featured));

        // Another county's featured industry is no choice for this county: not taken.
        let elsewhere = policy.counties[1].featured_industries().next().expect("featured");
        let mut p = Profile::new();
        take_over_shell_choices(policy, &mut p, &carried("enterprise", &county.id, elsewhere));
        assert_eq!(p.industry, None);
        // No industry for an applicant it cannot matter to.
        let mut p = Profile::new();
        take_over_shell_choices(policy, &mut p, &carried("hr_agency", "", featured));
        assert_eq!((p.applicant, p.industry), (Some(ApplicantType::HrAgency), None));
        // Unknown ids (a tampered page) change nothing.
        let mut p = Profile::new();
        take_over_shell_choices(policy, &mut p, &carried("nobody", "atlantis", "unobtainium"));
        assert_eq!(p, Profile::new());
    }

    #[test]
    fn a_profile_already_started_keeps_its_choices() {
        let policy = policy();
        let mut p = Profile::new();
        p.applicant = Some(ApplicantType::College);
        let before = p.clone();
        take_over_shell_choices(policy, &mut p, &carried("enterprise", &policy.counties[0].id, ""));
        assert_eq!(p, before);
    }

    #[test]
    fn the_draft_note_says_what_the_document_is_not_what_is_going_on_now() {
        // Shown long after the period ended: "still a draft" claims a present the app does
        // not know (data/statuses.toml's meanings are held to the same by a data test).
        assert!(!HomeText::DraftNote.get(Lang::Zh).contains('仍'));
        assert!(!HomeText::DraftNote.get(Lang::En).contains("still"));
        assert!(HomeText::DraftNote.get(Lang::En).contains("draft"));
    }

    #[test]
    fn display_names_fall_back_to_applicant_and_county() {
        let policy = policy();
        let mut p = Profile::new();
        assert_eq!(display_name(policy, &p, Lang::En), "Untitled profile");
        p.applicant = Some(ApplicantType::College);
        assert_eq!(display_name(policy, &p, Lang::En), "College or vocational school");
        p.county = policy.counties.first().map(|c| c.id.clone());
        let county = policy.counties.first().map(|c| c.name.en.clone()).unwrap_or_default();
        assert_eq!(
            display_name(policy, &p, Lang::En),
            format!("College or vocational school · {county}")
        );
        p.name = "Mine".into();
        assert_eq!(display_name(policy, &p, Lang::Zh), "Mine");
    }
}
