//! Resident identity card numbers, GB 11643-1999 (公民身份号码): six digits of the region where
//! the number was issued, eight of the birth date, three of sequence (odd for men, even for
//! women) and an ISO 7064 MOD 11-2 check character (0–9 or X).

use std::fmt;

use time::{Date, Month};

use crate::FieldCode;

/// Weights of the 17 leading digits in the MOD 11-2 check (GB 11643-1999 §6.3).
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/// The check character for each remainder 0..=10.
const CHECK: [u8; 11] = *b"10X98765432";

/// A resident ID number that passed the format, check-digit and birth-date checks.
/// The region code is checked separately against the region table (see [`ResidentId::region_code`]).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct ResidentId(String);

/// Sex as encoded in the sequence number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sex {
    /// Odd sequence number.
    Male,
    /// Even sequence number.
    Female,
}

impl ResidentId {
    /// Parses and checks an ID number as a person types it: surrounding spaces are ignored and
    /// a lower-case `x` is accepted. `today` bounds the birth date.
    pub fn parse(input: &str, today: Date) -> Result<ResidentId, FieldCode> {
        let s: String = input.trim().to_ascii_uppercase();
        if s.is_empty() {
            return Err(FieldCode::Required);
        }
        let bytes = s.as_bytes();
        if bytes.len() != 18 {
            return Err(FieldCode::IdNumberLength);
        }
        if !bytes[..17].iter().all(u8::is_ascii_digit) {
            return Err(FieldCode::InvalidCharacters);
        }
        let last = bytes[17];
        if !(last.is_ascii_digit() || last == b'X') {
            return Err(FieldCode::InvalidCharacters);
        }
        if check_char(&bytes[..17]) != last {
            return Err(FieldCode::IdNumberChecksum);
        }
        let birth = birth_date(&s).ok_or(FieldCode::IdNumberBirthDate)?;
        if birth > today || birth.year() < 1890 {
            return Err(FieldCode::IdNumberBirthDate);
        }
        Ok(ResidentId(s))
    }

    /// The six-digit code of the region where the number was issued.
    pub fn region_code(&self) -> &str {
        &self.0[..6]
    }

    /// The two-digit province code.
    pub fn province_code(&self) -> &str {
        &self.0[..2]
    }

    /// The date of birth.
    pub fn birth_date(&self) -> Date {
        // Checked in `parse`; the fallback is unreachable.
        birth_date(&self.0).unwrap_or(Date::MIN)
    }

    /// The sex encoded in the sequence number.
    pub fn sex(&self) -> Sex {
        if (self.0.as_bytes()[16] - b'0') % 2 == 1 {
            Sex::Male
        } else {
            Sex::Female
        }
    }

    /// Age in whole years on `today`.
    pub fn age_on(&self, today: Date) -> u32 {
        let b = self.birth_date();
        let mut age = today.year() - b.year();
        if (today.month() as u8, today.day()) < (b.month() as u8, b.day()) {
            age -= 1;
        }
        age.max(0) as u32
    }

    /// The full number, for encryption at rest. Never log it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The masked form shown on pages: first 3 and last 4 characters (`511**********1234`).
    pub fn masked(&self) -> String {
        mask_id_number(&self.0)
    }
}

/// Masks an ID number for display: the first three and last four characters stay visible.
pub fn mask_id_number(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() < 8 {
        return "*".repeat(chars.len());
    }
    let mut out = String::with_capacity(chars.len());
    for (i, c) in chars.iter().enumerate() {
        out.push(if i < 3 || i >= chars.len() - 4 {
            *c
        } else {
            '*'
        });
    }
    out
}

/// Debug never prints the number.
impl fmt::Debug for ResidentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ResidentId({})", self.masked())
    }
}

/// Computes the GB 11643-1999 check character of the first 17 digits.
pub fn check_char(first17: &[u8]) -> u8 {
    let sum: u32 = first17
        .iter()
        .zip(WEIGHTS)
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    CHECK[(sum % 11) as usize]
}

fn birth_date(s: &str) -> Option<Date> {
    let year: i32 = s.get(6..10)?.parse().ok()?;
    let month: u8 = s.get(10..12)?.parse().ok()?;
    let day: u8 = s.get(12..14)?.parse().ok()?;
    Date::from_calendar_date(year, Month::try_from(month).ok()?, day).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 11 - 22);

    /// Builds a valid number from 17 digits by appending the right check character.
    fn with_check(first17: &str) -> String {
        let c = check_char(first17.as_bytes()) as char;
        format!("{first17}{c}")
    }

    #[test]
    fn the_standards_worked_example_is_valid() {
        // GB 11643-1999 appendix example: 11010519491231002X.
        let id = ResidentId::parse("11010519491231002X", TODAY).unwrap();
        assert_eq!(id.region_code(), "110105");
        assert_eq!(id.birth_date(), date!(1949 - 12 - 31));
        assert_eq!(id.sex(), Sex::Female);
    }

    #[test]
    fn a_lower_case_x_and_surrounding_spaces_are_accepted() {
        let id = ResidentId::parse("  11010519491231002x ", TODAY).unwrap();
        assert_eq!(id.expose(), "11010519491231002X");
    }

    #[test]
    fn a_wrong_check_character_is_rejected() {
        assert_eq!(
            ResidentId::parse("110105194912310021", TODAY),
            Err(FieldCode::IdNumberChecksum)
        );
    }

    #[test]
    fn every_single_digit_typo_is_caught_by_the_check_character() {
        let good = with_check("51160219800101123");
        for i in 0..17 {
            for d in b'0'..=b'9' {
                let mut b = good.clone().into_bytes();
                if b[i] == d {
                    continue;
                }
                b[i] = d;
                let typo = String::from_utf8(b).unwrap();
                assert!(ResidentId::parse(&typo, TODAY).is_err(), "{typo} accepted");
            }
        }
    }

    #[test]
    fn impossible_birth_dates_are_rejected_even_with_a_correct_check_character() {
        for digits in [
            "51160219800230123",
            "51160219801301123",
            "51160220270101123",
        ] {
            assert_eq!(
                ResidentId::parse(&with_check(digits), TODAY),
                Err(FieldCode::IdNumberBirthDate),
                "{digits}"
            );
        }
        // 29 February exists only in leap years.
        assert!(ResidentId::parse(&with_check("51160220000229123"), TODAY).is_ok());
        assert!(ResidentId::parse(&with_check("51160219000229123"), TODAY).is_err());
    }

    #[test]
    fn wrong_lengths_and_letters_are_rejected_with_their_own_reasons() {
        assert_eq!(ResidentId::parse("", TODAY), Err(FieldCode::Required));
        assert_eq!(
            ResidentId::parse("511602198001011", TODAY),
            Err(FieldCode::IdNumberLength)
        );
        assert_eq!(
            ResidentId::parse("5116021980010112AX", TODAY),
            Err(FieldCode::InvalidCharacters)
        );
        assert_eq!(
            ResidentId::parse("５１１６０２１９８００１０１１２３４", TODAY),
            Err(FieldCode::IdNumberLength)
        );
    }

    #[test]
    fn age_counts_whole_years_on_the_birthday() {
        let id = ResidentId::parse(&with_check("51160219661122123"), TODAY).unwrap();
        assert_eq!(id.age_on(TODAY), 60);
        assert_eq!(id.age_on(date!(2026 - 11 - 21)), 59);
    }

    #[test]
    fn masking_and_debug_never_show_the_middle() {
        let id = ResidentId::parse("11010519491231002X", TODAY).unwrap();
        assert_eq!(id.masked(), "110***********002X");
        assert!(!format!("{id:?}").contains("19491231"));
    }
}
