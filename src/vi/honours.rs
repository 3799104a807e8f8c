//! Honours as articles write them: the words an honour's title starts with,
//! who gives it ("Bộ Công an tặng …"), and its status: proposed (suy tôn,
//! đề nghị) or conferred (tặng, trao, được nhận).
//!
//! The titles themselves, their levels and their other spellings are in
//! the register of `validate::honours` (src/validate/honours.yaml): the
//! importer composes a title from the words below ("Bằng khen" + "của" +
//! "Bộ Công an") and writes the register's name for it, so the titles it
//! writes are the ones `check` knows. A unit test walks [`GIVEN_BY`]
//! against the register.

use crate::model::HonourStatus;

/// The words an honour's title starts with (lower case), and how the
/// title starts when written. A bare "cờ" is the emulation flag.
pub const TITLE_WORDS: [(&str, &str); 9] = [
    ("cờ thi đua xuất sắc", "Cờ thi đua xuất sắc"),
    ("cờ thi đua", "Cờ thi đua"),
    ("bằng khen", "Bằng khen"),
    ("giấy khen", "Giấy khen"),
    ("huân chương", "Huân chương"),
    ("huy chương", "Huy chương"),
    ("kỷ niệm chương", "Kỷ niệm chương"),
    ("danh hiệu", "Danh hiệu"),
    ("cờ", "Cờ thi đua"),
];

/// Who gives an honour, as written before "tặng" (lower case), and the name
/// a title gives it after "của".
pub const GIVERS: [(&str, &str); 14] = [
    ("thủ tướng chính phủ", "Chính phủ"),
    ("chính phủ", "Chính phủ"),
    ("chủ tịch nước", "Chủ tịch nước"),
    ("nhà nước", "Nhà nước"),
    ("bộ trưởng bộ công an", "Bộ Công an"),
    ("bộ công an", "Bộ Công an"),
    ("chủ tịch ubnd tỉnh", "UBND tỉnh"),
    ("ubnd tỉnh", "UBND tỉnh"),
    ("ủy ban nhân dân tỉnh", "UBND tỉnh"),
    ("uỷ ban nhân dân tỉnh", "UBND tỉnh"),
    ("giám đốc công an tỉnh", "Công an tỉnh"),
    ("công an tỉnh", "Công an tỉnh"),
    ("giám đốc công an thành phố", "Công an thành phố"),
    ("công an thành phố", "Công an thành phố"),
];

/// The honours each giver of [`GIVERS`] gives under a bare title: "Bộ Công
/// an tặng Bằng khen" is "Bằng khen của Bộ Công an". A title the article
/// names further ("Huân chương Chiến công hạng Ba") is looked up as it is.
/// Every pair here composes a title of the register, and no other pair
/// does (a unit test of the importer checks both).
pub const GIVEN_BY: [(&str, &[&str]); 5] = [
    (
        "Chính phủ",
        &["Cờ thi đua xuất sắc", "Cờ thi đua", "Bằng khen"],
    ),
    (
        "Bộ Công an",
        &["Cờ thi đua xuất sắc", "Cờ thi đua", "Bằng khen"],
    ),
    (
        "UBND tỉnh",
        &["Cờ thi đua xuất sắc", "Cờ thi đua", "Bằng khen"],
    ),
    ("Công an tỉnh", &["Giấy khen"]),
    ("Công an thành phố", &["Giấy khen"]),
];

/// A title given by `giver` (a name of [`GIVERS`]): "Bằng khen của Bộ Công an".
pub fn with_giver(title: &str, giver: &str) -> String {
    format!("{title} của {giver}")
}

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
