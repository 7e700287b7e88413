//! Receipt numbers (办件编号, APP-2): what the applicant writes down, reads over the phone or
//! types into the progress page, so a mistyped one must be caught before it reaches the
//! database.
//!
//! Format `YYYYMMDD-XXXX-XXXC`: the submission date (Beijing), seven random symbols (35 bits)
//! and one check symbol, all in Crockford's base 32 (`0–9` and `A–Z` without `I`, `L`, `O`,
//! `U`). The check symbol makes the 16 symbols `s₀…s₁₅` (hyphens not counted) satisfy
//! `Σ sᵢ·α^(15−i) = 0` in the field GF(32) = GF(2)[x]/(x⁵ + x² + 1), with `α = x`. Because the
//! weights `α^(15−i)` are distinct and non-zero, every single-symbol substitution and every
//! transposition of two different symbols (adjacent or not) changes the sum and is detected.
//! (A weighted sum modulo 32, an even number, cannot catch all adjacent transpositions.)

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use time::{Date, Month};

use crate::FieldCode;

/// Crockford's base-32 symbols, by value.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Symbols in a receipt, hyphens not counted.
const SYMBOLS: usize = 16;

/// A receipt number, always in its canonical spelling `YYYYMMDD-XXXX-XXXC`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Receipt(String);

impl Receipt {
    /// A receipt for a submission on `date` (Beijing), from the low 35 bits of `random` (which
    /// should come from a cryptographic generator: receipts must not be guessable). Years are
    /// written with four digits (taken modulo 10000).
    pub fn new(date: Date, random: u64) -> Receipt {
        let year = date.year().rem_euclid(10_000);
        let digits = format!("{year:04}{:02}{:02}", u8::from(date.month()), date.day());
        let mut values: Vec<u8> = digits.bytes().map(|b| b - b'0').collect();
        values.extend((0..7).rev().map(|k| ((random >> (5 * k)) & 31) as u8));
        values.push(check_value(&values));
        Receipt(spell(&values))
    }

    /// Reads a receipt as a person typed it: lower case, spaces, missing or extra hyphens,
    /// full-width characters and Crockford's look-alikes (`O` for 0, `I` and `L` for 1) are
    /// fine. Errors: `Required` (nothing), `InvalidCharacters` (a symbol outside the alphabet,
    /// a date that is not a date, or a failed check symbol), `TooShort`, `TooLong`.
    pub fn parse(input: &str) -> Result<Receipt, FieldCode> {
        let mut values = Vec::with_capacity(SYMBOLS);
        for c in input.chars().map(narrow) {
            if matches!(c, ' ' | '\t' | '-' | '\u{3000}' | '\u{2010}'..='\u{2015}') {
                continue;
            }
            values.push(value(c).ok_or(FieldCode::InvalidCharacters)?);
        }
        if values.is_empty() {
            return Err(FieldCode::Required);
        }
        if values.len() < SYMBOLS {
            return Err(FieldCode::TooShort);
        }
        if values.len() > SYMBOLS {
            return Err(FieldCode::TooLong);
        }
        if values[..8].iter().any(|&v| v > 9) || date_of(&values).is_none() {
            return Err(FieldCode::InvalidCharacters);
        }
        if horner(&values) != 0 {
            return Err(FieldCode::InvalidCharacters);
        }
        Ok(Receipt(spell(&values)))
    }

    /// The canonical spelling.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The submission date written in the receipt.
    pub fn date(&self) -> Option<Date> {
        let values: Vec<u8> = self.0.chars().filter_map(value).collect();
        date_of(&values)
    }
}

impl fmt::Display for Receipt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for Receipt {
    type Err = FieldCode;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Receipt::parse(s)
    }
}

impl TryFrom<String> for Receipt {
    type Error = FieldCode;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        Receipt::parse(&s)
    }
}

impl From<Receipt> for String {
    fn from(r: Receipt) -> String {
        r.0
    }
}

/// A six-digit verification code (zero-padded), e.g. for looking a case up by receipt without
/// logging in. The modulo bias of reducing 32 bits to 10⁶ values is below 0.03 %.
pub fn verification_code(random: u32) -> String {
    format!("{:06}", random % 1_000_000)
}

/// A full-width ASCII character (typed with a Chinese input method) as its ASCII self.
fn narrow(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// The value of a base-32 symbol, with Crockford's look-alikes.
fn value(c: char) -> Option<u8> {
    let c = match c.to_ascii_uppercase() {
        'O' => '0',
        'I' | 'L' => '1',
        c => c,
    };
    let b = u8::try_from(c).ok()?;
    ALPHABET.iter().position(|&a| a == b).map(|v| v as u8)
}

/// Multiplies by α in GF(32) = GF(2)[x]/(x⁵ + x² + 1).
fn times_alpha(v: u8) -> u8 {
    let v = v << 1;
    if v & 0x20 != 0 { v ^ 0x25 } else { v }
}

/// `Σ vᵢ·α^(n−1−i)` by Horner's rule.
fn horner(values: &[u8]) -> u8 {
    values.iter().fold(0, |acc, &v| times_alpha(acc) ^ (v & 31))
}

/// The check value that makes the whole sum zero: `α·Σ` (in characteristic 2, minus is plus).
fn check_value(values: &[u8]) -> u8 {
    times_alpha(horner(values))
}

/// `YYYYMMDD-XXXX-XXXX` from the 16 values.
fn spell(values: &[u8]) -> String {
    let mut s = String::with_capacity(SYMBOLS + 2);
    for (i, &v) in values.iter().enumerate() {
        if i == 8 || i == 12 {
            s.push('-');
        }
        s.push(char::from(ALPHABET[usize::from(v & 31)]));
    }
    s
}

/// The date in the first eight values, if they are digits of a real date.
fn date_of(values: &[u8]) -> Option<Date> {
    let digits = values.get(..8)?;
    if digits.iter().any(|&d| d > 9) {
        return None;
    }
    let num =
        |r: std::ops::Range<usize>| digits[r].iter().fold(0u32, |n, &d| n * 10 + u32::from(d));
    let year = i32::try_from(num(0..4)).ok()?;
    let month = Month::try_from(u8::try_from(num(4..6)).ok()?).ok()?;
    Date::from_calendar_date(year, month, u8::try_from(num(6..8)).ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn sample() -> Receipt {
        Receipt::new(date!(2026 - 11 - 23), 0x3_1415_9265)
    }

    #[test]
    fn a_receipt_reads_as_date_then_two_groups_and_parses_back() {
        let r = sample();
        assert_eq!(r.as_str().len(), 18);
        assert!(r.as_str().starts_with("20261123-"));
        assert_eq!(r.as_str().as_bytes()[13], b'-');
        assert_eq!(Receipt::parse(r.as_str()), Ok(r.clone()));
        assert_eq!(r.date(), Some(date!(2026 - 11 - 23)));
        assert_eq!(r.to_string(), r.as_str());
        for random in (0..5000u64).map(|i| i.wrapping_mul(0x9E37_79B9_7F4A_7C15)) {
            let r = Receipt::new(date!(2024 - 02 - 29), random);
            assert_eq!(Receipt::parse(r.as_str()), Ok(r));
        }
    }

    #[test]
    fn a_receipt_is_read_however_it_was_typed() {
        // Every value 0 and 1 appears, so the look-alikes are exercised.
        let r = Receipt::new(
            date!(2010 - 10 - 01),
            0b00000_00001_10000_00000_00001_11111_00000,
        );
        let canonical = r.as_str().to_owned();
        let typed = [
            canonical.to_lowercase(),
            canonical.replace('-', ""),
            canonical.replace('-', " - "),
            format!("  {}  ", canonical.replace('-', "--")),
            canonical.replace('0', "O").replace('1', "l"),
            canonical.replace('1', "I").to_lowercase().replace('0', "o"),
            canonical.replace('2', "２").replace('-', "－"),
        ];
        for t in typed {
            assert_eq!(Receipt::parse(&t), Ok(r.clone()), "{t}");
        }
    }

    #[test]
    fn wrong_lengths_and_characters_are_named() {
        let r = sample();
        assert_eq!(Receipt::parse(""), Err(FieldCode::Required));
        assert_eq!(Receipt::parse(" - "), Err(FieldCode::Required));
        assert_eq!(Receipt::parse(&r.as_str()[..17]), Err(FieldCode::TooShort));
        assert_eq!(
            Receipt::parse(&format!("{}7", r.as_str())),
            Err(FieldCode::TooLong)
        );
        assert_eq!(
            Receipt::parse(&r.as_str().replace('-', "_")),
            Err(FieldCode::InvalidCharacters)
        );
        assert_eq!(
            Receipt::parse("20261123-7KQ3-M9XU"),
            Err(FieldCode::InvalidCharacters)
        );
        // A letter in the date, or a date that does not exist.
        assert_eq!(
            Receipt::parse("2026112A-7KQ3-M9XH"),
            Err(FieldCode::InvalidCharacters)
        );
        let mut values: Vec<u8> = "20260230".bytes().map(|b| b - b'0').collect();
        values.extend([1, 2, 3, 4, 5, 6, 7]);
        values.push(check_value(&values));
        assert_eq!(
            Receipt::parse(&spell(&values)),
            Err(FieldCode::InvalidCharacters)
        );
    }

    #[test]
    fn every_single_symbol_substitution_is_caught() {
        for random in [0, 1, 0x3_1415_9265, u64::MAX] {
            let good: Vec<char> = Receipt::new(date!(2026 - 11 - 23), random)
                .as_str()
                .chars()
                .collect();
            for i in (0..good.len()).filter(|&i| good[i] != '-') {
                for &a in ALPHABET {
                    let c = char::from(a);
                    if c == good[i] {
                        continue;
                    }
                    let mut bad = good.clone();
                    bad[i] = c;
                    let bad: String = bad.into_iter().collect();
                    assert!(Receipt::parse(&bad).is_err(), "{bad} passed");
                }
            }
        }
    }

    #[test]
    fn every_transposition_of_two_different_symbols_is_caught() {
        for random in [0, 7, 0x3_1415_9265, 0x7_FFFF_FFFF] {
            let good = Receipt::new(date!(2025 - 09 - 30), random);
            let symbols: Vec<char> = good.as_str().chars().filter(|&c| c != '-').collect();
            for i in 0..SYMBOLS {
                for j in i + 1..SYMBOLS {
                    if symbols[i] == symbols[j] {
                        continue;
                    }
                    let mut bad = symbols.clone();
                    bad.swap(i, j);
                    let bad: String = bad.into_iter().collect();
                    assert!(Receipt::parse(&bad).is_err(), "{bad} passed ({i}↔{j})");
                }
            }
        }
    }

    #[test]
    fn receipts_travel_as_plain_strings() {
        let r = sample();
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(json, format!("\"{r}\""));
        let back: Receipt = serde_json::from_str(&json.to_lowercase()).unwrap();
        assert_eq!(back, r);
        assert!(serde_json::from_str::<Receipt>("\"20261123-0000-0000\"").is_err());
    }

    #[test]
    fn verification_codes_have_six_digits() {
        assert_eq!(verification_code(42), "000042");
        assert_eq!(verification_code(u32::MAX), "967295");
        assert_eq!(verification_code(999_999), "999999");
    }
}
