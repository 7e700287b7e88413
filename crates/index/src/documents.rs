//! What the search index holds for each kind of thing: the mapping from catalogue rows to
//! search documents. Search results link back through `url`.

use yiwang_domain::region::{RegionCode, RegionLevel};
use yiwang_search::Doc;
use yiwang_store::catalog::Item;
use yiwang_store::departments::Department;
use yiwang_store::inquiries::board::BoardRow;
use yiwang_store::local::{EventRow, PlaceRow};
use yiwang_store::opendata::DatasetRow;
use yiwang_store::publishing::DocRow;
use yiwang_store::regions::Region;

/// Kinds of search results.
pub const ITEM: &str = "item";
/// Department results.
pub const DEPARTMENT: &str = "department";
/// Region results.
pub const REGION: &str = "region";
/// Answered inquiries on the public board.
pub const INQUIRY: &str = "inquiry";
/// Published articles (news, notices, interpretations).
pub const ARTICLE: &str = "article";
/// Published policy documents of the disclosure catalogue.
pub const POLICY: &str = "policy";
/// Published open datasets (DATA-1).
pub const DATASET: &str = "dataset";
/// Places, vetted merchants and events of local life (LIFE-1).
pub const PLACE: &str = "place";
/// Every kind the index holds, for validating `kind=`.
pub const KINDS: [&str; 8] = [
    ITEM, DEPARTMENT, REGION, INQUIRY, ARTICLE, POLICY, DATASET, PLACE,
];

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

/// A published article or policy document: found by its title, summary, body, tags and,
/// for a policy document, its document number and issuer. A withdrawn document stays
/// findable with its title marked 已撤回, a repealed or expired policy 已废止 / 已失效, so a
/// reader who searches for it learns it no longer applies.
pub fn doc(r: &DocRow) -> Doc {
    use yiwang_domain::publishing::{DocKind, DocState, Validity};
    let mark = match (r.state, r.doc.policy.as_ref().map(|p| p.validity)) {
        (DocState::Withdrawn, _) => "［已撤回］",
        (_, Some(Validity::Repealed)) => "［已废止］",
        (_, Some(Validity::Expired)) => "［已失效］",
        _ => "",
    };
    let (kind, number, org) = match &r.doc.policy {
        Some(p) => (
            POLICY,
            format!("{} {}", p.doc_no, p.index_no),
            p.issuer.clone(),
        ),
        None => (ARTICLE, String::new(), r.doc.source.clone()),
    };
    Doc {
        kind: kind.into(),
        id: r.id.to_string(),
        title: format!("{mark}{}", r.doc.title),
        body: format!("{} {} {}", r.doc.summary, number, r.doc.body),
        org,
        url: format!("/news/{}", r.id),
        department: r.department_id.map(|d| d.to_string()),
        region_path: RegionCode::parse(&r.region_code)
            .map(|c| path(&c))
            .unwrap_or_default(),
        tags: r.doc.tags.clone(),
        weight: if mark.is_empty() && r.kind == DocKind::Policy {
            0.9
        } else {
            0.8
        },
        popularity: 0,
    }
}

/// A published open dataset: found by its title, description and tags, under its department
/// and the region it covers.
pub fn dataset(d: &DatasetRow, org: &str) -> Doc {
    Doc {
        kind: DATASET.into(),
        id: d.id.to_string(),
        title: d.fields.title.clone(),
        body: format!("{} {}", d.fields.notes, d.fields.tags.join(" ")),
        org: org.to_owned(),
        url: format!("/data/{}", d.fields.name),
        department: Some(d.department.to_string()),
        region_path: d
            .fields
            .region
            .as_deref()
            .and_then(|r| RegionCode::parse(r).ok())
            .map(|c| path(&c))
            .unwrap_or_default(),
        tags: d.fields.tags.clone(),
        weight: 0.8,
        popularity: 0,
    }
}

/// A place or vetted merchant of local life: found by its name, category, address and
/// description (and a merchant by its licence's issuer). Only what readers see is indexed:
/// the follower drops a merchant that is not approved or whose licence lapsed.
pub fn place(r: &PlaceRow, category_name: &str) -> Doc {
    let p = &r.r;
    let mut body = format!(
        "{category_name} {} {} {}",
        p.address, p.phone, p.description
    );
    if let Some(l) = &p.licence {
        body.push(' ');
        body.push_str(&l.issuer);
    }
    Doc {
        kind: PLACE.into(),
        id: r.id.to_string(),
        title: p.name.clone(),
        body,
        org: category_name
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_owned(),
        url: format!("/local/places/{}", r.id),
        department: p.department.map(|d| d.to_string()),
        region_path: path(&p.region),
        tags: vec![p.category.as_str().to_owned()],
        weight: 0.85,
        popularity: 0,
    }
}

/// The search id of an event (events share the kind `place`; their ids never collide with a
/// place's because of the prefix).
pub fn event_key(id: &str) -> String {
    format!("event:{id}")
}

/// An event at a place: found by its title, description and the place's name, while it is
/// not over (the follower drops it afterwards when re-read, and a rebuild leaves it out).
pub fn event(e: &EventRow) -> Doc {
    Doc {
        kind: PLACE.into(),
        id: event_key(&e.id.to_string()),
        title: e.title.clone(),
        body: format!(
            "{} {} {}–{}",
            e.description, e.place_name, e.starts_on, e.ends_on
        ),
        org: e.place_name.clone(),
        url: format!("/local/events/{}", e.id),
        department: None,
        region_path: path(&e.region),
        tags: vec!["event".to_owned()],
        weight: 0.8,
        popularity: 0,
    }
}
