//! Write-up bodies: Markdown → HTML, with links between write-ups resolved and
//! untrusted HTML neutralized. Pure: no I/O.

use std::collections::HashMap;

use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag};

use crate::diagnostics::Diagnostic;
use crate::model::WriteUp;

/// What a body may link to: write-up source paths (relative to content/) → page slugs.
pub struct LinkTargets<'a> {
    pub slug_by_rel: &'a HashMap<&'a str, &'a str>,
    pub trust_html: bool,
}

/// Renders `w`'s body for its page at `hoi-nghi/<slug>/index.html`.
pub fn render_body(w: &WriteUp, targets: &LinkTargets<'_>) -> (String, Vec<Diagnostic>) {
    let root = "../".repeat(1 + w.slug.split('/').count());
    render_body_at(w, targets, &root)
}

/// Renders `w`'s body for a page whose way back to the site root is `root`
/// (a dossier gathers many bodies on one page).
pub fn render_body_at(
    w: &WriteUp,
    targets: &LinkTargets<'_>,
    root: &str,
) -> (String, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let events = Parser::new_ext(&w.body, options)
        .into_offset_iter()
        .map(|(event, range)| match event {
            // Comments are notes to the editor: never shown.
            Event::Html(raw) | Event::InlineHtml(raw) if is_comment(&raw) => {
                Event::Text(CowStr::Borrowed(""))
            }
            Event::Html(raw) | Event::InlineHtml(raw) if !targets.trust_html => Event::Text(raw),
            Event::Start(mut tag @ (Tag::Link { .. } | Tag::Image { .. })) => {
                if let Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } = &mut tag {
                    *dest_url = rewrite_url(w, dest_url, root, targets, range.start, &mut diags);
                }
                Event::Start(tag)
            }
            other => other,
        });
    let mut out = String::with_capacity(w.body.len() + w.body.len() / 4);
    if w.assets.by_dest.is_empty() {
        html::push_html(&mut out, events);
    } else {
        // Photos and links to files: see `assets::html`.
        let events = crate::assets::html::rewrite(w, events.collect(), root);
        html::push_html(&mut out, events.into_iter());
    }
    (out, diags)
}

fn rewrite_url<'e>(
    w: &WriteUp,
    dest: &CowStr<'e>,
    root: &str,
    targets: &LinkTargets<'_>,
    offset: usize,
    diags: &mut Vec<Diagnostic>,
) -> CowStr<'e> {
    let trimmed = dest.trim();
    let lower = trimmed.to_ascii_lowercase();
    let scheme = lower.split_once(':').map(|(s, _)| s).filter(|s| {
        s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    if let Some(scheme) = scheme {
        return if matches!(scheme, "http" | "https" | "mailto" | "tel") {
            dest.clone()
        } else {
            // javascript:, data:, vbscript: and the like never reach the page.
            CowStr::Borrowed("#")
        };
    }
    let (path, fragment) = match trimmed.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (trimmed, None),
    };
    if !path.to_ascii_lowercase().ends_with(".md") {
        return dest.clone();
    }
    let target = resolve_relative(&w.rel, path);
    match target.as_deref().and_then(|t| targets.slug_by_rel.get(t)) {
        Some(slug) => {
            let frag = fragment.map(|f| format!("#{f}")).unwrap_or_default();
            CowStr::Boxed(format!("{root}hoi-nghi/{slug}/index.html{frag}").into_boxed_str())
        }
        None => {
            let body_line = 1 + w.body[..offset.min(w.body.len())].matches('\n').count();
            let mut d = Diagnostic::error(
                &w.path,
                format!(
                    "the link {path} points to content/{}, which is not a write-up",
                    target.unwrap_or_else(|| path.to_string())
                ),
            )
            .at_line(&w.body, body_line, Some(path))
            .with_help("link to an existing write-up's .md file, relative to this file");
            if let Some(span) = &mut d.span {
                span.line += w.body_line - 1;
            }
            diags.push(d);
            dest.clone()
        }
    }
}

fn is_comment(raw: &str) -> bool {
    let t = raw.trim();
    t.starts_with("<!--") && t.ends_with("-->")
}

/// Joins `link` onto the folder of `from` (both relative to content/), resolving
/// `.` and `..`; `None` when it climbs out of content/.
fn resolve_relative(from: &str, link: &str) -> Option<String> {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in link.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_relative_links() {
        assert_eq!(
            resolve_relative("cum-2/a.md", "../cum-5/b.md").as_deref(),
            Some("cum-5/b.md")
        );
        assert_eq!(resolve_relative("a.md", "./b.md").as_deref(), Some("b.md"));
        assert_eq!(resolve_relative("a.md", "../b.md"), None);
    }
}
