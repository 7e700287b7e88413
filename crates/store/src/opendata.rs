//! Open data (DATA-1): datasets owned by departments, their resources, every edit's snapshot,
//! and the datastore (a CSV resource's typed columns and its rows). The rules — names,
//! licences, column types — are the opendata capability's; this module keeps the rows.

use sqlx::any::AnyRow;
use yiwang_domain::Timestamp;
use yiwang_domain::ids::{AccountId, DataResourceId, DatasetId, DepartmentId};

use crate::row::RowExt;
use crate::{Error, Result, Store, Tx};

/// A dataset's descriptive fields, as a steward edits them.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct DatasetFields {
    /// The URL name: `[a-z0-9_-]{2,100}`, unique.
    pub name: String,
    /// The title.
    pub title: String,
    /// The description (plain text).
    pub notes: String,
    /// The licence's id (CKAN's `license_id`).
    pub license_id: String,
    /// Tags.
    pub tags: Vec<String>,
    /// Topic groups (their codes).
    pub groups: Vec<String>,
    /// How often it is updated (a code: `daily`, `monthly`, …).
    pub frequency: String,
    /// First day covered, `YYYY-MM-DD`.
    pub temporal_start: Option<String>,
    /// Last day covered, `YYYY-MM-DD`.
    pub temporal_end: Option<String>,
    /// The region covered (a region code).
    pub region: Option<String>,
    /// Who to ask (an office, a phone, an address: public contact data of a department).
    pub contact: String,
    /// The data's own version label.
    pub version: String,
}

/// A dataset's row.
#[derive(Debug, Clone)]
pub struct DatasetRow {
    /// Its id.
    pub id: DatasetId,
    /// The descriptive fields.
    pub fields: DatasetFields,
    /// The owning department.
    pub department: DepartmentId,
    /// `draft` or `published`.
    pub state: String,
    /// One more per edit.
    pub revision: i64,
    /// Created.
    pub created_at: Timestamp,
    /// Last changed.
    pub modified_at: Timestamp,
}

impl DatasetRow {
    /// Whether readers (and the CKAN API) see it.
    pub fn published(&self) -> bool {
        self.state == "published"
    }
}

/// A resource's row.
#[derive(Debug, Clone)]
pub struct ResourceRow {
    /// Its id.
    pub id: DataResourceId,
    /// Its dataset.
    pub dataset: DatasetId,
    /// Its place in the dataset's list.
    pub position: i64,
    /// Its name.
    pub name: String,
    /// What it holds.
    pub description: String,
    /// `CSV`, `JSON`, `PDF`, …
    pub format: String,
    /// A link's address (empty for a file: its download address is the platform's).
    pub url: String,
    /// The file store key of an uploaded file.
    pub file_key: Option<String>,
    /// The file's size in bytes.
    pub size: Option<i64>,
    /// Whether its rows are in the datastore.
    pub datastore_active: bool,
    /// How often it was downloaded.
    pub downloads: i64,
    /// Created.
    pub created_at: Timestamp,
    /// Last changed.
    pub modified_at: Timestamp,
}

/// A new resource.
#[derive(Debug, Clone)]
pub struct NewResource {
    /// Its name.
    pub name: String,
    /// What it holds.
    pub description: String,
    /// Its format.
    pub format: String,
    /// A link's address, or empty.
    pub url: String,
    /// An uploaded file's key.
    pub file_key: Option<String>,
    /// Its size.
    pub size: Option<i64>,
}

/// A datastore column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldRow {
    /// Its name (the CSV header).
    pub name: String,
    /// `int`, `numeric`, `date` or `text`.
    pub field_type: String,
}

/// An entry of a dataset's history.
#[derive(Debug, Clone)]
pub struct VersionRow {
    /// The revision it made.
    pub revision: i64,
    /// What was done (`created`, `edited`, `resource_added`, `published`, …).
    pub note: String,
    /// When.
    pub at: Timestamp,
}

const DATASET_COLUMNS: &str = "id, name, title, notes, department_id, license_id, tags, topic_groups, frequency, temporal_start, temporal_end, region_code, contact, version, state, revision, created_at, modified_at";
const RESOURCE_COLUMNS: &str = "id, dataset_id, position, name, description, format, url, file_key, size_bytes, datastore_active, downloads, created_at, modified_at";

fn list(col: &str, text: &str) -> Result<Vec<String>> {
    serde_json::from_str(text).map_err(|_| Error::Corrupt(format!("column {col} is not a list")))
}

fn json_list(v: &[String]) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "[]".into())
}

fn dataset_row(r: &AnyRow) -> Result<DatasetRow> {
    Ok(DatasetRow {
        id: r.parsed("id")?,
        fields: DatasetFields {
            name: r.text("name")?,
            title: r.text("title")?,
            notes: r.text("notes")?,
            license_id: r.text("license_id")?,
            tags: list("tags", &r.text("tags")?)?,
            groups: list("topic_groups", &r.text("topic_groups")?)?,
            frequency: r.text("frequency")?,
            temporal_start: r.opt_text("temporal_start")?,
            temporal_end: r.opt_text("temporal_end")?,
            region: r.opt_text("region_code")?,
            contact: r.text("contact")?,
            version: r.text("version")?,
        },
        department: r.parsed("department_id")?,
        state: r.text("state")?,
        revision: r.int("revision")?,
        created_at: r.ts("created_at")?,
        modified_at: r.ts("modified_at")?,
    })
}

fn resource_row(r: &AnyRow) -> Result<ResourceRow> {
    Ok(ResourceRow {
        id: r.parsed("id")?,
        dataset: r.parsed("dataset_id")?,
        position: r.int("position")?,
        name: r.text("name")?,
        description: r.text("description")?,
        format: r.text("format")?,
        url: r.text("url")?,
        file_key: r.opt_text("file_key")?,
        size: r.opt_int("size_bytes")?,
        datastore_active: r.int("datastore_active")? != 0,
        downloads: r.int("downloads")?,
        created_at: r.ts("created_at")?,
        modified_at: r.ts("modified_at")?,
    })
}

impl Store {
    /// Every dataset (drafts too), newest change first.
    pub async fn datasets(&self) -> Result<Vec<DatasetRow>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {DATASET_COLUMNS} FROM datasets ORDER BY modified_at DESC, id"
        )))
        .fetch_all(self.db.reader())
        .await?;
        rows.iter().map(dataset_row).collect()
    }

    /// One dataset by its id or its name.
    pub async fn dataset(&self, id_or_name: &str) -> Result<Option<DatasetRow>> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {DATASET_COLUMNS} FROM datasets WHERE id = $1 OR name = $1"
        )))
        .bind(id_or_name)
        .fetch_optional(self.db.reader())
        .await?;
        row.as_ref().map(dataset_row).transpose()
    }

    /// Every resource, in each dataset's order.
    pub async fn data_resources(&self) -> Result<Vec<ResourceRow>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {RESOURCE_COLUMNS} FROM dataset_resources ORDER BY dataset_id, position"
        )))
        .fetch_all(self.db.reader())
        .await?;
        rows.iter().map(resource_row).collect()
    }

    /// One resource.
    pub async fn data_resource(&self, id: DataResourceId) -> Result<Option<ResourceRow>> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {RESOURCE_COLUMNS} FROM dataset_resources WHERE id = $1"
        )))
        .bind(id.to_string())
        .fetch_optional(self.db.reader())
        .await?;
        row.as_ref().map(resource_row).transpose()
    }

    /// Whether a dataset name is taken by another dataset.
    pub async fn dataset_name_taken(&self, name: &str, except: Option<DatasetId>) -> Result<bool> {
        let row = sqlx::query("SELECT id FROM datasets WHERE name = $1")
            .bind(name)
            .fetch_optional(self.db.reader())
            .await?;
        Ok(match row {
            Some(r) => Some(r.parsed::<DatasetId>("id")?) != except,
            None => false,
        })
    }

    /// Creates a draft dataset (revision 1) with its first history entry.
    pub async fn insert_dataset(
        &self,
        tx: &mut Tx,
        department: DepartmentId,
        f: &DatasetFields,
        by: Option<AccountId>,
        at: Timestamp,
    ) -> Result<DatasetId> {
        let id = DatasetId::generate();
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO datasets ({DATASET_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'draft', 1, $15, $15)"
        )))
        .bind(id.to_string())
        .bind(&f.name)
        .bind(&f.title)
        .bind(&f.notes)
        .bind(department.to_string())
        .bind(&f.license_id)
        .bind(json_list(&f.tags))
        .bind(json_list(&f.groups))
        .bind(&f.frequency)
        .bind(f.temporal_start.clone())
        .bind(f.temporal_end.clone())
        .bind(f.region.clone())
        .bind(&f.contact)
        .bind(&f.version)
        .bind(at.millis())
        .execute(&mut **tx)
        .await?;
        self.dataset_history(tx, id, 1, f, by, "created", at)
            .await?;
        Ok(id)
    }

    /// Saves a dataset's fields from `revision` (the one the editor saw): the next revision,
    /// with its history entry; `conflict` if someone saved in between.
    pub async fn update_dataset(
        &self,
        tx: &mut Tx,
        id: DatasetId,
        revision: i64,
        f: &DatasetFields,
        by: Option<AccountId>,
        at: Timestamp,
    ) -> Result<()> {
        let done = sqlx::query(
            "UPDATE datasets SET name = $1, title = $2, notes = $3, license_id = $4, tags = $5, topic_groups = $6, frequency = $7,
                 temporal_start = $8, temporal_end = $9, region_code = $10, contact = $11, version = $12, revision = revision + 1, modified_at = $13
             WHERE id = $14 AND revision = $15",
        )
        .bind(&f.name)
        .bind(&f.title)
        .bind(&f.notes)
        .bind(&f.license_id)
        .bind(json_list(&f.tags))
        .bind(json_list(&f.groups))
        .bind(&f.frequency)
        .bind(f.temporal_start.clone())
        .bind(f.temporal_end.clone())
        .bind(f.region.clone())
        .bind(&f.contact)
        .bind(&f.version)
        .bind(at.millis())
        .bind(id.to_string())
        .bind(revision)
        .execute(&mut **tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(crate::row::conflict_or_missing(
                tx,
                "SELECT 1 AS x FROM datasets WHERE id = $1",
                id.to_string(),
            )
            .await?);
        }
        self.dataset_history(tx, id, revision + 1, f, by, "edited", at)
            .await
    }

    /// Marks a change that is not of the fields (a resource, a column type, publishing): the
    /// next revision and its history entry, with the state given.
    pub async fn touch_dataset(
        &self,
        tx: &mut Tx,
        d: &DatasetRow,
        state: &str,
        by: Option<AccountId>,
        note: &str,
        at: Timestamp,
    ) -> Result<()> {
        sqlx::query(
            "UPDATE datasets SET state = $1, revision = revision + 1, modified_at = $2 WHERE id = $3",
        )
        .bind(state)
        .bind(at.millis())
        .bind(d.id.to_string())
        .execute(&mut **tx)
        .await?;
        let revision: i64 = sqlx::query("SELECT revision FROM datasets WHERE id = $1")
            .bind(d.id.to_string())
            .fetch_one(&mut **tx)
            .await?
            .int("revision")?;
        self.dataset_history(tx, d.id, revision, &d.fields, by, note, at)
            .await
    }

    #[allow(clippy::too_many_arguments)]
    async fn dataset_history(
        &self,
        tx: &mut Tx,
        id: DatasetId,
        revision: i64,
        f: &DatasetFields,
        by: Option<AccountId>,
        note: &str,
        at: Timestamp,
    ) -> Result<()> {
        // Every dataset-writing transaction passes here: readers' cached catalogues go stale.
        sqlx::query("UPDATE opendata_version SET version = version + 1 WHERE id = 1")
            .execute(&mut **tx)
            .await?;
        let snapshot = serde_json::to_string(f).map_err(|e| Error::Corrupt(e.to_string()))?;
        sqlx::query("INSERT INTO dataset_versions (dataset_id, revision, snapshot, changed_by, note, changed_at) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(id.to_string())
            .bind(revision)
            .bind(snapshot)
            .bind(by.map(|a| a.to_string()))
            .bind(note)
            .bind(at.millis())
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    /// A dataset's history, newest first.
    pub async fn dataset_versions(&self, id: DatasetId) -> Result<Vec<VersionRow>> {
        let rows = sqlx::query("SELECT revision, note, changed_at FROM dataset_versions WHERE dataset_id = $1 ORDER BY revision DESC")
            .bind(id.to_string())
            .fetch_all(self.db.reader())
            .await?;
        rows.iter()
            .map(|r| {
                Ok(VersionRow {
                    revision: r.int("revision")?,
                    note: r.text("note")?,
                    at: r.ts("changed_at")?,
                })
            })
            .collect()
    }

    /// Adds a resource at the end of a dataset's list.
    pub async fn insert_data_resource(
        &self,
        tx: &mut Tx,
        dataset: DatasetId,
        r: &NewResource,
        at: Timestamp,
    ) -> Result<DataResourceId> {
        let id = DataResourceId::generate();
        let position: i64 = sqlx::query(
            "SELECT COALESCE(MAX(position), 0) + 1 AS n FROM dataset_resources WHERE dataset_id = $1",
        )
        .bind(dataset.to_string())
        .fetch_one(&mut **tx)
        .await?
        .int("n")?;
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO dataset_resources ({RESOURCE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0, 0, $10, $10)"
        )))
        .bind(id.to_string())
        .bind(dataset.to_string())
        .bind(position)
        .bind(&r.name)
        .bind(&r.description)
        .bind(&r.format)
        .bind(&r.url)
        .bind(r.file_key.clone())
        .bind(r.size)
        .bind(at.millis())
        .execute(&mut **tx)
        .await?;
        Ok(id)
    }

    /// Loads a resource's rows into the datastore: its columns and every row (cells as text).
    pub async fn load_datastore(
        &self,
        tx: &mut Tx,
        resource: DataResourceId,
        fields: &[FieldRow],
        rows: &[Vec<String>],
    ) -> Result<()> {
        let rid = resource.to_string();
        sqlx::query("DELETE FROM datastore_rows WHERE resource_id = $1")
            .bind(&rid)
            .execute(&mut **tx)
            .await?;
        sqlx::query("DELETE FROM datastore_fields WHERE resource_id = $1")
            .bind(&rid)
            .execute(&mut **tx)
            .await?;
        for (i, f) in fields.iter().enumerate() {
            sqlx::query("INSERT INTO datastore_fields (resource_id, position, name, field_type) VALUES ($1, $2, $3, $4)")
                .bind(&rid)
                .bind(i as i64)
                .bind(&f.name)
                .bind(&f.field_type)
                .execute(&mut **tx)
                .await?;
        }
        // Many rows per statement: a large file loads in few round trips.
        for (chunk_no, chunk) in rows.chunks(200).enumerate() {
            let mut sql =
                String::from("INSERT INTO datastore_rows (resource_id, row_no, cells) VALUES ");
            for i in 0..chunk.len() {
                if i > 0 {
                    sql.push_str(", ");
                }
                sql.push_str(&format!("($1, ${}, ${})", 2 * i + 2, 2 * i + 3));
            }
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(&rid);
            for (i, cells) in chunk.iter().enumerate() {
                let json =
                    serde_json::to_string(cells).map_err(|e| Error::Corrupt(e.to_string()))?;
                q = q.bind((chunk_no * 200 + i + 1) as i64).bind(json);
            }
            q.execute(&mut **tx).await?;
        }
        sqlx::query("UPDATE dataset_resources SET datastore_active = 1 WHERE id = $1")
            .bind(&rid)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    /// A datastore resource's columns, in order.
    pub async fn datastore_fields(&self, resource: DataResourceId) -> Result<Vec<FieldRow>> {
        let rows = sqlx::query("SELECT name, field_type FROM datastore_fields WHERE resource_id = $1 ORDER BY position")
            .bind(resource.to_string())
            .fetch_all(self.db.reader())
            .await?;
        rows.iter()
            .map(|r| {
                Ok(FieldRow {
                    name: r.text("name")?,
                    field_type: r.text("field_type")?,
                })
            })
            .collect()
    }

    /// Sets a column's type.
    pub async fn set_datastore_field_type(
        &self,
        tx: &mut Tx,
        resource: DataResourceId,
        name: &str,
        field_type: &str,
    ) -> Result<()> {
        let done = sqlx::query(
            "UPDATE datastore_fields SET field_type = $1 WHERE resource_id = $2 AND name = $3",
        )
        .bind(field_type)
        .bind(resource.to_string())
        .bind(name)
        .execute(&mut **tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(Error::not_found());
        }
        Ok(())
    }

    /// How many rows a datastore resource has.
    pub async fn datastore_count(&self, resource: DataResourceId) -> Result<i64> {
        sqlx::query("SELECT COUNT(*) AS n FROM datastore_rows WHERE resource_id = $1")
            .bind(resource.to_string())
            .fetch_one(self.db.reader())
            .await?
            .int("n")
    }

    /// Rows of a datastore resource in file order, `(row number from 1, cells)`, from
    /// `offset` (`limit` of them; `None` for all).
    pub async fn datastore_rows(
        &self,
        resource: DataResourceId,
        offset: i64,
        limit: Option<i64>,
    ) -> Result<Vec<(i64, Vec<String>)>> {
        let rows = sqlx::query(
            "SELECT row_no, cells FROM datastore_rows WHERE resource_id = $1 ORDER BY row_no LIMIT $2 OFFSET $3",
        )
        .bind(resource.to_string())
        .bind(limit.unwrap_or(i64::MAX))
        .bind(offset)
        .fetch_all(self.db.reader())
        .await?;
        rows.iter()
            .map(|r| {
                let cells: Vec<String> = serde_json::from_str(&r.text("cells")?)
                    .map_err(|_| Error::Corrupt("datastore_rows.cells".into()))?;
                Ok((r.int("row_no")?, cells))
            })
            .collect()
    }

    /// Counts a download of a resource (the catalogue's version moves with it: the count is
    /// part of what readers see).
    pub async fn count_data_download(&self, resource: DataResourceId) -> Result<()> {
        let mut tx = self.begin().await?;
        sqlx::query("UPDATE dataset_resources SET downloads = downloads + 1 WHERE id = $1")
            .bind(resource.to_string())
            .execute(&mut *tx)
            .await?;
        sqlx::query("UPDATE opendata_version SET version = version + 1 WHERE id = 1")
            .execute(&mut *tx)
            .await?;
        crate::commit(tx).await
    }

    /// The catalogue's version: the datasets' counter and the departments' last change (a
    /// renamed department renames its datasets' organisation).
    pub async fn data_version(&self) -> Result<(i64, i64)> {
        let r = sqlx::query(
            "SELECT v.version, (SELECT COALESCE(MAX(updated_at), 0) FROM departments) AS d FROM opendata_version v WHERE v.id = 1",
        )
        .fetch_one(self.db.reader())
        .await?;
        Ok((r.int("version")?, r.int("d")?))
    }
}
