//! The texts baocao says to its users, in the site's language.
//!
//! Every message has a stable English key (`date-not-on-calendar`); a
//! diagnostic's key is its `code`, kept in `check --format json` for tools.
//! The texts are in `i18n/messages.vi.yaml` and `i18n/messages.en.yaml`, one
//! key per message with named placeholders (`{date}`), built into the binary.
//! A message is kept as its key and arguments ([`Msg`]) and turned into text
//! only when shown, in the language of the site (`language:` in site.yaml,
//! Vietnamese by default).
//!
//! Keys in code are always written `msg!("key", ...)`, `Arg::Key("key")` or,
//! for words put into other messages, `"word-…"`, so that a test can find
//! every key the code uses in the catalogs.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::OnceLock;

use chrono::NaiveDate;

pub use crate::config::Language;

const VI: &str = include_str!("../i18n/messages.vi.yaml");
const EN: &str = include_str!("../i18n/messages.en.yaml");

/// A value put into a message's placeholder.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Arg {
    /// Shown as written (names, paths, the value the editor wrote).
    Text(String),
    /// A count: 2.847 in Vietnamese, 2847 in English.
    Count(u64),
    /// A date: 25/11/2023 in Vietnamese, 2023-11-25 in English.
    Date(NaiveDate),
    /// Another text of the catalog (a word such as "collectives").
    Key(&'static str),
    /// Other messages, shown one after the other, separated by "; ".
    Msgs(Vec<Msg>),
}

impl Arg {
    /// The kind of a conference, as a word of the catalog ("tổng kết").
    pub fn kind(kind: crate::model::Kind) -> Arg {
        use crate::model::Kind;
        Arg::Key(match kind {
            Kind::Summary => "word-kind-summary",
            Kind::Pledge => "word-kind-pledge",
            Kind::Launch => "word-kind-launch",
            Kind::Review => "word-kind-review",
            Kind::Other => "word-kind-other",
        })
    }

    /// The level of an honour, as a word of the catalog ("cấp Bộ").
    pub fn level(level: crate::model::HonourLevel) -> Arg {
        use crate::model::HonourLevel;
        Arg::Key(match level {
            HonourLevel::State => "word-level-state",
            HonourLevel::Government => "word-level-government",
            HonourLevel::Ministry => "word-level-ministry",
            HonourLevel::Local => "word-level-local",
            HonourLevel::Unit => "word-level-unit",
            HonourLevel::Other => "word-level-other",
        })
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Text(s.clone())
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Text(s.to_string())
    }
}

impl From<Msg> for Arg {
    fn from(m: Msg) -> Arg {
        Arg::Msgs(vec![m])
    }
}

impl From<NaiveDate> for Arg {
    fn from(d: NaiveDate) -> Arg {
        Arg::Date(d)
    }
}

macro_rules! plain_number {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                Arg::Text(n.to_string())
            }
        }
    )*};
}
plain_number!(u8, u16, u32, u64, usize, i32, i64);

/// A message of the catalog with its arguments, not yet in a language.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Msg {
    pub key: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

impl Msg {
    pub fn new(key: &'static str) -> Msg {
        Msg {
            key,
            args: Vec::new(),
        }
    }

    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Msg {
        self.args.push((name, value.into()));
        self
    }

    /// The text in `lang`.
    pub fn text(&self, lang: Language) -> String {
        fill(lookup(lang, self.key), |name| {
            self.args
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, a)| show(a, lang))
        })
    }

    /// The value of the argument `name`, as given.
    pub fn get(&self, name: &str) -> Option<&Arg> {
        self.args.iter().find(|(n, _)| *n == name).map(|(_, a)| a)
    }
}

/// `msg!("key", name = value, ...)`: a [`Msg`] with named arguments.
#[macro_export]
macro_rules! msg {
    ($key:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::messages::Msg::new($key)$(.arg(stringify!($name), $value))*
    };
}

fn show(arg: &Arg, lang: Language) -> String {
    match arg {
        Arg::Text(s) => s.clone(),
        Arg::Count(n) => match lang {
            Language::Vi => crate::text::group_thousands(*n, '.'),
            Language::En => n.to_string(),
        },
        Arg::Date(d) => match lang {
            Language::Vi => d.format("%d/%m/%Y").to_string(),
            Language::En => d.format("%Y-%m-%d").to_string(),
        },
        Arg::Key(k) => lookup(lang, k).to_string(),
        Arg::Msgs(list) => list
            .iter()
            .map(|m| m.text(lang))
            .collect::<Vec<_>>()
            .join("; "),
    }
}

/// The text of `key` in `lang`; the key itself if the catalog lacks it (a
/// unit test makes sure it never does).
pub fn lookup(lang: Language, key: &str) -> &str {
    catalog(lang).get(key).map_or(key, String::as_str)
}

/// A text of the catalog filled with `args` (name, value as shown).
pub fn text(lang: Language, key: &'static str, args: &[(&str, String)]) -> String {
    fill(lookup(lang, key), |name| {
        args.iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.clone())
    })
}

fn catalog(lang: Language) -> &'static HashMap<String, String> {
    static VI_MAP: OnceLock<HashMap<String, String>> = OnceLock::new();
    static EN_MAP: OnceLock<HashMap<String, String>> = OnceLock::new();
    match lang {
        Language::Vi => VI_MAP.get_or_init(|| parse(VI)),
        Language::En => EN_MAP.get_or_init(|| parse(EN)),
    }
}

fn parse(yaml: &str) -> HashMap<String, String> {
    // Built in and checked by the tests: an unreadable catalog shows keys.
    serde_yaml::from_str(yaml).unwrap_or_default()
}

/// The placeholders of a text: `{name}` where name is a lower-case word;
/// any other brace (`{name: Lạng Sơn}`) is text.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) if is_name(&after[..close]) => {
                out.push(&after[..close]);
                rest = &after[close + 1..];
            }
            _ => rest = after,
        }
    }
    out
}

fn is_name(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        && s.as_bytes()[0].is_ascii_lowercase()
}

fn fill(template: &str, value: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) if is_name(&after[..close]) => {
                let name = &after[..close];
                match value(name) {
                    Some(v) => out.push_str(&v),
                    None => {
                        let _ = write!(out, "{{{name}}}");
                    }
                }
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn keys(lang: Language) -> BTreeSet<&'static str> {
        catalog(lang).keys().map(String::as_str).collect()
    }

    #[test]
    fn both_catalogs_read_and_have_the_same_keys() {
        let vi: HashMap<String, String> = serde_yaml::from_str(VI).expect("vi catalog reads");
        let en: HashMap<String, String> = serde_yaml::from_str(EN).expect("en catalog reads");
        assert!(vi.len() > 100, "{}", vi.len());
        let only_vi: Vec<_> = keys(Language::Vi)
            .difference(&keys(Language::En))
            .copied()
            .collect();
        let only_en: Vec<_> = keys(Language::En)
            .difference(&keys(Language::Vi))
            .copied()
            .collect();
        assert!(only_vi.is_empty(), "only in messages.vi.yaml: {only_vi:?}");
        assert!(only_en.is_empty(), "only in messages.en.yaml: {only_en:?}");
        assert_eq!(vi.len(), en.len());
    }

    #[test]
    fn both_catalogs_have_the_same_placeholders() {
        for key in keys(Language::Vi) {
            let names = |lang| {
                let mut p = placeholders(lookup(lang, key));
                p.sort_unstable();
                p.dedup();
                p
            };
            assert_eq!(
                names(Language::Vi),
                names(Language::En),
                "placeholders of {key}"
            );
        }
    }

    /// Every `msg!("key"` and `Arg::Key("key"` in src/ names a text of both catalogs.
    #[test]
    fn every_key_used_in_code_exists() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let known = keys(Language::Vi);
        let mut used = 0;
        let mut missing = Vec::new();
        for entry in walkdir::WalkDir::new(&src) {
            let entry = entry.expect("walk src");
            if entry.path().extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let code = std::fs::read_to_string(entry.path()).expect("read source");
            for marker in ["msg!(\"", "Arg::Key(\"", "\"word-"] {
                for (at, _) in code.match_indices(marker) {
                    let rest = &code[at + marker.len()..];
                    let key = &rest[..rest.find('"').unwrap_or(0)];
                    let key = if marker == "\"word-" {
                        format!("word-{key}")
                    } else {
                        key.to_string()
                    };
                    let key = key.as_str();
                    let well_formed = key.len() > 5
                        && key
                            .bytes()
                            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                        && !key.ends_with('-');
                    if key == "key" || !well_formed {
                        continue; // the examples in this file's comments, this scanner
                    }
                    used += 1;
                    if !known.contains(key) {
                        missing.push(format!("{}: {key}", entry.path().display()));
                    }
                }
            }
        }
        assert!(used > 100, "found only {used} keys in the code");
        assert!(
            missing.is_empty(),
            "keys missing in the catalogs: {missing:#?}"
        );
    }

    #[test]
    fn placeholders_are_filled_and_other_braces_kept() {
        assert_eq!(
            placeholders("write `{name: Lạng Sơn}` for {unit} in {year}"),
            ["unit", "year"]
        );
        assert_eq!(
            fill("{a} and {b} {name: x}", |n| (n == "a").then(|| "A".into())),
            "A and {b} {name: x}"
        );
    }

    #[test]
    fn counts_and_dates_follow_the_language() {
        let m = Msg::new("x")
            .arg("n", Arg::Count(1_234_567))
            .arg("d", NaiveDate::from_ymd_opt(2023, 11, 5).expect("date"));
        assert_eq!(show(&m.args[0].1, Language::Vi), "1.234.567");
        assert_eq!(show(&m.args[0].1, Language::En), "1234567");
        assert_eq!(show(&m.args[1].1, Language::Vi), "05/11/2023");
        assert_eq!(show(&m.args[1].1, Language::En), "2023-11-05");
    }
}
