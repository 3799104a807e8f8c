//! The theme: templates, translations and static files. The default theme is
//! embedded in the binary; a theme folder on disk and the site's own `templates/`
//! override it file by file (read by `site::theme`, not here: render does no
//! disk I/O).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Embeds files of themes/default by their path inside the theme folder.
macro_rules! default_theme {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_str!(concat!("../../themes/default/", $path)))),*]
    };
}

/// Every file of the default theme. This is the one list of the theme's assets.
const DEFAULT_THEME: &[(&str, &str)] = default_theme![
    "templates/base.html",
    "templates/macros.html",
    "templates/index.html",
    "templates/clusters.html",
    "templates/cluster.html",
    "templates/conference.html",
    "templates/units.html",
    "templates/unit.html",
    "templates/years.html",
    "templates/year.html",
    "templates/404.html",
    "templates/search.html",
    "templates/dossier.html",
    "templates/dossier_entries.html",
    "templates/facts_items.html",
    "templates/conference_rows.html",
    "templates/timeline_items.html",
    "templates/honours.html",
    "templates/honour.html",
    "templates/honour_macros.html",
    "templates/tags.html",
    "templates/tag.html",
    "i18n/vi.yaml",
    "i18n/en.yaml",
    "static/style.css",
    "static/search.js",
    "static/lists.js",
    "static/favicon.svg",
];

/// A theme as read from disk (by `site::theme`): its templates, translations
/// and static files.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    /// Template name (e.g. "cluster.html") → source.
    pub templates: BTreeMap<String, String>,
    /// Translation file name (e.g. "vi.yaml") → source.
    pub i18n: BTreeMap<String, String>,
    /// Static file path (e.g. "style.css") → bytes, copied to the assets folder.
    pub static_files: BTreeMap<String, Vec<u8>>,
    /// Template name → the file it comes from, as the user would type it (for
    /// error messages): `templates/…` (the site's), `themes/<name>/templates/…`,
    /// or `themes/default/templates/…` (built in).
    pub origins: BTreeMap<String, PathBuf>,
}

/// One file of a theme: its path inside the theme folder ("templates/base.html")
/// and where it comes from, as the user would type it.
pub type ThemeFile = (Vec<u8>, PathBuf);

impl Theme {
    /// The built-in default theme's files, by their path inside the theme
    /// folder: what a theme on disk overrides file by file.
    pub fn default_files() -> BTreeMap<String, ThemeFile> {
        DEFAULT_THEME
            .iter()
            .map(|(p, s)| {
                let origin = Path::new("themes/default").join(p);
                (p.to_string(), (s.as_bytes().to_vec(), origin))
            })
            .collect()
    }

    /// The theme made of these files, by their path inside the theme folder;
    /// files outside `templates/`, `i18n/` and `static/` are not the theme's.
    pub fn from_files(files: BTreeMap<String, ThemeFile>) -> Theme {
        let mut theme = Theme::default();
        for (path, (bytes, origin)) in files {
            let text = || String::from_utf8_lossy(&bytes).into_owned();
            if let Some(name) = path.strip_prefix("templates/") {
                theme.templates.insert(name.to_string(), text());
                theme.origins.insert(name.to_string(), origin);
            } else if let Some(name) = path.strip_prefix("i18n/") {
                theme.i18n.insert(name.to_string(), text());
            } else if let Some(name) = path.strip_prefix("static/") {
                theme.static_files.insert(name.to_string(), bytes);
            }
        }
        theme
    }
}

/// The file the template `template` comes from, as the user would type it:
/// the site's `templates/` folder overrides the theme's folder, which
/// overrides the built-in default (shown as `themes/default/templates/…`).
pub fn template_origin(origins: &BTreeMap<String, PathBuf>, template: &str) -> PathBuf {
    origins
        .get(template)
        .cloned()
        .unwrap_or_else(|| Path::new("themes/default/templates").join(template))
}

/// `source` with each `{{ t.key }}` replaced by the translation it shows:
/// translations are fixed for a build, and Tera's lookup of a dotted name is
/// among the costliest things a page does. Left as written: templates that
/// could bind `t` to something else (`set`, `for`, a macro parameter; see
/// `with_translations` for the first two) or hold `raw` blocks, and any text
/// that Tera would read as markup or that would move line numbers in error
/// messages.
pub fn inline_translations<'s>(
    name: &str,
    source: &'s str,
    strings: &BTreeMap<String, String>,
    escape: fn(&str) -> String,
) -> std::borrow::Cow<'s, str> {
    use std::borrow::Cow;
    if t_binding(source) != TBinding::None
        || source.contains("raw %}")
        || source.contains("raw -%}")
    {
        return Cow::Borrowed(source);
    }
    let escaped = name.ends_with(".html") || name.ends_with(".xml");
    let mut out = String::with_capacity(source.len());
    let mut rest = source;
    while let Some(open) = rest.find("{{") {
        let Some(len) = rest[open..].find("}}") else {
            break;
        };
        let close = open + len + 2;
        let inner = &rest[open + 2..close - 2];
        let text = inner
            .trim()
            .strip_prefix("t.")
            .filter(|key| {
                !inner.starts_with('-')
                    && !inner.ends_with('-')
                    && !key.is_empty()
                    && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
            })
            .and_then(|key| strings.get(key))
            .map(|v| if escaped { escape(v) } else { v.clone() })
            .filter(|v| !["{{", "{%", "{#", "\n"].iter().any(|m| v.contains(m)));
        out.push_str(&rest[..open]);
        match text {
            Some(t) => out.push_str(&t),
            None => out.push_str(&rest[open..close]),
        }
        rest = &rest[close..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// How a template gives `t` a value of its own, if it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum TBinding {
    None,
    /// A macro parameter: seen only inside that macro, in that file.
    MacroParameter,
    /// `set`, `set_global` or a `for` loop variable: through inheritance and
    /// includes, other templates may see it.
    Assignment,
}

fn t_binding(source: &str) -> TBinding {
    let tags = source.split("{%").skip(1);
    tags.map(|tag| {
        let tag = tag.split("%}").next().unwrap_or_default();
        let words: Vec<&str> = tag
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .filter(|w| !w.is_empty())
            .collect();
        match words.first().copied() {
            Some("set") | Some("set_global") if words.get(1) == Some(&"t") => TBinding::Assignment,
            Some("for") if words.iter().take_while(|w| **w != "in").any(|w| *w == "t") => {
                TBinding::Assignment
            }
            Some("macro") => {
                let params = tag.split_once('(').map_or("", |(_, p)| p);
                if params
                    .split([',', ')'])
                    .any(|p| p.split('=').next().unwrap_or_default().trim() == "t")
                {
                    TBinding::MacroParameter
                } else {
                    TBinding::None
                }
            }
            _ => TBinding::None,
        }
    })
    .max()
    .unwrap_or(TBinding::None)
}

/// Every template with its translations inlined (see `inline_translations`),
/// unless one of them assigns `t`: then none is changed.
pub fn with_translations<'s>(
    templates: &'s BTreeMap<String, String>,
    strings: &BTreeMap<String, String>,
    escape: fn(&str) -> String,
) -> Vec<(&'s str, std::borrow::Cow<'s, str>)> {
    let assigned = templates
        .values()
        .any(|s| t_binding(s) == TBinding::Assignment);
    templates
        .iter()
        .map(|(name, source)| {
            let text = if assigned {
                std::borrow::Cow::Borrowed(source.as_str())
            } else {
                inline_translations(name, source, strings, escape)
            };
            (name.as_str(), text)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings() -> BTreeMap<String, String> {
        [
            ("home", "Trang chủ"),
            ("q", "A & \"B\""),
            ("bad", "{{ x }}"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    }

    fn esc(s: &str) -> String {
        s.replace('&', "&amp;").replace('"', "&quot;")
    }

    #[test]
    fn plain_translation_lookups_are_inlined_and_escaped() {
        let src = "<a>{{ t.home }}</a><b title=\"{{t.q}}\">{{ t.q | upper }}</b>{{ t.missing }}";
        assert_eq!(
            inline_translations("x.html", src, &strings(), esc),
            "<a>Trang chủ</a><b title=\"A &amp; &quot;B&quot;\">{{ t.q | upper }}</b>{{ t.missing }}"
        );
        assert_eq!(
            inline_translations("x.txt", "{{ t.q }}", &strings(), esc),
            "A & \"B\""
        );
    }

    #[test]
    fn lookups_tera_would_treat_differently_are_left_alone() {
        for src in [
            "{{ t.bad }}",
            "{{- t.home }}",
            "{{ t.home -}}",
            "{% set t = other %}{{ t.home }}",
            "{% for t in list %}{{ t.home }}{% endfor %}",
            "{% macro m(rows, t) %}{{ t.home }}{% endmacro m %}",
            "{% raw %}{{ t.home }}{% endraw %}",
        ] {
            assert_eq!(inline_translations("x.html", src, &strings(), esc), src);
        }
    }

    #[test]
    fn an_assignment_of_t_in_any_template_keeps_all_of_them_as_written() {
        let templates = |base: &str| -> BTreeMap<String, String> {
            [
                ("base.html", base),
                ("page.html", "{{ t.home }}"),
                ("m.html", "{% macro f(t) %}{{ t.home }}{% endmacro f %}"),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
        };
        let plain = templates("<title>{{ t.home }}</title>");
        let out: BTreeMap<&str, String> = with_translations(&plain, &strings(), esc)
            .into_iter()
            .map(|(n, t)| (n, t.into_owned()))
            .collect();
        assert_eq!(out["base.html"], "<title>Trang chủ</title>");
        assert_eq!(
            out["m.html"], plain["m.html"],
            "a macro's own t is left alone"
        );
        assert_eq!(out["page.html"], "Trang chủ");
        let assigning = templates("{% set t = other %}<title>{{ t.home }}</title>");
        for (name, text) in with_translations(&assigning, &strings(), esc) {
            assert_eq!(text, assigning[name]);
        }
    }
}
