//! Stage 5: PDF bytes. The only module that knows krilla: laid-out pages
//! become content streams drawn with the glyphs and advances the layout
//! chose, the fonts embedded and subset, with outlines, page labels, named
//! destinations for every section, links and metadata; the layout's
//! structure becomes the structure tree (tagged PDF), every run marked as
//! content or artifact, and krilla checks the result against the
//! standards the project claims (PDF/UA-1, PDF/A-2a by default).

mod tagging;

use std::num::NonZeroU32;
use std::sync::Arc;

use krilla::action::{Action, LinkAction};
use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::color::rgb;
use krilla::destination::{Destination, NamedDestination, XyzDestination};
use krilla::geom::{PathBuilder, Point, Rect, Transform};
use krilla::metadata::{DateTime, Metadata};
use krilla::outline::{Outline, OutlineNode};
use krilla::page::{NumberingStyle, PageLabel, PageSettings};
use krilla::paint::{Fill, Stroke};
use krilla::tagging::{ArtifactType, ContentTag, SpanTag};
use krilla::text::{Font, GlyphId, KrillaGlyph};
use krilla::{Document, SerializeSettings};

use crate::fonts::{FontKind, FontSet};
use crate::image::{ImageFile, ImageFormat};
use crate::layout::{Artifact, Color, Item, Laid, LinkRef, Mark, Numbering, TextRun};
use crate::vocab::{Date, Lang, PdfStandards};

/// The fonts prepared for embedding, once per process, by `FontKind`, and
/// the same faces for the text of SVG figures (every generic family is
/// the text face, so an SVG asking for Arial or serif still draws).
pub struct PdfFonts {
    fonts: Vec<Font>,
    /// The text faces' bytes, and their database once an SVG needs it
    /// (built on first use: most documents have no SVG).
    text_faces: [crate::fonts::FontBytes; 2],
    svg: std::sync::OnceLock<Arc<usvg::fontdb::Database>>,
}

impl PdfFonts {
    /// The faces prepared for embedding; an error names the face that failed.
    pub fn new(fonts: &FontSet) -> Result<PdfFonts, crate::fonts::FontFileError> {
        let load = |kind: FontKind| {
            let face = fonts.face(kind);
            // The layout's bytes, shared, not copied.
            Font::new(face.bytes.clone().into(), 0).ok_or_else(|| crate::fonts::FontFileError {
                face: kind,
                error: anyhow::anyhow!("cannot embed font {}", face.name),
            })
        };
        Ok(PdfFonts {
            fonts: FontKind::ALL.into_iter().map(load).collect::<Result<_, _>>()?,
            text_faces: [FontKind::Regular, FontKind::Bold].map(|k| fonts.face(k).bytes.clone()),
            svg: Default::default(),
        })
    }

    /// The text faces as usvg's font database, every generic family (and
    /// so any family an SVG names that is not there) the text face.
    fn svg_fonts(&self) -> Arc<usvg::fontdb::Database> {
        self.svg
            .get_or_init(|| {
                let mut db = usvg::fontdb::Database::new();
                for bytes in &self.text_faces {
                    db.load_font_source(usvg::fontdb::Source::Binary(bytes.clone()));
                }
                let family = db.faces().next().and_then(|f| f.families.first()).map(|f| f.0.clone());
                if let Some(family) = family {
                    db.set_serif_family(family.clone());
                    db.set_sans_serif_family(family.clone());
                    db.set_cursive_family(family.clone());
                    db.set_fantasy_family(family.clone());
                    db.set_monospace_family(family);
                }
                Arc::new(db)
            })
            .clone()
    }

    fn font(&self, kind: FontKind) -> Font {
        // Built in the order of `FontKind::ALL`, the order of its variants.
        self.fonts[kind as usize].clone()
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
    pub standards: PdfStandards,
}

fn color(c: Color) -> rgb::Color {
    rgb::Color::new(c.0, c.1, c.2)
}

/// A stretch of a run's glyphs, positioned as the layout placed them.
fn glyphs(run: &TextRun, range: std::ops::Range<usize>, set: &FontSet) -> (String, Vec<KrillaGlyph>) {
    let face = set.face(run.font);
    let mut text = String::new();
    let chars = run.chars.get(range).unwrap_or_default();
    let mut out = Vec::with_capacity(chars.len());
    for (c, advance, extra) in chars {
        let start = text.len();
        text.push(*c);
        let id = face.glyph_id(*c);
        // Advances are normalised to the font size.
        out.push(KrillaGlyph::new(
            GlyphId::new(u32::from(id)),
            (advance + extra) / run.size,
            0.0,
            0.0,
            0.0,
            start..text.len(),
            None,
        ));
    }
    (text, out)
}

fn rect(x: f32, y: f32, w: f32, h: f32) -> Option<Rect> {
    Rect::from_xywh(x, y, w.max(0.01), h.max(0.01))
}

/// The slant of emphasised text (about 11°).
const OBLIQUE: f32 = 0.2;

fn artifact(kind: ArtifactType) -> ContentTag<'static> {
    ContentTag::Artifact(krilla::tagging::Artifact::with_kind(kind))
}

/// What pages are drawn with: the fonts, and the document's language.
struct Drawing<'a> {
    /// SVG images drawn so far, by digest, with their natural size
    /// (`None`: did not parse).
    svgs: std::cell::RefCell<std::collections::HashMap<String, Option<(krilla::graphic::Graphic, krilla::geom::Size)>>>,
    fonts: &'a PdfFonts,
    set: &'a FontSet,
    lang: Lang,
}

/// Draw a page: rules and boxes as one layout artifact, then every run,
/// marked. The identifiers of content runs go to `content` by leaf.
fn draw_page(
    surface: &mut krilla::surface::Surface,
    items: &[Item],
    drawing: &Drawing,
    content: &mut [Vec<krilla::tagging::Identifier>],
) {
    let Drawing { fonts, set, lang, .. } = *drawing;
    surface.start_tagged(artifact(ArtifactType::Layout));
    for it in items {
        match it {
            Item::Rect { x, y, w, h, fill, stroke } => {
                let Some(r) = rect(*x, *y, *w, *h) else { continue };
                let mut pb = PathBuilder::new();
                pb.push_rect(r);
                let Some(path) = pb.finish() else { continue };
                surface.set_fill(fill.map(|f| Fill { paint: color(f).into(), ..Default::default() }));
                surface.set_stroke(stroke.map(|(c, width)| Stroke {
                    paint: color(c).into(),
                    width,
                    ..Default::default()
                }));
                surface.draw_path(&path);
            }
            Item::Line { x1, y1, x2, y2, color: c, width } => {
                let mut pb = PathBuilder::new();
                pb.move_to(*x1, *y1);
                pb.line_to(*x2, *y2);
                let Some(path) = pb.finish() else { continue };
                surface.set_fill(None);
                surface.set_stroke(Some(Stroke { paint: color(*c).into(), width: *width, ..Default::default() }));
                surface.draw_path(&path);
            }
            _ => {}
        }
    }
    surface.end_tagged();
    for it in items {
        let Item::Image { x, y, w, h, image, mark } = it else { continue };
        let id = match mark {
            Mark::Content(_) => surface.start_tagged(ContentTag::Other),
            Mark::Artifact(a) => surface.start_tagged(artifact(artifact_type(*a))),
            Mark::Unassigned => surface.start_tagged(artifact(ArtifactType::Other)),
        };
        surface.push_transform(&Transform::from_translate(*x, *y));
        draw_image(surface, image, (*w, *h), drawing);
        surface.pop();
        surface.end_tagged();
        if let Mark::Content(c) = mark
            && let Some(slot) = content.get_mut(*c as usize)
        {
            slot.push(id);
        }
    }
    surface.set_stroke(None);
    for it in items {
        let Item::Text(r) = it else { continue };
        surface.set_fill(Some(Fill { paint: color(r.color).into(), ..Default::default() }));
        let mut x = r.x;
        let spans = match r.mark {
            Mark::Content(_) => tagging::language_spans(r, lang),
            Mark::Artifact(_) | Mark::Unassigned => vec![(0..r.chars.len(), None)],
        };
        for (range, other) in spans {
            let id = match r.mark {
                Mark::Artifact(a) => surface.start_tagged(artifact(artifact_type(a))),
                // Never left so by the layout (its tests check): not read,
                // rather than read out of place.
                Mark::Unassigned => surface.start_tagged(artifact(ArtifactType::Other)),
                Mark::Content(_) => {
                    let code = other.map(|l| l.code());
                    surface.start_tagged(ContentTag::Span(SpanTag::empty().with_lang(code)))
                }
            };
            let (text, glyphs) = glyphs(r, range, set);
            if !glyphs.is_empty() {
                let baseline = r.y - r.rise;
                if r.oblique {
                    // Slanted about the baseline: the faces have no italic.
                    surface.push_transform(&Transform::from_row(1.0, 0.0, -OBLIQUE, 1.0, OBLIQUE * baseline, 0.0));
                }
                surface.draw_glyphs(Point::from_xy(x, baseline), &glyphs, fonts.font(r.font), &text, r.size, false);
                if r.oblique {
                    surface.pop();
                }
                x += glyphs.iter().map(|g| g.x_advance).sum::<f32>() * r.size;
            }
            surface.end_tagged();
            if let Mark::Content(c) = r.mark
                && let Some(slot) = content.get_mut(c as usize)
            {
                slot.push(id);
            }
        }
    }
}

/// An image drawn into a `w` × `h` box at the origin: PNG and JPEG as
/// image objects (JPEG's bytes kept as they are), SVG as vector paths
/// (its text as outlines: the figure's Alt is what is read).
fn draw_image(surface: &mut krilla::surface::Surface, image: &ImageFile, (w, h): (f32, f32), drawing: &Drawing) {
    let Some(size) = krilla::geom::Size::from_wh(w.max(0.01), h.max(0.01)) else { return };
    let data = || -> krilla::Data {
        let bytes: Arc<dyn AsRef<[u8]> + Send + Sync> = Arc::new(image.bytes.clone());
        bytes.into()
    };
    match image.format {
        ImageFormat::Png | ImageFormat::Jpeg => {
            let decoded = match image.format {
                ImageFormat::Png => krilla::image::Image::from_png(data(), false),
                _ => krilla::image::Image::from_jpeg(data(), false),
            };
            // The loader decoded a PNG's data and read a JPEG's header; one
            // that still does not decode is left blank.
            let Ok(img) = decoded else { return };
            // EXIF orientation, as browsers apply it: the stored picture is
            // turned or mirrored into the w × h box it is shown in.
            let (o, w, h) = (image.orientation, size.width(), size.height());
            let turn = match o {
                2 => Transform::from_row(-1.0, 0.0, 0.0, 1.0, w, 0.0),
                3 => Transform::from_row(-1.0, 0.0, 0.0, -1.0, w, h),
                4 => Transform::from_row(1.0, 0.0, 0.0, -1.0, 0.0, h),
                5 => Transform::from_row(0.0, 1.0, 1.0, 0.0, 0.0, 0.0),
                6 => Transform::from_row(0.0, 1.0, -1.0, 0.0, w, 0.0),
                7 => Transform::from_row(0.0, -1.0, -1.0, 0.0, w, h),
                8 => Transform::from_row(0.0, -1.0, 1.0, 0.0, 0.0, h),
                _ => Transform::identity(),
            };
            let stored = if o >= 5 { krilla::geom::Size::from_wh(h, w) } else { Some(size) };
            let Some(stored) = stored else { return };
            surface.push_transform(&turn);
            surface.draw_image(img, stored);
            surface.pop();
        }
        ImageFormat::Svg => {
            // Drawn once a document, as a form the pages refer to (a logo
            // is on every page), at its natural size and scaled here.
            let mut graphics = drawing.svgs.borrow_mut();
            let graphic = graphics.entry(image.digest.clone()).or_insert_with(|| {
                let mut options = usvg::Options { fontdb: drawing.fonts.svg_fonts(), ..Default::default() };
                options.image_href_resolver.resolve_string = Box::new(|_, _| None);
                let tree = usvg::Tree::from_data(&image.bytes, &options).ok()?;
                let natural = krilla::geom::Size::from_wh(tree.size().width(), tree.size().height())?;
                let mut builder = surface.stream_builder();
                let mut inner = builder.surface();
                use krilla_svg::SurfaceExt;
                inner.draw_svg(&tree, natural, krilla_svg::SvgSettings { embed_text: false, ..Default::default() });
                inner.finish();
                Some((krilla::graphic::Graphic::new(builder.finish(), false), natural))
            });
            let Some((graphic, natural)) = graphic else { return };
            surface.push_transform(&Transform::from_scale(w / natural.width(), h / natural.height()));
            surface.draw_graphic(graphic.clone());
            surface.pop();
        }
    }
}

fn artifact_type(a: Artifact) -> ArtifactType {
    match a {
        Artifact::Header => ArtifactType::Header,
        Artifact::Footer => ArtifactType::Footer,
        Artifact::Pagination => ArtifactType::PaginationOther,
        Artifact::Layout => ArtifactType::Layout,
    }
}

fn label(n: Numbering, number: usize) -> PageLabel {
    let style = match n {
        Numbering::Roman => NumberingStyle::LowerRoman,
        Numbering::Decimal => NumberingStyle::Arabic,
    };
    PageLabel::new(Some(style), None, NonZeroU32::new(number.max(1) as u32))
}

/// Nest bookmarks by level.
fn outline(laid: &Laid) -> Outline {
    struct Node {
        title: String,
        page: usize,
        y: f32,
        children: Vec<Node>,
    }
    fn insert(nodes: &mut Vec<Node>, level: u8, node: Node) {
        if level > 1
            && let Some(last) = nodes.last_mut()
        {
            insert(&mut last.children, level - 1, node);
            return;
        }
        nodes.push(node);
    }
    fn build(n: Node) -> OutlineNode {
        let open = !n.children.is_empty();
        let mut o = OutlineNode::new(n.title, XyzDestination::new(n.page, Point::from_xy(0.0, (n.y - 4.0).max(0.0))));
        for c in n.children {
            o.push_child(build(c));
        }
        o.with_open(open)
    }
    let mut roots = Vec::new();
    for b in &laid.bookmarks {
        insert(&mut roots, b.level, Node { title: b.title.clone(), page: b.page, y: b.y, children: Vec::new() });
    }
    let mut out = Outline::new();
    for r in roots {
        out.push_child(build(r));
    }
    out
}

/// Write `laid` as PDF bytes, tagged, conforming to `info.standards`.
pub(crate) fn export(laid: &Laid, fonts: &PdfFonts, set: &FontSet, info: &PdfInfo) -> anyhow::Result<Vec<u8>> {
    let settings = SerializeSettings {
        xmp_metadata: true,
        enable_tagging: true,
        configuration: tagging::configuration(info.standards)?,
        ..Default::default()
    };
    let mut doc = Document::new_with(settings);
    let d = info.date.0;
    let when = DateTime::new(d.year() as u16).month(d.month() as u8).day(d.day()).hour(0).minute(0).second(0);
    doc.set_metadata(
        Metadata::new()
            .title(info.title.clone())
            .authors(vec![info.author.clone()])
            .description(info.subject.clone())
            .keywords(info.keywords.clone())
            .language(info.lang.code().to_string())
            .creator("kiyaku".into())
            .producer("kiyaku".into())
            .creation_date(when),
    );
    // Named destinations for every section, in a stable order.
    let mut names: Vec<(&String, &(usize, f32))> = laid.anchors.iter().collect();
    names.sort_by(|a, b| a.0.cmp(b.0));
    for (id, (page, y)) in &names {
        let at = XyzDestination::new(*page, Point::from_xy(0.0, (*y - 4.0).max(0.0)));
        let _ = doc.register_named_destination(NamedDestination::new((*id).clone(), at));
    }
    let drawing = Drawing { svgs: Default::default(), fonts, set, lang: info.lang };
    let mut content = vec![Vec::new(); laid.tags.contents as usize];
    let mut annotations = vec![Vec::new(); laid.tags.nodes.len()];
    for p in &laid.pages {
        // Every page is labelled (krilla gives an unlabelled page an empty label).
        let settings = PageSettings::from_wh(laid.width, laid.height)
            .ok_or_else(|| anyhow::anyhow!("page size"))?
            .with_page_label(label(p.numbering, p.number));
        let mut page = doc.start_page_with(settings);
        {
            let mut surface = page.surface();
            draw_page(&mut surface, &p.items, &drawing, &mut content);
            surface.finish();
        }
        for it in &p.items {
            if let Item::Link { x, y, w, h, target, node } = it {
                let Some(r) = rect(*x, *y, *w, *h) else { continue };
                let target_action = match target {
                    LinkRef::Anchor(id) => match laid.anchors.get(id) {
                        Some((page, ay)) => Target::Action(Action::Goto(Destination::Xyz(XyzDestination::new(
                            *page,
                            Point::from_xy(0.0, (ay - 4.0).max(0.0)),
                        )))),
                        None => continue,
                    },
                    LinkRef::Uri(u) => Target::Action(Action::Link(LinkAction::new(u.clone()))),
                };
                // Every annotation is tagged, in its link's group, and says
                // what it is: the link's text, else where it goes.
                let alt = tagging::link_alt(&laid.tags, *node).unwrap_or_else(|| match target {
                    LinkRef::Anchor(a) | LinkRef::Uri(a) => a.clone(),
                });
                let link = LinkAnnotation::new(r, target_action);
                let id = page.add_tagged_annotation(Annotation::new_link(link, Some(alt)));
                if let Some(slot) = annotations.get_mut(*node as usize) {
                    slot.push(id);
                }
            }
        }
        page.finish();
    }
    doc.set_outline(outline(laid));
    doc.set_tag_tree(tagging::tree(&laid.tags, content, annotations));
    doc.finish().map_err(|e| anyhow::anyhow!("{}", tagging::explain(&e)))
}
