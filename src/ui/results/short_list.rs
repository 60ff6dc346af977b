//! The summary that opens the results and the visitor's view, inside a phone's first screen:
//! the two totals side by side (the city's and the region's, never added), and a short list of
//! what the applicant qualifies for, each with its amount. The cards below give the detail.

use crate::engine::lang::Lang;
use crate::engine::period::date_text;
use crate::engine::report::{IncentiveResult, PlanStatus, Report, Status, TotalLine};
use crate::ui::components::figures::figures;
use crate::ui::components::level_tag::level_tag;
use crate::ui::i18n::use_lang;
use crate::ui::library::text_in;
use crate::ui_strings;
use leptos::prelude::*;

use super::format::{amount_text, fill, plain_decimal};
use super::summary::{total_text, TotalsText};

ui_strings!(ShortListText {
    Title => ("一览", "At a glance"),
    Qualify => ("您符合条件的项目", "What you qualify for"),
    NoneYet => (
        "目前还没有符合全部条件的项目。",
        "Nothing has every condition met yet."
    ),
    More => ("另有 {n} 项，见下文。", "{n} more below."),
    Counts => ("{e} 项符合条件 · {n} 项待补充 · {x} 项不符合", "{e} eligible · {n} {n|needs|need} answers · {x} not eligible"),
    // Beside the totals, so that a phone's first screen never shows an amount without the
    // plan's standing; the full notice follows the summary.
    PeriodEnded => (
        "⚠ {status}，方案期限已于{to}结束：金额仅供参考。",
        "⚠ {status}; its period ended on {to}. The amounts are for reference only."
    ),
    PeriodNotStarted => (
        "⚠ {status}，方案期限自{from}开始：金额仅供参考。",
        "⚠ {status}; its period starts on {from}. The amounts are for reference only."
    ),
    DraftInPeriod => (
        "{status}：正式印发的文件可能不同，金额仅供参考。",
        "{status}: the final document may differ. The amounts are for reference only."
    ),
});

/// The plan's standing in one sentence, for beside the totals: ended or not started (from the
/// data's dates and today), or a draft; `None` for a final plan within its period.
pub fn period_line(plan: &PlanStatus<'_>, lang: Lang) -> Option<String> {
    // Outside the period and not after it is before it (`in_period` holds without dates).
    let (key, day) = if plan.ended {
        (ShortListText::PeriodEnded, plan.valid_to)
    } else if !plan.in_period {
        (ShortListText::PeriodNotStarted, plan.valid_from)
    } else if plan.draft {
        (ShortListText::DraftInPeriod, None)
    } else {
        return None;
    };
    let day = day.map(|d| date_text(d, lang)).unwrap_or_default();
    let status = plan.status_label.get(lang);
    // Each sentence names one day: {to} or {from}.
    Some(fill(key.get(lang), &[("status", status), ("to", &day), ("from", &day)]))
}

/// How many eligible items the short list names before "n more below": three fit a 390×844
/// screen under the fair header with the English totals and the plan's standing line (four
/// did not once that line was added, measured by the phone tier).
pub const SHORT_LIST_LEN: usize = 3;

/// The eligible results the short list names, those with a figure first (largest first), then
/// the rest in plan order; and how many more there are.
pub fn short_list<'a, 'p>(
    results: &'a [IncentiveResult<'p>],
) -> (Vec<&'a IncentiveResult<'p>>, usize) {
    let mut eligible: Vec<&IncentiveResult<'p>> =
        results.iter().filter(|r| r.status == Status::Eligible).collect();
    // Stable: equal amounts (and those without one) keep the plan's order.
    eligible.sort_by_key(|r| std::cmp::Reverse(r.amount.max()));
    let more = eligible.len().saturating_sub(SHORT_LIST_LEN);
    eligible.truncate(SHORT_LIST_LEN);
    (eligible, more)
}

/// The summary of a report: totals apart, then the short list and the counts.
#[component]
pub fn ResultsSummary(report: Report<'static>) -> impl IntoView {
    let lang = use_lang();
    let count = |status: Status| report.results.iter().filter(|r| r.status == status).count();
    let counts = [
        ("e", count(Status::Eligible).to_string()),
        ("n", count(Status::NeedsAnswers).to_string()),
        ("x", count(Status::NotEligible).to_string()),
    ];
    let counts = move || {
        let values: Vec<(&str, &str)> = counts.iter().map(|(k, v)| (*k, v.as_str())).collect();
        fill(ShortListText::Counts.get(lang.get()), &values)
    };
    let total = move |line: TotalLine, testid: &'static str, label: TotalsText| {
        view! {
            <div class=format!("glance-total {testid}") data-testid=testid
                data-min=plain_decimal(Some(line.range.min))
                data-max=plain_decimal(Some(line.range.max))>
                <p class="glance-label">{label.text(lang)}</p>
                <p class="glance-figure">{move || figures(total_text(&line, lang.get()))}</p>
            </div>
        }
    };
    let plan = report.plan.clone();
    let period = move || {
        period_line(&plan, lang.get()).map(|line| {
            view! { <p class="glance-period" data-testid="glance-period">{figures(line)}</p> }
        })
    };
    let (items, more) = short_list(&report.results);
    let list = if items.is_empty() {
        view! { <p class="glance-none">{ShortListText::NoneYet.text(lang)}</p> }.into_any()
    } else {
        let items = items
            .into_iter()
            .map(|r| {
                let amount = r.amount;
                let class = if amount.max().is_some() {
                    "glance-amount"
                } else {
                    "glance-amount no-figure"
                };
                let tag = level_tag(r.level, lang);
                view! {
                    <li data-testid=format!("glance-item-{}", r.id) data-level=r.level.id()>
                        <span class="glance-title">{text_in(r.title)}{tag}</span>
                        <span class=class>{move || figures(amount_text(amount, lang.get()))}</span>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="glance-list">{items}</ul> }.into_any()
    };
    view! {
        <section class="results-glance" data-testid="results-summary" aria-labelledby="glance-title">
            <h2 id="glance-title" class="visually-hidden">{ShortListText::Title.text(lang)}</h2>
            <div class="glance-totals">
                {total(report.totals.city, "glance-city", TotalsText::City)}
                {total(report.totals.region, "glance-region", TotalsText::Region)}
            </div>
            {period}
            <h3 class="glance-heading">{ShortListText::Qualify.text(lang)}</h3>
            {list}
            {(more > 0).then(|| view! {
                <p class="glance-more">{move || fill(ShortListText::More.get(lang.get()), &[("n", &more.to_string())])}</p>
            })}
            <p class="glance-counts" data-testid="results-counts">{counts}</p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::policy::Policy;
    use crate::engine::profile::Profile;

    #[test]
    fn the_short_list_names_eligible_items_largest_first_and_counts_the_rest() {
        let policy = Policy::embedded().expect("the embedded plan loads");
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/profiles/enterprise.json"
        ))
        .expect("the example exists");
        let profile = Profile::from_json(&text).expect("the example parses");
        let today = crate::engine::date::Date::new(2026, 12, 4).expect("a date");
        let report = crate::engine::evaluate(policy, &profile, today);
        let eligible = report.results.iter().filter(|r| r.status == Status::Eligible).count();
        assert!(eligible > 0, "the example has eligible incentives, so the test can fail");
        let (items, more) = short_list(&report.results);
        assert_eq!(items.len() + more, eligible);
        assert!(items.len() <= SHORT_LIST_LEN);
        assert!(items.iter().all(|r| r.status == Status::Eligible));
        let maxima: Vec<_> = items.iter().map(|r| r.amount.max()).collect();
        assert!(maxima.windows(2).all(|w| w[0] >= w[1]), "largest first: {maxima:?}");
    }

    /// The embedded plan's status as the report gives it on `today`.
    fn plan_on(today: crate::engine::date::Date) -> PlanStatus<'static> {
        let policy = Policy::embedded().expect("the embedded plan loads");
        crate::engine::evaluate(policy, &Profile::new(), today).plan
    }

    fn day(y: u16, m: u8, d: u8) -> crate::engine::date::Date {
        crate::engine::date::Date::new(y, m, d).expect("a date")
    }

    #[test]
    fn beside_the_totals_an_ended_plan_says_when_it_ended_in_both_languages() {
        let plan = plan_on(day(2026, 12, 5));
        let to = plan.valid_to.expect("the plan has an end");
        assert!(plan.ended, "the day is after the plan's end, so the test can fail");
        let zh = period_line(&plan, Lang::Zh).expect("an ended plan is said");
        let en = period_line(&plan, Lang::En).expect("an ended plan is said");
        assert!(
            zh.contains(&date_text(to, Lang::Zh)) && zh.contains(plan.status_label.zh.as_str()),
            "{zh}"
        );
        assert!(
            en.contains(&date_text(to, Lang::En)) && en.contains(plan.status_label.en.as_str()),
            "{en}"
        );
        assert!(en.contains("ended") && zh.contains("结束"));
        assert!(!zh.contains('{') && !en.contains('{'), "every placeholder filled: {zh} / {en}");
    }

    #[test]
    fn before_its_period_the_line_says_when_it_starts() {
        let from = plan_on(day(2026, 12, 5)).valid_from.expect("the plan has a start");
        let before = day(from.year - 1, 6, 1);
        let plan = plan_on(before);
        assert!(!plan.in_period && !plan.ended);
        let en = period_line(&plan, Lang::En).expect("a plan not started is said");
        assert!(en.contains("starts on") && en.contains(&date_text(from, Lang::En)), "{en}");
    }

    #[test]
    fn within_its_period_only_a_draft_is_said() {
        let from = plan_on(day(2026, 12, 5)).valid_from.expect("the plan has a start");
        let mut plan = plan_on(day(from.year, 6, 1));
        assert!(
            plan.in_period && plan.draft,
            "the embedded plan is a draft, within its period on that day"
        );
        let en = period_line(&plan, Lang::En).expect("a draft is said");
        assert!(
            en.contains(plan.status_label.en.as_str()) && en.contains("final document may differ"),
            "{en}"
        );
        plan.draft = false;
        assert_eq!(
            period_line(&plan, Lang::En),
            None,
            "a final plan within its period needs no line"
        );
    }
}
