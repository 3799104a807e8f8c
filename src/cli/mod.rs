//! The command line: one file per command, each an Args struct with `run()`.
//! Commands return an `Outcome`; `main` prints it and exits with its code.

pub mod build;
pub mod check;
pub mod import;
pub mod new;
pub mod serve;

use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};

use crate::config::{self, Config, Language, Overrides};
use crate::diagnostics::{self, Diagnostic};
use crate::messages::{self, Arg, Msg};

/// Build the conference report site of the emulation clusters.
#[derive(Debug, Parser)]
#[command(name = "baocao", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// The commands. `build` and `check` run the pipeline once
/// (`crate::pipeline`): `build` writes what it renders, `check` renders the
/// bodies only (every page with `--full`) and writes nothing. `serve` keeps a
/// live session (`crate::live`) that redoes what each change touches. `new`
/// and `import` write content files for an editor.
#[derive(Debug, Subcommand)]
pub enum Command {
    Build(build::BuildArgs),
    Check(check::CheckArgs),
    New(new::NewArgs),
    Import(import::ImportArgs),
    Serve(serve::ServeArgs),
}

impl Cli {
    pub fn run(self) -> Outcome {
        match self.command {
            Command::Build(a) => a.run(),
            Command::Check(a) => a.run(),
            Command::New(a) => a.run(),
            Command::Import(a) => a.run(),
            Command::Serve(a) => a.run(),
        }
    }
}

/// What a command has to say and how it ends.
#[derive(Debug, Default)]
pub struct Outcome {
    pub stdout: String,
    pub stderr: String,
    pub code: u8,
}

/// Exit codes.
pub const OK: u8 = 0;
pub const CONTENT_ERROR: u8 = 1;
pub const USAGE_ERROR: u8 = 2;

impl Outcome {
    /// A usage error (exit 2): `message` and, if any, `help`, in `lang`.
    pub fn usage(lang: Language, message: Msg, help: Option<Msg>) -> Outcome {
        Outcome {
            stderr: error_text(lang, &message, help.as_ref()),
            code: USAGE_ERROR,
            ..Outcome::default()
        }
    }
}

/// "error: message" and "  = help: …" lines, in `lang`, for the errors of a
/// command that are not about a file's content.
pub fn error_text(lang: Language, message: &Msg, help: Option<&Msg>) -> String {
    let mut out = format!(
        "{}: {}\n",
        messages::lookup(lang, "severity-error"),
        message.text(lang)
    );
    if let Some(help) = help {
        out.push_str(&format!(
            "  = {}: {}\n",
            messages::lookup(lang, "label-help"),
            help.text(lang)
        ));
    }
    out
}

/// A "note: …" line in `lang`.
pub fn note_text(lang: Language, message: &Msg) -> String {
    format!(
        "{}: {}\n",
        messages::lookup(lang, "severity-note"),
        message.text(lang)
    )
}

/// Options every command that reads a site shares.
#[derive(Debug, Clone, clap::Args)]
pub struct SiteArgs {
    /// The site folder: holds site.yaml and content/ [default: the current folder]
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
}

impl SiteArgs {
    /// Resolves the root and reads the config; a missing root is a usage error.
    pub fn config(&self, overrides: &Overrides) -> Result<Config, Outcome> {
        let root = self.root.clone().unwrap_or_else(|| PathBuf::from("."));
        if !root.is_dir() {
            return Err(Outcome::usage(
                self.language(),
                msg!("site-folder-missing", path = root.display().to_string()),
                None,
            ));
        }
        // Absolute, so that paths shown to the user are relative to where they are.
        let root = std::fs::canonicalize(&root).unwrap_or(root);
        config::load(&root, overrides).map_err(|diags| Outcome {
            stderr: render_diagnostics(&diags, config::language_hint(&root)),
            code: CONTENT_ERROR,
            ..Outcome::default()
        })
    }

    /// The language of the messages before the config is read (or when it
    /// cannot be): what site.yaml says, else Vietnamese.
    pub fn language(&self) -> Language {
        let root = self.root.clone().unwrap_or_else(|| PathBuf::from("."));
        config::language_hint(&root)
    }
}

/// Diagnostics as text in `lang`, then a count line.
pub fn render_diagnostics(diags: &[Diagnostic], lang: Language) -> String {
    let mut out = String::new();
    for d in diags {
        out.push_str(&d.render(lang));
        out.push('\n');
    }
    let (errors, warnings) = diagnostics::count(diags);
    if errors > 0 || warnings > 0 {
        out.push_str(&count_line(errors, warnings).text(lang));
        out.push('\n');
    }
    out
}

/// "2 errors, 1 warning" / "2 lỗi, 1 cảnh báo".
pub fn count_line(errors: usize, warnings: usize) -> Msg {
    msg!(
        "summary-counts",
        errors = errors,
        errors_word = plural(errors, "word-error", "word-errors"),
        warnings = warnings,
        warnings_word = plural(warnings, "word-warning", "word-warnings")
    )
}

/// The catalog word for `n` things: `one` for 1, else `many`.
pub fn plural(n: usize, one: &'static str, many: &'static str) -> Arg {
    Arg::Key(if n == 1 { one } else { many })
}

/// Shows `p` relative to the current folder when it is inside it.
pub fn shown(p: &Path) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    match p.strip_prefix(&cwd) {
        Ok(rel) if rel.as_os_str().is_empty() => ".".to_string(),
        Ok(rel) => rel.display().to_string(),
        Err(_) => p.display().to_string(),
    }
}

/// Writes a new file for an editor (`new`, `import`): its folder is made, an
/// existing file is never overwritten (checked, then `create_new` so a file
/// that appears in between is not clobbered either), and the path is printed.
pub fn write_new_file(lang: Language, path: &Path, text: &str, refusal_help: Msg) -> Outcome {
    let error = |message: Msg, help: Option<&Msg>| Outcome {
        stderr: error_text(lang, &message, help),
        code: CONTENT_ERROR,
        ..Outcome::default()
    };
    let exists = || msg!("file-exists", path = shown(path));
    if path.exists() {
        return error(exists(), Some(&refusal_help));
    }
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        if let Err(e) = std::fs::create_dir_all(parent) {
            return error(
                msg!(
                    "cannot-create",
                    path = parent.display().to_string(),
                    error = e.to_string()
                ),
                None,
            );
        }
    }
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes()));
    match written {
        Ok(()) => Outcome {
            stdout: format!("{}\n", shown(path)),
            code: OK,
            ..Outcome::default()
        },
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            error(exists(), Some(&refusal_help))
        }
        Err(e) => error(
            msg!("cannot-write", path = shown(path), error = e.to_string()),
            None,
        ),
    }
}
