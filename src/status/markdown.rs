//! `planc status --format markdown`: a weekly report.
