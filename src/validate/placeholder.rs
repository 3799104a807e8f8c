//! What `baocao new` leaves to fill is marked `<điền …>` (`<fill in …>` on an
//! English site): in a comment beside an empty field, or in the body skeleton.
//! Each line that still holds a marker is a warning, so `check` and `build`
//! say so until it is filled and `check --strict` fails: a scaffold is never
//! published as it was made without a word.

use crate::diagnostics::Diagnostic;
use crate::load::Source;

/// The markers, in every language of the messages.
pub const MARKERS: [&str; 2] = ["<điền", "<fill in"];

/// One warning per line of `source` that still holds a marker.
pub fn left(source: &Source) -> Vec<Diagnostic> {
    if !MARKERS.iter().any(|m| source.text.contains(m)) {
        return Vec::new();
    }
    source
        .text
        .lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let marker = MARKERS.iter().find(|m| line.contains(*m))?;
            let end = line[line.find(marker)?..]
                .find('>')
                .map_or(marker.len(), |e| e + 1);
            let at = line.find(marker)?;
            let needle = &line[at..at + end];
            Some(
                Diagnostic::warning(&source.path, msg!("placeholder-left", marker = needle))
                    .at_line(&source.text, i + 1, Some(needle))
                    .with_help(msg!("help-placeholder-left")),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: &str) -> Source {
        Source {
            path: "content/a.md".into(),
            rel: "a.md".into(),
            text: text.to_string(),
            front_matter: String::new(),
            front_matter_line: 2,
            body: String::new(),
        }
    }

    #[test]
    fn every_line_with_a_marker_is_a_warning() {
        let s = source(
            "---\nhost:   # <điền> đơn vị đăng cai\n---\n\n<điền tóm tắt> Tóm tắt.\n\nXong.\n",
        );
        let found = left(&s);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].code(), "placeholder-left");
        assert_eq!(
            found[0].span.as_ref().map(|s| (s.line, s.col)),
            Some((2, 11))
        );
        assert_eq!(
            found[1].span.as_ref().map(|s| (s.line, s.len)),
            Some((5, 14))
        );
        assert!(left(&source("---\ntitle: A\n---\nNội dung <b>.\n")).is_empty());
    }
}
