//! Connections to SQLite or PostgreSQL, chosen by the database URL.
//!
//! SQLite runs in WAL mode with `synchronous=FULL`, so a commit is on disk before it is
//! acknowledged. Writes go through a single-connection pool: SQLite allows one writer at a
//! time, and queueing writers in the pool is both faster and clearer than letting them collide
//! on `SQLITE_BUSY`. Reads use a separate read-only pool and never wait for writers.

use std::str::FromStr;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{Any, AnyPool, Executor};

use crate::{Error, Result};

/// A write transaction.
pub type Tx = sqlx::Transaction<'static, Any>;

/// Which SQL dialect is behind the pools.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// SQLite 3 (bundled).
    Sqlite,
    /// PostgreSQL 13 or later.
    Postgres,
}

/// Pool sizes and timeouts.
#[derive(Debug, Clone)]
pub struct DbOptions {
    /// Connections for reads (and, on PostgreSQL, writes).
    pub max_connections: u32,
    /// How long a request waits for a connection before the platform reports it is busy.
    pub acquire_timeout: Duration,
}

impl Default for DbOptions {
    fn default() -> Self {
        DbOptions {
            max_connections: 16,
            acquire_timeout: Duration::from_secs(10),
        }
    }
}

/// The database: a read pool and a write pool (the same pool on PostgreSQL).
#[derive(Clone, Debug)]
pub struct Db {
    read: AnyPool,
    write: AnyPool,
    dialect: Dialect,
}

impl Db {
    /// Connects to the database named by `url` (`sqlite:///path/to/file.db` or
    /// `postgres://…`). SQLite files are created if missing.
    pub async fn connect(url: &str, opts: &DbOptions) -> Result<Db> {
        sqlx::any::install_default_drivers();
        let dialect = dialect_of(url)?;
        match dialect {
            Dialect::Sqlite => {
                let url = sqlite_url(url);
                let write = sqlite_pool(&url, 1, false, opts).await?;
                // WAL is a property of the file: set once, by the writer, before readers open.
                sqlx::query("PRAGMA journal_mode=WAL")
                    .execute(&write)
                    .await?;
                let read = sqlite_pool(&url, opts.max_connections.max(2), true, opts).await?;
                Ok(Db {
                    read,
                    write,
                    dialect,
                })
            }
            Dialect::Postgres => {
                let options = AnyConnectOptions::from_str(url)?;
                let pool = AnyPoolOptions::new()
                    .max_connections(opts.max_connections)
                    .acquire_timeout(opts.acquire_timeout)
                    .connect_with(options)
                    .await?;
                Ok(Db {
                    read: pool.clone(),
                    write: pool,
                    dialect,
                })
            }
        }
    }

    /// The dialect.
    pub fn dialect(&self) -> Dialect {
        self.dialect
    }

    /// The pool for reads.
    pub fn reader(&self) -> &AnyPool {
        &self.read
    }

    /// The pool for single-statement writes outside a transaction.
    pub fn writer(&self) -> &AnyPool {
        &self.write
    }

    /// Starts a write transaction. On SQLite it takes the write lock at once (`BEGIN
    /// IMMEDIATE`), so a transaction that reads and then writes can never fail half-way on a
    /// lock upgrade.
    pub async fn begin(&self) -> Result<Tx> {
        Ok(match self.dialect {
            Dialect::Sqlite => self.write.begin_with("BEGIN IMMEDIATE").await?,
            Dialect::Postgres => self.write.begin().await?,
        })
    }

    /// Checks that the database answers.
    pub async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").execute(&self.read).await?;
        Ok(())
    }

    /// Writes a consistent copy of a SQLite database to `path` while the platform keeps
    /// running (`VACUUM INTO`). PostgreSQL is backed up with `pg_dump`.
    pub async fn backup_sqlite(&self, path: &str) -> Result<()> {
        if self.dialect != Dialect::Sqlite {
            return Err(Error::Migration(
                "online backup is for SQLite; back up PostgreSQL with pg_dump".into(),
            ));
        }
        if std::path::Path::new(path).exists() {
            return Err(Error::Migration(format!(
                "{path} already exists; choose a new file"
            )));
        }
        let mut conn = self.read.acquire().await?;
        // query_only forbids writes on reader connections, and VACUUM INTO counts as one.
        conn.execute("PRAGMA query_only=0").await?;
        let result = sqlx::query("VACUUM INTO $1")
            .bind(path.to_owned())
            .execute(&mut *conn)
            .await;
        conn.execute("PRAGMA query_only=1").await?;
        result?;
        Ok(())
    }

    /// Closes all connections (at shutdown).
    pub async fn close(&self) {
        self.read.close().await;
        self.write.close().await;
    }
}

fn dialect_of(url: &str) -> Result<Dialect> {
    if url.starts_with("sqlite:") {
        Ok(Dialect::Sqlite)
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Dialect::Postgres)
    } else {
        Err(Error::Migration(format!(
            "unsupported database URL scheme in {:?}: use sqlite:// or postgres://",
            url.split(':').next().unwrap_or("")
        )))
    }
}

/// Adds `mode=rwc` so a missing file is created.
fn sqlite_url(url: &str) -> String {
    if url.contains("mode=") {
        url.to_owned()
    } else if url.contains('?') {
        format!("{url}&mode=rwc")
    } else {
        format!("{url}?mode=rwc")
    }
}

async fn sqlite_pool(url: &str, max: u32, read_only: bool, opts: &DbOptions) -> Result<AnyPool> {
    let options = AnyConnectOptions::from_str(url)?;
    let pool = AnyPoolOptions::new()
        .max_connections(max)
        .min_connections(1)
        .acquire_timeout(opts.acquire_timeout)
        .after_connect(move |conn, _meta| {
            Box::pin(async move {
                conn.execute("PRAGMA busy_timeout=10000").await?;
                conn.execute("PRAGMA foreign_keys=ON").await?;
                conn.execute("PRAGMA synchronous=FULL").await?;
                if read_only {
                    conn.execute("PRAGMA query_only=1").await?;
                }
                Ok(())
            })
        })
        .connect_with(options)
        .await?;
    Ok(pool)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_choose_the_dialect() {
        assert_eq!(dialect_of("sqlite:///tmp/x.db").unwrap(), Dialect::Sqlite);
        assert_eq!(dialect_of("postgres://u@h/db").unwrap(), Dialect::Postgres);
        assert!(dialect_of("mysql://u@h/db").is_err());
        assert_eq!(sqlite_url("sqlite:///x.db"), "sqlite:///x.db?mode=rwc");
    }
}
