//! Small pieces shared by the screens: notices (storage messages, undo), fact inputs, and the
//! file download helper.

pub mod download;
pub mod fact_input;
pub mod handoff;
pub mod import_export;
pub mod notice;
pub mod report_table;
