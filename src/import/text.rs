//! Text preparation: normalisation, case folding, number parsing and the
//! split of an article into headline, publication stamps and body sentences.

use unicode_normalization::UnicodeNormalization;

/// Lower-cases `s`, keeping every byte offset valid in both strings.
pub(crate) use crate::vi::lower as fold;
/// Byte offsets where a folded needle stands as whole words.
pub(crate) use crate::vi::word_positions;

/// Whether the folded text contains `needle` as whole words.
pub(crate) fn has_word(hay: &str, needle: &str) -> bool {
    !word_positions(hay, needle).is_empty()
}

/// NFC, no zero-width characters, one space between words, trimmed lines.
pub(crate) fn normalize(text: &str) -> String {
    let nfc: String = text
        .nfc()
        .filter(|c| !matches!(c, '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}'))
        .collect();
    nfc.lines()
        .map(|l| space_after_stops(&l.split_whitespace().collect::<Vec<_>>().join(" ")))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Puts back the space a full stop lost between two sentences ("Nông
/// Sơn.Theo" is "Nông Sơn. Theo"): a stop between a word of small letters
/// that is no abbreviation and a capital. "TP.HCM" and "Tp.HCM" stay.
fn space_after_stops(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len() + 8);
    let mut word_start = 0;
    for (k, &c) in chars.iter().enumerate() {
        out.push(c);
        let start = word_start;
        if !c.is_alphanumeric() {
            word_start = k + 1;
        }
        if c != '.' || k == 0 || k + 1 >= chars.len() {
            continue;
        }
        let word: String = chars[start..k].iter().collect();
        let next = chars[k + 1];
        let prev = chars[k - 1];
        if next.is_uppercase()
            && prev.is_lowercase()
            && word.chars().count() >= 2
            && !is_abbreviation(&word)
        {
            out.push(' ');
        }
    }
    out
}

/// NFC-normalises and trims a value taken from the article.
pub(crate) fn clean_value(s: &str) -> String {
    let nfc: String = s.nfc().collect();
    nfc.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Parses a count written the Vietnamese way: `2.847` is 2847.
pub(crate) use crate::vi::counts::parse as parse_count;

/// The count written as the word that ends right before byte `pos` of `s`
/// (a single space may separate them).
pub(crate) fn count_before(s: &str, pos: usize) -> Option<u64> {
    let head = s[..pos].strip_suffix(' ')?;
    let start = head.rfind(' ').map_or(0, |i| i + 1);
    parse_count(&head[start..])
}

/// A four-digit year written right after `năm ` at folded position `pos`.
pub(crate) fn year_at(folded: &str, pos: usize) -> Option<i32> {
    let rest = &folded[pos..];
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() != 4 {
        return None;
    }
    let y: i32 = digits.parse().ok()?;
    (1945..=2100).contains(&y).then_some(y)
}

/// Every year written as `năm YYYY` in the folded text, with its position.
pub(crate) fn years_in(folded: &str) -> Vec<(usize, i32)> {
    word_positions(folded, "năm")
        .into_iter()
        .filter_map(|p| {
            let after = p + "năm ".len();
            if folded.get(p + "năm".len()..after) != Some(" ") {
                return None;
            }
            year_at(folded, after).map(|y| (p, y))
        })
        .collect()
}

/// Shortens a sentence for a comment: at most `max` characters.
pub(crate) fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max).collect();
    format!("{}…", cut.trim_end())
}

/// A publication stamp found in the article's header: a `date 2022-11`
/// line or a `11:06 18/03/2024` time stamp.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stamp {
    pub year: i32,
    pub month: u32,
    pub day: Option<u32>,
}

/// One sentence of the article's body with its folded form.
#[derive(Debug, Clone)]
pub(crate) struct Sentence {
    pub text: String,
    pub folded: String,
}

impl Sentence {
    fn new(text: &str) -> Self {
        Sentence {
            text: text.to_string(),
            folded: fold(text),
        }
    }
}

/// The article, split into the parts the detectors look at. Related-article
/// headline lists, image captions, bylines and whatever follows the end of
/// the article (other news items, the copyright footer) are dropped.
#[derive(Debug, Clone, Default)]
pub(crate) struct Article {
    pub headline: Option<Sentence>,
    pub stamps: Vec<Stamp>,
    pub sentences: Vec<Sentence>,
}

fn ends_like_sentence(line: &str) -> bool {
    let trimmed = line.trim_end_matches(['”', '"', '’', ')']);
    trimmed.ends_with(['.', '…', '!', '?', ';', ':'])
}

fn is_headline_candidate(line: &str) -> bool {
    let f = fold(line);
    let topical = f.contains("thi đua")
        || f.contains("hội nghị")
        || crate::vi::kinds::KEYWORDS
            .iter()
            .any(|(k, _)| f.contains(k));
    topical && !ends_like_sentence(line) && line.chars().count() <= 250
}

fn is_end_marker(folded: &str) -> bool {
    [
        "©",
        "®",
        "tin liên quan",
        "bài liên quan",
        "xem thêm",
        "tin cùng chuyên mục",
        "bản quyền",
    ]
    .iter()
    .any(|m| folded.starts_with(m))
}

fn is_byline(line: &str) -> bool {
    let f = fold(line);
    let credit = [
        "tin, ảnh",
        "tin và ảnh",
        "tin - ảnh",
        "tin ảnh:",
        "bài, ảnh",
        "bài và ảnh",
        "tin:",
        "bài:",
        "ảnh:",
    ];
    if credit.iter().any(|c| f.starts_with(c)) && line.chars().count() <= 100 {
        return true;
    }
    if ends_like_sentence(line) {
        return false;
    }
    let words: Vec<&str> = line
        .split_whitespace()
        .map(|w| w.trim_matches(','))
        .filter(|w| !matches!(*w, "" | "-" | "–" | "—" | "và" | "&" | "/"))
        .collect();
    (1..=6).contains(&words.len())
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

fn is_image_line(line: &str) -> bool {
    let first = fold(line.split_whitespace().next().unwrap_or(""));
    [".jpg", ".jpeg", ".png", ".webp", ".gif"]
        .iter()
        .any(|e| first.ends_with(e))
}

fn is_caption(line: &str) -> bool {
    let f = fold(line);
    f.contains("(ảnh:") || f.contains("(ảnh ") || line.ends_with('|')
}

fn is_related_link(line: &str) -> bool {
    (line.starts_with("- ") || line.starts_with("• ") || line.starts_with("* "))
        && !ends_like_sentence(line)
}

/// `date 2022-11 rest of line` → the stamp and the rest.
fn date_line(line: &str) -> Option<(Stamp, &str)> {
    let rest = line.strip_prefix("date ")?;
    let b = rest.as_bytes();
    if b.len() < 7 || !b[..4].iter().all(u8::is_ascii_digit) || b[4] != b'-' {
        return None;
    }
    if !b[5..7].iter().all(u8::is_ascii_digit) || b.get(7).is_some_and(|c| *c != b' ') {
        return None;
    }
    let year: i32 = rest[..4].parse().ok()?;
    let month: u32 = rest[5..7].parse().ok()?;
    if !(1..=12).contains(&month) {
        return None;
    }
    let tail = rest.get(8..).unwrap_or("").trim();
    Some((
        Stamp {
            year,
            month,
            day: None,
        },
        tail,
    ))
}

fn parse_dmy(tok: &str) -> Option<Stamp> {
    let parts: Vec<&str> = tok.split('/').collect();
    if parts.len() != 3 || parts[2].len() != 4 {
        return None;
    }
    if !parts
        .iter()
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let day: u32 = parts[0].parse().ok()?;
    let month: u32 = parts[1].parse().ok()?;
    let year: i32 = parts[2].parse().ok()?;
    chrono::NaiveDate::from_ymd_opt(year, month, day)?;
    Some(Stamp {
        year,
        month,
        day: Some(day),
    })
}

fn is_time(tok: &str) -> bool {
    let Some((h, m)) = tok.split_once(':') else {
        return false;
    };
    (1..=2).contains(&h.len())
        && m.len() == 2
        && h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit())
}

/// A line that is only a publication time stamp such as `11:06 18/03/2024`.
fn stamp_line(line: &str) -> Option<Stamp> {
    let mut stamp = None;
    for tok in line.split_whitespace() {
        if is_time(tok) || matches!(tok, "|" | "-" | "," | "GMT+7" | "(GMT+7)") {
            continue;
        }
        match (parse_dmy(tok.trim_end_matches(',')), stamp) {
            (Some(s), None) => stamp = Some(s),
            _ => return None,
        }
    }
    stamp
}

fn is_abbreviation(before: &str) -> bool {
    let word = before.rsplit(' ').next().unwrap_or("");
    word.chars().count() <= 1
        || matches!(
            word,
            "TP" | "Tp" | "TS" | "ThS" | "PGS" | "GS" | "BS" | "TX" | "TT" | "St" | "Th"
        )
}

/// Splits a paragraph into sentences at `. `, `! `, `? ` followed by a
/// capital letter or an opening quote, not after an abbreviation.
pub(crate) fn split_sentences(par: &str) -> Vec<String> {
    let chars: Vec<(usize, char)> = par.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0;
    for k in 0..chars.len() {
        let (i, c) = chars[k];
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        if chars.get(k + 1).map(|x| x.1) != Some(' ') {
            continue;
        }
        let Some(&(_, next)) = chars.get(k + 2) else {
            continue;
        };
        if !(next.is_uppercase() || matches!(next, '“' | '"' | '‘')) {
            continue;
        }
        if c == '.' && is_abbreviation(&par[start..i]) {
            continue;
        }
        let end = i + c.len_utf8();
        let s = par[start..end].trim();
        if !s.is_empty() {
            out.push(s.to_string());
        }
        start = end;
    }
    let s = par[start..].trim();
    if !s.is_empty() {
        out.push(s.to_string());
    }
    out
}

impl Article {
    /// Splits a normalised article text (see [`normalize`]).
    pub(crate) fn parse(text: &str) -> Article {
        let mut art = Article::default();
        let mut body_started = false;
        let mut after_image = false;
        for raw in text.lines() {
            let mut line = raw.trim();
            if line.is_empty() {
                continue;
            }
            if let Some((stamp, rest)) = date_line(line) {
                art.stamps.push(stamp);
                line = rest;
                if line.is_empty() {
                    continue;
                }
            }
            if let Some(stamp) = stamp_line(line) {
                art.stamps.push(stamp);
                continue;
            }
            let folded = fold(line);
            if is_end_marker(&folded) {
                break;
            }
            if is_image_line(line) {
                after_image = true;
                continue;
            }
            if std::mem::take(&mut after_image) && line.chars().count() <= 200 {
                continue;
            }
            if is_caption(line) || is_related_link(line) {
                continue;
            }
            if !body_started {
                if art.headline.is_none() && is_headline_candidate(line) {
                    art.headline = Some(Sentence::new(line));
                    continue;
                }
                if !(ends_like_sentence(line) || line.chars().count() >= 160) {
                    // a section label or a place tag above the article
                    continue;
                }
                body_started = true;
            } else if is_byline(line) {
                break;
            }
            for s in split_sentences(line) {
                art.sentences.push(Sentence::new(&s));
            }
        }
        art
    }
}
