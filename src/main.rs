//! The web app's entry point: mount the Leptos app, nothing else.

fn main() {
    qinzhou_incentives::ui::mount();
}
