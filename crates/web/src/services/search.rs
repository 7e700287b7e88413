//! Search over what the platform holds. Until the search crate arrives with the catalogue
//! (FIND-1), this answers from the database: departments and regions of the deployment whose
//! names contain the query, in either Chinese script. The result shape — a `kind` on every
//! hit — is the API contract the full-text index will keep.

use serde::Serialize;
use utoipa::ToSchema;
use yiwang_domain::paging::Page;

use crate::error::Error;
use crate::state::AppState;

/// One search result.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Hit {
    /// What it is: `department` or `region` (later `item`, `article`, `dataset`…).
    pub kind: String,
    /// Its id (a UUID for departments, the code for regions).
    pub id: String,
    /// Its name.
    pub title: String,
    /// Where to read it.
    pub url: String,
    /// A line of context.
    pub snippet: String,
}

/// Results, best first.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Results {
    /// How many results there are in all.
    pub total: usize,
    /// The results returned (at most `limit`).
    pub results: Vec<Hit>,
}

/// The kinds this search knows.
pub const KINDS: [&str; 2] = ["department", "region"];

/// Searches departments and regions of the deployment. Empty or whitespace queries find
/// nothing. Traditional input is matched against the Simplified names.
pub async fn search(
    app: &AppState,
    q: &str,
    kind: Option<&str>,
    limit: usize,
) -> Result<Results, Error> {
    let q: String = q.chars().filter(|c| !c.is_control()).take(100).collect();
    let q = zhconv::zhconv(q.trim(), zhconv::Variant::ZhHans);
    if q.is_empty() {
        return Ok(Results {
            total: 0,
            results: Vec::new(),
        });
    }
    let mut hits = Vec::new();
    if kind.is_none_or(|k| k == "department") {
        let page = Page::new(Some(1), Some(100), 100)?;
        let (deps, _) = app
            .store
            .list_departments(&app.config.root_region, &q, page)
            .await?;
        hits.extend(deps.into_iter().map(|d| {
            Hit {
                kind: "department".into(),
                id: d.id.to_string(),
                url: format!("/departments/{}", d.id),
                snippet: [Some(d.region_name.clone()), d.phone.clone()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" · "),
                title: d.name,
            }
        }));
    }
    if kind.is_none_or(|k| k == "region") {
        let regions = app
            .store
            .search_regions(&q, &app.config.root_region, 50)
            .await?;
        let mut ancestors: Vec<_> = regions
            .iter()
            .flat_map(|r| r.code.ancestors_and_self())
            .collect();
        ancestors.sort();
        ancestors.dedup();
        let names = app.store.region_names(&ancestors).await?;
        for r in regions {
            let path: Vec<&str> = r
                .code
                .ancestors_and_self()
                .iter()
                .filter_map(|c| names.get(c).map(String::as_str))
                .collect();
            hits.push(Hit {
                kind: "region".into(),
                id: r.code.to_string(),
                url: format!("/regions/{}", r.code),
                snippet: path.join(" › "),
                title: r.name,
            });
        }
    }
    // Exact names first, then shorter names (the main unit before its sub-units).
    hits.sort_by_key(|h| {
        (
            h.title != q,
            !h.title.starts_with(&q),
            h.title.chars().count(),
        )
    });
    let total = hits.len();
    hits.truncate(limit);
    Ok(Results {
        total,
        results: hits,
    })
}
