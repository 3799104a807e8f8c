//! The full-text search index: split into small scripts so that the search
//! page works from file:// (where fetch of local files is refused; a script
//! tag is not) and loads only what a query needs.
//!
//! In the search folder (`urls::Urls::search_file`):
//!
//! - `search-index.js`: what the page loads first, small and of a size that does not
//!   grow with the write-ups' text: the number of docs, the chunk sizes, the names of
//!   the term shards, the clusters, kinds and years for the filters.
//! - `idx/<prefix>.js`: the terms whose folded form starts with `<prefix>`
//!   (two letters, more for a large shard; see [`layout`]), each with its spellings and,
//!   for each spelling, the docs that hold it and in which fields.
//! - `idx/<prefix>.pos-<r>.js`: the positions of those words in each doc of
//!   range `r` (docs `r * POS_RANGE` to the next range), for phrases: a phrase
//!   query reads the ranges of its first results first and shows them, then
//!   counts through the others.
//! - `docs/<n>.js`: title, dates, cluster, kind and address of [`DOC_CHUNK`] docs.
//! - `txt/<n>.js`: the body text of [`TEXT_CHUNK`] docs, for snippets.
//! - `facets.js`: cluster, year and kind of every doc, for the filters.
//!
//! Each calls a registration function of `window.BAOCAO_SEARCH` (defined by
//! `static/search.js`). Each script's format is described where it is written.

pub mod layout;
pub mod tokenize;

use std::collections::HashMap;
use std::fmt::Write as _;

use pulldown_cmark::{Event, Parser, TagEnd};
use rayon::prelude::*;
use serde::Serialize;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::model::{Corpus, WriteUp};
use crate::render::context::cluster_name;
use crate::render::I18n;
use crate::urls::Urls;

/// Docs per `docs/<n>.js`.
pub const DOC_CHUNK: usize = 128;
/// Docs per `txt/<n>.js`.
pub const TEXT_CHUNK: usize = 8;
/// Docs per range of positions (`idx/<prefix>.pos-<r>.js`).
pub const POS_RANGE: u32 = 4096;
/// Write-ups made at once (a multiple of [`TEXT_CHUNK`]).
const BATCH: usize = TEXT_CHUNK * 32;

/// Where a hit is: the bits of a posting's fields.
pub const IN_TITLE: u8 = 1;
/// A unit (host, member, honoured), an honour title, the cluster or bloc.
pub const IN_UNIT: u8 = 2;
/// Tags, summary, kind.
pub const IN_META: u8 = 4;
pub const IN_BODY: u8 = 8;

/// The kind of the docs that are honour pages.
const HONOUR_DOC: &str = "honour";

/// Other spellings of unit names (`units.yaml`) and honour titles (the
/// register), by the lower-cased canonical name: a doc that names a unit is
/// found by each of its aliases too.
#[derive(Debug, Default, Clone)]
pub struct Aliases {
    by_name: HashMap<String, Vec<String>>,
}

impl Aliases {
    pub fn from_names(names: &crate::validate::units::UnitNames) -> Aliases {
        let mut by_name: HashMap<String, Vec<String>> = HashMap::new();
        let pairs = names
            .spellings()
            .chain(names.honours.spellings())
            .map(|(spelling, canonical)| (spelling.to_lowercase(), canonical.to_lowercase()));
        for (spelling, canonical) in pairs {
            if spelling != canonical {
                by_name.entry(canonical).or_default().push(spelling);
            }
        }
        for list in by_name.values_mut() {
            list.sort();
            list.dedup();
        }
        Aliases { by_name }
    }

    fn of(&self, name: &str) -> &[String] {
        self.by_name
            .get(&name.to_lowercase())
            .map_or(&[], Vec::as_slice)
    }
}

/// What the index says of one doc: a write-up or an honour page.
struct Doc<'a> {
    url: String,
    title: &'a str,
    iso: String,
    shown: String,
    /// Index into the corpus' clusters, or -1.
    cluster: i64,
    kind: &'static str,
    year: i32,
    thumb: Option<(String, u32, u32)>,
    /// The text a snippet is cut from.
    text: String,
    /// Its units and honour titles, shown when a query matches them.
    facts: String,
}

/// One spelling's occurrences in a doc: its flags and its positions.
struct Entry {
    /// The spelling's number in the build's [`Vocab`].
    id: u32,
    flags: u8,
    /// A range of the doc's positions.
    positions: (u32, u32),
}

/// The words of one doc, grouped by spelling.
#[derive(Default)]
struct DocTerms {
    entries: Vec<Entry>,
    positions: Vec<u32>,
}

/// The hash of a lower-cased spelling.
fn word_hash(word: &[u8]) -> u64 {
    use std::hash::Hasher as _;
    let mut h = FastHasher::default();
    h.write(word);
    h.finish()
}

/// Every lower-cased spelling met in one build, numbered in the order first
/// met. The threads keep what they have asked for in a [`Local`] cache, so
/// the lock is taken once per spelling and thread, not once per word.
struct Vocab {
    /// Which build this is, so that a thread's cache of another build's
    /// numbers is not used.
    build: u64,
    inner: std::sync::Mutex<VocabInner>,
}

#[derive(Default)]
struct VocabInner {
    table: hashbrown::HashTable<u32>,
    spellings: Vec<(Box<str>, u64)>,
}

impl Vocab {
    fn new() -> Vocab {
        static BUILDS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Vocab {
            build: BUILDS.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            inner: std::sync::Mutex::new(VocabInner::default()),
        }
    }

    /// The number of `word` (whole UTF-8 chars), given its hash.
    fn intern(&self, word: &str, hash: u64) -> u32 {
        // A thread that panicked while holding the lock left it whole: every
        // change below is a single push.
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let VocabInner { table, spellings } = &mut *inner;
        if let Some(&id) = table.find(hash, |&k| &*spellings[k as usize].0 == word) {
            return id;
        }
        let id = spellings.len() as u32;
        spellings.push((word.into(), hash));
        table.insert_unique(hash, id, |&k| spellings[k as usize].1);
        id
    }

    fn into_spellings(self) -> Vec<Box<str>> {
        let inner = self.inner.into_inner().unwrap_or_else(|e| e.into_inner());
        inner.spellings.into_iter().map(|(s, _)| s).collect()
    }
}

/// Byte strings met by one thread, each with a number: a hash table over
/// one arena of their bytes (no allocation per string).
#[derive(Default)]
struct Interned {
    arena: Vec<u8>,
    /// Per string: its range of `arena`, its hash and its number.
    known: Vec<((u32, u32), u64, u32)>,
    /// `known` by hash.
    table: hashbrown::HashTable<u32>,
}

impl Interned {
    fn get(&self, bytes: &[u8], hash: u64) -> Option<u32> {
        let Interned {
            arena,
            known,
            table,
        } = self;
        table
            .find(hash, |&k| {
                let (r, _, _) = known[k as usize];
                arena[r.0 as usize..r.1 as usize] == *bytes
            })
            .map(|&k| known[k as usize].2)
    }

    fn insert(&mut self, bytes: &[u8], hash: u64, number: u32) {
        let Interned {
            arena,
            known,
            table,
        } = self;
        let k = known.len() as u32;
        let start = arena.len() as u32;
        arena.extend_from_slice(bytes);
        known.push(((start, arena.len() as u32), hash, number));
        table.insert_unique(hash, k, |&j| known[j as usize].1);
    }
}

/// A thread's cache of the build's vocabulary, and its scratch space for
/// grouping one doc's words.
#[derive(Default)]
struct Local {
    build: u64,
    /// The lower-cased spellings this thread has met, with their number in
    /// the [`Vocab`].
    spellings: Interned,
    /// The words as written that this thread has met, with the number of
    /// their lower-cased spelling ([`NO_WORD`] when that is empty): most
    /// words recur as written, and are then neither lowered nor looked up
    /// again.
    written: Interned,
    /// The same for the words of at most 16 bytes (nearly all), by their
    /// bytes packed into the key itself: a look-up reads one slot of the
    /// table, no arena and no separate list.
    short: hashbrown::HashTable<(Packed, u32)>,
    /// By [`Vocab`] number, the doc the spelling was last seen in and its
    /// group there.
    seen: Vec<(u32, u32)>,
    doc: u32,
    /// The word being lower-cased.
    word: Vec<u8>,
}

/// A word of at most 16 bytes, zero-padded, as two little-endian words: no
/// word has a zero byte, so two words with the same key are the same word.
type Packed = [u64; 2];

#[inline(always)]
fn pack(w: &[u8]) -> Option<Packed> {
    // Loads that may overlap (the bytes they share are the same), so that
    // no copy of a variable length is made.
    let n = w.len();
    let u64_at = |i: usize| {
        let mut b = [0u8; 8];
        b.copy_from_slice(&w[i..i + 8]);
        u64::from_le_bytes(b)
    };
    let u32_at = |i: usize| {
        let mut b = [0u8; 4];
        b.copy_from_slice(&w[i..i + 4]);
        u64::from(u32::from_le_bytes(b))
    };
    Some(match n {
        17.. => return None,
        9.. => [u64_at(0), u64_at(n - 8) >> ((16 - n) * 8)],
        8 => [u64_at(0), 0],
        4.. => [u32_at(0) | (u32_at(n - 4) << ((n - 4) * 8)), 0],
        1.. => [
            u64::from(w[0])
                | (u64::from(w[n / 2]) << (n / 2 * 8))
                | (u64::from(w[n - 1]) << ((n - 1) * 8)),
            0,
        ],
        0 => [0, 0],
    })
}

/// The hash of a [`Packed`] word: one folded 128-bit multiply.
#[inline(always)]
fn packed_hash(key: Packed) -> u64 {
    let m = u128::from(key[0] ^ 0x243f_6a88_85a3_08d3)
        .wrapping_mul(u128::from(key[1] ^ 0x1319_8a2e_0370_7344));
    (m as u64) ^ ((m >> 64) as u64)
}

/// The number of a word as written that lowers to nothing.
const NO_WORD: u32 = u32::MAX;

thread_local! {
    static LOCAL: std::cell::RefCell<Local> = std::cell::RefCell::new(Local::default());
}

impl Local {
    /// Runs `f` with this thread's cache for `vocab`'s build.
    fn with<R>(vocab: &Vocab, f: impl FnOnce(&mut Local) -> R) -> R {
        LOCAL.with(|cell| {
            let mut local = cell.borrow_mut();
            if local.build != vocab.build {
                *local = Local {
                    build: vocab.build,
                    ..Local::default()
                };
            }
            f(&mut local)
        })
    }

    /// The [`Vocab`] number of `word` as written, lower-cased; none when it
    /// lowers to nothing.
    #[inline]
    fn lookup_written(&mut self, vocab: &Vocab, word: &str) -> Option<u32> {
        let id = match pack(word.as_bytes()) {
            Some(key) => {
                let hash = packed_hash(key);
                match self.short.find(hash, |e| e.0 == key) {
                    Some(e) => e.1,
                    None => {
                        let id = self.lower_and_lookup(vocab, word);
                        self.short
                            .insert_unique(hash, (key, id), |e| packed_hash(e.0));
                        id
                    }
                }
            }
            None => {
                let hash = word_hash(word.as_bytes());
                match self.written.get(word.as_bytes(), hash) {
                    Some(id) => id,
                    None => {
                        let id = self.lower_and_lookup(vocab, word);
                        self.written.insert(word.as_bytes(), hash, id);
                        id
                    }
                }
            }
        };
        (id != NO_WORD).then_some(id)
    }

    /// The [`Vocab`] number of `word` lower-cased, or [`NO_WORD`].
    #[cold]
    fn lower_and_lookup(&mut self, vocab: &Vocab, word: &str) -> u32 {
        self.word.clear();
        tokenize::lower_bytes(word, &mut self.word);
        if self.word.is_empty() {
            NO_WORD
        } else {
            self.lookup(vocab)
        }
    }

    /// The [`Vocab`] number of the lower-cased word in `self.word`.
    fn lookup(&mut self, vocab: &Vocab) -> u32 {
        let hash = word_hash(&self.word);
        if let Some(id) = self.spellings.get(&self.word, hash) {
            return id;
        }
        // `lower_bytes` writes whole chars only.
        let text = std::str::from_utf8(&self.word).unwrap_or_default();
        let id = vocab.intern(text, hash);
        self.spellings.insert(&self.word, hash, id);
        id
    }
}

/// Collects the words of a doc's fields, each distinct spelling kept once
/// (in the order first met) and every occurrence as a hit on it.
struct Collector<'v> {
    vocab: &'v Vocab,
    /// (the spelling's [`Vocab`] number, position, flag), in the order met.
    hits: Vec<(u32, u32, u8)>,
    pos: u32,
}

impl<'v> Collector<'v> {
    fn new(vocab: &'v Vocab, capacity: usize) -> Collector<'v> {
        Collector {
            vocab,
            hits: Vec::with_capacity(capacity / 5),
            pos: 0,
        }
    }

    /// Adds the words of `text`, in field `flag`; a gap follows, so that no
    /// phrase runs from one field value into the next.
    fn add(&mut self, text: &str, flag: u8) {
        let Collector { vocab, hits, pos } = self;
        let next = Local::with(vocab, |local| {
            tokenize::tokens(text, *pos, &mut |t| {
                if let Some(id) = local.lookup_written(vocab, t.word) {
                    hits.push((id, t.pos, flag));
                }
            })
        });
        self.pos = next + 1;
    }

    fn finish(self) -> DocTerms {
        let Collector { vocab, hits, .. } = self;
        Local::with(vocab, |local| {
            // Group the hits by spelling, in the order first met; within a
            // spelling they stay in the order met, which is by position.
            local.doc = local.doc.wrapping_add(1);
            let doc = local.doc;
            if let Some(top) = hits.iter().map(|h| h.0 as usize + 1).max() {
                if top > local.seen.len() {
                    local.seen.resize(top, (0, 0));
                }
            }
            // Per group: its spelling, its number of hits, its fields.
            let mut groups: Vec<(u32, u32, u8)> = Vec::new();
            for h in &hits {
                let seen = &mut local.seen[h.0 as usize];
                if seen.0 != doc {
                    *seen = (doc, groups.len() as u32);
                    groups.push((h.0, 0, 0));
                }
                let g = &mut groups[seen.1 as usize];
                g.1 += 1;
                g.2 |= h.2;
            }
            // The positions, group after group.
            let mut fill = Vec::with_capacity(groups.len());
            let mut total = 0u32;
            for g in &groups {
                fill.push(total);
                total += g.1;
            }
            let mut positions = vec![0u32; hits.len()];
            for h in &hits {
                let f = &mut fill[local.seen[h.0 as usize].1 as usize];
                positions[*f as usize] = h.1;
                *f += 1;
            }
            // Each position once: a joined form and its first part share one.
            let mut entries = Vec::with_capacity(groups.len());
            let (mut from, mut to) = (0usize, 0usize);
            for &(id, count, flags) in &groups {
                let p0 = to as u32;
                let mut last = None;
                for k in from..from + count as usize {
                    let p = positions[k];
                    if last != Some(p) {
                        positions[to] = p;
                        to += 1;
                        last = Some(p);
                    }
                }
                from += count as usize;
                entries.push(Entry {
                    id,
                    flags,
                    positions: (p0, to as u32),
                });
            }
            positions.truncate(to);
            DocTerms { entries, positions }
        })
    }
}

/// FxHash: a multiply and a rotate per word of input. Fast for short keys
/// (the words of one build, not input an attacker chooses to collide).
#[derive(Default, Clone, Copy)]
struct FastHasher(u64);

impl std::hash::Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// The plain text of a Markdown body: its words, single-spaced.
pub fn plain_text(body: &str) -> String {
    let mut text = PlainText::for_body(body);
    for event in Parser::new_ext(body, crate::render::markdown::OPTIONS) {
        text.event(&event);
    }
    text.finish()
}

/// Gathers the plain text of a body from the events of its Markdown parse,
/// so the page's render and the index share one parse.
#[derive(Default)]
struct PlainText {
    out: String,
    space: bool,
    /// Whether the text may hold U+1680, the one space that starts with
    /// `E1`, as most Vietnamese letters do: without it, a scan for spaces
    /// need not stop at `E1`.
    ogham: bool,
}

impl PlainText {
    /// Ready for the events of `body`.
    fn for_body(body: &str) -> PlainText {
        PlainText {
            ogham: memchr::memmem::find(body.as_bytes(), "\u{1680}".as_bytes()).is_some(),
            ..PlainText::default()
        }
    }

    fn event(&mut self, event: &Event<'_>) {
        match event {
            Event::Text(t) | Event::Code(t) => self.text(t),
            Event::SoftBreak | Event::HardBreak => self.space = true,
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell,
            ) => self.space = true,
            _ => {}
        }
    }

    /// Appends the words of `t`, single-spaced (a run of words with single
    /// spaces between them, the common case, is copied whole).
    fn text(&mut self, t: &str) {
        let b = t.as_bytes();
        let may_be_space = if self.ogham {
            &MAY_BE_SPACE
        } else {
            &MAY_BE_SPACE_NOT_E1
        };
        let mut i = 0;
        while i < b.len() {
            let w = whitespace_len(b, i);
            if w > 0 {
                self.space = true;
                i += w;
                continue;
            }
            let start = i;
            let mut end = i;
            while i < b.len() {
                // Bytes that cannot start whitespace, skipped by a table look-up.
                if !may_be_space[usize::from(b[i])] {
                    i += 1;
                    end = i;
                    continue;
                }
                let w = whitespace_len(b, i);
                if w == 0 {
                    i += 1;
                    end = i;
                } else if b[i] == b' ' && i + 1 < b.len() && whitespace_len(b, i + 1) == 0 {
                    i += 1;
                } else {
                    break;
                }
            }
            if self.space && !self.out.is_empty() {
                self.out.push(' ');
            }
            self.out.push_str(&t[start..end]);
            self.space = false;
        }
        self.space = t.ends_with(char::is_whitespace);
    }

    /// The text, with forbidden characters replaced and in NFC.
    fn finish(self) -> String {
        let out = match crate::validate::guard::replace_forbidden(&self.out) {
            std::borrow::Cow::Borrowed(_) => self.out,
            std::borrow::Cow::Owned(clean) => clean,
        };
        // Decomposed text has combining marks (U+0300..U+036F: bytes CC and CD
        // in UTF-8); text without them is taken as composed already.
        let marks = memchr::memchr2(0xCC, 0xCD, out.as_bytes()).is_some();
        if !marks
            || unicode_normalization::is_nfc_quick(out.chars())
                == unicode_normalization::IsNormalized::Yes
        {
            out
        } else {
            unicode_normalization::UnicodeNormalization::nfc(out.as_str()).collect()
        }
    }
}

/// The bytes a whitespace char can start with: ASCII whitespace and the
/// first bytes of the others (see [`whitespace_len`]).
const MAY_BE_SPACE: [bool; 256] = {
    let mut t = [false; 256];
    let starts = [
        b' ', b'\t', b'\n', 0x0B, 0x0C, b'\r', 0xC2, 0xE1, 0xE2, 0xE3,
    ];
    let mut k = 0;
    while k < starts.len() {
        t[starts[k] as usize] = true;
        k += 1;
    }
    t
};

/// [`MAY_BE_SPACE`] without `E1`, for a text without U+1680.
const MAY_BE_SPACE_NOT_E1: [bool; 256] = {
    let mut t = MAY_BE_SPACE;
    t[0xE1] = false;
    t
};

/// The length of the whitespace char (`char::is_whitespace`) at byte `i`
/// of UTF-8 text, or 0. Only ever true at a char's first byte: the bytes
/// that follow one (80..BF) match nothing here.
#[inline(always)]
fn whitespace_len(b: &[u8], i: usize) -> usize {
    let next = |k: usize| b.get(i + k).copied().unwrap_or(0);
    match b[i] {
        b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r' => 1,
        // U+0085, U+00A0
        0xC2 if matches!(next(1), 0x85 | 0xA0) => 2,
        // U+1680
        0xE1 if next(1) == 0x9A && next(2) == 0x80 => 3,
        // U+2000..U+200A, U+2028, U+2029, U+202F; U+205F
        0xE2 if next(1) == 0x80 && matches!(next(2), 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF) => 3,
        0xE2 if next(1) == 0x81 && next(2) == 0x9F => 3,
        // U+3000
        0xE3 if next(1) == 0x80 && next(2) == 0x80 => 3,
        _ => 0,
    }
}

/// The words of a write-up, field by field.
fn writeup_terms(
    vocab: &Vocab,
    w: &WriteUp,
    cluster: Option<&str>,
    text: &str,
    aliases: &Aliases,
) -> DocTerms {
    let mut c = Collector::new(vocab, text.len() + 1024);
    c.add(&w.title, IN_TITLE);
    let unit = |c: &mut Collector<'_>, name: &str| {
        c.add(name, IN_UNIT);
        for a in aliases.of(name) {
            c.add(a, IN_UNIT);
        }
    };
    for name in w.host.iter().chain(&w.members) {
        unit(&mut c, name);
    }
    for name in [&w.leader, &w.deputy, &w.handover.leader, &w.handover.deputy]
        .into_iter()
        .flatten()
    {
        unit(&mut c, name);
    }
    for h in &w.honours {
        unit(&mut c, &h.title);
        for name in &h.to {
            unit(&mut c, name);
        }
    }
    if let Some(name) = cluster {
        c.add(name, IN_UNIT);
    }
    if let Some(bloc) = w.cluster.as_ref().and_then(|k| k.bloc.as_deref()) {
        c.add(bloc, IN_UNIT);
    }
    for tag in &w.tags {
        c.add(tag, IN_META);
    }
    if let Some(s) = &w.summary {
        c.add(s, IN_META);
    }
    c.add(text, IN_BODY);
    c.finish()
}

/// A write-up's units, then its honour titles, joined by " · ".
fn facts(w: &WriteUp) -> String {
    let mut all: Vec<&str> = w.units();
    let mut titles: Vec<&str> = w.honours.iter().map(|h| h.title.as_str()).collect();
    titles.sort_unstable();
    titles.dedup();
    all.extend(titles);
    all.join(" · ")
}

/// Writes every file of the index through `emit` (path under the output, bytes).
pub fn write_index<'a>(
    corpus: &'a Corpus,
    t: &I18n,
    config: &Config,
    urls: &Urls,
    aliases: &Aliases,
    emit: &(dyn Fn(String, Vec<u8>) -> Result<(), Diagnostic> + Sync),
) -> Result<(), Diagnostic> {
    let published: Vec<&'a WriteUp> = corpus
        .writeups
        .iter()
        .map(|w| &**w)
        .filter(|w| !w.draft)
        .collect();
    let clusters: Vec<String> = corpus
        .clusters
        .iter()
        .map(|c| cluster_name(&c.key, t))
        .collect();
    let honours = honour_docs(urls, corpus, t, config);
    let vocab = Vocab::new();
    // The texts of the docs from here on are written at the end, with the
    // honour pages' (whose texts share the last chunk of the write-ups').
    let tail = if honours.is_empty() {
        published.len()
    } else {
        published.len() / TEXT_CHUNK * TEXT_CHUNK
    };
    // Docs and their words, in parallel, a text chunk at a time: each chunk's
    // texts are written at once and not kept. In corpus order (by date), then
    // the honour pages.
    let make = |first: usize, batch: &[&'a WriteUp]| {
        batch
            .par_chunks(TEXT_CHUNK)
            .enumerate()
            .map(|(k, chunk)| {
                let n = first / TEXT_CHUNK + k;
                let (mut docs, terms): (Vec<Doc>, Vec<DocTerms>) = chunk
                    .iter()
                    .map(|w| writeup_doc(&vocab, urls, corpus, w, &clusters, config, aliases))
                    .unzip();
                if n * TEXT_CHUNK < tail {
                    write_texts(urls, n, &docs, emit)?;
                    for d in &mut docs {
                        d.text = String::new();
                    }
                }
                Ok((docs, terms))
            })
            .collect::<Result<Vec<_>, Diagnostic>>()
    };
    // A batch of write-ups is made in parallel while the words of the batch
    // before are merged into the postings: no batch's words are kept.
    let mut docs: Vec<Doc> = Vec::with_capacity(published.len() + honours.len());
    let mut merger = Merger::default();
    let mut pending: Vec<(Vec<Doc>, Vec<DocTerms>)> = Vec::new();
    for (b, batch) in published.chunks(BATCH).enumerate() {
        let (made, ()) = rayon::join(
            || make(b * BATCH, batch),
            || {
                for (_, terms) in &pending {
                    for t in terms {
                        merger.add(t);
                    }
                }
            },
        );
        for (d, _) in pending.drain(..) {
            docs.extend(d);
        }
        pending = made?;
    }
    for (d, terms) in pending {
        docs.extend(d);
        for t in &terms {
            merger.add(t);
        }
    }
    for doc in honours {
        let mut c = Collector::new(&vocab, 256);
        c.add(doc.title, IN_TITLE);
        for a in aliases.of(doc.title) {
            c.add(a, IN_TITLE);
        }
        c.add(&doc.text, IN_BODY);
        merger.add(&c.finish());
        docs.push(doc);
    }
    for (i, chunk) in docs[tail..].chunks(TEXT_CHUNK).enumerate() {
        write_texts(urls, tail / TEXT_CHUNK + i, chunk, emit)?;
    }

    let (postings, spill) = merger.finish(vocab.into_spellings());
    let shards = layout::Layout::new(postings.iter().map(|(folded, list)| {
        let size: usize = list.iter().map(|(_, p)| p.docs.len()).sum();
        (folded.as_str(), size)
    }));

    let kinds: Vec<(&str, &str)> = std::iter::once((HONOUR_DOC, t.get("search_honour")))
        .chain(crate::model::Kind::ALL.iter().map(|k| {
            (
                k.as_str(),
                t.get(match k {
                    crate::model::Kind::Summary => "kind_summary",
                    crate::model::Kind::Pledge => "kind_pledge",
                    crate::model::Kind::Launch => "kind_launch",
                    crate::model::Kind::Review => "kind_review",
                    crate::model::Kind::Other => "kind_other",
                }),
            )
        }))
        .collect();
    let mut years: Vec<i32> = docs.iter().map(|d| d.year).collect();
    years.sort_unstable();
    years.dedup();
    let min_year = years.first().copied().unwrap_or(0);

    #[derive(Serialize)]
    struct Meta<'a> {
        docs: usize,
        #[serde(rename = "docChunk")]
        doc_chunk: usize,
        #[serde(rename = "textChunk")]
        text_chunk: usize,
        #[serde(rename = "posRange")]
        pos_range: u32,
        /// How counts group their thousands ("2.847").
        thousands: char,
        shards: Vec<&'a str>,
        clusters: Vec<(&'a str, String)>,
        kinds: &'a [(&'a str, &'a str)],
        years: &'a [i32],
    }
    let meta = Meta {
        docs: docs.len(),
        doc_chunk: DOC_CHUNK,
        text_chunk: TEXT_CHUNK,
        pos_range: POS_RANGE,
        thousands: config.language.thousands_sep(),
        shards: shards.names().collect(),
        clusters: corpus
            .clusters
            .iter()
            .zip(&clusters)
            .map(|(c, name)| (name.as_str(), urls.cluster(&c.key)))
            .collect(),
        kinds: &kinds,
        years: &years,
    };
    let mut manifest = b"window.BAOCAO_SEARCH_META=".to_vec();
    json(&mut manifest, &meta);
    manifest.extend_from_slice(b";\n");
    emit(urls.search_index(), manifest)?;

    // Facets: three characters a doc (cluster + 1, year - first year, kind).
    let kind_index = |k: &str| kinds.iter().position(|(n, _)| *n == k).unwrap_or(0);
    let facets: String = docs
        .iter()
        .flat_map(|d| {
            [
                (d.cluster + 1) as u32,
                (d.year - min_year).max(0) as u32,
                kind_index(d.kind) as u32,
            ]
        })
        .map(|v| char::from_u32(0x30 + v.min(0xD000)).unwrap_or('0'))
        .collect();
    let mut bytes = b"BAOCAO_SEARCH.facets(".to_vec();
    json(&mut bytes, &facets);
    bytes.extend_from_slice(b");\n");
    emit(urls.search_file("facets.js"), bytes)?;

    // The docs table and the texts, a chunk a file.
    docs.par_chunks(DOC_CHUNK)
        .enumerate()
        .try_for_each(|(n, chunk)| {
            let rows: Vec<_> = chunk
                .iter()
                .map(|d| {
                    (
                        &d.url, d.title, &d.iso, &d.shown, d.cluster, d.kind, &d.thumb, &d.facts,
                    )
                })
                .collect();
            let mut bytes = format!("BAOCAO_SEARCH.docs({n},").into_bytes();
            json(&mut bytes, &rows);
            bytes.extend_from_slice(b");\n");
            emit(urls.search_file(&format!("docs/{n}.js")), bytes)
        })?;
    // The term shards and their positions.
    let groups = shards.group(&postings);
    groups.par_iter().try_for_each(|(name, members)| {
        emit(
            urls.search_file(&format!("idx/{name}.js")),
            shard_file(name, members),
        )
    })?;
    // The positions, a range at a time: one range's blob is read back into
    // memory at once.
    for spilled in &spill.ranges {
        let blob = spill.read(spilled).map_err(|e| {
            let path = urls.search_file("idx");
            Diagnostic::error(
                std::path::PathBuf::from(&path),
                msg!("cannot-write", path = &path, error = e.to_string()),
            )
        })?;
        groups.par_iter().try_for_each(|(name, members)| {
            match pos_file(name, members, spilled, &blob) {
                Some(bytes) => emit(
                    urls.search_file(&format!("idx/{name}.pos-{}.js", spilled.range)),
                    bytes,
                ),
                None => Ok(()),
            }
        })?;
    }
    Ok(())
}

/// The doc of a write-up and its words.
fn writeup_doc<'a>(
    vocab: &Vocab,
    urls: &Urls,
    corpus: &Corpus,
    w: &'a WriteUp,
    clusters: &[String],
    config: &Config,
    aliases: &Aliases,
) -> (Doc<'a>, DocTerms) {
    let cluster = w
        .cluster
        .as_ref()
        .and_then(|k| corpus.cluster(k))
        .map(|(i, _)| i);
    let text = plain_text(&w.body);
    let words = writeup_terms(
        vocab,
        w,
        cluster.map(|i| clusters[i].as_str()),
        &text,
        aliases,
    );
    let doc = Doc {
        url: urls.conference(&w.slug),
        title: &w.title,
        iso: w.date.to_string(),
        shown: config.language.format_date(w.date),
        cluster: cluster.map_or(-1, |i| i as i64),
        kind: w.kind.as_str(),
        year: w.year,
        thumb: crate::assets::html::thumb(w).map(|c| (c.src, c.width, c.height)),
        text,
        facts: facts(w),
    };
    (doc, words)
}

/// `txt/<n>.js`: the texts of these docs.
fn write_texts(
    urls: &Urls,
    n: usize,
    docs: &[Doc],
    emit: &(dyn Fn(String, Vec<u8>) -> Result<(), Diagnostic> + Sync),
) -> Result<(), Diagnostic> {
    let size: usize = docs.iter().map(|d| d.text.len() + 3).sum();
    let mut bytes = format!("BAOCAO_SEARCH.text({n},[").into_bytes();
    bytes.reserve(size + 4);
    for (i, d) in docs.iter().enumerate() {
        if i > 0 {
            bytes.push(b',');
        }
        json_text(&mut bytes, &d.text);
    }
    bytes.extend_from_slice(b"]);\n");
    emit(urls.search_file(&format!("txt/{n}.js")), bytes)
}

/// A spelling's postings, encoded as they are written in [`number`]s, which
/// follow one another with no separator: `docs` holds, per posting, `(doc -
/// previous doc) * 16 + fields`; `positions`, per posting, the gaps between
/// the word's positions (the first from 0), postings joined by `;` within a
/// range of [`POS_RANGE`] docs. Only the range being merged is held here;
/// each range is then [`Spill`]ed.
#[derive(Default)]
pub struct Encoded {
    docs: String,
    positions: String,
    prev: u32,
    /// The spelling's number in the build's [`Vocab`].
    id: u32,
}

/// Every spelling of every folded term: folded → [(spelling, postings)],
/// sorted by folded term, then spelling.
pub type Postings = Vec<(String, Vec<(String, Encoded)>)>;

/// The positions of the ranges merged so far, out of memory: in a file of
/// the system's temporary folder, deleted when it is dropped (or kept in
/// memory when no such file can be made or written).
#[derive(Default)]
struct Spill {
    file: Option<std::fs::File>,
    /// Whether the next range may go to the file: not after a write failed
    /// (the ranges written before stay readable there).
    writable: bool,
    /// Where the file stands (bytes written).
    end: u64,
    /// The blobs of the ranges that could not go to the file, by range.
    kept: HashMap<u32, Vec<u8>>,
    ranges: Vec<Spilled>,
    tried: bool,
}

/// One range's positions: a blob of every spelling's text, one after the other.
struct Spilled {
    range: u32,
    /// Where the blob is in the file, and its length.
    at: u64,
    len: u64,
    /// Per spelling (by [`Vocab`] number, ascending): its text's start and end in the blob.
    terms: Vec<(u32, u32, u32)>,
}

impl Spill {
    /// Adds the texts of a range (spelling number, text), one after the
    /// other.
    fn put(&mut self, range: u32, parts: &[(u32, &[u8])]) {
        use std::io::{Seek as _, SeekFrom, Write as _};
        if !self.tried {
            self.tried = true;
            self.file = tempfile::tempfile().ok();
            self.writable = self.file.is_some();
        }
        let mut terms = Vec::with_capacity(parts.len());
        let mut len = 0u32;
        for &(k, text) in parts {
            let start = len;
            len += text.len() as u32;
            terms.push((k, start, len));
        }
        terms.sort_unstable();
        let at = self.end;
        let written = self.writable
            && self.file.as_mut().is_some_and(|f| {
                if f.seek(SeekFrom::Start(at)).is_err() {
                    return false;
                }
                let mut w = std::io::BufWriter::with_capacity(1 << 16, &*f);
                parts.iter().all(|(_, text)| w.write_all(text).is_ok()) && w.flush().is_ok()
            });
        if written {
            self.end += u64::from(len);
        } else {
            // A file that failed once is not trusted with the rest.
            self.writable = false;
            let mut blob = Vec::with_capacity(len as usize);
            for (_, text) in parts {
                blob.extend_from_slice(text);
            }
            self.kept.insert(range, blob);
        }
        self.ranges.push(Spilled {
            range,
            at,
            len: u64::from(len),
            terms,
        });
    }

    /// The blob of a spilled range.
    fn read(&self, s: &Spilled) -> std::io::Result<std::borrow::Cow<'_, [u8]>> {
        if let Some(blob) = self.kept.get(&s.range) {
            return Ok(std::borrow::Cow::Borrowed(blob));
        }
        let Some(f) = &self.file else {
            return Err(std::io::Error::other("the temporary file was lost"));
        };
        use std::io::{Read as _, Seek as _};
        let mut f: &std::fs::File = f;
        f.seek(std::io::SeekFrom::Start(s.at))?;
        let mut blob = vec![0; s.len as usize];
        f.read_exact(&mut blob)?;
        Ok(std::borrow::Cow::Owned(blob))
    }
}

/// Turns the words of each doc into the postings of each spelling, encoded as
/// they go: docs are added in order, each appending to its spellings' texts
/// (no doc is visited twice, nothing is read at random). The positions of a
/// range of docs are spilled once the range is merged, so they are never all
/// in memory (they are most of the index).
#[derive(Default)]
struct Merger {
    /// The postings so far, by the spelling's number in the [`Vocab`].
    terms: Vec<Encoded>,
    next: u32,
    /// The range of docs being merged.
    range: u32,
    /// The spellings with positions in that range.
    touched: Vec<u32>,
    spill: Spill,
}

impl Merger {
    fn add(&mut self, doc: &DocTerms) {
        let d = self.next;
        self.next += 1;
        if d / POS_RANGE != self.range {
            self.seal();
            self.range = d / POS_RANGE;
        }
        for entry in &doc.entries {
            let k = entry.id as usize;
            if k >= self.terms.len() {
                self.terms.resize_with(k + 1, Encoded::default);
            }
            let e = &mut self.terms[k];
            // Every posting has a position: empty positions are a first
            // posting in this range.
            if e.positions.is_empty() {
                self.touched.push(entry.id);
            } else {
                e.positions.push(';');
            }
            number(
                &mut e.docs,
                u64::from(d - e.prev) * 16 + u64::from(entry.flags),
            );
            e.prev = d;
            let mut last = 0u32;
            for &p in &doc.positions[entry.positions.0 as usize..entry.positions.1 as usize] {
                number(&mut e.positions, u64::from(p - last));
                last = p;
            }
        }
    }

    /// Spills the positions of the range being merged, each spelling's text
    /// written to the file as it is (no copy of the range is assembled).
    fn seal(&mut self) {
        let Merger {
            terms,
            touched,
            spill,
            range,
            ..
        } = self;
        if touched.is_empty() {
            return;
        }
        let parts: Vec<(u32, &[u8])> = touched
            .iter()
            .map(|&k| (k, terms[k as usize].positions.as_bytes()))
            .collect();
        spill.put(*range, &parts);
        for &k in touched.iter() {
            terms[k as usize].positions = String::new();
        }
        touched.clear();
    }

    /// The postings by folded term, given the spellings by number, and the
    /// spilled positions.
    fn finish(mut self, spellings: Vec<Box<str>>) -> (Postings, Spill) {
        self.seal();
        let spill = std::mem::take(&mut self.spill);
        let mut folded: Vec<(String, Box<str>, Encoded)> = spellings
            .into_iter()
            .zip(self.terms)
            .enumerate()
            .map(|(id, (s, mut list))| {
                list.id = id as u32;
                (s, list)
            })
            .filter(|(_, list)| !list.docs.is_empty())
            .map(|(s, list)| (tokenize::fold(&s), s, list))
            .collect();
        folded.par_sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
        let mut out: Postings = Vec::new();
        for (f, s, list) in folded {
            match out.last_mut() {
                Some((last, spellings)) if *last == f => spellings.push((s.into(), list)),
                _ => out.push((f, vec![(s.into(), list)])),
            }
        }
        (out, spill)
    }
}

/// A shard's script of the docs and fields of each spelling.
fn shard_file(name: &str, members: &[&(String, Vec<(String, Encoded)>)]) -> Vec<u8> {
    let size: usize = members
        .iter()
        .flat_map(|(_, s)| s.iter().map(|(_, e)| e.docs.len() + 16))
        .sum();
    let mut idx = String::with_capacity(size);
    let _ = write!(idx, "BAOCAO_SEARCH.shard(\"{name}\",{{");
    for (i, (folded, spellings)) in members.iter().enumerate() {
        if i > 0 {
            idx.push(',');
        }
        json_str(&mut idx, folded);
        idx.push_str(":[");
        for (j, (spelling, e)) in spellings.iter().enumerate() {
            if j > 0 {
                idx.push(',');
            }
            idx.push('[');
            json_str(&mut idx, spelling);
            idx.push_str(",\"");
            idx.push_str(&e.docs);
            idx.push_str("\"]");
        }
        idx.push(']');
    }
    idx.push_str("});\n");
    idx.into_bytes()
}

/// A shard's script of the positions of one range of docs (see [`Encoded`]),
/// from the range's spilled blob: `BAOCAO_SEARCH.pos(name, range, {folded:
/// [positions of each spelling, "" when it is not in the range]})`, only the
/// terms found in the range; none when there is no such term.
fn pos_file(
    name: &str,
    members: &[&(String, Vec<(String, Encoded)>)],
    spilled: &Spilled,
    blob: &[u8],
) -> Option<Vec<u8>> {
    let text = |id: u32| -> &str {
        match spilled.terms.binary_search_by_key(&id, |&(k, _, _)| k) {
            Ok(i) => {
                let (_, from, to) = spilled.terms[i];
                std::str::from_utf8(&blob[from as usize..to as usize]).unwrap_or_default()
            }
            Err(_) => "",
        }
    };
    let mut pos = String::new();
    let _ = write!(pos, "BAOCAO_SEARCH.pos(\"{name}\",{},{{", spilled.range);
    let mut first = true;
    for (folded, spellings) in members {
        // A spelling in the range has positions there; one that is not, none.
        let parts: Vec<&str> = spellings.iter().map(|(_, e)| text(e.id)).collect();
        if parts.iter().all(|p| p.is_empty()) {
            continue;
        }
        if !first {
            pos.push(',');
        }
        first = false;
        json_str(&mut pos, folded);
        pos.push_str(":[");
        for (j, part) in parts.iter().enumerate() {
            if j > 0 {
                pos.push(',');
            }
            pos.push('"');
            pos.push_str(part);
            pos.push('"');
        }
        pos.push(']');
    }
    pos.push_str("});\n");
    (!first).then(|| pos.into_bytes())
}

/// The last digit of a [`number`], by value.
const LAST_DIGITS: &[u8; 32] = b"0123456789abcdefghijklmnopqrstuv";
/// The other digits of a [`number`], by value.
const MORE_DIGITS: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZwxyz$_";

/// Appends `n` in base 32, most significant digit first, its last digit from
/// [`LAST_DIGITS`] and the others from [`MORE_DIGITS`]: a number ends where a
/// last digit is, so numbers need no separator (most position gaps and doc
/// steps are one character). `static/search.js` reads them back.
fn number(out: &mut String, mut n: u64) {
    let last = LAST_DIGITS[(n & 31) as usize];
    n >>= 5;
    if n == 0 {
        out.push(char::from(last));
        return;
    }
    if n < 32 {
        // Two digits, the most common case after one.
        out.push(char::from(MORE_DIGITS[n as usize]));
        out.push(char::from(last));
        return;
    }
    let mut buf = [0u8; 13];
    let mut i = buf.len() - 1;
    buf[i] = last;
    while n > 0 {
        i -= 1;
        buf[i] = MORE_DIGITS[(n & 31) as usize];
        n >>= 5;
    }
    // ASCII digits only: pushed as they are, with no UTF-8 check.
    for &b in &buf[i..] {
        out.push(char::from(b));
    }
}

/// The numbers of a string written by [`number`] (for the tests, which read
/// the index as the page does).
#[cfg(test)]
fn numbers(s: &str) -> Vec<u64> {
    let mut out = Vec::new();
    let mut v = 0u64;
    for b in s.bytes() {
        if let Some(d) = LAST_DIGITS.iter().position(|&x| x == b) {
            out.push(v * 32 + d as u64);
            v = 0;
        } else if let Some(d) = MORE_DIGITS.iter().position(|&x| x == b) {
            v = v * 32 + d as u64;
        }
    }
    out
}

/// `s` as a JSON string, as `serde_json` writes it: a text without control
/// characters (the plain texts have none) only needs its `"` and `\`
/// escaped, found a block at a time.
fn json_text(out: &mut Vec<u8>, s: &str) {
    let b = s.as_bytes();
    if b.iter().fold(false, |any, &c| any | (c < 0x20)) {
        json(out, s);
        return;
    }
    out.push(b'"');
    let mut from = 0;
    for i in memchr::memchr2_iter(b'"', b'\\', b) {
        out.extend_from_slice(&b[from..i]);
        out.push(b'\\');
        out.push(b[i]);
        from = i + 1;
    }
    out.extend_from_slice(&b[from..]);
    out.push(b'"');
}

fn json_str(out: &mut String, s: &str) {
    // Serializing a string cannot fail.
    if let Ok(j) = serde_json::to_string(s) {
        out.push_str(&j);
    }
}

fn json<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) {
    // Serializing into memory cannot fail.
    let _ = serde_json::to_writer(&mut *out, value);
}

/// A doc per honour page: its title, its level and how often it was proposed
/// and conferred.
fn honour_docs<'a>(urls: &Urls, corpus: &'a Corpus, t: &I18n, config: &Config) -> Vec<Doc<'a>> {
    let num = |n: u64| crate::text::group_thousands(n, config.language.thousands_sep());
    corpus
        .honours
        .iter()
        .enumerate()
        .map(|(i, title)| {
            let tally = corpus.honour_tally(i);
            let (first, last) = (
                tally.first_year.unwrap_or_default(),
                tally.last_year.unwrap_or_default(),
            );
            let years = if first == last {
                last.to_string()
            } else {
                format!("{first}–{last}")
            };
            let text = format!(
                "{}. {}: {}; {}: {}.",
                t.get(&format!("honour_level_{}", title.level.as_str())),
                t.get("honour_times_proposed"),
                num(tally.proposed),
                t.get("honour_times_conferred"),
                num(tally.conferred),
            );
            Doc {
                url: urls.honour(&title.slug),
                title: title.title.as_str(),
                iso: last.to_string(),
                shown: years,
                cluster: -1,
                kind: HONOUR_DOC,
                year: last,
                thumb: None,
                text,
                facts: String::new(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_words_are_their_bytes() {
        let words = [
            "",
            "a",
            "ab",
            "abc",
            "abcd",
            "công",
            "trưởng",
            "nghiệp",
            "12345678",
            "Thành",
            "phố",
            "1234567890abcdef",
            "xyzxyzxyzxyzxyz",
            "đồng_chí",
            "quốc-phòng",
        ];
        for w in words {
            let mut padded = [0u8; 16];
            padded[..w.len()].copy_from_slice(w.as_bytes());
            let mut want = [0u64; 2];
            for (k, chunk) in padded.chunks(8).enumerate() {
                want[k] = u64::from_le_bytes(chunk.try_into().unwrap());
            }
            assert_eq!(pack(w.as_bytes()), Some(want), "{w}");
        }
        assert_eq!(pack("abcdefghijklmnopq".as_bytes()), None);
    }

    #[test]
    fn plain_text_drops_markup() {
        let text =
            plain_text("# Tiêu đề\n\nĐoạn **một** với [liên kết](x.html).\n\n- mục A\n- mục B\n");
        assert_eq!(text, "Tiêu đề Đoạn một với liên kết. mục A mục B");
    }

    #[test]
    fn texts_are_json_strings() {
        for s in [
            "",
            "Lạng Sơn",
            "\"trích\" và \\ gạch",
            "\\\"",
            "tab\tdòng\nvề\r\u{1}\u{1f}",
            "\u{2028}\u{2029}</script>",
            "kết thúc bằng \"",
        ] {
            let mut got = Vec::new();
            json_text(&mut got, s);
            assert_eq!(
                String::from_utf8(got).unwrap(),
                serde_json::to_string(s).unwrap(),
                "{s:?}"
            );
        }
    }

    #[test]
    fn plain_text_splits_at_the_space_that_starts_like_a_letter() {
        // U+1680 is E1 9A 80; "ệ" (E1 BB 87) and "ở" (E1 BB 9F) start alike.
        assert_eq!(plain_text("Hiệu\u{1680}ởđó **và** ệ\n"), "Hiệu ởđó và ệ");
        assert_eq!(plain_text("Hiệu ởđó\n"), "Hiệu ởđó");
    }

    #[test]
    fn plain_text_single_spaces_every_kind_of_whitespace() {
        // The words as `split_whitespace` sees them, joined by one space.
        let texts = [
            "Lạng Sơn",
            "  hai  khoảng\tcách\u{a0}không\u{2009}ngắt\u{3000}đủ ",
            "ở\u{1680}đây\u{205f}và\u{2028}kia\u{85}nữa\u{202f}hết",
            "Sơn\u{e1}\u{e2}La",
            " ",
            "",
        ];
        for t in texts {
            let mut p = PlainText::for_body(t);
            p.text(t);
            let want: Vec<&str> = t.split_whitespace().collect();
            assert_eq!(p.out, want.join(" "), "{t:?}");
            assert_eq!(p.space, t.ends_with(char::is_whitespace), "{t:?}");
        }
        // Words of two events are spaced as the text says.
        let mut p = PlainText::for_body("");
        p.text("Cao ");
        p.text("Bằng");
        p.text("-Lạng Sơn");
        assert_eq!(p.out, "Cao Bằng-Lạng Sơn");
    }

    #[test]
    fn plain_text_reads_tables_as_the_page_shows_them() {
        let text = plain_text("| Đơn vị | Tập thể |\n|---|---:|\n| Lai Châu | 2.847 |\n");
        assert_eq!(text, "Đơn vị Tập thể Lai Châu 2.847");
    }

    #[test]
    fn positions_are_split_by_range_of_docs() {
        let vocab = Vocab::new();
        // Two docs at the end of the first range, two at the start of the next.
        let mut merger = Merger {
            next: POS_RANGE - 2,
            ..Merger::default()
        };
        for (i, text) in ["tội phạm", "phạm tội", "tội", "phạm phạm tội"]
            .into_iter()
            .enumerate()
        {
            let mut c = Collector::new(&vocab, 64);
            c.add(text, IN_BODY);
            merger.add(&c.finish());
            // The first range is out of memory once the next one begins.
            assert_eq!(merger.spill.ranges.len(), usize::from(i >= 2), "doc {i}");
        }
        let (postings, spill) = merger.finish(vocab.into_spellings());
        let members: Vec<_> = postings.iter().collect();
        let files: Vec<(u32, String)> = spill
            .ranges
            .iter()
            .map(|s| {
                let blob = spill.read(s).expect("read back");
                let file = pos_file("x", &members, s, &blob).expect("a file");
                (s.range, String::from_utf8(file).expect("UTF-8"))
            })
            .collect();
        assert_eq!(
            files,
            [
                (
                    0,
                    r#"BAOCAO_SEARCH.pos("x",0,{"pham":["1;0"],"toi":["0;1"]});"#.to_string()
                        + "\n"
                ),
                (
                    1,
                    r#"BAOCAO_SEARCH.pos("x",1,{"pham":["01"],"toi":["0;2"]});"#.to_string() + "\n"
                ),
            ]
        );
    }

    #[test]
    fn a_spill_without_a_file_keeps_its_ranges_in_memory() {
        let mut spill = Spill {
            tried: true,
            ..Spill::default()
        };
        spill.put(3, &[(7, &b"0;1"[..]), (2, &b"45"[..])]);
        spill.put(4, &[(7, &b"2"[..])]);
        let read: Vec<Vec<u8>> = spill
            .ranges
            .iter()
            .map(|s| spill.read(s).expect("read").into_owned())
            .collect();
        assert_eq!(read, [b"0;145".to_vec(), b"2".to_vec()]);
        // By spelling number: where each text is in its range.
        assert_eq!(spill.ranges[0].terms, [(2, 3, 5), (7, 0, 3)]);
    }

    #[test]
    fn a_failed_write_keeps_the_ranges_already_in_the_file() {
        let named = tempfile::NamedTempFile::new().expect("temp file");
        let mut spill = Spill {
            file: Some(named.reopen().expect("reopen")),
            writable: true,
            tried: true,
            ..Spill::default()
        };
        spill.put(0, &[(7, &b"0;1"[..])]);
        // The file now refuses writes: the next range stays in memory.
        spill.file = Some(std::fs::File::open(named.path()).expect("read-only"));
        spill.put(1, &[(7, &b"2"[..])]);
        spill.put(2, &[(7, &b"3"[..])]);
        let read: Vec<Vec<u8>> = spill
            .ranges
            .iter()
            .map(|s| spill.read(s).expect("read").into_owned())
            .collect();
        assert_eq!(read, [b"0;1".to_vec(), b"2".to_vec(), b"3".to_vec()]);
    }

    #[test]
    fn a_doc_groups_its_words_by_spelling() {
        let vocab = Vocab::new();
        let mut c = Collector::new(&vocab, 64);
        c.add("Lạng Sơn", IN_TITLE);
        c.add("lạng sơn, Lang", IN_BODY);
        let terms = c.finish();
        let spellings = vocab.into_spellings();
        let words: Vec<(&str, u8, &[u32])> = terms
            .entries
            .iter()
            .map(|e| {
                (
                    &*spellings[e.id as usize],
                    e.flags,
                    &terms.positions[e.positions.0 as usize..e.positions.1 as usize],
                )
            })
            .collect();
        // The title is at 0 and 1; a gap; the body at 3, 4, 5. Spellings
        // in the order first met.
        assert_eq!(
            words,
            [
                ("lạng", IN_TITLE | IN_BODY, &[0, 3][..]),
                ("sơn", IN_TITLE | IN_BODY, &[1, 4][..]),
                ("lang", IN_BODY, &[5][..]),
            ]
        );
    }

    #[test]
    fn numbers_need_no_separator() {
        let all = [
            0,
            31,
            32,
            16 * 3 + 9,
            1023,
            1024,
            40_000,
            u64::from(u32::MAX),
            u64::MAX,
        ];
        let mut s = String::new();
        for n in all {
            number(&mut s, n);
        }
        assert_eq!(numbers(&s), all);
        let mut one = String::new();
        number(&mut one, 33);
        assert_eq!(one, "B1", "32 + 1: a digit that goes on, then a last one");
        // Every number up to 40,000 reads back alone and in a run.
        let mut run = String::new();
        for n in 0..40_000u64 {
            let mut alone = String::new();
            number(&mut alone, n);
            assert_eq!(numbers(&alone), [n]);
            run.push_str(&alone);
        }
        assert_eq!(numbers(&run), (0..40_000).collect::<Vec<u64>>());
    }
}
