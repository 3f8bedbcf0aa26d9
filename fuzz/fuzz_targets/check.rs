//! Any bytes through the whole pipeline and both renderers: no panic, no
//! hang, and every span inside the text on character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use planc::render::{human, json, Source};

fuzz_target!(|bytes: &[u8]| {
    let (text, diagnostics) = match planc::source::decode(bytes) {
        Ok(text) => (text.to_string(), planc::analyze(text, &[]).diagnostics),
        Err(bad) => {
            let (lossy, diagnostic) = *bad;
            (lossy, vec![diagnostic])
        }
    };
    for d in &diagnostics {
        for span in std::iter::once(d.span).chain(d.labels.iter().map(|l| l.span)) {
            assert!(span.start <= span.end && span.end <= text.len());
            assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        }
        assert!(!d.help.is_empty());
    }
    let source = Source::new("fuzz.plan", &text, &diagnostics);
    let _ = human::render(&source, human::Style { color: false, width: 80 });
    let _ = json::render(&[source]);
});
