//! How a run ends: an [`ExitCode`] (LANGUAGE.md's 0, 1 and 2), or a
//! [`CliError`] when planc could not do what was asked.

use std::fmt;
use std::io;

/// The exit codes of LANGUAGE.md, ordered from best to worst so that a run
/// over several files ends with the worst of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ExitCode {
    /// No error (warnings allowed, unless `--deny warnings`).
    Clean = 0,
    /// Errors found: in a plan, or `fmt --check` found a file to format.
    Failed = 1,
    /// planc could not do what was asked: a file it could not read or
    /// write, bad arguments, an output it could not deliver.
    CouldNotRun = 2,
}

impl From<ExitCode> for std::process::ExitCode {
    fn from(code: ExitCode) -> Self {
        std::process::ExitCode::from(code as u8)
    }
}

/// Why planc could not run. Each is said in one line on stderr and ends
/// the run with exit code 2.
#[derive(Debug)]
pub(crate) enum CliError {
    /// Arguments the parser refused (its own message, with the usage).
    Arguments(clap::Error),
    /// A file that cannot be read or written, an argument that names
    /// nothing: the message is one line, said after `planc: `.
    CouldNotRun(String),
    /// Standard output cannot be written (a full disk, a closed terminal).
    /// A reader that went away (a closed pipe) is not an error: see
    /// `output::Stdout`.
    Stdout(io::Error),
}

impl CliError {
    /// Say the error on stderr and give the exit code it ends the run with.
    /// Writing to stderr can fail too; then there is nowhere left to say it.
    pub(crate) fn report(&self) -> ExitCode {
        match self {
            CliError::Arguments(e) => match arguments_zh(e) {
                Some(said) if super::lang::own() == planc::Lang::Zh => super::output::show(&said),
                _ => {
                    let _ = e.print();
                }
            },
            other => super::output::say(other),
        }
        self.exit_code()
    }

    pub(crate) fn exit_code(&self) -> ExitCode {
        ExitCode::CouldNotRun
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Arguments(e) => write!(f, "{}", e.render()),
            CliError::CouldNotRun(message) => f.write_str(message),
            CliError::Stdout(e) => f.write_str(&super::lang::say(
                format!("cannot write to standard output: {}", reason(e)),
                format!("无法写入标准输出：{}", reason_zh(e)),
            )),
        }
    }
}

impl From<clap::Error> for CliError {
    fn from(e: clap::Error) -> Self {
        CliError::Arguments(e)
    }
}

/// clap's error for bad arguments, in Chinese, laid out as clap lays out
/// its English one (what is wrong, a tip, the usage, where to read more).
/// Worded from the error's kind and context; `None` for the kinds that are
/// not errors (help and version) and for the bare `planc`, whose help clap
/// prints (in Chinese already: see `cli::help`).
fn arguments_zh(e: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let get = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(list)) if !list.is_empty() => Some(list.join("、")),
        Some(ContextValue::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let arg = get(ContextKind::InvalidArg).unwrap_or_default();
    let valid = get(ContextKind::ValidValue).map(|v| format!("；可以取：{v}"));
    let mut tips = Vec::new();
    let said = match e.kind() {
        ErrorKind::InvalidValue => {
            let value = get(ContextKind::InvalidValue).unwrap_or_default();
            if value.is_empty() {
                format!("`{arg}` 后面要写一个值{}", valid.unwrap_or_default())
            } else {
                format!("`{arg}` 不能取 `{value}`{}", valid.unwrap_or_default())
            }
        }
        ErrorKind::ValueValidation => {
            let value = get(ContextKind::InvalidValue).unwrap_or_default();
            match std::error::Error::source(e) {
                Some(why) => format!("`{arg}` 不能取 `{value}`：{why}"),
                None => format!("`{arg}` 不能取 `{value}`"),
            }
        }
        ErrorKind::UnknownArgument => {
            if let Some(similar) = get(ContextKind::SuggestedArg) {
                tips.push(format!("你是不是想写 `{similar}`？"));
            }
            if let Some(trailing) = get(ContextKind::TrailingArg) {
                tips.push(format!(
                    "如果 `{trailing}` 是一个值而不是选项，请写成 `-- {trailing}`"
                ));
            }
            if arg.starts_with('-') {
                format!("没有 `{arg}` 这个选项")
            } else {
                format!("多出了一个参数 `{arg}`")
            }
        }
        ErrorKind::InvalidSubcommand => {
            let name = get(ContextKind::InvalidSubcommand).unwrap_or_default();
            if let Some(similar) = get(ContextKind::SuggestedSubcommand) {
                tips.push(format!("你是不是想写 `{similar}`？"));
            }
            format!("没有 `{name}` 这个命令")
        }
        ErrorKind::MissingRequiredArgument => {
            format!("缺少必须写的参数：{arg}")
        }
        ErrorKind::MissingSubcommand => {
            let name = get(ContextKind::InvalidSubcommand).unwrap_or_default();
            format!("`{name}` 后面要写一个命令")
        }
        ErrorKind::ArgumentConflict => match get(ContextKind::PriorArg) {
            Some(prior) => format!("`{arg}` 不能和 `{prior}` 一起用"),
            None => format!("`{arg}` 不能和前面的参数一起用"),
        },
        ErrorKind::NoEquals => format!("`{arg}` 的值要用 `=` 连着写"),
        ErrorKind::TooManyValues => {
            let value = get(ContextKind::InvalidValue).unwrap_or_default();
            format!("`{arg}` 多了一个值 `{value}`")
        }
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            let expected = get(ContextKind::ExpectedNumValues)
                .or_else(|| get(ContextKind::MinValues))
                .unwrap_or_default();
            let actual = get(ContextKind::ActualNumValues).unwrap_or_default();
            format!("`{arg}` 要写 {expected} 个值，这里写了 {actual} 个")
        }
        ErrorKind::InvalidUtf8 => "参数里有不是 UTF-8 的字节".to_string(),
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => return None,
        _ => "读不懂这些参数".to_string(),
    };
    let mut out = format!("错误：{said}\n");
    for tip in tips {
        out.push_str(&format!("\n  提示：{tip}\n"));
    }
    if let Some(ContextValue::StyledStr(usage)) = e.get(ContextKind::Usage) {
        let usage = usage.to_string();
        let usage = usage.trim_start_matches("Usage:").trim();
        out.push_str(&format!("\n用法：{usage}\n"));
    }
    out.push_str("\n想了解更多，请加上 `--help` 再运行。\n");
    Some(out)
}

/// An IO error in Chinese words; the system's own words (English) for
/// the rare ones.
pub(super) fn reason_zh(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "没有这个文件或文件夹".to_string(),
        io::ErrorKind::PermissionDenied => "没有权限".to_string(),
        io::ErrorKind::StorageFull => "设备空间已满".to_string(),
        io::ErrorKind::ReadOnlyFilesystem => "文件系统是只读的".to_string(),
        io::ErrorKind::QuotaExceeded => "超出了磁盘配额".to_string(),
        io::ErrorKind::IsADirectory => "这是一个文件夹".to_string(),
        _ => reason(e),
    }
}

/// An IO error in words, without the `(os error 28)` that means nothing to a
/// person.
pub(super) fn reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        io::ErrorKind::StorageFull => "no space left on the device".to_string(),
        io::ErrorKind::ReadOnlyFilesystem => "the file system is read-only".to_string(),
        io::ErrorKind::QuotaExceeded => "the disk quota is exceeded".to_string(),
        io::ErrorKind::IsADirectory => "it is a directory".to_string(),
        _ => {
            let text = e.to_string();
            let text = match text.find(" (os error ") {
                Some(at) => &text[..at],
                None => &text,
            };
            let mut chars = text.chars();
            match chars.next() {
                Some(first) => first.to_lowercase().chain(chars).collect(),
                None => "an unknown error".to_string(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_read_as_words() {
        assert_eq!(
            reason(&io::Error::from_raw_os_error(28)),
            "no space left on the device"
        );
        assert_eq!(
            reason(&io::Error::from_raw_os_error(6)),
            "no such device or address"
        );
        assert_eq!(reason(&io::Error::other("Odd")), "odd");
    }

    #[test]
    fn the_worst_code_wins() {
        assert_eq!(
            ExitCode::Clean
                .max(ExitCode::CouldNotRun)
                .max(ExitCode::Failed),
            ExitCode::CouldNotRun
        );
    }
}
