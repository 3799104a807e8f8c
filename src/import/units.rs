//! Unit names: the provinces and cities whose police form the clusters, the
//! "Công an tỉnh" prefixes, and lists of units written in a sentence.

use super::text::{clean_value, fold};
use unicode_normalization::UnicodeNormalization;

/// Provinces and centrally-run cities, with the spellings seen in articles.
const PROVINCES: &[&str] = &[
    "An Giang",
    "Bà Rịa - Vũng Tàu",
    "Bạc Liêu",
    "Bắc Giang",
    "Bắc Kạn",
    "Bắc Cạn",
    "Bắc Ninh",
    "Bến Tre",
    "Bình Dương",
    "Bình Định",
    "Bình Phước",
    "Bình Thuận",
    "Cà Mau",
    "Cao Bằng",
    "Cần Thơ",
    "Đà Nẵng",
    "Đắk Lắk",
    "Đắc Lắc",
    "Đắk Nông",
    "Điện Biên",
    "Đồng Nai",
    "Đồng Tháp",
    "Gia Lai",
    "Hà Giang",
    "Hà Nam",
    "Hà Nội",
    "Hà Tĩnh",
    "Hải Dương",
    "Hải Phòng",
    "Hậu Giang",
    "Hòa Bình",
    "Hoà Bình",
    "Hồ Chí Minh",
    "Huế",
    "Hưng Yên",
    "Khánh Hòa",
    "Khánh Hoà",
    "Kiên Giang",
    "Kon Tum",
    "Lai Châu",
    "Lâm Đồng",
    "Lạng Sơn",
    "Lào Cai",
    "Long An",
    "Nam Định",
    "Nghệ An",
    "Ninh Bình",
    "Ninh Thuận",
    "Phú Thọ",
    "Phú Yên",
    "Quảng Bình",
    "Quảng Nam",
    "Quảng Ngãi",
    "Quảng Ninh",
    "Quảng Trị",
    "Sóc Trăng",
    "Sơn La",
    "Tây Ninh",
    "Thái Bình",
    "Thái Nguyên",
    "Thanh Hóa",
    "Thanh Hoá",
    "Thừa Thiên Huế",
    "Thừa Thiên - Huế",
    "TT Huế",
    "Tiền Giang",
    "Trà Vinh",
    "Tuyên Quang",
    "Vĩnh Long",
    "Vĩnh Phúc",
    "Yên Bái",
];

/// First words that never start a unit name: authorities, ranks, titles.
const NOT_A_UNIT: &[&str] = &[
    "bộ",
    "chính",
    "thủ",
    "ubnd",
    "hđnd",
    "ủy",
    "uỷ",
    "chủ",
    "cụm",
    "phó",
    "hội",
    "đại",
    "thượng",
    "thiếu",
    "trung",
    "ban",
    "giám",
    "cục",
    "công",
    "tỉnh",
    "thành",
    "nhà",
    "đảng",
    "quốc",
    "tổng",
    "phòng",
    "sở",
    "trường",
    "viện",
    "lãnh",
    "văn",
    "tttxvn",
    "ttxvn",
    "cand",
    "đồng chí",
];

fn key(s: &str) -> String {
    let nfc: String = s.nfc().collect();
    fold(&nfc)
        .replace(['–', '—'], "-")
        .replace(" - ", "-")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `name` is a province or centrally-run city.
pub(crate) fn is_province(name: &str) -> bool {
    let k = key(name);
    PROVINCES.iter().any(|p| key(p) == k)
}

/// Removes a leading "Công an tỉnh", "Công an thành phố", "Công an TP",
/// "Công an", "tỉnh", "thành phố" or "TP". Returns the rest and whether a
/// prefix naming a province or city was there.
pub(crate) fn strip_prefix(s: &str) -> (&str, bool) {
    let f = fold(s);
    let mut rest = 0;
    let mut prefixed = false;
    for p in [
        "công an thành phố ",
        "công an tỉnh ",
        "công an tp. ",
        "công an tp ",
        "công an ",
    ] {
        if f.starts_with(p) {
            rest = p.len();
            prefixed = true;
            break;
        }
    }
    for p in ["thành phố ", "tỉnh ", "tp. ", "tp "] {
        if f[rest..].starts_with(p) {
            rest += p.len();
            prefixed = true;
            break;
        }
    }
    (&s[rest..], prefixed)
}

fn starts_upper(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

const EDGE_PUNCT: &[char] = &[
    ',', '.', ';', ':', ')', '(', '"', '“', '”', '/', '!', '?', '|',
];

/// The leading words of `s` that start with a capital letter (dashes may
/// join them, as in "Bà Rịa - Vũng Tàu"). Returns the run and whether the
/// whole of `s` was used.
fn capitalized_run(s: &str) -> (String, bool) {
    let mut words: Vec<&str> = Vec::new();
    let mut whole = true;
    for w in s.split_whitespace() {
        if matches!(w, "-" | "–") {
            words.push("-");
            continue;
        }
        let core = w.trim_end_matches(EDGE_PUNCT);
        if !starts_upper(core) {
            whole = false;
            break;
        }
        words.push(core);
        if core.len() != w.len() {
            // punctuation ends the name ("Sơn La." or "Sơn La)")
            whole = false;
            break;
        }
    }
    while words.last() == Some(&"-") {
        words.pop();
        whole = false;
    }
    (words.join(" "), whole)
}

/// A unit name read from the start of `raw`. `trusted` says the context
/// already told that units are listed ("các tỉnh:", "Công an 6 tỉnh:").
/// Returns the clean name and whether the name used the whole of `raw`.
pub(crate) fn unit_name(raw: &str, trusted: bool) -> Option<(String, bool)> {
    let raw = raw.trim().trim_start_matches(EDGE_PUNCT).trim();
    let (rest, prefixed) = strip_prefix(raw);
    let (run, whole) = capitalized_run(rest);
    if run.is_empty() {
        return None;
    }
    let trailing_only_punct = rest
        .trim()
        .strip_prefix(run.as_str())
        .is_some_and(|t| t.trim_matches(EDGE_PUNCT).trim().is_empty());
    let whole = whole || trailing_only_punct;
    if is_province(&run) {
        return Some((clean_value(&run), whole));
    }
    let first = fold(run.split_whitespace().next().unwrap_or(""));
    let folded_run = fold(&run);
    if run.split_whitespace().count() > 5
        || NOT_A_UNIT
            .iter()
            .any(|b| first == *b || folded_run.starts_with(&format!("{b} ")))
    {
        return None;
    }
    (prefixed || trusted).then(|| (clean_value(&run), whole))
}

/// The unit named at the very end of `text` ("… tại Sơn La",
/// "… Công an tỉnh Sơn La").
pub(crate) fn trailing_unit(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut start = words.len();
    while start > 0 {
        let w = words[start - 1];
        if starts_upper(w) || matches!(w, "-" | "–") {
            start -= 1;
        } else {
            break;
        }
    }
    if start == words.len() {
        return None;
    }
    let run = words[start..].join(" ");
    let before = fold(&words[..start].join(" "));
    let prefixed = ["công an", "tỉnh", "thành phố", "tp", "tp."]
        .iter()
        .any(|p| before.ends_with(&format!(" {p}")) || before == *p);
    unit_name(&run, prefixed).map(|(name, _)| name)
}

/// A list of units as written after "gồm", "cho" or a colon.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct UnitList {
    pub names: Vec<String>,
    /// The count the text announced ("Công an 3 tỉnh:"), if any.
    pub count: Option<usize>,
}

/// Reads "Công an các tỉnh: A, B và C", "Công an 3 tỉnh: A; B, C",
/// "Công an tỉnh A", "các tỉnh A, B" from the start of `text`, stopping at
/// the first item that is not a unit or where the name is followed by other
/// words. `trusted` as in [`unit_name`].
pub(crate) fn parse_unit_list(text: &str, trusted: bool) -> UnitList {
    let mut t = text.trim_start_matches([':', ' ']);
    let mut trusted = trusted;
    let mut count = None;
    let f = fold(t);
    let lead = ["công an ", ""].iter().find_map(|ca| {
        if !f.starts_with(ca) {
            return None;
        }
        let after = &f[ca.len()..];
        for kw in [
            "các tỉnh, thành phố",
            "các tỉnh, thành",
            "các tỉnh",
            "các đơn vị",
            "các địa phương",
        ] {
            if after.starts_with(kw) {
                return Some((ca.len() + kw.len(), None));
            }
        }
        let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
        if !digits.is_empty() {
            let rest = &after[digits.len()..];
            for kw in [" tỉnh, thành phố", " tỉnh, thành", " tỉnh", " đơn vị"] {
                if rest.starts_with(kw) {
                    return Some((ca.len() + digits.len() + kw.len(), digits.parse().ok()));
                }
            }
        }
        None
    });
    if let Some((skip, n)) = lead {
        t = t[skip..].trim_start_matches([':', ' ']);
        trusted = true;
        count = n;
    }
    let mut names = Vec::new();
    'outer: for chunk in t.split([',', ';']) {
        for item in chunk.split(" và ") {
            if item.trim().is_empty() {
                continue;
            }
            let Some((name, whole)) = unit_name(item, trusted) else {
                break 'outer;
            };
            names.push(name);
            if !whole || count.is_some_and(|n| names.len() >= n) {
                break 'outer;
            }
        }
    }
    UnitList { names, count }
}
