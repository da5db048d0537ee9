//! The `kiyaku` command line: parses arguments and calls the library.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use kiyaku::diag::{Diagnostics, render};
use kiyaku::source::Sources;

#[derive(Parser)]
#[command(name = "kiyaku", version, about = "Compliance documents from service facts: HTML and PDF, checked")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Format {
    Human,
    Json,
}

#[derive(clap::Args)]
struct Common {
    /// Project directory (holding content/ and templates/)
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Fail on warnings too
    #[arg(long)]
    strict: bool,
    /// How to print diagnostics
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// Also list accepted findings and other details
    #[arg(long, short)]
    verbose: bool,
    /// Worker threads (default: one per core)
    #[arg(long, short)]
    jobs: Option<usize>,
}

#[derive(Subcommand)]
enum Command {
    /// Check the content without writing anything
    Check {
        #[command(flatten)]
        common: Common,
    },
    /// Build the site and PDFs into the output directory
    Build {
        #[command(flatten)]
        common: Common,
        /// Output directory (default: ROOT/output)
        #[arg(long)]
        out: Option<PathBuf>,
        /// Print the time each stage took
        #[arg(long)]
        timings: bool,
    },
    /// Record the released version of documents in content/kiyaku.lock
    Release {
        /// Project directory
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Documents to release
        ids: Vec<String>,
        /// Release every document whose version is not yet released
        #[arg(long)]
        all: bool,
        /// Remove the entry of a document that no longer exists
        #[arg(long, value_name = "ID")]
        forget: Vec<String>,
    },
    /// Show what changed in a document since its released version
    Diff {
        /// Project directory
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The document
        id: String,
    },
    /// Create a small project that passes `check`
    Init {
        /// Directory to create the project in
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
}

fn print_diagnostics(sources: &Sources, diags: &Diagnostics, common: &Common) {
    let github = std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true");
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    for d in diags.items() {
        match common.format {
            Format::Json => {
                let _ = writeln!(out, "{}", render::json_line(sources, d));
            }
            Format::Human => {
                let _ = write!(err, "{}", render::human(sources, d, color));
            }
        }
        if github {
            let _ = writeln!(out, "{}", render::github(sources, d));
        }
    }
    if common.verbose {
        for a in diags.accepted() {
            let at = a
                .diagnostic
                .primary
                .as_ref()
                .and_then(|p| render::Location::of(sources, p.span))
                .map(|l| format!(" {}:{}:{}", l.file, l.line, l.column))
                .unwrap_or_default();
            let _ = writeln!(
                err,
                "accepted[{}]{at}: {}\n  reason: {}\n",
                a.diagnostic.code,
                a.diagnostic.message,
                a.reason.trim()
            );
        }
    }
}

fn summary(diags: &Diagnostics, files: usize, documents: usize, strict: bool) -> String {
    let e = diags.errors();
    let w = diags.warnings();
    let plural = |n: usize, s: &str| format!("{n} {s}{}", if n == 1 { "" } else { "s" });
    let status = if e == 0 && w == 0 {
        "no problems".to_string()
    } else {
        format!("{}, {}", plural(e, "error"), plural(w, "warning"))
    };
    let accepted =
        if diags.accepted().is_empty() { String::new() } else { format!(" ({} accepted)", diags.accepted().len()) };
    let strict_note = if strict && e == 0 && w > 0 { " — warnings fail under --strict" } else { "" };
    format!("{}, {}: {status}{accepted}{strict_note}", plural(files, "file"), plural(documents, "document"))
}

fn print_timings(t: &kiyaku::build::Timings) {
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    eprintln!(
        "timings: load {:.1} ms, validate {:.1} ms, render {:.1} ms, layout+pdf {:.1} ms (layout {:.1} ms, pdf {:.1} ms summed over documents), html {:.1} ms, site check {:.1} ms, write {:.1} ms",
        ms(t.load),
        ms(t.validate),
        ms(t.render),
        ms(t.pdf),
        ms(t.layout_cpu),
        ms(t.pdf_cpu),
        ms(t.html),
        ms(t.check),
        ms(t.write)
    );
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Check { common } => {
            let today = kiyaku::check::today()?;
            let engine = kiyaku::engine::Engine::with_jobs(common.jobs);
            let report =
                kiyaku::check(&engine, &common.root, kiyaku::build::CheckOptions { today, strict: common.strict })?;
            print_diagnostics(&report.sources, &report.diagnostics, &common);
            eprintln!(
                "kiyaku check: {}",
                summary(&report.diagnostics, report.files, report.project.documents.len(), common.strict)
            );
            Ok(exit_for(&report.diagnostics, common.strict))
        }
        Command::Build { common, out, timings } => {
            let today = kiyaku::check::today()?;
            let out = out.unwrap_or_else(|| common.root.join("output"));
            let engine = kiyaku::engine::Engine::with_jobs(common.jobs);
            let outcome = kiyaku::build(
                &engine,
                &kiyaku::BuildOptions {
                    root: common.root.clone(),
                    out: out.clone(),
                    today,
                    strict: common.strict,
                    pdf: true,
                },
            )?;
            print_diagnostics(&outcome.sources, &outcome.diagnostics, &common);
            let line = summary(&outcome.diagnostics, outcome.files, outcome.project.documents.len(), common.strict);
            match &outcome.site {
                Some(site) => eprintln!(
                    "kiyaku build: {line}; wrote {} files ({:.1} KB) to {}",
                    site.file_count(),
                    site.total_bytes() as f64 / 1024.0,
                    out.display()
                ),
                None => eprintln!("kiyaku build: {line}; nothing written, {} left as it was", out.display()),
            }
            if timings {
                print_timings(&outcome.timings);
            }
            Ok(exit_for(&outcome.diagnostics, common.strict))
        }
        Command::Release { root, ids, all, forget } => {
            let today = kiyaku::check::today()?;
            let engine = kiyaku::engine::Engine::new();
            let options = kiyaku::build::CheckOptions { today, strict: false };
            match kiyaku::release::release(&engine, &root, options, &ids, all, &forget)? {
                kiyaku::release::ReleaseResult::Invalid(outcome) => {
                    let common = Common { root, strict: false, format: Format::Human, verbose: false, jobs: None };
                    print_diagnostics(&outcome.sources, &outcome.diagnostics, &common);
                    eprintln!("kiyaku release: the content has errors; nothing released");
                    Ok(ExitCode::from(1))
                }
                kiyaku::release::ReleaseResult::Refused(problems) => {
                    for p in &problems {
                        eprintln!("error: {p}");
                    }
                    eprintln!("kiyaku release: nothing released");
                    Ok(ExitCode::from(1))
                }
                kiyaku::release::ReleaseResult::Done(done) => {
                    if done.is_empty() && forget.is_empty() {
                        println!("nothing to release: every document's version is already released");
                    }
                    for r in &done {
                        let what = if r.changed.is_empty() {
                            format!("{} sections", r.sections)
                        } else {
                            format!("{} sections; changed: {}", r.sections, r.changed.join(", "))
                        };
                        println!("released {} {} ({what})", r.id, r.version);
                    }
                    for f in &forget {
                        println!("forgot {f}");
                    }
                    Ok(ExitCode::SUCCESS)
                }
            }
        }
        Command::Diff { root, id } => {
            let today = kiyaku::check::today()?;
            let engine = kiyaku::engine::Engine::new();
            let text =
                kiyaku::release::diff(&engine, &root, kiyaku::build::CheckOptions { today, strict: false }, &id)?;
            print!("{text}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Init { dir } => {
            let written = kiyaku::init::init(&dir)?;
            for p in &written {
                println!("created {}", p.display());
            }
            println!("next: cd {} && kiyaku check", dir.display());
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn exit_for(diags: &Diagnostics, strict: bool) -> ExitCode {
    if diags.has_environment_errors() {
        ExitCode::from(2)
    } else if diags.fails(strict) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { ExitCode::from(2) } else { ExitCode::SUCCESS };
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
