//! Work with a time limit (template renders: `render` uses it, the
//! engine keeps its [`Abandoned`] slot). Tera has no step budget and a thread
//! cannot be killed, so documents are rendered on threads of their own and
//! the caller waits for each result at most the limit. A render that
//! overruns is abandoned: its threads take no further document and end
//! when the slow one does. While an abandoned render is still running, no
//! new one starts (the engine keeps one [`Abandoned`] slot), so a template
//! that loops for ever costs one thread group, not one per rebuild.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{RecvTimeoutError, channel};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The engine's record of a render that overran, while it still runs.
#[derive(Default)]
pub struct Abandoned {
    running: Mutex<Option<(Arc<AtomicBool>, String)>>,
}

impl Abandoned {
    /// What is still running from an earlier build, if anything.
    pub fn still_running(&self) -> Option<String> {
        let mut slot = self.running.lock().unwrap_or_else(|e| e.into_inner());
        match &*slot {
            Some((done, what)) if !done.load(Ordering::SeqCst) => Some(what.clone()),
            _ => {
                *slot = None;
                None
            }
        }
    }

    fn keep(&self, done: Arc<AtomicBool>, what: String) {
        *self.running.lock().unwrap_or_else(|e| e.into_inner()) = Some((done, what));
    }
}

/// Which item overran the limit.
#[derive(Debug)]
pub(crate) struct Overran {
    pub index: usize,
}

/// No item currently being rendered by a thread.
const IDLE: usize = usize::MAX;

/// Call `render(i)` for every `i < count` on `threads` threads of their
/// own; results in order. `Err` names an item that ran past `limit`
/// without any result arriving; `what` describes the render if it has to
/// be abandoned (shown to a later build).
pub(crate) fn render_all<T: Send + 'static>(
    count: usize,
    threads: usize,
    limit: Duration,
    abandoned: &Abandoned,
    what: impl Fn(usize) -> String,
    render: impl Fn(usize) -> T + Send + Sync + 'static,
) -> Result<Vec<T>, Overran> {
    let render = Arc::new(render);
    let next = Arc::new(AtomicUsize::new(0));
    let cancel = Arc::new(AtomicBool::new(false));
    let threads = threads.clamp(1, count.max(1));
    let current: Arc<Vec<AtomicUsize>> = Arc::new((0..threads).map(|_| AtomicUsize::new(IDLE)).collect());
    let live = Arc::new(AtomicUsize::new(threads));
    let done = Arc::new(AtomicBool::new(false));
    let (tx, rx) = channel();
    for t in 0..threads {
        let (render, next, cancel, current, tx) =
            (render.clone(), next.clone(), cancel.clone(), current.clone(), tx.clone());
        let (thread_live, thread_done) = (live.clone(), done.clone());
        let spawned =
            std::thread::Builder::new().name(format!("kiyaku-render-{t}")).stack_size(64 << 20).spawn(move || {
                while !cancel.load(Ordering::SeqCst) {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    if i >= count {
                        break;
                    }
                    current[t].store(i, Ordering::SeqCst);
                    let out = render(i);
                    current[t].store(IDLE, Ordering::SeqCst);
                    if tx.send((i, out)).is_err() {
                        break;
                    }
                }
                if thread_live.fetch_sub(1, Ordering::SeqCst) == 1 {
                    thread_done.store(true, Ordering::SeqCst);
                }
            });
        if spawned.is_err() {
            // Fewer threads than asked: the others take its share.
            if live.fetch_sub(1, Ordering::SeqCst) == 1 {
                done.store(true, Ordering::SeqCst);
            }
        }
    }
    drop(tx);
    let mut results: Vec<Option<T>> = (0..count).map(|_| None).collect();
    let mut received = 0;
    while received < count {
        match rx.recv_timeout(limit) {
            Ok((i, out)) => {
                if let Some(slot) = results.get_mut(i) {
                    *slot = Some(out);
                    received += 1;
                }
            }
            Err(RecvTimeoutError::Timeout) => {
                cancel.store(true, Ordering::SeqCst);
                let index = current.iter().map(|c| c.load(Ordering::SeqCst)).find(|i| *i != IDLE).unwrap_or(0);
                abandoned.keep(done, what(index));
                return Err(Overran { index });
            }
            // Every thread ended: a thread could not be started at all.
            Err(RecvTimeoutError::Disconnected) => break,
        }
    }
    if received < count {
        // Render what no thread took, here.
        for (i, slot) in results.iter_mut().enumerate() {
            if slot.is_none() {
                *slot = Some(render(i));
            }
        }
    }
    Ok(results.into_iter().flatten().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_order_and_an_overrun_is_named() {
        let abandoned = Abandoned::default();
        let out = render_all(20, 3, Duration::from_secs(5), &abandoned, |_| String::new(), |i| i * 2).unwrap();
        assert_eq!(out, (0..20).map(|i| i * 2).collect::<Vec<_>>());

        let release = Arc::new(AtomicBool::new(false));
        let r = release.clone();
        let err = render_all(
            4,
            2,
            Duration::from_millis(200),
            &abandoned,
            |i| format!("item {i}"),
            move |i| {
                while i == 2 && !r.load(Ordering::SeqCst) {
                    std::thread::sleep(Duration::from_millis(5));
                }
                i
            },
        )
        .unwrap_err();
        assert_eq!(err.index, 2);
        assert_eq!(abandoned.still_running().as_deref(), Some("item 2"));
        release.store(true, Ordering::SeqCst);
        let start = std::time::Instant::now();
        while abandoned.still_running().is_some() {
            assert!(start.elapsed() < Duration::from_secs(5), "the abandoned render did not end");
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}
