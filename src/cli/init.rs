//! `planc init [DIR]`: a starter plan of several files that walks a
//! newcomer through the five steps in its comments: the company file
//! (`strategy.plan`, which includes `checkins/*.plan`) and the first
//! check-in (`checkins/2027-03-15.plan`, the first review of its first
//! battle), clean under `planc check`, in the run's language (`--lang`,
//! else the environment).
//!
//! It never writes over a file: if any file it would write exists (or a
//! name on the way is not a folder), nothing is touched and the run ends
//! with 2. Each file is written through a temporary file and renamed into
//! place without replacing anything (`atomic::create_new`), so a file that
//! appears meanwhile is not overwritten either; if the second write fails,
//! the first file is taken back.

use super::error::{reason, reason_zh, CliError, ExitCode};
use super::lang;
use super::{atomic, output};
use planc::Lang;
use std::path::{Path, PathBuf};

/// The starters, checked clean in tests/zh.rs.
pub(crate) const STARTER_EN: &str = include_str!("init/starter.en.plan");
pub(crate) const STARTER_ZH: &str = include_str!("init/starter.zh.plan");
pub(crate) const CHECKIN_EN: &str = include_str!("init/checkin.en.plan");
pub(crate) const CHECKIN_ZH: &str = include_str!("init/checkin.zh.plan");

/// The company file `init` writes in its folder.
const FILE: &str = "strategy.plan";
/// The folder of check-ins, as the company file includes it.
const CHECKINS: &str = "checkins";
/// The first check-in's file: the date of the first review of the
/// starter's first battle (it starts 2027-03-01, reviewed every 2 weeks).
const FIRST_CHECKIN: &str = "2027-03-15.plan";

#[derive(clap::Args)]
pub(super) struct Args {
    /// The folder to write the starter plan in (created if missing); default: the current folder
    #[arg(value_name = "DIR")]
    dir: Option<PathBuf>,
}

/// A one-line refusal in the run's language.
fn refuse(en: String, zh: String) -> CliError {
    CliError::CouldNotRun(lang::say(en, zh))
}

/// Refused when `path` exists (a dangling link counts: `symlink_metadata`
/// does not follow it).
fn must_be_new(path: &Path) -> Result<(), CliError> {
    if std::fs::symlink_metadata(path).is_ok() {
        let shown = path.display();
        return Err(refuse(
            format!("`{shown}` already exists; planc init never writes over a file, and wrote nothing. Choose another folder: `planc init NEW_FOLDER`"),
            format!("`{shown}` 已经存在；planc init 不会覆盖已有文件，什么都没有写。请换一个文件夹：`planc init 新文件夹`"),
        ));
    }
    Ok(())
}

/// Refused when `dir` exists and is not a folder.
fn folder_or_nothing(dir: &Path) -> Result<(), CliError> {
    match std::fs::metadata(dir) {
        Ok(meta) if !meta.is_dir() => Err(refuse(
            format!(
                "cannot write into `{}`: it is not a folder; planc init wrote nothing",
                dir.display()
            ),
            format!(
                "无法写入 `{}`：它不是文件夹；planc init 什么都没有写",
                dir.display()
            ),
        )),
        _ => Ok(()),
    }
}

fn create_folder(dir: &Path) -> Result<(), CliError> {
    std::fs::create_dir_all(dir).map_err(|e| {
        refuse(
            format!(
                "cannot create the folder `{}`: {}",
                dir.display(),
                reason(&e)
            ),
            format!("无法创建文件夹 `{}`：{}", dir.display(), reason_zh(&e)),
        )
    })
}

fn create(path: &Path, contents: &str) -> Result<(), CliError> {
    atomic::create_new(path, contents.as_bytes()).map_err(|e| {
        let shown = path.display();
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            refuse(
                format!("`{shown}` was created by someone else while planc was writing it; planc init did not write over it"),
                format!("`{shown}` 在 planc 写入时被别人创建了；planc init 没有覆盖它"),
            )
        } else {
            refuse(
                format!("cannot write `{shown}`: {}", reason(&e)),
                format!("无法写入 `{shown}`：{}", reason_zh(&e)),
            )
        }
    })
}

pub(super) fn run(args: Args) -> Result<ExitCode, CliError> {
    let lang = lang::own();
    let dir = args.dir.unwrap_or_else(|| PathBuf::from("."));
    let plan = dir.join(FILE);
    let checkins = dir.join(CHECKINS);
    let checkin = checkins.join(FIRST_CHECKIN);
    // Everything looked at before anything is created: a refusal touches
    // nothing.
    folder_or_nothing(&dir)?;
    must_be_new(&plan)?;
    folder_or_nothing(&checkins)?;
    must_be_new(&checkin)?;
    let (starter, first) = match lang {
        Lang::En => (STARTER_EN, CHECKIN_EN),
        Lang::Zh => (STARTER_ZH, CHECKIN_ZH),
    };
    let made = std::fs::symlink_metadata(&checkins).is_err();
    create_folder(&checkins)?;
    create(&checkin, first)?;
    if let Err(e) = create(&plan, starter) {
        // All or nothing: the check-in goes with its plan.
        let _ = std::fs::remove_file(&checkin);
        if made {
            let _ = std::fs::remove_dir(&checkins);
        }
        return Err(e);
    }
    let shown = plan.display();
    let first = checkin.display();
    output::say(lang::say(
        format!("wrote {shown}, a starter plan in five steps, and {first}, its first check-in. Replace the examples with your own, then run `planc check {shown}`"),
        format!("已生成 {shown}（一份分五步写的入门计划）和 {first}（第一条复盘记录）。把其中的示例换成你们自己的内容，然后运行 `planc check {shown}`"),
    ));
    Ok(ExitCode::Clean)
}
