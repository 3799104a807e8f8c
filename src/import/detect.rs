//! The detectors: each reads the prepared article and either finds one value
//! that every candidate agrees on, or says why it could not.

use super::text::{
    count_before, fold, has_word, truncate, word_positions, years_in, Article, Sentence, Stamp,
};
use super::units::{
    is_department, is_province, parse_unit_list, small_count, strip_prefix, trailing_unit,
    unit_name,
};
use super::Kind;
use crate::messages::{Arg, Msg};
use crate::vi::dates::{find_dates, DayMonth};
use chrono::NaiveDate;

/// What a detector concluded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Outcome<T> {
    /// The value, and the sentence it was read from (its evidence), cut to
    /// about 200 characters.
    Found(T, Option<String>),
    /// Not found or not sure: the reason (a message of the catalog, shown
    /// in the site's language) and the sentence that made it unsure, if
    /// one did.
    Unsure(Msg, Option<String>),
}

impl<T> Outcome<T> {
    pub(crate) fn found(&self) -> Option<&T> {
        match self {
            Outcome::Found(v, _) => Some(v),
            Outcome::Unsure(..) => None,
        }
    }
}

fn quote(s: &Sentence) -> Option<String> {
    Some(truncate(&s.text, 200))
}

/// Keeps a value all candidates agree on; otherwise explains the conflict
/// with the first sentence that disagrees. `what` names the fact, a word of
/// the catalog (`Arg::Key("import-what-…")`).
fn agree<T: PartialEq + Clone + std::fmt::Debug>(
    cands: &[(T, &Sentence)],
    what: Arg,
    show: impl Fn(&T) -> Arg,
) -> Outcome<T> {
    let Some((first, _)) = cands.first() else {
        return Outcome::Unsure(msg!("import-none-found", what = what), None);
    };
    if let Some((other, s)) = cands.iter().find(|(v, _)| v != first) {
        return Outcome::Unsure(
            msg!(
                "import-two-values",
                what = what,
                first = show(first),
                other = show(other)
            ),
            quote(s),
        );
    }
    Outcome::Found(first.clone(), cands.first().and_then(|(_, s)| quote(s)))
}

use crate::vi::kinds::KEYWORDS as KIND_WORDS;

/// Whether the kind's keyword at `p` names something done by others or
/// before ("phong trào … do Bộ Công an phát động", "được phát động"), not
/// the act of the meeting reported.
fn done_by_others(folded: &str, p: usize) -> bool {
    let before = &folded[..p];
    let clause = &before[before.rfind([',', ';', '.', ':', '(']).map_or(0, |i| i + 1)..];
    let near: Vec<&str> = clause.split_whitespace().rev().take(7).collect();
    near.contains(&"do") || near.first().is_some_and(|w| *w == "được")
}

/// The kinds named in a folded sentence with the position of each keyword.
fn kinds_in(folded: &str) -> Vec<(usize, Kind)> {
    let mut out: Vec<(usize, Kind)> = KIND_WORDS
        .iter()
        .flat_map(|(w, k)| word_positions(folded, w).into_iter().map(move |p| (p, *k)))
        .filter(|(p, _)| !done_by_others(folded, *p))
        .collect();
    out.sort_by_key(|(p, _)| *p);
    out
}

/// Whether the keyword `word` at `p` names an act of the meeting rather
/// than a thing ("nội dung giao ước", "chỉ tiêu giao ước đã đề ra") or an
/// act done before ("đã triển khai, phát động thực hiện").
fn is_act(folded: &str, p: usize, word: &str) -> bool {
    let before = folded[..p].trim_end();
    let prev: Vec<&str> = before.split_whitespace().rev().take(3).collect();
    if word == "giao ước" && !matches!(prev.first(), Some(&"ký") | Some(&"kí") | Some(&"kết"))
    {
        return false;
    }
    if ["nội dung", "chỉ tiêu", "tiêu chí", "theo", "bản"]
        .iter()
        .any(|w| before.ends_with(&format!(" {w}")) || before == *w)
    {
        return false;
    }
    // "đã triển khai, phát động thực hiện": done before, however punctuated
    let sentence_start = before.rfind(['.', ';']).map_or(0, |i| i + 1);
    let near: Vec<&str> = folded[sentence_start..p]
        .split_whitespace()
        .rev()
        .take(4)
        .map(|w| w.trim_matches([',', ':']))
        .collect();
    !near.contains(&"đã")
}

/// The kinds a folded sentence names as acts (see [`is_act`]).
fn acts_in(folded: &str) -> Vec<(usize, Kind)> {
    let mut out: Vec<(usize, Kind)> = KIND_WORDS
        .iter()
        .flat_map(|(w, k)| {
            word_positions(folded, w)
                .into_iter()
                .filter(move |p| is_act(folded, *p, w))
                .map(move |p| (p, *k))
        })
        .filter(|(p, _)| !done_by_others(folded, *p))
        .collect();
    out.sort_by_key(|(p, _)| *p);
    out
}

/// Events that are none of the four kinds: a sports meet, a report to
/// the memorial, an inspection, a house given, an honour roll.
const OTHER_EVENTS: [&str; 14] = [
    "hội thao",
    "hội thi",
    "hội diễn",
    "báo công",
    "đoàn kiểm tra",
    "kiểm tra chéo",
    "trao nhà",
    "bàn giao nhà",
    "khánh thành",
    "giao lưu",
    "tọa đàm",
    "toạ đàm",
    "hội thảo",
    "điển hình tiên tiến",
];

/// The first event of another kind named in a folded sentence.
fn other_event_in(folded: &str) -> Option<usize> {
    OTHER_EVENTS
        .iter()
        .filter_map(|w| word_positions(folded, w).first().copied())
        .min()
}

/// The conference's kind when a sentence names several: a conference that
/// sums up one year and launches the next is a summary.
fn main_kind(kinds: &[(usize, Kind)]) -> Option<(usize, Kind)> {
    [Kind::Summary, Kind::Review, Kind::Pledge, Kind::Launch]
        .iter()
        .find_map(|want| kinds.iter().find(|(_, k)| k == want).copied())
}

fn is_conference(folded: &str) -> bool {
    folded.contains("hội nghị") || !kinds_in(folded).is_empty() || other_event_in(folded).is_some()
}

/// Sentences that date the conference itself ("Sáng 25/11, … tổ chức Hội
/// nghị …"), with their dates.
pub(crate) fn dated_conference_sentences(art: &Article) -> Vec<(&Sentence, Vec<DayMonth>)> {
    art.sentences
        .iter()
        .filter(|s| is_conference(&s.folded))
        .filter_map(|s| {
            let dates: Vec<DayMonth> = find_dates(&s.folded).into_iter().map(|d| d.1).collect();
            (!dates.is_empty()).then_some((s, dates))
        })
        .collect()
}

/// The sentence that reports the conference: the first dated conference
/// sentence, else the first one that says a conference was held.
pub(crate) fn conference_sentence(art: &Article) -> Option<&Sentence> {
    dated_conference_sentences(art)
        .first()
        .map(|(s, _)| *s)
        .or_else(|| {
            art.sentences
                .iter()
                .find(|s| s.folded.contains("hội nghị") && !kinds_in(&s.folded).is_empty())
        })
}

// ---------------------------------------------------------------- cluster

pub(crate) fn cluster_number(tok: &str) -> Option<u32> {
    crate::vi::cluster::number(tok)
}

/// The clusters named as "Cụm thi đua số N" in a sentence, where N may be
/// Arabic or Roman. "số 11 và 12" names two.
pub(crate) fn clusters_in(s: &Sentence) -> Vec<Vec<u32>> {
    let mut out = Vec::new();
    for p in word_positions(&s.folded, "cụm thi đua số") {
        let rest = &s.text[p + "cụm thi đua số".len()..];
        let mut nums = Vec::new();
        let mut words = rest.split_whitespace();
        while let Some(w) = words.next() {
            let core = w.trim_end_matches([',', '.', ';', ':', ')', '(']);
            let Some(n) = cluster_number(core) else {
                break;
            };
            nums.push(n);
            if core.len() != w.len() && !w.ends_with(',') {
                break;
            }
            // "số 11 và 12", "số 11, 12"
            let mut peek = words.clone();
            match peek.next() {
                Some("và") | Some("-") => {
                    words.next();
                }
                _ if w.ends_with(',') => {}
                _ => break,
            }
        }
        if !nums.is_empty() {
            out.push(nums);
        }
    }
    out
}

/// Words after "Cụm thi đua số N" that make the cluster one of a province's
/// own (its districts' or communes' police), not a cluster of the Ministry:
/// "Cụm thi đua số 8 – Công an Thành phố Hà Nội", "Cụm thi đua số 6 Công an
/// TP Hà Nội", "Cụm thi đua số 3, Công an tỉnh …".
const INTERNAL_OWNERS: &[&str] = &[
    "công an thành phố",
    "công an tp",
    "công an tỉnh",
    "catp",
    "catphn",
    "cat ",
];

/// Police below a province: a cluster whose members are these is a
/// province's own.
const LOCAL_POLICE: &[&str] = &["quận", "huyện", "thị xã", "xã", "phường", "thị trấn"];

/// The sentence that shows the article's cluster to be one of a province's
/// own clusters, if one does.
pub(crate) fn internal_cluster(art: &Article) -> Option<&Sentence> {
    art.headline.iter().chain(&art.sentences).find(|s| {
        let f = &s.folded;
        word_positions(f, "cụm thi đua số").into_iter().any(|p| {
            let rest = &f[p + "cụm thi đua số".len()..];
            let rest = rest.trim_start();
            let num = rest
                .find(|c: char| c.is_whitespace() || matches!(c, ',' | '-' | '–'))
                .unwrap_or(rest.len());
            let after = rest[num..].trim_start_matches([' ', ',', '-', '–']);
            if INTERNAL_OWNERS.iter().any(|o| after.starts_with(o)) {
                return true;
            }
            // "Cụm thi đua số 2, gồm 10 đơn vị thuộc khối … của CATPHN"
            let clause = &after[..after.find(['.', ';']).unwrap_or(after.len())];
            let owned = ["của", "thuộc"].iter().any(|w| {
                word_positions(clause, w).into_iter().any(|q| {
                    let o = clause[q + w.len()..].trim_start();
                    INTERNAL_OWNERS.iter().any(|x| o.starts_with(x))
                })
            });
            let local = ["gồm công an", "gồm các đơn vị công an"].iter().any(|g| {
                clause.starts_with(g) && {
                    let o = clause[g.len()..].trim_start();
                    let o = o
                        .trim_start_matches(|c: char| c.is_ascii_digit())
                        .trim_start();
                    let o = o.strip_prefix("các ").unwrap_or(o);
                    LOCAL_POLICE
                        .iter()
                        .any(|l| o.starts_with(l) && o[l.len()..].starts_with([' ', ':', ',']))
                }
            });
            owned || local
        })
    })
}

pub(crate) fn detect_cluster(art: &Article, conf: Option<&Sentence>) -> Outcome<u32> {
    if let Some(s) = internal_cluster(art) {
        return Outcome::Unsure(msg!("import-cluster-internal"), quote(s));
    }
    let single = |s: &Sentence| -> Result<Option<u32>, Msg> {
        let found = clusters_in(s);
        let mut all: Vec<u32> = found.iter().flatten().copied().collect();
        all.dedup();
        match (found.iter().any(|n| n.len() > 1), all.as_slice()) {
            (true, _) => Err(msg!("import-cluster-joint")),
            (false, []) => Ok(None),
            (false, [n]) => Ok(Some(*n)),
            (false, _) => Err(msg!("import-cluster-several")),
        }
    };
    let head = art.headline.as_ref().map(|h| (h, single(h)));
    let conf_found = conf.map(|s| (s, single(s)));
    for (s, r) in head.iter().chain(conf_found.iter()) {
        if let Err(why) = r {
            return Outcome::Unsure(why.clone(), quote(s));
        }
    }
    let h = head.as_ref().and_then(|(_, r)| r.clone().ok().flatten());
    let c = conf_found
        .as_ref()
        .and_then(|(_, r)| r.clone().ok().flatten());
    match (h, c) {
        (Some(h), Some(c)) if h != c => Outcome::Unsure(
            msg!(
                "import-cluster-headline-differs",
                headline = h,
                conference = c
            ),
            conf.and_then(quote),
        ),
        (Some(n), _) => Outcome::Found(n, art.headline.as_ref().and_then(quote)),
        (None, Some(n)) => Outcome::Found(n, conf.and_then(quote)),
        (None, None) => {
            let mut cands: Vec<(u32, &Sentence)> = Vec::new();
            for s in &art.sentences {
                for nums in clusters_in(s) {
                    if nums.len() > 1 {
                        return Outcome::Unsure(msg!("import-cluster-joint"), quote(s));
                    }
                    cands.extend(nums.into_iter().map(|n| (n, s)));
                }
            }
            agree(&cands, Arg::Key("import-what-cluster"), |n| Arg::from(*n))
        }
    }
}

/// The bloc a cluster of ministry units belongs to, written right after
/// its number: "Cụm thi đua số 2 – Khối các đơn vị trực thuộc Bộ trưởng".
pub(crate) fn detect_bloc(art: &Article) -> Outcome<String> {
    let mut cands: Vec<(String, &Sentence)> = Vec::new();
    for s in art.headline.iter().chain(&art.sentences) {
        let f = &s.folded;
        for p in word_positions(f, "cụm thi đua số") {
            let rest = f[p + "cụm thi đua số".len()..].trim_start();
            let num = rest
                .find(|c: char| c.is_whitespace() || matches!(c, ',' | '-' | '–'))
                .unwrap_or(rest.len());
            let after = rest[num..].trim_start_matches([' ', ',', '-', '–']);
            let Some(tail) = after.strip_prefix("khối ") else {
                continue;
            };
            if !tail.starts_with("các ") && !tail.starts_with(char::is_alphabetic) {
                continue;
            }
            // the same place in the original text
            let at = s.text.len() - after.len();
            let phrase = &s.text[at..];
            let fp = &f[at..];
            let mut end = fp
                .find([',', '.', ';', ':', '(', ')', '"', '“'])
                .unwrap_or(fp.len());
            for w in BLOC_ENDS {
                if let Some(i) = word_positions(fp, w).first() {
                    end = end.min(*i);
                }
            }
            let name = super::text::clean_value(&phrase[..end]);
            if name.split_whitespace().count() >= 2 {
                cands.push((name, s));
            }
        }
    }
    agree(&cands, Arg::Key("import-what-bloc"), |b| Arg::from(b))
}

/// Words that end a bloc's name: the sentence goes on with what was done.
const BLOC_ENDS: [&str; 14] = [
    "tổ chức",
    "sẽ",
    "đã",
    "vừa",
    "gồm",
    "ký",
    "kí",
    "đang",
    "tiến hành",
    "long trọng",
    "phát động",
    "tổng kết",
    "sơ kết",
    "năm",
];

// ------------------------------------------------------------ kind, year

/// A sentence that names the conference's kind: the sentence, the kinds it
/// names with their positions, and the main one with its position.
type Chosen<'a> = (&'a Sentence, Vec<(usize, Kind)>, usize, Kind);

/// The conference's kind and the emulation year it reports on.
pub(crate) fn detect_kind_year(
    art: &Article,
    conf: Option<&Sentence>,
) -> (Outcome<Kind>, Outcome<i32>) {
    let mut sources: Vec<&Sentence> = Vec::new();
    sources.extend(dated_conference_sentences(art).into_iter().map(|(s, _)| s));
    sources.extend(conf);
    sources.extend(art.headline.as_ref());
    let chosen = sources.iter().find_map(|s| {
        let kinds = kinds_in(&s.folded);
        main_kind(&kinds).map(|(pos, k)| (*s, kinds, pos, k))
    });
    // a meeting of another kind, named where the conference is reported
    let other = chosen.is_none() && sources.iter().any(|s| other_event_in(&s.folded).is_some());
    // else the one kind that the sentences about the cluster's own acts agree on
    let about_meeting =
        |s: &&Sentence| has_word(&s.folded, "cụm") || has_word(&s.folded, "hội nghị");
    let acts: Vec<Chosen> = art
        .sentences
        .iter()
        .filter(about_meeting)
        .filter_map(|s| {
            let kinds = acts_in(&s.folded);
            main_kind(&kinds).map(|(pos, k)| (s, kinds, pos, k))
        })
        .collect();
    let chosen = chosen.or_else(|| {
        if other {
            return None;
        }
        let first = acts.first()?;
        acts.iter().all(|a| a.3 == first.3).then(|| first.clone())
    });
    let other_evidence = if other {
        sources
            .iter()
            .copied()
            .find(|s| other_event_in(&s.folded).is_some())
    } else if chosen.is_none() && acts.is_empty() {
        art.headline
            .iter()
            .chain(&art.sentences)
            .filter(about_meeting)
            .find(|s| other_event_in(&s.folded).is_some() && kinds_in(&s.folded).is_empty())
    } else {
        None
    };
    let other = other_evidence.is_some();
    let kind = match chosen {
        Some((s, _, _, k)) => Outcome::Found(k, quote(s)),
        None if other => Outcome::Found(Kind::Other, other_evidence.and_then(quote)),
        None => Outcome::Unsure(msg!("import-kind-none"), conf.and_then(quote)),
    };

    // the year written right after the kind's keyword, before any other kind
    let mut year: Option<(i32, &Sentence)> = None;
    if let Some((s, kinds, pos, k)) = &chosen {
        // "ký kết giao ước … năm 2021": the same kind's words go on
        let next_kind = kinds
            .iter()
            .filter(|(_, other)| other != k)
            .map(|(p, _)| *p)
            .find(|p| p > pos);
        year = years_in(&s.folded)
            .into_iter()
            .find(|(p, _)| p > pos && next_kind.is_none_or(|n| *p < n))
            .map(|(_, y)| (y, *s));
    }
    // a kind read from the cluster's acts: the first of them to give a year
    if year.is_none()
        && chosen
            .as_ref()
            .is_some_and(|c| acts.iter().any(|a| std::ptr::eq(a.0, c.0)))
    {
        let kind = chosen.as_ref().map(|c| c.3);
        year = acts
            .iter()
            .filter(|a| Some(a.3) == kind)
            .find_map(|(s, kinds, pos, k)| {
                let next_kind = kinds
                    .iter()
                    .filter(|(_, other)| other != k)
                    .map(|(p, _)| *p)
                    .find(|p| p > pos);
                years_in(&s.folded)
                    .into_iter()
                    .find(|(p, _)| p > pos && next_kind.is_none_or(|n| *p < n))
                    .map(|(_, y)| (y, *s))
            });
    }
    if year.is_none() {
        if let Some(h) = &art.headline {
            let ys: Vec<i32> = years_in(&h.folded).into_iter().map(|(_, y)| y).collect();
            if let [y] = ys.as_slice() {
                year = Some((*y, h));
            }
        }
    }
    let year = match year {
        Some((y, s)) => Outcome::Found(y, quote(s)),
        None => {
            let cands: Vec<(i32, &Sentence)> = art
                .sentences
                .iter()
                .flat_map(|s| years_in(&s.folded).into_iter().map(move |(_, y)| (y, s)))
                .collect();
            match agree(&cands, Arg::Key("import-what-year"), |y| Arg::from(*y)) {
                Outcome::Unsure(why, s) if !cands.is_empty() => {
                    Outcome::Unsure(msg!("import-year-not-after-kind", why = why), s)
                }
                other => other,
            }
        }
    };
    (kind, year)
}

// ------------------------------------------------------------------ date

/// Whether a conference of `kind` held in `month` is held in the year it
/// reports on (a summary late in the year, a pledge or launch early on, a
/// review mid-year).
fn held_in_reported_year(kind: Kind, month: u32) -> bool {
    match kind {
        Kind::Summary => month >= 9,
        Kind::Pledge | Kind::Launch => month <= 6,
        Kind::Review => (4..=9).contains(&month),
        Kind::Other => false,
    }
}

pub(crate) fn detect_date(
    art: &Article,
    kind: Option<Kind>,
    year: Option<i32>,
    opt_year: Option<i32>,
) -> Outcome<(NaiveDate, bool)> {
    let dated = dated_conference_sentences(art);
    let mut cands: Vec<((u32, u32), &Sentence)> = Vec::new();
    let mut explicit: Vec<(i32, &Sentence)> = Vec::new();
    for (s, dates) in &dated {
        for d in dates {
            cands.push(((d.day, d.month), *s));
            if let Some(y) = d.year {
                explicit.push((y, *s));
            }
        }
    }
    if cands.is_empty() {
        let why = if art.stamps.is_empty() {
            msg!("import-date-none")
        } else {
            msg!("import-date-only-published")
        };
        return Outcome::Unsure(why, None);
    }
    let day_month = |(d, m): &(u32, u32)| Arg::from(format!("{d}/{m}"));
    let (day, month) = match agree(&cands, Arg::Key("import-what-day"), day_month) {
        Outcome::Found(dm, _) => dm,
        Outcome::Unsure(why, s) => return Outcome::Unsure(why, s),
    };
    let first = cands[0].1;
    let mk_from = |y: i32, from_option: bool| -> Outcome<(NaiveDate, bool)> {
        match NaiveDate::from_ymd_opt(y, month, day) {
            Some(d) => Outcome::Found((d, from_option), quote(first)),
            None => Outcome::Unsure(
                msg!(
                    "import-date-not-on-calendar",
                    date = format!("{day}/{month}/{y}")
                ),
                quote(first),
            ),
        }
    };
    let mk = |y: i32| mk_from(y, false);
    if !explicit.is_empty() {
        return match agree(&explicit, Arg::Key("import-what-conference-year"), |y| {
            Arg::from(*y)
        }) {
            Outcome::Found(y, _) => mk(y),
            Outcome::Unsure(why, s) => Outcome::Unsure(why, s),
        };
    }
    // the article's publication stamp: the conference is on or before it
    let stamp_years: Vec<i32> = art
        .stamps
        .iter()
        .map(|st: &Stamp| {
            let on_or_before = (month, day) <= (st.month, st.day.unwrap_or(31));
            if on_or_before {
                st.year
            } else {
                st.year - 1
            }
        })
        .collect();
    if let Some(y) = stamp_years.first() {
        if stamp_years.iter().all(|x| x == y) {
            return mk(*y);
        }
        return Outcome::Unsure(msg!("import-date-stamps-differ"), None);
    }
    if let Some(y) = opt_year {
        return mk_from(y, true);
    }
    match (kind, year) {
        (Some(k), Some(y)) if held_in_reported_year(k, month) => mk(y),
        (_, Some(y)) => Outcome::Unsure(
            msg!(
                "import-date-no-year-reported",
                day = format!("{day}/{month}"),
                year = y
            ),
            quote(first),
        ),
        _ => Outcome::Unsure(
            msg!("import-date-no-year", day = format!("{day}/{month}")),
            quote(first),
        ),
    }
}

// ------------------------------------------------------------------ host

pub(crate) fn detect_host(conf: Option<&Sentence>) -> Outcome<String> {
    let Some(s) = conf else {
        return Outcome::Unsure(msg!("import-host-no-sentence"), None);
    };
    for p in word_positions(&s.folded, "tại") {
        let rest = &s.text[p + "tại".len()..];
        let mut end = rest.find([',', '(', ';', '.', ':']).unwrap_or(rest.len());
        // the place ends where the sentence says what happened there
        let frest = fold(rest);
        for verb in ["đã", "diễn ra", "tổ chức", "long trọng", "khai mạc"] {
            if let Some(i) = word_positions(&frest, verb).first() {
                end = end.min(*i);
            }
        }
        let phrase = rest[..end].trim();
        let fphrase = fold(phrase);
        if fphrase.starts_with("hội nghị") || fphrase.is_empty() {
            continue;
        }
        // "tại Hội trường Công an tỉnh Hà Tĩnh": the unit named inside
        let inside = [
            "công an tỉnh ",
            "công an thành phố ",
            "công an quận ",
            "công an huyện ",
            "công an thị xã ",
            "tỉnh ",
            "thành phố ",
        ]
        .iter()
        .filter_map(|m| word_positions(&fphrase, m.trim_end()).first().copied())
        .filter(|i| *i > 0)
        .min();
        if let Some(i) = inside {
            if let Some((name, _)) = unit_name(&phrase[i..], false) {
                return Outcome::Found(name, quote(s));
            }
        }
        let (bare, prefixed) = strip_prefix(phrase);
        if let Some((name, _)) = unit_name(bare, prefixed) {
            if prefixed || is_province(&name) {
                return Outcome::Found(name, quote(s));
            }
            return Outcome::Unsure(msg!("import-host-not-province", place = name), quote(s));
        }
    }
    if let Some(name) = organiser(s) {
        return Outcome::Found(name, quote(s));
    }
    Outcome::Unsure(msg!("import-host-not-said"), quote(s))
}

/// The police unit that organises the conference as the subject of its
/// sentence: "Ngày 07/01/2022, Công an tỉnh A tổ chức …", "Công an quận B -
/// đơn vị Cụm trưởng … đã long trọng tổ chức Hội nghị".
fn organiser(s: &Sentence) -> Option<String> {
    let f = &s.folded;
    let p = word_positions(f, "tổ chức").into_iter().next()?;
    let clause_start = f[..p].rfind([',', ';', ':']).map_or(0, |i| i + 1);
    let clause = s.text[clause_start..p].trim();
    let (_, prefixed) = strip_prefix(clause);
    if !prefixed || !fold(clause).starts_with("công an ") {
        return None;
    }
    let (name, whole) = unit_name(clause, false)?;
    // the unit is the whole subject, or is followed by its role
    let rest = fold(clause[clause.len().min(clause.find(&name)? + name.len())..].trim());
    let rest = rest.trim_start_matches(['-', '–', ' ']);
    let subject = whole
        || [
            "đã",
            "vừa",
            "long trọng",
            "đơn vị cụm",
            "(",
            "đã long trọng",
        ]
        .iter()
        .any(|w| rest.starts_with(w));
    subject.then_some(name)
}

// --------------------------------------------------------------- members

fn member_candidates(s: &Sentence) -> Vec<Result<Vec<String>, Msg>> {
    let f = &s.folded;
    let mut out = Vec::new();
    // "… gồm các tỉnh: A, B", "… gồm: A, B", "Công an 7 tỉnh phía Bắc gồm: A, B"
    for p in word_positions(f, "gồm") {
        let clause_start = f[..p].rfind([';', '.']).map_or(0, |i| i + 1);
        let before = &f[clause_start..p];
        let trusted = before.contains("tỉnh") || before.contains("công an");
        let announced = [" tỉnh", " thành phố", " đơn vị"]
            .iter()
            .filter_map(|w| before.rfind(w))
            .max()
            .and_then(|i| {
                let head = before[..i].trim_end();
                let w = head.rfind(' ').map_or(0, |j| j + 1);
                small_count(&format!("{} ", &head[w..])).map(|(n, _)| n)
            });
        let list = parse_unit_list(&s.text[p + "gồm".len()..], trusted);
        if list.broken {
            out.push(Err(msg!(
                "import-members-not-read",
                units = list.names.join(", ")
            )));
            continue;
        }
        if list.names.is_empty() {
            continue;
        }
        let count = list.count.or(announced);
        out.push(check_count(list.names, count));
    }
    // "… thuộc công an 6 tỉnh: A, B và C" (not "tặng … cho Công an 3 tỉnh: …")
    for p in word_positions(f, "công an") {
        let rest = f[p + "công an".len()..].trim_start();
        let Some((_, len)) = small_count(rest) else {
            continue;
        };
        let after = &rest[len..];
        if ![" tỉnh:", " tỉnh, thành phố:", " thành phố:"]
            .iter()
            .any(|w| after.starts_with(w))
        {
            continue;
        }
        let clause_start = f[..p].rfind([';', '.']).map_or(0, |i| i + 1);
        let before = &f[clause_start..p];
        if has_word(before, "cho") || has_word(before, "tặng") || has_word(before, "gồm") {
            continue;
        }
        let list = parse_unit_list(&s.text[p..], true);
        if list.broken {
            out.push(Err(msg!(
                "import-members-not-read",
                units = list.names.join(", ")
            )));
            continue;
        }
        if list.names.is_empty() {
            continue;
        }
        out.push(check_count(list.names, list.count));
    }
    // "Công an tỉnh A cùng Công an các tỉnh B, C và D trong Cụm thi đua …"
    for p in word_positions(f, "cùng công an các") {
        let Some(first) = unit_ending(&s.text[..p], false) else {
            continue;
        };
        let list = parse_unit_list(&s.text[p + "cùng ".len()..], true);
        let rest_mentions_cluster = has_word(&f[p..], "cụm");
        if list.broken || list.names.is_empty() || !rest_mentions_cluster {
            continue;
        }
        let mut names = vec![first];
        names.extend(list.names);
        out.push(Ok(names));
    }
    out
}

fn check_count(names: Vec<String>, count: Option<usize>) -> Result<Vec<String>, Msg> {
    match count {
        Some(n) if n != names.len() => Err(msg!(
            "import-members-count",
            announced = Arg::Count(n as u64),
            listed = Arg::Count(names.len() as u64),
            units = names.join(", ")
        )),
        _ => Ok(names),
    }
}

pub(crate) fn detect_members(art: &Article) -> Outcome<Vec<String>> {
    let mut cands: Vec<(Vec<String>, &Sentence)> = Vec::new();
    for s in &art.sentences {
        for c in member_candidates(s) {
            match c {
                Ok(names) => cands.push((names, s)),
                Err(why) => return Outcome::Unsure(why, quote(s)),
            }
        }
    }
    // two lists in another order still agree: keep the first order
    let sorted = |v: &Vec<String>| {
        let mut v = v.clone();
        v.sort();
        v
    };
    let keyed: Vec<(Vec<String>, &Sentence)> = cands.iter().map(|(v, s)| (sorted(v), *s)).collect();
    match agree(&keyed, Arg::Key("import-what-members"), |v| {
        Arg::from(v.join(", "))
    }) {
        Outcome::Found(_, evidence) => Outcome::Found(cands[0].0.clone(), evidence),
        Outcome::Unsure(why, s) => Outcome::Unsure(why, s),
    }
}

// ---------------------------------------------------------------- awards

/// Words before a count that make it approximate: no fact.
const APPROXIMATE: [&str; 7] = ["gần", "hơn", "khoảng", "trên", "xấp xỉ", "gần như", "hàng"];

/// The count written right before `pos` of the sentence, unless it is
/// approximate ("gần 6.500 lượt").
fn exact_count_before(s: &Sentence, pos: usize) -> Option<u64> {
    let n = count_before(&s.text, pos)?;
    let head = s.folded[..pos].trim_end();
    let before_number = head[..head.rfind(' ').map_or(0, |i| i + 1)].trim_end();
    let approximate = APPROXIMATE
        .iter()
        .any(|w| before_number == *w || before_number.ends_with(&format!(" {w}")));
    (!approximate).then_some(n)
}

/// "2.847 lượt tập thể và 9.341 lượt cá nhân … được khen thưởng", "1.970
/// lượt tập thể và 7.126 cá nhân". A count of collectives and individuals
/// together ("3.524 lượt tập thể, cá nhân") is neither.
pub(crate) fn detect_awards(art: &Article) -> (Outcome<u64>, Outcome<u64>) {
    let mut coll: Vec<(u64, &Sentence)> = Vec::new();
    let mut indiv: Vec<(u64, &Sentence)> = Vec::new();
    for s in &art.sentences {
        let f = &s.folded;
        for p in word_positions(f, "lượt tập thể") {
            let after = &f[p + "lượt tập thể".len()..];
            if after.starts_with(", cá nhân") || after.starts_with(" và cá nhân") {
                continue;
            }
            if let Some(n) = exact_count_before(s, p) {
                coll.push((n, s));
            }
            // "… và 7.126 cá nhân": "lượt" said once for both
            if let Some(rest) = after.strip_prefix(" và ") {
                let at = f.len() - rest.len();
                let digits = rest.find(' ').unwrap_or(rest.len());
                if rest[digits..].starts_with(" cá nhân") {
                    if let Some(n) = exact_count_before(s, at + digits + 1) {
                        indiv.push((n, s));
                    }
                }
            }
        }
        for p in word_positions(f, "lượt cá nhân") {
            if let Some(n) = exact_count_before(s, p) {
                indiv.push((n, s));
            }
        }
    }
    let show = |n: &u64| Arg::Count(*n);
    (
        agree(&coll, Arg::Key("import-what-collectives"), show),
        agree(&indiv, Arg::Key("import-what-individuals"), show),
    )
}

// ------------------------------------------------------ leader, deputy

use crate::vi::roles::{role_in, Role};

/// What a sentence says about a role: who serves during the year reported
/// on, or who takes over for the next one.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Claim {
    Holder(Role, String),
    Next(Role, String),
}

/// When a role named in a sentence applies, from the words right after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum When {
    /// No year.
    Unsaid,
    /// The year reported on.
    ThisYear,
    /// "năm sau", "năm tới" or the year after the one reported on.
    NextYear,
    /// Another year.
    Other(i32),
}

/// The year qualifier in the folded text following a role, up to the next
/// punctuation: "Cụm trưởng năm 2024", "Cụm trưởng năm sau".
fn when_after(folded_after: &str, year: Option<i32>) -> When {
    let end = folded_after
        .find([',', ';', '.', ':', '(', ')'])
        .unwrap_or(folded_after.len());
    let part = &folded_after[..end];
    if ["năm sau", "năm tới", "năm tiếp theo"]
        .iter()
        .any(|w| has_word(part, w))
    {
        return When::NextYear;
    }
    match (years_in(part).first().map(|(_, y)| *y), year) {
        (Some(y), Some(r)) if y == r + 1 => When::NextYear,
        (Some(y), Some(r)) if y == r => When::ThisYear,
        (Some(y), _) => When::Other(y),
        (None, _) => When::Unsaid,
    }
}

/// The length of a year phrase at the start of the folded `text`: " năm
/// 2024", " năm sau", " năm tới"; 0 when there is none.
fn year_phrase_len(text: &str) -> usize {
    let Some(rest) = text.strip_prefix(" năm ") else {
        return 0;
    };
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    let word = if digits == 4 {
        digits
    } else {
        ["sau", "tới", "tiếp theo"]
            .iter()
            .find(|w| {
                rest.strip_prefix(**w)
                    .is_some_and(|r| !r.starts_with(char::is_alphanumeric))
            })
            .map_or(0, |w| w.len())
    };
    if word == 0 {
        0
    } else {
        " năm ".len() + word
    }
}

/// One piece of a role phrase: a role or a unit, in the order written.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Role(Role),
    Unit(String),
}

/// A unit named at the start of `piece`, as a police unit or a province.
fn unit_at(piece: &str) -> Option<String> {
    let (_, prefixed) = strip_prefix(piece.trim());
    if let Some(n) = unit_name(piece, false)
        .map(|(name, _)| name)
        .filter(|n| prefixed || is_province(n))
    {
        return Some(n);
    }
    // "lãnh đạo Công an tỉnh A", "Đoàn Thanh niên Công an A": the police
    // unit that ends the piece
    let fp = fold(piece);
    let at = word_positions(&fp, "công an").last().copied()?;
    unit_name(&piece[at..], false)
        .filter(|(_, whole)| *whole)
        .map(|(name, _)| name)
        .filter(|n| is_province(n) || strip_prefix(&piece[at..]).1)
}

/// The roles and units of `text` in order. `units_after_cho`: units before
/// the first "cho" are the giver's, not recipients.
fn role_tokens(text: &str, units_after_cho: bool) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut seen_cho = !units_after_cho;
    for chunk in text.split([',', ';', ':']) {
        for item in chunk.split(" và ") {
            let fi = fold(item);
            // split at "cho", "là" and "làm", keeping the order
            let mut cuts: Vec<(usize, usize, bool)> = ["cho", "là", "làm"]
                .iter()
                .flat_map(|w| {
                    word_positions(&fi, w)
                        .into_iter()
                        .map(move |p| (p, p + w.len(), *w == "cho"))
                })
                .collect();
            cuts.sort_unstable();
            let mut from = 0;
            let mut pieces: Vec<(&str, bool)> = Vec::new();
            for (a, b, is_cho) in cuts {
                if a < from {
                    continue;
                }
                pieces.push((&item[from..a], false));
                pieces.push(("", is_cho));
                from = b;
            }
            pieces.push((&item[from..], false));
            for (piece, is_cho) in pieces {
                if is_cho {
                    seen_cho = true;
                    continue;
                }
                if piece.trim().is_empty() {
                    continue;
                }
                let role = role_in(&fold(piece));
                let unit = unit_at(piece).filter(|_| seen_cho);
                if let Some(u) = unit {
                    out.push(Tok::Unit(u));
                }
                if let Some(r) = role {
                    out.push(Tok::Role(r));
                }
            }
        }
    }
    out
}

/// Roles paired with their units, or why they could not be.
type Paired = Result<Vec<(Role, String)>, Msg>;

/// Pairs roles with units: "Cụm trưởng, Cụm phó … cho A, B" (roles then
/// units), "A là Cụm trưởng, B Cụm phó" (units then roles, or alternating),
/// "Cụm trưởng … cho A, Cụm phó … cho B" (alternating).
fn pair_roles(toks: &[Tok]) -> Paired {
    let roles: Vec<Role> = toks
        .iter()
        .filter_map(|t| match t {
            Tok::Role(r) => Some(*r),
            Tok::Unit(_) => None,
        })
        .collect();
    let units: Vec<String> = toks
        .iter()
        .filter_map(|t| match t {
            Tok::Unit(u) => Some(u.clone()),
            Tok::Role(_) => None,
        })
        .collect();
    if roles.len() != units.len() || roles.is_empty() {
        return Err(msg!(
            "import-roles-unpaired-count",
            roles = Arg::Count(roles.len() as u64),
            units = Arg::Count(units.len() as u64)
        ));
    }
    if [Role::Leader, Role::Deputy]
        .iter()
        .any(|want| roles.iter().filter(|r| *r == want).count() > 1)
    {
        return Err(msg!("import-roles-twice"));
    }
    let n = roles.len();
    let is_role = |t: &Tok| matches!(t, Tok::Role(_));
    let blocks = toks[..n].iter().all(is_role) || toks[..n].iter().all(|t| !is_role(t));
    let alternating = toks.windows(2).all(|w| is_role(&w[0]) != is_role(&w[1]));
    if blocks || alternating {
        Ok(roles.into_iter().zip(units).collect())
    } else {
        Err(msg!("import-roles-unpaired"))
    }
}

/// The verbs of a transfer of roles ("bàn giao … Cụm trưởng … cho A").
const TRANSFER_VERBS: [&str; 5] = ["bàn giao", "chuyển giao", "trao quyền", "trao", "giao"];

/// Adverbs between a transfer's giver and its verb.
const GIVER_ADVERBS: [&str; 6] = ["cũng", "đã", "sẽ", "chính thức", "đồng thời", "tiến hành"];

/// The police unit that ends `text` ("lãnh đạo Công an tỉnh A đã"): the
/// unit that hands a role over.
fn giver_before(text: &str) -> Option<String> {
    let mut t = text.trim_end();
    loop {
        let ft = fold(t);
        let Some(w) = GIVER_ADVERBS.iter().find(|w| {
            ft.strip_suffix(**w)
                .is_some_and(|r| r.is_empty() || r.ends_with(' '))
        }) else {
            break;
        };
        t = t[..t.len() - w.len()].trim_end();
    }
    let ft = fold(t);
    let p = ft.rfind("công an ")?;
    let (name, whole) = unit_name(&t[p..], false)?;
    let (_, prefixed) = strip_prefix(&t[p..]);
    (whole && prefixed).then_some(name)
}

/// A sentence that transfers roles: the roles with their new units, and the
/// unit that hands them over when the sentence names one.
struct Transfer {
    pairs: Paired,
    giver: Option<String>,
    /// The text after the verb, folded (for a year qualifier).
    after: String,
}

/// "Công an tỉnh A bàn giao … Cụm trưởng … cho Công an tỉnh B, Phó Cụm
/// trưởng … cho Công an tỉnh C", "trao quyền Cụm trưởng, Cụm phó … cho B, C",
/// "giao Cụm trưởng … cho B".
fn transfer(s: &Sentence) -> Option<Transfer> {
    let f = &s.folded;
    let (start, end) = TRANSFER_VERBS
        .iter()
        .flat_map(|v| {
            word_positions(f, v)
                .into_iter()
                .map(move |p| (p, p + v.len()))
        })
        .filter(|(_, e)| {
            let rest = &f[*e..];
            !rest.starts_with(" ước") && !rest.starts_with(" đổi") && !rest.starts_with(" tặng")
        })
        .filter(|(_, e)| {
            let rest = &f[*e..];
            match (rest.find("cụm"), rest.find(" cho ")) {
                (Some(r), Some(c)) => r < c && role_in(&rest[..c]).is_some(),
                _ => false,
            }
        })
        .min()?;
    let rest = s.text[end..].trim_end_matches(['.', '/', ' ']);
    let clause_start = f[..start].rfind([',', ';', ':']).map_or(0, |i| i + 1);
    Some(Transfer {
        pairs: pair_roles(&role_tokens(rest, true)),
        giver: giver_before(&s.text[clause_start..start]),
        after: f[end..].to_string(),
    })
}

/// "bầu Cụm trưởng năm sau là Công an tỉnh A", "bầu Công an tỉnh A làm Cụm
/// trưởng" (an election), or "Bộ Công an phân công Công an tỉnh A là đơn vị
/// Cụm trưởng, Công an tỉnh B Cụm phó" (an assignment).
fn named_roles(s: &Sentence, verb: &str) -> Option<(Paired, String)> {
    let f = &s.folded;
    // the role, or the unit taking it, right after the verb
    let starts_right = |rest: &str| {
        let rest = rest.trim_start();
        let rest = ["ra ", "chọn "]
            .iter()
            .find_map(|w| rest.strip_prefix(w))
            .unwrap_or(rest);
        role_at_start(rest, &["đơn vị"]).is_some() || rest.starts_with("công an ")
    };
    let end = word_positions(f, verb)
        .into_iter()
        .map(|p| p + verb.len())
        .find(|e| starts_right(&f[*e..]) && role_in(&f[*e..]).is_some())?;
    let rest = s.text[end..].trim_end_matches(['.', '/', ' ']);
    Some((pair_roles(&role_tokens(rest, false)), f[end..].to_string()))
}

/// The unit that ends `text`, the last clause before a role ("Phó Giám
/// đốc Công an tỉnh A,", "Cục trưởng Cục B -", "Chương Mỹ (" in a list):
/// a department from its head word, a police unit by its prefix, or, in a
/// list (`listed`), the item itself.
fn unit_ending(text: &str, listed: bool) -> Option<String> {
    let t = text
        .trim_end()
        .trim_end_matches(['(', '-', '–', ','])
        .trim_end();
    let seg_start = t.rfind([',', ';', ':', '(']).map_or(0, |i| i + 1);
    let seg = t[seg_start..].trim();
    let department = seg
        .char_indices()
        .filter(|(i, _)| *i == 0 || seg[..*i].ends_with(' '))
        .find(|(i, _)| is_department(&seg[*i..]));
    if let Some((i, _)) = department {
        return Some(super::text::clean_value(&seg[i..]));
    }
    if let Some(u) = trailing_unit(seg) {
        return Some(u);
    }
    let in_list = listed && t[..seg_start].trim_end().ends_with([':', ',', ';']);
    in_list
        .then(|| unit_name(seg, true))
        .flatten()
        .filter(|(_, whole)| *whole)
        .map(|(n, _)| n)
}

/// The unit at the end of `text` once the words in `skip` are taken off
/// ("Công an tỉnh A đã", "tại Sơn La (").
fn unit_before(text: &str, skip: &[&str]) -> Option<String> {
    let mut t = text.trim_end().trim_end_matches(['(', '-', '–']).trim_end();
    loop {
        let ft = fold(t);
        let Some(w) = skip.iter().find(|w| {
            ft.strip_suffix(**w)
                .is_some_and(|r| r.is_empty() || r.ends_with(' '))
        }) else {
            break;
        };
        t = t[..t.len() - w.len()].trim_end();
    }
    trailing_unit(t)
}

/// The role that starts the folded text `after`, past the words in `lead`:
/// "vai trò đơn vị Cụm trưởng …" → Leader, with the text after the role.
fn role_at_start<'a>(after: &'a str, lead: &[&str]) -> Option<(Role, &'a str)> {
    let mut t = after.trim_start();
    while let Some(w) = lead
        .iter()
        .find(|w| t.starts_with(**w) && t[w.len()..].starts_with(' '))
    {
        t = t[w.len()..].trim_start();
    }
    crate::vi::roles::role_at_start(t)
}

/// The holders a sentence names, each with the folded text after its role:
/// "tại Sơn La (đơn vị Cụm trưởng)", "Với vai trò đơn vị Cụm trưởng, Công an
/// tỉnh A …", "đơn vị Cụm trưởng là Công an tỉnh A", "Công an tỉnh A giữ vai
/// trò Cụm trưởng", "Công an tỉnh A đã hoàn thành xuất sắc đơn vị Cụm trưởng".
fn holders(s: &Sentence) -> Vec<(Role, String, String)> {
    let f = &s.folded;
    let mut out = Vec::new();
    let listed = has_word(f, "gồm");
    // "Cục trưởng Cục A, Cụm trưởng Cụm thi đua số 1": the head of a unit
    // that is Cụm trưởng
    for (needle, role) in crate::vi::roles::WORDS {
        for p in word_positions(f, needle) {
            let before = f[..p].trim_end();
            if (role == Role::Leader && before.ends_with("phó")) || !before.ends_with([',', '(']) {
                continue;
            }
            let tail = &f[p + needle.len()..];
            // "(Cụm trưởng)" closes at once; ", Cụm trưởng" names the cluster or
            // goes on with a verb
            let closed = tail.starts_with(')');
            let of_cluster = tail.trim_start().starts_with("cụm thi đua");
            if !(closed || (before.ends_with(',') && of_cluster)) {
                continue;
            }
            if let Some(name) = unit_ending(&s.text[..p], listed) {
                out.push((role, name, tail.to_string()));
            }
        }
    }
    for (needle, role) in [
        ("đơn vị cụm trưởng", Role::Leader),
        ("đơn vị phó cụm trưởng", Role::Deputy),
        ("đơn vị cụm phó", Role::Deputy),
    ] {
        for p in word_positions(f, needle) {
            if role == Role::Leader && f[..p].ends_with("phó ") {
                continue;
            }
            let before = f[..p].trim_end();
            let after_start = p + needle.len();
            let tail = f[after_start..].to_string();
            // "<unit> (đơn vị Cụm trưởng)", "<unit> - đơn vị Cụm trưởng",
            // "Giám đốc <unit>, đơn vị Cụm trưởng"
            // "…, đơn vị Cụm phó năm 2024 là B" names B, not the unit before
            let names_after = {
                let fa = &f[after_start..];
                let fa = &fa[year_phrase_len(fa)..];
                fa.starts_with(" là ") || fa.starts_with(", công an")
            };
            if before.ends_with('(')
                || before.ends_with(" -")
                || before.ends_with(" –")
                || (before.ends_with(',') && !names_after)
            {
                if let Some(name) = unit_ending(&s.text[..p], listed) {
                    out.push((role, name, tail));
                    continue;
                }
            }
            // "vai trò đơn vị Cụm trưởng, Công an tỉnh A" / "đơn vị Cụm trưởng là …",
            // maybe with the year between: "đơn vị Cụm trưởng năm 2024 là …"
            let after = &s.text[after_start..];
            let fa = fold(after);
            let year_len = year_phrase_len(&fa);
            let fa = &fa[year_len..];
            let lead = if fa.starts_with(", công an") {
                Some(", ".len())
            } else if fa.starts_with(" là ") {
                Some(" là ".len())
            } else {
                None
            };
            if let Some(skip) = lead {
                let rest = &after[year_len + skip..];
                let (_, prefixed) = strip_prefix(rest);
                if let Some((name, _)) = unit_name(rest, false) {
                    if prefixed {
                        out.push((role, name, tail));
                    }
                }
            }
        }
    }
    // "Công an tỉnh A (đang) giữ vai trò Cụm trưởng"
    for p in word_positions(f, "giữ vai trò") {
        let after = &f[p + "giữ vai trò".len()..];
        let Some((role, tail)) = role_at_start(after, &["là", "đơn vị"]) else {
            continue;
        };
        if let Some(name) = unit_before(&s.text[..p], &["đã", "đang", "hiện", "tiếp tục", "sẽ"])
        {
            out.push((role, name, tail.to_string()));
        }
    }
    // "Công an tỉnh A đã hoàn thành xuất sắc (vai trò) đơn vị Cụm trưởng"
    for p in word_positions(f, "hoàn thành") {
        let after = &f[p + "hoàn thành".len()..];
        let lead = [
            "xuất sắc",
            "tốt",
            "vai trò",
            "nhiệm vụ",
            "trách nhiệm",
            "của",
            "đơn vị",
        ];
        let Some((role, tail)) = role_at_start(after, &lead) else {
            continue;
        };
        if let Some(name) = unit_before(&s.text[..p], &["đã", "cũng", "đã cơ bản"]) {
            out.push((role, name, tail.to_string()));
        }
    }
    out
}

/// What [`detect_roles`] found. A handover field is `None` when there is
/// nothing to say about it (a conference that is not a summary).
pub(crate) struct Roles {
    pub leader: Outcome<String>,
    pub deputy: Outcome<String>,
    pub handover_leader: Option<Outcome<String>>,
    pub handover_deputy: Option<Outcome<String>>,
}

/// The holders of the roles during the year reported on, and the units
/// taking over at the conference.
///
/// At a summary, a transfer ("bàn giao … cho B") or an election ("bầu Cụm
/// trưởng năm sau là B") is the handover, and the unit handing over is the
/// year's holder. At a pledge or launch, held at the start of the year, the
/// units a role goes to serve during that year. An assignment by the
/// Ministry ("phân công A là đơn vị Cụm trưởng") is the year's holder except
/// at a summary, where it is the handover only when it names the next year.
/// "(đơn vị Cụm trưởng)", "giữ vai trò Cụm trưởng", "hoàn thành … đơn vị Cụm
/// trưởng" name the holder, or the next one when followed by the next year.
pub(crate) fn detect_roles(art: &Article, kind: Option<Kind>, year: Option<i32>) -> Roles {
    let mut claims: Vec<(Claim, &Sentence)> = Vec::new();
    // (field names, reason, sentence): fields the article is unsure of
    let mut doubts: Vec<(Vec<&'static str>, Msg, &Sentence)> = Vec::new();
    let summary = kind == Some(Kind::Summary);
    let start_of_year = matches!(kind, Some(Kind::Pledge | Kind::Launch));
    let next_fields = vec!["handover.leader", "handover.deputy"];
    let holder_fields = vec!["leader", "deputy"];
    let all_fields = vec!["leader", "deputy", "handover.leader", "handover.deputy"];
    // "năm 2023", or "năm được báo cáo" when the year is not known
    let year_text = |y: Option<i32>| y.map_or(Arg::Key("import-the-reported-year"), Arg::from);
    for s in &art.sentences {
        // "Công an quận A - đơn vị Cụm trưởng … tổ chức hội nghị … và bầu B là
        // đơn vị Cụm trưởng": the holder named before the act stays the holder
        let act_at = ["bầu", "bàn giao", "chuyển giao", "trao quyền", "phân công"]
            .iter()
            .filter_map(|v| word_positions(&s.folded, v).first().copied())
            .min();
        if let Some(at) = act_at {
            for (role, unit, tail) in holders(s) {
                let pos = s.folded.len() - tail.len();
                if pos < at && matches!(when_after(&tail, year), When::Unsaid | When::ThisYear) {
                    claims.push((Claim::Holder(role, unit), s));
                }
            }
        }
        if let Some(t) = transfer(s) {
            let pairs = match t.pairs {
                Ok(p) => p,
                Err(why) => {
                    let fields = if summary {
                        next_fields.clone()
                    } else if start_of_year {
                        holder_fields.clone()
                    } else {
                        all_fields.clone()
                    };
                    doubts.push((fields, msg!("import-roles-handover", why = why), s));
                    continue;
                }
            };
            if summary {
                if let When::ThisYear | When::Other(_) = when_after(&t.after, year) {
                    let y = years_in(&t.after).first().map_or(0, |(_, y)| *y);
                    doubts.push((
                        next_fields.clone(),
                        msg!(
                            "import-roles-handover-year",
                            handed = y,
                            year = year_text(year)
                        ),
                        s,
                    ));
                    continue;
                }
                // the unit handing over held the role it hands on (the leader's
                // when both are handed on)
                if let Some(g) = t.giver {
                    let role = if pairs.iter().any(|(r, _)| *r == Role::Leader) {
                        Role::Leader
                    } else {
                        Role::Deputy
                    };
                    claims.push((Claim::Holder(role, g), s));
                }
                claims.extend(pairs.into_iter().map(|(r, u)| (Claim::Next(r, u), s)));
            } else if start_of_year {
                claims.extend(pairs.into_iter().map(|(r, u)| (Claim::Holder(r, u), s)));
            } else {
                doubts.push((all_fields.clone(), msg!("import-roles-handover-kind"), s));
            }
            continue;
        }
        if let Some((pairs, after)) = named_roles(s, "bầu") {
            match pairs {
                Ok(pairs) if summary => {
                    claims.extend(pairs.into_iter().map(|(r, u)| (Claim::Next(r, u), s)));
                }
                Ok(pairs)
                    if start_of_year
                        && matches!(when_after(&after, year), When::Unsaid | When::ThisYear) =>
                {
                    claims.extend(pairs.into_iter().map(|(r, u)| (Claim::Holder(r, u), s)));
                }
                Ok(_) => doubts.push((all_fields.clone(), msg!("import-roles-election-year"), s)),
                Err(why) => doubts.push((
                    all_fields.clone(),
                    msg!("import-roles-election", why = why),
                    s,
                )),
            }
            continue;
        }
        if let Some((pairs, after)) = named_roles(s, "phân công") {
            match (pairs, when_after(&after, year)) {
                (Ok(pairs), When::NextYear) if summary => {
                    claims.extend(pairs.into_iter().map(|(r, u)| (Claim::Next(r, u), s)));
                }
                (Ok(pairs), When::Unsaid | When::ThisYear) if !summary => {
                    claims.extend(pairs.into_iter().map(|(r, u)| (Claim::Holder(r, u), s)));
                }
                (Ok(_), _) => doubts.push((
                    all_fields.clone(),
                    msg!("import-roles-assignment-year", year = year_text(year)),
                    s,
                )),
                (Err(why), _) => doubts.push((
                    all_fields.clone(),
                    msg!("import-roles-assignment", why = why),
                    s,
                )),
            }
            continue;
        }
        for (role, unit, tail) in holders(s) {
            match when_after(&tail, year) {
                When::Unsaid | When::ThisYear => claims.push((Claim::Holder(role, unit), s)),
                When::NextYear if summary => claims.push((Claim::Next(role, unit), s)),
                When::NextYear | When::Other(_) => doubts.push((
                    all_fields.clone(),
                    msg!(
                        "import-roles-other-year",
                        unit = unit,
                        year = year_text(year)
                    ),
                    s,
                )),
            }
        }
    }
    let pick = |field: &'static str, want: &dyn Fn(&Claim) -> Option<String>, what: Arg| {
        if let Some((_, why, s)) = doubts.iter().find(|(fs, _, _)| fs.contains(&field)) {
            return Outcome::Unsure(why.clone(), quote(s));
        }
        let cands: Vec<(String, &Sentence)> = claims
            .iter()
            .filter_map(|(c, s)| want(c).map(|u| (u, *s)))
            .collect();
        agree(&cands, what, |u: &String| Arg::from(u))
    };
    let holder = |role: Role| {
        move |c: &Claim| match c {
            Claim::Holder(r, u) if *r == role => Some(u.clone()),
            _ => None,
        }
    };
    let next = |role: Role| {
        move |c: &Claim| match c {
            Claim::Next(r, u) if *r == role => Some(u.clone()),
            _ => None,
        }
    };
    let leader = pick(
        "leader",
        &holder(Role::Leader),
        Arg::Key("import-what-leader"),
    );
    let deputy = pick(
        "deputy",
        &holder(Role::Deputy),
        Arg::Key("import-what-deputy"),
    );
    let handover = |field: &'static str, role: Role, what: Arg| {
        let o = pick(field, &next(role), what);
        // only a summary is expected to hand the roles over
        match o {
            Outcome::Unsure(_, None) if !summary => None,
            o => Some(o),
        }
    };
    Roles {
        handover_leader: handover(
            "handover.leader",
            Role::Leader,
            Arg::Key("import-what-next-leader"),
        ),
        handover_deputy: handover(
            "handover.deputy",
            Role::Deputy,
            Arg::Key("import-what-next-deputy"),
        ),

        leader,
        deputy,
    }
}

/// Whether the conference was held by one province's police rather than a
/// cluster: its sentence has "Công an tỉnh" (with no name) as the organiser.
pub(crate) fn is_provincial(conf: Option<&Sentence>) -> bool {
    conf.is_some_and(|s| {
        word_positions(&s.folded, "công an tỉnh")
            .into_iter()
            .any(|p| {
                let after = &s.text[p + "công an tỉnh".len()..];
                after
                    .split_whitespace()
                    .next()
                    .is_some_and(|w| !w.chars().next().is_some_and(char::is_uppercase))
            })
            && clusters_in(s).is_empty()
    })
}
