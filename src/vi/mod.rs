//! The Vietnamese rules, in one place: what a cluster number is, the
//! provinces and the prefixes of their police units, how counts, dates,
//! kinds of conference, honour statuses and the roles of a cluster are
//! written. Pure functions and data, no I/O, no diagnostics: validation
//! (`validate`) and the importer (`import`) both call these, so a rule
//! changed here changes for both.
//!
//! | module | rules |
//! | --- | --- |
//! | [`cluster`] | cluster numbers (Arabic or Roman) and their range |
//! | [`units`] | the provinces, their other spellings, the "Công an tỉnh" prefixes |
//! | [`counts`] | counts written the Vietnamese way (2.847), small counts in words |
//! | [`dates`] | a conference's day in a sentence ("Sáng 25/11", "ngày 4 tháng 1 năm 2022") |
//! | [`kinds`] | the words of each kind of conference |
//! | [`honours`] | the words an honour's title starts with, its givers, its status |
//! | [`roles`] | the words of Cụm trưởng and Cụm phó |
//!
//! Honour titles live in the register of `validate::honours` (built in and
//! per site), which both sides read.

pub mod cluster;
pub mod counts;
pub mod dates;
pub mod honours;
pub mod kinds;
pub mod roles;
pub mod units;

/// Lower-cases `s` character by character so that every byte offset is valid
/// in both strings: a character whose lower case has another UTF-8 length is
/// kept as it is. Keeps the diacritics (unlike [`crate::text::fold`]).
pub fn lower(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let mut lower = c.to_lowercase();
        match (lower.next(), lower.next()) {
            (Some(l), None) if l.len_utf8() == c.len_utf8() => out.push(l),
            _ => out.push(c),
        }
    }
    out
}

/// Byte offsets where `needle` (already lower-cased) stands as whole words
/// in the lower-cased text `hay`.
pub fn word_positions(hay: &str, needle: &str) -> Vec<usize> {
    let mut out = Vec::new();
    if needle.is_empty() {
        return out;
    }
    let mut from = 0;
    while let Some(i) = hay[from..].find(needle) {
        let at = from + i;
        let end = at + needle.len();
        let before_ok = hay[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after_ok = hay[end..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        if before_ok && after_ok {
            out.push(at);
        }
        from = at + needle.chars().next().map_or(1, char::len_utf8);
    }
    out
}
