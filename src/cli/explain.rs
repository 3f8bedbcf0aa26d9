//! `planc explain NAME`

use super::error::{CliError, ExitCode};
use super::lang;
use super::output;
use planc::{Code, Lang};
use std::fmt::Write as _;

#[derive(clap::Args)]
pub(super) struct Args {
    /// A diagnostic's name, like `goal-without-path`; without it, the list of all
    #[arg(value_name = "NAME")]
    name: Option<String>,
}

pub(super) fn run(args: Args) -> Result<ExitCode, CliError> {
    let page = match args.name {
        None => list(),
        // The Chinese page when the run speaks Chinese, else (or when a
        // page has no Chinese yet) the English one.
        Some(name) => match lang::own()
            .pick(None, planc::docs::page_zh(&name))
            .or_else(|| planc::docs::page(&name))
        {
            Some(page) if Code::from_name(&name).is_some() => page.to_string(),
            _ => {
                let names = Code::ALL.iter().map(|c| c.name());
                return Err(CliError::CouldNotRun(
                    match planc::suggest::closest(&name, names) {
                        Some(s) => lang::say(
                            format!("no diagnostic is named `{name}`; did you mean `{s}`?"),
                            format!("没有叫 `{name}` 的诊断；你是不是想写 `{s}`？"),
                        ),
                        None => lang::say(
                            format!(
                                "no diagnostic is named `{name}`; run `planc explain` for the list"
                            ),
                            format!("没有叫 `{name}` 的诊断；运行 `planc explain` 查看全部"),
                        ),
                    },
                ));
            }
        },
    };
    output::print(page.as_bytes(), &[])?;
    Ok(ExitCode::Clean)
}

/// Every diagnostic, one a line.
fn list() -> String {
    let l = lang::own();
    let mut list = String::from(l.pick(
        "Every diagnostic planc reports; `planc explain NAME` tells more.\n\n",
        "planc 报告的全部诊断；`planc explain 名称` 查看详细说明。\n\n",
    ));
    for code in Code::ALL {
        let severity = match (l, code.severity()) {
            (Lang::En, s) => s.as_str(),
            (Lang::Zh, planc::Severity::Error) => "错误",
            (Lang::Zh, planc::Severity::Warning) => "警告",
        };
        // Writing to a String cannot fail.
        let _ = writeln!(
            list,
            "  {:<30} {:<8} {}",
            code.name(),
            severity,
            planc::lang::summary(*code, l)
        );
    }
    list
}
