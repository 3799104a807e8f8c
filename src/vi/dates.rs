//! Day-and-month dates written in a sentence: "Ngày 22/11", "Sáng 25/11",
//! "Sáng 4-1", "ngày 18/3/2024", "ngày 4 tháng 1 năm 2022".

use super::word_positions;

/// A day and month, with the year when the sentence gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayMonth {
    pub day: u32,
    pub month: u32,
    pub year: Option<i32>,
}

/// Words that introduce the day of an event.
const LEADS: [&str; 8] = [
    "ngày",
    "sáng",
    "chiều",
    "trưa",
    "tối",
    "hôm",
    "đêm",
    "rạng sáng",
];

fn take_digits(s: &str, max: usize) -> Option<(u32, &str)> {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 || n > max {
        return None;
    }
    Some((s[..n].parse().ok()?, &s[n..]))
}

fn valid(day: u32, month: u32) -> bool {
    (1..=31).contains(&day) && (1..=12).contains(&month)
}

/// `22/11`, `4-1`, `18/3/2024`, `4 tháng 1 năm 2022` at the start of `s`.
fn date_after_lead(s: &str) -> Option<DayMonth> {
    let (day, rest) = take_digits(s, 2)?;
    if let Some(r) = rest.strip_prefix(" tháng ") {
        let (month, r) = take_digits(r, 2)?;
        if r.starts_with(|c: char| c.is_ascii_digit()) || !valid(day, month) {
            return None;
        }
        let year = r
            .strip_prefix(" năm ")
            .and_then(|y| take_digits(y, 4))
            .filter(|(y, r)| *y >= 1000 && !r.starts_with(|c: char| c.is_ascii_digit()))
            .map(|(y, _)| y as i32);
        return Some(DayMonth { day, month, year });
    }
    let sep = rest.chars().next().filter(|c| matches!(c, '/' | '-'))?;
    let (month, rest) = take_digits(&rest[1..], 2)?;
    if !valid(day, month) {
        return None;
    }
    let mut year = None;
    if let Some(r) = rest.strip_prefix(sep) {
        let (y, r) = take_digits(r, 4)?;
        if y < 1000 || r.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '/' | '-')) {
            return None;
        }
        year = Some(y as i32);
    } else if rest.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '/' | '-')) {
        // a range such as "19-21/3" or something that is no date
        return None;
    }
    Some(DayMonth { day, month, year })
}

/// Documents whose own date follows their name ("Nghị quyết số 22-NQ/TW
/// ngày 15-3-2018"): that day is not an event's.
const DOCUMENTS: [&str; 10] = [
    "nghị quyết",
    "nghị định",
    "chỉ thị",
    "quyết định",
    "thông tư",
    "kế hoạch",
    "công văn",
    "hướng dẫn",
    "luật",
    "thông báo",
];

/// Whether the date lead at `p` dates a document named just before it.
fn dates_a_document(folded: &str, p: usize) -> bool {
    let before = folded[..p].trim_end();
    // "… số 22-NQ/TW ngày", "… số 05/CT-BCA ngày"
    let last = before.rsplit(' ').next().unwrap_or("");
    if last.contains('/') || (last.contains('-') && last.chars().any(|c| c.is_ascii_digit())) {
        return true;
    }
    let clause = &before[before.rfind([',', ';', '.', ':']).map_or(0, |i| i + 1)..];
    let words: Vec<&str> = clause.split_whitespace().rev().take(8).collect();
    let near: String = words.into_iter().rev().collect::<Vec<_>>().join(" ");
    DOCUMENTS
        .iter()
        .any(|d| !word_positions(&near, d).is_empty())
}

/// Every dated event in the folded sentence, in order.
pub fn find_dates(folded: &str) -> Vec<(usize, DayMonth)> {
    let mut out: Vec<(usize, DayMonth)> = Vec::new();
    for lead in LEADS {
        for p in word_positions(folded, lead) {
            if dates_a_document(folded, p) {
                continue;
            }
            let mut rest = &folded[p + lead.len()..];
            rest = rest.strip_prefix(' ').unwrap_or(rest);
            if let Some(r) = rest.strip_prefix("ngày ") {
                rest = r;
            }
            if let Some(dm) = date_after_lead(rest) {
                if !out.iter().any(|(q, _)| *q == p) {
                    out.push((p, dm));
                }
            }
        }
    }
    out.sort_by_key(|(p, _)| *p);
    // "sáng ngày 25/11" is found twice, once from each lead word
    out.dedup_by(|b, a| a.1 == b.1 && b.0 <= a.0 + 12);
    out
}
