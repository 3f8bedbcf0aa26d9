//! `planc lsp`: the language server on standard input and output. All the
//! work is in `planc::lsp`; this only hands it the two streams and turns
//! how the session ended into an exit code.

use planc::lsp::Exit;
use std::io::BufReader;

#[derive(clap::Args)]
pub struct Args {}

pub fn run(_args: Args) -> i32 {
    let input = BufReader::with_capacity(64 * 1024, std::io::stdin());
    match planc::lsp::serve(input, std::io::stdout()) {
        Ok(Exit::AfterShutdown) => super::OK,
        // The protocol asks for 1 when `exit` comes without `shutdown`.
        Ok(Exit::WithoutShutdown) => super::FAILED,
        Err(broken) => {
            eprintln!("planc lsp: {broken}");
            super::COULD_NOT_RUN
        }
    }
}
