//! Resolving links on the rendered documents, all at once: `#section`,
//! `other-document#section`, `other-document`, http(s) and mailto. A link
//! with empty text takes its target's current number and title
//! ("14 バックアップの状況"). Failures point at the YAML value (or
//! template) the link was written in.

use std::collections::HashMap;

use crate::diag::{Code, Diagnostic, suggestion};
use crate::doc::{Inline, Link, LinkTarget, RenderedDocument, plain_text};
use crate::source::{Sources, Span};

struct SectionInfo {
    number: Option<String>,
    title: Vec<Inline>,
}

struct DocInfo {
    title: String,
    sections: HashMap<String, SectionInfo>,
    section_ids: Vec<String>,
}

/// Where a link was written: the YAML value it came from, narrowed to the
/// destination's text when it can be found there.
fn locate(doc: &RenderedDocument, link: &Link, sources: &Sources, fallback: Span) -> Span {
    let Some(origin) = link.origin.and_then(|o| doc.origins.get(o as usize)) else {
        return fallback;
    };
    origin.span.of_destination(sources.text(origin.span), &link.dest)
}

pub(crate) fn is_safe_scheme(dest: &str) -> Option<bool> {
    let scheme = crate::vocab::url_scheme(dest)?;
    Some(matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https" | "mailto"))
}

fn section_text(info: &SectionInfo) -> Vec<Inline> {
    let mut out = Vec::new();
    if let Some(n) = &info.number {
        out.push(Inline::text(format!("{n} ")));
    }
    out.extend(info.title.iter().cloned().map(strip_links));
    out
}

/// Titles used as link text must not contain links themselves.
fn strip_links(i: Inline) -> Inline {
    match i {
        Inline::Link(l) => Inline::text(plain_text(&l.children)),
        other => other,
    }
}

/// What links can point at.
struct Targets<'a> {
    infos: HashMap<String, DocInfo>,
    doc_ids: Vec<&'a str>,
    /// Documents of the project that failed to render: links to them are
    /// not reported again (their own error says why).
    unrendered: &'a [String],
}

/// Resolve every link in `docs`. `fallbacks[i]` is where to point for
/// links of document `i` whose origin is unknown.
pub(crate) fn resolve(
    docs: &mut [RenderedDocument],
    fallbacks: &[Span],
    sources: &Sources,
    unrendered: &[String],
) -> Vec<Diagnostic> {
    let infos: HashMap<String, DocInfo> = docs
        .iter()
        .map(|d| {
            let headings = d.headings();
            let mut section_ids: Vec<String> = headings.iter().map(|h| h.id.clone()).collect();
            let mut sections: HashMap<String, SectionInfo> =
                headings.into_iter().map(|h| (h.id, SectionInfo { number: h.number, title: h.title })).collect();
            // A figure with an id is a target too; an empty link to it
            // reads 「図 1」.
            for f in d.figures() {
                if let Some(id) = &f.id {
                    section_ids.push(id.clone());
                    sections
                        .entry(id.clone())
                        .or_insert_with(|| SectionInfo { number: None, title: vec![Inline::text(f.label.clone())] });
                }
            }
            // Documents of one service often share a title; the subtitle tells them apart.
            let title = match &d.meta.subtitle {
                Some(s) => format!("{} {s}", d.meta.title),
                None => d.meta.title.clone(),
            };
            (d.meta.id.clone(), DocInfo { title, sections, section_ids })
        })
        .collect();
    let mut ids: Vec<String> = infos.keys().cloned().collect();
    ids.sort();
    let targets = Targets { doc_ids: ids.iter().map(String::as_str).collect(), infos, unrendered };
    let mut diags = Vec::new();
    for (i, doc) in docs.iter_mut().enumerate() {
        let fallback = fallbacks.get(i).copied().unwrap_or_default();
        let this = doc.meta.id.clone();
        let snapshot = doc.clone();
        doc.visit_inlines_mut(&mut |inlines| {
            visit_links(inlines, &mut |link| {
                resolve_one(link, &this, &targets, &snapshot, sources, fallback, &mut diags);
            });
        });
    }
    diags
}

fn visit_links(inlines: &mut [Inline], f: &mut impl FnMut(&mut Link)) {
    for i in inlines {
        match i {
            Inline::Link(l) => {
                f(l);
                visit_links(&mut l.children, f);
            }
            Inline::Strong(c) | Inline::Emph(c) | Inline::Strike(c) | Inline::Insert(c) => visit_links(c, f),
            _ => {}
        }
    }
}

fn resolve_one(
    link: &mut Link,
    this: &str,
    targets: &Targets,
    doc: &RenderedDocument,
    sources: &Sources,
    fallback: Span,
    diags: &mut Vec<Diagnostic>,
) {
    let dest = link.dest.trim().to_string();
    let empty = link.children.iter().all(|c| matches!(c, Inline::Text { text, .. } if text.trim().is_empty()));
    let at = || locate(doc, link, sources, fallback);
    if let Some(safe) = is_safe_scheme(&dest) {
        if safe {
            link.target = LinkTarget::External(dest.clone());
            if empty {
                link.children = vec![Inline::text(dest.trim_start_matches("mailto:"))];
            }
        } else {
            diags.push(
                Diagnostic::new(
                    Code::UnsafeLink,
                    crate::msg!(
                        "link to `{dest}`: only http, https and mailto links are allowed",
                        "`{dest}` へのリンク: 使える URL スキームは http、https、mailto だけです"
                    ),
                )
                .at(at(), crate::msg!("scheme not allowed", "使えない URL スキーム"))
                .hint(crate::msg!(
                    "link to a web page (https://…), an email address (mailto:…), or a section (#id)",
                    "ウェブページ（https://…）、メールアドレス（mailto:…）、または節（#id）にリンクしてください"
                )),
            );
            link.target = LinkTarget::Broken;
            if empty {
                link.children = vec![Inline::text(dest)];
            }
        }
        return;
    }
    // References in content values were replaced by their values; one
    // left here was written where none is resolved (a template, a text fact).
    if let Some(fact) = dest.strip_prefix('=') {
        diags.push(
            Diagnostic::new(
                Code::UnknownFact,
                crate::msg!(
                    "fact reference `={fact}` where facts are not resolved",
                    "ファクトが解決されない場所にファクト参照 `={fact}` があります"
                ),
            )
            .at(at(), crate::msg!("not resolved here", "ここでは解決されない参照"))
            .hint(crate::msg!(
                "fact references work in content values (bodies, notes, cells); a template reads `facts[\"id\"].value`, and a text fact shows its text as written",
                "ファクト参照が使えるのは内容の値（本文、注記、セル）の中です。テンプレートでは `facts[\"id\"].value` で読み、テキストのファクトは書かれたとおりに表示されます"
            )),
        );
        link.target = LinkTarget::Broken;
        if empty {
            link.children = vec![Inline::text(dest)];
        }
        return;
    }
    let (doc_part, section_part) = match dest.split_once('#') {
        Some((d, s)) => (d, Some(s)),
        None => (dest.as_str(), None),
    };
    let target_doc = if doc_part.is_empty() { this } else { doc_part };
    // A relative path to a file: the site holds only kiyaku's own pages and
    // PDFs, so it could never resolve (and a PDF has no folder to be in).
    if doc_part.contains('/') || doc_part.contains('.') || doc_part.contains('\\') {
        diags.push(
            Diagnostic::new(
                Code::UnknownLinkDocument,
                crate::msg!(
                    "link to `{dest}`, which is not a document of this site",
                    "`{dest}` へのリンクがありますが、これはこのサイトの文書ではありません"
                ),
            )
            .at(at(), crate::msg!("not a document id", "文書の ID ではない値"))
            .hint(crate::msg!(
                "link to a document by its id (`other-document` or `other-document#section`), or to a full URL (https://…)",
                "文書へはその ID（`other-document` または `other-document#section`）でリンクするか、完全な URL（https://…）にリンクしてください"
            )),
        );
        link.target = LinkTarget::Broken;
        if empty {
            link.children = vec![Inline::text(dest)];
        }
        return;
    }
    let (infos, doc_ids) = (&targets.infos, &targets.doc_ids);
    let Some(info) = infos.get(target_doc) else {
        if targets.unrendered.iter().any(|u| u == target_doc) {
            link.target = LinkTarget::Broken;
            if empty {
                link.children = vec![Inline::text(dest)];
            }
            return;
        }
        diags.push(
            Diagnostic::new(
                Code::UnknownLinkDocument,
                crate::msg!(
                    "link to unknown document `{target_doc}`",
                    "文書 `{target_doc}` へのリンクがありますが、その文書はありません"
                ),
            )
            .at(at(), crate::msg!("no document has this id", "どの文書にもない ID"))
            .maybe_hint(suggestion(target_doc, doc_ids)),
        );
        link.target = LinkTarget::Broken;
        if empty {
            link.children = vec![Inline::text(dest)];
        }
        return;
    };
    let doc_field = (target_doc != this).then(|| target_doc.to_string());
    match section_part {
        None | Some("") => {
            link.target = LinkTarget::Internal { doc: doc_field, section: None };
            if empty {
                link.children = vec![Inline::text(info.title.clone())];
            }
        }
        Some(section) => match info.sections.get(section) {
            Some(s) => {
                link.target = LinkTarget::Internal { doc: doc_field, section: Some(section.to_string()) };
                if empty {
                    link.children = section_text(s);
                }
            }
            None => {
                let ids: Vec<&str> = info.section_ids.iter().map(String::as_str).collect();
                let (where_, where_ja) = if target_doc == this {
                    ("this document".to_string(), "この文書には".to_string())
                } else {
                    (format!("document `{target_doc}`"), format!("文書 `{target_doc}` には"))
                };
                diags.push(
                    Diagnostic::new(
                        Code::BrokenAnchor,
                        crate::msg!(
                            "link to section `{section}`, which {where_} does not have",
                            "節 `{section}` へのリンクがありますが、{where_ja}その節はありません"
                        ),
                    )
                    .at(at(), crate::msg!("no such section", "不明な節"))
                    .hint(suggestion(section, &ids).unwrap_or_else(|| {
                        let shown: Vec<String> = ids.iter().take(12).map(|i| format!("`{i}`")).collect();
                        let (more, more_ja) = if ids.len() > 12 { (", …", "、…") } else { ("", "") };
                        let (en, ja) = crate::vocab::joined(&shown);
                        crate::msg!(
                            "link to a section by its `id:`; the sections are {en}{more}",
                            "節へは `id:` でリンクします。節は {ja}{more_ja} です"
                        )
                    })),
                );
                link.target = LinkTarget::Broken;
                if empty {
                    link.children = vec![Inline::text(dest.clone())];
                }
            }
        },
    }
}
