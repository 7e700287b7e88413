//! The editors' console (PUB-1…3): documents by state, writing and correcting, the review
//! steps, pictures with their alt text, the history, and comparing two revisions.

use askama::Template;
use axum::extract::{Request, State};
use axum::response::Response;
use serde::Deserialize;
use yiwang_domain::ids::DocId;
use yiwang_domain::paging::Page;
use yiwang_domain::publishing::{
    DisclosureCategory, DocInput, DocKind, DocState, Publicity, Validity, Who,
};
use yiwang_domain::{ErrorCode, FieldCode};
use yiwang_store::publishing::{ColumnRow, DocRow};

use super::{Opt, column_name};
use crate::services::docs::{self, StepInput};
use crate::services::writer_home;
use crate::texts::*;
use yiwang_kit::console::{NavLink, nav};
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Form, Path, Query};
use yiwang_kit::i18n::Tr;
use yiwang_kit::respond::see_other;
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{FormErrors, Layout, Pager, html, html_invalid};

const HOME: &str = "/console/news";

/// A document in the console's list.
pub struct Row {
    id: String,
    title: String,
    column: String,
    state: &'static str,
    updated: String,
}

/// A tab of the list.
pub struct Tab {
    href: String,
    label: &'static str,
    current: bool,
}

#[derive(Template)]
#[template(path = "console/news/list.html")]
struct ListPage {
    l: Layout,
    nav: Vec<NavLink>,
    tabs: Vec<Tab>,
    rows: Vec<Row>,
    pager: Pager,
    columns: Vec<(String, String)>,
    may_write: bool,
    /// A platform admin sets up the columns.
    may_columns: bool,
}

#[derive(Deserialize)]
/// The query of the page.
pub struct ListQuery {
    #[serde(default)]
    state: String,
    page: Option<i64>,
}

fn columns_named(columns: &[ColumnRow], t: Tr) -> Vec<(String, String)> {
    columns
        .iter()
        .map(|c| (c.code.clone(), column_name(c, t)))
        .collect()
}

/// `GET /console/news`: the documents of the caller's region, by state.
pub async fn list(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ListQuery>,
) -> Result<Response, Error> {
    let t = ctx.t();
    let region = match writer_home(&ctx) {
        Some((r, _)) => r.as_str().to_owned(),
        None => app.config.root_region.as_str().to_owned(),
    };
    let state = DocState::parse(q.state.trim());
    let page = Page::new(q.page, None, 30)?;
    let states: Vec<DocState> = state.into_iter().collect();
    let (rows, total) = app.store.console_docs(&states, &region, page).await?;
    let columns = app.store.doc_columns().await?;
    let named = columns_named(&columns, t);
    let name_of = |code: &str| {
        named
            .iter()
            .find(|(c, _)| c == code)
            .map(|(_, n)| n.clone())
            .unwrap_or_default()
    };
    let mut tabs = vec![Tab {
        href: HOME.to_owned(),
        label: t.pub_all(),
        current: state.is_none(),
    }];
    tabs.extend(DocState::ALL.iter().map(|s| Tab {
        href: format!("{HOME}?state={}", s.as_str()),
        label: state_name(t, *s),
        current: state == Some(*s),
    }));
    let l = Layout::new(&app, &ctx, t.pub_console_title(), Section::Console).await;
    html(&ListPage {
        nav: nav(&app, &ctx, HOME),
        l,
        tabs,
        rows: rows
            .iter()
            .map(|r| Row {
                id: r.id.to_string(),
                title: r.doc.title.clone(),
                column: name_of(&r.column),
                state: state_name(t, r.state),
                updated: r.updated_at.display_minutes(),
            })
            .collect(),
        pager: Pager::new(
            &format!("{HOME}?state={}", state.map_or("", DocState::as_str)),
            page,
            total,
        ),
        columns: named,
        may_write: writer_home(&ctx).is_some(),
        may_columns: yiwang_domain::auth::allows_somewhere(
            ctx.principal.actor(),
            yiwang_domain::auth::Permission::ManageColumns,
        ),
    })
}

/// The editor's form, as typed.
#[derive(Debug, Default, Deserialize)]
pub struct DocForm {
    #[serde(default)]
    column: String,
    #[serde(flatten)]
    input: DocInput,
    /// Text, not a number: a flattened form reads every value as text.
    #[serde(default)]
    revision: String,
    #[serde(default)]
    correction_note: String,
}

/// The metadata selects of a policy document.
pub struct PolicyChoices {
    categories: Vec<Opt>,
    publicities: Vec<Opt>,
    validities: Vec<Opt>,
}

fn policy_choices(t: Tr, f: &DocInput) -> PolicyChoices {
    PolicyChoices {
        categories: DisclosureCategory::ALL
            .iter()
            .map(|c| Opt {
                value: c.as_str().to_owned(),
                label: category_name(t, *c).to_owned(),
                selected: f.category == c.as_str(),
            })
            .collect(),
        publicities: Publicity::ALL
            .iter()
            .map(|p| Opt {
                value: p.as_str().to_owned(),
                label: publicity_name(t, *p).to_owned(),
                selected: f.publicity == p.as_str(),
            })
            .collect(),
        validities: Validity::ALL
            .iter()
            .map(|v| Opt {
                value: v.as_str().to_owned(),
                label: validity_name(t, *v).to_owned(),
                selected: f.validity == v.as_str(),
            })
            .collect(),
    }
}

/// What a field is called, for error sentences that name it.
fn field_label(t: Tr, field: &str) -> Option<String> {
    Some(
        match field {
            "title" => t.pub_f_title(),
            "summary" => t.pub_f_summary(),
            "body" => t.pub_f_body(),
            "source" => t.pub_source_label(),
            "author" => t.pub_author_label(),
            "tags" => t.pub_f_tags(),
            "index_no" => t.pub_index_no(),
            "doc_no" => t.pub_doc_no(),
            "issuer" => t.pub_issuer(),
            "issued_on" => t.pub_issued_on(),
            "effective_on" => t.pub_effective_on(),
            "validity" => t.pub_validity(),
            "replaced_by" => t.pub_f_replaced_by(),
            "category" => t.pub_category(),
            "publicity" => t.pub_publicity(),
            "correction_note" => t.pub_f_correction_note(),
            "column" => t.pub_f_column(),
            "note" | "comment" | "reason" => t.pub_f_note(),
            "publish_at" => t.pub_f_publish_at(),
            "alt" => t.pub_f_alt(),
            "interprets" => t.pub_f_interprets(),
            "items" => t.pub_f_items(),
            "image" => t.pub_f_image(),
            _ => return None,
        }
        .to_owned(),
    )
}

fn errors_of(e: &yiwang_domain::Error, t: Tr) -> FormErrors {
    FormErrors::from_error_named(e, t, |f| field_label(t, f))
}

#[derive(Template)]
#[template(path = "console/news/edit.html")]
struct EditPage {
    l: Layout,
    nav: Vec<NavLink>,
    /// `None` for a new document.
    id: Option<String>,
    column: String,
    column_name: String,
    policy: bool,
    f: DocInput,
    choices: PolicyChoices,
    revision: String,
    /// A published document is corrected: the note is asked for.
    correcting: bool,
    correction_note: String,
    errors: FormErrors,
}

#[derive(Deserialize)]
/// The query of the page.
pub struct NewQuery {
    #[serde(default)]
    column: String,
}

/// `GET /console/news/new?column=…`: a new document in a column.
pub async fn new_form(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<NewQuery>,
) -> Result<Response, Error> {
    writer_home(&ctx).ok_or_else(Error::forbidden)?;
    let c = docs::column(&app, q.column.trim())
        .await
        .map_err(|_| Error::not_found())?;
    let f = DocForm {
        column: c.code.clone(),
        ..DocForm::default()
    };
    html(&edit_page(&app, &ctx, None, &c, f, false, FormErrors::default()).await?)
}

async fn edit_page(
    app: &AppState,
    ctx: &Ctx,
    id: Option<DocId>,
    c: &ColumnRow,
    f: DocForm,
    correcting: bool,
    errors: FormErrors,
) -> Result<EditPage, Error> {
    let t = ctx.t();
    let title = if id.is_some() {
        t.pub_edit_title()
    } else {
        t.pub_new_title()
    };
    let l = Layout::new(app, ctx, title, Section::Console).await;
    Ok(EditPage {
        nav: nav(app, ctx, HOME),
        l,
        id: id.map(|d| d.to_string()),
        column: c.code.clone(),
        column_name: column_name(c, t),
        policy: c.kind == DocKind::Policy,
        choices: policy_choices(t, &f.input),
        f: f.input,
        revision: f.revision,
        correcting,
        correction_note: f.correction_note,
        errors,
    })
}

/// `POST /console/news`: creates the draft.
pub async fn create(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(f): Form<DocForm>,
) -> Result<Response, Error> {
    match docs::create(&app, &ctx, f.column.trim(), &f.input).await {
        Ok(id) => Ok(see_other(&format!("{HOME}/{id}?saved=1"))),
        Err(Error::Domain(e)) if e.code == ErrorCode::ValidationFailed => {
            let c = docs::column(&app, f.column.trim())
                .await
                .map_err(|_| Error::not_found())?;
            let errors = errors_of(&e, ctx.t());
            html_invalid(&edit_page(&app, &ctx, None, &c, f, false, errors).await?)
        }
        Err(e) => Err(e),
    }
}

/// A revision in the history.
pub struct RevisionLine {
    revision: i64,
    /// The revision before it (numbers skip the workflow's steps).
    previous: Option<i64>,
    at: String,
    note: String,
    correction: bool,
}

/// A step in the history.
pub struct EventLine {
    at: String,
    step: &'static str,
    note: String,
}

#[derive(Template)]
#[template(path = "console/news/doc.html")]
struct DocPage {
    l: Layout,
    nav: Vec<NavLink>,
    row: DocRow,
    state: &'static str,
    column_name: String,
    who: Who,
    editable: bool,
    actions: Vec<Opt>,
    publish_at: String,
    revisions: Vec<RevisionLine>,
    events: Vec<EventLine>,
    done: bool,
    saved: bool,
    image: String,
    image_alt: String,
    errors: FormErrors,
    note: String,
}

#[derive(Deserialize, Default)]
/// The query of the page.
pub struct DocQuery {
    #[serde(default)]
    saved: Option<String>,
    #[serde(default)]
    done: Option<String>,
    #[serde(default)]
    image: String,
}

fn actions(t: Tr, row: &DocRow, w: Who, chosen: &str) -> Vec<Opt> {
    let mut v: Vec<(&str, &str)> = Vec::new();
    match row.state {
        DocState::Draft if w.writes => v.push(("submit", t.pub_a_submit())),
        DocState::InReview if w.reviews => {
            if !w.is_author {
                v.push(("approve", t.pub_a_approve()));
            }
            v.push(("send_back", t.pub_a_send_back()));
        }
        DocState::Scheduled if w.reviews => v.push(("unschedule", t.pub_a_unschedule())),
        DocState::Published if w.reviews => {
            if row.picked_at.is_some() {
                v.push(("unpick", t.pub_a_unpick()));
            } else {
                v.push(("pick", t.pub_a_pick()));
            }
            v.push(("withdraw", t.pub_a_withdraw()));
        }
        _ => {}
    }
    v.into_iter()
        .map(|(value, label)| Opt {
            value: value.to_owned(),
            label: label.to_owned(),
            selected: value == chosen,
        })
        .collect()
}

#[allow(clippy::too_many_arguments)]
async fn doc_page(
    app: &AppState,
    ctx: &Ctx,
    id: DocId,
    q: DocQuery,
    step: &StepInput,
    errors: FormErrors,
) -> Result<DocPage, Error> {
    let t = ctx.t();
    let (row, w) = docs::for_staff(app, ctx, id).await?;
    let columns = app.store.doc_columns().await?;
    let column = columns
        .iter()
        .find(|c| c.code == row.column)
        .map(|c| column_name(c, t))
        .unwrap_or_default();
    let rows = app.store.doc_revisions(id).await?;
    let revisions = rows
        .iter()
        .enumerate()
        .map(|(i, r)| RevisionLine {
            revision: r.revision,
            previous: rows.get(i + 1).map(|p| p.revision),
            at: r.at.display_minutes(),
            note: r.note.clone(),
            correction: r.correction,
        })
        .collect();
    let events = app
        .store
        .doc_events(id)
        .await?
        .into_iter()
        .map(|e| EventLine {
            at: e.at.display_minutes(),
            step: step_name(t, &e.step),
            note: e.note,
        })
        .collect();
    let image_alt = match q.image.trim().parse() {
        Ok(img) => app
            .store
            .doc_image(img)
            .await?
            .map(|i| i.alt)
            .unwrap_or_default(),
        Err(_) => String::new(),
    };
    let l = Layout::new(app, ctx, row.doc.title.clone(), Section::Console).await;
    Ok(DocPage {
        nav: nav(app, ctx, HOME),
        l,
        state: state_name(t, row.state),
        column_name: column,
        editable: yiwang_domain::publishing::may_edit(row.state, w),
        actions: actions(t, &row, w, &step.action),
        publish_at: step.publish_at.clone(),
        who: w,
        revisions,
        events,
        done: q.done.is_some(),
        saved: q.saved.is_some(),
        image: if image_alt.is_empty() {
            String::new()
        } else {
            q.image
        },
        image_alt,
        errors,
        note: step.note.clone(),
        row,
    })
}

/// `GET /console/news/{id}`: the document, what the caller may do with it, its history.
pub async fn doc(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<DocId>,
    Query(q): Query<DocQuery>,
) -> Result<Response, Error> {
    html(
        &doc_page(
            &app,
            &ctx,
            id,
            q,
            &StepInput::default(),
            FormErrors::default(),
        )
        .await?,
    )
}

/// `GET /console/news/{id}/edit`: the words, to change (a draft) or correct (published).
pub async fn edit_form(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<DocId>,
) -> Result<Response, Error> {
    let (row, w) = docs::for_staff(&app, &ctx, id).await?;
    if !yiwang_domain::publishing::may_edit(row.state, w) {
        return Ok(see_other(&format!("{HOME}/{id}")));
    }
    let c = docs::column(&app, &row.column).await?;
    let p = row.doc.policy.as_ref();
    let input = DocInput {
        title: row.doc.title.clone(),
        summary: row.doc.summary.clone(),
        body: row.doc.body.clone(),
        source: row.doc.source.clone(),
        author: row.doc.author.clone(),
        tags: row.doc.tags.join("，"),
        index_no: p.map(|p| p.index_no.clone()).unwrap_or_default(),
        doc_no: p.map(|p| p.doc_no.clone()).unwrap_or_default(),
        issuer: p.map(|p| p.issuer.clone()).unwrap_or_default(),
        issued_on: p.map(|p| p.issued_on.to_string()).unwrap_or_default(),
        effective_on: p
            .and_then(|p| p.effective_on)
            .map(|d| d.to_string())
            .unwrap_or_default(),
        validity: p
            .map(|p| p.validity.as_str().to_owned())
            .unwrap_or_default(),
        replaced_by: p.map(|p| p.replaced_by.clone()).unwrap_or_default(),
        category: p
            .map(|p| p.category.as_str().to_owned())
            .unwrap_or_default(),
        publicity: p
            .map(|p| p.publicity.as_str().to_owned())
            .unwrap_or_default(),
        interprets: row.doc.interprets.join("\n"),
        items: row
            .doc
            .items
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n"),
    };
    let f = DocForm {
        column: c.code.clone(),
        input,
        revision: row.revision.to_string(),
        correction_note: String::new(),
    };
    let correcting = row.state == DocState::Published;
    html(
        &edit_page(
            &app,
            &ctx,
            Some(id),
            &c,
            f,
            correcting,
            FormErrors::default(),
        )
        .await?,
    )
}

/// `POST /console/news/{id}/edit`: saves the words (or the correction).
pub async fn save(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<DocId>,
    Form(f): Form<DocForm>,
) -> Result<Response, Error> {
    let revision = f.revision.trim().parse().unwrap_or(0);
    match docs::save(&app, &ctx, id, revision, &f.input, &f.correction_note).await {
        Ok(()) => Ok(see_other(&format!("{HOME}/{id}?saved=1"))),
        Err(Error::Domain(e))
            if matches!(e.code, ErrorCode::ValidationFailed | ErrorCode::Conflict) =>
        {
            let (row, _) = docs::for_staff(&app, &ctx, id).await?;
            let c = docs::column(&app, &row.column).await?;
            let errors = errors_of(&e, ctx.t());
            let correcting = row.state == DocState::Published;
            html_invalid(&edit_page(&app, &ctx, Some(id), &c, f, correcting, errors).await?)
        }
        Err(e) => Err(e),
    }
}

/// `POST /console/news/{id}/step`: submits, approves (now or at a time), sends back,
/// unschedules or withdraws.
pub async fn step(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<DocId>,
    Form(s): Form<StepInput>,
) -> Result<Response, Error> {
    match docs::step(&app, &ctx, id, &s).await {
        Ok(_) => Ok(see_other(&format!("{HOME}/{id}?done=1"))),
        Err(Error::Domain(e))
            if matches!(e.code, ErrorCode::ValidationFailed | ErrorCode::Conflict) =>
        {
            let t = ctx.t();
            let mut errors = errors_of(&e, t);
            for (field, message) in &mut errors.items {
                // The comment and the reason are typed in one box, `f-note`.
                if field == "comment" || field == "reason" {
                    *field = "note".to_owned();
                }
                // Four eyes: say why, not the generic "cannot refer to itself".
                if field == "action" && e.fields.get("action") == Some(FieldCode::SelfReference) {
                    *message = t.pub_own_document().to_owned();
                }
            }
            html_invalid(&doc_page(&app, &ctx, id, DocQuery::default(), &s, errors).await?)
        }
        Err(e) => Err(e),
    }
}

/// `POST /console/news/{id}/images` (multipart: the picture and its alt text): keeps the
/// picture and shows the line to put in the text.
pub async fn upload_image(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<DocId>,
    req: Request,
) -> Result<Response, Error> {
    docs::for_staff(&app, &ctx, id).await?;
    let (alt, bytes) = super::read_upload(req, "alt", "image").await?;
    match docs::upload_image(&app, &ctx, bytes, &alt).await {
        Ok(img) => Ok(see_other(&format!("{HOME}/{id}?image={img}#image-title"))),
        Err(Error::Domain(e)) if e.code == ErrorCode::ValidationFailed => {
            let errors = errors_of(&e, ctx.t());
            html_invalid(
                &doc_page(
                    &app,
                    &ctx,
                    id,
                    DocQuery::default(),
                    &StepInput::default(),
                    errors,
                )
                .await?,
            )
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "console/news/compare.html")]
struct ComparePage {
    l: Layout,
    nav: Vec<NavLink>,
    id: String,
    from: i64,
    to: i64,
    lines: Vec<(char, String)>,
    changed: bool,
}

#[derive(Deserialize)]
/// The query of the page.
pub struct CompareQuery {
    from: Option<i64>,
    to: Option<i64>,
}

/// `GET /console/news/{id}/compare?from=1&to=3`: what changed between two revisions, line by
/// line (title, summary and body).
pub async fn compare(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<DocId>,
    Query(q): Query<CompareQuery>,
) -> Result<Response, Error> {
    let t = ctx.t();
    let (row, _) = docs::for_staff(&app, &ctx, id).await?;
    let revisions = app.store.doc_revisions(id).await?;
    let to = q.to.unwrap_or(revisions.first().map_or(1, |r| r.revision));
    // The one before `to` (revision numbers also count the workflow's steps).
    let from = q.from.unwrap_or_else(|| {
        revisions
            .iter()
            .map(|r| r.revision)
            .find(|r| *r < to)
            .unwrap_or(to)
    });
    let text = |n: i64| {
        revisions
            .iter()
            .find(|r| r.revision == n)
            .map(|r| format!("{}\n\n{}\n\n{}", r.title, r.summary, r.body))
            .ok_or_else(Error::not_found)
    };
    let (a, b) = (text(from)?, text(to)?);
    let diff = similar::TextDiff::from_lines(&a, &b);
    let lines: Vec<(char, String)> = diff
        .iter_all_changes()
        .map(|c| {
            let sign = match c.tag() {
                similar::ChangeTag::Delete => '-',
                similar::ChangeTag::Insert => '+',
                similar::ChangeTag::Equal => ' ',
            };
            (sign, c.value().trim_end_matches('\n').to_owned())
        })
        .collect();
    let changed = lines.iter().any(|(s, _)| *s != ' ');
    let l = Layout::new(
        &app,
        &ctx,
        format!("{} · {}", t.pub_compare(), row.doc.title),
        Section::Console,
    )
    .await;
    html(&ComparePage {
        nav: nav(&app, &ctx, HOME),
        l,
        id: id.to_string(),
        from,
        to,
        lines,
        changed,
    })
}
