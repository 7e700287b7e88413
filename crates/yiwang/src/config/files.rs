//! The `[files]` table: where uploaded files are kept. A local directory (`<data_dir>/files`)
//! unless `backend = "s3"` names a bucket of S3-compatible object storage.

use std::fmt;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use yiwang_files::FileStore;
use yiwang_files::s3::S3Settings;

use super::{Config, ConfigError, bad, opt_text, text};

/// Where uploaded files are kept. `Debug` hides the secret.
#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FilesConfig {
    /// `local` (a directory in the data dir) or `s3`.
    #[serde(deserialize_with = "text")]
    pub backend: String,
    /// The bucket, for `s3`.
    #[serde(default, deserialize_with = "opt_text")]
    pub bucket: Option<String>,
    /// The object store's URL (MinIO, Ceph, OSS…); none for AWS itself.
    #[serde(default, deserialize_with = "opt_text")]
    pub endpoint: Option<String>,
    /// The region; `us-east-1` when not set (what MinIO and most others expect).
    #[serde(default, deserialize_with = "opt_text")]
    pub region: Option<String>,
    /// The access key id.
    #[serde(default, deserialize_with = "opt_text")]
    pub access_key_id: Option<String>,
    /// The secret access key.
    #[serde(default, deserialize_with = "opt_text")]
    pub secret_access_key: Option<String>,
    /// A file holding the secret access key.
    pub secret_access_key_file: Option<PathBuf>,
    /// Allows an `http://` endpoint on this machine (a test server); never across a network.
    #[serde(default)]
    pub allow_http: bool,
    /// Addresses the bucket as a host name (`https://bucket.host/`), as Aliyun OSS requires.
    #[serde(default)]
    pub virtual_hosted_style: bool,
    /// Keep the files under this prefix of the bucket (`yiwang/prod`).
    #[serde(default, deserialize_with = "opt_text")]
    pub prefix: Option<String>,
}

impl Default for FilesConfig {
    fn default() -> Self {
        FilesConfig {
            backend: "local".into(),
            bucket: None,
            endpoint: None,
            region: None,
            access_key_id: None,
            secret_access_key: None,
            secret_access_key_file: None,
            allow_http: false,
            virtual_hosted_style: false,
            prefix: None,
        }
    }
}

impl fmt::Debug for FilesConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FilesConfig")
            .field("backend", &self.backend)
            .field("bucket", &self.bucket)
            .field("endpoint", &self.endpoint)
            .field("region", &self.region)
            .field("access_key_id", &self.access_key_id)
            .field(
                "secret_access_key",
                &self.secret_access_key.as_ref().map(|_| "***"),
            )
            .field("secret_access_key_file", &self.secret_access_key_file)
            .field("allow_http", &self.allow_http)
            .field("virtual_hosted_style", &self.virtual_hosted_style)
            .field("prefix", &self.prefix)
            .finish()
    }
}

/// S3's bucket naming rules: 3–63 lower-case letters, digits, `-` and `.`, starting and
/// ending with a letter or digit.
fn valid_bucket(name: &str) -> bool {
    let edge = |b: Option<u8>| b.is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    (3..=63).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.')
        && edge(name.bytes().next())
        && edge(name.bytes().last())
}

/// Whether an `http://` URL points at this machine.
fn loopback_http(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("http://") else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => authority.split(':').next().unwrap_or_default(),
    };
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

impl FilesConfig {
    /// Checks the table: a known backend, and for `s3` what it needs; settings of `s3` given
    /// with the `local` backend are refused rather than silently ignored.
    pub fn validate(&self) -> Result<(), ConfigError> {
        match self.backend.as_str() {
            "local" => {
                let stray = [
                    ("files.bucket", self.bucket.is_some()),
                    ("files.endpoint", self.endpoint.is_some()),
                    ("files.region", self.region.is_some()),
                    ("files.access_key_id", self.access_key_id.is_some()),
                    ("files.secret_access_key", self.secret_access_key.is_some()),
                    (
                        "files.secret_access_key_file",
                        self.secret_access_key_file.is_some(),
                    ),
                    ("files.allow_http", self.allow_http),
                    ("files.virtual_hosted_style", self.virtual_hosted_style),
                    ("files.prefix", self.prefix.is_some()),
                ];
                if let Some((key, _)) = stray.iter().find(|(_, set)| *set) {
                    return Err(bad(
                        key,
                        "is set but files.backend is \"local\"; set files.backend = \"s3\" to use object storage",
                    ));
                }
                Ok(())
            }
            "s3" => self.validate_s3(),
            other => Err(bad(
                "files.backend",
                format!("unknown backend {other:?}; use \"local\" or \"s3\""),
            )),
        }
    }

    fn validate_s3(&self) -> Result<(), ConfigError> {
        match self.bucket.as_deref() {
            None => {
                return Err(bad(
                    "files.bucket",
                    "is required when files.backend is \"s3\"",
                ));
            }
            Some(b) if !valid_bucket(b) => {
                return Err(bad(
                    "files.bucket",
                    format!("{b:?} is not a bucket name (3–63 of a-z, 0-9, '-', '.')"),
                ));
            }
            Some(_) => {}
        }
        match self.endpoint.as_deref() {
            Some(e) if e.starts_with("https://") => {}
            Some(e) if e.starts_with("http://") => {
                if !self.allow_http {
                    return Err(bad(
                        "files.endpoint",
                        format!(
                            "{e:?} is plain http; use https (files.allow_http is for a test server on this machine)"
                        ),
                    ));
                }
                if !loopback_http(e) {
                    return Err(bad(
                        "files.allow_http",
                        format!(
                            "plain http is allowed only to this machine, not to {e:?}: files hold personal documents; put TLS in front of the object store"
                        ),
                    ));
                }
            }
            Some(e) => {
                return Err(bad(
                    "files.endpoint",
                    format!("{e:?} must start with https://"),
                ));
            }
            None if self.allow_http => {
                return Err(bad(
                    "files.allow_http",
                    "needs files.endpoint (a test server on this machine)",
                ));
            }
            None => {}
        }
        if let (true, Some(e), Some(b)) = (
            self.virtual_hosted_style,
            self.endpoint.as_deref(),
            self.bucket.as_deref(),
        ) {
            let host = e.split_once("://").map(|(_, h)| h).unwrap_or(e);
            if !host.starts_with(&format!("{b}.")) {
                return Err(bad(
                    "files.endpoint",
                    format!(
                        "with files.virtual_hosted_style the endpoint names the bucket: https://{b}.<host>, not {e:?}"
                    ),
                ));
            }
        }
        if self.access_key_id.is_none() {
            return Err(bad(
                "files.access_key_id",
                "is required when files.backend is \"s3\"",
            ));
        }
        if self.secret_access_key.is_none() && self.secret_access_key_file.is_none() {
            return Err(bad(
                "files.secret_access_key",
                "is required when files.backend is \"s3\" (or files.secret_access_key_file)",
            ));
        }
        if let Some(p) = &self.prefix {
            let p = p.trim_matches('/');
            if !p.is_empty() && !yiwang_files::valid_key(p) {
                return Err(bad(
                    "files.prefix",
                    format!("{p:?} may only hold letters, digits, '-', '_' and '/'"),
                ));
            }
        }
        Ok(())
    }
}

impl Config {
    /// The file store the configuration describes (reading the secret from its file). Whether
    /// a bucket is usable is checked at start by `serve`.
    pub fn file_store(&self) -> Result<FileStore, ConfigError> {
        let f = &self.files;
        f.validate()?;
        if f.backend != "s3" {
            return Ok(FileStore::local(self.data_dir.join("files")));
        }
        let secret = self
            .secret(
                "files.secret_access_key",
                &f.secret_access_key,
                &f.secret_access_key_file,
            )?
            .unwrap_or_default();
        FileStore::s3(S3Settings {
            bucket: f.bucket.clone().unwrap_or_default(),
            endpoint: f.endpoint.clone(),
            region: f.region.clone().unwrap_or_else(|| "us-east-1".into()),
            access_key_id: f.access_key_id.clone().unwrap_or_default(),
            secret_access_key: secret,
            allow_http: f.allow_http,
            virtual_hosted_style: f.virtual_hosted_style,
            prefix: f.prefix.clone(),
        })
        .map_err(|e| bad("files.endpoint", e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::load;

    fn s3() -> FilesConfig {
        FilesConfig {
            backend: "s3".into(),
            bucket: Some("yiwang-files".into()),
            endpoint: Some("https://minio.internal:9000".into()),
            access_key_id: Some("AKIDEXAMPLE".into()),
            secret_access_key: Some("wJalrXUtnFEMI-very-secret".into()),
            ..FilesConfig::default()
        }
    }

    fn error(f: FilesConfig) -> String {
        f.validate().unwrap_err().to_string()
    }

    #[test]
    fn a_bad_backend_name_stops_the_start_naming_the_key() {
        let e = error(FilesConfig {
            backend: "ftp".into(),
            ..FilesConfig::default()
        });
        assert!(
            e.contains("files.backend")
                && e.contains("YIWANG_FILES__BACKEND")
                && e.contains("\"ftp\"")
                && e.contains("\"local\" or \"s3\""),
            "{e}"
        );
    }

    #[test]
    fn s3_needs_a_bucket_credentials_and_https() {
        assert!(s3().validate().is_ok());
        let e = error(FilesConfig {
            bucket: None,
            ..s3()
        });
        assert!(e.contains("YIWANG_FILES__BUCKET"), "{e}");
        let e = error(FilesConfig {
            bucket: Some("Has_Capitals".into()),
            ..s3()
        });
        assert!(e.contains("files.bucket"), "{e}");
        let e = error(FilesConfig {
            access_key_id: None,
            ..s3()
        });
        assert!(e.contains("files.access_key_id"), "{e}");
        let e = error(FilesConfig {
            secret_access_key: None,
            ..s3()
        });
        assert!(e.contains("files.secret_access_key"), "{e}");
        let ok = FilesConfig {
            secret_access_key: None,
            secret_access_key_file: Some("/run/secrets/s3".into()),
            ..s3()
        };
        assert!(ok.validate().is_ok());
        let e = error(FilesConfig {
            endpoint: Some("http://minio.internal:9000".into()),
            ..s3()
        });
        assert!(e.contains("files.endpoint") && e.contains("https"), "{e}");
        let e = error(FilesConfig {
            endpoint: Some("http://minio.internal:9000".into()),
            allow_http: true,
            ..s3()
        });
        assert!(e.contains("files.allow_http"), "{e}");
        for local in [
            "http://127.0.0.1:5000",
            "http://localhost:9000/",
            "http://[::1]:9000",
        ] {
            let c = FilesConfig {
                endpoint: Some(local.into()),
                allow_http: true,
                ..s3()
            };
            assert!(c.validate().is_ok(), "{local}");
        }
        let e = error(FilesConfig {
            prefix: Some("../other".into()),
            ..s3()
        });
        assert!(e.contains("files.prefix"), "{e}");
        let e = error(FilesConfig {
            endpoint: Some("https://oss-cn-chengdu.aliyuncs.com".into()),
            virtual_hosted_style: true,
            ..s3()
        });
        assert!(
            e.contains("files.endpoint") && e.contains("https://yiwang-files."),
            "{e}"
        );
        assert!(
            FilesConfig {
                prefix: Some("/yiwang/prod/".into()),
                ..s3()
            }
            .validate()
            .is_ok()
        );
    }

    #[test]
    fn s3_settings_with_the_local_backend_are_refused_not_ignored() {
        let e = error(FilesConfig {
            backend: "local".into(),
            ..s3()
        });
        assert!(e.contains("files.bucket") && e.contains("\"s3\""), "{e}");
        assert!(FilesConfig::default().validate().is_ok());
    }

    #[test]
    fn the_secret_never_appears_in_debug_output() {
        let c = Config {
            files: s3(),
            ..Config::default()
        };
        let shown = format!("{c:?} {:?}", c.files);
        assert!(!shown.contains("very-secret"), "{shown}");
        assert!(
            shown.contains("yiwang-files") && shown.contains("***"),
            "{shown}"
        );
        let store = c.file_store().unwrap();
        assert!(!store.describe().contains("very-secret"));
    }

    #[test]
    #[allow(clippy::result_large_err)]
    fn files_are_configured_from_toml_and_the_environment() {
        figment::Jail::expect_with(|jail| {
            jail.create_file("secret", "from-a-file\n")?;
            jail.create_file(
                "yiwang.toml",
                r#"
                [files]
                backend = "s3"
                bucket = "yiwang-files"
                endpoint = "https://yiwang-files.oss-cn-chengdu.aliyuncs.com"
                region = "oss-cn-chengdu"
                virtual_hosted_style = true
                prefix = "guang-an"
                "#,
            )?;
            jail.set_env("YIWANG_FILES__ACCESS_KEY_ID", "1234567");
            jail.set_env("YIWANG_FILES__SECRET_ACCESS_KEY_FILE", "secret");
            let c = load(None).map_err(|e| e.to_string())?;
            assert_eq!(c.files.backend, "s3");
            assert_eq!(c.files.region.as_deref(), Some("oss-cn-chengdu"));
            assert_eq!(c.files.access_key_id.as_deref(), Some("1234567"));
            assert!(c.files.virtual_hosted_style && !c.files.allow_http);
            let secret = c
                .secret(
                    "files.secret_access_key",
                    &c.files.secret_access_key,
                    &c.files.secret_access_key_file,
                )
                .map_err(|e| e.to_string())?;
            assert_eq!(secret.as_deref(), Some("from-a-file"));
            let store = c.file_store().map_err(|e| e.to_string())?;
            assert!(store.describe().contains("yiwang-files"));

            jail.set_env("YIWANG_FILES__BACKEND", "nfs");
            let e = load(None).unwrap_err().to_string();
            assert!(e.contains("YIWANG_FILES__BACKEND"), "{e}");
            jail.set_env("YIWANG_FILES__BACKEND", "s3");
            jail.set_env("YIWANG_FILES__BUKET", "typo");
            let e = load(None).unwrap_err().to_string();
            assert!(e.contains("buket"), "{e}");
            Ok(())
        });
    }

    #[test]
    fn the_default_is_the_local_directory() {
        let c = Config::default();
        assert_eq!(c.files.backend, "local");
        let store = c.file_store().unwrap();
        assert!(store.describe().contains("files"), "{}", store.describe());
    }
}
