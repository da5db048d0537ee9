//! A `kiyaku serve` child process, and a raw HTTP/1.1 client that sends
//! exactly the bytes a test gives it (no normalisation of `..`).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub struct Serve {
    pub child: Child,
    pub addr: SocketAddr,
    pub url: String,
    /// Everything the server printed to stderr so far.
    pub log: Arc<Mutex<String>>,
}

impl Serve {
    /// Start `kiyaku serve --port 0` on `root` and wait for its URL.
    pub fn start(root: &Path, extra: &[&str]) -> Serve {
        let mut c = Command::new(env!("CARGO_BIN_EXE_kiyaku"));
        c.env("KIYAKU_MESSAGE_LANG", "en");
        c.args(["serve", "--root", root.to_str().unwrap(), "--port", "0"])
            .args(extra)
            .env("KIYAKU_TODAY", super::TODAY)
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        // Killed if anything below panics, so no server outlives the test.
        let mut guard = Guard(Some(c.spawn().expect("start kiyaku serve")));
        let child = guard.0.as_mut().unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        let stderr = child.stderr.take().unwrap();
        let sink = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                sink.lock().unwrap().push_str(&format!("{line}\n"));
            }
        });
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
        let url = first
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no URL in {first:?}; stderr: {}", log.lock().unwrap()))
            .to_string();
        let addr: SocketAddr = url.trim_start_matches("http://").trim_end_matches('/').parse().unwrap();
        Serve { child: guard.0.take().unwrap(), addr, url, log }
    }

    pub fn get(&self, target: &str) -> Reply {
        request(self.addr, "GET", target, &[])
    }

    pub fn page(&self, target: &str) -> String {
        let r = self.get(target);
        assert_eq!(r.status, 200, "GET {target}: {}", r.text());
        r.text()
    }

    /// The server's build counter.
    pub fn build(&self) -> u64 {
        let s = self.get("/__kiyaku/status").text();
        let v: serde_json::Value = serde_json::from_str(&s).unwrap();
        v["build"].as_u64().unwrap()
    }

    pub fn status(&self) -> serde_json::Value {
        serde_json::from_str(&self.get("/__kiyaku/status").text()).unwrap()
    }

    /// Poll until `pred` holds on the page at `target`.
    pub fn wait_for_page(&self, target: &str, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let r = self.get(target);
            let t = r.text();
            if pred(&t) {
                return t;
            }
            if start.elapsed() > Duration::from_secs(20) {
                panic!("timed out waiting for {what}; server log:\n{}", self.log.lock().unwrap());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// Wait until the server has printed `text` (its reporter writes after
    /// the build is published, so a reader must wait for the line itself).
    pub fn wait_for_log(&self, text: &str) -> bool {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(30) {
            if self.log().contains(text) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }
}

struct Guard(Option<Child>);

impl Drop for Guard {
    fn drop(&mut self) {
        if let Some(c) = &mut self.0 {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Send one request with `Connection: close` and read the whole reply.
pub fn request(addr: SocketAddr, method: &str, target: &str, headers: &[(&str, &str)]) -> Reply {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let mut req = format!("{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    s.write_all(req.as_bytes()).unwrap();
    read_reply(s, method == "HEAD")
}

/// Read a reply: the body by Content-Length when given (some servers keep
/// the connection open), else to the end.
fn read_reply(s: TcpStream, head_only: bool) -> Reply {
    let mut reader = BufReader::new(s);
    let mut status_line = String::new();
    reader.read_line(&mut status_line).unwrap();
    let status = status_line.split_whitespace().nth(1).unwrap_or_else(|| panic!("{status_line:?}")).parse().unwrap();
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            headers.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    let length =
        headers.iter().find(|(k, _)| k.eq_ignore_ascii_case("content-length")).and_then(|(_, v)| v.parse().ok());
    let mut body = Vec::new();
    match length {
        _ if head_only => {}
        Some(n) => {
            body.resize(n, 0);
            reader.read_exact(&mut body).unwrap();
        }
        None => {
            reader.read_to_end(&mut body).unwrap();
        }
    }
    Reply { status, headers, body }
}

/// An open Server-Sent Events connection.
pub struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    pub fn open(addr: SocketAddr, since: u64) -> Events {
        let mut s = TcpStream::connect(addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        let req =
            format!("GET /__kiyaku/events?build={since} HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n");
        s.write_all(req.as_bytes()).unwrap();
        let mut reader = BufReader::new(s);
        let mut status = String::new();
        reader.read_line(&mut status).unwrap();
        assert!(status.starts_with("HTTP/1.1 200"), "{status}");
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            if line.to_ascii_lowercase().starts_with("content-type") {
                assert!(line.contains("text/event-stream"), "{line}");
            }
            if line == "\r\n" {
                break;
            }
        }
        Events { reader }
    }

    /// The next event's name and data (comments and `retry:` skipped).
    pub fn next(&mut self) -> (String, String) {
        let (mut name, mut data) = (String::new(), String::new());
        loop {
            let mut line = String::new();
            let n = self.reader.read_line(&mut line).expect("an event within 20 s");
            assert!(n > 0, "event stream closed");
            let line = line.trim_end_matches(['\r', '\n']);
            if line.is_empty() {
                if !name.is_empty() {
                    return (name, data);
                }
                continue;
            }
            if let Some(v) = line.strip_prefix("event: ") {
                name = v.to_string();
            } else if let Some(v) = line.strip_prefix("data: ") {
                data = v.to_string();
            }
        }
    }

    pub fn close(self) {
        let _ = self.reader.into_inner().shutdown(std::net::Shutdown::Both);
    }
}

/// A GET with a Host header of the caller's choosing.
pub fn request_with_host(addr: SocketAddr, target: &str, host: &str) -> Reply {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    s.write_all(format!("GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").as_bytes()).unwrap();
    read_reply(s, false)
}
