//! The command line: one file per command, each an Args struct with `run()`.
//! Commands return an `Outcome`; `main` prints it and exits with its code.

pub mod build;
pub mod check;
pub mod import;
pub mod new;
pub mod serve;

use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};

use crate::config::{self, Config, Overrides};
use crate::diagnostics::{self, Diagnostic};

/// Build the conference report site of the emulation clusters.
#[derive(Debug, Parser)]
#[command(name = "baocao", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

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
    pub fn usage(message: impl Into<String>) -> Outcome {
        Outcome {
            stderr: format!("error: {}\n", message.into()),
            code: USAGE_ERROR,
            ..Outcome::default()
        }
    }
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
            return Err(Outcome::usage(format!(
                "the site folder {} does not exist",
                root.display()
            )));
        }
        // Absolute, so that paths shown to the user are relative to where they are.
        let root = std::fs::canonicalize(&root).unwrap_or(root);
        config::load(&root, overrides).map_err(|diags| Outcome {
            stderr: render_diagnostics(&diags),
            code: CONTENT_ERROR,
            ..Outcome::default()
        })
    }
}

/// Diagnostics as text, then a count line.
pub fn render_diagnostics(diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diags {
        out.push_str(&d.render());
        out.push('\n');
    }
    let (errors, warnings) = diagnostics::count(diags);
    if errors > 0 || warnings > 0 {
        out.push_str(&format!(
            "{} {}, {} {}\n",
            errors,
            plural(errors, "error", "errors"),
            warnings,
            plural(warnings, "warning", "warnings")
        ));
    }
    out
}

pub fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
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
pub fn write_new_file(path: &Path, text: &str, refusal_help: &str) -> Outcome {
    let error = |message: String| Outcome {
        stderr: message,
        code: CONTENT_ERROR,
        ..Outcome::default()
    };
    if path.exists() {
        return error(format!(
            "error: {} already exists\n  = help: {refusal_help}\n",
            shown(path)
        ));
    }
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        if let Err(e) = std::fs::create_dir_all(parent) {
            return error(format!("error: cannot create {}: {e}\n", parent.display()));
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
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => error(format!(
            "error: {} already exists\n  = help: {refusal_help}\n",
            shown(path)
        )),
        Err(e) => error(format!("error: cannot write {}: {e}\n", shown(path))),
    }
}
