//! Hand-off links: a whole profile packed into a short, URL-fragment-safe text, so that a
//! phone opening `https://…/#/share/<payload>` (typed, pasted or scanned from a QR code) sees
//! the same results as the computer that made it. Nothing leaves the device: the profile
//! travels inside the link itself.
//!
//! [`decode_profile`] is total: any text gives a [`Profile`] or a [`ShareError`] whose
//! [`ShareError::message`] explains, in Chinese and English, what is wrong and what to do.
//! Validation is not duplicated here: the decoded fields are handed to
//! [`Profile::from_json_with`] as a profile document, so a link is held to exactly the rules of
//! an imported file.
//!
//! # Payload format, version 3 (versions 1 and 2 are still read)
//!
//! The payload is base64url (RFC 4648 §5: `A–Z a–z 0–9 - _`, no padding) of these bytes:
//!
//! ```text
//! version   u8 = 3                  the link format; later formats get a new number, and a
//!                                   decoder reads the first byte before anything else
//! length    varint                  number of bytes of `content`
//! content   plan       id-ref       the plan it was made under (candidates: the app's plan
//!                                   ids; 0 = not tied to a plan) (format 3 only)
//!           data_version varint n, n bytes of UTF-8; empty = not stated (format 3 only)
//!           applicant  id-ref       (candidates: the applicant type ids)
//!           county     id-ref       (candidates: the plan's county ids)
//!           industry   id-ref       (candidates: the plan's industry ids and `other`)
//!           year       varint       the activity year (2023…), 0 = not chosen (formats 2, 3)
//!           name       varint n, n bytes of UTF-8 (at most MAX_NAME_BYTES; longer names are cut)
//!           answers    until the end of content, each: tag u8, fact ref, value
//! checksum  u32, big-endian         CRC-32 (IEEE) of every byte before it
//! ```
//!
//! * A **varint** is unsigned LEB128: 7 bits per byte, low bits first, high bit = more follows.
//! * An **id-ref** is `0` (none), `1` + a 2-byte id hash, or `2` + varint n + n bytes of UTF-8.
//! * The **id hash** is FNV-1a (32-bit) of the id's UTF-8, folded to 16 bits (`h ^ h >> 16`),
//!   big-endian. The decoder resolves it among the candidates of the plan it runs with. The
//!   encoder writes the hash only for an id that is a candidate and whose hash no other
//!   candidate shares; any other id is written literally. So a link survives new questions
//!   being added to the plan, and a question removed or renamed since gives
//!   [`ShareError::UnknownId`] instead of a wrong answer.
//! * An answer's **tag** has the high bit set when the fact ref that follows is literal
//!   (varint n + n bytes) rather than a 2-byte hash. Its low 7 bits say what the value is:
//!   `0` no, `1` yes, `2` a choice id (varint n + n bytes), `4..=60` a number `m × 10^(code − 32)`
//!   and `68..=124` a negative number `−m × 10^(code − 96)`, with `m` a varint mantissa
//!   (exponents −28..=28, as [`Decimal`] allows). Negative numbers never pass validation; they
//!   are encodable only so that the encoder is lossless.
//!
//! The decoder reads the rest of the content under the plan the link names
//! ([`decode_link`]); a plan it does not have is [`ShareError::UnknownPlan`] (the link itself
//! is untouched). **Format 2** is format 3 without `plan` and `data_version`: every such link
//! was made under [`FIRST_PLAN_ID`] at [`FIRST_DATA_VERSION`], and opens under it.
//!
//! **Format 1** is format 2 without the `year` field. It carries a version-1 profile document,
//! which is migrated like an old file: its answers to questions retired in profile version 2
//! (`RETIRED_IN_VERSION_2`) are resolved, then dropped, so old links still open.
//!
//! A typical enterprise profile (21 answers, `examples/profiles/enterprise.json`) is about
//! 160 characters: see the `length` test.

use std::fmt;

use rust_decimal::Decimal;
use serde_json::{Map, Value};

use super::lang::{Lang, Text};
use super::policy::Policy;
use super::profile::{
    Answer, ApplicantType, Profile, ProfileError, FIRST_DATA_VERSION, FIRST_PLAN_ID, OTHER_INDUSTRY,
};

/// The link format [`encode_profile`] writes (the payload's first byte).
pub const SHARE_FORMAT_VERSION: u8 = 3;

/// The first link format: no activity year.
const FORMAT_1: u8 = 1;

/// The second link format: no plan (every such link was made under
/// [`super::profile::FIRST_PLAN_ID`]).
const FORMAT_2: u8 = 2;

/// The profile document version a link of each format carries. When the profile schema moves
/// on, older links are still read as documents of their version and migrated like old files.
fn profile_version_of(format: u8) -> u32 {
    match format {
        FORMAT_1 => 1,
        FORMAT_2 => 2,
        _ => 3,
    }
}

/// The hash route a link opens: `https://…/` + this + the payload.
pub const SHARE_ROUTE_PREFIX: &str = "#/share/";

/// Longer texts (in UTF-8 bytes) are refused before any other work: [`ShareError::Oversized`].
pub const MAX_LINK_BYTES: usize = 4096;

/// The profile name is cut (at a character boundary) to this many UTF-8 bytes in a link, to
/// keep the QR code small: 120 Latin letters or 40 Chinese characters.
pub const MAX_NAME_BYTES: usize = 120;

/// Why a link could not be opened. [`ShareError::message`] explains it to a person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareError {
    /// Nothing (or only spaces) after `#/share/`.
    Empty,
    /// Longer than [`MAX_LINK_BYTES`]: no link this app writes comes near.
    Oversized { bytes: usize },
    /// A character that never appears in a share link (e.g. an invisible U+200B or a `%`).
    NotALink { found: char },
    /// Cut short: part of the link was lost while copying.
    Truncated,
    /// The checksum does not match: the link was altered or mistyped.
    Tampered,
    /// A link format this app does not read. `intact`: the rest of the link checks out (its
    /// length and checksum, which every format keeps), so a newer app made it; otherwise it is
    /// no share link at all (a random word after `#/share/`).
    UnknownVersion { found: u8, intact: bool },
    /// The checksum matches but the content is not a profile (a crafted link).
    NotAProfile { detail: Text },
    /// The link names an applicant type, county, industry, question or choice that this
    /// version of the plan data does not have. `id` is the id, or `#xxxx` for a hashed id.
    UnknownId { kind: IdKind, id: String },
    /// An answer out of range: a negative amount, more than 10^14, a share above 100 %, …
    AbsurdValue { detail: Text },
    /// The link was made under a plan this app does not have (a newer app's, or one since
    /// removed). Nothing is lost: the link itself still holds everything.
    UnknownPlan,
}

/// What kind of id a link named, for [`ShareError::UnknownId`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IdKind {
    Applicant,
    County,
    Industry,
    Question,
    Choice,
}

impl IdKind {
    /// The kind in Chinese, and in English with its article ("an industry").
    fn words(self) -> (&'static str, &'static str) {
        match self {
            IdKind::Applicant => ("申请人类型", "an applicant type"),
            IdKind::County => ("县（区）", "a county or district"),
            IdKind::Industry => ("产业", "an industry"),
            IdKind::Question => ("问题", "a question"),
            IdKind::Choice => ("选项", "a choice"),
        }
    }
}

impl ShareError {
    /// The message for a person, in their language: what is wrong and what to do.
    pub fn message(&self, lang: Lang) -> String {
        let (zh, en) = self.texts();
        match lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    fn texts(&self) -> (String, String) {
        const ASK: (&str, &str) = (
            "请在生成链接的设备上重新生成，或直接复制完整链接。",
            "Make a new link on the device that made it, or copy the whole link again.",
        );
        match self {
            ShareError::Empty => (
                "链接中没有档案内容（#/share/ 后面是空的）。请复制完整链接或重新扫描二维码。".to_owned(),
                "The link carries no profile (nothing follows #/share/). Copy the whole link or scan the QR code again.".to_owned(),
            ),
            ShareError::Oversized { bytes } => (
                format!("链接过长（{bytes} 字节，上限 {MAX_LINK_BYTES}），不是本应用生成的分享链接。"),
                format!("The link is too long ({bytes} bytes; the limit is {MAX_LINK_BYTES}): this app never makes such links."),
            ),
            ShareError::NotALink { found } => {
                let (zh, en) = (show_char(*found, Lang::Zh), show_char(*found, Lang::En));
                (
                    format!("链接中含有分享链接不会出现的字符 {zh}，可能在复制时被改动。{}", ASK.0),
                    format!("The link contains {en}, which never appears in a share link: it was probably changed while copying. {}", ASK.1),
                )
            }
            ShareError::Truncated => (
                format!("链接不完整，复制时丢失了末尾部分。{}", ASK.0),
                format!("The link is incomplete: its end was lost while copying. {}", ASK.1),
            ),
            ShareError::Tampered => (
                format!("链接的校验码不符：链接被改动或输错了。{}", ASK.0),
                format!("The link's checksum does not match: the link was altered or mistyped. {}", ASK.1),
            ),
            ShareError::UnknownVersion { found, intact: true } if *found > SHARE_FORMAT_VERSION => (
                format!("该链接由更新版本的应用生成（格式 {found}），本版本只能读取格式 {FORMAT_1}—{SHARE_FORMAT_VERSION}。请刷新页面以更新应用后再打开。"),
                format!("This link was made by a newer version of the app (format {found}); this one reads formats {FORMAT_1}–{SHARE_FORMAT_VERSION}. Reload the page to update the app, then open the link again."),
            ),
            ShareError::UnknownVersion { .. } => (
                "这不是本应用生成的分享链接（无法识别其格式）。请检查链接是否复制完整。".to_owned(),
                "This is not a share link made by this app (its format is not one the app knows). Check that the whole link was copied.".to_owned(),
            ),
            ShareError::NotAProfile { detail } => (
                format!("链接的内容不是申请人档案：{}", detail.zh),
                format!("The link does not contain an applicant profile: {}", detail.en),
            ),
            ShareError::UnknownId { kind, id } => {
                let (what_zh, what_en) = kind.words();
                (
                    format!("链接中的{what_zh} \"{id}\" 在本版本的政策数据中不存在：链接可能由其他版本的应用生成。{}", ASK.0),
                    format!("The link names {what_en}, \"{id}\", that this version of the plan data does not have: it was probably made by another version of the app. {}", ASK.1),
                )
            }
            ShareError::UnknownPlan => (
                "该链接是按本版本应用没有的政策方案生成的（可能由更新版本的应用生成），无法在此显示结果。链接本身完好，内容没有丢失：请刷新页面以更新应用后再打开。".to_owned(),
                "This link was made under a plan this version of the app does not have (perhaps by a newer version of the app), so its results cannot be shown here. The link itself is intact and nothing is lost: reload the page to update the app, then open it again.".to_owned(),
            ),
            ShareError::AbsurdValue { detail } => (
                format!("链接中的答案不合理：{}", detail.zh),
                format!("The link contains an impossible answer: {}", detail.en),
            ),
        }
    }
}

/// A character for a message: visible ones quoted, every one with its code point so that
/// invisible characters (U+200B) can be seen.
fn show_char(c: char, lang: Lang) -> String {
    // Format characters (zero-width, direction marks and overrides, BOM, soft hyphen) and
    // spaces are invisible when quoted. (No Unicode tables: they would cost wasm size.)
    let invisible = matches!(
        c,
        '\u{AD}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}'
    ) || matches!(c, '\u{FEFF}' | '\u{3000}')
        || c.is_ascii_whitespace()
        || c.is_control();
    let code = u32::from(c);
    match (invisible, lang) {
        (true, _) => format!("U+{code:04X}"),
        (false, Lang::Zh) => format!("“{c}”（U+{code:04X}）"),
        (false, Lang::En) => format!("\"{c}\" (U+{code:04X})"),
    }
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for ShareError {}

// ---------------------------------------------------------------------------------------------
// Encoding
// ---------------------------------------------------------------------------------------------

/// The link payload for a profile, checked against the embedded plan (which ids can be
/// hashed). Put it after [`SHARE_ROUTE_PREFIX`]. See the module documentation for the format.
pub fn encode_profile(profile: &Profile) -> String {
    match Policy::embedded() {
        Ok(policy) => encode_profile_with(profile, policy),
        // Without plan data every id is written literally: longer, but still exact.
        Err(_) => encode_profile_with(profile, &Policy::default()),
    }
}

/// The link payload for a profile, hashing the ids that `policy` knows.
pub fn encode_profile_with(profile: &Profile, policy: &Policy) -> String {
    let mut content = Vec::with_capacity(128);
    write_id_ref(&mut content, profile.plan.as_deref(), &plan_ids(policy));
    write_str(&mut content, profile.data_version.as_deref().unwrap_or_default());
    let applicant = profile.applicant.map(ApplicantType::id);
    write_id_ref(&mut content, applicant, &applicant_ids());
    write_id_ref(&mut content, profile.county.as_deref(), &county_ids(policy));
    write_id_ref(&mut content, profile.industry.as_deref(), &industry_ids(policy));
    write_varint(&mut content, u128::from(profile.year.unwrap_or(0)));
    write_str(&mut content, cut_to(&profile.name, MAX_NAME_BYTES));
    let facts = fact_ids(policy);
    for (id, answer) in &profile.answers {
        let hashed = hashable(id, &facts);
        let literal_flag = if hashed { 0 } else { 0x80 };
        let mut value = Vec::new();
        let code = match answer {
            Answer::Bool(false) => 0,
            Answer::Bool(true) => 1,
            Answer::Choice(choice) => {
                write_str(&mut value, choice);
                2
            }
            Answer::Number(d) => {
                let (negative, mantissa, exponent) = split_decimal(*d);
                write_varint(&mut value, mantissa);
                // exponent is within −28..=28, so the code is within 4..=60 or 68..=124.
                let base = if negative { 96 } else { 32 };
                (base + exponent) as u8
            }
        };
        content.push(literal_flag | code);
        if hashed {
            content.extend_from_slice(&id_hash(id).to_be_bytes());
        } else {
            write_str(&mut content, id);
        }
        content.extend_from_slice(&value);
    }

    let mut bytes = Vec::with_capacity(content.len() + 8);
    bytes.push(SHARE_FORMAT_VERSION);
    write_varint(&mut bytes, content.len() as u128);
    bytes.extend_from_slice(&content);
    let checksum = crc32(&bytes);
    bytes.extend_from_slice(&checksum.to_be_bytes());
    base64url_encode(&bytes)
}

/// `(negative, m, e)` with `|d| = m × 10^e`, trailing zeros moved from `m` into `e`.
fn split_decimal(d: Decimal) -> (bool, u128, i32) {
    let negative = d.is_sign_negative() && !d.is_zero();
    let mut m = d.mantissa().unsigned_abs();
    let mut e = -(d.scale() as i32);
    if m == 0 {
        return (false, 0, 0);
    }
    while m.is_multiple_of(10) && e < 28 {
        m /= 10;
        e += 1;
    }
    (negative, m, e)
}

fn cut_to(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

fn write_varint(out: &mut Vec<u8>, mut v: u128) {
    loop {
        let low = (v & 0x7F) as u8;
        v >>= 7;
        if v == 0 {
            out.push(low);
            return;
        }
        out.push(low | 0x80);
    }
}

fn write_str(out: &mut Vec<u8>, s: &str) {
    write_varint(out, s.len() as u128);
    out.extend_from_slice(s.as_bytes());
}

fn write_id_ref(out: &mut Vec<u8>, id: Option<&str>, candidates: &[&str]) {
    match id {
        None => out.push(0),
        Some(id) if hashable(id, candidates) => {
            out.push(1);
            out.extend_from_slice(&id_hash(id).to_be_bytes());
        }
        Some(id) => {
            out.push(2);
            write_str(out, id);
        }
    }
}

/// Whether `id` is a candidate and the only one with its hash.
fn hashable(id: &str, candidates: &[&str]) -> bool {
    let h = id_hash(id);
    candidates.contains(&id) && candidates.iter().filter(|c| id_hash(c) == h).count() == 1
}

/// FNV-1a (32-bit) folded to 16 bits.
fn id_hash(id: &str) -> u16 {
    let mut h: u32 = 0x811C_9DC5;
    for &b in id.as_bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    ((h ^ (h >> 16)) & 0xFFFF) as u16
}

/// The plans a link's plan id is hashed among: every built-in plan, and `policy`.
fn plan_ids(policy: &Policy) -> Vec<&str> {
    let mut ids: Vec<&str> = match super::plans::Plans::embedded() {
        Ok(plans) => plans.policies().map(|p| p.meta.id.as_str()).collect(),
        Err(_) => Vec::new(),
    };
    if !ids.contains(&policy.meta.id.as_str()) {
        ids.push(policy.meta.id.as_str());
    }
    ids
}

fn applicant_ids() -> Vec<&'static str> {
    ApplicantType::ALL.iter().map(|a| a.id()).collect()
}

fn county_ids(policy: &Policy) -> Vec<&str> {
    policy.counties.iter().map(|c| c.id.as_str()).collect()
}

fn industry_ids(policy: &Policy) -> Vec<&str> {
    let mut ids: Vec<&str> = policy.industries.iter().map(|i| i.id.as_str()).collect();
    ids.push(OTHER_INDUSTRY);
    ids
}

fn fact_ids(policy: &Policy) -> Vec<&str> {
    policy.facts.iter().map(|f| f.id.as_str()).collect()
}

// ---------------------------------------------------------------------------------------------
// Decoding
// ---------------------------------------------------------------------------------------------

/// Reads a link payload back into a profile, checked against `policy` like an imported file.
///
/// `text` may be the bare payload or anything that contains [`SHARE_ROUTE_PREFIX`] (a whole
/// link: only what follows its last occurrence is read). Spaces and line breaks inside (from
/// mail clients that wrap long links) and `=` padding at the end are ignored.
pub fn decode_profile(text: &str, policy: &Policy) -> Result<Profile, ShareError> {
    decode_link(text, &[policy])
}

/// Checks a link's envelope: after the version byte, a length, that many bytes of content and
/// the CRC-32 of all before it. Returns the content.
fn check_envelope(bytes: &[u8], spare_bits: bool) -> Result<&[u8], ShareError> {
    let mut reader = Reader { bytes, at: 1 };
    let length = reader.varint().map_err(|e| match e {
        ReadError::End => ShareError::Truncated,
        ReadError::Bad(_) => ShareError::Tampered,
    })?;
    let header = reader.at;
    let available = bytes.len().saturating_sub(header);
    let Ok(length) = usize::try_from(length) else { return Err(ShareError::Tampered) };
    match available.checked_sub(4) {
        Some(n) if n == length => {}
        Some(n) if n > length => return Err(ShareError::Tampered),
        _ => return Err(ShareError::Truncated),
    }
    let (signed, checksum) = bytes.split_at(header + length);
    if spare_bits || checksum != crc32(signed).to_be_bytes() {
        return Err(ShareError::Tampered);
    }
    Ok(&signed[header..])
}

/// Reads a link payload under the plan it was made under, among `plans`: a link of format 3
/// names its plan (none named: the first of `plans`); older links were all made under
/// [`FIRST_PLAN_ID`] (or, when `plans` is one plan, are read under it). A plan not among
/// `plans` is [`ShareError::UnknownPlan`]. The profile carries the plan id and data version
/// the link names, so the caller can say when they differ from the plan shown.
pub fn decode_link(text: &str, plans: &[&Policy]) -> Result<Profile, ShareError> {
    if text.len() > MAX_LINK_BYTES {
        return Err(ShareError::Oversized { bytes: text.len() });
    }
    // A byte search: `str::rfind` would bring a substring-search algorithm into the wasm.
    let prefix = SHARE_ROUTE_PREFIX.as_bytes();
    let payload = match text.as_bytes().windows(prefix.len()).rposition(|w| w == prefix) {
        Some(at) => &text[at + prefix.len()..],
        None => text,
    };
    let payload = payload.trim().trim_end_matches('=');
    if payload.chars().all(char::is_whitespace) {
        return Err(ShareError::Empty);
    }
    let (bytes, spare_bits) = base64url_decode(payload)?;

    let version = *bytes.first().ok_or(ShareError::Truncated)?;
    // Every format keeps the envelope (version byte, length, content, CRC-32): a link of a
    // format this app does not know is a newer app's only if its envelope checks out.
    let envelope = check_envelope(&bytes, spare_bits);
    if !(FORMAT_1..=SHARE_FORMAT_VERSION).contains(&version) {
        return Err(ShareError::UnknownVersion { found: version, intact: envelope.is_ok() });
    }
    let mut content = Reader { bytes: envelope?, at: 0 };
    let structure = |e: ReadError| ShareError::NotAProfile { detail: e.text() };
    let (policy, plan) = if version >= 3 {
        let ids: Vec<&str> = plans.iter().map(|p| p.meta.id.as_str()).collect();
        let plan = content.id_ref(IdKind::Question, &ids).map_err(|e| match e {
            IdRefError::Unknown(_) => ShareError::UnknownPlan,
            IdRefError::Read(e) => structure(e),
        })?;
        let data_version = content.string().map_err(structure)?;
        let policy = match &plan {
            Some(id) => plans.iter().find(|p| &p.meta.id == id).ok_or(ShareError::UnknownPlan)?,
            None => plans.first().ok_or(ShareError::UnknownPlan)?,
        };
        let data_version = (!data_version.is_empty()).then_some(data_version);
        (*policy, plan.map(|id| (id, data_version)))
    } else {
        let first = plans.iter().find(|p| p.meta.id == FIRST_PLAN_ID);
        let policy = match (first, plans) {
            (Some(policy), _) => *policy,
            (None, [only]) => *only,
            (None, _) => return Err(ShareError::UnknownPlan),
        };
        (policy, Some((FIRST_PLAN_ID.to_owned(), Some(FIRST_DATA_VERSION.to_owned()))))
    };
    let document = read_content(&content.bytes[content.at..], policy, version)?;
    let mut profile = Profile::from_json_with(policy, &Value::Object(document).to_string())
        .map_err(from_profile_error)?;
    if let Some((id, data_version)) = plan {
        profile.plan = Some(id);
        profile.data_version = data_version;
    }
    Ok(profile)
}

/// Parses the checked content into a profile document (JSON) for [`Profile::from_json_with`].
fn read_content(
    content: &[u8],
    policy: &Policy,
    format: u8,
) -> Result<Map<String, Value>, ShareError> {
    let mut r = Reader { bytes: content, at: 0 };
    let structure = |e: ReadError| ShareError::NotAProfile { detail: e.text() };

    let applicant =
        r.id_ref(IdKind::Applicant, &applicant_ids()).map_err(|e| e.into_share(structure))?;
    let county =
        r.id_ref(IdKind::County, &county_ids(policy)).map_err(|e| e.into_share(structure))?;
    let industry =
        r.id_ref(IdKind::Industry, &industry_ids(policy)).map_err(|e| e.into_share(structure))?;
    let year = if format == FORMAT_1 { 0 } else { r.varint().map_err(structure)? };
    let name = r.string().map_err(structure)?;

    let mut facts = fact_ids(policy);
    if format == FORMAT_1 {
        // Old links may answer questions retired since; migration drops those answers.
        facts.extend(super::profile_io::RETIRED_IN_VERSION_2);
    }
    let mut answers = Map::new();
    while !r.done() {
        let tag = r.byte().ok_or(ReadError::End).map_err(structure)?;
        let id = if tag & 0x80 != 0 {
            r.string().map_err(structure)?
        } else {
            let hash = r.u16().map_err(structure)?;
            resolve(hash, IdKind::Question, &facts)?
        };
        let value = match tag & 0x7F {
            0 => Value::Bool(false),
            1 => Value::Bool(true),
            2 => Value::String(r.string().map_err(structure)?),
            code @ (4..=60 | 68..=124) => {
                let mantissa = r.varint().map_err(structure)?;
                let (negative, exponent) = if code >= 68 {
                    (true, i32::from(code) - 96)
                } else {
                    (false, i32::from(code) - 32)
                };
                Value::String(decimal_text(negative, mantissa, exponent))
            }
            code => {
                return Err(ShareError::NotAProfile {
                    detail: Text::new(
                        format!("未知的答案类型 {code}。"),
                        format!("unknown answer type {code}."),
                    ),
                })
            }
        };
        if answers.contains_key(&id) {
            return Err(ShareError::NotAProfile {
                detail: Text::new(
                    format!("问题 \"{id}\" 出现了两次。"),
                    format!("the question \"{id}\" appears twice."),
                ),
            });
        }
        answers.insert(id, value);
    }

    let mut document = Map::new();
    document.insert("version".to_owned(), Value::from(profile_version_of(format)));
    document.insert("name".to_owned(), Value::String(name));
    if year != 0 {
        // Any number passes here; the profile reader checks it against the plan's years.
        let year = u64::try_from(year).unwrap_or(u64::MAX);
        document.insert("year".to_owned(), Value::from(year));
    }
    for (key, id) in [("applicant", applicant), ("county", county), ("industry", industry)] {
        if let Some(id) = id {
            document.insert(key.to_owned(), Value::String(id));
        }
    }
    document.insert("answers".to_owned(), Value::Object(answers));
    Ok(document)
}

/// The decimal `±m × 10^e` written out, as a profile document stores numbers.
fn decimal_text(negative: bool, mantissa: u128, exponent: i32) -> String {
    let digits = mantissa.to_string();
    let mut text = String::with_capacity(digits.len() + 32);
    if negative {
        text.push('-');
    }
    if exponent >= 0 {
        text.push_str(&digits);
        if mantissa != 0 {
            text.extend(std::iter::repeat_n('0', exponent as usize));
        }
    } else {
        let places = exponent.unsigned_abs() as usize;
        if digits.len() > places {
            let (int, frac) = digits.split_at(digits.len() - places);
            text.push_str(int);
            text.push('.');
            text.push_str(frac);
        } else {
            text.push_str("0.");
            text.extend(std::iter::repeat_n('0', places - digits.len()));
            text.push_str(&digits);
        }
    }
    text
}

/// The one candidate with this hash.
fn resolve(hash: u16, kind: IdKind, candidates: &[&str]) -> Result<String, ShareError> {
    let mut found = candidates.iter().filter(|c| id_hash(c) == hash);
    match (found.next(), found.next()) {
        (Some(id), None) => Ok((*id).to_owned()),
        // None, or an ambiguous hash: this plan data is not the one the link was made with.
        _ => Err(ShareError::UnknownId { kind, id: format!("#{hash:04x}") }),
    }
}

fn from_profile_error(e: ProfileError) -> ShareError {
    let detail = Text::new(e.message(Lang::Zh), e.message(Lang::En));
    match e {
        ProfileError::UnknownApplicant { id } => {
            ShareError::UnknownId { kind: IdKind::Applicant, id }
        }
        ProfileError::UnknownCounty { id } => ShareError::UnknownId { kind: IdKind::County, id },
        ProfileError::UnknownIndustry { id } => {
            ShareError::UnknownId { kind: IdKind::Industry, id }
        }
        ProfileError::UnknownFact { id } => ShareError::UnknownId { kind: IdKind::Question, id },
        ProfileError::UnknownPlan { .. } => ShareError::UnknownPlan,
        ProfileError::UnknownChoice { fact, value } => {
            ShareError::UnknownId { kind: IdKind::Choice, id: format!("{fact} = {value}") }
        }
        ProfileError::NotANumber { .. }
        | ProfileError::YearOutsidePlan { .. }
        | ProfileError::Negative { .. }
        | ProfileError::TooLarge { .. }
        | ProfileError::OutOfRange { .. } => ShareError::AbsurdValue { detail },
        ProfileError::NotJson { .. }
        | ProfileError::WrongShape { .. }
        | ProfileError::MissingVersion
        | ProfileError::FutureVersion { .. }
        | ProfileError::WrongAnswerType { .. }
        | ProfileError::PolicyUnavailable { .. }
        | ProfileError::Empty
        | ProfileError::Utf16
        | ProfileError::DuplicateKey { .. } => ShareError::NotAProfile { detail },
    }
}

enum ReadError {
    /// The content ended inside a field.
    End,
    /// A malformed field.
    Bad(Text),
}

impl ReadError {
    fn text(self) -> Text {
        match self {
            ReadError::End => Text::new("内容在字段中间结束。", "the content ends inside a field."),
            ReadError::Bad(text) => text,
        }
    }
}

/// An id-ref read failure: structure, or an id that cannot be resolved.
enum IdRefError {
    Read(ReadError),
    Unknown(ShareError),
}

impl IdRefError {
    fn into_share(self, structure: impl Fn(ReadError) -> ShareError) -> ShareError {
        match self {
            IdRefError::Read(e) => structure(e),
            IdRefError::Unknown(e) => e,
        }
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn done(&self) -> bool {
        self.at >= self.bytes.len()
    }

    fn byte(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.at)?;
        self.at += 1;
        Some(b)
    }

    fn u16(&mut self) -> Result<u16, ReadError> {
        let hi = self.byte().ok_or(ReadError::End)?;
        let lo = self.byte().ok_or(ReadError::End)?;
        Ok(u16::from_be_bytes([hi, lo]))
    }

    /// Unsigned LEB128, at most 128 bits.
    fn varint(&mut self) -> Result<u128, ReadError> {
        let mut value: u128 = 0;
        for shift in (0..128).step_by(7) {
            let b = self.byte().ok_or(ReadError::End)?;
            let part = u128::from(b & 0x7F);
            if shift == 126 && part > 0b11 {
                break;
            }
            value |= part << shift;
            if b & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(ReadError::Bad(Text::new("数值过长。", "a number is too long.")))
    }

    fn string(&mut self) -> Result<String, ReadError> {
        let len = self.varint()?;
        let remaining = self.bytes.len() - self.at;
        let len = match usize::try_from(len) {
            Ok(len) if len <= remaining => len,
            _ => return Err(ReadError::End),
        };
        let slice = &self.bytes[self.at..self.at + len];
        self.at += len;
        String::from_utf8(slice.to_vec()).map_err(|_| {
            ReadError::Bad(Text::new("文字不是有效的 UTF-8。", "a text is not valid UTF-8."))
        })
    }

    fn id_ref(&mut self, kind: IdKind, candidates: &[&str]) -> Result<Option<String>, IdRefError> {
        match self.byte().ok_or(ReadError::End).map_err(IdRefError::Read)? {
            0 => Ok(None),
            1 => {
                let hash = self.u16().map_err(IdRefError::Read)?;
                resolve(hash, kind, candidates).map(Some).map_err(IdRefError::Unknown)
            }
            2 => self.string().map(Some).map_err(IdRefError::Read),
            other => Err(IdRefError::Read(ReadError::Bad(Text::new(
                format!("未知的编号形式 {other}。"),
                format!("unknown id form {other}."),
            )))),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// base64url and CRC-32
// ---------------------------------------------------------------------------------------------

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 0x3F) as usize]));
        }
    }
    out
}

fn sextet(c: char) -> Option<u32> {
    match c {
        'A'..='Z' => Some(c as u32 - 'A' as u32),
        'a'..='z' => Some(c as u32 - 'a' as u32 + 26),
        '0'..='9' => Some(c as u32 - '0' as u32 + 52),
        '-' => Some(62),
        '_' => Some(63),
        _ => None,
    }
}

/// Decodes unpadded base64url, skipping white space. The flag tells whether characters were
/// left over that no encoder writes (non-zero spare bits, or one lone final character): a cut
/// link shows up as a length mismatch first, so the flag only decides between intact and
/// tampered.
fn base64url_decode(text: &str) -> Result<(Vec<u8>, bool), ShareError> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut acc: u32 = 0;
    let mut bits = 0u32;
    for c in text.chars() {
        if c.is_ascii_whitespace() {
            continue;
        }
        let v = sextet(c).ok_or(ShareError::NotALink { found: c })?;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    // A single leftover character (6 bits) can never end a payload.
    Ok((out, bits == 6 || acc != 0))
}

/// CRC-32 (IEEE 802.3, reflected, as zip and PNG use), bit by bit: payloads are tiny.
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::policy::FactKind;
    use crate::engine::profile::PROFILE_VERSION;
    use proptest::prelude::*;
    use std::collections::BTreeMap;
    use std::str::FromStr;

    use crate::engine::policy::bundled as policy;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).expect("a decimal")
    }

    /// A format-`version` payload around raw content, with a correct length and checksum.
    fn seal(version: u8, content: &[u8]) -> String {
        let mut bytes = vec![version];
        write_varint(&mut bytes, content.len() as u128);
        bytes.extend_from_slice(content);
        let crc = crc32(&bytes);
        bytes.extend_from_slice(&crc.to_be_bytes());
        base64url_encode(&bytes)
    }

    fn examples() -> Vec<(String, Profile)> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/profiles");
        let mut out = Vec::new();
        for entry in std::fs::read_dir(&dir).expect("examples/profiles exists") {
            let path = entry.expect("a directory entry").path();
            if path.extension().is_some_and(|x| x == "json") {
                let text = std::fs::read_to_string(&path).expect("readable");
                let profile = Profile::from_json_with(policy(), &text)
                    .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                out.push((path.display().to_string(), profile));
            }
        }
        assert!(!out.is_empty(), "no example profiles in {}", dir.display());
        out
    }

    fn enterprise() -> Profile {
        examples()
            .into_iter()
            .find(|(path, _)| path.ends_with("enterprise.json"))
            .map(|(_, p)| p)
            .expect("examples/profiles/enterprise.json")
    }

    fn decode(text: &str) -> Result<Profile, ShareError> {
        decode_profile(text, policy())
    }

    #[test]
    fn example_profiles_round_trip_and_stay_short() {
        for (path, profile) in examples() {
            let payload = encode_profile(&profile);
            println!(
                "{path}: {} answers, payload {} characters",
                profile.answers.len(),
                payload.len()
            );
            assert_eq!(decode(&payload).as_ref(), Ok(&profile), "{path}");
            assert!(payload.len() <= 400, "{path}: payload of {} characters", payload.len());
        }
        let typical = encode_profile(&enterprise());
        assert!(typical.len() <= 200, "enterprise payload is {} characters", typical.len());
    }

    #[test]
    fn payload_is_fragment_safe_and_starts_with_the_version() {
        let payload = encode_profile(&enterprise());
        assert!(payload.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        let (bytes, spare) = base64url_decode(&payload).expect("decodes");
        assert!(!spare);
        assert_eq!(bytes[0], SHARE_FORMAT_VERSION);
    }

    #[test]
    fn empty_profile_round_trips() {
        let profile = Profile::new();
        assert_eq!(decode(&encode_profile(&profile)), Ok(profile));
    }

    #[test]
    fn whole_links_wrapped_text_and_padding_are_accepted() {
        let profile = enterprise();
        let payload = encode_profile(&profile);
        let link = format!("https://example.org/qinzhou/{SHARE_ROUTE_PREFIX}{payload}");
        assert_eq!(decode(&link).as_ref(), Ok(&profile));
        let (a, b) = payload.split_at(payload.len() / 2);
        assert_eq!(decode(&format!(" {a}\r\n{b}== \n")).as_ref(), Ok(&profile));
    }

    #[test]
    fn the_format_follows_the_profile_version() {
        // A new profile version needs a new link format (or a migration): update this module.
        assert_eq!(profile_version_of(SHARE_FORMAT_VERSION), PROFILE_VERSION);
        assert_eq!(profile_version_of(FORMAT_1), 1);
    }

    #[test]
    fn the_activity_year_travels_in_the_link() {
        let mut profile = enterprise();
        profile.year = Some(2024);
        let decoded = decode(&encode_profile(&profile)).expect("decodes");
        assert_eq!(decoded.year, Some(2024));
        assert_eq!(decoded, profile);
        profile.year = None;
        assert_eq!(decode(&encode_profile(&profile)).expect("decodes").year, None);
    }

    #[test]
    fn a_year_outside_the_plan_is_refused() {
        // applicant, county, industry none; year 2031; empty name; no answers.
        let mut content = vec![0, 0, 0];
        write_varint(&mut content, 2031);
        content.push(0);
        match decode(&seal(2, &content)) {
            Err(ShareError::AbsurdValue { detail }) => assert!(detail.en.contains("2031")),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_format_1_link_still_opens_without_its_retired_answers() {
        // A link made before the activity year: format 1, enterprise, Qinnan, timber, no name,
        // `in_park` yes and the retired `original_city_reward` = 150000 (15 × 10^4).
        let applicant = |id: &str| id_hash(id).to_be_bytes();
        let mut content = vec![1];
        content.extend_from_slice(&applicant("enterprise"));
        content.push(1);
        content.extend_from_slice(&applicant("qinnan"));
        content.push(1);
        content.extend_from_slice(&applicant("timber_furniture"));
        content.push(0); // name
        content.push(1);
        content.extend_from_slice(&applicant("in_park"));
        content.push(32 + 4);
        content.extend_from_slice(&applicant("original_city_reward"));
        content.push(15);
        let profile = decode(&seal(1, &content)).expect("an old link opens");
        assert_eq!(profile.applicant, Some(ApplicantType::Enterprise));
        assert_eq!(profile.county.as_deref(), Some("qinnan"));
        assert_eq!(profile.answer("in_park"), Some(&Answer::Bool(true)));
        assert_eq!(profile.answer("original_city_reward"), None, "retired: dropped");
        assert_eq!((profile.year, profile.version), (None, PROFILE_VERSION));
    }

    #[test]
    fn long_names_are_cut_at_a_character_boundary() {
        let mut profile = Profile::new();
        profile.name = "钦".repeat(100);
        let decoded = decode(&encode_profile(&profile)).expect("decodes");
        assert_eq!(decoded.name, "钦".repeat(40));
        profile.name = "x".repeat(500);
        assert_eq!(decode(&encode_profile(&profile)).expect("decodes").name.len(), MAX_NAME_BYTES);
    }

    #[test]
    fn base64url_and_crc32_match_their_standards() {
        for (raw, text) in [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64url_encode(raw.as_bytes()), text);
            assert_eq!(base64url_decode(text).ok(), Some((raw.as_bytes().to_vec(), false)));
        }
        assert_eq!(base64url_encode(&[0xFB, 0xFF]), "-_8");
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn decimals_split_and_print_exactly() {
        for s in
            ["0", "1", "10", "600000000", "0.65", "0.00000001", "123456789.12", "100000000000000"]
        {
            let d = dec(s);
            let (negative, m, e) = split_decimal(d);
            assert_eq!(dec(&decimal_text(negative, m, e)), d, "{s}");
        }
        assert_eq!(split_decimal(dec("600000000")), (false, 6, 8));
        assert_eq!(split_decimal(dec("-0.50")), (true, 5, -1));
        assert_eq!(decimal_text(false, 5, -3), "0.005");
        assert_eq!(decimal_text(true, 12, 2), "-1200");
        assert_eq!(split_decimal(Decimal::MAX).2, 0);
    }

    // ---- every error, from a crafted input -------------------------------------------------

    fn with_answer(fact: &str, answer: Answer) -> Profile {
        let mut profile = Profile::new();
        profile.applicant = Some(ApplicantType::Enterprise);
        profile.answers.insert(fact.to_owned(), answer);
        profile
    }

    fn fact_of(kind: FactKind) -> &'static str {
        &policy().facts.iter().find(|f| f.kind == kind).expect("a fact of this kind").id
    }

    #[test]
    fn empty() {
        for text in ["", "   ", "\n", "https://x.org/#/share/", "#/share/  ", "=="] {
            assert_eq!(decode(text), Err(ShareError::Empty), "{text:?}");
        }
    }

    #[test]
    fn oversized() {
        let text = "A".repeat(MAX_LINK_BYTES + 1);
        assert_eq!(decode(&text), Err(ShareError::Oversized { bytes: MAX_LINK_BYTES + 1 }));
        let huge = "\u{202E}".repeat(2_000_000);
        assert!(matches!(decode(&huge), Err(ShareError::Oversized { .. })));
    }

    #[test]
    fn not_a_link() {
        let payload = encode_profile(&enterprise());
        let (a, b) = payload.split_at(10);
        for c in ['\u{200B}', '\u{200E}', '\u{202E}', '\u{FEFF}', '%', '+', '/', '.', '１'] {
            assert_eq!(decode(&format!("{a}{c}{b}")), Err(ShareError::NotALink { found: c }));
        }
    }

    #[test]
    fn every_cut_is_truncated() {
        let payload = encode_profile(&enterprise());
        for end in 1..payload.len() {
            assert_eq!(decode(&payload[..end]), Err(ShareError::Truncated), "cut at {end}");
        }
    }

    #[test]
    fn every_changed_character_is_caught() {
        let profile = enterprise();
        let payload = encode_profile(&profile);
        let mut tampered = 0;
        for at in 0..payload.len() {
            for c in ['A', 'z', '0', '-', '_'] {
                let mut chars: Vec<char> = payload.chars().collect();
                if chars[at] == c {
                    continue;
                }
                chars[at] = c;
                let text: String = chars.into_iter().collect();
                match decode(&text) {
                    Ok(p) => panic!("{text} decoded to {p:?}"),
                    Err(ShareError::Tampered) => tampered += 1,
                    Err(ShareError::UnknownVersion { .. } | ShareError::Truncated) if at < 4 => {}
                    Err(e) => panic!("{text}: {e:?}"),
                }
            }
        }
        assert!(tampered > payload.len() * 4);
        // An extra character at the end is tampering too.
        assert_eq!(decode(&format!("{payload}A")), Err(ShareError::Tampered));
        assert_eq!(decode(&format!("{payload}AAAA")), Err(ShareError::Tampered));
    }

    #[test]
    fn unknown_versions() {
        let newer = |found| ShareError::UnknownVersion { found, intact: true };
        let not_ours = |found| ShareError::UnknownVersion { found, intact: false };
        assert_eq!(decode(&seal(4, &[0, 0, 0, 0])), Err(newer(4)));
        assert_eq!(decode(&seal(0, &[])), Err(newer(0)));
        assert_eq!(decode("_w"), Err(not_ours(255)));
        // A word after #/share/ is no link: its first byte reads as format 158, but nothing
        // else checks out, so the app must not say a newer version made it.
        assert_eq!(decode("not-a-link"), Err(not_ours(158)));
        let said = newer(4).message(Lang::En);
        assert!(said.contains("newer"), "{said}");
        for error in [not_ours(158), newer(0)] {
            for lang in [Lang::En, Lang::Zh] {
                let said = error.message(lang);
                assert!(!said.contains("newer") && !said.contains("更新版本"), "{error:?}: {said}");
            }
        }
    }

    #[test]
    fn not_a_profile() {
        let bool_fact = fact_of(FactKind::Bool);
        let money_fact = fact_of(FactKind::Money);
        let hash = |id: &str| id_hash(id).to_be_bytes();
        let cases: Vec<Vec<u8>> = vec![
            vec![],                                                                    // no fields at all
            vec![9, 0, 0, 0],                                  // unknown id form
            vec![0, 0, 0, 5, b'a'],                            // name cut short
            vec![0, 0, 0, 2, 0xFF, 0xFE],                      // name not UTF-8
            [&[0, 0, 0, 0, 3][..], &hash(bool_fact)].concat(), // unknown answer type
            [&[0, 0, 0, 0, 1][..], &hash(bool_fact), &[1], &hash(bool_fact)].concat(), // twice
            [&[0, 0, 0, 0, 1][..], &hash(money_fact)].concat(), // yes/no for an amount
            [&[0, 0, 0, 0, 32][..], &hash(money_fact), &[0xFF; 20]].concat(), // endless varint
            [&[0, 0, 0, 0, 32][..], &hash(money_fact)].concat(), // missing number
        ];
        for content in cases {
            match decode(&seal(1, &content)) {
                Err(ShareError::NotAProfile { detail }) => {
                    assert!(!detail.zh.is_empty() && !detail.en.is_empty());
                }
                other => panic!("{content:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn unknown_ids() {
        let mut profile = Profile::new();
        profile.county = Some("atlantis".to_owned());
        assert_eq!(
            decode(&encode_profile(&profile)),
            Err(ShareError::UnknownId { kind: IdKind::County, id: "atlantis".to_owned() })
        );
        let mut profile = Profile::new();
        profile.industry = Some("caviar".to_owned());
        assert!(matches!(
            decode(&encode_profile(&profile)),
            Err(ShareError::UnknownId { kind: IdKind::Industry, .. })
        ));
        let profile = with_answer("no_such_question", Answer::Bool(true));
        assert_eq!(
            decode(&encode_profile(&profile)),
            Err(ShareError::UnknownId {
                kind: IdKind::Question,
                id: "no_such_question".to_owned()
            })
        );
        let choice =
            policy().facts.iter().find(|f| f.kind == FactKind::Choice).expect("a choice fact");
        let profile = with_answer(&choice.id, Answer::Choice("nonsense".to_owned()));
        assert!(matches!(
            decode(&encode_profile(&profile)),
            Err(ShareError::UnknownId { kind: IdKind::Choice, .. })
        ));
        // A hash that no question of this plan has: a link from another version of the data.
        let free = (0..=u16::MAX)
            .find(|h| policy().facts.iter().all(|f| id_hash(&f.id) != *h))
            .expect("a free hash");
        let content = [&[0, 0, 0, 0, 1][..], &free.to_be_bytes()].concat();
        assert_eq!(
            decode(&seal(1, &content)),
            Err(ShareError::UnknownId { kind: IdKind::Question, id: format!("#{free:04x}") })
        );
        assert_eq!(
            decode(&seal(1, &[1, 0xAB, 0xCD, 0, 0, 0])),
            Err(ShareError::UnknownId { kind: IdKind::Applicant, id: "#abcd".to_owned() })
        );
    }

    #[test]
    fn absurd_values() {
        let money = fact_of(FactKind::Money);
        let count = fact_of(FactKind::Count);
        let percent =
            policy().facts.iter().find(|f| f.kind == FactKind::Percent).map(|f| f.id.as_str());
        let mut cases = vec![
            with_answer(money, Answer::Number(dec("-5"))),
            with_answer(money, Answer::Number(dec("1000000000000000"))),
            with_answer(money, Answer::Number(Decimal::MAX)),
            with_answer(count, Answer::Number(dec("1.5"))),
        ];
        if let Some(percent) = percent {
            cases.push(with_answer(percent, Answer::Number(dec("2"))));
        }
        for profile in cases {
            match decode(&encode_profile(&profile)) {
                Err(ShareError::AbsurdValue { detail }) => {
                    assert!(!detail.zh.is_empty() && !detail.en.is_empty());
                }
                other => panic!("{profile:?}: {other:?}"),
            }
        }
        // A 128-bit mantissa with the largest exponent: far too large, and no panic.
        let mut content = [&[0, 0, 0, 0, 60][..], &id_hash(money).to_be_bytes()].concat();
        write_varint(&mut content, u128::MAX);
        assert!(matches!(decode(&seal(1, &content)), Err(ShareError::AbsurdValue { .. })));
    }

    #[test]
    fn unknown_ids_are_named_with_the_right_article() {
        let named = |kind| ShareError::UnknownId { kind, id: "x".to_owned() }.message(Lang::En);
        for (kind, words) in [
            (IdKind::Applicant, "names an applicant type,"),
            (IdKind::County, "names a county or district,"),
            (IdKind::Industry, "names an industry,"),
            (IdKind::Question, "names a question,"),
            (IdKind::Choice, "names a choice,"),
        ] {
            assert!(named(kind).contains(words), "{}", named(kind));
        }
    }

    #[test]
    fn messages_show_the_stray_character() {
        let percent = ShareError::NotALink { found: '%' };
        assert!(percent.message(Lang::En).contains("\"%\" (U+0025)"));
        assert!(percent.message(Lang::Zh).contains("“%”（U+0025）"));
        let zwsp = ShareError::NotALink { found: '\u{200B}' };
        for lang in [Lang::Zh, Lang::En] {
            assert!(zwsp.message(lang).contains("U+200B"));
            assert!(!zwsp.message(lang).contains('\u{200B}'));
        }
    }

    #[test]
    fn every_message_is_bilingual() {
        let errors = [
            ShareError::Empty,
            ShareError::Oversized { bytes: 5000 },
            ShareError::NotALink { found: '\u{200B}' },
            ShareError::NotALink { found: '%' },
            ShareError::Truncated,
            ShareError::Tampered,
            ShareError::UnknownVersion { found: 0, intact: true },
            ShareError::UnknownVersion { found: 9, intact: true },
            ShareError::UnknownVersion { found: 9, intact: false },
            ShareError::NotAProfile { detail: Text::new("细节", "detail") },
            ShareError::UnknownId { kind: IdKind::Question, id: "x".to_owned() },
            ShareError::AbsurdValue { detail: Text::new("细节", "detail") },
        ];
        for e in errors {
            let (zh, en) = (e.message(Lang::Zh), e.message(Lang::En));
            assert!(!zh.trim().is_empty() && !en.trim().is_empty(), "{e:?}");
            assert_ne!(zh, en, "{e:?}");
            assert!(zh.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)), "{e:?}: {zh}");
            assert!(!en.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)), "{e:?}: {en}");
            assert_eq!(e.to_string(), en);
        }
    }

    // ---- generated profiles ----------------------------------------------------------------

    fn answer_for(kind: FactKind, choices: Vec<String>) -> BoxedStrategy<Answer> {
        match kind {
            FactKind::Bool => any::<bool>().prop_map(Answer::Bool).boxed(),
            FactKind::Money => (0u64..=10_000_000_000_000_000)
                .prop_map(|fen| Answer::Number(Decimal::new(fen as i64, 2).normalize()))
                .boxed(),
            FactKind::Count => {
                (0u64..=100_000_000_000_000).prop_map(|n| Answer::Number(Decimal::from(n))).boxed()
            }
            FactKind::Percent => (0u64..=100_000_000)
                .prop_map(|n| Answer::Number(Decimal::new(n as i64, 8).normalize()))
                .boxed(),
            FactKind::Choice if !choices.is_empty() => {
                proptest::sample::select(choices).prop_map(Answer::Choice).boxed()
            }
            _ => Just(Answer::Bool(true)).boxed(),
        }
    }

    fn valid_profile() -> impl Strategy<Value = Profile> {
        let p = policy();
        let facts: Vec<BoxedStrategy<Option<(String, Answer)>>> = p
            .facts
            .iter()
            .filter(|f| {
                f.kind != FactKind::Unknown && (f.kind != FactKind::Choice || !f.choices.is_empty())
            })
            .map(|f| {
                let id = f.id.clone();
                let choices = f.choices.iter().map(|c| c.id.clone()).collect();
                proptest::option::of(answer_for(f.kind, choices).prop_map(move |a| (id.clone(), a)))
                    .boxed()
            })
            .collect();
        let counties: Vec<String> = p.counties.iter().map(|c| c.id.clone()).collect();
        let industries: Vec<String> = industry_ids(p).into_iter().map(str::to_owned).collect();
        (
            "\\PC{0,40}",
            proptest::option::of(proptest::sample::select(ApplicantType::ALL.to_vec())),
            proptest::option::of(proptest::sample::select(counties)),
            proptest::option::of(proptest::sample::select(industries)),
            proptest::option::of(proptest::sample::select(p.meta.years())),
            facts,
        )
            .prop_map(|(name, applicant, county, industry, year, answers)| Profile {
                version: PROFILE_VERSION,
                name: cut_to(&name, MAX_NAME_BYTES).to_owned(),
                applicant,
                county,
                industry,
                year,
                plan: None,
                data_version: None,
                answers: answers.into_iter().flatten().collect::<BTreeMap<_, _>>(),
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn generated_profiles_round_trip(profile in valid_profile()) {
            let payload = encode_profile(&profile);
            prop_assert!(payload.len() <= MAX_LINK_BYTES);
            prop_assert_eq!(decode(&payload), Ok(profile));
        }

        #[test]
        fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
            if let Err(e) = decode(&text) {
                prop_assert!(!e.message(Lang::Zh).is_empty() && !e.message(Lang::En).is_empty());
            }
        }
    }
}
