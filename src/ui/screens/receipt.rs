//! The receipt screen. (Being written.)

use crate::ui::i18n::use_lang;
use crate::ui_strings;
use leptos::prelude::*;

ui_strings!(ReceiptText {
    Title => ("Receipt", "Receipt"),
});

#[component]
pub fn Receipt() -> impl IntoView {
    let lang = use_lang();
    view! { <h1>{move || ReceiptText::Title.get(lang.get())}</h1> }
}
