//! Saving a text as a file on the visitor's device: a Blob, an object URL and a click on a
//! temporary link. Nothing goes over the network.

use std::time::Duration;

use leptos::prelude::set_timeout;
use leptos::wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen]
extern "C" {
    /// The browser's `Blob` (bound here so no extra web-sys features are needed).
    #[wasm_bindgen(js_name = Blob)]
    type JsBlob;

    #[wasm_bindgen(constructor, js_class = "Blob", catch)]
    fn new_blob(parts: &js_sys::Array, options: &js_sys::Object) -> Result<JsBlob, JsValue>;

    #[wasm_bindgen(js_namespace = URL, js_name = createObjectURL, catch)]
    fn create_object_url(blob: &JsBlob) -> Result<String, JsValue>;

    #[wasm_bindgen(js_namespace = URL, js_name = revokeObjectURL, catch)]
    fn revoke_object_url(url: &str) -> Result<(), JsValue>;
}

/// Why a download could not be started.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DownloadFailed;

/// Offers `text` as a download named `file_name` (type `application/json`).
pub fn download_text(text: &str, file_name: &str) -> Result<(), DownloadFailed> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"type".into(), &"application/json;charset=utf-8".into())
        .map_err(|_| DownloadFailed)?;
    let blob = JsBlob::new_blob(&parts, &options).map_err(|_| DownloadFailed)?;
    let url = create_object_url(&blob).map_err(|_| DownloadFailed)?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or(DownloadFailed)?;
    let link = document
        .create_element("a")
        .ok()
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        .ok_or(DownloadFailed)?;
    let started = link
        .set_attribute("href", &url)
        .and_then(|_| link.set_attribute("download", file_name))
        .is_ok();
    if started {
        link.click();
    }
    // Give the browser time to start reading the blob before letting it go.
    set_timeout(
        move || {
            let _ = revoke_object_url(&url);
        },
        Duration::from_secs(60),
    );
    started.then_some(()).ok_or(DownloadFailed)
}
