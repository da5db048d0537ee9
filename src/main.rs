//! The `kiyaku` command line: parses arguments and calls the library.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use kiyaku::diag::{Diagnostics, render};
use kiyaku::model::values::{Date, Lang};
use kiyaku::source::Sources;

/// `println!` that does not panic when stdout is closed (`kiyaku … | head`):
/// what the reader no longer wants is dropped.
macro_rules! say {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

#[derive(Parser)]
#[command(
    name = "kiyaku",
    version = env!("KIYAKU_VERSION_TEXT"),
    about = "Compliance documents from service facts: HTML and PDF, checked"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Language of diagnostics and messages (default: the site's language, else LANG)
    #[arg(long, global = true, value_enum, env = "KIYAKU_MESSAGE_LANG")]
    message_lang: Option<MessageLang>,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum MessageLang {
    Ja,
    En,
}

/// What decides the language kiyaku talks in (see `diag::message_lang`).
#[derive(Clone, Copy)]
struct Speaking {
    flag: Option<Lang>,
    env: Option<Lang>,
}

impl Speaking {
    fn from(flag: Option<MessageLang>) -> Speaking {
        let flag = flag.map(|l| match l {
            MessageLang::Ja => Lang::Ja,
            MessageLang::En => Lang::En,
        });
        // POSIX order: LC_ALL, then LC_MESSAGES, then LANG.
        let env = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
            .map(|v| kiyaku::diag::message_lang(None, None, Some(&v)));
        Speaking { flag, env }
    }

    /// The language for a run that read a site in `site`'s language.
    fn with_site(self, site: Lang) -> Lang {
        kiyaku::diag::message_lang(self.flag, Some(site), None)
    }

    /// The language before any site is read.
    fn before_site(self) -> Lang {
        self.flag.or(self.env).unwrap_or(Lang::En)
    }
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Format {
    Human,
    Json,
}

#[derive(clap::Args, Clone)]
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
    /// Worker threads, 1–256 (default: one per core)
    #[arg(long, short, value_parser = clap::value_parser!(u16).range(1..=256))]
    jobs: Option<u16>,
    /// Colour in diagnostics: auto (on a terminal, unless NO_COLOR is set), always, never
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorChoice,
    /// Print only diagnostics: no summary line, no progress
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl Common {
    /// Options for a command that only prints diagnostics in `format`.
    fn printing(root: PathBuf, format: Format, jobs: Option<u16>) -> Common {
        Common { root, strict: false, format, verbose: false, jobs, color: ColorChoice::Auto, quiet: false }
    }
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
        #[arg(long, short = 'o')]
        out: Option<PathBuf>,
        /// Print the time each stage took
        #[arg(long)]
        timings: bool,
        /// Open the built site's index page in the default browser
        #[arg(long)]
        open: bool,
    },
    /// Preview the site: build, serve, rebuild on change, reload open pages
    Serve {
        #[command(flatten)]
        common: Common,
        /// Port to listen on (0 picks a free one)
        #[arg(long, short, default_value_t = 8000)]
        port: u16,
        /// Address to listen on; anything but loopback is reachable by others
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the site in the default browser
        #[arg(long)]
        open: bool,
        /// A host name to serve under when bound to a non-loopback address
        /// (repeatable); IP addresses are always accepted there
        #[arg(long = "allow-host", value_name = "NAME")]
        allow_host: Vec<String>,
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
        /// How to print problems: human-readable, or one JSON object per line
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        /// Worker threads, 1–256 (default: one per core)
        #[arg(long, short, value_parser = clap::value_parser!(u16).range(1..=256))]
        jobs: Option<u16>,
    },
    /// Show what changed in a document since its released version
    Diff {
        /// Project directory
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The document
        id: String,
        /// The older version, a release in kiyaku.lock (default: the one before --to)
        #[arg(long)]
        from: Option<String>,
        /// The newer version: a release, or `current` for the working copy (the default)
        #[arg(long)]
        to: Option<String>,
        /// text (for a terminal), or the 新旧対照表 as html or pdf (written to -o)
        #[arg(long, value_enum, default_value_t = DiffFormatArg::Text)]
        format: DiffFormatArg,
        /// Where to write the html or pdf (required for pdf; html goes to stdout without it)
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
        /// Worker threads, 1–256 (default: one per core)
        #[arg(long, short, value_parser = clap::value_parser!(u16).range(1..=256))]
        jobs: Option<u16>,
    },
    /// Create a small project that passes `check`
    Init {
        /// Directory to create the project in
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// Start a new file: one item of KIND with every key it requires, left for you to fill in
    New {
        /// provider, service, support-programme, severity-scale, calendar, glossary or document
        kind: String,
        /// The new item's id (also its file name)
        id: String,
        /// Project directory
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Write the JSON Schemas that give editors completion and inline errors
    Schema {
        /// Project directory
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Directory to write them to (default: ROOT/schemas)
        #[arg(long, short = 'o')]
        out: Option<PathBuf>,
    },
    /// Print a completion script for a shell (e.g. `kiyaku completions bash > ~/.local/share/bash-completion/completions/kiyaku`)
    Completions {
        /// The shell
        shell: clap_complete::Shell,
    },
    /// Write the manual pages (kiyaku.1 and one per command) into a directory
    Man {
        /// Directory to write them to
        #[arg(long, short = 'o', default_value = ".")]
        out: PathBuf,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum DiffFormatArg {
    Text,
    Html,
    Pdf,
}

/// A project-relative file name as the user can open it from `base` (the
/// current directory; for GitHub annotations, the workspace): under
/// `--root` as they wrote it (`../site/content/x.yaml`), without `base`'s
/// own prefix when the root lies under it.
fn from_here(root: &std::path::Path, base: Option<&std::path::Path>, name: &str) -> String {
    if root == std::path::Path::new(".") || name.is_empty() || name.starts_with('<') {
        return name.to_string();
    }
    let path = root.join(name);
    let inside = base.and_then(|b| {
        let abs = if path.is_absolute() { path.clone() } else { std::env::current_dir().ok()?.join(&path) };
        abs.strip_prefix(b).ok().map(std::path::Path::to_path_buf)
    });
    inside.unwrap_or(path).to_string_lossy().into_owned()
}

fn print_diagnostics(sources: &Sources, diags: &Diagnostics, common: &Common, lang: Lang) {
    // JSON keeps project-relative paths (reproducible); people and CI
    // annotations get paths that open from here.
    // The renamed copies are made only when something will be printed with them.
    let cwd = std::env::current_dir().ok();
    let github = std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true");
    let some = !diags.items().is_empty();
    let here = (some && common.format == Format::Human)
        .then(|| sources.renamed(|n| from_here(&common.root, cwd.as_deref(), n)));
    let annotated = (some && github).then(|| {
        let workspace = std::env::var_os("GITHUB_WORKSPACE").map(PathBuf::from).or(cwd.clone());
        sources.renamed(|n| from_here(&common.root, workspace.as_deref(), n))
    });
    let color = match common.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    for d in diags.items() {
        match common.format {
            Format::Json => {
                let _ = writeln!(out, "{}", render::json_line(sources, d, lang));
            }
            Format::Human => {
                let _ = write!(err, "{}", render::human(here.as_ref().unwrap_or(sources), d, color, lang));
            }
        }
        if let Some(annotated) = &annotated {
            let _ = writeln!(out, "{}", render::github(annotated, d, lang));
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
            let (accepted, reason) = match lang {
                Lang::Ja => ("承認済み", "理由"),
                Lang::En => ("accepted", "reason"),
            };
            let _ = writeln!(
                err,
                "{accepted}[{}]{at}: {}\n  {reason}: {}\n",
                a.diagnostic.code,
                a.diagnostic.message.get(lang),
                a.reason.trim()
            );
        }
    }
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
    let speaking = Speaking::from(cli.message_lang);
    match cli.command {
        Command::Check { common } => {
            let engine = kiyaku::engine::Engine::with_jobs(common.jobs.map(usize::from));
            let report = kiyaku::check(&engine, &common.root, check_options()?.strict(common.strict))?;
            let lang = speaking.with_site(report.project.site.language);
            print_diagnostics(&report.sources, &report.diagnostics, &common, lang);
            if !common.quiet {
                let documents = report.project.documents.len();
                let line = render::summary(&report.diagnostics, report.files, documents, common.strict, lang);
                eprintln!("kiyaku check: {line}");
            }
            Ok(exit_for(&report.diagnostics, common.strict))
        }
        Command::Build { common, out, timings, open } => {
            let out = out.unwrap_or_else(|| common.root.join("output"));
            let engine = kiyaku::engine::Engine::with_jobs(common.jobs.map(usize::from));
            let progress = (!common.quiet && std::io::stderr().is_terminal()).then(progress::line);
            let outcome = kiyaku::build(
                &engine,
                &kiyaku::BuildOptions {
                    root: common.root.clone(),
                    out: out.clone(),
                    check: check_options()?.strict(common.strict),
                    pdf: kiyaku::PdfMode::Export,
                    progress: progress.clone(),
                },
            )?;
            if progress.is_some() {
                progress::clear();
            }
            let lang = speaking.with_site(outcome.project.site.language);
            print_diagnostics(&outcome.sources, &outcome.diagnostics, &common, lang);
            let documents = outcome.project.documents.len();
            let line = render::summary(&outcome.diagnostics, outcome.files, documents, common.strict, lang);
            let out_shown = out.display();
            match &outcome.site {
                Some(_) if common.quiet => {}
                Some(site) => {
                    let (n, kb) = (site.file_count(), site.total_bytes() as f64 / 1024.0);
                    match lang {
                        Lang::Ja => {
                            eprintln!("kiyaku build: {line}。{out_shown} に {n} ファイル（{kb:.1} KB）を書き出しました")
                        }
                        Lang::En => eprintln!("kiyaku build: {line}; wrote {n} files ({kb:.1} KB) to {out_shown}"),
                    }
                }
                None => match lang {
                    Lang::Ja => eprintln!("kiyaku build: {line}。何も書き出さず、{out_shown} は元のままです"),
                    Lang::En => eprintln!("kiyaku build: {line}; nothing written, {out_shown} left as it was"),
                },
            }
            if timings {
                print_timings(&outcome.timings);
            }
            if open && outcome.site.is_some() {
                open_browser(&out.join("index.html").to_string_lossy());
            }
            Ok(exit_for(&outcome.diagnostics, common.strict))
        }
        Command::Serve { common, port, bind, open, allow_host } => {
            serve(common, port, bind, open, allow_host, speaking)
        }
        Command::Release { root, ids, all, forget, format, jobs } => {
            let engine = kiyaku::engine::Engine::with_jobs(jobs.map(usize::from));
            let options = check_options()?;
            match kiyaku::release::release(&engine, &root, options, &ids, all, &forget)? {
                kiyaku::release::ReleaseResult::Invalid(outcome) => {
                    let common = Common::printing(root, format, jobs);
                    let lang = speaking.with_site(outcome.project.site.language);
                    print_diagnostics(&outcome.sources, &outcome.diagnostics, &common, lang);
                    eprintln!("kiyaku release: the content has errors; nothing released");
                    Ok(ExitCode::from(1))
                }
                kiyaku::release::ReleaseResult::Refused(outcome) => {
                    let common = Common::printing(root, format, jobs);
                    let lang = speaking.with_site(outcome.project.site.language);
                    print_diagnostics(&outcome.sources, &outcome.diagnostics, &common, lang);
                    eprintln!("kiyaku release: nothing released");
                    Ok(exit_for(&outcome.diagnostics, false))
                }
                kiyaku::release::ReleaseResult::Done(report) => {
                    if report.released.is_empty() && forget.is_empty() {
                        say!("nothing to release: every document's version is already released");
                    }
                    for id in &report.numbered {
                        say!("recorded the section numbers of {id}'s release (lock format 3): it can be compared");
                    }
                    for r in &report.released {
                        let what = if r.changed.is_empty() {
                            format!("{} sections", r.sections)
                        } else {
                            format!("{} sections; changed: {}", r.sections, r.changed.join(", "))
                        };
                        say!("released {} {} ({what})", r.id, r.version);
                    }
                    for f in &forget {
                        say!("forgot {f}");
                    }
                    Ok(ExitCode::SUCCESS)
                }
            }
        }
        Command::Diff { root, id, from, to, format, output, jobs } => {
            use kiyaku::release::{DiffFormat, DiffOutput, DiffRequest};
            let format = match format {
                DiffFormatArg::Text => DiffFormat::Text,
                DiffFormatArg::Html => DiffFormat::Html,
                DiffFormatArg::Pdf => DiffFormat::Pdf,
            };
            if format == DiffFormat::Pdf && output.is_none() {
                eprintln!("error: `--format pdf` needs `-o FILE`: a PDF is not written to a terminal");
                return Ok(ExitCode::from(2));
            }
            let engine = kiyaku::engine::Engine::with_jobs(jobs.map(usize::from));
            let request = DiffRequest { id, from, to, format };
            let made = kiyaku::release::diff(&engine, &root, check_options()?, &request)?;
            let bytes = match made {
                DiffOutput::Text(t) | DiffOutput::Html(t) => t.into_bytes(),
                DiffOutput::Pdf(b) => b,
            };
            match output {
                Some(path) => {
                    kiyaku::release::write_file(&path, &bytes)?;
                    eprintln!("wrote {}", path.display());
                }
                None => std::io::Write::write_all(&mut std::io::stdout(), &bytes)?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Init { dir } => {
            let written = kiyaku::init::init(&dir)?;
            for p in &written {
                say!("created {}", p.display());
            }
            say!("next: cd {} && kiyaku check", dir.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::New { kind, id, root } => {
            let scaffold = kiyaku::schema::scaffold(&kind, &id, today()?.0)?;
            let path = kiyaku::schema::write_scaffold(&root, &scaffold)?;
            say!("created {}", path.display());
            say!("next: fill in the empty values; `kiyaku check` lists each one still missing");
            Ok(ExitCode::SUCCESS)
        }
        Command::Schema { root, out } => {
            let dir = out.unwrap_or_else(|| kiyaku::schema::default_dir(&root));
            for p in kiyaku::schema::write(&dir)? {
                say!("wrote {}", p.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Completions { shell } => {
            use clap::CommandFactory;
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "kiyaku", &mut script);
            let _ = std::io::stdout().write_all(&script);
            Ok(ExitCode::SUCCESS)
        }
        Command::Man { out } => {
            use clap::CommandFactory;
            std::fs::create_dir_all(&out)?;
            clap_mangen::generate_to(Cli::command(), &out)?;
            eprintln!("wrote the manual pages to {} (kiyaku.1, kiyaku-build.1, …)", out.display());
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The progress line of a build on a terminal: PDFs done and pages, drawn
/// over itself, once the build has taken a second, at most ten times a
/// second.
mod progress {
    use std::io::Write;
    use std::sync::{Arc, Mutex};
    use std::time::{Duration, Instant};

    pub(super) fn line() -> kiyaku::build::Progress {
        let start = Instant::now();
        // Tests draw it at once (`KIYAKU_PROGRESS_AFTER_MS=0`).
        let after = std::env::var("KIYAKU_PROGRESS_AFTER_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .map_or(Duration::from_secs(1), Duration::from_millis);
        let last = Mutex::new(None::<Instant>);
        kiyaku::build::Progress(Arc::new(move |done: kiyaku::build::Done| {
            let now = Instant::now();
            let mut last = last.lock().unwrap_or_else(|e| e.into_inner());
            let due = last.is_none_or(|t| now - t >= Duration::from_millis(100)) || done.documents == done.of;
            if now - start < after || !due {
                return;
            }
            *last = Some(now);
            let mut err = std::io::stderr().lock();
            let _ =
                write!(err, "\r\x1b[Kkiyaku build: PDF {}/{} documents, {} pages", done.documents, done.of, done.pages);
            let _ = err.flush();
        }))
    }

    /// Remove the line before what follows is printed.
    pub(super) fn clear() {
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r\x1b[K");
        let _ = err.flush();
    }
}

fn serve(
    common: Common,
    port: u16,
    bind: std::net::IpAddr,
    open: bool,
    allow_hosts: Vec<String>,
    speaking: Speaking,
) -> anyhow::Result<ExitCode> {
    let check = check_options()?;
    if !bind.is_loopback() {
        eprintln!(
            "warning: listening on {bind}, not loopback: anyone who can reach this machine can read the documents being previewed"
        );
    }
    let engine = std::sync::Arc::new(kiyaku::engine::Engine::with_jobs(common.jobs.map(usize::from)));
    let options = kiyaku::serve::ServeOptions {
        root: common.root.clone(),
        bind,
        port,
        today: check.today,
        today_pinned: check.today_pinned,
        source_date: check.source_date,
        strict: common.strict,
        allow_hosts,
        limits: kiyaku::serve::HttpLimits::default(),
        messages: speaking.flag,
        fallback_lang: speaking.before_site(),
    };
    let printing = common.clone();
    let drafts_told = std::sync::Mutex::new(Vec::<String>::new());
    let reporter: kiyaku::serve::Reporter = Box::new(move |r: &kiyaku::serve::Rebuilt| {
        if let Some((sources, diags)) = r.report {
            print_diagnostics(sources, diags, &printing, r.lang);
        }
        let ms = r.elapsed.as_secs_f64() * 1000.0;
        match (r.ok, r.report, r.error) {
            (_, _, Some(e)) => eprintln!("build {}: could not run: {e:#}", r.build),
            (true, Some((_, d)), _) => {
                eprintln!(
                    "build {}: {} in {ms:.0} ms",
                    r.build,
                    render::summary(d, r.files, r.documents, printing.strict, r.lang)
                )
            }
            (false, Some((_, d)), _) => eprintln!(
                "build {} failed: {} — still serving the last good site",
                r.build,
                render::summary(d, r.files, r.documents, printing.strict, r.lang)
            ),
            _ => {}
        }
        // Said once per document, not after every save.
        let mut told = drafts_told.lock().unwrap_or_else(|e| e.into_inner());
        for id in r.drafts.iter().filter(|id| r.ok && !told.contains(*id)) {
            eprintln!(
                "note: `{id}` has changed since its released version; `kiyaku check` will ask for a revision entry (see `kiyaku diff {id}`)"
            );
        }
        if r.ok {
            *told = r.drafts.clone();
        }
    });
    let server = kiyaku::serve::start(engine, options, reporter)?;
    let url = server.url();
    say!("kiyaku serve: {url} (watching content/, templates/ and kiyaku.yaml; Ctrl-C stops)");
    let stopper = server.stopper();
    ctrlc::set_handler(move || stopper.stop()).map_err(|e| anyhow::anyhow!("cannot handle Ctrl-C: {e}"))?;
    if open {
        open_browser(&url);
    }
    server.wait();
    eprintln!("kiyaku serve: stopped");
    Ok(ExitCode::SUCCESS)
}

fn open_browser(url: &str) {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    command.arg(url).stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null());
    if let Err(e) = command.spawn() {
        eprintln!("warning: could not open a browser ({e}); open {url} yourself");
    }
}

/// Today's date for "in the future" checks, and whether the user pinned
/// it: `KIYAKU_TODAY` if set, else the UTC date plus one day, so that no
/// time zone sees today as future. The command line reads the clock and
/// the environment; the library never does.
fn today() -> anyhow::Result<(Date, bool)> {
    if let Ok(s) = std::env::var("KIYAKU_TODAY") {
        let date = Date::parse(&s).map_err(|e| anyhow::anyhow!("KIYAKU_TODAY: {}", e.message))?;
        return Ok((date, true));
    }
    let secs =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
    let date = Date::from_unix_days(secs.div_euclid(86_400) + 1)
        .ok_or_else(|| anyhow::anyhow!("system clock out of range"))?;
    Ok((date, false))
}

/// The options every checking command starts from: today, whether the user
/// pinned it, and the source date.
fn check_options() -> anyhow::Result<kiyaku::CheckOptions> {
    let (date, pinned) = today()?;
    Ok(kiyaku::CheckOptions::new(date).source_date(source_date()).today_pinned(pinned))
}

/// `SOURCE_DATE_EPOCH` as a date: printed in PDFs of documents without one.
fn source_date() -> Option<Date> {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| Date::from_unix_days(secs.div_euclid(86_400)))
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
