//! Guards against text pasted from Word or PDF and against hostile files:
//! control characters, which no XML output may carry, and front matter whose
//! YAML aliases expand to far more than the file holds.

use std::cell::Cell;
use std::fmt;

use serde::de::{self, DeserializeSeed, Visitor};

use crate::diagnostics::Diagnostic;
use crate::load::Source;

/// Characters XML 1.0 forbids (and terminals act on): the C0 and C1 controls
/// but tab and line feed, and the non-characters U+FFFE and U+FFFF.
pub fn is_forbidden(c: char) -> bool {
    crate::text::is_forbidden(c)
}

/// `s` with every forbidden character replaced by a space (a space keeps the
/// words apart and the lines where they were).
pub fn replace_forbidden(s: &str) -> std::borrow::Cow<'_, str> {
    if crate::text::has_forbidden(s) {
        std::borrow::Cow::Owned(
            s.chars()
                .map(|c| if is_forbidden(c) { ' ' } else { c })
                .collect(),
        )
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// How many lines with control characters a warning lists.
const LINES_SHOWN: usize = 10;

/// Replaces control characters in the whole source (text, front matter and
/// body) by spaces; returns one warning at the first line that had any.
pub fn clean_controls(source: &mut Source) -> Option<Diagnostic> {
    if !crate::text::has_forbidden(&source.text) {
        return None;
    }
    let mut lines = Vec::new();
    let mut first: Option<(usize, char)> = None;
    let mut count = 0usize;
    for (i, line) in source.text.lines().enumerate() {
        let mut found = false;
        for c in line.chars().filter(|c| is_forbidden(*c)) {
            count += 1;
            found = true;
            first.get_or_insert((i + 1, c));
        }
        if found {
            lines.push(i + 1);
        }
    }
    for s in [&mut source.text, &mut source.front_matter, &mut source.body] {
        if let std::borrow::Cow::Owned(clean) = replace_forbidden(s) {
            *s = clean;
        }
    }
    let (line, c) = first?;
    let more = if lines.len() > 1 {
        let shown: Vec<String> = lines
            .iter()
            .skip(1)
            .take(LINES_SHOWN)
            .map(usize::to_string)
            .collect();
        let ellipsis = if lines.len() > LINES_SHOWN + 1 {
            ", …"
        } else {
            ""
        };
        let word = if lines.len() > 2 {
            "word-lines"
        } else {
            "word-line"
        };
        vec![msg!(
            "control-characters-also",
            line_word = crate::messages::Arg::Key(word),
            lines = format!("{}{ellipsis}", shown.join(", "))
        )]
    } else {
        Vec::new()
    };
    Some(
        Diagnostic::warning(
            &source.path,
            msg!(
                "control-characters",
                count = count,
                characters = crate::messages::Arg::Key(if count == 1 {
                    "word-character"
                } else {
                    "word-characters"
                }),
                code = format!(
                    "U+{:04X}{}",
                    u32::from(c),
                    if count > 1 { ", …" } else { "" }
                ),
                more = crate::messages::Arg::Msgs(more)
            ),
        )
        .at_line(&source.text, line, None)
        .with_help(msg!("help-control-characters")),
    )
}

/// How deep brackets may nest in a front matter: the YAML reader refuses more
/// than this anyway, but only after a time that grows with the square of the depth.
pub const MAX_NESTING: usize = 100;

/// The 1-based front-matter line where brackets (`[`, `{`) or indented
/// blocks (`- - -`, ever deeper indentation) first nest deeper than
/// [`MAX_NESTING`], if they do. Quoted text and comments are skipped; a stray
/// bracket in plain text counts, which only matters for a hundred of them.
pub fn too_deep(front_matter: &str) -> Option<usize> {
    // Each level of nesting takes a bracket, a `-` or `?` (`- - -` nests on
    // one line) or a line of its own: a front matter with fewer of these than
    // the limit cannot nest deeper (most have a few dozen).
    let openers = front_matter.bytes().fold(0usize, |n, b| {
        n + usize::from((b == b'[') | (b == b'{') | (b == b'\n') | (b == b'-') | (b == b'?'))
    });
    if openers < MAX_NESTING {
        return None;
    }
    let mut depth = 0usize;
    // The columns of the open blocks, innermost last.
    let mut blocks: Vec<usize> = Vec::new();
    for (i, line) in front_matter.lines().enumerate() {
        let mut quote: Option<char> = None;
        let mut escaped = false;
        let mut prev = ' ';
        let content = line.trim_start_matches(' ');
        if !content.is_empty() && !content.starts_with('#') {
            let indent = line.len() - content.len();
            while blocks.last().is_some_and(|b| *b >= indent) {
                blocks.pop();
            }
            blocks.push(indent);
            // "- - - x" opens one block per dash.
            let mut rest = content;
            let mut col = indent;
            while let Some(after) = rest
                .strip_prefix("- ")
                .or(rest.strip_prefix('-').filter(|r| r.is_empty()))
            {
                let trimmed = after.trim_start_matches(' ');
                col += rest.len() - trimmed.len();
                blocks.push(col);
                rest = trimmed;
            }
            if blocks.len() > MAX_NESTING {
                return Some(i + 1);
            }
        }
        for c in line.chars() {
            match quote {
                Some('"') if escaped => escaped = false,
                Some('"') if c == '\\' => escaped = true,
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None => match c {
                    '"' | '\'' => quote = Some(c),
                    '#' if prev.is_whitespace() => break,
                    '[' | '{' => {
                        depth += 1;
                        if depth > MAX_NESTING {
                            return Some(i + 1);
                        }
                    }
                    ']' | '}' => depth = depth.saturating_sub(1),
                    _ => {}
                },
            }
            prev = c;
        }
    }
    None
}

/// What aliases may add to a front matter beyond its own size, in bytes.
const ALIAS_ALLOWANCE: usize = 64 * 1024;

/// Marks the budget error among YAML errors.
const OVER_BUDGET: &str = "expands to more than";

/// Whether the front matter's YAML aliases expand it to far more than the text
/// it is written in (a "billion laughs" file). Walks the expanded document
/// without keeping it, and stops as soon as the budget is spent.
pub fn alias_bomb(front_matter: &str) -> bool {
    // Without `*` there is no alias, and the document is no bigger than its text.
    if !front_matter.contains('*') {
        return false;
    }
    let spent = Cell::new(0usize);
    let measure = Measure {
        spent: &spent,
        limit: front_matter.len() + ALIAS_ALLOWANCE,
    };
    let de = serde_yaml::Deserializer::from_str(front_matter);
    match measure.deserialize(de) {
        Ok(()) => false,
        Err(e) => e.to_string().contains(OVER_BUDGET),
    }
}

/// The size of a YAML document as deserialized: scalar bytes plus one per node.
#[derive(Clone, Copy)]
struct Measure<'a> {
    spent: &'a Cell<usize>,
    limit: usize,
}

impl Measure<'_> {
    fn spend<E: de::Error>(&self, n: usize) -> Result<(), E> {
        let total = self.spent.get().saturating_add(n);
        self.spent.set(total);
        if total > self.limit {
            Err(E::custom(format!("{OVER_BUDGET} {} bytes", self.limit)))
        } else {
            Ok(())
        }
    }
}

impl<'de> DeserializeSeed<'de> for Measure<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Measure<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.spend(1)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.spend(1)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.spend(1)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.spend(1)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        self.spend(v.len().max(1))
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.spend(1)
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.spend(1)
    }

    fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        self.deserialize(d)
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.spend(1)?;
        while seq.next_element_seed(self)?.is_some() {}
        Ok(())
    }

    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.spend(1)?;
        while map.next_key_seed(self)?.is_some() {
            map.next_value_seed(self)?;
        }
        Ok(())
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        // A tagged value (`!tag value`): measure the value.
        let (_, variant) = data.variant::<de::IgnoredAny>()?;
        de::VariantAccess::newtype_variant_seed(variant, self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_characters_are_the_xml_ones() {
        for c in [
            '\u{0}', '\u{1}', '\u{8}', '\u{b}', '\u{1b}', '\u{1e}', '\u{1f}', '\r',
        ] {
            assert!(is_forbidden(c), "{c:?}");
        }
        for c in ['\t', '\n', ' ', 'ạ', '—', '\u{a0}'] {
            assert!(!is_forbidden(c), "{c:?}");
        }
        assert_eq!(replace_forbidden("a\u{1}b\u{1e}"), "a b ");
    }

    #[test]
    fn deep_nesting_is_found_at_its_line() {
        assert_eq!(too_deep("title: T\ntags: [a, [b]]\n"), None);
        let deep = format!("title: T\ntags: {}\n", "[".repeat(60_000));
        assert_eq!(too_deep(&deep), Some(2));
        let quoted = format!("title: \"{}\"\n", "[".repeat(500));
        assert_eq!(too_deep(&quoted), None);
        let dashes = format!("tags:\n  {}x\n", "- ".repeat(500));
        assert_eq!(too_deep(&dashes), Some(2));
        let stairs: String = (0..300).map(|i| format!("{}a:\n", " ".repeat(i))).collect();
        assert_eq!(too_deep(&stairs), Some(MAX_NESTING + 1));
        let honours = "honours:\n  - title: A\n    to:\n      - B\n".repeat(1000);
        assert_eq!(too_deep(&honours), None);
    }

    #[test]
    fn aliases_that_multiply_the_text_are_caught() {
        let long = "x".repeat(10_000);
        let mut fm = format!("title: &a \"{long}\"\ntags: [");
        fm.push_str(&"*a, ".repeat(20));
        fm.push_str("*a]\n");
        assert!(alias_bomb(&fm));
        assert!(!alias_bomb("title: &a T\nsummary: *a\ntags: [*a, *a]\n"));
        assert!(!alias_bomb("title: \"a * b\"\n"));
    }
}
