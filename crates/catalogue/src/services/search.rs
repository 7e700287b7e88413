//! One search over everything the platform publishes (FIND-1): service items, departments and
//! regions now; policy documents, answers and datasets join as new kinds of documents in the
//! same index. Pages and the API call [`find`]; both validate the same way.

use serde::Serialize;
use utoipa::ToSchema;
use yiwang_domain::catalog::Tag;
use yiwang_domain::ids::DepartmentId;
use yiwang_domain::region::RegionCode;
use yiwang_domain::{ErrorCode, FieldCode};
use yiwang_search::Request;

use crate::catalog::CatalogOf;
use yiwang_index::documents::KINDS;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;

/// One search result.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Hit {
    /// What it is: `item`, `department` or `region` (later `article`, `dataset`…).
    pub kind: String,
    /// Its id (a UUID for items and departments, the code for regions).
    pub id: String,
    /// Its name.
    pub title: String,
    /// Where to read it.
    pub url: String,
    /// A line of context around what matched (may be empty).
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

/// The longest page of results.
pub const MAX_LIMIT: usize = 50;

/// A search as asked, before validation.
#[derive(Debug, Clone, Default)]
pub struct Ask<'a> {
    /// The query as typed.
    pub q: &'a str,
    /// Only this kind.
    pub kind: Option<&'a str>,
    /// Only this department's.
    pub department: Option<&'a str>,
    /// Only this region subtree's.
    pub region: Option<&'a str>,
    /// Only items with this label.
    pub tag: Option<&'a str>,
    /// Rank this region's results first (the searcher's own region).
    pub near: Option<&'a str>,
    /// Results to skip.
    pub offset: usize,
    /// Results to return, 1…[`MAX_LIMIT`].
    pub limit: usize,
}

fn blank(s: Option<&str>) -> Option<&str> {
    s.map(str::trim).filter(|s| !s.is_empty())
}

/// Searches. Bad filters are `invalid_query` with the fields named (`kind`, `department`,
/// `region`, `tag`, `near`); a limit outside 1…50 is `invalid_paging`; an empty query finds
/// nothing. Results carry highlight ranges for pages.
pub fn find(app: &AppState, ask: &Ask<'_>) -> Result<yiwang_search::Results, Error> {
    let mut errors = yiwang_domain::FieldErrors::new();
    let kind = blank(ask.kind);
    if kind.is_some_and(|k| !KINDS.contains(&k)) {
        errors.add("kind", FieldCode::InvalidChoice);
    }
    let department = blank(ask.department);
    if department.is_some_and(|d| d.parse::<DepartmentId>().is_err()) {
        errors.add("department", FieldCode::InvalidChoice);
    }
    let region = blank(ask.region);
    if region.is_some_and(|r| RegionCode::parse(r).is_err()) {
        errors.add("region", FieldCode::InvalidChoice);
    }
    let tag = blank(ask.tag);
    if tag.is_some_and(|t| Tag::parse(t).is_none()) {
        errors.add("tag", FieldCode::InvalidChoice);
    }
    let near = match blank(ask.near).map(RegionCode::parse) {
        Some(Ok(c)) => c
            .ancestors_and_self()
            .iter()
            .map(|c| c.as_str().to_owned())
            .collect(),
        Some(Err(_)) => {
            errors.add("near", FieldCode::InvalidChoice);
            Vec::new()
        }
        None => Vec::new(),
    };
    if !(1..=MAX_LIMIT).contains(&ask.limit) {
        // Paging errors keep the code every list uses.
        let mut e = yiwang_domain::Error::field("limit", FieldCode::OutOfRange);
        e.code = ErrorCode::InvalidPaging;
        return Err(Error::Domain(e));
    }
    if !errors.is_empty() {
        let mut e = yiwang_domain::Error::invalid(errors);
        e.code = ErrorCode::InvalidQuery;
        return Err(Error::Domain(e));
    }
    let kinds: Vec<&str> = kind.into_iter().collect();
    let req = Request {
        text: ask.q,
        kinds: &kinds,
        department,
        region,
        tag,
        home: &near,
        offset: ask.offset.min(10_000),
        limit: ask.limit,
    };
    let found = app
        .catalog()?
        .index
        .search(&req)
        .map_err(|e| Error::Internal(format!("search: {e}")))?;
    // The open statistics of searches that found nothing (DATA-3): the term alone, counted
    // once per search (the first page; paging on is not another search).
    if found.total == 0 && ask.offset == 0 {
        app.search_misses
            .record(ask.q, yiwang_domain::Timestamp::now());
    }
    Ok(found)
}

/// The API's shape of results.
pub fn results(found: yiwang_search::Results) -> Results {
    Results {
        total: found.total,
        results: found
            .hits
            .into_iter()
            .map(|h| Hit {
                kind: h.kind,
                id: h.id,
                title: h.title,
                url: h.url,
                snippet: h.snippet,
            })
            .collect(),
    }
}

/// Splits text into pieces, marking the character ranges given (for `<mark>` in pages).
pub fn marked(text: &str, marks: &[(usize, usize)]) -> Vec<(String, bool)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut at = 0;
    let mut sorted = marks.to_vec();
    sorted.sort_unstable();
    for (start, end) in sorted {
        let (start, end) = (start.max(at).min(chars.len()), end.min(chars.len()));
        if start >= end {
            continue;
        }
        if start > at {
            out.push((chars[at..start].iter().collect(), false));
        }
        out.push((chars[start..end].iter().collect(), true));
        at = end;
    }
    if at < chars.len() {
        out.push((chars[at..].iter().collect(), false));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::marked;

    #[test]
    fn marks_split_the_text_without_losing_or_repeating_characters() {
        let m = marked("失业保险金申领", &[(0, 2), (5, 7), (1, 3)]);
        let joined: String = m.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(joined, "失业保险金申领");
        assert_eq!(m[0], ("失业".to_owned(), true));
        assert!(m.iter().any(|(s, on)| s == "申领" && *on));
        assert!(marked("短", &[(3, 9)]).iter().all(|(_, on)| !on));
    }
}
