//! Web Push messages (RFC 8030) as a push service expects them: the payload encrypted for one
//! device with `aes128gcm` (RFC 8188, keyed as RFC 8291 says), and the sender identified by a
//! VAPID token (RFC 8292: an ES256 JWT and the public key in `Authorization: vapid t=…, k=…`).
//!
//! Every primitive comes from `ring`, which the platform already carries for TLS; this module
//! only lays out the bytes the RFCs prescribe.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use ring::rand::SystemRandom;
use ring::signature::{ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair, KeyPair};
use ring::{aead, agreement, hkdf};

use crate::CryptoError;

/// The record size written in the header; a push message is one record.
const RECORD_SIZE: u32 = 4096;
/// The largest payload a push service must accept (RFC 8030 §7.2: 4096 bytes of body).
pub const MAX_PAYLOAD: usize = 3993;

/// The platform's VAPID key pair (ECDSA P-256).
pub struct VapidKey {
    pair: EcdsaKeyPair,
    pkcs8: Vec<u8>,
}

impl VapidKey {
    /// A new random key.
    pub fn generate() -> Result<VapidKey, CryptoError> {
        let rng = SystemRandom::new();
        let doc = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &rng)
            .map_err(|_| CryptoError::Random)?;
        VapidKey::from_pkcs8(doc.as_ref())
    }

    /// The key from its PKCS#8 form (as [`VapidKey::pkcs8`] wrote it).
    pub fn from_pkcs8(der: &[u8]) -> Result<VapidKey, CryptoError> {
        let pair =
            EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, der, &SystemRandom::new())
                .map_err(|_| CryptoError::InvalidKey("not a P-256 PKCS#8 key"))?;
        Ok(VapidKey {
            pair,
            pkcs8: der.to_vec(),
        })
    }

    /// The private key in PKCS#8, for keeping encrypted.
    pub fn pkcs8(&self) -> &[u8] {
        &self.pkcs8
    }

    /// The public key as browsers take it for `applicationServerKey`: the uncompressed point,
    /// base64url without padding.
    pub fn public_key(&self) -> String {
        B64.encode(self.pair.public_key().as_ref())
    }

    /// The `Authorization` header for a message to `endpoint`: a token for the push service's
    /// origin, valid until `expires` (Unix seconds, at most 24 hours ahead), naming `subject`
    /// (a `mailto:` or `https:` contact for the push service's operators).
    pub fn authorization(
        &self,
        endpoint: &str,
        expires: i64,
        subject: &str,
    ) -> Result<String, CryptoError> {
        let audience = origin(endpoint).ok_or(CryptoError::InvalidKey("endpoint has no origin"))?;
        let header = B64.encode(br#"{"typ":"JWT","alg":"ES256"}"#);
        let claims = serde_json::json!({ "aud": audience, "exp": expires, "sub": subject });
        let claims = B64.encode(claims.to_string());
        let signing_input = format!("{header}.{claims}");
        let sig = self
            .pair
            .sign(&SystemRandom::new(), signing_input.as_bytes())
            .map_err(|_| CryptoError::Random)?;
        Ok(format!(
            "vapid t={signing_input}.{}, k={}",
            B64.encode(sig.as_ref()),
            self.public_key()
        ))
    }
}

/// `scheme://host[:port]` of a URL.
fn origin(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let host = rest.split(['/', '?', '#']).next()?;
    (!host.is_empty()).then(|| format!("{scheme}://{host}"))
}

/// A device's keys from its `PushSubscription`: `p256dh` (its public key) and `auth` (a
/// shared secret), both base64url.
pub struct DeviceKeys {
    public: Vec<u8>,
    auth: Vec<u8>,
}

impl DeviceKeys {
    /// Checks and decodes the keys: a 65-byte uncompressed P-256 point and a 16-byte secret.
    pub fn parse(p256dh: &str, auth: &str) -> Result<DeviceKeys, CryptoError> {
        let decode = |s: &str| {
            B64.decode(s.trim_end_matches('='))
                .map_err(|_| CryptoError::InvalidKey("not base64url"))
        };
        let public = decode(p256dh)?;
        let auth = decode(auth)?;
        if public.len() != 65 || public[0] != 4 {
            return Err(CryptoError::InvalidKey(
                "p256dh is not an uncompressed P-256 point",
            ));
        }
        if auth.len() != 16 {
            return Err(CryptoError::InvalidKey("auth is not 16 bytes"));
        }
        Ok(DeviceKeys { public, auth })
    }
}

struct Len(usize);

impl hkdf::KeyType for Len {
    fn len(&self) -> usize {
        self.0
    }
}

fn expand(prk: &hkdf::Prk, info: &[&[u8]], len: usize) -> Result<Vec<u8>, CryptoError> {
    let mut out = vec![0; len];
    prk.expand(info, Len(len))
        .and_then(|okm| okm.fill(&mut out))
        .map_err(|_| CryptoError::InvalidKey("hkdf length"))?;
    Ok(out)
}

/// Encrypts `payload` for one device: the message body to POST with
/// `Content-Encoding: aes128gcm`.
pub fn encrypt(device: &DeviceKeys, payload: &[u8]) -> Result<Vec<u8>, CryptoError> {
    if payload.len() > MAX_PAYLOAD {
        return Err(CryptoError::InvalidKey(
            "payload too large for one push message",
        ));
    }
    let rng = SystemRandom::new();
    let ours = agreement::EphemeralPrivateKey::generate(&agreement::ECDH_P256, &rng)
        .map_err(|_| CryptoError::Random)?;
    let our_public = ours
        .compute_public_key()
        .map_err(|_| CryptoError::Random)?
        .as_ref()
        .to_vec();
    let theirs = agreement::UnparsedPublicKey::new(&agreement::ECDH_P256, &device.public);
    let ikm = agreement::agree_ephemeral(ours, &theirs, |shared| {
        // RFC 8291 §3.3: PRK_key = HKDF-Extract(auth, ecdh); IKM = Expand(PRK_key, key_info, 32).
        let prk = hkdf::Salt::new(hkdf::HKDF_SHA256, &device.auth).extract(shared);
        expand(&prk, &[b"WebPush: info\0", &device.public, &our_public], 32)
    })
    .map_err(|_| CryptoError::InvalidKey("p256dh is not on the curve"))??;
    let salt: [u8; 16] = crate::random::bytes()?;
    // RFC 8188 §2.2–2.3: the content key and nonce from the salt and the IKM.
    let prk = hkdf::Salt::new(hkdf::HKDF_SHA256, &salt).extract(&ikm);
    let cek = expand(&prk, &[b"Content-Encoding: aes128gcm\0"], 16)?;
    let nonce = expand(&prk, &[b"Content-Encoding: nonce\0"], 12)?;
    let key = aead::LessSafeKey::new(
        aead::UnboundKey::new(&aead::AES_128_GCM, &cek)
            .map_err(|_| CryptoError::InvalidKey("content key"))?,
    );
    let mut record = Vec::with_capacity(payload.len() + 17);
    record.extend_from_slice(payload);
    record.push(2); // the last record's delimiter, no padding
    key.seal_in_place_append_tag(
        aead::Nonce::try_assume_unique_for_key(&nonce)
            .map_err(|_| CryptoError::InvalidKey("nonce"))?,
        aead::Aad::empty(),
        &mut record,
    )
    .map_err(|_| CryptoError::InvalidKey("seal"))?;
    let mut body = Vec::with_capacity(16 + 4 + 1 + 65 + record.len());
    body.extend_from_slice(&salt);
    body.extend_from_slice(&RECORD_SIZE.to_be_bytes());
    body.push(our_public.len() as u8);
    body.extend_from_slice(&our_public);
    body.extend_from_slice(&record);
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The receiving side, as a browser does it, for the round trip.
    fn decrypt(
        device: agreement::EphemeralPrivateKey,
        device_public: &[u8],
        auth: &[u8],
        body: &[u8],
    ) -> Vec<u8> {
        let (salt, rest) = body.split_at(16);
        assert_eq!(
            u32::from_be_bytes(rest[..4].try_into().unwrap()),
            RECORD_SIZE
        );
        let idlen = usize::from(rest[4]);
        let sender = &rest[5..5 + idlen];
        let mut record = rest[5 + idlen..].to_vec();
        let theirs = agreement::UnparsedPublicKey::new(&agreement::ECDH_P256, sender);
        let ikm = agreement::agree_ephemeral(device, &theirs, |shared| {
            let prk = hkdf::Salt::new(hkdf::HKDF_SHA256, auth).extract(shared);
            expand(&prk, &[b"WebPush: info\0", device_public, sender], 32).unwrap()
        })
        .unwrap();
        let prk = hkdf::Salt::new(hkdf::HKDF_SHA256, salt).extract(&ikm);
        let cek = expand(&prk, &[b"Content-Encoding: aes128gcm\0"], 16).unwrap();
        let nonce = expand(&prk, &[b"Content-Encoding: nonce\0"], 12).unwrap();
        let key = aead::LessSafeKey::new(aead::UnboundKey::new(&aead::AES_128_GCM, &cek).unwrap());
        let plain = key
            .open_in_place(
                aead::Nonce::try_assume_unique_for_key(&nonce).unwrap(),
                aead::Aad::empty(),
                &mut record,
            )
            .unwrap();
        assert_eq!(plain.last(), Some(&2));
        plain[..plain.len() - 1].to_vec()
    }

    #[test]
    fn a_device_reads_what_was_encrypted_for_it() {
        let rng = SystemRandom::new();
        let device = agreement::EphemeralPrivateKey::generate(&agreement::ECDH_P256, &rng).unwrap();
        let public = device.compute_public_key().unwrap().as_ref().to_vec();
        let auth = [7u8; 16];
        let keys = DeviceKeys::parse(&B64.encode(&public), &B64.encode(auth)).unwrap();
        let body = encrypt(&keys, "地震预警：远离窗户".as_bytes()).unwrap();
        assert_eq!(
            decrypt(device, &public, &auth, &body),
            "地震预警：远离窗户".as_bytes()
        );
        assert!(encrypt(&keys, &[0; MAX_PAYLOAD + 1]).is_err());
    }

    #[test]
    fn malformed_device_keys_are_refused() {
        let point = B64.encode([4u8; 65]);
        assert!(DeviceKeys::parse(&point, &B64.encode([1u8; 16])).is_ok());
        assert!(DeviceKeys::parse(&B64.encode([4u8; 33]), &B64.encode([1u8; 16])).is_err());
        assert!(DeviceKeys::parse(&point, &B64.encode([1u8; 15])).is_err());
        assert!(DeviceKeys::parse("not base64!", "x").is_err());
        // A point that is not on the curve fails when it is used, not silently.
        let keys = DeviceKeys::parse(&point, &B64.encode([1u8; 16])).unwrap();
        assert!(encrypt(&keys, b"x").is_err());
    }

    #[test]
    fn the_vapid_token_is_an_es256_jwt_for_the_push_service_origin() {
        let key = VapidKey::generate().unwrap();
        let again = VapidKey::from_pkcs8(key.pkcs8()).unwrap();
        assert_eq!(key.public_key(), again.public_key());
        assert_eq!(B64.decode(key.public_key()).unwrap().len(), 65);
        let h = key
            .authorization(
                "https://push.example.com:8443/send/abc?x=1",
                1_900_000_000,
                "mailto:ops@example.gov.cn",
            )
            .unwrap();
        let rest = h.strip_prefix("vapid t=").unwrap();
        let (token, k) = rest.split_once(", k=").unwrap();
        assert_eq!(k, key.public_key());
        let parts: Vec<&str> = token.split('.').collect();
        assert_eq!(parts.len(), 3);
        let claims: serde_json::Value =
            serde_json::from_slice(&B64.decode(parts[1]).unwrap()).unwrap();
        assert_eq!(claims["aud"], "https://push.example.com:8443");
        assert_eq!(claims["exp"], 1_900_000_000);
        let public = ring::signature::UnparsedPublicKey::new(
            &ring::signature::ECDSA_P256_SHA256_FIXED,
            B64.decode(k).unwrap(),
        );
        public
            .verify(
                format!("{}.{}", parts[0], parts[1]).as_bytes(),
                &B64.decode(parts[2]).unwrap(),
            )
            .unwrap();
    }
}
