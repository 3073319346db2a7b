//! Fuzz the compiler: any text must compile to a locality and diagnostics, never a panic or a
//! hang, and what it read must keep the promises `atlas_compiler::audit` checks (every value on
//! the line it cites, every numbered table row read or reported). An input is either arbitrary
//! bytes read as a plan file (decoded as UTF-8, UTF-16 or GB18030), or a recipe: a seed plan, a
//! window of up to 32 of its lines (whole tables are the robustness tests' job: `crates/atlas-compiler/tests/robust.rs`), and mutations of them (lines dropped, duplicated, swapped,
//! truncated, made full-width, one line repeated into a huge one).
#![no_main]

#[path = "../../crates/atlas-compiler/tests/common/mutate.rs"]
mod mutate;

use atlas_compiler::keys::Keys;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

const SEEDS: [&str; 5] = [
    include_str!("../../corpus/plans/430200-zhuzhou-city.txt"),
    include_str!("../../corpus/plans/430321-xiangtan-county.txt"),
    include_str!("../../corpus/plans/430381-xiangxiang-city.txt"),
    include_str!("../../corpus/plans/430424-hengdong-county.txt"),
    include_str!("../../corpus/plans/430900-yiyang-city.txt"),
];

fn keys() -> &'static Keys {
    static KEYS: OnceLock<Keys> = OnceLock::new();
    KEYS.get_or_init(|| Keys::parse(include_str!("../../corpus/indicators.toml")).expect("indicators.toml parses"))
}

fn check(text: &str) {
    let compiled = atlas_compiler::compile_text("plan.txt", text, mutate::plan_entry(14), keys());
    let broken = atlas_compiler::audit::audit(text, &compiled);
    assert!(broken.is_empty(), "{broken:#?}");
}

fuzz_target!(|data: &[u8]| {
    match data {
        [mode, seed, hi, lo, len, ops @ ..] if mode % 2 == 1 => {
            let start = usize::from(*hi) << 8 | usize::from(*lo);
            check(&mutate::mutate(SEEDS[usize::from(*seed) % SEEDS.len()], start, usize::from(*len % 32), ops));
        }
        [_, bytes @ ..] => {
            if let Ok(text) = atlas_compiler::input::plan_text("plan.txt", bytes) {
                check(&text);
            }
        }
        [] => {}
    }
});
