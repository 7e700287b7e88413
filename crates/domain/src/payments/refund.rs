//! Refunds (full or partial): what is refunded, counting refunds still waiting for the
//! provider, never exceeds what was paid.

use super::Fen;
use crate::FieldCode;

/// Whether `amount` may be refunded of a payment of `paid` of which `refunded` (done or
/// pending) is already refunded. `RefundOverPaid` when it would exceed what was paid.
pub fn check_refund(paid: Fen, refunded: Fen, amount: Fen) -> Result<(), FieldCode> {
    if amount.get() <= 0 {
        return Err(FieldCode::OutOfRange);
    }
    if refunded.plus(amount) > paid {
        return Err(FieldCode::RefundOverPaid);
    }
    Ok(())
}

crate::stable_names! {
    /// Where a refund stands.
    pub enum RefundState {
        /// Asked of the provider; its notification or a query settles it.
        Pending = "pending",
        /// The provider returned the money; the ledger has the refund.
        Succeeded = "succeeded",
        /// The provider refused it.
        Failed = "failed",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_refunds_add_up_to_at_most_what_was_paid() {
        assert_eq!(check_refund(Fen(1000), Fen(0), Fen(400)), Ok(()));
        assert_eq!(check_refund(Fen(1000), Fen(400), Fen(600)), Ok(()));
        assert_eq!(
            check_refund(Fen(1000), Fen(400), Fen(601)),
            Err(FieldCode::RefundOverPaid)
        );
        assert_eq!(
            check_refund(Fen(1000), Fen(0), Fen(1001)),
            Err(FieldCode::RefundOverPaid)
        );
        assert_eq!(
            check_refund(Fen(1000), Fen(0), Fen(0)),
            Err(FieldCode::OutOfRange)
        );
    }
}
