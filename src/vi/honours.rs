//! The status of an honour: proposed (suy tôn, đề nghị) or conferred
//! (tặng, trao, được nhận). Titles are in the register of
//! `validate::honours`.

use crate::model::HonourStatus;

/// Words before an honour's verb that make it a proposal, lower case.
pub const PROPOSING: [&str; 3] = ["suy tôn", "đề nghị", "đề xuất"];

/// Words of an honour's own clause that say it was given, lower case.
pub const CONFERRING: [&str; 4] = ["được", "nhận", "trao", "tặng thưởng"];

/// An honour's `status:` as written in front matter (English or Vietnamese,
/// with or without diacritics).
pub fn parse_status(written: &str) -> Option<HonourStatus> {
    match crate::text::fold(written).as_str() {
        "proposed" | "de nghi" | "suy ton" | "de xuat" => Some(HonourStatus::Proposed),
        "conferred" | "received" | "awarded" | "tang" | "trao" | "trao tang" | "tang thuong"
        | "duoc tang" | "duoc trao" | "duoc nhan" | "nhan" => Some(HonourStatus::Conferred),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_status_words_of_articles_are_read_in_front_matter_too() {
        for w in PROPOSING {
            assert_eq!(parse_status(w), Some(HonourStatus::Proposed), "{w}");
        }
        for w in ["được tặng", "được nhận", "trao", "tặng thưởng"] {
            assert_eq!(parse_status(w), Some(HonourStatus::Conferred), "{w}");
        }
        assert_eq!(parse_status("xét"), None);
    }
}
