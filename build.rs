//! Embeds docs/diagnostics/*.md in the binary for `planc explain`, so the
//! pages users read on the web and in the terminal are the same text.

use std::fmt::Write;
use std::path::Path;

fn main() {
    let dir = Path::new("docs/diagnostics");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut pages: Vec<(String, String)> = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "md") {
                let name = path
                    .file_stem()
                    .and_then(|s| s.to_str())
                    .unwrap_or_default()
                    .to_string();
                if name.eq_ignore_ascii_case("README") || name == "index" {
                    continue;
                }
                println!("cargo:rerun-if-changed={}", path.display());
                let absolute = std::fs::canonicalize(&path).expect("a listed page exists");
                pages.push((name, absolute.display().to_string()));
            }
        }
    }
    pages.sort();
    let mut code = String::from("/// Every page of docs/diagnostics, by diagnostic name.\npub static PAGES: &[(&str, &str)] = &[\n");
    for (name, path) in pages {
        writeln!(code, "    ({name:?}, include_str!({path:?})),").unwrap();
    }
    code.push_str("];\n");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&out).join("pages.rs"), code).expect("OUT_DIR is writable");
}
