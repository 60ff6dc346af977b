//! Screens whose code is loaded when first needed.
//!
//! With the `split` feature (the release build, Trunk.toml), each screen declared with
//! [`lazy_screen!`](crate::lazy_screen) is a split point of `wasm-split-cli`
//! (`scripts/split_wasm.py`): its code, and whatever only it uses, leaves the main wasm for a
//! chunk fetched the first time the screen is shown. Without the feature (`trunk serve`, the
//! native tests) the same functions build into the one wasm and return at once.
//!
//! A chunk that cannot be fetched (offline and not cached, a 404 after a deploy) never aborts
//! the app: the split points use the splitter's *fallible* form, and [`LazyScreen`] shows what
//! happened with a Retry button; the header, navigation and every other screen keep working.

use std::future::Future;

use crate::ui::i18n::use_lang;
use crate::ui_strings;
use leptos::prelude::*;

ui_strings!(ChunkText {
    Loading => ("正在加载…", "Loading…"),
    Failed => ("这一页的程序未能加载。", "This page's code could not be loaded."),
    FailedWhy => (
        "可能是网络已断开，或本应用刚刚更新。请检查网络后重试；其他页面仍可使用。",
        "You may be offline, or the app was just updated. Check your connection and try again; the other pages still work."
    ),
    Retry => ("重试", "Retry"),
});

/// A screen's code could not be loaded (the splitter logs the details to the console).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChunkError;

impl From<leptos::wasm_split::SplitLoaderError> for ChunkError {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        ChunkError
    }
}

/// Declares a lazily loaded screen:
///
/// ```ignore
/// lazy_screen!(results_chunk, fn results() / preload_results => view! { <Results/> });
/// ```
///
/// `results()` is `async` and returns `Result<AnyView, ChunkError>`; `preload_results()`
/// fetches the chunk without showing anything (for prefetching). Screens that name the same
/// chunk (the first word) share one file; code used by several chunks goes to a shared one.
#[macro_export]
macro_rules! lazy_screen {
    (
        $(#[$doc:meta])*
        $chunk:ident, fn $name:ident($($arg:ident: $ty:ty),* $(,)?) / $preload:ident => $body:expr
    ) => {
        $(#[$doc])*
        #[cfg(feature = "split")]
        #[::leptos::wasm_split::wasm_split(
            $chunk,
            wasm_split_path = ::leptos::wasm_split,
            fallible,
            preload($preload)
        )]
        pub fn $name(
            $($arg: $ty),*
        ) -> ::core::result::Result<::leptos::prelude::AnyView, $crate::ui::lazy::ChunkError> {
            // Built untracked, like any component: the signals a screen reads while it is
            // created must not re-create it.
            ::core::result::Result::Ok(::leptos::prelude::untrack(move || {
                ::leptos::prelude::IntoAny::into_any($body)
            }))
        }

        $(#[$doc])*
        #[cfg(not(feature = "split"))]
        pub async fn $name(
            $($arg: $ty),*
        ) -> ::core::result::Result<::leptos::prelude::AnyView, $crate::ui::lazy::ChunkError> {
            ::core::result::Result::Ok(::leptos::prelude::untrack(move || {
                ::leptos::prelude::IntoAny::into_any($body)
            }))
        }

        #[cfg(not(feature = "split"))]
        pub async fn $preload(
        ) -> ::core::result::Result<(), ::leptos::wasm_split::SplitLoaderError> {
            ::core::result::Result::Ok(())
        }
    };
}

/// Shows a lazily loaded screen: a loading line while its chunk arrives, then the screen; if
/// the chunk cannot be loaded, a message with Retry (which tries the load again).
///
/// `load` is one of the functions [`lazy_screen!`](crate::lazy_screen) declares, with its
/// arguments: `LazyScreen(move || chunks::library(measure.clone()))`. Once a chunk is loaded
/// the screen appears in the same frame, with no loading line.
#[allow(non_snake_case)]
pub fn LazyScreen<F, Fut>(load: F) -> AnyView
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<AnyView, ChunkError>> + Send + 'static,
{
    let lang = use_lang();
    let attempt = RwSignal::new(0u32);
    let loading = move || {
        view! {
            <p class="chunk-loading" role="status" data-testid="chunk-loading">
                {ChunkText::Loading.text(lang)}
            </p>
        }
    };
    view! {
        <Suspense fallback=loading>
            {move || {
                attempt.track();
                let screen = load();
                Suspend::new(async move {
                    let screen = screen.await;
                    // A page opened cold here kept the loading shell up until now.
                    crate::ui::shell::hand_over(lang);
                    match screen {
                        Ok(view) => view,
                        Err(ChunkError) => {
                            view! { <ChunkFailed retry=move || attempt.update(|n| *n += 1)/> }
                                .into_any()
                        }
                    }
                })
            }}
        </Suspense>
    }
    .into_any()
}

/// The message for a chunk that could not be loaded, in the current language.
#[component]
fn ChunkFailed(retry: impl Fn() + Send + Sync + 'static) -> impl IntoView {
    let lang = use_lang();
    view! {
        <section class="chunk-failed" role="alert" data-testid="chunk-failed">
            <h1>{ChunkText::Failed.text(lang)}</h1>
            <p>{ChunkText::FailedWhy.text(lang)}</p>
            <button type="button" class="primary" data-testid="chunk-retry" on:click=move |_| retry()>
                {ChunkText::Retry.text(lang)}
            </button>
        </section>
    }
}

/// Fetches a chunk in the background (the screen a person will likely open next), once the
/// browser is idle, so that opening it shows it at once. A failure is silent: the screen
/// itself tries again, and says so if it cannot.
pub fn prefetch<F, Fut>(preload: F)
where
    F: FnOnce() -> Fut + 'static,
    Fut: Future<Output = Result<(), leptos::wasm_split::SplitLoaderError>> + 'static,
{
    #[cfg(feature = "split")]
    set_timeout(
        move || {
            leptos::task::spawn_local(async move {
                let _ = preload().await;
            });
        },
        PREFETCH_AFTER,
    );
    #[cfg(not(feature = "split"))]
    let _ = preload;
}

/// How long after a screen appears its likely successor is fetched: after the screen's own
/// first paint and the browser's first idle moments, so the prefetch never delays them.
#[cfg(feature = "split")]
const PREFETCH_AFTER: std::time::Duration = std::time::Duration::from_millis(300);
