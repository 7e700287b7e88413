//! Amounts in fen (分), the smallest unit of the yuan, always as integers: a bill, a payment, a
//! refund and every posting of the ledger are whole fen, never floating point. What people
//! type in yuan (`12.5`, `12.50`, `¥1,200`) is read exactly; a third decimal place (a fraction
//! of a fen) is refused rather than rounded.

use std::fmt;

use crate::FieldCode;

/// The most one bill may be: ¥10 000 000.00 (far above any fee; keeps sums in `i64`).
pub const MAX: i64 = 1_000_000_000;

/// An amount of money in fen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Fen(pub i64);

impl Fen {
    /// Zero.
    pub const ZERO: Fen = Fen(0);

    /// An amount from a count of fen, as an API sends it: a positive whole number at most
    /// [`MAX`]. JSON numbers are given as text so that `12.5` (half a fen) and `1e3` are
    /// refused with `AmountNotWholeFen`, never truncated.
    pub fn from_fen_text(text: &str) -> Result<Fen, FieldCode> {
        let t = text.trim();
        if t.is_empty() {
            return Err(FieldCode::Required);
        }
        if !t.bytes().all(|b| b.is_ascii_digit()) {
            return Err(
                if t.contains(['.', 'e', 'E']) && t.trim_start_matches('-').parse::<f64>().is_ok() {
                    FieldCode::AmountNotWholeFen
                } else {
                    FieldCode::InvalidNumber
                },
            );
        }
        let v: i64 = t.parse().map_err(|_| FieldCode::OutOfRange)?;
        Fen::positive(v)
    }

    /// A positive amount at most [`MAX`].
    pub fn positive(v: i64) -> Result<Fen, FieldCode> {
        if v <= 0 || v > MAX {
            return Err(FieldCode::OutOfRange);
        }
        Ok(Fen(v))
    }

    /// Reads yuan as people type them: `12`, `12.5`, `12.50`, `1,200.00`, `¥30`. At most two
    /// decimal places (`AmountNotWholeFen` for a third); positive and at most [`MAX`].
    pub fn parse_yuan(text: &str) -> Result<Fen, FieldCode> {
        let t: String = text
            .trim()
            .trim_start_matches(['¥', '￥'])
            .chars()
            .filter(|c| *c != ',' && *c != '，' && *c != ' ')
            .collect();
        if t.is_empty() {
            return Err(FieldCode::Required);
        }
        let (whole, frac) = match t.split_once('.') {
            Some((w, f)) => (w, f),
            None => (t.as_str(), ""),
        };
        if whole.is_empty() && frac.is_empty()
            || !whole.bytes().all(|b| b.is_ascii_digit())
            || !frac.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(FieldCode::InvalidNumber);
        }
        if frac.len() > 2 {
            return Err(FieldCode::AmountNotWholeFen);
        }
        if whole.len() > 12 {
            return Err(FieldCode::OutOfRange);
        }
        let w: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| FieldCode::InvalidNumber)?
        };
        let f: i64 = match frac.len() {
            0 => 0,
            1 => frac.parse::<i64>().map_err(|_| FieldCode::InvalidNumber)? * 10,
            _ => frac.parse().map_err(|_| FieldCode::InvalidNumber)?,
        };
        Fen::positive(w * 100 + f)
    }

    /// The amount in fen.
    pub fn get(self) -> i64 {
        self.0
    }

    /// As yuan with two decimals, `1234.50` (no currency sign): what a statement carries.
    pub fn yuan(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let a = self.0.unsigned_abs();
        format!("{sign}{}.{:02}", a / 100, a % 100)
    }

    /// Sum, saturating (sums of bounded amounts never get near `i64::MAX`).
    pub fn plus(self, other: Fen) -> Fen {
        Fen(self.0.saturating_add(other.0))
    }

    /// Difference.
    pub fn minus(self, other: Fen) -> Fen {
        Fen(self.0.saturating_sub(other.0))
    }
}

impl fmt::Display for Fen {
    /// `¥1,234.50`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let y = self.yuan();
        let (sign, y) = y.strip_prefix('-').map_or(("", y.as_str()), |r| ("-", r));
        let (w, d) = y.split_once('.').unwrap_or((y, "00"));
        let mut grouped = String::new();
        for (i, c) in w.chars().enumerate() {
            if i > 0 && (w.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(c);
        }
        write!(f, "{sign}¥{grouped}.{d}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yuan_as_typed_become_exact_fen() {
        assert_eq!(Fen::parse_yuan("200"), Ok(Fen(20000)));
        assert_eq!(Fen::parse_yuan("12.5"), Ok(Fen(1250)));
        assert_eq!(Fen::parse_yuan("12.05"), Ok(Fen(1205)));
        assert_eq!(Fen::parse_yuan("￥1,200.00"), Ok(Fen(120000)));
        assert_eq!(Fen::parse_yuan("0.01"), Ok(Fen(1)));
        assert_eq!(Fen::parse_yuan(".5"), Ok(Fen(50)));
    }

    #[test]
    fn a_fraction_of_a_fen_is_refused_not_rounded() {
        assert_eq!(Fen::parse_yuan("12.505"), Err(FieldCode::AmountNotWholeFen));
        assert_eq!(
            Fen::from_fen_text("1250.5"),
            Err(FieldCode::AmountNotWholeFen)
        );
        assert_eq!(Fen::from_fen_text("1e3"), Err(FieldCode::AmountNotWholeFen));
        assert_eq!(Fen::from_fen_text("1250"), Ok(Fen(1250)));
    }

    #[test]
    fn zero_negative_huge_and_words_are_refused() {
        assert_eq!(Fen::parse_yuan("0"), Err(FieldCode::OutOfRange));
        assert_eq!(Fen::parse_yuan("-5"), Err(FieldCode::InvalidNumber));
        assert_eq!(Fen::parse_yuan("abc"), Err(FieldCode::InvalidNumber));
        assert_eq!(Fen::parse_yuan("."), Err(FieldCode::InvalidNumber));
        assert_eq!(Fen::parse_yuan(""), Err(FieldCode::Required));
        assert_eq!(
            Fen::parse_yuan("99999999999999"),
            Err(FieldCode::OutOfRange)
        );
        assert_eq!(Fen::from_fen_text("-1"), Err(FieldCode::InvalidNumber));
        assert_eq!(Fen::from_fen_text("0"), Err(FieldCode::OutOfRange));
    }

    #[test]
    fn amounts_are_shown_in_yuan() {
        assert_eq!(Fen(123450).to_string(), "¥1,234.50");
        assert_eq!(Fen(5).to_string(), "¥0.05");
        assert_eq!(Fen(20000).yuan(), "200.00");
        assert_eq!(Fen(-150).yuan(), "-1.50");
    }
}
