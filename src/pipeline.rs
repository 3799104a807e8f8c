//! The pipeline from a site folder to its files, one stage after the other:
//!
//! ```text
//! Inputs::read  config, units.yaml, theme, every content file read and validated
//! model         the corpus (indexes by cluster, unit, year) and the cross-checks
//! Site::render  every page, its links checked, handed to a sink as it is made
//! ```
//!
//! `build` hands the pages to a sink that writes them, `check` to none (or,
//! with `--full`, to one that keeps nothing). The live preview (`crate::live`)
//! reads and renders with the same functions, then keeps what it made.

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::{self, Config, Overrides};
use crate::diagnostics::{self, Diagnostic};
use crate::model::{Corpus, WriteUp};
use crate::render::pages::{self, PageSpec};
use crate::render::rows::{self, RowCache};
use crate::render::{OutputFile, Renderer, Sink};
use crate::site::{self, FileState, Stats};
use crate::validate::{self, units::UnitNames};

/// How long each stage took, in order, for `--timings`.
pub type Timings = Vec<(&'static str, Duration)>;

/// A stopwatch that records one lap per stage.
struct Laps<'t> {
    timings: &'t mut Timings,
    clock: Instant,
}

impl Laps<'_> {
    fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.timings.push((stage, now - self.clock));
        self.clock = now;
    }
}

/// Everything the site is made from, read and validated file by file: the
/// first two stages.
pub struct Inputs {
    pub config: Config,
    pub units: UnitNames,
    /// The theme, when it loads.
    pub renderer: Option<Renderer>,
    /// Problems of the site as a whole: config, theme, units.yaml, the walk.
    pub site_diags: Vec<Diagnostic>,
    /// Each content file's write-up and diagnostics.
    pub files: BTreeMap<PathBuf, FileState>,
}

impl Inputs {
    /// Reads units.yaml, the theme and every content file of the site `config`
    /// describes, validating each file.
    pub fn read(config: Config, timings: &mut Timings) -> Inputs {
        Inputs::read_from(config, Vec::new(), timings, Instant::now())
    }

    /// As `read`, reading site.yaml again first with `overrides`: a config
    /// with errors leaves `config` in place, and its errors are the site's.
    pub fn read_again(config: Config, overrides: &Overrides, timings: &mut Timings) -> Inputs {
        let clock = Instant::now();
        let (config, diags) = match config::load(&config.root, overrides) {
            Ok(c) => (c, Vec::new()),
            Err(d) => (config, d),
        };
        Inputs::read_from(config, diags, timings, clock)
    }

    /// The reading itself; the first stage's time counts from `clock`.
    fn read_from(
        config: Config,
        mut site_diags: Vec<Diagnostic>,
        timings: &mut Timings,
        clock: Instant,
    ) -> Inputs {
        let mut laps = Laps { timings, clock };
        let units = match site::load_units(&config) {
            Ok(u) => u,
            Err(d) => {
                site_diags.push(d);
                UnitNames::default()
            }
        };
        let renderer = match Renderer::new(&config) {
            Ok(r) => Some(r),
            Err(d) => {
                site_diags.extend(d);
                None
            }
        };
        let (paths, walk_diags) = site::content_files(&config);
        site_diags.extend(walk_diags);
        laps.lap("config, theme, walk");
        let files = paths
            .into_par_iter()
            .map(|p| {
                let state = site::load_file(&config, &units, &p);
                (p, state)
            })
            .collect();
        laps.lap("read and validate");
        Inputs {
            config,
            units,
            renderer,
            site_diags,
            files,
        }
    }

    /// Every valid write-up, by file.
    pub fn writeups(&self) -> Vec<Arc<WriteUp>> {
        self.files
            .values()
            .filter_map(|f| f.writeup.clone())
            .collect()
    }

    /// How many drafts were left out.
    pub fn drafts_skipped(&self) -> usize {
        self.files.values().filter(|f| f.draft_skipped).count()
    }
}

/// The third stage: the corpus and the checks across files.
pub struct Model {
    pub corpus: Corpus,
    /// Two write-ups on one page: errors of the indexes.
    pub model_diags: Vec<Diagnostic>,
    /// The unit-name check.
    pub spellings: validate::corpus::Spellings,
    /// The warnings of the full cross-checks (`Checks::All` only).
    pub warnings: Vec<Diagnostic>,
}

/// Indexes the valid write-ups of `inputs` and checks them across files.
pub fn model(inputs: &Inputs, checks: validate::corpus::Checks) -> Model {
    let (corpus, model_diags) = Corpus::build(inputs.writeups());
    let spellings = validate::corpus::Spellings::new(&corpus, &inputs.units.known);
    let warnings = match checks {
        validate::corpus::Checks::All => {
            let today = chrono::Local::now().date_naive();
            validate::corpus::warnings(&corpus, today)
        }
        validate::corpus::Checks::ErrorsOnly => Vec::new(),
    };
    Model {
        corpus,
        model_diags,
        spellings,
        warnings,
    }
}

/// Every diagnostic of the inputs and the model, plus `more`, sorted.
pub fn diagnostics(inputs: &Inputs, model: &Model, more: &[Diagnostic]) -> Vec<Diagnostic> {
    let mut diags = inputs.site_diags.clone();
    for f in inputs.files.values() {
        diags.extend(f.diagnostics.iter().cloned());
    }
    diags.extend(model.model_diags.iter().cloned());
    diags.extend(model.spellings.in_corpus_order(&model.corpus));
    diags.extend(model.warnings.iter().cloned());
    diags.extend(more.iter().cloned());
    diagnostics::sort(&mut diags);
    diags
}

/// The figures of the summary line; `output` is the paths of the rendered
/// files when they are kept (the live preview), none for a streamed build.
pub fn stats(corpus: &Corpus, drafts_skipped: usize, output: &[&str]) -> Stats {
    Stats {
        pages: output.iter().filter(|p| p.ends_with(".html")).count(),
        files: output.len() + 1,
        conferences: corpus.writeups.len(),
        clusters: corpus.clusters.len(),
        units: corpus.units.len(),
        years: corpus.years.len(),
        drafts_skipped,
    }
}

/// A site read, validated and modelled, ready to render: what `build` and
/// `check` run.
pub struct Site {
    pub inputs: Inputs,
    pub model: Model,
    /// Every diagnostic so far, sorted.
    pub diagnostics: Vec<Diagnostic>,
    pub timings: Timings,
}

impl Site {
    /// Reads, validates and models the site `config` describes.
    pub fn read(config: Config) -> Site {
        let mut timings = Timings::new();
        let inputs = Inputs::read(config, &mut timings);
        let clock = Instant::now();
        let model = model(&inputs, validate::corpus::Checks::All);
        let diagnostics = diagnostics(&inputs, &model, &[]);
        timings.push(("index and cross-checks", clock.elapsed()));
        Site {
            inputs,
            model,
            diagnostics,
            timings,
        }
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    pub fn stats(&self) -> Stats {
        stats(&self.model.corpus, self.inputs.drafts_skipped(), &[])
    }

    /// Renders every body and reports its broken links to other write-ups: the
    /// content checks of rendering, without making pages (for `check`).
    pub fn check_bodies(&self) -> Vec<Diagnostic> {
        let Some(renderer) = &self.inputs.renderer else {
            return Vec::new();
        };
        let corpus = &self.model.corpus;
        let no_rows = RowCache::new();
        let shared = pages::Shared::new(corpus, renderer, &no_rows);
        let targets = crate::render::markdown::LinkTargets {
            slug_by_rel: &shared.slug_by_rel,
            trust_html: self.inputs.config.trust_html,
        };
        corpus
            .writeups
            .par_iter()
            .flat_map_iter(|w| crate::render::markdown::render_body(w, &targets).1)
            .collect()
    }

    /// Renders every output and hands each to `sink` as soon as it is made,
    /// keeping none: each page's links are checked against the plan's paths.
    /// Returns the diagnostics of rendering, link checking and the sink.
    pub fn render(&mut self, sink: &dyn Sink) -> Vec<Diagnostic> {
        let clock = Instant::now();
        let Some(renderer) = &self.inputs.renderer else {
            return Vec::new();
        };
        let (config, corpus) = (&self.inputs.config, &self.model.corpus);
        let rows = match rows::build_cache(renderer, corpus) {
            Ok(c) => c,
            Err(d) => return vec![d],
        };
        let mut diags = renderer.render_streaming(corpus, &rows, sink);
        drop(rows);
        self.timings
            .push(("render, check links, write", clock.elapsed()));
        let clock = Instant::now();
        diags.extend(static_clashes(config, &renderer.urls, corpus));
        diags.extend(crate::assets::produce(
            config,
            &corpus.writeups,
            true,
            &|path, from| sink.copy(path, from),
        ));
        self.timings
            .push(("photos and attachments", clock.elapsed()));
        diags
    }
}

/// Files of the site's static folder that would take the place of one the
/// site makes.
pub fn static_clashes(
    config: &Config,
    urls: &crate::urls::Urls,
    corpus: &Corpus,
) -> Vec<Diagnostic> {
    let statics = crate::assets::static_files(config);
    if statics.is_empty() {
        return Vec::new();
    }
    let mut taken: HashSet<String> = pages::plan(corpus, config.base_url.is_some())
        .iter()
        .map(|s| s.path(urls, corpus))
        .collect();
    for w in &corpus.writeups {
        taken.extend(w.assets.files.iter().flat_map(crate::assets::File::outputs));
    }
    statics
        .iter()
        .filter(|(p, _)| {
            taken.contains(p) || p.starts_with(&urls.asset("")) || p == crate::write::MANIFEST
        })
        .map(|(p, _)| crate::assets::static_clash(p))
        .collect()
}

/// The photos' versions and the attachments of `writeups` (and the static
/// folder's files, `with_static`), read into memory.
pub fn asset_files(
    config: &Config,
    writeups: &[Arc<WriteUp>],
    with_static: bool,
) -> (Vec<OutputFile>, Vec<Diagnostic>) {
    let files = std::sync::Mutex::new(Vec::new());
    let diags = crate::assets::produce(config, writeups, with_static, &|path, from| {
        let bytes = std::fs::read(from).map_err(|e| {
            Diagnostic::error(
                from.to_path_buf(),
                msg!("cannot-read-file", error = e.to_string()),
            )
        })?;
        if let Ok(mut f) = files.lock() {
            f.push(OutputFile {
                path: path.to_string(),
                bytes,
            });
        }
        Ok(())
    });
    let mut files = files.into_inner().unwrap_or_default();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    (files, diags)
}

/// The pages and data outputs the live preview leaves to be made when asked
/// for (see `PageSpec::is_deferred`), as planned for `corpus`.
pub fn deferred(corpus: &Corpus, config: &Config) -> Vec<PageSpec> {
    pages::plan(corpus, config.base_url.is_some())
        .into_iter()
        .filter(PageSpec::is_deferred)
        .collect()
}

/// A sink that keeps every output in memory, by path: the live preview's
/// site, made by the same streaming render as a build.
#[derive(Default)]
pub struct Memory {
    files: std::sync::Mutex<BTreeMap<String, Vec<u8>>>,
}

impl Memory {
    /// The outputs, sorted by path.
    pub fn into_files(self) -> Vec<OutputFile> {
        let files = self.files.into_inner().unwrap_or_else(|e| e.into_inner());
        files
            .into_iter()
            .map(|(path, bytes)| OutputFile { path, bytes })
            .collect()
    }

    fn with<T>(&self, f: impl FnOnce(&mut BTreeMap<String, Vec<u8>>) -> T) -> T {
        match self.files.lock() {
            Ok(mut files) => f(&mut files),
            Err(poisoned) => f(&mut poisoned.into_inner()),
        }
    }
}

impl Sink for Memory {
    fn file(&self, file: OutputFile) -> Result<(), Diagnostic> {
        self.with(|files| files.insert(file.path, file.bytes));
        Ok(())
    }

    fn part(&self, path: &str, bytes: &[u8], _last: bool) -> Result<(), Diagnostic> {
        self.with(|files| {
            files
                .entry(path.to_string())
                .or_default()
                .extend_from_slice(bytes)
        });
        Ok(())
    }

    fn copy(&self, path: &str, from: &std::path::Path) -> Result<(), Diagnostic> {
        let bytes = std::fs::read(from).map_err(|e| {
            Diagnostic::error(from, msg!("cannot-read-file", error = e.to_string()))
        })?;
        self.with(|files| files.insert(path.to_string(), bytes));
        Ok(())
    }
}
