//! The Server-Sent Events stream pages listen on.
//!
//! Written by hand on the raw connection: tiny_http would send a body of
//! unknown length chunked and buffered, which holds events back. Each
//! stream has a small thread of its own that waits for the next build; a
//! keep-alive comment every few seconds finds connections the browser has
//! closed, and the thread ends with its first failed write.

use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use super::state::Shared;

/// Open streams allowed at once; more get 503 and the browser retries.
pub const MAX_STREAMS: usize = 256;

/// How often an idle stream is written to, to notice closed connections.
pub const KEEP_ALIVE: Duration = Duration::from_secs(5);

/// Releases a stream's slot however its thread ends.
struct Slot(Arc<Shared>);

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.event_streams.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Take a slot for a new stream, if one is free.
fn claim(shared: &Arc<Shared>) -> Option<Slot> {
    let taken = shared.event_streams.fetch_add(1, Ordering::SeqCst);
    let slot = Slot(shared.clone());
    (taken < MAX_STREAMS).then_some(slot)
}

/// Answer `GET /__kiyaku/events?build=N`. A page served from build `N`
/// gets a `reload` event as soon as the build counter is past `N`.
pub fn open(shared: &Arc<Shared>, request: tiny_http::Request, since: Option<u64>) {
    let Some(slot) = claim(shared) else {
        let _ = request.respond(tiny_http::Response::from_string("too many open event streams").with_status_code(503));
        return;
    };
    let shared = shared.clone();
    let spawned = std::thread::Builder::new()
        .name("kiyaku-events".into())
        .stack_size(128 << 10)
        .spawn(move || stream(&shared, request, since, slot));
    if let Err(e) = spawned {
        eprintln!("warning: cannot start an event stream: {e}");
    }
}

fn stream(shared: &Shared, request: tiny_http::Request, since: Option<u64>, _slot: Slot) {
    let mut w = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\nConnection: close\r\nX-Content-Type-Options: nosniff\r\n\r\nretry: 1000\n\n";
    if w.write_all(head.as_bytes()).and_then(|_| w.flush()).is_err() {
        return;
    }
    let mut seen = since.unwrap_or_else(|| shared.snapshot().build);
    loop {
        let now = shared.wait_for_build(seen, KEEP_ALIVE);
        if shared.is_stopping() {
            return;
        }
        let message = if now != seen {
            seen = now;
            let ok = shared.snapshot().overlay.is_none();
            format!("event: reload\ndata: {{\"build\":{now},\"ok\":{ok}}}\n\n")
        } else {
            ": keep-alive\n\n".to_string()
        };
        if w.write_all(message.as_bytes()).and_then(|_| w.flush()).is_err() {
            return;
        }
    }
}
