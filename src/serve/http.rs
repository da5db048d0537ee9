//! The HTTP/1.1 front of the preview server, on std sockets with httparse.
//!
//! One reactor thread accepts connections and reads request heads from all
//! of them at once (`poll(2)`), so an idle or slow connection holds no
//! thread. A head is bounded in size (request line 414, headers 431) and in
//! time ([`HttpLimits::head_timeout`], then 408); connections are capped (503
//! past the cap). Complete requests go to a small fixed pool of workers
//! through a bounded queue (503 when it is full). Every response closes
//! its connection: the preview serves one page and a few assets at a time,
//! so keep-alive would buy nothing and cost a thread or a state machine.
//!
//! Why not a crate: tiny_http (used before) cannot bound heads, time out
//! reads, or cap threads; hyper can, but brings an async runtime into a
//! tool whose server answers GET and HEAD on loopback. The parsing, the
//! part that is a solved problem, is httparse's (hyper's own parser).

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::mpsc::{Receiver, SyncSender, TrySendError};
use std::time::{Duration, Instant};

/// The server's bounds. Defaults suit a local preview.
#[derive(Clone, Debug)]
pub struct HttpLimits {
    /// Longest request line (method, target, version), in bytes.
    pub max_line: usize,
    /// Longest request head (line and headers), in bytes.
    pub max_head: usize,
    /// Most header fields.
    pub max_headers: usize,
    /// Time from accepting a connection to its complete head.
    pub head_timeout: Duration,
    /// Connections being read or waiting for a worker.
    pub max_connections: usize,
    /// Worker threads answering complete requests.
    pub workers: usize,
    /// Complete requests waiting for a worker.
    pub queue: usize,
}

impl Default for HttpLimits {
    fn default() -> HttpLimits {
        HttpLimits {
            max_line: 8 * 1024,
            max_head: 16 * 1024,
            max_headers: 64,
            head_timeout: Duration::from_secs(5),
            max_connections: 256,
            workers: 4,
            queue: 64,
        }
    }
}

/// A request whose head was read completely. The body, if any, is not
/// read: the server answers only GET and HEAD.
pub(super) struct Request {
    pub method: String,
    pub target: String,
    /// The Host header, if one was sent.
    pub host: Option<String>,
    pub stream: TcpStream,
}

impl Request {
    pub(super) fn is_head(&self) -> bool {
        self.method == "HEAD"
    }

    /// Answer and close.
    pub(super) fn reply(self, response: &Response) {
        let head_only = self.is_head();
        send(self.stream, response, head_only)
    }
}

/// A whole response; bodies are small or already in memory.
pub(super) struct Response {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub(super) fn new(status: u16, content_type: &str, body: Vec<u8>) -> Response {
        Response { status, headers: vec![("Content-Type", content_type.to_string())], body }
    }

    pub(super) fn text(status: u16, body: &str) -> Response {
        Response::new(status, "text/plain; charset=utf-8", body.as_bytes().to_vec())
    }

    pub(super) fn with(mut self, name: &'static str, value: impl Into<String>) -> Response {
        self.headers.push((name, value.into()));
        self
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        414 => "URI Too Long",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Unknown",
    }
}

/// Write `response` and close. A client gone away is not an error of ours.
pub(super) fn send(mut stream: TcpStream, response: &Response, head_only: bool) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_write_timeout(Some(Duration::from_secs(30)));
    let mut head = format!("HTTP/1.1 {} {}\r\n", response.status, reason(response.status));
    for (k, v) in &response.headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str(&format!(
        "Content-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
        response.body.len()
    ));
    let _ = stream.write_all(head.as_bytes());
    if !head_only {
        let _ = stream.write_all(&response.body);
    }
    let _ = stream.flush();
    let _ = stream.shutdown(std::net::Shutdown::Write);
}

/// Answer without reading further and close: refusals made by the reactor,
/// which must never wait on a client.
fn refuse(mut stream: TcpStream, status: u16, body: &str) {
    let _ = stream.set_nonblocking(true);
    let head = format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nRetry-After: 1\r\nConnection: close\r\n\r\n{body}",
        reason(status),
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.shutdown(std::net::Shutdown::Both);
}

/// A connection whose head is being read.
struct Pending {
    stream: TcpStream,
    buf: Vec<u8>,
    deadline: Instant,
}

/// What a complete head says.
struct Head {
    method: String,
    target: String,
    host: Option<String>,
}

enum Parsed {
    Incomplete,
    Done(Head),
    Refused(u16, &'static str),
}

fn parse(buf: &[u8], limits: &HttpLimits) -> Parsed {
    let line_len = buf.windows(2).position(|w| w == b"\r\n").or_else(|| buf.iter().position(|b| *b == b'\n'));
    match line_len {
        Some(n) if n > limits.max_line => return Parsed::Refused(414, "request line too long\n"),
        None if buf.len() > limits.max_line => return Parsed::Refused(414, "request line too long\n"),
        _ => {}
    }
    let mut headers = vec![httparse::EMPTY_HEADER; limits.max_headers];
    let mut req = httparse::Request::new(&mut headers);
    match req.parse(buf) {
        Ok(httparse::Status::Complete(_)) => Parsed::Done(Head {
            method: req.method.unwrap_or("").to_string(),
            target: req.path.unwrap_or("").to_string(),
            host: req
                .headers
                .iter()
                .find(|h| h.name.eq_ignore_ascii_case("host"))
                .map(|h| String::from_utf8_lossy(h.value).trim().to_string()),
        }),
        Ok(httparse::Status::Partial) if buf.len() >= limits.max_head => {
            Parsed::Refused(431, "request headers too large\n")
        }
        Ok(httparse::Status::Partial) => Parsed::Incomplete,
        Err(httparse::Error::TooManyHeaders) => Parsed::Refused(431, "too many request headers\n"),
        Err(_) => Parsed::Refused(400, "bad request\n"),
    }
}

/// Read what is there without blocking. `false` when the peer is gone.
fn fill(p: &mut Pending, limits: &HttpLimits) -> bool {
    let mut chunk = [0u8; 4096];
    loop {
        match p.stream.read(&mut chunk) {
            Ok(0) => return false,
            Ok(n) => {
                p.buf.extend_from_slice(&chunk[..n]);
                if p.buf.len() >= limits.max_head {
                    return true;
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => return true,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return false,
        }
    }
}

/// Accept and read heads until `stopping()`; complete requests go to `queue`.
pub(super) fn reactor(
    listener: TcpListener,
    limits: HttpLimits,
    queue: SyncSender<Request>,
    stopping: impl Fn() -> bool,
) {
    use std::os::fd::AsRawFd;
    let _ = listener.set_nonblocking(true);
    let mut pending: HashMap<i32, Pending> = HashMap::new();
    while !stopping() {
        let mut fds = vec![libc::pollfd { fd: listener.as_raw_fd(), events: libc::POLLIN, revents: 0 }];
        fds.extend(pending.keys().map(|fd| libc::pollfd { fd: *fd, events: libc::POLLIN, revents: 0 }));
        // SAFETY: `fds` is a valid, initialised array of `fds.len()` pollfd
        // entries that lives across the call.
        let n = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, 100) };
        if n < 0 {
            continue;
        }
        // New connections.
        if fds[0].revents != 0 {
            loop {
                match listener.accept() {
                    Ok((stream, _)) => {
                        if pending.len() >= limits.max_connections {
                            refuse(stream, 503, "too many connections; try again\n");
                            continue;
                        }
                        let _ = stream.set_nonblocking(true);
                        let fd = stream.as_raw_fd();
                        pending.insert(
                            fd,
                            Pending { stream, buf: Vec::new(), deadline: Instant::now() + limits.head_timeout },
                        );
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => break,
                    Err(_) => break,
                }
            }
        }
        // Readable connections.
        for f in &fds[1..] {
            if f.revents == 0 {
                continue;
            }
            let Some(mut p) = pending.remove(&f.fd) else { continue };
            if !fill(&mut p, &limits) {
                continue;
            }
            match parse(&p.buf, &limits) {
                Parsed::Incomplete => {
                    pending.insert(f.fd, p);
                }
                Parsed::Refused(status, body) => refuse(p.stream, status, body),
                Parsed::Done(Head { method, target, host }) => {
                    match queue.try_send(Request { method, target, host, stream: p.stream }) {
                        Ok(()) => {}
                        Err(TrySendError::Full(r)) => refuse(r.stream, 503, "the server is busy; try again\n"),
                        Err(TrySendError::Disconnected(_)) => return,
                    }
                }
            }
        }
        // Heads that took too long.
        let now = Instant::now();
        let late: Vec<i32> = pending.iter().filter(|(_, p)| p.deadline <= now).map(|(fd, _)| *fd).collect();
        for fd in late {
            if let Some(p) = pending.remove(&fd) {
                refuse(p.stream, 408, "request timed out\n");
            }
        }
    }
}

/// Take complete requests off the queue until it closes or `stopping()`.
pub(super) fn serve_queue(
    queue: &std::sync::Mutex<Receiver<Request>>,
    stopping: impl Fn() -> bool,
    handle: impl Fn(Request),
) {
    while !stopping() {
        let next = queue.lock().unwrap_or_else(|e| e.into_inner()).recv_timeout(Duration::from_millis(200));
        match next {
            Ok(request) => {
                let _ = request.stream.set_nonblocking(false);
                handle(request)
            }
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return,
        }
    }
}

/// The name and port of a Host header (`name`, `name:port`, `[v6]:port`).
pub(super) fn split_host(host: &str) -> Option<(&str, Option<u16>)> {
    if let Some(rest) = host.strip_prefix('[') {
        let (name, after) = rest.split_once(']')?;
        return match after {
            "" => Some((name, None)),
            p => Some((name, Some(p.strip_prefix(':')?.parse().ok()?))),
        };
    }
    match host.rsplit_once(':') {
        Some((name, port)) => Some((name, Some(port.parse().ok()?))),
        None => Some((host, None)),
    }
}

/// Whether a Host header names this server. A web page elsewhere can point
/// a name of its own at this machine and read the preview (DNS rebinding);
/// an IP literal cannot be rebound, so the rule is about names.
///
/// Bound to loopback: loopback IPs and `localhost`, with the right port.
/// Bound elsewhere: any IP literal or `localhost`, plus the names given
/// with `--allow-host`, with the right port.
pub fn host_allowed(host: &str, local: SocketAddr, allowed: &[String]) -> bool {
    let Some((name, port)) = split_host(host) else { return false };
    let port_ok = match port {
        Some(p) => p == local.port(),
        None => local.port() == 80,
    };
    if !port_ok || name.is_empty() {
        return false;
    }
    let name = name.to_ascii_lowercase();
    let name = name.strip_suffix('.').unwrap_or(&name);
    if name == "localhost" {
        return true;
    }
    if let Ok(ip) = name.parse::<std::net::IpAddr>() {
        return if local.ip().is_loopback() { ip.is_loopback() } else { true };
    }
    !local.ip().is_loopback() && allowed.iter().any(|a| a.eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts() {
        let lo: SocketAddr = "127.0.0.1:8000".parse().unwrap();
        for ok in
            ["127.0.0.1:8000", "localhost:8000", "LOCALHOST:8000", "localhost.:8000", "127.9.9.9:8000", "[::1]:8000"]
        {
            assert!(host_allowed(ok, lo, &[]), "{ok}");
        }
        for bad in [
            "127.x.attacker.example:8000",
            "127.0.0.1.nip.io:8000",
            "localhost.attacker.example:8000",
            "127.0.0.1",
            "127.0.0.1:8001",
            "192.168.1.2:8000",
            "[::1]x:8000",
            "[::1:8000",
            ":8000",
            "attacker.example:8000",
        ] {
            assert!(!host_allowed(bad, lo, &[]), "{bad}");
        }
        let any: SocketAddr = "0.0.0.0:8000".parse().unwrap();
        assert!(host_allowed("192.168.1.2:8000", any, &[]));
        assert!(!host_allowed("preview.internal:8000", any, &[]));
        assert!(host_allowed("preview.internal:8000", any, &["preview.internal".into()]));
        assert!(!host_allowed("preview.internal:8000", lo, &["preview.internal".into()]), "loopback stays strict");
    }
}
