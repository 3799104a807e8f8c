//! Unit names: "Công an tỉnh  Lạng Sơn" and "Lạng Sơn" are one unit; aliases from
//! `content/units.yaml` map other spellings to the canonical name.

use std::collections::HashMap;
use std::path::PathBuf;

use serde::Deserialize;

use crate::diagnostics::Diagnostic;
use crate::text;

/// Prefixes that name the police of a province or city; the unit is what follows.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUnitsFile {
    units: Vec<RawUnit>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUnit {
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
}

/// The names write-ups refer to: units' canonical names and aliases, keyed by
/// the lower-cased normalized spelling (`units.yaml`), and with them the
/// register of honour titles (`honours.yaml`).
#[derive(Debug, Default, Clone)]
pub struct UnitNames {
    canonical: HashMap<String, String>,
    /// Canonical names in file order, for suggestions.
    pub known: Vec<String>,
    /// The honours register, built in and extended by the site.
    pub honours: super::honours::Register,
}

impl UnitNames {
    /// Parses `units.yaml`; `shown` is the path for messages.
    pub fn parse(text: &str, shown: PathBuf) -> Result<UnitNames, Diagnostic> {
        let raw: RawUnitsFile = serde_yaml::from_str(text).map_err(|e| {
            let line = e.location().map_or(1, |l| l.line());
            Diagnostic::error(&shown, msg!("units-file-invalid", error = e.to_string()))
                .at_line(text, line, None)
                .with_help(msg!("help-units-file"))
        })?;
        let mut names = UnitNames::default();
        for unit in raw.units {
            let name = strip_police(&text::normalize(&unit.name));
            for spelling in std::iter::once(&unit.name).chain(unit.aliases.iter()) {
                let spelling = text::normalize(spelling);
                names.canonical.insert(key(&spelling), name.clone());
                names
                    .canonical
                    .insert(key(&strip_police(&spelling)), name.clone());
            }
            names.known.push(name);
        }
        Ok(names)
    }

    /// Every spelling (lower-cased) with its canonical name.
    pub fn spellings(&self) -> impl Iterator<Item = (&str, &str)> {
        self.canonical
            .iter()
            .map(|(spelling, name)| (spelling.as_str(), name.as_str()))
    }

    /// The canonical unit for a name as written in front matter.
    pub fn resolve(&self, written: &str) -> String {
        let full = text::normalize(written);
        let stripped = strip_prefix(&full);
        [full.as_str(), &strip_police(&full), &stripped]
            .iter()
            .find_map(|c| self.canonical.get(&key(c)).cloned())
            .unwrap_or(stripped)
    }
}

fn key(name: &str) -> String {
    name.to_lowercase()
}

/// Drops only a leading "Công an " ("Công an Thành phố Hồ Chí Minh" → "Thành phố Hồ Chí Minh").
fn strip_police(name: &str) -> String {
    let lower = name.to_lowercase();
    match name.get("công an ".len()..) {
        Some(rest) if lower.starts_with("công an ") && !rest.trim().is_empty() => {
            rest.trim().to_string()
        }
        _ => name.to_string(),
    }
}

/// Drops a leading "Công an tỉnh" (and its variants) from a normalized name.
pub fn strip_prefix(name: &str) -> String {
    crate::vi::units::strip_police(name).0.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn police_prefixes_are_folded_away() {
        let names = UnitNames::default();
        assert_eq!(names.resolve("Công an tỉnh  Lạng Sơn"), "Lạng Sơn");
        assert_eq!(names.resolve("Công an thành phố Hà Nội"), "Hà Nội");
        assert_eq!(names.resolve("Công an TP Cần Thơ"), "Cần Thơ");
        assert_eq!(names.resolve("Công an TP. Hải Phòng"), "Hải Phòng");
        assert_eq!(names.resolve("công an Cao Bằng"), "Cao Bằng");
        assert_eq!(
            names.resolve("Cục An ninh đối ngoại"),
            "Cục An ninh đối ngoại"
        );
    }

    #[test]
    fn decomposed_and_old_style_spellings_are_one_unit() {
        let names = UnitNames::default();
        assert_eq!(
            names.resolve("Co\u{302}ng an ti\u{309}nh La\u{323}ng So\u{31B}n"),
            "Lạng Sơn"
        );
        assert_eq!(names.resolve("Hoà Bình"), "Hòa Bình");
        assert_eq!(names.resolve("Thanh Hoá"), "Thanh Hóa");
    }

    #[test]
    fn aliases_map_to_the_canonical_name() {
        let text = "units:\n  - {name: Thành phố Hồ Chí Minh, aliases: [TP.HCM, TPHCM]}\n";
        let names = UnitNames::parse(text, "content/units.yaml".into()).unwrap();
        assert_eq!(names.resolve("TP.HCM"), "Thành phố Hồ Chí Minh");
        assert_eq!(names.resolve("tphcm"), "Thành phố Hồ Chí Minh");
        assert_eq!(
            names.resolve("Công an Thành phố Hồ Chí Minh"),
            "Thành phố Hồ Chí Minh"
        );
    }

    #[test]
    fn a_bad_units_file_names_its_line() {
        let e =
            UnitNames::parse("units:\n  - {nam: X}\n", "content/units.yaml".into()).unwrap_err();
        assert_eq!(e.code(), "units-file-invalid");
        assert_eq!(e.span.map(|s| s.line), Some(2));
    }
}
