//! What printpdf does not write, added with lopdf: nested outlines that
//! follow the section numbers, page labels (i, ii for the front matter,
//! 1, 2 … for the content), the document language, named destinations for
//! every section (so `other.pdf#backup` works), Unicode document info, and
//! a trailer `/ID` derived from the content rather than the clock.

use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};
use sha2::{Digest, Sha256};

use super::PdfInfo;
use crate::layout::{Laid, Numbering};

/// A PDF text string: PDFDocEncoding-compatible ASCII as is, else UTF-16BE.
fn text(s: &str) -> Object {
    if s.chars().all(|c| (' '..='~').contains(&c)) {
        return Object::String(s.as_bytes().to_vec(), StringFormat::Literal);
    }
    let mut bytes = vec![0xFE, 0xFF];
    for u in s.encode_utf16() {
        bytes.extend_from_slice(&u.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

fn dest(page: ObjectId, top: f32) -> Object {
    Object::Array(vec![
        Object::Reference(page),
        Object::Name(b"XYZ".to_vec()),
        Object::Real(0.0),
        Object::Real(top),
        Object::Null,
    ])
}

struct Node {
    title: String,
    page: usize,
    top: f32,
    children: Vec<Node>,
}

/// Nest bookmarks by level.
fn tree(laid: &Laid) -> Vec<Node> {
    fn insert(nodes: &mut Vec<Node>, level: u8, node: Node) {
        if level > 1
            && let Some(last) = nodes.last_mut()
        {
            insert(&mut last.children, level - 1, node);
            return;
        }
        nodes.push(node);
    }
    let mut roots = Vec::new();
    for b in &laid.bookmarks {
        insert(
            &mut roots,
            b.level,
            Node { title: b.title.clone(), page: b.page, top: laid.height - b.y + 4.0, children: Vec::new() },
        );
    }
    roots
}

/// Write `nodes` under `parent`; returns (first, last, count of visible descendants).
fn write_outline(
    doc: &mut Document,
    nodes: &[Node],
    parent: ObjectId,
    pages: &[ObjectId],
) -> Option<(ObjectId, ObjectId, i64)> {
    if nodes.is_empty() {
        return None;
    }
    let ids: Vec<ObjectId> = nodes.iter().map(|_| doc.new_object_id()).collect();
    let mut count = 0;
    for (i, n) in nodes.iter().enumerate() {
        let mut d = Dictionary::new();
        d.set("Title", text(&n.title));
        d.set("Parent", Object::Reference(parent));
        if i > 0 {
            d.set("Prev", Object::Reference(ids[i - 1]));
        }
        if i + 1 < ids.len() {
            d.set("Next", Object::Reference(ids[i + 1]));
        }
        if let Some(page) = pages.get(n.page) {
            d.set("Dest", dest(*page, n.top));
        }
        if let Some((first, last, c)) = write_outline(doc, &n.children, ids[i], pages) {
            d.set("First", Object::Reference(first));
            d.set("Last", Object::Reference(last));
            // Chapters open, deeper levels closed.
            d.set("Count", Object::Integer(if n.children.is_empty() { 0 } else { c }));
        }
        count += 1;
        doc.objects.insert(ids[i], Object::Dictionary(d));
    }
    Some((ids[0], *ids.last().expect("non-empty"), count))
}

pub(super) fn finish(doc: &mut Document, laid: &Laid, info: &PdfInfo) -> anyhow::Result<()> {
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let root = doc.trailer.get(b"Root")?.as_reference()?;

    // Outlines.
    let outlines_id = doc.new_object_id();
    let mut outlines = Dictionary::new();
    outlines.set("Type", Object::Name(b"Outlines".to_vec()));
    if let Some((first, last, count)) = write_outline(doc, &tree(laid), outlines_id, &pages) {
        outlines.set("First", Object::Reference(first));
        outlines.set("Last", Object::Reference(last));
        outlines.set("Count", Object::Integer(count));
    }
    doc.objects.insert(outlines_id, Object::Dictionary(outlines));

    // Named destinations for every section, in a stable order.
    let mut names: Vec<(&String, &(usize, f32))> = laid.anchors.iter().collect();
    names.sort_by(|a, b| a.0.cmp(b.0));
    let mut dests = Dictionary::new();
    for (id, (page, y)) in names {
        if let Some(p) = pages.get(*page) {
            dests.set(id.as_bytes().to_vec(), dest(*p, laid.height - y + 4.0));
        }
    }
    let dests_id = doc.add_object(Object::Dictionary(dests));

    // Page labels: roman front matter, then 1, 2, …
    let mut nums = Vec::new();
    let mut prev: Option<Numbering> = None;
    for (i, p) in laid.pages.iter().enumerate() {
        if prev != Some(p.numbering) {
            let mut l = Dictionary::new();
            l.set("S", Object::Name(if p.numbering == Numbering::Roman { b"r".to_vec() } else { b"D".to_vec() }));
            l.set("St", Object::Integer(p.number as i64));
            nums.push(Object::Integer(i as i64));
            nums.push(Object::Dictionary(l));
            prev = Some(p.numbering);
        }
    }
    let mut labels = Dictionary::new();
    labels.set("Nums", Object::Array(nums));

    let catalog = doc.get_object_mut(root)?.as_dict_mut()?;
    catalog.set("Outlines", Object::Reference(outlines_id));
    catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    catalog.set("Lang", text(info.lang.code()));
    catalog.set("PageLabels", Object::Dictionary(labels));
    catalog.set("Dests", Object::Reference(dests_id));
    let mut prefs = Dictionary::new();
    prefs.set("DisplayDocTitle", Object::Boolean(true));
    catalog.set("ViewerPreferences", Object::Dictionary(prefs));

    // Document info in Unicode.
    if let Ok(info_id) = doc.trailer.get(b"Info").and_then(|o| o.as_reference())
        && let Ok(d) = doc.get_object_mut(info_id).and_then(|o| o.as_dict_mut())
    {
        d.set("Title", text(&info.title));
        d.set("Author", text(&info.author));
        d.set("Subject", text(&info.subject));
        d.set("Keywords", text(&info.keywords.join(", ")));
        // printpdf leaves empty PDF/X keys; the file makes no PDF/X claim.
        d.remove(b"GTS_PDFXVersion");
        d.remove(b"Identifier");
        d.set("Creator", text("kiyaku"));
        d.set("Producer", text("kiyaku"));
    }

    // A file identifier from the content, so identical input gives identical bytes.
    let mut h = Sha256::new();
    h.update(info.title.as_bytes());
    h.update(info.date.iso().as_bytes());
    for p in &pages {
        h.update(doc.get_page_content(*p));
    }
    let digest = h.finalize();
    let id = Object::String(digest[..16].to_vec(), StringFormat::Hexadecimal);
    doc.trailer.set("ID", Object::Array(vec![id.clone(), id]));
    Ok(())
}
