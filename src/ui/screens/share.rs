//! Opening a hand-off link. (Being written.)

use crate::ui::i18n::use_lang;
use crate::ui_strings;
use leptos::prelude::*;

ui_strings!(ShareText {
    Title => ("打开分享的结果", "Open a shared result"),
});

#[component]
pub fn Share(payload: String) -> impl IntoView {
    let _ = payload;
    let lang = use_lang();
    view! { <h1>{move || ShareText::Title.get(lang.get())}</h1> }
}
