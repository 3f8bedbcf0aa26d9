//! `planc lsp`: the language server on standard input and output. All the
//! work is in `planc::lsp`; this only opens the transport.

use lsp_server::Connection;

#[derive(clap::Args)]
pub struct Args {}

pub fn run(_args: Args) -> i32 {
    let (connection, io_threads) = Connection::stdio();
    let served = planc::lsp::run(&connection);
    drop(connection);
    let joined = io_threads.join();
    match (served, joined) {
        (Ok(()), Ok(())) => super::OK,
        (Err(e), _) => {
            eprintln!("planc lsp: {e}");
            super::FAILED
        }
        (_, Err(e)) => {
            eprintln!("planc lsp: {e}");
            super::FAILED
        }
    }
}
