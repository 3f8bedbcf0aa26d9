//! The diagnostic pages of docs/diagnostics, embedded at build time.

include!(concat!(env!("OUT_DIR"), "/pages.rs"));

/// The page of a diagnostic, by its name.
pub fn page(name: &str) -> Option<&'static str> {
    PAGES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| *text)
}

/// The first ```plan block under the `## {heading}` section of a page.
pub fn example<'a>(page: &'a str, heading: &str) -> Option<&'a str> {
    let marker = format!("## {heading}");
    let section = &page[page.find(&marker)? + marker.len()..];
    let section = &section[..section.find("\n## ").unwrap_or(section.len())];
    let start = section.find("```plan\n")? + "```plan\n".len();
    let len = section[start..].find("```")?;
    Some(&section[start..start + len])
}
