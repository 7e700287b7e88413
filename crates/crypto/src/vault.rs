//! Encryption of personal data at rest (ID numbers, mobile numbers, names) with
//! XChaCha20-Poly1305, and keyed blind indexes (HMAC-SHA256) for exact-match lookup without
//! decrypting. Keys come from configuration or key files, never from the database.
//!
//! Ciphertext format (version 1): `0x01 | key-id (4 bytes) | nonce (24 bytes) | ciphertext+tag`.
//! The key id is the first four bytes of SHA-256 of the key, so old keys kept for decryption
//! are found without numbering them. The associated data binds each ciphertext to its field
//! and row (`"account.phone|<id>"`), so a ciphertext copied to another row fails to decrypt.

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use chacha20poly1305::KeyInit as _;
use chacha20poly1305::aead::{Aead, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::Mac;
use sha2::{Digest, Sha256};

use crate::{CryptoError, random};

const VERSION: u8 = 1;
const HEADER: usize = 1 + 4 + 24;

/// A 256-bit key. `Debug` never prints it.
#[derive(Clone)]
pub struct Key([u8; 32]);

impl Key {
    /// A key from 32 raw bytes.
    pub fn from_bytes(b: [u8; 32]) -> Key {
        Key(b)
    }

    /// A key from its standard base64 form (44 characters), as written in key files.
    pub fn from_base64(s: &str) -> Result<Key, CryptoError> {
        let raw = STANDARD
            .decode(s.trim())
            .map_err(|_| CryptoError::InvalidKey("not base64"))?;
        let arr: [u8; 32] = raw.try_into().map_err(|_| {
            CryptoError::InvalidKey("a key must be 32 bytes (44 base64 characters)")
        })?;
        Ok(Key(arr))
    }

    /// A fresh random key.
    pub fn generate() -> Result<Key, CryptoError> {
        Ok(Key(random::bytes::<32>()?))
    }

    /// The base64 form, for writing a new key file.
    pub fn to_base64(&self) -> String {
        STANDARD.encode(self.0)
    }

    fn id(&self) -> [u8; 4] {
        let h = Sha256::digest(self.0);
        [h[0], h[1], h[2], h[3]]
    }
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Key(<redacted>)")
    }
}

/// Encrypts and decrypts personal data and computes blind indexes.
#[derive(Clone)]
pub struct Vault {
    current: ([u8; 4], XChaCha20Poly1305),
    previous: Vec<([u8; 4], XChaCha20Poly1305)>,
    index_key: Key,
}

impl fmt::Debug for Vault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Vault({} old keys)", self.previous.len())
    }
}

impl Vault {
    /// A vault that encrypts with `current`, can still decrypt data written under `previous`
    /// keys, and indexes with `index_key`. The index key must differ from the encryption keys.
    pub fn new(current: Key, previous: Vec<Key>, index_key: Key) -> Result<Vault, CryptoError> {
        if current.0 == index_key.0 || previous.iter().any(|k| k.0 == index_key.0) {
            return Err(CryptoError::InvalidKey(
                "the blind-index key must differ from the encryption keys",
            ));
        }
        let cipher = |k: &Key| XChaCha20Poly1305::new(&k.0.into());
        Ok(Vault {
            current: (current.id(), cipher(&current)),
            previous: previous.iter().map(|k| (k.id(), cipher(k))).collect(),
            index_key,
        })
    }

    /// Encrypts `plaintext` for the field and row named by `context`.
    pub fn encrypt(&self, context: &str, plaintext: &str) -> Result<Vec<u8>, CryptoError> {
        let nonce_bytes = random::bytes::<24>()?;
        let nonce = XNonce::from(nonce_bytes);
        let ct = self
            .current
            .1
            .encrypt(
                &nonce,
                Payload {
                    msg: plaintext.as_bytes(),
                    aad: context.as_bytes(),
                },
            )
            .map_err(|_| CryptoError::Decrypt("encryption failed"))?;
        let mut out = Vec::with_capacity(HEADER + ct.len());
        out.push(VERSION);
        out.extend_from_slice(&self.current.0);
        out.extend_from_slice(&nonce_bytes);
        out.extend_from_slice(&ct);
        Ok(out)
    }

    /// Decrypts a value written by [`Vault::encrypt`] with the same `context`.
    pub fn decrypt(&self, context: &str, blob: &[u8]) -> Result<String, CryptoError> {
        if blob.len() < HEADER + 16 || blob[0] != VERSION {
            return Err(CryptoError::Decrypt("unknown format"));
        }
        let id: [u8; 4] = [blob[1], blob[2], blob[3], blob[4]];
        let cipher = std::iter::once(&self.current)
            .chain(self.previous.iter())
            .find(|(kid, _)| *kid == id)
            .map(|(_, c)| c)
            .ok_or(CryptoError::Decrypt(
                "encrypted under a key that is not configured",
            ))?;
        let mut nonce_bytes = [0u8; 24];
        nonce_bytes.copy_from_slice(&blob[5..HEADER]);
        let nonce = XNonce::from(nonce_bytes);
        let pt = cipher
            .decrypt(
                &nonce,
                Payload {
                    msg: &blob[HEADER..],
                    aad: context.as_bytes(),
                },
            )
            .map_err(|_| CryptoError::Decrypt("authentication failed"))?;
        String::from_utf8(pt).map_err(|_| CryptoError::Decrypt("not UTF-8"))
    }

    /// The blind index of a normalised value for a kind of field (e.g. `"phone"`): an HMAC that
    /// allows exact lookup and uniqueness constraints without storing the value.
    pub fn blind_index(&self, kind: &str, normalised: &str) -> String {
        let mut mac = match <hmac::Hmac<Sha256> as hmac::KeyInit>::new_from_slice(&self.index_key.0)
        {
            Ok(m) => m,
            Err(_) => return String::new(),
        };
        mac.update(kind.as_bytes());
        mac.update(&[0]);
        mac.update(normalised.as_bytes());
        URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
    }

    /// Whether a stored blob was written under an old key (and should be re-encrypted).
    pub fn is_stale(&self, blob: &[u8]) -> bool {
        blob.len() >= 5 && blob[1..5] != self.current.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vault() -> Vault {
        Vault::new(Key::from_bytes([1; 32]), vec![], Key::from_bytes([2; 32])).unwrap()
    }

    #[test]
    fn values_round_trip_and_ciphertexts_differ_each_time() {
        let v = vault();
        let a = v.encrypt("account.phone|1", "13800138000").unwrap();
        let b = v.encrypt("account.phone|1", "13800138000").unwrap();
        assert_ne!(a, b);
        assert_eq!(v.decrypt("account.phone|1", &a).unwrap(), "13800138000");
        assert!(!a.windows(11).any(|w| w == b"13800138000"));
    }

    #[test]
    fn a_ciphertext_moved_to_another_row_or_field_does_not_decrypt() {
        let v = vault();
        let a = v.encrypt("account.phone|1", "13800138000").unwrap();
        assert!(v.decrypt("account.phone|2", &a).is_err());
        assert!(v.decrypt("account.id_number|1", &a).is_err());
    }

    #[test]
    fn tampering_is_detected() {
        let v = vault();
        let mut a = v.encrypt("c", "secret").unwrap();
        let last = a.len() - 1;
        a[last] ^= 1;
        assert!(v.decrypt("c", &a).is_err());
        assert!(v.decrypt("c", &[1, 2, 3]).is_err());
    }

    #[test]
    fn old_keys_still_decrypt_after_rotation() {
        let old = vault();
        let blob = old.encrypt("c", "11010519491231002X").unwrap();
        let rotated = Vault::new(
            Key::from_bytes([3; 32]),
            vec![Key::from_bytes([1; 32])],
            Key::from_bytes([2; 32]),
        )
        .unwrap();
        assert!(rotated.is_stale(&blob));
        assert_eq!(rotated.decrypt("c", &blob).unwrap(), "11010519491231002X");
        let without_old =
            Vault::new(Key::from_bytes([3; 32]), vec![], Key::from_bytes([2; 32])).unwrap();
        assert!(without_old.decrypt("c", &blob).is_err());
    }

    #[test]
    fn blind_indexes_are_stable_keyed_and_separated_by_kind() {
        let v = vault();
        assert_eq!(
            v.blind_index("phone", "13800138000"),
            v.blind_index("phone", "13800138000")
        );
        assert_ne!(
            v.blind_index("phone", "13800138000"),
            v.blind_index("id", "13800138000")
        );
        let other = Vault::new(Key::from_bytes([1; 32]), vec![], Key::from_bytes([9; 32])).unwrap();
        assert_ne!(v.blind_index("phone", "1"), other.blind_index("phone", "1"));
    }

    #[test]
    fn keys_parse_from_base64_and_never_print() {
        let k = Key::generate().unwrap();
        let back = Key::from_base64(&k.to_base64()).unwrap();
        assert_eq!(k.0, back.0);
        assert!(Key::from_base64("c2hvcnQ=").is_err());
        assert_eq!(format!("{k:?}"), "Key(<redacted>)");
    }

    #[test]
    fn the_index_key_must_differ_from_the_encryption_key() {
        assert!(Vault::new(Key::from_bytes([1; 32]), vec![], Key::from_bytes([1; 32])).is_err());
    }
}
