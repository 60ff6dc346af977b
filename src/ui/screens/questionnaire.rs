//! The questionnaire screen. (Being written.)

use crate::ui::i18n::use_lang;
use crate::ui_strings;
use leptos::prelude::*;

ui_strings!(QuestionnaireText {
    Title => ("Questionnaire", "Questionnaire"),
});

#[component]
pub fn Questionnaire(step: Option<String>) -> impl IntoView {
    let _ = step;
    let lang = use_lang();
    view! { <h1>{move || QuestionnaireText::Title.get(lang.get())}</h1> }
}
