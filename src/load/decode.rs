//! Decoding the YAML node tree into model types, collecting every problem.
//!
//! A decoder returns `None` when a value is unusable and records why in
//! [`DecodeCx`]; callers carry on with the other fields, so one run reports all
//! mistakes in a file. [`MapReader`] tracks which keys were read and reports
//! the rest as unknown, with a "did you mean" from the keys it was asked for.

use crate::diag::Acceptance;
use crate::diag::{Code, Diagnostic, suggestion};
use crate::model::values::{
    Date, Duration, Id, Lang, ParseError, Percent, Retention, Schedule, TimeOfDay, TimeRange, Version, Weekday,
};
use crate::model::{Event, Target, Text, TextVariant};
use crate::source::{FileId, Spanned};
use crate::yaml::{Entry, Node, NodeKind, ScalarType};

pub(crate) use super::json_schema::{Probe, Schemas};
use super::nouns;

/// Decoding context for one file.
pub(crate) struct DecodeCx<'a> {
    pub file: FileId,
    /// The file's text (to read block scalars as written).
    pub text: &'a str,
    /// Language of plain (untagged) text in this file.
    pub lang: Lang,
    pub diags: &'a mut Vec<Diagnostic>,
    pub accepts: &'a mut Vec<Acceptance>,
    /// Set while the decoder is run to learn its shape for the JSON
    /// Schema ([`super::json_schema`]); `None` when decoding content.
    pub probe: Option<Probe>,
    /// The images this file's text and data name, for the loader to read.
    pub images: &'a mut Vec<super::images::ImageUse>,
}

impl DecodeCx<'_> {
    pub(crate) fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    pub(crate) fn wrong_type(&mut self, node: &Node, expected: &str) {
        let found = node.describe();
        let (expected_ja, found_ja) = (nouns::expected(expected), nouns::expected(found));
        let hint = match (&node.kind, expected) {
            (NodeKind::Scalar(..), e) if e.starts_with("a list") => Some(crate::msg!(
                "write a list with one `- item` per line, or `[a, b]`",
                "リストは 1 行に 1 項目ずつ `- 項目` と書くか、`[a, b]` と書いてください"
            )),
            (NodeKind::Seq(_), e) if !e.starts_with("a list") => {
                Some(crate::msg!("remove the `-` list markers", "リストの印 `-` を取ってください"))
            }
            (NodeKind::Null, _) => {
                Some(crate::msg!("give this key a value, or remove it", "このキーに値を書くか、キーを削除してください"))
            }
            _ => None,
        };
        self.push(
            Diagnostic::new(
                Code::WrongType,
                crate::msg!(
                    "expected {expected}, found {found}",
                    "{expected_ja}が必要な箇所に{found_ja}が書かれています"
                ),
            )
            .at(node.head_span(), expected_label(expected))
            .maybe_hint(hint),
        );
    }

    /// Open a mapping for reading. `what` names it in messages ("a backup").
    pub(crate) fn map<'n>(&mut self, node: &'n Node, what: &'static str) -> Option<MapReader<'n>> {
        let Some(entries) = node.as_map() else {
            self.wrong_type(node, &format!("a mapping ({what})"));
            return None;
        };
        let mut reader =
            MapReader { node, entries, used: vec![false; entries.len()], asked: Vec::new(), typed: Vec::new(), what };
        reader.read_acceptance(self);
        Some(reader)
    }

    /// The text of a scalar, or a type error.
    pub(crate) fn scalar<'n>(&mut self, node: &'n Node, expected: &str) -> Option<&'n str> {
        match &node.kind {
            NodeKind::Scalar(s, _) => Some(s),
            _ => {
                self.wrong_type(node, expected);
                None
            }
        }
    }

    /// Parse a scalar with `parse`, reporting failures under `code`.
    pub(crate) fn parse_with<T>(
        &mut self,
        node: &Node,
        code: Code,
        expected: &str,
        parse: impl FnOnce(&str) -> Result<T, ParseError>,
    ) -> Option<T> {
        let s = self.scalar(node, expected)?;
        match parse(s) {
            Ok(v) => Some(v),
            Err(e) => {
                self.push(Diagnostic::new(code, e.message).at(node.span, expected_label(expected)).maybe_hint(e.hint));
                None
            }
        }
    }

    /// A mapping whose keys are ids (`{standard: 4h, premium: 1h}`), in order.
    pub(crate) fn id_entries<'n>(
        &mut self,
        node: &'n Node,
        what: &'static str,
    ) -> Option<Vec<(Spanned<Id>, &'n Node)>> {
        let m = self.map(node, what)?;
        let mut out = Vec::new();
        for (i, e) in m.entries.iter().enumerate() {
            if is_meta_key(&e.key) {
                continue;
            }
            let _ = i;
            match Id::parse(&e.key) {
                Ok(id) => out.push((Spanned::new(id, e.key_span), &e.value)),
                Err(err) => self.push(
                    Diagnostic::new(Code::BadId, err.message)
                        .at(e.key_span, crate::msg!("not a valid id", "ID として正しくありません"))
                        .maybe_hint(err.hint),
                ),
            }
        }
        Some(out)
    }
}

/// What `Id::parse` accepts, for the JSON Schema.
const ID_PATTERN: &str = "^\\s*[a-z0-9_]([a-z0-9_-]{0,78}[a-z0-9_])?\\s*$";

/// "expected a duration" (「期間を書いてください」), under a value.
fn expected_label(expected: &str) -> crate::diag::Msg {
    let ja = nouns::expected(expected);
    crate::msg!("expected {expected}", "{ja}を書いてください")
}

fn is_meta_key(k: &str) -> bool {
    k == "accept" || k == "reason"
}

/// Reads a mapping's keys one by one; reports unknown and missing keys.
pub(crate) struct MapReader<'n> {
    pub node: &'n Node,
    entries: &'n [Entry],
    used: Vec<bool>,
    asked: Vec<&'static str>,
    /// While probing: the keys read with a type, and whether required.
    typed: Vec<(&'static str, serde_json::Value, bool)>,
    what: &'static str,
}

impl<'n> MapReader<'n> {
    fn find(&mut self, key: &'static str) -> Option<&'n Entry> {
        self.asked.push(key);
        let i = self.entries.iter().position(|e| e.key == key)?;
        self.used[i] = true;
        Some(&self.entries[i])
    }

    /// The raw node under `key`, null treated as absent.
    pub(crate) fn node(&mut self, key: &'static str) -> Option<&'n Node> {
        self.find(key).map(|e| &e.value).filter(|n| n.kind != NodeKind::Null)
    }

    pub(crate) fn entry(&mut self, key: &'static str) -> Option<&'n Entry> {
        self.find(key)
    }

    pub(crate) fn has(&self, key: &str) -> bool {
        self.entries.iter().any(|e| e.key == key)
    }

    /// While probing, note that `key` holds a `T`.
    fn note<T: Decode>(&mut self, cx: &mut DecodeCx, key: &'static str, required: bool) {
        self.describe(cx, key, required, T::schema);
    }

    /// While probing, say what `key` holds where the decoder reads it by
    /// hand (a value whose shape depends on another key, say).
    pub(crate) fn describe(
        &mut self,
        cx: &mut DecodeCx,
        key: &'static str,
        required: bool,
        make: impl FnOnce(&mut Schemas) -> serde_json::Value,
    ) {
        if let Some(probe) = cx.probe.as_mut() {
            let schema = make(&mut probe.schemas);
            self.typed.push((key, schema, required));
        }
    }

    /// A required key.
    pub(crate) fn req<T: Decode>(&mut self, cx: &mut DecodeCx, key: &'static str) -> Option<T> {
        self.note::<T>(cx, key, true);
        match self.find(key) {
            Some(e) if e.value.kind == NodeKind::Null => {
                let (what, what_ja) = (self.what, self.what_ja());
                cx.push(
                    Diagnostic::new(
                        Code::MissingField,
                        crate::msg!("`{key}` has no value", "`{key}` に値がありません"),
                    )
                    .at(e.key_span, crate::msg!("empty", "空"))
                    .hint(crate::msg!("{what} needs a `{key}`", "{what_ja}には `{key}` が必要です")),
                );
                None
            }
            // A required list with nothing in it says nothing either.
            Some(e) if matches!(&e.value.kind, NodeKind::Seq(items) if items.is_empty()) => {
                let (what, what_ja) = (self.what, self.what_ja());
                cx.push(
                    Diagnostic::new(
                        Code::MissingField,
                        crate::msg!("`{key}` is an empty list", "`{key}` が空のリストです"),
                    )
                    .at(e.value.span, crate::msg!("nothing listed", "何も挙がっていません"))
                    .hint(crate::msg!(
                        "{what} needs at least one entry under `{key}`",
                        "{what_ja}には `{key}` に 1 つ以上の項目が必要です"
                    )),
                );
                None
            }
            Some(e) => T::decode(&e.value, cx),
            // A near miss of the key (`genrations:`) is the one mistake:
            // reported as the unknown key it is, its value read as meant,
            // so nothing downstream reports the field missing too.
            None if let Some(i) = self.near_miss(key) => {
                let e = &self.entries[i];
                self.used[i] = true;
                let (what, what_ja, written) = (self.what, self.what_ja(), &e.key);
                cx.push(
                    Diagnostic::new(
                        Code::UnknownKey,
                        crate::msg!(
                            "unknown key `{written}` in {what}",
                            "{what_ja}に不明なキー `{written}` があります"
                        ),
                    )
                    .at(e.key_span, crate::msg!("did you mean `{key}`?", "`{key}` の誤りではありませんか？"))
                    .hint(crate::msg!(
                        "{what} needs `{key}`: rename `{written}` to `{key}`",
                        "{what_ja}には `{key}` が必要です。`{written}` を `{key}` に直してください"
                    )),
                );
                T::decode(&e.value, cx)
            }
            None => {
                let (what, what_ja) = (self.what, self.what_ja());
                cx.push(
                    Diagnostic::new(
                        Code::MissingField,
                        crate::msg!("missing `{key}` in {what}", "{what_ja}に `{key}` がありません"),
                    )
                    .at(
                        self.node.head_span(),
                        crate::msg!("this mapping has no `{key}`", "このマッピングには `{key}` がありません"),
                    )
                    .hint(crate::msg!("add `{key}:` to {what}", "{what_ja}に `{key}:` を追加してください")),
                );
                None
            }
        }
    }

    /// The Japanese for this mapping's name ("a backup" → バックアップ).
    fn what_ja(&self) -> &'static str {
        nouns::japanese(self.what).unwrap_or(self.what)
    }

    /// An entry nobody asked for whose key is a near miss of `key`.
    fn near_miss(&self, key: &str) -> Option<usize> {
        self.entries.iter().enumerate().position(|(i, e)| {
            !self.used[i]
                && !is_meta_key(&e.key)
                && !self.asked.contains(&e.key.as_str())
                && crate::diag::did_you_mean(&e.key, [key]).is_some()
        })
    }

    /// An optional key; absent or null gives `None`.
    pub(crate) fn opt<T: Decode>(&mut self, cx: &mut DecodeCx, key: &'static str) -> Option<T> {
        self.note::<T>(cx, key, false);
        let n = self.node(key)?;
        T::decode(n, cx)
    }

    /// An optional list; absent gives an empty list.
    pub(crate) fn list<T: Decode>(&mut self, cx: &mut DecodeCx, key: &'static str) -> Vec<T> {
        self.opt::<Vec<T>>(cx, key).unwrap_or_default()
    }

    /// An optional list that narrows something down, absent meaning "all":
    /// an empty list would read as "none", so it is refused.
    pub(crate) fn narrowing<T: Decode>(&mut self, cx: &mut DecodeCx, key: &'static str) -> Option<Vec<T>> {
        self.note::<Vec<T>>(cx, key, false);
        let n = self.node(key)?;
        if matches!(&n.kind, NodeKind::Seq(items) if items.is_empty()) {
            cx.push(
                Diagnostic::new(
                    Code::InvalidValue,
                    crate::msg!("`{key}` is an empty list", "`{key}` が空のリストです"),
                )
                .at(n.span, crate::msg!("lists nothing", "何も挙がっていません"))
                .hint(crate::msg!(
                    "leave `{key}` out to mean all, or list the ones that apply",
                    "すべてを指すなら `{key}` を省き、そうでなければ該当するものを挙げてください"
                )),
            );
            return None;
        }
        Vec::<T>::decode(n, cx)
    }

    pub(crate) fn flag(&mut self, cx: &mut DecodeCx, key: &'static str, default: bool) -> bool {
        self.opt::<bool>(cx, key).unwrap_or(default)
    }

    /// Mark a key as known without reading it (read elsewhere).
    pub(crate) fn known(&mut self, key: &'static str) {
        let _ = self.find(key);
    }

    fn read_acceptance(&mut self, cx: &mut DecodeCx) {
        let accept = self.entries.iter().position(|e| e.key == "accept");
        let reason = self.entries.iter().position(|e| e.key == "reason");
        if let Some(i) = reason {
            self.used[i] = true;
        }
        let Some(ai) = accept else {
            if let Some(ri) = reason {
                cx.push(
                    Diagnostic::new(
                        Code::UnknownKey,
                        crate::msg!("`reason` without `accept`", "`accept` のない `reason` があります"),
                    )
                    .at(
                        self.entries[ri].key_span,
                        crate::msg!("nothing to give a reason for", "理由の対象がありません"),
                    )
                    .hint(crate::msg!(
                        "`reason:` explains an `accept: [CODE]` next to it",
                        "`reason:` には、隣にある `accept: [CODE]` の理由を書きます"
                    )),
                );
            }
            return;
        };
        self.used[ai] = true;
        let entry = &self.entries[ai];
        let codes: Vec<Spanned<Code>> = match &entry.value.kind {
            NodeKind::Seq(items) => items.iter().filter_map(|n| decode_code(n, cx)).collect(),
            NodeKind::Scalar(..) => decode_code(&entry.value, cx).into_iter().collect(),
            _ => {
                cx.wrong_type(&entry.value, "a list of diagnostic codes, e.g. `[E0505]`");
                Vec::new()
            }
        };
        let reason_text = reason.and_then(|i| {
            let e = &self.entries[i];
            Text::decode(&e.value, cx)
        });
        match reason_text {
            Some(reason) => cx.accepts.push(Acceptance {
                codes,
                reason: crate::cjk::join_lines(reason.first().text.lines()),
                span: self.node.span,
                key_span: entry.key_span,
            }),
            None if reason.is_none() => cx.push(
                Diagnostic::new(
                    Code::MissingField,
                    crate::msg!("`accept` needs a written `reason`", "`accept` には `reason`（理由）が必要です"),
                )
                .at(entry.key_span, crate::msg!("accepted without a reason", "理由のない承認"))
                .hint(crate::msg!(
                    "add `reason:` saying why this finding is correct as it stands",
                    "指摘された内容をこのままで問題ないと判断した理由を `reason:` に書いてください"
                )),
            ),
            None => {}
        }
    }

    /// Report keys nobody asked for.
    pub(crate) fn finish(self, cx: &mut DecodeCx) {
        if let Some(probe) = cx.probe.as_mut() {
            probe.object(self.what, &self.asked, self.typed);
            return;
        }
        for (i, e) in self.entries.iter().enumerate() {
            if self.used[i] {
                continue;
            }
            let hint = if e.key.starts_with(['\u{3000}', ' ']) {
                Some(crate::msg!(
                    "the key starts with a full-width space (U+3000, 全角スペース): indent with half-width spaces",
                    "キーが全角スペース（U+3000）で始まっています。字下げは半角スペースで書いてください"
                ))
            } else {
                suggestion(&e.key, &self.asked)
            };
            let (what, what_ja, written) = (self.what, self.what_ja(), &e.key);
            cx.push(
                Diagnostic::new(
                    Code::UnknownKey,
                    crate::msg!("unknown key `{written}` in {what}", "{what_ja}に不明なキー `{written}` があります"),
                )
                .at(e.key_span, crate::msg!("unknown key", "不明なキー"))
                .maybe_hint(hint),
            );
        }
    }
}

fn decode_code(node: &Node, cx: &mut DecodeCx) -> Option<Spanned<Code>> {
    let s = cx.scalar(node, "a diagnostic code such as `E0505`")?;
    match Code::parse(s.trim()) {
        Some(c) => Some(Spanned::new(c, node.span)),
        None => {
            let all: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
            cx.push(
                Diagnostic::new(
                    Code::InvalidValue,
                    crate::msg!("`{s}` is not a kiyaku diagnostic code", "`{s}` は kiyaku の診断コードではありません"),
                )
                .at(node.span, crate::msg!("unknown code", "不明なコード"))
                .maybe_hint(suggestion(s, &all)),
            );
            None
        }
    }
}

/// A model value that can be read from a YAML node.
pub(crate) trait Decode: Sized + 'static {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self>;

    /// The JSON Schema of what [`decode`](Self::decode) accepts. For a
    /// mapping this is learnt by running the decoder itself on an empty
    /// mapping and recording the keys it reads ([`Schemas::probe`]), so it
    /// cannot drift from the decoder; values read from a scalar say what
    /// they accept themselves.
    fn schema(schemas: &mut Schemas) -> serde_json::Value {
        schemas.probe::<Self>()
    }
}

impl<T: Decode> Decode for Vec<T> {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        match &node.kind {
            NodeKind::Seq(items) => Some(items.iter().filter_map(|n| T::decode(n, cx)).collect()),
            _ => {
                cx.wrong_type(node, "a list");
                None
            }
        }
    }

    fn schema(schemas: &mut Schemas) -> serde_json::Value {
        super::json_schema::list(T::schema(schemas))
    }
}

impl<T: Decode> Decode for Spanned<T> {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        T::decode(node, cx).map(|v| Spanned::new(v, node.span))
    }

    fn schema(schemas: &mut Schemas) -> serde_json::Value {
        T::schema(schemas)
    }
}

impl Decode for String {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        let s = cx.scalar(node, "a string")?;
        joined_list_item(cx, node);
        if s.trim().is_empty() {
            cx.push(
                Diagnostic::new(Code::EmptyText, crate::msg!("empty string", "文字列が空です"))
                    .at(node.span, crate::msg!("empty", "空")),
            );
            return None;
        }
        Some(s.to_string())
    }

    fn schema(schemas: &mut Schemas) -> serde_json::Value {
        schemas.named("String", || super::json_schema::non_empty("a string"))
    }
}

impl Decode for bool {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        match &node.kind {
            NodeKind::Scalar(s, ScalarType::Bool) => Some(s.eq_ignore_ascii_case("true")),
            _ => {
                cx.wrong_type(node, "`true` or `false`");
                None
            }
        }
    }

    fn schema(schemas: &mut Schemas) -> serde_json::Value {
        let _ = schemas;
        serde_json::json!({ "type": "boolean" })
    }
}

impl Decode for u32 {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        let s = cx.scalar(node, "a whole number")?;
        match s.trim().parse::<u32>() {
            Ok(n) => Some(n),
            Err(_) => {
                let code = if s.trim().parse::<i64>().is_ok() { Code::BadNumber } else { Code::WrongType };
                cx.push(
                    Diagnostic::new(
                        code,
                        crate::msg!(
                            "`{s}` is not a whole number from 0 to 4294967295",
                            "`{s}` は 0 から 4294967295 までの整数ではありません"
                        ),
                    )
                    .at(node.span, crate::msg!("expected a whole number", "整数を書いてください"))
                    .hint(crate::msg!(
                        "write a count without sign, decimals or units, e.g. `7`",
                        "符号・小数点・単位を付けずに数を書いてください（例: `7`）"
                    )),
                );
                None
            }
        }
    }

    fn schema(schemas: &mut Schemas) -> serde_json::Value {
        schemas
            .named("Count", || super::json_schema::pattern("a whole number, e.g. 7", "^\\s*[0-9]+\\s*$", &["integer"]))
    }
}

impl Decode for Id {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        cx.parse_with(node, Code::BadId, "an id", Id::parse)
    }

    fn schema(schemas: &mut Schemas) -> serde_json::Value {
        schemas.named("Id", || {
            super::json_schema::pattern(
                "an id: lower-case letters, digits, `-` and `_`, e.g. `standard`",
                ID_PATTERN,
                &["integer"],
            )
        })
    }
}

impl Decode for Lang {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        let s = cx.scalar(node, "a language code")?;
        match Lang::parse(s) {
            Some(l) => Some(l),
            None => {
                let all: Vec<&str> = Lang::ALL.iter().map(|l| l.code()).collect();
                cx.push(
                    Diagnostic::new(
                        Code::BadLanguage,
                        crate::msg!("kiyaku cannot write documents in `{s}`", "kiyaku は `{s}` の文書を書けません"),
                    )
                    .at(node.span, crate::msg!("unknown language", "不明な言語"))
                    .maybe_hint(suggestion(s, &all)),
                );
                None
            }
        }
    }

    fn schema(schemas: &mut Schemas) -> serde_json::Value {
        schemas.named("Lang", super::json_schema::language)
    }
}

impl Decode for Duration {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        cx.parse_with(node, Code::BadDuration, "a duration", Duration::parse)
    }

    fn schema(schemas: &mut Schemas) -> serde_json::Value {
        schemas.named("Duration", || {
            super::json_schema::scalar("a duration, e.g. `4h`, `30 minutes`, `1 business day`, `4時間`")
        })
    }
}

impl Decode for Date {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        cx.parse_with(node, Code::BadDate, "a date (YYYY-MM-DD)", Date::parse)
    }

    fn schema(schemas: &mut Schemas) -> serde_json::Value {
        schemas.named("Date", || {
            super::json_schema::pattern("a date, YYYY-MM-DD", "^\\s*[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}\\s*$", &[])
        })
    }
}

impl Decode for Version {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        cx.parse_with(node, Code::BadVersion, "a version", Version::parse)
    }

    fn schema(schemas: &mut Schemas) -> serde_json::Value {
        schemas.named("Version", || super::json_schema::scalar("a version, e.g. 1.2"))
    }
}

impl Decode for Percent {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        cx.parse_with(node, Code::BadPercent, "a percentage", Percent::parse)
    }

    fn schema(schemas: &mut Schemas) -> serde_json::Value {
        schemas.named("Percent", || super::json_schema::scalar("a percentage, e.g. `99.9%`"))
    }
}

impl Decode for Schedule {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        cx.parse_with(node, Code::BadSchedule, "a schedule", Schedule::parse)
    }

    fn schema(schemas: &mut Schemas) -> serde_json::Value {
        schemas.named("Schedule", || super::json_schema::scalar("a schedule, e.g. `daily`, `every 6 hours`, `weekly`"))
    }
}

impl Decode for TimeOfDay {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        cx.parse_with(node, Code::BadTime, "a time of day (HH:MM)", TimeOfDay::parse)
    }

    fn schema(schemas: &mut Schemas) -> serde_json::Value {
        schemas.named("TimeOfDay", || super::json_schema::scalar("a time of day, HH:MM"))
    }
}

impl Decode for TimeRange {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        cx.parse_with(node, Code::BadTime, "hours (HH:MM-HH:MM)", TimeRange::parse)
    }

    fn schema(schemas: &mut Schemas) -> serde_json::Value {
        schemas.named("TimeRange", || super::json_schema::scalar("hours, HH:MM-HH:MM"))
    }
}

impl Decode for Retention {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        cx.parse_with(node, Code::BadDuration, "a retention period", Retention::parse)
    }

    fn schema(schemas: &mut Schemas) -> serde_json::Value {
        schemas.named("Retention", || super::json_schema::scalar("a retention period, e.g. `1 year`, `90 days`"))
    }
}

impl Decode for Weekday {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        let s = cx.scalar(node, "a day of the week")?;
        let r = Weekday::parse(s);
        if r.is_none() {
            cx.push(
                Diagnostic::new(
                    Code::InvalidValue,
                    crate::msg!("`{s}` is not a day of the week", "`{s}` は曜日ではありません"),
                )
                .at(
                    node.span,
                    crate::msg!(
                        "expected mon, tue, wed, thu, fri, sat or sun",
                        "mon、tue、wed、thu、fri、sat、sun のいずれかを書いてください"
                    ),
                ),
            );
        }
        r
    }

    fn schema(schemas: &mut Schemas) -> serde_json::Value {
        schemas.named("Weekday", || {
            super::json_schema::suggested_words("a day of the week", &["mon", "tue", "wed", "thu", "fri", "sat", "sun"])
        })
    }
}

impl Decode for Target {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        let s = cx.scalar(node, "a target")?;
        let t = s.trim().to_lowercase();
        match t.as_str() {
            "as needed" | "as-needed" | "any time" | "anytime" | "随時" => {
                return Some(Target::AsNeeded);
            }
            "n/a" | "none" | "not offered" | "-" | "—" | "–" | "なし" | "対象外" => {
                return Some(Target::NotOffered);
            }
            "daily" | "every day" | "毎日" => {
                return Some(Target::Within(Duration::clock(1, crate::model::values::Unit::Day)));
            }
            "every business day" | "毎営業日" => {
                return Some(Target::Within(Duration {
                    amount: 1,
                    max: None,
                    unit: crate::model::values::Unit::Day,
                    basis: crate::model::values::Basis::Business,
                }));
            }
            _ => {}
        }
        let t = t.strip_prefix("every ").unwrap_or(&t);
        let t = t.strip_suffix("ごと").unwrap_or(t);
        match Duration::parse(t) {
            Ok(d) => Some(Target::Within(d)),
            Err(e) => {
                cx.push(
                    Diagnostic::new(Code::BadDuration, e.message)
                        .at(node.span, crate::msg!("expected a target", "目標を書いてください"))
                        .hint(crate::msg!(
                            "write a duration (`4h`, `1 business day`), `daily`, `every business day`, `as needed` or `n/a`",
                            "期間（`4h`、`1 business day`）、`daily`、`every business day`、`as needed`、`n/a` のいずれかを書いてください"
                        )),
                );
                None
            }
        }
    }

    fn schema(schemas: &mut Schemas) -> serde_json::Value {
        schemas.named("Target", || {
            super::json_schema::suggested_words(
                "a target: a duration (`4h`, `1 business day`), `daily`, `every business day`, `as needed` or `n/a`",
                &["as needed", "n/a", "daily", "every business day"],
            )
        })
    }
}

impl Decode for Event {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        let s = cx.scalar(node, "an event")?;
        let r = match s.trim().to_lowercase().as_str() {
            "contract end" | "contract-end" | "契約終了" | "契約終了後" => Some(Event::ContractEnd),
            "request" | "customer request" | "依頼" | "お客様の依頼" => Some(Event::Request),
            "ticket closed" | "ticket-closed" | "closure" | "クローズ" | "チケットクローズ" => {
                Some(Event::TicketClosed)
            }
            _ => None,
        };
        if r.is_none() {
            cx.push(
                Diagnostic::new(
                    Code::InvalidValue,
                    crate::msg!("`{s}` is not an event kiyaku knows", "`{s}` は kiyaku が扱える起点ではありません"),
                )
                .at(node.span, crate::msg!("unknown event", "不明な起点"))
                .maybe_hint(suggestion(s, &["contract-end", "request", "ticket-closed"])),
            );
        }
        r
    }

    fn schema(schemas: &mut Schemas) -> serde_json::Value {
        schemas.named("Event", || {
            super::json_schema::suggested_words("an event", &["contract-end", "request", "ticket-closed"])
        })
    }
}

impl Decode for Text {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        let variant = |cx: &mut DecodeCx, lang: Lang, n: &Node| -> Option<TextVariant> {
            let s = cx.scalar(n, "text")?;
            if s.trim().is_empty() {
                cx.push(
                    Diagnostic::new(Code::EmptyText, crate::msg!("empty text", "テキストが空です"))
                        .at(n.span, crate::msg!("empty", "空"))
                        .hint(crate::msg!(
                            "write the text, or remove the key",
                            "テキストを書くか、キーを削除してください"
                        )),
                );
                return None;
            }
            joined_list_item(cx, n);
            super::images::uses_in_text(cx, s, n.span);
            Some(TextVariant { lang, text: s.to_string(), span: n.span })
        };
        match &node.kind {
            NodeKind::Scalar(..) => {
                let lang = cx.lang;
                let mut v = variant(cx, lang, node)?;
                if let Some(refolded) = refold_wide(cx.text, node) {
                    v.text = refolded;
                }
                Some(Text { variants: vec![v], span: node.span })
            }
            NodeKind::Map(entries) => {
                let mut variants = Vec::new();
                // `all:` is the same text in every language (a product name):
                // said explicitly, so no language's text is missing by accident.
                let mut for_all = None;
                for e in entries {
                    if e.key == "all" {
                        for_all = variant(cx, cx.lang, &e.value).map(|mut v| {
                            if let Some(refolded) = refold_wide(cx.text, &e.value) {
                                v.text = refolded;
                            }
                            v
                        });
                        continue;
                    }
                    match Lang::parse(&e.key) {
                        Some(lang) => {
                            if let Some(mut v) = variant(cx, lang, &e.value) {
                                if let Some(refolded) = refold_wide(cx.text, &e.value) {
                                    v.text = refolded;
                                }
                                variants.push(v);
                            }
                        }
                        None => {
                            let all: Vec<&str> = Lang::ALL.iter().map(|l| l.code()).collect();
                            cx.push(
                                Diagnostic::new(
                                    Code::BadLanguage,
                                    crate::msg!(
                                        "`{}` is not a language kiyaku writes",
                                        "`{}` は kiyaku が出力できる言語ではありません",
                                        e.key
                                    ),
                                )
                                .at(e.key_span, crate::msg!("expected a language code", "言語コードを書いてください"))
                                .hint(suggestion(&e.key, &all).unwrap_or_else(|| {
                                    if e.key.contains(' ') {
                                        // `{en: a, b, ja: …}`: a comma in unquoted text ends the value.
                                        crate::msg!(
                                            "a comma inside `{{…}}` ends the text before it; put the text in quotes, e.g. `{{en: \"a, b\", ja: …}}`",
                                            "`{{…}}` の中のカンマは、その手前でテキストを終わらせます。テキストを引用符で囲んでください（例: `{{en: \"a, b\", ja: …}}`）"
                                        )
                                    } else {
                                        crate::msg!(
                                            "a text mapping has one key per language: `ja:`, `en:`, or `all:` for text that is the same in every language",
                                            "テキストのマッピングは言語ごとに 1 つのキーを持ちます: `ja:`、`en:`、どの言語でも同じテキストなら `all:`"
                                        )
                                    }
                                })),
                            );
                        }
                    }
                }
                if let Some(all) = for_all {
                    for &lang in Lang::ALL {
                        if !variants.iter().any(|v: &TextVariant| v.lang == lang) {
                            variants.push(TextVariant { lang, ..all.clone() });
                        }
                    }
                }
                if variants.is_empty() {
                    return None;
                }
                Some(Text { variants, span: node.span })
            }
            _ => {
                cx.wrong_type(node, "text (a string, or `ja:`/`en:` translations)");
                None
            }
        }
    }

    fn schema(schemas: &mut Schemas) -> serde_json::Value {
        schemas.named("Text", super::json_schema::text)
    }
}

/// W0115 when a plain scalar runs over a line that reads as a list item:
///
/// ```yaml
/// exclusions:
///   - 計画停止
///    - 不可抗力      # one space too many: YAML reads "計画停止 - 不可抗力"
/// ```
///
/// YAML folds the more-indented line into the item above, so three items
/// become two without a word; only the finished document shows it.
fn joined_list_item(cx: &mut DecodeCx, node: &Node) {
    let (start, end) = (node.span.start as usize, (node.span.end as usize).min(cx.text.len()));
    let Some(source) = cx.text.get(start..end) else { return };
    // Quoted and block scalars keep `- ` lines as they are written.
    if source.starts_with(['"', '\'']) || !source.contains('\n') || block_indicator(cx.text, start).is_some() {
        return;
    }
    let mut offset = start;
    for (i, line) in source.split_inclusive('\n').enumerate() {
        let indent = line.len() - line.trim_start().len();
        let rest = line.trim();
        if i > 0 && (rest.starts_with("- ") || rest == "-") {
            let at = offset + indent;
            let span = crate::source::Span::new(node.span.file, at..at + 1);
            cx.push(
                Diagnostic::new(
                    Code::JoinedListItem,
                    crate::msg!(
                        "this `-` line is read as more text of the value above, not as a list item",
                        "この `-` の行は、リストの項目ではなく、前の値のテキストの続きとして読まれます"
                    ),
                )
                .at(span, crate::msg!("indented further than the items", "他の項目より深く字下げされています"))
                .hint(crate::msg!(
                    "indent `- ` exactly like the items above it; if the dash belongs to the text, put the value in quotes",
                    "`- ` の字下げを上の項目とそろえてください。ダッシュがテキストの一部なら、値を引用符で囲んでください"
                )),
            );
            return;
        }
        offset += line.len();
    }
}

/// The indicator (`|`, `>`, `>-`, `|2` …) of the block scalar whose text
/// starts at `start`: the last token of the line before, if it is one.
fn block_indicator(text: &str, start: usize) -> Option<&str> {
    let line_start = text[..start].rfind('\n').map(|i| i + 1)?;
    let line = text[..line_start.saturating_sub(1)].rsplit('\n').next()?;
    let line = line.split(" #").next()?.trim_end();
    let token = line.rsplit(|c: char| c.is_whitespace()).next()?;
    let is_indicator =
        token.starts_with(['|', '>']) && token[1..].chars().all(|c| c.is_ascii_digit() || c == '+' || c == '-');
    is_indicator.then_some(token)
}

/// YAML folds the lines of a `>` block scalar with spaces, which puts a
/// space in the middle of Japanese sentences. Fold such blocks again from
/// the source, without a space between two wide characters. A blank line
/// starts a new paragraph, as it does in Markdown (YAML itself would keep
/// only a line break, and the paragraphs would run together). `None` when
/// the node is not a plain folded block (or uses more-indented lines).
fn refold_wide(text: &str, node: &Node) -> Option<String> {
    let start = node.span.start as usize;
    let end = (node.span.end as usize).min(text.len());
    let line_start = text[..start].rfind('\n').map(|i| i + 1)?;
    if !block_indicator(text, start)?.starts_with('>') {
        return None;
    }
    let block = &text[line_start..end];
    let lines: Vec<&str> = block.split('\n').collect();
    let indent = lines.iter().filter(|l| !l.trim().is_empty()).map(|l| l.len() - l.trim_start().len()).min()?;
    if lines.iter().any(|l| !l.trim().is_empty() && l.len() - l.trim_start().len() > indent) {
        return None;
    }
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for l in &lines {
        if l.trim().is_empty() {
            if !current.is_empty() {
                paragraphs.push(crate::cjk::join_lines(current.drain(..)));
            }
        } else {
            current.push(l);
        }
    }
    if !current.is_empty() {
        paragraphs.push(crate::cjk::join_lines(current));
    }
    Some(paragraphs.join("\n\n"))
}
