//! Browsing the catalogue (CAT-2): the filters a reader or an app asks for, checked — a bad one
//! is named, not ignored. The page and the API read their parameters into [`BrowseQuery`].

use serde::Deserialize;
use yiwang_domain::ErrorCode;
use yiwang_domain::FieldCode;
use yiwang_domain::catalog::{ItemType, Subject, Tag, Topic};
use yiwang_domain::region::{RegionCode, RegionLevel};
use yiwang_index::Filters;
use yiwang_kit::error::Error;

/// Browsing filters as they arrive in the query string.
#[derive(Debug, Deserialize, Default)]
pub struct BrowseQuery {
    #[serde(default)]
    department: String,
    #[serde(default)]
    topic: String,
    #[serde(default)]
    subject: String,
    #[serde(default, rename = "type")]
    item_type: String,
    #[serde(default)]
    level: String,
    #[serde(default)]
    region: String,
    #[serde(default)]
    tag: String,
    /// The page of results (pages only).
    pub page: Option<i64>,
}

fn opt<T>(
    errors: &mut yiwang_domain::FieldErrors,
    field: &'static str,
    s: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> Option<T> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    let v = parse(s);
    if v.is_none() {
        errors.add(field, FieldCode::InvalidChoice);
    }
    v
}

impl BrowseQuery {
    /// Filters from their text values (the API's parameters).
    pub fn from_parts(
        department: String,
        topic: String,
        subject: String,
        item_type: String,
        level: String,
        region: String,
        tag: String,
    ) -> BrowseQuery {
        BrowseQuery {
            department,
            topic,
            subject,
            item_type,
            level,
            region,
            tag,
            page: None,
        }
    }

    /// The filters, or field errors naming each bad one.
    pub fn filters(&self) -> Result<Filters, Error> {
        let mut e = yiwang_domain::FieldErrors::new();
        let f = Filters {
            department: opt(&mut e, "department", &self.department, |s| s.parse().ok()),
            topic: opt(&mut e, "topic", &self.topic, Topic::parse),
            subject: opt(&mut e, "subject", &self.subject, Subject::parse),
            item_type: opt(&mut e, "type", &self.item_type, ItemType::parse),
            level: opt(&mut e, "level", &self.level, RegionLevel::parse),
            region: opt(&mut e, "region", &self.region, |s| {
                RegionCode::parse(s).ok()
            }),
            tag: opt(&mut e, "tag", &self.tag, Tag::parse),
        };
        if e.is_empty() {
            Ok(f)
        } else {
            let mut err = yiwang_domain::Error::invalid(e);
            err.code = ErrorCode::InvalidQuery;
            Err(Error::Domain(err))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_filter_values_are_field_errors() {
        let q = BrowseQuery {
            topic: "nonsense".into(),
            tag: "<script>".into(),
            ..Default::default()
        };
        let Err(Error::Domain(e)) = q.filters() else {
            panic!("accepted")
        };
        let fields: Vec<&str> = e.fields.iter().map(|f| &*f.field).collect();
        assert_eq!(fields, ["topic", "tag"]);
    }
}
