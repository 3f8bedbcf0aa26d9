//! Bytes to text. The only place planc looks at raw bytes.

use crate::diagnostic::{Code, Diagnostic};
use crate::span::Span;
use std::borrow::Cow;

/// How far [`binary`] looks: git's rule, a NUL in the first 8 000 bytes,
/// rounded to 8 KiB.
pub const BINARY_PROBE: usize = 8 * 1024;

/// The file's text, or — for input that is not a UTF-8 plan — a copy to show
/// the user and the one diagnostic that says why.
///
/// Binary input (see [`binary`]) is refused before anything else looks at
/// it, however large: the copy to show is then at most [`BINARY_PROBE`]
/// bytes. Invalid UTF-8 gives a lossy copy and a diagnostic naming the
/// first bad byte.
pub fn decode(bytes: &[u8]) -> Result<&str, Box<(String, Diagnostic)>> {
    if let Some(refused) = binary(bytes) {
        return Err(refused);
    }
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

/// Whether these bytes look like a binary file rather than a plan: a NUL
/// byte in the first [`BINARY_PROBE`] bytes (git's rule; no text file has
/// one, and a plan saved as UTF-16 has one in every ASCII character).
///
/// `Some` holds what to show and the one diagnostic to report, as from
/// [`decode`]: the text is a lossy copy of at most the first
/// [`BINARY_PROBE`] bytes, so a 255 MB file costs no more than an 8 KB one.
/// Pure and O(8 KB): call it on every input before anything else, also on
/// input that is valid UTF-8 (a file of NULs is).
pub fn binary(bytes: &[u8]) -> Option<Box<(String, Diagnostic)>> {
    let probe = &bytes[..bytes.len().min(BINARY_PROBE)];
    let nul = probe.iter().position(|&b| b == 0)?;
    let utf16 = probe.starts_with(&[0xFF, 0xFE])
        || probe.starts_with(&[0xFE, 0xFF])
        || looks_like_utf16(probe);
    // What to show: the probe as text, cut at a character boundary.
    // (Each invalid byte becomes a 3-byte U+FFFD: cut again to the probe's size.)
    let mut shown = String::from_utf8_lossy(probe).into_owned();
    let at = shown.find('\0').unwrap_or(0);
    let mut cut = BINARY_PROBE.max(at + 1).min(shown.len());
    while !shown.is_char_boundary(cut) {
        cut -= 1;
    }
    shown.truncate(cut);
    let (message, help) = if utf16 {
        (
            "this file looks like UTF-16 text, not UTF-8".to_string(),
            "Save the file as UTF-8. Editors call it \"UTF-8\" (not UTF-16 or \"Unicode\"); `iconv -f UTF-16 -t UTF-8` converts it.",
        )
    } else {
        (
            format!("this looks like a binary file, not a plan: byte {nul} is a NUL (0x00)"),
            "planc reads plans, which are UTF-8 text. Check the file name: this file may be an image, an archive or a program.",
        )
    };
    let diagnostic = Diagnostic::new(Code::Syntax, Span::new(at, at + 1), message)
        .with_span_label("a NUL byte")
        .with_help(help);
    Some(Box::new((shown, diagnostic)))
}

/// ASCII text in UTF-16 has a NUL in every other byte.
fn looks_like_utf16(probe: &[u8]) -> bool {
    let pairs = probe.len() / 2;
    if pairs < 2 {
        return false;
    }
    let zero_at = |parity: usize| {
        probe
            .chunks_exact(2)
            .filter(|pair| pair[parity] == 0 && pair[1 - parity] != 0)
            .count()
    };
    // Most pairs are one NUL and one other byte, always on the same side.
    zero_at(0).max(zero_at(1)) * 10 >= pairs * 7
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nul_in_the_first_8_kb_is_binary() {
        assert!(binary(b"plan \"x\" {}\n").is_none());
        assert!(binary(b"").is_none());
        let (shown, d) = *binary(b"abc\0def").expect("binary");
        assert_eq!(shown, "abc\0def");
        assert_eq!(d.span, Span::new(3, 4));
        assert!(d.message.contains("binary file"));
        // A NUL after the first 8 KB is for the parser to report.
        let mut late = vec![b' '; BINARY_PROBE];
        late.push(0);
        assert!(binary(&late).is_none());
    }

    #[test]
    fn utf16_is_named() {
        let le: Vec<u8> = "plan".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = "plan".encode_utf16().flat_map(u16::to_be_bytes).collect();
        for bytes in [le, be] {
            let (_, d) = *binary(&bytes).expect("binary");
            assert!(d.message.contains("UTF-16"), "{}", d.message);
        }
    }

    #[test]
    fn the_text_shown_is_cut_to_the_probe() {
        let mut bytes = vec![0xE8, 0x90, 0xA5, 0];
        bytes.resize(BINARY_PROBE * 4, 0);
        let (shown, d) = *decode(&bytes).expect_err("binary");
        assert!(shown.len() <= BINARY_PROBE);
        assert_eq!(&shown[d.span.start()..d.span.end()], "\0");
    }
}
