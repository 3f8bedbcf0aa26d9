//! Everything planc prints goes through here, so that no write error is
//! silent and none panics (docs/outputs.md, "Guarantees"):
//!
//! - standard output is written with writes that return errors; a full
//!   disk or a vanished terminal is one line on stderr and exit 2;
//! - a reader that went away (`planc … | head`, EPIPE) is not an error: the
//!   rest of the output is dropped, quietly, and the run ends with the exit
//!   code it would have had;
//! - standard error is best effort: when it cannot be written there is
//!   nowhere left to say so.

use super::error::{CliError, ExitCode};
use super::files::FileId;
use super::terminal::{self, Color};
use super::{atomic, output};
use planc::render::{human, Source};
use planc::Diagnostic;
use std::fmt::Display;
use std::io::{self, BufWriter, StdoutLock, Write};
use std::os::fd::AsFd;
use std::path::Path;

/// Standard output, buffered. Call [`Stdout::finish`] at the end: errors
/// may only show when the buffer is flushed.
pub(super) struct Stdout {
    out: BufWriter<StdoutLock<'static>>,
    /// The reader went away; everything else is dropped.
    closed: bool,
    /// Which file standard output is, when it is one (`> out.json`).
    file: Option<FileId>,
}

impl Stdout {
    pub(super) fn new() -> Stdout {
        let stdout = io::stdout();
        let file = stdout
            .as_fd()
            .try_clone_to_owned()
            .map(std::fs::File::from)
            .and_then(|f| f.metadata())
            .ok()
            .filter(|m| m.is_file())
            .map(|m| FileId::of(&m));
        Stdout {
            out: BufWriter::with_capacity(64 * 1024, stdout.lock()),
            closed: false,
            file,
        }
    }

    /// Refuse to print into a plan being read (`planc build x.plan >> x.plan`).
    pub(super) fn must_not_be(&self, inputs: &[FileId]) -> Result<(), CliError> {
        match self.file {
            Some(id) if inputs.contains(&id) => Err(CliError::CouldNotRun(super::lang::say(
                "cannot write to standard output: it is the plan being read; send the output \
to another file",
                "无法写入标准输出：它就是正在读的计划；请把输出写到别的文件",
            ))),
            _ => Ok(()),
        }
    }

    /// Flush what is left, and say whether it all got out.
    pub(super) fn finish(mut self) -> Result<(), CliError> {
        self.flush().map_err(CliError::Stdout)
    }

    /// A closed pipe is the reader's choice, not a failure.
    fn absorb<T>(&mut self, result: io::Result<T>, otherwise: T) -> io::Result<T> {
        match result {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(otherwise)
            }
            other => other,
        }
    }
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        let written = self.out.write(buf);
        self.absorb(written, buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let flushed = self.out.flush();
        self.absorb(flushed, ())
    }
}

/// Print a command's whole output on standard output.
pub(super) fn print(bytes: &[u8], inputs: &[FileId]) -> Result<(), CliError> {
    let mut out = Stdout::new();
    out.must_not_be(inputs)?;
    out.write_all(bytes).map_err(CliError::Stdout)?;
    out.finish()
}

/// Deliver a command's output: to the file `-o` names (atomically, never
/// over an input), else on standard output.
pub(super) fn emit(to: Option<&Path>, bytes: &[u8], inputs: &[FileId]) -> Result<(), CliError> {
    match to {
        Some(path) => atomic::write(path, bytes, inputs),
        None => print(bytes, inputs),
    }
}

/// [`emit`], with contents made as they are written (`planc build`'s
/// JSON): streamed into the temporary file or standard output, never held.
pub(super) fn emit_with(
    to: Option<&Path>,
    contents: &dyn atomic::Contents,
    inputs: &[FileId],
) -> Result<(), CliError> {
    match to {
        Some(path) => atomic::write_with(path, contents, inputs),
        None => {
            let mut out = Stdout::new();
            out.must_not_be(inputs)?;
            contents.write_to(&mut out).map_err(CliError::Stdout)?;
            out.finish()
        }
    }
}

/// One line on stderr, `planc: ` first; `planc：` before a Chinese message,
/// as the closing summary of a check writes it (Chinese punctuation around
/// Chinese text).
pub(super) fn say(message: impl Display) {
    let message = message.to_string();
    // Chinese words outside `quoted` names (a file or item the plan named
    // in Chinese does not make an English message Chinese).
    let said = message.split('`').step_by(2);
    let chinese = said
        .flat_map(str::chars)
        .any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c));
    let colon = if chinese { "：" } else { ": " };
    let _ = writeln!(io::stderr().lock(), "planc{colon}{message}");
}

/// Text on stderr as it is (rendered diagnostics, summaries).
pub(super) fn show(text: &str) {
    let _ = io::stderr().lock().write_all(text.as_bytes());
}

/// A plan a command will not act on: its diagnostics, shown exactly as
/// `planc check` shows them, then what was not done. One way for every
/// command, whether the bytes are not UTF-8 or the plan has errors.
pub(super) fn reject(
    name: &str,
    text: &str,
    diagnostics: &[Diagnostic],
    color: Color,
    closing: impl Display,
) -> ExitCode {
    let source = Source::new(name, text, diagnostics).with_lang(super::lang::for_text(text));
    output::show(&human::render(&source, terminal::style(color)));
    output::say(closing);
    ExitCode::Failed
}

/// [`reject`] for a plan of one or several files.
pub(super) fn reject_plan(
    map: &planc::sources::SourceMap,
    diagnostics: &[Diagnostic],
    color: Color,
    closing: impl Display,
) -> ExitCode {
    let source = Source::plan(map, diagnostics);
    output::show(&human::render(&source, terminal::style(color)));
    output::say(closing);
    ExitCode::Failed
}
