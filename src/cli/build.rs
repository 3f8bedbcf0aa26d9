//! `planc build FILE [-o OUT]`

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
    let plan = files::load(&args.file)?;
    let not_built = match super::lang::for_text(&plan.text) {
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
    let value = planc::export::export(&plan.name, &plan.text, &analysis);
    let mut json = serde_json::to_vec_pretty(&value)
        .map_err(|e| CliError::CouldNotRun(format!("cannot write the JSON: {e}")))?;
    json.push(b'\n');
    output::emit(args.output.as_deref(), &json, &plan.inputs())?;
    Ok(ExitCode::Clean)
}
