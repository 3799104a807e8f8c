//! Unit names: the provinces and cities whose police form the clusters, the
//! "Công an tỉnh" prefixes, and lists of units written in a sentence.

use super::text::{clean_value, fold};

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

/// Whether `name` is a province or centrally-run city.
pub(crate) fn is_province(name: &str) -> bool {
    crate::vi::units::is_province(name)
}

/// The province named at the start of `s`, however its words are cased
/// ("Lâm đồng"), in the list's spelling, with the text after it. The
/// longest name wins ("Thừa Thiên Huế" over "Huế").
pub(crate) fn province_at(s: &str) -> Option<(String, &str)> {
    let words: Vec<(usize, &str)> = s
        .split(' ')
        .scan(0, |at, w| {
            let start = *at;
            *at += w.len() + 1;
            Some((start, w))
        })
        .take(5)
        .collect();
    let mut best: Option<(String, usize)> = None;
    for n in 1..=words.len() {
        let (start, w) = words[n - 1];
        let core = w.trim_end_matches(EDGE_PUNCT);
        let end = start + core.len();
        if let Some(p) = crate::vi::units::province(&s[..end]) {
            best = Some((p.to_string(), end));
        }
        if core.len() != w.len() {
            break;
        }
    }
    let (name, end) = best?;
    // the first word must be written as a name
    s.chars()
        .next()
        .is_some_and(char::is_uppercase)
        .then(|| (name, &s[end..]))
}

/// Removes a leading "Công an tỉnh", "Công an thành phố", "Công an TP",
/// "Công an", "tỉnh", "thành phố" or "TP". Returns the rest and whether a
/// prefix naming a province or city was there.
pub(crate) fn strip_prefix(s: &str) -> (&str, bool) {
    let (rest, mut prefixed) = crate::vi::units::strip_police(s);
    let f = fold(rest);
    let mut at = 0;
    for p in ["thành phố ", "tỉnh ", "tp. ", "tp "] {
        if f.starts_with(p) {
            at = p.len();
            prefixed = true;
            break;
        }
    }
    (&rest[at..], prefixed)
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
        // "Quận 3", "Bảo Lâm 1": a number may follow a name's word
        let number = !words.is_empty()
            && (1..=3).contains(&core.len())
            && core.bytes().all(|b| b.is_ascii_digit());
        if !starts_upper(core) && !number {
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
    if let Some((name, after)) = province_at(rest) {
        let whole = after.trim_matches(EDGE_PUNCT).trim().is_empty();
        let clean_end = after.is_empty() || after.starts_with(EDGE_PUNCT) || after.starts_with(' ');
        let next = fold(after.trim_start().split(' ').next().unwrap_or(""));
        let next_is_name = after.trim_start().starts_with(char::is_uppercase)
            && !NOT_A_UNIT.contains(&next.trim_end_matches(EDGE_PUNCT));
        if clean_end && !next_is_name {
            return Some((name, whole));
        }
    }
    let (run, whole) = capitalized_run(rest);
    if run.is_empty() || crate::vi::units::is_cut_province(&run) {
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
        let number = start < words.len() || w.len() > 3;
        let number = !number && w.bytes().all(|b| b.is_ascii_digit()) && start > 1;
        if starts_upper(w) || matches!(w, "-" | "–") || number {
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
    let prefixed = [
        "công an",
        "tỉnh",
        "thành phố",
        "tp",
        "tp.",
        "công an quận",
        "công an huyện",
        "công an thị xã",
        "công an xã",
        "công an phường",
        "công an thị trấn",
    ]
    .iter()
    .any(|p| before.ends_with(&format!(" {p}")) || before == *p);
    unit_name(&run, prefixed).map(|(name, _)| name)
}

pub(crate) use crate::vi::counts::small_count;

/// A list of units as written after "gồm", "cho" or a colon.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct UnitList {
    pub names: Vec<String>,
    /// The count the text announced ("Công an 3 tỉnh:"), if any.
    pub count: Option<usize>,
    /// The list goes on past an item that is not a unit: it was not read
    /// whole.
    pub broken: bool,
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
        let (n, len) = small_count(after)?;
        let rest = &after[len..];
        for kw in [
            " tỉnh, thành phố",
            " tỉnh, thành",
            " tỉnh",
            " thành phố",
            " đơn vị",
            " quận",
            " huyện",
        ] {
            if rest.starts_with(kw) {
                return Some((ca.len() + len + kw.len(), Some(n)));
            }
        }
        None
    });
    if let Some((skip, n)) = lead {
        t = t[skip..].trim_start_matches([':', ' ']);
        trusted = true;
        count = n;
    }
    let t = without_asides(t);
    if let Some(list) = department_list(&t) {
        return UnitList {
            names: list,
            count,
            broken: false,
        };
    }
    let mut names = Vec::new();
    let mut broken = false;
    let items: Vec<&str> = t
        .split([',', ';'])
        .flat_map(|chunk| chunk.split(" và "))
        .filter(|i| !i.trim().is_empty())
        .collect();
    for (k, item) in items.iter().enumerate() {
        let Some((name, whole)) = unit_name(item, trusted) else {
            // a list that goes on after an item that is no unit ("Quận 1,
            // 3, 10, Tân Bình") is not read whole
            broken = !names.is_empty()
                && items[k + 1..]
                    .iter()
                    .any(|next| unit_name(next, trusted).is_some_and(|(_, w)| w));
            break;
        };
        names.push(name);
        if !whole || count.is_some_and(|n| names.len() >= n) {
            break;
        }
    }
    UnitList {
        names,
        count,
        broken,
    }
}

/// `text` without its parenthesised asides ("Bạc Liêu (Cụm trưởng), Hậu
/// Giang" reads as "Bạc Liêu, Hậu Giang"); an aside left open ends the text.
pub(crate) fn without_asides(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            ')' => break,
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(" ,", ",")
        .replace(" ;", ";")
        .replace(" .", ".")
}

/// The words that start the name of a ministry department, academy or
/// school: the units of the clusters of units under the Ministry.
const DEPARTMENT_HEADS: &[&str] = &[
    "cục",
    "tổng cục",
    "bộ tư lệnh",
    "bộ tham mưu",
    "văn phòng",
    "học viện",
    "trường",
    "viện",
    "bệnh viện",
    "trung tâm",
    "thanh tra bộ",
    "báo công an",
    "nhà xuất bản",
];

/// Whether `s` starts with the name of a department ("Cục An ninh …",
/// "Học viện CSND"): a head word, then a word written as a name.
pub(crate) fn is_department(s: &str) -> bool {
    let s = s.trim_start();
    let f = fold(s);
    DEPARTMENT_HEADS.iter().any(|h| {
        f.strip_prefix(h)
            .and_then(|r| r.strip_prefix(' '))
            .is_some_and(|_| {
                s[h.len() + 1..]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            })
    })
}

/// Lowercase words that end a department's name when it ends a list: the
/// sentence goes on with what the units did.
const LIST_ENDS: &[&str] = &[
    "vừa",
    "đã",
    "đang",
    "sẽ",
    "đều",
    "luôn",
    "cùng",
    "tổ chức",
    "tham dự",
    "phối hợp",
    "thống nhất",
    "ký",
    "tiến hành",
    "có",
    "được",
    "là",
    "trong",
    "tại",
    "năm",
    "nhằm",
    "với",
];

/// A list of departments: every item a department's name. A name may hold
/// commas and "và" ("Cục An ninh mạng và Phòng, chống tội phạm …"): a piece
/// that does not start a department goes on the name before it. `None` when
/// the list does not start with a department.
fn department_list(text: &str) -> Option<Vec<String>> {
    if !is_department(text) {
        return None;
    }
    let end = text.find(['.', ':', '!', '?']).unwrap_or(text.len());
    let text = &text[..end];
    let semicolons = text.contains(';');
    let seps: &[&str] = if semicolons {
        &["; ", " và "]
    } else {
        &[", ", "; ", " và "]
    };
    let mut names: Vec<String> = Vec::new();
    let mut rest = text;
    let mut before = "";
    while !rest.is_empty() {
        let (piece, sep, after) = seps
            .iter()
            .filter_map(|sp| rest.find(sp).map(|i| (i, *sp)))
            .min()
            .map_or((rest, "", ""), |(i, sp)| {
                (&rest[..i], sp, &rest[i + sp.len()..])
            });
        let piece = piece.trim();
        match names.last_mut() {
            Some(last) if !is_department(piece) => {
                // "Phòng, chống …" goes on the name before
                last.push_str(before);
                last.push_str(piece);
            }
            _ => names.push(piece.to_string()),
        }
        before = sep;
        rest = after;
    }
    // the last name ends where the sentence goes on
    if let Some(last) = names.last_mut() {
        let f = fold(last);
        let cut = LIST_ENDS
            .iter()
            .filter_map(|w| super::text::word_positions(&f, w).first().copied())
            .min();
        if let Some(c) = cut {
            last.truncate(c);
        }
        *last = last.trim().trim_end_matches([',', ';']).to_string();
    }
    let names: Vec<String> = names
        .into_iter()
        .map(|n| clean_value(&n))
        .filter(|n| !n.is_empty())
        .collect();
    names.iter().all(|n| is_department(n)).then_some(names)
}
