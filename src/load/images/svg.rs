//! SVG made safe to publish: the file is parsed (roxmltree, as usvg does)
//! and written again with only the SVG it draws — no `<script>`, no event
//! handler attributes, no `<foreignObject>` (HTML inside SVG, which the PDF
//! cannot draw), no reference outside the file (`href`, `url(…)`,
//! `@import`), and none of an editor's own elements and attributes (other
//! namespaces). What was removed is reported by what it was.

use usvg::roxmltree;

const SVG_NS: &str = "http://www.w3.org/2000/svg";
const XLINK_NS: &str = "http://www.w3.org/1999/xlink";
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// What the sanitiser removed, in English and Japanese.
pub(super) type Removed = (&'static str, &'static str);

const SCRIPT: Removed = ("<script>", "<script>");
const FOREIGN: Removed =
    ("<foreignObject> (HTML text, which PDF cannot show)", "<foreignObject>（PDF に出せない HTML のテキスト）");
const ANIMATION: Removed = ("animations", "アニメーション");
const HANDLERS: Removed = ("event handlers (on… attributes)", "イベント処理（on… 属性）");
const OUTSIDE: Removed = ("references to other files or addresses", "他のファイルやアドレスへの参照");
const STYLES: Removed =
    ("style sheets that load other files or use escapes", "他のファイルを読み込むか、エスケープを使うスタイル");
const EMBEDDED: Removed = ("embedded images too large or not PNG or JPEG", "大きすぎるか PNG・JPEG でない埋め込み画像");

/// The elements published: what draws, and what a drawing needs
/// (definitions, gradients, clipping, filters, text). Anything else is left
/// out; those that could run or fetch something are reported.
const DRAWING: &[&str] = &[
    "svg",
    "g",
    "defs",
    "symbol",
    "use",
    "path",
    "rect",
    "circle",
    "ellipse",
    "line",
    "polyline",
    "polygon",
    "text",
    "tspan",
    "textPath",
    "title",
    "desc",
    "linearGradient",
    "radialGradient",
    "stop",
    "pattern",
    "clipPath",
    "mask",
    "marker",
    "image",
    "style",
    "a",
    "switch",
    "filter",
    "feBlend",
    "feColorMatrix",
    "feComponentTransfer",
    "feComposite",
    "feConvolveMatrix",
    "feDiffuseLighting",
    "feDisplacementMap",
    "feDistantLight",
    "feDropShadow",
    "feFlood",
    "feFuncA",
    "feFuncB",
    "feFuncG",
    "feFuncR",
    "feGaussianBlur",
    "feImage",
    "feMerge",
    "feMergeNode",
    "feMorphology",
    "feOffset",
    "fePointLight",
    "feSpecularLighting",
    "feSpotLight",
    "feTile",
    "feTurbulence",
];

/// The SVG without what could run or fetch, and what was removed (each
/// kind once, in order), or why it is not SVG.
pub(super) fn sanitise(text: &str, max_pixels: u64) -> Result<(String, Vec<Removed>), (String, String)> {
    let options = roxmltree::ParsingOptions { allow_dtd: true, nodes_limit: 1_000_000, ..Default::default() };
    let doc = roxmltree::Document::parse_with_options(text, options)
        .map_err(|e| (format!("not well-formed XML ({e})"), format!("XML として正しくありません（{e}）")))?;
    let root = doc.root_element();
    if root.tag_name().namespace() != Some(SVG_NS) || root.tag_name().name() != "svg" {
        return Err((
            "the root element is not <svg> in the SVG namespace".into(),
            "ルート要素が SVG 名前空間の <svg> ではありません".into(),
        ));
    }
    let mut w = Writer { out: String::with_capacity(text.len()), removed: Vec::new(), max_pixels };
    w.element(root, true);
    Ok((w.out, w.removed))
}

/// The natural size in CSS pixels, as usvg reads it (width and height, or
/// the view box).
pub(super) fn size(clean: &str) -> Result<(f32, f32), (String, String)> {
    let mut options = usvg::Options::default();
    // Nothing is fetched, even if the sanitiser let a reference through.
    options.image_href_resolver.resolve_string = Box::new(|_, _| None);
    let tree = usvg::Tree::from_str(clean, &options).map_err(|e| (e.to_string(), e.to_string()))?;
    Ok((tree.size().width(), tree.size().height()))
}

struct Writer {
    out: String,
    removed: Vec<Removed>,
    max_pixels: u64,
}

/// Whether a reference stays inside the file (`#id`).
fn is_local(reference: &str) -> bool {
    let r: String = reference.chars().filter(|c| !c.is_whitespace() && *c != '"' && *c != '\'').collect();
    r.is_empty() || r.starts_with('#')
}

/// Whether CSS stays inside the file: no at-rules (`@import`), no escapes
/// (which could spell them), no `image-set` or `src(`, and every `url(…)`
/// a `#fragment`.
fn css_is_local(css: &str) -> bool {
    let lower = css.to_ascii_lowercase();
    if lower.contains('@') || lower.contains('\\') || lower.contains("image-set") || lower.contains("src(") {
        return false;
    }
    if lower.contains("expression(") || lower.contains("javascript:") {
        return false;
    }
    lower.match_indices("url(").all(|(i, _)| {
        let rest = &lower[i + 4..];
        is_local(&rest[..rest.find(')').unwrap_or(rest.len())])
    })
}

/// A `data:` image an `<image>` may carry: PNG or JPEG, base64, within the
/// pixel limit (its header read as the loader reads a file's).
fn embedded_image_ok(value: &str, max_pixels: u64) -> bool {
    let v: String = value.chars().filter(|c| !c.is_whitespace()).collect();
    let lower = v.to_ascii_lowercase();
    let Some(data) = ["data:image/png;base64,", "data:image/jpeg;base64,", "data:image/jpg;base64,"]
        .iter()
        .find_map(|p| lower.starts_with(p).then(|| &v[p.len()..]))
    else {
        return false;
    };
    // A JPEG's size can sit after its other headers: look far enough.
    let head = base64_prefix(data, 65_536);
    imagesize::blob_size(&head).is_ok_and(|s| (s.width as u64) * (s.height as u64) <= max_pixels)
}

/// The first bytes of base64 text (at most `limit`), decoded.
fn base64_prefix(text: &str, limit: usize) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' | b'-' => Some(62),
        b'/' | b'_' => Some(63),
        _ => None,
    };
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0);
    for c in text.bytes().take(limit / 3 * 4) {
        let Some(v) = value(c) else { break };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

impl Writer {
    fn removed(&mut self, what: Removed) {
        if !self.removed.contains(&what) {
            self.removed.push(what);
        }
    }

    fn element(&mut self, node: roxmltree::Node, root: bool) {
        let name = node.tag_name();
        if name.namespace() != Some(SVG_NS) {
            // An editor's own data (Inkscape's, draw.io's): not drawn.
            return;
        }
        let name = name.name();
        match name {
            "script" => return self.removed(SCRIPT),
            "foreignObject" => return self.removed(FOREIGN),
            "animate" | "animateMotion" | "animateTransform" | "animateColor" | "set" | "discard" => {
                return self.removed(ANIMATION);
            }
            n if !DRAWING.contains(&n) => return,
            _ => {}
        }
        // A style sheet is checked whole, every text of it, and written
        // as checked.
        let style_text: String = if name == "style" {
            let css: String = node.descendants().filter(|d| d.is_text()).filter_map(|d| d.text()).collect();
            if !css_is_local(&css) {
                return self.removed(STYLES);
            }
            css
        } else {
            String::new()
        };
        self.out.push('<');
        self.out.push_str(name);
        if root {
            self.out.push_str(&format!(" xmlns=\"{SVG_NS}\" xmlns:xlink=\"{XLINK_NS}\""));
        }
        for a in node.attributes() {
            let local = a.name();
            let qualified = match a.namespace() {
                None => local.to_string(),
                Some(XLINK_NS) => format!("xlink:{local}"),
                // `xml:base` would move where references point.
                Some(XML_NS) if matches!(local, "space" | "lang") => format!("xml:{local}"),
                Some(_) => continue,
            };
            let value = a.value();
            if local.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("on")) {
                self.removed(HANDLERS);
                continue;
            }
            if local == "href" && !is_local(value) {
                let image = matches!(name, "image" | "feImage");
                if image && value.trim_start().get(..5).is_some_and(|p| p.eq_ignore_ascii_case("data:")) {
                    if !embedded_image_ok(value, self.max_pixels) {
                        self.removed(EMBEDDED);
                        continue;
                    }
                } else {
                    self.removed(OUTSIDE);
                    continue;
                }
            }
            let css_like = local == "style" || value.contains('(') || value.contains('@') || value.contains('\\');
            if local != "href" && css_like && !css_is_local(value) {
                self.removed(if local == "style" { STYLES } else { OUTSIDE });
                continue;
            }
            self.out.push(' ');
            self.out.push_str(&qualified);
            self.out.push_str("=\"");
            escape(value, true, &mut self.out);
            self.out.push('"');
        }
        if name == "style" {
            self.out.push('>');
            escape(&style_text, false, &mut self.out);
            self.out.push_str("</style>");
            return;
        }
        let children: Vec<roxmltree::Node> = node.children().filter(|c| c.is_element() || c.is_text()).collect();
        if children.is_empty() {
            self.out.push_str("/>");
            return;
        }
        self.out.push('>');
        for c in children {
            if c.is_text() {
                escape(c.text().unwrap_or_default(), false, &mut self.out);
            } else {
                self.element(c, false);
            }
        }
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push('>');
    }
}

fn escape(s: &str, attribute: bool, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a reviewer tried: animation setting `href`, comments splitting
    /// a style sheet, CSS escapes, `image-set`, `data:` documents, `xml:base`,
    /// attribute names in Japanese.
    #[test]
    fn the_known_bypasses_are_closed() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10" xml:base="javascript://" 属性="1">
  <a href="#x"><set attributeName="href" to="javascript:alert(1)"/><text>t</text></a>
  <animate attributeName="xlink:href" values="javascript:alert(1)"/>
  <style><!-- -->@import url(https://evil.example/x.css);</style>
  <rect style="background:\75rl(https://evil.example/a)" width="1" height="1"/>
  <rect style="cursor:image-set('https://evil.example/x.png' 1x)" width="1" height="1"/>
  <a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;"><text>d</text></a>
  <use href="data:image/svg+xml,&lt;svg/&gt;"/>
  <rect fill="url( 'https://evil.example/p' )" width="1" height="1"/>
</svg>"##;
        let (clean, removed) = sanitise(svg, 40_000_000).unwrap();
        for gone in ["javascript", "evil", "data:", "xml:base", "<set", "<animate", "@import", "image-set", "\\75"] {
            assert!(!clean.contains(gone), "{gone} left in {clean}");
        }
        assert!(clean.contains("属性=\"1\""), "{clean}");
        assert!(!removed.is_empty());
        assert!(size(&clean).is_ok(), "{clean}");
    }

    #[test]
    fn embedded_pngs_are_kept_within_the_pixel_limit() {
        // A 1 × 1 PNG, and the same header claiming 30000 × 30000.
        let small = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
        let svg = |data: &str| {
            format!(
                r#"<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"><image href="data:image/png;base64,{data}" width="1" height="1"/></svg>"#
            )
        };
        let (clean, removed) = sanitise(&svg(small), 40_000_000).unwrap();
        assert!(clean.contains("data:image/png") && removed.is_empty(), "{clean}");
        let (clean, removed) = sanitise(&svg(small), 0).unwrap();
        assert!(!clean.contains("data:") && removed == vec![EMBEDDED], "{clean}");
    }

    #[test]
    fn scripts_handlers_and_outside_references_are_removed() {
        let svg = r##"<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" width="100" height="50" onload="alert(1)">
  <script>alert(1)</script>
  <style>@import url(https://example.com/x.css);</style>
  <inkscape:grid/>
  <rect width="10" height="10" fill="url(#g)" inkscape:label="box" onclick="x()"/>
  <image xlink:href="https://example.com/track.png" width="1" height="1"/>
  <use href="#r"/>
  <foreignObject><div xmlns="http://www.w3.org/1999/xhtml">html</div></foreignObject>
  <text x="1" y="20">責任 &amp; 分界</text>
</svg>"##;
        let (clean, removed) = sanitise(svg, 40_000_000).unwrap();
        for gone in ["script", "alert", "onload", "onclick", "example.com", "inkscape", "foreignObject", "@import"] {
            assert!(!clean.contains(gone), "{gone} left in {clean}");
        }
        assert!(clean.contains(r##"fill="url(#g)""##) && clean.contains(r##"href="#r""##));
        assert!(clean.contains("責任 &amp; 分界"));
        assert_eq!(removed.len(), 5, "{removed:?}");
        assert_eq!(size(&clean).unwrap(), (100.0, 50.0));
    }

    #[test]
    fn what_is_not_svg_is_refused() {
        assert!(sanitise("<html/>", 1).is_err());
        assert!(sanitise("<svg", 1).is_err());
        assert!(sanitise(r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20"/>"#, 1).is_ok());
    }
}
