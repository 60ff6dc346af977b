//! Every screen that is not part of the first load, and the chunk its code goes to
//! ([`lazy_screen!`](crate::lazy_screen)). The frame and the start screen stay in the main
//! wasm; a screen named here is fetched the first time it is shown (or prefetched, see
//! [`crate::ui::lazy::prefetch`]).

use crate::lazy_screen;
use crate::ui::screens;
use leptos::prelude::*;

lazy_screen!(about, fn about() / preload_about => view! { <screens::about::About/> });
