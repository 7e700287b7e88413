//! The bill code (缴款码) printed on a paper notice (a traffic fine, an exam fee) or sent by the
//! collecting unit: 20 digits. The first 19 are assigned by the platform (random, so a code
//! cannot be guessed from another); the 20th is the Damm check digit over them, which catches
//! every single wrong digit and every swap of two neighbouring digits (the mistakes people make
//! typing from paper). ISO/IEC 7064 MOD 11,10 was tried first and the property test found
//! neighbouring swaps it misses (…23… ↔ …32…); Damm's has none. People may type it in groups with spaces or
//! hyphens; it is shown in groups of four.

use std::fmt;

use crate::FieldCode;

/// The number of digits of a bill code, check digit included.
pub const LEN: usize = 20;

/// A bill code whose check digit is right.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BillCode(String);

/// Damm's quasigroup of order 10 (H. M. Damm, 2004): a table with zeros on the diagonal
/// whose use detects every single-digit error and every transposition of adjacent digits.
const DAMM: [[u8; 10]; 10] = [
    [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
    [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
    [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
    [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
    [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
    [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
    [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
    [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
    [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
    [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

/// The Damm check digit for `digits` (each 0–9): the interim digit after the body, so that
/// the whole code runs to 0.
pub fn check_digit(digits: &[u8]) -> u8 {
    digits.iter().fold(0u8, |interim, &d| {
        DAMM[usize::from(interim)][usize::from(d % 10)]
    })
}

impl BillCode {
    /// Reads a typed code: spaces, hyphens and full-width digits allowed; then exactly 20
    /// digits whose last is the check digit. `Required`, `CodeFormat` (not 20 digits) or
    /// `BillCodeChecksum` (a digit mistyped).
    pub fn parse(text: &str) -> Result<BillCode, FieldCode> {
        let mut digits = String::with_capacity(LEN);
        for c in text.chars() {
            match c {
                ' ' | '-' | '\u{3000}' | '\t' => {}
                '0'..='9' => digits.push(c),
                '０'..='９' => {
                    digits.push(char::from(b'0' + (c as u32 - '０' as u32) as u8));
                }
                _ => return Err(FieldCode::CodeFormat),
            }
        }
        if digits.is_empty() {
            return Err(FieldCode::Required);
        }
        if digits.len() != LEN {
            return Err(FieldCode::CodeFormat);
        }
        let d: Vec<u8> = digits.bytes().map(|b| b - b'0').collect();
        if check_digit(&d[..LEN - 1]) != d[LEN - 1] {
            return Err(FieldCode::BillCodeChecksum);
        }
        Ok(BillCode(digits))
    }

    /// A code from 19 digits of body (e.g. random), with its check digit appended.
    pub fn from_body(body: [u8; LEN - 1]) -> BillCode {
        let body: Vec<u8> = body.iter().map(|b| b % 10).collect();
        let mut s: String = body.iter().map(|d| char::from(b'0' + d)).collect();
        s.push(char::from(b'0' + check_digit(&body)));
        BillCode(s)
    }

    /// The 20 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// In groups of four, as printed: `5116 0220 2612 0700 0018`.
    pub fn grouped(&self) -> String {
        let mut out = String::with_capacity(LEN + 4);
        for (i, c) in self.0.chars().enumerate() {
            if i > 0 && i % 4 == 0 {
                out.push(' ');
            }
            out.push(c);
        }
        out
    }
}

impl fmt::Display for BillCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(body: &str) -> String {
        let d: Vec<u8> = body.bytes().map(|b| b - b'0').collect();
        format!("{body}{}", check_digit(&d))
    }

    #[test]
    fn a_code_typed_from_paper_in_groups_is_read() {
        let c = code("5116022026120700001");
        let grouped = BillCode::parse(&c).unwrap().grouped();
        assert_eq!(BillCode::parse(&grouped).unwrap().as_str(), c);
        assert_eq!(
            BillCode::parse(&grouped.replace(' ', "-"))
                .unwrap()
                .as_str(),
            c
        );
        let wide: String = c
            .chars()
            .map(|ch| char::from_u32(ch as u32 - '0' as u32 + '０' as u32).unwrap())
            .collect();
        assert_eq!(BillCode::parse(&wide).unwrap().as_str(), c);
    }

    #[test]
    fn a_wrong_check_digit_is_refused() {
        let c = code("5116022026120700001");
        let last = c.as_bytes()[19] - b'0';
        let wrong = format!("{}{}", &c[..19], (last + 1) % 10);
        assert_eq!(BillCode::parse(&wrong), Err(FieldCode::BillCodeChecksum));
    }

    #[test]
    fn short_long_or_lettered_codes_are_refused() {
        assert_eq!(BillCode::parse(""), Err(FieldCode::Required));
        assert_eq!(BillCode::parse("   "), Err(FieldCode::Required));
        assert_eq!(BillCode::parse("1234"), Err(FieldCode::CodeFormat));
        assert_eq!(BillCode::parse(&"1".repeat(21)), Err(FieldCode::CodeFormat));
        assert_eq!(
            BillCode::parse("511602202612070000A1"),
            Err(FieldCode::CodeFormat)
        );
    }

    #[test]
    fn the_check_digit_follows_damm() {
        // Damm's worked example: 572 → 4.
        assert_eq!(check_digit(&[5, 7, 2]), 4);
        // Every body has exactly one valid check digit.
        let body = [5, 1, 1, 6, 0, 2, 2, 0, 2, 6, 1, 2, 0, 7, 0, 0, 0, 0, 1];
        let valid: Vec<u8> = (0..10)
            .filter(|d| {
                let s: String = body
                    .iter()
                    .chain(std::iter::once(d))
                    .map(|x| char::from(b'0' + x))
                    .collect();
                BillCode::parse(&s).is_ok()
            })
            .collect();
        assert_eq!(valid.len(), 1);
    }
}
