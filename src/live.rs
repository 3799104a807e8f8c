//! The site held in memory for the live preview: a full build once, then, for
//! each edited write-up, only the pages that depend on it.
//!
//! An edit to one write-up re-reads that file alone, re-indexes the corpus (the
//! write-ups are shared, so this copies no bodies), and re-renders the pages the
//! old or new version appears on: its own page and its neighbours', its cluster,
//! its units, its year, and the index pages. Any other change (config, theme,
//! units.yaml) rebuilds everything.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostics::{self, Diagnostic};
use crate::model::{ClusterKey, Corpus, WriteUp};
use crate::render::context::{cluster_url, unit_url, year_url};
use crate::render::pages::{self, PageSpec};
use crate::render::rows::{self, RowCache};
use crate::render::{links, OutputFile, Renderer};
use crate::site::{self, FileState, Stats};
use crate::text;
use crate::validate::{self, units::UnitNames};

pub struct LiveSite {
    pub config: Config,
    renderer: Option<Renderer>,
    units: UnitNames,
    /// Problems of the site as a whole: config, theme, units.yaml, the walk.
    site_diags: Vec<Diagnostic>,
    files: BTreeMap<PathBuf, FileState>,
    corpus: Corpus,
    /// The rendered site, by output path.
    pub output: HashMap<String, OutputFile>,
    /// Every current diagnostic, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// The output is older than the content (the last change had errors).
    stale: bool,
    /// Each conference's list row, rendered once.
    rows: RowCache,
    /// The data outputs (search index, exports, feed) are older than the
    /// pages: an edit re-renders pages first, data when asked for.
    data_stale: bool,
    /// How long each stage of the last full build took, for `--timings`.
    pub timings: Vec<(&'static str, std::time::Duration)>,
}

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

impl LiveSite {
    /// Loads and renders the whole site.
    pub fn load(config: Config) -> LiveSite {
        let mut live = LiveSite::empty(config);
        live.rebuild_all();
        live
    }

    /// Reads, validates and indexes the site without rendering it: for `build`
    /// and `check`, which stream the pages instead of keeping them.
    pub fn prepare(config: Config) -> LiveSite {
        let mut live = LiveSite::empty(config);
        live.read_all();
        live
    }

    fn empty(config: Config) -> LiveSite {
        LiveSite {
            config,
            renderer: None,
            units: UnitNames::default(),
            site_diags: Vec::new(),
            files: BTreeMap::new(),
            corpus: Corpus::default(),
            output: HashMap::new(),
            diagnostics: Vec::new(),
            stale: true,
            rows: RowCache::new(),
            data_stale: false,
            timings: Vec::new(),
        }
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    pub fn stats(&self) -> Stats {
        Stats {
            pages: self.output.keys().filter(|p| p.ends_with(".html")).count(),
            files: self.output.len() + 1,
            conferences: self.corpus.writeups.len(),
            clusters: self.corpus.clusters.len(),
            units: self.corpus.units.len(),
            years: self.corpus.years.len(),
            drafts_skipped: self.files.values().filter(|f| f.draft_skipped).count(),
        }
    }

    /// Reloads everything from disk and renders every page.
    pub fn rebuild_all(&mut self) -> Update {
        self.read_all();
        if self.has_errors() {
            self.stale = true;
            return Update::Failed;
        }
        let clock = std::time::Instant::now();
        let update = self.render_everything();
        self.timings
            .push(("render and check links", clock.elapsed()));
        update
    }

    /// Renders every body and reports its broken links to other write-ups: the
    /// content checks of rendering, without making pages (for `check`).
    pub fn check_bodies(&self) -> Vec<Diagnostic> {
        let Some(renderer) = &self.renderer else {
            return Vec::new();
        };
        let shared = pages::Shared::new(&self.corpus, renderer, &self.rows);
        let targets = crate::render::markdown::LinkTargets {
            slug_by_rel: &shared.slug_by_rel,
            trust_html: self.config.trust_html,
        };
        self.corpus
            .writeups
            .par_iter()
            .flat_map_iter(|w| crate::render::markdown::render_body(w, &targets).1)
            .collect()
    }

    /// Renders every output and hands each to `sink` as soon as it is made,
    /// keeping none: each page's links are checked against the plan's paths.
    /// Returns the diagnostics of rendering, link checking and the sink.
    pub fn stream(&mut self, sink: &dyn crate::render::Sink) -> Vec<Diagnostic> {
        let clock = std::time::Instant::now();
        let Some(renderer) = &self.renderer else {
            return Vec::new();
        };
        self.rows = match rows::build_cache(renderer, &self.corpus) {
            Ok(c) => c,
            Err(d) => return vec![d],
        };
        let diags = renderer.render_streaming(&self.corpus, &self.rows, sink);
        self.timings
            .push(("render, check links, write", clock.elapsed()));
        diags
    }

    /// Reads, validates and indexes everything.
    fn read_all(&mut self) {
        let mut clock = std::time::Instant::now();
        let mut lap = |timings: &mut Vec<_>, stage: &'static str| {
            let now = std::time::Instant::now();
            timings.push((stage, now - clock));
            clock = now;
        };
        self.timings.clear();
        self.site_diags.clear();
        self.units = match site::load_units(&self.config) {
            Ok(u) => u,
            Err(d) => {
                self.site_diags.push(d);
                UnitNames::default()
            }
        };
        self.renderer = match Renderer::new(&self.config) {
            Ok(r) => Some(r),
            Err(d) => {
                self.site_diags.extend(d);
                None
            }
        };
        let (paths, walk_diags) = site::content_files(&self.config);
        self.site_diags.extend(walk_diags);
        lap(&mut self.timings, "config, theme, walk");
        let (config, units) = (&self.config, &self.units);
        self.files = paths
            .into_par_iter()
            .map(|p| {
                let state = site::load_file(config, units, &p);
                (p, state)
            })
            .collect();
        lap(&mut self.timings, "read and validate");
        self.reindex(validate::corpus::Checks::All);
        lap(&mut self.timings, "index and cross-checks");
    }

    /// Applies changes to these files (created, edited or removed). Editor
    /// temporaries and other files the site does not read are ignored.
    pub fn apply(&mut self, changed: &[PathBuf]) -> Update {
        let mut writeups: Vec<PathBuf> = Vec::new();
        let mut full = self.renderer.is_none();
        for p in changed {
            match self.classify(p) {
                Relevance::WriteUp => writeups.push(p.clone()),
                Relevance::Everything => full = true,
                Relevance::None => {}
            }
        }
        if full {
            return self.rebuild_all();
        }
        if writeups.is_empty() {
            return Update::Pages {
                rendered: 0,
                removed: 0,
            };
        }
        let changed = &writeups[..];
        let before: Vec<Arc<WriteUp>> = changed
            .iter()
            .filter_map(|p| self.files.get(p).and_then(|f| f.writeup.clone()))
            .collect();
        for p in changed {
            if p.is_file() {
                let state = site::load_file(&self.config, &self.units, p);
                self.files.insert(p.clone(), state);
            } else {
                self.files.remove(p);
            }
        }
        let after: Vec<Arc<WriteUp>> = changed
            .iter()
            .filter_map(|p| self.files.get(p).and_then(|f| f.writeup.clone()))
            .collect();
        self.timings.clear();
        let clock = std::time::Instant::now();
        let old_corpus = match self.replace_in_place(changed, &before, &after) {
            Some(old) => old,
            None => self.reindex(validate::corpus::Checks::ErrorsOnly),
        };
        self.timings
            .push(("re-read, re-index, cross-check", clock.elapsed()));
        if self.has_errors() {
            self.stale = true;
            return Update::Failed;
        }
        if self.stale {
            return self.render_everything();
        }
        let clock = std::time::Instant::now();
        let update = self.render_affected(&old_corpus, &before, &after);
        self.timings
            .push(("render affected pages", clock.elapsed()));
        update
    }

    /// The common edit — words of one write-up, not its place in the indexes —
    /// needs no re-index: the new version takes the old one's place. Returns
    /// the previous corpus when it applied.
    fn replace_in_place(
        &mut self,
        changed: &[PathBuf],
        before: &[Arc<WriteUp>],
        after: &[Arc<WriteUp>],
    ) -> Option<Corpus> {
        let ([old], [new], [path]) = (before, after, changed) else {
            return None;
        };
        let same_place = old.slug == new.slug
            && old.date == new.date
            && old.year == new.year
            && old.kind == new.kind
            && old.cluster == new.cluster
            && old.host == new.host
            && old.members == new.members
            && old.leader == new.leader
            && old.deputy == new.deputy
            && old.awards == new.awards
            && old.honours == new.honours
            && old.draft == new.draft;
        let file_clean = self
            .files
            .get(path)
            .is_some_and(|f| f.diagnostics.is_empty());
        // (An old version with errors had no write-up, so `before` would be empty.)
        if !same_place || !file_clean || self.has_errors() {
            return None;
        }
        let at = self
            .corpus
            .writeups
            .iter()
            .position(|w| w.slug == old.slug)?;
        let previous = self.corpus.clone();
        self.corpus.writeups[at] = Arc::clone(new);
        Some(previous)
    }

    /// Rebuilds the corpus from the file states; returns the previous corpus.
    fn reindex(&mut self, checks: validate::corpus::Checks) -> Corpus {
        let writeups: Vec<Arc<WriteUp>> = self
            .files
            .values()
            .filter_map(|f| f.writeup.clone())
            .collect();
        let (corpus, model_diags) = Corpus::build(writeups);
        let today = chrono::Local::now().date_naive();
        let mut diags = self.site_diags.clone();
        for f in self.files.values() {
            diags.extend(f.diagnostics.iter().cloned());
        }
        diags.extend(model_diags);
        diags.extend(validate::corpus::check(
            &corpus,
            &self.units.known,
            today,
            checks,
        ));
        diagnostics::sort(&mut diags);
        self.diagnostics = diags;
        std::mem::replace(&mut self.corpus, corpus)
    }

    fn render_everything(&mut self) -> Update {
        let Some(renderer) = &self.renderer else {
            return Update::Failed;
        };
        self.rows = match rows::build_cache(renderer, &self.corpus) {
            Ok(c) => c,
            Err(d) => {
                self.diagnostics.push(d);
                self.stale = true;
                return Update::Failed;
            }
        };
        let (files, render_diags) = renderer.render_all(&self.corpus, &self.rows);
        let mut diags = render_diags;
        if diags.is_empty() {
            diags = links::check(&files);
        }
        if diags.iter().any(Diagnostic::is_error) {
            self.diagnostics.extend(diags);
            diagnostics::sort(&mut self.diagnostics);
            self.stale = true;
            return Update::Failed;
        }
        self.output = files.into_iter().map(|f| (f.path.clone(), f)).collect();
        self.stale = false;
        self.data_stale = false;
        Update::Full {
            pages: self.output.len(),
        }
    }

    fn render_affected(
        &mut self,
        old: &Corpus,
        before: &[Arc<WriteUp>],
        after: &[Arc<WriteUp>],
    ) -> Update {
        let Some(renderer) = &self.renderer else {
            return Update::Failed;
        };
        let new = &self.corpus;
        let mut slugs: BTreeSet<String> = BTreeSet::new();
        let mut clusters: BTreeSet<ClusterKey> = BTreeSet::new();
        let mut units: BTreeSet<String> = BTreeSet::new();
        let mut years: BTreeSet<i32> = BTreeSet::new();
        for w in before.iter().chain(after) {
            slugs.insert(w.slug.clone());
            clusters.extend(w.cluster.clone());
            units.extend(w.units().into_iter().map(str::to_string));
            years.insert(w.year);
        }
        // The neighbours on the cluster timeline show the edited title in their links.
        for corpus in [old, new] {
            let index: HashMap<&str, usize> = corpus
                .writeups
                .iter()
                .enumerate()
                .map(|(i, w)| (w.slug.as_str(), i))
                .collect();
            let mut neighbours = Vec::new();
            for slug in &slugs {
                let Some(&i) = index.get(slug.as_str()) else {
                    continue;
                };
                let Some((_, c)) = corpus.writeups[i]
                    .cluster
                    .as_ref()
                    .and_then(|k| corpus.cluster(k))
                else {
                    continue;
                };
                if let Ok(pos) = c.writeups.binary_search(&i) {
                    for n in [pos.checked_sub(1), Some(pos + 1)].into_iter().flatten() {
                        if let Some(&x) = c.writeups.get(n) {
                            neighbours.push(corpus.writeups[x].slug.clone());
                        }
                    }
                }
            }
            slugs.extend(neighbours);
        }

        let index: HashMap<&str, usize> = new
            .writeups
            .iter()
            .enumerate()
            .map(|(i, w)| (w.slug.as_str(), i))
            .collect();
        let mut specs: Vec<PageSpec> = PageSpec::WHOLE_SITE
            .into_iter()
            .filter(|s| !s.is_deferred())
            .collect();
        self.data_stale = true;
        let mut gone: Vec<String> = Vec::new();
        for slug in &slugs {
            match index.get(slug.as_str()) {
                Some(&i) => specs.push(PageSpec::Conference(i)),
                None => gone.push(format!("hoi-nghi/{slug}/index.html")),
            }
        }
        for key in &clusters {
            match new.cluster(key) {
                Some((i, _)) => specs.push(PageSpec::Cluster(i)),
                None => gone.extend([cluster_url(key), pages::cluster_csv_url(key)]),
            }
        }
        for name in &units {
            match new.units.iter().position(|u| &u.name == name) {
                Some(i) => specs.push(PageSpec::Unit(i)),
                None => gone.push(unit_url(&text::slugify(name))),
            }
        }
        // Year pages link to the previous and next year: when the set of years
        // changes, those links change on every year page.
        let year_list = |c: &Corpus| c.years.iter().map(|y| y.year).collect::<Vec<_>>();
        if year_list(old) != year_list(new) {
            years.extend(year_list(old));
            years.extend(year_list(new));
        }
        for y in &years {
            match new.years.iter().position(|x| x.year == *y) {
                Some(i) => specs.push(PageSpec::Year(i)),
                None => gone.push(year_url(*y)),
            }
        }
        // The rows of the edited write-ups, before the pages that list them.
        for w in before {
            self.rows.remove(&w.slug);
        }
        let changed_idx: Vec<usize> = after
            .iter()
            .filter_map(|w| index.get(w.slug.as_str()).copied())
            .collect();
        match renderer.render_rows(new, &changed_idx, rows::LIST_ROOT) {
            Ok(fresh) => {
                for (&i, r) in changed_idx.iter().zip(fresh) {
                    self.rows.insert(new.writeups[i].slug.clone(), r);
                }
            }
            Err(d) => {
                self.diagnostics.push(d);
                self.stale = true;
                return Update::Failed;
            }
        }
        let shared = pages::Shared::new(new, renderer, &self.rows);
        let rendered: Vec<(OutputFile, Vec<Diagnostic>)> = specs
            .par_iter()
            .map(|spec| renderer.render_page(spec, new, &shared))
            .collect();
        let mut diags = Vec::new();
        let mut pages_out = Vec::with_capacity(rendered.len());
        for (file, d) in rendered {
            diags.extend(d);
            pages_out.push(file);
        }
        let fresh: BTreeSet<String> = pages_out.iter().map(|f| f.path.clone()).collect();
        gone.retain(|p| !fresh.contains(p));
        let removed = gone
            .iter()
            .filter(|p| self.output.remove(*p).is_some())
            .count();
        let rendered_count = pages_out.len();
        for f in pages_out {
            self.output.insert(f.path.clone(), f);
        }
        // Links of the re-rendered pages must still resolve, against the whole site.
        // (The data outputs may be re-rendered later, but their paths are the plan's.)
        let planned: Vec<String> = pages::plan(new, self.config.base_url.is_some())
            .iter()
            .filter(|s| s.is_deferred())
            .map(|s| s.path(new))
            .collect();
        let all: Vec<&str> = self
            .output
            .keys()
            .map(String::as_str)
            .chain(planned.iter().map(String::as_str))
            .collect();
        diags.extend(links::check_some(
            fresh.iter().map(String::as_str),
            &self.output,
            &all,
        ));
        if diags.iter().any(Diagnostic::is_error) {
            self.diagnostics.extend(diags);
            diagnostics::sort(&mut self.diagnostics);
            self.stale = true;
            return Update::Failed;
        }
        Update::Pages {
            rendered: rendered_count,
            removed,
        }
    }

    /// Whether `path` is a data output that an edit left out of date.
    pub fn needs_data(&self, path: &str) -> bool {
        let data = [".js", ".csv", ".json", ".xml", "/ho-so.html"]
            .iter()
            .any(|x| path.ends_with(x));
        self.data_stale && !self.has_errors() && data
    }

    /// Renders the data outputs again (search index, exports, sitemap, feed).
    pub fn refresh_data(&mut self) {
        if !self.data_stale || self.has_errors() {
            return;
        }
        let Some(renderer) = &self.renderer else {
            return;
        };
        let corpus = &self.corpus;
        let specs: Vec<PageSpec> = pages::plan(corpus, self.config.base_url.is_some())
            .into_iter()
            .filter(PageSpec::is_deferred)
            .collect();
        let fresh: Vec<OutputFile> =
            renderer.render_specs(&specs, corpus, &self.rows, &|s, shared| {
                renderer.render_page(s, corpus, shared).0
            });
        // A cluster or year that is gone takes its CSV and dossier with it.
        self.output
            .retain(|p, _| !p.starts_with("data/") && !p.ends_with("/ho-so.html"));
        for f in fresh {
            self.output.insert(f.path.clone(), f);
        }
        self.data_stale = false;
    }

    fn classify(&self, path: &Path) -> Relevance {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let temporary = !path.is_dir()
            && (name.starts_with('.')
                || name.ends_with('~')
                || name.ends_with(".swp")
                || name.ends_with(".tmp")
                || name.starts_with("sed") && path.extension().is_none());
        if temporary {
            return Relevance::None;
        }
        let content = self.config.content_dir();
        if let Ok(rel) = path.strip_prefix(&content) {
            let hidden = rel
                .components()
                .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
            let is_md = path
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("md"));
            return match () {
                _ if hidden => Relevance::None,
                _ if is_md => Relevance::WriteUp,
                _ if rel == Path::new(crate::load::UNITS_FILE) => Relevance::Everything,
                // A folder created, renamed or removed may hold write-ups.
                _ if path.is_dir() || path.extension().is_none() => Relevance::Everything,
                _ => Relevance::None,
            };
        }
        Relevance::Everything
    }
}

/// What a changed file means for the site.
enum Relevance {
    WriteUp,
    Everything,
    None,
}
