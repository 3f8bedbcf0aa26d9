//! `planc fmt FILE…`: rewrite plans in the canonical layout (docs/fmt.md).

use super::error::{CliError, ExitCode};
use super::output::{self, Stdout};
use super::terminal::Color;
use super::{atomic, files};
use std::io::Write;
use std::path::Path;

#[derive(clap::Args)]
pub(super) struct Args {
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

pub(super) fn run(args: Args) -> Result<ExitCode, CliError> {
    files::stdin_once(&args.files)?;
    let mut out = Stdout::new();
    // A file that cannot be read or written is said at once; the others
    // are still formatted. Standard output that cannot be written stops all.
    let mut worst = ExitCode::Clean;
    for path in &args.files {
        match format_one(path, &args, &mut out) {
            Ok(code) => worst = worst.max(code),
            Err(error @ CliError::Stdout(_)) => return Err(error),
            Err(error) => worst = worst.max(error.report()),
        }
    }
    out.finish()?;
    Ok(worst)
}

fn format_one(path: &str, args: &Args, out: &mut Stdout) -> Result<ExitCode, CliError> {
    let plan = files::load(path)?;
    let lang = super::lang::for_text(&plan.text);
    let unchanged = match lang {
        planc::Lang::En => format!("{} was not formatted and is unchanged", plan.name),
        planc::Lang::Zh => format!("{} 没有格式化，保持原样", plan.name),
    };
    let text = match plan.text() {
        Ok(text) => text,
        Err(encoding) => {
            let diagnostics = std::slice::from_ref(encoding);
            return Ok(plan.reject(diagnostics, args.color, unchanged));
        }
    };
    let formatted = match planc::format::format_in(text, lang) {
        Ok(formatted) => formatted,
        Err(diagnostics) => {
            return Ok(output::reject(
                &plan.name,
                text,
                &diagnostics,
                args.color,
                unchanged,
            ));
        }
    };
    let changed = formatted != text;
    if args.check {
        if changed {
            out.must_not_be(&plan.inputs())?;
            writeln!(out, "{}", plan.name).map_err(CliError::Stdout)?;
            return Ok(ExitCode::Failed);
        }
    } else if path == "-" {
        out.must_not_be(&plan.inputs())?;
        out.write_all(formatted.as_bytes())
            .map_err(CliError::Stdout)?;
    } else if changed {
        // An already formatted file is not touched at all.
        let read = plan.snapshot.as_ref().ok_or_else(|| {
            CliError::CouldNotRun(super::lang::say(
                format!("cannot write `{path}`: it is not a regular file"),
                format!("无法写入 `{path}`：它不是普通文件"),
            ))
        })?;
        atomic::replace(Path::new(path), read, formatted.as_bytes())?;
    }
    Ok(ExitCode::Clean)
}
