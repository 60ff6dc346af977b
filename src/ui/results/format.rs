//! Pure display helpers for amounts, ranges and plan figures: no reactivity, tested natively.
//! They only *show* what the engine computed; nothing here adds, caps or rounds a figure
//! beyond the display rounding of [`format_amount`] (`39万元`, `RMB 390,000`); the exact yuan
//! ([`format_yuan`]) are in the trace and the receipt's detail ([`exact_amount_text`]).

use rust_decimal::Decimal;

use crate::engine::lang::Lang;
use crate::engine::money::{
    format_amount, format_amount_range, format_grouped, format_rate, format_yuan,
};
use crate::engine::policy::ParamUnit;
use crate::engine::report::{Amount, MoneyRange, Status};
use crate::ui_strings;

ui_strings!(AmountText {
    UpTo => ("最高 {value}", "up to {value}"),
    NoAmount => ("本方案未规定金额", "No amount in this plan"),
    NotComputed => ("尚未计算", "Not computed yet"),
    NoneShown => ("无", "None"),
    OnceAnswered => ("补充回答后计算", "Computed once answered"),
    Error => ("无法计算", "Could not be computed"),
});

/// A decimal as a plain, normalized string for `data-*` attributes (`500000`, `0.5`), or
/// empty when there is no figure. Tests compare these with the native command's JSON.
pub fn plain_decimal(value: Option<Decimal>) -> String {
    value.map(|d| d.normalize().to_string()).unwrap_or_default()
}

/// A sum of money: one figure when `min == max`, else `7.2万–12万元` / `RMB 72,000–120,000`.
pub fn range_text(min: Decimal, max: Decimal, lang: Lang) -> String {
    format_amount_range(min, max, lang)
}

/// A total line's range, as [`range_text`].
pub fn money_range_text(range: MoneyRange, lang: Lang) -> String {
    range_text(range.min, range.max, lang)
}

/// The amount of one incentive as a person reads it.
pub fn amount_text(amount: Amount, lang: Lang) -> String {
    match amount {
        Amount::Exact(v) => format_amount(v, lang),
        Amount::Range { min, max } => range_text(min, max, lang),
        Amount::UpTo(v) => fill(AmountText::UpTo.get(lang), &[("value", &format_amount(v, lang))]),
        Amount::NoAmountInPlan => AmountText::NoAmount.get(lang).to_owned(),
        Amount::NotComputed => AmountText::NotComputed.get(lang).to_owned(),
    }
}

/// [`amount_text`] to the fen (`390,000 元`, `最高 120,000 元`), for the receipt's detail. The
/// English [`amount_text`] already shows every yuan.
pub fn exact_amount_text(amount: Amount, lang: Lang) -> String {
    let exact = |v: Decimal| format_yuan(v, lang);
    match (lang, amount) {
        (Lang::En, _) => amount_text(amount, lang),
        (_, Amount::Exact(v)) => exact(v),
        (_, Amount::Range { min, max }) if min == max => exact(min),
        (_, Amount::Range { min, max }) => format!("{}–{}", exact(min), exact(max)),
        (_, Amount::UpTo(v)) => fill(AmountText::UpTo.get(lang), &[("value", &exact(v))]),
        (_, Amount::NoAmountInPlan | Amount::NotComputed) => amount_text(amount, lang),
    }
}

/// What the amount column says for a result: its amount, or words where there is none to show
/// (not eligible: none; needs answers: computed once answered).
pub fn amount_for_status(status: Status, amount: Amount, lang: Lang, exact: bool) -> String {
    match (status, amount) {
        (Status::NotEligible | Status::NotApplicable, _) => {
            AmountText::NoneShown.get(lang).to_owned()
        }
        (Status::NeedsAnswers, Amount::NotComputed) => {
            AmountText::OnceAnswered.get(lang).to_owned()
        }
        (Status::Error, _) => AmountText::Error.get(lang).to_owned(),
        _ if exact => exact_amount_text(amount, lang),
        _ => amount_text(amount, lang),
    }
}

/// A figure of the plan in its unit: `50%`, `2‰`, `50万元` / `RMB 500,000`, `10`.
pub fn param_value_text(value: Decimal, unit: ParamUnit, lang: Lang) -> String {
    match unit {
        ParamUnit::Yuan => format_amount(value, lang),
        ParamUnit::Rate => format_rate(value),
        ParamUnit::Count | ParamUnit::Unknown => format_grouped(value),
    }
}

/// Fills `{name}` placeholders of a UI string template, and `{name|one|other}`: the word for a
/// count, `one` when the value is 1, `other` otherwise ("1 difference", "2 differences").
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
        let open = format!("{{{name}|");
        while let Some(start) = out.find(&open) {
            let Some(len) = out[start..].find('}') else { break };
            let forms = &out[start + open.len()..start + len];
            let (one, other) = forms.split_once('|').unwrap_or((forms, forms));
            let word = if *value == "1" { one } else { other }.to_owned();
            out.replace_range(start..=start + len, &word);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn data_attributes_are_normalized_plain_decimals_or_empty() {
        assert_eq!(plain_decimal(Some(d("500000.00"))), "500000");
        assert_eq!(plain_decimal(Some(d("1200.50"))), "1200.5");
        assert_eq!(plain_decimal(Some(d("0"))), "0");
        assert_eq!(plain_decimal(None), "");
    }

    #[test]
    fn a_range_with_equal_ends_is_one_figure() {
        assert_eq!(range_text(d("5"), d("5"), Lang::En), "RMB 5");
        assert_eq!(range_text(d("72000"), d("120000"), Lang::Zh), "7.2万–12万元");
    }

    #[test]
    fn up_to_and_missing_amounts_are_said_in_words_never_as_a_number() {
        assert_eq!(amount_text(Amount::UpTo(d("500000")), Lang::En), "up to RMB 500,000");
        assert_eq!(amount_text(Amount::UpTo(d("500000")), Lang::Zh), "最高 50万元");
        let none = amount_text(Amount::NoAmountInPlan, Lang::En);
        assert!(!none.chars().any(|c| c.is_ascii_digit()), "{none}");
        assert_eq!(amount_text(Amount::Exact(d("150000")), Lang::Zh), "15万元");
    }

    #[test]
    fn the_receipts_detail_keeps_the_exact_yuan_where_the_short_form_rounds() {
        let exact = |a: Amount| exact_amount_text(a, Lang::Zh);
        assert_eq!(amount_text(Amount::Exact(d("123456789")), Lang::Zh), "1.2346亿元");
        assert_eq!(exact(Amount::Exact(d("123456789"))), "123,456,789 元");
        assert_eq!(
            exact(Amount::Range { min: d("72000"), max: d("120000") }),
            "72,000 元–120,000 元"
        );
        assert_eq!(exact(Amount::UpTo(d("120000"))), "最高 120,000 元");
        assert_eq!(exact(Amount::NoAmountInPlan), amount_text(Amount::NoAmountInPlan, Lang::Zh));
        // English shows every yuan already.
        assert_eq!(exact_amount_text(Amount::Exact(d("123456789")), Lang::En), "RMB 123,456,789");
    }

    #[test]
    fn a_not_eligible_item_never_reads_as_not_computed_yet() {
        let none = amount_for_status(Status::NotEligible, Amount::NotComputed, Lang::Zh, false);
        assert_ne!(none, amount_text(Amount::NotComputed, Lang::Zh));
        assert_eq!(none, "无");
        let later = amount_for_status(Status::NeedsAnswers, Amount::NotComputed, Lang::En, false);
        assert_eq!(later, "Computed once answered");
        let shown =
            amount_for_status(Status::Eligible, Amount::Exact(d("390000")), Lang::Zh, false);
        assert_eq!(shown, "39万元");
    }

    #[test]
    fn plan_figures_follow_their_unit() {
        assert_eq!(param_value_text(d("0.002"), ParamUnit::Rate, Lang::En), "2‰");
        assert_eq!(param_value_text(d("0.5"), ParamUnit::Rate, Lang::Zh), "50%");
        assert_eq!(param_value_text(d("500000"), ParamUnit::Yuan, Lang::Zh), "50万元");
        assert_eq!(param_value_text(d("100000000"), ParamUnit::Yuan, Lang::En), "RMB 100,000,000");
        assert_eq!(param_value_text(d("10"), ParamUnit::Count, Lang::En), "10");
    }

    #[test]
    fn placeholders_are_filled_and_unknown_ones_kept() {
        assert_eq!(fill("{n} of {total}", &[("n", "3"), ("total", "40")]), "3 of 40");
    }

    #[test]
    fn a_count_picks_its_word() {
        let said = |n: &str| {
            fill("{n} {n|answer is|answers are} new, {e} {e|match|matches}", &[("n", n), ("e", n)])
        };
        assert_eq!(said("1"), "1 answer is new, 1 match");
        assert_eq!(said("2"), "2 answers are new, 2 matches");
        assert_eq!(said("0"), "0 answers are new, 0 matches");
        assert_eq!(fill("{n}个回答", &[("n", "1")]), "1个回答", "Chinese needs no forms");
        assert_eq!(fill("{x}", &[]), "{x}");
    }
}
