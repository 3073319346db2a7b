//! Sector words of projects: the first sector whose words appear in a box title, a work's name or
//! its description.

use atlas_data::Sector;

/// The first sector whose words appear; order settles overlaps (`水利` before `安全`).
pub const RULES: [(Sector, &[&str]); 13] = [
    (Sector::Water, &["水利", "水安全", "防洪", "治涝", "灌区", "供水", "水库", "堤", "饮水"]),
    (Sector::Transport, &["交通", "公路", "铁路", "高速", "航空", "机场", "水运", "港", "轨道", "桥", "枢纽"]),
    (
        Sector::Energy,
        &[
            "能源",
            "电网",
            "电源",
            "光伏",
            "发电",
            "燃气",
            "天然气",
            "充电",
            "风电",
            "核电",
            "加氢",
            "电站",
            "煤电",
            "电厂",
            "气化",
        ],
    ),
    (Sector::Digital, &["信息", "5G", "数字", "数据", "网络", "通信", "物联网", "智慧"]),
    (Sector::Tourism, &["旅游", "文旅", "景区", "康养", "度假"]),
    (Sector::Environment, &["生态", "环境", "污染", "蓝天", "水环境", "林业", "山水林田湖", "节约", "大气", "土壤"]),
    (Sector::Agriculture, &["农业", "农产品", "强农", "稻", "椒", "油茶", "柑桔", "茶", "粮", "种植"]),
    (Sector::Innovation, &["科技", "创新", "人才", "技术", "研发"]),
    (
        Sector::Social,
        &["教育", "卫生", "医疗", "健康", "养老", "妇女", "儿童", "文化", "体育", "中医药", "民生", "就业"],
    ),
    (Sector::Urban, &["城镇", "城市", "村容", "小镇", "棚户", "村庄", "乡村", "城乡"]),
    (Sector::Services, &["流通", "商贸", "物流", "消费", "市场", "商业"]),
    (Sector::Industry, &["制造", "产业", "工业", "园区", "企业", "产业链", "集群"]),
    (Sector::Governance, &["安全", "治理", "规划", "改革"]),
];
