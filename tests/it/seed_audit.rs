//! `docs/seed-audit.md`: every fact of the seeds the example content is
//! modelled on, with where the example states it. Every row must name a
//! section and fact path that exist in the lock (which `check --strict`
//! keeps equal to the content), and no row may be missing.

use std::collections::BTreeMap;
use std::path::Path;

/// document → section → fact paths of its latest release, read from the
/// lock's lines.
fn lock_facts() -> BTreeMap<String, BTreeMap<String, Vec<String>>> {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("content/kiyaku.lock")).unwrap();
    let mut out: BTreeMap<String, BTreeMap<String, Vec<String>>> = BTreeMap::new();
    let (mut doc, mut section) = (String::new(), String::new());
    for line in text.lines() {
        if let Some(d) = line.strip_prefix("  ").and_then(|l| l.strip_suffix(':')).filter(|d| !d.starts_with(' ')) {
            doc = d.to_string();
            out.entry(doc.clone()).or_default();
        } else if line.starts_with("      - version: ") {
            // Each release lists every section: the latest one counts.
            out.insert(doc.clone(), BTreeMap::new());
        } else if let Some(s) = line.strip_prefix("          - id: \"").and_then(|l| l.strip_suffix('"')) {
            section = s.to_string();
            out.entry(doc.clone()).or_default().entry(section.clone()).or_default();
        } else if let Some(f) = line.strip_prefix("              - \"").and_then(|l| l.strip_suffix('"')) {
            let path = f.split_once(": ").map_or(f, |(p, _)| p).to_string();
            out.entry(doc.clone()).or_default().entry(section.clone()).or_default().push(path);
        }
    }
    out
}

/// `support hours / {a,b} / 1` → one path per tier; `{…}` repeats the set before it.
fn expand(path: &str, previous: &mut Vec<String>) -> Vec<String> {
    let (Some(open), Some(close)) = (path.find('{'), path.find('}')) else { return vec![path.to_string()] };
    let inner = &path[open + 1..close];
    if inner != "…" {
        *previous = inner.split(',').map(str::to_string).collect();
    }
    previous.iter().map(|o| format!("{}{o}{}", &path[..open], &path[close + 1..])).collect()
}

#[test]
fn every_seed_fact_is_held_where_the_audit_says() {
    let audit = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/seed-audit.md")).unwrap();
    let lock = lock_facts();
    let mut problems = Vec::new();
    let mut rows = 0;
    let table = audit.split("\n## Summary").next().unwrap_or(&audit);
    for line in table.lines().filter(|l| l.starts_with("| 00")) {
        let cells: Vec<&str> = line.trim_matches('|').split(" | ").map(str::trim).collect();
        let [seed, n, fact, held, path, _typed, _note] = cells[..] else {
            problems.push(format!("a row without 7 cells: {line}"));
            continue;
        };
        rows += 1;
        let what = format!("seed {seed} #{n} ({fact})");
        if held.contains("MISSING") {
            problems.push(format!("{what}: missing"));
            continue;
        }
        let (doc, section) = match held.split_once('#') {
            Some((d, s)) => (d, Some(s)),
            None => (held.split_whitespace().next().unwrap_or(held), None),
        };
        let Some(sections) = lock.get(doc) else {
            problems.push(format!("{what}: no document `{doc}` in the lock"));
            continue;
        };
        let Some(section) = section.filter(|s| !s.starts_with("kiyaku-")) else { continue };
        if path.starts_with("not in lock") {
            continue;
        }
        let mut previous = Vec::new();
        for p in path.split("; ") {
            let (sec, p) = match p.strip_prefix('#').and_then(|r| r.split_once(' ')) {
                Some((other, p)) => (other, p),
                None => (section, p),
            };
            let Some(paths) = sections.get(sec) else {
                problems.push(format!("{what}: `{doc}` has no section `{sec}`"));
                continue;
            };
            for full in expand(p, &mut previous) {
                if !paths.contains(&full) {
                    problems.push(format!("{what}: `{doc}#{sec}` has no fact `{full}`"));
                }
            }
        }
    }
    assert!(rows >= 400, "the audit lists {rows} facts");
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}
