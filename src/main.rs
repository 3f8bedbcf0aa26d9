//! The `planc` command line: a thin layer of IO over the core.

mod cli;

fn main() {
    std::process::exit(cli::run());
}
