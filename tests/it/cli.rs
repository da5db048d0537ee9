//! Command-line habits: `--version` names the commit, shell completions
//! and manual pages are generated, `-o` and `--quiet` work, and the build's
//! progress line is drawn on a terminal only (a pty, through Python's
//! `pty` module) and never into a pipe.

use crate::common::*;
use std::process::Command;

fn text(args: &[&str]) -> (bool, String) {
    let out = kiyaku(args);
    (out.status.success(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

#[test]
fn version_completions_and_manual_pages() {
    let (ok, version) = text(&["--version"]);
    assert!(ok && version.starts_with(&format!("kiyaku {}", env!("CARGO_PKG_VERSION"))), "{version}");
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let (ok, script) = text(&["completions", shell]);
        assert!(ok, "{shell}: {script}");
        // Every command is offered.
        for command in ["build", "check", "serve", "release", "diff", "init"] {
            assert!(script.contains(command), "{shell} completion lacks {command}");
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let (ok, said) = text(&["man", "-o", dir.path().to_str().unwrap()]);
    assert!(ok, "{said}");
    let page = std::fs::read_to_string(dir.path().join("kiyaku-build.1")).unwrap();
    assert!(page.contains(".TH kiyaku-build") && page.contains("\\-\\-out"), "{page}");
    assert!(dir.path().join("kiyaku.1").is_file() && dir.path().join("kiyaku-diff.1").is_file());
}

#[test]
fn short_out_and_quiet() {
    let p = project("base");
    let out = p.path().join("site");
    let (ok, said) = text(&["build", "--root", p.path().to_str().unwrap(), "-o", out.to_str().unwrap(), "--quiet"]);
    assert!(ok, "{said}");
    assert!(out.join("index.html").is_file());
    assert!(!said.contains("kiyaku build:"), "--quiet prints no summary: {said}");
    let (ok, said) = text(&["check", "--root", p.path().to_str().unwrap(), "-q"]);
    assert!(ok && said.is_empty(), "{said}");
    // In a pipe there is no progress line.
    let (_, said) = text(&["build", "--root", p.path().to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(!said.contains("PDF ") && said.contains("kiyaku build:"), "{said}");
}

#[test]
fn progress_is_drawn_on_a_terminal() {
    if !have_tool("python3") {
        return;
    }
    let p = project("base");
    let script = "import os, pty, sys\nos.environ['KIYAKU_PROGRESS_AFTER_MS'] = '0'\npty.spawn(sys.argv[1:])\n";
    let out = Command::new("python3")
        .args(["-c", script, env!("CARGO_BIN_EXE_kiyaku"), "build", "--root", p.path().to_str().unwrap()])
        .output()
        .unwrap();
    let seen = String::from_utf8_lossy(&out.stdout);
    assert!(seen.contains("kiyaku build: PDF 2/2 documents,"), "{seen}");
    // Cleared before the summary.
    assert!(seen.contains("\r\u{1b}[K"), "{seen:?}");
    // With --quiet, nothing but diagnostics.
    let out = Command::new("python3")
        .args(["-c", script, env!("CARGO_BIN_EXE_kiyaku"), "build", "--quiet", "--root", p.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stdout).contains("PDF "), "--quiet draws no progress");
}

#[test]
fn diagnostics_name_files_from_where_the_user_stands() {
    // From the project's parent, `--root site`: `site/content/…`, a path
    // that opens from here; JSON keeps the project-relative one.
    let p = project("unknown-key");
    let parent = p.path().parent().unwrap();
    let name = p.path().file_name().unwrap().to_str().unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_kiyaku"))
            .env("KIYAKU_MESSAGE_LANG", "en")
            .args(args)
            .current_dir(parent)
            .env("KIYAKU_TODAY", TODAY)
            .env("NO_COLOR", "1")
            .env_remove("GITHUB_ACTIONS")
            .output()
            .unwrap()
    };
    let human = String::from_utf8_lossy(&run(&["check", "--root", name]).stderr).into_owned();
    assert!(human.contains(&format!("{name}/content/extra.yaml:5:1")), "{human}");
    let json = String::from_utf8_lossy(&run(&["check", "--root", name, "--format", "json"]).stdout).into_owned();
    assert!(json.contains("\"file\":\"content/extra.yaml\""), "{json}");
}

#[test]
fn new_scaffolds_every_kind_with_the_keys_it_requires() {
    let dir = tempfile::tempdir().unwrap();
    kiyaku::init::init(dir.path()).unwrap();
    let root = dir.path().to_str().unwrap();
    let kinds = ["provider", "service", "support-programme", "severity-scale", "calendar", "glossary", "document"];
    for kind in kinds {
        let out = kiyaku(&["new", kind, &format!("new-{kind}"), "--root", root]);
        assert!(out.status.success(), "{kind}: {}", String::from_utf8_lossy(&out.stderr));
    }
    // Every finding is a value still to write, in a new file: the keys are
    // the ones kiyaku reads, and nothing else is wrong.
    let (diags, code, stderr) = check(dir.path(), &[]);
    assert_eq!(code, 1, "{stderr}");
    for d in &diags {
        let file = d.file.as_deref().unwrap_or("");
        assert!(file.contains("/new-"), "{d:#?}");
        assert!(matches!(d.code.as_str(), "E0112" | "E0111"), "{d:#?}");
        assert!(d.message.contains("has no value") || d.message.contains("found nothing"), "{d:#?}");
    }
    for kind in kinds {
        assert!(
            diags.iter().any(|d| d.file.as_deref().is_some_and(|f| f.contains(&format!("new-{kind}.yaml")))),
            "{kind}"
        );
    }
    // It never overwrites, and refuses what is not a kind or an id.
    assert_eq!(kiyaku(&["new", "service", "new-service", "--root", root]).status.code(), Some(2));
    assert_eq!(kiyaku(&["new", "servise", "x", "--root", root]).status.code(), Some(2));
    assert_eq!(kiyaku(&["new", "service", "Not An Id", "--root", root]).status.code(), Some(2));
}

#[test]
fn output_into_a_closed_pipe_is_not_a_panic() {
    // Stdout is a pipe whose reader has gone before kiyaku writes (as
    // after `| head -1`): every write fails with EPIPE.
    let script = "import os, subprocess, sys\nr, w = os.pipe()\nos.close(r)\nsys.exit(subprocess.run(sys.argv[1:], stdout=w, stderr=subprocess.PIPE).stderr.decode().count('panicked'))\n";
    let bin = env!("CARGO_BIN_EXE_kiyaku");
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p");
    let project = project.to_str().unwrap();
    for command in [vec!["completions", "bash"], vec!["init", project], vec!["new", "service", "x", "--root", project]]
    {
        let out = Command::new("python3").args(["-c", script, bin]).args(&command).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{command:?} panicked: {}", String::from_utf8_lossy(&out.stderr));
    }
}
