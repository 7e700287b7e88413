//! Inquiry pages: asking (with or without an account), following one's own, looking one up
//! with a query code, and the console's queue, dispatch desk and case page.

pub mod admin;
pub mod ask;
pub mod board;
pub mod call;
pub mod console;
pub mod files;
pub mod follow;
pub mod league;

use yiwang_domain::Lang;
use yiwang_domain::region::RegionLevel;
use yiwang_store::inquiries::InquiryRow;
use yiwang_store::inquiries::history::EventRow;

use crate::texts::{event_name, kind_name, state_name};
use yiwang_kit::error::Error;
use yiwang_kit::i18n::Tr;
use yiwang_kit::state::AppState;

/// A staff-written label in the reader's language (English where written, else Chinese).
pub(crate) fn label(l: &yiwang_domain::forms::Label, lang: Lang) -> String {
    match lang {
        Lang::En => l
            .en
            .clone()
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| l.zh.clone()),
        _ => yiwang_kit::zh::display(&l.zh, lang),
    }
}

/// An option of a select.
pub struct Opt {
    /// Its value.
    pub value: String,
    /// What it says.
    pub label: String,
    /// Whether it is chosen.
    pub selected: bool,
}

/// The streets and townships of the deployment, named with their county, each followed by its
/// communities and villages (where admins have added them), for the area select.
pub(crate) async fn township_options(
    app: &AppState,
    lang: Lang,
    chosen: &str,
) -> Result<Vec<Opt>, Error> {
    let all = app.store.regions_under(&app.config.root_region).await?;
    let names: std::collections::HashMap<&str, &str> = all
        .iter()
        .map(|r| (r.code.as_str(), r.name.as_str()))
        .collect();
    let mut out = Vec::new();
    for r in all.iter().filter(|r| r.level == RegionLevel::Township) {
        let county = r.parent.as_ref().and_then(|p| names.get(p.as_str()));
        let name = match county {
            Some(c) => format!("{c} {}", r.name),
            None => r.name.clone(),
        };
        out.push(Opt {
            value: r.code.as_str().to_owned(),
            label: yiwang_kit::zh::display(&name, lang),
            selected: r.code.as_str() == chosen,
        });
        for c in all
            .iter()
            .filter(|c| c.level == RegionLevel::Community && c.parent.as_ref() == Some(&r.code))
        {
            out.push(Opt {
                value: c.code.as_str().to_owned(),
                label: yiwang_kit::zh::display(&format!("{name} {}", c.name), lang),
                selected: c.code.as_str() == chosen,
            });
        }
    }
    Ok(out)
}

/// An inquiry as a page shows it.
pub struct View {
    /// The row.
    pub row: InquiryRow,
    /// Its kind in words.
    pub kind: &'static str,
    /// Its state in words.
    pub state: &'static str,
    /// Its category's name.
    pub category: String,
    /// Its area's name.
    pub region: String,
    /// Latitude and longitude in degrees, if given.
    pub location: Option<String>,
    /// The history, oldest first.
    pub events: Vec<Event>,
    /// The addresses of its photos for this reader (none for a lookup by query code).
    pub photos: Vec<String>,
}

/// One line of the history.
pub struct Event {
    /// When (Beijing time).
    pub at: String,
    /// What happened.
    pub what: &'static str,
    /// The department it concerned.
    pub department: String,
    /// The note written with it.
    pub note: String,
}

/// Builds the view of an inquiry and its history. `with_notes` shows the staff's notes
/// (the asker sees the public steps and the reply only).
pub(crate) async fn view(
    app: &AppState,
    t: Tr,
    row: InquiryRow,
    events: Vec<EventRow>,
    with_notes: bool,
) -> Result<View, Error> {
    let base = if with_notes { "/console/inquiries" } else { "/inquiries" };
    let photos = app
        .store
        .inquiry_files(row.id)
        .await?
        .into_iter()
        .filter(|f| f.role == "photo")
        .map(|f| format!("{base}/{}/files/{}", row.id, f.id))
        .collect();
    let category = app
        .store
        .inquiry_category(&row.category)
        .await?
        .map(|c| label(&c.name, t.lang()))
        .unwrap_or_else(|| row.category.clone());
    let region = match yiwang_domain::region::RegionCode::parse(&row.region_code) {
        Ok(code) => app
            .store
            .region_path(&code)
            .await?
            .iter()
            .skip(1)
            .map(|r| r.name.as_str())
            .collect::<Vec<_>>()
            .join(" "),
        Err(_) => row.region_code.clone(),
    };
    let events = events
        .into_iter()
        .filter(|e| with_notes || e.kind.tells_submitter() || e.kind.as_str() == "submitted")
        .map(|e| Event {
            at: e.at.display_minutes(),
            what: event_name(t, e.kind),
            department: e.department_name.unwrap_or_default(),
            note: if with_notes { e.note } else { String::new() },
        })
        .collect();
    Ok(View {
        kind: kind_name(t, row.kind),
        state: state_name(t, row.state),
        category,
        region: yiwang_kit::zh::display(&region, t.lang()),
        location: row
            .location
            .map(|(la, ln)| format!("{:.6}, {:.6}", la as f64 / 1e6, ln as f64 / 1e6)),
        events,
        photos,
        row,
    })
}
