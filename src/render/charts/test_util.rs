//! Helpers for the chart tests: parse the output as a reader's tools would
//! and check the properties every chart must have.

use std::collections::BTreeSet;

use plotters::style::RGBColor;
use roxmltree::{Document, Node};

use super::common::hex;
use super::{Chart, ChartText};

/// Vietnamese strings as a page would pass them.
pub(super) fn vi_text(title: &str) -> ChartText {
    ChartText {
        title: title.to_string(),
        desc: "Từ {first_year} đến {last_year}.".to_string(),
        table_summary: "Bảng số liệu".to_string(),
        year: "Năm".to_string(),
        value_axis: "Số lượt".to_string(),
        collectives: "Lượt tập thể".to_string(),
        individuals: "Lượt cá nhân".to_string(),
        reorganized: "Tái tổ chức".to_string(),
        unit: "Đơn vị".to_string(),
        member: "Thành viên".to_string(),
        member_years: "Các năm là thành viên".to_string(),
        leader: "Cụm trưởng".to_string(),
        deputy: "Cụm phó".to_string(),
        cluster: "Cụm".to_string(),
        total: "Tất cả các cụm".to_string(),
        conferences: "Số hội nghị".to_string(),
        honour: "Danh hiệu".to_string(),
        count: "Số lượng".to_string(),
        missing: "—".to_string(),
        no_data: "Cụm chưa báo cáo số lượt khen thưởng.".to_string(),
        desc_gaps: String::new(),
        not_reported: "Chưa có số liệu".to_string(),
        no_writeup: "Không có bài viết".to_string(),
        stated: "Nêu trong bài viết".to_string(),
        handover: "Theo bàn giao".to_string(),
        small: String::new(),
        note: String::new(),
        thousands_sep: '.',
    }
}

pub(super) fn parse(xml: &str) -> Document<'_> {
    match Document::parse(xml) {
        Ok(doc) => doc,
        Err(e) => panic!("not well-formed XML: {e}\n{xml}"),
    }
}

pub(super) fn elements<'a, 'i>(doc: &'a Document<'i>, tag: &str) -> Vec<Node<'a, 'i>> {
    doc.descendants()
        .filter(|n| n.is_element() && n.tag_name().name() == tag)
        .collect()
}

/// Visible text of every `<text>` element.
pub(super) fn texts(doc: &Document<'_>) -> Vec<String> {
    elements(doc, "text")
        .iter()
        .map(|n| n.text().unwrap_or("").to_string())
        .collect()
}

/// Elements `tag` whose `attr` is the colour.
pub(super) fn with_color<'a, 'i>(
    doc: &'a Document<'i>,
    tag: &str,
    attr: &str,
    color: RGBColor,
) -> Vec<Node<'a, 'i>> {
    let want = hex(color);
    elements(doc, tag)
        .into_iter()
        .filter(|n| n.attribute(attr) == Some(want.as_str()))
        .collect()
}

/// Shapes filled with the hatch pattern (unknown values), legend swatches included.
pub(super) fn hatched<'a, 'i>(doc: &'a Document<'i>) -> Vec<Node<'a, 'i>> {
    elements(doc, "rect")
        .into_iter()
        .filter(|n| {
            n.attribute("fill")
                .is_some_and(|f| f.starts_with("url(#") && f.ends_with("-hatch)"))
        })
        .collect()
}

/// Whether the pattern the hatched shapes point at is defined in the SVG.
pub(super) fn hatch_defined(doc: &Document<'_>) -> bool {
    hatched(doc).iter().all(|n| {
        let id = n
            .attribute("fill")
            .unwrap_or("")
            .trim_start_matches("url(#")
            .trim_end_matches(')');
        elements(doc, "pattern")
            .iter()
            .any(|p| p.attribute("id") == Some(id))
    })
}

pub(super) fn num(node: &Node<'_, '_>, attr: &str) -> f64 {
    node.attribute(attr)
        .and_then(|v| v.parse::<f64>().ok())
        .unwrap_or(f64::NAN)
}

/// x positions of a polyline's points.
pub(super) fn polyline_xs(node: &Node<'_, '_>) -> Vec<f64> {
    node.attribute("points")
        .unwrap_or("")
        .split_whitespace()
        .filter_map(|p| p.split(',').next())
        .filter_map(|x| x.parse::<f64>().ok())
        .collect()
}

/// x of the axis label showing exactly `label`.
pub(super) fn label_x(doc: &Document<'_>, label: &str) -> f64 {
    let found = elements(doc, "text")
        .into_iter()
        .find(|n| n.text() == Some(label));
    match found {
        Some(n) => num(&n, "x"),
        None => panic!("no text {label:?} in {:?}", texts(doc)),
    }
}

/// y of the text showing exactly `label`.
pub(super) fn label_y(doc: &Document<'_>, label: &str) -> f64 {
    let found = elements(doc, "text")
        .into_iter()
        .find(|n| n.text() == Some(label));
    match found {
        Some(n) => num(&n, "y"),
        None => panic!("no text {label:?} in {:?}", texts(doc)),
    }
}

/// Width of the chart in CSS pixels.
pub(super) fn root_width(doc: &Document<'_>) -> f64 {
    num(&doc.root_element(), "width")
}

/// Text of all table cells, row by row (header row included).
pub(super) fn table_rows(chart: &Chart) -> Vec<Vec<String>> {
    let doc = parse(&chart.table_html);
    elements(&doc, "tr")
        .iter()
        .map(|tr| {
            tr.children()
                .filter(|c| c.is_element())
                .map(|c| c.text().unwrap_or("").to_string())
                .collect()
        })
        .collect()
}

/// What every chart must satisfy: a scalable root with role, labels that
/// point at its title and description, no prolog, unique ids, a table with
/// column headers.
pub(super) fn check_common(chart: &Chart, title: &str) {
    assert!(!chart.svg.is_empty(), "chart has no svg");
    assert!(
        chart.svg.starts_with("<svg "),
        "prolog or junk before <svg>"
    );
    assert!(!chart.svg.contains("<?xml") && !chart.svg.contains("<!DOCTYPE"));
    let doc = parse(&chart.svg);
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.attribute("role"), Some("img"));
    let view_box = root.attribute("viewBox").unwrap_or("");
    let parts: Vec<f64> = view_box.split(' ').filter_map(|p| p.parse().ok()).collect();
    assert_eq!(parts.len(), 4, "viewBox {view_box:?}");
    assert!(parts[2] > 0.0 && parts[3] > 0.0);
    // One SVG unit is one CSS pixel: the text is never scaled.
    assert_eq!(
        root.attribute("width"),
        Some(format!("{}", parts[2]).as_str())
    );
    assert_eq!(
        root.attribute("height"),
        Some(format!("{}", parts[3]).as_str())
    );
    assert_eq!(f64::from(chart.width), parts[2]);
    for text in elements(&doc, "text") {
        let size = num(&text, "font-size");
        assert!((11.0..=16.0).contains(&size), "font-size {size}");
    }

    assert!(hatch_defined(&doc), "hatch used but not defined");
    let mut ids = BTreeSet::new();
    for node in doc.descendants().filter(|n| n.is_element()) {
        if let Some(id) = node.attribute("id") {
            assert!(ids.insert(id.to_string()), "duplicate id {id}");
        }
    }
    let labelled_by: Vec<&str> = root
        .attribute("aria-labelledby")
        .unwrap_or("")
        .split_whitespace()
        .collect();
    assert_eq!(labelled_by.len(), 2);
    let title_node = doc
        .descendants()
        .find(|n| n.attribute("id") == Some(labelled_by[0]));
    let desc_node = doc
        .descendants()
        .find(|n| n.attribute("id") == Some(labelled_by[1]));
    let (Some(title_node), Some(desc_node)) = (title_node, desc_node) else {
        panic!("aria-labelledby points nowhere: {labelled_by:?}");
    };
    assert_eq!(title_node.tag_name().name(), "title");
    assert_eq!(title_node.text(), Some(title));
    assert_eq!(desc_node.tag_name().name(), "desc");
    assert!(!desc_node.text().unwrap_or("").is_empty());
    for text in elements(&doc, "text") {
        assert_eq!(text.attribute("font-family"), Some("sans-serif"));
        let content = text.text().unwrap_or("");
        assert_eq!(content, content.trim(), "label with stray whitespace");
    }

    let table = parse(&chart.table_html);
    assert_eq!(table.root_element().tag_name().name(), "details");
    let headers = elements(&table, "th");
    assert!(headers.iter().any(|h| h.attribute("scope") == Some("col")));
    assert!(!elements(&table, "summary").is_empty());
}
