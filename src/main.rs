//! Plan Atlas widget entry point: install the panic hook, mount the app.

mod app;
mod load;
mod views;

fn main() {
    app::install_panic_hook();
    leptos::mount::mount_to_body(app::App);
}
