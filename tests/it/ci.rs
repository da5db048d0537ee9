//! CI-grade behaviour: machine-readable diagnostics, GitHub annotations,
//! exit statuses, and byte-identical output whatever the machine's clock,
//! time zone, locale, working directory or thread count.

use crate::common::*;
use std::path::Path;

#[test]
fn json_lines_follow_the_documented_schema() {
    let p = project("duplicate-id");
    let (diags, code, _) = check(p.path(), &[]);
    assert_eq!(code, 1);
    for d in &diags {
        let o = d.json.as_object().unwrap();
        for key in ["code", "severity", "message", "file", "line", "column", "end_line", "end_column", "hint", "labels"]
        {
            assert!(o.contains_key(key), "{key} missing in {o:?}");
        }
        assert!(["error", "warning"].contains(&d.severity.as_str()));
    }
}

#[test]
fn github_actions_annotations() {
    // Paths are relative to the workspace the project is in.
    let p = project("unknown-key");
    let ws = p.path().to_str().unwrap();
    let out = kiyaku_env(&["check", "--root", ws], &[("GITHUB_ACTIONS", "true"), ("GITHUB_WORKSPACE", ws)]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout.lines().find(|l| l.starts_with("::error ")).unwrap_or_else(|| panic!("{stdout}"));
    assert!(
        line.starts_with("::error file=content/extra.yaml,line=5,col=1,endLine=5,endColumn=8,title=E0110::unknown key `backupz` in a service"),
        "{line}"
    );
    assert!(line.contains("%0Ahelp: did you mean `backups`?"), "{line}");
    // Warnings annotate as warnings.
    let p = project("raw-html");
    let ws = p.path().to_str().unwrap();
    let out = kiyaku_env(&["check", "--root", ws], &[("GITHUB_ACTIONS", "true"), ("GITHUB_WORKSPACE", ws)]);
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .any(|l| l.starts_with("::warning file=content/extra.yaml,line=11"))
    );
}

#[test]
fn strict_makes_warnings_fail_build_too() {
    let p = project("raw-html");
    let out = kiyaku(&["build", "--root", p.path().to_str().unwrap(), "--strict"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!p.path().join("output").exists());
    let out = kiyaku(&["build", "--root", p.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn output_is_byte_identical_across_machines() {
    let a = example_site();
    let b = example_site();
    let run = |root: &Path, env: &[(&str, &str)], jobs: &str| {
        let out = kiyaku_env(&["build", "--root", root.to_str().unwrap(), "--jobs", jobs], env);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    };
    run(a.path(), &[("TZ", "UTC"), ("LANG", "C"), ("LC_ALL", "C"), ("SOURCE_DATE_EPOCH", "0")], "1");
    run(
        b.path(),
        &[
            ("TZ", "Asia/Tokyo"),
            ("LANG", "ja_JP.UTF-8"),
            ("LC_ALL", "ja_JP.UTF-8"),
            ("SOURCE_DATE_EPOCH", "1700000000"),
        ],
        "4",
    );
    // A third run from another working directory, with a relative root.
    let c = example_site();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kiyaku"))
        .env("KIYAKU_MESSAGE_LANG", "en")
        .args(["build", "--root", "."])
        .current_dir(c.path())
        .env("KIYAKU_TODAY", TODAY)
        .env("TZ", "America/Los_Angeles")
        .output()
        .unwrap();
    assert!(out.status.success());
    let (sa, sb, sc) =
        (snapshot(&a.path().join("output")), snapshot(&b.path().join("output")), snapshot(&c.path().join("output")));
    assert!(sa.len() > 10);
    assert_eq!(sa.keys().collect::<Vec<_>>(), sb.keys().collect::<Vec<_>>());
    for (k, v) in &sa {
        assert!(v == &sb[k], "{k} differs between machines");
        assert!(v == &sc[k], "{k} differs with another working directory");
    }
}

#[test]
fn timings_report_every_stage() {
    let p = project("base");
    let out = kiyaku(&["build", "--root", p.path().to_str().unwrap(), "--timings"]);
    let err = String::from_utf8_lossy(&out.stderr);
    for stage in ["load", "validate", "render", "layout", "pdf", "html", "write"] {
        assert!(err.contains(stage), "{stage}: {err}");
    }
}

#[test]
fn an_absurd_thread_count_is_a_usage_error() {
    let p = project("base");
    for jobs in ["0", "20000"] {
        let out = kiyaku(&["check", "--root", p.path().to_str().unwrap(), "--jobs", jobs]);
        assert_eq!(out.status.code(), Some(2), "--jobs {jobs}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("1..=256"));
    }
}
