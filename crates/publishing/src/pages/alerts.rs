//! Emergency alerts' pages (PUB-7): the banner on every page, the public alert pages, and
//! the duty officer's console — write, confirm, issue; a second officer approves a red one;
//! lift.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use yiwang_domain::ErrorCode;
use yiwang_domain::Timestamp;
use yiwang_domain::alert::{AlertInput, AlertKind, AlertState, Severity, is_shown};
use yiwang_domain::ids::AlertId;
use yiwang_domain::region::RegionCode;
use yiwang_store::alerts::AlertRow;

use super::{Opt, zh};
use crate::services::alerts::{self, may_issue};
use crate::services::docs::parse_beijing;
use crate::texts::*;
use yiwang_kit::console::{NavLink, nav};
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Form, Path};
use yiwang_kit::i18n::Tr;
use yiwang_kit::respond::see_other;
use yiwang_kit::state::AppState;
use yiwang_kit::table::{Banner, BannerFuture};
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{FormErrors, Layout, html, html_invalid};

/// An alert as pages show it.
pub struct AlertView {
    id: String,
    level: &'static str,
    heading: String,
    text: String,
    instructions: String,
    region: String,
    until: String,
    issued: String,
    state: &'static str,
    shown: bool,
    awaiting: bool,
    revision: i64,
    /// The alert this one updates or ends: its id and heading.
    follows: Option<(String, String)>,
    /// The updates and all-clear that followed this one.
    follow_ups: Vec<(String, String)>,
}

fn heading(t: Tr, r: &AlertRow) -> String {
    let kind = match r.alert.kind {
        AlertKind::Alert => "",
        AlertKind::Update => t.alert_kind_update(),
        AlertKind::AllClear => t.alert_kind_all_clear(),
    };
    format!(
        "【{}】{}{}",
        severity_name(t, r.alert.severity),
        kind,
        zh(&r.alert.title, t)
    )
}

async fn view(app: &AppState, t: Tr, r: &AlertRow) -> AlertView {
    let region = match RegionCode::parse(&r.alert.region) {
        Ok(code) => app
            .store
            .region(&code)
            .await
            .ok()
            .map(|x| zh(&x.name, t))
            .unwrap_or_else(|| r.alert.region.clone()),
        Err(_) => r.alert.region.clone(),
    };
    AlertView {
        id: r.id.to_string(),
        level: r.alert.severity.as_str(),
        heading: heading(t, r),
        text: zh(&r.alert.text, t),
        instructions: zh(&r.alert.instructions, t),
        region,
        until: r.alert.until.display_minutes(),
        issued: r.issued_at.display_minutes(),
        state: alert_state_name(
            t,
            r.state,
            is_shown(r.state, r.alert.until, Timestamp::now()),
        ),
        shown: is_shown(r.state, r.alert.until, Timestamp::now()),
        awaiting: r.state == AlertState::AwaitingApproval,
        revision: r.revision,
        follows: match r.alert.follows.as_deref().map(str::parse::<AlertId>) {
            Some(Ok(o)) => app
                .store
                .alert(o)
                .await
                .ok()
                .flatten()
                .map(|x| (x.id.to_string(), heading(t, &x))),
            _ => None,
        },
        follow_ups: app
            .store
            .alert_follow_ups(r.id)
            .await
            .unwrap_or_default()
            .iter()
            .filter(|x| x.state != AlertState::AwaitingApproval)
            .map(|x| (x.id.to_string(), heading(t, x)))
            .collect(),
    }
}

/// The banners for a request (a [`yiwang_kit::table::BannerSource`]).
pub fn banners<'a>(app: &'a AppState, ctx: &'a Ctx) -> BannerFuture<'a> {
    Box::pin(async move {
        let rows = alerts::shown(app).await;
        if rows.is_empty() {
            return Vec::new();
        }
        let t = ctx.t();
        let root = &app.config.root_region;
        let page_region = ctx
            .path
            .strip_prefix("/regions/")
            .and_then(|rest| rest.split(['/', '?']).next())
            .and_then(|c| RegionCode::parse(c).ok());
        let grants: Vec<RegionCode> = ctx
            .principal
            .staff()
            .map(|(_, g)| g.iter().map(|g| g.region.clone()).collect())
            .unwrap_or_default();
        let regions: Vec<Option<RegionCode>> = rows
            .iter()
            .map(|r| RegionCode::parse(&r.alert.region).ok())
            .collect();
        // Where the person lives is looked up only when an alert is for part of the area.
        let home = if regions.iter().flatten().all(|r| r.contains(root)) {
            None
        } else {
            match ctx.principal.account() {
                Some(a) if ctx.principal.staff().is_none() => app
                    .store
                    .home_region(a)
                    .await
                    .ok()
                    .flatten()
                    .and_then(|h| RegionCode::parse(&h).ok()),
                _ => None,
            }
        };
        rows.iter()
            .zip(regions)
            // The alert's own page tells it in full: no banner repeating it there.
            .filter(|(r, _)| ctx.path != format!("/alerts/{}", r.id))
            .filter(|(_, region)| {
                region.as_ref().is_some_and(|r| {
                    alerts::concerns(r, root, page_region.as_ref(), home.as_ref(), &grants)
                })
            })
            .map(|(r, _)| Banner {
                level: r.alert.severity.as_str(),
                title: heading(t, r),
                text: format!(
                    "{}{}",
                    zh(&r.alert.text, t),
                    if r.alert.instructions.is_empty() {
                        String::new()
                    } else {
                        format!(" {}{}", t.alert_todo(), zh(&r.alert.instructions, t))
                    }
                ),
                href: format!("/alerts/{}", r.id),
            })
            .collect()
    })
}

#[derive(Template)]
#[template(path = "alerts/list.html")]
struct PublicList {
    l: Layout,
    alerts: Vec<AlertView>,
}

/// `GET /alerts`: the alerts in force.
pub async fn list(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    let t = ctx.t();
    let rows = alerts::shown(&app).await;
    let mut views = Vec::new();
    for r in rows.iter() {
        views.push(view(&app, t, r).await);
    }
    let l = Layout::new(&app, &ctx, t.alert_title(), Section::News).await;
    html(&PublicList { l, alerts: views })
}

#[derive(Template)]
#[template(path = "alerts/show.html")]
struct PublicShow {
    l: Layout,
    a: AlertView,
}

/// `GET /alerts/{id}`: one alert, also after it ended (it says so). One still waiting for
/// approval is not public.
pub async fn show(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<AlertId>,
) -> Result<Response, Error> {
    let t = ctx.t();
    let row = app
        .store
        .alert(id)
        .await?
        .filter(|r| r.state != AlertState::AwaitingApproval)
        .ok_or_else(Error::not_found)?;
    let a = view(&app, t, &row).await;
    let l = Layout::new(&app, &ctx, a.heading.clone(), Section::News).await;
    html(&PublicShow { l, a })
}

#[derive(Template)]
#[template(path = "alerts/console.html")]
struct ConsoleList {
    l: Layout,
    nav: Vec<NavLink>,
    alerts: Vec<AlertView>,
}

const HOME: &str = "/console/alerts";

/// `GET /console/alerts`: the latest alerts of the officer's regions.
pub async fn console(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    let t = ctx.t();
    let mut views = Vec::new();
    for r in app.store.recent_alerts(50).await?.iter() {
        if may_issue(&ctx, &r.alert.region) {
            views.push(view(&app, t, r).await);
        }
    }
    let l = Layout::new(&app, &ctx, t.alert_console_title(), Section::Console).await;
    html(&ConsoleList {
        nav: nav(&app, &ctx, HOME),
        l,
        alerts: views,
    })
}

/// The officer's form, as typed.
#[derive(Debug, Default, Deserialize)]
pub struct AlertForm {
    #[serde(default)]
    region: String,
    #[serde(default)]
    severity: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    instructions: String,
    #[serde(default)]
    until: String,
    /// The alert an update or all-clear follows.
    #[serde(default)]
    follows: String,
    /// `1` once the officer confirmed on the confirmation page.
    #[serde(default)]
    confirmed: String,
}

impl AlertForm {
    fn input(&self) -> AlertInput {
        AlertInput {
            region: self.region.clone(),
            severity: self.severity.clone(),
            kind: self.kind.clone(),
            title: self.title.clone(),
            text: self.text.clone(),
            instructions: self.instructions.clone(),
            until: parse_beijing(&self.until),
            follows: self.follows.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "alerts/new.html")]
struct NewPage {
    l: Layout,
    nav: Vec<NavLink>,
    f: AlertForm,
    regions: Vec<Opt>,
    severities: Vec<Opt>,
    kinds: Vec<Opt>,
    /// The alerts up now that an update or all-clear may follow.
    follows: Vec<Opt>,
    errors: FormErrors,
    /// The confirmation step: the alert as it will read, and the button that issues it.
    confirm: Option<AlertView>,
}

async fn regions(app: &AppState, ctx: &Ctx, chosen: &str) -> Result<Vec<Opt>, Error> {
    let root = app.config.root_region.clone();
    let mut out = Vec::new();
    if let Ok(r) = app.store.region(&root).await {
        out.push((root.as_str().to_owned(), zh(&r.name, ctx.t())));
    }
    for r in app.store.region_children(&root).await? {
        out.push((
            r.code.as_str().to_owned(),
            format!("— {}", zh(&r.name, ctx.t())),
        ));
    }
    Ok(out
        .into_iter()
        .filter(|(code, _)| may_issue(ctx, code))
        .map(|(value, label)| Opt {
            selected: value == chosen,
            value,
            label,
        })
        .collect())
}

async fn new_page(
    app: &AppState,
    ctx: &Ctx,
    f: AlertForm,
    errors: FormErrors,
    confirm: Option<AlertView>,
) -> Result<NewPage, Error> {
    let t = ctx.t();
    let severities = Severity::ALL
        .iter()
        .map(|s| Opt {
            value: s.as_str().to_owned(),
            label: severity_name(t, *s).to_owned(),
            selected: f.severity == s.as_str(),
        })
        .collect();
    let kinds = AlertKind::ALL
        .iter()
        .map(|k| Opt {
            value: k.as_str().to_owned(),
            label: alert_kind_name(t, *k).to_owned(),
            selected: f.kind == k.as_str() || (f.kind.is_empty() && *k == AlertKind::Alert),
        })
        .collect();
    let mut follows = Vec::new();
    for r in app.store.recent_alerts(50).await? {
        if r.state != AlertState::Lifted && may_issue(ctx, &r.alert.region) {
            follows.push(Opt {
                selected: f.follows == r.id.to_string(),
                value: r.id.to_string(),
                label: format!("{} · {}", heading(t, &r), r.issued_at.display_minutes()),
            });
        }
    }
    let l = Layout::new(app, ctx, t.alert_new_title(), Section::Console).await;
    Ok(NewPage {
        follows,
        nav: nav(app, ctx, HOME),
        l,
        regions: regions(app, ctx, &f.region).await?,
        severities,
        kinds,
        f,
        errors,
        confirm,
    })
}

fn field_label(t: Tr, field: &str) -> Option<String> {
    Some(
        match field {
            "region" => t.alert_f_region(),
            "severity" => t.alert_f_severity(),
            "kind" => t.alert_f_kind(),
            "title" => t.alert_f_title(),
            "text" => t.alert_f_text(),
            "instructions" => t.alert_f_instructions(),
            "until" => t.alert_f_until(),
            "follows" => t.alert_f_follows(),
            _ => return None,
        }
        .to_owned(),
    )
}

/// What an officer's page links with: an update or all-clear of one alert.
#[derive(Deserialize, Default)]
pub struct NewQuery {
    #[serde(default)]
    follows: String,
    #[serde(default)]
    kind: String,
}

/// `GET /console/alerts/new` (`?follows={id}&kind=update|all_clear` starts from that alert's
/// region, severity and title).
pub async fn new_form(
    State(app): State<AppState>,
    ctx: Ctx,
    yiwang_kit::extract::Query(q): yiwang_kit::extract::Query<NewQuery>,
) -> Result<Response, Error> {
    let mut f = AlertForm::default();
    if let Ok(id) = q.follows.parse::<AlertId>()
        && let Some(r) = app.store.alert(id).await?
        && may_issue(&ctx, &r.alert.region)
    {
        f.follows = q.follows.clone();
        f.kind = AlertKind::parse(&q.kind)
            .filter(|k| *k != AlertKind::Alert)
            .unwrap_or(AlertKind::Update)
            .as_str()
            .to_owned();
        f.region = r.alert.region.clone();
        f.severity = r.alert.severity.as_str().to_owned();
        f.title = r.alert.title.clone();
    }
    html(&new_page(&app, &ctx, f, FormErrors::default(), None).await?)
}

/// `POST /console/alerts`: without `confirmed`, checks the alert and shows it as it will read
/// with the button that issues it; with it, issues it.
pub async fn issue(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(f): Form<AlertForm>,
) -> Result<Response, Error> {
    let t = ctx.t();
    let input = f.input();
    if f.confirmed != "1" {
        return match input.check(Timestamp::now()) {
            Ok(a) => {
                let preview = AlertRow {
                    id: AlertId::generate(),
                    alert: a,
                    state: AlertState::Active,
                    issued_by: ctx.principal.account().ok_or_else(Error::forbidden)?,
                    approved_by: None,
                    issued_at: Timestamp::now(),
                    active_at: None,
                    lifted_at: None,
                    revision: 0,
                };
                let mut v = view(&app, t, &preview).await;
                // Nothing is issued yet.
                v.state = t.alert_pending();
                v.issued = String::new();
                html(&new_page(&app, &ctx, f, FormErrors::default(), Some(v)).await?)
            }
            Err(e) => {
                let errors = FormErrors::from_fields_named(&e, t, |x| field_label(t, x));
                html_invalid(&new_page(&app, &ctx, f, errors, None).await?)
            }
        };
    }
    match alerts::issue(&app, &ctx, &input).await {
        Ok(id) => Ok(see_other(&format!("{HOME}/{id}?done=1"))),
        Err(Error::Domain(e)) if e.code == ErrorCode::ValidationFailed => {
            let errors = FormErrors::from_error_named(&e, t, |x| field_label(t, x));
            html_invalid(&new_page(&app, &ctx, f, errors, None).await?)
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "alerts/officer.html")]
struct OfficerPage {
    l: Layout,
    nav: Vec<NavLink>,
    a: AlertView,
    delivered: i64,
    errors: FormErrors,
    done: bool,
}

#[derive(Deserialize, Default)]
/// The query of the officer's page.
pub struct DoneQuery {
    #[serde(default)]
    done: Option<String>,
}

async fn officer_page(
    app: &AppState,
    ctx: &Ctx,
    id: AlertId,
    errors: FormErrors,
    done: bool,
) -> Result<OfficerPage, Error> {
    let row = alerts::for_officer(app, ctx, id).await?;
    let a = view(app, ctx.t(), &row).await;
    let l = Layout::new(app, ctx, a.heading.clone(), Section::Console).await;
    Ok(OfficerPage {
        nav: nav(app, ctx, HOME),
        l,
        a,
        delivered: app.store.alert_delivered_count(id).await?,
        errors,
        done,
    })
}

/// `GET /console/alerts/{id}`.
pub async fn officer(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<AlertId>,
    yiwang_kit::extract::Query(q): yiwang_kit::extract::Query<DoneQuery>,
) -> Result<Response, Error> {
    html(&officer_page(&app, &ctx, id, FormErrors::default(), q.done.is_some()).await?)
}

/// The revision an officer acted on.
#[derive(Deserialize)]
pub struct RevisionForm {
    #[serde(default)]
    revision: i64,
}

async fn after(
    app: &AppState,
    ctx: &Ctx,
    id: AlertId,
    r: Result<(), Error>,
) -> Result<Response, Error> {
    match r {
        Ok(()) => Ok(see_other(&format!("{HOME}/{id}?done=1"))),
        Err(Error::Domain(e))
            if matches!(e.code, ErrorCode::ValidationFailed | ErrorCode::Conflict) =>
        {
            let t = ctx.t();
            let mut errors = FormErrors::from_error(&e, t);
            if e.fields.get("approve").is_some() {
                errors.items = vec![("approve".into(), t.alert_same_officer().into())];
            }
            html_invalid(&officer_page(app, ctx, id, errors, false).await?)
        }
        Err(e) => Err(e),
    }
}

/// `POST /console/alerts/{id}/approve`: a second officer sends a red alert out.
pub async fn approve(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<AlertId>,
    Form(f): Form<RevisionForm>,
) -> Result<Response, Error> {
    let r = alerts::approve_red(&app, &ctx, id, f.revision).await;
    after(&app, &ctx, id, r).await
}

/// `POST /console/alerts/{id}/lift`: takes an alert down.
pub async fn lift(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<AlertId>,
    Form(f): Form<RevisionForm>,
) -> Result<Response, Error> {
    let r = alerts::lift(&app, &ctx, id, f.revision).await;
    after(&app, &ctx, id, r).await
}
