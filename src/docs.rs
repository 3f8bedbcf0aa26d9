//! The diagnostic pages of docs/diagnostics (English) and
//! docs/diagnostics/zh (Chinese), embedded at build time.

include!(concat!(env!("OUT_DIR"), "/pages.rs"));

/// The headings and marks of the Chinese pages, in one place: the tests and
/// anything that reads a page's parts find them by these words.
pub mod zh {
    /// The section holding the example that fires the diagnostic.
    pub const FAILING: &str = "会触发的写法";
    /// The section holding the same plan, corrected.
    pub const FIXED: &str = "改正后的写法";
    /// The line under the title that gives the severity: `**级别：** 错误`.
    pub const SEVERITY: &str = "**级别：**";
    /// The words for `error` and `warning` on that line.
    pub const ERROR: &str = "错误";
    pub const WARNING: &str = "警告";
    /// The first line of each file of an example of several files:
    /// `// 文件：departments/销售部.plan`.
    pub const FILE: &str = "// 文件：";
}

/// The page of a diagnostic, by its name.
pub fn page(name: &str) -> Option<&'static str> {
    find(PAGES, name)
}

/// The Chinese page of a diagnostic, by its name.
pub fn page_zh(name: &str) -> Option<&'static str> {
    find(ZH_PAGES, name)
}

fn find(pages: &'static [(&str, &str)], name: &str) -> Option<&'static str> {
    pages
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| *text)
}

/// The text of the `## {heading}` section of a page, up to the next `## `.
fn section<'a>(page: &'a str, heading: &str) -> Option<&'a str> {
    let marker = format!("## {heading}");
    let section = &page[page.find(&marker)? + marker.len()..];
    Some(&section[..section.find("\n## ").unwrap_or(section.len())])
}

/// Every ```plan block of a text, in order.
fn plan_blocks(mut text: &str) -> Vec<&str> {
    let mut blocks = Vec::new();
    while let Some(start) = text.find("```plan\n") {
        let rest = &text[start + "```plan\n".len()..];
        let Some(len) = rest.find("```") else { break };
        blocks.push(&rest[..len]);
        text = &rest[len..];
    }
    blocks
}

/// The first ```plan block under the `## {heading}` section of a page.
pub fn example<'a>(page: &'a str, heading: &str) -> Option<&'a str> {
    plan_blocks(section(page, heading)?).into_iter().next()
}

/// The failing example of a Chinese page (its first ```plan block).
pub fn failing_example_zh(page: &str) -> Option<&str> {
    example(page, zh::FAILING)
}

/// The fixed example of a Chinese page (its first ```plan block).
pub fn fixed_example_zh(page: &str) -> Option<&str> {
    example(page, zh::FIXED)
}

/// The files of an example that spans several: every ```plan block of the
/// section whose first line is `// 文件：PATH`, as (PATH, text). Empty for
/// an example of one file.
pub fn example_files<'a>(page: &'a str, heading: &str) -> Vec<(&'a str, &'a str)> {
    let Some(section) = section(page, heading) else {
        return Vec::new();
    };
    plan_blocks(section)
        .into_iter()
        .filter_map(|block| {
            let first = block.lines().next()?;
            Some((first.strip_prefix(zh::FILE)?.trim(), block))
        })
        .collect()
}

/// The command an example is run with, when it is not `planc check` on one
/// file: the first line starting `planc ` in a ```sh block of the section
/// (`planc status 战略.plan --today 2026-07-01`, `planc check 战略/`).
pub fn example_command<'a>(page: &'a str, heading: &str) -> Option<&'a str> {
    let mut rest = section(page, heading)?;
    while let Some(start) = rest.find("```sh\n") {
        let block = &rest[start + "```sh\n".len()..];
        let end = block.find("```").unwrap_or(block.len());
        if let Some(line) = block[..end]
            .lines()
            .map(str::trim)
            .find(|l| l.starts_with("planc "))
        {
            return Some(line);
        }
        rest = &block[end..];
    }
    None
}
