//! Registering, logging in and out, and resetting a forgotten password (ACC-1).

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use yiwang_domain::account::CodePurpose;
use yiwang_domain::identity::phone::mask_mobile;

use crate::services::accounts::{self, CodeAndPassword};
use crate::texts::*;
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Form, Query};
use yiwang_kit::pipeline::{percent_encode, safe_next};
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{FormErrors, Layout, html, html_invalid};

/// The step-one form of registration and reset: just the number.
#[derive(Deserialize, Default)]
pub struct PhoneForm {
    #[serde(default)]
    phone: String,
    /// Where registration goes afterwards (a local path, checked by `safe_next`).
    next: Option<String>,
}

/// Step two of registration and reset: the code and password, and where to go afterwards.
#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(flatten)]
    input: CodeAndPassword,
    next: Option<String>,
}

/// The query of the registration page: where to go once registered.
#[derive(Deserialize, Default)]
pub struct NextQuery {
    next: Option<String>,
}

/// The registration page's address carrying `next` (a checked local path) along.
fn register_link(next: &str) -> String {
    if next == "/" {
        "/account/register".to_owned()
    } else {
        format!("/account/register?next={}", percent_encode(next))
    }
}

#[derive(Template)]
#[template(path = "account/phone.html")]
struct PhonePage {
    l: Layout,
    heading: &'static str,
    intro: &'static str,
    action: &'static str,
    phone: String,
    errors: FormErrors,
    register: bool,
    next: String,
}

#[derive(Template)]
#[template(path = "account/code.html")]
struct CodePage {
    l: Layout,
    heading: &'static str,
    action: &'static str,
    resend_action: &'static str,
    restart: &'static str,
    submit: &'static str,
    password_label: &'static str,
    phone: String,
    masked_phone: String,
    /// The code as typed, kept when another field was wrong: it is still valid.
    code: String,
    errors: FormErrors,
    next: String,
}

impl PhonePage {
    /// The 登录 link, keeping where the person was going.
    fn login_link(&self) -> String {
        if self.next == "/" {
            "/account/login".to_owned()
        } else {
            format!("/account/login?next={}", percent_encode(&self.next))
        }
    }
}

async fn phone_page(
    app: &AppState,
    ctx: &Ctx,
    register: bool,
    phone: String,
    errors: FormErrors,
    next: String,
) -> PhonePage {
    let t = ctx.t();
    let (heading, intro, action) = if register {
        (t.register_title(), t.register_intro(), "/account/register")
    } else {
        (t.reset_title(), t.reset_intro(), "/account/reset")
    };
    let mut l = Layout::new(app, ctx, heading, Section::Mine).await;
    l.next.clone_from(&next);
    PhonePage {
        l,
        heading,
        intro,
        action,
        phone,
        errors,
        register,
        next,
    }
}

async fn code_page(
    app: &AppState,
    ctx: &Ctx,
    register: bool,
    phone: &str,
    code: &str,
    errors: FormErrors,
    next: String,
) -> CodePage {
    let t = ctx.t();
    let (heading, action, resend_action, restart, submit, password_label) = if register {
        (
            t.register_title(),
            "/account/register/complete",
            "/account/register",
            "/account/register",
            t.create_account(),
            t.password_label(),
        )
    } else {
        (
            t.reset_title(),
            "/account/reset/complete",
            "/account/reset",
            "/account/reset",
            t.reset_submit(),
            t.new_password_label(),
        )
    };
    let mut l = Layout::new(app, ctx, t.code_sent_title(), Section::Mine).await;
    l.next.clone_from(&next);
    let normalised = yiwang_domain::identity::Mobile::parse(phone)
        .map(|m| m.expose().to_owned())
        .unwrap_or_else(|_| phone.to_owned());
    CodePage {
        l,
        heading,
        action,
        resend_action,
        restart,
        submit,
        password_label,
        masked_phone: mask_mobile(&normalised),
        phone: normalised,
        // A wrong code is typed again; any other error keeps it.
        code: if errors.get("code").is_some() {
            String::new()
        } else {
            code.chars().filter(char::is_ascii_digit).take(6).collect()
        },
        errors,
        next,
    }
}

/// The phone page's errors, naming the field ("手机号码：请输入11位…").
fn phone_errors(e: &yiwang_domain::Error, t: yiwang_kit::i18n::Tr) -> FormErrors {
    super::named_errors(e, t, &[("phone", t.phone_label())])
}

/// The code page's errors, naming each field: the code, the (new) password, the confirmation.
fn code_errors(e: &yiwang_domain::Error, t: yiwang_kit::i18n::Tr, register: bool) -> FormErrors {
    let password = if register {
        t.password_label()
    } else {
        t.new_password_label()
    };
    let labels = [
        ("code", t.code_label()),
        ("password", password),
        ("confirm", t.confirm_password_name()),
    ];
    super::named_errors(e, t, &labels)
}

/// `GET /account/register`, with `next` when the person came from a page that needs an
/// account (an application): they land there once registered.
pub async fn register_form(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<NextQuery>,
) -> Result<Response, Error> {
    let next = safe_next(q.next.as_deref());
    html(&phone_page(&app, &ctx, true, String::new(), FormErrors::default(), next).await)
}

/// `POST /account/register`: sends a code and shows step two.
pub async fn register_send_code(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(f): Form<PhoneForm>,
) -> Result<Response, Error> {
    send_code(&app, &ctx, f, true).await
}

/// `GET /account/reset`.
pub async fn reset_form(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    let page = phone_page(
        &app,
        &ctx,
        false,
        String::new(),
        FormErrors::default(),
        "/".into(),
    );
    html(&page.await)
}

/// `POST /account/reset`: sends a code and shows step two.
pub async fn reset_send_code(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(f): Form<PhoneForm>,
) -> Result<Response, Error> {
    send_code(&app, &ctx, f, false).await
}

async fn send_code(
    app: &AppState,
    ctx: &Ctx,
    f: PhoneForm,
    register: bool,
) -> Result<Response, Error> {
    let purpose = if register {
        CodePurpose::Register
    } else {
        CodePurpose::ResetPassword
    };
    let next = safe_next(f.next.as_deref());
    match accounts::request_code(app, ctx, &f.phone, purpose).await {
        Ok(()) => html(
            &code_page(
                app,
                ctx,
                register,
                &f.phone,
                "",
                FormErrors::default(),
                next,
            )
            .await,
        ),
        Err(Error::Domain(e))
            if !e.fields.is_empty() || e.code == yiwang_domain::ErrorCode::RateLimited =>
        {
            html_invalid(
                &phone_page(app, ctx, register, f.phone, phone_errors(&e, ctx.t()), next).await,
            )
        }
        Err(e) => Err(e),
    }
}

/// `POST /account/register/complete`: creates the account, logs in, and goes on to `next`
/// (the application the person was starting) or to the account page.
pub async fn register_complete(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(CodeForm { input: f, next }): Form<CodeForm>,
) -> Result<Response, Error> {
    let next = safe_next(next.as_deref());
    match accounts::register(&app, &ctx, &f).await {
        Ok((_, s)) => Ok(yiwang_kit::respond::with_session(
            &app,
            &s.token,
            if next == "/" {
                "/account?welcome=1"
            } else {
                &next
            },
        )),
        Err(Error::Domain(e)) => html_invalid(
            &code_page(
                &app,
                &ctx,
                true,
                &f.phone,
                &f.code,
                code_errors(&e, ctx.t(), true),
                next,
            )
            .await,
        ),
        Err(e) => Err(e),
    }
}

/// `POST /account/reset/complete`: sets the new password.
pub async fn reset_complete(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(f): Form<CodeAndPassword>,
) -> Result<Response, Error> {
    match accounts::reset_password(&app, &ctx, &f).await {
        Ok(()) => Ok(yiwang_kit::respond::see_other("/account/login?reset=1")),
        Err(Error::Domain(e)) => html_invalid(
            &code_page(
                &app,
                &ctx,
                false,
                &f.phone,
                &f.code,
                code_errors(&e, ctx.t(), false),
                "/".into(),
            )
            .await,
        ),
        Err(e) => Err(e),
    }
}

/// The query parameters this page accepts.
#[derive(Deserialize, Default)]
pub struct LoginQuery {
    next: Option<String>,
    expired: Option<String>,
    reset: Option<String>,
    out: Option<String>,
}

#[derive(Template)]
#[template(path = "account/login.html")]
struct LoginPage {
    l: Layout,
    phone: String,
    next: String,
    notice: Option<&'static str>,
    errors: FormErrors,
}

impl LoginPage {
    /// The 注册 link, keeping where the person was going.
    fn register_link(&self) -> String {
        register_link(&self.next)
    }
}

/// `GET /account/login`.
pub async fn login_form(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<LoginQuery>,
) -> Result<Response, Error> {
    let t = ctx.t();
    let notice = if q.expired.is_some() {
        Some(t.session_expired_notice())
    } else if q.reset.is_some() {
        Some(t.password_reset_done())
    } else if q.out.is_some() {
        Some(t.logged_out_notice())
    } else if q.next.is_some() {
        Some(t.login_required_notice())
    } else {
        None
    };
    let l = Layout::new(&app, &ctx, t.login_title(), Section::Mine).await;
    html(&LoginPage {
        l,
        phone: String::new(),
        next: safe_next(q.next.as_deref()),
        notice,
        errors: FormErrors::default(),
    })
}

/// The fields this form sends.
#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    phone: String,
    #[serde(default)]
    password: String,
    next: Option<String>,
}

/// `POST /account/login`.
pub async fn login(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(f): Form<LoginForm>,
) -> Result<Response, Error> {
    let next = safe_next(f.next.as_deref());
    match accounts::login(&app, &ctx, &f.phone, &f.password).await {
        Ok(s) => Ok(yiwang_kit::respond::with_session(
            &app,
            &s.token,
            if next == "/" { "/account" } else { &next },
        )),
        Err(Error::Domain(e)) => {
            let mut l = Layout::new(&app, &ctx, ctx.t().login_title(), Section::Mine).await;
            l.next.clone_from(&next);
            let t = ctx.t();
            let labels = [("phone", t.phone_label()), ("password", t.password_label())];
            let errors = super::named_errors(&e, t, &labels);
            let mut res = html_invalid(&LoginPage {
                l,
                phone: f.phone,
                next,
                notice: None,
                errors,
            })?;
            *res.status_mut() = yiwang_kit::error::status_of(e.code);
            if let Some(secs) = e.retry_after_secs
                && let Ok(v) = http::HeaderValue::from_str(&secs.to_string())
            {
                res.headers_mut().insert(http::header::RETRY_AFTER, v);
            }
            Ok(res)
        }
        Err(e) => Err(e),
    }
}

/// `POST /account/logout`: ends the caller's own browser session, whatever stage it is in
/// (a staff member can leave authenticator enrolment this way too), and with it what the
/// session gave other systems through single sign-on: their tokens are revoked and each that
/// asked is told (back-channel logout, `store::sso`).
pub async fn logout(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: http::HeaderMap,
) -> Result<Response, Error> {
    let staff = ctx.principal.staff().is_some()
        || matches!(ctx.principal, yiwang_kit::auth::Principal::Enrolling(_));
    if let Some(s) = ctx.principal.session() {
        let issuer = yiwang_kit::respond::absolute(&app, &headers, "");
        let mut tx = app.store.begin().await?;
        app.store
            .end_oidc_session(&mut tx, &s.id_hash, &issuer)
            .await?;
        yiwang_store::commit(tx).await?;
        app.store.delete_session_hash(&s.id_hash).await?;
    }
    Ok(yiwang_kit::respond::without_session(
        &app,
        if staff {
            "/console/login?out=1"
        } else {
            "/account/login?out=1"
        },
    ))
}
