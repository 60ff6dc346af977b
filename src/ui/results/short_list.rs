//! The summary that opens the results and the visitor's view, inside a phone's first screen:
//! the two totals side by side (the city's and the region's, never added), and a short list of
//! what the applicant qualifies for, each with its amount. The cards below give the detail.

use crate::engine::report::{IncentiveResult, Report, Status, TotalLine};
use crate::ui::components::figures::figures;
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
    Counts => ("{e} 项符合条件 · {n} 项待补充 · {x} 项不符合", "{e} eligible · {n} need answers · {x} not eligible"),
});

/// How many eligible items the short list names before "n more below": four fit a 390×844
/// screen under the fair header with the English totals (five did not, measured by the phone tier).
pub const SHORT_LIST_LEN: usize = 4;

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
                view! {
                    <li data-testid=format!("glance-item-{}", r.id)>
                        <span class="glance-title">{text_in(r.title)}</span>
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
}
