//! Header reading, one rule per test, on header text as the plans print it.

use super::*;

fn cells(s: &[&str]) -> Vec<String> {
    s.iter().map(|c| crate::text::tidy(c)).collect()
}

fn named(table: Table, heads: &[Head]) -> Vec<String> {
    let under = vec![Under::Empty; heads.len()];
    roles(table, Period(14), heads, &under).0.into_iter().map(Role::name).collect()
}

#[test]
fn tokens_ignore_spaces_quotes_and_percent_signs() {
    assert_eq!(tokens("指 标 名 称"), Some(vec![Tok::Name]));
    assert_eq!(tokens("“十三五” 实际完成"), Some(vec![Tok::Period(13), Tok::Actual]));
    assert_eq!(tokens("2020 年 绝对值 (预计)"), Some(vec![Tok::Year(2020), Tok::Qualifier, Tok::Qualifier]));
    assert_eq!(tokens("年均增速 [累计]"), Some(vec![Tok::Growth, Tok::Qualifier]));
    assert_eq!(tokens("年均增长(%"), Some(vec![Tok::Growth]), "a bracket cut by a page edge");
    assert_eq!(tokens(""), Some(vec![]));
}

#[test]
fn longest_match_wins() {
    assert_eq!(tokens("指标属性"), Some(vec![Tok::Attribute]));
    assert_eq!(tokens("指标类型"), Some(vec![Tok::Category]));
    assert_eq!(tokens("预期性/约束性"), Some(vec![Tok::Attribute]));
}

#[test]
fn data_and_prose_are_not_header_text() {
    for cell in ["地区生产总值", "502", "1", "经济发展", "专栏2:湘乡市“十四五”社会经济发展主要指标", "建设内容"]
    {
        assert!(!is_header_text(cell), "{cell}");
    }
    assert!(!is_header_text("1999年"), "years outside the plan periods are data");
}

#[test]
fn two_line_tab_header_with_spanning_groups() {
    // 湘潭县 430321:259–260
    let top = cells(&["序号", "指 标 名 称", "单位", "“十三五” 实际完成", "", "“十四五” 计划目标", "", "属性"]);
    let sub = cells(&["", "", "", "2020 年 绝对值 (预计)", "年均增长 (%)", "2025 年 绝对值", "年均增长 (%)", ""]);
    let heads = positional(&top, Some(&sub));
    let kind = table_kind(&heads, "", Period(14));
    assert_eq!(kind, Some(Table::Plan));
    assert_eq!(
        named(Table::Plan, &heads),
        ["seq", "name", "unit", "base_2020", "base_growth", "target_2025", "target_growth", "attribute"]
    );
}

#[test]
fn thirteenth_table_planned_then_achieved() {
    // 湘潭县 430321:103–104: target, 2015 value, result.
    let top = cells(&["类别", "序号", "指 标", "单位", "“十三五”规划目标", "", "2015 年", "完成情况", ""]);
    let sub = cells(&["", "", "", "", "2020 年", "年均增长 (%)", "", "2020 年 (预计)", "年均增长 (%)"]);
    let heads = positional(&top, Some(&sub));
    assert_eq!(table_kind(&heads, "", Period(14)), Some(Table::Review));
    assert_eq!(
        named(Table::Review, &heads),
        [
            "category",
            "seq",
            "name",
            "unit",
            "target_2020",
            "target_growth",
            "base_2015",
            "actual_2020",
            "actual_growth"
        ]
    );
}

#[test]
fn one_line_header_growth_follows_its_year() {
    // 株洲市 430200:339
    let top = cells(&["类别", "序号", "指标名称", "2020年", "2025年", "年均增速 [累计]", "属性"]);
    let heads = positional(&top, None);
    assert_eq!(
        named(Table::Plan, &heads),
        ["category", "seq", "name", "base_2020", "target_2025", "target_growth", "attribute"]
    );
}

#[test]
fn blank_header_cell_is_read_from_the_cells_under_it() {
    // 株洲市 430200:163–164: the fourth column has no header and holds sub-indicator names.
    let top = cells(&["类别", "序号", "指标名称", "", "2015年", "规划目标", "", "完成情况", ""]);
    let sub = cells(&["", "", "", "", "", "2020年", "年均增速[累计]", "2020年", "年均增速[累计]"]);
    let heads = positional(&top, Some(&sub));
    let mut under = vec![Under::Empty; heads.len()];
    under[3] = Under::Text;
    let (r, notes) = roles(Table::Review, Period(14), &heads, &under);
    let r: Vec<String> = r.into_iter().map(Role::name).collect();
    assert_eq!(
        r,
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
    assert_eq!(notes.len(), 1, "the inference is reported: {notes:?}");
}

#[test]
fn garbled_value_header_is_read_from_its_values() {
    // A conversion that lost the `2025年` header text: values under it, so a level column.
    let top = cells(&["序号", "指标名称", "单位", "2020年", "", "年均增长", "属性"]);
    let heads = positional(&top, None);
    let mut under = vec![Under::Empty; heads.len()];
    under[4] = Under::Values { percent: false };
    let (r, notes) = roles(Table::Plan, Period(14), &heads, &under);
    let r: Vec<String> = r.into_iter().map(Role::name).collect();
    assert_eq!(r, ["seq", "name", "unit", "base_2020", "target_2025", "target_growth", "attribute"]);
    assert!(notes[0].contains("from its values"), "{notes:?}");
}

#[test]
fn streamed_two_level_header_split_over_lines() {
    // 湘乡市 430381:211–235, one cell per line, `年均` and `增长(%` on separate lines.
    let stream = cells(&[
        "序号",
        "指 标 名 称",
        "单位",
        "“十三五”规划目标",
        "“十三五”完成情况",
        "属性",
        "2020",
        "绝对值",
        "年均增长(%",
        "2020",
        "绝对值",
        "年均",
        "增长(%",
    ]);
    let heads = streamed(&stream);
    assert_eq!(table_kind(&heads, "", Period(14)), Some(Table::Review));
    assert_eq!(
        named(Table::Review, &heads),
        ["seq", "name", "unit", "target_2020", "target_growth", "actual_2020", "actual_growth", "attribute"]
    );
}

#[test]
fn streamed_header_with_postfix_tag_and_split_attribute() {
    // 衡东县 430424:348–357: `2025年` ␤ `目标值`, `指标` ␤ `属性`.
    let heads = streamed(&cells(&["类别", "序号", "指标", "2020年", "2025年目标值", "指标属性"]));
    assert_eq!(named(Table::Plan, &heads), ["category", "seq", "name", "base_2020", "target_2025", "attribute"]);
    let split = streamed(&cells(&["类别", "序号", "指标", "2020年", "2025年", "目标值", "指标", "属性"]));
    assert_eq!(named(Table::Plan, &split), ["category", "seq", "name", "base_2020", "target_2025", "attribute"]);
}

#[test]
fn yearly_series_is_a_thirteenth_table() {
    // 衡东县 430424:22–28
    let heads = streamed(&cells(&["指标", "2016年", "2017年", "2018年", "2019年", "2020年", "年均增长率（%）"]));
    assert_eq!(table_kind(&heads, "", Period(14)), Some(Table::Review));
    assert_eq!(
        named(Table::Review, &heads),
        ["name", "value_2016", "value_2017", "value_2018", "value_2019", "value_2020", "actual_growth"]
    );
}

#[test]
fn single_level_stream_groups_tag_the_values_after_them() {
    let heads = streamed(&cells(&["指标", "单位", "规划目标", "2020年", "年均增长", "完成情况", "2020年", "年均增长"]));
    assert_eq!(
        named(Table::Review, &heads),
        ["name", "unit", "target_2020", "target_growth", "actual_2020", "actual_growth"]
    );
}

#[test]
fn caption_decides_when_the_years_cannot() {
    let heads = streamed(&cells(&["指标", "单位", "2020年", "属性"]));
    assert_eq!(table_kind(&heads, "专栏1 “十三五”规划主要指标完成情况", Period(14)), Some(Table::Review));
    assert_eq!(table_kind(&heads, "“十四五”时期主要指标", Period(14)), Some(Table::Plan));
    assert_eq!(table_kind(&heads, "", Period(14)), None);
}

#[test]
fn other_wordings_plans_use() {
    let top = cells(&["序号", "指标", "单位", "2020年基期值", "2025年预期值", "2021-2025年年均增长（%）", "指标性质"]);
    let heads = positional(&top, None);
    assert_eq!(table_kind(&heads, "", Period(14)), Some(Table::Plan));
    assert_eq!(
        named(Table::Plan, &heads),
        ["seq", "name", "unit", "base_2020", "target_2025", "target_growth", "attribute"]
    );
    // Periods instead of years: the end of 十三五 is 2020, the 十四五 target is for 2025.
    let top = cells(&["指标名称", "“十三五”末", "“十四五”目标", "年均增长或累计", "属性"]);
    let heads = positional(&top, None);
    assert_eq!(table_kind(&heads, "", Period(14)), Some(Table::Plan));
    assert_eq!(named(Table::Plan, &heads), ["name", "base_2020", "target_2025", "target_growth", "attribute"]);
    let heads = streamed(&top);
    assert_eq!(named(Table::Plan, &heads), ["name", "base_2020", "target_2025", "target_growth", "attribute"]);
}
