//! The console's preview of a draft form (APP-1), drawn by the applicant's own pages — the
//! task list and each section exactly as an applicant will see them — with a banner saying
//! it is a preview, links that stay inside the preview, and no button that saves or submits.

use std::collections::HashMap;

use axum::response::Response;
use yiwang_domain::forms::{Answers, FormDef};
use yiwang_store::catalog::ItemRow;

use super::section::{SectionView, Sheet, section_page};
use super::{StartPage, TaskRow, status_text, text};
use crate::texts::*;
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{FormErrors, Layout, html};

/// Marks a page drawn as the console's preview.
pub struct PreviewMark {
    /// The builder page to go back to.
    pub back: String,
}

/// The task list of `def`, every section not started; `base` is the preview's address.
pub async fn preview_tasks(
    app: &AppState,
    ctx: &Ctx,
    item: &ItemRow,
    def: &FormDef,
    base: &str,
    back: String,
) -> Result<Response, Error> {
    let t = ctx.t();
    let lang = ctx.prefs.lang;
    let tasks = def
        .sections
        .iter()
        .map(|s| TaskRow {
            href: format!("{base}/{}", s.key),
            title: text(&s.title, lang),
            status: status_text(t, yiwang_domain::forms::SectionStatus::NotStarted),
            complete: false,
            id: format!("task-{}", s.key),
        })
        .collect();
    let l = Layout::new(app, ctx, t.apply_title(), Section::Services).await;
    html(&StartPage {
        l,
        item_name: yiwang_kit::zh::display(&item.name, lang),
        department: yiwang_kit::zh::department(&item.department_name, lang),
        tasks,
        all_complete: false,
        check_href: String::new(),
        prefilled: Vec::new(),
        saved: false,
        preview: Some(PreviewMark { back }),
        assisting: None,
    })
}

/// The draft a section preview is drawn from.
pub struct Draft<'a> {
    /// The item.
    pub item: &'a ItemRow,
    /// Its draft form.
    pub def: &'a FormDef,
    /// The draft's version number.
    pub version: i64,
}

/// One section of the draft with no answers, as an applicant first sees it; `base` is the
/// preview's task list.
pub async fn preview_section(
    app: &AppState,
    ctx: &Ctx,
    draft: Draft<'_>,
    base: &str,
    key: &str,
    back: String,
) -> Result<Response, Error> {
    let answers = Answers::new();
    let sheet = Sheet {
        def: draft.def,
        item: draft.item,
        version: draft.version,
        base: base.to_owned(),
        account: None,
        prefills: &[],
        preview: Some(PreviewMark { back }),
        assisting: None,
        store_prefix: format!("yw-preview:{}:", draft.item.id),
    };
    let view = SectionView {
        answers: &answers,
        errors: FormErrors::default(),
        blanks: HashMap::new(),
        saved: false,
        saved_at: 0,
        back_to_check: false,
    };
    html(&section_page(app, ctx, sheet, key, view).await?)
}
