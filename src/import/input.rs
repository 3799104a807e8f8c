//! The article's text and address from what the editor gives: plain text, a
//! saved web page (`.html`) or a Word document (`.docx`). Every format ends
//! as the same plain text (headline, then one paragraph a line) so the
//! detectors see the same sentences whatever the input was.
//!
//! No network access: a saved page's address is read from its own
//! `<link rel="canonical">` or `og:url`, never fetched.

use std::io::Read as _;

use crate::messages::Msg;
use scraper::{ElementRef, Html, Selector};

/// The kind of file an article came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
    Docx,
}

impl Format {
    /// The format from a file name's extension; `None` for a name without a
    /// known one (the content decides, see [`Format::sniff`]).
    pub fn from_name(name: &str) -> Option<Format> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "docx" => Some(Format::Docx),
            "txt" | "text" | "md" => Some(Format::Text),
            _ => None,
        }
    }

    /// The format from the first bytes: a zip archive is a Word document, a
    /// page starts with `<`, anything else is text.
    pub fn sniff(bytes: &[u8]) -> Format {
        if bytes.starts_with(b"PK\x03\x04") {
            return Format::Docx;
        }
        let head = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
        let start = head
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(head.len());
        let head = &head[start..head.len().min(start + 512)];
        let lower = String::from_utf8_lossy(head).to_ascii_lowercase();
        if lower.starts_with("<!doctype html") || lower.starts_with("<html") {
            Format::Html
        } else {
            Format::Text
        }
    }
}

/// An article read from its file: the text the detectors read and the
/// address it was published at, when the file records one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Source {
    pub text: String,
    pub url: Option<String>,
}

/// Reads an article in `format`. `Err` says why the file cannot be read.
pub fn read_article(bytes: &[u8], format: Format) -> Result<Source, Msg> {
    match format {
        Format::Text => {
            let text = std::str::from_utf8(bytes)
                .map_err(|e| msg!("import-not-utf8", byte = e.valid_up_to()))?
                .trim_start_matches('\u{feff}')
                .replace("\r\n", "\n");
            Ok(Source { text, url: None })
        }
        Format::Html => {
            let page = String::from_utf8_lossy(bytes);
            Ok(from_html(&page))
        }
        Format::Docx => from_docx(bytes),
    }
}

// ------------------------------------------------------------------ html

fn sel(s: &str) -> Selector {
    // the selectors are constants of this file, tested below
    Selector::parse(s).unwrap_or_else(|_| unreachable!("selector {s}"))
}

/// Elements whose text is never the article's: navigation, page furniture,
/// scripts, related-article lists, image captions.
const SKIP_TAGS: &[&str] = &[
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "select",
    "iframe",
    "svg",
    "figure",
    "figcaption",
    "template",
];

/// Class or id words of the blocks around an article (related lists,
/// comments, sharing buttons, breadcrumbs, menus).
const SKIP_MARKS: &[&str] = &[
    "related",
    "relate",
    "lienquan",
    "lien-quan",
    "tinkhac",
    "tin-khac",
    "other-news",
    "comment",
    "share",
    "social",
    "breadcrumb",
    "menu",
    "sidebar",
    "footer",
    "header",
    "banner",
    "advert",
    "caption",
    "tags",
];

fn skipped(e: &ElementRef) -> bool {
    let v = e.value();
    if SKIP_TAGS.contains(&v.name()) {
        return true;
    }
    let marks = format!(
        "{} {}",
        v.attr("class").unwrap_or(""),
        v.attr("id").unwrap_or("")
    )
    .to_ascii_lowercase();
    SKIP_MARKS.iter().any(|m| marks.contains(m))
}

const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "table",
    "tr",
    "td",
    "th",
    "blockquote",
    "br",
];

/// The text of `e` as lines, one block a line, skipping page furniture.
fn block_lines(e: ElementRef, out: &mut Vec<String>, line: &mut String) {
    for child in e.children() {
        if let Some(text) = child.value().as_text() {
            line.push_str(text);
            continue;
        }
        let Some(el) = ElementRef::wrap(child) else {
            continue;
        };
        if skipped(&el) {
            continue;
        }
        let name = el.value().name();
        let block = BLOCKS.contains(&name);
        if block {
            flush(out, line);
        }
        if name == "li" {
            // a list item reads as one: "- " lets the text reader drop a
            // related-article link that is not a sentence
            line.push_str("- ");
        }
        block_lines(el, out, line);
        if block {
            flush(out, line);
        }
    }
}

fn flush(out: &mut Vec<String>, line: &mut String) {
    let l = line.split_whitespace().collect::<Vec<_>>().join(" ");
    if !l.is_empty() && l != "-" {
        out.push(l);
    }
    line.clear();
}

/// The length of the paragraph text directly inside `e`.
fn paragraph_weight(e: &ElementRef) -> usize {
    let p = sel("p");
    e.select(&p)
        .filter(|p| {
            p.ancestors()
                .filter_map(ElementRef::wrap)
                .all(|a| !skipped(&a))
        })
        .map(|p| p.text().map(str::len).sum::<usize>())
        .sum()
}

/// The element holding the article's text: an `<article>` or a block marked
/// as the article's body, else the block with the most paragraph text of
/// its own.
fn article_root(doc: &Html) -> Option<ElementRef<'_>> {
    for s in [
        "[itemprop=articleBody]",
        "article",
        "[class*=article-body]",
        "[class*=detail-content]",
        "[class*=content-detail]",
        "main",
    ] {
        let best = doc
            .select(&sel(s))
            .filter(|e| !skipped(e))
            .max_by_key(paragraph_weight);
        if let Some(e) = best.filter(|e| paragraph_weight(e) > 0) {
            return Some(e);
        }
    }
    // the block whose own paragraphs (children) hold the most text
    let p = sel("p");
    doc.select(&sel("div, section, td"))
        .filter(|e| !skipped(e))
        .map(|e| {
            let own: usize = e
                .children()
                .filter_map(ElementRef::wrap)
                .filter(|c| p.matches(c))
                .map(|c| c.text().map(str::len).sum::<usize>())
                .sum();
            (own, e)
        })
        .filter(|(own, _)| *own > 0)
        .max_by_key(|(own, _)| *own)
        .map(|(_, e)| e)
}

fn attr_of(doc: &Html, selector: &str, attr: &str) -> Option<String> {
    doc.select(&sel(selector))
        .filter_map(|e| e.value().attr(attr))
        .map(str::trim)
        .find(|v| v.starts_with("http://") || v.starts_with("https://"))
        .map(str::to_string)
}

fn one_line(parts: scraper::element_ref::Text) -> String {
    parts
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The article in a saved web page: its headline (the page's `<h1>`, else
/// its `og:title` or `<title>`), then its paragraphs; the address from the
/// page's canonical link or `og:url`.
pub fn from_html(page: &str) -> Source {
    let doc = Html::parse_document(page);
    let url = attr_of(&doc, "link[rel=canonical]", "href")
        .or_else(|| attr_of(&doc, "meta[property='og:url']", "content"));
    let root = article_root(&doc);
    let mut lines = Vec::new();
    let h1 = root
        .and_then(|r| r.select(&sel("h1")).next())
        .or_else(|| doc.select(&sel("h1")).next())
        .map(|h| one_line(h.text()))
        .filter(|h| !h.is_empty());
    let headline = h1
        .or_else(|| {
            doc.select(&sel("meta[property='og:title']"))
                .filter_map(|e| e.value().attr("content"))
                .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
                .find(|t| !t.is_empty())
        })
        .or_else(|| {
            doc.select(&sel("title"))
                .map(|t| one_line(t.text()))
                .find(|t| !t.is_empty())
        });
    if let Some(h) = &headline {
        lines.push(h.clone());
    }
    if let Some(root) = root {
        let mut body = Vec::new();
        let mut line = String::new();
        block_lines(root, &mut body, &mut line);
        flush(&mut body, &mut line);
        lines.extend(body.into_iter().filter(|l| Some(l) != headline.as_ref()));
    }
    Source {
        text: lines.join("\n\n") + "\n",
        url,
    }
}

// ------------------------------------------------------------------ docx

/// The text of a Word document: one paragraph a line (its body, from
/// `word/document.xml`). Word keeps no address of a web article.
pub fn from_docx(bytes: &[u8]) -> Result<Source, Msg> {
    let bad = |e: &dyn std::fmt::Display| msg!("import-not-docx", error = e.to_string());

    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| bad(&e))?;
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .map_err(|e| bad(&e))?
        .read_to_string(&mut xml)
        .map_err(|e| bad(&e))?;
    let doc = roxmltree::Document::parse(&xml).map_err(|e| bad(&e))?;
    let mut lines = Vec::new();
    for p in doc.descendants().filter(|n| n.has_tag_name((W_NS, "p"))) {
        let mut line = String::new();
        for n in p.descendants() {
            if n.has_tag_name((W_NS, "t")) {
                line.push_str(n.text().unwrap_or(""));
            } else if n.has_tag_name((W_NS, "tab")) || n.has_tag_name((W_NS, "br")) {
                line.push(' ');
            }
        }
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if !line.is_empty() {
            lines.push(line);
        }
    }
    Ok(Source {
        text: lines.join("\n\n") + "\n",
        url: None,
    })
}

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_selector_parses() {
        for s in [
            "p",
            "h1",
            "title",
            "div, section, td",
            "link[rel=canonical]",
            "meta[property='og:url']",
            "meta[property='og:title']",
            "[itemprop=articleBody]",
            "article",
            "[class*=article-body]",
            "[class*=detail-content]",
            "[class*=content-detail]",
            "main",
        ] {
            assert!(Selector::parse(s).is_ok(), "{s}");
        }
    }

    #[test]
    fn the_format_comes_from_the_name_else_the_content() {
        assert_eq!(Format::from_name("bai.HTM"), Some(Format::Html));
        assert_eq!(Format::from_name("bai.docx"), Some(Format::Docx));
        assert_eq!(Format::from_name("bai.txt"), Some(Format::Text));
        assert_eq!(Format::from_name("-"), None);
        assert_eq!(Format::sniff(b"PK\x03\x04rest"), Format::Docx);
        assert_eq!(Format::sniff(b"\n <!DOCTYPE html><html>"), Format::Html);
        assert_eq!(Format::sniff("Cụm thi đua <b>".as_bytes()), Format::Text);
    }

    #[test]
    fn a_page_gives_its_article_without_the_page_around_it() {
        let page = r#"<!doctype html><html><head><title>Báo X - Tin</title>
<link rel="canonical" href="https://bao.example.vn/tin/hoi-nghi-123.html">
</head><body>
<nav><a href="/">Trang chủ</a> Công an tỉnh Hà Giang</nav>
<div class="main"><article>
<h1>Cụm thi đua số 4 tổng kết năm 2021</h1>
<p>Ngày 3/12/2021, Cụm thi đua số 4 tổ chức hội nghị.</p>
<figure><img src="a.jpg"><figcaption>Quang cảnh hội nghị.</figcaption></figure>
<p>Cụm gồm <b>Công an</b> các tỉnh: A, B.</p>
<div class="related-news"><ul><li>Cụm thi đua số 9 sơ kết</li></ul></div>
</article></div>
<footer>© Báo X</footer></body></html>"#;
        let s = from_html(page);
        assert_eq!(
            s.url.as_deref(),
            Some("https://bao.example.vn/tin/hoi-nghi-123.html")
        );
        assert_eq!(
            s.text,
            "Cụm thi đua số 4 tổng kết năm 2021\n\n\
             Ngày 3/12/2021, Cụm thi đua số 4 tổ chức hội nghị.\n\n\
             Cụm gồm Công an các tỉnh: A, B.\n"
        );
    }

    #[test]
    fn og_url_is_the_address_when_there_is_no_canonical_link_and_a_relative_one_is_none() {
        let page = r#"<html><head><meta property="og:url" content="http://a.vn/b">
<link rel="canonical" href="/b"></head><body><p>Chữ.</p></body></html>"#;
        assert_eq!(from_html(page).url.as_deref(), Some("http://a.vn/b"));
        let page =
            r#"<html><head><link rel="canonical" href="/b"></head><body><p>x</p></body></html>"#;
        assert_eq!(from_html(page).url, None);
    }

    #[test]
    fn a_broken_docx_is_an_error_not_a_panic() {
        assert!(from_docx(b"PK\x03\x04 not really").is_err());
        assert!(from_docx(b"").is_err());
    }
}
