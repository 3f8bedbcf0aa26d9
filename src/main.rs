//! The `planc` command line: a thin layer of IO over the core.

// Every byte planc prints goes through `cli::output`, whose writes return
// errors: `print!` panics on a full disk or a closed pipe.
#![deny(clippy::print_stdout, clippy::print_stderr)]

mod cli;

fn main() -> std::process::ExitCode {
    match cli::run() {
        Ok(code) => code.into(),
        Err(error) => error.report().into(),
    }
}
