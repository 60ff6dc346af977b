//! Fuzzing on the stable toolchain: proptest feeds generated inputs to the three edges where
//! text from outside enters the engine, and checks that nothing panics and that every
//! rejection is explained in both languages.
//!
//! | target    | functions                                            | generators                 |
//! |-----------|------------------------------------------------------|----------------------------|
//! | `money`   | `parse_money`, `parse_count`, `parse_percent`        | any text; valid amounts mutated; amounts assembled from nasty parts |
//! | `profile` | `Profile::from_json`                                 | any text; example profiles mutated byte-wise and as JSON trees; arbitrary JSON; profile-shaped JSON with hostile values |
//! | `link`    | `share::decode_profile`                              | any text; base64url noise; valid links mutated; valid links with mutated content and a correct checksum (to reach the content parser) |
//! | `hash`    | `ui::route::Route::from_hash`, then the link decoder | links as a browser's `location.hash` gives them: characters percent-encoded (`%41…`, either case), spaces, line breaks and invisible characters inserted and encoded (`%20`, `%0A`, `%E2%80%8B`) |
//! | `duplicate-key` | `Profile::from_json`                           | profile documents with one key written twice (at the top or inside `answers`, same or another value) |
//!
//! `hash` checks that the route hands the decoder exactly the text that was encoded, and that
//! a valid link opens whatever was encoded; `duplicate-key` that every such document is refused
//! with `DuplicateKey` naming that key.
//!
//! Each target runs `FUZZ_CASES` inputs (default 2,000, so that `cargo test` stays fast). The
//! full run is `FUZZ_CASES=100000 scripts/fuzz`, which builds optimised and prints inputs per
//! second. `FUZZ_SEED=<u64>` replays a run; each run prints its seed. A failing input is shrunk
//! by proptest and printed.
//!
//! Every run also replays the committed corpus, whatever `FUZZ_CASES` says:
//!
//! * `tests/corpus/links/*.txt`: one link per line, `input => Kind` (or `Kind|Kind`), where
//!   Kind is `Ok`, `Any` or a `ShareError` variant name. Lines are read as in
//!   `tests/corpus/money` (`# ` comments, `\u{HEX}` escapes; see `tests/money_props.rs`). An
//!   input that starts with `#/` is a `location.hash` as the browser gives it: it goes through
//!   the route (`Route::from_hash`) first, as in the app.
//! * `tests/corpus/profiles/*.json`: the file name says what must happen: `ok-…` must be read,
//!   `any-…` may be read or not, `err-<Variant>-…` must fail with that `ProfileError` variant.
//! * `tests/corpus/money/*.txt` (owned by the money parser's tests): every input, through the
//!   money target's checks.
//! * Cases too large to commit, made in code: 100,000 nested `[`, multi-megabyte strings.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Instant;

use proptest::prelude::*;
use proptest::sample::{select, Index};
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};
use qinzhou_incentives::engine::lang::Lang;
use qinzhou_incentives::engine::money::{self, MoneyError, Quantity, MAX_YUAN};
use qinzhou_incentives::engine::policy::FactKind;
use qinzhou_incentives::engine::share::{self, ShareError};
use qinzhou_incentives::engine::{Answer, ApplicantType, Policy, Profile, ProfileError};
use qinzhou_incentives::ui::route::Route;
use rust_decimal::Decimal;
use serde_json::{json, Map, Value};

// ---------------------------------------------------------------------------------------------
// Running
// ---------------------------------------------------------------------------------------------

fn cases() -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.trim().replace('_', "").parse().ok())
        .unwrap_or(2_000)
}

/// Runs `check` on `cases()` inputs of `strategy` and prints one line of figures that
/// `scripts/fuzz` reads: `FUZZ target=… inputs=… seconds=… per_second=… panics=0 seed=…`, then
/// how often each outcome (`Ok` or an error variant) came up, to show what the generators reach.
fn fuzz<S: Strategy>(
    target: &str,
    strategy: S,
    check: impl Fn(S::Value) -> Result<String, TestCaseError>,
) where
    S::Value: std::fmt::Debug,
{
    let seed: u64 = match std::env::var("FUZZ_SEED") {
        Ok(s) => s.trim().parse().expect("FUZZ_SEED is a whole number"),
        Err(_) => {
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or_default();
            (nanos as u64) ^ (u64::from(std::process::id()) << 32)
        }
    };
    let mut seed_bytes = [0u8; 32];
    seed_bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let n = cases();
    let config = Config {
        cases: n,
        failure_persistence: None,
        max_shrink_iters: 4_096,
        ..Config::default()
    };
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &seed_bytes));
    let outcomes = std::cell::RefCell::new(std::collections::BTreeMap::<String, u32>::new());
    let start = Instant::now();
    let result = runner.run(&strategy, |value| {
        *outcomes.borrow_mut().entry(check(value)?).or_default() += 1;
        Ok(())
    });
    let seconds = start.elapsed().as_secs_f64();
    if let Err(e) = result {
        panic!("fuzz target {target} failed (FUZZ_SEED={seed}): {e}");
    }
    println!(
        "FUZZ target={target} inputs={n} seconds={seconds:.2} per_second={:.0} panics=0 seed={seed}",
        f64::from(n) / seconds.max(1e-9)
    );
    let outcomes: Vec<String> =
        outcomes.into_inner().into_iter().map(|(k, v)| format!("{k} {v}")).collect();
    println!("FUZZ outcomes target={target}: {}", outcomes.join(", "));
}

/// `Ok` or the error's variant name.
fn outcome<E: std::fmt::Debug>(result: Option<E>) -> String {
    result.as_ref().map_or_else(|| "Ok".to_owned(), variant_name)
}

fn policy() -> &'static Policy {
    Policy::embedded().expect("the embedded plan data parses")
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

// ---------------------------------------------------------------------------------------------
// Checks: what must hold for every input
// ---------------------------------------------------------------------------------------------

fn bilingual(what: &str, input: &str, zh: &str, en: &str) -> Result<(), TestCaseError> {
    if zh.trim().is_empty() || en.trim().is_empty() {
        return Err(TestCaseError::fail(format!(
            "{what}: empty message for {input:?}: zh {zh:?}, en {en:?}"
        )));
    }
    Ok(())
}

type Parser = fn(&str) -> Result<Decimal, MoneyError>;

/// Checks all three parsers; the outcome is that of `parse_money`.
fn check_money(input: &str) -> Result<Option<MoneyError>, TestCaseError> {
    let mut first = None;
    let parsers: [(Quantity, Parser); 3] = [
        (Quantity::Money, money::parse_money),
        (Quantity::Count, money::parse_count),
        (Quantity::Percent, money::parse_percent),
    ];
    for (quantity, parse) in parsers {
        match parse(input) {
            Ok(v) => {
                let high = if quantity == Quantity::Percent { Decimal::ONE } else { MAX_YUAN };
                if v < Decimal::ZERO || v > high {
                    return Err(TestCaseError::fail(format!("{input:?} as {quantity:?} gave {v}")));
                }
                // Text that parses has nothing to correct.
                if let Some(fix) = money::suggest(input, quantity) {
                    return Err(TestCaseError::fail(format!(
                        "{input:?} as {quantity:?} parses, yet {fix:?} is suggested"
                    )));
                }
            }
            Err(e) => {
                // A near miss offers a fix, and the fix parses; other errors offer none.
                let fix = money::suggest(input, quantity);
                let fix_parses = fix.as_deref().is_some_and(|f| parse(f).is_ok());
                if (e == MoneyError::NearMiss) != fix_parses {
                    return Err(TestCaseError::fail(format!(
                        "{input:?} as {quantity:?}: {e:?} with the fix {fix:?}"
                    )));
                }
                if quantity == Quantity::Money {
                    first = Some(e);
                }
                bilingual("money", input, e.message(Lang::Zh), e.message(Lang::En))?;
                bilingual(
                    "money",
                    input,
                    e.message_for(quantity, Lang::Zh),
                    e.message_for(quantity, Lang::En),
                )?;
            }
        }
    }
    Ok(first)
}

fn check_profile(input: &str) -> Result<Option<ProfileError>, TestCaseError> {
    match Profile::from_json(input) {
        Ok(profile) => {
            // What was read writes back to a document that reads back the same.
            let again = Profile::from_json(&profile.to_json());
            if again.as_ref() != Ok(&profile) {
                return Err(TestCaseError::fail(format!(
                    "{input:?} read as {profile:?}, re-read as {again:?}"
                )));
            }
            Ok(None)
        }
        Err(e) => {
            bilingual("profile", input, &e.message(Lang::Zh), &e.message(Lang::En))?;
            Ok(Some(e))
        }
    }
}

fn check_link(input: &str) -> Result<Option<ShareError>, TestCaseError> {
    match share::decode_profile(input, policy()) {
        Ok(profile) => {
            // A decoded profile is a valid profile: it encodes to a link that decodes the same.
            let again = share::decode_profile(&share::encode_profile(&profile), policy());
            if again.as_ref() != Ok(&profile) {
                return Err(TestCaseError::fail(format!(
                    "{input:?} decoded as {profile:?}, re-decoded as {again:?}"
                )));
            }
            Ok(None)
        }
        Err(e) => {
            bilingual("link", input, &e.message(Lang::Zh), &e.message(Lang::En))?;
            Ok(Some(e))
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Seeds: valid inputs to mutate
// ---------------------------------------------------------------------------------------------

fn example_profiles() -> Vec<Profile> {
    let mut out = Vec::new();
    let dir = root().join("examples/profiles");
    if let Ok(entries) = std::fs::read_dir(dir) {
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths.into_iter().filter(|p| p.extension().is_some_and(|x| x == "json")) {
            let text = std::fs::read_to_string(&path).expect("readable example");
            out.push(
                Profile::from_json(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
            );
        }
    }
    out
}

/// Every question answered with a typical value: the longest profile there is.
fn everything_answered() -> Profile {
    let mut profile = Profile::new();
    profile.name = "钦州市浦北县陈皮产业示范企业（2024 年度申报）".to_owned();
    profile.applicant = Some(ApplicantType::Enterprise);
    profile.county = policy().counties.first().map(|c| c.id.clone());
    profile.industry = policy().industries.first().map(|i| i.id.clone());
    for fact in &policy().facts {
        let answer = match fact.kind {
            FactKind::Bool => Answer::Bool(true),
            FactKind::Money => Answer::Number(Decimal::from(123_456_789)),
            FactKind::Count => Answer::Number(Decimal::from(620)),
            FactKind::Percent => Answer::Number(Decimal::from_str("0.65").expect("decimal")),
            FactKind::Choice => match fact.choices.first() {
                Some(c) => Answer::Choice(c.id.clone()),
                None => continue,
            },
            FactKind::Unknown => continue,
        };
        profile.answers.insert(fact.id.clone(), answer);
    }
    profile
}

fn seed_profiles() -> Vec<Profile> {
    let mut seeds = example_profiles();
    seeds.push(everything_answered());
    seeds.push(Profile::new());
    seeds
}

fn seed_profile_texts() -> Vec<String> {
    let mut texts = Vec::new();
    for profile in seed_profiles() {
        let pretty = profile.to_json();
        let compact =
            serde_json::from_str::<Value>(&pretty).map(|v| v.to_string()).unwrap_or_default();
        texts.push(pretty);
        texts.push(compact);
    }
    texts
}

fn seed_links() -> Vec<String> {
    seed_profiles().iter().map(share::encode_profile).collect()
}

fn seed_amounts() -> Vec<String> {
    let mut seeds: Vec<String> = [
        "1.5亿",
        "5000万",
        "120,000",
        "¥120,000",
        "１２３万",
        "1.2 亿元",
        "RMB 150 million",
        "60%",
        "2‰",
        "1.5E+08",
        "30人",
        "0",
        "100万亿",
        "12.5",
        "0.01",
    ]
    .map(str::to_owned)
    .to_vec();
    for line in corpus_lines(&root().join("tests/corpus/money/accept.txt")) {
        seeds.push(line.split(" => ").next().unwrap_or_default().to_owned());
    }
    seeds
}

// ---------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------

/// Fragments that have broken parsers before: invisible and direction characters, full-width
/// and other digits, huge and special numbers, JSON syntax.
const NASTY: &[&str] = &[
    "\u{200B}",
    "\u{200C}",
    "\u{200D}",
    "\u{200E}",
    "\u{200F}",
    "\u{202A}",
    "\u{202E}",
    "\u{2066}",
    "\u{2069}",
    "\u{FEFF}",
    "\u{00AD}",
    "\u{061C}",
    "\u{3000}",
    "\u{00A0}",
    "\u{0}",
    "\u{7F}",
    "\u{FFFD}",
    "\u{10FFFF}",
    "１２３",
    "０",
    "．",
    "，",
    "％",
    "－",
    "￥",
    "٣",
    "۴",
    "५",
    "五",
    "亿",
    "万",
    "千万",
    "万亿",
    "元",
    "人",
    "‰",
    "1e30",
    "1E+30",
    "-1e30",
    "1e-30",
    "1e99999999999999999999",
    "NaN",
    "nan",
    "Infinity",
    "-Infinity",
    "inf",
    "1000000000000000000000000000000",
    "79228162514264337593543950335",
    "79228162514264337593543950336",
    "100000000000000",
    "100000000000001",
    "0.000000001",
    "-0",
    "+",
    "-",
    ".",
    ",",
    "e",
    "%",
    " ",
    "\t",
    "\n",
    "\"",
    "\\",
    "{",
    "}",
    "[",
    "]",
    ":",
    "null",
    "true",
    "false",
    "\"version\"",
    "\"answers\"",
    "\\u0000",
    "\\ud800",
    "9999999999999999999999999999999999999999",
];

fn nasty() -> impl Strategy<Value = String> {
    select(NASTY).prop_map(str::to_owned)
}

/// One edit of a byte string.
#[derive(Clone, Debug)]
enum Mutation {
    FlipBit(Index, u8),
    SetByte(Index, u8),
    Delete(Index, u8),
    Duplicate(Index, u8),
    Insert(Index, Vec<u8>),
    InsertNasty(Index, String),
    Truncate(Index),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<Index>(), 0u8..8).prop_map(|(i, b)| Mutation::FlipBit(i, b)),
        (any::<Index>(), any::<u8>()).prop_map(|(i, b)| Mutation::SetByte(i, b)),
        (any::<Index>(), 1u8..32).prop_map(|(i, n)| Mutation::Delete(i, n)),
        (any::<Index>(), 1u8..64).prop_map(|(i, n)| Mutation::Duplicate(i, n)),
        (any::<Index>(), proptest::collection::vec(any::<u8>(), 1..8))
            .prop_map(|(i, b)| Mutation::Insert(i, b)),
        (any::<Index>(), nasty()).prop_map(|(i, s)| Mutation::InsertNasty(i, s)),
        any::<Index>().prop_map(Mutation::Truncate),
    ]
}

fn mutate(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let len = bytes.len();
        let at = |i: &Index| if len == 0 { 0 } else { i.index(len) };
        match m {
            Mutation::FlipBit(i, bit) if len > 0 => bytes[at(i)] ^= 1 << bit,
            Mutation::SetByte(i, b) if len > 0 => bytes[at(i)] = *b,
            Mutation::Delete(i, n) if len > 0 => {
                let start = at(i);
                let end = (start + usize::from(*n)).min(len);
                bytes.drain(start..end);
            }
            Mutation::Duplicate(i, n) if len > 0 => {
                let start = at(i);
                let end = (start + usize::from(*n)).min(len);
                let copy = bytes[start..end].to_vec();
                bytes.splice(end..end, copy);
            }
            Mutation::Insert(i, new) => {
                let p = at(i);
                bytes.splice(p..p, new.iter().copied());
            }
            Mutation::InsertNasty(i, s) => {
                let p = at(i);
                bytes.splice(p..p, s.bytes());
            }
            Mutation::Truncate(i) => bytes.truncate(at(i)),
            _ => {}
        }
    }
    bytes
}

/// A seed mutated 1 to 4 times, as text (invalid UTF-8 replaced, as a browser reads files).
fn mutated(seeds: Vec<String>) -> impl Strategy<Value = String> {
    (select(seeds), proptest::collection::vec(mutation(), 1..5)).prop_map(|(seed, ms)| {
        String::from_utf8_lossy(&mutate(seed.into_bytes(), &ms)).into_owned()
    })
}

/// Any text: every scalar value, weighted towards the odd ones.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "\\PC{0,64}",
        proptest::collection::vec(nasty(), 0..12).prop_map(|v| v.concat()),
    ]
}

fn money_input() -> impl Strategy<Value = String> {
    let part = prop_oneof![
        3 => "[0-9]{1,20}",
        2 => "[０-９]{1,6}",
        1 => select(vec![".", ",", " ", "e", "E+", "e-", "+", "-", "¥", "￥", "RMB ", "人民币", "元", "%", "‰"]).prop_map(str::to_owned),
        1 => select(vec!["百", "千", "万", "十万", "百万", "千万", "亿", "十亿", "万亿", "thousand", "million", "billion"]).prop_map(str::to_owned),
        // Shorthand and the near misses of input methods (w, k, m, b; 忆 for 亿, o for 0…).
        1 => select(vec!["w", "W", "k", "K", "m", "M", "b", "B", "忆", "乙", "意", "億", "完", "玩", "萬", "o", "O", "ｏ"]).prop_map(str::to_owned),
        2 => nasty(),
    ];
    prop_oneof![
        2 => any_text(),
        3 => mutated(seed_amounts()),
        3 => proptest::collection::vec(part, 1..8).prop_map(|v| v.concat()),
    ]
}

fn json_leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f)
            .map(Value::Number)
            .unwrap_or(Value::Null)),
        "\\PC{0,24}".prop_map(Value::String),
        nasty().prop_map(Value::String),
        "[0-9]{1,45}(\\.[0-9]{1,30})?".prop_map(Value::String),
    ]
}

/// Numbers as a profile may hold them, many out of range: strings and JSON numbers.
fn number_like() -> impl Strategy<Value = Value> {
    prop_oneof![
        "[-+]?[0-9]{1,32}(\\.[0-9]{1,12})?".prop_map(Value::String),
        "[-+]?[0-9]{0,3}(\\.[0-9]{0,3})?([eE][-+]?[0-9]{1,3})?".prop_map(Value::String),
        any::<i64>().prop_map(Value::from),
        (-1e20f64..1e20).prop_map(Value::from),
        select(vec![
            "1.5",
            "2",
            "1.0000001",
            "-0",
            "-0.0",
            "100000000000000",
            "100000000000000.01",
            " 12 ",
            "１２",
            "1e5",
            "NaN",
            "Infinity",
            "0x10",
            ""
        ])
        .prop_map(|s| Value::String(s.to_owned())),
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    json_leaf().prop_recursive(5, 48, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::btree_map(json_key(), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn json_key() -> impl Strategy<Value = String> {
    let mut known: Vec<String> = ["version", "name", "applicant", "county", "industry", "answers"]
        .map(str::to_owned)
        .to_vec();
    known.extend(policy().facts.iter().map(|f| f.id.clone()));
    prop_oneof![select(known), "\\PC{0,12}"]
}

/// Profile-shaped documents: the right keys, with values from the plan or hostile ones.
fn profile_shaped() -> impl Strategy<Value = Value> {
    let facts: Vec<(String, FactKind, Vec<String>)> = policy()
        .facts
        .iter()
        .map(|f| (f.id.clone(), f.kind, f.choices.iter().map(|c| c.id.clone()).collect()))
        .collect();
    let ids = |list: Vec<String>| {
        prop_oneof![
            3 => select(list).prop_map(Value::String),
            1 => json_leaf(),
        ]
    };
    let applicants = ApplicantType::ALL.iter().map(|a| a.id().to_owned()).collect::<Vec<_>>();
    let counties = policy().counties.iter().map(|c| c.id.clone()).collect::<Vec<_>>();
    let mut industries = policy().industries.iter().map(|i| i.id.clone()).collect::<Vec<_>>();
    industries.push("other".to_owned());
    let version = prop_oneof![
        6 => Just(json!(1)),
        1 => select(vec![json!(0), json!(2), json!(99), json!(-1), json!(1.0), json!("1"), json!(null), json!(u64::MAX), json!(1e300)]),
    ];
    let answer = (
        select(facts),
        prop_oneof![20 => Just(None), 2 => number_like().prop_map(Some), 1 => json_value().prop_map(Some)],
        any::<Index>(),
    )
        .prop_map(|((id, kind, choices), hostile, pick)| {
            let value = hostile.unwrap_or_else(|| match kind {
                FactKind::Bool => json!(true),
                FactKind::Choice if !choices.is_empty() => json!(choices[pick.index(choices.len())]),
                FactKind::Percent => json!("0.65"),
                _ => json!("120000"),
            });
            (id, value)
        });
    (
        version,
        prop_oneof![3 => "\\PC{0,30}".prop_map(Value::String), 1 => json_leaf()],
        proptest::option::of(ids(applicants)),
        proptest::option::of(ids(counties)),
        proptest::option::of(ids(industries)),
        proptest::collection::vec(answer, 0..20),
        proptest::option::weighted(0.1, (json_key(), json_value())),
    )
        .prop_map(|(version, name, applicant, county, industry, answers, extra)| {
            let mut doc = Map::new();
            doc.insert("version".to_owned(), version);
            doc.insert("name".to_owned(), name);
            for (key, value) in
                [("applicant", applicant), ("county", county), ("industry", industry)]
            {
                if let Some(value) = value {
                    doc.insert(key.to_owned(), value);
                }
            }
            doc.insert("answers".to_owned(), Value::Object(answers.into_iter().collect()));
            if let Some((key, value)) = extra {
                doc.insert(key, value);
            }
            Value::Object(doc)
        })
}

/// A JSON tree of a seed profile with one node replaced by another value.
fn tree_mutated() -> impl Strategy<Value = Value> {
    let seeds: Vec<Value> =
        seed_profile_texts().iter().filter_map(|t| serde_json::from_str(t).ok()).collect();
    (select(seeds), any::<Index>(), json_value()).prop_map(|(mut doc, at, value)| {
        let mut paths = Vec::new();
        collect_paths(&doc, &mut Vec::new(), &mut paths);
        if !paths.is_empty() {
            let path = &paths[at.index(paths.len())];
            if let Some(slot) = path_mut(&mut doc, path) {
                *slot = value;
            }
        }
        doc
    })
}

fn collect_paths(value: &Value, here: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    out.push(here.clone());
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                here.push(k.clone());
                collect_paths(v, here, out);
                here.pop();
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                here.push(i.to_string());
                collect_paths(v, here, out);
                here.pop();
            }
        }
        _ => {}
    }
}

fn path_mut<'a>(mut value: &'a mut Value, path: &[String]) -> Option<&'a mut Value> {
    for key in path {
        value = match value {
            Value::Object(map) => map.get_mut(key)?,
            Value::Array(items) => items.get_mut(key.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(value)
}

fn profile_input() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => any_text(),
        3 => mutated(seed_profile_texts()),
        2 => tree_mutated().prop_map(|v| v.to_string()),
        1 => json_value().prop_map(|v| v.to_string()),
        3 => profile_shaped().prop_map(|v| v.to_string()),
        1 => (1usize..2000, select(vec!["[", "{\"a\":", "[{\"version\":1,\"answers\":"])).prop_map(|(n, open)| open.repeat(n)),
    ]
}

// ---- links ----

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn b64_encode(bytes: &[u8]) -> String {
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(B64[(n >> (18 - 6 * i) & 0x3F) as usize]));
        }
    }
    out
}

fn b64_decode(text: &str) -> Vec<u8> {
    let (mut acc, mut bits, mut out) = (0u32, 0u32, Vec::new());
    for c in text.bytes() {
        let Some(v) = B64.iter().position(|&b| b == c) else { continue };
        acc = (acc << 6) | v as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

fn varint(out: &mut Vec<u8>, mut v: usize) {
    while v >= 0x80 {
        out.push((v as u8 & 0x7F) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Content wrapped as a link of format `version`, with a correct length and checksum.
fn seal(version: u8, content: &[u8]) -> String {
    let mut bytes = vec![version];
    varint(&mut bytes, content.len());
    bytes.extend_from_slice(content);
    let crc = crc32(&bytes);
    bytes.extend_from_slice(&crc.to_be_bytes());
    b64_encode(&bytes)
}

/// The content bytes of a valid link (between the length and the checksum).
fn content_of(link: &str) -> Vec<u8> {
    let bytes = b64_decode(link);
    let mut at = 1;
    while bytes.get(at).is_some_and(|b| b & 0x80 != 0) {
        at += 1;
    }
    bytes.get(at + 1..bytes.len().saturating_sub(4)).map(<[u8]>::to_vec).unwrap_or_default()
}

/// Profiles built in code, as the encoder may be handed them: mostly valid, some with answers
/// of the wrong kind, out of range, or ids no plan has. The encoder writes them all.
fn any_profile() -> impl Strategy<Value = Profile> {
    let facts: Vec<(String, FactKind, Vec<String>)> = policy()
        .facts
        .iter()
        .map(|f| (f.id.clone(), f.kind, f.choices.iter().map(|c| c.id.clone()).collect()))
        .collect();
    let decimal = prop_oneof![
        4 => (0u64..=100_000_000_000_000, 0u32..=2).prop_map(|(m, scale)| Decimal::from_i128_with_scale(i128::from(m), scale)),
        1 => (any::<i64>(), 0u32..=28).prop_map(|(m, scale)| Decimal::from_i128_with_scale(i128::from(m), scale)),
        1 => select(vec![Decimal::MAX, Decimal::MIN, Decimal::ONE_HUNDRED, Decimal::NEGATIVE_ONE, Decimal::new(15, 1), Decimal::new(1, 28)]),
    ];
    let answer = (
        select(facts),
        any::<Index>(),
        prop_oneof![12 => Just(None), 1 => any::<u8>().prop_map(Some)],
        decimal,
        "\\PC{0,12}",
    )
        .prop_map(|((id, kind, choices), pick, wrong, number, text)| {
            let answer = match (wrong.map(|w| w % 3), kind) {
                (Some(0), _) => Answer::Bool(pick.index(2) == 0),
                (Some(1), _) => Answer::Number(number),
                (Some(_), _) => Answer::Choice(text),
                (None, FactKind::Bool) => Answer::Bool(pick.index(2) == 0),
                (None, FactKind::Choice) if !choices.is_empty() => {
                    Answer::Choice(choices[pick.index(choices.len())].clone())
                }
                (None, FactKind::Percent) => {
                    Answer::Number((number / Decimal::from(100_000_000_000_000u64)).normalize())
                }
                (None, _) => Answer::Number(number.normalize()),
            };
            (id, answer)
        });
    let id = |list: Vec<String>| prop_oneof![8 => select(list), 1 => "\\PC{0,12}"];
    let counties = policy().counties.iter().map(|c| c.id.clone()).collect::<Vec<_>>();
    let mut industries = policy().industries.iter().map(|i| i.id.clone()).collect::<Vec<_>>();
    industries.push("other".to_owned());
    (
        "\\PC{0,50}",
        proptest::option::of(select(ApplicantType::ALL.to_vec())),
        proptest::option::of(id(counties)),
        proptest::option::of(id(industries)),
        proptest::collection::vec(answer, 0..30),
        proptest::option::weighted(0.05, ("\\PC{0,20}", any::<bool>())),
    )
        .prop_map(|(name, applicant, county, industry, answers, unknown)| {
            let mut profile = Profile::new();
            profile.name = name;
            profile.applicant = applicant;
            profile.county = county;
            profile.industry = industry;
            profile.answers = answers.into_iter().collect();
            if let Some((id, yes)) = unknown {
                profile.answers.insert(id, Answer::Bool(yes));
            }
            profile
        })
}

fn link_input() -> impl Strategy<Value = String> {
    let links = seed_links();
    let contents: Vec<Vec<u8>> = links.iter().map(|l| content_of(l)).collect();
    let resealed = (
        select(contents),
        proptest::collection::vec(mutation(), 1..4),
        prop_oneof![9 => Just(1u8), 1 => any::<u8>()],
    )
        .prop_map(|(content, ms, version)| seal(version, &mutate(content, &ms)));
    let random_content = (
        proptest::collection::vec(any::<u8>(), 0..200),
        prop_oneof![9 => Just(1u8), 1 => any::<u8>()],
    )
        .prop_map(|(content, version)| seal(version, &content));
    let prefixed = (
        select(vec![
            "",
            "https://example.org/#/share/",
            "#/share/",
            "http://x/#/share/#/share/",
            " \n",
        ]),
        mutated(links.clone()),
    )
        .prop_map(|(prefix, link)| format!("{prefix}{link}"));
    prop_oneof![
        3 => any_profile().prop_map(|p| share::encode_profile(&p)),
        2 => any_text(),
        1 => "[A-Za-z0-9_-]{0,400}",
        3 => mutated(links),
        1 => prefixed,
        3 => resealed,
        2 => random_content,
    ]
}

// ---- location hashes ----

/// A link as a browser's `location.hash` may give it: `(hash, text, opens)`, where `text` is
/// what the hash must come to after the route decodes it, and `opens` says that `text` is a
/// valid link (a seed, with only spaces, line breaks or a trailing `=` added).
fn hash_input() -> impl Strategy<Value = (String, String, bool)> {
    let gaps = proptest::collection::vec(
        (any::<Index>(), select(vec![" ", "\n", "\r\n", "\t", "  "])),
        0..4,
    );
    let valid =
        (select(seed_links()), gaps).prop_map(|(link, gaps)| (insert_all(&link, &gaps), true));
    let invisible = (
        select(seed_links()),
        any::<Index>(),
        select(vec!["\u{200B}", "\u{FEFF}", "\u{202E}", "%", "\u{3000}x"]),
    )
        .prop_map(|(link, at, c)| (insert_all(&link, &[(at, c)]), false));
    let text = prop_oneof![
        5 => valid,
        2 => invisible,
        2 => mutated(seed_links()).prop_map(|t| (t, false)),
        1 => any_text().prop_map(|t| (t, false)),
    ];
    (text, proptest::collection::vec(any::<bool>(), 1..64), any::<bool>()).prop_map(
        |((text, opens), picks, lower)| {
            (format!("#/share/{}", encode_some(&text, &picks, lower)), text, opens)
        },
    )
}

/// `text` with each `(at, piece)` inserted at a character boundary.
fn insert_all(text: &str, pieces: &[(Index, &str)]) -> String {
    let mut out = text.to_owned();
    for (at, piece) in pieces {
        let bounds: Vec<usize> = (0..=out.len()).filter(|&i| out.is_char_boundary(i)).collect();
        let i = bounds[at.index(bounds.len())];
        out.insert_str(i, piece);
    }
    out
}

/// Percent-encodes the bytes of `text` as a browser or a messaging app might: base64url
/// characters left or encoded as `picks` says (cycled), everything else always encoded, the hex
/// digits in upper or lower case.
fn encode_some(text: &str, picks: &[bool], lower: bool) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for (i, byte) in text.bytes().enumerate() {
        let plain = byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_';
        if plain && !picks[i % picks.len()] {
            out.push(char::from(byte));
        } else if lower {
            out.push_str(&format!("%{byte:02x}"));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

// ---- duplicate keys ----

/// A profile document written by hand with one key given twice: `(text, key)`. The second
/// occurrence holds the same or another value, at the top level or inside `answers`.
fn duplicate_key_input() -> impl Strategy<Value = (String, String)> {
    (
        prop_oneof![
            3 => select(seed_profile_texts().iter().filter_map(|t| serde_json::from_str(t).ok()).collect::<Vec<Value>>()),
            1 => profile_shaped(),
            1 => tree_mutated(),
        ],
        any::<Index>(),
        any::<Index>(),
        prop_oneof![Just(None), json_value().prop_map(Some)],
        any::<bool>(),
    )
        .prop_map(|(doc, which, at, other, in_answers)| {
            let mut doc = match doc {
                Value::Object(map) => map,
                other => Map::from_iter([("version".to_owned(), other)]),
            };
            doc.entry("version").or_insert(json!(1));
            let answers = match doc.get("answers") {
                Some(Value::Object(a)) if in_answers && !a.is_empty() => Some(a.clone()),
                _ => None,
            };
            match answers {
                Some(answers) => {
                    let (key, text) = object_with_duplicate(&answers, which, at, other);
                    let mut top: Vec<String> = doc
                        .iter()
                        .map(|(k, v)| match k.as_str() {
                            "answers" => format!("{}:{text}", Value::from(k.as_str())),
                            _ => format!("{}:{v}", Value::from(k.as_str())),
                        })
                        .collect();
                    let turn = at.index(top.len());
                    top.rotate_left(turn);
                    (format!("{{{}}}", top.join(",")), key)
                }
                None => {
                    let (key, text) = object_with_duplicate(&doc, which, at, other);
                    (text, key)
                }
            }
        })
}

/// An object's JSON text with the key picked by `which` written a second time at `at` (its
/// own value again, or `other`): `(key, text)`.
fn object_with_duplicate(
    map: &Map<String, Value>,
    which: Index,
    at: Index,
    other: Option<Value>,
) -> (String, String) {
    let mut members: Vec<String> =
        map.iter().map(|(k, v)| format!("{}:{v}", Value::from(k.as_str()))).collect();
    let (key, value) = map
        .iter()
        .nth(which.index(map.len()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .unwrap_or_default();
    let again = format!("{}:{}", Value::from(key.as_str()), other.unwrap_or(value));
    members.insert(at.index(members.len() + 1), again);
    (key, format!("{{{}}}", members.join(",")))
}

// ---------------------------------------------------------------------------------------------
// The fuzz targets
// ---------------------------------------------------------------------------------------------

#[test]
fn fuzz_money() {
    fuzz("money", money_input(), |input| check_money(&input).map(outcome));
}

#[test]
fn fuzz_profile_import() {
    fuzz("profile", profile_input(), |input| check_profile(&input).map(outcome));
}

#[test]
fn fuzz_link_decoder() {
    fuzz("link", link_input(), |input| check_link(&input).map(outcome));
}

#[test]
fn fuzz_percent_encoded_hashes() {
    fuzz("hash", hash_input(), |(hash, text, opens)| {
        let payload = match Route::from_hash(&hash) {
            Route::Share(payload) => payload,
            other => {
                return Err(TestCaseError::fail(format!("{hash:?}: not a share route: {other:?}")))
            }
        };
        if payload != text {
            return Err(TestCaseError::fail(format!("{hash:?} came to {payload:?}, not {text:?}")));
        }
        let got = check_link(&payload)?;
        if opens && got.is_some() {
            return Err(TestCaseError::fail(format!("{hash:?}: a valid link refused: {got:?}")));
        }
        Ok(outcome(got))
    });
}

#[test]
fn fuzz_duplicate_keys() {
    fuzz("duplicate-key", duplicate_key_input(), |(text, key)| match Profile::from_json(&text) {
        Err(e @ ProfileError::DuplicateKey { .. }) if matches!(&e, ProfileError::DuplicateKey { key: named, .. } if *named == key) =>
        {
            bilingual("duplicate-key", &text, &e.message(Lang::Zh), &e.message(Lang::En))?;
            Ok("DuplicateKey".to_owned())
        }
        other => Err(TestCaseError::fail(format!("{text:?} (\"{key}\" twice) gave {other:?}"))),
    });
}

// ---------------------------------------------------------------------------------------------
// The corpus, replayed on every run
// ---------------------------------------------------------------------------------------------

/// Lines of a corpus text file, with comments skipped and `\u{HEX}` escapes applied.
fn corpus_lines(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        // `# ` starts a comment; `#/…` is a location hash (tests/corpus/links).
        .filter(|l| !l.is_empty() && *l != "#" && !l.starts_with("# "))
        .map(unescape)
        .collect()
}

fn unescape(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find("\\u{") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 3..];
        match after.find('}').and_then(|end| {
            let c = u32::from_str_radix(&after[..end], 16).ok().and_then(char::from_u32)?;
            Some((c, end))
        }) {
            Some((c, end)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push_str("\\u{");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn corpus_files(dir: &str, ext: &str) -> Vec<PathBuf> {
    let dir = root().join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no *.{ext} in {}", dir.display());
    files
}

fn variant_name<T: std::fmt::Debug>(value: &T) -> String {
    let debug = format!("{value:?}");
    debug.split(|c: char| !c.is_alphanumeric()).next().unwrap_or_default().to_owned()
}

#[test]
fn corpus_links() {
    let mut count = 0;
    for file in corpus_files("tests/corpus/links", "txt") {
        for line in corpus_lines(&file) {
            let (input, expect) = line.rsplit_once(" => ").unwrap_or((&line, "Any"));
            let text = if input.starts_with("#/") {
                match Route::from_hash(input) {
                    Route::Share(payload) => payload,
                    other => panic!("{}: {input:?} is no share route: {other:?}", file.display()),
                }
            } else {
                input.to_owned()
            };
            let got =
                check_link(&text).unwrap_or_else(|e| panic!("{}: {input:?}: {e}", file.display()));
            let kind = got.as_ref().map_or_else(|| "Ok".to_owned(), variant_name);
            assert!(
                expect == "Any" || expect.split('|').any(|k| k.trim() == kind),
                "{}: {input:?} gave {got:?}, expected {expect}",
                file.display()
            );
            count += 1;
        }
    }
    println!("corpus: {count} links");
}

#[test]
fn corpus_profiles() {
    let files = corpus_files("tests/corpus/profiles", "json");
    for file in &files {
        let name = file.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let text = String::from_utf8_lossy(&std::fs::read(file).expect("readable")).into_owned();
        let got = check_profile(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let kind = got.as_ref().map_or_else(|| "ok".to_owned(), variant_name);
        let stem = name.strip_suffix(".json").unwrap_or(name);
        if let Some(rest) = stem.strip_prefix("err-") {
            let expected = rest.split('-').next().unwrap_or_default();
            assert_eq!(kind, expected, "{name}: {got:?}");
        } else if name.starts_with("ok-") {
            assert_eq!(kind, "ok", "{name}: {got:?}");
        } else {
            assert!(name.starts_with("any-"), "{name}: name it ok-…, any-… or err-<Variant>-…");
            println!("{name}: {kind}");
        }
        // The same document inside a link: the link decoder must agree on valid ones.
        if got.is_none() {
            let profile = Profile::from_json(&text).expect("read above");
            assert_eq!(
                share::decode_profile(&share::encode_profile(&profile), policy()),
                Ok(profile)
            );
        }
    }
    println!("corpus: {} profiles", files.len());
}

#[test]
fn corpus_money() {
    let mut count = 0;
    for file in corpus_files("tests/corpus/money", "txt") {
        for line in corpus_lines(&file) {
            let input = line.rsplit_once(" => ").map_or(line.as_str(), |(i, _)| i);
            check_money(input).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            count += 1;
        }
    }
    for input in NASTY {
        check_money(input).unwrap_or_else(|e| panic!("{e}"));
    }
    println!("corpus: {count} amounts");
}

/// Cases too large to commit.
#[test]
fn generated_giants() {
    const MB: usize = 1 << 20;
    let giants: Vec<String> = vec![
        "[".repeat(100_000),
        "{\"a\":".repeat(100_000),
        format!("{{\"version\":1,\"answers\":{{\"in_park\":{}}}}}", "[".repeat(100_000)),
        format!("{}1{}", "[".repeat(127), "]".repeat(127)),
        format!("{}1{}", "[".repeat(129), "]".repeat(129)),
        "9".repeat(5 * MB),
        "１".repeat(2 * MB),
        "\u{200B}".repeat(MB),
        "\u{202E}".repeat(MB),
        "\u{FEFF}".repeat(MB),
        " ".repeat(5 * MB),
        format!("{{\"version\":1,\"name\":\"{}\"}}", "名".repeat(2 * MB)),
        format!("{{\"version\":1,\"answers\":{{\"main_revenue\":\"{}\"}}}}", "9".repeat(MB)),
        format!("{{\"version\":1,\"answers\":{{\"main_revenue\":{}}}}}", "9".repeat(MB)),
        format!("{{\"version\":1,\"answers\":{{\"main_revenue\":1e{}}}}}", "9".repeat(MB)),
        format!("{{\"version\":{}}}", "9".repeat(MB)),
        format!(
            "{{\"version\":1,\"answers\":{{{}\"x\":1}}}}",
            (0..100_000).map(|i| format!("\"k{i}\":true,")).collect::<String>()
        ),
        format!("https://x.org/#/share/{}", "A".repeat(5 * MB)),
        format!("#/share/{}", "\u{200B}".repeat(MB)),
    ];
    for giant in &giants {
        let head: String = giant.chars().take(24).collect();
        check_money(giant).unwrap_or_else(|e| panic!("money {head:?}…: {e}"));
        check_profile(giant).unwrap_or_else(|e| panic!("profile {head:?}…: {e}"));
        check_link(giant).unwrap_or_else(|e| panic!("link {head:?}…: {e}"));
    }
    // The expected outcomes of the most hostile ones.
    assert!(matches!(Profile::from_json(&giants[0]), Err(ProfileError::NotJson { .. })));
    assert!(matches!(Profile::from_json(&giants[2]), Err(ProfileError::NotJson { .. })));
    assert_eq!(money::parse_money(&giants[5]), Err(MoneyError::TooLong));
    assert!(matches!(
        share::decode_profile(&giants[17], policy()),
        Err(ShareError::Oversized { .. })
    ));
    println!("corpus: {} generated giants", giants.len());
}

/// The longest link there is (every question answered) still fits in a QR code.
#[test]
fn longest_link_fits_a_qr_code() {
    let link = format!(
        "https://example.github.io/qinzhou-incentives/#/share/{}",
        share::encode_profile(&everything_answered())
    );
    println!("every question answered: link of {} characters", link.len());
    assert!(
        qinzhou_incentives::engine::qr::qr_modules(&link).is_some(),
        "{} characters",
        link.len()
    );
    assert_eq!(share::decode_profile(&link, policy()), Ok(everything_answered()));
}
