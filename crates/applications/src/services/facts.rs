//! What the form checks and the instant-approval rules need to know that is not in the
//! answers: which regions exist, which uploads are the applicant's, the applicant's verified
//! identity, certificates and open cases. Loaded before the (synchronous, pure) domain
//! checks run.

use std::collections::{HashMap, HashSet};

use yiwang_domain::Error as DomainError;
use yiwang_domain::application::ItemForm;
use yiwang_domain::forms::{
    AccountValue, Answers, FieldKind, FileMeta, FileType, Files, Prefill, Regions,
};
use yiwang_domain::identity::ResidentId;
use yiwang_domain::identity::id_number::Sex;
use yiwang_domain::ids::AccountId;
use yiwang_domain::region::RegionCode;

use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;

/// Regions named in the answers that exist.
pub struct KnownRegions(HashSet<String>);

impl Regions for KnownRegions {
    fn exists(&self, code: &RegionCode) -> bool {
        self.0.contains(code.as_str())
    }
}

/// The applicant's uploads named in the answers.
pub struct OwnFiles(HashMap<String, FileMeta>);

impl OwnFiles {
    /// Leaves only the files in `scope` (a consent's files: `assist::files`).
    pub fn keep_only(&mut self, scope: &HashSet<String>) {
        self.0.retain(|id, _| scope.contains(id));
    }
}

impl Files for OwnFiles {
    fn get(&self, id: &str) -> Option<FileMeta> {
        self.0.get(id).cloned()
    }
}

/// Every string found under a `region` key, and every string inside arrays (candidate file
/// ids), anywhere in the answers: what must be looked up before checking them. Bounded by the
/// size limit of the request body.
fn candidates(answers: &Answers) -> (Vec<String>, Vec<String>) {
    fn walk(v: &serde_json::Value, regions: &mut Vec<String>, files: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, v) in m {
                    if k == "region"
                        && let Some(s) = v.as_str()
                    {
                        regions.push(s.trim().to_owned());
                    }
                    walk(v, regions, files);
                }
            }
            serde_json::Value::Array(a) => {
                for v in a {
                    if let Some(s) = v.as_str() {
                        files.push(s.to_owned());
                    } else {
                        walk(v, regions, files);
                    }
                }
            }
            _ => {}
        }
    }
    let (mut regions, mut files) = (Vec::new(), Vec::new());
    for v in answers.values() {
        walk(v, &mut regions, &mut files);
    }
    regions.sort();
    regions.dedup();
    files.sort();
    files.dedup();
    (regions, files)
}

/// Every string in the answers that may name an upload.
pub fn file_candidates(answers: &Answers) -> Vec<String> {
    candidates(answers).1
}

/// Looks up what the answers refer to.
pub async fn lookups(
    app: &AppState,
    applicant: AccountId,
    answers: &Answers,
) -> Result<(KnownRegions, OwnFiles), Error> {
    let (regions, files) = candidates(answers);
    let regions: Vec<String> = regions
        .into_iter()
        .filter(|c| RegionCode::parse(c).is_ok())
        .take(200)
        .collect();
    let known: HashSet<String> = app.store.existing_regions(&regions).await?;
    let mut own = HashMap::new();
    let ids: Vec<String> = files.into_iter().take(500).collect();
    for u in app.store.uploads_of(applicant, &ids).await? {
        own.insert(
            u.id.to_string(),
            FileMeta {
                file_type: FileType::parse(&u.file_type),
                bytes: u.bytes,
            },
        );
    }
    Ok((KnownRegions(known), OwnFiles(own)))
}

/// The applicant's verified ID number, if they have one.
pub async fn applicant_id(
    app: &AppState,
    applicant: AccountId,
) -> Result<Option<ResidentId>, Error> {
    let p = app.store.profile(applicant).await?;
    let today = yiwang_domain::Timestamp::now().beijing_date();
    Ok(p.id_number.and_then(|n| ResidentId::parse(&n, today).ok()))
}

/// Where a prefilled answer came from, shown next to it (once-only, CERT-4).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// The applicant's verified identity: real name or ID number.
    Identity,
    /// The mobile number the applicant's account is registered with (checked by SMS when the
    /// account was made; not part of the real-name data).
    AccountPhone,
    /// A certificate in the applicant's wallet: its name and number.
    Certificate {
        /// Certificate name (护士执业证书…).
        name: String,
        /// Its id.
        id: String,
    },
}

/// The answers the platform can fill for this applicant, by top-level field key: from the
/// verified account, and from valid certificates in the wallet.
pub async fn prefills(
    app: &AppState,
    applicant: AccountId,
    bundle: &ItemForm,
) -> Result<Vec<(String, serde_json::Value, Origin)>, Error> {
    let mut out = Vec::new();
    let wants_account = bundle
        .form
        .sections
        .iter()
        .flat_map(|s| &s.fields)
        .any(|f| matches!(f.prefill, Some(Prefill::Account { .. })));
    let wants_cert = bundle
        .form
        .sections
        .iter()
        .flat_map(|s| &s.fields)
        .any(|f| matches!(f.prefill, Some(Prefill::Certificate { .. })));
    let profile = if wants_account {
        Some(app.store.profile(applicant).await?)
    } else {
        None
    };
    let wallet = if wants_cert {
        let issuers = crate::services::certificates::authorised_issuers(app).await?;
        crate::services::certificates::wallet(app, applicant)
            .await?
            .into_iter()
            .filter(|c| c.valid)
            .filter(|c| issuers.contains(&(c.row.cert_type.clone(), c.row.department_id)))
            .collect()
    } else {
        Vec::new()
    };
    for f in bundle.form.sections.iter().flat_map(|s| &s.fields) {
        match &f.prefill {
            Some(Prefill::Account { value }) => {
                let Some(p) = &profile else { continue };
                // Only an identity on the account (its level decides what it unlocks): a
                // number nobody gave is not "held by the government".
                if p.identity.is_none() && *value != AccountValue::Phone {
                    continue;
                }
                let id = p.id_number.as_deref().and_then(|n| {
                    ResidentId::parse(n, yiwang_domain::Timestamp::now().beijing_date()).ok()
                });
                let v = match value {
                    AccountValue::Name => p.real_name.clone(),
                    AccountValue::IdNumber => p.id_number.clone(),
                    AccountValue::Phone => p.phone.clone(),
                    // Facts the ID number determines are read from it, never typed.
                    AccountValue::BirthDate => id.as_ref().map(|i| i.birth_date().to_string()),
                    AccountValue::Sex => id.as_ref().map(|i| {
                        match i.sex() {
                            Sex::Male => "male",
                            Sex::Female => "female",
                        }
                        .to_owned()
                    }),
                    AccountValue::IssuingRegion => id.as_ref().map(|i| i.region_code().to_owned()),
                };
                let origin = match value {
                    AccountValue::Phone => Origin::AccountPhone,
                    // The name, the number and what the number determines.
                    _ => Origin::Identity,
                };
                if let Some(v) = v {
                    out.push((f.key.clone(), serde_json::Value::String(v), origin));
                }
            }
            Some(Prefill::Certificate { cert_type, field }) => {
                let held = wallet.iter().find(|c| &c.row.cert_type == cert_type);
                if let Some(c) = held
                    && let Some(v) = c.payload.get("data").and_then(|d| d.get(field))
                    && let Some(v) = from_certificate(&f.kind, v)
                {
                    out.push((
                        f.key.clone(),
                        v,
                        Origin::Certificate {
                            name: c.row.type_name.clone(),
                            id: c.row.id.to_string(),
                        },
                    ));
                }
            }
            None => {}
        }
    }
    Ok(out)
}

/// A certificate's stated value as an answer to a question: choices are stated in words and
/// come back as the option's value; a masked ID number cannot fill anything.
fn from_certificate(kind: &FieldKind, v: &serde_json::Value) -> Option<serde_json::Value> {
    use serde_json::Value;
    let value_of = |options: &[yiwang_domain::forms::ChoiceOption], text: &str| {
        options
            .iter()
            .find(|o| o.value == text || o.label.zh == text)
            .map(|o| Value::String(o.value.clone()))
    };
    match (kind, v) {
        (FieldKind::IdNumber, Value::String(s)) if s.contains('*') => None,
        (FieldKind::Choice { options }, Value::String(s)) => value_of(options, s),
        (FieldKind::MultiChoice { options, .. }, Value::String(s)) => Some(Value::Array(
            s.split('、').filter_map(|t| value_of(options, t)).collect(),
        )),
        _ => Some(v.clone()),
    }
}

/// Puts the values the platform holds into the prefilled answers, at every step (submission,
/// supplement): an answer that comes from the account or a certificate is refused if it was
/// changed (`prefilled_changed` on its field), and filled in if it was left out.
pub async fn prefill_account(
    app: &AppState,
    applicant: AccountId,
    bundle: &ItemForm,
    answers: &mut Answers,
) -> Result<(), Error> {
    let held = prefills(app, applicant, bundle)
        .await?
        .into_iter()
        .map(|(key, value, _)| (key, value));
    yiwang_domain::forms::prefilled::hold(answers, held).map_err(DomainError::invalid)?;
    Ok(())
}
