//! Any text through the parallel parser, cut at every place an item may
//! begin and at a few sizes: no panic, and exactly the sequential parse
//! (items, broken regions and errors, spans included).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let sequential = format!("{:?}", planc::syntax::parse_sequential(text));
    for piece in [1, 16, 64 * 1024] {
        let parallel = format!("{:?}", planc::syntax::parse_in_pieces(text, piece));
        assert_eq!(parallel, sequential, "pieces of {piece}");
    }
});
