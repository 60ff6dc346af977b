//! Targets: section 二 of the plan, the city-wide 2025 goals and each county's year-by-year
//! targets, as bar charts (inline SVG, drawn by `ui::charts`) and as tables with the same
//! numbers. Qualifiers (以上 at least, 达到 reach, 力争 strive, 累计 cumulative) and the data's
//! notes are shown next to every figure.

use std::collections::BTreeSet;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use crate::engine::lang::Lang;
use crate::engine::money::{format_compact, format_grouped};
use crate::engine::policy::{CountyTarget, Policy};
use crate::ui::charts::{BarChart, BarDatum};
use crate::ui::components::figures::figures;
use crate::ui::components::scroll_table::ScrollTable;
use crate::ui::i18n::use_lang;
use crate::ui::mixed::mixed;
use crate::ui::state::use_app;
use crate::ui_strings;
use leptos::prelude::*;

ui_strings!(TargetsText {
    Title => ("发展目标", "Targets"),
    CityTitle => ("全市目标", "City-wide goals"),
    CountiesTitle => ("各县（区）逐年目标", "Targets by county and year"),
    Featured => ("特色产业：", "Featured industry: "),
    TableCaption => ("{county}：逐年目标", "{county}: targets by year"),
    Metric => ("指标", "Metric"),
    Unit => ("单位", "Unit"),
    NotSet => ("未设定", "not set"),
    NotSetLong => ("方案未给出该年数字", "the plan gives no figure for this year"),
    Notes => ("说明", "Notes"),
    Legend => ("限定词的含义", "What the qualifiers mean"),
    AtLeast => ("以上", "at least"),
    AtLeastMeaning => ("不少于该数字。", "this figure or more."),
    Reach => ("达到", "reach"),
    ReachMeaning => ("达到该数字。", "the figure to be reached."),
    Strive => ("力争", "strive for"),
    StriveMeaning => ("努力争取达到的目标，不是硬性指标。", "a stretch goal the plan strives for, not a firm target."),
    Cumulative => ("累计", "cumulative"),
    CumulativeMeaning => ("多年累计的总数，而非单一年份的数字。", "a running total over the years, not one year's figure."),
    UnitYiYuan => ("亿元", "RMB 100 million"),
    UnitWanYuan => ("万元", "RMB 10,000"),
    UnitCount => ("个（家）", "number"),
    UnitProjects => ("个", "projects"),
    UnitEnterprises => ("家", "enterprises"),
    UnitPersons => ("人", "people"),
    Year => ("{year}年", "{year}"),
    ChartTitle => ("{county}：{metric}（单位：{unit}）", "{county}: {metric} (unit: {unit})"),
    ByYear => ("逐年目标图", "Targets by year, as charts"),
    CumulativeAtLeast => ("累计·以上", "cumulative, at least"),
    CumulativeAtLeastMeaning => ("多年累计的总数，不少于该数字。", "a running total over the years, of this figure or more."),
    LeadYears => (
        "方案第二部分“工作目标”：到{last}年的全市目标，以及各县（区）{first}—{last}年的逐年目标。图表与表格中的数字相同。",
        "Section 2 of the plan, the work goals: the city-wide goals for {last} and each county's targets for each year from {first} to {last}. The charts and the tables show the same numbers."
    ),
    CityTitleYear => ("全市目标（到{year}年）", "City-wide goals for {year}"),
    ActivityYear => (
        "您选择的活动年度是{year}年：表格中该年的目标已突出显示。",
        "Your activity year is {year}: that year's targets are highlighted in the tables."
    ),
});

/// The words of a qualifier id of the data.
pub fn qualifier_label(qualifier: &str) -> Option<TargetsText> {
    match qualifier {
        "at_least" => Some(TargetsText::AtLeast),
        "reach" => Some(TargetsText::Reach),
        "strive" => Some(TargetsText::Strive),
        "cumulative" => Some(TargetsText::Cumulative),
        "cumulative_at_least" => Some(TargetsText::CumulativeAtLeast),
        _ => None,
    }
}

/// The words of a unit id of the data.
pub fn unit_label(unit: &str) -> Option<TargetsText> {
    match unit {
        "yi_yuan" => Some(TargetsText::UnitYiYuan),
        "wan_yuan" => Some(TargetsText::UnitWanYuan),
        "count" => Some(TargetsText::UnitCount),
        "projects" => Some(TargetsText::UnitProjects),
        "enterprises" => Some(TargetsText::UnitEnterprises),
        "persons" => Some(TargetsText::UnitPersons),
        _ => None,
    }
}

/// A money target in yuan, for the English reader's "= RMB 1.5 billion"; `None` for counts.
pub fn in_yuan(value: Decimal, unit: &str) -> Option<Decimal> {
    let factor = match unit {
        "yi_yuan" => Decimal::from(100_000_000u64),
        "wan_yuan" => Decimal::from(10_000u64),
        _ => return None,
    };
    value.checked_mul(factor)
}

/// The years any row of these targets mentions, in order.
pub fn years_of<'a>(rows: impl IntoIterator<Item = &'a CountyTarget>) -> Vec<u16> {
    rows.into_iter()
        .flat_map(|r| r.values.iter().map(|v| v.year))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect()
}

fn unit_text(unit: &str, lang: Lang) -> String {
    unit_label(unit).map_or_else(|| unit.to_owned(), |k| k.get(lang).to_owned())
}

fn qualifier_text(qualifier: &str, lang: Lang) -> String {
    qualifier_label(qualifier).map_or_else(|| qualifier.to_owned(), |k| k.get(lang).to_owned())
}

fn year_text(year: u16, lang: Lang) -> String {
    TargetsText::Year.get(lang).replace("{year}", &year.to_string())
}

#[component]
pub fn Targets() -> impl IntoView {
    let lang = use_lang();
    let t = move |key: TargetsText| key.get(lang.get());
    let Some(app) = use_app() else {
        return view! { <h1>{move || t(TargetsText::Title)}</h1> }.into_any();
    };
    let policy = app.policy;
    let years = policy.meta.years();
    let (first, last) = (
        years.first().map(u16::to_string).unwrap_or_default(),
        years.last().map(u16::to_string).unwrap_or_default(),
    );
    let lead =
        move || t(TargetsText::LeadYears).replace("{first}", &first).replace("{last}", &last);
    let activity_year = app.activity_year;
    view! {
        <div class="targets-screen" data-testid="targets-screen">
            <h1>{move || t(TargetsText::Title)}</h1>
            <p class="lead">{move || figures(lead())}</p>
            {move || activity_year.get().map(|year| view! {
                <p class="activity-year-note" data-testid="targets-activity-year" data-year=year.to_string()>
                    {t(TargetsText::ActivityYear).replace("{year}", &year.to_string())}
                </p>
            })}
            {move || city_goals(policy, lang.get())}
            <section aria-labelledby="counties-title">
                <h2 id="counties-title">{move || t(TargetsText::CountiesTitle)}</h2>
                {move || legend(lang.get())}
                {move || {
                    let lang = lang.get();
                    let year = activity_year.get();
                    policy
                        .counties
                        .iter()
                        .map(|county| county_section(policy, &county.id, lang, year))
                        .collect_view()
                }}
            </section>
        </div>
    }
    .into_any()
}

fn legend(lang: Lang) -> impl IntoView {
    let t = |key: TargetsText| key.get(lang);
    let items = [
        (TargetsText::AtLeast, TargetsText::AtLeastMeaning, "at_least"),
        (TargetsText::Reach, TargetsText::ReachMeaning, "reach"),
        (TargetsText::Strive, TargetsText::StriveMeaning, "strive"),
        (TargetsText::Cumulative, TargetsText::CumulativeMeaning, "cumulative"),
        (
            TargetsText::CumulativeAtLeast,
            TargetsText::CumulativeAtLeastMeaning,
            "cumulative_at_least",
        ),
    ];
    view! {
        <div class="qualifier-legend">
            <p class="legend-title">{t(TargetsText::Legend)}</p>
            <dl>
                {items
                    .into_iter()
                    .map(|(word, meaning, id)| view! {
                        <div>
                            <dt><span class=format!("qualifier q-{id}")>{t(word)}</span></dt>
                            <dd>{t(meaning)}</dd>
                        </div>
                    })
                    .collect_view()}
            </dl>
        </div>
    }
}

fn city_goals(policy: &'static Policy, lang: Lang) -> impl IntoView {
    let t = |key: TargetsText| key.get(lang);
    let goal_year = policy.goals.city.iter().find_map(|g| g.year);
    let title = match goal_year {
        Some(year) => t(TargetsText::CityTitleYear).replace("{year}", &year.to_string()),
        None => t(TargetsText::CityTitle).to_owned(),
    };
    view! {
        <section aria-labelledby="city-goals-title" data-testid="city-goals">
            <h2 id="city-goals-title">{title}</h2>
            <ul class="goal-grid">
                {policy
                    .goals
                    .city
                    .iter()
                    .map(|goal| {
                        let value = goal.value.map(format_grouped).unwrap_or_default();
                        let converted = (lang == Lang::En)
                            .then(|| goal.value.and_then(|v| in_yuan(v, &goal.unit)))
                            .flatten()
                            .map(|y| format!("= {}", format_compact(y, lang)));
                        view! {
                            <li
                                class="goal"
                                data-testid=format!("goal-{}", goal.id)
                                data-value=goal.value.map(|v| v.normalize().to_string()).unwrap_or_default()
                                data-qualifier=goal.qualifier.clone()
                            >
                                <p class="goal-label">{figures(goal.label.get(lang).to_owned())}</p>
                                <p class="goal-figure">
                                    <span class=format!("qualifier q-{}", goal.qualifier)>
                                        {qualifier_text(&goal.qualifier, lang)}
                                    </span>
                                    " "
                                    <strong class="goal-value">{value}</strong>
                                    " "
                                    <span class="goal-unit">{figures(unit_text(&goal.unit, lang))}</span>
                                </p>
                                {converted.map(|c| view! { <p class="converted">{figures(c)}</p> })}
                                {goal.year.map(|y| view! { <p class="goal-year">{year_text(y, lang)}</p> })}
                                {goal.note.as_ref().map(|n| view! { <p class="goal-note">{mixed(n.get(lang), lang)}</p> })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

fn county_section(
    policy: &'static Policy,
    county_id: &'static str,
    lang: Lang,
    activity_year: Option<u16>,
) -> impl IntoView {
    let highlight = move |year: u16| if activity_year == Some(year) { "activity-year" } else { "" };
    let t = |key: TargetsText| key.get(lang);
    let county = policy.county(county_id);
    let name = county.map_or(county_id, |c| c.name.get(lang));
    let industry = county
        .and_then(|c| c.featured_industries().next())
        .and_then(|i| policy.industry(i))
        .map(|i| i.name.get(lang));
    let rows: Vec<&'static CountyTarget> =
        policy.goals.counties.iter().filter(|r| r.county == county_id).collect();
    let years = years_of(rows.iter().copied());
    let heading_id = format!("targets-{county_id}-title");
    let labelled_by = heading_id.clone();

    let charts = rows
        .iter()
        .map(|row| {
            let unit = unit_text(&row.unit, lang);
            let bars: Vec<BarDatum> = years
                .iter()
                .map(|year| {
                    let entry = row.values.iter().find(|v| v.year == *year);
                    let value = entry.and_then(|v| v.value);
                    BarDatum {
                        label: year_text(*year, lang),
                        sublabel: match (entry, value) {
                            (Some(v), Some(_)) => qualifier_text(&v.qualifier, lang),
                            _ => t(TargetsText::NotSet).to_owned(),
                        },
                        value: value.and_then(|v| v.to_f64()),
                        value_text: value.map(format_grouped).unwrap_or_default(),
                    }
                })
                .collect();
            let description = bars
                .iter()
                .map(|b| match b.value {
                    Some(_) => format!("{}: {} {} ({})", b.label, b.value_text, unit, b.sublabel),
                    None => format!("{}: {}", b.label, t(TargetsText::NotSetLong)),
                })
                .collect::<Vec<_>>()
                .join(if lang == Lang::Zh { "；" } else { "; " });
            let title = t(TargetsText::ChartTitle)
                .replace("{county}", name)
                .replace("{metric}", row.label.get(lang))
                .replace("{unit}", &unit);
            view! {
                <figure class="chart-card">
                    <BarChart
                        id=format!("chart-{county_id}-{}", row.metric)
                        title=title
                        description=description
                        bars=bars
                        testid=format!("chart-{county_id}-{}", row.metric)
                    />
                    <figcaption>
                        {row.label.get(lang).to_owned()}
                        <span class="chart-unit">{figures(format!(" ({unit})"))}</span>
                    </figcaption>
                </figure>
            }
        })
        .collect_view();

    let head_years = years
        .iter()
        .map(|y| view! { <th scope="col" class=highlight(*y)>{year_text(*y, lang)}</th> })
        .collect_view();
    let body = rows
        .iter()
        .map(|row| {
            let cells = years
                .iter()
                .map(|year| match row.values.iter().find(|v| v.year == *year) {
                    Some(entry) if entry.value.is_some() => {
                        let value = entry.value.unwrap_or_default();
                        let converted = (lang == Lang::En)
                            .then(|| in_yuan(value, &row.unit))
                            .flatten()
                            .map(|y| format!("= {}", format_compact(y, lang)));
                        view! {
                            <td
                                class=highlight(*year)
                                data-year=year.to_string()
                                data-value=value.normalize().to_string()
                                data-qualifier=entry.qualifier.clone()
                            >
                                <span class="value">{format_grouped(value)}</span>
                                " "
                                <span class=format!("qualifier q-{}", entry.qualifier)>
                                    {qualifier_text(&entry.qualifier, lang)}
                                </span>
                                {entry.note.is_some().then(|| view! { <sup class="note-mark" aria-hidden="true">"*"</sup> })}
                                {converted.map(|c| view! { <span class="converted">{figures(c)}</span> })}
                            </td>
                        }
                        .into_any()
                    }
                    _ => view! {
                        <td class=highlight(*year) data-year=year.to_string() data-value="">
                            <span aria-hidden="true">"—"</span>
                            <span class="visually-hidden">{t(TargetsText::NotSetLong)}</span>
                        </td>
                    }
                    .into_any(),
                })
                .collect_view();
            view! {
                <tr data-metric=row.metric.clone() data-unit=row.unit.clone()>
                    <th scope="row">{figures(row.label.get(lang).to_owned())}</th>
                    <td class="unit">{figures(unit_text(&row.unit, lang))}</td>
                    {cells}
                </tr>
            }
        })
        .collect_view();

    let notes: Vec<String> = rows
        .iter()
        .flat_map(|row| {
            row.values.iter().filter_map(move |v| {
                v.note.as_ref().map(|n| {
                    format!(
                        "{} · {}: {}",
                        year_text(v.year, lang),
                        row.label.get(lang),
                        n.get(lang)
                    )
                })
            })
        })
        .collect();
    let notes = (!notes.is_empty()).then(|| {
        view! {
            <details class="target-notes">
                <summary>{t(TargetsText::Notes)}{format!(" ({})", notes.len())}</summary>
                <ul>{notes.into_iter().map(|n| view! { <li>{mixed(&n, lang)}</li> }).collect_view()}</ul>
            </details>
        }
    });

    let table = view! {
        <table class="targets-table" data-testid=format!("targets-table-{county_id}")>
            <caption>{t(TargetsText::TableCaption).replace("{county}", name)}</caption>
            <thead>
                <tr>
                    <th scope="col">{t(TargetsText::Metric)}</th>
                    <th scope="col">{t(TargetsText::Unit)}</th>
                    {head_years}
                </tr>
            </thead>
            <tbody>{body}</tbody>
        </table>
    };
    view! {
        <section class="county-targets" data-testid=format!("targets-{county_id}")
            aria-labelledby=labelled_by>
            <h3 id=heading_id>{name.to_owned()}</h3>
            {industry.map(|i| view! { <p class="featured">{t(TargetsText::Featured)}{i.to_owned()}</p> })}
            <div class="chart-grid" role="group" aria-label=format!("{name}: {}", t(TargetsText::ByYear))>
                {charts}
            </div>
            <ScrollTable name=name.to_owned()>{table}</ScrollTable>
            {notes}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_qualifier_and_unit_of_the_data_has_words() {
        let policy = Policy::embedded().expect("the embedded plan loads");
        for goal in &policy.goals.city {
            assert!(qualifier_label(&goal.qualifier).is_some(), "{}", goal.qualifier);
            assert!(unit_label(&goal.unit).is_some(), "{}", goal.unit);
        }
        for row in &policy.goals.counties {
            assert!(unit_label(&row.unit).is_some(), "{}", row.unit);
            for v in &row.values {
                assert!(qualifier_label(&v.qualifier).is_some(), "{}", v.qualifier);
            }
        }
    }

    #[test]
    fn every_unit_validation_accepts_has_words() {
        for unit in crate::engine::policy::TARGET_UNITS {
            assert!(unit_label(unit).is_some(), "{unit}");
        }
    }

    #[test]
    fn money_targets_convert_to_yuan_and_counts_do_not() {
        assert_eq!(in_yuan(Decimal::from(15), "yi_yuan"), Some(Decimal::from(1_500_000_000u64)));
        assert_eq!(in_yuan(Decimal::from(8000), "wan_yuan"), Some(Decimal::from(80_000_000u64)));
        assert_eq!(in_yuan(Decimal::from(5), "count"), None);
        assert_eq!(format_compact(Decimal::from(1_500_000_000u64), Lang::En), "RMB 1.5 billion");
    }

    #[test]
    fn years_are_the_union_in_order() {
        let row = |years: &[u16]| CountyTarget {
            values: years
                .iter()
                .map(|y| crate::engine::policy::YearTarget { year: *y, ..Default::default() })
                .collect(),
            ..Default::default()
        };
        let rows = [row(&[2025]), row(&[2023, 2024, 2025])];
        assert_eq!(years_of(rows.iter()), vec![2023, 2024, 2025]);
        assert!(years_of(std::iter::empty()).is_empty());
    }
}
