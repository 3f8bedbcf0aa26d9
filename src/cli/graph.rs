//! `planc graph FILE [--view map|trace|timeline] [--format dot|mermaid|svg|png] [--engine dot|builtin] [--focus ID] [--today DATE] [-o OUT]`
//!
//! The drawing is done by the library (`planc::diagram`); this file reads
//! the plan, runs Graphviz when asked to, and writes the result.

use super::error::{CliError, ExitCode};
use super::files;
use super::lang::say;
use super::output;
use super::terminal::Color;
use planc::date::Date;
use planc::diagram::{self, timeline, Request, Scene, View};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

#[derive(clap::Args)]
pub(super) struct Args {
    /// The .plan file to draw; `-` reads standard input
    #[arg(value_name = "FILE")]
    file: String,
    /// map: the strategy map, goals in balanced-scorecard lanes with `supports` arrows;
    /// trace: goal → path → battle → tactic, top to bottom;
    /// timeline: battles and tactics on a calendar, with each pool's load
    #[arg(long, value_enum, default_value_t = ViewArg::Map)]
    view: ViewArg,
    /// dot (Graphviz source), mermaid (for Markdown on GitHub), svg or png (pictures).
    /// Default: from the -o file's extension (.svg, .png, .mmd, .dot), else dot
    /// (svg for the timeline)
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Draw only what traces to and from this goal, path, battle or tactic (map and trace)
    #[arg(long, value_name = "ID")]
    focus: Option<String>,
    /// The day the plan is drawn for (YYYY-MM-DD): the timeline marks it;
    /// every view colours goals, battles and tactics by their state on it
    /// (from the plan's check-ins, as `planc status` says)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    today: Option<Date>,
    /// Who lays out the SVG: dot (Graphviz) or builtin (planc itself).
    /// Default: dot when it is on PATH, else builtin
    #[arg(long, value_enum)]
    engine: Option<Engine>,
    /// Write to this file (replaced atomically) instead of standard output
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    output: Option<PathBuf>,
    /// file: in a plan of several files, a box per file (named by its path)
    /// inside each lane or layer, departments being files (dot and mermaid)
    #[arg(long, value_enum, value_name = "file")]
    group_by: Option<GroupBy>,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum GroupBy {
    File,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ViewArg {
    Map,
    Trace,
    Timeline,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Dot,
    Mermaid,
    Svg,
    Png,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Engine {
    Dot,
    Builtin,
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text).ok_or_else(|| {
        say(
            format!("`{text}` is not a real date like 2026-04-01"),
            format!("`{text}` 不是一个真实的日期（例如 2026-04-01）"),
        )
    })
}

/// What to draw, checked before anything is read: options that would do
/// nothing are refused (exit 2) rather than silently ignored.
fn request(args: &Args, format: Format) -> Result<Option<Request<'_>>, String> {
    let view = match args.view {
        ViewArg::Map => View::Map,
        ViewArg::Trace => View::Trace,
        ViewArg::Timeline => {
            if format == Format::Dot {
                return Err(say(
                    "--view timeline is drawn as svg, png or mermaid (a Gantt chart), \
not dot; use --format svg",
                    "--view timeline 只能画成 svg、png 或 mermaid（甘特图），不能是 dot；请用 --format svg",
                ));
            }
            if let Some(flag) = [
                args.engine.map(|_| "--engine"),
                args.focus.as_ref().map(|_| "--focus"),
                args.group_by.map(|_| "--group-by"),
            ]
            .into_iter()
            .flatten()
            .next()
            {
                return Err(say(
                    format!(
                        "{flag} applies to the map and the trace, not to --view timeline; drop it"
                    ),
                    format!("{flag} 只用于战略地图和承接关系，不用于 --view timeline；请去掉它"),
                ));
            }
            return Ok(None);
        }
    };
    if args.group_by.is_some() && matches!(format, Format::Svg | Format::Png) {
        return Err(say(
            "--group-by file draws with --format dot or mermaid; for a picture, run Graphviz on \
the DOT (planc graph --group-by file FILE | dot -Tsvg -o plan.svg)",
            "--group-by file 只用于 --format dot 或 mermaid；要图片，请用 Graphviz 画 DOT\
（planc graph --group-by file FILE | dot -Tsvg -o plan.svg）",
        ));
    }
    let request = Request {
        view,
        format: match format {
            Format::Dot => diagram::Format::Dot,
            Format::Mermaid => diagram::Format::Mermaid,
            // A PNG is the SVG drawn into pixels: laid out the same way.
            Format::Svg | Format::Png => diagram::Format::Svg,
        },
        engine: args.engine.map(|e| match e {
            Engine::Dot => diagram::Engine::Dot,
            Engine::Builtin => diagram::Engine::Builtin,
        }),
        focus: args.focus.as_deref(),
        today: args.today,
    };
    request.validate()?;
    Ok(Some(request))
}

pub(super) fn run(args: Args) -> Result<ExitCode, CliError> {
    let format = format(&args).map_err(CliError::CouldNotRun)?;
    let request = request(&args, format).map_err(CliError::CouldNotRun)?;
    if format == Format::Png && args.output.is_none() && std::io::stdout().is_terminal() {
        return Err(CliError::CouldNotRun(super::lang::say(
            "a PNG is not for the terminal; write it to a file with -o map.png",
            "PNG 不能直接输出到终端；请用 -o map.png 写到文件里",
        )));
    }
    let plan = files::load_plan(&args.file)?;
    let analysis = match plan.analyze(&[]) {
        Ok(analysis) => analysis,
        Err(encoding) => {
            let diagnostics = std::slice::from_ref(encoding);
            let closing = match super::lang::for_text(plan.map.text()) {
                planc::Lang::En => {
                    format!("{}: nothing was drawn; fix the errors first", plan.name)
                }
                planc::Lang::Zh => format!("{}：没有画图；请先改正错误", plan.name),
            };
            return Ok(plan.reject(diagnostics, Color::Auto, closing));
        }
    };
    let drawing: Vec<u8> = match request {
        None => match format {
            Format::Mermaid => timeline::mermaid(&analysis, args.today).into_bytes(),
            Format::Png => png(&timeline::svg(&analysis, args.today))?,
            _ => timeline::svg(&analysis, args.today).into_bytes(),
        },
        Some(request) => {
            let mut scene = request.scene(&analysis).map_err(CliError::CouldNotRun)?;
            if args.group_by == Some(GroupBy::File) {
                scene.group_by_file(&analysis.model, &plan.map);
            }
            match format {
                Format::Dot => diagram::render(&scene, diagram::Format::Dot).into_bytes(),
                Format::Mermaid => diagram::render(&scene, diagram::Format::Mermaid).into_bytes(),
                Format::Svg => svg(&scene, args.engine)
                    .map_err(CliError::CouldNotRun)?
                    .into_bytes(),
                Format::Png => png(&svg(&scene, args.engine).map_err(CliError::CouldNotRun)?)?,
            }
        }
    };
    output::emit(args.output.as_deref(), &drawing, &plan.inputs())?;
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
        match analysis.lang {
            planc::Lang::En => output::say(format_args!(
                "{} has {found}, outlined on the diagram; `planc check {}` explains them",
                plan.name, args.file
            )),
            planc::Lang::Zh => output::say(format_args!(
                "{} 有 {errors} 个错误、{warnings} 个警告，已在图上框出；`planc check {}` 会逐条说明",
                plan.name, args.file
            )),
        }
    }
    Ok(ExitCode::Clean)
}

/// The SVG drawn into pixels with the system's fonts, in process (no
/// Graphviz, no browser).
fn png(svg: &str) -> Result<Vec<u8>, CliError> {
    let fonts = diagram::png::system_fonts();
    diagram::png::png(svg, &fonts).map_err(|e| CliError::CouldNotRun(e.to_string()))
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
        Some("png") => Format::Png,
        Some("mmd" | "mermaid") => Format::Mermaid,
        Some(picture @ ("pdf" | "jpg" | "jpeg" | "gif" | "webp")) => {
            return Err(say(
                format!(
                    "planc graph writes DOT, Mermaid, SVG or PNG, not {}; write a .png or .svg",
                    picture.to_ascii_uppercase(),
                ),
                format!(
                    "planc graph 只输出 DOT、Mermaid、SVG 或 PNG，不输出 {}；请写成 .png 或 .svg",
                    picture.to_ascii_uppercase(),
                ),
            ))
        }
        Some("dot" | "gv") => Format::Dot,
        _ if matches!(args.view, ViewArg::Timeline) => Format::Svg,
        _ => Format::Dot,
    })
}

/// SVG from Graphviz when asked for or available, else from planc's own layout.
fn svg(scene: &Scene, engine: Option<Engine>) -> Result<String, String> {
    let builtin = || diagram::render(scene, diagram::Format::Svg);
    if engine == Some(Engine::Builtin) {
        return Ok(builtin());
    }
    match run_dot(&diagram::render(scene, diagram::Format::Dot)) {
        Ok(svg) => Ok(svg),
        Err(DotError::Missing) if engine.is_none() => Ok(builtin()),
        Err(DotError::Missing) => Err(say(
            "--engine dot: Graphviz's `dot` is not on PATH; install Graphviz \
(apt install graphviz, brew install graphviz) or use --engine builtin",
            "--engine dot：PATH 里找不到 Graphviz 的 `dot`；请安装 Graphviz\
（apt install graphviz、brew install graphviz），或者用 --engine builtin",
        )),
        Err(DotError::Failed(why)) if engine.is_none() => {
            output::say(say(
                format!("Graphviz failed ({why}); drawing with planc's own layout instead"),
                format!("Graphviz 出错了（{why}）；改用 planc 自己的布局来画"),
            ));
            Ok(builtin())
        }
        Err(DotError::Failed(why)) => Err(say(
            format!("--engine dot: Graphviz failed: {why}"),
            format!("--engine dot：Graphviz 出错了：{why}"),
        )),
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
