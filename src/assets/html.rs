//! The markup of photos and attachments: body images become responsive,
//! linked images (a figure with its caption when alone in a paragraph); links
//! to files point at their copies in the output; the gallery and the list of
//! attachments close the body. `root` is the page's way back to the site root
//! (a placeholder when the body is rendered once for pages at several depths).

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use serde::Serialize;

use super::{File, Target};
use crate::config::Language;
use crate::model::WriteUp;
use crate::render::I18n;

/// How wide a photo is shown: the body column, else the screen.
const SIZES: &str = "(min-width: 50rem) 48rem, 100vw";

/// The body's events with its photos and links to files rewritten.
pub fn rewrite<'a>(w: &WriteUp, events: Vec<Event<'a>>, root: &str) -> Vec<Event<'a>> {
    let assets = &w.assets;
    if assets.by_dest.is_empty() {
        return events;
    }
    let mut out = Vec::with_capacity(events.len());
    let mut i = 0;
    while i < events.len() {
        match &events[i] {
            Event::Start(Tag::Paragraph) => {
                // A paragraph that holds one photo and nothing else is a figure.
                if let Some(Event::Start(Tag::Image {
                    dest_url, title, ..
                })) = events.get(i + 1)
                {
                    if let Some(Target::File(f)) = assets.target(dest_url) {
                        let end = image_end(&events, i + 1);
                        if matches!(events.get(end + 1), Some(Event::End(TagEnd::Paragraph))) {
                            let alt = plain_text(&events[i + 2..end]);
                            let file = &assets.files[*f];
                            out.push(Event::Html(CowStr::Boxed(
                                figure(file, &alt, title, root).into_boxed_str(),
                            )));
                            i = end + 2;
                            continue;
                        }
                    }
                }
                out.push(events[i].clone());
                i += 1;
            }
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => match assets.target(dest_url) {
                Some(Target::File(f)) => {
                    let end = image_end(&events, i);
                    let alt = plain_text(&events[i + 1..end]);
                    let file = &assets.files[*f];
                    out.push(Event::Html(CowStr::Boxed(
                        linked_image(file, &alt, title, root).into_boxed_str(),
                    )));
                    i = end + 1;
                }
                Some(Target::Static(path)) => {
                    let mut e = events[i].clone();
                    if let Event::Start(Tag::Image { dest_url, .. }) = &mut e {
                        *dest_url = CowStr::Boxed(format!("{root}{path}").into_boxed_str());
                    }
                    out.push(e);
                    i += 1;
                }
                None => {
                    out.push(events[i].clone());
                    i += 1;
                }
            },
            Event::Start(Tag::Link { dest_url, .. }) => {
                let url = match assets.target(dest_url) {
                    Some(Target::File(f)) => Some(assets.files[*f].href()),
                    Some(Target::Static(path)) => Some(path.clone()),
                    None => None,
                };
                let mut e = events[i].clone();
                if let (Some(url), Event::Start(Tag::Link { dest_url, .. })) = (url, &mut e) {
                    *dest_url = CowStr::Boxed(format!("{root}{url}").into_boxed_str());
                }
                out.push(e);
                i += 1;
            }
            _ => {
                out.push(events[i].clone());
                i += 1;
            }
        }
    }
    out
}

/// The index of the `End(Image)` matching the `Start(Image)` at `start`.
fn image_end(events: &[Event<'_>], start: usize) -> usize {
    let mut depth = 0usize;
    for (j, e) in events.iter().enumerate().skip(start) {
        match e {
            Event::Start(Tag::Image { .. }) => depth += 1,
            Event::End(TagEnd::Image) => {
                depth -= 1;
                if depth == 0 {
                    return j;
                }
            }
            _ => {}
        }
    }
    events.len().saturating_sub(1)
}

fn plain_text(events: &[Event<'_>]) -> String {
    let mut s = String::new();
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            _ => {}
        }
    }
    s
}

/// A photo alone in its paragraph: a figure, captioned by its title or alt text.
fn figure(file: &File, alt: &str, title: &str, root: &str) -> String {
    let caption = if title.trim().is_empty() {
        alt.trim()
    } else {
        title.trim()
    };
    let mut s = String::from("<figure class=\"photo\">");
    s.push_str(&linked_image(file, alt, title, root));
    if !caption.is_empty() {
        s.push_str("<figcaption>");
        s.push_str(&escape(caption));
        s.push_str("</figcaption>");
    }
    s.push_str("</figure>\n");
    s
}

/// The photo's versions in an `<img>`, linked to the largest.
fn linked_image(file: &File, alt: &str, title: &str, root: &str) -> String {
    let Some(info) = file.photo() else {
        return String::new();
    };
    let srcset: Vec<String> = info
        .variants
        .iter()
        .map(|(w, _)| format!("{root}{} {w}w", file.variant(*w)))
        .collect();
    let (w, h) = info.default_variant();
    let title_attr = if title.trim().is_empty() {
        String::new()
    } else {
        format!(" title=\"{}\"", escape(title.trim()))
    };
    // A link must have a name: the alt text, else the file's.
    let label = if alt.trim().is_empty() {
        let name = file.out.rsplit('/').next().unwrap_or(&file.out);
        format!(" aria-label=\"{}\"", escape(name))
    } else {
        String::new()
    };
    format!(
        "<a class=\"photo-link\" href=\"{root}{large}\"{label}><img src=\"{root}{src}\" srcset=\"{srcset}\" sizes=\"{SIZES}\" width=\"{w}\" height=\"{h}\" alt=\"{alt}\"{title_attr} loading=\"lazy\" decoding=\"async\"></a>",
        large = file.href(),
        src = file.variant(w),
        srcset = srcset.join(", "),
        alt = escape(alt.trim()),
    )
}

/// The gallery (photos the body does not show) and the attachments, to
/// close the body; empty when there are none.
pub fn sections(w: &WriteUp, t: &I18n, lang: Language, root: &str) -> String {
    let a = &w.assets;
    let mut s = String::new();
    if !a.gallery.is_empty() {
        s.push_str("<section class=\"gallery\">\n<h2>");
        s.push_str(&escape(t.get("photos")));
        s.push_str("</h2>\n");
        for &i in &a.gallery {
            let f = &a.files[i];
            let caption = f.caption.clone();
            s.push_str(&figure(f, &caption, "", root));
        }
        s.push_str("</section>\n");
    }
    if !a.documents.is_empty() {
        s.push_str("<section class=\"attachments\">\n<h2>");
        s.push_str(&escape(t.get("attachments")));
        s.push_str("</h2>\n<ul>\n");
        for &i in &a.documents {
            let f = &a.files[i];
            let name = f.out.rsplit('/').next().unwrap_or(&f.out);
            let title = if f.caption.is_empty() {
                name
            } else {
                &f.caption
            };
            let super::Kind::Document(kind) = f.kind else {
                continue;
            };
            s.push_str(&format!(
                "<li><a href=\"{root}{}\">{}</a> <span class=\"file-meta\">({kind}, {})</span></li>\n",
                f.out,
                escape(title),
                file_size(f.size, lang)
            ));
        }
        s.push_str("</ul>\n</section>\n");
    }
    s
}

/// A file size as people read it: "850 B", "12 KB", "1,2 MB" (the decimal
/// comma in Vietnamese).
pub fn file_size(bytes: u64, lang: Language) -> String {
    const KB: u64 = 1024;
    const MB: u64 = 1024 * 1024;
    const GB: u64 = 1024 * 1024 * 1024;
    let decimal = |n: u64, unit: u64, name: &str| {
        let tenths = (n * 10 + unit / 2) / unit;
        let sep = match lang {
            Language::Vi => ',',
            Language::En => '.',
        };
        format!("{}{sep}{} {name}", tenths / 10, tenths % 10)
    };
    match bytes {
        b if b < KB => format!("{b} B"),
        b if b < MB => format!("{} KB", (b + KB / 2) / KB),
        b if b < GB => decimal(b, MB, "MB"),
        b => decimal(b, GB, "GB"),
    }
}

/// A write-up's cover as a thumbnail for lists, with its URL from the site root.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Thumb {
    pub src: String,
    pub width: u32,
    pub height: u32,
}

pub fn thumb(w: &WriteUp) -> Option<Thumb> {
    let f = w.assets.cover_file()?;
    let (width, height) = f.photo()?.smallest();
    Some(Thumb {
        src: f.variant(width),
        width,
        height,
    })
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(file_size(850, Language::Vi), "850 B");
        assert_eq!(file_size(12 * 1024 + 100, Language::Vi), "12 KB");
        assert_eq!(file_size(1_258_291, Language::Vi), "1,2 MB");
        assert_eq!(file_size(1_258_291, Language::En), "1.2 MB");
    }
}
