//! The platform's cryptography, kept in one small crate so that every use of a key or a hash
//! is easy to review: argon2id passwords, RFC 6238 one-time codes, authenticated encryption of
//! personal data with keyed blind indexes, random tokens stored only as hashes, and Ed25519
//! signatures on electronic certificates, and Web Push messages encrypted for one device (RFC 8291)
//! and signed for the push service (VAPID, RFC 8292).

pub mod certs;
pub mod jose;
pub mod password;
pub mod random;
pub mod totp;
pub mod vault;
pub mod webpush;

pub use vault::{Key, Vault};

/// A cryptographic operation failed.
#[derive(Debug, thiserror::Error)]
pub enum CryptoError {
    /// The operating system's random source failed.
    #[error("random source unavailable")]
    Random,
    /// A stored ciphertext could not be decrypted (wrong key, tampered, or corrupt).
    #[error("ciphertext could not be decrypted: {0}")]
    Decrypt(&'static str),
    /// A key has the wrong form.
    #[error("invalid key: {0}")]
    InvalidKey(&'static str),
    /// Password hashing failed.
    #[error("password hashing failed")]
    Hash,
}

/// Lower-case hexadecimal.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[usize::from(b >> 4)] as char);
        s.push(DIGITS[usize::from(b & 15)] as char);
    }
    s
}

/// Parses lower- or upper-case hexadecimal.
pub fn hex_decode(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) || !s.is_ascii() {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).ok())
        .collect()
}

/// SHA-256 of `data`, as lower-case hex. Used to store bearer tokens and session IDs so that a
/// copy of the database does not contain usable credentials.
pub fn sha256_hex(data: &[u8]) -> String {
    use sha2::Digest;
    hex(&sha2::Sha256::digest(data))
}

/// Compares two byte strings in time independent of where they differ.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_of_the_empty_string() {
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn hex_round_trips() {
        assert_eq!(
            hex_decode(&hex(&[0, 1, 254, 255])).unwrap(),
            vec![0, 1, 254, 255]
        );
        assert!(hex_decode("abc").is_none());
        assert!(hex_decode("zz").is_none());
    }

    #[test]
    fn constant_time_eq_compares_content_and_length() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"ab"));
    }
}
