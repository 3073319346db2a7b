//! Mutations of plan texts (and the plan facts they are compiled with) for robustness checks, shared by `tests/robust.rs` and the fuzz target
//! `fuzz/fuzz_targets/compile.rs`: a window of a text's lines changed by (operation, line) pairs.

/// The facts `plans.toml` would give a made-up county's plan of `period`, so that any text
/// reaches the parser.
pub fn plan_entry(period: u8) -> atlas_compiler::corpus::PlanEntry {
    atlas_compiler::corpus::PlanEntry {
        file: "plan.txt".into(),
        id: Some("430321".into()),
        name: Some("某某县".into()),
        name_en: Some("Some County".into()),
        level: Some("county".into()),
        parent: Some("某某市".into()),
        period: Some(period),
        ..Default::default()
    }
}

/// How long a line the "huge line" mutation makes (one per text).
const HUGE_LINE: usize = 64 * 1024;
/// Longer than any line of the seeds: a line made huge.
const LONG_LINE: usize = 8 * 1024;

fn full_width(line: &str) -> String {
    line.chars()
        .map(|c| if c.is_ascii_digit() { char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c) } else { c })
        .collect()
}

/// Lines `start .. start + len + 1` of `text`, changed by each `(operation, line)` pair of `ops`:
/// a line dropped, duplicated, swapped with the next, cut in half, its digits made full-width,
/// repeated into one huge line (up to 64 KB; one per text), or a blank line inserted.
pub fn mutate(text: &str, start: usize, len: usize, ops: &[u8]) -> String {
    let all: Vec<&str> = text.lines().collect();
    if all.is_empty() {
        return String::new();
    }
    let start = start % all.len();
    let end = (start + len + 1).min(all.len());
    let mut lines: Vec<String> = all[start..end].iter().map(|l| l.to_string()).collect();
    for op in ops.chunks_exact(2) {
        if lines.is_empty() {
            break;
        }
        let at = usize::from(op[1]) % lines.len();
        match op[0] % 7 {
            0 => {
                lines.remove(at);
            }
            // A line of normal length: the one huge line stays one.
            1 if lines[at].len() <= LONG_LINE => lines.insert(at, lines[at].clone()),
            1 => {}
            2 => {
                let next = (at + 1) % lines.len();
                lines.swap(at, next);
            }
            3 => {
                let keep = lines[at].chars().count() / 2;
                lines[at] = lines[at].chars().take(keep).collect();
            }
            4 => lines[at] = full_width(&lines[at]),
            // One huge line of up to 64 KB (beyond any real line), not one grown without bound.
            5 if lines.iter().all(|l| l.len() <= LONG_LINE) => {
                let times = (HUGE_LINE / lines[at].len().max(1)).min(300);
                lines[at] = lines[at].repeat(times.max(1));
            }
            5 => {}
            _ => lines.insert(at, String::new()),
        }
    }
    lines.join("\n")
}
