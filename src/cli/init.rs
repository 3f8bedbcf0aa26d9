//! `planc init [DIR]`: a starter plan that walks a newcomer through the
//! five steps in its comments, clean under `planc check`, in the run's
//! language (`--lang`, else the environment). It never writes over a file:
//! if the starter's file exists, nothing is touched and the run ends with 2.

use super::error::{CliError, ExitCode};
use super::lang;
use super::{atomic, output};
use planc::Lang;
use std::path::PathBuf;

/// The starters, checked clean in tests/zh.rs.
pub(crate) const STARTER_EN: &str = include_str!("init/starter.en.plan");
pub(crate) const STARTER_ZH: &str = include_str!("init/starter.zh.plan");

/// The file `init` writes in its folder.
const FILE: &str = "strategy.plan";

#[derive(clap::Args)]
pub(super) struct Args {
    /// The folder to write the starter plan in (created if missing); default: the current folder
    #[arg(value_name = "DIR")]
    dir: Option<PathBuf>,
}

pub(super) fn run(args: Args) -> Result<ExitCode, CliError> {
    let lang = lang::own();
    let dir = args.dir.unwrap_or_else(|| PathBuf::from("."));
    let path = dir.join(FILE);
    let shown = path.display().to_string();
    // Looked at before anything is created: a refusal touches nothing.
    // `symlink_metadata`: a dangling link is a file too, and is not followed.
    if std::fs::symlink_metadata(&path).is_ok() {
        return Err(CliError::CouldNotRun(lang::say(
            format!("`{shown}` already exists; planc init never writes over a file. Choose another folder: `planc init NEW_FOLDER`"),
            format!("`{shown}` 已经存在；planc init 不会覆盖已有文件。请换一个文件夹：`planc init 新文件夹`"),
        )));
    }
    if let Ok(meta) = std::fs::metadata(&dir) {
        if !meta.is_dir() {
            return Err(CliError::CouldNotRun(lang::say(
                format!("cannot write into `{}`: it is not a folder", dir.display()),
                format!("无法写入 `{}`：它不是文件夹", dir.display()),
            )));
        }
    } else {
        std::fs::create_dir_all(&dir).map_err(|e| {
            CliError::CouldNotRun(lang::say(
                format!(
                    "cannot create the folder `{}`: {}",
                    dir.display(),
                    super::error::reason(&e)
                ),
                format!(
                    "无法创建文件夹 `{}`：{}",
                    dir.display(),
                    super::error::reason(&e)
                ),
            ))
        })?;
    }
    let starter = match lang {
        Lang::En => STARTER_EN,
        Lang::Zh => STARTER_ZH,
    };
    atomic::write(&path, starter.as_bytes(), &[])?;
    output::say(lang::say(
        format!("wrote {shown}: a starter plan in five steps. Replace the examples with your own, then run `planc check {shown}`"),
        format!("已生成 {shown}：一份分五步写的入门计划。把其中的示例换成你们自己的内容，然后运行 `planc check {shown}`"),
    ));
    Ok(ExitCode::Clean)
}
