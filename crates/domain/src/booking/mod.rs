//! Appointments (SVC-2): the places that publish capacity (service halls with their windows,
//! hospitals with their doctors), the slots made from weekly templates over the working-day
//! calendar, and the rules a booking, a cancellation, a check-in and a no-show obey. Pure: no
//! I/O, no clock — the caller passes the time.
//!
//! - `slots.rs`: template lines (`1 09:00-09:30 10`), which template a day follows, slot
//!   generation over the calendar with closures.
//! - `rules.rs`: how far ahead, how many open bookings, the cancel cut-off, no-show limits, the
//!   waiting list's order.

pub mod rules;
pub mod slots;

crate::stable_names! {
    /// What kind of place publishes slots.
    pub enum PlaceKind {
        /// 政务服务中心 / 服务大厅: windows that serve item groups.
        Hall = "hall",
        /// A hospital: departments with doctors.
        Hospital = "hospital",
    }
}

crate::stable_names! {
    /// Where within a place a booking is served.
    pub enum DeskKind {
        /// A window (窗口) of a service hall.
        Window = "window",
        /// A doctor of a hospital department.
        Doctor = "doctor",
    }
}

crate::stable_names! {
    /// Where a booking stands.
    pub enum BookingState {
        /// Holds one of the slot's places.
        Confirmed = "confirmed",
        /// On the slot's waiting list: gets a place released by a cancellation, in order.
        Waiting = "waiting",
        /// Cancelled by the citizen (a confirmed one released its place).
        Cancelled = "cancelled",
        /// The person came and was checked in at the counter.
        CheckedIn = "checked_in",
        /// The person did not come; counts towards the no-show limit.
        NoShow = "no_show",
        /// A waiting-list entry whose slot passed without a place coming free.
        Lapsed = "lapsed",
    }
}

impl BookingState {
    /// Whether the booking still counts as open for its holder (the limit on open bookings):
    /// confirmed and waiting ones.
    pub fn is_open(self) -> bool {
        matches!(self, BookingState::Confirmed | BookingState::Waiting)
    }
}

/// Eighteen characters of Crockford base 32 (no I, L, O, U) from random bytes: the check-in
/// code in the QR code, about 90 bits, so it cannot be guessed; a scanner acting as a keyboard
/// types it.
pub fn checkin_code(random: &[u8; 12]) -> String {
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let mut bits: u128 = 0;
    for b in random {
        bits = (bits << 8) | u128::from(*b);
    }
    (0..18)
        .map(|i| ALPHABET[((bits >> (5 * i)) & 31) as usize] as char)
        .collect()
}

/// A typed or scanned check-in code in its one spelling: upper case, without spaces or
/// dashes, O read as 0 and I/L as 1 (Crockford); `None` when it cannot be a code.
pub fn normalise_code(input: &str) -> Option<String> {
    let out: String = input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        })
        .collect();
    (out.len() == 18
        && out
            .bytes()
            .all(|b| b"0123456789ABCDEFGHJKMNPQRSTVWXYZ".contains(&b)))
    .then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_checkin_code_reads_back_as_typed_and_as_scanned() {
        for seed in 0u8..=255 {
            let bytes = [
                seed,
                seed.wrapping_mul(7),
                3,
                250,
                seed ^ 0x5a,
                9,
                8,
                7,
                6,
                5,
                4,
                seed,
            ];
            let code = checkin_code(&bytes);
            assert_eq!(code.len(), 18);
            assert_eq!(normalise_code(&code).as_deref(), Some(code.as_str()));
            let typed = format!(" {}-{} ", &code[..9].to_lowercase(), &code[9..]);
            assert_eq!(normalise_code(&typed).as_deref(), Some(code.as_str()));
        }
        assert_eq!(normalise_code("short"), None);
        assert_eq!(
            normalise_code("UUUUUUUUUUUUUUUUUU"),
            None,
            "U is not in the alphabet"
        );
        assert_eq!(normalise_code("<script>alert(1)</script>"), None);
    }

    #[test]
    fn different_random_bytes_give_different_codes() {
        let a = checkin_code(&[0; 12]);
        let mut one = [0; 12];
        one[11] = 1;
        assert_ne!(a, checkin_code(&one));
    }

    #[test]
    fn names_round_trip() {
        for s in BookingState::ALL {
            assert_eq!(BookingState::parse(s.as_str()), Some(s));
        }
        assert!(BookingState::Waiting.is_open());
        assert!(!BookingState::NoShow.is_open());
    }
}
