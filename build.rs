//! Embeds docs/diagnostics/*.md and docs/diagnostics/zh/*.md in the binary
//! for `planc explain`, so the pages users read on the web and in the
//! terminal are the same text.

use std::fmt::Write;
use std::path::Path;

/// The pages of one directory, by diagnostic name (README and index left out).
fn pages(dir: &Path) -> Vec<(String, String)> {
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
    pages
}

fn write_static(code: &mut String, doc: &str, name: &str, pages: Vec<(String, String)>) {
    writeln!(code, "/// {doc}\npub static {name}: &[(&str, &str)] = &[").unwrap();
    for (name, path) in pages {
        writeln!(code, "    ({name:?}, include_str!({path:?})),").unwrap();
    }
    code.push_str("];\n");
}

fn main() {
    let mut code = String::new();
    write_static(
        &mut code,
        "Every page of docs/diagnostics, by diagnostic name.",
        "PAGES",
        pages(Path::new("docs/diagnostics")),
    );
    write_static(
        &mut code,
        "Every Chinese page of docs/diagnostics/zh, by diagnostic name.",
        "ZH_PAGES",
        pages(Path::new("docs/diagnostics/zh")),
    );
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&out).join("pages.rs"), code).expect("OUT_DIR is writable");
}
