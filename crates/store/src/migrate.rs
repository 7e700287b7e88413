//! Schema migrations, applied at start and by `yiwang migrate`.
//!
//! Hand-written rather than sqlx's migrator: one portable set of files serves both backends
//! without the `macros` feature, a PostgreSQL advisory lock lets many instances start at once,
//! and a file may carry a per-dialect variant (`NNNN_name.postgres.sql`) when SQL cannot be
//! shared. Each migration runs in its own transaction and is recorded with a checksum; a file
//! edited after it was applied stops the start with a clear message.

use sqlx::Row;

use crate::db::{Db, Dialect};
use crate::{Error, Result};

/// One migration: a version, a name and its SQL for each dialect.
struct Migration {
    version: i64,
    name: &'static str,
    sqlite: &'static str,
    postgres: &'static str,
}

/// Every migration, in order. Add new ones at the end; never edit one that has shipped.
const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "core",
        sqlite: include_str!("../migrations/0001_core.sql"),
        postgres: include_str!("../migrations/0001_core.sql"),
    },
    Migration {
        version: 2,
        name: "scope_indexes",
        sqlite: include_str!("../migrations/0002_scope_indexes.sql"),
        postgres: include_str!("../migrations/0002_scope_indexes.sql"),
    },
    Migration {
        version: 3,
        name: "catalog",
        sqlite: include_str!("../migrations/0003_catalog.sql"),
        postgres: include_str!("../migrations/0003_catalog.sql"),
    },
    Migration {
        version: 4,
        name: "applications",
        sqlite: include_str!("../migrations/0004_applications.sql"),
        postgres: include_str!("../migrations/0004_applications.sql"),
    },
    Migration {
        version: 5,
        name: "assist",
        sqlite: include_str!("../migrations/0005_assist.sql"),
        postgres: include_str!("../migrations/0005_assist.sql"),
    },
    Migration {
        version: 6,
        name: "waiting_on",
        sqlite: include_str!("../migrations/0006_waiting_on.sql"),
        postgres: include_str!("../migrations/0006_waiting_on.sql"),
    },
    Migration {
        version: 7,
        name: "identity",
        sqlite: include_str!("../migrations/0007_identity.sql"),
        postgres: include_str!("../migrations/0007_identity.sql"),
    },
    Migration {
        version: 8,
        name: "security_review",
        sqlite: include_str!("../migrations/0008_security_review.sql"),
        postgres: include_str!("../migrations/0008_security_review.sql"),
    },
    Migration {
        version: 9,
        name: "inquiries",
        sqlite: include_str!("../migrations/0009_inquiries.sql"),
        postgres: include_str!("../migrations/0009_inquiries.sql"),
    },
    Migration {
        version: 10,
        name: "publishing",
        sqlite: include_str!("../migrations/0010_publishing.sql"),
        postgres: include_str!("../migrations/0010_publishing.sql"),
    },
    Migration {
        version: 11,
        name: "alerts",
        sqlite: include_str!("../migrations/0011_alerts.sql"),
        postgres: include_str!("../migrations/0011_alerts.sql"),
    },
    Migration {
        version: 12,
        name: "disclosure",
        sqlite: include_str!("../migrations/0012_disclosure.sql"),
        postgres: include_str!("../migrations/0012_disclosure.sql"),
    },
    Migration {
        version: 13,
        name: "push",
        sqlite: include_str!("../migrations/0013_push.sql"),
        postgres: include_str!("../migrations/0013_push.sql"),
    },
    Migration {
        version: 14,
        name: "payments",
        sqlite: include_str!("../migrations/0014_payments.sql"),
        postgres: include_str!("../migrations/0014_payments.sql"),
    },
    Migration {
        version: 15,
        name: "bookings",
        sqlite: include_str!("../migrations/0015_bookings.sql"),
        postgres: include_str!("../migrations/0015_bookings.sql"),
    },
    Migration {
        version: 16,
        name: "records",
        sqlite: include_str!("../migrations/0016_records.sql"),
        postgres: include_str!("../migrations/0016_records.sql"),
    },
    Migration {
        version: 17,
        name: "public_lists",
        sqlite: include_str!("../migrations/0017_public_lists.sql"),
        postgres: include_str!("../migrations/0017_public_lists.sql"),
    },
    Migration {
        version: 18,
        name: "opendata",
        sqlite: include_str!("../migrations/0018_opendata.sql"),
        postgres: include_str!("../migrations/0018_opendata.sql"),
    },
    Migration {
        version: 19,
        name: "portals",
        sqlite: include_str!("../migrations/0019_portals.sql"),
        postgres: include_str!("../migrations/0019_portals.sql"),
    },
    Migration {
        version: 20,
        name: "local",
        sqlite: include_str!("../migrations/0020_local.sql"),
        postgres: include_str!("../migrations/0020_local.sql"),
    },
    Migration {
        version: 21,
        name: "opendata_stats",
        sqlite: include_str!("../migrations/0021_opendata_stats.sql"),
        postgres: include_str!("../migrations/0021_opendata_stats.sql"),
    },
    Migration {
        version: 22,
        name: "sso",
        sqlite: include_str!("../migrations/0022_sso.sql"),
        postgres: include_str!("../migrations/0022_sso.sql"),
    },
];

/// The newest schema version this binary knows.
pub fn latest_version() -> i64 {
    MIGRATIONS.last().map_or(0, |m| m.version)
}

/// FNV-1a, enough to notice an edited file (not a security check).
fn checksum(sql: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in sql.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// Applies every migration not yet applied. Returns the versions applied now.
pub async fn run(db: &Db) -> Result<Vec<i64>> {
    sqlx::raw_sql(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
            version BIGINT PRIMARY KEY,
            name TEXT NOT NULL,
            checksum TEXT NOT NULL,
            applied_at BIGINT NOT NULL
        )",
    )
    .execute(db.writer())
    .await?;
    let mut applied_now = Vec::new();
    for m in MIGRATIONS {
        let mut tx = db.begin().await?;
        if db.dialect() == Dialect::Postgres {
            // Serialises concurrent starts of several instances; released at commit.
            sqlx::query("SELECT pg_advisory_xact_lock(7242016)")
                .execute(&mut *tx)
                .await?;
        }
        let sql = match db.dialect() {
            Dialect::Sqlite => m.sqlite,
            Dialect::Postgres => m.postgres,
        };
        let row = sqlx::query("SELECT checksum FROM schema_migrations WHERE version = $1")
            .bind(m.version)
            .fetch_optional(&mut *tx)
            .await?;
        if let Some(row) = row {
            let stored: String = row.try_get("checksum")?;
            if stored != checksum(sql) {
                return Err(Error::Migration(format!(
                    "migration {} ({}) was changed after it was applied",
                    m.version, m.name
                )));
            }
            tx.rollback().await?;
            continue;
        }
        sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
            .execute(&mut *tx)
            .await?;
        sqlx::query("INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES ($1, $2, $3, $4)")
            .bind(m.version)
            .bind(m.name)
            .bind(checksum(sql))
            .bind(yiwang_domain::Timestamp::now().millis())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        tracing::info!(version = m.version, name = m.name, "migration applied");
        applied_now.push(m.version);
    }
    check_not_newer(db).await?;
    Ok(applied_now)
}

/// The highest applied version, or 0 for an empty database.
pub async fn current_version(db: &Db) -> Result<i64> {
    let row = sqlx::query("SELECT MAX(version) AS v FROM schema_migrations")
        .fetch_optional(db.reader())
        .await;
    match row {
        Ok(Some(r)) => Ok(r.try_get::<Option<i64>, _>("v")?.unwrap_or(0)),
        Ok(None) => Ok(0),
        // No table yet: nothing applied.
        Err(sqlx::Error::Database(_)) => Ok(0),
        Err(e) => Err(e.into()),
    }
}

/// Refuses to run against a database migrated by a newer binary.
async fn check_not_newer(db: &Db) -> Result<()> {
    let v = current_version(db).await?;
    if v > latest_version() {
        return Err(Error::Migration(format!(
            "the database is at schema version {v}, newer than this binary ({}); upgrade the binary",
            latest_version()
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_strictly_increasing() {
        for w in MIGRATIONS.windows(2) {
            assert!(w[0].version < w[1].version);
        }
        assert_ne!(checksum("a"), checksum("b"));
    }
}
