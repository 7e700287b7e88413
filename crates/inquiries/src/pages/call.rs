//! The 12345 hotline (INQ-1): an operator records a call on the caller's behalf. The case is
//! like any other, with channel `phone`; the caller's number is stored encrypted and gets the
//! reference number and a query code by SMS.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use yiwang_domain::ErrorCode;
use yiwang_store::inquiries::Contact;

use super::Opt;
use crate::services::submit::{self, AskInput, Asker};
use crate::texts::*;
use yiwang_kit::console::{NavLink, nav};
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::Form;
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{FormErrors, Layout, html, html_invalid};

/// What the operator types.
#[derive(Debug, Default, Deserialize)]
pub struct CallForm {
    #[serde(default)]
    caller_name: String,
    #[serde(default)]
    caller_phone: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    region: String,
    #[serde(default)]
    address: String,
    #[serde(default)]
    public: Option<String>,
    #[serde(default)]
    idempotency_key: String,
}

#[derive(Template)]
#[template(path = "console/inquiries/call.html")]
struct CallPage {
    l: Layout,
    nav: Vec<NavLink>,
    f: CallForm,
    errors: FormErrors,
    kinds: Vec<Opt>,
    categories: Vec<Opt>,
    regions: Vec<Opt>,
    /// After saving: the receipt and the query code to read out.
    recorded: Option<(String, String)>,
}

async fn page(
    app: &AppState,
    ctx: &Ctx,
    mut f: CallForm,
    errors: FormErrors,
    recorded: Option<(String, String)>,
) -> Result<CallPage, Error> {
    let t = ctx.t();
    if f.idempotency_key.is_empty() {
        f.idempotency_key = yiwang_crypto::random::token().map_err(Error::internal)?;
    }
    let c = super::choices(app, t, true, (&f.kind, &f.category, &f.region)).await?;
    let (kinds, categories, regions) = (c.kinds, c.categories, c.regions);
    let l = Layout::new(app, ctx, t.inq_call_title(), Section::Console).await;
    Ok(CallPage {
        nav: nav(app, ctx, "/console/inquiries"),
        l,
        f,
        errors,
        kinds,
        categories,
        regions,
        recorded,
    })
}

/// `GET /console/inquiries/call`.
pub async fn form(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    html(&page(&app, &ctx, CallForm::default(), FormErrors::default(), None).await?)
}

/// `POST /console/inquiries/call`.
pub async fn record(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(f): Form<CallForm>,
) -> Result<Response, Error> {
    let (operator, _) = ctx.principal.staff().ok_or_else(Error::forbidden)?;
    // A mobile gets the SMS; a landline is kept for the department to call back.
    let phone = match yiwang_domain::identity::phone::check_telephone(f.caller_phone.trim()) {
        Ok(p) => p,
        Err(code) => {
            let e = yiwang_domain::Error::field("caller_phone", code);
            let errors = FormErrors::from_error(&e, ctx.t());
            return html_invalid(&page(&app, &ctx, f, errors, None).await?);
        }
    };
    let asker = Asker::Caller {
        operator,
        contact: Contact {
            name: f.caller_name.trim().chars().take(30).collect(),
            phone,
            email: String::new(),
        },
    };
    let input = AskInput {
        kind: f.kind.clone(),
        category: f.category.clone(),
        title: f.title.clone(),
        body: f.body.clone(),
        region: f.region.clone(),
        address: f.address.clone(),
        lat: None,
        lng: None,
        public: f.public.is_some(),
        anonymous: false,
    };
    let key = Some(f.idempotency_key.trim()).filter(|k| !k.is_empty());
    match submit::submit(&app, &asker, &input, Vec::new(), key).await {
        Ok(asked) => {
            let recorded = Some((
                asked.row.receipt.clone(),
                asked.query_code.unwrap_or_default(),
            ));
            html(
                &page(
                    &app,
                    &ctx,
                    CallForm::default(),
                    FormErrors::default(),
                    recorded,
                )
                .await?,
            )
        }
        Err(Error::Domain(e)) if e.code == ErrorCode::ValidationFailed => {
            let errors = FormErrors::from_error(&e, ctx.t());
            html_invalid(&page(&app, &ctx, f, errors, None).await?)
        }
        Err(e) => Err(e),
    }
}
