//! The Custom Event Bus as its own entry page (`custom-bus/index.html`): a bus fed by a partner
//! event source, the subscriber builder with its live test, the migration preview from a
//! Classic rule, and the same outage on both buses side by side. It carries the `custom_bus`
//! crate with its JSONata engine, which no other page needs.

#![forbid(unsafe_code)]

mod app;
mod bus_view;
mod drill_view;
mod forms;
mod lesson_progress;
mod lesson_view;
mod migration_view;
mod problem_list;
mod subscriber_view;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::CustomBusApp);
}
