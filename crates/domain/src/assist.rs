//! Assisted handling (帮办代办, APP-8): a staff member at a counter, a community centre or a
//! bank branch applies for a citizen who is with them. The citizen is named by ID number and
//! agrees by reading out a one-time code sent to their own phone; the agreement covers one
//! application of one item, for a short while, and only for the staff member who asked.
//!
//! This module holds the rules of a consent's life; the store keeps the rows and the web layer
//! asks [`state`] what a row allows now.

use std::time::Duration;

use crate::Timestamp;

/// How long the consent code works after it is sent.
pub const CODE_TTL: Duration = Duration::from_secs(10 * 60);
/// Wrong codes before the request is dead (a new one must be sent).
pub const MAX_ATTEMPTS: i64 = 5;
/// How long the staff member may work on the application once the citizen agreed: enough to
/// fill a long form with the citizen at the desk, not enough to come back another day.
pub const GRANT_TTL: Duration = Duration::from_secs(2 * 60 * 60);

/// What is known of a consent request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Consent {
    /// When the code was sent.
    pub created_at: Timestamp,
    /// Wrong codes so far.
    pub attempts: i64,
    /// When the citizen's code was accepted.
    pub granted_at: Option<Timestamp>,
    /// Whether the application was submitted under it.
    pub used: bool,
    /// Whether the staff member closed it.
    pub cancelled: bool,
}

/// Where a consent request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConsentState {
    /// The code was sent; the staff member may type it in until `until`.
    AwaitingCode {
        /// When the code stops working.
        until: Timestamp,
    },
    /// Too many wrong codes: a new request is needed.
    Locked,
    /// The code was never typed in time.
    CodeExpired,
    /// The citizen agreed: the staff member may fill and submit until `until`.
    Granted {
        /// When the agreement lapses.
        until: Timestamp,
    },
    /// The agreement lapsed before an application was submitted.
    Lapsed,
    /// The application was submitted; the agreement is spent.
    Used,
    /// Closed by the staff member.
    Cancelled,
}

impl ConsentState {
    /// Whether the staff member may act for the citizen now.
    pub fn is_granted(self) -> bool {
        matches!(self, ConsentState::Granted { .. })
    }

    /// A stable name, for the API and the pages.
    pub fn as_str(self) -> &'static str {
        match self {
            ConsentState::AwaitingCode { .. } => "awaiting_code",
            ConsentState::Locked => "locked",
            ConsentState::CodeExpired => "code_expired",
            ConsentState::Granted { .. } => "granted",
            ConsentState::Lapsed => "lapsed",
            ConsentState::Used => "used",
            ConsentState::Cancelled => "cancelled",
        }
    }
}

/// The state of a consent request at `now`.
pub fn state(c: &Consent, now: Timestamp) -> ConsentState {
    if c.used {
        return ConsentState::Used;
    }
    if c.cancelled {
        return ConsentState::Cancelled;
    }
    match c.granted_at {
        Some(at) => {
            let until = at.plus(GRANT_TTL);
            if now < until {
                ConsentState::Granted { until }
            } else {
                ConsentState::Lapsed
            }
        }
        None if c.attempts >= MAX_ATTEMPTS => ConsentState::Locked,
        None => {
            let until = c.created_at.plus(CODE_TTL);
            if now < until {
                ConsentState::AwaitingCode { until }
            } else {
                ConsentState::CodeExpired
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: Timestamp = Timestamp(1_790_000_000_000);

    fn fresh() -> Consent {
        Consent {
            created_at: T0,
            attempts: 0,
            granted_at: None,
            used: false,
            cancelled: false,
        }
    }

    fn at(secs: u64) -> Timestamp {
        T0.plus(Duration::from_secs(secs))
    }

    #[test]
    fn a_code_works_for_ten_minutes() {
        let c = fresh();
        assert_eq!(state(&c, T0), ConsentState::AwaitingCode { until: at(600) });
        assert_eq!(
            state(&c, at(599)),
            ConsentState::AwaitingCode { until: at(600) }
        );
        assert_eq!(state(&c, at(600)), ConsentState::CodeExpired);
    }

    #[test]
    fn five_wrong_codes_lock_the_request_even_in_time() {
        let mut c = fresh();
        c.attempts = MAX_ATTEMPTS - 1;
        assert!(matches!(state(&c, T0), ConsentState::AwaitingCode { .. }));
        c.attempts = MAX_ATTEMPTS;
        assert_eq!(state(&c, T0), ConsentState::Locked);
    }

    #[test]
    fn an_agreement_lasts_two_hours_from_the_code_not_from_the_request() {
        let mut c = fresh();
        c.granted_at = Some(at(540));
        assert_eq!(
            state(&c, at(700)),
            ConsentState::Granted {
                until: at(540 + 7200)
            }
        );
        assert!(state(&c, at(540 + 7199)).is_granted());
        assert_eq!(state(&c, at(540 + 7200)), ConsentState::Lapsed);
    }

    #[test]
    fn a_submitted_or_cancelled_agreement_allows_nothing_more() {
        let mut c = fresh();
        c.granted_at = Some(T0);
        c.used = true;
        assert_eq!(state(&c, T0), ConsentState::Used);
        assert!(!state(&c, T0).is_granted());
        let mut c = fresh();
        c.granted_at = Some(T0);
        c.cancelled = true;
        assert_eq!(state(&c, T0), ConsentState::Cancelled);
        // Attempts left over from before the grant do not matter once granted.
        let mut c = fresh();
        c.attempts = MAX_ATTEMPTS;
        c.granted_at = Some(T0);
        assert!(state(&c, T0).is_granted());
    }
}
