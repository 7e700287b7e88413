//! Publishing capacity (SVC-2), by a hall manager or a hospital's administrator for their
//! department's places (`manage_bookings`): places, desks (windows with the items they serve,
//! doctors with their department) with weekly templates, closures, and the deployment's booking
//! rules (platform administrators). Slots are published from the templates over the
//! working-day calendar for the booking horizon, at every change and by the hourly job.

use serde::{Deserialize, Serialize};
use time::Date;
use yiwang_domain::FieldCode;
use yiwang_domain::audit::AuditAction;
use yiwang_domain::auth::{Permission as P, Scope};
use yiwang_domain::booking::rules::BookingRules;
use yiwang_domain::booking::slots::{parse_template, plan};
use yiwang_domain::booking::{BookingState, DeskKind, PlaceKind};
use yiwang_domain::deadline::parse_date;
use yiwang_domain::ids::{DepartmentId, DeskId, PlaceId};
use yiwang_domain::notification::Notice;
use yiwang_domain::notification::booking::BookingNotice;
use yiwang_kit::audit::{Target, commit_audited};
use yiwang_store::Tx;
use yiwang_store::bookings::{DeskRow, NewDesk, NewPlace};
use yiwang_store::notify::Recipient;

use super::{RULES_KEY, rules, scope, when, where_};
use yiwang_kit::caller::Caller;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;

/// A new place.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PlaceInput {
    /// `hall` or `hospital`.
    #[serde(default)]
    pub kind: String,
    /// Its name.
    #[serde(default)]
    pub name: String,
    /// The department running it (its staff serve the bookings).
    #[serde(default)]
    pub department: String,
    /// Its address.
    #[serde(default)]
    pub address: String,
}

/// A new desk.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DeskInput {
    /// `window` or `doctor`.
    #[serde(default)]
    pub kind: String,
    /// 3号窗口, 王医生.
    #[serde(default)]
    pub name: String,
    /// The item group a window serves (社保医保) or a doctor's department (儿科).
    #[serde(default)]
    pub unit: String,
    /// Item ids a window serves, one per line.
    #[serde(default)]
    pub items: String,
    /// The weekly template: `weekday HH:MM-HH:MM places` per line (1 = Monday).
    #[serde(default)]
    pub template: String,
    /// Order on pages.
    #[serde(default)]
    pub sort: i64,
}

fn text(v: &str, min: usize, max: usize) -> Result<String, FieldCode> {
    yiwang_domain::account::check_plain_text(v, min, max)
}

/// Adds a place for a department the caller manages.
pub async fn create_place(
    app: &AppState,
    caller: &Caller,
    input: &PlaceInput,
) -> Result<PlaceId, Error> {
    let mut e = yiwang_domain::FieldErrors::new();
    let kind = PlaceKind::parse(input.kind.trim());
    if kind.is_none() {
        e.add("kind", FieldCode::InvalidChoice);
    }
    let name = e.check("name", text(&input.name, 2, 60));
    let address = e.check("address", text(&input.address, 0, 120));
    let department = match input.department.trim().parse::<DepartmentId>() {
        Ok(d) => match app.store.department(d).await {
            Ok(dep) => Some(dep),
            Err(yiwang_store::Error::Domain(_)) => {
                e.add("department", FieldCode::UnknownDepartment);
                None
            }
            Err(other) => return Err(other.into()),
        },
        Err(_) => {
            e.add("department", FieldCode::UnknownDepartment);
            None
        }
    };
    let (Some(kind), Some(name), Some(address), Some(dep)) = (kind, name, address, department)
    else {
        return Err(yiwang_domain::Error::invalid(e).into());
    };
    if !e.is_empty() {
        return Err(yiwang_domain::Error::invalid(e).into());
    }
    let region = dep.region.clone();
    caller.principal.require(
        P::ManageBookings,
        &Scope::department(dep.id, region.clone()),
    )?;
    let s = &app.store;
    let mut tx = s.begin().await?;
    let id = s
        .create_booking_place(
            &mut tx,
            &NewPlace {
                kind,
                name: &name,
                department_id: dep.id,
                region_code: region.as_str(),
                address: &address,
            },
        )
        .await?;
    commit_audited(
        s,
        caller,
        tx,
        AuditAction::BookingCapacityChanged,
        Target {
            kind: Some("booking_place"),
            id: Some(id.to_string()),
            department: Some(dep.id),
            region: Some(region),
            detail: Some(serde_json::json!({ "step": "place_created" })),
            ..Target::default()
        },
    )
    .await?;
    Ok(id)
}

/// Adds a desk to a place, with its template, and publishes its slots.
pub async fn add_desk(
    app: &AppState,
    caller: &Caller,
    place: PlaceId,
    input: &DeskInput,
) -> Result<DeskId, Error> {
    let p = app.store.booking_place(place).await?;
    let sc = scope(&p)?;
    caller.principal.require(P::ManageBookings, &sc)?;
    let mut e = yiwang_domain::FieldErrors::new();
    let kind = DeskKind::parse(input.kind.trim());
    if kind.is_none() {
        e.add("kind", FieldCode::InvalidChoice);
    }
    let name = e.check("name", text(&input.name, 1, 40));
    let unit = e.check("unit", text(&input.unit, 0, 40));
    let items: Vec<String> = input
        .items
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    if items.len() > 200 || items.iter().any(|i| i.len() > 64) {
        e.add("items", FieldCode::TooMany);
    }
    let template = match parse_template(&input.template) {
        Ok(lines) => Some(lines),
        Err((line, code)) => {
            e.add_line("template", code, line);
            None
        }
    };
    let (Some(kind), Some(name), Some(unit), Some(template)) = (kind, name, unit, template) else {
        return Err(yiwang_domain::Error::invalid(e).into());
    };
    if !e.is_empty() {
        return Err(yiwang_domain::Error::invalid(e).into());
    }
    let text: Vec<String> = template.iter().map(|l| l.format()).collect();
    let s = &app.store;
    let mut tx = s.begin().await?;
    let id = s
        .create_booking_desk(
            &mut tx,
            &NewDesk {
                place_id: place,
                kind,
                name: &name,
                unit: &unit,
                items: &items,
                template: &text.join("\n"),
                sort: input.sort,
            },
        )
        .await?;
    let desk = s.booking_desk_in(&mut tx, id).await?;
    publish(app, &mut tx, &desk).await?;
    commit_audited(
        s,
        caller,
        tx,
        AuditAction::BookingCapacityChanged,
        target(&p, "desk_added", Some(id))?,
    )
    .await?;
    Ok(id)
}

/// Replaces a desk's weekly template and republishes its slots (booked slots stay; a slot
/// no longer in the template closes, keeping its bookings).
pub async fn set_template(
    app: &AppState,
    caller: &Caller,
    desk: DeskId,
    template: &str,
) -> Result<(), Error> {
    let d = app.store.booking_desk(desk).await?;
    let p = app.store.booking_place(d.place_id).await?;
    caller.principal.require(P::ManageBookings, &scope(&p)?)?;
    let lines = parse_template(template).map_err(|(line, code)| {
        let mut e = yiwang_domain::FieldErrors::new();
        e.add_line("template", code, line);
        Error::from(yiwang_domain::Error::invalid(e))
    })?;
    let text: Vec<String> = lines.iter().map(|l| l.format()).collect();
    let s = &app.store;
    let mut tx = s.begin().await?;
    s.set_booking_desk_template(&mut tx, desk, &text.join("\n"))
        .await?;
    let d = s.booking_desk_in(&mut tx, desk).await?;
    publish(app, &mut tx, &d).await?;
    commit_audited(
        s,
        caller,
        tx,
        AuditAction::BookingCapacityChanged,
        target(&p, "template_changed", Some(desk))?,
    )
    .await?;
    cancel_stranded(app, &d).await?;
    Ok(())
}

/// Closes a place (or one desk) on a day and republishes.
pub async fn close_day(
    app: &AppState,
    caller: &Caller,
    place: PlaceId,
    desk: Option<DeskId>,
    day: &str,
    reason: &str,
) -> Result<(), Error> {
    let p = app.store.booking_place(place).await?;
    caller.principal.require(P::ManageBookings, &scope(&p)?)?;
    let mut e = yiwang_domain::FieldErrors::new();
    let today = yiwang_domain::Timestamp::now().beijing_date();
    let day: Option<Date> = match parse_date(day.trim()) {
        Some(d) if d >= today => Some(d),
        Some(_) => {
            e.add("day", FieldCode::DateInPast);
            None
        }
        None => {
            e.add("day", FieldCode::InvalidDate);
            None
        }
    };
    let reason = e.check("reason", text(reason, 2, 60));
    let desks = app.store.booking_desks(place).await?;
    if let Some(d) = desk
        && !desks.iter().any(|x| x.id == d)
    {
        e.add("desk", FieldCode::InvalidChoice);
    }
    let (Some(day), Some(reason)) = (day, reason) else {
        return Err(yiwang_domain::Error::invalid(e).into());
    };
    if !e.is_empty() {
        return Err(yiwang_domain::Error::invalid(e).into());
    }
    let s = &app.store;
    let mut tx = s.begin().await?;
    s.add_booking_closure(&mut tx, place, desk, day, &reason)
        .await?;
    let affected: Vec<&DeskRow> = desks
        .iter()
        .filter(|d| desk.is_none_or(|x| x == d.id))
        .collect();
    for d in &affected {
        publish(app, &mut tx, d).await?;
    }
    commit_audited(
        s,
        caller,
        tx,
        AuditAction::BookingCapacityChanged,
        target(&p, "closed", desk)?,
    )
    .await?;
    for d in affected {
        cancel_stranded(app, d).await?;
    }
    Ok(())
}

/// What a holder is told when the hall's change is not a closure with its own reason.
const HOURS_CHANGED: &str = "服务时间调整";

/// Cancels the open bookings left in a desk's closed slots (the hall closed the day or
/// changed its hours, or the calendar made the day a holiday) and tells each holder why. Each
/// booking in its own transaction, taking the holder's lock first as a citizen's own
/// cancellation does; a confirmed one frees its place (nobody waits for a closed slot: the
/// waiting are cancelled too). A crash part-way leaves the rest for the hourly publishing
/// job, which runs this for every desk. Returns how many were cancelled.
pub async fn cancel_stranded(app: &AppState, desk: &DeskRow) -> Result<u64, Error> {
    let s = &app.store;
    let today = yiwang_domain::Timestamp::now().beijing_date();
    let mut n = 0;
    for b in s.stranded_bookings(desk.id, today).await? {
        let reason = s
            .booking_closure_reason(desk, b.day)
            .await?
            .unwrap_or_else(|| HOURS_CHANGED.to_owned());
        let mut tx = s.begin().await?;
        s.release_booking_holder(&mut tx, b.account_id).await?;
        // Still closed and still open, read after the locks: the slot may have reopened,
        // or the holder cancelled, since the list was read.
        if !s.booking_slot_closed(&mut tx, b.slot_id).await? {
            continue;
        }
        let cur = s.booking_in(&mut tx, b.id).await?;
        if !cur.state.is_open()
            || !s
                .move_booking(&mut tx, b.id, cur.state, BookingState::Cancelled, None)
                .await?
        {
            continue;
        }
        if cur.state == BookingState::Confirmed {
            s.free_booking_place(&mut tx, b.slot_id).await?;
        }
        let notice = Notice::Booking(BookingNotice::Cancelled {
            place: where_(&b.place_name, &b.desk_name),
            when: when(b.day, b.start, b.end),
            reason,
        });
        s.notify(&mut tx, &Recipient::Account(b.account_id), &notice)
            .await?;
        yiwang_store::commit(tx).await?;
        n += 1;
    }
    if n > 0 {
        tracing::info!(desk = %desk.id, cancelled = n, "bookings in closed slots cancelled");
    }
    Ok(n)
}

fn target(
    p: &yiwang_store::bookings::PlaceRow,
    step: &str,
    desk: Option<DeskId>,
) -> Result<Target, Error> {
    let sc = scope(p)?;
    Ok(Target {
        kind: Some("booking_place"),
        id: Some(p.id.to_string()),
        department: sc.department,
        region: Some(sc.region),
        detail: Some(serde_json::json!({ "step": step, "desk": desk.map(|d| d.to_string()) })),
        ..Target::default()
    })
}

/// Whether the caller may set the deployment's booking rules: platform administrators (the
/// root region's grant); `forbidden` otherwise.
pub fn may_set_rules(app: &AppState, caller: &Caller) -> Result<(), Error> {
    caller.principal.require(
        P::SetBookingRules,
        &Scope::region(app.config.root_region.clone()),
    )?;
    Ok(())
}

/// Sets the deployment's booking rules (platform administrators: the root region's grant).
pub async fn set_rules(app: &AppState, caller: &Caller, new: &BookingRules) -> Result<(), Error> {
    may_set_rules(app, caller)?;
    if let Err((field, code)) = new.check() {
        return Err(Error::field(field, code));
    }
    let s = &app.store;
    let mut tx = s.begin().await?;
    s.set_setting(
        &mut tx,
        RULES_KEY,
        &serde_json::to_string(new).map_err(Error::internal)?,
    )
    .await?;
    commit_audited(
        s,
        caller,
        tx,
        AuditAction::BookingCapacityChanged,
        Target {
            kind: Some("booking_rules"),
            detail: Some(serde_json::json!(new)),
            ..Target::default()
        },
    )
    .await
}

/// Publishes a desk's slots for the booking horizon inside `tx`.
pub async fn publish(app: &AppState, tx: &mut Tx, desk: &DeskRow) -> Result<u64, Error> {
    let rules = rules(app).await?;
    Ok(publish_with(&app.store, tx, desk, &rules).await?)
}

/// Publishes a desk's slots from today for `rules.days_ahead` days, over the calendar and
/// the closures (also used by the demo's seeding, which has no application state).
pub async fn publish_with(
    store: &yiwang_store::Store,
    tx: &mut Tx,
    desk: &DeskRow,
    rules: &BookingRules,
) -> Result<u64, yiwang_store::Error> {
    let calendar = store.calendar().await?;
    let today = yiwang_domain::Timestamp::now().beijing_date();
    let template = parse_template(&desk.template).map_err(|(l, c)| {
        yiwang_store::Error::Corrupt(format!("desk template line {l}: {}", c.as_str()))
    })?;
    let closed = store.booking_desk_closures(tx, desk, today).await?;
    let slots = plan(&calendar, &template, &closed, today, rules.days_ahead + 1);
    store
        .publish_booking_slots(tx, desk.id, today, &slots)
        .await
}

/// Publishes every desk's slots (the hourly job, so the horizon moves with the days).
pub async fn publish_all(app: &AppState) -> Result<u64, Error> {
    let mut n = 0;
    for desk in app.store.all_booking_desks().await? {
        let mut tx = app.store.begin().await?;
        n += publish(app, &mut tx, &desk).await?;
        yiwang_store::commit(tx).await?;
        cancel_stranded(app, &desk).await?;
    }
    Ok(n)
}
