//! The site's search: every section's text in one prebuilt index, written
//! as a script (`assets/search-index.js`, setting `window.kiyakuSearch`) so
//! that it loads from `file://` as well as from a server, and a small
//! script (`assets/search.js`) that searches it as the reader types.
//!
//! Matching is by substring after width and case folding, which suits
//! Japanese (no spaces between words, so no tokenizer to get wrong): every
//! term of the query must occur in the section. The index is deterministic
//! (documents and sections in site order), so builds stay reproducible.
//! Documents left off the index page (marked 社外秘 and the like) are left
//! out of the search too.

use serde::Serialize;

use crate::doc::{Block, RenderedDocument, plain_text};
use crate::model::Project;
use crate::vocab::SitePaths;

#[derive(Serialize)]
struct SearchDoc {
    title: String,
}

#[derive(Serialize)]
struct SearchSection {
    /// Index into `docs`.
    doc: usize,
    href: String,
    title: String,
    text: String,
}

#[derive(Serialize)]
struct SearchIndex {
    docs: Vec<SearchDoc>,
    sections: Vec<SearchSection>,
}

/// The text of `blocks` outside their subsections, as one line.
fn text_of(blocks: &[Block], out: &mut String) {
    let mut add = |s: &str| {
        if !out.is_empty() && !s.is_empty() {
            out.push(' ');
        }
        out.push_str(s.trim());
    };
    for b in blocks {
        match b {
            Block::Paragraph(i) => add(&plain_text(i)),
            Block::Figure(f) => {
                add(&f.alt);
                add(&plain_text(&f.caption));
            }
            Block::List { items, .. } => {
                for item in items {
                    let mut s = String::new();
                    text_of(item, &mut s);
                    add(&s);
                }
            }
            Block::Table(t) => {
                if let Some(c) = &t.caption {
                    add(&plain_text(c));
                }
                for row in t.head.iter().chain(&t.rows) {
                    for cell in row {
                        let cell = plain_text(cell);
                        if cell != crate::doc::CONTINUED_CELL {
                            add(&cell);
                        }
                    }
                }
            }
            Block::Note(inner) => {
                let mut s = String::new();
                text_of(inner, &mut s);
                add(&s);
            }
            Block::DefinitionList(items) => {
                for d in items {
                    add(&plain_text(&d.term));
                    for def in &d.definitions {
                        let mut s = String::new();
                        text_of(def, &mut s);
                        add(&s);
                    }
                }
            }
            Block::Code(c) => add(c),
            Block::Section(_) | Block::Rule | Block::Html(_) => {}
        }
    }
}

fn sections(doc: usize, page: &str, blocks: &[Block], out: &mut Vec<SearchSection>) {
    for b in blocks {
        if let Block::Section(s) = b {
            let mut text = String::new();
            text_of(&s.blocks, &mut text);
            let title = match &s.number {
                Some(n) => format!("{n} {}", plain_text(&s.title)),
                None => plain_text(&s.title),
            };
            out.push(SearchSection { doc, href: format!("{page}#{}", s.id), title, text });
            sections(doc, page, &s.blocks, out);
        }
    }
}

/// `assets/search-index.js`: the documents the index page lists, each
/// section with its link, title and text.
pub(crate) fn index_script(project: &Project, docs: &[RenderedDocument]) -> String {
    let mut index = SearchIndex { docs: Vec::new(), sections: Vec::new() };
    for d in docs {
        // Documents of the project only (not comparisons), and only those
        // the index page lists.
        let Some(source) = project.document(&d.meta.id) else { continue };
        if !super::listed(project, source) {
            continue;
        }
        let page = SitePaths::page(&d.meta.id);
        let n = index.docs.len();
        index.docs.push(SearchDoc { title: d.meta.title.clone() });
        let mut lead = String::new();
        text_of(&d.blocks, &mut lead);
        if !lead.is_empty() {
            index.sections.push(SearchSection { doc: n, href: page.clone(), title: d.meta.title.clone(), text: lead });
        }
        sections(n, &page, &d.blocks, &mut index.sections);
    }
    let json = serde_json::to_string(&index).unwrap_or_else(|_| "{}".into());
    // `</script>` cannot occur in JSON text but `<` is escaped anyway, so
    // the file is safe to inline too.
    format!("window.kiyakuSearch = {};\n", json.replace('<', "\\u003c"))
}

/// `assets/search.js`: the search box on the index page.
pub(crate) const SEARCH_SCRIPT: &str = include_str!("search.js");
