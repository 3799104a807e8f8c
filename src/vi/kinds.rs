//! The kinds of conference and the words articles and editors use for them.

use crate::model::Kind;

/// The words that name each kind in a sentence, lower case. One kind may
/// have several ("ký kết", "giao ước").
pub const KEYWORDS: [(&str, Kind); 7] = [
    ("tổng kết", Kind::Summary),
    ("sơ kết", Kind::Review),
    ("ký kết", Kind::Pledge),
    ("kí kết", Kind::Pledge),
    ("giao ước", Kind::Pledge),
    ("giao kết", Kind::Pledge),
    ("phát động", Kind::Launch),
];

/// A kind as written in front matter: its English name (`summary`) or its
/// Vietnamese one (`tổng kết`, `ký kết giao ước`, `khác` …), any case, with
/// or without diacritics.
pub fn parse(written: &str) -> Option<Kind> {
    let folded = crate::text::fold(written);
    Kind::ALL
        .into_iter()
        .find(|k| folded == k.as_str() || folded == k.vietnamese())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_in_both_languages() {
        assert_eq!(parse("summary"), Some(Kind::Summary));
        assert_eq!(parse("Tổng kết"), Some(Kind::Summary));
        assert_eq!(parse("ký kết giao ước"), Some(Kind::Pledge));
        assert_eq!(parse("khác"), Some(Kind::Other));
        assert_eq!(parse("hội nghị"), None);
    }

    #[test]
    fn every_kind_but_other_has_a_keyword() {
        for k in Kind::ALL {
            let has = KEYWORDS.iter().any(|(_, kind)| *kind == k);
            assert_eq!(has, k != Kind::Other, "{k:?}");
        }
    }
}
