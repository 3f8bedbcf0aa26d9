//! `planc build FILE [-o OUT]`

use super::terminal::{self, Color};
use super::{atomic, files};
use planc::render::{human, Source};
use std::io::Write as _;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// The .plan file; `-` reads standard input
    #[arg(value_name = "FILE")]
    file: String,
    /// Write the JSON here (atomically) instead of to standard output
    #[arg(short, long, value_name = "OUT")]
    output: Option<PathBuf>,
}

pub fn run(args: Args) -> i32 {
    let bytes = match files::read(&args.file) {
        Ok(bytes) => bytes,
        Err(message) => {
            eprintln!("planc: {message}");
            return super::COULD_NOT_RUN;
        }
    };
    let name = files::display_name(&args.file);
    let (text, analysis) = match planc::source::decode(&bytes) {
        Ok(text) => (text.to_string(), planc::analyze(text, &[])),
        Err(bad) => {
            let (lossy, diagnostic) = *bad;
            let source = Source::new(name, &lossy, std::slice::from_ref(&diagnostic));
            eprint!("{}", human::render(&source, terminal::style(Color::Auto)));
            return super::FAILED;
        }
    };
    // A plan with errors would be data that lies: report them instead.
    if analysis.has_errors() {
        let source = Source::new(name, &text, &analysis.diagnostics);
        let errors = analysis.diagnostics.iter().filter(|d| d.is_error()).count();
        eprint!("{}", human::render(&source, terminal::style(Color::Auto)));
        eprint!(
            "{}",
            human::summary(errors, analysis.diagnostics.len() - errors, 1)
        );
        eprintln!("planc: nothing built; fix the errors first");
        return super::FAILED;
    }
    let value = planc::export::export(name, &text, &analysis);
    let mut json = serde_json::to_string_pretty(&value).unwrap_or_default();
    json.push('\n');
    match args.output {
        Some(path) => {
            if let Err(message) = atomic::write(&path, json.as_bytes()) {
                eprintln!("planc: {message}");
                return super::COULD_NOT_RUN;
            }
        }
        None => {
            let _ = std::io::stdout().lock().write_all(json.as_bytes());
        }
    }
    super::OK
}
