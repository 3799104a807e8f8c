//! The register of honours: the titles of the emulation law and of the
//! ministry with their level, and the spellings write-ups use for them
//! ("Cờ thi đua xuất sắc của Chính phủ", "Thủ tướng Chính phủ tặng cờ" are the
//! Government's flag). Built in, and extended by `content/honours.yaml`.

use std::collections::HashMap;
use std::path::PathBuf;

use serde::Deserialize;

use crate::diagnostics::Diagnostic;
use crate::model::{HonourLevel, HonourStatus};
use crate::text;

/// The built-in register, in the form of `content/honours.yaml`.
const BUILT_IN: &str = include_str!("honours.yaml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRegister {
    honours: Vec<RawEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    name: String,
    level: String,
    #[serde(default)]
    aliases: Vec<String>,
}

/// A title of the register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub level: HonourLevel,
}

/// What a title as written resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    Known(Entry),
    /// Not in the register; the nearest name, when one is close.
    Unknown {
        suggestion: Option<String>,
    },
}

/// The titles and their spellings, keyed by `key`.
#[derive(Debug, Clone)]
pub struct Register {
    entries: Vec<Entry>,
    by_key: HashMap<String, usize>,
    /// Each spelling as written (normalized): most titles are found here
    /// without folding.
    by_spelling: HashMap<String, usize>,
}

impl Default for Register {
    fn default() -> Register {
        let mut register = Register {
            entries: Vec::new(),
            by_key: HashMap::new(),
            by_spelling: HashMap::new(),
        };
        if let Err(d) = register.add(BUILT_IN, PathBuf::from("honours.yaml")) {
            // The built-in file is part of the program: a test parses it.
            debug_assert!(false, "built-in register: {:?}", d.message);
        }
        register
    }
}

impl Register {
    /// The built-in register extended by the text of `content/honours.yaml`;
    /// `shown` is the path for messages.
    pub fn with_site(text: &str, shown: PathBuf) -> Result<Register, Diagnostic> {
        let mut register = Register::default();
        register.add(text, shown)?;
        Ok(register)
    }

    fn add(&mut self, text: &str, shown: PathBuf) -> Result<(), Diagnostic> {
        let help = msg!("help-honours-file");
        let raw: RawRegister = serde_yaml::from_str(text).map_err(|e| {
            let line = e.location().map_or(1, |l| l.line());
            Diagnostic::error(&shown, msg!("honours-file-invalid", error = e.to_string()))
                .at_line(text, line, None)
                .with_help(help.clone())
        })?;
        for entry in raw.honours {
            let name = text::normalize(&entry.name);
            let line = text
                .lines()
                .position(|l| l.contains(entry.name.trim()))
                .map_or(1, |i| i + 1);
            let level = HonourLevel::ALL
                .into_iter()
                .filter(|l| *l != HonourLevel::Other)
                .find(|l| l.as_str() == entry.level.trim())
                .ok_or_else(|| {
                    Diagnostic::error(
                        &shown,
                        msg!(
                            "honour-level-unknown",
                            level = entry.level.trim(),
                            name = &name
                        ),
                    )
                    .at_line(text, line, Some(entry.level.trim()))
                    .with_help(help.clone())
                })?;
            if key(&name).is_empty() {
                return Err(Diagnostic::error(&shown, msg!("honour-name-missing"))
                    .at_line(text, line, None)
                    .with_help(help.clone()));
            }
            // A name the register has already takes the new level and
            // spellings; a new one is added.
            let at = match self.by_key.get(&key(&name)) {
                Some(&at) => {
                    self.entries[at].level = level;
                    at
                }
                None => {
                    self.entries.push(Entry {
                        name: name.clone(),
                        level,
                    });
                    self.entries.len() - 1
                }
            };
            for spelling in std::iter::once(&name).chain(entry.aliases.iter()) {
                let spelling = text::normalize(spelling);
                let k = key(&spelling);
                if !k.is_empty() {
                    self.by_key.insert(k, at);
                    self.by_spelling.insert(spelling, at);
                }
            }
        }
        Ok(())
    }

    /// The register's title for `written`, or the nearest when it has none.
    pub fn resolve(&self, written: &str) -> Resolved {
        if let Some(&at) = self.by_spelling.get(written) {
            return Resolved::Known(self.entries[at].clone());
        }
        let k = key(written);
        if let Some(&at) = self.by_key.get(&k) {
            return Resolved::Known(self.entries[at].clone());
        }
        let limit = (k.chars().count() / 5).max(2);
        let suggestion = self
            .by_key
            .iter()
            .map(|(spelling, &at)| (text::edit_distance(&k, spelling), &self.entries[at].name))
            .filter(|(d, _)| *d <= limit)
            .min()
            .map(|(_, name)| name.clone());
        Resolved::Unknown { suggestion }
    }

    /// Every spelling with its title's name.
    pub fn spellings(&self) -> impl Iterator<Item = (&str, &str)> {
        self.by_spelling
            .iter()
            .map(|(spelling, &at)| (spelling.as_str(), self.entries[at].name.as_str()))
    }

    /// Every title, highest level first, in the register's order within a level.
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        let mut all: Vec<&Entry> = self.entries.iter().collect();
        all.sort_by_key(|e| e.level);
        all.into_iter()
    }
}

/// The form spellings are compared in: folded words, without "của" (which
/// titles drop and keep at will: "Cờ thi đua Chính phủ").
fn key(title: &str) -> String {
    text::fold(title)
        .split(' ')
        .filter(|w| *w != "cua")
        .collect::<Vec<_>>()
        .join(" ")
}

/// Reads an honour's `status:` as written (English or Vietnamese).
pub fn parse_status(written: &str) -> Option<HonourStatus> {
    crate::vi::honours::parse_status(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(r: &Register, written: &str) -> Option<(String, HonourLevel)> {
        match r.resolve(written) {
            Resolved::Known(e) => Some((e.name, e.level)),
            Resolved::Unknown { .. } => None,
        }
    }

    #[test]
    fn the_built_in_register_parses() {
        let mut r = Register {
            entries: Vec::new(),
            by_key: HashMap::new(),
            by_spelling: HashMap::new(),
        };
        r.add(BUILT_IN, "honours.yaml".into()).expect("valid");
        assert!(r.entries.len() >= 15);
    }

    #[test]
    fn three_spellings_of_the_government_flag_are_one_title() {
        let r = Register::default();
        for written in [
            "Cờ thi đua xuất sắc của Chính phủ",
            "Cờ thi đua của Chính phủ",
            "Thủ tướng Chính phủ tặng cờ",
            "cờ thi đua chính phủ",
            "CỜ THI ĐUA CỦA CHÍNH PHỦ",
        ] {
            assert_eq!(
                known(&r, written),
                Some((
                    "Cờ thi đua của Chính phủ".to_string(),
                    HonourLevel::Government
                )),
                "{written}"
            );
        }
        assert_eq!(
            known(&r, "Bằng khen của Bộ Công an").map(|k| k.1),
            Some(HonourLevel::Ministry)
        );
        // The ministry's flag is not the Government's.
        assert_eq!(
            known(&r, "Cờ thi đua của Bộ Công an").map(|k| k.0),
            Some("Cờ thi đua của Bộ Công an".to_string())
        );
    }

    #[test]
    fn an_unknown_title_gets_the_nearest_name() {
        let r = Register::default();
        assert_eq!(
            r.resolve("Cờ thi đua của Chín phủ"),
            Resolved::Unknown {
                suggestion: Some("Cờ thi đua của Chính phủ".into())
            }
        );
        assert_eq!(
            r.resolve("Kỷ niệm chương"),
            Resolved::Unknown { suggestion: None }
        );
    }

    #[test]
    fn a_site_register_adds_titles_and_spellings() {
        let text = "honours:\n  - {name: Cờ thi đua của Công an tỉnh, level: unit}\n  - {name: Cờ thi đua của Chính phủ, level: government, aliases: [Cờ CP]}\n";
        let r = Register::with_site(text, "content/honours.yaml".into()).expect("valid");
        assert_eq!(
            known(&r, "Cờ thi đua của Công an tỉnh").map(|k| k.1),
            Some(HonourLevel::Unit)
        );
        assert_eq!(
            known(&r, "Cờ CP").map(|k| k.0),
            Some("Cờ thi đua của Chính phủ".to_string())
        );
        let bad = Register::with_site(
            "honours:\n  - {name: X, level: city}\n",
            "content/honours.yaml".into(),
        )
        .unwrap_err();
        let shown = bad.text(crate::messages::Language::En);
        assert!(shown.contains("unknown level \"city\""), "{shown}");
        assert_eq!(bad.code(), "honour-level-unknown");
        assert_eq!(bad.span.map(|s| s.line), Some(2));
    }

    #[test]
    fn statuses_read_in_both_languages() {
        assert_eq!(parse_status("suy tôn"), Some(HonourStatus::Proposed));
        assert_eq!(parse_status("Đề nghị"), Some(HonourStatus::Proposed));
        assert_eq!(parse_status("conferred"), Some(HonourStatus::Conferred));
        assert_eq!(parse_status("được tặng"), Some(HonourStatus::Conferred));
        assert_eq!(parse_status("maybe"), None);
    }
}
