//! The pure engine: policy data, the applicant's profile, rules, money, calculators and traces.
//! It knows nothing of the browser: no leptos, web_sys, gloo or wasm_bindgen here (a test checks).

pub mod lang;
pub mod money;

mod calc;
pub mod date;
mod decimal_serde;
pub mod evaluate;
pub mod policy;
pub mod profile;
mod profile_io;
pub mod qr;
pub mod report;
mod rules;
pub mod share;
pub mod trace;
pub mod validate;

pub use date::Date;
pub use evaluate::evaluate;
pub use policy::Policy;
pub use profile::{Answer, ApplicantType, Profile, ProfileError};
pub use profile_io::migrate;
pub use report::{Amount, Report, Status};
pub use rules::{APPLICANT_FIELD, COUNTY_FIELD, INDUSTRY_FIELD};
