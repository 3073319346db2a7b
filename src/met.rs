//! "Targets met?": a review table sets each target of the previous period beside what was
//! achieved. A target printed with a bound (`≥95`, `<4.0`, `以内`) is met when the result keeps to
//! it; a plain target is met when the result reaches it in the direction the plan moved from its
//! base (up from a lower base, down from a higher one), or, printed `左右`, comes within 2 % of it.
//! Anything else — a target in words, a missing result, a five-year total against a level, a plain
//! target with no base to tell the direction — is not comparable, never guessed.
//!
//! Plain Rust, no DOM: tested natively and in the browser.

use crate::index::Slot;
use atlas_data::{Cell, Column, Comparator, Indicator, Table};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verdict {
    Met,
    Missed,
    NotComparable,
}

/// How close a result must come to a target printed `左右` (about).
const ABOUT: f64 = 0.02;

/// One review row read: the target's column and cell, the result's, and the verdict.
pub struct Reviewed<'a> {
    pub target: (Column, &'a Cell),
    pub achieved: Option<(Column, &'a Cell)>,
    pub verdict: Verdict,
}

/// A review row's target, its result, and the verdict; `None` for a row that is not a review's
/// or prints no target.
pub fn review(row: &Indicator) -> Option<Reviewed<'_>> {
    if row.table != Table::Review {
        return None;
    }
    let (tc, target) = Slot::ReviewTarget.cell(row)?;
    let achieved = Slot::Base.cell(row);
    let base = Slot::ReviewBase.cell(row).map(|(_, c)| c);
    let verdict = achieved.map_or(Verdict::NotComparable, |(_, a)| verdict(target, a, base));
    Some(Reviewed { target: (tc, target), achieved, verdict })
}

/// An earlier plan's targets beside what the plan after it prints for that year: each target row
/// of `earlier` with a canonical key, and the base of `later`'s row with the same key (a 十四五
/// plan's 2025 target against the 十五五 plan's 2025 column).
pub fn across<'a>(earlier: &'a Indicator, later: &'a atlas_data::Locality) -> Option<Reviewed<'a>> {
    if earlier.table != Table::Plan {
        return None;
    }
    let key = earlier.key.as_deref()?;
    let target = Slot::Target.cell(earlier)?;
    let achieved = later.plan_row(key).and_then(|r| Slot::Base.cell(r)).filter(|(c, _)| c.year == target.0.year);
    let base = Slot::Base.cell(earlier).map(|(_, c)| c);
    let verdict = achieved.map_or(Verdict::NotComparable, |(_, a)| verdict(target.1, a, base));
    Some(Reviewed { target, achieved, verdict })
}

/// Whether `achieved` meets `target`, the direction told by `base` for a plain target.
pub fn verdict(target: &Cell, achieved: &Cell, base: Option<&Cell>) -> Verdict {
    let (Some(t), Some(a)) = (target.value, achieved.value) else { return Verdict::NotComparable };
    if target.cumulative != achieved.cumulative {
        return Verdict::NotComparable;
    }
    let met = match target.cmp {
        Some(Comparator::Less) => a < t,
        Some(Comparator::AtMost) => a <= t,
        Some(Comparator::Greater) => a > t,
        Some(Comparator::AtLeast | Comparator::AtLeastWords) => a >= t,
        Some(Comparator::About) if (a - t).abs() <= t.abs() * ABOUT => true,
        Some(Comparator::About) | None => {
            let Some(b) = base.filter(|b| b.cumulative == target.cumulative).and_then(|b| b.value) else {
                return Verdict::NotComparable;
            };
            if t > b {
                a >= t
            } else if t < b {
                a <= t
            } else {
                return Verdict::NotComparable;
            }
        }
    };
    if met {
        Verdict::Met
    } else {
        Verdict::Missed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn cell(raw: &str, value: Option<f64>, cmp: Option<Comparator>) -> Cell {
        Cell { raw: raw.into(), value, cmp, cumulative: false, year: None, estimate: false, qualitative: None }
    }

    #[test]
    fn bounds_are_kept_or_not() {
        let at_least = cell("≥95", Some(95.0), Some(Comparator::AtLeast));
        assert_eq!(verdict(&at_least, &cell("96", Some(96.0), None), None), Verdict::Met);
        assert_eq!(verdict(&at_least, &cell("94.9", Some(94.9), None), None), Verdict::Missed);
        let within = cell("4.5以内", Some(4.5), Some(Comparator::AtMost));
        assert_eq!(verdict(&within, &cell("3.2", Some(3.2), None), None), Verdict::Met);
        assert_eq!(
            verdict(&cell("<4", Some(4.0), Some(Comparator::Less)), &cell("4", Some(4.0), None), None),
            Verdict::Missed
        );
    }

    #[test]
    fn a_plain_target_is_met_in_the_direction_the_plan_moved() {
        let (base_up, base_down) = (cell("329.8", Some(329.8), None), cell("0.6", Some(0.6), None));
        let up = cell("530", Some(530.0), None);
        assert_eq!(verdict(&up, &cell("502", Some(502.0), None), Some(&base_up)), Verdict::Missed);
        assert_eq!(verdict(&up, &cell("531", Some(531.0), None), Some(&base_up)), Verdict::Met);
        let down = cell("0.5", Some(0.5), None);
        assert_eq!(verdict(&down, &cell("0.45", Some(0.45), None), Some(&base_down)), Verdict::Met);
        assert_eq!(
            verdict(&up, &cell("531", Some(531.0), None), None),
            Verdict::NotComparable,
            "no base, no direction"
        );
    }

    #[test]
    fn about_allows_a_little_either_way_and_words_are_not_compared() {
        let about = cell("8%左右", Some(8.0), Some(Comparator::About));
        assert_eq!(verdict(&about, &cell("7.9", Some(7.9), None), None), Verdict::Met);
        let words = cell("完成省定目标", None, None);
        assert_eq!(verdict(&words, &cell("5", Some(5.0), None), None), Verdict::NotComparable);
        let total = Cell { cumulative: true, ..cell("[15]", Some(15.0), None) };
        assert_eq!(verdict(&total, &cell("16", Some(16.0), None), None), Verdict::NotComparable);
    }

    #[test]
    fn an_earlier_plans_target_meets_the_base_its_successor_prints() {
        use atlas_data::Period;
        use std::collections::BTreeMap;
        let row = |table, cells: Vec<(Column, Cell)>| Indicator {
            table,
            category: None,
            seq: None,
            parent: None,
            name: "地区生产总值".into(),
            unit: Some("亿元".into()),
            marker: None,
            attribute: None,
            key: Some("gdp".into()),
            line: 9,
            cells: cells.into_iter().collect::<BTreeMap<_, _>>(),
        };
        let earlier = row(
            Table::Plan,
            vec![
                (Column::base(2020), cell("502", Some(502.0), None)),
                (Column::target(2025), cell("810", Some(810.0), None)),
            ],
        );
        let later_row = row(
            Table::Plan,
            vec![
                (Column::base(2025), cell("790", Some(790.0), None)),
                (Column::target(2030), cell("1100", Some(1100.0), None)),
            ],
        );
        let later = crate::index::test_locality("x@15", Period(15), vec![later_row]);
        let judged = across(&earlier, &later).unwrap();
        assert_eq!(judged.achieved.map(|(c, a)| (c.name(), a.raw.clone())), Some(("base_2025".into(), "790".into())));
        assert_eq!(judged.verdict, Verdict::Missed, "810 planned, 790 reached");
    }
}
