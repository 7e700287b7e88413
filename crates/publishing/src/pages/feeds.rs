//! Atom feeds (RFC 4287, PUB-6): every article, each column, and the policy documents (by
//! disclosure category, and under a region with `?region=`), newest first, with conditional
//! GET (ETag and Last-Modified) so feed readers poll cheaply.
//!
//! Written by hand: one document shape of a dozen elements, where a feed crate would bring an
//! XML writer and builders for the whole format.

use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use yiwang_domain::Timestamp;
use yiwang_domain::paging::Page;
use yiwang_domain::publishing::{DisclosureCategory, DocKind, DocState};
use yiwang_store::publishing::{DocRow, Listing};

use super::{column_name, mark};
use crate::texts::*;
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Path, Query};
use yiwang_kit::respond::absolute;
use yiwang_kit::respond::xml_escape as escape;
use yiwang_kit::state::AppState;

/// Entries in a feed.
const ENTRIES: u32 = 30;

/// A feed's filters.
#[derive(Debug, Default, Deserialize)]
pub struct FeedQuery {
    #[serde(default)]
    category: String,
    #[serde(default)]
    region: String,
}

/// `Sun, 06 Dec 2026 08:00:00 GMT`.
fn http_date(t: Timestamp) -> String {
    let d = time::OffsetDateTime::from_unix_timestamp(t.secs())
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    d.format(time::macros::format_description!(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
    ))
    .unwrap_or_default()
}

/// RFC 3339 to the second, as feeds carry it.
fn date_time(t: Timestamp) -> String {
    let s = t.rfc3339();
    // `2026-12-06T08:00:00.000Z` → `2026-12-06T08:00:00Z`.
    match s.split_once('.') {
        Some((head, _)) => format!("{head}Z"),
        None => s,
    }
}

struct Feed<'a> {
    title: String,
    self_path: String,
    page_path: &'a str,
    rows: Vec<DocRow>,
}

fn render(app: &AppState, ctx: &Ctx, headers: &HeaderMap, f: Feed<'_>) -> Response {
    let t = ctx.t();
    let site = match t.lang() {
        yiwang_domain::Lang::En => app.config.site_name_en.clone(),
        l => yiwang_kit::zh::display(&app.config.site_name, l),
    };
    let updated = f
        .rows
        .iter()
        .map(|r| r.updated_at)
        .max()
        .unwrap_or(Timestamp(0));
    // The feed's words depend on the reader's language: the validator names it, and caches
    // are told (Vary) not to hand one language's feed to another.
    let etag = format!(
        "W/\"{}-{}-{}\"",
        updated.millis(),
        f.rows.len(),
        t.lang().tag()
    );
    let last_modified = http_date(updated);
    let fresh = match headers
        .get(http::header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
    {
        Some(tags) => tags.split(',').any(|x| x.trim() == etag || x.trim() == "*"),
        None => headers
            .get(http::header::IF_MODIFIED_SINCE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|since| since.trim() == last_modified),
    };
    let validators = |res: &mut Response| {
        let h = res.headers_mut();
        if let Ok(v) = HeaderValue::from_str(&etag) {
            h.insert(http::header::ETAG, v);
        }
        if let Ok(v) = HeaderValue::from_str(&last_modified) {
            h.insert(http::header::LAST_MODIFIED, v);
        }
        h.insert(
            http::header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=300"),
        );
    };
    if fresh {
        let mut res = StatusCode::NOT_MODIFIED.into_response();
        validators(&mut res);
        return res;
    }
    let self_url = absolute(app, headers, &f.self_path);
    let page_url = absolute(app, headers, f.page_path);
    let mut x = String::with_capacity(4096 + f.rows.len() * 1024);
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"");
    x.push_str(t.lang().tag());
    x.push_str("\">\n");
    x.push_str(&format!("  <id>{}</id>\n", escape(&self_url)));
    x.push_str(&format!(
        "  <title>{} - {}</title>\n",
        escape(&f.title),
        escape(&site)
    ));
    x.push_str(&format!("  <updated>{}</updated>\n", date_time(updated)));
    x.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        escape(&site)
    ));
    x.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        escape(&self_url)
    ));
    x.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        escape(&page_url)
    ));
    x.push_str(&format!("  <generator>{}</generator>\n", escape(&site)));
    for r in &f.rows {
        let link = absolute(app, headers, &format!("/news/{}", r.id));
        let m = mark(r, t);
        x.push_str("  <entry>\n");
        x.push_str(&format!("    <id>urn:uuid:{}</id>\n", r.id));
        // The title as the page shows it; whether it still applies is said in the summary.
        x.push_str(&format!("    <title>{}</title>\n", escape(&r.doc.title)));
        x.push_str(&format!(
            "    <updated>{}</updated>\n",
            date_time(r.updated_at)
        ));
        if let Some(p) = r.published_at {
            x.push_str(&format!("    <published>{}</published>\n", date_time(p)));
        }
        if !r.doc.source.is_empty() {
            x.push_str(&format!(
                "    <author><name>{}</name></author>\n",
                escape(&r.doc.source)
            ));
        }
        x.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            escape(&link)
        ));
        for tag in &r.doc.tags {
            x.push_str(&format!("    <category term=\"{}\"/>\n", escape(tag)));
        }
        if r.state == DocState::Withdrawn {
            x.push_str(&format!(
                "    <summary type=\"text\">［{}］{}{}</summary>\n",
                escape(m),
                escape(t.pub_withdrawn_because()),
                escape(&r.withdrawn_reason)
            ));
        } else {
            let summary = if r.doc.summary.is_empty() {
                r.doc.title.as_str()
            } else {
                r.doc.summary.as_str()
            };
            let summary = if m.is_empty() {
                summary.to_owned()
            } else {
                format!("［{m}］{summary}")
            };
            x.push_str(&format!(
                "    <summary type=\"text\">{}</summary>\n",
                escape(&summary)
            ));
            x.push_str(&format!(
                "    <content type=\"html\">{}</content>\n",
                escape(&r.body_html)
            ));
        }
        x.push_str("  </entry>\n");
    }
    x.push_str("</feed>\n");
    let mut res = x.into_response();
    res.headers_mut().insert(
        http::header::CONTENT_TYPE,
        HeaderValue::from_static("application/atom+xml; charset=utf-8"),
    );
    validators(&mut res);
    res
}

async fn rows(app: &AppState, l: &Listing<'_>) -> Result<Vec<DocRow>, Error> {
    let page = Page::new(Some(1), Some(i64::from(ENTRIES)), ENTRIES)?;
    Ok(app.store.published_docs(l, page, true).await?)
}

/// A region filter: a region code under the deployment's root, or none.
fn region<'a>(app: &AppState, q: &'a FeedQuery) -> Result<Option<&'a str>, Error> {
    match q.region.trim() {
        "" => Ok(None),
        r => match yiwang_domain::region::RegionCode::parse(r) {
            Ok(c) if app.config.root_region.contains(&c) || c.contains(&app.config.root_region) => {
                Ok(Some(r))
            }
            _ => Err(Error::field(
                "region",
                yiwang_domain::FieldCode::UnknownRegion,
            )),
        },
    }
}

/// `GET /news/feed.atom`: every article.
pub async fn articles(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Query(q): Query<FeedQuery>,
) -> Result<Response, Error> {
    let l = Listing {
        kind: Some(DocKind::Article),
        region: region(&app, &q)?,
        ..Listing::default()
    };
    let rows = rows(&app, &l).await?;
    let self_path = match l.region {
        Some(r) => format!("/news/feed.atom?region={r}"),
        None => "/news/feed.atom".to_owned(),
    };
    Ok(render(
        &app,
        &ctx,
        &headers,
        Feed {
            title: ctx.t().pub_title().to_owned(),
            self_path,
            page_path: "/news",
            rows,
        },
    ))
}

/// `GET /news/c/{code}/feed.atom`: one column (with the columns nested in it).
pub async fn column(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(code): Path<String>,
    Query(q): Query<FeedQuery>,
) -> Result<Response, Error> {
    let c = app
        .store
        .doc_columns()
        .await?
        .into_iter()
        .find(|c| c.code == code)
        .ok_or_else(Error::not_found)?;
    let l = Listing {
        column: Some(&c.code),
        region: region(&app, &q)?,
        ..Listing::default()
    };
    let rows = rows(&app, &l).await?;
    let page_path = format!("/news/c/{}", c.code);
    let self_path = match l.region {
        Some(r) => format!("{page_path}/feed.atom?region={r}"),
        None => format!("{page_path}/feed.atom"),
    };
    Ok(render(
        &app,
        &ctx,
        &headers,
        Feed {
            title: column_name(&c, ctx.t()),
            self_path,
            page_path: &page_path,
            rows,
        },
    ))
}

/// `GET /policies/feed.atom`: policy documents, of one disclosure category with
/// `?category=`.
pub async fn policies(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Query(q): Query<FeedQuery>,
) -> Result<Response, Error> {
    let t = ctx.t();
    let category = match q.category.trim() {
        "" => None,
        c => Some(
            DisclosureCategory::parse(c)
                .ok_or_else(|| Error::field("category", yiwang_domain::FieldCode::InvalidChoice))?,
        ),
    };
    let l = Listing {
        kind: Some(DocKind::Policy),
        category,
        region: region(&app, &q)?,
        ..Listing::default()
    };
    let rows = rows(&app, &l).await?;
    let mut params = Vec::new();
    if let Some(c) = category {
        params.push(format!("category={}", c.as_str()));
    }
    if let Some(r) = l.region {
        params.push(format!("region={r}"));
    }
    let self_path = if params.is_empty() {
        "/policies/feed.atom".to_owned()
    } else {
        format!("/policies/feed.atom?{}", params.join("&"))
    };
    let title = match category {
        Some(c) => format!("{} · {}", t.pub_policies(), category_name(t, c)),
        None => t.pub_policies().to_owned(),
    };
    Ok(render(
        &app,
        &ctx,
        &headers,
        Feed {
            title,
            self_path,
            page_path: "/policies",
            rows,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_dates_are_rfc3339_and_http_dates() {
        assert_eq!(
            escape("<a href=\"x\">&'\u{1}"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;"
        );
        let t = Timestamp(1_796_544_000_000); // 2026-12-06T08:00:00Z
        assert_eq!(date_time(t), "2026-12-06T08:00:00Z");
        assert_eq!(http_date(t), "Sun, 06 Dec 2026 08:00:00 GMT");
    }
}
