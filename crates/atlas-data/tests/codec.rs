//! Codec properties: model → files → model is the identity, for the single-file bundle and for the
//! index and shard files, and reading arbitrary, truncated or bit-flipped bytes returns an error
//! instead of panicking.

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
            qualitative: [None, Some(Qualitative::SetAbove), Some(Qualitative::InStep), Some(Qualitative::Other)]
                [c as usize % 4],
        })
}

fn indicator() -> impl Strategy<Value = Indicator> {
    (
        text(),
        proptest::option::of(text()),
        proptest::collection::vec((0usize..7, 1990u16..2040, cell()), 0..4),
        0u32..2000,
        any::<bool>(),
    )
        .prop_map(|(name, unit, cells, line, plan)| Indicator {
            table: if plan { Table::Plan } else { Table::Review },
            category: Some("经济发展".into()),
            seq: Some(line.to_string()),
            parent: None,
            name,
            unit,
            marker: Some(Marker::National),
            attribute: Some(Attribute::Binding),
            key: None,
            line,
            cells: cells
                .into_iter()
                .map(|(r, year, cell)| {
                    let role = Role::ALL[r];
                    (Column { role, year: (!role.is_growth()).then_some(year) }, cell)
                })
                .collect::<BTreeMap<_, _>>(),
        })
}

fn place() -> impl Strategy<Value = Place> {
    (text(), proptest::option::of((text(), 100.0f64..120.0, 20.0f64..35.0))).prop_map(|(as_printed, resolved)| {
        match resolved {
            Some((name, lon, lat)) => Place {
                as_printed,
                name: Some(name),
                lon: Some(lon),
                lat: Some(lat),
                kind: PlaceKind::Town,
                path: vec![[lon as i32, lat as i32]],
            },
            None => Place { as_printed, name: None, lon: None, lat: None, kind: PlaceKind::River, path: Vec::new() },
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
            period: Period(15),
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
                    group: (s % 2 == 0).then(|| "两桥".into()),
                    source: if s % 3 == 0 { ProjectSource::Text } else { ProjectSource::Box },
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
                    role: LayoutRole::Core,
                    label: "一核".into(),
                    name: "n".into(),
                    line: 8,
                    places,
                }],
            }],
        })
}

fn bundle() -> impl Strategy<Value = Bundle> {
    (
        proptest::collection::vec(locality(), 0..3),
        any::<bool>(),
        proptest::collection::vec(any::<u8>(), 0..64),
        any::<bool>(),
    )
        .prop_map(|(mut localities, with_geo, deflated, with_outlines)| {
            // Ids are unique in a corpus, and each plan has its own source file.
            for (i, l) in localities.iter_mut().enumerate() {
                l.id = format!("4303{i:02}");
                l.source = format!("corpus/plans/{i}.txt");
            }
            let texts =
                localities.iter().map(|l| PlanText { locality: l.id.clone(), deflated: deflated.clone() }).collect();
            Bundle {
                core: Core {
                    localities,
                    diagnostics: vec![
                        Diagnostic {
                            severity: Severity::Warning,
                            file: "(build)".into(),
                            line: 0,
                            message: "m".into(),
                        },
                        Diagnostic {
                            severity: Severity::Note,
                            file: "corpus/plans/0.txt".into(),
                            line: 3,
                            message: "n".into(),
                        },
                    ],
                    indicator_keys: vec![
                        IndicatorKey {
                            key: "gdp".into(),
                            zh: "地区生产总值".into(),
                            en: "GDP".into(),
                            unit: Some("亿元".into()),
                        },
                        IndicatorKey {
                            key: "forest_cover".into(),
                            zh: "森林覆盖率".into(),
                            en: "Forest".into(),
                            unit: None,
                        },
                    ],
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
                    towns: vec![Town {
                        name: "易俗河镇".into(), county: "湘潭县".into(), lon: 112.9, lat: 27.8
                    }],
                }),
                texts,
                outlines: with_outlines.then(|| Outlines {
                    step: 100,
                    counties: vec![Outline::new(
                        "430321".into(),
                        "湘潭县".into(),
                        &[vec![[11_290_000, 2_780_000], [11_300_000, 2_781_000]]],
                        100,
                    )],
                }),
            }
        })
}

/// Reads a site back from its files, as the widget does: the index, then each file it names.
fn read_site(files: &[(String, Vec<u8>)]) -> Result<Parts, DecodeError> {
    let get = |name: &str| files.iter().find(|(n, _)| n == name).map(|(_, b)| b.as_slice()).unwrap();
    let index = parts::decode_index(&codec::read(get(parts::INDEX_FILE))?)?;
    let mut out = Parts { index: index.clone(), ..Parts::default() };
    for s in &index.localities {
        out.shards.push(parts::decode_shard(&codec::read(get(&parts::shard_path(s)))?, 99)?);
        out.texts.push(parts::text_of(&codec::read(get(&parts::text_path(s)))?, 99)?.to_vec());
    }
    for (k, f) in index.indicator_keys.iter().zip(&index.key_files) {
        out.columns.push(if f.localities == 0 {
            KeyColumn { key: k.key.clone(), values: vec![] }
        } else {
            parts::decode_column(&codec::read(get(&parts::column_path(&k.key, f.hash)))?, 99)?
        });
    }
    if let Some(h) = index.outlines {
        out.outlines = Some(parts::decode_outlines(&codec::read(get(&parts::outlines_path(h)))?)?);
    }
    Ok(out)
}

proptest! {
    #[test]
    fn single_file_round_trip_is_identity(b in bundle()) {
        let p = Parts::from_bundle(&b);
        let bytes = p.encode_single();
        prop_assert_eq!(Parts::decode_single(&bytes), Ok(p.clone()));
        prop_assert_eq!(Parts::from_bundle(&b).encode_single(), bytes, "encoding is deterministic");
        prop_assert_eq!(p.to_bundle().core.localities, b.core.localities);
    }

    #[test]
    fn site_round_trip_is_identity(b in bundle()) {
        let p = Parts::from_bundle(&b);
        prop_assert_eq!(read_site(&p.encode_files()), Ok(p));
    }

    #[test]
    fn every_locality_has_its_card_in_both_forms(b in bundle()) {
        let p = Parts::from_bundle(&b);
        let files = p.encode_files();
        let single = p.encode_single();
        let single = codec::read(&single).unwrap();
        for (i, (s, shard)) in p.index.localities.iter().zip(&p.shards).enumerate() {
            let file = files.iter().find(|(n, _)| *n == parts::card_path(s)).map(|(_, b)| b).unwrap();
            let card = parts::decode_card(&codec::read(file).unwrap(), 99).unwrap();
            prop_assert_eq!(&card, &Card::of(shard));
            prop_assert_eq!(parts::decode_card(&single, i as u32).unwrap(), card);
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = Parts::decode_single(&bytes);
        let mut with_magic = MAGIC.to_vec();
        with_magic.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        with_magic.extend_from_slice(&bytes);
        if let Ok(c) = codec::read(&with_magic) {
            let _ = parts::decode_index(&c);
            let _ = parts::decode_shard(&c, 0);
            let _ = parts::decode_card(&c, 0);
        }
    }

    #[test]
    fn truncation_is_an_error(b in bundle(), cut in any::<prop::sample::Index>()) {
        let bytes = Parts::from_bundle(&b).encode_single();
        let at = cut.index(bytes.len());
        prop_assert!(Parts::decode_single(&bytes[..at]).is_err());
    }

    #[test]
    fn bit_flips_are_errors(b in bundle(), at in any::<prop::sample::Index>(), bit in 0u8..8) {
        let mut bytes = Parts::from_bundle(&b).encode_single();
        let i = at.index(bytes.len());
        bytes[i] ^= 1 << bit;
        prop_assert!(Parts::decode_single(&bytes).is_err());
    }
}

#[test]
fn errors_name_what_went_wrong() {
    let good = Parts::from_bundle(&Bundle::default()).encode_single();
    assert_eq!(Parts::decode_single(b"GIF89a..........").err(), Some(DecodeError::BadMagic));
    let mut newer = good.clone();
    newer[8..10].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
    assert_eq!(
        Parts::decode_single(&newer).err(),
        Some(DecodeError::UnsupportedVersion { found: FORMAT_VERSION + 1, supported: FORMAT_VERSION })
    );
    assert!(matches!(
        Parts::decode_single(&good[..good.len() - 1]),
        Err(DecodeError::ChecksumMismatch { .. } | DecodeError::Truncated { .. })
    ));
    assert!(matches!(Parts::decode_single(&good[..10]), Err(DecodeError::Truncated { .. })));
    let text_only = codec::write(FileKind::Text, &[(SectionKind::Text, 0, b"x")]);
    assert_eq!(Parts::decode_single(&text_only).err(), Some(DecodeError::MissingSection(SectionKind::Index)));
}

#[test]
fn a_version_1_bundle_is_named_as_older() {
    // The first bytes of a version-1 bundle: magic, version 1, one section.
    let mut v1 = MAGIC.to_vec();
    v1.extend_from_slice(&[1, 0, 1, 0, 1, 0, 0, 0, 24, 0, 0, 0, 0, 0, 0, 0]);
    let err = Parts::decode_single(&v1).unwrap_err();
    assert_eq!(err, DecodeError::UnsupportedVersion { found: 1, supported: FORMAT_VERSION });
    assert!(err.to_string().contains("older"), "{err}");
    assert!(err.to_string().contains("atlas build"), "{err}");
}

#[test]
fn a_shard_file_does_not_depend_on_its_position() {
    let l = |id: &str| {
        let mut b = Bundle::default();
        b.core.localities.push(Locality {
            id: id.into(),
            name: id.into(),
            name_en: id.into(),
            level: Level::County,
            parent: "p".into(),
            title: "t".into(),
            period: Period(14),
            adopted: None,
            adopted_curated: false,
            adopted_by: None,
            source: format!("{id}.txt"),
            text_lines: 1,
            outline: vec![],
            indicators: vec![],
            projects: vec![],
            layouts: vec![],
        });
        b.texts.push(PlanText { locality: id.into(), deflated: vec![1, 2, 3] });
        b
    };
    let alone = Parts::from_bundle(&l("430321")).encode_files();
    let mut two = l("430301");
    let second = l("430321");
    two.core.localities.extend(second.core.localities);
    two.texts.extend(second.texts);
    let both = Parts::from_bundle(&two).encode_files();
    let file = |files: &[(String, Vec<u8>)]| files.iter().find(|(n, _)| n.starts_with("loc/430321.")).cloned().unwrap();
    assert_eq!(file(&alone), file(&both), "same name, same bytes wherever the locality sits");
}

#[test]
fn outlines_round_to_their_step_and_back() {
    let ring = vec![[11_290_012, 2_780_049], [11_300_000, 2_781_000], [11_300_051, 2_781_000], [11_290_012, 2_780_049]];
    let o = Outline::new("430321".into(), "湘潭县".into(), &[ring], 100);
    assert_eq!(
        o.points(100),
        [vec![[11_290_000, 2_780_000], [11_300_000, 2_781_000], [11_300_100, 2_781_000], [11_290_000, 2_780_000]]]
    );
    assert!(o.rings[0][1..].iter().all(|d| d[0].abs() < 200 && d[1].abs() < 200), "small differences");
}
