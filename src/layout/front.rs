//! Document furniture: the cover, the table of contents (with dot leaders
//! and the pages the headings landed on), the running header (document
//! title, current chapter) and footer (provider, version, "n / N").

use std::collections::HashMap;

use super::flow::{LayoutCx, line_items};
use super::paginate::Body;
use super::para::{self, Flat, Line, Style};
use super::{ACCENT, BLACK, Bookmark, Item, Laid, LinkRef, MUTED, Numbering, Page, RULE, TextRun};
use crate::doc::{Inline, RenderedDocument};
use crate::fonts::FontKind;

fn style(size: f32, font: FontKind, color: super::Color) -> Style {
    Style { font, size, color, link: None, strike: false, rise: 0.0 }
}

fn lines(cx: &LayoutCx, text: &str, st: &Style, width: f32, line_height: f32) -> (Flat, Vec<Line>) {
    let flat = para::flatten(&[Inline::text(text)], st, ACCENT);
    let spec = para::ParaSpec {
        justify: false,
        break_at_spaces: true,
        ..para::ParaSpec::body(cx.fonts, cx.lang, width, line_height, ACCENT)
    };
    let ls = para::lines(&flat, &spec);
    (flat, ls)
}

/// Text on one line, cut with "…" to fit `width`; returns the run and its width.
fn single_line(cx: &LayoutCx, text: &str, st: &Style, width: f32) -> (TextRun, f32) {
    let adv = |c: char| cx.fonts.advance(st.font, c).unwrap_or(0.5) * st.size;
    let mut chars = Vec::new();
    let mut w = 0.0;
    let text = super::glyphs::drawn_chars(text);
    let total: f32 = text.iter().copied().map(adv).sum();
    let ell = adv('…');
    for c in text {
        let a = adv(c);
        if total > width && w + a + ell > width {
            chars.push(('…', ell, 0.0));
            w += ell;
            break;
        }
        chars.push((c, a, 0.0));
        w += a;
    }
    let n = chars.len();
    (
        TextRun {
            x: 0.0,
            y: 0.0,
            font: st.font,
            size: st.size,
            color: st.color,
            rise: 0.0,
            chars,
            origins: vec![None; n],
        },
        w,
    )
}

fn at(mut r: TextRun, x: f32, baseline: f32) -> Item {
    r.x = x;
    r.y = baseline;
    Item::Text(r)
}

fn cover(cx: &LayoutCx, doc: &RenderedDocument) -> Page {
    let cfg = cx.cfg;
    let (x, w) = (cfg.margin_left, cfg.frame_width());
    let m = &doc.meta;
    let mut items = Vec::new();
    let mut y = 170.0;
    let (flat, tl) = lines(cx, &m.type_label, &style(11.0, FontKind::Bold, ACCENT), w, 1.4);
    for l in &tl {
        line_items(l, x, y, &flat, &mut items);
        y += l.height;
    }
    y += 10.0;
    let (flat, title) = lines(cx, &m.title, &style(22.0, FontKind::Bold, BLACK), w, 1.35);
    for l in &title {
        line_items(l, x, y, &flat, &mut items);
        y += l.height;
    }
    if let Some(sub) = &m.subtitle {
        y += 4.0;
        let (flat, sl) = lines(cx, sub, &style(14.0, FontKind::Regular, MUTED), w, 1.4);
        for l in &sl {
            line_items(l, x, y, &flat, &mut items);
            y += l.height;
        }
    }
    y += 14.0;
    items.push(Item::Rect { x, y, w, h: 2.0, fill: Some(ACCENT), stroke: None });

    // Facts about the document.
    let mut rows: Vec<(&str, String)> = vec![(m.words.version.as_str(), m.version.clone())];
    if let Some(d) = m.date {
        rows.push((m.words.issued.as_str(), d.render(cx.lang)));
    }
    if let Some(p) = &m.provider {
        rows.push((m.words.provider.as_str(), p.clone()));
    }
    rows.push((m.words.document_id.as_str(), m.id.clone()));
    let mut y = 560.0;
    for (k, v) in rows {
        let (kr, _) = single_line(cx, k, &style(9.5, FontKind::Regular, MUTED), 90.0);
        items.push(at(kr, x, y + 12.0));
        let (flat, vl) = lines(cx, &v, &style(10.5, FontKind::Regular, BLACK), w - 100.0, 1.5);
        let mut yy = y;
        for l in &vl {
            line_items(l, x + 100.0, yy, &flat, &mut items);
            yy += l.height;
        }
        y = yy + 4.0;
        items.push(Item::Line { x1: x, y1: y - 2.0, x2: x + w, y2: y - 2.0, color: RULE, width: 0.4 });
    }
    if let Some(p) = &m.provider {
        let (r, _) = single_line(cx, p, &style(12.0, FontKind::Bold, BLACK), w);
        items.push(at(r, x, cfg.page_height - cfg.margin_bottom - 10.0));
    }
    Page { items, numbering: Numbering::Roman, number: 1 }
}

fn toc_pages(cx: &LayoutCx, contents: &str, body: &Body, first_number: usize) -> Vec<Page> {
    let cfg = cx.cfg;
    let (x, w) = (cfg.margin_left, cfg.frame_width());
    let top = cfg.margin_top;
    let bottom = cfg.page_height - cfg.margin_bottom;
    let mut pages = Vec::new();
    let mut items = Vec::new();
    let (flat, title) = lines(cx, contents, &style(16.0, FontKind::Bold, BLACK), w, 1.4);
    let mut y = top;
    for l in &title {
        line_items(l, x, y, &flat, &mut items);
        y += l.height;
    }
    items.push(Item::Line { x1: x, y1: y + 2.0, x2: x + w, y2: y + 2.0, color: ACCENT, width: 0.8 });
    y += 14.0;
    let num_col = 34.0;
    let entries: Vec<_> = body.headings.iter().filter(|(h, ..)| h.level <= cfg.toc_depth).collect();
    // Section numbers in a column per level, so titles line up.
    let mut number_width: HashMap<u8, f32> = HashMap::new();
    for (h, ..) in &entries {
        if let Some(n) = &h.number {
            let size = if h.level == 1 { 10.5 } else { 10.0 };
            let w = n.chars().map(|c| cx.fonts.advance(FontKind::Bold, c).unwrap_or(0.5) * size).sum::<f32>() + size;
            let e = number_width.entry(h.level).or_insert(0.0);
            *e = e.max(w);
        }
    }
    for (h, page, _) in entries {
        let indent = f32::from(h.level - 1) * 1.6 * cfg.body_size;
        let (size, font) = if h.level == 1 { (10.5, FontKind::Bold) } else { (10.0, FontKind::Regular) };
        let st = style(size, font, BLACK);
        let numw = if h.number.is_some() { number_width.get(&h.level).copied().unwrap_or(0.0) } else { 0.0 };
        let (flat, ls) = lines(cx, &h.title, &st, w - indent - numw - num_col - 12.0, 1.55);
        let height: f32 = ls.iter().map(|l| l.height).sum();
        let space = if h.level == 1 { 5.0 } else { 1.0 };
        if y + space + height > bottom {
            pages.push(Page {
                items: std::mem::take(&mut items),
                numbering: Numbering::Roman,
                number: first_number + pages.len(),
            });
            y = top;
        }
        y += space;
        let y0 = y;
        let mut last = None;
        if let (Some(n), Some(first)) = (&h.number, ls.first()) {
            let (nr, _) = single_line(cx, n, &style(size, font, ACCENT), numw);
            items.push(at(nr, x + indent, y + first.ascent));
        }
        for l in &ls {
            line_items(l, x + indent + numw, y, &flat, &mut items);
            last = Some((l.width, y, l.ascent));
            y += l.height;
        }
        // Dot leaders and the page number.
        let number = (page + 1).to_string();
        let (nr, nw) = single_line(cx, &number, &style(size, FontKind::Regular, BLACK), num_col);
        if let Some((lw, ly, asc)) = last {
            let baseline = ly + asc;
            items.push(at(nr, x + w - nw, baseline));
            let start = x + indent + numw + lw + 6.0;
            let end = x + w - nw - 6.0;
            let dot = cx.fonts.advance(FontKind::Regular, '.').unwrap_or(0.3) * size;
            let step = dot + 2.2;
            let count = ((end - start) / step).floor().max(0.0) as usize;
            if count > 0 {
                let chars = (0..count).map(|_| ('.', dot, step - dot)).collect::<Vec<_>>();
                items.push(Item::Text(TextRun {
                    x: end - count as f32 * step + (step - dot),
                    y: baseline,
                    font: FontKind::Regular,
                    size,
                    color: MUTED,
                    rise: 0.0,
                    origins: vec![None; chars.len()],
                    chars,
                }));
            }
        }
        items.push(Item::Link {
            x: x + indent,
            y: y0,
            w: w - indent,
            h: y - y0,
            target: LinkRef::Anchor(h.id.clone()),
        });
    }
    pages.push(Page { items, numbering: Numbering::Roman, number: first_number + pages.len() });
    pages
}

fn furniture(cx: &LayoutCx, doc: &RenderedDocument, chapter: Option<&str>, number: usize, total: usize) -> Vec<Item> {
    let cfg = cx.cfg;
    let (x, w) = (cfg.margin_left, cfg.frame_width());
    let small = style(8.0, FontKind::Regular, MUTED);
    let mut items = Vec::new();
    let head_base = cfg.margin_top - 26.0;
    let (tr, _) = single_line(cx, &doc.meta.title, &small, w * 0.48);
    items.push(at(tr, x, head_base));
    if let Some(c) = chapter {
        let (cr, cw) = single_line(cx, c, &small, w * 0.48);
        items.push(at(cr, x + w - cw, head_base));
    }
    items.push(Item::Line { x1: x, y1: head_base + 6.0, x2: x + w, y2: head_base + 6.0, color: RULE, width: 0.4 });
    let foot_line = cfg.page_height - cfg.margin_bottom + 20.0;
    items.push(Item::Line { x1: x, y1: foot_line, x2: x + w, y2: foot_line, color: RULE, width: 0.4 });
    let foot_base = foot_line + 14.0;
    if let Some(p) = &doc.meta.provider {
        let (pr, _) = single_line(cx, p, &small, w * 0.4);
        items.push(at(pr, x, foot_base));
    }
    let ver = format!("{} {}", doc.meta.words.version, doc.meta.version);
    let (vr, vw) = single_line(cx, &ver, &small, w * 0.2);
    items.push(at(vr, x + (w - vw) / 2.0, foot_base));
    let (nr, nw) = single_line(cx, &format!("{number} / {total}"), &small, w * 0.2);
    items.push(at(nr, x + w - nw, foot_base));
    items
}

pub(super) fn assemble(cx: &LayoutCx, doc: &RenderedDocument, body: Body) -> Laid {
    let cover = cover(cx, doc);
    let toc = toc_pages(cx, &doc.meta.words.contents, &body, 2);
    let front = 1 + toc.len();
    let total = body.pages.len();
    let mut pages = vec![cover];
    pages.extend(toc);
    for (i, p) in body.pages.into_iter().enumerate() {
        let mut items = furniture(cx, doc, p.chapter.as_deref(), i + 1, total);
        items.extend(p.items);
        pages.push(Page { items, numbering: Numbering::Decimal, number: i + 1 });
    }
    let mut anchors = HashMap::new();
    let mut bookmarks = Vec::new();
    for (h, page, y) in &body.headings {
        anchors.insert(h.id.clone(), (page + front, *y));
        bookmarks.push(Bookmark {
            title: match &h.number {
                Some(n) => format!("{n} {}", h.title),
                None => h.title.clone(),
            },
            level: h.level,
            page: page + front,
            y: *y,
        });
    }
    Laid { width: cx.cfg.page_width, height: cx.cfg.page_height, pages, bookmarks, anchors, first_content_page: front }
}
