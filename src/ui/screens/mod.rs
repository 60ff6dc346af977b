//! One module per screen.

pub mod about;
pub mod compare;
pub mod home;
pub mod library;
pub mod not_found;
pub mod profiles;
pub mod questionnaire;
pub mod receipt;
pub mod results;
pub mod settings;
pub mod share;
pub mod targets;
