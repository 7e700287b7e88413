//! Bills (SVC-1): made by a finance officer in the console or by a collecting unit's system
//! through the API (a system client tied to one unit, which may bill for that unit only);
//! found by a payer with the bill code and their account or their name.

use serde::Deserialize;
use yiwang_domain::auth::{Actor, Permission, Scope};
use yiwang_domain::ids::{AccountId, BillId, CaseId};
use yiwang_domain::notification::Notice;
use yiwang_domain::notification::service::ServiceNotice;
use yiwang_domain::payments::{BillCode, Fen, LateFeeRule};
use yiwang_domain::region::RegionCode;
use yiwang_domain::{ErrorCode, FieldCode, FieldErrors, Timestamp};
use yiwang_kit::audit::{self, Target, commit_audited};
use yiwang_kit::caller::Caller;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;
use yiwang_store::notify::Recipient;
use yiwang_store::payments::{BillItem, BillRow, BillState, NewBill, UnitRow};

/// One line of a bill as sent: the amount in fen as a JSON number, read exactly.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemInput {
    /// What it is for (1–60 characters).
    pub name: String,
    /// Whole fen (`20000` is ¥200.00); a fraction is refused.
    #[schema(value_type = i64)]
    pub amount_fen: serde_json::Number,
}

/// A bill as a collecting unit's system or a finance officer sends it.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BillInput {
    /// The collecting unit's code (执收单位编码).
    pub unit: String,
    /// The unit's own reference (notice number): sending the same one again returns the
    /// bill already made.
    #[serde(default)]
    pub external_ref: Option<String>,
    /// The payer's name as on the notice (2–40 characters).
    pub payer_name: String,
    /// The payer's mobile number, to tie the bill to their account when they have one.
    #[serde(default)]
    pub payer_phone: Option<String>,
    /// The title, e.g. 交通违法罚款.
    pub title: String,
    /// The lines (1–20).
    pub items: Vec<ItemInput>,
    /// Due date, `YYYY-MM-DD`.
    pub due_on: String,
    /// Late fee in basis points a day (30 = 3‰), 0 for none.
    #[serde(default)]
    pub late_fee_bp: u32,
}

/// The region a unit's bills are in, as a scope for permissions.
fn unit_scope(unit: &UnitRow) -> Result<Scope, Error> {
    let region = RegionCode::parse(&unit.region).map_err(|_| Error::internal("unit region"))?;
    Ok(Scope::region(region))
}

/// Whether the caller may make and see bills of `unit`: a collecting unit's client for its
/// own unit, or staff with `ManagePayments` over the unit's region.
pub fn may_manage(caller: &Caller, unit: &UnitRow) -> Result<bool, Error> {
    match caller.principal.actor() {
        Actor::Client { client, grants } => Ok(unit.client == Some(*client)
            && grants
                .iter()
                .any(|g| Permission::ManagePayments.granted_to(g.role))),
        _ => Ok(caller
            .principal
            .may(Permission::ManagePayments, &unit_scope(unit)?)),
    }
}

/// A fresh bill code: 19 random digits and the check digit.
pub fn new_code() -> Result<BillCode, Error> {
    let bytes = yiwang_crypto::random::bytes::<19>().map_err(Error::internal)?;
    Ok(BillCode::from_body(bytes))
}

/// Creates a bill. Returns it and whether it is new (`false`: the unit sent this reference
/// before). Every field is checked at once; a unit the caller may not bill for is
/// `forbidden`.
pub async fn create(
    app: &AppState,
    caller: &Caller,
    input: &BillInput,
) -> Result<(BillRow, bool), Error> {
    let unit = app
        .store
        .pay_unit(input.unit.trim())
        .await?
        .ok_or_else(|| Error::field("unit", FieldCode::InvalidChoice))?;
    if !may_manage(caller, &unit)? {
        return Err(Error::forbidden());
    }
    let mut e = FieldErrors::new();
    let text = |v: &str, min, max| yiwang_domain::account::check_plain_text(v, min, max);
    let payer_name = e.check("payer_name", text(&input.payer_name, 2, 40));
    let title = e.check("title", text(&input.title, 2, 60));
    let external_ref = match &input.external_ref {
        Some(r) if !r.trim().is_empty() => e.check("external_ref", text(r, 1, 64)),
        _ => None,
    };
    if input.items.is_empty() {
        e.add("items", FieldCode::Required);
    }
    if input.items.len() > 20 {
        e.add("items", FieldCode::TooMany);
    }
    let mut items = Vec::new();
    let mut total = Fen::ZERO;
    for item in &input.items {
        let name = e.check("items.name", text(&item.name, 1, 60));
        let amount = e.check(
            "items.amount_fen",
            Fen::from_fen_text(&item.amount_fen.to_string()),
        );
        if let (Some(name), Some(a)) = (name, amount) {
            total = total.plus(a);
            items.push(BillItem {
                name,
                amount_fen: a.get(),
            });
        }
    }
    if total > Fen(yiwang_domain::payments::money::MAX) {
        e.add("items.amount_fen", FieldCode::OutOfRange);
    }
    let due_on = yiwang_domain::deadline::parse_date(input.due_on.trim());
    if due_on.is_none() {
        e.add("due_on", FieldCode::InvalidDate);
    }
    if LateFeeRule::new(input.late_fee_bp).is_none() {
        e.add("late_fee_bp", FieldCode::OutOfRange);
    }
    let payer_account: Option<AccountId> = match input.payer_phone.as_deref().map(str::trim) {
        Some(p) if !p.is_empty() => match yiwang_domain::identity::phone::Mobile::parse(p) {
            Ok(m) => app.store.find_citizen_by_phone(&m).await?,
            Err(c) => {
                e.add("payer_phone", c);
                None
            }
        },
        _ => None,
    };
    let (payer_name, title, due_on) = e.finish(|| Some((payer_name?, title?, due_on?)))?;
    let by = match caller.principal.actor() {
        Actor::Client { client, .. } => Some(client.to_string()),
        a => a.account().map(|a| a.to_string()),
    };
    let new = NewBill {
        code: new_code()?,
        unit: unit.code.clone(),
        external_ref,
        payer_account,
        payer_name,
        title,
        items,
        amount: total,
        due_on,
        late_fee_bp: input.late_fee_bp,
        case_id: None,
        created_by: by,
    };
    let detail = serde_json::json!({"created": true, "unit": unit.code, "amount_fen": total.get()});
    let region = RegionCode::parse(&unit.region).ok();
    let (id, created) = insert(app, new, Some(caller), region, detail).await?;
    let row = app.store.bill(id).await?.ok_or_else(Error::not_found)?;
    Ok((row, created))
}

/// Stores a bill with a fresh code, drawing again on the (1 in 10^19) clash, with its audit
/// entry (by `caller`, or by the platform itself) and, when the bill is tied to an account,
/// the payer's notice. Returns its id and whether it is new (an external reference or a case
/// billed before returns the bill already made).
async fn insert(
    app: &AppState,
    mut new: NewBill,
    caller: Option<&Caller>,
    region: Option<RegionCode>,
    detail: serde_json::Value,
) -> Result<(BillId, bool), Error> {
    for _ in 0..8 {
        let mut tx = app.store.begin().await?;
        match app.store.insert_bill(&mut tx, &new).await {
            Ok((id, created)) => {
                if created {
                    let target = Target {
                        kind: Some("bill"),
                        id: Some(id.to_string()),
                        subject: new.payer_account,
                        region: region.clone(),
                        detail: Some(detail.clone()),
                        ..Default::default()
                    };
                    let action = yiwang_domain::audit::AuditAction::BillChanged;
                    match caller {
                        Some(c) => audit::record(&app.store, c, &mut tx, action, target).await?,
                        None => {
                            let platform = yiwang_store::audit::AuditActor {
                                id: None,
                                name: "system".into(),
                                org: None,
                            };
                            audit::record_as(&app.store, &mut tx, platform, action, target, "")
                                .await?
                        }
                    }
                    if let Some(payer) = new.payer_account {
                        app.store
                            .notify(
                                &mut tx,
                                &Recipient::Account(payer),
                                &Notice::Service(ServiceNotice::BillIssued {
                                    title: new.title.clone(),
                                    amount: new.amount.to_string(),
                                    code: new.code.grouped(),
                                    due: new.due_on.to_string(),
                                }),
                            )
                            .await?;
                    }
                }
                yiwang_store::commit(tx).await?;
                return Ok((id, created));
            }
            // The code was drawn before (1 in 10^19): draw again.
            Err(yiwang_store::Error::Domain(d)) if d.code == ErrorCode::Conflict => {
                new.code = new_code()?;
            }
            Err(e) => return Err(e.into()),
        }
    }
    Err(Error::internal("no free bill code"))
}

/// Bills an accepted case for its item's fee (run by the `case_fee` job, enqueued when the
/// case was accepted): the applicant is the payer, the bill is tied to their account and to
/// the case, and due the fee's number of days after today. Running it again for the same
/// case finds the bill already made (bills are unique per case). `Ok(None)`: the case's
/// form version has no fee.
pub async fn bill_case(app: &AppState, case: CaseId) -> Result<Option<BillId>, Error> {
    if let Some(id) = app.store.bill_of_case(case).await? {
        return Ok(Some(id));
    }
    let row = app.store.case(case).await?.ok_or_else(Error::not_found)?;
    let Some(fee) = app
        .store
        .form_version(row.item_id, row.form_version)
        .await?
        .and_then(|v| v.bundle.fee)
    else {
        return Ok(None);
    };
    let unit = app
        .store
        .pay_unit(&fee.unit)
        .await?
        .ok_or_else(|| Error::field("fee.unit", FieldCode::InvalidChoice))?;
    let amount = Fen::positive(fee.amount_fen).map_err(|c| Error::field("fee.amount", c))?;
    let profile = app.store.profile(row.account_id).await?;
    let payer_name = profile
        .real_name
        .clone()
        .unwrap_or_else(|| profile.greeting_name());
    let due_on = Timestamp::now().beijing_date() + time::Duration::days(i64::from(fee.due_days));
    let new = NewBill {
        code: new_code()?,
        unit: unit.code.clone(),
        external_ref: Some(format!("case:{}", row.receipt)),
        payer_account: Some(row.account_id),
        payer_name,
        title: fee.title.clone(),
        items: vec![BillItem {
            name: row.item_name.clone(),
            amount_fen: amount.get(),
        }],
        amount,
        due_on,
        late_fee_bp: 0,
        case_id: Some(case),
        created_by: Some("system".into()),
    };
    let detail = serde_json::json!({
        "created": true, "unit": unit.code, "amount_fen": amount.get(), "case": row.receipt,
    });
    let region = RegionCode::parse(&unit.region).ok();
    let (id, _) = insert(app, new, None, region, detail).await?;
    Ok(Some(id))
}

/// The bill with this code for this payer: their own account, or the name on the bill. A
/// wrong check digit is `bill_code_checksum`; no such bill for this payer is `no_such_bill`
/// on the code field (the same answer for "no bill" and "not yours"); ten misses from one
/// address in 15 minutes block it for 15 minutes (`rate_limited`).
pub async fn find(
    app: &AppState,
    caller: &Caller,
    code: &str,
    name: &str,
) -> Result<BillRow, Error> {
    let code = BillCode::parse(code).map_err(|c| Error::field("code", c))?;
    // Only misses count: a wrong check digit above is a typo and reveals nothing.
    let key = format!("bill-lookup:{}", caller.client_ip);
    yiwang_kit::throttle::refuse_if_blocked(&app.store, &key).await?;
    match app
        .store
        .bill_for_payer(&code, caller.principal.account(), Some(name))
        .await?
    {
        Some(bill) => Ok(bill),
        None => {
            yiwang_kit::throttle::count_failure(
                &app.store,
                &key,
                yiwang_domain::throttle::BILL_LOOKUP_FAILURES_PER_CLIENT,
            )
            .await?;
            Err(Error::field("code", FieldCode::NoSuchBill))
        }
    }
}

/// A bill the caller may see: it is tied to their account, or they are staff of its unit.
pub async fn visible(app: &AppState, caller: &Caller, id: BillId) -> Result<BillRow, Error> {
    let bill = app.store.bill(id).await?.ok_or_else(Error::not_found)?;
    if bill.payer_account.is_some() && bill.payer_account == caller.principal.account() {
        return Ok(bill);
    }
    let unit = app
        .store
        .pay_unit(&bill.unit)
        .await?
        .ok_or_else(Error::not_found)?;
    if may_manage(caller, &unit)? {
        Ok(bill)
    } else {
        Err(Error::not_found())
    }
}

/// What a bill stands at now: owed (from the ledger), paid or not, the late fee if paid today.
#[derive(Debug, Clone)]
pub struct Standing {
    /// The bill.
    pub bill: BillRow,
    /// Paid by a succeeded attempt.
    pub paid: bool,
    /// The late fee if paid today.
    pub late_fee: Fen,
    /// Paid in, refunded (from the ledger).
    pub paid_in: Fen,
    /// Refunded.
    pub refunded: Fen,
}

impl Standing {
    /// What paying now costs.
    pub fn to_pay(&self) -> Fen {
        self.bill.amount.plus(self.late_fee)
    }

    /// Whether it may be paid now.
    pub fn payable(&self) -> bool {
        !self.paid && self.bill.state == BillState::Open
    }
}

/// A bill's standing.
pub async fn standing(app: &AppState, bill: BillRow) -> Result<Standing, Error> {
    let attempts = app.store.attempts_of_bill(bill.id).await?;
    let paid = attempts
        .iter()
        .any(|a| a.state == yiwang_domain::payments::AttemptState::Succeeded);
    let rule = LateFeeRule::new(bill.late_fee_bp).unwrap_or(LateFeeRule::NONE);
    let late_fee = rule.fee(bill.amount, bill.due_on, Timestamp::now().beijing_date());
    let (paid_in, refunded) = app.store.paid_and_refunded(bill.id).await?;
    Ok(Standing {
        bill,
        paid,
        late_fee,
        paid_in,
        refunded,
    })
}

/// Cancels an unpaid bill.
pub async fn cancel(app: &AppState, caller: &Caller, id: BillId) -> Result<(), Error> {
    let bill = visible(app, caller, id).await?;
    let unit = app
        .store
        .pay_unit(&bill.unit)
        .await?
        .ok_or_else(Error::not_found)?;
    if !may_manage(caller, &unit)? {
        return Err(Error::forbidden());
    }
    let s = standing(app, bill).await?;
    if s.paid {
        return Err(Error::code(ErrorCode::InvalidTransition));
    }
    let mut tx = app.store.begin().await?;
    if !app.store.cancel_bill(&mut tx, id, s.bill.revision).await? {
        return Err(Error::code(ErrorCode::Conflict));
    }
    commit_audited(
        &app.store,
        caller,
        tx,
        yiwang_domain::audit::AuditAction::BillChanged,
        Target {
            kind: Some("bill"),
            id: Some(id.to_string()),
            subject: s.bill.payer_account,
            detail: Some(serde_json::json!({"cancelled": true})),
            ..Default::default()
        },
    )
    .await
}
