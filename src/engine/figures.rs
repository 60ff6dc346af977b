//! Figures written in prose, read back as numbers: `50万元`, `2.5亿`, `RMB 500,000`,
//! `600 yuan`, `2‰`, `10%`. Validation compares them with the parameters they describe.

use rust_decimal::Decimal;

/// What a figure in prose is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FigureKind {
    /// An amount of yuan (万元, 亿元, 元, RMB, yuan).
    Money,
    /// A share: `2‰` is 0.002, `10%` is 0.1.
    Rate,
    /// Any other number (persons, years, counts).
    Plain,
}

/// One figure: as written, and its value (万 and 亿 applied).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Figure {
    pub kind: FigureKind,
    pub value: Decimal,
    pub written: String,
}

/// Units after 万 / 亿 that make the figure a count, not money (1万人, 10万吨).
const COUNT_UNITS: &str = "人个台家吨平方亩户套名项次辆件只头株千米";

/// Every figure in `text`, in order.
pub fn figures(text: &str) -> Vec<Figure> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() || (i > 0 && is_number_char(chars[i - 1])) {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        while end < chars.len() {
            let c = chars[end];
            let next_is_digit = chars.get(end + 1).is_some_and(char::is_ascii_digit);
            if c.is_ascii_digit() || ((c == '.' || c == ',') && next_is_digit) {
                end += 1;
            } else {
                break;
            }
        }
        let digits: String = chars[start..end].iter().filter(|c| **c != ',').collect();
        i = end;
        let Ok(mut value) = digits.parse::<Decimal>() else { continue };
        let before = before_word(&chars, start);
        let money_before = ["RMB", "CNY", "¥", "￥"].iter().any(|w| before.ends_with(w));
        let mut j = end;
        let skip_spaces = |mut j: usize| {
            while chars.get(j).is_some_and(|c| *c == ' ' || *c == '\u{a0}') {
                j += 1;
            }
            j
        };
        let mut kind = if money_before { FigureKind::Money } else { FigureKind::Plain };
        match chars.get(j) {
            Some('万') | Some('亿') => {
                value *= if chars[j] == '万' {
                    Decimal::from(10_000)
                } else {
                    Decimal::from(100_000_000)
                };
                j += 1;
                match chars.get(j) {
                    Some('元') => {
                        kind = FigureKind::Money;
                        j += 1;
                    }
                    Some(c) if COUNT_UNITS.contains(*c) => {}
                    _ => kind = FigureKind::Money,
                }
            }
            Some('元') => {
                kind = FigureKind::Money;
                j += 1;
            }
            Some('%') | Some('％') => {
                value /= Decimal::from(100);
                kind = FigureKind::Rate;
                j += 1;
            }
            Some('‰') => {
                value /= Decimal::from(1000);
                kind = FigureKind::Rate;
                j += 1;
            }
            _ => {
                let k = skip_spaces(j);
                let word = word_at(&chars, k);
                // "RMB 5, 3 and 1 billion": the first of a list takes the list's multiplier.
                let listed = list_multiplier(&chars, j);
                if let Some(m) = listed.filter(|_| word != "million" && word != "billion") {
                    value *= m;
                }
                let multiplier = match word.as_str() {
                    "million" => Some(Decimal::from(1_000_000)),
                    "billion" => Some(Decimal::from(1_000_000_000)),
                    _ => None,
                };
                let mut after = word;
                let mut k = k;
                if let Some(m) = multiplier {
                    value *= m;
                    k = skip_spaces(k + after.chars().count());
                    after = word_at(&chars, k);
                    j = k;
                }
                if after == "yuan" || after == "RMB" {
                    kind = FigureKind::Money;
                    j = k + after.chars().count();
                }
            }
        }
        let written: String = chars[start..j.max(end)].iter().collect();
        let written = if money_before { format!("{before} {written}") } else { written };
        out.push(Figure { kind, value: value.normalize(), written: written.trim().to_owned() });
        i = j.max(end);
    }
    out
}

/// The multiplier ending a list of numbers that starts at `at` (", 3 and 1 billion").
fn list_multiplier(chars: &[char], at: usize) -> Option<Decimal> {
    if !matches!(chars.get(at), Some(',') | Some(' ')) {
        return None;
    }
    let mut k = at;
    let mut numbers = 0;
    while k < chars.len() && k < at + 40 {
        let c = chars[k];
        if c.is_ascii_digit() {
            numbers += 1;
            while chars.get(k).is_some_and(|c| c.is_ascii_digit() || *c == '.') {
                k += 1;
            }
            continue;
        }
        if matches!(c, ',' | ' ') {
            k += 1;
            continue;
        }
        let word = word_at(chars, k);
        match word.as_str() {
            "and" | "or" | "to" => k += word.len(),
            "million" if numbers > 0 => return Some(Decimal::from(1_000_000)),
            "billion" if numbers > 0 => return Some(Decimal::from(1_000_000_000)),
            _ => return None,
        }
    }
    None
}

fn is_number_char(c: char) -> bool {
    c.is_ascii_digit() || c == '.' || c == ','
}

/// The word (or currency sign) right before `at`, spaces skipped.
fn before_word(chars: &[char], at: usize) -> String {
    let mut k = at;
    while k > 0 && matches!(chars[k - 1], ' ' | '\u{a0}') {
        k -= 1;
    }
    let end = k;
    while k > 0 && chars[k - 1].is_ascii_alphabetic() {
        k -= 1;
    }
    if k == end && k > 0 && matches!(chars[k - 1], '¥' | '￥') {
        k -= 1;
    }
    chars[k..end].iter().collect()
}

/// The ASCII word starting at `at` (empty when none starts there).
fn word_at(chars: &[char], at: usize) -> String {
    chars.iter().skip(at).take_while(|c| c.is_ascii_alphabetic()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<(FigureKind, String)> {
        figures(text).into_iter().map(|f| (f.kind, f.value.to_string())).collect()
    }

    #[test]
    fn money_rates_and_plain_numbers_are_told_apart() {
        use FigureKind::*;
        assert_eq!(
            read("最高奖励50万元，基数达到2.5亿元时封顶"),
            [(Money, "500000".to_owned()), (Money, "250000000".to_owned())]
        );
        assert_eq!(
            read("按2‰给予奖励，最高50万"),
            [(Rate, "0.002".to_owned()), (Money, "500000".to_owned())]
        );
        assert_eq!(read("at most RMB 500,000 a year"), [(Money, "500000".to_owned())]);
        assert_eq!(
            read("600 yuan to 1,000 yuan per person"),
            [(Money, "600".to_owned()), (Money, "1000".to_owned())]
        );
        assert_eq!(read("RMB 2.5 million"), [(Money, "2500000".to_owned())]);
        assert_eq!(read("RMB 5, 3 and 1 billion")[0], (Money, "5000000000".to_owned()));
        assert_eq!(
            read("新增就业1万人，2025年"),
            [(Plain, "10000".to_owned()), (Plain, "2025".to_owned())]
        );
        assert_eq!(
            read("¥600000 and 10%"),
            [(Money, "600000".to_owned()), (Rate, "0.1".to_owned())]
        );
    }
}
