//! The compare screen. (Being written.)

use crate::ui::i18n::use_lang;
use crate::ui_strings;
use leptos::prelude::*;

ui_strings!(CompareText {
    Title => ("Compare", "Compare"),
});

#[component]
pub fn Compare() -> impl IntoView {
    let lang = use_lang();
    view! { <h1>{move || CompareText::Title.get(lang.get())}</h1> }
}
