//! Checks across write-ups, run on the corpus: unit names that are probably
//! typos of one another, honours that do not add up, likely duplicates, dates
//! out of place, membership changes. Pure: `today` is passed in.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::messages::{Arg, Msg};
use crate::model::{Corpus, Kind, WriteUp};
use crate::text;

/// The provinces' names, never typos of one another.
const PROVINCES: &str = include_str!("provinces.txt");

/// Which cross-file checks to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Checks {
    /// Everything: for build and check.
    All,
    /// Only the checks that can fail the build: for the live preview, which
    /// shows errors and must rebuild fast.
    ErrorsOnly,
}

/// Runs the cross-file checks. `declared` are the canonical names of units.yaml.
pub fn check(
    corpus: &Corpus,
    declared: &[String],
    today: NaiveDate,
    which: Checks,
) -> Vec<Diagnostic> {
    let mut diags = Spellings::new(corpus, declared).in_corpus_order(corpus);
    if which == Checks::All {
        diags.extend(warnings(corpus, today));
    }
    diags
}

/// The checks that only warn or inform (every one but the unit names): dates,
/// honours, likely duplicates, membership changes.
pub fn warnings(corpus: &Corpus, today: NaiveDate) -> Vec<Diagnostic> {
    let mut diags: Vec<Diagnostic> = corpus
        .writeups
        .par_iter()
        .flat_map_iter(|w| {
            let mut d = dates(w, today);
            d.extend(honours(w));
            d
        })
        .collect();
    diags.extend(duplicates(corpus));
    diags.extend(membership_changes(corpus));
    diags.extend(handovers(corpus));
    diags
}

/// Handovers the next year contradicts: to a unit that is not a member, or
/// to a unit other than the one a write-up of that year names.
fn handovers(corpus: &Corpus) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for c in &corpus.clusters {
        for y in &c.years {
            for &i in &y.conferences {
                let w = &*corpus.writeups[i];
                let Some(next) = c.years.iter().find(|n| n.year == y.year + 1) else {
                    continue;
                };
                let roles = [
                    ("Cụm trưởng", &w.handover.leader, &next.leader, "leader"),
                    ("Cụm phó", &w.handover.deputy, &next.deputy, "deputy"),
                ];
                for (role, handed, holder, key) in roles {
                    let Some(unit) = handed else { continue };
                    if !next.members.is_empty() && !next.members.contains(unit) {
                        diags.push(at(
                            w,
                            Diagnostic::note(
                                &w.path,
                                msg!(
                                    "handover-not-member",
                                    role = role,
                                    unit = unit,
                                    year = y.year + 1
                                ),
                            )
                            .with_help(msg!("help-handover-not-member")),
                            w.line_under("handover", unit),
                            Some(unit),
                        ));
                    }
                    if let Some(h) = holder
                        .as_ref()
                        .filter(|h| h.basis == crate::model::RoleBasis::Stated && &h.unit != unit)
                    {
                        let stating = &*corpus.writeups[h.source];
                        diags.push(at(
                            stating,
                            Diagnostic::note(
                                &stating.path,
                                msg!(
                                    "role-contradicts-handover",
                                    holder = &h.unit,
                                    role = role,
                                    year = next.year,
                                    file = crate::diagnostics::display_path(&w.path),
                                    unit = unit
                                ),
                            )
                            .with_help(msg!("help-role-contradicts-handover")),
                            stating.line_under(key, &h.unit),
                            Some(&h.unit),
                        ));
                    }
                }
            }
        }
    }
    diags
}

/// The unit-name check, kept up to date edit by edit: each name seen with the
/// names near it (the costly part, done once per new name), the spelling
/// each name in use probably means, and each write-up's findings. After any
/// `update` the findings are exactly those a fresh `new` would give.
#[derive(Debug, Default)]
pub struct Spellings {
    /// The provinces and the names of units.yaml.
    known: HashSet<String>,
    /// Every name seen (known or used, now or before), and the other names
    /// seen that are near it.
    near: HashMap<String, Vec<String>>,
    /// The folded form of every name in `near`, in the order seen.
    folded: Vec<(String, String)>,
    /// For a name in use, the spelling it probably means.
    preferred: HashMap<String, String>,
    /// The findings of each write-up that has some, by file.
    by_file: HashMap<PathBuf, Vec<Diagnostic>>,
}

/// What an update changed: the findings of the files looked at again,
/// before and after.
#[derive(Debug, Default)]
pub struct SpellingChanges {
    pub before: Vec<Diagnostic>,
    pub after: Vec<Diagnostic>,
}

impl Spellings {
    /// The check over a whole corpus. `declared` are the canonical names of units.yaml.
    pub fn new(corpus: &Corpus, declared: &[String]) -> Spellings {
        let mut known: Vec<String> = PROVINCES
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(text::normalize)
            .collect();
        known.extend(declared.iter().cloned());
        let mut s = Spellings {
            known: known.iter().cloned().collect(),
            ..Spellings::default()
        };
        let mut names: Vec<&str> = known.iter().map(String::as_str).collect();
        names.extend(corpus.units.iter().map(|u| u.name.as_str()));
        s.see(names);
        s.preferred = s.preferences(corpus);
        let found: Vec<(PathBuf, Vec<Diagnostic>)> = corpus
            .writeups
            .par_iter()
            .map(|w| (w.path.clone(), findings(w, &s.preferred)))
            .filter(|(_, d)| !d.is_empty())
            .collect();
        s.by_file = found.into_iter().collect();
        s
    }

    /// Brings the findings up to date after `removed` left the corpus and
    /// `added` came in; `corpus` is the corpus after the change. Returns the
    /// findings of the files it looked at again.
    pub fn update(
        &mut self,
        corpus: &Corpus,
        removed: &[Arc<WriteUp>],
        added: &[Arc<WriteUp>],
    ) -> SpellingChanges {
        self.see(added.iter().flat_map(|w| w.units()).collect());
        let preferred = self.preferences(corpus);
        // Names whose preferred spelling changed: every write-up naming one
        // is looked at again, with the edited ones.
        let mut changed: Vec<&str> = preferred
            .iter()
            .filter(|(name, better)| self.preferred.get(*name) != Some(*better))
            .map(|(name, _)| name.as_str())
            .chain(
                self.preferred
                    .keys()
                    .filter(|name| !preferred.contains_key(*name))
                    .map(String::as_str),
            )
            .collect();
        changed.sort_unstable();
        changed.dedup();
        let mut again: Vec<usize> = changed
            .iter()
            .filter_map(|name| corpus.unit(name))
            .flat_map(|u| u.writeups.iter().copied())
            .collect();
        again.sort_unstable();
        again.dedup();
        let mut out = SpellingChanges::default();
        for w in removed {
            if let Some(d) = self.by_file.remove(&w.path) {
                out.before.extend(d);
            }
        }
        // The edited ones, then the others (each once).
        let mut look: Vec<&WriteUp> = added.iter().map(|w| &**w).collect();
        let edited: HashSet<&std::path::Path> = look.iter().map(|w| w.path.as_path()).collect();
        look.extend(
            again
                .iter()
                .map(|&i| &*corpus.writeups[i])
                .filter(|w| !edited.contains(w.path.as_path())),
        );
        for w in look {
            let fresh = findings(w, &preferred);
            let old = if fresh.is_empty() {
                self.by_file.remove(&w.path)
            } else {
                self.by_file.insert(w.path.clone(), fresh.clone())
            };
            out.before.extend(old.unwrap_or_default());
            out.after.extend(fresh);
        }
        self.preferred = preferred;
        out
    }

    /// Every finding.
    pub fn diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        self.by_file.values().flatten()
    }

    /// Every finding, in the order of the corpus's write-ups.
    pub fn in_corpus_order(&self, corpus: &Corpus) -> Vec<Diagnostic> {
        corpus
            .writeups
            .iter()
            .filter_map(|w| self.by_file.get(&w.path))
            .flatten()
            .cloned()
            .collect()
    }

    /// Adds the names not seen yet, with their near names both ways.
    fn see(&mut self, names: Vec<&str>) {
        for name in names {
            if self.near.contains_key(name) {
                continue;
            }
            let f = text::fold(name);
            let mut near = Vec::new();
            for (other, g) in &self.folded {
                if is_near(&f, g) {
                    near.push(other.clone());
                    if let Some(list) = self.near.get_mut(other) {
                        list.push(name.to_string());
                    }
                }
            }
            self.near.insert(name.to_string(), near);
            self.folded.push((name.to_string(), f));
        }
    }

    /// For every name in use, the spelling it probably means, when that is
    /// another one: the best-ranked name near it that is known or in use.
    fn preferences(&self, corpus: &Corpus) -> HashMap<String, String> {
        let uses = |name: &str| corpus.unit(name).map_or(0, |u| u.writeups.len());
        // Rank: declared in units.yaml, then most used, then most diacritics (the
        // careful spelling), then alphabetical for a stable choice.
        let rank = |name: &str| {
            let declared = self.known.contains(name);
            let count = uses(name);
            let marks = name.chars().filter(|c| !c.is_ascii()).count();
            let capitals = name
                .split(' ')
                .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
                .count();
            (declared, count, capitals, marks)
        };
        // Each name's rank once, not once per pair of near names (`None`:
        // neither known nor in use, so never preferred).
        let mut ranks: HashMap<&str, Option<Rank>> = HashMap::new();
        let mut out = HashMap::new();
        for u in &corpus.units {
            let name = u.name.as_str();
            // A known unit is itself, however close another name is.
            if self.known.contains(name) {
                continue;
            }
            let Some(near) = self.near.get(name) else {
                continue;
            };
            let mut best: Option<(&str, Rank)> = None;
            for other in near.iter().map(String::as_str).filter(|o| *o != name) {
                let cached = match ranks.get(other) {
                    Some(r) => *r,
                    None => {
                        let r = rank(other);
                        let r = (r.0 || r.1 > 0).then_some(r);
                        ranks.insert(other, r);
                        r
                    }
                };
                let Some(r) = cached else {
                    continue;
                };
                // The highest rank; among equals, the first alphabetically.
                let better = match best {
                    None => true,
                    Some((b, br)) => r.cmp(&br).then_with(|| b.cmp(other)).is_gt(),
                };
                if better {
                    best = Some((other, r));
                }
            }
            if let Some((best, r)) = best {
                if r > rank(name) {
                    out.insert(name.to_string(), best.to_string());
                }
            }
        }
        out
    }
}

fn at(w: &WriteUp, d: Diagnostic, line: Option<usize>, needle: Option<&str>) -> Diagnostic {
    w.locate(d, line, needle)
}

/// How strongly a spelling is preferred: declared in units.yaml, uses,
/// capitalized words, letters with diacritics.
type Rank = (bool, usize, usize, usize);

/// Folded names that are equal, or one or two edits apart on a long enough name.
fn is_near(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (la, lb) = (a.chars().count(), b.chars().count());
    let allowed = match la.min(lb) {
        0..=4 => 0,
        5..=9 => 1,
        _ => 2,
    };
    // The distance is at least the difference in length: most pairs of a
    // corpus's names end here, without the quadratic distance.
    allowed > 0 && la.abs_diff(lb) <= allowed && text::within_edits(a, b, allowed)
}

/// One write-up's unit names that probably mean another spelling.
fn findings(w: &WriteUp, preferred: &HashMap<String, String>) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    if preferred.is_empty() {
        return diags;
    }
    for name in w.units() {
        let Some(better) = preferred.get(name) else {
            continue;
        };
        let line = w.line_of(name, "members");
        let same_page = text::slugify(name) == text::slugify(better);
        let d = if same_page {
            Diagnostic::error(
                &w.path,
                msg!(
                    "unit-shares-page",
                    name = name,
                    better = better,
                    slug = text::slugify(name)
                ),
            )
            .with_help(msg!("help-unit-shares-page", name = name, better = better))
        } else {
            Diagnostic::warning(&w.path, msg!("unit-probable-typo", name = name)).with_help(msg!(
                "help-unit-probable-typo",
                name = name,
                better = better
            ))
        };
        diags.push(at(w, d, line, Some(name)));
    }
    diags
}

fn dates(w: &WriteUp, today: NaiveDate) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let date_line = w.line_of("date:", "date");
    if w.date > today {
        diags.push(at(
            w,
            Diagnostic::warning(&w.path, msg!("date-in-future", date = w.date))
                .with_help(msg!("help-date-in-future")),
            date_line,
            None,
        ));
    }
    if (w.year - w.date.year()).abs() > 1 {
        diags.push(at(
            w,
            Diagnostic::warning(
                &w.path,
                msg!(
                    "year-far-from-date",
                    year = w.year,
                    date_year = w.date.year()
                ),
            )
            .with_help(msg!("help-year-far-from-date")),
            w.line_of("year:", "year"),
            None,
        ));
    }
    diags
}

fn honours(w: &WriteUp) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    if !w.members.is_empty() {
        for h in &w.honours {
            for unit in &h.to {
                if !w.members.contains(unit) {
                    diags.push(at(
                        w,
                        Diagnostic::warning(
                            &w.path,
                            msg!("honour-to-non-member", unit = unit, title = &h.title),
                        )
                        .with_help(msg!("help-honour-to-non-member")),
                        w.line_of(unit, "honours"),
                        Some(unit),
                    ));
                }
            }
        }
    }
    let sum = |f: fn(&crate::model::Honour) -> Option<u64>| -> u64 {
        w.honours.iter().filter_map(f).sum()
    };
    for (what, total, given) in [
        (
            "word-collectives",
            w.awards.collectives,
            sum(|h| h.collectives),
        ),
        (
            "word-individuals",
            w.awards.individuals,
            sum(|h| h.individuals),
        ),
    ] {
        if let Some(total) = total {
            if given > total {
                diags.push(at(
                    w,
                    Diagnostic::warning(
                        &w.path,
                        msg!(
                            "honours-above-total",
                            given = Arg::Count(given),
                            what = Arg::Key(what),
                            total = Arg::Count(total)
                        ),
                    )
                    .with_help(msg!("help-honours-above-total")),
                    w.line_of("awards", "awards"),
                    None,
                ));
            }
        }
    }
    diags
}

fn duplicates(corpus: &Corpus) -> Vec<Diagnostic> {
    type Key<'a> = (&'a crate::model::ClusterKey, crate::model::Kind, i32);
    let mut seen: BTreeMap<Key, &WriteUp> = BTreeMap::new();
    let mut pairs: Vec<(&WriteUp, &WriteUp)> = Vec::new();
    for w in &corpus.writeups {
        let Some(key) = &w.cluster else { continue };
        if let Some(first) = seen.insert((key, w.kind, w.year), w) {
            // Summaries with different counts are an error of their own.
            if w.kind != Kind::Summary || w.awards == first.awards {
                pairs.push((w, first));
            }
        }
    }
    pairs
        .par_iter()
        .map(|(w, first)| {
            at(
                w,
                Diagnostic::warning(
                    &w.path,
                    msg!(
                        "likely-duplicate",
                        file = crate::diagnostics::display_path(&first.path),
                        kind = Arg::kind(w.kind),
                        year = w.year
                    ),
                )
                .with_help(if w.kind == Kind::Summary {
                    msg!("help-likely-duplicate-summary")
                } else {
                    msg!("help-likely-duplicate")
                }),
                w.line_of("title:", "title"),
                None,
            )
        })
        .collect()
}

fn membership_changes(corpus: &Corpus) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for c in &corpus.clusters {
        for y in c.years.iter().skip(1) {
            if y.joined.is_empty() && y.left.is_empty() {
                continue;
            }
            let Some(&last) = y.conferences.last() else {
                continue;
            };
            let w = &corpus.writeups[last];
            let mut what: Vec<Msg> = Vec::new();
            if !y.joined.is_empty() {
                what.push(msg!("members-joined", units = y.joined.join(", ")));
            }
            if !y.left.is_empty() {
                what.push(msg!("members-left", units = y.left.join(", ")));
            }
            diags.push(at(
                w,
                Diagnostic::note(
                    &w.path,
                    msg!(
                        "members-changed",
                        cluster = c.key.number,
                        year = y.year,
                        changes = Arg::Msgs(what)
                    ),
                )
                .with_help(if y.reorganized {
                    msg!("help-members-reorganized")
                } else {
                    msg!("help-members-changed")
                }),
                w.line_of("members:", "members"),
                None,
            ));
        }
    }
    diags
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::sample::{random_edit, writeup, Rng};

    fn sorted(mut d: Vec<Diagnostic>) -> Vec<Diagnostic> {
        crate::diagnostics::sort(&mut d);
        d
    }

    /// Edits that change which spelling wins, checked against a fresh check
    /// after every step, findings and reported changes both.
    #[test]
    fn updated_spellings_equal_a_fresh_check() {
        let mut rng = Rng(19);
        let mut serial = 0;
        let mut current: Vec<Arc<WriteUp>> = (0..12)
            .map(|_| {
                serial += 1;
                writeup(&mut rng, serial)
            })
            .collect();
        let declared = vec!["Phòng Cảnh sát giao thôn".to_string()];
        let (mut corpus, _) = Corpus::build(current.clone());
        let mut spellings = Spellings::new(&corpus, &[]);
        let mut shown: Vec<Diagnostic> = spellings.diagnostics().cloned().collect();
        let mut seen_findings = 0;
        for step in 0..300 {
            let (removed, added) = random_edit(&mut rng, &mut current, &mut serial);
            corpus
                .update(&removed, &added)
                .expect("the removed are there");
            let changes = spellings.update(&corpus, &removed, &added);
            let fresh = Spellings::new(&corpus, &[]);
            assert_eq!(spellings.by_file, fresh.by_file, "step {step}");
            assert_eq!(spellings.preferred, fresh.preferred, "step {step}");
            for d in changes.before {
                let at = shown.iter().position(|s| *s == d).expect("was shown");
                shown.swap_remove(at);
            }
            shown.extend(changes.after);
            assert_eq!(
                sorted(shown.clone()),
                sorted(fresh.diagnostics().cloned().collect()),
                "step {step}"
            );
            seen_findings += shown.len();
        }
        assert!(seen_findings > 0, "the names never clashed");
        // The order of a full check: by write-up, as the corpus has them.
        let full = check(&corpus, &declared, NaiveDate::MAX, Checks::ErrorsOnly);
        let paths: Vec<&PathBuf> = full.iter().map(|d| &d.path).collect();
        let mut by_corpus = paths.clone();
        by_corpus.sort_by_key(|p| corpus.writeups.iter().position(|w| &w.path == *p));
        assert_eq!(paths, by_corpus);
    }
}
