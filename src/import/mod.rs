//! Draft write-ups from published articles.
//!
//! Editors start a write-up from an article that is already published: a
//! text file, a saved web page, a Word document or standard input, with
//! the facts buried in sentences. [`extract`] finds the conference's date,
//! cluster and bloc, kind, reported year, host, member units, award counts,
//! honours with their status (proposed or conferred), the units serving as
//! Cụm trưởng and Cụm phó during the year reported on, and the units taking
//! over at the conference for the next year (the handover); [`render`]
//! turns what it found into a draft Markdown file whose front matter holds
//! those facts, for the editor to review; [`suggested_file_name`] proposes
//! where the draft goes under `content/`.
//!
//! # How it works: right or silent
//!
//! 1. **Input → text** ([`input`]): every format becomes the same plain
//!    text, headline first, one paragraph a line. A saved page loses its
//!    menus, related lists, captions and footers; its address (canonical
//!    link or `og:url`) becomes `source:`. Nothing is fetched.
//! 2. **Text → sentences** (`text`): the text is normalised (NFC, spaces, a
//!    full stop that lost its space) and split into the headline,
//!    publication stamps and body sentences; bylines, captions, related
//!    headlines and whatever follows the article are dropped.
//! 3. **Detectors** (`detect`, `honours`): each reads ONE fact from the
//!    sentences and returns an `Outcome`: `Found(value, evidence)` with the
//!    sentence it came from, or `Unsure(reason, sentence)`, the reason a
//!    message of the catalog (`msg!("import-…")`, see
//!    [`crate::messages`]). A detector
//!    collects every candidate and keeps a value only when they all agree
//!    (`agree`); two different values, a list that cannot be read whole, an
//!    approximate count ("gần 6.500") or a number that might belong to
//!    something else give `Unsure`. A wrong value published is worse than
//!    a missing one.
//! 4. **Collect** ([`extract`]): the values found go into [`Facts`], their
//!    evidence into [`Draft::evidence`] and every `Unsure` into
//!    [`Draft::unsure`]; [`render`] writes both in the comment at the top
//!    of the draft, in the site's language, so the editor sees why a field
//!    is empty and where each value was read.
//!
//! The Vietnamese rules the detectors use (cluster numbers, provinces and
//! police prefixes, counts, dates, kind words, honour titles, givers and
//! statuses, role words) live in [`crate::vi`], shared with validation. An
//! honour's title is written under the name the register of
//! [`crate::validate::honours`] gives it, and an honour whose title the
//! register does not know is left out: `check` knows every title the
//! importer writes.
//!
//! ## Adding a pattern
//!
//! Find the detector of the field (`detect_cluster`, `detect_members`,
//! `detect_roles` …) and add the pattern as one more candidate source;
//! the agreement rule does the rest. A new reason for leaving a field out
//! is a new `import-…` key at the end of both `i18n/messages.*.yaml`.
//! Add a test in `tests.rs` with an article-like sentence of your own and
//! the look-alikes that must NOT match, then run `bash bench/import-score.sh` (the development set of
//! real articles, outside the repository) and `bash bench/seeds.sh`: the
//! goal is no wrong value at all, then as many right ones as possible. A
//! new kind of fact gets its own `detect_*` function returning an
//! `Outcome`, a field in [`Facts`], a line in [`render`].
//!
//! What it never does:
//!
//! * no I/O in [`extract`] and [`render`]: the caller reads the article and
//!   writes the draft file;
//! * it never invents a value: a fact that is not in the text, or that two
//!   places give differently, is left out and listed with the sentence
//!   that made it unsure (cut to about 200 characters);
//! * it never copies the article into the draft's body: the body is a
//!   placeholder and the source reference, and the editor writes the text.
//!
//! Text that only looks like a fact is ignored: related-article headline
//! lists, image captions, bylines and whatever follows the article (other
//! news items, the copyright footer), phone numbers, a document's date
//! ("Nghị quyết số 22-NQ/TW ngày …"), counts of other things ("7 nhiệm vụ
//! trọng tâm", "150 triệu"), a movement launched by someone else ("do Bộ
//! Công an phát động") and the clusters inside one province's police
//! (no cluster number).

mod detect;
mod honours;
pub mod input;
mod render;
mod text;
mod units;

#[cfg(test)]
mod seed_tests;
#[cfg(test)]
mod tests;

use crate::messages::Msg;
use chrono::{Datelike, NaiveDate};
use detect::Outcome;

pub use render::{render, suggested_file_name};

/// What the caller knows besides the article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// The cluster, for an article that does not name it (`--cluster`).
    /// When the article names another one, this wins and the draft says so.
    pub cluster: Option<u32>,
    /// The emulation year reported on (`--year`); also the year of a
    /// conference day written without one ("Ngày 22/11") when the article
    /// carries no publication date. When the article gives another year,
    /// this wins and the draft says so.
    pub year: Option<i32>,
    /// The address the article was published at, when the input records
    /// one (a saved page's canonical link); written as `source`. Never the
    /// local file's name.
    pub source: Option<String>,
}

/// The kind of conference: the same as the content contract's.
pub use crate::model::Kind;

/// Whether an honour was proposed (suy tôn, đề nghị) or conferred (tặng,
/// trao, được nhận): the same as the content contract's.
pub use crate::model::HonourStatus;

/// An honour of the draft: given to named units, or to a number of
/// collectives and individuals.
///
/// Unlike [`crate::model::Honour`], which is a validated write-up's honour
/// (its title resolved to a register entry with a level and a page, its
/// units canonical, its status required), this is what the article says,
/// before the editor reviews it: the status may be unknown and nothing is
/// checked against the site yet. Its title is always the register's name
/// (the importer leaves out an honour whose title the register does not
/// know), so `check` finds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Honour {
    /// The register's name: "Cờ thi đua của Bộ Công an", "Giấy khen của
    /// Giám đốc Công an tỉnh".
    pub title: String,
    /// The units it goes to, without the "Công an tỉnh" prefix.
    pub to: Vec<String>,
    pub collectives: Option<u64>,
    pub individuals: Option<u64>,
    /// `None` when the article does not say, or says both.
    pub status: Option<HonourStatus>,
}

/// The facts found in an article. `None` or empty means not found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    /// The article's headline.
    pub title: Option<String>,
    /// The day of the conference.
    pub date: Option<NaiveDate>,
    pub cluster: Option<u32>,
    /// The bloc of a cluster of ministry units ("Khối các đơn vị trực
    /// thuộc Bộ trưởng").
    pub bloc: Option<String>,
    pub kind: Option<Kind>,
    /// The emulation year reported on.
    pub year: Option<i32>,
    /// The host province, without the "Công an tỉnh" prefix.
    pub host: Option<String>,
    /// The cluster's member units, in the article's order.
    pub members: Vec<String>,
    /// "2.847 lượt tập thể …": collectives rewarded during the year.
    pub awards_collectives: Option<u64>,
    /// "… và 9.341 lượt cá nhân": individuals rewarded during the year.
    pub awards_individuals: Option<u64>,
    pub honours: Vec<Honour>,
    /// The unit serving as Cụm trưởng during the year reported on.
    pub leader: Option<String>,
    /// The unit serving as Cụm phó during the year reported on.
    pub deputy: Option<String>,
    /// The unit taking over as Cụm trưởng at the conference, for the next year.
    pub handover_leader: Option<String>,
    /// The unit taking over as Cụm phó at the conference, for the next year.
    pub handover_deputy: Option<String>,
    /// The conference was held by one province's police, not by a cluster.
    pub provincial: bool,
}

/// A fact the editor must look at: left out of the front matter
/// (`kept == false`), or kept with a caveat (`kept == true`, e.g. an option
/// overrode the article).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsure {
    /// The front-matter field.
    pub field: &'static str,
    /// Why, in the language of the draft when shown.
    pub reason: Msg,
    /// The sentence that made it unsure, cut to about 200 characters.
    pub sentence: Option<String>,
    pub kept: bool,
}

/// What [`extract`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    pub facts: Facts,
    pub unsure: Vec<Unsure>,
    /// Where the values in the front matter were read, field by field.
    pub evidence: Vec<Evidence>,
}

/// The sentence a value of the front matter was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// The front-matter field.
    pub field: &'static str,
    /// The sentence, cut to about 200 characters.
    pub sentence: String,
}

struct Collector {
    unsure: Vec<Unsure>,
    evidence: Vec<Evidence>,
}

impl Collector {
    fn take<T>(&mut self, field: &'static str, o: Outcome<T>) -> Option<T> {
        match o {
            Outcome::Found(v, sentence) => {
                if let Some(sentence) = sentence {
                    let seen = self
                        .evidence
                        .iter()
                        .any(|e| e.field == field && e.sentence == sentence);
                    if !seen {
                        self.evidence.push(Evidence { field, sentence });
                    }
                }
                Some(v)
            }
            Outcome::Unsure(reason, sentence) => {
                self.unsure.push(Unsure {
                    field,
                    reason,
                    sentence,
                    kept: false,
                });
                None
            }
        }
    }

    fn note(&mut self, field: &'static str, reason: Msg) {
        self.unsure.push(Unsure {
            field,
            reason,
            sentence: None,
            kept: true,
        });
    }
}

/// Reads an article and finds the facts it states. Pure: no I/O.
pub fn extract(text: &str, opts: &ImportOptions) -> Draft {
    let norm = text::normalize(text);
    let art = text::Article::parse(&norm);
    let conf = detect::conference_sentence(&art);
    let mut c = Collector {
        unsure: Vec::new(),
        evidence: Vec::new(),
    };
    let mut f = Facts {
        title: art.headline.as_ref().map(|h| text::clean_value(&h.text)),
        ..Facts::default()
    };
    if f.title.is_none() {
        c.unsure.push(Unsure {
            field: "title",
            reason: msg!("import-title-missing"),
            sentence: None,
            kept: false,
        });
    }

    let cluster = detect::detect_cluster(&art, conf);
    f.cluster = match (cluster.found().copied(), opts.cluster) {
        (Some(t), Some(o)) if t != o => {
            c.note(
                "cluster",
                msg!("import-cluster-overridden", found = t, given = o),
            );
            Some(o)
        }
        (_, Some(o)) => Some(o),
        _ => c.take("cluster", cluster),
    };

    // only a cluster of the Ministry's units has a bloc; most have none
    if f.cluster.is_some() {
        match detect::detect_bloc(&art) {
            o @ Outcome::Found(..) => f.bloc = c.take("bloc", o),
            // two spellings: the editor picks one
            o @ Outcome::Unsure(_, Some(_)) => f.bloc = c.take("bloc", o),
            Outcome::Unsure(_, None) => {}
        }
    }

    let (kind, year) = detect::detect_kind_year(&art, conf);
    // the year the text reports on, for dating a day written without a year
    let text_year = year.found().copied();
    f.kind = c.take("kind", kind);
    f.year = match (year.found().copied(), opts.year) {
        (Some(t), Some(o)) if t != o => {
            c.note("year", msg!("import-year-overridden", found = t, given = o));
            Some(o)
        }
        (_, Some(o)) => Some(o),
        _ => c.take("year", year),
    };
    let date = detect::detect_date(&art, f.kind, text_year, opts.year);
    if let Some((d, true)) = date.found() {
        c.note(
            "date",
            msg!(
                "import-date-year-from-option",
                day = format!("{}/{}", d.day(), d.month()),
                year = d.year()
            ),
        );
    }
    f.date = c.take("date", date).map(|(d, _)| d);

    f.host = c.take("host", detect::detect_host(conf));
    f.members = c
        .take("members", detect::detect_members(&art))
        .unwrap_or_default();
    let (coll, indiv) = detect::detect_awards(&art);
    f.awards_collectives = c.take("awards", coll);
    f.awards_individuals = c.take("awards", indiv);
    let (honours, unsure) = honours::detect_honours(&art.sentences);
    for u in unsure {
        c.take::<()>("honours", u);
    }
    if honours.is_empty() && !c.unsure.iter().any(|u| u.field == "honours") {
        c.take::<()>(
            "honours",
            Outcome::Unsure(msg!("import-honours-none"), None),
        );
    }
    f.honours = honours;
    let internal = detect::internal_cluster(&art).is_some();
    f.provincial = f.cluster.is_none() && (internal || detect::is_provincial(conf));
    let roles = detect::detect_roles(&art, f.kind, f.year);
    // a province's own conference has no cluster roles to miss
    let expected = |o: Outcome<String>| match o {
        Outcome::Unsure(_, None) if f.provincial => None,
        o => Some(o),
    };
    if let Some(o) = expected(roles.leader) {
        f.leader = c.take("leader", o);
    }
    if let Some(o) = expected(roles.deputy) {
        f.deputy = c.take("deputy", o);
    }
    if let Some(o) = roles.handover_leader.and_then(expected) {
        f.handover_leader = c.take("handover.leader", o);
    }
    if let Some(o) = roles.handover_deputy.and_then(expected) {
        f.handover_deputy = c.take("handover.deputy", o);
    }
    if f.cluster.is_none()
        && internal
        && (f.handover_leader.is_some() || f.handover_deputy.is_some())
    {
        c.note("handover", msg!("import-handover-internal"));
    } else if f.cluster.is_none() && (f.handover_leader.is_some() || f.handover_deputy.is_some()) {
        // a handover belongs to a cluster: the check would refuse it
        for (field, unit) in [
            ("handover.leader", f.handover_leader.take()),
            ("handover.deputy", f.handover_deputy.take()),
        ] {
            if let Some(u) = unit {
                c.take::<()>(
                    field,
                    Outcome::Unsure(msg!("import-handover-no-cluster", unit = u), None),
                );
            }
        }
    }
    // two missing award counts say the same thing twice
    dedup_unsure(&mut c.unsure);
    // evidence only for the values kept
    let kept = |field: &str| match field {
        "cluster" => f.cluster.is_some(),
        "bloc" => f.bloc.is_some(),
        "kind" => f.kind.is_some(),
        "year" => f.year.is_some(),
        "date" => f.date.is_some(),
        "host" => f.host.is_some(),
        "members" => !f.members.is_empty(),
        "awards" => f.awards_collectives.is_some() || f.awards_individuals.is_some(),
        "leader" => f.leader.is_some(),
        "deputy" => f.deputy.is_some(),
        "handover.leader" => f.handover_leader.is_some(),
        "handover.deputy" => f.handover_deputy.is_some(),
        _ => true,
    };
    c.evidence.retain(|e| kept(e.field));
    Draft {
        facts: f,
        unsure: c.unsure,
        evidence: c.evidence,
    }
}

fn dedup_unsure(list: &mut Vec<Unsure>) {
    let mut seen: Vec<Unsure> = Vec::new();
    list.retain(|u| {
        let dup = seen
            .iter()
            .any(|s| s.field == u.field && s.sentence == u.sentence && s.sentence.is_some());
        if !dup {
            seen.push(u.clone());
        }
        !dup
    });
}
