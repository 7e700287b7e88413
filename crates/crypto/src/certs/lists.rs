//! The published key list and the signed revocation list (CERT-3), as serde structs whose
//! JSON is what third parties read.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::keys::{PublicKey, SigningKey};
use super::{CertError, sign_document, verify_document};

/// The only `alg` value: pure Ed25519 (RFC 8032).
pub const ALG_ED25519: &str = "Ed25519";

/// One public key in the key list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeySetEntry {
    /// The key id that payloads signed with this key carry.
    pub kid: String,
    /// Always [`ALG_ED25519`].
    pub alg: String,
    /// The 32-byte public key, base64url without padding.
    pub public_key: String,
    /// Id of the issuing authority that holds the key.
    pub authority: String,
    /// That authority's name.
    pub authority_name: String,
    /// When the key was made (RFC 3339 full-date, `YYYY-MM-DD`).
    pub created: String,
    /// When the key stopped signing, if it has; its certificates stay valid. Omitted if `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retired: Option<String>,
}

impl KeySetEntry {
    /// The entry for an authority's current key.
    pub fn new(
        key: &PublicKey,
        authority: impl Into<String>,
        authority_name: impl Into<String>,
        created: impl Into<String>,
    ) -> KeySetEntry {
        KeySetEntry {
            kid: key.kid().to_owned(),
            alg: ALG_ED25519.to_owned(),
            public_key: key.to_b64(),
            authority: authority.into(),
            authority_name: authority_name.into(),
            created: created.into(),
            retired: None,
        }
    }

    /// The key this entry publishes, after checking `alg`, the encoding and the kid.
    pub fn public_key(&self) -> Result<PublicKey, CertError> {
        if self.alg != ALG_ED25519 {
            return Err(CertError::Unsupported("key algorithm is not Ed25519"));
        }
        PublicKey::from_b64(&self.kid, &self.public_key)
    }
}

/// The key list, `{"keys": [...]}`, retired keys included.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeySet {
    /// Every key that ever signed, current and retired.
    pub keys: Vec<KeySetEntry>,
}

impl KeySet {
    /// The usable key with this kid, retired or not; `None` if absent or its entry is broken.
    /// `|kid| set.find(kid)` is the lookup [`verify`](super::verify) wants.
    pub fn find(&self, kid: &str) -> Option<PublicKey> {
        self.keys
            .iter()
            .filter(|e| e.kid == kid)
            .find_map(|e| e.public_key().ok())
    }
}

/// One revoked certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevocationEntry {
    /// The certificate's `id`.
    pub id: String,
    /// When it was revoked (`YYYY-MM-DD`).
    pub revoked: String,
    /// Why, in plain words.
    pub reason: String,
}

/// The revocation list. Signed, its JSON also carries `"v": 1` and the signing key's `kid`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevocationList {
    /// When this list was made (RFC 3339 date-time, UTC).
    pub issued: String,
    /// Every revoked certificate.
    pub entries: Vec<RevocationEntry>,
}

impl RevocationList {
    /// The entry revoking certificate `id`, if it is revoked.
    pub fn find(&self, id: &str) -> Option<&RevocationEntry> {
        self.entries.iter().find(|e| e.id == id)
    }

    /// The signed `YWR1.` token of `{"v":1,"kid":…,"issued":…,"entries":[…]}`.
    pub fn sign(&self, key: &SigningKey) -> Result<String, CertError> {
        let mut value = serde_json::to_value(self)
            .map_err(|_| CertError::Malformed("revocation list does not serialise"))?;
        if let Value::Object(map) = &mut value {
            map.insert("v".to_owned(), Value::from(1));
            map.insert("kid".to_owned(), Value::from(key.kid()));
        }
        sign_document(key, &value)
    }

    /// Verifies a token made by [`RevocationList::sign`] and reads the list from it.
    pub fn from_token(
        token: &str,
        keys: &dyn Fn(&str) -> Option<PublicKey>,
    ) -> Result<RevocationList, CertError> {
        let value = verify_document(token, keys)?;
        serde_json::from_value(value).map_err(|_| CertError::Malformed("not a revocation list"))
    }
}
