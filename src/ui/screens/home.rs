//! The start screen.

use crate::ui::i18n::use_lang;
use crate::ui_strings;
use leptos::prelude::*;

ui_strings!(HomeText {
    Title => ("钦州“一县一业”政策计算器", "Qinzhou One County, One Industry incentive checker"),
    Lead => (
        "回答几个问题，看看《钦州市“一县一业”建设三年行动方案（2023-2025年）》中哪些措施适用于您、为什么、能得多少。每个数字都注明出处条款。",
        "Answer a few questions to see which measures of Qinzhou's One County, One Industry plan (2023–2025) apply to you, why, and how much, with every figure traced to its clause."
    ),
});

#[component]
pub fn Home() -> impl IntoView {
    let lang = use_lang();
    view! {
        <h1>{move || HomeText::Title.get(lang.get())}</h1>
        <p class="lead">{move || HomeText::Lead.get(lang.get())}</p>
    }
}
