//! `kiyaku schema`: the JSON Schemas that give editors completion, hover
//! text and inline errors for kiyaku's files.
//!
//! Both schemas are generated from the decoders (see `load::json_schema`)
//! and written as `schemas/kiyaku.schema.json` (content files, switching on
//! `kind:`) and `schemas/kiyaku-site.schema.json` (`kiyaku.yaml`). `init`
//! writes them with a `.vscode/settings.json` that maps them by glob; any
//! yaml-language-server client can use the same mapping or a
//! `# yaml-language-server: $schema=…` line.

use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::vocab::ProjectPaths;

/// The schemas as the text kiyaku writes (pretty JSON, stable order).
pub fn generate() -> (String, String) {
    let crate::load::JsonSchemas { content, site } = crate::load::json_schemas();
    let text = |v: &serde_json::Value| serde_json::to_string_pretty(v).unwrap_or_default() + "\n";
    (text(&content), text(&site))
}

/// The file names of the two schemas.
pub fn file_names() -> (&'static str, &'static str) {
    (ProjectPaths::CONTENT_SCHEMA, ProjectPaths::SITE_SCHEMA)
}

/// The folder `kiyaku schema` writes to by default: `ROOT/schemas`.
pub fn default_dir(root: &Path) -> PathBuf {
    ProjectPaths::new(root).schemas()
}

/// Write both schemas into `dir` (created if needed); returns the paths.
pub fn write(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let (content, site) = generate();
    let (content_name, site_name) = file_names();
    let mut written = Vec::new();
    for (name, text) in [(content_name, content), (site_name, site)] {
        let path = dir.join(name);
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

/// The `.vscode/settings.json` that maps the schemas onto a project's
/// files (the YAML extension reads `yaml.schemas`).
pub fn vscode_settings() -> String {
    let (content, site) = file_names();
    let dir = ProjectPaths::SCHEMAS;
    let settings = serde_json::json!({
        "yaml.schemas": {
            format!("./{dir}/{content}"): ["content/**/*.yaml", "content/**/*.yml"],
            format!("./{dir}/{site}"): ["kiyaku.yaml", "kiyaku.yml"],
        }
    });
    serde_json::to_string_pretty(&settings).unwrap_or_default() + "\n"
}
