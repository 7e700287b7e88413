//! Open311 GeoReport v2 (INQ-5): the clients that may post with an API key, and the public
//! requests a client reads back.

use yiwang_domain::Timestamp;

use super::{COLUMNS, FROM, InquiryRow, placeholders, read};
use crate::row::RowExt;
use crate::{Result, Store};

/// What `GET requests` asks for.
#[derive(Debug, Clone, Default)]
pub struct PublicQuery {
    /// These receipts only (`service_request_id=a,b`); empty: any.
    pub receipts: Vec<String>,
    /// One category (`service_code`); empty: any.
    pub category: String,
    /// `Some(true)`: open only; `Some(false)`: closed only; `None`: both.
    pub open: Option<bool>,
    /// Requested at or after.
    pub from: Timestamp,
    /// Requested at or before.
    pub to: Timestamp,
    /// At most this many, newest first.
    pub limit: i64,
}

/// A registered client.
#[derive(Debug, Clone)]
pub struct Open311Client {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// When it was registered.
    pub created_at: Timestamp,
    /// When its key was revoked.
    pub revoked_at: Option<Timestamp>,
}

const OPEN: &str = "('dispatch', 'assigned', 'handling', 'paused', 'reply_review', 'review')";

impl Store {
    /// The client holding an API key (its hash), unless revoked: its id.
    pub async fn open311_client(&self, key_hash: &str) -> Result<Option<String>> {
        let row = sqlx::query(
            "SELECT id FROM open311_clients WHERE key_hash = $1 AND revoked_at IS NULL",
        )
        .bind(key_hash.to_owned())
        .fetch_optional(self.db.reader())
        .await?;
        row.map(|r| r.text("id")).transpose()
    }

    /// Registers a client with its key's hash in its own transaction (see
    /// [`Store::insert_open311_client`]).
    pub async fn add_open311_client(
        &self,
        id: &str,
        name: &str,
        key_hash: &str,
        created_by: &str,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        self.insert_open311_client(&mut tx, id, name, key_hash, created_by)
            .await?;
        crate::commit(tx).await
    }

    /// Every client, newest first.
    pub async fn open311_clients(&self) -> Result<Vec<Open311Client>> {
        sqlx::query(
            "SELECT id, name, created_at, revoked_at FROM open311_clients ORDER BY created_at DESC",
        )
        .fetch_all(self.db.reader())
        .await?
        .iter()
        .map(|r| {
            Ok(Open311Client {
                id: r.text("id")?,
                name: r.text("name")?,
                created_at: Timestamp(r.int("created_at")?),
                revoked_at: r.opt_int("revoked_at")?.map(Timestamp),
            })
        })
        .collect()
    }

    /// Revokes a client's key; `false` if there was no such client still active.
    pub async fn revoke_open311_client(&self, tx: &mut crate::Tx, id: &str) -> Result<bool> {
        let n = sqlx::query(
            "UPDATE open311_clients SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL",
        )
        .bind(Timestamp::now().millis())
        .bind(id.to_owned())
        .execute(&mut **tx)
        .await?
        .rows_affected();
        Ok(n == 1)
    }

    /// Registers a client inside a transaction; a key already registered is left as it is.
    pub async fn insert_open311_client(
        &self,
        tx: &mut crate::Tx,
        id: &str,
        name: &str,
        key_hash: &str,
        created_by: &str,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO open311_clients (id, name, key_hash, created_by, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
        )
        .bind(id.to_owned())
        .bind(name.to_owned())
        .bind(key_hash.to_owned())
        .bind(created_by.to_owned())
        .bind(Timestamp::now().millis())
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// Public inquiries (the asker agreed and their kind and category allow it), not merged
    /// into another, newest first. Only the filters asked for are in the query, so that the
    /// (category, created_at) or (created_at) index serves it.
    pub async fn public_inquiries(&self, q: &PublicQuery) -> Result<Vec<InquiryRow>> {
        let mut filter = String::from(
            "i.wants_public = 1 AND i.state <> 'merged' AND i.created_at >= $1 AND i.created_at <= $2",
        );
        let mut values: Vec<String> = Vec::new();
        if !q.category.is_empty() {
            values.push(q.category.clone());
            filter.push_str(&format!(" AND i.category = ${}", values.len() + 2));
        }
        match q.open {
            Some(true) => filter.push_str(&format!(" AND i.state IN {OPEN}")),
            Some(false) => filter.push_str(&format!(" AND i.state NOT IN {OPEN}")),
            None => {}
        }
        if !q.receipts.is_empty() {
            let first = values.len() + 3;
            filter.push_str(&format!(
                " AND i.receipt IN ({})",
                placeholders(first, q.receipts.len())
            ));
            values.extend(q.receipts.iter().cloned());
        }
        let sql = format!(
            "SELECT {COLUMNS} {FROM} WHERE {filter} ORDER BY i.created_at DESC, i.id DESC LIMIT ${}",
            values.len() + 3
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(q.from.millis())
            .bind(q.to.millis());
        for v in &values {
            query = query.bind(v.clone());
        }
        query
            .bind(q.limit)
            .fetch_all(self.db.reader())
            .await?
            .iter()
            .map(read)
            .collect()
    }
}
