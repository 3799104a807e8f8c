//! The live preview's session: the site held in memory, made once by the
//! pipeline (`crate::pipeline`), then kept up to date change by change.
//!
//! What a change touches is decided in one place, `affected` (see its module):
//! this module reads what changed, patches the indexes and diagnostics, and
//! renders and removes what `affected` says. It holds what only a session
//! needs: the rendered files, the pages held while edits have errors (and the
//! corpus they show, to render what changed once fixed), and the data outputs
//! left out of date until asked for (`refresh_data`). Which paths are watched
//! is the server's business (`cli/serve.rs`).

mod affected;

pub use affected::{affected, Affected, Change};

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;

use crate::config::{Config, Overrides};
use crate::diagnostics::{self, Diagnostic};
use crate::model::{Corpus, WriteUp};
use crate::pipeline::{self, Inputs, Timings};
use crate::render::pages::{self, PageSpec};
use crate::render::rows::{self, RowCache};
use crate::render::{links, OutputFile, Renderer};
use crate::site::{self, FileState, Stats};
use crate::urls::Urls;
use crate::validate::{self, units::UnitNames};

/// The live preview's session: the site as served (pages held in memory),
/// what it was made from, and what the next edits must redo.
pub struct LiveSite {
    pub config: Config,
    /// The command-line values `config` was read with, to read site.yaml
    /// again on each full reload.
    overrides: Overrides,
    renderer: Option<Renderer>,
    units: UnitNames,
    /// Problems of the site as a whole: config, theme, units.yaml, the walk.
    site_diags: Vec<Diagnostic>,
    files: BTreeMap<PathBuf, FileState>,
    corpus: Corpus,
    /// Two write-ups on one page: errors of the indexes.
    model_diags: Vec<Diagnostic>,
    /// The unit-name check, kept up to date edit by edit.
    spellings: validate::corpus::Spellings,
    /// Diagnostics shown until the next change: the warnings of the full
    /// cross-checks (which a load runs, an edit does not) and the problems of
    /// the last rendering.
    until_change: Vec<Diagnostic>,
    /// The rendered site. Shared, not copied: the live preview answers
    /// requests from the last one while the next is being made, and a change
    /// copies the map (not the files) only when someone still holds it.
    pub output: Arc<Output>,
    /// Every current diagnostic, sorted: those of the site, of each file, of
    /// the indexes, of the cross-checks and of the last rendering.
    pub diagnostics: Vec<Diagnostic>,
    /// The output is older than the content (the last change had errors).
    stale: bool,
    /// While edits have errors: what the pages show, when known.
    held: Option<Held>,
    /// Each conference's list row, rendered once.
    rows: RowCache,
    /// The data outputs (search index, exports, feed) are older than the
    /// pages: an edit re-renders pages first, data when asked for.
    data_stale: bool,
    /// How long each stage of the last update took.
    pub timings: Timings,
}

/// The rendered files, by output path.
pub type Output = HashMap<String, Arc<OutputFile>>;

/// What an update did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Update {
    /// Everything was rebuilt.
    Full { pages: usize },
    /// Only these many pages were rendered again, and these removed.
    Pages { rendered: usize, removed: usize },
    /// The content has errors: the output was left as it was.
    Failed,
}

/// What the pages show while edits have errors.
struct Held {
    /// The corpus they were made from.
    corpus: Corpus,
    /// The write-ups changed since.
    changes: BTreeSet<Change>,
}

impl LiveSite {
    /// Loads and renders the whole site, for a preview that follows its
    /// changes. `config` is taken to be site.yaml under `config.root` read with
    /// no command-line value but `--drafts`: each full reload reads it so again.
    pub fn load(config: Config) -> LiveSite {
        let overrides = Overrides {
            include_drafts: config.include_drafts,
            ..Overrides::default()
        };
        LiveSite::load_with(config, overrides)
    }

    /// As `load`, for a config read with these command-line `overrides`, which
    /// every later reading of site.yaml keeps.
    pub fn load_with(config: Config, overrides: Overrides) -> LiveSite {
        let mut live = LiveSite {
            config,
            overrides,
            renderer: None,
            units: UnitNames::default(),
            site_diags: Vec::new(),
            files: BTreeMap::new(),
            corpus: Corpus::default(),
            model_diags: Vec::new(),
            spellings: validate::corpus::Spellings::default(),
            until_change: Vec::new(),
            output: Arc::new(Output::new()),
            diagnostics: Vec::new(),
            stale: true,
            held: None,
            rows: RowCache::new(),
            data_stale: false,
            timings: Vec::new(),
        };
        live.rebuild_all();
        live
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    pub fn stats(&self) -> Stats {
        let output: Vec<&str> = self.output.keys().map(String::as_str).collect();
        let drafts = self.files.values().filter(|f| f.draft_skipped).count();
        pipeline::stats(&self.corpus, drafts, &output)
    }

    /// Reloads everything from disk and renders every page.
    pub fn rebuild_all(&mut self) -> Update {
        self.read_all();
        if self.has_errors() {
            self.stale = true;
            return Update::Failed;
        }
        let clock = Instant::now();
        let update = self.render_everything();
        self.timings
            .push(("render and check links", clock.elapsed()));
        update
    }

    /// Reads, validates and indexes everything, site.yaml included.
    fn read_all(&mut self) {
        self.timings.clear();
        self.held = None;
        let config = self.config.clone();
        let inputs = Inputs::read_again(config, &self.overrides, &mut self.timings);
        let clock = Instant::now();
        let model = pipeline::model(&inputs, validate::corpus::Checks::All);
        self.diagnostics = pipeline::diagnostics(&inputs, &model, &[]);
        let Inputs {
            config,
            units,
            renderer,
            site_diags,
            files,
        } = inputs;
        (self.config, self.units, self.renderer) = (config, units, renderer);
        (self.site_diags, self.files) = (site_diags, files);
        self.corpus = model.corpus;
        self.model_diags = model.model_diags;
        self.spellings = model.spellings;
        self.until_change = model.warnings;
        self.timings
            .push(("index and cross-checks", clock.elapsed()));
    }

    /// Applies changes to these files (created, edited or removed). Editor
    /// temporaries and other files the site does not read are ignored.
    pub fn apply(&mut self, changed: &[PathBuf]) -> Update {
        let mut changes: Vec<(Change, &PathBuf)> = changed
            .iter()
            .filter_map(|p| Change::of(&self.config, p).map(|c| (c, p)))
            .collect();
        changes.sort();
        changes.dedup();
        if self.renderer.is_none() || changes.iter().any(|(c, _)| c.is_whole_site()) {
            return self.rebuild_all();
        }
        if changes.is_empty() {
            return Update::Pages {
                rendered: 0,
                removed: 0,
            };
        }
        self.timings.clear();
        let clock = Instant::now();
        let mut before: Vec<Arc<WriteUp>> = Vec::new();
        let mut after: Vec<Arc<WriteUp>> = Vec::new();
        let mut gone: Vec<Diagnostic> = Vec::new();
        let mut came: Vec<Diagnostic> = Vec::new();
        for (_, p) in &changes {
            if let Some(old) = self.files.remove(*p) {
                before.extend(old.writeup);
                gone.extend(old.diagnostics);
            }
            if p.is_file() {
                let state = site::load_file(&self.config, &self.units, p);
                came.extend(state.diagnostics.iter().cloned());
                after.extend(state.writeup.clone());
                self.files.insert((*p).clone(), state);
            }
        }
        // The corpus the pages show, to know what to render again.
        let shown = self.corpus.clone();
        self.reindex_some(&before, &after, gone, came);
        self.timings
            .push(("re-read, re-index, cross-check", clock.elapsed()));
        let changes: BTreeSet<Change> = changes.into_iter().map(|(c, _)| c).collect();
        if self.has_errors() {
            // The pages stay as they were: remember what they show, so that
            // once fixed only what changed since is rendered again.
            if !self.stale {
                self.held = Some(Held {
                    corpus: shown,
                    changes,
                });
            } else if let Some(held) = &mut self.held {
                held.changes.extend(changes);
            }
            self.stale = true;
            return Update::Failed;
        }
        let (shown, changes) = if !self.stale {
            (shown, changes)
        } else if let Some(mut held) = self.held.take() {
            held.changes.extend(changes);
            (held.corpus, held.changes)
        } else {
            return self.render_everything();
        };
        let mut touched = Affected::default();
        let urls = self.renderer.as_ref().map(|r| r.urls).unwrap_or_default();
        for change in &changes {
            touched.merge(affected(&urls, &shown, &self.corpus, change));
        }
        drop(shown);
        if touched.is_empty() {
            self.stale = false;
            return Update::Pages {
                rendered: 0,
                removed: 0,
            };
        }
        let clock = Instant::now();
        let update = self.render_affected(touched);
        self.timings
            .push(("render affected pages", clock.elapsed()));
        update
    }

    /// Brings the indexes and the diagnostics up to date after `before` were
    /// replaced by `after`, touching only what they touch; `gone` and `came`
    /// are the edited files' own diagnostics, old and new.
    fn reindex_some(
        &mut self,
        before: &[Arc<WriteUp>],
        after: &[Arc<WriteUp>],
        mut gone: Vec<Diagnostic>,
        mut came: Vec<Diagnostic>,
    ) {
        if !self.replace_in_place(before, after) {
            let Some(model) = self.corpus.update(before, after) else {
                self.reindex();
                return;
            };
            if model != self.model_diags {
                came.extend(model.iter().cloned());
                gone.append(&mut std::mem::replace(&mut self.model_diags, model));
            }
        }
        let spelling = self.spellings.update(&self.corpus, before, after);
        gone.extend(spelling.before);
        came.extend(spelling.after);
        gone.append(&mut self.until_change);
        self.patch_diagnostics(gone, came);
    }

    /// Takes `gone` out of the diagnostics and puts `came` in, keeping them
    /// sorted; when many change, or `gone` are not all there, collects them
    /// afresh.
    fn patch_diagnostics(&mut self, mut gone: Vec<Diagnostic>, mut came: Vec<Diagnostic>) {
        if gone.len() + came.len() > 256 {
            self.collect_diagnostics();
            return;
        }
        // Most edits change no diagnostic: what goes and comes back stays.
        came.retain(|d| match gone.iter().position(|g| g == d) {
            Some(at) => {
                gone.swap_remove(at);
                false
            }
            None => true,
        });
        if !gone.is_empty() {
            self.diagnostics
                .retain(|d| match gone.iter().position(|g| g == d) {
                    Some(at) => {
                        gone.swap_remove(at);
                        false
                    }
                    None => true,
                });
            if !gone.is_empty() {
                self.collect_diagnostics();
                return;
            }
        }
        if !came.is_empty() {
            self.diagnostics.append(&mut came);
            // Sorted but for the few at the end: a stable sort merges them in.
            diagnostics::sort(&mut self.diagnostics);
        }
    }

    /// Gathers every diagnostic from where each is kept, sorted.
    fn collect_diagnostics(&mut self) {
        let mut diags = self.site_diags.clone();
        for f in self.files.values() {
            diags.extend(f.diagnostics.iter().cloned());
        }
        diags.extend(self.model_diags.iter().cloned());
        diags.extend(self.spellings.in_corpus_order(&self.corpus));
        diags.extend(self.until_change.iter().cloned());
        diagnostics::sort(&mut diags);
        self.diagnostics = diags;
    }

    /// The common edit — what only the write-up's own page shows — needs no
    /// re-index: the new version takes the old one's place. Returns whether
    /// it applied.
    fn replace_in_place(&mut self, before: &[Arc<WriteUp>], after: &[Arc<WriteUp>]) -> bool {
        let ([old], [new]) = (before, after) else {
            return false;
        };
        if !affected::same_place(old, new) {
            return false;
        }
        let Some(at) = self.corpus.position(&old.slug) else {
            return false;
        };
        if !Arc::ptr_eq(&self.corpus.writeups[at], old) {
            return false;
        }
        self.corpus.writeups[at] = Arc::clone(new);
        true
    }

    /// Rebuilds the corpus and the checks that can fail from the file states.
    fn reindex(&mut self) {
        let (corpus, model_diags) = Corpus::build(
            self.files
                .values()
                .filter_map(|f| f.writeup.clone())
                .collect(),
        );
        self.spellings = validate::corpus::Spellings::new(&corpus, &self.units.known);
        self.model_diags = model_diags;
        self.until_change = Vec::new();
        self.corpus = corpus;
        self.collect_diagnostics();
    }

    /// Problems of rendering: shown until the next change.
    fn show_until_change(&mut self, diags: Vec<Diagnostic>) {
        self.until_change.extend(diags.iter().cloned());
        self.diagnostics.extend(diags);
        diagnostics::sort(&mut self.diagnostics);
    }

    fn render_everything(&mut self) -> Update {
        let Some(renderer) = &self.renderer else {
            return Update::Failed;
        };
        self.rows = match rows::build_cache(renderer, &self.corpus) {
            Ok(c) => c,
            Err(d) => {
                self.show_until_change(vec![d]);
                self.stale = true;
                return Update::Failed;
            }
        };
        let memory = pipeline::Memory::default();
        let mut diags = renderer.render_streaming(&self.corpus, &self.rows, &memory);
        let mut files = memory.into_files();
        diags.extend(pipeline::static_clashes(
            &self.config,
            &renderer.urls,
            &self.corpus,
        ));
        let (assets, asset_diags) =
            pipeline::asset_files(&self.config, &self.corpus.writeups, true);
        files.extend(assets);
        diags.extend(asset_diags);
        if diags.is_empty() {
            diags = links::check(&files);
        }
        if diags.iter().any(Diagnostic::is_error) {
            self.show_until_change(diags);
            self.stale = true;
            return Update::Failed;
        }
        self.output = Arc::new(
            files
                .into_iter()
                .map(|f| (f.path.clone(), Arc::new(f)))
                .collect(),
        );
        self.stale = false;
        self.held = None;
        self.data_stale = false;
        Update::Full {
            pages: self.output.len(),
        }
    }

    /// Renders the pages `touched` names, removes the outputs it names, and
    /// checks the links of what was rendered against the whole site.
    fn render_affected(&mut self, touched: Affected) -> Update {
        let Some(renderer) = &self.renderer else {
            return Update::Failed;
        };
        let new = &self.corpus;
        self.data_stale |= touched.data;
        // The rows of the edited write-ups, before the pages that list them.
        for slug in &touched.rows_gone {
            self.rows.remove(slug);
        }
        match renderer.render_rows(new, &touched.writeups, rows::LIST_ROOT) {
            Ok(fresh) => {
                for (&i, r) in touched.writeups.iter().zip(fresh) {
                    self.rows.insert(new.writeups[i].slug.clone(), r);
                }
            }
            Err(d) => {
                self.show_until_change(vec![d]);
                self.stale = true;
                return Update::Failed;
            }
        }
        let shared = pages::Shared::new(new, renderer, &self.rows);
        let rendered: Vec<(OutputFile, Vec<Diagnostic>)> = touched
            .render
            .par_iter()
            .map(|spec| renderer.render_page(spec, new, &shared))
            .collect();
        let mut diags = Vec::new();
        let mut pages_out = Vec::with_capacity(rendered.len());
        for (file, d) in rendered {
            diags.extend(d);
            pages_out.push(file);
        }
        // The edited write-ups' photos and attachments (from the cache unless new).
        let edited: Vec<Arc<WriteUp>> = touched
            .writeups
            .iter()
            .map(|&i| Arc::clone(&new.writeups[i]))
            .collect();
        let (assets, asset_diags) = pipeline::asset_files(&self.config, &edited, false);
        pages_out.extend(assets);
        diags.extend(asset_diags);
        let fresh: BTreeSet<String> = pages_out.iter().map(|f| f.path.clone()).collect();
        let output = Arc::make_mut(&mut self.output);
        let removed = touched
            .remove
            .iter()
            .filter(|p| !fresh.contains(*p) && output.remove(*p).is_some())
            .count();
        let rendered_count = pages_out.len();
        // Links of the re-rendered pages must still resolve, against the whole site.
        // (The data outputs may be re-rendered later, but their paths are the plan's.)
        let planned: Vec<String> = pipeline::deferred(new, &self.config)
            .iter()
            .map(|s| s.path(&renderer.urls, new))
            .collect();
        let all: links::Written = output
            .keys()
            .chain(&fresh)
            .chain(&planned)
            .map(String::as_str)
            .collect();
        pages_out.sort_by(|a, b| a.path.cmp(&b.path));
        let broken: Vec<Diagnostic> = pages_out
            .par_iter()
            .flat_map_iter(|f| links::check_one(f, &all))
            .collect();
        drop(all);
        diags.extend(broken);
        for f in pages_out {
            output.insert(f.path.clone(), Arc::new(f));
        }
        if diags.iter().any(Diagnostic::is_error) {
            self.show_until_change(diags);
            self.stale = true;
            return Update::Failed;
        }
        self.stale = false;
        Update::Pages {
            rendered: rendered_count,
            removed,
        }
    }

    /// Gives the site its own copy of the output map (of the map, not of the
    /// files) when someone else still holds it, as the live preview's
    /// snapshots do: the next change then writes to it without copying
    /// first. For idle time; does nothing when the map is not shared.
    pub fn unshare_output(&mut self) {
        Arc::make_mut(&mut self.output);
    }

    /// Whether the data outputs (see `is_data_output`) are older than the
    /// pages: an edit left them so, and `refresh_data` would redo them.
    pub fn data_pending(&self) -> bool {
        self.data_stale && !self.has_errors()
    }

    /// Renders the data outputs again (search index, exports, sitemap, feed,
    /// dossiers): those of the plan that are deferred.
    pub fn refresh_data(&mut self) {
        if !self.data_stale || self.has_errors() {
            return;
        }
        let Some(renderer) = &self.renderer else {
            return;
        };
        let corpus = &self.corpus;
        let mut specs = pipeline::deferred(corpus, &self.config);
        // The search index is many files, made together.
        specs.retain(|s| *s != PageSpec::SearchIndex);
        let mut fresh: Vec<OutputFile> =
            renderer.render_specs(&specs, corpus, &self.rows, &|s, shared| {
                renderer.render_page(s, corpus, shared).0
            });
        fresh.extend(renderer.search_files(corpus).0);
        // A cluster or year that is gone takes its CSV and dossier with it,
        // and a term that is gone its shard of the search index.
        let output = Arc::make_mut(&mut self.output);
        output.retain(|p, _| {
            let index = renderer.urls.is_search_file(p);
            !(renderer.urls.is_data_file(p) || Urls::is_dossier(p) || index)
        });
        for f in fresh {
            output.insert(f.path.clone(), Arc::new(f));
        }
        self.data_stale = false;
    }
}

/// Whether `path` is one of the data outputs, which an edit leaves to be
/// rendered on demand (search index, exports, sitemap, feed, dossiers).
pub fn is_data_output(path: &str) -> bool {
    [".js", ".csv", ".json", ".xml"]
        .iter()
        .any(|x| path.ends_with(x))
        || Urls::is_dossier(path)
}
