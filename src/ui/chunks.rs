//! Every screen that is not part of the first load, and the chunk its code goes to
//! ([`lazy_screen!`](crate::lazy_screen)). The frame (header, navigation, notices, footer) and
//! the start screen stay in the main wasm; a screen named here is fetched the first time it is
//! shown, or before, when the screen a person reads prefetches it
//! ([`crate::ui::lazy::prefetch`]).
//!
//! The first word is the chunk: screens that name the same one share a file. Code that
//! several chunks use (the engine's report, the result cards…) goes to shared chunks the
//! splitter makes, fetched alongside; each distinct set of chunks that shares code makes one
//! more file, so a few chunks of screens used together beat one per screen (measured with 11:
//! 165 shared chunks, a 60 KB loader, 1.4× the bytes of one wasm). The groups: the
//! questionnaire; the person's own results (results, the receipt); a hand-off link, alone: a
//! visitor who scans one needs neither the receipt nor the hand-off dialog and its QR code
//! (70 KB brotli less before its results show); reading the plan (library, targets, about);
//! settings and what they lead to (profiles, compare, fair mode, which settings start). Fair
//! mode has no chunk of its own: a sixth group made 46 files and 1.27× one wasm's bytes, five
//! make 30 and 1.24× (measured on one tree). Sizes per chunk: BENCHMARKS.md, "Chunks".

use crate::lazy_screen;
use crate::ui::fair::{FairFrame, FairMode};
use crate::ui::lazy::prefetch;
use crate::ui::screens;
use crate::ui::state::AppState;
use leptos::prelude::*;

lazy_screen!(questionnaire, fn questionnaire(step: Option<String>) / preload_questionnaire => {
    // Results are what comes next: fetched while the person answers.
    prefetch(preload_results);
    view! { <screens::questionnaire::Questionnaire step=step/> }
});

lazy_screen!(results, fn results() / preload_results => view! { <screens::results::Results/> });

lazy_screen!(library, fn library(measure: Option<String>) / preload_library =>
    view! { <screens::library::Library measure=measure/> });

lazy_screen!(library, fn targets() / preload_targets => view! { <screens::targets::Targets/> });

lazy_screen!(manage, fn profiles() / preload_profiles => view! { <screens::profiles::Profiles/> });

lazy_screen!(manage, fn compare() / preload_compare => view! { <screens::compare::Compare/> });

lazy_screen!(results, fn receipt() / preload_receipt => view! { <screens::receipt::Receipt/> });

lazy_screen!(share, fn share(payload: String) / preload_share => {
    // Saving a shared result opens the results: fetched while the visitor reads.
    prefetch(preload_results);
    view! { <screens::share::Share payload=payload/> }
});

lazy_screen!(manage, fn settings() / preload_settings => view! { <screens::settings::Settings/> });

lazy_screen!(library, fn about() / preload_about => view! { <screens::about::About/> });

lazy_screen!(
/// Fair mode's whole frame (its header, idle reset, start screen), around `screen`.
/// The loading shell, kept up in fair mode until now (`ui::mount`), goes in the same task
/// (`ui::lazy::LazyScreen`).
manage, fn fair_frame(fair: FairMode, app: AppState, screen: ChildrenFn) / preload_fair_frame => {
    view! { <FairFrame fair=fair app=app>{screen()}</FairFrame> }
});

lazy_screen!(manage, fn fair_start() / preload_fair_start => view! { <crate::ui::fair::start::FairStart/> });
