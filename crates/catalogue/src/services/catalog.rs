//! Catalogue use cases shared by the console pages and the admin API: publishing, withdrawing,
//! importing and exporting items, and curating life events and search aliases (CAT-1…4,
//! FIND-1). Each checks who may do it where, writes in one transaction with its audit entry,
//! and then brings this instance's index up to date before returning, so the editor sees the
//! change at once (other instances follow within a second).

use yiwang_domain::audit::AuditAction;
use yiwang_domain::auth::{Permission, Scope};
use yiwang_domain::catalog::curation::{parse_aliases, parse_checklist};
use yiwang_domain::catalog::{ItemInput, LifeStage, ValidItem};
use yiwang_domain::ids::{DepartmentId, ItemId};
use yiwang_domain::region::RegionCode;
use yiwang_domain::{ErrorCode, FieldCode};
use yiwang_store::Tx;
use yiwang_store::catalog::Item;
use yiwang_store::catalog::aliases::AliasChanges;
use yiwang_store::catalog::import::{self, CatalogImportReport, LineError};

use crate::catalog::CatalogOf;
use yiwang_index::Snapshot;
use yiwang_kit::audit::{self, Target};
use yiwang_kit::caller::Caller;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;

fn item_target(
    id: ItemId,
    department: DepartmentId,
    region: &RegionCode,
    detail: serde_json::Value,
) -> Target {
    Target {
        kind: Some("item"),
        id: Some(id.to_string()),
        region: Some(region.clone()),
        department: Some(department),
        detail: Some(detail),
        ..Default::default()
    }
}

async fn publisher(app: &AppState, caller: &Caller) -> Result<String, Error> {
    Ok(audit::actor(&app.store, caller.principal.actor())
        .await?
        .name)
}

async fn synced(app: &AppState) {
    // The write is committed; if the index cannot follow right now the follower retries.
    let Ok(catalog) = app.catalog() else { return };
    if let Err(e) = catalog.sync().await {
        tracing::warn!(error = ?e, "search index not updated after a write; the follower retries");
        catalog.wake();
    }
}

fn deployment(app: &AppState) -> Scope {
    Scope::region(app.config.root_region.clone())
}

/// Creates an item (or a main item grouping variants). The caller must be allowed to edit
/// items of its department.
pub async fn create_item(
    app: &AppState,
    caller: &Caller,
    input: &ItemInput,
    is_group: bool,
) -> Result<ItemId, Error> {
    let mut tx = app.store.begin().await?;
    let valid = check_input(app, caller, &mut tx, input, None).await?;
    let by = publisher(app, caller).await?;
    let id = app
        .store
        .create_item(&mut tx, &valid, is_group, &by)
        .await?;
    let target = item_target(
        id,
        valid.department,
        &valid.region,
        serde_json::json!({ "name": valid.name, "version": 1 }),
    );
    audit::commit_audited(&app.store, caller, tx, AuditAction::ItemCreated, target).await?;
    synced(app).await;
    Ok(id)
}

/// Checks an item's input (`me`: the item it edits) and that the caller may edit items of the
/// department and region it names.
async fn check_input(
    app: &AppState,
    caller: &Caller,
    tx: &mut Tx,
    input: &ItemInput,
    me: Option<ItemId>,
) -> Result<ValidItem, Error> {
    let valid = app.store.check_item(tx, input, me).await?;
    caller.principal.require(
        Permission::EditItems,
        &Scope::department(valid.department, valid.region.clone()),
    )?;
    Ok(valid)
}

/// The item, if the caller may edit its department's items.
pub async fn editable(app: &AppState, caller: &Caller, id: ItemId) -> Result<Item, Error> {
    let item = app.store.item(id).await?;
    caller
        .principal
        .require(Permission::EditItems, &item.row.scope())?;
    Ok(item)
}

/// Publishes a new version of an item edited from `version`. The caller must be allowed to
/// edit it where it is and where it moves to; a concurrent edit gives `conflict`.
pub async fn update_item(
    app: &AppState,
    caller: &Caller,
    id: ItemId,
    input: &ItemInput,
    version: i64,
) -> Result<i64, Error> {
    editable(app, caller, id).await?;
    let mut tx = app.store.begin().await?;
    let valid = check_input(app, caller, &mut tx, input, Some(id)).await?;
    let by = publisher(app, caller).await?;
    let new_version = app
        .store
        .update_item(&mut tx, id, &valid, version, &by)
        .await?;
    let target = item_target(
        id,
        valid.department,
        &valid.region,
        serde_json::json!({ "version": new_version, "note": valid.note }),
    );
    audit::commit_audited(&app.store, caller, tx, AuditAction::ItemUpdated, target).await?;
    synced(app).await;
    Ok(new_version)
}

/// Withdraws an item, naming its replacement if there is one.
pub async fn withdraw_item(
    app: &AppState,
    caller: &Caller,
    id: ItemId,
    replacement: Option<ItemId>,
    reason: &str,
    version: i64,
) -> Result<(), Error> {
    let current = editable(app, caller, id).await?;
    let mut tx = app.store.begin().await?;
    app.store
        .withdraw_item(&mut tx, id, replacement, reason, version)
        .await?;
    let detail =
        serde_json::json!({ "replacement": replacement.map(|r| r.to_string()), "reason": reason });
    let target = item_target(id, current.row.department, &current.row.region, detail);
    audit::commit_audited(&app.store, caller, tx, AuditAction::ItemWithdrawn, target).await?;
    synced(app).await;
    Ok(())
}

/// Import and export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The national columns, one item per line (guides are not part of CSV).
    Csv,
    /// Items with their guides.
    Json,
}

impl Format {
    /// Parses `csv` or `json`.
    pub fn parse(s: &str) -> Result<Format, Error> {
        match s.trim().to_ascii_lowercase().as_str() {
            "csv" => Ok(Format::Csv),
            "json" => Ok(Format::Json),
            _ => Err(Error::field("format", FieldCode::InvalidChoice)),
        }
    }

    /// The MIME type.
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv; charset=utf-8",
            Format::Json => "application/json",
        }
    }

    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }
}

/// Parses an import file; a file that cannot be read at all is a report of its bad lines.
pub fn parse_file(format: Format, text: &str) -> Result<Vec<import::ImportItem>, Vec<LineError>> {
    match format {
        Format::Csv => import::parse_csv(text),
        Format::Json => import::parse_json(text),
    }
}

/// Imports a catalogue file (platform admins). All or nothing unless `partial`; the report
/// says what was added, changed and left alone, and every bad line.
pub async fn import(
    app: &AppState,
    caller: &Caller,
    format: Format,
    text: &str,
    partial: bool,
) -> Result<CatalogImportReport, Error> {
    caller
        .principal
        .require(Permission::ImportCatalog, &deployment(app))?;
    let items = match parse_file(format, text) {
        Ok(items) => items,
        Err(errors) => {
            return Ok(CatalogImportReport {
                errors,
                ..Default::default()
            });
        }
    };
    let by = publisher(app, caller).await?;
    let report = app.store.import_catalogue(items, partial, &by).await?;
    if report.added + report.changed > 0 || report.departments_added > 0 {
        let tx = app.store.begin().await?;
        let detail = serde_json::json!({
            "added": report.added, "changed": report.changed, "unchanged": report.unchanged,
            "skipped": report.skipped, "errors": report.errors.len(),
        });
        let target = Target {
            kind: Some("catalog"),
            detail: Some(detail),
            ..Default::default()
        };
        audit::commit_audited(&app.store, caller, tx, AuditAction::CatalogImported, target).await?;
        if report.departments_added > 0 {
            app.reference.invalidate();
        }
        synced(app).await;
    }
    Ok(report)
}

/// The whole catalogue as a file.
pub async fn export(app: &AppState, caller: &Caller, format: Format) -> Result<String, Error> {
    caller
        .principal
        .require(Permission::ImportCatalog, &deployment(app))?;
    let items = app.store.export_catalogue().await?;
    Ok(match format {
        Format::Csv => import::to_csv(&items)?,
        Format::Json => import::to_json(&items)?,
    })
}

/// The alias list as admins edit it (`phrase = words`, one per line).
pub async fn aliases_text(app: &AppState) -> Result<String, Error> {
    let rows = app.store.aliases().await?;
    Ok(rows
        .iter()
        .map(|a| format!("{} = {}\n", a.phrase, a.expansion))
        .collect())
}

/// Replaces the alias list (platform admins). Bad lines are reported with their numbers and
/// nothing changes.
pub async fn set_aliases(
    app: &AppState,
    caller: &Caller,
    text: &str,
) -> Result<AliasChanges, Error> {
    caller
        .principal
        .require(Permission::CurateCatalog, &deployment(app))?;
    let list = parse_aliases(text)?;
    let mut tx = app.store.begin().await?;
    let by = publisher(app, caller).await?;
    let changes = app.store.replace_aliases(&mut tx, &list, &by).await?;
    let detail = serde_json::json!({ "added": changes.added, "changed": changes.changed, "removed": changes.removed });
    let target = Target {
        kind: Some("search_aliases"),
        detail: Some(detail),
        ..Default::default()
    };
    audit::commit_audited(
        &app.store,
        caller,
        tx,
        AuditAction::SearchAliasesEdited,
        target,
    )
    .await?;
    synced(app).await;
    Ok(changes)
}

/// A checklist as admins edit it: `item | note` per line, where the item is its id, its
/// national code or its exact name. Items are written by their code (unique) when they have
/// one, so saving an unchanged list never switches to another item of the same name.
pub fn checklist_text(snapshot: &Snapshot, stage: LifeStage) -> String {
    snapshot
        .checklists
        .get(&stage)
        .map(|steps| {
            steps
                .iter()
                .map(|s| {
                    let key = s.item.code.clone().unwrap_or_else(|| s.item.id.to_string());
                    match &s.note {
                        Some(n) => format!("{key} | {n}\n"),
                        None => format!("{key}\n"),
                    }
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Replaces item names and codes at the start of checklist lines by ids, so editors can type
/// what they see. Lines that match nothing are left for the parser to report.
fn resolve_checklist(snapshot: &Snapshot, text: &str) -> String {
    text.lines()
        .map(|line| {
            let (head, rest) = match line.split_once(['|', '｜']) {
                Some((h, r)) => (h.trim(), Some(r)),
                None => (line.trim(), None),
            };
            if head.is_empty() || head.parse::<ItemId>().is_ok() {
                return line.to_owned();
            }
            let active = || {
                snapshot
                    .all()
                    .iter()
                    .filter(|r| r.status == yiwang_domain::catalog::ItemStatus::Active)
            };
            // A code is unique; a name only counts when exactly one item has it.
            let found = active()
                .find(|r| r.code.as_deref() == Some(head))
                .or_else(|| {
                    let mut named = active().filter(|r| r.name == head);
                    match (named.next(), named.next()) {
                        (Some(one), None) => Some(one),
                        _ => None,
                    }
                })
                .map(|r| r.id.to_string());
            match (found, rest) {
                (Some(id), Some(r)) => format!("{id} | {r}"),
                (Some(id), None) => id,
                (None, _) => line.to_owned(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Replaces a life-event checklist (platform admins). Unknown items and bad notes are
/// reported with their line numbers and nothing changes.
pub async fn set_checklist(
    app: &AppState,
    caller: &Caller,
    stage: LifeStage,
    text: &str,
) -> Result<usize, Error> {
    caller
        .principal
        .require(Permission::CurateCatalog, &deployment(app))?;
    let entries = parse_checklist(&resolve_checklist(&app.catalog()?.snapshot(), text))?;
    let mut tx = app.store.begin().await?;
    app.store.set_checklist(&mut tx, stage, &entries).await?;
    let detail = serde_json::json!({ "stage": stage.as_str(), "steps": entries.len() });
    let target = Target {
        kind: Some("life_event"),
        id: Some(stage.as_str().to_owned()),
        detail: Some(detail),
        ..Default::default()
    };
    audit::commit_audited(&app.store, caller, tx, AuditAction::LifeEventEdited, target).await?;
    synced(app).await;
    Ok(entries.len())
}

/// Parses an optional item id from a form or query (empty means none).
pub fn optional_item(field: &'static str, s: &str) -> Result<Option<ItemId>, Error> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    s.parse()
        .map(Some)
        .map_err(|_| Error::field(field, FieldCode::UnknownItem))
}

/// Parses the version an editor started from.
pub fn version(s: &str) -> Result<i64, Error> {
    s.trim()
        .parse()
        .map_err(|_| Error::code(ErrorCode::Conflict))
}
