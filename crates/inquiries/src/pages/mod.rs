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

use crate::services::submit::Photo;
use crate::texts::{event_name, kind_name, state_name};
use yiwang_kit::error::Error;
use yiwang_kit::i18n::Tr;
use yiwang_kit::state::AppState;

fn multipart_error(e: axum::extract::multipart::MultipartError) -> Error {
    if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
        Error::code(yiwang_domain::ErrorCode::PayloadTooLarge)
    } else {
        Error::code(yiwang_domain::ErrorCode::InvalidBody)
    }
}

/// A form's fields and files (parts named `photos` or `files`), from `multipart/form-data`
/// (the pages' forms, `?_csrf=` in the action) or a plain form post (no files).
pub(crate) async fn read_fields(
    req: axum::extract::Request,
) -> Result<(Vec<(String, String)>, Vec<Photo>), Error> {
    use axum::extract::FromRequest;
    let multipart = req
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    if !multipart {
        let yiwang_kit::extract::Form(pairs) =
            yiwang_kit::extract::Form::<Vec<(String, String)>>::from_request(req, &()).await?;
        return Ok((pairs, Vec::new()));
    }
    let mut m = axum::extract::Multipart::from_request(req, &())
        .await
        .map_err(|_| Error::code(yiwang_domain::ErrorCode::UnsupportedMediaType))?;
    let mut pairs = Vec::new();
    let mut files = Vec::new();
    while let Some(part) = m.next_field().await.map_err(multipart_error)? {
        let name = part.name().unwrap_or_default().to_owned();
        if part.file_name().is_some() {
            let bytes = part.bytes().await.map_err(multipart_error)?;
            if matches!(name.as_str(), "photos" | "files") && !bytes.is_empty() {
                files.push(Photo {
                    bytes: bytes.to_vec(),
                });
            }
            continue;
        }
        pairs.push((name, part.text().await.map_err(multipart_error)?));
    }
    Ok((pairs, files))
}

/// The value of a field, `""` when absent.
pub(crate) fn field(pairs: &[(String, String)], name: &str) -> String {
    pairs
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

/// A staff-written label in the reader's language (English where written, else Chinese).
pub(crate) fn label(l: &yiwang_domain::forms::Label, lang: Lang) -> String {
    match lang {
        Lang::En => {
            l.en.clone()
                .filter(|s| !s.trim().is_empty())
                .unwrap_or_else(|| l.zh.clone())
        }
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

/// What the asking forms (the citizen's and the hotline's) offer to choose from.
pub(crate) struct Choices {
    /// The kinds (without petitions for someone without an account).
    pub kinds: Vec<Opt>,
    /// The topics in use, with their group.
    pub categories: Vec<Opt>,
    /// The streets, townships and communities.
    pub regions: Vec<Opt>,
}

/// The choices with the chosen ones marked.
pub(crate) async fn choices(
    app: &AppState,
    t: Tr,
    petitions: bool,
    (kind, category, region): (&str, &str, &str),
) -> Result<Choices, Error> {
    let kinds = yiwang_domain::inquiry::Kind::ALL
        .iter()
        .filter(|k| petitions || k.may_be_anonymous())
        .map(|k| Opt {
            value: k.as_str().to_owned(),
            label: crate::texts::kind_name(t, *k).to_owned(),
            selected: kind == k.as_str(),
        })
        .collect();
    let categories = app
        .store
        .inquiry_categories()
        .await?
        .into_iter()
        .filter(|c| c.active)
        .map(|c| {
            let (group, name) = (label(&c.group, t.lang()), label(&c.name, t.lang()));
            Opt {
                selected: category == c.code,
                // A topic named like its group (交通出行 in 交通出行) is named once.
                label: if group == name || group.is_empty() {
                    name
                } else {
                    format!("{group} · {name}")
                },
                value: c.code,
            }
        })
        .collect();
    Ok(Choices {
        kinds,
        categories,
        regions: township_options(app, t.lang(), region).await?,
    })
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
    /// Files that came with the answer (and, for staff, with findings): name and address.
    pub attachments: Vec<(String, String)>,
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
    let base = if with_notes {
        "/console/inquiries"
    } else {
        "/inquiries"
    };
    let files = app.store.inquiry_files(row.id).await?;
    let photos = files
        .iter()
        .filter(|f| f.role == "photo")
        .map(|f| format!("{base}/{}/files/{}", row.id, f.id))
        .collect();
    let attachments = files
        .iter()
        .filter(|f| f.role != "photo" && (with_notes || f.role == "reply"))
        .enumerate()
        .map(|(i, f)| {
            (
                format!(
                    "{} {}（{}）",
                    t.pick("附件", "附件", "Attachment"),
                    i + 1,
                    f.file_type
                ),
                format!("{base}/{}/files/{}", row.id, f.id),
            )
        })
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
        attachments,
        row,
    })
}
