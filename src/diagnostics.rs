//! Diagnostics: what is wrong with the content, where, and how to fix it.
//!
//! Every stage collects diagnostics instead of stopping at the first problem; the
//! exit code is decided once, at the end. Rendering to text lives here too so that
//! `build` and `check` print the same thing.

use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Note,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        })
    }
}

/// A place in a file: 1-based line and column, and how many characters to underline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Span {
    pub line: usize,
    pub col: usize,
    pub len: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file, as the user would type it (relative to the site root where possible).
    pub path: PathBuf,
    pub span: Option<Span>,
    pub message: String,
    pub help: Option<String>,
    /// The text of the offending line, for the caret display.
    #[serde(skip)]
    pub source_line: Option<String>,
}

impl Diagnostic {
    pub fn error(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, path, message)
    }

    pub fn warning(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, path, message)
    }

    pub fn note(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self::new(Severity::Note, path, message)
    }

    fn new(severity: Severity, path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            path: path.into(),
            span: None,
            message: message.into(),
            help: None,
            source_line: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
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

    /// rustc-style text: the headline, the location, the line with a caret, the help.
    pub fn render(&self) -> String {
        let mut out = format!("{}: {}\n", self.severity, self.message);
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
        if let Some(help) = &self.help {
            let _ = writeln!(out, "{pad} = help: {help}");
        }
        out
    }

    /// One JSON object, for tools (`check --format json`).
    pub fn to_json(&self) -> String {
        let value = serde_json::json!({
            "severity": self.severity,
            "path": display_path(&self.path),
            "line": self.span.as_ref().map(|s| s.line),
            "column": self.span.as_ref().map(|s| s.col),
            "message": self.message,
            "help": self.help,
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

    #[test]
    fn render_shows_location_caret_and_help() {
        let text = "---\ntitle: x\ndate: 2023-02-30\n---\n";
        let d = Diagnostic::error("content/a.md", "2023-02-30 is not a date")
            .at_line(text, 3, Some("2023-02-30"))
            .with_help("February 2023 has 28 days");
        let shown = d.render();
        assert!(shown.starts_with("error: 2023-02-30 is not a date\n"));
        assert!(shown.contains("--> content/a.md:3:7\n"));
        assert!(shown.contains("3 | date: 2023-02-30\n"));
        assert!(shown.contains("  |       ^^^^^^^^^^\n"));
        assert!(shown.contains("= help: February 2023 has 28 days"));
    }

    #[test]
    fn json_has_line_and_column() {
        let d = Diagnostic::warning("c.md", "m").at_line("a\nbb\n", 2, None);
        let v: serde_json::Value = serde_json::from_str(&d.to_json()).unwrap();
        assert_eq!(v["severity"], "warning");
        assert_eq!(v["line"], 2);
        assert_eq!(v["column"], 1);
    }
}
