use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use baocao::cli::Cli;

/// mimalloc: a build makes millions of small strings on every thread, and
/// glibc's allocator spent a fifth of a build's instructions on them.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (its number in `mi_option_e`,
/// `mimalloc.h` of the version pinned in Cargo.toml).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// How long freed memory stays with the allocator before it goes back to
/// the system, in milliseconds. mimalloc's default, a second, is a third
/// of a 10,000-write-up build: a build's peak then counts memory freed a
/// second before (about 7 MB at that size, 60 MB at 100,000). Sooner costs
/// system time, as the pages are asked for again: at 50 ms, up to a fifth
/// more at 100,000.
const PURGE_AFTER_MS: std::ffi::c_long = 100;

/// Sets the purge delay, unless `MIMALLOC_PURGE_DELAY` says otherwise.
fn tune_allocator() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: sets an integer option of the allocator; mimalloc reads its
        // options atomically, from any thread.
        unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, PURGE_AFTER_MS) }
    }
}

fn main() -> ExitCode {
    tune_allocator();
    let outcome = Cli::parse().run();
    let _ = std::io::stderr().write_all(outcome.stderr.as_bytes());
    let _ = std::io::stdout().write_all(outcome.stdout.as_bytes());
    ExitCode::from(outcome.code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_option_set_is_the_purge_delay() {
        // Of mimalloc's options only the purge delay defaults to 1000 (ms);
        // this process has not set it.
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            // SAFETY: reads an integer option.
            assert_eq!(unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) }, 1000);
        }
    }
}
