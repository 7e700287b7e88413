//! Where uploaded files' bytes live (APP-2): one [`FileStore`] with the same `put`/`get` for
//! every backend, so the upload path never knows which one it talks to.
//!
//! - [`local`]: a directory (`<data_dir>/files`), the default. Writes go to a temporary name
//!   and are renamed into place after `fsync`, so a crash never leaves half a file under a
//!   real key.
//! - [`s3`]: a bucket of S3-compatible object storage (AWS S3, MinIO, Ceph RGW, Aliyun OSS…),
//!   chosen by configuration, for several instances that must all see the same files. An
//!   object is visible only once the whole body has been stored, so S3 needs no rename trick.
//!
//! Both accept only the keys the platform makes (`uploads/<uuid>`), checked here once. Every
//! file passes the virus-scan hook before it is kept; the built-in scanner recognises the
//! EICAR test file, so deployments can prove the hook is wired, and a real scanner (ClamAV over
//! its socket) plugs in as another [`Scanner`]. Who may read a file is decided by the caller
//! (`services::applications::uploads::read`); the bucket itself stays private and the platform
//! hands out no direct links to it.

pub mod local;
pub mod s3;

use std::path::PathBuf;
use std::sync::Arc;

/// What a scanner says of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScanVerdict {
    /// Nothing found.
    Clean,
    /// Malware (or the test signature) found: the file is refused.
    Infected,
}

/// A virus scanner.
pub trait Scanner: Send + Sync {
    /// Scans a whole file.
    fn scan(&self, bytes: &[u8]) -> ScanVerdict;
}

/// Recognises only the EICAR anti-virus test file: the hook's self-test.
pub struct EicarOnly;

const EICAR: &[u8] = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

impl Scanner for EicarOnly {
    fn scan(&self, bytes: &[u8]) -> ScanVerdict {
        if bytes.windows(EICAR.len()).any(|w| w == EICAR) {
            ScanVerdict::Infected
        } else {
            ScanVerdict::Clean
        }
    }
}

/// Whether `key` is one the platform could have made: `/`-separated segments of ASCII
/// letters, digits, `-` and `_`, at most 200 bytes. Anything else is refused, so a key can
/// never climb out of the directory (`..`) or name an object outside the store's prefix.
pub fn valid_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= 200
        && key.split('/').all(|p| {
            !p.is_empty()
                && p.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
}

#[derive(Clone)]
enum Backend {
    Local(local::LocalDir),
    S3(s3::S3Bucket),
}

/// The file store.
#[derive(Clone)]
pub struct FileStore {
    backend: Backend,
    scanner: Arc<dyn Scanner>,
}

fn invalid_key() -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidInput, "invalid file key")
}

impl FileStore {
    /// Files under a local directory (created when first written).
    pub fn local(root: impl Into<PathBuf>) -> FileStore {
        FileStore {
            backend: Backend::Local(local::LocalDir::new(root.into())),
            scanner: Arc::new(EicarOnly),
        }
    }

    /// Files in an S3-compatible bucket. Fails only on settings that cannot work (a bad
    /// endpoint URL or prefix); whether the bucket is usable is [`FileStore::check`]'s job.
    pub fn s3(settings: s3::S3Settings) -> std::io::Result<FileStore> {
        Ok(FileStore {
            backend: Backend::S3(s3::S3Bucket::new(settings)?),
            scanner: Arc::new(EicarOnly),
        })
    }

    /// Uses another scanner.
    pub fn with_scanner(mut self, scanner: Arc<dyn Scanner>) -> FileStore {
        self.scanner = scanner;
        self
    }

    /// Scans bytes with the configured scanner.
    pub fn scan(&self, bytes: &[u8]) -> ScanVerdict {
        self.scanner.scan(bytes)
    }

    /// Where the files are, for logs (no credentials).
    pub fn describe(&self) -> String {
        match &self.backend {
            Backend::Local(d) => d.describe(),
            Backend::S3(b) => b.describe(),
        }
    }

    /// Stores bytes under a key, durably: once this returns `Ok`, the file survives a crash
    /// of this process or machine.
    pub async fn put(&self, key: &str, bytes: &[u8]) -> std::io::Result<()> {
        if !valid_key(key) {
            return Err(invalid_key());
        }
        match &self.backend {
            Backend::Local(d) => d.put(key, bytes).await,
            Backend::S3(b) => b.put(key, bytes).await,
        }
    }

    /// Reads a file; `None` when absent (or when the key is not one the platform makes).
    pub async fn get(&self, key: &str) -> std::io::Result<Option<Vec<u8>>> {
        if !valid_key(key) {
            return Ok(None);
        }
        match &self.backend {
            Backend::Local(d) => d.get(key).await,
            Backend::S3(b) => b.get(key).await,
        }
    }

    async fn delete(&self, key: &str) -> std::io::Result<()> {
        if !valid_key(key) {
            return Err(invalid_key());
        }
        match &self.backend {
            Backend::Local(d) => d.delete(key).await,
            Backend::S3(b) => b.delete(key).await,
        }
    }

    /// Proves the store is usable, at start: writes a small probe file, reads it back and
    /// deletes it. The error's kind says what went wrong: `NotFound` (no such bucket),
    /// `PermissionDenied` (credentials refused), anything else (unreachable, misconfigured).
    pub async fn check(&self) -> std::io::Result<()> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        let key = format!("probe-{}-{nanos}", std::process::id());
        let body = format!("yiwang file store probe {nanos}");
        self.put(&key, body.as_bytes()).await?;
        let back = self.get(&key).await;
        // Delete before judging the read, so a failed check leaves nothing behind.
        let deleted = self.delete(&key).await;
        match back? {
            Some(b) if b == body.as_bytes() => {}
            Some(_) => {
                return Err(std::io::Error::other(
                    "the probe file read back differently",
                ));
            }
            None => {
                return Err(std::io::Error::other(
                    "the probe file vanished after writing",
                ));
            }
        }
        deleted
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_keys_the_platform_makes_are_valid() {
        assert!(valid_key("uploads/0190f1a2-7c3e-7b6a-9d4e-0123456789ab"));
        assert!(valid_key("probe-1-2"));
        for bad in [
            "",
            "/uploads/x",
            "uploads/",
            "uploads//x",
            "uploads/../keys/encryption",
            "..",
            "uploads/x.pdf",
            "uploads/x y",
            "uploads\\x",
            "上传/x",
        ] {
            assert!(!valid_key(bad), "{bad:?} should be refused");
        }
        assert!(!valid_key(&"a".repeat(201)));
    }

    #[tokio::test]
    async fn an_https_bucket_gets_a_tls_client_and_an_unreachable_one_is_an_error_not_a_panic() {
        // The TLS client needs a crypto provider (ring, installed by the store): building it,
        // and failing to connect, must both be ordinary results.
        let store = FileStore::s3(s3::S3Settings {
            bucket: "uploads".into(),
            endpoint: Some("https://127.0.0.1:9".into()),
            region: "us-east-1".into(),
            access_key_id: "key".into(),
            secret_access_key: "secret".into(),
            allow_http: false,
            virtual_hosted_style: false,
            prefix: None,
        })
        .unwrap();
        assert!(store.get("probe-1-2").await.is_err());
    }

    #[tokio::test]
    async fn the_local_store_keeps_files_and_refuses_bad_keys() {
        let root = std::env::temp_dir().join(format!(
            "yiwang-files-test-{}-{}",
            std::process::id(),
            line!()
        ));
        let files = FileStore::local(&root);
        files.check().await.unwrap();
        assert_eq!(files.get("uploads/nothing").await.unwrap(), None);
        files.put("uploads/a", b"%PDF-1.4 a").await.unwrap();
        assert_eq!(
            files.get("uploads/a").await.unwrap().as_deref(),
            Some(&b"%PDF-1.4 a"[..])
        );
        let e = files.put("../escape", b"x").await.unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::InvalidInput);
        assert!(!root.parent().unwrap().join("escape").exists());
        assert_eq!(files.get("../uploads/a").await.unwrap(), None);
        // The probe left nothing behind, and no temporary file is left either.
        let mut names: Vec<String> = std::fs::read_dir(&root)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["uploads"]);
        let inside: Vec<_> = std::fs::read_dir(root.join("uploads"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(inside, ["a"]);
        std::fs::remove_dir_all(&root).unwrap();
    }
}
