//! Paging of lists, with the bounds every list endpoint enforces.

use serde::Serialize;

use crate::{Error, ErrorCode, FieldCode, FieldErrors};

/// The largest page size a client may ask for.
pub const MAX_PER_PAGE: u32 = 100;
/// The deepest page reachable by paging (deeper needs a filter).
pub const MAX_PAGE: u32 = 10_000;

/// A checked page request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Page {
    /// 1-based page number.
    pub page: u32,
    /// Items per page.
    pub per_page: u32,
}

impl Page {
    /// Checks optional `page` and `per_page` values, defaulting to page 1 of `default_per_page`.
    pub fn new(
        page: Option<i64>,
        per_page: Option<i64>,
        default_per_page: u32,
    ) -> Result<Page, Error> {
        let mut e = FieldErrors::new();
        let page = page.unwrap_or(1);
        let per_page = per_page.unwrap_or(i64::from(default_per_page));
        if !(1..=i64::from(MAX_PAGE)).contains(&page) {
            e.add("page", FieldCode::OutOfRange);
        }
        if !(1..=i64::from(MAX_PER_PAGE)).contains(&per_page) {
            e.add("per_page", FieldCode::OutOfRange);
        }
        if !e.is_empty() {
            let mut err = Error::invalid(e);
            err.code = ErrorCode::InvalidPaging;
            return Err(err);
        }
        Ok(Page {
            page: page as u32,
            per_page: per_page as u32,
        })
    }

    /// Rows to skip.
    pub fn offset(&self) -> i64 {
        i64::from(self.page - 1) * i64::from(self.per_page)
    }

    /// Rows to fetch.
    pub fn limit(&self) -> i64 {
        i64::from(self.per_page)
    }

    /// Number of pages for `total` rows (at least 1).
    pub fn pages(&self, total: i64) -> u32 {
        let per = i64::from(self.per_page);
        (((total.max(0) + per - 1) / per).max(1)).min(i64::from(u32::MAX)) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn out_of_range_paging_is_a_client_error() {
        for (p, n) in [
            (Some(0), None),
            (Some(-1), None),
            (None, Some(0)),
            (None, Some(101)),
            (Some(10_001), None),
        ] {
            let err = Page::new(p, n, 20).unwrap_err();
            assert_eq!(err.code, ErrorCode::InvalidPaging);
        }
    }

    #[test]
    fn offsets_and_page_counts() {
        let p = Page::new(Some(3), Some(20), 20).unwrap();
        assert_eq!(p.offset(), 40);
        assert_eq!(p.pages(0), 1);
        assert_eq!(p.pages(41), 3);
    }
}
