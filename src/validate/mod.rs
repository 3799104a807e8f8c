//! Raw front matter → `WriteUp`: the one place that holds the content contract.
//!
//! Validation reads no file and writes nothing; it returns the write-up (when it
//! is valid) together with every diagnostic found, never just the first.

pub mod corpus;
pub mod counts;
pub mod date;
pub mod guard;
pub mod honours;
pub mod placeholder;
pub mod units;

use std::collections::HashMap;

use chrono::Datelike;
use serde::Deserialize;
use serde_yaml::Value;

use crate::diagnostics::Diagnostic;
use crate::load::Source;
use crate::messages::{Arg, Msg};
use crate::model::{
    Awards, ClusterKey, Handover, Honour, HonourLevel, HonourStatus, Kind, WriteUp,
};
use crate::text;
use units::UnitNames;

/// The front matter as written: everything optional, nothing interpreted yet.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFrontMatter {
    title: Option<Value>,
    date: Option<Value>,
    cluster: Option<Value>,
    bloc: Option<String>,
    kind: Option<String>,
    year: Option<Value>,
    host: Option<String>,
    members: Option<Vec<String>>,
    awards: Option<RawAwards>,
    honours: Option<Vec<RawHonour>>,
    leader: Option<String>,
    deputy: Option<String>,
    handover: Option<RawHandover>,
    source: Option<String>,
    author: Option<String>,
    tags: Option<Vec<String>>,
    summary: Option<String>,
    draft: Option<bool>,
    slug: Option<String>,
    /// Read by `assets::resolve`.
    #[serde(rename = "cover")]
    _cover: Option<Value>,
    #[serde(rename = "attachments")]
    _attachments: Option<Value>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAwards {
    collectives: Option<Value>,
    individuals: Option<Value>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHonour {
    title: Option<String>,
    to: Option<Vec<String>>,
    collectives: Option<Value>,
    individuals: Option<Value>,
    status: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHandover {
    leader: Option<String>,
    deputy: Option<String>,
}

pub const FIELDS: &str = "title, date, cluster, bloc, kind, year, host, members, awards, honours, leader, deputy, handover, source, author, tags, summary, draft, slug, cover, attachments";

/// An honour's status when the write-up does not say: the weaker claim, so
/// that a page never states a unit received what it was only proposed for.
pub const DEFAULT_HONOUR_STATUS: HonourStatus = HonourStatus::Proposed;

/// Whether the front matter says `draft: true`, read leniently: used to leave
/// an incomplete draft out instead of failing the build on it.
pub fn is_marked_draft(source: &Source) -> bool {
    // A front matter too deep or too big to validate is not read here either.
    if guard::too_deep(&source.front_matter).is_some() || guard::alias_bomb(&source.front_matter) {
        return false;
    }
    serde_yaml::from_str::<Value>(&source.front_matter)
        .ok()
        .and_then(|v| v.get("draft").and_then(Value::as_bool))
        .unwrap_or(false)
}

/// Validates one source file. `None` when it has errors (they are in the list).
/// A valid write-up takes the front matter and body out of `source` (they are
/// most of a file: moved, not copied); an invalid one leaves `source` whole.
pub fn write_up(source: &mut Source, units: &UnitNames) -> (Option<WriteUp>, Vec<Diagnostic>) {
    // Pasted control characters go before anything reads the text: no page,
    // feed or message ever carries them.
    let cleaned = guard::clean_controls(source);
    let mut v = Validator {
        source,
        diags: cleaned
            .into_iter()
            .chain(placeholder::left(source))
            .collect(),
        lines: LineIndex::of(&source.front_matter, source.front_matter_line),
    };
    let wu = v.run(units);
    let diags = v.diags;
    if diags.iter().any(Diagnostic::is_error) {
        return (None, diags);
    }
    let wu = wu.map(|mut w| {
        w.front_matter = std::mem::take(&mut source.front_matter);
        w.body = std::mem::take(&mut source.body);
        w
    });
    (wu, diags)
}

struct Validator<'a> {
    source: &'a Source,
    diags: Vec<Diagnostic>,
    lines: LineIndex,
}

/// Where each top-level key and each list item under it stands, found in one
/// pass over the front matter: looking them up per item made a file of
/// thousands of honours take seconds.
#[derive(Debug, Default)]
struct LineIndex {
    /// Top-level key → file line of its first occurrence.
    keys: HashMap<String, usize>,
    /// Top-level key → file lines of the `- ` items in its block.
    items: HashMap<String, Vec<usize>>,
}

impl LineIndex {
    fn of(front_matter: &str, first_line: usize) -> LineIndex {
        let mut index = LineIndex::default();
        let mut current: Option<String> = None;
        for (i, l) in front_matter.lines().enumerate() {
            let line = i + first_line;
            if l.starts_with([' ', '-', '\t']) || l.trim().is_empty() {
                if let Some(key) = &current {
                    if l.trim_start().starts_with('-') {
                        index.items.entry(key.clone()).or_default().push(line);
                    }
                }
                continue;
            }
            current = l.split_once(':').map(|(k, _)| k.to_string());
            if let Some(key) = &current {
                if index.keys.contains_key(key) {
                    // A repeated key: only the first one's items count.
                    current = None;
                } else {
                    index.keys.insert(key.clone(), line);
                }
            }
        }
        index
    }
}

impl Validator<'_> {
    /// The file line of a top-level front-matter key, if present.
    fn key_line(&self, key: &str) -> Option<usize> {
        self.lines.keys.get(key).copied()
    }

    /// The file line of the `index`-th list item under a top-level key.
    fn item_line(&self, key: &str, index: usize) -> Option<usize> {
        self.lines.items.get(key)?.get(index).copied()
    }

    /// The file line of the front matter's first line: where a missing field
    /// belongs.
    fn first_line(&self) -> Option<usize> {
        Some(self.source.front_matter_line)
    }

    /// A unit name needs a letter or a digit: "...", "—" or "???" are
    /// placeholders, not units, and would have no page of their own.
    fn unit_name(&mut self, written: &str, line: Option<usize>, field: &str) -> bool {
        if written.chars().any(char::is_alphanumeric) {
            return true;
        }
        let shown = written.trim();
        self.error(
            line,
            (!shown.is_empty()).then_some(shown),
            msg!("unit-name-no-letter", name = shown, field = field),
            msg!("help-unit-name-no-letter"),
        );
        false
    }

    fn error(&mut self, line: Option<usize>, needle: Option<&str>, message: Msg, help: Msg) {
        self.push(
            Diagnostic::error(&self.source.path, message),
            line,
            needle,
            help,
        );
    }

    fn warn(&mut self, line: Option<usize>, needle: Option<&str>, message: Msg, help: Msg) {
        self.push(
            Diagnostic::warning(&self.source.path, message),
            line,
            needle,
            help,
        );
    }

    fn push(&mut self, d: Diagnostic, line: Option<usize>, needle: Option<&str>, help: Msg) {
        let d = match line {
            Some(line) => d.at_line(&self.source.text, line, needle),
            None => d,
        };
        self.diags.push(d.with_help(help));
    }

    fn run(&mut self, units: &UnitNames) -> Option<WriteUp> {
        let src = self.source;
        if src.front_matter.trim().is_empty() {
            self.error(
                Some(1),
                None,
                msg!("front-matter-empty"),
                msg!("help-front-matter-empty"),
            );
            return None;
        }
        if let Some(line) = guard::too_deep(&src.front_matter) {
            self.error(
                Some(line + src.front_matter_line - 1),
                None,
                msg!("front-matter-too-deep", depth = guard::MAX_NESTING),
                msg!("help-front-matter-too-deep"),
            );
            return None;
        }
        if guard::alias_bomb(&src.front_matter) {
            self.error(
                self.first_line(),
                None,
                msg!("front-matter-alias-bomb"),
                msg!("help-front-matter-alias-bomb"),
            );
            return None;
        }
        let raw: RawFrontMatter = match serde_yaml::from_str(&src.front_matter) {
            Ok(raw) => raw,
            Err(e) => {
                self.yaml_error(&e);
                self.lenient_pass(&e);
                return None;
            }
        };
        // Every field is named here so a new one cannot be forgotten.
        let RawFrontMatter {
            title,
            date,
            cluster,
            bloc,
            kind,
            year,
            host,
            members,
            awards,
            honours,
            leader,
            deputy,
            handover,
            source,
            author,
            tags,
            summary,
            draft,
            slug,
            _cover: _,
            _attachments: _,
        } = raw;

        let title = self.title(title);
        let date = self.date(date);
        let cluster_number = self.cluster(cluster);
        let bloc = bloc.map(|b| text::normalize(&b)).filter(|b| !b.is_empty());
        let kind = self.kind(kind);
        let year = self.year(year, date);
        let host = self.single_unit(host, units, "host");
        let leader = self.single_unit(leader, units, "leader");
        let deputy = self.single_unit(deputy, units, "deputy");
        let handover = match handover {
            Some(RawHandover { leader, deputy }) => Handover {
                leader: self.single_unit(leader, units, "handover"),
                deputy: self.single_unit(deputy, units, "handover"),
            },
            None => Handover::default(),
        };
        let members = self.members(members, units, cluster_number.is_some());
        let awards = self.awards(awards);
        let honours = self.honours(honours, units);
        let slug = self.slug(slug);
        let clean = |s: Option<String>| s.map(|s| text::normalize(&s)).filter(|s| !s.is_empty());

        if !handover.is_empty() && cluster_number.is_none() {
            self.error(
                self.key_line("handover"),
                None,
                msg!("handover-without-cluster"),
                msg!("help-handover-without-cluster"),
            );
        }
        if bloc.is_some() && cluster_number.is_none() {
            self.error(
                self.key_line("bloc"),
                None,
                msg!("bloc-without-cluster"),
                msg!("help-bloc-without-cluster"),
            );
        }

        Some(WriteUp {
            path: src.path.clone(),
            rel: src.rel.clone(),
            slug,
            title: title?,
            date: date?,
            year: year?,
            kind,
            cluster: cluster_number.map(|number| ClusterKey { bloc, number }),
            host,
            members,
            awards,
            honours,
            leader,
            deputy,
            handover,
            source: clean(source),
            author: clean(author),
            tags: tags
                .unwrap_or_default()
                .iter()
                .map(|t| text::normalize(t))
                .filter(|t| !t.is_empty())
                .collect(),
            summary: clean(summary),
            draft: draft.unwrap_or(false),
            // Moved in by `write_up` once the file is known to be valid.
            front_matter: String::new(),
            front_matter_line: src.front_matter_line,
            body: String::new(),
            body_line: src.front_matter_line + src.front_matter.lines().count() + 1,
            // Resolved after validation, by `assets::resolve`.
            assets: Default::default(),
        })
    }

    /// A unit named by one field (host, leader, deputy), resolved.
    fn single_unit(
        &mut self,
        written: Option<String>,
        units: &UnitNames,
        field: &str,
    ) -> Option<String> {
        let written = written?;
        if written.trim().is_empty() || !self.unit_name(&written, self.key_line(field), field) {
            return None;
        }
        Some(units.resolve(&written)).filter(|n| !n.is_empty())
    }

    /// After the first YAML error, the others a reader can still find: each
    /// top-level key is read on its own, so an unknown key or a value of the
    /// wrong type elsewhere is reported too. After a syntax error, only the
    /// lines before it are read.
    fn lenient_pass(&mut self, first: &serde_yaml::Error) {
        // The lines before the syntax error are read as they stand.
        let fm = &self.source.front_matter;
        let readable = match serde_yaml::from_str::<Value>(fm) {
            Ok(v) => v,
            Err(syntax) => {
                // A repeated key is a syntax error only to the lenient reader.
                let repeated = syntax.to_string().starts_with("duplicate entry");
                if !repeated && syntax.to_string() != first.to_string() {
                    self.yaml_error(&syntax);
                }
                let Some(loc) = syntax.location() else {
                    return;
                };
                // Up to the top-level key the error is under.
                let error_line = loc.line() + self.source.front_matter_line - 1;
                let cut = self
                    .lines
                    .keys
                    .values()
                    .copied()
                    .filter(|l| *l <= error_line)
                    .max()
                    .unwrap_or(self.source.front_matter_line);
                let before: String = fm
                    .split_inclusive('\n')
                    .take(cut - self.source.front_matter_line)
                    .collect();
                match serde_yaml::from_str::<Value>(&before) {
                    Ok(v) => v,
                    Err(_) => return,
                }
            }
        };
        let Value::Mapping(map) = readable else {
            return;
        };
        let first_message = first.to_string();
        let first_message = first_message.split(" at line ").next().unwrap_or_default();
        let mut seen = vec![first_message.to_string()];
        for (key, value) in map {
            let line = key.as_str().and_then(|k| self.key_line(k));
            let mut one = serde_yaml::Mapping::new();
            one.insert(key, value);
            let Err(e) = serde_yaml::from_value::<RawFrontMatter>(Value::Mapping(one)) else {
                continue;
            };
            let message = e.to_string();
            let message = message.split(" at line ").next().unwrap_or_default();
            if seen
                .iter()
                .any(|m| m == message || message.ends_with(&format!(": {m}")))
            {
                continue;
            }
            seen.push(message.to_string());
            let help = if message.starts_with("unknown field") {
                msg!("help-known-fields", fields = FIELDS)
            } else {
                msg!("help-value-form")
            };
            self.error(
                line,
                None,
                msg!("front-matter-invalid", error = message),
                help,
            );
        }
    }

    fn yaml_error(&mut self, e: &serde_yaml::Error) {
        let line = e
            .location()
            .map(|l| l.line() + self.source.front_matter_line - 1);
        let message = e.to_string();
        // serde_yaml appends " at line N column M"; the caret display says that.
        let message = message
            .split(" at line ")
            .next()
            .unwrap_or(&message)
            .to_string();
        let help = if message.starts_with("unknown field") {
            msg!("help-known-fields", fields = FIELDS)
        } else if message.contains("invalid type") {
            msg!("help-value-form")
        } else {
            msg!("help-yaml-syntax")
        };
        let d = Diagnostic::error(
            &self.source.path,
            msg!("front-matter-invalid", error = message),
        );
        let d = match (line, e.location()) {
            (Some(line), Some(loc)) => d.at_position(&self.source.text, line, loc.column()),
            _ => d,
        };
        self.diags.push(d.with_help(help));
    }

    fn title(&mut self, title: Option<Value>) -> Option<String> {
        let line = self.key_line("title");
        match title {
            Some(Value::String(s)) if !text::normalize(&s).is_empty() => Some(text::normalize(&s)),
            Some(Value::Number(n)) => Some(n.to_string()),
            Some(Value::String(_)) => {
                self.error(line, None, msg!("title-empty"), msg!("help-title-empty"));
                None
            }
            None => {
                self.error(
                    self.first_line(),
                    None,
                    msg!("title-missing"),
                    msg!("help-title-missing"),
                );
                None
            }
            Some(other) => {
                self.error(
                    line,
                    None,
                    msg!("title-not-text", found = Arg::Key(counts::describe(&other))),
                    msg!("help-title-not-text"),
                );
                None
            }
        }
    }

    fn date(&mut self, value: Option<Value>) -> Option<chrono::NaiveDate> {
        let line = self.key_line("date");
        let text = match value {
            None => {
                self.error(
                    self.first_line(),
                    None,
                    msg!("date-missing"),
                    msg!("help-date-missing"),
                );
                return None;
            }
            Some(Value::String(s)) => s,
            Some(other) => {
                let shown = match &other {
                    Value::Number(n) => Arg::from(n.to_string()),
                    _ => Arg::Key(counts::describe(&other)),
                };
                self.error(
                    line,
                    None,
                    msg!("date-not-text", found = shown),
                    msg!("help-date-forms"),
                );
                return None;
            }
        };
        match date::parse(&text) {
            Ok(d) => Some(d),
            Err(e) => {
                self.error(line, Some(text.trim()), e.message, e.help);
                None
            }
        }
    }

    fn cluster(&mut self, value: Option<Value>) -> Option<u32> {
        let value = value?;
        let line = self.key_line("cluster");
        let parsed = match &value {
            Value::Number(n) => n
                .as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .filter(|n| crate::vi::cluster::NUMBERS.contains(n)),
            Value::String(s) => crate::vi::cluster::parse_text(s),
            Value::Null => return None,
            _ => None,
        };
        if parsed.is_none() {
            let (shown, arg) = match &value {
                Value::String(s) => (s.clone(), Arg::from(s)),
                Value::Number(n) => (n.to_string(), Arg::from(n.to_string())),
                other => (String::new(), Arg::Key(counts::describe(other))),
            };
            self.error(
                line,
                Some(&shown).filter(|s| !s.is_empty()).map(|s| s.as_str()),
                msg!("cluster-unreadable", cluster = arg),
                msg!("help-cluster-unreadable"),
            );
        }
        parsed
    }

    fn kind(&mut self, kind: Option<String>) -> Kind {
        let Some(written) = kind else {
            return Kind::Summary;
        };
        if let Some(k) = crate::vi::kinds::parse(&written) {
            return k;
        }
        let allowed: Vec<String> = Kind::ALL.iter().map(|k| k.as_str().to_string()).collect();
        self.error(
            self.key_line("kind"),
            Some(written.trim()),
            msg!("kind-unknown", kind = written.trim()),
            msg!("help-kind-unknown", kinds = allowed.join(", ")),
        );
        Kind::Summary
    }

    fn year(&mut self, value: Option<Value>, date: Option<chrono::NaiveDate>) -> Option<i32> {
        let line = self.key_line("year");
        let parsed = match &value {
            None | Some(Value::Null) => return date.map(|d| d.year()),
            Some(Value::Number(n)) => n.as_i64(),
            Some(Value::String(s)) => s.trim().parse().ok(),
            Some(_) => None,
        };
        match parsed.and_then(|y| i32::try_from(y).ok()) {
            Some(y) if (1945..=2200).contains(&y) => Some(y),
            _ => {
                self.error(line, None, msg!("year-invalid"), msg!("help-year-invalid"));
                None
            }
        }
    }

    fn members(
        &mut self,
        members: Option<Vec<String>>,
        units: &UnitNames,
        has_cluster: bool,
    ) -> Vec<String> {
        let line = self.key_line("members");
        let mut resolved: Vec<String> = Vec::new();
        for (i, m) in members.unwrap_or_default().into_iter().enumerate() {
            if !m.trim().is_empty()
                && !self.unit_name(&m, self.item_line("members", i).or(line), "members")
            {
                continue;
            }
            let unit = units.resolve(&m);
            if unit.is_empty() {
                continue;
            }
            if resolved.contains(&unit) {
                self.warn(
                    line,
                    Some(m.trim()),
                    msg!("member-repeated", unit = &unit),
                    msg!("help-member-repeated"),
                );
                continue;
            }
            resolved.push(unit);
        }
        if has_cluster && resolved.is_empty() {
            self.error(
                line.or(self.key_line("cluster")),
                None,
                msg!("members-missing"),
                msg!("help-members-missing"),
            );
        }
        resolved
    }

    fn count(&mut self, value: Option<Value>, line: Option<usize>, what: &str) -> Option<u64> {
        let value = value?;
        match counts::parse(&value) {
            Ok(n) => n,
            Err(e) => {
                let needle = match &value {
                    Value::Number(n) => Some(n.to_string()),
                    Value::String(s) => Some(s.trim().to_string()),
                    _ => None,
                };
                self.error(
                    line,
                    needle.as_deref(),
                    e.message.arg("field", what),
                    e.help,
                );
                None
            }
        }
    }

    fn awards(&mut self, awards: Option<RawAwards>) -> Awards {
        let Some(RawAwards {
            collectives,
            individuals,
        }) = awards
        else {
            return Awards::default();
        };
        let line = self.key_line("awards");
        let line_of = |v: &Validator, key: &str| {
            // Block style puts each count on its own line under `awards:`.
            let start = line? - v.source.front_matter_line;
            let needle = format!("{key}:");
            v.source
                .front_matter
                .lines()
                .enumerate()
                .skip(start)
                .find(|(i, l)| l.contains(&needle) && (*i == start || l.starts_with(' ')))
                .map(|(i, _)| i + v.source.front_matter_line)
        };
        let c_line = line_of(self, "collectives");
        let i_line = line_of(self, "individuals");
        Awards {
            collectives: self.count(collectives, c_line, "awards.collectives"),
            individuals: self.count(individuals, i_line, "awards.individuals"),
        }
    }

    fn honours(&mut self, honours: Option<Vec<RawHonour>>, units: &UnitNames) -> Vec<Honour> {
        let mut out = Vec::new();
        for (i, raw) in honours.unwrap_or_default().into_iter().enumerate() {
            let line = self.item_line("honours", i).or(self.key_line("honours"));
            let RawHonour {
                title,
                to,
                collectives,
                individuals,
                status,
            } = raw;
            let title = title.map(|t| text::normalize(&t)).filter(|t| !t.is_empty());
            let written = to.unwrap_or_default();
            let to: Vec<String> = written
                .iter()
                .filter(|u| u.trim().is_empty() || self.unit_name(u, line, "honours.to"))
                .map(|u| units.resolve(u))
                .filter(|u| !u.is_empty())
                .collect();
            // A placeholder among the units is reported already.
            let placeholder = to.len() < written.iter().filter(|u| !u.trim().is_empty()).count();
            let collectives = self.count(collectives, line, "honour collectives");
            let individuals = self.count(individuals, line, "honour individuals");
            let Some(title) = title else {
                self.error(
                    line,
                    None,
                    msg!("honour-no-title", number = i + 1),
                    msg!("help-honour-no-title"),
                );
                continue;
            };
            if to.is_empty() && collectives.is_none() && individuals.is_none() && !placeholder {
                self.error(
                    line,
                    None,
                    msg!("honour-no-unit-no-count", title = &title),
                    msg!("help-honour-no-unit-no-count"),
                );
                continue;
            }
            let status = match status {
                None => DEFAULT_HONOUR_STATUS,
                Some(written) => match honours::parse_status(&written) {
                    Some(status) => status,
                    None => {
                        self.error(
                            line,
                            Some(written.trim()),
                            msg!("honour-status-unknown", status = written.trim()),
                            msg!("help-honour-status-unknown"),
                        );
                        DEFAULT_HONOUR_STATUS
                    }
                },
            };
            let (title, level) = match units.honours.resolve(&title) {
                honours::Resolved::Known(entry) => (entry.name, entry.level),
                honours::Resolved::Unknown { suggestion } => {
                    self.warn(
                        line,
                        Some(&title),
                        msg!("honour-not-in-register", title = &title),
                        match suggestion {
                            Some(name) => msg!("help-honour-did-you-mean", name = name),
                            None => msg!("help-honour-not-in-register"),
                        },
                    );
                    (title, HonourLevel::Other)
                }
            };
            out.push(Honour {
                slug: text::slugify(&title),
                title,
                level,
                status,
                to,
                collectives,
                individuals,
            });
        }
        out
    }

    /// The page folder: the file's path under content/ as slugs, or `slug:`.
    fn slug(&mut self, slug: Option<String>) -> String {
        let derived = {
            let stem = self
                .source
                .rel
                .strip_suffix(".md")
                .unwrap_or(&self.source.rel);
            let parts: Vec<String> = stem
                .split('/')
                .map(text::slugify)
                .filter(|p| !p.is_empty())
                .collect();
            if parts.is_empty() {
                crate::urls::FALLBACK_SLUG.to_string()
            } else {
                parts.join("/")
            }
        };
        let Some(written) = slug else {
            return derived;
        };
        let t = written.trim();
        let valid = !t.is_empty()
            && t.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        let line = self.key_line("slug");
        if valid && t.len() > text::MAX_SLUG {
            self.error(
                line,
                None,
                msg!("slug-too-long", length = t.len(), max = text::MAX_SLUG),
                msg!("help-slug-too-long"),
            );
            return derived;
        }
        if valid {
            return t.to_string();
        }
        if t.contains('/') || t.contains('\\') || t.contains("..") {
            self.error(
                line,
                Some(t),
                msg!("slug-outside", slug = t),
                msg!("help-slug-outside"),
            );
        } else {
            let suggestion = text::slugify(t);
            self.error(
                line,
                Some(t),
                msg!("slug-bad-characters", slug = t),
                if suggestion.is_empty() {
                    msg!("help-slug-characters")
                } else {
                    msg!("help-slug-write", slug = suggestion)
                },
            );
        }
        derived
    }
}

#[cfg(test)]
#[path = "validate_tests.rs"]
mod tests;
