//! Cluster numbers: "2", "II", "số 2", "Cụm thi đua số II".

/// The numbers a cluster can have. The Ministry's clusters and the clusters
/// inside a province are numbered from 1 and stay well under 100; a larger
/// number after "số" is something else (a document's number).
pub const NUMBERS: std::ops::RangeInclusive<u32> = 1..=99;

/// A cluster number written as one token: Arabic digits or a Roman numeral
/// in its canonical spelling (either case). `None` outside [`NUMBERS`].
pub fn number(tok: &str) -> Option<u32> {
    let n = if !tok.is_empty() && tok.bytes().all(|b| b.is_ascii_digit()) {
        tok.parse().ok()?
    } else {
        roman(&tok.to_ascii_lowercase())?
    };
    NUMBERS.contains(&n).then_some(n)
}

/// A cluster written in front matter or on the command line: the number,
/// maybe after "Cụm thi đua", "Cụm" and "số".
pub fn parse_text(s: &str) -> Option<u32> {
    let folded = crate::text::fold(s);
    let mut rest = folded.as_str();
    for prefix in ["cum thi dua", "cum", "so"] {
        rest = rest.strip_prefix(prefix).unwrap_or(rest).trim_start();
    }
    let rest = rest.trim();
    if rest.is_empty() || rest.contains(' ') {
        return None;
    }
    number(rest)
}

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
    let digits = digits.filter(|d| !d.is_empty())?;
    let mut total: i64 = 0;
    for (i, d) in digits.iter().enumerate() {
        match digits.get(i + 1) {
            Some(next) if next > d => total -= i64::from(*d),
            _ => total += i64::from(*d),
        }
    }
    let n = u32::try_from(total).ok()?;
    // only the canonical spelling: "IIII" or "VX" are not numerals
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
        assert_eq!(number("XL"), Some(40));
    }

    #[test]
    fn words_bad_numerals_and_numbers_out_of_range_are_refused() {
        for s in [
            "số hai", "", "IIII", "IC", "0", "cụm", "2a", "100", "135", "C", "2 3",
        ] {
            assert_eq!(parse_text(s), None, "{s}");
        }
    }
}
