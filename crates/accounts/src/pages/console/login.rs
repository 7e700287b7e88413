//! The staff console's door: login with password and authenticator code, and authenticator
//! enrolment (ACC-2).

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use yiwang_domain::ErrorCode;

use yiwang_kit::error::Error;
use yiwang_kit::extract::{Form, Query};

use crate::services::staff::{self as staff_service, StaffLogin};
use crate::texts::*;
use yiwang_kit::ctx::Ctx;
use yiwang_kit::pipeline::safe_next;
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{FormErrors, Layout, html, html_invalid};

/// The query parameters this page accepts.
#[derive(Deserialize, Default)]
pub struct LoginQuery {
    next: Option<String>,
    expired: Option<String>,
    out: Option<String>,
}

#[derive(Template)]
#[template(path = "console/login.html")]
struct LoginPage {
    l: Layout,
    username: String,
    next: String,
    notice: Option<&'static str>,
    errors: FormErrors,
}

/// `GET /console/login`.
pub async fn login_form(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<LoginQuery>,
) -> Result<Response, Error> {
    let t = ctx.t();
    let notice = if q.expired.is_some() {
        Some(t.session_expired_notice())
    } else if q.out.is_some() {
        Some(t.logged_out_notice())
    } else {
        None
    };
    let l = Layout::new(&app, &ctx, t.console_login_title(), Section::Console).await;
    html(&LoginPage {
        l,
        username: String::new(),
        next: safe_next(q.next.as_deref()),
        notice,
        errors: FormErrors::default(),
    })
}

/// The fields this form sends.
#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    code: String,
    next: Option<String>,
}

/// `POST /console/login`.
pub async fn login(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(f): Form<LoginForm>,
) -> Result<Response, Error> {
    let next = safe_next(f.next.as_deref());
    let next = if next.starts_with("/console") {
        next
    } else {
        "/console".to_owned()
    };
    match staff_service::login(&app, &ctx, &f.username, &f.password, &f.code).await {
        Ok(StaffLogin::LoggedIn(s)) => Ok(yiwang_kit::respond::with_session(&app, &s.token, &next)),
        Ok(StaffLogin::MustEnrol(s)) => Ok(yiwang_kit::respond::with_session(
            &app,
            &s.token,
            "/console/enrol",
        )),
        Err(Error::Domain(e)) => {
            let t = ctx.t();
            let l = Layout::new(&app, &ctx, t.console_login_title(), Section::Console).await;
            let mut errors = FormErrors::from_error(&e, t);
            if e.code == ErrorCode::InvalidCredentials {
                // One answer for a wrong password and a wrong code (services::staff::login).
                errors.general = Some(t.staff_login_failed().to_owned());
            }
            let mut res = html_invalid(&LoginPage {
                l,
                username: f.username,
                next,
                notice: None,
                errors,
            })?;
            *res.status_mut() = yiwang_kit::error::status_of(e.code);
            Ok(res)
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "console/enrol.html")]
struct EnrolPage {
    l: Layout,
    qr: String,
    secret: String,
    errors: FormErrors,
}

async fn enrol_page(app: &AppState, ctx: &Ctx, errors: FormErrors) -> Result<EnrolPage, Error> {
    let session = ctx
        .principal
        .session()
        .ok_or_else(|| Error::code(ErrorCode::Unauthenticated))?;
    let (secret, url) = staff_service::enrolment(app, session).await?;
    let l = Layout::new(app, ctx, ctx.t().enrol_title(), Section::Console).await;
    Ok(EnrolPage {
        l,
        qr: yiwang_kit::qr::svg(&url)?,
        secret: yiwang_crypto::totp::secret_base32(&secret),
        errors,
    })
}

/// `GET /console/enrol`: the QR code to scan.
pub async fn enrol_form(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    html(&enrol_page(&app, &ctx, FormErrors::default()).await?)
}

/// The fields this form sends.
#[derive(Deserialize)]
pub struct EnrolForm {
    #[serde(default)]
    code: String,
}

/// `POST /console/enrol`: confirms with the first code.
pub async fn enrol(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(f): Form<EnrolForm>,
) -> Result<Response, Error> {
    let session = ctx
        .principal
        .session()
        .ok_or_else(|| Error::code(ErrorCode::Unauthenticated))?
        .clone();
    match staff_service::confirm_enrolment(&app, &ctx, &session, &f.code).await {
        Ok(()) => Ok(yiwang_kit::respond::see_other("/console")),
        Err(Error::Domain(e)) => {
            let mut errors = FormErrors::default();
            errors
                .items
                .push(("code".into(), ctx.t().error(e.code).to_owned()));
            html_invalid(&enrol_page(&app, &ctx, errors).await?)
        }
        Err(e) => Err(e),
    }
}
