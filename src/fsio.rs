//! File reading helpers that put the path into every error.

use std::path::Path;

use crate::diagnostics::Diagnostic;

/// Reads a UTF-8 text file; a BOM is dropped and CRLF becomes LF (line numbers
/// are unchanged by both).
pub fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::error(path, format!("cannot read {}: {e}", path.display())))?;
    decode_text(path, bytes)
}

/// Decodes file bytes as UTF-8 text, with the same BOM and CRLF handling.
pub fn decode_text(path: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    // simdutf8 checks Vietnamese text many times faster than std; std finds
    // where a bad file goes wrong.
    let Ok(text) = simdutf8::basic::from_utf8(&bytes) else {
        let at = std::str::from_utf8(&bytes)
            .err()
            .map_or(0, |e| e.valid_up_to());
        let line = bytes[..at].iter().filter(|b| **b == b'\n').count() + 1;
        return Err(Diagnostic::error(
            path,
            format!("the file is not UTF-8 text (invalid byte at line {line})"),
        )
        .with_help("save the file as UTF-8 (in most editors: Save with Encoding → UTF-8)"));
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    })
}
