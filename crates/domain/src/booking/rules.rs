//! The rules of booking (SVC-2), set per deployment (`booking_settings`) with these defaults:
//!
//! - a slot can be booked from now until `days_ahead` days ahead (14), never once it started;
//! - one account holds at most `max_open` open bookings (confirmed or waiting) for itself and
//!   its family members together (3);
//! - a booking can be cancelled until `cancel_cutoff_minutes` before the slot starts (120);
//! - `no_show_limit` no-shows (3) within `no_show_window_days` (90) block new bookings for
//!   `block_days` (30) from the last one;
//! - a place released by a cancellation goes to the slot's waiting list first come, first
//!   served: the earliest entry (by the time it joined, then its id) gets it.

use serde::{Deserialize, Serialize};
use time::{Date, Duration, PrimitiveDateTime, Time};

use crate::FieldCode;

/// The configurable rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingRules {
    /// How many days ahead a slot may be booked (today is day 0).
    pub days_ahead: u32,
    /// Open bookings (confirmed or waiting) one account may hold.
    pub max_open: u32,
    /// Minutes before the start after which a booking can no longer be cancelled.
    pub cancel_cutoff_minutes: u32,
    /// No-shows within the window that block booking.
    pub no_show_limit: u32,
    /// The window the no-shows are counted in, in days back from today.
    pub no_show_window_days: u32,
    /// Days of the block, from the day of the last no-show.
    pub block_days: u32,
}

impl Default for BookingRules {
    fn default() -> Self {
        BookingRules {
            days_ahead: 14,
            max_open: 3,
            cancel_cutoff_minutes: 120,
            no_show_limit: 3,
            no_show_window_days: 90,
            block_days: 30,
        }
    }
}

impl BookingRules {
    /// Checks values an administrator set: each within sensible bounds.
    pub fn check(&self) -> Result<(), (&'static str, FieldCode)> {
        let within = |v: u32, lo: u32, hi: u32| (lo..=hi).contains(&v);
        if !within(self.days_ahead, 0, 90) {
            return Err(("days_ahead", FieldCode::OutOfRange));
        }
        if !within(self.max_open, 1, 20) {
            return Err(("max_open", FieldCode::OutOfRange));
        }
        if !within(self.cancel_cutoff_minutes, 0, 7 * 24 * 60) {
            return Err(("cancel_cutoff_minutes", FieldCode::OutOfRange));
        }
        if !within(self.no_show_limit, 1, 100) {
            return Err(("no_show_limit", FieldCode::OutOfRange));
        }
        if !within(self.no_show_window_days, 1, 730) {
            return Err(("no_show_window_days", FieldCode::OutOfRange));
        }
        if !within(self.block_days, 0, 365) {
            return Err(("block_days", FieldCode::OutOfRange));
        }
        Ok(())
    }

    /// The last day of a block in force on `today`, if any. A block starts on a no-show day
    /// that completes `no_show_limit` no-shows within `no_show_window_days` ending that day,
    /// and lasts `block_days` from it — once begun it runs its length even when the first of
    /// those no-shows leaves the window.
    pub fn blocked_until(&self, no_show_days: &[Date], today: Date) -> Option<Date> {
        if self.block_days == 0 {
            return None;
        }
        let window = Duration::days(i64::from(self.no_show_window_days));
        let mut days: Vec<Date> = no_show_days
            .iter()
            .copied()
            .filter(|d| *d <= today)
            .collect();
        days.sort_unstable();
        days.iter()
            .filter(|d| {
                let from = **d - window;
                days.iter().filter(|x| **x > from && **x <= **d).count()
                    >= self.no_show_limit as usize
            })
            .map(|d| *d + Duration::days(i64::from(self.block_days) - 1))
            .max()
            .filter(|until| *until >= today)
    }

    /// Whether a slot on `day` starting at `start` (minutes, Beijing) may be booked at `now`
    /// (Beijing) by an account holding `open` open bookings whose no-shows fell on
    /// `no_show_days`. The error is the field code the citizen reads.
    pub fn may_book(
        &self,
        now: PrimitiveDateTime,
        day: Date,
        start: u16,
        open: u32,
        no_show_days: &[Date],
    ) -> Result<(), FieldCode> {
        if at(day, start) <= now {
            return Err(FieldCode::SlotPast);
        }
        if day > now.date() + Duration::days(i64::from(self.days_ahead)) {
            return Err(FieldCode::TooFarAhead);
        }
        if self.blocked_until(no_show_days, now.date()).is_some() {
            return Err(FieldCode::BookingBlocked);
        }
        if open >= self.max_open {
            return Err(FieldCode::TooManyOpenBookings);
        }
        Ok(())
    }

    /// Whether a booking of a slot on `day` at `start` may still be cancelled at `now`.
    pub fn may_cancel(&self, now: PrimitiveDateTime, day: Date, start: u16) -> bool {
        now + Duration::minutes(i64::from(self.cancel_cutoff_minutes)) <= at(day, start)
    }
}

/// The moment a slot starts (Beijing).
pub fn at(day: Date, minutes: u16) -> PrimitiveDateTime {
    let t = Time::from_hms(
        u8::try_from(minutes / 60).unwrap_or(23),
        (minutes % 60) as u8,
        0,
    )
    .unwrap_or(Time::MIDNIGHT);
    PrimitiveDateTime::new(day, t)
}

/// A person may be checked in on the slot's day only (a code shown a day early or late is
/// refused, so yesterday's screenshot does not serve today).
pub fn may_check_in(today: Date, day: Date) -> bool {
    today == day
}

/// A no-show can be marked once the slot has started.
pub fn may_mark_no_show(now: PrimitiveDateTime, day: Date, start: u16) -> bool {
    now >= at(day, start)
}

/// The reminder of a booking for `day` is due from 09:00 (Beijing) of the day before until
/// the slot starts.
pub fn reminder_due(now: PrimitiveDateTime, day: Date, start: u16) -> bool {
    let from = at(day - Duration::days(1), 9 * 60);
    now >= from && now < at(day, start)
}

/// The waiting list's order: the entry that joined first gets a released place (ties by id,
/// which is time-ordered too). Returns the index of the next one in `entries` (joined-at
/// milliseconds, id).
pub fn next_waiting<T: Ord>(entries: &[(i64, T)]) -> Option<usize> {
    entries
        .iter()
        .enumerate()
        .min_by(|a, b| a.1.cmp(b.1))
        .map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    #[test]
    fn a_past_or_started_slot_cannot_be_booked() {
        let r = BookingRules::default();
        let now = datetime!(2026-12-07 09:10);
        assert_eq!(
            r.may_book(now, date!(2026 - 12 - 07), 9 * 60, 0, &[]),
            Err(FieldCode::SlotPast)
        );
        assert_eq!(
            r.may_book(now, date!(2026 - 12 - 06), 15 * 60, 0, &[]),
            Err(FieldCode::SlotPast)
        );
        assert_eq!(
            r.may_book(now, date!(2026 - 12 - 07), 9 * 60 + 30, 0, &[]),
            Ok(())
        );
    }

    #[test]
    fn a_slot_beyond_the_booking_horizon_is_refused() {
        let r = BookingRules::default();
        let now = datetime!(2026-12-07 09:10);
        assert_eq!(r.may_book(now, date!(2026 - 12 - 21), 600, 0, &[]), Ok(()));
        assert_eq!(
            r.may_book(now, date!(2026 - 12 - 22), 600, 0, &[]),
            Err(FieldCode::TooFarAhead)
        );
    }

    #[test]
    fn more_open_bookings_than_allowed_are_refused() {
        let r = BookingRules::default();
        let now = datetime!(2026-12-07 08:00);
        let day = date!(2026 - 12 - 08);
        assert_eq!(r.may_book(now, day, 600, 2, &[]), Ok(()));
        assert_eq!(
            r.may_book(now, day, 600, 3, &[]),
            Err(FieldCode::TooManyOpenBookings)
        );
    }

    #[test]
    fn three_no_shows_in_ninety_days_block_booking_for_thirty_days() {
        let r = BookingRules::default();
        let shows = [
            date!(2026 - 09 - 20),
            date!(2026 - 11 - 02),
            date!(2026 - 12 - 01),
        ];
        assert_eq!(
            r.blocked_until(&shows, date!(2026 - 12 - 01)),
            Some(date!(2026 - 12 - 30))
        );
        assert_eq!(
            r.blocked_until(&shows, date!(2026 - 12 - 30)),
            Some(date!(2026 - 12 - 30))
        );
        assert_eq!(r.blocked_until(&shows, date!(2026 - 12 - 31)), None);
        assert_eq!(
            r.blocked_until(&shows[1..], date!(2026 - 12 - 01)),
            None,
            "two are allowed"
        );
        // The first one fell out of the window by 2026-12-19 (90 days after 09-20).
        let spread = [
            date!(2026 - 09 - 01),
            date!(2026 - 11 - 02),
            date!(2026 - 12 - 01),
        ];
        assert_eq!(r.blocked_until(&spread, date!(2026 - 12 - 01)), None);
        let now = datetime!(2026-12-02 08:00);
        assert_eq!(
            r.may_book(now, date!(2026 - 12 - 03), 600, 0, &shows),
            Err(FieldCode::BookingBlocked)
        );
        let lenient = BookingRules {
            no_show_limit: 4,
            ..r
        };
        assert_eq!(
            lenient.may_book(now, date!(2026 - 12 - 03), 600, 0, &shows),
            Ok(())
        );
    }

    #[test]
    fn cancelling_is_allowed_until_the_cut_off() {
        let r = BookingRules::default();
        let day = date!(2026 - 12 - 08);
        assert!(r.may_cancel(datetime!(2026-12-08 07:00), day, 9 * 60));
        assert!(!r.may_cancel(datetime!(2026-12-08 07:01), day, 9 * 60));
        let none = BookingRules {
            cancel_cutoff_minutes: 0,
            ..r
        };
        assert!(none.may_cancel(datetime!(2026-12-08 09:00), day, 9 * 60));
    }

    #[test]
    fn check_in_on_the_day_no_show_after_the_start_reminder_the_day_before() {
        let day = date!(2026 - 12 - 08);
        assert!(may_check_in(day, day));
        assert!(!may_check_in(date!(2026 - 12 - 07), day));
        assert!(!may_mark_no_show(datetime!(2026-12-08 08:59), day, 540));
        assert!(may_mark_no_show(datetime!(2026-12-08 09:00), day, 540));
        assert!(!reminder_due(datetime!(2026-12-07 08:59), day, 540));
        assert!(reminder_due(datetime!(2026-12-07 09:00), day, 540));
        assert!(reminder_due(datetime!(2026-12-08 08:59), day, 540));
        assert!(!reminder_due(datetime!(2026-12-08 09:00), day, 540));
    }

    #[test]
    fn the_waiting_list_is_first_come_first_served() {
        assert_eq!(next_waiting::<u8>(&[]), None);
        assert_eq!(next_waiting(&[(30, 1), (10, 9), (10, 4), (20, 0)]), Some(2));
    }

    #[test]
    fn settings_outside_bounds_are_refused() {
        assert!(BookingRules::default().check().is_ok());
        let r = BookingRules {
            max_open: 0,
            ..BookingRules::default()
        };
        assert_eq!(r.check(), Err(("max_open", FieldCode::OutOfRange)));
    }

    /// Property: over every start time of a day and every "now" on a grid, a slot is bookable
    /// exactly when it starts later than now and is within the horizon, and a bookable slot
    /// can always be cancelled when the cut-off is zero.
    #[test]
    fn bookable_exactly_when_in_the_future_and_within_the_horizon() {
        let r = BookingRules {
            cancel_cutoff_minutes: 0,
            ..BookingRules::default()
        };
        let today = date!(2026 - 12 - 07);
        for now_min in (0..1440u16).step_by(37) {
            let now = at(today, now_min);
            for offset in -2i64..=16 {
                let day = today + Duration::days(offset);
                for start in (0..1440u16).step_by(53) {
                    let ok = r.may_book(now, day, start, 0, &[]).is_ok();
                    let expect = at(day, start) > now && offset <= 14;
                    assert_eq!(ok, expect, "now {now} slot {day} {start}");
                    if ok {
                        assert!(r.may_cancel(now, day, start));
                    }
                }
            }
        }
    }
}
