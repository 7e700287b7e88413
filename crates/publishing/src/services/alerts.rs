//! Emergency alerts (PUB-7): issuing (a red one waits for a second officer), approving,
//! lifting; telling every account concerned once, through the outbox, by a durable job that
//! resumes where it stopped; and the banners on pages, answered from a two-second cache.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use yiwang_domain::alert::{
    AlertInput, AlertState, ApprovalRefusal, approve, is_shown, issued_state,
};
use yiwang_domain::audit::AuditAction;
use yiwang_domain::auth::{Permission, Scope};
use yiwang_domain::ids::{AccountId, AlertId};
use yiwang_domain::notification::Notice;
use yiwang_domain::region::RegionCode;
use yiwang_domain::{ErrorCode, FieldCode, Timestamp};
use yiwang_store::Store;
use yiwang_store::alerts::AlertRow;
use yiwang_store::jobs::NewJob;
use yiwang_store::notify::Recipient;

use yiwang_kit::audit::{Target, record};
use yiwang_kit::caller::Caller;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;

/// The job that tells everyone concerned.
pub const FANOUT: &str = "alert_fanout";

/// Accounts told per transaction.
const BATCH: i64 = 500;

fn region_of(code: &str) -> Result<RegionCode, Error> {
    RegionCode::parse(code).map_err(|_| Error::field("region", FieldCode::UnknownRegion))
}

/// Whether the caller may issue and handle alerts for `region`.
pub fn may_issue(caller: &Caller, region: &str) -> bool {
    RegionCode::parse(region).is_ok_and(|r| {
        caller
            .principal
            .may(Permission::IssueAlerts, &Scope::region(r))
    })
}

fn target(id: AlertId, region: &str, step: &str) -> Target {
    Target {
        kind: Some("alert"),
        id: Some(id.to_string()),
        subject: None,
        region: RegionCode::parse(region).ok(),
        department: None,
        detail: Some(serde_json::json!({ "step": step })),
    }
}

async fn fan_out(app: &AppState, tx: &mut yiwang_store::Tx, id: AlertId) -> Result<(), Error> {
    app.store
        .enqueue(
            tx,
            NewJob::now(FANOUT, serde_json::json!({ "alert": id.to_string() }))
                .dedupe(format!("{FANOUT}:{id}")),
        )
        .await?;
    Ok(())
}

/// Issues an alert (after the officer confirmed it): active at once and told to everyone
/// concerned, or — red — waiting for a second officer.
pub async fn issue(app: &AppState, caller: &Caller, input: &AlertInput) -> Result<AlertId, Error> {
    let by = caller.principal.account().ok_or_else(Error::forbidden)?;
    let alert = input
        .check(Timestamp::now())
        .map_err(|e| Error::Domain(yiwang_domain::Error::invalid(e)))?;
    let region = region_of(&alert.region)?;
    let root = &app.config.root_region;
    if !(root.contains(&region) || region.contains(root))
        || !app.store.region_exists(&region).await?
    {
        return Err(Error::field("region", FieldCode::UnknownRegion));
    }
    if !may_issue(caller, &alert.region) {
        // An officer's region is theirs: an alert elsewhere is refused in words.
        return Err(Error::field("region", FieldCode::OutOfArea));
    }
    if let Some(original) = &alert.follows {
        // An update or all-clear follows an alert the officer handles that is still up.
        let ok = match original.parse::<AlertId>() {
            Ok(o) => app.store.alert(o).await?.is_some_and(|r| {
                may_issue(caller, &r.alert.region) && r.state != AlertState::Lifted
            }),
            Err(_) => false,
        };
        if !ok {
            return Err(Error::field("follows", FieldCode::UnknownChoice));
        }
    }
    let state = issued_state(alert.severity);
    let mut tx = app.store.begin().await?;
    let id = app.store.insert_alert(&mut tx, &alert, state, by).await?;
    if state == AlertState::Active {
        if let Some(original) = &alert.follows {
            app.store.supersede_alert(&mut tx, original, by).await?;
        }
        fan_out(app, &mut tx, id).await?;
    }
    record(
        &app.store,
        caller,
        &mut tx,
        AuditAction::AlertIssued,
        target(id, &alert.region, "issue"),
    )
    .await?;
    yiwang_store::commit(tx).await?;
    forget_cache(app);
    app.wake_jobs.notify_one();
    Ok(id)
}

/// An alert, for an officer of its region.
pub async fn for_officer(app: &AppState, caller: &Caller, id: AlertId) -> Result<AlertRow, Error> {
    let row = app.store.alert(id).await?.ok_or_else(Error::not_found)?;
    if !may_issue(caller, &row.alert.region) {
        return Err(Error::not_found());
    }
    Ok(row)
}

/// A second officer approves a red alert: it goes out.
pub async fn approve_red(
    app: &AppState,
    caller: &Caller,
    id: AlertId,
    revision: i64,
) -> Result<(), Error> {
    let row = for_officer(app, caller, id).await?;
    let by = caller.principal.account().ok_or_else(Error::forbidden)?;
    approve(row.state, &row.issued_by, &by).map_err(|r| match r {
        ApprovalRefusal::WrongState => Error::code(ErrorCode::Conflict),
        ApprovalRefusal::SameOfficer => Error::field("approve", FieldCode::SelfReference),
    })?;
    let mut tx = app.store.begin().await?;
    if !app.store.approve_alert(&mut tx, id, revision, by).await? {
        return Err(Error::code(ErrorCode::Conflict));
    }
    if let Some(original) = &row.alert.follows {
        app.store.supersede_alert(&mut tx, original, by).await?;
    }
    fan_out(app, &mut tx, id).await?;
    record(
        &app.store,
        caller,
        &mut tx,
        AuditAction::AlertIssued,
        target(id, &row.alert.region, "approve"),
    )
    .await?;
    yiwang_store::commit(tx).await?;
    forget_cache(app);
    app.wake_jobs.notify_one();
    Ok(())
}

/// Lifts an alert: its banner goes at once (the all-clear message is a new alert of kind
/// `all_clear`).
pub async fn lift(
    app: &AppState,
    caller: &Caller,
    id: AlertId,
    revision: i64,
) -> Result<(), Error> {
    let row = for_officer(app, caller, id).await?;
    let by = caller.principal.account().ok_or_else(Error::forbidden)?;
    let mut tx = app.store.begin().await?;
    if !app.store.lift_alert(&mut tx, id, revision, by).await? {
        return Err(Error::code(ErrorCode::Conflict));
    }
    record(
        &app.store,
        caller,
        &mut tx,
        AuditAction::AlertIssued,
        target(id, &row.alert.region, "lift"),
    )
    .await?;
    yiwang_store::commit(tx).await?;
    forget_cache(app);
    Ok(())
}

/// Tells every account an alert reaches, once each, a batch per transaction; returns how many
/// were told now. Run again after a crash, it carries on where it stopped.
pub async fn tell_everyone(store: &Store, root: &RegionCode, id: AlertId) -> Result<usize, Error> {
    let Some(row) = store.alert(id).await? else {
        return Ok(0);
    };
    let region = region_of(&row.alert.region)?;
    let everyone = region.contains(root);
    let notice = Notice::Alert {
        severity: row.alert.severity.as_str().to_owned(),
        title: row.alert.title.clone(),
        text: row.alert.text.clone(),
        instructions: row.alert.instructions.clone(),
        until: row.alert.until.display_minutes(),
        phase: match row.alert.kind {
            yiwang_domain::alert::AlertKind::Alert => String::new(),
            k => k.as_str().to_owned(),
        },
    };
    let mut after: Option<AccountId> = None;
    let mut told = 0;
    loop {
        if !store
            .alert(id)
            .await?
            .is_some_and(|r| is_shown(r.state, r.alert.until, Timestamp::now()))
        {
            break; // lifted or expired meanwhile: nobody else is told
        }
        let page = store
            .alert_recipients(&row.alert.region, everyone, after, BATCH)
            .await?;
        let Some(last) = page.last() else { break };
        after = Some(last.0);
        let mut tx = store.begin().await?;
        for (account, _) in &page {
            if store.mark_alert_delivered(&mut tx, id, *account).await? {
                store
                    .notify(&mut tx, &Recipient::Account(*account), &notice)
                    .await?;
                told += 1;
            }
        }
        yiwang_store::commit(tx).await?;
    }
    Ok(told)
}

/// The alerts shown now, cached for two seconds (every page asks): one per application,
/// installed in the state by the assembling crate.
#[derive(Clone, Default)]
pub struct AlertCache(Arc<Mutex<Option<Cached>>>);

/// When the alerts were read, and what they were.
type Cached = (Instant, Arc<Vec<AlertRow>>);

const FRESH: Duration = Duration::from_secs(2);

fn forget_cache(app: &AppState) {
    if let Ok(c) = app.part::<AlertCache>()
        && let Ok(mut c) = c.0.lock()
    {
        *c = None;
    }
}

/// The alerts shown now.
pub async fn shown(app: &AppState) -> Arc<Vec<AlertRow>> {
    let cache = app.part::<AlertCache>().ok();
    if let Some(c) = cache
        && let Ok(c) = c.0.lock()
        && let Some((at, rows)) = c.as_ref()
        && at.elapsed() < FRESH
    {
        return Arc::clone(rows);
    }
    let rows = Arc::new(
        app.store
            .shown_alerts(Timestamp::now())
            .await
            .unwrap_or_default(),
    );
    if let Some(c) = cache
        && let Ok(mut c) = c.0.lock()
    {
        *c = Some((Instant::now(), Arc::clone(&rows)));
    }
    rows
}

/// Whether an alert for `alert_region` concerns this request: it covers the whole
/// deployment, or the page is about a region under it, or the signed-in person lives under
/// it, or the staff member works in or over it.
pub fn concerns(
    alert_region: &RegionCode,
    root: &RegionCode,
    page_region: Option<&RegionCode>,
    home: Option<&RegionCode>,
    grants: &[RegionCode],
) -> bool {
    alert_region.contains(root)
        || page_region.is_some_and(|p| alert_region.contains(p))
        || home.is_some_and(|h| alert_region.contains(h))
        || grants
            .iter()
            .any(|g| alert_region.contains(g) || g.contains(alert_region))
}
