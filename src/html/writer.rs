//! The block tree as HTML. Every piece of text is escaped here; raw HTML
//! reaches the page only as `Block::Html`, which exists only when the site
//! allows it.

// Writes whatever the block tree holds: no panicking index.
#![deny(clippy::indexing_slicing)]

use std::collections::HashSet;
use std::fmt::Write;

use crate::cjk::break_vanishes;
use crate::doc::{
    Align, Block, Figure, Heading, Inline, LinkTarget, RenderedDocument, RenderedSection, Table, plain_text,
};
use crate::vocab::{SitePaths, escape_html as escaped, escape_html_into as escape};

/// The href for a link target, from a page at `<doc>/index.html`.
pub(crate) fn href(target: &LinkTarget) -> Option<String> {
    match target {
        LinkTarget::Internal { doc: None, section: Some(s) } => Some(format!("#{s}")),
        LinkTarget::Internal { doc: None, section: None } => Some("#top".into()),
        LinkTarget::Internal { doc: Some(d), section } => Some(SitePaths::page_from_page(d, section.as_deref())),
        LinkTarget::External(u) => Some(u.clone()),
        LinkTarget::Broken => None,
    }
}

fn first_char(inlines: &[Inline]) -> Option<char> {
    for i in inlines {
        let c = match i {
            Inline::Text { text, .. } => text.chars().next(),
            Inline::Code(c) => c.chars().next(),
            Inline::Strong(v) | Inline::Emph(v) | Inline::Strike(v) | Inline::Insert(v) => first_char(v),
            Inline::Link(l) => first_char(&l.children),
            _ => None,
        };
        if c.is_some() {
            return c;
        }
    }
    None
}

fn last_char(inlines: &[Inline]) -> Option<char> {
    for i in inlines.iter().rev() {
        let c = match i {
            Inline::Text { text, .. } => text.chars().last(),
            Inline::Code(c) => c.chars().last(),
            Inline::Strong(v) | Inline::Emph(v) | Inline::Strike(v) | Inline::Insert(v) => last_char(v),
            Inline::Link(l) => last_char(&l.children),
            _ => None,
        };
        if c.is_some() {
            return c;
        }
    }
    None
}

struct Writer {
    out: String,
    footnote_refs: HashSet<u32>,
}

impl Writer {
    fn inlines(&mut self, inlines: &[Inline]) {
        for (i, x) in inlines.iter().enumerate() {
            match x {
                Inline::Text { text, .. } => escape(text, &mut self.out),
                Inline::Code(c) => {
                    self.out.push_str("<code>");
                    escape(c, &mut self.out);
                    self.out.push_str("</code>");
                }
                Inline::Strong(c) => self.wrap("strong", c),
                Inline::Emph(c) => self.wrap("em", c),
                Inline::Strike(c) => self.wrap("del", c),
                Inline::Insert(c) => self.wrap("ins", c),
                Inline::LineBreak => self.out.push_str("<br>"),
                Inline::SoftBreak => {
                    // Between two Japanese characters a source line break is nothing.
                    let (before, after) =
                        (inlines.get(..i).unwrap_or_default(), inlines.get(i + 1..).unwrap_or_default());
                    if !break_vanishes(last_char(before), first_char(after)) {
                        self.out.push('\n');
                    }
                }
                Inline::FootnoteRef(n) => {
                    let id = if self.footnote_refs.insert(*n) {
                        format!(" id=\"{}\"", SitePaths::footnote_ref(*n))
                    } else {
                        String::new()
                    };
                    let _ = write!(
                        self.out,
                        "<sup class=\"fnref\"><a href=\"#{}\"{id}>{n}</a></sup>",
                        SitePaths::footnote(*n)
                    );
                }
                Inline::Link(l) => match href(&l.target) {
                    Some(h) => {
                        let external = matches!(l.target, LinkTarget::External(_)) && h.contains("://");
                        self.out.push_str("<a href=\"");
                        escape(&h, &mut self.out);
                        self.out.push('"');
                        if external {
                            self.out.push_str(" rel=\"noopener\"");
                        }
                        self.out.push('>');
                        self.inlines(&l.children);
                        self.out.push_str("</a>");
                    }
                    None => {
                        self.out.push_str("<span class=\"broken-link\">");
                        self.inlines(&l.children);
                        self.out.push_str("</span>");
                    }
                },
            }
        }
    }

    /// A figure: the image (or, where it could not be read, its alt
    /// text) and the caption with its number.
    fn figure(&mut self, f: &Figure) {
        self.out.push_str("<figure");
        if let Some(id) = &f.id {
            self.out.push_str(" id=\"");
            escape(id, &mut self.out);
            self.out.push('"');
        }
        self.out.push_str(">\n");
        match &f.image {
            Some(image) => {
                self.out.push_str("<img src=\"");
                escape(&SitePaths::image_from_page(&image.site_name()), &mut self.out);
                let _ = write!(
                    self.out,
                    "\" width=\"{}\" height=\"{}\" alt=\"",
                    image.width.round().max(1.0),
                    image.height.round().max(1.0)
                );
                escape(&f.alt, &mut self.out);
                self.out.push_str("\" loading=\"lazy\">\n");
            }
            None => {
                self.out.push_str("<p class=\"figure-missing\">");
                escape(&f.alt, &mut self.out);
                self.out.push_str("</p>\n");
            }
        }
        self.out.push_str("<figcaption><span class=\"figure-number\">");
        escape(&f.label, &mut self.out);
        self.out.push_str("</span>");
        if !f.caption.is_empty() {
            self.out.push_str(f.separator);
            self.inlines(&f.caption);
        }
        self.out.push_str("</figcaption>\n</figure>\n");
    }

    fn wrap(&mut self, tag: &str, c: &[Inline]) {
        let _ = write!(self.out, "<{tag}>");
        self.inlines(c);
        let _ = write!(self.out, "</{tag}>");
    }

    fn blocks(&mut self, blocks: &[Block]) {
        for b in blocks {
            self.block(b);
        }
    }

    /// A list item or definition of one paragraph is written without `<p>`.
    fn compact(&mut self, blocks: &[Block]) {
        match blocks {
            [Block::Paragraph(i)] => self.inlines(i),
            _ => self.blocks(blocks),
        }
    }

    fn section(&mut self, s: &RenderedSection) {
        let h = (s.level + 1).min(6);
        let _ = write!(self.out, "<section id=\"{}\" class=\"level-{}\">\n<h{h}>", escaped(&s.id), s.level);
        if let Some(n) = &s.number {
            let _ = write!(self.out, "<span class=\"secno\">{}</span> ", escaped(n));
        }
        self.inlines(&s.title);
        let _ = writeln!(self.out, "</h{h}>");
        self.blocks(&s.blocks);
        self.out.push_str("</section>\n");
    }

    fn table(&mut self, t: &Table) {
        const SHORT_CELL: usize = 12;
        // Focusable, so a keyboard can scroll a table wider than the screen.
        self.out.push_str("<div class=\"table-wrap\" tabindex=\"0\">\n<table>\n");
        if let Some(c) = &t.caption {
            self.out.push_str("<caption>");
            self.inlines(c);
            self.out.push_str("</caption>\n");
        }
        if !t.widths.is_empty() {
            let total: f32 = t.widths.iter().sum::<f32>().max(f32::EPSILON);
            self.out.push_str("<colgroup>");
            for w in &t.widths {
                let _ = write!(self.out, "<col style=\"width: {:.0}%\">", w / total * 100.0);
            }
            self.out.push_str("</colgroup>\n");
        }
        // Short cells ("4営業時間以内", "プレミアム") are kept on one line:
        // a browser would otherwise break Japanese anywhere to narrow a
        // column. Long cells still wrap.
        let class = |i: usize, cell: &[Inline]| {
            let align = match t.align.get(i) {
                Some(Align::Center) => Some("center"),
                Some(Align::Right) => Some("right"),
                _ => None,
            };
            let short = plain_text(cell).chars().count() <= SHORT_CELL;
            match (align, short) {
                (Some(a), true) => format!(" class=\"{a} short\""),
                (Some(a), false) => format!(" class=\"{a}\""),
                (None, true) => " class=\"short\"".to_string(),
                (None, false) => String::new(),
            }
        };
        if !t.head.is_empty() {
            self.out.push_str("<thead>\n");
            for row in &t.head {
                self.out.push_str("<tr>");
                for (i, cell) in row.iter().enumerate() {
                    let _ = write!(self.out, "<th scope=\"col\"{}>", class(i, cell));
                    self.inlines(cell);
                    self.out.push_str("</th>");
                }
                self.out.push_str("</tr>\n");
            }
            self.out.push_str("</thead>\n");
        }
        self.out.push_str("<tbody>\n");
        for (r, row) in t.rows.iter().enumerate() {
            self.out.push_str("<tr>");
            for (i, cell) in row.iter().enumerate() {
                let span = t.row_span(r, i);
                if span == 0 {
                    continue;
                }
                let rowspan = if span > 1 { format!(" rowspan=\"{span}\"") } else { String::new() };
                let _ = write!(self.out, "<td{}{rowspan}>", class(i, cell));
                self.inlines(cell);
                self.out.push_str("</td>");
            }
            self.out.push_str("</tr>\n");
        }
        self.out.push_str("</tbody>\n</table>\n</div>\n");
    }

    fn block(&mut self, b: &Block) {
        match b {
            Block::Section(s) => self.section(s),
            Block::Paragraph(i) => {
                self.out.push_str("<p>");
                self.inlines(i);
                self.out.push_str("</p>\n");
            }
            Block::List { start, items } => {
                match start {
                    Some(1) => self.out.push_str("<ol>\n"),
                    Some(n) => {
                        let _ = writeln!(self.out, "<ol start=\"{n}\">");
                    }
                    None => self.out.push_str("<ul>\n"),
                }
                for item in items {
                    self.out.push_str("<li>");
                    self.compact(item);
                    self.out.push_str("</li>\n");
                }
                self.out.push_str(if start.is_some() { "</ol>\n" } else { "</ul>\n" });
            }
            Block::Table(t) => self.table(t),
            Block::Figure(f) => self.figure(f),
            Block::Note(bs) => {
                self.out.push_str("<div class=\"note\" role=\"note\">\n");
                self.blocks(bs);
                self.out.push_str("</div>\n");
            }
            Block::DefinitionList(items) => {
                self.out.push_str("<dl>\n");
                for item in items {
                    self.out.push_str("<dt>");
                    self.inlines(&item.term);
                    self.out.push_str("</dt>\n");
                    for d in &item.definitions {
                        self.out.push_str("<dd>");
                        self.compact(d);
                        self.out.push_str("</dd>\n");
                    }
                }
                self.out.push_str("</dl>\n");
            }
            Block::Code(c) => {
                self.out.push_str("<pre><code>");
                escape(c, &mut self.out);
                self.out.push_str("</code></pre>\n");
            }
            Block::Rule => self.out.push_str("<hr>\n"),
            Block::Html(h) => self.out.push_str(h),
        }
    }
}

/// The document body: sections, then footnotes.
pub(crate) fn body(doc: &RenderedDocument, footnotes_label: &str) -> String {
    let mut w = Writer { out: String::new(), footnote_refs: HashSet::new() };
    w.blocks(&doc.blocks);
    if !doc.footnotes.is_empty() {
        let _ = writeln!(w.out, "<section class=\"footnotes\" aria-label=\"{}\">\n<ol>", escaped(footnotes_label));
        for f in &doc.footnotes {
            let _ = write!(w.out, "<li id=\"{}\">", SitePaths::footnote(f.number));
            w.compact(&f.blocks);
            let _ = writeln!(
                w.out,
                " <a href=\"#{}\" class=\"fnback\" aria-label=\"↩\">↩</a></li>",
                SitePaths::footnote_ref(f.number)
            );
        }
        w.out.push_str("</ol>\n</section>\n");
    }
    w.out
}

/// Inline content as HTML (for titles in the table of contents).
pub(crate) fn inline_html(inlines: &[Inline]) -> String {
    let mut w = Writer { out: String::new(), footnote_refs: HashSet::new() };
    // Links inside titles would nest inside the TOC's own links.
    let flat: Vec<Inline> = inlines
        .iter()
        .map(|i| match i {
            Inline::Link(l) => Inline::text(plain_text(&l.children)),
            Inline::FootnoteRef(_) => Inline::text(""),
            other => other.clone(),
        })
        .collect();
    w.inlines(&flat);
    w.out
}

/// The table of contents as nested lists, down to `max_level`.
pub(crate) fn toc(headings: &[Heading], max_level: u8) -> String {
    let mut out = String::from("<ol>\n");
    let mut depth = 1u8;
    let mut open_item = false;
    for h in headings.iter().filter(|h| h.level <= max_level) {
        while depth < h.level {
            out.push_str("\n<ol>\n");
            depth += 1;
            open_item = false;
        }
        while depth > h.level {
            out.push_str("</li>\n</ol>\n");
            depth -= 1;
        }
        if open_item {
            out.push_str("</li>\n");
        }
        let _ = write!(out, "<li><a href=\"#{}\">", escaped(&h.id));
        if let Some(n) = &h.number {
            let _ = write!(out, "<span class=\"secno\">{}</span> ", escaped(n));
        }
        out.push_str(&inline_html(&h.title));
        out.push_str("</a>");
        open_item = true;
    }
    while depth > 1 {
        out.push_str("</li>\n</ol>\n");
        depth -= 1;
    }
    if open_item {
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n");
    out
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)] // tests may index what they built
mod tests {
    use super::*;

    #[test]
    fn escapes_text() {
        assert_eq!(escaped("<script>&\""), "&lt;script&gt;&amp;&quot;");
    }

    #[test]
    fn soft_breaks_vanish_between_japanese() {
        let mut w = Writer { out: String::new(), footnote_refs: HashSet::new() };
        w.inlines(&[
            Inline::text("日本"),
            Inline::SoftBreak,
            Inline::text("語"),
            Inline::SoftBreak,
            Inline::text("ok"),
        ]);
        assert_eq!(w.out, "日本語\nok");
    }

    #[test]
    fn toc_nests() {
        let h = |id: &str, n: &str, level| Heading {
            id: id.into(),
            number: Some(n.into()),
            level,
            title: vec![Inline::text(id)],
        };
        let html = toc(&[h("a", "1", 1), h("b", "1.1", 2), h("c", "2", 1)], 3);
        assert_eq!(html.matches("<ol>").count(), 2);
        assert_eq!(html.matches("</ol>").count(), 2);
        assert_eq!(html.matches("<li>").count(), html.matches("</li>").count());
    }
}
