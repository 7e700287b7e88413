//! Before a draft goes live: the preview, drawn by the applicant's own pages, and publishing
//! after a confirmation page (no pop-up) that says what changes for whom.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use yiwang_domain::ErrorCode;
use yiwang_domain::ids::ItemId;

use super::view::{Posted, Problems};
use super::{Edited, base, draft, load};
use crate::pages::apply;
use crate::services::forms::{self as svc, Editing};
use crate::texts::*;
use yiwang_kit::console::{NavLink, nav};
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Form, Path};
use yiwang_kit::respond::see_other;
use yiwang_kit::state::AppState;
use yiwang_kit::views::Layout;
use yiwang_kit::views::layout::Section as NavSection;

/// `GET /console/items/{id}/form/preview`: the draft's task list as applicants will see it.
pub async fn preview(
    State(app): State<AppState>,
    ctx: Ctx,
    Edited(e): Edited,
) -> Result<Response, Error> {
    let (b, _) = draft(&e)?;
    let base = base(e.item.row.id);
    let preview = format!("{base}/preview");
    apply::preview_tasks(&app, &ctx, &e.item.row, &b.form, &preview, base).await
}

/// `GET /console/items/{id}/form/preview/{section}`: one section of the draft, as applicants
/// will see it, with nothing to save or submit.
pub async fn preview_section(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, section)): Path<(ItemId, String)>,
) -> Result<Response, Error> {
    let e = load(&app, &ctx, id).await?;
    let (b, _) = draft(&e)?;
    let version = e.draft().map_or(0, |d| d.version);
    let base = base(e.item.row.id);
    let preview = format!("{base}/preview");
    let draft = apply::Draft {
        item: &e.item.row,
        def: &b.form,
        version,
    };
    apply::preview_section(&app, &ctx, draft, &preview, &section, base).await
}

#[derive(Template)]
#[template(path = "console/forms/publish.html")]
struct PublishPage {
    l: Layout,
    nav: Vec<NavLink>,
    base: String,
    item_name: String,
    revision: i64,
    version: i64,
    current: Option<i64>,
    facts: Vec<(&'static str, String)>,
    problems: Problems,
}

async fn page(
    app: &AppState,
    ctx: &Ctx,
    e: &Editing,
    problems: Problems,
) -> Result<PublishPage, Error> {
    let t = ctx.t();
    let d = e.draft().ok_or_else(Error::not_found)?;
    let b = &d.bundle;
    let questions: usize = b.form.sections.iter().map(|s| s.fields.len()).sum();
    let yes_no = |on: bool| if on { t.fb_yes() } else { t.fb_no() };
    let facts = vec![
        (t.fb_sections(), b.form.sections.len().to_string()),
        (t.fb_questions(), questions.to_string()),
        (t.fb_workflow(), b.workflow.steps.len().to_string()),
        (
            t.fb_rules(),
            b.rules.as_ref().map_or(0, |r| r.rules.len()).to_string(),
        ),
        (t.fb_instant(), yes_no(b.instant).to_owned()),
        (
            t.fb_certificate(),
            b.certificate
                .as_ref()
                .map_or_else(|| t.fb_no().to_owned(), |c| c.name.zh.clone()),
        ),
    ];
    let l = Layout::new(app, ctx, t.fb_publish_title(), NavSection::Console).await;
    Ok(PublishPage {
        nav: nav(app, ctx, "/console/items"),
        base: base(e.item.row.id),
        item_name: yiwang_kit::zh::display(&e.item.row.name, ctx.prefs.lang),
        revision: d.created_at.millis(),
        version: d.version,
        current: e.current().map(|c| c.version),
        facts,
        problems,
        l,
    })
}

/// `GET /console/items/{id}/form/publish`: what publishing the draft changes, and the button
/// that does it.
pub async fn publish_form(
    State(app): State<AppState>,
    ctx: Ctx,
    Edited(e): Edited,
) -> Result<Response, Error> {
    yiwang_kit::views::html(&page(&app, &ctx, &e, Problems::default()).await?)
}

/// `POST /console/items/{id}/form/publish`: publishes the draft the editor confirmed (its
/// revision); new applications use it at once, applications already made keep theirs.
pub async fn publish(
    State(app): State<AppState>,
    ctx: Ctx,
    Edited(e): Edited,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, Error> {
    let p = Posted(pairs);
    match svc::publish_revision(&app, &ctx, e.item.row.id, p.revision()).await {
        Ok(version) => Ok(see_other(&format!(
            "{}?published={version}",
            base(e.item.row.id)
        ))),
        Err(Error::Domain(d)) if d.code == ErrorCode::Conflict => {
            // Drawn again from the draft as it is now.
            let e = load(&app, &ctx, e.item.row.id).await?;
            if e.draft().is_none() {
                // Someone else published it meanwhile: the overview shows what is in use.
                return Ok(see_other(&base(e.item.row.id)));
            }
            let problems = Problems::general(ctx.t().fb_conflict());
            let page = page(&app, &ctx, &e, problems).await?;
            super::refused_page(&page, ErrorCode::Conflict)
        }
        Err(e) => Err(e),
    }
}
