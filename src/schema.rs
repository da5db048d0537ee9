//! `kiyaku schema`: the JSON Schemas that give editors completion, hover
//! text and inline errors for kiyaku's files.
//!
//! Both schemas are generated from the decoders (see `load::json_schema`)
//! and written as `schemas/kiyaku.schema.json` (content files, switching on
//! `kind:`) and `schemas/kiyaku-site.schema.json` (`kiyaku.yaml`). `init`
//! writes them with a `.vscode/settings.json` that maps them by glob; any
//! yaml-language-server client can use the same mapping or a
//! `# yaml-language-server: $schema=…` line. `kiyaku new` scaffolds one
//! item from the same schema: every key its kind requires.

use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::vocab::ProjectPaths;

/// The schemas as the text kiyaku writes (pretty JSON, stable order).
pub fn generate() -> (String, String) {
    let crate::load::JsonSchemas { content, site } = crate::load::json_schemas();
    let text = |v: &serde_json::Value| serde_json::to_string_pretty(v).unwrap_or_default() + "\n";
    (text(content), text(site))
}

/// The `# yaml-language-server: $schema=…` line for the YAML file at
/// `rel` (relative to the project root): `kiyaku.yaml` names the site
/// schema, a content file the content schema, by a path from the file.
pub(crate) fn modeline(rel: &Path) -> String {
    let depth = rel.components().count().saturating_sub(1);
    let name = if depth == 0 { ProjectPaths::SITE_SCHEMA } else { ProjectPaths::CONTENT_SCHEMA };
    format!("# yaml-language-server: $schema={}{}/{name}", "../".repeat(depth), ProjectPaths::SCHEMAS)
}

/// The folder `kiyaku schema` writes to by default: `ROOT/schemas`.
pub fn default_dir(root: &Path) -> PathBuf {
    ProjectPaths::new(root).schemas()
}

/// Write both schemas into `dir` (created if needed); returns the paths.
pub fn write(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let (content, site) = generate();
    let mut written = Vec::new();
    for (name, text) in [(ProjectPaths::CONTENT_SCHEMA, content), (ProjectPaths::SITE_SCHEMA, site)] {
        let path = dir.join(name);
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

/// The `.vscode/settings.json` that maps the schemas onto a project's
/// files (the YAML extension reads `yaml.schemas`).
pub fn vscode_settings() -> String {
    let (content, site) = (ProjectPaths::CONTENT_SCHEMA, ProjectPaths::SITE_SCHEMA);
    let dir = ProjectPaths::SCHEMAS;
    let settings = serde_json::json!({
        "yaml.schemas": {
            format!("./{dir}/{content}"): ["content/**/*.yaml", "content/**/*.yml"],
            format!("./{dir}/{site}"): ["kiyaku.yaml", "kiyaku.yml"],
        }
    });
    serde_json::to_string_pretty(&settings).unwrap_or_default() + "\n"
}

/// The folder under `content/` where `kiyaku new` puts an item of `kind`.
fn folder(kind: &str) -> &'static str {
    match kind {
        "provider" => "providers",
        "service" => "services",
        "support-programme" => "programmes",
        "severity-scale" => "scales",
        "calendar" => "calendars",
        "glossary" => "glossaries",
        _ => "documents",
    }
}

/// What `kiyaku new` writes: a file with every key the kind requires, the
/// values left for the author (so `check` lists each one still to write),
/// the optional keys as comments.
pub struct Scaffold {
    /// Relative to the project root: `content/services/ID.yaml`.
    pub path: PathBuf,
    pub text: String,
}

/// The scaffold of one item of `kind` called `id`, dated `today` where a
/// date is required.
pub fn scaffold(kind: &str, id: &str, today: crate::vocab::Date) -> anyhow::Result<Scaffold> {
    let kinds = crate::load::KINDS;
    if !kinds.contains(&kind) {
        anyhow::bail!("kiyaku has no kind `{kind}`; use one of: {}", kinds.join(", "));
    }
    if let Err(e) = crate::model::values::Id::parse(id) {
        anyhow::bail!("`{id}` cannot be an id: {}", e.message);
    }
    let crate::load::JsonSchemas { content, .. } = crate::load::json_schemas();
    let definitions = &content["definitions"];
    let file = &definitions[format!("file-{kind}")];
    let path = PathBuf::from(ProjectPaths::CONTENT).join(folder(kind)).join(format!("{id}.yaml"));
    let mut out = format!("{}\n", modeline(&path));
    let values = ScaffoldValues { id, today: today.iso(), definitions };
    out.push_str(&format!("kind: {kind}\n"));
    values.object(file, 0, &mut out, true);
    // A document needs a revision history (E0306), though the decoder
    // does not require one.
    if kind == "document" {
        out.push_str(&format!(
            "revisions:\n  - version: \"1.0\"\n    date: {}\n    changes:\n      - summary:\n",
            values.today
        ));
    }
    Ok(Scaffold { path, text: out })
}

struct ScaffoldValues<'a> {
    id: &'a str,
    today: String,
    definitions: &'a serde_json::Value,
}

impl ScaffoldValues<'_> {
    /// The definition a `$ref` points at, or the schema itself.
    fn resolve<'s>(&'s self, schema: &'s serde_json::Value) -> (&'s serde_json::Value, Option<&'s str>) {
        match schema.get("$ref").and_then(|r| r.as_str()).and_then(|r| r.strip_prefix("#/definitions/")) {
            Some(name) => (&self.definitions[name], Some(name)),
            None => (schema, None),
        }
    }

    /// The required keys of an object, then its optional ones as comments.
    fn object(&self, schema: &serde_json::Value, indent: usize, out: &mut String, top: bool) {
        let pad = " ".repeat(indent);
        let required: Vec<&str> =
            schema["required"].as_array().map(|r| r.iter().filter_map(|k| k.as_str()).collect()).unwrap_or_default();
        let Some(properties) = schema["properties"].as_object() else { return };
        let mut first = true;
        for key in &required {
            let prefix = if first && !top { String::new() } else { pad.clone() };
            first = false;
            self.value(key, &properties[*key], indent, &prefix, out);
        }
        let optional: Vec<&String> = properties
            .keys()
            .filter(|k| !required.contains(&k.as_str()) && !matches!(k.as_str(), "accept" | "reason"))
            .collect();
        if !optional.is_empty() && top {
            let keys: Vec<&str> =
                optional.iter().map(|k| k.as_str()).filter(|k| !matches!(*k, "kind" | "language")).collect();
            out.push_str(&format!("{pad}# Optional: {}\n", keys.join(", ")));
        }
    }

    fn value(&self, key: &str, schema: &serde_json::Value, indent: usize, prefix: &str, out: &mut String) {
        let (resolved, name) = self.resolve(schema);
        let pad = " ".repeat(indent);
        if let Some(kind) = resolved.get("const").and_then(|c| c.as_str()) {
            out.push_str(&format!("{prefix}{key}: {kind}\n"));
            return;
        }
        match (key, name) {
            ("id", _) if indent == 0 => out.push_str(&format!("{prefix}{key}: {}\n", self.id)),
            (_, Some("Version")) => out.push_str(&format!("{prefix}{key}: \"1.0\"\n")),
            (_, Some("Date")) => out.push_str(&format!("{prefix}{key}: {}\n", self.today)),
            _ if resolved.get("type").and_then(|t| t.as_str()) == Some("array") => {
                let (item, _) = self.resolve(&resolved["items"]);
                if item.get("properties").is_some() {
                    out.push_str(&format!("{prefix}{key}:\n{pad}  - "));
                    self.object(item, indent + 4, out, false);
                } else {
                    out.push_str(&format!("{prefix}{key}:\n{pad}  -\n"));
                }
            }
            _ if resolved.get("properties").is_some() && resolved.get("anyOf").is_none() => {
                out.push_str(&format!("{prefix}{key}:\n"));
                self.object(resolved, indent + 2, out, true);
            }
            _ => {
                let what = resolved.get("description").and_then(|d| d.as_str()).unwrap_or("");
                let what = what.split(':').next().unwrap_or(what);
                out.push_str(&format!("{prefix}{key}:  # {what}\n"));
            }
        }
    }
}

/// Write the scaffold under `root`, refusing to replace a file.
pub fn write_scaffold(root: &Path, scaffold: &Scaffold) -> anyhow::Result<PathBuf> {
    let path = root.join(&scaffold.path);
    if path.exists() {
        anyhow::bail!("{} already exists; kiyaku new does not overwrite files", path.display());
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
    }
    std::fs::write(&path, &scaffold.text).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(path)
}
