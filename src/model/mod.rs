//! The corpus: validated write-ups and the indexes the pages are made from
//! (by cluster, unit and year). Pure data: the model does no I/O and knows
//! nothing of templates or HTML.

mod writeup;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

pub use writeup::{Awards, ClusterKey, Handover, Honour, HonourLevel, HonourStatus, Kind, WriteUp};

use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::messages::Arg;
use crate::text;

/// Where a year's holder of a role is known from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RoleBasis {
    /// A write-up of that year names the holder.
    Stated,
    /// The conference of the year before handed the role over.
    Handover,
}

/// The unit serving in a role (Cụm trưởng or Cụm phó) for a year, and why we
/// know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleHolder {
    pub unit: String,
    pub basis: RoleBasis,
    /// The write-up that says so (index into `Corpus::writeups`): of the
    /// year when stated, of the year before when handed over.
    pub source: usize,
}

/// A cluster-year's award totals and the summary they come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearAwards {
    pub awards: Awards,
    /// The summary (index into `Corpus::writeups`).
    pub source: usize,
}

/// A cluster's facts for one emulation year. Years between the first and the
/// last with no write-up are there too (with no conferences), so that "no
/// write-up" is told apart from "not a member"; so is the year after the last
/// one when its conference handed the roles over.
#[derive(Debug, Clone)]
pub struct ClusterYear {
    pub year: i32,
    /// Members as given by the year's latest write-up; empty when no
    /// write-up of the year gives them.
    pub members: Vec<String>,
    /// Against the previous year that gives members.
    pub joined: Vec<String>,
    pub left: Vec<String>,
    /// More than half the members changed since the previous reported year.
    pub reorganized: bool,
    pub leader: Option<RoleHolder>,
    pub deputy: Option<RoleHolder>,
    /// The year's totals: those of its summary (tổng kết), never a sum over
    /// other kinds of conference. `None` when the year has no summary or its
    /// summary gives no count.
    pub awards: Option<YearAwards>,
    /// Indexes into `Corpus::writeups`, by date.
    pub conferences: Vec<usize>,
}

impl ClusterYear {
    /// Whether any write-up reports on this year.
    pub fn reported(&self) -> bool {
        !self.conferences.is_empty()
    }

    /// The year's totals, unknown when not reported.
    pub fn totals(&self) -> Awards {
        self.awards.map(|a| a.awards).unwrap_or_default()
    }
}

/// Award totals summed over cluster-years, and how many clusters they cover.
/// A count no cluster-year states stays unknown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Coverage {
    pub awards: Awards,
    /// The clusters looked at.
    pub clusters: usize,
    /// Those of them whose summaries give counts.
    pub with_data: usize,
}

/// One cluster (Cụm) of the corpus, with its write-ups and years: one page.
#[derive(Debug, Clone)]
pub struct Cluster {
    pub key: ClusterKey,
    pub slug: String,
    /// Indexes into `Corpus::writeups`, by date.
    pub writeups: Vec<usize>,
    /// Reported years, ascending.
    pub years: Vec<ClusterYear>,
}

/// A unit (a province's police, a department) named by the write-ups: one
/// page, with its clusters, roles, honours and the conferences it hosted.
#[derive(Debug, Clone)]
pub struct Unit {
    pub name: String,
    pub slug: String,
    /// (year, index into `Corpus::clusters`), ascending.
    pub memberships: Vec<(i32, usize)>,
    pub hosted: Vec<usize>,
    /// (write-up index, honour index within it).
    pub honours: Vec<(usize, usize)>,
    /// Every write-up naming the unit, by date.
    pub writeups: Vec<usize>,
    /// The years it was Cụm trưởng or Cụm phó, from the clusters' years:
    /// ascending by year, then cluster.
    pub roles: Vec<UnitRole>,
}

/// A year a unit held a role in a cluster.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct UnitRole {
    pub year: i32,
    /// Index into `Corpus::clusters`.
    pub cluster: usize,
    /// Cụm trưởng when true, else Cụm phó.
    pub leader: bool,
    pub basis: RoleBasis,
}

/// A tag (chủ đề) of the write-ups: one page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    /// As the earliest write-up using it spells it.
    pub name: String,
    /// The page folder under `chu-de/`.
    pub slug: String,
    /// The write-ups giving it, by date.
    pub writeups: Vec<usize>,
}

/// A title of the register as the corpus uses it: one honour page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HonourTitle {
    pub title: String,
    /// The page folder under `danh-hieu/`.
    pub slug: String,
    pub level: HonourLevel,
    /// (write-up index, honour index within it), ascending.
    pub uses: Vec<(usize, usize)>,
}

/// How often a title was proposed and conferred, and over which years: each
/// unit named is one time, and so is each collective or individual counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct HonourTally {
    pub proposed: u64,
    pub conferred: u64,
    pub first_year: Option<i32>,
    pub last_year: Option<i32>,
}

/// An emulation year and the write-ups of that year: one page.
#[derive(Debug, Clone)]
pub struct Year {
    pub year: i32,
    pub writeups: Vec<usize>,
}

/// Every valid write-up and the indexes built from them (clusters, units,
/// years, tags, honours): what the pages are rendered from.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    /// Sorted by date, then slug. Shared, so a live preview can rebuild the
    /// indexes after one edit without copying every write-up.
    pub writeups: Vec<Arc<WriteUp>>,
    /// Provincial clusters first, then by bloc and number.
    pub clusters: Vec<Cluster>,
    /// Sorted by slug.
    pub units: Vec<Unit>,
    /// Ascending.
    pub years: Vec<Year>,
    /// Every honour title used, by level (highest first), then slug and title.
    pub honours: Vec<HonourTitle>,
    /// Every tag given, by slug.
    pub tags: Vec<Tag>,
    unit_by_name: HashMap<String, usize>,
    cluster_by_key: HashMap<ClusterKey, usize>,
    /// Each page slug's write-ups, ascending: more than one is an error.
    by_slug: HashMap<String, Vec<usize>>,
}

impl Corpus {
    /// Indexes the write-ups. Cross-file problems (two write-ups on one page, two
    /// unit names that share a slug) come back as errors.
    pub fn build(mut writeups: Vec<Arc<WriteUp>>) -> (Corpus, Vec<Diagnostic>) {
        writeups.sort_by(|a, b| order(a, b));
        let mut corpus = Corpus {
            writeups,
            ..Corpus::default()
        };
        corpus.index_slugs();
        corpus.index_clusters();
        corpus.index_units();
        corpus.index_years();
        corpus.index_honours();
        corpus.index_tags();
        let mut diags = corpus.duplicate_pages();
        diags.extend(corpus.honour_clashes());
        diags.extend(conflicting_summaries(&corpus));
        (corpus, diags)
    }

    /// Takes `removed` out of the corpus and puts `added` in, leaving exactly
    /// the indexes `build` would make from the resulting write-ups, at a cost
    /// that grows with the clusters, units and years the change touches rather
    /// than with the corpus. Returns the same cross-file errors as `build`.
    ///
    /// `removed` must be write-ups of this corpus (the same allocations); when
    /// one is not, nothing changes and the answer is `None`: build instead.
    pub fn update(
        &mut self,
        removed: &[Arc<WriteUp>],
        added: &[Arc<WriteUp>],
    ) -> Option<Vec<Diagnostic>> {
        let mut gone: Vec<usize> = Vec::with_capacity(removed.len());
        for w in removed {
            let at = self
                .by_slug
                .get(&w.slug)?
                .iter()
                .copied()
                .find(|&i| Arc::ptr_eq(&self.writeups[i], w))?;
            gone.push(at);
        }
        gone.sort_unstable();
        gone.dedup();
        if gone.len() != removed.len() {
            return None;
        }

        // The new order, and where each kept write-up goes.
        let mut incoming: Vec<Arc<WriteUp>> = added.to_vec();
        incoming.sort_by(|a, b| order(a, b));
        let old = std::mem::take(&mut self.writeups);
        let mut moved: Vec<usize> = vec![usize::MAX; old.len()];
        let mut fresh: Vec<usize> = Vec::with_capacity(incoming.len());
        let mut writeups: Vec<Arc<WriteUp>> =
            Vec::with_capacity(old.len() - gone.len() + incoming.len());
        let mut next_gone = gone.iter().copied().peekable();
        let mut incoming = incoming.into_iter().peekable();
        for (i, w) in old.into_iter().enumerate() {
            if next_gone.peek() == Some(&i) {
                next_gone.next();
                continue;
            }
            while let Some(n) = incoming.next_if(|n| order(n, &w).is_lt()) {
                fresh.push(writeups.len());
                writeups.push(n);
            }
            moved[i] = writeups.len();
            writeups.push(w);
        }
        for n in incoming {
            fresh.push(writeups.len());
            writeups.push(n);
        }
        self.writeups = writeups;

        // Every index shifts; the order of the kept write-ups does not change.
        let remap = |list: &mut Vec<usize>| {
            list.retain_mut(|i| {
                *i = moved[*i];
                *i != usize::MAX
            });
        };
        for list in self.by_slug.values_mut() {
            remap(list);
        }
        for c in &mut self.clusters {
            remap(&mut c.writeups);
            for y in &mut c.years {
                remap(&mut y.conferences);
                // A source that went is in a touched cluster, whose years are
                // made again below.
                for h in y.leader.iter_mut().chain(y.deputy.iter_mut()) {
                    h.source = moved[h.source];
                }
                if let Some(a) = &mut y.awards {
                    a.source = moved[a.source];
                }
            }
        }
        for u in &mut self.units {
            remap(&mut u.writeups);
            remap(&mut u.hosted);
            u.honours.retain_mut(|(i, _)| {
                *i = moved[*i];
                *i != usize::MAX
            });
        }
        for y in &mut self.years {
            remap(&mut y.writeups);
        }
        for t in &mut self.honours {
            t.uses.retain_mut(|(i, _)| {
                *i = moved[*i];
                *i != usize::MAX
            });
        }
        for t in &mut self.tags {
            remap(&mut t.writeups);
        }

        // The clusters the change touches get their years again.
        let mut touched: BTreeSet<ClusterKey> = removed
            .iter()
            .chain(added)
            .filter_map(|w| w.cluster.clone())
            .collect();
        let mut new_units = false;
        for &i in &fresh {
            let w = Arc::clone(&self.writeups[i]);
            insert_sorted(self.by_slug.entry(w.slug.clone()).or_default(), i);
            if let Some(key) = &w.cluster {
                insert_sorted(&mut self.cluster_entry(key).writeups, i);
            }
            insert_sorted(&mut self.year_entry(w.year).writeups, i);
            for name in w.units() {
                let (u, created) = self.unit_entry(name);
                new_units |= created;
                insert_sorted(&mut u.writeups, i);
            }
            if let Some(host) = &w.host {
                insert_sorted(&mut self.unit_entry(host).0.hosted, i);
            }
            for (h, honour) in w.honours.iter().enumerate() {
                for name in &honour.to {
                    insert_sorted(&mut self.unit_entry(name).0.honours, (i, h));
                }
                insert_sorted(&mut self.honour_entry(honour).uses, (i, h));
            }
            for name in &w.tags {
                let slug = text::slugify(name);
                if slug.is_empty() {
                    continue;
                }
                let at = match self.tags.binary_search_by(|t| t.slug.cmp(&slug)) {
                    Ok(at) => at,
                    Err(at) => {
                        self.tags.insert(
                            at,
                            Tag {
                                name: name.clone(),
                                slug,
                                writeups: Vec::new(),
                            },
                        );
                        at
                    }
                };
                insert_sorted(&mut self.tags[at].writeups, i);
            }
        }
        self.honours.retain(|t| !t.uses.is_empty());
        self.tags.retain(|t| !t.writeups.is_empty());
        // A tag is named as its earliest write-up spells it.
        for t in &mut self.tags {
            if let Some(name) = tag_name(&self.writeups[t.writeups[0]], &t.slug) {
                t.name = name.to_string();
            }
        }
        self.by_slug.retain(|_, list| !list.is_empty());
        self.years.retain(|y| !y.writeups.is_empty());
        let clusters_before = self.clusters.len();
        self.clusters.retain(|c| !c.writeups.is_empty());
        let units_before = self.units.len();
        self.units.retain(|u| !u.writeups.is_empty());
        if new_units || self.units.len() != units_before {
            self.unit_by_name = self
                .units
                .iter()
                .enumerate()
                .map(|(i, u)| (u.name.clone(), i))
                .collect();
        }
        // `cluster_entry` adds a new cluster at its place in the order.
        let reindex_clusters = self.clusters.len() != clusters_before
            || self.cluster_by_key.len() != self.clusters.len()
            || touched.iter().any(|k| !self.cluster_by_key.contains_key(k));
        if reindex_clusters {
            self.cluster_by_key = self
                .clusters
                .iter()
                .enumerate()
                .map(|(i, c)| (c.key.clone(), i))
                .collect();
        }
        touched.retain(|k| self.cluster_by_key.contains_key(k));
        for key in &touched {
            if let Some(&ci) = self.cluster_by_key.get(key) {
                let years = cluster_years(&self.writeups, &self.clusters[ci].writeups);
                self.clusters[ci].years = years;
            }
        }
        self.index_memberships();
        let mut diags = self.duplicate_pages();
        diags.extend(self.honour_clashes());
        diags.extend(conflicting_summaries(self));
        Some(diags)
    }

    /// Every cluster's totals over all its years (summaries only).
    pub fn totals(&self) -> Coverage {
        let mut out = Coverage {
            clusters: self.clusters.len(),
            ..Coverage::default()
        };
        for c in &self.clusters {
            let mut any = false;
            for a in c.years.iter().filter_map(|y| y.awards) {
                out.awards = out.awards.plus(a.awards);
                any = true;
            }
            out.with_data += usize::from(any);
        }
        out
    }

    /// The totals of `year` over the clusters that report on it.
    pub fn year_totals(&self, year: i32) -> Coverage {
        let mut out = Coverage::default();
        for (_, y) in self.cluster_years(year) {
            out.clusters += 1;
            if let Some(a) = y.awards {
                out.awards = out.awards.plus(a.awards);
                out.with_data += 1;
            }
        }
        out
    }

    /// Each cluster's record of `year`, for the clusters that report on it,
    /// in cluster order.
    pub fn cluster_years(&self, year: i32) -> Vec<(usize, &ClusterYear)> {
        self.clusters
            .iter()
            .enumerate()
            .filter_map(|(ci, c)| {
                let at = c.years.binary_search_by_key(&year, |y| y.year).ok()?;
                Some((ci, &c.years[at])).filter(|(_, y)| y.reported())
            })
            .collect()
    }

    /// The index of the write-up whose page is at `slug`.
    pub fn position(&self, slug: &str) -> Option<usize> {
        self.by_slug.get(slug).and_then(|l| l.first().copied())
    }

    pub fn unit(&self, name: &str) -> Option<&Unit> {
        self.unit_by_name.get(name).map(|i| &self.units[*i])
    }

    pub fn cluster(&self, key: &ClusterKey) -> Option<(usize, &Cluster)> {
        self.cluster_by_key
            .get(key)
            .map(|i| (*i, &self.clusters[*i]))
    }

    /// The cluster of `key`, added (with no write-ups yet) at its place if new.
    /// Leaves `cluster_by_key` for the caller to redo.
    fn cluster_entry(&mut self, key: &ClusterKey) -> &mut Cluster {
        let at = match self.clusters.binary_search_by(|c| c.key.cmp(key)) {
            Ok(at) => at,
            Err(at) => {
                self.clusters.insert(
                    at,
                    Cluster {
                        key: key.clone(),
                        slug: key.slug(),
                        writeups: Vec::new(),
                        years: Vec::new(),
                    },
                );
                // Mark the key index out of date.
                self.cluster_by_key.clear();
                at
            }
        };
        &mut self.clusters[at]
    }

    /// How often the title at `i` of `honours` was proposed and conferred.
    pub fn honour_tally(&self, i: usize) -> HonourTally {
        self.tally_of(self.honours[i].uses.iter().copied())
    }

    /// [`Corpus::honour_tally`] of some uses of a title: (write-up, honour).
    pub fn tally_of(&self, uses: impl Iterator<Item = (usize, usize)>) -> HonourTally {
        let mut out = HonourTally::default();
        for (wi, hi) in uses {
            let w = &self.writeups[wi];
            let h = &w.honours[hi];
            let times = (h.to.len() as u64)
                .saturating_add(h.collectives.unwrap_or(0))
                .saturating_add(h.individuals.unwrap_or(0));
            let sum = match h.status {
                HonourStatus::Proposed => &mut out.proposed,
                HonourStatus::Conferred => &mut out.conferred,
            };
            *sum = sum.saturating_add(times);
            out.first_year = Some(out.first_year.map_or(w.year, |y| y.min(w.year)));
            out.last_year = Some(out.last_year.map_or(w.year, |y| y.max(w.year)));
        }
        out
    }

    /// The index of the honour title whose page is at `slug`.
    pub fn honour_position(&self, slug: &str) -> Option<usize> {
        self.honours.iter().position(|t| t.slug == slug)
    }

    /// The title of `honour`, added (with no uses yet) at its place if new.
    fn honour_entry(&mut self, honour: &Honour) -> &mut HonourTitle {
        let key = (honour.level, honour.slug.as_str(), honour.title.as_str());
        let at = match self
            .honours
            .binary_search_by(|t| (t.level, t.slug.as_str(), t.title.as_str()).cmp(&key))
        {
            Ok(at) => at,
            Err(at) => {
                self.honours.insert(
                    at,
                    HonourTitle {
                        title: honour.title.clone(),
                        slug: honour.slug.clone(),
                        level: honour.level,
                        uses: Vec::new(),
                    },
                );
                at
            }
        };
        &mut self.honours[at]
    }

    fn index_honours(&mut self) {
        // (level, slug, title): the order of `Corpus::honours`.
        type Key<'a> = (HonourLevel, &'a str, &'a str);
        let mut by_key: BTreeMap<Key, Vec<(usize, usize)>> = BTreeMap::new();
        for (i, w) in self.writeups.iter().enumerate() {
            for (h, honour) in w.honours.iter().enumerate() {
                by_key
                    .entry((honour.level, &honour.slug, &honour.title))
                    .or_default()
                    .push((i, h));
            }
        }
        let honours = by_key
            .into_iter()
            .map(|((level, slug, title), uses)| HonourTitle {
                title: title.to_string(),
                slug: slug.to_string(),
                level,
                uses,
            })
            .collect();
        self.honours = honours;
    }

    /// Two titles on one honour page, or a title that makes no page name: an
    /// error on the first write-up using the later title (by slug, then title).
    fn honour_clashes(&self) -> Vec<Diagnostic> {
        let mut by_slug: Vec<&HonourTitle> = self.honours.iter().collect();
        by_slug.sort_by(|a, b| (&a.slug, &a.title, a.level).cmp(&(&b.slug, &b.title, b.level)));
        let mut diags = Vec::new();
        for (n, t) in by_slug.iter().enumerate() {
            let Some(&(wi, _)) = t.uses.first() else {
                continue;
            };
            let w = &self.writeups[wi];
            if t.slug.is_empty() {
                diags.push(
                    Diagnostic::error(&w.path, msg!("honour-title-no-letter", title = &t.title))
                        .with_help(msg!("help-honour-title-no-letter")),
                );
                continue;
            }
            let Some(first) = n
                .checked_sub(1)
                .map(|p| by_slug[p])
                .filter(|p| p.slug == t.slug)
            else {
                continue;
            };
            let other = first
                .uses
                .first()
                .map(|&(i, _)| crate::diagnostics::display_path(&self.writeups[i].path))
                .unwrap_or_default();
            let message = if first.title == t.title {
                msg!(
                    "honour-two-levels",
                    title = &t.title,
                    level = Arg::level(t.level),
                    other_level = Arg::level(first.level),
                    other = &other
                )
            } else {
                msg!(
                    "honour-shares-page",
                    title = &t.title,
                    page = crate::urls::Urls::default().honour(&t.slug),
                    other_title = &first.title,
                    other = &other
                )
            };
            diags.push(
                Diagnostic::error(&w.path, message).with_help(msg!("help-honour-one-spelling")),
            );
        }
        diags
    }

    fn year_entry(&mut self, year: i32) -> &mut Year {
        let at = match self.years.binary_search_by(|y| y.year.cmp(&year)) {
            Ok(at) => at,
            Err(at) => {
                self.years.insert(
                    at,
                    Year {
                        year,
                        writeups: Vec::new(),
                    },
                );
                at
            }
        };
        &mut self.years[at]
    }

    /// The unit named `name`, added at its place if new (then `true`). Leaves
    /// `unit_by_name` for the caller to redo when one was added.
    fn unit_entry(&mut self, name: &str) -> (&mut Unit, bool) {
        if let Some(&at) = self.unit_by_name.get(name) {
            if self.units.get(at).is_some_and(|u| u.name == name) {
                return (&mut self.units[at], false);
            }
        }
        let unit = new_unit(name);
        match self
            .units
            .binary_search_by(|u| (&u.slug, &u.name).cmp(&(&unit.slug, &unit.name)))
        {
            Ok(at) => (&mut self.units[at], false),
            Err(at) => {
                self.units.insert(at, unit);
                // Later names must not find a shifted index.
                self.unit_by_name.clear();
                (&mut self.units[at], true)
            }
        }
    }

    fn index_slugs(&mut self) {
        let mut by_slug: HashMap<String, Vec<usize>> = HashMap::with_capacity(self.writeups.len());
        for (i, w) in self.writeups.iter().enumerate() {
            match by_slug.get_mut(w.slug.as_str()) {
                Some(list) => list.push(i),
                None => {
                    by_slug.insert(w.slug.clone(), vec![i]);
                }
            }
        }
        self.by_slug = by_slug;
    }

    /// Each unit's memberships and roles, from the clusters' years.
    fn index_memberships(&mut self) {
        for u in &mut self.units {
            u.memberships.clear();
            u.roles.clear();
        }
        for (ci, c) in self.clusters.iter().enumerate() {
            for y in &c.years {
                for m in &y.members {
                    if let Some(&ui) = self.unit_by_name.get(m.as_str()) {
                        self.units[ui].memberships.push((y.year, ci));
                    }
                }
                for (holder, leader) in [(&y.leader, true), (&y.deputy, false)] {
                    let Some(h) = holder else { continue };
                    if let Some(&ui) = self.unit_by_name.get(h.unit.as_str()) {
                        self.units[ui].roles.push(UnitRole {
                            year: y.year,
                            cluster: ci,
                            leader,
                            basis: h.basis,
                        });
                    }
                }
            }
        }
        for u in &mut self.units {
            u.memberships.sort_unstable();
            u.roles.sort_unstable();
        }
    }

    /// The tags, by slug; a tag that makes no page name (no letter or digit)
    /// has no page.
    fn index_tags(&mut self) {
        let mut by_slug: BTreeMap<String, Tag> = BTreeMap::new();
        for (i, w) in self.writeups.iter().enumerate() {
            for name in &w.tags {
                let slug = text::slugify(name);
                if slug.is_empty() {
                    continue;
                }
                let tag = by_slug.entry(slug.clone()).or_insert_with(|| Tag {
                    name: name.clone(),
                    slug,
                    writeups: Vec::new(),
                });
                if tag.writeups.last() != Some(&i) {
                    tag.writeups.push(i);
                }
            }
        }
        self.tags = by_slug.into_values().collect();
    }

    /// The tag at `slug`'s place in `Corpus::tags`.
    pub fn tag_position(&self, slug: &str) -> Option<usize> {
        self.tags
            .binary_search_by(|t| t.slug.as_str().cmp(slug))
            .ok()
    }

    /// Two write-ups on one page: an error on the later file (by path).
    fn duplicate_pages(&self) -> Vec<Diagnostic> {
        let mut diags = Vec::new();
        let mut slugs: Vec<(&String, &Vec<usize>)> =
            self.by_slug.iter().filter(|(_, l)| l.len() > 1).collect();
        slugs.sort_unstable();
        for (slug, list) in slugs {
            for pair in list.windows(2) {
                let (first, w) = (&*self.writeups[pair[0]], &*self.writeups[pair[1]]);
                let (a, b) = if first.path <= w.path {
                    (first, w)
                } else {
                    (w, first)
                };
                diags.push(
                    Diagnostic::error(
                        &b.path,
                        msg!(
                            "writeup-shares-page",
                            page = crate::urls::Urls::default().conference(slug),
                            other = crate::diagnostics::display_path(&a.path)
                        ),
                    )
                    .with_help(msg!("help-writeup-shares-page")),
                );
            }
        }
        diags
    }

    fn index_clusters(&mut self) {
        let mut by_key: BTreeMap<&ClusterKey, Vec<usize>> = BTreeMap::new();
        for (i, w) in self.writeups.iter().enumerate() {
            if let Some(key) = &w.cluster {
                by_key.entry(key).or_default().push(i);
            }
        }
        let clusters: Vec<Cluster> = by_key
            .into_iter()
            .map(|(key, idx)| Cluster {
                key: key.clone(),
                slug: key.slug(),
                years: cluster_years(&self.writeups, &idx),
                writeups: idx,
            })
            .collect();
        self.cluster_by_key = clusters
            .iter()
            .enumerate()
            .map(|(i, c)| (c.key.clone(), i))
            .collect();
        self.clusters = clusters;
    }

    fn index_units(&mut self) {
        let mut by_name: BTreeMap<String, Unit> = BTreeMap::new();
        for (i, w) in self.writeups.iter().enumerate() {
            for name in w.units() {
                unit_entry(&mut by_name, name).writeups.push(i);
            }
            if let Some(host) = &w.host {
                unit_entry(&mut by_name, host).hosted.push(i);
            }
            for (h, honour) in w.honours.iter().enumerate() {
                for name in &honour.to {
                    let unit = unit_entry(&mut by_name, name);
                    if unit.honours.last() != Some(&(i, h)) {
                        unit.honours.push((i, h));
                    }
                }
            }
        }
        let mut units: Vec<Unit> = by_name.into_values().collect();
        units.sort_by(|a, b| a.slug.cmp(&b.slug).then_with(|| a.name.cmp(&b.name)));
        self.unit_by_name = units
            .iter()
            .enumerate()
            .map(|(i, u)| (u.name.clone(), i))
            .collect();
        self.units = units;
        self.index_memberships();
    }

    fn index_years(&mut self) {
        let mut by_year: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
        for (i, w) in self.writeups.iter().enumerate() {
            by_year.entry(w.year).or_default().push(i);
        }
        self.years = by_year
            .into_iter()
            .map(|(year, writeups)| Year { year, writeups })
            .collect();
    }
}

fn unit_entry<'m>(map: &'m mut BTreeMap<String, Unit>, name: &str) -> &'m mut Unit {
    // Look up before inserting: most names are already there, and an entry()
    // would allocate the key every time.
    if !map.contains_key(name) {
        map.insert(name.to_string(), new_unit(name));
    }
    match map.get_mut(name) {
        Some(u) => u,
        None => unreachable!("inserted above"),
    }
}

/// How `w` spells its tag at `slug`.
fn tag_name<'w>(w: &'w WriteUp, slug: &str) -> Option<&'w str> {
    w.tags
        .iter()
        .find(|t| text::slugify(t) == slug)
        .map(String::as_str)
}

fn new_unit(name: &str) -> Unit {
    Unit {
        name: name.to_string(),
        slug: text::slugify(name),
        memberships: Vec::new(),
        hosted: Vec::new(),
        honours: Vec::new(),
        writeups: Vec::new(),
        roles: Vec::new(),
    }
}

/// One record per year from the first reported to the last (and the year
/// after it when its conference handed the roles over), with membership
/// changes against the previous year that gives members.
fn cluster_years(all: &[Arc<WriteUp>], idx: &[usize]) -> Vec<ClusterYear> {
    let mut by_year: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
    for &i in idx {
        by_year.entry(all[i].year).or_default().push(i);
    }
    let (Some(&first), Some(&last)) = (by_year.keys().next(), by_year.keys().next_back()) else {
        return Vec::new();
    };
    let latest = |year: i32, f: &dyn Fn(&WriteUp) -> bool| -> Option<usize> {
        by_year
            .get(&year)?
            .iter()
            .rev()
            .copied()
            .find(|&i| f(&all[i]))
    };
    let handed_over = |year: i32| latest(year, &|w| !w.handover.is_empty()).is_some();
    let end = if handed_over(last) { last + 1 } else { last };
    let mut out: Vec<ClusterYear> = Vec::with_capacity((end - first + 1) as usize);
    // The last year in `out` that gives members.
    let mut previous: Option<usize> = None;
    for year in first..=end {
        let conferences = by_year.get(&year).cloned().unwrap_or_default();
        let members: Vec<String> = latest(year, &|w| !w.members.is_empty())
            .map(|i| all[i].members.clone())
            .unwrap_or_default();
        let role = |stated: fn(&WriteUp) -> Option<&String>,
                    handed: fn(&WriteUp) -> Option<&String>|
         -> Option<RoleHolder> {
            if let Some(i) = latest(year, &|w| stated(w).is_some()) {
                return stated(&all[i]).map(|unit| RoleHolder {
                    unit: unit.clone(),
                    basis: RoleBasis::Stated,
                    source: i,
                });
            }
            let i = latest(year - 1, &|w| handed(w).is_some())?;
            handed(&all[i]).map(|unit| RoleHolder {
                unit: unit.clone(),
                basis: RoleBasis::Handover,
                source: i,
            })
        };
        // A unit handed a role for a year it is not a member of (the cluster
        // was reorganized meanwhile) does not hold it: the check notes this.
        let member = |h: &RoleHolder| {
            h.basis == RoleBasis::Stated || members.is_empty() || members.contains(&h.unit)
        };
        let leader = role(|w| w.leader.as_ref(), |w| w.handover.leader.as_ref()).filter(member);
        let deputy = role(|w| w.deputy.as_ref(), |w| w.handover.deputy.as_ref()).filter(member);
        // The first summary of the year; a second one with other counts is an
        // error of the cross-checks, one with the same counts is counted once.
        let awards = conferences
            .iter()
            .copied()
            .find(|&i| all[i].kind == Kind::Summary)
            .filter(|&i| !all[i].awards.is_empty())
            .map(|i| YearAwards {
                awards: all[i].awards,
                source: i,
            });
        let (joined, left, reorganized) = match previous.map(|p| &out[p].members) {
            Some(prev) if !members.is_empty() => {
                let before: BTreeSet<&String> = prev.iter().collect();
                let now: BTreeSet<&String> = members.iter().collect();
                let joined: Vec<String> = members
                    .iter()
                    .filter(|m| !before.contains(m))
                    .cloned()
                    .collect();
                let left: Vec<String> = prev.iter().filter(|m| !now.contains(m)).cloned().collect();
                let changed = joined.len().max(left.len());
                let reorganized = changed * 2 > prev.len();
                (joined, left, reorganized)
            }
            _ => (Vec::new(), Vec::new(), false),
        };
        out.push(ClusterYear {
            year,
            members,
            joined,
            left,
            reorganized,
            leader,
            deputy,
            awards,
            conferences,
        });
        if !out[out.len() - 1].members.is_empty() {
            previous = Some(out.len() - 1);
        }
    }
    out
}

/// The summaries of each cluster-year after the first, with that first one.
fn repeated_summaries(corpus: &Corpus) -> Vec<(&WriteUp, &WriteUp)> {
    let mut pairs = Vec::new();
    for c in &corpus.clusters {
        for y in &c.years {
            let mut summaries = y
                .conferences
                .iter()
                .map(|&i| &*corpus.writeups[i])
                .filter(|w| w.kind == Kind::Summary);
            let Some(first) = summaries.next() else {
                continue;
            };
            pairs.extend(summaries.map(|w| (w, first)));
        }
    }
    pairs
}

/// Two summaries of one cluster-year that give different award counts: the
/// year's total would depend on which one is right, so neither is shown.
fn conflicting_summaries(corpus: &Corpus) -> Vec<Diagnostic> {
    let shown = |a: Awards| {
        let n = |c: Option<u64>| c.map_or("—".to_string(), |c| text::group_thousands(c, '.'));
        format!("{} / {}", n(a.collectives), n(a.individuals))
    };
    repeated_summaries(corpus)
        .into_iter()
        .filter(|(w, first)| w.awards != first.awards)
        .map(|(w, first)| {
            w.locate(
                Diagnostic::error(
                    &w.path,
                    msg!(
                        "summaries-disagree",
                        cluster = w.cluster.as_ref().map_or(0, |k| k.number),
                        year = w.year,
                        other = crate::diagnostics::display_path(&first.path),
                        other_counts = shown(first.awards),
                        counts = shown(w.awards)
                    ),
                )
                .with_help(msg!("help-summaries-disagree")),
                w.line_of("awards", "awards").or(w.line_of("kind:", "kind")),
                None,
            )
        })
        .collect()
}

/// The corpus order: by date, then page, then file.
fn order(a: &WriteUp, b: &WriteUp) -> std::cmp::Ordering {
    a.date
        .cmp(&b.date)
        .then_with(|| a.slug.cmp(&b.slug))
        .then_with(|| a.path.cmp(&b.path))
}

/// Inserts `x` into the ascending `list` unless it is there.
fn insert_sorted<T: Ord>(list: &mut Vec<T>, x: T) {
    if let Err(at) = list.binary_search(&x) {
        list.insert(at, x);
    }
}

/// Write-ups made up for tests of the indexes and of the checks over them.
#[cfg(test)]
pub(crate) mod sample {
    use super::*;
    use chrono::NaiveDate;
    use std::path::PathBuf;

    /// A corpus of `files` (path under content/, front matter and body), each
    /// read and validated as a build would.
    pub fn corpus_of(files: &[(&str, &str)]) -> Corpus {
        let writeups = files
            .iter()
            .map(|(rel, text)| {
                let mut source = crate::load::split(
                    PathBuf::from(format!("content/{rel}")),
                    rel.to_string(),
                    text.to_string(),
                )
                .expect("front matter");
                let names = crate::validate::units::UnitNames::default();
                let (wu, diags) = crate::validate::write_up(&mut source, &names);
                Arc::new(wu.unwrap_or_else(|| panic!("{rel}: {diags:?}")))
            })
            .collect();
        Corpus::build(writeups).0
    }

    /// A small deterministic generator, so a failure can be replayed.
    pub struct Rng(pub u64);

    impl Rng {
        pub fn below(&mut self, n: usize) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            ((self.0 >> 33) as usize) % n.max(1)
        }

        pub fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
            from[self.below(from.len())]
        }
    }

    /// Provinces, a misspelt province, and unit names a letter apart.
    const NAMES: [&str; 10] = [
        "Sơn La",
        "Son La",
        "Lào Cai",
        "Yên Bái",
        "Hà Giang",
        "Điện Biên",
        "Lai Châu",
        "Phòng Cảnh sát giao thông",
        "Phòng Canh sat giao thong",
        "Phòng Cảnh sát giao thôn",
    ];

    /// A write-up with facts drawn from `rng`, in file `serial`.
    pub fn writeup(rng: &mut Rng, serial: usize) -> Arc<WriteUp> {
        let year = 2020 + rng.below(3) as i32;
        let date = NaiveDate::from_ymd_opt(year, 1 + rng.below(2) as u32, 1 + rng.below(3) as u32)
            .expect("a date");
        let cluster = match rng.below(5) {
            0 => None,
            1 => Some(ClusterKey {
                bloc: Some("Khối A".into()),
                number: 1,
            }),
            n => Some(ClusterKey {
                bloc: None,
                number: n as u32,
            }),
        };
        let members: Vec<String> = (0..rng.below(4))
            .map(|_| rng.pick(&NAMES).to_string())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let some_name = |rng: &mut Rng| (rng.below(2) == 0).then(|| rng.pick(&NAMES).to_string());
        let honours = (0..rng.below(3))
            .map(|h| Honour {
                // Three titles at three levels; the last two share a page
                // name, which the honours index must report.
                title: ["Cờ thi đua của Chính phủ", "Bằng khen 1", "Bang khen 1"][h].to_string(),
                slug: ["co-thi-dua-cua-chinh-phu", "bang-khen-1", "bang-khen-1"][h].to_string(),
                level: [
                    HonourLevel::Government,
                    HonourLevel::Ministry,
                    HonourLevel::Other,
                ][h],
                status: HonourStatus::Proposed,
                to: (0..rng.below(3))
                    .map(|_| rng.pick(&NAMES).to_string())
                    .collect(),
                collectives: None,
                individuals: None,
            })
            .collect();
        // Few slugs, so that two write-ups sometimes share a page.
        let slug = format!("trang-{}", rng.below(40));
        Arc::new(WriteUp {
            path: PathBuf::from(format!("content/{serial:04}.md")),
            rel: format!("{serial:04}.md"),
            slug,
            title: format!("Hội nghị {serial}"),
            date,
            year,
            kind: Kind::ALL[rng.below(Kind::ALL.len())],
            cluster,
            host: some_name(rng),
            members,
            awards: Awards {
                collectives: (rng.below(2) == 0).then_some(rng.below(100) as u64),
                individuals: None,
            },
            honours,
            leader: some_name(rng),
            deputy: some_name(rng),
            handover: Handover {
                leader: some_name(rng),
                deputy: some_name(rng),
            },
            source: None,
            author: None,
            // Two spellings of one tag, so that its name follows the earliest
            // write-up; not drawn from `rng`, which would change the others.
            tags: [
                &["Tây Bắc"][..],
                &["tây bắc", "Biên giới"],
                &[],
                &["Biên giới"],
            ][serial % 4]
                .iter()
                .map(|t| t.to_string())
                .collect(),
            summary: None,
            draft: false,
            front_matter: String::new(),
            front_matter_line: 2,
            body: String::new(),
            body_line: 10,
            assets: Default::default(),
        })
    }

    /// One random step of a live session: up to two write-ups of `current`
    /// taken out (half of them put back edited, in the same file), and up to
    /// two new files. `current` is left holding the result. Returns what was
    /// removed and what was added.
    pub fn random_edit(
        rng: &mut Rng,
        current: &mut Vec<Arc<WriteUp>>,
        serial: &mut usize,
    ) -> (Vec<Arc<WriteUp>>, Vec<Arc<WriteUp>>) {
        let mut removed = Vec::new();
        let mut added = Vec::new();
        for _ in 0..rng.below(3) {
            if current.is_empty() {
                break;
            }
            let old = current.swap_remove(rng.below(current.len()));
            if rng.below(2) == 0 {
                let mut edited = (*writeup(rng, 0)).clone();
                edited.path = old.path.clone();
                edited.rel = old.rel.clone();
                added.push(Arc::new(edited));
            }
            removed.push(old);
        }
        for _ in 0..rng.below(3) {
            *serial += 1;
            added.push(writeup(rng, *serial));
        }
        current.extend(added.iter().cloned());
        (removed, added)
    }
}

#[cfg(test)]
mod tests {
    use super::sample::{random_edit, writeup, Rng};
    use super::*;

    fn assert_same(updated: &Corpus, built: &Corpus, step: usize) {
        assert_eq!(updated.writeups.len(), built.writeups.len(), "step {step}");
        for (a, b) in updated.writeups.iter().zip(&built.writeups) {
            assert!(Arc::ptr_eq(a, b), "step {step}: {} vs {}", a.rel, b.rel);
        }
        assert_eq!(
            format!("{:?}", updated.clusters),
            format!("{:?}", built.clusters),
            "step {step}"
        );
        assert_eq!(
            format!("{:?}", updated.units),
            format!("{:?}", built.units),
            "step {step}"
        );
        assert_eq!(
            format!("{:?}", updated.years),
            format!("{:?}", built.years),
            "step {step}"
        );
        assert_eq!(updated.unit_by_name, built.unit_by_name, "step {step}");
        assert_eq!(updated.cluster_by_key, built.cluster_by_key, "step {step}");
        assert_eq!(updated.by_slug, built.by_slug, "step {step}");
        assert_eq!(updated.honours, built.honours, "step {step}");
        assert_eq!(updated.tags, built.tags, "step {step}");
    }

    #[test]
    fn updates_give_the_indexes_a_build_gives() {
        // A large corpus, and a small one whose clusters, units and years
        // come and go.
        updates_match_builds(7, 60);
        updates_match_builds(11, 2);
    }

    fn updates_match_builds(seed: u64, size: usize) {
        let mut rng = Rng(seed);
        let mut serial = 0;
        let mut current: Vec<Arc<WriteUp>> = (0..size)
            .map(|_| {
                serial += 1;
                writeup(&mut rng, serial)
            })
            .collect();
        let (mut corpus, _) = Corpus::build(current.clone());
        for step in 0..400 {
            // Remove some, edit some (same file, new facts), add some.
            let (removed, added) = random_edit(&mut rng, &mut current, &mut serial);
            let diags = corpus
                .update(&removed, &added)
                .expect("the removed are there");
            let (built, built_diags) = Corpus::build(current.clone());
            assert_same(&corpus, &built, step);
            assert_eq!(diags, built_diags, "step {step}");
        }
    }

    #[test]
    fn an_update_that_removes_a_stranger_changes_nothing() {
        let mut rng = Rng(3);
        let all: Vec<Arc<WriteUp>> = (1..20).map(|i| writeup(&mut rng, i)).collect();
        let (mut corpus, _) = Corpus::build(all.clone());
        let stranger = Arc::new((*all[0]).clone());
        assert!(corpus.update(&[stranger], &[]).is_none());
        let (built, _) = Corpus::build(all);
        assert_same(&corpus, &built, 0);
    }

    #[test]
    fn position_finds_a_page() {
        let mut rng = Rng(5);
        let all: Vec<Arc<WriteUp>> = (1..20).map(|i| writeup(&mut rng, i)).collect();
        let (corpus, _) = Corpus::build(all);
        for (i, w) in corpus.writeups.iter().enumerate() {
            let at = corpus.position(&w.slug).expect("there");
            assert_eq!(corpus.writeups[at].slug, w.slug);
            assert!(at <= i);
        }
        assert_eq!(corpus.position("no-such-page"), None);
    }

    /// A write-up of cluster 9 for `year`, dated `day` of that year.
    fn cluster_9(
        year: i32,
        day: (u32, u32),
        kind: Kind,
        edit: impl Fn(&mut WriteUp),
    ) -> Arc<WriteUp> {
        let mut w = (*writeup(&mut Rng(1), 0)).clone();
        w.path = format!("content/{year}-{}-{}-{}.md", day.0, day.1, kind.as_str()).into();
        w.slug = format!("{year}-{}-{}-{}", day.0, day.1, kind.as_str());
        w.date = chrono::NaiveDate::from_ymd_opt(year, day.0, day.1).expect("a date");
        w.year = year;
        w.kind = kind;
        w.cluster = Some(ClusterKey {
            bloc: None,
            number: 9,
        });
        w.members = vec!["A".into(), "B".into(), "C".into()];
        w.leader = None;
        w.deputy = None;
        w.handover = Handover::default();
        w.awards = Awards::default();
        w.honours = Vec::new();
        edit(&mut w);
        Arc::new(w)
    }

    fn years(all: Vec<Arc<WriteUp>>) -> Vec<ClusterYear> {
        let (corpus, _) = Corpus::build(all);
        corpus.clusters[0].years.clone()
    }

    #[test]
    fn a_stated_holder_wins_over_the_handover_before_it() {
        let y = years(vec![
            cluster_9(2022, (11, 20), Kind::Summary, |w| {
                w.leader = Some("A".into());
                w.handover = Handover {
                    leader: Some("B".into()),
                    deputy: Some("C".into()),
                };
            }),
            cluster_9(2023, (3, 1), Kind::Pledge, |w| w.leader = Some("C".into())),
        ]);
        assert_eq!(y.iter().map(|y| y.year).collect::<Vec<_>>(), [2022, 2023]);
        let leader = y[1].leader.as_ref().expect("a leader");
        assert_eq!(
            (leader.unit.as_str(), leader.basis),
            ("C", RoleBasis::Stated)
        );
        let deputy = y[1].deputy.as_ref().expect("a deputy");
        assert_eq!(
            (deputy.unit.as_str(), deputy.basis),
            ("C", RoleBasis::Handover)
        );
        assert_eq!(y[0].leader.as_ref().map(|h| h.unit.as_str()), Some("A"));
    }

    #[test]
    fn a_handover_at_the_last_year_opens_the_next_and_skips_non_members() {
        let y = years(vec![
            cluster_9(2020, (11, 20), Kind::Summary, |_| {}),
            cluster_9(2022, (11, 20), Kind::Summary, |w| {
                w.handover = Handover {
                    leader: Some("B".into()),
                    deputy: Some("Z".into()),
                };
            }),
        ]);
        assert_eq!(
            y.iter().map(|y| (y.year, y.reported())).collect::<Vec<_>>(),
            [(2020, true), (2021, false), (2022, true), (2023, false)]
        );
        // No write-up lists the members of 2023: the handover stands.
        assert_eq!(y[3].leader.as_ref().map(|h| h.unit.as_str()), Some("B"));
        assert_eq!(y[3].deputy.as_ref().map(|h| h.unit.as_str()), Some("Z"));
        // Members are compared with the last year that gives them.
        assert!(y[2].joined.is_empty() && y[2].left.is_empty());

        let y = years(vec![
            cluster_9(2022, (11, 20), Kind::Summary, |w| {
                w.handover = Handover {
                    leader: Some("B".into()),
                    deputy: Some("Z".into()),
                };
            }),
            cluster_9(2023, (3, 1), Kind::Pledge, |_| {}),
        ]);
        assert_eq!(y[1].leader.as_ref().map(|h| h.unit.as_str()), Some("B"));
        assert_eq!(y[1].deputy, None, "Z is not a member in 2023");
    }

    #[test]
    fn a_year_total_is_its_summary_alone() {
        let counts = |c: u64| Awards {
            collectives: Some(c),
            individuals: None,
        };
        let y = years(vec![
            cluster_9(2023, (7, 1), Kind::Review, |w| w.awards = counts(600)),
            cluster_9(2023, (11, 20), Kind::Summary, |w| w.awards = counts(0)),
            cluster_9(2024, (7, 1), Kind::Review, |w| w.awards = counts(700)),
            cluster_9(2025, (11, 20), Kind::Summary, |_| {}),
        ]);
        assert_eq!(y[0].awards.map(|a| a.awards), Some(counts(0)), "a stated 0");
        assert_eq!(y[1].awards, None, "a review alone gives no total");
        assert_eq!(y[2].awards, None, "a summary without counts gives none");
        let (corpus, diags) = Corpus::build(vec![
            cluster_9(2023, (11, 20), Kind::Summary, |w| w.awards = counts(5)),
            cluster_9(2023, (11, 21), Kind::Summary, |w| w.awards = counts(5)),
            cluster_9(2024, (11, 20), Kind::Summary, |w| w.awards = counts(5)),
            cluster_9(2024, (11, 21), Kind::Summary, |w| w.awards = counts(6)),
        ]);
        assert_eq!(
            corpus.totals().awards,
            counts(10),
            "equal summaries counted once"
        );
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].code(), "summaries-disagree");
        assert!(diags[0]
            .text(crate::messages::Language::En)
            .contains("two summaries of cluster 9 for 2024"));
        assert_eq!(corpus.year_totals(2023).with_data, 1);
    }
}
