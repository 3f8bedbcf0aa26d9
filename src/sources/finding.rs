//! What reading a plan's files finds, as typed findings, and all their
//! wording: `include-not-found`, `include-outside-plan`, the read errors of
//! an included file, `file-not-included`, and what `plan-missing` says in a
//! plan of several files.
//!
//! The files are read ([`super::disk`]) before the plan's `lang` is known,
//! so the reader keeps *what* went wrong, with its data, and the words are
//! chosen here once the language is (`analysis::analyze_sources`, the
//! command line's `planc check DIR`). English is [`Finding::words`]; the
//! Chinese sibling `zh` has one arm per finding, so a new finding does not
//! compile without its Chinese.

use crate::diagnostic::{Code, Diagnostic};
use crate::lang::Lang;
use crate::span::{Span, Spanned};

mod zh;

/// Why a pattern without `*` names no file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Missing {
    /// Nothing at this path (as shown: the root's folder joined with it).
    NoFile { path: String },
    /// The path is a symbolic link to nothing.
    DanglingLink { name: String },
    /// A pattern the glob matcher refuses.
    BadPattern,
}

/// Why an included file lies outside the root's folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Away {
    /// The pattern is an absolute path.
    Absolute,
    /// The pattern climbs out with `..`.
    GoesUp,
    /// Its symbolic links loop.
    Loop,
    /// Below no part of the root's folder.
    NotBelow,
    /// A symbolic link leads to this canonical path.
    LeadsTo { target: String },
}

/// Why an included file cannot be read as a plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadFault {
    NoSuchFile,
    PermissionDenied,
    Directory,
    /// A pipe, a socket or a device.
    NotRegular,
    /// Larger than [`super::disk::MAX_BYTES`]; its size in MB.
    TooLarge {
        mb: u64,
    },
    /// With it the plan's files together would pass
    /// [`super::disk::MAX_PLAN_BYTES`]: their size in MB with it.
    PlanTooLarge {
        mb: u64,
    },
    /// Any other failure of the operating system, in its own words.
    Other {
        error: String,
    },
    /// Not UTF-8: the first byte that cannot start or continue a character.
    NotUtf8 {
        byte: usize,
    },
    /// A NUL byte in the first 8 KB: an image, an archive, a program.
    Binary {
        byte: usize,
    },
    /// Text saved as UTF-16.
    Utf16,
}

impl ReadFault {
    /// The failure of an IO operation on the file.
    pub fn of_io(e: &std::io::Error) -> ReadFault {
        match e.kind() {
            std::io::ErrorKind::NotFound => ReadFault::NoSuchFile,
            std::io::ErrorKind::PermissionDenied => ReadFault::PermissionDenied,
            std::io::ErrorKind::IsADirectory => ReadFault::Directory,
            _ => {
                let text = e.to_string();
                let text = text.find(" (os error ").map_or(&*text, |at| &text[..at]);
                ReadFault::Other {
                    error: text.to_string(),
                }
            }
        }
    }

    /// `syntax` when the bytes are not UTF-8 text (as for a plan of one
    /// file), `include-not-found` when the file could not be read at all.
    pub fn code(&self) -> Code {
        match self {
            ReadFault::NotUtf8 { .. } | ReadFault::Binary { .. } | ReadFault::Utf16 => Code::Syntax,
            _ => Code::IncludeNotFound,
        }
    }
}

/// Everything reading a plan's files can find.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Finding {
    /// `include-not-found`, at the pattern.
    NotFound {
        pattern: Spanned<String>,
        why: Missing,
    },
    /// `include-outside-plan`, at the pattern; `file` as the pattern or
    /// the walk named it.
    Outside {
        pattern: Spanned<String>,
        file: String,
        why: Away,
    },
    /// An included file that cannot be read, at the pattern that matched it.
    Unreadable {
        pattern: Spanned<String>,
        file: String,
        why: ReadFault,
    },
    /// `file-not-included`: `planc check DIR` found a `.plan` file that no
    /// root includes; `roots` is how many roots the folder holds. At the
    /// file's start.
    NotIncluded { roots: usize },
    /// `plan-missing` of a file that has no `plan` item and that no plan
    /// includes (checked alone).
    PlanOfNoPlan,
    /// `plan-missing` of an included file that has a `plan` item of its own.
    PartWithPlan { part: String, root: String },
}

/// The words of a finding: the message, the label at its place, the help.
pub(super) struct Words {
    pub message: String,
    pub label: &'static str,
    pub help: String,
}

impl Finding {
    pub fn code(&self) -> Code {
        match self {
            Finding::NotFound { .. } => Code::IncludeNotFound,
            Finding::Outside { .. } => Code::IncludeOutsidePlan,
            Finding::Unreadable { why, .. } => why.code(),
            Finding::NotIncluded { .. } => Code::FileNotIncluded,
            Finding::PlanOfNoPlan | Finding::PartWithPlan { .. } => Code::PlanMissing,
        }
    }

    /// Where it is reported: the `include` string, else the file's start.
    pub fn span(&self) -> Span {
        match self {
            Finding::NotFound { pattern, .. }
            | Finding::Outside { pattern, .. }
            | Finding::Unreadable { pattern, .. } => pattern.span,
            _ => Span::new(0, 0),
        }
    }

    /// The finding as a diagnostic in `lang`'s words.
    pub fn into_diagnostic_in(self, lang: Lang) -> Diagnostic {
        let words = self.words_in(lang);
        Diagnostic::new(self.code(), self.span(), words.message)
            .with_span_label(words.label)
            .with_help(words.help)
    }

    /// Say a `plan-missing` finding in `lang` on a diagnostic that has its
    /// places and labels already (the lowering's).
    pub fn reword(&self, d: &mut Diagnostic, lang: Lang) {
        let words = self.words_in(lang);
        d.message = words.message;
        d.help = words.help;
    }

    pub(super) fn words_in(&self, lang: Lang) -> Words {
        match lang {
            Lang::En => self.words(),
            Lang::Zh => zh::words(self),
        }
    }

    fn words(&self) -> Words {
        match self {
            Finding::NotFound { pattern, why } => {
                let why = match why {
                    Missing::NoFile { path } => format!("there is no `{path}`"),
                    Missing::DanglingLink { name } => {
                        format!("`{name}` is a symbolic link to nothing")
                    }
                    Missing::BadPattern => "it is not a pattern planc can read".to_string(),
                };
                Words {
                    message: format!("`include \"{}\"` names no file: {why}", pattern.value),
                    label: "no such file",
                    help: "Paths are relative to the folder of the file holding `plan`. Check \
the spelling, or use a pattern like \"departments/*.plan\" (a pattern with `*` may match nothing)."
                        .to_string(),
                }
            }
            Finding::Outside { pattern, file, why } => {
                let why = match why {
                    Away::Absolute => "it is an absolute path".to_string(),
                    Away::GoesUp => "it goes up out of the folder with `..`".to_string(),
                    Away::Loop => {
                        "its symbolic links cannot be followed to a file (they loop)".to_string()
                    }
                    Away::NotBelow => {
                        "it is not below the folder of the file holding `plan`".to_string()
                    }
                    Away::LeadsTo { target } => format!("it leads to `{target}`"),
                };
                Words {
                    message: format!(
                        "`include \"{}\"` reaches `{file}`, outside the plan's folder: {why}",
                        pattern.value
                    ),
                    label: "outside the plan's folder",
                    help: "A plan may include only files inside the folder of the file holding \
`plan` (after `..` and symbolic links), so that checking a plan never reads other files of the \
machine. Move the file into the plan's folder and include it by its path there."
                        .to_string(),
                }
            }
            Finding::Unreadable { pattern, file, why } => {
                let (reason, help) = match why {
                    ReadFault::NoSuchFile => (
                        "no such file".to_string(),
                        "The file went away while planc read the plan: check it again, or \
change the pattern so it does not match it.",
                    ),
                    ReadFault::PermissionDenied => (
                        "permission denied".to_string(),
                        "Make the file readable (check its permissions, like `chmod a+r`), or \
change the pattern so it does not match it.",
                    ),
                    ReadFault::Directory => (
                        "it is a directory".to_string(),
                        "A folder whose name ends in `.plan` is matched like a file: rename the \
folder, or change the pattern so it does not match it.",
                    ),
                    ReadFault::NotRegular => (
                        "it is not a regular file (a pipe or a device)".to_string(),
                        "Include only plan files: change the pattern so it does not match this \
one, or replace it with the plan file it stands for.",
                    ),
                    ReadFault::TooLarge { mb } => (
                        format!("it is {mb} MB, larger than the 256 MB planc accepts"),
                        "No plan is that large: this is likely another kind of file. Change the \
pattern so it does not match it, or rename the file.",
                    ),
                    ReadFault::PlanTooLarge { mb } => (
                        format!(
                            "with it the plan's files come to {mb} MB together, more than the \
1024 MB planc accepts for a whole plan"
                        ),
                        "No plan is that large: some of these files are likely another kind of \
file. Change the patterns so they match only the plan's own files.",
                    ),
                    ReadFault::Other { error } => (
                        error.clone(),
                        "Make the file readable, or change the pattern so it does not match it.",
                    ),
                    ReadFault::NotUtf8 { byte } => (
                        format!(
                            "it is not valid UTF-8 (byte {byte} cannot start or continue a character)"
                        ),
                        "Save the file as UTF-8 text (editors call it \"UTF-8\"; `iconv -f GBK \
-t UTF-8` converts a GBK file), or stop including it.",
                    ),
                    ReadFault::Binary { byte } => (
                        format!("it looks like a binary file, not a plan: byte {byte} is a NUL (0x00)"),
                        "This file may be an image, an archive or a program: change the pattern \
so it does not match it, or rename the file.",
                    ),
                    ReadFault::Utf16 => (
                        "it looks like UTF-16 text, not UTF-8".to_string(),
                        "Save the file as UTF-8 (editors call it \"UTF-8\", not UTF-16 or \
\"Unicode\"; `iconv -f UTF-16 -t UTF-8` converts it), or stop including it.",
                    ),
                };
                Words {
                    message: format!(
                        "`include \"{}\"` brings in `{file}`, which cannot be read: {reason}",
                        pattern.value
                    ),
                    label: "included here",
                    help: help.to_string(),
                }
            }
            Finding::NotIncluded { roots: 0 } => Words {
                message: "no plan under this folder includes this file, and it has no `plan` item"
                    .to_string(),
                label: "not included by any plan",
                help: "Add a `plan` item to a root file that includes it (`include \"*.plan\"`), \
or give this file its own `plan` item."
                    .to_string(),
            },
            Finding::NotIncluded { .. } => Words {
                message: "no plan under this folder includes this file, so it is not checked"
                    .to_string(),
                label: "not included by any plan",
                help: "Add it to the `include` of its plan's root (like `include \
\"departments/*.plan\"`), or move it where an include matches. Names starting with `.` are never \
matched."
                    .to_string(),
            },
            Finding::PlanOfNoPlan => Words {
                message: "this file has no `plan` item, and no plan includes it".to_string(),
                label: "",
                help: "No `.plan` file with a `plan` item in this folder or the folders above it \
(up to the repository's root) has an `include` that matches this file. Add it to the root's \
include, like `include \"departments/*.plan\"`, or give this file a `plan` item of its own."
                    .to_string(),
            },
            Finding::PartWithPlan { part, root } => Words {
                message: format!(
                    "`{part}` is included by the plan's root `{root}` but has a `plan` item of its own"
                ),
                label: "",
                help: "A plan has one `plan` item, in its root file. Remove this one (move its \
attributes into the root's), or stop including this file and check it as a plan of its own."
                    .to_string(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every() -> Vec<Finding> {
        let pattern = Spanned::new("parts/*.plan".to_string(), Span::new(3, 17));
        let file = "plan/parts/a.plan".to_string();
        let mut all = vec![
            Finding::NotIncluded { roots: 0 },
            Finding::NotIncluded { roots: 2 },
            Finding::PlanOfNoPlan,
            Finding::PartWithPlan {
                part: file.clone(),
                root: "plan/root.plan".to_string(),
            },
        ];
        for why in [
            Missing::NoFile { path: file.clone() },
            Missing::DanglingLink { name: file.clone() },
            Missing::BadPattern,
        ] {
            all.push(Finding::NotFound {
                pattern: pattern.clone(),
                why,
            });
        }
        for why in [
            Away::Absolute,
            Away::GoesUp,
            Away::Loop,
            Away::NotBelow,
            Away::LeadsTo {
                target: "/etc/passwd".to_string(),
            },
        ] {
            all.push(Finding::Outside {
                pattern: pattern.clone(),
                file: file.clone(),
                why,
            });
        }
        for why in [
            ReadFault::NoSuchFile,
            ReadFault::PermissionDenied,
            ReadFault::Directory,
            ReadFault::NotRegular,
            ReadFault::TooLarge { mb: 300 },
            ReadFault::PlanTooLarge { mb: 1100 },
            ReadFault::Other {
                error: "input/output error".to_string(),
            },
            ReadFault::NotUtf8 { byte: 7 },
            ReadFault::Binary { byte: 0 },
            ReadFault::Utf16,
        ] {
            all.push(Finding::Unreadable {
                pattern: pattern.clone(),
                file: file.clone(),
                why,
            });
        }
        all
    }

    /// Every finding in both languages: same code and place; the Chinese
    /// has Chinese words and punctuation and no English sentence.
    #[test]
    fn every_finding_is_worded_in_both_languages() {
        for f in every() {
            let en = f.clone().into_diagnostic_in(Lang::En);
            let zh = f.clone().into_diagnostic_in(Lang::Zh);
            assert_eq!((en.code, en.span), (zh.code, zh.span), "{f:?}");
            assert!(!en.message.is_empty() && !en.help.is_empty(), "{f:?}");
            for text in [&zh.message, &zh.help, &zh.span_label] {
                if text.is_empty() {
                    continue;
                }
                assert!(
                    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                    "{f:?}: {text}"
                );
                let outside_code: String = text.split('`').step_by(2).collect();
                assert!(
                    !outside_code.contains(": ") && !outside_code.contains(", "),
                    "Chinese punctuation: {text}"
                );
            }
            assert!(zh.help.ends_with('。'), "{}", zh.help);
        }
    }

    /// The reading code's IO errors, injected: permission denied and the
    /// others are findings worded in both languages, never a failure.
    #[test]
    fn io_errors_become_read_faults() {
        use std::io::{Error, ErrorKind};
        assert_eq!(
            ReadFault::of_io(&Error::from(ErrorKind::PermissionDenied)),
            ReadFault::PermissionDenied
        );
        assert_eq!(
            ReadFault::of_io(&Error::from(ErrorKind::NotFound)),
            ReadFault::NoSuchFile
        );
        assert_eq!(
            ReadFault::of_io(&Error::from_raw_os_error(5)),
            ReadFault::Other {
                error: "Input/output error".to_string()
            }
        );
        let f = Finding::Unreadable {
            pattern: Spanned::new("a.plan".to_string(), Span::new(1, 9)),
            file: "a.plan".to_string(),
            why: ReadFault::of_io(&Error::from(ErrorKind::PermissionDenied)),
        };
        let zh = f.into_diagnostic_in(Lang::Zh);
        assert_eq!(zh.code, Code::IncludeNotFound);
        assert!(zh.message.ends_with("没有权限"), "{}", zh.message);
    }
}
