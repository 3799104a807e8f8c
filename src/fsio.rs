//! File reading helpers that put the path into every error.

use std::path::Path;

use crate::diagnostics::Diagnostic;

/// Reads a UTF-8 text file; a BOM is dropped and CRLF becomes LF (line numbers
/// are unchanged by both).
pub fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::error(
            path,
            msg!(
                "cannot-read-path",
                path = path.display().to_string(),
                error = e.to_string()
            ),
        )
    })?;
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
        return Err(
            Diagnostic::error(path, msg!("not-utf8", line = line)).with_help(msg!("help-not-utf8"))
        );
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    })
}
