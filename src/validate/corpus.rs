//! Checks across write-ups, run on the corpus: unit names that are probably
//! typos of one another, honours that do not add up, likely duplicates, dates
//! out of place, membership changes. Pure: `today` is passed in.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::model::{Corpus, WriteUp};
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
    let mut known: Vec<String> = PROVINCES
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(text::normalize)
        .collect();
    known.extend(declared.iter().cloned());
    let mut diags = unit_names(corpus, &known);
    if which == Checks::ErrorsOnly {
        return diags;
    }
    diags.par_extend(corpus.writeups.par_iter().flat_map_iter(|w| {
        let mut d = dates(w, today);
        d.extend(honours(w));
        d
    }));
    diags.extend(duplicates(corpus));
    diags.extend(membership_changes(corpus));
    diags
}

fn at(w: &WriteUp, d: Diagnostic, line: Option<usize>, needle: Option<&str>) -> Diagnostic {
    match line {
        // The front matter starts on `front_matter_line`; point into it directly.
        Some(line) if line >= w.front_matter_line => {
            let mut d = d.at_line(&w.front_matter, line + 1 - w.front_matter_line, needle);
            if let Some(span) = &mut d.span {
                span.line = line;
            }
            d
        }
        _ => d,
    }
}

/// For every unit name, the spelling it probably means, when that is another one.
fn preferred_spellings(corpus: &Corpus, known: &[String]) -> HashMap<String, String> {
    let mut uses: BTreeMap<&str, usize> = BTreeMap::new();
    for w in &corpus.writeups {
        for name in w.units() {
            *uses.entry(name).or_default() += 1;
        }
    }
    // Rank: declared in units.yaml, then most used, then most diacritics (the
    // careful spelling), then alphabetical for a stable choice.
    let rank = |name: &str| {
        let declared = known.iter().any(|k| k == name);
        let count = uses.get(name).copied().unwrap_or(0);
        let marks = name.chars().filter(|c| !c.is_ascii()).count();
        let capitals = name
            .split(' ')
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .count();
        (declared, count, capitals, marks)
    };
    let mut candidates: Vec<&str> = known.iter().map(String::as_str).collect();
    candidates.extend(uses.keys().copied());
    candidates.sort_unstable();
    candidates.dedup();
    let folded: Vec<(String, &str)> = candidates.iter().map(|c| (text::fold(c), *c)).collect();
    let mut out = HashMap::new();
    for name in uses.keys() {
        // A known unit is itself, however close another name is.
        if known.iter().any(|k| k == name) {
            continue;
        }
        let f = text::fold(name);
        let best = folded
            .iter()
            .filter(|(g, other)| *other != *name && is_near(&f, g))
            .map(|(_, other)| *other)
            .max_by(|a, b| rank(a).cmp(&rank(b)).then_with(|| b.cmp(a)));
        if let Some(best) = best {
            if rank(best) > rank(name) {
                out.insert(name.to_string(), best.to_string());
            }
        }
    }
    out
}

/// Folded names that are equal, or one or two edits apart on a long enough name.
fn is_near(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let len = a.chars().count().min(b.chars().count());
    let allowed = match len {
        0..=4 => 0,
        5..=9 => 1,
        _ => 2,
    };
    allowed > 0 && text::edit_distance(a, b) <= allowed
}

fn unit_names(corpus: &Corpus, known: &[String]) -> Vec<Diagnostic> {
    let preferred = preferred_spellings(corpus, known);
    let mut diags = Vec::new();
    for w in &corpus.writeups {
        for name in w.units() {
            let Some(better) = preferred.get(name) else {
                continue;
            };
            let line = w.line_of(name, "members");
            let same_page = text::slugify(name) == text::slugify(better);
            let d = if same_page {
                Diagnostic::error(
                    &w.path,
                    format!(
                        "the unit \"{name}\" and the unit \"{better}\" would share the page don-vi/{}/",
                        text::slugify(name)
                    ),
                )
                .with_help(format!(
                    "did you mean \"{better}\"? Use one spelling, or declare \"{name}\" as an alias in content/units.yaml: `- {{name: {better}, aliases: [{name}]}}`"
                ))
            } else {
                Diagnostic::warning(&w.path, format!("the unit \"{name}\" is probably a typo"))
                    .with_help(format!(
                        "did you mean \"{better}\"? If \"{name}\" is a different unit, add it to content/units.yaml"
                    ))
            };
            diags.push(at(w, d, line, Some(name)));
        }
    }
    diags
}

fn dates(w: &WriteUp, today: NaiveDate) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let date_line = w.line_of("date:", "date");
    if w.date > today {
        diags.push(at(
            w,
            Diagnostic::warning(&w.path, format!("the date {} is in the future", w.date))
                .with_help(
                    "check the year; a conference that has not happened yet has no write-up",
                ),
            date_line,
            None,
        ));
    }
    if (w.year - w.date.year()).abs() > 1 {
        diags.push(at(
            w,
            Diagnostic::warning(
                &w.path,
                format!(
                    "the emulation year {} is far from the date's year {}",
                    w.year,
                    w.date.year()
                ),
            )
            .with_help("`year` is the year reported on: the date's year or the one before"),
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
                            format!(
                                "\"{unit}\" receives \"{}\" but is not a member this year",
                                h.title
                            ),
                        )
                        .with_help("add the unit to `members`, or check the name"),
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
        ("collectives", w.awards.collectives, sum(|h| h.collectives)),
        ("individuals", w.awards.individuals, sum(|h| h.individuals)),
    ] {
        if let Some(total) = total {
            if given > total {
                diags.push(at(
                    w,
                    Diagnostic::warning(
                        &w.path,
                        format!(
                            "the honours count {given} {what}, more than the award total {total}"
                        ),
                    )
                    .with_help("the award totals count every honour; check both numbers"),
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
            pairs.push((w, first));
        }
    }
    pairs
        .par_iter()
        .map(|(w, first)| {
            at(
                w,
                Diagnostic::warning(
                    &w.path,
                    format!(
                        "likely duplicate: {} also reports a {} of this cluster for {}",
                        crate::diagnostics::display_path(&first.path),
                        w.kind.as_str(),
                        w.year
                    ),
                )
                .with_help("remove one of the two, or correct its kind or year"),
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
            let mut what = Vec::new();
            if !y.joined.is_empty() {
                what.push(format!("joined: {}", y.joined.join(", ")));
            }
            if !y.left.is_empty() {
                what.push(format!("left: {}", y.left.join(", ")));
            }
            diags.push(at(
                w,
                Diagnostic::note(
                    &w.path,
                    format!(
                        "the members of cluster {} changed in {} ({})",
                        c.key.number,
                        y.year,
                        what.join("; ")
                    ),
                )
                .with_help(if y.reorganized {
                    "more than half changed: the cluster pages mark this year as a reorganization"
                } else {
                    "informational: check the list if the change is unexpected"
                }),
                w.line_of("members:", "members"),
                None,
            ));
        }
    }
    diags
}
