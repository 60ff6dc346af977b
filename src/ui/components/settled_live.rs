//! A polite live region that speaks only settled values: while a person types, the text it
//! follows changes on every key ("= 5 元", "= 50 元", …); this region waits until the text has
//! stayed the same for [`SETTLE_MS`], and then speaks it only if it differs from what it said
//! last. The visible text elsewhere is not live, so it may follow every key.

use std::time::Duration;

use leptos::prelude::*;

/// How long a text must stay the same before it is announced.
pub const SETTLE_MS: u64 = 900;

/// A visually hidden `aria-live="polite"` region announcing `text` once it has settled. It
/// starts empty: what a screen shows when it opens is not news.
#[component]
pub fn SettledLive(
    #[prop(into)] text: Signal<String>,
    /// `data-testid` of the region.
    #[prop(optional)]
    testid: &'static str,
) -> impl IntoView {
    let spoken = RwSignal::new(String::new());
    let last = StoredValue::new(text.get_untracked());
    let generation = StoredValue::new(0u64);
    Effect::new(move |first: Option<()>| {
        let now = text.get();
        if first.is_none() {
            return;
        }
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        set_timeout(
            move || {
                // Gone (the screen changed) or superseded by a later change: nothing to say.
                if generation.try_get_value() != Some(mine) {
                    return;
                }
                if last.try_with_value(|said| *said == now) != Some(false) {
                    return;
                }
                last.set_value(now.clone());
                let _ = spoken.try_set(now);
            },
            Duration::from_millis(SETTLE_MS),
        );
    });
    view! {
        <p class="visually-hidden" aria-live="polite" aria-atomic="true"
            data-testid=(!testid.is_empty()).then_some(testid)>
            {move || spoken.get()}
        </p>
    }
}
