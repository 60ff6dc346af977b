//! Text with fragments of the other language marked up: `<span lang="zh-CN">千企技改</span>`
//! inside English, `<span lang="en">QR</span>` inside Chinese, so a screen reader speaks each
//! fragment in its own voice (WCAG 3.1.2). The engine decides the fragments
//! ([`crate::engine::lang::spans`]); this only draws them, as text nodes (no raw HTML).
//! Each run's figures are kept on one line as well (`components::figures`), so text drawn
//! through here needs no second wrapper.

use crate::engine::lang::{spans, Lang, Text};
use crate::ui::components::figures::{figures, one_item};
use crate::ui::i18n::use_lang;
use leptos::prelude::*;

/// `text`, written in `lang`, with its foreign fragments in `<span lang>`.
pub fn mixed(text: &str, lang: Lang) -> AnyView {
    let parts = spans(text, lang);
    if parts.iter().all(|s| s.foreign.is_none()) {
        return figures(text.to_owned());
    }
    let many = parts.len() > 1;
    let views = parts
        .into_iter()
        .map(|s| match s.foreign {
            Some(other) => {
                view! { <span lang=other.tag()>{figures(s.text.to_owned())}</span> }.into_any()
            }
            None => figures(s.text.to_owned()),
        })
        .collect_view();
    one_item(many, views)
}

/// Policy text in the current language, marked up, following language changes.
pub fn mixed_text(text: &'static Text) -> impl Fn() -> AnyView + Copy + Send + Sync + 'static {
    let lang = use_lang();
    move || {
        let lang = lang.get();
        mixed(text.get(lang), lang)
    }
}
