//! Daily reconciliation (对账): the provider's statement of a day against our ledger
//! (`domain::payments::reconcile`), kept per day; a day that does not balance is a task for
//! the finance officer on the console's home until they resolve it. Resolving a payment the
//! provider has and we do not asks the provider about it and settles it through the one
//! use case (`pay::settle`), so it enters the ledger once however often it is resolved.

use serde::{Deserialize, Serialize};
use yiwang_domain::FieldCode;
use yiwang_domain::audit::AuditAction;
use yiwang_domain::auth::{Permission, Scope};
use yiwang_domain::payments::Fen;
use yiwang_domain::payments::reconcile::{EntryKind, Finding, Report, reconcile};
use yiwang_kit::audit::{Target, commit_audited};
use yiwang_kit::caller::Caller;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;

use super::{pay, payments, provider_error, refunds};

/// One line as kept and shown.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LineView {
    /// Our reference.
    pub reference: String,
    /// `pay` or `refund`.
    pub kind: String,
    /// Our amount in fen.
    pub ours: Option<i64>,
    /// The provider's amount in fen.
    pub theirs: Option<i64>,
    /// The provider's number.
    pub trade_no: String,
    /// `matched`, `only_provider`, `only_ours`, `amount_differs`.
    pub finding: String,
}

fn require(app: &AppState, caller: &Caller) -> Result<(), Error> {
    caller.principal.require(
        Permission::ManagePayments,
        &Scope::region(app.config.root_region.clone()),
    )?;
    Ok(())
}

/// Reads a day `YYYY-MM-DD`.
pub fn day(text: &str) -> Result<time::Date, Error> {
    yiwang_domain::deadline::parse_date(text.trim())
        .ok_or_else(|| Error::field("day", FieldCode::InvalidDate))
}

/// Runs the reconciliation of a day and keeps it.
pub async fn run(app: &AppState, caller: &Caller, day: time::Date) -> Result<Vec<LineView>, Error> {
    require(app, caller)?;
    let p = payments(app)?;
    let file = p.provider.statement(day).await.map_err(provider_error)?;
    let theirs = p
        .provider
        .parse_statement(&file)
        .map_err(|(_, c)| Error::field("statement", c))?;
    let ours = app.store.ledger_day(&day.to_string()).await?;
    let report = reconcile(&ours, &theirs);
    let lines = view(&report);
    let matched = report.count(Finding::Matched) as i64;
    let differences = lines.len() as i64 - matched;
    let json = serde_json::to_string(&lines).map_err(Error::internal)?;
    let mut tx = app.store.begin().await?;
    app.store
        .save_reconciliation(
            &mut tx,
            &day.to_string(),
            matched,
            differences,
            &json,
            caller.principal.account().map(|a| a.to_string()),
        )
        .await?;
    commit_audited(
        &app.store,
        caller,
        tx,
        AuditAction::ReconciliationRun,
        Target {
            kind: Some("reconciliation"),
            id: Some(day.to_string()),
            detail: Some(serde_json::json!({"matched": matched, "differences": differences})),
            ..Default::default()
        },
    )
    .await?;
    Ok(lines)
}

fn view(report: &Report) -> Vec<LineView> {
    report
        .lines
        .iter()
        .map(|l| LineView {
            reference: l.reference.clone(),
            kind: l.kind.as_str().to_owned(),
            ours: l.ours.map(Fen::get),
            theirs: l.theirs.map(Fen::get),
            trade_no: l.trade_no.clone(),
            finding: l.finding.as_str().to_owned(),
        })
        .collect()
}

/// The kept reconciliation of a day.
pub async fn kept(
    app: &AppState,
    caller: &Caller,
    day: time::Date,
) -> Result<Option<(Vec<LineView>, bool)>, Error> {
    require(app, caller)?;
    let Some(row) = app.store.reconciliation(&day.to_string()).await? else {
        return Ok(None);
    };
    let lines: Vec<LineView> = serde_json::from_str(&row.report).map_err(Error::internal)?;
    Ok(Some((lines, row.resolved_at.is_some())))
}

/// Resolves the differences of a day that can be resolved from the provider's records (a
/// payment or refund the provider has and we do not), then runs the day again. Returns how
/// many were recorded now.
pub async fn resolve(app: &AppState, caller: &Caller, day: time::Date) -> Result<usize, Error> {
    require(app, caller)?;
    let lines = run(app, caller, day).await?;
    let p = payments(app)?;
    let mut n = 0;
    for l in lines
        .iter()
        .filter(|l| l.finding == Finding::OnlyProvider.as_str())
    {
        if l.kind == EntryKind::Pay.as_str() {
            let Ok(id) = l.reference.parse() else {
                continue;
            };
            let state = p
                .provider
                .query_order(&l.reference)
                .await
                .map_err(provider_error)?;
            if pay::settle(app, id, &state, "reconciliation", Some(caller)).await?
                == pay::Settled::Recorded
            {
                n += 1;
            }
        } else {
            let Ok(id) = l.reference.parse() else {
                continue;
            };
            let state = p
                .provider
                .query_refund(&l.reference)
                .await
                .map_err(provider_error)?;
            if refunds::settle(app, id, &state).await? {
                n += 1;
            }
        }
    }
    run(app, caller, day).await?;
    Ok(n)
}

/// The report as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read the Chinese
/// headers right).
pub fn csv(lines: &[LineView], t: yiwang_kit::i18n::Tr) -> String {
    use crate::texts::PayTexts;
    let mut out = String::from("\u{feff}");
    out.push_str(&format!(
        "{},{},{},{},{},{}\n",
        t.pay_ref(),
        t.pay_kind(),
        t.pay_ours(),
        t.pay_theirs(),
        t.pay_trade_no(),
        t.pay_finding()
    ));
    let y = |v: Option<i64>| v.map(|f| Fen(f).yuan()).unwrap_or_default();
    for l in lines {
        out.push_str(&format!(
            "{},{},{},{},{},{}\n",
            l.reference,
            l.kind,
            y(l.ours),
            y(l.theirs),
            l.trade_no,
            l.finding
        ));
    }
    out
}
