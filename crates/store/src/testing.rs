//! Databases for tests: a fresh SQLite file by default, or a fresh PostgreSQL database when
//! `TEST_DATABASE_URL` names a server (the URL's database is used only to create and drop
//! test databases). Every test gets its own database, dropped when the fixture is dropped, so
//! tests never see each other's data and runs never see each other's databases.

use std::path::PathBuf;

use sqlx::{Connection, Executor};
use yiwang_crypto::{Key, Vault};

use crate::{Db, DbOptions, Store};

/// The keys every test store uses.
pub fn test_vault() -> Vault {
    match Vault::new(Key::from_bytes([7; 32]), vec![], Key::from_bytes([9; 32])) {
        Ok(v) => v,
        Err(_) => std::process::abort(),
    }
}

/// A migrated store on a fresh database, removed on drop.
pub struct TestDb {
    /// The store.
    pub store: Store,
    /// The database URL (for tests that open a second connection).
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    Dir(PathBuf),
    Postgres { admin_url: String, name: String },
}

/// Which backend tests run on.
pub fn backend() -> &'static str {
    if std::env::var("TEST_DATABASE_URL").is_ok_and(|u| !u.is_empty()) {
        "postgres"
    } else {
        "sqlite"
    }
}

impl TestDb {
    /// Creates and migrates a fresh database.
    pub async fn new() -> TestDb {
        let suffix = yiwang_domain::ids::JobId::generate()
            .as_uuid()
            .simple()
            .to_string();
        let (url, cleanup) = match std::env::var("TEST_DATABASE_URL") {
            Ok(admin_url) if !admin_url.is_empty() => {
                sqlx::any::install_default_drivers();
                let name = format!("yw_test_{}", &suffix[20..]);
                let mut conn = sqlx::AnyConnection::connect(&admin_url)
                    .await
                    .unwrap_or_else(|e| panic!("TEST_DATABASE_URL unreachable: {e}"));
                conn.execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                    .await
                    .unwrap_or_else(|e| panic!("cannot create test database: {e}"));
                let _ = conn.close().await;
                let base = admin_url
                    .rsplit_once('/')
                    .map(|(b, _)| b.to_owned())
                    .unwrap_or(admin_url.clone());
                (
                    format!("{base}/{name}"),
                    Cleanup::Postgres { admin_url, name },
                )
            }
            _ => {
                let dir = std::env::temp_dir().join(format!("yiwang-test-{suffix}"));
                std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("temp dir: {e}"));
                (
                    format!("sqlite://{}", dir.join("test.db").display()),
                    Cleanup::Dir(dir),
                )
            }
        };
        let opts = DbOptions {
            max_connections: 8,
            ..DbOptions::default()
        };
        let db = Db::connect(&url, &opts)
            .await
            .unwrap_or_else(|e| panic!("connect {url}: {e}"));
        crate::migrate::run(&db)
            .await
            .unwrap_or_else(|e| panic!("migrate: {e}"));
        TestDb {
            store: Store::new(db, test_vault()),
            url,
            cleanup,
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::Dir(dir) => {
                let _ = std::fs::remove_dir_all(dir);
            }
            Cleanup::Postgres { admin_url, name } => {
                let (admin_url, name) = (admin_url.clone(), name.clone());
                // Drop runs inside the test's runtime: do the async clean-up on a thread of its own.
                // FORCE ends the pool's connections, which die with the test's runtime.
                let handle = std::thread::spawn(move || {
                    let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                    else {
                        return;
                    };
                    rt.block_on(async move {
                        if let Ok(mut conn) = sqlx::AnyConnection::connect(&admin_url).await {
                            let _ = conn
                                .execute(sqlx::AssertSqlSafe(format!(
                                    "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                                )))
                                .await;
                            let _ = conn.close().await;
                        }
                    });
                });
                let _ = handle.join();
            }
        }
    }
}
