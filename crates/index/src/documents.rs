//! What the search index holds for each kind of thing: the mapping from catalogue rows to
//! search documents. Search results link back through `url`.

use yiwang_domain::region::{RegionCode, RegionLevel};
use yiwang_search::Doc;
use yiwang_store::catalog::Item;
use yiwang_store::departments::Department;
use yiwang_store::inquiries::board::BoardRow;
use yiwang_store::regions::Region;

/// Kinds of search results.
pub const ITEM: &str = "item";
/// Department results.
pub const DEPARTMENT: &str = "department";
/// Region results.
pub const REGION: &str = "region";
/// Answered inquiries on the public board.
pub const INQUIRY: &str = "inquiry";
/// Every kind the index holds, for validating `kind=`.
pub const KINDS: [&str; 4] = [ITEM, DEPARTMENT, REGION, INQUIRY];

fn path(code: &RegionCode) -> Vec<String> {
    code.ancestors_and_self()
        .iter()
        .map(|c| c.as_str().to_owned())
        .collect()
}

/// A service item: found by its name, its main item's name, its conditions, materials and
/// questions, and its department's name.
pub fn item(item: &Item, group: Option<&str>) -> Doc {
    let r = &item.row;
    let mut body = String::new();
    if let Some(g) = group {
        body.push_str(g);
        body.push('。');
    }
    body.push_str(&item.guide.searchable_text());
    Doc {
        kind: ITEM.into(),
        id: r.id.to_string(),
        title: r.name.clone(),
        body,
        org: r.department_name.clone(),
        url: format!("/items/{}", r.id),
        department: Some(r.department.to_string()),
        region_path: path(&r.region),
        tags: r.tags.iter().map(|t| t.as_str().to_owned()).collect(),
        // A main item is a good landing page, but a concrete item that says the same is closer.
        weight: if r.is_group { 0.95 } else { 1.0 },
        popularity: u64::try_from(r.views).unwrap_or(0),
    }
}

/// A department: found by its name, address and hours.
pub fn department(d: &Department) -> Doc {
    let body = [d.address.as_deref(), d.hours.as_deref(), d.phone.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    Doc {
        kind: DEPARTMENT.into(),
        id: d.id.to_string(),
        title: d.name.clone(),
        body,
        org: d.region_name.clone(),
        url: format!("/departments/{}", d.id),
        department: Some(d.id.to_string()),
        region_path: path(&d.region),
        tags: Vec::new(),
        weight: 1.0,
        popularity: 0,
    }
}

/// A region of the deployment: found by its name.
pub fn region(r: &Region, path_names: &str) -> Doc {
    Doc {
        kind: REGION.into(),
        id: r.code.to_string(),
        title: r.name.clone(),
        body: path_names.to_owned(),
        org: String::new(),
        url: format!("/regions/{}", r.code),
        department: None,
        region_path: path(&r.code),
        tags: Vec::new(),
        // Regions rank a little below services, and a city before its counties and streets.
        weight: match r.level {
            RegionLevel::Province => 0.92,
            RegionLevel::City => 0.91,
            RegionLevel::County => 0.9,
            RegionLevel::Township => 0.89,
            RegionLevel::Community => 0.88,
        },
        popularity: 0,
    }
}

/// An answered inquiry on the public board: found by its masked title, question and answer;
/// ranked a little below services, so a question's answer never hides the service itself.
pub fn inquiry(r: &BoardRow) -> Doc {
    Doc {
        kind: INQUIRY.into(),
        id: r.id.to_string(),
        title: r.title.clone(),
        body: format!("{}。{}", r.body, r.reply),
        org: r.department.clone(),
        url: format!("/inquiries/board/{}", r.id),
        department: r.department_id.map(|d| d.to_string()),
        region_path: RegionCode::parse(&r.region_code)
            .map(|c| path(&c))
            .unwrap_or_default(),
        tags: vec![r.category.clone()],
        weight: 0.85,
        popularity: 0,
    }
}
