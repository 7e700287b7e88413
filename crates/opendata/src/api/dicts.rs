//! The dictionaries of the CKAN API, as CKAN 2.10 spells them: a package (dataset), its
//! resources, tags and groups, an organisation, a licence.

use serde_json::{Value, json};
use yiwang_store::departments::Department;
use yiwang_store::opendata::ResourceRow;

use crate::rules::{self, GROUPS, org_name};
use crate::services::catalog::{Entry, ckan_time};

/// The address of a resource's data: its link, or the platform's download address.
pub fn resource_url(base: &str, e: &Entry, r: &ResourceRow) -> String {
    if r.file_key.is_some() {
        format!(
            "{base}/data/{}/resources/{}/download",
            e.d.fields.name, r.id
        )
    } else {
        r.url.clone()
    }
}

fn mimetype(format: &str) -> Value {
    match format {
        "CSV" => json!("text/csv"),
        "JSON" => json!("application/json"),
        "GeoJSON" => json!("application/geo+json"),
        "PDF" => json!("application/pdf"),
        _ => Value::Null,
    }
}

/// A resource.
pub fn resource(base: &str, e: &Entry, r: &ResourceRow) -> Value {
    json!({
        "id": r.id.to_string(),
        "package_id": e.d.id.to_string(),
        "name": r.name,
        "description": r.description,
        "format": r.format,
        "url": resource_url(base, e, r),
        "url_type": if r.file_key.is_some() { json!("upload") } else { Value::Null },
        "mimetype": mimetype(&r.format),
        "size": r.size,
        "position": r.position - 1,
        "created": ckan_time(r.created_at),
        "last_modified": ckan_time(r.modified_at),
        "metadata_modified": ckan_time(r.modified_at),
        "datastore_active": r.datastore_active,
        "state": "active",
        "hash": "",
        "cache_url": Value::Null,
        "resource_type": Value::Null,
        "downloads": r.downloads,
    })
}

/// An organisation (a department), without its datasets.
pub fn organization(d: &Department, package_count: Option<usize>) -> Value {
    let mut v = json!({
        "id": org_name(&d.id),
        "name": org_name(&d.id),
        "title": d.name,
        "display_name": d.name,
        "description": format!("{}（{}）", d.name, d.region_name),
        "type": "organization",
        "is_organization": true,
        "approval_status": "approved",
        "state": "active",
        "image_url": "",
        "image_display_url": "",
        "created": ckan_time(d.updated_at),
    });
    if let Some(n) = package_count {
        v["package_count"] = json!(n);
    }
    v
}

/// A topic group, without its datasets.
pub fn group(code: &str, package_count: Option<usize>) -> Value {
    let (title, en) = GROUPS
        .iter()
        .find(|(c, ..)| *c == code)
        .map_or((code, code), |(_, zh, _, en)| (*zh, *en));
    let mut v = json!({
        "id": code,
        "name": code,
        "title": title,
        "display_name": title,
        "description": en,
        "type": "group",
        "is_organization": false,
        "approval_status": "approved",
        "state": "active",
        "image_url": "",
        "image_display_url": "",
    });
    if let Some(n) = package_count {
        v["package_count"] = json!(n);
    }
    v
}

/// A tag.
pub fn tag(name: &str) -> Value {
    json!({"id": name, "name": name, "display_name": name, "state": "active", "vocabulary_id": Value::Null})
}

/// A licence of `license_list`.
pub fn licences(list: &rules::Licences) -> Value {
    Value::Array(
        list.all()
            .iter()
            .map(|l| {
                json!({
                    "id": l.id, "title": l.title, "url": l.url, "status": "active",
                    "od_conformance": if l.open { "approved" } else { "not reviewed" },
                    "osd_conformance": "not reviewed", "domain_data": true,
                    "domain_content": false, "domain_software": false, "maintainer": "",
                    "is_generic": false, "family": "",
                })
            })
            .collect(),
    )
}

/// A package: every key CKAN's `package_show` has that clients read.
pub fn package(base: &str, e: &Entry) -> Value {
    let f = &e.d.fields;
    let lic = e.licence.as_ref();
    let mut extras = vec![json!({"key": "frequency", "value": f.frequency})];
    for (k, v) in [
        ("temporal_start", &f.temporal_start),
        ("temporal_end", &f.temporal_end),
        ("spatial_region", &f.region),
    ] {
        if let Some(v) = v {
            extras.push(json!({"key": k, "value": v}));
        }
    }
    json!({
        "id": e.d.id.to_string(),
        "name": f.name,
        "title": f.title,
        "notes": f.notes,
        "url": format!("{base}/data/{}", f.name),
        "version": f.version,
        "state": "active",
        "private": false,
        "type": "dataset",
        "license_id": f.license_id,
        "license_title": lic.map(|l| l.title.clone()),
        "license_url": lic.map(|l| l.url.clone()),
        "isopen": lic.is_some_and(|l| l.open),
        "author": Value::Null,
        "author_email": Value::Null,
        "maintainer": f.contact,
        "maintainer_email": Value::Null,
        "creator_user_id": Value::Null,
        "owner_org": org_name(&e.d.department),
        "organization": e.org.as_ref().map(|o| organization(o, None)),
        "metadata_created": ckan_time(e.d.created_at),
        "metadata_modified": ckan_time(e.d.modified_at),
        "num_resources": e.resources.len(),
        "num_tags": f.tags.len(),
        "resources": e.resources.iter().map(|r| resource(base, e, r)).collect::<Vec<_>>(),
        "tags": f.tags.iter().map(|t| tag(t)).collect::<Vec<_>>(),
        "groups": f.groups.iter().map(|g| group(g, None)).collect::<Vec<_>>(),
        "extras": extras,
        "frequency": f.frequency,
        "temporal_start": f.temporal_start,
        "temporal_end": f.temporal_end,
        "spatial_region": f.region,
        "relationships_as_object": [],
        "relationships_as_subject": [],
    })
}
