use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use baocao::cli::Cli;

/// mimalloc: a build makes millions of small strings on every thread, and
/// glibc's allocator spent a fifth of a build's instructions on them.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let outcome = Cli::parse().run();
    let _ = std::io::stderr().write_all(outcome.stderr.as_bytes());
    let _ = std::io::stdout().write_all(outcome.stdout.as_bytes());
    ExitCode::from(outcome.code)
}
