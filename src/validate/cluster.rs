//! Cluster numbers: 2, "2", "II", "số 2", "Cụm thi đua số II" all mean cluster 2.

/// Reads a cluster number from text; `None` when it is not one.
pub fn parse_text(s: &str) -> Option<u32> {
    crate::vi::cluster::parse_text(s)
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
