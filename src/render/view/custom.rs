//! Custom facts and tables in a document's view: references in prose
//! replaced by their values, `table` blocks, and the `facts` a template
//! can read. What a reference shows is recorded, for the warning about
//! facts that no document shows.

use std::collections::BTreeMap;

use serde::Serialize;

use super::ViewCx;
use crate::diag::{Code, Diagnostic, suggestion};
use crate::model::custom::{FactRef, RefError, Resolved, UserTable, Value, find_refs};
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
            cx.diags.push((
                None,
                Diagnostic::new(
                    Code::FactReferenceText,
                    format!("the reference to `{}` has text of its own, `{}`", f.dest, f.text.trim()),
                )
                .at(at, "shows the fact's value, not this text")
                .hint(format!(
                    "leave the brackets empty, `[](={})`: the value comes from the fact, so it cannot drift",
                    f.dest
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
                    cx.diags.push((None, d.at(at, "not a fact this document can show")));
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
    Diagnostic::new(
        Code::MissingTranslation,
        format!("no {} text for this fact, which document `{doc}` shows", lang.name()),
    )
    .at(t.span, format!("has no `{}:` translation", lang.code()))
    .hint("write the value as a mapping with one key per language, e.g. `{ja: …, en: …}`")
}

fn quoted(ids: &[&str]) -> String {
    let shown: Vec<String> = ids.iter().take(12).map(|i| format!("`{i}`")).collect();
    let more = if ids.len() > 12 { ", …" } else { "" };
    format!("{}{more}", shown.join(", "))
}

/// The diagnostic (without location) for a reference that cannot be
/// resolved; none for one to a fact whose own error is reported.
pub(crate) fn ref_diagnostic(e: &RefError, dest: &str) -> Option<Diagnostic> {
    let syntax =
        "write `[](=fact-id)`, `[](=table-id/row-id/column-id)`, or say where to look: `[](=provider:fact-id)`";
    Some(match e {
        RefError::Unreadable => return None,
        RefError::Syntax(s) => {
            Diagnostic::new(Code::UnknownFact, format!("`={s}` is not a fact reference")).hint(syntax)
        }
        RefError::NoColumn(s) => Diagnostic::new(Code::UnknownTable, format!("`={s}` names a row but no column"))
            .hint(format!("a reference shows one cell: `[](={s}/column-id)`")),
        RefError::UnknownOwner(o) => {
            let words: Vec<&str> = crate::model::custom::FactOwner::ALL.iter().map(|w| w.word()).collect();
            Diagnostic::new(Code::UnknownFact, format!("`{o}:` is not a place facts are kept")).hint(
                suggestion(o, &words).unwrap_or_else(|| {
                    let (en, ja) = (words.join(", "), words.join("、"));
                    crate::msg!("qualify a reference with one of {en}", "参照の前に {ja} のいずれかを付けてください")
                }),
            )
        }
        RefError::NoOwner(o) => Diagnostic::new(
            Code::UnknownFact,
            format!("`={dest}`: this document has no {} to take facts from", o.word()),
        )
        .hint(format!("name the {} in the document, or leave out `{}:`", o.word(), o.word())),
        RefError::UnknownFact { id, candidates, is_table, elsewhere } => {
            let hint = if let Some(o) = elsewhere {
                let w = o.word();
                crate::msg!(
                    "`{id}` is a fact of the {w}: write `[](={w}:{id})`, or `[](={id})` for the nearest",
                    "`{id}` は {w} のファクトです。`[](={w}:{id})` と書くか、最も近いものを指す `[](={id})` と書いてください"
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
                    let q = quoted(candidates);
                    crate::msg!("the facts this document can show are {q}", "この文書が示せるファクトは {q} です")
                })
            };
            Diagnostic::new(Code::UnknownFact, format!("reference to unknown fact `{id}`")).hint(hint)
        }
        RefError::UnknownTable { table, candidates } => {
            Diagnostic::new(Code::UnknownTable, format!("reference to unknown table `{table}`")).hint(
                suggestion(table, candidates).unwrap_or_else(|| {
                    crate::msg!(
                        "define it under `tables:` in the document, or in its service, programme or provider",
                        "文書、またはそのサービス・サポートプログラム・提供者の `tables:` に定義してください"
                    )
                }),
            )
        }
        RefError::UnknownRow { table, row, candidates } => {
            Diagnostic::new(Code::UnknownTable, format!("table `{table}` has no row `{row}`")).hint(
                suggestion(row, candidates).unwrap_or_else(|| {
                    let q = quoted(candidates);
                    crate::msg!("its rows are {q}", "行は {q} です")
                }),
            )
        }
        RefError::UnknownColumn { table, column, candidates } => {
            Diagnostic::new(Code::UnknownTable, format!("table `{table}` has no column `{column}`")).hint(
                suggestion(column, candidates).unwrap_or_else(|| {
                    let q = quoted(candidates);
                    crate::msg!("its columns are {q}", "列は {q} です")
                }),
            )
        }
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
