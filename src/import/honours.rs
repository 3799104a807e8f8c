//! Honours: "Bộ Công an tặng Cờ thi đua cho Công an các tỉnh: A, B" (named
//! units) and "18 tập thể, 56 cá nhân được Công an tỉnh tặng Giấy khen"
//! (counts), each with its status: proposed ("suy tôn và đề nghị: Chính
//! phủ tặng …") or conferred ("được tặng", "trao", "được nhận", "tặng
//! thưởng").

use super::detect::Outcome;
use super::text::{count_before, fold, has_word, truncate, word_positions, Sentence};
use super::units::{parse_unit_list, trailing_unit};
use super::{Honour, HonourStatus};

use crate::vi::honours::{CONFERRING, PROPOSING};

/// The status of an honour from the words before its verb: `proposing` is
/// the sentence up to the verb, `at_verb` the words of the verb's own
/// clause up to and including the verb. `Err` gives the reason it is unclear.
fn status_of(proposing: &str, at_verb: &str, title: &str) -> Result<HonourStatus, String> {
    let proposed = PROPOSING.iter().any(|w| has_word(proposing, w));
    let v = at_verb.trim_end();
    let conferred = CONFERRING.iter().any(|w| has_word(v, w))
        || v.strip_suffix("tặng")
            .is_some_and(|r| r.trim_end().ends_with(" đã") || r.trim_end() == "đã");
    match (proposed, conferred) {
        (true, false) => Ok(HonourStatus::Proposed),
        (false, true) => Ok(HonourStatus::Conferred),
        (true, true) => Err(format!(
            "the sentence both proposes and confers “{title}”; its status is left out"
        )),
        (false, false) => Err(format!(
            "the article does not say whether “{title}” was proposed (suy tôn, đề nghị) or \
             conferred (được tặng, trao, được nhận); its status is left out"
        )),
    }
}

/// Honour names and how they are written in the front matter. A bare "cờ"
/// is the emulation flag.
const HONOURS: [(&str, &str); 9] = [
    ("cờ thi đua xuất sắc", "Cờ thi đua xuất sắc"),
    ("cờ thi đua", "Cờ thi đua"),
    ("bằng khen", "Bằng khen"),
    ("giấy khen", "Giấy khen"),
    ("huân chương", "Huân chương"),
    ("huy chương", "Huy chương"),
    ("kỷ niệm chương", "Kỷ niệm chương"),
    ("danh hiệu", "Danh hiệu"),
    ("cờ", "Cờ thi đua"),
];

/// Who gives an honour, as written before "tặng", and its short name.
const GIVERS: [(&str, &str); 14] = [
    ("thủ tướng chính phủ", "Chính phủ"),
    ("chính phủ", "Chính phủ"),
    ("chủ tịch nước", "Chủ tịch nước"),
    ("nhà nước", "Nhà nước"),
    ("bộ trưởng bộ công an", "Bộ Công an"),
    ("bộ công an", "Bộ Công an"),
    ("chủ tịch ubnd tỉnh", "UBND tỉnh"),
    ("ubnd tỉnh", "UBND tỉnh"),
    ("ủy ban nhân dân tỉnh", "UBND tỉnh"),
    ("uỷ ban nhân dân tỉnh", "UBND tỉnh"),
    ("giám đốc công an tỉnh", "Công an tỉnh"),
    ("công an tỉnh", "Công an tỉnh"),
    ("giám đốc công an thành phố", "Công an thành phố"),
    ("công an thành phố", "Công an thành phố"),
];

/// Words that end an honour's name.
const HONOUR_END_WORDS: [&str; 6] = ["cho", "vì", "do", "trong", "năm", "tại"];
const HONOUR_END_MARKS: [&str; 4] = [" có thành tích", " nhân dịp", "(", "./."];

/// The honour named at the start of `s` (folded `f`), in canonical form.
fn honour_at(s: &str) -> Option<String> {
    let f = fold(s);
    let mut end = s.len();
    for t in HONOUR_END_MARKS {
        if let Some(i) = f.find(t) {
            end = end.min(i);
        }
    }
    for w in HONOUR_END_WORDS {
        if let Some(i) = word_positions(&f, w).first() {
            end = end.min(*i);
        }
    }
    let phrase = s[..end]
        .trim()
        .trim_end_matches(['.', ',', ';', ':', '/', ' ']);
    let fp = fold(phrase);
    HONOURS.iter().find_map(|(k, canon)| {
        let rest = fp.strip_prefix(k)?;
        if rest.chars().next().is_some_and(char::is_alphanumeric) {
            return None;
        }
        Some(format!("{canon}{}", &phrase[k.len()..]))
    })
}

fn has_giver(title: &str) -> bool {
    fold(title).contains(" của ")
}

/// The giver at the end of `text`; `Ok(None)` when the clause continues the
/// previous giver ("… và tặng …").
fn giver_at_end(text: &str) -> Result<Option<&'static str>, ()> {
    let mut f = fold(text).trim().to_string();
    loop {
        let before = f.len();
        for w in ["đã", "sẽ", "cũng", "được", "trao", "đồng thời", "vinh dự"] {
            if let Some(rest) = f.strip_suffix(w) {
                if rest.is_empty() || rest.ends_with(' ') {
                    f = rest.trim_end().to_string();
                }
            }
        }
        if f.len() == before {
            break;
        }
    }
    if f.is_empty() || f == "và" || f.ends_with(" và") {
        return Ok(None);
    }
    GIVERS
        .iter()
        .find(|(k, _)| f == *k || f.ends_with(&format!(" {k}")))
        .map(|(_, g)| Some(*g))
        .ok_or(())
}

/// "N tập thể" and "N cá nhân" written in `text`.
fn counts_in(text: &str) -> Result<(Option<u64>, Option<u64>), String> {
    let f = fold(text);
    let pick = |needle: &str| -> Result<Option<u64>, String> {
        let found: Vec<u64> = word_positions(&f, needle)
            .into_iter()
            .filter_map(|p| count_before(text, p))
            .collect();
        match found.as_slice() {
            [] => Ok(None),
            [n] => Ok(Some(*n)),
            _ => Err(format!("several counts of “{needle}” for one honour")),
        }
    };
    Ok((pick("tập thể")?, pick("cá nhân")?))
}

fn verb_positions(f: &str) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = word_positions(f, "tặng")
        .into_iter()
        .map(|p| {
            let end = p + "tặng".len();
            // "tặng thưởng Bằng khen": the honour follows "thưởng"
            match f[end..].strip_prefix(" thưởng") {
                Some(_) => (p, end + " thưởng".len()),
                None => (p, end),
            }
        })
        .collect();
    for p in word_positions(f, "trao") {
        let end = p + "trao".len();
        let rest = f[end..].trim_start();
        if !rest.starts_with("tặng") && HONOURS.iter().any(|(k, _)| rest.starts_with(k)) {
            out.push((p, end));
        }
    }
    out.sort();
    out
}

/// Honours found in one sentence, and what made it unsure.
fn honours_in(s: &Sentence) -> (Vec<Honour>, Vec<Outcome<()>>) {
    let f = &s.folded;
    let mut found = Vec::new();
    let mut unsure = Vec::new();
    let quote = || Some(truncate(&s.text, 200));
    let verbs = verb_positions(f);
    let mut giver: Option<&'static str> = None;
    let mut consumed: Vec<(usize, usize)> = Vec::new();
    for (i, &(v, vend)) in verbs.iter().enumerate() {
        let next = verbs.get(i + 1).map_or(s.text.len(), |n| n.0);
        let seg_start = f[..v].rfind([';', ':', ',']).map_or(0, |j| j + 1);
        let giver_here = giver_at_end(&s.text[seg_start..v]);
        let after = &s.text[vend..next];
        let Some(title) = honour_at(after.trim_start()) else {
            if let Ok(Some(g)) = giver_here {
                giver = Some(g);
            }
            continue;
        };
        let giver_now = match giver_here {
            Ok(Some(g)) => Some(g),
            Ok(None) => giver,
            Err(()) => None,
        };
        giver = giver_now.or(giver);
        let fa = fold(after);
        let Some(cho) = word_positions(&fa, "cho").first().copied() else {
            continue;
        };
        let recipients = &after[cho + "cho".len()..];
        let title = if has_giver(&title) {
            title
        } else if let Some(g) = giver_now {
            format!("{title} của {g}")
        } else {
            unsure.push(Outcome::Unsure(
                format!("“{title}” is given but the article does not say by whom"),
                quote(),
            ));
            continue;
        };
        consumed.push((seg_start, next));
        let list = parse_unit_list(recipients, false);
        if list.broken {
            unsure.push(Outcome::Unsure(
                format!("the units given “{title}” are not all read: the list goes on past an item that is not a unit"),
                quote(),
            ));
            continue;
        }
        if let Some(n) = list.count {
            if n != list.names.len() {
                unsure.push(Outcome::Unsure(
                    format!(
                        "“{title}” goes to {n} units but {} are named",
                        list.names.len()
                    ),
                    quote(),
                ));
                continue;
            }
        }
        // the status, once the honour is known to be kept
        let status =
            |unsure: &mut Vec<Outcome<()>>| match status_of(&f[..v], &f[seg_start..vend], &title) {
                Ok(st) => Some(st),
                Err(why) => {
                    unsure.push(Outcome::Unsure(why, quote()));
                    None
                }
            };
        if !list.names.is_empty() {
            let status = status(&mut unsure);
            found.push(Honour {
                title,
                to: list.names,
                collectives: None,
                individuals: None,
                status,
            });
            continue;
        }
        let recipients = recipients.trim_start_matches([':', ' ']);
        match counts_in(recipients.split([';', ':']).next().unwrap_or("")) {
            Ok((None, None)) => {}
            Ok((c, i)) => {
                let status = status(&mut unsure);
                found.push(Honour {
                    title,
                    to: Vec::new(),
                    collectives: c,
                    individuals: i,
                    status,
                })
            }
            Err(why) => unsure.push(Outcome::Unsure(why, quote())),
        }
    }

    // "18 tập thể, 56 cá nhân được Công an tỉnh tặng Giấy khen"
    let mut start = 0;
    for clause in s.text.split(';') {
        let cstart = start;
        start += clause.len() + 1;
        if consumed
            .iter()
            .any(|(a, b)| *a < cstart + clause.len() && cstart < *b)
        {
            continue;
        }
        let fc = fold(clause);
        let Some(k) = HONOURS
            .iter()
            .filter_map(|(k, _)| word_positions(&fc, k).first().copied())
            .min()
        else {
            continue;
        };
        let mut to = Vec::new();
        let (c, i) = match counts_in(&clause[..k]) {
            // "Công an tỉnh A vinh dự được nhận Bằng khen …"
            Ok((None, None)) => match receiver_before(clause, &fc, k) {
                Some(unit) => {
                    to.push(unit);
                    (None, None)
                }
                None => continue,
            },
            Ok(ci) => ci,
            Err(why) => {
                unsure.push(Outcome::Unsure(why, quote()));
                continue;
            }
        };
        let Some(title) = honour_at(&clause[k..]) else {
            continue;
        };
        let title = if has_giver(&title) {
            title
        } else {
            let pre = fc[..k].trim_end();
            let giver = pre.strip_suffix("tặng").and_then(|p| {
                let from = p.rfind("được ").map_or(0, |j| j + "được ".len());
                giver_at_end(&clause[from..p.len()]).ok().flatten()
            });
            match giver {
                Some(g) => format!("{title} của {g}"),
                None => {
                    unsure.push(Outcome::Unsure(
                        format!("“{title}” is given but the article does not say by whom"),
                        quote(),
                    ));
                    continue;
                }
            }
        };
        let pre = &fc[..k];
        let status = match status_of(&format!("{} {pre}", &f[..cstart.min(f.len())]), pre, &title) {
            Ok(st) => Some(st),
            Err(why) => {
                unsure.push(Outcome::Unsure(why, quote()));
                None
            }
        };
        found.push(Honour {
            title,
            to,
            collectives: c,
            individuals: i,
            status,
        });
    }
    (found, unsure)
}

/// The unit that receives the honour at `k` of `clause` (folded `fc`) when
/// it is named before "được … tặng" or "được nhận": "Công an tỉnh A (đã)
/// (vinh dự) được (Bộ Công an) tặng", "Công an tỉnh A được nhận".
fn receiver_before(clause: &str, fc: &str, k: usize) -> Option<String> {
    let q = *word_positions(&fc[..k], "được").last()?;
    let between = fc[q + "được".len()..k].trim();
    if !["tặng", "nhận", "trao", "tặng thưởng"]
        .iter()
        .any(|v| between == *v || between.ends_with(&format!(" {v}")))
    {
        return None;
    }
    let mut before = clause[..q].trim_end();
    while let Some(w) = ["vinh dự", "đã", "cũng"].iter().find(|w| {
        fold(before)
            .strip_suffix(**w)
            .is_some_and(|r| r.is_empty() || r.ends_with(' '))
    }) {
        before = before[..before.len() - w.len()].trim_end();
    }
    trailing_unit(before)
}

/// Every honour the article reports, in order, without duplicates.
pub(crate) fn detect_honours(sentences: &[Sentence]) -> (Vec<Honour>, Vec<Outcome<()>>) {
    let mut all: Vec<Honour> = Vec::new();
    let mut unsure = Vec::new();
    for s in sentences {
        let (found, u) = honours_in(s);
        unsure.extend(u);
        for h in found {
            if !all.contains(&h) {
                all.push(h);
            }
        }
    }
    (all, unsure)
}
