//! Tables: column widths from content within the frame, cells wrapped with
//! the paragraph engine, a shaded header repeated on every page the table
//! spans, and rows taller than a page split between lines.

// Sets tables of any shape users write: no panicking index.
#![deny(clippy::indexing_slicing)]

use super::flow::{Flow, Frame, Piece, line_items};
use super::marking::{Marker, Pen};
use super::para::{self, Flat, Line, ParaSpec, Style};
use super::tags::{Role, TagTree};
use super::{Item, RULE, SHADE, TextRun};
use crate::doc::{Align, Block, DefItem, Inline, Table};
use crate::fonts::FontKind;

const PAD_X: f32 = 4.0;
const PAD_Y: f32 = 3.0;

struct Cell {
    flat: Flat,
    lines: Vec<Line>,
    height: f32,
}

/// What a column's cells need: the narrowest it can be (`hard`: URLs
/// broken at separators, a character of Japanese), the narrowest it should
/// be (`soft`: short terms and headers whole), and its unwrapped width.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(super) struct ColumnNeed {
    pub hard: f32,
    pub soft: f32,
    pub max: f32,
    /// Every cell a short value (a date, a version, a mark): the column
    /// takes no share of the room left over while a text column can.
    pub short: bool,
}

/// Widths of columns from what their cells need, as CSS's automatic table
/// layout does it: every column its unwrapped width if all fit, the room
/// left shared in proportion; else every column at least its `soft`
/// minimum, the rest to the columns that would wrap most; only when even
/// that does not fit, down towards `hard`; and below that, in proportion.
pub(super) fn column_widths(needs: &[ColumnNeed], avail: f32) -> Vec<f32> {
    let n = needs.len().max(1);
    let hard: Vec<f32> = needs.iter().map(|c| c.hard).collect();
    let soft: Vec<f32> = needs.iter().map(|c| c.soft.max(c.hard)).collect();
    let max: Vec<f32> = needs.iter().zip(&soft).map(|(c, s)| c.max.max(*s)).collect();
    let sum = |v: &[f32]| v.iter().sum::<f32>();
    let between = |lo: &[f32], hi: &[f32]| -> Vec<f32> {
        let flex = sum(hi) - sum(lo);
        let room = avail - sum(lo);
        lo.iter().zip(hi).map(|(l, h)| l + if flex > 0.0 { room * (h - l) / flex } else { 0.0 }).collect()
    };
    if sum(&max) <= avail {
        if sum(&max) <= 0.0 {
            return vec![avail / n as f32; n];
        }
        // Fill the frame, in proportion to content: the text columns, if
        // there are any, take the room left over.
        let total = sum(&max);
        let text: f32 = needs.iter().zip(&max).filter(|(c, _)| !c.short).map(|(_, m)| m).sum();
        let share = |c: &ColumnNeed, m: f32| if text > 0.0 { if c.short { 0.0 } else { m / text } } else { m / total };
        return needs.iter().zip(&max).map(|(c, m)| m + (avail - total) * share(c, *m)).collect();
    }
    if sum(&soft) <= avail {
        return between(&soft, &max);
    }
    if sum(&hard) <= avail {
        return between(&hard, &soft);
    }
    // Even the narrowest content is too wide: shrink, and let words break.
    let total = sum(&hard).max(0.01);
    hard.iter().map(|m| m * avail / total).collect()
}

fn cell_spec<'a>(f: &Flow<'a>, width: f32) -> ParaSpec<'a> {
    let mut s = f.spec(width, f.cx.cfg.table_line_height, 0.0);
    s.justify = false;
    s
}

fn layout_cell(f: &Flow, inlines: &[Inline], style: &Style, width: f32) -> Cell {
    let flat = f.cx.flatten(inlines, style);
    let lines = para::lines(&flat, &cell_spec(f, width));
    let height = lines.iter().map(|l| l.height).sum::<f32>();
    Cell { flat, lines, height }
}

/// Where a row's columns are and how its cells are drawn.
struct RowShape<'a> {
    xs: &'a [f32],
    widths: &'a [f32],
    aligns: &'a [Align],
    /// The header's shading, for a header row.
    header: Option<super::Color>,
    border: bool,
}

/// Where a row's cells sit in the table's row spans (all empty for a row
/// without any).
#[derive(Clone, Debug, Default)]
struct RowSpans {
    /// By column: the cell continues the one above, which draws it.
    covered: Vec<bool>,
    /// By column: the row below continues this cell (no rule under it).
    open_below: Vec<bool>,
    /// By column: the cell spans the rows below too, so its height is the
    /// span's, not this row's.
    spanning: Vec<bool>,
    /// Least content height: the last row of a span makes room for a
    /// label taller than the rows it heads.
    min_height: f32,
    /// By column, for a covered or spanning cell: the content height from
    /// this row's top to the end of its span, where a label repeated at a
    /// page's top must fit.
    room: Vec<f32>,
}

impl RowSpans {
    fn at(v: &[bool], k: usize) -> bool {
        v.get(k).copied().unwrap_or(false)
    }

    /// The height of the row's content: its tallest cell of its own.
    fn content_height(&self, cells: &[Cell]) -> f32 {
        let own =
            cells.iter().enumerate().filter(|(k, _)| !Self::at(&self.covered, *k) && !Self::at(&self.spanning, *k));
        own.map(|(_, c)| c.height).fold(self.min_height, f32::max)
    }
}

/// A row as a piece, and the items each spanning cell drew (its column
/// and items), to repeat where a page break falls inside its span.
struct RowPiece {
    piece: Piece,
    spanning: Vec<(usize, Vec<Item>)>,
}

/// One row (or a slice of a tall row) as a piece, each cell's text marked
/// by its marker (`pen`: the tree, and a marker per cell; none for a cell
/// the one above continues). `from..to` is the part of each cell's height
/// to show.
fn row_piece(
    cells: &[Cell],
    shape: &RowShape,
    spans: &RowSpans,
    pen: (&mut TagTree, &mut [Option<Marker>]),
    slice: Option<(f32, f32)>,
) -> RowPiece {
    let (tree, markers) = pen;
    let RowShape { xs, widths, aligns, header, border } = *shape;
    let full = spans.content_height(cells);
    let (from, to) = slice.unwrap_or((0.0, full));
    let height = (to - from) + 2.0 * PAD_Y;
    let mut items = Vec::new();
    let mut footnotes = Vec::new();
    let mut spanning = Vec::new();
    if let Some(shade) = header {
        let total: f32 = widths.iter().sum();
        let x = xs.first().copied().unwrap_or(0.0);
        items.push(Item::Rect { x, y: 0.0, w: total, h: height, fill: Some(shade), stroke: None });
    }
    for (k, (((cell, width), x), marker)) in cells.iter().zip(widths).zip(xs).zip(markers.iter_mut()).enumerate() {
        let Some(marker) = marker else { continue };
        let first = items.len();
        if from <= 0.0 && cell.lines.iter().all(|l| l.runs.is_empty()) {
            // An empty cell is still a cell of the table's grid.
            items.push(Item::Text(TextRun {
                x: x + PAD_X,
                y: PAD_Y,
                font: FontKind::Regular,
                size: 1.0,
                color: super::BLACK,
                rise: 0.0,
                oblique: false,
                chars: Vec::new(),
                origins: Vec::new(),
                mark: tree.content(marker.node),
            }));
        }
        // A spanning cell is drawn whole with its first row; the rows
        // below leave it room.
        let spans_down = RowSpans::at(&spans.spanning, k);
        let mut y = 0.0;
        for line in &cell.lines {
            let bottom = y + line.height;
            let shown = if spans_down { from <= 0.0 } else { y >= from - 0.01 && bottom <= to + 0.01 };
            if shown {
                footnotes.extend_from_slice(&line.footnotes);
                let inner = width - 2.0 * PAD_X;
                let dx = match aligns.get(k) {
                    Some(Align::Center) => ((inner - line.width) / 2.0).max(0.0),
                    Some(Align::Right) => (inner - line.width).max(0.0),
                    _ => 0.0,
                };
                line_items(
                    line,
                    x + PAD_X + dx,
                    PAD_Y + y - from,
                    &cell.flat,
                    Pen { tree: &mut *tree, marker: &mut *marker },
                    &mut items,
                );
            }
            y = bottom;
        }
        if spans_down {
            spanning.push((k, items.get(first..).unwrap_or_default().to_vec()));
        }
    }
    if border {
        items.extend(rule_across(xs, widths, 0.0, |k| RowSpans::at(&spans.covered, k)));
        items.extend(rule_across(xs, widths, height, |k| RowSpans::at(&spans.open_below, k)));
        for x in xs {
            items.push(Item::Line { x1: *x, y1: 0.0, x2: *x, y2: height, color: RULE, width: 0.5 });
        }
        if let (Some(x), Some(w)) = (xs.last(), widths.last()) {
            let r = x + w;
            items.push(Item::Line { x1: r, y1: 0.0, x2: r, y2: height, color: RULE, width: 0.5 });
        }
    }
    RowPiece { piece: Piece { height, items, footnotes, ..Default::default() }, spanning }
}

/// A horizontal rule at `y` across the columns, broken where `open` says
/// a cell continues across it.
fn rule_across(xs: &[f32], widths: &[f32], y: f32, open: impl Fn(usize) -> bool) -> Vec<Item> {
    let mut out = Vec::new();
    let mut start: Option<f32> = None;
    for (k, (x, w)) in xs.iter().zip(widths).enumerate() {
        match (open(k), start) {
            (true, Some(x0)) => {
                out.push(Item::Line { x1: x0, y1: y, x2: *x, y2: y, color: RULE, width: 0.5 });
                start = None;
            }
            (false, None) => start = Some(*x),
            _ => {}
        }
        if k + 1 == xs.len()
            && let Some(x0) = start
        {
            out.push(Item::Line { x1: x0, y1: y, x2: x + w, y2: y, color: RULE, width: 0.5 });
        }
    }
    out
}

/// Each body row's place in the table's row spans, and whether it is kept
/// with the row after it (a label taller than its first row is never cut
/// by a page break).
fn body_spans(t: &Table, cells: &[Vec<Cell>]) -> Vec<(RowSpans, bool)> {
    let n = cells.len();
    let ncols = cells.first().map_or(0, Vec::len);
    let mut out: Vec<(RowSpans, bool)> = (0..n)
        .map(|r| {
            let spans = RowSpans {
                covered: (0..ncols).map(|k| t.is_continued(r, k)).collect(),
                open_below: (0..ncols).map(|k| t.is_continued(r + 1, k)).collect(),
                spanning: (0..ncols).map(|k| t.row_span(r, k) > 1).collect(),
                min_height: 0.0,
                room: vec![0.0; ncols],
            };
            (spans, false)
        })
        .collect();
    let natural: Vec<f32> = out.iter().zip(cells).map(|((s, _), c)| s.content_height(c)).collect();
    for (r, row) in cells.iter().enumerate() {
        for (k, cell) in row.iter().enumerate() {
            let span = t.row_span(r, k);
            if span < 2 {
                continue;
            }
            let last = (r + span - 1).min(n.saturating_sub(1));
            let room = natural.get(r..=last).unwrap_or_default().iter().sum::<f32>() + 2.0 * PAD_Y * (last - r) as f32;
            if cell.height > room
                && let (Some((s, _)), Some(h)) = (out.get_mut(last), natural.get(last))
            {
                s.min_height = s.min_height.max(h + cell.height - room);
            }
            // The rows the label needs are kept together (only those: a
            // long group may still break across pages, its label repeated).
            let mut held = natural.get(r).copied().unwrap_or(0.0);
            let mut j = r;
            while held + 0.01 < cell.height && j < last {
                j += 1;
                held += 2.0 * PAD_Y + natural.get(j).copied().unwrap_or(0.0);
            }
            for (_, keep) in out.get_mut(r..j).unwrap_or_default() {
                *keep = true;
            }
        }
    }
    // The room left in each span from each of its rows down.
    let heights: Vec<f32> = out.iter().zip(cells).map(|((s, _), c)| s.content_height(c)).collect();
    for k in 0..ncols {
        let mut below = 0.0f32;
        for r in (0..n).rev() {
            let h = heights.get(r).copied().unwrap_or(0.0);
            let continues = t.is_continued(r + 1, k);
            below = if continues { h + 2.0 * PAD_Y + below } else { h };
            if let Some((s, _)) = out.get_mut(r)
                && let Some(slot) = s.room.get_mut(k)
            {
                *slot = below;
            }
        }
    }
    out
}

/// The part of a repeated label that fits in `room` below a page's top:
/// whole lines only, so it never runs into the group after it.
fn label_fitting(label: &[Item], room: f32) -> impl Iterator<Item = Item> + '_ {
    label.iter().filter(move |i| !matches!(i, Item::Text(r) if r.y + r.size * 0.3 > room + PAD_Y)).cloned()
}

/// Split a row taller than `max` into slices that end between lines.
fn slices(cells: &[Cell], spans: &RowSpans, max: f32) -> Vec<(f32, f32)> {
    let full = spans.content_height(cells);
    let limit = (max - 2.0 * PAD_Y).max(10.0);
    if full <= limit {
        return vec![(0.0, full)];
    }
    let mut out = Vec::new();
    let mut from = 0.0f32;
    while from < full - 0.01 {
        let mut cut = (from + limit).min(full);
        // Move the cut up until it falls between lines in every cell.
        loop {
            let mut moved = false;
            for (k, c) in cells.iter().enumerate() {
                if RowSpans::at(&spans.spanning, k) {
                    continue;
                }
                let mut y = 0.0;
                for l in &c.lines {
                    let bottom = y + l.height;
                    if y > from + 0.01 && y < cut - 0.01 && bottom > cut + 0.01 {
                        cut = y;
                        moved = true;
                    }
                    y = bottom;
                }
            }
            if !moved {
                break;
            }
        }
        if cut <= from + 0.01 {
            cut = (from + limit).min(full);
        }
        out.push((from, cut));
        from = cut;
    }
    out
}

pub(super) fn table(f: &mut Flow, t: &Table, frame: Frame) {
    let cfg = f.cx.cfg;
    let ncols = t.columns();
    if ncols == 0 {
        return;
    }
    let body = f.base(cfg.table_size);
    let bold = Style { font: FontKind::Bold, ..body.clone() };
    // Column widths from content.
    let mut needs = vec![ColumnNeed { short: true, ..Default::default() }; ncols];
    for (is_head, rows) in [(true, &t.head), (false, &t.rows)] {
        for row in rows.iter() {
            for (k, cell) in row.iter().enumerate() {
                let flat = f.cx.flatten(cell, if is_head { &bold } else { &body });
                let w = para::content_widths(&flat, &cell_spec(f, 1e6));
                // A header is not split if it can be helped: it names the
                // column; nor is a short value (a date, a version, a mark).
                let whole = (is_head && w.max <= frame.w * 0.3) || w.max <= frame.w * 0.16;
                let soft = if whole { w.max } else { w.soft };
                if let Some(c) = needs.get_mut(k) {
                    c.short &= is_head || w.max <= frame.w * 0.16;
                    c.hard = c.hard.max(w.hard + 2.0 * PAD_X);
                    c.soft = c.soft.max(soft + 2.0 * PAD_X);
                    c.max = c.max.max(w.max + 2.0 * PAD_X);
                }
            }
        }
    }
    let total: f32 = t.widths.iter().sum();
    let widths = if t.widths.len() == ncols && total > 0.0 {
        t.widths.iter().map(|w| frame.w * w / total).collect()
    } else {
        column_widths(&needs, frame.w)
    };
    let mut xs = Vec::with_capacity(ncols);
    let mut x = frame.x;
    for w in &widths {
        xs.push(x);
        x += w;
    }
    let max_row = cfg.page_height - cfg.margin_top - cfg.margin_bottom - 40.0;
    let lay = |f: &Flow, row: &[Vec<Inline>], style: &Style| -> Vec<Cell> {
        (0..ncols)
            .map(|k| {
                let empty = Vec::new();
                let content = row.get(k).unwrap_or(&empty);
                layout_cell(f, content, style, widths.get(k).copied().unwrap_or(0.0) - 2.0 * PAD_X)
            })
            .collect()
    };
    f.tags.open(Role::Table);
    if let Some(c) = &t.caption {
        let flat = f.cx.flatten(c, &Style { font: FontKind::Bold, ..f.base(cfg.table_size + 0.5) });
        let spec = cell_spec(f, frame.w);
        let caption = f.tags.child(Role::Caption);
        let n = f.lines(&flat, &spec, frame, cfg.paragraph_gap + 4.0, caption);
        let len = f.out.len();
        for p in f.out.iter_mut().skip(len.saturating_sub(n)) {
            p.keep_with_next = true;
        }
    }
    let head_shape =
        RowShape { xs: &xs, widths: &widths, aligns: &t.align, header: Some(f.cx.cfg.shade), border: true };
    let body_shape = RowShape { header: None, ..head_shape };
    let mut header: Option<Piece> = None;
    if !t.head.is_empty() {
        f.tags.open(Role::TableHead);
    }
    for row in &t.head {
        let cells = lay(f, row, &bold);
        f.tags.open(Role::TableRow);
        let mut markers = cell_markers(f, &cells, |_| Some(Role::ColumnHeader));
        let mut p = row_piece(&cells, &head_shape, &RowSpans::default(), (&mut f.tags.tree, &mut markers), None).piece;
        p.keep_with_next = true;
        if header.is_none() && t.caption.is_none() {
            p.space_before = cfg.paragraph_gap + 2.0;
        }
        // On the pages the table continues on, the header is repeated as
        // an artifact: it was read once.
        header = Some(p.as_artifact());
        f.push(p);
        f.tags.close();
    }
    if !t.head.is_empty() {
        f.tags.close();
    }
    f.tags.open(Role::TableBody);
    let rows: Vec<Vec<Cell>> = t.rows.iter().map(|row| lay(f, row, &body)).collect();
    let spans = body_spans(t, &rows);
    // What each column's open row span drew, repeated (as an artifact)
    // where a page break falls inside the span.
    let mut labels: Vec<Vec<Item>> = vec![Vec::new(); ncols];
    let n = rows.len();
    for (i, (cells, (row_spans, keep))) in rows.iter().zip(&spans).enumerate() {
        // One row, however many pages its slices take.
        f.tags.open(Role::TableRow);
        let mut markers = cell_markers(f, cells, |k| match t.row_span(i, k) {
            0 => None,
            rows => Some(Role::DataCell { rows: u32::try_from(rows).unwrap_or(u32::MAX) }),
        });
        for (j, s) in slices(cells, row_spans, max_row).into_iter().enumerate() {
            let row = row_piece(cells, &body_shape, row_spans, (&mut f.tags.tree, &mut markers), Some(s));
            let mut p = row.piece;
            // The label as its first slice drew it (later slices draw none).
            if j == 0 {
                for (k, drawn) in row.spanning {
                    if let Some(l) = labels.get_mut(k) {
                        *l = Piece { items: drawn, ..Default::default() }.as_artifact().items;
                    }
                }
            }
            // At the top of a page: the label of each group this slice
            // continues (a covered cell, or a spanning one past its first
            // slice), as much of it as the group's rows left can hold.
            let continued =
                |k: usize| RowSpans::at(&row_spans.covered, k) || (j > 0 && RowSpans::at(&row_spans.spanning, k));
            for (k, label) in labels.iter().enumerate().filter(|(k, _)| continued(*k)) {
                let room = row_spans.room.get(k).copied().unwrap_or(0.0) - s.0;
                p.page_top.extend(label_fitting(label, room));
                let (x, w) = (xs.get(k).copied().unwrap_or(0.0), widths.get(k).copied().unwrap_or(0.0));
                p.page_top.push(Item::Line { x1: x, y1: 0.0, x2: x + w, y2: 0.0, color: RULE, width: 0.5 });
            }
            p.page_foot = rule_across(&xs, &widths, p.height, |k| !RowSpans::at(&row_spans.open_below, k));
            p.repeat = header.clone().map(Box::new);
            if i == 0 && j == 0 && header.is_none() && t.caption.is_none() {
                p.space_before = cfg.paragraph_gap + 2.0;
            }
            // No single row alone under the header at a page foot, nor
            // alone at the top of the next page; a label taller than its
            // first row is never cut.
            if (n >= 3 && (i == 0 || i + 2 == n)) || *keep {
                p.keep_with_next = true;
            }
            f.push(p);
        }
        f.tags.close();
    }
    f.tags.close();
    f.tags.close();
    f.push(Piece { height: cfg.paragraph_gap, ..Default::default() });
}

/// A marker per cell of the open row, in the group `role` gives its
/// column; none for a cell the one above continues.
fn cell_markers(f: &mut Flow, cells: &[Cell], role: impl Fn(usize) -> Option<Role>) -> Vec<Option<Marker>> {
    let roles: Vec<Option<Role>> = (0..cells.len()).map(role).collect();
    cells.iter().zip(roles).map(|(c, r)| r.map(|r| Marker::new(f.tags.child(r), &c.flat))).collect()
}

/// A definition list of one-paragraph definitions: terms in a narrow
/// left column, definitions beside them, no borders.
pub(super) fn definition_grid(f: &mut Flow, items: &[DefItem], frame: Frame) {
    let cfg = f.cx.cfg;
    let body = f.base(cfg.body_size);
    let bold = Style { font: FontKind::Bold, ..body.clone() };
    let term_max =
        items.iter().map(|i| para::min_max(&f.cx.flatten(&i.term, &bold), &cell_spec(f, 1e6)).1).fold(0.0f32, f32::max);
    let term_w = (term_max + 2.0 * PAD_X + 6.0).min(frame.w * 0.32).max(frame.w * 0.16);
    let widths = [term_w, frame.w - term_w];
    let xs = [frame.x, frame.x + term_w];
    for (i, item) in items.iter().enumerate() {
        let empty = Vec::new();
        let def: &[Inline] = match item.definitions.first().map(|d| d.as_slice()) {
            Some([Block::Paragraph(p)]) => p,
            _ => &empty,
        };
        let mut term = layout_cell(f, &item.term, &bold, widths[0] - 2.0 * PAD_X);
        let mut spec = f.spec(widths[1] - 2.0 * PAD_X, cfg.line_height, 0.0);
        spec.justify = true;
        let flat = f.cx.flatten(def, &body);
        let lines = para::lines(&flat, &spec);
        let height = lines.iter().map(|l| l.height).sum();
        // Terms use the body line height too, so baselines align.
        let tspec = {
            let mut s = f.spec(widths[0] - 2.0 * PAD_X, cfg.line_height, 0.0);
            s.justify = false;
            s
        };
        term.lines = para::lines(&term.flat, &tspec);
        term.height = term.lines.iter().map(|l| l.height).sum();
        let cells = [term, Cell { flat, lines, height }];
        // A term and its definition: a list item's label and body.
        f.tags.open(Role::ListItem);
        let label = f.tags.child(Role::Label);
        let body = f.tags.child(Role::ListBody);
        let [term_cell, def_cell] = &cells;
        let mut markers = [Some(Marker::new(label, &term_cell.flat)), Some(Marker::new(body, &def_cell.flat))];
        f.tags.close();
        let shape = RowShape { xs: &xs, widths: &widths, aligns: &[], header: None, border: false };
        let pen = (&mut f.tags.tree, &mut markers[..]);
        let mut p = row_piece(&cells, &shape, &RowSpans::default(), pen, None).piece;
        p.items.push(Item::Line {
            x1: frame.x,
            y1: p.height,
            x2: frame.x + frame.w,
            y2: p.height,
            color: SHADE,
            width: 0.6,
        });
        if i == 0 {
            p.space_before = cfg.paragraph_gap;
        }
        // A short grid (a contact block) stays whole; a long one never
        // leaves its first or last row alone on a page.
        let n = items.len();
        p.keep_with_next = i + 1 < n && (n <= SHORT_GRID || i == 0 || i + 2 == n);
        f.push(p);
    }
}

/// Rows of a definition grid that are never split across pages.
const SHORT_GRID: usize = 6;

#[cfg(test)]
#[allow(clippy::indexing_slicing)] // tests may index what they built
mod tests {
    use super::*;

    fn need(hard: f32, soft: f32, max: f32) -> ColumnNeed {
        ColumnNeed { hard, soft, max, short: false }
    }

    #[test]
    fn room_left_over_goes_to_the_text_columns() {
        let date = ColumnNeed { short: true, ..need(60.0, 60.0, 60.0) };
        let w = column_widths(&[date, need(20.0, 40.0, 40.0)], 300.0);
        assert!((w[0] - 60.0).abs() < 0.01 && (w[1] - 240.0).abs() < 0.01, "{w:?}");
    }

    #[test]
    fn widths_fill_the_frame() {
        let w = column_widths(&[need(10.0, 10.0, 50.0), need(10.0, 10.0, 100.0)], 300.0);
        assert!((w.iter().sum::<f32>() - 300.0).abs() < 0.01);
        assert!(w[1] > w[0]);
    }

    #[test]
    fn narrow_frames_respect_minimums() {
        let w = column_widths(&[need(40.0, 40.0, 400.0), need(60.0, 60.0, 400.0)], 300.0);
        assert!((w.iter().sum::<f32>() - 300.0).abs() < 0.01);
        assert!(w[0] >= 40.0 && w[1] >= 60.0);
    }

    #[test]
    fn never_wider_than_the_frame() {
        let w = column_widths(&[need(200.0, 200.0, 400.0); 3], 300.0);
        assert!(w.iter().sum::<f32>() <= 300.01);
    }

    #[test]
    fn short_columns_keep_their_terms_and_long_ones_wrap() {
        // 区分 | a long note | a URL: the term whole, the rest shared by
        // how much each would wrap.
        let w = column_widths(&[need(12.0, 24.0, 24.0), need(12.0, 80.0, 400.0), need(60.0, 60.0, 300.0)], 300.0);
        assert!(w[0] >= 24.0, "{w:?}");
        assert!(w[1] > w[2], "{w:?}");
        // Without room for every soft minimum, down towards the hard ones.
        let w = column_widths(&[need(12.0, 100.0, 100.0), need(12.0, 100.0, 400.0), need(60.0, 200.0, 300.0)], 300.0);
        assert!((w.iter().sum::<f32>() - 300.0).abs() < 0.01 && w.iter().zip([12.0, 12.0, 60.0]).all(|(a, b)| *a >= b));
    }
}
