//! One module per screen.

pub mod about;
pub mod home;
pub mod library;
pub mod not_found;
pub mod profiles;
pub mod questionnaire;
pub mod results;
pub mod targets;
