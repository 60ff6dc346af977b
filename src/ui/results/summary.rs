//! The totals: the city's rewards under the plan and what it would seek from the region (争取), each a range
//! and never added together, and how many measures each county decides itself.

use crate::engine::lang::Lang;
use crate::engine::report::{Amount, TotalLine, Totals};
use crate::ui::components::figures::figures;
use crate::ui::i18n::use_lang;
use crate::ui_strings;
use leptos::prelude::*;

use super::format::{amount_text, fill, money_range_text, plain_decimal};

ui_strings!(TotalsText {
    Title => ("汇总", "Summary"),
    City => ("市级奖补（按方案）", "City rewards under the plan"),
    CityNote => (
        "来自 {n} 项符合条件且有金额的奖补。",
        "From {n} eligible {n|incentive|incentives} with an amount."
    ),
    WithoutAmount => (
        "另有 {n} 项符合条件、但本方案未规定金额。",
        "{n} more eligible {n|incentive has|incentives have} no amount in this plan."
    ),
    Region => ("拟向自治区争取（不保证获得）", "To be sought from the region (not promised)"),
    RegionNote => (
        "方案写的是“争取自治区…”：市里将向自治区争取，可能获得，但不保证，因此单独列出、不计入市级金额。",
        "The plan says the city will seek this money from the autonomous region: possible, not promised. It is listed apart and not added to the city's figure."
    ),
    County => ("由各县（区）决定", "Decided by each county"),
    CountyNote => (
        "项符合条件的措施，具体内容和金额由所在县（区）自行决定，请向县（区）咨询。",
        "{n|eligible measure|eligible measures} whose content and amount your county decides itself: ask the county."
    ),
    Apart => (
        "以上数字分开列示，不能相加为一个确定的总额。“最高”类金额按 0 至上限计入；只计入已符合全部条件的项目。",
        "These figures are kept apart and must not be added into one sure total. “Up to” amounts count from zero to their cap; only incentives whose every condition is met are counted."
    ),
    Pending => (
        "另有 {n} 项还需要补充信息，回答后可能增加。",
        "{n} more {n|incentive needs|incentives need} answers and may add to this once answered."
    ),
});

/// A total line's range as text: one figure, a range, or "up to" when it starts at zero.
pub fn total_text(line: &TotalLine, lang: Lang) -> String {
    let range = line.range;
    if range.min.is_zero() && !range.max.is_zero() {
        amount_text(Amount::UpTo(range.max), lang)
    } else {
        money_range_text(range, lang)
    }
}

#[component]
pub fn TotalsView(totals: Totals, pending: usize) -> impl IntoView {
    let lang = use_lang();
    let t = move |key: TotalsText| key.get(lang.get());
    let count =
        move |key: TotalsText, n: usize| fill(key.get(lang.get()), &[("n", &n.to_string())]);
    let line = |line: TotalLine, testid: &'static str, label: TotalsText, note: TotalsText| {
        view! {
            <div
                class=format!("total {testid}")
                data-testid=testid
                data-min=plain_decimal(Some(line.range.min))
                data-max=plain_decimal(Some(line.range.max))
            >
                <p class="total-label">{move || t(label)}</p>
                <p class="total-figure">{move || figures(total_text(&line, lang.get()))}</p>
                <p class="total-note">
                    {move || match note {
                        TotalsText::CityNote => count(note, line.counted),
                        _ => t(note).to_owned(),
                    }}
                    {(line.without_amount > 0)
                        .then(|| view! { " " {move || count(TotalsText::WithoutAmount, line.without_amount)} })}
                </p>
            </div>
        }
    };
    view! {
        <section class="totals" aria-labelledby="totals-title">
            <h2 id="totals-title">{TotalsText::Title.text(lang)}</h2>
            <div class="total-grid">
                {line(totals.city, "total-city", TotalsText::City, TotalsText::CityNote)}
                {line(totals.region, "total-region", TotalsText::Region, TotalsText::RegionNote)}
                <div class="total total-county" data-testid="total-county"
                    data-count=totals.county_decides.to_string()>
                    <p class="total-label">{TotalsText::County.text(lang)}</p>
                    <p class="total-figure">{totals.county_decides}</p>
                    <p class="total-note">{move || count(TotalsText::CountyNote, totals.county_decides)}</p>
                </div>
            </div>
            <p class="totals-apart">{TotalsText::Apart.text(lang)}</p>
            {(pending > 0).then(|| view! {
                <p class="totals-pending">{move || count(TotalsText::Pending, pending)}</p>
            })}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::report::MoneyRange;
    use rust_decimal::Decimal;

    #[test]
    fn a_total_from_zero_reads_as_up_to_and_nothing_reads_as_zero() {
        let mut line = TotalLine::default();
        assert_eq!(total_text(&line, Lang::En), "RMB 0");
        line.range = MoneyRange { min: Decimal::ZERO, max: Decimal::from(500_000) };
        assert_eq!(total_text(&line, Lang::En), "up to RMB 500,000");
        line.range.min = Decimal::from(150_000);
        assert_eq!(total_text(&line, Lang::Zh), "15万–50万元");
    }
}
