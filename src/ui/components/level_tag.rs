//! The tag beside an amount that is not the city's own reward under the plan: it counts in the
//! region's total (sought, not promised) or is the county's to decide. The results' short list
//! and the cards of a hand-off link and the receipt show it; the city's own rewards have none.

use leptos::prelude::*;

use crate::engine::lang::Lang;
use crate::engine::policy::Level;

/// `" 争取自治区"` in the tag's dashed style (`.glance-tag`), or nothing for the city's level.
pub fn level_tag(level: Level, lang: RwSignal<Lang>) -> Option<impl IntoView> {
    matches!(level, Level::Region | Level::County).then(|| {
        view! {
            " "
            <span class=format!("glance-tag tag-{}", level.id()) data-testid="level-tag">
                {move || level.label(lang.get())}
            </span>
        }
    })
}
