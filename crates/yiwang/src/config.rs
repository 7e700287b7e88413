//! Configuration: built-in defaults, then a TOML file, then `YIWANG_*` environment variables
//! (nested keys with `__`, e.g. `YIWANG_SMS__URL`). Secrets can come from files
//! (`YIWANG_ENCRYPTION_KEY_FILE=/run/secrets/key`). Invalid configuration stops the start
//! with a message naming the key.

mod files;
mod identity;

use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};
use yiwang_crypto::Key;
use yiwang_domain::region::RegionCode;
use yiwang_kit::config::IpNet;

pub use files::FilesConfig;
pub use identity::IdentityConfig;

/// How a sender is chosen.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SenderConfig {
    /// `dev` (record in the database) or `http` (post to a gateway relay).
    #[serde(deserialize_with = "text")]
    pub sender: String,
    /// The gateway URL, for `http`.
    #[serde(default, deserialize_with = "opt_text")]
    pub url: Option<String>,
    /// The gateway's bearer token.
    #[serde(default, deserialize_with = "opt_text")]
    pub token: Option<String>,
    /// A file holding the token.
    pub token_file: Option<PathBuf>,
}

/// Web Push (`[push]`). The VAPID key is made at the first start and kept, encrypted, in the
/// database, so every instance signs with the same one.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PushConfig {
    /// Who push services contact about this sender (`mailto:…` or `https://…`); default the
    /// public URL.
    #[serde(deserialize_with = "opt_text")]
    pub contact: Option<String>,
    /// Lets the platform push to `http://localhost` (a push-service double on this machine,
    /// for tests). The demo allows it; a real deployment never should.
    pub allow_local: bool,
}

/// Open data (`[open_data]`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OpenDataConfig {
    /// The licences datasets may carry besides CC-BY-4.0, CC0 and "Other (Open)", each
    /// `[[open_data.licences]]` with `id`, `title`, `url` (may be empty) and `open`
    /// (default true). The default is the 政府数据开放许可协议 most Chinese portals use.
    pub licences: Vec<yiwang_opendata::rules::Licence>,
}

impl Default for OpenDataConfig {
    fn default() -> Self {
        OpenDataConfig {
            licences: vec![yiwang_opendata::rules::Licence {
                id: "gov-open-data-1.0".into(),
                title: "政府数据开放许可协议 1.0".into(),
                url: String::new(),
                open: true,
            }],
        }
    }
}

/// Everything that can be configured. Field names are the TOML keys and, upper-cased with
/// the `YIWANG_` prefix, the environment variables.
#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// `YIWANG_LISTEN`: the address to serve on.
    #[serde(deserialize_with = "text")]
    pub listen: String,
    /// `YIWANG_DATA_DIR`: where the SQLite database, generated keys and files live.
    pub data_dir: PathBuf,
    /// `YIWANG_DATABASE_URL`: `sqlite://…` or `postgres://…`; default SQLite in the data dir.
    #[serde(default, deserialize_with = "opt_text")]
    pub database_url: Option<String>,
    /// Connections in the database pool.
    pub database_max_connections: u32,
    /// The platform's name (Chinese), also the SMS signature.
    #[serde(deserialize_with = "text")]
    pub site_name: String,
    /// The platform's name in English.
    #[serde(deserialize_with = "text")]
    pub site_name_en: String,
    /// The deployment's root region code (广安市 = 5116).
    #[serde(deserialize_with = "text")]
    pub root_region: String,
    /// `YIWANG_MAP_BOUNDS`: `south,west,north,east` in degrees around the deployment's region;
    /// a reported location outside is refused (default: anywhere in China).
    #[serde(default, deserialize_with = "opt_text")]
    pub map_bounds: Option<String>,
    /// The public address; `https://…` turns on Secure cookies and HSTS.
    #[serde(default, deserialize_with = "opt_text")]
    pub public_url: Option<String>,
    /// Proxies (addresses or CIDRs) whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<String>,
    /// `text` or `json` logs.
    #[serde(deserialize_with = "text")]
    pub log_format: String,
    /// Log filter, e.g. `info` or `yiwang=debug,info`.
    #[serde(deserialize_with = "text")]
    pub log_level: String,
    /// `YIWANG_METRICS_LISTEN`: where `/metrics` is served, apart from the site (loopback by
    /// default, so only the host's own Prometheus or agent reaches it); `off` serves none.
    #[serde(deserialize_with = "text")]
    pub metrics_listen: String,
    /// Require this bearer token on `/metrics`.
    #[serde(default, deserialize_with = "opt_text")]
    pub metrics_token: Option<String>,
    /// File holding the metrics token.
    pub metrics_token_file: Option<PathBuf>,
    /// The key encrypting personal data (base64, 32 bytes).
    #[serde(default, deserialize_with = "opt_text")]
    pub encryption_key: Option<String>,
    /// File holding the encryption key.
    pub encryption_key_file: Option<PathBuf>,
    /// Older encryption keys, comma-separated, still used to decrypt.
    #[serde(default, deserialize_with = "opt_text")]
    pub encryption_old_keys: Option<String>,
    /// File holding older keys, one per line.
    pub encryption_old_keys_file: Option<PathBuf>,
    /// The key of the blind indexes (base64, 32 bytes; must never change).
    #[serde(default, deserialize_with = "opt_text")]
    pub blind_index_key: Option<String>,
    /// File holding the blind-index key.
    pub blind_index_key_file: Option<PathBuf>,
    /// SMS sender.
    pub sms: SenderConfig,
    /// Email sender.
    pub email: SenderConfig,
    /// Where uploaded files are kept (`[files]`).
    pub files: FilesConfig,
    /// Which identity provider verifies identities online (`[identity]`).
    pub identity: IdentityConfig,
    /// Web Push (`[push]`).
    #[serde(default)]
    pub push: PushConfig,
    /// Open data (`[open_data]`).
    #[serde(default)]
    pub open_data: OpenDataConfig,
    /// Whether this instance runs the background worker.
    pub worker: bool,
    /// Seconds between runs of the deadline watch (催办 reminders, 督办 escalation).
    pub deadline_watch_secs: u64,
    /// Largest request body in bytes.
    pub body_limit: usize,
}

/// Debug without secrets.
impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("listen", &self.listen)
            .field("data_dir", &self.data_dir)
            .field("database", &self.database_url.as_deref().map(redact_url))
            .field("root_region", &self.root_region)
            .field("public_url", &self.public_url)
            .field("files", &self.files)
            .finish_non_exhaustive()
    }
}

/// Hides the password in a database URL.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => format!("{}://***@{}", &url[..s], &url[at + 1..]),
        _ => url.to_owned(),
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            listen: "127.0.0.1:8080".into(),
            data_dir: PathBuf::from("./data"),
            database_url: None,
            database_max_connections: 16,
            site_name: "广安市一网通办".into(),
            site_name_en: "Guang'an Government Services".into(),
            root_region: "5116".into(),
            map_bounds: None,
            public_url: None,
            trusted_proxies: Vec::new(),
            log_format: "text".into(),
            log_level: "info".into(),
            metrics_listen: "127.0.0.1:9464".into(),
            metrics_token: None,
            metrics_token_file: None,
            encryption_key: None,
            encryption_key_file: None,
            encryption_old_keys: None,
            encryption_old_keys_file: None,
            blind_index_key: None,
            blind_index_key_file: None,
            sms: SenderConfig {
                sender: "dev".into(),
                ..Default::default()
            },
            email: SenderConfig {
                sender: "dev".into(),
                ..Default::default()
            },
            files: FilesConfig::default(),
            identity: IdentityConfig::default(),
            push: PushConfig::default(),
            open_data: OpenDataConfig::default(),
            worker: true,
            deadline_watch_secs: 600,
            body_limit: 256 * 1024,
        }
    }
}

/// A text setting as the environment parser may have typed it (`YIWANG_ROOT_REGION=511602`
/// arrives as an integer, `YIWANG_METRICS_TOKEN=true` as a boolean).
#[derive(Deserialize)]
#[serde(untagged)]
enum Text {
    S(String),
    I(i64),
    U(u64),
    F(f64),
    B(bool),
}

impl Text {
    fn into_string(self) -> String {
        match self {
            Text::S(s) => s,
            Text::I(i) => i.to_string(),
            Text::U(u) => u.to_string(),
            Text::F(f) => f.to_string(),
            Text::B(b) => b.to_string(),
        }
    }
}

fn text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Text::deserialize(d).map(Text::into_string)
}

fn opt_text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Option::<Text>::deserialize(d).map(|t| t.map(Text::into_string))
}

/// A configuration problem, naming the key.
#[derive(Debug)]
pub struct ConfigError(pub String);

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "configuration error: {}", self.0)
    }
}

impl std::error::Error for ConfigError {}

/// A problem with `key` (dotted, e.g. `files.bucket`), naming its environment variable too.
pub(crate) fn bad(key: &str, why: impl fmt::Display) -> ConfigError {
    let env = format!("YIWANG_{}", key.to_ascii_uppercase().replace('.', "__"));
    ConfigError(format!("{key} ({env}): {why}"))
}

/// Loads the configuration: defaults, then `file` (or `yiwang.toml` in the working directory
/// if it exists), then the environment.
pub fn load(file: Option<&Path>) -> Result<Config, ConfigError> {
    let mut fig = Figment::from(Serialized::defaults(Config::default()));
    match file {
        Some(f) => {
            if !f.exists() {
                return Err(ConfigError(format!(
                    "the configuration file {} does not exist",
                    f.display()
                )));
            }
            fig = fig.merge(Toml::file(f));
        }
        None => fig = fig.merge(Toml::file("yiwang.toml")),
    }
    fig = fig.merge(Env::prefixed("YIWANG_").split("__").ignore(&["config"]));
    let config: Config = fig.extract().map_err(|e| ConfigError(e.to_string()))?;
    config.validate()?;
    Ok(config)
}

/// What the configuration resolves to, ready to use.
pub struct Resolved {
    /// The listening address.
    pub listen: SocketAddr,
    /// Where `/metrics` is served, if anywhere.
    pub metrics_listen: Option<SocketAddr>,
    /// The database URL.
    pub database_url: String,
    /// The root region.
    pub root_region: RegionCode,
    /// Trusted proxies.
    pub trusted_proxies: Vec<IpNet>,
    /// Whether TLS is in front.
    pub tls: bool,
}

impl Config {
    /// Checks values that parse but make no sense.
    pub fn validate(&self) -> Result<(), ConfigError> {
        self.resolve().map(|_| ())?;
        yiwang_opendata::rules::Licences::with_deployment(self.open_data.licences.clone())
            .map_err(|e| bad("open_data.licences", e))?;
        for (name, s) in [("sms", &self.sms), ("email", &self.email)] {
            match s.sender.as_str() {
                "dev" => {}
                "http" => match s.url.as_deref() {
                    Some(u) if u.starts_with("http://") => {}
                    Some(_) => {
                        return Err(bad(
                            &format!("{name}.url"),
                            "must start with http:// (use a local relay for https gateways)",
                        ));
                    }
                    None => {
                        return Err(bad(
                            &format!("{name}.url"),
                            "is required when the sender is http",
                        ));
                    }
                },
                other => {
                    return Err(bad(
                        &format!("{name}.sender"),
                        format!("unknown sender {other:?}; use \"dev\" or \"http\""),
                    ));
                }
            }
        }
        self.files.validate()?;
        self.identity.validate()?;
        if let Some(b) = &self.map_bounds {
            yiwang_inquiries::services::submit::Bounds::parse(b)
                .map_err(|e| bad("map_bounds", e))?;
        }
        if !matches!(self.log_format.as_str(), "text" | "json") {
            return Err(bad("log_format", "must be \"text\" or \"json\""));
        }
        if self.database_max_connections == 0 || self.database_max_connections > 1000 {
            return Err(bad(
                "database_max_connections",
                "must be between 1 and 1000",
            ));
        }
        if self.body_limit < 1024 {
            return Err(bad("body_limit", "must be at least 1024 bytes"));
        }
        Ok(())
    }

    /// Parses the addresses, URL and region.
    pub fn resolve(&self) -> Result<Resolved, ConfigError> {
        let listen: SocketAddr = self.listen.parse().map_err(|e| {
            bad(
                "listen",
                format!("{:?} is not an address:port ({e})", self.listen),
            )
        })?;
        let metrics_listen = match self.metrics_listen.trim() {
            "off" | "" => None,
            a => Some(a.parse::<SocketAddr>().map_err(|e| {
                bad(
                    "metrics_listen",
                    format!("{a:?} is not an address:port or \"off\" ({e})"),
                )
            })?),
        };
        if metrics_listen == Some(listen) {
            return Err(bad(
                "metrics_listen",
                "must differ from listen: the site's listener never serves /metrics",
            ));
        }
        let database_url = match &self.database_url {
            Some(u)
                if u.starts_with("sqlite:")
                    || u.starts_with("postgres://")
                    || u.starts_with("postgresql://") =>
            {
                u.clone()
            }
            Some(u) => {
                return Err(bad(
                    "database_url",
                    format!("{} is neither sqlite:// nor postgres://", redact_url(u)),
                ));
            }
            None => format!("sqlite://{}", self.data_dir.join("yiwang.db").display()),
        };
        let root_region = RegionCode::parse(&self.root_region).map_err(|_| {
            bad(
                "root_region",
                format!("{:?} is not a region code", self.root_region),
            )
        })?;
        let mut trusted_proxies = Vec::new();
        for p in &self.trusted_proxies {
            trusted_proxies.push(IpNet::parse(p).ok_or_else(|| {
                bad(
                    "trusted_proxies",
                    format!("{p:?} is not an address or CIDR"),
                )
            })?);
        }
        let tls = match &self.public_url {
            Some(u) if u.starts_with("https://") => true,
            Some(u) if u.starts_with("http://") => false,
            Some(u) => {
                return Err(bad(
                    "public_url",
                    format!("{u:?} must start with http:// or https://"),
                ));
            }
            None => false,
        };
        Ok(Resolved {
            listen,
            metrics_listen,
            database_url,
            root_region,
            trusted_proxies,
            tls,
        })
    }

    /// Reads a secret from its value or its file.
    pub fn secret(
        &self,
        key: &str,
        value: &Option<String>,
        file: &Option<PathBuf>,
    ) -> Result<Option<String>, ConfigError> {
        match (value, file) {
            (Some(_), Some(_)) => Err(bad(
                key,
                format!("set either {key} or {key}_file, not both"),
            )),
            (Some(v), None) => Ok(Some(v.trim().to_owned())),
            (None, Some(f)) => std::fs::read_to_string(f)
                .map(|s| Some(s.trim().to_owned()))
                .map_err(|e| {
                    bad(
                        &format!("{key}_file"),
                        format!("cannot read {}: {e}", f.display()),
                    )
                }),
            (None, None) => Ok(None),
        }
    }

    /// The encryption keys, from configuration or — for a single SQLite deployment only —
    /// from key files generated in the data directory on first start.
    pub fn keys(&self, postgres: bool) -> Result<(Key, Vec<Key>, Key), ConfigError> {
        let parse = |key: &str, v: &str| Key::from_base64(v).map_err(|e| bad(key, e));
        let enc = self.secret(
            "encryption_key",
            &self.encryption_key,
            &self.encryption_key_file,
        )?;
        let idx = self.secret(
            "blind_index_key",
            &self.blind_index_key,
            &self.blind_index_key_file,
        )?;
        let old = self.secret(
            "encryption_old_keys",
            &self.encryption_old_keys,
            &self.encryption_old_keys_file,
        )?;
        let old: Vec<Key> = old
            .unwrap_or_default()
            .split([',', '\n'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| parse("encryption_old_keys", s))
            .collect::<Result<_, _>>()?;
        let (enc, idx) = match (enc, idx) {
            (Some(e), Some(i)) => (parse("encryption_key", &e)?, parse("blind_index_key", &i)?),
            (None, None) if !postgres => (
                self.generated_key("encryption.key")?,
                self.generated_key("blind-index.key")?,
            ),
            (None, None) => {
                return Err(bad(
                    "encryption_key",
                    "with PostgreSQL every instance must share the keys: set encryption_key and blind_index_key (or their _file variants)",
                ));
            }
            (Some(_), None) => {
                return Err(bad(
                    "blind_index_key",
                    "is required when encryption_key is set",
                ));
            }
            (None, Some(_)) => {
                return Err(bad(
                    "encryption_key",
                    "is required when blind_index_key is set",
                ));
            }
        };
        Ok((enc, old, idx))
    }

    /// A key file in `<data_dir>/keys/`, created with a random key (mode 0600) if missing.
    fn generated_key(&self, name: &str) -> Result<Key, ConfigError> {
        let dir = self.data_dir.join("keys");
        let path = dir.join(name);
        if let Ok(s) = std::fs::read_to_string(&path) {
            return Key::from_base64(&s)
                .map_err(|e| ConfigError(format!("{}: {e}", path.display())));
        }
        std::fs::create_dir_all(&dir)
            .map_err(|e| ConfigError(format!("cannot create {}: {e}", dir.display())))?;
        let key = Key::generate().map_err(|e| ConfigError(e.to_string()))?;
        write_private(&path, &key.to_base64())
            .map_err(|e| ConfigError(format!("cannot write {}: {e}", path.display())))?;
        tracing::warn!(path = %path.display(), "generated a new key; back it up separately from the database, which is unreadable without it");
        Ok(key)
    }
}

#[cfg(unix)]
fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    f.write_all(contents.as_bytes())?;
    f.sync_all()
}

#[cfg(not(unix))]
fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    std::fs::write(path, contents)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_passwords_are_redacted() {
        assert_eq!(
            redact_url("postgres://u:secret@db:5432/yw"),
            "postgres://***@db:5432/yw"
        );
        assert_eq!(redact_url("sqlite:///data/yw.db"), "sqlite:///data/yw.db");
    }

    #[test]
    fn invalid_values_name_their_key_and_variable() {
        let c = Config {
            listen: "nonsense".into(),
            ..Config::default()
        };
        let e = c.validate().unwrap_err().to_string();
        assert!(e.contains("listen") && e.contains("YIWANG_LISTEN"), "{e}");
        let c = Config {
            metrics_listen: "0.0.0.0".into(),
            ..Config::default()
        };
        let e = c.validate().unwrap_err().to_string();
        assert!(e.contains("YIWANG_METRICS_LISTEN"), "{e}");
        let c = Config {
            root_region: "51x".into(),
            ..Config::default()
        };
        assert!(
            c.validate()
                .unwrap_err()
                .to_string()
                .contains("root_region")
        );
        let mut c = Config::default();
        c.sms.sender = "carrier-pigeon".into();
        assert!(
            c.validate()
                .unwrap_err()
                .to_string()
                .contains("YIWANG_SMS__SENDER")
        );
    }

    #[test]
    #[allow(clippy::result_large_err)]
    fn numeric_environment_values_are_read_as_text() {
        figment::Jail::expect_with(|jail| {
            jail.set_env("YIWANG_ROOT_REGION", "511602");
            jail.set_env("YIWANG_METRICS_TOKEN", "123456");
            let c = load(None).map_err(|e| e.to_string())?;
            assert_eq!(c.root_region, "511602");
            assert_eq!(c.metrics_token.as_deref(), Some("123456"));
            Ok(())
        });
    }

    #[test]
    #[allow(clippy::result_large_err)]
    fn a_deployment_names_its_open_data_licences_in_toml_and_a_bad_one_stops_the_start() {
        figment::Jail::expect_with(|jail| {
            jail.create_file(
                "yiwang.toml",
                r#"
                [[open_data.licences]]
                id = "cq-open-data-2.0"
                title = "重庆市公共数据开放许可协议 2.0"
                url = "https://data.cq.gov.cn/licence"
                "#,
            )?;
            let c = load(None).map_err(|e| e.to_string())?;
            assert_eq!(c.open_data.licences.len(), 1);
            assert_eq!(c.open_data.licences[0].id, "cq-open-data-2.0");
            assert!(c.open_data.licences[0].open);
            jail.create_file(
                "yiwang.toml",
                "[[open_data.licences]]\nid = \"cc-by-4.0\"\ntitle = \"again\"\n",
            )?;
            let e = load(None).unwrap_err().to_string();
            assert!(e.contains("open_data.licences"), "{e}");
            Ok(())
        });
        assert_eq!(
            Config::default().open_data.licences[0].id,
            "gov-open-data-1.0"
        );
    }

    #[test]
    fn metrics_are_served_on_loopback_apart_from_the_site_unless_turned_off() {
        let r = Config::default().resolve().unwrap();
        let metrics = r.metrics_listen.unwrap();
        assert!(metrics.ip().is_loopback());
        assert_ne!(metrics, r.listen);
        let off = Config {
            metrics_listen: "off".into(),
            ..Config::default()
        };
        assert_eq!(off.resolve().unwrap().metrics_listen, None);
        let same = Config {
            metrics_listen: Config::default().listen,
            ..Config::default()
        };
        assert!(same.validate().is_err(), "never on the site's listener");
    }

    #[test]
    fn postgres_refuses_to_start_without_shared_keys() {
        let c = Config::default();
        assert!(
            c.keys(true)
                .unwrap_err()
                .to_string()
                .contains("encryption_key")
        );
    }
}
