//! `baocao serve`: build in memory, serve on 127.0.0.1, rebuild on every change
//! and reload the open pages.
//!
//! The site is served from memory, never written to disk. While the content has
//! errors, every page shows the diagnostics; once fixed, the site comes back.
//! This is the one command that prints while it runs: it reports each rebuild.
//!
//! Rebuilds run on a thread of their own and never keep a request waiting:
//! requests are answered from a snapshot of the last output, swapped for the
//! next one when a rebuild completes (the lock is held for the swap only).
//!
//! The watcher follows the site root itself (not recursively: site.yaml, and
//! the folders that appear or go) and, recursively, content/, themes/ and
//! templates/; a folder created or re-created after the start is watched
//! again before the site is read. Every path an event names goes to the live
//! session (`crate::live::LiveSite::apply`), which decides what it is to the
//! site (`crate::live::Change::of`: nothing, for the output folder or an
//! editor's temporary) and what it touches (`crate::live::affected`).
#![allow(clippy::print_stderr, clippy::print_stdout)]

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, Condvar, Mutex, PoisonError, RwLock, TryLockError};
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};
use tiny_http::{Header, Response, Server, StatusCode};

use crate::config::{Language, Overrides};
use crate::live::{self, LiveSite, Output, Update};

use super::{Outcome, SiteArgs, CONTENT_ERROR, OK};

/// Serve the site on 127.0.0.1 with a live preview: every change to content/, the
/// theme, templates/ or site.yaml rebuilds what it touches and reloads the open
/// pages. A bad edit shows its errors in the browser until it is fixed.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// The port to listen on (0 picks a free one)
    #[arg(long, short, default_value_t = 1111)]
    pub port: u16,
    /// The address to listen on; anything but 127.0.0.1 exposes the preview to the network
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: String,
    /// Include write-ups marked `draft: true`
    #[arg(long)]
    pub drafts: bool,
}

/// What the HTTP threads and the rebuild thread share.
struct Shared {
    /// The site. The rebuild thread holds it while it rebuilds; a request only
    /// tries it, to redo out-of-date data outputs when no rebuild is running.
    site: Mutex<LiveSite>,
    /// A rebuild has the site, or is about to take it.
    rebuilding: AtomicBool,
    /// What requests are answered from: the last output, swapped when a
    /// rebuild completes.
    shown: RwLock<Arc<Snapshot>>,
    /// Goes up after each rebuild, once its snapshot is shown.
    version: Mutex<u64>,
    changed: Condvar,
}

/// The output of the site at one moment, as requests see it.
struct Snapshot {
    output: Arc<Output>,
    /// The diagnostics the error page shows, while the content has errors.
    errors: Option<String>,
    /// The language of the site, for the error page.
    lang: Language,
    /// The data outputs are older than the pages: redo them when asked for.
    data_pending: bool,
}

impl Snapshot {
    fn of(site: &LiveSite) -> Snapshot {
        let lang = site.config.language;
        let errors = site.has_errors().then(|| {
            let mut text = String::new();
            for d in site.diagnostics.iter().filter(|d| d.is_error()) {
                text.push_str(&d.render(lang));
                text.push('\n');
            }
            text
        });
        Snapshot {
            output: Arc::clone(&site.output),
            errors,
            lang,
            data_pending: site.data_pending(),
        }
    }
}

impl Shared {
    /// The snapshot requests are answered from now.
    fn snapshot(&self) -> Arc<Snapshot> {
        let shown = self.shown.read().unwrap_or_else(PoisonError::into_inner);
        Arc::clone(&shown)
    }

    /// Shows `site` as it is now to the requests that come next.
    fn publish(&self, site: &LiveSite) {
        let next = Arc::new(Snapshot::of(site));
        let mut shown = self.shown.write().unwrap_or_else(PoisonError::into_inner);
        *shown = next;
    }

    fn version(&self) -> u64 {
        self.version.lock().map_or(0, |v| *v)
    }

    fn bump(&self) {
        if let Ok(mut v) = self.version.lock() {
            *v += 1;
        }
        self.changed.notify_all();
    }

    /// Waits until the version passes `seen`, at most `limit`.
    fn wait_past(&self, seen: u64, limit: Duration) -> u64 {
        let Ok(guard) = self.version.lock() else {
            return seen;
        };
        match self
            .changed
            .wait_timeout_while(guard, limit, |v| *v <= seen)
        {
            Ok((v, _)) => *v,
            Err(_) => seen,
        }
    }
}

impl ServeArgs {
    pub fn run(self) -> Outcome {
        let overrides = Overrides {
            include_drafts: self.drafts,
            ..Overrides::default()
        };
        let config = match self.site.config(&overrides) {
            Ok(c) => c,
            Err(o) => return o,
        };
        let lang = config.language;
        let addr = format!("{}:{}", self.bind, self.port);
        let server = match Server::http(&addr) {
            Ok(s) => s,
            Err(e) => {
                return Outcome::usage(
                    lang,
                    msg!(
                        "serve-cannot-listen",
                        address = &addr,
                        error = e.to_string()
                    ),
                    None,
                )
            }
        };
        let cannot_watch = |e: notify::Error| Outcome {
            stderr: super::error_text(
                lang,
                &msg!("serve-cannot-watch", error = e.to_string()),
                None,
            ),
            code: CONTENT_ERROR,
            ..Outcome::default()
        };
        let (tx, rx) = mpsc::channel::<notify::Result<notify::Event>>();
        let mut watcher = match notify::recommended_watcher(tx) {
            Ok(w) => w,
            Err(e) => return cannot_watch(e),
        };
        let watches = Watches::new(&config.root, config.content_dir(), lang);
        if let Err(e) = watcher.watch(&config.root, RecursiveMode::NonRecursive) {
            return cannot_watch(e);
        }
        // Watched before the first build: a change made during it is applied after.
        for folder in &watches.folders {
            if folder.is_dir() {
                watches.arm(&mut watcher, folder);
            }
        }
        let started = Instant::now();
        let live = LiveSite::load_with(config.clone(), overrides);
        hold_for_tests();
        let first = if live.has_errors() {
            Update::Failed
        } else {
            Update::Full {
                pages: live.output.len(),
            }
        };
        report(&live, first, started.elapsed());
        let shared = Arc::new(Shared {
            shown: RwLock::new(Arc::new(Snapshot::of(&live))),
            site: Mutex::new(live),
            rebuilding: AtomicBool::new(false),
            version: Mutex::new(1),
            changed: Condvar::new(),
        });
        let rebuilder = {
            let shared = Arc::clone(&shared);
            std::thread::spawn(move || rebuild_loop(&rx, &shared, watcher, &watches))
        };

        let stop = Arc::new(AtomicBool::new(false));
        {
            let stop = Arc::clone(&stop);
            let _ = ctrlc::set_handler(move || stop.store(true, Ordering::SeqCst));
        }
        let shown = match server.server_addr().to_ip() {
            Some(SocketAddr::V4(a)) => format!("http://{a}/"),
            Some(SocketAddr::V6(a)) => format!("http://{a}/"),
            None => format!("http://{addr}/"),
        };
        println!(
            "{}",
            msg!(
                "serve-serving",
                root = super::shown(&config.root),
                address = &shown
            )
            .text(lang)
        );
        while !stop.load(Ordering::SeqCst) {
            match server.recv_timeout(Duration::from_millis(200)) {
                Ok(Some(request)) => {
                    let shared = Arc::clone(&shared);
                    std::thread::spawn(move || handle(request, &shared));
                }
                Ok(None) => {}
                Err(e) => {
                    eprint!(
                        "{}",
                        super::error_text(
                            lang,
                            &msg!("internal-error", error = e.to_string()),
                            None
                        )
                    );
                    break;
                }
            }
        }
        drop(rebuilder);
        Outcome {
            stdout: format!("{}\n", msg!("serve-stopped").text(lang)),
            code: OK,
            ..Outcome::default()
        }
    }
}

/// The folders watched recursively, each watched again when it appears.
struct Watches {
    folders: [PathBuf; 4],
    /// The language of the warnings (the site's at the start).
    lang: Language,
}

impl Watches {
    fn new(root: &Path, content: PathBuf, lang: Language) -> Watches {
        Watches {
            folders: [
                content,
                root.join("themes"),
                root.join("templates"),
                root.join(crate::assets::STATIC_DIR),
            ],
            lang,
        }
    }

    /// Watches `folder` and everything under it, afresh: a folder removed and
    /// created again is another folder, which the old watch does not see.
    fn arm(&self, watcher: &mut impl Watcher, folder: &Path) {
        let _ = watcher.unwatch(folder);
        if let Err(e) = watcher.watch(folder, RecursiveMode::Recursive) {
            eprintln!(
                "{}: {}",
                crate::messages::lookup(self.lang, "severity-warning"),
                msg!(
                    "serve-cannot-watch-folder",
                    folder = folder.display().to_string(),
                    error = e.to_string()
                )
                .text(self.lang)
            );
        }
    }

    /// Watches again each of the folders among `changed` that is there now:
    /// before the site is read, so that nothing written after is missed.
    fn rearm(&self, watcher: &mut impl Watcher, changed: &[PathBuf]) {
        for folder in &self.folders {
            if changed.contains(folder) && folder.is_dir() {
                self.arm(watcher, folder);
            }
        }
    }
}

/// Applies file events as they come, a burst at a time, on its own thread:
/// requests are answered meanwhile from the last snapshot.
fn rebuild_loop(
    rx: &mpsc::Receiver<notify::Result<notify::Event>>,
    shared: &Shared,
    mut watcher: impl Watcher,
    watches: &Watches,
) {
    loop {
        let first = match rx.recv_timeout(Duration::from_millis(200)) {
            Ok(ev) => ev,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                // Idle: copy the output map the last snapshot shares now, not
                // at the start of the next rebuild.
                if let Ok(mut site) = shared.site.try_lock() {
                    site.unshare_output();
                }
                continue;
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => return,
        };
        let mut paths: Vec<PathBuf> = Vec::new();
        let mut take = |ev: notify::Result<notify::Event>| {
            if let Ok(ev) = ev {
                if matches!(ev.kind, notify::EventKind::Access(_)) {
                    return;
                }
                paths.extend(ev.paths);
            }
        };
        take(first);
        // An editor's save is often several events; gather the ones already queued.
        std::thread::sleep(Duration::from_millis(5));
        while let Ok(ev) = rx.try_recv() {
            take(ev);
        }
        paths.sort();
        paths.dedup();
        if paths.is_empty() {
            continue;
        }
        watches.rearm(&mut watcher, &paths);
        let started = Instant::now();
        shared.rebuilding.store(true, Ordering::SeqCst);
        let Ok(mut site) = shared.site.lock() else {
            return;
        };
        hold_for_tests();
        let had_errors = site.has_errors();
        let update = site.apply(&paths);
        let took = started.elapsed();
        // Nothing the site shows changed (an editor's temporary, a file beside
        // the site, a file saved as it was): no report, and no reload of the
        // open pages, unless they show errors that are gone.
        let nothing = !had_errors
            && update
                == Update::Pages {
                    rendered: 0,
                    removed: 0,
                };
        if !nothing {
            report(&site, update, took);
            shared.publish(&site);
        }
        drop(site);
        shared.rebuilding.store(false, Ordering::SeqCst);
        if !nothing {
            shared.bump();
        }
    }
}

/// For the tests of serve only: with `BAOCAO_HOLD_REBUILDS=FILE` set, the end
/// of the first build and each rebuild wait while FILE exists, as a slow
/// build would.
fn hold_for_tests() {
    let Some(gate) = std::env::var_os("BAOCAO_HOLD_REBUILDS") else {
        return;
    };
    let gate = PathBuf::from(gate);
    if gate.exists() {
        eprintln!("holding the rebuild while {} exists", gate.display());
        while gate.exists() {
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

fn report(site: &LiveSite, update: Update, took: Duration) {
    let ms = took.as_secs_f64() * 1000.0;
    let lang = site.config.language;
    for d in &site.diagnostics {
        if d.is_error() {
            eprint!("{}", d.render(lang));
        }
    }
    let ms_text = format!("{ms:.1}");
    match update {
        Update::Full { pages } => eprintln!(
            "{}",
            msg!("serve-built", files = pages, ms = &ms_text).text(lang)
        ),
        Update::Pages { rendered, removed } => {
            let stages: Vec<String> = site
                .timings
                .iter()
                .map(|(s, d)| format!("{s} {:.1} ms", d.as_secs_f64() * 1000.0))
                .collect();
            eprintln!(
                "{}",
                msg!(
                    "serve-rebuilt",
                    pages = rendered,
                    removed = removed,
                    ms = &ms_text,
                    stages = stages.join(", ")
                )
                .text(lang)
            )
        }
        Update::Failed => {
            eprintln!("{}", msg!("serve-has-errors", ms = &ms_text).text(lang))
        }
    }
}

const RELOAD_PATH: &str = "/__baocao/wait";

fn reload_script(version: u64) -> String {
    format!(
        "<script>(function(){{var v={version};function poll(){{fetch('{RELOAD_PATH}?v='+v,{{cache:'no-store'}}).then(function(r){{return r.text()}}).then(function(t){{if(parseInt(t,10)>v){{location.reload()}}else{{poll()}}}}).catch(function(){{setTimeout(poll,1000)}})}}poll()}})();</script>"
    )
}

fn header(name: &str, value: &str) -> Option<Header> {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}

fn respond(request: tiny_http::Request, status: u16, content_type: &str, body: Vec<u8>) {
    let mut response = Response::from_data(body).with_status_code(StatusCode(status));
    for h in [
        header("Content-Type", content_type),
        header("Cache-Control", "no-store"),
    ]
    .into_iter()
    .flatten()
    {
        response.add_header(h);
    }
    let _ = request.respond(response);
}

fn handle(request: tiny_http::Request, shared: &Shared) {
    let url = request.url().to_string();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    if path == RELOAD_PATH {
        let seen = query
            .split('&')
            .find_map(|kv| kv.strip_prefix("v="))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let now = shared.wait_past(seen, Duration::from_secs(25));
        return respond(request, 200, "text/plain", now.to_string().into_bytes());
    }
    let Some(rel) = site_path(path) else {
        return respond(
            request,
            403,
            "text/plain; charset=utf-8",
            b"403 forbidden\n".to_vec(),
        );
    };
    // The version first: the snapshot is then at least as new, and the page
    // reloads if a newer one comes.
    let version = shared.version();
    let mut site = shared.snapshot();
    // Data outputs are redone on demand, not on every edit; while a rebuild
    // runs, the last ones are served.
    while site.data_pending && live::is_data_output(&rel) {
        match shared.site.try_lock() {
            Ok(mut live) => {
                live.refresh_data();
                shared.publish(&live);
                drop(live);
                site = shared.snapshot();
                break;
            }
            Err(TryLockError::WouldBlock) if !shared.rebuilding.load(Ordering::SeqCst) => {
                // Another request is redoing them: wait for its snapshot.
                std::thread::sleep(Duration::from_millis(2));
                site = shared.snapshot();
            }
            Err(_) => break,
        }
    }
    let wants_html = rel.ends_with(".html") || !rel.contains('.');
    if let (Some(errors), true) = (&site.errors, wants_html) {
        let page = error_page(errors, version, site.lang);
        return respond(request, 500, "text/html; charset=utf-8", page);
    }
    if let Some(f) = site.output.get(&rel) {
        let body = inject(&rel, &f.bytes, version);
        return respond(request, 200, content_type(&rel), body);
    }
    let folder = format!("{}/index.html", rel.trim_end_matches('/'));
    if !rel.ends_with(".html") && site.output.contains_key(&folder) {
        let to = format!("{}/", path.trim_end_matches('/'));
        let mut response = Response::from_data(Vec::new()).with_status_code(StatusCode(301));
        if let Some(h) = header("Location", &to) {
            response.add_header(h);
        }
        let _ = request.respond(response);
        return;
    }
    let body = site
        .output
        .get("404.html")
        .map(|f| inject("404.html", &f.bytes, version))
        .unwrap_or_else(|| b"404 not found\n".to_vec());
    respond(request, 404, "text/html; charset=utf-8", body)
}

/// The output path a URL path names, or `None` when it tries to leave the site.
fn site_path(url_path: &str) -> Option<String> {
    let decoded = percent_decode(url_path)?;
    if decoded.contains('\\') || decoded.contains('\0') {
        return None;
    }
    let mut parts = Vec::new();
    for seg in decoded.split('/') {
        match seg {
            "" | "." => {}
            ".." => return None,
            s => parts.push(s),
        }
    }
    let mut rel = parts.join("/");
    if rel.is_empty() || decoded.ends_with('/') {
        if !rel.is_empty() {
            rel.push('/');
        }
        rel.push_str("index.html");
    }
    Some(rel)
}

/// Decodes %XX escapes (repeatedly, so a double-encoded "%252e%252e" is caught too).
fn percent_decode(s: &str) -> Option<String> {
    let mut current = s.to_string();
    for _ in 0..3 {
        let bytes = current.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' && i + 2 < bytes.len() {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        let next = String::from_utf8(out).ok()?;
        if next == current {
            break;
        }
        current = next;
    }
    Some(current)
}

fn inject(rel: &str, bytes: &[u8], version: u64) -> Vec<u8> {
    if !rel.ends_with(".html") {
        return bytes.to_vec();
    }
    let html = String::from_utf8_lossy(bytes);
    let script = reload_script(version);
    match html.rfind("</body>") {
        Some(at) => format!("{}{script}{}", &html[..at], &html[at..]).into_bytes(),
        None => format!("{html}{script}").into_bytes(),
    }
}

fn error_page(text: &str, version: u64, lang: Language) -> Vec<u8> {
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let escaped = escape(text);
    let heading = escape(&msg!("serve-page-heading").text(lang));
    let advice = escape(&msg!("serve-page-advice").text(lang));
    format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>baocao: {heading}</title>\
<style>body{{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem}}pre{{background:#fff4f4;border-left:4px solid #b00;padding:1rem;white-space:pre-wrap}}</style></head>\
<body><h1>{heading}</h1><p>{advice}</p><pre>{escaped}</pre>{}</body></html>",
        lang.code(),
        reload_script(version)
    )
    .into_bytes()
}

fn content_type(rel: &str) -> &'static str {
    match rel.rsplit('.').next() {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("xml") => "application/xml",
        Some("csv") => "text/csv; charset=utf-8",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_leave_the_site_are_refused() {
        assert_eq!(site_path("/").as_deref(), Some("index.html"));
        assert_eq!(
            site_path("/cum/cum-2/").as_deref(),
            Some("cum/cum-2/index.html")
        );
        assert_eq!(
            site_path("/static/style.css").as_deref(),
            Some("static/style.css")
        );
        for bad in [
            "/../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/cum/..%2f..%2fsecret",
            "/%252e%252e/x",
            "/a\\..\\b",
            "/%00",
        ] {
            assert_eq!(site_path(bad), None, "{bad}");
        }
    }
}
