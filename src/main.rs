//! Plan Atlas widget binary: see the library crate.

fn main() {
    plan_atlas::start();
}
