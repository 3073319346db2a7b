//! Codec properties: model → bundle → model is the identity, and decoding arbitrary, truncated or
//! bit-flipped bytes returns an error instead of panicking.

use atlas_data::*;
use proptest::prelude::*;
use std::collections::BTreeMap;

fn text() -> impl Strategy<Value = String> {
    prop_oneof!["[a-z0-9 ]{0,8}", "[一二三四五六七八九十县市区镇]{1,6}", Just(String::new())]
}

fn cell() -> impl Strategy<Value = Cell> {
    (
        text(),
        proptest::option::of(-1e9f64..1e9),
        any::<bool>(),
        proptest::option::of(2010u16..2030),
        any::<bool>(),
        0u8..7,
    )
        .prop_map(|(raw, value, cumulative, year, estimate, c)| Cell {
            raw,
            value,
            cmp: [
                None,
                Some(Comparator::Less),
                Some(Comparator::AtMost),
                Some(Comparator::Greater),
                Some(Comparator::AtLeast),
                Some(Comparator::About),
                Some(Comparator::AtLeastWords),
            ][c as usize],
            cumulative,
            year,
            estimate,
        })
}

fn indicator() -> impl Strategy<Value = Indicator> {
    (
        text(),
        proptest::option::of(text()),
        proptest::collection::vec((0usize..13, cell()), 0..4),
        0u32..2000,
        any::<bool>(),
    )
        .prop_map(|(name, unit, cells, line, fourteenth)| Indicator {
            table: if fourteenth { Table::Fourteenth } else { Table::Thirteenth },
            category: Some("经济发展".into()),
            seq: Some(line.to_string()),
            parent: None,
            name,
            unit,
            marker: Some(Marker::National),
            attribute: Some(Attribute::Binding),
            key: None,
            line,
            cells: cells.into_iter().map(|(c, cell)| (Column::ALL[c], cell)).collect::<BTreeMap<_, _>>(),
        })
}

fn place() -> impl Strategy<Value = Place> {
    (text(), proptest::option::of((text(), 100.0f64..120.0, 20.0f64..35.0))).prop_map(|(as_printed, resolved)| {
        match resolved {
            Some((name, lon, lat)) => Place { as_printed, name: Some(name), lon: Some(lon), lat: Some(lat) },
            None => Place { as_printed, name: None, lon: None, lat: None },
        }
    })
}

fn locality() -> impl Strategy<Value = Locality> {
    (
        "[0-9]{6}",
        text(),
        proptest::collection::vec(indicator(), 0..5),
        proptest::collection::vec((text(), proptest::option::of(0u64..10_000_000_000), 0usize..14), 0..4),
        proptest::collection::vec(place(), 0..4),
    )
        .prop_map(|(id, name, indicators, projects, places)| Locality {
            id,
            name: name.clone(),
            name_en: "X".into(),
            level: Level::County,
            parent: "湘潭市".into(),
            title: name,
            adopted: Some("2020-12-24".into()),
            adopted_curated: false,
            adopted_by: None,
            source: "corpus/plans/x.txt".into(),
            text_lines: 10,
            outline: vec![Heading { level: 1, number: "第一章".into(), title: "t".into(), line: 3 }],
            indicators,
            projects: projects
                .into_iter()
                .map(|(name, investment_yuan, s)| Project {
                    name,
                    box_title: "专栏1".into(),
                    item: Some("1".into()),
                    sector: Sector::ALL[s],
                    investment_yuan,
                    investment_raw: investment_yuan.map(|v| format!("{v}元")),
                    places: vec!["易俗河".into()],
                    description: "d".into(),
                    line: 5,
                })
                .collect(),
            layouts: vec![Layout {
                slogan: "一核两翼".into(),
                primary: true,
                line: 7,
                elements: vec![Element {
                    role: "核".into(), label: "一核".into(), name: "n".into(), line: 8, places
                }],
            }],
        })
}

fn bundle() -> impl Strategy<Value = Bundle> {
    (proptest::collection::vec(locality(), 0..3), any::<bool>(), proptest::collection::vec(any::<u8>(), 0..64))
        .prop_map(|(localities, with_geo, deflated)| Bundle {
            core: Core {
                localities,
                diagnostics: vec![Diagnostic {
                    severity: Severity::Warning,
                    file: "f".into(),
                    line: 1,
                    message: "m".into(),
                }],
                indicator_keys: vec![IndicatorKey {
                    key: "gdp".into(),
                    zh: "地区生产总值".into(),
                    en: "GDP".into(),
                    unit: Some("亿元".into()),
                }],
                attribution: vec!["a".into()],
                tour: vec![TourStep {
                    title: "湘潭县".into(),
                    title_en: "Xiangtan".into(),
                    params: "view=map&mloc=430321".into(),
                }],
            },
            geo: with_geo.then(|| Geography {
                attribution: "b".into(),
                counties: vec![County {
                    adcode: "430321".into(),
                    name: "湘潭县".into(),
                    prefecture: "430300".into(),
                    rings: vec![vec![[1, 2], [3, 4], [1, 2]]],
                }],
                towns: vec![Town { name: "易俗河镇".into(), county: "430321".into(), lon: 112.9, lat: 27.8 }],
            }),
            texts: vec![PlanText { locality: "430321".into(), deflated }],
        })
}

const ALL: [SectionKind; 3] = [SectionKind::Core, SectionKind::Geo, SectionKind::Text];

proptest! {
    #[test]
    fn round_trip_is_identity(b in bundle()) {
        let bytes = encode(&b, &ALL);
        prop_assert_eq!(decode(&bytes, true), Ok(b.clone()));
        prop_assert_eq!(encode(&b, &ALL), bytes, "encoding is deterministic");
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = decode(&bytes, true);
        let mut with_magic = MAGIC.to_vec();
        with_magic.extend_from_slice(&bytes);
        let _ = decode(&with_magic, false);
    }

    #[test]
    fn truncation_is_an_error(b in bundle(), cut in any::<prop::sample::Index>()) {
        let bytes = encode(&b, &ALL);
        let at = cut.index(bytes.len());
        prop_assert!(decode(&bytes[..at], true).is_err());
    }

    #[test]
    fn bit_flips_are_errors(b in bundle(), at in any::<prop::sample::Index>(), bit in 0u8..8) {
        let mut bytes = encode(&b, &ALL);
        let i = at.index(bytes.len());
        bytes[i] ^= 1 << bit;
        prop_assert!(decode(&bytes, true).is_err());
    }
}

#[test]
fn errors_name_what_went_wrong() {
    let b = Bundle::default();
    let good = encode(&b, &[SectionKind::Core]);
    assert_eq!(decode(b"GIF89a..........", true), Err(DecodeError::BadMagic));
    let mut newer = good.clone();
    newer[8] = 2;
    assert_eq!(decode(&newer, true), Err(DecodeError::UnsupportedVersion { found: 2, supported: FORMAT_VERSION }));
    assert!(matches!(
        decode(&good[..good.len() - 1], true),
        Err(DecodeError::ChecksumMismatch { .. } | DecodeError::Truncated { .. })
    ));
    assert!(matches!(decode(&good[..10], true), Err(DecodeError::Truncated { .. })));
    let text_only = encode(&b, &[SectionKind::Text]);
    assert_eq!(decode(&text_only, true), Err(DecodeError::MissingSection(SectionKind::Core)));
    assert!(decode(&text_only, false).is_ok());
}
