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
mod lsp;
mod output;
mod report;
mod status;
mod terminal;

pub(crate) use error::{CliError, ExitCode};

use clap::{Parser, Subcommand};

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
}

pub(crate) fn run() -> Result<ExitCode, CliError> {
    let cli = match Cli::try_parse() {
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
    }
}
