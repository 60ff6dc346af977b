//! The applicant's profile: who they are and the facts they have answered. It is the one
//! document the app stores, exports and shares (format: `docs/profile-format.md`).
//!
//! Reading is strict and total: [`Profile::from_json`] never panics, and every way a file can be
//! wrong has its own [`ProfileError`] with a message in both languages.

use std::collections::BTreeMap;
use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::lang::Lang;
use super::policy::{FactKind, Policy};

/// The schema version this engine writes. Older versions are migrated on read.
pub const PROFILE_VERSION: u32 = 3;

/// The plan every profile before version 3 (and every link before format 3) was made under:
/// the only plan the app shipped then. A historical fact of the format, not a default for
/// anything new.
pub const FIRST_PLAN_ID: &str = "qinzhou-yixianyiye-2023-2025";

/// The data version of [`FIRST_PLAN_ID`] when profile version 3 began (it had no other).
pub const FIRST_DATA_VERSION: &str = "1.0.0";

/// Numbers above this (10^14 yuan, persons, …) are refused: no real project comes near, and it
/// keeps every product and sum far from `Decimal`'s limits.
pub fn max_answer() -> Decimal {
    Decimal::from(100_000_000_000_000_u64)
}

/// Who is applying. The first question the app asks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicantType {
    /// A company (most measures).
    Enterprise,
    /// An investment-promotion team, company or individual (四.2(2)).
    InvestmentPromoter,
    /// A commercial HR service agency (四.3(1)).
    HrAgency,
    /// An employment-assistance workshop (四.3(2)).
    AssistanceWorkshop,
    /// Social capital investing in standard factory buildings (二.2).
    FactoryInvestor,
    /// A county/district government or a park (二.3, 四.2(3)).
    CountyGovernment,
    /// A college or vocational school (四.1(2)).
    College,
}

impl ApplicantType {
    pub const ALL: [ApplicantType; 7] = [
        ApplicantType::Enterprise,
        ApplicantType::InvestmentPromoter,
        ApplicantType::HrAgency,
        ApplicantType::AssistanceWorkshop,
        ApplicantType::FactoryInvestor,
        ApplicantType::CountyGovernment,
        ApplicantType::College,
    ];

    /// The id used in data files and profiles.
    pub fn id(self) -> &'static str {
        match self {
            ApplicantType::Enterprise => "enterprise",
            ApplicantType::InvestmentPromoter => "investment_promoter",
            ApplicantType::HrAgency => "hr_agency",
            ApplicantType::AssistanceWorkshop => "assistance_workshop",
            ApplicantType::FactoryInvestor => "factory_investor",
            ApplicantType::CountyGovernment => "county_government",
            ApplicantType::College => "college",
        }
    }

    pub fn from_id(id: &str) -> Option<ApplicantType> {
        ApplicantType::ALL.into_iter().find(|a| a.id() == id)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            ApplicantType::Enterprise => ("企业", "Enterprise"),
            ApplicantType::InvestmentPromoter => {
                ("招商团队、招商企业或个人", "Investment-promotion team, company or individual")
            }
            ApplicantType::HrAgency => ("经营性人力资源服务机构", "HR service agency"),
            ApplicantType::AssistanceWorkshop => ("就业帮扶车间", "Employment-assistance workshop"),
            ApplicantType::FactoryInvestor => {
                ("投资建设园区标准厂房的社会资本", "Investor in standard factory buildings")
            }
            ApplicantType::CountyGovernment => {
                ("县（区）人民政府或园区", "County government or park")
            }
            ApplicantType::College => ("高等院校或职业院校", "College or vocational school"),
        };
        match lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// One answered fact. An unanswered fact is simply absent from [`Profile::answers`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    Bool(bool),
    /// Money in yuan, a count, or a share as a fraction (`0.65`), per the fact's kind.
    Number(Decimal),
    /// The id of one of the fact's choices.
    Choice(String),
}

/// The applicant's profile. Everything but `version` may be left unanswered.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Profile {
    /// Always [`PROFILE_VERSION`] once read (older files are migrated).
    pub version: u32,
    /// A free label ("Pubei peel factory, 2024 plan").
    pub name: String,
    pub applicant: Option<ApplicantType>,
    /// A county id (`lingshan`, `pubei`, `qinnan`, `qinbei`).
    pub county: Option<String>,
    /// An industry id from the plan data, or [`OTHER_INDUSTRY`].
    pub industry: Option<String>,
    /// The year the activity falls in (one of the plan's years, 2023–2025). `None`: not
    /// chosen, so the plan's default for the day applies ([`Profile::activity_year`]).
    pub year: Option<u16>,
    /// The `[meta] id` of the plan it was made under (version 3 on; older documents are
    /// migrated to [`FIRST_PLAN_ID`]). `None`: a new profile, not yet tied to a plan.
    pub plan: Option<String>,
    /// That plan's `data_version` when the profile was made (older documents:
    /// [`FIRST_DATA_VERSION`]).
    pub data_version: Option<String>,
    /// Fact id → answer. Absent = not answered yet.
    pub answers: BTreeMap<String, Answer>,
}

/// The industry id for "none of the featured industries".
pub const OTHER_INDUSTRY: &str = "other";

/// Why a profile file could not be read. `message(lang)` explains it to a person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProfileError {
    /// Not JSON at all (or nested too deeply to be a profile).
    NotJson {
        line: usize,
        column: usize,
        detail: String,
    },
    /// JSON, but not shaped like a profile (e.g. `answers` is a list).
    WrongShape {
        detail: String,
    },
    /// No `version` field.
    MissingVersion,
    /// Written by a newer app than this one.
    FutureVersion {
        found: u64,
    },
    UnknownApplicant {
        id: String,
    },
    UnknownCounty {
        id: String,
    },
    UnknownIndustry {
        id: String,
    },
    /// An activity year outside the plan's period.
    YearOutsidePlan {
        year: u64,
        first: u16,
        last: u16,
    },
    UnknownFact {
        id: String,
    },
    /// E.g. text where yes/no was expected.
    WrongAnswerType {
        fact: String,
        expected: FactKind,
    },
    UnknownChoice {
        fact: String,
        value: String,
    },
    NotANumber {
        fact: String,
        text: String,
    },
    Negative {
        fact: String,
    },
    TooLarge {
        fact: String,
    },
    /// A count with a fractional part, or a share above 100%.
    OutOfRange {
        fact: String,
        detail: String,
    },
    /// The document names a plan this app does not have (made by a newer app, or under a plan
    /// since removed). Nothing is lost: the text is kept where it was.
    UnknownPlan {
        id: String,
    },
    /// The embedded plan data itself is broken (a build problem, not the file's fault).
    PolicyUnavailable {
        detail: String,
    },
    /// Nothing in the file (or only spaces).
    Empty,
    /// The file is UTF-16 (Windows Notepad's "Unicode"), not UTF-8.
    Utf16,
    /// One object names the same key twice: which value is meant is unclear. `within` is the
    /// keys leading to that object, joined with `.` (empty at the top level).
    DuplicateKey {
        key: String,
        within: String,
    },
}

impl ProfileError {
    /// The message for a person, in their language.
    pub fn message(&self, lang: Lang) -> String {
        let zh = matches!(lang, Lang::Zh);
        match self {
            ProfileError::NotJson { line, column, detail } => {
                if zh {
                    format!("文件不是有效的 JSON（第 {line} 行第 {column} 列）：{detail}")
                } else {
                    format!("The file is not valid JSON (line {line}, column {column}): {detail}")
                }
            }
            ProfileError::WrongShape { detail } => {
                if zh {
                    format!("文件不是申请人档案的格式：{detail}")
                } else {
                    format!("The file is not shaped like an applicant profile: {detail}")
                }
            }
            ProfileError::MissingVersion => {
                if zh {
                    format!("档案缺少 \"version\" 字段（应为 {PROFILE_VERSION}）。")
                } else {
                    format!(
                        "The profile has no \"version\" field (it should be {PROFILE_VERSION})."
                    )
                }
            }
            ProfileError::FutureVersion { found } => {
                if zh {
                    format!("该档案由更新版本的应用保存（version {found}），本版本只能读取 version {PROFILE_VERSION} 及以下。请更新应用。")
                } else {
                    format!("This profile was saved by a newer version of the app (version {found}); this one reads up to version {PROFILE_VERSION}. Please update the app.")
                }
            }
            ProfileError::UnknownApplicant { id } => {
                if zh {
                    format!("未知的申请人类型 \"{id}\"。可选：{}。", applicant_ids())
                } else {
                    format!(
                        "Unknown applicant type \"{id}\". Expected one of: {}.",
                        applicant_ids()
                    )
                }
            }
            ProfileError::UnknownCounty { id } => {
                if zh {
                    format!("未知的县（区）\"{id}\"。")
                } else {
                    format!("Unknown county or district \"{id}\".")
                }
            }
            ProfileError::UnknownIndustry { id } => {
                if zh {
                    format!("未知的产业 \"{id}\"。")
                } else {
                    format!("Unknown industry \"{id}\".")
                }
            }
            ProfileError::YearOutsidePlan { year, first, last } => {
                if zh {
                    format!("活动年度 {year} 不在方案期限内（{first}—{last}年）。")
                } else {
                    format!(
                        "The activity year {year} is outside the plan's period ({first}–{last})."
                    )
                }
            }
            ProfileError::UnknownFact { id } => {
                if zh {
                    format!("未知的问题 \"{id}\"（answers 中的键必须是政策数据中的问题编号）。")
                } else {
                    format!("Unknown question \"{id}\" (keys of \"answers\" must be question ids from the plan data).")
                }
            }
            ProfileError::WrongAnswerType { fact, expected } => {
                let (what_zh, what_en) = match expected {
                    FactKind::Bool => ("true 或 false", "true or false"),
                    FactKind::Money => (
                        "以元为单位的金额，如 \"600000000\"",
                        "an amount in yuan, like \"600000000\"",
                    ),
                    FactKind::Count => ("整数，如 \"12\"", "a whole number, like \"12\""),
                    FactKind::Percent => {
                        ("小数形式的比例，如 \"0.65\"", "a share as a fraction, like \"0.65\"")
                    }
                    FactKind::Choice | FactKind::Unknown => {
                        ("选项编号（字符串）", "a choice id (a string)")
                    }
                };
                if zh {
                    format!("问题 \"{fact}\" 的答案应为{what_zh}。")
                } else {
                    format!("The answer to \"{fact}\" should be {what_en}.")
                }
            }
            ProfileError::UnknownChoice { fact, value } => {
                if zh {
                    format!("问题 \"{fact}\" 没有选项 \"{value}\"。")
                } else {
                    format!("\"{value}\" is not one of the choices of \"{fact}\".")
                }
            }
            ProfileError::NotANumber { fact, text } => {
                if zh {
                    format!("问题 \"{fact}\" 的答案 \"{text}\" 不是数字。")
                } else {
                    format!("The answer to \"{fact}\", \"{text}\", is not a number.")
                }
            }
            ProfileError::Negative { fact } => {
                if zh {
                    format!("问题 \"{fact}\" 的答案不能为负数。")
                } else {
                    format!("The answer to \"{fact}\" cannot be negative.")
                }
            }
            ProfileError::TooLarge { fact } => {
                if zh {
                    format!("问题 \"{fact}\" 的答案过大（上限 10^14）。")
                } else {
                    format!("The answer to \"{fact}\" is too large (the limit is 10^14).")
                }
            }
            ProfileError::OutOfRange { fact, detail } => {
                if zh {
                    format!("问题 \"{fact}\" 的答案超出范围：{detail}")
                } else {
                    format!("The answer to \"{fact}\" is out of range: {detail}")
                }
            }
            ProfileError::UnknownPlan { .. } => {
                if zh {
                    "该档案是按本版本应用没有的政策方案制作的（可能由更新版本的应用生成），无法在此打开；原内容已保留。请更新应用后再打开。".to_owned()
                } else {
                    "This profile was made under a plan this version of the app does not have (perhaps by a newer version of the app), so it cannot be opened here; its contents are kept. Update the app and open it again.".to_owned()
                }
            }
            ProfileError::PolicyUnavailable { detail } => {
                if zh {
                    format!("内置政策数据无法读取：{detail}")
                } else {
                    format!("The built-in plan data could not be read: {detail}")
                }
            }
            ProfileError::Empty => {
                if zh {
                    "文件是空的，没有任何内容。".to_owned()
                } else {
                    "The file is empty: there is nothing in it.".to_owned()
                }
            }
            ProfileError::Utf16 => {
                if zh {
                    "文件以 UTF-16（“Unicode”）编码保存，本工具只读取 UTF-8。请将文件另存为 UTF-8 编码（如在记事本中“另存为”，编码选“UTF-8”）后重新导入。".to_owned()
                } else {
                    "The file is saved as UTF-16 (“Unicode”), and this tool reads UTF-8 only. Save it as UTF-8 (in Notepad: Save as, Encoding: UTF-8) and import it again.".to_owned()
                }
            }
            ProfileError::DuplicateKey { key, within } => match (zh, within.is_empty()) {
                (true, true) => format!("文件中的 \"{key}\" 出现了两次，无法确定以哪一个为准。请只保留一个后重新导入。"),
                (true, false) => format!("文件的 \"{within}\" 中，\"{key}\" 出现了两次，无法确定以哪一个为准。请只保留一个后重新导入。"),
                (false, true) => format!("The file gives \"{key}\" twice, so which one is meant is unclear. Keep one and import it again."),
                (false, false) => format!("The file gives \"{key}\" twice in \"{within}\", so which one is meant is unclear. Keep one and import it again."),
            },
        }
    }
}

fn applicant_ids() -> String {
    ApplicantType::ALL.map(ApplicantType::id).join(", ")
}

impl fmt::Display for ProfileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for ProfileError {}

impl Profile {
    /// An empty profile of the current version: nothing answered yet.
    pub fn new() -> Profile {
        Profile { version: PROFILE_VERSION, ..Profile::default() }
    }

    /// Reads a profile document under the built-in plan it names (see [`Profile::from_json_in`]).
    pub fn from_json(text: &str) -> Result<Profile, ProfileError> {
        let plans = super::plans::Plans::embedded()
            .map_err(|e| ProfileError::PolicyUnavailable { detail: e.message.clone() })?;
        Profile::from_json_in(plans, text)
    }

    /// Reads a profile document under the plan it names, among `plans` (documents before
    /// version 3 name none: they were made under [`FIRST_PLAN_ID`]).
    pub fn from_json_in(plans: &super::plans::Plans, text: &str) -> Result<Profile, ProfileError> {
        super::profile_io::read_in(plans, text)
    }

    /// Ties the profile to the plan it is answered under (its id and data version).
    pub fn set_plan(&mut self, meta: &super::policy::Meta) {
        self.plan = Some(meta.id.clone());
        self.data_version = Some(meta.data_version.clone());
    }

    /// Reads a profile document, checking it against the given plan's questions.
    pub fn from_json_with(policy: &Policy, text: &str) -> Result<Profile, ProfileError> {
        super::profile_io::read(policy, text)
    }

    /// Writes the profile document (pretty-printed, stable key order).
    pub fn to_json(&self) -> String {
        super::profile_io::write(self)
    }

    /// The year the activity falls in: the one chosen, else the plan's default for `today`.
    pub fn activity_year(&self, policy: &Policy, today: super::date::Date) -> Option<u16> {
        self.year.or_else(|| policy.meta.default_activity_year(today))
    }

    /// The answer to a fact, if given.
    pub fn answer(&self, fact: &str) -> Option<&Answer> {
        self.answers.get(fact)
    }

    /// Sets or (with `None`) clears an answer.
    pub fn set_answer(&mut self, fact: &str, answer: Option<Answer>) {
        match answer {
            Some(a) => {
                self.answers.insert(fact.to_owned(), a);
            }
            None => {
                self.answers.remove(fact);
            }
        }
    }
}
