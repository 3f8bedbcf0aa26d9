//! `planc report PLAN [--today DATE] [-o OUT]`: one self-contained HTML file
//! for people who do not read `.plan` files. The page is made by the library
//! (`planc::report`); this reads the plan and delivers the page.

use super::error::{CliError, ExitCode};
use super::files;
use super::output;
use super::terminal::Color;
use planc::date::Date;
use std::path::PathBuf;

#[derive(clap::Args)]
pub(super) struct Args {
    /// The .plan file to report on; `-` reads standard input
    #[arg(value_name = "PLAN")]
    file: String,
    /// The day the report is taken for (YYYY-MM-DD); marked on the timeline
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    today: Option<Date>,
    /// Write to this file (replaced atomically) instead of standard output
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    output: Option<PathBuf>,
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text).ok_or_else(|| {
        super::lang::say(
            format!("`{text}` is not a real date like 2026-04-01"),
            format!("`{text}` 不是一个真实的日期（例如 2026-04-01）"),
        )
    })
}

pub(super) fn run(args: Args) -> Result<ExitCode, CliError> {
    let plan = files::load_plan(&args.file)?;
    let analysis = match plan.analyze(&[]) {
        Ok(analysis) => analysis,
        Err(encoding) => {
            let diagnostics = std::slice::from_ref(encoding);
            let closing = match super::lang::for_text(plan.map.text()) {
                planc::Lang::En => {
                    format!("{}: no report was written; fix the errors first", plan.name)
                }
                planc::Lang::Zh => format!("{}：没有生成报告；请先改正错误", plan.name),
            };
            return Ok(plan.reject(diagnostics, Color::Auto, closing));
        }
    };
    let page = planc::report::report_sources(&plan.map, &analysis, args.today);
    output::emit(args.output.as_deref(), page.as_bytes(), &plan.inputs())?;
    let errors = analysis.diagnostics.iter().filter(|d| d.is_error()).count();
    if errors > 0 {
        match analysis.lang {
            planc::Lang::En => output::say(format_args!(
                "{} has {errors} error{}, listed in the report; `planc check {}` explains them",
                plan.name,
                if errors == 1 { "" } else { "s" },
                args.file
            )),
            planc::Lang::Zh => output::say(format_args!(
                "{} 有 {errors} 个错误，已列在报告里；`planc check {}` 会逐条说明",
                plan.name, args.file
            )),
        }
    }
    Ok(ExitCode::Clean)
}
