//! Write-up bodies: Markdown → HTML, with links between write-ups resolved and
//! untrusted HTML neutralized. Pure: no I/O.

use std::collections::HashMap;

use pulldown_cmark::{html, CowStr, Event, LinkType, Options, Parser, Tag};

use crate::diagnostics::Diagnostic;
use crate::messages::Msg;
use crate::model::WriteUp;
use crate::urls::Urls;

/// The Markdown extensions bodies are read with.
pub const OPTIONS: Options = Options::ENABLE_TABLES.union(Options::ENABLE_STRIKETHROUGH);

/// What a body may link to: write-up source paths (relative to content/) → page slugs.
pub struct LinkTargets<'a> {
    pub slug_by_rel: &'a HashMap<&'a str, &'a str>,
    pub trust_html: bool,
}

/// Renders `w`'s body for its page in the site's default layout: for the
/// body's problems, which do not depend on where pages are.
pub fn render_body(w: &WriteUp, targets: &LinkTargets<'_>) -> (String, Vec<Diagnostic>) {
    let urls = Urls::default();
    let root = crate::urls::root_of(&urls.conference(&w.slug));
    render_body_at(w, targets, &urls, &root)
}

/// Renders `w`'s body for a page whose way back to the site root is `root`
/// (a dossier gathers many bodies on one page).
pub fn render_body_at(
    w: &WriteUp,
    targets: &LinkTargets<'_>,
    urls: &Urls,
    root: &str,
) -> (String, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut lines = LineCounter::default();
    let events = Parser::new_ext(&w.body, OPTIONS)
        .into_offset_iter()
        .map(|(event, range)| match event {
            // Comments are notes to the editor: never shown.
            Event::Html(raw) | Event::InlineHtml(raw) if is_comment(&raw) => {
                Event::Text(CowStr::Borrowed(""))
            }
            Event::Html(raw) | Event::InlineHtml(raw) if !targets.trust_html => Event::Text(raw),
            // A photo of the site's files is the assets' business (checked
            // when the write-up was loaded, rewritten below); any other image
            // would make the reader's browser fetch from elsewhere.
            Event::Start(tag @ Tag::Image { .. })
                if matches!(&tag, Tag::Image { dest_url, .. } if crate::assets::is_file_reference(dest_url)) =>
            {
                Event::Start(tag)
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let line = lines.line_at(&w.body, range.start);
                diags.push(
                    body_error(
                        w,
                        line,
                        Some(dest_url.trim()).filter(|d| !d.is_empty()),
                        msg!("image-remote", link = dest_url.trim()),
                    )
                    .with_help(msg!("help-image-remote")),
                );
                // Never fetched: the address goes, the description stays.
                Event::Start(Tag::Image {
                    link_type,
                    dest_url: CowStr::Borrowed("#"),
                    title,
                    id,
                })
            }
            // An e-mail autolink's address gets its mailto: from the writer.
            Event::Start(mut tag @ Tag::Link { .. }) => {
                if let Tag::Link {
                    dest_url,
                    link_type,
                    ..
                } = &mut tag
                {
                    if *link_type != LinkType::Email {
                        let line = lines.line_at(&w.body, range.start);
                        *dest_url = rewrite_url(w, dest_url, urls, root, targets, line, &mut diags);
                    }
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
    // A character reference (`&#x1e;`) makes a control character validation
    // could not see in the text.
    if let std::borrow::Cow::Owned(clean) = crate::validate::guard::replace_forbidden(&out) {
        out = clean;
    }
    (out, diags)
}

/// Lines of a body by byte offset, counted once: offsets come in order, so
/// each call counts only from the previous one.
#[derive(Default)]
struct LineCounter {
    offset: usize,
    line: usize,
}

impl LineCounter {
    /// The 1-based body line of byte `offset`.
    fn line_at(&mut self, body: &str, offset: usize) -> usize {
        let offset = offset.min(body.len());
        if offset < self.offset {
            *self = LineCounter::default();
        }
        self.line += memchr::memchr_iter(b'\n', &body.as_bytes()[self.offset..offset]).count();
        self.offset = offset;
        self.line + 1
    }
}

/// An error at `body_line` of `w`'s body, shown at its line in the file.
fn body_error(w: &WriteUp, body_line: usize, needle: Option<&str>, message: Msg) -> Diagnostic {
    let mut d = Diagnostic::error(&w.path, message).at_line(&w.body, body_line, needle);
    if let Some(span) = &mut d.span {
        span.line += w.body_line - 1;
    }
    d
}

fn rewrite_url<'e>(
    w: &WriteUp,
    dest: &CowStr<'e>,
    urls: &Urls,
    root: &str,
    targets: &LinkTargets<'_>,
    body_line: usize,
    diags: &mut Vec<Diagnostic>,
) -> CowStr<'e> {
    let trimmed = dest.trim();
    if trimmed.is_empty() {
        diags.push(
            body_error(w, body_line, None, msg!("link-no-address"))
                .with_help(msg!("help-link-no-address")),
        );
        return CowStr::Borrowed("#");
    }
    // A file of the write-up (a photo, a report): the assets rewrite it.
    if w.assets.target(dest).is_some() {
        return dest.clone();
    }
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
        // A link within the page (`#part`) works; any other address without a
        // scheme would name a file the site does not have.
        let path = path.split('?').next().unwrap_or_default();
        if !path.is_empty() {
            let help = if path.starts_with("www.") || path.contains('.') && !path.contains('/') {
                msg!("help-link-full-address", path = path)
            } else {
                msg!("help-link-web-or-md")
            };
            diags.push(
                body_error(
                    w,
                    body_line,
                    Some(path),
                    msg!("link-not-web-not-writeup", path = path),
                )
                .with_help(help),
            );
            return CowStr::Borrowed("#");
        }
        return dest.clone();
    }
    let target = resolve_relative(&w.rel, path);
    match target.as_deref().and_then(|t| targets.slug_by_rel.get(t)) {
        Some(slug) => {
            let frag = fragment.map(|f| format!("#{f}")).unwrap_or_default();
            CowStr::Boxed(format!("{root}{}{frag}", urls.conference(slug)).into_boxed_str())
        }
        None => {
            let d = body_error(
                w,
                body_line,
                Some(path),
                msg!(
                    "link-not-a-writeup",
                    path = path,
                    target = target.unwrap_or_else(|| path.to_string())
                ),
            )
            .with_help(msg!("help-link-not-a-writeup"));
            diags.push(d);
            // The error stops the build; the page is not blamed for it too.
            CowStr::Borrowed("#")
        }
    }
}

fn is_comment(raw: &str) -> bool {
    let t = raw.trim();
    t.starts_with("<!--") && t.ends_with("-->")
}

/// Joins `link` onto the folder of `from` (both relative to content/), resolving
/// `.` and `..`; `None` when it climbs out of content/.
pub(crate) fn resolve_relative(from: &str, link: &str) -> Option<String> {
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
