//! Ed25519 key pairs of issuing authorities and their published public halves.

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::{Signature, Signer as _};
use sha2::{Digest, Sha256};

use super::CertError;
use crate::random;

/// Length of a key id: 16 base64url characters, 96 bits of SHA-256.
const KID_LEN: usize = 16;

/// The key id of a public key: the first 16 characters of base64url-no-pad SHA-256 of its 32
/// bytes.
fn kid_of(public: &[u8; 32]) -> String {
    let mut kid = URL_SAFE_NO_PAD.encode(Sha256::digest(public));
    kid.truncate(KID_LEN);
    kid
}

/// An issuing authority's private signing key with its key id. `Debug` shows only the kid; the
/// secret is wiped from memory when dropped.
#[derive(Clone)]
pub struct SigningKey {
    kid: String,
    key: ed25519_dalek::SigningKey,
}

impl SigningKey {
    /// A fresh key from 32 bytes of the operating system's random source.
    pub fn generate() -> Result<SigningKey, CertError> {
        let seed = random::bytes::<32>().map_err(|_| CertError::Randomness)?;
        Ok(SigningKey::from_seed(&seed))
    }

    /// The key whose RFC 8032 private key (seed) is `seed`, e.g. as read back from storage.
    pub fn from_seed(seed: &[u8; 32]) -> SigningKey {
        let key = ed25519_dalek::SigningKey::from_bytes(seed);
        let kid = kid_of(key.verifying_key().as_bytes());
        SigningKey { kid, key }
    }

    /// The 32-byte seed, for storing encrypted (with the vault) and [`SigningKey::from_seed`].
    /// Callers should not keep the copy around longer than needed.
    pub fn seed_bytes(&self) -> [u8; 32] {
        self.key.to_bytes()
    }

    /// This key's id, which payloads signed with it carry as `kid`.
    pub fn kid(&self) -> &str {
        &self.kid
    }

    /// The public half, for the published key list.
    pub fn public(&self) -> PublicKey {
        PublicKey {
            kid: self.kid.clone(),
            key: self.key.verifying_key(),
        }
    }

    /// Plain Ed25519 over `message` (no domain prefix): the building block of the tokens.
    pub(super) fn sign_raw(&self, message: &[u8]) -> [u8; 64] {
        self.key.sign(message).to_bytes()
    }
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SigningKey({}, <redacted>)", self.kid)
    }
}

/// A published Ed25519 public key and its key id. Constructors check that the bytes are a
/// usable curve point and that the kid belongs to them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublicKey {
    kid: String,
    key: ed25519_dalek::VerifyingKey,
}

impl PublicKey {
    /// The key from its 32 raw bytes; the kid is derived from them.
    pub fn from_bytes(bytes: &[u8; 32]) -> Result<PublicKey, CertError> {
        let key = ed25519_dalek::VerifyingKey::from_bytes(bytes)
            .map_err(|_| CertError::Malformed("public key is not a curve point"))?;
        if key.is_weak() {
            return Err(CertError::Malformed("public key has small order"));
        }
        Ok(PublicKey {
            kid: kid_of(bytes),
            key,
        })
    }

    /// The key from its base64url-no-pad form, as in the key list, refusing it if `kid` is not
    /// this key's id.
    pub fn from_b64(kid: &str, b64: &str) -> Result<PublicKey, CertError> {
        let raw = URL_SAFE_NO_PAD
            .decode(b64)
            .map_err(|_| CertError::Malformed("public key is not base64url"))?;
        let bytes: [u8; 32] = raw
            .try_into()
            .map_err(|_| CertError::Malformed("public key is not 32 bytes"))?;
        let key = PublicKey::from_bytes(&bytes)?;
        if key.kid != kid {
            return Err(CertError::Malformed("kid does not match the public key"));
        }
        Ok(key)
    }

    /// The key id.
    pub fn kid(&self) -> &str {
        &self.kid
    }

    /// The 32 raw bytes (RFC 8032 encoding).
    pub fn bytes(&self) -> [u8; 32] {
        self.key.to_bytes()
    }

    /// The base64url-no-pad form (43 characters) for the key list.
    pub fn to_b64(&self) -> String {
        URL_SAFE_NO_PAD.encode(self.key.as_bytes())
    }

    /// Strict Ed25519 verification (canonical S, no small-order R or key) of `message`.
    pub(super) fn verify_raw(&self, message: &[u8], signature: &[u8; 64]) -> bool {
        self.key
            .verify_strict(message, &Signature::from_bytes(signature))
            .is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hex_decode;

    fn arr<const N: usize>(hex: &str) -> [u8; N] {
        hex_decode(hex).unwrap().try_into().unwrap()
    }

    #[test]
    fn rfc8032_test_1_empty_message() {
        let seed = arr::<32>("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        let public = arr::<32>("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        let signature = arr::<64>(
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
        );
        let key = SigningKey::from_seed(&seed);
        assert_eq!(key.public().bytes(), public);
        assert_eq!(key.sign_raw(b""), signature);
        assert!(
            PublicKey::from_bytes(&public)
                .unwrap()
                .verify_raw(b"", &signature)
        );
        assert!(!key.public().verify_raw(b"x", &signature));
    }

    #[test]
    fn a_generated_key_round_trips_through_its_seed_and_public_form() {
        let key = SigningKey::generate().unwrap();
        let again = SigningKey::from_seed(&key.seed_bytes());
        assert_eq!(again.kid(), key.kid());
        assert_eq!(key.kid().len(), 16);
        let public = key.public();
        assert_eq!(public.to_b64().len(), 43);
        assert_eq!(
            PublicKey::from_b64(key.kid(), &public.to_b64()).unwrap(),
            public
        );
        assert_ne!(SigningKey::generate().unwrap().kid(), key.kid());
        assert!(!format!("{key:?}").contains(&crate::hex(&key.seed_bytes())));
    }

    #[test]
    fn a_public_key_is_refused_under_another_kid_or_in_the_wrong_form() {
        let public = SigningKey::from_seed(&[7; 32]).public();
        let other = SigningKey::from_seed(&[8; 32]).public();
        let bad = |kid: &str, b64: &str| PublicKey::from_b64(kid, b64).unwrap_err();
        assert!(matches!(
            bad(other.kid(), &public.to_b64()),
            CertError::Malformed(_)
        ));
        assert!(matches!(bad(public.kid(), "AAAA"), CertError::Malformed(_)));
        assert!(matches!(bad(public.kid(), "!!"), CertError::Malformed(_)));
        let padded = format!("{}=", public.to_b64());
        assert!(matches!(
            bad(public.kid(), &padded),
            CertError::Malformed(_)
        ));
        // The identity point has small order: a signature check against it proves nothing.
        let mut identity = [0u8; 32];
        identity[0] = 1;
        assert!(PublicKey::from_bytes(&identity).is_err());
    }
}
