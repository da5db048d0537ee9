//! Stage 1: find and read the project's files and decode them into the model.
//!
//! `content/**/*.yaml` (and `.yml`) are discovered with walkdir, in sorted
//! order; each file holds one item whose `kind:` says what it is. The site
//! settings live in `kiyaku.yaml` at the project root. Problems in files are
//! diagnostics; a missing `content/` directory is a plain error.

pub(crate) mod decode;
mod images;
pub(crate) mod json_schema;
pub(crate) use json_schema::{JsonSchemas, VERSION_KEY, json_schemas};
mod nouns;
pub(crate) mod schema;

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use rayon::prelude::*;

use crate::diag::Acceptance;
use crate::diag::{Code, Diagnostic, Diagnostics, suggestion};
use crate::model::values::Lang;
use crate::model::{Project, Site, Text, TextVariant};
use crate::source::{FileId, Sources, Span};
use crate::vocab::ProjectPaths;
use crate::yaml::{self, Node, NodeKind};
use decode::{Decode, DecodeCx};

/// Files larger than this are refused before parsing.
pub(crate) const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

/// The kinds a content file can declare.
pub(crate) const KINDS: &[&str] =
    &["provider", "service", "support-programme", "severity-scale", "calendar", "glossary", "document"];

/// The result of loading: the model (as far as it could be decoded), the
/// source files for diagnostics, and what went wrong.
pub(crate) struct Loaded {
    pub project: Project,
    /// The `accept:` entries of every file, applied once all stages reported.
    pub acceptances: Vec<Acceptance>,
    pub sources: Sources,
    pub diagnostics: Diagnostics,
    /// Content files read (for the summary line).
    pub files: usize,
    /// Items left out because they could not be decoded: references to
    /// them would be reported as unknown, so checks across items wait.
    pub incomplete: usize,
}

/// Read `root/kiyaku.yaml` and every YAML file under `root/content/`.
pub(crate) fn load(root: &Path) -> anyhow::Result<Loaded> {
    let project_paths = ProjectPaths::new(root);
    let content = project_paths.content();
    if !content.is_dir() {
        bail!("no content/ directory in {} (run `kiyaku init` to create a project, or pass --root)", root.display());
    }
    let paths = discover(&content, root)?;
    let mut sources = Sources::new();
    let mut diags = Vec::new();
    let mut image_uses = Vec::new();

    // Site settings first: they give the default language.
    let site_path = project_paths.settings();
    let site = if std::fs::symlink_metadata(&site_path).is_ok() {
        match read_file(&site_path, root, &mut sources) {
            Ok(file) => decode_site(file, &sources.get(file).text.clone(), &mut diags, &mut image_uses),
            Err(d) => {
                diags.push(d);
                None
            }
        }
    } else {
        None
    };
    let site = site.unwrap_or_else(|| default_site(&mut sources));
    stale_schemas(root, &mut sources, &mut diags);

    // Read sequentially (file ids in path order), decode in parallel.
    let files: Vec<FileId> = paths
        .iter()
        .filter_map(|p| match read_file(p, root, &mut sources) {
            Ok(id) => Some(id),
            Err(d) => {
                diags.push(d);
                None
            }
        })
        .collect();
    let decoded: Vec<DecodedFile> =
        files.par_iter().map(|id| decode_file(*id, &sources.get(*id).text, site.language)).collect();

    let mut project = Project {
        site,
        providers: Vec::new(),
        services: Vec::new(),
        programmes: Vec::new(),
        scales: Vec::new(),
        calendars: Vec::new(),
        glossaries: Vec::new(),
        documents: Vec::new(),
        images: Default::default(),
    };
    let mut acceptances = Vec::new();
    let mut incomplete = 0;
    for (d, a, item, uses) in decoded {
        image_uses.extend(uses);
        if item.is_none() && d.iter().any(|x| x.is_error() && x.code != Code::EmptyFile) {
            incomplete += 1;
        }
        diags.extend(d);
        acceptances.extend(a);
        match item {
            Some(Item::Provider(x)) => project.providers.push(*x),
            Some(Item::Service(x)) => project.services.push(*x),
            Some(Item::Programme(x)) => project.programmes.push(*x),
            Some(Item::Scale(x)) => project.scales.push(*x),
            Some(Item::Calendar(x)) => project.calendars.push(*x),
            Some(Item::Glossary(x)) => project.glossaries.push(*x),
            Some(Item::Document(x)) => project.documents.push(*x),
            None => {}
        }
    }
    project.images = images::read_all(root, &project.site, &sources, image_uses, &mut diags);
    let mut diagnostics = Diagnostics::new();
    diagnostics.extend(diags);
    Ok(Loaded { project, acceptances, sources, diagnostics, files: paths.len(), incomplete })
}

/// W0134 for a schema under `schemas/` that differs from the one this
/// kiyaku generates: the editor would complete keys that no longer exist,
/// or flag new ones.
fn stale_schemas(root: &Path, sources: &mut Sources, diags: &mut Vec<Diagnostic>) {
    let dir = ProjectPaths::new(root).schemas();
    let names = [ProjectPaths::CONTENT_SCHEMA, ProjectPaths::SITE_SCHEMA];
    if !names.iter().any(|n| dir.join(n).is_file()) {
        return;
    }
    let JsonSchemas { content, site } = json_schemas();
    for (name, current) in names.into_iter().zip([content, site]) {
        let path = dir.join(name);
        if !path.is_file() {
            continue;
        }
        let Ok(file) = read_file(&path, root, sources) else { continue };
        let text = &sources.get(file).text;
        let written: Option<serde_json::Value> = serde_json::from_str(text).ok();
        if written.as_ref() == Some(current) {
            continue;
        }
        let version = written.as_ref().and_then(|w| w.get(VERSION_KEY)).and_then(|v| v.as_str()).unwrap_or("?");
        let at = text.find(VERSION_KEY).map_or(0..0, |i| i..i + VERSION_KEY.len());
        let ours = env!("CARGO_PKG_VERSION");
        let shown = ProjectPaths::display_name(&path, root);
        diags.push(
            Diagnostic::new(
                Code::StaleSchema,
                crate::msg!(
                    "{shown} is not the schema this kiyaku ({ours}) generates (it records kiyaku {version})",
                    "{shown} は、この kiyaku（{ours}）が生成するスキーマと違います（記録されている版: {version}）"
                ),
            )
            .at(Span::new(file, at), crate::msg!("written by another kiyaku", "別の版の kiyaku が書き出したもの"))
            .hint(crate::msg!(
                "run `kiyaku schema` to write it again, so the editor completes and checks the keys kiyaku reads",
                "`kiyaku schema` を実行して書き直してください。エディターの補完と検査が kiyaku の読むキーに合います"
            )),
        );
    }
}

/// Every `*.yaml` / `*.yml` below `dir`, sorted; hidden and editor
/// temporary files are skipped. Links are followed while they stay inside
/// `root`; a linked folder that leaves it is listed itself (not walked), so
/// that reading it reports the link. A folder named `*.yaml` is listed too.
pub(crate) fn discover(dir: &Path, root: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut refused = Vec::new();
    let mut leaves = |e: &walkdir::DirEntry| {
        let out_of_project = e.path_is_symlink()
            && e.file_type().is_dir()
            && crate::input::resolve(e.path(), crate::input::Scope::Inside(root)).is_err();
        if out_of_project {
            refused.push(e.path().to_path_buf());
        }
        out_of_project
    };
    let walker = walkdir::WalkDir::new(dir).follow_links(true).sort_by_file_name().into_iter().filter_entry(|e| {
        if e.depth() == 0 {
            return true;
        }
        if is_hidden(e.file_name()) {
            return false;
        }
        !leaves(e)
    });
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                // A dangling link or unreadable directory: report the path so
                // the read below produces a proper diagnostic.
                if let Some(p) = e.path()
                    && is_yaml(p)
                {
                    out.push(p.to_path_buf());
                    continue;
                }
                if e.io_error().is_some_and(|io| io.kind() == std::io::ErrorKind::PermissionDenied) {
                    return Err(anyhow::Error::new(e)).context("cannot read a directory under content/");
                }
                continue;
            }
        };
        if entry.file_type().is_dir() && !is_yaml(entry.path()) {
            continue;
        }
        if is_yaml(entry.path()) && !is_editor_temp(entry.file_name()) {
            out.push(entry.path().to_path_buf());
        }
    }
    // Linked folders leading out of the project, skipped by the walk.
    out.extend(refused);
    out.sort();
    out.dedup();
    Ok(out)
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

fn is_editor_temp(name: &std::ffi::OsStr) -> bool {
    let n = name.to_string_lossy();
    n.ends_with('~') || (n.starts_with('#') && n.ends_with('#'))
}

fn is_yaml(p: &Path) -> bool {
    p.extension()
        .map(|e| {
            let e = e.to_string_lossy().to_ascii_lowercase();
            e == "yaml" || e == "yml"
        })
        .unwrap_or(false)
}

/// Read a file and register it; problems become diagnostics against it.
fn read_file(path: &Path, root: &Path, sources: &mut Sources) -> Result<FileId, Diagnostic> {
    crate::input::read_source(path, &ProjectPaths::display_name(path, root), root, MAX_FILE_BYTES, sources)
}

fn default_site(sources: &mut Sources) -> Site {
    let id = sources.add("kiyaku.yaml (defaults)", None, String::new());
    Site {
        title: Text {
            variants: vec![TextVariant { lang: Lang::Ja, text: "Documents".into(), span: Span::new(id, 0..0) }],
            span: Span::new(id, 0..0),
        },
        language: Lang::Ja,
        description: None,
        allow_raw_html: false,
        list_confidential: false,
        font_regular: None,
        font_bold: None,
        pdf_standards: Default::default(),
        limits: Default::default(),
        brand: Default::default(),
        page: Default::default(),
        labels: Vec::new(),
        file: None,
    }
}

fn decode_site(
    file: FileId,
    text: &str,
    diags: &mut Vec<Diagnostic>,
    images: &mut Vec<images::ImageUse>,
) -> Option<Site> {
    let node = match yaml::parse(file, text, diags) {
        Ok(n) => n,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let mut accepts = Vec::new();
    let mut cx = DecodeCx { file, text, lang: Lang::Ja, diags, accepts: &mut accepts, probe: None, images };
    schema::site(&node, &mut cx)
}

enum Item {
    Provider(Box<crate::model::Provider>),
    Service(Box<crate::model::Service>),
    Programme(Box<crate::model::Programme>),
    Scale(Box<crate::model::SeverityScale>),
    Calendar(Box<crate::model::Calendar>),
    Glossary(Box<crate::model::Glossary>),
    Document(Box<crate::model::Document>),
}

/// Parse and decode one file's text, for the fuzz targets.
#[cfg(test)]
pub(crate) fn decode_text(file: FileId, text: &str, default_lang: Lang) -> (Vec<Diagnostic>, Vec<Acceptance>, bool) {
    let (d, a, item, _) = decode_file(file, text, default_lang);
    (d, a, item.is_some())
}

/// What decoding one file gives: its diagnostics, `accept:` entries, item
/// and the images it names.
type DecodedFile = (Vec<Diagnostic>, Vec<Acceptance>, Option<Item>, Vec<images::ImageUse>);

fn decode_file(file: FileId, text: &str, default_lang: Lang) -> DecodedFile {
    let mut diags = Vec::new();
    let mut accepts = Vec::new();
    let mut images = Vec::new();
    let node = match yaml::parse(file, text, &mut diags) {
        Ok(n) => n,
        Err(d) => {
            diags.push(d);
            return (diags, accepts, None, images);
        }
    };
    let item = decode_item(file, text, &node, default_lang, (&mut diags, &mut accepts, &mut images));
    (diags, accepts, item, images)
}

fn decode_item(
    file: FileId,
    text: &str,
    node: &Node,
    default_lang: Lang,
    (diags, accepts, images): (&mut Vec<Diagnostic>, &mut Vec<Acceptance>, &mut Vec<images::ImageUse>),
) -> Option<Item> {
    if node.kind == NodeKind::Null {
        diags.push(
            Diagnostic::new(Code::EmptyFile, crate::msg!("file is empty", "ファイルが空です"))
                .at(node.span, crate::msg!("nothing here", "何も書かれていません"))
                .hint(crate::msg!(
                    "write a mapping starting with `kind:` (e.g. `kind: service`), or delete the file",
                    "`kind:` で始まるマッピング（例: `kind: service`）を書くか、ファイルを削除してください"
                )),
        );
        return None;
    }
    let mut cx = DecodeCx { file, text, lang: default_lang, diags, accepts, probe: None, images };
    if node.as_map().is_none() {
        cx.wrong_type(node, "a mapping with `kind:`");
        return None;
    }
    let Some(kind_entry) = node.get("kind") else {
        let (en, ja) = crate::vocab::joined(KINDS);
        cx.push(
            Diagnostic::new(Code::MissingKind, crate::msg!("file has no `kind:`", "ファイルに `kind:` がありません"))
                .at(node.head_span(), crate::msg!("what is this file?", "何のファイルか分かりません"))
                .hint(crate::msg!(
                    "add `kind:` with one of: {en}",
                    "`kind:` を追加して、次のいずれかを書いてください: {ja}"
                )),
        );
        return None;
    };
    if let Some(l) = node.get("language")
        && let Some(lang) = Lang::decode(&l.value, &mut cx)
    {
        cx.lang = lang;
    }
    let kind = cx.scalar(&kind_entry.value, "a kind")?.trim().to_string();
    match decode_kind(&kind, node, &mut cx) {
        Some(item) => item,
        None => {
            let other = kind.as_str();
            // Short names people reach for first.
            let alias = match other {
                "programme" | "program" | "support" | "support-program" => Some("support-programme"),
                "scale" | "severity" | "severities" | "severity-levels" => Some("severity-scale"),
                "doc" | "whitepaper" | "sla" | "guide" => Some("document"),
                "terms" | "glossary-terms" => Some("glossary"),
                "hours" | "business-hours" => Some("calendar"),
                _ => None,
            };
            let hint = alias
                .map(|a| crate::msg!("did you mean `{a}`?", "`{a}` の誤りではありませんか？"))
                .or_else(|| suggestion(other, KINDS))
                .unwrap_or_else(|| {
                    let (en, ja) = crate::vocab::joined(KINDS);
                    crate::msg!("use one of: {en}", "次のいずれかを使ってください: {ja}")
                });
            cx.push(
                Diagnostic::new(
                    Code::UnknownKind,
                    crate::msg!("unknown kind `{other}`", "`{other}` は不明な種類（kind）です"),
                )
                .at(kind_entry.value.span, crate::msg!("unknown kind", "不明な種類（kind）"))
                .hint(hint),
            );
            None
        }
    }
}

/// Decode `node` as a file of `kind`: `None` for a kind kiyaku does not
/// have, else what the kind's decoder made of it. The one place a kind
/// meets its decoder (the JSON Schema runs the same).
fn decode_kind(kind: &str, node: &Node, cx: &mut DecodeCx) -> Option<Option<Item>> {
    Some(match kind {
        "provider" => schema::provider(node, cx).map(|x| Item::Provider(Box::new(x))),
        "service" => schema::service(node, cx).map(|x| Item::Service(Box::new(x))),
        "support-programme" => schema::programme(node, cx).map(|x| Item::Programme(Box::new(x))),
        "severity-scale" => schema::scale(node, cx).map(|x| Item::Scale(Box::new(x))),
        "calendar" => schema::calendar(node, cx).map(|x| Item::Calendar(Box::new(x))),
        "glossary" => schema::glossary(node, cx).map(|x| Item::Glossary(Box::new(x))),
        "document" => schema::document(node, cx).map(|x| Item::Document(Box::new(x))),
        _ => return None,
    })
}
