//! The pure engine: policy data, the applicant's profile, rules, money, calculators and traces.
//! It knows nothing of the browser: no leptos, web_sys, gloo or wasm_bindgen here (a test checks).

pub mod lang;
pub mod money;

pub mod date;
mod decimal_serde;
pub mod evaluate;
pub use profile_io::migrate;
pub mod policy;
pub mod profile;
mod profile_io;
pub mod report;
pub mod trace;

pub use date::Date;
pub use evaluate::evaluate;
pub use policy::Policy;
pub use profile::{Answer, ApplicantType, Profile, ProfileError};
pub use report::{Amount, Report, Status};
