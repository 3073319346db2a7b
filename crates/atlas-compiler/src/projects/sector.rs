//! The sector of a project, from the sector vocabulary (`vocab/sectors.rs`).
//!
//! The box title decides first (`专栏 22 能源保障工程` files every item under energy); a title
//! with no sector word leaves it to the work's own name, then to its description.

use crate::vocab::sectors::RULES;
use atlas_data::Sector;

fn of(text: &str) -> Option<Sector> {
    RULES.iter().find(|(_, words)| words.iter().any(|w| text.contains(w))).map(|(s, _)| *s)
}

/// The sector of a work: from the first of `texts` (box title, name, description …) that has one.
pub fn sector(texts: &[&str]) -> Sector {
    texts.iter().find_map(|t| of(t)).unwrap_or(Sector::Other)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_box_title_decides_first() {
        assert_eq!(sector(&["专栏5-1 “十四五”期间衡东重点水利工程", "x"]), Sector::Water);
        assert_eq!(sector(&["专栏3-1  智能制造产业链重大工程", "x"]), Sector::Industry);
        assert_eq!(sector(&["专栏 22 能源保障工程", "衡阳--炎陵天然气长输管线"]), Sector::Energy);
        assert_eq!(sector(&["专栏 23 水安全网建设重点工程", "城市防洪能力建设"]), Sector::Water);
        assert_eq!(sector(&["专栏 21 城市交通基础设施建设", "株洲火车站枢纽中心"]), Sector::Transport);
    }

    #[test]
    fn then_the_work() {
        assert_eq!(sector(&["专栏 24 湘赣边区域合作十大重点工程", "现代农业发展示范工程"]), Sector::Agriculture);
        assert_eq!(sector(&["第三节 加强项目", "渌口龙门核电"]), Sector::Energy);
        assert_eq!(sector(&["x", "y"]), Sector::Other);
    }
}
