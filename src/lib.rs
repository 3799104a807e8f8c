//! baocao turns a folder of conference write-ups (Markdown with YAML front
//! matter) into a static site that works from disk, on an intranet server under a
//! sub-path, and on paper.
//!
//! Data flows one way:
//!
//! ```text
//! content/*.md ──load──▶ front matter + body ──validate──▶ write-ups + diagnostics
//!              ──model──▶ corpus (by cluster, year, unit) ──render──▶ pages in memory ──write──▶ public/
//! ```
//!
//! The stages run one after the other in `pipeline` (for `build` and `check`);
//! `live` keeps their results in memory for the live preview and redoes, after
//! each change, only what it touches. Only `main` prints; every stage returns
//! values and diagnostics.
#![warn(clippy::print_stdout, clippy::print_stderr)]
// A `Diagnostic` is the error type of content problems; it travels once per
// problem, so its size on the error path does not matter.
#![allow(clippy::result_large_err)]

// First, so that `msg!` is in scope in every module below.
#[macro_use]
pub mod messages;

pub mod assets;
pub mod cli;
pub mod config;
pub mod diagnostics;
pub mod fsio;
pub mod import;
pub mod live;
pub mod load;
pub mod model;
pub mod pipeline;
pub mod render;
pub mod search;
pub mod site;
pub mod text;
pub mod urls;
pub mod validate;
pub mod vi;
pub mod write;
