//! The pipeline from a site folder to rendered files, with no writing:
//! load → validate → model → render → check links. `build` writes the result,
//! `check` only reports it.

use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::load;
use crate::model::WriteUp;
use crate::validate::{self, units::UnitNames};

pub mod theme;

/// Figures for the summary line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    pub pages: usize,
    pub files: usize,
    pub conferences: usize,
    pub clusters: usize,
    pub units: usize,
    pub years: usize,
    pub drafts_skipped: usize,
}

/// Reads `content/units.yaml` and `content/honours.yaml` if present.
pub fn load_units(config: &Config) -> Result<UnitNames, Diagnostic> {
    let read = |file: &str| -> Result<Option<(String, PathBuf)>, Diagnostic> {
        let path = config.content_dir().join(file);
        if !path.exists() {
            return Ok(None);
        }
        let shown = PathBuf::from("content").join(file);
        let text = crate::fsio::read_text(&path).map_err(|mut d| {
            d.path = shown.clone();
            d
        })?;
        Ok(Some((text, shown)))
    };
    let mut names = match read(load::UNITS_FILE)? {
        Some((text, shown)) => UnitNames::parse(&text, shown)?,
        None => UnitNames::default(),
    };
    if let Some((text, shown)) = read(load::HONOURS_FILE)? {
        names.honours = crate::validate::honours::Register::with_site(&text, shown)?;
    }
    Ok(names)
}

/// One content file after loading and validation.
#[derive(Debug, Clone, Default)]
pub struct FileState {
    /// The write-up, when the file is valid and not a left-out draft.
    pub writeup: Option<Arc<WriteUp>>,
    /// The file is a draft left out of this build.
    pub draft_skipped: bool,
    pub diagnostics: Vec<Diagnostic>,
}

/// Loads and validates one file. A draft that is left out is not held to the
/// contract: an imported draft may still lack its date.
pub fn load_file(config: &Config, units: &UnitNames, file: &std::path::Path) -> FileState {
    let mut source = match load::load_one(&config.root, file) {
        Ok(s) => s,
        Err(d) => {
            return FileState {
                diagnostics: vec![d],
                ..FileState::default()
            }
        }
    };
    let (w, mut diagnostics) = validate::write_up(&mut source, units);
    // A draft left out of the build is not published: its files are not read.
    let w = w.and_then(|w| {
        if w.draft && !config.include_drafts {
            Some(w)
        } else {
            with_assets(config, w, &mut diagnostics)
        }
    });
    match w {
        Some(w) if w.draft && !config.include_drafts => FileState {
            draft_skipped: true,
            ..FileState::default()
        },
        Some(w) => FileState {
            writeup: Some(Arc::new(w)),
            draft_skipped: false,
            diagnostics,
        },
        None if !config.include_drafts && validate::is_marked_draft(&source) => FileState {
            draft_skipped: true,
            ..FileState::default()
        },
        None => FileState {
            diagnostics,
            ..FileState::default()
        },
    }
}

/// `w` with its photos and attachments found and checked; `None` when one
/// of them is an error (the diagnostics say which).
fn with_assets(config: &Config, mut w: WriteUp, diags: &mut Vec<Diagnostic>) -> Option<WriteUp> {
    let (assets, problems) = crate::assets::resolve(config, &w);
    let failed = problems.iter().any(Diagnostic::is_error);
    diags.extend(problems);
    w.assets = assets;
    (!failed).then_some(w)
}

/// The Markdown files under content/, or the error of a missing content folder.
pub fn content_files(config: &Config) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let content = config.content_dir();
    if !content.is_dir() {
        let d = Diagnostic::error(
            PathBuf::from("content"),
            msg!(
                "content-folder-missing",
                path = content.display().to_string()
            ),
        )
        .with_help(msg!("help-content-folder-missing"));
        return (Vec::new(), vec![d]);
    }
    load::discover(&content)
}

/// Loads and validates every write-up; drafts are dropped unless the config keeps them.
pub fn load_writeups(
    config: &Config,
    units: &UnitNames,
) -> (Vec<Arc<WriteUp>>, usize, Vec<Diagnostic>) {
    let (files, mut diags) = content_files(config);
    let states: Vec<FileState> = files
        .par_iter()
        .map(|f| load_file(config, units, f))
        .collect();
    let mut writeups = Vec::with_capacity(states.len());
    let mut drafts = 0;
    for state in states {
        diags.extend(state.diagnostics);
        drafts += usize::from(state.draft_skipped);
        writeups.extend(state.writeup);
    }
    (writeups, drafts, diags)
}
