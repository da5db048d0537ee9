//! Figures get their number's words (「図 1」), the image the loader read
//! for them, and a check that their ids are their own.

use std::collections::HashSet;

use crate::diag::{Code, Diagnostic};
use crate::doc::{Block, RenderedDocument};
use crate::model::Project;
use crate::source::{Sources, Span};
use crate::vocab::Label;

/// Fill in every figure of `tree`; `fallback` is where to point when a
/// figure's origin is unknown.
pub(super) fn place(
    project: &Project,
    tree: &mut RenderedDocument,
    (fallback, sources): (Span, &Sources),
    diags: &mut Vec<Diagnostic>,
) {
    let lang = tree.meta.lang;
    let word = project.site.label(Label::Figure, lang).to_string();
    let mut ids: HashSet<String> = tree.headings().into_iter().map(|h| h.id).collect();
    let origins = tree.origins.clone();
    tree.visit_blocks_mut(&mut |b| {
        let Block::Figure(fig) = b else { return };
        fig.label = format!("{word} {}", fig.number);
        fig.separator = if lang == crate::vocab::Lang::Ja { "\u{3000}" } else { ": " };
        let origin = fig.origin.and_then(|o| origins.get(o as usize));
        let span = origin.map_or(fallback, |o| o.span);
        match origin {
            Some(o) => {
                fig.image = project.images.get(o.span.file, &fig.src).cloned();
                // The loader saw every image of the content: one it did not
                // read was reported there (E0901–E0905), or it is not there.
                if fig.image.is_none() && !project.images.reported(o.span.file, &fig.src) {
                    let src = &fig.src;
                    diags.push(
                        Diagnostic::new(
                            Code::ImageNotShown,
                            crate::msg!(
                                "image `{src}` is shown as its alt text",
                                "画像 `{src}` は代替テキストで表示されます"
                            ),
                        )
                        .at(span, crate::msg!("image not read", "読み込まれなかった画像"))
                        .hint(crate::msg!(
                            "write the image in a paragraph of its own in a section's text",
                            "画像は節の本文の中で、画像だけの段落に書いてください"
                        )),
                    );
                }
            }
            None => {
                let src = &fig.src;
                diags.push(
                    Diagnostic::new(
                        Code::ImageNotShown,
                        crate::msg!(
                            "image `{src}`, written by a template, is shown as its alt text",
                            "テンプレートが書いた画像 `{src}` は代替テキストで表示されます"
                        ),
                    )
                    .at(span, crate::msg!("document whose template writes it", "テンプレートが画像を書く文書"))
                    .hint(crate::msg!(
                        "name images in the content (a section's `body:`), where they are read and checked",
                        "画像はコンテンツ（節の `body:` など）に書いてください。そこで読み込まれ、検査されます"
                    )),
                );
            }
        }
        if let Some(id) = &fig.id
            && (!ids.insert(id.clone()) || crate::vocab::SitePaths::is_page_anchor(id))
        {
            let written = format!("{{#{id}}}");
            // The later one is the one that repeats an id.
            let span = match sources.text(span).rfind(&written) {
                Some(i) => span.sub(i, written.len()),
                None => span,
            };
            diags.push(
                Diagnostic::new(
                    Code::FigureIdTaken,
                    crate::msg!(
                        "figure id `{id}` is already used in this document",
                        "図の ID `{id}` はこの文書ですでに使われています"
                    ),
                )
                .at(span, crate::msg!("`{{#{id}}}` here", "ここの `{{#{id}}}`"))
                .hint(crate::msg!(
                    "give the figure an id no section or other figure has, e.g. `{{#{id}-2}}`",
                    "節や他の図にない ID を付けてください（例: `{{#{id}-2}}`）"
                )),
            );
        }
    });
}
