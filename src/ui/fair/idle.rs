//! The idle reset of fair mode: the idle time means what staff set. After that many seconds
//! without a pointer or key a countdown of [`WARN_SECS`] seconds starts (WCAG 2.2.1, timing
//! adjustable: an "I'm still here" button; any activity restarts the timer), and when it runs
//! out everything a visitor entered is cleared. The timing is pure and tested
//! natively; [`IdleGuard`] wires it to the window.

use leptos::prelude::*;

use crate::ui::components::dialog::{close_dialog, show_modal, trap_tab};
use crate::ui::fair::interval::Interval;
use crate::ui::i18n::use_lang;
use crate::ui::results::format::fill;
use crate::ui_strings;

/// The warning comes at least this long before the reset (WCAG 2.2.1 asks for 20 s).
pub const WARN_SECS: u32 = 20;

/// Where the idle timer stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Recent activity: nothing shown.
    Calm,
    /// The countdown is visible: `remaining` whole seconds until the reset.
    Warning { remaining: u32 },
    /// Time is up: reset now.
    Expired,
}

/// How long the countdown lasts once the idle time has passed.
pub fn warn_secs(_idle_secs: u32) -> u32 {
    WARN_SECS
}

/// The phase `elapsed_ms` after the last activity, for an idle time of `idle_secs`: calm for
/// the idle time, then the countdown, then expired.
pub fn phase(elapsed_ms: u64, idle_secs: u32) -> Phase {
    let warn_from = u64::from(idle_secs) * 1000;
    let timeout_ms = warn_from + u64::from(warn_secs(idle_secs)) * 1000;
    if elapsed_ms >= timeout_ms {
        return Phase::Expired;
    }
    if elapsed_ms < warn_from {
        return Phase::Calm;
    }
    // Rounded up: the countdown reads 1 during the last second, never 0.
    let left_ms = timeout_ms - elapsed_ms;
    let remaining = u32::try_from(left_ms.div_ceil(1000)).unwrap_or(u32::MAX);
    Phase::Warning { remaining }
}

ui_strings!(IdleText {
    Title => ("还在吗？", "Are you still there?"),
    Body => (
        "为保护您的信息，{n} 秒后将清除本次输入的所有内容并回到开始页面。",
        "To protect your information, everything entered in this session will be cleared in {n} seconds and the start screen shown again."
    ),
    StillHere => ("我还在", "I'm still here"),
    Reset => ("现在清除并重新开始", "Clear now and start over"),
});

/// Milliseconds since 1970 from the browser's clock.
fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Watches for activity while `armed` and calls `on_expire` when the visitor has gone. Shows
/// the warning as a modal dialog (`data-testid="idle-warning"`).
#[component]
pub fn IdleGuard(
    /// Seconds without activity before the reset.
    timeout_secs: u32,
    /// Whether there is anything to clear (nothing to time on an untouched start screen).
    armed: Signal<bool>,
    /// Clears everything and goes back to the start.
    on_expire: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let t = move |key: IdleText| key.get(lang.get());
    let last = StoredValue::new(now_ms());
    let state = RwSignal::new(Phase::Calm);
    let dialog = NodeRef::<leptos::html::Dialog>::new();

    let activity = move || {
        last.set_value(now_ms());
        if state.get_untracked() != Phase::Calm {
            state.set(Phase::Calm);
        }
    };
    // Activity anywhere but inside the warning itself, whose buttons say what they mean (a
    // press on "Clear now" must not first count as "still here").
    let outside = move |ev: &web_sys::Event| {
        use leptos::wasm_bindgen::JsCast;
        let target = ev.target().and_then(|t| t.dyn_into::<web_sys::Node>().ok());
        match (dialog.get_untracked(), target) {
            (Some(dialog), Some(target)) => !dialog.contains(Some(&target)),
            _ => true,
        }
    };
    let on = move |ev: &web_sys::Event| {
        if outside(ev) {
            activity();
        }
    };
    let handles = vec![
        window_event_listener(leptos::ev::pointerdown, move |ev| on(&ev)),
        window_event_listener(leptos::ev::pointermove, move |ev| on(&ev)),
        window_event_listener(leptos::ev::keydown, move |ev| on(&ev)),
        window_event_listener(leptos::ev::wheel, move |ev| on(&ev)),
        window_event_listener(leptos::ev::touchstart, move |ev| on(&ev)),
        window_event_listener(leptos::ev::input, move |ev| on(&ev)),
    ];

    // (`Interval`, not `set_interval_with_handle`: see interval.rs for why the id matters.)
    let tick = Interval::every(std::time::Duration::from_millis(250), move || {
        // A tick after this guard was disposed finds its values gone and does nothing,
        // rather than panic: a timer must never outlive its owner's values.
        let (Some(armed), Some(since), Some(shown)) =
            (armed.try_get_untracked(), last.try_get_value(), state.try_get_untracked())
        else {
            return;
        };
        if !armed {
            // Nothing to clear: the countdown starts from the first thing entered.
            last.set_value(now_ms());
            if shown != Phase::Calm {
                state.set(Phase::Calm);
            }
            return;
        }
        let elapsed = (now_ms() - since).max(0.0) as u64;
        let next = phase(elapsed, timeout_secs);
        if next == Phase::Expired {
            state.set(Phase::Calm);
            last.set_value(now_ms());
            on_expire.run(());
        } else if next != shown {
            state.set(next);
        }
    });
    on_cleanup(move || {
        for handle in handles {
            handle.remove();
        }
        if let Some(tick) = tick {
            tick.clear();
        }
    });

    let warning = Memo::new(move |_| matches!(state.get(), Phase::Warning { .. }));
    Effect::new(move |_| {
        let Some(el) = dialog.get() else { return };
        if warning.get() {
            show_modal(&el);
        } else {
            close_dialog(&el);
        }
    });
    let remaining = move || match state.get() {
        Phase::Warning { remaining } => remaining,
        _ => warn_secs(timeout_secs),
    };
    let body = move || fill(t(IdleText::Body), &[("n", &remaining().to_string())]);
    view! {
        <dialog
            node_ref=dialog
            class="idle-warning"
            role="alertdialog"
            aria-labelledby="idle-title"
            aria-describedby="idle-body"
            data-testid="idle-warning"
            data-remaining=move || remaining().to_string()
            on:keydown=move |ev| {
                if let Some(el) = dialog.get_untracked() {
                    trap_tab(&ev, &el);
                }
            }
            on:cancel=move |ev: web_sys::Event| {
                // Esc is activity too: keep the session.
                ev.prevent_default();
                activity();
            }
        >
            <h2 id="idle-title">{IdleText::Title.text(lang)}</h2>
            <p id="idle-body">{body}</p>
            <p class="idle-count" aria-hidden="true" data-testid="idle-countdown">{remaining}</p>
            <div class="actions">
                <button type="button" class="fair-big" data-testid="idle-still-here" autofocus
                    on:click=move |_| activity()>
                    {IdleText::StillHere.text(lang)}
                </button>
                <button type="button" class="secondary" data-testid="idle-reset-now"
                    on:click=move |_| {
                        state.set(Phase::Calm);
                        on_expire.run(());
                    }>
                    {IdleText::Reset.text(lang)}
                </button>
            </div>
        </dialog>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_countdown_starts_after_the_idle_time_and_lasts_twenty_seconds() {
        assert_eq!(phase(0, 30), Phase::Calm);
        assert_eq!(phase(29_999, 30), Phase::Calm, "nothing before the idle time staff set");
        assert_eq!(phase(30_000, 30), Phase::Warning { remaining: 20 });
        assert_eq!(phase(30_001, 30), Phase::Warning { remaining: 20 });
        assert_eq!(phase(49_000, 30), Phase::Warning { remaining: 1 });
        assert_eq!(phase(49_999, 30), Phase::Warning { remaining: 1 });
        assert_eq!(phase(50_000, 30), Phase::Expired);
        assert_eq!(phase(119_999, 120), Phase::Calm);
        assert_eq!(phase(120_000, 120), Phase::Warning { remaining: 20 });
        assert_eq!(phase(u64::MAX, 120), Phase::Expired);
    }

    #[test]
    fn a_zero_idle_time_counts_down_at_once() {
        assert_eq!(warn_secs(0), WARN_SECS);
        assert_eq!(phase(0, 0), Phase::Warning { remaining: 20 });
        assert_eq!(phase(20_000, 0), Phase::Expired);
    }

    #[test]
    fn the_countdown_never_shows_more_than_the_warning_time() {
        for timeout in [1_u32, 19, 20, 21, 30, 120, 3600] {
            let mut previous = u32::MAX;
            for ms in (0..=u64::from(timeout + WARN_SECS) * 1000).step_by(250) {
                if let Phase::Warning { remaining } = phase(ms, timeout) {
                    assert!(remaining <= warn_secs(timeout) && remaining >= 1, "{timeout} {ms}");
                    assert!(remaining <= previous);
                    previous = remaining;
                }
            }
        }
    }
}
