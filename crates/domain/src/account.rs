//! Accounts: who can log in, and the rules their credentials follow (PRODUCT.md ACC-1, ACC-2).

use crate::{FieldCode, FieldErrors};

crate::stable_names! {
    /// The kind of an account. Citizens log in with a mobile number, staff with a login name,
    /// password and authenticator code.
    pub enum AccountKind {
        /// A natural person; may act for enterprises as an authorised agent.
        Citizen = "citizen",
        /// Government staff.
        Staff = "staff",
    }
}

/// Shortest password accepted (NIST SP 800-63B §5.1.1.2 asks for at least 8).
pub const PASSWORD_MIN: usize = 8;
/// Longest password accepted; bounds the hashing work an attacker can cause.
pub const PASSWORD_MAX: usize = 128;

/// Passwords that appear at the top of every leaked-password list, including the Chinese
/// favourites. Checked case-insensitively.
const COMMON_PASSWORDS: &[&str] = &[
    "12345678",
    "123456789",
    "1234567890",
    "11111111",
    "88888888",
    "66666666",
    "00000000",
    "password",
    "password1",
    "passw0rd",
    "qwertyui",
    "qwerty123",
    "abc12345",
    "abcd1234",
    "a1234567",
    "a12345678",
    "1qaz2wsx",
    "iloveyou",
    "woaini1314",
    "5201314520",
    "aa123456",
    "asdfghjk",
    "zxcvbnm1",
    "123123123",
    "987654321",
    "12341234",
    "admin123",
    "admin1234",
    "11223344",
    "147258369",
    "123qweasd",
    "qq123456",
    "1q2w3e4r",
    "yiwang123",
];

/// Checks a new password and its confirmation. `phone` is the account's mobile number, which
/// must not be the password.
pub fn check_new_password(
    errors: &mut FieldErrors,
    field: &'static str,
    confirm_field: &'static str,
    password: &str,
    confirm: &str,
    phone: Option<&str>,
) {
    let n = password.chars().count();
    let code = if password.is_empty() {
        Some(FieldCode::Required)
    } else if n < PASSWORD_MIN {
        Some(FieldCode::PasswordTooShort)
    } else if n > PASSWORD_MAX {
        Some(FieldCode::PasswordTooLong)
    } else if is_too_common(password, phone) {
        Some(FieldCode::PasswordTooCommon)
    } else {
        None
    };
    if let Some(code) = code {
        errors.add(field, code);
        return;
    }
    if password != confirm {
        errors.add(confirm_field, FieldCode::PasswordMismatch);
    }
}

fn is_too_common(password: &str, phone: Option<&str>) -> bool {
    let lower = password.to_lowercase();
    let all_same = password.chars().all(|c| password.starts_with(c));
    all_same
        || COMMON_PASSWORDS.contains(&lower.as_str())
        || phone.is_some_and(|p| password.contains(p))
}

/// Checks a staff login name: 3–32 characters of a–z, 0–9, `.`, `-`, `_`, starting with a
/// letter. Stored lower-case.
pub fn check_username(input: &str) -> Result<String, FieldCode> {
    let s = input.trim().to_ascii_lowercase();
    if s.is_empty() {
        return Err(FieldCode::Required);
    }
    if s.len() < 3 {
        return Err(FieldCode::TooShort);
    }
    if s.len() > 32 {
        return Err(FieldCode::TooLong);
    }
    let ok = s
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b))
        && s.as_bytes()[0].is_ascii_lowercase();
    if !ok {
        return Err(FieldCode::InvalidUsername);
    }
    Ok(s)
}

/// Checks free text that will be shown as a label (a department name, a display name): trimmed,
/// `min..=max` characters, no control characters. Markup needs no special rule: every page
/// escapes what it shows.
pub fn check_plain_text(input: &str, min: usize, max: usize) -> Result<String, FieldCode> {
    let s = input.trim();
    let n = s.chars().count();
    if n == 0 && min > 0 {
        return Err(FieldCode::Required);
    }
    if n < min {
        return Err(FieldCode::TooShort);
    }
    if n > max {
        return Err(FieldCode::TooLong);
    }
    if s.chars()
        .any(|c| c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
    {
        return Err(FieldCode::InvalidCharacters);
    }
    Ok(s.to_owned())
}

/// Like [`check_plain_text`] but empty input is `None`.
pub fn check_optional_text(input: &str, max: usize) -> Result<Option<String>, FieldCode> {
    if input.trim().is_empty() {
        Ok(None)
    } else {
        check_plain_text(input, 1, max).map(Some)
    }
}

crate::stable_names! {
    /// What a one-time SMS code is for. A code sent for one purpose is never accepted for
    /// another.
    pub enum CodePurpose {
        /// Proving ownership of a number before registering it.
        Register = "register",
        /// Resetting a forgotten password.
        ResetPassword = "reset_password",
    }
}

/// How long an SMS code stays valid.
pub const SMS_CODE_TTL_SECS: u64 = 10 * 60;
/// How many wrong guesses a code survives before it is void.
pub const SMS_CODE_MAX_ATTEMPTS: i64 = 5;

/// Checks the format of a typed SMS code: six digits, spaces ignored.
pub fn check_sms_code(input: &str) -> Result<String, FieldCode> {
    let s: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    if s.is_empty() {
        return Err(FieldCode::Required);
    }
    if s.len() != 6 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(FieldCode::CodeFormat);
    }
    Ok(s)
}

/// Checks the format of a typed authenticator (TOTP) code: six digits, spaces ignored.
pub fn check_totp_code(input: &str) -> Option<String> {
    let s: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    (s.len() == 6 && s.bytes().all(|b| b.is_ascii_digit())).then_some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn password_error(pw: &str, confirm: &str, phone: Option<&str>) -> Option<FieldCode> {
        let mut e = FieldErrors::new();
        check_new_password(&mut e, "password", "confirm", pw, confirm, phone);
        e.iter().next().map(|e| e.code)
    }

    #[test]
    fn good_passwords_pass() {
        assert_eq!(password_error("广安晴天2026", "广安晴天2026", None), None);
        assert_eq!(
            password_error("correct horse battery", "correct horse battery", None),
            None
        );
    }

    #[test]
    fn weak_passwords_are_refused_with_the_reason() {
        assert_eq!(password_error("", "", None), Some(FieldCode::Required));
        assert_eq!(
            password_error("short1", "short1", None),
            Some(FieldCode::PasswordTooShort)
        );
        assert_eq!(
            password_error("12345678", "12345678", None),
            Some(FieldCode::PasswordTooCommon)
        );
        assert_eq!(
            password_error("PassWord", "PassWord", None),
            Some(FieldCode::PasswordTooCommon)
        );
        assert_eq!(
            password_error("aaaaaaaaaa", "aaaaaaaaaa", None),
            Some(FieldCode::PasswordTooCommon)
        );
        assert_eq!(
            password_error("13800138000x", "13800138000x", Some("13800138000")),
            Some(FieldCode::PasswordTooCommon)
        );
        let long = "x1".repeat(65);
        assert_eq!(
            password_error(&long, &long, None),
            Some(FieldCode::PasswordTooLong)
        );
    }

    #[test]
    fn a_mismatched_confirmation_is_reported_on_the_confirmation_field() {
        let mut e = FieldErrors::new();
        check_new_password(
            &mut e,
            "password",
            "confirm",
            "广安晴天2026",
            "广安晴天2027",
            None,
        );
        assert_eq!(e.get("confirm"), Some(FieldCode::PasswordMismatch));
        assert_eq!(e.get("password"), None);
    }

    #[test]
    fn usernames_are_lower_case_ascii() {
        assert_eq!(check_username("  Zhang.San ").unwrap(), "zhang.san");
        assert_eq!(check_username("1abc"), Err(FieldCode::InvalidUsername));
        assert_eq!(check_username("张三"), Err(FieldCode::InvalidUsername));
        assert_eq!(check_username("ab"), Err(FieldCode::TooShort));
    }

    #[test]
    fn plain_text_rejects_control_and_bidi_override_characters() {
        assert_eq!(check_plain_text("区民政局", 2, 60).unwrap(), "区民政局");
        assert_eq!(
            check_plain_text("a\u{0}b", 1, 60),
            Err(FieldCode::InvalidCharacters)
        );
        assert_eq!(
            check_plain_text("a\u{202E}b", 1, 60),
            Err(FieldCode::InvalidCharacters)
        );
        assert_eq!(check_plain_text("   ", 1, 60), Err(FieldCode::Required));
        assert_eq!(check_optional_text("  ", 10), Ok(None));
    }

    #[test]
    fn sms_codes_are_six_digits() {
        assert_eq!(check_sms_code(" 123 456 ").unwrap(), "123456");
        assert_eq!(check_sms_code("12345"), Err(FieldCode::CodeFormat));
        assert_eq!(check_sms_code("12345a"), Err(FieldCode::CodeFormat));
        assert_eq!(check_totp_code("123 456").as_deref(), Some("123456"));
        assert_eq!(check_totp_code("1234567"), None);
    }
}
