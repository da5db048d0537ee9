//! Markdown (as produced by a document template) → the block tree.
//!
//! pulldown-cmark parses; we keep our own tree: headings become nested,
//! numbered sections; `Table: …` paragraphs become table captions; block
//! quotes become notes; `<br>` is a line break; other raw HTML is kept only
//! when the site allows it. Origin tags are stripped from the text and
//! attached to the runs and links they enclose.

use std::collections::HashMap;

use pulldown_cmark::{Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

use super::origin::{TagScanner, strip_tags};
use crate::doc::{Align, Block, DefItem, Footnote, Inline, Link, LinkTarget, OriginId, RenderedSection, Table};

/// Raw HTML found in the Markdown (to warn about when it was escaped).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct RawHtml {
    pub html: String,
    pub origin: Option<OriginId>,
}

/// A Markdown image (`![alt](src)`): kept as its alt text for now, its
/// source checked like a link's.
pub(crate) struct Image {
    pub src: String,
    pub origin: Option<OriginId>,
}

pub(crate) struct Parsed {
    pub blocks: Vec<Block>,
    pub footnotes: Vec<Footnote>,
    pub raw_html: Vec<RawHtml>,
    pub images: Vec<Image>,
    /// Every origin id that appeared in the output.
    pub used_origins: Vec<OriginId>,
}

enum Frame {
    Blocks(Vec<Block>, Vec<Inline>),
    Inlines(Vec<Inline>),
    Heading {
        level: u8,
        id: Option<String>,
        unnumbered: bool,
        inlines: Vec<Inline>,
    },
    List {
        start: Option<u64>,
        items: Vec<Vec<Block>>,
    },
    Table {
        align: Vec<Align>,
        head: Vec<Vec<Vec<Inline>>>,
        rows: Vec<Vec<Vec<Inline>>>,
        row: Vec<Vec<Inline>>,
        in_head: bool,
    },
    Link {
        dest: String,
        origin: Option<OriginId>,
        inlines: Vec<Inline>,
    },
    DefList(Vec<DefItem>),
    Code(String),
    Html(String),
    Footnote(String, Vec<Block>, Vec<Inline>),
}

/// A heading before sections are nested.
enum TopLevel {
    Heading { level: u8, id: Option<String>, unnumbered: bool, title: Vec<Inline> },
    Block(Block),
}

struct Builder {
    scanner: TagScanner,
    stack: Vec<Frame>,
    top: Vec<TopLevel>,
    top_inlines: Vec<Inline>,
    footnote_defs: HashMap<String, Vec<Block>>,
    footnote_numbers: HashMap<String, u32>,
    raw_html: Vec<RawHtml>,
    images: Vec<Image>,
    used: Vec<OriginId>,
    allow_raw_html: bool,
    /// Figures numbered so far.
    figures: u32,
}

/// Where a paragraph that is one image (a figure) lies in the events.
#[derive(Clone, Copy)]
struct FigureShape {
    /// `Start(Paragraph)`.
    start: usize,
    /// `Start(Image)` and `End(Image)`.
    image: (usize, usize),
    /// `End(Paragraph)`.
    end: usize,
}

/// Whether the paragraph starting at `start` holds one image and, after it,
/// at most an id (`{#id}`): a figure.
fn figure_shape(events: &[Event], start: usize) -> Option<FigureShape> {
    if !matches!(events.get(start), Some(Event::Start(Tag::Paragraph))) {
        return None;
    }
    let blank = |e: &Event| match e {
        Event::Text(t) => strip_tags(t).0.trim().is_empty(),
        Event::SoftBreak => true,
        _ => false,
    };
    let mut i = start + 1;
    while events.get(i).is_some_and(blank) {
        i += 1;
    }
    if !matches!(events.get(i), Some(Event::Start(Tag::Image { .. }))) {
        return None;
    }
    let image_start = i;
    let mut depth = 0;
    let image_end = loop {
        match events.get(i)? {
            Event::Start(Tag::Image { .. }) => depth += 1,
            Event::End(TagEnd::Image) => {
                depth -= 1;
                if depth == 0 {
                    break i;
                }
            }
            _ => {}
        }
        i += 1;
    };
    let mut after = String::new();
    i = image_end + 1;
    loop {
        match events.get(i)? {
            Event::End(TagEnd::Paragraph) => break,
            Event::Text(t) => after.push_str(&strip_tags(t).0),
            Event::SoftBreak => {}
            _ => return None,
        }
        i += 1;
    }
    let after = after.trim();
    (after.is_empty() || figure_id(after).is_some()).then_some(FigureShape {
        start,
        image: (image_start, image_end),
        end: i,
    })
}

/// `{#id}` after a figure's image: its id.
fn figure_id(text: &str) -> Option<String> {
    let id = text.trim().strip_prefix("{#")?.strip_suffix('}')?.trim();
    let valid = !id.is_empty() && id.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'));
    valid.then(|| id.to_string())
}

fn is_br(html: &str) -> bool {
    let h = html.trim().to_ascii_lowercase().replace(' ', "");
    h == "<br>" || h == "<br/>"
}

impl Builder {
    /// A paragraph that is one image: a numbered figure, its alt text
    /// read as text (origin tags and all), its id from a `{#id}` after it.
    fn figure(&mut self, events: &[Event], shape: FigureShape) {
        let feed = |b: &mut Builder, e: &Event| {
            if let Event::Text(t) = e {
                let mut out = String::new();
                for (text, origin) in b.scanner.feed(t) {
                    b.used.extend(origin);
                    out.push_str(&text);
                }
                out
            } else {
                String::new()
            }
        };
        for e in &events[shape.start + 1..shape.image.0] {
            feed(self, e);
        }
        let Event::Start(Tag::Image { dest_url, title, .. }) = &events[shape.image.0] else { return };
        let (src, own) = strip_tags(dest_url);
        let origin = own.or(self.scanner.current());
        let (title, _) = strip_tags(title);
        self.stack.push(Frame::Inlines(Vec::new()));
        for e in &events[shape.image.0 + 1..shape.image.1] {
            self.event(e.clone());
        }
        let alt = match self.stack.pop() {
            Some(Frame::Inlines(i)) => crate::doc::plain_text(&i),
            _ => String::new(),
        };
        let mut after = String::new();
        for e in &events[shape.image.1 + 1..shape.end] {
            after.push_str(&feed(self, e));
        }
        self.figures += 1;
        let caption = if title.trim().is_empty() {
            Vec::new()
        } else {
            vec![Inline::Text { text: title.trim().to_string(), origin }]
        };
        self.push_block(Block::Figure(crate::doc::Figure {
            id: figure_id(&after),
            number: self.figures,
            src,
            alt: alt.trim().to_string(),
            caption,
            label: String::new(),
            separator: "",
            origin,
            image: None,
        }));
    }

    fn push_inline(&mut self, i: Inline) {
        match self.stack.last_mut() {
            Some(Frame::Inlines(v))
            | Some(Frame::Heading { inlines: v, .. })
            | Some(Frame::Link { inlines: v, .. }) => v.push(i),
            Some(Frame::Blocks(_, pending)) | Some(Frame::Footnote(_, _, pending)) => pending.push(i),
            Some(Frame::Table { row, .. }) => {
                if let Some(cell) = row.last_mut() {
                    cell.push(i);
                }
            }
            Some(Frame::Code(s)) | Some(Frame::Html(s)) => {
                if let Inline::Text { text, .. } = i {
                    s.push_str(&text);
                }
            }
            Some(Frame::List { .. }) | Some(Frame::DefList(_)) => {}
            None => self.top_inlines.push(i),
        }
    }

    fn flush_pending(pending: &mut Vec<Inline>, blocks: &mut Vec<Block>) {
        if pending.iter().any(|i| !matches!(i, Inline::SoftBreak)) {
            blocks.push(Block::Paragraph(std::mem::take(pending)));
        }
        pending.clear();
    }

    fn push_block(&mut self, b: Block) {
        match self.stack.last_mut() {
            Some(Frame::Blocks(blocks, pending)) | Some(Frame::Footnote(_, blocks, pending)) => {
                Self::flush_pending(pending, blocks);
                blocks.push(b);
            }
            Some(Frame::Table { row, .. }) => {
                // Block content in a cell (should not happen with GFM tables).
                if let (Some(cell), Block::Paragraph(i)) = (row.last_mut(), b) {
                    cell.extend(i);
                }
            }
            Some(_) => {}
            None => {
                if !self.top_inlines.is_empty() {
                    let p = std::mem::take(&mut self.top_inlines);
                    if p.iter().any(|i| !matches!(i, Inline::SoftBreak)) {
                        self.top.push(TopLevel::Block(Block::Paragraph(p)));
                    }
                }
                self.top.push(TopLevel::Block(b));
            }
        }
    }

    fn text(&mut self, s: &str) {
        for (text, origin) in self.scanner.feed(s) {
            if let Some(o) = origin {
                self.used.push(o);
            }
            self.push_inline(Inline::Text { text, origin });
        }
    }

    fn html(&mut self, html: &str, block: bool) {
        if is_br(html) {
            self.push_inline(Inline::LineBreak);
            return;
        }
        let (html, own) = strip_tags(html);
        let origin = own.or(self.scanner.current());
        if html.trim().is_empty() {
            return;
        }
        if block && let Some(Frame::Html(s)) = self.stack.last_mut() {
            // Collected; decided at the end of the block.
            s.push_str(&html);
            return;
        }
        if !self.allow_raw_html {
            self.raw_html.push(RawHtml { html: html.clone(), origin });
        }
        // Inline HTML is shown as text either way: the HTML writer escapes it.
        self.push_inline(Inline::Text { text: html, origin });
    }

    fn start(&mut self, tag: Tag) {
        match tag {
            Tag::Paragraph | Tag::TableCell | Tag::DefinitionListTitle => {
                if let (Tag::TableCell, Some(Frame::Table { row, .. })) = (&tag, self.stack.last_mut()) {
                    row.push(Vec::new());
                    return;
                }
                self.stack.push(Frame::Inlines(Vec::new()));
            }
            Tag::Heading { level, id, classes, .. } => {
                let level = match level {
                    HeadingLevel::H1 => 1,
                    HeadingLevel::H2 => 2,
                    HeadingLevel::H3 => 3,
                    HeadingLevel::H4 => 4,
                    HeadingLevel::H5 => 5,
                    HeadingLevel::H6 => 6,
                };
                self.stack.push(Frame::Heading {
                    level,
                    id: id.map(|i| strip_tags(&i).0),
                    unnumbered: classes.iter().any(|c| &**c == "unnumbered"),
                    inlines: Vec::new(),
                });
            }
            Tag::BlockQuote(_) | Tag::Item | Tag::DefinitionListDefinition => {
                self.stack.push(Frame::Blocks(Vec::new(), Vec::new()))
            }
            Tag::List(start) => self.stack.push(Frame::List { start, items: Vec::new() }),
            Tag::CodeBlock(_) => self.stack.push(Frame::Code(String::new())),
            Tag::HtmlBlock => self.stack.push(Frame::Html(String::new())),
            Tag::FootnoteDefinition(label) => {
                self.stack.push(Frame::Footnote(label.to_string(), Vec::new(), Vec::new()))
            }
            Tag::DefinitionList => self.stack.push(Frame::DefList(Vec::new())),
            Tag::Table(aligns) => self.stack.push(Frame::Table {
                align: aligns
                    .iter()
                    .map(|a| match a {
                        pulldown_cmark::Alignment::None => Align::None,
                        pulldown_cmark::Alignment::Left => Align::Left,
                        pulldown_cmark::Alignment::Center => Align::Center,
                        pulldown_cmark::Alignment::Right => Align::Right,
                    })
                    .collect(),
                head: Vec::new(),
                rows: Vec::new(),
                row: Vec::new(),
                in_head: false,
            }),
            Tag::TableHead => {
                if let Some(Frame::Table { in_head, .. }) = self.stack.last_mut() {
                    *in_head = true;
                }
            }
            Tag::TableRow => {}
            Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Superscript | Tag::Subscript => {
                self.stack.push(Frame::Inlines(Vec::new()))
            }
            Tag::Link { link_type, dest_url, .. } => {
                let (dest, origin) = strip_tags(&dest_url);
                let dest = if link_type == LinkType::Email && !dest.starts_with("mailto:") {
                    format!("mailto:{dest}")
                } else {
                    dest
                };
                let origin = origin.or(self.scanner.current());
                self.stack.push(Frame::Link { dest, origin, inlines: Vec::new() });
            }
            Tag::Image { dest_url, .. } => {
                let (src, origin) = strip_tags(&dest_url);
                let origin = origin.or(self.scanner.current());
                self.images.push(Image { src, origin });
                self.stack.push(Frame::Inlines(Vec::new()))
            }
            Tag::MetadataBlock(_) => self.stack.push(Frame::Code(String::new())),
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::TableCell => {
                if matches!(self.stack.last(), Some(Frame::Table { .. })) {
                    return;
                }
                self.stack.pop();
            }
            TagEnd::TableHead => {
                if let Some(Frame::Table { head, row, in_head, .. }) = self.stack.last_mut() {
                    head.push(std::mem::take(row));
                    *in_head = false;
                }
            }
            TagEnd::TableRow => {
                if let Some(Frame::Table { rows, row, .. }) = self.stack.last_mut() {
                    rows.push(std::mem::take(row));
                }
            }
            TagEnd::Table => {
                if let Some(Frame::Table { align, head, rows, .. }) = self.stack.pop() {
                    let mut rows = rows;
                    let continued = continued_cells(&mut rows);
                    self.push_block(Block::Table(Table {
                        caption: None,
                        align,
                        head,
                        rows,
                        continued,
                        widths: Vec::new(),
                    }));
                }
            }
            TagEnd::Paragraph => {
                if let Some(Frame::Inlines(i)) = self.stack.pop()
                    && i.iter().any(|x| !matches!(x, Inline::SoftBreak))
                {
                    self.push_block(Block::Paragraph(i));
                }
            }
            TagEnd::Heading(_) => {
                if let Some(Frame::Heading { level, id, unnumbered, inlines }) = self.stack.pop() {
                    if self.stack.is_empty() {
                        self.top.push(TopLevel::Heading { level, id, unnumbered, title: inlines });
                    } else {
                        // A heading inside a list or quote: keep it as strong text.
                        self.push_block(Block::Paragraph(vec![Inline::Strong(inlines)]));
                    }
                }
            }
            TagEnd::BlockQuote(_) => {
                if let Some(Frame::Blocks(mut b, mut p)) = self.stack.pop() {
                    Self::flush_pending(&mut p, &mut b);
                    self.push_block(Block::Note(b));
                }
            }
            TagEnd::Item => {
                if let Some(Frame::Blocks(mut b, mut p)) = self.stack.pop() {
                    Self::flush_pending(&mut p, &mut b);
                    if let Some(Frame::List { items, .. }) = self.stack.last_mut() {
                        items.push(b);
                    }
                }
            }
            TagEnd::List(_) => {
                if let Some(Frame::List { start, items }) = self.stack.pop() {
                    self.push_block(Block::List { start, items });
                }
            }
            TagEnd::DefinitionListTitle => {
                if let Some(Frame::Inlines(term)) = self.stack.pop()
                    && let Some(Frame::DefList(items)) = self.stack.last_mut()
                {
                    items.push(DefItem { term, definitions: Vec::new() });
                }
            }
            TagEnd::DefinitionListDefinition => {
                if let Some(Frame::Blocks(mut b, mut p)) = self.stack.pop() {
                    Self::flush_pending(&mut p, &mut b);
                    if let Some(Frame::DefList(items)) = self.stack.last_mut() {
                        match items.last_mut() {
                            Some(item) => item.definitions.push(b),
                            None => items.push(DefItem { term: Vec::new(), definitions: vec![b] }),
                        }
                    }
                }
            }
            TagEnd::DefinitionList => {
                if let Some(Frame::DefList(items)) = self.stack.pop() {
                    self.push_block(Block::DefinitionList(items));
                }
            }
            TagEnd::CodeBlock => {
                if let Some(Frame::Code(s)) = self.stack.pop() {
                    self.push_block(Block::Code(strip_tags(&s).0));
                }
            }
            TagEnd::MetadataBlock(_) => {
                self.stack.pop();
            }
            TagEnd::HtmlBlock => {
                if let Some(Frame::Html(s)) = self.stack.pop()
                    && !s.trim().is_empty()
                {
                    if self.allow_raw_html {
                        self.push_block(Block::Html(s));
                    } else {
                        // Shown as text, in a paragraph of its own.
                        let origin = self.scanner.current();
                        let text = s.trim_end_matches('\n').to_string();
                        self.raw_html.push(RawHtml { html: text.clone(), origin });
                        self.push_block(Block::Paragraph(vec![Inline::Text { text, origin }]));
                    }
                }
            }
            TagEnd::FootnoteDefinition => {
                if let Some(Frame::Footnote(label, mut b, mut p)) = self.stack.pop() {
                    Self::flush_pending(&mut p, &mut b);
                    self.footnote_defs.insert(label, b);
                }
            }
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Superscript | TagEnd::Subscript => {
                if let Some(Frame::Inlines(i)) = self.stack.pop() {
                    let node = match tag {
                        TagEnd::Emphasis => Inline::Emph(i),
                        TagEnd::Strong => Inline::Strong(i),
                        TagEnd::Strikethrough => Inline::Strike(i),
                        _ => Inline::Emph(i),
                    };
                    self.push_inline(node);
                }
            }
            TagEnd::Image => {
                // Images are not part of kiyaku documents: keep the alt text.
                if let Some(Frame::Inlines(i)) = self.stack.pop() {
                    for x in i {
                        self.push_inline(x);
                    }
                }
            }
            TagEnd::Link => {
                if let Some(Frame::Link { dest, origin, inlines }) = self.stack.pop() {
                    self.push_inline(Inline::Link(Link {
                        dest,
                        target: LinkTarget::Broken,
                        children: inlines,
                        origin,
                    }));
                }
            }
        }
    }

    fn event(&mut self, e: Event) {
        match e {
            Event::Start(t) => self.start(t),
            Event::End(t) => self.end(t),
            Event::Text(t) => {
                if let Some(Frame::Code(s)) | Some(Frame::Html(s)) = self.stack.last_mut() {
                    s.push_str(&t);
                } else {
                    self.text(&t);
                }
            }
            Event::Code(c) => self.push_inline(Inline::Code(strip_tags(&c).0)),
            Event::InlineMath(c) | Event::DisplayMath(c) => self.push_inline(Inline::Code(strip_tags(&c).0)),
            Event::Html(h) => self.html(&h, true),
            Event::InlineHtml(h) => self.html(&h, false),
            Event::FootnoteReference(label) => {
                let next = self.footnote_numbers.len() as u32 + 1;
                let n = *self.footnote_numbers.entry(label.to_string()).or_insert(next);
                self.push_inline(Inline::FootnoteRef(n));
            }
            Event::SoftBreak => self.push_inline(Inline::SoftBreak),
            Event::HardBreak => self.push_inline(Inline::LineBreak),
            Event::Rule => self.push_block(Block::Rule),
            Event::TaskListMarker(done) => self.push_inline(Inline::text(if done { "■ " } else { "□ " })),
        }
    }
}

/// The body cells that hold only `^^` under a cell of their own column:
/// they continue it (a row span), and are emptied. A `^^` in the first
/// row, under an empty cell, or in a row that would be all continued (it
/// would be no row at all), is text.
fn continued_cells(rows: &mut [Vec<Vec<Inline>>]) -> Vec<(usize, usize)> {
    let marker =
        |cell: &[Inline]| matches!(cell, [Inline::Text { text, .. }] if text.trim() == crate::doc::CONTINUED_CELL);
    let mut out = Vec::new();
    // By column: whether the row above holds a cell a `^^` can continue.
    let mut holds: Vec<bool> = rows.first().map(|r| r.iter().map(|c| !c.is_empty()).collect()).unwrap_or_default();
    for (r, row) in rows.iter_mut().enumerate().skip(1) {
        holds.resize(row.len(), false);
        let continues: Vec<bool> = row.iter().zip(&holds).map(|(c, h)| *h && marker(c)).collect();
        let whole_row = continues.iter().all(|c| *c);
        for (k, (cell, continued)) in row.iter_mut().zip(continues).enumerate() {
            if continued && !whole_row {
                cell.clear();
                out.push((r, k));
            } else if let Some(h) = holds.get_mut(k) {
                *h = !cell.is_empty();
            }
        }
    }
    out
}

/// Turn a `Table: caption` paragraph right before a table into its caption.
fn attach_captions(blocks: &mut Vec<Block>) {
    let mut i = 0;
    while i + 1 < blocks.len() {
        let is_caption = matches!(&blocks[i], Block::Paragraph(inl)
            if matches!(inl.first(), Some(Inline::Text { text, .. }) if text.starts_with("Table:")))
            && matches!(blocks[i + 1], Block::Table(_));
        if is_caption && let Block::Paragraph(mut inl) = blocks.remove(i) {
            if let Some(Inline::Text { text, .. }) = inl.first_mut() {
                *text = text["Table:".len()..].trim_start().to_string();
                if text.is_empty() {
                    inl.remove(0);
                }
            }
            if let Block::Table(t) = &mut blocks[i] {
                t.caption = Some(inl);
            }
        }
        i += 1;
    }
    for b in blocks.iter_mut() {
        match b {
            Block::Section(s) => attach_captions(&mut s.blocks),
            Block::Note(bs) => attach_captions(bs),
            Block::List { items, .. } => items.iter_mut().for_each(attach_captions),
            _ => {}
        }
    }
}

/// Notes written one after another ("> ※ a", "> ※ b") read as one note.
fn merge_notes(blocks: &mut Vec<Block>) {
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    for b in blocks.drain(..) {
        match (out.last_mut(), b) {
            (Some(Block::Note(prev)), Block::Note(next)) => prev.extend(next),
            (_, mut b) => {
                match &mut b {
                    Block::Section(s) => merge_notes(&mut s.blocks),
                    Block::Note(bs) => merge_notes(bs),
                    Block::List { items, .. } => items.iter_mut().for_each(merge_notes),
                    _ => {}
                }
                out.push(b);
            }
        }
    }
    *blocks = out;
}

/// Nest blocks under headings and number the sections.
fn sectionize(flat: Vec<TopLevel>) -> Vec<Block> {
    struct Open {
        level: u8,
        section: RenderedSection,
    }
    let mut root: Vec<Block> = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    fn close(stack: &mut Vec<Open>, root: &mut Vec<Block>) {
        let done = stack.pop().expect("section to close");
        match stack.last_mut() {
            Some(parent) => parent.section.blocks.push(Block::Section(done.section)),
            None => root.push(Block::Section(done.section)),
        }
    }
    for item in flat {
        match item {
            TopLevel::Block(b) => match stack.last_mut() {
                Some(open) => open.section.blocks.push(b),
                None => root.push(b),
            },
            TopLevel::Heading { level, id, unnumbered, title } => {
                while stack.last().is_some_and(|o| o.level >= level) {
                    close(&mut stack, &mut root);
                }
                stack.push(Open {
                    level,
                    section: RenderedSection {
                        id: id.unwrap_or_default(),
                        // Marked here; replaced by the real number below.
                        number: (!unnumbered).then(String::new),
                        level: 0,
                        title,
                        blocks: Vec::new(),
                    },
                });
            }
        }
    }
    while !stack.is_empty() {
        close(&mut stack, &mut root);
    }
    let mut ids = HashMap::new();
    number(&mut root, "", 1, true, &mut ids);
    root
}

fn number(blocks: &mut [Block], prefix: &str, depth: u8, numbered_parent: bool, ids: &mut HashMap<String, u32>) {
    let mut n = 0;
    for b in blocks {
        if let Block::Section(s) = b {
            s.level = depth;
            let numbered = numbered_parent && s.number.is_some();
            let me = if numbered {
                n += 1;
                let num = if prefix.is_empty() { n.to_string() } else { format!("{prefix}.{n}") };
                s.number = Some(num.clone());
                num
            } else {
                s.number = None;
                String::new()
            };
            if s.id.is_empty() {
                s.id = if me.is_empty() { "section".into() } else { format!("section-{}", me.replace('.', "-")) };
            }
            // Keep anchors unique even if a heading in prose repeats an id.
            let count = ids.entry(s.id.clone()).or_insert(0);
            *count += 1;
            if *count > 1 {
                s.id = format!("{}-{}", s.id, count);
            }
            number(&mut s.blocks, &me, depth + 1, numbered, ids);
        }
    }
}

/// The Markdown kiyaku reads: CommonMark with tables, footnotes,
/// strikethrough, heading attributes and definition lists.
fn options() -> Options {
    crate::image::markdown_options()
}

/// Parse the Markdown output of a document template.
pub(crate) fn parse(markdown: &str, allow_raw_html: bool) -> Parsed {
    let options = options();
    let mut b = Builder {
        scanner: TagScanner::default(),
        stack: Vec::new(),
        top: Vec::new(),
        top_inlines: Vec::new(),
        footnote_defs: HashMap::new(),
        footnote_numbers: HashMap::new(),
        raw_html: Vec::new(),
        images: Vec::new(),
        used: Vec::new(),
        allow_raw_html,
        figures: 0,
    };
    let events: Vec<Event> = Parser::new_ext(markdown, options).collect();
    let mut i = 0;
    while i < events.len() {
        if let Some(shape) = figure_shape(&events, i) {
            b.figure(&events, shape);
            i = shape.end + 1;
            continue;
        }
        b.event(events[i].clone());
        i += 1;
    }
    if !b.top_inlines.is_empty() {
        let p = std::mem::take(&mut b.top_inlines);
        b.top.push(TopLevel::Block(Block::Paragraph(p)));
    }
    let mut blocks = sectionize(b.top);
    attach_captions(&mut blocks);
    merge_notes(&mut blocks);
    let mut numbered: Vec<(String, u32)> = b.footnote_numbers.into_iter().collect();
    numbered.sort_by_key(|(_, n)| *n);
    let footnotes = numbered
        .into_iter()
        .map(|(label, number)| Footnote { number, blocks: b.footnote_defs.remove(&label).unwrap_or_default() })
        .collect();
    let mut used = b.used;
    used.sort_unstable();
    used.dedup();
    Parsed { blocks, footnotes, raw_html: b.raw_html, images: b.images, used_origins: used }
}

/// Whether Markdown `text` is more than one paragraph: several blocks, or
/// one that is not a paragraph (a list, a code block, a quote, a table).
pub(crate) fn has_blocks(text: &str) -> bool {
    let mut depth = 0usize;
    let mut blocks = 0;
    for e in Parser::new_ext(text, options()) {
        match e {
            Event::Start(tag) => {
                if depth == 0 {
                    blocks += 1;
                    if !matches!(tag, Tag::Paragraph) {
                        return true;
                    }
                }
                depth += 1;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    blocks > 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::plain_text;

    fn sections(blocks: &[Block]) -> Vec<(String, Option<String>, u8)> {
        let mut out = Vec::new();
        for b in blocks {
            if let Block::Section(s) = b {
                out.push((s.id.clone(), s.number.clone(), s.level));
                out.extend(sections(&s.blocks));
            }
        }
        out
    }

    #[test]
    fn numbers_sections() {
        let p =
            parse("# A { #a }\n\ntext\n\n## B { #b }\n\n## C { #c }\n\n# H { #h .unnumbered }\n\n# D { #d }\n", false);
        assert_eq!(
            sections(&p.blocks),
            vec![
                ("a".into(), Some("1".into()), 1),
                ("b".into(), Some("1.1".into()), 2),
                ("c".into(), Some("1.2".into()), 2),
                ("h".into(), None, 1),
                ("d".into(), Some("2".into()), 1),
            ]
        );
    }

    #[test]
    fn a_caret_cell_continues_the_cell_above() {
        let p = parse(
            "| a | b |\n|---|---|\n| ^^ | 1 |\n| g | 2 |\n| ^^ | 3 |\n| ^^ | x |\n|  | 5 |\n| ^^ | 6 |\n| ^^ | ^^ |\n",
            false,
        );
        let Block::Table(t) = &p.blocks[0] else { panic!("{:?}", p.blocks) };
        // Not in the first row, not under an empty cell, not a whole row:
        // there it is text.
        assert_eq!(t.continued, vec![(2, 0), (3, 0)]);
        assert_eq!(t.rows[0][0], vec![Inline::text("^^")]);
        assert_eq!(t.rows[5][0], vec![Inline::text("^^")]);
        assert_eq!(t.rows[6], vec![vec![Inline::text("^^")], vec![Inline::text("^^")]]);
        assert!(t.rows[2][0].is_empty());
        assert_eq!((t.row_span(1, 0), t.row_span(2, 0), t.row_span(4, 0)), (3, 0, 1));
    }

    #[test]
    fn captions_tables_and_br() {
        let p = parse("Table: Backups\n\n| a | b |\n|---|---|\n| x<br>y | z |\n", false);
        let Block::Table(t) = &p.blocks[0] else { panic!("{:?}", p.blocks) };
        assert_eq!(plain_text(t.caption.as_ref().unwrap()), "Backups");
        assert_eq!(t.rows[0][0], vec![Inline::text("x"), Inline::LineBreak, Inline::text("y")]);
    }

    #[test]
    fn raw_html_is_text_unless_allowed() {
        let p = parse("hello <script>alert(1)</script>\n", false);
        assert_eq!(p.raw_html.len(), 2);
        let Block::Paragraph(i) = &p.blocks[0] else { panic!() };
        assert!(plain_text(i).contains("<script>"));
    }

    #[test]
    fn origins_survive() {
        let mut o = crate::render::origin::Origins::default();
        let t = o.tag("**bold** and [link](#x)", crate::source::Span::default(), None);
        let p = parse(&format!("para {t}\n"), false);
        let Block::Paragraph(i) = &p.blocks[0] else { panic!() };
        assert!(matches!(&i[0], Inline::Text { origin: None, .. }));
        assert!(matches!(&i[1], Inline::Strong(_)));
        let Inline::Link(l) = &i[3] else { panic!("{i:?}") };
        assert_eq!((l.dest.as_str(), l.origin), ("#x", Some(0)));
        assert_eq!(p.used_origins, vec![0]);
    }
}
