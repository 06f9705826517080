//! The workbench page (`index.html`): partners, regions and the rule builder.

fn main() {
    playground::start_workbench();
}
