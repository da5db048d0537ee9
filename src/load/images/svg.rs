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

/// The SVG without what could run or fetch, and what was removed (each
/// kind once, in order), or why it is not SVG.
pub(super) fn sanitise(text: &str) -> Result<(String, Vec<String>), String> {
    let options = roxmltree::ParsingOptions { allow_dtd: true, nodes_limit: 1_000_000, ..Default::default() };
    let doc = roxmltree::Document::parse_with_options(text, options).map_err(|e| e.to_string())?;
    let root = doc.root_element();
    if root.tag_name().namespace() != Some(SVG_NS) || root.tag_name().name() != "svg" {
        return Err("the root element is not <svg> in the SVG namespace".into());
    }
    let mut w = Writer { out: String::with_capacity(text.len()), removed: Vec::new() };
    w.element(root, true);
    Ok((w.out, w.removed))
}

/// The natural size in CSS pixels, as usvg reads it (width and height, or
/// the view box).
pub(super) fn size(clean: &str) -> Result<(f32, f32), String> {
    let mut options = usvg::Options::default();
    // Nothing is fetched, even if the sanitiser let a reference through.
    options.image_href_resolver.resolve_string = Box::new(|_, _| None);
    let tree = usvg::Tree::from_str(clean, &options).map_err(|e| e.to_string())?;
    Ok((tree.size().width(), tree.size().height()))
}

struct Writer {
    out: String,
    removed: Vec<String>,
}

/// Whether a reference stays inside the file (`#id`) or carries its data
/// (`data:`).
fn is_local(reference: &str) -> bool {
    let r = reference.trim().trim_matches(|c| c == '"' || c == '\'').trim();
    r.is_empty() || r.starts_with('#') || r.to_ascii_lowercase().starts_with("data:")
}

/// Whether CSS text refers to anything outside the file.
fn css_is_local(css: &str) -> bool {
    let lower = css.to_ascii_lowercase();
    if lower.contains("@import") {
        return false;
    }
    lower.match_indices("url(").all(|(i, _)| {
        let rest = &css[i + 4..];
        is_local(&rest[..rest.find(')').unwrap_or(rest.len())])
    })
}

impl Writer {
    fn removed(&mut self, what: &str) {
        if !self.removed.iter().any(|r| r == what) {
            self.removed.push(what.to_string());
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
            "script" => return self.removed("<script>"),
            "foreignObject" => return self.removed("<foreignObject> (HTML text, which PDF cannot show)"),
            "style" if !css_is_local(node.text().unwrap_or_default()) => {
                return self.removed("style sheets that load other files");
            }
            _ => {}
        }
        self.out.push('<');
        self.out.push_str(name);
        if root {
            self.out.push_str(&format!(" xmlns=\"{SVG_NS}\" xmlns:xlink=\"{XLINK_NS}\""));
        }
        for a in node.attributes() {
            let qualified = match a.namespace() {
                None => a.name().to_string(),
                Some(XLINK_NS) => format!("xlink:{}", a.name()),
                Some(XML_NS) => format!("xml:{}", a.name()),
                Some(_) => continue,
            };
            let value = a.value();
            if a.name().len() > 2 && a.name()[..2].eq_ignore_ascii_case("on") {
                self.removed("event handlers (on… attributes)");
                continue;
            }
            if a.name() == "href" && !is_local(value) {
                self.removed("references to other files or addresses");
                continue;
            }
            if !css_is_local(value) {
                self.removed("references to other files or addresses");
                continue;
            }
            self.out.push(' ');
            self.out.push_str(&qualified);
            self.out.push_str("=\"");
            escape(value, true, &mut self.out);
            self.out.push('"');
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
        let (clean, removed) = sanitise(svg).unwrap();
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
        assert!(sanitise("<html/>").is_err());
        assert!(sanitise("<svg").is_err());
        assert!(sanitise(r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20"/>"#).is_ok());
    }
}
