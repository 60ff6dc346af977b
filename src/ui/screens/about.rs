//! About: data version, source, validity, disclaimer, how amounts are computed.

use crate::ui::i18n::use_lang;
use crate::ui_strings;
use leptos::prelude::*;

ui_strings!(AboutText {
    Title => ("关于本工具", "About this tool"),
});

#[component]
pub fn About() -> impl IntoView {
    let lang = use_lang();
    view! { <h1>{move || AboutText::Title.get(lang.get())}</h1> }
}
