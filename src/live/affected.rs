//! What a change touches: the one place that decides which pages the live
//! preview renders again after a file changed, and which outputs go.
//!
//! - `Change::of` says what a changed path is to the site (or that it is
//!   nothing to it: editor temporaries, hidden files, the output folder).
//! - `affected` says, from the corpus the pages show and the corpus after the
//!   change, what to render and remove.
//!
//! The rule, for a write-up (created, edited, removed; a rename is a removal
//! and a creation):
//!
//! - a field that only its own page shows (`reach`: the body, the source, the
//!   author, the front matter's text) renders that page alone;
//! - any other field renders the pages it appears on before and after: its
//!   own, its neighbours' on the cluster timeline (their links show its
//!   title), its cluster, its units and the units whose cluster memberships
//!   moved, its year (every year when the set of years changed), its honour
//!   titles and tags, and the site-wide pages (home, the indexes); the list
//!   row of the write-up is made again, and its photos and attachments;
//! - a new or vanished page also renders the write-ups whose bodies may link
//!   to its file (their links now resolve, or no longer do);
//! - the data outputs (search index, exports, feed, dossiers) are left to be
//!   made when asked for (`Affected::data`).
//!
//! Anything else the site reads (site.yaml, units.yaml, honours.yaml, the
//! theme, the static folder, a photo or attachment, a folder under content/)
//! reads and renders everything again.
//!
//! To add an edit kind: a variant of `Change`, its paths in `Change::of`, and
//! its pages in `affected`; add a row to the table in `affected_tests.rs`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::{self, Config};
use crate::model::{ClusterKey, Corpus, WriteUp};
use crate::render::pages::{self, PageSpec};
use crate::text;
use crate::urls::Urls;

/// What a changed path is to the site.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// A write-up created, edited or removed (`content/**/*.md`): its path
    /// relative to the site root, as `WriteUp::path`.
    WriteUp(PathBuf),
    /// site.yaml.
    Config,
    /// content/units.yaml.
    Units,
    /// content/honours.yaml.
    Honours,
    /// A file under themes/ or templates/.
    Theme,
    /// A file of the static folder.
    Static,
    /// A photo or an attachment under content/: the write-ups that refer to
    /// it are read again.
    Asset(PathBuf),
    /// A folder under content/ created, renamed or removed (it may hold
    /// write-ups), or content/ itself; or a path outside the site root.
    Folder(PathBuf),
}

impl Change {
    /// What a change to `path` is, for the site `config` describes; `None`
    /// for what the site does not read (editor temporaries, hidden files,
    /// other files beside the site such as the output folder).
    pub fn of(config: &Config, path: &Path) -> Option<Change> {
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
        // The output folder is the site's making, not its source.
        if temporary || path.starts_with(&config.output) {
            return None;
        }
        let hidden = |rel: &Path| {
            rel.components()
                .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
        };
        let content = config.content_dir();
        if let Ok(rel) = path.strip_prefix(&content) {
            let is_md = path
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("md"));
            let from_root = || {
                path.strip_prefix(&config.root)
                    .unwrap_or(path)
                    .to_path_buf()
            };
            return match () {
                _ if hidden(rel) => None,
                _ if is_md => Some(Change::WriteUp(from_root())),
                _ if rel == Path::new(crate::load::UNITS_FILE) => Some(Change::Units),
                _ if rel == Path::new(crate::load::HONOURS_FILE) => Some(Change::Honours),
                _ if path.is_dir() || path.extension().is_none() => {
                    Some(Change::Folder(from_root()))
                }
                _ if crate::assets::may_be_referred(path) => Some(Change::Asset(from_root())),
                _ => None,
            };
        }
        // At the root: the config, the themes, the site's templates and its
        // static folder; not the output folder nor anything else beside it.
        if let Ok(rel) = path.strip_prefix(&config.root) {
            if hidden(rel) {
                return None;
            }
            let mut parts = rel.components().map(|c| c.as_os_str());
            return match (parts.next(), parts.next()) {
                (Some(top), None) if top == config::CONFIG_FILE => Some(Change::Config),
                (Some(top), _) if top == crate::assets::STATIC_DIR => Some(Change::Static),
                (Some(top), _) if top == "themes" || top == "templates" => Some(Change::Theme),
                _ => None,
            };
        }
        Some(Change::Folder(path.to_path_buf()))
    }

    /// Whether the whole site is read and rendered again.
    pub fn is_whole_site(&self) -> bool {
        !matches!(self, Change::WriteUp(_))
    }
}

/// What to do to the output after a change.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Affected {
    /// Read everything again and render every page.
    pub everything: bool,
    /// The pages to render, of the new corpus; sorted, no data outputs.
    pub render: Vec<PageSpec>,
    /// The output paths that go (unless rendered again); sorted.
    pub remove: Vec<String>,
    /// The write-ups (indexes into the new corpus) whose list rows, photos
    /// and attachments are made again.
    pub writeups: Vec<usize>,
    /// The list rows that go, by slug.
    pub rows_gone: Vec<String>,
    /// The data outputs (search index, exports, feed, dossiers) are out of
    /// date.
    pub data: bool,
}

impl Affected {
    /// Everything: every page of `new`, and what `old` had that `new` lacks.
    pub fn everything(urls: &Urls, old: &Corpus, new: &Corpus) -> Affected {
        let render: Vec<PageSpec> = shown_pages(new);
        let kept: BTreeSet<String> = render.iter().map(|s| s.path(urls, new)).collect();
        let remove = shown_pages(old)
            .iter()
            .map(|s| s.path(urls, old))
            .filter(|p| !kept.contains(p))
            .collect();
        let mut all = Affected {
            everything: true,
            render,
            remove,
            writeups: (0..new.writeups.len()).collect(),
            rows_gone: old.writeups.iter().map(|w| w.slug.clone()).collect(),
            data: true,
        };
        all.tidy();
        all
    }

    /// Also what `other` touches.
    pub fn merge(&mut self, other: Affected) {
        self.everything |= other.everything;
        self.render.extend(other.render);
        self.remove.extend(other.remove);
        self.writeups.extend(other.writeups);
        self.rows_gone.extend(other.rows_gone);
        self.data |= other.data;
        self.tidy();
    }

    /// Whether nothing is to be done.
    pub fn is_empty(&self) -> bool {
        *self == Affected::default()
    }

    fn tidy(&mut self) {
        for list in [&mut self.remove, &mut self.rows_gone] {
            list.sort();
            list.dedup();
        }
        self.render.sort();
        self.render.dedup();
        self.writeups.sort_unstable();
        self.writeups.dedup();
    }
}

/// The pages (not data outputs) of `corpus`.
fn shown_pages(corpus: &Corpus) -> Vec<PageSpec> {
    pages::plan(corpus, false)
        .into_iter()
        .filter(|s| !s.is_deferred())
        .collect()
}

/// What `change` touches, from the corpus the pages show (`old`) and the one
/// after the change (`new`), with the site's addresses (`urls`). Pure: reads
/// neither the disk nor the clock.
pub fn affected(urls: &Urls, old: &Corpus, new: &Corpus, change: &Change) -> Affected {
    match change {
        Change::WriteUp(path) => writeup(urls, old, new, path),
        _ => Affected::everything(urls, old, new),
    }
}

/// How far an edit of a write-up shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Reach {
    /// Nothing changed.
    Nowhere,
    /// Its own page (and the data outputs) only.
    OwnPage,
    /// Every page that lists it or counts it.
    Lists,
}

/// How far the change from `old` to `new` shows. Every field is named (no
/// `..`): a new field of `WriteUp` does not compile until it is placed here.
fn reach(old: &WriteUp, new: &WriteUp) -> Reach {
    let WriteUp {
        path,
        rel,
        slug,
        title,
        date,
        year,
        kind,
        cluster,
        host,
        members,
        awards,
        honours,
        leader,
        deputy,
        handover,
        source,
        author,
        tags,
        summary,
        draft,
        front_matter,
        front_matter_line,
        body,
        body_line,
        assets,
    } = new;
    // Shown in the lists (rows, timelines), the indexes and the facts of
    // other pages; `draft` decides whether it is published at all.
    let listed = *path != old.path
        || *rel != old.rel
        || *slug != old.slug
        || *title != old.title
        || *date != old.date
        || *year != old.year
        || *kind != old.kind
        || *cluster != old.cluster
        || *host != old.host
        || *members != old.members
        || *awards != old.awards
        || *honours != old.honours
        || *leader != old.leader
        || *deputy != old.deputy
        || *handover != old.handover
        || *tags != old.tags
        || *summary != old.summary
        || *draft != old.draft
        || *assets != old.assets;
    if listed {
        return Reach::Lists;
    }
    // Shown on its own page only (and in the data outputs: search index,
    // exports, dossiers, feed).
    let own = *source != old.source
        || *author != old.author
        || *body != old.body
        || *body_line != old.body_line
        || *front_matter != old.front_matter
        || *front_matter_line != old.front_matter_line;
    if own {
        Reach::OwnPage
    } else {
        Reach::Nowhere
    }
}

/// Whether `new` takes `old`'s place in every index of the corpus: what
/// differs shows on its own page only.
pub fn same_place(old: &WriteUp, new: &WriteUp) -> bool {
    reach(old, new) != Reach::Lists
}

/// What the change of the write-up at `path` (relative to the site root)
/// touches.
fn writeup(urls: &Urls, old: &Corpus, new: &Corpus, path: &Path) -> Affected {
    let find = |c: &Corpus| c.writeups.iter().position(|w| w.path == path);
    let (was, is) = (find(old), find(new));
    let before = was.map(|i| &old.writeups[i]);
    let after = is.map(|i| &new.writeups[i]);
    let reach = match (before, after) {
        (None, None) => Reach::Nowhere,
        (Some(b), Some(a)) => reach(b, a),
        _ => Reach::Lists,
    };
    match (reach, is) {
        (Reach::Nowhere, _) => Affected::default(),
        (Reach::OwnPage, Some(i)) => Affected {
            render: vec![PageSpec::Conference(i)],
            data: true,
            ..Affected::default()
        },
        _ => listed(urls, old, new, before, after),
    }
}

/// A long list's year pages after an edit: those it has now (`kept`, with
/// the list's index in the new corpus) are redone, those it had (`had`) and
/// has no more go. Returns whether the list grew long or short.
fn year_pages(
    had: Option<Vec<i32>>,
    kept: Option<(usize, Vec<i32>)>,
    spec: fn(usize, i32) -> PageSpec,
    path: impl Fn(i32) -> String,
    page: &mut dyn FnMut(Option<PageSpec>, &[String]),
) -> bool {
    let had = had.unwrap_or_default();
    let (at, kept) = kept.map_or((None, Vec::new()), |(i, years)| (Some(i), years));
    for &y in had.iter().filter(|y| !kept.contains(y)) {
        page(None, &[path(y)]);
    }
    let changed = had.is_empty() != kept.is_empty();
    for y in kept {
        page(at.map(|i| spec(i, y)), &[]);
    }
    changed
}

/// The pages a write-up shows on, before (in `old`) and after (in `new`).
fn listed(
    urls: &Urls,
    old: &Corpus,
    new: &Corpus,
    before: Option<&Arc<WriteUp>>,
    after: Option<&Arc<WriteUp>>,
) -> Affected {
    let both = || before.into_iter().chain(after);
    let mut slugs: BTreeSet<&str> = BTreeSet::new();
    let mut clusters: BTreeSet<ClusterKey> = BTreeSet::new();
    let mut units: BTreeSet<&str> = BTreeSet::new();
    let mut years: BTreeSet<i32> = BTreeSet::new();
    for w in both() {
        slugs.insert(&w.slug);
        clusters.extend(w.cluster.clone());
        units.extend(w.units());
        years.insert(w.year);
    }
    // A unit's page lists its clusters by year, which the latest write-up
    // of each cluster year decides: units it names or named may move.
    let (was, is) = (
        memberships_in(old, &clusters),
        memberships_in(new, &clusters),
    );
    for name in was.keys().chain(is.keys()) {
        if was.get(name) != is.get(name) {
            units.insert(name);
        }
    }
    // The neighbours on the cluster timeline show its title in their links:
    // those it had, and those it has.
    let mut conferences: BTreeSet<&str> = slugs.clone();
    conferences.extend(cluster_neighbours(old, &slugs));
    conferences.extend(cluster_neighbours(new, &slugs));
    // A page that came or went: bodies linking to its file change.
    if before.map(|w| (&w.slug, &w.rel)) != after.map(|w| (&w.slug, &w.rel)) {
        for w in both() {
            conferences.extend(linking_to(old, &w.rel));
            conferences.extend(linking_to(new, &w.rel));
        }
    }

    let mut out = Affected {
        render: PageSpec::WHOLE_SITE
            .into_iter()
            .filter(|s| !s.is_deferred())
            .collect(),
        data: true,
        ..Affected::default()
    };
    let mut page = |spec: Option<PageSpec>, gone: &[String]| match spec {
        Some(s) => out.render.push(s),
        None => out.remove.extend(gone.iter().cloned()),
    };
    for slug in conferences {
        let gone = [urls.conference(slug)];
        page(new.position(slug).map(PageSpec::Conference), &gone);
    }
    for key in &clusters {
        let gone = [urls.cluster(key), urls.cluster_csv(key)];
        page(new.cluster(key).map(|(i, _)| PageSpec::Cluster(i)), &gone);
    }
    for name in units {
        let slug = text::slugify(name);
        let at = new.units.iter().position(|u| u.name == name);
        page(at.map(PageSpec::Unit), &[urls.unit(&slug)]);
        // A long unit's year pages: every one it has now, and those it had
        // go (a unit grows long, or short, with one write-up).
        let was = old.units.iter().position(|u| u.name == name);
        year_pages(
            was.map(|i| pages::unit_years(old, i)),
            at.map(|i| (i, pages::unit_years(new, i))),
            PageSpec::UnitYear,
            |y| urls.unit_year(&slug, y),
            &mut page,
        );
    }
    // Year pages link to the previous and next year: when the set of years
    // changes, those links change on every year page.
    let year_set = |c: &Corpus| c.years.iter().map(|y| y.year).collect::<Vec<_>>();
    if year_set(old) != year_set(new) {
        years.extend(year_set(old));
        years.extend(year_set(new));
    }
    for y in years {
        let at = new.years.iter().position(|x| x.year == y);
        page(at.map(PageSpec::Year), &[urls.year(y)]);
    }
    // The pages of the honour titles and tags it gives, before and after.
    let mut all_years = false;
    let honours: BTreeSet<&str> = both()
        .flat_map(|w| w.honours.iter().map(|h| h.slug.as_str()))
        .collect();
    for slug in honours {
        let at = new.honour_position(slug);
        page(at.map(PageSpec::Honour), &[urls.honour(slug)]);
        let was = old.honour_position(slug);
        // Long years' pages link a title to its year page when it has them.
        all_years |= year_pages(
            was.map(|i| pages::honour_years(old, i)),
            at.map(|i| (i, pages::honour_years(new, i))),
            PageSpec::HonourYear,
            |y| urls.honour_year(slug, y),
            &mut page,
        );
    }
    if all_years {
        for i in 0..new.years.len() {
            page(Some(PageSpec::Year(i)), &[]);
        }
    }
    let tags: BTreeSet<String> = both()
        .flat_map(|w| w.tags.iter().map(|t| text::slugify(t)))
        .filter(|s| !s.is_empty())
        .collect();
    for slug in &tags {
        page(new.tag_position(slug).map(PageSpec::Tag), &[urls.tag(slug)]);
    }
    // Its photos and attachments are made again; those no longer its go.
    if let Some(w) = before {
        out.remove
            .extend(w.assets.files.iter().flat_map(crate::assets::File::outputs));
        out.rows_gone.push(w.slug.clone());
    }
    if let Some(w) = after {
        out.writeups.extend(new.position(&w.slug));
    }
    out.tidy();
    out
}

/// The slugs of the write-ups whose bodies may link to the file `rel`: those
/// that name its file (a superset of those whose link resolves to it).
fn linking_to<'c>(corpus: &'c Corpus, rel: &str) -> Vec<&'c str> {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    corpus
        .writeups
        .iter()
        .filter(|w| w.rel != rel && w.body.contains(name))
        .map(|w| w.slug.as_str())
        .collect()
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
fn cluster_neighbours<'c>(corpus: &'c Corpus, slugs: &BTreeSet<&str>) -> Vec<&'c str> {
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
                    out.push(corpus.writeups[x].slug.as_str());
                }
            }
        }
    }
    out
}

#[cfg(test)]
#[path = "affected_tests.rs"]
mod tests;
