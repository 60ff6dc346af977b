//! A wide table in a container that scrolls sideways on narrow screens, so the page itself
//! never does (WCAG 1.4.10). The container is a focusable region, so a keyboard can scroll it;
//! its name says what it is ("table, scrolls sideways") rather than repeating the table's
//! caption, which a screen reader would otherwise read twice.

use crate::ui::i18n::use_lang;
use crate::ui_strings;
use leptos::prelude::*;

ui_strings!(ScrollText {
    Region => ("表格（可左右滚动）", "Table (scrolls sideways)"),
    Named => ("{name}：表格（可左右滚动）", "{name}: table (scrolls sideways)"),
});

/// `name` tells several such regions of one screen apart (landmarks need distinct names).
#[component]
pub fn ScrollTable(children: Children, #[prop(optional, into)] name: String) -> impl IntoView {
    let lang = use_lang();
    let label = move || {
        let lang = lang.get();
        if name.is_empty() {
            ScrollText::Region.get(lang).to_owned()
        } else {
            ScrollText::Named.get(lang).replace("{name}", &name)
        }
    };
    view! {
        <div class="table-scroll" role="region" tabindex="0" aria-label=label>
            {children()}
        </div>
    }
}
