//! One test per table quirk, each on a literal snippet from the plans. `check` is the only caller
//! of the table API: it renders each row as `category|seq|parent|name|unit|marker|attr|col=raw …`.

use crate::table::{extract, Role, TableSpec};
use atlas_data::Table;

fn spec(columns: &[&str]) -> TableSpec {
    TableSpec {
        table: Table::Plan,
        anchor: "CAPTION".into(),
        columns: columns.iter().map(|c| Role::parse(c).expect("known column")).collect(),
    }
}

/// What the table reports about itself, as `line: message`.
fn issues(text: &str, columns: &[&str]) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let found = extract(&lines, &spec(columns)).expect("anchor found");
    found.issues.iter().map(|i| format!("{}: {}", i.line, i.message)).collect()
}

fn check(text: &str, columns: &[&str], expect: &[&str]) {
    let lines: Vec<&str> = text.lines().collect();
    let spec = spec(columns);
    let found = extract(&lines, &spec).expect("anchor found");
    let got: Vec<String> = found
        .rows
        .iter()
        .map(|r| {
            let opt = |o: &Option<String>| o.clone().unwrap_or_default();
            // Cells in printed column order.
            let cells: Vec<String> = spec
                .columns
                .iter()
                .filter_map(|role| {
                    if let Role::Value(c) = role {
                        r.cells.get(c).map(|v| format!("{}={}", c.name(), v.raw))
                    } else {
                        None
                    }
                })
                .collect();
            format!(
                "{}|{}|{}|{}|{}|{}|{}|{}",
                opt(&r.category),
                opt(&r.seq),
                opt(&r.parent),
                r.name,
                opt(&r.unit),
                r.marker.map(|m| format!("{m:?}")).unwrap_or_default(),
                r.attribute.map(|a| format!("{a:?}")).unwrap_or_default(),
                cells.join(" ")
            )
        })
        .collect();
    assert_eq!(got, expect, "issues: {:?}", found.issues);
}

#[test]
fn tab_rows_with_category_rows_and_blank_cells() {
    check(
        "CAPTION\n\n序号\t指 标 名 称\t单位\t“十三五” 实际完成\t\t“十四五” 计划目标\t\t属性\n\t\t\t2020 年 绝对值 (预计)\t年均增长 (%)\t2025 年 绝对值\t年均增长 (%)\t\n一、经济发展（9 项）\t\t\t\t\t\t\t\n1\t地区生产总值\t亿元\t502\t8.8\t810\t9.5\t预期性\n2\t制造业增加值占 GDP 比重\t%\t19.1\t\t21.4\t\t预期性\n\n备注：1.[]内的数据为累计数；",
        &["seq", "name", "unit", "base_2020", "base_growth", "target_2025", "target_growth", "attribute"],
        &[
            "经济发展|1||地区生产总值|亿元||Expected|base_2020=502 base_growth=8.8 target_2025=810 target_growth=9.5",
            "经济发展|2||制造业增加值占GDP比重|%||Expected|base_2020=19.1 target_2025=21.4",
        ],
    );
}

#[test]
fn header_repeated_after_page_break_and_category_split_over_it() {
    check(
        "CAPTION\n类别\t序号\t指 标\t单位\t“十三五”规划目标\t\t2015 年\t完成情况\t\n\t\t\t\t2020 年\t年均增长 (%)\t\t2020 年 (预计)\t年均增长 (%)\n社\t45\t政府公共服务信息公开率\t%\t95\t\t-\t\t\n\n类别\t序号\t指 标\t单位\t“十三五”规划目标\t\t2015 年\t完成情况\t\n\t\t\t\t2020 年\t年均增长 (%)\t\t2020 年 (预计)\t年均增长 (%)\n会 管 理\t46\t政府公共服务网上办理率\t%\t95\t\t-\t\t\n\n备注：",
        &["category", "seq", "name", "unit", "target_2020", "target_growth", "base_2015", "actual_2020", "actual_growth"],
        &[
            "社会管理|45||政府公共服务信息公开率|%|||target_2020=95 base_2015=-",
            "社会管理|46||政府公共服务网上办理率|%|||target_2020=95 base_2015=-",
        ],
    );
}

#[test]
fn rows_that_lost_leading_columns_and_sub_rows_with_parents() {
    check(
        "CAPTION\n类别\t序号\t指标名称\t\t2015年\t规划目标\t\t完成情况\t\n经济发展\t8\t城镇化率\t常住人口城镇化率(%)\t62.1\t73\t—\t71.26\t—\n\t\t\t户籍人口城镇化率(%)\t38.01\t56\t—\t49.26\t—\n10\t非公经济占地区生产总值比重(%)\t\t57\t65\t—\t65.2\t—\t\n\t29\t主要污染物排放总量减少（%）\t化学需氧量\t11.43\t—\t[8]\t—\t[12.30]\n氮氧化物\t\t\t17.92\t—\t[12]\t—\t[20]\t\n\n说明：",
        &["category", "seq", "name", "subname", "base_2015", "target_2020", "target_growth", "actual_2020", "actual_growth"],
        &[
            "经济发展|8|城镇化率|常住人口城镇化率|%|||base_2015=62.1 target_2020=73 target_growth=— actual_2020=71.26 actual_growth=—",
            "经济发展||城镇化率|户籍人口城镇化率|%|||base_2015=38.01 target_2020=56 target_growth=— actual_2020=49.26 actual_growth=—",
            "经济发展|10||非公经济占地区生产总值比重|%|||base_2015=57 target_2020=65 target_growth=— actual_2020=65.2 actual_growth=—",
            "经济发展|29|主要污染物排放总量减少|化学需氧量||||base_2015=11.43 target_2020=— target_growth=[8] actual_2020=— actual_growth=[12.30]",
            "经济发展||主要污染物排放总量减少|氮氧化物||||base_2015=17.92 target_2020=— target_growth=[12] actual_2020=— actual_growth=[20]",
        ],
    );
}

#[test]
fn markers_and_units_inside_the_name() {
    check(
        "CAPTION\n类别\t序号\t指标名称\t2020年\t2025年\t年均增速 [累计]\t属性\n经济发展\t1\t地区生产总值 GDP 增长 (%) ☆\t4.1\t\t7.5%\t预期性\n\t4\t制造业增加值占地区生产总值比重 (%) △\t33\t>35\t—\t预期性\n\t9\t规模工业增加值增长速度 (%) *\t—\t—\t8.5%\t预期性\n\t27\t能源综合生产能力 (亿吨标准煤) ☆\t140\t400\t—\t约束性\n\n注：",
        &["category", "seq", "name", "base_2020", "target_2025", "target_growth", "attribute"],
        &[
            "经济发展|1||地区生产总值GDP增长|%|National|Expected|base_2020=4.1 target_growth=7.5%",
            "经济发展|4||制造业增加值占地区生产总值比重|%|Provincial|Expected|base_2020=33 target_2025=>35 target_growth=—",
            "经济发展|9||规模工业增加值增长速度|%|Local|Expected|base_2020=— target_2025=— target_growth=8.5%",
            "经济发展|27||能源综合生产能力|亿吨标准煤|National|Binding|base_2020=140 target_2025=400 target_growth=—",
        ],
    );
}

#[test]
fn one_cell_per_line_with_leading_tab_and_wrapped_cells() {
    check(
        "CAPTION\n \t类别\n\t序号\n\t指标\n\t2020年\n\t2025年\n\n目标值\n\n\t经济\n\n发展\n\t1\n\t地区生产总值（亿元）\n\t290.81\n\t\n\t预期性\n\n\t\n\t15-1\n\t城镇居民人均可支配收入（元）\n\t37369\n\t55000\n\t预期性\n\n\t绿色生态\n\n\n\t30\n\t单位地区生产总值水耗降幅（%）\n\t\n\t[25]\n\t约束性\n\n备注：①",
        &["category", "seq", "name", "base_2020", "target_2025", "attribute"],
        &[
            "经济发展|1||地区生产总值|亿元||Expected|base_2020=290.81",
            "经济发展|15-1||城镇居民人均可支配收入|元||Expected|base_2020=37369 target_2025=55000",
            "绿色生态|30||单位地区生产总值水耗降幅|%||Binding|target_2025=[25]",
        ],
    );
}

#[test]
fn yearly_series_with_name_wrapped_after_blank_line() {
    check(
        "CAPTION\n\t指标\n\t2016年\n\t2017年\n\t2018年\n\t2019年\n\t2020年\n\t年均增长率（%）\n\n\t全员劳动生产率\n\n（万元）\n\t5.83\n\t6.44\n\t7.02\n\t7.60\n\t-\n\t-\n\n\t年末人口（万人）\n\t63.82\n\t62.92\n\t61.52\n\t60.94\n\t60.8（预计）\n\t-1.1\n\n第二节 新阶段",
        &["name", "value_2016", "value_2017", "value_2018", "value_2019", "value_2020", "actual_growth"],
        &[
            "|||全员劳动生产率|万元|||value_2016=5.83 value_2017=6.44 value_2018=7.02 value_2019=7.60 value_2020=- actual_growth=-",
            "|||年末人口|万人|||value_2016=63.82 value_2017=62.92 value_2018=61.52 value_2019=60.94 value_2020=60.8（预计） actual_growth=-1.1",
        ],
    );
}

#[test]
fn bare_cells_with_sub_rows_missing_units_and_half_filled_rows() {
    check(
        "CAPTION\n\n序号\n\n指标名称\n\n单位\n\n2020\n\n2025\n\n属性\n\n一、经济发展(8项)\n\n1\n\n地区生产总值\n\n亿元\n\n500.24\n\n750\n\n预期性\n\n增速(%\n\n“十三五”年均增长8.8%\n\n“十四五”年均增长8%以上\n\n2\n\n全员劳动力生产率\n\n万元/\n\n-\n\n15\n\n预期性\n\n14\n\n劳动年龄人口平均受教育年限\n\n-\n\n省目标\n\n约束性\n\n第二章  加快产业升级",
        &["seq", "name", "unit", "base_2020", "target_2025", "attribute"],
        &[
            "经济发展|1||地区生产总值|亿元||Expected|base_2020=500.24 target_2025=750",
            "经济发展||地区生产总值|增速(%||||base_2020=“十三五”年均增长8.8% target_2025=“十四五”年均增长8%以上",
            "经济发展|2||全员劳动力生产率|万元/||Expected|base_2020=- target_2025=15",
            "经济发展|14||劳动年龄人口平均受教育年限|||Binding|base_2020=- target_2025=省目标",
        ],
    );
}

#[test]
fn bare_cells_with_only_level_values_printed() {
    check(
        "CAPTION\n\n、经济发展(6项)\n\n7\n\n三次产业结构\n\n%\n\n16.7:51.6:31.7\n\n13.5:49.5:37\n\n预期性\n\n8\n\n高新技术产业增加值占GDP比重\n\n%\n\n25\n\n-\n\n26\n\n-\n\n预期性\n\n(二)主要形势",
        &["seq", "name", "unit", "target_2020", "target_growth", "actual_2020", "actual_growth", "attribute"],
        &[
            "经济发展|7||三次产业结构|%||Expected|target_2020=16.7:51.6:31.7 actual_2020=13.5:49.5:37",
            "经济发展|8||高新技术产业增加值占GDP比重|%||Expected|target_2020=25 target_growth=- actual_2020=26 actual_growth=-",
        ],
    );
}

// Stream encodings read by `segment.rs`: the snippets are made up in the shapes real outlines
// print, none copied from one.

#[test]
fn spaced_cells_with_names_and_values_wrapped_and_a_page_break() {
    check(
        "CAPTION\n类别 序号 指标 2025年 2030年目标 属性\n经济\n增长\n(3项)\n1\n某某产业增加值占全部工业增加值的比\n重(%)\n31左右∗ >35 预期性\n2 全社会固定资产投资年均增速(%) 6.1\n6左右,力争\n更高水平\n预期性\n— 7 —\n类别 序号 指标 2025年 2030年目标 属性\n3 某某地表水考核断面水质(%) 90\n达到上级\n要求\n约束性\n注：带∗为预计数。",
        &["category", "seq", "name", "base_2025", "target_2030", "attribute"],
        &[
            "经济增长|1||某某产业增加值占全部工业增加值的比重|%||Expected|base_2025=31左右∗ target_2030=>35",
            "经济增长|2||全社会固定资产投资年均增速|%||Expected|base_2025=6.1 target_2030=6左右,力争更高水平",
            "经济增长|3||某某地表水考核断面水质|%||Binding|base_2025=90 target_2030=达到上级要求",
        ],
    );
}

#[test]
fn one_cell_per_line_with_notes_suffixes_and_sub_rows() {
    check(
        "CAPTION\n\n类别\n序号\n指标名称\n2025年\n预计\n2030年\n目标\n年均/\n累计\n属性\n民生\n（3项）\n1\n某县居民收入占比（%）\n33.2\n（2024年）\n35\n—\n预期性\n2\n每万人口拥有托位数\n托育机构托位数（个）\n3.1\n4.5\n左右\n—\n预期性\n社区托位数（个）\n1.2\n稳步\n提高\n—\n预期性\n3\n1岁以下儿童接种率提高（百分点）\n—\n—\n[3]\n约束性\n备注：[ ]内为累计数。",
        &["category", "seq", "name", "base_2025", "target_2030", "target_growth", "attribute"],
        &[
            "民生|1||某县居民收入占比|%||Expected|base_2025=33.2（2024年） target_2030=35 target_growth=—",
            "民生|2|每万人口拥有托位数|托育机构托位数|个||Expected|base_2025=3.1 target_2030=4.5左右 target_growth=—",
            "民生||每万人口拥有托位数|社区托位数|个||Expected|base_2025=1.2 target_2030=稳步提高 target_growth=—",
            "民生|3||1岁以下儿童接种率提高|百分点||Binding|base_2025=— target_2030=— target_growth=[3]",
        ],
    );
}

#[test]
fn unit_and_attribute_printed_before_the_values() {
    check(
        "CAPTION\n序号\n指标\n单位\n属性\n“十五五”目标\n2030年\n年均［累计］\n1\n某港集装箱吞吐\n量\n万标准箱\n预期性\n＞5000\n—\n2\n单位生产总值能耗（按\n2020\n年价）降低\n吨标准煤/\n万元\n约束性\n—\n［完成省下达目标］\n三、建设现代化产业体系的重点任务",
        &["seq", "name", "unit", "attribute", "target_2030", "target_growth"],
        &[
            "|1||某港集装箱吞吐量|万标准箱||Expected|target_2030=＞5000 target_growth=—",
            "|2||单位生产总值能耗（按2020年价）降低|吨标准煤/万元||Binding|target_2030=— target_growth=［完成省下达目标］",
        ],
    );
}

#[test]
fn a_row_missing_from_the_numbering_is_reported() {
    let got = issues(
        "CAPTION\n序号\n指标\n2030年\n属性\n1\n某甲指标（%）\n5\n预期性\n3\n某丙指标（%）\n7\n预期性",
        &["seq", "name", "target_2030", "attribute"],
    );
    assert_eq!(got, ["10: row 2 not found: the printed numbers jump from 1 to 3"]);
}

#[test]
fn a_category_count_unlike_the_rows_read_is_reported() {
    let got = issues(
        "CAPTION\n类别\n序号\n指标\n2030年\n属性\n生态\n（3项）\n1\n某甲指标（%）\n5\n约束性\n2\n某乙指标（%）\n6\n约束性\n安全\n（1项）\n3\n某丙指标（万吨）\n40\n约束性",
        &["category", "seq", "name", "target_2030", "attribute"],
    );
    assert_eq!(got, ["7: category 生态 prints 3 indicators, 2 were read"]);
}

#[test]
fn extra_value_cells_are_reported_not_dropped_silently() {
    let got = issues(
        "CAPTION\n序号\n指标\n2030年\n属性\n1\n某甲指标（%）\n5\n6\n预期性",
        &["seq", "name", "target_2030", "attribute"],
    );
    assert_eq!(got, ["6: 2 value cells for 1 columns; read from the left, the rest not read"]);
}

#[test]
fn a_mark_the_note_explains_makes_an_estimate() {
    let text = "CAPTION\n序号 指标 2025年 2030年目标 属性\n1 某甲指标(%) 31∗ 35 预期性\n2 某乙指标(%) 12 14 预期性\n注：带∗为预计数。";
    let lines: Vec<&str> = text.lines().collect();
    let found = extract(&lines, &spec(&["seq", "name", "base_2025", "target_2030", "attribute"])).unwrap();
    let estimates: Vec<(String, bool)> =
        found.rows.iter().flat_map(|r| r.cells.values()).map(|c| (c.raw.clone(), c.estimate)).collect();
    assert_eq!(estimates, [("31∗".into(), true), ("35".into(), false), ("12".into(), false), ("14".into(), false)]);
    let without_note: Vec<&str> = lines[..lines.len() - 1].to_vec();
    let found = extract(&without_note, &spec(&["seq", "name", "base_2025", "target_2030", "attribute"])).unwrap();
    assert!(found.rows.iter().flat_map(|r| r.cells.values()).all(|c| !c.estimate), "no note, no meaning");
}

#[test]
fn a_row_merged_into_the_previous_one_is_split_at_its_number() {
    // Two rows joined on one line by the conversion: the second row's number and name stand where
    // values of the first should be, and its values follow them.
    let text = "CAPTION\n序号\t指标\t单位\t2020年\t2025年\t属性\n1\t地区生产总值\t亿元\t502\t810\t预期性\t2\t常住人口城镇化率\t%\t58.2\t65\t预期性\n3\t研发经费投入增长\t%\t10\t12\t预期性\n";
    let columns = ["seq", "name", "unit", "base_2020", "target_2025", "attribute"];
    check(
        text,
        &columns,
        &[
            "|1||地区生产总值|亿元||Expected|base_2020=502 target_2025=810",
            "|2||常住人口城镇化率|%||Expected|base_2020=58.2 target_2025=65",
            "|3||研发经费投入增长|%||Expected|base_2020=10 target_2025=12",
        ],
    );
    assert_eq!(issues(text, &columns), ["3: a row starts inside the previous one at `2`"]);
}

#[test]
fn a_name_beyond_the_columns_with_no_values_is_reported_not_read_as_a_value() {
    let text = "CAPTION\n序号\t指标\t单位\t2020年\t2025年\t属性\n1\t地区生产总值\t亿元\t502\t810\t预期性\t常住人口城镇化率\n2\t研发经费投入增长\t%\t10\t12\t预期性\n";
    let columns = ["seq", "name", "unit", "base_2020", "target_2025", "attribute"];
    check(
        text,
        &columns,
        &[
            "|1||地区生产总值|亿元||Expected|base_2020=502 target_2025=810",
            "|2||研发经费投入增长|%||Expected|base_2020=10 target_2025=12",
        ],
    );
    assert_eq!(issues(text, &columns), ["3: cell beyond the table's columns: 常住人口城镇化率"]);
}
