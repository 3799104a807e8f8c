//! Outputs that are data, not pages: the search index (a script, so search
//! works from file:// where fetch does not), CSV and JSON exports for analysts,
//! the sitemap and the Atom feed. Pure: bytes in memory, or (the exports and
//! the index, which grow with the corpus) written to any `io::Write`.

use std::borrow::Cow;
use std::collections::BTreeMap;

use pulldown_cmark::{Event, Parser};
use serde::{Serialize, Serializer};

use crate::model::{Corpus, WriteUp};

use super::context::{cluster_name, conference_url};
use super::I18n;
use crate::config::Config;

/// How much of a body goes into the search index as its snippet.
const LEDE_CHARS: usize = 200;
/// How many conferences the feed carries.
const FEED_ENTRIES: usize = 30;

/// The first words of a body as plain text.
pub fn lede(body: &str, limit: usize) -> String {
    let mut out = String::new();
    for event in Parser::new(body) {
        match event {
            Event::Text(t) | Event::Code(t) => {
                if !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
                out.push_str(t.trim());
            }
            Event::SoftBreak | Event::HardBreak => out.push(' '),
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

/// [slug, title, iso date, shown date, cluster index or -1, unit indexes, year,
/// kind, snippet]: an array, not an object, to keep the index small.
type SearchDoc<'a> = (
    &'a str,
    &'a str,
    String,
    String,
    i64,
    Vec<usize>,
    i32,
    &'static str,
    String,
);

#[derive(Serialize)]
struct SearchIndex<'a> {
    clusters: Vec<(String, String)>,
    units: Vec<&'a str>,
    kinds: BTreeMap<&'static str, &'a str>,
    docs: Vec<SearchDoc<'a>>,
}

/// `window.BAOCAO_SEARCH = {...};`: titles, dates, clusters, units, years, kinds
/// and the opening of each body. JSON-escaped, loaded with a script tag;
/// written to `out`.
pub fn write_search_index(
    corpus: &Corpus,
    t: &I18n,
    config: &Config,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let unit_index: BTreeMap<&str, usize> = corpus
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| (u.name.as_str(), i))
        .collect();
    let docs = corpus
        .writeups
        .iter()
        .map(|w| {
            let cluster = w
                .cluster
                .as_ref()
                .and_then(|k| corpus.cluster(k))
                .map_or(-1, |(i, _)| i as i64);
            let units = w
                .units()
                .iter()
                .filter_map(|u| unit_index.get(u).copied())
                .collect();
            let snippet = w
                .summary
                .clone()
                .unwrap_or_else(|| lede(&w.body, LEDE_CHARS));
            (
                w.slug.as_str(),
                w.title.as_str(),
                w.date.to_string(),
                config.language.format_date(w.date),
                cluster,
                units,
                w.year,
                w.kind.as_str(),
                snippet,
            )
        })
        .collect();
    let index = SearchIndex {
        clusters: corpus
            .clusters
            .iter()
            .map(|c| (cluster_name(&c.key, t), super::context::cluster_url(&c.key)))
            .collect(),
        units: corpus.units.iter().map(|u| u.name.as_str()).collect(),
        kinds: crate::model::Kind::ALL
            .iter()
            .map(|k| {
                (
                    k.as_str(),
                    t.get(match k {
                        crate::model::Kind::Summary => "kind_summary",
                        crate::model::Kind::Pledge => "kind_pledge",
                        crate::model::Kind::Launch => "kind_launch",
                        crate::model::Kind::Review => "kind_review",
                        crate::model::Kind::Other => "kind_other",
                    }),
                )
            })
            .collect(),
        docs,
    };
    out.write_all(b"window.BAOCAO_SEARCH=")?;
    serde_json::to_writer(&mut *out, &index)?;
    out.write_all(b";\n")
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

fn row<'a>(w: &'a WriteUp) -> Row<'a> {
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
            format!("{}: {}", h.title, parts.join(", "))
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
        source: s(&w.source),
        author: s(&w.author),
        tags: cell(w.tags.join("; ")),
        summary: s(&w.summary),
        page: conference_url(w),
    }
}

/// These write-ups as UTF-8 CSV with a byte-order mark (so Excel reads the
/// diacritics), written to `out`.
pub fn write_csv<'a>(
    writeups: impl Iterator<Item = &'a WriteUp>,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    out.write_all(b"\xEF\xBB\xBF")?;
    let mut writer = csv::Writer::from_writer(out);
    for w in writeups {
        writer.serialize(row(w))?;
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
    source: &'a Option<String>,
    author: &'a Option<String>,
    tags: &'a [String],
    summary: &'a Option<String>,
    page: String,
}

/// Every conference as JSON, serialized straight from the write-ups (no
/// intermediate tree: at 100,000 write-ups that tree took gigabytes).
pub fn write_json(corpus: &Corpus, out: &mut dyn std::io::Write) -> std::io::Result<()> {
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
        source: &w.source,
        author: &w.author,
        tags: &w.tags,
        summary: &w.summary,
        page: conference_url(w),
    });
    let mut ser =
        serde_json::Serializer::with_formatter(&mut *out, serde_json::ser::PrettyFormatter::new());
    // One row at a time: no list of every row first.
    ser.collect_seq(rows).map_err(std::io::Error::other)?;
    out.write_all(b"\n")
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

/// The address of a page under the base URL: folders end with '/'.
fn absolute(base: &str, path: &str) -> String {
    format!("{base}{}", path.strip_suffix("index.html").unwrap_or(path))
}

pub fn sitemap(base: &str, html_paths: &[String]) -> Vec<u8> {
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for p in html_paths.iter().filter(|p| p.as_str() != "404.html") {
        s.push_str(&format!(
            "<url><loc>{}</loc></url>\n",
            xml_escape(&absolute(base, p))
        ));
    }
    s.push_str("</urlset>\n");
    s.into_bytes()
}

/// The latest conferences, newest first. `updated` is the newest date, so the
/// feed changes only when the content does.
pub fn atom(corpus: &Corpus, base: &str, title: &str, t: &I18n) -> Vec<u8> {
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
        let url = absolute(base, &conference_url(w));
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
