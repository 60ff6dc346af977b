//! The measures' full texts and notes, loaded when a screen first needs them.
//!
//! The wasm embeds the plan without them (about half its bytes; see
//! [`crate::engine::measure_texts`]). The first [`use_measure_texts`] (a clause text, the library)
//! fetches the plan's texts file from the app's own origin, once; the service worker precaches
//! it with every other file of the build, so it is there offline too. Natively (tests) the
//! embedded plan has its texts and they are ready at once.

use std::sync::OnceLock;

use crate::engine::measure_texts::{MeasureProse, MeasureTexts};
use leptos::prelude::*;

/// Where the texts stand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextsStatus {
    Loading,
    Ready,
    /// The file could not be fetched or read: screens say so and show the rest.
    Failed,
}

/// The texts, once read (never replaced).
static TEXTS: OnceLock<MeasureTexts> = OnceLock::new();

thread_local! {
    /// Created (and the fetch started) by the first [`use_measure_texts`].
    static STATUS: ArcRwSignal<TextsStatus> = start();
}

/// The measures' texts, for views: reading them subscribes to their arrival.
#[derive(Clone)]
pub struct Texts {
    status: ArcRwSignal<TextsStatus>,
}

/// The measures' texts; the first call starts loading them.
pub fn use_measure_texts() -> Texts {
    Texts { status: STATUS.with(Clone::clone) }
}

impl Texts {
    /// Where the texts stand (tracked).
    pub fn status(&self) -> TextsStatus {
        self.status.get()
    }

    /// Whether loading has finished, either way (tracked).
    pub fn settled(&self) -> bool {
        self.status() != TextsStatus::Loading
    }

    /// One measure's text and notes, once loaded (tracked).
    pub fn prose(&self, number: &str) -> Option<&'static MeasureProse> {
        self.status.track();
        TEXTS.get().and_then(|t| t.get(number))
    }
}

fn start() -> ArcRwSignal<TextsStatus> {
    if crate::engine::measure_texts::EMBEDDED_POLICY_HAS_TEXTS {
        // Natively (tests) every built-in plan is whole: the newest's texts.
        let ready = crate::engine::Policy::embedded().map(MeasureTexts::of_policy);
        let status = match ready {
            Ok(texts) => {
                let _ = TEXTS.set(texts);
                TextsStatus::Ready
            }
            Err(_) => TextsStatus::Failed,
        };
        return ArcRwSignal::new(status);
    }
    let status = ArcRwSignal::new(TextsStatus::Loading);
    fetch(status.clone());
    status
}

#[cfg(target_arch = "wasm32")]
fn fetch(status: ArcRwSignal<TextsStatus>) {
    leptos::task::spawn_local(async move {
        let texts = fetch_text().await.and_then(|json| MeasureTexts::from_json(&json).ok());
        let outcome = match texts {
            Some(texts) => {
                let _ = TEXTS.set(texts);
                TextsStatus::Ready
            }
            None => TextsStatus::Failed,
        };
        status.set(outcome);
    });
}

/// Not reached natively (the embedded plan has its texts there).
#[cfg(not(target_arch = "wasm32"))]
fn fetch(status: ArcRwSignal<TextsStatus>) {
    status.set(TextsStatus::Failed);
}

/// `fetch(measure_texts_file())` → the body as text, through `js_sys` (no extra web-sys features).
#[cfg(target_arch = "wasm32")]
async fn fetch_text() -> Option<String> {
    let file = crate::ui::plan_select::shown_texts_file();
    use js_sys::futures::JsFuture;
    use js_sys::{Function, Promise, Reflect};
    use leptos::wasm_bindgen::{JsCast, JsValue};

    let window = web_sys::window()?;
    let response = JsFuture::from(window.fetch_with_str(file)).await.ok()?;
    let field = |name: &str| Reflect::get(&response, &JsValue::from_str(name)).ok();
    if field("ok")?.as_bool() != Some(true) {
        return None;
    }
    let text: Function = field("text")?.dyn_into().ok()?;
    let body: Promise = text.call0(&response).ok()?.dyn_into().ok()?;
    JsFuture::from(body).await.ok()?.as_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natively_the_texts_are_ready_at_once() {
        let texts = use_measure_texts();
        assert_eq!(texts.status(), TextsStatus::Ready);
        assert!(texts.settled());
        let prose = texts.prose("四.2(4)").expect("四.2(4) has a text");
        assert!(prose.text.zh.contains("固定资产投资"), "{}", prose.text.zh);
        assert!(texts.prose("九.9(9)").is_none());
    }
}
