//! `baocao new`: a scaffold for a new write-up, filled from what the site knows.

use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};

use crate::config::{Language, Overrides};
use crate::model::{ClusterKey, Corpus, Kind, RoleBasis, RoleHolder};
use crate::render::context::cluster_name;
use crate::render::Renderer;
use crate::site;
use crate::validate::date;
use crate::vi::cluster;

use super::{render_diagnostics, Outcome, SiteArgs, CONTENT_ERROR};

/// Write a new write-up under content/, its front matter filled from what the site
/// knows of the cluster for that year: the members of the latest write-up of that
/// year or before, the year's Cụm trưởng and Cụm phó (stated for the year, else
/// handed over the year before), with empty award counts to fill in.
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
        let lang = config.language;
        let date = match &self.date {
            Some(text) => match date::parse(text) {
                Ok(d) => d,
                Err(e) => {
                    return Outcome::usage(
                        lang,
                        msg!("option-invalid", option = "--date", error = e.message),
                        Some(e.help),
                    )
                }
            },
            None => chrono::Local::now().date_naive(),
        };
        let folded = crate::text::fold(&self.kind);
        let Some(kind) = Kind::ALL
            .into_iter()
            .find(|k| folded == k.as_str() || folded == k.vietnamese())
        else {
            return Outcome::usage(
                lang,
                msg!("new-kind-unknown", kind = &self.kind),
                Some(msg!("help-new-kind")),
            );
        };
        let number = match &self.cluster {
            Some(text) => match cluster::parse_text(text) {
                Some(n) => Some(n),
                None => {
                    return Outcome::usage(
                        lang,
                        msg!("new-cluster-unreadable", cluster = text),
                        Some(msg!("help-new-cluster")),
                    )
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
                    stderr: render_diagnostics(&d, lang),
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
            lang,
        });
        let mut out = super::write_new_file(lang, &rel, &text, msg!("help-new-exists"));
        if out.code == super::OK {
            out.stderr = super::note_text(lang, &msg!("new-fill-in"));
        }
        out
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
    lang: Language,
}

/// The file text: front matter with what is known, blanks for the rest, a body skeleton.
///
/// What the site knows is taken for the scaffold's year, never from a later
/// one: the members as the latest write-up of that year or before gives them,
/// and the year's Cụm trưởng and Cụm phó as the model derives them (stated by
/// a write-up of the year, else handed over at the year before's conference).
///
/// What is left to fill carries the marker `<điền>` (`<fill in>` in English,
/// see `validate::placeholder`): `check` warns until it is gone.
fn scaffold(s: &Scaffold) -> String {
    let t = |m: crate::messages::Msg| m.text(s.lang);
    let marker = t(msg!("scaffold-marker"));
    let mut fm = String::from("---\n");
    fm.push_str(&format!("title: {}\n", quoted(s.title)));
    fm.push_str(&format!("date: {}\n", s.date));
    let cluster = s.key.and_then(|k| s.corpus.cluster(k)).map(|(_, c)| c);
    let this_year = cluster.and_then(|c| c.years.iter().find(|y| y.year == s.year));
    let members_from = cluster.and_then(|c| {
        c.years
            .iter()
            .rev()
            .find(|y| y.year <= s.year && !y.members.is_empty())
    });
    if let Some(k) = s.key {
        if let Some(bloc) = &k.bloc {
            fm.push_str(&format!("bloc: {}\n", quoted(bloc)));
        }
        fm.push_str(&format!("cluster: {}\n", k.number));
    }
    fm.push_str(&format!("kind: {}\n", s.kind.as_str()));
    fm.push_str(&format!("year: {}\n", s.year));
    fm.push_str(&format!(
        "host:            # {}\n",
        t(msg!("scaffold-host"))
    ));
    if s.key.is_some() {
        match members_from {
            Some(y) => {
                let names: Vec<String> = y.members.iter().map(|m| plain(m)).collect();
                fm.push_str(&format!(
                    "members: [{}]   # {}\n",
                    names.join(", "),
                    t(msg!("scaffold-members-as-in", year = y.year))
                ));
            }
            None => fm.push_str(&format!(
                "members: []     # {}\n",
                t(msg!("scaffold-members"))
            )),
        }
    }
    fm.push_str(&format!(
        "awards:\n  collectives:   # {}\n  individuals:   # {}\n",
        t(msg!("scaffold-collectives")),
        t(msg!("scaffold-individuals"))
    ));
    let example_unit = members_from
        .and_then(|y| y.members.first())
        .map_or_else(|| "Tên đơn vị".to_string(), |m| plain(m));
    fm.push_str(&format!(
        "# honours:       # {}\n",
        t(msg!("scaffold-honours"))
    ));
    fm.push_str(&format!(
        "#   - {{title: Cờ thi đua của Bộ Công an, to: [{example_unit}], status: proposed}}\n"
    ));
    if s.key.is_some() {
        let year = s.year;
        let holder = |h: Option<&RoleHolder>, key: &str, role: &str| match h {
            Some(h) => {
                let file = &s.corpus.writeups[h.source].rel;
                let why = match h.basis {
                    RoleBasis::Stated => {
                        msg!(
                            "scaffold-role-stated",
                            role = role,
                            year = year,
                            file = file
                        )
                    }
                    RoleBasis::Handover => {
                        msg!(
                            "scaffold-role-handover",
                            role = role,
                            year = year,
                            file = file
                        )
                    }
                };
                format!("{key}: {}   # {}\n", plain(&h.unit), t(why))
            }
            None => format!(
                "{key}:{:width$}# {}\n",
                "",
                t(msg!("scaffold-role", role = role, year = year)),
                width = 16 - key.len()
            ),
        };
        fm.push_str(&holder(
            this_year.and_then(|y| y.leader.as_ref()),
            "leader",
            "Cụm trưởng",
        ));
        fm.push_str(&holder(
            this_year.and_then(|y| y.deputy.as_ref()),
            "deputy",
            "Cụm phó",
        ));
        fm.push_str(&format!(
            "# handover:      # {}\n\
             #   leader:\n\
             #   deputy:\n",
            t(msg!("scaffold-handover", year = year + 1))
        ));
    }
    fm.push_str(&format!(
        "source:          # {}\n",
        t(msg!("scaffold-source"))
    ));
    fm.push_str("---\n\n");
    // The skeleton's sentences are instructions: each is marked, headings stay.
    for line in s.body.trim_end().lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            fm.push_str(line);
        } else {
            fm.push_str(&format!("{marker} {line}"));
        }
        fm.push('\n');
    }
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
