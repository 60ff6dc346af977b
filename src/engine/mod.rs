//! The pure engine: policy data, the applicant's profile, rules, money, calculators and traces.
//! It knows nothing of the browser: no leptos, web_sys, gloo or wasm_bindgen here (a test checks).
//!
//! # The evaluation API (stable; the UI and the `incentives` command build on it)
//!
//! ```no_run
//! use qinzhou_incentives::engine::{evaluate, Date, Policy, Profile};
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let policy: &'static Policy = Policy::embedded()?;        // parsed once, then shared
//! let profile = Profile::from_json(r#"{"version": 1, "applicant": "enterprise"}"#)?;
//! let report = evaluate(policy, &profile, Date::parse("2024-06-01")?);
//! for result in report.relevant() {
//!     println!("{} {}: {}", result.clause, result.status.id(), result.amount.render(Default::default()));
//! }
//! # Ok(()) }
//! ```
//!
//! - [`Policy`] (`policy`): the plan as data: `meta` (validity, draft status, disclaimer),
//!   `counties`, `industries`, `units`, `goals` (section 二), the 40 `measures`, the question
//!   catalogue (`steps`, `facts`) and the `incentives` (conditions, formula, params with
//!   clauses). [`Policy::embedded`] gives the copy built into the app.
//! - [`Profile`] (`profile`): the applicant's stored/exported document: `applicant`
//!   ([`ApplicantType`]), `county`, `industry`, `year` (the activity year, one of the plan's
//!   years; absent = the plan's default for the day), `answers` (fact id → [`Answer`]; absent =
//!   not answered). `from_json` / `to_json`; every failure is a [`ProfileError`] with
//!   `message(lang)`. Format: `docs/profile-format.md`.
//! - [`evaluate`]`(policy, profile, as_of) -> `[`Report`] (`report`): per incentive an
//!   [`report::IncentiveResult`]: [`Status`], named conditions (met / not met / unanswered,
//!   each with its clause and the fact to ask), the [`Amount`] (exact, range, up to, no amount
//!   in this plan), the [`report::Bound`] that applied, the `trace` ([`trace::TraceStep`],
//!   `trace::render_trace`), a next-threshold [`trace::Hint`], `missing` facts, notes, payer,
//!   shared cap and what only an official can verify. Then `services` (non-cash measures),
//!   `totals` (the city's rewards under the plan and region sought, kept apart, as ranges; county-decided count)
//!   and the plan's validity for `as_of`. `missing` and condition facts may also name the
//!   profile's own fields: [`APPLICANT_FIELD`], [`COUNTY_FIELD`], [`INDUSTRY_FIELD`].
//! - `validate::validate(&policy)`: every problem of a parsed plan at once, errors and warnings;
//!   natively, `data_files::check_data(dir)` checks the TOML files on disk with file and line
//!   (what `incentives validate` and the tests run) and `data_files::load_plan(dir)` reads a
//!   data folder at run time.
//! - [`Date`]: a plain `YYYY-MM-DD` day (no clock here; the caller passes today).
//! - `period`: the plan's status and period in words (draft, ended, who decides on claims),
//!   from the data and the day; shared by the web app, the receipt and the command line.

pub mod lang;
pub mod money;

mod calc;
#[cfg(not(target_arch = "wasm32"))]
pub mod case_files;
#[cfg(not(target_arch = "wasm32"))]
pub mod data_files;
pub mod date;
mod decimal_serde;
pub mod evaluate;
pub mod figures;
pub mod measure_texts;
pub mod period;
#[cfg(not(target_arch = "wasm32"))]
pub mod plan_files;
pub mod plans;
pub mod policy;
pub mod profile;
mod profile_io;
pub mod qr;
pub mod report;
mod rules;
pub mod share;
pub mod trace;
pub mod validate;
mod validate_prose;

pub use date::Date;
pub use evaluate::evaluate;
pub use policy::Policy;
pub use profile::{Answer, ApplicantType, Profile, ProfileError};
pub use profile_io::migrate;
pub use report::{Amount, Report, Status};
pub use rules::{met_without, APPLICANT_FIELD, COUNTY_FIELD, INDUSTRY_FIELD};
