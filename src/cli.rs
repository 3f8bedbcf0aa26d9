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
mod help;
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
    /// Write a starter plan and its first check-in, walking you through the five steps
    Init(init::Args),
}

/// The command line, its help in the run's language.
fn command() -> clap::Command {
    let cmd = Cli::command();
    match lang::own() {
        planc::Lang::En => cmd,
        planc::Lang::Zh => help::zh(cmd),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Every argument and command has its Chinese line, and the Chinese
    /// command line is still a valid clap command.
    #[test]
    fn every_argument_has_chinese_help() {
        let mut cmd = Cli::command();
        cmd.build();
        assert_eq!(help::missing(&cmd), Vec::<String>::new());
        help::zh(Cli::command()).debug_assert();
    }
}
