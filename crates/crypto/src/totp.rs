//! Time-based one-time passwords for staff (RFC 6238: HMAC-SHA1, 6 digits, 30-second steps,
//! one step of clock skew), compatible with every common authenticator app.

use totp_rs::{Algorithm, Builder, Totp};

use crate::{CryptoError, random};

/// A new 160-bit secret (RFC 4226 §4 recommends 160 bits).
pub fn new_secret() -> Result<Vec<u8>, CryptoError> {
    Ok(random::bytes::<20>()?.to_vec())
}

fn build(secret: &[u8], issuer: &str, account: &str) -> Result<Totp, CryptoError> {
    Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(6)
        .with_skew(1)
        .with_step_duration(30)
        .with_secret(secret.to_vec())
        .with_issuer(Some(issuer.replace(':', " ")))
        .with_account_name(account.replace(':', " "))
        .build()
        .map_err(|_| CryptoError::InvalidKey("totp secret"))
}

/// The `otpauth://` URL an authenticator app reads from the enrolment QR code.
pub fn enrolment_url(secret: &[u8], issuer: &str, account: &str) -> Result<String, CryptoError> {
    build(secret, issuer, account)?
        .to_url()
        .map_err(|_| CryptoError::InvalidKey("totp account name"))
}

/// The secret in base32, for people who type it into their app instead of scanning.
pub fn secret_base32(secret: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = String::new();
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for b in secret {
        buffer = (buffer << 8) | u32::from(*b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(ALPHABET[((buffer >> bits) & 31) as usize] as char);
        }
    }
    if bits > 0 {
        out.push(ALPHABET[((buffer << (5 - bits)) & 31) as usize] as char);
    }
    out
}

/// Checks a code at `unix_secs`. Returns the time step it matched so the caller can refuse a
/// second use of the same step (RFC 6238 §5.2).
pub fn check(secret: &[u8], code: &str, unix_secs: u64) -> Option<u64> {
    let totp = build(secret, "y", "y").ok()?;
    totp.check(code, unix_secs)
}

/// The code for `unix_secs`, for tests, the demo and scripted clients.
pub fn code_at(secret: &[u8], unix_secs: u64) -> Result<String, CryptoError> {
    Ok(build(secret, "y", "y")?.generate(unix_secs).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_6238_appendix_b_sha1_vectors() {
        // The RFC's SHA-1 seed is the ASCII string "12345678901234567890"; the RFC lists
        // 8-digit codes, whose last six digits are the 6-digit codes.
        let secret = b"12345678901234567890";
        for (t, code8) in [
            (59u64, "94287082"),
            (1_111_111_109, "07081804"),
            (2_000_000_000, "69279037"),
        ] {
            assert_eq!(code_at(secret, t).unwrap(), &code8[2..], "t={t}");
        }
    }

    #[test]
    fn a_code_is_accepted_one_step_early_or_late_but_not_two() {
        let secret = new_secret().unwrap();
        let t = 1_800_000_000u64;
        let code = code_at(&secret, t).unwrap();
        assert_eq!(check(&secret, &code, t), Some(t / 30));
        assert!(check(&secret, &code, t + 30).is_some());
        assert!(check(&secret, &code, t + 90).is_none());
        assert!(check(&secret, "000000x", t).is_none());
    }

    #[test]
    fn enrolment_url_carries_issuer_account_and_secret() {
        let secret = b"12345678901234567890";
        let url = enrolment_url(secret, "广安市一网通办", "li.si").unwrap();
        assert!(url.starts_with("otpauth://totp/"));
        assert!(url.contains(&secret_base32(secret)));
        assert_eq!(
            secret_base32(b"12345678901234567890"),
            "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
        );
    }
}
