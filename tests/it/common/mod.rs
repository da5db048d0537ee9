//! Helpers shared by the integration tests: fixture projects, running the
//! `kiyaku` binary, reading its JSON diagnostics, and external tools.
#![allow(dead_code)]

pub mod browser;
pub mod http;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The date the tests treat as today.
pub const TODAY: &str = "2026-12-01";

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

pub fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from).into_iter().filter_map(Result::ok) {
        let rel = e.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

/// What a fixture says `check` reports on it; not part of the project.
pub const EXPECTED: &str = "expected.txt";

/// A temporary project: the base fixture with `case`'s files laid over it.
/// A file named `<name>.remove` in the case deletes `<name>` from the base.
pub fn project(case: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixtures().join("base"), dir.path());
    let _ = std::fs::remove_file(dir.path().join(EXPECTED));
    if case != "base" {
        let overlay = fixtures().join(case);
        assert!(overlay.is_dir(), "no fixture {case}");
        for e in walkdir::WalkDir::new(&overlay).into_iter().filter_map(Result::ok) {
            if !e.file_type().is_file() {
                continue;
            }
            let rel = e.path().strip_prefix(&overlay).unwrap();
            if rel == Path::new(EXPECTED) {
                continue;
            }
            let dest = dir.path().join(rel);
            if let Some(name) = rel.to_str().and_then(|r| r.strip_suffix(".remove")) {
                let _ = std::fs::remove_file(dir.path().join(name));
                continue;
            }
            std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
    dir
}

/// A fixture project to change and check, step by step:
/// `Fixture::new("base").edit("content/service.yaml", "7", "14").check(&[]).expect("E0505", "content/service.yaml:17:18")`.
pub struct Fixture {
    dir: tempfile::TempDir,
}

impl Fixture {
    pub fn new(case: &str) -> Fixture {
        Fixture { dir: project(case) }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Replace the first `from` with `to` in `file`.
    pub fn edit(self, file: &str, from: &str, to: &str) -> Fixture {
        edit(self.path(), file, from, to);
        self
    }

    /// Write `file` (folders created as needed).
    pub fn write(self, file: &str, text: &str) -> Fixture {
        let p = self.path().join(file);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
        self
    }

    /// `kiyaku check --format json` with `extra` arguments.
    pub fn check(&self, extra: &[&str]) -> Run {
        let (diags, code, stderr) = check(self.path(), extra);
        Run { diags, code, stderr }
    }
}

/// What one `check` found.
pub struct Run {
    pub diags: Vec<Diag>,
    pub code: i32,
    pub stderr: String,
}

impl Run {
    /// The diagnostic with `code` at `at` (`file:line:column`); panics with
    /// everything that was found if there is none.
    #[track_caller]
    pub fn expect(&self, code: &str, at: &str) -> &Diag {
        let (file, rest) = at.split_once(':').expect("file:line:column");
        let (line, column) = rest.split_once(':').expect("file:line:column");
        expect_diag(&self.diags, code, file, line.parse().unwrap(), column.parse().unwrap())
    }

    pub fn codes(&self) -> Vec<&str> {
        self.diags.iter().map(|d| d.code.as_str()).collect()
    }
}

/// A temporary copy of the example site at the repository root.
pub fn example_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_dir(&root.join("content"), &dir.path().join("content"));
    copy_dir(&root.join("templates"), &dir.path().join("templates"));
    std::fs::copy(root.join("kiyaku.yaml"), dir.path().join("kiyaku.yaml")).unwrap();
    dir
}

pub fn kiyaku(args: &[&str]) -> Output {
    kiyaku_env(args, &[])
}

/// `kiyaku build --root root`, which must succeed (its stderr shown if not).
pub fn build_ok(root: &Path) -> Output {
    let out = kiyaku(&["build", "--root", root.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    out
}

/// Run kiyaku with extra environment variables.
pub fn kiyaku_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_kiyaku"));
    c.env("KIYAKU_MESSAGE_LANG", "en");
    c.args(args).env("KIYAKU_TODAY", TODAY).env_remove("GITHUB_ACTIONS").env("NO_COLOR", "1");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("run kiyaku")
}

#[derive(Debug, Clone, PartialEq)]
pub struct Diag {
    pub code: String,
    pub severity: String,
    pub message: String,
    pub file: Option<String>,
    pub line: Option<u64>,
    pub column: Option<u64>,
    pub hint: Option<String>,
    pub json: serde_json::Value,
}

pub fn parse_json_lines(stdout: &[u8]) -> Vec<Diag> {
    String::from_utf8_lossy(stdout)
        .lines()
        .filter(|l| l.starts_with('{'))
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l}: {e}"));
            Diag {
                code: v["code"].as_str().unwrap().to_string(),
                severity: v["severity"].as_str().unwrap().to_string(),
                message: v["message"].as_str().unwrap().to_string(),
                file: v["file"].as_str().map(str::to_string),
                line: v["line"].as_u64(),
                column: v["column"].as_u64(),
                hint: v["hint"].as_str().map(str::to_string),
                json: v,
            }
        })
        .collect()
}

/// `kiyaku check --format json` on `root`: diagnostics and exit status.
pub fn check(root: &Path, extra: &[&str]) -> (Vec<Diag>, i32, String) {
    let mut args = vec!["check", "--root", root.to_str().unwrap(), "--format", "json"];
    args.extend_from_slice(extra);
    let out = kiyaku(&args);
    (parse_json_lines(&out.stdout), out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// Assert a diagnostic with `code` at `file:line:col` exists; returns it.
#[track_caller]
pub fn expect_diag<'a>(diags: &'a [Diag], code: &str, file: &str, line: u64, column: u64) -> &'a Diag {
    diags
        .iter()
        .find(|d| d.code == code && d.file.as_deref() == Some(file) && d.line == Some(line) && d.column == Some(column))
        .unwrap_or_else(|| panic!("expected {code} at {file}:{line}:{column}, got:\n{diags:#?}"))
}

/// A Python that can import `module` (`KIYAKU_PYTHON` if set, which
/// `.ci/run` points at its venv, else `python3`). Missing, the test skips
/// loudly, or fails when `CI=true`.
pub fn python_with(module: &str) -> Option<String> {
    let python = std::env::var("KIYAKU_PYTHON").unwrap_or_else(|_| "python3".into());
    let ok = Command::new(&python).args(["-c", &format!("import {module}")]).output().is_ok_and(|o| o.status.success());
    if !ok {
        skip_or_fail(
            &format!("`{python}` cannot import {module}"),
            "set KIYAKU_PYTHON to a Python that has it, or run .ci/run",
        );
    }
    ok.then_some(python)
}

/// Whether an external tool is available. Missing tools skip the test with a
/// loud message locally, and fail it when `CI=true`.
pub fn have_tool(tool: &str) -> bool {
    let found = Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {tool}"))
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !found {
        skip_or_fail(&format!("`{tool}` is not installed"), "install it, or run .ci/run, to run this test");
    }
    found
}

/// What a test does without a tool it needs: fail under `CI=true` (where
/// `.ci/run` installed it), else say loudly that it is skipped.
pub fn skip_or_fail(missing: &str, remedy: &str) {
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{missing}: it is required in CI (.ci/run installs it)");
    }
    // Straight to the process's stderr: the harness captures `eprintln!`
    // of passing tests, and a skip must not pass silently.
    use std::io::Write;
    let test = std::thread::current().name().unwrap_or("a test").to_string();
    let _ = writeln!(std::io::stderr(), "\n*** SKIPPED {test}: {missing} ({remedy}) ***\n");
}

/// Replace the first `from` with `to` in a project file, checking the text was there.
pub fn edit(root: &Path, file: &str, from: &str, to: &str) {
    let p = root.join(file);
    let text = std::fs::read_to_string(&p).unwrap();
    assert!(text.contains(from), "{file} has no `{from}`");
    std::fs::write(&p, text.replacen(from, to, 1)).unwrap();
}

/// Every file under `dir` with its bytes.
pub fn snapshot(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap()))
        .collect()
}
