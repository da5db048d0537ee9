//! How document templates write Markdown: values are escaped for Markdown
//! by default, and three filters place tagged text (`md` for blocks,
//! `inline` for one line, `cell` for a table cell).

use std::io::Write;

use tera::{Kwargs, State, StringInput, Tera, Value};

use super::origin::{CLOSE, OPEN, SEP};

/// Set up the Markdown instance of the template set.
pub(crate) fn configure(markdown: &mut Tera) {
    markdown.set_escape_fn(markdown_escape);
    markdown.register_filter("md", filter_md);
    markdown.register_filter("inline", filter_inline);
    markdown.register_filter("cell", filter_cell);
}

/// Escape a value for Markdown: ASCII punctuation that Markdown could read
/// as syntax gets a backslash; line breaks become spaces.
fn markdown_escape(input: &str, out: &mut dyn Write) -> std::io::Result<()> {
    let mut buf = [0u8; 4];
    for c in input.chars() {
        match c {
            '\n' | '\r' => out.write_all(b" ")?,
            c if c.is_ascii_punctuation() && !matches!(c, ',' | '/' | '\'' | '"' | '@' | '%' | '=' | '?' | ';') => {
                out.write_all(b"\\")?;
                out.write_all(c.encode_utf8(&mut buf).as_bytes())?;
            }
            c => out.write_all(c.encode_utf8(&mut buf).as_bytes())?,
        }
    }
    Ok(())
}

/// Split a tagged value into (opening tag, text, closing tag).
fn split_tag(s: &str) -> (&str, &str, &str) {
    if s.starts_with(OPEN)
        && s.ends_with(CLOSE)
        && let Some(sep) = s.find(SEP)
    {
        let body_start = sep + SEP.len_utf8();
        let close = s.len() - CLOSE.len_utf8();
        if body_start <= close {
            return (&s[..body_start], &s[body_start..close], &s[close..]);
        }
    }
    ("", s, "")
}

/// `{{ x | md }}`: Markdown blocks, with the origin tags on lines of their own.
fn filter_md(x: StringInput, _: Kwargs, _: &State) -> Value {
    let (open, body, close) = split_tag(x.as_str());
    Value::safe_string(&format!("\n\n{open}\n\n{}\n\n{close}\n\n", body.trim()))
}

/// `{{ x | inline }}`: Markdown inline content on one line.
fn filter_inline(x: StringInput, _: Kwargs, _: &State) -> Value {
    Value::safe_string(&crate::cjk::join_lines(x.as_str().lines()))
}

/// `{{ x | cell }}`: Markdown inline content for a table cell: pipes
/// escaped, line breaks kept as `<br>`.
fn filter_cell(x: StringInput, _: Kwargs, _: &State) -> Value {
    // Lines of a paragraph are joined; paragraphs become line breaks.
    let paragraphs: Vec<String> =
        x.as_str().split("\n\n").map(|p| crate::cjk::join_lines(p.lines())).filter(|p| !p.is_empty()).collect();
    Value::safe_string(&paragraphs.join("<br>").replace('|', "\\|"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn esc(s: &str) -> String {
        let mut v = Vec::new();
        markdown_escape(s, &mut v).unwrap();
        String::from_utf8(v).unwrap()
    }

    #[test]
    fn escapes_markdown() {
        assert_eq!(esc("a*b* [c](d) <script>"), "a\\*b\\* \\[c\\]\\(d\\) \\<script\\>");
        assert_eq!(esc("# not a heading"), "\\# not a heading");
        assert_eq!(esc("99.9%"), "99\\.9%");
        assert_eq!(esc("日本語"), "日本語");
    }

    #[test]
    fn splits_tags() {
        let s = format!("{OPEN}3{SEP}text{CLOSE}");
        assert_eq!(
            split_tag(&s),
            (&s[..OPEN.len_utf8() + 1 + SEP.len_utf8()], "text", &s[s.len() - CLOSE.len_utf8()..])
        );
        assert_eq!(split_tag("plain"), ("", "plain", ""));
    }
}
