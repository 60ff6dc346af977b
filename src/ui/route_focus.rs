//! What a route change does for keyboard and screen-reader users (WCAG 2.4.3, 2.4.2, 4.1.3).
//! On every change of the hash (links, back and forward, a hash typed in the address bar):
//!
//! * focus moves to the new screen's `h1` (given `tabindex="-1"`), or to the field a link
//!   names (`#/questions/<step>?question=<fact id>`, see [`question_anchor`]); between two
//!   questionnaire steps it moves to the step's heading instead;
//! * the page scrolls to the top, unless the route names such a field;
//! * `document.title` says the screen and the app, in the current language (also when the
//!   language changes);
//! * the screen's name is announced once in a polite live region ([`Announcer`]).
//!
//! The first screen of a page load only gets its title: the browser and screen reader start
//! at the top of a new page by themselves.

use std::cell::Cell;
use std::rc::Rc;

use crate::engine::lang::Lang;
use crate::engine::policy::Policy;
use crate::ui::route::Route;
use crate::ui_strings;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;

ui_strings!(ScreenName {
    AppName => ("钦州“一县一业”政策计算器", "Qinzhou One County, One Industry incentives"),
    Questions => ("问卷", "Questions"),
    Results => ("结果", "Results"),
    Library => ("政策库", "Policy library"),
    Measure => ("第 {n} 条", "Measure {n}"),
    Targets => ("发展目标", "Targets"),
    Profiles => ("档案", "Profiles"),
    About => ("关于", "About"),
    Share => ("收到的结果链接", "Shared results"),
    Compare => ("比较", "Compare"),
    Receipt => ("结果单", "Receipt"),
    Settings => ("设置", "Settings"),
    NotFound => ("找不到页面", "Page not found"),
});

/// The screen's own name, most specific first (`第 四.2(4) 条 · 政策库`); empty for the start
/// screen, whose name is the app's.
pub fn screen_name(route: &Route, policy: Option<&Policy>, lang: Lang) -> String {
    let name = |key: ScreenName| key.get(lang).to_owned();
    match route {
        Route::Home => String::new(),
        Route::Questions(step) => {
            let title = step
                .as_deref()
                .and_then(|id| policy.and_then(|p| p.step(id)))
                .map(|s| s.title.get(lang).to_owned());
            match title {
                Some(title) => format!("{title} · {}", name(ScreenName::Questions)),
                None => name(ScreenName::Questions),
            }
        }
        Route::Results => name(ScreenName::Results),
        Route::Library(None) => name(ScreenName::Library),
        Route::Library(Some(number)) => format!(
            "{} · {}",
            ScreenName::Measure.get(lang).replace("{n}", number),
            name(ScreenName::Library)
        ),
        Route::Targets => name(ScreenName::Targets),
        Route::Profiles => name(ScreenName::Profiles),
        Route::About => name(ScreenName::About),
        Route::Share(_) => name(ScreenName::Share),
        Route::Compare => name(ScreenName::Compare),
        Route::Receipt => name(ScreenName::Receipt),
        Route::Settings => name(ScreenName::Settings),
        Route::NotFound(_) => name(ScreenName::NotFound),
    }
}

/// `document.title`: the screen's name and the app's.
pub fn page_title(route: &Route, policy: Option<&Policy>, lang: Lang) -> String {
    let screen = screen_name(route, policy, lang);
    let app = ScreenName::AppName.get(lang);
    if screen.is_empty() {
        app.to_owned()
    } else {
        format!("{screen} · {app}")
    }
}

/// The question a hash names after its route (`#/questions/firm?question=investment`), which
/// receives focus in place of the heading. Other query keys (the library's filters) are not
/// anchors.
pub fn question_anchor(hash: &str) -> Option<String> {
    let (_, query) = hash.split_once('?')?;
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(key, _)| *key == "question")
        .map(|(_, value)| crate::ui::route::percent_decode(value))
        .filter(|id| !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
}

/// A hash that opens `route` with focus on one question's field.
pub fn with_question(route: &Route, fact: &str) -> String {
    format!("{}?question={}", route.to_hash(), crate::ui::route::percent_encode(fact))
}

fn document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|w| w.document())
}

fn html(element: web_sys::Element) -> Option<web_sys::HtmlElement> {
    element.dyn_into::<web_sys::HtmlElement>().ok()
}

/// The field of a question: its checked radio, else its first control.
fn question_field(doc: &web_sys::Document, fact: &str) -> Option<web_sys::HtmlElement> {
    let row = doc.get_element_by_id(&format!("question-{fact}"))?;
    ["input:checked", "input, select, textarea"]
        .iter()
        .find_map(|selector| row.query_selector(selector).ok().flatten())
        .and_then(html)
}

/// The element that takes focus on a new screen: the step heading between questionnaire
/// steps, else the screen's `h1` (made focusable by script), else the main landmark.
fn heading(doc: &web_sys::Document, between_steps: bool) -> Option<web_sys::HtmlElement> {
    if between_steps {
        if let Some(step) = doc.get_element_by_id("step-heading").and_then(html) {
            return Some(step);
        }
    }
    if let Some(h1) = doc.query_selector("#main h1").ok().flatten() {
        if !h1.has_attribute("tabindex") {
            let _ = h1.set_attribute("tabindex", "-1");
        }
        return html(h1);
    }
    doc.get_element_by_id("main").and_then(html)
}

fn focus_new_screen(between_steps: bool, anchor: Option<&str>) -> bool {
    let Some(doc) = document() else { return false };
    if let Some(field) = anchor.and_then(|fact| question_field(&doc, fact)) {
        let _ = field.focus();
        return true;
    }
    if let Some(w) = web_sys::window() {
        w.scroll_to_with_x_and_y(0.0, 0.0);
    }
    match heading(&doc, between_steps) {
        Some(target) => target.focus().is_ok(),
        None => false,
    }
}

/// Whether focus was lost (the focused element was replaced, e.g. by a screen that finished
/// loading): then it is on `<body>`. Or whether it waits on the main landmark, where it went
/// because the screen's code was still loading (`ui::lazy`), and the screen has arrived.
fn focus_lost() -> bool {
    let Some(doc) = document() else { return false };
    match doc.active_element() {
        None => true,
        Some(active) if active.tag_name() == "BODY" => true,
        Some(active) => {
            active.id() == "main"
                && doc
                    .query_selector("#main [data-testid='chunk-loading']")
                    .ok()
                    .flatten()
                    .is_none()
                && doc.query_selector("#main h1").ok().flatten().is_some()
        }
    }
}

/// How long a new screen may take to settle (the library waits for its texts), and how often
/// focus is checked meanwhile.
const SETTLE_CHECKS: u32 = 12;
const SETTLE_EVERY_MS: u64 = 150;

/// Gives focus back to the new screen's heading if the screen replaced the focused element
/// while settling; stops at the next route change.
fn keep_focus(
    generation: Rc<Cell<u64>>,
    mine: u64,
    checks_left: u32,
    between_steps: bool,
    anchor: Option<String>,
) {
    if checks_left == 0 {
        return;
    }
    set_timeout(
        move || {
            if generation.get() != mine {
                return;
            }
            if focus_lost() {
                focus_new_screen(between_steps, anchor.as_deref());
            }
            keep_focus(generation, mine, checks_left - 1, between_steps, anchor);
        },
        std::time::Duration::from_millis(SETTLE_EVERY_MS),
    );
}

/// Follows the route: title on every route or language change; focus, scroll and
/// announcement on every route change after the first. Returns the announcement's text for
/// [`Announcer`].
pub fn follow(
    route: ReadSignal<Route>,
    lang: RwSignal<Lang>,
    policy: Option<&'static Policy>,
) -> RwSignal<String> {
    let announcement = RwSignal::new(String::new());
    Effect::new(move |_| {
        let title = route.with(|r| page_title(r, policy, lang.get()));
        if let Some(doc) = document() {
            doc.set_title(&title);
        }
    });
    let generation = Rc::new(Cell::new(0u64));
    Effect::new(move |previous: Option<Route>| {
        let now = route.get();
        let Some(previous) = previous else { return now };
        generation.set(generation.get() + 1);
        let mine = generation.get();
        let between_steps = matches!((&previous, &now), (Route::Questions(_), Route::Questions(_)));
        let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
        let anchor = question_anchor(&hash);
        let name = screen_name(&now, policy, lang.get_untracked());
        let name = if name.is_empty() {
            ScreenName::AppName.get(lang.get_untracked()).to_owned()
        } else {
            name
        };
        // Emptied first, so the same name said again is still a change to announce.
        announcement.set(String::new());
        let generation = generation.clone();
        // After the new screen is drawn.
        request_animation_frame(move || {
            if generation.get() != mine {
                return;
            }
            focus_new_screen(between_steps, anchor.as_deref());
            let _ = announcement.try_set(name);
            keep_focus(generation, mine, SETTLE_CHECKS, between_steps, anchor);
        });
        now
    });
    announcement
}

/// The polite live region that names each new screen once. Rendered once, outside `<main>`.
#[component]
pub fn Announcer(text: RwSignal<String>) -> impl IntoView {
    view! {
        <p class="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="route-announcer">
            {move || text.get()}
        </p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_screen_has_its_own_title_in_both_languages() {
        let policy = crate::engine::policy::bundled();
        let routes = [
            Route::Home,
            Route::Questions(None),
            Route::Results,
            Route::Library(None),
            Route::Library(Some("四.2(4)".into())),
            Route::Targets,
            Route::Profiles,
            Route::About,
            Route::Share("x".into()),
            Route::Compare,
            Route::Receipt,
            Route::Settings,
            Route::NotFound("x".into()),
        ];
        for lang in [Lang::Zh, Lang::En] {
            let titles: std::collections::HashSet<String> =
                routes.iter().map(|r| page_title(r, Some(policy), lang)).collect();
            assert_eq!(titles.len(), routes.len(), "{lang:?}: {titles:?}");
            for title in &titles {
                assert!(title.ends_with(ScreenName::AppName.get(lang)), "{title}");
            }
        }
        assert_eq!(
            page_title(&Route::Results, None, Lang::En),
            "Results · Qinzhou One County, One Industry incentives"
        );
        assert_eq!(page_title(&Route::Home, None, Lang::Zh), "钦州“一县一业”政策计算器");
        assert_eq!(
            screen_name(&Route::Library(Some("四.2(4)".into())), None, Lang::En),
            "Measure 四.2(4) · Policy library"
        );
    }

    #[test]
    fn a_questionnaire_step_is_named_by_its_title() {
        let policy = crate::engine::policy::bundled();
        let Some(step) = policy.steps.first() else { panic!("the plan has steps") };
        assert_eq!(
            screen_name(&Route::Questions(Some(step.id.clone())), Some(policy), Lang::Zh),
            format!("{} · 问卷", step.title.zh)
        );
        assert_eq!(
            screen_name(&Route::Questions(Some("nope".into())), Some(policy), Lang::En),
            "Questions"
        );
    }

    #[test]
    fn only_the_question_key_is_an_anchor() {
        assert_eq!(
            question_anchor("#/questions/firm?question=led_project_investment"),
            Some("led_project_investment".into())
        );
        assert_eq!(question_anchor("#/?x=1&question=applicant"), Some("applicant".into()));
        assert_eq!(question_anchor("#/library?q=%E5%9B%9B&kind=service"), None);
        assert_eq!(question_anchor("#/questions/firm"), None);
        assert_eq!(question_anchor("#/questions?question="), None);
        assert_eq!(question_anchor("#/questions?question=a%22%3E"), None, "ids only");
        let hash = with_question(&Route::Questions(Some("firm".into())), "investment");
        assert_eq!(hash, "#/questions/firm?question=investment");
        assert_eq!(question_anchor(&hash), Some("investment".into()));
        assert_eq!(Route::from_hash(&hash), Route::Questions(Some("firm".into())));
    }
}
