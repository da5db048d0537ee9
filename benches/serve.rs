//! `cargo bench --bench serve` — edit-to-reload latency of `kiyaku serve`
//! on the example site: the time from a content file being written to the
//! `reload` event reaching a listening page, over a series of edits.
//!
//! The server runs in this process on a free port; the listener is a plain
//! socket reading the event stream, as a browser's EventSource would.
//! `-- --edits N` sets the number of edits (default 40).
#![allow(unreachable_pub)] // helpers shared by the bench binaries

#[path = "support/example.rs"]
mod example;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::time::{Duration, Instant};

use kiyaku::model::values::Date;
use kiyaku::serve::{ServeOptions, start};

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Read the stream until the next `event: reload` line.
fn next_reload(reader: &mut BufReader<TcpStream>) {
    let start = Instant::now();
    loop {
        // Keep-alive comments arrive every few seconds; give up after 30.
        assert!(start.elapsed() < Duration::from_secs(30), "no reload event after an edit");
        let mut line = String::new();
        if reader.read_line(&mut line).expect("event stream") == 0 {
            panic!("event stream closed");
        }
        if line.starts_with("event: reload") {
            return;
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let edits: usize = args
        .iter()
        .position(|a| a == "--edits")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(40);
    let dir = tempfile::tempdir().unwrap();
    example::copy_example(dir.path());
    let engine = Arc::new(kiyaku::engine::Engine::new());
    let options = ServeOptions {
        root: dir.path().to_path_buf(),
        bind: [127, 0, 0, 1].into(),
        port: 0,
        today: Date::parse("2026-12-01").unwrap(),
        source_date: None,
        strict: false,
        allow_hosts: Vec::new(),
        limits: Default::default(),
        messages: None,
        today_pinned: false,
        fallback_lang: kiyaku::model::values::Lang::En,
    };
    let builds = Arc::new(std::sync::Mutex::new(Vec::new()));
    let sink = builds.clone();
    let server = start(
        engine,
        options,
        Box::new(move |r: &kiyaku::serve::Rebuilt| {
            if !r.ok {
                eprintln!("warning: build {} failed; the figures include it", r.build);
            }
            sink.lock().unwrap().push(r.elapsed);
        }),
    )
    .unwrap();

    let mut s = TcpStream::connect(server.addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(s, "GET /__kiyaku/events HTTP/1.1\r\nHost: {}\r\n\r\n", server.addr).unwrap();
    let mut reader = BufReader::new(s);
    // Headers and the `retry:` line.
    let mut line = String::new();
    while !line.starts_with("retry:") {
        line.clear();
        reader.read_line(&mut line).unwrap();
    }

    let file = dir.path().join("content/services/planora-infra.yaml");
    let original = std::fs::read_to_string(&file).unwrap();
    let mut latencies = Vec::new();
    for i in 0..edits {
        // 8 to 14 generations: all valid, each different from the last.
        let text = original.replacen("generations: 7", &format!("generations: {}", 8 + i % 7), 1);
        // Let the previous build settle, as a person typing would.
        std::thread::sleep(Duration::from_millis(150));
        let t = Instant::now();
        std::fs::write(&file, text).unwrap();
        next_reload(&mut reader);
        latencies.push(t.elapsed());
    }
    server.stop();

    let mut l = latencies.clone();
    l.sort();
    let pick = |q: f64| l[((l.len() - 1) as f64 * q).round() as usize];
    let mut b = builds.lock().unwrap().clone();
    b.sort();
    println!("## kiyaku serve: edit-to-reload latency, example site, {edits} edits\n");
    println!("| | min | median | p90 | max |");
    println!("|---|---:|---:|---:|---:|");
    println!(
        "| file written → reload event received (ms) | {:.1} | {:.1} | {:.1} | {:.1} |",
        ms(l[0]),
        ms(pick(0.5)),
        ms(pick(0.9)),
        ms(l[l.len() - 1])
    );
    println!(
        "| of which: rebuild (ms) | {:.1} | {:.1} | {:.1} | {:.1} |",
        ms(b[0]),
        ms(b[b.len() / 2]),
        ms(b[((b.len() - 1) as f64 * 0.9).round() as usize]),
        ms(b[b.len() - 1])
    );
    println!(
        "\nBatching: a rebuild starts {} ms after the last file event (at most {} ms after the first).",
        kiyaku::serve::QUIET.as_millis(),
        kiyaku::serve::MAX_BATCH.as_millis()
    );
}
