//! The frame around every screen: skip link, header with navigation and the language
//! toggle, and a footer with the plan's status.

use crate::engine::lang::Lang;
use crate::ui::components::figures::figures;
use crate::ui::i18n::use_lang;
use crate::ui::route::Route;
use crate::ui::RouteSignal;
use crate::ui_strings;
use leptos::prelude::*;

ui_strings!(Frame {
    SkipToContent => ("跳到主要内容", "Skip to main content"),
    AppName => ("钦州“一县一业”政策计算器", "Qinzhou One County, One Industry incentives"),
    MainNav => ("主导航", "Main navigation"),
    NavStart => ("开始", "Start"),
    NavQuestions => ("问卷", "Questions"),
    NavResults => ("结果", "Results"),
    NavLibrary => ("政策库", "Policy library"),
    NavTargets => ("发展目标", "Targets"),
    NavProfiles => ("档案", "Profiles"),
    NavAbout => ("关于", "About"),
    NavSettings => ("设置", "Settings"),
    SwitchLanguagePrefix => ("切换语言：", "Language: "),
    FooterDraft => (
        "依据《{title}》（{status}）。本工具为非官方参考，结果以主管部门认定为准。所有数据只保存在您的设备上。",
        "Based on the {title}, {status}. This tool is an unofficial aid; the competent authorities decide. Your answers stay on this device."
    ),
    FooterFair => (
        "依据《{title}》（{status}）。本工具为非官方参考，结果以主管部门认定为准。展会模式：本设备不保存任何内容，清除或无人操作后，本次输入的一切都会删除。",
        "Based on the {title}, {status}. This tool is an unofficial aid; the competent authorities decide. Fair mode: nothing is kept on this device; everything entered is deleted on “start over” or when nobody uses it."
    ),
});

fn nav_items() -> [(Route, Frame); 8] {
    [
        (Route::Home, Frame::NavStart),
        (Route::Questions(None), Frame::NavQuestions),
        (Route::Results, Frame::NavResults),
        (Route::Library(None), Frame::NavLibrary),
        (Route::Targets, Frame::NavTargets),
        (Route::Profiles, Frame::NavProfiles),
        (Route::About, Frame::NavAbout),
        // Fair mode, profile files (u5: screens/settings.rs).
        (Route::Settings, Frame::NavSettings),
    ]
}

/// Whether a navigation entry is the current section (sub-routes count).
fn is_current(item: &Route, current: &Route) -> bool {
    std::mem::discriminant(item) == std::mem::discriminant(current)
}

/// The first stop of every page, fair mode's included: past the header to the screen.
#[component]
pub fn SkipLink() -> impl IntoView {
    let lang = use_lang();
    view! {
        <a class="skip-link" href="#main" data-testid="skip-link" on:click=move |ev| {
            // The hash is the router's: move focus instead of navigating.
            ev.prevent_default();
            if let Some(main) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id("main"))
            {
                use leptos::wasm_bindgen::JsCast;
                if let Ok(el) = main.dyn_into::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        }>{Frame::SkipToContent.text(lang)}</a>
    }
}

#[component]
pub fn Header() -> impl IntoView {
    let lang = use_lang();
    let route = use_context::<RouteSignal>().map(|r| r.0);
    let t = move |key: Frame| key.get(lang.get());
    let nav = current_in_view();
    view! {
        <SkipLink/>
        <header class="site-header">
            <a class="brand" href="#/">{Frame::AppName.text(lang)}</a>
            <nav node_ref=nav aria-label=move || t(Frame::MainNav)>
                <ul>
                    {nav_items()
                        .into_iter()
                        .map(|(target, label)| {
                            let href = target.to_hash();
                            let current = {
                                let target = target.clone();
                                move || {
                                    route
                                        .map(|r| is_current(&target, &r.get()))
                                        .unwrap_or(false)
                                        .then_some("page")
                                }
                            };
                            view! {
                                <li>
                                    <a href=href aria-current=current>{move || t(label)}</a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </nav>
            <button
                type="button"
                class="lang-toggle"
                data-testid="lang-toggle"
                on:click=move |_| lang.update(|l| *l = l.other())
            >
                // The accessible name contains the visible text (WCAG 2.5.3).
                <span class="visually-hidden">{Frame::SwitchLanguagePrefix.text(lang)}</span>
                <span lang=move || lang.get().other().tag()>
                    {move || lang.get().other().native_name()}
                </span>
            </button>
        </header>
    }
}

/// A header's navigation row that keeps its current section in view ([`reveal_current`]) on
/// every change of screen or language: its `node_ref`. The usual header's and fair mode's.
pub fn current_in_view() -> NodeRef<leptos::html::Nav> {
    let lang = use_lang();
    let route = use_context::<RouteSignal>().map(|r| r.0);
    let nav = NodeRef::<leptos::html::Nav>::new();
    // After the link's aria-current is set (render effects run first).
    Effect::new(move |_| {
        if let Some(route) = route {
            route.track();
        }
        lang.track();
        if let Some(nav) = nav.get() {
            reveal_current(nav.into());
        }
    });
    nav
}

/// On a phone the navigation is one row that scrolls sideways: the current section is scrolled
/// into view there, clear of the edge's glow, so that a person on Profiles or Settings sees where
/// they are. Where the row is not cut off, nothing moves.
fn reveal_current(nav: web_sys::Element) {
    // Behind the loading shell (a cold screen whose code is on its way) the row has no box
    // yet: again on the next frame, until the shell is gone.
    if crate::ui::shell::is_up() {
        request_animation_frame(move || reveal_current(nav));
        return;
    }
    let Ok(Some(link)) = nav.query_selector("a[aria-current=\"page\"]") else { return };
    let (row, current) = (nav.get_bounding_client_rect(), link.get_bounding_client_rect());
    // The glow's width (2rem in `--row-scroll-cue`), in CSS pixels.
    const CLEAR: f64 = 32.0;
    let shift = if current.right() > row.right() {
        current.right() - row.right() + CLEAR
    } else if current.left() < row.left() {
        current.left() - row.left() - CLEAR
    } else {
        return;
    };
    nav.set_scroll_left(nav.scroll_left() + shift.round() as i32);
}

#[component]
pub fn Footer() -> impl IntoView {
    let lang = use_lang();
    // In fair mode nothing is kept, and the footer must not say otherwise.
    let text = if crate::ui::fair::fair_active() { Frame::FooterFair } else { Frame::FooterDraft };
    // The plan's title and status come from the data, so an issued plan's footer says so.
    let plan = crate::ui::state::use_app().map(|app| &app.policy.meta);
    let footer = move || {
        let lang = lang.get();
        let (title, status) = plan.map_or((String::new(), String::new()), |meta| {
            let status = meta.status_label.get(lang);
            // English labels are ASCII; full Unicode lowercasing would bring its case tables
            // into the start screen's module for nothing.
            let status =
                if lang == Lang::En { status.to_ascii_lowercase() } else { status.to_owned() };
            (meta.title.get(lang).to_owned(), status)
        });
        crate::ui::results::format::fill(
            text.get(lang),
            &[("title", title.as_str()), ("status", status.as_str())],
        )
    };
    view! {
        <footer class="site-footer" data-testid="site-footer">
            <p>{move || figures(footer())}</p>
        </footer>
    }
}

/// For screens: the language of the moment, for `Frame`-style lookups.
pub fn current_lang() -> Lang {
    use_lang().get_untracked()
}
