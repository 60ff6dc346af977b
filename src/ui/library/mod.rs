//! Pieces of the policy library, shared with the results screen: labels for kinds, givers and
//! applicant types, a measure shown in full (text, translation, units, incentives, notes), and
//! the pure search and filter logic.

pub mod describe;
pub mod filter;
pub mod search;
pub mod texts;

use crate::engine::lang::{Lang, Text};
use crate::engine::policy::{Giver, Incentive, Level, Measure, MeasureKind, Policy};
use crate::engine::profile::ApplicantType;
use crate::ui::components::figures::figures;
use crate::ui::components::scroll_table::ScrollTable;
use crate::ui::i18n::use_lang;
use crate::ui::route::Route;
use crate::ui_strings;
use leptos::prelude::*;

ui_strings!(Labels {
    KindCashFormula => ("现金奖补（有计算方法）", "Cash, with a formula"),
    KindCashUnquantified => ("现金支持（本方案未定金额）", "Cash, amount set elsewhere"),
    KindService => ("优先支持与服务", "Priority or service"),
    KindInKind => ("实物支持", "In kind"),
    KindGovernment => ("政府部门职责", "Government duty"),
    KindUnknown => ("未分类", "Not classified"),
    // A measure's giver: most of the city's measures are priorities, services or duties, not
    // rewards. An incentive (money) at city level is worded as one: LevelCity.
    GiverCity => ("市级（按方案）", "City level, under the plan"),
    LevelCity => ("市级奖补（按方案）", "The city's own reward under the plan"),
    GiverRegion => ("市里拟向自治区争取（不保证获得）", "To be sought by the city from the region (not promised)"),
    GiverCounty => ("各县（区）自定", "Each county decides"),
    GiverUnknown => ("未注明", "Not stated"),
    Kind => ("类别", "Kind"),
    Giver => ("给予方", "Given by"),
    Beneficiaries => ("受益对象", "Who benefits"),
    Counties => ("适用县（区）", "Counties"),
    Industries => ("适用产业", "Industries"),
    AllCounties => ("全市四个县（区）", "All four counties and districts"),
    AllIndustries => ("各县（区）特色产业", "Every county's featured industry"),
    NobodyQualifies => ("政府部门（无申请对象）", "Government bodies (nobody applies)"),
    WhatYouGet => ("可获得的支持", "What it offers"),
    Original => ("原文（中文）", "Original text (Chinese)"),
    Translation => ("英文译文", "English translation"),
    Contact => ("联系单位", "Whom to contact"),
    LeadUnits => ("牵头单位", "Lead unit"),
    CooperatingUnits => ("配合单位", "Cooperating units"),
    NoUnitTranslation => ("（暂无英文名称）", "(no English name on file)"),
    Incentives => ("本措施中的奖补项目", "Incentives in this measure"),
    Notes => ("解读说明", "Interpretation notes"),
    NotesLead => (
        "原文有歧义之处，本工具的理解如下，以主管部门认定为准：",
        "Where the text is ambiguous, this is how the tool reads it (the competent unit decides):"
    ),
    Formula => ("计算方法", "How it is computed"),
    Figures => ("方案规定的数值", "Figures of the plan"),
    Figure => ("数值", "Figure"),
    Value => ("取值", "Value"),
    Clause => ("条款", "Clause"),
    Conditions => ("条件", "Conditions"),
    Payer => ("资金承担", "Who pays"),
    SharedCap => ("共用上限", "Shared cap"),
    Unchecked => ("需由主管部门核实", "Checked by an official, not by this tool"),
    WhoCanClaim => ("申请对象", "Who can claim"),
    Level => ("兑现层级", "Level"),
    MeasureLink => ("在政策库中查看第 {n} 条", "See measure {n} in the policy library"),
    TextLoading => ("正在载入条款原文……", "Loading the text of the clause…"),
    TextFailed => (
        "条款原文未能载入。请检查网络连接后重新打开本页。",
        "The text of the clause could not be loaded. Check the connection and open this page again."
    ),
});

pub fn kind_label(kind: MeasureKind) -> Labels {
    match kind {
        MeasureKind::CashFormula => Labels::KindCashFormula,
        MeasureKind::CashUnquantified => Labels::KindCashUnquantified,
        MeasureKind::Service => Labels::KindService,
        MeasureKind::InKind => Labels::KindInKind,
        MeasureKind::Government => Labels::KindGovernment,
        MeasureKind::Unknown => Labels::KindUnknown,
    }
}

pub fn giver_label(giver: Giver) -> Labels {
    match giver {
        Giver::City => Labels::GiverCity,
        Giver::Region => Labels::GiverRegion,
        Giver::County => Labels::GiverCounty,
        Giver::Unknown => Labels::GiverUnknown,
    }
}

/// An incentive's level: worded as a measure's giver, the city's as the reward it is.
pub fn level_label(level: Level) -> Labels {
    match level {
        Level::City => Labels::LevelCity,
        Level::Region => giver_label(Giver::Region),
        Level::County => giver_label(Giver::County),
        Level::Unknown => giver_label(Giver::Unknown),
    }
}

/// Applicant type ids as words, joined.
pub fn applicants_text(ids: &[String], lang: Lang) -> String {
    let sep = if lang == Lang::Zh { "、" } else { "; " };
    ids.iter()
        .map(|id| ApplicantType::from_id(id).map_or(id.as_str(), |a| a.label(lang)))
        .collect::<Vec<_>>()
        .join(sep)
}

/// A heading of a level chosen by the caller, so a component fits under any outline.
#[component]
pub fn Heading(level: u8, children: Children, #[prop(optional, into)] id: String) -> impl IntoView {
    let id = (!id.is_empty()).then_some(id);
    match level {
        0..=2 => view! { <h2 id=id>{children()}</h2> }.into_any(),
        3 => view! { <h3 id=id>{children()}</h3> }.into_any(),
        4 => view! { <h4 id=id>{children()}</h4> }.into_any(),
        5 => view! { <h5 id=id>{children()}</h5> }.into_any(),
        _ => view! { <h6 id=id>{children()}</h6> }.into_any(),
    }
}

/// A piece of policy text in the current language, its fragments in the other language
/// marked with `lang` (`ui::mixed`).
pub fn text_in(text: &'static Text) -> impl Fn() -> AnyView + Copy + Send + Sync + 'static {
    crate::ui::mixed::mixed_text(text)
}

/// Government units: the Chinese name as the plan writes it, and its English name.
#[component]
pub fn UnitList(policy: &'static Policy, units: &'static [String]) -> impl IntoView {
    let lang = use_lang();
    view! {
        <ul class="unit-list">
            {units
                .iter()
                .map(|zh| {
                    let en = policy.unit_name(zh).map(|u| u.en.as_str());
                    view! {
                        <li>
                            <span lang="zh-CN" class="unit-zh">{zh.as_str()}</span>
                            " "
                            {match en {
                                Some(en) => view! { <span lang="en" class="unit-en">{en}</span> }.into_any(),
                                None => view! {
                                    <span class="unit-en">
                                        {Labels::NoUnitTranslation.text(lang)}
                                    </span>
                                }.into_any(),
                            }}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// Lead and cooperating units of a measure.
#[component]
pub fn Contacts(policy: &'static Policy, measure: &'static Measure) -> impl IntoView {
    let lang = use_lang();
    view! {
        <dl class="contacts">
            <dt>{Labels::LeadUnits.text(lang)}</dt>
            <dd><UnitList policy=policy units=&measure.lead_units/></dd>
            {(!measure.cooperating_units.is_empty()).then(|| view! {
                <dt>{Labels::CooperatingUnits.text(lang)}</dt>
                <dd><UnitList policy=policy units=&measure.cooperating_units/></dd>
            })}
        </dl>
    }
}

/// The plan's text of a measure: Chinese original and English translation. In the web app the
/// texts arrive after the screen (see [`texts`]); until then a status line stands in.
#[component]
pub fn ClauseText(measure: &'static Measure, level: u8) -> impl IntoView {
    let lang = use_lang();
    let t = move |key: Labels| key.get(lang.get());
    let texts = texts::use_measure_texts();
    let number = measure.number.as_str();
    let body = move || match texts.prose(number) {
        Some(prose) => view! {
            <Heading level=level>{Labels::Original.text(lang)}</Heading>
            <p lang="zh-CN" class="original">{crate::ui::mixed::mixed(&prose.text.zh, Lang::Zh)}</p>
            <Heading level=level>{Labels::Translation.text(lang)}</Heading>
            <p lang="en" class="translation">{crate::ui::mixed::mixed(&prose.text.en, Lang::En)}</p>
        }
        .into_any(),
        None => {
            let key = if texts.settled() { Labels::TextFailed } else { Labels::TextLoading };
            view! { <p class="clause-loading" role="status">{move || t(key)}</p> }.into_any()
        }
    };
    view! { <div class="clause-text">{body}</div> }
}

/// A bulleted list of bilingual notes in the current language.
#[component]
pub fn NoteList(notes: &'static [Text]) -> impl IntoView {
    view! {
        <ul class="note-list">
            {notes
                .iter()
                .map(|note| view! { <li>{crate::ui::mixed::mixed_text(note)}</li> })
                .collect_view()}
        </ul>
    }
}

/// One incentive as the plan defines it: who, conditions, formula, figures with clauses.
#[component]
pub fn IncentiveSpec(
    policy: &'static Policy,
    incentive: &'static Incentive,
    level: u8,
) -> impl IntoView {
    let lang = use_lang();
    let params = move || {
        let lang = lang.get();
        let lines = describe::param_lines(policy, incentive, lang);
        (!lines.is_empty()).then(|| {
            // In its own scroll region: a figure's name and its value stay whole (numbers never
            // split), which can outgrow a phone's column.
            view! {
                <ScrollTable name=incentive.title.get(lang).to_owned()>
                <table class="params">
                    <caption>{Labels::Figures.get(lang)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{Labels::Figure.get(lang)}</th>
                            <th scope="col">{Labels::Value.get(lang)}</th>
                            <th scope="col">{Labels::Clause.get(lang)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {lines
                            .into_iter()
                            .map(|line| {
                                let values = line
                                    .values
                                    .into_iter()
                                    .map(|(industry, value)| match industry {
                                        Some(name) => view! {
                                            <li>{name.get(lang)}": "<strong>{figures(value)}</strong></li>
                                        }.into_any(),
                                        None => view! { <li><strong>{figures(value)}</strong></li> }.into_any(),
                                    })
                                    .collect_view();
                                view! {
                                    <tr data-param=line.name>
                                        <th scope="row">{figures(line.role)}</th>
                                        <td><ul class="values">{values}</ul></td>
                                        <td class="clause-ref" lang="zh-CN">{line.clause}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
                </ScrollTable>
            }
        })
    };
    view! {
        <section class="incentive-spec" data-incentive=incentive.id.as_str()>
            <Heading level=level>{text_in(&incentive.title)}</Heading>
            <p>{text_in(&incentive.summary)}</p>
            <dl class="spec-facts">
                <dt>{Labels::Level.text(lang)}</dt>
                <dd>{move || level_label(incentive.level).get(lang.get())}</dd>
                <dt>{Labels::WhoCanClaim.text(lang)}</dt>
                <dd>{move || applicants_text(&incentive.applicants, lang.get())}</dd>
                <dt>{Labels::Formula.text(lang)}</dt>
                <dd>{move || figures(describe::formula_text(policy, incentive, lang.get()))}</dd>
            </dl>
            {params}
            {(!incentive.conditions.is_empty()).then(|| view! {
                <Heading level=level + 1>{Labels::Conditions.text(lang)}</Heading>
                <ul class="condition-spec">
                    {incentive
                        .conditions
                        .iter()
                        .map(|c| view! {
                            <li>
                                {text_in(&c.label)}
                                " "
                                <span class="clause-ref" lang="zh-CN">{c.clause.as_str()}</span>
                            </li>
                        })
                        .collect_view()}
                </ul>
            })}
            {incentive.payer.as_ref().map(|payer| view! {
                <p class="payer"><strong>{Labels::Payer.text(lang)}": "</strong>{text_in(payer)}</p>
            })}
            {incentive.shared_cap.as_ref().map(|cap| view! {
                <p class="shared-cap"><strong>{Labels::SharedCap.text(lang)}": "</strong>{text_in(cap)}</p>
            })}
            {(!incentive.unchecked.is_empty()).then(|| view! {
                <Heading level=level + 1>{Labels::Unchecked.text(lang)}</Heading>
                <NoteList notes=&incentive.unchecked/>
            })}
            {(!incentive.notes.is_empty()).then(|| view! {
                <Heading level=level + 1>{Labels::Notes.text(lang)}</Heading>
                <NoteList notes=&incentive.notes/>
            })}
        </section>
    }
}

/// A measure in full: what it is, who gives it, its text, units, incentives and notes.
/// `level` is the heading level of its sections.
#[component]
pub fn MeasureDetail(
    policy: &'static Policy,
    measure: &'static Measure,
    level: u8,
) -> impl IntoView {
    let lang = use_lang();
    let place_list = move |ids: &'static [String], all: Labels, county: bool| {
        move || {
            let lang = lang.get();
            if ids.is_empty() {
                return all.get(lang).to_owned();
            }
            let sep = if lang == Lang::Zh { "、" } else { "; " };
            ids.iter()
                .map(|id| {
                    let name = if county {
                        policy.county(id).map(|c| &c.name)
                    } else {
                        policy.industry(id).map(|i| &i.name)
                    };
                    name.map_or(id.as_str(), |n| n.get(lang))
                })
                .collect::<Vec<_>>()
                .join(sep)
        }
    };
    let beneficiaries = move || {
        if measure.kind == MeasureKind::Government && measure.beneficiaries.is_empty() {
            Labels::NobodyQualifies.get(lang.get()).to_owned()
        } else {
            applicants_text(&measure.beneficiaries, lang.get())
        }
    };
    let incentives: Vec<&'static Incentive> = policy.incentives_of(&measure.number).collect();
    let texts = texts::use_measure_texts();
    view! {
        <div class="measure-detail">
            <dl class="measure-facts">
                <dt>{Labels::Kind.text(lang)}</dt>
                <dd data-kind=measure.kind.id()>{move || kind_label(measure.kind).get(lang.get())}</dd>
                <dt>{Labels::Giver.text(lang)}</dt>
                <dd data-level=filter::giver_id(measure.giver)>{move || giver_label(measure.giver).get(lang.get())}</dd>
                <dt>{Labels::Beneficiaries.text(lang)}</dt>
                <dd>{beneficiaries}</dd>
                <dt>{Labels::Counties.text(lang)}</dt>
                <dd>{place_list(&measure.counties, Labels::AllCounties, true)}</dd>
                <dt>{Labels::Industries.text(lang)}</dt>
                <dd>{place_list(&measure.industries, Labels::AllIndustries, false)}</dd>
            </dl>
            <Heading level=level>{Labels::WhatYouGet.text(lang)}</Heading>
            <p class="benefit">{text_in(&measure.benefit)}</p>
            <ClauseText measure=measure level=level/>
            <Heading level=level>{Labels::Contact.text(lang)}</Heading>
            <Contacts policy=policy measure=measure/>
            {(!incentives.is_empty()).then(|| view! {
                <Heading level=level>{Labels::Incentives.text(lang)}</Heading>
                {incentives
                    .into_iter()
                    .map(|incentive| view! {
                        <IncentiveSpec policy=policy incentive=incentive level=level + 1/>
                    })
                    .collect_view()}
            })}
            {move || {
                texts.prose(&measure.number).filter(|p| !p.notes.is_empty()).map(|prose| view! {
                    <Heading level=level>{Labels::Notes.text(lang)}</Heading>
                    <p class="notes-lead">{Labels::NotesLead.text(lang)}</p>
                    <NoteList notes=&prose.notes/>
                })
            }}
        </div>
    }
}

/// The library link of a measure.
pub fn measure_href(number: &str) -> String {
    Route::Library(Some(number.to_owned())).to_hash()
}
