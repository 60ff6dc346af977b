//! The questionnaire (`#/questions`, `#/questions/<step id>`): only the questions that matter
//! for this applicant, grouped in the plan's steps, with progress, a step list to jump
//! around, and a live summary of what the answers are worth so far.
//!
//! Which questions matter is decided by [`plan`], a pure function of the plan, the profile
//! and its report: a question is asked when an incentive open to this applicant type reads
//! it and that incentive is not already ruled out by *another* answer. A question that no
//! incentive reads is asked anyway (the data lists it for a reason).

use crate::engine::lang::{Lang, Text};
use crate::engine::met_without;
use crate::engine::money::format_amount_range;
use crate::engine::policy::{Calc, Fact, Incentive, Policy};
use crate::engine::profile::{Profile, OTHER_INDUSTRY};
use crate::engine::report::{MoneyRange, Outcome, Report, Status};
use crate::ui::components::fact_input::FactRow;
use crate::ui::components::figures::figures;
use crate::ui::components::period::{PeriodNotice, YearChoice};
use crate::ui::components::settled_live::SettledLive;
use crate::ui::i18n::use_lang;
use crate::ui::results::format::fill;
use crate::ui::route::Route;
use crate::ui::state::{use_app, AppState};
use crate::ui_strings;
use leptos::prelude::*;

ui_strings!(QuestionnaireText {
    Title => ("问卷", "Questions"),
    NoApplicant => (
        "请先在开始页选择申请人类型，我们才能只问与您相关的问题。",
        "First choose who is applying on the start page, so that only the questions that concern you are asked."
    ),
    ToStart => ("去选择申请人类型", "Choose who is applying"),
    Change => ("修改", "Change"),
    Applicant => ("申请人", "Applicant"),
    County => ("县（区）", "County or district"),
    Industry => ("产业", "Industry"),
    NotChosen => ("未选择", "not chosen"),
    Steps => ("步骤", "Steps"),
    StepOf => ("步骤", "Step"),
    Of => ("/", "of"),
    Answered => ("已回答", "answered"),
    Progress => ("回答进度：", "Answers given: "),
    Done => ("（已完成）", "(complete)"),
    Previous => ("上一步", "Previous step"),
    Next => ("下一步", "Next step"),
    SeeResults => ("查看结果", "See the results"),
    NoQuestions => (
        "根据您的选择，不需要再回答其他问题。",
        "Given your choices, there is nothing more to answer."
    ),
    Skipped => (
        "{n} 个问题已跳过：根据您已有的回答，{n|它|它们}不会再改变任何结果。",
        "{n} {n|question is|questions are} skipped: given your other answers, {n|it|they} can no longer change any result."
    ),
    StepSkipped => (
        "根据您已有的回答，本步骤的问题不会再改变任何结果，因此已跳过。",
        "Given your other answers, the questions of this step can no longer change any result, so they are skipped."
    ),
    ShowSkipped => ("显示已跳过的问题", "Show the skipped questions"),
    HideSkipped => ("隐藏已跳过的问题", "Hide the skipped questions"),
    MoreQuestions => ("其他问题", "More questions"),
    SummaryTitle => ("目前的结果", "Results so far"),
    CityTotal => ("市级奖补（按方案）", "City rewards under the plan"),
    RegionTotal => ("拟向自治区争取（不保证）", "To be sought from the region (not promised)"),
    Eligible => ("符合条件的措施", "Incentives you qualify for"),
    Open => ("待补充回答的措施", "Incentives awaiting answers"),
    Nothing => ("暂无", "none yet"),
    ToResults => ("查看完整结果与计算过程", "See the full results and how they were computed"),
});

/// A step as asked: its id, its title (none for questions whose step the data lacks), and
/// its questions.
#[derive(Debug)]
pub struct PlannedStep<'p> {
    pub id: &'p str,
    pub title: Option<&'p Text>,
    pub facts: Vec<&'p Fact>,
}

/// The questionnaire for one profile.
#[derive(Debug, Default)]
pub struct Plan<'p> {
    /// Steps with at least one question, in the data's order.
    pub steps: Vec<PlannedStep<'p>>,
    /// Questions left out because they can no longer change any result.
    pub skipped: Vec<&'p Fact>,
}

/// The step id used for questions whose step the data does not list.
pub const MORE_STEP: &str = "more";

/// Whether a calculator reads a fact.
fn calc_reads(calc: &Calc, fact: &str) -> bool {
    match calc {
        Calc::RateOfBase { base, minus, .. } => base == fact || minus.as_deref() == Some(fact),
        Calc::PerPersonRange { count, .. } => count == fact,
        Calc::ActualPlusPerPerson { actual, count, .. } => actual == fact || count == fact,
        Calc::Fixed { .. } | Calc::None => false,
    }
}

fn incentive_reads(incentive: &Incentive, fact: &str) -> bool {
    calc_reads(&incentive.calc, fact) || incentive.conditions.iter().any(|c| c.test.reads(fact))
}

/// Whether a condition that does not read `fact` already fails: then no answer to `fact`
/// can make this incentive eligible.
fn ruled_out_without(incentive: &Incentive, report: &Report<'_>, fact: &str) -> bool {
    let Some(result) = report.result(&incentive.id) else { return false };
    if result.status != Status::NotEligible {
        return false;
    }
    incentive.conditions.iter().zip(&result.conditions).any(|(condition, checked)| {
        checked.outcome == Outcome::NotMet && !condition.test.reads(fact)
    })
}

/// Whether no answer to `fact` can change `incentive`: its calculator does not read it, and
/// every condition that does holds already through another branch.
fn settled_without(policy: &Policy, profile: &Profile, incentive: &Incentive, fact: &str) -> bool {
    !calc_reads(&incentive.calc, fact)
        && incentive
            .conditions
            .iter()
            .filter(|c| c.test.reads(fact))
            .all(|c| met_without(policy, profile, incentive, &c.test, fact))
}

/// Which questions to ask, and in which steps. `show_all` keeps the skipped ones in place.
/// `keep` names a step to list even when all its questions are skipped (the one a link
/// leads to), so that a link to it shows that step and says why it is empty.
pub fn plan<'p>(
    policy: &'p Policy,
    profile: &Profile,
    report: &Report<'_>,
    show_all: bool,
    keep: Option<&str>,
) -> Plan<'p> {
    let Some(applicant) = profile.applicant else { return Plan::default() };
    let mut asked = Vec::new();
    let mut skipped = Vec::new();
    for fact in policy.facts_for(applicant) {
        let readers: Vec<&Incentive> =
            policy.incentives.iter().filter(|i| incentive_reads(i, &fact.id)).collect();
        let matters = readers.is_empty()
            || readers.iter().filter(|i| i.is_for(applicant)).any(|i| {
                !ruled_out_without(i, report, &fact.id)
                    && !settled_without(policy, profile, i, &fact.id)
            });
        if matters || show_all {
            asked.push(fact);
        }
        if !matters {
            skipped.push(fact);
        }
    }
    let mut steps: Vec<PlannedStep<'p>> = policy
        .steps
        .iter()
        .map(|s| PlannedStep { id: &s.id, title: Some(&s.title), facts: Vec::new() })
        .collect();
    let mut more = PlannedStep { id: MORE_STEP, title: None, facts: Vec::new() };
    for fact in asked {
        match steps.iter_mut().find(|s| s.id == fact.step) {
            Some(step) => step.facts.push(fact),
            None => more.facts.push(fact),
        }
    }
    steps.push(more);
    let kept = |id: &str| {
        keep == Some(id)
            && skipped
                .iter()
                .any(|f| f.step == id || (id == MORE_STEP && policy.step(&f.step).is_none()))
    };
    steps.retain(|s| !s.facts.is_empty() || kept(s.id));
    Plan { steps, skipped }
}

fn range_text(range: MoneyRange, lang: Lang) -> String {
    format_amount_range(range.min, range.max, lang)
}

#[component]
pub fn Questionnaire(step: Option<String>) -> impl IntoView {
    let lang = use_lang();
    let Some(app) = use_app() else {
        return view! { <h1>{QuestionnaireText::Title.text(lang)}</h1> }.into_any();
    };
    let has_applicant = Memo::new(move |_| app.profile.with(|p| p.applicant.is_some()));
    view! {
        <div class="questionnaire">
            <h1>{QuestionnaireText::Title.text(lang)}</h1>
            <PeriodNotice/>
            {move || {
                if has_applicant.get() {
                    view! { <Asking app=app step=step.clone()/> }.into_any()
                } else {
                    view! {
                        <p class="lead">{QuestionnaireText::NoApplicant.text(lang)}</p>
                        <p><a class="button" href="#/">{QuestionnaireText::ToStart.text(lang)}</a></p>
                    }
                    .into_any()
                }
            }}
        </div>
    }
    .into_any()
}

#[component]
fn Asking(app: AppState, step: Option<String>) -> impl IntoView {
    let lang = use_lang();
    let t = move |key: QuestionnaireText| key.get(lang.get());
    let policy = app.policy;
    // A link to a question that the other answers skip (an unreadable answer's "Correct it"
    // on the results): the skipped questions are shown, so that its field is there to focus.
    let anchored_skipped = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .and_then(|hash| crate::ui::route_focus::question_anchor(&hash))
        .is_some_and(|fact| {
            let report = app.report.get_untracked();
            app.profile.with_untracked(|profile| {
                plan(policy, profile, &report, false, None).skipped.iter().any(|f| f.id == fact)
            })
        });
    let show_all = RwSignal::new(anchored_skipped);
    // (step ids, current step index, facts of the current step, skipped count, answered, total)
    let requested = step.clone();
    let plan_now = Memo::new(move |_| {
        let report = app.report.get();
        let show = show_all.get();
        app.profile.with(|profile| {
            let plan = plan(policy, profile, &report, show, requested.as_deref());
            let steps: Vec<(String, usize, usize)> = plan
                .steps
                .iter()
                .map(|s| {
                    let answered =
                        s.facts.iter().filter(|f| profile.answer(&f.id).is_some()).count();
                    (s.id.to_owned(), answered, s.facts.len())
                })
                .collect();
            let facts: Vec<Vec<String>> =
                plan.steps.iter().map(|s| s.facts.iter().map(|f| f.id.clone()).collect()).collect();
            (steps, facts, plan.skipped.len())
        })
    });
    let requested = step.clone();
    let current = Memo::new(move |_| {
        plan_now.with(|(steps, _, _)| {
            requested
                .as_deref()
                .and_then(|id| steps.iter().position(|(s, _, _)| s == id))
                .unwrap_or(0)
        })
    });
    let step_title = move |id: &str, lang: Lang| -> String {
        match policy.step(id) {
            Some(step) => step.title.get(lang).to_owned(),
            None => QuestionnaireText::MoreQuestions.get(lang).to_owned(),
        }
    };

    // Memos: the rows are worked out and redrawn when a choice or the language changes, not
    // on every key typed in an answer.
    let chosen = Memo::new(move |_| {
        app.profile.with(|p| Profile {
            applicant: p.applicant,
            county: p.county.clone(),
            industry: p.industry.clone(),
            ..Profile::default()
        })
    });
    let place = Memo::new(move |_| {
        let lang = lang.get();
        chosen.with(|p| {
            let applicant = p.applicant.map(|a| a.label(lang).to_owned());
            let county = p
                .county
                .as_deref()
                .and_then(|id| policy.county(id))
                .map(|c| c.name.get(lang).to_owned());
            let industry = p.industry.as_deref().map(|id| match policy.industry(id) {
                Some(i) => i.name.get(lang).to_owned(),
                None if id == OTHER_INDUSTRY => id.to_owned(),
                None => id.to_owned(),
            });
            // No industry row for an applicant the start screen asks none of (an HR agency):
            // "not chosen" would read as a question missed.
            let asked_industry =
                p.applicant.is_none_or(|a| crate::ui::screens::home::industry_matters(policy, a));
            let mut rows = vec![
                (QuestionnaireText::Applicant, applicant),
                (QuestionnaireText::County, county),
            ];
            if asked_industry || industry.is_some() {
                rows.push((QuestionnaireText::Industry, industry));
            }
            rows
        })
    });

    let step_list = move || {
        let lang_now = lang.get();
        let here = current.get();
        plan_now.with(|(steps, _, _)| {
            steps
                .iter()
                .enumerate()
                .map(|(i, (id, answered, total))| {
                    let href = Route::Questions(Some(id.clone())).to_hash();
                    let complete = answered == total;
                    let title = step_title(id, lang_now);
                    view! {
                        <li class:current=i == here class:complete=complete>
                            <a href=href data-testid=format!("step-link-{id}")
                                aria-current=(i == here).then_some("step")>
                                <span class="step-number" aria-hidden="true">{i + 1}</span>
                                <span class="step-title">{title}</span>
                                <span class="step-count">
                                    {format!("{answered}/{total}")}
                                    <span class="visually-hidden">
                                        {format!(" {}", QuestionnaireText::Answered.get(lang_now))}
                                        {complete.then(|| QuestionnaireText::Done.get(lang_now))}
                                    </span>
                                </span>
                            </a>
                        </li>
                    }
                })
                .collect_view()
        })
    };

    let progress = move || {
        plan_now.with(|(steps, _, _)| {
            let answered: usize = steps.iter().map(|s| s.1).sum();
            let total: usize = steps.iter().map(|s| s.2).sum();
            (answered, total)
        })
    };

    // The current step, its questions and its neighbours, each its own memo: answering a
    // question must not rebuild the fields (that would lose focus and the text being typed).
    let current_id = Memo::new(move |_| {
        let here = current.get();
        plan_now.with(|(steps, _, _)| steps.get(here).map(|s| s.0.clone()))
    });
    let step_facts = Memo::new(move |_| {
        let here = current.get();
        plan_now.with(|(_, facts, _)| facts.get(here).cloned().unwrap_or_default())
    });
    let neighbours = Memo::new(move |_| {
        let here = current.get();
        plan_now.with(|(steps, _, _)| {
            let id = |i: Option<usize>| i.and_then(|i| steps.get(i)).map(|s| s.0.clone());
            (id(here.checked_sub(1)), id(here.checked_add(1)), steps.len())
        })
    });
    let step_of = move || {
        format!(
            "{} {} {} {}",
            t(QuestionnaireText::StepOf),
            current.get() + 1,
            t(QuestionnaireText::Of),
            neighbours.with(|n| n.2)
        )
    };
    let previous_link = move || {
        neighbours.get().0.map(|prev| {
            view! {
                <a class="button secondary" href=Route::Questions(Some(prev)).to_hash() data-testid="previous-step">
                    {QuestionnaireText::Previous.text(lang)}
                </a>
            }
        })
    };
    let next_link = move || match neighbours.get().1 {
        Some(next) => view! {
            <a class="button" href=Route::Questions(Some(next)).to_hash() data-testid="next-step">
                {QuestionnaireText::Next.text(lang)}
            </a>
        }
        .into_any(),
        None => view! {
            <a class="button" href=Route::Results.to_hash() data-testid="next-step">
                {QuestionnaireText::SeeResults.text(lang)}
            </a>
        }
        .into_any(),
    };
    let body = move || {
        view! {
            <Show
                when=move || current_id.with(Option::is_some)
                fallback=move || view! { <p class="lead">{QuestionnaireText::NoQuestions.text(lang)}</p> }
            >
                <section class="step" aria-labelledby="step-heading">
                    // Moving to another step puts focus here (ui::route_focus), so keyboard and
                    // screen-reader users start at the top of the new questions.
                    <h2 id="step-heading" tabindex="-1">
                        <span class="step-of">{step_of}</span>
                        {move || current_id.get().map(|id| step_title(&id, lang.get()))}
                    </h2>
                    <Show when=move || step_facts.with(Vec::is_empty)>
                        <p data-testid="step-all-skipped">{QuestionnaireText::StepSkipped.text(lang)}</p>
                    </Show>
                    <form class="facts" on:submit=|ev| ev.prevent_default()>
                        <For each=move || step_facts.get() key=|id| id.clone() let:fact_id>
                            {policy.fact(&fact_id).map(|fact| view! { <FactRow fact=fact/> })}
                        </For>
                    </form>
                    <div class="step-nav">
                        {previous_link}
                        {next_link}
                    </div>
                </section>
            </Show>
        }
    };

    // A memo, so the note is redrawn only when the count changes.
    let skipped_count = Memo::new(move |_| plan_now.with(|(_, _, n)| *n));
    let skipped_said = move || match skipped_count.get() {
        0 => String::new(),
        n => fill(t(QuestionnaireText::Skipped), &[("n", &n.to_string())]),
    };
    let skipped_note = move || {
        let skipped = skipped_count.get();
        (skipped > 0).then(|| {
            view! {
                <p class="skipped-note">
                    {move || fill(t(QuestionnaireText::Skipped), &[("n", &skipped.to_string())])}" "
                    <button type="button" class="link-button" data-testid="toggle-skipped"
                        aria-pressed=move || if show_all.get() { "true" } else { "false" }
                        on:click=move |_| show_all.update(|s| *s = !*s)>
                        {move || if show_all.get() { t(QuestionnaireText::HideSkipped) } else { t(QuestionnaireText::ShowSkipped) }}
                    </button>
                </p>
            }
        })
    };

    view! {
        <div class="choices-summary">
        <dl>
            {move || place.get().into_iter().map(|(label, value)| view! {
                <div>
                    <dt>{label.get(lang.get())}</dt>
                    <dd>{value.unwrap_or_else(|| t(QuestionnaireText::NotChosen).to_owned())}</dd>
                </div>
            }).collect_view()}
        </dl>
        <a class="change" href="#/">{QuestionnaireText::Change.text(lang)}</a>
        </div>
        <YearChoice/>
        <div class="questionnaire-layout">
            <nav class="step-list" aria-label=move || t(QuestionnaireText::Steps)>
                <label class="progress-label" for="answers-progress">
                    {QuestionnaireText::Progress.text(lang)}
                    {move || { let (a, n) = progress(); format!("{a}/{n}") }}
                </label>
                <progress id="answers-progress" max=move || progress().1.max(1) value=move || progress().0></progress>
                <ol>{step_list}</ol>
            </nav>
            <div class="step-body">
                <div>{skipped_note}</div>
                <SettledLive text=Signal::derive(skipped_said) testid="skipped-live"/>
                {body}
            </div>
            <LiveSummary app=app/>
        </div>
    }
}

#[component]
fn LiveSummary(app: AppState) -> impl IntoView {
    let lang = use_lang();
    let t = move |key: QuestionnaireText| key.get(lang.get());
    let counts = Memo::new(move |_| {
        app.report.with(|r| {
            let eligible = r.results.iter().filter(|x| x.status == Status::Eligible).count();
            let open = r.results.iter().filter(|x| x.status == Status::NeedsAnswers).count();
            (r.totals, eligible, open)
        })
    });
    let line = move |range: MoneyRange, counted: usize| {
        if counted == 0 {
            t(QuestionnaireText::Nothing).to_owned()
        } else {
            range_text(range, lang.get())
        }
    };
    // One memo per line: a key that changes the city's total redraws that line alone.
    let city = Memo::new(move |_| counts.with(|(t, _, _)| line(t.city.range, t.city.counted)));
    let region =
        Memo::new(move |_| counts.with(|(t, _, _)| line(t.region.range, t.region.counted)));
    let eligible = Memo::new(move |_| counts.with(|c| c.1));
    let open = Memo::new(move |_| counts.with(|c| c.2));
    let said = move || {
        format!(
            "{}: {}; {}: {}; {}: {}; {}: {}",
            t(QuestionnaireText::CityTotal),
            city.get(),
            t(QuestionnaireText::RegionTotal),
            region.get(),
            t(QuestionnaireText::Eligible),
            eligible.get(),
            t(QuestionnaireText::Open),
            open.get()
        )
    };
    view! {
        <aside class="live-summary" data-testid="live-summary" aria-labelledby="live-summary-title">
            <h2 id="live-summary-title">{QuestionnaireText::SummaryTitle.text(lang)}</h2>
            // Not live: it follows every key. SettledLive says the settled summary once.
            <dl>
                <div>
                    <dt>{QuestionnaireText::CityTotal.text(lang)}</dt>
                    <dd data-testid="summary-city">{move || figures(city.get())}</dd>
                </div>
                <div>
                    <dt>{QuestionnaireText::RegionTotal.text(lang)}</dt>
                    <dd data-testid="summary-region">{move || figures(region.get())}</dd>
                </div>
                <div>
                    <dt>{QuestionnaireText::Eligible.text(lang)}</dt>
                    <dd data-testid="summary-eligible">{move || eligible.get()}</dd>
                </div>
                <div>
                    <dt>{QuestionnaireText::Open.text(lang)}</dt>
                    <dd data-testid="summary-open">{move || open.get()}</dd>
                </div>
            </dl>
            <a href=Route::Results.to_hash() data-testid="summary-results">{QuestionnaireText::ToResults.text(lang)}</a>
            <SettledLive text=Signal::derive(said) testid="summary-live"/>
        </aside>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::date::Date;
    use crate::engine::evaluate;
    use crate::engine::profile::{Answer, ApplicantType, PROFILE_VERSION};
    use rust_decimal::Decimal;

    /// A small plan: one incentive for enterprises with a yes/no gate and an amount, one
    /// for colleges, one question nobody reads, one question in a step the data lacks.
    const PLAN: &str = r#"{
        "counties": [{"id": "pubei", "name": {"zh": "浦北县", "en": "Pubei"}, "industry": "peel"}],
        "industries": [{"id": "peel", "name": {"zh": "陈皮", "en": "Peel"}, "county": "pubei"}],
        "steps": [{"id": "company", "title": {"zh": "企业", "en": "Company"}},
                  {"id": "project", "title": {"zh": "项目", "en": "Project"}},
                  {"id": "empty", "title": {"zh": "空", "en": "Empty"}}],
        "facts": [
            {"id": "registered", "kind": "bool", "step": "company", "applicants": ["enterprise"]},
            {"id": "public_servant", "kind": "bool", "step": "company", "applicants": ["enterprise"]},
            {"id": "investment", "kind": "money", "step": "project", "applicants": ["enterprise"]},
            {"id": "students", "kind": "count", "step": "project", "applicants": ["college", "enterprise"]},
            {"id": "unused", "kind": "bool", "step": "project", "applicants": ["enterprise"]},
            {"id": "stray", "kind": "bool", "step": "nowhere", "applicants": ["enterprise"]}
        ],
        "incentives": [
            {"id": "reward", "measure": "一.1", "level": "city", "applicants": ["enterprise"],
             "conditions": [
                {"id": "c1", "test": {"kind": "is_true", "fact": "registered"}},
                {"id": "c2", "test": {"kind": "any_of", "tests": [
                    {"kind": "is_false", "fact": "public_servant"},
                    {"kind": "is_true", "fact": "registered"}]}},
                {"id": "c3", "test": {"kind": "at_least", "fact": "investment", "param": "min"}}
             ],
             "calc": {"kind": "rate_of_base", "base": "investment", "rate": "rate"},
             "params": {"min": {"value": "1000", "unit": "yuan"}, "rate": {"value": "0.01", "unit": "rate"}}},
            {"id": "school", "measure": "四.1(2)", "level": "city", "applicants": ["college"],
             "conditions": [{"id": "c", "test": {"kind": "at_least", "fact": "students", "param": "n"}}],
             "calc": {"kind": "none"},
             "params": {"n": {"value": "10", "unit": "count"}}}
        ]
    }"#;

    fn policy() -> Policy {
        match Policy::from_json(PLAN) {
            Ok(p) => p,
            Err(e) => panic!("fixture: {e}"),
        }
    }

    fn profile(answers: &[(&str, Answer)]) -> Profile {
        let mut p = Profile {
            version: PROFILE_VERSION,
            applicant: Some(ApplicantType::Enterprise),
            ..Profile::default()
        };
        for (id, a) in answers {
            p.set_answer(id, Some(a.clone()));
        }
        p
    }

    fn asked(
        policy: &Policy,
        profile: &Profile,
        show_all: bool,
    ) -> (Vec<(String, Vec<String>)>, Vec<String>) {
        let report = evaluate(policy, profile, Date { year: 2024, month: 1, day: 1 });
        let plan = plan(policy, profile, &report, show_all, None);
        let steps = plan
            .steps
            .iter()
            .map(|s| (s.id.to_owned(), s.facts.iter().map(|f| f.id.clone()).collect()))
            .collect();
        (steps, plan.skipped.iter().map(|f| f.id.clone()).collect())
    }

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn only_facts_for_this_applicant_type_are_asked_grouped_by_step() {
        let policy = policy();
        let (steps, skipped) = asked(&policy, &profile(&[]), false);
        assert_eq!(
            steps,
            vec![
                ("company".to_owned(), ids(&["registered", "public_servant"])),
                // `students` is listed for enterprises but only a college incentive reads it.
                ("project".to_owned(), ids(&["investment", "unused"])),
                (MORE_STEP.to_owned(), ids(&["stray"])),
            ]
        );
        assert_eq!(skipped, ids(&["students"]));
        let college = Profile { applicant: Some(ApplicantType::College), ..profile(&[]) };
        let (steps, _) = asked(&policy, &college, false);
        assert_eq!(steps, vec![("project".to_owned(), ids(&["students"]))]);
        let nobody = Profile { applicant: None, ..profile(&[]) };
        assert!(asked(&policy, &nobody, false).0.is_empty());
    }

    #[test]
    fn a_failed_condition_skips_the_questions_it_makes_pointless() {
        let policy = policy();
        let p = profile(&[("registered", Answer::Bool(false))]);
        let (steps, skipped) = asked(&policy, &p, false);
        // `registered` itself stays (changing it changes the result); the rest of `reward`
        // can no longer matter.
        assert_eq!(steps[0], ("company".to_owned(), ids(&["registered"])));
        assert_eq!(steps[1], ("project".to_owned(), ids(&["unused"])));
        assert_eq!(skipped, ids(&["public_servant", "investment", "students"]));
        // Shown anyway on request, in place.
        let (all, _) = asked(&policy, &p, true);
        assert_eq!(all[0].1, ids(&["registered", "public_servant"]));
        assert_eq!(all[1].1, ids(&["investment", "students", "unused"]));
    }

    #[test]
    fn a_step_a_link_leads_to_is_listed_even_when_all_its_questions_are_skipped() {
        let policy = policy();
        let p = profile(&[
            ("registered", Answer::Bool(true)),
            ("investment", Answer::Number(Decimal::from(5))),
        ]);
        let report = evaluate(&policy, &p, Date { year: 2024, month: 1, day: 1 });
        let ids = |plan: &Plan<'_>| plan.steps.iter().map(|s| s.id.to_owned()).collect::<Vec<_>>();
        let without = plan(&policy, &p, &report, false, None);
        assert_eq!(ids(&without), ["project", MORE_STEP]);
        let kept = plan(&policy, &p, &report, false, Some("company"));
        assert_eq!(ids(&kept), ["company", "project", MORE_STEP]);
        assert!(kept.steps[0].facts.is_empty(), "listed, with its questions still skipped");
        // A step with nothing skipped, or none at all, is not invented.
        assert_eq!(ids(&plan(&policy, &p, &report, false, Some("empty"))), ids(&without));
        assert_eq!(ids(&plan(&policy, &p, &report, false, Some("nope"))), ids(&without));
    }

    #[test]
    fn a_fact_in_the_failing_condition_stays_so_it_can_be_corrected() {
        let policy = policy();
        let p = profile(&[
            ("registered", Answer::Bool(true)),
            ("investment", Answer::Number(Decimal::from(5))),
        ]);
        let (steps, skipped) = asked(&policy, &p, false);
        // Too small an investment fails c3, which reads it: it stays. `registered` and
        // `public_servant` can no longer change the outcome while c3 fails.
        assert_eq!(steps[0], ("project".to_owned(), ids(&["investment", "unused"])), "{steps:?}");
        assert_eq!(skipped, ids(&["registered", "public_servant", "students"]));
    }

    #[test]
    fn a_branch_already_met_skips_the_questions_of_the_other_branches() {
        let policy = policy();
        let enough = ("investment", Answer::Number(Decimal::from(5000)));
        // c2 is `public_servant` is no OR `registered`: once registered, it holds whatever the
        // answer on public servants, and nothing else reads that question.
        let p = profile(&[("registered", Answer::Bool(true)), enough.clone()]);
        let (_, skipped) = asked(&policy, &p, false);
        assert!(skipped.contains(&"public_servant".to_owned()), "{skipped:?}");
        // Not registered: c1 fails, and the question stays pointless for another reason;
        // unanswered: c2 still needs one of the two, so it is asked.
        let open = profile(&[enough]);
        let (steps, skipped) = asked(&policy, &open, false);
        assert!(!skipped.contains(&"public_servant".to_owned()), "{skipped:?}");
        assert_eq!(steps[0].1, ids(&["registered", "public_servant"]));
    }

    #[test]
    fn a_featured_industry_firm_is_not_asked_whether_it_builds_the_featured_chain() {
        let policy = crate::engine::policy::bundled();
        let Some((county, featured_industry)) =
            policy.counties.iter().find_map(|c| Some((c, c.featured_industries().next()?)))
        else {
            panic!("the bundled plan names no featured industry");
        };
        let firm = |industry: &str| Profile {
            version: PROFILE_VERSION,
            applicant: Some(ApplicantType::Enterprise),
            county: Some(county.id.clone()),
            industry: Some(industry.to_owned()),
            ..Profile::default()
        };
        let chain = "builds_featured_chain".to_owned();
        let (featured, skipped) = asked(policy, &firm(featured_industry), false);
        assert!(skipped.contains(&chain), "featured firm: {featured:?}");
        assert!(!featured.iter().any(|(_, facts)| facts.contains(&chain)));
        let (other, skipped) = asked(policy, &firm(OTHER_INDUSTRY), false);
        assert!(!skipped.contains(&chain), "other industry: {skipped:?}");
        assert!(other.iter().any(|(_, facts)| facts.contains(&chain)), "{other:?}");
    }
}
