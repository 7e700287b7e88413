//! Pages: the readers' (`public.rs`: the catalogue, a dataset, a resource with its preview,
//! downloads) and the data steward's console (`console.rs`).

pub mod console;
pub mod public;

use yiwang_kit::i18n::Tr;
use yiwang_store::opendata::ResourceRow;

use crate::rules::{FREQUENCIES, GROUPS};
use crate::services::catalog::Entry;
use crate::texts::DataTexts;

/// Percent-encodes a query value.
pub fn urlencode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A topic group's name in the reader's language.
pub fn group_name(t: Tr, code: &str) -> String {
    GROUPS
        .iter()
        .find(|(c, ..)| *c == code)
        .map_or(code.to_owned(), |(_, hans, hant, en)| {
            t.pick(hans, hant, en).to_owned()
        })
}

/// A frequency's name in the reader's language.
pub fn frequency_name(t: Tr, code: &str) -> String {
    FREQUENCIES
        .iter()
        .find(|(c, ..)| *c == code)
        .map_or(code.to_owned(), |(_, hans, hant, en)| {
            t.pick(hans, hant, en).to_owned()
        })
}

/// A column type's name.
pub fn field_type_name(t: Tr, ty: &str) -> &'static str {
    match ty {
        "int" => t.data_type_int(),
        "numeric" => t.data_type_numeric(),
        "date" => t.data_type_date(),
        _ => t.data_type_text(),
    }
}

/// What a history entry did, in the reader's words.
pub fn note_name(t: Tr, note: &str) -> &'static str {
    match note {
        "created" => t.data_create(),
        "published" => t.data_publish(),
        "resource_added" => t.data_add(),
        "column_type" => t.data_change_type(),
        "unpublished" => t.data_note_unpublished(),
        "refreshed" => t.data_note_refreshed(),
        _ => t.data_save(),
    }
}

/// A size in bytes as people read it.
pub fn size_text(n: Option<i64>) -> String {
    match n {
        None => String::new(),
        Some(n) if n < 1024 => format!("{n} B"),
        Some(n) if n < 1024 * 1024 => format!("{:.1} KB", n as f64 / 1024.0),
        Some(n) => format!("{:.1} MB", n as f64 / 1024.0 / 1024.0),
    }
}

/// A resource as pages show it.
pub struct ResourceView {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// What it holds.
    pub description: String,
    /// Its format.
    pub format: String,
    /// Its size.
    pub size: String,
    /// Downloads so far.
    pub downloads: i64,
    /// Its page.
    pub href: String,
    /// Where its data is: the download address, or the link.
    pub data_href: String,
    /// Whether it is an uploaded file (else a link).
    pub is_file: bool,
    /// Whether it is in the datastore.
    pub datastore: bool,
}

impl ResourceView {
    /// The view of a resource of a dataset.
    pub fn new(e: &Entry, r: &ResourceRow) -> ResourceView {
        let href = format!("/data/{}/resources/{}", e.d.fields.name, r.id);
        ResourceView {
            id: r.id.to_string(),
            name: r.name.clone(),
            description: r.description.clone(),
            format: r.format.clone(),
            size: size_text(r.size),
            downloads: r.downloads,
            data_href: if r.file_key.is_some() {
                format!("{href}/download")
            } else {
                r.url.clone()
            },
            href,
            is_file: r.file_key.is_some(),
            datastore: r.datastore_active,
        }
    }
}

/// A dataset as pages show it.
pub struct DatasetView {
    /// Its URL name.
    pub name: String,
    /// Its title.
    pub title: String,
    /// Its description.
    pub notes: String,
    /// Its department's name.
    pub org: String,
    /// Its licence's title.
    pub licence: String,
    /// Where the licence is.
    pub licence_url: String,
    /// Tags.
    pub tags: Vec<String>,
    /// Tags with their value in a query.
    pub tag_links: Vec<(String, String)>,
    /// Topic groups' names.
    pub groups: Vec<String>,
    /// How often it is updated.
    pub frequency: String,
    /// The time covered ("" for none).
    pub temporal: String,
    /// The region covered (a code; "" for none).
    pub region: String,
    /// Its name.
    pub region_name: String,
    /// Contact.
    pub contact: String,
    /// Version.
    pub version: String,
    /// Last changed (Beijing date).
    pub modified: String,
    /// Formats of its resources.
    pub formats: Vec<String>,
    /// Its resources.
    pub resources: Vec<ResourceView>,
    /// Draft or published, in the reader's words.
    pub state: &'static str,
    /// Whether it is published.
    pub published: bool,
}

impl DatasetView {
    /// The view of a dataset.
    pub fn new(t: Tr, e: &Entry) -> DatasetView {
        let f = &e.d.fields;
        let lic = e.licence.as_ref();
        let mut formats: Vec<String> = e.resources.iter().map(|r| r.format.clone()).collect();
        formats.sort();
        formats.dedup();
        DatasetView {
            name: f.name.clone(),
            title: f.title.clone(),
            notes: f.notes.clone(),
            org: e.org.as_ref().map(|o| o.name.clone()).unwrap_or_default(),
            licence: lic.map_or(f.license_id.clone(), |l| l.title.to_owned()),
            licence_url: lic.map_or(String::new(), |l| l.url.to_owned()),
            tags: f.tags.clone(),
            tag_links: f.tags.iter().map(|t| (t.clone(), urlencode(t))).collect(),
            groups: f.groups.iter().map(|g| group_name(t, g)).collect(),
            frequency: frequency_name(t, &f.frequency),
            temporal: match (&f.temporal_start, &f.temporal_end) {
                (None, None) => String::new(),
                (a, b) => format!(
                    "{} – {}",
                    a.as_deref().unwrap_or(""),
                    b.as_deref().unwrap_or("")
                ),
            },
            region: f.region.clone().unwrap_or_default(),
            region_name: e.region_name.clone().unwrap_or_default(),
            contact: f.contact.clone(),
            version: f.version.clone(),
            modified: e.d.modified_at.beijing_date().to_string(),
            formats,
            resources: e
                .resources
                .iter()
                .map(|r| ResourceView::new(e, r))
                .collect(),
            state: if e.d.published() {
                t.data_state_published()
            } else {
                t.data_state_draft()
            },
            published: e.d.published(),
        }
    }
}
