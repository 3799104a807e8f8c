//! The pipeline from a site folder to rendered files, with no writing:
//! load → validate → model → render → check links. `build` writes the result,
//! `check` only reports it.

use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostics::{self, Diagnostic};
use crate::load;
use crate::model::{Corpus, WriteUp};
use crate::render::{links, OutputFile, Renderer};
use crate::validate::{self, units::UnitNames};

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

/// The result of a build in memory.
pub struct Built {
    pub corpus: Corpus,
    pub files: Vec<OutputFile>,
    pub stats: Stats,
}

/// Reads `content/units.yaml` if present.
pub fn load_units(config: &Config) -> Result<UnitNames, Diagnostic> {
    let path = config.content_dir().join(load::UNITS_FILE);
    if !path.exists() {
        return Ok(UnitNames::default());
    }
    let shown = PathBuf::from("content").join(load::UNITS_FILE);
    let text = crate::fsio::read_text(&path).map_err(|mut d| {
        d.path = shown.clone();
        d
    })?;
    UnitNames::parse(&text, shown)
}

/// Loads and validates every write-up; drafts are dropped unless the config keeps them.
pub fn load_writeups(
    config: &Config,
    units: &UnitNames,
) -> (Vec<Arc<WriteUp>>, usize, Vec<Diagnostic>) {
    let content = config.content_dir();
    let mut diags = Vec::new();
    if !content.is_dir() {
        diags.push(
            Diagnostic::error(
                PathBuf::from("content"),
                format!("there is no content folder at {}", content.display()),
            )
            .with_help("run baocao in the site's folder, or pass --root DIR"),
        );
        return (Vec::new(), 0, diags);
    }
    let (files, walk_diags) = load::discover(&content);
    diags.extend(walk_diags);
    let results: Vec<(Option<WriteUp>, Vec<Diagnostic>)> = load::load_all(&config.root, &files)
        .into_par_iter()
        .map(|loaded| match loaded {
            Ok(source) => validate::write_up(&source, units),
            Err(d) => (None, vec![d]),
        })
        .collect();
    let mut writeups = Vec::with_capacity(results.len());
    let mut drafts = 0;
    for (w, d) in results {
        diags.extend(d);
        match w {
            Some(w) if w.draft && !config.include_drafts => drafts += 1,
            Some(w) => writeups.push(Arc::new(w)),
            None => {}
        }
    }
    (writeups, drafts, diags)
}

/// Runs the whole pipeline in memory. Errors and warnings are all in the list;
/// `Built` is `None` when any is an error.
pub fn build(config: &Config) -> (Option<Built>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let units = match load_units(config) {
        Ok(u) => u,
        Err(d) => {
            diags.push(d);
            UnitNames::default()
        }
    };
    let (writeups, drafts_skipped, load_diags) = load_writeups(config, &units);
    diags.extend(load_diags);
    let (corpus, model_diags) = Corpus::build(writeups);
    diags.extend(model_diags);
    let today = chrono::Local::now().date_naive();
    diags.extend(validate::corpus::check(&corpus, &units.known, today));
    let renderer = match Renderer::new(config) {
        Ok(r) => Some(r),
        Err(d) => {
            diags.extend(d);
            None
        }
    };
    if diags.iter().any(Diagnostic::is_error) {
        diagnostics::sort(&mut diags);
        return (None, diags);
    }
    let Some(renderer) = renderer else {
        return (None, diags);
    };
    let (files, render_diags) = renderer.render_all(&corpus);
    diags.extend(render_diags);
    if !diags.iter().any(Diagnostic::is_error) {
        diags.extend(links::check(&files));
    }
    diagnostics::sort(&mut diags);
    if diags.iter().any(Diagnostic::is_error) {
        return (None, diags);
    }
    let stats = Stats {
        pages: files.iter().filter(|f| f.path.ends_with(".html")).count(),
        files: files.len() + 1,
        conferences: corpus.writeups.len(),
        clusters: corpus.clusters.len(),
        units: corpus.units.len(),
        years: corpus.years.len(),
        drafts_skipped,
    };
    (
        Some(Built {
            corpus,
            files,
            stats,
        }),
        diags,
    )
}
