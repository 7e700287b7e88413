//! The data steward's use cases: create and edit a dataset, add a link or a CSV file (loaded
//! into the datastore), change a column's type, publish. Each requires `publish_data` on the
//! dataset's department (a steward of another department is refused), and writes its change,
//! the dataset's next revision and an audit entry in one transaction.

use yiwang_domain::audit::AuditAction;
use yiwang_domain::auth::{Permission, Scope};
use yiwang_domain::ids::{DataResourceId, DepartmentId};
use yiwang_domain::{ErrorCode, FieldCode, Timestamp};
use yiwang_files::{FileStore, ScanVerdict};
use yiwang_kit::audit::{Target, commit_audited};
use yiwang_kit::caller::Caller;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;
use yiwang_store::opendata::{DatasetFields, DatasetRow, FieldRow, NewResource};

use crate::rules;
use crate::table;

/// Checks that the caller keeps the open data of a department, and returns it.
pub async fn department(
    app: &AppState,
    caller: &Caller,
    id: DepartmentId,
) -> Result<yiwang_store::departments::Department, Error> {
    let d = app.store.department(id).await?;
    caller.principal.require(
        Permission::PublishData,
        &Scope::department(d.id, d.region.clone()),
    )?;
    Ok(d)
}

/// A dataset the caller may edit (not found for anyone else's, so ids are not probed).
pub async fn editable(app: &AppState, caller: &Caller, name: &str) -> Result<DatasetRow, Error> {
    let d = app
        .store
        .dataset(name)
        .await?
        .ok_or_else(Error::not_found)?;
    department(app, caller, d.department).await?;
    Ok(d)
}

fn target(d: &DatasetRow, what: &str) -> Target {
    Target {
        kind: Some("dataset"),
        id: Some(d.id.to_string()),
        department: Some(d.department),
        detail: Some(serde_json::json!({ "change": what, "name": d.fields.name })),
        ..Default::default()
    }
}

fn who(caller: &Caller) -> Option<yiwang_domain::ids::AccountId> {
    caller.principal.account()
}

/// Creates a draft dataset in a department.
pub async fn create(
    app: &AppState,
    caller: &Caller,
    dept: DepartmentId,
    f: DatasetFields,
) -> Result<DatasetRow, Error> {
    department(app, caller, dept).await?;
    let f = rules::check(f, &crate::services::catalog::licences(app))?;
    if app.store.dataset_name_taken(&f.name, None).await? {
        return Err(Error::field("name", FieldCode::CodeTaken));
    }
    let now = Timestamp::now();
    let mut tx = app.store.begin().await?;
    let id = app
        .store
        .insert_dataset(&mut tx, dept, &f, who(caller), now)
        .await?;
    let d = DatasetRow {
        id,
        fields: f,
        department: dept,
        state: "draft".into(),
        revision: 1,
        created_at: now,
        modified_at: now,
    };
    commit_audited(
        &app.store,
        caller,
        tx,
        AuditAction::DatasetChanged,
        target(&d, "created"),
    )
    .await?;
    Ok(d)
}

/// Saves a dataset's fields from the revision the editor saw.
pub async fn edit(
    app: &AppState,
    caller: &Caller,
    name: &str,
    revision: i64,
    f: DatasetFields,
) -> Result<DatasetRow, Error> {
    let d = editable(app, caller, name).await?;
    let f = rules::check(f, &crate::services::catalog::licences(app))?;
    if app.store.dataset_name_taken(&f.name, Some(d.id)).await? {
        return Err(Error::field("name", FieldCode::CodeTaken));
    }
    let mut tx = app.store.begin().await?;
    app.store
        .update_dataset(&mut tx, d.id, revision, &f, who(caller), Timestamp::now())
        .await?;
    let d = DatasetRow { fields: f, ..d };
    record_index_change(app, &mut tx, &d).await?;
    commit_audited(
        &app.store,
        caller,
        tx,
        AuditAction::DatasetChanged,
        target(&d, "edited"),
    )
    .await?;
    Ok(d)
}

/// Tells the search index (through the catalogue's change feed, in the writing transaction)
/// that a dataset changed: a published one is (re)indexed as `kind=dataset`, any other is
/// removed.
pub async fn record_index_change(
    app: &AppState,
    tx: &mut yiwang_store::Tx,
    d: &DatasetRow,
) -> Result<(), Error> {
    app.store
        .record_change(
            tx,
            yiwang_store::catalog::changes::ChangeKind::Dataset,
            &d.id.to_string(),
        )
        .await?;
    Ok(())
}

/// Takes a published dataset back to draft (withdrawn): readers, the API, DCAT and the search
/// box no longer see it.
pub async fn unpublish(app: &AppState, caller: &Caller, name: &str) -> Result<DatasetRow, Error> {
    set_published(app, caller, name, false).await
}

/// Publishes a draft: readers, the CKAN API and DCAT see it from now on.
pub async fn publish(app: &AppState, caller: &Caller, name: &str) -> Result<DatasetRow, Error> {
    set_published(app, caller, name, true).await
}

/// Moves a dataset between draft and published, with its index change and audit entry in one
/// transaction; asking for the state it is already in is an invalid transition.
async fn set_published(
    app: &AppState,
    caller: &Caller,
    name: &str,
    publish: bool,
) -> Result<DatasetRow, Error> {
    let d = editable(app, caller, name).await?;
    if d.published() == publish {
        return Err(Error::code(ErrorCode::InvalidTransition));
    }
    let (state, what) = if publish {
        ("published", "published")
    } else {
        ("draft", "unpublished")
    };
    let mut tx = app.store.begin().await?;
    app.store
        .touch_dataset(&mut tx, &d, state, who(caller), what, Timestamp::now())
        .await?;
    record_index_change(app, &mut tx, &d).await?;
    commit_audited(
        &app.store,
        caller,
        tx,
        AuditAction::DatasetChanged,
        target(&d, what),
    )
    .await?;
    Ok(d)
}

/// A resource as the steward describes it.
#[derive(Debug, Default, Clone)]
pub struct ResourceInput {
    /// Its name.
    pub name: String,
    /// What it holds.
    pub description: String,
    /// Its format (for a link; a file's is from its name).
    pub format: String,
    /// A link's address.
    pub url: String,
}

fn check_resource(r: &ResourceInput) -> Result<(), Error> {
    let mut e = yiwang_domain::FieldErrors::new();
    if r.name.trim().is_empty() {
        e.add("name", FieldCode::Required);
    } else if r.name.chars().count() > 200 {
        e.add("name", FieldCode::TooLong);
    }
    if r.description.chars().count() > 2000 {
        e.add("description", FieldCode::TooLong);
    }
    if e.is_empty() {
        Ok(())
    } else {
        Err(Error::Domain(yiwang_domain::Error::invalid(e)))
    }
}

/// Adds a link (an `http(s)` address) as a resource.
pub async fn add_link(
    app: &AppState,
    caller: &Caller,
    name: &str,
    r: ResourceInput,
) -> Result<DataResourceId, Error> {
    let d = editable(app, caller, name).await?;
    check_resource(&r)?;
    let url = r.url.trim();
    if !(url.starts_with("https://") || url.starts_with("http://"))
        || url.len() > 2000
        || url.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        return Err(Error::field("url", FieldCode::InvalidUrl));
    }
    let format = r.format.trim().to_uppercase();
    let now = Timestamp::now();
    let mut tx = app.store.begin().await?;
    let id = app
        .store
        .insert_data_resource(
            &mut tx,
            d.id,
            &NewResource {
                name: r.name.trim().into(),
                description: r.description.trim().into(),
                format: if format.is_empty() {
                    "HTML".into()
                } else {
                    format
                },
                url: url.into(),
                file_key: None,
                size: None,
            },
            now,
        )
        .await?;
    app.store
        .touch_dataset(&mut tx, &d, &d.state, who(caller), "resource_added", now)
        .await?;
    commit_audited(
        &app.store,
        caller,
        tx,
        AuditAction::DatasetChanged,
        target(&d, "resource_added"),
    )
    .await?;
    Ok(id)
}

/// The format of an uploaded file, from its name: what the file store takes.
fn file_format(file_name: &str) -> Option<&'static str> {
    let ext = file_name.rsplit_once('.')?.1.to_lowercase();
    Some(match ext.as_str() {
        "csv" => "CSV",
        "json" => "JSON",
        "geojson" => "GeoJSON",
        "pdf" => "PDF",
        "xlsx" => "XLSX",
        // A macro-enabled workbook: named so it is refused with its reason.
        "xlsm" => "XLSM",
        _ => return None,
    })
}

/// Stores an uploaded file as a resource; a CSV file (its encoding detected) or an XLSX
/// workbook (its first sheet's values) is also loaded into the datastore with its column
/// types detected. A workbook with macros is refused.
pub async fn add_file(
    app: &AppState,
    caller: &Caller,
    name: &str,
    r: ResourceInput,
    file_name: &str,
    bytes: &[u8],
) -> Result<DataResourceId, Error> {
    let d = editable(app, caller, name).await?;
    check_resource(&r)?;
    let format = file_format(file_name).ok_or_else(|| Error::field("file", FieldCode::FileType))?;
    if format == "XLSM" {
        return Err(Error::field("file", FieldCode::MacrosNotAllowed));
    }
    if bytes.is_empty() {
        return Err(Error::field("file", FieldCode::Required));
    }
    if bytes.len() > table::MAX_BYTES {
        return Err(Error::field("file", FieldCode::FileTooLarge));
    }
    let read = match format {
        "CSV" => Some(table::parse as fn(&[u8]) -> Result<table::Parsed, table::Refusal>),
        "XLSX" => Some(table::parse_xlsx as fn(&[u8]) -> Result<table::Parsed, table::Refusal>),
        _ => None,
    };
    let parsed = if let Some(read) = read {
        Some(read(bytes).map_err(|e| {
            let mut fe = yiwang_domain::FieldErrors::new();
            if e.line > 0 {
                fe.add_line("file", e.code, e.line);
            } else {
                fe.add("file", e.code);
            }
            Error::Domain(yiwang_domain::Error::invalid(fe))
        })?)
    } else {
        None
    };
    let files = app.part::<FileStore>()?;
    if files.scan(bytes) == ScanVerdict::Infected {
        return Err(Error::field("file", FieldCode::FileType));
    }
    let key = format!("opendata/{}", DataResourceId::generate());
    files.put(&key, bytes).await.map_err(Error::internal)?;
    let now = Timestamp::now();
    let mut tx = app.store.begin().await?;
    let id = app
        .store
        .insert_data_resource(
            &mut tx,
            d.id,
            &NewResource {
                name: r.name.trim().into(),
                description: r.description.trim().into(),
                format: format.into(),
                url: String::new(),
                file_key: Some(key),
                size: Some(bytes.len() as i64),
            },
            now,
        )
        .await?;
    if let Some(p) = &parsed {
        let fields: Vec<FieldRow> = p
            .fields
            .iter()
            .map(|(n, t)| FieldRow {
                name: n.clone(),
                field_type: (*t).into(),
            })
            .collect();
        app.store
            .load_datastore(&mut tx, id, &fields, &p.rows)
            .await?;
    }
    app.store
        .touch_dataset(&mut tx, &d, &d.state, who(caller), "resource_added", now)
        .await?;
    commit_audited(
        &app.store,
        caller,
        tx,
        AuditAction::DatasetChanged,
        target(&d, "resource_added"),
    )
    .await?;
    Ok(id)
}

/// Changes a datastore column's type; refused when a value of the column does not fit.
pub async fn set_column_type(
    app: &AppState,
    caller: &Caller,
    resource: DataResourceId,
    column: &str,
    field_type: &str,
) -> Result<(), Error> {
    let r = app
        .store
        .data_resource(resource)
        .await?
        .ok_or_else(Error::not_found)?;
    let d = editable(app, caller, &r.dataset.to_string()).await?;
    if !table::TYPES.contains(&field_type) {
        return Err(Error::field("field_type", FieldCode::InvalidChoice));
    }
    let fields = app.store.datastore_fields(resource).await?;
    let i = fields
        .iter()
        .position(|f| f.name == column)
        .ok_or_else(Error::not_found)?;
    let rows = app.store.datastore_rows(resource, 0, None).await?;
    if !table::fits(
        field_type,
        rows.iter()
            .map(|(_, c)| c.get(i).map_or("", String::as_str)),
    ) {
        return Err(Error::field("field_type", FieldCode::InvalidNumber));
    }
    let now = Timestamp::now();
    let mut tx = app.store.begin().await?;
    app.store
        .set_datastore_field_type(&mut tx, resource, column, field_type)
        .await?;
    app.store
        .touch_dataset(&mut tx, &d, &d.state, who(caller), "column_type", now)
        .await?;
    commit_audited(
        &app.store,
        caller,
        tx,
        AuditAction::DatasetChanged,
        target(&d, "column_type"),
    )
    .await?;
    Ok(())
}
