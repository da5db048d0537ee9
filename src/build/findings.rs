//! Diagnostics about what the build made rather than what the content
//! says: characters the fonts lack, documents past the page limit, links
//! of the built site that go nowhere.

use crate::diag::{Code, Diagnostic};
use crate::doc::RenderedDocument;
use crate::engine::Fonts;
use crate::model::Project;
use crate::site::SiteFiles;
use crate::vocab::SitePaths;

/// W0703 when document `id` has more pages than the project allows.
pub(super) fn page_limit(project: &Project, id: &str, pages: usize) -> Option<Diagnostic> {
    let limit = project.site.limits.pages as usize;
    if pages <= limit {
        return None;
    }
    let span = project.document(id)?.id.span;
    Some(
        Diagnostic::new(
            Code::PageLimit,
            crate::msg!(
                "document `{id}` lays out as {pages} pages, more than the limit of {limit} pages",
                "文書 `{id}` は {pages} ページになり、ページ数の上限 {limit} ページを超えています"
            ),
        )
        .at(span, crate::msg!("{pages} pages", "{pages} ページ"))
        .hint(crate::msg!(
            "split it into several documents, or raise `limits: pages:` in kiyaku.yaml if it is meant to be this long",
            "複数の文書に分けるか、この長さが意図どおりなら kiyaku.yaml の `limits: pages:` を引き上げてください"
        )),
    )
}

pub(super) fn missing_glyphs(project: &Project, docs: &[RenderedDocument], fonts: &Fonts) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for d in docs {
        let fallback = project.document(&d.meta.id).map(|x| x.id.span);
        for m in crate::layout::glyphs::missing(d, &fonts.set) {
            let span = m.origin.and_then(|o| d.origins.get(o as usize)).map(|o| o.span).or(fallback);
            let (font, font_ja) = if fonts.set.bundled {
                ("the bundled Noto Sans JP".to_string(), "同梱の Noto Sans JP".to_string())
            } else {
                (fonts.set.regular.name.clone(), format!("フォント {}", fonts.set.regular.name))
            };
            let mut diag = Diagnostic::new(
                Code::MissingGlyph,
                crate::msg!(
                    "{font} has no glyph for `{}` (U+{:04X}), used in document `{}`",
                    "{font_ja} には、文書 `{2}` で使われている `{0}`（U+{1:04X}）のグリフがありません",
                    m.ch,
                    m.ch as u32,
                    d.meta.id
                ),
            )
            .hint(crate::msg!(
                "replace the character, or configure a font that has it under `pdf: fonts:` in kiyaku.yaml (the bundled font covers Japanese and Western European text, but not emoji, rare symbols or some Central European letters such as Ł and Ő)",
                "その文字を置き換えるか、その文字を含むフォントを kiyaku.yaml の `pdf: fonts:` に設定してください（同梱のフォントは日本語と西欧の文字に対応していますが、絵文字、まれな記号、Ł や Ő などの一部の中欧の文字には対応していません）"
            ));
            if let Some(s) = span {
                diag = diag.at(s, crate::msg!("contains `{}`", "`{}` を含む箇所", m.ch));
            }
            out.push(diag);
        }
    }
    out
}

/// E0406 for every `href` or `src` of the built site that does not resolve.
pub(super) fn broken_site_links(project: &Project, site: &SiteFiles) -> Vec<Diagnostic> {
    crate::sitecheck::check(site)
        .into_iter()
        .map(|b| {
            let at = project.document(SitePaths::document_of(&b.page)).map(|d| d.id.span);
            let (href, page, reason) = (&b.href, &b.page, &b.reason);
            let reason_ja = reason_ja(reason);
            let d = Diagnostic::new(
                Code::BrokenSiteLink,
                crate::msg!(
                    "`{href}` in output/{page} does not resolve: {reason}",
                    "output/{page} の `{href}` のリンク先がありません: {reason_ja}"
                ),
            )
            .hint(crate::msg!(
                "a template links to a file or anchor that the build does not produce",
                "テンプレートが、ビルドで作られないファイルまたはアンカーにリンクしています"
            ));
            match at {
                Some(span) => d.at(span, crate::msg!("in this document's page", "この文書のページ内")),
                None => d,
            }
        })
        .collect()
}

/// A broken link's reason (as `sitecheck` words it) in Japanese.
fn reason_ja(reason: &str) -> String {
    if reason == "points outside the site" {
        return "サイトの外を指しています".to_string();
    }
    if let Some(file) = reason.strip_prefix("there is no file ") {
        return format!("ファイル {file} がありません");
    }
    if let Some((page, anchor)) = reason.split_once(" has no anchor ") {
        return format!("{page} にアンカー {anchor} がありません");
    }
    reason.to_string()
}
