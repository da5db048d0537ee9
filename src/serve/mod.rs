//! `kiyaku serve`: a live preview. The site is built into memory (PDFs
//! made when first asked for), served over HTTP, rebuilt when the content,
//! templates or site settings change, and open pages reload themselves.
//!
//! - [`state`]: the last good build, the diagnostics of the latest one, and
//!   the build counter everything waits on;
//! - [`watch`]: file events, filtered and batched into rebuilds;
//! - [`respond`]: requests to responses (GET and HEAD only, loopback
//!   hosts only when bound to loopback);
//! - [`paths`]: request targets to site paths, refusing traversal;
//! - [`events`]: the Server-Sent Events stream, written by hand;
//! - [`overlay`]: the reload script and error overlay added to pages.
//!
//! Nothing is written to disk, so there is never a half-written site.

mod events;
mod http;
mod overlay;
mod paths;
mod pdfs;
mod respond;
mod state;
mod watch;

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::mpsc::{Sender, channel, sync_channel};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use anyhow::Context;

use crate::engine::Engine;
use crate::model::values::Date;
use crate::vocab::Lang;

pub use http::{HttpLimits, host_allowed};
pub use overlay::EVENTS;
pub use paths::{Refusal, SitePath, resolve};
pub use respond::{STATUS, content_type};
pub use state::{Rebuilt, Reporter};
pub use watch::{MAX_BATCH, QUIET};

#[derive(Clone, Debug)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    pub today: Date,
    /// `today` came from `KIYAKU_TODAY` (see `CheckOptions::today_pinned`).
    pub today_pinned: bool,
    /// The date printed in PDFs of documents without one (`SOURCE_DATE_EPOCH`).
    pub source_date: Option<Date>,
    pub strict: bool,
    /// Host names served besides IP literals when bound to a non-loopback
    /// address (`--allow-host`).
    pub allow_hosts: Vec<String>,
    pub limits: HttpLimits,
    /// The language of messages and kiyaku's own pages (`--message-lang`);
    /// `None` follows the site's language.
    pub messages: Option<Lang>,
    /// The language before a site is read (from `LANG`).
    pub fallback_lang: Lang,
}

/// A running server. Dropping it does not stop it; call [`stop`](Self::stop).
pub struct Server {
    pub addr: SocketAddr,
    shared: Arc<state::Shared>,
    threads: Vec<JoinHandle<()>>,
}

/// Stops a server from another thread (a Ctrl-C handler).
#[derive(Clone)]
pub struct Stopper {
    shared: Arc<state::Shared>,
}

impl Stopper {
    pub fn stop(&self) {
        self.shared.stop();
    }
}

impl Server {
    /// The address to open: loopback when bound to every interface.
    pub fn url(&self) -> String {
        let ip = match self.addr.ip() {
            ip if ip.is_unspecified() && ip.is_ipv4() => IpAddr::from([127, 0, 0, 1]),
            ip if ip.is_unspecified() => IpAddr::from(std::net::Ipv6Addr::LOCALHOST),
            ip => ip,
        };
        format!("http://{}/", SocketAddr::new(ip, self.addr.port()))
    }

    pub fn stopper(&self) -> Stopper {
        Stopper { shared: self.shared.clone() }
    }

    /// Build again now, as if a file had changed; returns the build number.
    pub fn rebuild(&self) -> u64 {
        self.shared.rebuild()
    }

    /// Block until [`Stopper::stop`] is called, then wait for the threads.
    pub fn wait(self) {
        for t in self.threads {
            let _ = t.join();
        }
    }

    pub fn stop(self) {
        self.stopper().stop();
        self.wait();
    }
}

fn spawn(name: &str, f: impl FnOnce() + Send + 'static) -> anyhow::Result<JoinHandle<()>> {
    std::thread::Builder::new().name(name.into()).spawn(f).with_context(|| format!("cannot start the {name} thread"))
}

/// Bind, build once, and start serving and watching. The first build's
/// result goes to `reporter` before this returns; a failed first build
/// still serves (its overlay) so the author can fix it in place.
pub fn start(engine: Arc<Engine>, options: ServeOptions, reporter: Reporter) -> anyhow::Result<Server> {
    if !crate::vocab::ProjectPaths::new(&options.root).content().is_dir() {
        anyhow::bail!(
            "{} has no content/ folder; run `kiyaku serve` in a kiyaku project or pass --root",
            options.root.display()
        );
    }
    let addr = SocketAddr::new(options.bind, options.port);
    let listener = TcpListener::bind(addr).map_err(|e| match e.kind() {
        std::io::ErrorKind::AddrInUse => anyhow::anyhow!(
            "port {} on {} is already in use; stop the other server or choose another port with --port (0 picks a free one)",
            options.port,
            options.bind
        ),
        std::io::ErrorKind::PermissionDenied => {
            anyhow::anyhow!("not allowed to listen on {addr}; ports below 1024 need privileges, try --port 8000")
        }
        std::io::ErrorKind::AddrNotAvailable => {
            anyhow::anyhow!("{} is not an address of this machine; check --bind", options.bind)
        }
        _ => anyhow::Error::new(e).context(format!("cannot listen on {addr}")),
    })?;
    let addr = listener.local_addr()?;
    let limits = options.limits.clone();
    let shared = Arc::new(state::Shared::new(engine, options, reporter));
    shared.rebuild();

    let (requests, queue) = sync_channel(limits.queue);
    let queue = Arc::new(Mutex::new(queue));
    let (jobs, job_queue) = channel();
    let (replies, reply_queue) = channel::<pdfs::Reply>();
    let reply_queue = Arc::new(Mutex::new(reply_queue));

    let mut threads = vec![watch::spawn(shared.clone()).context("cannot watch the project for changes")?];
    {
        let (limits, shared) = (limits.clone(), shared.clone());
        threads.push(spawn("kiyaku-http", move || http::reactor(listener, limits, requests, || shared.is_stopping()))?);
    }
    {
        let shared = shared.clone();
        threads.push(spawn("kiyaku-events", move || events::run(&shared))?);
    }
    {
        let shared = shared.clone();
        threads.push(spawn("kiyaku-pdf", move || pdfs::run(&shared, &job_queue, &replies))?);
    }
    for i in 0..limits.workers.max(1) {
        let (shared, queue, jobs) = (shared.clone(), queue.clone(), jobs.clone());
        threads.push(spawn(&format!("kiyaku-worker-{i}"), move || {
            http::serve_queue(&queue, || shared.is_stopping(), |request| answer(&shared, &jobs, request, addr));
        })?);
    }
    // Replies to requests that waited for a PDF.
    {
        let (shared, replies) = (shared.clone(), reply_queue);
        threads.push(spawn("kiyaku-pdf-replies", move || {
            while !shared.is_stopping() {
                let next = replies
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .recv_timeout(std::time::Duration::from_millis(200));
                if let Ok(r) = next {
                    http::send(r.waiter.stream, &r.response, r.waiter.head_only);
                }
            }
        })?);
    }
    Ok(Server { addr, shared, threads })
}

fn answer(shared: &Arc<state::Shared>, jobs: &Sender<pdfs::Job>, request: http::Request, local: SocketAddr) {
    match respond::handle(shared, &request, local) {
        respond::Action::Reply(r) => request.reply(&r),
        respond::Action::Events(since) => events::open(shared, request, since),
        respond::Action::Pdf(generation, path) => match pdfs::request(jobs, &generation, &path, request) {
            pdfs::Now::Made(bytes, request) => {
                let r = http::Response::new(200, content_type(&path), bytes.to_vec());
                request.reply(&r)
            }
            pdfs::Now::Failed(message, request) => request.reply(&respond::pdf_failed(&shared.snapshot(), &message)),
            pdfs::Now::Busy(request) => request.reply(&http::Response::text(503, "busy making this PDF; try again\n")),
            pdfs::Now::Waiting => {}
        },
    }
}
