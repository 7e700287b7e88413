//! Asking (INQ-1): the form, with or without an account, submitted exactly once.

use askama::Template;
use axum::extract::{Request, State};
use axum::response::Response;
use serde::Deserialize;
use yiwang_domain::ErrorCode;
use yiwang_domain::inquiry::Channel;

use super::Opt;
use crate::services::submit::{self, AskInput, Asker, Photo};
use crate::texts::*;
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{FormErrors, Layout, html, html_invalid};

/// What the form sends.
#[derive(Debug, Default, Deserialize)]
pub struct AskForm {
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
    anonymous: Option<String>,
    /// Latitude from the browser, with the citizen's permission.
    #[serde(default)]
    lat: String,
    /// Longitude from the browser.
    #[serde(default)]
    lng: String,
    /// The one-time key the form was served with: a double tap or a retry after a lost
    /// answer submits once.
    #[serde(default)]
    idempotency_key: String,
}

impl AskForm {
    fn input(&self) -> AskInput {
        AskInput {
            kind: self.kind.clone(),
            category: self.category.clone(),
            title: self.title.clone(),
            body: self.body.clone(),
            region: self.region.clone(),
            address: self.address.clone(),
            lat: self
                .lat
                .trim()
                .parse()
                .ok()
                .filter(|_| !self.lat.trim().is_empty()),
            lng: self
                .lng
                .trim()
                .parse()
                .ok()
                .filter(|_| !self.lng.trim().is_empty()),
            public: self.public.is_some(),
            anonymous: self.anonymous.is_some(),
        }
    }
}

#[derive(Template)]
#[template(path = "inquiries/new.html")]
struct AskPage {
    l: Layout,
    f: AskForm,
    errors: FormErrors,
    kinds: Vec<Opt>,
    categories: Vec<Opt>,
    regions: Vec<Opt>,
    signed_in: bool,
    script: String,
    now: i64,
}

async fn page(
    app: &AppState,
    ctx: &Ctx,
    mut f: AskForm,
    errors: FormErrors,
) -> Result<AskPage, Error> {
    let t = ctx.t();
    if f.idempotency_key.is_empty() {
        f.idempotency_key = yiwang_crypto::random::token().map_err(Error::internal)?;
    }
    let c = super::choices(
        app,
        t,
        ctx.principal.account().is_some(),
        (&f.kind, &f.category, &f.region),
    )
    .await?;
    let (kinds, categories, regions) = (c.kinds, c.categories, c.regions);
    let l = Layout::new(app, ctx, t.inq_title(), Section::Services).await;
    Ok(AskPage {
        l,
        f,
        errors,
        kinds,
        categories,
        regions,
        signed_in: ctx.principal.account().is_some(),
        script: app.assets.url("apply.js").to_owned(),
        now: yiwang_domain::Timestamp::now().millis(),
    })
}

/// `GET /inquiries/new`.
pub async fn new_form(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    html(&page(&app, &ctx, AskForm::default(), FormErrors::default()).await?)
}

#[derive(Template)]
#[template(path = "inquiries/done.html")]
struct DonePage {
    l: Layout,
    receipt: String,
    id: String,
    query_code: Option<String>,
    due: String,
    signed_in: bool,
    script: String,
    /// A retry of a form already received (its query code was shown the first time only).
    repeated: bool,
}

/// The form's fields and photos.
async fn read_form(req: Request) -> Result<(AskForm, Vec<Photo>), Error> {
    let (pairs, photos) = super::read_fields(req).await?;
    let get = |k: &str| super::field(&pairs, k);
    let flag = |k: &str| pairs.iter().any(|(n, _)| n == k).then(|| get(k));
    let f = AskForm {
        kind: get("kind"),
        category: get("category"),
        title: get("title"),
        body: get("body"),
        region: get("region"),
        address: get("address"),
        public: flag("public"),
        anonymous: flag("anonymous"),
        lat: get("lat"),
        lng: get("lng"),
        idempotency_key: get("idempotency_key"),
    };
    Ok((f, photos))
}

/// `POST /inquiries` (multipart, `?_csrf=` in the action): a citizen asks with their account;
/// anyone else asks without one and is shown a one-time query code.
pub async fn submit(
    State(app): State<AppState>,
    ctx: Ctx,
    req: Request,
) -> Result<Response, Error> {
    let (f, photos) = read_form(req).await?;
    let asker = match ctx.principal.account() {
        Some(a) if ctx.principal.staff().is_none() => Asker::Citizen(a, Channel::Web),
        _ => Asker::Anonymous,
    };
    let key = Some(f.idempotency_key.trim()).filter(|k| !k.is_empty());
    match submit::submit(&app, &asker, &f.input(), photos, key).await {
        Ok(asked) => {
            let t = ctx.t();
            let l = Layout::new(&app, &ctx, t.inq_done_title(), Section::Services).await;
            html(&DonePage {
                l,
                receipt: asked.row.receipt.clone(),
                id: asked.row.id.to_string(),
                query_code: asked.query_code,
                due: asked
                    .row
                    .reply_due
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                signed_in: matches!(asker, Asker::Citizen(..)),
                script: app.assets.url("apply.js").to_owned(),
                repeated: !asked.created,
            })
        }
        Err(Error::Domain(e)) if e.code == ErrorCode::ValidationFailed => {
            let errors = FormErrors::from_error(&e, ctx.t());
            html_invalid(&page(&app, &ctx, f, errors).await?)
        }
        Err(e) => Err(e),
    }
}
