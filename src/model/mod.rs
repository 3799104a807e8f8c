//! The corpus: validated write-ups and the indexes the pages are made from
//! (by cluster, unit and year). Pure data: the model does no I/O and knows
//! nothing of templates or HTML.

mod writeup;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

pub use writeup::{Awards, ClusterKey, Honour, Kind, WriteUp};

use crate::diagnostics::Diagnostic;
use crate::text;

/// A cluster's facts for one emulation year.
#[derive(Debug, Clone)]
pub struct ClusterYear {
    pub year: i32,
    /// Members as given by the year's latest write-up.
    pub members: Vec<String>,
    pub joined: Vec<String>,
    pub left: Vec<String>,
    /// More than half the members changed since the previous reported year.
    pub reorganized: bool,
    pub leader: Option<String>,
    pub deputy: Option<String>,
    /// Sum over the year's write-ups; `None` where none gave a count.
    pub awards: Awards,
    /// Indexes into `Corpus::writeups`, by date.
    pub conferences: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct Cluster {
    pub key: ClusterKey,
    pub slug: String,
    /// Indexes into `Corpus::writeups`, by date.
    pub writeups: Vec<usize>,
    /// Reported years, ascending.
    pub years: Vec<ClusterYear>,
}

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
}

#[derive(Debug, Clone)]
pub struct Year {
    pub year: i32,
    pub writeups: Vec<usize>,
}

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
    unit_by_name: HashMap<String, usize>,
    cluster_by_key: HashMap<ClusterKey, usize>,
}

impl Corpus {
    /// Indexes the write-ups. Cross-file problems (two write-ups on one page, two
    /// unit names that share a slug) come back as errors.
    pub fn build(mut writeups: Vec<Arc<WriteUp>>) -> (Corpus, Vec<Diagnostic>) {
        writeups.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.slug.cmp(&b.slug)));
        let diags = duplicate_pages(&writeups);

        let mut corpus = Corpus {
            writeups,
            ..Corpus::default()
        };
        corpus.index_clusters();
        corpus.index_units();
        corpus.index_years();
        (corpus, diags)
    }

    pub fn unit(&self, name: &str) -> Option<&Unit> {
        self.unit_by_name.get(name).map(|i| &self.units[*i])
    }

    pub fn cluster(&self, key: &ClusterKey) -> Option<(usize, &Cluster)> {
        self.cluster_by_key
            .get(key)
            .map(|i| (*i, &self.clusters[*i]))
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
        for (ci, c) in self.clusters.iter().enumerate() {
            for y in &c.years {
                for m in &y.members {
                    if let Some(u) = by_name.get_mut(m) {
                        u.memberships.push((y.year, ci));
                    }
                }
            }
        }
        let mut units: Vec<Unit> = by_name.into_values().collect();
        for u in &mut units {
            u.memberships.sort_unstable();
        }
        units.sort_by(|a, b| a.slug.cmp(&b.slug).then_with(|| a.name.cmp(&b.name)));
        self.unit_by_name = units
            .iter()
            .enumerate()
            .map(|(i, u)| (u.name.clone(), i))
            .collect();
        self.units = units;
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

fn new_unit(name: &str) -> Unit {
    Unit {
        name: name.to_string(),
        slug: text::slugify(name),
        memberships: Vec::new(),
        hosted: Vec::new(),
        honours: Vec::new(),
        writeups: Vec::new(),
    }
}

/// One record per reported year, with membership changes against the year before.
fn cluster_years(all: &[Arc<WriteUp>], idx: &[usize]) -> Vec<ClusterYear> {
    let mut by_year: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
    for &i in idx {
        by_year.entry(all[i].year).or_default().push(i);
    }
    let mut out: Vec<ClusterYear> = Vec::with_capacity(by_year.len());
    for (year, conferences) in by_year {
        let latest_with = |f: &dyn Fn(&WriteUp) -> bool| {
            conferences.iter().rev().map(|&i| &*all[i]).find(|w| f(w))
        };
        let members = latest_with(&|w| !w.members.is_empty())
            .map(|w| w.members.clone())
            .unwrap_or_default();
        let leader = latest_with(&|w| w.leader.is_some()).and_then(|w| w.leader.clone());
        let deputy = latest_with(&|w| w.deputy.is_some()).and_then(|w| w.deputy.clone());
        let awards = conferences
            .iter()
            .fold(Awards::default(), |acc, &i| acc.plus(all[i].awards));
        let (joined, left, reorganized) = match out.last() {
            Some(prev) => {
                let before: BTreeSet<&String> = prev.members.iter().collect();
                let now: BTreeSet<&String> = members.iter().collect();
                let joined: Vec<String> = members
                    .iter()
                    .filter(|m| !before.contains(m))
                    .cloned()
                    .collect();
                let left: Vec<String> = prev
                    .members
                    .iter()
                    .filter(|m| !now.contains(m))
                    .cloned()
                    .collect();
                let changed = joined.len().max(left.len());
                let reorganized = !prev.members.is_empty() && changed * 2 > prev.members.len();
                (joined, left, reorganized)
            }
            None => (Vec::new(), Vec::new(), false),
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
    }
    out
}

fn duplicate_pages(writeups: &[Arc<WriteUp>]) -> Vec<Diagnostic> {
    let mut seen: HashMap<&str, &WriteUp> = HashMap::new();
    let mut diags = Vec::new();
    for w in writeups {
        if let Some(first) = seen.insert(&w.slug, &**w) {
            let (a, b) = if first.path <= w.path {
                (first, &**w)
            } else {
                (&**w, first)
            };
            diags.push(
                Diagnostic::error(
                    &b.path,
                    format!(
                        "this write-up would be written to hoi-nghi/{}/index.html, like {}",
                        w.slug,
                        crate::diagnostics::display_path(&a.path)
                    ),
                )
                .with_help("give one of them another `slug:` or file name"),
            );
        }
    }
    diags
}
