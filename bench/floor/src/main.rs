//! The floor: the smallest Leptos 0.8 CSR app worth measuring, a counter.

use leptos::prelude::*;

#[component]
fn Counter() -> impl IntoView {
    let (count, set_count) = signal(0);
    view! {
        <main>
            <h1>"Leptos floor"</h1>
            <button on:click=move |_| set_count.update(|n| *n += 1)>
                "Clicked " {count} " times"
            </button>
        </main>
    }
}

fn main() {
    leptos::mount::mount_to_body(Counter);
}
