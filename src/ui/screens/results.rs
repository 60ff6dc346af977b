//! The results screen. (Being written.)

use crate::ui::i18n::use_lang;
use crate::ui_strings;
use leptos::prelude::*;

ui_strings!(ResultsText {
    Title => ("Results", "Results"),
});

#[component]
pub fn Results() -> impl IntoView {
    let lang = use_lang();
    view! { <h1>{move || ResultsText::Title.get(lang.get())}</h1> }
}
