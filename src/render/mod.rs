//! Stage 3: documents from the model. For each document: build the view
//! ([`view`]), render its template to Markdown ([`templates`]), read the
//! Markdown into the block tree ([`markdown`]). Then resolve links across
//! all documents ([`links`]).

mod figures;
pub(crate) mod filters;
pub(crate) mod links;
pub(crate) mod markdown;
pub(crate) mod origin;
pub(crate) mod prose;
pub(crate) mod view;

use std::sync::Arc;
use std::time::Duration;

use crate::deadline::{self, Abandoned};
use crate::diag::{Code, Diagnostic, Msg, suggestion};
use crate::doc::{self, Meta};
use crate::model::{Document, Project, Releases};
use crate::source::{Sources, Span};
use crate::templates::{self, Templates};
use crate::vocab::Label;
pub(crate) use filters::configure as configure_markdown;

/// One document rendered: its tree (links not yet resolved), what went
/// wrong, and where each custom fact and table it shows is defined.
pub(crate) struct DocumentRender {
    pub tree: Option<doc::RenderedDocument>,
    pub diags: Vec<Diagnostic>,
    pub shown: Vec<Span>,
}

/// Render one document to the block tree (links not yet resolved).
pub(crate) fn render_document(
    project: &Project,
    released: &Releases,
    d: &Document,
    templates: &Templates,
    sources: &Sources,
) -> DocumentRender {
    let (tree, diags, shown) = render_tree(project, released, d, templates, sources);
    DocumentRender { tree, diags, shown }
}

fn render_tree(
    project: &Project,
    released: &Releases,
    d: &Document,
    templates: &Templates,
    sources: &Sources,
) -> (Option<doc::RenderedDocument>, Vec<Diagnostic>, Vec<Span>) {
    let mut diags = Vec::new();
    let lang = d.language.value;
    let name = format!("{}.md", d.doc_type.value);
    if !templates.has_document_type(&d.doc_type.value.0) {
        let types = templates.document_types();
        let types: Vec<&str> = types.iter().map(String::as_str).collect();
        diags.push(
            Diagnostic::new(Code::InvalidValue, {
                let t = &d.doc_type.value;
                crate::msg!("no template for document type `{t}`", "文書の種類 `{t}` のテンプレートがありません")
            })
            .at(d.doc_type.span, crate::msg!("unknown document type", "不明な文書の種類"))
            .hint(suggestion(&d.doc_type.value.0, &types).unwrap_or_else(|| {
                let (en, ja) = crate::vocab::joined(&types);
                crate::msg!(
                    "use one of {en}, or add templates/{name}",
                    "{ja} のいずれかを使うか、templates/{name} を追加してください"
                )
            })),
        );
        return (None, diags, Vec::new());
    }
    let mut cx = view::ViewCx {
        project,
        released,
        lang,
        origins: origin::Origins::default(),
        doc: d,
        sources,
        diags: Vec::new(),
        shown: Vec::new(),
        prose: Vec::new(),
        prose_check: true,
    };
    let context = view::document_context(&mut cx, d);
    let (view_diags, view_shown, view_prose) = (cx.diags, cx.shown, cx.prose);
    let origins = cx.origins.into_vec();
    let ctx = match tera::Context::from_serialize(&context) {
        Ok(c) => c,
        Err(e) => {
            diags.push(templates::error_diagnostic(&e, templates, Code::TemplateRender, Some(d.id.span)));
            return (None, diags, Vec::new());
        }
    };
    let markdown = match templates.markdown.render(&name, &ctx) {
        Ok(m) => m,
        Err(e) => {
            diags.push(templates::error_diagnostic(&e, templates, Code::TemplateRender, Some(d.id.span)));
            return (None, diags, Vec::new());
        }
    };
    let parsed = markdown::parse(&markdown, project.site.allow_raw_html);
    // The view holds every text of the service and programme; what the
    // template printed is what the document shows.
    let printed: std::collections::HashSet<doc::OriginId> = parsed.used_origins.iter().copied().collect();
    let counts = |o: &Option<doc::OriginId>| o.is_none_or(|o| printed.contains(&o));
    diags.extend(view_diags.into_iter().filter(|(o, _)| counts(o)).map(|(_, d)| d));
    let shown: Vec<Span> = view_shown.into_iter().filter(|(o, _)| counts(o)).map(|(_, s)| s).collect();
    let mut prose_values: Vec<(String, Span)> = Vec::new();
    for (o, text, span) in view_prose {
        if printed.contains(&o) && !prose_values.iter().any(|(_, s)| *s == span) {
            prose_values.push((text, span));
        }
    }
    diags.extend(prose::findings(project, d, &prose_values, &shown, sources));

    for o in &parsed.used_origins {
        if let Some(origin) = origins.get(*o as usize)
            && let Some(missing) = origin.missing_lang
        {
            diags.push(
                Diagnostic::new(Code::MissingTranslation, {
                    let (name, name_ja, id) = (missing.name(), missing.name_in(crate::vocab::Lang::Ja), &d.id.value);
                    crate::msg!(
                        "no {name} text for this value, which document `{id}` shows",
                        "文書 `{id}` が表示するこの値に{name_ja}の訳がありません"
                    )
                })
                .at(origin.span, {
                    let code = missing.code();
                    crate::msg!("has no `{code}:` translation", "`{code}:` の訳がない値")
                })
                .hint({
                    let other = crate::model::values::Lang::ALL.iter().find(|l| **l != missing).unwrap_or(&missing);
                    let (o, m) = (other.code(), missing.code());
                    crate::msg!(
                        "write the value as a mapping with one key per language, e.g. `{{{o}: …, {m}: …}}`",
                        "言語ごとに一つのキーを持つマッピングとして値を書いてください。例: `{{{o}: …, {m}: …}}`"
                    )
                }),
            );
        }
    }
    // One warning per value, listing its HTML.
    let mut by_origin: Vec<(Option<u32>, Vec<String>)> = Vec::new();
    for raw in &parsed.raw_html {
        match by_origin.iter_mut().find(|(o, _)| *o == raw.origin) {
            Some((_, list)) => list.push(raw.html.trim().to_string()),
            None => by_origin.push((raw.origin, vec![raw.html.trim().to_string()])),
        }
    }
    for (origin, html) in by_origin {
        let span = origin.and_then(|o| origins.get(o as usize)).map(|o| o.span).unwrap_or(d.id.span);
        let shown: Vec<String> = html.iter().map(|h| format!("`{h}`")).collect();
        let (en, ja) = crate::vocab::joined(&shown);
        diags.push(
            Diagnostic::new(
                Code::RawHtml,
                crate::msg!("raw HTML {en} is shown as text", "生の HTML {ja} はテキストのまま表示されます"),
            )
            .at(span, crate::msg!("contains HTML", "HTML を含む値"))
            .hint(Msg::both(
                "write Markdown instead, or set `html: {allow_raw_html: true}` in kiyaku.yaml if you trust every author",
                "代わりに Markdown で書いてください。すべての執筆者を信頼できる場合は、kiyaku.yaml で `html: {allow_raw_html: true}` と設定してください",
            )),
        );
    }

    // An image's source (scheme, file) is the loader's to check; here,
    // only that one inside a line of text is not a figure.
    for image in &parsed.images {
        let span = image.origin.and_then(|o| origins.get(o as usize)).map(|o| o.span).unwrap_or(d.id.span);
        let src = image.src.trim();
        // At the image's source in the YAML value, where it can be found.
        let span = span.of_destination(sources.text(span), src);
        diags.push(
            Diagnostic::new(
                Code::ImageNotShown,
                crate::msg!(
                    "image `{src}` inside a line of text is shown as its alt text",
                    "文中の画像 `{src}` は代替テキストで表示されます"
                ),
            )
            .at(span, crate::msg!("image in text", "文中の画像"))
            .hint(crate::msg!(
                "put the image in a paragraph of its own (a blank line before and after) to show it as a numbered figure",
                "画像だけの段落に置くと（前後に空行）、番号付きの図として表示されます"
            )),
        );
    }

    let plain = |s: &str| origin::strip_tags(s).0;
    let meta = Meta {
        id: d.id.value.0.clone(),
        doc_type: d.doc_type.value.0.clone(),
        type_label: context.doc.type_label.clone(),
        lang,
        title: plain(&context.doc.title),
        subtitle: context.doc.subtitle.as_deref().map(plain),
        version: d.version.text.clone(),
        date: d.effective_date(),
        provider: context.doc.provider.as_ref().map(|p| plain(&p.name)),
        service: context.service.as_ref().map(|s| plain(&s.name)),
        programme: context.programme.as_ref().map(|p| plain(&p.name)),
        classification: d.classification.as_ref().map(|c| project.site.label(c.value.into(), lang).to_string()),
        number: d.number.clone(),
        words: doc::FrontWords {
            contents: project.site.label(Label::Contents, lang).to_string(),
            version: project.site.label(Label::Version, lang).to_string(),
            issued: project.site.label(Label::Issued, lang).to_string(),
            provider: project.site.label(Label::Provider, lang).to_string(),
            document_id: project.site.label(Label::DocumentId, lang).to_string(),
            document_number: project.site.label(Label::DocumentNumber, lang).to_string(),
        },
        brand: project.brand_of(d, lang).into(),
    };
    let mut tree = doc::RenderedDocument { meta, blocks: parsed.blocks, footnotes: parsed.footnotes, origins };
    figures::place(project, &mut tree, (d.id.span, sources), &mut diags);
    (Some(tree), diags, shown)
}

/// How renders are bounded in time.
pub(crate) struct RenderLimits<'a> {
    pub threads: usize,
    /// Longest one document's render may take.
    pub per_document: Duration,
    /// The engine's slot for a render that overran.
    pub abandoned: &'a Abandoned,
}

/// Render every document (in parallel, each within the time limit) and
/// resolve links between them and to the published comparisons (`lock`:
/// what the lock says, and those comparisons, made already, which follow
/// the documents). Documents that fail to render are left out; the
/// diagnostics say why.
pub(crate) fn render_all(
    project: &Arc<Project>,
    lock: (&Arc<Releases>, Vec<doc::RenderedDocument>),
    templates: &Arc<Templates>,
    sources: &Sources,
    limits: &RenderLimits,
) -> (Vec<doc::RenderedDocument>, Vec<Diagnostic>) {
    let (released, comparisons) = lock;
    let template_of = |d: &Document| {
        let name = format!("{}.md", d.doc_type.value);
        templates.file(&name).map(|f| (Span::new(f, 0..0), format!("templates/{name}")))
    };
    // The slot holds the id of the document whose render overran.
    if let Some(id) = limits.abandoned.still_running() {
        let d = Diagnostic::new(
            Code::TemplateTimeout,
            crate::msg!(
                "the render of document `{id}` overran the time limit in an earlier build and is still running; nothing is rendered until it ends",
                "以前のビルドで文書 `{id}` の描画が制限時間を超え、まだ実行中です。終わるまで何も描画されません"
            ),
        )
        .hint(crate::msg!(
            "fix the template; if the render never ends, restart kiyaku",
            "テンプレートを直してください。描画が終わらない場合は kiyaku を再起動してください"
        ));
        let at = project.documents.first().and_then(template_of).map(|(s, _)| s);
        return (
            Vec::new(),
            vec![match at {
                Some(span) => d.at(span, crate::msg!("slow template", "遅いテンプレート")),
                None => d,
            }],
        );
    }
    // The render threads outlive this call's borrows: they get a copy of the sources.
    let (p, r, t, src) = (project.clone(), released.clone(), templates.clone(), Arc::new(sources.clone()));
    // What an overrunning render leaves in the slot: its document's id.
    let what = |i: usize| project.documents[i].id.value.to_string();
    let rendered = deadline::render_all(
        project.documents.len(),
        limits.threads,
        limits.per_document,
        limits.abandoned,
        what,
        move |i| {
            let d = &p.documents[i];
            (render_document(&p, &r, d, &t, &src), d.id.span)
        },
    );
    let results = match rendered {
        Ok(r) => r,
        Err(overran) => {
            let d = &project.documents[overran.index];
            let seconds = limits.per_document.as_secs_f64();
            let id = &d.id.value;
            let mut diag = Diagnostic::new(
                Code::TemplateTimeout,
                crate::msg!(
                    "rendering document `{id}` took longer than {seconds:.0} s, the limit",
                    "文書 `{id}` の描画が制限時間の {seconds:.0} 秒を超えました"
                ),
            )
            .hint(crate::msg!(
                "look for a loop in the template (or a template it includes) that runs far more often than the data needs; raise `limits: template-seconds:` in kiyaku.yaml only for very large documents",
                "テンプレート（またはそれが読み込むテンプレート）に、データに必要な回数よりはるかに多く回るループがないか確認してください。kiyaku.yaml の `limits: template-seconds:` を上げるのは、非常に大きな文書の場合だけにしてください"
            ));
            let this = || crate::msg!("this document", "この文書");
            diag = match template_of(d) {
                Some((span, name)) => diag
                    .at(
                        span,
                        crate::msg!(
                            "{name} (or a template it includes) is too slow",
                            "遅すぎるテンプレート {name}（またはそれが読み込むテンプレート）"
                        ),
                    )
                    .also(d.id.span, this()),
                None => diag.at(d.id.span, this()),
            };
            return (Vec::new(), vec![diag]);
        }
    };
    let mut docs = Vec::new();
    let mut fallbacks = Vec::new();
    let mut diags = Vec::new();
    let mut unrendered = Vec::new();
    let mut shown = std::collections::HashSet::new();
    for ((rendered, span), doc) in results.into_iter().zip(&project.documents) {
        diags.extend(rendered.diags);
        shown.extend(rendered.shown);
        match rendered.tree {
            Some(t) => {
                docs.push(t);
                fallbacks.push(span);
            }
            None => unrendered.push(doc.id.value.0.clone()),
        }
    }
    docs.extend(comparisons);
    diags.extend(links::resolve(&mut docs, &fallbacks, sources, &unrendered));
    // Whether a fact is shown is only known once every document rendered.
    if unrendered.is_empty() {
        diags.extend(unused_facts(project, &shown));
    }
    // A service's text is shown by several documents: one report of each finding.
    let mut seen = std::collections::HashSet::new();
    diags.retain(|d| seen.insert(d.clone()));
    (docs, diags)
}

/// W0225 for every custom fact and table that no document shows.
fn unused_facts(project: &Project, shown: &std::collections::HashSet<Span>) -> Vec<Diagnostic> {
    // Each owner's word in English and Japanese.
    let mut scopes: Vec<((&str, &str), &str, &crate::model::custom::Custom)> = Vec::new();
    scopes.extend(project.documents.iter().map(|d| (("document", "文書"), d.id.as_str(), &d.custom)));
    scopes.extend(project.services.iter().map(|s| (("service", "サービス"), s.id.as_str(), &s.custom)));
    scopes.extend(project.programmes.iter().map(|p| (("programme", "サポートプログラム"), p.id.as_str(), &p.custom)));
    scopes.extend(project.providers.iter().map(|p| (("provider", "提供者"), p.id.as_str(), &p.custom)));
    let never_shown = || crate::msg!("defined here, never shown", "ここで定義、表示なし");
    let mut out = Vec::new();
    for ((owner, owner_ja), id, c) in scopes {
        for f in c.facts.iter().filter(|f| !shown.contains(&f.id.span)) {
            let fact = &f.id.value;
            out.push(
                Diagnostic::new(
                    Code::UnusedFact,
                    crate::msg!(
                        "fact `{fact}` of {owner} `{id}` is shown by no document",
                        "{owner_ja} `{id}` のファクト `{fact}` はどの文書にも表示されません"
                    ),
                )
                .at(f.id.span, never_shown())
                .hint(crate::msg!(
                    "show it in prose with `[](={fact})`, or remove it",
                    "文章の中で `[](={fact})` と書いて表示するか、削除してください"
                )),
            );
        }
        for t in c.tables.iter().filter(|t| !shown.contains(&t.id.span)) {
            let table = &t.id.value;
            out.push(
                Diagnostic::new(
                    Code::UnusedFact,
                    crate::msg!(
                        "table `{table}` of {owner} `{id}` is shown by no document",
                        "{owner_ja} `{id}` の表 `{table}` はどの文書にも表示されません"
                    ),
                )
                .at(t.id.span, never_shown())
                .hint(crate::msg!(
                    "show it with `show: [{{table: {table}}}]` in a section, or remove it",
                    "節の `show: [{{table: {table}}}]` で表示するか、削除してください"
                )),
            );
        }
    }
    out
}

impl From<crate::model::ShownBrand> for doc::Brand {
    fn from(b: crate::model::ShownBrand) -> doc::Brand {
        doc::Brand {
            logo: b.logo,
            logo_alt: b.logo_alt,
            accent: b.accent,
            footer: b.footer,
            banded_cover: b.cover == crate::model::Cover::Band,
        }
    }
}
