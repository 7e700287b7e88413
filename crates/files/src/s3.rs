//! Files in a bucket of S3-compatible object storage (AWS S3, MinIO, Ceph RGW, Aliyun OSS…),
//! through the `object_store` crate. Requests are signed with AWS Signature V4 from static
//! credentials given in the configuration; nothing is read from `AWS_*` variables or instance
//! metadata, so what the platform uses is exactly what its configuration says.

use std::fmt;
use std::time::Duration;

use object_store::aws::{AmazonS3, AmazonS3Builder};
use object_store::path::Path;
use object_store::{ClientOptions, ObjectStoreExt, PutPayload, RetryConfig};

/// Where the bucket is and how to sign in. `Debug` hides the secret.
#[derive(Clone, Default)]
pub struct S3Settings {
    /// The bucket's name.
    pub bucket: String,
    /// The service's URL, for anything but AWS itself (MinIO, Ceph, OSS…); `None` for AWS,
    /// whose endpoint follows from the region.
    pub endpoint: Option<String>,
    /// The region (`us-east-1` suits MinIO and most S3-compatible servers).
    pub region: String,
    /// The access key id.
    pub access_key_id: String,
    /// The secret access key.
    pub secret_access_key: String,
    /// Allows a plain `http://` endpoint: for test servers on the local machine only.
    pub allow_http: bool,
    /// Addresses the bucket as `https://<bucket>.<host>/` instead of `https://<host>/<bucket>/`
    /// (Aliyun OSS accepts only this; the endpoint then includes the bucket).
    pub virtual_hosted_style: bool,
    /// Keys are stored under this prefix (`a/b`), when the bucket is shared with others.
    pub prefix: Option<String>,
}

impl fmt::Debug for S3Settings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("S3Settings")
            .field("bucket", &self.bucket)
            .field("endpoint", &self.endpoint)
            .field("region", &self.region)
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"***")
            .field("allow_http", &self.allow_http)
            .field("virtual_hosted_style", &self.virtual_hosted_style)
            .field("prefix", &self.prefix)
            .finish()
    }
}

/// A connected bucket (connections are made on first use).
#[derive(Clone)]
pub struct S3Bucket {
    store: AmazonS3,
    prefix: Option<String>,
    description: String,
}

/// Turns the crate's error into an I/O error whose kind tells a missing bucket or object
/// (`NotFound`) and refused credentials (`PermissionDenied`) from the rest.
fn io(e: object_store::Error) -> std::io::Error {
    use std::io::ErrorKind;
    let kind = match &e {
        object_store::Error::NotFound { .. } => ErrorKind::NotFound,
        object_store::Error::PermissionDenied { .. }
        | object_store::Error::Unauthenticated { .. } => ErrorKind::PermissionDenied,
        _ => ErrorKind::Other,
    };
    std::io::Error::new(kind, e)
}

impl S3Bucket {
    /// A client for the bucket. Requests time out after a minute (an upload is at most
    /// 20 MiB) and are retried briefly: a request waits seconds, not the crate's default
    /// three minutes, before an error reaches the applicant or the start-up check.
    pub fn new(s: S3Settings) -> std::io::Result<S3Bucket> {
        let prefix = match s.prefix.as_deref().map(|p| p.trim_matches('/')) {
            None | Some("") => None,
            Some(p) if super::valid_key(p) => Some(p.to_owned()),
            Some(p) => {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    format!("the prefix {p:?} may only hold letters, digits, '-', '_' and '/'"),
                ));
            }
        };
        // HTTPS to the bucket goes through rustls with the ring provider (installed once per
        // process; a second install is refused and harmless), not AWS-LC: see ARCHITECTURE.md.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut builder = AmazonS3Builder::new()
            .with_bucket_name(&s.bucket)
            .with_region(&s.region)
            .with_access_key_id(&s.access_key_id)
            .with_secret_access_key(&s.secret_access_key)
            .with_virtual_hosted_style_request(s.virtual_hosted_style)
            .with_client_options(
                ClientOptions::new()
                    .with_allow_http(s.allow_http)
                    .with_connect_timeout(Duration::from_secs(5))
                    .with_timeout(Duration::from_secs(60)),
            )
            .with_retry(RetryConfig {
                max_retries: 3,
                retry_timeout: Duration::from_secs(15),
                ..RetryConfig::default()
            });
        if let Some(endpoint) = &s.endpoint {
            builder = builder.with_endpoint(endpoint);
        }
        let store = builder.build().map_err(io)?;
        let description = format!(
            "S3 bucket {} at {}{}",
            s.bucket,
            s.endpoint.as_deref().unwrap_or("AWS"),
            prefix
                .as_deref()
                .map(|p| format!(" under {p}/"))
                .unwrap_or_default()
        );
        Ok(S3Bucket {
            store,
            prefix,
            description,
        })
    }

    pub(super) fn describe(&self) -> String {
        self.description.clone()
    }

    /// The object's path: the key (already checked) under the prefix.
    fn path(&self, key: &str) -> std::io::Result<Path> {
        let full = match &self.prefix {
            Some(p) => format!("{p}/{key}"),
            None => key.to_owned(),
        };
        Path::parse(full).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))
    }

    /// One `PUT`: S3 stores the whole object or nothing, and answers only once it is durable.
    pub(super) async fn put(&self, key: &str, bytes: &[u8]) -> std::io::Result<()> {
        let path = self.path(key)?;
        self.store
            .put(&path, PutPayload::from(bytes.to_vec()))
            .await
            .map(|_| ())
            .map_err(io)
    }

    pub(super) async fn get(&self, key: &str) -> std::io::Result<Option<Vec<u8>>> {
        let path = self.path(key)?;
        let got = match self.store.get(&path).await {
            Ok(got) => got,
            Err(object_store::Error::NotFound { .. }) => return Ok(None),
            Err(e) => return Err(io(e)),
        };
        Ok(Some(got.bytes().await.map_err(io)?.to_vec()))
    }

    pub(super) async fn delete(&self, key: &str) -> std::io::Result<()> {
        let path = self.path(key)?;
        match self.store.delete(&path).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(io(e)),
        }
    }
}
