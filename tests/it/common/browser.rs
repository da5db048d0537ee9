//! Headless Chromium driven over the DevTools protocol, for the tests
//! that look at pages as a browser lays them out.

use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

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

pub struct Browser {
    ws: WebSocket<MaybeTlsStream<TcpStream>>,
    next_id: u64,
    // Dropped after the connection.
    _process: Process,
    _profile: tempfile::TempDir,
}

impl Browser {
    pub fn launch() -> Browser {
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
            let list = super::http::request(addr, "GET", "/json/list", &[]);
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

    pub fn call(&mut self, method: &str, params: serde_json::Value) -> serde_json::Value {
        self.try_call(method, params).unwrap_or_else(|e| panic!("{method}: {e}"))
    }

    /// A call whose DevTools error is the caller's to judge.
    fn try_call(&mut self, method: &str, params: serde_json::Value) -> Result<serde_json::Value, serde_json::Value> {
        self.next_id += 1;
        let id = self.next_id;
        let msg = serde_json::json!({"id": id, "method": method, "params": params});
        self.ws.send(Message::text(msg.to_string())).unwrap();
        loop {
            let m = self.ws.read().expect("DevTools reply");
            if let Message::Text(t) = m {
                let v: serde_json::Value = serde_json::from_str(t.as_str()).unwrap();
                if v["id"] == id {
                    return match v.get("error") {
                        Some(_) => Err(v),
                        None => Ok(v["result"].clone()),
                    };
                }
            }
        }
    }

    pub fn eval(&mut self, expression: &str) -> serde_json::Value {
        let r = self.call("Runtime.evaluate", serde_json::json!({"expression": expression, "returnByValue": true}));
        r["result"]["value"].clone()
    }

    /// Evaluate `expression` until it is true. An evaluation the page
    /// cuts short by navigating (a live reload) counts as not yet.
    pub fn wait_for(&mut self, expression: &str, what: &str, timeout: Duration) {
        let start = Instant::now();
        let params = serde_json::json!({"expression": expression, "returnByValue": true});
        while self.try_call("Runtime.evaluate", params.clone()).map(|r| r["result"]["value"].clone())
            != Ok(serde_json::Value::Bool(true))
        {
            assert!(start.elapsed() < timeout, "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}
