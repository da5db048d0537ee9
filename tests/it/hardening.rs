//! Hardening: hostile files, paths, requests and templates. Each test names
//! the point of the hardening issue it covers; every one of them hung,
//! flooded memory, lost data or leaked before its fix.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::http::Serve;
use crate::common::*;

/// Run kiyaku, killing it after `limit`: a hang fails the test instead of
/// hanging it. Returns stdout, stderr and the exit status.
fn kiyaku_within(args: &[&str], limit: Duration) -> (String, String, i32) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kiyaku"))
        .env("KIYAKU_MESSAGE_LANG", "en")
        .args(args)
        .env("KIYAKU_TODAY", TODAY)
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_ACTIONS")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut out = String::new();
            let mut err = String::new();
            child.stdout.take().unwrap().read_to_string(&mut out).unwrap();
            child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
            return (out, err, status.code().unwrap_or(-1));
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("kiyaku {args:?} did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn check_within(root: &Path, limit: Duration) -> (Vec<Diag>, i32) {
    let (out, _, code) = kiyaku_within(&["check", "--root", root.to_str().unwrap(), "--format", "json"], limit);
    (parse_json_lines(out.as_bytes()), code)
}

fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo").arg(path).status().unwrap().success();
    assert!(ok, "mkfifo {}", path.display());
}

#[cfg(unix)]
fn symlink(target: impl AsRef<Path>, link: impl AsRef<Path>) {
    std::os::unix::fs::symlink(target, link).unwrap();
}

fn has(diags: &[Diag], code: &str, file: &str) -> bool {
    diags.iter().any(|d| d.code == code && d.file.as_deref() == Some(file))
}

const LIMIT: Duration = Duration::from_secs(30);

// Point 2: a named pipe anywhere kiyaku reads is refused, never opened.
#[cfg(unix)]
#[test]
fn named_pipes_are_refused_not_waited_on() {
    for (place, file) in [
        ("a content file", "content/pipe.yaml"),
        ("the site settings", "kiyaku.yaml"),
        ("the lock file", "content/kiyaku.lock"),
        ("a template", "templates/page.html"),
    ] {
        let p = project("base");
        std::fs::create_dir_all(p.path().join("templates")).unwrap();
        let _ = std::fs::remove_file(p.path().join(file));
        mkfifo(&p.path().join(file));
        let (diags, code) = check_within(p.path(), LIMIT);
        assert!(has(&diags, "E0109", file), "{place}: expected E0109 at {file}, got {diags:#?}");
        assert!(code == 1 || code == 2, "{place}: exit {code}");
    }
    // A font named in the settings.
    let p = project("base");
    mkfifo(&p.path().join("font.ttf"));
    std::fs::write(p.path().join("kiyaku.yaml"), "title: t\nlanguage: ja\npdf:\n  fonts:\n    regular: font.ttf\n")
        .unwrap();
    let (diags, code) = check_within(p.path(), LIMIT);
    let d = diags.iter().find(|d| d.code == "E0702").unwrap_or_else(|| panic!("no E0702: {diags:#?}"));
    assert_eq!((d.file.as_deref(), d.line), (Some("kiyaku.yaml"), Some(5)));
    assert!(d.message.contains("named pipe"), "{}", d.message);
    assert_eq!(code, 1);
}

// Point 3: a link to a device is not read until memory runs out.
#[cfg(unix)]
#[test]
fn links_to_devices_are_not_read() {
    let p = project("base");
    symlink("/dev/zero", p.path().join("content/zero.yaml"));
    let (diags, _) = check_within(p.path(), LIMIT);
    assert!(has(&diags, "E0130", "content/zero.yaml"), "{diags:#?}");

    // A font may live outside the project, but must be a file.
    let p = project("base");
    symlink("/dev/zero", p.path().join("font.ttf"));
    std::fs::write(p.path().join("kiyaku.yaml"), "title: t\nlanguage: ja\npdf:\n  fonts:\n    regular: font.ttf\n")
        .unwrap();
    let (diags, _) = check_within(p.path(), LIMIT);
    let d = diags.iter().find(|d| d.code == "E0702").unwrap_or_else(|| panic!("no E0702: {diags:#?}"));
    assert!(d.message.contains("device"), "{}", d.message);
}

// Point 9: links inside the project are followed, links out are refused
// without printing what they point at; templates follow the same rule.
#[cfg(unix)]
#[test]
fn links_follow_one_policy_for_content_and_templates() {
    let secret = tempfile::tempdir().unwrap();
    std::fs::write(secret.path().join("secret.yaml"), "kind: provider\nid: TOP-SECRET-TOKEN\n").unwrap();
    let p = project("base");
    symlink(secret.path().join("secret.yaml"), p.path().join("content/leak.yaml"));
    let (out, err, code) = kiyaku_within(&["check", "--root", p.path().to_str().unwrap()], LIMIT);
    assert!(!out.contains("TOP-SECRET-TOKEN") && !err.contains("TOP-SECRET-TOKEN"), "leaked:\n{out}\n{err}");
    assert!(out.contains("E0130") || err.contains("E0130"), "{out}{err}");
    assert_eq!(code, 1);

    // A linked folder outside the project is refused the same way.
    let p = project("base");
    symlink(secret.path(), p.path().join("content/elsewhere"));
    let (diags, _) = check_within(p.path(), LIMIT);
    assert!(has(&diags, "E0130", "content/elsewhere"), "{diags:#?}");

    // Inside the project, a linked content file and a linked template work.
    let p = project("base");
    std::fs::create_dir_all(p.path().join("shared")).unwrap();
    std::fs::rename(p.path().join("content/always.yaml"), p.path().join("shared/always.yaml")).unwrap();
    symlink(p.path().join("shared/always.yaml"), p.path().join("content/always.yaml"));
    std::fs::create_dir_all(p.path().join("templates")).unwrap();
    std::fs::write(p.path().join("shared/style.css"), "body { color: #123456; }\n").unwrap();
    symlink(p.path().join("shared/style.css"), p.path().join("templates/style.css"));
    let (diags, code) = check_within(p.path(), LIMIT);
    assert_eq!(code, 0, "{diags:#?}");
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let (_, err, code) =
        kiyaku_within(&["build", "--root", p.path().to_str().unwrap(), "--out", site.to_str().unwrap()], LIMIT);
    assert_eq!(code, 0, "{err}");
    let css = std::fs::read_to_string(site.join("assets/style.css")).unwrap();
    assert!(css.contains("#123456"), "the linked template is used");
}

// Point 4: an --out that holds the project is refused, whatever marker it has.
#[test]
fn an_output_folder_holding_the_project_is_refused() {
    let outer = tempfile::tempdir().unwrap();
    let root = outer.path().join("proj");
    copy_dir(&fixtures().join("base"), &root);
    std::fs::write(outer.path().join(".kiyaku-output"), "written by kiyaku build; safe to delete\n").unwrap();
    std::fs::create_dir_all(root.join("templates")).unwrap();
    std::fs::write(root.join("content/.kiyaku-output"), "x").unwrap();
    let r = root.to_str().unwrap();
    for out in [
        outer.path().to_path_buf(),
        root.clone(),
        root.join("content"),
        root.join("content/sub"),
        root.join("templates"),
        root.join("templates/out"),
        root.join("content/../."),
    ] {
        let (_, err, code) = kiyaku_within(&["build", "--root", r, "--out", out.to_str().unwrap()], LIMIT);
        assert_eq!(code, 2, "--out {} must be refused: {err}", out.display());
        assert!(err.contains("--out"), "{err}");
        assert!(root.join("content/service.yaml").exists(), "--out {} deleted the project", out.display());
        assert!(root.join("kiyaku.yaml").exists());
    }
    // A sibling folder and one inside the root (the default) are fine.
    let (_, err, code) = kiyaku_within(&["build", "--root", r, "--out", root.join("output").to_str().unwrap()], LIMIT);
    assert_eq!(code, 0, "{err}");
}

// Point 5: what a killed build left behind is cleaned by the next one, and
// git ignores what builds write.
#[test]
fn stale_staging_folders_are_removed_and_ignored() {
    let p = project("base");
    let root = p.path();
    for stale in [".output.staging-999999", ".output.old-999998"] {
        std::fs::create_dir_all(root.join(stale).join("x")).unwrap();
        std::fs::write(root.join(stale).join("x/index.html"), "old").unwrap();
    }
    let (_, err, code) = kiyaku_within(&["build", "--root", root.to_str().unwrap()], LIMIT);
    assert_eq!(code, 0, "{err}");
    let left: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".output."))
        .filter(|n| n != ".output.lock")
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
    assert!(root.join("output/index.html").exists());

    let gitignore = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(".gitignore")).unwrap();
    for name in ["output", ".output.staging-4242", ".output.old-4242", ".output.lock"] {
        assert!(ignored(&gitignore, name), ".gitignore does not match {name}");
    }
    // `kiyaku init` writes the same rules.
    let fresh = tempfile::tempdir().unwrap();
    let (_, err, code) = kiyaku_within(&["init", fresh.path().to_str().unwrap()], LIMIT);
    assert_eq!(code, 0, "{err}");
    let init = std::fs::read_to_string(fresh.path().join(".gitignore")).unwrap();
    for name in ["output", ".output.staging-4242", ".output.old-4242", ".output.lock"] {
        assert!(ignored(&init, name), "init's .gitignore does not match {name}");
    }
}

/// Whether a root-level `name` matches one of `rules` (`/x`, `/x*`, `x/`).
fn ignored(rules: &str, name: &str) -> bool {
    rules.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).any(|rule| {
        let rule = rule.trim_start_matches('/').trim_end_matches('/');
        match rule.strip_suffix('*') {
            Some(prefix) => name.starts_with(prefix),
            None => name == rule,
        }
    })
}

/// Send raw bytes and read what comes back until the server closes.
fn raw(addr: SocketAddr, bytes: &[u8]) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    // The server may answer and close before everything is sent.
    let _ = s.write_all(bytes);
    let mut reply = Vec::new();
    let _ = s.read_to_end(&mut reply);
    let text = String::from_utf8_lossy(&reply).into_owned();
    let status = text.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    (status, text)
}

fn get_with_host(addr: SocketAddr, host: &str) -> u16 {
    raw(addr, format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").as_bytes()).0
}

// Point 1: only hosts that are this machine, on this port, are served.
#[test]
fn hosts_that_only_look_local_are_refused() {
    let p = project("base");
    let server = Serve::start(p.path(), &[]);
    let port = server.addr.port();
    for host in [format!("127.0.0.1:{port}"), format!("localhost:{port}"), format!("127.0.0.2:{port}")] {
        assert_eq!(get_with_host(server.addr, &host), 200, "{host}");
    }
    for host in [
        format!("127.x.attacker.example:{port}"),
        format!("127.0.0.1.attacker.example:{port}"),
        format!("localhost.attacker.example:{port}"),
        "127.0.0.1".to_string(),
        format!("127.0.0.1:{}", port.wrapping_add(1)),
        format!("[::1]x:{port}"),
        "attacker.example".to_string(),
    ] {
        assert_eq!(get_with_host(server.addr, &host), 403, "{host} must be refused");
    }
}

fn threads_of(pid: u32) -> usize {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| s.lines().find_map(|l| l.strip_prefix("Threads:").map(|n| n.trim().parse().unwrap())))
        .unwrap_or(0)
}

// Point 6: requests are bounded in size and time, connections in number.
#[test]
fn requests_are_bounded_in_size_time_and_number() {
    let p = project("base");
    let server = Serve::start(p.path(), &[]);
    let addr = server.addr;

    let long_target = format!("/{}", "a".repeat(100_000));
    let (status, _) = raw(addr, format!("GET {long_target} HTTP/1.1\r\nHost: {addr}\r\n\r\n").as_bytes());
    assert_eq!(status, 414);
    let big_header = format!("X-Big: {}\r\n", "b".repeat(100_000));
    let (status, _) = raw(addr, format!("GET / HTTP/1.1\r\nHost: {addr}\r\n{big_header}\r\n").as_bytes());
    assert_eq!(status, 431);
    let many_headers: String = (0..500).map(|i| format!("X-{i}: v\r\n")).collect();
    let (status, _) = raw(addr, format!("GET / HTTP/1.1\r\nHost: {addr}\r\n{many_headers}\r\n").as_bytes());
    assert_eq!(status, 431);

    // A 404 does not echo a long path.
    let path = format!("/{}", "q".repeat(2000));
    let (status, text) =
        raw(addr, format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").as_bytes());
    assert_eq!(status, 404);
    assert!(!text.contains(&"q".repeat(200)), "the 404 page echoes the path");

    // A request that never finishes its headers is timed out.
    let mut slow = TcpStream::connect(addr).unwrap();
    slow.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    slow.write_all(b"GET / HTTP/1.1\r\nHost: x").unwrap();
    let start = Instant::now();
    let mut reply = Vec::new();
    let _ = slow.read_to_end(&mut reply);
    assert!(start.elapsed() < Duration::from_secs(25), "no header timeout");
    let reply = String::from_utf8_lossy(&reply);
    assert!(reply.is_empty() || reply.starts_with("HTTP/1.1 408"), "{reply}");

    // Many idle connections: a bounded number of threads, a clear 503 past
    // the cap, and the server still answers once they go.
    let idle: Vec<TcpStream> = (0..600).filter_map(|_| TcpStream::connect(addr).ok()).collect();
    std::thread::sleep(Duration::from_millis(300));
    let threads = threads_of(server.child.id());
    assert!(threads < 100, "{threads} threads for {} idle connections", idle.len());
    let (status, text) = raw(addr, format!("GET / HTTP/1.1\r\nHost: {addr}\r\n\r\n").as_bytes());
    assert_eq!(status, 503, "{text}");
    drop(idle);
    let start = Instant::now();
    while get_with_host(addr, &addr.to_string()) != 200 {
        assert!(start.elapsed() < Duration::from_secs(20), "the server did not recover");
        std::thread::sleep(Duration::from_millis(100));
    }
}

// Point 7: a PDF is made once, off the request threads, however many ask.
#[test]
fn concurrent_pdf_requests_make_one_pdf() {
    let site = example_site();
    let server = Serve::start(site.path(), &[]);
    let addr = server.addr;
    let target = "/planora-security-whitepaper/planora-security-whitepaper.pdf";
    let handles: Vec<_> =
        (0..6).map(|_| std::thread::spawn(move || crate::common::http::request(addr, "GET", target, &[]))).collect();
    // Pages are answered while the PDF is being made.
    assert_eq!(server.get("/").status, 200);
    let replies: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    for r in &replies {
        assert_eq!(r.status, 200);
        assert!(r.body.starts_with(b"%PDF-"));
        assert_eq!(r.body, replies[0].body);
    }
    assert_eq!(server.status()["pdfs_made"].as_u64(), Some(1), "{}", server.status());
}

// Point 2 in serve: a pipe in the content does not stop rebuilds or Ctrl-C.
#[cfg(unix)]
#[test]
fn serve_survives_a_pipe_and_stops_on_sigterm() {
    let p = project("base");
    mkfifo(&p.path().join("content/pipe.yaml"));
    let server = Serve::start(p.path(), &[]);
    let page = server.get("/").text();
    assert!(page.contains("E0109"), "the overlay names the pipe");
    std::fs::remove_file(p.path().join("content/pipe.yaml")).unwrap();
    server.wait_for_page("/", "the overlay to go", |t| !t.contains("E0109"));
    let pid = server.child.id();
    // SAFETY: sends a signal to our own child process; no memory involved.
    assert_eq!(unsafe { libc::kill(pid as i32, libc::SIGTERM) }, 0);
    let start = Instant::now();
    while Path::new(&format!("/proc/{pid}/status")).exists()
        && !std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default().contains("State:\tZ")
    {
        assert!(start.elapsed() < Duration::from_secs(10), "serve did not stop on SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    }
}

const SLOW_TEMPLATE: &str =
    "{% for i in range(end=100000) %}{% for j in range(end=100000) %}x{% endfor %}{% endfor %}\n";

// Point 10: a template that runs for ever is a located diagnostic after a deadline.
#[test]
fn a_slow_template_is_reported_after_a_deadline() {
    let p = project("base");
    std::fs::create_dir_all(p.path().join("templates")).unwrap();
    std::fs::write(p.path().join("templates/sla.md"), SLOW_TEMPLATE).unwrap();
    std::fs::write(p.path().join("kiyaku.yaml"), "title: t\nlanguage: ja\nlimits:\n  template-seconds: 2\n").unwrap();
    let (diags, code) = check_within(p.path(), Duration::from_secs(60));
    assert_eq!(code, 1);
    let d = diags.iter().find(|d| d.code == "E0603").unwrap_or_else(|| panic!("no E0603: {diags:#?}"));
    assert_eq!(d.file.as_deref(), Some("templates/sla.md"));
    let (_, err, code) = kiyaku_within(&["build", "--root", p.path().to_str().unwrap()], Duration::from_secs(60));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("E0603"), "{err}");
}

#[test]
fn serve_reports_a_slow_template_and_keeps_serving() {
    let p = project("base");
    std::fs::write(p.path().join("kiyaku.yaml"), "title: t\nlanguage: ja\nlimits:\n  template-seconds: 2\n").unwrap();
    let server = Serve::start(p.path(), &[]);
    assert_eq!(server.get("/").status, 200);
    std::fs::create_dir_all(p.path().join("templates")).unwrap();
    std::fs::write(p.path().join("templates/sla.md"), SLOW_TEMPLATE).unwrap();
    let page = server.wait_for_page("/", "the timeout overlay", |t| t.contains("E0603"));
    assert!(page.contains("kiyaku-overlay"));
    // The last good build is still served meanwhile.
    assert_eq!(server.get("/sla/").status, 200);
}

// Point 8: a document whose layout runs past the page limit is a warning.
#[test]
fn documents_over_the_page_limit_are_warned_about() {
    let p = project("long-table");
    let settings = std::fs::read_to_string(p.path().join("kiyaku.yaml")).unwrap();
    std::fs::write(p.path().join("kiyaku.yaml"), format!("{settings}limits:\n  pages: 2\n")).unwrap();
    let (diags, _) = check_within(p.path(), LIMIT);
    let d = diags.iter().find(|d| d.code == "W0703").unwrap_or_else(|| panic!("no W0703: {diags:#?}"));
    assert!(d.message.contains("pages"), "{}", d.message);
    let (diags, _) = check_within(project("long-table").path(), LIMIT);
    assert!(!diags.iter().any(|d| d.code == "W0703"), "the default limit is generous");
}

// Point 11: the smaller findings.
#[test]
fn small_findings_are_fixed() {
    // Invalid UTF-8 in the lock file is E0102 at the byte, like content.
    let p = project("base");
    std::fs::write(p.path().join("content/kiyaku.lock"), b"version: 1\ndocuments:\n  x: \xff\n").unwrap();
    let (diags, _) = check_within(p.path(), LIMIT);
    expect_diag(&diags, "E0102", "content/kiyaku.lock", 3, 6);

    // A too-deep YAML is explained without library debug text.
    let p = project("base");
    let deep = format!("kind: provider\nid: deep\nx: {}{}\n", "[".repeat(5000), "]".repeat(5000));
    std::fs::write(p.path().join("content/deep.yaml"), deep).unwrap();
    let (diags, _) = check_within(p.path(), LIMIT);
    let d = diags.iter().find(|d| d.code == "E0104").unwrap_or_else(|| panic!("no E0104: {diags:#?}"));
    assert!(!d.message.contains("budget") && !d.message.contains('{'), "{}", d.message);

    // An unreadable revision date is one diagnostic, not also E0304.
    let p = project("base");
    edit(p.path(), "content/sla.yaml", "date: 2024-01-10", "date: 2024-13-10");
    let (diags, _) = check_within(p.path(), LIMIT);
    assert!(diags.iter().any(|d| d.code == "E0121"), "{diags:#?}");
    assert!(!diags.iter().any(|d| d.code == "E0304"), "{diags:#?}");

    // The 100-year cap holds in business time too.
    let p = project("base");
    edit(p.path(), "content/programme.yaml", "s1: {basic: 4 business hours", "s1: {basic: 876000 business hours");
    let (diags, _) = check_within(p.path(), LIMIT);
    assert!(
        diags.iter().any(|d| d.code == "E0120" && d.message.contains("100 years")),
        "876000 business hours passes: {diags:#?}"
    );

    // A javascript: image is refused like a javascript: link.
    let p = project("base");
    edit(
        p.path(),
        "content/sla.yaml",
        "sections:\n",
        "sections:\n  - id: img\n    title: 図\n    body: |\n      ![x](javascript:alert(1))\n",
    );
    let (diags, code) = check_within(p.path(), LIMIT);
    assert!(diags.iter().any(|d| d.code == "E0403"), "{diags:#?}");
    assert_eq!(code, 1);
}

// Point 11: a missing glyph in a reading or a phone number points at it.
#[test]
fn missing_glyphs_point_at_the_value() {
    let p = project("base");
    edit(
        p.path(),
        "content/provider.yaml",
        "    email: desk@acme.example\n",
        "    email: desk@acme.example\n    phone: \"☎😀 03-0000-0000\"\n",
    );
    let (diags, _) = check_within(p.path(), LIMIT);
    let d = diags.iter().find(|d| d.code == "E0701").unwrap_or_else(|| panic!("no E0701: {diags:#?}"));
    assert_eq!(d.file.as_deref(), Some("content/provider.yaml"), "{d:#?}");
}
