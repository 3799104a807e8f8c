//! `baocao serve` as an editor uses it: fetch a page, edit, see the change; break
//! a file, see the error page; fix it, see the page; traversal is refused. Every
//! file the site reads is followed, even one that appears after the start, and a
//! slow rebuild never keeps a request waiting.

mod common;

use std::ffi::OsStr;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::Site;

struct Server {
    child: Child,
    addr: String,
    /// What serve printed on stderr so far.
    stderr: Arc<Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(site: &Site) -> Server {
    start_with(site, &[], |_| {})
}

/// Starts serve with these environment variables set; runs `meanwhile` with
/// its stderr so far before waiting for it to be ready.
fn start_with(
    site: &Site,
    env: &[(&str, &OsStr)],
    meanwhile: impl FnOnce(&Mutex<String>),
) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(["serve", "--port", "0", "--root"])
        .arg(site.root())
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("serve starts");
    let stderr = Arc::new(Mutex::new(String::new()));
    if let Some(pipe) = child.stderr.take() {
        let stderr = Arc::clone(&stderr);
        std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                if let Ok(mut s) = stderr.lock() {
                    s.push_str(&line);
                    s.push('\n');
                }
            }
        });
    }
    meanwhile(&stderr);
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("first line");
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    Server {
        child,
        addr,
        stderr,
    }
}

/// GET `path` (sent as written, no normalization); returns (status, body).
fn get(server: &Server, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(&server.addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .expect("timeout");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        server.addr
    )
    .expect("send");
    let mut response = Vec::new();
    stream
        .read_to_end(&mut response)
        .unwrap_or_else(|e| panic!("GET {path}: no answer within 5 s: {e}"));
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

/// Polls until `pred` holds on the page, for at most `limit`.
fn eventually(
    server: &Server,
    path: &str,
    limit: Duration,
    pred: impl Fn(u16, &str) -> bool,
) -> (u16, String) {
    let start = Instant::now();
    loop {
        let (status, body) = get(server, path);
        if pred(status, &body) || start.elapsed() > limit {
            return (status, body);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn serve_rebuilds_on_edit_shows_errors_and_recovers() {
    let site = Site::sample();
    let server = start(&site);
    let (status, body) = get(&server, "/cum/cum-2/");
    assert_eq!(status, 200);
    assert!(body.contains("2.847"));
    assert!(
        body.contains("/__baocao/wait"),
        "the reload script is injected"
    );

    let file = site.root().join("content/cum-2/2023-tong-ket.md");
    let text = std::fs::read_to_string(&file).expect("read");
    std::fs::write(&file, text.replace("\"2.847\"", "\"2.999\"")).expect("write");
    let (status, body) = eventually(
        &server,
        "/cum/cum-2/index.html",
        Duration::from_secs(1),
        |_, b| b.contains("2.999"),
    );
    assert_eq!(status, 200);
    assert!(body.contains("2.999"), "the edit shows within a second");

    std::fs::write(&file, text.replace("date: 2023-11-25", "date: 2023-02-30")).expect("write");
    let (status, body) = eventually(
        &server,
        "/cum/cum-2/index.html",
        Duration::from_secs(1),
        |s, _| s == 500,
    );
    assert_eq!(status, 500, "the error page is served");
    assert!(
        body.contains("content/cum-2/2023-tong-ket.md:3:7"),
        "{body}"
    );
    assert!(body.contains("tháng 2 năm 2023 có 28 ngày"), "{body}");
    assert!(body.contains("<h1>Nội dung có lỗi</h1>"), "{body}");
    assert!(body.contains("lỗi[date-not-on-calendar]"), "{body}");

    std::fs::write(&file, &text).expect("write");
    let (status, body) = eventually(
        &server,
        "/cum/cum-2/index.html",
        Duration::from_secs(1),
        |s, _| s == 200,
    );
    assert_eq!(status, 200, "the site is back once fixed");
    assert!(body.contains("2.847"));
}

#[test]
fn serve_refuses_paths_outside_the_site() {
    let site = Site::sample();
    std::fs::write(site.root().join("secret.txt"), "bí mật").expect("write");
    let server = start(&site);
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/cum/..%2f..%2fsecret.txt",
        "/%252e%252e/secret.txt",
        "/..\\secret.txt",
    ] {
        let (status, body) = get(&server, path);
        assert!(status == 403 || status == 404, "{path}: {status}");
        assert!(!body.contains("bí mật"), "{path}");
    }
    let (status, _) = get(&server, "/khong-co-trang-nay.html");
    assert_eq!(status, 404);
}

/// The home page shows the site title: waits until it shows `title`.
fn wait_for_title(server: &Server, title: &str) -> String {
    let (status, body) = eventually(server, "/", Duration::from_secs(10), |s, b| {
        s == 200 && b.contains(&format!("<title>{title}</title>"))
    });
    assert_eq!(status, 200, "{body}");
    assert!(
        body.contains(&format!("<title>{title}</title>")),
        "the home page has the title {title:?}: {body}"
    );
    body
}

#[test]
fn serve_follows_a_title_edit_in_site_yaml() {
    let site = Site::sample();
    site.write_root("site.yaml", "title: Báo cáo thi đua\n");
    let server = start(&site);
    wait_for_title(&server, "Báo cáo thi đua");
    site.write_root("site.yaml", "title: Báo cáo đã sửa\n");
    wait_for_title(&server, "Báo cáo đã sửa");
    // An editor that saves by renaming a new file over the old one.
    site.write_root("site.yaml.tmp", "title: Báo cáo lần ba\n");
    std::fs::rename(
        site.root().join("site.yaml.tmp"),
        site.root().join("site.yaml"),
    )
    .expect("rename");
    wait_for_title(&server, "Báo cáo lần ba");
}

#[test]
fn serve_follows_a_site_yaml_created_after_the_start() {
    let site = Site::sample();
    let server = start(&site);
    let (status, _) = get(&server, "/");
    assert_eq!(status, 200);
    site.write_root("site.yaml", "title: Báo cáo mới tạo\n");
    wait_for_title(&server, "Báo cáo mới tạo");
}

#[test]
fn serve_shows_an_invalid_site_yaml_and_recovers() {
    let site = Site::sample();
    site.write_root("site.yaml", "title: Báo cáo thi đua\n");
    let server = start(&site);
    wait_for_title(&server, "Báo cáo thi đua");
    site.write_root("site.yaml", "title: Báo cáo\ntitel: lỗi gõ\n");
    let (status, body) = eventually(&server, "/", Duration::from_secs(10), |s, _| s == 500);
    assert_eq!(status, 500, "the error page is served: {body}");
    assert!(body.contains("site.yaml"), "{body}");
    assert!(body.contains("titel"), "{body}");
    site.write_root("site.yaml", "title: Báo cáo đã sửa lỗi\n");
    wait_for_title(&server, "Báo cáo đã sửa lỗi");
}

/// The sample's home template with a mark in its body.
fn marked_index_template() -> String {
    let text = std::fs::read_to_string(common::repo().join("themes/default/templates/index.html"))
        .expect("the default home template");
    let at = text
        .rfind("{% endblock")
        .expect("a block in the home template");
    format!(
        "{}<p id=\"mau-rieng\">Mẫu riêng của trang</p>{}",
        &text[..at],
        &text[at..]
    )
}

#[test]
fn serve_follows_a_templates_folder_created_after_the_start() {
    let site = Site::sample();
    let server = start(&site);
    let (status, body) = get(&server, "/");
    assert_eq!(status, 200);
    assert!(!body.contains("Mẫu riêng của trang"));
    site.write_root("templates/index.html", &marked_index_template());
    let (status, body) = eventually(&server, "/", Duration::from_secs(10), |s, b| {
        s == 200 && b.contains("Mẫu riêng của trang")
    });
    assert_eq!(status, 200, "{body}");
    assert!(
        body.contains("Mẫu riêng của trang"),
        "the site's own template is used: {body}"
    );
    // ... and later edits in that folder are followed too.
    site.write_root(
        "templates/index.html",
        &marked_index_template().replace("Mẫu riêng của trang", "Mẫu đã sửa"),
    );
    let (_, body) = eventually(&server, "/", Duration::from_secs(10), |s, b| {
        s == 200 && b.contains("Mẫu đã sửa")
    });
    assert!(body.contains("Mẫu đã sửa"), "{body}");
}

#[test]
fn serve_recovers_when_content_is_deleted_and_created_again() {
    let site = Site::sample();
    let server = start(&site);
    let (status, body) = get(&server, "/cum/cum-2/");
    assert_eq!(status, 200);
    assert!(body.contains("2.847"));
    let content = site.root().join("content");
    let saved = tempfile::tempdir().expect("temp dir");
    common::copy_dir(&content, saved.path());
    std::fs::remove_dir_all(&content).expect("remove content/");
    let (status, body) = eventually(&server, "/cum/cum-2/", Duration::from_secs(10), |s, _| {
        s == 500
    });
    assert_eq!(status, 500, "{body}");
    assert!(body.contains("không có thư mục content"), "{body}");

    common::copy_dir(saved.path(), &content);
    let (status, body) = eventually(&server, "/cum/cum-2/", Duration::from_secs(10), |s, _| {
        s == 200
    });
    assert_eq!(status, 200, "the site is back: {body}");
    assert!(body.contains("2.847"));

    // The new folder is followed: an edit in it shows.
    let file = content.join("cum-2/2023-tong-ket.md");
    let text = std::fs::read_to_string(&file).expect("read");
    std::fs::write(&file, text.replace("\"2.847\"", "\"2.999\"")).expect("write");
    let (_, body) = eventually(&server, "/cum/cum-2/", Duration::from_secs(10), |_, b| {
        b.contains("2.999")
    });
    assert!(body.contains("2.999"), "an edit in the new content/ shows");
}

#[test]
fn serve_follows_a_units_yaml_edit() {
    let site = Site::sample();
    let server = start(&site);
    let (status, body) = get(&server, "/cum/cum-5/");
    assert_eq!(status, 200);
    assert!(!body.contains("Quảng Trị Mới"));
    site.write(
        "units.yaml",
        "units:\n  - {name: Thừa Thiên Huế, aliases: [TT Huế]}\n  - {name: Quảng Trị Mới, aliases: [Quảng Trị]}\n",
    );
    let (status, body) = eventually(&server, "/cum/cum-5/", Duration::from_secs(10), |s, b| {
        s == 200 && b.contains("Quảng Trị Mới")
    });
    assert_eq!(status, 200, "{body}");
    assert!(
        body.contains("Quảng Trị Mới"),
        "members are named as units.yaml now says: {body}"
    );
    // Saved by renaming a new file over it, as some editors do.
    site.write(
        "units.yaml.new",
        "units:\n  - {name: Quảng Trị Khác, aliases: [Quảng Trị]}\n",
    );
    std::fs::rename(
        site.root().join("content/units.yaml.new"),
        site.root().join("content/units.yaml"),
    )
    .expect("rename");
    let (_, body) = eventually(&server, "/cum/cum-5/", Duration::from_secs(10), |s, b| {
        s == 200 && b.contains("Quảng Trị Khác")
    });
    assert!(body.contains("Quảng Trị Khác"), "{body}");
}

/// Waits until serve has printed `what` on `stderr`.
fn wait_for_stderr(stderr: &Mutex<String>, what: &str) {
    let start = Instant::now();
    loop {
        let seen = stderr.lock().map(|s| s.clone()).unwrap_or_default();
        if seen.contains(what) {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "serve never printed {what:?}; it printed:\n{seen}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn serve_answers_requests_while_a_rebuild_is_slow() {
    let site = Site::sample();
    let gate_dir = tempfile::tempdir().expect("temp dir");
    let gate = gate_dir.path().join("hold");
    let server = start_with(&site, &[("BAOCAO_HOLD_REBUILDS", gate.as_os_str())], |_| {});
    let file = site.root().join("content/cum-2/2023-tong-ket.md");
    let text = std::fs::read_to_string(&file).expect("read");

    // A first edit goes through: the data outputs are now older than the pages.
    std::fs::write(&file, text.replace("\"2.847\"", "\"2.900\"")).expect("write");
    let (_, body) = eventually(&server, "/cum/cum-2/", Duration::from_secs(10), |_, b| {
        b.contains("2.900")
    });
    assert!(body.contains("2.900"));

    // The next rebuild is held, as a slow one would be.
    std::fs::write(&gate, "").expect("gate");
    std::fs::write(&file, text.replace("\"2.847\"", "\"2.999\"")).expect("write");
    wait_for_stderr(&server.stderr, "holding the rebuild");
    let (status, body) = get(&server, "/cum/cum-2/");
    assert_eq!(status, 200, "the last good page is served: {body}");
    assert!(body.contains("2.900"), "{body}");
    let (status, body) = get(&server, "/data/conferences.json");
    assert_eq!(status, 200, "data outputs are served meanwhile: {body}");
    // (Those made before this edit: data are redone on demand, not during a rebuild.)
    assert!(body.contains("\"slug\": \"cum-2/2023-tong-ket\""), "{body}");
    let (status, _) = get(&server, "/khong-co-trang-nay.html");
    assert_eq!(status, 404);

    std::fs::remove_file(&gate).expect("open the gate");
    let (_, body) = eventually(&server, "/cum/cum-2/", Duration::from_secs(10), |_, b| {
        b.contains("2.999")
    });
    assert!(body.contains("2.999"), "the rebuild completes once let go");
}

/// The version the open pages compare theirs with (it goes up on each rebuild).
fn version(server: &Server) -> u64 {
    let (status, body) = get(server, "/__baocao/wait?v=0");
    assert_eq!(status, 200);
    body.trim().parse().expect("a version")
}

#[test]
fn serve_ignores_files_beside_the_site() {
    let site = Site::sample();
    let server = start(&site);
    let first = version(&server);
    // Notes, editor temporaries and an output folder at the root: not the site's.
    site.write_root("ghi-chu.txt", "việc cần làm\n");
    site.write_root(".site.yaml.swp", "x");
    site.write_root("public/index.html", "<p>cũ</p>");
    std::thread::sleep(Duration::from_millis(200));
    let file = site.root().join("content/cum-2/2023-tong-ket.md");
    let text = std::fs::read_to_string(&file).expect("read");
    std::fs::write(&file, text.replace("\"2.847\"", "\"2.999\"")).expect("write");
    let (_, body) = eventually(&server, "/cum/cum-2/", Duration::from_secs(10), |_, b| {
        b.contains("2.999")
    });
    assert!(body.contains("2.999"));
    assert_eq!(
        version(&server),
        first + 1,
        "only the edit reloads the pages"
    );
    let log = server.stderr.lock().map(|s| s.clone()).unwrap_or_default();
    assert_eq!(log.matches("đã dựng lại ").count(), 1, "{log}");
}

#[test]
fn serve_applies_an_edit_made_during_the_first_build() {
    let site = Site::sample();
    let gate_dir = tempfile::tempdir().expect("temp dir");
    let gate = gate_dir.path().join("hold");
    std::fs::write(&gate, "").expect("gate");
    let file = site.root().join("content/cum-2/2023-tong-ket.md");
    let text = std::fs::read_to_string(&file).expect("read");
    // The first build is held once it has read the site: the edit comes after.
    let server = start_with(
        &site,
        &[("BAOCAO_HOLD_REBUILDS", gate.as_os_str())],
        |stderr| {
            wait_for_stderr(stderr, "holding the rebuild");
            std::fs::write(&file, text.replace("\"2.847\"", "\"2.999\"")).expect("write");
            std::fs::remove_file(&gate).expect("open the gate");
        },
    );
    let (_, body) = eventually(&server, "/cum/cum-2/", Duration::from_secs(10), |_, b| {
        b.contains("2.999")
    });
    assert!(body.contains("2.999"), "the edit is not lost: {body}");
}

/// A write-up broken and then saved back exactly as it was changes no page:
/// the pages shown before the error are right again, and the error page
/// gives way to them.
#[test]
fn serve_recovers_when_a_broken_file_is_restored_as_it_was() {
    let site = Site::sample();
    let server = start(&site);
    let file = site.root().join("content/cum-2/2023-tong-ket.md");
    let text = std::fs::read_to_string(&file).expect("read");
    std::fs::write(&file, text.replace("date: 2023-11-25", "date: 2023-02-30")).expect("write");
    let (status, _) = eventually(
        &server,
        "/cum/cum-2/index.html",
        Duration::from_secs(1),
        |s, _| s == 500,
    );
    assert_eq!(status, 500, "the error page is served");
    std::fs::write(&file, &text).expect("write");
    let (status, body) = eventually(
        &server,
        "/cum/cum-2/index.html",
        Duration::from_secs(1),
        |s, _| s == 200,
    );
    assert_eq!(status, 200, "the site is back once restored: {body}");
    assert!(body.contains("2.847"));
}
