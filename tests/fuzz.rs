//! Hostile write-ups from a deterministic generator (fixed seed, bounded
//! count): front matter and bodies with control characters, placeholders, long
//! names, deep brackets, YAML aliases, odd Unicode, links and HTML. For each
//! site: nothing panics, `check` reports an error exactly when `build` fails,
//! every error of `build` names a content file (never an output page, a theme
//! file or the output folder), the XML outputs parse, and no run takes more
//! than 5 seconds.

mod common;

use std::time::{Duration, Instant};

use common::{baocao, Run, Site};

/// A small deterministic generator (xorshift64*): the same cases on every run.
struct Rng {
    state: u64,
    /// The one kind of hostility of this write-up ([`NONE`] for none): one
    /// at a time, so that a broken front matter does not hide a broken body.
    wild: u8,
}

const NONE: u8 = u8::MAX;
const UNIT: u8 = 0;
const LINK: u8 = 1;
const SCALAR: u8 = 2;
const STRUCTURE: u8 = 3;
const VALUE: u8 = 4;

impl Rng {
    fn next(&mut self) -> u64 {
        self.state ^= self.state >> 12;
        self.state ^= self.state << 25;
        self.state ^= self.state >> 27;
        self.state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    /// One of `items`; unless `kind` is this write-up's hostility, one of
    /// the first `safe`.
    fn pick_mild<'a>(&mut self, items: &[&'a str], safe: usize, kind: u8) -> &'a str {
        let n = if self.wild == kind { items.len() } else { safe };
        items[self.below(n)]
    }

    /// Whether to do something hostile of `kind`.
    fn hostile(&mut self, percent: usize, kind: u8) -> bool {
        self.wild == kind && self.chance(percent)
    }
}

const UNITS: &[&str] = &[
    "Lạng Sơn",
    "Lai Châu",
    "Công an tỉnh Điện Biên",
    "Hoà Bình",
    "Cục An ninh đối ngoại",
    "TP.HCM",
    "Москва",
    "東京",
    "A\u{0301}",
    "=SUM(A1)",
    "-1",
    "@x",
    "\u{202e}Phòng PA03",
    "Lạng\u{1e}Sơn",
    "Thái\u{1}Nguyên",
    "...",
    "—",
    "???",
    "…",
    "",
    " ",
];

/// The units that name a unit: those before the placeholders.
const SAFE_UNITS: usize = 15;

const PIECES: &[&str] = &[
    "Hội nghị",
    "tổng kết",
    "Cụm thi đua số II",
    "\u{1}",
    "\u{8}",
    "\u{b}",
    "\u{c}",
    "\u{1b}[31m",
    "\u{1e}",
    "\u{1f}",
    "\u{7f}",
    "\u{85}",
    "\u{9f}",
    "\u{a0}",
    "\u{200b}",
    "\u{feff}",
    "\u{fffe}",
    "\u{ffff}",
    "\u{1F600}",
    "e\u{301}",
    "=1+1",
    "+cmd",
    "-x",
    "@y",
    "<script>alert(1)</script>",
    "<img src=x>",
    "&amp;",
    "&#x1e;",
    "\"",
    "'",
    ": ",
    " #",
    "- ",
    "[",
    "]",
    "{",
    "}",
    "*",
    "&",
    "!",
    "|",
    ">",
    "\\",
    "%",
    "{{ x }}",
    "{% if %}",
    "\t",
];

const LINKS: &[&str] = &[
    "[báo](https://cand.com.vn)",
    "[thư](mailto:a@b.vn)",
    "<a@b.vn>",
    "<https://x.vn>",
    "[js](javascript:alert(1))",
    "[d](data:text/html,x)",
    "[f](#phan-2)",
    "[q](?a=1)",
    "[x](HTTP://X)",
    "[x]()",
    "[báo](www.cand.com.vn)",
    "[abs](/etc/passwd)",
    "[up](../../x.html)",
    "[self](a.md)",
    "[other](b.md#x)",
    "[none](khong-co.md)",
    "[dir](thu-muc/)",
    "![ảnh](anh.jpg)",
    "![](https://x.vn/a.png)",
    "[ref][r]\n\n[r]: www.x.vn",
    "[x](<>)",
    "[x](<a b.md>)",
    "[x](%2e%2e/a.md)",
    "[x](a.MD)",
    "[x](:)",
];

/// The links that work: those before `[x]()`.
const SAFE_LINKS: usize = 9;

/// Text of 0..n pieces, names and words.
fn text(rng: &mut Rng, n: usize) -> String {
    let mut s = String::new();
    for _ in 0..rng.below(n + 1) {
        match rng.below(4) {
            0 => s.push_str(rng.pick_mild(UNITS, SAFE_UNITS, UNIT)),
            1 => s.push_str(rng.pick(PIECES)),
            _ => s.push_str(rng.pick(&["năm", "2023", "Công an", "x", " ", "đơn vị"])),
        }
        if rng.chance(50) {
            s.push(' ');
        }
    }
    if rng.chance(4) {
        s.push_str(&"Cục An ninh đối ngoại ".repeat(1 + rng.below(20)));
    }
    s
}

/// A YAML scalar holding `s`: plain (as written, possibly breaking the YAML),
/// double-quoted with escapes, or single-quoted.
fn scalar(rng: &mut Rng, s: &str) -> String {
    match rng.below(5) {
        0 if rng.wild == SCALAR => s.to_string(),
        1 => format!("'{}'", s.replace('\'', "''").replace('\n', " ")),
        2 => {
            // YAML escapes can make control characters the text does not show.
            let mut out = String::from("\"");
            for c in s.chars() {
                match c {
                    '"' => out.push_str("\\\""),
                    '\\' => out.push_str("\\\\"),
                    c if (c as u32) < 0x20 => out.push_str(&format!("\\x{:02x}", c as u32)),
                    c => out.push(c),
                }
            }
            out.push('"');
            out
        }
        _ => format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\"")),
    }
}

/// `text` as a YAML scalar.
fn quoted_text(rng: &mut Rng, n: usize) -> String {
    let t = text(rng, n);
    scalar(rng, &t)
}

fn unit(rng: &mut Rng) -> String {
    let name = if rng.wild != UNIT || rng.chance(85) {
        rng.pick_mild(UNITS, SAFE_UNITS, UNIT).to_string()
    } else {
        text(rng, 3)
    };
    scalar(rng, &name)
}

fn front_matter(rng: &mut Rng) -> String {
    let mut fm = String::new();
    if !rng.hostile(10, VALUE) {
        let t = text(rng, 6);
        let t = if t.trim().is_empty() {
            "Hội nghị"
        } else {
            &t
        };
        if rng.chance(10) {
            fm.push_str(&format!("title: &t {}\n", scalar(rng, t)));
        } else {
            fm.push_str(&format!("title: {}\n", scalar(rng, t)));
        }
    }
    if !rng.hostile(10, VALUE) {
        let d = rng.pick_mild(
            &[
                "2023-11-25",
                "25/11/2023",
                "2024-02-29",
                "2023-02-30",
                "11/2023",
                "\"2023-11-25\"",
                "2023-11-25\u{1}",
            ],
            3,
            VALUE,
        );
        fm.push_str(&format!("date: {d}\n"));
    }
    let has_cluster = rng.chance(50);
    if has_cluster {
        let c = rng.pick_mild(&["2", "II", "\"số 2\"", "0", "x", "99999999999"], 3, VALUE);
        fm.push_str(&format!("cluster: {c}\n"));
        if rng.chance(20) {
            fm.push_str(&format!("bloc: {}\n", quoted_text(rng, 3)));
        }
    }
    if has_cluster || rng.chance(20) {
        fm.push_str("members:\n");
        for _ in 0..usize::from(has_cluster) + rng.below(5) {
            fm.push_str(&format!("  - {}\n", unit(rng)));
        }
        if rng.hostile(20, STRUCTURE) {
            fm.push_str("  - *t\n");
        }
    }
    for key in ["host", "leader", "deputy"] {
        if rng.chance(40) {
            fm.push_str(&format!("{key}: {}\n", unit(rng)));
        }
    }
    if rng.chance(30) {
        let c = rng.pick_mild(&["10", "\"2.847\"", "", "2.847", "-1", "x"], 3, VALUE);
        let i = rng.pick_mild(&["20", "\"9.341\"", "", "1e9"], 3, VALUE);
        fm.push_str(&format!("awards: {{collectives: {c}, individuals: {i}}}\n"));
    }
    if rng.chance(40) {
        fm.push_str("honours:\n");
        for _ in 0..1 + rng.below(4) {
            let title = text(rng, 3);
            let title = if title.trim().is_empty() && rng.wild != VALUE {
                "Cờ thi đua".to_string()
            } else {
                title
            };
            let title = scalar(rng, &title);
            let to: Vec<String> = (0..1 + rng.below(3)).map(|_| unit(rng)).collect();
            fm.push_str(&format!(
                "  - {{title: {title}, to: [{}]}}\n",
                to.join(", ")
            ));
        }
    }
    for key in ["author", "summary", "source"] {
        if rng.chance(30) {
            fm.push_str(&format!("{key}: {}\n", quoted_text(rng, 4)));
        }
    }
    if rng.chance(30) {
        let tags: Vec<String> = (0..rng.below(4)).map(|_| quoted_text(rng, 2)).collect();
        fm.push_str(&format!("tags: [{}]\n", tags.join(", ")));
    }
    if rng.chance(10) {
        let slug = rng.pick_mild(&["cum-2-x", "-x", "../x", "Hoa Binh", ""], 2, STRUCTURE);
        fm.push_str(&format!("slug: {slug}\n"));
    }
    if rng.hostile(20, STRUCTURE) {
        fm.push_str(&format!("slug: {}\n", "a".repeat(200)));
    }
    if rng.hostile(20, STRUCTURE) {
        fm.push_str("clustre: 2\n");
    }
    if rng.hostile(20, STRUCTURE) {
        let depth = rng.pick(&["3", "99", "150", "3000"]).parse().unwrap_or(3);
        fm.push_str(&format!(
            "tags: {}{}\n",
            "[".repeat(depth),
            "]".repeat(depth)
        ));
    }
    if rng.hostile(20, STRUCTURE) {
        fm.push_str(&format!(
            "source: &big \"{}\"\ntags: [{}]\n",
            "x".repeat(1000),
            vec!["*big"; 1 + rng.below(400)].join(", ")
        ));
    }
    if rng.hostile(20, STRUCTURE) {
        fm.push_str(rng.pick(&["draft: true\n", "draft: x\n", ": :\n", "- a\n", "\t\n"]));
    }
    fm
}

fn body(rng: &mut Rng) -> String {
    let mut b = String::new();
    for _ in 0..rng.below(8) {
        match rng.below(6) {
            0 => b.push_str(rng.pick_mild(LINKS, SAFE_LINKS, LINK)),
            1 => b.push_str(&text(rng, 8)),
            2 => b.push_str(rng.pick(&[
                "# Tiêu đề",
                "| a | b |\n|---|---|\n| 1 | 2 |",
                "```\ncode\u{1e}\n```",
                "> trích",
                "- mục",
                "<!-- ghi chú -->",
                "<div>html</div>",
                "***",
                "~~gạch~~",
            ])),
            3 => {
                let n = rng.pick(&["10", "200", "3000"]).parse().unwrap_or(10);
                b.push_str(&"[".repeat(n));
            }
            _ => b.push_str("Nội dung bình thường của hội nghị."),
        }
        b.push_str(if rng.chance(50) { "\n\n" } else { " " });
    }
    b
}

/// Runs `args` in the site, failing the test on a panic or a run over 5 s.
fn run(site: &Site, args: &[&str], case: usize) -> Run {
    let started = Instant::now();
    let r = baocao(site.root(), args);
    let took = started.elapsed();
    assert!(
        took < Duration::from_secs(5),
        "case {case}: `{}` took {took:?}",
        args.join(" ")
    );
    assert!(
        !r.stderr.contains("panicked") && r.code != 101,
        "case {case}: `{}` panicked: {}",
        args.join(" "),
        r.stderr
    );
    r
}

/// The files named by ` --> ` lines of a diagnostics text.
fn blamed(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("--> "))
        .map(|p| p.split(':').next().unwrap_or(p))
        .collect()
}

/// How many sites: about 20 s in a debug build. `FUZZ_CASES` and `FUZZ_SEED`
/// run more, or others, by hand; the suite uses these.
const CASES: usize = 30;
const SEED: u64 = 0x6261_6f63_616f_2026;

fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
fn hostile_write_ups_never_panic_hang_or_split_check_from_build() {
    let mut rng = Rng {
        state: setting("FUZZ_SEED", SEED).max(1),
        wild: NONE,
    };
    let mut failed_builds = 0;
    let cases = setting("FUZZ_CASES", CASES as u64) as usize;
    for case in 0..cases {
        let site = Site::new();
        let files = 1 + rng.below(3);
        for i in 0..files {
            rng.wild = if rng.chance(55) {
                NONE
            } else {
                rng.below(5) as u8
            };
            let name = ["a.md", "b.md", "cum-2/c.md"][i];
            let text = format!("---\n{}---\n{}", front_matter(&mut rng), body(&mut rng));
            site.write(name, &text);
        }
        let check = run(&site, &["check"], case);
        let build = run(
            &site,
            &["build", "--base-url", "http://intranet/bao-cao/"],
            case,
        );
        let written: Vec<(String, String)> = common::files(&site.root().join("content"))
            .into_iter()
            .map(|f| {
                let text = std::fs::read(site.root().join("content").join(&f)).expect("read");
                (f, String::from_utf8_lossy(&text).into_owned())
            })
            .collect();
        assert_eq!(
            check.code, build.code,
            "case {case}: check and build disagree\n{written:#?}\ncheck: {}{}\nbuild: {}{}",
            check.stdout, check.stderr, build.stdout, build.stderr
        );
        assert!(
            build.code == 0 || build.code == 1,
            "case {case}: {}",
            build.stderr
        );
        for path in blamed(&build.stderr) {
            assert!(
                path.starts_with("content/"),
                "case {case}: an error blames {path}, not a write-up\n{written:#?}\n{}",
                build.stderr
            );
        }
        if build.code == 0 {
            for xml in ["atom.xml", "sitemap.xml"] {
                let text = site.page(xml);
                if let Err(e) = roxmltree::Document::parse(&text) {
                    panic!("case {case}: {xml} is not XML: {e}\n{written:#?}");
                }
            }
        } else {
            failed_builds += 1;
        }
    }
    // The generator makes both kinds of site.
    assert!(
        (cases / 5..cases * 4 / 5).contains(&failed_builds),
        "{failed_builds} of {cases} builds failed"
    );
}
