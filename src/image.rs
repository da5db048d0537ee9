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
}

impl std::fmt::Debug for ImageFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ImageFile({} {:?} {}x{} sha256:{})", self.path, self.format, self.width, self.height, self.digest)
    }
}

impl ImageFile {
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
    fn site_names_keep_the_stem_and_add_the_digest() {
        let f = ImageFile {
            path: "content/figures/Boundary Map.svg".into(),
            format: ImageFormat::Svg,
            bytes: Arc::from(&b""[..]),
            width: 1.0,
            height: 1.0,
            digest: "0123456789abcdef0123".into(),
        };
        assert_eq!(f.site_name(), "boundary-map-0123456789ab.svg");
    }
}
