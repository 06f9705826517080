//! The rule builder's entry page (`rules/index.html`).

fn main() {
    playground::start_rules();
}
