//! The typed model of a compiled corpus: localities with their outline, indicators, projects and
//! spatial layouts, plus geography, full texts and build diagnostics.
//!
//! Field names and enum spellings are those of the `atlas dump --json` schema (docs/BUNDLE.md), so
//! the serde derives serve both the binary codec (postcard, which ignores names) and the JSON dump.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A whole compiled corpus in memory, as the compiler makes it and the JSON dump shows it. On disk
/// and in the browser it is split into an index and shards ([`crate::Parts`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Bundle {
    pub core: Core,
    pub geo: Option<Geography>,
    pub texts: Vec<PlanText>,
    /// Coarse county outlines for the corpus map, when compiled with county polygons.
    pub outlines: Option<crate::Outlines>,
}

/// The structured part of a corpus: localities and what they share.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Core {
    pub localities: Vec<Locality>,
    pub diagnostics: Vec<Diagnostic>,
    /// Canonical indicators that make rows comparable across localities.
    pub indicator_keys: Vec<IndicatorKey>,
    /// Where the data came from and under which licence; shown by the widget.
    pub attribution: Vec<String>,
    /// The classroom tour (`corpus/tour.toml`), stepped through in presentation mode.
    pub tour: Vec<TourStep>,
}

/// One step of the classroom tour: a view of the widget, as URL parameters, with a title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TourStep {
    pub title: String,
    pub title_en: String,
    /// URL query without `?`, e.g. `view=map&mloc=430321`.
    pub params: String,
}

/// A canonical indicator (`corpus/indicators.toml`): rows of different plans that measure the
/// same thing share its key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorKey {
    pub key: String,
    pub zh: String,
    pub en: String,
    pub unit: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// 县 (also 自治县, 旗)
    County,
    /// 县级市
    CountyCity,
    /// 市辖区: a district of a prefecture-level city
    District,
    /// 地级市
    PrefectureCity,
    /// 地区, 自治州, 盟: prefecture-level units that are not cities
    Prefecture,
}

impl Level {
    pub const ALL: [Level; 5] =
        [Level::County, Level::CountyCity, Level::District, Level::PrefectureCity, Level::Prefecture];

    pub fn as_str(self) -> &'static str {
        match self {
            Level::County => "county",
            Level::CountyCity => "county_city",
            Level::District => "district",
            Level::PrefectureCity => "prefecture_city",
            Level::Prefecture => "prefecture",
        }
    }

    pub fn parse(s: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.as_str() == s)
    }

    /// Prefecture-level (地级): its plan covers several counties.
    pub fn is_prefecture(self) -> bool {
        matches!(self, Level::PrefectureCity | Level::Prefecture)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Locality {
    /// The six-digit administrative division code (adcode), e.g. `430321`.
    pub id: String,
    pub name: String,
    pub name_en: String,
    pub level: Level,
    pub parent: String,
    pub title: String,
    /// ISO date the people's congress adopted the plan, when known.
    pub adopted: Option<String>,
    /// True when `adopted` comes from `corpus/plans.toml` rather than from the text.
    pub adopted_curated: bool,
    /// The adopting body as printed, e.g. `湘潭县第十六届人民代表大会第六次会议`.
    pub adopted_by: Option<String>,
    /// Path of the source text relative to the corpus' parent, e.g. `corpus/plans/430321-….txt`.
    pub source: String,
    pub text_lines: u32,
    pub outline: Vec<Heading>,
    pub indicators: Vec<Indicator>,
    pub projects: Vec<Project>,
    pub layouts: Vec<Layout>,
}

impl Locality {
    /// The heading whose section contains `line` (the last heading at or before it).
    pub fn section_of(&self, line: u32) -> Option<&Heading> {
        self.outline.iter().take_while(|h| h.line <= line).last()
    }

    pub fn primary_layout(&self) -> Option<&Layout> {
        self.layouts.iter().find(|l| l.primary)
    }
}

/// One heading of the outline: 篇 (level 0), 章 (1), 节 or `(一)`-style section (2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Heading {
    pub level: u8,
    pub number: String,
    pub title: String,
    pub line: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Table {
    /// The main 十四五 (2021–2025) target table.
    #[serde(rename = "14th")]
    Fourteenth,
    /// The 十三五 (2016–2020) completion table.
    #[serde(rename = "13th")]
    Thirteenth,
}

impl Table {
    /// `14th` or `13th`, as the bundle's JSON and the widget's URL write it.
    pub fn parse(s: &str) -> Option<Table> {
        match s {
            "14th" => Some(Table::Fourteenth),
            "13th" => Some(Table::Thirteenth),
            _ => None,
        }
    }
}

/// 预期性 (expected, a guidance target) or 约束性 (binding, a constraint the government must meet).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Attribute {
    #[serde(rename = "预期性")]
    Expected,
    #[serde(rename = "约束性")]
    Binding,
}

/// The mark after an indicator name: ☆ national, △ provincial, * local.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Marker {
    #[serde(rename = "☆")]
    National,
    #[serde(rename = "△")]
    Provincial,
    #[serde(rename = "*")]
    Local,
}

/// A column of an indicator table, named by what it holds rather than by how it was printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Column {
    #[serde(rename = "base_2020")]
    Base2020,
    BaseGrowth,
    #[serde(rename = "target_2025")]
    Target2025,
    TargetGrowth,
    #[serde(rename = "value_2015")]
    Value2015,
    #[serde(rename = "target_2020")]
    Target2020,
    ActualGrowth,
    #[serde(rename = "actual_2020")]
    Actual2020,
    Y2016,
    Y2017,
    Y2018,
    Y2019,
    Y2020,
}

impl Column {
    pub const ALL: [Column; 13] = [
        Column::Value2015,
        Column::Y2016,
        Column::Y2017,
        Column::Y2018,
        Column::Y2019,
        Column::Y2020,
        Column::Target2020,
        Column::Actual2020,
        Column::ActualGrowth,
        Column::Base2020,
        Column::BaseGrowth,
        Column::Target2025,
        Column::TargetGrowth,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Column::Base2020 => "base_2020",
            Column::BaseGrowth => "base_growth",
            Column::Target2025 => "target_2025",
            Column::TargetGrowth => "target_growth",
            Column::Value2015 => "value_2015",
            Column::Target2020 => "target_2020",
            Column::ActualGrowth => "actual_growth",
            Column::Actual2020 => "actual_2020",
            Column::Y2016 => "y2016",
            Column::Y2017 => "y2017",
            Column::Y2018 => "y2018",
            Column::Y2019 => "y2019",
            Column::Y2020 => "y2020",
        }
    }

    pub fn parse(s: &str) -> Option<Column> {
        Column::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// The year a level column refers to; `None` for growth-rate columns.
    pub fn year(self) -> Option<u16> {
        match self {
            Column::Value2015 => Some(2015),
            Column::Y2016 => Some(2016),
            Column::Y2017 => Some(2017),
            Column::Y2018 => Some(2018),
            Column::Y2019 => Some(2019),
            Column::Y2020 | Column::Base2020 | Column::Target2020 | Column::Actual2020 => Some(2020),
            Column::Target2025 => Some(2025),
            Column::BaseGrowth | Column::TargetGrowth | Column::ActualGrowth => None,
        }
    }

    pub fn is_growth(self) -> bool {
        self.year().is_none()
    }

    /// A planned value (target) rather than an observed one.
    pub fn is_target(self) -> bool {
        matches!(self, Column::Target2020 | Column::Target2025 | Column::TargetGrowth)
    }
}

/// How a printed value relates to its number: `<4.0`, `≥95`, `8%左右`, `225 以上`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Comparator {
    #[serde(rename = "<")]
    Less,
    #[serde(rename = "<=")]
    AtMost,
    #[serde(rename = ">")]
    Greater,
    #[serde(rename = ">=")]
    AtLeast,
    /// 左右, 约: about.
    #[serde(rename = "about")]
    About,
    /// 以上: this much or more, as printed in words.
    #[serde(rename = "at_least")]
    AtLeastWords,
}

/// One table cell: the text exactly as printed, beside what we read from it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    pub raw: String,
    pub value: Option<f64>,
    pub cmp: Option<Comparator>,
    /// Printed in `[...]`: a five-year cumulative figure.
    pub cumulative: bool,
    /// A year note such as `（2019 年）`: the value is for that year, not the column's.
    pub year: Option<u16>,
    /// Marked `（预计）`: an estimate.
    pub estimate: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    pub table: Table,
    pub category: Option<String>,
    /// The row number as printed (`1`, `15-1`); `None` for unnumbered sub-rows.
    pub seq: Option<String>,
    /// The name of the row this one is a part of (e.g. `城镇化率` for `户籍人口城镇化率`).
    pub parent: Option<String>,
    pub name: String,
    pub unit: Option<String>,
    pub marker: Option<Marker>,
    pub attribute: Option<Attribute>,
    /// Canonical indicator key from `corpus/indicators.toml`, so localities can be compared.
    pub key: Option<String>,
    pub line: u32,
    pub cells: BTreeMap<Column, Cell>,
}

/// The sector vocabulary for projects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sector {
    Industry,
    Agriculture,
    Services,
    Tourism,
    Transport,
    Energy,
    Water,
    Digital,
    Environment,
    Urban,
    Social,
    Innovation,
    Governance,
    Other,
}

impl Sector {
    pub const ALL: [Sector; 14] = [
        Sector::Industry,
        Sector::Agriculture,
        Sector::Services,
        Sector::Tourism,
        Sector::Transport,
        Sector::Energy,
        Sector::Water,
        Sector::Digital,
        Sector::Environment,
        Sector::Urban,
        Sector::Social,
        Sector::Innovation,
        Sector::Governance,
        Sector::Other,
    ];

    /// A sector by its English key (`water`), as in URLs and queries.
    pub fn parse(s: &str) -> Option<Sector> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Sector::Industry => "industry",
            Sector::Agriculture => "agriculture",
            Sector::Services => "services",
            Sector::Tourism => "tourism",
            Sector::Transport => "transport",
            Sector::Energy => "energy",
            Sector::Water => "water",
            Sector::Digital => "digital",
            Sector::Environment => "environment",
            Sector::Urban => "urban",
            Sector::Social => "social",
            Sector::Innovation => "innovation",
            Sector::Governance => "governance",
            Sector::Other => "other",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Sector::Industry => "工业",
            Sector::Agriculture => "农业",
            Sector::Services => "服务业",
            Sector::Tourism => "文旅",
            Sector::Transport => "交通",
            Sector::Energy => "能源",
            Sector::Water => "水利",
            Sector::Digital => "数字",
            Sector::Environment => "生态环境",
            Sector::Urban => "城乡建设",
            Sector::Social => "社会民生",
            Sector::Innovation => "科技创新",
            Sector::Governance => "治理",
            Sector::Other => "其他",
        }
    }
}

/// One item of a 专栏 (a boxed feature list in the plan) or of a named enumeration in running text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Project {
    pub name: String,
    /// The box title, e.g. `专栏3-1 智能制造产业链重大工程`, or the section title for running text.
    #[serde(rename = "box")]
    pub box_title: String,
    pub item: Option<String>,
    /// The label a box item files its works under (`两桥：清水塘大桥、群丰大桥` → `两桥`).
    pub group: Option<String>,
    /// A 专栏 item or a work named in running text.
    pub source: ProjectSource,
    pub sector: Sector,
    pub investment_yuan: Option<u64>,
    pub investment_raw: Option<String>,
    pub places: Vec<String>,
    pub description: String,
    pub line: u32,
}

/// Where a project was read: an item of a works box (专栏) or a named work in running text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ProjectSource {
    Box,
    Text,
}

impl ProjectSource {
    pub const ALL: [ProjectSource; 2] = [ProjectSource::Box, ProjectSource::Text];

    pub fn as_str(self) -> &'static str {
        match self {
            ProjectSource::Box => "box",
            ProjectSource::Text => "text",
        }
    }

    pub fn parse(s: &str) -> Option<ProjectSource> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// A 空间布局 (spatial layout) such as 一核、二副、三轴.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Layout {
    pub slogan: String,
    pub primary: bool,
    pub line: u32,
    pub elements: Vec<Element>,
}

/// One element of a layout: a core, an axis, a belt …
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Element {
    /// The role character(s): 核 主 心 副 次 带 轴 圈 廊 翼 极 节点 水 库 区 …
    pub role: String,
    /// The slogan part this element belongs to, e.g. `三轴`.
    pub label: String,
    pub name: String,
    pub line: u32,
    /// Places in the order printed (an axis runs through them in this order).
    pub places: Vec<Place>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub as_printed: String,
    /// The resolved official name (`大浦` → `大浦镇`); `None` when it could not be located.
    pub name: Option<String>,
    pub lon: Option<f64>,
    pub lat: Option<f64>,
    pub kind: PlaceKind,
    /// For a river or road matched in the optional line features: its course across the map,
    /// quantised like county rings (`GEO_SCALE`); empty otherwise.
    pub path: Vec<[i32; 2]>,
}

/// What a place of a layout is. Towns, counties and the seat are located from the gazetteer and
/// the county polygons; areas, rivers, roads and landmarks are listed as printed, unlocated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceKind {
    /// A township-level unit: 镇, 乡, 街道.
    Town,
    /// A county, county-level city or district.
    County,
    /// The locality's seat: 县城, 中心城区, 主城区 …
    Seat,
    /// A zone named after a place: X片区, X新区, X经开区, X高新区, X开发区.
    Area,
    River,
    /// A road or railway: G60, 107国道, 醴娄高速, 京广线, 云龙大道.
    Road,
    /// A mountain, lake, reservoir, park, reserve, historic site …
    Landmark,
    /// Named where places are listed, but of no kind the text or the gazetteer tells.
    Unknown,
}

impl PlaceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::Town => "town",
            PlaceKind::County => "county",
            PlaceKind::Seat => "seat",
            PlaceKind::Area => "area",
            PlaceKind::River => "river",
            PlaceKind::Road => "road",
            PlaceKind::Landmark => "landmark",
            PlaceKind::Unknown => "unknown",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
    /// Something a reviewer should know (a column inferred, a table left aside); not a problem.
    Note,
}

/// A compiler finding, pointing at a file and line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: String,
    pub line: u32,
    pub message: String,
}

/// Polygons and points in WGS84, quantised to 1e-5 degree (about 1 m).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Geography {
    pub attribution: String,
    pub counties: Vec<County>,
    pub towns: Vec<Town>,
}

/// Degrees × 100 000.
pub const GEO_SCALE: f64 = 100_000.0;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct County {
    pub adcode: String,
    pub name: String,
    /// adcode of the prefecture-level city it belongs to.
    pub prefecture: String,
    /// Outer rings (holes are not needed at this scale), each a closed list of quantised points.
    pub rings: Vec<Vec<[i32; 2]>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Town {
    pub name: String,
    pub county: String,
    pub lon: f64,
    pub lat: f64,
}

/// One plan's full text, deflate-raw compressed so that browsers inflate it with
/// `DecompressionStream("deflate-raw")`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanText {
    pub locality: String,
    pub deflated: Vec<u8>,
}
