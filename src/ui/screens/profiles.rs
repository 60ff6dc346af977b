//! The profiles screen. (Being written.)

use crate::ui::i18n::use_lang;
use crate::ui_strings;
use leptos::prelude::*;

ui_strings!(ProfilesText {
    Title => ("Profiles", "Profiles"),
});

#[component]
pub fn Profiles() -> impl IntoView {
    let lang = use_lang();
    view! { <h1>{move || ProfilesText::Title.get(lang.get())}</h1> }
}
