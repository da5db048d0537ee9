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
mod overlay;
mod paths;
mod respond;
mod state;
mod watch;

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use anyhow::Context;

use crate::engine::Engine;
use crate::model::values::Date;

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
    pub strict: bool,
}

/// Threads answering requests; PDFs are made on these, event streams
/// have threads of their own.
const WORKERS: usize = 4;

/// A running server. Dropping it does not stop it; call [`stop`](Self::stop).
pub struct Server {
    pub addr: SocketAddr,
    shared: Arc<state::Shared>,
    http: Arc<tiny_http::Server>,
    threads: Vec<JoinHandle<()>>,
}

/// Stops a server from another thread (a Ctrl-C handler).
#[derive(Clone)]
pub struct Stopper {
    shared: Arc<state::Shared>,
    http: Arc<tiny_http::Server>,
}

impl Stopper {
    pub fn stop(&self) {
        self.shared.stop();
        for _ in 0..WORKERS {
            self.http.unblock();
        }
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
        Stopper { shared: self.shared.clone(), http: self.http.clone() }
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

/// Bind, build once, and start serving and watching. The first build's
/// result goes to `reporter` before this returns; a failed first build
/// still serves (its overlay) so the author can fix it in place.
pub fn start(engine: Arc<Engine>, options: ServeOptions, reporter: Reporter) -> anyhow::Result<Server> {
    if !options.root.join("content").is_dir() {
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
    let http = Arc::new(tiny_http::Server::from_listener(listener, None).map_err(|e| anyhow::anyhow!("{e}"))?);
    let shared = Arc::new(state::Shared::new(engine, options, reporter));
    shared.rebuild();

    let mut threads = vec![watch::spawn(shared.clone()).context("cannot watch the project for changes")?];
    for i in 0..WORKERS {
        let (shared, http) = (shared.clone(), http.clone());
        threads.push(std::thread::Builder::new().name(format!("kiyaku-http-{i}")).spawn(move || {
            while !shared.is_stopping() {
                match http.recv_timeout(Duration::from_millis(500)) {
                    Ok(Some(request)) => respond::handle(&shared, request),
                    Ok(None) => {}
                    Err(_) => break,
                }
            }
        })?);
    }
    Ok(Server { addr, shared, http, threads })
}
