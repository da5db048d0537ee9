//! Blocks → a flow of pieces: unbreakable slices (a line, a table row, a
//! rule) with the rules the paginator must respect (keep with next, space
//! that vanishes at the top of a page, boxes drawn behind).

use super::marking::{Marker, Pen};
use super::para::{self, Flat, ParaSpec, Style};
use super::tags::{ListNumbering, Mark, NodeId, Role, TagTree, Tagger};
use super::{BLACK, Color, INSERTED, Item, LayoutConfig, MUTED, NOTE, NOTE_BAR, RULE, SHADE};
use crate::doc::{Block, DefItem, Inline, RenderedDocument, RenderedSection, plain_text};
use crate::fonts::{FontKind, FontSet};
use crate::vocab::{Lang, SitePaths};

pub(super) struct LayoutCx<'a> {
    pub cfg: &'a LayoutConfig,
    pub fonts: &'a FontSet,
    pub lang: Lang,
}

impl LayoutCx<'_> {
    /// Inline text flattened for setting, its links in the brand colour.
    pub(super) fn flatten(&self, inlines: &[Inline], style: &Style) -> Flat {
        para::flatten(inlines, style, self.cfg.accent)
    }
}

/// A heading, for the outline, the running header and link targets.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct HeadingInfo {
    pub id: String,
    pub level: u8,
    pub number: Option<String>,
    pub title: String,
}

/// A box drawn behind a run of pieces (notes, code), per page.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Deco {
    pub id: usize,
    pub x: f32,
    pub w: f32,
    pub fill: Color,
    pub bar: Option<Color>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Piece {
    pub height: f32,
    /// Space above, dropped at the top of a page.
    pub space_before: f32,
    /// Items with page x and y relative to the piece's top.
    pub items: Vec<Item>,
    pub keep_with_next: bool,
    pub heading: Option<HeadingInfo>,
    /// A table header to repeat when this piece starts a page.
    pub repeat: Option<Box<Piece>>,
    pub decos: Vec<Deco>,
    /// The footnotes referred to here: set at the foot of its page.
    pub footnotes: Vec<u32>,
    /// Link targets at the piece's top (a note, a note's first reference).
    pub anchors: Vec<String>,
    /// Drawn only when the piece starts a page: a table's group label,
    /// repeated where a page break falls inside the rows it heads.
    pub page_top: Vec<Item>,
    /// Drawn only when the piece ends a page: the rule that closes a
    /// table's group cell there.
    pub page_foot: Vec<Item>,
}

impl Piece {
    /// The piece drawn again as an artifact (a table header repeated on the
    /// next page): its text is not read twice, its links are not repeated.
    pub(super) fn as_artifact(&self) -> Piece {
        let mut p = self.clone();
        p.items.retain(|i| !matches!(i, Item::Link { .. }));
        for i in &mut p.items {
            if let Item::Text(r) = i {
                r.mark = Mark::Artifact(super::tags::Artifact::Pagination);
            }
        }
        p
    }
}

#[derive(Clone, Copy, Debug)]
pub(super) struct Frame {
    pub x: f32,
    pub w: f32,
}

pub(super) struct Flow<'a> {
    pub cx: &'a LayoutCx<'a>,
    pub out: Vec<Piece>,
    decos: Vec<Deco>,
    next_deco: usize,
    /// Pieces still to be kept with what precedes them (after a heading).
    keep_next: u8,
    pub tags: Tagger,
    /// Footnotes whose first reference is placed (it gets the back link).
    refs_seen: std::collections::HashSet<u32>,
}

impl<'a> Flow<'a> {
    pub(super) fn new(cx: &'a LayoutCx<'a>) -> Self {
        Flow {
            cx,
            out: Vec::new(),
            decos: Vec::new(),
            next_deco: 0,
            keep_next: 0,
            tags: Tagger::default(),
            refs_seen: Default::default(),
        }
    }

    pub(super) fn push(&mut self, mut p: Piece) {
        p.decos = self.decos.clone();
        for n in &p.footnotes {
            if self.refs_seen.insert(*n) {
                p.anchors.push(SitePaths::footnote_ref(*n));
            }
        }
        if self.keep_next > 0 {
            if let Some(last) = self.out.last_mut() {
                last.keep_with_next = true;
            }
            self.keep_next -= 1;
        }
        self.out.push(p);
    }

    pub(super) fn base(&self, size: f32) -> Style {
        Style::plain(FontKind::Regular, size, BLACK)
    }

    pub(super) fn spec(&self, width: f32, line_height: f32, indent: f32) -> ParaSpec<'a> {
        ParaSpec {
            first_indent: indent,
            ..ParaSpec::body(self.cx.fonts, self.cx.lang, width, line_height, self.cx.cfg.accent)
        }
    }

    /// Lines of a paragraph as pieces, with widow and orphan control; their
    /// text is content of `node`.
    pub(super) fn lines(
        &mut self,
        flat: &Flat,
        spec: &ParaSpec,
        frame: Frame,
        space_before: f32,
        node: NodeId,
    ) -> usize {
        let lines = para::lines(flat, spec);
        let n = lines.len();
        let mut marker = Marker::new(node, flat);
        for (i, line) in lines.into_iter().enumerate() {
            let mut items = Vec::new();
            line_items(&line, frame.x, 0.0, flat, Pen { tree: &mut self.tags.tree, marker: &mut marker }, &mut items);
            let keep = (n >= 2 && i == 0) || (n >= 3 && i == n - 2);
            self.push(Piece {
                height: line.height,
                space_before: if i == 0 { space_before } else { 0.0 },
                items,
                keep_with_next: keep,
                footnotes: line.footnotes.clone(),
                ..Default::default()
            });
        }
        n
    }

    fn paragraph(&mut self, inlines: &[Inline], frame: Frame, indent: bool) {
        let cfg = self.cx.cfg;
        // A paragraph that is only bold text is a label, not prose: no indent.
        // Nor a block of short lines (an address).
        let label = inlines.iter().all(|i| matches!(i, Inline::Strong(_) | Inline::SoftBreak));
        let lines_block = inlines.iter().any(|i| matches!(i, Inline::LineBreak));
        let indent = indent && !label && !lines_block;
        let flat = self.cx.flatten(inlines, &self.base(cfg.body_size));
        if flat.is_empty() {
            return;
        }
        let first = if indent { cfg.paragraph_indent * cfg.body_size } else { 0.0 };
        let spec = self.spec(frame.w, cfg.line_height, first);
        let node = self.tags.child(Role::Paragraph);
        let n = self.lines(&flat, &spec, frame, cfg.paragraph_gap, node);
        // A label introduces what follows it: never leave it alone at a page
        // foot. Short lines (an address) stay together, and with what
        // follows them (the contact's details).
        if label || lines_block {
            let len = self.out.len();
            for p in &mut self.out[len - n..] {
                p.keep_with_next = true;
            }
        }
    }

    fn heading(&mut self, s: &RenderedSection, frame: Frame) {
        // What follows a heading stays with it, not with the next heading:
        // a section of one line does not glue itself to the next section.
        self.keep_next = 0;
        let (size, space) = match s.level {
            1 => (13.5, 20.0),
            2 => (12.0, 14.0),
            3 => (10.5, 10.0),
            _ => (10.0, 8.0),
        };
        let bold = Style { font: FontKind::Bold, ..self.base(size) };
        let mut inl = Vec::new();
        if let Some(n) = &s.number {
            inl.push(Inline::text(format!("{n}\u{3000}")));
        }
        inl.extend(s.title.iter().cloned());
        let mut flat = self.cx.flatten(&inl, &bold);
        if let Some(n) = &s.number {
            // The number in the accent colour.
            let accent = Style { color: self.cx.cfg.accent, ..bold.clone() };
            flat.styles.push(accent);
            let id = (flat.styles.len() - 1) as u16;
            for k in 0..n.chars().count() {
                flat.style[k] = id;
            }
        }
        let mut spec = self.spec(frame.w, 1.45, 0.0);
        spec.justify = false;
        spec.break_at_spaces = true;
        let lines = para::lines(&flat, &spec);
        let n = lines.len();
        let node = self.tags.child(Role::Heading { level: s.level, title: heading_title(s) });
        let mut marker = Marker::new(node, &flat);
        for (i, line) in lines.into_iter().enumerate() {
            let mut items = Vec::new();
            line_items(&line, frame.x, 0.0, &flat, Pen { tree: &mut self.tags.tree, marker: &mut marker }, &mut items);
            let mut height = line.height;
            if i + 1 == n && s.level == 1 {
                items.push(Item::Line {
                    x1: frame.x,
                    y1: height + 1.0,
                    x2: frame.x + frame.w,
                    y2: height + 1.0,
                    color: self.cx.cfg.accent,
                    width: 0.8,
                });
                height += 5.0;
            }
            self.push(Piece {
                height,
                space_before: if i == 0 { space } else { 0.0 },
                items,
                keep_with_next: true,
                footnotes: line.footnotes.clone(),
                heading: (i == 0).then(|| HeadingInfo {
                    id: s.id.clone(),
                    level: s.level,
                    number: s.number.clone(),
                    title: plain_text(&s.title),
                }),
                ..Default::default()
            });
        }
        // Keep the heading with at least two lines of what follows.
        self.keep_next = 2;
    }

    pub(super) fn blocks(&mut self, blocks: &[Block], frame: Frame, top_level: bool) {
        for (i, b) in blocks.iter().enumerate() {
            self.block(b, frame, top_level);
            // A table's notes (※…) do not go to the next page without its last row.
            if matches!(b, Block::Table(_)) && blocks.get(i + 1).is_some_and(is_table_note) {
                self.keep_last_rows();
            }
        }
    }

    /// The pieces of a table's last row (the spacer after it aside) keep
    /// with what follows.
    fn keep_last_rows(&mut self) {
        let len = self.out.len();
        if let Some(spacer) = self.out.last_mut().filter(|p| p.items.is_empty()) {
            spacer.keep_with_next = true;
            if let Some(row) = self.out.get_mut(len.wrapping_sub(2)) {
                row.keep_with_next = true;
            }
        }
    }

    fn block(&mut self, b: &Block, frame: Frame, top_level: bool) {
        let cfg = self.cx.cfg;
        match b {
            Block::Section(s) => {
                self.tags.open(Role::Section);
                self.heading(s, frame);
                self.blocks(&s.blocks, frame, true);
                self.tags.close();
            }
            Block::Paragraph(i) => self.paragraph(i, frame, top_level),
            Block::List { start, items } => self.list(*start, items, frame),
            Block::Table(t) => super::table::table(self, t, frame),
            Block::Note(bs) => {
                self.tags.open(Role::Division);
                self.open_deco(frame, NOTE, Some(NOTE_BAR));
                self.push(Piece {
                    height: 3.0,
                    space_before: cfg.paragraph_gap,
                    keep_with_next: true,
                    ..Default::default()
                });
                self.blocks(bs, Frame { x: frame.x + 12.0, w: frame.w - 20.0 }, false);
                self.push(Piece { height: 4.0, ..Default::default() });
                self.decos.pop();
                self.tags.close();
            }
            Block::DefinitionList(items) => self.definitions(items, frame),
            Block::Code(c) => {
                self.open_deco(frame, SHADE, None);
                let node = self.tags.child(Role::Code);
                let base = Style { font: FontKind::Mono, ..self.base(cfg.table_size) };
                let space_width = self.cx.fonts.advance(FontKind::Mono, ' ').unwrap_or(0.6) * cfg.table_size;
                for (i, l) in c.trim_end_matches('\n').split('\n').enumerate() {
                    // Indentation is kept: the line (and what of it wraps)
                    // starts as far in as its leading spaces, a tab to the
                    // next stop of four.
                    let l = expand_tabs(l);
                    let body = l.trim_start_matches(' ');
                    let indent = ((l.len() - body.len()) as f32 * space_width).min(frame.w / 2.0);
                    let flat = self.cx.flatten(&[Inline::text(body)], &base);
                    let inner = Frame { x: frame.x + 6.0 + indent, w: frame.w - 12.0 - indent };
                    let mut spec = self.spec(inner.w, 1.4, 0.0);
                    spec.justify = false;
                    // What wraps is set in by two spaces: a continuation,
                    // not a line of its own.
                    spec.hanging_indent = 2.0 * space_width;
                    let space = if i == 0 { cfg.paragraph_gap } else { 0.0 };
                    if flat.is_empty() {
                        self.push(Piece { height: cfg.table_size * 1.4, space_before: space, ..Default::default() });
                    } else {
                        self.lines(&flat, &spec, inner, space, node);
                    }
                }
                self.decos.pop();
            }
            Block::Rule => self.push(Piece {
                height: 12.0,
                items: vec![Item::Line {
                    x1: frame.x,
                    y1: 6.0,
                    x2: frame.x + frame.w,
                    y2: 6.0,
                    color: RULE,
                    width: 0.5,
                }],
                ..Default::default()
            }),
            Block::Html(_) => {}
            Block::Figure(f) => self.figure(f, frame),
        }
    }

    /// A figure: the image, scaled to fit the frame and most of a page
    /// (so it moves to the next page whole rather than overflow), centred,
    /// and its caption under it, kept with it. An image that could not be
    /// read shows its alt text in its place.
    fn figure(&mut self, f: &crate::doc::Figure, frame: Frame) {
        let cfg = self.cx.cfg;
        let space = cfg.paragraph_gap * 2.0;
        let mut first = self.out.len();
        match &f.image {
            Some(image) => {
                let (w, h) = image.size_pt();
                let page_room = cfg.page_height - cfg.margin_top - cfg.margin_bottom;
                let scale = (frame.w / w).min(page_room * 0.8 / h).min(1.0);
                let (w, h) = (w * scale, h * scale);
                let node = self.tags.child(Role::Figure { alt: f.alt.clone() });
                let mark = self.tags.tree.content(node);
                let x = frame.x + (frame.w - w) / 2.0;
                self.push(Piece {
                    height: h + 4.0,
                    space_before: space,
                    items: vec![Item::Image { x, y: 0.0, w, h, image: image.clone(), mark }],
                    keep_with_next: true,
                    ..Default::default()
                });
            }
            None => {
                let muted = Style { color: MUTED, ..self.base(cfg.body_size) };
                let flat = self.cx.flatten(&[Inline::text(format!("[{}]", f.alt))], &muted);
                let spec = self.spec(frame.w, cfg.line_height, 0.0);
                let node = self.tags.child(Role::Paragraph);
                self.lines(&flat, &spec, frame, space, node);
                for p in &mut self.out[first..] {
                    p.keep_with_next = true;
                }
            }
        }
        if let (Some(id), Some(p)) = (&f.id, self.out.get_mut(first)) {
            p.anchors.push(id.clone());
        }
        first = self.out.len();
        // The caption, centred line by line: 「図 1　…」 with the label bold.
        let size = cfg.table_size;
        let mut inl = vec![Inline::Strong(vec![Inline::text(f.label.clone())])];
        if !f.caption.is_empty() {
            inl.push(Inline::text(f.separator));
            inl.extend(f.caption.iter().cloned());
        }
        let flat = self.cx.flatten(&inl, &self.base(size));
        let mut spec = self.spec(frame.w, cfg.table_line_height, 0.0);
        spec.justify = false;
        let node = self.tags.child(Role::Caption);
        self.lines(&flat, &spec, frame, 2.0, node);
        for p in &mut self.out[first..] {
            let (lo, hi) = p.items.iter().fold((f32::MAX, f32::MIN), |(lo, hi), i| {
                let (a, b) = i.x_extent();
                (lo.min(a), hi.max(b))
            });
            if lo < hi {
                let dx = ((frame.w - (hi - lo)) / 2.0).max(0.0) + frame.x - lo;
                p.items = std::mem::take(&mut p.items).into_iter().map(|i| i.shifted(dx, 0.0)).collect();
            }
        }
        // Keep the caption's lines together and after the image.
        let len = self.out.len();
        for p in &mut self.out[first..len.saturating_sub(1)] {
            p.keep_with_next = true;
        }
        self.push(Piece { height: cfg.paragraph_gap, ..Default::default() });
    }

    /// A paragraph of a footnote, in the small type.
    fn footnote_paragraph(&mut self, inlines: &[Inline], frame: Frame) {
        let cfg = self.cx.cfg;
        let flat = self.cx.flatten(inlines, &self.base(cfg.table_size));
        let spec = self.spec(frame.w, cfg.table_line_height, 0.0);
        let node = self.tags.child(Role::Paragraph);
        self.lines(&flat, &spec, frame, 2.0, node);
    }

    fn open_deco(&mut self, frame: Frame, fill: Color, bar: Option<Color>) {
        self.next_deco += 1;
        self.decos.push(Deco { id: self.next_deco, x: frame.x, w: frame.w, fill, bar });
    }

    fn marker_piece_items(&mut self, text: &str, x: f32, size: f32, ascent: f32, node: NodeId) -> Vec<Item> {
        let flat = self.cx.flatten(&[Inline::text(text)], &self.base(size));
        let mut spec = self.spec(1000.0, 1.0, 0.0);
        spec.justify = false;
        let mut items = Vec::new();
        for line in para::lines(&flat, &spec) {
            for mut r in line.runs {
                r.x += x;
                r.y = ascent;
                r.color = MUTED;
                r.mark = self.tags.tree.content(node);
                items.push(Item::Text(r));
            }
        }
        items
    }

    fn list(&mut self, start: Option<u64>, items: &[Vec<Block>], frame: Frame) {
        let cfg = self.cx.cfg;
        let size = cfg.body_size;
        let widest = start.map(|s| format!("{}.", s + items.len() as u64 - 1));
        let indent = match &widest {
            Some(w) => {
                w.chars().map(|c| self.cx.fonts.advance(FontKind::Regular, c).unwrap_or(0.5) * size).sum::<f32>()
                    + 0.6 * size
            }
            None => 1.2 * size,
        };
        let bullet = "•";
        let numbering = if start.is_some() { ListNumbering::Decimal } else { ListNumbering::Bullet };
        self.tags.open(Role::List { numbering });
        for (k, item) in items.iter().enumerate() {
            let marker = match start {
                Some(s) => format!("{}.", s + k as u64),
                None => bullet.to_string(),
            };
            let first_piece = self.out.len();
            let inner = Frame { x: frame.x + indent, w: frame.w - indent };
            self.tags.open(Role::ListItem);
            let label = self.tags.child(Role::Label);
            self.tags.open(Role::ListBody);
            self.blocks(item, inner, false);
            self.tags.close();
            self.tags.close();
            if let Some(p) = self.out.get_mut(first_piece) {
                let ascent = p
                    .items
                    .iter()
                    .find_map(|i| match i {
                        Item::Text(t) => Some(t.y),
                        _ => None,
                    })
                    .unwrap_or(size * 1.2);
                let mx = if start.is_some() {
                    frame.x
                } else {
                    frame.x + if self.cx.lang == Lang::Ja { 0.0 } else { 0.3 * size }
                };
                let marker_items = self.marker_piece_items(&marker, mx, size, ascent, label);
                let p = &mut self.out[first_piece];
                // Drawn before the item's text, as it is read.
                p.items.splice(0..0, marker_items);
                if k > 0 {
                    p.space_before = p.space_before.min(2.0);
                }
            }
        }
        self.tags.close();
    }

    fn definitions(&mut self, items: &[DefItem], frame: Frame) {
        let cfg = self.cx.cfg;
        let simple = items.iter().all(|i| {
            i.definitions.len() <= 1 && i.definitions.iter().all(|d| matches!(d.as_slice(), [Block::Paragraph(_)] | []))
        });
        self.tags.open(Role::List { numbering: ListNumbering::None });
        if simple {
            super::table::definition_grid(self, items, frame);
            self.tags.close();
            return;
        }
        for item in items {
            self.tags.open(Role::ListItem);
            let bold = Style { font: FontKind::Bold, ..self.base(cfg.body_size) };
            let flat = self.cx.flatten(&item.term, &bold);
            let spec = self.spec(frame.w, cfg.line_height, 0.0);
            let term = self.tags.child(Role::Label);
            self.lines(&flat, &spec, frame, cfg.paragraph_gap, term);
            if let Some(last) = self.out.last_mut() {
                last.keep_with_next = true;
            }
            self.tags.open(Role::ListBody);
            for d in &item.definitions {
                self.blocks(d, Frame { x: frame.x + 1.5 * cfg.body_size, w: frame.w - 1.5 * cfg.body_size }, false);
            }
            self.tags.close();
            self.tags.close();
        }
        self.tags.close();
    }
}

/// `line` with its tabs expanded to stops every four columns.
fn expand_tabs(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut column = 0usize;
    for c in line.chars() {
        if c == '\t' {
            let to = (column / 4 + 1) * 4;
            out.extend(std::iter::repeat_n(' ', to - column));
            column = to;
        } else {
            out.push(c);
            column += 1;
        }
    }
    out
}

/// A note on a table: a note box, or a paragraph that starts with ※ or *.
fn is_table_note(b: &Block) -> bool {
    let first = |inl: &[Inline]| plain_text(inl).trim_start().starts_with(['※', '*', '＊']);
    match b {
        Block::Note(inner) => !inner.is_empty(),
        Block::Paragraph(p) => first(p),
        _ => false,
    }
}

/// The plain title of a section, with its number, for the heading's tag.
fn heading_title(s: &RenderedSection) -> String {
    let title = plain_text(&s.title);
    match &s.number {
        Some(n) => format!("{n} {title}"),
        None => title,
    }
}

/// Turn a laid-out line into page items at (`x`, `top`), its runs marked
/// with `pen`.
pub(super) fn line_items(line: &para::Line, x: f32, top: f32, flat: &Flat, pen: Pen, out: &mut Vec<Item>) {
    let Pen { tree, marker } = pen;
    for (k, r) in line.runs.iter().enumerate() {
        let mut r = r.clone();
        r.x += x;
        r.y = top + line.ascent - r.rise;
        // A run the line marked itself (a hyphen) keeps its mark.
        if r.mark == Mark::Unassigned {
            r.mark = marker.mark(tree, flat, line.run_links.get(k).copied().flatten());
        }
        out.push(Item::Text(r));
    }
    for (link, x0, x1) in &line.links {
        if let (Some(target), Some(node)) = (flat.links.get(*link), marker.link_node(tree, flat, *link)) {
            out.push(Item::Link { x: x + x0, y: top, w: x1 - x0, h: line.height, target: target.clone(), node });
        }
    }
    for (x0, x1, size) in &line.codes {
        // Behind the code, a little wider than it, the height of the type.
        let y = top + line.ascent - size * 0.95;
        out.push(Item::Rect { x: x + x0 - 1.5, y, w: x1 - x0 + 3.0, h: size * 1.25, fill: Some(SHADE), stroke: None });
    }
    for (x0, x1, size) in &line.strikes {
        let y = top + line.ascent - size * 0.3;
        out.push(Item::Line { x1: x + x0, y1: y, x2: x + x1, y2: y, color: BLACK, width: 0.5 });
    }
    for (x0, x1, size) in &line.underlines {
        let y = top + line.ascent + size * 0.15;
        out.push(Item::Line { x1: x + x0, y1: y, x2: x + x1, y2: y, color: INSERTED, width: 0.7 });
    }
}

/// A footnote set apart, for the foot of the page its reference lands on.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Footnote {
    pub number: u32,
    pub pieces: Vec<Piece>,
    pub height: f32,
}

/// The document as a flow, its footnotes, and its structure.
pub(super) struct Flowed {
    pub pieces: Vec<Piece>,
    pub footnotes: Vec<Footnote>,
    pub tags: TagTree,
}

/// The rule above the footnotes of a page, and its height.
pub(super) fn footnote_rule(frame_x: f32, frame_w: f32) -> (Item, f32) {
    (Item::Line { x1: frame_x, y1: 5.0, x2: frame_x + frame_w * 0.3, y2: 5.0, color: RULE, width: 0.5 }, 10.0)
}

/// The whole document as a flow: sections; footnotes apart, each to be set
/// at the foot of the page that refers to it (those no line refers to, or
/// too long for a page's foot, after the content as before).
pub(super) fn document(cx: &LayoutCx, doc: &RenderedDocument) -> Flowed {
    let mut f = Flow::new(cx);
    let frame = Frame { x: cx.cfg.margin_left, w: cx.cfg.frame_width() };
    f.blocks(&doc.blocks, frame, true);
    let body = std::mem::take(&mut f.out);
    let referred: std::collections::HashSet<u32> = body.iter().flat_map(|p| p.footnotes.iter().copied()).collect();
    let page = cx.cfg.page_height - cx.cfg.margin_top - cx.cfg.margin_bottom;
    let mut footnotes = Vec::new();
    let mut endnotes = Vec::new();
    for n in &doc.footnotes {
        // The number, linked back to the reference, opens the first
        // paragraph; every block is set.
        let back = Inline::Link(crate::doc::Link {
            dest: String::new(),
            target: crate::doc::LinkTarget::Internal { doc: None, section: Some(SitePaths::footnote_ref(n.number)) },
            children: vec![Inline::text(format!("*{}", n.number))],
            origin: None,
        });
        let mut first = vec![back, Inline::text("\u{2002}")];
        let mut rest = n.blocks.as_slice();
        if let Some((Block::Paragraph(p), after)) = n.blocks.split_first() {
            first.extend(p.iter().cloned());
            rest = after;
        }
        f.tags.open(Role::Note);
        f.footnote_paragraph(&first, frame);
        for b in rest {
            match b {
                Block::Paragraph(p) => f.footnote_paragraph(p, frame),
                other => f.block(other, frame, false),
            }
        }
        f.tags.close();
        let mut pieces = std::mem::take(&mut f.out);
        if let Some(p) = pieces.first_mut() {
            p.anchors.push(SitePaths::footnote(n.number));
            p.space_before = 0.0;
        }
        let height = pieces.iter().map(|p| p.space_before + p.height).sum::<f32>() + 2.0;
        if referred.contains(&n.number) && height < page / 3.0 {
            footnotes.push(Footnote { number: n.number, pieces, height });
        } else {
            endnotes.extend(pieces);
        }
    }
    f.out = body;
    if !endnotes.is_empty() {
        let (rule, height) = footnote_rule(frame.x, frame.w);
        f.out.push(Piece { height, space_before: 12.0, items: vec![rule], keep_with_next: true, ..Default::default() });
        f.out.extend(endnotes);
    }
    Flowed { pieces: f.out, footnotes, tags: f.tags.tree }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabs_go_to_the_next_stop_of_four() {
        assert_eq!(expand_tabs("\tx"), "    x");
        assert_eq!(expand_tabs("ab\tc\t"), "ab  c   ");
    }
}
