//! The `planc` command line: a thin layer of IO over the core.

// Every byte planc prints goes through `cli::output`, whose writes return
// errors: `print!` panics on a full disk or a closed pipe.
#![deny(clippy::print_stdout, clippy::print_stderr)]

mod cli;

/// mimalloc instead of the system's malloc: parsing makes and frees many
/// small objects (each item's syntax tree, on rayon's threads), which cost
/// glibc's malloc and free a fifth of `planc check` (docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    match cli::run() {
        Ok(code) => code.into(),
        Err(error) => error.report().into(),
    }
}
