//! The licensing department's work on merchants (LIFE-1): registering one with its licence,
//! approving, refusing or suspending it with a reason — each with its audit entry and, when
//! what readers see changes, a search change in the same transaction — and the daily check
//! that tells the search index of merchants whose licence lapsed.

use serde::Deserialize;
use serde_json::json;
use yiwang_domain::account::check_plain_text;
use yiwang_domain::audit::AuditAction;
use yiwang_domain::auth::{Permission, Scope};
use yiwang_domain::identity::phone::check_telephone;
use yiwang_domain::ids::{DepartmentId, LocalPlaceId};
use yiwang_domain::local::{Category, Hours, VetAction, Vetting, parse_point, vet};
use yiwang_domain::region::RegionCode;
use yiwang_domain::{Error as DomainError, ErrorCode, FieldCode, FieldErrors};
use yiwang_kit::audit::{self, Target};
use yiwang_kit::caller::Caller;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;
use yiwang_store::Store;
use yiwang_store::catalog::changes::ChangeKind;
use yiwang_store::local::{Licence, PlaceRecord, PlaceRow};

use super::{refresh_search, today};

/// A merchant as the licensing staff register it (all text, as a form sends it).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct MerchantInput {
    /// 2–60 characters.
    #[serde(default)]
    pub name: String,
    /// `locksmith`, `housekeeping` or `repair`.
    #[serde(default)]
    pub category: String,
    /// A region code inside the deployment.
    #[serde(default)]
    pub region: String,
    /// 2–120 characters.
    #[serde(default)]
    pub address: String,
    /// A public telephone number.
    #[serde(default)]
    pub phone: String,
    /// Opening hours, e.g. `1-7 00:00-24:00`.
    #[serde(default)]
    pub hours: String,
    /// Latitude (WGS-84 degrees).
    #[serde(default)]
    pub lat: String,
    /// Longitude.
    #[serde(default)]
    pub lng: String,
    /// At most 500 characters.
    #[serde(default)]
    pub description: String,
    /// The licensing department's id.
    #[serde(default)]
    pub department: String,
    /// The licence's number.
    #[serde(default)]
    pub licence_no: String,
    /// Who issued it.
    #[serde(default)]
    pub licence_issuer: String,
    /// Valid until, `YYYY-MM-DD`.
    #[serde(default)]
    pub valid_until: String,
}

fn date(s: &str) -> Result<time::Date, FieldCode> {
    let f = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(s.trim(), f).map_err(|_| FieldCode::InvalidDate)
}

/// Checks a merchant's fields against the rules (and the departments that exist).
async fn check(app: &AppState, m: &MerchantInput) -> Result<PlaceRecord, Error> {
    let mut e = FieldErrors::new();
    let name = e.check("name", check_plain_text(&m.name, 2, 60));
    let category = match Category::parse(m.category.trim()) {
        Some(c) if c.is_merchant() => Some(c),
        _ => {
            e.add("category", FieldCode::InvalidChoice);
            None
        }
    };
    let region = match RegionCode::parse(&m.region) {
        Ok(c) if app.config.root_region.contains(&c) => Some(c),
        Ok(_) => {
            e.add("region", FieldCode::UnknownRegion);
            None
        }
        Err(c) => {
            e.add("region", c);
            None
        }
    };
    let address = e.check("address", check_plain_text(&m.address, 2, 120));
    let phone = e.check("phone", check_telephone(&m.phone));
    let hours = e.check("hours", Hours::parse(&m.hours));
    let point = match parse_point(&m.lat, &m.lng) {
        Ok(Some(p)) if p.in_china() => Some(p),
        Ok(Some(_)) => {
            e.add("lat", FieldCode::OutOfArea);
            None
        }
        Ok(None) => {
            e.add("lat", FieldCode::Required);
            None
        }
        Err(errs) => {
            for (f, c) in errs {
                e.add(f, c);
            }
            None
        }
    };
    let description = e.check("description", check_plain_text(&m.description, 0, 500));
    let department = match m.department.trim().parse::<DepartmentId>() {
        Ok(d) if app.store.department(d).await.is_ok() => Some(d),
        _ => {
            e.add("department", FieldCode::UnknownDepartment);
            None
        }
    };
    let number = e.check("licence_no", check_plain_text(&m.licence_no, 2, 40));
    let issuer = e.check("licence_issuer", check_plain_text(&m.licence_issuer, 2, 60));
    let valid_until = match date(&m.valid_until) {
        Ok(d) if d < today() => {
            e.add("valid_until", FieldCode::OutOfRange);
            None
        }
        Ok(d) => Some(d),
        Err(c) => {
            e.add("valid_until", c);
            None
        }
    };
    match (
        name,
        category,
        region,
        address,
        phone,
        hours,
        point,
        description,
        department,
        number,
        issuer,
        valid_until,
    ) {
        (
            Some(name),
            Some(category),
            Some(region),
            Some(address),
            Some(phone),
            Some(hours),
            Some(point),
            Some(description),
            Some(department),
            Some(number),
            Some(issuer),
            Some(valid_until),
        ) if e.is_empty() => Ok(PlaceRecord {
            name,
            category,
            region,
            address,
            phone,
            hours: hours.spec(),
            point,
            description,
            department: Some(department),
            licence: Some(Licence {
                number,
                issuer,
                valid_until,
            }),
            vetting: Vetting::Pending,
        }),
        _ => Err(DomainError::invalid(e).into()),
    }
}

fn scope(p: &PlaceRecord) -> Option<Scope> {
    p.department.map(|d| Scope::department(d, p.region.clone()))
}

/// Registers a merchant, pending a decision. The caller must hold `vet_merchants` for the
/// licensing department in the merchant's region.
pub async fn register(
    app: &AppState,
    caller: &Caller,
    m: &MerchantInput,
) -> Result<LocalPlaceId, Error> {
    let record = check(app, m).await?;
    let scope = scope(&record).ok_or_else(Error::forbidden)?;
    caller.principal.require(Permission::VetMerchants, &scope)?;
    let mut tx = app.store.begin().await?;
    let id = app.store.insert_place(&mut tx, &record).await?;
    audit::commit_audited(
        &app.store,
        caller,
        tx,
        AuditAction::MerchantVetted,
        Target {
            kind: Some("merchant"),
            id: Some(id.to_string()),
            region: Some(record.region.clone()),
            department: record.department,
            detail: Some(json!({ "step": "register", "category": record.category.as_str() })),
            ..Default::default()
        },
    )
    .await?;
    Ok(id)
}

/// Approves, refuses or suspends a merchant; refusing and suspending need a reason (2–200
/// characters). Not a merchant → not found; a step the state does not allow →
/// `invalid_transition`; nothing changes on any error.
pub async fn decide(
    app: &AppState,
    caller: &Caller,
    id: LocalPlaceId,
    action: &str,
    reason: &str,
) -> Result<Vetting, Error> {
    let Some(action) = VetAction::parse(action.trim()) else {
        return Err(Error::field("action", FieldCode::InvalidChoice));
    };
    let reason = if action.needs_reason() {
        Some(check_plain_text(reason, 2, 200).map_err(|c| Error::field("reason", c))?)
    } else {
        None
    };
    let current: PlaceRow = app
        .store
        .place(id)
        .await?
        .filter(|p| p.r.category.is_merchant())
        .ok_or_else(Error::not_found)?;
    let scope = scope(&current.r).ok_or_else(Error::not_found)?;
    caller.principal.require(Permission::VetMerchants, &scope)?;
    let mut tx = app.store.begin().await?;
    // Decide on the state inside the transaction, so two officers' steps do not cross.
    let now = app
        .store
        .place_in(&mut tx, id)
        .await?
        .ok_or_else(Error::not_found)?;
    let next =
        vet(now.r.vetting, action).ok_or_else(|| Error::code(ErrorCode::InvalidTransition))?;
    app.store
        .set_vetting(&mut tx, id, next, reason.as_deref())
        .await?;
    app.store
        .record_change(&mut tx, ChangeKind::Place, &id.to_string())
        .await?;
    audit::commit_audited(
        &app.store,
        caller,
        tx,
        AuditAction::MerchantVetted,
        Target {
            kind: Some("merchant"),
            id: Some(id.to_string()),
            region: Some(now.r.region.clone()),
            department: now.r.department,
            detail: Some(json!({ "step": action.as_str(), "state": next.as_str() })),
            ..Default::default()
        },
    )
    .await?;
    refresh_search(app).await;
    Ok(next)
}

/// Tells the search index of every merchant whose licence lapsed and every event that is
/// over, not yet told of: one search change each, recorded with the note that it was told, in
/// one transaction. Listings and pages need no telling (they compare the date). Returns how
/// many merchants lapsed.
pub async fn note_lapses(store: &Store, today: time::Date) -> Result<usize, yiwang_store::Error> {
    for id in store.ended_unnoted(today).await? {
        let mut tx = store.begin().await?;
        store
            .record_change(&mut tx, ChangeKind::Place, &format!("event:{id}"))
            .await?;
        store.note_event_over(&mut tx, id).await?;
        yiwang_store::commit(tx).await?;
    }
    let ids = store.lapsed_unnoted(today).await?;
    for id in &ids {
        let mut tx = store.begin().await?;
        store
            .record_change(&mut tx, ChangeKind::Place, &id.to_string())
            .await?;
        store.note_lapse(&mut tx, *id).await?;
        yiwang_store::commit(tx).await?;
    }
    Ok(ids.len())
}
