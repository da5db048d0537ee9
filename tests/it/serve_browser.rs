//! End to end in a real browser: headless Chromium opens a document from
//! `kiyaku serve`, the content file changes on disk, and the page reloads
//! by itself, shows the new text and keeps its scroll position. Driven
//! over the DevTools protocol.

use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::http::Serve;
use crate::common::*;
use tungstenite::{Message, WebSocket, stream::MaybeTlsStream};

/// The browser process, killed however the test ends (a panic while
/// connecting included), so none is left running. Debian's `chromium`
/// script execs the browser, so this is the browser's own process.
struct Process(Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

struct Browser {
    ws: WebSocket<MaybeTlsStream<TcpStream>>,
    next_id: u64,
    // Dropped after the connection.
    _process: Process,
    _profile: tempfile::TempDir,
}

impl Browser {
    fn launch() -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let child = Command::new("chromium")
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--remote-debugging-port=0",
                "--window-size=1200,900",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start chromium");
        let mut process = Process(child);
        // "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/…"
        let mut port = None;
        for line in BufReader::new(process.0.stderr.take().unwrap()).lines().map_while(Result::ok) {
            if let Some(rest) = line.split("ws://127.0.0.1:").nth(1) {
                port = rest.split('/').next().map(str::to_string);
                break;
            }
        }
        let port: u16 = port.expect("chromium printed its DevTools address").parse().unwrap();
        let addr = std::net::SocketAddr::from(([127, 0, 0, 1], port));
        let start = Instant::now();
        let page_ws = loop {
            let list = crate::common::http::request(addr, "GET", "/json/list", &[]);
            let v: serde_json::Value = serde_json::from_slice(&list.body).unwrap_or_default();
            if let Some(url) = v
                .as_array()
                .and_then(|a| a.iter().find(|t| t["type"] == "page"))
                .and_then(|t| t["webSocketDebuggerUrl"].as_str())
            {
                break url.to_string();
            }
            assert!(start.elapsed() < Duration::from_secs(20), "no page target in {}", list.text());
            std::thread::sleep(Duration::from_millis(100));
        };
        let (ws, _) = tungstenite::connect(page_ws.as_str()).expect("connect to the page");
        Browser { ws, next_id: 0, _process: process, _profile: profile }
    }

    fn call(&mut self, method: &str, params: serde_json::Value) -> serde_json::Value {
        self.next_id += 1;
        let id = self.next_id;
        let msg = serde_json::json!({"id": id, "method": method, "params": params});
        self.ws.send(Message::text(msg.to_string())).unwrap();
        loop {
            let m = self.ws.read().expect("DevTools reply");
            if let Message::Text(t) = m {
                let v: serde_json::Value = serde_json::from_str(t.as_str()).unwrap();
                if v["id"] == id {
                    assert!(v.get("error").is_none(), "{method}: {v}");
                    return v["result"].clone();
                }
            }
        }
    }

    fn eval(&mut self, expression: &str) -> serde_json::Value {
        let r = self.call("Runtime.evaluate", serde_json::json!({"expression": expression, "returnByValue": true}));
        r["result"]["value"].clone()
    }

    /// Evaluate `expression` until it is true.
    fn wait_for(&mut self, expression: &str, what: &str, timeout: Duration) {
        let start = Instant::now();
        while self.eval(expression) != serde_json::Value::Bool(true) {
            assert!(start.elapsed() < timeout, "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

#[test]
fn page_reloads_itself_after_an_edit() {
    if !have_tool("chromium") {
        return;
    }
    let site = example_site();
    let server = Serve::start(site.path(), &[]);
    let mut browser = Browser::launch();
    let url = format!("{}planora-security-whitepaper/", server.url);
    browser.call("Page.navigate", serde_json::json!({ "url": url }));
    browser.wait_for(
        "document.readyState === 'complete' && document.body.innerText.includes('14世代')",
        "the document to load",
        Duration::from_secs(30),
    );
    // Wait until the page listens for builds, then mark this page instance
    // and scroll down; a reload clears the mark.
    let start = Instant::now();
    while server.status()["streams"] == 0 {
        assert!(start.elapsed() < Duration::from_secs(10), "the page never opened its event stream");
        std::thread::sleep(Duration::from_millis(50));
    }
    let y = browser.eval("window.kiyakuMark = 'before'; scrollTo(0, 1500); scrollY");
    assert!(y.as_f64().unwrap() > 1000.0, "the page scrolls: {y}");

    let file = site.path().join("content/services/planora-infra.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replacen("generations: 14", "generations: 21", 1)).unwrap();

    browser.wait_for(
        "document.readyState === 'complete' && document.body.innerText.includes('21世代')",
        "the page to show the new value by itself",
        Duration::from_secs(30),
    );
    assert_eq!(browser.eval("window.kiyakuMark === undefined"), serde_json::Value::Bool(true), "it was a reload");
    browser.wait_for("scrollY > 1000", "the scroll position to be restored", Duration::from_secs(5));
}
