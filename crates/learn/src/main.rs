//! The course as its own entry page (`learn/index.html`): the outline, the lessons with their
//! exercises graded live, shared exercises (`#/learn/exercise?x=…`) and the teacher's editor
//! (`#/learn/teach`). It carries the matcher, the course and the shared editor, and nothing of
//! the workbench.

#![forbid(unsafe_code)]

mod app;
mod lesson;
mod route;
mod shared;
mod store;
mod teach;
mod teach_view;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::LearnApp);
}
