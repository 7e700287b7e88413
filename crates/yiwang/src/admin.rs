//! Operator commands: migrate, seed, backup, create staff, import regions, demo codes.

use std::io::BufRead;
use std::path::{Path, PathBuf};

use yiwang_domain::account::{check_new_password, check_plain_text, check_username};
use yiwang_domain::auth::{Grant, Role};
use yiwang_domain::ids::DepartmentId;
use yiwang_domain::region::RegionCode;
use yiwang_domain::{FieldErrors, Timestamp};
use yiwang_store::regions::RegionSources;
use yiwang_store::staff::Holder;

use crate::config::Config;
use crate::serve::open_store;

type BoxError = Box<dyn std::error::Error>;

/// `yiwang migrate`.
#[allow(clippy::print_stdout)]
pub async fn migrate(config: Config) -> Result<(), BoxError> {
    let store = open_store(&config).await?;
    println!(
        "schema version {}",
        yiwang_store::migrate::current_version(&store.db).await?
    );
    Ok(())
}

/// `yiwang seed [--demo]`.
#[allow(clippy::print_stdout)]
pub async fn seed(config: Config, demo: bool) -> Result<(), BoxError> {
    let store = open_store(&config).await?;
    if demo {
        let logins = crate::demo::ensure(&store, &config).await?;
        println!("{logins}");
    } else {
        let r = store.import_regions(&crate::data::regions()).await?;
        println!(
            "regions: {} added, {} changed, {} unchanged",
            r.added, r.changed, r.unchanged
        );
    }
    Ok(())
}

/// `yiwang backup FILE`.
#[allow(clippy::print_stdout)]
pub async fn backup(config: Config, file: &Path) -> Result<(), BoxError> {
    let store = open_store(&config).await?;
    let path = file.to_str().ok_or("the backup path must be valid UTF-8")?;
    store.db.backup_sqlite(path).await?;
    println!(
        "backup written to {path}; keep it with a copy of {}/keys",
        config.data_dir.display()
    );
    Ok(())
}

/// Arguments of `yiwang user create`.
pub struct NewUser {
    /// Login name.
    pub username: String,
    /// Display name.
    pub name: String,
    /// Role name.
    pub role: String,
    /// Region code.
    pub region: Option<String>,
    /// Department id.
    pub department: Option<String>,
    /// Password file.
    pub password_file: Option<PathBuf>,
}

/// `yiwang user create …`: the way to create the first platform admin.
#[allow(clippy::print_stdout)]
pub async fn create_user(config: Config, u: NewUser) -> Result<(), BoxError> {
    let password = match &u.password_file {
        Some(f) => std::fs::read_to_string(f)?
            .lines()
            .next()
            .unwrap_or_default()
            .to_owned(),
        None => {
            let mut line = String::new();
            std::io::stdin().lock().read_line(&mut line)?;
            line.trim_end_matches(['\r', '\n']).to_owned()
        }
    };
    let username =
        check_username(&u.username).map_err(|c| format!("--username: {}", c.as_str()))?;
    let name = check_plain_text(&u.name, 2, 40).map_err(|c| format!("--name: {}", c.as_str()))?;
    let role = Role::parse(&u.role)
        .ok_or("--role: use window_clerk, reviewer, dept_admin, supervisor or platform_admin")?;
    let mut e = FieldErrors::new();
    check_new_password(&mut e, "password", "password", &password, &password, None);
    if let Some(err) = e.iter().next() {
        return Err(format!("password: {}", err.code.as_str()).into());
    }
    let region = RegionCode::parse(u.region.as_deref().unwrap_or(&config.root_region))
        .map_err(|_| "--region: not a region code")?;
    let department = match &u.department {
        Some(d) => Some(
            d.parse::<DepartmentId>()
                .map_err(|_| "--department: not a department id")?,
        ),
        None => None,
    };
    let store = open_store(&config).await?;
    crate::serve::ensure_regions(&store, &config).await?;
    let hash = yiwang_crypto::password::hash(&password)?;
    let mut tx = store.begin().await?;
    let id = store
        .create_staff(&mut tx, &username, &name, &hash, None)
        .await?;
    store
        .add_grant(
            &mut tx,
            Holder::Account(id),
            &Grant {
                role,
                department,
                region,
            },
            None,
        )
        .await?;
    yiwang_store::commit(tx).await?;
    println!(
        "created {username} ({}); at first login they link an authenticator app at /console/login",
        role.as_str()
    );
    Ok(())
}

/// `yiwang import-regions [DIR]`.
#[allow(clippy::print_stdout)]
pub async fn import_regions(config: Config, dir: Option<&Path>) -> Result<(), BoxError> {
    let store = open_store(&config).await?;
    let report = match dir {
        Some(d) => {
            let read = |f: &str| {
                std::fs::read_to_string(d.join(f))
                    .map_err(|e| format!("{}: {e}", d.join(f).display()))
            };
            let (p, c, a, s) = (
                read("provinces.csv")?,
                read("cities.csv")?,
                read("areas.csv")?,
                read("streets.csv")?,
            );
            store
                .import_regions(&RegionSources {
                    provinces: &p,
                    cities: &c,
                    areas: &a,
                    streets: &s,
                })
                .await?
        }
        None => store.import_regions(&crate::data::regions()).await?,
    };
    println!(
        "regions: {} added, {} changed, {} unchanged",
        report.added, report.changed, report.unchanged
    );
    Ok(())
}

/// `yiwang demo-code USER`: the current authenticator code of a demo account.
#[allow(clippy::print_stdout)]
pub async fn demo_code(config: Config, username: &str) -> Result<(), BoxError> {
    let store = open_store(&config).await?;
    if store.setting("demo").await?.as_deref() != Some("1") {
        return Err("demo-code only works on a demo deployment".into());
    }
    let login = store
        .staff_login(username)
        .await?
        .ok_or("no such staff account")?;
    let secret = login
        .totp_secret
        .ok_or("this account has no authenticator yet")?;
    println!(
        "{}",
        yiwang_crypto::totp::code_at(&secret, Timestamp::now().secs() as u64)?
    );
    Ok(())
}
