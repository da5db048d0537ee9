//! Stage 4b: the layout engine. Takes the document model and produces pages
//! of positioned items — text runs, rules, boxes, link areas — in points,
//! origin at the top left of the page. It knows nothing of PDF; the
//! exporter turns the pages into PDF operations.
//!
//! - [`para`]: inline text → justified lines (JLReq);
//! - [`breaks`]: where lines may break;
//! - [`flow`]: blocks → a flow of unbreakable pieces with keep rules;
//! - [`table`]: tables → pieces (column widths, repeated headers, split rows);
//! - [`paginate`]: pieces → pages (keeps, widows and orphans);
//! - [`front`]: cover, table of contents, running header and footer;
//! - [`tags`]: the logical structure every placed run belongs to.

pub mod breaks;
mod flow;
mod front;
pub mod glyphs;
mod marking;
mod paginate;
pub mod para;
mod table;
pub mod tags;

use std::collections::HashMap;

pub use tags::{Artifact, Mark, NodeId, TagTree};

use crate::doc::{LinkTarget, RenderedDocument};
use crate::fonts::{FontKind, FontSet};
use crate::vocab::{Lang, SitePaths};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Color(pub u8, pub u8, pub u8);

pub const BLACK: Color = Color(0x1d, 0x23, 0x30);
pub const WHITE: Color = Color(0xff, 0xff, 0xff);
pub const ACCENT: Color = Color(0x1f, 0x4e, 0x8c);
/// Inserted wording in a comparison: underlined and bold as well, so it
/// reads in black-and-white print.
pub const INSERTED: Color = Color(0xa3, 0x1f, 0x1f);
/// Struck-through wording: grey, and struck.
pub const REMOVED: Color = Color(0x55, 0x5b, 0x66);
pub const MUTED: Color = Color(0x5b, 0x64, 0x73);
/// The classification mark (社外秘 …): red, and bold, so it survives a
/// black-and-white copy.
pub const MARK: Color = Color(0xb3, 0x26, 0x1e);
pub const RULE: Color = Color(0xb8, 0xc0, 0xcc);
pub const SHADE: Color = Color(0xee, 0xf2, 0xf7);
pub const NOTE: Color = Color(0xfb, 0xf6, 0xe9);
pub const NOTE_BAR: Color = Color(0xd9, 0xb4, 0x5b);

/// Glyphs of one font, size and colour, drawn from `x` on baseline `y`.
#[derive(Clone, Debug, PartialEq)]
pub struct TextRun {
    pub x: f32,
    pub y: f32,
    pub font: FontKind,
    pub size: f32,
    pub color: Color,
    /// Baseline shift upward.
    pub rise: f32,
    /// Drawn slanted (emphasis).
    pub oblique: bool,
    /// (char, advance, extra space after it) in pt.
    pub chars: Vec<(char, f32, f32)>,
    pub origins: Vec<Option<crate::doc::OriginId>>,
    /// What the run is in the document's structure.
    pub mark: Mark,
}

impl TextRun {
    pub fn text(&self) -> String {
        self.chars.iter().map(|c| c.0).collect()
    }

    pub fn width(&self) -> f32 {
        let n = self.chars.len();
        self.chars.iter().enumerate().map(|(i, (_, adv, extra))| adv + if i + 1 < n { *extra } else { 0.0 }).sum()
    }
}

/// Where a link goes.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum LinkRef {
    /// A section of this document.
    Anchor(String),
    /// A URI (web pages, mail, other documents' PDFs).
    Uri(String),
}

pub fn link_ref(t: &LinkTarget) -> Option<LinkRef> {
    match t {
        LinkTarget::Internal { doc: None, section: Some(s) } => Some(LinkRef::Anchor(s.clone())),
        LinkTarget::Internal { doc: None, section: None } => None,
        LinkTarget::Internal { doc: Some(d), section } => {
            Some(LinkRef::Uri(SitePaths::pdf_from_pdf(d, section.as_deref())))
        }
        LinkTarget::External(u) => Some(LinkRef::Uri(u.clone())),
        LinkTarget::Broken => None,
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    Text(TextRun),
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Color>,
        stroke: Option<(Color, f32)>,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        color: Color,
        width: f32,
    },
    /// An image scaled into its box; `mark` is its figure's leaf.
    Image {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        image: std::sync::Arc<crate::image::ImageFile>,
        mark: Mark,
    },
    /// A link area; `node` is its link in the structure tree.
    Link {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        target: LinkRef,
        node: NodeId,
    },
}

impl Item {
    fn shifted(mut self, dx: f32, dy: f32) -> Item {
        match &mut self {
            Item::Text(t) => {
                t.x += dx;
                t.y += dy;
            }
            Item::Rect { x, y, .. } | Item::Link { x, y, .. } | Item::Image { x, y, .. } => {
                *x += dx;
                *y += dy;
            }
            Item::Line { x1, y1, x2, y2, .. } => {
                *x1 += dx;
                *x2 += dx;
                *y1 += dy;
                *y2 += dy;
            }
        }
        self
    }

    /// The horizontal extent of what is drawn (for "nothing outside the
    /// frame"). The blank half of a full-width closing mark at the end of a
    /// run is not drawn.
    pub fn x_extent(&self) -> (f32, f32) {
        match self {
            Item::Text(t) => {
                // A word space kept at the end of a line is not drawn.
                let drawn = &t.chars[..t.chars.len() - t.chars.iter().rev().take_while(|c| c.0 == ' ').count()];
                let n = drawn.len();
                let width: f32 = drawn
                    .iter()
                    .enumerate()
                    .map(|(i, (_, adv, extra))| adv + if i + 1 < n { *extra } else { 0.0 })
                    .sum();
                let hang = match drawn.last() {
                    Some((c, adv, _)) if crate::cjk::is_wide(*c) && breaks::is_closing(*c) => adv / 2.0,
                    Some(('、' | '。' | '，' | '．', adv, _)) => adv / 2.0,
                    Some(('・' | '：' | '；', adv, _)) => adv / 4.0,
                    _ => 0.0,
                };
                (t.x, t.x + width - hang)
            }
            Item::Rect { x, w, .. } | Item::Link { x, w, .. } | Item::Image { x, w, .. } => (*x, x + w),
            Item::Line { x1, x2, .. } => (x1.min(*x2), x1.max(*x2)),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Numbering {
    /// Front matter: i, ii, …
    Roman,
    Decimal,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    pub items: Vec<Item>,
    /// Numbering style and number of this page.
    pub numbering: Numbering,
    pub number: usize,
}

/// An entry of the PDF outline (bookmarks).
#[derive(Clone, Debug, PartialEq)]
pub struct Bookmark {
    pub title: String,
    pub level: u8,
    pub page: usize,
    pub y: f32,
}

/// A laid-out document.
#[derive(Clone, Debug, PartialEq)]
pub struct Laid {
    pub width: f32,
    pub height: f32,
    pub pages: Vec<Page>,
    pub bookmarks: Vec<Bookmark>,
    /// Section id → (page index, y of the heading top).
    pub anchors: HashMap<String, (usize, f32)>,
    /// Index of the first content page (after cover and contents).
    pub first_content_page: usize,
    /// The logical structure, in reading order.
    pub tags: TagTree,
}

/// Page geometry and type sizes.
#[derive(Clone, Debug)]
pub struct LayoutConfig {
    pub page_width: f32,
    pub page_height: f32,
    pub margin_top: f32,
    pub margin_bottom: f32,
    pub margin_left: f32,
    pub margin_right: f32,
    pub body_size: f32,
    pub table_size: f32,
    /// Line height as a multiple of the type size.
    pub line_height: f32,
    pub table_line_height: f32,
    pub paragraph_gap: f32,
    /// Indent of the first line of body paragraphs, in em (Japanese style).
    pub paragraph_indent: f32,
    /// Deepest heading level listed in the table of contents.
    pub toc_depth: u8,
    /// The brand colour: heading numbers, rules, links, the cover's type
    /// line; and the light tint of it that shades table headers.
    pub accent: Color,
    pub shade: Color,
}

/// A paper size.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum PaperSize {
    #[default]
    A4,
    Letter,
}

/// What the project sets of the page: paper, margins (pt) and colour.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct PageSetup {
    pub paper: PaperSize,
    /// Top, bottom, left and right, in pt; `None`: the default.
    pub margins: [Option<f32>; 4],
    pub accent: Option<Color>,
}

impl Color {
    /// `self` mixed with white, `share` of it kept.
    pub fn tint(self, share: f32) -> Color {
        let (r, g, b) = crate::vocab::tint((self.0, self.1, self.2), share);
        Color(r, g, b)
    }
}

impl LayoutConfig {
    /// A4 portrait, 10 pt body type.
    pub fn a4(lang: Lang) -> LayoutConfig {
        LayoutConfig {
            page_width: 595.276,
            page_height: 841.89,
            margin_top: 70.0,
            margin_bottom: 64.0,
            margin_left: 62.0,
            margin_right: 62.0,
            body_size: 10.0,
            table_size: 9.0,
            line_height: if lang == Lang::Ja { 1.75 } else { 1.45 },
            table_line_height: if lang == Lang::Ja { 1.5 } else { 1.35 },
            paragraph_gap: 5.0,
            paragraph_indent: if lang == Lang::Ja { 1.0 } else { 0.0 },
            toc_depth: 3,
            accent: ACCENT,
            shade: SHADE,
        }
    }

    /// The page the project sets up: A4 or Letter, its margins, its colour.
    pub fn for_page(lang: Lang, setup: PageSetup) -> LayoutConfig {
        let mut cfg = LayoutConfig::a4(lang);
        if setup.paper == PaperSize::Letter {
            (cfg.page_width, cfg.page_height) = (612.0, 792.0);
        }
        let [top, bottom, left, right] = setup.margins;
        cfg.margin_top = top.unwrap_or(cfg.margin_top);
        cfg.margin_bottom = bottom.unwrap_or(cfg.margin_bottom);
        cfg.margin_left = left.unwrap_or(cfg.margin_left);
        cfg.margin_right = right.unwrap_or(cfg.margin_right);
        if let Some(accent) = setup.accent {
            cfg.accent = accent;
            cfg.shade = accent.tint(crate::vocab::SHADE_SHARE);
        }
        cfg
    }

    pub fn frame_width(&self) -> f32 {
        self.page_width - self.margin_left - self.margin_right
    }
}

/// Lay out `doc` with `fonts`.
pub fn layout(doc: &RenderedDocument, cfg: &LayoutConfig, fonts: &FontSet) -> Laid {
    let lang = doc.meta.lang;
    let cx = flow::LayoutCx { cfg, fonts, lang };
    let flowed = flow::document(&cx, doc);
    let body = paginate::paginate(&cx, flowed.pieces, flowed.footnotes);
    front::assemble(&cx, doc, body, flowed.tags)
}

#[cfg(test)]
mod tests;
