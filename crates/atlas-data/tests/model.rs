//! Periods and columns: the years of a plan are data, named the same way in JSON and URLs.

use atlas_data::{chinese_numeral, Column, Period, Role, Table};

#[test]
fn periods_run_in_five_year_steps() {
    let cases = [
        (11, 2006, 2010, "十一五", "11th"),
        (14, 2021, 2025, "十四五", "14th"),
        (15, 2026, 2030, "十五五", "15th"),
        (21, 2056, 2060, "二十一五", "21st"),
        (22, 2061, 2065, "二十二五", "22nd"),
    ];
    for (n, start, end, zh, en) in cases {
        let p = Period::new(n).unwrap();
        assert_eq!((p.start(), p.end(), p.base_year()), (start, end, start - 1), "{n}");
        assert_eq!((p.zh().as_str(), p.en().as_str()), (zh, en));
        assert_eq!(Period::of_year(start), Some(p));
        assert_eq!(Period::of_year(end), Some(p));
    }
    assert_eq!(Period(15).previous(), Period(14));
    assert_eq!(Period::new(2), None);
    assert_eq!(Period::of_year(1950), None);
}

#[test]
fn chinese_numerals_as_plan_titles_write_them() {
    for (n, zh) in [(1, "一"), (10, "十"), (13, "十三"), (20, "二十"), (25, "二十五")] {
        assert_eq!(chinese_numeral(n), zh);
    }
}

#[test]
fn column_names_round_trip() {
    for name in
        ["base_2025", "target_2030", "value_2023", "actual_2025", "target_growth", "base_growth", "actual_growth"]
    {
        let c = Column::parse(name).unwrap();
        assert_eq!(c.name(), name);
        assert_eq!(serde_json::to_string(&c).unwrap(), format!("\"{name}\""));
        assert_eq!(serde_json::from_str::<Column>(&format!("\"{name}\"")).unwrap(), c);
    }
    assert_eq!(Column::parse("target_2030"), Some(Column::target(2030)));
    for bad in ["target", "growth_2025", "target_growth_2025", "base_20", "base_２０２５", "y2016", ""] {
        assert_eq!(Column::parse(bad), None, "{bad}");
    }
}

#[test]
fn columns_round_trip_in_the_binary_form() {
    for c in [Column::base(2020), Column::TARGET_GROWTH, Column::level(Role::Value, 2023)] {
        let bytes = postcard::to_allocvec(&c).unwrap();
        assert_eq!(postcard::from_bytes::<Column>(&bytes).unwrap(), c);
    }
    // A growth column with a year is not a column.
    let bytes = postcard::to_allocvec(&(Role::TargetGrowth, Some(2025u16))).unwrap();
    assert!(postcard::from_bytes::<Column>(&bytes).is_err());
}

#[test]
fn an_id_stands_for_its_adcode_whatever_the_period() {
    assert_eq!(atlas_data::adcode_of("430321@15"), "430321");
    assert_eq!(atlas_data::adcode_of("430321"), "430321");
    assert_eq!(atlas_data::territory_prefix("110000@14"), "11");
    assert_eq!(atlas_data::territory_prefix("430321@15"), "4303");
}

#[test]
fn old_table_names_keep_their_meaning() {
    assert_eq!(Table::parse("14th"), Some(Table::Plan));
    assert_eq!(Table::parse("13th"), Some(Table::Review));
    assert_eq!(Table::parse("plan"), Some(Table::Plan));
    assert_eq!(Table::parse("review"), Some(Table::Review));
    assert_eq!(Table::Review.period(Period(15)), Period(14));
}
