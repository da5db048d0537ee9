//! The Server-Sent Events stream pages listen on.
//!
//! One thread writes to every open stream: it wakes when the build counter
//! moves (a `reload` event to each stream that has not seen that build) or
//! every [`KEEP_ALIVE`] (a comment, which finds connections the browser
//! has closed). A stream costs a socket, not a thread.

use std::io::Write;
use std::net::TcpStream;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::http::{Request, Response, send};
use super::state::Shared;

/// Open streams allowed at once; more get 503 and the browser retries.
pub(super) const MAX_STREAMS: usize = 256;

/// How often an idle stream is written to, to notice closed connections.
pub(super) const KEEP_ALIVE: Duration = Duration::from_secs(5);

struct Stream {
    tcp: TcpStream,
    /// The last build this page was told about.
    seen: u64,
}

/// The open streams, shared by the workers that open them and the thread
/// that writes to them.
#[derive(Default)]
pub(super) struct Streams {
    open: Mutex<Vec<Stream>>,
}

impl Streams {
    /// How many streams are open.
    pub(super) fn count(&self) -> usize {
        self.open.lock().unwrap_or_else(|e| e.into_inner()).len()
    }
}

fn reload(build: u64, ok: bool) -> String {
    format!("event: reload\ndata: {{\"build\":{build},\"ok\":{ok}}}\n\n")
}

/// Write without letting one slow reader hold up the others.
fn write(tcp: &mut TcpStream, message: &str) -> bool {
    tcp.write_all(message.as_bytes()).and_then(|_| tcp.flush()).is_ok()
}

/// Answer `GET /__kiyaku/events?build=N`. A page served from build `N`
/// gets a `reload` event as soon as the build counter is past `N`.
pub(super) fn open(shared: &Arc<Shared>, request: Request, since: Option<u64>) {
    let mut open = shared.streams.open.lock().unwrap_or_else(|e| e.into_inner());
    if open.len() >= MAX_STREAMS {
        drop(open);
        return send(request.stream, &Response::text(503, "too many open event streams\n"), false);
    }
    let mut tcp = request.stream;
    let _ = tcp.set_write_timeout(Some(Duration::from_secs(1)));
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\nConnection: close\r\nX-Content-Type-Options: nosniff\r\n\r\nretry: 1000\n\n";
    if !write(&mut tcp, head) {
        return;
    }
    // Read under the streams lock, so a build finishing now is either seen
    // here or by the writer's next pass, never by neither.
    let snap = shared.snapshot();
    let mut seen = since.unwrap_or(snap.build);
    if seen != snap.build {
        if !write(&mut tcp, &reload(snap.build, snap.overlay.is_none())) {
            return;
        }
        seen = snap.build;
    }
    open.push(Stream { tcp, seen });
}

/// The writer thread's loop; ends when the server stops.
pub(super) fn run(shared: &Shared) {
    let mut last = shared.snapshot().build;
    loop {
        let now = shared.wait_for_build(last, KEEP_ALIVE);
        if shared.is_stopping() {
            return;
        }
        let snap = shared.snapshot();
        last = now;
        let mut open = shared.streams.open.lock().unwrap_or_else(|e| e.into_inner());
        open.retain_mut(|s| {
            let message = if s.seen != snap.build {
                s.seen = snap.build;
                reload(snap.build, snap.overlay.is_none())
            } else {
                ": keep-alive\n\n".to_string()
            };
            write(&mut s.tcp, &message)
        });
    }
}
