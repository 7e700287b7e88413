//! Personal names as written on resident ID cards: Chinese characters, including the middle dot
//! of names of ethnic minorities (e.g. 阿依古丽·买买提), or Latin letters for naturalised
//! citizens.

use std::fmt;

use crate::FieldCode;

/// A checked personal name.
#[derive(Clone, PartialEq, Eq)]
pub struct PersonName(String);

impl PersonName {
    /// Checks a name: 2 to 40 characters of CJK ideographs, Latin letters, middle dots and
    /// single spaces between Latin words.
    pub fn parse(input: &str) -> Result<PersonName, FieldCode> {
        let s = input.trim();
        if s.is_empty() {
            return Err(FieldCode::Required);
        }
        let n = s.chars().count();
        if n < 2 {
            return Err(FieldCode::TooShort);
        }
        if n > 40 {
            return Err(FieldCode::TooLong);
        }
        let ok = s
            .chars()
            .all(|c| is_cjk(c) || c.is_ascii_alphabetic() || matches!(c, '·' | '•' | '.' | ' '));
        if !ok || s.contains("  ") || s.starts_with('·') || s.ends_with('·') {
            return Err(FieldCode::InvalidName);
        }
        // Normalise the dot variants people type to the standard middle dot.
        Ok(PersonName(s.replace('•', "·")))
    }

    /// The name. It is personal data: encrypt at rest, never log.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The masked form shown in lists: the family name and a star for the rest (张*, 欧阳**).
    pub fn masked(&self) -> String {
        mask_name(&self.0)
    }
}

/// Masks a name, keeping its first character.
pub fn mask_name(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => {
            let rest = chars.count().max(1);
            format!("{first}{}", "*".repeat(rest))
        }
        None => String::new(),
    }
}

impl fmt::Debug for PersonName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PersonName({})", self.masked())
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F | 0x3007)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_and_minority_names_are_accepted() {
        assert!(PersonName::parse("张三").is_ok());
        assert!(PersonName::parse("欧阳娜娜").is_ok());
        assert_eq!(
            PersonName::parse("阿依古丽•买买提").unwrap().expose(),
            "阿依古丽·买买提"
        );
        assert!(PersonName::parse("Anna Li").is_ok());
        // A rare character outside the basic plane (𠈌).
        assert!(PersonName::parse("王\u{2020C}").is_ok());
    }

    #[test]
    fn digits_symbols_and_markup_are_rejected() {
        for bad in ["张3", "<b>张三</b>", "张三!", "·张三", "a  b"] {
            assert_eq!(PersonName::parse(bad), Err(FieldCode::InvalidName), "{bad}");
        }
        assert_eq!(PersonName::parse("张"), Err(FieldCode::TooShort));
        assert_eq!(PersonName::parse(""), Err(FieldCode::Required));
    }

    #[test]
    fn masking_keeps_the_family_name() {
        assert_eq!(mask_name("张三"), "张*");
        assert_eq!(mask_name("欧阳娜娜"), "欧***");
    }
}
