//! One question in the builder: its key, words, whether it is needed, its kind's settings,
//! when it is shown and where it is filled from; a group's members are listed, added, moved
//! and removed here too. The post is read into a `Field` (`read_field`), whose problems carry
//! the same paths as the definition check's, so both land on the same inputs.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use yiwang_domain::FieldErrors;
use yiwang_domain::application::ItemForm;
use yiwang_domain::forms::{FieldAt, FieldKind};
use yiwang_domain::ids::ItemId;

use super::field_inputs::inputs;
use super::field_post::read_field;
use super::view::{Filler, Input, InputOf, Posted, Problems, label, under};
use super::{Notice, base, draft, load, new_field, new_field_inputs, refused_page, save};
use crate::services::forms::Editing;
use crate::texts::*;
use yiwang_kit::console::{NavLink, nav};
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Form, Path, Query};
use yiwang_kit::respond::see_other;
use yiwang_kit::state::AppState;
use yiwang_kit::views::Layout;
use yiwang_kit::views::layout::Section as NavSection;

/// Lists typed one entry a line, whose problems name the line.
const LISTS: [&str; 3] = ["kind.options", "visible_if.any_of", "kind.accept"];

struct Member {
    locator: String,
    label: String,
    kind: &'static str,
}

#[derive(Template)]
#[template(path = "console/forms/field.html")]
struct FieldPage {
    l: Layout,
    nav: Vec<NavLink>,
    base: String,
    action: String,
    item_name: String,
    heading: String,
    revision: i64,
    inputs: Vec<Input>,
    members: Vec<Member>,
    add_member: Vec<Input>,
    is_group: bool,
    problems: Problems,
    saved: bool,
}

struct Located {
    e: Editing,
    bundle: ItemForm,
    revision: i64,
    at: FieldAt,
}

async fn locate(app: &AppState, ctx: &Ctx, id: ItemId, locator: &str) -> Result<Located, Error> {
    let e = load(app, ctx, id).await?;
    let (bundle, revision) = draft(&e)?;
    let at = bundle.form.locate(locator).ok_or_else(Error::not_found)?;
    Ok(Located {
        e,
        bundle,
        revision,
        at,
    })
}

fn page(
    ctx: &Ctx,
    l: Layout,
    nav: Vec<NavLink>,
    x: &Located,
    problems: Problems,
    posted: Option<&Posted>,
    saved: bool,
) -> Result<FieldPage, Error> {
    // Checkboxes come from the post only when it was the question's own form.
    let boxes = posted.is_some_and(|p| p.action().0 == "save");
    let t = ctx.t();
    let lang = ctx.prefs.lang;
    let f = x.bundle.form.field_at(x.at).ok_or_else(Error::not_found)?;
    let id: ItemId = x.e.item.row.id;
    let fill = Filler {
        posted,
        problems: &problems,
        boxes,
    };
    let (members, is_group) = match &f.kind {
        FieldKind::Group { fields, .. } => (
            fields
                .iter()
                .map(|m| Member {
                    locator: format!("{}.{}", f.key, m.key),
                    label: label(&m.label, lang),
                    kind: t.fb_kind(m.kind.name()),
                })
                .collect(),
            true,
        ),
        _ => (Vec::new(), false),
    };
    let locator = match x.at.member {
        Some(_) => x
            .bundle
            .form
            .field_at(x.at.top())
            .map(|g| format!("{}.{}", g.key, f.key))
            .unwrap_or_default(),
        None => f.key.clone(),
    };
    Ok(FieldPage {
        nav,
        base: base(id),
        action: format!("{}/fields/{locator}", base(id)),
        item_name: yiwang_kit::zh::display(&x.e.item.row.name, lang),
        heading: label(&f.label, lang),
        revision: x.revision,
        inputs: inputs(t, &x.bundle, x.at, f, &fill, lang),
        add_member: if is_group {
            new_field_inputs(t, &fill, "new", false)
        } else {
            Vec::new()
        },
        members,
        is_group,
        saved,
        problems,
        l,
    })
}

/// `GET /console/items/{id}/form/fields/{field}`: the editor of one question (`key`, or
/// `group.member` for a member of a group).
pub async fn field_form(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, locator)): Path<(ItemId, String)>,
    Query(notice): Query<Notice>,
) -> Result<Response, Error> {
    let x = locate(&app, &ctx, id, &locator).await?;
    let l = Layout::new(&app, &ctx, ctx.t().fb_field_title(), NavSection::Console).await;
    let nav = nav(&app, &ctx, "/console/items");
    let p = page(
        &ctx,
        l,
        nav,
        &x,
        Problems::default(),
        None,
        notice.saved.is_some(),
    )?;
    yiwang_kit::views::html(&p)
}

/// `POST /console/items/{id}/form/fields/{field}`: saves the question (`action=save`) or adds
/// a member to a group (`add_member`); moving and removing members go to the outline's post.
pub async fn field_save(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, locator)): Path<(ItemId, String)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, Error> {
    let x = locate(&app, &ctx, id, &locator).await?;
    let p = Posted(pairs);
    let mut bundle = x.bundle.clone();
    let mut read = FieldErrors::new();
    let path = x.at.path();
    let (verb, _) = p.action();
    let old = bundle
        .form
        .field_at(x.at)
        .cloned()
        .ok_or_else(Error::not_found)?;
    let (next_locator, input_of): (String, InputOf) = if verb == "add_member" {
        let Some(FieldKind::Group { fields, .. }) =
            bundle.form.field_at_mut(x.at).map(|f| &mut f.kind)
        else {
            return Err(Error::not_found());
        };
        let n = fields.len();
        let at = format!("{path}.kind.fields[{n}]");
        let member = new_field(&p, "new", &at, &mut read);
        let next = format!("{}.{}", old.key, member.key);
        fields.push(member);
        (next, Box::new(move |q: &str| under(q, &at, "new.", &[])))
    } else {
        let new = read_field(&p, &old, &path, x.at.member.is_some(), &mut read);
        let next = match x.at.member {
            Some(_) => format!(
                "{}.{}",
                locator.split('.').next().unwrap_or_default(),
                new.key
            ),
            None => new.key.clone(),
        };
        if let Some(f) = bundle.form.field_at_mut(x.at) {
            *f = new;
        }
        let members = format!("{path}.kind.fields");
        (
            next,
            Box::new(move |q: &str| {
                if q.starts_with(&members) {
                    return None;
                }
                under(q, &path, "", &LISTS)
            }),
        )
    };
    match save(&app, &ctx, &x.e, &bundle, p.revision(), read).await? {
        Ok(_) => Ok(see_other(&format!(
            "{}/fields/{next_locator}?saved=1",
            base(x.e.item.row.id)
        ))),
        Err(refused) => {
            let t = ctx.t();
            let problems = Problems::of(
                t,
                ctx.prefs.lang,
                x.e.item.row.id,
                &bundle,
                &refused,
                input_of,
            );
            let l = Layout::new(&app, &ctx, t.fb_field_title(), NavSection::Console).await;
            let nav = nav(&app, &ctx, "/console/items");
            // Drawn from the saved question, with what was typed over it.
            let page = page(&ctx, l, nav, &x, problems, Some(&p), false)?;
            refused_page(&page, refused.code)
        }
    }
}
