//! Rate limits and lockouts as pure arithmetic over a counter window; the store keeps the
//! counters in the database so every instance sees the same numbers.

use std::time::Duration;

use crate::time::Timestamp;

/// A limit: at most `max_events` within `window`; reaching it blocks for `block_for`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateRule {
    /// Events allowed in one window.
    pub max_events: u32,
    /// Length of the counting window.
    pub window: Duration,
    /// How long the key is blocked once the limit is reached.
    pub block_for: Duration,
}

/// Tries of a receipt number and query code from one client address: enough for a
/// person who mistypes, far too few to guess six digits.
pub const TRACK_PER_CLIENT: RateRule = RateRule {
    max_events: 20,
    window: Duration::from_secs(900),
    block_for: Duration::from_secs(900),
};

/// Bill lookups from one client address that found nothing (a code and payer's name that do
/// not match): a payer who mistypes tries a few times, someone guessing whose bill a code
/// is, or what codes exist, is stopped. Lookups that find the bill are not counted.
pub const BILL_LOOKUP_FAILURES_PER_CLIENT: RateRule = RateRule {
    max_events: 10,
    window: Duration::from_secs(900),
    block_for: Duration::from_secs(900),
};

/// Assisted-handling consent codes sent to one citizen: three an hour, so a counter can retry
/// a lost message but nobody can flood a person's phone.
pub const ASSIST_PER_CITIZEN: RateRule = RateRule {
    max_events: 3,
    window: Duration::from_secs(3600),
    block_for: Duration::from_secs(3600),
};
/// Assisted-handling consent codes one staff member may ask for: thirty an hour (a busy
/// counter serves one person every few minutes).
pub const ASSIST_PER_STAFF: RateRule = RateRule {
    max_events: 30,
    window: Duration::from_secs(3600),
    block_for: Duration::from_secs(3600),
};

/// Agent invitations one legal representative may send: ten a day. Each names a mobile
/// number; without a limit the form would tell anyone, number by number, who has a verified
/// account (the answer is the same either way, but the invited person is told).
pub const AGENT_INVITES_PER_ACCOUNT: RateRule = RateRule {
    max_events: 10,
    window: Duration::from_secs(86_400),
    block_for: Duration::from_secs(86_400),
};

/// Confirmation emails an account may have sent (to addresses it gives) in a day: enough to
/// fix a typo, too few to use the platform to flood someone's mailbox.
pub const EMAIL_CONFIRMATIONS_PER_ACCOUNT: RateRule = RateRule {
    max_events: 5,
    window: Duration::from_secs(86_400),
    block_for: Duration::from_secs(86_400),
};

/// Test notifications a person may send to their own devices in an hour.
pub const PUSH_TESTS_PER_ACCOUNT: RateRule = RateRule {
    max_events: 10,
    window: Duration::from_secs(3600),
    block_for: Duration::from_secs(3600),
};

/// Failed logins per account: 5 in 15 minutes locks the account for 15 minutes.
pub const LOGIN_PER_ACCOUNT: RateRule = RateRule {
    max_events: 5,
    window: Duration::from_secs(900),
    block_for: Duration::from_secs(900),
};
/// Failed logins per client address: 30 in 15 minutes blocks the address for 15 minutes.
pub const LOGIN_PER_CLIENT: RateRule = RateRule {
    max_events: 30,
    window: Duration::from_secs(900),
    block_for: Duration::from_secs(900),
};
/// SMS codes per mobile number: one a minute.
pub const SMS_PER_PHONE_MINUTE: RateRule = RateRule {
    max_events: 1,
    window: Duration::from_secs(60),
    block_for: Duration::from_secs(60),
};
/// SMS codes per mobile number: ten a day.
pub const SMS_PER_PHONE_DAY: RateRule = RateRule {
    max_events: 10,
    window: Duration::from_secs(86_400),
    block_for: Duration::from_secs(86_400),
};
/// SMS codes per client address: twenty an hour.
pub const SMS_PER_CLIENT: RateRule = RateRule {
    max_events: 20,
    window: Duration::from_secs(3600),
    block_for: Duration::from_secs(3600),
};
/// Account registrations and real-name attempts per client address: thirty an hour.
pub const SIGNUP_PER_CLIENT: RateRule = RateRule {
    max_events: 30,
    window: Duration::from_secs(3600),
    block_for: Duration::from_secs(3600),
};

/// A counter as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counter {
    /// Events counted in the current window.
    pub events: u32,
    /// When the current window began.
    pub window_start: Timestamp,
    /// Blocked until this instant, if blocked.
    pub blocked_until: Option<Timestamp>,
}

impl Counter {
    /// If blocked at `now`, the time left.
    pub fn blocked(&self, now: Timestamp) -> Option<Duration> {
        self.blocked_until
            .filter(|u| *u > now)
            .map(|u| u.since(now))
    }

    /// The counter after one more event at `now`.
    pub fn record(self, rule: RateRule, now: Timestamp) -> Counter {
        let fresh = now.since(self.window_start) >= rule.window || self.events == 0;
        let (events, window_start) = if fresh {
            (1, now)
        } else {
            (self.events.saturating_add(1), self.window_start)
        };
        let blocked_until = if events >= rule.max_events {
            Some(now.plus(rule.block_for))
        } else {
            self.blocked_until.filter(|u| *u > now)
        };
        Counter {
            events,
            window_start,
            blocked_until,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fifth_failure_locks_the_account_for_fifteen_minutes() {
        let mut c = Counter::default();
        let t0 = Timestamp(1_000_000);
        for i in 0..4 {
            c = c.record(LOGIN_PER_ACCOUNT, t0.plus(Duration::from_secs(i * 10)));
            assert_eq!(c.blocked(t0.plus(Duration::from_secs(i * 10))), None);
        }
        let t5 = t0.plus(Duration::from_secs(60));
        c = c.record(LOGIN_PER_ACCOUNT, t5);
        assert_eq!(c.blocked(t5), Some(Duration::from_secs(900)));
        assert!(c.blocked(t5.plus(Duration::from_secs(901))).is_none());
    }

    #[test]
    fn failures_spread_over_more_than_the_window_never_lock() {
        let mut c = Counter::default();
        for i in 0..20 {
            let t = Timestamp(i * 16 * 60 * 1000);
            c = c.record(LOGIN_PER_ACCOUNT, t);
            assert!(c.blocked(t).is_none());
        }
    }

    #[test]
    fn one_sms_a_minute() {
        let t0 = Timestamp(5_000_000);
        let c = Counter::default().record(SMS_PER_PHONE_MINUTE, t0);
        assert!(c.blocked(t0.plus(Duration::from_secs(30))).is_some());
        assert!(c.blocked(t0.plus(Duration::from_secs(61))).is_none());
    }
}
