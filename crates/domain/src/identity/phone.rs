//! Mainland China mobile numbers (11 digits, starting 13–19), the login name of citizens.

use std::fmt;

use crate::FieldCode;

/// A normalised 11-digit mainland mobile number.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Mobile(String);

impl Mobile {
    /// Parses a number as people type it: spaces and dashes are ignored, and a `+86` or `0086`
    /// country prefix is dropped.
    pub fn parse(input: &str) -> Result<Mobile, FieldCode> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(FieldCode::Required);
        }
        if trimmed.chars().count() > 24 {
            return Err(FieldCode::InvalidPhone);
        }
        let compact: String = trimmed
            .chars()
            .filter(|c| !matches!(c, ' ' | '-'))
            .collect();
        let digits = compact
            .strip_prefix("+86")
            .or_else(|| compact.strip_prefix("0086"))
            .unwrap_or(&compact);
        let b = digits.as_bytes();
        if b.len() != 11 || !b.iter().all(u8::is_ascii_digit) || b[0] != b'1' || b[1] < b'3' {
            return Err(FieldCode::InvalidPhone);
        }
        Ok(Mobile(digits.to_owned()))
    }

    /// The 11 digits, for encryption at rest and for sending SMS. Never log it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The masked form shown on pages: `138****5678`.
    pub fn masked(&self) -> String {
        mask_mobile(&self.0)
    }
}

/// Masks a mobile number for display, keeping the first three and last four digits.
pub fn mask_mobile(s: &str) -> String {
    if s.len() == 11 && s.is_ascii() {
        format!("{}****{}", &s[..3], &s[7..])
    } else {
        "*".repeat(s.chars().count())
    }
}

impl fmt::Debug for Mobile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Mobile({})", self.masked())
    }
}

/// Checks a contact telephone number for a department (landline with area code, mobile, or a
/// service number such as 12345): digits with optional dashes, spaces and parentheses.
pub fn check_telephone(input: &str) -> Result<String, FieldCode> {
    let s = input.trim();
    let digits = s.chars().filter(char::is_ascii_digit).count();
    let allowed = s
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '-' | ' ' | '(' | ')' | '+' | '、' | ','));
    if !allowed || !(5..=40).contains(&digits) || s.len() > 60 {
        return Err(FieldCode::InvalidTelephone);
    }
    Ok(s.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_normalised_as_typed() {
        for input in [
            "13800138000",
            " 138 0013 8000 ",
            "138-0013-8000",
            "+8613800138000",
            "0086 13800138000",
        ] {
            assert_eq!(
                Mobile::parse(input).unwrap().expose(),
                "13800138000",
                "{input}"
            );
        }
    }

    #[test]
    fn landlines_short_numbers_and_letters_are_rejected() {
        for input in [
            "0826-2222222",
            "1380013800",
            "12800138000",
            "1380013800a",
            "+1 13800138000",
        ] {
            assert_eq!(
                Mobile::parse(input),
                Err(FieldCode::InvalidPhone),
                "{input}"
            );
        }
        assert_eq!(Mobile::parse("  "), Err(FieldCode::Required));
    }

    #[test]
    fn masking_keeps_prefix_and_last_four() {
        assert_eq!(
            Mobile::parse("13800138000").unwrap().masked(),
            "138****8000"
        );
        assert!(!format!("{:?}", Mobile::parse("13800138000").unwrap()).contains("0013"));
    }

    #[test]
    fn department_telephones_accept_landlines_and_service_numbers() {
        assert!(check_telephone("0826-2345678").is_ok());
        assert!(check_telephone("12345").is_ok());
        assert!(check_telephone("(0826) 2345678、2345679").is_ok());
        assert!(check_telephone("call me").is_err());
        assert!(check_telephone("12").is_err());
    }
}
