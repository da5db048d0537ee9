//! A sweep of the paragraph engine over every paragraph and table cell of
//! the example documents at many column widths: no line may start with
//! closing punctuation or small kana, none may end with an opening bracket,
//! and no line may be wider than its column.

use crate::common::*;
use kiyaku::doc::{Block, Inline};
use kiyaku::fonts::{FontKind, FontSet};
use kiyaku::layout::para::{self, ParaSpec, Style};
use kiyaku::layout::{BLACK, Item};

const NO_START: &str = "、。，．）」』】・ーっゃゅょ";
const NO_END: &str = "（「『【";

fn collect<'a>(blocks: &'a [Block], out: &mut Vec<&'a [Inline]>) {
    for b in blocks {
        match b {
            Block::Section(s) => {
                out.push(&s.title);
                collect(&s.blocks, out);
            }
            Block::Paragraph(i) => out.push(i),
            Block::List { items, .. } => items.iter().for_each(|i| collect(i, out)),
            Block::Note(b) => collect(b, out),
            Block::Table(t) => {
                for row in t.head.iter().chain(t.rows.iter()) {
                    for cell in row {
                        out.push(cell);
                    }
                }
            }
            Block::DefinitionList(items) => {
                for i in items {
                    out.push(&i.term);
                    i.definitions.iter().for_each(|d| collect(d, out));
                }
            }
            _ => {}
        }
    }
}

#[test]
fn sweep_of_widths_keeps_jlreq_rules() {
    let site = example_site();
    let engine = kiyaku::engine::Engine::new();
    let outcome = kiyaku::check(
        &engine,
        site.path(),
        kiyaku::build::CheckOptions::new(kiyaku::model::values::Date::parse(TODAY).unwrap()),
    )
    .unwrap();
    assert!(!outcome.diagnostics.has_errors());
    let fonts = FontSet::bundled().unwrap();
    let style = Style::plain(FontKind::Regular, 10.0, BLACK);
    // A small linear congruential generator: the widths are arbitrary but
    // the same on every run.
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next_width = || {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        30.0 + ((seed >> 33) % 450) as f32
    };
    let mut checked = 0;
    for doc in &outcome.documents {
        let mut paragraphs = Vec::new();
        collect(&doc.blocks, &mut paragraphs);
        for inl in paragraphs {
            let flat = para::flatten(inl, &style, BLACK);
            if flat.is_empty() {
                continue;
            }
            for _ in 0..6 {
                let width = next_width();
                let spec = ParaSpec::body(&fonts, doc.meta.lang, width, 1.7, BLACK);
                for line in para::lines(&flat, &spec) {
                    let text: String = line.runs.iter().flat_map(|r| r.chars.iter().map(|c| c.0)).collect();
                    let (first, last) = (text.chars().next().unwrap(), text.chars().last().unwrap());
                    assert!(
                        !NO_START.contains(first),
                        "{}: width {width}: line starts with {first}: {text}",
                        doc.meta.id
                    );
                    assert!(!NO_END.contains(last), "{}: width {width}: line ends with {last}: {text}", doc.meta.id);
                    for r in &line.runs {
                        let (_, x1) = Item::Text(r.clone()).x_extent();
                        // A single glyph wider than a very narrow column is the only excuse.
                        assert!(
                            x1 <= width + 0.01 || r.chars.len() == 1,
                            "{}: width {width}: {x1}: {text}",
                            doc.meta.id
                        );
                    }
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 2000, "{checked} lines checked");
}
