//! Password hashing with argon2id (RFC 9106) at the OWASP-recommended cost (19 MiB, 2 passes,
//! 1 lane), stored as PHC strings so the cost can be raised later without breaking old hashes.

use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::CryptoError;

fn hasher() -> Argon2<'static> {
    // 19 MiB, t = 2, p = 1: the OWASP Password Storage Cheat Sheet's first argon2id option.
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes a password with a fresh random salt. Takes tens of milliseconds on purpose: call it
/// from a blocking thread, never on the async executor.
pub fn hash(password: &str) -> Result<String, CryptoError> {
    hasher()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|_| CryptoError::Hash)
}

/// Checks a password against a stored PHC string. A malformed hash never verifies.
pub fn verify(password: &str, phc: &str) -> bool {
    match PasswordHash::new(phc) {
        Ok(parsed) => hasher()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// Spends the same time as a real verification, for logins to accounts that do not exist, so
/// the response time does not reveal which accounts exist.
pub fn verify_dummy(password: &str) {
    // A fixed hash of a random password; any input fails after the full argon2 cost.
    const DUMMY: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$2bVdPbPgRkJd1Y7+UuWNYrrJ8Dn1Y6VwUIuC9o2yBt4";
    let _ = verify(password, DUMMY);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_and_nothing_else() {
        let h = hash("广安晴天2026").unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify("广安晴天2026", &h));
        assert!(!verify("广安晴天2027", &h));
        assert!(!verify("广安晴天2026", "not a hash"));
    }

    #[test]
    fn two_hashes_of_one_password_differ_by_salt() {
        assert_ne!(
            hash("same password").unwrap(),
            hash("same password").unwrap()
        );
    }
}
