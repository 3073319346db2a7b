//! No text crashes the compiler, and what it reads keeps its promises (`atlas_compiler::audit`):
//! the seed plans and the real 十五五 outlines as they are, and windows of the seeds mutated the
//! way the fuzz target mutates them (`fuzz/fuzz_targets/compile.rs` runs millions of these).

mod common;
#[path = "common/mutate.rs"]
mod mutate;

use atlas_compiler::keys::Keys;

fn keys() -> Keys {
    Keys::parse(&std::fs::read_to_string(common::corpus_dir().join("indicators.toml")).unwrap()).unwrap()
}

fn seeds() -> Vec<(String, String)> {
    let mut seeds: Vec<_> = std::fs::read_dir(common::corpus_dir().join("plans"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| (p.display().to_string(), std::fs::read_to_string(&p).unwrap()))
        .collect();
    seeds.sort();
    seeds
}

fn audited(name: &str, text: &str, keys: &Keys, period: u8) -> Vec<String> {
    let compiled = atlas_compiler::compile_text(name, text, mutate::plan_entry(period), keys);
    atlas_compiler::audit::audit(text, &compiled)
}

#[test]
fn whole_plans_keep_the_promises() {
    let keys = keys();
    let mut texts = seeds();
    if let Some(dir) = common::plans15() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt" || e == "html") {
                let text =
                    atlas_compiler::input::plan_text(&path.display().to_string(), &std::fs::read(&path).unwrap());
                texts.push((path.display().to_string(), text.unwrap()));
            }
        }
    }
    for (name, text) in &texts {
        let compiled = atlas_compiler::compile_text(name, text, mutate::plan_entry(14), &keys);
        assert!(compiled.locality.as_ref().is_some_and(|l| !l.indicators.is_empty()), "{name}: no indicators read");
        let broken = atlas_compiler::audit::audit(text, &compiled);
        assert!(broken.is_empty(), "{name}: {broken:#?}");
    }
}

/// A small deterministic generator (xorshift), so a failure names a recipe that reproduces it.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn mutated_windows_of_the_seeds_keep_the_promises() {
    let keys = keys();
    let seeds = seeds();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for round in 0..120 {
        let (name, text) = &seeds[round % seeds.len()];
        let start = rng.next() as usize;
        let len = (rng.next() % 256) as usize;
        let ops: Vec<u8> = (0..(rng.next() % 12) * 2).map(|_| rng.next() as u8).collect();
        let mutated = mutate::mutate(text, start, len, &ops);
        let broken = audited(name, &mutated, &keys, 14);
        assert!(broken.is_empty(), "{name} window {start}+{len} ops {ops:?}: {broken:#?}");
    }
}

/// Windows over each seed's tables, where the reader's self-checks matter most: rows dropped,
/// duplicated or swapped must be reported, never silently lost.
#[test]
fn mutated_tables_are_read_or_reported() {
    let keys = keys();
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    for (name, text) in seeds() {
        let compiled = atlas_compiler::compile_text(&name, &text, mutate::plan_entry(14), &keys);
        let rows = &compiled.locality.as_ref().unwrap().indicators;
        let first = rows.iter().map(|r| r.line as usize).min().unwrap() - 1;
        let last = rows.iter().map(|r| r.line as usize).max().unwrap();
        for _ in 0..24 {
            let ops: Vec<u8> = (0..2 + rng.next() % 6).flat_map(|_| [rng.next() as u8 % 3, rng.next() as u8]).collect();
            let start = first.saturating_sub(5);
            let mutated = mutate::mutate(&text, start, last - start + 10, &ops);
            let broken = audited(&name, &mutated, &keys, 14);
            assert!(broken.is_empty(), "{name} lines {start}..{last} ops {ops:?}: {broken:#?}");
        }
    }
}

/// Inputs the fuzz target found that broke a promise or panicked, replayed as the target reads
/// them (`fuzz/fuzz_targets/compile.rs`): odd first byte, then seed, start (2 bytes), length and
/// (operation, line) pairs.
#[test]
fn recipes_the_fuzzer_found_keep_the_promises() {
    let found: [&[u8]; 11] = [
        // A layout scope whose first kept line is not the slogan's: sliced backwards.
        &[111, 101, 101, 6, 166, 88, 129, 82, 37, 8, 167, 6, 166, 21, 171, 230, 115, 88, 26, 117, 83, 46],
        &[
            39, 1, 1, 52, 1, 52, 1, 39, 1, 92, 92, 92, 92, 92, 92, 92, 92, 92, 92, 1, 52, 1, 52, 1, 39, 1, 1, 52, 1,
            53, 52,
        ],
        // One huge line: read in linear time (a clause with no punctuation, an element's definition).
        &[0xe5, 0x86, 0x9c, 0x2e, 0xe6, 0x28, 0x91],
        &[0xa7, 0xa7, 0x31, 0xa7, 0x01, 0xbb, 0xba, 0x31, 0xf3, 0xe5, 0x26],
        // A blank line splitting a row of a one-cell-per-line table: the values left before the
        // next row's name are reported, and that row cites its name's line.
        &[
            167, 83, 0, 20, 127, 247, 22, 22, 0, 114, 45, 1, 247, 22, 22, 49, 0, 114, 91, 48, 50, 48, 231, 28, 28, 188,
            149,
        ],
        // A huge line naming its slogans hundreds of times: each is tried once per line.
        &[
            93, 26, 126, 1, 1, 11, 1, 21, 230, 149, 153, 173, 166, 229, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8,
            8, 8, 8, 8, 8, 8, 8, 8, 231, 178,
        ],
        // A review table whose header and value lines repeat: the next row's name stands where
        // the last row's value should be.
        &[
            1, 93, 116, 0, 127, 127, 127, 121, 127, 127, 127, 127, 127, 127, 127, 127, 127, 127, 127, 127, 127, 127,
            127, 127, 127, 127, 127, 127, 127, 121, 127, 127, 127, 127, 127, 127, 91, 127, 127, 127, 127, 127, 127, 91,
            91, 127, 127, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
            255, 255, 255, 255, 255, 127, 127, 127, 1, 93, 116, 0, 127, 127, 127, 121, 127, 127, 127, 127, 127, 127,
            127, 127, 121, 162, 162, 162, 162, 127, 127, 127, 127, 127, 127, 91, 127, 127, 127, 127, 127, 127, 91, 91,
            127, 127, 127, 127, 91, 127, 13, 32, 185, 175, 78, 78, 78, 78, 78, 78,
        ],
        // The same with the next row's name repeated where the last values should be, and no
        // values after it: those cells are reported as beyond the table's columns.
        &[
            1, 93, 116, 0, 127, 127, 127, 121, 127, 43, 127, 127, 127, 63, 127, 127, 9, 9, 211, 211, 211, 211, 211,
            211, 211, 211, 211, 211, 211, 211, 211, 0, 0, 127, 127, 127, 127, 127, 127, 127, 121, 127, 127, 127, 127,
            91, 91, 127, 127, 127, 127, 127, 127, 91, 211, 211, 211, 211, 211, 211, 211, 211, 211, 211, 211, 211, 211,
            211, 211, 211, 211, 211, 1, 0, 0, 0, 211, 211, 211, 211, 211, 211, 211, 211, 211, 211, 211, 211, 211, 211,
            211, 211, 211, 78, 77, 78, 74, 211, 211, 211, 211, 211, 211, 211, 211, 211, 74, 211, 211, 211, 211, 211,
            211, 211, 211, 211, 211, 211, 108, 78, 112, 23, 255, 137, 78,
        ],
        // The last row of a table printed a cell per line over more lines than the audit first
        // allowed (a wide review table; a name wrapped over many lines): no next row bounds it.
        &[
            69, 93, 173, 252, 157, 177, 63, 190, 190, 190, 190, 190, 190, 190, 190, 190, 190, 190, 190, 190, 190, 190,
            190, 190, 190, 190, 190, 190, 190, 190, 190, 190, 190, 190, 190, 190, 190, 190, 190, 190, 190, 190, 190,
            135, 141, 116, 112, 143, 229, 164, 167, 229, 230, 142, 162, 190, 190, 190, 190, 190, 190, 190, 190, 190,
            190, 190, 190, 190, 190, 190, 190, 190, 190, 190, 190, 190, 190, 190, 190, 190, 190, 190, 190, 190, 190,
            190, 190, 190, 190, 190, 190, 190, 190, 190, 190, 190, 190, 190, 190, 190, 231, 180, 162, 226, 128, 156,
            229, 156, 159, 141,
        ],
        &[
            233, 77, 243, 243, 255, 35, 255, 122, 39, 250, 72, 77, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 229, 22, 22,
            22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 105, 22, 22, 22, 22, 22, 22,
            85, 0, 112, 77, 21, 22, 22, 22, 22, 22, 48, 127, 13, 188, 128, 229, 183, 165, 229, 187, 186, 232, 174, 190,
            22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22,
            22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22,
            22, 22, 22, 22, 22, 105, 22, 22, 22, 22, 22, 22, 85, 0, 112, 77, 21, 22, 22, 22, 22, 22, 49, 127, 13, 109,
            10, 70, 127, 204, 255,
        ],
        // A row's name repeated on dozens of lines: not one wrapped name; the row is reported.
        &[
            233, 77, 243, 243, 255, 35, 255, 122, 39, 250, 72, 77, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 229, 22, 22,
            22, 22, 22, 22, 22, 22, 22, 22, 86, 22, 156, 22, 22, 22, 22, 22, 22, 22, 22, 22, 105, 22, 22, 22, 22, 22,
            22, 85, 0, 112, 77, 21, 22, 22, 22, 1, 0, 0, 0, 22, 22, 49, 127, 13, 188, 128, 229, 183, 165, 229, 187,
            186, 232, 174, 190, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22,
            22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22,
            22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 105, 22, 22, 22, 22, 22, 22, 85, 0, 112, 77, 21, 22, 22, 22, 22,
            22, 49, 127, 13, 109, 10, 70, 127, 204, 255,
        ],
    ];
    let keys = keys();
    let seeds = seeds();
    for recipe in found {
        let [_, seed, hi, lo, len, ops @ ..] = recipe else { unreachable!() };
        let start = usize::from(*hi) << 8 | usize::from(*lo);
        let (name, text) = &seeds[usize::from(*seed) % seeds.len()];
        let mutated = mutate::mutate(text, start, usize::from(*len % 32), ops);
        let broken = audited(name, &mutated, &keys, 14);
        if !broken.is_empty() {
            std::fs::write(format!("/tmp/mut-{}.txt", recipe.len()), &mutated).unwrap();
        }
        assert!(broken.is_empty(), "{recipe:?}: {broken:#?}");
    }
}
