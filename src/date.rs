//! Calendar dates as day numbers, and durations.

use std::fmt;

/// A real calendar date, as days since 1970-01-01.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub i32);

impl Date {
    /// Parse `YYYY-MM-DD`; `None` if it is not a real date.
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.split('-');
        let y: i32 = parts.next()?.parse().ok()?;
        let m: u32 = parts.next()?.parse().ok()?;
        let d: u32 = parts.next()?.parse().ok()?;
        if parts.next().is_some() || !(1..=9999).contains(&y) || !(1..=12).contains(&m) {
            return None;
        }
        if d == 0 || d > days_in_month(y, m) {
            return None;
        }
        Some(Date(days_from_civil(y, m, d)))
    }

    pub fn ymd(self) -> (i32, u32, u32) {
        civil_from_days(self.0)
    }

    pub fn add_days(self, days: i32) -> Date {
        Date(self.0 + days)
    }

    /// The first day of the month `months` after this date's month.
    pub fn month_start_after(self, months: u32) -> Date {
        let (y, m, _) = self.ymd();
        let index = (y * 12 + (m as i32 - 1)) + months as i32;
        Date(days_from_civil(
            index.div_euclid(12),
            index.rem_euclid(12) as u32 + 1,
            1,
        ))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

pub fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// Howard Hinnant's algorithms for the proleptic Gregorian calendar.
fn days_from_civil(y: i32, m: u32, d: u32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m as i32 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i32) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i32::from(m <= 2);
    (y, m, d)
}

/// An inclusive range of days.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateRange {
    pub start: Date,
    pub end: Date,
}

impl DateRange {
    pub fn contains(&self, other: &DateRange) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(&self, other: &DateRange) -> bool {
        self.start <= other.end && other.start <= self.end
    }
}

impl fmt::Display for DateRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.start == self.end {
            write!(f, "{}", self.start)
        } else {
            write!(f, "{} .. {}", self.start, self.end)
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DurationUnit {
    #[serde(rename = "d")]
    Day,
    #[serde(rename = "w")]
    Week,
    #[serde(rename = "mo")]
    Month,
    #[serde(rename = "q")]
    Quarter,
    #[serde(rename = "y")]
    Year,
}

/// `2w`, `6mo`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Duration {
    pub count: u32,
    pub unit: DurationUnit,
}

impl Duration {
    pub fn parse(text: &str) -> Option<Duration> {
        let split = text.find(|c: char| !c.is_ascii_digit())?;
        let count: u32 = text[..split].parse().ok()?;
        let unit = match &text[split..] {
            "d" => DurationUnit::Day,
            "w" => DurationUnit::Week,
            "mo" => DurationUnit::Month,
            "q" => DurationUnit::Quarter,
            "y" => DurationUnit::Year,
            _ => return None,
        };
        (count > 0 && count <= 100_000).then_some(Duration { count, unit })
    }

    /// Approximate length in days (months as 30, quarters 91, years 365).
    pub fn approx_days(self) -> u64 {
        let per = match self.unit {
            DurationUnit::Day => 1,
            DurationUnit::Week => 7,
            DurationUnit::Month => 30,
            DurationUnit::Quarter => 91,
            DurationUnit::Year => 365,
        };
        u64::from(self.count) * per
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_dates_only() {
        assert!(Date::parse("2026-02-28").is_some());
        assert!(Date::parse("2028-02-29").is_some());
        assert!(Date::parse("2026-02-29").is_none());
        assert!(Date::parse("2026-02-30").is_none());
        assert!(Date::parse("2026-13-01").is_none());
        assert!(Date::parse("2026-00-10").is_none());
    }

    #[test]
    fn round_trips() {
        for text in [
            "1970-01-01",
            "2026-04-01",
            "2000-02-29",
            "2026-12-31",
            "0001-01-01",
            "9999-12-31",
        ] {
            assert_eq!(Date::parse(text).unwrap().to_string(), text);
        }
        assert_eq!(
            Date::parse("2026-01-31")
                .unwrap()
                .month_start_after(1)
                .to_string(),
            "2026-02-01"
        );
        assert_eq!(
            Date::parse("2026-11-15")
                .unwrap()
                .month_start_after(3)
                .to_string(),
            "2027-02-01"
        );
    }
}
