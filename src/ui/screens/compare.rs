//! Two profiles side by side (`#/compare`): two saved profiles, or one and a copy of it with
//! one answer changed ("what if I invest 0.9亿 instead of 1亿?"). Every incentive that concerns
//! either shows its status and amount for both; differences are marked with a sign and words
//! (never by colour alone), and the totals of both are compared the same way.

use crate::ui::components::plan_line::{ActiveMadeUnder, PlanLine};
use leptos::prelude::*;

use crate::engine::evaluate;
use crate::engine::lang::Lang;
use crate::engine::money::{suggest, MoneyError, Quantity};
use crate::engine::policy::{Fact, FactKind, Policy};
use crate::engine::profile::{Answer, Profile};
use crate::engine::report::{IncentiveResult, Report, Status, TotalLine};
use crate::ui::components::fact_input::field_text;
use crate::ui::components::figures::figures;
use crate::ui::components::report_table::{answer_rows, who_rows, TableText};
use crate::ui::components::scroll_table::ScrollTable;
use crate::ui::components::unreadable::unreadable_of_profile;
use crate::ui::drafts::use_drafts;
use crate::ui::i18n::use_lang;
use crate::ui::results::card::{status_icon, status_label};
use crate::ui::results::format::{amount_for_status, fill, plain_decimal};
use crate::ui::results::summary::total_text;
use crate::ui::route::Route;
use crate::ui::screens::home::display_name;
use crate::ui::state::{use_app, use_saved};
use crate::ui_strings;

ui_strings!(CompareText {
    Title => ("比较两个档案", "Compare two profiles"),
    Lead => (
        "并排查看两个档案的结果，不同之处会标出。可以比较两个已保存的档案，也可以把一个档案的某个回答改一改，看看结果有何变化。",
        "See the results of two profiles side by side, with the differences marked. Compare two saved profiles, or change one answer of a profile and see what changes."
    ),
    First => ("档案 A", "Profile A"),
    Second => ("档案 B", "Profile B"),
    Current => ("（正在回答）", "(being answered)"),
    WhatIf => ("档案 A，但改一个回答", "Profile A with one answer changed"),
    WhatIfName => ("{name}（假设）", "{name} (what if)"),
    Fact => ("要改的问题", "Question to change"),
    Value => ("新的回答", "New answer"),
    ValueHint => ("留空表示“未回答”。", "Leave it empty for “not answered”."),
    Unanswered => ("（未回答）", "(not answered)"),
    Yes => ("是", "Yes"),
    No => ("否", "No"),
    NeedApplicant => (
        "档案 A 还没有选择申请人类型，无法比较。",
        "Profile A has no applicant type yet, so there is nothing to compare."
    ),
    Start => ("开始", "Start"),
    Incentive => ("奖补项目", "Incentive"),
    Difference => ("差异", "Difference"),
    Same => ("相同", "Same"),
    StatusDiffers => ("状态不同", "Status differs"),
    AmountDiffers => ("金额不同", "Amount differs"),
    BothDiffer => ("状态和金额都不同", "Status and amount differ"),
    Totals => ("汇总", "Totals"),
    City => ("市级奖补（按方案）", "City rewards under the plan"),
    Region => ("拟向自治区争取（不保证获得）", "To be sought from the region (not promised)"),
    County => ("由各县（区）决定（项）", "Decided by each county (measures)"),
    Differences => ("{n} 处不同", "{n} {n|difference|differences}"),
    NoDifferences => ("两个档案的结果完全相同。", "The two profiles give exactly the same results."),
    Applicant => ("申请人", "Applicant"),
    Link => ("比较两个档案", "Compare two profiles"),
    WhatIfUnreadable => (
        "在更正之前，档案 B 中此问题按“未回答”计算。",
        "Until you correct it, this question counts as not answered in profile B."
    ),
    DidYouMean => ("是不是要输入：{fix}？", "Did you mean {fix}?"),
    AnswersDiffer => ("两个档案的不同回答", "Answers that differ"),
    NoAnswerDiffers => ("两个档案的回答相同。", "The two profiles have the same answers."),
    NotAnswered => ("未回答", "not answered"),
    Relevant => (
        "这个改动让以下问题变得相关，请为 B 回答：",
        "This change makes {n|this question|these questions} relevant; answer {n|it|them} for B:"
    ),
});

/// A link to the compare screen, for other screens (results, profiles).
#[component]
pub fn CompareLink() -> impl IntoView {
    let lang = use_lang();
    view! {
        <a href=Route::Compare.to_hash() data-testid="compare-link">
            {CompareText::Link.text(lang)}
        </a>
    }
}

/// One incentive in both reports.
#[derive(Clone, Debug, PartialEq)]
pub struct RowDiff<'p> {
    pub a: IncentiveResult<'p>,
    pub b: IncentiveResult<'p>,
    pub status_differs: bool,
    pub amount_differs: bool,
}

impl RowDiff<'_> {
    pub fn differs(&self) -> bool {
        self.status_differs || self.amount_differs
    }
}

/// The incentives that concern either applicant, paired, in the plan's order. Both reports
/// come from the same plan, so their results line up; an id missing from one is skipped.
pub fn diff_rows<'p>(a: &Report<'p>, b: &Report<'p>) -> Vec<RowDiff<'p>> {
    a.results
        .iter()
        .filter_map(|ra| {
            let rb = b.result(ra.id)?;
            if ra.status == Status::NotApplicable && rb.status == Status::NotApplicable {
                return None;
            }
            Some(RowDiff {
                a: ra.clone(),
                b: rb.clone(),
                status_differs: ra.status != rb.status,
                amount_differs: ra.amount != rb.amount,
            })
        })
        .collect()
}

/// The answers (applicant, county and industry included) that differ between two profiles, as
/// `(question, answer of A, answer of B)` in the plan's question order; `None` is unanswered.
pub fn answer_differences(
    policy: &Policy,
    a: &Profile,
    b: &Profile,
    lang: Lang,
) -> Vec<(String, Option<String>, Option<String>)> {
    let who = |p: &Profile| -> Vec<(String, String)> {
        who_rows(policy, p, lang)
            .into_iter()
            .filter(|(key, _)| *key != TableText::Name)
            .map(|(key, value)| (key.get(lang).to_owned(), value))
            .collect()
    };
    let answers = |p: &Profile| -> Vec<(String, String)> {
        answer_rows(policy, p, lang).into_iter().map(|(_, label, value)| (label, value)).collect()
    };
    let (wa, wb) = (who(a), who(b));
    let (aa, ab) = (answers(a), answers(b));
    let mut labels: Vec<String> = Vec::new();
    for (label, _) in wa.iter().chain(&wb).chain(&aa).chain(&ab) {
        if !labels.contains(label) {
            labels.push(label.clone());
        }
    }
    let find = |rows: &[(String, String)], label: &str| {
        rows.iter().find(|(l, _)| l == label).map(|(_, v)| v.clone())
    };
    labels
        .into_iter()
        .filter_map(|label| {
            let va = find(&wa, &label).or_else(|| find(&aa, &label));
            let vb = find(&wb, &label).or_else(|| find(&ab, &label));
            (va != vb).then_some((label, va, vb))
        })
        .collect()
}

/// The questions the change made relevant: those still missing for the incentives that need
/// answers in B but did not in A, in order. What "change one answer" asks next.
pub fn newly_relevant<'p>(policy: &Policy, a: &Report<'p>, b: &Report<'p>) -> Vec<&'p str> {
    let mut out: Vec<&'p str> = Vec::new();
    for result in b.results.iter().filter(|r| r.status == Status::NeedsAnswers) {
        if a.result(result.id).is_some_and(|r| r.status == Status::NeedsAnswers) {
            continue;
        }
        for &fact in &result.missing {
            if !out.contains(&fact) && policy.fact(fact).is_some() {
                out.push(fact);
            }
        }
    }
    out
}

/// A copy of `profile` with one answer replaced (or removed when `answer` is `None`).
pub fn with_answer(profile: &Profile, fact: &str, answer: Option<Answer>) -> Profile {
    let mut copy = profile.clone();
    copy.set_answer(fact, answer);
    copy
}

/// The answer a what-if field means, for a fact of `kind`: empty text is "not answered".
pub fn parse_answer(kind: FactKind, text: &str) -> Result<Option<Answer>, MoneyError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match kind {
        FactKind::Bool => Ok(Some(Answer::Bool(text == "yes"))),
        FactKind::Choice => Ok(Some(Answer::Choice(text.to_owned()))),
        _ => kind.parse_answer(text).map(|v| Some(Answer::Number(v))),
    }
}

/// The text a fact's current answer is edited as (the what-if field's starting value).
pub fn answer_field(kind: FactKind, answer: Option<&Answer>) -> String {
    match answer {
        None => String::new(),
        Some(Answer::Bool(b)) => if *b { "yes" } else { "no" }.to_owned(),
        Some(Answer::Choice(c)) => c.clone(),
        Some(Answer::Number(v)) => field_text(kind, *v),
    }
}

/// The what-if fact to start with: the first answered money or count fact, else the first fact.
pub fn default_fact(policy: &Policy, profile: &Profile) -> Option<String> {
    let applicant = profile.applicant?;
    let facts: Vec<_> = policy.facts_for(applicant).collect();
    facts
        .iter()
        .find(|f| {
            matches!(f.kind, FactKind::Money | FactKind::Count)
                && profile.answers.contains_key(&f.id)
        })
        .or_else(|| facts.first())
        .map(|f| f.id.clone())
}

/// Which profile a side shows.
const LIVE: &str = "";
const WHAT_IF: &str = "what-if";

fn diff_words(row: &RowDiff) -> CompareText {
    match (row.status_differs, row.amount_differs) {
        (true, true) => CompareText::BothDiffer,
        (true, false) => CompareText::StatusDiffers,
        (false, true) => CompareText::AmountDiffers,
        (false, false) => CompareText::Same,
    }
}

#[component]
pub fn Compare() -> impl IntoView {
    let lang = use_lang();
    let t = move |key: CompareText| key.get(lang.get());
    let Some(app) = use_app() else {
        return view! { <h1>{CompareText::Title.text(lang)}</h1> }.into_any();
    };
    let policy = app.policy;
    let saved = use_saved();
    let today = app.today;

    // The choices: every saved profile (the active one is the live profile), or the live one.
    let options = Memo::new(move |_| {
        let lang = lang.get();
        let active = saved.and_then(|s| s.store.with(|st| st.active_id().map(str::to_owned)));
        let mut list: Vec<(String, String)> = saved
            .map(|s| {
                s.store.with(|st| {
                    st.entries()
                        .iter()
                        .map(|e| {
                            let is_active = active.as_deref() == Some(e.id.as_str());
                            let profile =
                                if is_active { app.profile.get() } else { e.profile.clone() };
                            let mut name = display_name(policy, &profile, lang);
                            if is_active {
                                name.push(' ');
                                name.push_str(CompareText::Current.get(lang));
                            }
                            (e.id.clone(), name)
                        })
                        .collect()
                })
            })
            .unwrap_or_default();
        if active.is_none() {
            let name = app.profile.with(|p| display_name(policy, p, lang));
            list.insert(0, (LIVE.to_owned(), format!("{name} {}", CompareText::Current.get(lang))));
        }
        list
    });
    let profile_of = move |id: &str| -> Profile {
        let active = saved.and_then(|s| s.store.with(|st| st.active_id().map(str::to_owned)));
        if id == LIVE || active.as_deref() == Some(id) {
            return app.profile.get();
        }
        saved
            .and_then(|s| s.store.with(|st| st.get(id).map(|e| e.profile.clone())))
            .unwrap_or_else(|| app.profile.get())
    };

    let first_id = options.with_untracked(|o| {
        let active =
            saved.and_then(|s| s.store.with_untracked(|st| st.active_id().map(str::to_owned)));
        active.or_else(|| o.first().map(|(id, _)| id.clone())).unwrap_or_default()
    });
    let second_id = options.with_untracked(|o| {
        o.iter()
            .map(|(id, _)| id.clone())
            .find(|id| *id != first_id)
            .unwrap_or_else(|| WHAT_IF.to_owned())
    });
    let a_id = RwSignal::new(first_id);
    let b_id = RwSignal::new(second_id);

    let a_profile = Memo::new(move |_| profile_of(&a_id.get()));
    let fact = RwSignal::new(a_profile.with_untracked(|p| default_fact(policy, p)));
    let start_text = move |fact: Option<&str>| -> String {
        fact.and_then(|f| policy.fact(f))
            .map(|f| a_profile.with_untracked(|p| answer_field(f.kind, p.answer(&f.id))))
            .unwrap_or_default()
    };
    let text = RwSignal::new(start_text(fact.get_untracked().as_deref()));
    // A new profile A: a fitting question to change, starting from its answer.
    Effect::new(move |previous: Option<String>| {
        let id = a_id.get();
        if previous.as_ref().is_some_and(|p| *p != id) {
            let f = a_profile.with_untracked(|p| default_fact(policy, p));
            text.set(start_text(f.as_deref()));
            fact.set(f);
        }
        id
    });

    let kind_of = move |fact: &Option<String>| {
        fact.as_deref().and_then(|f| policy.fact(f)).map_or(FactKind::Unknown, |f| f.kind)
    };
    let parsed = Memo::new(move |_| {
        let kind = fact.with(kind_of);
        text.with(|t| parse_answer(kind, t))
    });
    // Answers for B to the questions the change made relevant (fact, text typed).
    let extra = RwSignal::new(Vec::<(String, String)>::new());
    let b_profile = Memo::new(move |_| {
        let id = b_id.get();
        if id == WHAT_IF {
            let a = a_profile.get();
            let Some(f) = fact.get() else { return a };
            // Text that cannot be read is no answer: never A's answer left in place.
            let mut copy = with_answer(&a, &f, parsed.get().ok().flatten());
            for (extra_fact, typed) in extra.get() {
                let kind = policy.fact(&extra_fact).map_or(FactKind::Unknown, |f| f.kind);
                if let Ok(answer) = parse_answer(kind, &typed) {
                    copy.set_answer(&extra_fact, answer);
                }
            }
            let name = display_name(policy, &copy, lang.get());
            copy.name = fill(CompareText::WhatIfName.get(lang.get()), &[("name", &name)]);
            copy
        } else {
            profile_of(&id)
        }
    });
    let reports = Memo::new_with_compare(
        move |_| {
            let a = a_profile.with(|p| evaluate(policy, p, today));
            let b = b_profile.with(|p| evaluate(policy, p, today));
            (a, b)
        },
        |_, _| true,
    );

    // Which answers of A and B could not be read (a what-if B is A's copy: A's list says it).
    let drafts = use_drafts();
    let unreadable_sides = move || {
        let (Some(saved), Some(drafts)) = (saved, drafts) else { return Vec::new() };
        let lang_now = lang.get();
        let active = saved.store.with(|st| st.active_id().map(str::to_owned));
        let mut sides = Vec::new();
        for id in [a_id.get(), b_id.get()] {
            if id == WHAT_IF || sides.iter().any(|(seen, _)| *seen == id) {
                continue;
            }
            let is_active = id == LIVE || active.as_deref() == Some(id.as_str());
            let profile = profile_of(&id);
            let list =
                if is_active { drafts.unreadable() } else { drafts.unreadable_of(&id, &profile) };
            let name = display_name(policy, &profile, lang_now);
            let view = unreadable_of_profile(saved, (id.clone(), name), list, is_active, lang_now);
            sides.push((id, view));
        }
        sides.into_iter().filter_map(|(_, view)| view).collect::<Vec<_>>()
    };

    let select_a = move || {
        options
            .get()
            .into_iter()
            .map(|(id, name)| {
                let is = id.clone();
                view! { <option value=id prop:selected=move || a_id.with(|a| *a == is)>{name}</option> }
            })
            .collect_view()
    };
    let select_b = move || {
        let mut list = options.get();
        list.push((WHAT_IF.to_owned(), CompareText::WhatIf.get(lang.get()).to_owned()));
        list.into_iter()
            .map(|(id, name)| {
                let is = id.clone();
                view! { <option value=id prop:selected=move || b_id.with(|b| *b == is)>{name}</option> }
            })
            .collect_view()
    };

    // The questions the change made relevant, each with a field whose answer goes to B.
    let relevant_facts = Memo::new(move |_| {
        let (ra, rb) = reports.get();
        let mut facts: Vec<String> =
            newly_relevant(policy, &ra, &rb).into_iter().map(str::to_owned).collect();
        // Keep the ones already being answered (they are no longer missing once answered).
        extra.with(|e| {
            for (f, _) in e {
                if !facts.contains(f) {
                    facts.push(f.clone());
                }
            }
        });
        facts
    });
    let relevant = move || {
        let facts = relevant_facts.get();
        (!facts.is_empty()).then(|| {
            let specs: Vec<&'static Fact> = facts.iter().filter_map(|f| policy.fact(f)).collect();
            let count = specs.len().to_string();
            let fields = specs
                .into_iter()
                .map(|spec| {
                    let id = spec.id.clone();
                    let field_id = format!("compare-extra-{id}");
                    let value = {
                        let id = id.clone();
                        Signal::derive(move || {
                            extra
                                .with(|e| e.iter().find(|(f, _)| *f == id).map(|(_, t)| t.clone()))
                                .unwrap_or_default()
                        })
                    };
                    let set = move |typed: String| {
                        let id = id.clone();
                        extra.update(|e| {
                            e.retain(|(f, _)| *f != id);
                            e.push((id, typed));
                        });
                    };
                    view! {
                        <p class="compare-extra">
                            <label for=field_id.clone()>{move || spec.label.get(lang.get())}</label>
                            {answer_input(spec, field_id, value, set, t)}
                        </p>
                    }
                })
                .collect_view();
            view! {
                <div class="compare-relevant" data-testid="compare-relevant">
                    <p>{move || fill(CompareText::Relevant.get(lang.get()), &[("n", &count)])}</p>
                    {fields}
                </div>
            }
        })
    };

    let what_if = move || {
        // Without A's applicant type there is no question to change: the table says so
        // instead of an empty list of questions.
        let applicant = a_profile.with(|p| p.applicant).filter(|_| b_id.get() == WHAT_IF)?;
        Some({
            let lang_now = lang.get();
            let facts: Vec<(String, String)> = policy
                .facts_for(applicant)
                .map(|f| (f.id.clone(), f.label.get(lang_now).to_owned()))
                .collect();
            let fact_options = facts
                .into_iter()
                .map(|(id, label)| {
                    let is = id.clone();
                    view! { <option value=id prop:selected=move || fact.with(|f| f.as_deref() == Some(is.as_str()))>{label}</option> }
                })
                .collect_view();
            let value_field = move || {
                let current = fact.get();
                let kind = kind_of(&current);
                let spec = current.as_deref().and_then(|f| policy.fact(f));
                match kind {
                    FactKind::Bool | FactKind::Choice => {
                        let mut choices =
                            vec![(String::new(), t(CompareText::Unanswered).to_owned())];
                        if kind == FactKind::Bool {
                            choices.push(("yes".into(), t(CompareText::Yes).to_owned()));
                            choices.push(("no".into(), t(CompareText::No).to_owned()));
                        } else if let Some(spec) = spec {
                            choices.extend(
                                spec.choices
                                    .iter()
                                    .map(|c| (c.id.clone(), c.label.get(lang.get()).to_owned())),
                            );
                        }
                        view! {
                            <select id="compare-value" data-testid="compare-value"
                                on:change=move |ev| text.set(event_target_value(&ev))>
                                {choices.into_iter().map(|(v, label)| {
                                    let is = v.clone();
                                    view! { <option value=v prop:selected=move || text.with(|t| *t == is)>{label}</option> }
                                }).collect_view()}
                            </select>
                        }
                        .into_any()
                    }
                    // A text keyboard for 万 and 亿 (see components::fact_input); a keypad for %.
                    _ => view! {
                        <input id="compare-value" type="text" data-testid="compare-value"
                            inputmode=if kind == FactKind::Percent { "decimal" } else { "text" }
                            aria-describedby="compare-value-hint compare-value-error"
                            aria-invalid=move || parsed.with(|p| p.is_err()).to_string()
                            prop:value=move || text.get()
                            on:change=move |ev| text.set(event_target_value(&ev))/>
                    }
                    .into_any(),
                }
            };
            view! {
                <fieldset class="compare-what-if" data-testid="compare-what-if">
                    <legend>{CompareText::WhatIf.text(lang)}</legend>
                    <p>
                        <label for="compare-fact">{CompareText::Fact.text(lang)}</label>
                        <select id="compare-fact" data-testid="compare-fact" on:change=move |ev| {
                            let f = event_target_value(&ev);
                            extra.set(Vec::new());
                            text.set(start_text(Some(&f)));
                            fact.set(Some(f));
                        }>{fact_options}</select>
                    </p>
                    <p>
                        <label for="compare-value">{CompareText::Value.text(lang)}</label>
                        {value_field}
                        <span class="hint" id="compare-value-hint">{CompareText::ValueHint.text(lang)}</span>
                    </p>
                    <p class="field-error" id="compare-value-error" data-testid="compare-value-error" role="alert">
                        {move || parsed.get().err().map(|e| {
                            let quantity = match fact.with(kind_of) {
                                FactKind::Count => Quantity::Count,
                                FactKind::Percent => Quantity::Percent,
                                _ => Quantity::Money,
                            };
                            format!("{} {}", e.message_for(quantity, lang.get()), t(CompareText::WhatIfUnreadable))
                        })}
                    </p>
                    {move || {
                        let kind = fact.with(kind_of);
                        let quantity = match kind {
                            FactKind::Count => Quantity::Count,
                            FactKind::Percent => Quantity::Percent,
                            _ => Quantity::Money,
                        };
                        let fixed = (parsed.get() == Err(MoneyError::NearMiss))
                            .then(|| text.with(|t| suggest(t, quantity)))
                            .flatten()?;
                        let label = fill(t(CompareText::DidYouMean), &[("fix", &fixed)]);
                        Some(view! {
                            <p><button type="button" class="secondary" data-testid="compare-value-fix"
                                on:click=move |_| text.set(fixed.clone())>{label}</button></p>
                        })
                    }}
                    {relevant}
                </fieldset>
            }
        })
    };

    let table = move || {
        let lang_now = lang.get();
        let (ra, rb) = reports.get();
        if ra.applicant.is_none() {
            return view! {
                <p data-testid="compare-empty">{t(CompareText::NeedApplicant)}" "
                    <a href=Route::Home.to_hash()>{t(CompareText::Start)}</a></p>
            }
            .into_any();
        }
        let rows = diff_rows(&ra, &rb);
        let total_diffs = [
            ra.totals.city != rb.totals.city,
            ra.totals.region != rb.totals.region,
            ra.totals.county_decides != rb.totals.county_decides,
        ];
        let n = rows.iter().filter(|r| r.differs()).count()
            + total_diffs.iter().filter(|d| **d).count();
        let name_a = a_profile.with(|p| display_name(policy, p, lang_now));
        let name_b = b_profile.with(|p| display_name(policy, p, lang_now));
        // Each side named by what differs: its name and its first differing answer.
        let differences =
            a_profile.with(|a| b_profile.with(|b| answer_differences(policy, a, b, lang_now)));
        let unanswered = t(CompareText::NotAnswered);
        let side_note = |value: &Option<String>| -> String {
            value.clone().unwrap_or_else(|| unanswered.to_owned())
        };
        // Left out where the side's name already says it: an unnamed profile is named by its
        // applicant type and county, which are often the answers that differ.
        let note = |name: &str, label: &str, value: &Option<String>| -> String {
            let value = side_note(value);
            if name.contains(value.as_str()) {
                String::new()
            } else {
                format!(" · {label}: {value}")
            }
        };
        let (note_a, note_b) = differences
            .first()
            .map(|(label, a, b)| (note(&name_a, label, a), note(&name_b, label, b)))
            .unwrap_or_default();
        let answer_list = if differences.is_empty() {
            view! { <p data-testid="compare-answers-same">{t(CompareText::NoAnswerDiffers)}</p> }
                .into_any()
        } else {
            // In its own scroll region: exact figures side by side outgrow a 320 px screen.
            view! {
                <ScrollTable name=t(CompareText::AnswersDiffer).to_owned()>
                <table class="compare-answers" data-testid="compare-answers">
                    <caption>{t(CompareText::AnswersDiffer)}</caption>
                    <thead><tr>
                        <th scope="col">{TableText::Question.get(lang_now)}</th>
                        <th scope="col">"A"</th>
                        <th scope="col">"B"</th>
                    </tr></thead>
                    <tbody>
                        {differences.iter().map(|(label, a, b)| view! {
                            <tr>
                                <th scope="row">{crate::ui::mixed::mixed(label, lang_now)}</th>
                                <td>{figures(side_note(a))}</td>
                                <td>{figures(side_note(b))}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                </ScrollTable>
            }
            .into_any()
        };
        let cell = move |r: &IncentiveResult<'static>, side: &'static str| {
            let status = r.status;
            view! {
                <td class=format!("side side-{side}")>
                    <span class="status"><span class="icon" aria-hidden="true">{status_icon(status)}</span>" "{status_label(status).get(lang_now)}</span>
                    <br/>
                    <span class="amount">{figures(amount_for_status(status, r.amount, lang_now, false))}</span>
                </td>
            }
        };
        let total_row = move |label: CompareText,
                              a: TotalLine,
                              b: TotalLine,
                              testid: &'static str| {
            let differs = a != b;
            view! {
                <tr class:differs=differs data-testid=testid data-differs=differs.to_string()
                    data-min-a=plain_decimal(Some(a.range.min)) data-max-a=plain_decimal(Some(a.range.max))
                    data-min-b=plain_decimal(Some(b.range.min)) data-max-b=plain_decimal(Some(b.range.max))>
                    <th scope="row">{label.get(lang_now)}</th>
                    <td class="side side-a">{figures(total_text(&a, lang_now))}</td>
                    <td class="side side-b">{figures(total_text(&b, lang_now))}</td>
                    <td class="diff">{diff_mark(differs, if differs { CompareText::AmountDiffers } else { CompareText::Same }, lang_now)}</td>
                </tr>
            }
        };
        let county_differs = total_diffs[2];
        view! {
            {answer_list}
            <p class="compare-summary" data-testid="compare-summary" data-count=n.to_string() role="status">
                {if n == 0 { t(CompareText::NoDifferences).to_owned() } else { fill(t(CompareText::Differences), &[("n", &n.to_string())]) }}
            </p>
            <ScrollTable name=t(CompareText::Incentive).to_owned()>
            <table class="compare-table" data-testid="compare-table">
                <thead>
                    <tr>
                        <th scope="col">{t(CompareText::Incentive)}</th>
                        <th scope="col" data-testid="compare-name-a">"A: "{figures(name_a)}{figures(note_a)}</th>
                        <th scope="col" data-testid="compare-name-b">"B: "{figures(name_b)}{figures(note_b)}</th>
                        <th scope="col">{t(CompareText::Difference)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.iter().map(|row| {
                        let differs = row.differs();
                        view! {
                            <tr class:differs=differs data-testid=format!("compare-row-{}", row.a.id)
                                data-differs=differs.to_string()
                                data-status-a=row.a.status.id() data-status-b=row.b.status.id()
                                data-min-a=plain_decimal(row.a.amount.min()) data-max-a=plain_decimal(row.a.amount.max())
                                data-min-b=plain_decimal(row.b.amount.min()) data-max-b=plain_decimal(row.b.amount.max())>
                                <th scope="row"><span class="clause-ref" lang="zh-CN">{row.a.clause}</span>" "{crate::ui::mixed::mixed(row.a.title.get(lang_now), lang_now)}</th>
                                {cell(&row.a, "a")}
                                {cell(&row.b, "b")}
                                <td class="diff">{diff_mark(differs, diff_words(row), lang_now)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
                <tbody class="compare-totals">
                    <tr><th scope="colgroup" colspan="4">{t(CompareText::Totals)}</th></tr>
                    {total_row(CompareText::City, ra.totals.city, rb.totals.city, "compare-total-city")}
                    {total_row(CompareText::Region, ra.totals.region, rb.totals.region, "compare-total-region")}
                    <tr class:differs=county_differs data-testid="compare-total-county" data-differs=county_differs.to_string()
                        data-count-a=ra.totals.county_decides.to_string() data-count-b=rb.totals.county_decides.to_string()>
                        <th scope="row">{t(CompareText::County)}</th>
                        <td class="side side-a">{ra.totals.county_decides}</td>
                        <td class="side side-b">{rb.totals.county_decides}</td>
                        <td class="diff">{diff_mark(county_differs, if county_differs { CompareText::AmountDiffers } else { CompareText::Same }, lang_now)}</td>
                    </tr>
                </tbody>
            </table>
            </ScrollTable>
        }
        .into_any()
    };

    view! {
        <div class="compare-screen" data-testid="compare-screen">
            <h1>{CompareText::Title.text(lang)}</h1>
            <p class="lead">{CompareText::Lead.text(lang)}</p>
            <PlanLine policy=policy/>
            <ActiveMadeUnder/>
            <div class="compare-pick">
                <p>
                    <label for="compare-a">{CompareText::First.text(lang)}</label>
                    <select id="compare-a" data-testid="compare-a" on:change=move |ev| a_id.set(event_target_value(&ev))>
                        {select_a}
                    </select>
                </p>
                <p>
                    <label for="compare-b">{CompareText::Second.text(lang)}</label>
                    <select id="compare-b" data-testid="compare-b" on:change=move |ev| b_id.set(event_target_value(&ev))>
                        {select_b}
                    </select>
                </p>
            </div>
            {unreadable_sides}
            {what_if}
            {table}
        </div>
    }
    .into_any()
}

/// A field for one answer of B: yes/no or a choice as a list, a number as text (read like the
/// questionnaire reads it: 1.5亿, 5000万).
fn answer_input(
    spec: &'static Fact,
    id: String,
    value: Signal<String>,
    set: impl Fn(String) + Clone + Send + Sync + 'static,
    t: impl Fn(CompareText) -> &'static str + Copy + Send + Sync + 'static,
) -> AnyView {
    let lang = use_lang();
    match spec.kind {
        FactKind::Bool | FactKind::Choice => {
            let mut choices = vec![(String::new(), t(CompareText::Unanswered).to_owned())];
            if spec.kind == FactKind::Bool {
                choices.push(("yes".into(), t(CompareText::Yes).to_owned()));
                choices.push(("no".into(), t(CompareText::No).to_owned()));
            } else {
                choices.extend(
                    spec.choices.iter().map(|c| (c.id.clone(), c.label.get(lang.get()).to_owned())),
                );
            }
            view! {
                <select id=id data-testid=format!("compare-extra-{}", spec.id)
                    on:change=move |ev| set(event_target_value(&ev))>
                    {choices.into_iter().map(|(v, label)| {
                        let is = v.clone();
                        view! { <option value=v prop:selected=move || value.with(|t| *t == is)>{label}</option> }
                    }).collect_view()}
                </select>
            }
            .into_any()
        }
        _ => view! {
            <input id=id type="text" inputmode="decimal" data-testid=format!("compare-extra-{}", spec.id)
                prop:value=move || value.get()
                on:change=move |ev| set(event_target_value(&ev))/>
        }
        .into_any(),
    }
}

/// The difference cell: a sign and words, so that it never relies on colour.
fn diff_mark(differs: bool, words: CompareText, lang: Lang) -> impl IntoView {
    view! {
        <span class=if differs { "diff-mark differs" } else { "diff-mark same" }>
            <span class="icon" aria-hidden="true">{if differs { "≠ " } else { "= " }}</span>
            {words.get(lang)}
        </span>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::date::Date;
    use rust_decimal::Decimal;

    use crate::engine::policy::bundled as policy;

    #[test]
    fn a_changed_investment_across_the_threshold_differs_in_status() {
        let policy = policy();
        let preset = &crate::ui::fair::presets::PRESETS[0];
        let a = match preset.profile(policy, Lang::En) {
            Ok(p) => p,
            Err(e) => panic!("{e}"),
        };
        let day = Date { year: 2024, month: 6, day: 1 };
        let below = match parse_answer(FactKind::Money, "0.9亿") {
            Ok(answer) => with_answer(&a, "led_project_investment", answer),
            Err(e) => panic!("{e}"),
        };
        let ra = evaluate(policy, &a, day);
        let rb = evaluate(policy, &below, day);
        let rows = diff_rows(&ra, &rb);
        let led = rows.iter().find(|r| r.a.id == "enterprise_led_investment_reward");
        let Some(led) = led else { panic!("the led-investment reward is compared") };
        assert!(led.status_differs && led.differs());
        assert_eq!(led.b.status, Status::NotEligible);
        assert!(rows
            .iter()
            .all(|r| r.a.status != Status::NotApplicable || r.b.status != Status::NotApplicable));
        // The same profile twice: nothing differs.
        assert!(diff_rows(&ra, &ra).iter().all(|r| !r.differs()));
    }

    #[test]
    fn sides_are_named_by_the_answers_that_differ_and_a_change_asks_what_it_makes_relevant() {
        let policy = policy();
        let a = match crate::ui::fair::presets::PRESETS[0].profile(policy, Lang::En) {
            Ok(p) => p,
            Err(e) => panic!("{e}"),
        };
        let day = Date { year: 2024, month: 6, day: 1 };
        let fact = "led_project_investment";
        let below = with_answer(&a, fact, Some(Answer::Number(Decimal::from(90_000_000))));
        let at = with_answer(&a, fact, Some(Answer::Number(Decimal::from(100_000_000))));
        let diffs = answer_differences(policy, &below, &at, Lang::Zh);
        assert_eq!(diffs.len(), 1, "{diffs:?}");
        let label = policy.fact(fact).map(|f| f.label.zh.clone()).unwrap_or_default();
        assert_eq!(diffs[0].0, label);
        assert_ne!(diffs[0].1, diffs[0].2);
        assert!(answer_differences(policy, &a, &a, Lang::En).is_empty());
        // Above the threshold, the questions it makes relevant are those B now needs.
        let ra = evaluate(policy, &below, day);
        let rb = evaluate(policy, &at, day);
        let asked = newly_relevant(policy, &ra, &rb);
        for f in &asked {
            assert!(rb.results.iter().any(|r| r.missing.contains(f)), "{f} is needed by B");
            assert!(
                !below.answers.contains_key(*f) || rb.results.iter().any(|r| r.missing.contains(f))
            );
        }
        assert!(newly_relevant(policy, &ra, &ra).is_empty());
    }

    #[test]
    fn what_if_fields_read_back_and_empty_means_unanswered() {
        assert_eq!(parse_answer(FactKind::Money, "  "), Ok(None));
        assert_eq!(parse_answer(FactKind::Bool, "no"), Ok(Some(Answer::Bool(false))));
        assert_eq!(
            parse_answer(FactKind::Money, "1亿"),
            Ok(Some(Answer::Number(Decimal::from(100_000_000))))
        );
        assert!(parse_answer(FactKind::Count, "abc").is_err());
        for (kind, answer) in [
            (FactKind::Money, Answer::Number(Decimal::from(90_000_000))),
            (FactKind::Percent, Answer::Number(Decimal::new(65, 2))),
            (FactKind::Bool, Answer::Bool(true)),
            (FactKind::Choice, Answer::Choice("team".into())),
        ] {
            assert_eq!(parse_answer(kind, &answer_field(kind, Some(&answer))), Ok(Some(answer)));
        }
    }

    #[test]
    fn the_default_what_if_question_is_an_answered_amount() {
        let policy = policy();
        let a = match crate::ui::fair::presets::PRESETS[0].profile(policy, Lang::En) {
            Ok(p) => p,
            Err(e) => panic!("{e}"),
        };
        let fact = default_fact(policy, &a).and_then(|f| policy.fact(&f).map(|f| f.kind));
        assert!(matches!(fact, Some(FactKind::Money | FactKind::Count)));
        assert_eq!(default_fact(policy, &Profile::new()), None);
    }
}
