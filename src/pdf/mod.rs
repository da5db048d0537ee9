//! Stage 5: PDF bytes. The only module that knows printpdf: laid-out pages
//! become content streams with the fonts embedded and subset; lopdf then
//! adds what printpdf does not write ([`post`]).

mod post;

use printpdf::{
    Actions, BorderArray, Color as PdfColor, ColorArray, Destination, FontId, HighlightingMode, Line, LinePoint,
    LinkAnnotation, Op, PaintMode, ParsedFont, PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt,
    Rect, Rgb, TextItem,
};

use crate::fonts::{FontKind, FontSet};
use crate::layout::{Color, Item, Laid, LinkRef, TextRun};
use crate::vocab::{Date, Lang};

/// The fonts parsed for embedding, once per process.
pub struct PdfFonts {
    regular: ParsedFont,
    bold: ParsedFont,
}

impl PdfFonts {
    /// The faces parsed for embedding; an error names the face that failed.
    pub fn new(fonts: &FontSet) -> Result<PdfFonts, crate::fonts::FontFileError> {
        let parse = |kind: FontKind| {
            let face = fonts.face(kind);
            let mut warnings = Vec::new();
            ParsedFont::from_bytes(&face.bytes, 0, &mut warnings).ok_or_else(|| crate::fonts::FontFileError {
                face: kind,
                error: anyhow::anyhow!("cannot embed font {}", face.name),
            })
        };
        Ok(PdfFonts { regular: parse(FontKind::Regular)?, bold: parse(FontKind::Bold)? })
    }
}

/// Document information written into the PDF.
#[derive(Clone, Debug)]
pub(crate) struct PdfInfo {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub keywords: Vec<String>,
    pub lang: Lang,
    /// Creation and modification date (never the clock).
    pub date: Date,
}

// Six capital letters, as PDF subset tags are: viewers show these fonts as subsets.
const REGULAR_ID: &str = "KYKREG";
const BOLD_ID: &str = "KYKBLD";

fn font_id(kind: FontKind) -> FontId {
    FontId(
        match kind {
            FontKind::Regular => REGULAR_ID,
            FontKind::Bold => BOLD_ID,
        }
        .to_string(),
    )
}

fn color(c: Color) -> PdfColor {
    PdfColor::Rgb(Rgb {
        r: f32::from(c.0) / 255.0,
        g: f32::from(c.1) / 255.0,
        b: f32::from(c.2) / 255.0,
        icc_profile: None,
    })
}

fn text_items(run: &TextRun) -> Vec<TextItem> {
    let mut out = Vec::new();
    let mut seg = String::new();
    for (i, (c, _, extra)) in run.chars.iter().enumerate() {
        seg.push(*c);
        if i + 1 < run.chars.len() && extra.abs() > 0.001 {
            out.push(TextItem::Text(std::mem::take(&mut seg)));
            // TJ offsets are in thousandths of an em; positive moves left.
            out.push(TextItem::Offset(-extra * 1000.0 / run.size));
        }
    }
    if !seg.is_empty() {
        out.push(TextItem::Text(seg));
    }
    out
}

fn page_ops(laid: &Laid, items: &[Item]) -> Vec<Op> {
    let h = laid.height;
    let mut ops = Vec::new();
    // Graphics first (backgrounds, rules), then all text in one text object.
    for it in items {
        match it {
            Item::Rect { x, y, w, h: rh, fill, stroke } => {
                if let Some(f) = fill {
                    ops.push(Op::SetFillColor { col: color(*f) });
                }
                if let Some((c, width)) = stroke {
                    ops.push(Op::SetOutlineColor { col: color(*c) });
                    ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                }
                let mode = match (fill.is_some(), stroke.is_some()) {
                    (true, true) => PaintMode::FillStroke,
                    (false, true) => PaintMode::Stroke,
                    _ => PaintMode::Fill,
                };
                ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        x: Pt(*x),
                        y: Pt(h - y - rh),
                        width: Pt(*w),
                        height: Pt(*rh),
                        mode: Some(mode),
                        winding_order: None,
                    },
                });
            }
            Item::Line { x1, y1, x2, y2, color: c, width } => {
                ops.push(Op::SetOutlineColor { col: color(*c) });
                ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![
                            LinePoint { p: Point { x: Pt(*x1), y: Pt(h - y1) }, bezier: false },
                            LinePoint { p: Point { x: Pt(*x2), y: Pt(h - y2) }, bezier: false },
                        ],
                        is_closed: false,
                    },
                });
            }
            _ => {}
        }
    }
    let runs: Vec<&TextRun> = items
        .iter()
        .filter_map(|i| match i {
            Item::Text(t) if !t.chars.is_empty() => Some(t),
            _ => None,
        })
        .collect();
    if !runs.is_empty() {
        ops.push(Op::StartTextSection);
        let (mut lx, mut ly) = (0.0f32, 0.0f32);
        let mut font: Option<(FontKind, f32)> = None;
        let mut col: Option<Color> = None;
        for r in runs {
            if font != Some((r.font, r.size)) {
                ops.push(Op::SetFont { font: PdfFontHandle::External(font_id(r.font)), size: Pt(r.size) });
                font = Some((r.font, r.size));
            }
            if col != Some(r.color) {
                ops.push(Op::SetFillColor { col: color(r.color) });
                col = Some(r.color);
            }
            let (x, y) = (r.x, h - r.y);
            // Td moves relative to the start of the previous line.
            ops.push(Op::SetTextCursor { pos: Point { x: Pt(x - lx), y: Pt(y - ly) } });
            lx = x;
            ly = y;
            ops.push(Op::ShowText { items: text_items(r) });
        }
        ops.push(Op::EndTextSection);
    }
    for it in items {
        if let Item::Link { x, y, w, h: lh, target } = it {
            let actions = match target {
                LinkRef::Anchor(id) => match laid.anchors.get(id) {
                    Some((page, ay)) => Actions::Goto(Destination::Xyz {
                        page: page + 1,
                        left: Some(0.0),
                        top: Some(h - ay + 4.0),
                        zoom: None,
                    }),
                    None => continue,
                },
                LinkRef::Uri(u) => Actions::Uri(u.clone()),
            };
            ops.push(Op::LinkAnnotation {
                link: LinkAnnotation::new(
                    Rect {
                        x: Pt(*x),
                        y: Pt(h - y - lh),
                        width: Pt(*w),
                        height: Pt(*lh),
                        mode: None,
                        winding_order: None,
                    },
                    actions,
                    Some(BorderArray::Solid([0.0, 0.0, 0.0])),
                    Some(ColorArray::Transparent),
                    Some(HighlightingMode::None),
                ),
            });
        }
    }
    ops
}

/// Write `laid` as PDF bytes.
pub(crate) fn export(laid: &Laid, fonts: &PdfFonts, info: &PdfInfo) -> anyhow::Result<Vec<u8>> {
    let mut doc = PdfDocument::new(&info.title);
    let when = printpdf::OffsetDateTime::from_unix_timestamp(info.date.unix_days() * 86_400)
        .map_err(|e| anyhow::anyhow!("date out of range: {e}"))?;
    {
        let i = &mut doc.metadata.info;
        i.author = info.author.clone();
        i.subject = info.subject.clone();
        i.keywords = info.keywords.clone();
        i.creator = "kiyaku".into();
        i.producer = "kiyaku".into();
        i.creation_date = when;
        i.modification_date = when;
        i.metadata_date = when;
    }
    doc.resources.fonts.map.insert(font_id(FontKind::Regular), PdfFont::new(fonts.regular.clone()));
    doc.resources.fonts.map.insert(font_id(FontKind::Bold), PdfFont::new(fonts.bold.clone()));
    let pages = laid
        .pages
        .iter()
        .map(|p| {
            PdfPage::new(
                printpdf::Mm::from(Pt(laid.width)),
                printpdf::Mm::from(Pt(laid.height)),
                page_ops(laid, &p.items),
            )
        })
        .collect();
    doc.with_pages(pages);
    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&PdfSaveOptions::default(), &mut warnings);
    post::finish(&mut lo, laid, info)?;
    lo.compress();
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes)?;
    Ok(bytes)
}
