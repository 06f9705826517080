//! The simulator page (`simulator/index.html`).

fn main() {
    playground::start_simulator();
}
