//! Vietnamese text rules shared by every stage: NFC with one tone-mark placement,
//! folding for slugs and search, and number formatting.
//!
//! Everything here is pure: no I/O, no allocation beyond the returned string.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

const TONE_MARKS: [char; 5] = ['\u{0300}', '\u{0301}', '\u{0303}', '\u{0309}', '\u{0323}'];

/// Characters XML 1.0 forbids (and terminals act on): the C0 and C1 controls
/// but tab and line feed, and the non-characters U+FFFE and U+FFFF. Text pasted
/// from Word or PDF carries them; no output may.
pub fn is_forbidden(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n') || c == '\u{FFFE}' || c == '\u{FFFF}'
}

/// Whether `s` holds a character [`is_forbidden`] refuses. It runs over every
/// file and page and almost never finds one, so a branch-free pass (which the
/// compiler vectorizes) looks for the bytes that could start one first.
pub fn has_forbidden(s: &str) -> bool {
    let b = s.as_bytes();
    let suspect = b.iter().fold(false, |acc, &c| {
        acc | ((c < 0x20) & (c != b'\t') & (c != b'\n')) | (c == 0x7F) | (c == 0xC2) | (c == 0xEF)
    });
    suspect
        && (0..b.len()).any(|i| match b[i] {
            b'\t' | b'\n' => false,
            0x00..=0x1F | 0x7F => true,
            // U+0080..U+009F, the C1 controls.
            0xC2 => b.get(i + 1).is_some_and(|n| (0x80..=0x9F).contains(n)),
            // U+FFFE, U+FFFF.
            0xEF => b.get(i + 1) == Some(&0xBF) && matches!(b.get(i + 2), Some(0xBE | 0xBF)),
            _ => false,
        })
}

/// NFC-normalizes `s`, collapses runs of white space to one space, trims, and moves
/// tone marks of the open syllables -oa, -oe, -uy to one placement ("Hoà" → "Hòa",
/// "Thuý" → "Thúy"), so that both spellings of a name compare equal. Control
/// characters (see [`is_forbidden`]; a YAML escape such as `"\x1e"` makes them)
/// count as white space.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s
        .split(|c: char| c.is_whitespace() || is_forbidden(c))
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&normalize_word(word));
    }
    out
}

/// A letter of a decomposed word: its base and the combining marks that follow it.
struct Letter {
    base: char,
    marks: Vec<char>,
}

/// Vowels a, e, y carrying a tone: only a word ending in one of them can need
/// its tone moved.
const TONED_FINALS: &str = "àáảãạèéẻẽẹỳýỷỹỵÀÁẢÃẠÈÉẺẼẸỲÝỶỸỴ";

fn normalize_word(word: &str) -> String {
    // Fast path: most words are already NFC and cannot need a move.
    let nfc = unicode_normalization::is_nfc_quick(word.chars())
        == unicode_normalization::IsNormalized::Yes;
    if nfc
        && !word
            .chars()
            .last()
            .is_some_and(|c| TONED_FINALS.contains(c))
    {
        return word.to_string();
    }
    let mut letters: Vec<Letter> = Vec::new();
    for c in word.nfd() {
        match letters.last_mut() {
            Some(last) if is_combining_mark(c) => last.marks.push(c),
            _ => letters.push(Letter {
                base: c,
                marks: Vec::new(),
            }),
        }
    }
    move_tone_to_first_vowel(&mut letters);
    let decomposed: String = letters
        .iter()
        .flat_map(|l| std::iter::once(l.base).chain(l.marks.iter().copied()))
        .collect();
    decomposed.nfc().collect()
}

/// In a word ending in the bare vowel pairs oa, oe or uy (not after q), the tone
/// goes on the first vowel: the older placement, the one most official documents use.
fn move_tone_to_first_vowel(letters: &mut [Letter]) {
    let n = letters.len();
    if n < 2 {
        return;
    }
    let (first, second) = (&letters[n - 2], &letters[n - 1]);
    let bare = |l: &Letter| l.marks.iter().all(|m| TONE_MARKS.contains(m));
    if !bare(first) || !bare(second) {
        return;
    }
    let pair = (
        first.base.to_ascii_lowercase(),
        second.base.to_ascii_lowercase(),
    );
    let open_pair = matches!(pair, ('o', 'a') | ('o', 'e') | ('u', 'y'));
    let after_q = n >= 3 && letters[n - 3].base.eq_ignore_ascii_case(&'q');
    if !open_pair || (pair == ('u', 'y') && after_q) {
        return;
    }
    if let Some(pos) = letters[n - 1]
        .marks
        .iter()
        .position(|m| TONE_MARKS.contains(m))
    {
        let tone = letters[n - 1].marks.remove(pos);
        letters[n - 2].marks.push(tone);
    }
}

/// Removes every diacritic and maps đ/Đ (which have no decomposition) to d/D.
/// Case is kept: "Lạng Sơn" → "Lang Son", "Đông" → "Dong".
pub fn strip_diacritics(s: &str) -> String {
    s.nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            other => other,
        })
        .collect()
}

/// Lower-case, diacritic-free, single-spaced words: the form search and typo
/// detection compare ("LẠNG  SƠN" → "lang son").
pub fn fold(s: &str) -> String {
    let stripped = strip_diacritics(s).to_lowercase();
    let mut out = String::with_capacity(stripped.len());
    for word in stripped.split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The longest slug, in bytes: a slug is a folder name, and file systems refuse
/// names of more than 255 bytes (some paths add more folders around it).
pub const MAX_SLUG: usize = 80;

/// A URL-safe slug: folded ASCII letters and digits joined by single hyphens
/// ("Lạng Sơn" → "lang-son", "Cục An ninh đối ngoại" → "cuc-an-ninh-doi-ngoai").
///
/// Never empty and never longer than [`MAX_SLUG`], so it always names a folder
/// of its own: a name with letters outside the Latin script ("Москва X") ends
/// with a short hash of its folded form (else "Москва X" and "東京 X" would
/// share the page `x`), one with nothing to fold ("...", "—") is `x-` and a
/// hash, and a long one is cut and ends with a short hash of its whole fold,
/// so that two long names stay two pages while two spellings of one name
/// still share one.
pub fn slugify(s: &str) -> String {
    let (folded, lost_letters) = fold_slug(s);
    if lost_letters || folded.is_empty() {
        let key = fold(s);
        let hash = short_hash(if key.is_empty() { s } else { &key });
        let stem = if folded.is_empty() { "x" } else { &folded };
        let mut stem = stem[..stem.len().min(MAX_SLUG - hash.len() - 1)].to_string();
        while stem.ends_with('-') {
            stem.pop();
        }
        return format!("{stem}-{hash}");
    }
    if folded.len() <= MAX_SLUG {
        return folded;
    }
    let hash = short_hash(&folded);
    // ASCII only: any byte index is a char boundary.
    let mut cut = folded[..MAX_SLUG - hash.len() - 1].to_string();
    while cut.ends_with('-') {
        cut.pop();
    }
    format!("{cut}-{hash}")
}

/// Eight hex digits of the BLAKE3 hash of `s`: stable across builds and machines.
fn short_hash(s: &str) -> String {
    blake3::hash(s.as_bytes()).to_hex()[..8].to_string()
}

/// The folded slug before its guards (possibly empty, possibly long), and
/// whether letters or digits were lost on the way (another script's).
fn fold_slug(s: &str) -> (String, bool) {
    let mut out = String::with_capacity(s.len());
    let mut pending_dash = false;
    let mut lost = false;
    for c in strip_diacritics(s).chars() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            lost |= c.is_alphanumeric();
            pending_dash = true;
        }
    }
    (out, lost)
}

/// Formats an integer with a thousands separator: `group(2847, '.')` → "2.847".
pub fn group_thousands(n: u64, sep: char) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// Decodes %XX escapes in a link (a space written as %20).
pub fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Levenshtein distance over chars, for "did you mean" suggestions.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Whether `a` and `b` are at most `k` single edits apart: the same answer as
/// `edit_distance(a, b) <= k`, in time proportional to the length times `k`
/// (the distance of two long names is quadratic, and a corpus compares every
/// pair of its unit names).
pub fn within_edits(a: &str, b: &str, k: usize) -> bool {
    // What the two share at the start and at the end costs nothing: only the
    // middles (short, for names that are near) are compared, in chars.
    let prefix: usize = a
        .chars()
        .zip(b.chars())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix: usize = a
        .chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum();
    let (a, b) = (&a[..a.len() - suffix], &b[..b.len() - suffix]);
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > k {
        return false;
    }
    if a.is_empty() || b.is_empty() {
        return a.len().max(b.len()) <= k;
    }
    // Only cells within `k` of the diagonal can hold a distance ≤ k.
    let over = k + 1;
    let mut prev: Vec<usize> = (0..=b.len()).map(|j| j.min(over)).collect();
    let mut cur = vec![over; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        let row = i + 1;
        let lo = row.saturating_sub(k).max(1);
        let hi = (row + k).min(b.len());
        cur.fill(over);
        cur[0] = row.min(over);
        let mut best = cur[0];
        for j in lo..=hi {
            let cost = usize::from(*ca != b[j - 1]);
            let d = (prev[j - 1] + cost).min(prev[j] + 1).min(cur[j - 1] + 1);
            cur[j] = d.min(over);
            best = best.min(cur[j]);
        }
        if best > k {
            return false;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()] <= k
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_composes_decomposed_text_and_trims_spaces() {
        let decomposed = "  La\u{0323}ng   So\u{031B}n ";
        assert_eq!(normalize(decomposed), "Lạng Sơn");
        assert_eq!(normalize("Lạng\u{1e}Sơn\u{1}"), "Lạng Sơn");
    }

    #[test]
    fn normalize_unifies_old_and_new_tone_placement() {
        assert_eq!(normalize("Hoà Bình"), "Hòa Bình");
        assert_eq!(normalize("Hòa Bình"), "Hòa Bình");
        assert_eq!(normalize("Thuý"), "Thúy");
        assert_eq!(normalize("Thanh Hoá"), "Thanh Hóa");
        assert_eq!(normalize("khoẻ"), "khỏe");
    }

    #[test]
    fn normalize_leaves_qu_and_closed_syllables_alone() {
        assert_eq!(normalize("quý"), "quý");
        assert_eq!(normalize("Hoàng"), "Hoàng");
        assert_eq!(normalize("thuyết"), "thuyết");
        assert_eq!(normalize("ngoài"), "ngoài");
    }

    #[test]
    fn slugify_folds_diacritics_and_d_with_stroke() {
        assert_eq!(slugify("Lạng Sơn"), "lang-son");
        assert_eq!(slugify("Đông"), "dong");
        assert_eq!(slugify("Điện Biên"), "dien-bien");
        assert_eq!(slugify("Cục An ninh đối ngoại"), "cuc-an-ninh-doi-ngoai");
        assert_eq!(slugify("  TP.HCM -- 2 "), "tp-hcm-2");
        assert_eq!(slugify("../../etc"), "etc");
    }

    #[test]
    fn slugify_is_never_empty_nor_too_long() {
        for name in ["...", "—", "???", "…", "", "Москва"] {
            let slug = slugify(name);
            assert!(
                slug.starts_with("x-") && slug.len() == 10,
                "{name:?} → {slug}"
            );
        }
        assert_ne!(slugify("..."), slugify("???"));
        assert_ne!(slugify("Москва X"), slugify("東京 X"));
        assert!(slugify("Москва X").starts_with("x-"));
        assert_eq!(slugify("Москва"), slugify("МОСКВА"));
        let long = "Công an tỉnh Lạng Sơn ".repeat(13);
        let slug = slugify(&long);
        assert!(slug.len() <= MAX_SLUG, "{slug}");
        assert!(slug.starts_with("cong-an-tinh-lang-son-"), "{slug}");
        assert_eq!(slug, slugify(&long.to_uppercase()));
        assert_ne!(slug, slugify(&format!("{long} 2")));
    }

    #[test]
    fn fold_makes_search_keys() {
        assert_eq!(fold("LẠNG SƠN"), "lang son");
        assert_eq!(fold("Lang Sơn"), "lang son");
        assert_eq!(fold("Đại  hội, đường"), "dai hoi duong");
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(group_thousands(0, '.'), "0");
        assert_eq!(group_thousands(847, '.'), "847");
        assert_eq!(group_thousands(2847, '.'), "2.847");
        assert_eq!(group_thousands(250_000, '.'), "250.000");
        assert_eq!(group_thousands(1_234_567, ','), "1,234,567");
    }

    #[test]
    fn within_edits_agrees_with_the_distance() {
        let words = [
            "",
            "a",
            "ab",
            "ba",
            "lang son",
            "lang sn",
            "lan son",
            "kitten",
            "sitting",
            "dien bien",
            "dien bien phu",
            "son la",
            "la son",
            "xabcx",
            "xbcax",
            "abcdef",
            "azcdxf",
        ];
        for a in words {
            for b in words {
                for k in 0..4 {
                    assert_eq!(
                        within_edits(a, b, k),
                        edit_distance(a, b) <= k,
                        "{a:?} {b:?} {k}"
                    );
                }
            }
        }
        let long = "rất dài ".repeat(40);
        assert!(within_edits(
            &format!("Đơn vị 1 {long}"),
            &format!("Đơn vị 2 {long}"),
            1
        ));
        assert!(!within_edits(&format!("{long}x"), &format!("y{long}"), 1));
    }

    #[test]
    fn edit_distance_counts_single_edits() {
        assert_eq!(edit_distance("lang son", "lang son"), 0);
        assert_eq!(edit_distance("lang son", "lang sn"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn has_forbidden_reads_bytes_as_is_forbidden_reads_chars() {
        for s in [
            "Lạng Sơn",
            "a\tb\nc",
            "a\rb",
            "\u{1e}",
            "x\u{7f}",
            "\u{85}",
            "\u{a0}§",
            "\u{9f}",
            "\u{fffe}",
            "\u{ffff}",
            "\u{fffd}\u{feff}",
            "Điện Biên\u{1b}[0m",
            "",
        ] {
            assert_eq!(has_forbidden(s), s.chars().any(is_forbidden), "{s:?}");
        }
        // At every place of a text longer than one eight-byte word.
        for bad in ['\u{1e}', '\u{7f}', '\u{85}', '\u{ffff}', '\r'] {
            for at in 0..24 {
                let mut s: String = "Lạng Sơn và Cao Bằng\n".chars().cycle().take(24).collect();
                let i = s.char_indices().nth(at).map_or(s.len(), |(i, _)| i);
                s.insert(i, bad);
                assert!(has_forbidden(&s), "{s:?}");
                assert!(!has_forbidden(&s.replace(bad, "")), "{s:?}");
            }
        }
    }
}
