//! The platform admin's inquiry settings in the console: limits, routing rules with a dry
//! run, categories, answer review per department, and Open311 clients.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use yiwang_domain::ErrorCode;
use yiwang_domain::forms::Label;
use yiwang_domain::ids::{DepartmentId, RouteId};
use yiwang_domain::inquiry::{Category, Kind, KindLimits, Settings, Span, Unit};
use yiwang_domain::region::RegionLevel;
use yiwang_store::inquiries::config::RouteRow;
use yiwang_store::inquiries::open311::Open311Client;

use super::{Opt, label};
use crate::services::admin;
use crate::texts::*;
use yiwang_kit::console::{NavLink, nav};
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Form, Path, Query};
use yiwang_kit::respond::see_other;
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{FormErrors, Layout, html, html_invalid};

/// One kind's limits as the form shows them.
pub struct LimitRow {
    kind: &'static str,
    name: &'static str,
    acknowledge: u32,
    reply: u32,
    reply_calendar: bool,
    petition: bool,
    accept: u32,
    extension: u32,
    review: u32,
}

/// A department with its review switch.
pub struct ReviewRow {
    id: String,
    name: String,
    on: bool,
}

#[derive(Template)]
#[template(path = "console/inquiries/settings.html")]
struct SettingsPage {
    l: Layout,
    nav: Vec<NavLink>,
    limits: Vec<LimitRow>,
    max_transfers: u32,
    rating_days: u32,
    routes: Vec<RouteRow>,
    categories: Vec<Category>,
    category_opts: Vec<Opt>,
    region_opts: Vec<Opt>,
    department_opts: Vec<Opt>,
    reviews: Vec<ReviewRow>,
    clients: Vec<Open311Client>,
    errors: FormErrors,
    notice: String,
    dry_run: Option<String>,
    new_key: Option<String>,
}

/// What a result of a dry run or a change says at the top.
#[derive(Debug, Default, Deserialize)]
pub struct SettingsQuery {
    #[serde(default)]
    saved: Option<String>,
    #[serde(default)]
    try_category: String,
    #[serde(default)]
    try_region: String,
}

async fn settings_page(
    app: &AppState,
    ctx: &Ctx,
    errors: FormErrors,
    notice: String,
    dry_run: Option<String>,
    new_key: Option<String>,
) -> Result<SettingsPage, Error> {
    let t = ctx.t();
    let s = app.store.inquiry_settings().await?;
    let limits = Kind::ALL
        .iter()
        .map(|k| {
            let l = s.limits(*k);
            LimitRow {
                kind: k.as_str(),
                name: kind_name(t, *k),
                acknowledge: l.acknowledge.days,
                reply: l.reply.days,
                reply_calendar: l.reply.unit == Unit::Days,
                petition: *k == Kind::Petition,
                accept: l.accept.map_or(0, |s| s.days),
                extension: l.extension.map_or(0, |s| s.days),
                review: l.review.map_or(0, |s| s.days),
            }
        })
        .collect();
    let categories = app.store.inquiry_categories().await?;
    let category_opts = categories
        .iter()
        .map(|c| Opt {
            value: c.code.clone(),
            label: label(&c.name, t.lang()),
            selected: false,
        })
        .collect();
    let mut region_opts = vec![Opt {
        value: app.config.root_region.as_str().to_owned(),
        label: t.inq_whole_deployment().to_owned(),
        selected: false,
    }];
    region_opts.extend(
        app.store
            .regions_under(&app.config.root_region)
            .await?
            .into_iter()
            .filter(|r| matches!(r.level, RegionLevel::County | RegionLevel::Township))
            .map(|r| Opt {
                value: r.code.as_str().to_owned(),
                label: if r.level == RegionLevel::County {
                    r.name
                } else {
                    format!("　{}", r.name)
                },
                selected: false,
            }),
    );
    let departments = app.store.departments_under(&app.config.root_region).await?;
    let department_opts = departments
        .iter()
        .map(|d| Opt {
            value: d.id.to_string(),
            label: d.name.clone(),
            selected: false,
        })
        .collect();
    let reviewing = app.store.inquiry_reply_reviewers().await?;
    let reviews = departments
        .iter()
        .map(|d| ReviewRow {
            id: d.id.to_string(),
            name: d.name.clone(),
            on: reviewing.contains(&d.id),
        })
        .collect();
    let l = Layout::new(app, ctx, t.inq_settings(), Section::Console).await;
    Ok(SettingsPage {
        nav: nav(app, ctx, "/console/inquiries/settings"),
        l,
        limits,
        max_transfers: s.max_transfers,
        rating_days: s.rating_days,
        routes: app.store.inquiry_routes().await?,
        categories,
        category_opts,
        region_opts,
        department_opts,
        reviews,
        clients: app.store.open311_clients().await?,
        errors,
        notice,
        dry_run,
        new_key,
    })
}

/// `GET /console/inquiries/settings` (with `try_category` and `try_region`: the dry run).
pub async fn page(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<SettingsQuery>,
) -> Result<Response, Error> {
    let t = ctx.t();
    let notice = if q.saved.is_some() {
        t.inq_saved().to_owned()
    } else {
        String::new()
    };
    if q.try_region.is_empty() {
        return html(&settings_page(&app, &ctx, FormErrors::default(), notice, None, None).await?);
    }
    match admin::dry_run(&app, &ctx, &q.try_category, &q.try_region).await {
        Ok(to) => {
            let said = to.unwrap_or_else(|| t.inq_desk().to_owned());
            let said = format!("{}{said}", t.inq_dry_run_result());
            html(&settings_page(&app, &ctx, FormErrors::default(), notice, Some(said), None).await?)
        }
        Err(Error::Domain(e)) if e.code == ErrorCode::ValidationFailed => {
            let errors = FormErrors::from_error(&e, t);
            html_invalid(&settings_page(&app, &ctx, errors, notice, None, None).await?)
        }
        Err(e) => Err(e),
    }
}

async fn after(app: &AppState, ctx: &Ctx, r: Result<(), Error>) -> Result<Response, Error> {
    match r {
        Ok(()) => Ok(see_other("/console/inquiries/settings?saved=1")),
        Err(Error::Domain(e)) if e.code == ErrorCode::ValidationFailed => {
            let errors = FormErrors::from_error(&e, ctx.t());
            html_invalid(&settings_page(app, ctx, errors, String::new(), None, None).await?)
        }
        Err(e) => Err(e),
    }
}

fn days(f: &[(String, String)], name: &str, e: &mut yiwang_domain::FieldErrors) -> u32 {
    let v = f
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.trim())
        .unwrap_or("");
    match v.parse::<u32>() {
        Ok(n) => n,
        Err(_) => {
            e.add_path(name.to_owned(), yiwang_domain::FieldCode::InvalidNumber);
            0
        }
    }
}

/// `POST /console/inquiries/settings/limits`.
pub async fn save_limits(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(f): Form<Vec<(String, String)>>,
) -> Result<Response, Error> {
    let mut e = yiwang_domain::FieldErrors::new();
    let mut s = Settings::default();
    for k in Kind::ALL {
        let at = |part: &str| format!("limits.{}.{part}", k.as_str());
        let default = KindLimits::default_for(k);
        let reply_days = days(&f, &at("reply"), &mut e);
        let mut l = KindLimits {
            acknowledge: Span::working(days(&f, &at("acknowledge"), &mut e)),
            reply: Span {
                days: reply_days,
                unit: default.reply.unit,
            },
            ..default
        };
        if k == Kind::Petition {
            l.accept = Some(Span {
                days: days(&f, &at("accept"), &mut e),
                ..default.accept.unwrap_or(Span::days(15))
            });
            l.extension = Some(Span {
                days: days(&f, &at("extension"), &mut e),
                ..default.extension.unwrap_or(Span::days(30))
            });
            l.review = Some(Span {
                days: days(&f, &at("review"), &mut e),
                ..default.review.unwrap_or(Span::days(30))
            });
        }
        s.limits.insert(k, l);
    }
    s.max_transfers = days(&f, "max_transfers", &mut e);
    s.rating_days = days(&f, "rating_days", &mut e);
    let r = if e.is_empty() {
        admin::save_settings(&app, &ctx, &s).await
    } else {
        Err(yiwang_domain::Error::invalid(e).into())
    };
    after(&app, &ctx, r).await
}

/// A routing rule's form.
#[derive(Debug, Default, Deserialize)]
pub struct RouteForm {
    #[serde(default)]
    category: String,
    #[serde(default)]
    region: String,
    #[serde(default)]
    department: String,
}

/// `POST /console/inquiries/settings/routes`.
pub async fn add_route(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(f): Form<RouteForm>,
) -> Result<Response, Error> {
    let r = admin::set_route(&app, &ctx, &f.category, &f.region, &f.department).await;
    after(&app, &ctx, r).await
}

/// `POST /console/inquiries/settings/routes/{id}/delete`.
pub async fn delete_route(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<RouteId>,
) -> Result<Response, Error> {
    let r = admin::delete_route(&app, &ctx, id).await;
    after(&app, &ctx, r).await
}

/// A category's form.
#[derive(Debug, Default, Deserialize)]
pub struct CategoryForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    group: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    active: Option<String>,
    #[serde(default)]
    allow_anonymous: Option<String>,
    #[serde(default)]
    allow_public: Option<String>,
    #[serde(default)]
    reply_days: String,
}

fn zh(s: &str) -> Label {
    Label {
        zh: s.trim().to_owned(),
        en: None,
    }
}

/// `POST /console/inquiries/settings/categories`: adds one, or changes the one of its code
/// (keeping the English a seed gave it).
pub async fn save_category(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(f): Form<CategoryForm>,
) -> Result<Response, Error> {
    let code = f.code.trim().to_owned();
    let old = app.store.inquiry_category(&code).await?;
    let keep = |new: &str, old: Option<&Label>| match old {
        Some(l) if l.zh == new.trim() => l.clone(),
        _ => zh(new),
    };
    let reply_days = match f.reply_days.trim() {
        "" => Ok(None),
        d => d
            .parse::<u32>()
            .map(Some)
            .map_err(|_| Error::field("reply_days", yiwang_domain::FieldCode::InvalidNumber)),
    };
    let r = match reply_days {
        Ok(reply_days) => {
            let c = Category {
                name: keep(&f.name, old.as_ref().map(|o| &o.name)),
                group: keep(&f.group, old.as_ref().map(|o| &o.group)),
                description: keep(&f.description, old.as_ref().map(|o| &o.description)),
                code,
                allow_anonymous: f.allow_anonymous.is_some(),
                allow_public: f.allow_public.is_some(),
                reply_days,
                active: f.active.is_some(),
            };
            admin::save_category(&app, &ctx, &c).await
        }
        Err(e) => Err(e),
    };
    after(&app, &ctx, r).await
}

/// The review switch.
#[derive(Debug, Default, Deserialize)]
pub struct ReviewForm {
    #[serde(default)]
    on: Option<String>,
}

/// `POST /console/inquiries/settings/review/{id}`.
pub async fn set_review(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<DepartmentId>,
    Form(f): Form<ReviewForm>,
) -> Result<Response, Error> {
    let r = admin::set_reply_review(&app, &ctx, id, f.on.is_some()).await;
    after(&app, &ctx, r).await
}

/// A new client's name.
#[derive(Debug, Default, Deserialize)]
pub struct ClientForm {
    #[serde(default)]
    name: String,
}

/// `POST /console/inquiries/settings/open311`: registers a client and shows its key once.
pub async fn add_client(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(f): Form<ClientForm>,
) -> Result<Response, Error> {
    match admin::add_open311_client(&app, &ctx, &f.name).await {
        Ok(key) => {
            let notice = ctx.t().inq_key_once().to_owned();
            html(&settings_page(&app, &ctx, FormErrors::default(), notice, None, Some(key)).await?)
        }
        Err(e) => after(&app, &ctx, Err(e)).await,
    }
}

/// `POST /console/inquiries/settings/open311/{id}/revoke`.
pub async fn revoke_client(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    let r = admin::revoke_open311_client(&app, &ctx, &id).await;
    after(&app, &ctx, r).await
}
