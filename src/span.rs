//! Byte ranges into the source text.

use serde::Serialize;

/// A half-open byte range `start..end` into one source file.
///
/// Kept as two `u32`s: a large plan's model holds a dozen spans per tactic,
/// and half their size is a tenth of the model (docs/performance.md). A
/// plan's text is refused above [`Span::MAX_TEXT`] bytes before any span
/// is made (`source::decode`), so no offset is ever cut short.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    start: u32,
    end: u32,
}

impl Span {
    /// The longest text spans can point into: 4 GiB − 1 bytes.
    pub const MAX_TEXT: usize = u32::MAX as usize;

    /// The range `start..end`; offsets past [`Span::MAX_TEXT`] are held at
    /// it (the readers of a plan refuse such texts first).
    pub fn new(start: usize, end: usize) -> Self {
        let cut = |at: usize| u32::try_from(at).unwrap_or(u32::MAX);
        Span {
            start: cut(start),
            end: cut(end),
        }
    }

    pub fn start(&self) -> usize {
        self.start as usize
    }

    pub fn end(&self) -> usize {
        self.end as usize
    }

    /// The same span, beginning at `start`.
    pub fn with_start(self, start: usize) -> Span {
        Span::new(start, self.end())
    }

    /// The same span, ending at `end`.
    pub fn with_end(self, end: usize) -> Span {
        Span::new(self.start(), end)
    }

    /// The byte range, to slice the text with.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start()..self.end()
    }

    pub fn len(&self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// The same range, `by` bytes later.
    pub fn shifted(self, by: usize) -> Span {
        Span::new(self.start() + by, self.end() + by)
    }

    pub fn contains(&self, offset: usize) -> bool {
        self.start() <= offset && offset <= self.end()
    }
}

impl From<pest::Span<'_>> for Span {
    fn from(s: pest::Span<'_>) -> Self {
        Span::new(s.start(), s.end())
    }
}

/// A value together with the place it was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Spanned<T> {
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }
}
