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
    markdown.register_filter("md_item", filter_md_item);
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

/// A plain value as Markdown text (what templates print by default).
pub(crate) fn escape_markdown(input: &str) -> String {
    let mut v = Vec::with_capacity(input.len() + 8);
    // Writing to a Vec cannot fail.
    let _ = markdown_escape(input, &mut v);
    String::from_utf8(v).unwrap_or_default()
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

/// `{{ x | md_item }}`: Markdown blocks that continue a definition or a list
/// item above them: every line indented by four spaces.
fn filter_md_item(x: StringInput, _: Kwargs, _: &State) -> Value {
    let (open, body, close) = split_tag(x.as_str());
    let indented: Vec<String> =
        body.trim().lines().map(|l| if l.trim().is_empty() { String::new() } else { format!("    {l}") }).collect();
    // The opening tag stays on the line of the definition (`: ` or its
    // address), so the indented blocks below continue it.
    Value::safe_string(&format!("{open}\n\n{}\n\n    {close}\n", indented.join("\n")))
}

/// `{{ x | inline }}`: Markdown inline content on one line.
fn filter_inline(x: StringInput, _: Kwargs, _: &State) -> Value {
    Value::safe_string(&crate::cjk::join_lines(x.as_str().lines()))
}

/// `{{ x | cell }}`: Markdown inline content for a table cell: pipes
/// escaped, line breaks kept as `<br>`.
fn filter_cell(x: StringInput, _: Kwargs, _: &State) -> Value {
    Value::safe_string(&cell_lines(x.as_str()).join("<br>").replace('|', "\\|"))
}

/// A cell's lines: the lines of a paragraph are joined, paragraphs and
/// list items each start a line of their own (a table cell holds no
/// blocks, so a list item keeps its number, or gets a bullet: ・ in a cell
/// with Japanese text, • otherwise). As in Markdown, a bullet may interrupt
/// a paragraph but a number only when it is `1.` or a list has begun, so a
/// line that merely starts with a figure (`2022. 以降`) stays text.
fn cell_lines(text: &str) -> Vec<String> {
    let wide = crate::render::origin::strip_tags(text).0.chars().any(crate::cjk::is_wide);
    let bullet = if wide { "・" } else { "• " };
    let mut out = Vec::new();
    for paragraph in text.split("\n\n") {
        let mut current: Vec<String> = Vec::new();
        let mut in_list = false;
        for line in paragraph.lines() {
            match list_item(line, bullet, in_list) {
                Some(item) => {
                    if !current.is_empty() {
                        out.push(crate::cjk::join_lines(current.iter().map(String::as_str)));
                        current.clear();
                    }
                    current.push(item);
                    in_list = true;
                }
                None => current.push(line.to_string()),
            }
        }
        out.push(crate::cjk::join_lines(current.iter().map(String::as_str)));
    }
    out.retain(|l| !l.is_empty());
    out
}

/// A Markdown list item's line as a cell line, if it is one.
fn list_item(line: &str, bullet: &str, in_list: bool) -> Option<String> {
    // A cell that starts with a list starts with its origin tag.
    let line = line.trim_start();
    let (tag, l) = match line.strip_prefix(OPEN).and_then(|r| r.find(SEP).map(|i| i + OPEN.len_utf8() + SEP.len_utf8()))
    {
        Some(end) => line.split_at(end),
        None => ("", line),
    };
    if let Some(rest) = ["- ", "* ", "+ "].iter().find_map(|b| l.strip_prefix(b)) {
        return Some(format!("{tag}{bullet}{}", rest.trim_start()));
    }
    let digits = l.chars().take_while(char::is_ascii_digit).count();
    let (number, rest) = l.split_at(digits);
    let rest = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") "))?;
    (digits > 0 && (in_list || number == "1")).then(|| format!("{tag}{number}. {rest}"))
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
    fn cells_keep_paragraphs_and_list_items_apart() {
        assert_eq!(cell_lines("一行目\n続き\n\n二つ目"), ["一行目続き", "二つ目"]);
        assert_eq!(cell_lines("次のとおり。\n- 製品名\n- 日時"), ["次のとおり。", "・製品名", "・日時"]);
        assert_eq!(cell_lines("Steps:\n1. call\n2) wait"), ["Steps:", "1. call", "2. wait"]);
        assert_eq!(cell_lines("- one\n  more"), ["• one more"]);
        // One bullet per cell, by the cell's script.
        assert_eq!(cell_lines("- 24時間受付\n- 製品名"), ["・24時間受付", "・製品名"]);
        // Only the marker changes; a figure at the start of a line is text.
        assert_eq!(cell_lines("1) 電話 (または メール) で連絡"), ["1. 電話 (または メール) で連絡"]);
        assert_eq!(cell_lines("対象は Windows Server\n2022. 以降です。"), ["対象は Windows Server 2022. 以降です。"]);
        let tagged = format!("{OPEN}3{SEP}- 製品名\n- 日時{CLOSE}");
        assert_eq!(cell_lines(&tagged), [format!("{OPEN}3{SEP}・製品名"), format!("・日時{CLOSE}")]);
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
