//! `planc status` for people: a compact table, goals first, then the
//! battles that need attention (running, or ended and not closed; every
//! battle with `all`), then the total pools. Every state is a word, and
//! colour (red, amber, green) only repeats it, so the table reads the same
//! without colour (`NO_COLOR`, a pipe, a printout).
