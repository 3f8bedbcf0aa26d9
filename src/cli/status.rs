//! `planc status PLAN [--today DATE] [--format human|json|markdown]
//! [--fail-on at_risk|off_track] [--all]`: the plan as of a day. The
//! library computes and words everything (`planc::status`); this reads the
//! plan, picks the day (`--today`, else the local date) and delivers.

use super::error::{CliError, ExitCode};
use super::files;
use super::lang;
use super::output::{self, Stdout};
use super::terminal::{self, Color};
use planc::date::Date;
use planc::render::{human, Source};
use planc::schedule::GoalState;
use std::io::{IsTerminal, Write};

#[derive(clap::Args)]
pub(super) struct Args {
    /// The .plan file; `-` reads standard input
    #[arg(value_name = "PLAN")]
    file: String,
    /// The day to take the status for (YYYY-MM-DD); default: today, local time
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    today: Option<Date>,
    /// human (a table on stdout, findings on stderr), json or markdown (a weekly report)
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Exit 1 when some goal is in this state or a worse one
    #[arg(long = "fail-on", value_enum, value_name = "STATE")]
    fail_on: Option<FailOn>,
    /// Show every battle and tactic, not only the running and the late
    #[arg(long)]
    all: bool,
    /// When to colour human output
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Human,
    Json,
    Markdown,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum FailOn {
    #[value(name = "at_risk")]
    AtRisk,
    #[value(name = "off_track")]
    OffTrack,
}

/// Strictly `YYYY-MM-DD`, a real day.
fn parse_date(text: &str) -> Result<Date, String> {
    let shaped = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    match Date::parse(text) {
        Some(d) if shaped => Ok(d),
        _ => Err(lang::say(
            format!("`{text}` is not a real date written like 2026-04-01"),
            format!("`{text}` 不是一个真实的日期，日期要写成 2026-04-01 这样"),
        )),
    }
}

/// Today in the local time zone.
fn local_today() -> Result<Date, CliError> {
    let now = jiff::ZonedDateTime::now();
    let text = now.date().to_string();
    Date::parse(&text).ok_or_else(|| {
        CliError::CouldNotRun(lang::say(
            format!("today's date ({text}) is outside what planc reads; give one with --today"),
            format!("今天的日期（{text}）超出了 planc 能读的范围；请用 --today 指定一天"),
        ))
    })
}

pub(super) fn run(args: Args) -> Result<ExitCode, CliError> {
    let today = match args.today {
        Some(d) => d,
        None => local_today()?,
    };
    let plan = files::load_plan(&args.file)?;
    let analysis = match plan.analyze(&[]) {
        Ok(analysis) => analysis,
        Err(encoding) => {
            let diagnostics = std::slice::from_ref(encoding);
            let closing = lang::say(
                "no status; fix the errors first",
                "没有给出状态；请先改正错误",
            );
            return Ok(plan.reject(diagnostics, args.color, closing));
        }
    };
    let model = &analysis.model;
    let lang = analysis.lang;
    let status = planc::status::status(model, today);
    let mut diagnostics = analysis.diagnostics.clone();
    diagnostics.extend(planc::status::diagnostics_in(model, &status, &[], lang));
    planc::diagnostic::sort(&mut diagnostics);
    match args.format {
        Format::Human => {
            let color = match args.color {
                Color::Always => true,
                Color::Never => false,
                Color::Auto => {
                    std::io::stdout().is_terminal()
                        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                }
            };
            let table = planc::status::human::render(
                model,
                &status,
                planc::status::human::Options {
                    color,
                    all: args.all,
                    lang,
                },
            );
            let mut out = Stdout::new();
            out.write_all(table.as_bytes()).map_err(CliError::Stdout)?;
            out.finish()?;
            let source = Source::plan(&plan.map, &diagnostics).with_lang(lang);
            let style = terminal::style(args.color);
            output::show(&human::render(&source, style));
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            if !diagnostics.is_empty() {
                output::show(&human::summary_in(
                    lang,
                    errors,
                    diagnostics.len() - errors,
                    1,
                ));
            }
        }
        Format::Json | Format::Markdown => {
            let mut out = Stdout::new();
            out.must_not_be(&plan.inputs())?;
            let text = if matches!(args.format, Format::Json) {
                let value = planc::status::json::render(&plan.map, model, &status, &diagnostics);
                let mut text = serde_json::to_string_pretty(&value)
                    .map_err(|e| CliError::CouldNotRun(format!("cannot write the JSON: {e}")))?;
                text.push('\n');
                text
            } else {
                planc::status::markdown::render(
                    &plan.map,
                    model,
                    &status,
                    &diagnostics,
                    args.all,
                    lang,
                )
            };
            out.write_all(text.as_bytes()).map_err(CliError::Stdout)?;
            out.finish()?;
        }
    }
    let errors = diagnostics.iter().any(|d| d.is_error());
    let worst = status
        .goals
        .iter()
        .map(|g| planc::status::severity_rank(g.state))
        .max();
    let failing = args.fail_on.is_some_and(|f| {
        let bar = planc::status::severity_rank(match f {
            FailOn::AtRisk => GoalState::AtRisk,
            FailOn::OffTrack => GoalState::OffTrack,
        });
        worst.is_some_and(|w| w >= bar)
    });
    Ok(if errors || failing {
        ExitCode::Failed
    } else {
        ExitCode::Clean
    })
}
