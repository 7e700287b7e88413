//! Working-day deadlines (APP-4): statutory and promised time limits counted on the real
//! calendar of public holidays and make-up working days, with steps that stop the clock
//! (补正 correction time, expert review, hearings).
//!
//! Rules:
//! - A day is a working day when the calendar says so; days it does not list follow the week
//!   (Monday to Friday work, Saturday and Sunday rest).
//! - Counting starts the day after the start (the day of acceptance is not counted), so a limit
//!   of `n` working days ends on the `n`-th working day after it. A limit of 0 is due the same
//!   day (即办).
//! - A pause covers whole days, both ends included; working days inside it do not count. An
//!   open pause stops the clock: the deadline is unknown until it ends.
//! - When counting reaches a year the calendar does not cover, weekends alone decide and the
//!   result names that year, so admins can be warned to load its calendar.

use std::collections::{BTreeMap, BTreeSet};

use time::{Date, Duration, Weekday};

use crate::FieldCode;

/// What the calendar says of a day, overriding the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayKind {
    /// A public holiday (rest, even on a weekday).
    Holiday,
    /// A make-up working day (work, even on a weekend).
    Workday,
}

impl DayKind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            DayKind::Holiday => "holiday",
            DayKind::Workday => "workday",
        }
    }

    /// Parses the stored name.
    pub fn parse(s: &str) -> Option<DayKind> {
        match s {
            "holiday" => Some(DayKind::Holiday),
            "workday" => Some(DayKind::Workday),
            _ => None,
        }
    }
}

/// One line of a calendar file: a day, what it is, and the festival it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarDay {
    /// The day.
    pub date: Date,
    /// Holiday or make-up working day.
    pub kind: DayKind,
    /// The festival (春节, National Day…), possibly empty.
    pub name: String,
}

/// Reads `date,kind[,name]` lines after a header. A bad line is reported by its number (from
/// 1, the header being line 1); a day listed twice is a bad line.
pub fn parse_calendar_csv(text: &str) -> Result<Vec<CalendarDay>, (usize, FieldCode)> {
    let mut days: Vec<CalendarDay> = Vec::new();
    let mut seen = BTreeSet::new();
    for (i, line) in text.lines().enumerate().skip(1) {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let mut cols = line.splitn(3, ',');
        let date = cols
            .next()
            .and_then(parse_date)
            .ok_or((i + 1, FieldCode::InvalidLine))?;
        let kind = cols
            .next()
            .map(str::trim)
            .and_then(DayKind::parse)
            .ok_or((i + 1, FieldCode::InvalidLine))?;
        let name = cols.next().unwrap_or("").trim();
        if name.chars().count() > 60 || !seen.insert(date) {
            return Err((i + 1, FieldCode::InvalidLine));
        }
        days.push(CalendarDay {
            date,
            kind,
            name: name.to_owned(),
        });
    }
    Ok(days)
}

/// The official calendar: holidays and make-up working days, by date.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Calendar {
    days: BTreeMap<Date, DayKind>,
    years: BTreeSet<i32>,
}

/// A deadline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Deadline {
    /// Due at the end of this day.
    Due {
        /// The last day.
        date: Date,
        /// Years the count passed through that the calendar does not cover (weekends only
        /// were used there).
        uncovered: Vec<i32>,
    },
    /// The clock is stopped by an open pause.
    Paused {
        /// Working days already used before the pause.
        used: u32,
        /// Working days left when the clock restarts.
        remaining: u32,
    },
}

/// A stretch of days that does not count (both ends included); `to` is `None` while open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pause {
    /// First day of the pause.
    pub from: Date,
    /// Last day of the pause, when it has ended.
    pub to: Option<Date>,
}

/// The most days a count may walk (ten years): a guard against a calendar that rests forever.
const MAX_WALK: i64 = 3660;

impl Calendar {
    /// A calendar from its days. Every year that has an entry counts as covered.
    pub fn new(days: impl IntoIterator<Item = (Date, DayKind)>) -> Calendar {
        let days: BTreeMap<Date, DayKind> = days.into_iter().collect();
        let years = days.keys().map(|d| d.year()).collect();
        Calendar { days, years }
    }

    /// A calendar from its days and the years declared covered (a loaded year may list no
    /// day at all; every year with an entry is covered too).
    pub fn with_years(
        days: impl IntoIterator<Item = (Date, DayKind)>,
        years: impl IntoIterator<Item = i32>,
    ) -> Calendar {
        let mut c = Calendar::new(days);
        c.years.extend(years);
        c
    }

    /// Reads `date,kind[,name]` lines after a header (`kind` is `holiday` or `workday`, dates
    /// `YYYY-MM-DD`). A bad line is reported by its number (from 1, the header being line 1).
    pub fn parse_csv(text: &str) -> Result<Calendar, (usize, FieldCode)> {
        Ok(Calendar::new(
            parse_calendar_csv(text)?
                .into_iter()
                .map(|d| (d.date, d.kind)),
        ))
    }

    /// Whether the calendar lists the year (its holidays are known).
    pub fn covers(&self, year: i32) -> bool {
        self.years.contains(&year)
    }

    /// The years it covers.
    pub fn years(&self) -> impl Iterator<Item = i32> + '_ {
        self.years.iter().copied()
    }

    /// What the calendar lists for a day, if anything (appointments: a listed holiday closes
    /// even a weekend desk, a listed make-up day opens a weekend).
    pub fn day_kind(&self, date: Date) -> Option<DayKind> {
        self.days.get(&date).copied()
    }

    /// Whether a day is a working day.
    pub fn is_working_day(&self, date: Date) -> bool {
        match self.days.get(&date) {
            Some(DayKind::Holiday) => false,
            Some(DayKind::Workday) => true,
            None => !matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday),
        }
    }

    /// The deadline of `days` working days counted from `start`, not counting `pauses`.
    pub fn deadline(&self, start: Date, days: u32, pauses: &[Pause]) -> Deadline {
        let paused = |d: Date| {
            pauses
                .iter()
                .any(|p| d >= p.from && p.to.is_none_or(|to| d <= to))
        };
        let mut uncovered = BTreeSet::new();
        if days == 0 {
            return Deadline::Due {
                date: start,
                uncovered: Vec::new(),
            };
        }
        let mut used = 0u32;
        let mut day = start;
        for _ in 0..MAX_WALK {
            let Some(next) = day.checked_add(Duration::days(1)) else {
                break;
            };
            day = next;
            if pauses.iter().any(|p| p.to.is_none() && day >= p.from) {
                return Deadline::Paused {
                    used,
                    remaining: days - used,
                };
            }
            if paused(day) || !self.is_working_day(day) {
                continue;
            }
            if !self.covers(day.year()) {
                uncovered.insert(day.year());
            }
            used += 1;
            if used == days {
                return Deadline::Due {
                    date: day,
                    uncovered: uncovered.into_iter().collect(),
                };
            }
        }
        Deadline::Due {
            date: day,
            uncovered: uncovered.into_iter().collect(),
        }
    }

    /// Working days after `from` up to and including `to` (0 when `to` is not after `from`),
    /// not counting `pauses`: how many of a limit are used by `to`.
    pub fn working_days_between(&self, from: Date, to: Date, pauses: &[Pause]) -> u32 {
        let paused = |d: Date| {
            pauses
                .iter()
                .any(|p| d >= p.from && p.to.is_none_or(|to| d <= to))
        };
        let mut n = 0;
        let mut day = from;
        while day < to {
            let Some(next) = day.checked_add(Duration::days(1)) else {
                break;
            };
            day = next;
            if !paused(day) && self.is_working_day(day) {
                n += 1;
            }
        }
        n
    }
}

/// Parses `YYYY-MM-DD` (a real date).
pub fn parse_date(s: &str) -> Option<Date> {
    let mut parts = s.trim().split('-');
    let y: i32 = parts.next()?.parse().ok()?;
    let m: u8 = parts.next()?.parse().ok()?;
    let d: u8 = parts.next()?.parse().ok()?;
    if parts.next().is_some() {
        return None;
    }
    Date::from_calendar_date(y, time::Month::try_from(m).ok()?, d).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const REAL: &str = include_str!("../../../seed/calendar/cn_public_holidays.csv");

    fn real() -> Calendar {
        Calendar::parse_csv(REAL).unwrap_or_default()
    }

    fn due(d: Deadline) -> (Date, Vec<i32>) {
        match d {
            Deadline::Due { date, uncovered } => (date, uncovered),
            Deadline::Paused { .. } => (date!(1970 - 01 - 01), vec![-1]),
        }
    }

    #[test]
    fn the_real_calendar_loads_and_covers_2018_to_2026() {
        let c = real();
        assert!((2018..=2026).all(|y| c.covers(y)));
        assert!(!c.covers(2027));
    }

    #[test]
    fn weekends_rest_holidays_rest_and_make_up_days_work() {
        let c = real();
        assert!(c.is_working_day(date!(2024 - 02 - 08))); // Thursday
        assert!(!c.is_working_day(date!(2024 - 02 - 10))); // Spring Festival, Saturday
        assert!(!c.is_working_day(date!(2024 - 02 - 14))); // Spring Festival, Wednesday
        assert!(c.is_working_day(date!(2024 - 02 - 04))); // make-up Sunday
        assert!(c.is_working_day(date!(2024 - 02 - 18))); // make-up Sunday
        assert!(!c.is_working_day(date!(2024 - 02 - 24))); // ordinary Saturday
    }

    #[test]
    fn a_limit_across_spring_festival_skips_the_holiday_and_counts_the_make_up_sundays() {
        let c = real();
        // Accepted Thursday 2024-02-08: the 9th (Friday) is day 1; the 10th–17th rest; Sunday
        // the 18th is a make-up working day (day 2); then Monday the 19th onwards.
        assert_eq!(
            due(c.deadline(date!(2024 - 02 - 08), 1, &[])).0,
            date!(2024 - 02 - 09)
        );
        assert_eq!(
            due(c.deadline(date!(2024 - 02 - 08), 2, &[])).0,
            date!(2024 - 02 - 18)
        );
        assert_eq!(
            due(c.deadline(date!(2024 - 02 - 08), 5, &[])).0,
            date!(2024 - 02 - 21)
        );
        // Accepted on the make-up Sunday 2024-02-04: counting starts on Monday the 5th.
        assert_eq!(
            due(c.deadline(date!(2024 - 02 - 04), 1, &[])).0,
            date!(2024 - 02 - 05)
        );
    }

    #[test]
    fn a_limit_across_national_day_2025_uses_both_make_up_days() {
        let c = real();
        // Friday 2025-09-26 accepted: Sunday the 28th is a make-up day (day 1), the 29th and
        // 30th are days 2 and 3, 1–8 October rest, the 9th and 10th are days 4 and 5, and
        // Saturday the 11th is a make-up day (day 6).
        assert_eq!(
            due(c.deadline(date!(2025 - 09 - 26), 1, &[])).0,
            date!(2025 - 09 - 28)
        );
        assert_eq!(
            due(c.deadline(date!(2025 - 09 - 26), 3, &[])).0,
            date!(2025 - 09 - 30)
        );
        assert_eq!(
            due(c.deadline(date!(2025 - 09 - 26), 4, &[])).0,
            date!(2025 - 10 - 09)
        );
        assert_eq!(
            due(c.deadline(date!(2025 - 09 - 26), 6, &[])).0,
            date!(2025 - 10 - 11)
        );
        assert_eq!(
            due(c.deadline(date!(2025 - 09 - 26), 7, &[])).0,
            date!(2025 - 10 - 13)
        );
    }

    #[test]
    fn twenty_working_days_from_a_date_and_back_agree() {
        let c = real();
        for start in [
            date!(2024 - 01 - 25),
            date!(2025 - 09 - 20),
            date!(2026 - 02 - 10),
        ] {
            let (end, _) = due(c.deadline(start, 20, &[]));
            assert_eq!(c.working_days_between(start, end, &[]), 20, "{start}");
            assert!(
                c.is_working_day(end),
                "{start} → {end} must end on a working day"
            );
        }
    }

    #[test]
    fn every_start_day_of_2018_to_2026_ends_on_a_working_day_after_exactly_n_of_them() {
        let c = real();
        let mut start = date!(2018 - 01 - 01);
        while start <= date!(2026 - 12 - 31) {
            for n in [1, 5, 15, 20, 60] {
                let (end, _) = due(c.deadline(start, n, &[]));
                assert!(c.is_working_day(end), "{start} + {n} → {end}");
                assert_eq!(c.working_days_between(start, end, &[]), n, "{start} + {n}");
                // The day before the end still leaves one to go.
                let before = end.previous_day().unwrap_or(end);
                assert_eq!(
                    c.working_days_between(start, before, &[]),
                    n - 1,
                    "{start} + {n}"
                );
            }
            start = start.next_day().unwrap_or(date!(2027 - 01 - 01));
        }
    }

    #[test]
    fn a_limit_running_into_an_uncovered_year_counts_weekends_and_names_the_year() {
        let c = real();
        // 2026-12-28 (Monday) + 5 working days: 29, 30, 31 December, then 2027 — 1 January
        // 2027 (Friday) counts, as nobody has loaded 2027's holidays, and Monday the 4th.
        let (end, uncovered) = due(c.deadline(date!(2026 - 12 - 28), 5, &[]));
        assert_eq!(end, date!(2027 - 01 - 04));
        assert_eq!(uncovered, vec![2027]);
        // Inside a covered year nothing is named.
        assert!(due(c.deadline(date!(2026 - 03 - 02), 5, &[])).1.is_empty());
    }

    #[test]
    fn new_years_day_2026_and_its_make_up_sunday() {
        let c = real();
        // Wednesday 2025-12-31 accepted: 1–3 January rest, Sunday the 4th is a make-up day.
        assert_eq!(
            due(c.deadline(date!(2025 - 12 - 31), 1, &[])).0,
            date!(2026 - 01 - 04)
        );
    }

    #[test]
    fn a_pause_stops_the_clock_and_an_open_pause_leaves_the_deadline_unknown() {
        let c = real();
        let start = date!(2026 - 03 - 02); // Monday
        let plain = due(c.deadline(start, 5, &[])).0;
        assert_eq!(plain, date!(2026 - 03 - 09));
        // Correction requested Wednesday 4 March, supplied Friday 6 March: 3 working days do
        // not count, so the deadline moves three working days later.
        let closed = [Pause {
            from: date!(2026 - 03 - 04),
            to: Some(date!(2026 - 03 - 06)),
        }];
        assert_eq!(due(c.deadline(start, 5, &closed)).0, date!(2026 - 03 - 12));
        assert_eq!(
            c.working_days_between(start, date!(2026 - 03 - 12), &closed),
            5
        );
        // Still waiting for the applicant: 1 day used (the 3rd), 4 left.
        let open = [Pause {
            from: date!(2026 - 03 - 04),
            to: None,
        }];
        assert_eq!(
            c.deadline(start, 5, &open),
            Deadline::Paused {
                used: 1,
                remaining: 4
            }
        );
    }

    #[test]
    fn zero_days_is_due_the_same_day() {
        let c = real();
        assert_eq!(
            due(c.deadline(date!(2024 - 02 - 10), 0, &[])).0,
            date!(2024 - 02 - 10)
        );
    }

    #[test]
    fn bad_calendar_lines_are_named() {
        assert_eq!(
            Calendar::parse_csv("date,kind\n2024-02-10,holiday\n2024-13-01,holiday\n"),
            Err((3, FieldCode::InvalidLine))
        );
        assert_eq!(
            Calendar::parse_csv("date,kind\n2024-02-10,vacation\n"),
            Err((2, FieldCode::InvalidLine))
        );
    }
}
