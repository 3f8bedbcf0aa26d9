//! SVG to PNG in-process with `resvg` (pure Rust): decks need PNG, and
//! Graphviz must not be needed for it.
//!
//! [`png`] does no IO: it draws with the fonts of the database it is given.
//! [`system_fonts`] reads the machine's fonts into one; the command line
//! calls it once. A picture with Chinese (or Japanese, Korean) text and no
//! font that can draw it is an error that names a package to install, not a
//! PNG full of empty boxes.

use resvg::tiny_skia;
use resvg::usvg::{self, fontdb};
use skrifa::MetadataProvider;
use std::collections::BTreeSet;
use std::fmt;
use std::sync::Arc;

/// Pixels per SVG unit: sharp on a slide or a high-density screen.
pub const SCALE: f32 = 2.0;
/// The largest PNG drawn, in pixels (width × height); bigger pictures are
/// drawn at a smaller scale, and refused below [`MIN_SCALE`].
pub const MAX_PIXELS: f64 = 100_000_000.0;
/// No side longer than this many pixels.
pub const MAX_SIDE: f64 = 32_000.0;
pub const MIN_SCALE: f64 = 0.25;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PngError {
    /// The SVG did not parse (never for planc's own pictures).
    Svg(String),
    /// The picture has CJK text that no installed font can draw.
    MissingCjkFont {
        /// Up to ten of the characters no font has.
        missing: String,
    },
    /// Too large to draw even at [`MIN_SCALE`].
    TooLarge {
        width: u32,
        height: u32,
    },
    Encode(String),
}

impl fmt::Display for PngError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PngError::Svg(e) => write!(f, "the SVG could not be read: {e}"),
            PngError::MissingCjkFont { missing } => write!(
                f,
                "the picture has Chinese, Japanese or Korean text ({missing}) but no installed font can draw it; \
install a CJK font (on Debian or Ubuntu: `apt-get install fonts-noto-cjk`; on Fedora: `dnf install google-noto-sans-cjk-fonts`; \
on macOS and Windows one comes with the system), or write `--format svg` and let the browser draw it"
            ),
            PngError::TooLarge { width, height } => write!(
                f,
                "the picture is {width}×{height} px, too large for a PNG; write `--format svg` instead, or draw less of the plan"
            ),
            PngError::Encode(e) => write!(f, "the PNG could not be written: {e}"),
        }
    }
}

impl std::error::Error for PngError {}

/// The fonts installed on this machine (reads font files: call it from the
/// command line, once).
pub fn system_fonts() -> fontdb::Database {
    let mut db = fontdb::Database::new();
    db.load_system_fonts();
    db
}

/// Whether `c` is Chinese, Japanese or Korean script or punctuation: the
/// characters a Latin-only font cannot draw.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF      // Hangul Jamo
        | 0x2E80..=0x2FDF    // radicals
        | 0x3000..=0x303F    // CJK symbols and punctuation
        | 0x3040..=0x30FF    // Hiragana, Katakana
        | 0x3100..=0x31BF    // Bopomofo, Hangul compatibility Jamo
        | 0x31F0..=0x31FF
        | 0x3400..=0x4DBF    // Extension A
        | 0x4E00..=0x9FFF    // Unified Ideographs
        | 0xAC00..=0xD7AF    // Hangul syllables
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0xFF00..=0xFFEF    // full-width forms
        | 0x20000..=0x3134F) // Extensions B–G
}

/// The CJK characters of the SVG's text (element content, where labels go)
/// that no face in `fonts` has a glyph for.
pub fn missing_cjk(svg: &str, fonts: &fontdb::Database) -> BTreeSet<char> {
    let mut wanted: BTreeSet<char> = BTreeSet::new();
    // Characters between `>` and `<`: text, never tag or attribute names.
    let mut in_text = false;
    for c in svg.chars() {
        match c {
            '>' => in_text = true,
            '<' => in_text = false,
            c if in_text && is_cjk(c) => {
                wanted.insert(c);
            }
            _ => {}
        }
    }
    if wanted.is_empty() {
        return wanted;
    }
    for face in fonts.faces() {
        let covered: Vec<char> = fonts
            .with_face_data(face.id, |data, index| {
                let font = skrifa::FontRef::from_index(data, index).ok()?;
                let charmap = font.charmap();
                Some(
                    wanted
                        .iter()
                        .copied()
                        .filter(|&c| charmap.map(c).is_some())
                        .collect(),
                )
            })
            .flatten()
            .unwrap_or_default();
        for c in covered {
            wanted.remove(&c);
        }
        if wanted.is_empty() {
            break;
        }
    }
    wanted
}

/// The SVG as PNG at [`SCALE`] pixels per unit (less for very large
/// pictures), on white, drawn with `fonts`. External images are never
/// loaded.
pub fn png(svg: &str, fonts: &fontdb::Database) -> Result<Vec<u8>, PngError> {
    let missing = missing_cjk(svg, fonts);
    if !missing.is_empty() {
        return Err(PngError::MissingCjkFont {
            missing: missing.iter().take(10).collect(),
        });
    }
    let options = usvg::Options {
        fontdb: Arc::new(fonts.clone()),
        font_family: "sans-serif".to_string(),
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: usvg::ImageHrefResolver::default_data_resolver(),
            // No file is read: a picture is drawn from the SVG alone.
            resolve_string: Box::new(|_, _| None),
        },
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| PngError::Svg(e.to_string()))?;
    let size = tree.size();
    let (w, h) = (f64::from(size.width()), f64::from(size.height()));
    let scale = f64::from(SCALE)
        .min((MAX_PIXELS / (w * h)).sqrt())
        .min(MAX_SIDE / w.max(h));
    if scale < MIN_SCALE {
        return Err(PngError::TooLarge {
            width: w.ceil() as u32,
            height: h.ceil() as u32,
        });
    }
    let (pw, ph) = ((w * scale).ceil() as u32, (h * scale).ceil() as u32);
    let mut pixmap = tiny_skia::Pixmap::new(pw.max(1), ph.max(1)).ok_or(PngError::TooLarge {
        width: w.ceil() as u32,
        height: h.ceil() as u32,
    })?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale as f32, scale as f32),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| PngError::Encode(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LATIN: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" viewBox="0 0 40 20"><rect x="0" y="0" width="20" height="20" fill="#ff0000"/></svg>"##;

    #[test]
    fn draws_at_twice_the_size_on_white() {
        let png = png(LATIN, &fontdb::Database::new()).expect("a PNG");
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        // IHDR: width and height, big-endian, at bytes 16..24.
        assert_eq!(u32::from_be_bytes(png[16..20].try_into().unwrap()), 80);
        assert_eq!(u32::from_be_bytes(png[20..24].try_into().unwrap()), 40);
    }

    #[test]
    fn cjk_text_without_a_cjk_font_names_a_package() {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><text x="0" y="10">营收</text></svg>"#;
        let err = png(svg, &fontdb::Database::new()).expect_err("no font");
        assert_eq!(
            err,
            PngError::MissingCjkFont {
                missing: "收营".to_string()
            }
        );
        assert!(err.to_string().contains("fonts-noto-cjk"));
    }

    #[test]
    fn cjk_in_attributes_only_needs_no_font() {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" id="营"><rect width="1" height="1"/></svg>"#;
        assert!(missing_cjk(svg, &fontdb::Database::new()).is_empty());
    }

    #[test]
    fn a_broken_svg_is_an_error_not_a_panic() {
        for bad in [
            "",
            "<svg",
            "not xml",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"0\" height=\"0\"/>",
        ] {
            assert!(png(bad, &fontdb::Database::new()).is_err(), "{bad}");
        }
    }

    #[test]
    fn huge_pictures_are_refused() {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="900000" height="900000"><rect width="1" height="1"/></svg>"#;
        assert!(matches!(
            png(svg, &fontdb::Database::new()),
            Err(PngError::TooLarge { .. })
        ));
    }

    #[test]
    fn files_named_by_images_are_not_read() {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10"><image href="/etc/passwd" width="10" height="10"/></svg>"#;
        assert!(png(svg, &fontdb::Database::new()).is_ok());
    }

    /// With the machine's fonts: skipped, saying so, where no CJK font is installed.
    #[test]
    fn acme_timeline_draws_with_system_fonts() {
        let fonts = system_fonts();
        let svg = crate::diagram::timeline::svg(
            &crate::analyze(include_str!("../../examples/acme.plan"), &[]),
            None,
        );
        if !missing_cjk(&svg, &fonts).is_empty() {
            println!("SKIPPED acme_timeline_draws_with_system_fonts: no CJK font installed (apt-get install fonts-noto-cjk)");
            return;
        }
        let png = png(&svg, &fonts).expect("a PNG");
        assert!(png.len() > 10_000);
    }
}
