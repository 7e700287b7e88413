//! Session lifetime rules: an idle timeout and an absolute timeout (OWASP ASVS V3.3).

use std::time::Duration;

use crate::time::Timestamp;

/// How long sessions live.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionPolicy {
    /// A session unused this long ends.
    pub idle: Duration,
    /// A session ends this long after login, however active.
    pub absolute: Duration,
}

/// Citizens: 30 minutes idle, 12 hours absolute.
pub const CITIZEN: SessionPolicy = SessionPolicy {
    idle: Duration::from_secs(30 * 60),
    absolute: Duration::from_secs(12 * 3600),
};
/// Staff: 20 minutes idle, 10 hours absolute (a working day).
pub const STAFF: SessionPolicy = SessionPolicy {
    idle: Duration::from_secs(20 * 60),
    absolute: Duration::from_secs(10 * 3600),
};

/// How often a session's last-seen time is written back. Writing on every request would turn
/// every page view into a database write.
pub const TOUCH_EVERY: Duration = Duration::from_secs(60);

/// The state of a session at an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionState {
    /// In force.
    Live,
    /// Ended because it was unused for too long.
    IdleExpired,
    /// Ended because it is older than the absolute limit.
    AbsoluteExpired,
}

impl SessionPolicy {
    /// The state of a session created at `created` and last used at `last_seen`.
    pub fn state(&self, created: Timestamp, last_seen: Timestamp, now: Timestamp) -> SessionState {
        if now.since(created) >= self.absolute {
            SessionState::AbsoluteExpired
        } else if now.since(last_seen) >= self.idle {
            SessionState::IdleExpired
        } else {
            SessionState::Live
        }
    }

    /// The instant after which the session can be deleted whatever happens.
    pub fn hard_end(&self, created: Timestamp) -> Timestamp {
        created.plus(self.absolute)
    }
}

/// Whether a live session's last-seen time should be written now.
pub fn needs_touch(last_seen: Timestamp, now: Timestamp) -> bool {
    now.since(last_seen) >= TOUCH_EVERY
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idle_and_absolute_timeouts() {
        let t0 = Timestamp(0);
        let m = |mins: u64| t0.plus(Duration::from_secs(mins * 60));
        assert_eq!(CITIZEN.state(t0, m(29), m(30)), SessionState::Live);
        assert_eq!(CITIZEN.state(t0, m(0), m(30)), SessionState::IdleExpired);
        // Active all day, but 12 hours is the limit.
        assert_eq!(
            CITIZEN.state(t0, m(719), m(720)),
            SessionState::AbsoluteExpired
        );
        assert!(needs_touch(m(0), m(1)));
        assert!(!needs_touch(m(0), t0.plus(Duration::from_secs(59))));
    }
}
