//! A link that leads nowhere: say so, and offer the way back.

use crate::ui::i18n::use_lang;
use crate::ui_strings;
use leptos::prelude::*;

ui_strings!(NotFoundText {
    Title => ("找不到这个页面", "Page not found"),
    Back => ("返回首页", "Back to the start"),
});

#[component]
pub fn NotFound() -> impl IntoView {
    let lang = use_lang();
    view! {
        <h1>{NotFoundText::Title.text(lang)}</h1>
        <p><a href="#/">{NotFoundText::Back.text(lang)}</a></p>
    }
}
