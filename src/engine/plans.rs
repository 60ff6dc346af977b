//! Every plan the app knows: one per folder under `data/plans/`, embedded by `build.rs`.
//!
//! A plan is identified by `[meta] id` and described by its title, status, validity
//! (`valid_from..=valid_to`) and `data_version`. [`Plans::in_force`] picks the plan for a day;
//! [`Plans::for_year`] the plan for an activity year (the questionnaire asks for a year, not a
//! day). Nothing here knows what any future plan will say: with no plan covering a day or year
//! the answer is `None`, and the caller says so.

use std::sync::OnceLock;

use super::date::Date;
use super::policy::{Meta, Policy, PolicyError};

/// One plan as `build.rs` embedded it (see `embedded_plans.rs` in `OUT_DIR`).
pub struct EmbeddedPlan {
    /// The folder under `data/plans/`.
    pub folder: &'static str,
    /// The merged JSON (in the web app, without the measures' texts and notes).
    pub json: &'static str,
    /// The web app's file of the measures' texts and notes, named by a hash of its contents.
    pub texts_file: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/embedded_plans.rs"));

/// One plan of the registry.
#[derive(Clone, Debug)]
pub struct PlanEntry {
    pub policy: Policy,
    /// The web app's measure-texts file for this plan (empty for a plan loaded from a folder,
    /// which has its texts).
    pub texts_file: &'static str,
    /// The merged JSON it was parsed from (empty for a plan not embedded).
    pub json: &'static str,
}

/// The plans, in the order of their folders' names.
#[derive(Clone, Debug, Default)]
pub struct Plans {
    entries: Vec<PlanEntry>,
}

impl Plans {
    /// The plans built into the app, parsed on first use. One that does not parse is an error
    /// for all (a broken build; the data is validated by native tests).
    pub fn embedded() -> Result<&'static Plans, &'static PolicyError> {
        static PLANS: OnceLock<Result<Plans, PolicyError>> = OnceLock::new();
        PLANS
            .get_or_init(|| {
                let mut entries = Vec::with_capacity(EMBEDDED_PLANS.len());
                for plan in EMBEDDED_PLANS {
                    let policy = Policy::from_json(plan.json).map_err(|e| PolicyError {
                        message: format!("data/plans/{}: {}", plan.folder, e.message),
                    })?;
                    entries.push(PlanEntry {
                        policy,
                        texts_file: plan.texts_file,
                        json: plan.json,
                    });
                }
                if entries.is_empty() {
                    return Err(PolicyError { message: "no plan is built in".to_owned() });
                }
                Ok(Plans { entries })
            })
            .as_ref()
    }

    /// A registry of the given plans (tests, and the command line's `--data` folders).
    pub fn from_policies(policies: impl IntoIterator<Item = Policy>) -> Plans {
        Plans {
            entries: policies
                .into_iter()
                .map(|policy| PlanEntry { policy, texts_file: "", json: "" })
                .collect(),
        }
    }

    /// Adds a plan (e.g. one loaded from a folder); a plan of the same id is replaced.
    pub fn insert(&mut self, policy: Policy) {
        self.entries.retain(|e| e.policy.meta.id != policy.meta.id);
        self.entries.push(PlanEntry { policy, texts_file: "", json: "" });
    }

    pub fn entries(&self) -> &[PlanEntry] {
        &self.entries
    }

    pub fn policies(&self) -> impl Iterator<Item = &Policy> {
        self.entries.iter().map(|e| &e.policy)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The plan with this `[meta] id`.
    pub fn get(&self, id: &str) -> Option<&Policy> {
        self.entry(id).map(|e| &e.policy)
    }

    pub fn entry(&self, id: &str) -> Option<&PlanEntry> {
        self.entries.iter().find(|e| e.policy.meta.id == id)
    }

    /// The plan in force on `date`: the one whose validity contains it. Where two do (an
    /// issued text beside its draft, or overlapping periods), an issued plan wins over a
    /// draft, then the one that started later (the newer), then the higher data version.
    /// `None` when no plan covers the day.
    pub fn in_force(&self, date: Date) -> Option<&Policy> {
        self.policies().filter(|p| covers_day(&p.meta, date)).max_by(|a, b| precedence(a, b))
    }

    /// The plan an activity year falls under: the plan in force on the year's last day (the
    /// plan's yearly figures, 本年度, are counted over the whole year, and the year closes
    /// under that plan), else on its first day, else any plan whose period touches the year.
    /// `None` when no plan covers any day of the year.
    pub fn for_year(&self, year: u16) -> Option<&Policy> {
        let day = |month, day| Date::new(year, month, day);
        day(12, 31)
            .and_then(|d| self.in_force(d))
            .or_else(|| day(1, 1).and_then(|d| self.in_force(d)))
            .or_else(|| {
                self.policies().filter(|p| p.meta.covers_year(year)).max_by(|a, b| precedence(a, b))
            })
    }

    /// Every year some plan covers, ascending: the years the activity-year choice offers.
    pub fn years(&self) -> Vec<u16> {
        let mut years: Vec<u16> = self.policies().flat_map(|p| p.meta.years()).collect();
        years.sort_unstable();
        years.dedup();
        years
    }

    /// The newest plan: issued before draft, then the latest start (what
    /// [`Policy::embedded`] gives).
    pub fn newest(&self) -> Option<&Policy> {
        self.newest_entry().map(|e| &e.policy)
    }

    /// The entry of [`Plans::newest`].
    pub fn newest_entry(&self) -> Option<&PlanEntry> {
        self.entries.iter().max_by(|a, b| precedence(&a.policy, &b.policy))
    }

    /// The plan to show when the person has chosen nothing: the plan in force today, else the
    /// latest plan whose period has ended (today, after every period: the shipped plan), else
    /// the first plan.
    pub fn default_plan(&self, today: Date) -> Option<&Policy> {
        self.in_force(today)
            .or_else(|| {
                self.policies().filter(|p| p.meta.valid_to.is_some_and(|to| to < today)).max_by(
                    |a, b| a.meta.valid_to.cmp(&b.meta.valid_to).then_with(|| precedence(a, b)),
                )
            })
            .or_else(|| self.policies().next())
    }

    /// The plan a profile is evaluated under: the plan it names when known, else the plan its
    /// activity year falls under, else the default for the day.
    pub fn for_profile(
        &self,
        plan_id: Option<&str>,
        year: Option<u16>,
        today: Date,
    ) -> Option<&Policy> {
        plan_id
            .and_then(|id| self.get(id))
            .or_else(|| year.and_then(|y| self.for_year(y)))
            .or_else(|| self.default_plan(today))
    }
}

fn covers_day(meta: &Meta, date: Date) -> bool {
    matches!((meta.valid_from, meta.valid_to), (Some(from), Some(to)) if from <= date && date <= to)
}

/// Which of two plans covering the same day applies (`Greater`: `a`).
fn precedence(a: &Policy, b: &Policy) -> std::cmp::Ordering {
    let (a, b) = (&a.meta, &b.meta);
    (!a.is_draft())
        .cmp(&!b.is_draft())
        .then_with(|| a.valid_from.cmp(&b.valid_from))
        .then_with(|| version_key(&a.data_version).cmp(&version_key(&b.data_version)))
        .then_with(|| b.id.cmp(&a.id))
}

/// `1.10.0` after `1.9.0`: a data version compared number by number.
fn version_key(version: &str) -> Vec<u64> {
    version.split('.').map(|part| part.trim().parse().unwrap_or(0)).collect()
}

/// Which plan and data a result refers to, in one short line: the plan's title, its status
/// and the data version (`《…》征求意见稿 · 数据版本 1.0.0` /
/// `… (2023–2025) · Draft for comments · data version 1.0.0`).
pub fn plan_line(meta: &Meta, lang: super::lang::Lang) -> String {
    plan_line_at(meta, &meta.data_version, lang)
}

/// [`plan_line`] with another data version (the one a saved profile was made under).
pub fn plan_line_at(meta: &Meta, version: &str, lang: super::lang::Lang) -> String {
    let title = meta.title.get(lang);
    let status = meta.status_label.get(lang);
    match lang {
        super::lang::Lang::Zh => format!("《{title}》{status} · 数据版本 {version}"),
        super::lang::Lang::En => format!("{title} · {status} · data version {version}"),
    }
}

/// What a profile or link says of the plan it was made under, when that differs from the plan
/// its results are shown under: the person is told, never silently switched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MadeUnder {
    /// Whether it is the same plan (then only the data version differs).
    pub same_plan: bool,
    /// The title of the plan it was made under; `None` when this app does not have it.
    pub title: Option<super::lang::Text>,
    /// The data version it was made under, when it says.
    pub data_version: Option<String>,
}

/// `Some` when a profile or link made under `plan` at `data_version` is shown under `shown`,
/// a different plan or data version. A profile not tied to any plan (`plan` `None`: new) has
/// nothing to say.
pub fn made_under(
    plans: &Plans,
    plan: Option<&str>,
    data_version: Option<&str>,
    shown: &Meta,
) -> Option<MadeUnder> {
    let plan = plan?;
    let same_plan = plan == shown.id;
    let same_version = data_version.is_none_or(|v| v == shown.data_version);
    if same_plan && same_version {
        return None;
    }
    Some(MadeUnder {
        same_plan,
        title: plans.get(plan).map(|p| p.meta.title.clone()),
        data_version: data_version.map(str::to_owned),
    })
}
