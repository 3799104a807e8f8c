//! The view records of a write-up's facts, shared by its page, the
//! dossiers and the honour tables, and the words they are shown with.

use serde::Serialize;

use super::context::{cluster_link, row, unit_link, ConferenceRow, Link};
use super::Renderer;
use crate::model::{Corpus, HonourLevel};

#[derive(Serialize)]
struct HonourView {
    title: String,
    /// The honour's page.
    url: String,
    status: &'static str,
    status_label: String,
    to: Vec<Link>,
    collectives: Option<u64>,
    individuals: Option<u64>,
}

#[derive(Serialize)]
pub(super) struct ConferenceView {
    #[serde(flatten)]
    row: ConferenceRow,
    members: Vec<Link>,
    honours: Vec<HonourView>,
    /// Some honour states a count: else the table has no count columns.
    honours_counted: bool,
    leader: Option<Link>,
    deputy: Option<Link>,
    handover_leader: Option<Link>,
    handover_deputy: Option<Link>,
    source: Option<String>,
    source_is_url: bool,
    author: Option<String>,
    /// The tags that have a page.
    tags: Vec<Link>,
    year_url: String,
}

/// The facts of one write-up, for its page and for dossiers.
pub(super) fn conference_view(
    corpus: &Corpus,
    r: &Renderer,
    w: &crate::model::WriteUp,
) -> ConferenceView {
    let t = &r.i18n;
    ConferenceView {
        row: row(&r.urls, corpus, w, t, r.language()),
        members: w
            .members
            .iter()
            .map(|m| unit_link(&r.urls, corpus, m))
            .collect(),
        honours: w
            .honours
            .iter()
            .map(|h| HonourView {
                title: h.title.clone(),
                url: r.urls.honour(&h.slug),
                status: h.status.as_str(),
                status_label: status_label(h.status, t),
                to: h.to.iter().map(|u| unit_link(&r.urls, corpus, u)).collect(),
                collectives: h.collectives,
                individuals: h.individuals,
            })
            .collect(),
        honours_counted: w
            .honours
            .iter()
            .any(|h| h.collectives.is_some() || h.individuals.is_some()),
        leader: w.leader.as_deref().map(|n| unit_link(&r.urls, corpus, n)),
        deputy: w.deputy.as_deref().map(|n| unit_link(&r.urls, corpus, n)),
        handover_leader: w
            .handover
            .leader
            .as_deref()
            .map(|n| unit_link(&r.urls, corpus, n)),
        handover_deputy: w
            .handover
            .deputy
            .as_deref()
            .map(|n| unit_link(&r.urls, corpus, n)),
        source_is_url: w
            .source
            .as_deref()
            .is_some_and(|s| s.starts_with("http://") || s.starts_with("https://")),
        source: w.source.clone(),
        author: w.author.clone(),
        tags: w
            .tags
            .iter()
            .filter_map(|name| {
                let slug = crate::text::slugify(name);
                (!slug.is_empty()).then(|| Link {
                    name: name.clone(),
                    url: r.urls.tag(&slug),
                })
            })
            .collect(),
        year_url: r.urls.year(w.year),
    }
}

#[derive(Serialize)]
pub(crate) struct FactsView {
    page: ConferenceView,
    cluster_link: Option<Link>,
}

/// What facts_items.html shows for each write-up at `idx`.
pub(crate) fn facts_views(corpus: &Corpus, r: &Renderer, idx: &[usize]) -> Vec<FactsView> {
    idx.iter()
        .map(|&i| {
            let w = &corpus.writeups[i];
            FactsView {
                page: conference_view(corpus, r, w),
                cluster_link: w
                    .cluster
                    .as_ref()
                    .map(|k| cluster_link(&r.urls, k, &r.i18n)),
            }
        })
        .collect()
}

/// An honour's status in words: "Đề nghị", "Được tặng".
pub(super) fn status_label(status: crate::model::HonourStatus, t: &super::I18n) -> String {
    t.get(&format!("honour_status_{}", status.as_str()))
        .to_string()
}

pub(super) fn level_label(level: HonourLevel, t: &super::I18n) -> String {
    t.get(&format!("honour_level_{}", level.as_str()))
        .to_string()
}

/// "18 tập thể, 56 cá nhân": the counts an honour states.
pub(super) fn counts_text(h: &crate::model::Honour, r: &Renderer) -> Option<String> {
    let sep = r.language().thousands_sep();
    let parts: Vec<String> = [
        (h.collectives, "honour_collectives"),
        (h.individuals, "honour_individuals"),
    ]
    .into_iter()
    .filter_map(|(n, key)| {
        n.map(|n| {
            format!(
                "{} {}",
                crate::text::group_thousands(n, sep),
                r.i18n.get(key)
            )
        })
    })
    .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

pub(super) fn anchor(w: &crate::model::WriteUp) -> String {
    format!("hn-{}", w.slug.replace('/', "-"))
}
