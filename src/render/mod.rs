//! Rendering: the page plan, view contexts, templates and Markdown, all in memory.
//! Render never touches the disk; `write` does.

pub mod charts;
pub mod context;
pub mod data;
pub mod figures;
pub mod honours;
pub mod links;
pub mod markdown;
pub mod pages;
pub mod pieces;
pub mod plan;
pub mod rows;
pub mod shared;
pub mod theme;
pub mod views;

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use rayon::prelude::*;
use tera::Tera;

use crate::config::{Config, Language};
use crate::diagnostics::Diagnostic;
use crate::model::Corpus;
use crate::urls::Urls;
use pages::PageSpec;
use theme::Theme;

/// The translations of the site's language.
#[derive(Debug, Clone, Default)]
pub struct I18n {
    pub strings: BTreeMap<String, String>,
}

impl I18n {
    /// The string for `key`, or the key itself so a missing one shows up on the page.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.strings.get(key).map_or(key, String::as_str)
    }
}

/// A rendered output file: its path under the output folder and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Compiled templates plus everything a page needs besides the corpus.
pub struct Renderer {
    pub(crate) tera: Tera,
    pub i18n: I18n,
    pub config: Config,
    theme: Theme,
    /// Where each output goes.
    pub urls: Urls,
    /// The output paths of the site's own static folder.
    site_static: Vec<String>,
    /// Other spellings of units and honours, which the search index holds too.
    search_aliases: crate::search::Aliases,
    /// What every page's context starts from: the translations as `t`, made
    /// into a template value once (cloning it is cheaper than converting).
    base_context: tera::Context,
}

/// What a renderer needs besides the config, read from disk by its caller
/// (`site::theme::read_inputs`): render itself never touches the disk.
pub struct Inputs {
    pub theme: Theme,
    /// Other spellings of units and honours, which the search index holds too.
    pub aliases: crate::search::Aliases,
    /// The output paths of the files of the site's own static folder.
    pub site_static: Vec<String>,
    /// Where each output goes.
    pub urls: Urls,
}

impl Renderer {
    /// Compiles the theme's templates in the site's language.
    pub fn from_inputs(config: &Config, inputs: Inputs) -> Result<Renderer, Vec<Diagnostic>> {
        let Inputs {
            theme,
            aliases,
            site_static,
            urls,
        } = inputs;
        let lang_file = format!("{}.yaml", config.language.code());
        let i18n_src = theme.i18n.get(&lang_file).ok_or_else(|| {
            vec![Diagnostic::error(
                PathBuf::from(crate::config::CONFIG_FILE),
                msg!(
                    "theme-translation-missing",
                    theme = &config.theme,
                    file = &lang_file
                ),
            )
            .with_help(msg!("help-theme-translation-missing"))]
        })?;
        let strings: BTreeMap<String, String> = serde_yaml::from_str(i18n_src).map_err(|e| {
            vec![Diagnostic::error(
                PathBuf::from(format!("themes/{}/i18n/{lang_file}", config.theme)),
                msg!("theme-translation-invalid", error = e.to_string()),
            )
            .with_help(msg!("help-theme-translation-invalid"))]
        })?;
        let mut tera = Tera::default();
        tera.set_escape_fn(escape_html);
        tera.autoescape_on(vec![".html", ".xml"]);
        let lang = config.language;
        tera.register_filter(
            "num",
            move |v: &tera::Value, _: &HashMap<String, tera::Value>| {
                Ok(tera::Value::String(match v {
                    tera::Value::Number(n) => match n.as_u64() {
                        Some(u) => crate::text::group_thousands(u, lang.thousands_sep()),
                        None => n.to_string(),
                    },
                    tera::Value::Null => "—".to_string(),
                    other => other.to_string(),
                }))
            },
        );
        let sources = theme::with_translations(&theme.templates, &strings, escape_html);
        tera.add_raw_templates(sources.iter().map(|(n, s)| (*n, &**s)))
            .map_err(|e| vec![template_error(&e, config, &theme.origins)])?;
        Ok(Renderer {
            tera,
            base_context: {
                let mut ctx = tera::Context::new();
                ctx.insert("t", &strings);
                ctx.insert("urls", &urls.template_links());
                ctx
            },
            i18n: I18n { strings },
            search_aliases: aliases,
            site_static,
            urls,
            config: config.clone(),
            theme,
        })
    }

    pub fn language(&self) -> Language {
        self.config.language
    }

    /// Renders every output in parallel and hands each to `sink` without
    /// keeping it; each page's links are checked against the plan's paths.
    ///
    /// Write-ups go a chunk at a time, in date order: each one's facts and body
    /// are rendered once and make both its page and its entry in the dossiers
    /// it is printed in (its cluster's and its year's, or the volume they
    /// share when they are long). Dossiers are written in parts (their shell's
    /// head, the entries, the tail), so no dossier is ever held whole.
    pub fn render_streaming(
        &self,
        corpus: &Corpus,
        cache: &rows::RowCache,
        sink: &dyn Sink,
    ) -> Vec<Diagnostic> {
        let plan = pages::plan(corpus, self.config.base_url.is_some());
        let mut paths: Vec<String> = plan.iter().map(|s| s.path(&self.urls, corpus)).collect();
        paths.extend(self.theme.static_files.keys().map(|n| self.urls.asset(n)));
        paths.extend(
            corpus
                .writeups
                .iter()
                .flat_map(|w| w.assets.files.iter().flat_map(crate::assets::File::outputs)),
        );
        paths.extend(self.site_static.iter().cloned());
        let written: links::Written = paths.iter().map(String::as_str).collect();
        let by_chunk = |s: &PageSpec| s.is_dossier() || matches!(s, PageSpec::Conference(_));
        let (chunked, others): (Vec<PageSpec>, Vec<PageSpec>) =
            plan.iter().partition(|s| by_chunk(s));
        let dossiers: Vec<PageSpec> = chunked
            .into_iter()
            .filter(|s| !matches!(s, PageSpec::Conference(_)))
            .collect();
        let shared = pages::Shared::new(corpus, self, cache);
        // The chunks' dossier appends are sequential; the other pages go on beside them.
        let (mut diags, pages_diags): (Vec<Diagnostic>, Vec<Diagnostic>) = rayon::join(
            || self.stream_writeups(corpus, &shared, &dossiers, &written, sink),
            || {
                others
                    .par_iter()
                    .flat_map_iter(|spec| {
                        self.render_checked(spec, corpus, &shared, &written, sink)
                    })
                    .collect()
            },
        );
        diags.extend(pages_diags);
        diags.par_extend(
            self.theme
                .static_files
                .par_iter()
                .flat_map_iter(|(name, bytes)| {
                    let file = OutputFile {
                        path: self.urls.asset(name),
                        bytes: bytes.clone(),
                    };
                    let mut diags = links::check_one(&file, &written);
                    if let Err(d) = sink.file(file) {
                        diags.push(d);
                    }
                    diags
                }),
        );
        diags
    }

    /// Renders a page, checks its links and hands it to the sink.
    fn render_checked(
        &self,
        spec: &PageSpec,
        corpus: &Corpus,
        shared: &pages::Shared,
        written: &links::Written,
        sink: &dyn Sink,
    ) -> Vec<Diagnostic> {
        if let Some(result) = self.stream_data(spec, corpus, sink) {
            return result.err().into_iter().collect();
        }
        let (file, mut diags) = self.render_page(spec, corpus, shared);
        if !diags.iter().any(Diagnostic::is_error) {
            diags.extend(links::check_one(&file, written));
            if let Err(d) = sink.file(file) {
                diags.push(d);
            }
        }
        diags
    }

    /// The conference pages and the dossiers, a chunk of write-ups at a time.
    fn stream_writeups(
        &self,
        corpus: &Corpus,
        shared: &pages::Shared,
        dossiers: &[PageSpec],
        written: &links::Written,
        sink: &dyn Sink,
    ) -> Vec<Diagnostic> {
        let mut diags = Vec::new();
        let mut shell = shared.borrowed();
        shell.dossier_shell = true;
        // The shells, split where the entries go; each head is written at
        // once and only the tail is kept (a dossier's contents and honours
        // table run to megabytes at 10,000 write-ups).
        let shells: Vec<(String, String, Vec<Diagnostic>)> = dossiers
            .par_iter()
            .map(|spec| {
                let (file, mut diags) = self.render_page(spec, corpus, &shell);
                let mut head = String::from_utf8(file.bytes).unwrap_or_default();
                let tail = match head.find(pages::DOSSIER_MARK) {
                    Some(at) => {
                        let tail = head[at + pages::DOSSIER_MARK.len()..].to_string();
                        head.truncate(at);
                        tail
                    }
                    None => String::new(),
                };
                for part in [&head, &tail] {
                    diags.extend(links::check_bytes(&file.path, part.as_bytes(), written));
                }
                if let Err(e) = sink.part(&file.path, head.as_bytes(), false) {
                    diags.push(e);
                }
                (file.path, tail, diags)
            })
            .collect();
        for (_, _, d) in &shells {
            diags.extend(d.iter().cloned());
        }
        let with_dossiers = !dossiers.is_empty();
        let volumes: Vec<PageSpec> = dossiers
            .iter()
            .copied()
            .filter(|s| matches!(s, PageSpec::Volume(..)))
            .collect();
        let destinations = plan::dossier_paths(corpus, &self.urls, &volumes);
        let entries_to = with_dossiers.then_some(&destinations[..]);
        let plain = shared.borrowed();
        let all: Vec<usize> = (0..corpus.writeups.len()).collect();
        // Each chunk is rendered while the dossier entries of the one before are
        // appended to their files: the appending is serial, in corpus order.
        let append = |entries: &[Entry]| -> Vec<Diagnostic> {
            let mut diags = Vec::new();
            for (i, entry) in entries {
                for path in &destinations[*i] {
                    if let Err(e) = sink.part(path, entry.as_bytes(), false) {
                        diags.push(e);
                    }
                }
            }
            diags
        };
        let mut pending: Vec<Entry> = Vec::new();
        // Two chunks of entries are alive at once (one appending, one
        // rendering): 256 write-ups keep that to a few megabytes and still
        // give every core a part of 64.
        for chunk in all.chunks(256) {
            let (appended, rendered) = rayon::join(
                || append(&pending),
                || {
                    chunk
                        .par_chunks(64)
                        .map(|part| {
                            self.render_writeups(corpus, &plain, part, entries_to, written, sink)
                        })
                        .collect::<Vec<_>>()
                },
            );
            diags.extend(appended);
            pending.clear();
            for r in rendered {
                match r {
                    Ok((d, entries)) => {
                        diags.extend(d);
                        pending.extend(entries);
                    }
                    Err(d) => {
                        diags.push(d);
                        return diags;
                    }
                }
            }
        }
        diags.extend(append(&pending));
        for (path, tail, _) in &shells {
            if let Err(e) = sink.part(path, tail.as_bytes(), true) {
                diags.push(e);
            }
        }
        diags
    }

    /// The conference pages of the write-ups at `idx` (written to the sink) and,
    /// with the dossiers each is printed in, their dossier entries (returned,
    /// to append in order).
    /// A template error of the shared pieces stops the build.
    fn render_writeups(
        &self,
        corpus: &Corpus,
        plain: &pages::Shared,
        idx: &[usize],
        dossiers: Option<&[Vec<String>]>,
        written: &links::Written,
        sink: &dyn Sink,
    ) -> Result<(Vec<Diagnostic>, Vec<Entry>), Diagnostic> {
        let pieces = self.render_pieces(corpus, &plain.slug_by_rel, idx)?;
        let map: std::collections::HashMap<usize, pieces::Piece> =
            idx.iter().copied().zip(pieces).collect();
        let shared = plain.with_pieces(&map);
        let mut diags: Vec<Diagnostic> = idx
            .iter()
            .flat_map(|&i| {
                self.render_checked(&PageSpec::Conference(i), corpus, &shared, written, sink)
            })
            .collect();
        let Some(dossiers) = dossiers else {
            return Ok((diags, Vec::new()));
        };
        let entries = self.render_dossier_entries(corpus, &shared.piece_source(), idx)?;
        // The dossiers of an entry all stand two folders deep: one check
        // serves them all.
        for (&i, entry) in idx.iter().zip(&entries) {
            if let Some(path) = dossiers[i].first() {
                diags.extend(links::check_bytes(path, entry.as_bytes(), written));
            }
        }
        Ok((diags, idx.iter().copied().zip(entries).collect()))
    }

    /// Runs `each` on every spec in parallel, in two rounds: first the dossiers,
    /// with every write-up's dossier entry rendered once and shared (then
    /// dropped, so the cache never lives alongside the other pages), then the
    /// rest. Results are in the order of `specs`' rounds.
    pub fn render_specs<T: Send>(
        &self,
        specs: &[PageSpec],
        corpus: &Corpus,
        cache: &rows::RowCache,
        each: &(dyn Fn(&PageSpec, &pages::Shared) -> T + Sync),
    ) -> Vec<T> {
        let is_dossier = |s: &&PageSpec| s.is_dossier();
        let dossiers: Vec<&PageSpec> = specs.iter().filter(is_dossier).collect();
        let others: Vec<&PageSpec> = specs.iter().filter(|s| !is_dossier(s)).collect();
        let mut shared = pages::Shared::new(corpus, self, cache);
        let mut out: Vec<T> = Vec::with_capacity(specs.len());
        if !dossiers.is_empty() {
            let all: Vec<usize> = (0..corpus.writeups.len()).collect();
            // A template error here is reported by each dossier's own render.
            if let Ok(entries) = self.render_dossier_entries(corpus, &shared.piece_source(), &all) {
                let mut with_entries = pages::Shared::new(corpus, self, cache);
                with_entries.entries = Some(&entries);
                out.extend(
                    dossiers
                        .par_iter()
                        .map(|s| each(s, &with_entries))
                        .collect::<Vec<T>>(),
                );
            } else {
                out.extend(
                    dossiers
                        .par_iter()
                        .map(|s| each(s, &shared))
                        .collect::<Vec<T>>(),
                );
            }
        }
        shared.entries = None;
        out.extend(
            others
                .par_iter()
                .map(|s| each(s, &shared))
                .collect::<Vec<T>>(),
        );
        out
    }

    /// Renders one page. Errors of a template come back as diagnostics and an
    /// empty page, so one broken template does not hide the others' errors.
    pub fn render_page(
        &self,
        spec: &PageSpec,
        corpus: &Corpus,
        shared: &pages::Shared,
    ) -> (OutputFile, Vec<Diagnostic>) {
        let path = spec.path(&self.urls, corpus);
        if !spec.is_html() {
            let bytes = self.render_data(spec, corpus);
            return (OutputFile { path, bytes }, Vec::new());
        }
        let (template, mut ctx, diags) = pages::context(spec, corpus, self, shared);
        // The 404 page is served for a missing address at any depth: with a
        // base URL its links are absolute under it, so they work from there.
        let root = match (&self.config.base_url, spec) {
            (Some(base), PageSpec::NotFound) => base.clone(),
            _ => crate::urls::root_of(&path),
        };
        ctx.insert("root", &root);
        ctx.insert("page_path", &path);
        let canonical = self
            .config
            .base_url
            .as_ref()
            .map(|b| crate::urls::under_base(b, &path));
        ctx.insert("canonical", &canonical);
        let mut all = diags;
        // Into bytes: `render` would check the whole page is UTF-8 again.
        let mut bytes = Vec::with_capacity(16 * 1024);
        if let Err(e) = self.tera.render_to(template, &ctx, &mut bytes) {
            all.push(template_error(&e, &self.config, &self.theme.origins));
            bytes.clear();
        }
        (OutputFile { path, bytes }, all)
    }
}

impl Renderer {
    /// Writes the data outputs that grow with the corpus (the exports and the
    /// search index) to the sink in parts, so none is held whole: at 100,000
    /// write-ups the JSON alone is 137 MB. `None` for every other output.
    fn stream_data(
        &self,
        spec: &PageSpec,
        corpus: &Corpus,
        sink: &dyn Sink,
    ) -> Option<Result<(), Diagnostic>> {
        if *spec == PageSpec::SearchIndex {
            return Some(
                self.write_search(corpus, &|path, bytes| sink.file(OutputFile { path, bytes })),
            );
        }
        let mut out = PartWriter {
            sink,
            path: spec.path(&self.urls, corpus),
            buf: Vec::with_capacity(PartWriter::SIZE),
            failed: None,
        };
        let written = self.write_growing_data(spec, corpus, &mut out)?;
        Some(match written {
            Ok(()) => out.finish(),
            Err(e) => Err(out.failed.take().unwrap_or_else(|| {
                Diagnostic::error(
                    PathBuf::from(&out.path),
                    msg!("cannot-write", path = &out.path, error = e.to_string()),
                )
            })),
        })
    }

    /// Writes a data output that grows with the corpus (the exports and the
    /// search index) to `out`; `None` for every other output.
    fn write_growing_data(
        &self,
        spec: &PageSpec,
        corpus: &Corpus,
        out: &mut dyn std::io::Write,
    ) -> Option<std::io::Result<()>> {
        let urls = &self.urls;
        Some(match *spec {
            PageSpec::ExportCsv => data::write_csv(urls, corpus.writeups.iter().map(|w| &**w), out),
            PageSpec::ExportJson => data::write_json(urls, corpus, out),
            PageSpec::ClustersJson => data::write_clusters_json(urls, corpus, out),
            PageSpec::HonoursCsv => data::write_honours_csv(urls, corpus, out),
            PageSpec::ClusterCsv(i) => data::write_csv(
                urls,
                corpus.clusters[i]
                    .writeups
                    .iter()
                    .map(|&w| &*corpus.writeups[w]),
                out,
            ),
            _ => return None,
        })
    }

    /// Writes every file of the search index through `emit`.
    pub fn write_search(
        &self,
        corpus: &Corpus,
        emit: &(dyn Fn(String, Vec<u8>) -> Result<(), Diagnostic> + Sync),
    ) -> Result<(), Diagnostic> {
        crate::search::write_index(
            corpus,
            &self.i18n,
            &self.config,
            &self.urls,
            &self.search_aliases,
            emit,
        )
    }

    /// Every file of the search index, by path.
    pub fn search_files(&self, corpus: &Corpus) -> (Vec<OutputFile>, Vec<Diagnostic>) {
        let files = std::sync::Mutex::new(Vec::new());
        let result = self.write_search(corpus, &|path, bytes| {
            if let Ok(mut f) = files.lock() {
                f.push(OutputFile { path, bytes });
            }
            Ok(())
        });
        let mut files = files.into_inner().unwrap_or_default();
        files.sort_by(|a, b| a.path.cmp(&b.path));
        (files, result.err().into_iter().collect())
    }

    fn render_data(&self, spec: &PageSpec, corpus: &Corpus) -> Vec<u8> {
        let mut bytes = Vec::new();
        // Writing into memory cannot fail.
        if self.write_growing_data(spec, corpus, &mut bytes).is_some() {
            return bytes;
        }
        let base = self.config.base_url.as_deref().unwrap_or_default();
        let title = self
            .config
            .title
            .clone()
            .unwrap_or_else(|| self.i18n.get("site_title").to_string());
        match *spec {
            PageSpec::Sitemap => {
                let paths: Vec<String> = pages::plan(corpus, true)
                    .iter()
                    .filter(|s| s.is_html())
                    .map(|s| s.path(&self.urls, corpus))
                    .collect();
                data::sitemap(base, &paths)
            }
            PageSpec::Feed => data::atom(&self.urls, corpus, base, &title, &self.i18n),
            PageSpec::ClusterYearsCsv => data::cluster_years_csv(corpus),
            _ => Vec::new(),
        }
    }
}

/// Where a streaming build puts its outputs.
pub trait Sink: Sync {
    /// A whole file.
    fn file(&self, file: OutputFile) -> Result<(), Diagnostic>;
    /// The next part of a file made piece by piece (a dossier); `last` closes it.
    fn part(&self, path: &str, bytes: &[u8], last: bool) -> Result<(), Diagnostic>;
    /// A file copied from disk as it is (a photo's version, an attachment):
    /// the sink reads it, render does not.
    fn copy(&self, path: &str, from: &std::path::Path) -> Result<(), Diagnostic>;
}

/// A write-up's index and its rendered dossier entry.
type Entry = (usize, String);

/// Hands what is written to a sink as the parts of one file, a megabyte at a
/// time.
struct PartWriter<'s> {
    sink: &'s dyn Sink,
    path: String,
    buf: Vec<u8>,
    /// The sink's error, which stopped the writing.
    failed: Option<Diagnostic>,
}

impl PartWriter<'_> {
    const SIZE: usize = 1 << 20;

    fn send(&mut self, last: bool) -> std::io::Result<()> {
        if let Err(d) = self.sink.part(&self.path, &self.buf, last) {
            let e = std::io::Error::other(d.code());
            self.failed = Some(d);
            return Err(e);
        }
        self.buf.clear();
        Ok(())
    }

    /// Sends the rest and closes the file.
    fn finish(mut self) -> Result<(), Diagnostic> {
        match self.send(true) {
            Ok(()) => Ok(()),
            Err(e) => Err(self.failed.take().unwrap_or_else(|| {
                Diagnostic::error(
                    PathBuf::from(&self.path),
                    msg!("cannot-write", path = &self.path, error = e.to_string()),
                )
            })),
        }
    }
}

impl std::io::Write for PartWriter<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(bytes);
        if self.buf.len() >= Self::SIZE {
            self.send(false)?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A sink that keeps nothing: `check --full` renders only to find problems.
pub struct Discard;

impl Sink for Discard {
    fn file(&self, _: OutputFile) -> Result<(), Diagnostic> {
        Ok(())
    }

    fn part(&self, _: &str, _: &[u8], _: bool) -> Result<(), Diagnostic> {
        Ok(())
    }

    fn copy(&self, _: &str, _: &std::path::Path) -> Result<(), Diagnostic> {
        Ok(())
    }
}

/// Escapes text for HTML element content and quoted attributes. Unlike Tera's
/// default it leaves '/' alone, so relative URLs stay readable.
fn escape_html(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + 8);
    let mut last = 0;
    // The special characters are ASCII, so byte positions are character bounds.
    for (i, b) in input.bytes().enumerate() {
        let with = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&input[last..i]);
        out.push_str(with);
        last = i + 1;
    }
    out.push_str(&input[last..]);
    out
}

/// A template's error, at the file the template comes from (`origins`, by
/// template name, as the theme was read).
pub(crate) fn template_error(
    e: &tera::Error,
    config: &Config,
    origins: &BTreeMap<String, PathBuf>,
) -> Diagnostic {
    use std::error::Error as _;
    let mut message = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    // Tera names the template first: "Failed to parse '404.html'".
    let named = message
        .split_once('\'')
        .and_then(|(_, rest)| rest.split_once('\''))
        .map(|(name, _)| name)
        .filter(|name| name.ends_with(".html") && !name.contains(".."));
    let path = match named {
        Some(name) => theme::template_origin(origins, name),
        None => PathBuf::from(format!("themes/{}/templates", config.theme)),
    };
    Diagnostic::error(path, msg!("template-error", error = message))
        .with_help(msg!("help-template-error"))
}
