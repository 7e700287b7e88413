//! Capacity templates and the slots they make. A desk (a window or a doctor) has template
//! lines by weekday — `1 09:00-09:30 10` is "Mondays, 09:00 to 09:30, ten places" — and the
//! slots of a day are the lines of the weekday that day follows:
//!
//! - a public holiday of the platform's calendar (`deadline::Calendar`) has no slots;
//! - a make-up working day (调休上班) on a weekend follows the **Monday** template (the
//!   calendar does not say which weekday a make-up day replaces, and Monday is the full
//!   working day of every template we have seen);
//! - any other day follows its own weekday (a hospital may have Saturday lines; a hall
//!   usually has none);
//! - a closure (a day the place or the desk is closed: renovation, a training day) has none.

use time::{Date, Duration, Weekday};

use crate::FieldCode;
use crate::deadline::{Calendar, DayKind};

/// One line of a desk's weekly template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct TemplateLine {
    /// 1 = Monday … 7 = Sunday.
    pub weekday: u8,
    /// Start, minutes after midnight (Beijing).
    pub start: u16,
    /// End, minutes after midnight, after the start.
    pub end: u16,
    /// Places in each slot of this line (1–500).
    pub places: u32,
}

/// The most places one slot may offer.
pub const MAX_PLACES: u32 = 500;

/// One slot of one day, as the template made it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct SlotPlan {
    /// The day.
    pub day: Date,
    /// Start, minutes after midnight.
    pub start: u16,
    /// End.
    pub end: u16,
    /// Places.
    pub places: u32,
}

/// `HH:MM` of minutes after midnight.
pub fn hhmm(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

fn parse_hhmm(s: &str) -> Option<u16> {
    let (h, m) = s.split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    let h: u16 = h.parse().ok()?;
    let m: u16 = m.parse().ok()?;
    (h < 24 && m < 60).then_some(h * 60 + m)
}

impl TemplateLine {
    /// Reads `weekday HH:MM-HH:MM places`, e.g. `1 09:00-09:30 10` (1 = Monday).
    pub fn parse(line: &str) -> Result<TemplateLine, FieldCode> {
        let parts: Vec<&str> = line.split_whitespace().collect();
        let [w, span, places] = parts[..] else {
            return Err(FieldCode::InvalidLine);
        };
        let weekday: u8 = w.parse().map_err(|_| FieldCode::InvalidLine)?;
        if !(1..=7).contains(&weekday) {
            return Err(FieldCode::OutOfRange);
        }
        let (a, b) = span.split_once('-').ok_or(FieldCode::InvalidLine)?;
        let start = parse_hhmm(a).ok_or(FieldCode::InvalidLine)?;
        let end = parse_hhmm(b).ok_or(FieldCode::InvalidLine)?;
        if end <= start {
            return Err(FieldCode::OutOfRange);
        }
        let places: u32 = places.parse().map_err(|_| FieldCode::InvalidNumber)?;
        if !(1..=MAX_PLACES).contains(&places) {
            return Err(FieldCode::OutOfRange);
        }
        Ok(TemplateLine {
            weekday,
            start,
            end,
            places,
        })
    }

    /// The line in the form [`TemplateLine::parse`] reads.
    pub fn format(&self) -> String {
        format!(
            "{} {}-{} {}",
            self.weekday,
            hhmm(self.start),
            hhmm(self.end),
            self.places
        )
    }
}

/// Reads a whole template, one line each (blank lines ignored), refusing overlapping lines of
/// one weekday. The error names the 1-based line.
pub fn parse_template(text: &str) -> Result<Vec<TemplateLine>, (usize, FieldCode)> {
    let mut lines = Vec::new();
    for (i, l) in text.lines().enumerate() {
        if l.trim().is_empty() {
            continue;
        }
        let line = TemplateLine::parse(l).map_err(|c| (i + 1, c))?;
        if lines.iter().any(|o: &TemplateLine| {
            o.weekday == line.weekday && o.start < line.end && line.start < o.end
        }) {
            return Err((i + 1, FieldCode::DuplicateKey));
        }
        lines.push(line);
    }
    lines.sort();
    Ok(lines)
}

/// Which weekday's template `day` follows, or `None` when it has no slots (a holiday). See
/// the module's rules.
pub fn template_weekday(calendar: &Calendar, day: Date) -> Option<u8> {
    let own = day.weekday().number_from_monday();
    let weekend = matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday);
    match calendar.day_kind(day) {
        Some(DayKind::Holiday) => None,
        Some(DayKind::Workday) if weekend => Some(1),
        _ => Some(own),
    }
}

/// The slots of `days` days from `from` (inclusive) for a desk with `template`, skipping
/// holidays and the `closed` days.
pub fn plan(
    calendar: &Calendar,
    template: &[TemplateLine],
    closed: &[Date],
    from: Date,
    days: u32,
) -> Vec<SlotPlan> {
    let mut out = Vec::new();
    for n in 0..i64::from(days) {
        let Some(day) = from.checked_add(Duration::days(n)) else {
            break;
        };
        if closed.contains(&day) {
            continue;
        }
        let Some(weekday) = template_weekday(calendar, day) else {
            continue;
        };
        out.extend(
            template
                .iter()
                .filter(|l| l.weekday == weekday)
                .map(|l| SlotPlan {
                    day,
                    start: l.start,
                    end: l.end,
                    places: l.places,
                }),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn national_day_2026() -> Calendar {
        // 2026: 10-01…10-07 off; Sunday 09-27 (and Saturday 10-10) made up.
        let mut days: Vec<(Date, DayKind)> = (1..=7)
            .map(|d| {
                (
                    date!(2026 - 10 - 01) + Duration::days(d - 1),
                    DayKind::Holiday,
                )
            })
            .collect();
        days.push((date!(2026 - 09 - 27), DayKind::Workday));
        days.push((date!(2026 - 10 - 10), DayKind::Workday));
        Calendar::new(days)
    }

    #[test]
    fn no_slots_on_the_national_day_holiday_and_the_make_up_sunday_follows_monday() {
        let cal = national_day_2026();
        let t = parse_template("1 09:00-09:30 10\n1 09:30-10:00 8\n4 14:00-14:30 5").unwrap();
        let slots = plan(&cal, &t, &[], date!(2026 - 09 - 27), 14);
        let days: Vec<Date> = slots.iter().map(|s| s.day).collect();
        // 09-27 (Sun, make-up → Monday lines), 09-28 (Mon), 10-01 (Thu) is a holiday, 10-05
        // (Mon) is a holiday, 10-08 (Thu), 10-10 (Sat, make-up → Monday lines).
        assert_eq!(
            days,
            vec![
                date!(2026 - 09 - 27),
                date!(2026 - 09 - 27),
                date!(2026 - 09 - 28),
                date!(2026 - 09 - 28),
                date!(2026 - 10 - 08),
                date!(2026 - 10 - 10),
                date!(2026 - 10 - 10),
            ]
        );
        assert_eq!(slots[0].places, 10);
        assert_eq!(slots[4].start, 14 * 60);
    }

    #[test]
    fn a_closure_removes_the_day() {
        let cal = Calendar::new([]);
        let t = parse_template("2 08:30-09:00 3").unwrap();
        let tuesday = date!(2026 - 12 - 08);
        assert_eq!(plan(&cal, &t, &[], tuesday, 1).len(), 1);
        assert!(plan(&cal, &t, &[tuesday], tuesday, 1).is_empty());
    }

    #[test]
    fn bad_template_lines_are_named() {
        assert_eq!(
            parse_template("1 09:00-09:30 10\n\nx"),
            Err((3, FieldCode::InvalidLine))
        );
        assert_eq!(
            parse_template("8 09:00-09:30 10"),
            Err((1, FieldCode::OutOfRange))
        );
        assert_eq!(
            parse_template("1 09:30-09:00 10"),
            Err((1, FieldCode::OutOfRange))
        );
        assert_eq!(
            parse_template("1 09:00-09:30 0"),
            Err((1, FieldCode::OutOfRange))
        );
        assert_eq!(
            parse_template("1 09:00-09:30 501"),
            Err((1, FieldCode::OutOfRange))
        );
        assert_eq!(
            parse_template("1 24:00-24:30 1"),
            Err((1, FieldCode::InvalidLine))
        );
        assert_eq!(
            parse_template("1 9:00-9:3 1"),
            Err((1, FieldCode::InvalidLine))
        );
        assert_eq!(
            parse_template("1 09:00-10:00 1\n1 09:30-10:30 1"),
            Err((2, FieldCode::DuplicateKey))
        );
        assert!(parse_template("1 09:00-10:00 1\n2 09:30-10:30 1").is_ok());
    }

    /// Property: every well-formed line reads back from its own spelling, and every slot the
    /// plan makes lies on a working day of the calendar, or on a weekend with weekend lines.
    #[test]
    fn every_line_round_trips_and_plans_never_fall_on_holidays() {
        let cal = national_day_2026();
        let mut lines = Vec::new();
        for weekday in 1..=7u8 {
            for start in (0..1440u16).step_by(97) {
                for len in [1u16, 15, 30, 59, 240] {
                    let end = start + len;
                    if end >= 1440 {
                        continue;
                    }
                    for places in [1u32, 10, MAX_PLACES] {
                        let l = TemplateLine {
                            weekday,
                            start,
                            end,
                            places,
                        };
                        assert_eq!(TemplateLine::parse(&l.format()), Ok(l));
                        if places == 10 && len == 30 {
                            lines.push(l);
                        }
                    }
                }
            }
        }
        let plan = plan(&cal, &lines, &[], date!(2026 - 09 - 01), 61);
        assert!(!plan.is_empty());
        for s in &plan {
            let weekend = matches!(s.day.weekday(), Weekday::Saturday | Weekday::Sunday);
            assert!(cal.is_working_day(s.day) || weekend, "{s:?} on a holiday");
            assert!(
                !(date!(2026 - 10 - 01)..=date!(2026 - 10 - 07)).contains(&s.day),
                "{s:?}"
            );
        }
    }
}
