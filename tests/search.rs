//! The full-text search index: build real sites and read the shard files the
//! way search.js does (the manifest's shard names, the longest one that starts
//! a term, the postings of each spelling).

mod common;

use std::collections::BTreeMap;

use common::Site;
use serde_json::Value;

/// The JSON a script of the index hands over: what follows `prefix` up to `);`.
fn handed(text: &str, prefix: &str) -> Value {
    let json = text
        .strip_prefix(prefix)
        .and_then(|s| s.trim_end().strip_suffix(");"))
        .unwrap_or_else(|| panic!("a script starting {prefix}: {text:.200}"));
    serde_json::from_str(json).expect("valid JSON")
}

/// The numbers of a postings string: base 32, most significant digit first,
/// a number ending at a digit of `0-9a-v` (the others go on: `A-Z`, `w-z`,
/// `$`, `_`).
fn numbers(s: &str) -> Vec<u64> {
    const LAST: &str = "0123456789abcdefghijklmnopqrstuv";
    const MORE: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZwxyz$_";
    let mut out = Vec::new();
    let mut v = 0;
    for c in s.chars() {
        match (LAST.find(c), MORE.find(c)) {
            (Some(d), _) => {
                out.push(v * 32 + d as u64);
                v = 0;
            }
            (None, Some(d)) => v = v * 32 + d as u64,
            (None, None) => panic!("{c:?} is no digit of the index: {s}"),
        }
    }
    assert_eq!(v, 0, "a number is left unfinished: {s}");
    out
}

struct Index<'a> {
    site: &'a Site,
    meta: Value,
}

/// One doc a term is in, with the fields it is in.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Hit {
    url: String,
    spelling: String,
    flags: u64,
    positions: Vec<u64>,
}

const TITLE: u64 = 1;
const UNIT: u64 = 2;
const META: u64 = 4;
const BODY: u64 = 8;

impl<'a> Index<'a> {
    fn open(site: &'a Site) -> Index<'a> {
        let text = site.page("tim-kiem/search-index.js");
        let json = text
            .strip_prefix("window.BAOCAO_SEARCH_META=")
            .and_then(|s| s.trim_end().strip_suffix(';'))
            .expect("the manifest script");
        Index {
            site,
            meta: serde_json::from_str(json).expect("JSON"),
        }
    }

    fn shards(&self) -> Vec<String> {
        self.meta["shards"]
            .as_array()
            .expect("shards")
            .iter()
            .map(|s| s.as_str().expect("name").to_string())
            .collect()
    }

    /// The shard search.js loads for a folded term.
    fn shard_of(&self, folded: &str) -> Option<String> {
        let key: String = folded
            .chars()
            .map(|c| {
                if c.is_ascii_lowercase() || c.is_ascii_digit() {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let shards = self.shards();
        (1..=key.len().min(4))
            .rev()
            .map(|n| key[..n].to_string())
            .find(|p| shards.contains(p))
    }

    fn url(&self, doc: u64) -> String {
        let chunk = self.meta["docChunk"].as_u64().expect("docChunk");
        let n = doc / chunk;
        let docs = handed(
            &self.site.page(&format!("tim-kiem/docs/{n}.js")),
            &format!("BAOCAO_SEARCH.docs({n},"),
        );
        docs[(doc % chunk) as usize][0]
            .as_str()
            .expect("url")
            .to_string()
    }

    fn text(&self, doc: u64) -> String {
        let chunk = self.meta["textChunk"].as_u64().expect("textChunk");
        let n = doc / chunk;
        let texts = handed(
            &self.site.page(&format!("tim-kiem/txt/{n}.js")),
            &format!("BAOCAO_SEARCH.text({n},"),
        );
        texts[(doc % chunk) as usize]
            .as_str()
            .expect("text")
            .to_string()
    }

    /// Every doc holding the folded term, with each spelling.
    fn find(&self, folded: &str) -> Vec<Hit> {
        let Some(shard) = self.shard_of(folded) else {
            return Vec::new();
        };
        let idx = handed(
            &self.site.page(&format!("tim-kiem/idx/{shard}.js")),
            &format!("BAOCAO_SEARCH.shard(\"{shard}\","),
        );
        let range = self.meta["posRange"].as_u64().expect("posRange");
        // The positions files of the shard, by range of docs, read when needed.
        let mut pos: std::collections::HashMap<u64, serde_json::Value> = Default::default();
        let mut hits = Vec::new();
        let Some(spellings) = idx[folded].as_array() else {
            return hits;
        };
        for (s, entry) in spellings.iter().enumerate() {
            let spelling = entry[0].as_str().expect("spelling");
            let postings = entry[1].as_str().expect("postings");
            let mut doc = 0;
            // The range of the doc before and its part's number there.
            let mut at: Option<(u64, usize)> = None;
            for v in numbers(postings) {
                doc += v / 16;
                let r = doc / range;
                let k = match at {
                    Some((before, k)) if before == r => k + 1,
                    _ => 0,
                };
                at = Some((r, k));
                let file = pos.entry(r).or_insert_with(|| {
                    handed(
                        &self.site.page(&format!("tim-kiem/idx/{shard}.pos-{r}.js")),
                        &format!("BAOCAO_SEARCH.pos(\"{shard}\",{r},"),
                    )
                });
                let part = file[folded][s]
                    .as_str()
                    .expect("positions")
                    .split(';')
                    .nth(k)
                    .expect("a part per doc of the range")
                    .to_string();
                let mut p = 0;
                let list = numbers(&part)
                    .into_iter()
                    .map(|d| {
                        p += d;
                        p
                    })
                    .collect();
                hits.push(Hit {
                    url: self.url(doc),
                    spelling: spelling.to_string(),
                    flags: v % 16,
                    positions: list,
                });
            }
        }
        hits
    }

    fn urls(&self, folded: &str) -> Vec<String> {
        let mut urls: Vec<String> = self.find(folded).into_iter().map(|h| h.url).collect();
        urls.sort();
        urls.dedup();
        urls
    }
}

const A: &str = "hoi-nghi/cum-2/2023-tong-ket/index.html";

fn full_site() -> Site {
    let site = Site::new();
    site.write(
        "units.yaml",
        "units:\n  - {name: Thành phố Hồ Chí Minh, aliases: [TP.HCM, TPHCM]}\n",
    )
    .write(
        "cum-2/2023-tong-ket.md",
        "---\ntitle: Cụm thi đua số 2 tổng kết năm 2023 tại Lạng Sơn\ndate: 2023-11-25\ncluster: 2\n\
         kind: summary\nhost: Thành phố Hồ Chí Minh\nmembers: [Thành phố Hồ Chí Minh, Cao Bằng]\n\
         honours:\n  - {title: Anh hùng LLVTND, to: [Cao Bằng]}\n\
         tags: [chuyển đổi số]\nsummary: Một năm nhiều thành tích.\n---\n\n\
         Hội nghị ghi nhận **2.847** lượt cá nhân, họp ngày 25/11/2023; CBCS ra khơi trên thuyền.\n",
    );
    site
}

#[test]
fn every_field_of_a_writeup_is_searchable_with_its_field() {
    let site = full_site();
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let index = Index::open(&site);
    let flags = |folded: &str| -> u64 {
        index
            .find(folded)
            .iter()
            .filter(|h| h.url == A)
            .fold(0, |f, h| f | h.flags)
    };
    assert_eq!(flags("lang"), TITLE, "title");
    assert_eq!(flags("thuyen"), BODY, "body only");
    assert_eq!(flags("cao"), UNIT, "a member");
    assert_eq!(flags("llvtnd"), UNIT, "an honour title");
    assert_eq!(flags("chuyen"), META, "a tag");
    assert_eq!(flags("thanh") & META, META, "the summary");
    assert_eq!(flags("cum") & UNIT, UNIT, "the cluster's name");
    assert_eq!(flags("cbcs"), BODY, "an abbreviation");
    // The spelling with its diacritics is kept, for exact matches.
    assert!(index.find("lang").iter().any(|h| h.spelling == "lạng"));
    // The body text is there for snippets, without its markup.
    assert!(
        index.text(0).contains("ghi nhận 2.847 lượt cá nhân"),
        "{}",
        index.text(0)
    );
}

#[test]
fn numbers_dates_and_abbreviations() {
    let site = full_site();
    assert_eq!(site.build(&[]).code, 0);
    let index = Index::open(&site);
    assert_eq!(index.urls("2847"), [A], "2.847 as one number");
    assert_eq!(index.urls("847"), [A], "and its parts");
    // 25/11/2023: three words in a row, which a phrase query finds.
    let at = |t: &str| -> Vec<u64> {
        index
            .find(t)
            .into_iter()
            .filter(|h| h.url == A && h.flags & BODY != 0)
            .flat_map(|h| h.positions)
            .collect()
    };
    let day = at("25");
    assert_eq!(day.len(), 1, "{day:?}");
    assert!(at("11").contains(&(day[0] + 1)));
    assert!(at("2023").contains(&(day[0] + 2)));
}

#[test]
fn aliases_of_units_and_honours_find_the_writeup() {
    let site = full_site();
    assert_eq!(site.build(&[]).code, 0);
    let index = Index::open(&site);
    // units.yaml: TP.HCM and TPHCM for Thành phố Hồ Chí Minh.
    assert_eq!(index.urls("tphcm"), [A]);
    assert_eq!(index.urls("hcm"), [A]);
    // The register: "Danh hiệu Anh hùng Lực lượng vũ trang nhân dân" is
    // written "Anh hùng LLVTND"; its name finds the write-up too.
    assert!(index.urls("vu").contains(&A.to_string()));
    assert!(index.urls("trang").contains(&A.to_string()));
}

#[test]
fn drafts_are_never_in_the_index() {
    let site = full_site();
    site.write(
        "nhap.md",
        "---\ntitle: Bản nháp\ndate: 2023-05-01\ndraft: true\n---\n\nTừ khóa xyzabc chỉ ở đây.\n",
    );
    for extra in [&[][..], &["--drafts"][..]] {
        let run = site.build(extra);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let index = Index::open(&site);
        assert!(index.find("xyzabc").is_empty(), "{extra:?}");
        assert!(index.find("nhap").is_empty(), "{extra:?}");
    }
}

#[test]
fn the_shard_files_are_those_the_manifest_names() {
    let site = Site::sample();
    assert_eq!(site.build(&[]).code, 0);
    let index = Index::open(&site);
    let shards = index.shards();
    assert!(shards.len() > 20, "{shards:?}");
    let on_disk: Vec<String> = common::files(&site.out().join("tim-kiem/idx"));
    let mut expected: Vec<String> = shards
        .iter()
        .flat_map(|s| [format!("{s}.js"), format!("{s}.pos-0.js")])
        .collect();
    expected.sort();
    assert_eq!(on_disk, expected);
    for name in &shards {
        assert!(
            name.len() <= 4 && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
            "{name}"
        );
        let idx = handed(
            &site.page(&format!("tim-kiem/idx/{name}.js")),
            &format!("BAOCAO_SEARCH.shard(\"{name}\","),
        );
        // Every term of a shard is one search.js would look for there.
        for term in idx.as_object().expect("terms").keys() {
            assert_eq!(
                index.shard_of(term).as_deref(),
                Some(name.as_str()),
                "{term}"
            );
        }
    }
    // The docs table and texts hold every doc (the 5 write-ups and the
    // honour pages); the facets three characters a doc.
    let docs = index.meta["docs"].as_u64().expect("docs");
    let facets = handed(&site.page("tim-kiem/facets.js"), "BAOCAO_SEARCH.facets(");
    assert_eq!(
        facets.as_str().expect("facets").chars().count() as u64,
        docs * 3
    );
    assert_eq!(index.urls("dien").len(), 3, "Điện Biên's three write-ups");
    // The page loads the manifest and the script.
    let page = site.page("tim-kiem/index.html");
    assert!(page.contains(r#"<script src="search-index.js"></script>"#));
    // The old one-file index is gone.
    assert!(!page.contains("BAOCAO_SEARCH="));
}

#[test]
fn the_index_is_byte_identical_across_builds() {
    let site = Site::sample();
    assert_eq!(site.build(&[]).code, 0);
    let read = |site: &Site| -> BTreeMap<String, Vec<u8>> {
        let dir = site.out().join("tim-kiem");
        common::files(&dir)
            .into_iter()
            .map(|f| {
                let bytes = std::fs::read(dir.join(&f)).expect("read");
                (f, bytes)
            })
            .collect()
    };
    let first = read(&site);
    assert_eq!(site.build(&[]).code, 0);
    let second = read(&site);
    assert_eq!(first.len(), second.len());
    for (path, bytes) in &first {
        assert!(
            second.get(path) == Some(bytes),
            "{path} differs between two builds"
        );
    }
}

#[test]
fn markup_in_a_title_is_data_in_the_index() {
    let site = Site::new();
    site.write(
        "a.md",
        "---\ntitle: \"<script>alert(1)</script> \\\"onerror=alert(2)\"\ndate: 2023-11-25\n---\n\n<img src=x onerror=alert(3)> nội dung\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let index = Index::open(&site);
    let docs = handed(&site.page("tim-kiem/docs/0.js"), "BAOCAO_SEARCH.docs(0,");
    assert_eq!(docs[0][1], "<script>alert(1)</script> \"onerror=alert(2)");
    assert_eq!(index.urls("onerror").len(), 1);
    assert_eq!(index.urls("script").len(), 1);
}
