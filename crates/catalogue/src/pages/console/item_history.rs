//! An item's past in the staff console (CAT-3): the list of its published versions, what one
//! version said field by field, and withdrawing the item from the public catalogue. The
//! permission check every item page starts with (`editable`) lives here, as most of its
//! callers do.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use yiwang_domain::catalog::{Guide, ItemType, Subject, Tag, Topic};
use yiwang_domain::ids::{DepartmentId, ItemId};
use yiwang_domain::{FieldCode, FieldErrors};
use yiwang_store::catalog::{ItemRow, VersionRow};

use super::items::{Fact, Preview, fact, preview};
use super::{form_refusal, with_status};
use crate::catalog::CatalogOf;
use crate::services::catalog as svc;
use crate::texts::*;
use yiwang_index::Snapshot;
use yiwang_kit::console::{NavLink, nav};
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Form, Path};
use yiwang_kit::i18n::Tr;
use yiwang_kit::respond::see_other;
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{FormErrors, Layout, html, html_invalid};

// ---------------------------------------------------------------------------------------
// Shared pieces

/// The item at `id` (from the path), if the caller may edit it.

// ---------------------------------------------------------------------------------------
// History

#[derive(Template)]
#[template(path = "console/item_history.html")]
struct HistoryPage {
    l: Layout,
    nav: Vec<NavLink>,
    item: ItemRow,
    versions: Vec<VersionRow>,
}

/// `GET /console/items/{id}/history`: the published versions, newest first.
pub async fn history(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<ItemId>,
) -> Result<Response, Error> {
    let item = svc::editable(&app, &ctx, id).await?;
    let versions = app.store.item_versions(item.row.id).await?;
    let l = Layout::new(&app, &ctx, ctx.t().item_history(), Section::Console).await;
    html(&HistoryPage {
        nav: nav(&app, &ctx, "/console/items"),
        l,
        item: item.row,
        versions,
    })
}

/// A version as recorded (see `store::catalog::write`); read leniently so that an old record
/// still shows.
#[derive(Deserialize)]
struct Recorded {
    name: String,
    #[serde(default)]
    code: Option<String>,
    item_type: ItemType,
    department: String,
    region: String,
    #[serde(default)]
    parent: Option<String>,
    #[serde(default)]
    is_group: bool,
    #[serde(default)]
    tags: Vec<Tag>,
    #[serde(default)]
    topics: Vec<Topic>,
    #[serde(default)]
    subjects: Vec<Subject>,
    #[serde(default)]
    online_url: Option<String>,
    #[serde(default)]
    guide: Guide,
}

#[derive(Template)]
#[template(path = "console/item_version.html")]
struct VersionPage {
    l: Layout,
    nav: Vec<NavLink>,
    item: ItemRow,
    heading: String,
    version: Option<VersionRow>,
    about: Vec<Fact>,
    preview: Option<Preview>,
    raw: Option<String>,
}

fn joined<T: Copy>(xs: &[T], name: impl Fn(T) -> &'static str) -> Option<String> {
    (!xs.is_empty()).then(|| xs.iter().map(|x| name(*x)).collect::<Vec<_>>().join("、"))
}

fn about_version(snapshot: &Snapshot, t: Tr, r: &Recorded) -> Vec<Fact> {
    let department = r
        .department
        .parse::<DepartmentId>()
        .ok()
        .and_then(|id| snapshot.departments.get(&id).map(|d| d.name.clone()))
        .unwrap_or_else(|| r.department.clone());
    let parent = r.parent.as_ref().map(|p| {
        p.parse::<ItemId>()
            .ok()
            .and_then(|id| snapshot.item(id).map(|i| i.name.clone()))
            .unwrap_or_else(|| p.clone())
    });
    vec![
        fact(t.item_name_label(), Some(r.name.clone())),
        fact(t.guide_code(), r.code.clone()),
        fact(t.guide_type(), Some(t.item_type(r.item_type).to_owned())),
        fact(t.item_department_label(), Some(department)),
        fact(t.item_region_label(), Some(r.region.clone())),
        fact(t.item_parent_label(), parent),
        fact(
            t.item_group_mark(),
            Some(if r.is_group { t.yes() } else { t.no() }.to_owned()),
        ),
        fact(t.facet_tag(), joined(&r.tags, |x| t.tag(x))),
        fact(t.facet_topic(), joined(&r.topics, |x| t.topic(x))),
        fact(t.guide_subjects(), joined(&r.subjects, |x| t.subject(x))),
        fact(t.item_online_url_label(), r.online_url.clone()),
    ]
}

/// `GET /console/items/{id}/versions/{n}`: what a version said, field by field.
pub async fn version(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, n)): Path<(ItemId, i64)>,
) -> Result<Response, Error> {
    let item = svc::editable(&app, &ctx, id).await?;
    let value = app.store.item_version_snapshot(item.row.id, n).await?;
    let version = app
        .store
        .item_versions(item.row.id)
        .await?
        .into_iter()
        .find(|v| v.version == n);
    let t = ctx.t();
    let (about, preview, raw) = match serde_json::from_value::<Recorded>(value.clone()) {
        Ok(r) => (
            about_version(&app.catalog()?.snapshot(), t, &r),
            Some(self::preview(t, &r.name, &r.guide, None)),
            None,
        ),
        Err(_) => (
            Vec::new(),
            None,
            Some(serde_json::to_string_pretty(&value).unwrap_or_default()),
        ),
    };
    let heading = t.item_version_title(n);
    let l = Layout::new(&app, &ctx, heading.clone(), Section::Console).await;
    html(&VersionPage {
        nav: nav(&app, &ctx, "/console/items"),
        l,
        item: item.row,
        heading,
        version,
        about,
        preview,
        raw,
    })
}

// ---------------------------------------------------------------------------------------
// Withdrawal

/// The withdrawal form.
#[derive(Deserialize, Default)]
pub struct WithdrawForm {
    #[serde(default)]
    reason: String,
    #[serde(default)]
    replacement: String,
    #[serde(default)]
    version: String,
}

#[derive(Template)]
#[template(path = "console/item_withdraw.html")]
struct WithdrawPage {
    l: Layout,
    nav: Vec<NavLink>,
    item: ItemRow,
    f: WithdrawForm,
    errors: FormErrors,
}

async fn withdraw_page(
    app: &AppState,
    ctx: &Ctx,
    item: ItemRow,
    f: WithdrawForm,
    errors: FormErrors,
) -> WithdrawPage {
    let l = Layout::new(app, ctx, ctx.t().item_withdraw(), Section::Console).await;
    WithdrawPage {
        nav: nav(app, ctx, "/console/items"),
        l,
        item,
        f,
        errors,
    }
}

/// `GET /console/items/{id}/withdraw`.
pub async fn withdraw_form(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<ItemId>,
) -> Result<Response, Error> {
    let item = svc::editable(&app, &ctx, id).await?;
    let f = WithdrawForm {
        version: item.row.version.to_string(),
        ..Default::default()
    };
    html(&withdraw_page(&app, &ctx, item.row, f, FormErrors::default()).await)
}

/// `POST /console/items/{id}/withdraw`: withdraws the item and opens its public page, which
/// now says so.
pub async fn withdraw(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<ItemId>,
    Form(f): Form<WithdrawForm>,
) -> Result<Response, Error> {
    let item = svc::editable(&app, &ctx, id).await?;
    let id = item.row.id;
    // Both fields are checked here so that a reader sees every problem at once.
    let mut e = FieldErrors::new();
    if f.reason.trim().is_empty() {
        e.add("reason", FieldCode::Required);
    }
    let replacement = e.check(
        "replacement",
        svc::optional_item("replacement", &f.replacement).map_err(|_| FieldCode::UnknownItem),
    );
    let result = if !e.is_empty() {
        Err(yiwang_domain::Error::invalid(e).into())
    } else {
        match svc::version(&f.version) {
            Ok(version) => {
                let replacement = replacement.flatten();
                svc::withdraw_item(&app, &ctx, id, replacement, &f.reason, version).await
            }
            Err(err) => Err(err),
        }
    };
    match result {
        Ok(()) => Ok(see_other(&format!("/items/{id}"))),
        Err(e) => {
            let (errors, code) = form_refusal(e, ctx.t())?;
            let page = withdraw_page(&app, &ctx, item.row, f, errors).await;
            Ok(with_status(html_invalid(&page)?, code))
        }
    }
}
