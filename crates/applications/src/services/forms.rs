//! Editing an item's online application (APP-1, APP-5): the department's editors save a draft
//! of the form, workflow, instant-approval rules and certificate — checked as a whole, every
//! problem reported at once — try the rules on sample answers (dry run), and publish the draft
//! as the version new applications use. Applications already made keep their version.

use yiwang_domain::application::ItemForm;
use yiwang_domain::audit::AuditAction;
use yiwang_domain::auth::Permission;
use yiwang_domain::forms::Answers;
use yiwang_domain::identity::ResidentId;
use yiwang_domain::ids::ItemId;
use yiwang_domain::rules::{Facts, HeldCertificate, Trace, evaluate};
use yiwang_domain::{Error as DomainError, FieldCode, Timestamp};
use yiwang_store::applications::forms::FormVersion;

use crate::catalog::CatalogOf;
use yiwang_kit::audit::{self, Target};
use yiwang_kit::caller::Caller;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;

/// The item if the caller may edit its forms.
async fn editable(
    app: &AppState,
    caller: &Caller,
    id: ItemId,
) -> Result<yiwang_store::catalog::Item, Error> {
    let item = app.store.item(id).await?;
    caller
        .principal
        .require(Permission::EditForms, &item.row.scope())?;
    Ok(item)
}

/// Every version of the item's form (the draft first, if any), for its editors.
pub async fn versions(
    app: &AppState,
    caller: &Caller,
    id: ItemId,
) -> Result<Vec<FormVersion>, Error> {
    editable(app, caller, id).await?;
    Ok(app.store.form_versions(id).await?)
}

/// Saves the draft after checking the whole bundle; returns the draft's version number.
pub async fn save_draft(
    app: &AppState,
    caller: &Caller,
    id: ItemId,
    bundle: &ItemForm,
) -> Result<i64, Error> {
    let by = checked_editor(app, caller, id, bundle).await?;
    let mut tx = app.store.begin().await?;
    let version = app.store.save_form_draft(&mut tx, id, bundle, &by).await?;
    yiwang_store::commit(tx).await?;
    Ok(version)
}

/// An item's online application as the console's builder shows it: the item and every
/// version, the draft first.
pub struct Editing {
    /// The catalogue item.
    pub item: yiwang_store::catalog::Item,
    /// Every version, newest first (the draft, if any, is the newest).
    pub versions: Vec<FormVersion>,
}

impl Editing {
    /// The unpublished draft, if one is being edited.
    pub fn draft(&self) -> Option<&FormVersion> {
        self.versions.first().filter(|v| v.published_at.is_none())
    }

    /// The version new applications use, if any.
    pub fn current(&self) -> Option<&FormVersion> {
        self.versions.iter().find(|v| v.published_at.is_some())
    }
}

/// The item and its versions, if the caller may edit its forms.
pub async fn editing(app: &AppState, caller: &Caller, id: ItemId) -> Result<Editing, Error> {
    let item = editable(app, caller, id).await?;
    let versions = app.store.form_versions(id).await?;
    Ok(Editing { item, versions })
}

/// Starts a draft from the current version, or from [`ItemForm::starter`] when the item has
/// none; an existing draft is kept as it is. Returns the draft's revision.
pub async fn start_draft(app: &AppState, caller: &Caller, id: ItemId) -> Result<i64, Error> {
    let e = editing(app, caller, id).await?;
    if let Some(d) = e.draft() {
        return Ok(d.created_at.millis());
    }
    let bundle = e
        .current()
        .map_or_else(ItemForm::starter, |v| v.bundle.clone());
    save_draft(app, caller, id, &bundle).await?;
    let draft = app
        .store
        .form_versions(id)
        .await?
        .into_iter()
        .find(|v| v.published_at.is_none())
        .ok_or_else(Error::not_found)?;
    Ok(draft.created_at.millis())
}

/// Saves one step of the console's editing: the whole bundle is checked (every problem
/// reported, nothing saved), and saved only if the draft is still at `revision` (else a
/// conflict: another editor saved in between). Returns the new revision.
pub async fn update_draft(
    app: &AppState,
    caller: &Caller,
    id: ItemId,
    bundle: &ItemForm,
    revision: i64,
) -> Result<i64, Error> {
    let by = checked_editor(app, caller, id, bundle).await?;
    let mut tx = app.store.begin().await?;
    let revision = app
        .store
        .update_form_draft(&mut tx, id, bundle, &by, revision)
        .await?;
    yiwang_store::commit(tx).await?;
    Ok(revision)
}

/// Publishes the draft: new applications use it from now on. Returns its version number.
pub async fn publish(app: &AppState, caller: &Caller, id: ItemId) -> Result<i64, Error> {
    publish_at(app, caller, id, None).await
}

/// Publishes the draft the editor confirmed, if it is still at `revision` (else a conflict).
pub async fn publish_revision(
    app: &AppState,
    caller: &Caller,
    id: ItemId,
    revision: i64,
) -> Result<i64, Error> {
    publish_at(app, caller, id, Some(revision)).await
}

async fn publish_at(
    app: &AppState,
    caller: &Caller,
    id: ItemId,
    revision: Option<i64>,
) -> Result<i64, Error> {
    let item = editable(app, caller, id).await?;
    // A form may only issue a certificate type its department is registered to issue.
    let draft = app
        .store
        .form_versions(id)
        .await?
        .into_iter()
        .find(|v| v.published_at.is_none());
    if let Some(spec) = draft.as_ref().and_then(|d| d.bundle.certificate.as_ref())
        && !app
            .store
            .issuer_authorised(&spec.cert_type, item.row.department)
            .await?
    {
        return Err(DomainError::field("certificate.type", FieldCode::NotAuthorisedIssuer).into());
    }
    let mut tx = app.store.begin().await?;
    let version = match revision {
        Some(r) => app.store.publish_form_revision(&mut tx, id, r).await?,
        None => app.store.publish_form(&mut tx, id).await?,
    };
    audit::record(
        &app.store,
        caller,
        &mut tx,
        AuditAction::FormPublished,
        Target {
            kind: Some("item"),
            id: Some(id.to_string()),
            region: Some(item.row.region.clone()),
            department: Some(item.row.department),
            detail: Some(serde_json::json!({ "version": version })),
            ..Default::default()
        },
    )
    .await?;
    yiwang_store::commit(tx).await?;
    // This instance's guide pages offer the form at once; others follow the change feed.
    if let Err(e) = app.catalog()?.sync().await {
        tracing::warn!(error = ?e, "catalogue not refreshed after publishing a form; the follower retries");
        app.catalog()?.wake();
    }
    Ok(version)
}

/// Sample facts for a dry run of the rules.
#[derive(Debug, Clone, Default)]
pub struct Sample {
    /// Answers as an applicant would send them.
    pub answers: Answers,
    /// The applicant's ID number (age and household region).
    pub id_number: Option<String>,
    /// Certificate types the applicant holds, valid.
    pub certificates: Vec<String>,
    /// Item ids with an open case of the applicant.
    pub open_cases: Vec<String>,
}

/// Runs the draft's (else the current version's) rules on sample facts, changing nothing: what
/// an applicant with these facts would be told, rule by rule.
pub async fn dry_run(
    app: &AppState,
    caller: &Caller,
    id: ItemId,
    sample: &Sample,
) -> Result<Trace, Error> {
    let versions = versions(app, caller, id).await?;
    let bundle = versions
        .first()
        .map(|v| &v.bundle)
        .ok_or_else(Error::not_found)?;
    let rules = bundle
        .rules
        .clone()
        .unwrap_or(yiwang_domain::rules::RuleSet { rules: Vec::new() });
    let today = Timestamp::now().beijing_date();
    let applicant = match &sample.id_number {
        Some(n) => {
            Some(ResidentId::parse(n, today).map_err(|c| DomainError::field("id_number", c))?)
        }
        None => None,
    };
    let held: Vec<HeldCertificate> = sample
        .certificates
        .iter()
        .map(|c| HeldCertificate {
            cert_type: c.clone(),
            valid: true,
        })
        .collect();
    let item = id.to_string();
    Ok(evaluate(
        &rules,
        &Facts {
            today,
            item: &item,
            answers: &sample.answers,
            applicant_id: applicant.as_ref(),
            certificates: &held,
            open_cases: &sample.open_cases,
        },
    ))
}

/// The name of the editor saving `bundle` for the item, once they may edit its forms and the
/// bundle passes every check.
async fn checked_editor(
    app: &AppState,
    caller: &Caller,
    id: ItemId,
    bundle: &ItemForm,
) -> Result<String, Error> {
    editable(app, caller, id).await?;
    bundle.check().map_err(DomainError::invalid)?;
    Ok(audit::actor(&app.store, caller.principal.actor())
        .await?
        .name)
}
