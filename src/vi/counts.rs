//! Counts as Vietnamese writes them: a dot separates thousands ("2.847" is
//! 2847), a comma marks decimals; small counts of units may be words
//! ("năm tỉnh").

/// A count: digits, maybe in groups of three after a first group of one to
/// three ("2.847", "12.500", "56"). Anything else is no count, and so is a
/// number with a leading zero ("0912…" is a phone number; "0" is a count).
pub fn parse(tok: &str) -> Option<u64> {
    let groups: Vec<&str> = tok.split('.').collect();
    if groups
        .iter()
        .any(|g| g.is_empty() || !g.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let first = groups[0];
    if first.len() > 1 && first.starts_with('0') {
        return None;
    }
    if groups.len() > 1 && (first.len() > 3 || groups[1..].iter().any(|g| g.len() != 3)) {
        return None;
    }
    groups.concat().parse().ok()
}

/// Numbers of units written as words.
const NUMBER_WORDS: [(&str, usize); 12] = [
    ("hai", 2),
    ("ba", 3),
    ("bốn", 4),
    ("năm", 5),
    ("sáu", 6),
    ("bảy", 7),
    ("tám", 8),
    ("chín", 9),
    ("mười", 10),
    ("mười một", 11),
    ("mười hai", 12),
    ("mười ba", 13),
];

/// A small count of units at the start of the lower-cased `s`, followed by
/// a space: "6 ", "06 " (a count of units is written with a zero before it
/// too), "năm " (five). Returns the count and its length in bytes.
pub fn small_count(s: &str) -> Option<(usize, usize)> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=2).contains(&digits) {
        return s[digits..]
            .starts_with(' ')
            .then(|| s[..digits].parse().ok().map(|n| (n, digits)))
            .flatten();
    }
    if digits > 0 {
        return None;
    }
    NUMBER_WORDS
        .iter()
        .filter(|(w, _)| s.strip_prefix(w).is_some_and(|r| r.starts_with(' ')))
        .max_by_key(|(w, _)| w.len())
        .map(|(w, n)| (*n, w.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_with_thousands_dots() {
        assert_eq!(parse("2.847"), Some(2847));
        assert_eq!(parse("12.500.000"), Some(12_500_000));
        assert_eq!(parse("56"), Some(56));
        assert_eq!(parse("0"), Some(0));
        // look-alikes: a phone number, bad groups, decimals, words
        for s in ["0912", "2.84", "1234.567", "2,847", "", "2.", "hai"] {
            assert_eq!(parse(s), None, "{s}");
        }
    }

    #[test]
    fn small_counts_of_units() {
        assert_eq!(small_count("6 tỉnh"), Some((6, 1)));
        assert_eq!(small_count("06 tỉnh"), Some((6, 2)));
        assert_eq!(small_count("năm tỉnh"), Some((5, "năm".len())));
        assert_eq!(small_count("mười hai đơn vị"), Some((12, "mười hai".len())));
        // look-alikes: a year, a word that only starts like a number
        assert_eq!(small_count("2023 tỉnh"), None);
        assert_eq!(small_count("bao nhiêu"), None);
        assert_eq!(small_count("6tỉnh"), None);
    }
}
