//! The loading shell: what `index.html` shows before any wasm has arrived, in the page's
//! language: the app's name, the plan's status and years (and, once its period has ended, that
//! it has), and a loading line. It looks like the frame's header and the start screen's first
//! lines, so nothing moves when the app takes over; [`remove`] takes it away right before the
//! app mounts (in fair mode, whose whole frame is a chunk, when that frame is built:
//! `ui::chunks::fair_frame`, or a chunk's failure message takes its place).
//!
//! The shell is generated at build time by `scripts/shell.py` (run by `scripts/post-build.py`):
//! the plan's title, status, status label and dates come from the plan's `plan.toml`, the app's
//! name, the navigation's labels and the start screen's title, lead, "Valid" and notes from their
//! `ui_strings!` tables (`layout.rs`, `screens/home.rs`), and the shell's own lines from
//! [`ShellText`] below. Whether the plan is a draft is decided in one function there,
//! `is_draft`, as `Meta::is_draft` decides it. A small inline script (hashed into the CSP like
//! Trunk's) sets `<html lang>` by the app's rule (`initial_lang` in `ui/mod.rs`: the stored
//! `qz.lang`, else the browser's language, by `Lang::from_tag`), and marks
//! `<html class="plan-ended">` when the visitor's today is after the plan's `valid_to`.

use crate::ui_strings;

ui_strings!(ShellText {
    // `{title}`: the plan's title; `{end}`: its last day (`engine::period::date_text`'s form).
    Ended => ("《{title}》的期限已于{end}结束。", "The period of the {title} ended on {end}."),
    Loading => ("正在加载…", "Loading…"),
});

/// The shell's id in `index.html`.
pub const SHELL_ID: &str = "app-shell";

/// Takes the shell out of the page (the app is about to mount in its place).
pub fn remove() {
    if let Some(shell) =
        web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(SHELL_ID))
    {
        shell.remove();
    }
}
