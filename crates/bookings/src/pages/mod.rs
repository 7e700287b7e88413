//! The appointments' pages: `public.rs` (places, slots, booking, one's bookings with the QR
//! code) and `console.rs` (the counter and the hall manager).

pub mod console;
pub mod public;

use yiwang_domain::booking::BookingState;
use yiwang_kit::i18n::Tr;

use crate::texts::BookingTexts;

/// A booking state in words.
pub fn state_name(t: Tr, s: BookingState) -> &'static str {
    match s {
        BookingState::Confirmed => t.bk_state_confirmed(),
        BookingState::Waiting => t.bk_state_waiting(),
        BookingState::Cancelled => t.bk_state_cancelled(),
        BookingState::CheckedIn => t.bk_state_checked_in(),
        BookingState::NoShow => t.bk_state_no_show(),
        BookingState::Lapsed => t.bk_state_lapsed(),
    }
}
