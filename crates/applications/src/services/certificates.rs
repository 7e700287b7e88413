//! Electronic certificates (CERT-1…4): issuing on approval (signed with the issuing
//! department's Ed25519 key, made on first use), the wallet, verification of a token from a
//! QR code or a file, revocation, share links, and the published key and revocation lists.
//! The signature format is `crypto::certs` (documented in `docs/CERTIFICATES.md`).

use std::collections::HashMap;

use serde_json::{Value, json};
use yiwang_crypto::certs::{KeySet, KeySetEntry, PublicKey, SigningKey, verify};
use yiwang_domain::application::ItemForm;
use yiwang_domain::forms::Answers;
use yiwang_domain::identity::id_number::mask_id_number;
use yiwang_domain::ids::{AccountId, CertificateId, ShareId};
use yiwang_domain::rules::HeldCertificate;
use yiwang_domain::{ErrorCode, Timestamp};
use yiwang_store::Tx;
use yiwang_store::applications::cases::CaseRow;
use yiwang_store::applications::certs::{CertRow, NewCert, ShareRow};

use yiwang_kit::caller::Caller;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;

/// How long a share link works.
pub const SHARE_HOURS: i64 = 72;

fn cert_error(e: yiwang_crypto::certs::CertError) -> Error {
    Error::internal(format!("certificate: {e}"))
}

/// Every (type, department) pair of the register: a certificate counts as its type (for the
/// rules and for prefill) only when its issuer is authorised for it.
pub async fn authorised_issuers(
    app: &AppState,
) -> Result<std::collections::HashSet<(String, yiwang_domain::ids::DepartmentId)>, Error> {
    Ok(app.store.authorised_issuers().await?.into_iter().collect())
}

/// Signs and records the certificate an approved case yields, in the approval's transaction.
/// The applicant's identity must meet the item's requirement, and the department must be a
/// registered issuer of the type.
pub async fn issue(
    app: &AppState,
    tx: &mut Tx,
    case: &CaseRow,
    bundle: &ItemForm,
    answers: &Answers,
) -> Result<Option<CertificateId>, Error> {
    let Some(spec) = &bundle.certificate else {
        return Ok(None);
    };
    let profile = app.store.profile(case.account_id).await?;
    if !bundle.identity.met_by(profile.identity) {
        return Err(Error::code(yiwang_domain::ErrorCode::IdentityBelowRequired));
    }
    if !app
        .store
        .issuer_authorised(&spec.cert_type, case.department_id)
        .await?
    {
        return Err(yiwang_domain::Error::field(
            "certificate.type",
            yiwang_domain::FieldCode::NotAuthorisedIssuer,
        )
        .into());
    }
    let key = match app
        .store
        .current_signing_seed(tx, case.department_id)
        .await?
    {
        Some((_, seed)) => SigningKey::from_seed(&seed),
        None => {
            let key = SigningKey::generate().map_err(cert_error)?;
            app.store
                .add_signing_key(
                    tx,
                    case.department_id,
                    key.kid(),
                    &key.public().to_b64(),
                    &key.seed_bytes(),
                )
                .await?;
            key
        }
    };
    let today = Timestamp::now().beijing_date();
    // The answers include the approval's decision fields (a number of months).
    let expires = spec.valid_until(today, answers);
    let data = certificate_data(bundle, &spec.fields, answers);
    let id = CertificateId::generate();
    let mut payload = json!({
        "v": 1,
        "kid": key.kid(),
        "iss": case.department_id.to_string(),
        "iss_name": case.department_name,
        "id": id.to_string(),
        "type": spec.cert_type,
        "type_name": spec.name.zh,
        "holder": profile.real_name.clone().unwrap_or_default(),
        "holder_id": profile.id_number.as_deref().map(mask_id_number).unwrap_or_default(),
        "data": data,
        "issued": today.to_string(),
    });
    if let (Some(e), Some(obj)) = (expires, payload.as_object_mut()) {
        obj.insert("expires".into(), Value::String(e.to_string()));
    }
    let token = key.sign(&payload).map_err(cert_error)?;
    let expires_text = expires.map(|e| e.to_string());
    app.store
        .record_certificate(
            tx,
            &NewCert {
                id,
                case_id: case.id,
                account_id: case.account_id,
                department_id: case.department_id,
                cert_type: &spec.cert_type,
                type_name: &spec.name.zh,
                kid: key.kid(),
                token: &token,
                issued_on: &today.to_string(),
                expires_on: expires_text.as_deref(),
            },
        )
        .await?;
    Ok(Some(id))
}

/// What a certificate states, from the answers and the approval's decision: choices in words (the signed text must read
/// the same to anyone, without the form), ID numbers masked (a certificate is shown to
/// whoever checks it), and the applicant's own identity left to `holder` and `holder_id`.
fn certificate_data(
    bundle: &ItemForm,
    fields: &[String],
    answers: &Answers,
) -> serde_json::Map<String, Value> {
    use yiwang_domain::forms::{FieldKind, Prefill};
    let mut data = serde_json::Map::new();
    for key in fields {
        let field = bundle
            .form
            .field(key)
            .or_else(|| bundle.decision_field(key));
        let (Some(field), Some(value)) = (field, answers.get(key)) else {
            continue;
        };
        if matches!(field.prefill, Some(Prefill::Account { .. })) {
            continue;
        }
        let label = |v: &str| match &field.kind {
            FieldKind::Choice { options } | FieldKind::MultiChoice { options, .. } => options
                .iter()
                .find(|o| o.value == v)
                .map_or_else(|| v.to_owned(), |o| o.label.zh.clone()),
            _ => v.to_owned(),
        };
        let shown = match (&field.kind, value) {
            (FieldKind::IdNumber, Value::String(s)) => Value::String(mask_id_number(s)),
            (FieldKind::Choice { .. }, Value::String(s)) => Value::String(label(s)),
            (FieldKind::MultiChoice { .. }, Value::Array(a)) => Value::String(
                a.iter()
                    .filter_map(Value::as_str)
                    .map(label)
                    .collect::<Vec<_>>()
                    .join("、"),
            ),
            (_, v) => v.clone(),
        };
        data.insert(key.clone(), shown);
    }
    data
}

/// The published key list: every department key, current and retired.
pub async fn key_set(app: &AppState) -> Result<KeySet, Error> {
    let keys = app
        .store
        .signing_keys()
        .await?
        .into_iter()
        .map(|k| KeySetEntry {
            kid: k.kid,
            alg: yiwang_crypto::certs::ALG_ED25519.to_owned(),
            public_key: k.public_key,
            authority: k.department_id.to_string(),
            authority_name: k.department_name,
            created: k.created_at.beijing_date().to_string(),
            retired: k.retired_at.map(|t| t.beijing_date().to_string()),
        })
        .collect();
    Ok(KeySet { keys })
}

/// The published keys by id, for verifying tokens.
async fn published_keys(app: &AppState) -> Result<HashMap<String, PublicKey>, Error> {
    Ok(key_set(app)
        .await?
        .keys
        .iter()
        .filter_map(|e| e.public_key().ok().map(|k| (e.kid.clone(), k)))
        .collect())
}

/// Whether a stored certificate is in force today: not revoked, not past its expiry day.
fn in_force(row: &CertRow, today: &str) -> bool {
    row.revoked_at.is_none() && row.expires_on.as_deref().is_none_or(|e| e >= today)
}

/// What verifying a token found.
#[derive(Debug, Clone)]
pub enum Verdict {
    /// Signed by a published key, not revoked, not expired.
    Valid(Value),
    /// Genuine but revoked: when (date) and why.
    Revoked(Value, String, String),
    /// Genuine but past its expiry date.
    Expired(Value),
    /// Not a genuine certificate of this platform (forged, altered or garbled).
    Invalid,
}

/// Verifies a certificate token: signature by a published key, then revocation and expiry.
pub async fn check(app: &AppState, token: &str) -> Result<Verdict, Error> {
    let keys = published_keys(app).await?;
    let payload = match verify(token.trim(), &|kid: &str| keys.get(kid).cloned()) {
        Ok(p) => p,
        Err(_) => return Ok(Verdict::Invalid),
    };
    let id = payload
        .get("id")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if let Some((at, reason)) = app.store.revocation(id).await? {
        return Ok(Verdict::Revoked(
            payload,
            at.beijing_date().to_string(),
            reason,
        ));
    }
    let today = Timestamp::now().beijing_date().to_string();
    if payload
        .get("expires")
        .and_then(Value::as_str)
        .is_some_and(|e| e < today.as_str())
    {
        return Ok(Verdict::Expired(payload));
    }
    Ok(Verdict::Valid(payload))
}

/// A certificate in the wallet with its signed data.
#[derive(Debug, Clone)]
pub struct WalletCert {
    /// The stored row.
    pub row: CertRow,
    /// The signed payload.
    pub payload: Value,
    /// Not revoked and not expired.
    pub valid: bool,
}

fn payload_of(token: &str, keys: &HashMap<String, PublicKey>) -> Option<Value> {
    verify(token, &|kid: &str| keys.get(kid).cloned()).ok()
}

/// The holder's certificates with their data (signatures checked on the way).
pub async fn wallet(app: &AppState, holder: AccountId) -> Result<Vec<WalletCert>, Error> {
    let rows = app.store.certificates_of(holder).await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let keys = published_keys(app).await?;
    let today = Timestamp::now().beijing_date().to_string();
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let payload = payload_of(&row.token, &keys)?;
            let valid = in_force(&row, &today);
            Some(WalletCert {
                row,
                payload,
                valid,
            })
        })
        .collect())
}

/// What the instant-approval rules know of the wallet.
pub async fn held(app: &AppState, holder: AccountId) -> Result<Vec<HeldCertificate>, Error> {
    // The rules need only type and standing, which the platform's own rows say: no signature
    // checks on the submission path (they made instant approval grow with the wallet).
    let today = Timestamp::now().beijing_date().to_string();
    let issuers = authorised_issuers(app).await?;
    Ok(app
        .store
        .certificates_of(holder)
        .await?
        .into_iter()
        .filter(|row| issuers.contains(&(row.cert_type.clone(), row.department_id)))
        .map(|row| HeldCertificate {
            valid: in_force(&row, &today),
            cert_type: row.cert_type,
        })
        .collect())
}

/// One of the holder's certificates; someone else's is not found.
pub async fn own(
    app: &AppState,
    holder: AccountId,
    id: CertificateId,
) -> Result<WalletCert, Error> {
    wallet(app, holder)
        .await?
        .into_iter()
        .find(|c| c.row.id == id)
        .ok_or_else(Error::not_found)
}

/// Makes a share link token for one of the holder's certificates, valid for [`SHARE_HOURS`].
pub async fn share(
    app: &AppState,
    holder: AccountId,
    id: CertificateId,
) -> Result<(String, Timestamp), Error> {
    let cert = own(app, holder, id).await?;
    if !cert.valid {
        return Err(Error::code(ErrorCode::InvalidTransition));
    }
    let token = yiwang_crypto::random::token()?;
    let expires = Timestamp::now().plus(std::time::Duration::from_secs(SHARE_HOURS as u64 * 3600));
    let hash = app.store.vault().blind_index("certificate_share", &token);
    app.store
        .share_certificate(cert.row.id, &hash, expires)
        .await?;
    Ok((token, expires))
}

/// The links to one of the holder's certificates (from [`own`]) that still work, newest
/// first.
pub async fn shares(app: &AppState, cert: &WalletCert) -> Result<Vec<ShareRow>, Error> {
    Ok(app.store.live_shares(cert.row.id).await?)
}

/// The holder ends one of their links at once; "not found" for a link that is not theirs or
/// already ended.
pub async fn revoke_share(
    app: &AppState,
    holder: AccountId,
    id: CertificateId,
    share: ShareId,
) -> Result<(), Error> {
    let cert = own(app, holder, id).await?;
    if !app.store.revoke_share(cert.row.id, share).await? {
        return Err(Error::not_found());
    }
    Ok(())
}

/// What a share link shows.
pub enum Shared {
    /// The certificate in force, with everything it states, until the link ends.
    InForce(WalletCert, Timestamp),
    /// The certificate was revoked or has expired since: its status only, none of its data.
    NotInForce(CertRow),
}

/// The certificate a share link opens, while the link works (not revoked by the holder, not
/// expired): all its data while the certificate is in force; once the issuer revokes it (or it
/// expires) the link shows only that.
pub async fn shared(app: &AppState, token: &str) -> Result<Shared, Error> {
    if token.is_empty() || token.len() > 100 {
        return Err(Error::not_found());
    }
    let hash = app.store.vault().blind_index("certificate_share", token);
    let (row, until) = app
        .store
        .shared_certificate(&hash)
        .await?
        .ok_or_else(Error::not_found)?;
    let today = Timestamp::now().beijing_date().to_string();
    if !in_force(&row, &today) {
        return Ok(Shared::NotInForce(row));
    }
    let keys = published_keys(app).await?;
    let payload = payload_of(&row.token, &keys)
        .ok_or_else(|| Error::internal("shared certificate: signature"))?;
    Ok(Shared::InForce(
        WalletCert {
            row,
            payload,
            valid: true,
        },
        until,
    ))
}

/// What a verifier is shown of a genuine certificate (CERT-3): what it is, who issued it and
/// when, until when, and whose it is with the name masked (张**) — none of the data it
/// states, which only the holder's share links show.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct Summary {
    /// Certificate number.
    pub number: String,
    /// Type code.
    pub cert_type: String,
    /// Type name.
    pub type_name: String,
    /// Issuing authority.
    pub issuer: String,
    /// Issued on (YYYY-MM-DD).
    pub issued: String,
    /// Expires on, if it does.
    pub expires: Option<String>,
    /// The holder's name, masked.
    pub holder: String,
}

impl Summary {
    /// The summary of a signed payload.
    pub fn of(payload: &Value) -> Summary {
        let text = |key: &str| {
            payload
                .get(key)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned()
        };
        Summary {
            number: text("id"),
            cert_type: text("type"),
            type_name: text("type_name"),
            issuer: text("iss_name"),
            issued: text("issued"),
            expires: payload
                .get("expires")
                .and_then(Value::as_str)
                .map(str::to_owned),
            holder: yiwang_domain::identity::name::mask_name(&text("holder")),
        }
    }
}

/// Revokes a certificate with a reason (CERT-3): staff allowed to revoke for the issuing
/// department. From then on it verifies as revoked and is on the published revocation list.
pub async fn revoke(
    app: &AppState,
    caller: &Caller,
    id: CertificateId,
    reason: &str,
) -> Result<CertRow, Error> {
    use yiwang_domain::auth::{Permission, Scope};
    let cert = app
        .store
        .certificate(id)
        .await?
        .ok_or_else(Error::not_found)?;
    let department = app.store.department(cert.department_id).await?;
    let scope = Scope::department(cert.department_id, department.region.clone());
    if !caller.principal.may(Permission::ManageCertificates, &scope) {
        return Err(Error::not_found());
    }
    let reason = yiwang_domain::account::check_plain_text(reason, 1, 500)
        .map_err(|c| yiwang_domain::Error::field("reason", c))?;
    if cert.revoked_at.is_some() {
        return Err(Error::code(ErrorCode::InvalidTransition));
    }
    let mut tx = app.store.begin().await?;
    if !app.store.revoke_certificate(&mut tx, id, &reason).await? {
        return Err(Error::code(ErrorCode::Conflict));
    }
    yiwang_kit::audit::record(
        &app.store,
        caller,
        &mut tx,
        yiwang_domain::audit::AuditAction::CertificateRevoked,
        yiwang_kit::audit::Target {
            kind: Some("certificate"),
            id: Some(id.to_string()),
            subject: Some(cert.account_id),
            region: Some(department.region.clone()),
            department: Some(cert.department_id),
            detail: Some(serde_json::json!({ "reason": reason })),
        },
    )
    .await?;
    yiwang_store::commit(tx).await?;
    app.store
        .certificate(id)
        .await?
        .ok_or_else(Error::not_found)
}

/// Gives the department a new signing key (CERT-1 rotation): certificates from now on are
/// signed with it; the old key is retired but stays published, so what it signed still
/// verifies. Returns the new key's id.
pub async fn rotate_key(
    app: &AppState,
    caller: &Caller,
    department: yiwang_domain::ids::DepartmentId,
) -> Result<String, Error> {
    use yiwang_domain::auth::{Permission, Scope};
    let d = app.store.department(department).await?;
    caller.principal.require(
        Permission::ManageCertificates,
        &Scope::department(department, d.region.clone()),
    )?;
    let key = SigningKey::generate().map_err(cert_error)?;
    let mut tx = app.store.begin().await?;
    app.store
        .add_signing_key(
            &mut tx,
            department,
            key.kid(),
            &key.public().to_b64(),
            &key.seed_bytes(),
        )
        .await?;
    yiwang_kit::audit::record(
        &app.store,
        caller,
        &mut tx,
        yiwang_domain::audit::AuditAction::SigningKeyRotated,
        yiwang_kit::audit::Target {
            kind: Some("department"),
            id: Some(department.to_string()),
            region: Some(d.region.clone()),
            department: Some(department),
            detail: Some(serde_json::json!({ "kid": key.kid() })),
            ..Default::default()
        },
    )
    .await?;
    yiwang_store::commit(tx).await?;
    Ok(key.kid().to_owned())
}
