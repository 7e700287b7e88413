//! A region's editors' changes (REG-1, REG-2): the page (introduction, leaders, contacts,
//! investment office), projects and their documents, preferential policies, indicators.
//! Each needs `edit_portal` over the region — an editor granted a region edits it and the
//! regions inside it, a platform admin too — and writes its change and an audit entry in one
//! transaction.

use serde_json::json;
use yiwang_domain::audit::AuditAction;
use yiwang_domain::auth::{Permission, Scope};
use yiwang_domain::forms::FileType;
use yiwang_domain::ids::{DepartmentId, ProjectId};
use yiwang_domain::region::RegionCode;
use yiwang_domain::{Error as DomainError, FieldCode, FieldErrors};
use yiwang_files::{FileStore, ScanVerdict};
use yiwang_kit::audit::{Target, commit_audited};
use yiwang_kit::caller::Caller;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;
use yiwang_store::departments::Department;
use yiwang_store::portals::{PortalContent, ProjectRow};
use yiwang_store::regions::Region;

use crate::rules::{self, INDICATORS, POLICIES_MAX, ProjectInput};

/// The region, if the caller edits its portal (not found for a region the deployment does
/// not serve, forbidden for one outside the caller's grants).
pub async fn editable(app: &AppState, caller: &Caller, code: &RegionCode) -> Result<Region, Error> {
    let region = super::region(app, code).await?;
    caller
        .principal
        .require(Permission::EditPortal, &Scope::region(code.clone()))?;
    Ok(region)
}

/// The departments of exactly this region: the choices of its investment office.
pub async fn offices(app: &AppState, code: &RegionCode) -> Result<Vec<Department>, Error> {
    Ok(app
        .store
        .departments_under(code)
        .await?
        .into_iter()
        .filter(|d| d.region == *code)
        .collect())
}

/// The page's form as typed.
#[derive(Debug, Clone, Default)]
pub struct PageInput {
    /// Introduction.
    pub intro: String,
    /// Lines of `姓名｜职务`.
    pub leaders: String,
    /// Lines of `名称｜内容`.
    pub contacts: String,
    /// The investment office's id, or empty.
    pub invest_office: String,
}

/// Checks the page's form (for the preview and before saving).
pub async fn check_page(
    app: &AppState,
    code: &RegionCode,
    input: &PageInput,
) -> Result<PortalContent, Error> {
    let mut e = FieldErrors::new();
    let intro = e.check(
        "intro",
        rules::check_text(&input.intro, 0, rules::INTRO_MAX),
    );
    let leaders = e.check("leaders", rules::parse_leaders(&input.leaders));
    let contacts = e.check("contacts", rules::parse_contacts(&input.contacts));
    let office = match input.invest_office.trim() {
        "" => Some(None),
        s => {
            let known = offices(app, code).await?;
            match s.parse::<DepartmentId>() {
                Ok(d) if known.iter().any(|k| k.id == d) => Some(Some(d)),
                _ => {
                    e.add("invest_office", FieldCode::UnknownDepartment);
                    None
                }
            }
        }
    };
    match (intro, leaders, contacts, office) {
        (Some(intro), Some(leaders), Some(contacts), Some(invest_office)) if e.is_empty() => {
            Ok(PortalContent {
                intro,
                leaders,
                contacts,
                invest_office,
            })
        }
        _ => Err(DomainError::invalid(e).into()),
    }
}

fn target(code: &RegionCode, change: &str, id: Option<String>) -> Target {
    Target {
        kind: Some("portal"),
        id: Some(id.unwrap_or_else(|| code.to_string())),
        region: Some(code.clone()),
        detail: Some(json!({ "change": change })),
        ..Default::default()
    }
}

/// Saves the page if it is still at `revision` (0: never saved); returns the new revision.
pub async fn save_page(
    app: &AppState,
    caller: &Caller,
    code: &RegionCode,
    revision: i64,
    input: &PageInput,
) -> Result<i64, Error> {
    editable(app, caller, code).await?;
    let content = check_page(app, code, input).await?;
    let mut tx = app.store.begin().await?;
    let next = app
        .store
        .save_portal_page(
            &mut tx,
            code.as_str(),
            &content,
            revision,
            caller.principal.account(),
        )
        .await?;
    commit_audited(
        &app.store,
        caller,
        tx,
        AuditAction::PortalChanged,
        target(code, "page", None),
    )
    .await?;
    Ok(next)
}

/// A project the caller may edit (not found when it does not exist).
pub async fn project(app: &AppState, caller: &Caller, id: ProjectId) -> Result<ProjectRow, Error> {
    let p = app.store.project(id).await?.ok_or_else(Error::not_found)?;
    let code = RegionCode::parse(&p.region).map_err(|_| Error::not_found())?;
    editable(app, caller, &code).await?;
    Ok(p)
}

/// Adds a draft project to a region.
pub async fn create_project(
    app: &AppState,
    caller: &Caller,
    code: &RegionCode,
    input: &ProjectInput,
) -> Result<ProjectId, Error> {
    editable(app, caller, code).await?;
    let f = input.check()?;
    let mut tx = app.store.begin().await?;
    let id = app.store.insert_project(&mut tx, code.as_str(), &f).await?;
    commit_audited(
        &app.store,
        caller,
        tx,
        AuditAction::PortalChanged,
        target(code, "project_created", Some(id.to_string())),
    )
    .await?;
    Ok(id)
}

/// Saves a project's fields and whether it is published.
pub async fn save_project(
    app: &AppState,
    caller: &Caller,
    id: ProjectId,
    revision: i64,
    input: &ProjectInput,
    published: bool,
) -> Result<(), Error> {
    let p = project(app, caller, id).await?;
    let f = input.check()?;
    let code = RegionCode::parse(&p.region).map_err(|_| Error::not_found())?;
    let mut tx = app.store.begin().await?;
    app.store
        .update_project(&mut tx, id, revision, &f, published)
        .await?;
    let change = if published {
        "project_published"
    } else {
        "project_saved"
    };
    commit_audited(
        &app.store,
        caller,
        tx,
        AuditAction::PortalChanged,
        target(&code, change, Some(id.to_string())),
    )
    .await
}

/// Attaches a project's document: a PDF (by its bytes), at most [`rules::DOCUMENT_MAX`],
/// scanned, kept in the file store.
pub async fn attach_document(
    app: &AppState,
    caller: &Caller,
    id: ProjectId,
    bytes: &[u8],
) -> Result<(), Error> {
    let p = project(app, caller, id).await?;
    if bytes.is_empty() {
        return Err(Error::field("file", FieldCode::Required));
    }
    if bytes.len() > rules::DOCUMENT_MAX {
        return Err(Error::field("file", FieldCode::FileTooLarge));
    }
    if FileType::sniff(bytes) != Some(FileType::Pdf) {
        return Err(Error::field("file", FieldCode::FileType));
    }
    let files = app.part::<FileStore>()?;
    if files.scan(bytes) == ScanVerdict::Infected {
        return Err(Error::field("file", FieldCode::FileType));
    }
    let key = format!("portals/{}/{}", id, ProjectId::generate());
    files.put(&key, bytes).await.map_err(Error::internal)?;
    let code = RegionCode::parse(&p.region).map_err(|_| Error::not_found())?;
    let mut tx = app.store.begin().await?;
    app.store
        .set_project_file(&mut tx, id, &key, bytes.len() as i64)
        .await?;
    commit_audited(
        &app.store,
        caller,
        tx,
        AuditAction::PortalChanged,
        target(&code, "project_document", Some(id.to_string())),
    )
    .await
}

/// Replaces the region's preferential policies: index numbers of published policy
/// documents, one per line.
pub async fn set_policies(
    app: &AppState,
    caller: &Caller,
    code: &RegionCode,
    text: &str,
) -> Result<(), Error> {
    editable(app, caller, code).await?;
    let mut nos: Vec<String> = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if line.chars().count() > 60 || line.chars().any(char::is_control) {
            return Err(Error::field("policies", FieldCode::InvalidLine));
        }
        if !nos.iter().any(|n| n == line) {
            nos.push(line.to_owned());
        }
    }
    if nos.len() > POLICIES_MAX {
        return Err(Error::field("policies", FieldCode::TooLong));
    }
    let known = app.store.published_index_nos(&nos).await?;
    if nos.iter().any(|n| !known.contains(n)) {
        return Err(Error::field("policies", FieldCode::UnknownChoice));
    }
    let mut tx = app.store.begin().await?;
    app.store
        .set_portal_policies(&mut tx, code.as_str(), &nos)
        .await?;
    commit_audited(
        &app.store,
        caller,
        tx,
        AuditAction::PortalChanged,
        target(code, "policies", None),
    )
    .await
}

/// Sets (or, with an empty value, removes) one point of an indicator.
pub async fn put_indicator(
    app: &AppState,
    caller: &Caller,
    code: &RegionCode,
    indicator: &str,
    period: &str,
    value: &str,
) -> Result<(), Error> {
    editable(app, caller, code).await?;
    let mut e = FieldErrors::new();
    if !INDICATORS.iter().any(|i| i.0 == indicator) {
        e.add("indicator", FieldCode::UnknownChoice);
    }
    let period = e.check("period", rules::check_period(period));
    let value = match value.trim() {
        "" => Some(None),
        v => match rules::parse_hundredths(v) {
            Some(x) if x <= 100_000_000_000_000 => Some(Some(x)),
            _ => {
                e.add("value", FieldCode::InvalidNumber);
                None
            }
        },
    };
    let (Some(period), Some(value), true) = (period, value, e.is_empty()) else {
        return Err(DomainError::invalid(e).into());
    };
    let mut tx = app.store.begin().await?;
    app.store
        .put_indicator(&mut tx, code.as_str(), indicator, &period, value)
        .await?;
    commit_audited(
        &app.store,
        caller,
        tx,
        AuditAction::PortalChanged,
        target(code, "indicator", None),
    )
    .await
}
