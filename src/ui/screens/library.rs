//! The library screen. (Being written.)

use crate::ui::i18n::use_lang;
use crate::ui_strings;
use leptos::prelude::*;

ui_strings!(LibraryText {
    Title => ("Library", "Library"),
});

#[component]
pub fn Library(measure: Option<String>) -> impl IntoView {
    let _ = measure;
    let lang = use_lang();
    view! { <h1>{move || LibraryText::Title.get(lang.get())}</h1> }
}
