//! The person's pages of the flow: the authorization endpoint (which signs them in or asks for
//! consent), the consent answer, and RP-initiated logout.

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use yiwang_crypto::jose::Jws;
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Form, Query};
use yiwang_kit::pipeline::percent_encode;
use yiwang_kit::respond::{see_other, without_session};
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{Layout, html};

use super::claim_words;
use super::protocol::issuer;
use crate::services::flow::{self, AuthzRequest, Next};
use crate::texts::*;

#[derive(Template)]
#[template(path = "sso/consent.html")]
struct ConsentPage {
    l: Layout,
    client_name: String,
    logo_url: Option<String>,
    claims: Vec<&'static str>,
    offline: bool,
    who: String,
    r: AuthzRequest,
}

#[derive(Template)]
#[template(path = "sso/bad_request.html")]
struct BadRequestPage {
    l: Layout,
}

async fn answer(app: &AppState, ctx: &Ctx, next: Next) -> Result<Response, Error> {
    match next {
        Next::Redirect(url) => Ok(see_other(&url)),
        Next::SignIn(back) => Ok(see_other(&format!(
            "/account/login?next={}",
            percent_encode(&back)
        ))),
        Next::BadClient => {
            let l = Layout::new(app, ctx, ctx.t().sso_bad_title(), Section::Other).await;
            let mut res = html(&BadRequestPage { l })?;
            *res.status_mut() = StatusCode::BAD_REQUEST;
            Ok(res)
        }
        Next::Consent(c) => {
            let who = match ctx.principal.account() {
                Some(a) => app.store.profile(a).await?.greeting_name(),
                None => String::new(),
            };
            let l = Layout::new(app, ctx, ctx.t().sso_consent_title(), Section::Other).await;
            html(&ConsentPage {
                l,
                client_name: yiwang_kit::zh::display(&c.client.name, ctx.t().lang()),
                logo_url: c.client.logo_url.clone(),
                claims: claim_words(ctx.t(), &c.claims),
                offline: c.offline,
                who,
                r: c.request,
            })
        }
    }
}

/// `GET /oidc/authorize`.
pub async fn start(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    q: Result<Query<AuthzRequest>, Error>,
) -> Result<Response, Error> {
    let Ok(Query(r)) = q else {
        return answer(&app, &ctx, Next::BadClient).await;
    };
    let next = flow::start(&app, &ctx, &r, &issuer(&app, &headers)).await?;
    answer(&app, &ctx, next).await
}

/// The consent form: the request's parameters again and the answer.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Decision {
    #[serde(flatten)]
    r: AuthzRequest,
    decision: String,
}

/// `POST /oidc/authorize`: the person's answer on the consent page.
pub async fn decide(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Form(d): Form<Decision>,
) -> Result<Response, Error> {
    let next = flow::decide(
        &app,
        &ctx,
        &d.r,
        d.decision == "allow",
        &issuer(&app, &headers),
    )
    .await?;
    answer(&app, &ctx, next).await
}

/// RP-initiated logout's parameters.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LogoutRequest {
    id_token_hint: String,
    client_id: String,
    post_logout_redirect_uri: String,
    state: String,
}

#[derive(Template)]
#[template(path = "sso/logout.html")]
struct LogoutPage {
    l: Layout,
    signed_in: bool,
    client_name: Option<String>,
    q: LogoutRequest,
    back: Option<String>,
}

/// The client a logout request names (through the ID token it sent, checked against our
/// keys, or its `client_id`), and the registered place to send the person back to.
async fn logout_target(
    app: &AppState,
    q: &LogoutRequest,
) -> Result<(Option<String>, Option<String>), Error> {
    let mut client_id = (!q.client_id.is_empty()).then(|| q.client_id.clone());
    if !q.id_token_hint.is_empty() {
        let keys: Vec<serde_json::Value> = app
            .store
            .oidc_public_keys(yiwang_domain::oidc::RETIRED_KEY_PUBLISHED_SECS * 1000 * 100)
            .await?
            .into_iter()
            .map(|(k, _, _)| k)
            .collect();
        match Jws::parse(&q.id_token_hint) {
            Some(jws) if jws.verify_rs256(&keys) => {
                let aud = jws
                    .claims
                    .get("aud")
                    .and_then(|a| a.as_str())
                    .map(str::to_owned);
                if client_id.is_some() && aud != client_id {
                    return Ok((None, None));
                }
                client_id = aud;
            }
            _ => return Ok((None, None)),
        }
    }
    let Some(id) = client_id else {
        return Ok((None, None));
    };
    let Some(client) = app.store.oidc_client(&id).await? else {
        return Ok((None, None));
    };
    let back = client
        .logout_uris
        .iter()
        .find(|u| **u == q.post_logout_redirect_uri)
        .map(|u| {
            if q.state.is_empty() || q.state.len() > 512 {
                u.clone()
            } else {
                let sep = if u.contains('?') { '&' } else { '?' };
                format!("{u}{sep}state={}", percent_encode(&q.state))
            }
        });
    Ok((Some(client.name), back))
}

/// `GET /oidc/logout`: asks the person to confirm (a link alone must not sign anyone out).
pub async fn logout_page(
    State(app): State<AppState>,
    ctx: Ctx,
    q: Result<Query<LogoutRequest>, Error>,
) -> Result<Response, Error> {
    let q = q.map(|Query(q)| q).unwrap_or_default();
    let (client_name, back) = logout_target(&app, &q).await?;
    let signed_in = ctx.principal.session().is_some();
    if !signed_in && let Some(b) = &back {
        return Ok(see_other(b));
    }
    let l = Layout::new(&app, &ctx, ctx.t().sso_logout_title(), Section::Other).await;
    html(&LogoutPage {
        l,
        signed_in,
        client_name,
        q,
        back,
    })
}

/// `POST /oidc/logout`: ends the platform session and every system's tokens from it.
pub async fn logout(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Form(q): Form<LogoutRequest>,
) -> Result<Response, Error> {
    let (_, back) = logout_target(&app, &q).await?;
    if let Some(s) = ctx.principal.session() {
        let mut tx = app.store.begin().await?;
        app.store
            .end_oidc_session(&mut tx, &s.id_hash, &issuer(&app, &headers))
            .await?;
        yiwang_store::commit(tx).await?;
        app.store.delete_session_hash(&s.id_hash).await?;
    }
    Ok(without_session(&app, back.as_deref().unwrap_or("/account/login?out=1")).into_response())
}
