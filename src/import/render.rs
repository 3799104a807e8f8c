//! The draft file: front matter with the facts found, a comment listing what
//! the editor must check, and a placeholder body.

use super::{Draft, ImportOptions};
use crate::messages::Language;
use chrono::Datelike;
use std::fmt::Write as _;

/// A YAML double-quoted scalar.
fn q(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn list(items: &[String]) -> String {
    let inner: Vec<String> = items.iter().map(|s| q(s)).collect();
    format!("[{}]", inner.join(", "))
}

/// Text that stays on one comment line.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The whole draft file: front matter between `---` lines, then a body
/// that is only a placeholder and the source reference. The notes for the
/// editor (the comment at the top) and the body's placeholder are in
/// `lang`, the site's language; the field names in the notes are the
/// front matter's keys, and the quoted sentences are the article's.
pub fn render(draft: &Draft, opts: &ImportOptions, lang: Language) -> String {
    let f = &draft.facts;
    let mut o = String::new();
    let source = one_line(opts.source.as_deref().unwrap_or(""));
    o.push_str("---\n");
    let header = if source.is_empty() {
        msg!("import-draft-header-article")
    } else {
        msg!("import-draft-header", source = &source)
    };
    let _ = writeln!(o, "# {}", one_line(&header.text(lang)));
    for (kept, heading) in [
        (false, msg!("import-draft-left-out")),
        (true, msg!("import-draft-kept")),
    ] {
        let items: Vec<_> = draft.unsure.iter().filter(|u| u.kept == kept).collect();
        if items.is_empty() {
            continue;
        }
        let _ = writeln!(o, "# {}", heading.text(lang));
        for u in items {
            let _ = writeln!(o, "#   {}: {}", u.field, one_line(&u.reason.text(lang)));
            if let Some(s) = &u.sentence {
                let _ = writeln!(o, "#     «{}»", one_line(s));
            }
        }
    }
    if !draft.evidence.is_empty() {
        let _ = writeln!(o, "# {}", msg!("import-draft-read-from").text(lang));
        // the fields read from one sentence share its line
        let mut groups: Vec<(Vec<&str>, &str)> = Vec::new();
        for e in &draft.evidence {
            match groups.iter_mut().find(|(_, s)| *s == e.sentence) {
                Some((fields, _)) => fields.push(e.field),
                None => groups.push((vec![e.field], &e.sentence)),
            }
        }
        for (fields, sentence) in groups {
            let _ = writeln!(o, "#   {}:", fields.join(", "));
            let _ = writeln!(o, "#     «{}»", one_line(sentence));
        }
    }
    if let Some(t) = &f.title {
        let _ = writeln!(o, "title: {}", q(t));
    }
    if let Some(d) = f.date {
        let _ = writeln!(o, "date: {}", d.format("%Y-%m-%d"));
    }
    if let Some(c) = f.cluster {
        let _ = writeln!(o, "cluster: {c}");
    }
    if let Some(b) = &f.bloc {
        let _ = writeln!(o, "bloc: {}", q(b));
    }
    if let Some(k) = f.kind {
        let _ = writeln!(o, "kind: {}", k.as_str());
    }
    if let Some(y) = f.year {
        let _ = writeln!(o, "year: {y}");
    }
    if let Some(h) = &f.host {
        let _ = writeln!(o, "host: {}", q(h));
    }
    if !f.members.is_empty() {
        let _ = writeln!(o, "members: {}", list(&f.members));
    }
    let mut awards = Vec::new();
    if let Some(n) = f.awards_collectives {
        awards.push(format!("collectives: {n}"));
    }
    if let Some(n) = f.awards_individuals {
        awards.push(format!("individuals: {n}"));
    }
    if !awards.is_empty() {
        let _ = writeln!(o, "awards: {{{}}}", awards.join(", "));
    }
    if !f.honours.is_empty() {
        o.push_str("honours:\n");
        for h in &f.honours {
            let mut parts = vec![format!("title: {}", q(&h.title))];
            if !h.to.is_empty() {
                parts.push(format!("to: {}", list(&h.to)));
            }
            if let Some(n) = h.collectives {
                parts.push(format!("collectives: {n}"));
            }
            if let Some(n) = h.individuals {
                parts.push(format!("individuals: {n}"));
            }
            if let Some(st) = h.status {
                parts.push(format!("status: {}", st.as_str()));
            }
            let _ = writeln!(o, "  - {{{}}}", parts.join(", "));
        }
    }
    if let Some(l) = &f.leader {
        let _ = writeln!(o, "leader: {}", q(l));
    }
    if let Some(d) = &f.deputy {
        let _ = writeln!(o, "deputy: {}", q(d));
    }
    let mut handover = Vec::new();
    if let Some(l) = &f.handover_leader {
        handover.push(format!("leader: {}", q(l)));
    }
    if let Some(d) = &f.handover_deputy {
        handover.push(format!("deputy: {}", q(d)));
    }
    if !handover.is_empty() {
        let _ = writeln!(o, "handover: {{{}}}", handover.join(", "));
    }
    if !source.is_empty() {
        let _ = writeln!(o, "source: {}", q(&source));
    }
    o.push_str("draft: true\n---\n\n");
    let _ = writeln!(
        o,
        "<!-- {} -->\n",
        msg!("import-draft-own-words").text(lang)
    );
    let _ = writeln!(o, "{}", msg!("import-draft-placeholder").text(lang));
    if !source.is_empty() {
        let _ = writeln!(
            o,
            "\n{}",
            msg!("import-draft-source", source = &source).text(lang)
        );
    }
    o
}

/// Where the draft goes under `content/`: `cum-<N>/<year>-<kind>.md`, or
/// `tinh/…` for a provincial conference, `khac/…` when the cluster is
/// unknown. The year is the conference's (its date's, else the reported
/// year); the kind is `tong-ket`, `ky-ket`, `phat-dong`, `so-ket` or
/// `hoi-nghi`.
pub fn suggested_file_name(draft: &Draft) -> String {
    let f = &draft.facts;
    let folder = match f.cluster {
        Some(n) => format!("cum-{n}"),
        None if f.provincial => "tinh".to_string(),
        None => "khac".to_string(),
    };
    let year = f
        .date
        .map(|d| d.year())
        .or(f.year)
        .map_or_else(|| "nam-chua-ro".to_string(), |y| y.to_string());
    let kind = f.kind.map_or("hoi-nghi", |k| k.file_slug());
    format!("{folder}/{year}-{kind}.md")
}
