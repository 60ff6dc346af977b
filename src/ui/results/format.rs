//! Pure display helpers for amounts, ranges and plan figures: no reactivity, tested natively.
//! They only *show* what the engine computed; nothing here adds, caps or rounds a figure
//! beyond the display rounding of [`format_yuan`].

use rust_decimal::Decimal;

use crate::engine::lang::Lang;
use crate::engine::money::{format_grouped, format_rate, format_yuan};
use crate::engine::policy::ParamUnit;
use crate::engine::report::{Amount, MoneyRange};
use crate::ui_strings;

ui_strings!(AmountText {
    UpTo => ("最高 {value}", "up to {value}"),
    NoAmount => ("本方案未规定金额", "No amount in this plan"),
    NotComputed => ("尚未计算", "Not computed yet"),
});

/// A decimal as a plain, normalized string for `data-*` attributes (`500000`, `0.5`), or
/// empty when there is no figure. Tests compare these with the native command's JSON.
pub fn plain_decimal(value: Option<Decimal>) -> String {
    value.map(|d| d.normalize().to_string()).unwrap_or_default()
}

/// A sum of money: one figure when `min == max`, else `min – max`.
pub fn range_text(min: Decimal, max: Decimal, lang: Lang) -> String {
    if min == max {
        format_yuan(min, lang)
    } else {
        format!("{} – {}", format_yuan(min, lang), format_yuan(max, lang))
    }
}

/// A total line's range, as [`range_text`].
pub fn money_range_text(range: MoneyRange, lang: Lang) -> String {
    range_text(range.min, range.max, lang)
}

/// The amount of one incentive as a person reads it.
pub fn amount_text(amount: Amount, lang: Lang) -> String {
    match amount {
        Amount::Exact(v) => format_yuan(v, lang),
        Amount::Range { min, max } => range_text(min, max, lang),
        Amount::UpTo(v) => fill(AmountText::UpTo.get(lang), &[("value", &format_yuan(v, lang))]),
        Amount::NoAmountInPlan => AmountText::NoAmount.get(lang).to_owned(),
        Amount::NotComputed => AmountText::NotComputed.get(lang).to_owned(),
    }
}

/// A figure of the plan in its unit: `50%`, `2‰`, `500,000 元` / `¥500,000`, `10`.
pub fn param_value_text(value: Decimal, unit: ParamUnit, lang: Lang) -> String {
    match unit {
        ParamUnit::Yuan => format_yuan(value, lang),
        ParamUnit::Rate => format_rate(value),
        ParamUnit::Count | ParamUnit::Unknown => format_grouped(value),
    }
}

/// Fills `{name}` placeholders of a UI string template.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
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
        assert_eq!(range_text(d("5"), d("5"), Lang::En), "¥5");
        assert_eq!(range_text(d("6000"), d("10000"), Lang::Zh), "6,000 元 – 10,000 元");
    }

    #[test]
    fn up_to_and_missing_amounts_are_said_in_words_never_as_a_number() {
        assert_eq!(amount_text(Amount::UpTo(d("500000")), Lang::En), "up to ¥500,000");
        assert_eq!(amount_text(Amount::UpTo(d("500000")), Lang::Zh), "最高 500,000 元");
        let none = amount_text(Amount::NoAmountInPlan, Lang::En);
        assert!(!none.chars().any(|c| c.is_ascii_digit()), "{none}");
        assert_eq!(amount_text(Amount::Exact(d("150000")), Lang::Zh), "150,000 元");
    }

    #[test]
    fn plan_figures_follow_their_unit() {
        assert_eq!(param_value_text(d("0.002"), ParamUnit::Rate, Lang::En), "2‰");
        assert_eq!(param_value_text(d("0.5"), ParamUnit::Rate, Lang::Zh), "50%");
        assert_eq!(param_value_text(d("500000"), ParamUnit::Yuan, Lang::Zh), "500,000 元");
        assert_eq!(param_value_text(d("10"), ParamUnit::Count, Lang::En), "10");
    }

    #[test]
    fn placeholders_are_filled_and_unknown_ones_kept() {
        assert_eq!(fill("{n} of {total}", &[("n", "3"), ("total", "40")]), "3 of 40");
        assert_eq!(fill("{x}", &[]), "{x}");
    }
}
