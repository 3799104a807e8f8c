//! `baocao new`: a scaffold for a new write-up, filled from what the site knows.

use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};

use crate::config::Overrides;
use crate::model::{ClusterKey, Corpus, Kind};
use crate::render::context::cluster_name;
use crate::render::Renderer;
use crate::site;
use crate::validate::{cluster, date};

use super::{render_diagnostics, Outcome, SiteArgs, CONTENT_ERROR};

/// Write a new write-up under content/, its front matter filled from the cluster's
/// latest write-up (members, leader, deputy), with empty award counts to fill in.
///
/// Refuses to overwrite an existing file. Prints the path it wrote.
#[derive(Debug, clap::Args)]
pub struct NewArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// The cluster's number: 2, II or "số 2" (leave out for a provincial conference)
    #[arg(long)]
    pub cluster: Option<String>,
    /// The bloc of a ministry-department cluster
    #[arg(long)]
    pub bloc: Option<String>,
    /// The day of the conference: 2024-03-18 or 18/03/2024 [default: today]
    #[arg(long)]
    pub date: Option<String>,
    /// summary, pledge, launch, review or other
    #[arg(long, default_value = "summary")]
    pub kind: String,
    /// The emulation year reported on [default: the year of the date]
    #[arg(long)]
    pub year: Option<i32>,
    /// The title [default: made from the cluster, kind and year]
    #[arg(long)]
    pub title: Option<String>,
    /// Where to write, instead of content/cum-N/YEAR-KIND.md
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

impl NewArgs {
    pub fn run(self) -> Outcome {
        let config = match self.site.config(&Overrides::default()) {
            Ok(c) => c,
            Err(o) => return o,
        };
        let date = match &self.date {
            Some(text) => match date::parse(text) {
                Ok(d) => d,
                Err(e) => return Outcome::usage(format!("--date: {} ({})", e.message, e.help)),
            },
            None => chrono::Local::now().date_naive(),
        };
        let folded = crate::text::fold(&self.kind);
        let Some(kind) = Kind::ALL
            .into_iter()
            .find(|k| folded == k.as_str() || folded == k.vietnamese())
        else {
            return Outcome::usage(format!(
                "--kind: unknown kind \"{}\"; use summary, pledge, launch, review or other",
                self.kind
            ));
        };
        let number = match &self.cluster {
            Some(text) => match cluster::parse_text(text) {
                Some(n) => Some(n),
                None => {
                    return Outcome::usage(format!(
                        "--cluster: cannot read \"{text}\"; write a number such as 2 or II"
                    ))
                }
            },
            None => None,
        };
        let key = number.map(|number| ClusterKey {
            bloc: self.bloc.as_deref().map(crate::text::normalize),
            number,
        });
        let year = self.year.unwrap_or(date.year());

        // What the site already knows; files with errors are skipped, not fatal.
        let units = site::load_units(&config).unwrap_or_default();
        let (writeups, _, _) = site::load_writeups(&config, &units);
        let (corpus, _) = Corpus::build(writeups);
        let renderer = match Renderer::new(&config) {
            Ok(r) => r,
            Err(d) => {
                return Outcome {
                    stderr: render_diagnostics(&d),
                    code: CONTENT_ERROR,
                    ..Outcome::default()
                }
            }
        };
        let t = &renderer.i18n;
        let rel = match &self.output {
            Some(p) => p.clone(),
            None => {
                let folder = key
                    .as_ref()
                    .map_or_else(|| "khac".to_string(), ClusterKey::slug);
                config
                    .content_dir()
                    .join(folder)
                    .join(format!("{year}-{}.md", kind.file_slug()))
            }
        };
        let title = self.title.clone().unwrap_or_else(|| {
            let who = key
                .as_ref()
                .map_or_else(|| t.get("no_cluster").to_string(), |k| cluster_name(k, t));
            t.get("new_title")
                .replace("{cluster}", &who)
                .replace("{kind}", t.get(&format!("kind_{}", kind.as_str())))
                .replace("{year}", &year.to_string())
        });
        let text = scaffold(&Scaffold {
            title: &title,
            date,
            key: key.as_ref(),
            kind,
            year,
            corpus: &corpus,
            body: t.get("new_body"),
        });
        super::write_new_file(
            &rel,
            &text,
            "edit that file, or pass --output to write another one",
        )
    }
}

struct Scaffold<'a> {
    title: &'a str,
    date: NaiveDate,
    key: Option<&'a ClusterKey>,
    kind: Kind,
    year: i32,
    corpus: &'a Corpus,
    body: &'a str,
}

/// The file text: front matter with what is known, blanks for the rest, a body skeleton.
fn scaffold(s: &Scaffold) -> String {
    let mut fm = String::from("---\n");
    fm.push_str(&format!("title: {}\n", quoted(s.title)));
    fm.push_str(&format!("date: {}\n", s.date));
    let latest = s.key.and_then(|k| s.corpus.cluster(k)).map(|(_, c)| c);
    if let Some(k) = s.key {
        if let Some(bloc) = &k.bloc {
            fm.push_str(&format!("bloc: {}\n", quoted(bloc)));
        }
        fm.push_str(&format!("cluster: {}\n", k.number));
    }
    fm.push_str(&format!("kind: {}\n", s.kind.as_str()));
    fm.push_str(&format!("year: {}\n", s.year));
    fm.push_str("host:            # the unit that hosted the conference\n");
    if s.key.is_some() {
        match latest.and_then(|c| c.years.last()) {
            Some(y) if !y.members.is_empty() => {
                let names: Vec<String> = y.members.iter().map(|m| plain(m)).collect();
                fm.push_str(&format!(
                    "members: [{}]   # as in {}; check them for this year\n",
                    names.join(", "),
                    y.year
                ));
            }
            _ => fm.push_str("members: []     # the member units that year\n"),
        }
    }
    fm.push_str("awards:\n  collectives:   # lượt tập thể\n  individuals:   # lượt cá nhân\n");
    // Leader and deputy as the cluster's latest write-up left them.
    let last = latest
        .and_then(|c| c.writeups.last())
        .map(|&i| &s.corpus.writeups[i]);
    let last_of = |f: fn(&crate::model::WriteUp) -> Option<&String>| {
        last.and_then(|w| f(w)).map(|n| plain(n))
    };
    if s.key.is_some() {
        match last_of(|w| w.leader.as_ref()) {
            Some(l) => fm.push_str(&format!(
                "leader: {l}   # the unit taking over as Cụm trưởng\n"
            )),
            None => fm.push_str("leader:          # the unit taking over as Cụm trưởng\n"),
        }
        match last_of(|w| w.deputy.as_ref()) {
            Some(d) => fm.push_str(&format!("deputy: {d}   # Cụm phó\n")),
            None => fm.push_str("deputy:          # Cụm phó\n"),
        }
    }
    fm.push_str("source:          # the article or document the facts come from\n");
    fm.push_str("---\n\n");
    fm.push_str(s.body.trim_end());
    fm.push('\n');
    fm
}

/// A YAML double-quoted string.
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("\"{s}\""))
}

/// A plain YAML scalar when safe, else quoted.
fn plain(s: &str) -> String {
    let risky = s.is_empty()
        || s.contains([
            ',', '[', ']', '{', '}', ':', '#', '"', '\'', '&', '*', '!', '|', '>', '%', '@', '`',
        ])
        || s.starts_with(['-', '?', ' '])
        || s.ends_with(' ');
    if risky {
        quoted(s)
    } else {
        s.to_string()
    }
}
