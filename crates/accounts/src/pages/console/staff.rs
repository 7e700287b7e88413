//! Staff accounts in the console: created by admins with a first role, roles granted and
//! revoked within the admin's own scope, accounts disabled (ACC-2). Nobody changes their own
//! roles or status.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use yiwang_domain::account::{check_new_password, check_plain_text, check_username};
use yiwang_domain::audit::AuditAction;
use yiwang_domain::auth::{Grant, Role, may_grant, may_manage_staff};
use yiwang_domain::identity::Mobile;
use yiwang_domain::ids::{AccountId, DepartmentId, GrantId};
use yiwang_domain::notification::Notice;
use yiwang_domain::paging::Page;
use yiwang_domain::region::RegionCode;
use yiwang_domain::{Error as DomainError, ErrorCode, FieldCode, FieldErrors};
use yiwang_store::departments::Department;
use yiwang_store::notify::Recipient;
use yiwang_store::staff::{GrantRow, Holder, StaffSummary};

use crate::texts::*;
use yiwang_kit::audit::{self, Target};
use yiwang_kit::console::{NavLink, nav};
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Form, Path, Query};
use yiwang_kit::pipeline::Ctx;
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{FormErrors, Layout, Pager, html, html_invalid};

/// The query parameters this page accepts.
#[derive(Deserialize, Default)]
pub struct ListQuery {
    page: Option<i64>,
}

#[derive(Template)]
#[template(path = "console/staff.html")]
struct ListPage {
    l: Layout,
    nav: Vec<NavLink>,
    staff: Vec<StaffSummary>,
    pager: Pager,
}

/// `GET /console/staff`: platform admins see everyone, department admins their department.
pub async fn list(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ListQuery>,
) -> Result<Response, Error> {
    let (_, grants) = ctx.principal.staff().ok_or_else(Error::forbidden)?;
    let page = Page::new(q.page, None, 50)?;
    let department = if grants.iter().any(|g| g.role == Role::PlatformAdmin) {
        None
    } else {
        Some(
            grants
                .iter()
                .find(|g| g.role == Role::DeptAdmin)
                .and_then(|g| g.department)
                .ok_or_else(Error::forbidden)?,
        )
    };
    let (staff, total) = app.store.list_staff(department, page).await?;
    let l = Layout::new(&app, &ctx, ctx.t().console_staff(), Section::Console).await;
    html(&ListPage {
        nav: nav(&app, &ctx, "/console/staff"),
        l,
        staff,
        pager: Pager::new("/console/staff", page, total),
    })
}

/// Fields for a new staff member and their first role.
#[derive(Deserialize, Default)]
pub struct StaffForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    department: String,
    #[serde(default)]
    region: String,
}

/// Fields for a role grant.
#[derive(Deserialize, Default)]
pub struct GrantForm {
    #[serde(default)]
    role: String,
    #[serde(default)]
    department: String,
    #[serde(default)]
    region: String,
}

/// Parses a role grant from form fields, with field errors.
fn parse_grant(e: &mut FieldErrors, role: &str, department: &str, region: &str) -> Option<Grant> {
    let role = e.check(
        "role",
        Role::parse(role)
            .filter(|r| *r != Role::Observer)
            .ok_or(FieldCode::InvalidChoice),
    );
    let department = match department.trim() {
        "" => Some(None),
        d => e.check(
            "department",
            d.parse::<DepartmentId>()
                .map(Some)
                .map_err(|_| FieldCode::UnknownDepartment),
        ),
    };
    let region = e.check("region", RegionCode::parse(region));
    let (role, department, region) = (role?, department?, region?);
    if role.needs_department() && department.is_none() {
        e.add("department", FieldCode::Required);
        return None;
    }
    Some(Grant {
        role,
        department: if role.needs_department() {
            department
        } else {
            None
        },
        region,
    })
}

#[derive(Template)]
#[template(path = "console/staff_form.html")]
struct FormPage {
    l: Layout,
    nav: Vec<NavLink>,
    f: StaffForm,
    departments: Vec<Department>,
    roles: Vec<(&'static str, &'static str)>,
    errors: FormErrors,
}

async fn departments(app: &AppState) -> Result<Vec<Department>, Error> {
    Ok(app
        .store
        .list_departments(
            &app.config.root_region,
            "",
            Page::new(Some(1), Some(100), 100)?,
        )
        .await?
        .0)
}

fn roles(ctx: &Ctx) -> Vec<(&'static str, &'static str)> {
    let t = ctx.t();
    Role::ALL
        .into_iter()
        .filter(|r| *r != Role::Observer)
        .map(|r| (r.as_str(), t.role(r)))
        .collect()
}

async fn form_page(
    app: &AppState,
    ctx: &Ctx,
    f: StaffForm,
    errors: FormErrors,
) -> Result<FormPage, Error> {
    let l = Layout::new(app, ctx, ctx.t().new_staff(), Section::Console).await;
    Ok(FormPage {
        nav: nav(app, ctx, "/console/staff"),
        l,
        f,
        departments: departments(app).await?,
        roles: roles(ctx),
        errors,
    })
}

/// `GET /console/staff/new`.
pub async fn new_form(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    let f = StaffForm {
        region: app.config.root_region.to_string(),
        ..Default::default()
    };
    html(&form_page(&app, &ctx, f, FormErrors::default()).await?)
}

/// `POST /console/staff`: creates the account with its first role.
pub async fn create(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(f): Form<StaffForm>,
) -> Result<Response, Error> {
    let result = async {
        let mut e = FieldErrors::new();
        let username = e.check("username", check_username(&f.username));
        let display_name = e.check("display_name", check_plain_text(&f.display_name, 2, 40));
        let phone = match f.phone.trim() {
            "" => Some(None),
            p => e.check("phone", Mobile::parse(p).map(Some)),
        };
        check_new_password(
            &mut e,
            "password",
            "password",
            &f.password,
            &f.password,
            None,
        );
        let grant = parse_grant(&mut e, &f.role, &f.department, &f.region);
        let (Some(username), Some(display_name), Some(phone), Some(grant)) =
            (username, display_name, phone, grant)
        else {
            return Err(DomainError::invalid(e).into());
        };
        if !e.is_empty() {
            return Err(DomainError::invalid(e).into());
        }
        if !may_grant(ctx.principal.actor(), &grant) {
            return Err(Error::field("role", FieldCode::InvalidChoice));
        }
        let hash = crate::services::accounts::hash_password(&f.password).await?;
        let s = &app.store;
        let mut tx = s.begin().await?;
        let id = s
            .create_staff(&mut tx, &username, &display_name, &hash, phone.as_ref())
            .await?;
        s.add_grant(
            &mut tx,
            Holder::Account(id),
            &grant,
            ctx.principal.account(),
        )
        .await?;
        let target = |action_detail: serde_json::Value| Target {
            kind: Some("account"),
            id: Some(id.to_string()),
            region: Some(grant.region.clone()),
            department: grant.department,
            detail: Some(action_detail),
            ..Default::default()
        };
        audit::record(
            &app.store,
            &ctx,
            &mut tx,
            AuditAction::StaffCreated,
            target(serde_json::json!({ "username": username })),
        )
        .await?;
        audit::record(
            &app.store,
            &ctx,
            &mut tx,
            AuditAction::RoleGranted,
            target(serde_json::json!({ "role": grant.role.as_str() })),
        )
        .await?;
        s.notify(
            &mut tx,
            &Recipient::Account(id),
            &Notice::StaffAccountCreated { username },
        )
        .await?;
        yiwang_store::commit(tx).await?;
        Ok::<_, Error>(id)
    }
    .await;
    match result {
        Ok(id) => Ok(yiwang_kit::respond::see_other(&format!(
            "/console/staff/{id}"
        ))),
        Err(Error::Domain(e)) if e.code == ErrorCode::ValidationFailed => {
            html_invalid(&form_page(&app, &ctx, f, FormErrors::from_error(&e, ctx.t())).await?)
        }
        Err(e) => Err(e),
    }
}

/// Loads a staff member the caller may manage (never themselves).
async fn manageable(app: &AppState, ctx: &Ctx, id: &str) -> Result<(AccountId, Vec<Grant>), Error> {
    let id: AccountId = id.parse()?;
    let profile = app.store.profile(id).await?;
    if profile.kind != yiwang_domain::account::AccountKind::Staff {
        return Err(Error::not_found());
    }
    let grants = app.store.grants(Holder::Account(id)).await?;
    if !may_manage_staff(ctx.principal.actor(), &grants, &app.config.root_region) {
        return Err(Error::forbidden());
    }
    Ok((id, grants))
}

/// The audit target of a role granted to or taken from a staff member.
fn grant_target(id: AccountId, grant: &Grant, gid: GrantId) -> Target {
    Target {
        kind: Some("account"),
        id: Some(id.to_string()),
        region: Some(grant.region.clone()),
        department: grant.department,
        detail: Some(serde_json::json!({ "role": grant.role.as_str(), "grant": gid.to_string() })),
        ..Default::default()
    }
}

fn not_self(ctx: &Ctx, id: AccountId) -> Result<(), Error> {
    if ctx.principal.account() == Some(id) {
        Err(Error::forbidden())
    } else {
        Ok(())
    }
}

#[derive(Template)]
#[template(path = "console/staff_show.html")]
struct ShowPage {
    l: Layout,
    nav: Vec<NavLink>,
    id: AccountId,
    username: String,
    display_name: String,
    active: bool,
    is_self: bool,
    grants: Vec<GrantRow>,
    departments: Vec<Department>,
    roles: Vec<(&'static str, &'static str)>,
    f: GrantForm,
    errors: FormErrors,
}

async fn show_page(
    app: &AppState,
    ctx: &Ctx,
    id: AccountId,
    f: GrantForm,
    errors: FormErrors,
) -> Result<ShowPage, Error> {
    let p = app.store.profile(id).await?;
    let l = Layout::new(
        app,
        ctx,
        p.display_name.clone().unwrap_or_default(),
        Section::Console,
    )
    .await;
    Ok(ShowPage {
        nav: nav(app, ctx, "/console/staff"),
        l,
        id,
        username: p.username.unwrap_or_default(),
        display_name: p.display_name.unwrap_or_default(),
        active: p.active,
        is_self: ctx.principal.account() == Some(id),
        grants: app.store.grant_rows(Holder::Account(id)).await?,
        departments: departments(app).await?,
        roles: roles(ctx),
        f,
        errors,
    })
}

/// `GET /console/staff/{id}`.
pub async fn show(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    let (id, _) = manageable(&app, &ctx, &id).await?;
    let f = GrantForm {
        region: app.config.root_region.to_string(),
        ..Default::default()
    };
    html(&show_page(&app, &ctx, id, f, FormErrors::default()).await?)
}

/// `POST /console/staff/{id}/grants`.
pub async fn grant(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<GrantForm>,
) -> Result<Response, Error> {
    let (id, _) = manageable(&app, &ctx, &id).await?;
    not_self(&ctx, id)?;
    let result = async {
        let mut e = FieldErrors::new();
        let Some(grant) = parse_grant(&mut e, &f.role, &f.department, &f.region) else {
            return Err(DomainError::invalid(e).into());
        };
        if !may_grant(ctx.principal.actor(), &grant) {
            return Err(Error::field("role", FieldCode::InvalidChoice));
        }
        let mut tx = app.store.begin().await?;
        let gid = app
            .store
            .add_grant(
                &mut tx,
                Holder::Account(id),
                &grant,
                ctx.principal.account(),
            )
            .await?;
        audit::record(
            &app.store,
            &ctx,
            &mut tx,
            AuditAction::RoleGranted,
            grant_target(id, &grant, gid),
        )
        .await?;
        yiwang_store::commit(tx).await?;
        Ok::<_, Error>(())
    }
    .await;
    match result {
        Ok(()) => Ok(yiwang_kit::respond::see_other(&format!(
            "/console/staff/{id}"
        ))),
        Err(Error::Domain(e)) if e.code == ErrorCode::ValidationFailed => {
            html_invalid(&show_page(&app, &ctx, id, f, FormErrors::from_error(&e, ctx.t())).await?)
        }
        Err(e) => Err(e),
    }
}

/// `POST /console/staff/{id}/grants/{grant}/revoke`.
pub async fn revoke(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, grant)): Path<(String, String)>,
) -> Result<Response, Error> {
    let (id, _) = manageable(&app, &ctx, &id).await?;
    not_self(&ctx, id)?;
    let grant: GrantId = grant.parse()?;
    let mut tx = app.store.begin().await?;
    let removed = app
        .store
        .revoke_grant(&mut tx, Holder::Account(id), grant)
        .await?;
    audit::record(
        &app.store,
        &ctx,
        &mut tx,
        AuditAction::RoleRevoked,
        grant_target(id, &removed, grant),
    )
    .await?;
    yiwang_store::commit(tx).await?;
    Ok(yiwang_kit::respond::see_other(&format!(
        "/console/staff/{id}"
    )))
}

/// The fields this form sends.
#[derive(Deserialize)]
pub struct StatusForm {
    active: String,
}

/// `POST /console/staff/{id}/status`: disables (ending every session) or re-enables.
pub async fn set_status(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<StatusForm>,
) -> Result<Response, Error> {
    let (id, grants) = manageable(&app, &ctx, &id).await?;
    not_self(&ctx, id)?;
    let active = match f.active.as_str() {
        "1" => true,
        "0" => false,
        _ => return Err(Error::field("active", FieldCode::InvalidChoice)),
    };
    let mut tx = app.store.begin().await?;
    app.store.set_staff_active(&mut tx, id, active).await?;
    let target = Target {
        kind: Some("account"),
        id: Some(id.to_string()),
        region: grants.first().map(|g| g.region.clone()),
        department: grants.iter().find_map(|g| g.department),
        detail: Some(serde_json::json!({ "active": active })),
        ..Default::default()
    };
    audit::record(
        &app.store,
        &ctx,
        &mut tx,
        AuditAction::StaffDisabled,
        target,
    )
    .await?;
    yiwang_store::commit(tx).await?;
    Ok(yiwang_kit::respond::see_other(&format!(
        "/console/staff/{id}"
    )))
}
