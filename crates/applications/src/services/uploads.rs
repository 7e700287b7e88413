//! Receiving a file for an application: size limit, kind sniffed from the bytes (the name and
//! the browser's content type are not trusted), the virus-scan hook, then bytes into the file
//! store and a record owned by the applicant. Reading a file back is allowed to the applicant,
//! to staff who may handle its case, and — before there is a case — to a staff member whose
//! consent (帮办代办) covers the application the file is for.

use yiwang_domain::FieldCode;
use yiwang_domain::auth::{Permission, Scope};
use yiwang_domain::forms::FileType;
use yiwang_domain::ids::{AccountId, ConsentId, UploadId};
use yiwang_domain::region::RegionCode;
use yiwang_store::applications::uploads::{NewUpload, Upload};

use yiwang_files::{FileStore, ScanVerdict};
use yiwang_kit::caller::Caller;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;

/// The largest file any form may accept (a form's own limit may be lower).
pub const MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;

/// Stores an uploaded file for `account`; `consent` when a staff member uploads it for the
/// citizen under their consent. `field` names the form field for errors. The form's own limits
/// (kinds, size) are checked again when the answers are checked.
pub async fn receive(
    app: &AppState,
    account: AccountId,
    consent: Option<ConsentId>,
    field: &'static str,
    name: &str,
    bytes: &[u8],
) -> Result<Upload, Error> {
    if bytes.is_empty() {
        return Err(Error::field(field, FieldCode::Required));
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Error::field(field, FieldCode::FileTooLarge));
    }
    let Some(kind) = FileType::sniff(bytes) else {
        return Err(Error::field(field, FieldCode::FileType));
    };
    if app.part::<FileStore>()?.scan(bytes) == ScanVerdict::Infected {
        tracing::warn!("an upload was refused by the virus scanner");
        return Err(Error::field(field, FieldCode::FileType));
    }
    let id = UploadId::generate();
    let key = format!("uploads/{id}");
    app.part::<FileStore>()?
        .put(&key, bytes)
        .await
        .map_err(Error::internal)?;
    let digest = sha256_hex(bytes);
    let name: String = name.chars().filter(|c| !c.is_control()).take(120).collect();
    app.store
        .record_upload(&NewUpload {
            id,
            account_id: account,
            storage_key: &key,
            file_type: kind.as_str(),
            bytes: bytes.len() as u64,
            sha256: &digest,
            name: &name,
            consent_id: consent,
        })
        .await?;
    app.store.upload(id).await?.ok_or_else(Error::not_found)
}

fn sha256_hex(bytes: &[u8]) -> String {
    yiwang_crypto::sha256_hex(bytes)
}

/// A file's record and bytes, for its applicant, for staff who may handle its case, or for
/// the staff member whose consent covers the application it is for; anyone else gets "not
/// found".
pub async fn read(
    app: &AppState,
    caller: &Caller,
    id: UploadId,
) -> Result<(Upload, Vec<u8>), Error> {
    let upload = app.store.upload(id).await?.ok_or_else(Error::not_found)?;
    let mine = caller.principal.account() == Some(upload.account_id);
    let staff_may = match (upload.case_id, caller.principal.staff()) {
        (Some(case), Some(_)) if !mine => match app.store.case(case).await? {
            Some(c) => {
                let handles = RegionCode::parse(&c.region_code).is_ok_and(|region| {
                    caller.principal.may(
                        Permission::HandleCases,
                        &Scope::department(c.department_id, region),
                    )
                });
                // Opening a file of the case is a read of it, part of the reader's access.
                if handles {
                    super::reads::file(app, caller, &c).await?;
                }
                handles
            }
            None => false,
        },
        // Not yet part of a case: the staff member filling the form with the citizen's
        // consent (帮办代办) may read the files of that application — not the citizen's
        // uploads for anything else.
        (None, Some((staff, _))) => {
            let id = id.to_string();
            let mut covered = false;
            for c in app
                .store
                .consents_in_force(staff, upload.account_id)
                .await?
            {
                covered |= super::assist::files(app, &c).await?.contains(&id);
            }
            covered
        }
        _ => false,
    };
    if !mine && !staff_may {
        return Err(Error::not_found());
    }
    let bytes = app
        .part::<FileStore>()?
        .get(&upload.storage_key)
        .await
        .map_err(Error::internal)?
        .ok_or_else(|| Error::internal("upload bytes missing"))?;
    Ok((upload, bytes))
}
