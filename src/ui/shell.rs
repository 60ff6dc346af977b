//! The loading shell: what `index.html` shows before any wasm has arrived, in the page's
//! language: the app's name, the plan's status and years, the start screen's notice of its
//! period (ended, running or not started, on the visitor's today), and a loading line. It looks
//! like the frame's header and the start screen's first lines, so nothing moves when the app
//! takes over; [`remove`] takes it away right before the app mounts. A page opened cold on a
//! screen whose code is a chunk (and fair mode, whose whole frame is one) keeps it up until that
//! screen is there, or its failure message: [`hand_over`]. `#/results` opened cold shows the
//! results' heading and, for a profile with no applicant yet, their plan notice instead of the
//! start screen's lines (`scripts/shell.py`, `results_notice`). If the app's own code cannot be
//! loaded at all, the shell's script says so ([`ShellText::Failed`]) with a Reload button.
//!
//! On a first visit to `#/` (no query, nothing saved but a blank profile of the plan shown) it
//! also shows the start screen's three choices, as the app draws them for a blank profile, with
//! Begin disabled and a loading line beside it: a person on a slow line reads and chooses while
//! the wasm arrives (the shell's script hides the industry question and other counties'
//! industries as the start screen does, and its language switch works). The app takes over what was chosen ([`keep_choices`], then
//! `screens::home::take_over_shell_choices`) and what had focus ([`restore_focus`]).
//!
//! The shell is generated at build time by `scripts/shell.py` (run by `scripts/post-build.py`):
//! the plan's title, status, status label, dates, counties and industries come from the plan's
//! `plan.toml`, the app's name, the navigation's labels and the start screen's words from their
//! `ui_strings!` tables (`layout.rs`, `screens/home.rs`), the applicant types from
//! `engine/profile.rs`, the period's notice as `engine::period::plan_period_notice` words it,
//! and the shell's own line from [`ShellText`] below (`tests/shell_texts.rs` checks each against
//! the app's code). Whether the plan is a draft is decided in one function there, `is_draft`,
//! as `Meta::is_draft` decides it. A small inline script (hashed into the CSP like Trunk's) sets
//! `<html lang>` by the app's rule (`initial_lang` in `ui/mod.rs`: the stored `qz.lang`, else the
//! browser's language, by `Lang::from_tag`), marks the period's state on the visitor's today
//! (`plan-ended`, `plan-running`, `plan-not-started`) and a first visit (`shell-start`).

use crate::engine::lang::Lang;
use crate::ui_strings;
use leptos::prelude::{GetUntracked, RwSignal, Set};

ui_strings!(ShellText {
    Loading => ("正在加载…", "Loading…"),
    // The app's own code could not be fetched or started (offline mid-load, or a page kept
    // from before a deploy): said by the shell's script, which is all that runs then.
    Failed => (
        "本应用未能加载。请检查网络连接，然后重新加载页面。",
        "The app could not be loaded. Check your connection, then reload the page."
    ),
    Reload => ("重新加载", "Reload"),
});

/// The shell's id in `index.html`.
pub const SHELL_ID: &str = "app-shell";

/// Whether the shell is still in the page (the app behind it has no boxes yet).
pub fn is_up() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_some_and(|d| d.get_element_by_id(SHELL_ID).is_some())
}

/// Takes the shell out of the page (the app is about to mount in its place).
pub fn remove() {
    if let Some(shell) =
        web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(SHELL_ID))
    {
        shell.remove();
    }
}

/// The choices a person made in the shell's start form (a first visit to `#/`,
/// `scripts/shell.py`'s `start_form`) before the app ran: each field's checked value. The app
/// takes them over (`App`), so nothing chosen is lost.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Carried {
    pub applicant: Option<String>,
    pub county: Option<String>,
    pub industry: Option<String>,
}

/// What had focus in the shell, to be given the same place in the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShellFocus {
    /// A radio of the start form: its field and value.
    Choice { field: String, value: String },
    /// The language switch of the header.
    LanguageSwitch,
}

impl ShellFocus {
    /// The app's element that stands where this one stood. `None` for a value that is not an
    /// id (the page was tampered with): nothing of it goes into a selector.
    pub fn app_selector(&self) -> Option<String> {
        match self {
            ShellFocus::Choice { field, value } => {
                let id_like = !value.is_empty()
                    && value.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
                (FIELDS.contains(&field.as_str()) && id_like)
                    .then(|| format!("#main input[name=\"{field}\"][value=\"{value}\"]"))
            }
            ShellFocus::LanguageSwitch => Some(".site-header .lang-toggle".to_owned()),
        }
    }
}

thread_local! {
    static CARRIED: std::cell::RefCell<Carried> = std::cell::RefCell::default();
    static TAKEN_OVER: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The shell's form fields, as the app's start screen names its radios.
const FIELDS: [&str; 3] = ["applicant", "county", "industry"];

/// Reads what was chosen in the shell, to be taken by [`take_carried`]; called right before
/// [`remove`]. Returns what had focus, for [`restore_focus`] once the app is drawn.
pub fn keep_choices() -> Option<ShellFocus> {
    use leptos::wasm_bindgen::JsCast;
    let document = web_sys::window().and_then(|w| w.document())?;
    let checked = |field: &str| {
        let selector = format!("#{SHELL_ID} input[name=\"{field}\"]:checked");
        document
            .query_selector(&selector)
            .ok()
            .flatten()
            .and_then(|el| el.dyn_into::<web_sys::HtmlInputElement>().ok())
            .map(|input| input.value())
    };
    let [applicant, county, industry] = FIELDS.map(checked);
    CARRIED.with(|c| *c.borrow_mut() = Carried { applicant, county, industry });
    focus_in_shell(&document)
}

/// What has focus inside the shell, if anything does.
fn focus_in_shell(document: &web_sys::Document) -> Option<ShellFocus> {
    use leptos::wasm_bindgen::JsCast;
    let active = document
        .active_element()
        .filter(|el| el.closest(&format!("#{SHELL_ID}")).ok().flatten().is_some())?;
    if active.class_list().contains("lang-toggle") {
        return Some(ShellFocus::LanguageSwitch);
    }
    let input = active.dyn_into::<web_sys::HtmlInputElement>().ok()?;
    Some(ShellFocus::Choice { field: input.name(), value: input.value() })
}

/// Takes the shell away once the app's first screen is there, for a page opened cold on a
/// screen whose code is a chunk (`ui::mount` leaves the shell up until then, and the stylesheet
/// hides the app behind it): the person reads the shell, then the screen, never the app's
/// bare loading line in between. The shell's language switch works meanwhile, so the app
/// takes its language from the page, and focus from the switch. Does nothing once the shell
/// is gone: every screen calls it.
pub fn hand_over(lang: RwSignal<Lang>) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    if document.get_element_by_id(SHELL_ID).is_none() {
        return;
    }
    let focused = focus_in_shell(&document);
    if let Some(tag) = document.document_element().and_then(|root| root.get_attribute("lang")) {
        let shown = Lang::from_tag(&tag);
        if lang.get_untracked() != shown {
            lang.set(shown);
        }
    }
    remove();
    restore_focus(focused);
}

/// What [`keep_choices`] read, once (empty after).
pub fn take_carried() -> Carried {
    CARRIED.with(|c| std::mem::take(&mut *c.borrow_mut()))
}

/// The app has put the shell's choices into the profile: the start screen it opens on must
/// draw that profile as the shell drew it, not as one started before (no "continue" panel
/// above the choices, which would push them down).
pub fn mark_taken_over() {
    TAKEN_OVER.with(|t| t.set(true));
}

/// Whether the shell's choices were just taken over; true once, for the first start screen.
pub fn take_taken_over() -> bool {
    TAKEN_OVER.with(|t| t.replace(false))
}

/// Gives focus to the app's element that stands where the shell's focused one stood, without
/// scrolling: a keyboard or screen-reader user stays where they were.
pub fn restore_focus(focused: Option<ShellFocus>) {
    use leptos::wasm_bindgen::JsCast;
    let Some(selector) = focused.and_then(|f| f.app_selector()) else { return };
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(&selector).ok().flatten())
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = element.focus_with_options(&options);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn focus_goes_to_the_same_choice_or_switch_and_nothing_else_reaches_a_selector() {
        let choice = |field: &str, value: &str| ShellFocus::Choice {
            field: field.to_owned(),
            value: value.to_owned(),
        };
        assert_eq!(
            choice("county", "pubei").app_selector().as_deref(),
            Some("#main input[name=\"county\"][value=\"pubei\"]")
        );
        assert_eq!(
            ShellFocus::LanguageSwitch.app_selector().as_deref(),
            Some(".site-header .lang-toggle")
        );
        assert_eq!(choice("county", "x\"],body[\"").app_selector(), None);
        assert_eq!(choice("password", "pubei").app_selector(), None);
        assert_eq!(choice("county", "").app_selector(), None);
    }
}
