//! Reads what the renderer needs from disk (the theme, the site's unit and
//! honour names, its static folder) and makes the renderer: render itself
//! never touches the disk.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::render::theme::{Theme, ThemeFile};
use crate::render::{Inputs, Renderer};

impl Renderer {
    /// Reads the renderer's inputs for `config` (see `read_inputs`) and
    /// compiles the theme.
    pub fn new(config: &Config) -> Result<Renderer, Vec<Diagnostic>> {
        let inputs = read_inputs(config).map_err(|d| vec![d])?;
        Renderer::from_inputs(config, inputs)
    }
}

/// The theme, the other spellings of units and honours, and the paths of the
/// site's static folder, with the site's default addresses.
pub fn read_inputs(config: &Config) -> Result<Inputs, Diagnostic> {
    Ok(Inputs {
        theme: read_theme(&config.root, &config.theme)?,
        aliases: super::load_units(config)
            .map(|names| crate::search::Aliases::from_names(&names))
            .unwrap_or_default(),
        site_static: crate::assets::static_files(config)
            .into_iter()
            .map(|(p, _)| p)
            .collect(),
        urls: crate::urls::Urls::default(),
    })
}

/// Reads the theme `name`: the embedded default, then `root/themes/<name>/`,
/// then `root/templates/`, each overriding the one before file by file.
pub fn read_theme(root: &Path, name: &str) -> Result<Theme, Diagnostic> {
    let mut files = Theme::default_files();
    let dir = root.join("themes").join(name);
    if dir.is_dir() {
        overlay(&mut files, &dir, "", &Path::new("themes").join(name))?;
    } else if name != "default" {
        return Err(Diagnostic::error(
            PathBuf::from(crate::config::CONFIG_FILE),
            msg!("theme-missing", theme = name),
        )
        .with_help(msg!(
            "help-theme-missing",
            folder = dir.display().to_string()
        )));
    }
    let site_templates = root.join("templates");
    if site_templates.is_dir() {
        overlay(
            &mut files,
            &site_templates,
            "templates/",
            Path::new("templates"),
        )?;
    }
    Ok(Theme::from_files(files))
}

/// Adds every file under `dir` to `files`, keyed by `prefix` + its relative
/// path, its origin `shown` + its relative path.
fn overlay(
    files: &mut BTreeMap<String, ThemeFile>,
    dir: &Path,
    prefix: &str,
    shown: &Path,
) -> Result<(), Diagnostic> {
    for entry in WalkDir::new(dir).sort_by_file_name() {
        let entry = entry
            .map_err(|e| Diagnostic::error(dir, msg!("theme-unreadable", error = e.to_string())))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(dir)
            .unwrap_or(entry.path())
            .to_string_lossy()
            .replace('\\', "/");
        if rel.split('/').any(|part| part.starts_with('.')) {
            continue;
        }
        let bytes = std::fs::read(entry.path()).map_err(|e| {
            Diagnostic::error(
                entry.path(),
                msg!("theme-file-unreadable", error = e.to_string()),
            )
        })?;
        files.insert(format!("{prefix}{rel}"), (bytes, shown.join(&rel)));
    }
    Ok(())
}
