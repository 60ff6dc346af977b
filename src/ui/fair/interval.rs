//! A repeating timer that can always be cleared. `setInterval` returns a JavaScript number;
//! web-sys (and Leptos's `set_interval_with_handle` on top of it) keeps it as an `i32`. Fake
//! clocks hand out ids from 10^12 (Playwright's `page.clock`), so the id was cut to 32 bits,
//! `clearInterval` cleared nothing, and the idle guard's tick ran on after its owner was
//! disposed (`RuntimeError: unreachable` at the first reset, issue #13). Here the id is kept
//! as the number it is.

use std::time::Duration;

use leptos::wasm_bindgen::{closure::Closure, JsCast, JsValue};

/// A running `setInterval`; [`Interval::clear`] stops it.
pub struct Interval {
    id: JsValue,
}

/// `window[name]` as a function.
fn window_function(window: &web_sys::Window, name: &str) -> Option<js_sys::Function> {
    js_sys::Reflect::get(window, &name.into()).ok()?.dyn_into::<js_sys::Function>().ok()
}

impl Interval {
    /// Calls `tick` every `period` until cleared. `None` where there is no timer to be had.
    pub fn every(period: Duration, tick: impl FnMut() + 'static) -> Option<Interval> {
        let window = web_sys::window()?;
        let set = window_function(&window, "setInterval")?;
        // Owned by JavaScript from here: it lives while the interval can call it.
        let tick = Closure::<dyn FnMut()>::new(tick).into_js_value();
        let millis = JsValue::from_f64(period.as_millis() as f64);
        let id = set.call2(&window, &tick, &millis).ok()?;
        Some(Interval { id })
    }

    /// Stops the timer.
    pub fn clear(self) {
        let Some(window) = web_sys::window() else { return };
        if let Some(clear) = window_function(&window, "clearInterval") {
            let _ = clear.call1(&window, &self.id);
        }
    }
}
