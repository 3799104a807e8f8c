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
