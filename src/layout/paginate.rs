//! Pieces → pages. A chain of pieces marked "keep with next" moves to the
//! next page as a whole when it does not fit (unless it is longer than a
//! page); space above a piece vanishes at the top of a page; a table row
//! that starts a page brings its header with it; boxes behind notes are
//! drawn per page.

use std::collections::{BTreeMap, HashMap};

use super::Item;
use super::flow::{HeadingInfo, LayoutCx, Piece};

pub(super) struct BodyPage {
    pub items: Vec<Item>,
    /// The chapter shown in the running header.
    pub chapter: Option<String>,
}

pub(super) struct Body {
    pub pages: Vec<BodyPage>,
    /// Headings with their page index and y.
    pub headings: Vec<(HeadingInfo, usize, f32)>,
}

struct Builder {
    pages: Vec<BodyPage>,
    items: Vec<Item>,
    decos: BTreeMap<usize, (super::flow::Deco, f32, f32)>,
    first_chapter: Option<String>,
    current_chapter: Option<String>,
    /// The chapter in effect when the current page began.
    page_start_chapter: Option<String>,
}

impl Builder {
    fn finish_page(&mut self) {
        let chapter = self.first_chapter.take().or_else(|| self.page_start_chapter.clone());
        let mut back = Vec::new();
        for (deco, top, bottom) in self.decos.values() {
            back.push(Item::Rect {
                x: deco.x,
                y: *top,
                w: deco.w,
                h: bottom - top,
                fill: Some(deco.fill),
                stroke: None,
            });
            if let Some(bar) = deco.bar {
                back.push(Item::Rect { x: deco.x, y: *top, w: 2.5, h: bottom - top, fill: Some(bar), stroke: None });
            }
        }
        back.append(&mut self.items);
        self.pages.push(BodyPage { items: back, chapter });
        self.decos.clear();
        self.page_start_chapter = self.current_chapter.clone();
    }
}

fn chapter_text(h: &HeadingInfo) -> String {
    match &h.number {
        Some(n) => format!("{n}\u{3000}{}", h.title),
        None => h.title.clone(),
    }
}

pub(super) fn paginate(cx: &LayoutCx, pieces: Vec<Piece>) -> Body {
    let top = cx.cfg.margin_top;
    let bottom = cx.cfg.page_height - cx.cfg.margin_bottom;
    let frame = bottom - top;
    let mut b = Builder {
        pages: Vec::new(),
        items: Vec::new(),
        decos: BTreeMap::new(),
        first_chapter: None,
        current_chapter: None,
        page_start_chapter: None,
    };
    let mut headings = Vec::new();
    let mut seen: HashMap<String, ()> = HashMap::new();
    let mut y = top;
    let n = pieces.len();
    let mut i = 0;
    while i < n {
        let p = &pieces[i];
        let at_top = y <= top + 0.01;
        let space = if at_top { 0.0 } else { p.space_before };
        // The chain this piece must stay with.
        let mut j = i;
        let mut chain = p.height;
        while pieces[j].keep_with_next && j + 1 < n {
            j += 1;
            chain += pieces[j].space_before + pieces[j].height;
        }
        let fits = y + space + chain <= bottom + 0.01;
        let single_fits = y + space + p.height <= bottom + 0.01;
        if !at_top && ((!fits && chain <= frame) || !single_fits) {
            if p.items.is_empty() && p.heading.is_none() {
                // A spacer that does not fit is simply dropped.
                i += 1;
                continue;
            }
            b.finish_page();
            y = top;
            continue;
        }
        if at_top
            && let Some(h) = &p.repeat
            && !b.pages.is_empty()
        {
            for it in &h.items {
                b.items.push(it.clone().shifted(0.0, y));
            }
            y += h.height;
        }
        let y0 = y + space;
        for it in &p.items {
            b.items.push(it.clone().shifted(0.0, y0));
        }
        for d in &p.decos {
            let e = b.decos.entry(d.id).or_insert((d.clone(), y0, y0));
            e.2 = y0 + p.height;
        }
        if let Some(h) = &p.heading {
            if seen.insert(h.id.clone(), ()).is_none() {
                headings.push((h.clone(), b.pages.len(), y0));
            }
            if h.level == 1 {
                let text = chapter_text(h);
                // A chapter that opens the page names the page.
                if at_top && b.items.len() == p.items.len() {
                    b.first_chapter = Some(text.clone());
                }
                b.current_chapter = Some(text);
            }
        }
        y = y0 + p.height;
        i += 1;
    }
    if !b.items.is_empty() || b.pages.is_empty() {
        b.finish_page();
    }
    Body { pages: b.pages, headings }
}
