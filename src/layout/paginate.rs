//! Pieces → pages. A chain of pieces marked "keep with next" moves to the
//! next page as a whole when it does not fit (unless it is longer than a
//! page); space above a piece vanishes at the top of a page; a table row
//! that starts a page brings its header with it; boxes behind notes are
//! drawn per page; footnotes are set at the foot of the page their first
//! reference lands on (the piece moves on when they would not fit).

use std::collections::{BTreeMap, HashMap};

use super::Item;
use super::flow::{Footnote, HeadingInfo, LayoutCx, Piece, footnote_rule};

pub(super) struct BodyPage {
    pub items: Vec<Item>,
    /// The chapter shown in the running header.
    pub chapter: Option<String>,
}

pub(super) struct Body {
    pub pages: Vec<BodyPage>,
    /// Headings with their page index and y.
    pub headings: Vec<(HeadingInfo, usize, f32)>,
    /// Other link targets (footnotes and their references), with their
    /// page index and y.
    pub anchors: Vec<(String, usize, f32)>,
}

struct Builder {
    pages: Vec<BodyPage>,
    items: Vec<Item>,
    decos: BTreeMap<usize, (super::flow::Deco, f32, f32)>,
    first_chapter: Option<String>,
    current_chapter: Option<String>,
    /// The chapter in effect when the current page began.
    page_start_chapter: Option<String>,
    /// The footnotes of the current page, in order.
    notes: Vec<usize>,
    /// Their height, with the rule above them.
    notes_height: f32,
    /// Where footnotes are set: the frame's left edge, width and bottom.
    foot: (f32, f32, f32),
    anchors: Vec<(String, usize, f32)>,
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

    /// Set the page's footnotes at its foot, above the bottom margin.
    fn set_footnotes(&mut self, footnotes: &[Footnote]) {
        let (x, w, bottom) = self.foot;
        let mut y = bottom - self.notes_height;
        if !self.notes.is_empty() {
            let (rule, height) = footnote_rule(x, w);
            self.items.push(rule.shifted(0.0, y));
            y += height;
        }
        let page = self.pages.len();
        for &k in &self.notes {
            for p in &footnotes[k].pieces {
                y += p.space_before;
                for a in &p.anchors {
                    self.anchors.push((a.clone(), page, y));
                }
                self.items.extend(p.items.iter().map(|it| it.clone().shifted(0.0, y)));
                y += p.height;
            }
        }
        self.notes.clear();
        self.notes_height = 0.0;
    }

    /// The height the footnotes of `ps` not yet set would add to this page.
    fn notes_needed(&self, ps: &[Piece], footnotes: &[Footnote], placed: &[bool]) -> f32 {
        let mut new: Vec<usize> = ps
            .iter()
            .flat_map(|p| &p.footnotes)
            .filter_map(|n| footnotes.iter().position(|f| f.number == *n))
            .filter(|&k| !placed[k] && !self.notes.contains(&k))
            .collect();
        new.sort_unstable();
        new.dedup();
        let height: f32 = new.iter().map(|&k| footnotes[k].height).sum();
        if height > 0.0 && self.notes.is_empty() { height + footnote_rule(0.0, 0.0).1 } else { height }
    }
}

fn chapter_text(h: &HeadingInfo) -> String {
    match &h.number {
        Some(n) => format!("{n}\u{3000}{}", h.title),
        None => h.title.clone(),
    }
}

pub(super) fn paginate(cx: &LayoutCx, pieces: Vec<Piece>, footnotes: Vec<Footnote>) -> Body {
    let top = cx.cfg.margin_top;
    let page_bottom = cx.cfg.page_height - cx.cfg.margin_bottom;
    let frame = page_bottom - top;
    let mut b = Builder {
        pages: Vec::new(),
        items: Vec::new(),
        decos: BTreeMap::new(),
        first_chapter: None,
        current_chapter: None,
        page_start_chapter: None,
        notes: Vec::new(),
        notes_height: 0.0,
        foot: (cx.cfg.margin_left, cx.cfg.frame_width(), page_bottom),
        anchors: Vec::new(),
    };
    let mut placed = vec![false; footnotes.len()];
    let mut headings = Vec::new();
    let mut seen: HashMap<String, ()> = HashMap::new();
    let mut y = top;
    let n = pieces.len();
    let mut i = 0;
    // What the last piece placed draws if it ends its page.
    let mut foot: Vec<Item> = Vec::new();
    while i < n {
        let p = &pieces[i];
        let at_top = y <= top + 0.01;
        let space = if at_top { 0.0 } else { p.space_before };
        // The frame ends above the page's footnotes and this piece's own;
        // when even a fresh page cannot hold both, the notes go after the
        // content instead.
        let mut needed = b.notes_needed(std::slice::from_ref(p), &footnotes, &placed);
        if at_top && y + p.height + needed > page_bottom - b.notes_height + 0.01 {
            needed = 0.0;
        }
        let bottom = page_bottom - b.notes_height - needed;
        // The chain this piece must stay with, and the notes it cites.
        let mut j = i;
        let mut chain = p.height;
        while pieces[j].keep_with_next && j + 1 < n {
            j += 1;
            chain += pieces[j].space_before + pieces[j].height;
        }
        let chain_needed = b.notes_needed(&pieces[i..=j], &footnotes, &placed).max(needed);
        let fits = y + space + chain <= page_bottom - b.notes_height - chain_needed + 0.01;
        let single_fits = y + space + p.height <= bottom + 0.01;
        if !at_top && ((!fits && chain <= frame) || !single_fits) {
            if p.items.is_empty() && p.heading.is_none() {
                // A spacer that does not fit is simply dropped.
                i += 1;
                continue;
            }
            b.items.append(&mut foot);
            b.set_footnotes(&footnotes);
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
        if at_top {
            for it in &p.page_top {
                b.items.push(it.clone().shifted(0.0, y0));
            }
        }
        foot = p.page_foot.iter().map(|it| it.clone().shifted(0.0, y0)).collect();
        for a in &p.anchors {
            b.anchors.push((a.clone(), b.pages.len(), y0));
        }
        if needed > 0.0 {
            for n in &p.footnotes {
                if let Some(k) = footnotes.iter().position(|f| f.number == *n)
                    && !placed[k]
                    && !b.notes.contains(&k)
                {
                    placed[k] = true;
                    b.notes.push(k);
                }
            }
            b.notes_height += needed;
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
    // Notes a page could not hold with their reference: at the foot of the
    // last page if they fit below its content, else on pages of their own.
    for k in 0..footnotes.len() {
        if placed[k] {
            continue;
        }
        let rule = if b.notes.is_empty() { footnote_rule(0.0, 0.0).1 } else { 0.0 };
        if y + b.notes_height + rule + footnotes[k].height > page_bottom + 0.01
            && !(b.items.is_empty() && b.notes.is_empty())
        {
            b.set_footnotes(&footnotes);
            b.finish_page();
            y = top;
        }
        placed[k] = true;
        b.notes.push(k);
        b.notes_height += rule + footnotes[k].height;
    }
    if !b.items.is_empty() || !b.notes.is_empty() || b.pages.is_empty() {
        b.set_footnotes(&footnotes);
        b.finish_page();
    }
    let anchors = std::mem::take(&mut b.anchors);
    Body { pages: b.pages, headings, anchors }
}
