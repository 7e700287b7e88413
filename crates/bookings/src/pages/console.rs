//! The console's appointment pages (SVC-2): the places one serves or manages; a place's day
//! list per window or doctor with check-in by scanned or typed code and no-shows; the hall
//! manager's utilisation; capacity (desks, weekly templates, closures) and new places.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use time::{Date, Duration};
use yiwang_domain::ErrorCode;
use yiwang_domain::auth::Permission as P;
use yiwang_domain::booking::BookingState;
use yiwang_domain::booking::rules::BookingRules;
use yiwang_domain::booking::slots::hhmm;
use yiwang_domain::deadline::parse_date;
use yiwang_domain::ids::{BookingId, DeskId, PlaceId};
use yiwang_store::bookings::{DeskRow, PlaceRow, Utilisation};

use super::state_name;
use crate::services::capacity::{self, DeskInput, PlaceInput};
use crate::services::{scope, serve};
use crate::texts::BookingTexts;
use yiwang_kit::console::{NavLink, nav};
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Form, Path, Query};
use yiwang_kit::respond::see_other;
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{FormErrors, Layout, html, html_invalid};

const HOME: &str = "/console/bookings";

/// A place on the console's list, with what the caller may do there.
pub struct PlaceLine {
    place: PlaceRow,
    serve: bool,
    manage: bool,
}

#[derive(Template)]
#[template(path = "console/bookings/home.html")]
struct HomePage {
    l: Layout,
    nav: Vec<NavLink>,
    places: Vec<PlaceLine>,
    may_create: bool,
    may_set_rules: bool,
}

/// `GET /console/bookings`: the places the caller serves or manages.
pub async fn home(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    let t = ctx.t();
    let mut places = Vec::new();
    for p in app.store.booking_places().await? {
        let sc = scope(&p)?;
        let (serve, manage) = (
            ctx.principal.may(P::ServeBookings, &sc),
            ctx.principal.may(P::ManageBookings, &sc),
        );
        if serve || manage {
            places.push(PlaceLine {
                place: p,
                serve,
                manage,
            });
        }
    }
    let may_create =
        yiwang_domain::auth::allows_somewhere(ctx.principal.actor(), P::ManageBookings);
    let may_set_rules = capacity::may_set_rules(&app, &ctx).is_ok();
    let l = Layout::new(&app, &ctx, t.bk_console(), Section::Console).await;
    html(&HomePage {
        nav: nav(&app, &ctx, HOME),
        l,
        places,
        may_create,
        may_set_rules,
    })
}

/// An option of a select.
pub struct Opt {
    value: String,
    label: String,
    selected: bool,
}

#[derive(Template)]
#[template(path = "console/bookings/new.html")]
struct NewPage {
    l: Layout,
    nav: Vec<NavLink>,
    f: PlaceForm,
    errors: FormErrors,
    kinds: Vec<Opt>,
    departments: Vec<Opt>,
}

/// The new place form.
#[derive(Debug, Default, Deserialize)]
pub struct PlaceForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    department: String,
    #[serde(default)]
    address: String,
}

async fn new_page(
    app: &AppState,
    ctx: &Ctx,
    f: PlaceForm,
    errors: FormErrors,
) -> Result<NewPage, Error> {
    let t = ctx.t();
    let mut departments = Vec::new();
    for d in yiwang_kit::console::departments_granted(app, ctx, P::ManageBookings).await? {
        let dep = app.store.department(d).await?;
        departments.push(Opt {
            selected: f.department == d.to_string(),
            value: d.to_string(),
            label: dep.name,
        });
    }
    let kinds = [
        ("hall", t.bk_kind_hall()),
        ("hospital", t.bk_kind_hospital()),
    ]
    .into_iter()
    .map(|(v, label)| Opt {
        value: v.into(),
        label: label.into(),
        selected: f.kind == v,
    })
    .collect();
    Ok(NewPage {
        l: Layout::new(app, ctx, t.bk_new_place(), Section::Console).await,
        nav: nav(app, ctx, HOME),
        f,
        errors,
        kinds,
        departments,
    })
}

/// `GET /console/bookings/new`.
pub async fn new_place(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    html(&new_page(&app, &ctx, PlaceForm::default(), FormErrors::default()).await?)
}

/// `POST /console/bookings/places`.
pub async fn create_place(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(f): Form<PlaceForm>,
) -> Result<Response, Error> {
    let input = PlaceInput {
        kind: f.kind.clone(),
        name: f.name.clone(),
        department: f.department.clone(),
        address: f.address.clone(),
    };
    match capacity::create_place(&app, &ctx, &input).await {
        Ok(id) => Ok(see_other(&format!(
            "/console/bookings/places/{id}/capacity"
        ))),
        Err(Error::Domain(e)) if e.code == ErrorCode::ValidationFailed => {
            let errors = FormErrors::from_error(&e, ctx.t());
            html_invalid(&new_page(&app, &ctx, f, errors).await?)
        }
        Err(e) => Err(e),
    }
}

/// A line of the day's list.
pub struct DayLine {
    id: String,
    time: String,
    desk: String,
    who: String,
    state: &'static str,
    confirmed: bool,
}

#[derive(Template)]
#[template(path = "console/bookings/day.html")]
struct DayPage {
    l: Layout,
    nav: Vec<NavLink>,
    place: PlaceRow,
    day: String,
    desks: Vec<Opt>,
    desk: String,
    lines: Vec<DayLine>,
    notice: String,
    errors: FormErrors,
    code: String,
    serve: bool,
}

/// The day's list's filters and the last check-in's outcome.
#[derive(Debug, Default, Deserialize)]
pub struct DayQuery {
    #[serde(default)]
    day: String,
    #[serde(default)]
    desk: String,
    #[serde(default)]
    done: String,
}

async fn day_page(
    app: &AppState,
    ctx: &Ctx,
    place: PlaceId,
    q: &DayQuery,
    code: String,
    errors: FormErrors,
) -> Result<DayPage, Error> {
    let t = ctx.t();
    let today = yiwang_domain::Timestamp::now().beijing_date();
    let day = parse_date(q.day.trim()).unwrap_or(today);
    let all = app.store.booking_desks(place).await?;
    let desk: Option<DeskId> = q
        .desk
        .parse()
        .ok()
        .filter(|d| all.iter().any(|x: &DeskRow| x.id == *d));
    let (p, rows) = serve::day_list(app, ctx, place, desk, day).await?;
    let lines = rows
        .into_iter()
        .map(|x| DayLine {
            id: x.row.id.to_string(),
            time: format!("{}-{}", hhmm(x.row.start), hhmm(x.row.end)),
            desk: x.row.desk_name.clone(),
            who: x.who,
            state: state_name(t, x.row.state),
            confirmed: x.row.state == BookingState::Confirmed,
        })
        .collect();
    let desks = all
        .iter()
        .map(|d| Opt {
            value: d.id.to_string(),
            label: d.name.clone(),
            selected: Some(d.id) == desk,
        })
        .collect();
    let notice = q.done.chars().take(80).collect();
    Ok(DayPage {
        l: Layout::new(app, ctx, t.bk_day_list(), Section::Console).await,
        nav: nav(app, ctx, HOME),
        serve: ctx.principal.may(P::ServeBookings, &scope(&p)?),
        place: p,
        day: day.to_string(),
        desks,
        desk: desk.map(|d| d.to_string()).unwrap_or_default(),
        lines,
        notice,
        errors,
        code,
    })
}

/// `GET /console/bookings/places/{id}?day=&desk=`: the day's list and check-in.
pub async fn day(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<PlaceId>,
    Query(q): Query<DayQuery>,
) -> Result<Response, Error> {
    html(&day_page(&app, &ctx, id, &q, String::new(), FormErrors::default()).await?)
}

/// The check-in form.
#[derive(Debug, Default, Deserialize)]
pub struct CheckInForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    place: String,
    #[serde(default)]
    desk: String,
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// `POST /console/bookings/check-in`: checks in by the scanned or typed code, then back to
/// the day's list with the outcome (a wrong code shows the list with the error).
pub async fn check_in(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(f): Form<CheckInForm>,
) -> Result<Response, Error> {
    let t = ctx.t();
    let place: PlaceId = f.place.parse().map_err(|_| Error::not_found())?;
    match serve::check_in(&app, &ctx, &f.code).await {
        Ok(done) => {
            let what = format!(
                "{}{} {} {}",
                if done.again {
                    t.bk_checked_in_again()
                } else {
                    t.bk_checked_in()
                },
                done.row.desk_name,
                hhmm(done.row.start),
                serve::mask_name(
                    &match done.row.for_other {
                        true => app.store.booking_person(done.row.id).await?.map(|p| p.name),
                        false => app.store.profile(done.row.account_id).await?.real_name,
                    }
                    .unwrap_or_default()
                )
            );
            Ok(see_other(&format!(
                "/console/bookings/places/{}?day={}&desk={}&done={}",
                done.row.place_id,
                done.row.day,
                urlencode(&f.desk),
                urlencode(&what)
            )))
        }
        // Not a check-in of this clerk's: the error page. Anything else (a wrong code, not
        // today, already a no-show): the list again with the reason, the field ready for
        // the next scan.
        Err(Error::Domain(e)) if !matches!(e.code, ErrorCode::Forbidden | ErrorCode::NotFound) => {
            let errors = FormErrors::from_error(&e, t);
            let q = DayQuery {
                desk: f.desk.clone(),
                ..DayQuery::default()
            };
            html_invalid(
                &day_page(
                    &app,
                    &ctx,
                    place,
                    &q,
                    f.code.chars().take(40).collect(),
                    errors,
                )
                .await?,
            )
        }
        Err(e) => Err(e),
    }
}

/// `POST /console/bookings/{id}/no-show`.
pub async fn no_show(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<BookingId>,
) -> Result<Response, Error> {
    let row = serve::no_show(&app, &ctx, id).await?;
    Ok(see_other(&format!(
        "/console/bookings/places/{}?day={}",
        row.place_id, row.day
    )))
}

#[derive(Template)]
#[template(path = "console/bookings/utilisation.html")]
struct UtilisationPage {
    l: Layout,
    nav: Vec<NavLink>,
    place: PlaceRow,
    from: String,
    to: String,
    lines: Vec<Utilisation>,
    totals: (i64, i64, i64, i64),
}

/// The days of the utilisation page.
#[derive(Debug, Default, Deserialize)]
pub struct RangeQuery {
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
}

/// `GET /console/bookings/places/{id}/utilisation?from=&to=`: places, booked, checked in
/// and no-shows per day and desk (default: the last seven days and the next seven).
pub async fn utilisation(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<PlaceId>,
    Query(q): Query<RangeQuery>,
) -> Result<Response, Error> {
    let t = ctx.t();
    let today = yiwang_domain::Timestamp::now().beijing_date();
    let from: Date = parse_date(q.from.trim()).unwrap_or(today - Duration::days(7));
    let to: Date = parse_date(q.to.trim())
        .unwrap_or(today + Duration::days(7))
        .min(from + Duration::days(366));
    let (place, lines) = serve::utilisation(&app, &ctx, id, from, to).await?;
    let totals = lines.iter().fold((0, 0, 0, 0), |a, u| {
        (
            a.0 + u.places,
            a.1 + u.taken,
            a.2 + u.checked_in,
            a.3 + u.no_shows,
        )
    });
    html(&UtilisationPage {
        l: Layout::new(&app, &ctx, t.bk_utilisation(), Section::Console).await,
        nav: nav(&app, &ctx, HOME),
        place,
        from: from.to_string(),
        to: to.to_string(),
        lines,
        totals,
    })
}

#[derive(Template)]
#[template(path = "console/bookings/capacity.html")]
struct CapacityPage {
    l: Layout,
    nav: Vec<NavLink>,
    place: PlaceRow,
    desks: Vec<DeskRow>,
    errors: FormErrors,
    f: DeskForm,
    closure: ClosureForm,
    saved: bool,
}

/// A new desk, or a template.
#[derive(Debug, Default, Deserialize)]
pub struct DeskForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    items: String,
    #[serde(default)]
    template: String,
}

/// A closure.
#[derive(Debug, Default, Deserialize)]
pub struct ClosureForm {
    #[serde(default)]
    desk: String,
    #[serde(default)]
    day: String,
    #[serde(default)]
    reason: String,
}

/// Whether the page follows a save.
#[derive(Debug, Default, Deserialize)]
pub struct SavedQuery {
    #[serde(default)]
    saved: String,
}

async fn capacity_page(
    app: &AppState,
    ctx: &Ctx,
    id: PlaceId,
    f: DeskForm,
    closure: ClosureForm,
    errors: FormErrors,
    saved: bool,
) -> Result<CapacityPage, Error> {
    let t = ctx.t();
    let place = app.store.booking_place(id).await?;
    ctx.principal.require(P::ManageBookings, &scope(&place)?)?;
    Ok(CapacityPage {
        l: Layout::new(app, ctx, t.bk_capacity(), Section::Console).await,
        nav: nav(app, ctx, HOME),
        desks: app.store.booking_desks(id).await?,
        place,
        errors,
        f,
        closure,
        saved,
    })
}

/// `GET /console/bookings/places/{id}/capacity`.
pub async fn capacity(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<PlaceId>,
    Query(q): Query<SavedQuery>,
) -> Result<Response, Error> {
    html(
        &capacity_page(
            &app,
            &ctx,
            id,
            DeskForm::default(),
            ClosureForm::default(),
            FormErrors::default(),
            q.saved == "1",
        )
        .await?,
    )
}

fn saved(id: PlaceId) -> Response {
    see_other(&format!("/console/bookings/places/{id}/capacity?saved=1"))
}

/// `POST /console/bookings/places/{id}/desks`.
pub async fn add_desk(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<PlaceId>,
    Form(f): Form<DeskForm>,
) -> Result<Response, Error> {
    let input = DeskInput {
        kind: f.kind.clone(),
        name: f.name.clone(),
        unit: f.unit.clone(),
        items: f.items.clone(),
        template: f.template.clone(),
        sort: app.store.booking_desks(id).await?.len() as i64 + 1,
    };
    match capacity::add_desk(&app, &ctx, id, &input).await {
        Ok(_) => Ok(saved(id)),
        Err(Error::Domain(e)) if e.code == ErrorCode::ValidationFailed => {
            let errors = FormErrors::from_error(&e, ctx.t());
            html_invalid(
                &capacity_page(&app, &ctx, id, f, ClosureForm::default(), errors, false).await?,
            )
        }
        Err(e) => Err(e),
    }
}

/// `POST /console/bookings/places/{id}/closures`.
pub async fn close_day(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<PlaceId>,
    Form(c): Form<ClosureForm>,
) -> Result<Response, Error> {
    let desk = match c.desk.trim() {
        "" => None,
        d => Some(
            d.parse::<DeskId>()
                .map_err(|_| Error::field("desk", yiwang_domain::FieldCode::InvalidChoice))?,
        ),
    };
    match capacity::close_day(&app, &ctx, id, desk, &c.day, &c.reason).await {
        Ok(()) => Ok(saved(id)),
        Err(Error::Domain(e)) if e.code == ErrorCode::ValidationFailed => {
            let errors = FormErrors::from_error(&e, ctx.t());
            html_invalid(
                &capacity_page(&app, &ctx, id, DeskForm::default(), c, errors, false).await?,
            )
        }
        Err(e) => Err(e),
    }
}

/// `POST /console/bookings/desks/{id}/template`.
pub async fn set_template(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<DeskId>,
    Form(f): Form<DeskForm>,
) -> Result<Response, Error> {
    let desk = app.store.booking_desk(id).await?;
    match capacity::set_template(&app, &ctx, id, &f.template).await {
        Ok(()) => Ok(saved(desk.place_id)),
        Err(Error::Domain(e)) if e.code == ErrorCode::ValidationFailed => {
            let errors = FormErrors::from_error(&e, ctx.t());
            html_invalid(
                &capacity_page(
                    &app,
                    &ctx,
                    desk.place_id,
                    DeskForm::default(),
                    ClosureForm::default(),
                    errors,
                    false,
                )
                .await?,
            )
        }
        Err(e) => Err(e),
    }
}

/// The booking rules as typed (numbers as text, so a wrong one is shown back as typed).
#[derive(Debug, Default, Deserialize)]
pub struct RulesForm {
    #[serde(default)]
    days_ahead: String,
    #[serde(default)]
    max_open: String,
    #[serde(default)]
    cancel_cutoff_minutes: String,
    #[serde(default)]
    no_show_limit: String,
    #[serde(default)]
    no_show_window_days: String,
    #[serde(default)]
    block_days: String,
}

impl RulesForm {
    fn of(r: &BookingRules) -> RulesForm {
        RulesForm {
            days_ahead: r.days_ahead.to_string(),
            max_open: r.max_open.to_string(),
            cancel_cutoff_minutes: r.cancel_cutoff_minutes.to_string(),
            no_show_limit: r.no_show_limit.to_string(),
            no_show_window_days: r.no_show_window_days.to_string(),
            block_days: r.block_days.to_string(),
        }
    }

    /// The rules, or every field that is not a whole number.
    fn read(&self) -> Result<BookingRules, yiwang_domain::Error> {
        let mut e = yiwang_domain::FieldErrors::new();
        let mut n = |field: &'static str, v: &str| {
            v.trim().parse::<u32>().unwrap_or_else(|_| {
                e.add(field, yiwang_domain::FieldCode::InvalidNumber);
                0
            })
        };
        let rules = BookingRules {
            days_ahead: n("days_ahead", &self.days_ahead),
            max_open: n("max_open", &self.max_open),
            cancel_cutoff_minutes: n("cancel_cutoff_minutes", &self.cancel_cutoff_minutes),
            no_show_limit: n("no_show_limit", &self.no_show_limit),
            no_show_window_days: n("no_show_window_days", &self.no_show_window_days),
            block_days: n("block_days", &self.block_days),
        };
        if e.is_empty() {
            Ok(rules)
        } else {
            Err(yiwang_domain::Error::invalid(e))
        }
    }
}

#[derive(Template)]
#[template(path = "console/bookings/rules.html")]
struct RulesPage {
    l: Layout,
    nav: Vec<NavLink>,
    f: RulesForm,
    errors: FormErrors,
    saved: bool,
}

async fn rules_page(
    app: &AppState,
    ctx: &Ctx,
    f: RulesForm,
    errors: FormErrors,
    saved: bool,
) -> Result<RulesPage, Error> {
    Ok(RulesPage {
        nav: nav(app, ctx, HOME),
        l: Layout::new(app, ctx, ctx.t().bk_rules(), Section::Console).await,
        f,
        errors,
        saved,
    })
}

/// `GET /console/bookings/rules`: the platform's booking rules (platform administrators).
pub async fn rules(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<SavedQuery>,
) -> Result<Response, Error> {
    capacity::may_set_rules(&app, &ctx)?;
    let current = crate::services::rules(&app).await?;
    html(
        &rules_page(
            &app,
            &ctx,
            RulesForm::of(&current),
            FormErrors::default(),
            !q.saved.is_empty(),
        )
        .await?,
    )
}

/// `POST /console/bookings/rules`: saves them; a value out of its range, or not a whole
/// number, is shown next to its field and nothing changes.
pub async fn save_rules(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(f): Form<RulesForm>,
) -> Result<Response, Error> {
    let saved = match f.read() {
        Ok(rules) => capacity::set_rules(&app, &ctx, &rules).await,
        Err(e) => Err(e.into()),
    };
    match saved {
        Ok(()) => Ok(see_other("/console/bookings/rules?saved=1")),
        Err(Error::Domain(e)) if !e.fields.is_empty() => {
            let errors = FormErrors::from_error(&e, ctx.t());
            html_invalid(&rules_page(&app, &ctx, f, errors, false).await?)
        }
        Err(e) => Err(e),
    }
}
