//! JSON Web Tokens for the OpenID Connect provider (ACC-3): RS256 ID tokens signed with ring,
//! their public keys as a JWK set, the checks of a relying party's `private_key_jwt` client
//! assertion, and PKCE's S256 (RFC 7636).
//!
//! RSA keys are generated with the `rsa` crate (ring signs and verifies RSA but cannot make a
//! key); every private-key operation is ring's. Keys travel as PKCS#8 DER.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use ring::signature::{self, RsaKeyPair, RsaPublicKeyComponents};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::CryptoError;

/// The ID-token signing algorithm every relying party supports.
pub const RS256: &str = "RS256";

/// base64url without padding.
pub fn b64(bytes: &[u8]) -> String {
    B64.encode(bytes)
}

/// Decodes base64url without padding; `None` for anything else.
pub fn unb64(s: &str) -> Option<Vec<u8>> {
    B64.decode(s).ok()
}

/// PKCE S256: `BASE64URL(SHA256(ASCII(verifier)))`.
pub fn s256(verifier: &str) -> String {
    b64(&Sha256::digest(verifier.as_bytes()))
}

/// Whether `verifier` answers `challenge` under S256, compared in constant time.
pub fn pkce_matches(verifier: &str, challenge: &str) -> bool {
    let mine = s256(verifier);
    mine.len() == challenge.len()
        && mine
            .bytes()
            .zip(challenge.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

/// OpenID Connect's `at_hash` / `c_hash` for RS256: the left half of SHA-256, base64url.
pub fn half_hash(value: &str) -> String {
    let d = Sha256::digest(value.as_bytes());
    b64(&d[..16])
}

/// The operating system's randomness for the `rsa` crate's key generation.
struct OsRng;

impl rand_core06::RngCore for OsRng {
    fn next_u32(&mut self) -> u32 {
        let mut b = [0u8; 4];
        self.fill_bytes(&mut b);
        u32::from_le_bytes(b)
    }
    fn next_u64(&mut self) -> u64 {
        let mut b = [0u8; 8];
        self.fill_bytes(&mut b);
        u64::from_le_bytes(b)
    }
    fn fill_bytes(&mut self, dest: &mut [u8]) {
        // The generator has no way to report a failure; a machine without randomness cannot
        // make keys at all, so this is one of the few places a failure is fatal.
        #[allow(clippy::expect_used)]
        getrandom::fill(dest).expect("the operating system's randomness");
    }
    fn try_fill_bytes(&mut self, dest: &mut [u8]) -> Result<(), rand_core06::Error> {
        getrandom::fill(dest).map_err(|_| {
            rand_core06::Error::from(
                std::num::NonZeroU32::new(rand_core06::Error::CUSTOM_START)
                    .unwrap_or(std::num::NonZeroU32::MIN),
            )
        })
    }
}

impl rand_core06::CryptoRng for OsRng {}

/// An RSA signing key with its key id.
pub struct RsaSigner {
    kid: String,
    pair: RsaKeyPair,
}

impl std::fmt::Debug for RsaSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RsaSigner").field("kid", &self.kid).finish()
    }
}

impl RsaSigner {
    /// A fresh 2048-bit key as PKCS#8 DER.
    pub fn generate() -> Result<Vec<u8>, CryptoError> {
        use rsa::pkcs8::EncodePrivateKey as _;
        let key = rsa::RsaPrivateKey::new(&mut OsRng, 2048)
            .map_err(|_| CryptoError::InvalidKey("rsa key generation"))?;
        let der = key
            .to_pkcs8_der()
            .map_err(|_| CryptoError::InvalidKey("rsa key encoding"))?;
        Ok(der.as_bytes().to_vec())
    }

    /// Opens a PKCS#8 key under the key id `kid`.
    pub fn from_pkcs8(kid: &str, der: &[u8]) -> Result<RsaSigner, CryptoError> {
        let pair = RsaKeyPair::from_pkcs8(der).map_err(|_| CryptoError::InvalidKey("rsa pkcs8"))?;
        Ok(RsaSigner {
            kid: kid.to_owned(),
            pair,
        })
    }

    /// The key id.
    pub fn kid(&self) -> &str {
        &self.kid
    }

    /// The public key as a JWK (`kty`, `use`, `alg`, `kid`, `n`, `e`), nothing private.
    pub fn public_jwk(&self) -> Value {
        let c = ring::rsa::PublicKeyComponents::<Vec<u8>>::from(self.pair.public());
        json!({"kty": "RSA", "use": "sig", "alg": RS256, "kid": self.kid, "n": b64(&c.n), "e": b64(&c.e)})
    }

    /// Signs `claims` as a compact JWS (RS256) with `typ` in the header.
    pub fn sign(&self, typ: &str, claims: &Value) -> Result<String, CryptoError> {
        let header = json!({"alg": RS256, "kid": self.kid, "typ": typ});
        let input = format!(
            "{}.{}",
            b64(header.to_string().as_bytes()),
            b64(claims.to_string().as_bytes())
        );
        let mut sig = vec![0u8; self.pair.public().modulus_len()];
        self.pair
            .sign(
                &signature::RSA_PKCS1_SHA256,
                &ring::rand::SystemRandom::new(),
                input.as_bytes(),
                &mut sig,
            )
            .map_err(|_| CryptoError::InvalidKey("rsa sign"))?;
        Ok(format!("{input}.{}", b64(&sig)))
    }
}

/// A compact JWS split into its parts, not yet verified.
#[derive(Debug, Clone)]
pub struct Jws {
    /// The protected header.
    pub header: Value,
    /// The payload as JSON.
    pub claims: Value,
    signing_input: String,
    signature: Vec<u8>,
}

impl Jws {
    /// Splits and decodes a compact JWS; `None` when it is not one.
    pub fn parse(token: &str) -> Option<Jws> {
        if token.len() > 16 * 1024 {
            return None;
        }
        let mut parts = token.split('.');
        let (h, p, s) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() {
            return None;
        }
        let header: Value = serde_json::from_slice(&unb64(h)?).ok()?;
        let claims: Value = serde_json::from_slice(&unb64(p)?).ok()?;
        if !header.is_object() || !claims.is_object() {
            return None;
        }
        Some(Jws {
            header,
            claims,
            signing_input: format!("{h}.{p}"),
            signature: unb64(s)?,
        })
    }

    /// The header's `alg`.
    pub fn alg(&self) -> &str {
        self.header.get("alg").and_then(Value::as_str).unwrap_or("")
    }

    /// Whether the signature is a valid RS256 one by any RSA key of `jwks` (a JWK set's `keys`)
    /// whose `kid` matches the header's, or any key when the header names none.
    pub fn verify_rs256(&self, jwks: &[Value]) -> bool {
        if self.alg() != RS256 {
            return false;
        }
        let kid = self.header.get("kid").and_then(Value::as_str);
        jwks.iter()
            .filter(|k| k.get("kty").and_then(Value::as_str) == Some("RSA"))
            .filter(|k| kid.is_none() || k.get("kid").and_then(Value::as_str) == kid)
            .any(|k| {
                let (Some(n), Some(e)) = (
                    k.get("n").and_then(Value::as_str).and_then(unb64),
                    k.get("e").and_then(Value::as_str).and_then(unb64),
                ) else {
                    return false;
                };
                RsaPublicKeyComponents { n, e }
                    .verify(
                        &signature::RSA_PKCS1_2048_8192_SHA256,
                        self.signing_input.as_bytes(),
                        &self.signature,
                    )
                    .is_ok()
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pkce_s256_matches_an_independent_computation() {
        // Python: base64.urlsafe_b64encode(hashlib.sha256(verifier).digest()).rstrip(b"=")
        let verifier = "dBjftJeZ4CK-hIs6hB7hTnbFv1M8CmV7rxuOWEPzk-A";
        let challenge = "H-e6jJeD9lJHov2L35fhlxr1kbzFGLQmsCVO48lziUw";
        assert_eq!(s256(verifier), challenge);
        assert!(pkce_matches(verifier, challenge));
        assert!(!pkce_matches("another", challenge));
        assert!(!pkce_matches(verifier, "short"));
    }

    #[test]
    fn a_signed_token_verifies_with_its_public_key_only() {
        let der = RsaSigner::generate().unwrap();
        let key = RsaSigner::from_pkcs8("k1", &der).unwrap();
        let jwk = key.public_jwk();
        for private in ["d", "p", "q", "dp", "dq", "qi"] {
            assert!(jwk.get(private).is_none());
        }
        let token = key.sign("JWT", &json!({"sub": "x"})).unwrap();
        let jws = Jws::parse(&token).unwrap();
        assert_eq!(jws.claims["sub"], "x");
        assert!(jws.verify_rs256(std::slice::from_ref(&jwk)));
        let other = RsaSigner::from_pkcs8("k1", &RsaSigner::generate().unwrap()).unwrap();
        assert!(!jws.verify_rs256(&[other.public_jwk()]));
        // A changed payload no longer verifies.
        let mut parts: Vec<&str> = token.split('.').collect();
        let forged = b64(br#"{"sub":"y"}"#);
        parts[1] = &forged;
        let forged = Jws::parse(&parts.join(".")).unwrap();
        assert!(!forged.verify_rs256(&[jwk]));
    }

    #[test]
    fn malformed_tokens_are_refused() {
        for t in ["", "a.b", "a.b.c.d", "!!.!!.!!", "e30.e30"] {
            assert!(Jws::parse(t).is_none(), "{t}");
        }
    }
}
