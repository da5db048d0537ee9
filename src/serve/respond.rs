//! One request, one response: method and host checks, the event stream and
//! status routes, and site files with their content types.

use std::sync::Arc;

use super::http::{Request, Response, host_allowed};
use super::overlay::{self, EVENTS};
use super::paths::{Refusal, SitePath, resolve, split_query};
use super::state::{Generation, Shared, Snapshot};
use crate::diag::Msg;
use crate::vocab::SitePaths;

/// Reports the build counter, open streams and PDFs made, for tests and scripts.
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

/// What a request leads to.
pub(super) enum Action {
    Reply(Response),
    /// Open an event stream, reloading pages served before this build.
    Events(Option<u64>),
    /// The PDF at this site path, made by the PDF thread.
    Pdf(Arc<Generation>, String),
}

/// A page of our own, with the overlay and reload script like any other.
/// It never repeats what the request said: error pages echo no input.
pub(super) fn own_page(status: u16, snap: &Snapshot, title: Msg, body: Msg) -> Response {
    let page = overlay::page(title.get(snap.lang), body.get(snap.lang), snap.lang);
    let html = overlay::inject(&page, snap.build, snap.overlay.as_deref());
    Response::new(status, "text/html; charset=utf-8", html)
}

/// The page for a PDF that could not be made.
pub(super) fn pdf_failed(snap: &Snapshot, message: &str) -> Response {
    let m = crate::vocab::escape_html(message);
    let body = crate::msg!("<p>The PDF could not be made: {m}</p>", "<p>PDF を作成できませんでした: {m}</p>");
    own_page(500, snap, crate::msg!("PDF error", "PDF のエラー"), body)
}

pub(super) fn handle(shared: &Arc<Shared>, request: &Request, local: std::net::SocketAddr) -> Action {
    let snap = shared.snapshot();
    if !matches!(request.method.as_str(), "GET" | "HEAD") {
        return Action::Reply(Response::text(405, "this server only reads: GET and HEAD\n").with("Allow", "GET, HEAD"));
    }
    let Some(host) = &request.host else {
        return Action::Reply(Response::text(400, "a Host header is required\n"));
    };
    if !host_allowed(host, local, &shared.options.allow_hosts) {
        let hint = if local.ip().is_loopback() {
            "unexpected Host header: open the preview as localhost or 127.0.0.1\n"
        } else {
            "unexpected Host header: pass --allow-host NAME to serve under a name\n"
        };
        return Action::Reply(Response::text(403, hint));
    }
    let (path, query) = split_query(&request.target);
    if path == EVENTS {
        if request.is_head() {
            return Action::Reply(Response::new(200, "text/event-stream; charset=utf-8", Vec::new()));
        }
        let since =
            query.and_then(|q| q.split('&').find_map(|kv| kv.strip_prefix("build="))).and_then(|v| v.parse().ok());
        return Action::Events(since);
    }
    if path == STATUS {
        let body = format!(
            "{{\"build\":{},\"ok\":{},\"streams\":{},\"pdfs_made\":{}}}\n",
            snap.build,
            snap.overlay.is_none() && snap.good.is_some(),
            shared.streams.count(),
            shared.pdfs_made.load(std::sync::atomic::Ordering::SeqCst),
        );
        return Action::Reply(Response::new(200, "application/json", body.into_bytes()));
    }
    let target = match resolve(&request.target) {
        Ok(t) => t,
        Err(Refusal::BadRequest) => return Action::Reply(Response::text(400, "bad request\n")),
        Err(Refusal::Forbidden) => return Action::Reply(Response::text(403, "forbidden: outside the site\n")),
    };
    let Some(good) = snap.good.clone() else {
        let body = crate::msg!(
            "<p>kiyaku has not built this project successfully yet. Fix the problems listed above and save: this page reloads by itself.</p>",
            "<p>このプロジェクトのビルドはまだ一度も成功していません。上に示した問題を直して保存すると、このページは自動で再読み込みされます。</p>"
        );
        return Action::Reply(own_page(503, &snap, crate::msg!("No build yet", "ビルドがまだありません"), body));
    };
    file(&snap, good, target)
}

fn file(snap: &Snapshot, good: Arc<Generation>, target: SitePath) -> Action {
    let site = &good.site;
    let key = if target.path.is_empty() {
        SitePaths::INDEX.to_string()
    } else if target.dir {
        SitePaths::page(&target.path)
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
        return Action::Reply(Response::new(200, ctype, body));
    }
    if site.written.contains(&key) && good.pdf_document(&key).is_some() {
        return Action::Pdf(good, key);
    }
    // A directory named without its slash: redirect, so relative links work.
    if !target.dir && site.contains(&SitePaths::page(&target.path)) {
        let location = format!("/{}/", super::paths::percent_encode(&target.path));
        return Action::Reply(Response::text(301, "").with("Location", location));
    }
    let body = crate::msg!(
        "<p>There is no such page in this site.</p><p><a href=\"/\">All documents</a></p>",
        "<p>このサイトにそのページはありません。</p><p><a href=\"/\">文書の一覧</a></p>"
    );
    Action::Reply(own_page(404, snap, crate::msg!("Not found", "ページが見つかりません"), body))
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
