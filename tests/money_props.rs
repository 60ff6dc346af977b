//! Property tests for `engine::money`, and the nasty-input corpus.
//!
//! # The corpus: `tests/corpus/money/*.txt`
//!
//! One input per line. Lines are read verbatim (only the line break, and a `\r` before it, is
//! removed), except:
//!
//! * an empty line, or a line starting with `#`, is skipped (a comment);
//! * `\u{HEX}` is replaced by that character, so that invisible characters, spaces at the ends,
//!   line breaks and `#` can be written visibly (`\u{200B}`, `\u{20}`, `\u{A}`, `\u{23}`);
//!   other backslashes are literal;
//! * in `accept.txt` each line is `input => yuan`: the input must parse to exactly that amount;
//! * in `reject.txt` each line is `input => Error`: the input must fail with that
//!   `MoneyError` variant;
//! * in any other file (`nasty.txt`) each line is just an input, which may parse or not.
//!
//! The text after the last ` => ` is the expectation. Every input of every file is also fed to
//! `parse_money`, `parse_count` and `parse_percent`, which must not panic, must return values in
//! range, and must explain every error in both languages.

use proptest::prelude::*;
use qinzhou_incentives::engine::lang::Lang;
use qinzhou_incentives::engine::money::*;
use rust_decimal::Decimal;
use std::path::Path;
use std::str::FromStr;

const LANGS: [Lang; 2] = [Lang::Zh, Lang::En];
const QUANTITIES: [Quantity; 3] = [Quantity::Money, Quantity::Count, Quantity::Percent];

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn pow10(n: u32) -> Decimal {
    Decimal::from(10i64.pow(n))
}

/// Checks the invariants every parse result must satisfy; returns a description of a violation.
fn check_result(
    input: &str,
    quantity: Quantity,
    result: &Result<Decimal, MoneyError>,
) -> Result<(), String> {
    match result {
        Ok(v) => {
            let (low, high) = match quantity {
                Quantity::Percent => (Decimal::ZERO, Decimal::ONE),
                _ => (Decimal::ZERO, MAX_YUAN),
            };
            if *v < low || *v > high {
                return Err(format!("{input:?} as {quantity:?} gave {v}, out of range"));
            }
            let places = match quantity {
                Quantity::Money => 2,
                Quantity::Count => 0,
                Quantity::Percent => 8,
            };
            if v.round_dp(places) != *v {
                return Err(format!("{input:?} as {quantity:?} gave {v}: too many decimals"));
            }
            if let Some(fix) = suggest(input, quantity) {
                return Err(format!("{input:?} as {quantity:?} parses, yet {fix:?} is suggested"));
            }
        }
        Err(e) => {
            // A near miss, and only a near miss, offers a fix that parses.
            let fix = suggest(input, quantity);
            let parser = match quantity {
                Quantity::Money => parse_money,
                Quantity::Count => parse_count,
                Quantity::Percent => parse_percent,
            };
            let fix_parses = fix.as_deref().is_some_and(|f| parser(f).is_ok());
            if (*e == MoneyError::NearMiss) != fix_parses {
                return Err(format!("{input:?} as {quantity:?}: {e:?} with the fix {fix:?}"));
            }
            for lang in LANGS {
                if e.message(lang).trim().is_empty() {
                    return Err(format!("{input:?}: {e:?} has no {lang:?} message"));
                }
                for q in QUANTITIES {
                    if e.message_for(q, lang).trim().is_empty() {
                        return Err(format!("{input:?}: {e:?} has no {lang:?} {q:?} message"));
                    }
                }
            }
        }
    }
    Ok(())
}

fn check_all_parsers(input: &str) -> Result<(), String> {
    check_result(input, Quantity::Money, &parse_money(input))?;
    check_result(input, Quantity::Count, &parse_count(input))?;
    check_result(input, Quantity::Percent, &parse_percent(input))
}

// ---------------------------------------------------------------------------------------------
// Strategies
// ---------------------------------------------------------------------------------------------

/// Amounts from 0 to 10^14 yuan with at most 2 decimals, biased towards round numbers and the
/// ends of the range.
fn amount() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        4 => (0i64..=10i64.pow(16)).prop_map(|fen| Decimal::new(fen, 2)),
        2 => (0i64..=1_000_000).prop_map(|fen| Decimal::new(fen, 2)),
        2 => (0i64..=99_999, 0u32..=9).prop_map(|(m, e)| Decimal::from(m) * pow10(e)),
        1 => (0i64..=100).prop_map(|fen| Decimal::new(10i64.pow(16) - fen, 2)),
        1 => Just(MAX_YUAN),
        1 => Just(Decimal::ZERO),
    ]
}

/// Amounts that `format_compact` shows exactly in both languages: at most 4 significant
/// digits, or to the fen below 1万 (where both languages show every fen).
fn compact_exact_amount() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        (0i64..=9_999, 0u32..=10).prop_map(|(m, e)| Decimal::from(m) * pow10(e)),
        (0i64..=999_999).prop_map(|fen| Decimal::new(fen, 2)),
        Just(MAX_YUAN),
    ]
}

/// Arbitrary Unicode text.
fn any_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(any::<char>(), 0..48).prop_map(|cs| cs.into_iter().collect())
}

/// Text made of the pieces of the grammar and its near misses, to reach deep paths.
fn moneyish_text() -> impl Strategy<Value = String> {
    const PIECES: &[&str] = &[
        "0",
        "1",
        "2",
        "5",
        "9",
        "00",
        "000",
        "１",
        "０",
        "５",
        ",",
        ".",
        "，",
        "．",
        "万",
        "亿",
        "千",
        "百",
        "十",
        "元",
        "块",
        "¥",
        "￥",
        "%",
        "％",
        "‰",
        " ",
        "\u{3000}",
        "-",
        "－",
        "+",
        "e",
        "E",
        "e-",
        "e+",
        "\u{200B}",
        "\u{FEFF}",
        "\u{200E}",
        "\u{202E}",
        "\u{2066}",
        "rmb",
        "RMB ",
        "million",
        "billion",
        "thousand",
        "yuan",
        "人民币",
        "人",
        "台",
        "x",
        "w",
        "W",
        "k",
        "m",
        "b",
        "忆",
        "乙",
        "完",
        "o",
        "O",
        "五",
        "\n",
        "\u{0}",
    ];
    proptest::collection::vec(proptest::sample::select(PIECES), 0..20).prop_map(|ps| ps.concat())
}

/// Replaces ASCII with its full-width form and spaces with U+3000.
fn full_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            ' ' => '\u{3000}',
            '!'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap(),
            c => c,
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

proptest! {
    // Default case counts; failures are printed (minimised), not saved next to the sources.
    #![proptest_config(ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn grouped_round_trips(x in amount()) {
        let shown = format_grouped(x);
        prop_assert_eq!(parse_money(&shown), Ok(x), "shown as {}", shown);
    }

    #[test]
    fn yuan_round_trips(x in amount()) {
        for lang in LANGS {
            let shown = format_yuan(x, lang);
            prop_assert_eq!(parse_money(&shown), Ok(x), "shown as {}", shown);
        }
    }

    #[test]
    fn compact_round_trips_where_exact(x in compact_exact_amount()) {
        for lang in LANGS {
            let shown = format_compact(x, lang);
            prop_assert_eq!(parse_money(&shown), Ok(x), "shown as {}", shown);
        }
    }

    /// Elsewhere compact is off by at most half its last digit: 0.005 % (zh), 0.05 % (en).
    #[test]
    fn compact_is_close(x in amount()) {
        for (lang, relative) in [(Lang::Zh, dec("0.00005")), (Lang::En, dec("0.0005"))] {
            let shown = format_compact(x, lang);
            let back = parse_money(&shown);
            prop_assert!(back.is_ok(), "{} shown as {} does not parse: {:?}", x, shown, back);
            let back = back.unwrap();
            let bound = (x * relative).max(dec("0.005"));
            prop_assert!((back - x).abs() <= bound, "{} shown as {} reads {}", x, shown, back);
        }
    }

    #[test]
    fn never_panics_on_any_text(s in any_text()) {
        if let Err(violation) = check_all_parsers(&s) {
            return Err(TestCaseError::fail(violation));
        }
    }

    #[test]
    fn never_panics_on_moneyish_text(s in moneyish_text()) {
        if let Err(violation) = check_all_parsers(&s) {
            return Err(TestCaseError::fail(violation));
        }
    }

    #[test]
    fn full_width_reads_like_ascii(s in moneyish_text()) {
        let wide = full_width(&s);
        prop_assert_eq!(parse_money(&wide), parse_money(&s), "{:?} vs {:?}", wide, s);
        prop_assert_eq!(parse_count(&wide), parse_count(&s));
        prop_assert_eq!(parse_percent(&wide), parse_percent(&s));
    }

    #[test]
    fn wan_scales_by_ten_thousand(k in 0i64..=10_000_000_000, scale in 0u32..=6) {
        let n = Decimal::new(k, scale);
        let want = n * pow10(4);
        prop_assert_eq!(parse_money(&format!("{n}万")), Ok(want));
        prop_assert_eq!(parse_money(&format!("{n} 万元")), Ok(want));
        prop_assert_eq!(parse_count(&format!("{n}万")), if want.fract().is_zero() {
            Ok(want)
        } else {
            Err(MoneyError::NotWhole)
        });
    }

    #[test]
    fn yi_scales_by_ten_to_the_eighth(k in 0i64..=1_000_000, scale in 0u32..=10) {
        let n = Decimal::new(k, scale);
        let want = n * pow10(8);
        prop_assert_eq!(parse_money(&format!("{n}亿")), Ok(want));
        prop_assert_eq!(parse_money(&format!("¥{n}亿")), Ok(want));
    }

    /// Shorthand: w is 万, k a thousand, m a million, b a billion, in any case.
    #[test]
    fn shorthand_scales_like_the_words(k in 0i64..=1_000_000, scale in 0u32..=2) {
        let n = Decimal::new(k, scale);
        for (letters, word) in [("wW", "万"), ("kK", "thousand"), ("mM", "million"), ("bB", "billion")] {
            for letter in letters.chars() {
                prop_assert_eq!(parse_money(&format!("{n}{letter}")), parse_money(&format!("{n}{word}")));
                prop_assert_eq!(parse_count(&format!("{n} {letter}")), parse_count(&format!("{n} {word}")));
            }
        }
        prop_assert_eq!(parse_money(&format!("{n}w")), Ok(n * pow10(4)));
    }

    /// A unit typed as its input-method near miss is an error whose fix is the text meant.
    #[test]
    fn a_near_miss_unit_is_fixed_to_the_unit(
        k in 0i64..=1_000_000,
        scale in 0u32..=2,
        (miss, unit) in prop::sample::select(vec![
            ('忆', '亿'), ('乙', '亿'), ('意', '亿'), ('億', '亿'), ('完', '万'), ('玩', '万'), ('萬', '万'),
        ]),
    ) {
        let n = Decimal::new(k, scale);
        let meant = format!("{n}{unit}");
        prop_assume!(parse_money(&meant).is_ok());
        let typed = format!("{n}{miss}");
        prop_assert_eq!(parse_money(&typed), Err(MoneyError::NearMiss));
        prop_assert_eq!(suggest(&typed, Quantity::Money), Some(meant));
    }

    /// The letter o for the digit 0, inside a number, is a near miss fixed to the digits.
    #[test]
    fn the_letter_o_for_zero_is_fixed(x in amount(), upper in any::<bool>()) {
        let shown = format_grouped(x);
        prop_assume!(shown.contains('0') && shown.chars().any(|c| c.is_ascii_digit() && c != '0'));
        let o = if upper { "O" } else { "o" };
        let typed = shown.replace('0', o);
        prop_assert_eq!(parse_money(&typed), Err(MoneyError::NearMiss), "{}", typed);
        prop_assert_eq!(suggest(&typed, Quantity::Money), Some(shown));
    }

    #[test]
    fn above_the_limit_is_too_large(k in 1_000_001i64..=1_000_000_000_000, fen in 1i64..=10i64.pow(12)) {
        prop_assert_eq!(parse_money(&format!("{k}亿")), Err(MoneyError::TooLarge));
        let over = MAX_YUAN + Decimal::new(fen, 2);
        prop_assert_eq!(parse_money(&over.to_string()), Err(MoneyError::TooLarge));
        prop_assert_eq!(parse_money(&format_grouped(over)), Err(MoneyError::TooLarge));
    }

    #[test]
    fn finer_than_a_fen_is_malformed(k in 0i64..=1_000_000_000) {
        prop_assume!(k % 10 != 0);
        prop_assert_eq!(parse_money(&Decimal::new(k, 3).to_string()), Err(MoneyError::Malformed));
    }

    #[test]
    fn a_minus_sign_is_negative(fen in 1i64..=10i64.pow(16), minus in prop::sample::select(vec!["-", "－", "−"])) {
        let x = Decimal::new(fen, 2);
        prop_assert_eq!(parse_money(&format!("{minus}{}", format_grouped(x))), Err(MoneyError::Negative));
    }

    #[test]
    fn counts_round_trip(n in 0i64..=10i64.pow(14)) {
        let n = Decimal::from(n);
        prop_assert_eq!(parse_count(&format_grouped(n)), Ok(n));
        prop_assert_eq!(parse_count(&format!("{n}.5")), Err(MoneyError::NotWhole));
    }

    #[test]
    fn rates_round_trip(r in prop_oneof![
        (0i64..1_000).prop_map(|k| Decimal::new(k, 5)),
        (0i64..=10_000).prop_map(|k| Decimal::new(k, 4)),
    ]) {
        let shown = format_rate(r);
        prop_assert_eq!(parse_percent(&shown), Ok(r), "shown as {}", shown);
    }

    #[test]
    fn percent_reads_a_bare_number_as_per_cent(k in 0i64..=10_000) {
        let p = Decimal::new(k, 2);
        let want = p / Decimal::ONE_HUNDRED;
        prop_assert_eq!(parse_percent(&p.to_string()), Ok(want));
        prop_assert_eq!(parse_percent(&format!("{p}%")), Ok(want));
    }
}

// ---------------------------------------------------------------------------------------------
// Corpus
// ---------------------------------------------------------------------------------------------

/// Decodes `\u{HEX}` escapes (see the top of this file).
fn unescape(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(at) = rest.find("\\u{") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 3..];
        let close = after.find('}').unwrap_or_else(|| panic!("unclosed escape in {line:?}"));
        let code = u32::from_str_radix(&after[..close], 16)
            .unwrap_or_else(|_| panic!("bad escape in {line:?}"));
        out.push(char::from_u32(code).unwrap_or_else(|| panic!("bad char in {line:?}")));
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

fn error_named(name: &str) -> MoneyError {
    use MoneyError::*;
    match name {
        "Empty" => Empty,
        "NotANumber" => NotANumber,
        "Negative" => Negative,
        "TooLarge" => TooLarge,
        "Malformed" => Malformed,
        "NotWhole" => NotWhole,
        "TooLong" => TooLong,
        "HiddenCharacter" => HiddenCharacter,
        "OverHundredPercent" => OverHundredPercent,
        "NearMiss" => NearMiss,
        other => panic!("unknown error name {other:?} in the corpus"),
    }
}

#[test]
fn corpus() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/money");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let names: Vec<_> =
        files.iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
    for needed in ["accept.txt", "reject.txt", "nasty.txt"] {
        assert!(names.iter().any(|n| n == needed), "missing {needed}");
    }

    let mut failures = Vec::new();
    let mut seen = 0;
    for (path, name) in files.iter().zip(&names) {
        let text = std::fs::read_to_string(path).unwrap();
        for (number, raw) in text.split('\n').enumerate() {
            let raw = raw.strip_suffix('\r').unwrap_or(raw);
            if raw.is_empty() || raw.starts_with('#') {
                continue;
            }
            let place = format!("{name}:{}", number + 1);
            let (input, expected) = match name.as_str() {
                "accept.txt" | "reject.txt" => match raw.rsplit_once(" => ") {
                    Some((input, expected)) => (unescape(input), Some(expected.trim())),
                    None => panic!("{place}: expected `input => expectation`"),
                },
                _ => (unescape(raw), None),
            };
            seen += 1;
            if let Err(violation) = check_all_parsers(&input) {
                failures.push(format!("{place}: {violation}"));
            }
            let got = parse_money(&input);
            let want = match (name.as_str(), expected) {
                ("accept.txt", Some(yuan)) => Some(Ok(dec(yuan))),
                ("reject.txt", Some(error)) => Some(Err(error_named(error))),
                _ => None,
            };
            if let Some(want) = want {
                if got != want {
                    failures.push(format!("{place}: {input:?} gave {got:?}, want {want:?}"));
                }
            }
        }
    }
    assert!(seen >= 100, "the corpus has only {seen} inputs");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Inputs too big to commit: a megabyte of digits, spaces, invisible or Chinese characters.
#[test]
fn megabyte_inputs_are_rejected() {
    let mb = 1 << 20;
    for input in [
        "9".repeat(mb),
        " ".repeat(mb),
        "\u{200B}".repeat(mb / 3),
        "亿".repeat(mb / 3),
        "1,000".repeat(mb / 5),
        format!("1{}", "0".repeat(mb)),
        format!("0.{}1", "0".repeat(mb)),
    ] {
        assert_eq!(parse_money(&input), Err(MoneyError::TooLong));
        check_all_parsers(&input).unwrap();
    }
}
