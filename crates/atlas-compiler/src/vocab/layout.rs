//! Layout roles: what each [`LayoutRole`] word of a slogan (一核, 两翼, 六辅 …) lets an element's
//! name end with, which endings are specific enough to define a part without its label, the role
//! words of phrase slogans, and the words of zones and of the verbs before them in sub-section
//! titles. The role itself is an enum of the data crate, which the widget draws by.

use atlas_data::{LayoutRole, PlaceKind};

/// Words that a name of an element with this role may end with (`湘潭县城区` for 主).
pub fn role_endings(role: LayoutRole) -> &'static [&'static str] {
    use LayoutRole::*;
    match role {
        Core => &["核", "核心", "增长极"],
        Main => &["主城区", "城区", "中心"],
        Centre => &["心"],
        Sub => &["副中心", "中心"],
        Secondary => &["次中心", "中心"],
        Auxiliary => &["辅", "副中心", "中心"],
        Node => &["节点", "乡镇", "城镇"],
        Point => &["点"],
        Belt => &["带"],
        Axis => &["轴"],
        Ring => &["圈"],
        Corridor => &["廊"],
        Wing => &["翼"],
        Pole => &["极"],
        Zone => &["区"],
        Area => &["片", "片区"],
        City => &["城", "新城"],
        River => &["江"],
        Water => &["水", "江", "河"],
        Vein => &["脉", "山"],
        Loop => &["环"],
        Reservoir => &["库"],
        Park => &["园"],
        Chain => &["链"],
        Cluster => &["群"],
    }
}

/// Endings specific enough to define a part without its label (`…增长极`, `…经济翼`).
pub fn defining_endings(role: LayoutRole) -> &'static [&'static str] {
    use LayoutRole::*;
    match role {
        Core => &["增长极", "发展核"],
        Main => &["主城区"],
        Pole => &["增长极"],
        Ring => &["城市圈", "都市圈", "经济圈"],
        Wing => &["翼"],
        Corridor => &["走廊"],
        Axis => &["轴"],
        Belt => &["带"],
        _ => &[],
    }
}

/// The kind of place an element of this role is itself: a river (三水), a reservoir (五库).
pub fn role_place_kind(role: LayoutRole) -> Option<PlaceKind> {
    match role {
        LayoutRole::Water | LayoutRole::River => Some(PlaceKind::River),
        LayoutRole::Reservoir => Some(PlaceKind::Landmark),
        _ => None,
    }
}

/// Role words a phrase of a phrase slogan may carry (`两翼齐飞` → 翼, `新城发力` → 城), longest
/// first.
pub const PHRASE_ROLES: [(&str, LayoutRole); 12] = [
    ("中心", LayoutRole::Centre),
    ("新城", LayoutRole::City),
    ("城区", LayoutRole::City),
    ("片区", LayoutRole::Area),
    ("翼", LayoutRole::Wing),
    ("轴", LayoutRole::Axis),
    ("带", LayoutRole::Belt),
    ("廊", LayoutRole::Corridor),
    ("核", LayoutRole::Core),
    ("极", LayoutRole::Pole),
    ("圈", LayoutRole::Ring),
    ("环", LayoutRole::Loop),
];

/// Words that name a zone at their end (`雄安新区`, `城市副中心`, `临港新片区`).
pub const ZONE_ENDINGS: [&str; 12] =
    ["新片区", "新区", "副中心", "新城", "片区", "经开区", "高新区", "开发区", "自贸区", "示范区", "科学城", "功能区"];

/// Words of a sub-section title before the zone it is about (`支持…`, `高水平建设…`).
pub const TITLE_LEADS: [&str; 14] = [
    "高水平",
    "高质量",
    "高标准",
    "支持",
    "建设",
    "推动",
    "推进",
    "加快",
    "打造",
    "提升",
    "深化",
    "优化",
    "完善",
    "做强",
];
