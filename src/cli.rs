//! Arguments, files and exit codes. Everything else lives in the library.
//!
//! Every command takes one path: read the plan (`files::load`), analyse it
//! (`planc::analyze`), deliver the result (`output::emit`, `output::reject`),
//! and end with an [`ExitCode`] or a [`CliError`], which carries its own.

mod atomic;
mod build;
mod check;
mod error;
mod explain;
mod files;
mod fmt;
mod graph;
mod init;
mod lang;
mod lsp;
mod output;
mod report;
mod status;
mod terminal;

pub(crate) use error::{CliError, ExitCode};

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "planc",
    version,
    about = "Check a company's strategy written as a .plan file, and draw its strategy map",
    long_about = "planc reads .plan files — positioning, goals, paths, battles and tactics — and tells you, \
before the quarter starts, what no spreadsheet does: a goal no path serves, battles claiming the same \
people at once, quarterly numbers that do not add up, a tactic with no way to tell whether it won.",
    after_help = "Exit codes: 0 no error, 1 errors found (or warnings under --deny warnings), 2 planc could not run.\n\
Start with: planc check examples/acme.plan"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// The language planc speaks: en or zh (default: the plan's `lang`, then
    /// PLANC_LANG, LC_ALL, LC_MESSAGES, LANG)
    #[arg(long, global = true, value_name = "LANG", value_parser = ["en", "zh"])]
    lang: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Check plans and report every problem found
    Check(check::Args),
    /// Explain a diagnostic, with a failing and a fixed example
    Explain(explain::Args),
    /// Print the resolved plan as JSON, for dashboards and scripts
    Build(build::Args),
    /// Rewrite plans in one canonical layout, keeping every comment
    Fmt(fmt::Args),
    /// Draw the plan: the strategy map, the trace or the timeline, as DOT, Mermaid, SVG or PNG
    Graph(graph::Args),
    /// Write one self-contained HTML report of the plan, to mail to the board
    Report(report::Args),
    /// The plan as of a day: goals, battles, tactics and budgets against the check-ins
    Status(status::Args),
    /// Run the language server on standard input and output, for editors
    Lsp(lsp::Args),
    /// Write a starter plan that walks you through the five steps
    Init(init::Args),
}

/// The one-line description of each command, in Chinese (`--help` under
/// `--lang zh` or a Chinese environment).
const ABOUT_ZH: &[(&str, &str)] = &[
    ("check", "检查计划，报告发现的每一个问题"),
    ("explain", "解释一个诊断，附出错和改好的例子"),
    ("build", "把解析后的计划输出为 JSON，供看板和脚本使用"),
    ("fmt", "把计划统一排版，保留所有注释"),
    (
        "graph",
        "画出计划：战略地图、承接关系或战役时间轴，输出 DOT、Mermaid、SVG 或 PNG",
    ),
    ("report", "生成一份独立的 HTML 报告，方便发给董事会"),
    ("lsp", "在标准输入输出上运行语言服务器，供编辑器使用"),
    ("init", "生成一份入门计划，带你走完五个步骤"),
];

/// The command line, its help in the run's language.
fn command() -> clap::Command {
    let mut cmd = Cli::command();
    if lang::own() == planc::Lang::Zh {
        cmd = cmd
            .about("检查写成 .plan 文件的公司战略，并画出战略地图")
            .long_about(
                "planc 读取 .plan 文件——定位、目标、增长路径、关键战役和战术——在季度开始之前，\
告诉你表格发现不了的问题：没有路径服务的目标、同时抢同一批人的战役、对不上的季度数字、无从判断打没打赢的战术。",
            )
            .after_help(
                "退出码：0 没有错误；1 发现错误（或在 --deny warnings 下发现警告）；2 planc 无法运行。\n\
从这里开始：planc init，或 planc check examples/acme.plan",
            );
        for (name, about) in ABOUT_ZH {
            if cmd.find_subcommand(name).is_some() {
                cmd = cmd.mut_subcommand(name, |c| c.about(*about).long_about(None));
            }
        }
        cmd = cmd.mut_arg("lang", |a| {
            a.help("planc 使用的语言：en 或 zh（默认依次看计划里的 `lang`、PLANC_LANG、LC_ALL、LC_MESSAGES、LANG）")
        });
    }
    cmd
}

pub(crate) fn run() -> Result<ExitCode, CliError> {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    lang::init(&args);
    let parsed = command()
        .try_get_matches_from(args)
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        // `--help` and `--version`: clap's text on stdout.
        Err(e) if !e.use_stderr() => {
            return match e.print() {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(CliError::Stdout(e)),
                _ => Ok(ExitCode::Clean),
            }
        }
        Err(e) => return Err(CliError::Arguments(e)),
    };
    match cli.command {
        Command::Check(args) => check::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Build(args) => build::run(args),
        Command::Fmt(args) => fmt::run(args),
        Command::Graph(args) => graph::run(args),
        Command::Report(args) => report::run(args),
        Command::Status(args) => status::run(args),
        Command::Lsp(args) => lsp::run(args),
        Command::Init(args) => init::run(args),
    }
}
