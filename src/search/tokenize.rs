//! Words of Vietnamese text for the search index: syllables, numbers and
//! abbreviations, each with its folded form (case, tones and diacritics
//! removed, đ → d) and its position.
//!
//! A word is a run of letters and digits. Parts joined by `.` or `,` with no
//! space ("2.847", "TP.HCM") are words of their own and, joined, one more word
//! at the first part's position ("2847", "tphcm"), so both spellings find it.
//! Other joiners ("25/11/2023", "COVID-19") only separate words, which stand at
//! consecutive positions: the query side searches them as a phrase.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// One word of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    /// The word as written.
    pub word: &'a str,
    /// Its position among the words of the text (a joined form shares the
    /// position of its first part).
    pub pos: u32,
    /// Whether this is the joined form of several parts.
    pub joined: bool,
}

/// Letters, digits and combining marks; the Latin letters of Vietnamese text
/// without a table look-up.
#[inline]
pub fn is_word_char(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphanumeric(),
        0xD7 | 0xF7 => false,
        0xC0..=0x24F | 0x1E00..=0x1EFF | 0x300..=0x36F => true,
        _ => c.is_alphanumeric() || is_combining_mark(c),
    }
}

/// Calls `each` for every word of `text`, positions counted from `start`;
/// returns the position after the last word.
pub fn tokens<'a>(text: &'a str, start: u32, each: &mut dyn FnMut(Token<'a>)) -> u32 {
    let mut pos = start;
    let bytes = text.as_bytes();
    // The current group of parts joined by '.' or ',': where it started, its
    // first position and how many parts it has.
    let mut group: Option<(usize, u32, u32)> = None;
    let mut group_end = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((begin, c)) = chars.next() {
        if !is_word_char(c) {
            continue;
        }
        let mut end = begin + c.len_utf8();
        while let Some(&(i, c)) = chars.peek() {
            if !is_word_char(c) {
                break;
            }
            end = i + c.len_utf8();
            chars.next();
        }
        let word = &text[begin..end];
        // Does this part continue the group of the part before?
        let continues =
            group.is_some() && group_end + 1 == begin && matches!(bytes[group_end], b'.' | b',');
        if !continues {
            flush(text, &mut group, group_end, each);
            group = Some((begin, pos, 0));
        }
        if let Some(g) = group.as_mut() {
            g.2 += 1;
        }
        group_end = end;
        each(Token {
            word,
            pos,
            joined: false,
        });
        pos += 1;
    }
    flush(text, &mut group, group_end, each);
    pos
}

/// Emits the joined form of a group of two parts or more.
fn flush<'a>(
    text: &'a str,
    group: &mut Option<(usize, u32, u32)>,
    end: usize,
    each: &mut dyn FnMut(Token<'a>),
) {
    if let Some((begin, pos, parts)) = group.take() {
        if parts >= 2 {
            each(Token {
                word: &text[begin..end],
                pos,
                joined: true,
            });
        }
    }
}

/// Appends the folded form of `word` to `out`: lower case, no diacritics, đ → d,
/// and only letters and digits (the joiners of a joined form are dropped).
pub fn fold_into(word: &str, out: &mut String) {
    for c in word.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            }
            continue;
        }
        match c {
            'đ' | 'Đ' => out.push('d'),
            _ => decompose_canonical(c, |d| {
                if !is_combining_mark(d) && d.is_alphanumeric() {
                    out.extend(d.to_lowercase());
                }
            }),
        }
    }
}

/// The folded form of `word`.
pub fn fold(word: &str) -> String {
    let mut s = String::with_capacity(word.len());
    fold_into(word, &mut s);
    s
}

/// Appends the form of `word` an exact match compares: lower case, with its
/// diacritics, without joiners.
pub fn lower_into(word: &str, out: &mut String) {
    for c in word.chars() {
        match c as u32 {
            0..=0x7F if c.is_ascii_alphanumeric() => out.push(c.to_ascii_lowercase()),
            0..=0x7F => {}
            // Latin-1 capitals (not ×), and the Vietnamese block, where a
            // capital is even and its small letter follows it.
            0xC0..=0xDE if c != '\u{D7}' => out.push(shift(c, 0x20)),
            0xDF..=0xFF => out.push(c),
            0x1EA0..=0x1EFF => out.push(if (c as u32).is_multiple_of(2) {
                shift(c, 1)
            } else {
                c
            }),
            _ if is_word_char(c) => out.extend(c.to_lowercase()),
            _ => {}
        }
    }
}

fn shift(c: char, by: u32) -> char {
    char::from_u32(c as u32 + by).unwrap_or(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(String, u32, bool)> {
        let mut out = Vec::new();
        tokens(text, 0, &mut |t| {
            out.push((t.word.to_string(), t.pos, t.joined))
        });
        out
    }

    fn folded(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        tokens(text, 0, &mut |t| out.push(fold(t.word)));
        out
    }

    #[test]
    fn folding_drops_case_tones_and_diacritics() {
        assert_eq!(fold("LẠNG"), "lang");
        assert_eq!(fold("Sơn"), "son");
        assert_eq!(fold("Điện"), "dien");
        assert_eq!(fold("đồng"), "dong");
        assert_eq!(fold("Thừa"), "thua");
        assert_eq!(fold("Huế"), "hue");
        assert_eq!(fold("ƯU"), "uu");
        // Decomposed input folds the same as composed.
        assert_eq!(fold("Le\u{0323}\u{0302}"), "le");
        assert_eq!(fold("TP.HCM"), "tphcm");
    }

    #[test]
    fn folding_agrees_with_the_site_fold() {
        for s in [
            "Lạng Sơn",
            "Đắk Lắk",
            "Thừa Thiên Huế",
            "Bà Rịa - Vũng Tàu",
            "CBCS",
        ] {
            let mine: Vec<String> = folded(s);
            assert_eq!(mine.join(" "), crate::text::fold(s), "{s}");
        }
    }

    #[test]
    fn lower_keeps_diacritics() {
        let mut s = String::new();
        lower_into("LẠNG", &mut s);
        assert_eq!(s, "lạng");
        // The fast paths agree with to_lowercase on every letter they take.
        for c in (0xC0..=0xFFu32)
            .chain(0x1EA0..=0x1EFF)
            .filter_map(char::from_u32)
        {
            if !is_word_char(c) {
                continue;
            }
            let mut fast = String::new();
            lower_into(&c.to_string(), &mut fast);
            assert_eq!(fast, c.to_lowercase().to_string(), "{c} U+{:X}", c as u32);
        }
    }

    #[test]
    fn word_chars_agree_with_the_unicode_tables() {
        for c in (0..0x2000u32).filter_map(char::from_u32) {
            assert_eq!(
                is_word_char(c),
                c.is_alphanumeric() || is_combining_mark(c),
                "U+{:X}",
                c as u32
            );
        }
    }

    #[test]
    fn syllables_are_words() {
        assert_eq!(
            folded("Công an tỉnh Lạng Sơn tổng kết công tác năm"),
            ["cong", "an", "tinh", "lang", "son", "tong", "ket", "cong", "tac", "nam"]
        );
        let w = words("Cụm thi đua, số 2");
        assert_eq!(
            w,
            [
                ("Cụm".to_string(), 0, false),
                ("thi".to_string(), 1, false),
                ("đua".to_string(), 2, false),
                ("số".to_string(), 3, false),
                ("2".to_string(), 4, false),
            ]
        );
    }

    #[test]
    fn a_grouped_number_is_its_parts_and_the_whole() {
        assert_eq!(
            words("khen 2.847 cá nhân"),
            [
                ("khen".to_string(), 0, false),
                ("2".to_string(), 1, false),
                ("847".to_string(), 2, false),
                ("2.847".to_string(), 1, true),
                ("cá".to_string(), 3, false),
                ("nhân".to_string(), 4, false),
            ]
        );
        assert!(folded("1.234.567").contains(&"1234567".to_string()));
    }

    #[test]
    fn a_date_is_consecutive_numbers() {
        assert_eq!(
            words("ngày 25/11/2023."),
            [
                ("ngày".to_string(), 0, false),
                ("25".to_string(), 1, false),
                ("11".to_string(), 2, false),
                ("2023".to_string(), 3, false),
            ]
        );
    }

    #[test]
    fn abbreviations() {
        assert_eq!(folded("CBCS"), ["cbcs"]);
        assert_eq!(folded("TP.HCM"), ["tp", "hcm", "tphcm"]);
        // A sentence's full stop followed by a space joins nothing.
        assert_eq!(folded("Huế. Đà Nẵng"), ["hue", "da", "nang"]);
        // A comma between words with a space joins nothing either.
        assert_eq!(folded("1, 2"), ["1", "2"]);
    }

    #[test]
    fn positions_continue_from_start() {
        let mut last = 0;
        let next = tokens("a b", 10, &mut |t| last = t.pos);
        assert_eq!((last, next), (11, 12));
    }
}
