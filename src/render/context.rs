//! View records handed to templates: light, pre-formatted, with URLs relative to
//! the site root (templates prefix them with `root`), all from `crate::urls`. Lists carry these records,
//! never rendered bodies, so a timeline of thousands of rows stays cheap.

use serde::Serialize;

use crate::config::Language;
use crate::model::{ClusterKey, Corpus, WriteUp};
use crate::urls::Urls;

use super::I18n;

/// A link as templates show it: its text and its address from the page.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub name: String,
    pub url: String,
}

/// One row of a timeline or list of conferences.
#[derive(Debug, Clone, Serialize)]
pub struct ConferenceRow {
    pub url: String,
    pub title: String,
    pub date: String,
    pub date_iso: String,
    pub year: i32,
    pub kind: &'static str,
    pub kind_label: String,
    pub cluster: Option<Link>,
    pub host: Option<Link>,
    pub collectives: Option<u64>,
    pub individuals: Option<u64>,
    /// Some count is stated (a stated 0 included).
    pub has_awards: bool,
    pub summary: Option<String>,
    /// The cover photo's thumbnail, if the write-up has photos.
    pub cover: Option<crate::assets::html::Thumb>,
}

pub fn cluster_name(key: &ClusterKey, t: &I18n) -> String {
    match &key.bloc {
        None => format!("{} {}", t.get("cluster"), key.number),
        Some(bloc) => format!("{} {} – {}", t.get("cluster"), key.number, bloc),
    }
}

/// The link to the unit `name`'s page: the slug of the unit as the corpus
/// knows it, else of the name as written.
pub fn unit_link(urls: &Urls, corpus: &Corpus, name: &str) -> Link {
    let slug = corpus
        .unit(name)
        .map_or_else(|| crate::text::slugify(name), |u| u.slug.clone());
    Link {
        name: name.to_string(),
        url: urls.unit(&slug),
    }
}

pub fn cluster_link(urls: &Urls, key: &ClusterKey, t: &I18n) -> Link {
    Link {
        name: cluster_name(key, t),
        url: urls.cluster(key),
    }
}

pub fn row(urls: &Urls, corpus: &Corpus, w: &WriteUp, t: &I18n, lang: Language) -> ConferenceRow {
    ConferenceRow {
        url: urls.conference(&w.slug),
        title: w.title.clone(),
        date: lang.format_date(w.date),
        date_iso: w.date.to_string(),
        year: w.year,
        kind: w.kind.as_str(),
        kind_label: t.get(&format!("kind_{}", w.kind.as_str())).to_string(),
        cluster: w.cluster.as_ref().map(|k| cluster_link(urls, k, t)),
        host: w.host.as_deref().map(|h| unit_link(urls, corpus, h)),
        collectives: w.awards.collectives,
        individuals: w.awards.individuals,
        has_awards: !w.awards.is_empty(),
        summary: w.summary.clone(),
        cover: crate::assets::html::thumb(w),
    }
}
