//! "Take this with you": the active profile packed into a link (`engine::share`, no server),
//! shown as a QR code and as text with a copy button, in a modal dialog.
//!
//! The dialog is a native `<dialog>` opened with `showModal()`: the rest of the page is inert
//! (focus stays inside), Esc closes it, and focus goes back to the button that opened it.
//!
//! The QR code is the SVG text of [`qr_svg`], set with `inner_html`. That is the only
//! `inner_html` of the app and it is safe: the SVG is drawn by our own code from the QR
//! modules (the link itself never appears in it; it is base64url anyway), and its one piece of
//! text, the title, is a fixed UI string that `qr_svg` escapes.

use leptos::prelude::*;

use crate::engine::qr::qr_svg;
use crate::engine::share::{encode_profile_with, SHARE_ROUTE_PREFIX};
use crate::ui::components::dialog::Modal;
use crate::ui::components::unreadable::{Lead, UnreadableNotice};
use crate::ui::i18n::use_lang;
use crate::ui::state::use_app;
use crate::ui_strings;

ui_strings!(HandOffText {
    Open => ("带走结果", "Take this with you"),
    Title => ("带走您的结果", "Take your result with you"),
    Scan => (
        "用手机相机扫描二维码，即可在手机上打开同样的结果。无需联网上传：您的回答就在链接里。",
        "Scan the code with your phone's camera to open the same results on your phone. Nothing is uploaded: your answers travel inside the link."
    ),
    QrTitle => ("打开结果的二维码", "QR code that opens the results"),
    Privacy => (
        "注意：链接包含您的全部回答（以及档案名称）。只分享给可以看到这些信息的人。",
        "Note: the link contains all your answers (and the profile's name). Share it only with people who may see them."
    ),
    LinkLabel => ("链接", "Link"),
    Copy => ("复制链接", "Copy link"),
    Copied => ("已复制。", "Copied."),
    CopyFailed => ("无法自动复制，请选中上面的链接后手动复制。", "Could not copy automatically: select the link above and copy it."),
    Close => ("关闭", "Close"),
    NeedApplicant => ("请先选择申请人类型，再带走结果。", "Choose an applicant type first, then take the result with you."),
});

/// This page's address without query or fragment: where a hand-off link must lead (a fair-mode
/// `?fair=1` is left behind on purpose).
pub fn app_base() -> String {
    let Some(location) = web_sys::window().map(|w| w.location()) else { return String::new() };
    let origin = location.origin().unwrap_or_default();
    let path = location.pathname().unwrap_or_default();
    format!("{origin}{path}")
}

/// The hand-off link for a payload: `<base>#/share/<payload>`.
pub fn share_link(base: &str, payload: &str) -> String {
    format!("{base}{SHARE_ROUTE_PREFIX}{payload}")
}

/// Calls `ok(value)` or `failed(error)` when a JS promise settles (through `then`, looked up
/// at run time so that no extra bindings are needed). A value that is no promise fails.
pub fn on_settled(
    promise: &leptos::wasm_bindgen::JsValue,
    ok: impl FnOnce(leptos::wasm_bindgen::JsValue) + 'static,
    failed: impl FnOnce(leptos::wasm_bindgen::JsValue) + 'static,
) {
    use leptos::wasm_bindgen::closure::Closure;
    use leptos::wasm_bindgen::{JsCast, JsValue};
    let then = js_sys::Reflect::get(promise, &"then".into()).ok();
    let Some(then) = then.as_ref().and_then(|t| t.dyn_ref::<js_sys::Function>()) else {
        failed(JsValue::UNDEFINED);
        return;
    };
    let ok = Closure::once_into_js(ok);
    let failed = Closure::once_into_js(failed);
    let _ = then.call2(promise, &ok, &failed);
}

/// Copies text with the asynchronous clipboard API; `done(false)` when it is missing or refused.
pub fn copy_text(text: &str, done: impl Fn(bool) + 'static) {
    use leptos::wasm_bindgen::{JsCast, JsValue};
    let promise = web_sys::window()
        .map(|w| JsValue::from(w.navigator()))
        .and_then(|nav| js_sys::Reflect::get(&nav, &"clipboard".into()).ok())
        .filter(|c| !c.is_undefined() && !c.is_null())
        .and_then(|clipboard| {
            let write = js_sys::Reflect::get(&clipboard, &"writeText".into()).ok()?;
            let write = write.dyn_ref::<js_sys::Function>()?;
            write.call1(&clipboard, &JsValue::from_str(text)).ok()
        });
    let Some(promise) = promise else {
        done(false);
        return;
    };
    let done = std::rc::Rc::new(done);
    let again = done.clone();
    on_settled(&promise, move |_| done(true), move |_| again(false));
}

/// What the dialog shows for one profile.
#[derive(Clone, Debug, PartialEq, Eq)]
struct HandOff {
    payload: String,
    link: String,
    /// The QR code as SVG text, or the reason there is none.
    svg: Result<String, String>,
}

/// A "Take this with you" button and its dialog, for the active profile.
#[component]
pub fn HandOffButton(
    /// Extra classes for the button (fair mode makes it big).
    #[prop(optional)]
    class: &'static str,
) -> impl IntoView {
    let lang = use_lang();
    let t = move |key: HandOffText| key.get(lang.get());
    let Some(app) = use_app() else { return ().into_any() };
    let modal = Modal::new();
    let input = NodeRef::<leptos::html::Input>::new();
    let shown = RwSignal::new(None::<HandOff>);
    let copied = RwSignal::new(None::<bool>);
    let has_applicant = Memo::new(move |_| app.profile.with(|p| p.applicant.is_some()));

    let open = move |_| {
        let lang_now = lang.get_untracked();
        let payload = app.profile.with_untracked(|p| {
            encode_profile_with(
                &crate::ui::components::plan_line::tied_to(p, app.policy),
                app.policy,
            )
        });
        let link = share_link(&app_base(), &payload);
        let svg =
            qr_svg(&link, HandOffText::QrTitle.get(lang_now)).map_err(|e| e.message(lang_now));
        shown.set(Some(HandOff { payload, link, svg }));
        copied.set(None);
        modal.open();
    };
    let close = move || modal.close();
    let copy = move |_| {
        let Some(link) = shown.with_untracked(|s| s.as_ref().map(|s| s.link.clone())) else {
            return;
        };
        copy_text(&link, move |ok| {
            copied.set(Some(ok));
            if !ok {
                if let Some(input) = input.get_untracked() {
                    input.select();
                }
            }
        });
    };

    view! {
        <button
            type="button"
            class=format!("handoff-open {class}")
            data-testid="handoff-open"
            aria-haspopup="dialog"
            disabled=move || !has_applicant.get()
            title=move || (!has_applicant.get()).then(|| t(HandOffText::NeedApplicant))
            on:click=open
        >
            {HandOffText::Open.text(lang)}
        </button>
        <dialog
            node_ref=modal.node
            class="handoff-dialog"
            aria-labelledby="handoff-title"
            aria-describedby="handoff-scan"
            data-testid="handoff-dialog"
            data-payload=move || shown.with(|s| s.as_ref().map(|s| s.payload.clone()))
            data-link=move || shown.with(|s| s.as_ref().map(|s| s.link.clone()))
            on:keydown=move |ev| modal.keep_tab_inside(&ev)
            // Esc, the close button or the form: focus goes back where it was.
            on:close=move |_| modal.give_focus_back()
        >
            <h2 id="handoff-title">{HandOffText::Title.text(lang)}</h2>
            <p id="handoff-scan">{HandOffText::Scan.text(lang)}</p>
            // The code beside the rest where the screen is wide (a laptop at a fair: everything,
            // Close included, in view without scrolling), above it on a phone.
            <div class="handoff-body">
                {move || shown.with(|s| s.as_ref().map(|s| s.svg.clone())).map(|svg| match svg {
                    // See the module documentation: this SVG is ours, never user text.
                    Ok(svg) => view! { <div class="qr-code" data-testid="handoff-qr" inner_html=svg></div> }.into_any(),
                    Err(message) => view! { <p class="field-error" role="alert" data-testid="handoff-qr-error">{message}</p> }.into_any(),
                })}
                <div class="handoff-side">
                    <UnreadableNotice lead=Lead::Link/>
                    <p class="handoff-privacy" data-testid="handoff-privacy">
                        <span aria-hidden="true">"⚠ "</span>{HandOffText::Privacy.text(lang)}
                    </p>
                    <label for="handoff-link" class="handoff-label">{HandOffText::LinkLabel.text(lang)}</label>
                    <input
                        id="handoff-link"
                        type="text"
                        readonly
                        node_ref=input
                        class="handoff-link"
                        data-testid="handoff-link"
                        prop:value=move || shown.with(|s| s.as_ref().map(|s| s.link.clone()).unwrap_or_default())
                        on:focus=move |_| {
                            if let Some(input) = input.get_untracked() {
                                input.select();
                            }
                        }
                    />
                    <div class="actions">
                        <button type="button" data-testid="handoff-copy" on:click=copy>
                            {HandOffText::Copy.text(lang)}
                        </button>
                        <button type="button" class="secondary" data-testid="handoff-close" on:click=move |_| close()>
                            {HandOffText::Close.text(lang)}
                        </button>
                        <span role="status" class="handoff-copied" data-testid="handoff-copied">
                            {move || copied.get().map(|ok| if ok { t(HandOffText::Copied) } else { t(HandOffText::CopyFailed) })}
                        </span>
                    </div>
                </div>
            </div>
        </dialog>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::lang::Lang;
    use crate::engine::policy::Policy;
    use crate::engine::profile::Profile;
    use crate::engine::qr::qr_modules;
    use crate::engine::share::decode_profile;

    #[test]
    fn a_link_carries_the_profile_and_fits_a_small_qr_code() {
        let policy = match Policy::embedded() {
            Ok(p) => p,
            Err(e) => panic!("{e}"),
        };
        for preset in crate::ui::fair::presets::PRESETS {
            let profile: Profile = match preset.profile(policy, Lang::Zh) {
                Ok(p) => p,
                Err(e) => panic!("{}: {e}", preset.id),
            };
            let payload = encode_profile_with(&profile, policy);
            let link = share_link("https://example.github.io/qinzhou-incentives/", &payload);
            let back = link.split(SHARE_ROUTE_PREFIX).nth(1).unwrap_or("");
            assert_eq!(decode_profile(back, policy), Ok(profile), "{}", preset.id);
            // Version 13 or smaller (69 modules + quiet zone): under 320 px at 4 px a module.
            let modules = qr_modules(&link);
            assert!(modules.is_some_and(|m| m <= 69), "{}: {link}", preset.id);
        }
    }
}
