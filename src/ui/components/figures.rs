//! Figures that never break across lines. A browser may break "39万元" between "39" and "万",
//! and a narrow cell with `overflow-wrap: anywhere` may split "120,000,000"; each figure of a
//! text (with its currency, separators and unit) is therefore set in a `<span class="fig">`
//! that does not wrap (`style/main.css`), while the text around it wraps as usual; a range of
//! two figures is an inline block, broken at its dash only when it cannot fit a line. The phone
//! tier (`tests/browser/phone.test.mjs`) checks every route with the same notion of a figure.

use leptos::prelude::*;

/// Units that belong to the figure before them (longest first).
const UNITS: [&str; 14] = [
    "万亿元",
    "亿元",
    "万元",
    "万亿",
    "亿",
    "万",
    "元",
    "%",
    "‰",
    " trillion",
    " billion",
    " million",
    "千",
    "百",
];

/// Prefixes that belong to the figure after them.
const PREFIXES: [&str; 3] = ["RMB ", "¥", "-"];

/// The text cut into runs, `(true, figure)` or `(false, other text)`, in order; joined they
/// give the text back. A figure is digits with their `,` and `.` separators, a currency sign
/// before and a unit after (`RMB 390,000`, `¥1,200.50`, `1.2亿元`, `2‰`).
pub fn figure_runs(text: &str) -> Vec<(bool, &str)> {
    let mut runs = Vec::new();
    let mut plain_start = 0;
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        // A minus sign, not the dash of a range or a date (2023-2025, 2026-12-04).
        let after_word = text[..i].chars().next_back().is_some_and(char::is_alphanumeric);
        let prefix = PREFIXES
            .iter()
            .filter(|p| !(after_word && **p == "-"))
            .find(|p| {
                rest.strip_prefix(**p).is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
            })
            .map_or(0, |p| p.len());
        if prefix == 0 && !rest.starts_with(|c: char| c.is_ascii_digit()) {
            i += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        }
        let mut end = i + prefix;
        let bytes = text.as_bytes();
        while end < text.len() {
            let b = bytes[end];
            let next_is_digit = bytes.get(end + 1).is_some_and(u8::is_ascii_digit);
            if b.is_ascii_digit() || ((b == b',' || b == b'.') && next_is_digit) {
                end += 1;
            } else {
                break;
            }
        }
        // A period of years or a date (2023–2025, 2023—2025年, 2025-12-31) is one figure: split at its
        // dash, it reads as two numbers.
        if prefix == 0 && end - i == 4 && text[i..end].bytes().all(|b| b.is_ascii_digit()) {
            while let Some(after) =
                ["-", "–", "—"].iter().find_map(|d| text[end..].strip_prefix(*d))
            {
                let digits = after.bytes().take_while(u8::is_ascii_digit).count();
                if digits == 0 {
                    break;
                }
                end = text.len() - after.len() + digits;
            }
        }
        if let Some(unit) = UNITS.iter().find(|u| text[end..].starts_with(**u)) {
            end += unit.len();
        }
        if plain_start < i {
            runs.push((false, &text[plain_start..i]));
        }
        runs.push((true, &text[i..end]));
        plain_start = end;
        i = end;
    }
    if plain_start < text.len() {
        runs.push((false, &text[plain_start..]));
    }
    runs
}

/// The runs of [`figure_runs`] in groups of one, except a range of two figures (`RMB
/// 600–1,000`, `7.2万–12万元`), which is one group of three: figure, dash, figure.
pub fn range_groups<'a>(runs: &'a [(bool, &'a str)]) -> Vec<&'a [(bool, &'a str)]> {
    let mut groups = Vec::new();
    let mut i = 0;
    while i < runs.len() {
        let range = matches!(runs.get(i..i + 3), Some([(true, _), (false, "–"), (true, _)]));
        let len = if range { 3 } else { 1 };
        groups.push(&runs[i..i + len]);
        i += len;
    }
    groups
}

fn run_view(figure: bool, run: &str) -> AnyView {
    let run = run.to_owned();
    if figure {
        view! { <span class="fig">{run}</span> }.into_any()
    } else {
        run.into_any()
    }
}

/// A text whose figures do not break (see the module): plain text when it has no digit. A
/// range is set in a `<span class="fig-range">` (an inline block): on one line when it fits
/// one, broken at its dash only when it does not.
pub fn figures(text: String) -> AnyView {
    if !text.chars().any(|c| c.is_ascii_digit()) {
        return text.into_any();
    }
    let runs = figure_runs(&text);
    let groups = range_groups(&runs);
    let many = groups.len() > 1;
    let parts = groups
        .into_iter()
        .map(|group| match group {
            [(figure, run)] => run_view(*figure, run),
            _ => {
                let parts = group.iter().map(|(f, r)| run_view(*f, r)).collect_view();
                view! { <span class="fig-range">{parts}</span> }.into_any()
            }
        })
        .collect_view();
    one_item(many, parts)
}

/// `parts` as one inline element when there are several: inside a flex container (a link
/// made tappable with `inline-flex`, a condition's row) each child element would otherwise be
/// an item of its own, side by side in columns, the spaces between them dropped.
pub fn one_item(many: bool, parts: impl IntoView + 'static) -> AnyView {
    if many {
        view! { <span>{parts}</span> }.into_any()
    } else {
        parts.into_any()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figures_of(text: &str) -> Vec<&str> {
        figure_runs(text).into_iter().filter(|(f, _)| *f).map(|(_, r)| r).collect()
    }

    #[test]
    fn amounts_keep_their_currency_and_unit() {
        assert_eq!(figures_of("最高 39万元"), ["39万元"]);
        assert_eq!(figures_of("7.2万–12万元"), ["7.2万", "12万元"]);
        assert_eq!(figures_of("up to RMB 390,000."), ["RMB 390,000"]);
        assert_eq!(figures_of("120,000,000 元"), ["120,000,000"]);
        assert_eq!(figures_of("¥1,200.50 and 2‰, 50%"), ["¥1,200.50", "2‰", "50%"]);
        assert_eq!(figures_of("RMB 1.5 billion"), ["RMB 1.5 billion"]);
        assert_eq!(figures_of("-1,200"), ["-1,200"]);
    }

    #[test]
    fn a_range_of_two_figures_is_one_group() {
        let texts = |text: &str| -> Vec<String> {
            let runs = figure_runs(text);
            range_groups(&runs).iter().map(|g| g.iter().map(|(_, r)| *r).collect()).collect()
        };
        assert_eq!(texts("最高 7.2万–12万元。"), ["最高 ", "7.2万–12万元", "。"]);
        assert_eq!(texts("RMB 600–1,000 each"), ["RMB 600–1,000", " each"]);
        // Not a range: a dash with spaces, figures apart, a period of years (already one).
        assert_eq!(texts("600 – 1,000"), ["600", " – ", "1,000"]);
        assert_eq!(texts("2023–2025"), ["2023–2025"]);
    }

    #[test]
    fn a_period_of_years_or_a_date_is_one_figure() {
        assert_eq!(figures_of("（2023-2025年）"), ["2023-2025"]);
        assert_eq!(figures_of("Plan period 2023–2025."), ["2023–2025"]);
        assert_eq!(figures_of("方案期限为2023—2025年"), ["2023—2025"]);
        assert_eq!(figures_of("2023-01-01 to 2025-12-31"), ["2023-01-01", "2025-12-31"]);
        // Not a year: a minus or a range of amounts stays as it was.
        assert_eq!(figures_of("12-15"), ["12", "15"]);
        assert_eq!(figures_of("1.25-1.5"), ["1.25", "1.5"]);
        assert_eq!(figures_of("2023- x"), ["2023"]);
        assert_eq!(figures_of("7.2万–12万元"), ["7.2万", "12万元"]);
    }

    #[test]
    fn the_runs_give_the_text_back_and_separators_stay_outside_at_the_end() {
        for text in
            ["固定资产投资1亿元以上，奖励50万元。", "a, 1, 2.", "", "无数字", "1,2,", "RMB x"]
        {
            let joined: String = figure_runs(text).into_iter().map(|(_, r)| r).collect();
            assert_eq!(joined, text);
        }
        assert_eq!(figures_of("1, 2."), ["1", "2"]);
        assert_eq!(figures_of("固定资产投资1亿元以上"), ["1亿元"]);
        assert!(figures_of("RMB x - y").is_empty());
    }
}
