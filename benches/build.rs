//! `cargo bench --bench build` — how fast kiyaku builds, measured:
//!
//! 1. the example site (HTML and PDF), stage by stage;
//! 2. one synthetic 100-page document: layout and PDF time, pages per
//!    second, bytes per page;
//! 3. scaling: 1, 10, 100 and 1000 synthetic documents of 10–40 pages,
//!    each size in its own process: wall time, documents and pages per
//!    second, peak memory, output size;
//! 4. the targets: one document of 1000 pages (its peak memory), and 1000
//!    documents of ten pages each.
//!
//! `cargo bench --bench build -- --quick` stops the scaling at 100 documents;
//! `-- --stages` runs only 1 and 2 (the layout and PDF budgets).
//! Figures are medians; the machine's noise is visible in the spread.
#![allow(unreachable_pub)] // helpers shared by the bench binaries

#[path = "support/example.rs"]
mod example;
#[path = "support/synth.rs"]
mod synth;

use std::path::Path;
use std::time::{Duration, Instant};

use kiyaku::model::values::Date;

fn today() -> Date {
    Date::parse("2026-12-01").unwrap()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l.split_whitespace().nth(1).unwrap_or("0").parse().unwrap_or(0))
        })
        .unwrap_or(0)
}

/// A cold build: the PDF cache is emptied first, so every PDF is made.
fn build(engine: &kiyaku::engine::Engine, root: &Path) -> kiyaku::Outcome {
    let _ = std::fs::remove_dir_all(root.join(".kiyaku-cache"));
    warm_build(engine, root)
}

/// A build that may take unchanged documents' PDFs from the cache.
fn warm_build(engine: &kiyaku::engine::Engine, root: &Path) -> kiyaku::Outcome {
    let options = kiyaku::BuildOptions {
        root: root.to_path_buf(),
        out: root.join("output"),
        check: kiyaku::build::CheckOptions::new(today()),
        pdf: kiyaku::PdfMode::Export,
        progress: None,
    };
    let outcome = kiyaku::build(engine, &options).unwrap();
    assert!(outcome.site.is_some(), "benchmark content must build: {:?}", outcome.diagnostics.items().first());
    outcome
}

fn example_site() {
    let dir = tempfile::tempdir().unwrap();
    example::copy_example(dir.path());
    let engine = kiyaku::engine::Engine::new();
    build(&engine, dir.path()); // warm-up: fonts parsed once per process
    let runs: Vec<kiyaku::Outcome> = (0..9).map(|_| build(&engine, dir.path())).collect();
    let wall: Vec<Duration> = (0..9)
        .map(|_| {
            let t = Instant::now();
            build(&engine, dir.path());
            t.elapsed()
        })
        .collect();
    warm_build(&engine, dir.path());
    let warm: Vec<Duration> = (0..9)
        .map(|_| {
            let t = Instant::now();
            warm_build(&engine, dir.path());
            t.elapsed()
        })
        .collect();
    let pick = |f: &dyn Fn(&kiyaku::build::Timings) -> Duration| median(runs.iter().map(|o| f(&o.timings)).collect());
    let pages: usize = runs[0].pages.iter().map(|(_, p)| p).sum();
    let bytes = runs[0].site.as_ref().map_or(0, |s| s.total_bytes());
    println!(
        "## Example site ({} documents, {pages} PDF pages, {:.0} KB output; median of 9 builds, {} threads)",
        runs[0].documents.len(),
        bytes as f64 / 1024.0,
        engine.threads()
    );
    println!();
    println!("| stage | ms |");
    println!("|---|---:|");
    println!("| load | {:.1} |", ms(pick(&|t| t.load)));
    println!("| validate | {:.1} |", ms(pick(&|t| t.validate)));
    println!("| render (templates → document model) | {:.1} |", ms(pick(&|t| t.render)));
    println!("| layout + PDF (wall) | {:.1} |", ms(pick(&|t| t.pdf)));
    println!("| — layout, summed over documents | {:.1} |", ms(pick(&|t| t.layout_cpu)));
    println!("| — PDF writing, summed over documents | {:.1} |", ms(pick(&|t| t.pdf_cpu)));
    println!("| HTML | {:.1} |", ms(pick(&|t| t.html)));
    println!("| site link check | {:.1} |", ms(pick(&|t| t.check)));
    println!("| write output | {:.1} |", ms(pick(&|t| t.write)));
    println!("| **whole build** | **{:.1}** |", ms(median(wall)));
    println!("| whole build, nothing changed (PDFs from the cache) | {:.1} |", ms(median(warm)));
    println!();
}

fn hundred_pages() {
    let dir = tempfile::tempdir().unwrap();
    synth::generate(dir.path(), 1, 7, Some(100));
    let engine = kiyaku::engine::Engine::with_jobs(Some(1));
    build(&engine, dir.path());
    let runs: Vec<kiyaku::Outcome> = (0..5).map(|_| build(&engine, dir.path())).collect();
    let pages = runs[0].pages[0].1;
    // PDFs go straight to disk: counted in `written_bytes`.
    let site = runs[0].site.as_ref().unwrap();
    let bytes = site.written_bytes
        + site.files.iter().filter(|(k, _)| k.ends_with(".pdf")).map(|(_, v)| v.len()).sum::<usize>();
    let layout = median(runs.iter().map(|o| o.timings.layout_cpu).collect());
    let pdf = median(runs.iter().map(|o| o.timings.pdf_cpu).collect());
    println!("## One synthetic document of {pages} pages (one thread, median of 5)");
    println!();
    println!("| layout | PDF | pages per second | bytes per page | 10 pages at this rate |");
    println!("|---:|---:|---:|---:|---:|");
    let total = layout + pdf;
    println!(
        "| {:.1} ms | {:.1} ms | {:.0} | {:.0} | {:.1} ms |",
        ms(layout),
        ms(pdf),
        pages as f64 / total.as_secs_f64(),
        bytes as f64 / pages as f64,
        ms(total) * 10.0 / pages as f64
    );
    println!();
}

/// In a child process: generate `n` documents (of `pages` pages, or 10–40),
/// build them, print one line.
fn child(n: usize, pages: Option<u64>) {
    let dir = tempfile::tempdir().unwrap();
    synth::generate(dir.path(), n, 42, pages);
    let engine = kiyaku::engine::Engine::new();
    let t = Instant::now();
    let outcome = build(&engine, dir.path());
    let wall = t.elapsed();
    let pages: usize = outcome.pages.iter().map(|(_, p)| p).sum();
    let bytes = outcome.site.as_ref().map_or(0, |s| s.total_bytes());
    println!("RESULT {} {} {} {} {}", n, wall.as_secs_f64(), pages, bytes, peak_rss_kb());
}

/// Each run: documents, and pages per document (`None`: 10–40 at random).
fn scaling(runs: &[(usize, Option<u64>)]) {
    println!("## Scaling (HTML and PDF, written to disk; each size in its own process)");
    println!();
    println!("| documents | pages | wall time | documents/s | pages/s | peak memory | output |");
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    let exe = std::env::current_exe().unwrap();
    for &(n, size) in runs {
        let mut command = std::process::Command::new(&exe);
        command.env("KIYAKU_BENCH_CHILD", n.to_string());
        if let Some(p) = size {
            command.env("KIYAKU_BENCH_PAGES", p.to_string());
        }
        let out = command.output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        let Some(line) = text.lines().find(|l| l.starts_with("RESULT")) else {
            println!("| {n} | failed: {} |", String::from_utf8_lossy(&out.stderr).lines().last().unwrap_or(""));
            continue;
        };
        let f: Vec<f64> = line.split_whitespace().skip(1).map(|x| x.parse().unwrap()).collect();
        let (wall, pages, bytes, rss) = (f[1], f[2], f[3], f[4]);
        let label = match size {
            Some(p) => format!("{n} × {p} pages"),
            None => n.to_string(),
        };
        println!(
            "| {label} | {pages:.0} | {wall:.2} s | {:.1} | {:.0} | {:.0} MB | {:.1} MB |",
            n as f64 / wall,
            pages / wall,
            rss / 1024.0,
            bytes / 1_048_576.0
        );
    }
    println!();
}

fn main() {
    if let Ok(n) = std::env::var("KIYAKU_BENCH_CHILD") {
        let pages = std::env::var("KIYAKU_BENCH_PAGES").ok().and_then(|p| p.parse().ok());
        child(n.parse().unwrap(), pages);
        return;
    }
    let quick = std::env::args().any(|a| a == "--quick");
    println!("# kiyaku build benchmark\n");
    example_site();
    hundred_pages();
    if std::env::args().any(|a| a == "--stages") {
        return;
    }
    scaling(if quick {
        &[(1, None), (10, None), (100, None), (1, Some(1000))]
    } else {
        // The stated targets: one document of 1,000 pages (peak memory
        // under 300 MB), and 1,000 ten-page documents.
        &[(1, None), (10, None), (100, None), (1000, None), (1, Some(1000)), (1000, Some(10))]
    });
}
