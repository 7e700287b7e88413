//! `/console/sso`: the systems people sign in to, their secrets, and the signing keys.

use askama::Template;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use serde::Deserialize;
use yiwang_domain::ErrorCode;
use yiwang_domain::oidc::Scope;
use yiwang_kit::console::{NavLink, nav};
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Form, Path, Query};
use yiwang_kit::respond::see_other;
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{FormErrors, Layout, html, html_invalid};
use yiwang_store::sso::OidcClient;

use super::protocol::issuer;
use crate::services::clients::{self, ClientForm};
use crate::texts::*;

/// The scopes a system may be allowed, with their words.
fn scope_choices(t: yiwang_kit::i18n::Tr) -> Vec<(&'static str, &'static str)> {
    vec![
        (Scope::Profile.as_str(), t.sso_claim_name()),
        (Scope::Phone.as_str(), t.sso_claim_phone()),
        (Scope::IdNumber.as_str(), t.sso_claim_id_number()),
        (Scope::OfflineAccess.as_str(), t.sso_scope_refresh()),
    ]
}

struct KeyRow {
    kid: String,
    made: String,
    retired: Option<String>,
}

#[derive(Template)]
#[template(path = "console/sso/clients.html")]
struct ClientsPage {
    l: Layout,
    nav: Vec<NavLink>,
    clients: Vec<OidcClient>,
    keys: Vec<KeyRow>,
    discovery: String,
    f: ClientForm,
    choices: Vec<(&'static str, &'static str)>,
    errors: FormErrors,
    rotated: bool,
}

async fn clients_page(
    app: &AppState,
    ctx: &Ctx,
    headers: &HeaderMap,
    f: ClientForm,
    errors: FormErrors,
    rotated: bool,
) -> Result<ClientsPage, Error> {
    let keys = clients::keys(app, ctx)
        .await?
        .into_iter()
        .map(|(kid, made, retired)| KeyRow {
            kid,
            made: made.display_minutes(),
            retired: retired.map(|r| r.display_minutes()),
        })
        .collect();
    Ok(ClientsPage {
        l: Layout::new(app, ctx, ctx.t().sso_clients(), Section::Console).await,
        nav: nav(app, ctx, "/console/sso"),
        clients: clients::all(app, ctx).await?,
        keys,
        discovery: format!("{}/.well-known/openid-configuration", issuer(app, headers)),
        f,
        choices: scope_choices(ctx.t()),
        errors,
        rotated,
    })
}

/// `?rotated=1` after a key rotation.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    rotated: Option<String>,
}

/// `GET /console/sso`.
pub async fn clients(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Query(q): Query<ListQuery>,
) -> Result<Response, Error> {
    html(
        &clients_page(
            &app,
            &ctx,
            &headers,
            ClientForm::default(),
            FormErrors::default(),
            q.rotated.is_some(),
        )
        .await?,
    )
}

fn client_form(pairs: &[(String, String)]) -> ClientForm {
    let get = |k: &str| {
        pairs
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    ClientForm {
        name: get("name"),
        logo_url: get("logo_url"),
        redirect_uris: get("redirect_uris"),
        logout_uris: get("logout_uris"),
        backchannel_uri: get("backchannel_uri"),
        scopes: pairs
            .iter()
            .filter(|(n, _)| n == "scopes")
            .map(|(_, v)| v.clone())
            .collect(),
        jwks: get("jwks"),
    }
}

#[derive(Template)]
#[template(path = "console/sso/client.html")]
struct ClientPage {
    l: Layout,
    nav: Vec<NavLink>,
    c: OidcClient,
    f: ClientForm,
    choices: Vec<(&'static str, &'static str)>,
    errors: FormErrors,
    secret: Option<String>,
    created: bool,
    saved: bool,
}

fn form_of(c: &OidcClient) -> ClientForm {
    ClientForm {
        name: c.name.clone(),
        logo_url: c.logo_url.clone().unwrap_or_default(),
        redirect_uris: c.redirect_uris.join("\n"),
        logout_uris: c.logout_uris.join("\n"),
        backchannel_uri: c.backchannel_uri.clone().unwrap_or_default(),
        scopes: c.scopes.iter().map(|s| s.as_str().to_owned()).collect(),
        jwks: c.jwks.clone().unwrap_or_default(),
    }
}

#[allow(clippy::too_many_arguments)]
async fn client_page(
    app: &AppState,
    ctx: &Ctx,
    c: OidcClient,
    f: Option<ClientForm>,
    errors: FormErrors,
    secret: Option<String>,
    created: bool,
    saved: bool,
) -> ClientPage {
    let f = f.unwrap_or_else(|| form_of(&c));
    ClientPage {
        l: Layout::new(app, ctx, c.name.clone(), Section::Console).await,
        nav: nav(app, ctx, "/console/sso"),
        c,
        f,
        choices: scope_choices(ctx.t()),
        errors,
        secret,
        created,
        saved,
    }
}

/// `POST /console/sso`: registers a system and shows its secret once.
pub async fn create(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, Error> {
    let f = client_form(&pairs);
    match clients::create(&app, &ctx, &f).await {
        Ok((id, secret)) => {
            let c = clients::one(&app, &ctx, &id).await?;
            html(
                &client_page(
                    &app,
                    &ctx,
                    c,
                    None,
                    FormErrors::default(),
                    Some(secret),
                    true,
                    false,
                )
                .await,
            )
        }
        Err(Error::Domain(e)) if e.code == ErrorCode::ValidationFailed => {
            let errors = FormErrors::from_error(&e, ctx.t());
            html_invalid(&clients_page(&app, &ctx, &headers, f, errors, false).await?)
        }
        Err(e) => Err(e),
    }
}

/// `?saved=1` after saving.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ClientQuery {
    saved: Option<String>,
}

/// `GET /console/sso/clients/{client}`.
pub async fn client(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<ClientQuery>,
) -> Result<Response, Error> {
    let c = clients::one(&app, &ctx, &id).await?;
    html(
        &client_page(
            &app,
            &ctx,
            c,
            None,
            FormErrors::default(),
            None,
            false,
            q.saved.is_some(),
        )
        .await,
    )
}

/// `POST /console/sso/clients/{client}`.
pub async fn update(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, Error> {
    let f = client_form(&pairs);
    match clients::update(&app, &ctx, &id, &f).await {
        Ok(()) => Ok(see_other(&format!("/console/sso/clients/{id}?saved=1"))),
        Err(Error::Domain(e)) if e.code == ErrorCode::ValidationFailed => {
            let c = clients::one(&app, &ctx, &id).await?;
            let errors = FormErrors::from_error(&e, ctx.t());
            html_invalid(&client_page(&app, &ctx, c, Some(f), errors, None, false, false).await)
        }
        Err(e) => Err(e),
    }
}

/// `POST /console/sso/clients/{client}/secret`: a new secret, shown once.
pub async fn new_secret(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    let secret = clients::new_secret(&app, &ctx, &id).await?;
    let c = clients::one(&app, &ctx, &id).await?;
    html(
        &client_page(
            &app,
            &ctx,
            c,
            None,
            FormErrors::default(),
            Some(secret),
            false,
            false,
        )
        .await,
    )
}

/// The disable form: `disabled=1` to disable, anything else to enable.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DisableForm {
    disabled: String,
}

/// `POST /console/sso/clients/{client}/disable`.
pub async fn disable(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<DisableForm>,
) -> Result<Response, Error> {
    clients::set_disabled(&app, &ctx, &id, f.disabled == "1").await?;
    Ok(see_other(&format!("/console/sso/clients/{id}?saved=1")))
}

/// `POST /console/sso/keys`: rotates the signing key.
pub async fn rotate_key(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    clients::rotate_key(&app, &ctx).await?;
    Ok(see_other("/console/sso?rotated=1"))
}
