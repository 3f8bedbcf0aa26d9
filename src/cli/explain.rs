//! `planc explain NAME`

use super::error::{CliError, ExitCode};
use super::output;
use planc::Code;
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
        Some(name) => match planc::docs::page(&name) {
            Some(page) if Code::from_name(&name).is_some() => page.to_string(),
            _ => {
                let names = Code::ALL.iter().map(|c| c.name());
                return Err(CliError::CouldNotRun(
                    match planc::suggest::closest(&name, names) {
                        Some(s) => {
                            format!("no diagnostic is named `{name}`; did you mean `{s}`?")
                        }
                        None => format!(
                            "no diagnostic is named `{name}`; run `planc explain` for the list"
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
    let mut list =
        String::from("Every diagnostic planc reports; `planc explain NAME` tells more.\n\n");
    for code in Code::ALL {
        // Writing to a String cannot fail.
        let _ = writeln!(
            list,
            "  {:<30} {:<8} {}",
            code.name(),
            code.severity().as_str(),
            code.summary()
        );
    }
    list
}
