//! Custom facts and tables in a document's view: references in prose
//! replaced by their values, `table` blocks, and the `facts` a template
//! can read. What a reference shows is recorded, for the warning about
//! facts that no document shows.

use std::collections::BTreeMap;

use serde::Serialize;

use super::ViewCx;
use crate::diag::{Code, Diagnostic, Msg, suggestion};
use crate::model::custom::{FactOwner, FactRef, RefError, Resolved, UserTable, Value, find_refs};
use crate::model::{Text, TextVariant};
use crate::render::filters::escape_markdown;
use crate::source::Span;

#[derive(Serialize)]
pub(crate) struct TableView {
    pub id: String,
    pub title: Option<String>,
    pub columns: Vec<String>,
    /// Per column: `right` for figures, else `left`.
    pub align: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
    pub note: Option<String>,
}

/// A fact as templates see it: `facts["max-contacts"].value`.
#[derive(Serialize)]
pub(crate) struct FactView {
    pub label: String,
    /// In the document's language, as Markdown.
    pub value: String,
    /// `count`, `duration`, …
    #[serde(rename = "type")]
    pub kind: &'static str,
}

const DASH: &str = "—";

/// A value as Markdown text in the document's language.
fn value_markdown(cx: &mut ViewCx, value: Option<&Value>, ty: &crate::model::custom::ValueType) -> String {
    match value {
        None => DASH.into(),
        // Prose: tagged like any other text, so a missing translation is reported.
        Some(Value::Text(t)) => cx.t(t),
        Some(v) => {
            untranslated_words(cx, v, ty);
            escape_markdown(&v.render(ty, cx.lang, cx.project))
        }
    }
}

/// A count's unit or a calendar's name without the document's language
/// would show another language's words: reported like any text.
fn untranslated_words(cx: &mut ViewCx, v: &Value, ty: &crate::model::custom::ValueType) {
    let words = match v {
        Value::Count(crate::model::values::Count::Finite(_)) => ty.unit.as_ref(),
        Value::Calendar(r) => cx.project.calendar(r.as_str()).map(|c| &c.name),
        _ => None,
    };
    if let Some(t) = words
        && t.get(cx.lang).is_none()
    {
        cx.diags.push((None, missing_translation(t, cx.lang, cx.doc.id.as_str())));
    }
}

pub(super) fn table(cx: &mut ViewCx, t: &UserTable) -> TableView {
    cx.shown.push((None, t.id.span));
    let align = t
        .columns
        .iter()
        .map(|c| match c.ty.kind {
            crate::model::custom::ValueKind::Text | crate::model::custom::ValueKind::Calendar => "left",
            _ => "right",
        })
        .collect();
    let columns = t.columns.iter().map(|c| cx.t(&c.label)).collect();
    let rows = t
        .rows
        .iter()
        .map(|r| {
            t.columns
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let v = r.cells.get(i).and_then(|c| c.as_ref()).map(|c| &c.value);
                    value_markdown(cx, v, &c.ty)
                })
                .collect()
        })
        .collect();
    TableView { id: t.id.value.0.clone(), title: cx.t_opt(&t.title), columns, align, rows, note: cx.t_opt(&t.note) }
}

/// Every fact document `d` can show, nearest definition first, for templates.
pub(super) fn facts(cx: &mut ViewCx) -> BTreeMap<String, FactView> {
    let mut out = BTreeMap::new();
    let (p, d) = (cx.project, cx.doc);
    for (_, c) in p.fact_scopes(d) {
        for f in &c.facts {
            if out.contains_key(f.id.as_str()) {
                continue;
            }
            // Not counted as shown: a template may never print it.
            let label = cx.origins.text(&f.label, cx.lang);
            let value = match &f.value.value {
                Value::Text(t) => cx.origins.text(t, cx.lang),
                v => escape_markdown(&v.render(&f.ty, cx.lang, p)),
            };
            out.insert(f.id.value.0.clone(), FactView { label, value, kind: f.ty.kind.word() });
        }
    }
    out
}

/// `text` with every fact reference replaced by its value. Problems are
/// reported at the reference, found in the YAML value at `span`.
pub(super) fn substitute(cx: &mut ViewCx, text: &str, span: Span) -> String {
    if !text.contains("](=") {
        return text.to_string();
    }
    let found = find_refs(text);
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for f in &found {
        out.push_str(text.get(last..f.range.start).unwrap_or(""));
        last = f.range.end;
        let pattern = format!("(={})", f.dest);
        let nth = crate::render::origin::occurrences_before(text, &pattern, f.range.start);
        // Past the `(`: the location is the `=dest`.
        let at = crate::render::origin::locate_nth(cx.sources, span, &pattern, nth);
        let at = if at == span { span } else { at.sub(1, f.dest.len() + 1) };
        if !f.text.trim().is_empty() {
            let (dest, own) = (f.dest, f.text.trim());
            cx.diags.push((
                None,
                Diagnostic::new(
                    Code::FactReferenceText,
                    crate::msg!(
                        "the reference to `{dest}` has text of its own, `{own}`",
                        "`{dest}` への参照に独自のテキスト `{own}` があります"
                    ),
                )
                .at(at, crate::msg!("shows the fact's value, not this text", "このテキストではなくファクトの値が表示されます"))
                .hint(crate::msg!(
                    "leave the brackets empty, `[](={dest})`: the value comes from the fact, so it cannot drift",
                    "角かっこは空にして `[](={dest})` と書いてください。値はファクトから取られるので、ずれることはありません"
                )),
            ));
        }
        let resolved = FactRef::parse(f.dest).and_then(|r| cx.project.resolve_fact(cx.doc, &r));
        match resolved {
            Ok(r) => {
                let v = shown_value(cx, &r);
                out.push_str(&v);
            }
            Err(e) => {
                if let Some(d) = ref_diagnostic(&e, f.dest) {
                    let label = crate::msg!("not a fact this document can show", "この文書が表示できないファクト");
                    cx.diags.push((None, d.at(at, label)));
                }
                out.push_str(&escape_markdown(&format!("={}", f.dest)));
            }
        }
    }
    out.push_str(text.get(last..).unwrap_or(""));
    out
}

fn shown_value(cx: &mut ViewCx, r: &Resolved) -> String {
    cx.shown.push((None, r.defined));
    match r.value {
        // Text facts are Markdown of their own; their references are not followed.
        Some(Value::Text(t)) => {
            if t.get(cx.lang).is_none() {
                cx.diags.push((None, missing_translation(t, cx.lang, cx.doc.id.as_str())));
            }
            t.best(cx.lang).trim().to_string()
        }
        Some(v) => {
            untranslated_words(cx, v, r.ty);
            escape_markdown(&v.render(r.ty, cx.lang, cx.project))
        }
        None => DASH.into(),
    }
}

fn missing_translation(t: &Text, lang: crate::model::values::Lang, doc: &str) -> Diagnostic {
    let (name, name_ja, code) = (lang.name(), lang.name_in(crate::vocab::Lang::Ja), lang.code());
    Diagnostic::new(
        Code::MissingTranslation,
        crate::msg!(
            "no {name} text for this fact, which document `{doc}` shows",
            "文書 `{doc}` が表示するこのファクトに{name_ja}の訳がありません"
        ),
    )
    .at(t.span, crate::msg!("has no `{code}:` translation", "`{code}:` の訳がない値"))
    .hint(Msg::both(
        "write the value as a mapping with one key per language, e.g. `{ja: …, en: …}`",
        "言語ごとに一つのキーを持つマッピングとして値を書いてください。例: `{ja: …, en: …}`",
    ))
}

/// The first dozen ids in backticks, joined in English and in Japanese.
fn quoted(ids: &[&str]) -> (String, String) {
    let shown: Vec<String> = ids.iter().take(12).map(|i| format!("`{i}`")).collect();
    let (more, more_ja) = if ids.len() > 12 { (", …", "、…") } else { ("", "") };
    (format!("{}{more}", shown.join(", ")), format!("{}{more_ja}", shown.join("、")))
}

/// What keeps facts (`document`, …), as a Japanese noun.
fn owner_ja(o: FactOwner) -> &'static str {
    match o {
        FactOwner::Document => "文書",
        FactOwner::Service => "サービス",
        FactOwner::Programme => "サポートプログラム",
        FactOwner::Provider => "提供者",
    }
}

/// The diagnostic (without location) for a reference that cannot be
/// resolved; none for one to a fact whose own error is reported.
pub(crate) fn ref_diagnostic(e: &RefError, dest: &str) -> Option<Diagnostic> {
    let syntax = crate::msg!(
        "write `[](=fact-id)`, `[](=table-id/row-id/column-id)`, or say where to look: `[](=provider:fact-id)`",
        "`[](=fact-id)` か `[](=table-id/row-id/column-id)` と書くか、探す場所を `[](=provider:fact-id)` のように指定してください"
    );
    Some(match e {
        RefError::Unreadable => return None,
        RefError::Syntax(s) => Diagnostic::new(
            Code::UnknownFact,
            crate::msg!("`={s}` is not a fact reference", "`={s}` はファクト参照ではありません"),
        )
        .hint(syntax),
        RefError::NoColumn(s) => Diagnostic::new(
            Code::UnknownTable,
            crate::msg!("`={s}` names a row but no column", "`={s}` は行を指定していますが、列を指定していません"),
        )
        .hint(crate::msg!(
            "a reference shows one cell: `[](={s}/column-id)`",
            "参照は一つのセルを表示します: `[](={s}/column-id)`"
        )),
        RefError::UnknownOwner(o) => {
            let words: Vec<&str> = crate::model::custom::FactOwner::ALL.iter().map(|w| w.word()).collect();
            Diagnostic::new(
                Code::UnknownFact,
                crate::msg!("`{o}:` is not a place facts are kept", "`{o}:` はファクトを置く場所ではありません"),
            )
            .hint(suggestion(o, &words).unwrap_or_else(|| {
                let (en, ja) = crate::vocab::joined(&words);
                crate::msg!("qualify a reference with one of {en}", "参照の前に {ja} のいずれかを付けてください")
            }))
        }
        RefError::NoOwner(o) => {
            let (w, noun) = (o.word(), owner_ja(*o));
            Diagnostic::new(
                Code::UnknownFact,
                crate::msg!(
                    "`={dest}`: this document has no {w} to take facts from",
                    "`={dest}`: この文書には、ファクトを取り出す{noun}がありません"
                ),
            )
            .hint(crate::msg!(
                "name the {w} in the document, or leave out `{w}:`",
                "文書で{noun}を指定するか、`{w}:` を外してください"
            ))
        }
        RefError::UnknownFact { id, candidates, is_table, elsewhere } => {
            let hint = if let Some(o) = elsewhere {
                let (w, noun) = (o.word(), owner_ja(*o));
                crate::msg!(
                    "`{id}` is a fact of the {w}: write `[](={w}:{id})`, or `[](={id})` for the nearest",
                    "`{id}` は{noun}のファクトです。`[](={w}:{id})` と書くか、最も近いものを指す `[](={id})` と書いてください"
                )
            } else if *is_table {
                crate::msg!(
                    "`{id}` is a table: show one cell with `[](={id}/row-id/column-id)`, or the table with `show: [{{table: {id}}}]`",
                    "`{id}` は表です。一つのセルは `[](={id}/row-id/column-id)`、表全体は `show: [{{table: {id}}}]` で示します"
                )
            } else if candidates.is_empty() {
                crate::msg!(
                    "define it under `facts:` in the document, or in its service, programme or provider",
                    "文書、またはそのサービス・サポートプログラム・提供者の `facts:` に定義してください"
                )
            } else {
                suggestion(id, candidates).unwrap_or_else(|| {
                    let (q, q_ja) = quoted(candidates);
                    crate::msg!(
                        "the facts this document can show are {q}",
                        "この文書が表示できるファクトは {q_ja} です"
                    )
                })
            };
            Diagnostic::new(
                Code::UnknownFact,
                crate::msg!("reference to unknown fact `{id}`", "不明なファクト `{id}` への参照があります"),
            )
            .hint(hint)
        }
        RefError::UnknownTable { table, candidates } => Diagnostic::new(
            Code::UnknownTable,
            crate::msg!("reference to unknown table `{table}`", "不明な表 `{table}` への参照があります"),
        )
        .hint(suggestion(table, candidates).unwrap_or_else(|| {
            crate::msg!(
                "define it under `tables:` in the document, or in its service, programme or provider",
                "文書、またはそのサービス・サポートプログラム・提供者の `tables:` に定義してください"
            )
        })),
        RefError::UnknownRow { table, row, candidates } => Diagnostic::new(
            Code::UnknownTable,
            crate::msg!("table `{table}` has no row `{row}`", "表 `{table}` に行 `{row}` はありません"),
        )
        .hint(suggestion(row, candidates).unwrap_or_else(|| {
            let (q, q_ja) = quoted(candidates);
            crate::msg!("its rows are {q}", "行は {q_ja} です")
        })),
        RefError::UnknownColumn { table, column, candidates } => Diagnostic::new(
            Code::UnknownTable,
            crate::msg!("table `{table}` has no column `{column}`", "表 `{table}` に列 `{column}` はありません"),
        )
        .hint(suggestion(column, candidates).unwrap_or_else(|| {
            let (q, q_ja) = quoted(candidates);
            crate::msg!("its columns are {q}", "列は {q_ja} です")
        })),
    })
}

/// A text's variant for `lang` with its references replaced.
pub(super) fn variant(
    cx: &mut ViewCx,
    t: &Text,
    id: crate::doc::OriginId,
) -> (TextVariant, Option<crate::model::values::Lang>) {
    let (v, missing) = match t.get(cx.lang) {
        Some(v) => (v, None),
        None => (t.first(), Some(cx.lang)),
    };
    if cx.prose_check {
        cx.prose.push((id, v.text.clone(), v.span));
    }
    let text = substitute(cx, &v.text, v.span);
    (TextVariant { lang: v.lang, text, span: v.span }, missing)
}
