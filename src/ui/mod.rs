//! The thin Leptos UI: it reads the engine and shows it. No rule, rate or amount lives here.

pub mod autosave;
pub mod charts;
pub mod chunks;
pub mod components;
pub mod drafts;
pub mod fair;
pub mod i18n;
pub mod layout;
pub mod lazy;
pub mod library;
pub mod mixed;
pub mod plan_select;
pub mod profiles;
pub mod results;
pub mod route;
pub mod route_focus;
pub mod screens;
pub mod shell;
pub mod state;
pub mod storage;

use crate::engine::lang::Lang;
use crate::engine::plans::Plans;
use crate::engine::policy::Policy;
use i18n::LangSignal;
use layout::{Footer, Header};
use lazy::LazyScreen;
use leptos::prelude::*;
use route::Route;
use screens::{home::Home, not_found::NotFound};
use state::AppState;

/// The current route, shared by every screen.
#[derive(Clone, Copy)]
pub struct RouteSignal(pub ReadSignal<Route>);

fn current_hash() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// The language chosen before (stored), else the browser's (`Lang::from_tag`: English for an
/// English browser, else Chinese). The loading shell's script in `index.html` (`shell.rs`)
/// applies the same rule, so the app mounts in the language the shell showed.
fn initial_lang() -> Lang {
    if let Ok(Some(stored)) = storage::read_raw(storage::StorageKey::Lang) {
        return Lang::from_tag(&stored);
    }
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .map(|t| Lang::from_tag(&t))
        .unwrap_or_default()
}

#[component]
pub fn App() -> impl IntoView {
    // Fair mode (ui::fair) is decided first: it makes storage memory-only before any read.
    let fair_config = fair::detect();
    let lang = RwSignal::new(initial_lang());
    provide_context(LangSignal(lang));
    Effect::new(move |_| {
        let lang = lang.get();
        if let Some(root) =
            web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element())
        {
            let _ = root.set_attribute("lang", lang.tag());
        }
        // Remembering the language is a convenience: failing to store it is not an error.
        let _ = storage::write_raw(
            storage::StorageKey::Lang,
            if lang == Lang::En { "en" } else { "zh" },
        );
    });

    // Plans::embedded is never empty when it loads.
    let loaded = Plans::embedded().and_then(|plans| match plans.newest() {
        Some(newest) => Ok((plans, newest)),
        None => Policy::embedded().map(|newest| (plans, newest)),
    });
    let (plans, newest) = match loaded {
        Ok(loaded) => loaded,
        Err(problem) => {
            // Only a broken build gets here (the data is validated by native tests).
            shell::remove();
            let detail = problem.to_string();
            return view! {
                <main id="main">
                    <h1>"数据无法加载 · The plan data could not be loaded"</h1>
                    <p>{detail}</p>
                </main>
            }
            .into_any();
        }
    };
    // Saved profiles (state.rs, profiles.rs): read once, then autosaved by one effect.
    let today = state::today();
    let mut startup = state::Saved::read(newest);
    // The plan shown: asked for in the address, the active profile's, or its year's (plan_select).
    let asked = plan_select::take_asked();
    let policy = plan_select::choose(plans, &asked, &mut startup.profile, today).unwrap_or(newest);
    plan_select::set_shown(policy);
    let app = AppState::new(policy, startup.profile.clone(), today);
    // What was chosen in the loading shell's start form before the app ran is the app's.
    let carried = shell::take_carried();
    if carried != shell::Carried::default() {
        app.profile.update(|p| screens::home::take_over_shell_choices(policy, p, &carried));
        shell::mark_taken_over();
    }
    provide_context(app);
    let saved = state::Saved::wire(app, startup);
    provide_context(saved);
    let fair_mode = fair::FairMode::new(fair_config, app, saved, lang);
    provide_context(fair_mode);
    let fair_on = fair_mode.active();
    // Answers typed but not understood (ui::drafts); fair mode forgets them at every reset.
    provide_context(drafts::Drafts::new(saved, fair_on.then_some(fair_mode.epoch)));

    let (route, set_route) = signal(Route::from_hash(&current_hash()));
    provide_context(RouteSignal(route));
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        set_route.set(Route::from_hash(&current_hash()));
    });
    on_cleanup(move || handle.remove());
    // Focus, scroll, title and announcement on every screen change (route_focus.rs).
    let announcement = route_focus::follow(route, lang, Some(policy));

    // Every screen but the start screen loads its code when first shown (ui::chunks).
    let screens = move || match route.get() {
        Route::Home if fair_on => LazyScreen(chunks::fair_start),
        Route::Home => {
            // Back here (the browser's back button) before a cold screen's code came.
            shell::hand_over(lang);
            // The questionnaire is what comes next: fetched while the person reads.
            lazy::prefetch(chunks::preload_questionnaire);
            view! { <Home/> }.into_any()
        }
        Route::Questions(step) => LazyScreen(move || chunks::questionnaire(step.clone())),
        Route::Results => LazyScreen(chunks::results),
        Route::Library(measure) => LazyScreen(move || chunks::library(measure.clone())),
        Route::Targets => LazyScreen(chunks::targets),
        Route::Profiles => LazyScreen(chunks::profiles),
        Route::About => LazyScreen(chunks::about),
        Route::Share(payload) => LazyScreen(move || chunks::share(payload.clone())),
        Route::Compare => LazyScreen(chunks::compare),
        Route::Receipt => LazyScreen(chunks::receipt),
        Route::Settings => LazyScreen(chunks::settings),
        Route::NotFound(_) => {
            shell::hand_over(lang);
            view! { <NotFound/> }.into_any()
        }
    };
    if fair_on {
        let screen: ChildrenFn = std::sync::Arc::new(move || screens().into_any());
        return view! {
            {LazyScreen(move || chunks::fair_frame(fair_mode, app, screen.clone()))}
            <route_focus::Announcer text=announcement/>
        }
        .into_any();
    }

    view! {
        <Header/>
        <main id="main" tabindex="-1">
            <components::notice::Notices/>
            {screens}
        </main>
        <Footer/>
        <route_focus::Announcer text=announcement/>
    }
    .into_any()
}

/// Mounts the app on `<body>` in place of the loading shell (`shell.rs`), and registers the
/// service worker that makes it work offline.
pub fn mount() {
    // Three tasks, none of them long enough to block the page for long (Lighthouse's Total
    // Blocking Time): this one finishes the wasm's compilation and starts it; the next parses
    // the plans, the longest step before the first render (a third of it at 4× CPU); the last
    // renders, and `App` finds the plans parsed.
    set_timeout(
        || {
            let _ = Plans::embedded();
            set_timeout(
                || {
                    // In the same task as the mount: no frame shows neither, or both. A screen
                    // whose code is a chunk (and fair mode, whose whole frame is one) keeps the
                    // shell up until it is there (shell::hand_over, from ui::lazy), rather than
                    // a bare loading line that it then replaces.
                    let mut focused = None;
                    if !fair::requested() && Route::from_hash(&current_hash()).in_main_wasm() {
                        focused = shell::keep_choices();
                        shell::remove();
                    }
                    leptos::mount::mount_to_body(App);
                    shell::restore_focus(focused);
                    register_service_worker();
                },
                std::time::Duration::ZERO,
            );
        },
        std::time::Duration::ZERO,
    );
}

/// Offline support is an extra: where service workers are unavailable (plain HTTP on a
/// non-local host, some private modes) the app simply works online.
fn register_service_worker() {
    let Some(window) = web_sys::window() else { return };
    if !js_sys::Reflect::has(&window.navigator(), &"serviceWorker".into()).unwrap_or(false) {
        return;
    }
    // The promise's outcome changes nothing the visitor sees.
    let _ = window.navigator().service_worker().register("./sw.js");
}
