//! Which shard file holds which term.
//!
//! A term's shard is named by the first letters of its folded form, as file
//! names can hold them: `a`-`z` and `0`-`9` as they are, any other letter as
//! `_`. Every term starts in the shard of its first two letters (a one-letter
//! term in the shard of its letter); a shard larger than [`SPLIT`] bytes hands
//! its longer terms to shards one letter longer, down to [`MAX_DEPTH`]
//! letters. A reader finds a term's shard as the longest name in the list
//! that starts its key: if a longer one held it, that one would be listed.

use std::collections::{BTreeMap, BTreeSet};

/// The size, in bytes of postings, over which a shard is split.
pub const SPLIT: usize = 48 * 1024;
/// The longest shard name.
pub const MAX_DEPTH: usize = 4;

/// The shard names of an index.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layout {
    names: BTreeSet<String>,
}

/// A folded term's characters as a file name can hold them.
pub fn key(folded: &str) -> String {
    folded
        .chars()
        .map(|c| {
            if c.is_ascii_lowercase() || c.is_ascii_digit() {
                c
            } else {
                '_'
            }
        })
        .collect()
}

impl Layout {
    /// The layout of terms with these (estimated) sizes.
    pub fn new<'a>(terms: impl Iterator<Item = (&'a str, usize)>) -> Layout {
        // (key, size, length of the shard's name)
        let mut all: Vec<(String, usize, usize)> = terms
            .map(|(t, size)| {
                let k = key(t);
                let depth = k.len().min(2);
                (k, size, depth)
            })
            .filter(|(k, _, _)| !k.is_empty())
            .collect();
        for depth in 2..MAX_DEPTH {
            let mut sizes: BTreeMap<&str, usize> = BTreeMap::new();
            for (k, size, d) in &all {
                if *d == depth {
                    *sizes.entry(&k[..depth]).or_default() += size;
                }
            }
            let split: BTreeSet<String> = sizes
                .into_iter()
                .filter(|(_, size)| *size > SPLIT)
                .map(|(name, _)| name.to_string())
                .collect();
            for (k, _, d) in &mut all {
                if *d == depth && k.len() > depth && split.contains(&k[..depth]) {
                    *d = depth + 1;
                }
            }
        }
        Layout {
            names: all
                .into_iter()
                .map(|(k, _, d)| k[..d].to_string())
                .collect(),
        }
    }

    /// Every shard name, sorted.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.names.iter().map(String::as_str)
    }

    /// The shard of a folded term: the longest name that starts its key.
    pub fn shard_of(&self, folded: &str) -> Option<&str> {
        let k = key(folded);
        (1..=k.len().min(MAX_DEPTH))
            .rev()
            .find_map(|n| self.names.get(&k[..n]).map(String::as_str))
    }

    /// The terms of each shard, by shard name.
    pub fn group<'p, T>(&self, terms: &'p [(String, T)]) -> Vec<(&str, Vec<&'p (String, T)>)> {
        let mut out: BTreeMap<&str, Vec<&'p (String, T)>> = BTreeMap::new();
        for term in terms {
            if let Some(name) = self.shard_of(&term.0) {
                out.entry(name).or_default().push(term);
            }
        }
        out.into_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_shards_are_two_letters() {
        let l = Layout::new([("lang", 10), ("lai", 10), ("son", 5), ("a", 1)].into_iter());
        assert_eq!(l.names().collect::<Vec<_>>(), ["a", "la", "so"]);
        assert_eq!(l.shard_of("lang"), Some("la"));
        assert_eq!(l.shard_of("a"), Some("a"));
        assert_eq!(l.shard_of("son"), Some("so"));
        // A term not in the index still has a shard to look in, or none.
        assert_eq!(l.shard_of("lam"), Some("la"));
        assert_eq!(l.shard_of("x"), None);
    }

    #[test]
    fn a_large_shard_hands_its_longer_terms_down() {
        let l = Layout::new(
            [
                ("co", 10),
                ("cong", SPLIT - 100),
                ("con", 10),
                ("cob", 200),
                ("cuc", SPLIT),
                ("ca", 5),
            ]
            .into_iter(),
        );
        assert_eq!(
            l.names().collect::<Vec<_>>(),
            ["ca", "co", "cob", "con", "cu"],
            "co was over the limit: its longer terms moved to cob and con; \
             con stayed under it, so cong stayed there; cu is at the limit"
        );
        assert_eq!(l.shard_of("co"), Some("co"));
        assert_eq!(l.shard_of("cong"), Some("con"));
        assert_eq!(l.shard_of("cuc"), Some("cu"));
        let big = SPLIT;
        let l = Layout::new([("cong", big * 2), ("conga", big), ("co", 1)].into_iter());
        // Split twice; no term stops at three letters, so there is no "con".
        assert_eq!(l.names().collect::<Vec<_>>(), ["co", "cong"]);
        assert_eq!(l.shard_of("conga"), Some("cong"));
        assert_eq!(l.shard_of("con"), Some("co"));
    }

    #[test]
    fn other_letters_are_underscores() {
        assert_eq!(key("москва"), "______");
        let l = Layout::new([("москва", 1), ("2023", 1)].into_iter());
        assert_eq!(l.names().collect::<Vec<_>>(), ["20", "__"]);
    }

    #[test]
    fn grouping_follows_shard_of() {
        let terms = vec![
            ("an".to_string(), 1),
            ("anh".to_string(), 2),
            ("ba".to_string(), 3),
        ];
        let l = Layout::new(terms.iter().map(|(t, s)| (t.as_str(), *s)));
        let g = l.group(&terms);
        let names: Vec<(&str, usize)> = g.iter().map(|(n, m)| (*n, m.len())).collect();
        assert_eq!(names, [("an", 2), ("ba", 1)]);
    }
}
