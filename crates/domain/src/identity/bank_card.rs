//! Bank card numbers (银行卡号): 12 to 19 digits whose last is the Luhn check digit
//! (ISO/IEC 7812-1, which China UnionPay cards follow). Spaces and dashes typed between groups
//! of digits are dropped.

use crate::FieldCode;

/// Shortest and longest card numbers (ISO/IEC 7812-1: up to 19 digits; the 12-digit floor
/// keeps out account numbers typed by mistake).
pub const DIGITS: std::ops::RangeInclusive<usize> = 12..=19;

/// A card number that passed the check, kept as its digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BankCard(String);

impl BankCard {
    /// Parses a number as typed: spaces and dashes between groups dropped, then 12–19
    /// digits with a valid Luhn check digit.
    pub fn parse(input: &str) -> Result<BankCard, FieldCode> {
        let digits: String = input
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '\u{3000}'))
            .collect();
        if digits.is_empty() {
            return Err(FieldCode::Required);
        }
        if !digits.bytes().all(|b| b.is_ascii_digit())
            || !DIGITS.contains(&digits.len())
            || !luhn_valid(&digits)
        {
            return Err(FieldCode::InvalidBankCard);
        }
        Ok(BankCard(digits))
    }

    /// The digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The Luhn check over a string of ASCII digits: from the right, every second digit doubled
/// (less 9 when over 9), and the sum a multiple of 10.
pub fn luhn_valid(digits: &str) -> bool {
    let mut sum = 0u32;
    for (i, b) in digits.bytes().rev().enumerate() {
        let mut d = u32::from(b - b'0');
        if i % 2 == 1 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    sum.is_multiple_of(10)
}

/// The check digit that makes `body` followed by it pass the Luhn check.
pub fn check_digit(body: &str) -> Option<char> {
    if !body.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    (b'0'..=b'9')
        .map(char::from)
        .find(|c| luhn_valid(&format!("{body}{c}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_shaped_numbers_pass_and_their_typos_do_not() {
        for good in [
            "6222020200112233440",     // 19 digits
            "6228 4800 0000 0000 000", // grouped as printed
            "4111-1111-1111-1111",     // test Visa, dashes
            "6212260200000000",
            "79927398713", // the classic Luhn example, too short for a card
        ] {
            let digits: String = good.chars().filter(char::is_ascii_digit).collect();
            let expected = DIGITS.contains(&digits.len()) && luhn_valid(&digits);
            assert_eq!(BankCard::parse(good).is_ok(), expected, "{good}");
        }
        assert!(luhn_valid("79927398713"));
        assert_eq!(
            BankCard::parse("79927398713"),
            Err(FieldCode::InvalidBankCard)
        );
        assert_eq!(BankCard::parse("1234"), Err(FieldCode::InvalidBankCard));
        assert_eq!(BankCard::parse("  "), Err(FieldCode::Required));
        assert_eq!(
            BankCard::parse("4111111111111111").unwrap().as_str(),
            "4111111111111111"
        );
        assert_eq!(
            BankCard::parse("4111 1111 1111 1112"),
            Err(FieldCode::InvalidBankCard)
        );
        assert_eq!(
            BankCard::parse("41111111111111a1"),
            Err(FieldCode::InvalidBankCard)
        );
    }

    /// A table over every length and many bodies: a number completed with its check digit
    /// passes exactly when its length is 12–19; changing any one digit makes it fail (Luhn
    /// catches every single-digit error); swapping two adjacent different digits fails unless
    /// they are 0 and 9 (the one transposition Luhn misses).
    #[test]
    fn the_check_digit_catches_every_single_digit_error() {
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for len in 2..=22usize {
            for _ in 0..40 {
                let body: String = (0..len - 1)
                    .map(|_| char::from(b'0' + (next() % 10) as u8))
                    .collect();
                let card = format!("{body}{}", check_digit(&body).unwrap());
                assert!(luhn_valid(&card));
                assert_eq!(
                    BankCard::parse(&card).is_ok(),
                    DIGITS.contains(&len),
                    "{card}"
                );
                let bytes = card.as_bytes();
                for i in 0..len {
                    for d in b'0'..=b'9' {
                        if d == bytes[i] {
                            continue;
                        }
                        let mut wrong = bytes.to_vec();
                        wrong[i] = d;
                        let wrong = String::from_utf8(wrong).unwrap();
                        assert!(!luhn_valid(&wrong), "{card} → {wrong}");
                    }
                    if i + 1 < len && bytes[i] != bytes[i + 1] {
                        let pair = (bytes[i], bytes[i + 1]);
                        if pair == (b'0', b'9') || pair == (b'9', b'0') {
                            continue;
                        }
                        let mut swapped = bytes.to_vec();
                        swapped.swap(i, i + 1);
                        let swapped = String::from_utf8(swapped).unwrap();
                        assert!(!luhn_valid(&swapped), "{card} ↔ {swapped}");
                    }
                }
            }
        }
    }
}
