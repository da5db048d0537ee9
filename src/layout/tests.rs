//! Tests of the layout engine on documents built in code: geometry,
//! pagination, repeated table headers, keeps.

use super::*;
use crate::doc::{Block, Inline, Meta, RenderedDocument, RenderedSection, Table};

fn meta() -> Meta {
    Meta {
        id: "t".into(),
        doc_type: "sla".into(),
        type_label: "テスト".into(),
        lang: Lang::Ja,
        title: "テスト文書".into(),
        subtitle: None,
        version: "1.0".into(),
        date: crate::vocab::Date::from_ymd(2024, 1, 1),
        provider: Some("株式会社テスト".into()),
        service: None,
        programme: None,
        classification: None,
        number: None,
        words: crate::doc::FrontWords {
            contents: "目次".into(),
            version: "版".into(),
            issued: "発行日".into(),
            provider: "発行者".into(),
            document_id: "文書 ID".into(),
            document_number: "文書番号".into(),
        },
        brand: Default::default(),
    }
}

fn para(s: &str) -> Block {
    Block::Paragraph(vec![Inline::text(s)])
}

fn section(id: &str, n: &str, level: u8, blocks: Vec<Block>) -> Block {
    Block::Section(RenderedSection {
        id: id.into(),
        number: Some(n.into()),
        level,
        title: vec![Inline::text(format!("見出し{n}"))],
        blocks,
    })
}

fn long_table(rows: usize) -> Block {
    Block::Table(Table {
        caption: Some(vec![Inline::text("長い表")]),
        align: vec![crate::doc::Align::None; 3],
        head: vec![vec![vec![Inline::text("項目")], vec![Inline::text("内容")], vec![Inline::text("備考")]]],
        rows: (0..rows)
            .map(|i| {
                vec![
                    vec![Inline::text(format!("行{i}"))],
                    vec![Inline::text(
                        "サービスの提供にあたり、当社とお客様はそれぞれ次の役割と責任を負います。".repeat(1 + i % 3),
                    )],
                    vec![Inline::text("https://example.com/a/very/long/url/that/must/break/somewhere")],
                ]
            })
            .collect(),
        continued: Vec::new(),
        widths: Vec::new(),
    })
}

fn doc(blocks: Vec<Block>) -> RenderedDocument {
    RenderedDocument { meta: meta(), blocks, footnotes: Vec::new(), origins: Vec::new() }
}

fn lay(d: &RenderedDocument) -> (Laid, LayoutConfig) {
    let fonts = FontSet::bundled().unwrap();
    let cfg = LayoutConfig::a4(Lang::Ja);
    (layout(d, &cfg, &fonts), cfg)
}

fn texts(p: &Page) -> Vec<String> {
    p.items
        .iter()
        .filter_map(|i| match i {
            Item::Text(t) => Some(t.text()),
            _ => None,
        })
        .collect()
}

#[test]
fn nothing_is_drawn_outside_the_frame() {
    let d = doc(vec![section(
        "a",
        "1",
        1,
        vec![
            para(
                &"長い段落のテキストです。Latin words and https://example.com/long/path/without/spaces/at/all/ mixed。"
                    .repeat(12),
            ),
            long_table(40),
        ],
    )]);
    let (laid, cfg) = lay(&d);
    for (i, p) in laid.pages.iter().enumerate() {
        for it in &p.items {
            let (x0, x1) = it.x_extent();
            assert!(x0 >= cfg.margin_left - 0.5, "page {i}: starts at {x0}: {it:?}");
            assert!(x1 <= cfg.page_width - cfg.margin_right + 0.5, "page {i}: ends at {x1}: {it:?}");
        }
    }
}

#[test]
fn table_header_repeats_on_every_page() {
    let d = doc(vec![section("a", "1", 1, vec![long_table(60)])]);
    let (laid, _) = lay(&d);
    let content = &laid.pages[laid.first_content_page..];
    assert!(content.len() >= 3, "a long table spans pages");
    for (i, p) in content.iter().enumerate() {
        assert!(texts(p).iter().any(|t| t == "項目"), "page {i} has the header");
    }
}

#[test]
fn headings_are_not_left_alone_at_the_bottom() {
    let mut blocks = Vec::new();
    for k in 0..30 {
        blocks.push(section(&format!("s{k}"), &(k + 1).to_string(), 1, vec![para(&"本文です。".repeat(30 + k * 7))]));
    }
    let d = doc(blocks);
    let (laid, cfg) = lay(&d);
    let bottom = cfg.page_height - cfg.margin_bottom;
    for p in &laid.pages[laid.first_content_page..] {
        // The last body text on a page is never a heading.
        let body: Vec<&TextRun> = p
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text(t) if t.y > cfg.margin_top && t.y < bottom => Some(t),
                _ => None,
            })
            .collect();
        let last = body.iter().max_by(|a, b| a.y.total_cmp(&b.y)).unwrap();
        assert!(!last.text().starts_with("見出し"), "page ends with a heading: {}", last.text());
    }
}

#[test]
fn bold_labels_stay_with_what_they_introduce() {
    let mut blocks = Vec::new();
    for k in 0..60 {
        blocks.push(Block::Paragraph(vec![Inline::Strong(vec![Inline::text(format!("ラベル{k}"))])]));
        blocks.push(para(&"説明の文です。".repeat(8 + k % 11)));
    }
    let d = doc(vec![section("a", "1", 1, blocks)]);
    let (laid, cfg) = lay(&d);
    let bottom = cfg.page_height - cfg.margin_bottom;
    let content = &laid.pages[laid.first_content_page..];
    assert!(content.len() >= 3, "the labels span pages");
    for p in content {
        let last = p
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text(t) if t.y > cfg.margin_top && t.y < bottom => Some(t),
                _ => None,
            })
            .max_by(|a, b| a.y.total_cmp(&b.y))
            .unwrap();
        assert!(!last.text().starts_with("ラベル"), "page ends with a label: {}", last.text());
    }
}

#[test]
fn invisible_characters_vanish_and_decomposed_accents_compose() {
    let d = doc(vec![section(
        "a",
        "1",
        1,
        vec![para("Intro\u{200B}duction to our cafe\u{0301}, soft\u{00AD}ware and か\u{3099}いど")],
    )]);
    let (laid, _) = lay(&d);
    let all: String = laid.pages[laid.first_content_page..].iter().flat_map(texts).collect();
    assert!(all.contains("Introduction"), "{all}");
    assert!(all.contains("café"), "{all}");
    assert!(all.contains("software"), "{all}");
    assert!(all.contains("がいど"), "{all}");
    for c in ['\u{200B}', '\u{0301}', '\u{00AD}', '\u{3099}'] {
        assert!(!all.contains(c), "U+{:04X} drawn: {all}", c as u32);
    }
}

#[test]
fn an_address_and_its_short_grid_stay_on_one_page() {
    use crate::doc::DefItem;
    let contact = |k: usize| {
        vec![
            Block::Paragraph(vec![Inline::text(format!("住所{k}")), Inline::LineBreak, Inline::text("サポート窓口")]),
            Block::DefinitionList(
                ["メール", "電話", "受付時間"]
                    .iter()
                    .map(|t| DefItem {
                        term: vec![Inline::text(*t)],
                        definitions: vec![vec![para("平日 9:00〜17:30")]],
                    })
                    .collect(),
            ),
        ]
    };
    for k in 0..40 {
        // Push the block further down the page each time.
        let mut blocks = vec![para(&"前置きの文です。".repeat(20 + k * 9))];
        blocks.extend(contact(k));
        let d = doc(vec![section("a", "1", 1, blocks)]);
        let (laid, _) = lay(&d);
        let page_of =
            |needle: &str| laid.pages.iter().position(|p| texts(p).iter().any(|t| t.contains(needle))).unwrap();
        let address = page_of(&format!("住所{k}"));
        assert_eq!(address, page_of("受付時間"), "case {k}: the block is split");
    }
}

#[test]
fn toc_page_numbers_match_heading_pages() {
    let mut blocks = Vec::new();
    for k in 0..12 {
        blocks.push(section(&format!("s{k}"), &(k + 1).to_string(), 1, vec![para(&"本文です。".repeat(120))]));
    }
    let (laid, _) = lay(&doc(blocks));
    for k in 0..12 {
        let (page, _) = laid.anchors[&format!("s{k}")];
        let printed = laid.pages[page].number;
        assert_eq!(laid.pages[page].numbering, Numbering::Decimal);
        // The TOC line for this heading ends with the printed number.
        let toc: Vec<String> = laid.pages[1..laid.first_content_page].iter().flat_map(texts).collect();
        let i = toc.iter().position(|t| t == &format!("見出し{}", k + 1)).expect("in toc");
        assert!(toc[i..].iter().any(|t| t == &printed.to_string()), "toc number for s{k}");
    }
}

#[test]
fn bookmarks_follow_sections() {
    let d =
        doc(vec![section("a", "1", 1, vec![section("b", "1.1", 2, vec![para("x")])]), section("c", "2", 1, vec![])]);
    let (laid, _) = lay(&d);
    let levels: Vec<(String, u8)> = laid.bookmarks.iter().map(|b| (b.title.clone(), b.level)).collect();
    assert_eq!(
        levels,
        vec![("1 見出し1".to_string(), 1), ("1.1 見出し1.1".to_string(), 2), ("2 見出し2".to_string(), 1)]
    );
}

/// Every content leaf of the tree, with the texts of the runs that fill it.
fn leaves(laid: &Laid) -> Vec<Vec<String>> {
    let mut out = vec![Vec::new(); laid.tags.contents as usize];
    for p in &laid.pages {
        for i in &p.items {
            if let Item::Text(t) = i
                && let Mark::Content(c) = t.mark
            {
                out[c as usize].push(t.text());
            }
        }
    }
    out
}

#[test]
fn every_leaf_is_drawn_once_and_repeated_headers_are_artifacts() {
    let d = doc(vec![section("a", "1", 1, vec![para("前文です。"), long_table(40)])]);
    let (laid, _) = lay(&d);
    assert!(laid.pages.len() > 3);
    for (c, runs) in leaves(&laid).iter().enumerate() {
        assert_eq!(runs.len(), 1, "leaf {c} is drawn {} times: {runs:?}", runs.len());
    }
    // The header row is content once (on the table's first page), and a
    // pagination artifact on every page the table continues on.
    let header_runs: Vec<(usize, Mark)> = laid
        .pages
        .iter()
        .enumerate()
        .flat_map(|(n, p)| p.items.iter().map(move |i| (n, i)))
        .filter_map(|(n, i)| match i {
            Item::Text(t) if t.text() == "項目" => Some((n, t.mark)),
            _ => None,
        })
        .collect();
    assert!(header_runs.len() > 2, "{header_runs:?}");
    assert!(matches!(header_runs[0].1, Mark::Content(_)));
    for (_, m) in &header_runs[1..] {
        assert_eq!(*m, Mark::Artifact(Artifact::Pagination));
    }
}

#[test]
fn furniture_is_artifact_and_the_cover_is_read_first() {
    let d = doc(vec![section("a", "1", 1, vec![para("本文です。")])]);
    let (laid, _) = lay(&d);
    let body = &laid.pages[laid.first_content_page];
    let marks: Vec<(String, Mark)> = body
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text(t) => Some((t.text(), t.mark)),
            _ => None,
        })
        .collect();
    let title = marks.iter().find(|(t, _)| t == "テスト文書").expect("running header");
    assert_eq!(title.1, Mark::Artifact(Artifact::Header));
    let page = marks.iter().find(|(t, _)| t == "1 / 1").expect("page number");
    assert_eq!(page.1, Mark::Artifact(Artifact::Footer));
    // The tree starts with the cover (type label, title), then the contents.
    let roles: Vec<&tags::Role> = laid
        .tags
        .root
        .iter()
        .filter_map(|c| match c {
            tags::Child::Node(n) => laid.tags.node(*n).map(|n| &n.role),
            tags::Child::Content(_) => None,
        })
        .collect();
    assert_eq!(roles[0], &tags::Role::Paragraph);
    assert_eq!(roles[1], &tags::Role::Title);
    assert!(roles.contains(&&tags::Role::TableOfContents));
    assert_eq!(roles.last(), Some(&&tags::Role::Section));
}

fn web_link(text: &str) -> Inline {
    Inline::Link(crate::doc::Link {
        dest: "https://example.com/".into(),
        target: crate::doc::LinkTarget::External("https://example.com/".into()),
        children: vec![Inline::text(text)],
        origin: None,
    })
}

/// The groups the link areas of the body pages belong to.
fn body_link_areas(laid: &Laid) -> Vec<NodeId> {
    laid.pages[laid.first_content_page..]
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|i| match i {
            Item::Link { node, .. } => Some(*node),
            _ => None,
        })
        .collect()
}

#[test]
fn links_and_footnotes_have_their_own_groups() {
    let link = web_link("当社のサイト");
    let mut d = doc(vec![section(
        "a",
        "1",
        1,
        vec![Block::Paragraph(vec![
            Inline::text("詳しくは"),
            link,
            Inline::text("をご覧ください。"),
            Inline::FootnoteRef(1),
        ])],
    )]);
    d.footnotes = vec![crate::doc::Footnote { number: 1, blocks: vec![para("注記です。")] }];
    let (laid, _) = lay(&d);
    let t = &laid.tags;
    let link = t.nodes.iter().position(|n| matches!(&n.role, tags::Role::Link { alt } if alt == "当社のサイト"));
    let link = link.expect("a link group") as NodeId;
    // The paragraph reads: text, the link, text.
    let para = t.nodes.iter().find(|n| n.children.contains(&tags::Child::Node(link))).expect("the link's paragraph");
    assert_eq!(para.role, tags::Role::Paragraph);
    assert!(matches!(para.children[..], [tags::Child::Content(_), tags::Child::Node(_), tags::Child::Content(_), ..]));
    // The link area on the page points at the link's group.
    let areas = body_link_areas(&laid);
    assert!(areas.contains(&link), "{areas:?}");
    assert!(t.nodes.iter().any(|n| n.role == tags::Role::Note && !n.children.is_empty()));
}

#[test]
fn a_link_over_several_lines_is_one_group() {
    let words = "サービスレベルの定義と測定方法、および除外事項の詳細".repeat(8);
    let d = doc(vec![section("a", "1", 1, vec![Block::Paragraph(vec![Inline::text("詳しくは"), web_link(&words)])])]);
    let (laid, _) = lay(&d);
    let areas = body_link_areas(&laid);
    assert!(areas.len() >= 3, "{areas:?}");
    assert!(areas.iter().all(|n| *n == areas[0]), "{areas:?}");
    let links = laid.tags.nodes.iter().filter(|n| matches!(n.role, tags::Role::Link { .. })).count();
    // One in the body; the contents has its own per entry.
    let toc_links = laid.bookmarks.len();
    assert_eq!(links, 1 + toc_links);
}

#[test]
fn every_block_kind_marks_every_run() {
    use crate::doc::{DefItem, Footnote};
    let simple_defs = Block::DefinitionList(vec![DefItem {
        term: vec![Inline::text("用語")],
        definitions: vec![vec![para("説明")]],
    }]);
    let long_defs = Block::DefinitionList(vec![DefItem {
        term: vec![Inline::text("用語")],
        definitions: vec![vec![para("説明一"), para("説明二")]],
    }]);
    let blocks = vec![
        para("段落です。"),
        Block::List { start: Some(1), items: vec![vec![para("一つ目")], vec![para("二つ目")]] },
        Block::List { start: None, items: vec![vec![para("項目")]] },
        long_table(3),
        Block::Note(vec![para("注記です。")]),
        Block::Code("let x = 1;\n\nlet y = 2;".into()),
        simple_defs,
        long_defs,
        Block::Rule,
        Block::Paragraph(vec![Inline::text("脚注つき"), Inline::FootnoteRef(1)]),
    ];
    let mut d = doc(vec![section("a", "1", 1, vec![section("b", "1.1", 2, blocks)])]);
    d.footnotes =
        vec![Footnote { number: 1, blocks: vec![para("脚注の一段落目。"), para("脚注の二段落目。")] }];
    let (laid, _) = lay(&d);
    let mut texts = String::new();
    for p in &laid.pages {
        for i in &p.items {
            if let Item::Text(t) = i {
                assert_ne!(t.mark, Mark::Unassigned, "{:?} is in no group", t.text());
                texts.push_str(&t.text());
            }
        }
    }
    // Each footnote paragraph is set, in the footnote's group.
    assert!(texts.contains("脚注の二段落目"), "{texts}");
    let notes: Vec<_> = laid.tags.nodes.iter().filter(|n| n.role == tags::Role::Note).collect();
    assert_eq!(notes.len(), 1);
}

#[test]
fn latin_emphasis_is_slanted_spaces_collapse_and_code_keeps_its_indentation() {
    let d = doc(vec![section(
        "a",
        "1",
        1,
        vec![
            Block::Paragraph(vec![
                Inline::text("二つの  空白と"),
                Inline::Emph(vec![Inline::text("強調 must")]),
                Inline::Code("a  b".into()),
            ]),
            Block::Code(format!("if x {{\n    y();\n}}\nrun {}", "--flag value ".repeat(12))),
        ],
    )]);
    let (laid, _) = lay(&d);
    let runs: Vec<&TextRun> = laid.pages[laid.first_content_page]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text(t)
                if t.mark != Mark::Artifact(Artifact::Header) && t.mark != Mark::Artifact(Artifact::Footer) =>
            {
                Some(t)
            }
            _ => None,
        })
        .collect();
    let text: String = runs.iter().map(|r| r.text()).collect();
    assert!(text.contains("二つの 空白と"), "{text}");
    // Emphasis slants Latin letters; Japanese stays upright.
    assert!(runs.iter().any(|r| r.oblique && r.text().trim() == "must"), "{text}");
    assert!(runs.iter().any(|r| !r.oblique && r.text().contains("強調")), "{text}");
    // Code: the monospace face, its spaces as written, shaded behind.
    let code = runs.iter().find(|r| r.font == FontKind::Mono && r.text() == "a  b").expect("the code span");
    let shaded = laid.pages[laid.first_content_page].items.iter().any(
        |i| matches!(i, Item::Rect { x, y, fill: Some(SHADE), .. } if (*x - code.x + 1.5).abs() < 0.01 && *y < code.y),
    );
    assert!(shaded, "no shade behind the inline code");
    let line = |s: &str| runs.iter().find(|r| r.text().starts_with(s)).map(|r| r.x).unwrap();
    let space = FontSet::bundled().unwrap().advance(FontKind::Mono, ' ').unwrap() * 9.0;
    assert!((line("y();") - line("if x") - 4.0 * space).abs() < 0.1);
    // A wrapped code line goes on two spaces in.
    let left = line("if x");
    let continued = runs.iter().filter(|r| r.font == FontKind::Mono && (r.x - left - 2.0 * space).abs() < 0.1).count();
    assert!(continued >= 1, "{:?}", runs.iter().map(|r| (r.x, r.text())).collect::<Vec<_>>());
}

#[test]
fn the_contents_never_end_with_one_entry_alone() {
    let fonts = FontSet::bundled().unwrap();
    let cfg = LayoutConfig::a4(Lang::Ja);
    let mut spilled = 0;
    for n in 30..75 {
        let sections = (1..=n).map(|i| section(&format!("s{i}"), &i.to_string(), 1, vec![para("本文。")])).collect();
        let laid = layout(&doc(sections), &cfg, &fonts);
        let toc = &laid.pages[1..laid.first_content_page];
        if toc.len() < 2 {
            continue;
        }
        spilled += 1;
        let entries = toc.last().unwrap().items.iter().filter(|i| matches!(i, Item::Link { .. })).count();
        assert!(entries >= 2, "{n} sections: the contents end with {entries} entry on a page");
    }
    assert!(spilled > 10, "the contents never ran over a page");
}

#[test]
fn a_section_of_one_line_does_not_glue_to_the_next() {
    // Many one-line sections flow: the pages fill rather than move whole
    // runs of sections to the next page.
    let sections =
        (1..=60).map(|i| section(&format!("s{i}"), &i.to_string(), 1, vec![para("一行だけの本文です。")])).collect();
    let (laid, cfg) = lay(&doc(sections));
    let body = &laid.pages[laid.first_content_page..];
    for (k, p) in body.iter().enumerate().take(body.len() - 1) {
        let lowest = p
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text(t) if t.mark != Mark::Artifact(Artifact::Footer) => Some(t.y),
                _ => None,
            })
            .fold(0.0f32, f32::max);
        let frame = cfg.page_height - cfg.margin_bottom - cfg.margin_top;
        assert!(
            lowest - cfg.margin_top > frame * 0.8,
            "page {k} is only {:.0} % full",
            (lowest - cfg.margin_top) / frame * 100.0
        );
    }
}

#[test]
fn footnotes_are_set_at_the_foot_of_the_page_that_refers_to_them() {
    let mut blocks: Vec<Block> = (0..30).map(|i| para(&format!("段落{i}。{}", "本文の文章です。".repeat(6)))).collect();
    blocks[25] = Block::Paragraph(vec![Inline::text("脚注のある段落です。"), Inline::FootnoteRef(1)]);
    let mut d = doc(vec![section("a", "1", 1, blocks)]);
    d.footnotes = vec![crate::doc::Footnote { number: 1, blocks: vec![para("脚注の本文です。")] }];
    let (laid, cfg) = lay(&d);
    let page_of = |s: &str| {
        laid.pages.iter().position(|p| p.items.iter().any(|i| matches!(i, Item::Text(t) if t.text().contains(s))))
    };
    let (reference, note) = (page_of("脚注のある段落"), page_of("脚注の本文"));
    assert!(reference.is_some() && reference > Some(laid.first_content_page), "{reference:?}");
    assert_eq!(reference, note);
    // At the foot: below every line of the body, above the bottom margin.
    let page = &laid.pages[note.unwrap()];
    let y = |s: &str| {
        page.items.iter().find_map(|i| match i {
            Item::Text(t) if t.text().contains(s) => Some(t.y),
            _ => None,
        })
    };
    assert!(y("脚注の本文").unwrap() > y("脚注のある段落").unwrap());
    assert!(y("脚注の本文").unwrap() <= cfg.page_height - cfg.margin_bottom);
    // The marker and the note link to each other.
    let (fn_page, _) = laid.anchors["fn-1"];
    let (ref_page, _) = laid.anchors["fnref-1"];
    assert_eq!((fn_page, ref_page), (note.unwrap(), reference.unwrap()));
    let targets: Vec<&LinkRef> = page
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Link { target, .. } => Some(target),
            _ => None,
        })
        .collect();
    assert!(
        targets.contains(&&LinkRef::Anchor("fn-1".into())) && targets.contains(&&LinkRef::Anchor("fnref-1".into())),
        "{targets:?}"
    );
}

#[test]
fn many_or_tall_footnotes_never_overlap_the_text() {
    // One line citing six long notes, then a long cell citing one.
    let note_text = "注記の本文です。".repeat(30);
    let mut refs = vec![Inline::text("多くの注を引く行")];
    refs.extend((1..=6).map(Inline::FootnoteRef));
    let cell = vec![Inline::text("長いセル".repeat(400)), Inline::FootnoteRef(7)];
    let table = Block::Table(Table {
        caption: None,
        align: vec![crate::doc::Align::None; 2],
        head: vec![vec![vec![Inline::text("項目")], vec![Inline::text("内容")]]],
        rows: vec![vec![vec![Inline::text("行")], cell]],
        continued: Vec::new(),
        widths: Vec::new(),
    });
    let mut d = doc(vec![section("a", "1", 1, vec![Block::Paragraph(refs), table, para("終わり。")])]);
    d.footnotes = (1..=7)
        .map(|n| crate::doc::Footnote { number: n, blocks: vec![para(&format!("注{n}。{note_text}"))] })
        .collect();
    let (laid, cfg) = lay(&d);
    let mut notes_seen = std::collections::HashSet::new();
    for (k, page) in laid.pages.iter().enumerate().skip(laid.first_content_page) {
        let mut body_bottom = 0.0f32;
        let mut notes_top = f32::INFINITY;
        for i in &page.items {
            let Item::Text(t) = i else { continue };
            if matches!(t.mark, Mark::Artifact(_)) {
                continue;
            }
            assert!(
                t.y >= cfg.margin_top - 1.0 && t.y <= cfg.page_height - cfg.margin_bottom + 1.0,
                "page {k}: {}",
                t.text()
            );
            // Note text, note numbers and reference markers aside, the rest is body.
            if t.text().starts_with('*') {
                continue;
            }
            if t.text().contains("注記の本文") || t.text().trim_start().starts_with('注') {
                notes_top = notes_top.min(t.y - t.size);
                for n in 1..=7 {
                    if t.text().trim_start().starts_with(&format!("注{n}。")) {
                        notes_seen.insert(n);
                    }
                }
            } else {
                body_bottom = body_bottom.max(t.y);
            }
        }
        let listing: Vec<String> = page
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text(t) if !matches!(t.mark, Mark::Artifact(_)) => {
                    Some(format!("{:.0} {}", t.y, t.text().chars().take(12).collect::<String>()))
                }
                _ => None,
            })
            .collect();
        assert!(
            body_bottom <= notes_top,
            "page {k}: the notes ({notes_top}) overlap the text ({body_bottom}): {listing:#?}"
        );
    }
    assert_eq!(notes_seen.len(), 7, "every note is set: {notes_seen:?}");
}

#[test]
fn a_hyphen_added_at_a_line_end_is_drawn_but_not_read() {
    let mut d = doc(vec![section(
        "a",
        "1",
        1,
        vec![para(
            &"Administrators, auditors and representatives of regulatory authorities verify configurations. ".repeat(4),
        )],
    )]);
    d.meta.lang = Lang::En;
    let fonts = FontSet::bundled().unwrap();
    let laid = layout(&d, &LayoutConfig::a4(Lang::En), &fonts);
    let hyphens: Vec<&TextRun> = laid
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|i| match i {
            Item::Text(t) if t.text() == "-" => Some(t),
            _ => None,
        })
        .collect();
    assert!(!hyphens.is_empty(), "no line was hyphenated");
    assert!(hyphens.iter().all(|h| h.mark == Mark::Artifact(Artifact::Layout)));
}

#[test]
fn a_group_label_taller_than_its_rows_makes_room_and_stays_whole() {
    // A four-line label over two one-line rows: the span grows to hold it,
    // and what follows the table starts below it.
    let label = vec![
        Inline::text("第一群"),
        Inline::LineBreak,
        Inline::text("二行目"),
        Inline::LineBreak,
        Inline::text("三行目"),
        Inline::LineBreak,
        Inline::text("四行目"),
    ];
    let table = Block::Table(Table {
        caption: None,
        align: vec![crate::doc::Align::None; 2],
        head: vec![vec![vec![Inline::text("群")], vec![Inline::text("内容")]]],
        rows: vec![vec![label, vec![Inline::text("一行")]], vec![Vec::new(), vec![Inline::text("二行")]]],
        continued: vec![(1, 0)],
        widths: Vec::new(),
    });
    let d = doc(vec![section("a", "1", 1, vec![table, para("表の後の段落。")])]);
    let (laid, _) = lay(&d);
    let page = &laid.pages[laid.first_content_page];
    let y_of = |s: &str| {
        page.items
            .iter()
            .find_map(|i| match i {
                Item::Text(t) if t.text() == s => Some(t.y),
                _ => None,
            })
            .unwrap_or_else(|| panic!("{s} not drawn: {:?}", texts(page)))
    };
    let last_label = y_of("四行目");
    assert!(y_of("二行") < last_label, "the second row starts beside the label");
    let rules: Vec<f32> = page
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Line { y1, y2, .. } if (y1 - y2).abs() < 0.01 => Some(*y1),
            _ => None,
        })
        .collect();
    let bottom = rules.iter().copied().filter(|y| *y < y_of("表の後の段落。")).fold(0.0f32, f32::max);
    assert!(bottom > last_label, "the table's last rule ({bottom}) is under the label ({last_label})");
    // The label is drawn once, and no rule crosses it between the rows.
    assert_eq!(texts(page).iter().filter(|t| *t == "第一群").count(), 1);
    let label_x = page
        .items
        .iter()
        .find_map(|i| match i {
            Item::Text(t) if t.text() == "第一群" => Some(t.x),
            _ => None,
        })
        .unwrap();
    let crossing = page.items.iter().any(|i| match i {
        Item::Line { x1, x2, y1, y2, .. } => {
            (y1 - y2).abs() < 0.01 && *y1 > y_of("第一群") && *y1 < last_label && *x1 <= label_x && *x2 > label_x
        }
        _ => false,
    });
    assert!(!crossing, "no rule through the label's cell");
}

/// A table of `rows` rows under one group label (`label` lines), whose
/// first row holds `first_lines` lines; after `before` paragraphs.
fn grouped_table(label: usize, first_lines: usize, rows: usize, before: usize) -> RenderedDocument {
    let lines = |n: usize, word: &str| {
        let mut v = Vec::new();
        for i in 0..n {
            if i > 0 {
                v.push(Inline::LineBreak);
            }
            v.push(Inline::text(format!("{word}{i}")));
        }
        v
    };
    // A plain row first, then the group.
    let mut body = vec![vec![vec![Inline::text("先頭")], vec![Inline::text("先頭の行")]]];
    body.push(vec![lines(label, "ラベル"), lines(first_lines, "長い行")]);
    body.extend((1..rows).map(|i| vec![Vec::new(), vec![Inline::text(format!("行{i}"))]]));
    let table = Block::Table(Table {
        caption: None,
        align: vec![crate::doc::Align::None; 2],
        head: vec![vec![vec![Inline::text("群")], vec![Inline::text("内容")]]],
        rows: body,
        continued: (2..=rows).map(|r| (r, 0)).collect(),
        widths: Vec::new(),
    });
    let mut blocks: Vec<Block> = (0..before).map(|i| para(&format!("前置きの段落{i}。"))).collect();
    blocks.push(table);
    doc(vec![section("a", "1", 1, blocks)])
}

#[test]
fn a_group_continued_on_later_pages_is_labelled_on_each() {
    // The first row itself runs over several pages, then 90 more rows.
    let (laid, _) = lay(&grouped_table(1, 90, 90, 0));
    let pages = &laid.pages[laid.first_content_page..];
    assert!(pages.len() >= 4, "{} pages", pages.len());
    for (i, p) in pages.iter().enumerate() {
        let t = texts(p);
        let shows_rows = t.iter().any(|x| (x.starts_with("行") || x.starts_with("長い行")) && x != "先頭の行");
        if shows_rows {
            assert!(t.iter().any(|x| x == "ラベル0"), "page {i} of the group has no label: {t:?}");
        }
    }
}

#[test]
fn a_tall_group_label_never_runs_past_the_frame() {
    // Five label lines over 70 one-line rows, starting near a page foot.
    for before in [18, 20, 21, 22, 23, 24, 25, 26] {
        let (laid, cfg) = lay(&grouped_table(5, 1, 70, before));
        let bottom = cfg.page_height - cfg.margin_bottom;
        for (i, p) in laid.pages.iter().enumerate().skip(laid.first_content_page) {
            for it in &p.items {
                if let Item::Text(t) = it
                    && t.mark != tags::Mark::Artifact(tags::Artifact::Footer)
                {
                    assert!(t.y <= bottom + 0.5, "before {before}, page {i}: {} at {} below {bottom}", t.text(), t.y);
                }
            }
        }
    }
}

fn figure(n: u32, width: f32, height: f32) -> Block {
    Block::Figure(crate::doc::Figure {
        id: Some(format!("fig-{n}")),
        number: n,
        src: "a.svg".into(),
        alt: "図の説明".into(),
        caption: vec![Inline::text(format!("図の見出し{n}"))],
        label: format!("図 {n}"),
        separator: "\u{3000}",
        origin: None,
        image: Some(std::sync::Arc::new(crate::image::ImageFile {
            path: "a.svg".into(),
            format: crate::image::ImageFormat::Svg,
            bytes: std::sync::Arc::from(&b"<svg/>"[..]),
            width,
            height,
            digest: "00".repeat(32),
            orientation: 1,
        })),
    })
}

fn image_boxes(p: &Page) -> Vec<(f32, f32, f32, f32)> {
    p.items
        .iter()
        .filter_map(|i| match i {
            Item::Image { x, y, w, h, .. } => Some((*x, *y, *w, *h)),
            _ => None,
        })
        .collect()
}

#[test]
fn figures_fit_the_frame_and_move_whole_with_their_caption() {
    // Text to fill most of the first page, then a tall, wide figure, then
    // a paragraph that must come after it.
    let filler: Vec<Block> = (0..14).map(|i| para(&format!("{i}本文。").repeat(20))).collect();
    let mut blocks = filler;
    blocks.push(figure(1, 3000.0, 2400.0));
    blocks.push(para("図の後の段落です。"));
    let d = doc(vec![section("s", "1", 1, blocks)]);
    let (laid, cfg) = lay(&d);
    let body = &laid.pages[laid.first_content_page..];
    let (page, boxes) = body
        .iter()
        .enumerate()
        .find_map(|(i, p)| {
            let b = image_boxes(p);
            (!b.is_empty()).then_some((i, b))
        })
        .expect("the figure is placed");
    let (x, y, w, h) = boxes[0];
    // Never wider than the frame, never taller than 80 % of a page, and
    // scaled without distortion.
    assert!(x >= cfg.margin_left - 0.01 && x + w <= cfg.page_width - cfg.margin_right + 0.01, "{x} {w}");
    let room = cfg.page_height - cfg.margin_top - cfg.margin_bottom;
    assert!(h <= room * 0.8 + 0.01 && (w / h - 3000.0 / 2400.0).abs() < 0.01, "{w} × {h}");
    assert!(y >= cfg.margin_top - 0.01 && y + h <= cfg.page_height - cfg.margin_bottom, "{y} {h}");
    assert!(page > 0, "too tall for the rest of the first page, it moves on");
    // Its caption is on the same page, below it; the next paragraph after.
    let here = texts(&body[page]).join("");
    assert!(here.contains("図 1") && here.contains("図の見出し1"), "{here}");
    let after = body[page..].iter().flat_map(texts).collect::<String>();
    let (caption_at, next_at) = (after.find("図の見出し1").unwrap(), after.find("図の後の段落").unwrap());
    assert!(caption_at < next_at, "the text after the figure follows it: {after}");
    // The anchor a link to it goes to is the figure's page.
    assert_eq!(laid.anchors.get("fig-1").map(|a| a.0), Some(laid.first_content_page + page));
}
