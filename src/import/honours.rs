//! Honours: "Bộ Công an tặng Cờ thi đua cho Công an các tỉnh: A, B" (named
//! units) and "18 tập thể, 56 cá nhân được Công an tỉnh tặng Giấy khen"
//! (counts), each with its status: proposed ("suy tôn và đề nghị: Chính
//! phủ tặng …") or conferred ("được tặng", "trao", "được nhận", "tặng
//! thưởng").

use std::sync::OnceLock;

use super::detect::Outcome;
use super::text::{count_before, fold, has_word, truncate, word_positions, Sentence};
use super::units::{parse_unit_list, trailing_unit};
use super::{Honour, HonourStatus};

use crate::messages::{Arg, Msg};
use crate::validate::honours::{Register, Resolved};
use crate::vi::honours::{with_giver, CONFERRING, GIVERS, PROPOSING, TITLE_WORDS};

/// The built-in register of honours, read once.
fn register() -> &'static Register {
    static REGISTER: OnceLock<Register> = OnceLock::new();
    REGISTER.get_or_init(Register::default)
}

/// The register's name for a title as the article writes it (`written`,
/// from [`honour_at`]) given by `giver` (a name of [`GIVERS`], when the
/// article says who gives it). The title with its giver comes first
/// ("Bằng khen" by "Bộ Công an"), then the title alone, which names a
/// giver itself ("Bằng khen của UBND tỉnh") or needs none ("Huân chương
/// Chiến công hạng Ba"). `None` when the register has no such title: the
/// honour is then left out (see [`unregistered`]) rather than written
/// under a title `check` would not know.
pub(crate) fn registered_title(written: &str, giver: Option<&str>) -> Option<String> {
    let with = giver
        .filter(|_| !has_giver(written))
        .map(|g| with_giver(written, g));
    let found = with
        .iter()
        .map(String::as_str)
        .chain([written])
        .find_map(|t| match register().resolve(t) {
            Resolved::Known(entry) => Some(entry.name),
            Resolved::Unknown { .. } => None,
        });
    found
}

/// Why an honour whose title the register does not know is left out: the
/// article does not say who gives it, or gives a title the register lacks.
fn unregistered(written: &str, giver: Option<&str>) -> Msg {
    match giver {
        _ if has_giver(written) => msg!("import-honour-not-in-register", title = written),
        Some(g) => msg!(
            "import-honour-not-in-register",
            title = with_giver(written, g)
        ),
        None => msg!("import-honour-no-giver", title = written),
    }
}

/// The status of an honour from the words before its verb: `proposing` is
/// the sentence up to the verb, `at_verb` the words of the verb's own
/// clause up to and including the verb. `Err` gives the reason it is unclear.
fn status_of(proposing: &str, at_verb: &str, title: &str) -> Result<HonourStatus, Msg> {
    let proposed = PROPOSING.iter().any(|w| has_word(proposing, w));
    let v = at_verb.trim_end();
    let conferred = CONFERRING.iter().any(|w| has_word(v, w))
        || v.strip_suffix("tặng")
            .is_some_and(|r| r.trim_end().ends_with(" đã") || r.trim_end() == "đã");
    match (proposed, conferred) {
        (true, false) => Ok(HonourStatus::Proposed),
        (false, true) => Ok(HonourStatus::Conferred),
        (true, true) => Err(msg!("import-honour-status-both", title = title)),
        (false, false) => Err(msg!("import-honour-status-unsaid", title = title)),
    }
}

/// Words that end an honour's name.
const HONOUR_END_WORDS: [&str; 6] = ["cho", "vì", "do", "trong", "năm", "tại"];
const HONOUR_END_MARKS: [&str; 4] = [" có thành tích", " nhân dịp", "(", "./."];

/// The honour named at the start of `s`, as written, its first words as
/// [`TITLE_WORDS`] writes them.
pub(crate) fn honour_at(s: &str) -> Option<String> {
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
    TITLE_WORDS.iter().find_map(|(k, canon)| {
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
fn counts_in(text: &str) -> Result<(Option<u64>, Option<u64>), Msg> {
    let f = fold(text);
    let pick = |needle: &'static str| -> Result<Option<u64>, Msg> {
        let found: Vec<u64> = word_positions(&f, needle)
            .into_iter()
            .filter_map(|p| count_before(text, p))
            .collect();
        match found.as_slice() {
            [] => Ok(None),
            [n] => Ok(Some(*n)),
            _ => Err(msg!("import-honour-counts-differ", what = needle)),
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
        if !rest.starts_with("tặng") && TITLE_WORDS.iter().any(|(k, _)| rest.starts_with(k)) {
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
        let registered = registered_title(&title, giver_now);
        if registered.is_none() && giver_now.is_none() && !has_giver(&title) {
            unsure.push(Outcome::Unsure(unregistered(&title, None), quote()));
            continue;
        }
        // an honour the register does not know is said so only when it goes
        // to units named or counted, like any honour kept
        let left_out = registered
            .is_none()
            .then(|| Outcome::Unsure(unregistered(&title, giver_now), quote()));
        let title = registered.unwrap_or(title);
        consumed.push((seg_start, next));
        let list = parse_unit_list(recipients, false);
        if list.broken {
            unsure.push(Outcome::Unsure(
                msg!("import-honour-units-not-read", title = &title),
                quote(),
            ));
            continue;
        }
        if let Some(n) = list.count {
            if n != list.names.len() {
                unsure.push(Outcome::Unsure(
                    msg!(
                        "import-honour-units-count",
                        title = &title,
                        announced = Arg::Count(n as u64),
                        named = Arg::Count(list.names.len() as u64)
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
            if let Some(why) = left_out {
                unsure.push(why);
                continue;
            }
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
                if let Some(why) = left_out {
                    unsure.push(why);
                    continue;
                }
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
        let Some(k) = TITLE_WORDS
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
        // "… được Công an tỉnh tặng Giấy khen": the giver before "tặng"
        let giver = fc[..k].trim_end().strip_suffix("tặng").and_then(|p| {
            let from = p.rfind("được ").map_or(0, |j| j + "được ".len());
            giver_at_end(&clause[from..p.len()]).ok().flatten()
        });
        let Some(title) = registered_title(&title, giver) else {
            unsure.push(Outcome::Unsure(unregistered(&title, giver), quote()));
            continue;
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
