//! The JSON Schema editors use (`kiyaku schema`) says what the decoders
//! say: it accepts every file `check` reads without a structural error,
//! and refuses every file in which `check` finds a mistake a schema can
//! express. Cross-file rules (ids that must exist, SLA consistency) are
//! beyond a schema and stay `check`'s.

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::*;

/// The single-file codes a JSON Schema can express: the file's structure,
/// blank text, and the shape of ids and language codes. Durations, dates,
/// schedules, percentages and the like are checked by `check` only.
const EXPRESSIBLE: &[&str] = &["E0106", "E0107", "E0110", "E0111", "E0112", "E0114", "E0125", "E0127", "E0218"];

/// Findings about one file alone: reading and decoding it, and naming a
/// block kiyaku does not have.
fn single_file(code: &str) -> bool {
    code.starts_with("E01") || code == "E0218"
}

struct Schemas {
    content: jsonschema::Validator,
    site: jsonschema::Validator,
}

fn schemas() -> Schemas {
    let (content, site) = kiyaku::schema::generate();
    let compile = |text: &str| {
        let value: serde_json::Value = serde_json::from_str(text).unwrap();
        jsonschema::draft7::new(&value).unwrap_or_else(|e| panic!("the schema does not compile: {e}"))
    };
    Schemas { content: compile(&content), site: compile(&site) }
}

/// The file as an editor's YAML reader sees it; `None` if it is not YAML.
fn as_json(path: &Path) -> Option<serde_json::Value> {
    let text = std::fs::read_to_string(path).ok()?;
    serde_saphyr::from_str::<serde_json::Value>(&text).ok()
}

/// The schema's errors for `rel` in `root` (`kiyaku.yaml` or a content file).
fn schema_errors(schemas: &Schemas, root: &Path, rel: &str) -> Option<Vec<String>> {
    let value = as_json(&root.join(rel))?;
    let validator = if rel.starts_with("kiyaku.y") { &schemas.site } else { &schemas.content };
    Some(validator.iter_errors(&value).map(|e| format!("{} at {}", e, e.instance_path())).collect())
}

/// Every YAML file of a project, relative to its root.
fn yaml_files(root: &Path) -> Vec<String> {
    let mut out: Vec<String> = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "yaml" || x == "yml"))
        .map(|e| e.path().strip_prefix(root).unwrap().to_string_lossy().into_owned())
        .collect();
    if root.join("kiyaku.yaml").is_file() {
        out.push("kiyaku.yaml".into());
    }
    out.sort();
    out
}

#[test]
fn the_schema_accepts_every_example_file() {
    let schemas = schemas();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut failures = Vec::new();
    let files = yaml_files(root);
    assert!(files.len() > 20, "{files:?}");
    for rel in &files {
        let errors = schema_errors(&schemas, root, rel).unwrap_or_else(|| panic!("{rel} is not YAML"));
        if !errors.is_empty() {
            failures.push(format!("{rel}: {errors:#?}"));
        }
    }
    // And what `kiyaku init` writes.
    let dir = tempfile::tempdir().unwrap();
    kiyaku::init::init(dir.path()).unwrap();
    for rel in yaml_files(dir.path()) {
        let errors = schema_errors(&schemas, dir.path(), &rel).unwrap();
        if !errors.is_empty() {
            failures.push(format!("init {rel}: {errors:#?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_schema_refuses_what_the_decoder_refuses_and_accepts_the_rest() {
    let schemas = schemas();
    let mut cases: Vec<String> = std::fs::read_dir(fixtures())
        .unwrap()
        .flatten()
        .filter(|e| e.path().join("content").is_dir() || e.path().join("kiyaku.yaml").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    cases.sort();
    let (mut refused, mut accepted, mut failures) = (0, 0, Vec::new());
    for case in &cases {
        let fixture = Fixture::new(case);
        let run = fixture.check(&[]);
        let mut by_file: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for d in &run.diags {
            if let Some(f) = d.file.as_deref() {
                by_file.entry(f).or_default().push(d.code.as_str());
            }
        }
        for rel in yaml_files(fixture.path()) {
            let codes = by_file.get(rel.as_str()).cloned().unwrap_or_default();
            let single_file: Vec<&str> = codes.iter().copied().filter(|c| single_file(c)).collect();
            let Some(errors) = schema_errors(&schemas, fixture.path(), &rel) else { continue };
            if single_file.is_empty() {
                accepted += 1;
                if !errors.is_empty() {
                    failures.push(format!("{case}/{rel}: check reads it, the schema refuses it: {errors:#?}"));
                }
            } else if single_file.iter().any(|c| EXPRESSIBLE.contains(c)) {
                refused += 1;
                if errors.is_empty() {
                    failures.push(format!("{case}/{rel}: check reports {single_file:?}, the schema accepts it"));
                }
            }
        }
    }
    assert!(refused >= 10 && accepted > 100, "refused {refused}, accepted {accepted}");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn a_schema_from_another_kiyaku_is_reported() {
    let fixture = Fixture::new("base");
    let dir = kiyaku::schema::default_dir(fixture.path());
    kiyaku::schema::write(&dir).unwrap();
    assert!(fixture.check(&["--strict"]).diags.is_empty(), "a fresh schema is not reported");
    let fixture = fixture.edit(
        "schemas/kiyaku.schema.json",
        &format!("\"x-kiyaku-version\": \"{}\"", env!("CARGO_PKG_VERSION")),
        "\"x-kiyaku-version\": \"0.0.1\"",
    );
    let run = fixture.check(&[]);
    let d = run.expect("W0134", "schemas/kiyaku.schema.json:4:4");
    assert!(d.message.contains("0.0.1"), "{}", d.message);
    assert_eq!(run.codes(), ["W0134"]);
}

#[test]
fn init_maps_the_schemas_for_editors() {
    let dir = tempfile::tempdir().unwrap();
    kiyaku::init::init(dir.path()).unwrap();
    let settings: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join(".vscode/settings.json")).unwrap()).unwrap();
    let map = settings["yaml.schemas"].as_object().unwrap();
    assert_eq!(map["./schemas/kiyaku.schema.json"][0], "content/**/*.yaml");
    assert!(dir.path().join("schemas/kiyaku.schema.json").is_file());
    assert!(dir.path().join("schemas/kiyaku-site.schema.json").is_file());
    // Each file also names its schema, for editors without the settings.
    let service = std::fs::read_to_string(dir.path().join("content/services/example-cloud.yaml")).unwrap();
    assert!(service.starts_with("# yaml-language-server: $schema=../../schemas/kiyaku.schema.json\n"), "{service}");
    let site = std::fs::read_to_string(dir.path().join("kiyaku.yaml")).unwrap();
    assert!(site.starts_with("# yaml-language-server: $schema=schemas/kiyaku-site.schema.json\n"), "{site}");
}
