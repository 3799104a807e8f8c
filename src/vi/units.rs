//! Units: the provinces and centrally-run cities whose police form the
//! provincial clusters, their other spellings, and the prefixes that name
//! a police unit ("Công an tỉnh", "Công an TP.", "Công an huyện" …).

use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;

/// The provinces and centrally-run cities, one a line (see the file's
/// header).
const PROVINCES_FILE: &str = include_str!("../validate/provinces.txt");

/// Other spellings of a province seen in articles and write-ups, with the
/// name they stand for.
const SPELLINGS: [(&str, &str); 10] = [
    ("Bắc Cạn", "Bắc Kạn"),
    ("Đắc Lắc", "Đắk Lắk"),
    ("Đắk Lăk", "Đắk Lắk"),
    ("Hoà Bình", "Hòa Bình"),
    ("Khánh Hoà", "Khánh Hòa"),
    ("Thanh Hoá", "Thanh Hóa"),
    ("Thừa Thiên - Huế", "Thừa Thiên Huế"),
    ("TT Huế", "Thừa Thiên Huế"),
    ("Hồ Chí Minh", "Thành phố Hồ Chí Minh"),
    ("TP.HCM", "Thành phố Hồ Chí Minh"),
];

/// The provinces and centrally-run cities, NFC, in the file's order.
pub fn provinces() -> &'static [String] {
    static LIST: OnceLock<Vec<String>> = OnceLock::new();
    LIST.get_or_init(|| {
        PROVINCES_FILE
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| l.nfc().collect())
            .collect()
    })
}

/// The form names are compared in: NFC, lower case, one space, dashes
/// without spaces ("Bà Rịa-Vũng Tàu").
pub fn key(s: &str) -> String {
    let nfc: String = s.nfc().collect();
    super::lower(&nfc)
        .replace(['–', '—'], "-")
        .replace(" - ", "-")
        .replace("- ", "-")
        .replace(" -", "-")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The province `name` stands for, in the list's spelling: "Lâm đồng" is
/// "Lâm Đồng", "Hoà Bình" is "Hòa Bình". `None` for anything else.
pub fn province(name: &str) -> Option<&'static str> {
    let k = key(name);
    if k.is_empty() {
        return None;
    }
    provinces()
        .iter()
        .map(String::as_str)
        .find(|p| key(p) == k)
        .or_else(|| {
            SPELLINGS
                .iter()
                .find(|(s, _)| key(s) == k)
                .and_then(|(_, canon)| provinces().iter().map(String::as_str).find(|p| p == canon))
        })
}

/// Whether `name` is a province or centrally-run city (any spelling).
pub fn is_province(name: &str) -> bool {
    province(name).is_some()
}

/// Whether `name` is only the first words of a province's name ("Sóc" of
/// "Sóc Trăng"): a name cut short.
pub fn is_cut_province(name: &str) -> bool {
    let k = key(name);
    !k.is_empty()
        && !is_province(name)
        && provinces()
            .iter()
            .map(String::as_str)
            .chain(SPELLINGS.iter().map(|(s, _)| *s))
            .any(|p| key(p).strip_prefix(&k).is_some_and(|r| r.starts_with(' ')))
}

/// The prefixes of a police unit's name, longest first, lower case: what
/// [`strip_police`] removes.
pub const POLICE_PREFIXES: [&str; 12] = [
    "công an thành phố ",
    "công an tỉnh ",
    "công an tp. ",
    "công an tp.",
    "công an tp ",
    "công an quận ",
    "công an huyện ",
    "công an thị xã ",
    "công an thị trấn ",
    "công an phường ",
    "công an xã ",
    "công an ",
];

/// Removes a police unit's prefix: "Công an tỉnh Lạng Sơn" is "Lạng Sơn",
/// "Công an huyện Ba Vì" is "Ba Vì", "Công an Quận 3" is "Quận 3" (a
/// number is no name). Returns the rest and whether there was a prefix; a
/// prefix with nothing after it is no prefix.
pub fn strip_police(name: &str) -> (&str, bool) {
    let lower = super::lower(name);
    for p in POLICE_PREFIXES {
        if !lower.starts_with(p) {
            continue;
        }
        let mut at = p.len();
        // "Công an Quận 3", "Công an Phường 1": the ward's word stays
        if lower[at..].starts_with(|c: char| c.is_ascii_digit()) {
            at = "công an ".len();
        }
        let rest = name[at..].trim();
        if rest.is_empty() {
            return (name, false);
        }
        return (rest, true);
    }
    (name, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_and_its_other_spellings() {
        assert_eq!(provinces().len(), 64);
        assert_eq!(province("Lâm đồng"), Some("Lâm Đồng"));
        assert_eq!(province("Hoà Bình"), Some("Hòa Bình"));
        assert_eq!(province("Thừa Thiên - Huế"), Some("Thừa Thiên Huế"));
        assert_eq!(province("Bà Rịa-Vũng Tàu"), Some("Bà Rịa - Vũng Tàu"));
        assert_eq!(province("Hồ Chí Minh"), Some("Thành phố Hồ Chí Minh"));
        // look-alikes: a district, a name cut short
        assert_eq!(province("Ba Vì"), None);
        assert_eq!(province("Sóc"), None);
        assert!(is_cut_province("Sóc"));
        assert!(!is_cut_province("Sóc Trăng"));
        assert!(!is_cut_province("Ba Vì"));
    }

    #[test]
    fn police_prefixes() {
        assert_eq!(strip_police("Công an tỉnh Lạng Sơn"), ("Lạng Sơn", true));
        assert_eq!(strip_police("công an TP. Hải Phòng"), ("Hải Phòng", true));
        assert_eq!(strip_police("Công an TP.Cần Thơ"), ("Cần Thơ", true));
        assert_eq!(strip_police("Công an huyện Ba Vì"), ("Ba Vì", true));
        assert_eq!(strip_police("Công an Quận 3"), ("Quận 3", true));
        assert_eq!(strip_police("Công an Cao Bằng"), ("Cao Bằng", true));
        // look-alikes: no prefix, or nothing after it
        assert_eq!(strip_police("Cục An ninh"), ("Cục An ninh", false));
        assert_eq!(strip_police("Công an tỉnh "), ("Công an tỉnh ", false));
    }
}
