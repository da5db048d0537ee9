//! Decoder for `kind: document`.

// Decodes what users write: no panicking index.
#![deny(clippy::indexing_slicing)]

use crate::diag::{Code, Diagnostic, suggestion};
use crate::load::decode::{Decode, DecodeCx, Schemas};
use crate::load::json_schema;
use crate::model::values::{Id, Lang};
use crate::model::{BlockKind, BlockRef, Change, ChangeKind, Classification, Document, Revision, Section};
use crate::source::Spanned;
use crate::yaml::{Node, NodeKind};

fn block_name(s: &str, node_span: crate::source::Span, cx: &mut DecodeCx) -> Option<Spanned<BlockKind>> {
    match BlockKind::parse(s.trim()) {
        Some(b) => Some(Spanned::new(b, node_span)),
        None => {
            let all: Vec<&str> = BlockKind::ALL.iter().map(|b| b.name()).collect();
            cx.push(
                Diagnostic::new(Code::UnknownBlock, crate::msg!("unknown block `{s}`", "`{s}` は不明なブロックです"))
                    .at(node_span, crate::msg!("not a block kiyaku knows", "kiyaku にないブロック"))
                    .hint(suggestion(s, &all).unwrap_or_else(|| {
                        crate::msg!(
                            "see the list of blocks in docs/authoring.md; free text goes in `body:`",
                            "ブロックの一覧は docs/authoring.md にあります。自由な文章は `body:` に書きます"
                        )
                    })),
            );
            None
        }
    }
}

impl Decode for BlockRef {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        match &node.kind {
            NodeKind::Scalar(s, _) => {
                Some(BlockRef { block: block_name(s, node.span, cx)?, target: None, span: node.span })
            }
            NodeKind::Map(entries) if let [e] = entries.as_slice() => {
                let block = block_name(&e.key, e.key_span, cx)?;
                let target = match &e.value.kind {
                    // `response-targets: <scale>/<rows>`: two ids.
                    NodeKind::Scalar(s, _) if block.value == BlockKind::ResponseTargets && s.contains('/') => {
                        let parts: Vec<&str> = s.trim().split('/').collect();
                        if parts.len() == 2 && parts.iter().all(|p| Id::parse(p).is_ok_and(|id| id.as_str() == *p)) {
                            Spanned::new(Id(s.trim().to_string()), e.value.span)
                        } else {
                            cx.push(
                                Diagnostic::new(
                                    Code::BadId,
                                    crate::msg!(
                                        "`{}` is not `<scale>/<rows>`",
                                        "`{}` は `<scale>/<rows>` の形ではありません",
                                        s.trim()
                                    ),
                                )
                                .at(
                                    e.value.span,
                                    crate::msg!(
                                        "expected a scale id, `/`, and `response` or `update`",
                                        "深刻度の尺度の ID、`/`、`response` または `update` の順に書いてください"
                                    ),
                                )
                                .hint(crate::msg!(
                                    "write `response-targets: malware/update`, or `response-targets: malware` for all its rows",
                                    "`response-targets: malware/update` と書くか、すべての行なら `response-targets: malware` と書いてください"
                                )),
                            );
                            return None;
                        }
                    }
                    _ => Spanned::<Id>::decode(&e.value, cx)?,
                };
                Some(BlockRef { block, target: Some(target), span: node.span })
            }
            _ => {
                cx.wrong_type(
                    node,
                    "a block name (`backups`) or a block with its argument (`criteria: security-levels`)",
                );
                None
            }
        }
    }

    fn schema(schemas: &mut Schemas) -> serde_json::Value {
        // The argument is an id, or `<scale>/<rows>` for response targets.
        let id = json_schema::scalar("the block's argument: an id (`security-levels`), or `<scale>/<rows>`");
        schemas.named("BlockRef", || {
            let names: Vec<&str> = BlockKind::ALL.iter().map(|b| b.name()).collect();
            serde_json::json!({
                "description": "a block: its name (`backups`), or its name with an argument (`criteria: security-levels`)",
                "anyOf": [
                    { "type": "string", "enum": names },
                    {
                        "type": "object",
                        "minProperties": 1,
                        "maxProperties": 1,
                        "propertyNames": { "enum": names },
                        "additionalProperties": id,
                    }
                ]
            })
        })
    }
}

fn show_list(node: &Node, cx: &mut DecodeCx) -> Vec<BlockRef> {
    match &node.kind {
        NodeKind::Seq(items) => items.iter().filter_map(|n| BlockRef::decode(n, cx)).collect(),
        _ => BlockRef::decode(node, cx).into_iter().collect(),
    }
}

impl Decode for Section {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        let mut m = cx.map(node, "a section")?;
        let id = m.req(cx, "id");
        let title = m.req(cx, "title");
        let body = m.opt(cx, "body");
        m.describe(cx, "show", false, |s| {
            let block = BlockRef::schema(s);
            json_schema::any_of(vec![block.clone(), json_schema::list(block)])
        });
        let show = m.node("show").map(|n| show_list(n, cx)).unwrap_or_default();
        let after = m.opt(cx, "after");
        let sections = m.list(cx, "sections");
        let unnumbered = m.flag(cx, "unnumbered", false);
        m.finish(cx);
        Some(Section { id: id?, title: title?, body, show, after, sections, unnumbered, span: node.span })
    }
}

impl Decode for ChangeKind {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        let s = cx.scalar(node, "`modified`, `added` or `removed`")?;
        match s.trim() {
            "modified" | "changed" | "updated" => Some(ChangeKind::Modified),
            "added" | "new" => Some(ChangeKind::Added),
            "removed" | "deleted" => Some(ChangeKind::Removed),
            other => {
                cx.push(
                    Diagnostic::new(
                        Code::InvalidValue,
                        crate::msg!("`{other}` is not a kind of change", "`{other}` は改訂内容の種類ではありません"),
                    )
                    .at(
                        node.span,
                        crate::msg!(
                            "expected modified, added or removed",
                            "modified、added、removed のいずれかを書いてください"
                        ),
                    )
                    .maybe_hint(suggestion(other, &["modified", "added", "removed"])),
                );
                None
            }
        }
    }
}

impl Decode for Change {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        let mut m = cx.map(node, "a change")?;
        let mut sections: Vec<Spanned<Id>> = m.opt::<Spanned<Id>>(cx, "section").into_iter().collect();
        sections.extend(m.list::<Spanned<Id>>(cx, "sections"));
        let kind = m.opt(cx, "change").unwrap_or(ChangeKind::Modified);
        let summary = m.req(cx, "summary");
        let title = m.opt(cx, "title");
        let note = m.opt(cx, "note");
        m.finish(cx);
        Some(Change { sections, kind, summary: summary?, title, note, span: node.span })
    }
}

impl Decode for Revision {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        let mut m = cx.map(node, "a revision")?;
        let version = m.req(cx, "version");
        let date = m.req(cx, "date");
        let author = m.opt(cx, "author");
        let approver = m.opt(cx, "approver");
        let effective = m.opt(cx, "effective");
        let changes = m.req(cx, "changes");
        m.finish(cx);
        Some(Revision {
            version: version?,
            date: date?,
            author,
            approver,
            effective,
            changes: changes?,
            span: node.span,
        })
    }
}

pub(crate) fn document(node: &Node, cx: &mut DecodeCx) -> Option<Document> {
    let mut m = cx.map(node, "a document")?;
    m.known("kind");
    let id = m.req(cx, "id");
    let doc_type = m.req(cx, "type");
    let language = match m.opt::<Spanned<Lang>>(cx, "language") {
        Some(l) => l,
        None => Spanned::new(cx.lang, node.head_span()),
    };
    cx.lang = language.value;
    let title = m.req(cx, "title");
    let subtitle = m.opt(cx, "subtitle");
    let version = m.req(cx, "version");
    let date = m.opt(cx, "date");
    let service = m.opt(cx, "service");
    let programme = m.opt(cx, "programme");
    let provider = m.opt(cx, "provider");
    let contact = m.opt(cx, "contact");
    let sections = m.req(cx, "sections");
    let comparisons = m.flag(cx, "comparisons", false);
    let classification = m.opt(cx, "classification");
    let number = m.opt(cx, "number");
    let translation_of = m.opt(cx, "translation_of");
    let revisions_written = m.node("revisions").is_some_and(|n| !matches!(&n.kind, NodeKind::Seq(v) if v.is_empty()));
    let written = m.node("revisions").map_or(0, |n| if let NodeKind::Seq(v) = &n.kind { v.len() } else { 0 });
    let revisions: Vec<crate::model::Revision> = m.list(cx, "revisions");
    let revisions_dropped = revisions.len() < written;
    let custom = super::custom::custom(&mut m, cx);
    m.finish(cx);
    Some(Document {
        id: id?,
        doc_type: doc_type?,
        title: title?,
        subtitle,
        language,
        version: version?,
        date,
        service,
        programme,
        provider,
        contact,
        sections: sections?,
        revisions,
        revisions_written,
        revisions_dropped,
        comparisons,
        classification,
        number,
        translation_of,
        custom,
        file: cx.file,
    })
}

impl Decode for Classification {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        let s = cx.scalar(node, "a classification")?;
        let c = Classification::parse(s);
        if c.is_none() {
            let words: Vec<&str> = Classification::ALL.iter().map(|c| c.word()).collect();
            cx.push(
                Diagnostic::new(
                    Code::InvalidValue,
                    crate::msg!("`{s}` is not a classification kiyaku prints", "`{s}` は kiyaku が印字できる区分ではありません"),
                )
                .at(node.span, crate::msg!("unknown classification", "不明な区分"))
                .hint(suggestion(s, &words).unwrap_or_else(|| {
                    crate::msg!(
                        "write public, internal (社内限り), confidential (社外秘) or restricted (取扱注意); `labels:` can rename the marks",
                        "public、internal（社内限り）、confidential（社外秘）、restricted（取扱注意）のいずれかを書いてください。表記は `labels:` で変えられます"
                    )
                })),
            );
        }
        c
    }

    fn schema(schemas: &mut Schemas) -> serde_json::Value {
        schemas.named("Classification", || {
            let words: Vec<&str> = Classification::ALL.iter().map(|c| c.word()).collect();
            json_schema::suggested_words("who may read the document, printed on every page", &words)
        })
    }
}
