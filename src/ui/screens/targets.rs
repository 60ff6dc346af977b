//! The targets screen. (Being written.)

use crate::ui::i18n::use_lang;
use crate::ui_strings;
use leptos::prelude::*;

ui_strings!(TargetsText {
    Title => ("Targets", "Targets"),
});

#[component]
pub fn Targets() -> impl IntoView {
    let lang = use_lang();
    view! { <h1>{move || TargetsText::Title.get(lang.get())}</h1> }
}
