//! Small pieces shared by the screens: notices (storage messages, undo), fact inputs, modal
//! dialogs, and the file download helper.

pub mod dialog;
pub mod download;
pub mod fact_input;
pub mod figures;
pub mod handoff;
pub mod import_export;
pub mod notice;
pub mod report_table;
