//! A calendar date, just enough for "is this day inside the plan's period" (no chrono: the
//! engine ships to the browser, and a year-month-day triple is all the plan needs).

use std::fmt;

use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

/// A day in the Gregorian calendar, written `YYYY-MM-DD` in files and on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

/// Why a text is not a `YYYY-MM-DD` date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateError {
    pub text: String,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a date of the form YYYY-MM-DD (日期格式应为 YYYY-MM-DD)", self.text)
    }
}

impl std::error::Error for DateError {}

impl Date {
    /// Builds a date, or `None` when the day does not exist (e.g. 2023-02-29).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let last_day = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if is_leap_year(year) => 29,
            2 => 28,
            _ => return None,
        };
        (year >= 1 && (1..=last_day).contains(&day)).then_some(Date { year, month, day })
    }

    /// Reads `YYYY-MM-DD` (exactly four, two and two digits).
    pub fn parse(text: &str) -> Result<Date, DateError> {
        let error = || DateError { text: text.chars().take(40).collect() };
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return Err(error());
        }
        let number = |range: std::ops::Range<usize>| -> Option<u16> {
            let part = text.get(range)?;
            if !part.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            part.parse().ok()
        };
        let (Some(year), Some(month), Some(day)) = (number(0..4), number(5..7), number(8..10))
        else {
            return Err(error());
        };
        let (Ok(month), Ok(day)) = (u8::try_from(month), u8::try_from(day)) else {
            return Err(error());
        };
        Date::new(year, month, day).ok_or_else(error)
    }
}

impl Date {
    /// The date `days` after 1970-01-01 (negative: before), e.g. from a clock. `None` outside
    /// years 1–9999. (Howard Hinnant's civil-from-days algorithm.)
    pub fn from_unix_days(days: i64) -> Option<Date> {
        let z = days.checked_add(719_468)?;
        let era = z.div_euclid(146_097);
        let day_of_era = z.rem_euclid(146_097);
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let mp = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        Date::new(u16::try_from(year).ok()?, u8::try_from(month).ok()?, u8::try_from(day).ok()?)
    }
}

fn is_leap_year(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse(&text).map_err(de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_writes_iso_dates() {
        let date = Date::parse("2024-02-29").unwrap();
        assert_eq!(date, Date { year: 2024, month: 2, day: 29 });
        assert_eq!(date.to_string(), "2024-02-29");
    }

    #[test]
    fn rejects_days_that_do_not_exist_and_other_shapes() {
        for bad in [
            "2023-02-29",
            "2023-13-01",
            "2023-00-10",
            "2023-1-1",
            "20230101",
            "",
            "２０２３-01-01",
            "+023-01-01",
        ] {
            assert!(Date::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn counts_days_from_the_unix_epoch() {
        assert_eq!(Date::from_unix_days(0), Date::new(1970, 1, 1));
        assert_eq!(Date::from_unix_days(19_723), Date::new(2024, 1, 1));
        assert_eq!(Date::from_unix_days(19_782), Date::new(2024, 2, 29));
        assert_eq!(Date::from_unix_days(-1), Date::new(1969, 12, 31));
        assert_eq!(Date::from_unix_days(i64::MAX), None);
    }

    #[test]
    fn dates_order_by_day() {
        assert!(Date::parse("2023-12-31").unwrap() < Date::parse("2024-01-01").unwrap());
    }
}
