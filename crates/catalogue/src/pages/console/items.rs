//! Catalogue items in the staff console (CAT-1): department editors list the items they may
//! edit, create them and publish new versions, previewing the guide as the public page will
//! read it before saving. Also here: reading the posted item form (checkbox groups arrive as
//! repeated keys) into an `ItemInput`, and the helpers the other catalogue pages share for
//! showing a guide (`preview`) and a refused form again (`form_refusal`, `with_status`).
//! An item's history and withdrawal are in `console_item_history`; import, export, search
//! synonyms and life-event checklists in `console_catalog`. Handlers translate between forms
//! and `services::catalog`, which decides who may do what where, writes the audit entry and
//! brings the search index up to date.

use std::collections::BTreeSet;
use std::sync::Arc;

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use yiwang_domain::auth::{Permission, Scope};
use yiwang_domain::catalog::{
    Channel, Faq, Guide, ItemInput, ItemStatus, ItemType, Material, Subject, Tag, Topic, Visits,
};
use yiwang_domain::ids::{DepartmentId, ItemId};
use yiwang_domain::paging::Page;
use yiwang_store::catalog::{Item, ItemRow};
use yiwang_store::departments::Department;

use super::{form_refusal, with_status};
use crate::catalog::CatalogOf;
use crate::services::catalog as svc;
use crate::texts::*;
use yiwang_kit::console::{NavLink, nav};
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Form, Path, Query};
use yiwang_kit::i18n::Tr;
use yiwang_kit::pipeline::percent_encode;
use yiwang_kit::respond::see_other;
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{FormErrors, Layout, Pager, html, html_invalid};

// ---------------------------------------------------------------------------------------
// Shared pieces

/// An option of a select, a checkbox or a radio button, with whether it is chosen.
pub struct Choice {
    value: String,
    label: String,
    checked: bool,
}

fn choices<T: Copy>(
    all: &[T],
    value: impl Fn(T) -> &'static str,
    label: impl Fn(T) -> &'static str,
    chosen: &[String],
) -> Vec<Choice> {
    all.iter()
        .map(|x| Choice {
            value: value(*x).to_owned(),
            label: label(*x).to_owned(),
            checked: chosen.iter().any(|c| c == value(*x)),
        })
        .collect()
}

/// A labelled value of a guide; `None` shows as "not yet provided".
pub struct Fact {
    pub(super) label: &'static str,
    pub(super) value: Option<String>,
}

pub(super) fn fact(label: &'static str, value: Option<String>) -> Fact {
    Fact { label, value }
}

// ---------------------------------------------------------------------------------------
// Item list

/// The query parameters of the item list.
#[derive(Deserialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    department: String,
    page: Option<i64>,
}

#[derive(Template)]
#[template(path = "console/items.html")]
struct ListPage {
    l: Layout,
    nav: Vec<NavLink>,
    rows: Vec<Arc<ItemRow>>,
    q: String,
    departments: Vec<Choice>,
    pager: Pager,
}

/// `GET /console/items`: the items the caller may edit, by department and name.
pub async fn list(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ListQuery>,
) -> Result<Response, Error> {
    let page = Page::new(q.page, None, 50)?;
    let snapshot = app.catalog()?.snapshot();
    let mine: Vec<&Arc<ItemRow>> = snapshot
        .all()
        .iter()
        .filter(|r| ctx.principal.may(Permission::EditItems, &r.scope()))
        .collect();
    let lang = ctx.prefs.lang;
    let names: BTreeSet<(String, DepartmentId)> = mine
        .iter()
        .map(|r| (r.department_name.clone(), r.department))
        .collect();
    let departments = names
        .into_iter()
        .map(|(name, id)| Choice {
            checked: id.to_string() == q.department.trim(),
            value: id.to_string(),
            label: yiwang_kit::zh::display(&name, lang),
        })
        .collect();
    let needle = q.q.trim();
    let matching: Vec<Arc<ItemRow>> = mine
        .into_iter()
        .filter(|r| {
            q.department.trim().is_empty() || r.department.to_string() == q.department.trim()
        })
        .filter(|r| {
            needle.is_empty()
                || r.name.contains(needle)
                || r.code.as_deref().is_some_and(|c| c.contains(needle))
        })
        .cloned()
        .collect();
    let total = matching.len() as i64;
    let rows = matching
        .into_iter()
        .skip(page.offset() as usize)
        .take(page.limit() as usize)
        .collect();
    let base = format!(
        "/console/items?q={}&department={}",
        percent_encode(needle),
        percent_encode(q.department.trim())
    );
    let l = Layout::new(&app, &ctx, ctx.t().console_items(), Section::Console).await;
    html(&ListPage {
        nav: nav(&app, &ctx, "/console/items"),
        l,
        rows,
        q: q.q,
        departments,
        pager: Pager::new(&base, page, total),
    })
}

// ---------------------------------------------------------------------------------------
// Item form: create, edit, preview

/// The item form as posted: every field as typed, checkbox groups collected from repeated
/// keys (`tags=a&tags=b`), which the usual form extractor cannot do.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct ItemForm {
    input: ItemInput,
    is_group: bool,
    version: String,
    action: String,
}

impl ItemForm {
    /// Reads the decoded `name=value` pairs of a posted form, in order; unknown names (the
    /// anti-forgery token) are ignored.
    pub fn from_pairs(pairs: Vec<(String, String)>) -> ItemForm {
        let mut f = ItemForm::default();
        for (name, value) in pairs {
            let i = &mut f.input;
            let slot = match name.as_str() {
                "tags" => {
                    i.tags.push(value);
                    continue;
                }
                "topics" => {
                    i.topics.push(value);
                    continue;
                }
                "subjects" => {
                    i.subjects.push(value);
                    continue;
                }
                "channels" => {
                    i.channels.push(value);
                    continue;
                }
                "is_group" => {
                    f.is_group = !value.is_empty();
                    continue;
                }
                "name" => &mut i.name,
                "code" => &mut i.code,
                "item_type" => &mut i.item_type,
                "department" => &mut i.department,
                "region" => &mut i.region,
                "parent" => &mut i.parent,
                "online_url" => &mut i.online_url,
                "conditions" => &mut i.conditions,
                "materials" => &mut i.materials,
                "steps" => &mut i.steps,
                "statutory_days" => &mut i.statutory_days,
                "promised_days" => &mut i.promised_days,
                "fees" => &mut i.fees,
                "legal_basis" => &mut i.legal_basis,
                "place" => &mut i.place,
                "hours" => &mut i.hours,
                "phone" => &mut i.phone,
                "visits" => &mut i.visits,
                "faq" => &mut i.faq,
                "policies" => &mut i.policies,
                "consult" => &mut i.consult,
                "complaint" => &mut i.complaint,
                "note" => &mut i.note,
                "version" => &mut f.version,
                "action" => &mut f.action,
                _ => continue,
            };
            *slot = value;
        }
        f
    }

    fn previewing(&self) -> bool {
        self.action == "preview"
    }
}

/// The guide as the public page will read it: what an editor checks before publishing, and
/// what an old version said.
pub struct Preview {
    pub(super) name: String,
    pub(super) conditions: Option<String>,
    pub(super) materials: Option<Vec<Material>>,
    pub(super) steps: Option<Vec<String>>,
    pub(super) when: Vec<Fact>,
    pub(super) contact: Vec<Fact>,
    pub(super) faq: Option<Vec<Faq>>,
    pub(super) more: Vec<Fact>,
}

fn days(t: Tr, d: Option<u32>) -> Option<String> {
    d.map(|n| {
        if n == 0 {
            t.days_immediate().to_owned()
        } else {
            t.working_days(n)
        }
    })
}

/// Builds the preview of a guide. Place, hours and phone fall back to the department's, as on
/// the public page (`department` is `None` for a version, which shows only what it said).
pub(super) fn preview(t: Tr, name: &str, g: &Guide, department: Option<&Department>) -> Preview {
    let or_dept = |own: &Option<String>, of: fn(&Department) -> &Option<String>| {
        own.clone()
            .or_else(|| department.and_then(|d| of(d).clone()))
    };
    Preview {
        name: name.to_owned(),
        conditions: g.conditions.clone(),
        materials: g.materials.clone(),
        steps: g
            .steps
            .as_ref()
            .map(|s| s.iter().map(|s| s.text.clone()).collect()),
        when: vec![
            fact(t.guide_promised(), days(t, g.promised_days)),
            fact(t.guide_statutory(), days(t, g.statutory_days)),
            fact(t.guide_visits(), g.visits.map(|v| t.visits(v).to_owned())),
            fact(
                t.guide_channels(),
                g.channels.as_ref().map(|c| {
                    c.iter()
                        .map(|c| t.channel(*c))
                        .collect::<Vec<_>>()
                        .join("、")
                }),
            ),
            fact(t.guide_fees(), g.fees.clone()),
        ],
        contact: vec![
            fact(t.guide_place(), or_dept(&g.place, |d| &d.address)),
            fact(t.guide_hours(), or_dept(&g.hours, |d| &d.hours)),
            fact(t.guide_phone(), or_dept(&g.phone, |d| &d.phone)),
            fact(t.guide_consult(), g.consult.clone()),
            fact(t.guide_complaint(), g.complaint.clone()),
        ],
        faq: g.faq.clone(),
        more: vec![
            fact(t.guide_legal_basis(), g.legal_basis.clone()),
            fact(
                t.guide_policies(),
                g.policies.as_ref().map(|p| p.join("；")),
            ),
        ],
    }
}

/// The label of a form field, to name it in the error summary.
fn field_label(t: Tr, field: &str) -> &'static str {
    match field {
        "name" => t.item_name_label(),
        "code" => t.guide_code(),
        "item_type" => t.guide_type(),
        "department" => t.item_department_label(),
        "region" => t.item_region_label(),
        "parent" => t.item_parent_label(),
        "tags" => t.facet_tag(),
        "topics" => t.facet_topic(),
        "subjects" => t.guide_subjects(),
        "channels" => t.guide_channels(),
        "online_url" => t.item_online_url_label(),
        "conditions" => t.item_conditions_label(),
        "materials" => t.item_materials_label(),
        "steps" => t.item_steps_label(),
        "statutory_days" => t.guide_statutory(),
        "promised_days" => t.guide_promised(),
        "fees" => t.guide_fees(),
        "legal_basis" => t.guide_legal_basis(),
        "place" => t.guide_place(),
        "hours" => t.guide_hours(),
        "phone" => t.guide_phone(),
        "visits" => t.guide_visits(),
        "faq" => t.guide_faq(),
        "policies" => t.guide_policies(),
        "consult" => t.guide_consult(),
        "complaint" => t.guide_complaint(),
        "note" => t.item_note_label(),
        _ => "",
    }
}

/// The item being edited, for the links around the form.
pub struct Editing {
    id: ItemId,
    name: String,
    is_group: bool,
    withdrawn: bool,
}

#[derive(Template)]
#[template(path = "console/item_form.html")]
struct FormPage {
    l: Layout,
    nav: Vec<NavLink>,
    heading: &'static str,
    action: String,
    editing: Option<Editing>,
    f: ItemForm,
    types: Vec<Choice>,
    departments: Vec<Choice>,
    tags: Vec<Choice>,
    topics: Vec<Choice>,
    subjects: Vec<Choice>,
    channels: Vec<Choice>,
    visits: Vec<Choice>,
    errors: FormErrors,
    summary: FormErrors,
    conflict: bool,
    preview: Option<Preview>,
}

impl FormPage {
    fn errs(&self, field: &str) -> Vec<&str> {
        self.errors.all(field)
    }
}

/// The departments the caller may put items in.
async fn departments_for(app: &AppState, ctx: &Ctx) -> Result<Vec<Department>, Error> {
    let all = app.store.departments_under(&app.config.root_region).await?;
    Ok(all
        .into_iter()
        .filter(|d| {
            ctx.principal.may(
                Permission::EditItems,
                &Scope::department(d.id, d.region.clone()),
            )
        })
        .collect())
}

async fn form_page(
    app: &AppState,
    ctx: &Ctx,
    editing: Option<Editing>,
    f: ItemForm,
    errors: FormErrors,
    preview: Option<Preview>,
) -> Result<FormPage, Error> {
    let t = ctx.t();
    let lang = ctx.prefs.lang;
    let (heading, action) = match &editing {
        Some(e) => (t.item_edit(), format!("/console/items/{}", e.id)),
        None => (t.item_new(), "/console/items".to_owned()),
    };
    let i = &f.input;
    let one = |v: &String| vec![v.trim().to_owned()];
    let departments = departments_for(app, ctx)
        .await?
        .into_iter()
        .map(|d| Choice {
            checked: d.id.to_string() == i.department.trim(),
            value: d.id.to_string(),
            label: yiwang_kit::zh::display(&d.name, lang),
        })
        .collect();
    let mut visits = vec![Choice {
        value: String::new(),
        label: t.item_visits_unknown().to_owned(),
        checked: i.visits.trim().is_empty(),
    }];
    visits.extend(choices(
        &Visits::ALL,
        Visits::as_str,
        |v| t.visits(v),
        &one(&i.visits),
    ));
    let summary = FormErrors {
        items: errors
            .items
            .iter()
            .map(|(field, message)| {
                let label = field_label(t, field);
                let text = if label.is_empty() {
                    message.clone()
                } else {
                    format!("{label}{}{message}", t.pick("：", "：", ": "))
                };
                (field.clone(), text)
            })
            .collect(),
        general: errors.general.clone(),
    };
    let l = Layout::new(app, ctx, heading, Section::Console).await;
    Ok(FormPage {
        nav: nav(app, ctx, "/console/items"),
        l,
        heading,
        action,
        editing,
        types: choices(
            &ItemType::ALL,
            ItemType::as_str,
            |x| t.item_type(x),
            &one(&i.item_type),
        ),
        departments,
        tags: choices(&Tag::ALL, Tag::as_str, |x| t.tag(x), &i.tags),
        topics: choices(&Topic::ALL, Topic::as_str, |x| t.topic(x), &i.topics),
        subjects: choices(
            &Subject::ALL,
            Subject::as_str,
            |x| t.subject(x),
            &i.subjects,
        ),
        channels: choices(
            &Channel::ALL,
            Channel::as_str,
            |x| t.channel(x),
            &i.channels,
        ),
        visits,
        conflict: errors.general.is_some() && errors.items.is_empty(),
        errors,
        summary,
        preview,
        f,
    })
}

fn editing(item: &Item) -> Editing {
    Editing {
        id: item.row.id,
        name: item.row.name.clone(),
        is_group: item.row.is_group,
        withdrawn: item.row.status == ItemStatus::Withdrawn,
    }
}

/// Shows the form again with a preview of the guide, or with its errors; saves nothing.
async fn show_preview(
    app: &AppState,
    ctx: &Ctx,
    editing: Option<Editing>,
    f: ItemForm,
) -> Result<Response, Error> {
    let t = ctx.t();
    match f.input.validate() {
        Ok(v) => {
            let department = app
                .catalog()?
                .snapshot()
                .departments
                .get(&v.department)
                .cloned();
            let p = preview(t, &v.name, &v.guide, department.as_deref());
            html(&form_page(app, ctx, editing, f, FormErrors::default(), Some(p)).await?)
        }
        Err(e) => {
            let errors = FormErrors::from_error(&e, t);
            html_invalid(&form_page(app, ctx, editing, f, errors, None).await?)
        }
    }
}

/// `GET /console/items/new`.
pub async fn new_form(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    let mut f = ItemForm::default();
    match departments_for(&app, &ctx).await?.as_slice() {
        [only] => {
            f.input.department = only.id.to_string();
            f.input.region = only.region.to_string();
        }
        _ => f.input.region = app.config.root_region.to_string(),
    }
    html(&form_page(&app, &ctx, None, f, FormErrors::default(), None).await?)
}

/// `POST /console/items`: previews, or creates the item and opens its public page.
pub async fn create(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, Error> {
    let f = ItemForm::from_pairs(pairs);
    if f.previewing() {
        return show_preview(&app, &ctx, None, f).await;
    }
    match svc::create_item(&app, &ctx, &f.input, f.is_group).await {
        Ok(id) => Ok(see_other(&format!("/items/{id}"))),
        Err(e) => {
            let (errors, code) = form_refusal(e, ctx.t())?;
            let res = html_invalid(&form_page(&app, &ctx, None, f, errors, None).await?)?;
            Ok(with_status(res, code))
        }
    }
}

/// `GET /console/items/{id}`.
pub async fn edit_form(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<ItemId>,
) -> Result<Response, Error> {
    let item = svc::editable(&app, &ctx, id).await?;
    let f = ItemForm {
        input: item.to_input(),
        is_group: item.row.is_group,
        version: item.row.version.to_string(),
        action: String::new(),
    };
    html(
        &form_page(
            &app,
            &ctx,
            Some(editing(&item)),
            f,
            FormErrors::default(),
            None,
        )
        .await?,
    )
}

/// `POST /console/items/{id}`: previews, or publishes a new version and opens the public page.
pub async fn update(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<ItemId>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, Error> {
    let item = svc::editable(&app, &ctx, id).await?;
    let f = ItemForm::from_pairs(pairs);
    if f.previewing() {
        return show_preview(&app, &ctx, Some(editing(&item)), f).await;
    }
    let result = match svc::version(&f.version) {
        Ok(version) => svc::update_item(&app, &ctx, item.row.id, &f.input, version).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => Ok(see_other(&format!("/items/{}", item.row.id))),
        Err(e) => {
            let (errors, code) = form_refusal(e, ctx.t())?;
            let page = form_page(&app, &ctx, Some(editing(&item)), f, errors, None).await?;
            Ok(with_status(html_invalid(&page)?, code))
        }
    }
}

#[cfg(test)]
mod tests {
    use axum::extract::FromRequest;

    use super::*;

    async fn posted(body: &'static str) -> ItemForm {
        let req = http::Request::post("/console/items")
            .header(
                http::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded",
            )
            .body(axum::body::Body::from(body))
            .unwrap();
        let Form(pairs) = Form::<Vec<(String, String)>>::from_request(req, &())
            .await
            .ok()
            .unwrap();
        ItemForm::from_pairs(pairs)
    }

    #[tokio::test]
    async fn ticked_boxes_arrive_as_lists_in_the_order_they_were_ticked() {
        let f = posted(
            "_csrf=abc&name=%E5%A4%B1%E4%B8%9A%E9%87%91&tags=one_visit&topics=employment\
             &tags=by_post&channels=online&channels=window&subjects=person&action=publish",
        )
        .await;
        assert_eq!(f.input.name, "失业金");
        assert_eq!(f.input.tags, ["one_visit", "by_post"]);
        assert_eq!(f.input.topics, ["employment"]);
        assert_eq!(f.input.channels, ["online", "window"]);
        assert_eq!(f.input.subjects, ["person"]);
        assert!(!f.previewing());
    }

    #[tokio::test]
    async fn lines_and_plus_signs_survive_and_unknown_fields_are_ignored() {
        let f = posted(
            "materials=a+%7C+%E5%8E%9F%E4%BB%B6%0D%0Ab&visits=2%2B&version=3&action=preview&evil=1",
        )
        .await;
        assert_eq!(f.input.materials, "a | 原件\r\nb");
        assert_eq!(f.input.visits, "2+");
        assert_eq!(f.version, "3");
        assert!(f.previewing());
    }

    #[test]
    fn an_unticked_form_has_empty_lists_and_is_not_a_group() {
        let f = ItemForm::from_pairs(vec![("name".into(), "x".into())]);
        assert!(f.input.tags.is_empty() && f.input.channels.is_empty());
        assert!(!f.is_group);
        let g = ItemForm::from_pairs(vec![("is_group".into(), "1".into())]);
        assert!(g.is_group);
    }
}
