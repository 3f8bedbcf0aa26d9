//! `planc check FILE…`

use super::error::{CliError, ExitCode};
use super::files::{self, FileId};
use super::lang;
use super::output::{self, Stdout};
use super::terminal::{self, Color};
use planc::render::{github, human, json, markdown, sarif, Source};
use planc::Code;
use std::io::Write;

#[derive(clap::Args)]
pub(super) struct Args {
    /// The plans to check: a root file, any file of a plan (its root is
    /// found), or a directory (every plan under it). `-` reads standard input.
    #[arg(required = true, value_name = "PLAN")]
    files: Vec<String>,
    /// How to print diagnostics: human (on stderr); json, sarif, github or
    /// markdown (a summary for a CI job's page) on stdout
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Treat warnings as errors: `--deny warnings`
    #[arg(long, value_name = "warnings", value_parser = ["warnings"])]
    deny: Option<String>,
    /// Silence a warning by name, in addition to the plan's own `allow` (repeatable)
    #[arg(long = "allow", value_name = "NAME")]
    allow: Vec<String>,
    /// When to colour human output
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Human,
    Json,
    Sarif,
    Github,
    Markdown,
}

/// Turn `--allow` names into codes, refusing anything that is not a warning.
fn allowed(names: &[String]) -> Result<Vec<Code>, String> {
    use planc::analysis::{allow_name, AllowRefused};
    names
        .iter()
        .map(|name| {
            allow_name(name).map_err(|refused| match refused {
                AllowRefused::NotAWarning(_) => lang::say(
                    format!(
                        "--allow {name}: `{name}` is an error, and only warnings can be silenced"
                    ),
                    format!("--allow {name}：`{name}` 是错误，只有警告才能忽略"),
                ),
                AllowRefused::Unknown {
                    suggestion: Some(s),
                } => lang::say(
                    format!("--allow {name}: no warning has this name; did you mean `{s}`?"),
                    format!("--allow {name}：没有叫这个名字的警告；你是不是想写 `{s}`？"),
                ),
                AllowRefused::Unknown { suggestion: None } => lang::say(
                    format!("--allow {name}: no warning has this name; `planc explain` lists them"),
                    format!("--allow {name}：没有叫这个名字的警告；`planc explain` 会列出所有警告"),
                ),
            })
        })
        .collect()
}

/// A plan checked: its files, its diagnostics, and the language they speak.
type Checked = (files::Whole, Vec<planc::Diagnostic>, planc::Lang);

pub(super) fn run(args: Args) -> Result<ExitCode, CliError> {
    let allow = allowed(&args.allow).map_err(CliError::CouldNotRun)?;
    files::stdin_once(&args.files)?;
    // A file that cannot be read is said at once; the others are still checked.
    let mut worst = ExitCode::Clean;
    let mut checked: Vec<Checked> = Vec::new();
    for path in &args.files {
        if path != "-" && std::path::Path::new(path).is_dir() {
            directory(path, &allow, &mut checked, &mut worst);
            continue;
        }
        let plan = match files::load_plan(path) {
            Ok(plan) => plan,
            Err(error) => {
                worst = worst.max(error.report());
                continue;
            }
        };
        let (diagnostics, lang) = match plan.analyze(&allow) {
            Ok(analysis) => (analysis.diagnostics, analysis.lang),
            Err(encoding) => (vec![encoding.clone()], lang::for_text(plan.map.text())),
        };
        checked.push((plan, diagnostics, lang));
    }
    let sources: Vec<Source> = checked
        .iter()
        .map(|(plan, ds, lang)| Source::plan(&plan.map, ds).with_lang(*lang))
        .collect();
    // The closing line speaks as the plans do (all of them, else the run).
    let lang = match sources.first() {
        Some(first) if sources.iter().all(|s| s.lang == first.lang) => first.lang,
        _ => lang::own(),
    };
    let inputs: Vec<FileId> = checked
        .iter()
        .flat_map(|(plan, _, _)| plan.inputs())
        .collect();
    let errors = sources
        .iter()
        .flat_map(|s| s.diagnostics)
        .filter(|d| d.is_error())
        .count();
    let warnings = sources
        .iter()
        .flat_map(|s| s.diagnostics)
        .filter(|d| !d.is_error())
        .count();
    match args.format {
        Format::Human => {
            let style = terminal::style(args.color);
            for source in &sources {
                output::show(&human::render(source, style));
            }
            let files = sources.iter().map(Source::file_count).sum();
            output::show(&human::summary_in(lang, errors, warnings, files));
        }
        Format::Json | Format::Sarif | Format::Github | Format::Markdown => {
            // Streamed into standard output: a plan with 300 000 warnings
            // never holds its SARIF whole.
            let mut out = Stdout::new();
            out.must_not_be(&inputs)?;
            match args.format {
                Format::Sarif => sarif::render_to(&mut out, &sources),
                Format::Github => github::render_to(&mut out, &sources),
                Format::Markdown => {
                    out.write_all(markdown::render(&sources, "planc check").as_bytes())
                }
                _ => json::render_to(&mut out, &sources),
            }
            .map_err(CliError::Stdout)?;
            out.finish()?;
        }
    }
    let verdict = if errors > 0 || (args.deny.is_some() && warnings > 0) {
        ExitCode::Failed
    } else {
        ExitCode::Clean
    };
    Ok(worst.max(verdict))
}

/// `planc check DIR`: every root under the directory with its includes; a
/// file no root under it includes is checked through the root above it
/// that does, and else warned about (`file-not-included`).
fn directory(dir: &str, allow: &[Code], checked: &mut Vec<Checked>, worst: &mut ExitCode) {
    use planc::sources::{disk, has_plan, SourceMap};
    use std::path::PathBuf;
    let all = disk::plan_files(std::path::Path::new(dir));
    let mut roots: Vec<String> = Vec::new();
    let mut parts: Vec<(PathBuf, Option<String>)> = Vec::new();
    for path in all {
        let text = disk::read_text(&path).ok();
        let name = path.to_string_lossy().into_owned();
        if text.as_deref().is_some_and(has_plan) {
            roots.push(name);
        } else {
            parts.push((path, text));
        }
    }
    let mut included: Vec<PathBuf> = Vec::new();
    let mut check = |name: &str, checked: &mut Vec<_>, included: &mut Vec<PathBuf>| {
        match files::load_plan(name) {
            Ok(plan) => {
                included.extend(plan.included.iter().cloned());
                let (diagnostics, lang) = match plan.analyze(allow) {
                    Ok(analysis) => (analysis.diagnostics, analysis.lang),
                    Err(encoding) => (vec![encoding.clone()], lang::for_text(plan.map.text())),
                };
                checked.push((plan, diagnostics, lang));
            }
            Err(error) => *worst = (*worst).max(error.report()),
        }
    };
    let first = checked.len();
    for root in &roots {
        check(root, checked, &mut included);
    }
    // A stray file speaks as the plans under the folder do, when they all
    // speak one language (`--lang`, else their `lang`, else the
    // environment); else as its own text picks.
    let langs: Vec<planc::Lang> = checked[first..].iter().map(|(_, _, l)| *l).collect();
    let roots_lang = langs
        .first()
        .copied()
        .filter(|one| langs.iter().all(|l| l == one));
    let root_count = roots.len();
    let canonical = |p: &std::path::Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    // Every root checked, so that none is checked twice: a file its
    // include matched but that could not be read is not among `included`,
    // and finds that root again.
    let mut done: Vec<PathBuf> = roots
        .iter()
        .map(|r| canonical(std::path::Path::new(r)))
        .collect();
    for (path, text) in parts {
        if included.contains(&canonical(&path)) {
            continue;
        }
        // Included by a root (above the directory, or one whose include
        // matched it but could not read it): check that plan, once.
        if let Some(root) = disk::find_root(&path) {
            if !done.contains(&canonical(&root)) {
                done.push(canonical(&root));
                check(&files::relative_to_here(&root), checked, &mut included);
            }
            continue;
        }
        let name = path.to_string_lossy().into_owned();
        // A file that cannot be read, and that no root includes, is
        // checked as given: its encoding diagnostic, or why it cannot be read.
        let Some(text) = text else {
            check(&name, checked, &mut included);
            continue;
        };
        let lang = roots_lang.unwrap_or_else(|| lang::for_text(&text));
        let map = SourceMap::one(name.clone(), text);
        let warning = vec![
            planc::sources::Finding::NotIncluded { roots: root_count }.into_diagnostic_in(lang)
        ];
        checked.push((files::Whole::alone(map), warning, lang));
    }
}
