//! Small pieces shared by the screens: notices (storage messages, undo), fact inputs, modal
//! dialogs, and the file download helper.

pub mod dialog;
pub mod download;
pub mod fact_input;
pub mod figures;
pub mod handoff;
pub mod import_export;
pub mod level_tag;
pub mod notice;
pub mod period;
pub mod plan_line;
pub mod report_table;
pub mod scroll_table;
pub mod settled_live;
pub mod unreadable;
