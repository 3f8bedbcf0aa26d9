//! The diagnostics table in docs/language.md says what `Code::summary()`
//! says (`planc explain` and SARIF show the summary), for every code, in
//! the order of `Code::ALL`: the table is written by hand for Markdown's
//! sake, and this test keeps it from drifting.

use planc::Code;
use std::path::Path;

/// The table's rows, as (name, severity, fires when) with the Markdown
/// code marks of the last cell removed.
fn rows() -> Vec<(String, String, String)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/language.md");
    let doc = std::fs::read_to_string(path).expect("docs/language.md");
    let start = doc
        .find("## 5. Diagnostics")
        .expect("a diagnostics section");
    let section = &doc[start..];
    let end = section[3..].find("\n## ").map_or(section.len(), |e| e + 3);
    section[..end]
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line
                .strip_prefix("| [`")?
                .strip_suffix(" |")?
                .split(" | ")
                .collect();
            let [link, severity, fires] = cells[..] else {
                return None;
            };
            let name = link.split('`').next()?;
            Some((
                name.to_string(),
                severity.to_string(),
                fires.replace('`', ""),
            ))
        })
        .collect()
}

#[test]
fn the_table_in_docs_language_is_code_summary() {
    let rows = rows();
    let wanted: Vec<(String, String, String)> = Code::ALL
        .iter()
        .map(|c| {
            (
                c.name().to_string(),
                c.severity().as_str().to_string(),
                c.summary().to_string(),
            )
        })
        .collect();
    for (row, want) in rows.iter().zip(&wanted) {
        assert_eq!(
            row, want,
            "docs/language.md's diagnostics table and src/diagnostic/code.rs disagree \
(the table may add `code marks`, nothing else)"
        );
    }
    assert_eq!(
        rows.len(),
        wanted.len(),
        "the table has {} rows and there are {} diagnostics; every name needs a row, in the order of Code::ALL",
        rows.len(),
        wanted.len()
    );
}
