//! Diagnostics: what is wrong with the content, where, and how to fix it.
//!
//! Every stage collects diagnostics instead of stopping at the first problem; the
//! exit code is decided once, at the end. Rendering to text lives here too so that
//! `build` and `check` print the same thing.

use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::config::Language;
use crate::messages::{self, Msg};

/// How bad a diagnostic is: errors fail the build, warnings fail only
/// `check --strict`, notes never fail. Ordered worst first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Note,
}

impl fmt::Display for Severity {
    /// The English word, as in the JSON output.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        })
    }
}

impl Severity {
    /// The word in `lang`: "lỗi", "cảnh báo", "ghi chú".
    pub fn label(self, lang: Language) -> &'static str {
        messages::lookup(
            lang,
            match self {
                Severity::Error => "severity-error",
                Severity::Warning => "severity-warning",
                Severity::Note => "severity-note",
            },
        )
    }
}

/// A place in a file: 1-based line and column, and how many characters to underline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Span {
    pub line: usize,
    pub col: usize,
    pub len: usize,
}

/// One problem found in a file: where it is, what is wrong and how to fix
/// it, shown in the site's language (text, or JSON with `--format json`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file, as the user would type it (relative to the site root where possible).
    pub path: PathBuf,
    pub span: Option<Span>,
    /// What is wrong; its key is the diagnostic's stable `code`.
    pub message: Msg,
    pub help: Option<Msg>,
    /// The text of the offending line, for the caret display.
    pub source_line: Option<String>,
}

impl Diagnostic {
    pub fn error(path: impl Into<PathBuf>, message: Msg) -> Self {
        Self::new(Severity::Error, path, message)
    }

    pub fn warning(path: impl Into<PathBuf>, message: Msg) -> Self {
        Self::new(Severity::Warning, path, message)
    }

    pub fn note(path: impl Into<PathBuf>, message: Msg) -> Self {
        Self::new(Severity::Note, path, message)
    }

    fn new(severity: Severity, path: impl Into<PathBuf>, message: Msg) -> Self {
        Diagnostic {
            severity,
            path: path.into(),
            span: None,
            message,
            help: None,
            source_line: None,
        }
    }

    pub fn with_help(mut self, help: Msg) -> Self {
        self.help = Some(help);
        self
    }

    /// The stable English code of the problem ("date-not-on-calendar"), the
    /// same in every language.
    pub fn code(&self) -> &'static str {
        self.message.key
    }

    /// The message in `lang`.
    pub fn text(&self, lang: Language) -> String {
        self.message.text(lang)
    }

    /// The help in `lang`, if any.
    pub fn help_text(&self, lang: Language) -> Option<String> {
        self.help.as_ref().map(|h| h.text(lang))
    }

    /// Points at `line` (1-based) of `text`, underlining `needle` if the line holds it,
    /// else the whole trimmed line.
    pub fn at_line(mut self, text: &str, line: usize, needle: Option<&str>) -> Self {
        let Some(src) = text.lines().nth(line.saturating_sub(1)) else {
            return self;
        };
        let (col, len) = match needle.and_then(|n| src.find(n).map(|at| (at, n))) {
            Some((at, n)) if !n.is_empty() => (src[..at].chars().count() + 1, n.chars().count()),
            _ => {
                let indent = src.len() - src.trim_start().len();
                (indent + 1, src.trim().chars().count().max(1))
            }
        };
        self.span = Some(Span { line, col, len });
        self.source_line = Some(src.to_string());
        self
    }

    /// Points at an exact line and column (1-based), underlining one character.
    pub fn at_position(mut self, text: &str, line: usize, col: usize) -> Self {
        if let Some(src) = text.lines().nth(line.saturating_sub(1)) {
            self.source_line = Some(src.to_string());
        }
        self.span = Some(Span { line, col, len: 1 });
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// rustc-style text in `lang`: the headline with the code, the location,
    /// the line with a caret, the help.
    pub fn render(&self, lang: Language) -> String {
        let mut out = format!(
            "{}[{}]: {}\n",
            self.severity.label(lang),
            self.code(),
            self.text(lang)
        );
        let location = match &self.span {
            Some(span) => format!("{}:{}:{}", display_path(&self.path), span.line, span.col),
            None => display_path(&self.path),
        };
        let gutter = self.span.as_ref().map_or(1, |s| s.line.to_string().len());
        let pad = " ".repeat(gutter);
        let _ = writeln!(out, "{pad}--> {location}");
        if let (Some(span), Some(src)) = (&self.span, &self.source_line) {
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{} | {}", span.line, src);
            let lead: String = src
                .chars()
                .take(span.col.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            let _ = writeln!(out, "{pad} | {lead}{}", "^".repeat(span.len.max(1)));
        }
        if let Some(help) = self.help_text(lang) {
            let help_label = messages::lookup(lang, "label-help");
            let _ = writeln!(out, "{pad} = {help_label}: {help}");
        }
        out
    }

    /// One JSON object, for tools (`check --format json`): `severity` and
    /// `code` in English whatever the language, `message` and `help` in `lang`.
    pub fn to_json(&self, lang: Language) -> String {
        let value = serde_json::json!({
            "severity": self.severity,
            "code": self.code(),
            "path": display_path(&self.path),
            "line": self.span.as_ref().map(|s| s.line),
            "column": self.span.as_ref().map(|s| s.col),
            "message": self.text(lang),
            "help": self.help_text(lang),
        });
        value.to_string()
    }
}

pub fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// Sorts diagnostics by file, then line, then severity, so output is stable.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        let key = |d: &Diagnostic| d.span.as_ref().map(|s| (s.line, s.col));
        a.path
            .cmp(&b.path)
            .then_with(|| key(a).cmp(&key(b)))
            .then(a.severity.cmp(&b.severity))
            .then_with(|| a.message.cmp(&b.message))
    });
}

/// Counts of errors and warnings.
pub fn count(diags: &[Diagnostic]) -> (usize, usize) {
    let errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = diags
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
    (errors, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn february() -> Diagnostic {
        let text = "---\ntitle: x\ndate: 2023-02-30\n---\n";
        Diagnostic::error(
            "content/a.md",
            msg!("date-not-on-calendar", date = "2023-02-30"),
        )
        .at_line(text, 3, Some("2023-02-30"))
        .with_help(msg!(
            "help-month-days",
            month = 2u32,
            year = 2023,
            days = 28u32
        ))
    }

    #[test]
    fn render_shows_code_location_caret_and_help_in_english() {
        let shown = february().render(Language::En);
        assert!(
            shown.starts_with(
                "error[date-not-on-calendar]: \"2023-02-30\" is not a date on the calendar\n"
            ),
            "{shown}"
        );
        assert!(shown.contains("--> content/a.md:3:7\n"));
        assert!(shown.contains("3 | date: 2023-02-30\n"));
        assert!(shown.contains("  |       ^^^^^^^^^^\n"));
        assert!(
            shown.contains("= help: month 2 of 2023 has 28 days"),
            "{shown}"
        );
    }

    #[test]
    fn render_in_vietnamese_keeps_the_layout() {
        let shown = february().render(Language::Vi);
        assert!(
            shown.starts_with(
                "lỗi[date-not-on-calendar]: \"2023-02-30\" không phải là ngày có trên lịch\n"
            ),
            "{shown}"
        );
        assert!(shown.contains("--> content/a.md:3:7\n"));
        assert!(shown.contains("  |       ^^^^^^^^^^\n"));
        assert!(
            shown.contains("= gợi ý: tháng 2 năm 2023 có 28 ngày"),
            "{shown}"
        );
    }

    #[test]
    fn json_has_code_line_and_column() {
        let d = Diagnostic::warning("c.md", msg!("date-in-future", date = "2099-01-01"))
            .at_line("a\nbb\n", 2, None);
        for lang in [Language::Vi, Language::En] {
            let v: serde_json::Value = serde_json::from_str(&d.to_json(lang)).unwrap();
            assert_eq!(v["severity"], "warning");
            assert_eq!(v["code"], "date-in-future");
            assert_eq!(v["line"], 2);
            assert_eq!(v["column"], 1);
        }
        let vi: serde_json::Value = serde_json::from_str(&d.to_json(Language::Vi)).unwrap();
        assert!(vi["message"]
            .as_str()
            .unwrap_or_default()
            .contains("tương lai"));
    }
}
