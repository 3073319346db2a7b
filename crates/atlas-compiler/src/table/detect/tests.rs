//! Finding tables in literal snippets of each encoding the corpus shows.

use super::*;
use crate::table::extract_found;

fn found(text: &str) -> Detection {
    let lines: Vec<&str> = text.lines().collect();
    detect(&lines, Period(14))
}

fn columns(f: &Found) -> Vec<String> {
    f.columns.iter().map(|r| r.name()).collect()
}

#[test]
fn tab_rows_with_caption_and_repeated_header_after_a_page_break() {
    // 株洲市 430200:161–187, shortened.
    let text = "第二节 发展经验\n\n专栏3 “十三五”规划主要指标完成情况\n\n类别\t序号\t指标名称\t\t2015年\t规划目标\t\t完成情况\t\n\t\t\t\t\t2020年\t年均增速[累计]\t2020年\t年均增速[累计]\n经济发展\t1\t地区生产总值(亿元)\t\t2335.1\t3800\t9%\t3105.8\t7.2%\n\t8\t城镇化率\t常住人口城镇化率(%)\t62.1\t73\t—\t71.26\t—\n\n类别\t序号\t指标名称\t\t2015年\t规划目标\t\t完成情况\t\n\t\t\t\t\t2020年\t年均增速[累计]\t2020年\t年均增速[累计]\n民生福祉\t17\t农村贫困人口脱贫（万人）\t\t[6.16]\t—\t[11.39]\t—\t[12.89]\n\n说明：1.[]内数据为五年累计数。";
    let d = found(text);
    assert_eq!(d.tables.len(), 1, "the repeated header is the same table: {:?}", d.skipped);
    let t = &d.tables[0];
    assert_eq!((t.table, t.header_line()), (Table::Review, 5));
    assert_eq!(t.caption.as_ref().map(|c| c.0), Some(3));
    assert_eq!(
        columns(t),
        [
            "category",
            "seq",
            "name",
            "subname",
            "base_2015",
            "target_2020",
            "target_growth",
            "actual_2020",
            "actual_growth"
        ]
    );
    let lines: Vec<&str> = text.lines().collect();
    let rows = extract_found(&lines, t).rows;
    let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["地区生产总值", "常住人口城镇化率", "农村贫困人口脱贫"]);
}

#[test]
fn tab_cells_header_without_caption() {
    // 衡东县 430424:347–373: a header straight after prose, one cell per tab-led line.
    let text = "——远景目标。到二〇三五年，在全市率先基本实现社会主义现代化，人均地区生产总值力争达到中等发达国家水平。\n \t类别\n\t序号\n\t指标\n\t2020年\n\t2025年\n\n目标值\n\t指标\n\n属性\n\n\t经济\n\n发展\n\t1\n\t地区生产总值（亿元）\n\t290.81\n\t\n\t预期性\n\n\t\n\t2\n\t人均地区生产总值（元）\n\t-\n\t≥65000\n\t预期性\n\n\t\n\t3\n\t一般公共预算收入（亿元）\n\t12.98\n\t17.5\n\t预期性\n";
    let d = found(text);
    let t = &d.tables[0];
    assert_eq!((t.table, t.header_line(), t.caption.clone()), (Table::Plan, 2, None));
    assert_eq!(columns(t), ["category", "seq", "name", "base_2020", "target_2025", "attribute"]);
    let lines: Vec<&str> = text.lines().collect();
    let rows = extract_found(&lines, t).rows;
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[1].cells[&atlas_data::Column::target(2025)].raw, "≥65000");
}

#[test]
fn bare_cells_header_split_over_lines() {
    // 湘乡市 430381:787–831
    let text = "专栏2:湘乡市“十四五”社会经济发展主要指标\n\n序号\n\n指标名称\n\n单位\n\n2020\n\n2025\n\n属性\n\n一、经济发展(8项)\n\n1\n\n地区生产总值\n\n亿元\n\n500.24\n\n750\n\n预期性\n\n2\n\n全员劳动力生产率\n\n万元/\n\n-\n\n15\n\n预期性\n";
    let d = found(text);
    let t = &d.tables[0];
    assert_eq!((t.table, t.header_line()), (Table::Plan, 3));
    assert_eq!(columns(t), ["seq", "name", "unit", "base_2020", "target_2025", "attribute"]);
    let lines: Vec<&str> = text.lines().collect();
    let rows = extract_found(&lines, t).rows;
    assert_eq!(rows.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), ["地区生产总值", "全员劳动力生产率"]);
    assert_eq!(rows[0].category.as_deref(), Some("经济发展"));
}

#[test]
fn project_tables_and_prose_are_not_indicator_tables() {
    let text = "专栏7 重大项目\n序号\t项目名称\t建设内容\t总投资（亿元）\n1\t长株潭城际铁路\t新建线路30公里\t120\n2\t湘江风光带\t景观工程\t8\n\n指标体系进一步完善，各项指标全面完成。\n专栏8 重大工程\n序号\t项目名称\t单位\t属性\n1\t湘江大桥\t座\t约束性\n2\t东环路\t公里\t预期性\n";
    let d = found(text);
    assert!(d.tables.is_empty(), "{:?}", d.tables);
    assert!(d.skipped.is_empty(), "works lists are not reported as tables: {:?}", d.skipped);
}

#[test]
fn the_main_table_wins_over_a_sector_table_which_is_reported() {
    let text = "专栏2 “十四五”经济社会发展主要指标\n序号\t指标名称\t单位\t2020年\t2025年\t属性\n1\t地区生产总值\t亿元\t502\t810\t预期性\n2\t城镇化率\t%\t49.1\t65\t预期性\n3\t森林覆盖率\t%\t48.3\t49.0\t约束性\n\n第五章 农业农村\n\n专栏8 “十四五”农业农村发展主要指标\n序号\t指标名称\t单位\t2020年\t2025年\t属性\n1\t粮食产量\t万吨\t60\t60\t约束性\n2\t农民收入\t元\t21843\t30000\t预期性\n3\t耕地保有量\t万亩\t90\t90\t约束性\n";
    let d = found(text);
    assert_eq!(d.tables.len(), 1);
    assert_eq!(d.tables[0].header_line(), 2);
    assert_eq!(d.skipped.len(), 1);
    assert_eq!(d.skipped[0].0, 10);
    assert!(d.skipped[0].1.contains("农业农村"), "{:?}", d.skipped);
}

#[test]
fn a_sector_table_first_does_not_hide_the_main_one() {
    let text = "专栏1 “十四五”生态环境主要指标\n序号\t指标名称\t单位\t2020年\t2025年\t属性\n1\t森林覆盖率\t%\t48.3\t49.0\t约束性\n2\t空气优良天数\t%\t86\t90\t约束性\n3\t地表水达标率\t%\t95\t100\t约束性\n\n第二章 主要目标\n\n专栏2 “十四五”经济社会发展主要指标\n序号\t指标名称\t单位\t2020年\t2025年\t属性\n1\t地区生产总值\t亿元\t502\t810\t预期性\n2\t城镇化率\t%\t49.1\t65\t预期性\n3\t人均预期寿命\t岁\t79.1\t79.8\t预期性\n";
    let d = found(text);
    assert_eq!(d.tables.len(), 1);
    assert_eq!(d.tables[0].caption.as_ref().map(|c| c.0), Some(9));
}

#[test]
fn an_item_column_named_xiangmu() {
    // Some plans head the indicator column 项目 (item).
    let text = "表1 “十四五”时期经济社会发展主要指标\n项 目\t单 位\t2020年\t2025年\t年均增长(%)\t属 性\n地区生产总值\t亿元\t502\t810\t9.5\t预期性\n森林覆盖率\t%\t48.3\t49\t—\t约束性\n城镇化率\t%\t49.1\t65\t—\t预期性\n";
    let d = found(text);
    assert_eq!(columns(&d.tables[0]), ["name", "unit", "base_2020", "target_2025", "target_growth", "attribute"]);
    let lines: Vec<&str> = text.lines().collect();
    let rows = extract_found(&lines, &d.tables[0]).rows;
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[1].cells[&atlas_data::Column::target(2025)].raw, "49");
}
