//! The prose check: a figure written in prose that repeats a custom fact
//! the document shows (W0515: refer to the fact, so the two cannot drift),
//! or that contradicts a fact named in the same sentence or cell (E0516).
//!
//! What it sees: durations, percentages, money and counts in the units the
//! document's count facts use, in Japanese and English (full-width digits,
//! kanji numerals, 〜 ranges; see [`figures`]). A fact is "named" when its
//! label, in the document's language, appears in the sentence (ignoring
//! width, case and spaces). What it does not see: figures spelled out in a
//! way [`figures`] does not read ("a month", "半年"), a fact named in other
//! words than its label, and built-in facts, which prose cannot refer to.

mod figures;

use std::ops::Range;

use crate::diag::{Code, Diagnostic};
use crate::model::custom::{Value, ValueType, code_spans, find_refs};
use crate::model::values::{Basis, CadenceBound, Count, Duration, Frequency, Lang, Unit};
use crate::model::{Document, Project};
use crate::source::{Sources, Span};
use figures::FigureValue;
pub(crate) use figures::figures;

/// A custom fact as the check sees it.
pub(crate) struct FactInProse<'a> {
    pub id: &'a str,
    /// The label in the document's language, normalised.
    pub label: String,
    pub value: &'a Value,
    pub ty: &'a ValueType,
    /// Whether the document shows it.
    pub shown: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FindingKind {
    Repeats,
    Contradicts,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Finding {
    pub kind: FindingKind,
    /// Byte range of the figure in the text.
    pub range: Range<usize>,
    /// Index into the facts.
    pub fact: usize,
}

/// Width, case and spaces do not tell words apart.
pub(crate) fn normalise(s: &str) -> String {
    crate::model::values::normalize_width(s).to_lowercase().chars().filter(|c| !c.is_whitespace()).collect()
}

/// `text` with what is not prose blanked out (byte offsets kept): fact
/// references, code spans, link destinations.
fn prose_only(text: &str) -> String {
    let mut bytes: Vec<u8> = text.as_bytes().to_vec();
    let mut blank = |r: Range<usize>| {
        // Every byte of whole characters: still UTF-8, offsets unchanged.
        for b in bytes.get_mut(r).into_iter().flatten() {
            *b = b' ';
        }
    };
    for f in find_refs(text) {
        blank(f.range);
    }
    let mut i = 0;
    while let Some(off) = text.get(i..).and_then(|r| r.find("](")) {
        let start = i + off + 2;
        let end = text.get(start..).and_then(|r| r.find(')')).map_or(text.len(), |e| start + e);
        blank(start..end);
        i = end;
    }
    for span in code_spans(text) {
        blank(span);
    }
    String::from_utf8(bytes).unwrap_or_default()
}

/// The sentences (and list items, and lines of a cell) of `text`.
fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let next = chars.peek().map(|(_, n)| *n);
        let end_here = match c {
            '。' | '！' | '？' | '!' | '?' => true,
            '.' => next.is_none_or(char::is_whitespace),
            // A new paragraph or list item; <br> in a cell.
            '\n' => matches!(next, Some('\n' | '-' | '*' | '+')) || next.is_some_and(|n| n.is_ascii_digit()),
            '>' => text.get(..at + 1).is_some_and(|t| t.ends_with("<br>")),
            _ => false,
        };
        if end_here {
            let end = at + c.len_utf8();
            out.push(start..end);
            start = end;
        }
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

fn same_duration(a: &Duration, b: &Duration) -> bool {
    if a.basis != b.basis {
        return false;
    }
    if (a.amount, a.max.filter(|m| *m != a.amount), a.unit) == (b.amount, b.max.filter(|m| *m != b.amount), b.unit) {
        return true;
    }
    // 24 hours is a day, 60 minutes an hour; months and years are not days.
    let exact = |d: &Duration| -> Option<(u64, u64)> {
        let per = match (d.basis, d.unit) {
            (Basis::Clock, Unit::Minute) => 1,
            (Basis::Clock, Unit::Hour) => 60,
            (Basis::Clock, Unit::Day) => 1440,
            (Basis::Clock, Unit::Week) => 7 * 1440,
            _ => return None,
        };
        Some((u64::from(d.amount) * per, u64::from(d.max.unwrap_or(d.amount)) * per))
    };
    matches!((exact(a), exact(b)), (Some(x), Some(y)) if x == y)
}

/// Whether a figure could state this fact, and if so whether it states its value.
fn compare(fig: &FigureValue, fact: &FactInProse, lang: Lang) -> Option<bool> {
    match (fig, fact.value) {
        (FigureValue::Duration(d), Value::Duration(f)) => Some(same_duration(d, f)),
        (FigureValue::Duration(d), Value::Schedule(c)) => match c.schedule.frequency {
            Frequency::Every(f) if c.bound == CadenceBound::Exactly => Some(same_duration(d, &f)),
            _ => None,
        },
        (FigureValue::Percent(p), Value::Percent(f)) => Some((p - f.value).abs() < 1e-9),
        (FigureValue::Count(n, unit), Value::Count(c)) => {
            let units = [fact.ty.unit.as_ref(), fact.ty.unit_one.as_ref()];
            let same_unit = units.into_iter().flatten().any(|u| u.get(lang).is_some_and(|v| v.text.trim() == unit));
            same_unit.then_some(*c == Count::Finite(*n))
        }
        // A price said with another tax than the fact's is another price.
        (FigureValue::Money(_, _, Some(t)), Value::Money(_)) if fact.ty.tax.is_some_and(|f| f != *t) => None,
        (FigureValue::Money(a, cur, _), Value::Money(m)) => {
            let amount = |s: &str| s.replace(',', "").parse::<f64>().ok();
            Some(*cur == m.currency && amount(a).zip(amount(&m.amount)).is_some_and(|(x, y)| (x - y).abs() < 0.005))
        }
        _ => None,
    }
}

/// The units count facts are written with in `lang`.
fn count_units<'a>(facts: &'a [FactInProse], lang: Lang) -> Vec<&'a str> {
    let mut units: Vec<&str> = facts
        .iter()
        .filter(|f| matches!(f.value, Value::Count(_)))
        .flat_map(|f| [f.ty.unit.as_ref(), f.ty.unit_one.as_ref()])
        .flatten()
        .filter_map(|u| u.get(lang).map(|v| v.text.trim()))
        .filter(|u| !u.is_empty())
        .collect();
    // The longest first, so "business days" is not read as "business".
    units.sort_by_key(|u| std::cmp::Reverse(u.len()));
    units.dedup();
    units
}

/// Findings in one text of a `lang` document.
pub(crate) fn check(text: &str, lang: Lang, facts: &[FactInProse]) -> Vec<Finding> {
    if facts.is_empty() {
        return Vec::new();
    }
    let prose = prose_only(text);
    let units = count_units(facts, lang);
    let figs = figures(&prose, &units);
    if figs.is_empty() {
        return Vec::new();
    }
    let sentences = sentences(&prose);
    let refs = find_refs(text);
    let mut out = Vec::new();
    for fig in figs {
        let sentence = sentences.iter().find(|s| s.contains(&fig.range.start)).cloned().unwrap_or(0..prose.len());
        // A fact the sentence refers to is stated by reference: its other
        // figures are about other things (クローズは[](=x)後で、その7日前に通知).
        let referred: Vec<&str> = refs
            .iter()
            .filter(|r| sentence.contains(&r.range.start))
            .map(|r| r.dest.rsplit(':').next().unwrap_or(r.dest))
            .collect();
        let said = normalise(prose.get(sentence.clone()).unwrap_or(""));
        let mut labelled_equal = None;
        let mut labelled_other = None;
        let mut shown_equal = None;
        for (i, fact) in facts.iter().enumerate() {
            let Some(equal) = compare(&fig.value, fact, lang) else { continue };
            let named = !fact.label.is_empty() && said.contains(&fact.label) && !referred.contains(&fact.id);
            match (named, equal) {
                (true, true) => labelled_equal = labelled_equal.or(Some(i)),
                (true, false) => labelled_other = labelled_other.or(Some(i)),
                (false, true) if fact.shown => shown_equal = shown_equal.or(Some(i)),
                _ => {}
            }
        }
        let finding = match (labelled_equal, labelled_other, shown_equal) {
            (Some(i), _, _) => Some((FindingKind::Repeats, i)),
            (None, Some(i), _) => Some((FindingKind::Contradicts, i)),
            (None, None, Some(i)) => Some((FindingKind::Repeats, i)),
            _ => None,
        };
        if let Some((kind, fact)) = finding {
            out.push(Finding { kind, range: fig.range, fact });
        }
    }
    out
}

/// The prose check on every prose value document `d` shows.
pub(crate) fn findings(
    project: &Project,
    d: &Document,
    prose: &[(String, Span)],
    shown: &[Span],
    sources: &Sources,
) -> Vec<Diagnostic> {
    let lang = d.language.value;
    let mut facts: Vec<(FactInProse, Span)> = Vec::new();
    for (_, c) in project.fact_scopes(d) {
        for f in &c.facts {
            if facts.iter().any(|(x, _)| x.id == f.id.as_str()) {
                continue;
            }
            let label = f.label.get(lang).map(|v| normalise(&v.text)).unwrap_or_default();
            let fact = FactInProse {
                id: f.id.as_str(),
                label,
                value: &f.value.value,
                ty: &f.ty,
                shown: shown.contains(&f.id.span),
            };
            facts.push((fact, f.id.span));
        }
    }
    let (list, defined): (Vec<FactInProse>, Vec<Span>) = facts.into_iter().unzip();
    let mut out = Vec::new();
    for (text, span) in prose {
        for found in check(text, lang, &list) {
            let (Some(fact), Some(at_fact)) = (list.get(found.fact), defined.get(found.fact)) else { continue };
            let figure = text.get(found.range.clone()).unwrap_or("").trim();
            let nth = crate::render::origin::occurrences_before(text, figure, found.range.start);
            let at = crate::render::origin::locate_nth(sources, *span, figure, nth);
            let value = value_in(fact, lang, project);
            let id = fact.id;
            let the_fact = || crate::msg!("the fact", "そのファクト");
            let d = match found.kind {
                FindingKind::Repeats => Diagnostic::new(
                    Code::ProseRepeatsFact,
                    crate::msg!(
                        "`{figure}` repeats fact `{id}` ({value}) as a figure in prose",
                        "`{figure}` はファクト `{id}`（{value}）を文章中の数値として繰り返しています"
                    ),
                )
                .at(at, crate::msg!("the fact's value, written by hand", "ファクトの値を直接書いた箇所"))
                .also(*at_fact, the_fact())
                .hint(crate::msg!(
                    "write `[](={id})` instead, so the text cannot drift from the fact",
                    "代わりに `[](={id})` と書いてください。そうすれば文章がファクトとずれることはありません"
                )),
                FindingKind::Contradicts => Diagnostic::new(
                    Code::ProseContradictsFact,
                    crate::msg!(
                        "`{figure}` contradicts fact `{id}`, which says {value}",
                        "`{figure}` はファクト `{id}` と矛盾しています（ファクトの値は {value}）"
                    ),
                )
                .at(at, crate::msg!("the fact says {value}", "ファクトの値は {value}"))
                .also(*at_fact, the_fact())
                .hint(crate::msg!(
                    "write `[](={id})` for the fact's value; if the sentence means another figure on purpose, accept it with `accept: [E0516]` and a `reason:`",
                    "ファクトの値には `[](={id})` と書いてください。文が意図して別の数値を述べている場合は、`accept: [E0516]` と `reason:` を書いて承認してください"
                )),
            };
            out.push(d);
        }
    }
    out
}

fn value_in(fact: &FactInProse, lang: Lang, project: &Project) -> String {
    fact.value.render(fact.ty, lang, project)
}

#[cfg(test)]
mod tests;
