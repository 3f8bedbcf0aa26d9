//! Escaping text for each output, so that a label can say anything — quotes,
//! backslashes, braces, `<b>`, `]]>`, `#`, emoji, Chinese — and is shown as
//! written, never read as markup. The rules are in docs/graph.md.

use super::text::clean;

/// Text inside a DOT quoted string used as an escString attribute
/// (`tooltip`): Graphviz reads `\N`, `\G`, `\n` there, so every backslash
/// is doubled, a quote is `\"`, and a line break is `\n`.
pub fn dot_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in clean(text).chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// A DOT quoted identifier, with its quotes.
pub fn dot_id(id: &str) -> String {
    format!("\"{}\"", dot_string(id))
}

/// Text inside a DOT HTML-like label `<…>`: XML entities for `&`, `<`, `>`
/// and `"`; and since Graphviz still expands `\N`, `\G`, `\L` there after
/// reading entities, every backslash is doubled too.
pub fn dot_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in clean(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("<br/>"),
            c => out.push(c),
        }
    }
    out
}

/// Text inside a Mermaid quoted label `["…"]`, written with Mermaid's own
/// entity codes (`#quot;`, `#35;`): the quote that would end the label,
/// the `#` that starts an entity, HTML's `<`, `>` and `&`, the `%` of
/// comments, the backtick of Markdown strings, the `:` and `;` that
/// Mermaid's `style` pre-processing looks for, and the brackets, braces,
/// parentheses and `|` of its shapes and edge labels.
pub fn mermaid(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let text = clean(text);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // Mermaid turns the two characters `\n` into a line break even
            // when the backslash is an entity: an invisible word joiner
            // (U+2060) between them keeps them text.
            '\\' if chars.peek() == Some(&'n') => out.push_str("#92;#8288;"),
            '"' => out.push_str("#quot;"),
            '&' => out.push_str("#amp;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '#' | '%' | '`' | ':' | ';' | '(' | ')' | '[' | ']' | '{' | '}' | '|' | '\\' => {
                out.push('#');
                out.push_str(&(c as u32).to_string());
                out.push(';');
            }
            '\n' => out.push_str("<br/>"),
            c => out.push(c),
        }
    }
    out
}

/// Text for XML (SVG) content and attribute values.
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in clean(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_strings_double_backslashes_and_escape_quotes() {
        assert_eq!(dot_string(r#"a "b" \N c"#), r#"a \"b\" \\N c"#);
        assert_eq!(dot_string("x\\"), "x\\\\");
        assert_eq!(dot_string("1\n2"), "1\\n2");
    }

    #[test]
    fn dot_html_is_text_not_markup() {
        assert_eq!(
            dot_html(r#"<b>&"x"</b> \G {}|"#),
            r#"&lt;b&gt;&amp;&quot;x&quot;&lt;/b&gt; \\G {}|"#
        );
        assert_eq!(dot_html("a\u{1}😀营"), "a\u{FFFD}😀营");
    }

    #[test]
    fn mermaid_uses_entity_codes() {
        assert_eq!(mermaid(r#"say "hi""#), "say #quot;hi#quot;");
        assert_eq!(mermaid("#1; a|b"), "#35;1#59; a#124;b");
        assert_eq!(mermaid("f(x)[y]{z}"), "f#40;x#41;#91;y#93;#123;z#125;");
        assert_eq!(mermaid("<script>&"), "#lt;script#gt;#amp;");
        assert_eq!(mermaid("style: x"), "style#58; x");
        assert_eq!(mermaid("%% `md`"), "#37;#37; #96;md#96;");
        assert_eq!(mermaid("营收😀"), "营收😀");
        assert_eq!(mermaid(r"a\n b\x"), "a#92;#8288;n b#92;x");
    }

    #[test]
    fn xml_escapes_the_five() {
        assert_eq!(
            xml(r#"<a href="x">&'</a> ]]>"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt; ]]&gt;"
        );
    }
}
