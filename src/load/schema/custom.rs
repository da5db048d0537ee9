//! Decoder for `facts:` and `tables:`, which documents, services,
//! programmes and providers can all carry.

use crate::diag::{Code, Diagnostic, suggestion};
use crate::load::decode::{Decode, DecodeCx, MapReader};
use crate::model::custom::{Column, Custom, CustomFact, Row, UserTable, Value, ValueKind, ValueType};
use crate::model::values::{Cadence, Count, Id, Money, Tax};
use crate::model::{Ref, Text};
use crate::source::Spanned;
use crate::yaml::{Node, NodeKind};

/// Read the `facts:` and `tables:` keys of a mapping.
pub(crate) fn custom(m: &mut MapReader, cx: &mut DecodeCx) -> Custom {
    let mut unreadable = Vec::new();
    let facts = items(m.node("facts"), cx, &mut unreadable);
    let tables = items(m.node("tables"), cx, &mut unreadable);
    Custom { facts, tables, unreadable }
}

/// The items of a list; the ids of those that do not decode go to `unreadable`.
fn items<T: Decode>(node: Option<&Node>, cx: &mut DecodeCx, unreadable: &mut Vec<String>) -> Vec<T> {
    let Some(node) = node else { return Vec::new() };
    let NodeKind::Seq(list) = &node.kind else {
        cx.wrong_type(node, "a list");
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in list {
        match T::decode(item, cx) {
            Some(v) => out.push(v),
            None => {
                if let NodeKind::Map(entries) = &item.kind
                    && let Some(NodeKind::Scalar(id, _)) = entries.iter().find(|e| e.key == "id").map(|e| &e.value.kind)
                {
                    unreadable.push(id.trim().to_string());
                }
            }
        }
    }
    out
}

fn kinds_list() -> String {
    ValueKind::ALL.iter().map(|k| format!("`{}:`", k.word())).collect::<Vec<_>>().join(", ")
}

impl Decode for Tax {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        let s = cx.scalar(node, "`included`, `excluded` or `exempt`")?;
        let t = Tax::parse(s);
        if t.is_none() {
            cx.push(
                Diagnostic::new(Code::InvalidValue, format!("`{s}` does not say how tax applies"))
                    .at(node.span, "expected `included`, `excluded` or `exempt`")
                    .hint(suggestion(s, &Tax::WORDS).unwrap_or_else(|| {
                        "write `tax: included` (税込), `tax: excluded` (税抜) or `tax: exempt` (no tax applies)".into()
                    })),
            );
        }
        t
    }
}

/// What a value of `kind` needs beside itself: a count's unit, money's tax.
fn value_type(m: &mut MapReader, cx: &mut DecodeCx, kind: ValueKind, what: &str) -> ValueType {
    let unit: Option<Text> = m.opt(cx, "unit");
    let unit_one: Option<Text> = m.opt(cx, "unit_one");
    let tax: Option<Tax> = m.opt(cx, "tax");
    for (key, given) in [("unit", unit.is_some()), ("unit_one", unit_one.is_some())] {
        if given && kind != ValueKind::Count {
            refuse(m, cx, key, format!("only a count takes `{key}:`; this {what} is a {}", kind.word()));
        }
    }
    if tax.is_some() && kind != ValueKind::Money {
        refuse(m, cx, "tax", format!("only money takes `tax:`; this {what} is a {}", kind.word()));
    }
    if tax.is_none() && kind == ValueKind::Money && !m.has("tax") {
        cx.push(
            Diagnostic::new(Code::MissingField, format!("money without `tax:` in {what}"))
                .at(m.node.head_span(), "does not say whether tax is included")
                .hint("add `tax: included` (税込), `tax: excluded` (税抜) or `tax: exempt`"),
        );
    }
    ValueType { kind, unit, unit_one, tax }
}

fn refuse(m: &mut MapReader, cx: &mut DecodeCx, key: &'static str, message: String) {
    if let Some(e) = m.entry(key) {
        cx.push(Diagnostic::new(Code::InvalidValue, message).at(e.key_span, "not for this type"));
    }
}

fn value(kind: ValueKind, node: &Node, cx: &mut DecodeCx) -> Option<Value> {
    Some(match kind {
        ValueKind::Duration => Value::Duration(Decode::decode(node, cx)?),
        ValueKind::Count => {
            // YAML reads `8` as a number; the scalar's text is what counts.
            Value::Count(cx.parse_with(node, Code::BadCount, "a count", Count::parse)?)
        }
        ValueKind::Percent => Value::Percent(Decode::decode(node, cx)?),
        ValueKind::Money => {
            Value::Money(cx.parse_with(node, Code::BadMoney, "an amount and a currency", Money::parse)?)
        }
        ValueKind::Date => Value::Date(Decode::decode(node, cx)?),
        ValueKind::Schedule => {
            Value::Schedule(cx.parse_with(node, Code::BadSchedule, "a schedule or cadence", Cadence::parse)?)
        }
        ValueKind::Calendar => Value::Calendar(Ref::decode(node, cx)?),
        ValueKind::Text => Value::Text(Text::decode(node, cx)?),
    })
}

impl Decode for CustomFact {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        let mut m = cx.map(node, "a fact")?;
        let id: Option<Spanned<Id>> = m.req(cx, "id");
        let label = m.req(cx, "label");
        let written: Vec<ValueKind> = ValueKind::ALL.into_iter().filter(|k| m.has(k.word())).collect();
        let (kind, value_node) = match written.as_slice() {
            [k] => (*k, m.node(k.word())),
            [] => {
                cx.push(
                    Diagnostic::new(Code::MissingField, "a fact without a value")
                        .at(node.head_span(), "no value")
                        .hint(format!("give the value under the key that says its type: {}", kinds_list())),
                );
                m.finish(cx);
                return None;
            }
            [first, second, ..] => {
                if let Some(e) = m.entry(second.word()) {
                    cx.push(
                        Diagnostic::new(
                            Code::InvalidValue,
                            format!("a fact has one value; this one has `{}:` and `{}:`", first.word(), second.word()),
                        )
                        .at(e.key_span, "a second value")
                        .hint("split it into two facts, each with its own id"),
                    );
                }
                for k in &written {
                    m.known(k.word());
                }
                m.finish(cx);
                return None;
            }
        };
        let ty = value_type(&mut m, cx, kind, "a fact");
        let value = match value_node {
            Some(n) => value(kind, n, cx).map(|v| Spanned::new(v, n.span)),
            None => {
                cx.push(
                    Diagnostic::new(Code::MissingField, format!("`{}` has no value", kind.word()))
                        .at(node.head_span(), "empty")
                        .hint("write the fact's value after the key"),
                );
                None
            }
        };
        m.finish(cx);
        Some(CustomFact { id: id?, label: label?, ty, value: value?, span: node.span })
    }
}

impl Decode for Column {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        let mut m = cx.map(node, "a table column")?;
        let id = m.req(cx, "id");
        let label = m.req(cx, "label");
        let kind = match m.node("type") {
            Some(n) => match cx.scalar(n, "a type") {
                None => None,
                Some(s) => match ValueKind::parse(s.trim()) {
                    Some(k) => Some(k),
                    None => {
                        let words: Vec<&str> = ValueKind::ALL.iter().map(|k| k.word()).collect();
                        cx.push(
                            Diagnostic::new(Code::InvalidValue, format!("`{s}` is not a type of value"))
                                .at(n.span, "unknown type")
                                .hint(suggestion(s, &words).unwrap_or_default()),
                        );
                        None
                    }
                },
            },
            // Text unless said otherwise: a column of words needs no type.
            None => Some(ValueKind::Text),
        };
        let ty = kind.map(|k| value_type(&mut m, cx, k, "column"));
        m.finish(cx);
        Some(Column { id: id?, label: label?, ty: ty?, span: node.span })
    }
}

/// A row of a table with `columns`: `{id: band-1, availability: "< 99.9%", credit: 10%}`.
fn row(node: &Node, columns: &[Column], cx: &mut DecodeCx) -> Option<Row> {
    let entries = cx.id_entries(node, "a table row")?;
    let mut id = None;
    let mut id_written = false;
    let mut cells: Vec<Option<Spanned<Value>>> = vec![None; columns.len()];
    for (key, value_node) in entries {
        if key.as_str() == "id" {
            id_written = true;
            id = Spanned::<Id>::decode(value_node, cx);
            continue;
        }
        match columns.iter().position(|c| c.id.value == key.value) {
            Some(i) => {
                let kind = columns.get(i).map(|c| c.ty.kind);
                let v = kind.and_then(|k| value(k, value_node, cx)).map(|v| Spanned::new(v, value_node.span));
                if let Some(slot) = cells.get_mut(i) {
                    *slot = v;
                }
            }
            None => {
                let ids: Vec<&str> = columns.iter().map(|c| c.id.as_str()).collect();
                cx.push(
                    Diagnostic::new(Code::UnknownKey, format!("the table has no column `{}`", key.value))
                        .at(key.span, "not a column")
                        .hint(suggestion(key.as_str(), &ids).unwrap_or_else(|| "declare it under `columns:`".into())),
                );
            }
        }
    }
    let Some(id) = id else {
        // A malformed id is reported as such.
        if id_written {
            return None;
        }
        cx.push(
            Diagnostic::new(Code::MissingField, "missing `id` in a table row")
                .at(node.head_span(), "this row has no `id`")
                .hint("give every row an id, so prose can refer to its cells"),
        );
        return None;
    };
    Some(Row { id, cells, span: node.span })
}

impl Decode for UserTable {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        let mut m = cx.map(node, "a table")?;
        let id = m.req(cx, "id");
        let title = m.opt(cx, "title");
        let columns: Option<Vec<Column>> = m.req(cx, "columns");
        let note = m.opt(cx, "note");
        let rows = match (m.node("rows"), &columns) {
            (Some(n), Some(cols)) => match &n.kind {
                NodeKind::Seq(items) => items.iter().filter_map(|r| row(r, cols, cx)).collect(),
                _ => {
                    cx.wrong_type(n, "a list of rows");
                    Vec::new()
                }
            },
            (None, _) => {
                m.known("rows");
                cx.push(
                    Diagnostic::new(Code::MissingField, "missing `rows` in a table")
                        .at(node.head_span(), "this table has no `rows`")
                        .hint("list the rows under `rows:`, each with an `id` and a value per column"),
                );
                Vec::new()
            }
            (Some(_), None) => Vec::new(),
        };
        m.finish(cx);
        Some(UserTable { id: id?, title, columns: columns?, rows, note, span: node.span })
    }
}
