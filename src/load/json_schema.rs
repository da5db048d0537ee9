//! The JSON Schema of kiyaku's files, learnt from the decoders.
//!
//! Editors (VS Code's YAML extension, any yaml-language-server client) use
//! it for completion, hover text and inline errors. It is not written by
//! hand: [`Schemas::probe`] runs a type's decoder on an empty mapping with
//! a [`Probe`] in the decoding context, and every key the decoder reads
//! (`req`, `opt`, `list`, …) is recorded with the schema of the type it
//! reads it as. A key added to a decoder is in the schema the next time it
//! is generated. Values read from a scalar (durations, dates, ids) describe
//! themselves in `Decode::schema`.
//!
//! What a schema cannot say (an id that must exist elsewhere, a tier that
//! must be faster than the one below) stays `check`'s job.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value, json};

use super::decode::{Decode, DecodeCx};
use crate::model::values::Lang;
use crate::source::{FileId, Span};
use crate::yaml::{Node, NodeKind};

/// The version of kiyaku that wrote a schema, as recorded in it.
pub(crate) const VERSION_KEY: &str = "x-kiyaku-version";

/// The definitions made so far, by type.
#[derive(Default)]
pub(crate) struct Schemas {
    definitions: BTreeMap<String, Value>,
    /// Types being probed (a type that contains itself gets a reference).
    started: BTreeSet<String>,
}

/// What a decoder run in probe mode recorded.
pub(crate) struct Probe {
    pub schemas: Schemas,
    object: Option<Value>,
}

impl Probe {
    /// Record the mapping a decoder read: every key it asked for, typed
    /// where it read the key with a type, required where it must be there.
    pub(crate) fn object(&mut self, what: &str, asked: &[&str], typed: Vec<(&str, Value, bool)>) {
        let mut properties = Map::new();
        let mut required: Vec<&str> = Vec::new();
        for (key, schema, is_required) in typed {
            properties.insert(key.to_string(), schema);
            if is_required && !required.contains(&key) {
                required.push(key);
            }
        }
        for key in asked {
            properties.entry(key.to_string()).or_insert_with(|| json!({}));
        }
        // Any mapping may accept a finding, with its reason.
        let accept = self.schemas.named("Accept", || {
            json!({
                "description": "Diagnostic codes accepted here on purpose, e.g. [E0505]; needs `reason:`",
                "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string", "pattern": "^[EW][0-9]{4}$"}}]
            })
        });
        properties.insert("accept".into(), accept);
        properties.insert("reason".into(), self.schemas.named("Text", text));
        self.object = Some(json!({
            "type": "object",
            "description": description(what),
            "properties": properties,
            "required": required,
            "additionalProperties": false,
            "dependencies": { "accept": ["reason"] },
        }));
    }
}

impl Schemas {
    /// A reference to the definition of `T`, probing its decoder the first
    /// time `T` is met.
    pub(crate) fn probe<T: Decode>(&mut self) -> Value {
        let name = definition_name(std::any::type_name::<T>());
        if !self.definitions.contains_key(&name) && self.started.insert(name.clone()) {
            let schema = self.run(|node, cx| {
                let _ = T::decode(node, cx);
            });
            self.definitions.insert(name.clone(), schema);
        }
        json!({ "$ref": format!("#/definitions/{name}") })
    }

    /// Run `decode` on an empty mapping in probe mode: the mapping it
    /// read, or an unconstrained schema if it read none.
    pub(crate) fn run(&mut self, decode: impl FnOnce(&Node, &mut DecodeCx)) -> Value {
        let (mut diags, mut accepts, mut images) = (Vec::new(), Vec::new(), Vec::new());
        let node = Node { kind: NodeKind::Map(Vec::new()), span: Span::default() };
        let probe = Probe { schemas: std::mem::take(self), object: None };
        let mut cx = DecodeCx {
            file: FileId::default(),
            text: "",
            lang: Lang::Ja,
            diags: &mut diags,
            accepts: &mut accepts,
            probe: Some(probe),
            images: &mut images,
        };
        decode(&node, &mut cx);
        let Some(probe) = cx.probe.take() else { return json!({}) };
        *self = probe.schemas;
        probe.object.unwrap_or_else(|| json!({}))
    }
}

/// `kiyaku::model::service::Backup` → `Backup`; generic arguments kept
/// readable (`Spanned<Id>` → `Spanned_Id`).
fn definition_name(type_name: &str) -> String {
    let mut out = String::new();
    for part in type_name.split(['<', '>', ',']) {
        let last = part.trim().rsplit("::").next().unwrap_or("");
        if !last.is_empty() {
            if !out.is_empty() {
                out.push('_');
            }
            out.push_str(last);
        }
    }
    out
}

/// "a backup" → "A backup (バックアップ)", for hover text.
fn description(what: &str) -> String {
    let mut chars = what.chars();
    let english = match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    };
    match super::nouns::japanese(what) {
        Some(ja) => format!("{english} ({ja})"),
        None => english,
    }
}

impl Schemas {
    /// A reference to the definition `name`, made by `make` the first
    /// time: values used in many places are defined once.
    pub(crate) fn named(&mut self, name: &str, make: impl FnOnce() -> Value) -> Value {
        if !self.definitions.contains_key(name) {
            let schema = make();
            self.definitions.insert(name.to_string(), schema);
        }
        json!({ "$ref": format!("#/definitions/{name}") })
    }
}

/// A scalar that is not blank (E0114 refuses empty text).
pub(crate) fn non_empty(description: &str) -> Value {
    json!({
        "description": description,
        "anyOf": [{ "type": "string", "pattern": "\\S" }, { "type": ["number", "boolean"] }],
    })
}

/// Any scalar: the decoders read numbers and booleans as their text.
pub(crate) fn scalar(description: &str) -> Value {
    json!({ "type": ["string", "number", "boolean"], "description": description })
}

/// A string matching `pattern`, or a plain scalar of one of `also`'s
/// types (`["number"]` for a version written `1.2`).
pub(crate) fn pattern(description: &str, pattern: &str, also: &[&str]) -> Value {
    let mut alternatives = vec![json!({"type": "string", "pattern": pattern})];
    if !also.is_empty() {
        alternatives.push(json!({ "type": also }));
    }
    json!({ "description": description, "anyOf": alternatives })
}

/// A scalar with `words` offered for completion: the decoder reads more
/// spellings than these (other cases, Japanese), so others are not refused.
pub(crate) fn suggested_words(description: &str, words: &[&str]) -> Value {
    json!({
        "description": description,
        "anyOf": [{ "enum": words }, { "type": ["string", "number", "boolean"] }],
    })
}

pub(crate) fn list(items: Value) -> Value {
    json!({ "type": "array", "items": items })
}

pub(crate) fn any_of(alternatives: Vec<Value>) -> Value {
    json!({ "anyOf": alternatives })
}

/// Text: a string in the file's language, or one per language.
pub(crate) fn text() -> Value {
    let variant = non_empty("text");
    json!({
        "description": "Text: a string, or one per language (`ja:`, `en:`, or `all:` for the same text in every language)",
        "anyOf": [
            variant.clone(),
            {
                "type": "object",
                "properties": { "ja": variant.clone(), "en": variant.clone(), "all": variant },
                "additionalProperties": false,
                "minProperties": 1,
            }
        ],
    })
}

/// The schema of a whole file, given the decoder of its top level.
pub(crate) fn file_schema(
    schemas: &mut Schemas,
    decode: impl FnOnce(&Node, &mut DecodeCx),
    extra: &[(&str, Value)],
) -> Value {
    let mut object = schemas.run(decode);
    if let Some(properties) = object.get_mut("properties").and_then(Value::as_object_mut) {
        for (key, schema) in extra {
            properties.insert(key.to_string(), schema.clone());
        }
    }
    object
}

/// Assemble a document schema: `root` at the top, the definitions made
/// on the way, and the kiyaku version that made it.
pub(crate) fn document(title: &str, root: Value, definitions: BTreeMap<String, Value>) -> Value {
    let mut out = Map::new();
    out.insert("$schema".into(), json!("http://json-schema.org/draft-07/schema#"));
    out.insert("title".into(), json!(title));
    out.insert(VERSION_KEY.into(), json!(env!("CARGO_PKG_VERSION")));
    out.insert(
        "$comment".into(),
        json!("Generated by `kiyaku schema` from its decoders; regenerate after upgrading kiyaku."),
    );
    if let Value::Object(root) = root {
        out.extend(root);
    }
    out.insert("definitions".into(), json!(definitions));
    Value::Object(out)
}

/// Which language plain text in a file is in.
pub(crate) fn language() -> Value {
    let codes: Vec<&str> = Lang::ALL.iter().map(|l| l.code()).collect();
    json!({ "description": "The language of this file's plain text", "type": "string", "enum": codes })
}

/// The schemas kiyaku writes: one for content files (switching on
/// `kind:`), one for `kiyaku.yaml`.
pub(crate) struct JsonSchemas {
    pub(crate) content: Value,
    pub(crate) site: Value,
}

/// Both schemas, generated from the decoders once per process: they
/// depend on nothing but this build of kiyaku, and `check` compares a
/// project's copy with them on every run.
pub(crate) fn json_schemas() -> &'static JsonSchemas {
    static SCHEMAS: std::sync::LazyLock<JsonSchemas> = std::sync::LazyLock::new(generate);
    &SCHEMAS
}

fn generate() -> JsonSchemas {
    let mut schemas = Schemas::default();
    let language = ("language", language());
    let mut branches = Vec::new();
    for &kind in super::KINDS {
        let decode = |node: &Node, cx: &mut DecodeCx| drop(super::decode_kind(kind, node, cx));
        let kind_schema = json!({ "const": kind, "description": "What this file describes" });
        let file = file_schema(&mut schemas, decode, &[("kind", kind_schema), language.clone()]);
        let name = format!("file-{kind}");
        schemas.definitions.insert(name.clone(), file);
        branches.push(json!({
            "if": { "properties": { "kind": { "const": kind } }, "required": ["kind"] },
            "then": { "$ref": format!("#/definitions/{name}") },
        }));
    }
    let site_root = schemas.run(|node, cx| drop(super::schema::site(node, cx)));
    let content_root = json!({
        "type": "object",
        "required": ["kind"],
        "properties": { "kind": { "enum": super::KINDS, "description": "What this file describes" } },
        "allOf": branches,
    });
    let definitions = schemas.definitions;
    JsonSchemas {
        content: document("kiyaku content file", content_root, definitions.clone()),
        site: document("kiyaku site settings (kiyaku.yaml)", site_root, definitions),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn definition_names_are_short() {
        assert_eq!(definition_name("kiyaku::model::service::Backup"), "Backup");
        assert_eq!(
            definition_name("alloc::vec::Vec<kiyaku::source::Spanned<kiyaku::model::values::id::Id>>"),
            "Vec_Spanned_Id"
        );
    }
}
