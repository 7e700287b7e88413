//! `yiwang serve`: opens the database, applies migrations, checks the keys, starts the
//! background worker and the web server, and shuts both down gracefully on SIGTERM or Ctrl-C:
//! in-flight requests finish, the worker stops claiming and hands back what it holds.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use yiwang_accounts::services::notifications::PushSetup;
use yiwang_inquiries::services::submit::Bounds;
use yiwang_jobs::push::Pusher;

use tokio::sync::{Notify, watch};
use tracing_subscriber::EnvFilter;
use yiwang_crypto::Vault;
use yiwang_files::FileStore;
use yiwang_index::{Catalog, IndexLocation};
use yiwang_jobs::senders::HttpGateway;
use yiwang_jobs::{Senders, Worker, WorkerConfig};
use yiwang_kit::{AppState, WebConfig};
use yiwang_store::{Db, DbOptions, Store};

use crate::config::{Config, SenderConfig};

type BoxError = Box<dyn std::error::Error>;

/// Sets up logging: text or JSON lines, filtered by `log_level` (or `RUST_LOG`).
pub fn init_logging(config: &Config) {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(&config.log_level));
    // Colours only for a person at a terminal, never in log files or journald.
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_writer(std::io::stderr);
    let _ = if config.log_format == "json" {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}

/// Opens the database, applies migrations and checks the keys.
pub async fn open_store(config: &Config) -> Result<Store, BoxError> {
    let resolved = config.resolve()?;
    let postgres = !resolved.database_url.starts_with("sqlite:");
    if !postgres {
        std::fs::create_dir_all(&config.data_dir).map_err(|e| {
            format!(
                "cannot create the data directory {}: {e}",
                config.data_dir.display()
            )
        })?;
    }
    let (key, old, index) = config.keys(postgres)?;
    let vault = Vault::new(key, old, index)?;
    let opts = DbOptions {
        max_connections: config.database_max_connections,
        ..DbOptions::default()
    };
    let db = Db::connect(&resolved.database_url, &opts)
        .await
        .map_err(|e| {
            format!(
                "cannot open the database {}: {e}",
                crate::config::redact_url(&resolved.database_url)
            )
        })?;
    let applied = yiwang_store::migrate::run(&db).await?;
    if !applied.is_empty() {
        tracing::info!(?applied, "database migrated");
    }
    let store = Store::new(db, vault);
    store.check_keys().await?;
    // The starter search aliases, once per deployment (an admin's later edits stick).
    let seeded = store.seed_aliases(crate::data::SEARCH_ALIASES).await?;
    if seeded > 0 {
        tracing::info!(aliases = seeded, "loaded the starter search aliases");
    }
    let covered = ensure_calendar(&store).await?;
    if !covered.is_empty() {
        tracing::info!(?covered, "loaded the official holiday calendar");
    }
    Ok(store)
}

/// Loads the shipped holiday calendar for the years the database does not cover yet, so an
/// admin's later corrections of a covered year are never overwritten. Returns the years added.
pub async fn ensure_calendar(store: &Store) -> Result<Vec<i32>, BoxError> {
    let days = yiwang_domain::deadline::parse_calendar_csv(crate::data::CALENDAR)
        .map_err(|(line, _)| format!("the shipped calendar has a bad line {line}"))?;
    let covered: Vec<i32> = store
        .calendar_years()
        .await?
        .into_iter()
        .map(|(y, _)| y)
        .collect();
    let missing: Vec<_> = days
        .into_iter()
        .filter(|d| !covered.contains(&d.date.year()))
        .collect();
    if missing.is_empty() {
        return Ok(Vec::new());
    }
    let mut tx = store.begin().await?;
    let load = store.load_calendar(&mut tx, &missing, "shipped").await?;
    yiwang_store::commit(tx).await?;
    Ok(load.years_added)
}

fn sender(
    store: &Store,
    c: &SenderConfig,
    config: &Config,
    key: &str,
) -> Result<Option<HttpGateway>, BoxError> {
    match c.sender.as_str() {
        "http" => {
            let token = config.secret(&format!("{key}.token"), &c.token, &c.token_file)?;
            let _ = store;
            Ok(Some(HttpGateway::new(
                c.url.as_deref().unwrap_or_default(),
                token,
            )?))
        }
        _ => Ok(None),
    }
}

/// The senders chosen by configuration.
pub fn senders(store: &Store, config: &Config) -> Result<(Senders, bool), BoxError> {
    let mut s = Senders::dev(store.clone());
    let mut dev = true;
    if let Some(g) = sender(store, &config.sms, config, "sms")? {
        s.sms = Arc::new(g);
        dev = false;
    }
    if let Some(g) = sender(store, &config.email, config, "email")? {
        s.email = Arc::new(g);
    }
    Ok((s, dev))
}

/// Web Push: the deployment's VAPID key (made at the first start) for the pages and the
/// pusher. Pushing to `http://localhost` is allowed in the demo and when configured for tests.
pub async fn push_setup(
    store: &Store,
    config: &Config,
    demo: bool,
) -> Result<(PushSetup, Pusher), BoxError> {
    let key = store.vapid_key().await?;
    let allow_local = demo || config.push.allow_local;
    let contact = config
        .push
        .contact
        .clone()
        .or_else(|| config.public_url.clone())
        .unwrap_or_else(|| "mailto:webmaster@localhost".into());
    let setup = PushSetup {
        public_key: key.public_key(),
        allow_local,
    };
    Ok((setup, Pusher::new(key, contact, allow_local)?))
}

/// The web layer's settings from the configuration.
pub fn web_config(config: &Config, demo: bool, dev_senders: bool) -> Result<WebConfig, BoxError> {
    let r = config.resolve()?;
    Ok(WebConfig {
        site_name: config.site_name.clone(),
        site_name_en: config.site_name_en.clone(),
        root_region: r.root_region,
        tls: r.tls,
        trusted_proxies: r.trusted_proxies,
        demo,
        dev_senders,
        metrics_token: config.secret(
            "metrics_token",
            &config.metrics_token,
            &config.metrics_token_file,
        )?,
        body_limit: config.body_limit,
        public_url: config
            .public_url
            .as_deref()
            .map(|u| u.trim_end_matches('/').to_owned()),
    })
}

/// The worker with every job kind this build knows.
pub fn worker(store: &Store, senders: Senders, config: &Config) -> Worker {
    Worker::new(store.clone(), WorkerConfig::default())
        .handle(
            yiwang_jobs::deliver::KIND,
            yiwang_jobs::deliver::Deliver {
                senders,
                site_name: config.site_name.clone(),
                public_url: config
                    .public_url
                    .as_deref()
                    .map(|u| u.trim_end_matches('/').to_owned()),
            },
        )
        .handle(yiwang_jobs::cleanup::KIND, yiwang_jobs::cleanup::Cleanup)
        .schedule(yiwang_jobs::cleanup::KIND, Duration::from_secs(3600))
        .handle(
            yiwang_jobs::deadlines::KIND,
            yiwang_jobs::deadlines::Deadlines,
        )
        .schedule(
            yiwang_jobs::deadlines::KIND,
            Duration::from_secs(config.deadline_watch_secs.max(1)),
        )
        .handle(
            yiwang_jobs::inquiry_deadlines::KIND,
            yiwang_jobs::inquiry_deadlines::InquiryDeadlines,
        )
        .schedule(
            yiwang_jobs::inquiry_deadlines::KIND,
            Duration::from_secs(config.deadline_watch_secs.max(1)),
        )
}

/// Loads the embedded national region tree into an empty database (reference data every page
/// needs), and checks that the configured root region is in the tree.
pub async fn ensure_regions(store: &Store, config: &Config) -> Result<(), BoxError> {
    if store.count_regions().await? == 0 {
        let r = store.import_regions(&crate::data::regions()).await?;
        tracing::info!(added = r.added, "loaded the national region tree");
    }
    let root = config.resolve()?.root_region;
    if !store.region_exists(&root).await? {
        return Err(Box::new(crate::config::ConfigError(format!(
            "root_region (YIWANG_ROOT_REGION): {root} is not in the region tree; use the code of the deployment's city or county, e.g. 5116"
        ))));
    }
    Ok(())
}

/// Opens the search index in `<data_dir>/index` and brings it up to date.
pub async fn open_catalog(store: &Store, config: &Config) -> Result<Arc<Catalog>, BoxError> {
    let root = config.resolve()?.root_region;
    let dir = config.data_dir.join("index");
    std::fs::create_dir_all(&dir)
        .map_err(|e| format!("cannot create the index directory {}: {e}", dir.display()))?;
    let started = std::time::Instant::now();
    let catalog = Catalog::open(store.clone(), root, IndexLocation::Dir(dir))
        .await
        .map_err(|e| format!("cannot open the search index: {e:?}"))?;
    tracing::info!(
        documents = catalog.index.len(),
        ms = started.elapsed().as_millis() as u64,
        "search index ready"
    );
    Ok(catalog)
}

/// The configured file store, proven usable: a probe file is written, read back and deleted,
/// so a wrong bucket, endpoint or key stops the start instead of the first applicant's upload.
pub async fn open_files(config: &Config) -> Result<FileStore, BoxError> {
    let files = config.file_store()?;
    let s3 = config.files.backend == "s3";
    if let Err(e) = files.check().await {
        let (key, hint) = match e.kind() {
            _ if !s3 => ("data_dir", "the files directory is not writable"),
            std::io::ErrorKind::NotFound => ("files.bucket", "the bucket does not exist"),
            std::io::ErrorKind::PermissionDenied => (
                "files.access_key_id",
                "the credentials were refused (check files.access_key_id and files.secret_access_key, and the key's rights on the bucket)",
            ),
            _ => (
                "files.endpoint",
                "the object store cannot be reached or refused the request (check files.endpoint and files.region)",
            ),
        };
        return Err(Box::new(crate::config::bad(
            key,
            format!(
                "cannot use the file store ({}): {hint}: {e}",
                files.describe()
            ),
        )));
    }
    if !s3 && !config.resolve()?.database_url.starts_with("sqlite:") {
        tracing::warn!(
            "uploaded files are kept in this instance's data_dir; several instances on PostgreSQL need files.backend = \"s3\" (or one shared directory)"
        );
    }
    tracing::info!(store = %files.describe(), "file store ready");
    Ok(files)
}

/// `yiwang serve [--demo]`.
pub async fn serve(config: Config, demo: bool) -> Result<(), BoxError> {
    let started = std::time::Instant::now();
    // First, so a wrong bucket stops the start before migrations or the region tree run.
    let files = open_files(&config).await?;
    let store = open_store(&config).await?;
    let demo_logins = if demo {
        Some(crate::demo::ensure(&store, &config).await?)
    } else {
        None
    };
    ensure_regions(&store, &config).await?;
    yiwang_opendata::jobs::first_run(&store).await?;
    if demo {
        yiwang_opendata::demo::ensure(
            &store,
            &files,
            &yiwang_opendata::demo::Sources {
                catalogue: crate::data::GUANG_AN_CATALOGUE,
                areas: crate::data::regions().areas,
                streets: crate::data::regions().streets,
            },
        )
        .await?;
        yiwang_local::demo::ensure(&store, &config.resolve()?.root_region).await?;
        yiwang_portals::demo::ensure(&store).await?;
        yiwang_sso::demo::ensure(&store).await?;
    }
    let is_demo = demo || store.setting("demo").await?.as_deref() == Some("1");
    let (mut senders, dev_senders) = senders(&store, &config)?;
    let web = web_config(&config, is_demo, dev_senders)?;
    let push = push_setup(&store, &config, is_demo).await?;
    senders.push = Some(Arc::new(push.1));
    let catalog = open_catalog(&store, &config).await?;
    let wake = Arc::new(Notify::new());
    let mut state = AppState::new(store.clone(), web, wake.clone())
        .with(catalog.clone())
        .with(files)
        .with(push.0);
    match (&config.map_bounds, is_demo) {
        (Some(b), _) => {
            state = state.with(Bounds::parse(b).map_err(|e| format!("map_bounds: {e}"))?)
        }
        (None, true) => state = state.with(Bounds::GUANG_AN),
        (None, false) => {}
    }
    match config.identity_provider(is_demo)? {
        Some(p) => {
            tracing::info!(provider = p.0.name(), "identity provider ready");
            state = state.with(p);
        }
        None => tracing::info!("no identity provider: identities are verified at counters"),
    }
    // Live pages' streams end when the server shuts down (the graceful shutdown below does
    // not wait for pages that stay open).
    let hub = yiwang_kit::live::Hub::default();
    state = state.with(hub.clone());
    state = yiwang_payments::install(state);
    state = state.with(yiwang_opendata::services::catalog::Snapshot::default());
    state = state.with(
        yiwang_opendata::rules::Licences::with_deployment(config.open_data.licences.clone())
            .map_err(|e| crate::config::bad("open_data.licences", e))?,
    );
    let app = yiwang_web::app(state.clone());

    let (stop_tx, stop_rx) = watch::channel(false);
    let stop_rx_catalog = stop_rx.clone();
    let stop_rx_metrics = stop_rx.clone();
    let worker_task = if config.worker {
        let w = worker(&store, senders, &config)
            .handle(
                yiwang_inquiries::jobs::KIND,
                yiwang_inquiries::jobs::Closer(state.clone()),
            )
            .schedule(
                yiwang_inquiries::jobs::KIND,
                Duration::from_secs(config.deadline_watch_secs.max(1)),
            )
            .handle(
                yiwang_publishing::jobs::KIND,
                yiwang_publishing::jobs::Publisher,
            )
            .schedule(yiwang_publishing::jobs::KIND, Duration::from_secs(30))
            .handle(
                yiwang_publishing::services::subscriptions::TELL,
                yiwang_publishing::jobs::DocFollowers,
            )
            .handle(
                yiwang_publishing::services::subscriptions::DIGEST,
                yiwang_publishing::jobs::Digest,
            )
            .schedule(
                yiwang_publishing::services::subscriptions::DIGEST,
                Duration::from_secs(300),
            )
            .handle(
                yiwang_publishing::jobs::DISCLOSURE_WATCH,
                yiwang_publishing::jobs::DisclosureWatch,
            )
            .schedule(
                yiwang_publishing::jobs::DISCLOSURE_WATCH,
                Duration::from_secs(config.deadline_watch_secs.max(1)),
            )
            .handle(
                yiwang_publishing::services::alerts::FANOUT,
                yiwang_publishing::jobs::Fanout {
                    root: config.resolve()?.root_region,
                },
            );
        let w = yiwang_payments::jobs::register(w, state.clone());
        let w = yiwang_bookings::jobs::register(w, state.clone());
        let w = yiwang_opendata::jobs::register(w, state.clone());
        let w = yiwang_local::jobs::register(w);
        let w = w.handle(
            yiwang_store::sso::SSO_LOGOUT_JOB,
            yiwang_sso::jobs::BackchannelLogout::new(state.clone())?,
        );
        let w = Arc::new(w);
        Some(tokio::spawn(w.run(stop_rx, wake)))
    } else {
        None
    };

    let follower = tokio::spawn(catalog.clone().follow(stop_rx_catalog));
    let metrics = match config.resolve()?.metrics_listen {
        Some(addr) => Some(serve_metrics(addr, state.clone(), stop_rx_metrics).await?),
        None => None,
    };

    let listen = config.resolve()?.listen;
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .map_err(|e| format!("cannot listen on {listen}: {e}"))?;
    let addr = listener.local_addr()?;
    yiwang_payments::notify_over_http(&state, addr);
    print_banner(addr, started.elapsed(), demo_logins.as_ref());
    tracing::info!(%addr, ready_ms = started.elapsed().as_millis() as u64, "serving");

    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        shutdown_signal().await;
        hub.stop();
    })
    .await?;
    tracing::info!("requests drained; stopping the worker");
    let _ = stop_tx.send(true);
    if let Some(t) = worker_task {
        let _ = tokio::time::timeout(Duration::from_secs(30), t).await;
    }
    let _ = tokio::time::timeout(Duration::from_secs(10), follower).await;
    if let Some(m) = metrics {
        let _ = tokio::time::timeout(Duration::from_secs(5), m).await;
    }
    store.db.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// Serves `/metrics` on its own address until `stop` (OPS-4): the site's listener never
/// serves it, so the public cannot read the platform's internal numbers.
async fn serve_metrics(
    addr: SocketAddr,
    state: AppState,
    mut stop: watch::Receiver<bool>,
) -> Result<tokio::task::JoinHandle<()>, BoxError> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| format!("cannot listen on {addr} for metrics (metrics_listen): {e}"))?;
    tracing::info!(%addr, "serving /metrics");
    let app = yiwang_kit::ops::metrics_app(state);
    Ok(tokio::spawn(async move {
        let stopped = async move {
            let _ = stop.wait_for(|s| *s).await;
        };
        if let Err(e) = axum::serve(listener, app)
            .with_graceful_shutdown(stopped)
            .await
        {
            tracing::error!(error = %e, "the metrics listener stopped");
        }
    }))
}

#[allow(clippy::print_stdout)]
fn print_banner(addr: SocketAddr, took: Duration, demo: Option<&crate::demo::Logins>) {
    let host = if addr.ip().is_unspecified() {
        "127.0.0.1".to_owned()
    } else {
        addr.ip().to_string()
    };
    println!();
    println!(
        "  Yiwang is ready ({} ms). Open http://{host}:{}/",
        took.as_millis(),
        addr.port()
    );
    if let Some(logins) = demo {
        println!();
        println!("{logins}");
    }
    println!();
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = term => {}
    }
    tracing::info!("shutdown requested");
}
