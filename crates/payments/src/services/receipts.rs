//! Electronic receipts (电子票据): signed like the platform's certificates — Ed25519 over
//! canonical JSON, the compact `YWC1.` token — with the payments' own key (kept encrypted in
//! `settings`), issued in the transaction that records the payment, so whoever closes the
//! browser before the return page still finds it in their wallet. Anyone can check one at
//! `/pay/verify?t=…`, where its QR code leads.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::json;
use yiwang_crypto::certs::SigningKey;
use yiwang_domain::Timestamp;
use yiwang_domain::payments::Fen;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;
use yiwang_store::Tx;
use yiwang_store::payments::AttemptRow;

const KEY_SETTING: &str = "payments.receipt_seed";

/// The receipts' signing key (made at first use, then kept in memory: never fetched inside a
/// write transaction, which on SQLite holds the one writer connection).
pub async fn key(app: &AppState) -> Result<SigningKey, Error> {
    let cell = super::payments(app)?.receipt_key.clone();
    cell.get_or_try_init(|| load_key(app)).await.cloned()
}

async fn load_key(app: &AppState) -> Result<SigningKey, Error> {
    let fresh = SigningKey::generate().map_err(Error::internal)?;
    let blob = app
        .store
        .vault()
        .encrypt(KEY_SETTING, &STANDARD.encode(fresh.seed_bytes()))
        .map_err(Error::internal)?;
    let stored = app
        .store
        .setting_once(KEY_SETTING, &STANDARD.encode(blob))
        .await?;
    let blob = STANDARD.decode(stored).map_err(Error::internal)?;
    let seed = app
        .store
        .vault()
        .decrypt(KEY_SETTING, &blob)
        .map_err(Error::internal)?;
    let seed: [u8; 32] = STANDARD
        .decode(seed)
        .map_err(Error::internal)?
        .try_into()
        .map_err(|_| Error::internal("receipt seed length"))?;
    Ok(SigningKey::from_seed(&seed))
}

/// The payer's name as a receipt shows it: the family name and a star for each other
/// character (张*, 欧阳**), as certificates mask a holder on a public page.
pub fn masked(name: &str) -> String {
    name.chars()
        .enumerate()
        .map(|(i, c)| if i == 0 { c } else { '*' })
        .collect()
}

/// Signs and stores the receipt of a recorded payment, in its transaction.
pub async fn issue(
    app: &AppState,
    key: &SigningKey,
    tx: &mut Tx,
    a: &AttemptRow,
    trade_no: &str,
    amount: Fen,
    at: Timestamp,
) -> Result<(), Error> {
    let bill = app
        .store
        .bill(a.bill_id)
        .await?
        .ok_or_else(Error::not_found)?;
    let simple = a.id.as_uuid().simple().to_string();
    let number = format!(
        "{}{}",
        at.beijing_date().to_string().replace('-', ""),
        &simple[simple.len() - 10..].to_uppercase()
    );
    let token = key
        .sign(&json!({
            "v": 1,
            "kid": key.kid(),
            "type": "payment_receipt",
            "number": number,
            "bill_code": bill.code,
            "unit": bill.unit,
            "unit_name": bill.unit_name,
            "title": bill.title,
            "payer": masked(&bill.payer_name),
            "amount_fen": amount.get(),
            "paid_at": at.rfc3339(),
            "trade_no": trade_no,
        }))
        .map_err(Error::internal)?;
    let id = yiwang_domain::ids::JobId::generate().to_string();
    app.store
        .insert_receipt(
            tx,
            &id,
            &number,
            a.id,
            a.bill_id,
            bill.payer_account.or(a.account),
            &token,
        )
        .await?;
    Ok(())
}

/// What a verified receipt says.
#[derive(Debug, Clone)]
pub struct Verified {
    /// The signed fields.
    pub payload: serde_json::Value,
}

/// Checks a receipt token: signed by the receipts' key, of the receipt type, and stored (a
/// receipt the platform never issued is refused even if the signature were good).
pub async fn verify(app: &AppState, token: &str) -> Result<Option<Verified>, Error> {
    let key = key(app).await?;
    let public = key.public();
    let Ok(payload) = yiwang_crypto::certs::verify(token.trim(), &|kid| {
        (kid == public.kid()).then(|| public.clone())
    }) else {
        return Ok(None);
    };
    if payload["type"] != "payment_receipt" {
        return Ok(None);
    }
    Ok(Some(Verified { payload }))
}
