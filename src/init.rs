//! `kiyaku init`: scaffold a small project that passes `check`.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

const FILES: &[(&str, &str)] = &[
    (
        ".gitignore",
        "# What kiyaku build writes: the site, and beside it a lock and (only\n# while a build runs, or after one was killed) its staging folders.\n/output\n/.output.staging-*\n/.output.old-*\n/.output.lock\n# PDFs kept between builds, to reuse an unchanged document's.\n/.kiyaku-cache\n",
    ),
    (
        "kiyaku.yaml",
        r#"# Site settings. See docs/authoring.md for every option.
title: サービス資料
language: ja
"#,
    ),
    (
        "content/providers/example.yaml",
        r#"kind: provider
id: example
name: 株式会社サンプル
contacts:
  - id: support
    name: サポート窓口
    email: support@example.com
"#,
    ),
    (
        "content/calendars/always.yaml",
        r#"kind: calendar
id: always
name: 24時間365日
hours: always
"#,
    ),
    (
        "content/services/example-cloud.yaml",
        r#"kind: service
id: example-cloud
name: サンプルクラウド
provider: example
summary: 業務システムを稼働させるためのクラウド基盤です。
availability:
  hours: always
  target: 99.9%
data_location:
  region: 日本国内
data_deletion:
  - data: お客様のデータ（バックアップを含む）
    within: 1 month
    after: contract-end
backups:
  - id: daily
    data: お客様のデータ
    schedule: daily
    generations: 7
"#,
    ),
    (
        "content/documents/example-whitepaper.yaml",
        r#"kind: document
id: example-whitepaper
type: security-whitepaper
service: example-cloud
title: サンプルクラウド セキュリティホワイトペーパー
language: ja
version: "1.0"
contact: support
sections:
  - id: availability
    title: サービス提供時間
    show: availability
  - id: data
    title: データの保管と削除
    show: [data-location, data-deletion]
  - id: backup
    title: バックアップ
    body: お客様のデータは次のとおりバックアップされます。
    show: backups
revisions:
  - version: "1.0"
    date: 2025-01-01
    changes:
      - summary: 初版発行
"#,
    ),
];

/// Where editors learn which schema a project's files follow.
const VSCODE_SETTINGS: &str = ".vscode/settings.json";

/// Write the scaffold into `dir`. Refuses if any file already exists;
/// returns the files written.
///
/// Besides the project, it writes the JSON Schemas (`schemas/`) and a
/// `.vscode/settings.json` mapping them, and each YAML file names its
/// schema in a `# yaml-language-server:` line, so completion and inline
/// errors work in any yaml-language-server editor from the first edit.
pub fn init(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let schemas = crate::schema::default_dir(dir);
    let in_schemas = |name: &str| format!("{}/{name}", crate::vocab::ProjectPaths::SCHEMAS);
    let ours = [
        VSCODE_SETTINGS.to_string(),
        in_schemas(crate::vocab::ProjectPaths::CONTENT_SCHEMA),
        in_schemas(crate::vocab::ProjectPaths::SITE_SCHEMA),
    ];
    let existing: Vec<String> =
        FILES.iter().map(|(p, _)| p.to_string()).chain(ours.iter().cloned()).filter(|p| dir.join(p).exists()).collect();
    if !existing.is_empty() {
        bail!("{} already contains {}; kiyaku init does not overwrite files", dir.display(), existing.join(", "));
    }
    let mut written = Vec::new();
    for (rel, text) in FILES {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
        }
        let text = match schema_line(rel) {
            Some(line) => format!("{line}\n{text}"),
            None => text.to_string(),
        };
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
        written.push(path);
    }
    written.extend(crate::schema::write(&schemas)?);
    let settings = dir.join(VSCODE_SETTINGS);
    if let Some(parent) = settings.parent() {
        std::fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
    }
    std::fs::write(&settings, crate::schema::vscode_settings())
        .with_context(|| format!("cannot write {}", settings.display()))?;
    written.push(settings);
    Ok(written)
}

/// The schema line for a YAML file at `rel`; none for other files.
fn schema_line(rel: &str) -> Option<String> {
    rel.ends_with(".yaml").then(|| crate::schema::modeline(Path::new(rel)))
}
