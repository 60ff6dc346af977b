//! Fair mode: the app on a shared screen at a trade fair, with a queue of visitors and often no
//! network.
//!
//! * **On** with `?fair=1` in the address (`https://host/sub/?fair=1#/`), optionally
//!   `&idle=<seconds>` ([`parse_query`]), or from the settings screen, which opens that address.
//!   Leaving is deliberate: a button that asks to confirm, then opens the address without the
//!   query (a fresh start in normal mode).
//! * **Memory only.** Before anything is read, storage is switched to memory-only
//!   (`storage::set_memory_only`): saved profiles are neither read nor written, and nothing a
//!   visitor enters (answers, language) reaches local storage.
//! * **Full-screen layout** with large touch targets (`style/fair.css`, `html.fair`), one-tap
//!   samples ([`presets`]) on the start screen ([`start::FairStart`]).
//! * **Idle reset** ([`idle`]): after the idle time (default 120 s) without a touch a 20-second
//!   countdown warns, then everything is cleared and the start screen shown again
//!   ([`FairMode::reset`]).

pub mod idle;
mod interval;
pub mod presets;
pub mod start;

use leptos::prelude::*;

use crate::engine::lang::Lang;
use crate::engine::profile::Profile;
use crate::ui::components::dialog::Modal;
use crate::ui::components::handoff::{app_base, HandOffButton};
use crate::ui::components::notice::Notices;
use crate::ui::i18n::use_lang;
use crate::ui::layout::{Footer, SkipLink};
use crate::ui::profiles::{is_blank, Store};
use crate::ui::route::Route;
use crate::ui::state::{AppState, Saved};
use crate::ui::storage;
use crate::ui::RouteSignal;
use crate::ui_strings;

/// The idle time when the address does not say.
pub const DEFAULT_IDLE_SECS: u32 = 120;
/// Shortest idle time (the 20-second countdown comes after it).
pub const MIN_IDLE_SECS: u32 = 30;
/// Longest idle time (an hour).
pub const MAX_IDLE_SECS: u32 = 3600;

/// Fair mode as the address asks for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FairConfig {
    /// Seconds without activity before the countdown to the clear starts.
    pub idle_secs: u32,
}

/// An idle time within [`MIN_IDLE_SECS`]..=[`MAX_IDLE_SECS`].
pub fn clamp_idle(secs: u32) -> u32 {
    secs.clamp(MIN_IDLE_SECS, MAX_IDLE_SECS)
}

/// Reads the query part of the address (`?fair=1&idle=90`). `fair=1` (or `fair`, `true`,
/// `on`, `yes`) turns fair mode on; `idle` is clamped, and ignored when not a number.
pub fn parse_query(search: &str) -> Option<FairConfig> {
    let mut on = false;
    let mut idle = None;
    for pair in search.trim_start_matches('?').split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        match key {
            "fair" => on = matches!(value, "" | "1" | "true" | "on" | "yes"),
            "idle" => idle = value.parse::<u32>().ok(),
            _ => {}
        }
    }
    on.then(|| FairConfig { idle_secs: clamp_idle(idle.unwrap_or(DEFAULT_IDLE_SECS)) })
}

/// The query that turns fair mode on with this idle time.
pub fn query_for(config: FairConfig) -> String {
    format!("?fair=1&idle={}", config.idle_secs)
}

/// The fair mode the address asks for (`location.search`).
fn asked() -> Option<FairConfig> {
    let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    parse_query(&search)
}

/// Fair mode as this page was opened. When on, storage is made memory-only at once, before the
/// app reads anything.
pub fn detect() -> Option<FairConfig> {
    let config = asked();
    storage::set_memory_only(config.is_some());
    config
}

/// Whether the address asks for fair mode, without deciding anything (no storage switch):
/// `mount` keeps the loading shell up until the fair frame's code has arrived.
pub fn requested() -> bool {
    asked().is_some()
}

/// Opens the app in fair mode (a new page load: what the previous visitor entered is gone).
pub fn enter(config: FairConfig) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_href(&format!("{}{}#/", app_base(), query_for(config)));
    }
}

/// Leaves fair mode: the app opens again without the query, in normal mode.
pub fn leave() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_href(&format!("{}#/", app_base()));
    }
}

/// Fair mode for the screens: whether it is on, and the reset.
#[derive(Clone, Copy)]
pub struct FairMode {
    pub config: Option<FairConfig>,
    /// Bumped by every reset: the fair frame is rebuilt from scratch, so no screen or dialog
    /// keeps anything of the previous visitor.
    pub epoch: RwSignal<u64>,
    app: Option<AppState>,
    saved: Option<Saved>,
    lang: RwSignal<Lang>,
    start_lang: Lang,
}

impl FairMode {
    pub fn new(
        config: Option<FairConfig>,
        app: AppState,
        saved: Saved,
        lang: RwSignal<Lang>,
    ) -> FairMode {
        let start_lang = lang.get_untracked();
        FairMode {
            config,
            epoch: RwSignal::new(0),
            app: Some(app),
            saved: Some(saved),
            lang,
            start_lang,
        }
    }

    pub fn active(&self) -> bool {
        self.config.is_some()
    }

    /// Clears everything a visitor entered (the profile, the in-memory saved profiles, messages,
    /// the language they chose) and shows the start screen.
    pub fn reset(&self) {
        if let Some(app) = self.app {
            app.notices.set(Vec::new());
            if let Some(saved) = self.saved {
                saved.store.set(Store::new());
            }
            app.profile.set(Profile::new());
        }
        self.lang.set(self.start_lang);
        self.epoch.update(|e| *e += 1);
        if let Some(w) = web_sys::window() {
            let _ = w.location().set_hash(&Route::Home.to_hash());
            w.scroll_to_with_x_and_y(0.0, 0.0);
        }
        focus_main();
    }
}

/// Fair mode, where the app provides it (off elsewhere).
pub fn use_fair() -> Option<FairMode> {
    use_context::<FairMode>()
}

/// Whether fair mode is on.
pub fn fair_active() -> bool {
    use_fair().is_some_and(|f| f.active())
}

/// Moves focus to the main landmark once the new screen is drawn.
fn focus_main() {
    request_animation_frame(|| {
        use leptos::wasm_bindgen::JsCast;
        if let Some(main) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("main"))
            .and_then(|m| m.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = main.focus();
        }
    });
}

ui_strings!(FairText {
    AppName => ("钦州“一县一业”政策计算器", "Qinzhou One County, One Industry incentives"),
    Badge => ("展会模式：不在本设备保存任何内容", "Fair mode: nothing is saved on this device"),
    Nav => ("展会导航", "Fair navigation"),
    Start => ("开始", "Start"),
    Questions => ("问卷", "Questions"),
    Results => ("结果", "Results"),
    Compare => ("比较", "Compare"),
    Library => ("政策库", "Policy library"),
    StartOver => ("清除并重新开始", "Clear and start over"),
    SwitchLanguagePrefix => ("切换语言：", "Language: "),
    Leave => ("工作人员：退出展会模式", "Staff: leave fair mode"),
    LeaveTitle => ("退出展会模式？", "Leave fair mode?"),
    LeaveBody => (
        "退出后，本设备将恢复正常模式：之后输入的回答会保存在本设备上。本次访客输入的内容会被清除。",
        "After leaving, this device works normally again: answers entered from then on are saved on it. What the current visitor entered is cleared."
    ),
    Stay => ("留在展会模式", "Stay in fair mode"),
    LeaveConfirm => ("确认退出展会模式", "Yes, leave fair mode"),
    FullScreen => ("全屏", "Full screen"),
});

/// The "leave fair mode" button with its confirmation dialog (keyboard accessible: a modal
/// dialog, "Stay" focused first, Esc stays).
#[component]
pub fn LeaveFair() -> impl IntoView {
    let lang = use_lang();
    let modal = Modal::new();
    let open = move |_| modal.open();
    let stay = move |_| modal.close();
    view! {
        <button type="button" class="secondary fair-leave" data-testid="fair-leave" aria-haspopup="dialog" on:click=open>
            {FairText::Leave.text(lang)}
        </button>
        <dialog node_ref=modal.node class="fair-dialog" aria-labelledby="fair-leave-title"
            aria-describedby="fair-leave-body" data-testid="fair-leave-dialog"
            on:keydown=move |ev| modal.keep_tab_inside(&ev)
            on:close=move |_| modal.give_focus_back()>
            <h2 id="fair-leave-title">{FairText::LeaveTitle.text(lang)}</h2>
            <p id="fair-leave-body">{FairText::LeaveBody.text(lang)}</p>
            <div class="actions">
                <button type="button" autofocus data-testid="fair-leave-cancel" on:click=stay>
                    {FairText::Stay.text(lang)}
                </button>
                <button type="button" class="secondary" data-testid="fair-leave-confirm" on:click=move |_| leave()>
                    {FairText::LeaveConfirm.text(lang)}
                </button>
            </div>
        </dialog>
    }
}

/// Asks the browser for full screen (kiosks often are already; a refusal changes nothing).
fn request_full_screen() {
    use leptos::wasm_bindgen::JsCast;
    let Some(root) =
        web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element())
    else {
        return;
    };
    if let Ok(request) = js_sys::Reflect::get(&root, &"requestFullscreen".into()) {
        if let Some(request) = request.dyn_ref::<js_sys::Function>() {
            // Returns a promise; a refusal rejects it, which nothing waits for.
            let _ = request.call0(&root);
        }
    }
}

/// The fair-mode header: big targets, the hand-off, language, start over and leave.
#[component]
fn FairHeader(fair: FairMode) -> impl IntoView {
    let lang = use_lang();
    let t = move |key: FairText| key.get(lang.get());
    let route = use_context::<RouteSignal>().map(|r| r.0);
    let items = [
        (Route::Home, FairText::Start),
        (Route::Questions(None), FairText::Questions),
        (Route::Results, FairText::Results),
        (Route::Compare, FairText::Compare),
        (Route::Library(None), FairText::Library),
    ];
    let nav = items
        .into_iter()
        .map(|(target, label)| {
            let href = target.to_hash();
            let current = move || {
                route
                    .map(|r| std::mem::discriminant(&target) == std::mem::discriminant(&r.get()))
                    .unwrap_or(false)
                    .then_some("page")
            };
            view! { <li><a href=href aria-current=current>{move || t(label)}</a></li> }
        })
        .collect_view();
    view! {
        <SkipLink/>
        <header class="site-header fair-header" data-testid="fair-header">
            <a class="brand" href="#/">{FairText::AppName.text(lang)}</a>
            <p class="fair-badge" data-testid="fair-badge">
                {FairText::Badge.text(lang)}
            </p>
            <nav node_ref=crate::ui::layout::current_in_view() aria-label=move || t(FairText::Nav)>
                <ul>{nav}</ul>
            </nav>
            <div class="fair-tools">
                <HandOffButton class="fair-big"/>
                <button type="button" class="lang-toggle fair-big" data-testid="lang-toggle"
                    on:click=move |_| lang.update(|l| *l = l.other())>
                    // The accessible name contains the visible text (WCAG 2.5.3), as in the
                    // usual header.
                    <span class="visually-hidden">{FairText::SwitchLanguagePrefix.text(lang)}</span>
                    <span lang=move || lang.get().other().tag()>{move || lang.get().other().native_name()}</span>
                </button>
                <button type="button" class="secondary fair-big" data-testid="fair-start-over"
                    on:click=move |_| fair.reset()>
                    {FairText::StartOver.text(lang)}
                </button>
                <button type="button" class="secondary" data-testid="fair-fullscreen"
                    on:click=move |_| request_full_screen()>
                    {FairText::FullScreen.text(lang)}
                </button>
                <LeaveFair/>
            </div>
        </header>
    }
}

/// The whole frame in fair mode: header, the screen, footer and the idle guard. Rebuilt on
/// every reset.
#[component]
pub fn FairFrame(fair: FairMode, app: AppState, children: ChildrenFn) -> impl IntoView {
    if let Some(root) =
        web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element())
    {
        let _ = root.class_list().add_1("fair");
    }
    let route = use_context::<RouteSignal>().map(|r| r.0);
    let armed = Signal::derive(move || {
        let away = route.map(|r| r.with(|r| *r != Route::Home)).unwrap_or(false);
        away || app.profile.with(|p| !is_blank(p))
    });
    let idle_secs = fair.config.map(|c| c.idle_secs).unwrap_or(DEFAULT_IDLE_SECS);
    let on_expire = Callback::new(move |()| fair.reset());
    move || {
        fair.epoch.track();
        view! {
            <FairHeader fair=fair/>
            <main id="main" class="fair-main" tabindex="-1" data-testid="fair-main">
                <Notices/>
                {children()}
            </main>
            <Footer/>
            <idle::IdleGuard timeout_secs=idle_secs armed=armed on_expire=on_expire/>
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_turns_fair_mode_on_with_a_clamped_idle_time() {
        assert_eq!(parse_query(""), None);
        assert_eq!(parse_query("?"), None);
        assert_eq!(parse_query("?fair=0"), None);
        assert_eq!(parse_query("?fairy=1"), None);
        assert_eq!(parse_query("?fair=1"), Some(FairConfig { idle_secs: DEFAULT_IDLE_SECS }));
        assert_eq!(parse_query("?fair"), Some(FairConfig { idle_secs: DEFAULT_IDLE_SECS }));
        assert_eq!(parse_query("?x=2&fair=1&idle=45"), Some(FairConfig { idle_secs: 45 }));
        assert_eq!(parse_query("?fair=1&idle=5"), Some(FairConfig { idle_secs: MIN_IDLE_SECS }));
        assert_eq!(
            parse_query("?fair=1&idle=999999999999"),
            Some(FairConfig { idle_secs: DEFAULT_IDLE_SECS })
        );
        assert_eq!(
            parse_query("?fair=1&idle=86400"),
            Some(FairConfig { idle_secs: MAX_IDLE_SECS })
        );
        assert_eq!(
            parse_query("?fair=1&idle=-3"),
            Some(FairConfig { idle_secs: DEFAULT_IDLE_SECS })
        );
        assert_eq!(
            parse_query("?fair=1&idle=abc"),
            Some(FairConfig { idle_secs: DEFAULT_IDLE_SECS })
        );
    }

    #[test]
    fn the_query_for_a_config_reads_back() {
        for secs in [MIN_IDLE_SECS, 60, DEFAULT_IDLE_SECS, MAX_IDLE_SECS] {
            let config = FairConfig { idle_secs: secs };
            assert_eq!(parse_query(&query_for(config)), Some(config));
        }
    }
}
