//! PDFs in the preview: made when first asked for, once per build however
//! many ask at the same time, on a thread of their own so pages are
//! answered meanwhile. Requests for a PDF being made wait without holding
//! a worker; the PDF thread hands their replies back to the workers. A job
//! whose build has been replaced by a newer one is dropped unmade, and its
//! waiters told to reload.

use std::collections::HashMap;
use std::net::TcpStream;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{Receiver, Sender};
use std::sync::{Arc, Mutex};

use super::http::{Request, Response, send};
use super::respond::{own_page, pdf_failed};
use super::state::{Generation, Shared};

/// Requests that may wait for one PDF; more get 503.
const MAX_WAITERS: usize = 64;

/// A request waiting for a PDF.
pub(super) struct Waiter {
    pub stream: TcpStream,
    pub head_only: bool,
}

/// Where one PDF of one build stands.
enum Slot {
    Making(Vec<Waiter>),
    Made(Arc<Vec<u8>>),
    Failed(String),
}

/// The PDFs of one build.
#[derive(Default)]
pub(super) struct Pdfs {
    slots: Mutex<HashMap<String, Slot>>,
}

/// A PDF to make.
pub(super) struct Job {
    pub generation: Arc<Generation>,
    pub path: String,
}

/// What a request for a PDF gets now.
pub(super) enum Now {
    Made(Arc<Vec<u8>>, Request),
    Failed(String, Request),
    /// The request waits; the PDF thread answers it.
    Waiting,
    Busy(Request),
}

/// Ask for `path` of `generation`; starts making it if nobody has.
pub(super) fn request(jobs: &Sender<Job>, generation: &Arc<Generation>, path: &str, request: Request) -> Now {
    let mut slots = generation.pdfs.slots.lock().unwrap_or_else(|e| e.into_inner());
    match slots.get_mut(path) {
        Some(Slot::Made(bytes)) => Now::Made(bytes.clone(), request),
        Some(Slot::Failed(e)) => Now::Failed(e.clone(), request),
        Some(Slot::Making(waiters)) if waiters.len() >= MAX_WAITERS => Now::Busy(request),
        Some(Slot::Making(waiters)) => {
            waiters.push(Waiter { head_only: request.is_head(), stream: request.stream });
            Now::Waiting
        }
        None => {
            let head_only = request.is_head();
            slots.insert(path.to_string(), Slot::Making(vec![Waiter { stream: request.stream, head_only }]));
            drop(slots);
            let _ = jobs.send(Job { generation: generation.clone(), path: path.to_string() });
            Now::Waiting
        }
    }
}

/// A reply for a worker to write.
pub(super) struct Reply {
    pub waiter: Waiter,
    pub response: Arc<Response>,
}

/// The PDF thread: make each job's PDF and hand its waiters' replies on.
pub(super) fn run(shared: &Shared, jobs: &Receiver<Job>, replies: &Sender<Reply>) {
    while let Ok(job) = jobs.recv() {
        if shared.is_stopping() {
            return;
        }
        let current = shared.snapshot().good.is_some_and(|g| Arc::ptr_eq(&g, &job.generation));
        let (slot, response) = if !current {
            let body = crate::msg!(
                "<p>The site was rebuilt while this PDF was waiting; this page reloads with the new one.</p>",
                "<p>この PDF の作成を待つ間にサイトが再ビルドされました。新しい PDF でページを再読み込みします。</p>"
            );
            let title = crate::msg!("Rebuilt", "再ビルドされました");
            let r = own_page(503, &shared.snapshot(), title, body).with("Retry-After", "1");
            (None, r)
        } else {
            match job.generation.make_pdf(&shared.engine, &job.path) {
                Ok(bytes) => {
                    shared.pdfs_made.fetch_add(1, Ordering::SeqCst);
                    let bytes = Arc::new(bytes);
                    let r = Response::new(200, "application/pdf", bytes.to_vec());
                    (Some(Slot::Made(bytes)), r)
                }
                Err(e) => {
                    let message = format!("{e:#}");
                    eprintln!("error: cannot make {}: {message}", job.path);
                    (Some(Slot::Failed(message.clone())), pdf_failed(&shared.snapshot(), &message))
                }
            }
        };
        let mut slots = job.generation.pdfs.slots.lock().unwrap_or_else(|e| e.into_inner());
        let waiters = match slot {
            Some(s) => slots.insert(job.path.clone(), s),
            None => slots.remove(&job.path),
        };
        drop(slots);
        let response = Arc::new(response);
        if let Some(Slot::Making(waiters)) = waiters {
            for waiter in waiters {
                if let Err(e) = replies.send(Reply { waiter, response: response.clone() }) {
                    // No workers left (stopping): answer here.
                    send(e.0.waiter.stream, &e.0.response, e.0.waiter.head_only);
                }
            }
        }
    }
}
