//! A payment attempt (one click on "pay", one order at the provider) and what each word from
//! the provider does to it. The provider's asynchronous notification and our query job both
//! go through [`decide`], so however many times, in whatever order and by whichever path a
//! success arrives, it is recorded once: the second arrival is [`Outcome::AlreadyRecorded`].
//! The provider's word on money wins: a success for an attempt we had closed is still
//! recorded (money moved), and flagged when the bill was already paid another way, so the
//! finance officer refunds it.

use super::Fen;

crate::stable_names! {
    /// Where an attempt stands.
    pub enum AttemptState {
        /// The order is open at the provider; the payer may still pay.
        Pending = "pending",
        /// The provider took the money; the ledger has the payment.
        Succeeded = "succeeded",
        /// The provider closed the order unpaid (timed out or cancelled).
        Closed = "closed",
    }
}

/// What the provider said about an attempt (by notification or in answer to a query).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttemptEvent {
    /// Paid: the provider's own reference and the amount it took.
    Paid {
        /// The provider's trade number.
        trade_no: String,
        /// What it took.
        amount: Fen,
    },
    /// Closed unpaid (expired or cancelled by the payer).
    Closed,
    /// Still open.
    Open,
}

/// What to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Record the payment in the ledger and mark the attempt succeeded.
    Record {
        /// The amount the provider took differs from the attempt's: shown to the finance
        /// officer, the ledger records what moved.
        amount_differs: bool,
        /// The bill was already paid by another attempt: a refund is due.
        duplicate: bool,
    },
    /// The same success again (a retried or replayed notification): nothing changes.
    AlreadyRecorded,
    /// Mark the attempt closed.
    Close,
    /// Nothing to do (still open, or a stale word arriving after the outcome).
    Nothing,
}

/// The one decision. `expected` is the attempt's amount; `bill_paid` whether another attempt
/// of the same bill already succeeded; `recorded_trade` the trade number already recorded for
/// this attempt, if any.
pub fn decide(
    state: AttemptState,
    expected: Fen,
    bill_paid: bool,
    recorded_trade: Option<&str>,
    event: &AttemptEvent,
) -> Outcome {
    use AttemptState as S;
    match (state, event) {
        (S::Succeeded, AttemptEvent::Paid { trade_no, .. }) => {
            if recorded_trade.is_some_and(|t| t != trade_no) {
                // One order is paid once at the provider; a second trade number for it is
                // the provider's inconsistency, not a second payment: left to reconciliation.
                Outcome::Nothing
            } else {
                Outcome::AlreadyRecorded
            }
        }
        (S::Pending | S::Closed, AttemptEvent::Paid { amount, .. }) => Outcome::Record {
            amount_differs: *amount != expected,
            duplicate: bill_paid,
        },
        (S::Pending, AttemptEvent::Closed) => Outcome::Close,
        (S::Succeeded | S::Closed, AttemptEvent::Closed) | (_, AttemptEvent::Open) => {
            Outcome::Nothing
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use AttemptState as S;

    fn paid(t: &str, a: i64) -> AttemptEvent {
        AttemptEvent::Paid {
            trade_no: t.into(),
            amount: Fen(a),
        }
    }

    #[test]
    fn a_success_is_recorded_once_however_often_it_arrives() {
        let first = decide(S::Pending, Fen(100), false, None, &paid("T1", 100));
        assert_eq!(
            first,
            Outcome::Record {
                amount_differs: false,
                duplicate: false
            }
        );
        for _ in 0..3 {
            assert_eq!(
                decide(S::Succeeded, Fen(100), true, Some("T1"), &paid("T1", 100)),
                Outcome::AlreadyRecorded
            );
        }
    }

    #[test]
    fn a_closing_word_arriving_after_the_success_changes_nothing() {
        assert_eq!(
            decide(
                S::Succeeded,
                Fen(100),
                true,
                Some("T1"),
                &AttemptEvent::Closed
            ),
            Outcome::Nothing
        );
        assert_eq!(
            decide(S::Pending, Fen(100), false, None, &AttemptEvent::Closed),
            Outcome::Close
        );
        assert_eq!(
            decide(S::Pending, Fen(100), false, None, &AttemptEvent::Open),
            Outcome::Nothing
        );
    }

    #[test]
    fn money_taken_after_we_closed_the_attempt_is_still_recorded_and_flagged() {
        assert_eq!(
            decide(S::Closed, Fen(100), true, None, &paid("T2", 100)),
            Outcome::Record {
                amount_differs: false,
                duplicate: true
            }
        );
        assert_eq!(
            decide(S::Pending, Fen(100), false, None, &paid("T3", 90)),
            Outcome::Record {
                amount_differs: true,
                duplicate: false
            }
        );
    }
}
