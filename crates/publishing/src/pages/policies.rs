//! The disclosure catalogue (政务公开, PUB-3): policy documents browsed by category, the five
//! publicities, year and validity, each with its index number and document number.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use yiwang_domain::paging::Page;
use yiwang_domain::publishing::{DisclosureCategory, DocKind, Publicity, Validity};
use yiwang_store::publishing::Listing;

use super::{Line, Opt, line};
use crate::texts::*;
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::Query;
use yiwang_kit::pipeline::percent_encode;
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{FormErrors, Layout, Pager, html};

/// The catalogue's filters.
#[derive(Debug, Default, Deserialize)]
pub struct Filter {
    #[serde(default)]
    category: String,
    #[serde(default)]
    publicity: String,
    #[serde(default)]
    validity: String,
    #[serde(default)]
    year: String,
    page: Option<i64>,
}

#[derive(Template)]
#[template(path = "news/policies.html")]
struct PoliciesPage {
    l: Layout,
    categories: Vec<Opt>,
    publicities: Vec<Opt>,
    validities: Vec<Opt>,
    years: Vec<Opt>,
    lines: Vec<Line>,
    total: i64,
    pager: Pager,
    feed: String,
    errors: FormErrors,
}

fn opts<T: Copy + PartialEq>(
    all: &[T],
    chosen: Option<T>,
    value: fn(T) -> &'static str,
    label: impl Fn(T) -> &'static str,
) -> Vec<Opt> {
    all.iter()
        .map(|v| Opt {
            value: value(*v).to_owned(),
            label: label(*v).to_owned(),
            selected: chosen == Some(*v),
        })
        .collect()
}

/// `GET /policies`: policy documents, newest first, by the catalogue's filters. An unknown
/// filter value is ignored rather than refused, as a reader's old bookmark would carry one.
pub async fn list(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(f): Query<Filter>,
) -> Result<Response, Error> {
    let t = ctx.t();
    let page = Page::new(f.page, None, 20)?;
    let category = DisclosureCategory::parse(f.category.trim());
    let publicity = Publicity::parse(f.publicity.trim());
    let validity = Validity::parse(f.validity.trim());
    let this_year = yiwang_domain::Timestamp::now().beijing_date().year();
    let year = f
        .year
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|y| (1949..=this_year).contains(y));
    let listing = Listing {
        kind: Some(DocKind::Policy),
        category,
        publicity,
        validity,
        year,
        without_bodies: true,
        ..Listing::default()
    };
    let (rows, total) = crate::services::lists::page(&app, &listing, page, true).await?;
    let query = format!(
        "category={}&publicity={}&validity={}&year={}",
        category.map_or("", DisclosureCategory::as_str),
        publicity.map_or("", Publicity::as_str),
        validity.map_or("", Validity::as_str),
        year.map(|y| y.to_string()).unwrap_or_default(),
    );
    let years = (this_year - 9..=this_year)
        .rev()
        .map(|y| Opt {
            value: y.to_string(),
            label: y.to_string(),
            selected: year == Some(y),
        })
        .collect();
    let feed = match category {
        Some(c) => format!(
            "/policies/feed.atom?category={}",
            percent_encode(c.as_str())
        ),
        None => "/policies/feed.atom".to_owned(),
    };
    let l = Layout::new(&app, &ctx, t.pub_policies(), Section::News).await;
    html(&PoliciesPage {
        l,
        categories: opts(
            &DisclosureCategory::ALL,
            category,
            DisclosureCategory::as_str,
            |c| category_name(t, c),
        ),
        publicities: opts(&Publicity::ALL, publicity, Publicity::as_str, |p| {
            publicity_name(t, p)
        }),
        validities: opts(&Validity::ALL, validity, Validity::as_str, |v| {
            validity_name(t, v)
        }),
        years,
        lines: rows.iter().map(|r| line(r, t)).collect(),
        total,
        pager: Pager::new(&format!("/policies?{query}"), page, total),
        feed,
        errors: FormErrors::default(),
    })
}
