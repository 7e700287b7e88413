//! Unified social credit codes of enterprises and other organisations, GB 32100-2015
//! (统一社会信用代码): 18 characters from a 31-character alphabet (no I, O, Z, S, V), the last a
//! MOD 31 check character.

use std::fmt;

use crate::FieldCode;

const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
/// Weights of the 17 leading characters (GB 32100-2015 §5).
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// A unified social credit code that passed the check.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct CreditCode(String);

impl CreditCode {
    /// Parses a code as typed: trimmed, upper-cased.
    pub fn parse(input: &str) -> Result<CreditCode, FieldCode> {
        let s = input.trim().to_ascii_uppercase();
        if s.is_empty() {
            return Err(FieldCode::Required);
        }
        let b = s.as_bytes();
        if b.len() != 18 {
            return Err(FieldCode::InvalidCreditCode);
        }
        let mut values = [0u32; 18];
        for (i, c) in b.iter().enumerate() {
            values[i] = value_of(*c).ok_or(FieldCode::InvalidCreditCode)?;
        }
        if check_value(&values[..17]) != values[17] {
            return Err(FieldCode::InvalidCreditCode);
        }
        Ok(CreditCode(s))
    }

    /// The code as printed on a business licence.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The six-digit administrative division code inside the code (positions 3–8).
    pub fn region_code(&self) -> &str {
        &self.0[2..8]
    }
}

impl fmt::Debug for CreditCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CreditCode({})", self.0)
    }
}

impl fmt::Display for CreditCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn value_of(c: u8) -> Option<u32> {
    ALPHABET.iter().position(|a| *a == c).map(|p| p as u32)
}

fn check_value(first17: &[u32]) -> u32 {
    let sum: u32 = first17.iter().zip(WEIGHTS).map(|(v, w)| v * w).sum();
    (31 - sum % 31) % 31
}

/// The check character for 17 leading characters, for building test data.
pub fn check_char(first17: &str) -> Option<char> {
    let values: Option<Vec<u32>> = first17.bytes().map(value_of).collect();
    let values = values?;
    if values.len() != 17 {
        return None;
    }
    Some(ALPHABET[check_value(&values) as usize] as char)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_codes_from_the_guang_an_catalogue_are_valid() {
        // Department codes copied from the real catalogue in shared/data/catalog.
        for code in ["11511301008778183N", "115113010833722043"] {
            assert!(CreditCode::parse(code).is_ok(), "{code}");
        }
    }

    #[test]
    fn a_changed_character_is_detected() {
        assert_eq!(
            CreditCode::parse("11511301008778183P"),
            Err(FieldCode::InvalidCreditCode)
        );
        assert_eq!(
            CreditCode::parse("21511301008778183N"),
            Err(FieldCode::InvalidCreditCode)
        );
    }

    #[test]
    fn letters_outside_the_alphabet_are_rejected() {
        // I, O, Z, S and V are never used.
        assert_eq!(
            CreditCode::parse("9151160IOZSV00000X"),
            Err(FieldCode::InvalidCreditCode)
        );
    }

    #[test]
    fn built_codes_round_trip() {
        let head = "91511602MA6Q12345";
        let code = format!("{head}{}", check_char(head).unwrap());
        let parsed = CreditCode::parse(&code.to_lowercase()).unwrap();
        assert_eq!(parsed.as_str(), code);
        assert_eq!(parsed.region_code(), "511602");
    }
}
