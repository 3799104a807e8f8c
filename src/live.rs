//! The site held in memory for the live preview: a full build once, then, for
//! each change, only what it touches.
//!
//! What a changed path touches is decided in one place, `LiveSite::classify`:
//!
//! - A write-up (`content/**/*.md`, created, edited or removed): that file
//!   alone is read again; the indexes, the unit-name check (for it, not for
//!   the whole corpus) and the list of diagnostics are patched with what went
//!   and came (`apply`, `reindex_some`); the pages the old or new version
//!   appears on are rendered again (`render_affected`): its own page and its
//!   neighbours', its cluster, its units and those whose cluster memberships
//!   moved, its year, and the index pages. The data outputs (search index,
//!   exports, feed, dossiers) wait until asked for (`refresh_data`).
//! - `site.yaml`, `content/units.yaml`, anything under `themes/` or
//!   `templates/`, a folder under `content/` created, renamed or removed, or
//!   `content/` itself: everything is read again, site.yaml included (with
//!   the command-line values kept), and rendered again (`rebuild_all`).
//! - Anything else (editor temporaries, hidden files, other files at the
//!   root such as the output folder): nothing.
//!
//! A change that leaves errors keeps the pages as they were (`hold`) until it
//! is fixed. Which paths are watched is the server's business
//! (`cli/serve.rs`).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::{self, Config, Overrides};
use crate::diagnostics::{self, Diagnostic};
use crate::model::{ClusterKey, Corpus, WriteUp};
use crate::render::pages::{self, PageSpec};
use crate::render::rows::{self, RowCache};
use crate::render::{links, OutputFile, Renderer};
use crate::site::{self, FileState, Stats};
use crate::text;
use crate::validate::{self, units::UnitNames};

pub struct LiveSite {
    pub config: Config,
    /// For the live preview: the command-line values `config` was read with,
    /// to read site.yaml again on each full reload. `None` when the config is
    /// the caller's to keep (`build` and `check` read the site once).
    reread_config: Option<Overrides>,
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
    /// How long each stage of the last full build took, for `--timings`.
    pub timings: Vec<(&'static str, std::time::Duration)>,
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
        let mut live = LiveSite::empty(config);
        live.reread_config = Some(overrides);
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
            reread_config: None,
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
        let mut diags = renderer.render_streaming(&self.corpus, &self.rows, sink);
        self.timings
            .push(("render, check links, write", clock.elapsed()));
        let clock = std::time::Instant::now();
        diags.extend(self.static_clashes());
        diags.extend(crate::assets::produce(
            &self.config,
            &self.corpus.writeups,
            true,
            &|path, from| sink.copy(path, from),
        ));
        self.timings
            .push(("photos and attachments", clock.elapsed()));
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
        self.held = None;
        if let Some(overrides) = &self.reread_config {
            // A config with errors leaves the last good one in place: the
            // errors are shown until site.yaml is fixed.
            match config::load(&self.config.root, overrides) {
                Ok(c) => self.config = c,
                Err(d) => self.site_diags.extend(d),
            }
        }
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
        let was: Vec<Option<Arc<WriteUp>>> = changed
            .iter()
            .map(|p| self.files.get(p).and_then(|f| f.writeup.clone()))
            .collect();
        let before: Vec<Arc<WriteUp>> = was.iter().flatten().cloned().collect();
        let mut gone: Vec<Diagnostic> = Vec::new();
        let mut came: Vec<Diagnostic> = Vec::new();
        for p in changed {
            if let Some(old) = self.files.remove(p) {
                gone.extend(old.diagnostics);
            }
            if p.is_file() {
                let state = site::load_file(&self.config, &self.units, p);
                came.extend(state.diagnostics.iter().cloned());
                self.files.insert(p.clone(), state);
            }
        }
        let after: Vec<Arc<WriteUp>> = changed
            .iter()
            .filter_map(|p| self.files.get(p).and_then(|f| f.writeup.clone()))
            .collect();
        self.timings.clear();
        let clock = std::time::Instant::now();
        // What the pages showed before the edit, to know which to render again.
        let earlier = Earlier::of(&self.corpus, &before, &after);
        self.reindex_some(&before, &after, gone, came);
        self.timings
            .push(("re-read, re-index, cross-check", clock.elapsed()));
        if self.has_errors() {
            self.hold(changed, was, &before, &after);
            return Update::Failed;
        }
        let clock = std::time::Instant::now();
        let update = if !self.stale {
            self.render_affected(&earlier, &before, &after)
        } else if let Some(held) = self.held.take() {
            // Fixed: render what changed since the pages were last made.
            let mut since = held.was;
            for (p, w) in changed.iter().zip(was) {
                since.entry(p.clone()).or_insert(w);
            }
            let before: Vec<Arc<WriteUp>> = since.values().flatten().cloned().collect();
            let after: Vec<Arc<WriteUp>> = since
                .keys()
                .filter_map(|p| self.files.get(p).and_then(|f| f.writeup.clone()))
                .collect();
            let earlier = Earlier::of(&held.corpus, &before, &after);
            self.render_affected(&earlier, &before, &after)
        } else {
            return self.render_everything();
        };
        self.timings
            .push(("render affected pages", clock.elapsed()));
        update
    }

    /// An edit left errors: the pages stay as they were. Remembers what they
    /// show, so that once fixed only what changed since is rendered again.
    fn hold(
        &mut self,
        changed: &[PathBuf],
        was: Vec<Option<Arc<WriteUp>>>,
        before: &[Arc<WriteUp>],
        after: &[Arc<WriteUp>],
    ) {
        if !self.stale {
            // The corpus the pages show is this one with the edit undone.
            let mut shown = self.corpus.clone();
            self.held = shown.update(after, before).map(|_| Held {
                corpus: shown,
                was: changed.iter().cloned().zip(was).collect(),
            });
        } else if let Some(held) = &mut self.held {
            for (p, w) in changed.iter().zip(was) {
                held.was.entry(p.clone()).or_insert(w);
            }
        }
        self.stale = true;
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
                self.reindex(validate::corpus::Checks::ErrorsOnly);
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

    /// The common edit — words of one write-up, not its place in the indexes —
    /// needs no re-index: the new version takes the old one's place. Returns
    /// whether it applied.
    fn replace_in_place(&mut self, before: &[Arc<WriteUp>], after: &[Arc<WriteUp>]) -> bool {
        let ([old], [new]) = (before, after) else {
            return false;
        };
        let same_place = old.path == new.path
            && old.slug == new.slug
            && old.date == new.date
            && old.year == new.year
            && old.kind == new.kind
            && old.cluster == new.cluster
            && old.host == new.host
            && old.members == new.members
            && old.leader == new.leader
            && old.deputy == new.deputy
            && old.handover == new.handover
            && old.awards == new.awards
            && old.honours == new.honours
            && old.draft == new.draft;
        if !same_place {
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

    /// Rebuilds the corpus and the cross-checks from the file states.
    fn reindex(&mut self, checks: validate::corpus::Checks) {
        let writeups: Vec<Arc<WriteUp>> = self
            .files
            .values()
            .filter_map(|f| f.writeup.clone())
            .collect();
        let (corpus, model_diags) = Corpus::build(writeups);
        self.spellings = validate::corpus::Spellings::new(&corpus, &self.units.known);
        self.model_diags = model_diags;
        self.until_change = match checks {
            validate::corpus::Checks::All => {
                let today = chrono::Local::now().date_naive();
                validate::corpus::warnings(&corpus, today)
            }
            validate::corpus::Checks::ErrorsOnly => Vec::new(),
        };
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
        let (mut files, mut diags) = renderer.render_all(&self.corpus, &self.rows);
        diags.extend(self.static_clashes());
        let (assets, asset_diags) = asset_files(&self.config, &self.corpus.writeups, true);
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

    fn render_affected(
        &mut self,
        earlier: &Earlier,
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
        // A unit's page lists its clusters by year, which the latest write-up
        // of each cluster year decides: units it names or named may move.
        let memberships = memberships_in(new, &clusters);
        for name in memberships.keys().chain(earlier.memberships.keys()) {
            if earlier.memberships.get(name) != memberships.get(name) {
                units.insert(name.clone());
            }
        }
        // The neighbours on the cluster timeline show the edited title in their
        // links: those it had, and those it has.
        let now = cluster_neighbours(new, &slugs.iter().map(String::as_str).collect());
        slugs.extend(earlier.neighbours.iter().cloned());
        slugs.extend(now);

        let mut specs: Vec<PageSpec> = PageSpec::WHOLE_SITE
            .into_iter()
            .filter(|s| !s.is_deferred())
            .collect();
        self.data_stale = true;
        let mut gone: Vec<String> = Vec::new();
        let urls = &renderer.urls;
        for slug in &slugs {
            match new.position(slug) {
                Some(i) => specs.push(PageSpec::Conference(i)),
                None => gone.push(urls.conference(slug)),
            }
        }
        for key in &clusters {
            match new.cluster(key) {
                Some((i, _)) => specs.push(PageSpec::Cluster(i)),
                None => gone.extend([urls.cluster(key), urls.cluster_csv(key)]),
            }
        }
        for name in &units {
            match new.units.iter().position(|u| &u.name == name) {
                Some(i) => specs.push(PageSpec::Unit(i)),
                None => gone.push(urls.unit(&text::slugify(name))),
            }
        }
        // Year pages link to the previous and next year: when the set of years
        // changes, those links change on every year page.
        if !new
            .years
            .iter()
            .map(|y| y.year)
            .eq(earlier.years.iter().copied())
        {
            years.extend(&earlier.years);
            years.extend(new.years.iter().map(|y| y.year));
        }
        for y in &years {
            match new.years.iter().position(|x| x.year == *y) {
                Some(i) => specs.push(PageSpec::Year(i)),
                None => gone.push(urls.year(*y)),
            }
        }
        // The pages of the honours the edited write-ups name, before and after.
        let honours: BTreeSet<&str> = before
            .iter()
            .chain(after)
            .flat_map(|w| w.honours.iter().map(|h| h.slug.as_str()))
            .collect();
        for slug in honours {
            match new.honour_position(slug) {
                Some(i) => specs.push(PageSpec::Honour(i)),
                None => gone.push(urls.honour(slug)),
            }
        }
        // The pages of the tags the edited write-ups give, before and after.
        let tags: BTreeSet<String> = before
            .iter()
            .chain(after)
            .flat_map(|w| w.tags.iter().map(|t| text::slugify(t)))
            .filter(|s| !s.is_empty())
            .collect();
        for slug in &tags {
            match new.tag_position(slug) {
                Some(i) => specs.push(PageSpec::Tag(i)),
                None => gone.push(urls.tag(slug)),
            }
        }
        // Files of the edited write-ups that are no longer theirs go too.
        for w in before {
            gone.extend(w.assets.files.iter().flat_map(crate::assets::File::outputs));
        }
        // The rows of the edited write-ups, before the pages that list them.
        for w in before {
            self.rows.remove(&w.slug);
        }
        let changed_idx: Vec<usize> = after.iter().filter_map(|w| new.position(&w.slug)).collect();
        match renderer.render_rows(new, &changed_idx, rows::LIST_ROOT) {
            Ok(fresh) => {
                for (&i, r) in changed_idx.iter().zip(fresh) {
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
        // The edited write-ups' photos and attachments (from the cache unless new).
        let (assets, asset_diags) = asset_files(&self.config, after, false);
        pages_out.extend(assets);
        diags.extend(asset_diags);
        let fresh: BTreeSet<String> = pages_out.iter().map(|f| f.path.clone()).collect();
        gone.retain(|p| !fresh.contains(p));
        let output = Arc::make_mut(&mut self.output);
        let removed = gone.iter().filter(|p| output.remove(*p).is_some()).count();
        let rendered_count = pages_out.len();
        // Links of the re-rendered pages must still resolve, against the whole site.
        // (The data outputs may be re-rendered later, but their paths are the plan's.)
        let planned: Vec<String> = pages::plan(new, self.config.base_url.is_some())
            .iter()
            .filter(|s| s.is_deferred())
            .map(|s| s.path(urls, new))
            .collect();
        let all: crate::render::links::Written = output
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

    /// Whether `path` is a data output that an edit left out of date.
    pub fn needs_data(&self, path: &str) -> bool {
        self.data_pending() && is_data_output(path)
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
        let mut specs: Vec<PageSpec> = pages::plan(corpus, self.config.base_url.is_some())
            .into_iter()
            .filter(PageSpec::is_deferred)
            .collect();
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
            let dossier = p.ends_with(&format!("/{}", crate::urls::DOSSIER));
            !(renderer.urls.is_data_file(p) || dossier || index)
        });
        for f in fresh {
            output.insert(f.path.clone(), Arc::new(f));
        }
        self.data_stale = false;
    }

    /// Files of the site's static folder that would take the place of one
    /// the site makes.
    fn static_clashes(&self) -> Vec<Diagnostic> {
        let statics = crate::assets::static_files(&self.config);
        if statics.is_empty() {
            return Vec::new();
        }
        let urls = self.renderer.as_ref().map(|r| r.urls).unwrap_or_default();
        let mut taken: HashSet<String> = pages::plan(&self.corpus, self.config.base_url.is_some())
            .iter()
            .map(|s| s.path(&urls, &self.corpus))
            .collect();
        for w in &self.corpus.writeups {
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
                _ if rel == Path::new(crate::load::HONOURS_FILE) => Relevance::Everything,
                // A folder created, renamed or removed may hold write-ups.
                _ if path.is_dir() || path.extension().is_none() => Relevance::Everything,
                // A photo or an attachment: the write-ups that refer to it
                // are read again (the photo cache keeps this cheap).
                _ if crate::assets::may_be_referred(path) => Relevance::Everything,
                _ => Relevance::None,
            };
        }
        // At the root: the config, the themes and the site's templates; not
        // the output folder nor anything else kept beside the site.
        if let Ok(rel) = path.strip_prefix(&self.config.root) {
            let mut parts = rel.components().map(|c| c.as_os_str());
            if rel
                .components()
                .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
            {
                return Relevance::None;
            }
            return match (parts.next(), parts.next()) {
                (Some(top), None) if top == config::CONFIG_FILE => Relevance::Everything,
                (Some(top), _) if top == crate::assets::STATIC_DIR => Relevance::Everything,
                (Some(top), _) if top == "themes" || top == "templates" => Relevance::Everything,
                _ => Relevance::None,
            };
        }
        Relevance::Everything
    }
}

/// The photos' versions and the attachments of `writeups` (and the static
/// folder's files, `with_static`), read into memory for the live preview.
fn asset_files(
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

/// Whether `path` is one of the data outputs, which an edit leaves to be
/// rendered on demand (search index, exports, sitemap, feed, dossiers).
pub fn is_data_output(path: &str) -> bool {
    [".js", ".csv", ".json", ".xml"]
        .iter()
        .any(|x| path.ends_with(x))
        || path.ends_with(&format!("/{}", crate::urls::DOSSIER))
}

/// What the pages show while edits have errors.
struct Held {
    /// The corpus they were made from.
    corpus: Corpus,
    /// Each file edited since, and its write-up in that corpus.
    was: BTreeMap<PathBuf, Option<Arc<WriteUp>>>,
}

/// What the pages showed before an edit, for choosing what to render again.
struct Earlier {
    /// The slugs next to the edited write-ups on their cluster timelines.
    neighbours: Vec<String>,
    /// The years that had a page.
    years: Vec<i32>,
    /// The memberships in the edited write-ups' clusters, by unit.
    memberships: Memberships,
}

impl Earlier {
    /// What `corpus` shows that replacing `before` with `after` can change.
    fn of(corpus: &Corpus, before: &[Arc<WriteUp>], after: &[Arc<WriteUp>]) -> Earlier {
        let slugs: BTreeSet<&str> = before
            .iter()
            .chain(after)
            .map(|w| w.slug.as_str())
            .collect();
        let clusters: BTreeSet<ClusterKey> = before
            .iter()
            .chain(after)
            .filter_map(|w| w.cluster.clone())
            .collect();
        Earlier {
            neighbours: cluster_neighbours(corpus, &slugs),
            years: corpus.years.iter().map(|y| y.year).collect(),
            memberships: memberships_in(corpus, &clusters),
        }
    }
}

/// (year, cluster, what): 0 a member, 1 Cụm trưởng, 2 Cụm phó (a unit page
/// lists its roles too).
type Memberships = BTreeMap<String, Vec<(i32, ClusterKey, u8)>>;

/// Each unit's (year, cluster) memberships in the clusters of `keys`.
fn memberships_in(corpus: &Corpus, keys: &BTreeSet<ClusterKey>) -> Memberships {
    let mut out = Memberships::new();
    for key in keys {
        let Some((_, c)) = corpus.cluster(key) else {
            continue;
        };
        for y in &c.years {
            for m in &y.members {
                out.entry(m.clone())
                    .or_default()
                    .push((y.year, key.clone(), 0));
            }
            for (holder, what) in [(&y.leader, 1), (&y.deputy, 2)] {
                if let Some(h) = holder {
                    out.entry(h.unit.clone())
                        .or_default()
                        .push((y.year, key.clone(), what));
                }
            }
        }
    }
    out
}

/// The write-ups next to each of `slugs` on its cluster's timeline.
fn cluster_neighbours(corpus: &Corpus, slugs: &BTreeSet<&str>) -> Vec<String> {
    let mut out = Vec::new();
    for slug in slugs {
        let Some(i) = corpus.position(slug) else {
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
                    out.push(corpus.writeups[x].slug.clone());
                }
            }
        }
    }
    out
}

/// What a changed file means for the site.
enum Relevance {
    WriteUp,
    Everything,
    None,
}
