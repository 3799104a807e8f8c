//! The site configuration: `site.yaml` at the root, every key optional.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostics::Diagnostic;
use crate::fsio;

pub const CONFIG_FILE: &str = "site.yaml";

/// `site.yaml` as written. Unknown keys are errors so a typo cannot pass silently.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: Option<String>,
    description: Option<String>,
    language: Option<String>,
    base_url: Option<String>,
    theme: Option<String>,
    output: Option<PathBuf>,
    trust_html: Option<bool>,
}

/// The language of the site's pages and of every message: `language:` in
/// site.yaml, Vietnamese unless it says `en`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    Vi,
    En,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::Vi => "vi",
            Language::En => "en",
        }
    }

    pub fn thousands_sep(self) -> char {
        match self {
            Language::Vi => '.',
            Language::En => ',',
        }
    }

    pub fn format_date(self, date: chrono::NaiveDate) -> String {
        match self {
            Language::Vi => date.format("%d/%m/%Y").to_string(),
            Language::En => date.format("%-d %b %Y").to_string(),
        }
    }
}

/// The resolved configuration: defaults filled in, paths absolute.
#[derive(Debug, Clone)]
pub struct Config {
    pub root: PathBuf,
    pub title: Option<String>,
    pub description: Option<String>,
    pub language: Language,
    /// Always ends with '/', when set.
    pub base_url: Option<String>,
    pub theme: String,
    pub output: PathBuf,
    pub trust_html: bool,
    pub include_drafts: bool,
}

impl Config {
    pub fn content_dir(&self) -> PathBuf {
        self.root.join("content")
    }
}

/// Command-line values that override the file.
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub include_drafts: bool,
}

/// A base URL as given (site.yaml or `--base-url`): `Ok(None)` when blank, the
/// URL ending with '/' when it is http(s), else `Err` with the trimmed text.
pub fn parse_base_url(u: &str) -> Result<Option<String>, String> {
    let u = u.trim();
    if u.is_empty() {
        Ok(None)
    } else if !(u.starts_with("http://") || u.starts_with("https://")) {
        Err(u.to_string())
    } else if u.ends_with('/') {
        Ok(Some(u.to_string()))
    } else {
        Ok(Some(format!("{u}/")))
    }
}

/// The language of the messages for the site at `root` when its `site.yaml`
/// cannot be read as a whole: a line `language: en` is enough. Vietnamese
/// otherwise, and when there is no site.yaml.
pub fn language_hint(root: &Path) -> Language {
    let Ok(text) = std::fs::read_to_string(root.join(CONFIG_FILE)) else {
        return Language::Vi;
    };
    let english = text.lines().any(|l| {
        l.strip_prefix("language:")
            .map(|v| v.split('#').next().unwrap_or_default().trim())
            .is_some_and(|v| v.trim_matches(['"', '\'']) == "en")
    });
    if english {
        Language::En
    } else {
        Language::Vi
    }
}

/// Reads `site.yaml` under `root` (a missing file means all defaults).
pub fn load(root: &Path, overrides: &Overrides) -> Result<Config, Vec<Diagnostic>> {
    let path = root.join(CONFIG_FILE);
    let shown = PathBuf::from(CONFIG_FILE);
    let raw: RawConfig = if path.exists() {
        let text = fsio::read_text(&path).map_err(|e| vec![e])?;
        if text.trim().is_empty() {
            RawConfig::default()
        } else {
            serde_yaml::from_str(&text).map_err(|e| {
                let line = e.location().map_or(1, |l| l.line());
                vec![
                    Diagnostic::error(&shown, msg!("config-invalid", error = e.to_string()))
                        .at_line(&text, line, None)
                        .with_help(msg!("help-config-keys")),
                ]
            })?
        }
    } else {
        RawConfig::default()
    };
    let RawConfig {
        title,
        description,
        language,
        base_url,
        theme,
        output,
        trust_html,
    } = raw;
    let mut errors = Vec::new();
    let language = match language.as_deref().map(str::trim) {
        None | Some("vi") => Language::Vi,
        Some("en") => Language::En,
        Some(other) => {
            errors.push(
                Diagnostic::error(&shown, msg!("config-language-unknown", language = other))
                    .with_help(msg!("help-config-language")),
            );
            Language::Vi
        }
    };
    let base_url = overrides.base_url.clone().or(base_url);
    let base_url = match base_url.as_deref().map(parse_base_url) {
        Some(Err(u)) => {
            errors.push(
                Diagnostic::error(&shown, msg!("config-base-url-invalid", url = u))
                    .with_help(msg!("help-base-url")),
            );
            None
        }
        Some(Ok(u)) => u,
        None => None,
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    let output = overrides
        .output
        .clone()
        .or(output)
        .unwrap_or_else(|| PathBuf::from("public"));
    let output = if output.is_absolute() {
        output
    } else if overrides.output.is_some() {
        // A path typed on the command line is relative to where the user is.
        std::env::current_dir()
            .map(|d| d.join(&output))
            .unwrap_or(output)
    } else {
        root.join(output)
    };
    Ok(Config {
        root: root.to_path_buf(),
        title,
        description,
        language,
        base_url,
        theme: theme.unwrap_or_else(|| "default".to_string()),
        output,
        trust_html: trust_html.unwrap_or(false),
        include_drafts: overrides.include_drafts,
    })
}

#[cfg(test)]
#[path = "config_tests.rs"]
mod tests;
