//! `planc check FILE…`

use super::files;
use super::terminal::{self, Color};
use planc::render::{github, human, json, sarif, Source};
use planc::{Code, Diagnostic};
use std::io::Write;

#[derive(clap::Args)]
pub struct Args {
    /// The .plan files to check; each is one plan. `-` reads standard input.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<String>,
    /// How to print diagnostics: human (on stderr); json, sarif or github (on stdout)
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Treat warnings as errors: `--deny warnings`
    #[arg(long, value_name = "warnings", value_parser = ["warnings"])]
    deny: Option<String>,
    /// Silence a warning by name, in addition to the plan's own `allow` (repeatable)
    #[arg(long = "allow", value_name = "NAME")]
    allow: Vec<String>,
    /// When to colour human output
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Human,
    Json,
    Sarif,
    Github,
}

/// Turn `--allow` names into codes, refusing anything that is not a warning.
fn allowed(names: &[String]) -> Result<Vec<Code>, String> {
    use planc::analysis::{allow_name, AllowRefused};
    names
        .iter()
        .map(|name| {
            allow_name(name).map_err(|refused| match refused {
                AllowRefused::NotAWarning(_) => format!(
                    "--allow {name}: `{name}` is an error, and only warnings can be silenced"
                ),
                AllowRefused::Unknown {
                    suggestion: Some(s),
                } => {
                    format!("--allow {name}: no warning has this name; did you mean `{s}`?")
                }
                AllowRefused::Unknown { suggestion: None } => {
                    format!("--allow {name}: no warning has this name; `planc explain` lists them")
                }
            })
        })
        .collect()
}

pub fn run(args: Args) -> i32 {
    let allow = match allowed(&args.allow) {
        Ok(allow) => allow,
        Err(message) => {
            eprintln!("planc: {message}");
            return super::COULD_NOT_RUN;
        }
    };
    let mut unreadable = false;
    // Decoded texts and their diagnostics, kept alive for rendering.
    let mut checked: Vec<(String, String, Vec<Diagnostic>)> = Vec::new();
    for path in &args.files {
        let bytes = match files::read(path) {
            Ok(bytes) => bytes,
            Err(message) => {
                eprintln!("planc: {message}");
                unreadable = true;
                continue;
            }
        };
        let name = files::display_name(path).to_string();
        // The bytes become the text without a copy: a big plan is in memory once.
        match String::from_utf8(bytes) {
            Ok(text) => {
                let analysis = planc::analyze(&text, &allow);
                checked.push((name, text, analysis.diagnostics));
            }
            Err(e) => {
                if let Err(bad) = planc::source::decode(e.as_bytes()) {
                    let (lossy, diagnostic) = *bad;
                    checked.push((name, lossy, vec![diagnostic]));
                }
            }
        }
    }
    let sources: Vec<Source> = checked
        .iter()
        .map(|(name, text, ds)| Source::new(name, text, ds))
        .collect();
    let errors = sources
        .iter()
        .flat_map(|s| s.diagnostics)
        .filter(|d| d.is_error())
        .count();
    let warnings = sources
        .iter()
        .flat_map(|s| s.diagnostics)
        .filter(|d| !d.is_error())
        .count();
    match args.format {
        Format::Human => {
            let style = terminal::style(args.color);
            let mut stderr = std::io::stderr().lock();
            for source in &sources {
                let _ = stderr.write_all(human::render(source, style).as_bytes());
            }
            let _ = stderr.write_all(human::summary(errors, warnings, sources.len()).as_bytes());
        }
        Format::Json | Format::Sarif => {
            let value = match args.format {
                Format::Sarif => sarif::render(&sources),
                _ => json::render(&sources),
            };
            let mut stdout = std::io::stdout().lock();
            let _ = writeln!(
                stdout,
                "{}",
                serde_json::to_string_pretty(&value).unwrap_or_default()
            );
        }
        Format::Github => {
            let _ = std::io::stdout()
                .lock()
                .write_all(github::render(&sources).as_bytes());
        }
    }
    if unreadable {
        super::COULD_NOT_RUN
    } else if errors > 0 || (args.deny.is_some() && warnings > 0) {
        super::FAILED
    } else {
        super::OK
    }
}
