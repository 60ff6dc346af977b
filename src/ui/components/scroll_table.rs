//! A wide table in a container that scrolls sideways on narrow screens, so the page itself
//! never does (WCAG 1.4.10). The container is a focusable region, so a keyboard can scroll it;
//! its name says what it is ("table, scrolls sideways") rather than repeating the table's
//! caption, which a screen reader would otherwise read twice.

use crate::ui::i18n::use_lang;
use crate::ui_strings;
use leptos::prelude::*;

ui_strings!(ScrollText {
    Region => ("表格（可左右滚动）", "Table (scrolls sideways)"),
});

#[component]
pub fn ScrollTable(children: Children) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="table-scroll" role="region" tabindex="0"
            aria-label=move || ScrollText::Region.get(lang.get())>
            {children()}
        </div>
    }
}
