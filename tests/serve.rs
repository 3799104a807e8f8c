//! `baocao serve` as an editor uses it: fetch a page, edit, see the change; break
//! a file, see the error page; fix it, see the page; traversal is refused.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::Site;

struct Server {
    child: Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(site: &Site) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(["serve", "--port", "0", "--root"])
        .arg(site.root())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("serve starts");
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
    Server { child, addr }
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
    stream.read_to_end(&mut response).expect("read");
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
    assert!(body.contains("28 days"));

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
