//! The news columns in the console (PUB-1): the list as readers see its order and nesting, a
//! form to add one, and a form to change one.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use yiwang_domain::ErrorCode;
use yiwang_domain::publishing::{ColumnInput, DocKind};
use yiwang_store::publishing::ColumnRow;

use super::{Opt, column_name};
use crate::services::columns;
use crate::texts::*;
use yiwang_kit::console::{NavLink, nav};
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Form, Path};
use yiwang_kit::i18n::Tr;
use yiwang_kit::respond::see_other;
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{FormErrors, Layout, html, html_invalid};

const HOME: &str = "/console/news/columns";

/// One column in the list.
struct Line {
    code: String,
    name: String,
    nested: bool,
    kind: &'static str,
    position: i64,
    on_home: bool,
}

#[derive(Template)]
#[template(path = "console/news/columns.html")]
struct ColumnsPage {
    l: Layout,
    nav: Vec<NavLink>,
    lines: Vec<Line>,
    /// The column being changed, or `None` for the new-column form.
    editing: Option<String>,
    f: ColumnInput,
    parents: Vec<Opt>,
    kinds: Vec<Opt>,
    errors: FormErrors,
    saved: bool,
}

fn kind_name(t: Tr, k: DocKind) -> &'static str {
    match k {
        DocKind::Article => t.col_kind_article(),
        DocKind::Policy => t.col_kind_policy(),
    }
}

fn input_of(c: &ColumnRow) -> ColumnInput {
    ColumnInput {
        code: c.code.clone(),
        parent: c.parent.clone().unwrap_or_default(),
        kind: c.kind.as_str().to_owned(),
        name_zh: c.name_zh.clone(),
        name_en: c.name_en.clone(),
        position: c.position.to_string(),
        on_home: if c.on_home { "1".into() } else { String::new() },
    }
}

async fn page(
    app: &AppState,
    ctx: &Ctx,
    editing: Option<String>,
    f: ColumnInput,
    errors: FormErrors,
    saved: bool,
) -> Result<ColumnsPage, Error> {
    let t = ctx.t();
    let all = app.store.doc_columns().await?;
    // Top-level columns in order, each followed by the columns nested in it.
    let mut lines = Vec::new();
    for top in all.iter().filter(|c| c.parent.is_none()) {
        for c in std::iter::once(top).chain(
            all.iter()
                .filter(|c| c.parent.as_deref() == Some(&top.code)),
        ) {
            lines.push(Line {
                code: c.code.clone(),
                name: column_name(c, t),
                nested: c.parent.is_some(),
                kind: kind_name(t, c.kind),
                position: c.position,
                on_home: c.on_home,
            });
        }
    }
    let parents = all
        .iter()
        .filter(|c| c.parent.is_none() && Some(&c.code) != editing.as_ref())
        .map(|c| Opt {
            selected: f.parent == c.code,
            value: c.code.clone(),
            label: column_name(c, t),
        })
        .collect();
    let kinds = DocKind::ALL
        .iter()
        .map(|k| Opt {
            selected: f.kind == k.as_str(),
            value: k.as_str().to_owned(),
            label: kind_name(t, *k).to_owned(),
        })
        .collect();
    let title = match &editing {
        Some(_) => t.col_edit_title(),
        None => t.col_title(),
    };
    let l = Layout::new(app, ctx, title, Section::Console).await;
    Ok(ColumnsPage {
        nav: nav(app, ctx, "/console/news"),
        l,
        lines,
        editing,
        f,
        parents,
        kinds,
        errors,
        saved,
    })
}

/// Whether the list was just changed.
#[derive(serde::Deserialize, Default)]
pub struct SavedQuery {
    #[serde(default)]
    saved: Option<String>,
}

/// `GET /console/news/columns`.
pub async fn list(
    State(app): State<AppState>,
    ctx: Ctx,
    yiwang_kit::extract::Query(q): yiwang_kit::extract::Query<SavedQuery>,
) -> Result<Response, Error> {
    let f = ColumnInput {
        kind: DocKind::Article.as_str().to_owned(),
        ..ColumnInput::default()
    };
    html(
        &page(
            &app,
            &ctx,
            None,
            f,
            FormErrors::default(),
            q.saved.is_some(),
        )
        .await?,
    )
}

/// `GET /console/news/columns/{code}`.
pub async fn edit_form(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
) -> Result<Response, Error> {
    let c = app
        .store
        .doc_columns()
        .await?
        .into_iter()
        .find(|c| c.code == code)
        .ok_or_else(Error::not_found)?;
    html(
        &page(
            &app,
            &ctx,
            Some(code),
            input_of(&c),
            FormErrors::default(),
            false,
        )
        .await?,
    )
}

async fn answer(
    app: &AppState,
    ctx: &Ctx,
    f: ColumnInput,
    editing: Option<String>,
) -> Result<Response, Error> {
    match columns::save(app, ctx, &f, editing.as_deref()).await {
        Ok(_) => Ok(see_other(&format!("{HOME}?saved=1"))),
        Err(Error::Domain(e)) if e.code == ErrorCode::ValidationFailed => {
            let t = ctx.t();
            let errors = FormErrors::from_error_named(&e, t, |x| label(t, x));
            html_invalid(&page(app, ctx, editing, f, errors, false).await?)
        }
        Err(e) => Err(e),
    }
}

/// `POST /console/news/columns`: adds a column.
pub async fn create(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(f): Form<ColumnInput>,
) -> Result<Response, Error> {
    answer(&app, &ctx, f, None).await
}

/// `POST /console/news/columns/{code}`: changes a column.
pub async fn save(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    Form(f): Form<ColumnInput>,
) -> Result<Response, Error> {
    answer(&app, &ctx, f, Some(code)).await
}

fn label(t: Tr, field: &str) -> Option<String> {
    Some(
        match field {
            "code" => t.col_f_code(),
            "parent" => t.col_f_parent(),
            "kind" => t.col_f_kind(),
            "name_zh" => t.col_f_name_zh(),
            "name_en" => t.col_f_name_en(),
            "position" => t.col_f_position(),
            _ => return None,
        }
        .to_owned(),
    )
}
