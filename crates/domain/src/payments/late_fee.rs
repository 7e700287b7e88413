//! The late-fee rule (滞纳金). 行政强制法 §45: a daily surcharge on the unpaid amount, which
//! may not exceed the amount itself. A bill carries its daily rate in basis points (3‰ a day,
//! the common rate for fines, is 30); 0 means no late fee. Days count from the day after the
//! due date, in Beijing time.

use time::Date;

use super::Fen;

/// The daily rate in basis points (1/10 000) of the unpaid amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LateFeeRule {
    /// Basis points a day; 0 for none. At most 100 (1 % a day).
    pub daily_bp: u32,
}

impl LateFeeRule {
    /// No late fee.
    pub const NONE: LateFeeRule = LateFeeRule { daily_bp: 0 };
    /// 3‰ a day (处罚决定书 fines, 行政处罚法 §72).
    pub const FINE: LateFeeRule = LateFeeRule { daily_bp: 30 };

    /// A rule from its stored or typed rate; `None` when above 1 % a day.
    pub fn new(daily_bp: u32) -> Option<LateFeeRule> {
        (daily_bp <= 100).then_some(LateFeeRule { daily_bp })
    }

    /// The late fee on `principal` owed by `due`, when paid on `today`: floor(principal ×
    /// rate × days late), never more than the principal.
    pub fn fee(self, principal: Fen, due: Date, today: Date) -> Fen {
        let days = i128::from((today - due).whole_days().max(0));
        let raw = i128::from(principal.get()) * i128::from(self.daily_bp) * days / 10_000;
        Fen(raw.min(i128::from(principal.get())) as i64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn nothing_is_added_until_the_day_after_the_due_date() {
        let r = LateFeeRule::FINE;
        assert_eq!(
            r.fee(Fen(20000), date!(2026 - 12 - 10), date!(2026 - 12 - 01)),
            Fen(0)
        );
        assert_eq!(
            r.fee(Fen(20000), date!(2026 - 12 - 10), date!(2026 - 12 - 10)),
            Fen(0)
        );
        // One day late: 3‰ of ¥200 = ¥0.60.
        assert_eq!(
            r.fee(Fen(20000), date!(2026 - 12 - 10), date!(2026 - 12 - 11)),
            Fen(60)
        );
        // Ten days: ¥6.00.
        assert_eq!(
            r.fee(Fen(20000), date!(2026 - 12 - 10), date!(2026 - 12 - 20)),
            Fen(600)
        );
    }

    #[test]
    fn the_late_fee_never_exceeds_the_amount_owed() {
        let r = LateFeeRule::FINE;
        assert_eq!(
            r.fee(Fen(20000), date!(2020 - 01 - 01), date!(2026 - 12 - 01)),
            Fen(20000)
        );
    }

    #[test]
    fn fractions_of_a_fen_are_dropped_in_the_payers_favour() {
        // 3‰ of ¥0.99 is 0.297 fen a day: nothing on day one, 2 fen after ten days (2.97).
        let r = LateFeeRule::FINE;
        assert_eq!(
            r.fee(Fen(99), date!(2026 - 01 - 01), date!(2026 - 01 - 02)),
            Fen(0)
        );
        assert_eq!(
            r.fee(Fen(99), date!(2026 - 01 - 01), date!(2026 - 01 - 11)),
            Fen(2)
        );
        assert_eq!(
            LateFeeRule::NONE.fee(Fen(99), date!(2020 - 01 - 01), date!(2026 - 01 - 11)),
            Fen(0)
        );
        assert!(LateFeeRule::new(101).is_none());
    }
}
