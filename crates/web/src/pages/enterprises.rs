//! Enterprises a citizen acts for, and authorising agents (ACC-1).

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use yiwang_domain::enterprise::EnterpriseInput;
use yiwang_domain::identity::Mobile;
use yiwang_domain::ids::{AccountId, EnterpriseId};
use yiwang_domain::notification::Notice;
use yiwang_domain::{FieldCode, Timestamp};
use yiwang_store::enterprises::{AgentView, EnterpriseView};
use yiwang_store::notify::Recipient;

use crate::error::Error;
use crate::extract::{Form, Path};
use crate::pipeline::Ctx;
use crate::state::AppState;
use crate::views::layout::Section;
use crate::views::{FormErrors, Layout, html, html_invalid};

fn me(ctx: &Ctx) -> Result<AccountId, Error> {
    ctx.principal.citizen().ok_or_else(Error::forbidden)
}

#[derive(Template)]
#[template(path = "account/enterprises.html")]
struct ListPage {
    l: Layout,
    enterprises: Vec<EnterpriseView>,
    verified: bool,
    form: EnterpriseInput,
    errors: FormErrors,
    now: Timestamp,
}

async fn list_page(
    app: &AppState,
    ctx: &Ctx,
    form: EnterpriseInput,
    errors: FormErrors,
) -> Result<ListPage, Error> {
    let account = me(ctx)?;
    let enterprises = app.store.enterprises_of(account).await?;
    let verified = app.store.profile(account).await?.verified_at.is_some();
    let l = Layout::new(app, ctx, ctx.t().enterprises_title(), Section::Mine).await;
    Ok(ListPage {
        l,
        enterprises,
        verified,
        form,
        errors,
        now: Timestamp::now(),
    })
}

/// `GET /account/enterprises`.
pub async fn list(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    html(
        &list_page(
            &app,
            &ctx,
            EnterpriseInput::default(),
            FormErrors::default(),
        )
        .await?,
    )
}

/// `POST /account/enterprises`: registers an enterprise with the caller as its legal
/// representative.
pub async fn create(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(f): Form<EnterpriseInput>,
) -> Result<Response, Error> {
    let account = me(&ctx)?;
    let result = async {
        let valid = f.validate()?;
        let mut tx = app.store.begin().await?;
        let id = app
            .store
            .create_enterprise(&mut tx, account, &valid)
            .await?;
        yiwang_store::commit(tx).await?;
        Ok::<_, Error>(id)
    }
    .await;
    match result {
        Ok(id) => Ok(super::see_other(&format!("/account/enterprises/{id}"))),
        Err(Error::Domain(e)) => {
            html_invalid(&list_page(&app, &ctx, f, FormErrors::from_error(&e, ctx.t())).await?)
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "account/enterprise.html")]
struct ShowPage {
    l: Layout,
    e: EnterpriseView,
    agents: Option<Vec<AgentView>>,
    phone: String,
    errors: FormErrors,
}

async fn show_page(
    app: &AppState,
    ctx: &Ctx,
    id: EnterpriseId,
    phone: String,
    errors: FormErrors,
) -> Result<ShowPage, Error> {
    let account = me(ctx)?;
    let e = app
        .store
        .enterprises_of(account)
        .await?
        .into_iter()
        .find(|e| e.id == id)
        .ok_or_else(Error::not_found)?;
    let agents = if e.authorisation.may_authorise(Timestamp::now()) {
        Some(app.store.agents_of(id, account).await?)
    } else {
        None
    };
    let l = Layout::new(app, ctx, e.name.clone(), Section::Mine).await;
    Ok(ShowPage {
        l,
        e,
        agents,
        phone,
        errors,
    })
}

/// `GET /account/enterprises/{id}`: only for its agents; anyone else gets "not found".
pub async fn show(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    let id: EnterpriseId = id.parse()?;
    html(&show_page(&app, &ctx, id, String::new(), FormErrors::default()).await?)
}

/// The fields this form sends.
#[derive(Deserialize)]
pub struct AuthoriseForm {
    #[serde(default)]
    phone: String,
}

/// `POST /account/enterprises/{id}/agents`: the legal representative authorises a verified
/// citizen, found by mobile number.
pub async fn authorise(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<AuthoriseForm>,
) -> Result<Response, Error> {
    let id: EnterpriseId = id.parse()?;
    let account = me(&ctx)?;
    let result = async {
        let phone = Mobile::parse(&f.phone).map_err(|c| Error::field("phone", c))?;
        let agent = app
            .store
            .find_citizen_by_phone(&phone)
            .await?
            .ok_or_else(|| Error::field("phone", FieldCode::NoSuchCitizen))?;
        let name = app
            .store
            .enterprises_of(account)
            .await?
            .into_iter()
            .find(|e| e.id == id)
            .ok_or_else(Error::not_found)?
            .name;
        let mut tx = app.store.begin().await?;
        app.store
            .authorise_agent(&mut tx, id, account, agent, None)
            .await?;
        app.store
            .notify(
                &mut tx,
                &Recipient::Account(agent),
                &Notice::AgentAuthorised { enterprise: name },
            )
            .await?;
        yiwang_store::commit(tx).await?;
        app.wake_jobs.notify_one();
        Ok::<_, Error>(())
    }
    .await;
    match result {
        Ok(()) => Ok(super::see_other(&format!("/account/enterprises/{id}"))),
        Err(Error::Domain(e)) if !e.fields.is_empty() => html_invalid(
            &show_page(&app, &ctx, id, f.phone, FormErrors::from_error(&e, ctx.t())).await?,
        ),
        Err(e) => Err(e),
    }
}

/// `POST /account/enterprises/{id}/agents/{account}/revoke`.
pub async fn revoke(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, agent)): Path<(String, String)>,
) -> Result<Response, Error> {
    let id: EnterpriseId = id.parse()?;
    let agent: AccountId = agent.parse()?;
    let mut tx = app.store.begin().await?;
    app.store
        .revoke_agent(&mut tx, id, me(&ctx)?, agent)
        .await?;
    yiwang_store::commit(tx).await?;
    Ok(super::see_other(&format!("/account/enterprises/{id}")))
}
