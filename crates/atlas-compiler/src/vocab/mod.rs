//! The compiler's vocabulary, in one reviewed place: every closed list of words a rule reads, one
//! file per stage, each list documented. Each is general Chinese planning vocabulary, none taken
//! from one plan; the tests of the stages that read them use sentences in the shapes several texts
//! print.
//!
//! - [`header`]: header words of indicator tables (`table/header.rs` reads them);
//! - [`works`]: lead-in verbs, trailing words and head nouns of works (`projects/works.rs`);
//! - [`sectors`]: sector words of projects (`projects/sector.rs`);
//! - [`layout`]: layout roles, their endings, phrase roles and zone words (`layouts/`).

pub mod header;
pub mod layout;
pub mod sectors;
pub mod works;
