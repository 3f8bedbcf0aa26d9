//! `planc graph FILE [--view map|trace] [--format dot|mermaid|svg] [--engine dot|builtin] [-o OUT]`
//!
//! The drawing is done by the library (`planc::diagram`); this file reads
//! the plan, runs Graphviz when asked to, and writes the result.

use super::error::{CliError, ExitCode};
use super::files;
use super::output;
use super::terminal::Color;
use planc::diagram::{self, Options, View};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

#[derive(clap::Args)]
pub struct Args {
    /// The .plan file to draw; `-` reads standard input
    #[arg(value_name = "FILE")]
    file: String,
    /// map: the strategy map, goals in balanced-scorecard lanes with `supports` arrows;
    /// trace: goal → path → battle → tactic, top to bottom
    #[arg(long, value_enum, default_value_t = ViewArg::Map)]
    view: ViewArg,
    /// dot (Graphviz source), mermaid (for Markdown on GitHub) or svg (a picture).
    /// Default: from the -o file's extension (.svg, .mmd, .dot), else dot
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Who lays out the SVG: dot (Graphviz) or builtin (planc itself).
    /// Default: dot when it is on PATH, else builtin
    #[arg(long, value_enum)]
    engine: Option<Engine>,
    /// Write to this file (replaced atomically) instead of standard output
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    output: Option<PathBuf>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ViewArg {
    Map,
    Trace,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Dot,
    Mermaid,
    Svg,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Engine {
    Dot,
    Builtin,
}

pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let format = format(&args).map_err(CliError::CouldNotRun)?;
    let plan = files::load(&args.file)?;
    let analysis = match plan.analyze(&[]) {
        Ok(analysis) => analysis,
        Err(encoding) => {
            let diagnostics = std::slice::from_ref(encoding);
            let closing = format!("{}: nothing was drawn; fix the errors first", plan.name);
            return Ok(output::reject(
                &plan.name,
                &plan.text,
                diagnostics,
                Color::Auto,
                closing,
            ));
        }
    };
    let options = Options {
        view: match args.view {
            ViewArg::Map => View::Map,
            ViewArg::Trace => View::Trace,
        },
    };
    let drawing = match format {
        Format::Dot => diagram::dot(&analysis, options),
        Format::Mermaid => diagram::mermaid(&analysis, options),
        Format::Svg => svg(&analysis, options, args.engine).map_err(CliError::CouldNotRun)?,
    };
    output::emit(args.output.as_deref(), drawing.as_bytes(), &plan.inputs())?;
    let errors = analysis.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = analysis.diagnostics.len() - errors;
    if errors + warnings > 0 {
        let count = |n: usize, what: &str| match n {
            1 => format!("1 {what}"),
            n => format!("{n} {what}s"),
        };
        let found = match (errors, warnings) {
            (0, w) => count(w, "warning"),
            (e, 0) => count(e, "error"),
            (e, w) => format!("{} and {}", count(e, "error"), count(w, "warning")),
        };
        output::say(format_args!(
            "{} has {found}, outlined on the diagram; `planc check {}` explains them",
            plan.name, args.file
        ));
    }
    Ok(ExitCode::Clean)
}

/// The format asked for, else the one the output file's extension names.
fn format(args: &Args) -> Result<Format, String> {
    if let Some(format) = args.format {
        return Ok(format);
    }
    let extension = args
        .output
        .as_deref()
        .and_then(Path::extension)
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    Ok(match extension.as_deref() {
        Some("svg") => Format::Svg,
        Some("mmd" | "mermaid") => Format::Mermaid,
        Some(picture @ ("png" | "pdf" | "jpg" | "jpeg" | "gif" | "webp")) => {
            return Err(format!(
                "planc graph writes DOT, Mermaid or SVG, not {}; for a {} picture run \
`planc graph FILE --format dot | dot -T{picture} -o OUT`",
                picture.to_ascii_uppercase(),
                picture.to_ascii_uppercase()
            ))
        }
        _ => Format::Dot,
    })
}

/// SVG from Graphviz when asked for or available, else from planc's own layout.
fn svg(
    analysis: &planc::Analysis,
    options: Options,
    engine: Option<Engine>,
) -> Result<String, String> {
    if engine == Some(Engine::Builtin) {
        return Ok(diagram::svg(analysis, options));
    }
    match run_dot(&diagram::dot(analysis, options)) {
        Ok(svg) => Ok(svg),
        Err(DotError::Missing) if engine.is_none() => Ok(diagram::svg(analysis, options)),
        Err(DotError::Missing) => Err(
            "--engine dot: Graphviz's `dot` is not on PATH; install Graphviz \
(apt install graphviz, brew install graphviz) or use --engine builtin"
                .to_string(),
        ),
        Err(DotError::Failed(why)) if engine.is_none() => {
            output::say(format_args!(
                "Graphviz failed ({why}); drawing with planc's own layout instead"
            ));
            Ok(diagram::svg(analysis, options))
        }
        Err(DotError::Failed(why)) => Err(format!("--engine dot: Graphviz failed: {why}")),
    }
}

enum DotError {
    Missing,
    Failed(String),
}

/// `dot -Tsvg`, fed on standard input from a thread so neither side blocks.
fn run_dot(source: &str) -> Result<String, DotError> {
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => DotError::Missing,
            _ => DotError::Failed(e.to_string()),
        })?;
    let mut stdin = child.stdin.take().ok_or(DotError::Missing)?;
    let input = source.to_owned();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child
        .wait_with_output()
        .map_err(|e| DotError::Failed(e.to_string()))?;
    let written = writer.join();
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let first = stderr
            .lines()
            .next()
            .unwrap_or("no message")
            .trim()
            .to_string();
        return Err(DotError::Failed(format!("{}: {first}", output.status)));
    }
    if !matches!(written, Ok(Ok(()))) {
        return Err(DotError::Failed("it stopped reading its input".to_string()));
    }
    String::from_utf8(output.stdout)
        .map_err(|_| DotError::Failed("its output is not UTF-8".to_string()))
}
