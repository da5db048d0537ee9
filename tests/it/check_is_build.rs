//! `check` is `build` minus writing: over every fixture (and the example
//! site), both commands exit with the same status and report the same
//! diagnostics, at the same places. `check --strict` and `build --strict` too.

use std::path::Path;

use crate::common::*;

/// A diagnostic as the comparison sees it: code, file, line.
type Finding = (String, Option<String>, Option<u64>);

fn findings(root: &Path, command: &str, extra: &[&str]) -> (i32, Vec<Finding>) {
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("site");
    let root_arg = root.to_str().unwrap();
    let mut args = vec![command, "--root", root_arg, "--format", "json"];
    if command == "build" {
        args.extend(["--out", out.to_str().unwrap()]);
    }
    args.extend_from_slice(extra);
    let run = kiyaku(&args);
    let mut found: Vec<_> = parse_json_lines(&run.stdout).into_iter().map(|d| (d.code, d.file, d.line)).collect();
    found.sort();
    (run.status.code().unwrap_or(-1), found)
}

fn fixtures_list() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(fixtures())
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn check_fails_on_everything_build_fails_on() {
    let names = fixtures_list();
    assert!(names.len() > 50, "fixtures not found");
    // Two processes per fixture; a few fixtures at a time.
    let chunks: Vec<Vec<String>> = names.chunks(names.len().div_ceil(4)).map(<[String]>::to_vec).collect();
    let handles: Vec<_> = chunks
        .into_iter()
        .map(|chunk| {
            std::thread::spawn(move || {
                let mut differ = Vec::new();
                for name in chunk {
                    let dir = project(&name);
                    for strict in [&[][..], &["--strict"][..]] {
                        let check = findings(dir.path(), "check", strict);
                        let build = findings(dir.path(), "build", strict);
                        if check != build {
                            differ.push(format!("{name} {strict:?}:\n    check {check:?}\n    build {build:?}"));
                        }
                    }
                }
                differ
            })
        })
        .collect();
    let differ: Vec<String> = handles.into_iter().flat_map(|h| h.join().unwrap()).collect();
    assert!(differ.is_empty(), "check and build disagree:\n  {}", differ.join("\n  "));
}

#[test]
fn a_page_template_typo_fails_check_as_it_fails_build() {
    let dir = project("base");
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    let page = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/page.html")).unwrap();
    let page = page.replacen("{{ doc.title }}", "{{ doc.titel | upper }}", 1);
    assert!(page.contains("doc.titel"), "page.html has no `{{{{ doc.title }}}}` to break");
    std::fs::write(dir.path().join("templates/page.html"), page).unwrap();
    let (code, found) = findings(dir.path(), "check", &[]);
    assert_eq!(code, 1);
    assert!(found.iter().any(|(c, f, _)| c == "E0602" && f.as_deref() == Some("templates/page.html")), "{found:?}");
    // One mistake, one diagnostic: the pages it did not make are not also broken links.
    assert!(found.iter().all(|(c, ..)| c == "E0602"), "{found:?}");
    assert_eq!((code, found), findings(dir.path(), "build", &[]));
}

#[test]
fn a_broken_site_link_fails_check() {
    let dir = project("broken-site-link");
    let (code, found) = findings(dir.path(), "check", &[]);
    assert_eq!(code, 1);
    assert!(found.iter().any(|(c, ..)| c == "E0406"), "{found:?}");
}

#[test]
fn check_writes_nothing() {
    let dir = project("base");
    let before = snapshot(dir.path());
    let (code, _) = findings(dir.path(), "check", &[]);
    assert_eq!(code, 0);
    assert_eq!(before, snapshot(dir.path()), "check changed the project");
}
