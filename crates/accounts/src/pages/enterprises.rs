//! Enterprises a citizen acts for, inviting agents, and answering an invitation (ACC-1).

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use yiwang_domain::Timestamp;
use yiwang_domain::enterprise::EnterpriseInput;
use yiwang_domain::ids::{AccountId, EnterpriseId};
use yiwang_store::enterprises::{AgentView, EnterpriseView, Invitation};

use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Form, Path, Query};
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{FormErrors, Layout, html, html_invalid};

use crate::services::enterprises;
use crate::texts::*;

fn me(ctx: &Ctx) -> Result<AccountId, Error> {
    ctx.principal.citizen().ok_or_else(Error::forbidden)
}

#[derive(Template)]
#[template(path = "account/enterprises.html")]
struct ListPage {
    l: Layout,
    enterprises: Vec<EnterpriseView>,
    /// Invitations waiting for the caller's answer.
    invitations: Vec<(Invitation, String)>,
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
    let invitations = enterprises::invitations(app, account)
        .await?
        .into_iter()
        .map(|i| {
            let on = i.invited_at.display_minutes();
            (i, on)
        })
        .collect();
    let verified = app.store.profile(account).await?.verified_at.is_some();
    let l = Layout::new(app, ctx, ctx.t().enterprises_title(), Section::Mine).await;
    Ok(ListPage {
        l,
        enterprises,
        invitations,
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
    match enterprises::create(&app, me(&ctx)?, &f).await {
        Ok(id) => Ok(yiwang_kit::respond::see_other(&format!(
            "/account/enterprises/{id}"
        ))),
        Err(Error::Domain(e)) => {
            let t = ctx.t();
            let labels = [
                ("name", t.enterprise_name()),
                ("credit_code", t.enterprise_credit_code()),
                ("legal_representative", t.enterprise_legal_rep()),
            ];
            let errors = super::named_errors(&e, t, &labels);
            html_invalid(&list_page(&app, &ctx, f, errors).await?)
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
    /// An invitation was just sent (or not: the page says the same either way).
    invited: bool,
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
        invited: false,
    })
}

/// The query of the enterprise page.
#[derive(Deserialize, Default)]
pub struct ShowQuery {
    #[serde(default)]
    invited: Option<String>,
}

/// `GET /account/enterprises/{id}`: only for its agents; anyone else gets "not found".
pub async fn show(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<EnterpriseId>,
    Query(q): Query<ShowQuery>,
) -> Result<Response, Error> {
    let mut page = show_page(&app, &ctx, id, String::new(), FormErrors::default()).await?;
    page.invited = q.invited.is_some();
    html(&page)
}

/// The fields this form sends.
#[derive(Deserialize)]
pub struct AuthoriseForm {
    #[serde(default)]
    phone: String,
}

/// `POST /account/enterprises/{id}/agents`: the legal representative invites a citizen by
/// mobile number; the page then says the same whoever the number belongs to.
pub async fn authorise(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<EnterpriseId>,
    Form(f): Form<AuthoriseForm>,
) -> Result<Response, Error> {
    match enterprises::authorise(&app, me(&ctx)?, id, &f.phone).await {
        Ok(()) => Ok(yiwang_kit::respond::see_other(&format!(
            "/account/enterprises/{id}?invited=1"
        ))),
        Err(Error::Domain(e)) if !e.fields.is_empty() => html_invalid(
            &show_page(
                &app,
                &ctx,
                id,
                f.phone,
                super::named_errors(&e, ctx.t(), &[("phone", ctx.t().phone_label())]),
            )
            .await?,
        ),
        Err(e) => Err(e),
    }
}

/// `POST /account/enterprises/{id}/agents/{account}/revoke`.
pub async fn revoke(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, agent)): Path<(EnterpriseId, AccountId)>,
) -> Result<Response, Error> {
    enterprises::revoke(&app, me(&ctx)?, id, agent).await?;
    Ok(yiwang_kit::respond::see_other(&format!(
        "/account/enterprises/{id}"
    )))
}

/// `POST /account/enterprises/{id}/accept`: the invited citizen accepts; the enterprise is
/// then theirs to act for, and they show in its list of agents.
pub async fn accept(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<EnterpriseId>,
) -> Result<Response, Error> {
    enterprises::answer(&app, me(&ctx)?, id, true).await?;
    Ok(yiwang_kit::respond::see_other(&format!(
        "/account/enterprises/{id}"
    )))
}

/// `POST /account/enterprises/{id}/decline`: the invited citizen declines; the enterprise
/// never learns anything about them.
pub async fn decline(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<EnterpriseId>,
) -> Result<Response, Error> {
    enterprises::answer(&app, me(&ctx)?, id, false).await?;
    Ok(yiwang_kit::respond::see_other("/account/enterprises"))
}
