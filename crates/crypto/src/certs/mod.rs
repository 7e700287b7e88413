//! Electronic certificates (CERT-1…3): Ed25519-signed JSON payloads that anyone can verify
//! offline with any Ed25519 library, and the signed revocation list. `docs/CERTIFICATES.md`
//! repeats this with a worked example.
//!
//! # Payload
//!
//! A JSON object with at least `"v": 1` and `"kid"` (the signing key's id). The platform puts
//! `iss`, `iss_name`, `id`, `type`, `type_name`, `holder`, `holder_id` (masked), `data`,
//! `issued` and, if it expires, `expires` beside them; this module looks only at `v` and `kid`.
//!
//! # Canonical JSON
//!
//! The signed bytes are the payload in exactly one encoding, [`canonical_json`]:
//! - UTF-8, no whitespace outside strings;
//! - object members sorted by the UTF-8 bytes of their keys (= Unicode code point order), at
//!   every level;
//! - numbers are integers only (`-?(0|[1-9][0-9]*)`, within `i64`/`u64`): no fraction, no
//!   exponent, no `-0`;
//! - strings escape only `"` → `\"`, `\` → `\\`, and U+0000–U+001F: `\b \t \n \f \r` for
//!   those five, `\u00xx` (lower-case hex) for the rest; everything else, including non-ASCII
//!   and U+007F, is written as is. (The RFC 8785 escaping rule; Python's
//!   `json.dumps(p, ensure_ascii=False, sort_keys=True, separators=(",", ":"))` produces
//!   the same bytes for such payloads.)
//!
//! # Signature and token
//!
//! `signature = Ed25519(seed, DOMAIN || canonical_payload)` (RFC 8032, pure Ed25519), where
//! `DOMAIN` is `b"yiwang-certificate-v1\n"` for certificates and `b"yiwang-revocations-v1\n"`
//! for revocation lists, so that one can never be passed off as the other. The token is
//! `"YWC1." + b64(canonical_payload) + "." + b64(signature)` (`"YWR1."` for revocation lists),
//! with `b64` the URL-safe alphabet without padding (RFC 4648 §5).
//!
//! # Keys
//!
//! A key's id (`kid`) is the first 16 characters of `b64(SHA-256(public_key))` over the 32 raw
//! public key bytes. Public keys are published as a [`KeySet`]; retired keys stay in it so that
//! certificates they signed keep verifying.
//!
//! # Verifying
//!
//! A third party decodes the two parts, verifies the signature over `DOMAIN || payload_bytes`
//! exactly as received, and reads the JSON. [`verify`] is stricter: it also refuses a payload
//! that is not in canonical form and a `v` other than 1, so each certificate has exactly one
//! valid token. Checking `expires`, `retired` and the revocation list is the caller's job.

mod canonical;
mod keys;
mod lists;
mod token;

#[cfg(test)]
mod tests;

pub use canonical::canonical_json;
pub use keys::{PublicKey, SigningKey};
pub use lists::{ALG_ED25519, KeySet, KeySetEntry, RevocationEntry, RevocationList};
pub use token::{sign_document, verify, verify_document};
pub use token::{sign_record, verify_record};

/// Why a certificate or signed document could not be made or verified.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CertError {
    /// The token, payload, or key has the wrong shape.
    #[error("malformed: {0}")]
    Malformed(&'static str),
    /// No key with the payload's `kid` was supplied.
    #[error("unknown signing key")]
    UnknownKey,
    /// The signature does not match the payload and key.
    #[error("bad signature")]
    BadSignature,
    /// The payload is not in canonical JSON form.
    #[error("payload is not canonical JSON")]
    NotCanonical,
    /// A version, algorithm or value this code does not handle (e.g. `v` ≠ 1, a float).
    #[error("unsupported: {0}")]
    Unsupported(&'static str),
    /// The operating system's random source failed.
    #[error("random source unavailable")]
    Randomness,
}

impl CertError {
    /// A stable snake_case code for logs, the API and translated messages.
    pub fn code(&self) -> &'static str {
        match self {
            CertError::Malformed(_) => "cert_malformed",
            CertError::UnknownKey => "cert_unknown_key",
            CertError::BadSignature => "cert_bad_signature",
            CertError::NotCanonical => "cert_not_canonical",
            CertError::Unsupported(_) => "cert_unsupported",
            CertError::Randomness => "cert_randomness",
        }
    }
}
