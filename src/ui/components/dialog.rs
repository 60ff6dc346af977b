//! Modal `<dialog>`s: opened with `showModal()` (the page behind is inert and Esc closes),
//! Tab kept inside, and focus given back to whatever had it when the dialog opened.

use leptos::prelude::*;

/// A modal dialog's element and the element that had focus when it opened.
#[derive(Clone, Copy)]
pub struct Modal {
    /// For the dialog's `node_ref`.
    pub node: NodeRef<leptos::html::Dialog>,
    opener: StoredValue<Option<web_sys::HtmlElement>, LocalStorage>,
}

impl Modal {
    pub fn new() -> Self {
        Modal { node: NodeRef::new(), opener: StoredValue::new_local(None) }
    }

    /// Opens the dialog, remembering what had focus.
    pub fn open(&self) {
        self.opener.set_value(focused_element());
        if let Some(el) = self.node.get_untracked() {
            show_modal(&el);
        }
    }

    pub fn close(&self) {
        if let Some(el) = self.node.get_untracked() {
            close_dialog(&el);
        }
    }

    /// For the dialog's `on:keydown`.
    pub fn keep_tab_inside(&self, ev: &web_sys::KeyboardEvent) {
        if let Some(el) = self.node.get_untracked() {
            trap_tab(ev, &el);
        }
    }

    /// For the dialog's `on:close`: focus goes back where it was.
    pub fn give_focus_back(&self) {
        if let Some(el) = self.opener.try_get_value().flatten() {
            let _ = el.focus();
        }
    }
}

impl Default for Modal {
    fn default() -> Self {
        Self::new()
    }
}

/// Opens a `<dialog>` as a modal (does nothing if it is already open).
pub fn show_modal(dialog: &web_sys::HtmlDialogElement) {
    if !dialog.open() {
        let _ = dialog.show_modal();
    }
}

/// Closes a `<dialog>` if it is open.
pub fn close_dialog(dialog: &web_sys::HtmlDialogElement) {
    if dialog.open() {
        dialog.close();
    }
}

/// Keeps Tab and Shift+Tab cycling inside a modal dialog (browsers let focus leave a modal
/// `<dialog>` for their own toolbar): call from the dialog's `keydown`.
pub fn trap_tab(ev: &web_sys::KeyboardEvent, dialog: &web_sys::HtmlDialogElement) {
    use leptos::wasm_bindgen::JsCast;
    if ev.key() != "Tab" {
        return;
    }
    let selector =
        "button:not([disabled]), a[href], input:not([disabled]), select:not([disabled]), \
                    textarea:not([disabled]), [tabindex]:not([tabindex=\"-1\"])";
    // querySelectorAll through js_sys: no extra web-sys features needed.
    let list = js_sys::Reflect::get(dialog, &"querySelectorAll".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call1(dialog, &selector.into()).ok());
    let Some(list) = list else { return };
    let items: Vec<web_sys::HtmlElement> = js_sys::Array::from(&list)
        .iter()
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .collect();
    let (Some(first), Some(last)) = (items.first(), items.last()) else { return };
    let active = focused_element();
    let at = |el: &web_sys::HtmlElement| active.as_ref().is_some_and(|a| a == el);
    let inside = active.as_ref().is_some_and(|a| dialog.contains(Some(a)));
    if ev.shift_key() && (at(first) || !inside) {
        ev.prevent_default();
        let _ = last.focus();
    } else if !ev.shift_key() && (at(last) || !inside) {
        ev.prevent_default();
        let _ = first.focus();
    }
}

/// The element that has focus now, to give it back later.
pub fn focused_element() -> Option<web_sys::HtmlElement> {
    use leptos::wasm_bindgen::JsCast;
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
}
