//! The citizen's pages (SVC-2): the places, a place's slots by day, the booking form (for
//! oneself or a family member, the waiting list when full, the application it is for), the
//! confirmation with the QR code, one's bookings, cancelling.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use time::Date;
use yiwang_domain::ErrorCode;
use yiwang_domain::booking::slots::hhmm;
use yiwang_domain::booking::{BookingState, PlaceKind};
use yiwang_domain::deadline::parse_date;
use yiwang_domain::ids::{BookingId, PlaceId, SlotId};
use yiwang_store::bookings::{PlaceRow, SlotRow};

use super::state_name;
use crate::services::book::{self, BookInput};
use crate::services::{rules, when};
use crate::texts::BookingTexts;
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Form, Path, Query};
use yiwang_kit::respond::see_other;
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{FormErrors, Layout, html, html_invalid};

#[derive(Template)]
#[template(path = "bookings/places.html")]
struct PlacesPage {
    l: Layout,
    halls: Vec<PlaceRow>,
    hospitals: Vec<PlaceRow>,
    case: String,
}

/// The application a booking is for, carried from page to page.
#[derive(Debug, Default, Deserialize)]
pub struct CaseQuery {
    #[serde(default)]
    case: String,
    #[serde(default)]
    day: String,
}

fn case_param(c: &str) -> String {
    c.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .take(40)
        .collect()
}

/// `GET /bookings`: the places that take appointments.
pub async fn places(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<CaseQuery>,
) -> Result<Response, Error> {
    let t = ctx.t();
    let (halls, hospitals) = app
        .store
        .booking_places()
        .await?
        .into_iter()
        .partition(|p| p.kind == PlaceKind::Hall);
    let l = Layout::new(&app, &ctx, t.bk_title(), Section::Services).await;
    html(&PlacesPage {
        l,
        halls,
        hospitals,
        case: case_param(&q.case),
    })
}

/// A slot on the place page.
pub struct SlotLine {
    id: String,
    time: String,
    free: i64,
}

/// A desk's slots of the day.
pub struct DeskSlots {
    name: String,
    unit: String,
    slots: Vec<SlotLine>,
}

/// A day tab.
pub struct DayTab {
    day: String,
    label: String,
    current: bool,
}

#[derive(Template)]
#[template(path = "bookings/place.html")]
struct PlacePage {
    l: Layout,
    place: PlaceRow,
    days: Vec<DayTab>,
    desks: Vec<DeskSlots>,
    case: String,
}

fn weekday(t: yiwang_kit::i18n::Tr, d: Date) -> String {
    let n = d.weekday().number_days_from_monday() as usize;
    let names = match t.lang() {
        yiwang_domain::Lang::ZhHans => ["周一", "周二", "周三", "周四", "周五", "周六", "周日"],
        yiwang_domain::Lang::ZhHant => ["週一", "週二", "週三", "週四", "週五", "週六", "週日"],
        yiwang_domain::Lang::En => ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    };
    format!("{}-{:02} {}", u8::from(d.month()), d.day(), names[n])
}

/// `GET /bookings/places/{id}?day=`: a place's slots of a day, by window or doctor.
pub async fn place(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<PlaceId>,
    Query(q): Query<CaseQuery>,
) -> Result<Response, Error> {
    let t = ctx.t();
    let place = app.store.booking_place(id).await?;
    let today = yiwang_domain::Timestamp::now().beijing_date();
    let r = rules(&app).await?;
    let last = today + time::Duration::days(i64::from(r.days_ahead));
    let all = app.store.booking_place_slots(id, today, last).await?;
    let now = crate::services::now();
    let open: Vec<&SlotRow> = all
        .iter()
        .filter(|s| yiwang_domain::booking::rules::at(s.day, s.start) > now)
        .collect();
    let mut days: Vec<Date> = open.iter().map(|s| s.day).collect();
    days.dedup();
    let chosen = parse_date(q.day.trim())
        .filter(|d| days.contains(d))
        .or_else(|| days.first().copied());
    let mut desks: Vec<DeskSlots> = Vec::new();
    for s in open.iter().filter(|s| Some(s.day) == chosen) {
        let line = SlotLine {
            id: s.id.to_string(),
            time: format!("{}-{}", hhmm(s.start), hhmm(s.end)),
            free: s.free(),
        };
        match desks.iter_mut().find(|d| d.name == s.desk_name) {
            Some(d) => d.slots.push(line),
            None => desks.push(DeskSlots {
                name: s.desk_name.clone(),
                unit: s.unit.clone(),
                slots: vec![line],
            }),
        }
    }
    let case = case_param(&q.case);
    let days = days
        .into_iter()
        .map(|d| DayTab {
            day: d.to_string(),
            label: weekday(t, d),
            current: Some(d) == chosen,
        })
        .collect();
    let l = Layout::new(&app, &ctx, place.name.clone(), Section::Services).await;
    html(&PlacePage {
        l,
        place,
        days,
        desks,
        case,
    })
}

/// The booking form's fields.
#[derive(Debug, Default, Deserialize)]
pub struct BookForm {
    #[serde(default)]
    for_name: String,
    #[serde(default)]
    for_id_number: String,
    #[serde(default)]
    wait: Option<String>,
    #[serde(default)]
    case: String,
    #[serde(default)]
    idempotency_key: String,
}

#[derive(Template)]
#[template(path = "bookings/form.html")]
struct FormPage {
    l: Layout,
    slot: SlotRow,
    when: String,
    f: BookForm,
    errors: FormErrors,
    full: bool,
    case_receipt: String,
}

async fn form_page(
    app: &AppState,
    ctx: &Ctx,
    slot: SlotRow,
    mut f: BookForm,
    errors: FormErrors,
) -> Result<FormPage, Error> {
    let t = ctx.t();
    if f.idempotency_key.is_empty() {
        f.idempotency_key = yiwang_crypto::random::token().map_err(Error::internal)?;
    }
    f.case = case_param(&f.case);
    let case_receipt = match f.case.parse() {
        Ok(id) => match app.store.case(id).await? {
            Some(c) if Some(c.account_id) == ctx.principal.citizen() => {
                format!("{} {}", c.receipt, c.item_name)
            }
            _ => String::new(),
        },
        Err(_) => String::new(),
    };
    let full = slot.free() == 0;
    if full && f.wait.is_none() && !errors.any() {
        f.wait = Some("1".into());
    }
    Ok(FormPage {
        l: Layout::new(app, ctx, t.bk_form_title(), Section::Services).await,
        when: when(slot.day, slot.start, slot.end),
        slot,
        f,
        errors,
        full,
        case_receipt,
    })
}

/// `GET /bookings/slots/{id}?case=`: the booking form.
pub async fn form(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<SlotId>,
    Query(q): Query<CaseQuery>,
) -> Result<Response, Error> {
    let slot = app.store.booking_slot(id).await?;
    let f = BookForm {
        case: q.case,
        ..BookForm::default()
    };
    html(&form_page(&app, &ctx, slot, f, FormErrors::default()).await?)
}

/// `POST /bookings/slots/{id}`: books, then shows the booking (with its QR code).
pub async fn submit(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<SlotId>,
    Form(f): Form<BookForm>,
) -> Result<Response, Error> {
    let input = BookInput {
        slot: id.to_string(),
        for_name: f.for_name.clone(),
        for_id_number: f.for_id_number.clone(),
        wait: f.wait.is_some(),
        case_id: case_param(&f.case),
    };
    let key = Some(f.idempotency_key.trim()).filter(|k| !k.is_empty());
    match book::book(&app, &ctx, &input, key).await {
        Ok(b) => Ok(see_other(&format!("/account/bookings/{}", b.row.id))),
        Err(Error::Domain(e)) if e.code == ErrorCode::ValidationFailed => {
            let slot = app.store.booking_slot(id).await?;
            let errors = FormErrors::from_error(&e, ctx.t());
            html_invalid(&form_page(&app, &ctx, slot, f, errors).await?)
        }
        Err(e) => Err(e),
    }
}

/// A line of one's bookings.
pub struct MineLine {
    id: String,
    place: String,
    when: String,
    state: &'static str,
}

#[derive(Template)]
#[template(path = "bookings/mine.html")]
struct MinePage {
    l: Layout,
    lines: Vec<MineLine>,
}

/// `GET /account/bookings`.
pub async fn mine(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    let t = ctx.t();
    let me = ctx.principal.citizen().ok_or_else(Error::not_found)?;
    let lines = app
        .store
        .my_bookings(me)
        .await?
        .into_iter()
        .map(|r| MineLine {
            id: r.id.to_string(),
            place: crate::services::where_(&r.place_name, &r.desk_name),
            when: when(r.day, r.start, r.end),
            state: state_name(t, r.state),
        })
        .collect();
    let l = Layout::new(&app, &ctx, t.bk_mine(), Section::Mine).await;
    html(&MinePage { l, lines })
}

#[derive(Template)]
#[template(path = "bookings/detail.html")]
struct DetailPage {
    l: Layout,
    id: String,
    place: String,
    address: String,
    desk: String,
    unit: String,
    when: String,
    state: &'static str,
    confirmed: bool,
    waiting: bool,
    cancellable: bool,
    code: String,
    qr: String,
    for_name: String,
    case_id: String,
    cancelled: bool,
}

/// Whether the page was reached right after cancelling.
#[derive(Debug, Default, Deserialize)]
pub struct DetailQuery {
    #[serde(default)]
    cancelled: String,
}

/// `GET /account/bookings/{id}`: the booking, its QR code for check-in, cancelling.
pub async fn detail(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<BookingId>,
    Query(q): Query<DetailQuery>,
) -> Result<Response, Error> {
    let t = ctx.t();
    let r = book::mine(&app, &ctx, id).await?;
    let confirmed = r.state == BookingState::Confirmed;
    let (code, qr) = if confirmed {
        let code = app.store.booking_code(r.id).await?;
        let qr = yiwang_kit::qr::svg(&code)?;
        (code, qr)
    } else {
        (String::new(), String::new())
    };
    let for_name = match r.for_other {
        true => app
            .store
            .booking_person(r.id)
            .await?
            .map(|p| p.name)
            .unwrap_or_default(),
        false => String::new(),
    };
    let title = match r.state {
        BookingState::Waiting => t.bk_waiting_title(),
        BookingState::Confirmed => t.bk_done_title(),
        _ => t.bk_mine(),
    };
    let l = Layout::new(&app, &ctx, title, Section::Mine).await;
    html(&DetailPage {
        l,
        id: r.id.to_string(),
        place: r.place_name.clone(),
        address: r.address.clone(),
        desk: r.desk_name.clone(),
        unit: r.unit.clone(),
        when: when(r.day, r.start, r.end),
        state: state_name(t, r.state),
        confirmed,
        waiting: r.state == BookingState::Waiting,
        cancellable: r.state.is_open(),
        code,
        qr,
        for_name,
        case_id: r.case_id.clone().unwrap_or_default(),
        cancelled: q.cancelled == "1",
    })
}

/// `POST /account/bookings/{id}/cancel`.
pub async fn cancel(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<BookingId>,
) -> Result<Response, Error> {
    book::cancel(&app, &ctx, id).await?;
    Ok(see_other(&format!("/account/bookings/{id}?cancelled=1")))
}
