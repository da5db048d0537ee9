//! `kiyaku serve`: live reload, the error overlay, and a server that only
//! ever serves the site.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::common::http::{Events, Serve, request};
use crate::common::*;

const SERVICE: &str = "content/services/planora-infra.yaml";
const WHITEPAPER: &str = "/planora-security-whitepaper/";

/// Wait for the next `reload` event; returns whether the build was good.
fn reload(events: &mut Events) -> bool {
    let (name, data) = events.next();
    assert_eq!(name, "reload");
    let v: serde_json::Value = serde_json::from_str(&data).unwrap();
    v["ok"].as_bool().unwrap()
}

fn overlay(html: &str) -> bool {
    html.contains("id=\"kiyaku-overlay\"")
}

#[test]
fn edits_reload_pages_and_errors_show_over_the_last_good_site() {
    let site = example_site();
    let root = site.path();
    let server = Serve::start(root, &[]);
    let page = server.page(WHITEPAPER);
    assert!(page.contains(">14世代</td>") && !overlay(&page));
    assert!(page.contains("/__kiyaku/events?build=1"), "the live script is injected");
    let mut events = Events::open(server.addr, server.build());

    // A new value: the reload event, then the new page.
    edit(root, SERVICE, "generations: 14", "generations: 21");
    assert!(reload(&mut events));
    let page = server.page(WHITEPAPER);
    assert!(page.contains(">21世代</td>") && !page.contains(">14世代</td>"), "new value served");
    assert!(!overlay(&page));

    // A YAML syntax error: overlay on every page, last good content kept.
    edit(root, SERVICE, "generations: 21", "generations: [21");
    assert!(!reload(&mut events));
    let page = server.page(WHITEPAPER);
    assert!(overlay(&page), "overlay shown");
    assert!(page.contains("E0101") && page.contains("content/services/planora-infra.yaml:"), "diagnostic listed");
    assert!(page.contains(">21世代</td>"), "last good content still served");
    assert!(overlay(&server.page("/")), "on every page");
    assert!(server.wait_for_log("error[E0101]"), "and in the terminal: {}", server.log());

    // Fixed: the overlay goes.
    edit(root, SERVICE, "generations: [21", "generations: 21");
    assert!(reload(&mut events));
    assert!(!overlay(&server.page(WHITEPAPER)));

    // A validation error behaves the same.
    edit(root, SERVICE, "provider: kirameki", "provider: kiramek");
    assert!(!reload(&mut events));
    let page = server.page(WHITEPAPER);
    assert!(overlay(&page) && page.contains("E0211") && page.contains(">21世代</td>"), "validation error overlay");
    edit(root, SERVICE, "provider: kiramek", "provider: kirameki");
    assert!(reload(&mut events));

    // And a template error.
    std::fs::write(root.join("templates/blocks/backups.md"), "{% if %}\n").unwrap();
    assert!(!reload(&mut events));
    let page = server.page(WHITEPAPER);
    assert!(overlay(&page) && page.contains("E0601") && page.contains("templates/blocks/backups.md"), "template error");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/blocks/backups.md"),
        root.join("templates/blocks/backups.md"),
    )
    .unwrap();
    assert!(reload(&mut events));
    assert!(!overlay(&server.page(WHITEPAPER)));

    // Nothing was written into the project.
    assert!(!root.join("output").exists());
}

#[test]
fn saves_by_rename_new_folders_and_recreated_files_are_seen() {
    let site = example_site();
    let root = site.path();
    let server = Serve::start(root, &[]);
    let mut events = Events::open(server.addr, server.build());

    // An editor that writes a temporary file and renames it over the original.
    let text = std::fs::read_to_string(root.join(SERVICE)).unwrap().replacen("generations: 14", "generations: 21", 1);
    let tmp = root.join("content/services/.planora-infra.yaml.kate-swp");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, root.join(SERVICE)).unwrap();
    assert!(reload(&mut events));
    assert!(server.page(WHITEPAPER).contains(">21世代</td>"));

    // Deleted and re-created.
    let text = std::fs::read_to_string(root.join(SERVICE)).unwrap();
    std::fs::remove_file(root.join(SERVICE)).unwrap();
    assert!(!reload(&mut events), "a missing service breaks the build");
    std::fs::write(root.join(SERVICE), text.replacen("generations: 21", "generations: 28", 1)).unwrap();
    assert!(reload(&mut events));
    assert!(server.page(WHITEPAPER).contains(">28世代</td>"));

    // A new sub-folder with a new document.
    let doc = std::fs::read_to_string(root.join("content/documents/yuzuriha-secupdate-spec.yaml")).unwrap();
    std::fs::create_dir_all(root.join("content/new/deeper")).unwrap();
    std::fs::write(
        root.join("content/new/deeper/copy.yaml"),
        doc.replacen("id: yuzuriha-secupdate-spec", "id: yuzuriha-copy", 1),
    )
    .unwrap();
    assert!(reload(&mut events));
    server.page("/yuzuriha-copy/");
    // A file in the new folder is watched too.
    edit(root, "content/new/deeper/copy.yaml", "id: yuzuriha-copy", "id: yuzuriha-copy2");
    assert!(reload(&mut events));
    server.page("/yuzuriha-copy2/");

    // Swap files, backups and output/ do not rebuild.
    let before = server.build();
    std::fs::write(root.join("content/.planora-infra.yaml.swp"), "x").unwrap();
    std::fs::write(root.join("content/services/planora-infra.yaml~"), "x").unwrap();
    std::fs::create_dir_all(root.join("output")).unwrap();
    std::fs::write(root.join("output/index.html"), "x").unwrap();
    std::fs::create_dir_all(root.join(".git")).unwrap();
    std::fs::write(root.join(".git/index"), "x").unwrap();
    std::thread::sleep(Duration::from_millis(600));
    assert_eq!(server.build(), before, "ignored files rebuilt the site");
}

#[test]
fn the_live_script_is_never_in_build_output() {
    let site = example_site();
    build_ok(site.path());
    for e in walkdir::WalkDir::new(site.path().join("output")).into_iter().filter_map(Result::ok) {
        if e.path().extension().is_some_and(|x| x == "html") {
            let html = std::fs::read_to_string(e.path()).unwrap();
            assert!(!html.contains("__kiyaku") && !html.contains("EventSource"), "{}", e.path().display());
        }
    }
}

#[test]
fn serves_files_with_their_types() {
    let site = example_site();
    let server = Serve::start(site.path(), &[]);
    let index = server.get("/");
    assert_eq!(index.status, 200);
    assert_eq!(index.header("Content-Type"), Some("text/html; charset=utf-8"));
    let css = server.get("/assets/style.css");
    assert_eq!((css.status, css.header("Content-Type")), (200, Some("text/css; charset=utf-8")));
    let pdf = server.get("/planora-security-whitepaper/planora-security-whitepaper.pdf");
    assert_eq!((pdf.status, pdf.header("Content-Type")), (200, Some("application/pdf")));
    assert!(pdf.body.starts_with(b"%PDF-"));
    // A directory without its slash is redirected, so relative links work.
    let r = server.get("/planora-security-whitepaper");
    assert_eq!((r.status, r.header("Location")), (301, Some("/planora-security-whitepaper/")));
    // Queries and fragments are not part of the path.
    assert_eq!(server.get("/index.html?x=1").status, 200);
    let missing = server.get("/no-such-document/");
    assert_eq!(missing.status, 404);
    assert!(missing.text().contains("Not found") && missing.header("Content-Type").unwrap().starts_with("text/html"));
    // HEAD: headers only.
    let head = request(server.addr, "HEAD", "/", &[]);
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(head.header("Content-Length").map(|v| v.parse::<usize>().unwrap()), Some(index.body.len()));
}

#[test]
fn only_get_and_head() {
    let site = example_site();
    let server = Serve::start(site.path(), &[]);
    for m in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"] {
        let r = request(server.addr, m, "/", &[("Content-Length", "0")]);
        assert_eq!(r.status, 405, "{m}");
        assert_eq!(r.header("Allow"), Some("GET, HEAD"), "{m}");
    }
}

#[test]
fn paths_outside_the_site_are_refused() {
    let site = example_site();
    // Files next to the site that must never be served.
    std::fs::write(site.path().join("secret.txt"), "TOP-SECRET").unwrap();
    let server = Serve::start(site.path(), &[]);
    let secret = "secret.txt";
    for target in [
        format!("/../{secret}"),
        format!("/planora-security-whitepaper/../../{secret}"),
        format!("/%2e%2e/{secret}"),
        format!("/%2E%2E/%2e%2e/{secret}"),
        format!("/..%2f{secret}"),
        format!("/planora-security-whitepaper%2f..%2f..%2f{secret}"),
        format!("/..\\{secret}"),
        format!("/%5c..%5c{secret}"),
        "/etc/passwd".to_string(),
        "//etc/passwd".to_string(),
        "/C:/Windows/win.ini".to_string(),
        format!("/{secret}"),
        "/content/services/planora-infra.yaml".to_string(),
        "/kiyaku.yaml".to_string(),
        "/index.html%00.pdf".to_string(),
        format!("/%00/{secret}"),
    ] {
        let r = request(server.addr, "GET", &target, &[]);
        assert!(matches!(r.status, 403 | 404), "{target}: {}", r.status);
        let body = r.text();
        assert!(!body.contains("TOP-SECRET") && !body.contains("root:") && !body.contains("kind: service"), "{target}");
    }
    // Not a path at all.
    assert_eq!(request(server.addr, "GET", "http://evil.example/", &[]).status, 400);
    // A page on another site pointing its own name at us (DNS rebinding).
    let r = crate::common::http::request_with_host(server.addr, "/", "evil.example");
    assert_eq!(r.status, 403);
}

#[test]
fn a_port_in_use_is_a_clear_error() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let site = example_site();
    let out = kiyaku(&["serve", "--root", site.path().to_str().unwrap(), "--port", &port]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("port {port} on 127.0.0.1 is already in use")), "{err}");
    assert!(!err.contains("panicked"));
}

#[test]
fn not_a_project_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = kiyaku(&["serve", "--root", dir.path().to_str().unwrap(), "--port", "0"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("has no content/ folder"));
}

#[test]
fn binding_beyond_loopback_warns() {
    let site = example_site();
    let server = Serve::start(site.path(), &["--bind", "0.0.0.0"]);
    assert!(server.url.starts_with("http://127.0.0.1:"), "{}", server.url);
    assert!(server.wait_for_log("warning: listening on 0.0.0.0, not loopback"), "{}", server.log());
}

#[test]
fn closed_event_streams_end_their_threads() {
    let site = example_site();
    let server = Serve::start(site.path(), &[]);
    let streams: Vec<Events> = (0..20).map(|_| Events::open(server.addr, server.build())).collect();
    assert_eq!(server.status()["streams"], 20);
    for s in streams {
        s.close();
    }
    // The threads notice at their next write: a keep-alive or a build.
    edit(site.path(), SERVICE, "generations: 14", "generations: 15");
    let start = Instant::now();
    while server.status()["streams"] != 0 {
        assert!(start.elapsed() < Duration::from_secs(30), "streams left open: {}", server.status());
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_failed_first_build_still_serves_the_overlay() {
    let site = example_site();
    edit(site.path(), SERVICE, "provider: kirameki", "provider: kiramek");
    let server = Serve::start(site.path(), &[]);
    let r = server.get(WHITEPAPER);
    assert_eq!(r.status, 503);
    assert!(overlay(&r.text()) && r.text().contains("E0211"));
    let mut events = Events::open(server.addr, server.build());
    edit(site.path(), SERVICE, "provider: kiramek", "provider: kirameki");
    assert!(reload(&mut events));
    assert!(!overlay(&server.page(WHITEPAPER)));
}

#[test]
fn the_preview_speaks_the_sites_language() {
    // The overlay, kiyaku's own pages and the terminal speak the message
    // language (the harness pins English; a user gets the site's).
    let site = example_site();
    edit(site.path(), SERVICE, "provider: kirameki", "provider: kiramek");
    let server = Serve::start(site.path(), &["--message-lang", "ja"]);
    let r = server.get(WHITEPAPER);
    let page = r.text();
    assert!(overlay(&page) && page.contains("ビルドに失敗しました") && page.contains("E0211"), "{page}");
    assert!(page.contains("存在しない提供者") || page.contains("提供者"), "{page}");
    assert!(
        page.contains("<html lang=\"ja\">") && page.contains("このプロジェクトのビルドはまだ一度も成功していません"),
        "{page}"
    );
    assert!(server.wait_for_log("エラー 1 件"), "{}", server.log());
    let english = Serve::start(site.path(), &["--message-lang", "en"]);
    let page = english.get(WHITEPAPER).text();
    assert!(page.contains("The build failed") && page.contains("No build yet"), "{page}");
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_cleanly() {
    let site = example_site();
    let mut server = Serve::start(site.path(), &[]);
    let _events = Events::open(server.addr, server.build());
    let pid = server.child.id().to_string();
    assert!(std::process::Command::new("kill").args(["-INT", &pid]).status().unwrap().success());
    let start = Instant::now();
    let status = loop {
        if let Some(s) = server.child.try_wait().unwrap() {
            break s;
        }
        assert!(start.elapsed() < Duration::from_secs(10), "still running after Ctrl-C");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(0));
    assert!(server.wait_for_log("kiyaku serve: stopped"), "{}", server.log());
}
