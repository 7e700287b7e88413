//! Submitting an application exactly once (APP-2), with instant approval where the item's
//! rules allow it (APP-5): the answers are checked against the form version they were filled
//! with, stored encrypted with a receipt number, the draft is removed and the applicant told —
//! all in one transaction, so a crash loses nothing acknowledged and a retried request (same
//! idempotency key) returns the same case.

use yiwang_domain::application::ItemForm;
use yiwang_domain::forms::{Answers, Ctx as FormCtx};
use yiwang_domain::ids::AccountId;
use yiwang_domain::notification::Notice;
use yiwang_domain::rules::{Facts, evaluate};
use yiwang_domain::workflow::{Action, Actor, DeliveryMethod, EventKind, decide};
use yiwang_domain::{ErrorCode, FieldCode, Timestamp};
use yiwang_store::applications::cases::{CaseRow, NewCase};
use yiwang_store::applications::history::{EventActor, NewCaseEvent};
use yiwang_store::notify::Recipient;

use super::Applying;
use super::act::apply_outcome;
use super::facts::{applicant_id, lookups, prefill_account};
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;

/// The result of a submission.
pub struct Submission {
    /// The case.
    pub case: CaseRow,
    /// False when this was a retry of an earlier submission (same idempotency key).
    pub created: bool,
}

/// Who is submitting: the applicant themself, or a staff member with their consent.
#[derive(Debug, Clone)]
pub struct Submitter {
    /// The applicant.
    pub applicant: AccountId,
    /// The assisting staff member and the name citizens see (帮办代办).
    pub assisted_by: Option<(AccountId, String)>,
    /// The citizen's consent the assisting staff member acts under; the submission spends it
    /// (in the same transaction) and fails if it is no longer in force.
    pub consent: Option<yiwang_domain::ids::ConsentId>,
}

/// Checks an idempotency key: 1–100 visible ASCII characters.
pub fn check_key(key: &str) -> Result<(), Error> {
    if key.is_empty() || key.len() > 100 || !key.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(
            yiwang_domain::Error::field("idempotency_key", FieldCode::InvalidCharacters).into(),
        );
    }
    Ok(())
}

/// 秒批: approved by the platform within the request; where the item issues a certificate it
/// is signed and delivered electronically at once.
async fn instant_approval(
    app: &AppState,
    tx: &mut yiwang_store::Tx,
    case: CaseRow,
    bundle: &ItemForm,
    answers: &Answers,
) -> Result<CaseRow, Error> {
    let mut steps = vec![Action::AutoApprove];
    if bundle.certificate.is_some() {
        steps.push(Action::Deliver {
            method: DeliveryMethod::Electronic,
            tracking: None,
        });
    }
    let mut case = case;
    for action in &steps {
        let outcome = decide(
            &bundle.workflow,
            &case.view(),
            Actor::System,
            action,
            case.department_id,
        )?;
        let applied = apply_outcome(
            app,
            tx,
            case,
            bundle,
            outcome,
            EventActor::System,
            action,
            Some(answers),
            &Answers::new(),
        )
        .await?;
        case = applied.case;
    }
    Ok(case)
}

/// Submits the answers. `form_version` is the version the page or app filled; another one is
/// `form_changed` and nothing is stored.
pub async fn submit(
    app: &AppState,
    who: &Submitter,
    a: &Applying,
    form_version: i64,
    answers: &Answers,
    key: Option<&str>,
) -> Result<Submission, Error> {
    if let Some(k) = key {
        check_key(k)?;
    }
    if form_version != a.form.version {
        return Err(Error::code(ErrorCode::FormChanged));
    }
    let bundle = &a.form.bundle;
    let mut answers = answers.clone();
    prefill_account(app, who.applicant, bundle, &mut answers).await?;
    let (regions, mut files) = lookups(app, who.applicant, &answers).await?;
    if let Some(consent) = who.consent {
        // Under a consent only the files of its own application may be named.
        let row = app
            .store
            .consent(consent)
            .await?
            .ok_or_else(Error::not_found)?;
        files.keep_only(&super::assist::files(app, &row).await?);
    }
    let today = Timestamp::now().beijing_date();
    let clean = bundle
        .form
        .validate(
            &answers,
            &FormCtx {
                today,
                regions: &regions,
                files: &files,
            },
        )
        .map_err(yiwang_domain::Error::invalid)?;
    let canonical = serde_json::Value::Object(clean.clone()).to_string();
    let request_hash = app.store.vault().blind_index(
        "case_request",
        &format!("{}|{}|{canonical}", a.item.id, a.form.version),
    );
    let item = app.store.item(a.item.id).await?;
    let limit_days = item.guide.promised_days.or(item.guide.statutory_days);
    // Instant-approval facts are read before the transaction (they are the applicant's own
    // and do not change under a submission).
    let trace = if bundle.instant
        && let Some(rules) = &bundle.rules
    {
        let id = applicant_id(app, who.applicant).await?;
        let level = app.store.profile(who.applicant).await?.identity;
        let held = crate::services::certificates::held(app, who.applicant).await?;
        let open = app.store.open_case_items(who.applicant).await?;
        let item_id = a.item.id.to_string();
        // The platform approves by itself only for an identity verified to the item's level;
        // the trace's first line says so either way.
        Some(
            evaluate(
                rules,
                &Facts {
                    today,
                    item: &item_id,
                    answers: &clean,
                    applicant_id: id.as_ref(),
                    certificates: &held,
                    open_cases: &open,
                },
            )
            .with_identity(bundle.identity, level),
        )
    } else {
        None
    };

    let mut tx = app.store.begin().await?;
    let (mut case, created) = app
        .store
        .submit_case(
            &mut tx,
            &NewCase {
                item_id: a.item.id,
                form_version: a.form.version,
                account_id: who.applicant,
                department_id: a.item.department,
                region_code: a.item.region.as_str(),
                answers: &clean,
                idempotency_key: key,
                request_hash: &request_hash,
                limit_days,
                assisted_by: who.assisted_by.as_ref().map(|(id, _)| *id),
            },
        )
        .await?;
    if !created {
        tx.rollback().await.ok();
        return Ok(Submission {
            case,
            created: false,
        });
    }
    if let Some(consent) = who.consent
        && !app.store.use_consent(&mut tx, consent, case.id).await?
    {
        tx.rollback().await.ok();
        return Err(Error::code(yiwang_domain::ErrorCode::ConsentNotGranted));
    }
    let actor = match &who.assisted_by {
        Some((id, name)) => EventActor::Staff(*id, name.clone()),
        None => EventActor::Applicant,
    };
    app.store
        .add_case_event(
            &mut tx,
            &NewCaseEvent {
                case_id: case.id,
                kind: EventKind::Submitted,
                actor,
                from_state: None,
                to_state: case.state,
                step: 0,
                department_id: case.department_id,
                note: String::new(),
                detail: serde_json::json!({}),
            },
        )
        .await?;
    app.store
        .attach_uploads(&mut tx, who.applicant, case.id, &bundle.file_ids(&clean))
        .await?;
    app.store
        .delete_draft(&mut tx, who.applicant, a.item.id)
        .await?;
    app.store
        .notify(
            &mut tx,
            &Recipient::Account(who.applicant),
            &Notice::CaseReceived {
                receipt: case.receipt.clone(),
                item: case.item_name.clone(),
                code: super::verification_code(app, &case.receipt),
            },
        )
        .await?;
    if let Some(trace) = trace {
        case.rule_trace = Some(serde_json::to_string(&trace).map_err(Error::internal)?);
        if trace.passed {
            case = instant_approval(app, &mut tx, case, bundle, &clean).await?;
        } else {
            // Goes to a person, who sees which rules failed.
            case.revision = app.store.save_case(&mut tx, &case).await?;
        }
    }
    yiwang_store::commit(tx).await?;
    app.wake_jobs.notify_one();
    Ok(Submission {
        case,
        created: true,
    })
}
