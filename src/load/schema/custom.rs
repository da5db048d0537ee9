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

/// The keys that say a value's type, joined in English and in Japanese.
fn kinds_list() -> (String, String) {
    let keys: Vec<String> = ValueKind::ALL.iter().map(|k| format!("`{}:`", k.word())).collect();
    crate::vocab::joined(&keys)
}

impl Decode for Tax {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        let s = cx.scalar(node, "`included`, `excluded` or `exempt`")?;
        let t = Tax::parse(s);
        if t.is_none() {
            cx.push(
                Diagnostic::new(
                    Code::InvalidValue,
                    crate::msg!("`{s}` does not say how tax applies", "`{s}` では税の扱いが分かりません"),
                )
                .at(
                    node.span,
                    crate::msg!(
                        "expected `included`, `excluded` or `exempt`",
                        "`included`、`excluded`、`exempt` のいずれかを書いてください"
                    ),
                )
                .hint(suggestion(s, &Tax::WORDS).unwrap_or_else(|| {
                    crate::msg!(
                        "write `tax: included` (税込), `tax: excluded` (税抜) or `tax: exempt` (no tax applies)",
                        "`tax: included`（税込）、`tax: excluded`（税抜）、`tax: exempt`（非課税）のいずれかを書いてください"
                    )
                })),
            );
        }
        t
    }
}

/// What a value of `kind` needs beside itself: a count's unit, money's tax.
/// `what` names the item in messages, `what_ja` in Japanese.
fn value_type(m: &mut MapReader, cx: &mut DecodeCx, kind: ValueKind, what: &str, what_ja: &str) -> ValueType {
    let unit: Option<Text> = m.opt(cx, "unit");
    let unit_one: Option<Text> = m.opt(cx, "unit_one");
    let tax: Option<Tax> = m.opt(cx, "tax");
    let word = kind.word();
    for (key, given) in [("unit", unit.is_some()), ("unit_one", unit_one.is_some())] {
        if given && kind != ValueKind::Count {
            refuse(
                m,
                cx,
                key,
                crate::msg!(
                    "only a count takes `{key}:`; this {what} is a {word}",
                    "`{key}:` を書けるのは件数（`count`）だけです。この{what_ja}の型は `{word}` です"
                ),
            );
        }
    }
    if tax.is_some() && kind != ValueKind::Money {
        refuse(
            m,
            cx,
            "tax",
            crate::msg!(
                "only money takes `tax:`; this {what} is a {word}",
                "`tax:` を書けるのは金額（`money`）だけです。この{what_ja}の型は `{word}` です"
            ),
        );
    }
    if tax.is_none() && kind == ValueKind::Money && !m.has("tax") {
        cx.push(
            Diagnostic::new(
                Code::MissingField,
                crate::msg!("money without `tax:` in {what}", "{what_ja}の金額に `tax:` がありません"),
            )
            .at(
                m.node.head_span(),
                crate::msg!("does not say whether tax is included", "税込かどうかが書かれていません"),
            )
            .hint(crate::msg!(
                "add `tax: included` (税込), `tax: excluded` (税抜) or `tax: exempt`",
                "`tax: included`（税込）、`tax: excluded`（税抜）、`tax: exempt`（非課税）のいずれかを追加してください"
            )),
        );
    }
    ValueType { kind, unit, unit_one, tax }
}

fn refuse(m: &mut MapReader, cx: &mut DecodeCx, key: &'static str, message: crate::diag::Msg) {
    if let Some(e) = m.entry(key) {
        cx.push(
            Diagnostic::new(Code::InvalidValue, message)
                .at(e.key_span, crate::msg!("not for this type", "この型には使えません")),
        );
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
                let (en, ja) = kinds_list();
                cx.push(
                    Diagnostic::new(
                        Code::MissingField,
                        crate::msg!("a fact without a value", "値のないファクトがあります"),
                    )
                    .at(node.head_span(), crate::msg!("no value", "値がありません"))
                    .hint(crate::msg!(
                        "give the value under the key that says its type: {en}",
                        "値は、その型を表すキーに書いてください: {ja}"
                    )),
                );
                m.finish(cx);
                return None;
            }
            [first, second, ..] => {
                if let Some(e) = m.entry(second.word()) {
                    cx.push(
                        Diagnostic::new(
                            Code::InvalidValue,
                            crate::msg!(
                                "a fact has one value; this one has `{}:` and `{}:`",
                                "ファクトの値は 1 つです。このファクトには `{}:` と `{}:` があります",
                                first.word(),
                                second.word()
                            ),
                        )
                        .at(e.key_span, crate::msg!("a second value", "2 つ目の値"))
                        .hint(crate::msg!(
                            "split it into two facts, each with its own id",
                            "それぞれに ID を付けて、2 つのファクトに分けてください"
                        )),
                    );
                }
                for k in &written {
                    m.known(k.word());
                }
                m.finish(cx);
                return None;
            }
        };
        let ty = value_type(&mut m, cx, kind, "a fact", "ファクト");
        let value = match value_node {
            Some(n) => value(kind, n, cx).map(|v| Spanned::new(v, n.span)),
            None => {
                cx.push(
                    Diagnostic::new(
                        Code::MissingField,
                        crate::msg!("`{}` has no value", "`{}` に値がありません", kind.word()),
                    )
                    .at(node.head_span(), crate::msg!("empty", "空"))
                    .hint(crate::msg!(
                        "write the fact's value after the key",
                        "キーの後にファクトの値を書いてください"
                    )),
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
                            Diagnostic::new(
                                Code::InvalidValue,
                                crate::msg!("`{s}` is not a type of value", "`{s}` は値の型ではありません"),
                            )
                            .at(n.span, crate::msg!("unknown type", "不明な型"))
                            .hint(suggestion(s, &words).unwrap_or_default()),
                        );
                        None
                    }
                },
            },
            // Text unless said otherwise: a column of words needs no type.
            None => Some(ValueKind::Text),
        };
        let ty = kind.map(|k| value_type(&mut m, cx, k, "column", "列"));
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
                    Diagnostic::new(
                        Code::UnknownKey,
                        crate::msg!("the table has no column `{}`", "表に列 `{}` がありません", key.value),
                    )
                    .at(key.span, crate::msg!("not a column", "列ではありません"))
                    .hint(suggestion(key.as_str(), &ids).unwrap_or_else(|| {
                        crate::msg!("declare it under `columns:`", "`columns:` で列として宣言してください")
                    })),
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
            Diagnostic::new(
                Code::MissingField,
                crate::msg!("missing `id` in a table row", "表の行に `id` がありません"),
            )
            .at(node.head_span(), crate::msg!("this row has no `id`", "この行には `id` がありません"))
            .hint(crate::msg!(
                "give every row an id, so prose can refer to its cells",
                "本文からセルを参照できるよう、すべての行に ID を付けてください"
            )),
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
                    Diagnostic::new(
                        Code::MissingField,
                        crate::msg!("missing `rows` in a table", "表に `rows` がありません"),
                    )
                    .at(node.head_span(), crate::msg!("this table has no `rows`", "この表には `rows` がありません"))
                    .hint(crate::msg!(
                        "list the rows under `rows:`, each with an `id` and a value per column",
                        "`rows:` に行を挙げてください。各行には `id` と、列ごとの値を書きます"
                    )),
                );
                Vec::new()
            }
            (Some(_), None) => Vec::new(),
        };
        m.finish(cx);
        Some(UserTable { id: id?, title, columns: columns?, rows, note, span: node.span })
    }
}
