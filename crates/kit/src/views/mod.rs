//! View models: one typed struct per page, rendered by an askama template. Templates get all
//! their data from these structs and never query anything.

pub mod errors;
pub mod layout;

use askama::Template;
use axum::response::{Html, IntoResponse, Response};
use http::StatusCode;
use yiwang_domain::FieldErrors;
use yiwang_domain::paging::Page;

pub use layout::Layout;

use crate::error::Error;
use crate::i18n::Tr;

/// Renders a page template into an HTML response.
pub fn html<T: Template>(page: &T) -> Result<Response, Error> {
    Ok(Html(page.render()?).into_response())
}

/// Renders a form page again with its errors, as 422 so that programs and tests see the
/// refusal; browsers show it like any page.
pub fn html_invalid<T: Template>(page: &T) -> Result<Response, Error> {
    Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(page.render()?)).into_response())
}

/// Translated field errors of a form, for the error summary and the fields.
#[derive(Debug, Clone, Default)]
pub struct FormErrors {
    /// (field name, message) in form order.
    pub items: Vec<(String, String)>,
    /// A message not tied to a field (e.g. "wrong password").
    pub general: Option<String>,
}

impl FormErrors {
    /// Translates field errors.
    pub fn from_fields(fields: &FieldErrors, t: Tr) -> FormErrors {
        FormErrors {
            items: fields
                .iter()
                .map(|e| {
                    let message = match e.line {
                        Some(n) => format!("{}{}", t.line_prefix(n), t.field(e.code)),
                        None => t.field(e.code).to_owned(),
                    };
                    (e.field.to_string(), message)
                })
                .collect(),
            general: None,
        }
    }

    /// Translates field errors into sentences that name each field (`label` gives a field's
    /// label by its name; a field it does not know keeps the plain sentence), so the error
    /// summary says which field each link goes to.
    pub fn from_fields_named(
        fields: &FieldErrors,
        t: Tr,
        label: impl Fn(&str) -> Option<String>,
    ) -> FormErrors {
        FormErrors {
            items: fields
                .iter()
                .map(|e| {
                    let message = match (label(&e.field), e.line) {
                        (Some(name), None) => t.field_named(e.code, &name),
                        (Some(name), Some(n)) => {
                            format!("{}{}", t.line_prefix(n), t.field_named(e.code, &name))
                        }
                        (None, Some(n)) => format!("{}{}", t.line_prefix(n), t.field(e.code)),
                        (None, None) => t.field(e.code).to_owned(),
                    };
                    (e.field.to_string(), message)
                })
                .collect(),
            general: None,
        }
    }

    /// [`FormErrors::from_error`] with each field named by `label`.
    pub fn from_error_named(
        e: &yiwang_domain::Error,
        t: Tr,
        label: impl Fn(&str) -> Option<String>,
    ) -> FormErrors {
        let mut f = FormErrors::from_fields_named(&e.fields, t, label);
        if e.fields.is_empty() {
            f.general = Some(t.error(e.code).to_owned());
        }
        f
    }

    /// Translates a domain error: field errors on their fields, anything else as a general
    /// message at the top of the form.
    pub fn from_error(e: &yiwang_domain::Error, t: Tr) -> FormErrors {
        let mut f = FormErrors::from_fields(&e.fields, t);
        if e.fields.is_empty() {
            f.general = Some(t.error(e.code).to_owned());
        }
        f
    }

    /// The message for one field.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.items
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }

    /// Every message of one field (a list field can have one per line).
    pub fn all(&self, field: &str) -> Vec<&str> {
        self.items
            .iter()
            .filter(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
            .collect()
    }

    /// Whether there is anything to show.
    pub fn any(&self) -> bool {
        !self.items.is_empty() || self.general.is_some()
    }
}

/// Links for moving between pages of a list.
#[derive(Debug, Clone)]
pub struct Pager {
    /// Current page.
    pub page: u32,
    /// Number of pages.
    pub pages: u32,
    /// URL of the previous page.
    pub prev: Option<String>,
    /// URL of the next page.
    pub next: Option<String>,
    /// Total rows.
    pub total: i64,
}

impl Pager {
    /// Builds links by adding `page=N` to `base` (which may already have a query).
    pub fn new(base: &str, page: Page, total: i64) -> Pager {
        let pages = page.pages(total);
        let sep = if base.contains('?') { '&' } else { '?' };
        let link = |n: u32| format!("{base}{sep}page={n}");
        Pager {
            page: page.page,
            pages,
            prev: (page.page > 1).then(|| link(page.page - 1)),
            next: (page.page < pages).then(|| link(page.page + 1)),
            total,
        }
    }
}
