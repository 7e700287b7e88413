//! Electronic certificates (CERT-1…4): the wallet, the printable certificate with its QR code,
//! share links (listed and revocable by the holder; showing the data only while the
//! certificate is in force), the public verification page (the verifier's summary, never the
//! data), and the published key and revocation lists.

use askama::Template;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Response};
use http::header::{CACHE_CONTROL, CONTENT_TYPE};
use http::{HeaderMap, HeaderValue, StatusCode};
use serde::Deserialize;
use serde_json::Value;
use yiwang_crypto::certs::{RevocationEntry, RevocationList};
use yiwang_domain::ids::{AccountId, CaseId, CertificateId, ShareId};
use yiwang_domain::{ErrorCode, Lang, Timestamp};
use yiwang_store::applications::certs::CertRow;

use super::cases::label_text;
use crate::services::certificates::{self as svc, Shared, Summary, Verdict, WalletCert};
use crate::texts::*;
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Path, Query};
use yiwang_kit::i18n::Tr;
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{Layout, html};

fn me(ctx: &Ctx) -> Result<AccountId, Error> {
    ctx.principal
        .account()
        .ok_or_else(|| Error::code(ErrorCode::Unauthenticated))
}

use yiwang_kit::respond::absolute;

fn text(v: &Value, key: &str) -> String {
    v.get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

/// A value of the certificate's data in words.
fn shown(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Array(a) => a.iter().map(shown).collect::<Vec<_>>().join("、"),
        Value::Object(o) => o
            .values()
            .map(shown)
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" "),
        Value::Null => String::new(),
    }
}

/// The certificate's data as (label, value), from the form version the case was filled
/// with where it can be found: a line's label is the certificate's own, else the question's
/// or decision field's, else the key; a choice reads in the reader's language, a number
/// with its unit, other text in the reader's script.
async fn data_rows(
    app: &AppState,
    case: Option<CaseId>,
    payload: &Value,
    lang: Lang,
) -> Vec<(String, String)> {
    let Some(data) = payload.get("data").and_then(Value::as_object) else {
        return Vec::new();
    };
    let mut bundle = None;
    if let Some(id) = case
        && let Ok(Some(c)) = app.store.case(id).await
        && let Ok(Some(v)) = app.store.form_version(c.item_id, c.form_version).await
    {
        bundle = Some(v.bundle);
    }
    data.iter()
        .map(|(k, v)| {
            let field = bundle
                .as_ref()
                .and_then(|b| b.form.field(k).or_else(|| b.decision_field(k)));
            let label = bundle
                .as_ref()
                .and_then(|b| b.certificate_label(k))
                .map_or_else(|| k.clone(), |l| label_text(l, lang));
            (label, line_value(field, &shown(v), lang))
        })
        .collect()
}

/// A line's value for the reader: the data is signed in Simplified Chinese, choices as their
/// Chinese label.
fn line_value(field: Option<&yiwang_domain::forms::Field>, value: &str, lang: Lang) -> String {
    use yiwang_domain::forms::FieldKind;
    match field.map(|f| &f.kind) {
        Some(FieldKind::Choice { options }) => {
            options.iter().find(|o| o.label.zh == value).map_or_else(
                || yiwang_kit::zh::display(value, lang),
                |o| label_text(&o.label, lang),
            )
        }
        Some(FieldKind::Number {
            unit: Some(unit), ..
        }) => format!("{value} {}", label_text(unit, lang)),
        _ => yiwang_kit::zh::display(value, lang),
    }
}

/// A malformed certificate id in the address is simply "not found"; other failures stay.
fn hide_bad_id(e: Error) -> Error {
    match e {
        Error::Domain(d) if d.code != ErrorCode::Unavailable => Error::not_found(),
        e => e,
    }
}

/// A certificate's status in words, with the revocation's date and reason.
fn status(t: Tr, row: &CertRow) -> (&'static str, bool, String) {
    let today = Timestamp::now().beijing_date().to_string();
    if let Some(at) = row.revoked_at {
        let why = row.revoked_reason.clone().unwrap_or_default();
        (
            t.mycert_revoked(),
            false,
            format!("{} {}", at.beijing_date(), why).trim().to_owned(),
        )
    } else if row
        .expires_on
        .as_deref()
        .is_some_and(|e| e < today.as_str())
    {
        (t.mycert_expired(), false, String::new())
    } else {
        (t.mycert_valid(), true, String::new())
    }
}

// ---------------------------------------------------------------------------------------
// The wallet

/// One certificate in the wallet.
pub struct WalletLine {
    id: String,
    name: String,
    issuer: String,
    issued: String,
    expires: String,
    status: &'static str,
    valid: bool,
    revoked: String,
}

#[derive(Template)]
#[template(path = "certificates/wallet.html")]
struct WalletPage {
    l: Layout,
    certs: Vec<WalletLine>,
    /// Electronic receipts of fees paid (SVC-1), read from the payments' rows: (id, title,
    /// amount, number).
    receipts: Vec<(String, String, String, String)>,
}

/// `GET /account/certificates`: the holder's certificates with their status.
pub async fn wallet(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    let t = ctx.t();
    let lang = ctx.prefs.lang;
    let certs = svc::wallet(&app, me(&ctx)?)
        .await?
        .iter()
        .map(|c| {
            let (status, valid, revoked) = status(t, &c.row);
            WalletLine {
                id: c.row.id.to_string(),
                name: yiwang_kit::zh::display(&c.row.type_name, lang),
                issuer: yiwang_kit::zh::department(&c.row.department_name, lang),
                issued: c.row.issued_on.clone(),
                expires: c
                    .row
                    .expires_on
                    .clone()
                    .unwrap_or_else(|| t.mycert_no_expiry().to_owned()),
                status,
                valid,
                revoked,
            }
        })
        .collect();
    let receipts = app
        .store
        .receipts_of_account(me(&ctx)?)
        .await?
        .into_iter()
        .map(|(r, title, amount)| (r.id, title, amount.to_string(), r.number))
        .collect();
    let l = Layout::new(&app, &ctx, t.mycert_wallet_title(), Section::Mine).await;
    html(&WalletPage { l, certs, receipts })
}

// ---------------------------------------------------------------------------------------
// One certificate: the owner's page and the shared page

#[derive(Template)]
#[template(path = "certificates/show.html")]
struct ShowPage {
    l: Layout,
    id: String,
    name: String,
    issuer: String,
    holder: String,
    holder_id: String,
    issued: String,
    expires: String,
    status: &'static str,
    valid: bool,
    revoked: String,
    data: Vec<(String, String)>,
    token: String,
    /// The owner's page (share form, QR by URL) rather than a shared link.
    owner: bool,
    /// The QR code inline (shared pages: the QR route is the owner's).
    qr_svg: String,
    shared_until: String,
    error: Option<&'static str>,
    /// The owner's links that still work: id, made, until.
    shares: Vec<(ShareId, String, String)>,
}

async fn show_page(
    app: &AppState,
    ctx: &Ctx,
    c: &WalletCert,
    owner: bool,
) -> Result<ShowPage, Error> {
    let t = ctx.t();
    let lang = ctx.prefs.lang;
    let (status, valid, revoked) = status(t, &c.row);
    Ok(ShowPage {
        l: Layout::new(
            app,
            ctx,
            yiwang_kit::zh::display(&c.row.type_name, lang),
            if owner { Section::Mine } else { Section::Other },
        )
        .await,
        id: c.row.id.to_string(),
        name: yiwang_kit::zh::display(&text(&c.payload, "type_name"), lang),
        issuer: yiwang_kit::zh::department(&text(&c.payload, "iss_name"), lang),
        holder: text(&c.payload, "holder"),
        holder_id: text(&c.payload, "holder_id"),
        issued: text(&c.payload, "issued"),
        expires: c
            .payload
            .get("expires")
            .and_then(Value::as_str)
            .map(str::to_owned)
            .unwrap_or_else(|| t.mycert_no_expiry().to_owned()),
        status,
        valid,
        revoked,
        data: data_rows(app, c.row.case_id, &c.payload, lang).await,
        token: c.row.token.clone(),
        owner,
        qr_svg: String::new(),
        shared_until: String::new(),
        error: None,
        shares: Vec::new(),
    })
}

/// `GET /account/certificates/{id}`: the printable certificate with its QR code and token.
pub async fn show(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<CertificateId>,
) -> Result<Response, Error> {
    html(&owner_page(&app, &ctx, id).await.map_err(hide_bad_id)?)
}

/// The owner's page of one of their certificates, with their live share links.
async fn owner_page(app: &AppState, ctx: &Ctx, id: CertificateId) -> Result<ShowPage, Error> {
    let c = svc::own(app, me(ctx)?, id).await?;
    let mut page = show_page(app, ctx, &c, true).await?;
    page.shares = svc::shares(app, &c)
        .await?
        .into_iter()
        .map(|s| {
            (
                s.id,
                s.created_at.display_minutes(),
                s.expires_at.display_minutes(),
            )
        })
        .collect();
    Ok(page)
}

/// `GET /account/certificates/{id}/qr.svg`: the QR code opening the verification page with
/// the certificate's token.
pub async fn qr(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<CertificateId>,
) -> Result<Response, Error> {
    let c = svc::own(&app, me(&ctx)?, id).await.map_err(hide_bad_id)?;
    let url = absolute(&app, &headers, &format!("/verify?id={}", c.row.id));
    let mut res = yiwang_kit::qr::svg(&url)?.into_response();
    let h = res.headers_mut();
    h.insert(CONTENT_TYPE, HeaderValue::from_static("image/svg+xml"));
    h.insert(
        CACHE_CONTROL,
        HeaderValue::from_static("private, max-age=300"),
    );
    Ok(res)
}

#[derive(Template)]
#[template(path = "certificates/shared_link.html")]
struct SharedLinkPage {
    l: Layout,
    id: String,
    name: String,
    link: String,
    until: String,
}

/// `POST /account/certificates/{id}/share`: makes a link that shows the certificate for 72
/// hours.
pub async fn share(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<CertificateId>,
) -> Result<Response, Error> {
    let account = me(&ctx)?;
    let t = ctx.t();
    match svc::share(&app, account, id).await {
        Ok((token, expires)) => {
            let c = svc::own(&app, account, id).await?;
            let l = Layout::new(&app, &ctx, t.mycert_share_done_title(), Section::Mine).await;
            html(&SharedLinkPage {
                l,
                id: c.row.id.to_string(),
                name: yiwang_kit::zh::display(&c.row.type_name, ctx.prefs.lang),
                link: absolute(&app, &headers, &format!("/shared/{token}")),
                until: expires.display_minutes(),
            })
        }
        Err(Error::Domain(d)) if d.code == ErrorCode::InvalidTransition => {
            let mut page = owner_page(&app, &ctx, id).await?;
            page.error = Some(t.mycert_share_invalid());
            Ok((StatusCode::CONFLICT, Html(page.render()?)).into_response())
        }
        Err(Error::Domain(d))
            if d.code == ErrorCode::NotFound || d.code == ErrorCode::InvalidQuery =>
        {
            Err(Error::not_found())
        }
        Err(e) => Err(e),
    }
}

/// `POST /account/certificates/{id}/shares/{share}/revoke`: the holder ends one of their
/// links; it stops working at once.
pub async fn revoke_share(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, share)): Path<(CertificateId, ShareId)>,
) -> Result<Response, Error> {
    svc::revoke_share(&app, me(&ctx)?, id, share)
        .await
        .map_err(hide_bad_id)?;
    Ok(yiwang_kit::respond::see_other(&format!(
        "/account/certificates/{id}"
    )))
}

/// `GET /shared/{token}`: a shared certificate as its owner sees it, with its status and
/// until when the link works; once the certificate is revoked (or has expired), its status
/// only.
pub async fn shared(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(token): Path<String>,
) -> Result<Response, Error> {
    let t = ctx.t();
    let lang = ctx.prefs.lang;
    let (c, until) = match svc::shared(&app, &token).await? {
        Shared::InForce(c, until) => (c, until),
        Shared::NotInForce(row) => {
            let (status, _, revoked) = status(t, &row);
            return html(&WithdrawnPage {
                l: Layout::new(&app, &ctx, t.mycert_shared_title(), Section::Other).await,
                name: yiwang_kit::zh::display(&row.type_name, lang),
                issuer: yiwang_kit::zh::display(&row.department_name, lang),
                status,
                revoked,
            });
        }
    };
    let mut page = show_page(&app, &ctx, &c, false).await?;
    page.qr_svg = yiwang_kit::qr::svg(&absolute(
        &app,
        &headers,
        &format!("/verify?id={}", c.row.id),
    ))?;
    page.shared_until = until.display_minutes();
    page.l.title = t.mycert_shared_title().to_owned();
    html(&page)
}

/// A share link of a certificate no longer in force: what it was and its status, nothing it
/// stated.
#[derive(Template)]
#[template(path = "certificates/shared_withdrawn.html")]
struct WithdrawnPage {
    l: Layout,
    name: String,
    issuer: String,
    status: &'static str,
    revoked: String,
}

// ---------------------------------------------------------------------------------------
// Public verification and the published lists

/// The verification page's query: `c`, the certificate token.
#[derive(Deserialize, Default)]
pub struct VerifyQuery {
    #[serde(default)]
    c: String,
    /// A certificate number, as the QR code on a certificate carries it: a short address that
    /// old phone cameras read at a glance (the whole signed token is on the page for offline
    /// checking).
    #[serde(default)]
    id: String,
}

#[derive(Template)]
#[template(path = "certificates/verify.html")]
struct VerifyPage {
    l: Layout,
    token: String,
    /// "" (nothing asked), "valid", "revoked", "expired", "invalid".
    verdict: &'static str,
    name: String,
    number: String,
    issuer: String,
    holder: String,
    issued: String,
    expires: String,
    revoked_on: String,
    revoked_reason: String,
}

/// The longest token worth checking (a real one is under 1.5 KB).
const MAX_TOKEN: usize = 8192;

/// `GET /verify?c=…` or `?id=…` (CERT-3): checks a certificate token and says whether it is valid,
/// revoked, expired or not genuine, with what a verifier needs (type, issuer, dates, the
/// holder's name masked) and none of the data it states; without a token, explains how to
/// check and offers a box to paste one. Any input answers 200 with a verdict.
pub async fn verify(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<VerifyQuery>,
) -> Result<Response, Error> {
    let t = ctx.t();
    let lang = ctx.prefs.lang;
    let mut token = q.c.trim().to_owned();
    if token.is_empty() && !q.id.trim().is_empty() {
        // An unknown or malformed number reads as a certificate that does not verify.
        token = match q.id.trim().parse() {
            Ok(id) => app
                .store
                .certificate(id)
                .await?
                .map(|c| c.token)
                .unwrap_or_else(|| "unknown".to_owned()),
            Err(_) => "unknown".to_owned(),
        };
    }
    let mut page = VerifyPage {
        l: Layout::new(&app, &ctx, t.mycert_verify_title(), Section::Other).await,
        token: String::new(),
        verdict: "",
        name: String::new(),
        number: String::new(),
        issuer: String::new(),
        holder: String::new(),
        issued: String::new(),
        expires: String::new(),
        revoked_on: String::new(),
        revoked_reason: String::new(),
    };
    if token.is_empty() {
        return html(&page);
    }
    let verdict = if token.len() > MAX_TOKEN {
        Verdict::Invalid
    } else {
        svc::check(&app, &token).await.unwrap_or(Verdict::Invalid)
    };
    let payload = match &verdict {
        Verdict::Valid(p) => {
            page.verdict = "valid";
            Some(p)
        }
        Verdict::Expired(p) => {
            page.verdict = "expired";
            Some(p)
        }
        Verdict::Revoked(p, on, why) => {
            page.verdict = "revoked";
            page.revoked_on = on.clone();
            page.revoked_reason = why.clone();
            Some(p)
        }
        Verdict::Invalid => {
            page.verdict = "invalid";
            None
        }
    };
    if let Some(p) = payload {
        let s = Summary::of(p);
        page.name = yiwang_kit::zh::display(&s.type_name, lang);
        page.issuer = yiwang_kit::zh::department(&s.issuer, lang);
        page.number = s.number;
        page.holder = s.holder;
        page.issued = s.issued;
        page.expires = s.expires.unwrap_or_else(|| t.mycert_no_expiry().to_owned());
    }
    page.token = if token.len() > MAX_TOKEN {
        String::new()
    } else {
        token
    };
    html(&page)
}

/// `GET /.well-known/yiwang/keys.json`: every issuing key, current and retired.
pub async fn keys_json(State(app): State<AppState>) -> Result<Response, Error> {
    let set = svc::key_set(&app).await?;
    let mut res = axum::Json(set).into_response();
    res.headers_mut().insert(
        CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=300"),
    );
    Ok(res)
}

/// `GET /.well-known/yiwang/revocations.json`: every revoked certificate with when and why.
pub async fn revocations_json(State(app): State<AppState>) -> Result<Response, Error> {
    let entries = app
        .store
        .revocations()
        .await?
        .into_iter()
        .map(|(id, at, reason)| RevocationEntry {
            id,
            revoked: at.beijing_date().to_string(),
            reason,
        })
        .collect();
    let list = RevocationList {
        issued: Timestamp::now().rfc3339(),
        entries,
    };
    let mut res = axum::Json(list).into_response();
    res.headers_mut().insert(
        CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=300"),
    );
    Ok(res)
}
