//! Reading a plan of several files from disk: the one place in the library,
//! besides the language server's transport, that touches the file system.
//! The command line and the language server both read plans through it, so
//! both find the same files, refuse the same ones and say the same words.
//!
//! - [`read_includes`]: a root's `include` patterns matched (with `globset`:
//!   `*` within one path segment, `**` across any number; names starting
//!   with `.` never matched), every file canonicalised and required to lie
//!   inside the root's directory, read in path order, each once. What cannot
//!   be read is a diagnostic at the `include` that named it, never an error
//!   of the run.
//! - [`find_root`]: the root whose includes match a file without a `plan`
//!   item, looked for in the file's directory and its parents, stopping at a
//!   directory holding `.git` or at the file system's root.
//! - [`plan_files`]: every `.plan` file under a directory, for `planc check DIR`.

use super::{Away, Finding, Missing, ReadFault, SourceMap, Spanned};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

/// A whole plan's files together, at most: four of the largest files, and
/// far below the 4 GiB its places (`Span`, two `u32`s) can point into.
pub const MAX_PLAN_BYTES: u64 = 4 * MAX_BYTES;

/// Whether a file of `adding` bytes still fits a plan whose files so far
/// hold `so_far` bytes (with the newline set between two files).
fn fits(so_far: usize, adding: usize, limit: u64) -> bool {
    (so_far as u64)
        .saturating_add(adding as u64)
        .saturating_add(1)
        <= limit
}

/// Larger than any plan anyone writes (the command line's limit too).
pub const MAX_BYTES: u64 = 256 * 1024 * 1024;

/// A plan read from disk: its files (root first) and what went wrong
/// reading the included ones.
pub struct OnDisk {
    pub map: SourceMap,
    /// What went wrong with the includes, at the `include` strings of the
    /// root; worded once the plan's language is known.
    pub found: Vec<Finding>,
    /// Each included file's canonical path, in the map's order after the root.
    pub paths: Vec<PathBuf>,
}

/// One file an include matched, before it is read.
struct Match {
    /// Which pattern matched first.
    pattern: usize,
    /// As found: the root's directory joined with the path below it.
    path: PathBuf,
    /// Relative to the root's directory, `/`-separated: the sort key and the name.
    relative: String,
}

/// The root's directory, canonical (for the inside check), and as given
/// (for names shown).
fn root_dirs(root: &Path) -> (PathBuf, PathBuf) {
    let given = root.parent().map(Path::to_path_buf).unwrap_or_default();
    let walk_from = if given.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        given.clone()
    };
    let canonical = walk_from.canonicalize().unwrap_or(walk_from);
    (canonical, given)
}

/// Whether a pattern has `*` (may match nothing) or is a path.
fn has_star(pattern: &str) -> bool {
    pattern.contains('*')
}

/// The glob for a pattern: only `*` and `**` are special; every other
/// character (`?`, `[`, `{`, `\`) is itself.
fn glob(pattern: &str) -> Option<globset::GlobMatcher> {
    let escaped: Vec<String> = pattern.split('*').map(globset::escape).collect();
    globset::GlobBuilder::new(&escaped.join("*"))
        .literal_separator(true)
        .build()
        .ok()
        .map(|g| g.compile_matcher())
}

/// Whether a pattern leaves the root's directory by its words: an absolute
/// path, or more `..` than segments before them (`sub/../../x.plan`).
/// Symbolic links are caught later, on the canonical path.
fn escapes(pattern: &str) -> bool {
    let mut depth: usize = 0;
    for c in Path::new(pattern).components() {
        match c {
            Component::RootDir | Component::Prefix(_) => return true,
            Component::ParentDir => match depth.checked_sub(1) {
                Some(d) => depth = d,
                None => return true,
            },
            Component::Normal(_) => depth += 1,
            Component::CurDir => {}
        }
    }
    false
}

/// Every file the patterns match, by relative path (path order, each once),
/// and the diagnostics of patterns that name nothing or leave the folder.
fn matches(
    dir: &Path,
    patterns: &[Spanned<String>],
    found: &mut Vec<Finding>,
) -> BTreeMap<String, Match> {
    let mut out: BTreeMap<String, Match> = BTreeMap::new();
    for (i, pattern) in patterns.iter().enumerate() {
        let text = pattern.value.as_str();
        if escapes(text) {
            // Refused by its words alone: nothing outside is even looked at.
            let why = if Path::new(text).is_absolute() {
                Away::Absolute
            } else {
                Away::GoesUp
            };
            found.push(Finding::Outside {
                pattern: pattern.clone(),
                file: text.to_string(),
                why,
            });
            continue;
        }
        if !has_star(text) {
            // A path: it must name a file.
            let path = dir.join(text);
            if std::fs::symlink_metadata(&path).is_err() {
                found.push(Finding::NotFound {
                    pattern: pattern.clone(),
                    why: Missing::NoFile { path: show(&path) },
                });
                continue;
            }
            let relative = normal(text);
            out.entry(relative.clone()).or_insert(Match {
                pattern: i,
                path,
                relative,
            });
            continue;
        }
        let segments: Vec<&str> = text
            .split('/')
            .filter(|s| !s.is_empty() && *s != ".")
            .collect();
        let Some(matcher) = glob(&segments.join("/")) else {
            found.push(Finding::NotFound {
                pattern: pattern.clone(),
                why: Missing::BadPattern,
            });
            continue;
        };
        // Walk only below the pattern's literal start, and no deeper than it can match.
        let literal = segments.iter().take_while(|s| !s.contains('*')).count();
        let start: PathBuf = segments[..literal].iter().collect();
        let deep = segments[literal..].iter().any(|s| s.contains("**"));
        let mut walk = walkdir::WalkDir::new(dir.join(&start))
            .follow_links(false)
            .sort_by_file_name()
            .min_depth(1);
        if !deep {
            walk = walk.max_depth(segments.len() - literal);
        }
        let walker = walk.into_iter().filter_entry(|e| {
            // Names starting with `.` are never matched, nor walked into.
            !e.file_name().to_string_lossy().starts_with('.')
        });
        for entry in walker.flatten() {
            if entry.file_type().is_dir() {
                continue;
            }
            let Ok(below) = entry.path().strip_prefix(dir) else {
                continue;
            };
            let relative = slashes(below);
            if !matcher.is_match(&relative) {
                continue;
            }
            out.entry(relative.clone()).or_insert(Match {
                pattern: i,
                path: entry.path().to_path_buf(),
                relative,
            });
        }
    }
    out
}

/// A relative path with `/` between segments, `.` segments dropped.
fn slashes(path: &Path) -> String {
    path.components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            Component::ParentDir => Some("..".to_string()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/")
}

fn normal(pattern: &str) -> String {
    let s = slashes(Path::new(pattern));
    if Path::new(pattern).is_absolute() {
        format!("/{s}")
    } else {
        s
    }
}

fn show(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// Read the files a root includes. `root` is the root file's path as given
/// (names of included files are shown below its directory), `map` holds the
/// root's text as its first file.
pub fn read_includes(root: &Path, map: SourceMap) -> OnDisk {
    read_includes_with(root, map, &|_| None)
}

/// [`read_includes`], taking a file's text from `open` when it gives one
/// (the language server's unsaved buffers), else from disk.
pub fn read_includes_with(
    root: &Path,
    mut map: SourceMap,
    open: &dyn Fn(&Path) -> Option<String>,
) -> OnDisk {
    let mut found = Vec::new();
    let mut paths = Vec::new();
    let patterns = super::includes(map.file_text(0));
    if patterns.is_empty() {
        return OnDisk { map, found, paths };
    }
    let (canonical_dir, given_dir) = root_dirs(root);
    let root_canonical = root.canonicalize().ok();
    let walk_dir = if given_dir.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        given_dir.clone()
    };
    let mut seen: Vec<PathBuf> = root_canonical.iter().cloned().collect();
    for m in matches(&walk_dir, &patterns, &mut found).into_values() {
        let pattern = &patterns[m.pattern];
        let name = show(&given_dir.join(&m.relative));
        let canonical = match m.path.canonicalize() {
            Ok(c) => c,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                found.push(Finding::NotFound {
                    pattern: pattern.clone(),
                    why: Missing::DanglingLink { name },
                });
                continue;
            }
            Err(_) => {
                found.push(Finding::Outside {
                    pattern: pattern.clone(),
                    file: name,
                    why: Away::Loop,
                });
                continue;
            }
        };
        if !canonical.starts_with(&canonical_dir) {
            let why = if canonical == Path::new(&name) {
                Away::NotBelow
            } else {
                Away::LeadsTo {
                    target: show(&canonical),
                }
            };
            found.push(Finding::Outside {
                pattern: pattern.clone(),
                file: name,
                why,
            });
            continue;
        }
        // A file matched twice (two patterns, two names, a link) is read once.
        if seen.contains(&canonical) {
            continue;
        }
        seen.push(canonical.clone());
        let read = open(&canonical).map_or_else(|| read_text(&canonical), Ok);
        let read = read.and_then(|text| {
            if fits(map.text().len(), text.len(), MAX_PLAN_BYTES) {
                Ok(text)
            } else {
                let total = map.text().len() as u64 + text.len() as u64;
                Err(ReadFault::PlanTooLarge {
                    mb: total / 1_000_000,
                })
            }
        });
        match read {
            Ok(text) => {
                map.push(name, &text);
                paths.push(canonical);
            }
            Err(why) => found.push(Finding::Unreadable {
                pattern: pattern.clone(),
                file: name,
                why,
            }),
        }
    }
    OnDisk { map, found, paths }
}

/// The canonical paths of the files a root's text includes (the root's
/// directory is `dir`), without reading them.
fn included(dir: &Path, text: &str) -> Vec<PathBuf> {
    let patterns = super::includes(text);
    if patterns.is_empty() {
        return Vec::new();
    }
    let canonical_dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    let mut ignored = Vec::new();
    matches(dir, &patterns, &mut ignored)
        .into_values()
        .filter_map(|m| m.path.canonicalize().ok())
        .filter(|c| c.starts_with(&canonical_dir))
        .collect()
}

/// A file's text, or why it cannot be a plan's.
pub fn read_text(path: &Path) -> Result<String, ReadFault> {
    let meta = std::fs::metadata(path).map_err(|e| ReadFault::of_io(&e))?;
    if meta.is_dir() {
        return Err(ReadFault::Directory);
    }
    if !meta.is_file() {
        return Err(ReadFault::NotRegular);
    }
    if meta.len() > MAX_BYTES {
        return Err(ReadFault::TooLarge {
            mb: meta.len() / 1_000_000,
        });
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| ReadFault::of_io(&e))?;
    text_of(bytes)
}

/// Bytes read as a plan's text, or why they are not one.
fn text_of(bytes: Vec<u8>) -> Result<String, ReadFault> {
    let probe = &bytes[..bytes.len().min(crate::source::BINARY_PROBE)];
    if let Some(nul) = probe.iter().position(|&b| b == 0) {
        // `source::binary` tells UTF-16 from other binaries: its words are
        // the only thing it says about which.
        let utf16 =
            crate::source::binary(&bytes).is_some_and(|bad| bad.1.message.contains("UTF-16"));
        return Err(if utf16 {
            ReadFault::Utf16
        } else {
            ReadFault::Binary { byte: nul }
        });
    }
    String::from_utf8(bytes).map_err(|e| ReadFault::NotUtf8 {
        byte: e.utf8_error().valid_up_to(),
    })
}

/// The root that includes `file` (a file without a `plan` item): the first
/// `.plan` file with a `plan` item, in path order, in the file's directory
/// or the nearest of its parents, whose includes match it. The search stops
/// after a directory holding `.git`, or at the file system's root.
pub fn find_root(file: &Path) -> Option<PathBuf> {
    let canonical = file.canonicalize().ok()?;
    let mut dir = canonical.parent().map(Path::to_path_buf);
    while let Some(here) = dir {
        let mut candidates: Vec<PathBuf> = std::fs::read_dir(&here)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.extension().is_some_and(|e| e == "plan")
                    && !p
                        .file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
                    && p.is_file()
                    && *p != canonical
            })
            .collect();
        candidates.sort();
        for candidate in candidates {
            let Ok(text) = read_text(&candidate) else {
                continue;
            };
            if !super::has_plan(&text) {
                continue;
            }
            if included(&here, &text).contains(&canonical) {
                return Some(candidate);
            }
        }
        if here.join(".git").exists() {
            return None;
        }
        dir = here.parent().map(Path::to_path_buf);
    }
    None
}

/// Which files a root's text includes, canonical: for `planc check DIR` to
/// tell which `.plan` files no root includes, and for the language server.
pub fn included_by(root: &Path, text: &str) -> Vec<PathBuf> {
    let (_, given) = root_dirs(root);
    let dir = if given.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        given
    };
    included(&dir, text)
}

/// Every `.plan` file under a directory, in path order; names starting
/// with `.` (and what is inside them, like `.git`) are skipped.
pub fn plan_files(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .flatten()
        .filter(|e| !e.file_type().is_dir())
        .map(walkdir::DirEntry::into_path)
        .filter(|p| p.extension().is_some_and(|e| e == "plan"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{fits, MAX_PLAN_BYTES};
    use crate::span::Span;

    /// The whole plan's limit keeps every place a `Span` can hold.
    #[test]
    fn a_plan_fits_its_spans() {
        assert!(MAX_PLAN_BYTES < Span::MAX_TEXT as u64);
        assert!(fits(10, 20, 31));
        assert!(!fits(10, 20, 30), "the newline between files counts");
        assert!(!fits(usize::MAX, usize::MAX, MAX_PLAN_BYTES));
        let limit = MAX_PLAN_BYTES as usize;
        assert!(fits(limit / 2, limit / 2 - 1, MAX_PLAN_BYTES));
        assert!(!fits(limit / 2, limit / 2, MAX_PLAN_BYTES));
    }
}
