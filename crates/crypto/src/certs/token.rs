//! Compact tokens: `PREFIX + b64(canonical payload) + "." + b64(Ed25519 signature)`, the
//! signature taken over `DOMAIN || canonical payload`.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::Value;

use super::keys::{PublicKey, SigningKey};
use super::{CertError, canonical_json};

/// What tells one kind of signed document from another.
pub(super) struct Scheme {
    /// Prepended to the payload before signing (domain separation).
    pub(super) domain: &'static [u8],
    /// The start of the token.
    pub(super) prefix: &'static str,
}

/// Certificates.
pub(super) const CERTIFICATE: Scheme = Scheme {
    domain: b"yiwang-certificate-v1\n",
    prefix: "YWC1.",
};

/// Revocation lists.
pub(super) const REVOCATIONS: Scheme = Scheme {
    domain: b"yiwang-revocations-v1\n",
    prefix: "YWR1.",
};

impl SigningKey {
    /// Signs a certificate payload (a JSON object with `"v": 1` and this key's `kid`) and
    /// returns the compact `YWC1.` token.
    pub fn sign(&self, payload: &Value) -> Result<String, CertError> {
        sign_with(&CERTIFICATE, self, payload)
    }
}

/// Signs a revocation list given as JSON (an object with `"v": 1` and the key's `kid`; see
/// [`RevocationList::sign`](super::RevocationList::sign)) and returns the compact `YWR1.`
/// token. The signed bytes start with `b"yiwang-revocations-v1\n"`, so neither kind of token
/// passes for the other.
pub fn sign_document(key: &SigningKey, document: &Value) -> Result<String, CertError> {
    sign_with(&REVOCATIONS, key, document)
}

/// Personal records downloaded as signed documents (SVC-3).
pub(super) const RECORD: Scheme = Scheme {
    domain: b"yiwang-record-v1\n",
    prefix: "YWD1.",
};

/// Signs a personal record's payload (a JSON object with `"v": 1` and the key's `kid`) and
/// returns the compact `YWD1.` token; the signed bytes start with `b"yiwang-record-v1\n"`, so
/// a record never passes for a certificate.
pub fn sign_record(key: &SigningKey, payload: &Value) -> Result<String, CertError> {
    sign_with(&RECORD, key, payload)
}

/// [`verify`] for `YWD1.` records made by [`sign_record`].
pub fn verify_record(
    token: &str,
    keys: &dyn Fn(&str) -> Option<PublicKey>,
) -> Result<Value, CertError> {
    verify_with(&RECORD, token, keys)
}

/// Checks a `YWC1.` certificate token and returns its payload: the token must be well formed,
/// the payload canonical JSON with `"v": 1`, `keys` must know its `kid`, and the signature
/// must pass strict Ed25519 verification. Never panics, whatever the input.
pub fn verify(token: &str, keys: &dyn Fn(&str) -> Option<PublicKey>) -> Result<Value, CertError> {
    verify_with(&CERTIFICATE, token, keys)
}

/// [`verify`] for `YWR1.` documents made by [`sign_document`].
pub fn verify_document(
    token: &str,
    keys: &dyn Fn(&str) -> Option<PublicKey>,
) -> Result<Value, CertError> {
    verify_with(&REVOCATIONS, token, keys)
}

pub(super) fn sign_with(
    scheme: &Scheme,
    key: &SigningKey,
    payload: &Value,
) -> Result<String, CertError> {
    if header(payload)? != key.kid() {
        return Err(CertError::Malformed("kid is not the signing key's"));
    }
    let bytes = canonical_json(payload)?;
    let signature = key.sign_raw(&message(scheme, &bytes));
    Ok(format!(
        "{}{}.{}",
        scheme.prefix,
        URL_SAFE_NO_PAD.encode(&bytes),
        URL_SAFE_NO_PAD.encode(signature)
    ))
}

fn verify_with(
    scheme: &Scheme,
    token: &str,
    keys: &dyn Fn(&str) -> Option<PublicKey>,
) -> Result<Value, CertError> {
    let (payload, signature) = split(scheme, token)?;
    let value: Value = serde_json::from_slice(&payload)
        .map_err(|_| CertError::Malformed("payload is not JSON"))?;
    match canonical_json(&value) {
        Ok(again) if again == payload => {}
        _ => return Err(CertError::NotCanonical),
    }
    let kid = header(&value)?;
    let key = keys(kid)
        .filter(|k| k.kid() == kid)
        .ok_or(CertError::UnknownKey)?;
    if !key.verify_raw(&message(scheme, &payload), &signature) {
        return Err(CertError::BadSignature);
    }
    Ok(value)
}

/// The decoded payload and signature. The base64 engine refuses padding and non-zero trailing
/// bits, so each byte string has one encoding.
fn split(scheme: &Scheme, token: &str) -> Result<(Vec<u8>, [u8; 64]), CertError> {
    let rest = token
        .strip_prefix(scheme.prefix)
        .ok_or(CertError::Malformed("wrong token prefix"))?;
    let (payload, signature) = rest
        .split_once('.')
        .ok_or(CertError::Malformed("token has no signature"))?;
    let payload = URL_SAFE_NO_PAD
        .decode(payload)
        .map_err(|_| CertError::Malformed("payload is not base64url"))?;
    let signature: [u8; 64] = URL_SAFE_NO_PAD
        .decode(signature)
        .ok()
        .and_then(|s| s.try_into().ok())
        .ok_or(CertError::Malformed(
            "signature is not 64 bytes of base64url",
        ))?;
    Ok((payload, signature))
}

/// Checks `"v": 1` and returns `kid`.
fn header(payload: &Value) -> Result<&str, CertError> {
    let object = payload
        .as_object()
        .ok_or(CertError::Malformed("payload is not a JSON object"))?;
    match object.get("v") {
        None => return Err(CertError::Malformed("payload has no version")),
        Some(v) if v.as_u64() == Some(1) => {}
        Some(_) => return Err(CertError::Unsupported("payload version is not 1")),
    }
    object
        .get("kid")
        .and_then(Value::as_str)
        .ok_or(CertError::Malformed("payload has no kid"))
}

/// `DOMAIN || payload`: the bytes Ed25519 signs.
pub(super) fn message(scheme: &Scheme, payload: &[u8]) -> Vec<u8> {
    let mut m = Vec::with_capacity(scheme.domain.len() + payload.len());
    m.extend_from_slice(scheme.domain);
    m.extend_from_slice(payload);
    m
}
