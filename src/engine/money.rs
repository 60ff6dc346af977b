//! Money: parsing what people type, and displaying yuan.
//!
//! Amounts are [`Decimal`] yuan, never floats. Every parser is total: it returns `Ok` or a
//! [`MoneyError`] whose [`MoneyError::message`] says, in Chinese and English, what to type
//! instead. No input can make these functions panic; all arithmetic on user input is checked.
//!
//! # What is accepted
//!
//! Before parsing, the input is normalised:
//!
//! * Inputs longer than [`MAX_INPUT_BYTES`] bytes are rejected at once ([`MoneyError::TooLong`]).
//! * Full-width ASCII forms (U+FF01..=U+FF5E: `１２３`, `，`, `．`, `％`, `－`, `ＲＭＢ`) become
//!   their ASCII twins; `￥` (U+FFE5) becomes `¥`; the minus-like dashes U+2010..=U+2013,
//!   U+2212 and U+FE63 become `-`. ASCII letters are case-insensitive.
//! * Every Unicode white space (including U+3000 ideographic space, NBSP, tab and newline)
//!   counts as a space. Spaces at both ends are dropped; inside, spaces may separate the parts
//!   below but never split a number (`120 000` is malformed).
//! * Invisible characters that copy-and-paste leaves behind are **stripped**: U+200B..=U+200D
//!   (zero-width space/joiners), U+2060 (word joiner), U+FEFF (BOM), U+00AD (soft hyphen) and
//!   the direction *marks* U+200E, U+200F, U+061C (they do not reorder digits).
//! * Direction *embeddings, overrides and isolates* (U+202A..=U+202E, U+2066..=U+2069) are
//!   **rejected** ([`MoneyError::HiddenCharacter`]): they can make the screen show digits in an
//!   order different from the one parsed (`\u{202E}000,021` looks like `120,000`).
//! * Anything else (other digits such as `٣`, Chinese numerals such as `五`, control
//!   characters) is not part of the grammar and gives [`MoneyError::NotANumber`] when the input
//!   has no digit, unit or currency sign at all, and [`MoneyError::Malformed`] otherwise.
//!
//! Then, with `␣` meaning optional spaces:
//!
//! ```text
//! money    = sign? ␣ currency? ␣ sign? ␣ number ␣ unit? ␣ suffix?      (one sign at most)
//! count    = sign? ␣ number ␣ unit? ␣ counter?
//! percent  = sign? ␣ number ␣ ("%" | "‰")?
//! sign     = "+" | "-"
//! currency = "¥" | "RMB" | "CNY" | "人民币"
//! suffix   = "元" | "块" | "yuan" | "RMB" | "CNY" | "人民币"
//! counter  = "人" | "名" | "位" | "个" | "台" | "套"
//! number   = mantissa exponent?
//! mantissa = int ("." digit*)? | "." digit+
//! int      = digit+ | digit{1,3} ("," digit{3})+      (thousands separators, correctly grouped)
//! exponent = "e" ("+" | "-")? digit+                  (as spreadsheets paste: 1.5E+08)
//! unit     = "百" | "千" | "万" | "十万" | "百万" | "千万"
//!          | "亿" | "十亿" | "百亿" | "千亿" | "万亿"
//!          | "thousand" | "million" | "billion" | "trillion"
//!          | "w" | "k" | "m" | "b"                  (shorthand: 万, thousand, million, billion)
//! ```
//!
//! So `1.5亿`, `5000万`, `5千万`, `120,000`, `１２３万`, `1.2 亿元`, `¥120,000`, `￥1,200`,
//! `RMB 150 million`, `120000元`, `300w` (300万), `1.2W`, `80k` and `1.5m` are all accepted,
//! while `12万5`, `5万万`, `1.2万w`, `1.2.3`, `1..5`, `1,2,3,4`, `亿` and `5%` (as money) are
//! [`MoneyError::Malformed`]. The shorthand letters are parsing vocabulary (what people type
//! for a multiplier), not policy figures.
//!
//! # Near misses
//!
//! An input method often puts a character that sounds or looks like the one meant: `1.2忆`
//! (or `乙`, `意`, … for 亿), `300完` (or `玩`, … for 万), the letter `o` for the digit `0`
//! inside a number (`5o0万`). Such text is never read as something else in silence: when
//! replacing these characters ([`near_miss_fix`]) gives text that parses, the parsers return
//! [`MoneyError::NearMiss`] and [`suggest`] gives the corrected text, for a one-tap fix.
//!
//! # Values
//!
//! * **Money** ([`parse_money`]) is yuan, at most [`MAX_YUAN`] (10^14) and with at most two
//!   decimal places (fen) *after* applying the unit: `1.2345亿` is 123,450,000 yuan, but
//!   `0.001元` is [`MoneyError::Malformed`] (it is not rounded). The result is normalised
//!   (`1.50` comes back as `1.5`).
//! * **Counts** ([`parse_count`]) are whole numbers up to 10^14: `1.5万` is 15,000, but `1.5`
//!   is [`MoneyError::NotWhole`].
//! * **Percentages** ([`parse_percent`]) are numbers from 0 to 100, with or without `%`,
//!   returned as a fraction: `60%`, `60` and `６０％` all give 0.6, and `0.6` gives 0.006
//!   (0.6 %, *not* 60 %: a bare number is always read as per cent, so show a `%` beside the
//!   field). `‰` (per mille) is accepted too, so `2‰` gives 0.002 and every [`format_rate`]
//!   output parses back. More than 100 % is [`MoneyError::OverHundredPercent`]; at most 8
//!   decimal places of the fraction are kept (more is malformed).
//! * A minus sign gives [`MoneyError::Negative`] (even `-1e30`), except that `-0` is 0.
//!
//! # Display
//!
//! [`format_grouped`], [`format_yuan`], [`format_compact`] and [`format_rate`] round half away
//! from zero (not banker's rounding). Their outputs, for values from 0 to [`MAX_YUAN`], parse
//! back: exactly for the first two (at most 2 decimals), and for [`format_compact`] to within
//! the precision it shows (see there). Screens show amounts with [`format_amount`] and
//! [`format_amount_range`] (`39万元`, `7.2万–12万元`, `RMB 390,000`); the exact yuan stay in the
//! trace and the receipt's detail.

use super::lang::Lang;
use rust_decimal::{Decimal, RoundingStrategy};
use std::fmt;

/// The largest amount accepted, in yuan: 10^14 (100 万亿元). Anything larger is
/// [`MoneyError::TooLarge`]. Counts share the limit.
pub const MAX_YUAN: Decimal = Decimal::from_parts(0x107A_4000, 0x5AF3, 0, false, 0);

/// Longer inputs (in UTF-8 bytes) are rejected before any other work: [`MoneyError::TooLong`].
pub const MAX_INPUT_BYTES: usize = 1024;

/// [`MAX_YUAN`] in fen.
const MAX_FEN: i128 = 10_000_000_000_000_000;

/// Exponents are clamped to this size: beyond it any non-zero value is out of range anyway.
const EXPONENT_CLAMP: i64 = 1_000_000;

/// Most decimal places a parsed percentage may have, as a fraction (`12.345678%` is fine).
const PERCENT_MAX_SCALE: i64 = 8;

/// Why an input could not be read. [`MoneyError::message`] explains it to the person typing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MoneyError {
    /// Nothing but spaces (or invisible characters).
    Empty,
    /// No digit, unit or currency sign at all: `abc`, `NaN`, `inf`, `五万`.
    NotANumber,
    /// A minus sign: `-5`, `－5`.
    Negative,
    /// More than [`MAX_YUAN`] (or, for counts, more than 10^14): `1e30`, `99999999亿`.
    TooLarge,
    /// Digits and units that do not fit the grammar (`1.2.3`, `1..5`, `1,2,3,4`, `5万万`,
    /// `12万5`, `亿`), or money with more than two decimal places of yuan (`0.001元`).
    Malformed,
    /// A count with a fraction: `1.5` persons.
    NotWhole,
    /// Longer than [`MAX_INPUT_BYTES`].
    TooLong,
    /// A text-direction embedding, override or isolate character (U+202A..=U+202E,
    /// U+2066..=U+2069), which can make the screen show something other than what is parsed.
    HiddenCharacter,
    /// A percentage above 100 %.
    OverHundredPercent,
    /// A character an input method put for a unit or digit (`1.2忆`, `300完`, `5o0`): the text
    /// would parse with it corrected, and [`suggest`] gives that text.
    NearMiss,
}

/// What a field asks for, so that an error message can give fitting examples.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Quantity {
    /// An amount of yuan ([`parse_money`]).
    #[default]
    Money,
    /// A whole number of persons, robots, … ([`parse_count`]).
    Count,
    /// A percentage ([`parse_percent`]).
    Percent,
}

impl MoneyError {
    /// The message for a money field (the same as `message_for(Quantity::Money, lang)`).
    /// Errors that only counts or percentages produce ([`MoneyError::NotWhole`],
    /// [`MoneyError::OverHundredPercent`]) get their own fitting message here too.
    pub fn message(&self, lang: Lang) -> &'static str {
        self.message_for(Quantity::Money, lang)
    }

    /// The message for a field of the given kind: what went wrong and what to type instead.
    pub fn message_for(&self, quantity: Quantity, lang: Lang) -> &'static str {
        let (zh, en) = self.texts(quantity);
        match lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    fn texts(&self, quantity: Quantity) -> (&'static str, &'static str) {
        use MoneyError::*;
        use Quantity::*;
        match (self, quantity) {
            (TooLong, _) => (
                "输入过长。请只输入一个数，例如 1.5亿、120,000 或 60%",
                "That input is too long. Enter just one number, such as 1.5亿, 120,000 or 60%",
            ),
            (HiddenCharacter, _) => (
                "输入中含有看不见的文字方向控制字符（常见于复制粘贴）。请清空后重新输入，例如 120,000",
                "The input contains invisible text-direction control characters (often from copy and paste). Clear the field and type the number again, such as 120,000",
            ),
            (NotWhole, _) => (
                "请输入整数，不能有小数，例如 12、1,200 或 1.5万（即 15000）",
                "Enter a whole number without a fraction, such as 12, 1,200 or 1.5万 (15,000)",
            ),
            (NearMiss, _) => (
                "有一个字像是单位或数字，其实不是：例如把“亿”打成了“忆”或“乙”，把“万”打成了“完”，或把数字 0 打成了字母 o。",
                "A character looks like a unit or a digit but is not one: such as 忆 or 乙 typed for 亿, 完 for 万, or the letter o for the digit 0.",
            ),
            (OverHundredPercent, _) | (TooLarge, Percent) => (
                "比例不能超过 100%。请输入 0 到 100 之间的数，例如 60%",
                "A percentage cannot exceed 100%. Enter a number from 0 to 100, such as 60%",
            ),

            (Empty, Money) => (
                "请输入金额，例如 1.5亿、5000万 或 120,000",
                "Enter an amount such as 1.5亿, 5000万 or 120,000",
            ),
            (NotANumber, Money) => (
                "这不是数字。请用阿拉伯数字输入金额，例如 1.5亿、5000万 或 120,000",
                "That is not a number. Enter an amount in digits, such as 1.5亿, 5000万 or 120,000",
            ),
            (Negative, Money) => (
                "金额不能为负数。请输入 0 或更大的金额，例如 120,000",
                "An amount cannot be negative. Enter 0 or more, such as 120,000",
            ),
            (TooLarge, Money) => (
                "金额过大：最多 100万亿元（10^14 元）。请检查位数，例如 1.5亿",
                "That amount is too large: the limit is RMB 100 trillion (10^14 yuan). Check the digits, such as 1.5亿",
            ),
            (Malformed, Money) => (
                "无法识别这个金额。请写一个数，可带一个单位，最多两位小数（到分），例如 1.5亿、5000万 或 120,000；不要写成 12万5 或 1.2.3",
                "This amount could not be read. Write one number with at most one unit and at most 2 decimal places (fen), such as 1.5亿, 5000万 or 120,000; not 12万5 or 1.2.3",
            ),

            (Empty, Count) => (
                "请输入数量，例如 12、1,200 或 1.5万",
                "Enter a number such as 12, 1,200 or 1.5万",
            ),
            (NotANumber, Count) => (
                "这不是数字。请用阿拉伯数字输入数量，例如 12、1,200 或 1.5万",
                "That is not a number. Enter it in digits, such as 12, 1,200 or 1.5万",
            ),
            (Negative, Count) => (
                "数量不能为负数。请输入 0 或更大的整数，例如 12",
                "A number of people or items cannot be negative. Enter 0 or more, such as 12",
            ),
            (TooLarge, Count) => (
                "数量过大：最多 100万亿。请检查位数，例如 1.5万",
                "That number is too large: the limit is 10^14. Check the digits, such as 1.5万",
            ),
            (Malformed, Count) => (
                "无法识别这个数量。请输入一个整数，可带一个单位，例如 12、1,200 或 1.5万；不要写成 1万2",
                "This number could not be read. Enter one whole number, optionally with a unit, such as 12, 1,200 or 1.5万; not 1万2",
            ),

            (Empty, Percent) => (
                "请输入比例，例如 60%、12.5 或 2‰",
                "Enter a percentage such as 60%, 12.5 or 2‰",
            ),
            (NotANumber, Percent) => (
                "这不是数字。请输入 0 到 100 之间的比例，例如 60%",
                "That is not a number. Enter a percentage from 0 to 100, such as 60%",
            ),
            (Negative, Percent) => (
                "比例不能为负数。请输入 0 到 100 之间的数，例如 60%",
                "A percentage cannot be negative. Enter a number from 0 to 100, such as 60%",
            ),
            (Malformed, Percent) => (
                "无法识别这个比例。请输入 0 到 100 之间的数，可带 %，例如 60% 或 12.5",
                "This percentage could not be read. Enter a number from 0 to 100, optionally with %, such as 60% or 12.5",
            ),
        }
    }
}

impl fmt::Display for MoneyError {
    /// The English message for a money field.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message(Lang::En))
    }
}

impl std::error::Error for MoneyError {}

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

/// Parses an amount of yuan as a person types it (see the module documentation for the
/// grammar): `1.5亿`, `5000万`, `120,000`, `¥120,000`, `１２３万`, `RMB 150 million`, …
pub fn parse_money(input: &str) -> Result<Decimal, MoneyError> {
    near_miss(input, Quantity::Money, read_money(input))
}

fn read_money(input: &str) -> Result<Decimal, MoneyError> {
    let text = normalize(input)?;
    classify(&text, parse_money_text(&text))
}

/// Parses a non-negative whole number (persons, robots): `12`, `1,200`, `１２`, `1.5万`
/// (= 15,000), `30人`. A fraction is [`MoneyError::NotWhole`].
pub fn parse_count(input: &str) -> Result<Decimal, MoneyError> {
    near_miss(input, Quantity::Count, read_count(input))
}

fn read_count(input: &str) -> Result<Decimal, MoneyError> {
    let text = normalize(input)?;
    classify(&text, parse_count_text(&text))
}

/// Parses a percentage from 0 to 100, with or without `%` (or a per-mille value with `‰`),
/// and returns it as a fraction: `60%`, `60` and `６０％` give 0.6; `0.6` gives 0.006.
pub fn parse_percent(input: &str) -> Result<Decimal, MoneyError> {
    near_miss(input, Quantity::Percent, read_percent(input))
}

fn read_percent(input: &str) -> Result<Decimal, MoneyError> {
    let text = normalize(input)?;
    classify(&text, parse_percent_text(&text))
}

/// The parser of a quantity, without the near-miss check.
fn read(quantity: Quantity, input: &str) -> Result<Decimal, MoneyError> {
    match quantity {
        Quantity::Money => read_money(input),
        Quantity::Count => read_count(input),
        Quantity::Percent => read_percent(input),
    }
}

/// Text that does not fit the grammar but would with its near misses corrected is
/// [`MoneyError::NearMiss`]; anything else keeps its result.
fn near_miss(
    input: &str,
    quantity: Quantity,
    result: Result<Decimal, MoneyError>,
) -> Result<Decimal, MoneyError> {
    match result {
        Err(MoneyError::Malformed | MoneyError::NotANumber)
            if suggest(input, quantity).is_some() =>
        {
            Err(MoneyError::NearMiss)
        }
        other => other,
    }
}

/// Characters an input method puts for 亿 (homophones of yì and lookalikes) or 万 (homophones
/// of wàn), and the traditional forms 億 and 萬. Never digits or units themselves.
const NEAR_MISSES: &[(char, char)] = &[
    ('忆', '亿'),
    ('乙', '亿'),
    ('意', '亿'),
    ('义', '亿'),
    ('艺', '亿'),
    ('议', '亿'),
    ('易', '亿'),
    ('亦', '亿'),
    ('异', '亿'),
    ('益', '亿'),
    ('以', '亿'),
    ('已', '亿'),
    ('億', '亿'),
    ('完', '万'),
    ('玩', '万'),
    ('晚', '万'),
    ('碗', '万'),
    ('弯', '万'),
    ('湾', '万'),
    ('丸', '万'),
    ('顽', '万'),
    ('萬', '万'),
];

/// The letter o in its ASCII and full-width forms, either case.
fn is_letter_o(c: char) -> bool {
    matches!(c, 'o' | 'O' | 'ｏ' | 'Ｏ')
}

fn is_digit_like(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// `input` with its near misses replaced (`1.2忆` -> `1.2亿`, `5o0` -> `500`), or `None` when
/// it has none. A letter o counts only inside a run of digits, `.`, `,` and o's that holds at
/// least one digit, so that the o of `million` or `thousand` is left alone.
pub fn near_miss_fix(input: &str) -> Option<String> {
    if input.len() > MAX_INPUT_BYTES {
        return None;
    }
    let chars: Vec<char> = input.chars().collect();
    let in_run = |c: char| is_digit_like(c) || is_letter_o(c) || ".,．，".contains(c);
    let mut out = String::with_capacity(input.len());
    let mut changed = false;
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if in_run(c) {
            let end = chars.iter().skip(i).position(|&c| !in_run(c)).map_or(chars.len(), |n| i + n);
            let run = chars.get(i..end).unwrap_or_default();
            let has_digit = run.iter().any(|&c| is_digit_like(c));
            for &c in run {
                if has_digit && is_letter_o(c) {
                    out.push('0');
                    changed = true;
                } else {
                    out.push(c);
                }
            }
            i = end;
            continue;
        }
        match NEAR_MISSES.iter().find(|(miss, _)| *miss == c) {
            Some(&(_, meant)) => {
                out.push(meant);
                changed = true;
            }
            None => out.push(c),
        }
        i += 1;
    }
    changed.then(|| out.trim().to_owned())
}

/// The text a near miss was probably meant to be (`1.2忆` -> `1.2亿`), when that text parses
/// as `quantity`: the one-tap fix of [`MoneyError::NearMiss`]. `None` otherwise.
pub fn suggest(input: &str, quantity: Quantity) -> Option<String> {
    let fixed = near_miss_fix(input)?;
    read(quantity, &fixed).is_ok().then_some(fixed)
}

/// Maps characters to the grammar's alphabet (see the module documentation) and trims.
fn normalize(input: &str) -> Result<String, MoneyError> {
    if input.len() > MAX_INPUT_BYTES {
        return Err(MoneyError::TooLong);
    }
    let mut out = String::with_capacity(input.len());
    for c in input.chars() {
        let mapped = match c {
            // Full-width ASCII forms: ０-９ ， ． ％ － ＋ Ａ-Ｚ …
            '\u{FF01}'..='\u{FF5E}' => {
                (c as u32).checked_sub(0xFEE0).and_then(char::from_u32).unwrap_or(c)
            }
            '\u{FFE5}' => '¥',
            '\u{2010}'..='\u{2013}' | '\u{2212}' | '\u{FE63}' => '-',
            // Invisible characters from copy and paste: dropped.
            '\u{200B}'..='\u{200D}'
            | '\u{2060}'
            | '\u{FEFF}'
            | '\u{00AD}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{061C}' => continue,
            // Direction embeddings, overrides and isolates: the screen may lie.
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {
                return Err(MoneyError::HiddenCharacter)
            }
            c if c.is_whitespace() => ' ',
            c => c,
        };
        out.push(mapped.to_ascii_lowercase());
    }
    let trimmed = out.trim_matches(' ');
    if trimmed.is_empty() {
        Err(MoneyError::Empty)
    } else {
        Ok(trimmed.to_string())
    }
}

/// A syntax error in text with no digit, unit or currency sign is "not a number" rather than
/// "malformed": `abc` and `NaN` are not attempts at writing a number, `亿` and `1.2.3` are.
fn classify(text: &str, result: Result<Decimal, MoneyError>) -> Result<Decimal, MoneyError> {
    match result {
        Err(MoneyError::Malformed) if !text.chars().any(is_numberish) => {
            Err(MoneyError::NotANumber)
        }
        other => other,
    }
}

fn is_numberish(c: char) -> bool {
    c.is_ascii_digit() || "百千万亿元块¥%‰".contains(c)
}

/// The multiplier words, as powers of ten. Longer words come first so that `万亿` is not read
/// as `万` followed by junk.
const UNITS: &[(&str, i64)] = &[
    ("thousand", 3),
    ("million", 6),
    ("billion", 9),
    ("trillion", 12),
    // Shorthand people type, after the words so that `million` is not read as `m` + junk.
    ("w", 4),
    ("k", 3),
    ("m", 6),
    ("b", 9),
    ("十万", 5),
    ("百万", 6),
    ("千万", 7),
    ("十亿", 9),
    ("百亿", 10),
    ("千亿", 11),
    ("万亿", 12),
    ("百", 2),
    ("千", 3),
    ("万", 4),
    ("亿", 8),
];

const CURRENCY_PREFIXES: &[&str] = &["¥", "rmb", "cny", "人民币"];
const YUAN_SUFFIXES: &[&str] = &["元", "块", "yuan", "rmb", "cny", "人民币"];
const COUNTERS: &[&str] = &["人", "名", "位", "个", "台", "套"];

fn parse_money_text(text: &str) -> Result<Decimal, MoneyError> {
    let mut s = Scanner { rest: text };
    let mut minus = s.sign();
    s.spaces();
    if s.eat_any(CURRENCY_PREFIXES) {
        s.spaces();
        if minus.is_none() {
            minus = s.sign();
            s.spaces();
        }
    }
    let number = s.number()?;
    s.spaces();
    let unit = s.unit();
    s.spaces();
    s.eat_any(YUAN_SUFFIXES);
    s.spaces();
    s.end()?;
    with_sign(minus, yuan_value(number.scaled(unit)))
}

fn parse_count_text(text: &str) -> Result<Decimal, MoneyError> {
    let mut s = Scanner { rest: text };
    let minus = s.sign();
    s.spaces();
    let number = s.number()?;
    s.spaces();
    let unit = s.unit();
    s.spaces();
    s.eat_any(COUNTERS);
    s.spaces();
    s.end()?;
    with_sign(minus, count_value(number.scaled(unit)))
}

fn parse_percent_text(text: &str) -> Result<Decimal, MoneyError> {
    let mut s = Scanner { rest: text };
    let minus = s.sign();
    s.spaces();
    let number = s.number()?;
    s.spaces();
    // The number is in per cent (10^-2) or, with ‰, per mille (10^-3).
    let shift = if s.eat("‰") {
        -3
    } else {
        s.eat("%");
        -2
    };
    s.spaces();
    s.end()?;
    with_sign(minus, fraction_value(number.scaled(shift)))
}

/// A minus sign before a valid (or too large) non-zero value is the error the person needs to
/// hear about; `-0` is simply 0.
fn with_sign(
    minus: Option<bool>,
    value: Result<Decimal, MoneyError>,
) -> Result<Decimal, MoneyError> {
    match (minus, value) {
        (Some(true), Ok(v)) if !v.is_zero() => Err(MoneyError::Negative),
        (Some(true), Err(MoneyError::TooLarge | MoneyError::OverHundredPercent)) => {
            Err(MoneyError::Negative)
        }
        (_, value) => value,
    }
}

/// A cursor over normalised text.
struct Scanner<'a> {
    rest: &'a str,
}

impl<'a> Scanner<'a> {
    fn spaces(&mut self) {
        self.rest = self.rest.trim_start_matches(' ');
    }

    fn eat(&mut self, prefix: &str) -> bool {
        match self.rest.strip_prefix(prefix) {
            Some(rest) => {
                self.rest = rest;
                true
            }
            None => false,
        }
    }

    fn eat_any(&mut self, prefixes: &[&str]) -> bool {
        prefixes.iter().any(|p| self.eat(p))
    }

    /// `Some(true)` for a minus sign, `Some(false)` for a plus sign.
    fn sign(&mut self) -> Option<bool> {
        if self.eat("-") {
            Some(true)
        } else if self.eat("+") {
            Some(false)
        } else {
            None
        }
    }

    /// The power of ten of a unit word, or 0 if there is none.
    fn unit(&mut self) -> i64 {
        UNITS.iter().find(|(word, _)| self.eat(word)).map_or(0, |&(_, power)| power)
    }

    fn end(&self) -> Result<(), MoneyError> {
        if self.rest.is_empty() {
            Ok(())
        } else {
            Err(MoneyError::Malformed)
        }
    }

    /// `mantissa exponent?`; see the grammar.
    fn number(&mut self) -> Result<Number<'a>, MoneyError> {
        let len = self
            .rest
            .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
            .unwrap_or(self.rest.len());
        let (body, after) = self.rest.split_at_checked(len).ok_or(MoneyError::Malformed)?;
        let mut parts = body.split('.');
        let int = parts.next().unwrap_or("");
        let frac = parts.next().unwrap_or("");
        if parts.next().is_some() || frac.contains(',') {
            return Err(MoneyError::Malformed);
        }
        if int.contains(',') {
            let mut groups = int.split(',');
            let first_ok = groups.next().is_some_and(|g| (1..=3).contains(&g.len()));
            if !first_ok || !groups.all(|g| g.len() == 3) {
                return Err(MoneyError::Malformed);
            }
        }
        if int.is_empty() && frac.is_empty() {
            return Err(MoneyError::Malformed);
        }
        self.rest = after;
        let exponent = self.exponent()?;
        Ok(Number { int, frac, exponent })
    }

    /// `("e" ("+" | "-")? digit+)?`, clamped to ±[`EXPONENT_CLAMP`].
    fn exponent(&mut self) -> Result<i64, MoneyError> {
        let Some(after_e) = self.rest.strip_prefix('e') else {
            return Ok(0);
        };
        let (negative, digits) = match after_e.strip_prefix('-') {
            Some(d) => (true, d),
            None => (false, after_e.strip_prefix('+').unwrap_or(after_e)),
        };
        let len = digits.find(|c: char| !c.is_ascii_digit()).unwrap_or(digits.len());
        let (run, after) = digits.split_at_checked(len).ok_or(MoneyError::Malformed)?;
        if run.is_empty() {
            return Err(MoneyError::Malformed);
        }
        let significant = run.trim_start_matches('0');
        let magnitude = if significant.len() > 7 {
            EXPONENT_CLAMP
        } else {
            significant.parse::<i64>().unwrap_or(0).min(EXPONENT_CLAMP)
        };
        self.rest = after;
        Ok(if negative { -magnitude } else { magnitude })
    }
}

/// A number as written: integer digits (maybe with commas), fraction digits, exponent.
struct Number<'a> {
    int: &'a str,
    frac: &'a str,
    exponent: i64,
}

/// `digits × 10^exp10`, where `digits` has neither leading nor trailing zeros (empty for 0).
struct Scaled {
    digits: String,
    exp10: i64,
}

impl Number<'_> {
    /// The value times 10^`power`, as significant digits and a power of ten.
    fn scaled(&self, power: i64) -> Scaled {
        let mut all: String = self.int.chars().filter(char::is_ascii_digit).collect();
        all.push_str(self.frac);
        let frac_len = i64::try_from(self.frac.len()).unwrap_or(i64::MAX);
        let mut exp10 = self.exponent.saturating_add(power).saturating_sub(frac_len);
        let trimmed_end = all.trim_end_matches('0');
        let trailing = all.len().saturating_sub(trimmed_end.len());
        exp10 = exp10.saturating_add(i64::try_from(trailing).unwrap_or(i64::MAX));
        let digits = trimmed_end.trim_start_matches('0').to_string();
        Scaled { digits, exp10 }
    }
}

impl Scaled {
    /// floor(log10(value)) for a non-zero value.
    fn magnitude(&self) -> i64 {
        let len = i64::try_from(self.digits.len()).unwrap_or(i64::MAX);
        len.saturating_sub(1).saturating_add(self.exp10)
    }

    /// The digits as an integer (callers bound the length first).
    fn mantissa(&self) -> Option<i128> {
        self.digits
            .chars()
            .try_fold(0i128, |acc, c| acc.checked_mul(10)?.checked_add(i128::from(c.to_digit(10)?)))
    }
}

fn pow10(power: i64) -> Option<i128> {
    10i128.checked_pow(u32::try_from(power).ok()?)
}

fn yuan_value(s: Scaled) -> Result<Decimal, MoneyError> {
    if s.digits.is_empty() {
        return Ok(Decimal::ZERO);
    }
    if s.exp10 < -2 {
        return Err(MoneyError::Malformed); // finer than a fen
    }
    if s.magnitude() > 14 {
        return Err(MoneyError::TooLarge);
    }
    let fen = s
        .mantissa()
        .and_then(|m| m.checked_mul(pow10(s.exp10.checked_add(2)?)?))
        .ok_or(MoneyError::TooLarge)?;
    if fen > MAX_FEN {
        return Err(MoneyError::TooLarge);
    }
    Decimal::try_from_i128_with_scale(fen, 2)
        .map(|d| d.normalize())
        .map_err(|_| MoneyError::TooLarge)
}

fn count_value(s: Scaled) -> Result<Decimal, MoneyError> {
    if s.digits.is_empty() {
        return Ok(Decimal::ZERO);
    }
    if s.exp10 < 0 {
        return Err(MoneyError::NotWhole);
    }
    if s.magnitude() > 14 {
        return Err(MoneyError::TooLarge);
    }
    let n =
        s.mantissa().and_then(|m| m.checked_mul(pow10(s.exp10)?)).ok_or(MoneyError::TooLarge)?;
    if n > MAX_FEN / 100 {
        return Err(MoneyError::TooLarge);
    }
    Decimal::try_from_i128_with_scale(n, 0).map_err(|_| MoneyError::TooLarge)
}

/// `s` is already a fraction (the per-cent shift is applied); it must lie in 0..=1.
fn fraction_value(s: Scaled) -> Result<Decimal, MoneyError> {
    if s.digits.is_empty() {
        return Ok(Decimal::ZERO);
    }
    if s.exp10 < -PERCENT_MAX_SCALE {
        return Err(MoneyError::Malformed);
    }
    if s.magnitude() > 0 {
        return Err(MoneyError::OverHundredPercent);
    }
    // magnitude <= 0 means exp10 < 0 here, and the digits are few.
    let mantissa = s.mantissa().ok_or(MoneyError::Malformed)?;
    let scale = u32::try_from(s.exp10.saturating_neg()).map_err(|_| MoneyError::Malformed)?;
    let value = Decimal::try_from_i128_with_scale(mantissa, scale)
        .map_err(|_| MoneyError::Malformed)?
        .normalize();
    if value > Decimal::ONE {
        Err(MoneyError::OverHundredPercent)
    } else {
        Ok(value)
    }
}

// ---------------------------------------------------------------------------------------------
// Display
// ---------------------------------------------------------------------------------------------

fn round_half_away(value: Decimal, dp: u32) -> Decimal {
    value.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
}

/// "-" for a value that is negative once rounded (never "-0").
fn sign_of(rounded: Decimal) -> &'static str {
    if rounded.is_sign_negative() && !rounded.is_zero() {
        "-"
    } else {
        ""
    }
}

/// `1234567.5` -> `1,234,567.5` (the text of a non-negative decimal in plain notation).
fn group_plain(plain: &str) -> String {
    let (int, frac) = plain.split_once('.').unwrap_or((plain, ""));
    let n = int.len();
    let mut out = String::with_capacity(plain.len() + n / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (n - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// Thousands-grouped, at most 2 decimals (rounded half away from zero), no trailing zeros:
/// `1200000` -> `1,200,000`, `1234.5` -> `1,234.5`, `0.125` -> `0.13`.
pub fn format_grouped(value: Decimal) -> String {
    let rounded = round_half_away(value, 2).normalize();
    format!("{}{}", sign_of(rounded), group_plain(&rounded.abs().to_string()))
}

/// An exact amount of yuan: grouped digits, rounded half away from zero to the fen, and either
/// no decimals (`150,000,000`) or two (`1,200.50`). Chinese: `150,000,000 元`; English:
/// `¥150,000,000`.
pub fn format_yuan(amount: Decimal, lang: Lang) -> String {
    let rounded = round_half_away(amount, 2).normalize();
    let mut digits = group_plain(&rounded.abs().to_string());
    if let Some((_, frac)) = digits.split_once('.') {
        if frac.len() == 1 {
            digits.push('0');
        }
    }
    let sign = sign_of(rounded);
    match lang {
        Lang::Zh => format!("{sign}{digits} 元"),
        Lang::En => format!("{sign}¥{digits}"),
    }
}

/// A short amount for headlines: Chinese `1.5亿元`, `5000万元`, `8000元`, `100万亿元`;
/// English `RMB 150 million`, `RMB 1.5 billion`, `RMB 8,000`.
///
/// The unit is the largest one the amount reaches (万, 亿, 万亿; million, billion, trillion),
/// and the number in that unit is rounded half away from zero to 4 decimals in Chinese and
/// 3 in English; below 1万 (Chinese) or 1 million (English) the amount is shown to the fen.
/// So the display is exact below those thresholds, for whole yuan below 1亿 (Chinese), for
/// whole thousands below 1 billion (English), and for any amount with at most 4 significant
/// digits (`123,400,000` -> `1.234亿元`, `RMB 123.4 million`); otherwise it is off by at most
/// half the last shown digit (at most 0.005 % of the amount in Chinese, 0.05 % in English). When
/// rounding reaches the next unit, that unit is used (`99,999,999.5` -> `1亿元`).
/// Use [`format_yuan`] where every fen matters.
pub fn format_compact(amount: Decimal, lang: Lang) -> String {
    // (power of ten, decimals shown, suffix), largest first; the last level is plain yuan.
    let levels: &[(i64, u32, &str)] = match lang {
        Lang::Zh => &[(12, 4, "万亿元"), (8, 4, "亿元"), (4, 4, "万元"), (0, 2, "元")],
        Lang::En => &[(12, 3, " trillion"), (9, 3, " billion"), (6, 3, " million"), (0, 2, "")],
    };
    let abs = amount.abs();
    // The largest level the exact amount reaches (amounts below 1 yuan use the last one)…
    let mut index = levels
        .iter()
        .position(|&(power, _, _)| decimal_pow10(power).is_some_and(|unit| abs >= unit))
        .unwrap_or(levels.len().saturating_sub(1));
    let mut shown = levels.get(index).and_then(|&level| in_level(abs, level));
    // …or the one above it, when rounding reaches it (9999.995 -> 1万元, not 10000元).
    if let (Some(value), Some(higher_index)) = (shown, index.checked_sub(1)) {
        let reached = match (levels.get(higher_index), levels.get(index)) {
            (Some(&(higher, _, _)), Some(&(lower, _, _))) => {
                decimal_pow10(higher.saturating_sub(lower)).is_some_and(|ratio| value >= ratio)
            }
            _ => false,
        };
        if reached {
            index = higher_index;
            shown = levels.get(index).and_then(|&level| in_level(abs, level));
        }
    }
    let (Some(value), Some(&(_, _, suffix))) = (shown, levels.get(index)) else {
        // Unreachable for powers of ten, but never panic: fall back to the exact display.
        return format_yuan(amount, lang);
    };
    let sign = if amount.is_sign_negative() && !value.is_zero() { "-" } else { "" };
    let number = value.to_string();
    match lang {
        Lang::Zh => format!("{sign}{number}{suffix}"),
        Lang::En => format!("{sign}RMB {}{suffix}", group_plain(&number)),
    }
}

/// An amount as people write it, for every screen (the exact yuan stay in the trace, see
/// [`format_yuan`]): Chinese in 万/亿 as [`format_compact`] (`39万元`, `1.2亿元`, `8000元`);
/// English in full, grouped digits to the fen (`RMB 390,000`, `RMB 1,200.50`), so the English
/// figure is exact.
pub fn format_amount(amount: Decimal, lang: Lang) -> String {
    match lang {
        Lang::Zh => format_compact(amount, lang),
        Lang::En => {
            let exact = format_yuan(amount, lang);
            let (sign, digits) = match exact.strip_prefix('-') {
                Some(rest) => ("-", rest),
                None => ("", exact.as_str()),
            };
            format!("{sign}RMB {}", digits.trim_start_matches('¥'))
        }
    }
}

/// A range of amounts as people write it, the unit said once: `7.2万–12万元`,
/// `RMB 72,000–120,000`; one figure when both ends show the same.
pub fn format_amount_range(min: Decimal, max: Decimal, lang: Lang) -> String {
    let (low, high) = (format_amount(min, lang), format_amount(max, lang));
    if low == high {
        return high;
    }
    match lang {
        Lang::Zh => format!("{}–{high}", low.strip_suffix('元').unwrap_or(&low)),
        Lang::En => format!("{low}–{}", high.trim_start_matches("RMB ")),
    }
}

fn decimal_pow10(power: i64) -> Option<Decimal> {
    pow10(power).and_then(|p| Decimal::try_from_i128_with_scale(p, 0).ok())
}

/// `abs` in units of 10^power, rounded half away from zero to `dp` decimals, normalised.
fn in_level(abs: Decimal, (power, dp, _): (i64, u32, &str)) -> Option<Decimal> {
    let unit = decimal_pow10(power)?;
    abs.checked_div(unit).map(|v| round_half_away(v, dp).normalize())
}

/// A rate as people read it: per mille below 1 % (`0.002` -> `2‰`, `0.00125` -> `1.25‰`),
/// per cent otherwise (`0.5` -> `50%`, `0.125` -> `12.5%`); at most 2 decimals, rounded half
/// away from zero. [`parse_percent`] reads every output back.
pub fn format_rate(rate: Decimal) -> String {
    let one_percent = Decimal::new(1, 2);
    if !rate.is_zero() && rate.abs() < one_percent {
        if let Some(per_mille) = rate.checked_mul(Decimal::ONE_THOUSAND) {
            let rounded = round_half_away(per_mille, 2).normalize();
            if rounded.abs() < Decimal::TEN {
                return format!("{}{}‰", sign_of(rounded), rounded.abs());
            }
        }
    }
    match rate.checked_mul(Decimal::ONE_HUNDRED) {
        Some(per_cent) => {
            let rounded = round_half_away(per_cent, 2).normalize();
            format!("{}{}%", sign_of(rounded), rounded.abs())
        }
        // Only for absurd rates (above 10^26): show the fraction itself.
        None => rate.normalize().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn money(s: &str) -> Decimal {
        parse_money(s).unwrap_or_else(|e| panic!("{s:?} should parse, got {e:?}"))
    }

    fn money_err(s: &str) -> MoneyError {
        match parse_money(s) {
            Ok(v) => panic!("{s:?} should be rejected, got {v}"),
            Err(e) => e,
        }
    }

    #[test]
    fn max_yuan_is_ten_to_the_fourteenth() {
        assert_eq!(MAX_YUAN, Decimal::from(100_000_000_000_000i64));
        assert_eq!(MAX_YUAN.scale(), 0);
    }

    #[test]
    fn accepts_what_people_type() {
        let cases = [
            ("1.5亿", "150000000"),
            ("5000万", "50000000"),
            ("120,000", "120000"),
            ("１２３万", "1230000"),
            ("１２０，０００．５", "120000.5"),
            ("1.2 亿元", "120000000"),
            ("0.5亿元", "50000000"),
            ("120000元", "120000"),
            ("¥120,000", "120000"),
            ("￥1,200", "1200"),
            ("5千万", "50000000"),
            ("1.5 亿", "150000000"),
            ("  1.5亿  ", "150000000"),
            ("\u{3000}5000万\u{3000}", "50000000"),
            ("\t120000\n", "120000"),
            ("1.2345亿", "123450000"),
            ("0", "0"),
            ("0.01", "0.01"),
            ("1.50", "1.5"),
            ("120000.00元", "120000"),
            (".5", "0.5"),
            ("5.", "5"),
            ("+5", "5"),
            ("-0", "0"),
            ("1万亿", "1000000000000"),
            ("100万亿", "100000000000000"),
            ("3百万", "3000000"),
            ("RMB 150 million", "150000000"),
            ("RMB 1.5 billion", "1500000000"),
            ("RMB 8,000", "8000"),
            ("150 million yuan", "150000000"),
            ("rmb120000", "120000"),
            ("人民币 1.5亿元", "150000000"),
            ("1.5E+08", "150000000"),
            ("1e14", "100000000000000"),
            ("100000000000000", "100000000000000"),
            ("99999999999999.99", "99999999999999.99"),
            ("0.001亿", "100000"),
            ("1000e-3", "1"),
            ("¥ -0", "0"),
            ("5块", "5"),
        ];
        for (input, want) in cases {
            assert_eq!(money(input), d(want), "{input:?}");
        }
    }

    #[test]
    fn invisible_copy_paste_characters_are_stripped() {
        assert_eq!(money("1\u{200B}20,000"), d("120000"));
        assert_eq!(money("\u{FEFF}120000"), d("120000"));
        assert_eq!(money("\u{200E}120000\u{200F}"), d("120000"));
        assert_eq!(money("\u{00A0}1.5亿\u{00A0}"), d("150000000"));
        assert_eq!(money_err("\u{200B}\u{FEFF}"), MoneyError::Empty);
    }

    #[test]
    fn direction_overrides_are_rejected() {
        assert_eq!(money_err("\u{202E}000,021"), MoneyError::HiddenCharacter);
        assert_eq!(money_err("12\u{2066}0\u{2069}"), MoneyError::HiddenCharacter);
        assert_eq!(money_err("\u{202A}5"), MoneyError::HiddenCharacter);
    }

    #[test]
    fn rejects_with_the_right_error() {
        use MoneyError::*;
        let cases = [
            ("", Empty),
            ("   ", Empty),
            ("\u{3000}", Empty),
            ("abc", NotANumber),
            ("NaN", NotANumber),
            ("inf", NotANumber),
            ("-inf", NotANumber),
            ("Infinity", NotANumber),
            ("五万", Malformed),
            ("五千", Malformed),
            ("-5", Negative),
            ("－5", Negative),
            ("−5", Negative),
            ("-1.5亿", Negative),
            ("¥-5", Negative),
            ("-1e30", Negative),
            ("1e30", TooLarge),
            ("1000000000000000000000000000000", TooLarge),
            ("99999999亿", TooLarge),
            ("100000000000000.01", TooLarge),
            ("1e15", TooLarge),
            ("1e999999999999999999", TooLarge),
            ("1.2.3", Malformed),
            ("1,2,3,4", Malformed),
            ("1,0000", Malformed),
            (",100", Malformed),
            ("100,", Malformed),
            ("1.000,5", Malformed),
            ("亿", Malformed),
            ("元", Malformed),
            ("5万万", Malformed),
            ("5亿万", Malformed),
            ("1..5", Malformed),
            ("12万5", Malformed),
            ("0.001元", Malformed),
            ("1.005", Malformed),
            ("1e-3", Malformed),
            ("1e", Malformed),
            ("1e+", Malformed),
            ("120 000", Malformed),
            ("5%", Malformed),
            ("--5", Malformed),
            ("+-5", Malformed),
            ("5-", Malformed),
            (".", NotANumber),
            ("¥", Malformed),
            ("1.5亿亿", Malformed),
            ("٣", NotANumber),
            ("1\u{0}", Malformed),
        ];
        for (input, want) in cases {
            assert_eq!(money_err(input), want, "{input:?}");
        }
    }

    #[test]
    fn shorthand_multipliers() {
        let cases = [
            ("300w", "3000000"),
            ("300W", "3000000"),
            ("1.2w", "12000"),
            ("1.2 w元", "12000"),
            ("¥300w", "3000000"),
            ("８０ｋ", "80000"),
            ("80k", "80000"),
            ("80K", "80000"),
            ("1.5m", "1500000"),
            ("RMB 1.5M", "1500000"),
            ("2b", "2000000000"),
            ("2 B yuan", "2000000000"),
            ("1.5 million", "1500000"),
            ("2 billion", "2000000000"),
        ];
        for (input, want) in cases {
            assert_eq!(money(input), d(want), "{input:?}");
        }
        assert_eq!(parse_count("1.5w"), Ok(d("15000")));
        assert_eq!(parse_count("2k人"), Ok(d("2000")));
        // Mixed forms stay malformed.
        for input in ["1.2万w", "5kw", "5wk", "1k5", "3w5", "5 m m", "1.5亿m", "w", "k5"] {
            assert!(
                matches!(parse_money(input), Err(MoneyError::Malformed | MoneyError::NotANumber)),
                "{input:?}: {:?}",
                parse_money(input)
            );
        }
        assert_eq!(parse_percent("5k"), Err(MoneyError::Malformed));
    }

    #[test]
    fn near_misses_are_errors_with_a_fix() {
        let cases = [
            ("1.2忆", "1.2亿"),
            ("1.2乙", "1.2亿"),
            ("1.2意元", "1.2亿元"),
            ("3億", "3亿"),
            ("300完", "300万"),
            ("300玩", "300万"),
            ("5o0万", "500万"),
            ("1oo", "100"),
            ("o.5亿", "0.5亿"),
            ("1O,000", "10,000"),
            ("2o million", "20 million"),
            (" 1.2忆 ", "1.2亿"),
        ];
        for (input, fixed) in cases {
            assert_eq!(parse_money(input), Err(MoneyError::NearMiss), "{input:?}");
            assert_eq!(suggest(input, Quantity::Money).as_deref(), Some(fixed), "{input:?}");
            assert!(parse_money(fixed).is_ok(), "{fixed:?}");
        }
        assert_eq!(parse_count("1.5完"), Err(MoneyError::NearMiss));
        assert_eq!(suggest("1.5完", Quantity::Count).as_deref(), Some("1.5万"));
        assert_eq!(parse_percent("6o%"), Err(MoneyError::NearMiss));
        assert_eq!(suggest("6o%", Quantity::Percent).as_deref(), Some("60%"));
        // No fix that parses: the usual error, and no suggestion.
        for (input, error) in [
            ("12忆5", MoneyError::Malformed),
            ("忆", MoneyError::NotANumber),
            ("o", MoneyError::NotANumber),
            ("1.2忆忆", MoneyError::Malformed),
        ] {
            assert_eq!(parse_money(input), Err(error), "{input:?}");
            assert_eq!(suggest(input, Quantity::Money), None, "{input:?}");
        }
        // The o of a word is not a digit; valid text has nothing to fix.
        assert_eq!(near_miss_fix("1.5 million"), None);
        assert_eq!(near_miss_fix("1.5亿"), None);
        assert_eq!(suggest("1.5 thousand", Quantity::Money), None);
        // A fix that is still wrong for the quantity is no suggestion (a count of 1.5).
        assert_eq!(suggest("1.5o", Quantity::Count), None);
    }

    #[test]
    fn huge_inputs_are_rejected_quickly() {
        let mb = "9".repeat(1 << 20);
        assert_eq!(parse_money(&mb), Err(MoneyError::TooLong));
        assert_eq!(parse_count(&mb), Err(MoneyError::TooLong));
        assert_eq!(parse_percent(&mb), Err(MoneyError::TooLong));
        let just_fits = format!("{}1", " ".repeat(MAX_INPUT_BYTES - 1));
        assert_eq!(money(&just_fits), d("1"));
        let tiny = format!("0.{}1e700", "0".repeat(800));
        assert_eq!(money_err(&tiny), MoneyError::Malformed);
        let big = format!("0.{}1e900", "0".repeat(800));
        assert_eq!(money_err(&big), MoneyError::TooLarge);
        let exact = format!("0.{}1e801亿", "0".repeat(800));
        assert_eq!(money(&exact), d("100000000"));
    }

    #[test]
    fn every_error_has_a_message_in_both_languages() {
        use MoneyError::*;
        for e in [
            Empty,
            NotANumber,
            Negative,
            TooLarge,
            Malformed,
            NotWhole,
            TooLong,
            HiddenCharacter,
            OverHundredPercent,
            NearMiss,
        ] {
            for q in [Quantity::Money, Quantity::Count, Quantity::Percent] {
                let zh = e.message_for(q, Lang::Zh);
                let en = e.message_for(q, Lang::En);
                assert!(!zh.is_empty() && !en.is_empty(), "{e:?} {q:?}");
                assert_ne!(zh, en);
                assert!(
                    en.is_ascii() || en.contains('亿') || en.contains('万') || en.contains('‰')
                );
            }
            assert_eq!(e.message(Lang::En), e.message_for(Quantity::Money, Lang::En));
            assert_eq!(e.to_string(), e.message(Lang::En));
        }
        assert_eq!(Empty.message(Lang::Zh), "请输入金额，例如 1.5亿、5000万 或 120,000");
        assert_eq!(Empty.message(Lang::En), "Enter an amount such as 1.5亿, 5000万 or 120,000");
    }

    #[test]
    fn counts() {
        use MoneyError::*;
        let ok = [
            ("12", "12"),
            ("1,200", "1200"),
            ("１２", "12"),
            ("1.5万", "15000"),
            ("30人", "30"),
            ("5 台", "5"),
            ("12.0", "12"),
            ("0", "0"),
            ("1e3", "1000"),
        ];
        for (input, want) in ok {
            assert_eq!(parse_count(input), Ok(d(want)), "{input:?}");
        }
        let bad = [
            ("1.5", NotWhole),
            ("0.5", NotWhole),
            ("1.00001万", NotWhole),
            ("-3", Negative),
            ("", Empty),
            ("abc", NotANumber),
            ("1万2", Malformed),
            ("¥5", Malformed),
            ("5元", Malformed),
            ("1e15", TooLarge),
        ];
        for (input, want) in bad {
            assert_eq!(parse_count(input), Err(want), "{input:?}");
        }
    }

    #[test]
    fn percentages() {
        use MoneyError::*;
        let ok = [
            ("60%", "0.6"),
            ("60", "0.6"),
            ("６０％", "0.6"),
            ("0.6", "0.006"),
            ("0.6%", "0.006"),
            ("100", "1"),
            ("100%", "1"),
            ("0", "0"),
            ("12.5 %", "0.125"),
            ("2‰", "0.002"),
            ("1000‰", "1"),
            ("12.345678%", "0.12345678"),
        ];
        for (input, want) in ok {
            assert_eq!(parse_percent(input), Ok(d(want)), "{input:?}");
        }
        let bad = [
            ("100.01", OverHundredPercent),
            ("150%", OverHundredPercent),
            ("1e30%", OverHundredPercent),
            ("-5%", Negative),
            ("", Empty),
            ("abc", NotANumber),
            ("60%%", Malformed),
            ("60万", Malformed),
            ("0.0000001%", Malformed),
        ];
        for (input, want) in bad {
            assert_eq!(parse_percent(input), Err(want), "{input:?}");
        }
        assert!(OverHundredPercent.message(Lang::Zh).contains("100%"));
        assert!(TooLarge.message_for(Quantity::Percent, Lang::En).contains("100%"));
    }

    #[test]
    fn grouped() {
        assert_eq!(format_grouped(d("1200000")), "1,200,000");
        assert_eq!(format_grouped(d("0")), "0");
        assert_eq!(format_grouped(d("999")), "999");
        assert_eq!(format_grouped(d("1000")), "1,000");
        assert_eq!(format_grouped(d("1234.5")), "1,234.5");
        assert_eq!(format_grouped(d("1234.50")), "1,234.5");
        assert_eq!(format_grouped(d("0.125")), "0.13");
        assert_eq!(format_grouped(d("0.135")), "0.14");
        assert_eq!(format_grouped(d("2.005")), "2.01");
        assert_eq!(format_grouped(d("-1234.5")), "-1,234.5");
        assert_eq!(format_grouped(d("-0.001")), "0");
        assert_eq!(format_grouped(d("100000000000000")), "100,000,000,000,000");
    }

    #[test]
    fn yuan() {
        assert_eq!(format_yuan(d("150000000"), Lang::Zh), "150,000,000 元");
        assert_eq!(format_yuan(d("150000000"), Lang::En), "¥150,000,000");
        assert_eq!(format_yuan(d("150000000.00"), Lang::En), "¥150,000,000");
        assert_eq!(format_yuan(d("1200.5"), Lang::En), "¥1,200.50");
        assert_eq!(format_yuan(d("0.125"), Lang::Zh), "0.13 元");
        assert_eq!(format_yuan(d("0.004"), Lang::Zh), "0 元");
        assert_eq!(format_yuan(d("-1200"), Lang::En), "-¥1,200");
    }

    #[test]
    fn compact() {
        let zh = |s: &str| format_compact(d(s), Lang::Zh);
        let en = |s: &str| format_compact(d(s), Lang::En);
        assert_eq!(zh("150000000"), "1.5亿元");
        assert_eq!(zh("50000000"), "5000万元");
        assert_eq!(zh("8000"), "8000元");
        assert_eq!(zh("0"), "0元");
        assert_eq!(zh("9999.99"), "9999.99元");
        assert_eq!(zh("9999.995"), "1万元");
        assert_eq!(zh("12345"), "1.2345万元");
        assert_eq!(zh("123456789"), "1.2346亿元");
        assert_eq!(zh("123400000"), "1.234亿元");
        assert_eq!(en("123400000"), "RMB 123.4 million");
        assert_eq!(zh("99999999.5"), "1亿元");
        assert_eq!(zh("99990000"), "9999万元");
        assert_eq!(zh("1000000000000"), "1万亿元");
        assert_eq!(zh("100000000000000"), "100万亿元");
        assert_eq!(zh("-150000000"), "-1.5亿元");
        assert_eq!(en("150000000"), "RMB 150 million");
        assert_eq!(en("50000000"), "RMB 50 million");
        assert_eq!(en("8000"), "RMB 8,000");
        assert_eq!(en("999999.99"), "RMB 999,999.99");
        assert_eq!(en("999999.995"), "RMB 1 million");
        assert_eq!(en("1500000000"), "RMB 1.5 billion");
        assert_eq!(en("123456789"), "RMB 123.457 million");
        assert_eq!(en("100000000000000"), "RMB 100 trillion");
        assert_eq!(en("0.5"), "RMB 0.5");
    }

    #[test]
    fn amounts_as_people_write_them() {
        let zh = |s: &str| format_amount(d(s), Lang::Zh);
        let en = |s: &str| format_amount(d(s), Lang::En);
        assert_eq!(zh("390000"), "39万元");
        assert_eq!(zh("120000000"), "1.2亿元");
        assert_eq!(zh("72000"), "7.2万元");
        assert_eq!(zh("8000"), "8000元");
        assert_eq!(en("390000"), "RMB 390,000");
        assert_eq!(en("120000000"), "RMB 120,000,000");
        assert_eq!(en("1200.5"), "RMB 1,200.50");
        assert_eq!(en("-1200"), "-RMB 1,200");
        assert_eq!(en("0"), "RMB 0");
    }

    #[test]
    fn ranges_say_the_unit_once() {
        let zh = |a: &str, b: &str| format_amount_range(d(a), d(b), Lang::Zh);
        let en = |a: &str, b: &str| format_amount_range(d(a), d(b), Lang::En);
        assert_eq!(zh("72000", "120000"), "7.2万–12万元");
        assert_eq!(zh("6000", "10000"), "6000–1万元");
        assert_eq!(zh("50000000", "120000000"), "5000万–1.2亿元");
        assert_eq!(zh("390000", "390000"), "39万元");
        assert_eq!(en("72000", "120000"), "RMB 72,000–120,000");
        assert_eq!(en("5", "5"), "RMB 5");
        // Every end parses back (the Chinese low end with its unit restored).
        for (low, high) in [("72000", "120000"), ("6000", "10000"), ("50000000", "120000000")] {
            let text = zh(low, high);
            let (a, b) = text.split_once('–').unwrap_or_default();
            assert_eq!(parse_money(&format!("{a}元")), Ok(d(low)), "{text}");
            assert_eq!(parse_money(b), Ok(d(high)), "{text}");
            let text = en(low, high);
            let (a, b) = text.split_once('–').unwrap_or_default();
            assert_eq!(parse_money(a), Ok(d(low)), "{text}");
            assert_eq!(parse_money(b), Ok(d(high)), "{text}");
        }
    }

    #[test]
    fn rates() {
        assert_eq!(format_rate(d("0.002")), "2‰");
        assert_eq!(format_rate(d("0.001")), "1‰");
        assert_eq!(format_rate(d("0.5")), "50%");
        assert_eq!(format_rate(d("0.1")), "10%");
        assert_eq!(format_rate(d("0.2")), "20%");
        assert_eq!(format_rate(d("0")), "0%");
        assert_eq!(format_rate(d("1")), "100%");
        assert_eq!(format_rate(d("0.00125")), "1.25‰");
        assert_eq!(format_rate(d("0.0099999")), "1%");
        assert_eq!(format_rate(d("0.125")), "12.5%");
        assert_eq!(format_rate(d("0.01")), "1%");
        assert_eq!(format_rate(d("-0.002")), "-2‰");
    }
}
