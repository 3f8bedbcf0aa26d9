//! `planc build FILE [-o OUT]`

use super::atomic;
use super::error::{CliError, ExitCode};
use super::files;
use super::output;
use super::terminal::Color;
use std::path::PathBuf;

#[derive(clap::Args)]
pub(super) struct Args {
    /// The .plan file; `-` reads standard input
    #[arg(value_name = "FILE")]
    file: String,
    /// Write the JSON here (atomically) instead of to standard output
    #[arg(short, long, value_name = "OUT")]
    output: Option<PathBuf>,
}

pub(super) fn run(args: Args) -> Result<ExitCode, CliError> {
    let plan = files::load_plan(&args.file)?;
    let not_built = match super::lang::for_text(plan.map.text()) {
        planc::Lang::En => "nothing built; fix the errors first",
        planc::Lang::Zh => "没有生成 JSON；请先改正错误",
    };
    let analysis = match plan.analyze(&[]) {
        Err(encoding) => {
            let diagnostics = std::slice::from_ref(encoding);
            return Ok(plan.reject(diagnostics, Color::Auto, not_built));
        }
        // A plan with errors would be data that lies: report them instead.
        Ok(analysis) if analysis.has_errors() => {
            let diagnostics = &analysis.diagnostics;
            return Ok(plan.reject(diagnostics, Color::Auto, not_built));
        }
        Ok(analysis) => analysis,
    };
    let value = planc::export::export_sources(&plan.map, &analysis);
    // Streamed into the temporary file (or standard output): the JSON of a
    // large plan is ten times its size, and is never held whole.
    output::emit_with(args.output.as_deref(), &Json(&value), &plan.inputs())?;
    Ok(ExitCode::Clean)
}

/// The build's JSON, pretty-printed, with a final newline.
struct Json<'a, T>(&'a T);

impl<T: serde::Serialize> atomic::Contents for Json<'_, T> {
    fn write_to(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, self.0)?;
        out.write_all(b"\n")
    }
}
