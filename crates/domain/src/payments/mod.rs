//! Fee payment by bill code (PRODUCT.md SVC-1): the rules, without I/O.
//!
//! - [`code`]: the bill code (缴款码), 20 digits whose last is a Damm
//!   check digit, typed with or without spaces;
//! - [`money`]: amounts in fen (分) as integers — a decimal part in fen is refused, never
//!   rounded;
//! - [`late_fee`]: the late-fee rule (滞纳金, 行政强制法 §45: a daily rate of the unpaid
//!   amount, never more than the amount itself);
//! - [`attempt`]: a payment attempt's state machine ([`attempt::decide`]), which the
//!   provider's callback and the query job both go through;
//! - [`refund`]: refunds never exceed what was paid;
//! - [`reconcile`]: the provider's statement against our ledger (对账).

pub mod attempt;
pub mod code;
pub mod late_fee;
pub mod money;
pub mod reconcile;
pub mod refund;

#[cfg(test)]
mod prop;

pub use attempt::{AttemptEvent, AttemptState, Outcome};
pub use code::BillCode;
pub use late_fee::LateFeeRule;
pub use money::Fen;
