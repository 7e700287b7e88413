//! The citizen's own pages: profile, real-name verification, password, messages and the log of
//! staff reads of their data (ACC-1, ACC-4, NOTIF-1).

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use yiwang_domain::identity::Assurance;
use yiwang_domain::identity::id_number::mask_id_number;
use yiwang_domain::identity::phone::mask_mobile;
use yiwang_domain::ids::NotificationId;
use yiwang_domain::notification::Notice;
use yiwang_domain::paging::Page;
use yiwang_domain::workflow::Receipt;
use yiwang_domain::{ErrorCode, FieldCode};

use yiwang_store::accounts::Profile;

use crate::services::access_log;
use crate::services::accounts::{self, ChangePasswordInput};
use crate::services::identity::{self, RealNameInput};
use crate::texts::*;
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Form, Path, Query};
use yiwang_kit::i18n::Tr;
use yiwang_kit::respond::see_other;
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{FormErrors, Layout, Pager, html, html_invalid};

fn me(ctx: &Ctx) -> Result<yiwang_domain::ids::AccountId, Error> {
    ctx.principal
        .account()
        .ok_or_else(|| Error::code(yiwang_domain::ErrorCode::Unauthenticated))
}

/// The query parameters this page accepts.
#[derive(Deserialize, Default)]
pub struct ProfileQuery {
    welcome: Option<String>,
    verified: Option<String>,
    declared: Option<String>,
    password: Option<String>,
    home: Option<String>,
}

#[derive(Template)]
#[template(path = "account/profile.html")]
struct ProfilePage {
    l: Layout,
    p: Profile,
    phone: String,
    id_number: String,
    since: String,
    notice: Option<&'static str>,
}

/// `GET /account`.
pub async fn profile(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ProfileQuery>,
) -> Result<Response, Error> {
    let t = ctx.t();
    let p = app.store.profile(me(&ctx)?).await?;
    let notice = if q.welcome.is_some() {
        Some(t.welcome_done())
    } else if q.verified.is_some() {
        Some(t.verified_done())
    } else if q.declared.is_some() {
        Some(t.identity_declared_done())
    } else if q.password.is_some() {
        Some(t.password_changed_done())
    } else if q.home.is_some() {
        Some(t.home_region_done())
    } else {
        None
    };
    let l = Layout::new(&app, &ctx, t.account_title(), Section::Mine).await;
    html(&ProfilePage {
        l,
        phone: p.phone.as_deref().map(mask_mobile).unwrap_or_default(),
        id_number: p
            .id_number
            .as_deref()
            .map(mask_id_number)
            .unwrap_or_default(),
        since: p.created_at.display_minutes(),
        notice,
        p,
    })
}

#[derive(Template)]
#[template(path = "account/verify.html")]
struct VerifyPage {
    l: Layout,
    f: RealNameInput,
    errors: FormErrors,
    level: Option<Assurance>,
    online: bool,
}

impl VerifyPage {
    /// A verified identity is locked: only a new verification replaces it.
    fn locked(&self) -> bool {
        self.level.is_some_and(Assurance::is_verified)
    }
}

async fn verify_page(
    app: &AppState,
    ctx: &Ctx,
    f: RealNameInput,
    errors: FormErrors,
) -> Result<VerifyPage, Error> {
    let level = app.store.profile(me(ctx)?).await?.identity;
    let l = Layout::new(app, ctx, ctx.t().verify_title(), Section::Mine).await;
    Ok(VerifyPage {
        l,
        f,
        errors,
        level,
        online: identity::provider_available(app),
    })
}

/// `GET /account/verify`: the identity's level, and the ways to raise it.
pub async fn verify_form(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    html(&verify_page(&app, &ctx, RealNameInput::default(), FormErrors::default()).await?)
}

/// What the verification form sends: the details and how to check them.
#[derive(Debug, Default, Deserialize)]
pub struct VerifyForm {
    #[serde(flatten)]
    f: RealNameInput,
    /// `provider` (verify online) or `self_declared` (save only).
    #[serde(default)]
    method: String,
}

/// `POST /account/verify`: verifies online through the identity provider, or records a
/// self-declared identity.
pub async fn verify(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(v): Form<VerifyForm>,
) -> Result<Response, Error> {
    let account = me(&ctx)?;
    let result = match v.method.as_str() {
        "provider" => identity::verify_with_provider(&app, &ctx, account, &v.f)
            .await
            .map(|()| "/account?verified=1"),
        "self_declared" | "" => identity::declare(&app, &ctx, account, &v.f)
            .await
            .map(|()| "/account?declared=1"),
        _ => Err(Error::field("method", FieldCode::InvalidChoice)),
    };
    match result {
        Ok(next) => Ok(see_other(next)),
        Err(Error::Domain(e)) if e.code != ErrorCode::RateLimited => {
            let t = ctx.t();
            let labels = [
                ("name", t.account_name()),
                ("id_number", t.account_id_number()),
            ];
            let errors = super::named_errors(&e, t, &labels);
            html_invalid(&verify_page(&app, &ctx, v.f, errors).await?)
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "account/password.html")]
struct PasswordPage {
    l: Layout,
    errors: FormErrors,
}

/// `GET /account/password`.
pub async fn password_form(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    let l = Layout::new(&app, &ctx, ctx.t().password_title(), Section::Mine).await;
    html(&PasswordPage {
        l,
        errors: FormErrors::default(),
    })
}

/// `POST /account/password`.
pub async fn change_password(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(f): Form<ChangePasswordInput>,
) -> Result<Response, Error> {
    let account = me(&ctx)?;
    let keep = ctx.principal.session().map(|s| s.id_hash.clone());
    match accounts::change_password(&app, &ctx, account, keep.as_deref(), &f).await {
        Ok(()) => Ok(yiwang_kit::respond::see_other(
            if ctx.principal.staff().is_some() {
                "/console"
            } else {
                "/account?password=1"
            },
        )),
        Err(Error::Domain(e)) => {
            let l = Layout::new(&app, &ctx, ctx.t().password_title(), Section::Mine).await;
            let t = ctx.t();
            let labels = [
                ("current", t.current_password_label()),
                ("password", t.new_password_label()),
                ("confirm", t.confirm_password_name()),
            ];
            html_invalid(&PasswordPage {
                l,
                errors: super::named_errors(&e, t, &labels),
            })
        }
        Err(e) => Err(e),
    }
}

/// The query parameters this page accepts.
#[derive(Deserialize, Default)]
pub struct PageQuery {
    page: Option<i64>,
}

/// One inbox message as shown.
pub struct MessageView {
    id: NotificationId,
    title: String,
    body: String,
    when: String,
    unread: bool,
    /// Where the message's case is followed: the case page when it is the reader's own, else
    /// the tracking form with the receipt filled in.
    link: Option<String>,
}

/// The receipt number a notice is about, if it is about an application.
fn receipt_of(notice: &Notice) -> Option<&str> {
    match notice {
        Notice::CaseReceived { receipt, .. }
        | Notice::CaseProgress { receipt, .. }
        | Notice::CaseDueSoon { receipt, .. }
        | Notice::CaseOverdue { receipt, .. } => Some(receipt),
        _ => None,
    }
}

/// Where a message about the case with `receipt` leads `account`: the case page if the case
/// is theirs, otherwise tracking by receipt (which asks for the query code). A case is looked
/// up once per page even when several messages name it.
async fn case_link(
    app: &AppState,
    account: yiwang_domain::ids::AccountId,
    receipt: &str,
    seen: &mut std::collections::HashMap<String, String>,
) -> Result<String, Error> {
    if let Some(link) = seen.get(receipt) {
        return Ok(link.clone());
    }
    let case = match Receipt::parse(receipt) {
        Ok(r) => app.store.case_by_receipt(&r).await?,
        Err(_) => None,
    };
    let link = match case {
        Some(c) if c.account_id == account => format!("/account/cases/{}", c.id),
        _ => format!(
            "/track?receipt={}",
            yiwang_kit::pipeline::percent_encode(receipt)
        ),
    };
    seen.insert(receipt.to_owned(), link.clone());
    Ok(link)
}

#[derive(Template)]
#[template(path = "account/messages.html")]
struct MessagesPage {
    l: Layout,
    messages: Vec<MessageView>,
    pager: Pager,
    any_unread: bool,
}

/// `GET /account/messages`.
pub async fn messages(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<PageQuery>,
) -> Result<Response, Error> {
    let page = Page::new(q.page, None, 20)?;
    let account = me(&ctx)?;
    let (items, total) = app.store.inbox(account, page).await?;
    let site = &app.config.site_name;
    let mut seen = std::collections::HashMap::new();
    let mut messages = Vec::with_capacity(items.len());
    for i in items {
        let link = match receipt_of(&i.notice) {
            Some(receipt) => Some(case_link(&app, account, receipt, &mut seen).await?),
            None => None,
        };
        let r = i.notice.render(ctx.prefs.lang, site);
        messages.push(MessageView {
            id: i.id,
            title: r.title,
            body: r.body,
            when: i.created_at.display_minutes(),
            unread: i.read_at.is_none(),
            link,
        });
    }
    let any_unread = messages.iter().any(|m| m.unread);
    let l = Layout::new(&app, &ctx, ctx.t().messages_title(), Section::Mine).await;
    html(&MessagesPage {
        l,
        messages,
        pager: Pager::new("/account/messages", page, total),
        any_unread,
    })
}

/// `POST /account/messages/{id}/read`.
pub async fn read_one(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<NotificationId>,
) -> Result<Response, Error> {
    app.store.mark_read(me(&ctx)?, id).await?;
    Ok(yiwang_kit::respond::see_other("/account/messages"))
}

/// `POST /account/messages/read-all`.
pub async fn read_all(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    app.store.mark_all_read(me(&ctx)?).await?;
    Ok(yiwang_kit::respond::see_other("/account/messages"))
}

/// One staff access to the citizen's data.
pub struct AccessView {
    when: String,
    who: String,
    org: String,
    what: &'static str,
    /// What was read, in words.
    read: String,
    reason: String,
}

#[derive(Template)]
#[template(path = "account/access_log.html")]
struct AccessLogPage {
    l: Layout,
    entries: Vec<AccessView>,
    pager: Pager,
}

/// A field an access read, in words (names the log does not know are left out).
fn read_field(t: Tr, field: &str) -> Option<&'static str> {
    Some(match field {
        "answers" => t.read_answers(),
        "files" => t.read_files(),
        "real_name" => t.read_real_name(),
        "id_number" => t.read_id_number(),
        "phone" => t.read_phone(),
        "records" => t.read_records(),
        _ => return None,
    })
}

/// `GET /account/access-log` (ACC-4).
pub async fn access_log(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<PageQuery>,
) -> Result<Response, Error> {
    let t = ctx.t();
    let page = Page::new(q.page, None, 20)?;
    let (rows, total) = access_log::accesses(&app, me(&ctx)?, page).await?;
    let entries = rows
        .into_iter()
        .map(|e| AccessView {
            when: e.at.display_minutes(),
            who: e.actor,
            org: e
                .org
                .map(|o| yiwang_kit::zh::display(&o, ctx.prefs.lang))
                .unwrap_or_default(),
            what: t.audit_action(e.action),
            read: match &e.child {
                // A child's records, read as their guardian is told: say whose.
                Some(child) => format!("{}{child}", t.read_child_records_of()),
                None => e
                    .fields
                    .iter()
                    .filter_map(|f| read_field(t, f))
                    .collect::<Vec<_>>()
                    .join(t.read_separator()),
            },
            reason: e.reason.unwrap_or_default(),
        })
        .collect();
    let l = Layout::new(&app, &ctx, t.access_log_title(), Section::Mine).await;
    html(&AccessLogPage {
        l,
        entries,
        pager: Pager::new("/account/access-log", page, total),
    })
}
