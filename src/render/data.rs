//! Outputs that are data, not pages: CSV and JSON exports for analysts, the
//! sitemap and the Atom feed (the search index is `crate::search`). Pure: bytes
//! in memory, or (the exports, which grow with the corpus) written to any
//! `io::Write`.

use std::borrow::Cow;

use pulldown_cmark::{Event, Parser, TagEnd};
use serde::{Serialize, Serializer};

use crate::model::{Corpus, WriteUp};

use super::context::cluster_name;
use super::I18n;
use crate::urls::{under_base, Urls};

/// How much of a body the feed shows as its summary.
const LEDE_CHARS: usize = 200;
/// How many conferences the feed carries.
const FEED_ENTRIES: usize = 30;

/// The first words of a body as plain text.
pub fn lede(body: &str, limit: usize) -> String {
    let mut out = String::new();
    for event in Parser::new_ext(body, super::markdown::OPTIONS) {
        match event {
            // Text as written: "Năm **2022**." is one run of text, no space
            // before the full stop. Blocks and line breaks end in a space.
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell,
            ) => out.push(' '),
            _ => {}
        }
        if out.chars().count() >= limit {
            break;
        }
    }
    // A character reference (`&#x1e;`) can make a control character.
    let out = crate::validate::guard::replace_forbidden(&out);
    let nfc: String = unicode_normalization::UnicodeNormalization::nfc(&*out).collect();
    let mut s: String = nfc.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() > limit {
        s = s.chars().take(limit).collect::<String>();
        if let Some(cut) = s.rfind(' ') {
            s.truncate(cut);
        }
        s.push('…');
    }
    s
}

/// One row of `data/honours.csv`: one unit proposed for or given an honour,
/// or the counts of a counted honour. Unknown counts stay empty.
#[derive(Serialize)]
struct HonourRow<'a> {
    year: i32,
    bloc: Cow<'a, str>,
    cluster: String,
    title: Cow<'a, str>,
    level: &'static str,
    status: &'static str,
    unit: Cow<'a, str>,
    collectives: Option<u64>,
    individuals: Option<u64>,
    page: String,
}

/// Every honour of every write-up, in corpus order: a row per unit, and one
/// for the counts when there are counts. UTF-8 with a byte-order mark.
pub fn write_honours_csv<'a>(
    urls: &Urls,
    corpus: &'a Corpus,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    out.write_all(b"\xEF\xBB\xBF")?;
    // The header is written by hand, so that it is there with no honour too.
    let mut writer = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(out);
    writer.write_record([
        "year",
        "bloc",
        "cluster",
        "title",
        "level",
        "status",
        "unit",
        "collectives",
        "individuals",
        "page",
    ])?;
    for w in &corpus.writeups {
        let bloc = w
            .cluster
            .as_ref()
            .and_then(|k| k.bloc.as_deref())
            .unwrap_or("");
        let cluster = w
            .cluster
            .as_ref()
            .map(|k| k.number.to_string())
            .unwrap_or_default();
        let page = urls.conference(&w.slug);
        for h in &w.honours {
            let row = |unit: &'a str, counts: bool| HonourRow {
                year: w.year,
                bloc: cell(bloc),
                cluster: cluster.clone(),
                title: cell(h.title.as_str()),
                level: h.level.as_str(),
                status: h.status.as_str(),
                unit: cell(unit),
                collectives: h.collectives.filter(|_| counts),
                individuals: h.individuals.filter(|_| counts),
                page: page.clone(),
            };
            for unit in &h.to {
                writer.serialize(row(unit, false))?;
            }
            if h.collectives.is_some() || h.individuals.is_some() {
                writer.serialize(row("", true))?;
            }
        }
    }
    writer.flush()
}

/// One row per conference, every front-matter fact. Every text cell goes
/// through [`cell`].
#[derive(Serialize)]
struct Row<'a> {
    slug: Cow<'a, str>,
    title: Cow<'a, str>,
    date: String,
    year: i32,
    kind: &'static str,
    bloc: Cow<'a, str>,
    cluster: String,
    host: Cow<'a, str>,
    members: Cow<'a, str>,
    collectives: Option<u64>,
    individuals: Option<u64>,
    honours: Cow<'a, str>,
    leader: Cow<'a, str>,
    deputy: Cow<'a, str>,
    handover_leader: Cow<'a, str>,
    handover_deputy: Cow<'a, str>,
    source: Cow<'a, str>,
    author: Cow<'a, str>,
    tags: Cow<'a, str>,
    summary: Cow<'a, str>,
    page: String,
}

/// A text cell a spreadsheet shows as text: one starting with `=`, `+`, `-`,
/// `@`, a tab or a carriage return would be read as a formula by Excel, so it
/// gets a leading `'` (which Excel hides).
fn cell<'a>(s: impl Into<Cow<'a, str>>) -> Cow<'a, str> {
    let s = s.into();
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{s}"))
    } else {
        s
    }
}

fn row<'a>(urls: &Urls, w: &'a WriteUp) -> Row<'a> {
    let honours: Vec<String> = w
        .honours
        .iter()
        .map(|h| {
            let mut parts = h.to.clone();
            if let Some(c) = h.collectives {
                parts.push(format!("{c} tập thể"));
            }
            if let Some(i) = h.individuals {
                parts.push(format!("{i} cá nhân"));
            }
            format!("{} [{}]: {}", h.title, h.status.as_str(), parts.join(", "))
        })
        .collect();
    let s = |o: &'a Option<String>| cell(o.as_deref().unwrap_or(""));
    Row {
        slug: cell(w.slug.as_str()),
        title: cell(w.title.as_str()),
        date: w.date.to_string(),
        year: w.year,
        kind: w.kind.as_str(),
        bloc: cell(
            w.cluster
                .as_ref()
                .and_then(|k| k.bloc.as_deref())
                .unwrap_or(""),
        ),
        cluster: w
            .cluster
            .as_ref()
            .map(|k| k.number.to_string())
            .unwrap_or_default(),
        host: s(&w.host),
        members: cell(w.members.join("; ")),
        collectives: w.awards.collectives,
        individuals: w.awards.individuals,
        honours: cell(honours.join("; ")),
        leader: s(&w.leader),
        deputy: s(&w.deputy),
        handover_leader: s(&w.handover.leader),
        handover_deputy: s(&w.handover.deputy),
        source: s(&w.source),
        author: s(&w.author),
        tags: cell(w.tags.join("; ")),
        summary: s(&w.summary),
        page: urls.conference(&w.slug),
    }
}

/// These write-ups as UTF-8 CSV with a byte-order mark (so Excel reads the
/// diacritics), written to `out`.
pub fn write_csv<'a>(
    urls: &Urls,
    writeups: impl Iterator<Item = &'a WriteUp>,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    out.write_all(b"\xEF\xBB\xBF")?;
    let mut writer = csv::Writer::from_writer(out);
    for w in writeups {
        writer.serialize(row(urls, w))?;
    }
    writer.flush()
}

/// One conference in the JSON export: every front-matter fact.
#[derive(Serialize)]
struct JsonRow<'a> {
    slug: &'a str,
    title: &'a str,
    date: String,
    year: i32,
    kind: &'static str,
    cluster: Option<&'a crate::model::ClusterKey>,
    host: &'a Option<String>,
    members: &'a [String],
    awards: crate::model::Awards,
    honours: &'a [crate::model::Honour],
    leader: &'a Option<String>,
    deputy: &'a Option<String>,
    handover: &'a crate::model::Handover,
    source: &'a Option<String>,
    author: &'a Option<String>,
    tags: &'a [String],
    summary: &'a Option<String>,
    page: String,
}

/// Every conference as JSON, serialized straight from the write-ups (no
/// intermediate tree: at 100,000 write-ups that tree took gigabytes).
pub fn write_json(
    urls: &Urls,
    corpus: &Corpus,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let rows = corpus.writeups.iter().map(|w| JsonRow {
        slug: &w.slug,
        title: &w.title,
        date: w.date.to_string(),
        year: w.year,
        kind: w.kind.as_str(),
        cluster: w.cluster.as_ref(),
        host: &w.host,
        members: &w.members,
        awards: w.awards,
        honours: &w.honours,
        leader: &w.leader,
        deputy: &w.deputy,
        handover: &w.handover,
        source: &w.source,
        author: &w.author,
        tags: &w.tags,
        summary: &w.summary,
        page: urls.conference(&w.slug),
    });
    let mut ser =
        serde_json::Serializer::with_formatter(&mut *out, serde_json::ser::PrettyFormatter::new());
    // One row at a time: no list of every row first.
    ser.collect_seq(rows).map_err(std::io::Error::other)?;
    out.write_all(b"\n")
}

/// A role's holder in data/clusters.json.
#[derive(Serialize)]
struct RoleJson<'a> {
    unit: &'a str,
    basis: crate::model::RoleBasis,
    /// The write-up that states or handed over the role.
    source: String,
}

#[derive(Serialize)]
struct AwardsJson {
    collectives: Option<u64>,
    individuals: Option<u64>,
    /// The summary the counts come from.
    source: String,
}

#[derive(Serialize)]
struct HonourJson<'a> {
    title: &'a str,
    level: crate::model::HonourLevel,
    status: crate::model::HonourStatus,
    units: &'a [String],
    collectives: Option<u64>,
    individuals: Option<u64>,
    source: String,
}

#[derive(Serialize)]
struct ClusterYearJson<'a> {
    year: i32,
    /// Some write-up reports on this year.
    reported: bool,
    /// Null when no write-up of the year lists them.
    members: Option<&'a [String]>,
    leader: Option<RoleJson<'a>>,
    deputy: Option<RoleJson<'a>>,
    /// Null when the year has no summary with counts: not reported, not 0.
    awards: Option<AwardsJson>,
    honours: Vec<HonourJson<'a>>,
    /// The write-ups of the year, by date.
    conferences: Vec<String>,
}

#[derive(Serialize)]
struct ClusterJson<'a> {
    cluster: u32,
    bloc: Option<&'a str>,
    page: String,
    years: Vec<ClusterYearJson<'a>>,
}

/// data/clusters.json: the facts the site derives for each cluster and year
/// (members, who held each role and why, the summary's totals, honours), for
/// analysts. Unknown is null, never 0. Documented in docs/content.md.
pub fn write_clusters_json(
    urls: &Urls,
    corpus: &Corpus,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let file = |i: usize| crate::diagnostics::display_path(&corpus.writeups[i].path);
    // One cluster at a time: no list of every cluster first.
    let clusters = corpus.clusters.iter().map(|c| ClusterJson {
        cluster: c.key.number,
        bloc: c.key.bloc.as_deref(),
        page: urls.cluster(&c.key),
        years: c
            .years
            .iter()
            .map(|y| ClusterYearJson {
                year: y.year,
                reported: y.reported(),
                members: (!y.members.is_empty()).then_some(y.members.as_slice()),
                leader: y.leader.as_ref().map(|h| RoleJson {
                    unit: &h.unit,
                    basis: h.basis,
                    source: file(h.source),
                }),
                deputy: y.deputy.as_ref().map(|h| RoleJson {
                    unit: &h.unit,
                    basis: h.basis,
                    source: file(h.source),
                }),
                awards: y.awards.map(|a| AwardsJson {
                    collectives: a.awards.collectives,
                    individuals: a.awards.individuals,
                    source: file(a.source),
                }),
                honours: y
                    .conferences
                    .iter()
                    .flat_map(|&i| {
                        corpus.writeups[i].honours.iter().map(move |h| HonourJson {
                            title: &h.title,
                            level: h.level,
                            status: h.status,
                            units: &h.to,
                            collectives: h.collectives,
                            individuals: h.individuals,
                            source: file(i),
                        })
                    })
                    .collect(),
                conferences: y
                    .conferences
                    .iter()
                    .map(|&i| urls.conference(&corpus.writeups[i].slug))
                    .collect(),
            })
            .collect(),
    });
    let mut ser =
        serde_json::Serializer::with_formatter(&mut *out, serde_json::ser::PrettyFormatter::new());
    ser.collect_seq(clusters).map_err(std::io::Error::other)?;
    out.write_all(b"\n")
}

/// One row of data/cluster-years.csv; empty cells are unknown, never 0.
#[derive(Serialize)]
struct ClusterYearRow<'a> {
    bloc: Cow<'a, str>,
    cluster: u32,
    year: i32,
    reported: bool,
    members: Cow<'a, str>,
    leader: Cow<'a, str>,
    leader_basis: &'static str,
    deputy: Cow<'a, str>,
    deputy_basis: &'static str,
    collectives: Option<u64>,
    individuals: Option<u64>,
    awards_source: String,
}

/// data/cluster-years.csv: data/clusters.json as a table for Excel, one row
/// per cluster and year (honours are in data/conferences.csv).
pub fn cluster_years_csv(corpus: &Corpus) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    let mut writer = csv::Writer::from_writer(&mut out);
    for c in &corpus.clusters {
        for y in &c.years {
            let (leader, leader_basis) = role_cells(&y.leader);
            let (deputy, deputy_basis) = role_cells(&y.deputy);
            let a = y.totals();
            let row = ClusterYearRow {
                bloc: cell(c.key.bloc.as_deref().unwrap_or("")),
                cluster: c.key.number,
                year: y.year,
                reported: y.reported(),
                members: cell(y.members.join("; ")),
                leader: cell(leader),
                leader_basis,
                deputy: cell(deputy),
                deputy_basis,
                collectives: a.collectives,
                individuals: a.individuals,
                awards_source: y.awards.map_or(String::new(), |a| {
                    crate::diagnostics::display_path(&corpus.writeups[a.source].path)
                }),
            };
            // Writing into memory cannot fail.
            let _ = writer.serialize(row);
        }
    }
    let _ = writer.flush();
    drop(writer);
    out
}

/// A role's holder and basis as CSV cells.
fn role_cells(h: &Option<crate::model::RoleHolder>) -> (&str, &'static str) {
    match h {
        Some(h) => (
            &h.unit,
            match h.basis {
                crate::model::RoleBasis::Stated => "stated",
                crate::model::RoleBasis::Handover => "handover",
            },
        ),
        None => ("", ""),
    }
}

/// Text for XML: escaped, and without the characters XML 1.0 forbids
/// (validation already replaced them; this keeps every XML output valid even so).
pub fn xml_escape(s: &str) -> String {
    crate::validate::guard::replace_forbidden(s)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

pub fn sitemap(base: &str, html_paths: &[String]) -> Vec<u8> {
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for p in html_paths
        .iter()
        .filter(|p| p.as_str() != crate::urls::NOT_FOUND)
    {
        s.push_str(&format!(
            "<url><loc>{}</loc></url>\n",
            xml_escape(&under_base(base, p))
        ));
    }
    s.push_str("</urlset>\n");
    s.into_bytes()
}

/// The latest conferences, newest first. `updated` is the newest date, so the
/// feed changes only when the content does.
pub fn atom(urls: &Urls, corpus: &Corpus, base: &str, title: &str, t: &I18n) -> Vec<u8> {
    let newest = corpus
        .writeups
        .last()
        .map_or_else(|| "1970-01-01".to_string(), |w| w.date.to_string());
    let mut s = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<title>{}</title>\n<id>{}</id>\n<link href=\"{}\"/>\n<link rel=\"self\" href=\"{}atom.xml\"/>\n<updated>{newest}T00:00:00Z</updated>\n<author><name>{}</name></author>\n",
        xml_escape(title),
        xml_escape(base),
        xml_escape(base),
        xml_escape(base),
        xml_escape(title),
    );
    for w in corpus.writeups.iter().rev().take(FEED_ENTRIES) {
        let url = under_base(base, &urls.conference(&w.slug));
        let who = w.cluster.as_ref().map(|k| cluster_name(k, t));
        let summary = w
            .summary
            .clone()
            .unwrap_or_else(|| lede(&w.body, LEDE_CHARS));
        s.push_str(&format!(
            "<entry>\n<title>{}</title>\n<id>{}</id>\n<link href=\"{}\"/>\n<updated>{}T00:00:00Z</updated>\n{}<summary>{}</summary>\n</entry>\n",
            xml_escape(&w.title),
            xml_escape(&url),
            xml_escape(&url),
            w.date,
            who.map(|n| format!("<category term=\"{}\"/>\n", xml_escape(&n))).unwrap_or_default(),
            xml_escape(&summary),
        ));
    }
    s.push_str("</feed>\n");
    s.into_bytes()
}

#[cfg(test)]
#[path = "data_tests.rs"]
mod tests;
