//! A validated write-up: every field checked and normalized. A `WriteUp` cannot
//! be invalid; the only way to make one from a file is `validate::write_up`.

use std::path::PathBuf;

use chrono::NaiveDate;
use serde::Serialize;

/// What kind of conference a write-up reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Tổng kết: the year-end summary.
    Summary,
    /// Ký kết giao ước: the pledge signing.
    Pledge,
    /// Phát động: the launch of a movement.
    Launch,
    /// Sơ kết: the mid-term review.
    Review,
    Other,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Summary,
        Kind::Pledge,
        Kind::Launch,
        Kind::Review,
        Kind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Summary => "summary",
            Kind::Pledge => "pledge",
            Kind::Launch => "launch",
            Kind::Review => "review",
            Kind::Other => "other",
        }
    }

    /// The folded Vietnamese name, also accepted in front matter.
    pub fn vietnamese(self) -> &'static str {
        match self {
            Kind::Summary => "tong ket",
            Kind::Pledge => "ky ket giao uoc",
            Kind::Launch => "phat dong",
            Kind::Review => "so ket",
            Kind::Other => "khac",
        }
    }

    /// A short slug for file names: tong-ket, ky-ket, ...
    pub fn file_slug(self) -> &'static str {
        match self {
            Kind::Summary => "tong-ket",
            Kind::Pledge => "ky-ket",
            Kind::Launch => "phat-dong",
            Kind::Review => "so-ket",
            Kind::Other => "hoi-nghi",
        }
    }
}

/// Identifies a cluster: the provincial clusters have no bloc; clusters of ministry
/// departments reuse the same numbers inside their bloc.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct ClusterKey {
    pub bloc: Option<String>,
    pub number: u32,
}

impl ClusterKey {
    pub fn slug(&self) -> String {
        match &self.bloc {
            None => format!("cum-{}", self.number),
            Some(bloc) => format!("{}-cum-{}", crate::text::slugify(bloc), self.number),
        }
    }
}

/// Lượt tập thể / lượt cá nhân khen thưởng.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Awards {
    pub collectives: Option<u64>,
    pub individuals: Option<u64>,
}

impl Awards {
    /// The sum of two counts; a count neither gives stays unknown.
    pub fn plus(self, other: Awards) -> Awards {
        let sum = |a: Option<u64>, b: Option<u64>| match (a, b) {
            (Some(a), Some(b)) => Some(a.saturating_add(b)),
            (a, None) => a,
            (None, b) => b,
        };
        Awards {
            collectives: sum(self.collectives, other.collectives),
            individuals: sum(self.individuals, other.individuals),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.collectives.is_none() && self.individuals.is_none()
    }
}

/// The rank of an honour in the emulation law, highest first. The order of the
/// variants is the order of the honours index and of a unit's honours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum HonourLevel {
    /// Huân chương, Anh hùng: the State's.
    State,
    /// Cờ thi đua and Bằng khen of the Government and the Prime Minister.
    Government,
    /// Cờ thi đua, Bằng khen and titles of the Ministry of Public Security.
    Ministry,
    /// Of a province's People's Committee.
    Local,
    /// Giấy khen of a unit's head.
    Unit,
    /// A title the register does not know.
    Other,
}

impl HonourLevel {
    pub const ALL: [HonourLevel; 6] = [
        HonourLevel::State,
        HonourLevel::Government,
        HonourLevel::Ministry,
        HonourLevel::Local,
        HonourLevel::Unit,
        HonourLevel::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            HonourLevel::State => "state",
            HonourLevel::Government => "government",
            HonourLevel::Ministry => "ministry",
            HonourLevel::Local => "local",
            HonourLevel::Unit => "unit",
            HonourLevel::Other => "other",
        }
    }
}

/// Whether a unit was proposed for an honour (suy tôn, đề nghị) or received it
/// (tặng, trao, được nhận).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum HonourStatus {
    Proposed,
    Conferred,
}

impl HonourStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            HonourStatus::Proposed => "proposed",
            HonourStatus::Conferred => "conferred",
        }
    }
}

/// One honour of a write-up: a title of the register given or proposed to
/// units, or counted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Honour {
    /// The register's name for the title, or the title as written when the
    /// register does not know it.
    pub title: String,
    /// The title's page folder under `danh-hieu/`.
    pub slug: String,
    pub level: HonourLevel,
    pub status: HonourStatus,
    /// Canonical unit names.
    pub to: Vec<String>,
    pub collectives: Option<u64>,
    pub individuals: Option<u64>,
}

/// The units that take over as Cụm trưởng and Cụm phó at a conference, for the
/// year after the one it reports on.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Handover {
    pub leader: Option<String>,
    pub deputy: Option<String>,
}

impl Handover {
    pub fn is_empty(&self) -> bool {
        self.leader.is_none() && self.deputy.is_none()
    }
}

/// One conference write-up, validated: its front matter's facts resolved
/// (units by their canonical names, honours by the register) and its body.
#[derive(Debug, Clone)]
pub struct WriteUp {
    /// The file, relative to the site root (for messages).
    pub path: PathBuf,
    /// The file, relative to `content/` with '/' separators (for links between write-ups).
    pub rel: String,
    /// The page's folder in the conferences section (`urls::Urls::conference`):
    /// one or more slug segments.
    pub slug: String,
    pub title: String,
    pub date: NaiveDate,
    pub year: i32,
    pub kind: Kind,
    pub cluster: Option<ClusterKey>,
    pub host: Option<String>,
    pub members: Vec<String>,
    pub awards: Awards,
    pub honours: Vec<Honour>,
    /// The unit serving as Cụm trưởng during `year`, as the write-up states.
    pub leader: Option<String>,
    /// The unit serving as Cụm phó during `year`, as the write-up states.
    pub deputy: Option<String>,
    /// The roles handed over at this conference for `year + 1`.
    pub handover: Handover,
    pub source: Option<String>,
    pub author: Option<String>,
    pub tags: Vec<String>,
    pub summary: Option<String>,
    pub draft: bool,
    /// The front matter as written, and the file line it starts on: cross-file
    /// checks use it to point at the line that names a unit.
    pub front_matter: String,
    pub front_matter_line: usize,
    /// The Markdown body.
    pub body: String,
    /// 1-based line of the file where the body starts.
    pub body_line: usize,
    /// The photos and attachments it refers to (resolved when it is loaded).
    pub assets: crate::assets::Assets,
}

impl WriteUp {
    /// The file line whose text holds `needle`, else the line of `key:`.
    pub fn line_of(&self, needle: &str, key: &str) -> Option<usize> {
        let lines = || self.front_matter.lines().enumerate();
        lines()
            .find(|(_, l)| l.contains(needle))
            .or_else(|| lines().find(|(_, l)| l.starts_with(&format!("{key}:"))))
            .map(|(i, _)| i + self.front_matter_line)
    }

    /// `d` pointed at file line `line` of the front matter (at `needle` on it).
    pub fn locate(
        &self,
        d: crate::diagnostics::Diagnostic,
        line: Option<usize>,
        needle: Option<&str>,
    ) -> crate::diagnostics::Diagnostic {
        match line {
            // The front matter starts on `front_matter_line`; point into it directly.
            Some(line) if line >= self.front_matter_line => {
                let mut d = d.at_line(
                    &self.front_matter,
                    line + 1 - self.front_matter_line,
                    needle,
                );
                if let Some(span) = &mut d.span {
                    span.line = line;
                }
                d
            }
            _ => d,
        }
    }

    /// The file line of `needle` within the top-level `key:` (on its line or
    /// the indented lines under it), else the line of `key:`.
    pub fn line_under(&self, key: &str, needle: &str) -> Option<usize> {
        let prefix = format!("{key}:");
        let mut lines = self.front_matter.lines().enumerate();
        let (start, first) = lines.find(|(_, l)| l.starts_with(&prefix))?;
        if first.contains(needle) {
            return Some(start + self.front_matter_line);
        }
        lines
            .take_while(|(_, l)| l.starts_with([' ', '\t', '-']))
            .find(|(_, l)| l.contains(needle))
            .map_or(Some(start), |(i, _)| Some(i))
            .map(|i| i + self.front_matter_line)
    }

    /// Every unit the write-up names, each once, in a stable order.
    pub fn units(&self) -> Vec<&str> {
        let mut all: Vec<&str> = self
            .host
            .iter()
            .chain(self.members.iter())
            .chain(self.leader.iter())
            .chain(self.deputy.iter())
            .chain(self.handover.leader.iter())
            .chain(self.handover.deputy.iter())
            .map(String::as_str)
            .chain(
                self.honours
                    .iter()
                    .flat_map(|h| h.to.iter().map(String::as_str)),
            )
            .collect();
        all.sort_unstable();
        all.dedup();
        all
    }
}
