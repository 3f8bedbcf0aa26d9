//! `planc fmt FILE…`: rewrite plans in the canonical layout (docs/fmt.md).

use super::terminal::{self, Color};
use super::{atomic, files};
use planc::render::{human, Source};
use planc::Diagnostic;
use std::io::Write;
use std::path::Path;

#[derive(clap::Args)]
pub struct Args {
    /// The .plan files to format in place. `-` reads standard input and
    /// writes the result to standard output.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<String>,
    /// Change nothing: list the files that are not formatted (on stdout) and
    /// exit 1 if there is one
    #[arg(long)]
    check: bool,
    /// When to colour diagnostics
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
}

/// What happened to the files, for the exit code.
#[derive(Default)]
struct Outcome {
    /// A file could not be read or written.
    could_not_run: bool,
    /// A file has syntax errors and was left as it was.
    refused: bool,
    /// A file is not formatted (under `--check`).
    unformatted: bool,
}

pub fn run(args: Args) -> i32 {
    let mut outcome = Outcome::default();
    for path in &args.files {
        format_one(path, &args, &mut outcome);
    }
    if outcome.could_not_run {
        super::COULD_NOT_RUN
    } else if outcome.refused || outcome.unformatted {
        super::FAILED
    } else {
        super::OK
    }
}

fn format_one(path: &str, args: &Args, outcome: &mut Outcome) {
    let name = files::display_name(path);
    let bytes = match files::read(path) {
        Ok(bytes) => bytes,
        Err(message) => {
            eprintln!("planc: {message}");
            outcome.could_not_run = true;
            return;
        }
    };
    let text = match planc::source::decode(&bytes) {
        Ok(text) => text,
        Err(bad) => {
            let (lossy, diagnostic) = *bad;
            refuse(name, &lossy, &[diagnostic], args.color);
            outcome.refused = true;
            return;
        }
    };
    let formatted = match planc::format::format(text) {
        Ok(formatted) => formatted,
        Err(diagnostics) => {
            refuse(name, text, &diagnostics, args.color);
            outcome.refused = true;
            return;
        }
    };
    let changed = formatted != text;
    if args.check {
        if changed {
            println!("{name}");
            outcome.unformatted = true;
        }
    } else if path == "-" {
        let mut stdout = std::io::stdout().lock();
        if let Err(e) = stdout
            .write_all(formatted.as_bytes())
            .and_then(|()| stdout.flush())
        {
            eprintln!("planc: cannot write to standard output: {e}");
            outcome.could_not_run = true;
        }
    } else if changed {
        // An already formatted file is not touched at all.
        if let Err(message) = atomic::replace(Path::new(path), formatted.as_bytes()) {
            eprintln!("planc: {message}");
            outcome.could_not_run = true;
        }
    }
}

/// A file that cannot be formatted (it does not parse): its diagnostics, and
/// word that it was left as it was.
fn refuse(name: &str, text: &str, diagnostics: &[Diagnostic], color: Color) {
    let source = Source::new(name, text, diagnostics);
    let mut stderr = std::io::stderr().lock();
    let _ = stderr.write_all(human::render(&source, terminal::style(color)).as_bytes());
    let _ = writeln!(stderr, "planc: {name} was not formatted and is unchanged");
}
