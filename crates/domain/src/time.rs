//! Time as the platform stores it (milliseconds since the Unix epoch, UTC) and as citizens read
//! it (Beijing time, UTC+8, which has no daylight saving).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use time::{OffsetDateTime, UtcOffset};

/// China Standard Time, UTC+08:00 all year.
pub const BEIJING: UtcOffset = match UtcOffset::from_hms(8, 0, 0) {
    Ok(o) => o,
    Err(_) => UtcOffset::UTC,
};

/// An instant, in milliseconds since the Unix epoch. Stored as a BIGINT in both databases.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Timestamp(pub i64);

impl Timestamp {
    /// The current instant from the system clock.
    pub fn now() -> Timestamp {
        let ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0);
        Timestamp(ms)
    }

    /// Milliseconds since the epoch.
    pub fn millis(self) -> i64 {
        self.0
    }

    /// Whole seconds since the epoch.
    pub fn secs(self) -> i64 {
        self.0.div_euclid(1000)
    }

    /// This instant plus a duration (saturating).
    pub fn plus(self, d: Duration) -> Timestamp {
        Timestamp(self.0.saturating_add(d.as_millis() as i64))
    }

    /// This instant minus a duration (saturating).
    pub fn minus(self, d: Duration) -> Timestamp {
        Timestamp(self.0.saturating_sub(d.as_millis() as i64))
    }

    /// The time from `earlier` to `self`, zero if `earlier` is later.
    pub fn since(self, earlier: Timestamp) -> Duration {
        Duration::from_millis(self.0.saturating_sub(earlier.0).max(0) as u64)
    }

    /// The date and time in Beijing.
    pub fn to_beijing(self) -> OffsetDateTime {
        let nanos = i128::from(self.0) * 1_000_000;
        OffsetDateTime::from_unix_timestamp_nanos(nanos)
            .unwrap_or(OffsetDateTime::UNIX_EPOCH)
            .to_offset(BEIJING)
    }

    /// Beijing date, e.g. `2026-11-22`.
    pub fn beijing_date(self) -> time::Date {
        self.to_beijing().date()
    }

    /// Beijing time as `2026-11-22 09:05`, the form pages show.
    pub fn display_minutes(self) -> String {
        let t = self.to_beijing();
        format!(
            "{:04}-{:02}-{:02} {:02}:{:02}",
            t.year(),
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute()
        )
    }

    /// RFC 3339 in UTC, the form the API returns.
    pub fn rfc3339(self) -> String {
        let nanos = i128::from(self.0) * 1_000_000;
        let t =
            OffsetDateTime::from_unix_timestamp_nanos(nanos).unwrap_or(OffsetDateTime::UNIX_EPOCH);
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
            t.year(),
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute(),
            t.second(),
            t.millisecond()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn beijing_is_eight_hours_ahead_of_utc() {
        // 2026-10-01T00:00:00Z is 08:00 on National Day in Beijing.
        let t = Timestamp(1_790_812_800_000);
        assert_eq!(t.display_minutes(), "2026-10-01 08:00");
        assert_eq!(t.rfc3339(), "2026-10-01T00:00:00.000Z");
    }

    #[test]
    fn late_evening_utc_is_the_next_day_in_beijing() {
        // 2026-09-30T20:00:00Z → 2026-10-01 04:00 Beijing.
        let t = Timestamp(1_790_798_400_000);
        assert_eq!(t.beijing_date().to_string(), "2026-10-01");
    }

    #[test]
    fn arithmetic_saturates_and_never_goes_negative() {
        let t = Timestamp(1000);
        assert_eq!(t.since(Timestamp(5000)), Duration::ZERO);
        assert_eq!(t.plus(Duration::from_secs(1)), Timestamp(2000));
        assert_eq!(
            Timestamp(i64::MAX).plus(Duration::from_secs(1)),
            Timestamp(i64::MAX)
        );
    }
}
