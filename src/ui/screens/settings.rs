//! The settings screen. (Being written.)

use crate::ui::i18n::use_lang;
use crate::ui_strings;
use leptos::prelude::*;

ui_strings!(SettingsText {
    Title => ("Settings", "Settings"),
});

#[component]
pub fn Settings() -> impl IntoView {
    let lang = use_lang();
    view! { <h1>{move || SettingsText::Title.get(lang.get())}</h1> }
}
