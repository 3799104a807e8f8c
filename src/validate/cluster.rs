//! Cluster numbers: 2, "2", "II", "số 2", "Cụm thi đua số II" all mean cluster 2.

use crate::text;

/// Reads a cluster number from text; `None` when it is not one.
pub fn parse_text(s: &str) -> Option<u32> {
    let folded = text::fold(s);
    let mut rest = folded.as_str();
    for prefix in ["cum thi dua", "cum", "so"] {
        rest = rest.strip_prefix(prefix).unwrap_or(rest).trim_start();
    }
    let rest = rest.trim();
    if rest.is_empty() {
        return None;
    }
    let n = if rest.bytes().all(|b| b.is_ascii_digit()) {
        rest.parse().ok()?
    } else {
        roman(rest)?
    };
    (1..=999).contains(&n).then_some(n)
}

/// Parses a Roman numeral written canonically (II, IV, XII), any case.
fn roman(s: &str) -> Option<u32> {
    let value = |c: char| match c {
        'i' => Some(1),
        'v' => Some(5),
        'x' => Some(10),
        'l' => Some(50),
        'c' => Some(100),
        _ => None,
    };
    let digits: Option<Vec<u32>> = s.chars().map(value).collect();
    let digits = digits?;
    let mut total = 0;
    for (i, d) in digits.iter().enumerate() {
        match digits.get(i + 1) {
            Some(next) if next > d => total -= *d as i64,
            _ => total += *d as i64,
        }
    }
    let n = u32::try_from(total).ok()?;
    (to_roman(n) == s).then_some(n)
}

fn to_roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 9] = [
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_of_cluster_two() {
        for s in [
            "2",
            "II",
            "ii",
            "số 2",
            "Số II",
            "Cụm thi đua số II",
            "Cụm 2",
            "cụm thi đua số 2",
        ] {
            assert_eq!(parse_text(s), Some(2), "{s}");
        }
        assert_eq!(parse_text("XII"), Some(12));
        assert_eq!(parse_text("IX"), Some(9));
    }

    #[test]
    fn words_and_bad_numerals_are_refused() {
        for s in ["số hai", "", "IIII", "IC", "0", "cụm", "2a"] {
            assert_eq!(parse_text(s), None, "{s}");
        }
    }
}
