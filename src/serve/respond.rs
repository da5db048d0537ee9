//! One request, one response: method and host checks, the event stream and
//! status routes, and site files with their content types.

use std::sync::Arc;

use tiny_http::{Header, Method, Request, Response};

use super::overlay::{self, EVENTS};
use super::paths::{Refusal, SitePath, resolve, split_query};
use super::state::{Shared, Snapshot};

/// Reports the build counter and open streams, for tests and scripts.
pub const STATUS: &str = "/__kiyaku/status";

/// The Content-Type of a site file, by extension.
pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "pdf" => "application/pdf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "svg" => "image/svg+xml",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/vnd.microsoft.icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "txt" => "text/plain; charset=utf-8",
        "xml" => "application/xml",
        _ => "application/octet-stream",
    }
}

/// Header values here are ASCII (paths are percent-encoded first).
fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes())
        .unwrap_or_else(|_| Header::from_bytes(name.as_bytes(), &b"invalid"[..]).expect("ASCII"))
}

fn reply(request: Request, status: u16, ctype: &str, body: Vec<u8>, extra: &[(&str, &str)]) {
    // Whole bodies with a Content-Length: tiny_http would chunk large ones.
    let mut r = Response::from_data(body)
        .with_chunked_threshold(usize::MAX)
        .with_status_code(status)
        .with_header(header("Content-Type", ctype))
        .with_header(header("Cache-Control", "no-store"))
        .with_header(header("X-Content-Type-Options", "nosniff"));
    for (k, v) in extra {
        r.add_header(header(k, v));
    }
    // tiny_http leaves the body out for HEAD and keeps Content-Length.
    let _ = request.respond(r);
}

/// A page of our own, with the overlay and reload script like any other.
fn own_page(request: Request, status: u16, snap: &Snapshot, title: &str, body: &str) {
    let html = overlay::inject(&overlay::page(title, body), snap.build, snap.overlay.as_deref());
    reply(request, status, "text/html; charset=utf-8", html, &[]);
}

/// Whether the Host header names this machine. A page on another site
/// could otherwise point a name of its own at 127.0.0.1 and read the
/// preview (DNS rebinding); only checked when bound to loopback.
fn local_host(request: &Request) -> bool {
    let Some(h) = request.headers().iter().find(|h| h.field.equiv("Host")) else { return true };
    let host = h.value.as_str();
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or("")
    } else {
        host.rsplit_once(':').map_or(host, |(n, _)| n)
    };
    matches!(name.to_ascii_lowercase().as_str(), "localhost" | "127.0.0.1" | "::1") || name.starts_with("127.")
}

pub fn handle(shared: &Arc<Shared>, request: Request) {
    let snap = shared.snapshot();
    if !matches!(request.method(), Method::Get | Method::Head) {
        let body = format!("{} is not allowed: this server only reads\n", request.method());
        return reply(request, 405, "text/plain; charset=utf-8", body.into_bytes(), &[("Allow", "GET, HEAD")]);
    }
    if shared.options.bind.is_loopback() && !local_host(&request) {
        return reply(request, 403, "text/plain; charset=utf-8", b"unexpected Host header\n".to_vec(), &[]);
    }
    let url = request.url().to_string();
    let (path, query) = split_query(&url);
    if path == EVENTS {
        if *request.method() == Method::Head {
            return reply(request, 200, "text/event-stream; charset=utf-8", Vec::new(), &[]);
        }
        let since =
            query.and_then(|q| q.split('&').find_map(|kv| kv.strip_prefix("build="))).and_then(|v| v.parse().ok());
        return super::events::open(shared, request, since);
    }
    if path == STATUS {
        let body = format!(
            "{{\"build\":{},\"ok\":{},\"streams\":{}}}\n",
            snap.build,
            snap.overlay.is_none() && snap.good.is_some(),
            shared.event_streams.load(std::sync::atomic::Ordering::SeqCst)
        );
        return reply(request, 200, "application/json", body.into_bytes(), &[]);
    }
    let target = match resolve(&url) {
        Ok(t) => t,
        Err(Refusal::BadRequest) => {
            return reply(request, 400, "text/plain; charset=utf-8", b"bad request\n".to_vec(), &[]);
        }
        Err(Refusal::Forbidden) => {
            return reply(request, 403, "text/plain; charset=utf-8", b"forbidden: outside the site\n".to_vec(), &[]);
        }
    };
    let Some(good) = snap.good.clone() else {
        let body = "<p>kiyaku has not built this project successfully yet. Fix the problems listed above and save: this page reloads by itself.</p>";
        return own_page(request, 503, &snap, "No build yet", body);
    };
    file(shared, request, &snap, &good, target);
}

fn file(shared: &Shared, request: Request, snap: &Snapshot, good: &super::state::Generation, target: SitePath) {
    let site = &good.site;
    let key = if target.path.is_empty() {
        "index.html".to_string()
    } else if target.dir {
        format!("{}/index.html", target.path)
    } else {
        target.path.clone()
    };
    if let Some(bytes) = site.get(&key) {
        let ctype = content_type(&key);
        let body = if ctype.starts_with("text/html") {
            overlay::inject(bytes, snap.build, snap.overlay.as_deref())
        } else {
            bytes.to_vec()
        };
        return reply(request, 200, ctype, body, &[]);
    }
    if site.written.contains(&key) {
        return match good.pdf(&shared.engine, &key) {
            Ok(Some(bytes)) => reply(request, 200, content_type(&key), bytes.to_vec(), &[]),
            Ok(None) => own_page(request, 404, snap, "Not found", "<p>No such file.</p>"),
            Err(e) => {
                eprintln!("error: cannot make {key}: {e:#}");
                let body =
                    format!("<p>The PDF could not be made: {}</p>", crate::html::writer::escaped(&format!("{e:#}")));
                own_page(request, 500, snap, "PDF error", &body)
            }
        };
    }
    // A directory named without its slash: redirect, so relative links work.
    if !target.dir && site.contains(&format!("{}/index.html", target.path)) {
        let location = format!("/{}/", super::paths::percent_encode(&target.path));
        return reply(request, 301, "text/plain; charset=utf-8", Vec::new(), &[("Location", &location)]);
    }
    let body = format!(
        "<p>There is no <code>/{}</code> in this site.</p><p><a href=\"/\">All documents</a></p>",
        crate::html::writer::escaped(&target.path)
    );
    own_page(request, 404, snap, "Not found", &body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("assets/style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("x.JS"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("d/d.pdf"), "application/pdf");
        assert_eq!(content_type("logo.svg"), "image/svg+xml");
        assert_eq!(content_type("f.woff2"), "font/woff2");
        assert_eq!(content_type("README"), "application/octet-stream");
    }
}
