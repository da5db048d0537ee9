//! Image files as plain data, below the stages: which format a file is,
//! its size in CSS pixels, its bytes (an SVG's already sanitised) and a
//! digest for the lock and the site's file names; and where Markdown
//! text names images (`![alt](src "title")`). The loader reads and checks
//! the files; the HTML writer copies them; the layout sizes them; the PDF
//! exporter draws them.

use std::ops::Range;
use std::sync::Arc;

/// The formats kiyaku places.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ImageFormat {
    Png,
    Jpeg,
    Svg,
}

impl ImageFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ImageFormat::Png => "png",
            ImageFormat::Jpeg => "jpg",
            ImageFormat::Svg => "svg",
        }
    }

    /// The format the bytes are, from their content (never the file name).
    pub fn sniff(bytes: &[u8]) -> Option<ImageFormat> {
        if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            return Some(ImageFormat::Png);
        }
        if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
            return Some(ImageFormat::Jpeg);
        }
        // XML: a BOM, white space, declarations and comments, then `<svg`.
        let text = std::str::from_utf8(bytes.get(..bytes.len().min(4096))?).ok().or_else(|| {
            // Cut inside a character: look at what decodes.
            let head = &bytes[..bytes.len().min(4096)];
            let valid = std::str::from_utf8(head).err()?.valid_up_to();
            std::str::from_utf8(&head[..valid]).ok()
        })?;
        let mut rest = text.trim_start_matches('\u{feff}').trim_start();
        loop {
            if let Some(r) = rest.strip_prefix("<?") {
                rest = r.split_once("?>")?.1.trim_start();
            } else if let Some(r) = rest.strip_prefix("<!--") {
                rest = r.split_once("-->")?.1.trim_start();
            } else if let Some(r) = rest.strip_prefix("<!DOCTYPE").or_else(|| rest.strip_prefix("<!doctype")) {
                // An internal subset (Illustrator's entities) ends at `]>`.
                let end = match (r.find('['), r.find('>')) {
                    (Some(open), Some(close)) if open < close => r.find("]>")? + 1,
                    _ => r.find('>')?,
                };
                rest = r[end + 1..].trim_start();
            } else {
                break;
            }
        }
        let named_svg =
            rest.strip_prefix("<svg").is_some_and(|r| r.starts_with(|c: char| c.is_whitespace() || c == '>'));
        named_svg.then_some(ImageFormat::Svg)
    }
}

/// One image file, read and checked. Its Debug form names it by path and
/// digest (not its bytes: documents are hashed through Debug).
#[derive(PartialEq)]
pub struct ImageFile {
    /// Where it is, relative to the project root, with `/`.
    pub path: String,
    pub format: ImageFormat,
    /// The bytes to publish and draw: a PNG or JPEG as read, an SVG with
    /// scripts, event handlers and external references removed.
    pub bytes: Arc<[u8]>,
    /// Natural size in CSS pixels (an SVG's from its width and height, or
    /// its view box).
    pub width: f32,
    pub height: f32,
    /// SHA-256 of the bytes as read, in hex (the lock's fact).
    pub digest: String,
    /// A JPEG's EXIF orientation (1–8; 1 as stored), which browsers apply
    /// and the PDF applies too. `width` and `height` are as shown.
    pub orientation: u8,
}

impl std::fmt::Debug for ImageFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ImageFile({} {:?} {}x{} sha256:{})", self.path, self.format, self.width, self.height, self.digest)
    }
}

impl ImageFile {
    /// The natural size in points: CSS pixels at 96 an inch, 0.75 pt each.
    pub fn size_pt(&self) -> (f32, f32) {
        (self.width.max(1.0) * 0.75, self.height.max(1.0) * 0.75)
    }

    /// The file's name in the site: its stem and a short digest, so two
    /// images of the same name never collide and a changed image is a
    /// new URL.
    pub fn site_name(&self) -> String {
        let name = self.path.rsplit('/').next().unwrap_or("image");
        let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
        let stem: String = stem
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c.to_ascii_lowercase() } else { '-' })
            .collect();
        let stem = if stem.trim_matches('-').is_empty() { "image".to_string() } else { stem };
        format!("{stem}-{}.{}", &self.digest[..12.min(self.digest.len())], self.format.extension())
    }
}

/// A JPEG's EXIF orientation (tag 0x0112 of IFD0), 1 when it has none.
pub fn jpeg_orientation(bytes: &[u8]) -> u8 {
    let mut i = 2;
    while i + 4 <= bytes.len() && bytes[i] == 0xff {
        let marker = bytes[i + 1];
        let len = usize::from(bytes[i + 2]) << 8 | usize::from(bytes[i + 3]);
        if marker == 0xda {
            break;
        }
        let body = bytes.get(i + 4..i + 2 + len).unwrap_or_default();
        if marker == 0xe1 && body.starts_with(b"Exif\0\0") {
            return exif_orientation(&body[6..]).unwrap_or(1);
        }
        i += 2 + len;
    }
    1
}

fn exif_orientation(tiff: &[u8]) -> Option<u8> {
    let big = match tiff.get(..2)? {
        b"MM" => true,
        b"II" => false,
        _ => return None,
    };
    let u16_at = |at: usize| {
        let b = tiff.get(at..at + 2)?;
        Some(if big { u16::from_be_bytes([b[0], b[1]]) } else { u16::from_le_bytes([b[0], b[1]]) })
    };
    let u32_at = |at: usize| {
        let b = tiff.get(at..at + 4)?;
        let b = [b[0], b[1], b[2], b[3]];
        Some(if big { u32::from_be_bytes(b) } else { u32::from_le_bytes(b) })
    };
    let ifd = u32_at(4)? as usize;
    let count = usize::from(u16_at(ifd)?);
    (0..count)
        .find_map(|k| {
            let entry = ifd + 2 + 12 * k;
            (u16_at(entry)? == 0x0112).then(|| u16_at(entry + 8)).flatten()
        })
        .and_then(|o| u8::try_from(o).ok())
        .filter(|o| (1..=8).contains(o))
}

/// An image named in Markdown text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MarkdownImage {
    pub src: String,
    /// The alt text, as plain text.
    pub alt: String,
    pub title: String,
    /// The image's syntax in the text.
    pub range: Range<usize>,
}

/// The Markdown kiyaku reads: CommonMark with tables, footnotes,
/// strikethrough, heading attributes and definition lists. The renderer and
/// the image finder read with the same, so both see the same images.
pub fn markdown_options() -> pulldown_cmark::Options {
    use pulldown_cmark::Options;
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_DEFINITION_LIST
}

/// Every image `text` names, in order. Cheap when there is none.
pub fn markdown_images(text: &str) -> Vec<MarkdownImage> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    if !text.contains("![") {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut open: Option<MarkdownImage> = None;
    for (event, range) in Parser::new_ext(text, markdown_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Image { dest_url, title, .. }) => {
                open = Some(MarkdownImage {
                    src: dest_url.to_string(),
                    alt: String::new(),
                    title: title.to_string(),
                    range,
                });
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(i) = &mut open {
                    i.alt.push_str(&t);
                }
            }
            Event::End(TagEnd::Image) => out.extend(open.take()),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_by_content() {
        assert_eq!(ImageFormat::sniff(b"\x89PNG\r\n\x1a\nrest"), Some(ImageFormat::Png));
        assert_eq!(ImageFormat::sniff(&[0xff, 0xd8, 0xff, 0xe0]), Some(ImageFormat::Jpeg));
        let svg = "\u{feff}<?xml version=\"1.0\"?>\n<!-- drawn -->\n<!DOCTYPE svg>\n<svg xmlns=\"…\">";
        assert_eq!(ImageFormat::sniff(svg.as_bytes()), Some(ImageFormat::Svg));
        assert_eq!(ImageFormat::sniff(b"<svgfoo>"), None);
        let illustrator = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"x.dtd\" [\n<!ENTITY ns_svg \"http://www.w3.org/2000/svg\">\n]>\n<svg version=\"1.1\">";
        assert_eq!(ImageFormat::sniff(illustrator.as_bytes()), Some(ImageFormat::Svg));
        assert_eq!(ImageFormat::sniff(b"GIF89a"), None);
        assert_eq!(ImageFormat::sniff(b"<html>"), None);
    }

    #[test]
    fn images_are_found_with_alt_and_title() {
        let found = markdown_images("前文\n\n![責任 *分界*](figures/b.svg \"責任分界\"){#boundary}\n\n`![no](x.png)`");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].src, "figures/b.svg");
        assert_eq!(found[0].alt, "責任 分界");
        assert_eq!(found[0].title, "責任分界");
        assert!(markdown_images("no images [a](b)").is_empty());
    }

    #[test]
    fn exif_orientation_is_read_in_either_byte_order() {
        // SOI, APP1 with Exif, a TIFF header and one IFD0 entry: orientation 6.
        let jpeg = |big: bool| {
            let mut tiff: Vec<u8> = if big { b"MM\0\x2a\0\0\0\x08".to_vec() } else { b"II\x2a\0\x08\0\0\0".to_vec() };
            let w16 = |v: u16| if big { v.to_be_bytes() } else { v.to_le_bytes() };
            let w32 = |v: u32| if big { v.to_be_bytes() } else { v.to_le_bytes() };
            tiff.extend(w16(1));
            tiff.extend(w16(0x0112));
            tiff.extend(w16(3));
            tiff.extend(w32(1));
            tiff.extend(w16(6));
            tiff.extend([0, 0]);
            tiff.extend(w32(0));
            let mut body = b"Exif\0\0".to_vec();
            body.extend(tiff);
            let mut out = vec![0xff, 0xd8, 0xff, 0xe1];
            out.extend(((body.len() + 2) as u16).to_be_bytes());
            out.extend(body);
            out.extend([0xff, 0xda, 0, 2]);
            out
        };
        assert_eq!(jpeg_orientation(&jpeg(true)), 6);
        assert_eq!(jpeg_orientation(&jpeg(false)), 6);
        assert_eq!(jpeg_orientation(&[0xff, 0xd8, 0xff, 0xda, 0, 2]), 1);
        assert_eq!(jpeg_orientation(&[0xff, 0xd8, 0xff, 0xe1, 0xff]), 1);
    }

    #[test]
    fn site_names_keep_the_stem_and_add_the_digest() {
        let f = ImageFile {
            path: "content/figures/Boundary Map.svg".into(),
            format: ImageFormat::Svg,
            bytes: Arc::from(&b""[..]),
            width: 1.0,
            height: 1.0,
            digest: "0123456789abcdef0123".into(),
            orientation: 1,
        };
        assert_eq!(f.site_name(), "boundary-map-0123456789ab.svg");
    }
}
