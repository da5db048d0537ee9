//! Document furniture: the cover, the table of contents (with dot leaders
//! and the pages the headings landed on), the running header (document
//! title, current chapter) and footer (provider, version, "n / N").

use std::collections::HashMap;

use super::flow::{LayoutCx, line_items};
use super::marking::{Marker, Pen};
use super::paginate::Body;
use super::para::{self, Flat, Line, Style};
use super::tags::{Artifact, ListNumbering, Mark, NodeId, Role, TagTree};
use super::{BLACK, Bookmark, Item, Laid, LinkRef, MARK, MUTED, Numbering, Page, RULE, TextRun, WHITE};
use crate::doc::{Inline, RenderedDocument};
use crate::fonts::FontKind;

fn style(size: f32, font: FontKind, color: super::Color) -> Style {
    Style::plain(font, size, color)
}

/// A text set ragged in lines.
struct Lines {
    flat: Flat,
    lines: Vec<Line>,
}

fn lines(cx: &LayoutCx, text: &str, st: &Style, width: f32, line_height: f32) -> Lines {
    let flat = cx.flatten(&[Inline::text(text)], st);
    let spec = para::ParaSpec {
        justify: false,
        break_at_spaces: true,
        ..para::ParaSpec::body(cx.fonts, cx.lang, width, line_height, cx.cfg.accent)
    };
    let lines = para::lines(&flat, &spec);
    Lines { flat, lines }
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
            oblique: false,
            chars,
            origins: vec![None; n],
            mark: Mark::Unassigned,
        },
        w,
    )
}

/// The run placed at `x` on `baseline`, marked.
fn at(mut r: TextRun, x: f32, baseline: f32, mark: Mark) -> Item {
    r.x = x;
    r.y = baseline;
    r.mark = mark;
    Item::Text(r)
}

/// Lines of one text as items at `x` from `y` down, their text content
/// of `node`; returns the y below them.
fn text_block(tree: &mut TagTree, node: NodeId, text: &Lines, (x, mut y): (f32, f32), items: &mut Vec<Item>) -> f32 {
    let mut marker = Marker::new(node, &text.flat);
    for l in &text.lines {
        line_items(l, x, y, &text.flat, Pen { tree: &mut *tree, marker: &mut marker }, items);
        y += l.height;
    }
    y
}

fn cover(cx: &LayoutCx, doc: &RenderedDocument, tree: &mut TagTree) -> Page {
    let cfg = cx.cfg;
    let (x, w) = (cfg.margin_left, cfg.frame_width());
    let m = &doc.meta;
    let mut items = Vec::new();
    let banded = m.brand.banded_cover;
    if banded {
        // The band bleeds off the top and sides.
        items.push(Item::Rect { x: 0.0, y: 0.0, w: cfg.page_width, h: 150.0, fill: Some(cx.cfg.accent), stroke: None });
    }
    if let Some(mark) = &m.classification {
        // Top right, boxed: the first thing a reader sees.
        let (r, mw) = single_line(cx, mark, &style(12.0, FontKind::Bold, MARK), w * 0.5);
        let (bx, by) = (x + w - mw - 12.0, 96.0);
        // On a band, on white: the mark stays red on any brand colour.
        let fill = banded.then_some(WHITE);
        items.push(Item::Rect { x: bx, y: by, w: mw + 12.0, h: 22.0, fill, stroke: Some((MARK, 1.2)) });
        let node = tree.add(None, Role::Paragraph);
        items.push(at(r, bx + 6.0, by + 16.0, tree.content(node)));
    }
    if let Some(logo) = &m.brand.logo {
        // Top left on a white cover, at most 44 pt high and 200 pt wide;
        // at the foot, above the provider's name, under a band.
        let (lw, lh) = fit(logo, 200.0, 44.0);
        let y = if banded { cfg.page_height - cfg.margin_bottom - 34.0 - lh } else { 64.0 };
        let node = tree.add(None, Role::Figure { alt: m.brand.logo_alt.clone() });
        let mark = tree.content(node);
        items.push(Item::Image { x, y, w: lw, h: lh, image: logo.clone(), mark });
    }
    let type_color = if banded { WHITE } else { cx.cfg.accent };
    let label = lines(cx, &m.type_label, &style(11.0, FontKind::Bold, type_color), w, 1.4);
    let label_y = if banded { 112.0 } else { 170.0 };
    let node = tree.add(None, Role::Paragraph);
    let mut y = text_block(tree, node, &label, (x, label_y), &mut items) + 10.0;
    if banded {
        y = 180.0;
    }
    let title = lines(cx, &m.title, &style(22.0, FontKind::Bold, BLACK), w, 1.35);
    let node = tree.add(None, Role::Title);
    y = text_block(tree, node, &title, (x, y), &mut items);
    if let Some(sub) = &m.subtitle {
        let sub = lines(cx, sub, &style(14.0, FontKind::Regular, MUTED), w, 1.4);
        let node = tree.add(None, Role::Paragraph);
        y = text_block(tree, node, &sub, (x, y + 4.0), &mut items);
    }
    y += 14.0;
    items.push(Item::Rect { x, y, w, h: 2.0, fill: Some(cx.cfg.accent), stroke: None });

    // Facts about the document.
    let mut rows: Vec<(&str, String)> = Vec::new();
    if let Some(n) = &m.number {
        rows.push((m.words.document_number.as_str(), n.clone()));
    }
    rows.push((m.words.version.as_str(), m.version.clone()));
    if let Some(d) = m.date {
        rows.push((m.words.issued.as_str(), d.render(cx.lang)));
    }
    if let Some(p) = &m.provider {
        rows.push((m.words.provider.as_str(), p.clone()));
    }
    rows.push((m.words.document_id.as_str(), m.id.clone()));
    let mut y = 560.0;
    // "Version: 1.2", …: a list of names and values.
    let list = tree.add(None, Role::List { numbering: ListNumbering::None });
    for (k, v) in rows {
        let item = tree.add(Some(list), Role::ListItem);
        let name = tree.add(Some(item), Role::Label);
        let (kr, _) = single_line(cx, k, &style(9.5, FontKind::Regular, MUTED), 90.0);
        items.push(at(kr, x, y + 12.0, tree.content(name)));
        let value = lines(cx, &v, &style(10.5, FontKind::Regular, BLACK), w - 100.0, 1.5);
        let body = tree.add(Some(item), Role::ListBody);
        y = text_block(tree, body, &value, (x + 100.0, y), &mut items) + 4.0;
        items.push(Item::Line { x1: x, y1: y - 2.0, x2: x + w, y2: y - 2.0, color: RULE, width: 0.4 });
    }
    if let Some(p) = &m.provider {
        let (r, _) = single_line(cx, p, &style(12.0, FontKind::Bold, BLACK), w);
        let node = tree.add(None, Role::Paragraph);
        items.push(at(r, x, cfg.page_height - cfg.margin_bottom - 10.0, tree.content(node)));
    }
    Page { items, numbering: Numbering::Roman, number: 1 }
}

fn toc_pages(cx: &LayoutCx, contents: &str, body: &Body, first_number: usize, tree: &mut TagTree) -> Vec<Page> {
    let cfg = cx.cfg;
    let (x, w) = (cfg.margin_left, cfg.frame_width());
    let top = cfg.margin_top;
    let bottom = cfg.page_height - cfg.margin_bottom;
    let mut pages = Vec::new();
    let mut items = Vec::new();
    let title = lines(cx, contents, &style(16.0, FontKind::Bold, BLACK), w, 1.4);
    let node = tree.add(None, Role::Heading { level: 1, title: contents.to_string() });
    let mut y = text_block(tree, node, &title, (x, top), &mut items);
    let toc = tree.add(None, Role::TableOfContents);
    items.push(Item::Line { x1: x, y1: y + 2.0, x2: x + w, y2: y + 2.0, color: cx.cfg.accent, width: 0.8 });
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
    // Each entry set, then where the pages break: never before the last
    // entry alone (the one before it goes over too).
    let set: Vec<_> = entries
        .iter()
        .map(|(h, _, _)| {
            let indent = f32::from(h.level - 1) * 1.6 * cfg.body_size;
            let (size, font) = if h.level == 1 { (10.5, FontKind::Bold) } else { (10.0, FontKind::Regular) };
            let numw = if h.number.is_some() { number_width.get(&h.level).copied().unwrap_or(0.0) } else { 0.0 };
            let entry = lines(cx, &h.title, &style(size, font, BLACK), w - indent - numw - num_col - 12.0, 1.55);
            let height: f32 = entry.lines.iter().map(|l| l.height).sum();
            let space = if h.level == 1 { 5.0 } else { 1.0 };
            (entry, height, space)
        })
        .collect();
    let mut breaks = Vec::new();
    let mut fill = y;
    for (i, (_, height, space)) in set.iter().enumerate() {
        if fill + space + height > bottom {
            breaks.push(i);
            fill = top;
        }
        fill += space + height;
    }
    if let Some(last) = breaks.last_mut()
        && *last + 1 == set.len()
        && *last >= 2
    {
        *last -= 1;
    }
    for (i, ((h, page, _), (entry, height, space))) in entries.into_iter().zip(set).enumerate() {
        let indent = f32::from(h.level - 1) * 1.6 * cfg.body_size;
        let (size, font) = if h.level == 1 { (10.5, FontKind::Bold) } else { (10.0, FontKind::Regular) };
        let numw = if h.number.is_some() { number_width.get(&h.level).copied().unwrap_or(0.0) } else { 0.0 };
        if breaks.contains(&i) {
            pages.push(Page {
                items: std::mem::take(&mut items),
                numbering: Numbering::Roman,
                number: first_number + pages.len(),
            });
            y = top;
        }
        y += space;
        let y0 = y;
        // An entry: a link holding the number, the title and the page.
        let item = tree.add(Some(toc), Role::TableOfContentsItem);
        let reference = tree.add(Some(item), Role::Reference);
        let link = tree.add(Some(reference), Role::Link { alt: entry_title(h) });
        if let (Some(n), Some(first)) = (&h.number, entry.lines.first()) {
            let (nr, _) = single_line(cx, n, &style(size, font, cx.cfg.accent), numw);
            items.push(at(nr, x + indent, y + first.ascent, tree.content(link)));
        }
        let last = entry.lines.last().map(|l| (l.width, y + (height - l.height), l.ascent));
        y = text_block(tree, link, &entry, (x + indent + numw, y), &mut items);
        // Dot leaders and the page number.
        let number = (page + 1).to_string();
        let (nr, nw) = single_line(cx, &number, &style(size, FontKind::Regular, BLACK), num_col);
        if let Some((lw, ly, asc)) = last {
            let baseline = ly + asc;
            items.push(at(nr, x + w - nw, baseline, tree.content(link)));
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
                    oblique: false,
                    origins: vec![None; chars.len()],
                    chars,
                    mark: Mark::Artifact(Artifact::Layout),
                }));
            }
        }
        items.push(Item::Link {
            x: x + indent,
            y: y0,
            w: w - indent,
            h: y - y0,
            target: LinkRef::Anchor(h.id.clone()),
            node: link,
        });
    }
    pages.push(Page { items, numbering: Numbering::Roman, number: first_number + pages.len() });
    pages
}

/// An image's size scaled into `max_w` × `max_h` (never enlarged).
fn fit(image: &crate::image::ImageFile, max_w: f32, max_h: f32) -> (f32, f32) {
    let (w, h) = image.size_pt();
    let scale = (max_w / w).min(max_h / h).min(1.0);
    (w * scale, h * scale)
}

/// The running header and footer; `number` is the body page's and the
/// count (the contents pages show none).
fn furniture(
    cx: &LayoutCx,
    doc: &RenderedDocument,
    chapter: Option<&str>,
    number: Option<(usize, usize)>,
) -> Vec<Item> {
    let cfg = cx.cfg;
    let (x, w) = (cfg.margin_left, cfg.frame_width());
    let small = style(8.0, FontKind::Regular, MUTED);
    let mut items = Vec::new();
    let head_base = cfg.margin_top - 26.0;
    let (header, footer) = (Mark::Artifact(Artifact::Header), Mark::Artifact(Artifact::Footer));
    // With a mark, the title and chapter give it the middle of the header.
    let side = if doc.meta.classification.is_some() { 0.36 } else { 0.48 };
    // The logo, small, before the title.
    let mut title_x = x;
    if let Some(logo) = &doc.meta.brand.logo {
        let (lw, lh) = fit(logo, 48.0, 11.0);
        items.push(Item::Image { x, y: head_base + 2.0 - lh, w: lw, h: lh, image: logo.clone(), mark: header });
        title_x += lw + 6.0;
    }
    // The chapter first: the title takes what it leaves (within its side).
    let mut chapter_w = 0.0;
    if let Some(c) = chapter {
        let (cr, cw) = single_line(cx, c, &small, w * side);
        items.push(at(cr, x + w - cw, head_base, header));
        chapter_w = cw;
    }
    let title_room = if doc.meta.classification.is_some() { w * side } else { w - chapter_w - 18.0 };
    let (tr, _) = single_line(cx, &doc.meta.title, &small, title_room - (title_x - x));
    items.push(at(tr, title_x, head_base, header));
    if let Some(mark) = &doc.meta.classification {
        let (mr, mw) = single_line(cx, mark, &style(9.0, FontKind::Bold, MARK), w * 0.24);
        items.push(at(mr, x + (w - mw) / 2.0, head_base, header));
    }
    items.push(Item::Line { x1: x, y1: head_base + 6.0, x2: x + w, y2: head_base + 6.0, color: RULE, width: 0.4 });
    let foot_line = cfg.page_height - cfg.margin_bottom + 20.0;
    items.push(Item::Line { x1: x, y1: foot_line, x2: x + w, y2: foot_line, color: RULE, width: 0.4 });
    let foot_base = foot_line + 14.0;
    // The document number, version and date on every page, as Japanese
    // corporate documents carry them.
    let m = &doc.meta;
    let mut middle = Vec::new();
    if let Some(n) = &m.number {
        middle.push(n.clone());
    }
    middle.push(format!("{} {}", m.words.version, m.version));
    if let Some(d) = m.date {
        middle.push(d.render(cx.lang));
    }
    let gap = if cx.lang == crate::vocab::Lang::Ja { "　" } else { "  ·  " };
    let (vr, vw) = single_line(cx, &middle.join(gap), &small, w * 0.46);
    // The brand's line (© …) where it has one, else the provider, at the
    // left; the middle is centred unless that line needs the room, then
    // it moves right, short of the page number.
    let mut middle_x = x + (w - vw) / 2.0;
    if let Some(p) = doc.meta.brand.footer.as_ref().or(doc.meta.provider.as_ref()) {
        let (pr, pw) = single_line(cx, p, &small, w - vw - 0.12 * w - 24.0);
        middle_x = middle_x.max(x + pw + 16.0);
        items.push(at(pr, x, foot_base, footer));
    }
    items.push(at(vr, middle_x, foot_base, footer));
    if let Some((number, total)) = number {
        let (nr, nw) = single_line(cx, &format!("{number} / {total}"), &small, w * 0.2);
        items.push(at(nr, x + w - nw, foot_base, footer));
    }
    items
}

/// A heading as the outline and the contents name it: "2.1 Title".
fn entry_title(h: &super::flow::HeadingInfo) -> String {
    match &h.number {
        Some(n) => format!("{n} {}", h.title),
        None => h.title.clone(),
    }
}

/// The cover and contents before the body; the furniture on every body
/// page. `tags` has the body's structure; the front matter's goes first.
pub(super) fn assemble(cx: &LayoutCx, doc: &RenderedDocument, body: Body, mut tags: TagTree) -> Laid {
    let body_groups = tags.root.len();
    let cover = cover(cx, doc, &mut tags);
    let mut toc = toc_pages(cx, &doc.meta.words.contents, &body, 2, &mut tags);
    // A marked or numbered document says so on its contents pages too.
    if doc.meta.classification.is_some() || doc.meta.number.is_some() {
        for page in &mut toc {
            page.items.extend(furniture(cx, doc, None, None));
        }
    }
    tags.move_to_front(body_groups);
    let front = 1 + toc.len();
    let total = body.pages.len();
    let mut pages = vec![cover];
    pages.extend(toc);
    for (i, p) in body.pages.into_iter().enumerate() {
        let mut items = furniture(cx, doc, p.chapter.as_deref(), Some((i + 1, total)));
        items.extend(p.items);
        pages.push(Page { items, numbering: Numbering::Decimal, number: i + 1 });
    }
    let mut anchors = HashMap::new();
    for (id, page, y) in &body.anchors {
        anchors.insert(id.clone(), (page + front, *y));
    }
    let mut bookmarks = Vec::new();
    for (h, page, y) in &body.headings {
        anchors.insert(h.id.clone(), (page + front, *y));
        bookmarks.push(Bookmark { title: entry_title(h), level: h.level, page: page + front, y: *y });
    }
    Laid {
        width: cx.cfg.page_width,
        height: cx.cfg.page_height,
        pages,
        bookmarks,
        anchors,
        first_content_page: front,
        tags,
    }
}
