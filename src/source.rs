//! Bytes to text. The only place planc looks at raw bytes.

use crate::diagnostic::{Code, Diagnostic};
use crate::span::Span;
use std::borrow::Cow;

/// The file's text, or — for invalid UTF-8 — a lossy copy to show the user
/// and a diagnostic naming the first bad byte.
pub fn decode(bytes: &[u8]) -> Result<&str, Box<(String, Diagnostic)>> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) => {
            let at = e.valid_up_to();
            let lossy = match String::from_utf8_lossy(bytes) {
                Cow::Owned(s) => s,
                Cow::Borrowed(s) => s.to_string(),
            };
            // The lossy text is identical up to the bad byte, which becomes U+FFFD (3 bytes).
            let diagnostic = Diagnostic::new(
                Code::Syntax,
                Span::new(at, at + '\u{FFFD}'.len_utf8()),
                format!("this file is not valid UTF-8: byte {at} (0x{:02X}) cannot start or continue a character", bytes[at]),
            )
            .with_span_label("invalid byte")
            .with_help("Save the file as UTF-8. Editors call it \"UTF-8\" (not GBK, GB2312 or UTF-16); `iconv -f GBK -t UTF-8` converts a GBK file.");
            Err(Box::new((lossy, diagnostic)))
        }
    }
}
