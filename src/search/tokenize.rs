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

/// The char at byte `i` of `text` (a char boundary) and its length in
/// bytes, decoded here: the tokenizer's inner loop, where `str::chars` with
/// its slicing costs more than the rest.
#[inline(always)]
fn char_at(text: &str, i: usize) -> (char, usize) {
    let bytes = text.as_bytes();
    let at = |k: usize| u32::from(bytes.get(i + k).copied().unwrap_or(0x80) & 0x3F);
    let b0 = u32::from(bytes[i]);
    let (cp, len) = if b0 < 0x80 {
        (b0, 1)
    } else if b0 < 0xE0 {
        (((b0 & 0x1F) << 6) | at(1), 2)
    } else if b0 < 0xF0 {
        (((b0 & 0x0F) << 12) | (at(1) << 6) | at(2), 3)
    } else {
        (
            ((b0 & 0x07) << 18) | (at(1) << 12) | (at(2) << 6) | at(3),
            4,
        )
    };
    (char::from_u32(cp).unwrap_or('\u{FFFD}'), len)
}

/// Whether the char at byte `i` of `text` is a word char, and its length.
/// The letters of Vietnamese text are told by their first bytes, without
/// decoding the char: Latin-1 (`C3`, but × and ÷), Latin Extended-A and -B
/// and the IPA letters (`C4`–`C9`), the combining marks U+0300–U+036F
/// (`CC`, `CD 80`–`CD AF`) and Latin Extended Additional (`E1 B8`–`E1 BB`).
#[inline(always)]
fn word_char_at(text: &str, i: usize) -> (bool, usize) {
    let bytes = text.as_bytes();
    let b = bytes[i];
    if b < 0x80 {
        return (b.is_ascii_alphanumeric(), 1);
    }
    let next = bytes.get(i + 1).copied().unwrap_or(0);
    match b {
        0xC4..=0xC9 | 0xCC => (true, 2),
        0xC3 => (next != 0x97 && next != 0xB7, 2),
        0xCD if next < 0xB0 => (true, 2),
        0xE1 if (0xB8..=0xBB).contains(&next) => (true, 3),
        _ => {
            let (c, len) = char_at(text, i);
            (is_word_char(c), len)
        }
    }
}

/// Calls `each` for every word of `text`, positions counted from `start`;
/// returns the position after the last word.
pub fn tokens<'a>(text: &'a str, start: u32, each: &mut impl FnMut(Token<'a>)) -> u32 {
    let mut pos = start;
    let bytes = text.as_bytes();
    // The current group of parts joined by '.' or ',': where it started, its
    // first position and how many parts it has.
    let mut group: Option<(usize, u32, u32)> = None;
    let mut group_end = 0;
    let mut i = 0;
    while i < bytes.len() {
        let (is_word, len) = word_char_at(text, i);
        if !is_word {
            i += len;
            continue;
        }
        let begin = i;
        i += len;
        while i < bytes.len() {
            let (is_word, len) = word_char_at(text, i);
            if !is_word {
                break;
            }
            i += len;
        }
        let end = i;
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
    each: &mut impl FnMut(Token<'a>),
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
    let mut bytes = Vec::with_capacity(word.len());
    lower_bytes(word, &mut bytes);
    // `lower_bytes` writes whole chars only.
    out.push_str(&String::from_utf8_lossy(&bytes));
}

/// [`lower_into`] as UTF-8 bytes, which it always appends whole: the
/// letters of Vietnamese text are lowered by their bytes, without decoding
/// them into chars and encoding them again.
pub fn lower_bytes(word: &str, out: &mut Vec<u8>) {
    let b = word.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let b0 = b[i];
        if b0 < 0x80 {
            if b0.is_ascii_alphanumeric() {
                out.push(b0.to_ascii_lowercase());
            }
            i += 1;
            continue;
        }
        let (c, len) = char_at(word, i);
        let same = &b[i..i + len];
        i += len;
        match c as u32 {
            // Latin-1 capitals (not ×): C3 80..9E, the small letter 0x20 on.
            0xC0..=0xDE if c != '\u{D7}' => out.extend_from_slice(&[same[0], same[1] + 0x20]),
            0xDF..=0xFF if c != '\u{F7}' => out.extend_from_slice(same),
            // The Vietnamese block, where a capital is even and its small
            // letter follows it (the last byte, even, is at most BE).
            0x1EA0..=0x1EFF if (c as u32).is_multiple_of(2) => {
                out.extend_from_slice(&[same[0], same[1], same[2] + 1]);
            }
            0x1EA0..=0x1EFF => out.extend_from_slice(same),
            // Ă Đ Ĩ Ũ Ơ Ư and their small letters.
            0x102 | 0x110 | 0x128 | 0x168 | 0x1A0 | 0x1AF => {
                push_char(out, shift(c, 1));
            }
            0x103 | 0x111 | 0x129 | 0x169 | 0x1A1 | 0x1B0 => out.extend_from_slice(same),
            _ if is_word_char(c) => {
                for l in c.to_lowercase() {
                    push_char(out, l);
                }
            }
            _ => {}
        }
    }
}

fn push_char(out: &mut Vec<u8>, c: char) {
    let mut buf = [0u8; 4];
    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
}

fn shift(c: char, by: u32) -> char {
    char::from_u32(c as u32 + by).unwrap_or(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowering_by_bytes_is_lowering_by_chars() {
        for cp in (0..0x2000).chain(0x1E00..0x1F00) {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let word = c.to_string();
            let mut got = Vec::new();
            lower_bytes(&word, &mut got);
            let want: String = if is_word_char(c) {
                c.to_lowercase().collect()
            } else {
                String::new()
            };
            assert_eq!(String::from_utf8_lossy(&got), want, "U+{cp:04X}");
        }
    }

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
    fn word_chars_by_their_bytes_are_word_chars() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let text = format!("{c}a");
            assert_eq!(
                word_char_at(&text, 0),
                (is_word_char(c), c.len_utf8()),
                "U+{:X}",
                c as u32
            );
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
