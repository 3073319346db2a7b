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
    /// 全国: the national outline.
    Nation,
    /// 省, 自治区
    Province,
    /// 直辖市: a province-level municipality (北京, 上海, 天津, 重庆).
    Municipality,
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
    pub const ALL: [Level; 8] = [
        Level::Nation,
        Level::Province,
        Level::Municipality,
        Level::County,
        Level::CountyCity,
        Level::District,
        Level::PrefectureCity,
        Level::Prefecture,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Level::Nation => "nation",
            Level::Province => "province",
            Level::Municipality => "municipality",
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

    /// Province-level or above: its plan covers prefectures (or, for a municipality, districts).
    pub fn is_provincial(self) -> bool {
        matches!(self, Level::Nation | Level::Province | Level::Municipality)
    }

    /// Covers several counties: prefecture-level or above.
    pub fn spans_counties(self) -> bool {
        self.is_prefecture() || self.is_provincial()
    }
}

/// The place a locality id stands for. A locality with plans of two periods keeps the plain adcode
/// for one and `<adcode>@<period>` for the other (`430321@15`).
pub fn adcode_of(id: &str) -> &str {
    id.split('@').next().unwrap_or(id)
}

/// The adcode prefix of the counties a locality's map shows (GB/T 2260: two digits of province,
/// two of prefecture): its province's for a province-level unit (`110000` → `11`), else its
/// prefecture's (`430321` → `4303`).
pub fn territory_prefix(id: &str) -> &str {
    let adcode = adcode_of(id);
    let digits = if adcode.len() == 6 && adcode.ends_with("0000") { 2 } else { 4 };
    adcode.get(..digits).unwrap_or(adcode)
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
    /// The five-year period the plan is for, from its title (`第十五个五年规划`).
    pub period: Period,
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

    /// The row of the plan's target table with canonical key `key`.
    pub fn plan_row(&self, key: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.table == Table::Plan && i.key.as_deref() == Some(key))
    }

    /// The planned annual growth of `key` as the plan's target table prints it: the row's growth
    /// column, else the row of its own that plans print for it (`gdp_growth` for `gdp`), read from
    /// its growth column or its target.
    pub fn planned_growth(&self, key: &str) -> Option<(&Indicator, &Cell)> {
        let own = self.plan_row(key).and_then(|r| Some((r, r.cells.get(&Column::TARGET_GROWTH)?)));
        own.or_else(|| {
            let r = self.plan_row(&format!("{key}_growth"))?;
            let cell =
                r.cells.get(&Column::TARGET_GROWTH).or_else(|| r.cells.get(&Column::target(self.period.end())))?;
            Some((r, cell))
        })
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

/// Which of a plan's indicator tables a row comes from: the plan's own targets for its period, or
/// the review of the previous period (规划目标 against 完成情况). The years are in the columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Table {
    /// The plan's targets: base year, target year, planned growth (a 十五五 plan: 2025 → 2030).
    Plan,
    /// The completion table of the previous period (a 十五五 plan reviews 十四五: 2020 → 2025).
    Review,
}

impl Table {
    pub const ALL: [Table; 2] = [Table::Plan, Table::Review];

    pub fn as_str(self) -> &'static str {
        match self {
            Table::Plan => "plan",
            Table::Review => "review",
        }
    }

    /// `plan` or `review`. Links made when every plan was a 十四五 plan say `14th` (its targets) and
    /// `13th` (its review); they keep their meaning.
    pub fn parse(s: &str) -> Option<Table> {
        match s {
            "plan" | "14th" => Some(Table::Plan),
            "review" | "13th" => Some(Table::Review),
            _ => None,
        }
    }

    /// The period a table of a plan of `period` is about.
    pub fn period(self, plan: Period) -> Period {
        match self {
            Table::Plan => plan,
            Table::Review => plan.previous(),
        }
    }
}

/// A five-year plan period by its number: 14 is 十四五 (2021–2025), 15 is 十五五 (2026–2030).
/// Periods from the third on are consecutive five-year spans (the first two were followed by a
/// three-year adjustment, 1963–1965), which is all a local outline can be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Period(pub u8);

impl Period {
    /// The periods a plan outline may belong to: 十一五 (2006) to 二十五 (2071–2075).
    pub const FIRST: u8 = 3;
    pub const LAST: u8 = 25;

    pub fn new(number: u8) -> Option<Period> {
        (Self::FIRST..=Self::LAST).contains(&number).then_some(Period(number))
    }

    /// The period a year falls in.
    pub fn of_year(year: u16) -> Option<Period> {
        let n = year.checked_sub(1966)? / 5 + u16::from(Self::FIRST);
        Period::new(u8::try_from(n).ok()?)
    }

    pub fn number(self) -> u8 {
        self.0
    }

    pub fn start(self) -> u16 {
        1966 + 5 * u16::from(self.0.saturating_sub(Self::FIRST))
    }

    pub fn end(self) -> u16 {
        self.start() + 4
    }

    /// The year before the period, whose values its targets start from.
    pub fn base_year(self) -> u16 {
        self.start() - 1
    }

    pub fn previous(self) -> Period {
        Period(self.0.saturating_sub(1).max(Self::FIRST))
    }

    /// `十五五`, `二十五`: how the plans name it.
    pub fn zh(self) -> String {
        format!("{}五", chinese_numeral(self.0))
    }

    /// `15th`.
    pub fn en(self) -> String {
        let suffix = match (self.0 % 10, self.0 % 100) {
            (_, 11..=13) => "th",
            (1, _) => "st",
            (2, _) => "nd",
            (3, _) => "rd",
            _ => "th",
        };
        format!("{}{suffix}", self.0)
    }
}

/// 1–99 in Chinese numerals as period and plan names write them: 十五, 二十, 二十一.
pub fn chinese_numeral(n: u8) -> String {
    const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    let (tens, ones) = (usize::from(n / 10), usize::from(n % 10));
    let mut s = String::new();
    if tens > 1 {
        s.push(DIGITS[tens]);
    }
    if tens > 0 {
        s.push('十');
    }
    if ones > 0 || tens == 0 {
        s.push(DIGITS[ones]);
    }
    s
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

/// What a column of an indicator table holds, whatever its years.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The value in the year a period starts from (a 十五五 plan's 2025 column; a review's 2020).
    Base,
    /// One year of a yearly series printed in a review (2021, 2022 …).
    Value,
    /// A planned value for a year (the plan's 2030 target; the review's 2025 target).
    Target,
    /// What was achieved by a year (完成情况).
    Actual,
    /// Average annual growth achieved over the previous period, printed in the plan's table.
    BaseGrowth,
    /// Planned average annual growth (or a cumulative 〔〕 change) over the period.
    TargetGrowth,
    /// Average annual growth achieved over the reviewed period.
    ActualGrowth,
}

impl Role {
    pub const ALL: [Role; 7] =
        [Role::Base, Role::Value, Role::Target, Role::Actual, Role::BaseGrowth, Role::TargetGrowth, Role::ActualGrowth];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Base => "base",
            Role::Value => "value",
            Role::Target => "target",
            Role::Actual => "actual",
            Role::BaseGrowth => "base_growth",
            Role::TargetGrowth => "target_growth",
            Role::ActualGrowth => "actual_growth",
        }
    }

    pub fn is_growth(self) -> bool {
        matches!(self, Role::BaseGrowth | Role::TargetGrowth | Role::ActualGrowth)
    }

    /// A planned value (target) rather than an observed one.
    pub fn is_target(self) -> bool {
        matches!(self, Role::Target | Role::TargetGrowth)
    }
}

/// A column of an indicator table: a role and, for a level, its year. Written `target_2030`,
/// `base_2025`, `value_2023`, `target_growth` in the JSON dump and in URLs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Column {
    pub role: Role,
    /// The year of a level; `None` for a growth rate (it spans its table's period).
    pub year: Option<u16>,
}

impl Column {
    pub const BASE_GROWTH: Column = Column { role: Role::BaseGrowth, year: None };
    pub const TARGET_GROWTH: Column = Column { role: Role::TargetGrowth, year: None };
    pub const ACTUAL_GROWTH: Column = Column { role: Role::ActualGrowth, year: None };

    pub fn level(role: Role, year: u16) -> Column {
        Column { role, year: Some(year) }
    }

    pub fn base(year: u16) -> Column {
        Column::level(Role::Base, year)
    }

    pub fn target(year: u16) -> Column {
        Column::level(Role::Target, year)
    }

    pub fn actual(year: u16) -> Column {
        Column::level(Role::Actual, year)
    }

    pub fn value(year: u16) -> Column {
        Column::level(Role::Value, year)
    }

    pub fn name(self) -> String {
        match self.year {
            Some(y) => format!("{}_{y}", self.role.as_str()),
            None => self.role.as_str().to_string(),
        }
    }

    pub fn parse(s: &str) -> Option<Column> {
        if let Some(role) = Role::ALL.into_iter().find(|r| r.is_growth() && r.as_str() == s) {
            return Some(Column { role, year: None });
        }
        let (role, year) = s.rsplit_once('_')?;
        let role = Role::ALL.into_iter().find(|r| !r.is_growth() && r.as_str() == role)?;
        let year = year.parse::<u16>().ok().filter(|y| (1900..=2100).contains(y) && year.len() == 4)?;
        Some(Column::level(role, year))
    }

    /// The year a level column refers to; `None` for growth-rate columns.
    pub fn year(self) -> Option<u16> {
        self.year
    }

    pub fn is_growth(self) -> bool {
        self.role.is_growth()
    }

    /// A planned value (target) rather than an observed one.
    pub fn is_target(self) -> bool {
        self.role.is_target()
    }
}

/// In JSON a column is its name (`target_2030`); in the binary bundle a role byte and the year.
impl Serialize for Column {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            s.serialize_str(&self.name())
        } else {
            (self.role, self.year).serialize(s)
        }
    }
}

impl<'de> Deserialize<'de> for Column {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Column, D::Error> {
        if d.is_human_readable() {
            let name = String::deserialize(d)?;
            Column::parse(&name).ok_or_else(|| serde::de::Error::custom(format!("unknown column `{name}`")))
        } else {
            let (role, year) = <(Role, Option<u16>)>::deserialize(d)?;
            if role.is_growth() != year.is_none() {
                return Err(serde::de::Error::custom("a growth column has no year, a level one has"));
            }
            Ok(Column { role, year })
        }
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
    /// Marked `（预计）`, or with a mark the table's note says means an estimate (`带∗为预计数`).
    pub estimate: bool,
    /// A target in words rather than a number (`达到国家要求`, `与经济增长同步`): what it says.
    pub qualitative: Option<Qualitative>,
}

/// What a target printed in words says, for a cell with no number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualitative {
    /// Set by a higher level: 达到国家要求, 完成省下达目标, 完成经国家审核衔接后确定的目标.
    SetAbove,
    /// Keeps pace with another figure: 与经济增长同步.
    InStep,
    /// Holds or rises steadily: 稳中有升, 稳步提高, 保持稳定.
    Steady,
    /// Words of another kind, kept as printed.
    Other,
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

/// What an element of a layout is, by the role word its slogan part ends in (一核 → 核). Written
/// as that word in the JSON dump.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LayoutRole {
    /// 核 (core)
    #[serde(rename = "核")]
    Core,
    /// 主 (main centre)
    #[serde(rename = "主")]
    Main,
    /// 心 (centre)
    #[serde(rename = "心")]
    Centre,
    /// 副 (sub-centre)
    #[serde(rename = "副")]
    Sub,
    /// 次 (secondary centre)
    #[serde(rename = "次")]
    Secondary,
    /// 辅 (auxiliary centre)
    #[serde(rename = "辅")]
    Auxiliary,
    /// 节点 (node)
    #[serde(rename = "节点")]
    Node,
    /// 点 (point)
    #[serde(rename = "点")]
    Point,
    /// 带 (belt)
    #[serde(rename = "带")]
    Belt,
    /// 轴 (axis)
    #[serde(rename = "轴")]
    Axis,
    /// 圈 (ring)
    #[serde(rename = "圈")]
    Ring,
    /// 廊 (corridor)
    #[serde(rename = "廊")]
    Corridor,
    /// 翼 (wing)
    #[serde(rename = "翼")]
    Wing,
    /// 极 (pole)
    #[serde(rename = "极")]
    Pole,
    /// 区 (zone)
    #[serde(rename = "区")]
    Zone,
    /// 片 (area)
    #[serde(rename = "片")]
    Area,
    /// 城 (city)
    #[serde(rename = "城")]
    City,
    /// 江 (river)
    #[serde(rename = "江")]
    River,
    /// 水 (waters)
    #[serde(rename = "水")]
    Water,
    /// 脉 (range)
    #[serde(rename = "脉")]
    Vein,
    /// 环 (loop)
    #[serde(rename = "环")]
    Loop,
    /// 库 (reservoir)
    #[serde(rename = "库")]
    Reservoir,
    /// 园 (park)
    #[serde(rename = "园")]
    Park,
    /// 链 (chain)
    #[serde(rename = "链")]
    Chain,
    /// 群 (cluster)
    #[serde(rename = "群")]
    Cluster,
}

impl LayoutRole {
    /// Longest word first, as slogans are read.
    pub const ALL: [LayoutRole; 25] = [
        LayoutRole::Core,
        LayoutRole::Main,
        LayoutRole::Centre,
        LayoutRole::Sub,
        LayoutRole::Secondary,
        LayoutRole::Auxiliary,
        LayoutRole::Node,
        LayoutRole::Point,
        LayoutRole::Belt,
        LayoutRole::Axis,
        LayoutRole::Ring,
        LayoutRole::Corridor,
        LayoutRole::Wing,
        LayoutRole::Pole,
        LayoutRole::Zone,
        LayoutRole::Area,
        LayoutRole::City,
        LayoutRole::River,
        LayoutRole::Water,
        LayoutRole::Vein,
        LayoutRole::Loop,
        LayoutRole::Reservoir,
        LayoutRole::Park,
        LayoutRole::Chain,
        LayoutRole::Cluster,
    ];

    /// The role word as slogans print it.
    pub fn word(self) -> &'static str {
        match self {
            LayoutRole::Core => "核",
            LayoutRole::Main => "主",
            LayoutRole::Centre => "心",
            LayoutRole::Sub => "副",
            LayoutRole::Secondary => "次",
            LayoutRole::Auxiliary => "辅",
            LayoutRole::Node => "节点",
            LayoutRole::Point => "点",
            LayoutRole::Belt => "带",
            LayoutRole::Axis => "轴",
            LayoutRole::Ring => "圈",
            LayoutRole::Corridor => "廊",
            LayoutRole::Wing => "翼",
            LayoutRole::Pole => "极",
            LayoutRole::Zone => "区",
            LayoutRole::Area => "片",
            LayoutRole::City => "城",
            LayoutRole::River => "江",
            LayoutRole::Water => "水",
            LayoutRole::Vein => "脉",
            LayoutRole::Loop => "环",
            LayoutRole::Reservoir => "库",
            LayoutRole::Park => "园",
            LayoutRole::Chain => "链",
            LayoutRole::Cluster => "群",
        }
    }

    pub fn from_word(word: &str) -> Option<LayoutRole> {
        LayoutRole::ALL.into_iter().find(|r| r.word() == word)
    }

    /// What the role is called, in Chinese and in English.
    pub fn zh(self) -> &'static str {
        match self {
            LayoutRole::Core => "核心",
            LayoutRole::Main => "主中心",
            LayoutRole::Centre => "中心",
            LayoutRole::Sub => "副中心",
            LayoutRole::Secondary => "次中心",
            LayoutRole::Auxiliary => "辅中心",
            LayoutRole::Node => "节点",
            LayoutRole::Point => "点",
            LayoutRole::Belt => "发展带",
            LayoutRole::Axis => "发展轴",
            LayoutRole::Ring => "圈",
            LayoutRole::Corridor => "走廊",
            LayoutRole::Wing => "翼",
            LayoutRole::Pole => "增长极",
            LayoutRole::Zone => "区",
            LayoutRole::Area => "片区",
            LayoutRole::City => "城",
            LayoutRole::River => "江",
            LayoutRole::Water => "水系",
            LayoutRole::Vein => "山脉",
            LayoutRole::Loop => "环",
            LayoutRole::Reservoir => "水库",
            LayoutRole::Park => "园区",
            LayoutRole::Chain => "产业链",
            LayoutRole::Cluster => "群",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            LayoutRole::Core => "core",
            LayoutRole::Main => "main centre",
            LayoutRole::Centre => "centre",
            LayoutRole::Sub => "sub-centre",
            LayoutRole::Secondary => "secondary centre",
            LayoutRole::Auxiliary => "auxiliary centre",
            LayoutRole::Node => "node",
            LayoutRole::Point => "point",
            LayoutRole::Belt => "belt",
            LayoutRole::Axis => "axis",
            LayoutRole::Ring => "ring",
            LayoutRole::Corridor => "corridor",
            LayoutRole::Wing => "wing",
            LayoutRole::Pole => "pole",
            LayoutRole::Zone => "zone",
            LayoutRole::Area => "area",
            LayoutRole::City => "city",
            LayoutRole::River => "river",
            LayoutRole::Water => "waters",
            LayoutRole::Vein => "range",
            LayoutRole::Loop => "loop",
            LayoutRole::Reservoir => "reservoir",
            LayoutRole::Park => "park",
            LayoutRole::Chain => "chain",
            LayoutRole::Cluster => "cluster",
        }
    }

    /// A centre a plan names without a place is its seat (中心城区 / 县城).
    pub fn is_core(self) -> bool {
        matches!(self, LayoutRole::Core | LayoutRole::Main | LayoutRole::Centre)
    }
}

/// One element of a layout: a core, an axis, a belt …
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Element {
    pub role: LayoutRole,
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
