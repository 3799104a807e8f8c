//! The command-line definition itself: clap's own consistency checks (no two
//! arguments with one name or short flag, defaults among the allowed values,
//! every `requires`/`conflicts_with` naming an argument that exists…), which
//! otherwise fire only when the faulty subcommand is parsed.

use baocao::cli::Cli;
use clap::CommandFactory;

#[test]
fn the_command_line_definition_passes_clap_debug_assert() {
    Cli::command().debug_assert();
}
