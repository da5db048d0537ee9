//! The block registry, tried on real content: every kind, shown in a
//! document of the example site that has its data, is ready, shows facts
//! (except the revision history, which is the record of changes) and
//! renders to something through its template.

use std::path::Path;
use std::sync::Arc;

use crate::doc;
use crate::engine::Engine;
use crate::model::{BlockKind, BlockRef, BlockStatus, Document, Facts, Project, Section, Words};
use crate::source::Spanned;

/// `kind` as a section of `d` would show it, if `d` has its data.
fn probe(p: &Project, d: &Document, kind: BlockKind) -> Option<BlockRef> {
    let span = d.id.span;
    let target = match kind.argument() {
        Some(a) => match (a.candidates)(p, d).and_then(|c| c.first().map(|s| s.to_string())) {
            Some(id) => Some(Spanned { value: crate::model::values::Id(id), span }),
            None if a.required => return None,
            None => None,
        },
        None => None,
    };
    let b = BlockRef { block: Spanned { value: kind, span }, target, span };
    (p.block_status(d, &b) == BlockStatus::Ready).then_some(b)
}

fn rendered_section<'a>(blocks: &'a [doc::Block], id: &str) -> Option<&'a doc::RenderedSection> {
    blocks.iter().find_map(|b| match b {
        doc::Block::Section(s) if s.id == id => Some(s),
        doc::Block::Section(s) => rendered_section(&s.blocks, id),
        _ => None,
    })
}

#[test]
fn every_kind_of_block_renders_and_shows_facts_on_real_content() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let engine = Engine::with_jobs(Some(1));
    let mut loaded = crate::load::load(root).unwrap();
    let (templates, _) = crate::templates::load(root, &mut loaded.sources, crate::render::configure_markdown)
        .unwrap_or_else(|d| panic!("{d:?}"));
    let templates = Arc::new(templates);
    let project = loaded.project;
    let mut missing = Vec::new();
    for &kind in BlockKind::ALL {
        let Some((d, b)) = project.documents.iter().find_map(|d| probe(&project, d, kind).map(|b| (d, b))) else {
            missing.push(format!("{}: no document of the example site has its data", kind.name()));
            continue;
        };
        for words in [Words::Format1, Words::Format2] {
            let mut facts = Facts::new(d.language.value, &project, words);
            project.block_facts(&mut facts, d, &b);
            if facts.into_lines().is_empty() && kind != BlockKind::RevisionHistory {
                missing.push(format!("{}: shows no facts in `{}` ({words:?})", kind.name(), d.id.value));
            }
        }

        // The document with one section showing just this block.
        let mut alone = d.clone();
        let first = d.sections.first().expect("a section");
        alone.sections = vec![Section {
            id: Spanned { value: crate::model::values::Id("probe".into()), span: first.id.span },
            title: first.title.clone(),
            body: None,
            show: vec![b],
            after: None,
            sections: Vec::new(),
            unnumbered: false,
            span: first.span,
        }];
        let mut one = project.clone();
        one.documents = vec![alone];
        let limits = crate::render::RenderLimits {
            threads: 1,
            per_document: std::time::Duration::from_secs(60),
            abandoned: &engine.abandoned,
        };
        let (docs, _) = crate::render::render_all(
            &Arc::new(one),
            (&Default::default(), Vec::new()),
            &templates,
            &loaded.sources,
            &limits,
        );
        let shown = docs.first().and_then(|doc| rendered_section(&doc.blocks, "probe")).map_or(0, |s| s.blocks.len());
        if shown == 0 {
            missing.push(format!("{}: its template renders nothing in `{}`", kind.name(), d.id.value));
        }
    }
    assert!(missing.is_empty(), "block kinds missing a piece:\n  {}", missing.join("\n  "));
}
