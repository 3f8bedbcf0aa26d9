//! `planc lsp`: the language server on standard input and output. All the
//! work is in `planc::lsp`; this only hands it the two streams and turns
//! how the session ended into an exit code.

use super::{CliError, ExitCode};
use planc::lsp::Exit;
use std::io::BufReader;

#[derive(clap::Args)]
pub(super) struct Args {}

pub(super) fn run(_args: Args) -> Result<ExitCode, CliError> {
    let input = BufReader::with_capacity(64 * 1024, std::io::stdin());
    match planc::lsp::serve(input, std::io::stdout()) {
        Ok(Exit::AfterShutdown) => Ok(ExitCode::Clean),
        // The protocol asks for 1 when `exit` comes without `shutdown`.
        Ok(Exit::WithoutShutdown) => Ok(ExitCode::Failed),
        // A broken frame: the session cannot go on. Said in one line with
        // the prefix of the server's other log lines; exit 2.
        Err(broken) => {
            super::output::show(&format!("planc lsp: {broken}\n"));
            Ok(ExitCode::CouldNotRun)
        }
    }
}
